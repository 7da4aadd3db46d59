"""The e-invoice: XRechnung 3.0 in CII syntax (UN/CEFACT Cross Industry Invoice), built with drafthorse.

City halls take invoices through their invoice portal (OZG-RE, ZRE, the states' portals) as XRechnung,
addressed with their Leitweg-ID (BT-10, buyer reference). The same XML is embedded in the invoice PDF
(ZUGFeRD / Factur-X, profile XRECHNUNG, PDF/A-3), so a member without a portal reads the PDF and its
bookkeeping software still finds the data. drafthorse checks what it writes against the EN 16931 schema
(Factur-X 1.0.07 EN16931 XSD, which the CII of XRechnung fits) and refuses an invalid document.

Tax: member fees are outside the scope of VAT (category O) or exempt (E), as INVOICE_VAT_CATEGORY says,
with INVOICE_TAX_NOTE as the reason (BT-120). Neither carries a VAT rate; O carries no VAT ID (BR-O-02).
"""

import datetime
from decimal import Decimal

from django.conf import settings
from drafthorse.models.accounting import ApplicableTradeTax
from drafthorse.models.document import Document
from drafthorse.models.note import IncludedNote
from drafthorse.models.party import TaxRegistration
from drafthorse.models.payment import PaymentMeans, PaymentTerms
from drafthorse.models.tradelines import LineItem

from fees.models import Invoice

SCHEMA = "FACTUR-X_EN16931"
XRECHNUNG = "urn:cen.eu:en16931:2017#compliant#urn:xeinkauf.de:kosit:xrechnung_3.0"
PEPPOL_BILLING = "urn:fdc:peppol.eu:2017:poacc:billing:01:1.0"
TYPE_CODES = {Invoice.Kind.INVOICE: "380", Invoice.Kind.CANCELLATION: "381"}  # commercial invoice, credit note
SEPA_CREDIT_TRANSFER = "58"
LEITWEG_SCHEME = "0204"  # the electronic address scheme of the Leitweg-ID (EAS code list)
EMAIL_SCHEME = "EM"
ZERO = Decimal("0.00")


def description(invoice: Invoice) -> str:
    return f"Mitgliedsbeitrag {invoice.fee.year}"


def buyer_reference(invoice: Invoice) -> str:
    """BT-10 is required in XRechnung: the Leitweg-ID where there is one, else the subject of the invoice."""
    return invoice.leitweg_id or f"{description(invoice)} {invoice.organisation.name}"


def _seller(doc: Document) -> None:
    impressum = settings.IMPRESSUM
    seller = doc.trade.agreement.seller
    seller.name = impressum["name"]
    # BR-CO-26: the seller is identified by its entry in the register of associations.
    seller.legal_organization.id = f"{impressum['register_court']} {impressum['register_number']}"
    seller.legal_organization.trade_name = impressum["name"]
    seller.contact.person_name = "Geschäftsstelle"
    seller.contact.telephone.number = impressum["phone"]
    seller.contact.email.address = impressum["email"]
    seller.address.line_one = impressum["street"]
    seller.address.postcode = impressum["postcode"]
    seller.address.city_name = impressum["city"]
    seller.address.country_id = "DE"
    seller.electronic_address.uri_ID = (EMAIL_SCHEME, impressum["email"])
    if settings.INVOICE_TAX_NUMBER:
        seller.tax_registrations.add(TaxRegistration(id=("FC", settings.INVOICE_TAX_NUMBER)))
    if settings.INVOICE_VAT_CATEGORY == "E" and impressum["vat_id"]:
        seller.tax_registrations.add(TaxRegistration(id=("VA", impressum["vat_id"])))


