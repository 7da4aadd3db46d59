"""Circulars: written and sent in the admin, once per recipient, in their language, with the documents
each may read; the archive shows each circular to its audience only; the digest mentions the week's."""

import datetime

import pytest
from django.core import mail
from django.urls import reverse
from django.utils import timezone

from circulars import selectors
from circulars.models import Circular, CircularDelivery
from members.models import Role
from tests.conftest import PERSONAS
from tests.factories import (
    CircularFactory,
    MandateFactory,
    OrganisationFactory,
    UserFactory,
    WorkingGroupFactory,
    make_sent_circular,
)

pytestmark = pytest.mark.django_db


def _group_circular(world):
    circular = CircularFactory(
        title="Neue Checkliste",
        title_en="New checklist",
        body_en="Dear members, see the *checklist*.",
        audience="groups",
    )
    circular.groups.set([world["group"]])
    circular.documents.set([world["group_doc"], world["board_doc"]])
    return circular


def test_sending_in_the_admin_reaches_the_group_once_in_each_language(
    client, secretariat, group_world, django_capture_on_commit_callbacks
):
    circular = _group_circular(group_world)
    client.force_login(secretariat)
    url = reverse("admin:circulars_circular_send", args=[circular.pk])
    confirm = client.get(url)
    assert confirm.status_code == 200
    assert "4 Personen im Empfängerkreis" in confirm.content.decode()
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url)
    assert response.status_code == 302
    sent = {message.to[0]: message for message in mail.outbox}
    # Official post: the digest setting does not matter; only official post in the portal only stops the email.
    # Nobody outside the group gets one.
    assert set(sent) == {"member@example.org", "reader.en@example.org", "quiet@example.org"}
    german, english = sent["member@example.org"], sent["reader.en@example.org"]
    assert german.subject == "Rundschreiben: Neue Checkliste"
    assert english.subject == "Circular: New checklist"
    assert "<strong>bitte beachten</strong>" in german.alternatives[0].content
    assert "<em>checklist</em>" in english.alternatives[0].content
    # The group's document goes with it; the board paper does not reach members.
    for message in (german, english):
        assert "Checkliste der AG" in message.body and "Vorstandsvorlage" not in message.body
        assert "Vorstandsvorlage" not in message.alternatives[0].content
    circular.refresh_from_db()
    assert circular.is_sent and circular.sent_by == secretariat
    assert CircularDelivery.objects.filter(circular=circular, status="sent").count() == 3
    # Sending again is refused: nobody gets a second copy.
    with django_capture_on_commit_callbacks(execute=True):
        client.post(url)
    assert len(mail.outbox) == 3


def test_a_board_member_gets_the_board_paper(group_world, board, django_capture_on_commit_callbacks):
    from circulars.services import circular_send

    circular = CircularFactory(audience="board")
    circular.documents.set([group_world["board_doc"]])
    with django_capture_on_commit_callbacks(execute=True):
        assert circular_send(circular=circular, actor=board) == 1
    (message,) = mail.outbox
    assert message.to == ["board@example.org"] and "Vorstandsvorlage Haushalt" in message.body


def test_a_circular_needs_its_groups_or_organisations(client, secretariat):
    circular = CircularFactory(audience="groups")
    client.force_login(secretariat)
    url = reverse("admin:circulars_circular_send", args=[circular.pk])
    assert "mindestens eine Arbeitsgruppe" in client.get(url).content.decode()
    client.post(url)
    circular.refresh_from_db()
    assert not circular.is_sent and mail.outbox == []


def test_preview_as_a_recipient_and_test_copy_to_oneself(client, secretariat, group_world):
    circular = _group_circular(group_world)
    client.force_login(secretariat)
    url = reverse("admin:circulars_circular_preview", args=[circular.pk])
    page = client.get(url, {"email": "reader.en@example.org"}).content.decode()
    assert "Circular: New checklist" in page and "Checkliste der AG" in page and "Vorstandsvorlage" not in page
    response = client.post(url, {"email": "reader.en@example.org"})
    assert response.status_code == 200
    (message,) = mail.outbox
    assert message.to == ["secretariat@example.org"]
    assert message.subject == "[Test] Circular: New checklist"
    assert not CircularDelivery.objects.exists()
    circular.refresh_from_db()
    assert not circular.is_sent


def test_a_circular_is_signed_by_its_author_only(client, secretariat, group_world):
    """The circular's text carries its author's sign-off; the portal adds no second signature."""
    circular = _group_circular(group_world)
    client.force_login(secretariat)
    client.post(reverse("admin:circulars_circular_preview", args=[circular.pk]), {"email": "reader.en@example.org"})
    (message,) = mail.outbox
    html = message.alternatives[0][0]
    assert "DEFUS Geschäftsstelle" not in message.body and "DEFUS Geschäftsstelle" not in html
    assert 'lang="en"' in html and "font-family" in html  # the one layout's look


def test_the_board_writes_circulars_and_a_plain_member_may_not(client, board, member):
    client.force_login(board)
    response = client.post(
        reverse("admin:circulars_circular_add"), {"title": "Vom Vorstand", "body": "Text", "audience": "all"}
    )
    assert response.status_code == 302
    circular = Circular.objects.get(title="Vom Vorstand")
    assert circular.created_by == board
    client.force_login(member)
    for url in (
        reverse("admin:circulars_circular_changelist"),
        reverse("admin:circulars_circular_send", args=[circular.pk]),
        reverse("admin:circulars_circular_preview", args=[circular.pk]),
    ):
        assert client.get(url, follow=True).status_code == 403
    assert client.post(reverse("admin:circulars_circular_send", args=[circular.pk]), follow=True).status_code == 403
    circular.refresh_from_db()
    assert not circular.is_sent


