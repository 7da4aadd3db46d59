from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularsConfig(AppConfig):
    name = "circulars"
    verbose_name = _("Circulars")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((50, "circulars.desk.pending"),)
    privacy = ((70, "circulars.privacy"),)
    digest_sections = ((20, "circulars.digest.CircularsSection"),)

    def ready(self):
        from circulars import permissions  # noqa: F401  (registers the rules)
