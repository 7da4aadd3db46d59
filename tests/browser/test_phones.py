"""Phones (issue 28): the month calendar is a list under 576 px, the door list is searched on a phone (with and
without JavaScript), and the annual report and public pages need no sideways scrolling at 390 px.

Screenshots of each page at both widths go to $SCREENSHOTS when set (to look at them), else to a temporary folder.
"""

import os
import re
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone
from playwright.sync_api import expect

from events.models import Event, GuestRegistration, Registration
from tests.browser import checks
from tests.browser.test_walkthrough import _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

CONFERENCE = "Fachkonferenz Sicherheit im öffentlichen Raum"
GUESTS = [
    ("Karl Müller", "Stadt Leer"),
    ("Sabine Weber", "Universität Bochum"),
    ("Ahmet Yılmaz", "Stadt Essen"),
    ("Maria Schmidt-Wiśniewska", "Landeskriminalamt Nordrhein-Westfalen, Dezernat Kriminalprävention"),
]


@pytest.fixture
def shots(tmp_path):
    folder = Path(os.environ.get("SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)

    def shoot(page, name: str) -> None:
        for size in (checks.PHONE, checks.DESKTOP):
            page.set_viewport_size(size)
            assert checks.horizontal_overflow(page) == [], f"{name} at {size['width']} px"
            assert checks.small_targets(page) == [], f"{name} at {size['width']} px"
            assert _axe_violations(page) == [], f"{name} at {size['width']} px"
            page.screenshot(path=folder / f"{name}-{size['width']}.png", full_page=True)
        page.set_viewport_size(checks.PHONE)

    return shoot


def _conference_with_guests() -> Event:
    call_command("seed_demo")
    event = Event.objects.get(title=CONFERENCE)
    event.capacity = 20
    event.save(update_fields=["capacity"])
    now = timezone.now()
    for number, (name, organisation) in enumerate(GUESTS):
        GuestRegistration.objects.create(
            event=event,
            name=name,
            email=f"gast{number}@example.org",
            organisation=organisation,
            role="Prävention",
            status="registered",
            consent_at=now,
            created_at=now,
            confirmed_at=now,
            requested_at=now,
        )
    return event


def _shown_names(page) -> list[str]:
    return page.locator("#door-list tbody tr:visible label").all_inner_texts()


def test_door_staff_find_a_guest_on_a_phone_and_tick_them(signed_in, live_server, shots):
    event = _conference_with_guests()
    page = signed_in("sekretariat@defus.example", viewport=checks.PHONE)
    page.goto(f"{live_server.url}/veranstaltungen/{event.pk}/einlass/")
    assert len(_shown_names(page)) == 6  # the chair, the demo guest and four more
    shots(page, "door-list")

    page.fill("#door-q", "bochum")
    assert _shown_names(page) == ["Sabine Weber"]
    expect(page.locator("#door-count")).to_have_text(re.compile(r"^1 \D+ 6 "))  # "1 of 6 …", announced
    page.press("#door-q", "Enter")  # searching again keeps the page (and ticks not yet saved)
    page.check("#door-list tr:visible input[type=checkbox]")
    page.fill("#door-q", "")
    assert len(_shown_names(page)) == 6
    with page.expect_navigation():
        page.click("main button:has-text('Anwesenheit speichern')")
    assert list(GuestRegistration.objects.filter(event=event, attended=True).values_list("name", flat=True)) == [
        "Sabine Weber"
    ]


def test_the_door_list_search_works_without_javascript(signed_in, live_server):
    event = _conference_with_guests()
    # Ticked earlier on another phone: a search's list saves only the people it shows.
    Registration.objects.filter(event=event).update(attended=True)
    page = signed_in("sekretariat@defus.example", viewport=checks.PHONE, java_script_enabled=False)
    page.goto(f"{live_server.url}/veranstaltungen/{event.pk}/einlass/")
    page.fill("#door-q", "leer")
    with page.expect_navigation():
        page.click("form[role=search] button[type=submit]")
    assert page.url.endswith("?q=leer")
    assert page.locator("#door-list tbody label").all_inner_texts() == ["Karl Müller"]
    assert re.match(r"1 \D+ 6 ", page.locator("#door-count").inner_text())
    page.check("#door-list input[type=checkbox]")
    with page.expect_navigation():
        page.click("main button:has-text('Anwesenheit speichern')")
    assert page.url.endswith("?q=leer")
    assert GuestRegistration.objects.get(name="Karl Müller").attended
    assert Registration.objects.filter(event=event, attended=True).count() == 1  # the chair is still ticked


def test_the_month_calendar_is_a_list_on_a_phone(signed_in, live_server, shots):
    call_command("seed_demo")
    start = Event.objects.get(title=CONFERENCE).start
    page = signed_in("mitglied@defus.example", viewport=checks.PHONE)
    page.goto(f"{live_server.url}/veranstaltungen/kalender/{start.year}/{start.month}/")
    assert page.locator("table.calendar").is_hidden()
    days = page.locator(".calendar-list section h2")
    assert days.count() >= 1 and all(", " in day for day in days.all_inner_texts())  # weekday, date
    assert page.locator(f".calendar-list a:has-text('{CONFERENCE}')").is_visible()
    shots(page, "calendar")
    page.set_viewport_size(checks.DESKTOP)
    assert page.locator("table.calendar").is_visible() and page.locator(".calendar-list").is_hidden()


def test_the_annual_report_and_public_pages_fit_a_phone(new_page, signed_in, live_server, shots):
    call_command("seed_demo")
    page = signed_in("vorsitz@defus.example", viewport=checks.PHONE)
    page.goto(f"{live_server.url}/jahresbericht/")
    assert page.locator("main table").count() >= 2
    shots(page, "annual-report")
    page.goto(f"{live_server.url}/lagebild/")
    shots(page, "lagebild")
    public = new_page(viewport=checks.PHONE)
    for path, name in [("/", "home"), ("/unsere-mitglieder/", "members"), ("/barrierefreiheit/", "accessibility")]:
        public.goto(live_server.url + path)
        shots(public, name)
