"""Every URL name, requested as every persona, answers as the bylaws say.

A new URL name without an entry here fails the test, so no page escapes review.
"""

import pytest
from django.contrib import admin
from django.urls import reverse

from tests.conftest import PERSONAS
from tests.urls_helper import SAMPLE_KWARGS, portal_url_names

LOGIN = "login"  # 302 to the login page
OK, REDIRECT, GONE, NOT_FOUND, POST_ONLY = 200, 302, 410, 404, 405

# url name: (anonymous, signed in). Signed-in personas differ only in the admin (below).
EXPECTED = {
    "home": (OK, OK),
    "impressum": (OK, OK),
    "datenschutz": (OK, OK),
    "barrierefreiheit": (OK, OK),
    "healthz": (OK, OK),
    "dashboard": (LOGIN, OK),
    "set_language": (POST_ONLY, POST_ONLY),
    "invitation_accept": (GONE, GONE),
    "account_signup": (OK, REDIRECT),
    "account_login": (OK, REDIRECT),
    "account_logout": (REDIRECT, OK),
    "account_inactive": (OK, OK),
    "account_reauthenticate": (LOGIN, OK),
    "account_email": (LOGIN, OK),
    "account_email_verification_sent": (OK, OK),
    "account_change_password": (LOGIN, OK),
    "account_set_password": (LOGIN, REDIRECT),
    "account_reset_password": (OK, OK),
    "account_confirm_login_code": (REDIRECT, REDIRECT),
    "account_confirm_email": (OK, OK),
    "account_reset_password_from_key_done": (OK, OK),
    "account_reset_password_from_key": (OK, OK),
    "account_reset_password_done": (OK, OK),
    "mfa_index": (LOGIN, OK),
    "mfa_authenticate": (REDIRECT, REDIRECT),
    "mfa_reauthenticate": (LOGIN, REDIRECT),
    # Setting up a second factor asks for the password again first.
    "mfa_activate_totp": (LOGIN, REDIRECT),
    "mfa_deactivate_totp": (LOGIN, NOT_FOUND),
    "mfa_view_recovery_codes": (LOGIN, NOT_FOUND),
    "mfa_generate_recovery_codes": (LOGIN, REDIRECT),
    "mfa_download_recovery_codes": (LOGIN, NOT_FOUND),
}


def test_every_url_name_is_in_the_matrix():
    assert sorted(set(portal_url_names()) - set(EXPECTED)) == []
    assert sorted(set(EXPECTED) - set(portal_url_names())) == []


@pytest.mark.django_db
def test_each_url_answers_each_persona_as_expected(client, persona):
    name, user = persona
    if user is not None:
        client.force_login(user)
    failures = []
    for url_name in portal_url_names():
        url = reverse(url_name, kwargs=SAMPLE_KWARGS.get(url_name))
        response = client.get(url)
        expected = EXPECTED[url_name][0 if user is None else 1]
        if expected == LOGIN:
            ok = response.status_code == 302 and response["Location"].startswith(reverse("account_login"))
        else:
            ok = response.status_code == expected
        if not ok:
            failures.append(f"{url_name}: got {response.status_code}, expected {expected}")
    assert failures == [], f"{name}: {failures}"


# Admin: the secretariat and the board work there; nobody else does.
ADMIN_ACCESS = {"secretariat": OK, "board": OK}


def _admin_changelists():
    return [
        reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        for model in admin.site._registry
        if model._meta.app_label in {"members", "topics", "events", "funding"}
    ]


@pytest.mark.django_db
@pytest.mark.parametrize("name", PERSONAS)
def test_admin_access_follows_offices(client, request, name):
    user = None if name == "anonymous" else request.getfixturevalue(name)
    if user is not None:
        client.force_login(user)
    urls = [reverse("admin:index"), *_admin_changelists()]
    assert len(urls) > 4
    for url in urls:
        if user is None:
            response = client.get(url)
            assert response.status_code == 302, url
        else:
            # Signed in without the office: the admin's login step answers 403.
            response = client.get(url, follow=True)
            assert response.status_code == ADMIN_ACCESS.get(name, 403), (name, url, response.status_code)
