"""Choosers that scale: pick people, organisations or groups by typing, never from a list of all of them.

At Efus size (6,000 people, 315 organisations, 210 working groups) a form that renders every row as an option
is slow and unusable. A chooser renders only what is chosen and a search field. With JavaScript
(static/js/chooser.js) the field is an ARIA combobox asking ``chooser_search`` for at most ``LIMIT`` matches;
without it, a "Search" submit re-renders the form with the matches as checkboxes or radio buttons.

A *kind* names one permitted queryset (``queryset(user)``). The form field and the search view both take their
rows from it, so who may pick what is written once; the field still validates against the whole permitted
queryset.
"""

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass

from django import forms
from django.db.models import Q, QuerySet
from django.forms.utils import ErrorDict, flatatt
from django.http import JsonResponse
from django.urls import reverse
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, pgettext

from kernel.contributions import ByName
from kernel.text import single_line

LIMIT = 20
MIN_LENGTH = 2
# The no-JavaScript search button's name: a POST carrying it is a search, never a save.
SEARCH_BUTTON = "chooser_search"


@dataclass(frozen=True)
class Kind:
    name: str
    queryset: Callable[..., QuerySet]
    search_fields: tuple[str, ...]
    ordering: tuple[str, ...]
    label: Callable[[object], str] = str
    select_related: tuple[str, ...] = ()
    # What to type, under the field (the search fields differ from kind to kind).
    hint: str = gettext_lazy("Type at least two letters of the name or title, then choose from the matches.")


# Every kind the installed apps declare (``choosers`` on their AppConfig), by name.
KINDS = ByName("choosers")


def define(name, *, queryset, search_fields, ordering, label=str, select_related=(), hint=None) -> Kind:
    """``queryset(user=...)`` returns the rows ``user`` may pick; defined in the app that owns the rows and
    declared on its AppConfig, so the search view finds it by name."""
    kind = Kind(name, queryset, tuple(search_fields), tuple(ordering), label, tuple(select_related))
    if hint is not None:
        kind = dataclasses.replace(kind, hint=hint)
    return kind


def search(kind: Kind, *, user, term: str, queryset=None, exclude=()) -> list:
    """At most ``LIMIT`` rows of the permitted queryset matching every word of ``term`` (case-insensitive)."""
    # NUL and other control characters are spaces: PostgreSQL refuses NUL in a parameter (a server error).
    words = single_line(term).split()
    if len("".join(words)) < MIN_LENGTH:
        return []
    condition = Q()
    for word in words[:5]:
        any_field = Q()
        for field in kind.search_fields:
            any_field |= Q(**{f"{field}__icontains": word})
        condition &= any_field
    rows = queryset if queryset is not None else kind.queryset(user=user)
    rows = rows.filter(condition).exclude(pk__in=list(exclude))
    if kind.select_related:
        rows = rows.select_related(*kind.select_related)
    return list(rows.order_by(*kind.ordering, "pk")[:LIMIT])


def chooser_search(request, kind):
    """JSON ``{"results": [{"id", "label"}]}``: at most ``LIMIT`` matches for ``?q=`` among the rows the form takes."""
    try:
        chosen = KINDS[kind]
    except KeyError:
        return JsonResponse({"error": "unknown"}, status=404)
    if not request.user.has_perm("members.access_portal"):
        return JsonResponse({"error": "forbidden"}, status=403)
    rows = search(chosen, user=request.user, term=request.GET.get("q", "")[:100])
    return JsonResponse({"results": [{"id": row.pk, "label": chosen.label(row)} for row in rows]})


def is_search(request) -> bool:
    """A POST from a chooser's "Search" button (no JavaScript): show matches, save nothing."""
    return request.method == "POST" and SEARCH_BUTTON in request.POST


def show_without_errors(form):
    """A form re-rendered after a search keeps what was typed, but marks nothing as wrong yet."""
    form.full_clean()
    form._errors = ErrorDict()
    return form


