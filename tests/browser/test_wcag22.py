"""WCAG 2.2 criteria that axe-core cannot judge alone, in Chromium: focus not hidden (2.4.11) and signing in
without a cognitive test (3.3.8). Target size (2.5.8), dragging (2.5.7) and consistent help (3.2.6) are checked
on every page of the walk (test_walkthrough.py); redundant entry (3.3.7) in tests/test_redundant_entry.py."""

import time

import pytest
from allauth.mfa.totp.internal.auth import TOTP, format_hotp_value, generate_totp_secret, hotp_value
from django.core.management import call_command

from members.models import User
from tests.browser import checks
from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_walkthrough import _axe_violations

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

# A paste the page's scripts could cancel (they must not: people paste passwords and codes from a manager).
PASTE = """(selector) => {
    const field = document.querySelector(selector);
    const data = new DataTransfer();
    data.setData('text/plain', 'pasted');
    return field.dispatchEvent(new ClipboardEvent('paste', {clipboardData: data, bubbles: true, cancelable: true}));
}"""


def _no_cognitive_test(page) -> None:
    html = page.content().lower()
    assert "captcha" not in html and "recaptcha" not in html
    assert page.locator("main img, main canvas, main iframe").count() == 0  # no puzzle to solve or transcribe
    assert page.locator("[onpaste], [oncopy], [ondrop]").count() == 0


@pytest.mark.parametrize("size", [checks.PHONE, checks.DESKTOP], ids=["390px", "1280px"])
def test_tabbing_through_a_long_page_never_hides_the_focus(new_page, signed_in, live_server, size):
    """Every element reached with Tab is at least partly visible, not under a pinned header or bar."""
    call_command("seed_demo")
    page = new_page(viewport=size)
    page.goto(f"{live_server.url}/datenschutz/")
    assert page.evaluate("document.documentElement.scrollHeight") > 2 * size["height"]  # a long page
    focused, hidden = checks.focus_hidden_while_tabbing(page)
    assert focused > 5 and hidden == []

    page = signed_in("sekretariat@defus.example", viewport=size)
    page.goto(f"{live_server.url}/veranstaltungen/")
    focused, hidden = checks.focus_hidden_while_tabbing(page)
    assert focused > 10 and hidden == []

    # The check sees a pinned header cover the focus, and scroll-padding-top as the cure.
    page.evaluate("Object.assign(document.querySelector('header').style, {position: 'sticky', top: 0, zIndex: 1030})")
    assert checks.focus_hidden_while_tabbing(page)[1] != []
    header_height = page.evaluate("document.querySelector('header').offsetHeight")
    page.evaluate(f"document.documentElement.style.scrollPaddingTop = '{header_height}px'")
    assert checks.focus_hidden_while_tabbing(page)[1] == []


def test_signing_in_with_a_second_factor_needs_no_cognitive_test(new_page, live_server):
    """WCAG 3.3.8: no captcha, fields a password manager fills (autocomplete), pasting allowed, in both steps."""
    call_command("seed_demo")
    person = User.objects.get(email="mitglied@defus.example")
    secret = generate_totp_secret()
    TOTP.activate(person, secret)
    page = new_page(viewport=checks.PHONE)
    page.goto(f"{live_server.url}/accounts/login/")
    _no_cognitive_test(page)
    assert page.get_attribute("input[name=login]", "autocomplete") == "username"
    assert page.get_attribute("input[name=password]", "autocomplete") == "current-password"
    assert page.evaluate(PASTE, "input[name=password]") is True
    assert _axe_violations(page) == []
    page.fill("input[name=login]", person.email)
    page.fill("input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation():
        page.click("main button[type=submit]")

    code = page.locator("input[name=code]")
    assert code.get_attribute("autocomplete") == "one-time-code"
    _no_cognitive_test(page)
    assert page.evaluate(PASTE, "input[name=code]") is True
    assert _axe_violations(page) == []
    assert checks.horizontal_overflow(page) == [] and checks.small_targets(page) == []
    code.fill(format_hotp_value(hotp_value(secret, int(time.time()) // 30)))
    with page.expect_navigation(url="**/dashboard/"):
        page.click("main button[type=submit]")
