"""The portal works with the keyboard alone: skip link, visible focus, sign-in, navigation, a reply."""

import pytest
from django.core.management import call_command

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def _tab_to(page, predicate_js: str, limit: int = 60) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"(() => {{ const el = document.activeElement; return {predicate_js}; }})()"):
            return
    raise AssertionError(f"never reached: {predicate_js}")


def _focus_is_visible(page) -> bool:
    return page.evaluate(
        "(() => { const s = getComputedStyle(document.activeElement); "
        "return s.outlineStyle !== 'none' && parseFloat(s.outlineWidth) >= 2; })()"
    )


def test_sign_in_navigate_and_reply_with_the_keyboard(browser, live_server):
    call_command("seed_demo")
    page = browser.new_context(locale="de-DE").new_page()
    page.goto(f"{live_server.url}/accounts/login/")

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.classList.contains('skip-link')")
    assert page.evaluate("document.activeElement.getBoundingClientRect().top >= 0")
    assert _focus_is_visible(page)
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"

    _tab_to(page, "el.name === 'login'")
    page.keyboard.type("mitglied@defus.example")
    _tab_to(page, "el.name === 'password'")
    page.keyboard.type("defus-demo")
    with page.expect_navigation(url="**/dashboard/"):
        page.keyboard.press("Enter")

    _tab_to(page, "el.textContent.trim() === 'Arbeitsgruppen'")
    assert _focus_is_visible(page)
    with page.expect_navigation(url="**/arbeitsgruppen/"):
        page.keyboard.press("Enter")
    _tab_to(page, "el.textContent.trim().startsWith('Straßenkriminalität')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "el.textContent.trim().startsWith('Alkoholverbote')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    _tab_to(page, "el.name === 'body'")
    page.keyboard.type("Per Tastatur geschrieben.")
    _tab_to(page, "el.type === 'submit' && el.textContent.includes('Antwort veröffentlichen')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert "Per Tastatur geschrieben." in page.locator("main").inner_text()
    # The main navigation fits one line at 1280 px, and its "Verein" menu opens and is walked with the keyboard.
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(f"{live_server.url}/dashboard/")
    assert page.evaluate("document.querySelector('nav').getBoundingClientRect().height") < 70
    _tab_to(page, "el.textContent.trim() === 'Verein'")
    page.keyboard.press("Enter")
    _tab_to(page, "el.textContent.trim() === 'Gremien'")
    with page.expect_navigation(url="**/gremien/"):
        page.keyboard.press("Enter")
