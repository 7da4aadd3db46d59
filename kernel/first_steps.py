"""The first steps a member sees after the first sign-in, each offered by the app it belongs to (declared as
``first_steps`` on its AppConfig, ``kernel.contributions``), so ``members/`` need not know the apps above it.

A step is a function ``(user) -> {"done": bool, "label": str, "url": str}``, shown in the stated order.
"""

from kernel.contributions import contributed


def checklist(*, user) -> list[dict]:
    """The first steps, each with whether it is done and where to do it (four small queries)."""
    return [step(user) for step in contributed("first_steps")]
