"""Issue 20.5: Meine Daten holds every record linked to the person, from every app."""

import datetime
import json

import pytest
from django.apps import apps
from django.contrib.auth import get_user_model
from django.urls import reverse
from django.utils import timezone

from events.models import CalendarFeed, DatePoll, DatePollAnswer, DatePollOption, ExchangeOffer, ExchangeRequest
from funding.models import Call, Interest, Programme
from kernel import privacy
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _links_to_people() -> set[str]:
    user = get_user_model()
    links = set()
    for model in apps.get_models():
        for field in model._meta.get_fields():
            if field.auto_created and not field.concrete:
                continue  # the reverse side of a link declared elsewhere
            if field.is_relation and field.related_model is user:
                links.add(f"{model._meta.label}.{field.name}")
    return links


def test_every_link_to_a_person_is_exported_or_explained():
    links = _links_to_people()
    covered, explained = privacy.covered(), privacy.not_personal()
    missing = sorted(links - covered - explained.keys())
    assert not missing, f"Add these to an app's privacy.py (COVERS or NOT_PERSONAL with the reason): {missing}"
    assert not covered & explained.keys()
    assert all(reason.strip() for reason in explained.values())
    # Nothing listed that does not exist (a renamed field must be renamed here too).
    assert not (covered | explained.keys()) - links


def test_the_export_has_the_parts_of_every_app(client, member, organisation, other_organisation, make_event):
    from events.services import registration_register

    event = make_event(title="Jahrestagung", registration_opens=None)
    registration_register(event=event, person=member)
    feed = CalendarFeed.objects.create(person=member)
    poll = DatePoll.objects.create(organiser=member, title="AG-Termin")
    option = DatePollOption.objects.create(poll=poll, start=timezone.now() + datetime.timedelta(days=3))
    DatePollAnswer.objects.create(option=option, person=member, answer="yes")
    offer = ExchangeOffer.objects.create(
        host=other_organisation, theme="Videoschutz", what_to_see="x", possible_dates="Mai", place="Köln"
    )
    ExchangeRequest.objects.create(
        offer=offer, organisation=organisation, person=member, preferred_date=datetime.date.today()
    )
    programme = Programme.objects.create(code="isf", name="ISF")
    call = Call.objects.create(identifier="ISF-2026-TF1", title_en="Prevention call", programme=programme)
    Interest.objects.create(call=call, organisation=organisation, contact=member, note="Wir führen")
    client.force_login(member)
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert [r["event"] for r in data["event_registrations"]] == ["Jahrestagung"]
    assert data["calendar_feed"]["url"].endswith(f"/kalender/{feed.token}.ics")
    assert data["date_polls_organised"][0]["title"] == "AG-Termin"
    assert data["date_poll_answers"][0]["answer"] == "yes"
    assert data["study_visit_requests"][0]["offer"] == "Videoschutz"
    assert data["funding_interests"][0]["note"] == "Wir führen"


def test_votes_proxies_and_signed_declarations_are_exported(client):
    from assemblies.models import Consent, Proxy
    from tests.factories import MeetingFactory, ResolutionFactory, UserFactory

    essen = OrganisationFactory(name="Stadt Essen", slug="essen")
    koeln = OrganisationFactory(name="Stadt Köln", slug="koeln")
    delegate = UserFactory(email="d@example.org", organisation=essen)
    meeting = MeetingFactory()
    resolution = ResolutionFactory(meeting=meeting, title="Satzungsänderung")
    Proxy.objects.create(meeting=meeting, organisation=koeln, holder=delegate, recorded_by=delegate)
    Consent.objects.create(
        resolution=resolution, organisation=essen, agrees=True, declared_by=delegate, statement="Ich stimme zu."
    )
    client.force_login(delegate)
    data = json.loads(client.get(reverse("my_data_download")).content)
    assert data["proxies_held"][0]["organisation"] == "Stadt Köln"
    assert data["declarations_of_consent"][0]["statement"] == "Ich stimme zu."


def test_account_deletion_still_works_with_every_part(client, member, make_event):
    from events.services import registration_register
    from tests.factories import PASSWORD

    registration_register(event=make_event(), person=member)
    CalendarFeed.objects.create(person=member)
    client.force_login(member)
    assert client.post(reverse("my_data_erase"), {"password": PASSWORD}).status_code == 302
    member.refresh_from_db()
    assert not member.is_active
