"""Demo working groups (themes from ../shared/domain/demo-data.md) with members and leads."""

from django.utils import timezone
from django.utils.text import slugify

from members.models import Mandate, Role, User
from topics.models import Membership, WorkingGroup

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
        defaults={"end": None},
    )
    _join(lead, street)


def _join(person: User, group: WorkingGroup) -> None:
    Membership.objects.get_or_create(person=person, group=group)


def seed_scale(*, factor: int) -> None:
    groups = [
        WorkingGroup(name=f"Arbeitsgruppe {number:04d}", slug=f"arbeitsgruppe-{number:04d}", description="Demo.")
        for number in range(1, factor * 10 + 1)
    ]
    WorkingGroup.objects.bulk_create(groups, ignore_conflicts=True, batch_size=1000)
    group_ids = list(WorkingGroup.objects.filter(slug__startswith="arbeitsgruppe-").values_list("pk", flat=True))
    person_ids = User.objects.filter(email__endswith="@musterstadt.example").values_list("pk", flat=True)
    memberships = [
        Membership(person_id=person_id, group_id=group_ids[index % len(group_ids)])
        for index, person_id in enumerate(person_ids.iterator())
    ]
    Membership.objects.bulk_create(memberships, ignore_conflicts=True, batch_size=1000)