def _pks(values) -> list[int]:
    # Only well-formed ids reach the database; anything else is left for the field to reject.
    # isdigit() alone lets "¹" or "²" through, which int() refuses: ASCII digits only.
    return [int(v) for v in values if str(v).isascii() and str(v).isdigit() and len(str(v)) < 10]


class ChooserWidget(forms.Widget):
    """Renders the chosen rows, a search field and (after a search without JavaScript) the matches; never all."""

    multiple = False

    def __init__(self, attrs=None, *, kind: Kind, search_button: bool = True):
        super().__init__(attrs)
        self.kind = kind
        self.search_button = search_button
        self.term = ""
        self.unique_match = None
        self._found = None

    def _field(self):
        return self.choices.field

    def matches(self) -> list:
        """The rows the typed term finds (at most the search's limit), searched once per request."""
        if self._found is None:
            self._found = search(self.kind, user=None, term=self.term, queryset=self._field().queryset)
        return self._found

    def value_from_datadict(self, data, files, name):
        term = single_line(data.get(f"{name}_q"))[:100]  # shown again: without NUL or other control characters
        if term != self.term:
            self.term, self._found = term, None
        if self.multiple:
            getter = getattr(data, "getlist", None)
            return getter(name) if getter else data.get(name)
        value = data.get(name)
        if not value and self.term:
            # A typed name that matches exactly one row picks it (a filter works without JavaScript).
            if self.unique_match is None:
                rows = self.matches()
                self.unique_match = str(rows[0].pk) if len(rows) == 1 else ""
            return self.unique_match or value
        return value

    def value_omitted_from_data(self, data, files, name):
        return name not in data and f"{name}_q" not in data

    def render(self, name, value, attrs=None, renderer=None):
        field = self._field()
        values = value if isinstance(value, (list, tuple)) else ([value] if value not in (None, "") else [])
        chosen_pks = _pks(values)
        chosen = list(field.queryset.filter(pk__in=chosen_pks)) if chosen_pks else []
        term = self.term
        if not self.multiple and self.unique_match and chosen_pks == [int(self.unique_match)]:
            # The typed name picked its one match: shown as chosen, so the field is empty to type again.
            term = ""
        matches = []
        if term:
            matches = (
                self.matches()
                if not chosen_pks
                else search(self.kind, user=None, term=term, queryset=field.queryset, exclude=chosen_pks)
            )
        attrs = self.build_attrs(self.attrs, attrs)
        input_id = attrs.get("id") or f"id_{name}"
        input_type = "checkbox" if self.multiple else "radio"
        label = field.label_from_instance

        def option(row, checked):
            return format_html(
                '<li class="form-check"><input class="form-check-input" type="{}" name="{}" value="{}" id="{}"{}>'
                '<label class="form-check-label" for="{}">{}</label></li>',
                input_type,
                name,
                row.pk,
                f"{input_id}_{row.pk}",
                mark_safe(" checked") if checked else "",
                f"{input_id}_{row.pk}",
                label(row),
            )

        chosen_html = format_html_join("", "{}", ((option(row, True),) for row in chosen))
        if not self.multiple and not field.required and chosen:
            chosen_html = format_html(
                '{}<li class="form-check"><input class="form-check-input" type="radio" name="{}" value="" id="{}_none">'
                '<label class="form-check-label" for="{}_none">{}</label></li>',
                chosen_html,
                name,
                input_id,
                input_id,
                field.empty_label,
            )
        if term and len(term.replace(" ", "")) >= MIN_LENGTH:
            found = format_html_join("", "{}", ((option(row, False),) for row in matches))
            results = format_html(
                '<fieldset class="chooser-results mt-2"><legend class="form-text">{}</legend>'
                '<ul class="list-unstyled mb-0">{}</ul></fieldset>',
                _("%(count)s matches for “%(term)s”") % {"count": len(matches), "term": term}
                if matches
                else _("No matches for “%(term)s”") % {"term": term},
                found,
            )
        else:
            results = ""
        hint_id = f"{input_id}_hint"
        described = " ".join(filter(None, [attrs.pop("aria-describedby", ""), hint_id]))
        attrs.update({"id": input_id, "aria-describedby": described})
        classes = [c for c in attrs.get("class", "").split() if c not in ("form-select", "form-control")]
        attrs["class"] = " ".join(["form-control", "chooser-input", *classes])
        button = (
            format_html(
                '<button type="submit" class="btn btn-outline-secondary" name="{}" value="{}">{}</button>',
                SEARCH_BUTTON,
                name,
                pgettext("button", "Search"),
            )
            if self.search_button
            else ""
        )
        data = {
            "data-chooser": "",
            "data-url": reverse("chooser_search", args=[self.kind.name]),
            "data-name": name,
            "data-multiple": "true" if self.multiple else "false",
            "data-min": str(MIN_LENGTH),
            "data-str-remove": _("Remove"),
            "data-str-matches": _("%(count)s matches"),
            "data-str-one": _("1 match"),
            "data-str-none": _("No matches"),
            "data-str-chosen": _("chosen"),
            "data-str-removed": _("removed"),
            "data-str-error": _("The search is not available right now."),
        }
        # Marked invalid on the outer element too: the field's error follows the chooser, not its input, and
        # Bootstrap shows an .invalid-feedback after an .is-invalid sibling.
        outer = "chooser is-invalid" if "is-invalid" in attrs["class"].split() else "chooser"
        return format_html(
            '<div class="{}"{}>'
            '<div class="input-group"><input type="text" name="{}" value="{}" autocomplete="off"{}>{}</div>'
            '<div id="{}" class="form-text">{}</div>'
            '<ul class="chooser-chosen list-unstyled mb-1" aria-label="{}">{}</ul>{}</div>',
            outer,
            flatatt(data),
            f"{name}_q",
            term,
            flatatt(attrs),
            button,
            hint_id,
            self.kind.hint
            if self.search_button
            else _("Type at least two letters of a name; a name that matches exactly one entry filters by it."),
            _("Chosen"),
            chosen_html,
            results,
        )


