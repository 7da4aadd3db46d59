"""The invitees of a date poll are chosen with the keyboard alone, through an ARIA combobox that axe-core accepts."""

import datetime

import pytest
from django.utils import timezone

from tests.browser.test_keyboard import _focus_is_visible, _tab_to
from tests.browser.test_walkthrough import AXE, _axe_violations
from tests.conftest import need_service
from tests.factories import PASSWORD, MembershipFactory, OrganisationFactory, UserFactory, WorkingGroupFactory

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


def test_choose_an_invitee_with_the_keyboard(signed_in, live_server):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    from events.models import DatePoll

    city = OrganisationFactory(name="Stadt Tastenhausen", slug="stadt-tastenhausen")
    organiser = UserFactory(email="planer@example.org", first_name="Olga", last_name="Planer", organisation=city)
    invitee = UserFactory(email="beate@example.org", first_name="Beate", last_name="Tastatur", organisation=city)
    group = WorkingGroupFactory(name="Prävention im Quartier")
    MembershipFactory(group=group, person=organiser)
    MembershipFactory(group=group, person=invitee)

    page = signed_in(organiser.email, PASSWORD)
    page.goto(f"{live_server.url}/termine/neu/")
    # No search button with JavaScript: the combobox replaces it.
    assert page.locator("button[name=chooser_search]").count() == 0

    _tab_to(page, "el.name === 'title'")
    page.keyboard.type("Runde per Tastatur")
    start = timezone.localtime() + datetime.timedelta(days=20)
    for number in (1, 2):
        # The browser's date-time control is not what is tested here.
        day = start + datetime.timedelta(days=number)
        page.fill(f"input[name=date_{number}]", day.strftime("%Y-%m-%dT10:00"))

    _tab_to(page, "el.name === 'invitees_q'")
    combobox = page.locator("input[name=invitees_q]")
    assert combobox.get_attribute("role") == "combobox"
    assert combobox.get_attribute("aria-expanded") == "false"
    page.keyboard.type("tasta")
    option = page.locator("#id_invitees_listbox [role=option]")
    option.first.wait_for(state="visible")
    assert option.count() == 1 and option.first.inner_text() == "Beate Tastatur (Stadt Tastenhausen)"
    assert combobox.get_attribute("aria-expanded") == "true"
    page.wait_for_function("document.querySelector('.chooser [role=status]').textContent === '1 Treffer'")
    assert _axe_violations(page) == []

    page.keyboard.press("ArrowDown")
    assert combobox.get_attribute("aria-activedescendant") == f"id_invitees_listbox_{invitee.pk}"
    assert option.first.get_attribute("aria-selected") == "true"
    page.keyboard.press("Enter")
    assert combobox.get_attribute("aria-expanded") == "false"
    assert page.locator(f"input[type=hidden][name=invitees][value='{invitee.pk}']").count() == 1
    assert page.evaluate("document.activeElement.name") == "invitees_q"

    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.textContent") == "Entfernen: Beate Tastatur (Stadt Tastenhausen)"
    assert _focus_is_visible(page)
    assert _axe_violations(page) == []

    _tab_to(page, "el.type === 'submit' && el.textContent.trim() === 'Eingeladene fragen'")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    poll = DatePoll.objects.get(title="Runde per Tastatur")
    assert list(poll.invitees.all()) == [invitee]
    assert page.locator(".alert-success").count() == 1


def test_a_choosers_error_is_shown_under_it(signed_in, live_server):
    """The error of a chooser (a working group that is not one) is visible, as for every other field."""
    member = UserFactory(email="fehler@example.org", organisation=OrganisationFactory())
    page = signed_in(member.email, PASSWORD)
    page.goto(f"{live_server.url}/veranstaltungen/?group=abc")
    error = page.locator("#id_group_error")
    assert error.is_visible()
    assert "gültige Auswahl" in error.inner_text()
