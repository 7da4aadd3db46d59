"""On the real PostgreSQL: invoices issued at the same moment get consecutive numbers, none twice, none skipped."""

import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.db import connection

from fees import services
from fees.models import Invoice, InvoiceCounter
from tests.factories import UserFactory
from tests.fees.conftest import make_city, make_fee

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(count, act):
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            act(index)
            return "issued"
        except OSError:
            return "failed"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


@pytest.fixture
def slow_documents(monkeypatch):
    """Documents that take a moment (as WeasyPrint does), so the issues overlap; the one for Stadt 3 fails."""

    def build(invoice):
        time.sleep(0.05)
        if invoice.organisation.name == "Stadt 3":
            raise OSError("the PDF could not be written")
        return b"%PDF-1.7 test", b"<xml/>"

    monkeypatch.setattr("fees.services.invoices.build_documents", build)


def test_invoices_issued_at_once_are_numbered_without_gaps(postgres, slow_documents):
    actor = UserFactory()
    fees = [make_fee(make_city(f"Stadt {index}")) for index in range(8)]
    results = _at_once(len(fees), lambda index: services.invoice_issue(fee=fees[index], actor=actor))
    assert results.count("issued") == 7 and results.count("failed") == 1
    numbers = sorted(Invoice.objects.values_list("number", flat=True))
    assert numbers == [f"2027-{sequence:04d}" for sequence in range(1, 8)]
    assert InvoiceCounter.objects.get(year=2027).last == 7
    assert not Invoice.objects.filter(organisation__name="Stadt 3").exists()


def test_the_same_fee_issued_twice_at_once_is_invoiced_once(postgres, slow_documents):
    actor = UserFactory()
    fee = make_fee(make_city("Stadt Essen"))

    def issue(index):
        try:
            services.invoice_issue(fee=fee, actor=actor)
        except services.InvoicingRefused as refused:
            raise OSError(str(refused)) from refused

    assert sorted(_at_once(4, issue)) == ["failed", "failed", "failed", "issued"]
    assert list(Invoice.objects.values_list("number", flat=True)) == ["2027-0001"]
