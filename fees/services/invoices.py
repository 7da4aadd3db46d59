"""Issuing, cancelling and sending membership fee invoices.

Numbers: one counter row per year (InvoiceCounter), locked with SELECT … FOR UPDATE while a number is taken, in
the same transaction that writes the invoice. Two people issuing at the same moment wait for each other, and
an issue that fails (a PDF that cannot be made, a database error) rolls its number back with it: the numbers of
a year have no gaps and no doubles, as the tax office expects.
"""

import datetime

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext as _

from fees.documents import build_documents
from fees.models import Invoice, InvoiceCounter
from fees.selectors import invoice_address, invoices_plan
from kernel import claims
from kernel.emails import build_email
from kernel.tasks import enqueue
from members import audit
from members.models import MembershipFee


class InvoicingRefused(ValidationError):
    pass


def format_number(year: int, sequence: int) -> str:
    return f"{year}-{sequence:04d}"


def _take_number(year: int) -> tuple[int, int]:
    """The next number of ``year``; call inside the transaction that saves the invoice."""
    InvoiceCounter.objects.get_or_create(year=year)
    counter = InvoiceCounter.objects.select_for_update().get(year=year)
    counter.last += 1
    counter.save(update_fields=["last"])
    return year, counter.last


def _lock_fee(fee: MembershipFee) -> MembershipFee:
    return MembershipFee.objects.select_for_update().select_related("organisation").get(pk=fee.pk)


def _complete(invoice: Invoice) -> Invoice:
    """Number the invoice, make its documents and save it: one insert, after which it never changes."""
    invoice.year, invoice.sequence = _take_number(invoice.issued_on.year)
    invoice.number = format_number(invoice.year, invoice.sequence)
    pdf, xml = build_documents(invoice)
    invoice.pdf.save(f"{invoice.number}.pdf", ContentFile(pdf), save=False)
    invoice.xml.save(f"{invoice.number}.xml", ContentFile(xml), save=False)
    invoice.save()
    return invoice


def invoice_issue(*, fee: MembershipFee, actor, issued_on: datetime.date | None = None) -> Invoice:
    """The invoice of ``fee`` with today's invoice data of its organisation; sent by e-mail after the commit."""
    if not settings.INVOICE_IBAN:
        raise InvoicingRefused(_("No bank account is configured (INVOICE_IBAN): no invoice can be issued."))
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        fee = _lock_fee(fee)
        if Invoice.objects.open().filter(fee=fee).exists():
            raise InvoicingRefused(_("%(fee)s has an invoice already; cancel it first.") % {"fee": fee})
        if fee.amount <= 0:
            raise InvoicingRefused(_("%(fee)s: the fee is 0 €.") % {"fee": fee})
        address = invoice_address(fee.organisation)
        if not address.is_complete:
            raise InvoicingRefused(_("%(fee)s: no invoice address (postcode and city).") % {"fee": fee})
        invoice = _complete(
            Invoice(
                kind=Invoice.Kind.INVOICE,
                fee=fee,
                organisation=fee.organisation,
                issued_on=issued_on,
                due_on=issued_on + datetime.timedelta(days=settings.INVOICE_PAYMENT_DAYS),
                amount=fee.amount,
                buyer_name=address.name,
                buyer_street=address.street,
                buyer_postcode=address.postcode,
                buyer_city=address.city,
                leitweg_id=address.leitweg_id,
                send_to=address.email,
            )
        )
        audit.record(actor=actor, action="invoice.issued", target=invoice, after=audit.snapshot(invoice))
        audit.save_change(
            fee, actor=actor, action="membershipfee.invoiced", invoiced_on=invoice.issued_on, due_on=invoice.due_on
        )
        enqueue("fees.tasks.send_invoice", invoice.pk)
    return invoice


def invoices_issue_for_year(*, year: int, actor, issued_on: datetime.date | None = None) -> list[Invoice]:
    """Every invoice the plan of ``year`` holds (fees.selectors.invoices_plan), all or none."""
    ready, _skipped = invoices_plan(year=year)
    with transaction.atomic():
        return [invoice_issue(fee=planned.fee, actor=actor, issued_on=issued_on) for planned in ready]


def invoice_cancel(*, invoice: Invoice, actor, issued_on: datetime.date | None = None) -> Invoice:
    """The cancellation of ``invoice`` (a document of its own, with the next number); the fee is open again."""
    issued_on = issued_on or timezone.localdate()
    with transaction.atomic():
        fee = _lock_fee(invoice.fee)
        invoice = Invoice.objects.select_related("organisation", "fee").get(pk=invoice.pk)
        if invoice.kind != Invoice.Kind.INVOICE or invoice.is_cancelled:
            raise InvoicingRefused(_("%(number)s cannot be cancelled (again).") % {"number": invoice.number})
        cancellation = _complete(
            Invoice(
                kind=Invoice.Kind.CANCELLATION,
                cancels=invoice,
                fee=fee,
                organisation=invoice.organisation,
                issued_on=issued_on,
                amount=invoice.amount,
                buyer_name=invoice.buyer_name,
                buyer_street=invoice.buyer_street,
                buyer_postcode=invoice.buyer_postcode,
                buyer_city=invoice.buyer_city,
                leitweg_id=invoice.leitweg_id,
                send_to=invoice.send_to,
            )
        )
        audit.record(
            actor=actor, action="invoice.cancelled", target=invoice, after={"cancellation": cancellation.number}
        )
        audit.save_change(fee, actor=actor, action="membershipfee.invoice_cancelled", invoiced_on=None, due_on=None)
        enqueue("fees.tasks.send_invoice", cancellation.pk)
    return cancellation


def invoice_correct(*, invoice: Invoice, actor) -> tuple[Invoice, Invoice]:
    """A correction: the cancellation of ``invoice`` and a new invoice with the fee's and the organisation's
    data as they are now (correct those first)."""
    with transaction.atomic():
        cancellation = invoice_cancel(invoice=invoice, actor=actor)
        return cancellation, invoice_issue(fee=invoice.fee, actor=actor)


def file_content(field_file) -> bytes:
    with field_file.open("rb") as stored:
        return stored.read()


def invoice_send(*, invoice_id: int, again: bool = False) -> bool:
    """E-mail the invoice (PDF and XML attached) to its invoice address; False when there is nothing to send.

    The first sending is claimed with a conditional UPDATE, so a task run twice sends once; ``again`` is the
    secretariat's "send again".
    """
    invoice = Invoice.objects.select_related("organisation", "fee", "cancels").filter(pk=invoice_id).first()
    if invoice is None or not invoice.send_to:
        return False

    def send():
        message = build_email(
            "fee_invoice",
            to=invoice.send_to,
            context={"recipient": None, "invoice": invoice, "is_cancellation": invoice.cancels_id is not None},
            language="de",  # a German invoice to a German city hall
            official=True,
        )
        message.attach(f"{invoice.number}.pdf", file_content(invoice.pdf), "application/pdf")
        message.attach(f"{invoice.number}.xml", file_content(invoice.xml), "application/xml")
        message.send()

    row, sent = Invoice.objects.filter(pk=invoice.pk), {"sent_at": timezone.now(), "sent_to": invoice.send_to}
    if again:
        send()
        row.update(**sent)
        return True
    # Not sent: the task's retry may claim it again.
    return claims.send_once(
        row, send, claimable=Q(sent_at__isnull=True), claim=sent, failed=lambda exc: {"sent_at": None, "sent_to": ""}
    )
