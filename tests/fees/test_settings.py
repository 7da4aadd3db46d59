"""The invoice settings: a wrong bank account or tax status stops the start, naming the variable."""

import subprocess
import sys

import pytest

from tests.defus.test_settings import ROOT


def _check(**env) -> subprocess.CompletedProcess:
    code = "import django; django.setup()"
    return subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={"DJANGO_SETTINGS_MODULE": "defus.settings", "PATH": "/usr/bin:/bin", **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    ("env", "named"),
    [
        ({"INVOICE_IBAN": "DE02 1203 0000 0000 2020 52"}, "INVOICE_IBAN"),  # one digit off: the checksum fails
        ({"INVOICE_BIC": "BYLA"}, "INVOICE_BIC"),
        ({"INVOICE_VAT_CATEGORY": "S"}, "INVOICE_VAT_CATEGORY"),
        ({"INVOICE_VAT_CATEGORY": "E"}, "INVOICE_TAX_NUMBER"),  # exempt without a tax number or VAT ID
        ({"INVOICE_PAYMENT_DAYS": "thirty"}, "INVOICE_PAYMENT_DAYS"),
    ],
)
def test_a_wrong_value_stops_the_start(env, named):
    result = _check(**env)
    assert result.returncode != 0 and "ImproperlyConfigured" in result.stderr and named in result.stderr


def test_the_settings_read_an_iban_as_written():
    code = "from django.conf import settings; print(settings.INVOICE_IBAN, settings.INVOICE_VAT_CATEGORY)"
    result = subprocess.run(
        [sys.executable, "-c", f"import django; django.setup(); {code}"],
        cwd=ROOT,
        env={
            "DJANGO_SETTINGS_MODULE": "defus.settings",
            "PATH": "/usr/bin:/bin",
            "INVOICE_IBAN": "de89 3704 0044 0532 0130 00",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.stdout.split() == ["DE89370400440532013000", "O"], result.stderr
