"""Offices (Mandate): entered through members.services.mandate_save, where the bylaws are checked."""

from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members import bylaws, desk, services
from members.admin.base import AuditedAdmin
from members.models import Mandate, Role


class TermFilter(admin.SimpleListFilter):
    title = _("term")
    parameter_name = "term"

    def lookups(self, request, model_admin):
        return [("current", _("current")), ("past", _("past")), ("ending", _("ending within 60 days"))]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "current":
            return queryset.active(today)
        if self.value() == "past":
            return queryset.filter(end__lt=today)
        if self.value() == "ending":
            return desk.ending_offices(queryset)
        return queryset


@admin.register(Mandate)
class MandateAdmin(AuditedAdmin):
    list_display = [
        "role",
        "person",
        "organisation",
        "working_group",
        "start",
        "end",
        "elected_at",
        "awaiting_approval",
    ]
    list_filter = [TermFilter, "awaiting_approval", "role"]
    search_fields = ["person__email", "person__last_name", "organisation__name", "working_group__name"]
    list_select_related = ["person", "organisation", "working_group"]
    raw_id_fields = ["person"]
    readonly_fields = ["awaiting_approval", "requested_by", "approved_by"]
    date_hierarchy = "start"
    actions = ["approve"]

    def get_readonly_fields(self, request, obj=None):
        fields = list(super().get_readonly_fields(request, obj))
        if obj is not None and obj.role == Role.DELEGATE:
            # Another holder is another appointment (with its own approval), never an edit of this one.
            fields += ["role", "person", "organisation"]
        return fields

    def has_approve_permission(self, request):
        return request.user.has_perm("members.approve_mandate")

    @admin.action(description=_("Approve the selected appointments (second person)"), permissions=["approve"])
    def approve(self, request, queryset):
        for mandate in queryset.filter(awaiting_approval=True):
            try:
                services.mandate_approve(mandate=mandate, actor=request.user)
            except ValidationError as error:
                self.message_user(request, f"{mandate}: {' '.join(error.messages)}", messages.ERROR)
            else:
                self.message_user(
                    request, _("%(office)s has been approved and is in force.") % {"office": mandate}, messages.SUCCESS
                )

    def save_model(self, request, obj, form, change):
        saved = services.mandate_save(mandate=obj, actor=request.user)
        if saved.awaiting_approval:
            self.message_user(
                request,
                _(
                    "The appointment waits for a second person of the secretariat or the board to approve it "
                    "(action in the list of offices); until then it carries no vote."
                ),
                messages.WARNING,
            )
        for predecessor in saved.succeeded:
            self.message_user(
                request,
                _("The term of %(person)s ends on %(end)s; they and the organisation's contacts are told by email.")
                % {"person": predecessor.person, "end": predecessor.end.strftime("%d.%m.%Y")},
                messages.INFO,
            )

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)

        class SuccessionAwareForm(form):
            def _post_clean(self):
                # A new delegate may overlap an open-ended predecessor: the service ends that term.
                # Only that one error (by its code) is withdrawn; every other problem stays. The rules
                # that depend on who enters the office are added here, as the service checks them too.
                super()._post_clean()
                if self.instance.start is None or self.instance.person_id is None:
                    return
                conflicts = bylaws.office_conflicts(
                    self.instance, succession=self.instance.pk is None, actor=request.user
                )
                codes = {conflict.code for conflict in conflicts}
                errors = self.errors.as_data().get("__all__", [])
                kept = [
                    error
                    for error in errors
                    if error.code != bylaws.Conflict.DELEGATE_OVERLAP or bylaws.Conflict.DELEGATE_OVERLAP in codes
                ]
                kept += [c.error() for c in conflicts if c.code == bylaws.Conflict.OWN_VOTING_OFFICE]
                self._errors.pop("__all__", None)
                for error in kept:
                    self.add_error(None, error)

        return SuccessionAwareForm
