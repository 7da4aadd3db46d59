"""Writes of the security analyses: the PKS import (an upsert per year, offence and municipality), surveys."""

import logging
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.db.models import Max
from django.utils import timezone
from django.utils.translation import gettext as _

from analyses.models import FIGURE_FIELDS, Area, CrimeFigure, IndicatorValue, Offence, PksImport, Survey
from analyses.pks import PksFormatError, PksTable, read_table
from members.models import Organisation

logger = logging.getLogger(__name__)


@dataclass
class PksReport:
    year: int
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    not_members: int = 0
    kept: int = 0
    totals: int = 0
    members_found: list[str] = field(default_factory=list)
    members_missing: list[str] = field(default_factory=list)

    def summary(self) -> str:
        lines = [
            f"year {self.year}: created {self.created}, updated {self.updated}, unchanged {self.unchanged}, "
            f"not members {self.not_members} rows",
            f"member organisations in the table: {', '.join(self.members_found) or '-'}",
        ]
        if self.members_missing:
            lines.append(f"member organisations not in the table: {', '.join(self.members_missing)}")
        return "\n".join(lines)


def member_organisations_by_key() -> dict[str, Organisation]:
    """Organisations whose figures are kept: every organisation with a key that is (or was) a member."""
    return {
        organisation.municipality_key: organisation
        for organisation in Organisation.objects.exclude(municipality_key="").exclude(
            status=Organisation.Status.APPLICANT
        )
    }


def pks_import(*, table: PksTable, dry_run: bool = False, demo: bool = False) -> PksReport:
    """Upsert the rows of member organisations and the national and state totals; count the rest.

    One transaction: either the whole table is written or nothing is. Importing the same table twice
    reports everything unchanged the second time.
    """
    members = member_organisations_by_key()
    report = PksReport(year=table.year)
    kept = []
    for row in table.rows:
        if row.area in (Area.FEDERAL, Area.STATE):
            report.totals += 1
            kept.append((row, None))
        elif row.municipality_key in members:
            kept.append((row, members[row.municipality_key]))
        else:
            report.not_members += 1
    report.kept = len(kept)
    keys_in_table = {row.municipality_key for row, _ in kept}
    report.members_found = sorted(o.name for key, o in members.items() if key in keys_in_table)
    report.members_missing = sorted(o.name for key, o in members.items() if key not in keys_in_table)

    with transaction.atomic():
        offences = _offences(table, kept)
        existing = {
            (figure.offence_id, figure.municipality_key): figure
            for figure in CrimeFigure.objects.filter(year=table.year, municipality_key__in=keys_in_table)
        }
        to_create, to_update = [], []
        for row, organisation in kept:
            offence = offences[row.offence_key]
            values = {
                "offence_name": row.offence_name,
                "area_name": row.area_name,
                "area": row.area,
                "organisation_id": organisation.pk if organisation else None,
                "cases": row.cases,
                "frequency": row.frequency,
                "attempts": row.attempts,
                "cleared": row.cleared,
                "clearance_rate": row.clearance_rate,
                "suspects": row.suspects,
                "suspects_male": row.suspects_male,
                "suspects_female": row.suspects_female,
                "suspects_non_german": row.suspects_non_german,
                "is_demo": demo,
            }
            figure = existing.get((offence.pk, row.municipality_key))
            if figure is None:
                to_create.append(
                    CrimeFigure(year=table.year, offence=offence, municipality_key=row.municipality_key, **values)
                )
            elif any(getattr(figure, name) != value for name, value in values.items()):
                for name, value in values.items():
                    setattr(figure, name, value)
                to_update.append(figure)
            else:
                report.unchanged += 1
        report.created, report.updated = len(to_create), len(to_update)
        if dry_run:
            transaction.set_rollback(True)
            return report
        CrimeFigure.objects.bulk_create(to_create, batch_size=500)
        CrimeFigure.objects.bulk_update(to_update, FIGURE_FIELDS, batch_size=500)
    return report


