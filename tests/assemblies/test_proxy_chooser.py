"""The written proxy form at Efus size: organisation and holder are chosen by typing, never from a list of all."""

import re

import pytest
from django.urls import reverse

from assemblies.models import Proxy
from members.models import Mandate, Organisation, Role, User
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db

MANY = 110


@pytest.fixture
def many_delegates(delegates):
    organisations = Organisation.objects.bulk_create(
        [OrganisationFactory.build(name=f"Kreis Viel {n:03d}", slug=f"kreis-viel-{n}") for n in range(MANY)]
    )
    people = User.objects.bulk_create(
        [
            User(email=f"d{n}@example.org", first_name="Dora", last_name=f"Delegat{n:03d}", organisation=o)
            for n, o in enumerate(organisations)
        ]
    )
    start = Mandate.objects.filter(role=Role.DELEGATE).first().start
    Mandate.objects.bulk_create(
        [Mandate(role=Role.DELEGATE, person=p, organisation=p.organisation, start=start) for p in people]
    )
    return people


def test_the_meeting_page_lists_no_organisation_or_delegate_in_full(client, meeting, many_delegates, secretariat):
    client.force_login(secretariat)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert 'name="holder_q"' in page and 'name="organisation_q"' in page
    # The proxy form (the attendance list below it is a roll call of every organisation, not a chooser).
    proxy_form = page[page.index('aria-labelledby="proxy-heading"') :].split("</section>")[0]
    assert len(re.findall(r'<option\b|type="checkbox"|type="radio"', proxy_form)) <= 20
    holders = client.get(reverse("chooser_search", args=["delegierte"]), {"q": "delegat"}).json()["results"]
    assert len(holders) == 20 and holders[0]["label"] == "Dora Delegat000 (Kreis Viel 000)"


def test_a_delegate_finds_their_own_organisation_chosen(client, meeting, delegates, many_delegates):
    delegate = delegates[0]
    client.force_login(delegate)
    page = client.get(reverse("meeting_detail", args=[meeting.pk])).content.decode()
    assert re.search(rf'name="organisation" value="{delegate.organisation_id}"[^>]* checked', page)
    found = client.get(reverse("chooser_search", args=["vollmacht-organisationen"]), {"q": "Viel"}).json()
    assert found["results"] == []  # only the organisations they may give a proxy for
    holder = many_delegates[5]
    # Without JavaScript: a search shows the matches and records nothing.
    url = reverse("meeting_proxy", args=[meeting.pk])
    data = {"organisation": delegate.organisation_id, "holder_q": "Delegat005", "chooser_search": "holder"}
    response = client.post(url, data)
    assert response.status_code == 200 and not Proxy.objects.exists()
    assert f'name="holder" value="{holder.pk}"' in response.content.decode()
    response = client.post(url, {"organisation": delegate.organisation_id, "holder": holder.pk, "confirmed": "yes"})
    assert response.status_code == 302
    assert Proxy.objects.get().holder == holder
