"""A guest without an account, end to end in Chromium: finds the conference from the home page, registers,
confirms through the emailed link, downloads the calendar entry, cancels through the personal link, and the
guest waiting behind moves up. Every page on the way has zero axe-core WCAG 2.1 AA violations and no
request leaves the portal."""

import datetime
import re
from pathlib import Path
from urllib.parse import urlsplit

import pytest
from django.core import mail
from django.core.cache import cache
from django.utils import timezone

from events.models import GuestRegistration
from tests.browser.test_walkthrough import AXE, _axe_violations
from tests.conftest import need_service
from tests.factories import EventFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

TITLE = "Fachkonferenz Sicherheit im öffentlichen Raum"


def _register(page, base, name, email, violations):
    page.goto(f"{base}/")
    with page.expect_navigation():
        page.click("main a[href='/veranstaltungen/oeffentlich/']")
    violations += _axe_violations(page)
    with page.expect_navigation():
        page.click(f"main a:has-text('{TITLE}')")
    violations += _axe_violations(page)
    page.fill("input[name=name]", name)
    page.fill("input[name=email]", email)
    page.fill("input[name=organisation]", "Polizeipräsidium Essen")
    page.fill("input[name=role]", "Kriminalprävention")
    page.check("input[name=consent]")
    with page.expect_navigation():
        page.click("main button[type=submit]")
    assert "Vielen Dank" in page.locator(".alert-success").inner_text()
    violations += _axe_violations(page)


def _confirm(page, base, email, violations) -> str:
    message = [m for m in mail.outbox if m.to == [email] and "/bestaetigen/" in m.body][-1]
    link = re.search(r"https?://\S+(/veranstaltungen/gast/bestaetigen/\S+/)", message.body).group(1)
    page.goto(base + link)
    violations += _axe_violations(page)
    with page.expect_navigation():
        page.click("main button[type=submit]")
    violations += _axe_violations(page)
    return page.url


def test_a_guest_registers_confirms_cancels_and_the_next_guest_moves_up(browser, live_server):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    cache.clear()
    start = (timezone.now() + datetime.timedelta(days=20)).replace(hour=9, minute=0, second=0, microsecond=0)
    event = EventFactory(
        title=TITLE,
        kind="conference",
        is_public=True,
        start=start,
        end=start + datetime.timedelta(hours=8),
        location="Kongresszentrum Essen",
        capacity=1,
        speakers="Dr. Anna Beispiel",
    )
    event.agenda.create(starts_at=datetime.time(9, 30), title="Forschungsstand", speaker="Dr. Anna Beispiel")
    base = live_server.url
    mail.outbox = []
    foreign, violations = [], []

    def guard(route):
        if urlsplit(route.request.url).netloc != urlsplit(base).netloc:
            foreign.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    first = browser.new_context(locale="de-DE", accept_downloads=True)
    first.route("**/*", guard)
    page = first.new_page()
    _register(page, base, "Petra Gast", "petra.gast@example.org", violations)
    assert GuestRegistration.objects.get().status == "pending"
    personal = _confirm(page, base, "petra.gast@example.org", violations)
    assert page.locator("#guest-status").inner_text() == "Angemeldet"
    confirmation = [m for m in mail.outbox if "Anmeldung bestätigt" in m.subject][0]
    assert any(name.endswith(".ics") for name, *_ in confirmation.attachments)
    with page.expect_download() as download:
        page.click("main a[href$='termin.ics']")
    assert "BEGIN:VEVENT" in Path(download.value.path()).read_text(encoding="utf-8")

    second = browser.new_context(locale="de-DE")
    second.route("**/*", guard)
    other = second.new_page()
    _register(other, base, "Jonas Wartend", "jonas.wartend@example.org", violations)
    waiting_page = _confirm(other, base, "jonas.wartend@example.org", violations)
    assert other.locator("#guest-status").inner_text() == "Platz 1 auf der Warteliste"

    page.goto(personal)
    with page.expect_navigation():
        page.click("main button[name=action][value=cancel]")
    assert page.locator("#guest-status").inner_text() == "Abgesagt"
    violations += _axe_violations(page)

    other.goto(waiting_page)
    assert other.locator("#guest-status").inner_text() == "Angemeldet"
    promoted = [m for m in mail.outbox if m.to == ["jonas.wartend@example.org"] and "Platz" in m.subject]
    assert len(promoted) == 1 and any(name.endswith(".ics") for name, *_ in promoted[0].attachments)

    other.goto(f"{base}/bescheinigung/pruefen/")
    violations += _axe_violations(other)
    first.close()
    second.close()
    assert violations == []
    assert foreign == []
