"""Invitations for everyone imported without an account, from the person and the organisation lists.

A bulk invitation reaches the people of active member organisations only: an applicant's people would find the
member area closed. The message says how many were left out and why; the "anyway" actions invite them too.
"""

from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied
from django.utils import formats
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy, ngettext

from kernel.spreadsheet import xlsx_response
from members import onboarding
from members.admin.organisations import OrganisationAdmin
from members.admin.people import UserAdmin
from members.imports import runs
from members.member_list import HEADER_LABELS, member_list_rows
from members.models import ImportRun, Organisation, User


class InvitationStateFilter(admin.SimpleListFilter):
    title = gettext_lazy("invitation")
    parameter_name = "einladung"

    def lookups(self, request, model_admin):
        return list(onboarding.InvitationState.LABELS.items())

    def queryset(self, request, queryset):
        if self.value() in onboarding.InvitationState.LABELS:
            return onboarding.in_invitation_state(queryset, self.value())
        return queryset


class ImportRunFilter(admin.SimpleListFilter):
    """The people an import created or changed (the run's report keeps them)."""

    title = gettext_lazy("import run")
    parameter_name = "import"

    def lookups(self, request, model_admin):
        applied = ImportRun.objects.filter(status=ImportRun.Status.APPLIED).order_by("-applied_at")[:20]
        return [(str(run.pk), f"{run.file_name} ({formats.date_format(run.applied_at, 'SHORT_DATE_FORMAT')})")
                for run in applied]  # fmt: skip

    def queryset(self, request, queryset):
        if not (self.value() or "").isdigit():
            return queryset
        run = ImportRun.objects.filter(pk=int(self.value())).first()
        if run is None:
            return queryset.none()
        return queryset.filter(pk__in=runs.people_of(run, ("created", "updated")).values("pk"))


admin.site.unregister(User)


@admin.register(User)
class PersonAdmin(UserAdmin):
    list_display = [*UserAdmin.list_display, "invitation_state"]
    list_filter = [*UserAdmin.list_filter, InvitationStateFilter, ImportRunFilter]
    actions = ["invite_without_account", "invite_without_account_anyway", "export_member_list"]

    @admin.action(description=gettext_lazy("Export the member list (one row per person, offices in one cell)"))
    def export_member_list(self, request, queryset):
        rows = member_list_rows(queryset)
        return xlsx_response(rows, HEADER_LABELS, filename="mitgliederliste.xlsx", sheet_title="Mitgliederliste")

    def get_queryset(self, request):
        return onboarding.with_invitation_state(super().get_queryset(request))

    @admin.display(description=gettext_lazy("invitation"))
    def invitation_state(self, person):
        return onboarding.InvitationState.LABELS[onboarding.invitation_state(person)]

    @admin.action(description=gettext_lazy("Invite the selected people who have no account yet"), permissions=["add"])
    def invite_without_account(self, request, queryset):
        invite(self, request, queryset)

    @admin.action(
        description=gettext_lazy("Invite the selected people anyway, also of applicants and former members"),
        permissions=["add"],
    )
    def invite_without_account_anyway(self, request, queryset):
        invite(self, request, queryset, members_only=False)


admin.site.unregister(Organisation)


@admin.register(Organisation)
class MemberOrganisationAdmin(OrganisationAdmin):
    actions = [*OrganisationAdmin.actions, "invite_people", "invite_people_anyway"]

    @admin.action(
        description=gettext_lazy("Invite the people of the selected organisations who have no account yet"),
        permissions=["add"],
    )
    def invite_people(self, request, queryset):
        invite(self, request, User.objects.filter(organisation__in=queryset))

    @admin.action(
        description=gettext_lazy("Invite the people of the selected organisations anyway, also applicants"),
        permissions=["add"],
    )
    def invite_people_anyway(self, request, queryset):
        invite(self, request, User.objects.filter(organisation__in=queryset), members_only=False)


def invite(model_admin, request, people, *, members_only: bool = True) -> int:
    if not request.user.has_perm("members.add_invitation"):
        raise PermissionDenied
    left_out = onboarding.left_out(people) if members_only else {}
    count = onboarding.invite_all(people=people, invited_by=request.user, members_only=members_only)
    if count or not left_out:
        model_admin.message_user(
            request,
            ngettext("%d invitation sent.", "%d invitations sent.", count) % count
            if count
            else _("Everyone selected has an account or a pending invitation already."),
            messages.SUCCESS,
        )
    for status, (number, names) in left_out.items():
        model_admin.message_user(request, left_out_message(status, number, names), messages.WARNING)
    return count


def left_out_message(status: str, number: int, names: list[str]) -> str:
    values = {"count": number, "names": ", ".join(names)}
    if status == Organisation.Status.APPLICANT:
        text = ngettext(
            "%(count)d person not invited: their organisation has applied but is not a member yet (%(names)s).",
            "%(count)d people not invited: their organisation has applied but is not a member yet (%(names)s).",
            number,
        )
    else:
        text = ngettext(
            "%(count)d person not invited: their organisation is not an active member (%(names)s).",
            "%(count)d people not invited: their organisation is not an active member (%(names)s).",
            number,
        )
    return " ".join([text % values, _("To invite them all the same, choose the action to invite anyway.")])
