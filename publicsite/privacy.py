"""Meine Daten, the public pages' part: the requests to join a person decided and the feedback they answered.

Requests to join and feedback come from people without an account (a contact's and a sender's address); they are
not linked to a person. An unconfirmed request is deleted once its link has expired (publicsite.services).
"""

from kernel.privacy import day
from publicsite.models import AccessibilityFeedback, MembershipApplication

COVERS = {
    "public.MembershipApplication.decided_by",
    "public.AccessibilityFeedback.answered_by",
}

NOT_PERSONAL = {}


def export(person) -> dict:
    return {
        "membership_applications_decided": [
            {"organisation": a.name, "status": a.status, "decided_at": day(a.decided_at)}
            for a in MembershipApplication.objects.filter(decided_by=person).order_by("decided_at")
        ],
        "accessibility_feedback_answered": [
            {"received": day(f.created_at), "answered_at": day(f.answered_at), "answer": f.answer}
            for f in AccessibilityFeedback.objects.filter(answered_by=person).order_by("answered_at")
        ],
    }
