"""Changes of the mail path a person asks for in the portal: a confirmed address, what the digest brings."""

from django.core import signing
from django.db import transaction
from django.urls import reverse

from kernel.emails import absolute_url, build_email
from mail import health
from members import services as member_services
from members.models import User
from topics.models import Follow

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

    try:
        person_id, address = signing.loads(token, salt=CONFIRM_SALT, max_age=CONFIRM_VALID_SECONDS)
    except (signing.BadSignature, ValueError, TypeError):
        return None
    person = User.objects.filter(pk=person_id, is_active=True).first()
    return person if person is not None and person.email.lower() == address else None


def address_confirm(*, person) -> None:
    health.address_confirmed(person=person)


@transaction.atomic
def digest_preferences_update(*, person: User, frequency: str, followed, offered, every_post=None) -> None:
    """Save the digest setting, which of the ``offered`` groups the person follows, and of which they get
    every post by email (``every_post``; None leaves that as it is). Every post by email implies following."""
    member_services.digest_set(person=person, frequency=frequency)
    every_post_ids = {group.pk for group in every_post or ()}
    followed_ids = {group.pk for group in followed} | every_post_ids
    Follow.objects.filter(person=person, group__in=offered).exclude(group__in=followed_ids).delete()
    existing = set(Follow.objects.filter(person=person).values_list("group_id", flat=True))
    Follow.objects.bulk_create([Follow(person=person, group_id=pk) for pk in followed_ids - existing])
    if every_post is not None:
        mine = Follow.objects.filter(person=person, group__in=offered)
        mine.filter(group__in=every_post_ids).update(every_post=True)
        mine.exclude(group__in=every_post_ids).update(every_post=False)
