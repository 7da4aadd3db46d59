"""Demo events of every kind, past and upcoming, dated relative to today."""

import datetime

from django.utils import timezone

from events.models import AgendaItem, DatePoll, Event, ExchangeOffer, GuestRegistration, Registration
from events.polls import poll_answer, poll_create
from members.models import Organisation, User
from topics.models import WorkingGroup


def _at(days: int, hour: int, minute: int = 0) -> datetime.datetime:
    day = timezone.localdate() + datetime.timedelta(days=days)
    return datetime.datetime.combine(day, datetime.time(hour, minute), tzinfo=timezone.get_current_timezone())


def seed(*, people: dict) -> None:
    stuttgart = Organisation.objects.get(slug="landeshauptstadt-stuttgart")
    essen = Organisation.objects.get(slug="stadt-essen")
    street = WorkingGroup.objects.filter(membership__person=people["mitglied@defus.example"]).first()
    events = [
        {
            "title": "Mitgliederversammlung (Frühjahr)",
            "kind": "members_meeting",
            "organisation": stuttgart,
            "start": _at(-200, 10),
            "end": _at(-200, 16),
            "location": "Rathaus Stuttgart",
            "capacity": 60,
        },
        {
            "title": "Webinar: Sicherheitsbefragungen auswerten",
            "kind": "webinar",
            "organisation": None,
            "start": _at(-30, 14),
            "end": _at(-30, 15, 30),
            "format": "online",
            "online_url": "https://konferenz.defus.example/sb",
        },
        {
            "title": "AG-Treffen Straßenkriminalität",
            "kind": "working_group_meeting",
            "organisation": essen,
            "start": _at(1, 10),
            "end": _at(1, 13),
            "location": "Rathaus Essen, Raum 2.14",
            "capacity": 12,
            "audience": "group",
            "group": street,
            "registration_closes": _at(0, 23, 59),
        },
        {
            "title": "Mitgliederversammlung (Herbst) am Rande des Präventionstags",
            "kind": "members_meeting",
            "organisation": stuttgart,
            "start": _at(18, 10),
            "end": _at(18, 16),
            "location": "Kongresszentrum Hannover",
            "capacity": 60,
            "registration_closes": _at(14, 12),
            "format": "hybrid",
            "online_url": "https://konferenz.defus.example/mv",
        },
        {
            "title": "Vorstandssitzung",
            "kind": "board_meeting",
            "organisation": stuttgart,
            "start": _at(9, 9),
            "end": _at(9, 11),
            "format": "online",
            "online_url": "https://konferenz.defus.example/vs",
            "audience": "board",
        },
        {
            "title": "Konferenz Urbane Sicherheit",
            "kind": "conference",
            "organisation": None,
            "start": _at(40, 9),
            "end": _at(41, 17),
            "location": "Düsseldorf",
            "capacity": 3,
        },
        {
            "title": "Hospitation: Kommunaler Ordnungsdienst Mannheim",
            "kind": "study_visit",
            "organisation": Organisation.objects.get(slug="stadt-mannheim"),
            "start": _at(25, 9),
            "end": _at(25, 15),
            "location": "Mannheim",
            "capacity": 6,
        },
    ]
    for fields in events:
        fields.setdefault("status", "published")
        event, _ = Event.objects.update_or_create(title=fields.pop("title"), defaults=fields)
        if event.kind == "members_meeting" and not event.agenda.exists():
            for time, item in [
                (datetime.time(10), "Begrüßung"),
                (datetime.time(10, 30), "Bericht des Vorstands"),
                (datetime.time(13), "Wahlen"),
                (datetime.time(15, 30), "Verschiedenes"),
            ]:
                AgendaItem.objects.create(event=event, starts_at=time, title=item)
    # The conference is fully booked, with one person waiting; the member is registered for the group meeting.
    conference = Event.objects.get(title="Konferenz Urbane Sicherheit")
    group_meeting = Event.objects.get(title="AG-Treffen Straßenkriminalität")
    for email, event, status in [
        ("vorsitz@defus.example", conference, "registered"),
        ("delegierte@defus.example", conference, "registered"),
        ("delegation.stadt-koln@defus.example", conference, "registered"),
        ("delegation.stadt-leer@defus.example", conference, "waitlisted"),
        ("mitglied@defus.example", group_meeting, "registered"),
    ]:
        Registration.objects.get_or_create(
            event=event, person=people[email], defaults={"status": status, "show_in_participants": True}
        )
    seed_public(people=people)


