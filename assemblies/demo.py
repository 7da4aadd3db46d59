"""Demo meetings and resolutions, dated relative to today, created through the services.

- last spring's members' meeting: attendance, a proxy, an open vote, a bylaws change,
  a position paper published in the library, a secret election, signed minutes;
- the coming autumn meeting (invitation sent): an open online ballot and an online secret
  election for the demo delegate of Stadt Augsburg, who also holds Stadt Leer's proxy;
- a resolution without a meeting collecting consents; a board meeting with one motion.
Keyed by titles, so running the seed twice changes nothing.
"""

import datetime

from dateutil.relativedelta import relativedelta
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone

from assemblies import services
from assemblies.demo_convening import record_invitation
from assemblies.models import AgendaItem, Candidate, Meeting, Resolution
from events.models import Event
from members.models import Organisation, Role
from topics.demo import DEMO_PDF
from topics.models import Document
from topics.services import document_create

SPRING = "Mitgliederversammlung (Frühjahr)"
AUTUMN = "Mitgliederversammlung (Herbst) am Rande des Präventionstags"
BOARD = "Vorstandssitzung"
WITHOUT_MEETING = "Gemeinsame Erklärung zum Schutz kommunaler Mandatsträgerinnen und Mandatsträger"


def seed(*, people: dict) -> None:
    if Meeting.objects.filter(title=SPRING).exists():
        return
    _seed_spring(people)
    _seed_autumn(people)
    _seed_board(people)
    _seed_without_meeting(people)


def _delegate(slug: str, people: dict):
    if slug == "stadt-augsburg":
        return people["delegierte@defus.example"]
    return people[f"delegation.{slug}@defus.example"]


def _slugs() -> list[str]:
    return list(
        Organisation.objects.filter(status=Organisation.Status.ACTIVE).order_by("name").values_list("slug", flat=True)
    )


def _position_paper(people: dict):
    title = "Positionspapier: Kommunale Kriminalprävention dauerhaft finanzieren"
    existing = Document.objects.filter(title=title).first()
    if existing:
        return existing
    return document_create(
        uploaded_by=people["sekretariat@defus.example"],
        upload=SimpleUploadedFile("positionspapier.pdf", DEMO_PDF, content_type="application/pdf"),
        groups=[],
        title=title,
        description="Entwurf des Vorstands zur Beschlussfassung in der Mitgliederversammlung.",
        label=Document.Label.MEMBERS,
        category=Document.Category.OTHER,
        language="de",
        year=timezone.localdate().year,
    )


