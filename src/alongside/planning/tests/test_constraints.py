"""Hard rules (each refused with its code, rule cited) and soft preferences of dispatch, plus travel times."""

from datetime import date

import pytest

from alongside.planning.constraints import (
    HARD_RULES,
    SOFT_RULES,
    Usage,
    eligibility,
    hard_reasons,
    preference_cost,
    soft_reasons,
)
from alongside.planning.domain import SKILLS_CERTIFICATE, Point, Policy, Qualification, Shift
from alongside.planning.tests.builders import MONDAY, PLACE_1, PLACE_2, TRAVEL, caregiver, client, problem, visit
from alongside.planning.travel import Cached, FixedMatrix, StraightLine, haversine_km


def codes(reasons) -> list[str]:
    return [r.code for r in reasons]


def reasons_for(cg, v=None, cl=None, usage=None, policy=None):
    v = v or visit()
    p = problem([cg], [cl or client()], [v], policy)
    return hard_reasons(p, cg, v, usage)


def test_a_qualified_available_caregiver_passes_every_hard_rule():
    assert reasons_for(caregiver()) == []


def test_missing_qualification_is_refused_004_ch6():
    reasons = reasons_for(caregiver(qualifications=()))
    assert codes(reasons) == ["qualification_missing"]
    assert reasons[0].hard
    assert reasons[0].rule == "004 ch.6"


def test_qualification_expired_before_the_visit_day_is_refused_004_ch6():
    expired = Qualification(SKILLS_CERTIFICATE, date(2019, 1, 1), expires_on=date(2025, 3, 2))
    reasons = reasons_for(caregiver(qualifications=(expired,)))
    assert codes(reasons) == ["qualification_expired"]
    assert reasons[0].params == {"day": "2025-03-03", "kind": SKILLS_CERTIFICATE, "expired_on": "2025-03-02"}


def test_qualification_valid_through_its_expiry_day_004_ch6():
    last_day = Qualification(SKILLS_CERTIFICATE, date(2019, 1, 1), expires_on=MONDAY)
    assert reasons_for(caregiver(qualifications=(last_day,))) == []


def test_qualification_issued_after_the_visit_day_does_not_count_004_ch6():
    future = Qualification(SKILLS_CERTIFICATE, date(2025, 4, 1))
    assert codes(reasons_for(caregiver(qualifications=(future,)))) == ["qualification_expired"]


def test_not_available_without_a_shift_that_holds_the_whole_visit():
    short = caregiver(shifts=(Shift(MONDAY, 480, 620),))  # visit 540..600 start, 60 min: 600+60 > 620 at latest
    assert reasons_for(short) == []  # start 540 fits
    too_short = caregiver(shifts=(Shift(MONDAY, 570, 620),))  # needs start 570 ending 630 > 620
    assert codes(reasons_for(too_short)) == ["not_available"]
    assert codes(reasons_for(caregiver(days=()))) == ["not_available"]


def test_nt11_no_male_caregiver_for_intimate_care_of_a_female_client():
    male = caregiver(sex="male")
    reasons = reasons_for(male, visit(intimate_care=True))
    assert codes(reasons) == ["male_for_intimate_care"]
    assert reasons[0].rule == "NT-11"
    assert reasons_for(male, visit(intimate_care=False)) == []
    assert reasons_for(male, visit(intimate_care=True), client(sex="male")) == []
    assert reasons_for(caregiver(sex="female"), visit(intimate_care=True)) == []


def test_d05_relative_of_the_client_is_refused():
    reasons = reasons_for(caregiver(relatives=frozenset({"cl1"})))
    assert codes(reasons) == ["relative_of_client"]
    assert reasons[0].rule == "D-05"
    assert reasons_for(caregiver(relatives=frozenset({"someone_else"}))) == []


def test_client_refusal_is_honoured_as_a_hard_rule():
    assert codes(reasons_for(caregiver(), cl=client(refused_caregivers=frozenset({"cg1"})))) == ["refused_by_client"]


def test_nt10_month_cap_of_215_hours_counts_booked_minutes():
    nearly = caregiver(month_minutes_booked=215 * 60 - 60)
    assert reasons_for(nearly) == []  # exactly 215 h is allowed
    over = caregiver(month_minutes_booked=215 * 60 - 59)
    reasons = reasons_for(over)
    assert codes(reasons) == ["month_cap_exceeded"]
    assert reasons[0].params == {"month": "2025-03", "minutes": 215 * 60 + 1, "cap": 215 * 60}
    assert reasons[0].rule == "NT-10"


def test_nt10_public_cap_of_200_hours_applies_only_to_publicly_funded_visits():
    cg = caregiver(month_public_minutes_booked=200 * 60 - 30)
    assert codes(reasons_for(cg)) == ["month_public_cap_exceeded"]
    assert reasons_for(cg, visit(publicly_funded=False, subsidised=False)) == []


def test_nt10_caps_count_minutes_planned_earlier_in_the_problem():
    usage = Usage()
    usage.add(visit("earlier", day=date(2025, 3, 1), duration=215 * 60), "cg1", 0)
    assert codes(reasons_for(caregiver(), usage=usage)) == ["month_cap_exceeded", "month_public_cap_exceeded"]
    april = visit(day=date(2025, 4, 1))
    cg = caregiver(shifts=(Shift(april.day, 480, 1020),))
    assert reasons_for(cg, april, usage=usage) == []  # another month


def test_caregivers_own_monthly_limit_below_nt10():
    reasons = reasons_for(caregiver(max_month_minutes=30))
    assert codes(reasons) == ["caregiver_month_limit_exceeded"]
    assert reasons[0].params["cap"] == 30


