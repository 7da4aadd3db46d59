"""Official post is not a newsletter: who gets it by email, asked in one place.

Official post is what the association owes its members in writing: circulars, invitations to the members'
meeting and their supplements (Nachtrag), vote receipts, proxy notices, fee reminders. It reaches every person
in its audience by email whatever their digest setting (the digest is the weekly overview only). Only the
person's own choice "official post in the portal only, not by email" (``User.official_post_portal_only_since``,
made in the profile or by the secretariat in the admin, see ``members.services.official_post``) stops the
email; such a person reads it in the portal.

Send official post with ``kernel.emails.build_email(..., official=True)``: it comes from
``OFFICIAL_FROM_EMAIL`` (the secretariat, where replies land) and opens with the one salutation rule.
An address that bounces is still dropped when the message is stamped (``mail.identity.stamp``).
"""

from collections.abc import Iterable

from django.db.models import QuerySet
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import gettext as _

from members.models import User


def official_recipients(people: QuerySet[User] | Iterable[User]) -> QuerySet[User] | list[User]:
    """Who of ``people`` (the audience of one piece of official post) gets it by email.

    Everyone active in the audience, whatever their digest setting, except those who chose official post in
    the portal only. A queryset gives a queryset (count it, take ``values_list("pk")``); a list of loaded
    people gives a list in the same order. For example, the meeting invitation::

        for person in official_recipients(audience):
            build_email("meeting_invitation", to=person.email, person=person, official=True, ...).send()
    """
    if isinstance(people, QuerySet):
        return people.filter(is_active=True, official_post_portal_only_since__isnull=True)
    return [person for person in people if person.is_active and person.official_post_portal_only_since is None]


def portal_only(people: QuerySet[User] | Iterable[User]) -> QuerySet[User] | list[User]:
    """Who of ``people`` chose official post in the portal only (the rest of ``official_recipients``)."""
    if isinstance(people, QuerySet):
        return people.filter(official_post_portal_only_since__isnull=False)
    return [person for person in people if person.official_post_portal_only_since is not None]


def not_by_email_note(person: User) -> str:
    """What a preview says about ``person``: why they get no email of this official post, or "" if they get one."""
    if not person.is_active:
        return _("This account is deactivated: no email goes to it.")
    since = person.official_post_portal_only_since
    if since is None:
        return ""
    return _(
        "This person chose official post in the portal only, not by email (on %(date)s): "
        "they find it in the portal, without an email."
    ) % {"date": date_format(localtime(since), "DATE_FORMAT")}