class MultipleChooserWidget(ChooserWidget):
    multiple = True


class _ChooserFieldMixin:
    """``kind`` gives the rows; a kind whose rows depend on the user starts empty until ``limit_to(user)``."""

    def __init__(self, *, kind: Kind, search_button: bool = True, per_user: bool = False, **kwargs):
        widget = (MultipleChooserWidget if self.multiple else ChooserWidget)(kind=kind, search_button=search_button)
        queryset = kind.queryset(user=None) if not per_user else None
        if not self.multiple:
            kwargs.setdefault("empty_label", gettext_lazy("none"))
        super().__init__(queryset=queryset, widget=widget, **kwargs)
        self.kind = kind
        self.label_from_instance = kind.label

    def limit_to(self, user):
        """The rows ``user`` may pick: the kind's queryset, the same rows its search view returns."""
        self.queryset = self.kind.queryset(user=user)
        return self

    def clean(self, value):
        # A name typed but nothing chosen (no match, or several): say so instead of quietly ignoring it,
        # so a filter never looks applied when it is not. The no-JS search button shows the matches instead.
        term = self.widget.term
        if term and not value and len(term.replace(" ", "")) >= MIN_LENGTH:
            if self.widget.matches():
                message = _("“%(term)s” matches more than one entry: choose one of them.")
            else:
                message = _("Nothing matches “%(term)s”.")
            raise forms.ValidationError(message % {"term": term}, code="no_unique_match")
        return super().clean(value)


class SearchChoiceField(_ChooserFieldMixin, forms.ModelChoiceField):
    multiple = False


class SearchMultipleChoiceField(_ChooserFieldMixin, forms.ModelMultipleChoiceField):
    multiple = True
