import os
import shutil

import pytest

from tests.conftest import need_service

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
