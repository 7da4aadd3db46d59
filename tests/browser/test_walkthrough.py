"""Each demo persona signs in through the real form and visits every page reachable from the dashboard.

Every page is looked at 1280 px and 390 px wide (a phone). Fails on a server error, any axe-core violation of
WCAG 2.2 AA (and axe's best practices), sideways scrolling, a pointer target under 24 px that is not spaced
(WCAG 2.5.8), a drag-only control (2.5.7), help links that change place between pages (3.2.6), a request to any
host other than the portal, or invalid HTML (Nu HTML Checker).
"""

import json
import shutil
import subprocess
from pathlib import Path
from urllib.parse import urldefrag, urlsplit

import pytest
from django.core.management import call_command

from tests.browser import checks

ROOT = Path(__file__).resolve().parents[2]
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
PERSONAS = [
    "sekretariat@defus.example",
    "vorsitz@defus.example",
    "delegierte@defus.example",
    "mitglied@defus.example",
    "ehemalig@defus.example",
]
# Not followed: signing out ends the walk; downloads are not pages.
SKIP_PREFIXES = ("/accounts/logout/", "/accounts/2fa/recovery-codes/download/", "/meine-daten/export.json")
MAX_PAGES = 90
# axe-core takes most of the walk's time. Pages of one view share their template, so each persona runs it on
# the first two pages of every view (by URL name); every page is still loaded, checked for server errors,
# dialogs, console errors, foreign requests and its description, and validated as HTML.
AXE_PER_VIEW = 2
# At 390 px (a phone) axe runs on the first page of every view; overflow and target sizes on every page.
AXE_PER_VIEW_PHONE = 1
# Django's own formset management form marks its hidden inputs autocomplete="off" (to stop
# browsers restoring counts on back navigation); the HTML spec disallows that on hidden inputs.
# It is harmless and outside the portal's templates, so it is the one message tolerated.
TOLERATED_HTML_MESSAGES = (
    "An “input” element with a “type” attribute whose value is “hidden” must not have an “autocomplete” attribute",
)

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _is_download(href: str) -> bool:
    """Files (calendar, CSV, JSON, feeds, documents) are fetched elsewhere in the tests, not walked as pages."""
    path = urlsplit(href).path
    return path.endswith((".ics", ".csv", ".json", ".atom")) or "/download/" in path or "export=" in href


def _view_name(url: str) -> str:
    """The view a path resolves to (its namespaced URL name), or the path itself where none resolves."""
    from django.urls import Resolver404, resolve

    try:
        match = resolve(urlsplit(url).path)
    except Resolver404:
        return url
    return match.view_name or url


def _axe_violations(page, *, not_applicable: tuple[str, ...] = ()) -> list[str]:
    """axe-core's WCAG 2.2 AA rules and best practices; ``not_applicable`` names rules that do not apply to what is
    checked (an e-mail's body has no page landmarks: the mail client frames it)."""
    # Evaluated through the DevTools protocol, so the page's CSP stays in force for the portal's own code.
    page.evaluate(AXE.read_text(encoding="utf-8"))
    result = page.evaluate(
        """async (off) => {
            const rules = Object.fromEntries(off.map(id => [id, {enabled: false}]));
            const r = await axe.run(document, {runOnly: {type: 'tag',
                values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']}, rules});
            return r.violations.map(v => v.id + ': ' + v.nodes.map(n => n.target.join(' ')).join(', '));
        }""",
        list(not_applicable),
    )
    return result


def _look_at_width(page, url: str, size: dict, *, run_axe: bool, report: dict) -> None:
    """The layout checks at one width (resized in place: media queries apply without reloading)."""
    page.set_viewport_size(size)
    width = size["width"]
    findings = checks.horizontal_overflow(page) + checks.small_targets(page) + checks.draggable_only(page)
    report["errors"] += [f"{url} at {width} px: {finding}" for finding in findings]
    if run_axe:
        report["violations"] += [f"{url} at {width} px: {violation}" for violation in _axe_violations(page)]


