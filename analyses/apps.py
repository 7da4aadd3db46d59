from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AnalysesConfig(AppConfig):
    name = "analyses"
    verbose_name = _("Security analyses")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    privacy = ((80, "analyses.privacy"),)
    choosers = ((10, "analyses.choosers.MEMBER_CITIES"),)

    def ready(self):
        from analyses import annual, permissions  # noqa: F401  (permissions registers the rules)

        # A finished year's annual report is kept until a row it is built from is written.
        annual.connect()
