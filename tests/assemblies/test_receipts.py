"""Votes people can see: asked once more before casting, listed as "Ihre Stimmen", and a receipt by e-mail with a
code the secretariat can check (for a secret ballot the receipt does not name the choice)."""

import re

import pytest
from django.core import mail
from django.urls import reverse

from assemblies import receipts
from assemblies.models import Vote
from tests.assemblies.helpers import confirm_ballot

pytestmark = pytest.mark.django_db


def _post(client, ballot, organisation, choice="yes", **more):
    return client.post(
        reverse("resolution_vote", args=[ballot.pk]), {"voter": f"o{organisation.pk}", "choice": choice, **more}
    )


def test_the_vote_is_confirmed_once_more_then_receipted(
    client, ballot, delegate, organisation, secretariat, django_capture_on_commit_callbacks
):
    organisation.email = "praevention@essen.example"
    organisation.save()
    client.force_login(delegate)
    confirm_ballot(client, ballot)
    page = _post(client, ballot, organisation).content.decode()
    assert "Stadt Essen stimmt mit Ja." in page or "Stadt Essen votes: Ja." in page
    assert not Vote.objects.exists()  # the question changes nothing
    with django_capture_on_commit_callbacks(execute=True):
        assert _post(client, ballot, organisation, confirmed="yes").status_code == 302
    vote = Vote.objects.get()
    code = receipts.receipt_code(vote)
    assert re.fullmatch(r"[A-Z2-7]{4}-[A-Z2-7]{4}", code)
    # Receipts to the delegate and to the organisation's address, each once, with the code and the choice.
    assert sorted(m.to[0] for m in mail.outbox) == sorted([delegate.email, "praevention@essen.example"])
    assert all(m.subject.startswith("Ihre Stimme") for m in mail.outbox)
    assert all(code in m.body and ("Ja" in m.body or "Yes" in m.body) for m in mail.outbox)
    # "Ihre Stimmen" on the resolution's page.
    detail = client.get(reverse("resolution_detail", args=[ballot.pk])).content.decode()
    assert code in detail
    # The secretariat checks the code; a code typed with spaces and small letters is the same, a wrong one is not.
    client.force_login(secretariat)
    url = reverse("resolution_detail", args=[ballot.pk])
    checked = client.get(url, {"receipt": code.lower().replace("-", " ")}).content.decode()
    assert "Stadt Essen" in checked and ("Gültig" in checked or "Valid" in checked)
    wrong = client.get(url, {"receipt": "AAAA-AAAA"}).content.decode()
    assert "Gültig" not in wrong and "Valid:" not in wrong
    # Nobody else may check codes.
    client.force_login(delegate)
    assert "Valid:" not in client.get(url, {"receipt": code}).content.decode()


def test_a_secret_ballot_receipt_does_not_name_the_choice(
    client, ballot, delegate, organisation, django_capture_on_commit_callbacks
):
    ballot.is_secret = True
    ballot.save()
    client.force_login(delegate)
    confirm_ballot(client, ballot)
    with django_capture_on_commit_callbacks(execute=True):
        _post(client, ballot, organisation, choice="no", confirmed="yes")
    (receipt,) = mail.outbox
    vote = Vote.objects.get()
    assert receipts.receipt_code(vote) in receipt.body
    assert "Nein" not in receipt.body and ": No" not in receipt.body
    assert receipts.vote_for_code(ballot, receipts.receipt_code(vote)) == vote


def test_a_code_is_bound_to_its_vote(ballot, delegate, organisation):
    from assemblies import services

    vote = services.vote_cast(resolution=ballot, person=delegate, choice="yes", organisation=organisation)
    code = receipts.receipt_code(vote)
    other = type(ballot).objects.create(
        meeting=ballot.meeting, title="Anderer Antrag", text="…", procedure="online",
        opens_at=ballot.opens_at, closes_at=ballot.closes_at,
    )  # fmt: skip
    assert receipts.vote_for_code(other, code) is None
    assert receipts.vote_for_code(ballot, "") is None and receipts.vote_for_code(ballot, "x" * 500) is None
