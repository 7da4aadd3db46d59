from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FundingConfig(AppConfig):
    name = "funding"
    verbose_name = _("EU funding")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((40, "funding.desk.pending"),)
    privacy = ((50, "funding.privacy"),)
    digest_sections = ((50, "funding.digest.FundingSection"),)
    choosers = ((10, "funding.choosers.PARTNERS"),)

    def ready(self):
        from funding import permissions  # noqa: F401  (registers the rules)
