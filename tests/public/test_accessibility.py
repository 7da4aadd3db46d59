"""The accessibility statement: its required parts, and feedback that lands on the desk due a month ahead."""

import datetime

import pytest
import time_machine
from django.core import mail
from django.urls import reverse

from defus.desk import work_queue
from publicsite.models import AccessibilityFeedback
from publicsite.services import one_month_after

pytestmark = pytest.mark.django_db

FEEDBACK = {"email": "leserin@example.org", "page": "Mitgliederkarte", "message": "Die Punkte sind zu klein."}
# Pinned: a date whose next month is shorter shows the due date is the last day of that month.
RECEIVED = datetime.datetime(2027, 1, 31, 10, 0, tzinfo=datetime.UTC)


def _desk_line(user):
    return next(line for line in work_queue(user) if line.pending.key == "accessibility_feedback")


@pytest.mark.parametrize("language", ["de", "en"])
def test_the_statement_has_its_required_parts(client, language):
    client.post(reverse("set_language"), {"language": language, "next": "/"})
    html = client.get(reverse("barrierefreiheit")).content.decode()
    assert "§ 16" in html and "Schlichtungsstelle" in html  # the enforcement procedure
    assert "teilweise vereinbar" in html or "partially compliant" in html  # the status
    assert "PDF" in html and ("Alternative" in html)  # what is not accessible, why, and the alternative
    assert "6. Dezember 2026" in html or "6 December 2026" in html  # the date of the last check
    assert "axe-core" in html  # and its method
    assert 'name="message"' in html and 'name="email"' in html  # the feedback route


def test_feedback_lands_on_the_desk_due_one_month_ahead(client, secretariat):
    with time_machine.travel(RECEIVED, tick=False):
        response = client.post(reverse("barrierefreiheit"), FEEDBACK)
    assert response.status_code == 302
    feedback = AccessibilityFeedback.objects.get()
    assert feedback.due_on == datetime.date(2027, 2, 28)
    line = _desk_line(secretariat)
    assert line.count == 1 and "28.02.2027" in line.note


def test_one_month_ahead():
    assert one_month_after(datetime.date(2026, 12, 6)) == datetime.date(2027, 1, 6)
    assert one_month_after(datetime.date(2028, 1, 31)) == datetime.date(2028, 2, 29)
    assert one_month_after(datetime.date(2027, 3, 15)) == datetime.date(2027, 4, 15)


def test_the_honeypot_and_an_invalid_form_store_nothing(client):
    client.post(reverse("barrierefreiheit"), {**FEEDBACK, "website": "x"})
    assert client.post(reverse("barrierefreiheit"), {**FEEDBACK, "email": "kaputt"}).status_code == 400
    assert AccessibilityFeedback.objects.count() == 0


def test_the_secretariat_answers_by_email_from_the_admin(client, secretariat):
    client.post(reverse("barrierefreiheit"), FEEDBACK)
    feedback = AccessibilityFeedback.objects.get()
    client.force_login(secretariat)
    url = reverse("admin:public_accessibilityfeedback_change", args=[feedback.pk])
    assert client.get(url).status_code == 200
    answer = "Danke! Wir haben die Punkte vergrößert."
    response = client.post(url, {"answer": answer})
    assert response.status_code == 302
    feedback.refresh_from_db()
    assert feedback.answered_by == secretariat and feedback.answer == answer
    assert mail.outbox[-1].to == ["leserin@example.org"] and answer in mail.outbox[-1].body
    assert _desk_line(secretariat).count == 0


def test_the_board_reads_feedback_but_does_not_answer(client, board):
    AccessibilityFeedback.objects.create(email="a@example.org", message="x", due_on=datetime.date(2027, 1, 1))
    client.force_login(board)
    assert client.get(reverse("admin:public_accessibilityfeedback_changelist")).status_code == 200
    feedback = AccessibilityFeedback.objects.get()
    client.post(reverse("admin:public_accessibilityfeedback_change", args=[feedback.pk]), {"answer": "Hallo"})
    assert AccessibilityFeedback.objects.get().answered_at is None and not mail.outbox
