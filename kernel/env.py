"""Strict helpers that read configuration from the environment.

Every helper raises ImproperlyConfigured naming the variable when a value is
malformed, so a wrong setting stops the start instead of failing later.
"""

import email.utils
import os
import re
import secrets
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlsplit

from django.core.exceptions import ImproperlyConfigured

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_bool(name: str, default: bool) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    value = raw.strip().lower()
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false (1/0, yes/no, on/off), got {raw!r}.")


def env_int(name: str, default: int, *, minimum: int | None = None) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        value = int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, got {raw!r}.") from None
    if minimum is not None and value < minimum:
        raise ImproperlyConfigured(f"{name} must be at least {minimum}, got {value}.")
    return value


def env_list(name: str, default: list[str]) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return default
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_required(name: str) -> str:
    value = os.environ.get(name, "").strip()
    if not value:
        raise ImproperlyConfigured(f"{name} must be set when DEBUG is false.")
    return value


def local_secret_key(path: Path) -> str:
    """The development key of this checkout, kept in an ignored file (``make run`` writes it once).

    Never a key committed to the repository: signed links (unsubscribe, password reset) of one
    instance must not be forgeable on another. Without the file (a fresh clone running the tests)
    each process gets a random key of its own.
    """
    try:
        key = path.read_text(encoding="utf-8").strip()
    except FileNotFoundError:
        key = ""
    return key or secrets.token_urlsafe(50)


def env_url(name: str, default: str, *, schemes: set[str]) -> str:
    """Return a URL whose scheme is one of ``schemes``."""
    raw = os.environ.get(name, default).strip()
    parts = urlsplit(raw)
    if parts.scheme not in schemes:
        allowed = ", ".join(sorted(schemes))
        raise ImproperlyConfigured(f"{name} must be a URL with one of the schemes {allowed}, got {raw!r}.")
    if parts.scheme not in {"sqlite", "file", "console", "locmem", "dummy"} and not parts.hostname:
        raise ImproperlyConfigured(f"{name} must name a host, got {raw!r}.")
    return raw


_HOST_NAME = re.compile(r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$")


def env_host(name: str, default: str) -> str:
    """A bare host name (no scheme, port or path), lower case, e.g. the domain of reply addresses."""
    raw = os.environ.get(name, default).strip().lower().rstrip(".")
    if not _HOST_NAME.match(raw):
        raise ImproperlyConfigured(f"{name} must be a host name such as mail.example.org, got {raw!r}.")
    return raw


def env_address(name: str, default: str) -> str:
    """An email address, bare or with a display name ("DEFUS Geschäftsstelle <geschaeftsstelle@defus.example>")."""
    raw = os.environ.get(name, default).strip()
    _display, address = email.utils.parseaddr(raw)
    local, _at, domain = address.rpartition("@")
    if not local or not _HOST_NAME.match(domain.lower().rstrip(".")):
        raise ImproperlyConfigured(f"{name} must be an email address such as Name <office@example.org>, got {raw!r}.")
    return raw


def env_optional_url(name: str, *, schemes: set[str]) -> str:
    """Like ``env_url``, but unset or empty means "not used" and gives ""."""
    if not os.environ.get(name, "").strip():
        return ""
    return env_url(name, "", schemes=schemes)


def email_mailer(name: str, url: str) -> dict:
    """Translate an EMAIL_URL into a Django 6.1 ``MAILERS`` entry.

    smtp://user:pass@host:25        plain SMTP (STARTTLS with ?tls=1)
    submission://user:pass@host     port 587 with STARTTLS
    smtps://user:pass@host          implicit TLS on 465
    console://                      print to stdout
    file:///path/to/dir             one file per message
    locmem://                       in memory (tests)
    """
    parts = urlsplit(url)
    query = {key: values[-1] for key, values in parse_qs(parts.query).items()}
    simple = {
        "console": "django.core.mail.backends.console.EmailBackend",
        "file": "django.core.mail.backends.filebased.EmailBackend",
        "locmem": "django.core.mail.backends.locmem.EmailBackend",
        "dummy": "django.core.mail.backends.dummy.EmailBackend",
    }
    if parts.scheme in simple:
        mailer = {"BACKEND": simple[parts.scheme]}
        if parts.scheme == "file":
            if not parts.path:
                raise ImproperlyConfigured(f"{name} needs a directory: file:///path/to/dir")
            mailer["OPTIONS"] = {"file_path": parts.path}
        return mailer
    default_ports = {"smtp": 25, "submission": 587, "smtps": 465}
    try:
        port = parts.port or default_ports[parts.scheme]
    except ValueError:
        raise ImproperlyConfigured(f"{name} has an invalid port: {url!r}.") from None
    return {
        "BACKEND": "django.core.mail.backends.smtp.EmailBackend",
        "OPTIONS": {
            "host": parts.hostname,
            "port": port,
            "username": unquote(parts.username or "") or None,
            "password": unquote(parts.password or "") or None,
            "use_tls": parts.scheme == "submission" or query.get("tls", "").lower() in _TRUE,
            "use_ssl": parts.scheme == "smtps",
            "timeout": 10,
        },
    }


WEEKDAYS = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def env_weekly_time(name: str, default: str) -> tuple[int, int, int]:
    """A weekly moment such as ``mon 07:00``: (weekday 0–6 from Monday, hour, minute)."""
    raw = os.environ.get(name, default).strip().lower()
    try:
        day, clock = raw.split()
        hour, minute = (int(part) for part in clock.split(":"))
        weekday = WEEKDAYS.index(day[:3])
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a weekday and a time such as 'mon 07:00', got {raw!r}.") from None
    return weekday, hour, minute


def env_daily_time(name: str, default: str) -> tuple[int, int]:
    """A time of day such as ``03:30``: (hour, minute)."""
    raw = os.environ.get(name, default).strip()
    try:
        hour, minute = (int(part) for part in raw.split(":"))
        if not (0 <= hour < 24 and 0 <= minute < 60):
            raise ValueError
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a time of day such as '03:30', got {raw!r}.") from None
    return hour, minute
