"""The e-invoice: XRechnung (CII) valid against the EN 16931 schema, addressed with the Leitweg-ID."""

from decimal import Decimal
from pathlib import Path

import drafthorse
import pytest
from lxml import etree

from fees import services
from fees.einvoice import XRECHNUNG
from tests.fees.conftest import LEITWEG_ID, make_city, make_fee

pytestmark = pytest.mark.django_db

# The EN 16931 schema as the Factur-X 1.0.07 package ships it (with drafthorse): the CII of XRechnung fits it.
SCHEMA = Path(drafthorse.__file__).parent / "schema" / "Factur-X_1.0.07_EN16931.xsd"
NS = {
    "rsm": "urn:un:unece:uncefact:data:standard:CrossIndustryInvoice:100",
    "ram": "urn:un:unece:uncefact:data:standard:ReusableAggregateBusinessInformationEntity:100",
    "udt": "urn:un:unece:uncefact:data:standard:UnqualifiedDataType:100",
}


def _valid(xml: bytes) -> etree._Element:
    schema = etree.XMLSchema(etree.parse(str(SCHEMA)))
    document = etree.fromstring(xml)
    assert schema.validate(document), schema.error_log
    return document


def _text(document, path: str) -> str:
    return document.xpath(path, namespaces=NS)[0].text


def test_the_xml_validates_and_carries_the_leitweg_id(secretariat, fee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=fee, actor=secretariat)
    document = _valid(invoice.xml.read())
    agreement = "//rsm:SupplyChainTradeTransaction/ram:ApplicableHeaderTradeAgreement"
    assert _text(document, f"{agreement}/ram:BuyerReference") == LEITWEG_ID
    buyer_address = document.xpath(
        f"{agreement}/ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID", namespaces=NS
    )[0]
    assert (buyer_address.text, buyer_address.get("schemeID")) == (LEITWEG_ID, "0204")
    assert _text(document, "//ram:GuidelineSpecifiedDocumentContextParameter/ram:ID") == XRECHNUNG
    assert _text(document, "//rsm:ExchangedDocument/ram:ID") == invoice.number
    assert _text(document, "//rsm:ExchangedDocument/ram:TypeCode") == "380"
    assert _text(document, f"{agreement}/ram:BuyerTradeParty/ram:Name") == "Stadt Essen, Ordnungsamt"
    settlement = "//ram:ApplicableHeaderTradeSettlement"
    assert _text(document, f"{settlement}//ram:IBANID") == "DE02120300000000202051"
    assert _text(document, f"{settlement}/ram:ApplicableTradeTax/ram:CategoryCode") == "O"
    assert "nicht steuerbar" in _text(document, f"{settlement}/ram:ApplicableTradeTax/ram:ExemptionReason")
    assert _text(document, f"{settlement}//ram:DuePayableAmount") == "500.00"
    assert _text(document, f"{settlement}//ram:DueDateDateTime/udt:DateTimeString") == "20270331"


def test_the_cancellation_refers_to_the_invoice(secretariat, fee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=fee, actor=secretariat)
        cancellation = services.invoice_cancel(invoice=invoice, actor=secretariat)
    document = _valid(cancellation.xml.read())
    assert _text(document, "//rsm:ExchangedDocument/ram:TypeCode") == "381"
    assert _text(document, "//ram:InvoiceReferencedDocument/ram:IssuerAssignedID") == invoice.number


def test_an_exempt_association_names_its_tax_number(secretariat, settings, django_capture_on_commit_callbacks):
    settings.INVOICE_VAT_CATEGORY = "E"
    settings.INVOICE_TAX_NOTE = "Steuerfrei nach § 4 Nr. 22 UStG"
    settings.INVOICE_TAX_NUMBER = "27/123/45678"
    fee = make_fee(make_city("Stadt Augsburg", billing=False), amount="1200.50")
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=fee, actor=secretariat)
    document = _valid(invoice.xml.read())
    # Without a Leitweg-ID the buyer is reached by e-mail, and BT-10 names the subject instead.
    assert _text(document, "//ram:BuyerReference") == "Mitgliedsbeitrag 2027 Stadt Augsburg"
    assert _text(document, "//ram:BuyerTradeParty/ram:URIUniversalCommunication/ram:URIID") == "info@augsburg.example"
    assert _text(document, "//ram:SellerTradeParty/ram:SpecifiedTaxRegistration/ram:ID") == "27/123/45678"
    assert _text(document, "//ram:ApplicableHeaderTradeSettlement/ram:ApplicableTradeTax/ram:CategoryCode") == "E"
    assert Decimal(_text(document, "//ram:GrandTotalAmount")) == Decimal("1200.50")
