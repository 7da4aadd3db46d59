"""The Leitweg-ID: where a German public authority receives e-invoices (XRechnung BT-10, buyer reference).

Its form (KoSIT, "Formatspezifikation Leitweg-ID"): a coarse address of 2 to 12 digits (the federal state, then
usually the official municipality key), an optional fine address of up to 30 letters or digits, and two check
digits (ISO/IEC 7064 MOD 97-10 over both addresses, letters counted A=10 … Z=35), joined by hyphens, e.g.
``05315000-1234512345-xx``. The city hall tells its suppliers its own; a typo sends the invoice nowhere, so the
check digits are checked.
"""

import re

from django.core.exceptions import ValidationError
from django.db import models
from django.utils.translation import gettext_lazy as _

FORM = re.compile(r"^(?P<coarse>[0-9]{2,12})(?:-(?P<fine>[0-9A-Z]{1,30}))?-(?P<check>[0-9]{2})$")


def normalise(value: str) -> str:
    """As written on a letter: without spaces, letters in capitals."""
    return "".join(value.split()).upper()


def check_digits(coarse: str, fine: str = "") -> str:
    number = int("".join(str(int(char, 36)) for char in coarse + fine))
    return f"{98 - (number * 100) % 97:02d}"


def validate_leitweg_id(value: str) -> None:
    match = FORM.match(normalise(value))
    if match is None:
        raise ValidationError(
            _(
                "Enter a Leitweg-ID such as 05315000-ABC123-45: 2 to 12 digits, optionally a hyphen and up to "
                "30 letters or digits, then a hyphen and two check digits."
            ),
            code="leitweg_form",
        )
    expected = check_digits(match["coarse"], match["fine"] or "")
    if match["check"] != expected:
        raise ValidationError(
            _("The check digits of this Leitweg-ID do not match (typing error?)."),
            code="leitweg_check",
        )


class LeitwegIdField(models.CharField):
    """Stored as written on a letter, without spaces and in capitals, whatever was typed."""

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        return name, "django.db.models.CharField", args, kwargs

    def to_python(self, value):
        value = super().to_python(value)
        return normalise(value) if value else value

    def pre_save(self, model_instance, add):
        value = self.to_python(getattr(model_instance, self.attname))
        setattr(model_instance, self.attname, value)
        return value
