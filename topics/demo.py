"""Demo working groups (themes from ../shared/domain/demo-data.md) with members and leads."""

import datetime

from django.db.models import Q
from django.utils import timezone
from django.utils.text import slugify

from members.models import Mandate, Role, User
from topics.models import Follow, Membership, WorkingGroup

GROUPS = [
    ("Wohnungseinbruch & städtebauliche Kriminalprävention", "Einbruchschutz, sichere Quartiere, Beratung."),
    ("Straßenkriminalität & öffentlicher Raum", "Plätze, Bahnhofsumfelder, Nachtökonomie."),
    ("Organisiertes Betteln", "Lagebilder und Vorgehen der Kommunen."),
    ("Sicherheitsanalysen & Befragungen", "Kommunale Sicherheitsbefragungen und Lagebilder."),
    ("Prävention extremistischer Radikalisierung", "Netzwerke, Ausstieg, Prävention vor Ort."),
    ("Vorurteilsmotivierte Gewalt", "Hasskriminalität erkennen und verhindern."),
    ("Gewalt gegen Frauen", "Istanbul-Konvention in der Kommune."),
    ("Kommunale Resilienz & Krisenmanagement", "Krisenvorsorge und Zusammenhalt."),
    ("Verkehrssicherheit", "Schulwege, Vision Zero, Kontrolle und Prävention."),
    ("EU-Förderung & Projektakquise", "Förderaufrufe, Partnersuche, Antragstellung."),
]


def seed(*, people: dict) -> None:
    groups = []
    for name, description in GROUPS:
        group, _ = WorkingGroup.objects.update_or_create(
            slug=slugify(name)[:80], defaults={"name": name, "description": description}
        )
        groups.append(group)
    street, surveys, funding = groups[1], groups[3], groups[9]
    # The working-level member is in exactly one group.
    _join(people["mitglied@defus.example"], street)
    _join(people["delegierte@defus.example"], street)
    _join(people["delegierte@defus.example"], funding)
    _join(people["vorsitz@defus.example"], surveys)
    # The chair sits in the member's group too and gets every post of it by email (mail.posts).
    _join(people["vorsitz@defus.example"], street)
    Follow.objects.filter(person=people["vorsitz@defus.example"], group=street).update(every_post=True)
    for email, person in people.items():
        if email.startswith("delegation."):
            _join(person, groups[len(email) % len(groups)])
    lead = people["delegation.stadt-koln@defus.example"]
    Mandate.objects.update_or_create(
        role=Role.WORKING_GROUP_LEAD,
        person=lead,
        organisation=None,
        working_group=street,
        start=timezone.localdate().replace(month=1, day=1),
        # Ends soon, so the secretariat's "ending within 60 days" view and reminder show something.
        defaults={"end": timezone.localdate() + datetime.timedelta(days=40)},
    )
    _join(lead, street)


def _join(person: User, group: WorkingGroup) -> None:
    # Joining follows, as in the portal (topics.services.group_join).
    Membership.objects.get_or_create(person=person, group=group)
    Follow.objects.get_or_create(person=person, group=group)


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
        WorkingGroup.objects.filter(slug__in=[slugify(name)[:80] for name, _ in GROUPS]).values_list("pk", flat=True)
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
    from defus.lib.markup import render_markdown
    from topics.models import Post, Thread

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
    from django.core.files.base import ContentFile
    from django.core.files.storage import default_storage

    if not default_storage.exists(SCALE_FILE_NAME):
        return default_storage.save(SCALE_FILE_NAME, ContentFile(DEMO_PDF))
    return SCALE_FILE_NAME


