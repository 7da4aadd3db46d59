"""Demo organisations, people and offices (see ../shared/domain/demo-data.md).

Dates are relative to today so terms are current on any day the demo runs.
Everything is keyed by natural keys, so running the seed twice changes nothing.
"""

import datetime
from decimal import Decimal

from allauth.account.models import EmailAddress
from dateutil.relativedelta import relativedelta
from django.contrib.auth.hashers import make_password
from django.utils import timezone
from django.utils.text import slugify

from members.models import ConsentRecord, FederalState, Mandate, MembershipFee, Organisation, Role, User

K = Organisation.Kind
ORGANISATIONS = [
    # name, kind, state, year joined
    ("Landeshauptstadt Stuttgart", K.CITY, FederalState.BW, 2010),
    ("Landeshauptstadt München", K.CITY, FederalState.BY, 2010),
    ("Stadt Augsburg", K.CITY, FederalState.BY, 2010),
    ("Landeshauptstadt Düsseldorf", K.CITY, FederalState.NW, 2011),
    ("Stadt Essen", K.CITY, FederalState.NW, 2012),
    ("Stadt Mannheim", K.CITY, FederalState.BW, 2012),
    ("Stadt Heidelberg", K.CITY, FederalState.BW, 2013),
    ("Stadt Göttingen", K.CITY, FederalState.NI, 2014),
    ("Stadt Oldenburg", K.CITY, FederalState.NI, 2015),
    ("Stadt Leer", K.CITY, FederalState.NI, 2016),
    ("Stadt Gelsenkirchen", K.CITY, FederalState.NW, 2017),
    ("Kreis Lippe", K.DISTRICT, FederalState.NW, 2018),
    ("Stadt Köln", K.CITY, FederalState.NW, 2019),
    ("Landespräventionsrat Niedersachsen", K.PREVENTION_COUNCIL, FederalState.NI, 2010),
    ("Deutscher Präventionstag (DPT)", K.ORGANISATION, FederalState.NI, 2010),
]

# Official municipality keys (../shared/domain/statistics.md); organisations without a territory have none.
MUNICIPALITY_KEYS = {
    "Landeshauptstadt Stuttgart": "08111000",
    "Landeshauptstadt München": "09162000",
    "Stadt Augsburg": "09761000",
    "Landeshauptstadt Düsseldorf": "05111000",
    "Stadt Essen": "05113000",
    "Stadt Mannheim": "08222000",
    "Stadt Heidelberg": "08221000",
    "Stadt Göttingen": "03159016",
    "Stadt Oldenburg": "03403000",
    "Stadt Leer": "03457013",
    "Stadt Gelsenkirchen": "05513000",
    "Kreis Lippe": "05766",
    "Stadt Köln": "05315000",
}

# email, first, last, position, organisation slug (None: secretariat), level
PERSONAS = [
    ("sekretariat@defus.example", "Katrin", "Albers", "Geschäftsführerin", None, User.Level.LEADERSHIP),
    (
        "vorsitz@defus.example",
        "Martina",
        "Vogt",
        "Leiterin Amt für öffentliche Ordnung",
        "landeshauptstadt-stuttgart",
        User.Level.LEADERSHIP,
    ),
    (
        "delegierte@defus.example",
        "Deniz",
        "Aydın",
        "Kommunale Kriminalprävention",
        "stadt-augsburg",
        User.Level.LEADERSHIP,
    ),
    ("mitglied@defus.example", "Jonas", "Brandt", "Sachbearbeiter Prävention", "stadt-essen", User.Level.WORKING),
    (
        "ehemalig@defus.example",
        "Rainer",
        "Kessler",
        "Ordnungsdezernent a. D.",
        "landeshauptstadt-munchen",
        User.Level.LEADERSHIP,
    ),
]

FIRST_NAMES = ["Anna", "Ben", "Clara", "David", "Elif", "Felix", "Greta", "Hannes", "Ida", "Jan", "Lea", "Malte"]
LAST_NAMES = ["Schulz", "Wagner", "Becker", "Hoffmann", "Koch", "Richter", "Klein", "Wolf", "Neumann", "Krüger"]


