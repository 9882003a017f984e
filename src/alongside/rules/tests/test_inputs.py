"""The shared request validators: every bad field reported at once, no float anywhere."""

from datetime import date, datetime
from decimal import Decimal

import pytest

from alongside.rules.errors import RuleInputError
from alongside.rules.inputs import Fields, to_decimal


def errors_of(fields: Fields) -> list[tuple[str, str]]:
    return [(e.field, e.code) for e in fields.errors]


def test_valid_request_parses_to_typed_values():
    fields = Fields({"month": "2014-06", "date": "2014-06-02", "at": "2014-06-09T09:00", "hours": 1.5,
                     "fee": 180, "level": "mild", "flag": True})
    assert fields.month("month") == date(2014, 6, 1)
    assert fields.date("date") == date(2014, 6, 2)
    assert fields.local_datetime("at") == datetime(2014, 6, 9, 9, 0)
    assert fields.hours("hours") == Decimal("1.5")
    assert fields.money("fee") == 180
    assert fields.choice("level", ("mild", "moderate")) == "mild"
    assert fields.boolean("flag") is True
    fields.raise_if_errors()


def test_every_bad_field_is_reported_together():
    fields = Fields({"month": "2014-13", "hours": True, "fee": -1, "level": "huge", "at": "2014-06-09 09:00"})
    fields.month("month")
    fields.hours("hours")
    fields.money("fee")
    fields.choice("level", ("mild", "moderate"))
    fields.local_datetime("at")
    fields.date("missing")
    assert errors_of(fields) == [("month", "bad_month"), ("hours", "not_a_number"), ("fee", "negative"),
                                 ("level", "not_a_choice"), ("at", "bad_datetime"), ("missing", "required")]
    with pytest.raises(RuleInputError) as caught:
        fields.raise_if_errors()
    assert len(caught.value.problem()["errors"]) == 6


def test_nested_list_items_are_named_by_path():
    fields = Fields({"visits": [{"date": "2014-06-02", "hours": 3}, {"date": "2014-06-31", "hours": "x"}]})
    parsed = [(v.date("date"), v.hours("hours")) for v in fields.items("visits")]
    assert parsed[0] == (date(2014, 6, 2), Decimal(3))
    assert errors_of(fields) == [("visits[1].date", "bad_date"), ("visits[1].hours", "not_a_number")]


def test_optional_field_returns_default_and_records_nothing():
    fields = Fields({"flag": None})
    assert fields.boolean("flag", optional=True, default=False) is False
    assert fields.errors == []


def test_integer_refuses_booleans_and_fractions():
    fields = Fields({"a": True, "b": Decimal("2.5"), "c": Decimal("3.0")})
    assert fields.integer("a") is None
    assert fields.integer("b") is None
    assert fields.integer("c") == 3
    assert errors_of(fields) == [("a", "not_an_integer"), ("b", "not_an_integer")]


@pytest.mark.parametrize(("raw", "expected"), [
    (1.5, Decimal("1.5")), (0.1, Decimal("0.1")), ("2.25", Decimal("2.25")), (3, Decimal(3)),
    (True, None), (float("nan"), None), (float("inf"), None), ("NaN", None), ("x", None), (None, None),
])
def test_to_decimal_goes_through_text_never_binary_float(raw, expected):
    assert to_decimal(raw) == expected


def test_decimal_choice_accepts_a_json_number():
    fields = Fields({"cdr": 0.5})
    assert fields.choice("cdr", (Decimal(0), Decimal("0.5"), Decimal(1))) == Decimal("0.5")


def test_request_that_is_not_an_object_is_refused():
    fields = Fields([1, 2])
    assert errors_of(fields) == [("request", "not_an_object")]


def test_choices_list_reports_unknown_codes():
    fields = Fields({"iadl_help": ["cooking", "juggling"]})
    assert fields.choices_list("iadl_help", ("cooking", "laundry")) is None
    assert errors_of(fields) == [("iadl_help", "not_a_choice")]
