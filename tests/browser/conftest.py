import os
import shutil
from urllib.parse import urlsplit

import pytest

from tests.conftest import need_service

# The password of every demo account (members.demo).
DEMO_PASSWORD = "defus-demo"

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="module")
def _allow_orm_beside_playwright():
    # Playwright's sync API keeps an event loop in the test thread; the tests only prepare
    # data through the ORM, the portal itself runs in the live server's thread.
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        yield


@pytest.fixture(scope="module")
def browser(_allow_orm_beside_playwright):
    """Debian's chromium, driven by Playwright; never a downloaded browser."""
    path = os.environ.get("CHROMIUM", shutil.which("chromium") or "")
    need_service(bool(path) and os.path.exists(path), "Debian's chromium is not installed")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=path, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture
def foreign_requests():
    """Every request a page of ``new_page`` tried to make to another host (aborted): should stay empty."""
    return []


@pytest.fixture
def new_page(browser, live_server, foreign_requests):
    """A page in a fresh German browser context that loads nothing from another host.

    Options go to ``browser.new_context`` (viewport, accept_downloads, locale); the page's ``context`` is
    closed after the test."""
    portal = urlsplit(live_server.url).netloc
    contexts = []

    def guard(route):
        if urlsplit(route.request.url).netloc != portal:
            foreign_requests.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    def make(**options):
        context = browser.new_context(**{"locale": "de-DE", **options})
        contexts.append(context)
        context.route("**/*", guard)
        return context.new_page()

    yield make
    for context in contexts:
        context.close()


@pytest.fixture
def signed_in(new_page, live_server):
    """``signed_in(email)``: a ``new_page`` signed in through the sign-in form, on the dashboard."""

    def sign_in(email: str, password: str = DEMO_PASSWORD, **options):
        page = new_page(**options)
        page.goto(f"{live_server.url}/accounts/login/")
        page.fill("input[name=login]", email)
        page.fill("input[name=password]", password)
        with page.expect_navigation(url="**/dashboard/"):
            page.click("main button[type=submit]")
        return page

    return sign_in
