"""The base of every admin in the portal (lookup guard, native date inputs, records, inlines); the site is the
shell's (``defus.admin.DefusAdminSite``)."""

from django import forms
from django.contrib import admin
from django.contrib.admin import widgets as admin_widgets
from django.contrib.admin.filters import SimpleListFilter
from django.contrib.admin.utils import get_fields_from_path
from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models.constants import LOOKUP_SEP

from kernel.secret_names import is_secret_name

# What the admin's own filters put into the URL after a declared field's path.
_FILTER_SUFFIXES = frozenset(
    {"exact", "iexact", "isnull", "isempty", "in", "gt", "gte", "lt", "lte", "year", "month", "day", "range"}
)


class SafeLookupsAdmin(admin.ModelAdmin):
    """Lists filter only by what they declare; nothing reaches a secret field.

    Django's admin accepts any lookup on a model's own fields in the URL, so without this
    ``?password__startswith=pbkdf2_sha256$1`` on the people list answers with a count, one
    character at a time. Allowed are: the declared ``list_filter`` fields (as the admin's own
    filter links spell them), the ``date_hierarchy``, the raw-id popups' ``limit_choices_to``;
    search only through ``search_fields`` without secrets. Every admin of the portal is one of
    these (DefusAdminSite.register wraps any other).
    """

    def lookup_allowed(self, lookup, value, request):
        parts = lookup.split(LOOKUP_SEP)
        if any(is_secret_name(part) for part in parts):
            return False
        for fk_lookup in self.model._meta.related_fkey_lookups:
            if callable(fk_lookup):
                fk_lookup = fk_lookup()
            if (lookup, value) in admin_widgets.url_params_from_lookup_dict(fk_lookup).items():
                return True
        return self._declared_lookup(lookup, request) and super().lookup_allowed(lookup, value, request)

    def _declared_lookup(self, lookup, request) -> bool:
        paths = {self.date_hierarchy} if self.date_hierarchy else set()
        for item in self.get_list_filter(request):
            if isinstance(item, type) and issubclass(item, SimpleListFilter):
                if lookup == item.parameter_name:
                    return True
            elif isinstance(item, (list, tuple)):
                paths.add(item[0])
            elif isinstance(item, str):
                paths.add(item)
        for path in paths:
            if lookup == path:
                return True
            if not lookup.startswith(path + LOOKUP_SEP):
                continue
            rest = lookup[len(path) + len(LOOKUP_SEP) :].split(LOOKUP_SEP)
            if len(rest) == 1 and rest[0] in _FILTER_SUFFIXES:
                return True
            if len(rest) == 2 and rest[1] in _FILTER_SUFFIXES and rest[0] in self._target_names(path):
                return True
        return False

    def _target_names(self, path) -> set[str]:
        """A relation filter names the related row by its key: ``organisation__id__exact``."""
        try:
            field = get_fields_from_path(self.model, path)[-1]
        except FieldDoesNotExist:
            return set()
        if not field.is_relation:
            return set()
        return {"pk", field.target_field.name}

    def get_search_fields(self, request):
        return [name for name in super().get_search_fields(request) if not _searches_a_secret(name)]


def _searches_a_secret(search_field: str) -> bool:
    return any(is_secret_name(part) for part in search_field.lstrip("^=@").split(LOOKUP_SEP))


class _NativeDateWidgets:
    """Native date inputs instead of the admin's calendar shortcuts.

    The shortcut links' accessible names do not match their visible text
    (WCAG 2.5.3), and the browser's own date picker is keyboard-accessible.
    """

    formfield_overrides = {
        models.DateField: {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")},
        models.DateTimeField: {
            # One input, so one field: the admin's default (SplitDateTimeField) expects date and time apart
            # and refused every value of this widget ("Enter a list of values").
            "form_class": forms.DateTimeField,
            "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        },
    }


class PortalModelAdmin(_NativeDateWidgets, SafeLookupsAdmin):
    """The base of every admin in the portal."""


class RecordAdmin(PortalModelAdmin):
    """Records of what happened (audit log, digest runs, kept tasks): shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class PortalTabularInline(_NativeDateWidgets, admin.TabularInline):
    pass


class ReadOnlyTabularInline(PortalTabularInline):
    """Rows shown beside their parent but changed elsewhere (their own form, a service, an action)."""

    extra = 0
    can_delete = False

    def get_readonly_fields(self, request, obj=None):
        return self.fields

    def has_add_permission(self, request, obj=None):
        return False