def seed(*, password: str) -> dict:
    today = timezone.localdate()
    organisations = {}
    for name, kind, state, year in ORGANISATIONS:
        organisation, _ = Organisation.objects.update_or_create(
            slug=slugify(name),
            defaults={
                "name": name,
                "kind": kind,
                "federal_state": state,
                "status": Organisation.Status.ACTIVE,
                "joined_on": datetime.date(year, 5, 10),
                "efus_member": True,
                "municipality_key": MUNICIPALITY_KEYS.get(name, ""),
                "shares_aims": True,
                "accepts_bylaws": True,
                "admitted_on": datetime.date(year, 5, 10),
                "description": f"{name} ist Mitglied im DEFUS (Demo-Eintrag).",
                "email": f"praevention@{slugify(name)}.example",
            },
        )
        organisations[organisation.slug] = organisation

    people = {}
    for email, first, last, position, org_slug, level in PERSONAS:
        people[email] = _person(email, first, last, position, organisations.get(org_slug), level, password, always=True)

    # A delegate and a contact for every other organisation, so the directory is full.
    hashed = make_password(password)
    for index, organisation in enumerate(organisations.values()):
        email = f"delegation.{organisation.slug}@defus.example"
        first, last = FIRST_NAMES[index % len(FIRST_NAMES)], LAST_NAMES[index % len(LAST_NAMES)]
        people[email] = _person(
            email, first, last, "Präventionsbeauftragte/r", organisation, User.Level.LEADERSHIP, hashed
        )

    secretariat = people["sekretariat@defus.example"]
    chair = people["vorsitz@defus.example"]
    term_start = today - relativedelta(years=1, months=6)
    term_end = today + relativedelta(months=6)
    previous_start = term_start - relativedelta(years=2)
    previous_end = term_start - datetime.timedelta(days=1)
    deputy = people["delegation.landeshauptstadt-dusseldorf@defus.example"]
    former = people["ehemalig@defus.example"]
    treasurer = people["delegation.stadt-mannheim@defus.example"]
    auditor = people["delegation.kreis-lippe@defus.example"]

    offices = [
        (Role.SECRETARIAT, secretariat, None, datetime.date(2019, 1, 1), None, ""),
        (Role.CHAIR, chair, None, term_start, term_end, "Mitgliederversammlung"),
        (Role.DEPUTY_CHAIR, deputy, None, term_start, term_end, "Mitgliederversammlung"),
        (Role.TREASURER, treasurer, None, term_start, term_end, "Mitgliederversammlung"),
        (Role.AUDITOR, auditor, None, term_start, term_end, "Mitgliederversammlung"),
        # The former board member: deputy chair until the last election, then no office.
        (Role.DEPUTY_CHAIR, former, None, previous_start, previous_end, "Mitgliederversammlung"),
        (Role.CHAIR, chair, None, previous_start, previous_end, "Mitgliederversammlung"),
    ]
    for organisation in organisations.values():
        delegate = (
            people["delegierte@defus.example"]
            if organisation.slug == "stadt-augsburg"
            else people[f"delegation.{organisation.slug}@defus.example"]
        )
        offices.append((Role.DELEGATE, delegate, organisation, organisation.joined_on, None, ""))
    for role, person, organisation, start, end, elected_at in offices:
        Mandate.objects.update_or_create(
            role=role,
            person=person,
            organisation=organisation,
            working_group=None,
            start=start,
            defaults={"end": end, "elected_at": elected_at},
        )
    _seed_fees(organisations, today)
    return {"organisations": organisations, "people": people}


FEES = {K.CITY: Decimal("1500.00"), K.DISTRICT: Decimal("1000.00")}


def _seed_fees(organisations: dict, today: datetime.date) -> None:
    """Fees for last year (all paid) and this year (two still open and overdue)."""
    late = {"stadt-leer", "stadt-gelsenkirchen"}
    for year in (today.year - 1, today.year):
        invoiced = datetime.date(year, 1, 15)
        for slug, organisation in organisations.items():
            unpaid = year == today.year and slug in late
            MembershipFee.objects.update_or_create(
                organisation=organisation,
                year=year,
                defaults={
                    "amount": FEES.get(organisation.kind, Decimal("500.00")),
                    "invoiced_on": invoiced,
                    "due_on": invoiced + datetime.timedelta(days=60),
                    "paid_on": None if unpaid else invoiced + datetime.timedelta(days=21),
                },
            )


