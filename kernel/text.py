"""Plain text from users, made safe for places that take exactly one line (titles, headers, calendars),
and sane dates: what one member types must not break pages, feeds or mail of others.

A line break in a title ends a mail header or an iCalendar content line early; NUL cannot be stored in
PostgreSQL at all; an invisible format character makes a name read differently from what it is on a badge or an
official certificate (a right-to-left override turns a typed "gnp.exe" into "exe.png"), or two names look the same
that are not; a date in the year 9999 overflows as soon as a duration is added or it is shown in Europe/Berlin.
Forms and models use the helpers below, so neither a raw POST nor the admin gets past them.
"""

import datetime
import re
import unicodedata

from django import forms
from django.core.exceptions import ValidationError
from django.db import models
from django.utils import timezone
from django.utils.text import slugify
from django.utils.translation import gettext_lazy as _

# C0 and C1 control characters, DEL, and the Unicode line and paragraph separators.
_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]+")

# How far ahead or back a date of the association's life may lie (events, polls, visits).
SANE_YEARS = 5


def without_format_characters(value: str) -> str:
    """``value`` without Unicode format characters (category Cf: bidi overrides and isolates, zero-width
    spaces and joiners, the byte order mark, soft hyphens …), which show nothing themselves but change
    how the text around them reads."""
    if value.isascii():  # the common case, and no ASCII character is a format character
        return value
    return "".join(ch for ch in value if unicodedata.category(ch) != "Cf")


def single_line(value) -> str:
    """Control characters (line breaks, NUL, tabs …) become one space, format characters are dropped; the ends
    are trimmed."""
    return without_format_characters(_CONTROL.sub(" ", str(value or ""))).strip()


def _single_line_or_none(value):
    return None if value is None else single_line(value)


class SingleLineFormField(forms.CharField):
    """A form ``CharField`` whose value is one line whatever the browser (or a raw POST) sends."""

    def to_python(self, value):
        return _single_line_or_none(super().to_python(value))


class SingleLineField(models.CharField):
    """A model ``CharField`` that keeps one line of text on every save (forms, admin, services, imports).

    It migrates as a plain ``CharField``: the database column is the same.
    """

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def to_python(self, value):
        return _single_line_or_none(super().to_python(value))

    def pre_save(self, model_instance, add):
        value = _single_line_or_none(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value

    def formfield(self, **kwargs):
        return super().formfield(**{"form_class": SingleLineFormField, **kwargs})


def sane_range(now=None) -> tuple[datetime.datetime, datetime.datetime]:
    now = now or timezone.now()
    span = datetime.timedelta(days=365 * SANE_YEARS + 2)
    return now - span, now + span


def check_sane_datetime(value, *, now=None) -> None:
    """Raise ``ValidationError`` unless ``value`` (a datetime or date) lies within ``SANE_YEARS`` of today."""
    if value is None:
        return
    earliest, latest = sane_range(now)
    if isinstance(value, datetime.datetime):
        ok = earliest <= value <= latest
    else:
        ok = earliest.date() <= value <= latest.date()
    if not ok:
        raise ValidationError(
            _("Please choose a date within %(years)s years of today.") % {"years": SANE_YEARS}, code="date_range"
        )


def safe_add(start: datetime.datetime, duration: datetime.timedelta) -> datetime.datetime:
    """``start + duration`` or a ``ValidationError`` where the sum leaves the calendar (no OverflowError)."""
    try:
        return start + duration
    except OverflowError:
        raise ValidationError(_("This date is out of range."), code="date_range") from None


GERMAN_LETTERS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ß": "ss", "Ä": "Ae", "Ö": "Oe", "Ü": "Ue", "ẞ": "SS"})


def german_slug(value: str, max_length: int = 80) -> str:
    """An address part that keeps German words readable: "Straßenkriminalität & öffentlicher Raum" →
    "strassenkriminalitaet-oeffentlicher-raum" (Django's slugify alone drops ß and the umlauts' e)."""
    return slugify(value.translate(GERMAN_LETTERS))[:max_length].strip("-")
