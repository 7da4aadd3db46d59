"""What the member dashboard shows. Each app's section is one query, whatever the data size."""

from django.utils import timezone

from members.models import Mandate


def dashboard_for(*, user) -> dict:
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
    from assemblies.selectors import open_ballots_for
    from events.selectors import events_for, my_registrations
    from funding.selectors import calls
    from members.onboarding import checklist
    from topics.selectors import activity_for

    return {
        # The first steps until the person dismisses them (they stay on their own page, linked from the profile).
        "first_steps": checklist(user=user) if user.onboarding_dismissed_at is None else None,
        "open_ballots": open_ballots_for(user=user),
        "upcoming_events": list(events_for(user=user)[:5]),
        "call_deadlines": list(calls(within_days=30)[:5]),
        "my_registrations": list(my_registrations(user=user, limit=5)),
        "organisation": user.organisation,
        "offices": offices,
        "memberships": working_groups,
        "activity": activity_for(user=user, limit=10),
    }
