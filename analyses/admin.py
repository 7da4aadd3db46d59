from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.db import models
from django.http import HttpResponseNotAllowed, HttpResponseRedirect
from django.shortcuts import get_object_or_404
from django.urls import path, reverse
from django.utils.translation import gettext_lazy as _

from analyses.models import CrimeFigure, Indicator, IndicatorValue, Offence, PksImport, Survey
from analyses.services import pks_upload_confirm, pks_upload_preview
from kernel.admin import PortalModelAdmin, PortalTabularInline
from kernel.admin_imports import RECORD_FIELDS, ImportRunAdmin


@admin.register(Offence)
class OffenceAdmin(PortalModelAdmin):
    list_display = ["key", "name", "featured", "position"]
    list_editable = ["featured", "position"]
    list_filter = ["featured"]
    # By name: the admin searches no field called "key" (kernel.secret_names); the keys show in the list.
    search_fields = ["name"]


@admin.register(CrimeFigure)
class CrimeFigureAdmin(PortalModelAdmin):
    """Figures come from the import; here they are looked up and, if the BKA corrects one, fixed."""

    list_display = ["year", "offence", "area_name", "area", "cases", "frequency", "clearance_rate"]
    list_filter = ["year", "area", "offence__featured"]
    list_select_related = ["offence"]
    search_fields = ["area_name", "municipality_key", "offence_name"]
    raw_id_fields = ["offence", "organisation"]


@admin.register(PksImport)
class PksImportAdmin(ImportRunAdmin):
    """Upload → preview (nothing written) → confirm with one POST; the run stays as a record."""

    list_display = [
        "created_at", "file_name", "year", "state", "created", "updated", "unchanged", "not_members", "uploaded_by"
    ]  # fmt: skip
    list_filter = ["state", "year"]
    change_form_template = "admin/analyses/pksimport/change_form.html"
    upload_fields = ["file", "year"]
    record_fields = ["file_name", "year", *RECORD_FIELDS, "not_members", "report"]

    def save_model(self, request, obj, form, change):
        # Stored under a random name (analyses.models.pks_upload_path); the original is shown and read for its year.
        obj.file_name = obj.file.name[:255]
        super().save_model(request, obj, form, change)

    def run_started(self, run):
        pks_upload_preview(run=run)

    def response_add(self, request, obj, post_url_continue=None):
        if obj.state == PksImport.State.FAILED:
            messages.error(
                request, _("The file was refused, nothing was imported: %(reason)s") % {"reason": obj.report}
            )
        else:
            messages.info(request, _("Check the preview below, then import the table."))
        return HttpResponseRedirect(reverse("admin:analyses_pksimport_change", args=[obj.pk]))

    def get_urls(self):
        return [
            path("<int:pk>/confirm/", self.admin_site.admin_view(self.confirm_view), name="analyses_pksimport_confirm"),
            *super().get_urls(),
        ]

    def confirm_view(self, request, pk):
        if request.method != "POST":
            return HttpResponseNotAllowed(["POST"])
        if not self.has_add_permission(request):
            raise PermissionDenied
        run = pks_upload_confirm(run=get_object_or_404(PksImport, pk=pk))
        if run.state == PksImport.State.DONE:
            messages.success(
                request,
                _("Imported: %(created)s created, %(updated)s updated, %(unchanged)s unchanged.")
                % {"created": run.created, "updated": run.updated, "unchanged": run.unchanged},
            )
        else:
            messages.error(request, _("Nothing was imported: %(reason)s") % {"reason": run.report})
        return HttpResponseRedirect(reverse("admin:analyses_pksimport_change", args=[run.pk]))


@admin.register(Indicator)
class IndicatorAdmin(PortalModelAdmin):
    list_display = ["name_de", "name_en", "unit", "position"]
    list_editable = ["position"]
    prepopulated_fields = {"key": ["name_en"]}


class IndicatorValueInline(PortalTabularInline):
    model = IndicatorValue
    extra = 3
    fields = ["indicator", "value"]
    # Values as the secretariat writes them: 41,2 in German.
    formfield_overrides = {**PortalTabularInline.formfield_overrides, models.DecimalField: {"localize": True}}


@admin.register(Survey)
class SurveyAdmin(PortalModelAdmin):
    list_display = ["organisation", "year", "title", "method", "sample_size", "is_demo"]
    list_filter = ["year", "method"]
    list_select_related = ["organisation"]
    search_fields = ["title", "organisation__name"]
    raw_id_fields = ["questionnaire", "report"]
    fields = ["organisation", "year", "title", "method", "sample_size", "questionnaire", "report"]
    inlines = [IndicatorValueInline]

    def save_model(self, request, obj, form, change):
        if not change:
            obj.created_by = request.user
        super().save_model(request, obj, form, change)
