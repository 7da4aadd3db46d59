"""Written proxies (Stimmrechtsvollmachten): granted or recorded on paper before voting starts, declined by the
holder until used, revoked by the giver before voting starts."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assemblies import proxy_notices
from assemblies.models import Meeting, Proxy
from assemblies.voting_rights import delegated_organisation_ids
from members import audit, bylaws
from members.models import Organisation

# --- Proxies and attendance ------------------------------------------------------------------


@transaction.atomic
def proxy_grant(
    *, meeting: Meeting, organisation: Organisation, holder, recorded_by, signed_by: str = "", at=None
) -> Proxy:
    """Record a member organisation's written proxy for another organisation's delegate.

    A delegate holds at most ASSEMBLY_PROXIES_PER_DELEGATE proxies per meeting; the meeting row
    is locked while counting, so two proxies granted at once cannot both take the last place.
    ``at`` (default now) is when the proxy was handed in; once voting has started none is taken.
    The granting organisation's delegate declares it in the portal (text form); anyone else
    (the secretariat) records a proxy handed in on paper and names who signed it for that
    organisation. A proxy on paper carries no vote until a second person approves it (``proxy_approve``);
    until then it holds the organisation's place and counts towards the holder's limit, so the approval
    never exceeds it. Every proxy is in the audit log.
    """
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    if locked.is_board_meeting:
        raise ValidationError(_("Board members vote in person; there are no proxies in the board meeting."))
    _refuse_unless_taking_proxies(locked, at)
    if organisation is None or organisation.status != Organisation.Status.ACTIVE:
        raise ValidationError(_("Only a member organisation can grant a proxy."))
    on_paper = organisation.pk not in delegated_organisation_ids(recorded_by)
    signed_by = " ".join(signed_by.split())
    if on_paper and not bylaws.is_secretariat(recorded_by):
        raise ValidationError(_("Only the organisation's delegate grants its proxy."))
    if on_paper and not signed_by:
        raise ValidationError(
            _("A proxy on paper names who signed it for %(organisation)s.") % {"organisation": organisation.name}
        )
    holder_organisations = delegated_organisation_ids(holder)
    if not holder_organisations:
        raise ValidationError(_("A proxy can only be held by the delegate of another member organisation."))
    if organisation.pk in holder_organisations:
        raise ValidationError(_("A delegate already casts the vote of their own organisation."))
    if Proxy.objects.filter(meeting=locked, organisation=organisation).exists():
        raise ValidationError(_("This organisation has already granted a proxy for this meeting."))
    limit = settings.ASSEMBLY_PROXIES_PER_DELEGATE
    if Proxy.objects.filter(meeting=locked, holder=holder).count() >= limit:
        raise ValidationError(
            _("%(person)s already holds %(limit)s proxies for this meeting, the most the bylaws allow.")
            % {"person": holder, "limit": limit}
        )
    try:
        with transaction.atomic():
            proxy = Proxy.objects.create(
                meeting=locked,
                organisation=organisation,
                holder=holder,
                recorded_by=recorded_by,
                signed_by=signed_by if on_paper else "",
                awaiting_approval=on_paper,
            )
    except IntegrityError:
        raise ValidationError(_("This organisation has already granted a proxy for this meeting.")) from None
    audit.record(
        actor=recorded_by,
        action="proxy.recorded_on_paper" if on_paper else "proxy.granted",
        target=proxy,
        after=_proxy_snapshot(proxy),
    )
    proxy_notices.announce("recorded_on_paper" if on_paper else "granted", proxy, recorded_by)
    return proxy


def _refuse_unless_taking_proxies(meeting: Meeting, at) -> None:
    """New proxies only until voting starts (a ballot of the meeting opens, or the meeting begins).

    Afterwards a proxy would hand a vote to a holder who may be voting already, perhaps after the organisation's
    own delegate voted, and its holder would learn of it only when it is counted on: the list is closed then.
    """
    if meeting.takes_proxies(at):
        return
    if meeting.minutes_signed or (at or timezone.now()) >= meeting.event.end:
        raise ValidationError(_("The meeting is over: proxies can no longer be recorded."))
    raise ValidationError(_("Voting has started: proxies can no longer be recorded for this meeting."))


def _proxy_snapshot(proxy: Proxy) -> dict:
    return {
        "meeting": str(proxy.meeting),
        "organisation": proxy.organisation.name,
        "holder": str(proxy.holder),
        "signed_by": proxy.signed_by,
        "recorded_by": str(proxy.recorded_by),
        "awaiting_approval": str(proxy.awaiting_approval),
        "approved_by": str(proxy.approved_by) if proxy.approved_by_id else None,
    }


def _lock_awaiting(proxy: Proxy) -> Proxy:
    Meeting.objects.select_for_update(of=("self",)).get(pk=proxy.meeting_id)
    locked = Proxy.objects.select_related("meeting__event", "organisation", "holder").filter(pk=proxy.pk).first()
    if locked is None or not locked.awaiting_approval:
        raise ValidationError(_("This proxy is not waiting for approval."))
    return locked


@transaction.atomic
def proxy_approve(*, proxy: Proxy, actor, at=None) -> Proxy:
    """A second person approves a proxy recorded from paper: from then on it carries the organisation's vote.

    Refused to whoever recorded it and to its holder, and once voting has started (it would be a new proxy
    then). The holder must still be the delegate of another member organisation. Audited with both actors.
    """
    locked = _lock_awaiting(proxy)
    if not actor.has_perm("assemblies.approve_proxy"):
        raise ValidationError(_("Only a person of the secretariat or the board approves a proxy."))
    if actor.pk in {locked.recorded_by_id, locked.holder_id}:
        raise ValidationError(_("A second person approves the proxy, not the one who recorded or holds it."))
    _refuse_unless_taking_proxies(locked.meeting, at)
    holder_organisations = delegated_organisation_ids(locked.holder)
    if not holder_organisations or locked.organisation_id in holder_organisations:
        raise ValidationError(_("A proxy can only be held by the delegate of another member organisation."))
    before = _proxy_snapshot(locked)
    locked.awaiting_approval = False
    locked.approved_by = actor
    locked.save(update_fields=["awaiting_approval", "approved_by"])
    audit.record(actor=actor, action="proxy.approved", target=locked, before=before, after=_proxy_snapshot(locked))
    proxy_notices.announce("approved", locked, actor)
    return locked


@transaction.atomic
def proxy_reject(*, proxy: Proxy, actor) -> None:
    """A proxy on paper that should not take effect (a wrong entry, a doubtful document) is removed unapproved;
    its organisation's place is free again. Anyone who may approve may reject, the recorder too."""
    locked = _lock_awaiting(proxy)
    if not actor.has_perm("assemblies.approve_proxy"):
        raise ValidationError(_("Only a person of the secretariat or the board approves a proxy."))
    audit.record(actor=actor, action="proxy.rejected", target=locked, before=_proxy_snapshot(locked))
    proxy_notices.announce("rejected", locked, actor)
    locked.delete()


