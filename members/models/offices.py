"""Offices of the bylaws held by people for a term (rights follow from them: members.bylaws)."""

import datetime

from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from kernel.text import SingleLineField
from members.models.organisations import Organisation
from members.models.people import User
from members.office_rules import office_conflicts
from members.roles import Role


class MandateQuerySet(models.QuerySet):
    def active(self, on: datetime.date | None = None):
        """Offices in their term on ``on`` (default today). An appointment still waiting for the second person's
        approval is in no term yet: every right asks here (members.roles), so it grants none."""
        on = on or timezone.localdate()
        return self.filter(Q(end__isnull=True) | Q(end__gte=on), start__lte=on, awaiting_approval=False)

    def awaiting_approval(self):
        return self.filter(awaiting_approval=True)

    def voting_delegates(self, on: datetime.date | None = None):
        """Delegate offices held on ``on`` for a member organisation (status active) by an active account of that
        organisation: each carries its organisation's vote. Asked through assemblies.voting_rights.

        A delegate moved to another organisation (person form, import) takes no vote along: the office stays on
        record for the secretariat to end, but the old organisation's vote is not cast by a stranger to it."""
        return self.active(on).filter(
            role=Role.DELEGATE,
            organisation__status=Organisation.Status.ACTIVE,
            person__is_active=True,
            person__organisation=models.F("organisation"),
        )


class Mandate(models.Model):
    """An office held by a person for a term. A term includes its end day."""

    role = models.CharField(_("office"), max_length=30, choices=Role.choices)
    person = models.ForeignKey(User, verbose_name=_("person"), on_delete=models.PROTECT, related_name="mandates")
    organisation = models.ForeignKey(
        Organisation,
        verbose_name=_("organisation"),
        on_delete=models.PROTECT,
        related_name="mandates",
        null=True,
        blank=True,
        help_text=_("For delegates: the member organisation whose vote they cast."),
    )
    working_group = models.ForeignKey(
        "topics.WorkingGroup",
        verbose_name=_("working group"),
        on_delete=models.PROTECT,
        related_name="lead_mandates",
        null=True,
        blank=True,
    )
    start = models.DateField(_("start"))
    end = models.DateField(_("end"), null=True, blank=True, help_text=_("Last day of the term; empty if open-ended."))
    elected_at = SingleLineField(_("elected at"), max_length=200, blank=True)
    # Set when the secretariat was told that this term ends soon (sent once).
    end_reminder_sent_at = models.DateTimeField(null=True, blank=True, editable=False)
    # Four eyes: a delegate appointed by one person of the secretariat takes office once a second person with the
    # right approves it (members.services.offices), so nobody alone hands an organisation's vote to someone.
    awaiting_approval = models.BooleanField(_("awaiting approval"), default=False, editable=False)
    requested_by = models.ForeignKey(
        User,
        verbose_name=_("entered by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    approved_by = models.ForeignKey(
        User,
        verbose_name=_("approved by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = MandateQuerySet.as_manager()

    class Meta:
        ordering = ["-start"]
        verbose_name = _("office")
        verbose_name_plural = _("offices")
        permissions = [("approve_mandate", _("Can approve an appointment entered by another person"))]
        constraints = [
            models.CheckConstraint(
                condition=Q(approved_by__isnull=True) | ~Q(approved_by=models.F("requested_by")),
                name="mandate_approved_by_a_second_person",
                violation_error_message=_("A second person approves an appointment, not the one who entered it."),
            ),
            models.CheckConstraint(
                condition=Q(end__isnull=True) | Q(end__gte=models.F("start")),
                name="mandate_end_after_start",
                violation_error_message=_("The end of a term must not be before its start."),
            ),
            models.CheckConstraint(
                condition=~Q(role="delegate") | Q(organisation__isnull=False),
                name="mandate_delegate_has_organisation",
                violation_error_message=_("A delegate acts for an organisation."),
            ),
            models.CheckConstraint(
                condition=~Q(role="working_group_lead") | Q(working_group__isnull=False),
                name="mandate_lead_has_working_group",
                violation_error_message=_("A working group lead leads a working group."),
            ),
        ]

    def __str__(self):
        return f"{self.get_role_display()}: {self.person}"

    def clean(self):
        # The same rules PostgreSQL enforces with exclusion constraints (migration 0003),
        # checked here too so the admin shows a readable message on every database.
        if self.start and self.person_id:
            conflicts = office_conflicts(self)
            if conflicts:
                raise ValidationError([conflict.error() for conflict in conflicts])
