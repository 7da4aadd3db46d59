"""Changes from the public pages: a request to join (double opt-in, the board's decision) and feedback on
accessibility (due within a month, answered by email).

A request to join stores an *unconfirmed* application and emails its contact a link with a random secret kept here
(valid ``CONFIRMATION_HOURS``); only the confirmed request reaches the secretariat's desk and the board. Unconfirmed
requests are deleted once their link has expired.
"""

import calendar
import datetime
import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext as _

from kernel.tasks import enqueue
from members import audit
from members.models import Organisation
from members.services.accounts import invitation_create
from publicsite.models import AccessibilityFeedback, MembershipApplication, new_token

CONFIRMATION_HOURS = 48
Status = MembershipApplication.Status


# --- Abuse: the same limits as the guest registration of public events -----------------------------------------


def _count(key: str) -> int:
    """Requests in the current hour window for ``key`` (the window starts with the first request)."""
    cache.add(key, 0, timeout=3600)
    try:
        return cache.incr(key)
    except ValueError:  # expired between add and incr
        cache.set(key, 1, timeout=3600)
        return 1


def over_limit(*, form: str, ip: str = "", email: str = "") -> bool:
    """Counts one request of ``form`` for the IP and/or email address; True once either passes the limit."""
    limit = settings.GUEST_REGISTRATION_RATE_LIMIT
    counts = []
    if ip:
        counts.append(_count(f"public-{form}:ip:{ip}"))
    if email:
        digest = hashlib.sha256(email.strip().lower().encode()).hexdigest()
        counts.append(_count(f"public-{form}:email:{digest}"))
    return any(count > limit for count in counts)


# --- Joining -----------------------------------------------------------------------------------------------------


def _expired_before(now) -> datetime.datetime:
    return now - datetime.timedelta(hours=CONFIRMATION_HOURS)


@transaction.atomic
def application_request(*, language: str = "de", now=None, **fields) -> MembershipApplication:
    """Store the request unconfirmed and mail the confirmation link to the contact's address. A new request from
    the same address replaces an unconfirmed one (its earlier link confirms nothing any more)."""
    now = now or timezone.now()
    MembershipApplication.objects.filter(status=Status.UNCONFIRMED, created_at__lt=_expired_before(now)).delete()
    email = fields["contact_email"].strip()
    application = (
        MembershipApplication.objects.filter(status=Status.UNCONFIRMED, contact_email__iexact=email).first()
        or MembershipApplication()
    )
    for field, value in fields.items():
        setattr(application, field, value)
    application.contact_email = email
    application.language = language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE
    application.created_at, application.confirmation_token = now, new_token()
    application.full_clean()
    application.save()
    enqueue("publicsite.tasks.send_application_email", application.pk, "confirm")
    return application


def application_from_confirmation(token: str, *, now=None) -> MembershipApplication | None:
    """The application the link confirms, or None when it is unknown, expired or replaced by a later request."""
    if not token or len(token) > 64:
        return None
    application = MembershipApplication.objects.filter(confirmation_token=token).first()
    if application is None:
        return None
    if application.status == Status.UNCONFIRMED and application.created_at < _expired_before(now or timezone.now()):
        return None
    return application


@transaction.atomic
def application_confirm(*, application: MembershipApplication, now=None) -> MembershipApplication:
    """The contact followed the link: the request goes to the secretariat's desk. Confirming twice changes nothing."""
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.UNCONFIRMED:
        return locked
    locked.status, locked.confirmed_at = Status.CONFIRMED, now or timezone.now()
    locked.save(update_fields=["status", "confirmed_at"])
    return locked


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _decidable(application: MembershipApplication) -> MembershipApplication:
    locked = MembershipApplication.objects.select_for_update().get(pk=application.pk)
    if locked.status != Status.CONFIRMED:
        raise ValidationError(_("Only a confirmed request that is not yet decided can be decided."))
    return locked


@transaction.atomic
def application_accept(*, application: MembershipApplication, decided_by, now=None) -> Organisation:
    """The board admits the organisation (bylaws: it shares the aims and accepts the bylaws, which the form asked,
    and is an Efus member). An Efus member becomes an active member today; an organisation not yet in Efus is
    recorded as an applicant until it is. Its contact is invited to the portal."""
    locked = _decidable(application)
    if Organisation.objects.filter(name__iexact=locked.name).exists():
        raise ValidationError(_("An organisation of this name exists already."))
    now = now or timezone.now()
    today = timezone.localdate(now)
    active = locked.efus_member
    organisation = Organisation(
        name=locked.name,
        slug=_unique_slug(locked.name),
        kind=locked.kind,
        federal_state=locked.federal_state,
        municipality_key=locked.municipality_key,
        status=Organisation.Status.ACTIVE if active else Organisation.Status.APPLICANT,
        efus_member=locked.efus_member,
        shares_aims=True,
        accepts_bylaws=True,
        admitted_on=today,
        joined_on=today if active else None,
        email=locked.contact_email,
    )
    organisation.full_clean()
    organisation.save()
    locked.status, locked.decided_at, locked.decided_by = Status.ACCEPTED, now, decided_by
    locked.organisation = organisation
    locked.save(update_fields=["status", "decided_at", "decided_by", "organisation"])
    audit.record(
        actor=decided_by, action="application.accepted", target=organisation, after=audit.snapshot(organisation)
    )
    invitation_create(email=locked.contact_email, organisation=organisation, invited_by=decided_by)
    return organisation


@transaction.atomic
def application_refuse(*, application: MembershipApplication, decided_by, reason: str, now=None):
    """The board refuses; the contact gets the reason by email."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError(_("A refusal needs its reason."))
    locked = _decidable(application)
    locked.status, locked.refusal_reason = Status.REFUSED, reason
    locked.decided_at, locked.decided_by = now or timezone.now(), decided_by
    locked.save(update_fields=["status", "refusal_reason", "decided_at", "decided_by"])
    enqueue("publicsite.tasks.send_application_email", locked.pk, "refused")
    return locked


# --- Feedback on accessibility -----------------------------------------------------------------------------------


def one_month_after(day: datetime.date) -> datetime.date:
    """The same day next month, or that month's last day (31 January → 28/29 February)."""
    year, month = (day.year + 1, 1) if day.month == 12 else (day.year, day.month + 1)
    return datetime.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


def feedback_submit(*, email: str, message: str, name: str = "", page: str = "", language: str = "de", now=None):
    now = now or timezone.now()
    feedback = AccessibilityFeedback(
        name=name,
        email=email.strip(),
        page=page,
        message=message,
        language=language if language in dict(settings.LANGUAGES) else settings.LANGUAGE_CODE,
        created_at=now,
        due_on=one_month_after(timezone.localdate(now)),
    )
    feedback.full_clean()
    feedback.save()
    return feedback


@transaction.atomic
def feedback_answer(*, feedback: AccessibilityFeedback, answer: str, answered_by, now=None):
    """The secretariat answers by email; the answer is kept with the feedback."""
    answer = (answer or "").strip()
    if not answer:
        raise ValidationError(_("Write the answer first."))
    locked = AccessibilityFeedback.objects.select_for_update().get(pk=feedback.pk)
    if locked.answered_at:
        raise ValidationError(_("This feedback has been answered already."))
    locked.answer, locked.answered_at, locked.answered_by = answer, now or timezone.now(), answered_by
    locked.save(update_fields=["answer", "answered_at", "answered_by"])
    enqueue("publicsite.tasks.send_feedback_answer", locked.pk)
    return locked
