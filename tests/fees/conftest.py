"""The fees' fixtures: a member city with its billing details and fee, on a pinned clock (1 March 2027)."""

import datetime
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.utils import translation

from fees.models import BillingDetails
from members.models import MembershipFee, Role
from tests.factories import MandateFactory, OrganisationFactory, UserFactory

NOW = datetime.datetime(2027, 3, 1, 10, 0, tzinfo=ZoneInfo("Europe/Berlin"))
# The example Leitweg-ID of the KoSIT specification (Bremen), check digits 06.
LEITWEG_ID = "04011000-1234512345-06"


@pytest.fixture(autouse=True)
def clock():
    """Every fees test runs on 1 March 2027, 10:00 in Berlin, whatever the day; ``clock.shift`` moves it.
    Messages of the services are read in English, whatever the German catalogue says (invoices stay German)."""
    with time_machine.travel(NOW, tick=False) as traveller, translation.override("en"):
        yield traveller


def make_city(name="Stadt Essen", *, billing=True, **fields):
    place = name.split()[-1]
    fields = {
        "street": "Porscheplatz 1",
        "postcode": "45127",
        "city": place,
        "email": f"info@{place.lower()}.example",
    } | fields
    if billing:
        fields = {"leitweg_id": LEITWEG_ID} | fields
    city = OrganisationFactory(name=name, slug=name.lower().replace(" ", "-"), **fields)
    if billing:
        BillingDetails.objects.create(
            organisation=city,
            invoice_email=f"rechnung@{place.lower()}.example",
            recipient=f"{name}, Ordnungsamt",
            street="Postfach 10 12 34",
            postcode="45121",
            city=place,
        )
    return city


def make_fee(organisation, *, year=2027, amount="500.00", **fields):
    return MembershipFee.objects.create(organisation=organisation, year=year, amount=Decimal(amount), **fields)


@pytest.fixture
def city(db):
    return make_city()


@pytest.fixture
def fee(city):
    return make_fee(city)


@pytest.fixture
def treasurer(db):
    person = UserFactory(email="schatzmeisterin@example.org")
    MandateFactory(role=Role.TREASURER, person=person)
    return person