def seed_public(*, people: dict) -> None:
    """One public conference with a programme, open for guests: two seats, taken by a member and a
    confirmed guest; a second guest waits on the shared waiting list."""

    conference, _created = Event.objects.update_or_create(
        title="Fachkonferenz Sicherheit im öffentlichen Raum",
        defaults={
            "kind": "conference",
            "is_public": True,
            "description": "Kommunen, Polizei, Forschung und Zivilgesellschaft im Gespräch: "
            "Was macht Plätze, Bahnhofsumfelder und Parks sicherer?",
            "speakers": "Dr. Anna Beispiel, Institut für Kriminologie\nMarkus Muster, Ordnungsamt Essen",
            "organisation": None,
            "start": _at(30, 9),
            "end": _at(30, 17),
            "location": "Kongresszentrum Essen",
            "capacity": 2,
            "certificate_hours": 6,
            "status": "published",
        },
    )
    if not conference.agenda.exists():
        for time, item, speaker in [
            (datetime.time(9), "Begrüßung", ""),
            (datetime.time(9, 30), "Sicherheit im öffentlichen Raum: was die Forschung weiß", "Dr. Anna Beispiel"),
            (datetime.time(11), "Praxisbericht Bahnhofsumfeld", "Markus Muster"),
            (datetime.time(14), "Workshops", ""),
        ]:
            AgendaItem.objects.create(event=conference, starts_at=time, title=item, speaker=speaker)
    Registration.objects.get_or_create(
        event=conference,
        person=people["vorsitz@defus.example"],
        defaults={"status": "registered", "requested_at": _at(-10, 9)},
    )
    for days, name, email, organisation, role, status in [
        (-9, "Petra Gast", "petra.gast@example.org", "Polizeipräsidium Essen", "Kriminalprävention", "registered"),
        (-8, "Jonas Wartend", "jonas.wartend@example.org", "Universität Bochum", "Wissenschaftler", "waitlisted"),
    ]:
        GuestRegistration.objects.get_or_create(
            event=conference,
            email=email,
            defaults={
                "name": name,
                "organisation": organisation,
                "role": role,
                "status": status,
                "consent_at": _at(days, 9),
                "created_at": _at(days, 9),
                "confirmed_at": _at(days, 9, 5),
                "requested_at": _at(days, 9, 5),
            },
        )


def seed_planning(*, people: dict) -> None:
    """A running date poll and two study-visit offers."""

    street = WorkingGroup.objects.filter(membership__person=people["mitglied@defus.example"]).first()
    if not DatePoll.objects.filter(title="Nächstes Treffen der AG Straßenkriminalität").exists():
        poll = poll_create(
            organiser=people["delegation.stadt-koln@defus.example"],
            title="Nächstes Treffen der AG Straßenkriminalität",
            description="Online, ca. zwei Stunden. Bitte bis Ende der Woche abstimmen.",
            location="Online",
            group=street,
            starts=[_at(days, 10) for days in (21, 23, 28)],
        )
        options = list(poll.options.all())
        poll_answer(
            poll=poll,
            person=people["mitglied@defus.example"],
            answers={options[0].pk: "yes", options[1].pk: "maybe", options[2].pk: "no"},
        )
        poll_answer(
            poll=poll, person=people["delegierte@defus.example"], answers={options[0].pk: "yes", options[2].pk: "yes"}
        )
    offers = [
        (
            "landeshauptstadt-dusseldorf",
            "Kommunaler Ordnungs- und Servicedienst im Nachtleben",
            "Begleitung einer Abendschicht des OSD in der Altstadt, Gespräch mit der Leitstelle.",
            "Freitags im Frühjahr",
            "Düsseldorf",
        ),
        (
            "stadt-heidelberg",
            "Sicherheitsaudit Bahnhofsumfeld",
            "Begehung mit Stadtplanung und Polizei, Vorstellung der Maßnahmen seit 2023.",
            "nach Absprache",
            "Heidelberg",
        ),
    ]
    for slug, theme, what, dates, place in offers:
        ExchangeOffer.objects.get_or_create(
            host=Organisation.objects.get(slug=slug),
            theme=theme,
            defaults={"what_to_see": what, "possible_dates": dates, "place": place},
        )


