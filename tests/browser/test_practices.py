"""The practice register in a real browser, on a phone (390 px) and at 1280 px: the public list and entry for a
visitor, the members' list, an entry with the exchange buttons, the guided steps and the review page, each without
an axe-core violation and nothing fetched from another host. Screenshots land in ``tmp_path`` (looked at by hand:
``PRACTICE_SHOTS=/some/dir`` keeps them there)."""

import os
from pathlib import Path

import pytest
from django.core.management import call_command

from practices.models import Practice
from tests.browser.test_walkthrough import AXE, _axe_violations
from tests.conftest import need_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

WIDTHS = {"phone": {"width": 390, "height": 844}, "desktop": {"width": 1280, "height": 900}}


def _pk(title: str) -> int:
    return Practice.objects.get(title=f"{title} (Demo)").pk


def _shots(tmp_path) -> Path:
    folder = Path(os.environ.get("PRACTICE_SHOTS", tmp_path))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def test_the_register_walk_is_accessible_on_a_phone_and_at_1280(
    new_page, signed_in, foreign_requests, live_server, tmp_path
):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    call_command("seed_demo")
    base, shots, problems = live_server.url, _shots(tmp_path), []
    draft = _pk("Schulwegbegleitung")
    walks = {
        None: ["/praxis/", f"/praxis/{_pk('Licht und Übersicht am Bahnhofsvorplatz')}/"],
        "mitglied@defus.example": [
            "/praxis/?sort=recent&evaluated=yes",
            f"/praxis/{_pk('Licht und Übersicht am Bahnhofsvorplatz')}/",
            f"/praxis/{_pk('Einbruchschutz im Quartier')}/",
            "/praxis/neu/",
        ],
        "delegierte@defus.example": [
            f"/praxis/{draft}/",
            *(f"/praxis/{draft}/schritt/{step}/" for step in ("ursachen", "massnahmen", "wirkung", "dokumentation")),
        ],
        "sekretariat@defus.example": [f"/praxis/{_pk('Einbruchradar online')}/bewertung/"],
    }
    for size, viewport in WIDTHS.items():
        for who, urls in walks.items():
            page = new_page(viewport=viewport) if who is None else signed_in(who, viewport=viewport)
            for number, url in enumerate(urls):
                response = page.goto(base + url)
                assert response.status == 200, (who, url)
                problems += [f"{size} {who} {url}: {v}" for v in _axe_violations(page)]
                # Nothing wider than the screen (a table scrolls inside its own box).
                overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
                if overflow > 0:
                    problems.append(f"{size} {who} {url}: {overflow} px wider than the screen")
                name = f"{size}-{(who or 'visitor').split('@')[0]}-{number}.png"
                page.screenshot(path=str(shots / name), full_page=True)
            page.context.close()
    assert foreign_requests == []
    assert problems == []


def test_a_member_says_interested_in_the_browser(signed_in, live_server):
    call_command("seed_demo")
    page = signed_in("mitglied@defus.example", viewport=WIDTHS["phone"])
    page.goto(f"{live_server.url}/praxis/{_pk('Licht und Übersicht am Bahnhofsvorplatz')}/")
    page.fill("textarea[name=note]", "Wie habt ihr die Sichtachsen geplant?")
    with page.expect_navigation():
        page.click("button[name=kind][value=interested]")
    assert "Wie habt ihr die Sichtachsen geplant?" in page.locator("#exchange-heading + ul").inner_text()