def _offences(table: PksTable, kept) -> dict[str, Offence]:
    """The offences of the kept rows, created when new; the name follows the newest year imported."""
    names = {}
    for row, _organisation in kept:
        names.setdefault(row.offence_key, row.offence_name)
    offences = {offence.key: offence for offence in Offence.objects.filter(key__in=names)}
    latest = dict(
        CrimeFigure.objects.filter(offence__key__in=names)
        .values_list("offence__key")
        .annotate(latest=Max("year"))
        .values_list("offence__key", "latest")
    )
    for key, name in names.items():
        offence = offences.get(key)
        if offence is None:
            offences[key] = Offence.objects.create(key=key, name=name)
        elif offence.name != name and table.year >= latest.get(key, 0):
            offence.name = name
            offence.save(update_fields=["name"])
    return offences


def pks_import_file(*, data: bytes, filename: str, year: int | None = None, dry_run: bool = False) -> PksReport:
    """Read and import a file; raises PksFormatError (nothing written) for a file of the wrong shape."""
    return pks_import(table=read_table(data, filename=filename, year=year), dry_run=dry_run)


def pks_upload_preview(*, run: PksImport) -> PksImport:
    """Check an uploaded table and describe what importing it would do, writing no figure.

    A refused file is deleted: the run keeps only its name and the reason.
    """
    try:
        report = pks_import_file(data=_upload_bytes(run), filename=_upload_name(run), year=run.year, dry_run=True)
    except Exception as error:
        _fail(run, error)
    else:
        run.year = report.year
        run.created, run.updated, run.unchanged, run.not_members = (
            report.created,
            report.updated,
            report.unchanged,
            report.not_members,
        )
        run.report = report.summary()
    run.save()
    return run


def pks_upload_confirm(*, run: PksImport) -> PksImport:
    """Import a previewed upload for real (the table is read again: what is written is what the file says).

    Every confirmation ends the run, imported or refused: a run left waiting could be confirmed for ever.
    """
    with transaction.atomic():
        run = PksImport.objects.select_for_update().get(pk=run.pk)
        if run.state != PksImport.State.PREVIEW:
            return run
        try:
            # pks_import writes in a savepoint of its own: a failing write leaves this transaction usable.
            report = pks_import_file(data=_upload_bytes(run), filename=_upload_name(run), year=run.year)
        except Exception as error:
            _fail(run, error)
        else:
            run.state = PksImport.State.DONE
            run.created, run.updated, run.unchanged, run.not_members = (
                report.created,
                report.updated,
                report.unchanged,
                report.not_members,
            )
            run.report = report.summary()
        run.finished_at = timezone.now()
        run.save()
    return run


def _upload_bytes(run: PksImport) -> bytes:
    with run.file.open("rb") as handle:
        return handle.read()


def _upload_name(run: PksImport) -> str:
    # The stored name is random; the year may be in the original one.
    return run.file_name or run.file.name


def _fail(run: PksImport, error: Exception) -> None:
    """The run is refused with the reason; anything but a refusal of the file is a bug, logged in full."""
    if isinstance(error, PksFormatError):
        run.report = str(error)
    else:
        logger.exception("PKS import %s failed", run.pk)
        run.report = _("The table could not be imported because of an error in the portal; it has been logged.")
    run.state = PksImport.State.FAILED
    run.finished_at = timezone.now()
    if run.file:
        run.file.delete(save=False)


def survey_record(
    *,
    author,
    organisation: Organisation,
    year: int,
    title: str,
    method: str,
    sample_size: int,
    questionnaire=None,
    report=None,
    values: dict | None = None,
):
    """A city's survey with its indicator values, all or nothing; one survey of a title per city and year."""

    if not organisation.municipality_key:
        raise ValidationError(_("Only a member city or district records a citizen survey."))
    try:
        with transaction.atomic():
            survey = Survey.objects.create(
                organisation=organisation,
                year=year,
                title=title,
                method=method,
                sample_size=sample_size,
                questionnaire=questionnaire,
                report=report,
                created_by=author,
            )
            IndicatorValue.objects.bulk_create(
                IndicatorValue(survey=survey, indicator=indicator, value=value)
                for indicator, value in (values or {}).items()
                if value is not None
            )
    except IntegrityError:
        raise ValidationError(_("This city already has a survey of this title for this year.")) from None
    return survey
