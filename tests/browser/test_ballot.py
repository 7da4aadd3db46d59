"""The demo delegate of Stadt Augsburg votes in an open online ballot: for her city and, by proxy, for Stadt Leer.

Her first vote in the ballot asks for her password again; the second one does not. Every page on the way has
zero axe-core WCAG 2.1 AA violations and no request leaves the portal.
"""

import pytest
from django.core.management import call_command

from tests.browser.conftest import DEMO_PASSWORD
from tests.browser.test_walkthrough import AXE, _axe_violations
from tests.conftest import need_service

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

BALLOT = "Haushaltsplan und Mitgliedsbeiträge"


def _vote(page, organisation_pk: int, choice: str) -> None:
    """Choose, read the vote once more ("Stadt Augsburg stimmt mit Ja."), then cast it."""
    form = page.locator(f"form:has(input[name=voter][value='o{organisation_pk}'])")
    form.locator(f"input[name=choice][value={choice}]").check()
    with page.expect_navigation():
        form.locator("button[type=submit]").click()
    assert "kann nicht geändert werden" in page.locator("main").inner_text()
    with page.expect_navigation():
        page.locator("main form button[type=submit]").click()


def _confirm_password(page) -> None:
    """allauth's reauthentication: the password again, then the vote waiting for it is cast."""
    page.fill("main input[name=password]", DEMO_PASSWORD)
    with page.expect_navigation(url="**/beschluesse/*/"):
        page.click("main button[type=submit]")


def test_a_delegate_votes_online_for_her_city_and_by_proxy(signed_in, foreign_requests):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    call_command("seed_demo")
    from assemblies.models import Resolution, Vote
    from members.models import Organisation, User

    augsburg = Organisation.objects.get(slug="stadt-augsburg")
    leer = Organisation.objects.get(slug="stadt-leer")
    ballot = Resolution.objects.get(title=BALLOT)
    page = signed_in("delegierte@defus.example")
    violations = []

    with page.expect_navigation(url="**/versammlungen/"):
        page.click("nav a[href='/versammlungen/']")
    violations += _axe_violations(page)
    with page.expect_navigation():
        page.click(f"main a[href='/beschluesse/{ballot.pk}/']")
    violations += _axe_violations(page)
    assert page.locator("fieldset legend").count() >= 2  # her city, and Stadt Leer by proxy

    assert page.locator("#vote-confirmation").count() == 1  # told before the click that the password is asked
    _vote(page, augsburg.pk, "yes")
    assert "/accounts/reauthenticate/" in page.url
    assert not Vote.objects.filter(resolution=ballot, organisation=augsburg).exists()
    violations += _axe_violations(page)
    _confirm_password(page)
    assert page.locator(".alert-success").count() == 1
    assert page.locator(f"input[name=voter][value='o{augsburg.pk}']").count() == 0
    violations += _axe_violations(page)

    _vote(page, leer.pk, "abstain")  # the same ballot: no second question
    assert "/accounts/reauthenticate/" not in page.url
    assert page.locator("input[name=choice]").count() == 0  # no vote left to cast
    violations += _axe_violations(page)

    votes = {vote.organisation: vote for vote in Vote.objects.filter(resolution=ballot)}
    delegate = User.objects.get(email="delegierte@defus.example")
    assert votes[augsburg].choice == "yes" and votes[augsburg].cast_by == delegate and votes[augsburg].proxy is None
    assert votes[leer].choice == "abstain" and votes[leer].proxy.holder == delegate
    # The ballot is no longer listed among her open ballots.
    with page.expect_navigation(url="**/versammlungen/"):
        page.click("nav a[href='/versammlungen/']")
    assert page.locator(f"main a[href='/beschluesse/{ballot.pk}/']").count() == 0
    assert violations == []
    assert foreign_requests == []
