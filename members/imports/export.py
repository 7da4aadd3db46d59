"""The member list out again, in the columns the import reads: XLSX, or CSV as German Excel opens it."""

import datetime
import io
from decimal import Decimal

from django.http import HttpResponse
from django.utils import timezone

from kernel.spreadsheet import excel_csv, safe_cell
from members.imports.mapping import COLUMN_LABELS, ROLE_LABELS_DE
from members.models import FederalState, Mandate, MembershipFee, Role, User

COLUMNS = [
    "organisation",
    "federal_state",
    "salutation",
    "title",
    "first_name",
    "last_name",
    "email",
    "position",
    "phone",
    "role",
    "role_start",
    "role_end",
    "fee_year",
    "fee_amount",
    "fee_paid_on",
]
_STATE_NAMES = dict(FederalState.choices)


def rows() -> list[list]:
    """One row per person, one more per further office, and one per fee on a row of the organisation's first person.

    Importing the result again changes nothing. Offices that the list cannot describe (working group
    leads: their group is chosen in the admin) are left out. Four queries, whatever the size.
    """
    people = list(
        User.objects.filter(is_active=True, organisation__isnull=False)
        .exclude(email__endswith="@invalid")
        .select_related("organisation")
        .order_by("organisation__name", "last_name", "first_name", "email")
    )
    offices: dict[int, list[Mandate]] = {}
    for mandate in (
        Mandate.objects.filter(person__in=people).exclude(role=Role.WORKING_GROUP_LEAD).order_by("start", "role")
    ):
        offices.setdefault(mandate.person_id, []).append(mandate)
    fees: dict[int, list[MembershipFee]] = {}
    for fee in MembershipFee.objects.filter(organisation__people__in=people).distinct().order_by("year"):
        fees.setdefault(fee.organisation_id, []).append(fee)

    result, first_person = [], {}
    for person in people:
        first_person.setdefault(person.organisation_id, person)
        for mandate in offices.get(person.pk) or [None]:
            result.append(_row(person, mandate, None))
    for organisation_id, person in first_person.items():
        for fee in fees.get(organisation_id, []):
            result.append(_row(person, None, fee))
    return result


def _row(person: User, mandate: Mandate | None, fee: MembershipFee | None) -> list:
    organisation = person.organisation
    return [
        organisation.name,
        _STATE_NAMES.get(organisation.federal_state, ""),
        person.salutation,
        person.title,
        person.first_name,
        person.last_name,
        person.email,
        person.position,
        person.phone,
        ROLE_LABELS_DE.get(mandate.role, "") if mandate else "",
        mandate.start if mandate else None,
        mandate.end if mandate else None,
        fee.year if fee else None,
        fee.amount if fee else None,
        fee.paid_on if fee else None,
    ]


def _german(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.date):
        return value.strftime("%d.%m.%Y")
    if isinstance(value, Decimal):
        # 1.250,00 as German Excel shows it.
        return f"{value:,.2f}".replace(",", " ").replace(".", ",").replace(" ", ".")
    return str(value)


def as_csv() -> str:
    return excel_csv(([_german(value) for value in row] for row in rows()), [COLUMN_LABELS[c] for c in COLUMNS])


def as_xlsx() -> bytes:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "Mitglieder"
    sheet.append([COLUMN_LABELS[c] for c in COLUMNS])
    for row in rows():
        # Text is guarded like the CSV's: a cell starting with = + - @ would be a formula.
        sheet.append([safe_cell(value) if isinstance(value, str) else value for value in row])
    for letter, column in zip("ABCDEFGHIJKLMNO", COLUMNS, strict=True):
        if column in ("role_start", "role_end", "fee_paid_on"):
            for cell in sheet[letter][1:]:
                cell.number_format = "DD.MM.YYYY"
        if column == "fee_amount":
            for cell in sheet[letter][1:]:
                cell.number_format = "#,##0.00"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def response(kind: str) -> HttpResponse:
    stamp = timezone.localdate().isoformat()
    if kind == "xlsx":
        result = HttpResponse(
            as_xlsx(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
        )
    else:
        result = HttpResponse(as_csv(), content_type="text/csv; charset=utf-8")
    result["Content-Disposition"] = f'attachment; filename="defus-mitgliederliste-{stamp}.{kind}"'
    return result
