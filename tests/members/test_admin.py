"""The secretariat's work in the admin: CSV export, filters, fees, audit log."""

import datetime

import pytest
from django.urls import reverse
from django.utils import timezone

from members.models import AuditEntry, Role
from tests.factories import MandateFactory, OrganisationFactory

pytestmark = pytest.mark.django_db


def test_member_csv_opens_in_german_excel(client, secretariat):
    OrganisationFactory(name="Stadt Göttingen", slug="stadt-gottingen", joined_on=datetime.date(2014, 5, 10))
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_changelist")
    ids = list(
        __import__("members.models", fromlist=["Organisation"]).Organisation.objects.values_list("pk", flat=True)
    )
    response = client.post(url, {"action": "export_csv", "_selected_action": ids})
    body = response.content
    assert body.startswith("\ufeff".encode())
    text = body.decode("utf-8-sig")
    assert "Stadt Göttingen;Stadt;Nordrhein-Westfalen;Aktives Mitglied;10.05.2014;;ja" in text.splitlines()


def test_offices_ending_within_60_days(client, secretariat):
    today = timezone.localdate()
    soon = MandateFactory(role=Role.TREASURER, end=today + datetime.timedelta(days=30))
    later = MandateFactory(role=Role.BOARD_MEMBER, end=today + datetime.timedelta(days=200))
    client.force_login(secretariat)
    response = client.get(reverse("admin:members_mandate_changelist"), {"term": "ending"})
    shown = {m.pk for m in response.context["cl"].result_list}
    assert soon.pk in shown and later.pk not in shown


def test_status_change_is_audited(client, secretariat, organisation):
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "status": "suspended",
            "joined_on": "2015-01-01",
            "shares_aims": "on",
            "accepts_bylaws": "on",
            "efus_member": "on",
        }
    )
    for prefix in ("people", "mandates", "fees"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors if response.context else ""
    entry = AuditEntry.objects.get(action="organisation.changed")
    assert entry.actor == secretariat
    assert entry.changes["status"] == {"from": "active", "to": "suspended"}
    # The board reads the audit log; nobody can edit it.
    assert not secretariat.has_perm("members.change_auditentry")


def test_an_impossible_office_is_refused_with_a_message_not_an_error(client, secretariat, organisation):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_mandate_add"),
        {"role": "treasurer", "person": secretariat.pk, "start": "2026-05-01", "end": "2026-04-01"},
    )
    assert response.status_code == 200
    assert "Ende einer Amtszeit" in response.content.decode()


def test_fee_edited_inline_is_audited(client, secretariat, organisation):
    from members.models import MembershipFee

    fee = MembershipFee.objects.create(organisation=organisation, year=2026, amount=1500)
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update({"joined_on": "2015-01-01", "shares_aims": "on", "accepts_bylaws": "on", "efus_member": "on"})
    data.update({"people-TOTAL_FORMS": "0", "people-INITIAL_FORMS": "0"})
    data.update({"mandates-TOTAL_FORMS": "0", "mandates-INITIAL_FORMS": "0"})
    data.update(
        {
            "fees-TOTAL_FORMS": "1",
            "fees-INITIAL_FORMS": "1",
            "fees-0-id": fee.pk,
            "fees-0-organisation": organisation.pk,
            "fees-0-year": "2026",
            "fees-0-amount": "1500.00",
            "fees-0-paid_on": "2026-03-01",
        }
    )
    response = client.post(url, data)
    assert response.status_code == 302, response.context["inline_admin_formsets"][-1].formset.errors
    entry = AuditEntry.objects.get(action="membershipfee.changed")
    assert entry.changes["paid_on"] == {"from": None, "to": "2026-03-01"}


def test_inviting_an_existing_account_is_refused(client, secretariat, member, organisation):
    client.force_login(secretariat)
    response = client.post(
        reverse("admin:members_invitation_add"), {"email": member.email.upper(), "organisation": organisation.pk}
    )
    assert response.status_code == 200
    assert "bereits ein Konto" in response.content.decode()


def test_staff_signing_in_from_the_admin_get_there(client, secretariat):
    response = client.get("/admin/", follow=True)
    login_url = response.redirect_chain[-1][0]
    assert login_url.startswith(reverse("account_login"))
    response = client.post(login_url, {"login": secretariat.email, "password": "correct-horse-battery"}, follow=True)
    assert response.status_code == 200
    assert response.request["PATH_INFO"] == reverse("admin:index")


def test_when_an_organisation_leaves_its_delegate_loses_vote_and_access(client, secretariat, delegate, organisation):
    from members.models import Organisation
    from members.selectors import current_delegates
    from members.services import organisation_offices_end

    organisation.status = Organisation.Status.LEFT
    organisation.left_on = timezone.localdate() - datetime.timedelta(days=1)
    organisation.save()
    organisation_offices_end(organisation=organisation, on=organisation.left_on, actor=secretariat)
    assert not current_delegates().filter(organisation=organisation).exists()
    client.force_login(delegate)
    assert client.get(reverse("organisation_list")).status_code == 403
    assert client.get(reverse("my_data")).status_code == 200


def test_an_organisation_set_to_left_in_the_admin_ends_its_offices(client, secretariat, delegate, organisation):
    from assemblies import voting_rights
    from members.models import Mandate

    lead = MandateFactory(role=Role.AUDITOR, organisation=organisation)
    left_on = timezone.localdate() - datetime.timedelta(days=1)
    client.force_login(secretariat)
    url = reverse("admin:members_organisation_change", args=[organisation.pk])
    form = client.get(url).context["adminform"].form
    data = {key: value for key, value in form.initial.items() if value is not None}
    data.update(
        {
            "status": "left",
            "left_on": left_on.isoformat(),
            "joined_on": "2015-01-01",
            "shares_aims": "on",
            "accepts_bylaws": "on",
            "efus_member": "on",
        }
    )
    for prefix in ("people", "mandates", "fees"):
        data.update({f"{prefix}-TOTAL_FORMS": "0", f"{prefix}-INITIAL_FORMS": "0"})
    response = client.post(url, data, follow=True)
    assert response.status_code == 200
    office = Mandate.objects.get(person=delegate, role=Role.DELEGATE)
    lead.refresh_from_db()
    assert office.end == left_on and lead.end == left_on
    assert not voting_rights.voting_delegates().filter(pk=delegate.pk).exists()
    assert AuditEntry.objects.filter(action="mandate.ended").count() == 2
    assert AuditEntry.objects.get(action="organisation.changed").changes["status"] == {"from": "active", "to": "left"}
    assert "2" in " ".join(str(message) for message in response.context["messages"])


def test_saving_an_organisation_that_already_left_ends_nothing_again(secretariat, organisation):
    from members.models import Organisation
    from members.services import organisation_save

    office = MandateFactory(role=Role.AUDITOR, organisation=organisation)
    organisation.status, organisation.left_on = Organisation.Status.LEFT, timezone.localdate()
    assert organisation_save(organisation=organisation, actor=secretariat) == 1
    office.refresh_from_db()
    assert office.end == timezone.localdate()
    later = MandateFactory(role=Role.AUDITOR, organisation=organisation, start=timezone.localdate())
    organisation.description = "Ausgetreten zum Jahresende."
    assert organisation_save(organisation=organisation, actor=secretariat) == 0
    later.refresh_from_db()
    assert later.end is None
