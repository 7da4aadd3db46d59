"""The published entries as JSON, linked from the list; drafts and entries under review are never in it."""

import pytest
from django.urls import reverse

from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_the_export_holds_the_published_entries_with_their_evidence(client, member, organisation, draft, burglary):
    published = make_practice(
        organisations=[organisation], state=Practice.State.PUBLISHED, title="Sicheres Wohnen", offences=[burglary]
    )
    make_practice(organisations=[organisation], state=Practice.State.SUBMITTED, title="Eingereicht")
    client.force_login(member)
    listing = client.get(reverse("practice_list")).content.decode()
    assert reverse("practice_export") in listing
    data = client.get(reverse("practice_export")).json()["practices"]
    assert [entry["title"] for entry in data] == ["Sicheres Wohnen"]
    (entry,) = data
    assert entry["offences"] == ["435*00"] and entry["organisations"] == [organisation.name]
    assert entry["evidence_reason"] and entry["url"].endswith(reverse("practice_detail", args=[published.pk]))
    # The list's filters apply.
    assert client.get(reverse("practice_export"), {"status": "stopped"}).json()["practices"] == []


def test_the_export_is_for_members_only(client, left_member):
    assert client.get(reverse("practice_export")).status_code == 302
    client.force_login(left_member)
    assert client.get(reverse("practice_export")).status_code == 403
