"""Convening a meeting: who is invited, whether the notice period still holds, and the notices themselves.

An invitation (and later any supplement) goes out only after a preview, is kept as sent with the agenda it
named (``ConveningNotice``) and one delivery row per recipient (``ConveningDelivery``), sent one task per
row: a row is claimed with a conditional update before sending, so a task that runs twice sends nothing
twice, and a failed row is retried. An item counts as announced only through a notice sent in time.
"""

import datetime
from dataclasses import dataclass, field

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.utils import formats, timezone
from django.utils.translation import gettext as _

from assemblies.models import AgendaItem, ConveningDelivery, ConveningNotice, Meeting
from assemblies.notice_mail import compose
from assemblies.voting_rights import board_members, delegate_offices, entitled_organisations
from kernel import claims
from kernel.tasks import enqueue
from mail.official import not_by_email_note, official_recipients
from members.models import Organisation, User


def notice_deadline(meeting: Meeting) -> datetime.datetime | None:
    """The last instant a notice is timely: the notice period before the start (none for the board)."""
    if meeting.is_board_meeting:
        return None
    return meeting.event.start - datetime.timedelta(weeks=settings.ASSEMBLY_NOTICE_WEEKS)


# --- Who is invited --------------------------------------------------------------------------------------


@dataclass
class Recipient:
    email: str
    language: str
    person: User | None = None
    organisation: Organisation | None = None

    @property
    def label(self) -> str:
        if self.person is not None:
            return f"{self.person.get_full_name()} ({self.organisation or _('board')})"
        return f"{self.organisation} ({_('organisation address')})"


@dataclass
class Recipients:
    by_email: list[Recipient] = field(default_factory=list)
    # Member organisations nobody can reach by email: the invitation goes to them by post.
    by_post: list[Organisation] = field(default_factory=list)
    # People who chose official post in the portal only (mail.official), with the reason for the preview.
    portal_only: list[tuple[User, str]] = field(default_factory=list)


def recipients(meeting: Meeting) -> Recipients:
    """Each member organisation's delegate(s) and its own address (board meeting: the board members).

    Official post (mail.official): it goes to everyone invited whatever their digest setting, except a person who
    chose official post in the portal only; an organisation nobody reaches by email gets it by post. An address
    is listed once."""
    found = Recipients()
    seen: set[str] = set()

    def add(recipient: Recipient) -> None:
        if recipient.email and recipient.email.lower() not in seen:
            seen.add(recipient.email.lower())
            found.by_email.append(recipient)

    def reachable(person: User) -> bool:
        if not official_recipients([person]):
            found.portal_only.append((person, not_by_email_note(person)))
            return False
        return bool(person.email)

    if meeting.is_board_meeting:
        for person in board_members():
            if reachable(person):
                add(Recipient(person.email, person.language, person=person))
        return found
    delegates: dict[int, list[User]] = {}
    for mandate in delegate_offices().select_related("person"):
        delegates.setdefault(mandate.organisation_id, []).append(mandate.person)
    for organisation in entitled_organisations():
        reached = False
        for person in delegates.get(organisation.pk, []):
            if reachable(person):
                add(Recipient(person.email, person.language, person=person, organisation=organisation))
                reached = True
        if organisation.email:
            add(Recipient(organisation.email, settings.LANGUAGE_CODE, organisation=organisation))
            reached = True
        if not reached:
            found.by_post.append(organisation)
    return found


# --- Where the convening stands ----------------------------------------------------------------------------


@dataclass
class NoticeState:
    deadline: datetime.datetime | None
    state: str  # "due", "overdue", "sent"
    invitation: ConveningNotice | None
    sent_to: int
    delivered: int
    unannounced: list[AgendaItem]


def notice_state(meeting: Meeting, now: datetime.datetime | None = None) -> NoticeState:
    """Due by, overdue, or sent on … to N; and the items a supplement would still have to announce."""
    now = now or timezone.now()
    deadline = notice_deadline(meeting)
    invitation = meeting.notices.filter(kind=ConveningNotice.Kind.INVITATION).first()
    late = deadline is not None and now > deadline
    state = "sent" if invitation is not None else ("overdue" if late else "due")
    counts = {"sent_to": 0, "delivered": 0}
    if invitation is not None:
        # Counted in the database: an invitation reaches every member organisation (hundreds at Efus size).
        counts = invitation.deliveries.aggregate(
            sent_to=Count("pk"), delivered=Count("pk", filter=Q(status=ConveningDelivery.Status.SENT))
        )
    unannounced = list(meeting.agenda_items.filter(announced_in__isnull=True)) if invitation else []
    return NoticeState(deadline, state, invitation, unannounced=unannounced, **counts)


