"""`make loadtest`, the database side: the peak days' setting before the run and the outcome checks after it.

    python bench/loadtest_db.py prepare PLAN.json        (local settings: test data only, before the run)
    python bench/loadtest_db.py check PLAN.json MAILDIR  (after the run: prints the checks, exit 1 on a failure)

``prepare`` adds, on top of `seed_demo --scale N`, a members' meeting whose open ballot opens now (proxies are
given before it opens, as the bylaws want) and a public conference with 100 seats, open for guests; it writes the
plan the Locust files read (who votes which votes, who browses, which event).
"""

import datetime
import email
import json
import os
import sys
from collections import Counter
from email.header import decode_header, make_header
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "defus.settings")

import django  # noqa: E402

django.setup()

from allauth.account.models import EmailAddress  # noqa: E402
from django.db import transaction  # noqa: E402
from django.utils import timezone  # noqa: E402

from assemblies.demo_convening import record_invitation  # noqa: E402
from assemblies.models import AgendaItem, Meeting, Proxy, Resolution, Vote  # noqa: E402
from assemblies.services import proxy_grant  # noqa: E402
from assemblies.voting_rights import delegate_offices  # noqa: E402
from events.models import Event, GuestRegistration, Registration  # noqa: E402
from members.models import User  # noqa: E402

MEETING = "Lasttest: Mitgliederversammlung"
CONFERENCE = "Lasttest: Fachkonferenz"
DELEGATES = int(os.environ.get("LOADTEST_DELEGATES", "60"))
PROXIES = int(os.environ.get("LOADTEST_PROXIES", "10"))
BROWSERS = int(os.environ.get("LOADTEST_BROWSERS", "200"))
SEATS = int(os.environ.get("LOADTEST_SEATS", "100"))


@transaction.atomic
def prepare(plan_path: str) -> None:
    now = timezone.now()
    offices = list(
        delegate_offices()
        .filter(organisation__slug__startswith="musterstadt-")
        .select_related("person", "organisation")
        .order_by("organisation__slug")[: DELEGATES + PROXIES]
    )
    if len(offices) < DELEGATES + PROXIES:
        raise SystemExit(f"only {len(offices)} scale delegates; seed a larger scale")
    voting, granting = offices[:DELEGATES], offices[DELEGATES:]
    secretariat = User.objects.get(email="sekretariat@defus.example")
    start = now + datetime.timedelta(hours=2)
    event = Event.objects.create(
        title=MEETING,
        kind=Event.Kind.MEMBERS_MEETING,
        start=start,
        end=start + datetime.timedelta(hours=6),
        location="Online",
        status="published",
    )
    meeting = Meeting.objects.create(
        title=MEETING,
        event=event,
        chair=User.objects.get(email="vorsitz@defus.example"),
        minute_taker=secretariat,
        invitation_sent_at=now - datetime.timedelta(days=30),
        convened_by=secretariat,
    )
    item = AgendaItem.objects.create(meeting=meeting, number=1, title="Haushaltsplan (Lasttest)")
    record_invitation(meeting)  # convened in time, with the item on its agenda
    # Proxies before the ballot opens: each is declared by the granting organisation's own delegate.
    voters = {office.person.email: [f"o{office.organisation_id}"] for office in voting}
    for holder, giver in zip(voting, granting, strict=False):
        proxy_grant(meeting=meeting, organisation=giver.organisation, holder=holder.person, recorded_by=giver.person)
        voters[holder.person.email].append(f"o{giver.organisation_id}")
    resolution = Resolution.objects.create(
        meeting=meeting,
        agenda_item=item,
        title="Haushaltsplan (Lasttest)",
        text="Die Mitgliederversammlung beschließt den Haushaltsplan.",
        procedure=Resolution.Procedure.ONLINE,
        opens_at=now + datetime.timedelta(minutes=1),
        closes_at=start,
    )
    Resolution.objects.filter(pk=resolution.pk).update(opens_at=now - datetime.timedelta(seconds=1))
    taken = {office.person_id for office in offices}
    browsers = list(
        User.objects.filter(email__endswith="@musterstadt.example", is_active=True)
        .exclude(pk__in=taken)
        .order_by("pk")
        .values_list("email", flat=True)[:BROWSERS]
    )
    # Scale people have no verified address yet (allauth would ask them to confirm it before signing in).
    people = User.objects.filter(email__in=[*voters, *browsers])
    EmailAddress.objects.bulk_create(
        [EmailAddress(user=p, email=p.email, verified=True, primary=True) for p in people], ignore_conflicts=True
    )
    EmailAddress.objects.filter(user__in=people).update(verified=True)
    conference = Event.objects.create(
        title=CONFERENCE,
        kind=Event.Kind.CONFERENCE,
        is_public=True,
        description="Öffentliche Konferenz für den Lasttest.",
        start=now + datetime.timedelta(days=20),
        end=now + datetime.timedelta(days=20, hours=8),
        location="Kongresszentrum",
        capacity=SEATS,
        status="published",
    )
    plan = {
        "resolution": resolution.pk,
        "delegates": [{"email": e, "voters": v} for e, v in voters.items()],
        "browsers": browsers,
        "conference": conference.pk,
        "seats": SEATS,
        "password": os.environ.get("DEMO_PASSWORD", "defus-demo"),
    }
    Path(plan_path).write_text(json.dumps(plan, indent=1))
    print(f"prepared: resolution {resolution.pk} ({len(voters)} delegates, {len(granting)} proxies), "
          f"{len(browsers)} browsing members, conference {conference.pk} with {SEATS} seats")  # fmt: skip


