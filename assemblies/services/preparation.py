"""Preparing a meeting in one step: its event, the meeting and the agenda with each item's motion.

Until the invitation goes out everything may change. Afterwards the date and place are fixed (the notice
named them) and every item added or changed loses its announcement: only a supplement sent within the
notice period makes it resolvable again (services.convening).
"""

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import F, Q
from django.utils.translation import gettext as _

from assemblies.models import AgendaItem, Meeting, Resolution
from events.models import Event


@dataclass
class ItemDraft:
    """One agenda item as the form gives it; ``pk`` of the item it edits, None for a new one."""

    pk: int | None
    title: str
    description: str = ""
    motion_text: str = ""
    majority: str = Resolution.Majority.SIMPLE
    procedure: str = Resolution.Procedure.IN_MEETING
    delete: bool = False


FIXED_AFTER_INVITATION = ("start", "end", "location", "online_url", "body")


@transaction.atomic
def meeting_prepare(*, meeting: Meeting | None, data: dict, items: list[ItemDraft], actor) -> Meeting:
    """Create (``meeting`` None) or update the event, the meeting and its agenda; numbered in order.

    ``data``: title, body, kind, start, end, location, online_url, chair, minute_taker."""
    if data["end"] <= data["start"]:
        raise ValidationError(_("The meeting must end after it starts."))
    invited = meeting is not None and meeting.invitation_sent_at is not None
    if meeting is None:
        event = Event.objects.create(
            title=data["title"],
            kind="board_meeting" if data["body"] == Meeting.Body.BOARD else "members_meeting",
            audience=Event.Audience.BOARD if data["body"] == Meeting.Body.BOARD else Event.Audience.MEMBERS,
            status=Event.Status.PUBLISHED,
            start=data["start"],
            end=data["end"],
            location=data.get("location", ""),
            online_url=data.get("online_url", ""),
        )
        meeting = Meeting.objects.create(event=event, title=data["title"], body=data["body"], kind=data["kind"])
    else:
        meeting = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
        if meeting.minutes_signed:
            raise ValidationError(_("The minutes are signed; the meeting can no longer change."))
        event = meeting.event
        if invited:
            changed = [name for name in FIXED_AFTER_INVITATION if name != "body" and getattr(event, name) != data[name]]
            if changed or data["body"] != meeting.body:
                raise ValidationError(
                    _(
                        "The invitation named the date, place and body of this meeting; they can no longer change. "
                        "To meet on another date, cancel this meeting and convene a new one."
                    )
                )
        event.title = data["title"]
        event.start, event.end = data["start"], data["end"]
        event.location, event.online_url = data.get("location", ""), data.get("online_url", "")
        event.save()
        meeting.title, meeting.kind, meeting.body = data["title"], data["kind"], data["body"]
    meeting.chair, meeting.minute_taker = data.get("chair"), data.get("minute_taker")
    meeting.save()
    _agenda_save(meeting, items, invited=invited)
    return meeting


def _agenda_save(meeting: Meeting, items: list[ItemDraft], *, invited: bool) -> None:
    existing = {item.pk: item for item in meeting.agenda_items.prefetch_related("resolutions")}
    kept = [draft for draft in items if not draft.delete and draft.title.strip()]
    # An item the form did not send stays as it is, after the others (the form normally sends them all).
    mentioned = {draft.pk for draft in items if draft.pk}
    kept += [_as_draft(item) for pk, item in sorted(existing.items(), key=lambda i: i[1].number) if pk not in mentioned]
    for draft in items:
        if draft.delete and draft.pk in existing:
            item = existing[draft.pk]
            if item.resolutions.filter(Q(votes__isnull=False) | Q(closed_at__isnull=False)).exists():
                raise ValidationError(_("Item %(number)s has votes; it cannot be removed.") % {"number": item.number})
            item.resolutions.all().delete()
            item.delete()
    # Numbers are unique per meeting: move the kept items out of the way first, then number them in order.
    AgendaItem.objects.filter(meeting=meeting).update(number=F("number") + 1000)
    for number, draft in enumerate(kept, start=1):
        item = existing.get(draft.pk) if draft.pk else None
        if item is None:
            item = AgendaItem(meeting=meeting)
        changed = item.pk is None or (item.title, item.description) != (draft.title, draft.description)
        item.number, item.title, item.description = number, draft.title.strip(), draft.description.strip()
        motion = item.resolutions.first() if item.pk else None
        changed = _motion_changed(motion, draft) or changed
        if changed and invited:
            item.announced_in = None  # a supplement has to name it as it now stands
        item.save()
        _motion_save(meeting, item, motion, draft)


def _as_draft(item: AgendaItem) -> ItemDraft:
    motion = next(iter(item.resolutions.all()), None)
    if motion is None:
        return ItemDraft(pk=item.pk, title=item.title, description=item.description)
    return ItemDraft(item.pk, item.title, item.description, motion.text, motion.majority, motion.procedure)


def _motion_changed(motion: Resolution | None, draft: ItemDraft) -> bool:
    if motion is None:
        return bool(draft.motion_text.strip())
    return (motion.text, motion.majority, motion.procedure) != (
        draft.motion_text.strip(),
        draft.majority,
        draft.procedure,
    )


def _motion_save(meeting: Meeting, item: AgendaItem, motion: Resolution | None, draft: ItemDraft) -> None:
    text = draft.motion_text.strip()
    if not text:
        if motion is not None and not motion.votes.exists() and motion.closed_at is None:
            motion.delete()
        return
    if motion is not None and (motion.votes.exists() or motion.closed_at is not None):
        if _motion_changed(motion, draft):
            raise ValidationError(
                _("The motion of item %(number)s has votes; it cannot change.") % {"number": item.number}
            )
        return
    motion = motion or Resolution(meeting=meeting, agenda_item=item)
    motion.title, motion.text = item.title, text
    motion.majority, motion.procedure = draft.majority, draft.procedure
    if draft.procedure == Resolution.Procedure.ONLINE:
        # Online ballots are open while the meeting runs, unless the secretariat sets another window in the admin.
        motion.opens_at, motion.closes_at = meeting.event.start, meeting.event.end
    else:
        motion.opens_at = motion.closes_at = None
    motion.save()