def _seed_spring(people: dict) -> None:
    event = Event.objects.get(title=SPRING)
    secretariat = people["sekretariat@defus.example"]
    meeting = Meeting.objects.create(
        title=SPRING,
        event=event,
        chair=people["vorsitz@defus.example"],
        minute_taker=secretariat,
        invitation_sent_at=event.start - datetime.timedelta(weeks=5),
        convened_by=people["vorsitz@defus.example"],
        minutes_notes=(
            "Die Vorsitzende eröffnet die Versammlung um 10:00 Uhr und stellt die ordnungsgemäße Einladung "
            "sowie die Beschlussfähigkeit fest. Der Vorstand berichtet über das vergangene Jahr: zwei "
            "Fachtagungen, drei Hospitationen, die Städteumfrage zu Alkoholverboten. Die Kassenprüfung ergab "
            "keine Beanstandungen."
        ),
    )
    items = {
        number: AgendaItem.objects.create(meeting=meeting, number=number, title=title)
        for number, title in [
            (1, "Begrüßung und Feststellung der Beschlussfähigkeit"),
            (2, "Bericht des Vorstands und der Kassenprüfung"),
            (3, "Entlastung des Vorstands"),
            (4, "Änderung der Satzung (§ 7 Mitgliederversammlung: hybride Teilnahme)"),
            (5, "Positionspapier Kommunale Kriminalprävention"),
            (6, "Nachwahl einer Beisitzerin / eines Beisitzers im Vorstand"),
        ]
    }
    paper = _position_paper(people)
    items[5].documents.add(paper)
    record_invitation(meeting)
    slugs = _slugs()
    absent = {"stadt-leer", "stadt-gelsenkirchen", "kreis-lippe"}
    # Stadt Leer gave its written proxy to the delegate of Stadt Augsburg, handed in at the door before the
    # meeting began; the chair approved the secretariat's entry (four eyes).
    handed_in = meeting.event.start - datetime.timedelta(minutes=30)
    proxy = services.proxy_grant(
        meeting=meeting,
        organisation=Organisation.objects.get(slug="stadt-leer"),
        holder=people["delegierte@defus.example"],
        recorded_by=secretariat,
        signed_by="Oberbürgermeisterin der Stadt Leer",
        at=handed_in,
    )
    services.proxy_approve(proxy=proxy, actor=people["vorsitz@defus.example"], at=handed_in)
    services.attendance_record(
        meeting=meeting,
        organisation_ids=list(Organisation.objects.exclude(slug__in=absent).values_list("pk", flat=True)),
    )
    voting = [slug for slug in slugs if slug not in absent] + ["stadt-leer"]
    ids = dict(Organisation.objects.values_list("slug", "pk"))
    motions = [
        (
            items[3],
            "Entlastung des Vorstands",
            "Die Mitgliederversammlung entlastet den Vorstand für das Geschäftsjahr.",
            Resolution.Majority.SIMPLE,
            {"stadt-essen": "abstain", "stadt-koln": "abstain"},
        ),
        (
            items[4],
            "Satzungsänderung: hybride Mitgliederversammlung",
            "§ 7 Abs. 2 der Satzung erhält folgende Fassung: „Die Mitgliederversammlung kann als Präsenz-, hybride "
            "oder virtuelle Versammlung stattfinden; der Vorstand entscheidet in der Einladung.“",
            Resolution.Majority.THREE_QUARTERS,
            {"stadt-mannheim": "no", "stadt-oldenburg": "no", "stadt-essen": "abstain"},
        ),
        (
            items[5],
            "Positionspapier Kommunale Kriminalprävention",
            "Die Mitgliederversammlung beschließt das Positionspapier in der vorgelegten Fassung und beauftragt die "
            "Geschäftsstelle mit der Veröffentlichung.",
            Resolution.Majority.SIMPLE,
            {"stadt-heidelberg": "no"},
        ),
    ]
    for item, title, text, majority, exceptions in motions:
        resolution = Resolution.objects.create(
            meeting=meeting, agenda_item=item, title=title, text=text, majority=majority,
            position_paper=paper if item.number == 5 else None,
        )  # fmt: skip
        services.votes_record(
            resolution=resolution,
            recorded_by=secretariat,
            votes={f"o{ids[slug]}": exceptions.get(slug, "yes") for slug in voting},
        )
        services.resolution_close(resolution=resolution, actor=secretariat, now=event.end)
    # A secret election in the room: who handed in a ballot paper is recorded, the totals are counted.
    today = timezone.localdate()
    election = Resolution.objects.create(
        meeting=meeting,
        agenda_item=items[6],
        title="Nachwahl: Beisitz im Vorstand",
        text="Gewählt ist, wer mehr als die Hälfte der abgegebenen Stimmen erhält (Enthaltungen zählen nicht).",
        is_secret=True,
        office=Role.BOARD_MEMBER,
        term_start=timezone.localtime(event.start).date() + datetime.timedelta(days=1),
        term_end=today + relativedelta(months=6),
    )
    first = Candidate.objects.create(resolution=election, person=_delegate("stadt-heidelberg", people))
    Candidate.objects.create(resolution=election, person=_delegate("stadt-gottingen", people))
    second = election.candidates.exclude(pk=first.pk).get()
    services.secret_ballot_record(
        resolution=election,
        recorded_by=secretariat,
        voters=[f"o{ids[slug]}" for slug in voting],
        counts={f"candidate-{first.pk}": 8, f"candidate-{second.pk}": 3, "no": 0, "abstain": len(voting) - 11},
    )
    services.resolution_close(resolution=election, actor=secretariat, now=event.end)
    services.minutes_sign(meeting=meeting, person=meeting.chair)
    services.minutes_sign(meeting=meeting, person=meeting.minute_taker)


