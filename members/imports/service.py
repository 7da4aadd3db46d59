"""Applying a member list: each row all or nothing, offices through the bylaws service the admin uses."""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from members import audit, services
from members.imports.mapping import RowData, RowError, parse_row
from members.imports.reading import read_table
from members.imports.report import Report
from members.models import Mandate, MembershipFee, Organisation, Role, User

PERSON_FIELDS = ["salutation", "title", "first_name", "last_name", "position", "phone"]
_AUDITED_PERSON_FIELDS = [*PERSON_FIELDS, "email", "organisation"]

_KIND_PREFIXES = [
    (Organisation.Kind.PREVENTION_COUNCIL, ("landespräventionsrat", "präventionsrat", "landesrat für")),
    (Organisation.Kind.DISTRICT, ("landkreis", "kreis ", "rhein-kreis", "bezirk", "region ")),
    (Organisation.Kind.CITY, ("stadt", "landeshauptstadt", "hansestadt", "gemeinde", "markt ", "freie ")),
]


def run(*, content: bytes, file_name: str, actor: User | None, dry_run: bool, progress=None) -> dict:
    """Import ``content``; returns the report. Raises reading.UnreadableFile (nothing written) if it cannot be read.

    With ``dry_run`` everything runs as for real inside a transaction that is then rolled back, so the
    preview reports exactly what the import will do, and writes nothing. ``progress(done, total)`` is
    called after each row.
    """
    table = read_table(content)
    report = Report(
        file_name=file_name, dry_run=dry_run, header_line=table.header_line, unknown_columns=table.unknown_columns
    )
    with audit.source(_("Import: %(file)s") % {"file": file_name}), transaction.atomic():
        for done, (line, values) in enumerate(table.rows, start=1):
            if progress is not None:
                progress(done, len(table.rows))
            kinds = _kinds_in(values)
            try:
                data = parse_row(values)
                with transaction.atomic():
                    notes, new_organisation = _apply_row(data, actor=actor)
            except RowError as exc:
                report.skip(line, str(exc), kinds)
                continue
            except ValidationError as exc:
                report.skip(line, " ".join(exc.messages), kinds)
                continue
            except IntegrityError:
                report.skip(line, _("The row contradicts records already stored (e.g. two offices at once)."), kinds)
                continue
            for kind, key, outcome in notes:
                report.note(kind, key, outcome)
            if new_organisation:
                report.new_organisations.append(new_organisation)
        if dry_run:
            transaction.set_rollback(True)
    return report.as_dict()


def _kinds_in(values: dict) -> list[str]:
    kinds = ["organisations", "people"]
    if str(values.get("role") or "").strip():
        kinds.append("offices")
    if any(str(values.get(key) or "").strip() for key in ("fee_year", "fee_amount", "fee_paid_on")):
        kinds.append("fees")
    return kinds


def _apply_row(data: RowData, *, actor) -> tuple[list, str | None]:
    notes = []
    organisation, outcome = _organisation(data, actor=actor)
    notes.append(("organisations", organisation.pk, outcome))
    person, outcome = _person(data, organisation, actor=actor)
    notes.append(("people", person.pk, outcome))
    if data.role:
        mandate, outcome = _office(data, person, organisation, actor=actor)
        notes.append(("offices", mandate.pk, outcome))
    if data.fee_year is not None:
        fee, outcome = _fee(data, organisation, actor=actor)
        notes.append(("fees", fee.pk, outcome))
    return notes, organisation.name if notes[0][2] == "created" else None


def _guess_kind(name: str) -> str:
    lowered = name.casefold()
    for kind, prefixes in _KIND_PREFIXES:
        if lowered.startswith(prefixes):
            return kind
    return Organisation.Kind.ORGANISATION


def _unique_slug(name: str) -> str:
    base = slugify(name)[:70] or "organisation"
    slug, number = base, 2
    while Organisation.objects.filter(slug=slug).exists():
        slug, number = f"{base}-{number}", number + 1
    return slug


