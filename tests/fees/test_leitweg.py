"""The Leitweg-ID's form and check digits (KoSIT specification): a typing error is caught when it is entered."""

import pytest
from django.core.exceptions import ValidationError

from members.leitweg import check_digits, validate_leitweg_id


@pytest.mark.parametrize(
    "leitweg_id",
    [
        "04011000-1234512345-06",  # the specification's example (Bremen)
        "991-33333TEST-33",  # the test ID of the federal invoice portals
        "992-90009-96",
        "05315000 - abc1 - 52",  # typed with spaces and small letters
        "05315000-55",
    ],
)
def test_it_takes_valid_leitweg_ids(leitweg_id):
    validate_leitweg_id(leitweg_id)


@pytest.mark.parametrize(
    ("leitweg_id", "code"),
    [
        ("04011000-1234512345-60", "leitweg_check"),  # check digits swapped
        ("04011000-1234512354-06", "leitweg_check"),  # two digits swapped
        ("04011000-12345_12345-06", "leitweg_form"),
        ("4-06", "leitweg_form"),
        ("04011000-1234512345", "leitweg_form"),
        ("", "leitweg_form"),
    ],
)
def test_it_refuses_what_is_not_one(leitweg_id, code):
    with pytest.raises(ValidationError) as refused:
        validate_leitweg_id(leitweg_id)
    assert refused.value.code == code


def test_check_digits_follow_iso_7064_mod_97_10():
    assert check_digits("04011000", "1234512345") == "06"
    assert check_digits("991", "33333TEST") == "33"
