"""Each sensitivity label × persona, on list, detail, search and download."""

import pytest
from django.urls import reverse

from tests.factories import make_document

pytestmark = pytest.mark.django_db

LABELS = ["public", "members", "group", "board"]
# Who sees which label. "member" is in the document's working group; "other_member" is not.
SEES = {
    "anonymous": {"public"},
    "member": {"public", "members", "group"},
    "other_member": {"public", "members"},
    "delegate": {"public", "members"},
    "board": {"public", "members", "board"},
    "secretariat": {"public", "members", "group", "board"},
    "former_board": {"public", "members"},
    "left_member": {"public"},
    "lead_not_member": {"public", "members"},  # leads another group
    "auditor": {"public", "members"},
}


@pytest.fixture
def documents(group):
    return {label: make_document(label=label, groups=[group], title=f"Bericht {label} Befragung") for label in LABELS}


def test_each_label_for_each_persona(client, persona, documents):
    name, user = persona
    if user is not None:
        client.force_login(user)
    visible = SEES[name]
    if user is not None and name != "left_member":
        listed = client.get(reverse("library")).content.decode()
        searched = client.get(reverse("library"), {"q": "Bericht"}).content.decode()
        for label, document in documents.items():
            assert (document.title in listed) == (label in visible), (name, label, "list")
            assert (document.title in searched) == (label in visible), (name, label, "search")
    for label, document in documents.items():
        detail = client.get(reverse("document_detail", args=[document.pk]))
        download = client.get(reverse("document_download", args=[document.pk]))
        old_version = client.get(reverse("document_version_download", args=[document.pk, 1]))
        if label in visible:
            assert download.status_code == 200, (name, label)
            assert old_version.status_code == 200
            assert download["Content-Disposition"].startswith("attachment")
            assert b"".join(download.streaming_content).startswith(b"%PDF")
            if user is not None and name != "left_member":
                assert detail.status_code == 200
        else:
            assert download.status_code in {404, 302}, (name, label, download.status_code)
            assert old_version.status_code in {404, 302}
            assert detail.status_code in {404, 403, 302}, (name, label, detail.status_code)


def test_files_are_not_served_by_a_media_url(client, member, documents, settings):
    version = documents["board"].current_version
    assert not version.file.name.endswith(".pdf")  # a random name, no user-controlled path
    client.force_login(member)
    assert client.get(f"/media/{version.file.name}").status_code == 404


def test_full_text_search_uses_german_stemming(postgres, member, client):
    make_document(
        label="members", title="Kommunale Sicherheitsbefragung 2025", description="Ergebnisse der Befragungen"
    )
    make_document(label="members", title="Einbruchschutz", description="Beratung zu Fenstern")
    client.force_login(member)
    html = client.get(reverse("library"), {"q": "Befragung"}).content.decode()
    assert "Sicherheitsbefragung 2025" in html and "Einbruchschutz" not in html
    # German stemming: the plural finds the singular.
    html = client.get(reverse("library"), {"q": "Fenster"}).content.decode()
    assert "Einbruchschutz" in html
