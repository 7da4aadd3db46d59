"""Passwords are stored as Argon2id at OWASP's minimum parameters; a PBKDF2 hash stored before still signs in and
is rewritten as Argon2id at that sign-in (issue 32: signing in was the heaviest request)."""

import pytest
from django.conf import settings as project_settings
from django.contrib.auth.hashers import PBKDF2PasswordHasher, identify_hasher
from django.urls import reverse

from defus.settings import PASSWORD_HASHERS
from tests.factories import PASSWORD

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _production_hashers(settings):
    # The test settings hash with MD5 for speed; these tests ask what production does.
    settings.PASSWORD_HASHERS = PASSWORD_HASHERS
    assert project_settings.PASSWORD_HASHERS[0] == "defus.hashers.Argon2idHasher"


def test_a_new_password_is_argon2id_with_at_least_owasps_minimum(member):
    member.set_password(PASSWORD)
    member.save()
    algorithm, variant, version, parameters, *_ = member.password.split("$")
    assert (algorithm, variant) == ("argon2", "argon2id")
    values = dict(pair.split("=") for pair in parameters.split(","))
    assert int(values["m"]) >= 19 * 1024 and int(values["t"]) >= 2 and int(values["p"]) >= 1
    assert member.check_password(PASSWORD) and not member.check_password("wrong")


def test_a_pbkdf2_hash_signs_in_and_is_rewritten_as_argon2id(client, member):
    # Few iterations only to keep the test quick: the iterations are read from the stored hash.
    member.password = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt1234", iterations=1000)
    member.save()
    response = client.post(reverse("account_login"), {"login": member.email, "password": PASSWORD})
    assert response.status_code == 302 and response["Location"] == reverse("dashboard")
    member.refresh_from_db()
    assert identify_hasher(member.password).algorithm == "argon2"
    assert member.check_password(PASSWORD)


def test_a_wrong_password_leaves_the_old_hash_alone(client, member):
    old = PBKDF2PasswordHasher().encode(PASSWORD, "somesalt1234", iterations=1000)
    member.password = old
    member.save()
    client.post(reverse("account_login"), {"login": member.email, "password": "wrong password"})
    member.refresh_from_db()
    assert member.password == old
