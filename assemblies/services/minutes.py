"""Minutes: signed by the chair and the minute-taker once every result is frozen."""

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from assemblies.models import Meeting

# --- Minutes ------------------------------------------------------------------------------------------


@transaction.atomic
def minutes_sign(*, meeting: Meeting, person) -> Meeting:
    """The chair and the minute-taker sign the minutes once every resolution's result is frozen."""
    locked = Meeting.objects.select_for_update().get(pk=meeting.pk)
    if timezone.now() < locked.event.start:
        raise ValidationError(_("The minutes are signed after the meeting."))
    if locked.awaits_results():
        raise ValidationError(_("Every resolution needs its result before the minutes are signed."))
    signed = locked.signatures_due(person)
    now = timezone.now()
    for field in signed:
        setattr(locked, field, now)
    if not signed:
        raise ValidationError(_("Only the chair and the minute-taker sign the minutes, each once."))
    locked.save(update_fields=signed)
    return locked
