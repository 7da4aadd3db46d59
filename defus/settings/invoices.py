"""Settings of the membership fee invoices (fees app): the association's bank details and tax status.

Member fees of a registered association are, as a rule, not taxable (echter Mitgliedsbeitrag: no supply in
return for the fee), so the default VAT category is "O" (outside the scope of VAT) with that reason. An
association whose tax office treats its fees as tax-exempt sets ``INVOICE_VAT_CATEGORY=E`` with the legal
reason in ``INVOICE_TAX_NOTE`` and its tax number or VAT ID (EN 16931 BR-E-02 asks for one of them).
"""

import re

from django.core.exceptions import ImproperlyConfigured

from defus.settings.base import DEBUG
from defus.settings.security import IMPRESSUM
from kernel.env import env_int, env_str

_IBAN = re.compile(r"^[A-Z]{2}[0-9]{2}[A-Z0-9]{11,30}$")
_BIC = re.compile(r"^[A-Z]{6}[A-Z0-9]{2}([A-Z0-9]{3})?$")


def _iban(name: str, default: str) -> str:
    raw = env_str(name, default)
    iban = "".join(raw.split()).upper()
    if not iban:
        return ""
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4]) if _IBAN.match(iban) else ""
    if not digits or int(digits) % 97 != 1:
        raise ImproperlyConfigured(f"{name} must be an IBAN such as DE02 1203 0000 0000 2020 51, got {raw!r}.")
    return iban


def _bic(name: str, default: str) -> str:
    raw = env_str(name, default)
    bic = raw.strip().upper()
    if bic and not _BIC.match(bic):
        raise ImproperlyConfigured(f"{name} must be a BIC of 8 or 11 characters such as BYLADEM1001, got {raw!r}.")
    return bic


# Where the members pay. Without an IBAN no invoice can be issued (the admin says so); the demo has a test IBAN.
INVOICE_IBAN = _iban("INVOICE_IBAN", "DE02120300000000202051" if DEBUG else "")
INVOICE_BIC = _bic("INVOICE_BIC", "BYLADEM1001" if DEBUG else "")
INVOICE_ACCOUNT_HOLDER = env_str("INVOICE_ACCOUNT_HOLDER", IMPRESSUM["name"]).strip()
INVOICE_VAT_CATEGORY = env_str("INVOICE_VAT_CATEGORY", "O").strip().upper()
if INVOICE_VAT_CATEGORY not in {"O", "E"}:
    raise ImproperlyConfigured(
        f"INVOICE_VAT_CATEGORY must be O (not subject to VAT) or E (exempt from VAT), got {INVOICE_VAT_CATEGORY!r}."
    )
# Printed on the invoice and carried in the e-invoice as the VAT exemption reason (BT-120).
INVOICE_TAX_NOTE = env_str(
    "INVOICE_TAX_NOTE",
    "Echter Mitgliedsbeitrag eines eingetragenen Vereins: nicht steuerbar, es wird keine Umsatzsteuer berechnet.",
).strip()
if not INVOICE_TAX_NOTE:
    raise ImproperlyConfigured("INVOICE_TAX_NOTE must say why the invoice carries no VAT.")
# The association's tax number at its tax office (Steuernummer, BT-32), e.g. 27/123/45678.
INVOICE_TAX_NUMBER = env_str("INVOICE_TAX_NUMBER").strip()
if INVOICE_VAT_CATEGORY == "E" and not (INVOICE_TAX_NUMBER or IMPRESSUM["vat_id"]):
    raise ImproperlyConfigured(
        "INVOICE_VAT_CATEGORY=E needs INVOICE_TAX_NUMBER or IMPRESSUM_VAT_ID (EN 16931 BR-E-02)."
    )
# Days from the invoice date to the due date.
INVOICE_PAYMENT_DAYS = env_int("INVOICE_PAYMENT_DAYS", 30, minimum=0)
