"""What the fees app reads: an organisation's invoice address, the plan of a year's invoices, the outstanding
total, who a reminder goes to."""

import datetime
from dataclasses import dataclass, field
from decimal import Decimal

from django.db.models import Max, OuterRef, QuerySet, Subquery, Sum
from django.utils.translation import gettext as _

from fees.models import BillingDetails, Invoice
from members.models import Mandate, MembershipFee, Organisation, Role


@dataclass(frozen=True)
class InvoiceAddress:
    name: str
    street: str
    postcode: str
    city: str
    email: str
    leitweg_id: str

    @property
    def is_complete(self) -> bool:
        return bool(self.name and self.postcode and self.city)


def invoice_address(organisation: Organisation) -> InvoiceAddress:
    """The billing details where given, else the organisation's own name, address and e-mail."""
    try:
        billing = organisation.billing
    except BillingDetails.DoesNotExist:
        billing = BillingDetails(organisation=organisation)
    own_address = not (billing.street or billing.postcode or billing.city)
    return InvoiceAddress(
        name=billing.recipient or organisation.name,
        street=organisation.street if own_address else billing.street,
        postcode=organisation.postcode if own_address else billing.postcode,
        city=organisation.city if own_address else billing.city,
        email=billing.invoice_email or organisation.email,
        leitweg_id=organisation.leitweg_id,
    )


@dataclass
class PlannedInvoice:
    organisation: Organisation
    fee: MembershipFee | None
    address: InvoiceAddress
    problem: str = ""
    notes: list[str] = field(default_factory=list)


def invoices_plan(*, year: int) -> tuple[list[PlannedInvoice], list[PlannedInvoice]]:
    """(to invoice, left out with the reason) for the fees of ``year`` of every active member organisation."""
    fees = {
        fee.organisation_id: fee
        for fee in MembershipFee.objects.filter(year=year, organisation__status=Organisation.Status.ACTIVE)
    }
    open_numbers = dict(
        Invoice.objects.open().filter(fee__year=year).values_list("fee_id", "number").order_by("sequence")
    )
    ready, skipped = [], []
    organisations = Organisation.objects.filter(status=Organisation.Status.ACTIVE).select_related("billing")
    for organisation in organisations.order_by("name"):
        fee = fees.get(organisation.pk)
        planned = PlannedInvoice(organisation=organisation, fee=fee, address=invoice_address(organisation))
        if fee is None:
            planned.problem = _("No membership fee recorded for %(year)s.") % {"year": year}
        elif fee.pk in open_numbers:
            planned.problem = _("Invoiced already (%(number)s).") % {"number": open_numbers[fee.pk]}
        elif fee.paid_on is not None:
            planned.problem = _("Paid already.")
        elif fee.amount <= 0:
            planned.problem = _("The fee is 0 €.")
        elif not planned.address.is_complete:
            planned.problem = _("No invoice address (postcode and city are needed).")
        if not planned.problem:
            if not planned.address.email:
                planned.notes.append(_("No e-mail address: send the PDF by post."))
            if not planned.address.leitweg_id:
                planned.notes.append(_("No Leitweg-ID."))
        (skipped if planned.problem else ready).append(planned)
    return ready, skipped


def outstanding_total(fees: QuerySet[MembershipFee]) -> Decimal:
    """What the fees in ``fees`` still owe (those not paid)."""
    total = fees.filter(paid_on__isnull=True).aggregate(total=Sum("amount"))["total"]
    return total or Decimal("0.00")


def with_reminder_state(fees: QuerySet[MembershipFee]) -> QuerySet[MembershipFee]:
    """Each fee with its last reminder (``last_reminded_at``) and its open invoice's number (``invoice_number``)."""
    open_invoice = Invoice.objects.open().filter(fee=OuterRef("pk")).order_by("-sequence")
    return fees.annotate(
        last_reminded_at=Max("reminders__sent_at"),
        invoice_number=Subquery(open_invoice.values("number")[:1]),
    )


def reminder_recipients(fee: MembershipFee, *, on: datetime.date | None = None) -> list[str]:
    """The invoice address, the delegate(s) and the organisation's own address, each once."""
    organisation = fee.organisation
    address = invoice_address(organisation)
    delegates = (
        Mandate.objects.active(on)
        .filter(role=Role.DELEGATE, organisation=organisation, person__is_active=True)
        .values_list("person__email", flat=True)
    )
    found: dict[str, str] = {}
    for email in [address.email, *delegates, organisation.email]:
        if email:
            found.setdefault(email.strip().lower(), email.strip())
    return list(found.values())
