"""The overdue fee list in a real browser at 1280 px: its key columns fit beside the filters, each on one line,
and the total outstanding stands above the list."""

import datetime
from decimal import Decimal

import pytest
from django.utils import timezone

from fees import services
from fees.models import Reminder
from members.models import MembershipFee, Role
from tests.factories import PASSWORD, MandateFactory, OrganisationFactory, UserFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

KEY_COLUMNS = ["organisation", "year", "amount_eur", "due", "invoice_number", "last_reminder"]
NAMES = ["Landeshauptstadt Stuttgart", "Stadt Mönchengladbach", "Landeshauptstadt Düsseldorf", "Stadt Essen"]

# Per key column: its header's right edge, and how many lines the widest cell takes; then the right edge of the
# box the list scrolls in (what is visible of it without scrolling sideways).
MEASURE = """(columns) => [columns.map((name) => {
  const header = document.querySelector(`#result_list thead th.column-${name}`);
  const cells = [...document.querySelectorAll(`#result_list tbody .field-${name}`)];
  const lines = (cell) => {
    const range = document.createRange();
    range.selectNodeContents(cell);
    return new Set([...range.getClientRects()].map((rect) => Math.round(rect.top))).size;
  };
  return [name, Math.round(header.getBoundingClientRect().right), Math.max(...cells.map(lines))];
}), Math.round(document.querySelector("#changelist .results").getBoundingClientRect().right)]"""


def _overdue_fees(staff):
    """Invoiced three months ago (so overdue for a month), reminded of today."""
    today = timezone.localdate()
    for index, name in enumerate(NAMES):
        city = OrganisationFactory(
            name=name,
            slug=f"fee-city-{index}",
            email=f"info{index}@example.org",
            postcode="12345",
            city="Ort",
            leitweg_id="04011000-1234512345-06",
        )
        fee = MembershipFee.objects.create(organisation=city, year=today.year - 1, amount=Decimal("12500.00") + index)
        services.invoice_issue(fee=fee, actor=staff, issued_on=today - datetime.timedelta(days=90))
        Reminder.objects.create(fee=fee, amount=fee.amount, recipients=[city.email])


def test_the_key_columns_are_readable_at_1280_px(signed_in, live_server, foreign_requests):
    staff = UserFactory(email="kasse@example.org", organisation=None)
    MandateFactory(role=Role.SECRETARIAT, person=staff)
    _overdue_fees(staff)
    page = signed_in(staff.email, PASSWORD, viewport={"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/admin/members/membershipfee/?payment=overdue")
    assert page.locator(".defus-total").is_visible()
    measured, visible = page.evaluate(MEASURE, KEY_COLUMNS)
    too_far = [name for name, right, _lines in measured if right > visible]
    wrapped = [name for name, _right, lines in measured if name != "organisation" and lines > 1]
    assert too_far == [] and wrapped == [], (measured, visible)
    assert visible <= 1280 and page.evaluate("document.documentElement.scrollWidth") <= 1280
    assert foreign_requests == []
