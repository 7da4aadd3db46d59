from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class MailConfig(AppConfig):
    name = "mail"
    verbose_name = _("Mail")
    # What this app contributes to the shared places (kernel/contributions.py): (order, dotted path).
    desk = ((60, "mail.desk.pending"),)
    first_steps = ((30, "mail.first_steps.digest_step"),)
    privacy = ((60, "mail.privacy"),)
    digest_sections = ((10, "mail.digest.compose.SecretariatNote"),)
    # The outgoing identity of every e-mail the kernel builds (kernel/emails.py).
    email_recipient = ((10, "mail.health.person_for"),)
    email_stamp = ((10, "mail.identity.stamp"),)

    def ready(self):
        from mail import signals  # noqa: F401  (sign-in notice, confirmed address resets the score)
