import pytest

from alongside.core import national_id


@pytest.mark.parametrize("value", ["A123456789", "M221234563", "F131104093", "A800000014"])
def test_well_formed_ids_with_matching_check_digit_pass(value):
    assert national_id.taiwan_id_format_ok(value)
    assert national_id.taiwan_id_check_digit_ok(value)


@pytest.mark.parametrize("value", ["A123456788", "M221234564", "A800000015"])
def test_a_wrong_check_digit_is_caught(value):
    assert national_id.taiwan_id_format_ok(value)
    assert not national_id.taiwan_id_check_digit_ok(value)


@pytest.mark.parametrize("value", ["", "A12345678", "A1234567890", "1123456789", "A323456789", "AB12345678"])
def test_malformed_ids_fail_the_format_check(value):
    assert not national_id.taiwan_id_format_ok(value)


def test_normalise_accepts_lower_case_and_spaces():
    assert national_id.normalise(" a123 456-789 ") == "A123456789"


def test_with_check_digit_completes_a_valid_id():
    assert national_id.with_check_digit("A12345678") == "A123456789"


def test_mask_keeps_two_characters_at_each_end():
    assert national_id.mask("A123456789") == "A1******89"
