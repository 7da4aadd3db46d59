import pytest

from analyses.models import Offence
from tests.practices.factories import make_practice


@pytest.fixture
def burglary(db):
    return Offence.objects.get_or_create(key="435*00", defaults={"name": "Wohnungseinbruchdiebstahl"})[0]


@pytest.fixture
def draft(organisation, member, burglary):
    return make_practice(organisations=[organisation], created_by=member, offences=[burglary])