def convening_proof(meeting: Meeting) -> list[ConveningNotice]:
    """Every notice of the meeting, oldest first, each with ``recipients`` and ``delivered`` counted from its
    delivery rows: the minutes' record of when the meeting was convened and to whom (one query)."""
    sent = Count("deliveries", filter=Q(deliveries__status=ConveningDelivery.Status.SENT))
    return list(meeting.notices.select_related("sent_by").annotate(recipients=Count("deliveries"), delivered=sent))


def agenda_snapshot(meeting: Meeting) -> list[dict]:
    items = meeting.agenda_items.prefetch_related("resolutions", "documents").order_by("number")
    return [
        {
            "number": item.number,
            "title": item.title,
            "description": item.description,
            "motions": [
                {"title": r.title, "text": r.text, "majority": r.get_majority_display()} for r in item.resolutions.all()
            ],
            "documents": [document.title for document in item.documents.all()],
        }
        for item in items
    ]


# --- Sending --------------------------------------------------------------------------------------------


def _refuse_late(meeting: Meeting, now: datetime.datetime, what: str) -> datetime.datetime | None:
    if meeting.event.start <= now:
        raise ValidationError(_("The meeting has already begun."))
    deadline = notice_deadline(meeting)
    if deadline is not None and now > deadline:
        raise ValidationError(
            _(
                "Too late for the %(what)s: the bylaws require it with the agenda at least %(weeks)s weeks before "
                "the meeting, that is by %(deadline)s. Set a later date for the meeting."
            )
            % {
                "what": what,
                "weeks": settings.ASSEMBLY_NOTICE_WEEKS,
                "deadline": formats.date_format(timezone.localtime(deadline), "DATETIME_FORMAT"),
            }
        )
    return deadline


@transaction.atomic
def notice_send(
    *, meeting: Meeting, actor, kind: str, covering_text: str = "", now: datetime.datetime | None = None
) -> ConveningNotice:
    """Send the invitation (or a supplement announcing the items added or changed since); refused with the
    reason when too late, when there is nothing to announce, or when it was sent already."""
    now = now or timezone.now()
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    invited = locked.notices.filter(kind=ConveningNotice.Kind.INVITATION).exists()
    if kind == ConveningNotice.Kind.INVITATION:
        if invited or locked.invitation_sent_at is not None:
            raise ValidationError(_("The invitation has already been sent."))
        if not locked.agenda_items.exists():
            raise ValidationError(_("The invitation needs an agenda: add the agenda items first."))
        announced = locked.agenda_items.all()
        deadline = _refuse_late(locked, now, _("invitation"))
    else:
        if not invited:
            raise ValidationError(_("Send the invitation first; a supplement adds to it."))
        announced = locked.agenda_items.filter(announced_in__isnull=True)
        if not announced.exists():
            raise ValidationError(_("No agenda item was added or changed since the last notice."))
        deadline = _refuse_late(locked, now, _("supplement"))
    notice = ConveningNotice.objects.create(
        meeting=locked,
        kind=kind,
        covering_text=covering_text.strip(),
        sent_at=now,
        sent_by=actor if getattr(actor, "is_authenticated", False) else None,
        deadline=deadline,
        agenda=agenda_snapshot(locked),
    )
    AgendaItem.objects.filter(pk__in=list(announced.values_list("pk", flat=True))).update(announced_in=notice)
    if kind == ConveningNotice.Kind.INVITATION:
        locked.invitation_sent_at, locked.convened_by = now, notice.sent_by
        locked.save(update_fields=["invitation_sent_at", "convened_by"])
    rows = ConveningDelivery.objects.bulk_create(
        ConveningDelivery(
            notice=notice,
            email=r.email.lower(),
            language=r.language,
            person=r.person,
            organisation=r.organisation,
        )
        for r in recipients(locked).by_email
    )
    for row in rows:
        enqueue("assemblies.tasks.send_convening_notice", row.pk)
    return notice


def delivery_send(delivery_id: int) -> bool:
    """Send one recipient's notice once (kernel.claims): False when another attempt has the row or it was sent;
    a failure is recorded on the row and raised, so the task's retry claims it again."""

    def send():
        delivery = ConveningDelivery.objects.select_related("notice__meeting__event", "person").get(pk=delivery_id)
        notice = delivery.notice
        # The notice as it was sent (its agenda kept with it), to this recipient in their language.
        kept = {name: getattr(notice, name) for name in ("meeting", "kind", "agenda", "covering_text")}
        compose(**kept, to=delivery.email, language=delivery.language, person=delivery.person).send()

    return claims.send_delivery(ConveningDelivery.objects.filter(pk=delivery_id), send)
