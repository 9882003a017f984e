"""Property tests (hypothesis): parts sum to the total, nothing negative, more hours never lower the
user's share, and the same input always gives the same answer."""

from datetime import date, timedelta
from decimal import Decimal

from hypothesis import given, settings
from hypothesis import strategies as st

from alongside.rules import evaluate

QUARTER_HOURS = st.integers(min_value=0, max_value=48).map(lambda quarters: Decimal(quarters) / 4)
LEVEL = st.sampled_from(["mild", "moderate", "severe"])


@st.composite
def disability_months(draw):
    level = draw(LEVEL)
    nantou = draw(st.booleans())
    incomes = ["general", "low", "mid_low"] if nantou or level == "severe" else ["general"]
    visits = draw(st.lists(st.tuples(st.integers(min_value=1, max_value=30), QUARTER_HOURS), max_size=25))
    request = {
        "month": "2014-06", "level": level, "income": draw(st.sampled_from(incomes)),
        "visits": [{"date": (date(2014, 6, 1) + timedelta(days=day - 1)).isoformat(), "hours": hours}
                   for day, hours in visits],
    }
    return request, "tw.nantou" if nantou else "tw.national"


def assert_parts_sum_and_not_negative(answer):
    assert answer["government"] + answer["user"] == answer["total"]
    assert min(answer["government"], answer["user"], answer["total"]) >= 0
    assert all(isinstance(answer[k], int) for k in ("government", "user", "total"))


@settings(max_examples=200, deadline=None)
@given(disability_months())
def test_disability_month_parts_sum_to_total_and_hours_are_kept(case):
    request, jurisdiction = case
    answer = evaluate("tw.disability_homecare.month", request, jurisdiction)
    assert_parts_sum_and_not_negative(answer)
    hours = answer["hours"]
    asked = sum((visit["hours"] for visit in request["visits"]), Decimal(0))
    assert hours["full"] + hours["partial"] + hours["self_pay"] == asked
    for line in answer["lines"]:
        assert line["government"] + line["user"] == line["total"]


@settings(max_examples=150, deadline=None)
@given(disability_months(), st.integers(min_value=1, max_value=30), QUARTER_HOURS)
def test_one_more_visit_never_lowers_the_users_share(case, day, hours):
    request, jurisdiction = case
    before = evaluate("tw.disability_homecare.month", request, jurisdiction)
    more = {**request, "visits": [*request["visits"], {"date": f"2014-06-{day:02d}", "hours": hours}]}
    after = evaluate("tw.disability_homecare.month", more, jurisdiction)
    assert after["user"] >= before["user"]
    assert after["total"] >= before["total"]


@settings(max_examples=50, deadline=None)
@given(disability_months())
def test_same_input_same_answer(case):
    request, jurisdiction = case
    assert evaluate("tw.disability_homecare.month", request, jurisdiction) == \
        evaluate("tw.disability_homecare.month", request, jurisdiction)


@settings(max_examples=200, deadline=None)
@given(st.sampled_from(["2009-06", "2012-06"]), LEVEL, st.sampled_from(["general", "mid_low", "low"]),
       st.integers(min_value=0, max_value=600).map(lambda quarters: Decimal(quarters) / 4),
       st.integers(min_value=0, max_value=40).map(lambda quarters: Decimal(quarters) / 4))
def test_ltc10_parts_sum_and_more_hours_never_lower_the_users_share(month, level, income, hours, extra):
    base = {"month": month, "level": level, "income": income}
    before = evaluate("tw.ltc10.month", {**base, "hours": hours})
    after = evaluate("tw.ltc10.month", {**base, "hours": hours + extra})
    assert_parts_sum_and_not_negative(before)
    assert after["user"] >= before["user"]


CODES = ["BA01", "BA02", "BA04", "BA07", "BA13", "BA14", "BA20", "BA24"]


@settings(max_examples=200, deadline=None)
@given(st.integers(min_value=2, max_value=8), st.sampled_from(["ltc_low", "ltc_mid_low", "ltc_general"]),
       st.booleans(), st.lists(st.tuples(st.sampled_from(CODES), st.integers(min_value=0, max_value=60)), max_size=8))
def test_ltc2_parts_sum_per_line_and_in_total(level, tier, remote, services):
    answer = evaluate("tw.ltc2.month", {"month": "2019-03", "cms_level": level, "tier": tier, "remote": remote,
                                        "services": [{"code": c, "units": u} for c, u in services]})
    assert_parts_sum_and_not_negative(answer)
    assert answer["used"] - answer["over_limit"] <= answer["limit"]
    for line in answer["lines"]:
        assert line["government"] + line["user"] == line["amount"]
        assert line["copay"] <= line["covered"]
