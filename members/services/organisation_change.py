"""A person moved to another organisation by staff hears of it, and so do both organisations' delegates: the
organisation decides whose vote a delegate casts and which member pages a person sees (issue 33). The change
itself is in the audit log (members.admin.base)."""

import datetime

from django.utils import timezone

from kernel.emails import build_email
from kernel.tasks import enqueue
from members.models import Mandate, Organisation, Role, User


def organisation_change_announce(*, person: User, before: Organisation | None, actor) -> None:
    """Queue the notices after the commit: one task per address, so a retry repeats nobody else's e-mail."""
    after = person.organisation
    if (before.pk if before else None) == (after.pk if after else None):
        return
    organisations = [o.pk for o in (before, after) if o is not None]
    delegates = Mandate.objects.active().filter(role=Role.DELEGATE, organisation_id__in=organisations)
    people = {person.pk: person}
    people.update({m.person_id: m.person for m in delegates.select_related("person")})
    facts = {
        "person_name": person.get_full_name(),
        "before": before.name if before else "",
        "after": after.name if after else "",
        "actor": actor.get_full_name() if actor else "",
        "at": timezone.now().isoformat(),
    }
    for recipient in people.values():
        if recipient.is_active and recipient.email:
            enqueue("members.tasks.send_organisation_change_notice", recipient.pk, facts)


def organisation_change_notice_send(*, recipient_id: int, facts: dict) -> None:
    recipient = User.objects.filter(pk=recipient_id).first()
    if recipient is None:
        return
    context = {**facts, "at": datetime.datetime.fromisoformat(facts["at"])}
    build_email(
        "organisation_changed", to=recipient.email, person=recipient, language=recipient.language, context=context,
        official=True,
    ).send()  # fmt: skip
