"""Configuration that protects signed links and rate limits."""

import os
import subprocess
import sys
from pathlib import Path

import pytest
from allauth.core.internal.httpkit import get_client_ip
from django.test import RequestFactory, override_settings

from kernel.env import local_secret_key

ROOT = Path(__file__).resolve().parents[2]
OLD_COMMITTED_KEY = "insecure-local-demo-key-never-use-in-production-8f3a1c"


def _setting(name: str, **env) -> subprocess.CompletedProcess:
    clean = {
        k: v
        for k, v in os.environ.items()
        if k not in {"DEBUG", "SECRET_KEY", "TRUSTED_PROXY_COUNT", "DJANGO_SETTINGS_MODULE"}
    }
    return subprocess.run(
        [sys.executable, "-c", f"from defus import settings; print(settings.{name})"],
        cwd=ROOT,
        env={**clean, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_the_demo_configuration_has_no_key_from_the_repository():
    result = _setting("SECRET_KEY")
    assert result.returncode == 0, result.stderr
    key = result.stdout.strip()
    assert key != OLD_COMMITTED_KEY and len(key) >= 40
    assert not [path for path in (ROOT / "defus" / "settings").glob("*.py") if OLD_COMMITTED_KEY in path.read_text()]


def test_the_checkout_key_is_read_from_its_ignored_file(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("the-key-of-this-checkout\n")
    assert local_secret_key(path) == "the-key-of-this-checkout"


def test_without_the_file_each_process_gets_a_random_key(tmp_path):
    first, second = local_secret_key(tmp_path / "missing"), local_secret_key(tmp_path / "missing")
    assert first != second and len(first) >= 40
    assert not (tmp_path / "missing").exists()


def test_var_is_ignored_by_git():
    result = subprocess.run(["git", "check-ignore", "-q", "var/secret_key"], cwd=ROOT, check=False)
    assert result.returncode == 0


def test_production_still_requires_a_secret_key():
    result = _setting("SECRET_KEY", DEBUG="false", ALLOWED_HOSTS="portal.example")
    assert result.returncode != 0 and "SECRET_KEY" in result.stderr


def test_trusted_proxy_count_comes_from_the_environment():
    assert _setting("ALLAUTH_TRUSTED_PROXY_COUNT").stdout.strip() == "0"
    assert _setting("ALLAUTH_TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT="1").stdout.strip() == "1"
    wrong = _setting("ALLAUTH_TRUSTED_PROXY_COUNT", TRUSTED_PROXY_COUNT="nginx")
    assert wrong.returncode != 0 and "TRUSTED_PROXY_COUNT" in wrong.stderr


@pytest.mark.parametrize(
    ("count", "forwarded", "client"),
    [
        (0, "198.51.100.9", "127.0.0.1"),  # no proxy trusted: a forged header changes nothing
        (1, "198.51.100.9", "198.51.100.9"),  # the proxy's own entry names the client
        (1, "6.6.6.6, 198.51.100.9", "198.51.100.9"),  # what the client forged in front is ignored
    ],
)
def test_rate_limits_count_per_client_behind_the_proxy(count, forwarded, client):
    request = RequestFactory().post("/konto/login/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR=forwarded)
    with override_settings(ALLAUTH_TRUSTED_PROXY_COUNT=count):
        assert get_client_ip(request) == client
