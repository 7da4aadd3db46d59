"""The board's member list: one row per person, offices in one cell, member since, account and invitation state."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from members.models import Role, User
from tests.factories import MandateFactory, UserFactory, WorkingGroupFactory

pytestmark = pytest.mark.django_db


def test_the_board_exports_one_row_per_person_with_their_offices(client, board, delegate, organisation):
    MandateFactory(role=Role.WORKING_GROUP_LEAD, person=delegate, working_group=WorkingGroupFactory())
    imported = UserFactory(email="neu@essen.example", organisation=organisation, first_name="Nina", last_name="Neu")
    imported.set_unusable_password()
    imported.save()
    client.force_login(board)
    response = client.post(
        reverse("admin:members_user_changelist"),
        {"action": "export_member_list", "_selected_action": [delegate.pk, imported.pk]},
    )
    assert response.status_code == 200
    sheet = load_workbook(io.BytesIO(response.content)).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:3] == ("Organisation", "Anrede", "Titel") and "Ämter" in rows[0]
    by_email = {row[5]: row for row in rows[1:]}
    assert set(by_email) == {delegate.email, "neu@essen.example"}
    offices = by_email[delegate.email][7]
    assert "Delegierte" in offices and ";" in offices  # both offices in one cell
    assert by_email[delegate.email][8] == organisation.joined_on.isoformat()
    assert by_email["neu@essen.example"][9] == "nein" and by_email[delegate.email][9] == "ja"
    assert User.objects.count() >= 3
