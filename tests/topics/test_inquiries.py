"""Member inquiries: one answer per organisation, editable until the deadline, compiled and kept."""

import datetime

import pytest
import time_machine
from django.urls import reverse
from django.utils import timezone

from tests.factories import MembershipFactory, UserFactory, WorkingGroupFactory
from topics.inquiries import inquiry_create
from topics.models import Document, Inquiry, InquiryAnswer

pytestmark = pytest.mark.django_db


@pytest.fixture
def inquiry(member):
    return inquiry_create(
        author=member,
        title="Alkoholverbote",
        question="Wie regeln Sie Alkoholverbote?",
        deadline=timezone.now() + datetime.timedelta(days=7),
    )


def test_a_member_asks_every_organisation(client, member):
    client.force_login(member)
    deadline = (timezone.localtime() + datetime.timedelta(days=10)).strftime("%Y-%m-%dT%H:%M")
    response = client.post(
        reverse("inquiry_create"), {"title": "Bettelverbote", "question": "Wie?", "deadline": deadline}
    )
    assert response.status_code == 302
    assert Inquiry.objects.get().organisation == member.organisation


def test_a_deadline_in_the_past_is_refused(client, member):
    client.force_login(member)
    response = client.post(
        reverse("inquiry_create"), {"title": "Zu spät", "question": "Wie?", "deadline": "2020-01-01T10:00"}
    )
    assert response.status_code == 200
    assert "in der Zukunft" in response.content.decode()
    assert not Inquiry.objects.exists()


def test_each_organisation_answers_once_and_colleagues_edit_it(client, inquiry, delegate, organisation):
    colleague = UserFactory(organisation=organisation)
    client.force_login(delegate)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Satzung seit 2019."})
    client.force_login(colleague)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Satzung seit 2019, evaluiert 2025."})
    answer = InquiryAnswer.objects.get()
    assert answer.organisation == organisation and answer.author == colleague
    assert answer.text.endswith("evaluiert 2025.")


def test_after_the_deadline_answers_are_frozen(client, inquiry, other_member):
    client.force_login(other_member)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Vorher."})
    later = inquiry.deadline + datetime.timedelta(minutes=1)
    with time_machine.travel(later, tick=False):
        client.force_login(other_member)  # a week on, the old session has expired
        response = client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Nachher."})
        assert response.status_code == 403
    assert InquiryAnswer.objects.get().text == "Vorher."


def test_overview_compiles_answers_and_names_who_is_missing(client, inquiry, other_member, member, organisation):
    client.force_login(other_member)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Wir *kontrollieren* nachts."})
    client.force_login(member)
    html = client.get(reverse("inquiry_detail", args=[inquiry.pk])).content.decode()
    assert "<em>kontrollieren</em>" in html
    waiting = html.split("Noch keine Antwort von:")[1]
    assert organisation.name in waiting and other_member.organisation.name not in waiting
    csv = client.get(reverse("inquiry_csv", args=[inquiry.pk])).content.decode("utf-8")
    assert csv.startswith("\ufeff") and f"{other_member.organisation.name};Wir *kontrollieren* nachts." in csv


def test_a_group_inquiry_is_answered_by_the_group_only(client, member, other_member):
    group = WorkingGroupFactory()
    MembershipFactory(group=group, person=member)
    inquiry = inquiry_create(
        author=member, title="Nur AG", question="?", deadline=timezone.now() + datetime.timedelta(days=3), group=group
    )
    client.force_login(other_member)
    assert client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "x"}).status_code == 403


def test_kept_in_the_library_after_the_deadline(client, inquiry, member, other_member):
    client.force_login(other_member)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": "Antwort"})
    client.force_login(member)
    client.post(reverse("inquiry_keep", args=[inquiry.pk]))
    assert not Document.objects.exists()  # still open
    with time_machine.travel(inquiry.deadline + datetime.timedelta(hours=1), tick=False):
        client.force_login(member)
        response = client.post(reverse("inquiry_keep", args=[inquiry.pk]))
    document = Document.objects.get()
    assert response["Location"] == reverse("document_detail", args=[document.pk])
    assert document.label == "members" and document.current_version.filename.endswith(".csv")
    client.force_login(other_member)
    download = client.get(reverse("document_download", args=[document.pk]))
    assert "Antwort" in b"".join(download.streaming_content).decode("utf-8")


def test_csv_cells_cannot_become_formulas(client, inquiry, other_member, member):
    client.force_login(other_member)
    client.post(reverse("inquiry_detail", args=[inquiry.pk]), {"text": '=HYPERLINK("https://evil.example","x")'})
    client.force_login(member)
    csv = client.get(reverse("inquiry_csv", args=[inquiry.pk])).content.decode("utf-8")
    assert ";\"'=HYPERLINK" in csv  # quoted by csv, defused by the apostrophe