EVENTS_PER_FACTOR = 400
SCALE_EVENT_TITLES = {
    Event.Kind.MEMBERS_MEETING: "Regionale Mitgliederversammlung",
    Event.Kind.BOARD_MEETING: "Vorstandsklausur",
    Event.Kind.WORKING_GROUP_MEETING: "AG-Treffen",
    Event.Kind.CONFERENCE: "Fachtagung Kommunale Prävention",
    Event.Kind.WEBINAR: "Webinar Sicherheit im Quartier",
    Event.Kind.STUDY_VISIT: "Hospitation Ordnungsdienst",
}


def seed_scale(*, factor: int) -> None:
    """``factor`` times 400 events of the scale organisations, four years back and one ahead, with up to seven
    registrations each and agendas for members' meetings. Tops up to ``factor`` like the other scale seeds."""

    existing = Event.objects.filter(organisation__slug__startswith="musterstadt-").count()
    wanted = factor * EVENTS_PER_FACTOR
    organisation_ids = list(
        Organisation.objects.filter(slug__startswith="musterstadt-").order_by("slug").values_list("pk", flat=True)
    )
    group_ids = list(
        WorkingGroup.objects.filter(slug__startswith="arbeitsgruppe-").order_by("slug").values_list("pk", flat=True)
    )
    person_ids = list(
        User.objects.filter(email__endswith="@musterstadt.example").order_by("pk").values_list("pk", flat=True)
    )
    if existing >= wanted or not organisation_ids or not group_ids or not person_ids:
        return
    kinds = list(Event.Kind)
    events = []
    for number in range(existing + 1, wanted + 1):
        kind = kinds[number % len(kinds)]
        days = (number * 7919) % 1826 - 1461  # spread over four years back and one ahead
        start = _at(days, 9 + number % 7)
        hours = 2 + number % 5
        end = start + (datetime.timedelta(days=1, hours=8) if kind == Event.Kind.CONFERENCE else
                       datetime.timedelta(hours=hours))  # fmt: skip
        audience = "board" if kind == Event.Kind.BOARD_MEETING else ("group" if number % 4 == 1 else "members")
        online = kind == Event.Kind.WEBINAR
        events.append(
            Event(
                title=f"{SCALE_EVENT_TITLES[kind]} ({number})",
                kind=kind,
                description="Austausch der Mitgliedskommunen (Demo-Termin für Lasttests).",
                organisation_id=organisation_ids[number % len(organisation_ids)],
                start=start,
                end=end,
                format="online" if online else "in_person",
                location="" if online else f"Rathaus Musterstadt {1 + number % len(organisation_ids):04d}",
                online_url="https://konferenz.defus.example/demo" if online else "",
                capacity=None if number % 3 == 0 else 10 + number % 90,
                status="draft" if number % 25 == 0 else ("cancelled" if number % 30 == 7 else "published"),
                audience=audience,
                group_id=group_ids[number % len(group_ids)] if audience == "group" else None,
                created_at=start - datetime.timedelta(days=30 + number % 60),
            )
        )
    Event.objects.bulk_create(events, batch_size=1000)
    registrations, agenda = [], []
    for event in events:
        number = event.pk
        for k in range(number % 8):
            registrations.append(
                Registration(
                    event_id=event.pk,
                    person_id=person_ids[(number * 13 + k * 101) % len(person_ids)],
                    status="registered",
                    requested_at=event.created_at + datetime.timedelta(days=k + 1),
                    show_in_participants=k % 2 == 0,
                    attended=event.end < timezone.now() and k % 3 != 0,
                )
            )
        if event.kind == Event.Kind.MEMBERS_MEETING:
            for time, item in [(datetime.time(10), "Begrüßung"), (datetime.time(11), "Berichte aus den Kommunen")]:
                agenda.append(AgendaItem(event_id=event.pk, starts_at=time, title=item))
    Registration.objects.bulk_create(registrations, ignore_conflicts=True, batch_size=2000)
    AgendaItem.objects.bulk_create(agenda, batch_size=2000)