def test_dp08_client_day_of_8_subsidised_hours_counts_booked_minutes():
    booked = client(subsidised_minutes_booked={MONDAY: 8 * 60 - 30})
    reasons = reasons_for(caregiver(), cl=booked)
    assert codes(reasons) == ["client_day_subsidised_cap_exceeded"]
    assert reasons[0].rule == "DP-08"
    assert reasons_for(caregiver(), visit(subsidised=False), cl=booked) == []


def test_overlapping_visit_of_the_same_caregiver_is_refused():
    usage = Usage()
    usage.add(visit("other", earliest_start=480, latest_start=480, duration=240), "cg1", 480)
    reasons = reasons_for(caregiver(), usage=usage)  # 540..660 all inside 480..720
    assert codes(reasons) == ["overlapping_visit"]
    assert reasons[0].params["visit_id"] == "other"
    usage = Usage()
    usage.add(visit("other", duration=60), "cg1", 480)  # 480..540: start 540 still free
    assert reasons_for(caregiver(), usage=usage) == []


def test_every_code_has_a_rule_and_hard_and_soft_never_overlap():
    assert not set(HARD_RULES) & set(SOFT_RULES)
    assert all(code == code.lower() and " " not in code for code in [*HARD_RULES, *SOFT_RULES])


def test_soft_reasons_carry_points_from_the_policy():
    policy = Policy()
    cl = client(
        languages=frozenset({"hak"}),
        religion="buddhist",
        diet=frozenset({"vegetarian"}),
        body_build="large",
        past_caregivers={"cg9": 3},
        chosen_caregivers=("cg9",),
    )
    cg = caregiver(religion="christian", body_build="small")
    reasons = soft_reasons(cg, cl, policy, TRAVEL)
    by_code = {r.code: r for r in reasons}
    assert set(by_code) == {
        "language_not_shared",
        "religion_differs",
        "diet_differs",
        "body_build_too_small",
        "no_past_visits",
        "client_chose_others",
        "travel_from_home",
    }
    assert not any(r.hard for r in reasons)
    assert by_code["travel_from_home"].params == {"minutes": 10}
    expected = 30 + 10 + 10 + 2 * 10 + 20 + 40
    assert preference_cost(reasons, with_travel=False) == expected
    assert preference_cost(reasons) == expected + 10


def test_met_preferences_cost_nothing_and_say_so():
    cl = client(languages=frozenset({"nan"}), religion="folk", past_caregivers={"cg1": 4}, chosen_caregivers=("cg1",))
    reasons = soft_reasons(caregiver(religion="folk"), cl, Policy(), None)
    assert codes(reasons) == ["language_shared", "religion_same", "continuity_past_visits", "client_chose_caregiver"]
    assert preference_cost(reasons) == 0
    assert reasons[-1].params == {"rank": 1}


def test_d20_the_clients_second_choice_costs_part_of_the_weight():
    cl = client(chosen_caregivers=("cg2", "cg1"))
    reason = next(r for r in soft_reasons(caregiver(), cl, Policy(), None) if r.code == "client_chose_caregiver")
    assert (reason.params, reason.points) == ({"rank": 2}, 20)


def test_eligibility_gives_allowed_sets_and_costs_without_travel():
    ok, male = caregiver("ok"), caregiver("male", sex="male", languages=frozenset({"zh"}))
    visits = [visit("bath", intimate_care=True), visit("walk")]
    el = eligibility(problem([ok, male], [client()], visits))
    assert el.allowed == {"bath": frozenset({"ok"}), "walk": frozenset({"ok", "male"})}
    assert codes(el.barred["bath"]["male"]) == ["male_for_intimate_care"]
    assert el.cost == {("ok", "bath"): 0, ("ok", "walk"): 0, ("male", "walk"): 30}


def test_eligibility_builds_continuity_from_visits_planned_earlier_in_the_run():
    cl = client(past_caregivers={"a": 1})
    p = problem([caregiver("a"), caregiver("b")], [cl], [visit()])
    assert eligibility(p).cost[("b", "v1")] == 20
    assert eligibility(p, past_visits={("cl1", "b"): 1}).cost[("b", "v1")] == 0


def test_straight_line_rounds_up_to_whole_minutes():
    travel = StraightLine()
    assert travel.minutes(PLACE_1, PLACE_1) == 0
    km = haversine_km(PLACE_1, PLACE_2)
    assert 4 < km < 5
    exact = km * 1.3 / 30 * 60
    assert travel.minutes(PLACE_1, PLACE_2) == int(exact) + 1
    assert isinstance(travel.minutes(PLACE_1, PLACE_2), int)
    assert StraightLine(detour_factor=1.0, speed_kmh=60).minutes(Point(0, 0), Point(0, 1)) == 112  # 111.2 km


def test_straight_line_matrix_and_cache_agree():
    points = [PLACE_1, PLACE_2]
    assert Cached(StraightLine()).matrix(points) == StraightLine().matrix(points)
    with pytest.raises(ValueError, match="detour"):
        StraightLine(detour_factor=0.5)


def test_fixed_matrix_answers_known_points_only():
    m = FixedMatrix([PLACE_1, PLACE_2], [[0, 7], [9, 0]])
    assert m.minutes(PLACE_2, PLACE_1) == 9
    assert m.matrix([PLACE_2, PLACE_1]) == [[0, 9], [7, 0]]
    with pytest.raises(KeyError):
        m.minutes(PLACE_1, Point(0, 0))
    with pytest.raises(ValueError, match="square"):
        FixedMatrix([PLACE_1], [[0, 1]])
