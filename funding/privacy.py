"""Meine Daten, the funding part: interests in calls where the person is the contact, reminders sent."""

from funding.models import DeadlineReminder, Interest
from kernel.privacy import day

COVERS = {"funding.Interest.contact", "funding.DeadlineReminder.person"}

NOT_PERSONAL = {
    "funding.ImportRun.uploaded_by": "a file of the EU portal that staff imported on the association's behalf",
}


def export(person) -> dict:
    return {
        "funding_interests": [
            {
                "call": i.call.identifier,
                "title": i.call.title_en,
                "organisation": i.organisation.name,
                "role": i.role,
                "note": i.note,
                "internal_deadline": day(i.internal_deadline),
            }
            for i in Interest.objects.filter(contact=person).select_related("call", "organisation").order_by("pk")
        ],
        "funding_reminders": [
            {"reminder": r.key, "sent_at": day(r.sent_at)}
            for r in DeadlineReminder.objects.filter(person=person).order_by("sent_at")
        ],
    }
