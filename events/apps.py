from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class EventsConfig(AppConfig):
    name = "events"
    verbose_name = _("Events")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    first_steps = ((40, "events.first_steps.calendar_step"),)
    privacy = ((30, "events.privacy"),)
    digest_sections = ((40, "events.digest.EventsSection"),)
    group_activity = ((10, "events.selectors.group_activity"),)
    choosers = ((10, "events.choosers.INVITABLE_PEOPLE"), (10, "events.choosers.DOCUMENT_EVENTS"))

    def ready(self):
        from events import exchange, permissions, polls  # noqa: F401  (register the rules)
