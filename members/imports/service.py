"""Applying a member list: each row's person all or nothing, their office and fee as parts of their own
(a bad office or fee cell skips that part and keeps the person), offices through the bylaws service the admin uses.

Before anything is written the rows are checked against each other (members.imports.checks): total rows are
ignored, a person given twice with different values is skipped in every line, and an organisation name that is a
spelling variant of a known one is only mapped to it when the secretariat confirmed that (``mapping``).
"""

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from members import audit
from members.imports import checks, records
from members.imports.mapping import RowData, RowError, parse_row
from members.imports.reading import read_table
from members.imports.report import Report
from members.models import Organisation, User

_CONTRADICTS = _("The row contradicts records already stored (e.g. two offices at once).")


def run(*, content: bytes, file_name: str, actor: User | None, dry_run: bool, progress=None, mapping=None) -> dict:
    """Import ``content``; returns the report. Raises reading.UnreadableFile (nothing written) if it cannot be read.

    With ``dry_run`` everything runs as for real inside a transaction that is then rolled back, so the
    preview reports exactly what the import will do, and writes nothing. ``progress(done, total)`` is
    called after each row. ``mapping`` holds the confirmed spelling variants: {name in the file (casefolded):
    name of the known organisation}.
    """
    table = read_table(content)
    report = Report(
        file_name=file_name,
        dry_run=dry_run,
        header_line=table.header_line,
        unknown_columns=table.unknown_columns,
        header=table.header,
    )
    parsed = _parsed(table, report)
    duplicates = checks.duplicates([(line, data) for line, _values, data in parsed])
    mapping = mapping or {}
    names = checks.OrganisationNames(Organisation.objects.values_list("name", flat=True))
    with audit.source(_("Import: %(file)s") % {"file": file_name}), transaction.atomic():
        for done, (line, values, data) in enumerate(parsed, start=1):
            if progress is not None:
                progress(done, len(parsed))
            if line in duplicates:
                report.skip(line, duplicates[line], _kinds_in(values), row=values)
                continue
            name = mapping.get(data.organisation.casefold()) or data.organisation
            variant = None if name != data.organisation else names.variant_of(name)
            if variant is not None:
                report.suggest(data.organisation, variant, line)
                reason = _(
                    "“%(name)s” is not created: did you mean %(existing)s? Confirm it in the preview, or, if it is "
                    "another organisation, create that in the admin first."
                ) % {"name": data.organisation, "existing": variant}
                report.skip(line, reason, _kinds_in(values), row=values)
                continue
            _row(report, line, values, data, name, actor=actor)
            names.add(name)
        if dry_run:
            transaction.set_rollback(True)
    return report.as_dict()


def _parsed(table, report: Report) -> list[tuple[int, dict, RowData]]:
    """The rows about a person, checked; total rows and rows with an error about the person go to the report."""
    result = []
    for line, values in table.rows:
        values = {**values, "_cells": table.cells.get(line, [])}
        label = checks.total_row(values)
        if label is not None:
            reason = (
                _("a total row (“%(label)s”), not a person") % {"label": label}
                if label
                else _("no organisation, name or e-mail address: not a person")
            )
            report.ignored_rows.append({"line": line, "reason": reason})
            continue
        try:
            result.append((line, values, parse_row(values)))
        except RowError as exc:
            report.skip(line, str(exc), _kinds_in(values), row=values)
    return result


def _row(report: Report, line: int, values: dict, data: RowData, name: str, *, actor) -> None:
    try:
        with transaction.atomic():
            organisation, outcome, fields = records.organisation(data, name, actor=actor)
            notes = [("organisations", organisation.pk, outcome, organisation.name, fields)]
            person, outcome, fields = records.person(data, organisation, actor=actor)
            label = f"{person.first_name} {person.last_name} <{person.email}>"
            notes.append(("people", person.pk, outcome, label, fields))
    except RowError as exc:
        report.skip(line, str(exc), _kinds_in(values), row=values)
        return
    except ValidationError as exc:
        report.skip(line, " ".join(exc.messages), _kinds_in(values), row=values)
        return
    except IntegrityError:
        report.skip(line, _CONTRADICTS, _kinds_in(values), row=values)
        return
    if notes[0][2] == "created":
        report.new_organisations.append(organisation.name)
    for kind, key, outcome, label, fields in notes:
        report.note(kind, key, outcome, label=label, line=line, fields=fields)
    office = lambda: _office(data, person, organisation, actor)  # noqa: E731
    _part(report, line, values, "offices", data.office_error, data.role, office)
    _part(report, line, values, "fees", data.fee_error, data.fee_year, lambda: _fee(data, organisation, actor))


def _office(data, person, organisation, actor):
    mandate, outcome, fields = records.office(data, person, organisation, actor=actor)
    label = f"{records.ROLE_LABELS_DE.get(mandate.role, mandate.role)}: {person.first_name} {person.last_name}"
    return mandate.pk, outcome, f"{label} ({records.shown(mandate.start)})", fields


def _fee(data, organisation, actor):
    fee, outcome, fields = records.fee(data, organisation, actor=actor)
    return fee.pk, outcome, f"{organisation.name} {fee.year}", fields


def _part(report: Report, line: int, values: dict, kind: str, error: str, given, write) -> None:
    """An office or a fee: skipped with its reason when its cells are bad or the bylaws refuse it; the person stays."""
    if error:
        report.skip(line, error, [kind], row=values, part=kind)
        return
    if given is None:
        return
    try:
        with transaction.atomic():
            key, outcome, label, fields = write()
    except (RowError, ValidationError, IntegrityError) as exc:
        if isinstance(exc, ValidationError):
            reason = " ".join(exc.messages)
        else:
            reason = str(exc) if isinstance(exc, RowError) else _CONTRADICTS
        report.skip(line, reason, [kind], row=values, part=kind)
        return
    report.note(kind, key, outcome, label=label, line=line, fields=fields)


def _kinds_in(values: dict) -> list[str]:
    kinds = ["organisations", "people"]
    if str(values.get("role") or "").strip():
        kinds.append("offices")
    if any(str(values.get(key) or "").strip() for key in ("fee_year", "fee_amount", "fee_paid_on")):
        kinds.append("fees")
    return kinds
