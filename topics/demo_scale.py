"""Working groups, discussions and documents at Efus size (``seed_demo --scale N``), for benchmarks."""

import datetime

from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db.models import OuterRef, Q, Subquery
from django.utils import timezone
from django.utils.text import slugify

from kernel.markup import render_markdown
from kernel.text import german_slug
from members.models import User
from topics.demo import DEMO_PDF, GROUPS
from topics.models import Document, DocumentVersion, Follow, Membership, Post, Thread, WorkingGroup

SCALE_EMAIL_DOMAIN = "@musterstadt.example"
THREADS_PER_FACTOR = 200  # with about ten posts each: 2,000 posts per factor
DOCUMENTS_PER_FACTOR = 1000


def seed_scale(*, factor: int) -> None:
    """``factor`` times 10 working groups (people of the scale organisations as members, following their
    groups; every tenth also in one of the demo groups). Discussions and documents: see seed_scale_content."""
    groups = [
        WorkingGroup(name=f"Arbeitsgruppe {number:04d}", slug=f"arbeitsgruppe-{number:04d}", description="Demo.")
        for number in range(1, factor * 10 + 1)
    ]
    WorkingGroup.objects.bulk_create(groups, ignore_conflicts=True, batch_size=1000)
    group_ids = list(
        WorkingGroup.objects.filter(slug__startswith="arbeitsgruppe-").order_by("slug").values_list("pk", flat=True)
    )
    demo_group_ids = list(
        WorkingGroup.objects.filter(slug__in=[german_slug(name) for name, _ in GROUPS]).values_list("pk", flat=True)
    )
    person_ids = User.objects.filter(email__endswith=SCALE_EMAIL_DOMAIN).order_by("pk").values_list("pk", flat=True)
    pairs = []
    for index, person_id in enumerate(person_ids.iterator()):
        pairs.append((person_id, group_ids[index % len(group_ids)]))
        if demo_group_ids and index % 10 == 0:
            pairs.append((person_id, demo_group_ids[(index // 10) % len(demo_group_ids)]))
    Membership.objects.bulk_create(
        [Membership(person_id=p, group_id=g) for p, g in pairs], ignore_conflicts=True, batch_size=2000
    )
    Follow.objects.bulk_create(
        [Follow(person_id=p, group_id=g) for p, g in pairs], ignore_conflicts=True, batch_size=2000
    )


SCALE_THEMES = [
    "Videoschutz am Bahnhofsvorplatz",
    "Sicherheitsbefragung: Rücklaufquote",
    "Präventionsrat gründen – Satzung",
    "Einbruchschutzberatung im Quartier",
    "Nachtbürgermeister und Nachtökonomie",
    "Angsträume im Stadtpark",
    "Kommunaler Ordnungsdienst: Dienstzeiten",
    "Schulwegsicherheit und Elterntaxis",
    "Hasskriminalität melden",
    "Krisenstab-Übung mit der Feuerwehr",
    "Förderantrag ISF: Partner gesucht",
    "Beleuchtung von Unterführungen",
]
SCALE_BODIES = [
    "Wir haben gute Erfahrungen mit einer **gemeinsamen Begehung** von Ordnungsamt, Polizei und Quartiersmanagement.",
    "Gibt es dazu schon eine Auswertung? Wir würden die Ergebnisse gern im Ausschuss vorstellen.",
    "Bei uns hat sich bewährt:\n\n- frühzeitig die Anwohnenden beteiligen\n- klare Zuständigkeiten\n- Evaluation",
    "Danke für den Hinweis, wir schicken Ihnen unser Konzept per E-Mail.",
    "Der Landespräventionsrat hat dazu einen [Leitfaden](https://example.org/leitfaden) veröffentlicht.",
    "Wir prüfen das gerade und melden uns nach der nächsten Sitzung des Präventionsrats.",
]


def seed_scale_content(*, factor: int) -> None:
    """Discussions (about 2,000 posts per factor, in threads of 1 to 19 posts) and documents (1,000 per factor,
    each with a version row pointing at one small shared file), written by people of the scale organisations.

    Tops up to ``factor``: what scale people already wrote is counted, so the same factor twice adds nothing.
    """
    _seed_scale_threads(factor=factor)
    _seed_scale_documents(factor=factor)


def _scale_members_by_group() -> dict[int, list[int]]:
    members: dict[int, list[int]] = {}
    for group_id, person_id in (
        Membership.objects.filter(person__email__endswith=SCALE_EMAIL_DOMAIN, group__archived_at__isnull=True)
        .order_by("group_id", "person_id")
        .values_list("group_id", "person_id")
    ):
        members.setdefault(group_id, []).append(person_id)
    return members


def _seed_scale_threads(*, factor: int) -> None:
    existing = Thread.objects.filter(author__email__endswith=SCALE_EMAIL_DOMAIN).count()
    wanted = factor * THREADS_PER_FACTOR
    members = _scale_members_by_group()
    if existing >= wanted or not members:
        return
    group_ids = sorted(members)
    rendered = [render_markdown(body) for body in SCALE_BODIES]
    now = timezone.now()
    threads, posts_of_thread = [], []
    for number in range(existing + 1, wanted + 1):
        group_id = group_ids[number % len(group_ids)]
        people = members[group_id]
        started = now - datetime.timedelta(days=(number * 37) % 730, hours=number % 9, minutes=number % 60)
        count = 1 + (number * 7) % 19
        # Replies follow within hours or days, never in the future.
        times = [min(started + datetime.timedelta(hours=5 * k * (1 + number % 4)), now) for k in range(count)]
        threads.append(
            Thread(
                group_id=group_id,
                title=f"{SCALE_THEMES[number % len(SCALE_THEMES)]} ({number})",
                author_id=people[number % len(people)],
                created_at=started,
                last_activity_at=times[-1],
                post_count=count,
                is_pinned=number % 97 == 0,
                is_closed=number % 41 == 0,
            )
        )
        posts_of_thread.append(
            [
                (people[(number + k) % len(people)], (number + k) % len(SCALE_BODIES), at, k == 0)
                for k, at in enumerate(times)
            ]
        )
    Thread.objects.bulk_create(threads, batch_size=1000)
    posts = [
        Post(
            thread_id=thread.pk,
            author_id=author_id,
            body=SCALE_BODIES[body],
            body_html=rendered[body],
            created_at=at,
            is_opening=opening,
        )
        for thread, thread_posts in zip(threads, posts_of_thread, strict=True)
        for author_id, body, at, opening in thread_posts
    ]
    Post.objects.bulk_create(posts, batch_size=2000)


SCALE_DOCUMENT_TITLES = [
    "Lagebild Straßenkriminalität",
    "Leitfaden Einbruchschutz im Neubau",
    "Evaluation Alkoholverbotszone",
    "Protokoll der AG-Sitzung",
    "Präsentation Sicherheitsbefragung",
    "Mustervorlage Allgemeinverfügung",
    "Studie Angsträume im öffentlichen Raum",
    "Konzept Kommunaler Ordnungsdienst",
    "Handreichung Prävention von Radikalisierung",
    "Bericht Gewaltschutz für Frauen",
]
# Descriptions combine two of these subjects, so a search word matches a few per cent of the library, not all of it.
SCALE_DOCUMENT_SUBJECTS = [
    "Alkoholverbote auf öffentlichen Plätzen",
    "Videoüberwachung am Bahnhof",
    "Einbruchschutz in Wohnquartieren",
    "Nachtökonomie und Lärmschutz",
    "kommunale Sicherheitsbefragungen",
    "Gewaltschutz für Frauen",
    "Hasskriminalität und Opferberatung",
    "Ausstiegsprogramme für Radikalisierte",
    "Schulwegsicherheit",
    "Verkehrsunfallprävention",
    "Drogenkonsumräume",
    "organisiertes Betteln",
    "Krisenvorsorge und Resilienz",
    "Beleuchtung von Angsträumen",
    "Jugendgewalt im Nahverkehr",
    "Taschendiebstahl auf Weihnachtsmärkten",
    "Obdachlosigkeit im Innenstadtbereich",
    "Graffiti und Vandalismus",
    "Präventionsräte und Netzwerke",
    "Ordnungsdienste im Streifendienst",
    "Clankriminalität und Gewerbekontrollen",
    "Sicherheit bei Großveranstaltungen",
    "digitale Gewalt und Cybermobbing",
    "Nachbarschaftshilfe und Zivilcourage",
]
SCALE_DOCUMENT_KINDS = ["Auswertung", "Erfahrungsbericht", "Empfehlungen", "Vorlage", "Ergebnisse"]
SCALE_FILE_NAME = "documents/demo/lasttest.pdf"


def _scale_file() -> str:
    """One small stored PDF that every scale document version points at (no 20,000 files on disk)."""

    if not default_storage.exists(SCALE_FILE_NAME):
        return default_storage.save(SCALE_FILE_NAME, ContentFile(DEMO_PDF))
    return SCALE_FILE_NAME


def _seed_scale_documents(*, factor: int) -> None:
    scale_people = Q(uploaded_by__email__endswith=SCALE_EMAIL_DOMAIN)
    existing = Document.objects.filter(scale_people).count()
    wanted = factor * DOCUMENTS_PER_FACTOR
    members = _scale_members_by_group()
    if existing >= wanted or not members:
        return
    group_ids = sorted(members)
    organisation_of = dict(User.objects.filter(email__endswith=SCALE_EMAIL_DOMAIN).values_list("pk", "organisation_id"))
    # Filed with the demo's past events, through the relation the library declares (events is above topics).
    events = Document._meta.get_field("event").related_model.objects
    past_events = list(
        events.filter(organisation__slug__startswith="musterstadt-", end__lt=timezone.now())
        .order_by("pk")
        .values_list("pk", flat=True)[:500]
    )
    labels = [Document.Label.MEMBERS] * 10 + [Document.Label.GROUP] * 5 + [Document.Label.PUBLIC] * 4
    labels.append(Document.Label.BOARD)
    categories = list(Document.Category)
    now = timezone.now()
    documents, groups_of = [], []
    for number in range(existing + 1, wanted + 1):
        group_id = group_ids[number % len(group_ids)]
        uploader = members[group_id][number % len(members[group_id])]
        created = now - datetime.timedelta(days=(number * 53) % 1825, hours=number % 11)
        documents.append(
            Document(
                title=f"{SCALE_DOCUMENT_TITLES[number % len(SCALE_DOCUMENT_TITLES)]} {created.year} ({number})",
                description=(
                    f"{SCALE_DOCUMENT_KINDS[number % len(SCALE_DOCUMENT_KINDS)]} zu "
                    f"{SCALE_DOCUMENT_SUBJECTS[number % len(SCALE_DOCUMENT_SUBJECTS)]} und "
                    f"{SCALE_DOCUMENT_SUBJECTS[(number * 7 + 3) % len(SCALE_DOCUMENT_SUBJECTS)]} "
                    f"aus Musterstadt {1 + number % 300:04d}."
                ),
                label=labels[number % len(labels)],
                category=categories[number % len(categories)],
                language="en" if number % 9 == 0 else "de",
                year=created.year,
                organisation_id=organisation_of[uploader],
                event_id=past_events[number % len(past_events)] if past_events and number % 10 == 0 else None,
                uploaded_by_id=uploader,
                created_at=created,
            )
        )
        extra = group_ids[(number * 3) % len(group_ids)]
        groups_of.append({group_id, extra} if number % 4 == 0 else {group_id})
    Document.objects.bulk_create(documents, batch_size=1000)
    Through = Document.groups.through
    Through.objects.bulk_create(
        [
            Through(document_id=document.pk, workinggroup_id=group_id)
            for document, group_set in zip(documents, groups_of, strict=True)
            for group_id in group_set
        ],
        batch_size=2000,
    )
    stored = _scale_file()
    versions = []
    for index, document in enumerate(documents):
        for number in range(1, 3 if index % 7 == 0 else 2):
            versions.append(
                DocumentVersion(
                    document_id=document.pk,
                    number=number,
                    file=stored,
                    filename=f"{slugify(document.title)[:80]}.pdf",
                    content_type="application/pdf",
                    size=len(DEMO_PDF),
                    uploaded_by_id=document.uploaded_by_id,
                    uploaded_at=document.created_at + datetime.timedelta(days=number - 1),
                )
            )
    DocumentVersion.objects.bulk_create(versions, batch_size=2000)
    newest = DocumentVersion.objects.filter(document=OuterRef("pk")).order_by("-number").values("pk")[:1]
    Document.objects.filter(scale_people, current_version__isnull=True).update(current_version=Subquery(newest))
