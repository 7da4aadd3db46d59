"""Demo data of the mail path: the secretariat's note in the coming digest."""

from django.utils import timezone

from kernel.digest_schedule import current_period, next_sending
from mail.models import DigestNote


def seed_digest_note() -> None:
    """The secretariat's note for the coming digest, so a preview or test send shows one."""
    for sending in (current_period().sending, next_sending()):
        DigestNote.objects.get_or_create(
            period=timezone.localtime(sending).date(),
            defaults={
                "text_de": "Die Einladung zur **Mitgliederversammlung** geht in diesen Tagen an alle Delegierten. "
                "Bitte melden Sie bis Monatsende, wer Ihre Stadt vertritt.",
                "text_en": "The invitation to the **members' meeting** goes to all delegates in the coming days. "
                "Please tell us by the end of the month who represents your city.",
            },
        )
