from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "assemblies"
    verbose_name = _("Members' meeting and resolutions")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((30, "assemblies.desk.pending"),)
    privacy = ((40, "assemblies.privacy"),)
    choosers = ((10, "assemblies.choosers.DELEGATES"), (10, "assemblies.choosers.PROXY_ORGANISATIONS"))

    def ready(self):
        from assemblies import permissions  # noqa: F401  (registers the rules)
