"""Meine Daten, the meetings' part: roles in meetings, candidacies, votes cast, proxies held,
attendance and declarations of consent with the statement signed."""

from django.db.models import Q

from assemblies.models import (
    Attendance,
    Candidate,
    Consent,
    ConveningDelivery,
    ConveningNotice,
    Meeting,
    Proxy,
    Resolution,
    Vote,
)
from kernel.privacy import day

COVERS = {
    "assemblies.Meeting.convened_by",
    "assemblies.Meeting.chair",
    "assemblies.Meeting.minute_taker",
    "assemblies.Resolution.elected",
    "assemblies.Candidate.person",
    "assemblies.Vote.member",
    "assemblies.Vote.cast_by",
    "assemblies.Proxy.holder",
    "assemblies.Proxy.recorded_by",
    "assemblies.Proxy.approved_by",
    "assemblies.Attendance.member",
    "assemblies.Consent.declared_by",
    "assemblies.ConveningDelivery.person",
    "assemblies.ConveningNotice.sent_by",
}

NOT_PERSONAL = {}


def export(person) -> dict:
    roles = []
    for meeting in Meeting.objects.filter(Q(convened_by=person) | Q(chair=person) | Q(minute_taker=person)):
        for role in ("convened_by", "chair", "minute_taker"):
            if getattr(meeting, f"{role}_id") == person.pk:
                roles.append({"meeting": meeting.title, "role": role})
    return {
        "meeting_roles": roles,
        "elected_by_resolution": list(
            Resolution.objects.filter(elected=person).order_by("pk").values_list("title", flat=True)
        ),
        "candidacies": [
            {"resolution": c.resolution.title}
            for c in Candidate.objects.filter(person=person).select_related("resolution").order_by("pk")
        ],
        # How a secret vote went is not stored with the voter (the choice is empty); only that it was cast.
        "votes_cast": [
            {
                "resolution": v.resolution.title,
                "for": v.organisation.name if v.organisation else "board",
                "choice": v.choice or None,
                "cast_at": day(v.cast_at),
            }
            for v in Vote.objects.filter(Q(cast_by=person) | Q(member=person))
            .select_related("resolution", "organisation")
            .order_by("cast_at")
        ],
        "proxies_held": [
            {"meeting": p.meeting.title, "organisation": p.organisation.name, "recorded_at": day(p.recorded_at)}
            for p in Proxy.objects.filter(holder=person).select_related("meeting", "organisation").order_by("pk")
        ],
        # Granted in the portal by the delegate, or entered from paper by the secretariat.
        "proxies_recorded": [
            {"meeting": p.meeting.title, "organisation": p.organisation.name, "holder": str(p.holder)}
            for p in Proxy.objects.filter(recorded_by=person).select_related("meeting", "organisation", "holder")
        ],
        # Approved as the second person (four eyes) for the secretariat or the board.
        "proxies_approved": [
            {"meeting": p.meeting.title, "organisation": p.organisation.name, "holder": str(p.holder)}
            for p in Proxy.objects.filter(approved_by=person).select_related("meeting", "organisation", "holder")
        ],
        # The invitations and supplements that reached the person, and those they sent.
        "convening_notices_received": [
            {"meeting": d.notice.meeting.title, "kind": d.notice.kind, "email": d.email, "sent_at": day(d.sent_at)}
            for d in ConveningDelivery.objects.filter(person=person).select_related("notice__meeting").order_by("pk")
        ],
        "convening_notices_sent": [
            {"meeting": n.meeting.title, "kind": n.kind, "sent_at": day(n.sent_at)}
            for n in ConveningNotice.objects.filter(sent_by=person).select_related("meeting").order_by("pk")
        ],
        "attendance": [
            {"meeting": a.meeting.title} for a in Attendance.objects.filter(member=person).select_related("meeting")
        ],
        "declarations_of_consent": [
            {
                "resolution": c.resolution.title,
                "organisation": c.organisation.name,
                "agrees": c.agrees,
                "statement": c.statement,
                "declared_at": day(c.declared_at),
            }
            for c in Consent.objects.filter(declared_by=person).select_related("resolution", "organisation")
        ],
    }
