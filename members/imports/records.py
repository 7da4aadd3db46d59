"""Writing one row's parts: its organisation, person, office and fee, each returning what it did and, field by
field, the value before and after (the preview shows them as old → new)."""

import datetime
from decimal import Decimal

from django.utils.text import slugify
from django.utils.translation import gettext as _
from django.utils.translation import pgettext

from members import audit, services
from members.imports.mapping import COLUMN_LABELS, ROLE_LABELS_DE, RowData, RowError
from members.models import FederalState, Mandate, MembershipFee, Organisation, Role, User

PERSON_FIELDS = ["salutation", "title", "first_name", "last_name", "position", "phone"]
_AUDITED_PERSON_FIELDS = [*PERSON_FIELDS, "email", "organisation"]
_STATE_NAMES = dict(FederalState.choices)

_KIND_PREFIXES = [
    (Organisation.Kind.PREVENTION_COUNCIL, ("landespräventionsrat", "präventionsrat", "landesrat für")),
    (Organisation.Kind.DISTRICT, ("landkreis", "kreis ", "rhein-kreis", "bezirk", "region ")),
    (Organisation.Kind.CITY, ("stadt", "landeshauptstadt", "hansestadt", "gemeinde", "markt ", "freie ")),
]


def shown(value) -> str:
    """A value as the preview shows it, in German notation."""
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def _change(label, old, new) -> list[str]:
    return [str(label), shown(old), shown(new)]


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


def organisation(data: RowData, name: str, *, actor) -> tuple[Organisation, str, list]:
    found = Organisation.objects.filter(name__iexact=name).first()
    if found is None:
        # An applicant until the secretariat records the admission (the bylaws' conditions are not in the list).
        found = Organisation.objects.create(
            name=name, slug=_unique_slug(name), kind=_guess_kind(name), federal_state=data.federal_state
        )
        audit.record(actor=actor, action="organisation.created", target=found, after=audit.snapshot(found))
        state = _STATE_NAMES.get(data.federal_state)
        return found, "created", [_change(COLUMN_LABELS["federal_state"], None, state)] if state else []
    values = {"federal_state": data.federal_state} if data.federal_state else {}
    if changed := audit.update(found, actor=actor, action="organisation.changed", values=values):
        old, new = changed["federal_state"]
        return found, "updated", [_change(COLUMN_LABELS["federal_state"], _STATE_NAMES.get(old), _STATE_NAMES[new])]
    return found, "unchanged", []


def person(data: RowData, organisation: Organisation, *, actor) -> tuple[User, str, list]:
    found = User.objects.filter(email__iexact=data.email).first()
    labels = {field: COLUMN_LABELS[field] for field in PERSON_FIELDS}
    if found is None:
        found = User(email=data.email, organisation=organisation, **{f: getattr(data, f) for f in PERSON_FIELDS})
        # No account yet: the person signs in after accepting an invitation.
        found.set_unusable_password()
        found.save()
        audit.record(
            actor=actor, action="user.created", target=found, after=audit.snapshot(found, fields=_AUDITED_PERSON_FIELDS)
        )
        changes = [_change(labels[f], None, getattr(data, f)) for f in PERSON_FIELDS if getattr(data, f)]
        return found, "created", [_change(COLUMN_LABELS["organisation"], None, organisation.name), *changes]
    # An empty cell never erases what is stored; a filled one that differs replaces it.
    values = {field: getattr(data, field) for field in PERSON_FIELDS if getattr(data, field)}
    if found.organisation_id != organisation.pk:
        if has_account(found):
            # Moving someone who signs in would hand them the other organisation's rights (its delegate, even,
            # in the same row); the list is not proof enough for that, the person's record in the admin is.
            current = found.organisation or pgettext("an account with", "no organisation")
            raise RowError(
                _(
                    "%(email)s has an account with %(current)s; the import does not move a person with an account "
                    "to another organisation. If the move is right, change the organisation in the person's record."
                )
                % {"email": found.email, "current": current}
            )
        values["organisation"] = organisation
    changed = audit.update(found, actor=actor, action="user.changed", values=values, fields=_AUDITED_PERSON_FIELDS)
    if not changed:
        return found, "unchanged", []
    return found, "updated", [_change(COLUMN_LABELS[name], old, new) for name, (old, new) in changed.items()]


def has_account(person: User) -> bool:
    """Someone who has signed in or can: an imported person without a password cannot, until invited."""
    return person.has_usable_password() or person.last_login is not None


def office(data: RowData, person: User, organisation: Organisation, *, actor) -> tuple[Mandate, str, list]:
    acts_for = organisation if data.role == Role.DELEGATE else None
    mandate = Mandate.objects.filter(
        person=person, role=data.role, start=data.role_start, organisation=acts_for
    ).first()
    if mandate is not None:
        if data.role_end is None or mandate.end == data.role_end:
            return mandate, "unchanged", []
        change = _change(COLUMN_LABELS["role_end"], mandate.end, data.role_end)
        mandate.end = data.role_end
        services.mandate_save(mandate=mandate, actor=actor)
        return mandate, "updated", [change]
    mandate = Mandate(role=data.role, person=person, organisation=acts_for, start=data.role_start, end=data.role_end)
    # The same service as the admin: the bylaws' checks apply (one chair at a time, one delegate …).
    services.mandate_save(mandate=mandate, actor=actor)
    changes = [
        _change(COLUMN_LABELS["role"], None, ROLE_LABELS_DE.get(data.role, data.role)),
        _change(COLUMN_LABELS["role_start"], None, data.role_start),
    ]
    if data.role_end:
        changes.append(_change(COLUMN_LABELS["role_end"], None, data.role_end))
    return mandate, "created", changes


def fee(data: RowData, organisation: Organisation, *, actor) -> tuple[MembershipFee, str, list]:
    found = MembershipFee.objects.filter(organisation=organisation, year=data.fee_year).first()
    if found is None:
        found = MembershipFee.objects.create(
            organisation=organisation, year=data.fee_year, amount=data.fee_amount, paid_on=data.fee_paid_on
        )
        audit.record(actor=actor, action="membershipfee.created", target=found, after=audit.snapshot(found))
        changes = [_change(COLUMN_LABELS["fee_amount"], None, data.fee_amount)]
        if data.fee_paid_on:
            changes.append(_change(COLUMN_LABELS["fee_paid_on"], None, data.fee_paid_on))
        return found, "created", changes
    values = {"amount": data.fee_amount, **({"paid_on": data.fee_paid_on} if data.fee_paid_on else {})}
    changed = audit.update(found, actor=actor, action="membershipfee.changed", values=values)
    if not changed:
        return found, "unchanged", []
    labels = {"amount": COLUMN_LABELS["fee_amount"], "paid_on": COLUMN_LABELS["fee_paid_on"]}
    return found, "updated", [_change(labels[name], old, new) for name, (old, new) in changed.items()]
