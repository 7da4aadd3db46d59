"""The annual report opens on the running year ("bis heute") and, for a month after a year ends, on that year;
its PDF keeps each table with its heading, repeats the column headings on a new page and shows chart labels
whole (issue 28)."""

import datetime
import io
import re
import zoneinfo

import pytest
import time_machine
from django.urls import reverse
from pypdf import PdfReader

from events.models import Event, Registration
from kernel.charts import bar_chart
from tests.factories import OrganisationFactory, UserFactory

pytestmark = pytest.mark.django_db
BERLIN = zoneinfo.ZoneInfo("Europe/Berlin")


def _shown_year(client, member, today: datetime.date) -> str:
    with time_machine.travel(datetime.datetime.combine(today, datetime.time(10), tzinfo=BERLIN), tick=False):
        client.force_login(member)
        html = client.get(reverse("annual_report")).content.decode()
    return html.split("<h1>")[1].split("</h1>")[0]


def test_it_opens_on_the_running_year_saying_up_to_today(client, member):
    year = datetime.date.today().year
    heading = _shown_year(client, member, datetime.date(year, 6, 15))
    assert f"Jahresbericht {year}" in heading and "bis heute" in heading


def test_after_the_year_ends_it_opens_on_that_year_complete(client, member):
    year = datetime.date.today().year
    heading = _shown_year(client, member, datetime.date(year + 1, 1, 10))
    assert f"Jahresbericht {year}" in heading and "bis heute" not in heading
    heading = _shown_year(client, member, datetime.date(year + 1, 2, 1))
    assert f"Jahresbericht {year + 1}" in heading and "bis heute" in heading


def test_a_finished_year_chosen_says_nothing_of_today(client, member):
    client.force_login(member)
    year = datetime.date.today().year - 2
    html = client.get(reverse("annual_report"), {"jahr": year}).content.decode()
    assert f"Jahresbericht {year}</h1>" in html


def test_a_long_table_keeps_its_caption_and_repeats_its_headings_on_every_page(client, member, make_event):
    year = datetime.date.today().year - 1
    event = make_event(
        title="Fachtag", kind=Event.Kind.CONFERENCE, start=datetime.datetime(year, 5, 4, 9, tzinfo=BERLIN)
    )
    for number in range(70):
        organisation = OrganisationFactory(name=f"Stadt Beispiel {number:02d}")
        Registration.objects.create(
            event=event, person=UserFactory(organisation=organisation), status=Registration.Status.REGISTERED
        )
    client.force_login(member)
    reader = PdfReader(io.BytesIO(client.get(reverse("annual_report_pdf"), {"jahr": year}).content))
    pages = [page.extract_text() for page in reader.pages]
    with_rows = [text for text in pages if re.search(r"Stadt Beispiel \d\d 1 1", text)]
    assert len(with_rows) >= 2  # the table runs over more than one page …
    for text in with_rows:  # … and each page names its columns
        assert "Organisation Anmeldungen Veranstaltungen" in text
    first = with_rows[0]
    assert "Teilnehmende je Mitgliedsorganisation" in first  # the caption is not left behind alone
    # The chart of 70 bars is shrunk onto one page, not cut: its first and last label are on the same page.
    assert any("Stadt Beispiel\n00" in text and "Stadt Beispiel\n69" in text for text in pages)


def test_chart_labels_are_whole_however_long():
    long_name = "Arbeitsgruppe Straßenkriminalität, Videoschutz und Sicherheit im öffentlichen Raum der Städte"
    chart = bar_chart(chart_id="c", title="T", caption="C", table_id="t", labels=[long_name, "Kurz"], values=[3, 1])
    svg_text = " ".join(part.split(">", 1)[1] for part in chart.split("<tspan")[1:])
    words = [word.split("<")[0] for word in svg_text.split()]
    assert " ".join(word for word in words if word)[: len(long_name)] == long_name
    assert "…" not in chart
