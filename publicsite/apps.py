from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class PublicConfig(AppConfig):
    # The package is not called "public": that name belongs to atpublic, which aiosmtpd imports.
    name = "publicsite"
    label = "public"
    verbose_name = _("Public pages")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((70, "publicsite.desk.pending"),)
    privacy = ((90, "publicsite.privacy"),)

    def ready(self):
        from publicsite import permissions  # noqa: F401  (registers the rules)
