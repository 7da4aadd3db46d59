"""Links in the digest that work without signing in: a signed token names the person.

The token carries no expiry: an unsubscribe link in an old email must still work
(RFC 8058). It only ever turns the digest off, so a leaked link can do no more.
"""

from urllib.parse import urlsplit

from django.conf import settings
from django.core import signing
from django.urls import reverse

from kernel.emails import absolute_url

# Named after the digest's first home (members/): links in emails already sent are signed with it.
_SALT = "members.digest.unsubscribe"


def unsubscribe_token(person) -> str:
    return signing.Signer(salt=_SALT).sign(str(person.pk))


def person_id_from_token(token: str) -> int | None:
    try:
        return int(signing.Signer(salt=_SALT).unsign(token))
    except (signing.BadSignature, ValueError):
        return None


def unsubscribe_url(person) -> str:
    return absolute_url(reverse("digest_unsubscribe", args=[unsubscribe_token(person)]))


def list_headers(person) -> dict[str, str]:
    """RFC 2369 / RFC 8058 headers: mail clients offer a one-click unsubscribe that POSTs to the link."""
    return {
        "List-Unsubscribe": f"<{unsubscribe_url(person)}>",
        "List-Unsubscribe-Post": "List-Unsubscribe=One-Click",
        "List-Id": f"DEFUS digest <digest.{urlsplit(settings.SITE_URL).hostname}>",
        "Auto-Submitted": "auto-generated",
    }
