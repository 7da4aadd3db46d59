"""The Lagebild pages and the annual report in a real browser: no axe-core violation, every chart beside its
table, nothing fetched from another host, valid HTML."""

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from django.core.management import call_command
from django.utils import timezone

from tests.browser.test_walkthrough import AXE, TOLERATED_HTML_MESSAGES, VNU, _axe_violations
from tests.conftest import need_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_lagebild_and_annual_report_are_accessible(signed_in, foreign_requests, live_server, tmp_path):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    call_command("seed_demo")
    base = live_server.url
    year = timezone.localdate().year
    pages = [
        "/lagebild/",
        "/lagebild/?offence=435*00&year=" + str(year - 2),
        "/lagebild/stadt-essen/",
        "/lagebild/kreis-lippe/",
        "/lagebild/stadt-leer/",
        f"/jahresbericht/?jahr={year}",
        f"/jahresbericht/?jahr={year - 1}",
    ]
    problems, charts = [], 0
    for language in ("de", "en"):
        page = signed_in("mitglied@defus.example", viewport={"width": 1280, "height": 900})
        if language == "en":
            page.click("form.language-switch button")
            page.wait_for_load_state()
        for number, url in enumerate(pages):
            response = page.goto(base + url)
            assert response.status == 200, url
            problems += [f"{language} {url}: {v}" for v in _axe_violations(page)]
            # Each chart: an image with a name, a caption, and its table on the page.
            for chart in page.eval_on_selector_all(
                "figure.chart",
                """els => els.map(e => ({table: e.dataset.table,
                    hasTable: !!document.getElementById(e.dataset.table),
                    role: e.querySelector('svg').getAttribute('role'),
                    title: e.querySelector('svg > title').textContent,
                    caption: e.querySelector('figcaption').textContent}))""",
            ):
                charts += 1
                if not (chart["hasTable"] and chart["role"] == "img" and chart["title"] and chart["caption"]):
                    problems.append(f"{url}: {chart}")
            (tmp_path / f"{language}-{number}.html").write_text(page.content(), encoding="utf-8")
        page.goto(base + "/lagebild/stadt-leer/")
        assert "100" in page.locator(".alert-info").inner_text()
        page.context.close()
    assert foreign_requests == []
    assert problems == []
    assert charts >= 10

    java = shutil.which("java")
    if java and VNU.exists():
        result = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, sorted(tmp_path.glob("*.html")))],
            capture_output=True,
            text=True,
            timeout=300,
        )
        messages = json.loads(result.stderr or '{"messages": []}')["messages"]
        errors = [
            f"{Path(m['url']).name}:{m.get('lastLine')}: {m['message']}"
            for m in messages
            if not m["message"].startswith(TOLERATED_HTML_MESSAGES)
        ]
        assert errors == []
