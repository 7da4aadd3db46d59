"""What the member dashboard shows. Each app's section is one query, whatever the data size; the sections are
cached per person and per audience until a write changes them (defus/dashboard_cache.py)."""

from django.utils import timezone

from assemblies.selectors import open_ballots_for
from defus import dashboard_cache
from events.selectors import events_for, my_registrations
from funding.selectors import calls, due_within
from kernel.first_steps import checklist
from members.models import Mandate
from topics.selectors import activity_for


def _soonest(*moments):
    moments = [moment for moment in moments if moment is not None]
    return min(moments) if moments else None


def _personal_sections(user) -> tuple[dict, object]:
    """The sections that depend on the person, and the moment the first of them goes out of date by itself."""
    today = timezone.localdate()
    offices = list(
        Mandate.objects.active(today)
        .filter(person=user)
        .select_related("organisation", "working_group")
        .order_by("role")
    )
    working_groups = list(
        user.working_group_memberships.filter(status="active").select_related("group").order_by("group__name")
    )

    sections = {
        "open_ballots": open_ballots_for(user=user),
        "upcoming_events": list(events_for(user=user)[:5]),
        "my_registrations": list(my_registrations(user=user, limit=5)),
        "offices": offices,
        "memberships": working_groups,
        "activity": activity_for(user=user, limit=10),
    }
    until = _soonest(
        *(ballot.closes_at for ballot in sections["open_ballots"]),
        *(event.end for event in sections["upcoming_events"]),
        *(registration.event.end for registration in sections["my_registrations"]),
    )
    return sections, until


def _call_deadlines() -> tuple[list, object]:
    now = timezone.now()
    deadlines = list(due_within(calls(now=now), days=30, now=now)[:5])
    return deadlines, _soonest(*(call.next_deadline for call in deadlines))


def dashboard_for(*, user) -> dict:
    return {
        # The first steps until the person dismisses them (they stay on their own page, linked from the profile).
        # Not cached: they read much of the person's account, and only new people see them.
        "first_steps": checklist(user=user) if user.onboarding_dismissed_at is None else None,
        "call_deadlines": dashboard_cache.audience_section("calls", compute=_call_deadlines),
        "organisation": user.organisation,
        **dashboard_cache.personal_sections(user=user, compute=lambda: _personal_sections(user)),
    }