def _walk(context, base: str, start: str, html_dir: Path, label: str) -> dict:
    page = context.new_page()
    report = {"pages": [], "errors": [], "violations": [], "help": {}}
    # User text with script in it must never run: any dialog is a failure.
    page.on(
        "dialog", lambda dialog: (report["errors"].append(f"{page.url}: dialog {dialog.message}"), dialog.dismiss())
    )
    # A blocked inline script or style would show up here (the CSP forbids them).
    page.on(
        "console",
        lambda message: (
            report["errors"].append(f"{page.url}: console {message.text}") if message.type == "error" else None
        ),
    )
    queue, seen = [start], {start}
    axe_runs: dict[str, int] = {}
    while queue and len(report["pages"]) < MAX_PAGES:
        url = queue.pop(0)
        try:
            response = page.goto(base + url)
        except Exception as error:  # a link that turns out to be a file download is not a page
            if "Download is starting" in str(error):
                continue
            raise
        status = response.status if response else 0
        report["pages"].append(url)
        if status >= 500 or status == 0:
            report["errors"].append(f"{url}: HTTP {status}")
            continue
        view = _view_name(url)
        axe_runs[view] = axe_runs.get(view, 0) + 1
        for size, axe_pages in ((checks.PHONE, AXE_PER_VIEW_PHONE), (checks.DESKTOP, AXE_PER_VIEW)):
            _look_at_width(page, url, size, run_axe=axe_runs[view] <= axe_pages, report=report)
        report["help"].setdefault(tuple(checks.help_links(page)), url)
        description = page.eval_on_selector_all("meta[name=description]", "els => els.map(e => e.content.trim())")
        if len(description) != 1 or not description[0]:
            report["errors"].append(f"{url}: no single non-empty <meta name=description>")
        html_dir.joinpath(f"{label}-{len(report['pages']):03d}.html").write_text(page.content(), encoding="utf-8")
        for href in page.eval_on_selector_all("a[href]", "els => els.map(e => e.getAttribute('href'))"):
            path = urldefrag(href)[0]
            parts = urlsplit(path)
            if parts.scheme or parts.netloc or not path.startswith("/") or path.startswith(SKIP_PREFIXES):
                continue
            if path.startswith("/static/") or path in seen or _is_download(href):
                continue
            seen.add(path)
            queue.append(path)
    page.close()
    return report


XSS_PAYLOADS = [
    "<script>alert('title')</script>",
    '<img src=x onerror="alert(1)">',
    "[klick](javascript:alert(2))",
    "<svg/onload=alert(3)>",
    '"><iframe src="javascript:alert(4)"></iframe>',
]


def _plant_hostile_text():
    """Hostile text in every place a member can write, so the walk renders it everywhere it appears."""
    from members.models import User
    from tests.factories import make_document
    from topics.inquiries import inquiry_answer, inquiry_create
    from topics.models import WorkingGroup
    from topics.services import post_create, thread_create

    author = User.objects.get(email="mitglied@defus.example")
    group = WorkingGroup.objects.filter(membership__person=author).first()
    payload = " ".join(XSS_PAYLOADS)
    thread = thread_create(group=group, author=author, title=f"XSS {XSS_PAYLOADS[0]}", body=payload)
    post_create(thread=thread, author=author, body=payload)
    make_document(label="members", groups=[group], title=f"Dokument {XSS_PAYLOADS[1]}", description=payload)
    from django.utils import timezone

    inquiry = inquiry_create(
        author=author,
        title=f"Umfrage {XSS_PAYLOADS[3]}",
        question=payload,
        deadline=timezone.now() + timezone.timedelta(days=3),
    )
    inquiry_answer(inquiry=inquiry, person=author, text=payload)


@pytest.mark.parametrize("email", [None, *PERSONAS], ids=["anonymous", *[p.split("@")[0] for p in PERSONAS]])
def test_every_persona_walks_the_portal_cleanly(new_page, signed_in, foreign_requests, live_server, tmp_path, email):
    """One test per persona (anonymous visitors: the public pages), so parallel test workers share the walk."""
    from tests.conftest import need_service

    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    call_command("seed_demo")
    _plant_hostile_text()
    base = live_server.url
    html_dir = tmp_path / "html"
    html_dir.mkdir()
    label = email.split("@")[0] if email else "anonymous"
    page = signed_in(email, viewport=checks.DESKTOP) if email else new_page(viewport=checks.DESKTOP)
    if email:
        assert page.locator("h1").first.inner_text().startswith("Willkommen")
    report = _walk(page.context, base, "/dashboard/" if email else "/", html_dir, label)

    assert foreign_requests == []
    problems = report["errors"] + report["violations"]
    assert problems == [], "\n".join(problems)
    # The footer's contact and help links are the same, in the same order, on every page of the portal
    # (the Django admin has its own layout and no footer).
    footers = {links: url for links, url in report["help"].items() if not url.startswith("/admin/")}
    assert len(footers) == 1 and () not in footers, footers
    assert len(report["pages"]) > (5 if email is None else 20)

    java = shutil.which("java")
    if java and VNU.exists():
        result = subprocess.run(
            [java, "-jar", str(VNU), "--errors-only", "--format", "json", *map(str, sorted(html_dir.iterdir()))],
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
    else:
        from tests.conftest import need_service

        need_service(False, "java and node_modules/vnu-jar are needed for the HTML check")