def test_a_sent_circular_cannot_be_changed(client, secretariat):
    circular = make_sent_circular(title="Verschickt")
    client.force_login(secretariat)
    client.post(reverse("admin:circulars_circular_change", args=[circular.pk]), {"title": "Anders", "body": "x"})
    circular.refresh_from_db()
    assert circular.title == "Verschickt"
    assert client.get(reverse("admin:circulars_circular_send", args=[circular.pk]), follow=True).status_code == 403


# --- The archive -------------------------------------------------------------------------


def test_the_archive_shows_it_to_the_group_and_refuses_others(client, group_world, other_member, board, secretariat):
    circular = make_sent_circular(title="Nur für die AG", audience="groups", groups=[group_world["group"]])
    draft = CircularFactory(title="Entwurf für alle")
    detail = reverse("circular_detail", args=[circular.pk])
    for person in group_world["members"] + [board, secretariat]:
        client.force_login(person)
        assert "Nur für die AG" in client.get(reverse("circular_list")).content.decode(), person
        assert client.get(detail).status_code == 200, person
    client.force_login(other_member)
    assert "Nur für die AG" not in client.get(reverse("circular_list")).content.decode()
    assert client.get(detail).status_code == 404
    # A draft is nobody's reading yet.
    client.force_login(secretariat)
    assert client.get(reverse("circular_detail", args=[draft.pk])).status_code == 404


def test_the_archive_lists_newest_first_searches_and_pages(client, member):
    now = timezone.now()
    for number in range(23):
        make_sent_circular(title=f"Rundschreiben Nummer {number:02d}", sent_at=now - datetime.timedelta(days=number))
    make_sent_circular(title="Fördermittel für Prävention", sent_at=now - datetime.timedelta(days=30))
    client.force_login(member)
    page = client.get(reverse("circular_list")).content.decode()
    assert page.index("Nummer 00") < page.index("Nummer 01") < page.index("Nummer 19")
    assert "Nummer 20" not in page and "Seite 1 von 2" in page
    found = client.get(reverse("circular_list"), {"q": "fördermittel"}).content.decode()
    assert "Fördermittel für Prävention" in found and "Nummer 00" not in found


def test_the_archive_takes_a_fixed_number_of_queries(client, member, django_assert_max_num_queries):
    client.force_login(member)
    make_sent_circular()
    with django_assert_max_num_queries(12) as few:
        client.get(reverse("circular_list"))
    for _ in range(15):
        make_sent_circular()
    with django_assert_max_num_queries(len(few)):
        client.get(reverse("circular_list"))


def test_the_english_reader_reads_english_with_german_as_fallback(client, member):
    both = make_sent_circular(title="Deutsch", title_en="English", body="Text auf Deutsch", body_en="Text in English")
    german_only = make_sent_circular(title="Nur Deutsch", body="Nur auf Deutsch")
    member.language = "en"
    member.save()
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en"})
    assert "Text in English" in client.get(reverse("circular_detail", args=[both.pk])).content.decode()
    assert "Nur auf Deutsch" in client.get(reverse("circular_detail", args=[german_only.pk])).content.decode()


AUDIENCES = ["all", "delegates", "board", "groups", "organisations"]


@pytest.mark.parametrize("audience", AUDIENCES)
def test_list_page_check_and_recipients_agree(request, audience, organisation):
    """One definition: who receives a circular, the archive's list and the object check say the same."""
    group = WorkingGroupFactory()
    people = {name: request.getfixturevalue(name) for name in PERSONAS if name != "anonymous"}
    lead = UserFactory(organisation=OrganisationFactory())
    MandateFactory(role=Role.WORKING_GROUP_LEAD, person=lead, working_group=group)
    people["lead"] = lead
    from tests.factories import MembershipFactory

    MembershipFactory(group=group, person=people["member"])
    MembershipFactory(group=group, person=people["left_member"])
    circular = make_sent_circular(audience=audience, groups=[group], organisations=[organisation])
    recipients = set(selectors.audience_people(circular).values_list("pk", flat=True))
    loaded = Circular.objects.prefetch_related("groups", "organisations").get(pk=circular.pk)
    for name, person in people.items():
        in_list = selectors.circular_list(user=person).filter(pk=circular.pk).exists()
        checked = person.has_perm("circulars.read_circular", circular)
        assert in_list == checked == selectors.readable_circulars.check(person, loaded), name
        staff = name in {"board", "secretariat"}
        # Everyone who receives it may read it; beyond them only the board and the secretariat.
        assert in_list == (person.pk in recipients or staff), (name, audience)
    assert people["left_member"].pk not in recipients


# --- The digest ---------------------------------------------------------------------------


def test_the_digest_mentions_the_weeks_circulars_to_their_audience(group_world, other_member):
    from kernel.digest_schedule import upcoming_period
    from mail.digest.sending import preview

    period = upcoming_period()
    make_sent_circular(title="Für die AG", audience="groups", groups=[group_world["group"]], sent_at=timezone.now())
    make_sent_circular(title="Längst bekannt", sent_at=period.since - datetime.timedelta(days=3))
    member = group_world["members"][0]
    parts = dict(preview(period=period, person_ids=[member.pk, other_member.pk]))
    mine = {person.email: parts for person, parts in parts.items()}
    circulars = [part for part in mine["member@example.org"] if part.key == "circulars"]
    assert [line["title"] for line in circulars[0].data["lines"]] == ["Für die AG"]
    assert not [part for part in mine["other@example.org"] if part.key == "circulars"]
