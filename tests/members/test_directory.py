"""Directory, person pages and the bodies page: only what people agreed to show, constant queries."""

import datetime

import pytest
from django.core.cache import cache
from django.urls import reverse
from django.utils import timezone

from members.models import Organisation, Role
from tests.factories import MandateFactory, MembershipFactory, OrganisationFactory, UserFactory
from tests.helpers import count_queries

pytestmark = pytest.mark.django_db


def test_directory_lists_members_with_filters(client, member):
    OrganisationFactory(name="Kreis Lippe", slug="kreis-lippe", kind="district", federal_state="NW")
    OrganisationFactory(name="Stadt Heidelberg", slug="stadt-heidelberg", federal_state="BW", efus_member=True)
    OrganisationFactory(name="Stadt Bewerber", slug="stadt-bewerber", status=Organisation.Status.APPLICANT)
    client.force_login(member)
    html = client.get(reverse("organisation_list")).content.decode()
    assert "Kreis Lippe" in html and "Stadt Heidelberg" in html
    assert "Stadt Bewerber" not in html  # applicants are not in the directory
    html = client.get(reverse("organisation_list"), {"kind": "district"}).content.decode()
    assert "Kreis Lippe" in html and "Stadt Heidelberg" not in html
    html = client.get(reverse("organisation_list"), {"q": "heidel", "federal_state": "BW"}).content.decode()
    assert "Stadt Heidelberg" in html and "Kreis Lippe" not in html


def test_invalid_filter_values_are_ignored_not_errors(client, member):
    client.force_login(member)
    response = client.get(reverse("organisation_list"), {"kind": "<script>", "page": "999"})
    assert response.status_code == 200
    assert "<script>" not in response.content.decode()


def test_organisation_page_shows_delegate_and_only_consenting_contacts(client, member, organisation):
    delegate = UserFactory(organisation=organisation, first_name="Dora", last_name="Delegiert")
    MandateFactory(role=Role.DELEGATE, person=delegate, organisation=organisation)
    UserFactory(organisation=organisation, last_name="Sichtbar", phone="0201 123", show_phone=True)
    UserFactory(organisation=organisation, last_name="Verborgen", phone="0201 999")
    MembershipFactory(person=delegate, group__name="Verkehrssicherheit")
    client.force_login(member)
    html = client.get(reverse("organisation_detail", args=[organisation.slug])).content.decode()
    assert "Dora Delegiert" in html
    assert "Sichtbar" in html and "0201 123" in html
    assert "Verborgen" not in html and "0201 999" not in html
    assert "Verkehrssicherheit" in html


def test_person_page_shows_only_agreed_fields(client, member, organisation):
    person = UserFactory(
        organisation=organisation, email="zeigen@example.org", phone="0201 555", position="Leitung", show_position=True
    )
    client.force_login(member)
    html = client.get(reverse("person_detail", args=[person.pk])).content.decode()
    assert "Leitung" in html
    assert "zeigen@example.org" not in html and "0201 555" not in html


def test_bodies_page_shows_current_offices_and_history(client, member, board, secretariat, former_board, delegate):
    client.force_login(member)
    html = client.get(reverse("bodies")).content.decode()
    current, history = html.split('id="history-heading"')
    assert str(board) in current and str(secretariat) in current and str(delegate) in current
    assert str(former_board) not in current and str(former_board) in history


def test_bodies_page_paginates_the_delegates_and_keeps_the_board_in_full(client, member, board, monkeypatch):
    monkeypatch.setattr("members.views.BODIES_PER_PAGE", 2)
    for name in ("Aachen", "Bonn", "Celle"):
        organisation = OrganisationFactory(name=f"Stadt {name}")
        MandateFactory(role=Role.DELEGATE, person=UserFactory(last_name=f"Delegierte{name}"), organisation=organisation)
    client.force_login(member)
    html = client.get(reverse("bodies")).content.decode()
    assert "DelegierteAachen" in html and "DelegierteBonn" in html and "DelegierteCelle" not in html
    assert str(board) in html  # the board is never paginated
    assert 'href="?delegates_page=2#delegates-heading"' in html
    assert 'aria-current="page"' in html and '<nav aria-label="Seiten: Delegierte' in html  # named per list
    # Paging the delegates keeps another list's page in the links.
    html = client.get(reverse("bodies"), {"delegates_page": 2, "history_page": 1}).content.decode()
    assert "DelegierteCelle" in html and "DelegierteAachen" not in html
    assert 'href="?history_page=1&amp;delegates_page=1#delegates-heading"' in html


@pytest.mark.parametrize("url_name", ["organisation_list", "organisation_detail", "bodies", "dashboard"])
def test_query_count_does_not_grow_with_the_data(client, member, organisation, url_name):
    def grow(factor):
        for _ in range(factor):
            other = OrganisationFactory()
            people = [UserFactory(organisation=organisation, show_email=True) for _ in range(2)]
            UserFactory(organisation=other)
            MandateFactory(role=Role.DELEGATE, person=people[0], organisation=other)
            MandateFactory(
                role=Role.BOARD_MEMBER,
                person=people[1],
                start=timezone.localdate() - datetime.timedelta(days=900),
                end=timezone.localdate() - datetime.timedelta(days=400),
            )
            MembershipFactory(person=people[0])

    def cold_count():
        cache.clear()  # nothing kept from the first count
        return count_queries(client, url)

    client.force_login(member)
    url = reverse(url_name, args=[organisation.slug] if url_name == "organisation_detail" else [])
    grow(2)
    small = cold_count()
    grow(20)
    assert cold_count() == small


def test_people_of_applicants_have_no_person_page(client, member):
    from django.urls import reverse

    from tests.factories import OrganisationFactory, UserFactory

    applicant = OrganisationFactory(name="Stadt Bewerberin", slug="stadt-bewerberin", status="applicant")
    person = UserFactory(email="bewerber@example.org", organisation=applicant)
    client.force_login(member)
    assert client.get(reverse("person_detail", args=[person.pk])).status_code == 404
    assert client.get(reverse("person_detail", args=[member.pk])).status_code == 200
