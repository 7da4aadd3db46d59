from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MembersConfig(AppConfig):
    name = "members"
    verbose_name = _("Members and offices")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((10, "members.desk.pending"),)
    first_steps = ((10, "members.onboarding.profile_step"), (50, "members.onboarding.two_factor_step"))
    privacy = ((10, "members.privacy"),)
    choosers = ((10, "members.choosers.ORGANISATIONS"),)

    def ready(self):
        from members import permissions  # noqa: F401  (registers the rules)
