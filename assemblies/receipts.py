"""A receipt for every vote cast online: a code that proves to the voter, and to the secretariat checking it,
that exactly this vote was recorded (for whom, when; for an open ballot also how).

The code is a keyed hash (HMAC with the portal's secret key) of the vote's identity, never stored: nobody can
make one for a vote that does not exist, and checking it recomputes it. For a secret ballot nothing in the code
or the receipt names the choice (the vote row holds none either).
"""

import base64

from django.conf import settings
from django.urls import reverse
from django.utils import timezone
from django.utils.crypto import constant_time_compare, salted_hmac

from assemblies.models import Resolution, Vote
from kernel.emails import absolute_url, build_email

_SALT = "assemblies.vote_receipt"


def receipt_code(vote: Vote) -> str:
    """Eight letters and digits in two groups, e.g. ``K7QM-2XPD`` (40 bits of a keyed hash: looked up among one
    resolution's votes, so a guess hits nothing)."""
    identity = f"{vote.pk}:{vote.resolution_id}:{vote.organisation_id or ''}:{vote.member_id or ''}:"
    identity += vote.cast_at.isoformat()
    digest = salted_hmac(_SALT, identity, algorithm="sha256").digest()
    text = base64.b32encode(digest).decode()[:8]
    return f"{text[:4]}-{text[4:]}"


def _normalised(code: str) -> str:
    cleaned = "".join(ch for ch in code.upper()[:40] if ch.isalnum())
    return "-".join(cleaned[i : i + 4] for i in range(0, len(cleaned), 4))


def vote_for_code(resolution: Resolution, code: str) -> Vote | None:
    """The vote of ``resolution`` whose receipt carries ``code`` (typed with or without dashes), or None."""
    wanted = _normalised(code)
    if len(wanted) != 9:
        return None
    for vote in resolution.votes.select_related("organisation", "member", "cast_by", "candidate__person"):
        if constant_time_compare(receipt_code(vote), wanted):
            return vote
    return None


def receipt_send(vote_id: int, *, to_organisation: bool = False) -> None:
    """To the person who cast the vote, or (``to_organisation``) to the organisation's own address: official
    post, each its own task, so a retry of one never sends the other twice."""
    vote = (
        Vote.objects.select_related("resolution__meeting", "organisation", "cast_by", "candidate__person")
        .filter(pk=vote_id)
        .first()
    )
    if vote is None:
        return
    context = {
        "vote": vote,
        "resolution": vote.resolution,
        "secret": vote.resolution.is_secret,
        "code": receipt_code(vote),
        "cast_at": timezone.localtime(vote.cast_at),
        "resolution_url": absolute_url(reverse("resolution_detail", args=[vote.resolution_id])),
    }
    person = vote.cast_by
    if not to_organisation:
        build_email("vote_receipt", to=person.email, person=person, language=person.language, context=context,
                    official=True).send()  # fmt: skip
        return
    address = vote.organisation.email if vote.organisation else ""
    if address and address.lower() != person.email.lower():
        build_email("vote_receipt", to=address, language=settings.LANGUAGE_CODE,
                    context={**context, "recipient": None}, official=True).send()  # fmt: skip
