"""Exchange: "Das interessiert uns" / "Haben wir übernommen" per member organisation with a note, an e-mail to
the authors, and one click to a study-visit request or a funding partner search with the practice attached."""

import pytest
from django.urls import reverse

from events.models import ExchangeOffer
from funding.models import Call, Programme
from practices.models import Practice, Uptake
from tests.practices.factories import make_practice

pytestmark = pytest.mark.django_db


@pytest.fixture
def published(organisation, member, delegate):
    return make_practice(
        organisations=[organisation], state=Practice.State.PUBLISHED, created_by=member, contact_person=delegate,
        title="Einbruchschutz im Quartier",
    )  # fmt: skip


def test_another_city_says_it_is_interested_and_the_authors_are_told(
    client, other_member, published, member, delegate, mailoutbox, django_capture_on_commit_callbacks
):
    client.force_login(other_member)
    page = client.get(reverse("practice_detail", args=[published.pk])).content.decode()
    assert reverse("practice_uptake", args=[published.pk]) in page
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("practice_uptake", args=[published.pk]), {"kind": "interested", "note": "Wie teuer war es?"}
        )
    assert response.status_code == 302
    uptake = Uptake.objects.get()
    assert (uptake.organisation, uptake.kind, uptake.note) == (
        other_member.organisation,
        "interested",
        "Wie teuer war es?",
    )
    assert sorted(message.to[0] for message in mailoutbox) == sorted([member.email, delegate.email])
    assert other_member.organisation.name in mailoutbox[0].subject and "Wie teuer war es?" in mailoutbox[0].body
    # Both kinds per organisation; saying it again changes the note and writes no second e-mail.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("practice_uptake", args=[published.pk]), {"kind": "adopted", "note": "Seit März."})
        client.post(reverse("practice_uptake", args=[published.pk]), {"kind": "adopted", "note": "Seit April."})
    assert Uptake.objects.count() == 2 and Uptake.objects.get(kind="adopted").note == "Seit April."
    assert len(mailoutbox) == 4
    page = client.get(reverse("practice_detail", args=[published.pk])).content.decode()
    assert other_member.organisation.name in page and "Seit April." in page


def test_the_own_city_and_unpublished_entries_take_no_uptake(client, member, other_member, organisation):
    own = make_practice(organisations=[organisation], state=Practice.State.PUBLISHED)
    client.force_login(member)
    assert client.post(reverse("practice_uptake", args=[own.pk]), {"kind": "interested"}).status_code == 403
    draft = make_practice(organisations=[other_member.organisation], title="Entwurf")
    assert client.post(reverse("practice_uptake", args=[draft.pk]), {"kind": "interested"}).status_code == 404
    assert not Uptake.objects.exists()


def test_a_wrong_kind_is_refused_with_a_message(client, other_member, published):
    client.force_login(other_member)
    response = client.post(reverse("practice_uptake", args=[published.pk]), {"kind": "stolen"}, follow=True)
    assert not Uptake.objects.exists() and list(response.context["messages"])


def test_one_click_to_a_study_visit_request_with_the_practice_attached(client, other_member, published, organisation):
    offer = ExchangeOffer.objects.create(host=organisation, theme="Einbruchschutz", what_to_see="W", possible_dates="D",
                                         place="Essen")  # fmt: skip
    client.force_login(other_member)
    page = client.get(reverse("practice_detail", args=[published.pk]))
    (link,) = [url for listed, url in page.context["visit_offers"] if listed == offer]
    form = client.get(link).context["form"]
    assert "Einbruchschutz im Quartier" in form.initial["message"]
    assert reverse("practice_detail", args=[published.pk]) in form.initial["message"]


def test_one_click_to_a_partner_search_with_the_practice_attached(client, other_member, published):
    call = Call.objects.create(identifier="ISF-P", title_en="Call", programme=Programme.objects.create(code="isf"))
    client.force_login(other_member)
    url = client.get(reverse("practice_detail", args=[published.pk])).context["partner_search_url"]
    listing = client.get(url).content.decode()
    assert "Einbruchschutz im Quartier" in listing
    detail = reverse("call_detail", args=[call.pk])
    assert f'href="{detail}?anhang=' in listing
    attached = client.get(url).context["attached"]
    form = client.get(detail, {"anhang": attached}).context["form"]
    assert form.initial["looking_for_partners"] is True and "Einbruchschutz im Quartier" in form.initial["offers"]