def _mails(mail_dir: str) -> list:
    messages = []
    for path in sorted(Path(mail_dir).glob("*")):
        # The file backend writes several messages per file, separated by a line of dashes.
        for chunk in path.read_text(errors="replace").split("\n" + "-" * 79 + "\n"):
            if chunk.strip():
                message = email.message_from_string(chunk.lstrip())
                messages.append((str(make_header(decode_header(message.get("Subject", "")))), message.get("To", "")))
    return messages


def check(plan_path: str, mail_dir: str) -> int:
    plan = json.loads(Path(plan_path).read_text())
    checks = []

    # Votes: exactly one per organisation; every vote the delegates held was cast.
    expected = {int(v[1:]) for d in plan["delegates"] for v in d["voters"]}
    votes = Counter(Vote.objects.filter(resolution_id=plan["resolution"]).values_list("organisation_id", flat=True))
    doubled = sorted(org for org, n in votes.items() if n > 1)
    missing = sorted(expected - set(votes))
    checks.append(("exactly one vote per organisation and resolution", not doubled, f"doubled: {doubled}"))
    checks.append(
        ("every vote the delegates hold is cast (none lost)", not missing, f"{len(votes)} cast, missing: {missing}")
    )
    proxies_used = Proxy.objects.filter(meeting__resolutions=plan["resolution"]).count()

    # Seats: no overbooking; when people wait, every seat is taken; the waiting list keeps the order of confirming.
    event = Event.objects.get(pk=plan["conference"])
    guests = GuestRegistration.objects.filter(event=event)
    status = Counter(guests.values_list("status", flat=True))
    members = Registration.objects.filter(event=event, status="registered").count()
    seated = status.get("registered", 0) + members
    waiting = status.get("waitlisted", 0)
    checks.append(("no overbooking (seats taken <= capacity)", seated <= event.capacity, f"{seated}/{event.capacity}"))
    checks.append(
        ("the rest on the waiting list (all seats taken when anyone waits)", not waiting or seated == event.capacity,
         f"{seated} seated, {waiting} waiting, {status.get('pending', 0)} unconfirmed"),
    )  # fmt: skip
    seated_last = guests.filter(status="registered").order_by("-confirmed_at").values_list("confirmed_at", flat=True)
    waiting_first = guests.filter(status="waitlisted").order_by("confirmed_at").values_list("confirmed_at", flat=True)
    in_order = not (seated_last and waiting_first) or seated_last[0] <= waiting_first[0]
    checks.append(("waiting list in order of confirming", in_order, ""))

    # Mail: every guest's confirmation mail once, and the answer to confirming (seat or waiting list) once.
    mails = Counter(_mails(mail_dir))
    guest_rows = list(guests.values_list("email", "status"))
    confirm = [
        n for (subject, to), n in mails.items() if subject.startswith("Bitte bestätigen") and CONFERENCE in subject
    ]
    per_guest = Counter(
        to for (subject, to), n in mails.items() for _ in range(n)
        if subject.startswith("Bitte bestätigen") and CONFERENCE in subject
    )  # fmt: skip
    # The worker skips the link for a guest who confirmed before it ran (nothing to confirm any more), so a
    # confirmed guest has at most one; one still pending has exactly one.
    wrong = [a for a, st in guest_rows if per_guest.get(a, 0) > 1 or (st == "pending" and per_guest.get(a, 0) != 1)]
    checks.append(
        ("every confirmation e-mail queued once (none doubled, none missing for a pending guest)", not wrong,
         f"{sum(confirm)} confirmation mails for {len(guest_rows)} guests; wrong: {wrong[:5]}"),
    )  # fmt: skip
    confirmed = {address for address, s in guest_rows if s in ("registered", "waitlisted")}
    answered = Counter(to for (subject, to), n in mails.items() for _ in range(n) if CONFERENCE in subject) - per_guest
    wrong = [address for address in confirmed if answered.get(address, 0) != 1]
    checks.append(("every confirmed guest told seat or waiting place once", not wrong, f"not exactly one: {wrong[:5]}"))

    print(f"\nOutcome (resolution {plan['resolution']}, {proxies_used} proxies; conference {event.pk}):")
    failed = 0
    for name, ok, detail in checks:
        failed += not ok
        print(f"  [{'ok' if ok else 'FAILED'}] {name}" + (f" — {detail}" if detail else ""))
    return 1 if failed else 0


if __name__ == "__main__":
    if sys.argv[1] == "prepare":
        prepare(sys.argv[2])
    else:
        sys.exit(check(sys.argv[2], sys.argv[3]))
