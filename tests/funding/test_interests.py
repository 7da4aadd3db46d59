"""Interest in calls, partner search and the countries a forming consortium covers."""

import pytest
from django.urls import reverse

from funding.demo import export
from funding.importer import import_calls
from funding.models import Call, Interest, PartnerOrganisation
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    import_calls(export())
    call = Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS")
    call.min_countries = 3
    call.save()
    return call


def test_an_organisation_declares_interest_and_searches_partners(client, call, member, other_member):
    lyon = PartnerOrganisation.objects.create(name="Lyon", country="FR", consent_to_list=True)
    PartnerOrganisation.objects.create(name="Ohne Zustimmung", country="PL", consent_to_list=False)
    client.force_login(member)
    page = client.get(reverse("call_detail", args=[call.pk])).content.decode()
    assert "Ohne Zustimmung" not in page and "Lyon" not in page  # chosen by typing, never listed in full
    # The search offers only partners who agreed to be listed.
    search_url = reverse("chooser_search", args=["partner-im-ausland"])
    assert client.get(search_url, {"q": "Zustimmung"}).json()["results"] == []
    assert client.get(search_url, {"q": "lyo"}).json()["results"] == [{"id": lyon.pk, "label": "Lyon (FR)"}]
    response = client.post(
        reverse("call_detail", args=[call.pk]),
        {"role": "coordinator", "contact": member.pk, "looking_for_partners": "on", "needs": "Partner aus Italien",
         "partners": [lyon.pk]},
    )  # fmt: skip
    assert response.status_code == 302
    interest = Interest.objects.get()
    assert interest.organisation == member.organisation and interest.role == "coordinator"
    client.force_login(other_member)
    html = client.get(reverse("call_detail", args=[call.pk])).content.decode()
    assert member.organisation.name in html and "2 Länder (DE, FR)" in html and "mindestens 3" in html
    search = client.get(reverse("partner_search")).content.decode()
    assert "Partner aus Italien" in search
    mine = client.get(reverse("call_list"), {"mine": "on"}).content.decode()
    assert call.identifier not in mine


def test_withdrawing_and_no_organisation(client, call, member, secretariat):
    Interest.objects.create(call=call, organisation=member.organisation, role="watching")
    client.force_login(secretariat)
    assert client.post(reverse("call_detail", args=[call.pk]), {"role": "partner"}).status_code == 403
    client.force_login(member)
    client.post(reverse("call_detail", args=[call.pk]), {"action": "withdraw"})
    assert not Interest.objects.exists()


def test_call_page_query_count_is_constant(client, call, member):
    from tests.factories import OrganisationFactory

    def grow(n):
        for _ in range(n):
            interest = Interest.objects.create(call=call, organisation=OrganisationFactory(), looking_for_partners=True)
            interest.partners.add(PartnerOrganisation.objects.create(name="P", country="IT", consent_to_list=True))

    client.force_login(member)
    grow(1)
    small = count_queries(client, reverse("call_detail", args=[call.pk]))
    grow(10)
    assert count_queries(client, reverse("call_detail", args=[call.pk])) == small
    small_search = count_queries(client, reverse("partner_search"))
    grow(10)
    assert count_queries(client, reverse("partner_search")) == small_search


def test_reminders_14_and_3_days_before_once_each(call, member):
    import datetime

    import time_machine
    from django.core import mail

    from funding.reminders import send_deadline_reminders

    Interest.objects.create(call=call, organisation=member.organisation, role="partner", contact=member)
    deadline = call.deadlines.get().at
    for days, expected in [(20, 0), (10, 1), (9, 0), (2, 1), (1, 0)]:
        with time_machine.travel(deadline - datetime.timedelta(days=days), tick=False):
            assert send_deadline_reminders() == expected, days
    assert len(mail.outbox) == 2 and all(m.to == [member.email] for m in mail.outbox)
    assert call.identifier in mail.outbox[0].subject


def test_exports_csv_and_calendar(client, call, member):
    from icalendar import Calendar

    client.force_login(member)
    csv = client.get(reverse("call_list"), {"export": "csv", "status": "open"}).content.decode("utf-8")
    assert csv.startswith("\ufeff") and "ISF-2026-TF2-AG-DRUGS" in csv and "CERV-2026-DAPHNE" not in csv
    calendar = Calendar.from_ical(client.get(reverse("deadlines_ics")).content)
    summaries = [str(e["SUMMARY"]) for e in calendar.walk("VEVENT")]
    assert any("ISF-2026-TF2-AG-DRUGS" in s for s in summaries)


def test_filter_by_working_group(client, call, member):
    from tests.factories import WorkingGroupFactory

    group = WorkingGroupFactory()
    call.groups.add(group)
    client.force_login(member)
    html = client.get(reverse("call_list"), {"group": group.pk}).content.decode()
    assert call.identifier in html and "INTERREG-NWE-6" not in html
