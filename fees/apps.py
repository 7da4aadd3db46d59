from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class FeesConfig(AppConfig):
    name = "fees"
    verbose_name = _("Fees and invoices")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    privacy = ((110, "fees.privacy"),)
