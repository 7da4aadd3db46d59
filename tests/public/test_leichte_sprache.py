"""The start page in Leichte Sprache: what the site holds, finding one's way, accessibility, contact."""

import re

import pytest
from django.urls import reverse

pytestmark = pytest.mark.django_db


def test_it_covers_the_four_parts_and_links_the_public_pages(client, settings):
    html = client.get(reverse("leichte_sprache")).content.decode()
    for heading in ("Was gibt es auf dieser Internet-Seite?", "So finden Sie sich zurecht", "Barriere-Freiheit"):
        assert heading in html
    assert "So erreichen Sie DEFUS" in html and settings.IMPRESSUM["email"] in html
    assert "Mitglieds-Städte" in html  # compounds are hyphenated
    for name in ("public_members", "position_papers", "membership_apply", "barrierefreiheit", "public_event_list"):
        assert reverse(name) in html


def test_its_sentences_are_short(client):
    html = client.get(reverse("leichte_sprache")).content.decode()
    text = html[html.index("<h1>Willkommen") : html.index("</main>")]
    text = re.sub(r"</(p|li|h1|h2|a)>", ".", text)  # a link or a list item ends a line of its own
    sentences = [s for s in re.split(r"[.?!:]", re.sub(r"<[^>]+>", " ", text)) if s.strip()]
    assert max(len(sentence.split()) for sentence in sentences) <= 12


def test_in_english_a_note_says_the_page_is_in_german(client):
    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    html = client.get(reverse("leichte_sprache")).content.decode()
    assert "easy-to-read German" in html and 'lang="de"' in html
