"""On the real PostgreSQL: votes sent at the same moment still count once per member organisation."""

import threading
from concurrent.futures import ThreadPoolExecutor

import pytest
from django.core.exceptions import ValidationError
from django.db import connection

from assemblies import services
from assemblies.models import BallotCount, Vote
from tests.assemblies.helpers import before_voting, proxy_before_voting
from tests.factories import ResolutionFactory, make_delegate

pytestmark = pytest.mark.django_db(transaction=True)


def _at_once(count, cast):
    barrier = threading.Barrier(count)

    def run(index):
        try:
            barrier.wait()
            cast(index)
            return "cast"
        except ValidationError:
            return "refused"
        finally:
            connection.close()

    with ThreadPoolExecutor(max_workers=count) as pool:
        return list(pool.map(run, range(count)))


def test_two_concurrent_votes_by_one_delegate_count_once(postgres):
    ballot = ResolutionFactory()
    delegate = make_delegate()
    results = _at_once(2, lambda i: services.vote_cast(resolution=ballot, person=delegate, choice=["yes", "no"][i]))
    assert sorted(results) == ["cast", "refused"]
    assert Vote.objects.filter(resolution=ballot).count() == 1


def test_the_delegate_and_the_proxy_holder_at_once_count_once_in_a_secret_ballot(postgres):
    ballot = ResolutionFactory(is_secret=True)
    own, holder = make_delegate(), make_delegate()
    # Given before voting started (no proxy is taken afterwards).
    proxy_before_voting(ballot.meeting, organisation=own.organisation, holder=holder, recorded_by=own)
    people = [own, holder] * 5

    def cast(index):
        services.vote_cast(resolution=ballot, person=people[index], choice="yes", organisation=own.organisation)

    results = _at_once(len(people), cast)
    assert results.count("cast") == 1
    assert Vote.objects.filter(resolution=ballot, organisation=own.organisation).count() == 1
    # Nothing was counted for the refused attempts.
    assert BallotCount.objects.get(resolution=ballot, key="yes").count == 1


def test_two_proxies_at_once_cannot_both_take_the_last_place(postgres, settings):
    settings.ASSEMBLY_PROXIES_PER_DELEGATE = 1
    ballot = ResolutionFactory()
    holder = make_delegate()
    givers = [make_delegate() for _ in range(4)]

    def grant(index):
        giver = givers[index]
        services.proxy_grant(
            meeting=ballot.meeting, organisation=giver.organisation, holder=holder, recorded_by=giver,
            at=before_voting(ballot.meeting),
        )  # fmt: skip

    assert _at_once(4, grant).count("cast") == 1
    assert ballot.meeting.proxies.count() == 1