def may_withdraw_proxy(*, proxy: Proxy, person, voting_started: bool | None = None) -> str | None:
    """How ``person`` may give up ``proxy``: "decline" (its holder), "revoke" (the delegate of the organisation
    that gave it), or None.

    The holder may decline as long as no vote has been cast with the proxy, also after voting started: nobody is
    made to carry a vote they do not want (the organisation's own delegate votes again). The organisation revokes
    only until voting starts, when the holder may already be counted on. ``voting_started`` and the annotation
    ``used`` (assemblies.selectors) save asking for each proxy of a list.
    """
    if person.pk == proxy.holder_id:
        used = getattr(proxy, "used", None)
        if used is None:
            used = proxy.votes.exists()
        return None if used else "decline"
    if proxy.organisation_id not in delegated_organisation_ids(person):
        return None
    if voting_started is None:
        voting_started = proxy.meeting.voting_started()
    return None if voting_started else "revoke"


@transaction.atomic
def proxy_withdraw(*, proxy: Proxy, person) -> str:
    """The holder declines the proxy until it is used, or the granting organisation's delegate revokes it until
    voting starts.

    The organisation's vote is then its own again (before voting starts it may give a new proxy). The meeting
    row is locked, and a vote cast with the proxy meanwhile keeps it (the vote protects its proxy in the
    database). Returns "decline" or "revoke".
    """
    Meeting.objects.select_for_update(of=("self",)).get(pk=proxy.meeting_id)
    locked = Proxy.objects.select_related("meeting__event", "organisation", "holder").filter(pk=proxy.pk).first()
    if locked is None:
        raise ValidationError(_("This proxy no longer exists."))
    how = may_withdraw_proxy(proxy=locked, person=person)
    if how is None:
        if person.pk == locked.holder_id:
            raise ValidationError(_("A vote has been cast with this proxy: it stands."))
        if locked.meeting.voting_started():
            raise ValidationError(_("Voting has started: the proxy stands."))
        raise ValidationError(_("Only the holder or the delegate of the granting organisation can withdraw a proxy."))
    audit.record(
        actor=person,
        action="proxy.declined" if how == "decline" else "proxy.revoked",
        target=locked,
        before=_proxy_snapshot(locked),
    )
    proxy_notices.announce("declined" if how == "decline" else "revoked", locked, person)
    locked.delete()
    return how
