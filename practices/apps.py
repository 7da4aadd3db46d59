from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PracticesConfig(AppConfig):
    name = "practices"
    verbose_name = _("Practice register")

    def ready(self):
        from practices import permissions  # noqa: F401  (registers the rules)
