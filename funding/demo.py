"""Demo calls from the domain facts, loaded through the real importer (as an export would be)."""

import datetime
import json

from django.utils import timezone

from funding.importer import import_calls
from funding.models import Call, Deadline, Interest, PartnerOrganisation, Programme
from members.models import Organisation, User
from topics.models import WorkingGroup

# identifier, title, opening and deadlines in days from the day the demo is loaded (a deadline as (days, "HH:MM"),
# a UTC instant; "00:00" is how the EU export writes 17:00 Brussels), model, budget. Relative, so the demo shows
# open, forthcoming and closed calls on any day it is started.
CALLS = [
    ("ISF-2026-TF2-AG-PROTECT-02", "Protection of public spaces", -271, [(-171, "00:00")], "single-stage", 15_000_000),
    ("ISF-2026-TF2-AG-DRUGS", "Synthetic drugs and local prevention", -82, [(39, "00:00")], "single-stage", 8_000_000),
    (
        "HORIZON-CL3-2027-01-FCT-02",
        "Community policing and local crime prevention",
        157,
        [(347, "00:00")],
        "single-stage",
        12_000_000,
    ),
    (
        "HORIZON-CL3-2026-01-DRS-04",
        "Resilient cities and crisis management",
        -178,
        [(-17, "00:00")],
        "single-stage",
        9_000_000,
    ),
    ("CERV-2026-DAPHNE", "Preventing gender-based violence", -292, [(-214, "00:00")], "single-stage", 23_000_000),
    ("CERV-2027-CITIZENS-TOWN-NT", "Networks of towns", 9, [(130, "00:00")], "single-stage", 12_000_000),
    ("ERASMUS-EDU-2027-PCOOP-ENGO", "Partnerships for cooperation", -3, [(88, "11:00")], "single-stage", None),
    ("EUI-IA-05", "Innovative actions: safe spaces", -66, [(53, "00:00")], "single-stage", None),
    ("INTERREG-NWE-6", "Interreg North-West Europe call 6", -96, [(-17, "11:00"), (151, "10:00")], "two-stage", None),
]


def export(today: datetime.date | None = None) -> dict:
    """The calls as the EU Funding & Tenders portal exports them, dated from ``today`` (default: today)."""
    today = today or timezone.localdate()

    def day(offset: int) -> str:
        return (today + datetime.timedelta(days=offset)).isoformat()

    results = []
    for identifier, title, opens, deadlines, model, budget in CALLS:
        metadata = {
            "identifier": [identifier],
            "title": [title],
            "startDate": [f"{day(opens)}T00:00:00.000+0000"],
            "deadlineDate": [f"{day(offset)}T{at}:00.000+0000" for offset, at in deadlines],
            "deadlineModel": [model],
            "typesOfAction": ["Action grant"],
        }
        if budget:
            metadata["budgetOverview"] = [
                json.dumps(
                    {
                        "budgetTopicActionMap": {
                            "1": [{"action": f"{identifier} - demo", "budgetYearMap": {day(opens)[:4]: budget}}]
                        }
                    }
                )
            ]
        results.append({"reference": identifier, "url": "https://ec.europa.eu/info/funding-tenders/", "title": title,
                        "language": "en", "metadata": metadata})  # fmt: skip
    return {"totalResults": len(results), "results": results}


def seed() -> None:
    import_calls(export())
    Call.objects.filter(identifier="ISF-2026-TF2-AG-DRUGS").update(
        title_de="Synthetische Drogen und kommunale Prävention",
        min_consortium="mindestens 2 Antragstellende aus 2 Mitgliedstaaten",
        assessment="Für Städte mit Drogenkonsumräumen interessant; Eigenanteil 10 %. (Demo-Einschätzung)",
    )


def seed_interests(*, people: dict) -> None:
    """Interests of several member organisations, partners abroad and two partner searches."""

    partners = [
        ("Ville de Lyon (Demo)", "FR", "Stadt", "Prävention im öffentlichen Raum"),
        ("Comune di Torino (Demo)", "IT", "Stadt", "Drogenprävention"),
        ("Gemeente Utrecht (Demo)", "NL", "Stadt", "Sicherheitsbefragungen"),
    ]
    abroad = {}
    for name, country, kind, themes in partners:
        abroad[country], _ = PartnerOrganisation.objects.get_or_create(
            name=name, defaults={"country": country, "kind": kind, "themes": themes, "consent_to_list": True}
        )
    drugs = Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS")
    towns = Call.objects.get(identifier="CERV-2027-CITIZENS-TOWN-NT")
    Call.objects.filter(pk=drugs.pk).update(min_countries=2)
    Call.objects.filter(pk=towns.pk).update(min_countries=4, min_consortium="mindestens 4 Partner aus 4 Ländern")
    entries = [
        (
            drugs,
            "delegierte@defus.example",
            "coordinator",
            True,
            "Erfahrung mit Drogenhilfe",
            "Partner aus Südeuropa",
            ["IT"],
        ),
        (drugs, "delegation.stadt-koln@defus.example", "partner", False, "", "", []),
        (
            towns,
            "vorsitz@defus.example",
            "coordinator",
            True,
            "Städtenetzwerk-Erfahrung",
            "Städte aus Ost- und Nordeuropa",
            ["FR", "NL"],
        ),
        (towns, "mitglied@defus.example", "watching", False, "", "", []),
    ]
    for call, email, role, looking, offers, needs, countries in entries:
        person = people[email]
        interest, _ = Interest.objects.update_or_create(
            call=call,
            organisation=person.organisation,
            defaults={
                "role": role,
                "contact": person,
                "looking_for_partners": looking,
                "offers": offers,
                "needs": needs,
            },
        )
        interest.partners.set([abroad[c] for c in countries])


