"""Assessment instruments: item definitions as data, totals, reverse scoring and refusals."""

from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from alongside.rules import evaluate
from alongside.rules.errors import RuleInputError
from alongside.rules.instruments import INSTRUMENTS, score
from alongside.rules.instruments.survey import CESD

RANGES = {
    "barthel": (0, 100, 10),
    "iadl": (0, 24, 8),
    "cdr": (0, 5, 1),
    "satisfaction": (13, 65, 13),
    "social_support": (15, 75, 15),
    "family_interaction": (0, 48, 12),
    "caregiver_burden": (22, 110, 22),
    "cesd": (0, 60, 20),
}


@pytest.mark.parametrize(("code", "expected"), RANGES.items())
def test_each_instrument_has_its_item_count_and_range(code, expected):
    # IN-01..IN-08
    instrument = INSTRUMENTS[code]
    assert (instrument.min_total, instrument.max_total, len(instrument.items)) == expected


def test_barthel_items_and_their_allowed_scores():
    # IN-01: the ten items of 004's form with the standard Barthel steps
    allowed = {item.code: [int(v) for v in item.allowed] for item in INSTRUMENTS["barthel"].items}
    assert allowed == {
        "feeding": [10, 5, 0], "transfer": [15, 10, 5, 0], "grooming": [5, 0], "toilet_use": [10, 5, 0],
        "bathing": [5, 0], "walking": [15, 10, 5, 0], "stairs": [10, 5, 0], "dressing": [10, 5, 0],
        "bowels": [10, 5, 0], "bladder": [10, 5, 0],
    }


def test_cesd_reverses_exactly_items_4_8_12_16():
    # IN-08
    assert [item.code for item in CESD.items if item.reverse_scored] == ["q4", "q8", "q12", "q16"]


def test_cdr_accepts_half_points_as_decimal_or_text_and_refuses_true():
    # IN-03: 0.5 from JSON arrives as Decimal or text; true is not a score
    assert score("cdr", {"global": Decimal("0.5")})["total"] == Decimal("0.5")
    assert score("cdr", {"global": "0.5"})["interpretation"] == "questionable"
    with pytest.raises(RuleInputError) as refused:
        score("cdr", {"global": True})
    assert [(e.field, e.code) for e in refused.value.errors] == [("answers.global", "answer_not_allowed")]


def test_answers_must_be_an_object():
    with pytest.raises(RuleInputError) as refused:
        evaluate("instrument.barthel", {"answers": [10, 15]})
    assert [(e.field, e.code) for e in refused.value.errors] == [("answers", "not_an_object")]


def test_every_instrument_is_a_question_with_rule_ids():
    for code, instrument in INSTRUMENTS.items():
        lowest = {item.code: item.choices[-1].value for item in instrument.items}
        answer = evaluate(f"instrument.{code}", {"answers": lowest})
        assert answer["rule_ids"] == sorted(instrument.rule_ids)
        assert answer["parameters_version"]


@st.composite
def completed(draw, code):
    return {item.code: draw(st.sampled_from(item.allowed)) for item in INSTRUMENTS[code].items}


@pytest.mark.parametrize("code", sorted(RANGES))
@given(data=st.data())
def test_total_is_the_sum_of_item_scores_within_the_range(code, data):
    # IN-01..IN-08: parts sum to the total; same input, same answer
    answers = data.draw(completed(code))
    result = score(code, answers)
    assert result["total"] == sum(Decimal(str(v)) for v in result["item_scores"].values())
    assert result["min_total"] <= result["total"] <= result["max_total"]
    assert score(code, answers) == result


@pytest.mark.parametrize("code", sorted(RANGES))
@given(data=st.data())
def test_an_answer_outside_the_allowed_values_names_its_item(code, data):
    answers = data.draw(completed(code))
    item = data.draw(st.sampled_from(INSTRUMENTS[code].items))
    answers[item.code] = data.draw(st.integers(-5, 120).filter(lambda v: Decimal(v) not in item.allowed))
    with pytest.raises(RuleInputError) as refused:
        score(code, answers)
    assert [(e.field, e.code) for e in refused.value.errors] == [(f"answers.{item.code}", "answer_not_allowed")]


@given(data=st.data())
def test_cesd_cutoff_is_16(data):
    # IN-08: possible depression exactly when the total reaches 16
    result = score("cesd", data.draw(completed("cesd")))
    assert (result["interpretation"] == "possible_depression") == (result["total"] >= 16)


@given(data=st.data())
def test_iadl_help_items_follow_the_form_thresholds(data):
    # IN-02, D-10: shopping, going out, housekeeping, telephone at 1 or 0; cooking, laundry at 0
    answers = data.draw(completed("iadl"))
    thresholds = {"shopping": 1, "going_out": 1, "cooking": 0, "housekeeping": 1, "laundry": 0, "telephone": 1}
    expected = [code for code, limit in thresholds.items() if answers[code] <= limit]
    assert score("iadl", answers)["help_items"] == expected
