"""What DEFUS says: adopted position papers, public in the library, as a list and an Atom feed."""

import datetime
import xml.etree.ElementTree as ET

import pytest
from django.urls import reverse
from django.utils import timezone

from tests.factories import ResolutionFactory, make_document

pytestmark = pytest.mark.django_db
ATOM = "{http://www.w3.org/2005/Atom}"
ADOPTED_AT = datetime.datetime(2026, 10, 14, 15, 30, tzinfo=datetime.UTC)


@pytest.fixture
def papers(db):
    paper = make_document(label="public", title="Positionspapier Sichere Innenstädte", description="Zehn Punkte.")
    adopted = ResolutionFactory(title="Antrag Innenstädte", position_paper=paper)
    adopted.__class__.objects.filter(pk=adopted.pk).update(outcome="adopted", closed_at=ADOPTED_AT)
    draft = make_document(label="members", title="Entwurf Videoschutz")
    pending = ResolutionFactory(title="Antrag Videoschutz", position_paper=draft)
    rejected_paper = make_document(label="public", title="Papier ohne Mehrheit")
    rejected = ResolutionFactory(title="Antrag abgelehnt", position_paper=rejected_paper)
    rejected.__class__.objects.filter(pk=rejected.pk).update(outcome="rejected", closed_at=timezone.now())
    return adopted, pending, rejected


def test_the_list_shows_adopted_public_papers_with_date_subject_and_resolution(client, papers):
    adopted = papers[0]
    html = client.get(reverse("position_papers")).content.decode()
    assert "Positionspapier Sichere Innenstädte" in html and "Antrag Innenstädte" in html
    assert "14. Oktober 2026" in html
    assert reverse("document_download", args=[adopted.position_paper_id]) in html
    for other in ("Entwurf Videoschutz", "Papier ohne Mehrheit"):
        assert other not in html


def test_the_paper_can_be_downloaded_without_signing_in(client, papers):
    response = client.get(reverse("document_download", args=[papers[0].position_paper_id]))
    assert response.status_code == 200


def test_the_feed_is_atom_with_the_adopted_papers(client, papers, settings):
    response = client.get(reverse("position_feed"))
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/atom+xml")
    feed = ET.fromstring(response.content)  # noqa: S314  (our own response)
    assert feed.tag == f"{ATOM}feed"
    # RFC 4287: a feed has id, title, updated, an author (here on the feed) and each entry id, title, updated, link.
    for element in ("id", "title", "updated", "author"):
        assert feed.find(f"{ATOM}{element}") is not None, element
    assert feed.find(f"{ATOM}link[@rel='self']") is not None
    entries = feed.findall(f"{ATOM}entry")
    assert [entry.find(f"{ATOM}title").text for entry in entries] == ["Positionspapier Sichere Innenstädte"]
    entry = entries[0]
    assert entry.find(f"{ATOM}id").text and entry.find(f"{ATOM}updated").text.startswith("2026-10-14")
    link = entry.find(f"{ATOM}link").get("href")
    assert link.endswith(reverse("document_download", args=[papers[0].position_paper_id]))
    assert "Antrag Innenstädte" in entry.find(f"{ATOM}summary").text


def test_the_feed_is_announced_on_the_public_pages(client, papers):
    html = client.get(reverse("home")).content.decode()
    assert f'<link rel="alternate" type="application/atom+xml" href="{reverse("position_feed")}"' in html