def _person(email, first, last, position, organisation, level, password, *, always=False) -> User:
    user = User.objects.filter(email=email).first()
    if user is None:
        # Long-standing members: joined well before this week's digest was due.
        user = User(email=email, date_joined=timezone.now() - datetime.timedelta(days=730))
        always = True
    user.first_name, user.last_name, user.position = first, last, position
    user.organisation, user.level = organisation, level
    # Demo people agreed to show position and email (recorded like any consent).
    consents = [(f, s) for f, s in (("show_position", "directory_position"), ("show_email", "directory_email"))]
    newly_granted = [subject for field, subject in consents if not getattr(user, field)]
    for field, _subject in consents:
        setattr(user, field, True)
    if always:
        if password.startswith("pbkdf2_"):
            user.password = password
        else:
            user.set_password(password)
    user.save()
    for subject in newly_granted:
        ConsentRecord.objects.create(person=user, subject=subject, granted=True)
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def seed_scale(*, factor: int, password: str) -> None:
    """Add ``factor`` times 15 organisations and 300 people, with bulk inserts.

    Numbered natural keys make it idempotent: the same factor twice adds nothing, a larger one tops up.
    Every third person shows an email address in the directory, and each organisation has a delegate.
    """
    hashed = make_password(password)
    organisations = [
        Organisation(
            name=f"Musterstadt {number:04d}",
            slug=f"musterstadt-{number:04d}",
            kind=Organisation.Kind.CITY,
            federal_state=list(FederalState)[number % 16],
            status=Organisation.Status.ACTIVE,
            joined_on=datetime.date(2010 + number % 15, 1 + number % 12, 1),
            efus_member=True,
            shares_aims=True,
            accepts_bylaws=True,
            description="Demo-Organisation für Lasttests.",
            email=f"praevention@musterstadt-{number:04d}.example",
            city=f"Musterstadt {number:04d}",
        )
        for number in range(1, factor * 15 + 1)
    ]
    Organisation.objects.bulk_create(organisations, ignore_conflicts=True, batch_size=1000)
    by_slug = dict(Organisation.objects.filter(slug__startswith="musterstadt-").values_list("slug", "pk"))
    people = []
    for number in range(1, factor * 300 + 1):
        org_number = 1 + number % (factor * 15)
        people.append(
            User(
                email=f"person{number:05d}@musterstadt.example",
                first_name=FIRST_NAMES[number % len(FIRST_NAMES)],
                last_name=LAST_NAMES[number % len(LAST_NAMES)],
                position="Prävention",
                organisation_id=by_slug[f"musterstadt-{org_number:04d}"],
                password=hashed,
                show_position=True,
                show_email=number % 3 == 0,
            )
        )
    User.objects.bulk_create(people, ignore_conflicts=True, batch_size=1000)
    _seed_scale_delegates()


def _seed_scale_delegates() -> None:
    """The first person of each scale organisation is its delegate (one per organisation, as the bylaws say)."""
    with_delegate = Mandate.objects.filter(role=Role.DELEGATE, organisation__slug__startswith="musterstadt-").values(
        "organisation_id"
    )
    first_person = {}
    for org_id, person_id in (
        User.objects.filter(organisation__slug__startswith="musterstadt-")
        .exclude(organisation_id__in=with_delegate)
        .order_by("-pk")
        .values_list("organisation_id", "pk")
    ):
        first_person[org_id] = person_id
    joined = dict(Organisation.objects.filter(pk__in=first_person).values_list("pk", "joined_on"))
    Mandate.objects.bulk_create(
        [
            Mandate(role=Role.DELEGATE, person_id=person_id, organisation_id=org_id, start=joined[org_id])
            for org_id, person_id in first_person.items()
        ],
        batch_size=1000,
    )
