"""No admin list answers questions about secrets: only declared filters, never a password or token."""

import pytest
from django.contrib import admin
from django.contrib.admin.views.main import ERROR_FLAG
from django.urls import reverse

from kernel.admin import SafeLookupsAdmin
from kernel.secret_names import is_secret_name
from tests.factories import InvitationFactory, UserFactory

pytestmark = pytest.mark.slow  # every admin list, every lookup

# Each would let someone who may only read a list learn a hash or token character by character.
ORACLE_QUERIES = [
    "password__startswith=x",
    "password__regex=.",
    "password=x",
    "token__startswith=x",
    "token__regex=.",
    "person__password__regex=.",
    "actor__password__startswith=p",
    "invited_by__password__startswith=p",
    "author__password__regex=.",
    "organisation__people__password__regex=.",
    "feed_token__token__startswith=x",
    "user__password__startswith=x",
    "secret__startswith=x",
    "key__startswith=x",
    # Undeclared fields are refused too, not only those with a secret name.
    "last_login__isnull=False",
    "email__startswith=a",
]


def _changelists():
    return [
        (model, model_admin, reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist"))
        for model, model_admin in admin.site._registry.items()
    ]


def test_every_registered_admin_uses_the_portal_guard():
    assert _changelists()
    for model, model_admin, _url in _changelists():
        assert isinstance(model_admin, SafeLookupsAdmin), model._meta.label


def test_no_admin_searches_or_filters_a_secret():
    for model, model_admin, _url in _changelists():
        for name in model_admin.search_fields:
            assert not any(is_secret_name(part) for part in name.lstrip("^=@").split("__")), (model, name)
        for item in model_admin.list_filter:
            if isinstance(item, str):
                assert not any(is_secret_name(part) for part in item.split("__")), (model, item)


def test_secret_names():
    for name in ["password", "token", "feed_token", "secret", "key", "session_key", "recovery_codes", "api_key"]:
        assert is_secret_name(name), name
    for name in ["is_secret", "email", "organisation", "status", "municipality", "keywords", "start"]:
        assert not is_secret_name(name), name


def _assert_refused(response, url):
    if response.status_code == 302:
        assert f"{ERROR_FLAG}=1" in response["Location"], url
    else:
        assert response.status_code == 400, (url, response.status_code)


@pytest.mark.django_db
@pytest.mark.parametrize("persona", ["board", "secretariat"])
def test_every_list_refuses_lookups_on_secrets_and_undeclared_fields(client, request, persona):
    user = request.getfixturevalue(persona)
    InvitationFactory()
    UserFactory()
    client.force_login(user)
    asked = 0
    for _model, _model_admin, url in _changelists():
        if client.get(url).status_code != 200:
            continue  # this persona may not see that list at all
        asked += 1
        for query in ORACLE_QUERIES:
            _assert_refused(client.get(f"{url}?{query}"), f"{url}?{query}")
    # The board reads every association record, the secretariat also the audit log and the outbox.
    assert asked >= 20


@pytest.mark.django_db
def test_declared_filters_and_search_still_work(client, secretariat, organisation):
    client.force_login(secretariat)
    people = reverse("admin:members_user_changelist")
    for query in ["is_active__exact=1", "organisation__status__exact=active", "q=secretariat", "o=1"]:
        assert client.get(f"{people}?{query}").status_code == 200, query
    offices = reverse("admin:members_mandate_changelist")
    for query in ["term=current", "role__exact=delegate", "start__year=2025", "start__year=2025&start__month=3"]:
        assert client.get(f"{offices}?{query}").status_code == 200, query
    invitations = reverse("admin:members_invitation_changelist")
    assert client.get(f"{invitations}?organisation__id__exact={organisation.pk}").status_code == 200
    # The raw-id popup for choosing a person keeps working.
    assert client.get(f"{people}?_to_field=id&_popup=1").status_code == 200
