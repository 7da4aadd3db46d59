"""An interest is declared through funding.services, by a member organisation's people (funding.permissions)."""

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from funding import services
from funding.demo import export
from funding.importer import import_calls
from funding.models import Call, Interest, PartnerOrganisation
from members.models import Role
from tests.factories import MandateFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def call():
    import_calls(export())
    return Call.objects.get(identifier="ISF-2026-TF2-AG-DRUGS")


def test_who_may_declare_and_withdraw_an_interest(call, member, other_member, secretariat, left_member):
    assert member.has_perm("funding.declare_interest", call)
    assert not secretariat.has_perm("funding.declare_interest", call)  # speaks for no organisation
    # An office keeps a person of an organisation that left in the member area, not its voice on calls.
    MandateFactory(role=Role.AUDITOR, person=left_member)
    assert not left_member.has_perm("funding.declare_interest", call)
    interest = Interest.objects.create(call=call, organisation=member.organisation)
    assert member.has_perm("funding.withdraw_interest", interest)
    assert not other_member.has_perm("funding.withdraw_interest", interest)


def test_a_person_of_an_organisation_that_left_cannot_declare_in_the_page(client, call, left_member):
    MandateFactory(role=Role.AUDITOR, person=left_member)
    client.force_login(left_member)
    url = reverse("call_detail", args=[call.pk])
    page = client.get(url)
    assert page.status_code == 200 and page.context["form"] is None
    assert client.post(url, {"role": "partner"}).status_code == 403
    assert not Interest.objects.exists()


def test_the_service_keeps_the_contact_in_the_organisation_and_partners_listed(call, member, other_member):
    hidden = PartnerOrganisation.objects.create(name="Ohne Zustimmung", country="PL", consent_to_list=False)
    with pytest.raises(ValidationError):
        services.interest_save(call=call, organisation=member.organisation, data={"contact": other_member})
    with pytest.raises(ValidationError):
        services.interest_save(
            call=call, organisation=member.organisation, data={"contact": member, "partners": [hidden]}
        )
    assert not Interest.objects.exists()
    with pytest.raises(ValidationError):  # every interest names its contact person
        services.interest_save(call=call, organisation=member.organisation, data={"role": "partner"})
    first = services.interest_save(
        call=call, organisation=member.organisation, data={"role": "partner", "contact": member}
    )
    again = services.interest_save(
        call=call, organisation=member.organisation, data={"role": "coordinator", "contact": member}
    )
    assert first.pk == again.pk and Interest.objects.get().role == "coordinator"
    services.interest_withdraw(interest=again)
    assert not Interest.objects.exists()


def test_a_colleague_with_a_closed_account_is_no_contact(call, member):
    closed = UserFactory(organisation=member.organisation, is_active=False)
    with pytest.raises(ValidationError):
        services.interest_save(call=call, organisation=member.organisation, data={"contact": closed})
