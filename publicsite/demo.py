"""Demo content of the public pages: a member that agreed to be linked, a confirmed request to join waiting for the
board, and a barrier reported last week. Idempotent; dated relative to today."""

import datetime

from django.utils import timezone

from members.models import Organisation
from publicsite.models import AccessibilityFeedback, MemberPage, MembershipApplication
from publicsite.services import one_month_after


def seed() -> None:
    now = timezone.now()
    stuttgart = Organisation.objects.filter(slug="landeshauptstadt-stuttgart").first()
    if stuttgart is not None:
        MemberPage.objects.update_or_create(
            organisation=stuttgart,
            defaults={
                "prevention_url": "https://stuttgart.example/kriminalpraevention",
                "link_consent": True,
                "consent_recorded_on": timezone.localdate(now) - datetime.timedelta(days=90),
            },
        )
    MembershipApplication.objects.get_or_create(
        name="Stadt Musterhausen (Demo)",
        defaults={
            "kind": Organisation.Kind.CITY,
            "federal_state": "BY",
            "municipality_key": "09162000",
            "efus_member": True,
            "contact_name": "Petra Prävention",
            "contact_email": "praevention@musterhausen.example",
            "reason": "Wir möchten vom Austausch der Mitgliedsstädte zur kommunalen Kriminalprävention lernen.",
            "status": MembershipApplication.Status.CONFIRMED,
            "created_at": now - datetime.timedelta(days=3),
            "confirmed_at": now - datetime.timedelta(days=3),
        },
    )
    received = now - datetime.timedelta(days=7)
    AccessibilityFeedback.objects.get_or_create(
        email="leserin@example.org",
        defaults={
            "page": "Unsere Mitglieder",
            "message": "Die Punkte auf der Karte sind auf meinem Telefon sehr klein.",
            "created_at": received,
            "due_on": one_month_after(timezone.localdate(received)),
        },
    )
