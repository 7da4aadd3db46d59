"""The member list's columns and how a row's cells become checked values.

Column names are German, matched case- and space-insensitively; offices are named as the
portal shows them in German, with the variants secretariats write (Delegierter, Vorsitzende …).
"""

import dataclasses
import datetime
import decimal
import re

from django.core.exceptions import ValidationError
from django.core.validators import validate_email
from django.utils.translation import gettext as _

from kernel.parse import spreadsheet_amount, spreadsheet_date, spreadsheet_year
from members.models import FederalState, Role

# key: (label in the file and the export, other names the header may use)
COLUMNS: dict[str, tuple[str, tuple[str, ...]]] = {
    "organisation": ("Organisation", ("Mitglied", "Mitgliedsorganisation", "Kommune", "Institution")),
    "federal_state": ("Bundesland", ()),
    "salutation": ("Anrede", ()),
    "title": ("Titel", ("Akademischer Titel",)),
    "first_name": ("Vorname", ()),
    "last_name": ("Nachname", ("Name", "Familienname")),
    "email": ("E-Mail", ("Email", "E-Mail-Adresse", "Mail", "E-Mail Adresse")),
    "position": ("Funktion", ("Position", "Dienststellung")),
    "phone": ("Telefon", ("Tel", "Tel.", "Telefonnummer")),
    "role": ("Amt", ("Vereinsamt",)),
    "role_start": ("Amt von", ("Amtsbeginn", "Amt ab")),
    "role_end": ("Amt bis", ("Amtsende",)),
    "fee_year": ("Beitragsjahr", ()),
    "fee_amount": ("Beitrag", ("Beitrag (EUR)", "Beitrag in EUR", "Betrag")),
    "fee_paid_on": ("bezahlt am", ("Zahlungseingang", "Bezahlt")),
}
COLUMN_LABELS = {key: label for key, (label, _aliases) in COLUMNS.items()}
REQUIRED_COLUMNS = ("organisation", "first_name", "last_name", "email")
PERSON_COLUMNS = ("organisation", "salutation", "title", "first_name", "last_name", "position", "phone")


def _normalise(text: str) -> str:
    return re.sub(r"[\s_\-.:()]+", "", text.casefold())


_COLUMN_KEYS = {_normalise(name): key for key, (label, aliases) in COLUMNS.items() for name in (label, *aliases)}


def column_key(header_cell: str) -> str | None:
    return _COLUMN_KEYS.get(_normalise(header_cell)) if header_cell else None


# German names of the offices: the labels the portal shows, and how lists write them.
_ROLE_NAMES = {
    Role.CHAIR: ["Vorsitz", "Vorsitzende", "Vorsitzender", "Vorsitzende/r", "Vorsitzende(r)", "Erste Vorsitzende"],
    Role.DEPUTY_CHAIR: [
        "Stellvertretende/r Vorsitzende/r",
        "Stellvertretender Vorsitz",
        "Stellvertretende Vorsitzende",
        "Stellvertretender Vorsitzender",
        "Stellv. Vorsitz",
        "Stellv. Vorsitzende/r",
        "Stellvertretung",
    ],
    Role.TREASURER: ["Schatzmeister/in", "Schatzmeister", "Schatzmeisterin", "Kassenwart", "Kassenwartin"],
    Role.BOARD_MEMBER: ["Vorstandsmitglied", "Vorstand", "Beisitzer", "Beisitzerin", "Beisitzer/in"],
    Role.DELEGATE: ["Delegierte/r", "Delegierte", "Delegierter", "Delegierte(r)", "Stimmberechtigte/r"],
    Role.AUDITOR: [
        "Kassenprüfer/in",
        "Kassenprüfer",
        "Kassenprüferin",
        "Rechnungsprüfer",
        "Rechnungsprüferin",
        "Rechnungsprüfer/in",
    ],
    Role.SECRETARIAT: ["Geschäftsstelle", "Geschäftsführung", "Geschäftsführer/in"],
}
ROLE_KEYS = {_normalise(name): role for role, names in _ROLE_NAMES.items() for name in names}
# The German name the export writes (the portal's label).
ROLE_LABELS_DE = {role: names[0] for role, names in _ROLE_NAMES.items()}

_STATE_KEYS = {
    **{_normalise(code): code for code in FederalState.values},
    **{_normalise(str(label)): code for code, label in FederalState.choices},
}


class RowError(Exception):
    """Why a row is skipped, in words for the secretariat."""


@dataclasses.dataclass
class RowData:
    organisation: str
    federal_state: str
    salutation: str
    title: str
    first_name: str
    last_name: str
    email: str
    position: str
    phone: str
    role: str | None
    role_start: datetime.date | None
    role_end: datetime.date | None
    fee_year: int | None
    fee_amount: decimal.Decimal | None
    fee_paid_on: datetime.date | None
    office_error: str = ""
    fee_error: str = ""

    def person_values(self) -> dict:
        """What the row says about the person (and their organisation): two rows of one person must agree."""
        return {key: getattr(self, key) for key in PERSON_COLUMNS}


