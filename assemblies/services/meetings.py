"""Meetings: the invitation with its notice period, and who took part (attendance, proxies represented)."""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _

from assemblies.models import Attendance, ConveningNotice, Meeting
from assemblies.services.convening import notice_send
from assemblies.voting_rights import board_members, entitled_organisations

# --- Invitation ----------------------------------------------------------------------------


def invitation_deadline(*, meeting: Meeting) -> datetime.datetime:
    """The last instant the invitation may go out: the notice period before the meeting starts."""
    return meeting.event.start - datetime.timedelta(weeks=settings.ASSEMBLY_NOTICE_WEEKS)


def meeting_invite(*, meeting: Meeting, actor, covering_text: str = "", now: datetime.datetime | None = None):
    """Send the invitation with the agenda (text form, by email); refused with the reason when too late.
    The notice, its recipients and the proof of convening: services.convening."""
    return notice_send(
        meeting=meeting, actor=actor, kind=ConveningNotice.Kind.INVITATION, covering_text=covering_text, now=now
    )


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
        for proxy in meeting.proxies.in_force().select_related("organisation", "holder__organisation")
        if proxy.organisation_id not in present_ids and proxy.holder.organisation_id in present_ids
    ]
    voter_ids = {f"o{pk}" for pk in present_ids} | {f"o{proxy.organisation_id}" for proxy in represented}
    return {"present": present, "represented": represented, "voter_ids": voter_ids}
