"""The record of processing activities (Art. 30 DSGVO) names every model that holds personal data."""

from io import BytesIO

import pytest
from django.apps import apps
from django.urls import reverse
from pypdf import PdfReader

from defus import processing_record

pytestmark = pytest.mark.django_db


def test_every_model_with_personal_data_is_in_an_activity():
    missing = sorted(processing_record.personal_models() - processing_record.recorded_models())
    assert not missing, f"Add these to an activity in defus/processing_record.py: {missing}"
    # Nothing recorded that does not exist (a renamed model must be renamed there too).
    labels = {model._meta.label for model in apps.get_models()}
    assert not processing_record.recorded_models() - labels
    assert all(a.purpose and a.deletion and a.recipients and a.legal_basis for a in processing_record.ACTIVITIES)


def test_the_board_reads_it_in_the_admin_and_as_pdf(client, board, member):
    client.force_login(board)
    index = client.get(reverse("admin:index")).content.decode()
    assert reverse("admin:processing_record") in index and "Verzeichnis von Verarbeitungstätigkeiten" in index
    page = client.get(reverse("admin:processing_record")).content.decode()
    assert "Mitgliederversammlung" in page or "Members' meeting" in page
    response = client.get(reverse("admin:processing_record_pdf"))
    assert response["Content-Type"] == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(BytesIO(response.content)).pages)
    assert "32" in text and "GoBD" in text
    client.force_login(member)
    assert client.get(reverse("admin:processing_record")).status_code in (302, 403)
