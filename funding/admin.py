from django.contrib import admin

from defus.admin import PortalModelAdmin, PortalTabularInline
from funding.models import Call, Deadline, Programme


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