def _text(values: dict, key: str, max_length: int) -> str:
    value = values.get(key)
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)  # a phone number typed into a number cell
    text = " ".join(str(value).split())
    if text[:1] == "'" and text[1:2] in ("=", "+", "-", "@"):
        text = text[1:]  # the export's guard against formulas, undone
    if len(text) > max_length:
        raise RowError(
            _("The column “%(column)s” is longer than %(max)s characters.")
            % {"column": COLUMN_LABELS[key], "max": max_length}
        )
    return text


def _shown(value) -> str:
    """A cell's value as a message quotes it: a cell may hold 32,767 characters, a message needs the start."""
    text = "" if value is None else str(value)
    return text if len(text) <= 40 else f"{text[:40]}…"


def _date(values: dict, key: str) -> datetime.date | None:
    value = values.get(key)
    try:
        return spreadsheet_date(value)
    except (ValueError, OverflowError):
        raise RowError(
            _("Invalid date in column “%(column)s”: %(value)s") % {"column": COLUMN_LABELS[key], "value": _shown(value)}
        ) from None


# What secretariats write in a fee column for "not paid (yet)": not an error, no date.
_NOT_PAID_MARKS = {"-", "–", "—", "--", "n/a", "?"}
_NOT_PAID_WORDS = {"offen", "nochoffen", "ausstehend", "unbezahlt", "nein", "srechnung", "sieherechnung"}


def _not_paid(value) -> bool:
    if not isinstance(value, str):
        return False
    text = value.strip().casefold()
    return text in _NOT_PAID_MARKS or _normalise(text) in _NOT_PAID_WORDS


def parse_row(values: dict) -> RowData:
    """The checked values of one row, or RowError with the first problem found about the person.

    The person, their office and their fee are separate parts of a row: a bad office or fee cell does not
    raise but leaves its reason in ``office_error`` or ``fee_error``, and that part is skipped.
    """
    organisation = _text(values, "organisation", 200)
    first_name = _text(values, "first_name", 100)
    last_name = _text(values, "last_name", 100)
    email = _text(values, "email", 254).lower()
    if not organisation:
        raise RowError(_("The organisation is missing."))
    if not first_name or not last_name:
        raise RowError(_("First name and last name are required."))
    if not email:
        raise RowError(_("The email address is missing."))
    try:
        validate_email(email)
    except ValidationError:
        raise RowError(_("Invalid email address: %(value)s") % {"value": email}) from None

    state_text = _text(values, "federal_state", 40)
    federal_state = _STATE_KEYS.get(_normalise(state_text), "") if state_text else ""
    if state_text and not federal_state:
        raise RowError(_("Unknown federal state: %(value)s") % {"value": state_text})

    data = RowData(
        organisation=organisation,
        federal_state=federal_state,
        salutation=_text(values, "salutation", 20),
        title=_text(values, "title", 40),
        first_name=first_name,
        last_name=last_name,
        email=email,
        position=_text(values, "position", 200),
        phone=_text(values, "phone", 40),
        role=None,
        role_start=None,
        role_end=None,
        fee_year=None,
        fee_amount=None,
        fee_paid_on=None,
    )
    try:
        data.role, data.role_start, data.role_end = _office(values)
    except RowError as exc:
        data.office_error = str(exc)
    try:
        data.fee_year, data.fee_amount, data.fee_paid_on = _fee(values)
    except RowError as exc:
        data.fee_error = str(exc)
    return data


def _office(values: dict) -> tuple:
    role_text = _text(values, "role", 100)
    role_start = _date(values, "role_start")
    role_end = _date(values, "role_end")
    if not role_text:
        if role_start or role_end:
            raise RowError(_("Dates of an office are given, but no office (Amt)."))
        return None, None, None
    role = ROLE_KEYS.get(_normalise(role_text))
    if role is None:
        raise RowError(_("Unknown office: %(value)s") % {"value": role_text})
    if role_start is None:
        raise RowError(_("The office “%(office)s” has no start date (Amt von).") % {"office": role_text})
    if role_end is not None and role_end < role_start:
        raise RowError(_("The office ends before it starts."))
    return role, role_start, role_end


def _fee(values: dict) -> tuple:
    try:
        fee_year = spreadsheet_year(values.get("fee_year"))
        if fee_year is not None and not 1990 <= fee_year <= 2100:
            raise ValueError(fee_year)
    except ValueError:
        raise RowError(_("Invalid fee year: %(value)s") % {"value": _shown(values.get("fee_year"))}) from None
    amount_cell = values.get("fee_amount")
    try:
        fee_amount = None if _not_paid(amount_cell) else spreadsheet_amount(amount_cell)
    except (ValueError, decimal.InvalidOperation):
        raise RowError(_("Invalid amount: %(value)s") % {"value": _shown(amount_cell)}) from None
    if fee_amount is not None and fee_amount >= 10_000_000:
        raise RowError(_("Invalid amount: %(value)s") % {"value": _shown(amount_cell)})
    paid_cell = values.get("fee_paid_on")
    fee_paid_on = None if _not_paid(paid_cell) else _date(values, "fee_paid_on")
    if (fee_amount is not None or fee_paid_on) and fee_year is None:
        raise RowError(_("A fee needs its year (Beitragsjahr)."))
    if fee_year is not None and fee_amount is None:
        raise RowError(_("The fee for %(year)s has no amount.") % {"year": fee_year})
    return fee_year, fee_amount, fee_paid_on
