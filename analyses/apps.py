from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "analyses"
    verbose_name = _("Security analyses")

    def ready(self):
        from analyses import annual, permissions  # noqa: F401  (permissions registers the rules)

        # A finished year's annual report is kept until a row it is built from is written.
        annual.connect()
