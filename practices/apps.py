from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practice register")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((85, "practices.desk.pending"),)
    privacy = ((100, "practices.privacy"),)
    digest_sections = ((60, "practices.digest.PracticesSection"),)

    def ready(self):
        from practices import permissions  # noqa: F401  (registers the rules)
