"""Staff evaluation criteria and the weighted total (seed 004 ch. 6 第三節 人員考核, NT-20; individual and group
supervision are ch. 5 第二節)."""

from decimal import Decimal

import pytest

from alongside.rules.errors import RuleInputError
from alongside.rules.tw import staff_evaluation as se


def full(position: str) -> dict[str, Decimal]:
    return {c.code: c.maximum for c in se.criteria(position)}


def test_nt20_supervisor_weights_are_the_manuals_eight_criteria_summing_to_100():
    """004 ch. 6 §3 (一)居服督導員: 15/10/10/15/10/10/15/15."""
    weights = [c.weight for c in se.criteria(se.SUPERVISOR)]
    assert weights == [15, 10, 10, 15, 10, 10, 15, 15]
    assert sum(weights) == 100
    assert se.criteria(se.SUPERVISOR)[0].label == "專業知識與技能"


def test_nt20_caregiver_weights_are_the_manuals_four_criteria_summing_to_100():
    """004 ch. 6 §3 (二)居家服務員: 服務精神25% 工作品質30% 團隊精神30% 個人學養15%."""
    assert [(c.code, c.weight) for c in se.criteria(se.CAREGIVER)] == [
        ("service_spirit", 25),
        ("work_quality", 30),
        ("teamwork", 30),
        ("personal_cultivation", 15),
    ]


@pytest.mark.parametrize("position", se.POSITIONS)
def test_nt20_full_marks_total_100(position):
    assert se.weighted_total(position, full(position)) == Decimal("100.00")


def test_nt20_caregiver_total_is_the_weighted_sum_of_points():
    scores = {"service_spirit": "20", "work_quality": Decimal("27.5"), "teamwork": 24, "personal_cultivation": "12"}
    assert se.weighted_total(se.CAREGIVER, scores) == Decimal("83.50")


def test_nt20_total_is_exact_decimal_rounded_half_up_to_cents():
    scores = full(se.SUPERVISOR) | {"knowledge_skills": Decimal("14.335")}
    assert se.weighted_total(se.SUPERVISOR, scores) == Decimal("99.34")


def test_nt20_every_bad_score_is_named_at_once():
    scores = {"service_spirit": "26", "work_quality": "-1", "teamwork": "abc", "bogus": "3"}
    with pytest.raises(RuleInputError) as raised:
        se.weighted_total(se.CAREGIVER, scores)
    found = {(e.field, e.code) for e in raised.value.errors}
    assert found == {
        ("scores.service_spirit", "out_of_range"),
        ("scores.work_quality", "out_of_range"),
        ("scores.teamwork", "invalid"),
        ("scores.personal_cultivation", "required"),
        ("scores.bogus", "invalid"),
    }


def test_nt20_a_score_above_its_criterions_maximum_is_refused_even_if_below_another():
    # 操行與品德 is out of 10, although 專業知識與技能 may reach 15.
    with pytest.raises(RuleInputError) as raised:
        se.weighted_total(se.SUPERVISOR, full(se.SUPERVISOR) | {"conduct": "11"})
    assert raised.value.errors[0].params == {"maximum": "10"}


def test_floats_are_refused_scores_are_exact():
    with pytest.raises(RuleInputError):
        se.weighted_total(se.CAREGIVER, full(se.CAREGIVER) | {"teamwork": 12.5})


def test_unknown_position_is_refused():
    with pytest.raises(RuleInputError):
        se.criteria("director")


def d(text: str):
    import datetime as dt

    return dt.date.fromisoformat(text)


def test_nt12_new_staff_get_one_individual_supervision_in_each_of_their_first_three_months():
    """004 ch. 5 §2 一、1.「新進人員前3個月須定期安排個別督導」."""
    months = se.new_staff_months(d("2025-01-31"), [d("2025-02-10")], months=3, today=d("2025-03-15"))
    assert [(m.number, m.starts_on.isoformat(), m.last_day.isoformat(), m.state) for m in months] == [
        (1, "2025-01-31", "2025-02-27", "held"),
        (2, "2025-02-28", "2025-03-30", "due"),
        (3, "2025-03-31", "2025-04-29", "future"),
    ]


def test_nt12_a_month_that_ended_without_one_is_missed_and_one_outside_the_window_does_not_count():
    months = se.new_staff_months(d("2025-01-06"), [d("2025-01-05"), d("2025-04-06")], months=3, today=d("2025-05-01"))
    assert [m.state for m in months] == ["missed", "missed", "missed"]


def test_nt20_training_shortfall_of_the_twenty_hours_a_year():
    """004 ch. 6 §2「每年應接受至少二十小時在職訓練」."""
    assert se.training_shortfall(Decimal("12.5"), required=20) == Decimal("7.5")
    assert se.training_shortfall(Decimal("24"), required=20) == 0
