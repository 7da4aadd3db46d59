from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from funding import desk
from funding.importer import stale_runs_fail
from funding.models import Call, Deadline, ImportRun, Interest, PartnerOrganisation, Programme
from kernel.admin import PortalModelAdmin, PortalTabularInline
from kernel.admin_imports import RECORD_FIELDS
from kernel.admin_imports import ImportRunAdmin as UploadedRunAdmin
from kernel.tasks import enqueue


@admin.register(Programme)
class ProgrammeAdmin(PortalModelAdmin):
    list_display = ["name", "code", "managing_body", "funding_rate"]
    search_fields = ["name", "code"]


class DeadlineInline(PortalTabularInline):
    model = Deadline
    extra = 0


class InterestDeadlineFilter(admin.SimpleListFilter):
    title = _("members' interest")
    parameter_name = "interest_deadline"

    def lookups(self, request, model_admin):
        return [("14", _("of interest, deadline within 14 days"))]

    def queryset(self, request, queryset):
        return desk.interested_deadline_soon(queryset) if self.value() == "14" else queryset


@admin.register(Call)
class CallAdmin(PortalModelAdmin):
    list_display = ["identifier", "title_en", "programme", "opens_at", "deadline_model"]
    list_filter = [InterestDeadlineFilter, "programme", "deadline_model"]
    search_fields = ["identifier", "title_en", "title_de"]
    list_select_related = ["programme"]
    inlines = [DeadlineInline]


@admin.register(PartnerOrganisation)
class PartnerOrganisationAdmin(PortalModelAdmin):
    list_display = ["name", "country", "kind", "efus_member", "consent_to_list"]
    list_filter = ["country", "efus_member", "consent_to_list"]
    search_fields = ["name", "themes"]


@admin.register(Interest)
class InterestAdmin(PortalModelAdmin):
    list_display = ["call", "organisation", "role", "looking_for_partners", "internal_deadline"]
    list_filter = ["role", "looking_for_partners"]
    list_select_related = ["call", "organisation"]
    search_fields = ["call__identifier", "organisation__name"]
    raw_id_fields = ["contact"]


@admin.register(ImportRun)
class ImportRunAdmin(UploadedRunAdmin):
    list_display = ["created_at", "state", "created", "updated", "unchanged", "skipped", "uploaded_by"]
    record_fields = [*RECORD_FIELDS, "skipped", "report"]

    def stale_runs_fail(self):
        stale_runs_fail()

    def run_started(self, run):
        enqueue("funding.tasks.run_import", run.pk)
