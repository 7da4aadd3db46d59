from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TopicsConfig(AppConfig):
    name = "topics"
    verbose_name = _("Working groups")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((20, "topics.desk.pending"),)
    first_steps = ((20, "topics.first_steps.follow_step"),)
    privacy = ((20, "topics.privacy"),)
    digest_primers = ((10, "topics.digest.prime_batch"),)
    digest_sections = ((30, "topics.digest.DiscussionsSection"),)
    choosers = (
        (10, "topics.choosers.WORKING_GROUPS"),
        (10, "topics.choosers.DOCUMENT_GROUPS"),
        (10, "topics.choosers.DOCUMENTS"),
    )

    def ready(self):
        from topics import permissions  # noqa: F401  (registers the rules)
