"""Configuration from the environment: wrong values stop the start, production is strict."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from kernel.env import email_mailer, env_bool, env_int, env_weekly_time

ROOT = Path(__file__).resolve().parents[2]
PRODUCTION = {
    "DEBUG": "false",
    "SECRET_KEY": "x7!kP2#vQ9zL4@mN8$rT1^wY6&bH3*cJ5(dF0)gS-eA+uZ=iO_lK",
    "ALLOWED_HOSTS": "portal.defus.example",
    "SITE_URL": "https://portal.defus.example",
    "DATABASE_URL": "postgres://postgres@127.0.0.1:5432/defus",
    "REDIS_URL": "redis://127.0.0.1:6379/0",
    "EMAIL_URL": "submission://user:secret@mail.example:587",
}


def _manage(*args, env: dict) -> subprocess.CompletedProcess:
    clean = {k: v for k, v in os.environ.items() if k not in PRODUCTION and k != "DJANGO_SETTINGS_MODULE"}
    return subprocess.run(
        [sys.executable, "manage.py", *args],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_env_bool_names_the_variable(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="DEBUG"):
        env_bool("DEBUG", True)


def test_env_int_names_the_variable(monkeypatch):
    monkeypatch.setenv("SECURE_HSTS_SECONDS", "a year")
    with pytest.raises(ImproperlyConfigured, match="SECURE_HSTS_SECONDS"):
        env_int("SECURE_HSTS_SECONDS", 0)


@pytest.mark.parametrize("value", ["monday", "mon 25:00", "someday 07:00", "mon 7"])
def test_the_digest_time_must_be_a_weekday_and_a_time(monkeypatch, value):
    monkeypatch.setenv("DIGEST_SEND_AT", value)
    with pytest.raises(ImproperlyConfigured, match="DIGEST_SEND_AT"):
        env_weekly_time("DIGEST_SEND_AT", "mon 07:00")


def test_the_digest_time_reads_weekday_and_time(monkeypatch):
    monkeypatch.setenv("DIGEST_SEND_AT", "Friday 16:30")
    assert env_weekly_time("DIGEST_SEND_AT", "mon 07:00") == (4, 16, 30)


def test_email_url_variants():
    assert email_mailer("EMAIL_URL", "submission://u:p%40ss@mail.example")["OPTIONS"] == {
        "host": "mail.example",
        "port": 587,
        "username": "u",
        "password": "p@ss",
        "use_tls": True,
        "use_ssl": False,
        "timeout": 10,
    }
    assert email_mailer("EMAIL_URL", "smtps://mail.example")["OPTIONS"]["use_ssl"] is True
    assert email_mailer("EMAIL_URL", "console://")["BACKEND"].endswith("console.EmailBackend")


@pytest.mark.parametrize(
    ("variable", "value"),
    [("DEBUG", "perhaps"), ("DATABASE_URL", "mysql://x/y"), ("EMAIL_URL", "pigeon://loft"), ("SITE_URL", "portal")],
)
def test_a_wrong_value_stops_the_start_naming_the_variable(variable, value):
    result = _manage("check", env={variable: value})
    assert result.returncode != 0
    assert "ImproperlyConfigured" in result.stderr and variable in result.stderr


@pytest.mark.parametrize("missing", ["SECRET_KEY", "ALLOWED_HOSTS", "DATABASE_URL", "REDIS_URL"])
def test_production_requires_its_variables(missing):
    env = {k: v for k, v in PRODUCTION.items() if k != missing}
    result = _manage("check", env=env)
    assert result.returncode != 0
    assert missing in result.stderr


@pytest.mark.slow
def test_production_passes_the_deploy_check():
    result = _manage("check", "--deploy", "--fail-level", "WARNING", env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    assert "no issues" in result.stdout


@pytest.mark.slow
def test_loopback_can_switch_tls_settings_off():
    env = {**PRODUCTION, "SECURE_SSL_REDIRECT": "false", "SESSION_COOKIE_SECURE": "0", "CSRF_COOKIE_SECURE": "no"}
    code = (
        "from django.conf import settings as s; "
        + "print(s.SECURE_SSL_REDIRECT, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE)"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=env)
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "False"]
    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.stdout.split() == ["True", "True", "True"]


@pytest.mark.slow
def test_demo_data_never_loads_in_production():
    result = _manage("seed_demo", env=PRODUCTION)
    assert result.returncode != 0
    assert "production" in result.stderr
