"""The directory's filters (members.filters): each narrows the listed organisations; a filter form with an error
filters nothing, and applicants are never listed, whatever is asked."""

import pytest
from django.http import QueryDict

from members.filters import OrganisationFilter
from members.models import Organisation
from members.selectors import directory_organisations
from tests.factories import OrganisationFactory

pytestmark = pytest.mark.django_db


def _names(query: str) -> list[str]:
    found = OrganisationFilter(QueryDict(query) or None, queryset=directory_organisations())
    return [organisation.name for organisation in found.qs]


def test_it_filters_by_name_or_city_kind_and_efus_membership():
    OrganisationFactory(name="Stadt Essen", city="Essen")
    OrganisationFactory(name="Landkreis Ost", city="Augsburg", kind=Organisation.Kind.DISTRICT)
    OrganisationFactory(name="Bewerberstadt", city="Essen", status=Organisation.Status.APPLICANT, efus_member=False)
    assert _names("q=essen") == ["Stadt Essen"]
    assert _names("q=augsburg&kind=district") == ["Landkreis Ost"]
    assert _names("kind=city") == ["Stadt Essen"]
    # Every listed organisation is an Efus member (the bylaws); the applicant that is not stays unlisted.
    assert _names("efus=no") == []
    assert _names("") == _names("efus=yes") == ["Landkreis Ost", "Stadt Essen"]


def test_a_filter_with_an_error_filters_nothing():
    OrganisationFactory(name="Stadt Essen")
    OrganisationFactory(name="Landkreis Ost", kind=Organisation.Kind.DISTRICT)
    found = OrganisationFilter(QueryDict("kind=city&efus=nonsense"), queryset=directory_organisations())
    assert "efus" in found.form.errors
    assert sorted(organisation.name for organisation in found.qs) == ["Landkreis Ost", "Stadt Essen"]