def _organisation(data: RowData, *, actor) -> tuple[Organisation, str]:
    organisation = Organisation.objects.filter(name__iexact=data.organisation).first()
    if organisation is None:
        # An applicant until the secretariat records the admission (the bylaws' conditions are not in the list).
        organisation = Organisation.objects.create(
            name=data.organisation,
            slug=_unique_slug(data.organisation),
            kind=_guess_kind(data.organisation),
            federal_state=data.federal_state,
        )
        after = audit.snapshot(organisation)
        audit.record(actor=actor, action="organisation.created", target=organisation, after=after)
        return organisation, "created"
    if data.federal_state and organisation.federal_state != data.federal_state:
        audit.save_change(organisation, actor=actor, action="organisation.changed", federal_state=data.federal_state)
        return organisation, "updated"
    return organisation, "unchanged"


def _person(data: RowData, organisation: Organisation, *, actor) -> tuple[User, str]:
    person = User.objects.filter(email__iexact=data.email).first()
    if person is None:
        person = User(email=data.email, organisation=organisation, **{f: getattr(data, f) for f in PERSON_FIELDS})
        # No account yet: the person signs in after accepting an invitation.
        person.set_unusable_password()
        person.save()
        audit.record(
            actor=actor,
            action="user.created",
            target=person,
            after=audit.snapshot(person, fields=_AUDITED_PERSON_FIELDS),
        )
        return person, "created"
    before = audit.snapshot(person, fields=_AUDITED_PERSON_FIELDS)
    changed = []
    # An empty cell never erases what is stored; a filled one that differs replaces it.
    for field in PERSON_FIELDS:
        value = getattr(data, field)
        if value and getattr(person, field) != value:
            setattr(person, field, value)
            changed.append(field)
    if person.organisation_id != organisation.pk:
        if _has_account(person):
            # Moving someone who signs in would hand them the other organisation's rights (its delegate, even,
            # in the same row); the list is not proof enough for that, the person's record in the admin is.
            current = person.organisation or pgettext("an account with", "no organisation")
            raise RowError(
                _(
                    "%(email)s has an account with %(current)s; the import does not move a person with an account "
                    "to another organisation. If the move is right, change the organisation in the person's record."
                )
                % {"email": person.email, "current": current}
            )
        person.organisation = organisation
        changed.append("organisation")
    if not changed:
        return person, "unchanged"
    person.save(update_fields=changed)
    audit.record(
        actor=actor,
        action="user.changed",
        target=person,
        before=before,
        after=audit.snapshot(person, fields=_AUDITED_PERSON_FIELDS),
    )
    return person, "updated"


def _has_account(person: User) -> bool:
    """Someone who has signed in or can: an imported person without a password cannot, until invited."""
    return person.has_usable_password() or person.last_login is not None


def _office(data: RowData, person: User, organisation: Organisation, *, actor) -> tuple[Mandate, str]:
    acts_for = organisation if data.role == Role.DELEGATE else None
    mandate = Mandate.objects.filter(
        person=person, role=data.role, start=data.role_start, organisation=acts_for
    ).first()
    if mandate is not None:
        if data.role_end is None or mandate.end == data.role_end:
            return mandate, "unchanged"
        mandate.end = data.role_end
        services.mandate_save(mandate=mandate, actor=actor)
        return mandate, "updated"
    mandate = Mandate(role=data.role, person=person, organisation=acts_for, start=data.role_start, end=data.role_end)
    # The same service as the admin: the bylaws' checks apply (one chair at a time, one delegate …).
    services.mandate_save(mandate=mandate, actor=actor)
    return mandate, "created"


def _fee(data: RowData, organisation: Organisation, *, actor) -> tuple[MembershipFee, str]:
    fee = MembershipFee.objects.filter(organisation=organisation, year=data.fee_year).first()
    if fee is None:
        fee = MembershipFee.objects.create(
            organisation=organisation, year=data.fee_year, amount=data.fee_amount, paid_on=data.fee_paid_on
        )
        audit.record(actor=actor, action="membershipfee.created", target=fee, after=audit.snapshot(fee))
        return fee, "created"
    before = audit.snapshot(fee)
    changed = []
    if fee.amount != data.fee_amount:
        fee.amount = data.fee_amount
        changed.append("amount")
    if data.fee_paid_on and fee.paid_on != data.fee_paid_on:
        fee.paid_on = data.fee_paid_on
        changed.append("paid_on")
    if not changed:
        return fee, "unchanged"
    fee.save(update_fields=changed)
    audit.record(actor=actor, action="membershipfee.changed", target=fee, before=before, after=audit.snapshot(fee))
    return fee, "updated"
