"""Changes to funding records made in the portal: an organisation's interest in a call.

The import of calls from the EU portal lives in ``funding.importer``; reminders in ``funding.reminders``.
"""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from funding.models import Call, Interest
from members.models import Organisation

# The fields of an interest an organisation writes itself (besides its consortium partners).
INTEREST_FIELDS = ("role", "contact", "internal_deadline", "note", "looking_for_partners", "offers", "needs")


@transaction.atomic
def interest_save(*, call: Call, organisation: Organisation, data: dict) -> Interest:
    """Declare or change ``organisation``'s interest in ``call`` (one per organisation and call).

    ``data`` holds ``INTEREST_FIELDS`` and ``partners``. The contact is one of the organisation's
    own people; only partners abroad that agreed to be listed can be named.
    """
    contact = data.get("contact")
    if contact is not None and (contact.organisation_id != organisation.pk or not contact.is_active):
        raise ValidationError(_("The contact person must be one of your organisation's people."))
    partners = list(data.get("partners") or [])
    if any(not partner.consent_to_list for partner in partners):
        raise ValidationError(_("Only partner organisations that agreed to be listed can be named."))
    interest = Interest.objects.select_for_update().filter(call=call, organisation=organisation).first()
    interest = interest or Interest(call=call, organisation=organisation)
    for name in INTEREST_FIELDS:
        if name in data:
            setattr(interest, name, data[name])
    interest.updated_at = timezone.now()
    # The model's rules (a contact is named; one interest per organisation and call) before anything is written.
    interest.full_clean()
    interest.save()
    interest.partners.set(partners)
    return interest


@transaction.atomic
def interest_withdraw(*, interest: Interest) -> None:
    """The organisation no longer pursues the call: its interest (and partner search) is gone."""
    Interest.objects.filter(pk=interest.pk).delete()
