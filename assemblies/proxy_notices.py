"""Proxies people hear about: granting, approving, rejecting, declining or revoking a proxy e-mails its holder,
the granting organisation's delegate and the secretariat, each once (one task per address, queued after the
commit, so a retry never repeats another's e-mail and a change rolled back tells nobody).
"""

import datetime

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from assemblies.models import Proxy
from assemblies.voting_rights import delegate_offices
from kernel.emails import absolute_url, build_email
from kernel.tasks import enqueue
from members.models import Mandate, Role, User

KINDS = {"granted", "recorded_on_paper", "approved", "rejected", "declined", "revoked"}


def _recipients(proxy: Proxy) -> dict[str, int | None]:
    """address → person id (None for the secretariat's own address when no person holds the office)."""
    people = [proxy.holder]
    people += [m.person for m in delegate_offices().filter(organisation=proxy.organisation).select_related("person")]
    secretariat = Mandate.objects.active().filter(role=Role.SECRETARIAT).select_related("person")
    people += [m.person for m in secretariat]
    found: dict[str, int | None] = {}
    for person in people:
        if person.is_active and person.email:
            found.setdefault(person.email.lower(), person.pk)
    if not secretariat:
        found.setdefault(settings.IMPRESSUM["email"].lower(), None)
    return found


def announce(kind: str, proxy: Proxy, actor) -> None:
    """Queue the notice of ``kind`` about ``proxy`` (call inside the service's transaction, before a delete)."""
    assert kind in KINDS, kind
    facts = {
        "kind": kind,
        "meeting": proxy.meeting.title,
        "meeting_id": proxy.meeting_id,
        "organisation": proxy.organisation.name,
        "holder": proxy.holder.get_full_name(),
        "actor": actor.get_full_name() if actor else "",
        "at": timezone.now().isoformat(),
        "on_paper": bool(proxy.signed_by),
    }
    for email, person_id in _recipients(proxy).items():
        enqueue("assemblies.tasks.send_proxy_notice", facts, email, person_id)


def notice_send(facts: dict, email: str, person_id: int | None) -> None:
    person = User.objects.filter(pk=person_id).first() if person_id else None
    context = {
        **facts,
        "at": timezone.localtime(datetime.datetime.fromisoformat(facts["at"])),
        "meeting_url": absolute_url(reverse("meeting_detail", args=[facts["meeting_id"]])),
        "recipient": person,
    }
    language = person.language if person else settings.LANGUAGE_CODE
    build_email("proxy_notice", to=email, person=person, language=language, context=context, official=True).send()
