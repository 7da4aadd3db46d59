"""Written proxies (Stimmrechtsvollmachten): granted, recorded on paper, declined or revoked before voting."""

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

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
    ``at`` (default now) is when the proxy was handed in; after the meeting none is taken.
    The granting organisation's delegate declares it in the portal (text form); anyone else
    (the secretariat) records a proxy handed in on paper and names who signed it for that
    organisation. Every proxy is in the audit log.
    """
    locked = Meeting.objects.select_for_update(of=("self",)).select_related("event").get(pk=meeting.pk)
    if locked.is_board_meeting:
        raise ValidationError(_("Board members vote in person; there are no proxies in the board meeting."))
    if not locked.takes_proxies(at):
        raise ValidationError(_("The meeting is over: proxies can no longer be recorded."))
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
            )
    except IntegrityError:
        raise ValidationError(_("This organisation has already granted a proxy for this meeting.")) from None
    audit.record(
        actor=recorded_by,
        action="proxy.recorded_on_paper" if on_paper else "proxy.granted",
        target=proxy,
        after=_proxy_snapshot(proxy),
    )
    return proxy


def _proxy_snapshot(proxy: Proxy) -> dict:
    return {
        "meeting": str(proxy.meeting),
        "organisation": proxy.organisation.name,
        "holder": str(proxy.holder),
        "signed_by": proxy.signed_by,
    }


def may_withdraw_proxy(*, proxy: Proxy, person, voting_started: bool | None = None) -> str | None:
    """How ``person`` may give up ``proxy`` before voting starts: "decline" (its holder), "revoke" (the
    delegate of the organisation that gave it), or None. ``voting_started`` saves asking for each proxy."""
    if voting_started is None:
        voting_started = proxy.meeting.voting_started()
    if voting_started:
        return None
    if person.pk == proxy.holder_id:
        return "decline"
    if proxy.organisation_id in delegated_organisation_ids(person):
        return "revoke"
    return None


@transaction.atomic
def proxy_withdraw(*, proxy: Proxy, person) -> str:
    """The holder declines the proxy, or the granting organisation's delegate revokes it, until voting starts.

    The organisation's vote is then its own again (it may give a new proxy). Returns "decline" or "revoke".
    """
    Meeting.objects.select_for_update(of=("self",)).get(pk=proxy.meeting_id)
    locked = Proxy.objects.select_related("meeting__event", "organisation", "holder").filter(pk=proxy.pk).first()
    if locked is None:
        raise ValidationError(_("This proxy no longer exists."))
    how = may_withdraw_proxy(proxy=locked, person=person)
    if how is None:
        if locked.meeting.voting_started():
            raise ValidationError(_("Voting has started: the proxy stands."))
        raise ValidationError(_("Only the holder or the delegate of the granting organisation can withdraw a proxy."))
    audit.record(
        actor=person,
        action="proxy.declined" if how == "decline" else "proxy.revoked",
        target=locked,
        before=_proxy_snapshot(locked),
    )
    locked.delete()
    return how
