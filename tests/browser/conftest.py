import os

import pytest

# Playwright's sync API runs an event loop in this thread; the test only
# prepares data through the ORM, the portal itself runs in the live server thread.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]


@pytest.fixture(scope="session")
def browser(chromium_path_session):
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium_path_session, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def chromium_path_session():
    import shutil

    from tests.conftest import need_service

    path = os.environ.get("CHROMIUM", shutil.which("chromium") or "")
    need_service(bool(path) and os.path.exists(path), "Debian's chromium is not installed")
    return path
