"""The guided entry: seven steps saved as drafts, written by the city's own people, submitted only with the
EUCPN minimum."""

import pytest
from django.urls import reverse
from django.utils.html import escape
from django.utils.translation import gettext as _

from practices import services
from practices.models import Practice
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


def test_it_creates_a_draft_from_the_first_step(client, member, organisation, burglary):
    client.force_login(member)
    response = client.post(
        reverse("practice_create"),
        {
            "title": "Sicheres Wohnen",
            "organisations": [organisation.pk],
            "status": "running",
            "offences": [burglary.pk],
            "problem": "Einbrüche",
            "language": "de",
            "next": "1",
        },
    )
    practice = Practice.objects.get()
    assert response.status_code == 302
    assert response["Location"] == reverse("practice_edit", args=[practice.pk, "ursachen"])
    assert practice.state == Practice.State.DRAFT and practice.created_by == member
    assert list(practice.offences.all()) == [burglary]


def test_a_member_cannot_write_for_another_city(client, member, other_organisation):
    client.force_login(member)
    response = client.post(
        reverse("practice_create"),
        {"title": "X", "organisations": [other_organisation.pk], "status": "running", "language": "de"},
    )
    assert response.status_code == 200
    assert not Practice.objects.exists()


def test_each_step_saves_the_draft(client, member, draft):
    client.force_login(member)
    url = reverse("practice_edit", args=[draft.pk, "massnahmen"])
    assert client.get(url).status_code == 200
    response = client.post(url, {"measures": "Beratung", "mechanism": "Weil es wirkt", "save": "1"})
    assert response["Location"] == url
    draft.refresh_from_db()
    assert draft.mechanism == "Weil es wirkt"
    response = client.post(url, {"measures": "Beratung", "mechanism": "x", "next": "1"})
    assert response["Location"] == reverse("practice_edit", args=[draft.pk, "umsetzung"])


def test_only_the_citys_people_and_the_secretariat_edit(client, draft, other_member, secretariat, board):
    url = reverse("practice_edit", args=[draft.pk, "ziele"])
    client.force_login(other_member)
    assert client.get(url).status_code == 404
    client.force_login(board)
    assert client.get(url).status_code == 404
    client.force_login(secretariat)
    assert client.post(url, {"goals": "Weniger Einbrüche"}).status_code == 302
    draft.refresh_from_db()
    assert draft.goals == "Weniger Einbrüche"


def test_a_submitted_entry_is_no_longer_edited(client, member, organisation):
    practice = make_practice(organisations=[organisation], state=Practice.State.SUBMITTED)
    client.force_login(member)
    assert client.get(reverse("practice_edit", args=[practice.pk, "ziele"])).status_code == 403


def test_submission_is_refused_without_the_eucpn_minimum(client, member, organisation):
    practice = make_practice(organisations=[organisation], complete=False, problem="Einbrüche")
    client.force_login(member)
    response = client.post(reverse("practice_submit", args=[practice.pk]), follow=True)
    text = response.content.decode()
    practice.refresh_from_db()
    assert practice.state == Practice.State.DRAFT
    assert _("The practice cannot be submitted for review yet.") in text
    missing = services.eucpn_missing(practice)
    assert [error.code for error in missing] == ["mechanism", "evidence", "context", "implementation"]
    for error in missing:
        assert escape(error.message) in text
    assert escape(_("The problem is missing (step “Problem”).")) not in text


def test_outcome_evidence_replaces_the_plausibility_argument(client, member, organisation):
    practice = make_practice(organisations=[organisation], plausibility="", evaluation="before_after", results="-20 %")
    client.force_login(member)
    client.post(reverse("practice_submit", args=[practice.pk]))
    practice.refresh_from_db()
    assert practice.state == Practice.State.SUBMITTED and practice.submitted_at


def test_an_evaluation_without_results_is_no_evidence(member, organisation):
    practice = make_practice(organisations=[organisation], plausibility="", evaluation="process", results="")
    assert [error.code for error in services.eucpn_missing(practice)] == ["evidence"]
