from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssembliesConfig(AppConfig):
    name = "assemblies"
    verbose_name = _("Members' meeting and resolutions")

    def ready(self):
        from assemblies import permissions  # noqa: F401  (registers the rules)
