from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class CircularsConfig(AppConfig):
    name = "circulars"
    verbose_name = _("Circulars")

    def ready(self):
        from circulars import permissions  # noqa: F401  (registers the rules)
