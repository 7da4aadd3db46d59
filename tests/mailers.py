"""Mail backends for tests of SMTP failures: a server that is down, or that drops certain recipients once."""

import smtplib

from django.core.mail.backends.locmem import EmailBackend


class DownBackend(EmailBackend):
    def send_messages(self, messages):
        raise smtplib.SMTPServerDisconnected("Connection unexpectedly closed")


class FlakyBackend(EmailBackend):
    """Fails the first message to each address in ``fail_once_for``, then delivers (to mail.outbox)."""

    fail_once_for: set[str] = set()

    def send_messages(self, messages):
        for message in messages:
            for address in message.to:
                if address in self.fail_once_for:
                    type(self).fail_once_for = self.fail_once_for - {address}
                    raise smtplib.SMTPServerDisconnected(f"Connection closed while sending to {address}")
        return super().send_messages(messages)


def use(settings, backend: str) -> None:
    settings.MAILERS = {"default": {"BACKEND": f"tests.mailers.{backend}"}}
