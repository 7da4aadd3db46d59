import pytest
from django.core.management import call_command

from practices.models import Level, Practice

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_rated_an_open_and_a_draft_practice_and_seeds_once():
    call_command("seed_demo")
    call_command("seed_demo")
    states = dict(Practice.objects.values_list("title", "state"))
    assert sorted(states.values()) == ["draft", "published", "submitted"]
    published = Practice.objects.get(state="published")
    assert published.level == Level.PROBABLE and published.level_reason
    assert published.offences.filter(key="435*00").exists()
