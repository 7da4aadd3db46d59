"""What the member dashboard shows. Each app's section is one query, whatever the data size, computed on every
view: measured at Efus size the page meets its latency goals without a cache (README, Performance), so the
per-person cache that stood here, invalidated by signals on 17 models, was removed (issue 30)."""

from django.utils import timezone

from assemblies.selectors import open_ballots_for
from events.selectors import events_for, my_registrations
from funding.selectors import calls, due_within
from kernel.first_steps import checklist
from members.models import Mandate
from topics.selectors import activity_for


def dashboard_for(*, user) -> dict:
    today = timezone.localdate()
    now = timezone.now()
    return {
        # The first steps until the person dismisses them (they stay on their own page, linked from the profile).
        "first_steps": checklist(user=user) if user.onboarding_dismissed_at is None else None,
        "call_deadlines": list(due_within(calls(now=now), days=30, now=now)[:5]),
        "organisation": user.organisation,
        "open_ballots": open_ballots_for(user=user),
        "upcoming_events": list(events_for(user=user)[:5]),
        "my_registrations": list(my_registrations(user=user, limit=5)),
        "offices": list(
            Mandate.objects.active(today)
            .filter(person=user)
            .select_related("organisation", "working_group")
            .order_by("role")
        ),
        "memberships": list(
            user.working_group_memberships.filter(status="active").select_related("group").order_by("group__name")
        ),
        "activity": activity_for(user=user, limit=10),
    }
