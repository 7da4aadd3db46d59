"""Meine Daten, the circulars part: which circulars were mailed to the person, and when."""

from circulars.models import CircularDelivery
from kernel.privacy import day

COVERS = {"circulars.CircularDelivery.person"}

NOT_PERSONAL = {
    "circulars.Circular.created_by": "a circular written on the association's behalf by the secretariat or board",
    "circulars.Circular.sent_by": "who sent a circular on the association's behalf (secretariat or board)",
}


def export(person) -> dict:
    return {
        "circulars_sent_to_you": [
            {
                "circular": d.circular.title,
                "status": d.status,
                "attempts": d.attempts,
                "sent_at": day(d.sent_at),
            }
            for d in CircularDelivery.objects.filter(person=person).select_related("circular").order_by("pk")
        ]
    }
