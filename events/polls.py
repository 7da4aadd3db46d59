"""Date polls (Terminfindung): propose dates, collect yes / maybe / no, close on a date."""

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from events.ics import build_calendar
from events.models import DatePoll, DatePollAnswer, DatePollOption, Event
from events.policies.polls import visible_polls
from kernel.emails import absolute_url, build_email
from kernel.tasks import enqueue
from kernel.text import check_sane_datetime, safe_add
from members import bylaws
from members.models import User
from topics.models import Membership
from topics.policies.memberships import group_ids_of


def invitees_of(poll: DatePoll):
    """Who is asked: the chosen people, or the members of the working group."""
    people = Q(pk__in=poll.invitees.values("pk"))
    if poll.group_id:
        people |= Q(pk__in=Membership.objects.filter(group_id=poll.group_id, status="active").values("person"))
    return (
        User.objects.filter(people, is_active=True).select_related("organisation").order_by("last_name", "first_name")
    )


def invitable_people(*, user):
    """Whom ``user`` may invite (and so have the portal e-mail): people of the working groups they belong to;
    anyone only for the secretariat and the board."""
    people = User.objects.filter(is_active=True, organisation__status="active").exclude(pk=user.pk)
    if bylaws.is_board_or_secretariat(user):
        return people
    shared = Membership.objects.filter(group_id__in=group_ids_of(user), status="active").values("person")
    return people.filter(pk__in=shared)


def polls_for(*, user):
    """The polls ``user`` sees (the policy ``events.policies.polls``), newest first."""
    return DatePoll.objects.filter(visible_polls.q(user)).select_related("group", "organiser").order_by("-created_at")


def results(*, poll: DatePoll) -> dict:
    """The table: one row per invitee, one column per date, and the totals (three queries)."""
    options = list(poll.options.all())
    people = list(invitees_of(poll))
    answers = {(a.option_id, a.person_id): a.answer for a in DatePollAnswer.objects.filter(option__poll=poll)}
    rows = [{"person": p, "answers": [answers.get((o.pk, p.pk), "") for o in options]} for p in people]
    totals = [
        {key: sum(1 for (option_id, _p), value in answers.items() if option_id == o.pk and value == key)
         for key in ("yes", "maybe", "no")}
        for o in options
    ]  # fmt: skip
    return {"options": options, "rows": rows, "totals": totals}


@transaction.atomic
def poll_create(*, organiser, title: str, starts, group=None, invitees=(), **fields) -> DatePoll:
    starts = sorted(set(starts))
    if len(starts) < 2:
        raise ValidationError(_("Please propose at least two dates."))
    if not group and not invitees:
        raise ValidationError(_("Please invite a working group or at least one person."))
    if group is not None and group.pk not in group_ids_of(organiser) and not bylaws.is_secretariat(organiser):
        raise ValidationError(_("You can only invite a working group you belong to."))
    allowed = set(invitable_people(user=organiser).filter(pk__in=[p.pk for p in invitees]).values_list("pk", flat=True))
    if any(person.pk not in allowed for person in invitees if person.pk != organiser.pk):
        raise ValidationError(_("You can invite people of your working groups; the secretariat writes to others."))
    for start in starts:
        check_sane_datetime(start)
        check_sane_datetime(safe_add(start, fields.get("duration", DatePoll._meta.get_field("duration").default)))
    poll = DatePoll.objects.create(organiser=organiser, title=title, group=group, **fields)
    poll.invitees.set(invitees)
    DatePollOption.objects.bulk_create([DatePollOption(poll=poll, start=start) for start in starts])
    enqueue("events.tasks.send_poll_opened", poll.pk)  # the people asked are told (after the commit)
    return poll


@transaction.atomic
def poll_answer(*, poll: DatePoll, person, answers: dict[int, str]) -> None:
    if poll.closed_at:
        raise ValidationError(_("This poll is closed."))
    if poll.organiser_id != person.pk and not invitees_of(poll).filter(pk=person.pk).exists():
        raise ValidationError(_("Only the people invited answer this poll."))
    for option in poll.options.all():
        value = answers.get(option.pk)
        if value in DatePollAnswer.Answer.values:
            DatePollAnswer.objects.update_or_create(option=option, person=person, defaults={"answer": value})


@transaction.atomic
def poll_close(*, poll: DatePoll, option: DatePollOption) -> Event:
    """Pick the date: create (or move) the event and tell every invitee."""
    locked = DatePoll.objects.select_for_update().get(pk=poll.pk)
    if locked.closed_at:
        raise ValidationError(_("This poll is closed."))
    # Polls made before dates were bounded may still hold one out of range: refused here, not a 500 later.
    check_sane_datetime(option.start)
    end = safe_add(option.start, locked.duration)
    check_sane_datetime(end)
    if locked.event_id:
        event = locked.event
        event.start, event.end = option.start, end
    else:
        event = Event(
            title=locked.title,
            kind=Event.Kind.WORKING_GROUP_MEETING,
            format=Event.Format.ONLINE if locked.location.strip().lower() == "online" else Event.Format.IN_PERSON,
            description=locked.description,
            start=option.start,
            end=end,
            location=locked.location,
            status=Event.Status.PUBLISHED,
            # The date stays with the people asked: the group, or the invitees – never all members.
            audience=Event.Audience.GROUP if locked.group_id else Event.Audience.INVITED,
            group=locked.group,
            organisation=locked.organiser.organisation,
        )
    event.save()
    event.organisers.add(locked.organiser)
    if not locked.group_id:
        event.invitees.set([*locked.invitees.all(), locked.organiser])
    locked.chosen, locked.event, locked.closed_at = option, event, timezone.now()
    locked.save(update_fields=["chosen", "event", "closed_at"])

    enqueue("events.tasks.send_poll_closed", locked.pk)
    return event


def poll_ask(*, poll: DatePoll, person) -> None:
    """One invitee learns that the poll asks them, with the proposed dates and the link (one task each)."""
    message = build_email(
        "poll_opened",
        to=person.email,
        language=person.language,
        context={
            "poll": poll,
            "options": list(poll.options.all()),
            "poll_url": absolute_url(reverse("poll_detail", args=[poll.pk])),
            "person": person,
        },
    )
    message.send()


def poll_tell(*, poll: DatePoll, person) -> None:
    """One invitee learns the date, with the calendar entry (one retried task per invitee)."""
    event = poll.event
    message = build_email(
        "poll_closed",
        to=person.email,
        language=person.language,
        context={"poll": poll, "event": event, "event_url": absolute_url(event.get_absolute_url()), "person": person},
    )
    message.attach("termin.ics", build_calendar([event], name=event.title), "text/calendar; method=PUBLISH")
    message.send()


@rules.predicate
def organises_poll(user, poll):
    return poll is not None and (poll.organiser_id == user.pk or bylaws.is_secretariat(user))


# Who closes; whether the poll is still open is its state, asked by the button and refused by poll_close, so a
# second click or a stale page reads "This poll is closed." and never meets a 403.
rules.add_perm("events.close_poll", organises_poll)
