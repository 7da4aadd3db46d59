"""Demo working groups (themes from ../shared/domain/demo-data.md) with members and leads."""

import datetime

from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import timezone
from django.utils.text import slugify

from kernel.digest_schedule import current_period
from kernel.markup import render_markdown
from kernel.text import german_slug
from members.models import Mandate, Role, User
from topics import services
from topics.inquiries import inquiry_answer, inquiry_keep_in_library
from topics.models import Document, Follow, Inquiry, Membership, Post, Thread, WorkingGroup

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
            slug=german_slug(name), defaults={"name": name, "description": description}
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
    groups = list(WorkingGroup.objects.filter(slug__in=[german_slug(name) for name, _ in GROUPS]).order_by("name"))
    street = WorkingGroup.objects.get(slug=german_slug(GROUPS[1][0]))
    authors = [people["delegation.landeshauptstadt-dusseldorf@defus.example"], people["delegierte@defus.example"]]
    for person in authors:
        _join(person, street)
    for index, (title, body, replies) in enumerate(THREADS):
        group = street if index == 0 else WorkingGroup.objects.get(slug=german_slug(GROUPS[3][0]))
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

    start = current_period().sending - datetime.timedelta(days=4)
    posts = list(Post.objects.filter(thread=thread).order_by("created_at", "pk"))
    for number, post in enumerate(posts):
        Post.objects.filter(pk=post.pk).update(created_at=start + datetime.timedelta(hours=5 * number))
    last = start + datetime.timedelta(hours=5 * (len(posts) - 1))
    Thread.objects.filter(pk=thread.pk).update(created_at=start, last_activity_at=last)


def seed_inquiries(*, people: dict) -> None:
    """An open inquiry with some answers, and a closed one kept in the library."""

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
