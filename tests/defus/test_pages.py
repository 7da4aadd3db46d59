"""Public pages, language, health check, error pages and security headers."""

import json

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db

PUBLIC = ["home", "impressum", "datenschutz", "barrierefreiheit"]


@pytest.mark.parametrize("name", PUBLIC)
def test_public_pages_are_german_by_default(client, name):
    # A browser asking for English still gets German until the reader switches.
    response = client.get(reverse(name), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")
    assert response.status_code == 200
    html = response.content.decode()
    assert '<html lang="de">' in html
    assert 'href="#main"' in html and '<main id="main"' in html


def test_impressum_shows_the_configured_legal_details(client, settings):
    html = client.get(reverse("impressum")).content.decode()
    for key in ("name", "street", "register_court", "register_number", "email"):
        assert settings.IMPRESSUM[key] in html


def test_accessibility_statement_names_the_feedback_contact(client, settings):
    html = client.get(reverse("barrierefreiheit")).content.decode()
    assert settings.ACCESSIBILITY_CONTACT["email"] in html


def test_language_switch_to_english_and_back(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": "/impressum/"})
    assert response.status_code == 302 and response["Location"] == "/impressum/"
    html = client.get(reverse("impressum")).content.decode()
    assert '<html lang="en">' in html and "Legal notice" in html
    client.post(reverse("set_language"), {"language": "de", "next": "/"})
    assert '<html lang="de">' in client.get(reverse("home")).content.decode()


def test_language_choice_is_kept_in_the_profile(client, member):
    client.force_login(member)
    client.post(reverse("set_language"), {"language": "en", "next": "/dashboard/"})
    member.refresh_from_db()
    assert member.language == "en"
    client.cookies.clear()
    client.force_login(member)
    assert '<html lang="en">' in client.get(reverse("dashboard")).content.decode()


def test_dashboard_requires_login_and_shows_offices_and_groups(client, delegate):
    assert client.get(reverse("dashboard"))["Location"].startswith(reverse("account_login"))
    client.force_login(delegate)
    html = client.get(reverse("dashboard")).content.decode()
    assert "Delegierte" in html and "Stadt Essen" in html


def test_healthz_reports_database_and_broker(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    body = json.loads(response.content)
    assert body["database"] == "ok"
    assert body["broker"] in {"ok", "in-process"}


def test_not_found_page_in_portal_look(client):
    response = client.get("/gibt-es-nicht/")
    assert response.status_code == 404
    html = response.content.decode()
    assert "Seite nicht gefunden" in html and "<nav" in html


def test_security_headers_and_csp_without_inline_scripts(client):
    response = client.get(reverse("home"))
    csp = response["Content-Security-Policy"]
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp.split("script-src")[1].split(";")[0]
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["X-Frame-Options"] == "DENY"


def test_admin_is_headed_for_the_secretariat(client, secretariat):
    client.force_login(secretariat)
    html = client.get(reverse("admin:index")).content.decode()
    assert "DEFUS Geschäftsstelle" in html and '<html lang="de"' in html


def test_admin_login_goes_through_the_portal_login(client):
    response = client.get("/admin/", follow=True)
    assert response.redirect_chain[-1][0].startswith(reverse("account_login"))


def test_server_error_page_renders_without_the_database(rf, django_assert_num_queries):
    from defus.views import error_500

    with django_assert_num_queries(0):
        response = error_500(rf.get("/"))
    assert response.status_code == 500
    html = response.content.decode()
    assert "<main" in html and 'lang="de"' in html


@pytest.mark.parametrize("url", ["/", "/accounts/login/", "/impressum/"])
def test_every_page_describes_itself_once_for_search_engines(client, url):
    html = client.get(url, follow=True).content.decode()
    assert html.count('<meta name="description" content="') == 1
    assert 'content="Mitgliederportal' in html


def test_sign_in_page_offers_one_forgotten_password_link(client):
    html = client.get(reverse("account_login")).content.decode()
    assert html.count(reverse("account_reset_password")) == 1


def test_admin_pages_describe_themselves(client, secretariat):
    client.force_login(secretariat)
    html = client.get("/admin/").content.decode()
    assert html.count('<meta name="description"') == 1
