"""The upload form's intro names only the sensitivity labels the reader may choose (issue 28)."""

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def _intro(client, person) -> str:
    client.force_login(person)
    html = client.get(reverse("document_upload")).content.decode()
    start = html.index('id="document-audiences"')
    return html[start : html.index("</p>", start)]


def test_a_member_reads_only_the_labels_offered(client, member):
    intro = _intro(client, member)
    assert "alle Mitglieder" in intro and "die gewählten Arbeitsgruppen" in intro
    assert "öffentlich (alle), alle Mitglieder oder die gewählten Arbeitsgruppen." in intro
    assert "Vorstand" not in intro


def test_the_board_reads_the_board_too(client, board):
    assert "oder der Vorstand." in _intro(client, board)
