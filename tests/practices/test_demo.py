import pytest
from django.core.management import call_command

from defus.desk import work_queue
from members.models import User
from practices.models import Level, Practice, Uptake

pytestmark = pytest.mark.django_db


def test_the_demo_has_a_dozen_invented_practices_in_every_state_of_review_and_seeds_once():
    call_command("seed_demo")
    call_command("seed_demo")
    practices = Practice.objects.all()
    assert 10 <= practices.count() <= 14
    assert all(title.endswith("(Demo)") for title in practices.values_list("title", flat=True))
    assert set(practices.values_list("state", flat=True)) == {"draft", "submitted", "published"}
    published = practices.filter(state="published")
    assert set(published.values_list("level", flat=True)) == set(Level.values)
    assert all(p.level_reason and p.level_decided_on for p in published)
    assert published.filter(is_public=True).exists() and published.filter(is_public=False).exists()
    submitted = practices.filter(state="submitted")
    assert submitted.filter(reviews__isnull=True).exists()  # waiting for its first rating
    assert submitted.filter(disputed_at__isnull=True, reviews__isnull=False).exists()  # one rating given
    assert submitted.filter(disputed_at__isnull=False).exists()  # the two disagreed: a third decides
    assert practices.values("organisations").distinct().count() >= 10
    assert set(practices.values_list("offences__key", flat=True)) >= {"435*00", "899000", "220000"}
    assert Uptake.objects.filter(kind="interested").exists() and Uptake.objects.filter(kind="adopted").exists()
    # One rated over two years ago is due again on the secretariat's desk.
    secretariat = User.objects.get(email="sekretariat@defus.example")
    assert {line.pending.key: line.count for line in work_queue(secretariat)}["practices_rereview"] == 1
