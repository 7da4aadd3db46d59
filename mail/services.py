"""Changes of the mail path a person asks for in the portal."""

from django.core import signing
from django.urls import reverse

from defus.lib.emails import absolute_url, build_email
from mail import health

CONFIRM_SALT = "defus.mail.confirm-address"
CONFIRM_VALID_SECONDS = 7 * 24 * 3600


def confirmation_resend(*, person) -> None:
    """Send a link that confirms the person's address again: the one email that goes to a bouncing address."""
    token = signing.dumps([person.pk, person.email.lower()], salt=CONFIRM_SALT)
    message = build_email(
        "mail_confirm_address",
        to=person.email,
        language=person.language,
        person=person,
        even_if_bouncing=True,
        context={"person": person, "confirm_url": absolute_url(reverse("mail_address_confirmed", args=[token]))},
    )
    message.send()


def confirmation_person(*, token: str):
    """The person a confirmation link belongs to, if it is genuine, recent and their address is unchanged."""
    from members.models import User

    try:
        person_id, address = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    person = User.objects.filter(pk=person_id, is_active=True).first()
    return person if person is not None and person.email.lower() == address else None


def address_confirm(*, person) -> None:
    health.address_confirmed(person=person)
