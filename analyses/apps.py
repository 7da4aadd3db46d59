from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "analyses"
    verbose_name = _("Security analyses")

    def ready(self):
        from analyses import permissions  # noqa: F401  (registers the rules)