def _seed_autumn(people: dict) -> None:
    event = Event.objects.get(title=AUTUMN)
    now = timezone.now()
    meeting = Meeting.objects.create(
        title=AUTUMN,
        event=event,
        chair=people["vorsitz@defus.example"],
        minute_taker=people["sekretariat@defus.example"],
        invitation_sent_at=now - datetime.timedelta(days=12),
        convened_by=people["vorsitz@defus.example"],
    )
    budget_item = AgendaItem.objects.create(meeting=meeting, number=1, title="Haushaltsplan für das kommende Jahr")
    election_item = AgendaItem.objects.create(meeting=meeting, number=2, title="Wahl der Kassenprüfung")
    AgendaItem.objects.create(meeting=meeting, number=3, title="Verschiedenes")
    record_invitation(meeting)
    services.proxy_grant(
        meeting=meeting,
        organisation=Organisation.objects.get(slug="stadt-leer"),
        holder=people["delegierte@defus.example"],
        recorded_by=_delegate("stadt-leer", people),
    )
    budget = Resolution.objects.create(
        meeting=meeting,
        agenda_item=budget_item,
        title="Haushaltsplan und Mitgliedsbeiträge",
        text=(
            "Die Mitgliederversammlung beschließt den vorgelegten Haushaltsplan; "
            "die Mitgliedsbeiträge bleiben unverändert."
        ),
        procedure=Resolution.Procedure.ONLINE,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=event.start,
    )
    old_auditor_end = timezone.localdate() + relativedelta(months=6)
    election = Resolution.objects.create(
        meeting=meeting,
        agenda_item=election_item,
        title="Wahl: Kassenprüfung",
        text="Zu wählen ist eine Kassenprüferin oder ein Kassenprüfer für zwei Jahre.",
        procedure=Resolution.Procedure.ONLINE,
        is_secret=True,
        opens_at=now - datetime.timedelta(days=2),
        closes_at=event.start,
        office=Role.AUDITOR,
        term_start=old_auditor_end + datetime.timedelta(days=1),
        term_end=old_auditor_end + relativedelta(years=2),
    )
    for slug in ("stadt-oldenburg", "stadt-koln"):
        Candidate.objects.create(resolution=election, person=_delegate(slug, people))
    oldenburg = election.candidates.get(person=_delegate("stadt-oldenburg", people))
    for slug, choice in [
        ("landeshauptstadt-stuttgart", "yes"),
        ("landeshauptstadt-munchen", "yes"),
        ("stadt-essen", "abstain"),
        ("stadt-heidelberg", "no"),
        ("stadt-mannheim", "yes"),
    ]:
        services.vote_cast(resolution=budget, person=_delegate(slug, people), choice=choice)
        services.vote_cast(resolution=election, person=_delegate(slug, people), choice=f"candidate-{oldenburg.pk}")


def _seed_board(people: dict) -> None:
    event = Event.objects.get(title=BOARD)
    meeting = Meeting.objects.create(
        title=BOARD,
        event=event,
        body=Meeting.Body.BOARD,
        chair=people["vorsitz@defus.example"],
        minute_taker=people["sekretariat@defus.example"],
    )
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Vorbereitung der Mitgliederversammlung")
    Resolution.objects.create(
        meeting=meeting,
        agenda_item=item,
        title="Tagesordnung der Herbstversammlung",
        text="Der Vorstand beschließt die Tagesordnung der Mitgliederversammlung im Herbst.",
    )


def _seed_without_meeting(people: dict) -> None:
    now = timezone.now()
    resolution = Resolution.objects.create(
        title=WITHOUT_MEETING,
        text=(
            "Die Mitglieder des DEFUS schließen sich der gemeinsamen Erklärung der kommunalen Spitzenverbände "
            "zum Schutz kommunaler Mandatsträgerinnen und Mandatsträger vor Anfeindungen an."
        ),
        procedure=Resolution.Procedure.WITHOUT_MEETING,
        majority=Resolution.Majority.ALL_MEMBERS,
        opens_at=now - datetime.timedelta(days=3),
        closes_at=now + datetime.timedelta(days=11),
    )
    for slug in ("landeshauptstadt-stuttgart", "stadt-essen", "stadt-koln", "stadt-mannheim"):
        organisation = Organisation.objects.get(slug=slug)
        services.consent_declare(
            resolution=resolution,
            person=_delegate(slug, people),
            agrees=True,
            statement=f"{organisation.name} stimmt dem Beschluss zu.",
        )
