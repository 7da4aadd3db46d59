"""The annual report as a page and as a PDF that holds the year's figures and fetches nothing from elsewhere."""

import datetime
import io
import zoneinfo

import pytest
from django.urls import reverse

from analyses.pdf import ForbiddenFetch, _static_file, html_to_pdf
from events.models import Event, Registration
from funding.models import Call, Interest, Programme
from tests.factories import OrganisationFactory, UserFactory, WorkingGroupFactory, make_thread

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")
YEAR = 2025


@pytest.fixture
def year_of_work(member, organisation, other_organisation, make_event):
    OrganisationFactory(name="Stadt Neuzugang", joined_on=datetime.date(YEAR, 5, 10))
    OrganisationFactory(
        name="Stadt Abschied", status="left", joined_on=datetime.date(2012, 1, 1), left_on=datetime.date(YEAR, 12, 31)
    )
    webinar = make_event(
        title="Webinar Sichere Räume",
        kind=Event.Kind.WEBINAR,
        start=datetime.datetime(YEAR, 3, 4, 10, tzinfo=BERLIN),
    )
    conference = make_event(
        title="Fachtag", kind=Event.Kind.CONFERENCE, start=datetime.datetime(YEAR, 9, 1, 9, tzinfo=BERLIN)
    )
    colleagues = [UserFactory(organisation=organisation) for _ in range(2)]
    for person in [member, *colleagues]:
        Registration.objects.create(event=webinar, person=person, status=Registration.Status.REGISTERED)
    Registration.objects.create(event=conference, person=member, status=Registration.Status.REGISTERED)
    Registration.objects.create(
        event=conference, person=UserFactory(organisation=other_organisation), status=Registration.Status.REGISTERED
    )
    group = WorkingGroupFactory(name="Straßenkriminalität & öffentlicher Raum")
    thread = make_thread(group=group, author=member, replies=2)
    thread.posts.update(created_at=datetime.datetime(YEAR, 6, 1, tzinfo=BERLIN))
    type(thread).objects.filter(pk=thread.pk).update(created_at=datetime.datetime(YEAR, 6, 1, tzinfo=BERLIN))
    call = Call.objects.create(
        identifier="ISF-2026-TF2-AG-PROTECT-02", title_en="Protection", programme=Programme.objects.create(code="isf")
    )
    Interest.objects.create(
        call=call, organisation=organisation, role=Interest.Role.COORDINATOR,
        updated_at=datetime.datetime(YEAR, 7, 1, tzinfo=BERLIN),
    )  # fmt: skip
    return group


def test_the_page_shows_the_year(client, member, year_of_work):
    client.force_login(member)
    html = client.get(reverse("annual_report"), {"jahr": YEAR}).content.decode()
    assert "Stadt Neuzugang" in html and "Stadt Abschied" in html
    assert "Webinar" in html and "Fachtag" not in html  # kinds are counted, titles not listed
    # Participants per member organisation: Essen 4 registrations in 2 events, Köln 1.
    assert '<td class="text-end">4</td><td class="text-end">2</td>' in html
    assert "Straßenkriminalität &amp; öffentlicher Raum" in html
    assert "ISF-2026-TF2-AG-PROTECT-02" in html
    for chart in ("chart-participants", "chart-events", "chart-groups"):
        assert f'data-table="{chart.replace("chart", "table")}"' in html
        assert f'id="{chart.replace("chart", "table")}"' in html


def test_another_year_has_none_of_it(client, member, year_of_work):
    client.force_login(member)
    html = client.get(reverse("annual_report"), {"jahr": YEAR - 1}).content.decode()
    assert "Stadt Neuzugang" not in html and "ISF-2026" not in html


@pytest.mark.parametrize("year", ["1999", "abc", "99999"])
def test_a_year_out_of_range_is_not_found(client, member, year):
    client.force_login(member)
    assert client.get(reverse("annual_report"), {"jahr": year}).status_code == 404


def test_the_pdf_opens_and_holds_the_years_figures(client, member, year_of_work, monkeypatch):
    from pypdf import PdfReader

    # Nothing may be fetched from another host while rendering.
    def no_network(*args, **kwargs):
        raise AssertionError("the PDF tried to fetch from the network")

    monkeypatch.setattr("urllib.request.urlopen", no_network)
    client.force_login(member)
    response = client.get(reverse("annual_report_pdf"), {"jahr": YEAR})
    assert response["Content-Type"] == "application/pdf"
    assert f"defus-jahresbericht-{YEAR}.pdf" in response["Content-Disposition"]
    reader = PdfReader(io.BytesIO(response.content))
    text = " ".join(page.extract_text() for page in reader.pages)
    assert f"Jahresbericht {YEAR}" in text
    assert "Deutsch-Europäisches Forum für Urbane Sicherheit" in text  # the association's header
    assert "Stadt Neuzugang" in text and "Stadt Abschied" in text
    assert "ISF-2026-TF2-AG-PROTECT-02" in text
    assert "Stadt Essen" in text


def test_the_pdf_fetcher_serves_only_local_static_files(monkeypatch):
    url, body = _static_file("file:///static/img/logo.svg")
    assert body.startswith(b"<svg") or b"<svg" in body[:200]
    for url in ("http://example.org/x.png", "https://fonts.example/f.woff", "file:///etc/passwd", "/static/../x"):
        with pytest.raises(ForbiddenFetch):
            _static_file(url)
    monkeypatch.setattr("urllib.request.urlopen", lambda *a, **k: pytest.fail("network used"))
    pdf = html_to_pdf('<p>Text</p><img src="http://example.org/tracker.png" alt=""><img src="/static/img/logo.svg">')
    assert pdf.startswith(b"%PDF")
