"""Plain-text email parts show Markdown as readable text, and a circular's subject does not say "Rundschreiben"
twice (issue 28)."""

import pytest

from kernel.emails import build_email
from kernel.markup import markdown_as_text
from tests.factories import UserFactory

SOURCE = """Die **Arbeitsgruppe** lädt *herzlich* zum [Fachaustausch](https://example.org/termin) ein.

- erstens
- zweitens mit `Code`

1. vorher
2. nachher
"""


def test_markdown_becomes_readable_text():
    text = markdown_as_text(SOURCE)
    assert "Die Arbeitsgruppe lädt herzlich zum Fachaustausch (https://example.org/termin) ein." in text
    assert "– erstens\n– zweitens mit Code" in text
    assert "1. vorher\n2. nachher" in text
    for mark in ("**", "*", "`", "]("):
        assert mark not in text


def _circular(title, **extra):
    context = {"title": title, "text": markdown_as_text(SOURCE), "html": "<p>x</p>", "documents": []}
    context |= {"archive_url": "https://portal.example.org/r/", "profile_url": "https://portal.example.org/p/"}
    return build_email("circular", to="a@example.org", language="de", context={**context, "test": False, **extra})


@pytest.mark.django_db
def test_a_circulars_subject_names_it_once():
    person = UserFactory(language="de")
    assert _circular("Neue Checkliste", person=person, recipient=person).subject == "Rundschreiben: Neue Checkliste"
    titled = _circular("Rundschreiben 4/2026: Neue Checkliste", person=person, recipient=person)
    assert titled.subject == "Rundschreiben 4/2026: Neue Checkliste"
    assert "**" not in titled.body and "Fachaustausch (https://example.org/termin)" in titled.body
