"""Emails leave through a real SMTP server (aiosmtpd) as multipart text + HTML."""

import email
from email import policy

import pytest

from kernel.emails import send_email
from tests.factories import InvitationFactory


@pytest.mark.django_db
def test_invitation_email_over_smtp(smtp_server):
    invitation = InvitationFactory(email="smtp@example.org", organisation__name="Stadt Leer")
    send_email(
        "invitation",
        to=invitation.email,
        language="de",
        context={"organisation_name": "Stadt Leer", "accept_url": "https://portal.example/x/", "valid_days": 14},
    )
    assert len(smtp_server.messages) == 1
    recipients, raw = smtp_server.messages[0]
    assert recipients == ["smtp@example.org"]
    message = email.message_from_bytes(raw, policy=policy.default)
    assert message.get_content_type() == "multipart/alternative"
    assert "Stadt Leer" in message["Subject"] and "Einladung" in message["Subject"]
    parts = {part.get_content_type(): part.get_content() for part in message.iter_parts()}
    assert "https://portal.example/x/" in parts["text/plain"]
    assert '<html lang="de">' in parts["text/html"]
