from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Working groups")

    def ready(self):
        from topics import permissions  # noqa: F401  (registers the rules)
