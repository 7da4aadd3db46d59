"""Meetings: the invitation with its notice period, and who took part (attendance, proxies represented)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assemblies.models import Attendance, Meeting
from assemblies.voting_rights import board_members, delegate_offices, entitled_organisations
from defus.lib.tasks import enqueue

# --- Invitation ----------------------------------------------------------------------------


def invitation_deadline(*, meeting: Meeting) -> datetime.datetime:
    """The last instant the invitation may go out: the notice period before the meeting starts."""
    return meeting.event.start - datetime.timedelta(weeks=settings.ASSEMBLY_NOTICE_WEEKS)


@transaction.atomic
def meeting_invite(*, meeting: Meeting, actor, now: datetime.datetime | None = None) -> Meeting:
    """Send the invitation with the agenda (text form, by email); refused with the reason when too late."""
    now = now or timezone.now()
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    if locked.invitation_sent_at is not None:
        raise ValidationError(_("The invitation has already been sent."))
    if not locked.agenda_items.exists():
        raise ValidationError(_("The invitation needs an agenda: add the agenda items first."))
    if locked.event.start <= now:
        raise ValidationError(_("The meeting has already begun."))
    deadline = invitation_deadline(meeting=locked)
    if not locked.is_board_meeting and now > deadline:
        raise ValidationError(
            _(
                "Too late to invite: the bylaws require the invitation with the agenda at least %(weeks)s weeks "
                "before the meeting, that is by %(deadline)s. Set a later date for the meeting."
            )
            % {
                "weeks": settings.ASSEMBLY_NOTICE_WEEKS,
                "deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
            }
        )
    locked.invitation_sent_at = now
    locked.convened_by = actor
    locked.save(update_fields=["invitation_sent_at", "convened_by"])

    for email, language in invitation_recipients(meeting=locked):
        enqueue("assemblies.tasks.send_meeting_invitation", locked.pk, email, language)
    return locked


def invitation_recipients(*, meeting: Meeting) -> list[tuple[str, str]]:
    """(email, language) of everyone invited: each member organisation's delegate and contact address,
    or for a board meeting the board members."""
    recipients: dict[str, str] = {}
    if meeting.is_board_meeting:
        for person in board_members():
            recipients.setdefault(person.email.lower(), person.language)
        return sorted(recipients.items())
    delegates = delegate_offices().select_related("person")
    for mandate in delegates:
        recipients.setdefault(mandate.person.email.lower(), mandate.person.language)
    for email in entitled_organisations().exclude(email="").values_list("email", flat=True):
        recipients.setdefault(email.lower(), settings.LANGUAGE_CODE)
    return sorted(recipients.items())


@transaction.atomic
def attendance_record(*, meeting: Meeting, organisation_ids=(), member_ids=()) -> None:
    """The secretariat's attendance list: exactly the organisations (or board members) ticked."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if locked.minutes_signed:
        raise ValidationError(_("The minutes are signed; the attendance can no longer change."))
    if locked.is_board_meeting:
        allowed = set(board_members().values_list("pk", flat=True))
        wanted = {pk for pk in member_ids if pk in allowed}
        locked.attendance.exclude(member_id__in=wanted).delete()
        for pk in wanted:
            Attendance.objects.get_or_create(meeting=locked, member_id=pk)
        return
    allowed = set(entitled_organisations().values_list("pk", flat=True))
    wanted = {pk for pk in organisation_ids if pk in allowed}
    locked.attendance.exclude(organisation_id__in=wanted).delete()
    for pk in wanted:
        Attendance.objects.get_or_create(meeting=locked, organisation_id=pk)


def represented_in_meeting(*, meeting: Meeting) -> dict:
    """Who took part in the room: organisations present, and those represented by a proxy holder present."""
    if meeting.is_board_meeting:
        members = [row.member for row in meeting.attendance.select_related("member")]
        return {"present": members, "represented": [], "voter_ids": {f"m{m.pk}" for m in members}}
    present = [row.organisation for row in meeting.attendance.select_related("organisation")]
    present_ids = {organisation.pk for organisation in present}
    represented = [
        proxy
        for proxy in meeting.proxies.select_related("organisation", "holder__organisation")
        if proxy.organisation_id not in present_ids and proxy.holder.organisation_id in present_ids
    ]
    voter_ids = {f"o{pk}" for pk in present_ids} | {f"o{proxy.organisation_id}" for proxy in represented}
    return {"present": present, "represented": represented, "voter_ids": voter_ids}
