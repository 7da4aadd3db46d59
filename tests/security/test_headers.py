"""Security headers on every kind of page; a CSP that allows no inline script, in tests and in production."""

import json

import pytest
from django.urls import reverse

from tests.defus.test_settings import PRODUCTION, _manage
from tests.security.world import build_world

pytestmark = pytest.mark.django_db


def csp_of(response) -> dict[str, list[str]]:
    header = response.headers.get("Content-Security-Policy", "")
    directives = [part.split() for part in header.split(";") if part.strip()]
    return {words[0]: words[1:] for words in directives}


def assert_secure_headers(response, url):
    csp = csp_of(response)
    assert csp, f"{url}: no Content-Security-Policy"
    script_src = csp.get("script-src", csp.get("default-src"))
    assert script_src is not None, url
    assert "'unsafe-inline'" not in script_src and "'unsafe-eval'" not in script_src, (url, script_src)
    assert "*" not in script_src and "data:" not in script_src, (url, script_src)
    assert csp.get("object-src") == ["'none'"], url
    assert csp.get("frame-ancestors") == ["'none'"], url
    assert csp.get("base-uri") == ["'self'"], url
    assert response.headers.get("X-Content-Type-Options") == "nosniff", url
    assert response.headers.get("Referrer-Policy") == "same-origin", url
    assert response.headers.get("X-Frame-Options") == "DENY", url
    assert response.headers.get("Cross-Origin-Opener-Policy") == "same-origin", url


def test_public_pages_send_the_security_headers(client):
    for url in (
        reverse("home"),
        reverse("impressum"),
        reverse("account_login"),
        reverse("account_reset_password"),
        reverse("healthz"),
        "/gibt-es-nicht/",
        reverse("dashboard"),  # the redirect to the login page
    ):
        assert_secure_headers(client.get(url), url)


def test_member_and_admin_pages_send_the_security_headers_and_carry_no_inline_script(client, member, secretariat):
    world = build_world(member=member)
    client.force_login(member)
    pages = [(url, client.get(url)) for url in world.member_pages()]
    client.force_login(secretariat)
    for url in (
        reverse("admin:index"),
        reverse("admin:members_organisation_changelist"),
        reverse("admin:members_invitation_add"),
    ):
        pages.append((url, client.get(url)))
    for url, response in pages:
        assert response.status_code == 200, url
        assert_secure_headers(response, url)
        assert inline_code(response.content.decode()) == [], url


def inline_code(html: str) -> list[str]:
    """Inline scripts and event-handler attributes: the CSP would block them, so a page must not need them."""
    from html.parser import HTMLParser

    found = []

    class Finder(HTMLParser):
        in_script = False

        def handle_starttag(self, tag, attrs):
            attributes = dict(attrs)
            for name in attributes:
                if name.startswith("on"):
                    found.append(f"<{tag} {name}>")
            if tag == "script" and "src" not in attributes and attributes.get("type") != "application/json":
                self.in_script = True

        def handle_endtag(self, tag):
            self.in_script = False

        def handle_data(self, data):
            if self.in_script and data.strip():
                found.append(f"<script>{data.strip()[:60]}")

    Finder().feed(html)
    return found


def test_production_configuration_is_strict():
    code = (
        "import json; from django.conf import settings as s; from allauth.mfa import app_settings as mfa; "
        "print(json.dumps({'csp': s.SECURE_CSP, 'hsts': s.SECURE_HSTS_SECONDS, 'ssl': s.SECURE_SSL_REDIRECT, "
        "'session_secure': s.SESSION_COOKIE_SECURE, 'csrf_secure': s.CSRF_COOKIE_SECURE, "
        "'session_httponly': s.SESSION_COOKIE_HTTPONLY, 'mfa_staff': s.MFA_REQUIRED_FOR_STAFF, "
        "'mfa_bypass': mfa.TOTP_INSECURE_BYPASS_CODE, 'middleware': s.MIDDLEWARE, 'debug': s.DEBUG}))"
    )
    result = _manage("shell", "--no-imports", "-c", code, env=PRODUCTION)
    assert result.returncode == 0, result.stderr
    config = json.loads(result.stdout.strip().splitlines()[-1])
    assert config["debug"] is False
    for directive in ("script-src", "style-src", "default-src"):
        assert config["csp"][directive] == ["'self'"], directive
    assert config["hsts"] >= 31536000 and config["ssl"] is True
    assert config["session_secure"] and config["csrf_secure"] and config["session_httponly"]
    assert config["mfa_staff"] is True and config["mfa_bypass"] is None
    assert "members.middleware.StaffMFAMiddleware" in config["middleware"]
    assert "django.middleware.csp.ContentSecurityPolicyMiddleware" in config["middleware"]
