from django.contrib import admin

from defus.admin import PortalModelAdmin, PortalTabularInline
from funding.models import Call, Deadline, Interest, PartnerOrganisation, Programme


@admin.register(Programme)
class ProgrammeAdmin(PortalModelAdmin):
    list_display = ["name", "code", "managing_body", "funding_rate"]
    search_fields = ["name", "code"]


class DeadlineInline(PortalTabularInline):
    model = Deadline
    extra = 0


@admin.register(Call)
class CallAdmin(PortalModelAdmin):
    list_display = ["identifier", "title_en", "programme", "opens_at", "deadline_model"]
    list_filter = ["programme", "deadline_model"]
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