CALLS_PER_FACTOR = 100
SCALE_CALL_TOPICS = [
    "Urban security and public spaces",
    "Prevention of radicalisation at local level",
    "Safer nightlife in city centres",
    "Victim support networks",
    "Community resilience to crises",
    "Local drug prevention strategies",
    "Road safety for vulnerable users",
    "Hate crime reporting and response",
]


def seed_scale(*, factor: int) -> None:
    """``factor`` times 100 calls across the demo programmes: opened up to two years ago or up to half a year
    ahead, one or two deadlines each, some with working groups and interests of scale organisations.
    Identifiers are numbered, so the same factor twice adds nothing."""

    programmes = list(Programme.objects.order_by("code"))
    if not programmes:
        return
    now = timezone.now().replace(minute=0, second=0, microsecond=0)
    wanted = range(1, factor * CALLS_PER_FACTOR + 1)
    existing = set(Call.objects.filter(identifier__contains="-DEMO-").values_list("identifier", flat=True))
    calls = []
    for number in wanted:
        programme = programmes[number % len(programmes)]
        opens = now - datetime.timedelta(days=(number * 31) % 910 - 180)
        identifier = f"{programme.code.upper()}-DEMO-{number:05d}"
        if identifier in existing:
            continue
        two_stage = number % 6 == 0
        calls.append(
            Call(
                identifier=identifier,
                title_en=f"{SCALE_CALL_TOPICS[number % len(SCALE_CALL_TOPICS)]} ({number})",
                programme=programme,
                type_of_action="Action grant",
                opens_at=opens,
                deadline_model=Call.DeadlineModel.TWO_STAGE if two_stage else Call.DeadlineModel.SINGLE,
                budget=1_000_000 * (1 + number % 20),
                cofinancing_rate="90 %" if number % 2 else "80 %",
                min_countries=2 + number % 3,
                source_url="https://ec.europa.eu/info/funding-tenders/",
            )
        )
    Call.objects.bulk_create(calls, batch_size=1000)
    deadlines = []
    for call in calls:
        first = call.opens_at + datetime.timedelta(days=60 + call.pk % 120)
        deadlines.append(Deadline(call=call, at=first, stage=1))
        if call.deadline_model == Call.DeadlineModel.TWO_STAGE:
            deadlines.append(Deadline(call=call, at=first + datetime.timedelta(days=150), stage=2))
    Deadline.objects.bulk_create(deadlines, batch_size=2000)
    group_ids = list(WorkingGroup.objects.order_by("pk").values_list("pk", flat=True))
    Through = Call.groups.through
    Through.objects.bulk_create(
        [Through(call_id=c.pk, workinggroup_id=group_ids[c.pk % len(group_ids)]) for c in calls if c.pk % 2],
        ignore_conflicts=True,
        batch_size=2000,
    )
    contact_of = {}
    for organisation_id, person_id in (
        User.objects.filter(organisation__slug__startswith="musterstadt-")
        .order_by("-pk")
        .values_list("organisation_id", "pk")
    ):
        contact_of[organisation_id] = person_id
    organisation_ids = list(
        Organisation.objects.filter(pk__in=contact_of).order_by("slug").values_list("pk", flat=True)
    )
    if not organisation_ids:
        return
    roles = list(Interest.Role)
    interests = [
        Interest(
            call=call,
            organisation_id=organisation_ids[(call.pk * 7 + k) % len(organisation_ids)],
            role=roles[(call.pk + k) % len(roles)],
            contact_id=contact_of[organisation_ids[(call.pk * 7 + k) % len(organisation_ids)]],
            looking_for_partners=k == 0 and call.pk % 2 == 0,
            offers="Erfahrung mit kommunalen Präventionsprojekten" if k == 0 else "",
        )
        for call in calls
        if call.pk % 3 == 0
        for k in range(1 + (call.pk // 3) % 3)
    ]
    Interest.objects.bulk_create(interests, ignore_conflicts=True, batch_size=2000)
