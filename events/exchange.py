"""Study-visit exchange (Hospitation): a city offers to host; others ask; accepted visits become events."""

import datetime

import rules
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from events.models import Event, ExchangeOffer, ExchangeRequest
from events.services import registration_register
from kernel.text import check_sane_datetime
from members import bylaws


@transaction.atomic
def request_create(*, offer: ExchangeOffer, person, preferred_date, message: str = "") -> ExchangeRequest:
    if not offer.is_open:
        raise ValidationError(_("This offer no longer takes requests."))
    if person.organisation_id is None:
        raise ValidationError(_("Requests are made for a member organisation; your account has none."))
    if person.organisation_id == offer.host_id:
        raise ValidationError(_("Your own organisation is the host."))
    check_sane_datetime(preferred_date)
    request, created = ExchangeRequest.objects.get_or_create(
        offer=offer,
        organisation_id=person.organisation_id,
        defaults={"person": person, "preferred_date": preferred_date, "message": message},
    )
    if not created:
        raise ValidationError(_("Your organisation has already asked to join this visit."))
    return request


@transaction.atomic
def request_decide(*, request: ExchangeRequest, accept: bool) -> ExchangeRequest:
    """Accepting turns the visit into an event on the preferred date, with the guest registered."""
    locked = ExchangeRequest.objects.select_for_update().select_related("offer__host").get(pk=request.pk)
    if locked.status != ExchangeRequest.Status.PENDING:
        return locked
    locked.status = ExchangeRequest.Status.ACCEPTED if accept else ExchangeRequest.Status.DECLINED
    if accept:
        tz = timezone.get_current_timezone()
        start = datetime.datetime.combine(locked.preferred_date, datetime.time(9), tzinfo=tz)
        offer = locked.offer
        event = Event.objects.create(
            title=_("Study visit: %(theme)s in %(place)s") % {"theme": offer.theme, "place": offer.place},
            kind=Event.Kind.STUDY_VISIT,
            description=offer.what_to_see,
            organisation=offer.host,
            start=start,
            end=start + datetime.timedelta(hours=7),
            location=offer.place,
            status=Event.Status.PUBLISHED,
            # A visit arranged for its guest: one seat, taken by the guest below.
            capacity=1,
        )
        if offer.created_by_id:
            event.organisers.add(offer.created_by_id)
        locked.event = event
        registration_register(event=event, person=locked.person)
    locked.save(update_fields=["status", "event"])
    return locked


@rules.predicate
def hosts_offer(user, offer):
    return offer is not None and (user.organisation_id == offer.host_id or bylaws.is_secretariat(user))


rules.add_perm("events.decide_exchange", hosts_offer)
