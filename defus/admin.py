from django import forms
from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.db import models
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from defus.models import OutboxTask


class RecordAdmin(admin.ModelAdmin):
    """Records of what happened (audit log, digest runs, kept tasks): shown, never added, changed or deleted here."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class OutboxTaskAdmin(RecordAdmin):
    """Tasks kept while the broker was down; flush_outbox publishes them."""

    list_display = ["task", "args", "kwargs", "created_at", "attempts", "last_error"]
    list_filter = ["task"]
    date_hierarchy = "created_at"


class DefusAdminSite(admin.AdminSite):
    site_header = "DEFUS Geschäftsstelle"
    site_title = "DEFUS Geschäftsstelle"
    index_title = _("Administration")
    site_url = "/dashboard/"

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # Registered here, not with @admin.register: this module defines the site itself, and
        # the default site is created only once the module has been imported.
        self.register(OutboxTask, OutboxTaskAdmin)

    @method_decorator(login_not_required)
    def login(self, request, extra_context=None):
        # One login for everyone: the portal's, with its rate limits and MFA.
        target = request.GET.get("next", "")
        if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}):
            target = ""
        target = target or reverse("admin:index")
        if request.user.is_authenticated:
            if self.has_permission(request):
                return redirect(target)
            # Signed in but holding no office with admin rights.
            raise PermissionDenied
        return redirect_to_login(target)


class _NativeDateWidgets:
    """Native date inputs instead of the admin's calendar shortcuts.

    The shortcut links' accessible names do not match their visible text
    (WCAG 2.5.3), and the browser's own date picker is keyboard-accessible.
    """

    formfield_overrides = {
        models.DateField: {"widget": forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d")},
        models.DateTimeField: {
            "widget": forms.DateTimeInput(attrs={"type": "datetime-local"}, format="%Y-%m-%dT%H:%M"),
        },
    }


class PortalModelAdmin(_NativeDateWidgets, admin.ModelAdmin):
    pass


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
