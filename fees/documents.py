"""The invoice as a document: a PDF/A-3 with its XRechnung embedded (ZUGFeRD / Factur-X), and the XML itself.

Both are made once, when the invoice is issued, and kept as files: what was sent is what is kept (GoBD).
The PDF is a German document, written in German in its template, as the attendance certificates are.
"""

from django.conf import settings
from django.utils import translation
from drafthorse.pdf import attach_xml

from fees import einvoice
from fees.models import Invoice
from kernel.pdf import render_pdf

PDF_VARIANT = "pdf/a-3b"  # archivable, and allowed to carry the e-invoice as an attached file


def iban_grouped(iban: str) -> str:
    return " ".join(iban[i : i + 4] for i in range(0, len(iban), 4))


def invoice_context(invoice: Invoice) -> dict:
    return {
        "invoice": invoice,
        "is_cancellation": invoice.kind == Invoice.Kind.CANCELLATION,
        "description": einvoice.description(invoice),
        "payment_terms": einvoice.payment_terms(invoice),
        "seller": settings.IMPRESSUM,
        "iban": iban_grouped(settings.INVOICE_IBAN),
        "bic": settings.INVOICE_BIC,
        "account_holder": settings.INVOICE_ACCOUNT_HOLDER,
        "tax_note": settings.INVOICE_TAX_NOTE,
        "tax_number": settings.INVOICE_TAX_NUMBER,
    }


def build_documents(invoice: Invoice) -> tuple[bytes, bytes]:
    """(PDF with the XML embedded, XML) of ``invoice``, which has its number and buyer data already."""
    xml = einvoice.build_xml(invoice)
    with translation.override("de"):
        pdf = render_pdf("fees/invoice.html", invoice_context(invoice), variant=PDF_VARIANT)
    title = f"{'Stornorechnung' if invoice.kind == Invoice.Kind.CANCELLATION else 'Rechnung'} {invoice.number}"
    metadata = {
        "author": settings.IMPRESSUM["name"],
        "title": title,
        "subject": f"{title}: {einvoice.description(invoice)}, {invoice.buyer_name}",
        "keywords": "XRechnung, ZUGFeRD, Factur-X",
        "creator": "DEFUS-Portal",
        "producer": "DEFUS-Portal",
    }
    return attach_xml(pdf, xml, level="XRECHNUNG", metadata=metadata, lang="de-DE"), xml
