"""Meine Daten, the practice register's part: entries a person started or is the contact for, and their ratings."""

from kernel.privacy import day
from practices.models import Practice, Review, Uptake

COVERS = {
    "practices.Practice.created_by",
    "practices.Practice.contact_person",
    "practices.Review.reviewer",
    "practices.Uptake.person",
}

NOT_PERSONAL: dict[str, str] = {}


def export(person) -> dict:
    return {
        "practices_written": [
            {"title": p.title, "state": p.state, "created": day(p.created_at)}
            for p in Practice.objects.filter(created_by=person).order_by("created_at")
        ],
        "practices_as_contact": list(
            Practice.objects.filter(contact_person=person).order_by("title").values_list("title", flat=True)
        ),
        "practice_reviews": [
            {"practice": r.practice.title, "level": r.level, "reason": r.reason, "reviewed": day(r.created_at)}
            for r in Review.objects.filter(reviewer=person).select_related("practice").order_by("created_at")
        ],
        "practice_uptakes": [
            {"practice": u.practice.title, "kind": u.kind, "note": u.note, "given": day(u.created_at)}
            for u in Uptake.objects.filter(person=person).select_related("practice").order_by("created_at")
        ],
    }
