"""The fees in the admin: the year's invoices after a preview, read-only invoices, the Leitweg-ID, and the fee
list with its total, reminders and export. Staff here read the admin in English (their language setting)."""

import datetime
import io

import pytest
from django.core import mail
from django.urls import reverse
from openpyxl import load_workbook

from fees import services
from fees.models import Invoice, Reminder
from members.models import Organisation
from tests.fees.conftest import LEITWEG_ID, make_city, make_fee

pytestmark = pytest.mark.django_db

ISSUE = reverse("admin:fees_invoice_issue")
FEES = reverse("admin:members_membershipfee_changelist")


@pytest.fixture
def staff(client, secretariat):
    secretariat.language = "en"
    secretariat.save()
    client.force_login(secretariat)
    return secretariat


def test_the_preview_shows_every_invoice_and_issuing_needs_the_post(client, staff, fee):
    make_city("Stadt Bonn")
    response = client.get(ISSUE, {"year": 2027, "issued_on": "2027-03-01"})
    ready = [planned.organisation.name for planned in response.context["ready"]]
    skipped = [(planned.organisation.name, planned.problem) for planned in response.context["skipped"]]
    assert ready == ["Stadt Essen"]
    assert skipped == [("Stadt Bonn", "No membership fee recorded for 2027.")]
    assert LEITWEG_ID in response.content.decode()
    assert not Invoice.objects.exists()
    response = client.post(ISSUE, {"year": 2027, "issued_on": "2027-03-01"})
    assert response.status_code == 302
    assert list(Invoice.objects.values_list("number", flat=True)) == ["2027-0001"]


def test_the_treasurer_issues_invoices_the_rest_of_the_board_reads_them(client, treasurer, board, fee):
    client.force_login(board)
    assert client.get(ISSUE).status_code == 403
    assert client.get(reverse("admin:fees_invoice_changelist")).status_code == 200
    client.force_login(treasurer)
    assert client.get(ISSUE).status_code == 200
    assert client.post(ISSUE, {"year": 2027, "issued_on": "2027-03-01"}).status_code == 302
    assert Invoice.objects.count() == 1


def test_an_issued_invoice_is_read_only_in_the_admin(client, staff, fee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=fee, actor=staff)
    change = reverse("admin:fees_invoice_change", args=[invoice.pk])
    page = client.get(change)
    assert page.status_code == 200 and 'name="amount"' not in page.content.decode()
    assert client.post(change, {"amount": "1.00"}).status_code == 403
    assert client.post(reverse("admin:fees_invoice_delete", args=[invoice.pk]), {"post": "yes"}).status_code == 403
    assert client.get(reverse("admin:fees_invoice_add")).status_code == 403
    invoice.refresh_from_db()
    assert str(invoice.amount) == "500.00"
    pdf = client.get(reverse("admin:fees_invoice_file", args=[invoice.pk, "pdf"]))
    assert pdf["Content-Type"] == "application/pdf" and b"".join(pdf.streaming_content).startswith(b"%PDF")


def test_a_correction_from_the_list(client, staff, fee, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        invoice = services.invoice_issue(fee=fee, actor=staff)
    url = reverse("admin:fees_invoice_changelist")
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url, {"action": "correct", "_selected_action": [invoice.pk]})
    assert sorted(Invoice.objects.values_list("number", "kind")) == [
        ("2027-0001", "invoice"),
        ("2027-0002", "cancellation"),
        ("2027-0003", "invoice"),
    ]
    assert len(mail.outbox) == 3


def test_the_leitweg_id_is_the_organisations_checked_and_written_in_capitals(client, staff, city):
    url = reverse("admin:members_organisation_change", args=[city.pk])
    form = client.get(url).context["adminform"].form
    data = {key: "on" if value is True else value for key, value in form.initial.items() if value not in (None, False)}
    for prefix in ("people", "mandates", "fees"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, {**data, "leitweg_id": "04011000-1234512345-07"})
    assert "The check digits of this Leitweg-ID do not match" in response.content.decode()
    city.refresh_from_db()
    assert city.leitweg_id == LEITWEG_ID  # the refused one changed nothing
    response = client.post(url, {**data, "leitweg_id": " 991-33333test-33 "})
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    assert Organisation.objects.get(pk=city.pk).leitweg_id == "991-33333TEST-33"
    assert Organisation.objects.filter(leitweg_id="991-33333TEST-33").get() == city
    page = client.get(url).content.decode()
    assert "991-33333TEST-33" in page and "Change billing details" in page


@pytest.fixture
def overdue_fees(city, staff, django_capture_on_commit_callbacks):
    fees = [make_fee(city, year=2026), make_fee(make_city("Stadt Bonn"), year=2026, amount="1250.50")]
    with django_capture_on_commit_callbacks(execute=True):
        for fee in fees:
            services.invoice_issue(fee=fee, actor=staff, issued_on=datetime.date(2027, 1, 15))
    make_fee(city, year=2025, due_on=datetime.date(2025, 3, 1), paid_on=datetime.date(2025, 2, 1))
    mail.outbox.clear()
    return fees


def test_the_overdue_list_shows_its_total(client, overdue_fees, django_assert_max_num_queries):
    with django_assert_max_num_queries(20):
        response = client.get(FEES, {"payment": "overdue"})
    assert response.context["outstanding_total"] == sum(fee.amount for fee in overdue_fees)
    assert "Outstanding in this list (all pages, not paid): 1,750.50 €" in response.content.decode()
    assert [fee.invoice_number for fee in response.context["cl"].result_list] == ["2027-0002", "2027-0001"]


def test_reminders_from_the_list_once_per_14_days(
    client, clock, staff, overdue_fees, django_capture_on_commit_callbacks
):
    ids = [fee.pk for fee in overdue_fees]
    with django_capture_on_commit_callbacks(execute=True):
        client.post(FEES, {"action": "send_reminders", "_selected_action": ids})
    assert Reminder.objects.count() == 2 and len(mail.outbox) == 4  # invoice address and contact of each city
    clock.shift(datetime.timedelta(days=7))
    client.force_login(staff)  # a week later: a new session
    response = client.post(FEES, {"action": "send_reminders", "_selected_action": ids}, follow=True)
    warnings = [str(message) for message in response.context["messages"]]
    assert len(warnings) == 2 and all("next reminder is possible from" in text for text in warnings)
    assert Reminder.objects.count() == 2
    last = client.get(FEES, {"payment": "overdue"}).context["cl"].result_list[0].last_reminded_at
    assert last.date() == datetime.date(2027, 3, 1)


def test_the_board_may_not_send_reminders(client, board, overdue_fees):
    client.force_login(board)
    response = client.get(FEES)
    actions = [name for name, _label in response.context["action_form"].fields["action"].choices]
    assert "export_xlsx" in actions and "send_reminders" not in actions
    client.post(FEES, {"action": "send_reminders", "_selected_action": [overdue_fees[0].pk]})
    assert not Reminder.objects.exists()


def test_the_selection_exports_to_excel(client, overdue_fees):
    ids = [fee.pk for fee in overdue_fees]
    response = client.post(FEES, {"action": "export_xlsx", "_selected_action": ids})
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("Organisation", "Year", "Amount (EUR)", "Invoice", "Due on", "Days overdue")
    assert rows[1][:6] == ("Stadt Bonn", 2026, 1250.5, "2027-0002", "14.02.2027", 15)
    assert rows[2][0] == "Stadt Essen" and rows[2][9] == LEITWEG_ID