def _buyer(doc: Document, invoice: Invoice) -> None:
    buyer = doc.trade.agreement.buyer
    buyer.name = invoice.buyer_name
    buyer.address.line_one = invoice.buyer_street
    buyer.address.postcode = invoice.buyer_postcode
    buyer.address.city_name = invoice.buyer_city
    buyer.address.country_id = "DE"
    if invoice.leitweg_id:
        buyer.electronic_address.uri_ID = (LEITWEG_SCHEME, invoice.leitweg_id)
    elif invoice.send_to:
        buyer.electronic_address.uri_ID = (EMAIL_SCHEME, invoice.send_to)


def _line(doc: Document, invoice: Invoice) -> None:
    item = LineItem()
    item.document.line_id = "1"
    item.product.name = description(invoice)
    item.agreement.net.amount = invoice.amount
    item.delivery.billed_quantity = (Decimal("1"), "C62")  # one (unit)
    item.settlement.trade_tax.type_code = "VAT"
    item.settlement.trade_tax.category_code = settings.INVOICE_VAT_CATEGORY
    item.settlement.monetary_summation.total_amount = invoice.amount
    doc.trade.items.add(item)


def _settlement(doc: Document, invoice: Invoice) -> None:
    settlement = doc.trade.settlement
    settlement.payment_reference = invoice.number
    settlement.currency_code = "EUR"
    means = PaymentMeans()
    means.type_code = SEPA_CREDIT_TRANSFER
    means.payee_account.iban = settings.INVOICE_IBAN
    means.payee_account.account_name = settings.INVOICE_ACCOUNT_HOLDER
    if settings.INVOICE_BIC:
        means.payee_institution.bic = settings.INVOICE_BIC
    settlement.payment_means.add(means)
    tax = ApplicableTradeTax()
    tax.calculated_amount = ZERO
    tax.type_code = "VAT"
    tax.exemption_reason = settings.INVOICE_TAX_NOTE
    tax.basis_amount = invoice.amount
    tax.category_code = settings.INVOICE_VAT_CATEGORY
    settlement.trade_tax.add(tax)
    settlement.period.start = datetime.date(invoice.fee.year, 1, 1)
    settlement.period.end = datetime.date(invoice.fee.year, 12, 31)
    terms = PaymentTerms()
    terms.description = payment_terms(invoice)
    if invoice.due_on:
        terms.due = invoice.due_on
    settlement.terms.add(terms)
    totals = settlement.monetary_summation
    totals.line_total = invoice.amount
    totals.tax_basis_total = invoice.amount
    totals.tax_total = (ZERO, "EUR")
    totals.grand_total = invoice.amount
    totals.due_amount = invoice.amount
    if invoice.cancels_id:
        settlement.invoice_referenced_document.issuer_assigned_id = invoice.cancels.number
        settlement.invoice_referenced_document.issue_date_time = invoice.cancels.issued_on


def payment_terms(invoice: Invoice) -> str:
    if invoice.kind == Invoice.Kind.CANCELLATION:
        return f"Storniert die Rechnung {invoice.cancels.number}; ein bereits gezahlter Betrag wird erstattet."
    return (
        f"Zahlbar ohne Abzug bis {invoice.due_on:%d.%m.%Y} auf das angegebene Konto "
        f"unter Angabe der Rechnungsnummer {invoice.number}."
    )


def build_xml(invoice: Invoice) -> bytes:
    """The XRechnung of ``invoice`` (validated against the EN 16931 schema by drafthorse while writing)."""
    doc = Document()
    doc.context.business_parameter.id = PEPPOL_BILLING
    doc.context.guideline_parameter.id = XRECHNUNG
    doc.header.id = invoice.number
    doc.header.type_code = TYPE_CODES[invoice.kind]
    doc.header.issue_date_time = invoice.issued_on
    note = IncludedNote()
    note.content = settings.INVOICE_TAX_NOTE
    doc.header.notes.add(note)
    doc.trade.agreement.buyer_reference = buyer_reference(invoice)
    _seller(doc)
    _buyer(doc, invoice)
    _line(doc, invoice)
    _settlement(doc, invoice)
    return doc.serialize(schema=SCHEMA)
