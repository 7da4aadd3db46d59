"""The year's invoices: issued in one step, numbered without gaps, sent with PDF and XRechnung, never changed."""

import datetime
import io
from decimal import Decimal

import pytest
from django.core import mail
from django.core.exceptions import ValidationError
from pypdf import PdfReader

from fees import selectors, services
from fees.models import Invoice, InvoiceCounter, IssuedInvoiceError
from members.models import Organisation
from tests.fees.conftest import LEITWEG_ID, make_city, make_fee

pytestmark = pytest.mark.django_db


def _issue_year(actor, capture, year=2027):
    with capture(execute=True):
        return services.invoices_issue_for_year(year=year, actor=actor)


def test_it_plans_the_year_and_says_who_is_left_out(city, fee):
    make_city("Stadt Bonn")
    paid = make_city("Stadt Kiel")
    make_fee(paid, paid_on=datetime.date(2027, 2, 1))
    no_address = make_city("Stadt Ulm", billing=False)
    Organisation.objects.filter(pk=no_address.pk).update(postcode="", city="")
    make_fee(no_address)
    applicant = make_city("Stadt Neu", status=Organisation.Status.APPLICANT)
    make_fee(applicant)
    ready, skipped = selectors.invoices_plan(year=2027)
    assert [planned.organisation.name for planned in ready] == ["Stadt Essen"]
    reasons = {planned.organisation.name: planned.problem for planned in skipped}
    assert reasons == {
        "Stadt Bonn": "No membership fee recorded for 2027.",
        "Stadt Kiel": "Paid already.",
        "Stadt Ulm": "No invoice address (postcode and city are needed).",
    }


def test_the_years_invoices_are_numbered_in_order_and_sent(secretariat, django_capture_on_commit_callbacks):
    for name in ("Stadt Essen", "Stadt Augsburg", "Stadt Bonn"):
        make_fee(make_city(name))
    invoices = _issue_year(secretariat, django_capture_on_commit_callbacks)
    assert sorted(invoice.number for invoice in invoices) == ["2027-0001", "2027-0002", "2027-0003"]
    assert InvoiceCounter.objects.get(year=2027).last == 3
    essen = Invoice.objects.get(organisation__name="Stadt Essen")
    assert (essen.issued_on, essen.due_on) == (datetime.date(2027, 3, 1), datetime.date(2027, 3, 31))
    assert (essen.buyer_name, essen.leitweg_id) == ("Stadt Essen, Ordnungsamt", LEITWEG_ID)
    essen.fee.refresh_from_db()
    assert (essen.fee.invoiced_on, essen.fee.due_on) == (essen.issued_on, essen.due_on)
    # One e-mail per invoice, to the invoice address, with the PDF and the XRechnung.
    assert sorted(message.to[0] for message in mail.outbox) == [
        "rechnung@augsburg.example",
        "rechnung@bonn.example",
        "rechnung@essen.example",
    ]
    message = next(message for message in mail.outbox if message.to == ["rechnung@essen.example"])
    assert essen.number in message.subject
    names = [attachment.filename for attachment in message.attachments]
    assert names == [f"{essen.number}.pdf", f"{essen.number}.xml"]
    assert Invoice.objects.filter(sent_at__isnull=False).count() == 3
    # Running it again issues nothing: every fee of the year has its invoice.
    assert _issue_year(secretariat, django_capture_on_commit_callbacks) == []
    assert len(mail.outbox) == 3


def test_without_invoice_address_the_organisations_own_is_used(secretariat, django_capture_on_commit_callbacks):
    city = make_city("Stadt Augsburg", billing=False)
    make_fee(city)
    (invoice,) = _issue_year(secretariat, django_capture_on_commit_callbacks)
    assert (invoice.buyer_name, invoice.buyer_street, invoice.leitweg_id) == ("Stadt Augsburg", "Porscheplatz 1", "")
    assert mail.outbox[0].to == ["info@augsburg.example"]


def test_the_pdf_is_a_pdf_a_3_with_the_e_invoice_inside(secretariat, fee, django_capture_on_commit_callbacks):
    (invoice,) = _issue_year(secretariat, django_capture_on_commit_callbacks)
    reader = PdfReader(io.BytesIO(invoice.pdf.read()))
    text = reader.pages[0].extract_text()
    assert "Rechnung" in text and invoice.number in text and LEITWEG_ID in text
    assert "DE02 1203 0000 0000 2020 51" in text
    assert reader.attachments["factur-x.xml"][0] == invoice.xml.read()
    assert b"pdfaid:part>3<" in reader.xmp_metadata.stream.get_data()


def test_an_issued_invoice_cannot_be_changed_or_deleted(secretariat, fee, django_capture_on_commit_callbacks):
    (invoice,) = _issue_year(secretariat, django_capture_on_commit_callbacks)
    invoice.amount = Decimal("1.00")
    with pytest.raises(IssuedInvoiceError):
        invoice.save()
    with pytest.raises(IssuedInvoiceError):
        invoice.save(update_fields=["amount"])
    with pytest.raises(IssuedInvoiceError):
        Invoice.objects.filter(pk=invoice.pk).update(amount=Decimal("1.00"))
    with pytest.raises(IssuedInvoiceError, match="kept until 31.12.2035"):
        invoice.delete()
    with pytest.raises(IssuedInvoiceError):
        Invoice.objects.all().delete()
    invoice.refresh_from_db()
    assert invoice.amount == Decimal("500.00")
    # Its sending may still be recorded.
    Invoice.objects.filter(pk=invoice.pk).update(sent_to="rechnung@essen.example")


def test_a_correction_is_a_cancellation_and_a_new_invoice(secretariat, fee, django_capture_on_commit_callbacks):
    (invoice,) = _issue_year(secretariat, django_capture_on_commit_callbacks)
    fee.amount = Decimal("450.00")
    fee.save()
    with django_capture_on_commit_callbacks(execute=True):
        cancellation, new = services.invoice_correct(invoice=invoice, actor=secretariat)
    assert (cancellation.number, cancellation.kind, cancellation.cancels) == ("2027-0002", "cancellation", invoice)
    assert cancellation.amount == Decimal("500.00")
    assert (new.number, new.amount) == ("2027-0003", Decimal("450.00"))
    invoice.refresh_from_db()
    assert invoice.is_cancelled and not new.is_cancelled
    assert list(Invoice.objects.open()) == [new]
    assert "2027-0002" in mail.outbox[1].subject and "2027-0001" in mail.outbox[1].subject
    with pytest.raises(ValidationError):
        services.invoice_cancel(invoice=invoice, actor=secretariat)
    with pytest.raises(ValidationError):
        services.invoice_issue(fee=fee, actor=secretariat)


def test_a_failed_issue_leaves_no_gap(secretariat, fee, monkeypatch, django_capture_on_commit_callbacks):
    second = make_fee(make_city("Stadt Augsburg"))

    def broken(invoice):
        raise OSError("disk full")

    with monkeypatch.context() as patch:
        patch.setattr("fees.services.invoices.build_documents", broken)
        with pytest.raises(OSError):
            services.invoice_issue(fee=fee, actor=secretariat)
    assert not Invoice.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=second, actor=secretariat)
    assert invoice.number == "2027-0001"


def test_without_a_bank_account_nothing_is_issued(secretariat, fee, settings):
    settings.INVOICE_IBAN = ""
    with pytest.raises(ValidationError, match="INVOICE_IBAN"):
        services.invoices_issue_for_year(year=2027, actor=secretariat)
    assert not Invoice.objects.exists()
