"""A change of someone's sign-in address that staff asked for, waiting for the person's approval."""

from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from members.models.people import User


class AddressChange(models.Model):
    """Staff asked to change ``person``'s sign-in address; only the person can let it happen.

    The address is the key to the account (password resets go there), so the staff member who typed the new
    one must not be the one who confirms it: the person approves from the current address or signed in, and
    only then is the new address asked to confirm itself. "This was not me" cancels it and alerts the board.
    """

    class State(models.TextChoices):
        PENDING = "pending", _("waiting for the person's approval")
        APPROVED = "approved", _("approved by the person")
        REJECTED = "rejected", _("rejected by the person")
        WITHDRAWN = "withdrawn", _("replaced by a later request")

    person = models.ForeignKey(User, on_delete=models.CASCADE, related_name="address_changes")
    new_email = models.EmailField(_("new address"))
    requested_by = models.ForeignKey(
        User, verbose_name=_("requested by"), on_delete=models.SET_NULL, null=True, related_name="+"
    )
    requested_at = models.DateTimeField(_("requested"), default=timezone.now)
    state = models.CharField(_("state"), max_length=10, choices=State.choices, default=State.PENDING)
    decided_at = models.DateTimeField(_("decided"), null=True, blank=True)

    class Meta:
        ordering = ["-requested_at"]
        verbose_name = _("change of sign-in address")
        verbose_name_plural = _("changes of sign-in address")
        constraints = [
            models.UniqueConstraint(
                fields=["person"], condition=models.Q(state="pending"), name="address_change_one_pending_per_person"
            )
        ]

    def __str__(self):
        return f"{self.person} → {self.new_email}"