def _seed_scale_documents(*, factor: int) -> None:
    from django.db.models import OuterRef, Subquery

    from events.models import Event
    from topics.models import Document, DocumentVersion

    scale_people = Q(uploaded_by__email__endswith=SCALE_EMAIL_DOMAIN)
    existing = Document.objects.filter(scale_people).count()
    wanted = factor * DOCUMENTS_PER_FACTOR
    members = _scale_members_by_group()
    if existing >= wanted or not members:
        return
    group_ids = sorted(members)
    organisation_of = dict(User.objects.filter(email__endswith=SCALE_EMAIL_DOMAIN).values_list("pk", "organisation_id"))
    past_events = list(
        Event.objects.filter(organisation__slug__startswith="musterstadt-", end__lt=timezone.now())
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


# --- Discussions and documents ---------------------------------------------------------

THREADS = [
    (
        "Alkoholverbote auf öffentlichen Plätzen – Erfahrungen?",
        "Wir prüfen eine **Allgemeinverfügung** für zwei Plätze in der Innenstadt. Wie sind Ihre Erfahrungen mit "
        "Kontrolle und Akzeptanz?",
        [
            "In Düsseldorf haben wir gute Erfahrungen mit einer zeitlich begrenzten Regelung gemacht.",
            "Wichtig war bei uns die Begleitung durch Straßensozialarbeit – ohne sie verlagert sich das Problem nur.",
        ],
    ),
    (
        "Sicherheitsbefragung 2027: gemeinsamer Fragebogen",
        "Sollen wir einen gemeinsamen Kernfragebogen für die kommunalen Befragungen abstimmen? Entwurf folgt.",
        ["Gerne – vergleichbare Fragen würden uns sehr helfen.", "Wir könnten die Items des LPR übernehmen."],
    ),
]

# A minimal valid PDF, so demo downloads open in a viewer.
DEMO_PDF = (
    b"%PDF-1.4\n1 0 obj<</Type/Catalog/Pages 2 0 R>>endobj\n2 0 obj<</Type/Pages/Kids[3 0 R]/Count 1>>endobj\n"
    b"3 0 obj<</Type/Page/Parent 2 0 R/MediaBox[0 0 595 842]>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n"
)


def seed_content(*, people: dict) -> None:
    from django.core.files.uploadedfile import SimpleUploadedFile

    from topics import services
    from topics.models import Document, Thread

    groups = list(WorkingGroup.objects.filter(slug__in=[slugify(name)[:80] for name, _ in GROUPS]).order_by("name"))
    street = WorkingGroup.objects.get(slug=slugify(GROUPS[1][0])[:80])
    authors = [people["delegation.landeshauptstadt-dusseldorf@defus.example"], people["delegierte@defus.example"]]
    for person in authors:
        _join(person, street)
    for index, (title, body, replies) in enumerate(THREADS):
        group = street if index == 0 else WorkingGroup.objects.get(slug=slugify(GROUPS[3][0])[:80])
        if Thread.objects.filter(group=group, title=title).exists():
            continue
        starter = people["mitglied@defus.example"] if index == 0 else people["vorsitz@defus.example"]
        _join(starter, group)
        thread = services.thread_create(group=group, author=starter, title=title, body=body)
        for reply_index, reply in enumerate(replies):
            author = authors[reply_index % len(authors)]
            _join(author, group)
            services.post_create(thread=thread, author=author, body=reply)
        _date_into_last_digest_week(thread)
    # Every other group gets a welcome thread, so no space looks abandoned.
    secretariat = people["sekretariat@defus.example"]
    for group in groups:
        if not Thread.objects.filter(group=group).exists():
            author = group.members.order_by("pk").first() or secretariat
            _join(author, group)
            services.thread_create(
                group=group,
                author=author,
                title=f"Willkommen in der Arbeitsgruppe {group.name}",
                body="Hier tauschen wir Erfahrungen, Termine und Materialien aus. Stellen Sie sich gern kurz vor!",
            )
    documents = [
        ("Leitfaden Alkoholverbote (Demo)", Document.Label.PUBLIC, Document.Category.GOOD_PRACTICE),
        ("Protokoll AG-Sitzung Frühjahr (Demo)", Document.Label.GROUP, Document.Category.MINUTES),
        ("Mitgliederrundschreiben (Demo)", Document.Label.MEMBERS, Document.Category.OTHER),
        ("Haushaltsentwurf des Vorstands (Demo)", Document.Label.BOARD, Document.Category.OTHER),
    ]
    uploader = people["sekretariat@defus.example"]
    for title, label, category in documents:
        if Document.objects.filter(title=title).exists():
            continue
        services.document_create(
            uploaded_by=uploader,
            upload=SimpleUploadedFile(f"{slugify(title)}.pdf", DEMO_PDF, content_type="application/pdf"),
            groups=[street],
            title=title,
            description="Demo-Dokument für das Mitgliederportal.",
            label=label,
            category=category,
            language="de",
            year=timezone.localdate().year,
            organisation=uploader.organisation or people["vorsitz@defus.example"].organisation,
        )


def _date_into_last_digest_week(thread) -> None:
    """The discussion happened last week, so the digest that is due now has something to tell."""
    from mail.digest.schedule import current_period
    from topics.models import Post, Thread

    start = current_period().sending - datetime.timedelta(days=4)
    posts = list(Post.objects.filter(thread=thread).order_by("created_at", "pk"))
    for number, post in enumerate(posts):
        Post.objects.filter(pk=post.pk).update(created_at=start + datetime.timedelta(hours=5 * number))
    last = start + datetime.timedelta(hours=5 * (len(posts) - 1))
    Thread.objects.filter(pk=thread.pk).update(created_at=start, last_activity_at=last)


def seed_inquiries(*, people: dict) -> None:
    """An open inquiry with some answers, and a closed one kept in the library."""
    import datetime

    from defus.lib.markup import render_markdown
    from topics.inquiries import inquiry_answer, inquiry_keep_in_library
    from topics.models import Inquiry

    now = timezone.now()
    asker = people["mitglied@defus.example"]
    open_title = "Alkoholverbote auf öffentlichen Plätzen"
    if not Inquiry.objects.filter(title=open_title).exists():
        question = (
            "Wie gehen Sie mit **Alkoholverboten** auf öffentlichen Plätzen um? "
            "Gibt es eine Satzung oder eine Allgemeinverfügung, und wie wird kontrolliert?"
        )
        inquiry = Inquiry.objects.create(
            title=open_title,
            question=question,
            question_html=render_markdown(question),
            author=asker,
            organisation=asker.organisation,
            deadline=now + datetime.timedelta(days=14),
        )
        for email, text in [
            (
                "delegation.landeshauptstadt-dusseldorf@defus.example",
                "Zeitlich befristete Allgemeinverfügung, Kontrolle durch den Ordnungsdienst.",
            ),
            ("delegierte@defus.example", "Keine Verbote; wir setzen auf Straßensozialarbeit und Aufenthaltsangebote."),
            ("delegation.stadt-mannheim@defus.example", "Polizeiverordnung für zwei Plätze, jährlich evaluiert."),
        ]:
            inquiry_answer(inquiry=inquiry, person=people[email], text=text)
    closed_title = "Kommunale Sicherheitsbefragungen: Turnus"
    if not Inquiry.objects.filter(title=closed_title).exists():
        question = "In welchem Turnus führen Sie Sicherheitsbefragungen durch?"
        inquiry = Inquiry.objects.create(
            title=closed_title,
            question=question,
            question_html=render_markdown(question),
            author=people["vorsitz@defus.example"],
            organisation=people["vorsitz@defus.example"].organisation,
            created_at=now - datetime.timedelta(days=60),
            deadline=now + datetime.timedelta(days=1),
        )
        inquiry_answer(inquiry=inquiry, person=people["delegierte@defus.example"], text="Alle drei Jahre.")
        inquiry_answer(
            inquiry=inquiry, person=people["delegation.stadt-gottingen@defus.example"], text="Alle zwei Jahre."
        )
        Inquiry.objects.filter(pk=inquiry.pk).update(deadline=now - datetime.timedelta(days=14))
        inquiry.refresh_from_db()
        inquiry_keep_in_library(inquiry=inquiry, person=people["vorsitz@defus.example"])
