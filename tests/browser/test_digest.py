"""The digest as people meet it: the email's HTML, the unsubscribe link and the settings page, checked with axe-core."""

import datetime

import pytest
import time_machine
from django.urls import reverse

from kernel.digest_schedule import current_period
from mail.digest import compose
from mail.digest.links import unsubscribe_token
from mail.digest.sending import preview
from tests.browser.test_walkthrough import AXE, _axe_violations
from tests.conftest import need_service
from tests.factories import PASSWORD, MembershipFactory, UserFactory, WorkingGroupFactory, make_document, make_thread
from topics.models import Follow

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]


@pytest.fixture
def reader(db):
    person = UserFactory(email="leserin@example.org", first_name="Lea")
    group = WorkingGroupFactory(name="Straßenkriminalität", slug="strassenkriminalitaet")
    MembershipFactory(group=group, person=person)
    Follow.objects.create(group=group, person=person)
    with time_machine.travel(datetime.datetime.now(datetime.UTC) - datetime.timedelta(days=7), tick=False):
        make_thread(group=group, author=person, title="Kommunale Ordnungsdienste", replies=2)
        make_document(title="Lagebild Innenstadt", groups=[group])
    return person


def test_the_digest_email_is_accessible_without_images(browser, reader):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    ((person, parts),) = preview(period=current_period(), person_ids=[reader.pk])
    assert parts, "the reader should have news"
    html = compose.build_digest(person, parts, current_period()).alternatives[0].content
    context = browser.new_context(locale="de-DE")
    context.route("**/*", lambda route: route.abort())  # nothing to load: readable as it arrives
    page = context.new_page()
    page.set_content(html)
    assert page.locator("html").get_attribute("lang") == "de"
    assert page.locator("h1").count() == 1 and page.locator("h2").count() >= 1
    assert page.locator("img").count() == 0
    assert page.get_by_role("link", name="Wochenüberblick abbestellen").count() == 1
    assert _axe_violations(page, not_applicable=("landmark-one-main", "region")) == []
    context.close()


def test_unsubscribing_in_the_browser_and_changing_the_settings(browser, live_server, reader):
    need_service(AXE.exists(), "node_modules/axe-core is missing (npm ci)")
    context = browser.new_context(locale="de-DE")
    page = context.new_page()
    page.goto(live_server.url + reverse("digest_unsubscribe", args=[unsubscribe_token(reader)]))
    assert _axe_violations(page) == []
    page.get_by_role("button", name="Ja, abbestellen").click()
    page.wait_for_load_state()
    assert "keine Wochenüberblicke mehr" in page.get_by_role("status").inner_text()
    assert _axe_violations(page) == []
    reader.refresh_from_db()
    assert reader.digest == "off"

    page.get_by_role("link", name="Einstellungen zum Wochenüberblick ändern").click()
    page.fill("input[name=login]", reader.email)
    page.fill("input[name=password]", PASSWORD)
    page.click("main button[type=submit]")
    page.wait_for_load_state()
    assert page.url.endswith(reverse("digest_preferences"))
    assert _axe_violations(page) == []
    page.get_by_label("Wöchentlich").check()
    page.get_by_role("button", name="Speichern").click()
    page.wait_for_load_state()
    assert _axe_violations(page) == []
    reader.refresh_from_db()
    assert reader.digest == "weekly"
    context.close()
