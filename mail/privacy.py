"""Meine Daten, the mail part: the state of the person's address, mail received from them, posts mailed to them,
their digest."""

from kernel.privacy import day
from mail.models import AddressHealth, DigestDelivery, InboundMessage, PostDelivery

COVERS = {
    "mail.AddressHealth.person",
    "mail.InboundMessage.person",
    "mail.PostDelivery.person",
    "mail.DigestDelivery.person",
}

NOT_PERSONAL = {
    "mail.DigestNote.author": "a note of the secretariat to all members, written on the association's behalf",
}


def export(person) -> dict:
    health = AddressHealth.objects.filter(person=person).first()
    return {
        "address_health": (
            {
                "address": health.address,
                "bounce_score": health.score,
                "last_bounce_at": day(health.last_bounce_at),
                "last_bounce_kind": health.last_bounce_kind,
                "last_status": health.last_status,
            }
            if health
            else None
        ),
        "mail_received_from_you": [
            {
                "message_id": m.message_id,
                "sender": m.sender,
                "outcome": m.outcome,
                "reason": m.reason,
                "received_at": day(m.received_at),
                "post": m.post_id,
            }
            for m in InboundMessage.objects.filter(person=person).order_by("received_at")
        ],
        "posts_mailed_to_you": [
            {"post": d.post_id, "sent_at": day(d.sent_at)}
            for d in PostDelivery.objects.filter(person=person).order_by("claimed_at")
        ],
        "digest": {
            "frequency": person.digest,
            "deliveries": [
                {"period": day(d.period), "status": d.status, "sent_at": day(d.sent_at)}
                for d in DigestDelivery.objects.filter(person=person).order_by("period")
            ],
        },
    }
