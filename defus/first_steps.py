"""The first steps a member sees after the first sign-in, each offered by the app it belongs to (as apps offer
their desk counts and digest sections), so ``members/`` need not know the apps above it.

A step is a function ``(user) -> {"done": bool, "label": str, "url": str}``, listed here in the order shown.
"""

from django.utils.module_loading import import_string

STEPS = (
    "members.onboarding.profile_step",
    "topics.first_steps.follow_step",
    "mail.first_steps.digest_step",
    "events.first_steps.calendar_step",
    "members.onboarding.two_factor_step",
)


def checklist(*, user) -> list[dict]:
    """The first steps, each with whether it is done and where to do it (four small queries)."""
    return [import_string(path)(user) for path in STEPS]
