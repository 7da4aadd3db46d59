"""PDFs of public events: name badges and attendance certificates (Teilnahmebescheinigung), made by
kernel.pdf (WeasyPrint reading only the portal's own static files)."""

import datetime
import secrets
from decimal import Decimal

from django.conf import settings
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone, translation

from events.models import AttendanceCertificate, Event
from kernel.emails import absolute_url
from kernel.pdf import render_pdf

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O, 1/I: read aloud or typed from paper


def badges_pdf(*, event: Event, participants) -> bytes:
    """A4 sheets of four A6 badges (cut along the lines): name and organisation."""
    return render_pdf("events/pdf/badges.html", {"event": event, "participants": participants})


def certificate_hours(event: Event) -> Decimal:
    """The hours set for the event, else its length (eight hours a day for events of several days)."""
    if event.certificate_hours is not None:
        return event.certificate_hours
    start, end = timezone.localtime(event.start), timezone.localtime(event.end)
    if start.date() == end.date():
        return Decimal(round((end - start) / datetime.timedelta(hours=1), 1)).quantize(Decimal("0.1"))
    return Decimal(8 * ((end.date() - start.date()).days + 1))


def may_have_certificate(event: Event, *, attended: bool) -> bool:
    return attended and event.status == Event.Status.PUBLISHED and timezone.now() >= event.start


def member_may_download(event: Event, registration) -> bool:
    """A member downloads a certificate with a registration (not cancelled, not waitlisted) marked attended;
    the event page offers the link by the same rule."""
    return (
        registration is not None
        and registration.status == "registered"
        and may_have_certificate(event, attended=registration.attended)
    )


def _new_code() -> str:
    raw = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{raw[:4]}-{raw[4:8]}-{raw[8:]}"


def certificate_for(*, event: Event, holder: str, name: str, person=None) -> AttendanceCertificate:
    """One certificate (and verification code) per holder and event; downloading again gives the same.
    ``person``: the member it is issued to, so it is part of their data (events.privacy)."""
    existing = AttendanceCertificate.objects.filter(event=event, holder=holder).first()
    if existing:
        return existing
    for _attempt in range(5):
        try:
            with transaction.atomic():
                return AttendanceCertificate.objects.create(
                    event=event,
                    holder=holder,
                    person=person,
                    name=name,
                    hours=certificate_hours(event),
                    code=_new_code(),
                )
        except IntegrityError:
            existing = AttendanceCertificate.objects.filter(event=event, holder=holder).first()
            if existing:
                return existing
    raise RuntimeError("No free verification code")  # 32^12 codes: never in practice


def certificate_pdf(*, certificate: AttendanceCertificate, organisation: str = "") -> bytes:
    with translation.override("de"):  # the Teilnahmebescheinigung is a German document
        return render_pdf(
            "events/pdf/certificate.html",
            {
                "certificate": certificate,
                "event": certificate.event,
                "organisation": organisation,
                "verify_url": absolute_url(reverse("certificate_verify")),
                "impressum": settings.IMPRESSUM,
            },
        )


def find_certificate(code: str) -> AttendanceCertificate | None:
    code = "".join(ch for ch in code.upper() if ch in CODE_ALPHABET)
    if len(code) != 12:
        return None
    formatted = f"{code[:4]}-{code[4:8]}-{code[8:]}"
    return AttendanceCertificate.objects.select_related("event").filter(code=formatted).first()
