"""Invisible format characters (Unicode category Cf) never reach one-line text (issue 33): a right-to-left override
in a name printed "…exe.png" on an official certificate, and zero-width characters make two names look alike."""

import unicodedata

import pytest
from django.core.exceptions import ValidationError

from kernel.text import SingleLineFormField, single_line
from tests.factories import UserFactory

# Right-to-left override and embedding, left-to-right mark, the isolates, zero-width space, joiner and non-joiner,
# word joiner, byte order mark, soft hyphen, Arabic letter mark, a tag character.
FORMAT = "\u202e\u202b\u200e\u2066\u2067\u2069\u200b\u200d\u200c\u2060\ufeff\u00ad\u061c\U000e0041"


def test_every_character_removed_here_is_a_format_character():
    assert {unicodedata.category(ch) for ch in FORMAT} == {"Cf"}


def test_format_characters_are_removed_from_one_line_text():
    assert single_line("Anna Gast\u202egnp.exe") == "Anna Gastgnp.exe"
    assert single_line(f"{FORMAT}Jörg{FORMAT} Mül\u00adler{FORMAT}") == "Jörg Müller"
    assert single_line("\ufeff\u200b") == ""
    # Line breaks and NUL still become a space, and what people write stays as it is.
    assert single_line("a\r\nb\x00c") == "a b c"
    assert single_line("Łódź – Ærø, 東京, Ελλάδα, 😀 ß") == "Łódź – Ærø, 東京, Ελλάδα, 😀 ß"


def test_a_form_field_for_one_line_drops_them_and_an_only_invisible_value_is_empty():
    field = SingleLineFormField(max_length=20)
    assert field.clean("Petra\u202e Gast") == "Petra Gast"
    with pytest.raises(ValidationError) as refused:
        field.clean("\u200b\u202e")
    assert refused.value.code == "required"


@pytest.mark.django_db
def test_a_name_is_stored_without_them_however_it_is_saved():
    person = UserFactory(first_name="Anna\u202e", last_name="Gast\u200bgnp.exe")
    person.refresh_from_db()
    assert (person.first_name, person.last_name) == ("Anna", "Gastgnp.exe")
