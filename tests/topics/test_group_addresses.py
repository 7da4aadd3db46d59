"""A group's address keeps its German words readable ("strassenkriminalitaet-oeffentlicher-raum"); the addresses
it had before lead to the new ones (issue 28)."""

import importlib

import pytest
from django.apps import apps
from django.urls import reverse
from django.utils.text import slugify

from kernel.text import german_slug
from tests.factories import MembershipFactory, WorkingGroupFactory, make_thread
from topics.models import FormerGroupAddress, WorkingGroup
from topics.services import group_readdress

pytestmark = pytest.mark.django_db
NAME = "Straßenkriminalität & öffentlicher Raum"


def test_umlauts_and_sharp_s_are_written_out():
    assert german_slug(NAME) == "strassenkriminalitaet-oeffentlicher-raum"
    assert german_slug("Übergänge – Jugend") == "uebergaenge-jugend"


def test_old_addresses_lead_to_the_new_ones(client, member):
    group = WorkingGroupFactory(name=NAME, slug=slugify(NAME))
    MembershipFactory(group=group, person=member)
    thread = make_thread(group=group, author=member)
    old_group_url = reverse("group_detail", args=[group.slug])
    old_thread_url = reverse("thread_detail", args=[group.slug, thread.pk])
    group_readdress(group=group)
    group.save()
    assert group.slug == "strassenkriminalitaet-oeffentlicher-raum"
    client.force_login(member)
    response = client.get(old_group_url)
    assert response.status_code == 301 and response["Location"] == reverse("group_detail", args=[group.slug])
    response = client.get(old_thread_url + "?seite=2")
    assert response["Location"] == reverse("thread_detail", args=[group.slug, thread.pk]) + "?seite=2"
    assert client.get(response["Location"]).status_code == 200
    assert client.get(reverse("group_detail", args=["gibt-es-nicht"])).status_code == 404


def test_renaming_twice_keeps_every_old_address_and_frees_a_reused_one(client, member):
    group = WorkingGroupFactory(name="Alt", slug="alt")
    group.name = "Mittel"
    group_readdress(group=group)
    group.save()
    group.name = "Alt"
    group_readdress(group=group)
    group.save()
    assert group.slug == "alt"
    assert list(FormerGroupAddress.objects.values_list("slug", flat=True)) == ["mittel"]


def test_the_migration_rewrites_made_up_short_names_only():
    migration = importlib.import_module("topics.migrations.0007_former_group_addresses")
    made = WorkingGroupFactory(name=NAME, slug=slugify(NAME))
    chosen = WorkingGroupFactory(name="Öffentlicher Raum", slug="raum")
    migration.keep_german_words(apps, None)
    made.refresh_from_db()
    chosen.refresh_from_db()
    assert made.slug == "strassenkriminalitaet-oeffentlicher-raum" and chosen.slug == "raum"
    assert FormerGroupAddress.objects.get().slug == slugify(NAME)
    assert WorkingGroup.objects.count() == 2


def test_the_admin_gives_a_new_group_its_address(client, secretariat):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:topics_workinggroup_add"),
        {
            "name": "Prävention für Ältere",
            "join_policy": "open",
            "description": "",
            "membership_set-TOTAL_FORMS": "0",
            "membership_set-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 302
    assert WorkingGroup.objects.get(name="Prävention für Ältere").slug == "praevention-fuer-aeltere"
