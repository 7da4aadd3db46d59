"""Invariants the database itself enforces, on the real PostgreSQL."""

import datetime

import pytest
from django.db import IntegrityError, transaction

from members.models import Mandate, Role
from tests.factories import UserFactory


def test_a_term_cannot_end_before_it_starts(postgres):
    person = UserFactory()
    with pytest.raises(IntegrityError, match="mandate_end_after_start"), transaction.atomic():
        Mandate.objects.create(
            role=Role.CHAIR, person=person, start=datetime.date(2026, 5, 1), end=datetime.date(2026, 4, 30)
        )


def test_a_delegate_needs_an_organisation(postgres):
    person = UserFactory()
    with pytest.raises(IntegrityError, match="mandate_delegate_has_organisation"), transaction.atomic():
        Mandate.objects.create(role=Role.DELEGATE, person=person, start=datetime.date(2026, 5, 1))


def test_email_addresses_are_unique_whatever_the_case(postgres):
    UserFactory(email="anna@example.org")
    with pytest.raises(IntegrityError, match="user_email_ci_unique"), transaction.atomic():
        UserFactory(email="Anna@Example.org")
