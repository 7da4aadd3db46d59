"""Changes to the practice register: saving a step of the guided entry, submitting, reviewing, taking up."""

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from kernel.tasks import enqueue
from members import bylaws
from practices.models import Practice, Review, Uptake
from practices.permissions import own_organisation_ids
from practices.policies import is_reviewer


def practice_save(*, form, user) -> Practice:
    """Save one step of the guided entry as a draft (a new practice is created by its first step)."""
    practice = form.save(commit=False)
    creating = practice.pk is None
    if creating:
        practice.created_by = user
        practice.state = Practice.State.DRAFT
    with transaction.atomic():
        practice.save()
        form.save_m2m()
    return practice


def eucpn_missing(practice: Practice) -> list[ValidationError]:
    """What the EUCPN minimum criteria still lack, each as a message naming it and its step."""
    missing = []
    if not practice.problem.strip():
        missing.append(ValidationError(_("The problem is missing (step “Problem”)."), code="problem"))
    if not practice.mechanism.strip():
        missing.append(
            ValidationError(
                _("How and why the measures address the problem is missing: describe the mechanism (step “Measures”)."),
                code="mechanism",
            )
        )
    evidence = practice.evaluation != Practice.Evaluation.NONE and practice.results.strip()
    if not (evidence or practice.plausibility.strip()):
        missing.append(
            ValidationError(
                _(
                    "Outcome evidence or a plausibility argument is missing: give the results of an evaluation or "
                    "argue why an effect is plausible (step “Effect”)."
                ),
                code="evidence",
            )
        )
    if not practice.context.strip():
        missing.append(ValidationError(_("The context is missing (step “Implementation”)."), code="context"))
    if not practice.implementation.strip():
        missing.append(
            ValidationError(
                _("The implementation is missing: who did what, with which means (step “Implementation”)."),
                code="implementation",
            )
        )
    return missing


def practice_submit(*, practice: Practice, user) -> Practice:
    """Hand a draft in for review; refused while the EUCPN minimum is not met."""
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if practice.state != Practice.State.DRAFT:
            raise ValidationError(_("Only a draft can be submitted for review."), code="state")
        missing = eucpn_missing(practice)
        if missing:
            raise ValidationError(missing)
        practice.state = Practice.State.SUBMITTED
        practice.submitted_at = timezone.now()
        practice.save(update_fields=["state", "submitted_at", "updated_at"])
    return practice


def open_seat(*, practice: Practice, reviewer, reviews: list[Review]) -> str | None:
    """The seat ``reviewer`` would take on ``practice`` given its ``reviews``, or None (not, or no longer, theirs)."""
    if reviewer.organisation_id is not None and reviewer.organisation_id in own_organisation_ids(practice):
        return None
    if any(review.reviewer_id == reviewer.pk for review in reviews):
        return None
    taken = {review.seat for review in reviews}
    if practice.disputed_at:
        may_decide = bylaws.is_board_or_secretariat(reviewer)
        return Review.Seat.DECIDER if may_decide and Review.Seat.DECIDER not in taken else None
    if bylaws.is_secretariat(reviewer) and Review.Seat.SECRETARIAT not in taken:
        return Review.Seat.SECRETARIAT
    if is_reviewer(reviewer) and Review.Seat.PEER not in taken:
        return Review.Seat.PEER
    return None


def _publish(practice: Practice, *, level: str, reason: str) -> None:
    practice.state = Practice.State.PUBLISHED
    practice.level = level
    practice.level_reason = reason
    practice.level_decided_on = timezone.localdate()


def review_record(*, practice: Practice, reviewer, level: str, reason: str) -> Review:
    """Record one rating with its reason. Two agreeing ratings publish the entry with that level; two that
    disagree are recorded as a disagreement, which a third reviewer's rating decides."""
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("A rating needs a written reason.")}, code="reason")
    with transaction.atomic():
        practice = Practice.objects.select_for_update().get(pk=practice.pk)
        if practice.state != Practice.State.SUBMITTED:
            raise ValidationError(_("This practice is not under review."), code="state")
        reviews = list(practice.reviews.all())
        seat = open_seat(practice=practice, reviewer=reviewer, reviews=reviews)
        if seat is None:
            raise PermissionDenied(_("You cannot review this practice (any more)."))
        review = Review.objects.create(practice=practice, reviewer=reviewer, level=level, reason=reason, seat=seat)
        reviews.append(review)
        by_seat = {r.seat: r for r in reviews}
        if seat == Review.Seat.DECIDER:
            _publish(practice, level=level, reason=reason)
        elif Review.Seat.SECRETARIAT in by_seat and Review.Seat.PEER in by_seat:
            first, second = by_seat[Review.Seat.SECRETARIAT], by_seat[Review.Seat.PEER]
            if first.level == second.level:
                _publish(practice, level=level, reason=f"{first.reason}\n\n{second.reason}")
            else:
                practice.disputed_at = timezone.now()
        practice.save()
    return review


def uptake_record(*, practice: Practice, person, kind: str, note: str = "") -> Uptake:
    """Record (or update the note of) the person's organisation's "Das interessiert uns" / "Haben wir übernommen";
    the first time, the practice's authors are told by e-mail."""
    if kind not in Uptake.Kind.values:
        raise ValidationError(_("Choose whether your organisation is interested or has adopted the practice."))
    if person.organisation_id is None:
        raise ValidationError(_("This is said for a member organisation; your account has none."))
    if practice.state != Practice.State.PUBLISHED:
        raise ValidationError(_("Only a published practice can be taken up."))
    if person.organisation_id in own_organisation_ids(practice):
        raise ValidationError(_("This is your own organisation's practice."))
    with transaction.atomic():
        uptake, created = Uptake.objects.update_or_create(
            practice=practice,
            organisation_id=person.organisation_id,
            kind=kind,
            defaults={"note": (note or "").strip(), "person": person},
        )
        if created:
            enqueue("practices.tasks.send_uptake_notice", uptake.pk)
    return uptake


def authors(practice: Practice) -> list:
    """Who is told about the practice: the person who wrote it and its contact person (active, with an address)."""
    people = {person.pk: person for person in (practice.created_by, practice.contact_person) if person is not None}
    return [person for person in people.values() if person.is_active and person.email]
