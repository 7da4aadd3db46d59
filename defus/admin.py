"""The portal's admin site ("DEFUS Geschäftsstelle"): the secretariat's desk on its start page, the record of
processing activities, one login; every admin class registered on it gets the kernel's lookup guard."""

from django.contrib import admin
from django.contrib.auth.decorators import login_not_required
from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.urls import path as url_path
from django.urls import reverse
from django.utils.decorators import method_decorator
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.translation import gettext_lazy as _

from defus import views_record
from defus.models import OutboxTask
from kernel.admin import RecordAdmin, SafeLookupsAdmin


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

    def register(self, model_or_iterable, admin_class=None, **options):
        """Third-party admins (allauth's, Django's groups) get the portal's lookup guard too."""
        admin_class = admin_class or admin.ModelAdmin
        if not issubclass(admin_class, SafeLookupsAdmin):
            admin_class = type(admin_class.__name__, (SafeLookupsAdmin, admin_class), {"__module__": __name__})
        super().register(model_or_iterable, admin_class, **options)

    def get_app_list(self, request, app_label=None):
        """Apps showing one model each are gathered in one section "Other" at the end (issue 28)."""
        app_list = super().get_app_list(request, app_label)
        if app_label is not None:
            return app_list
        single = [app for app in app_list if len(app["models"]) == 1]
        if len(single) < 2:
            return app_list
        merged = {
            "name": _("Other"),
            "app_label": "other",
            "app_url": "",
            "has_module_perms": True,
            "models": sorted((app["models"][0] for app in single), key=lambda model: str(model["name"]).lower()),
        }
        return [app for app in app_list if len(app["models"]) != 1] + [merged]

    def get_urls(self):
        # The record of processing activities (Art. 30 DSGVO): for everyone with access to the admin.
        record = [
            url_path(
                "verarbeitungsverzeichnis/",
                self.admin_view(lambda request: views_record.processing_record_view(request, self)),
                name="processing_record",
            ),
            url_path(
                "verarbeitungsverzeichnis.pdf",
                self.admin_view(lambda request: views_record.processing_record_pdf(request, self)),
                name="processing_record_pdf",
            ),
        ]
        return record + super().get_urls()

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
