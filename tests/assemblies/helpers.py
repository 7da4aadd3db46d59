"""Helpers for tests that vote through the ballot page."""

from assemblies import ballot_confirmation


def confirm_ballot(client, *resolutions) -> None:
    """The signed-in session has confirmed the password for ``resolutions``, as after allauth's reauthentication
    (tests/assemblies/test_vote_confirmation.py walks that step itself). Call after ``force_login``."""
    session = client.session
    session[ballot_confirmation.SESSION_KEY] = {"confirmed": [r.pk for r in resolutions], "asked": {}}
    session.save()
