"""Matching: caregivers ranked for a client's visit plan, with reasons; soft overrides allowed, hard never."""

from datetime import timedelta

from alongside.planning.constraints import Reason
from alongside.planning.domain import PlannedVisit, Solution
from alongside.planning.matching import override_allowed, rank, split_reasons
from alongside.planning.tests.builders import HOME_B, MONDAY, TRAVEL, caregiver, client, problem, visit


def weekly_plan(n: int = 3):
    return [visit(f"v{i}", day=MONDAY + timedelta(days=i)) for i in range(n)]


def team():
    return [
        caregiver("near", languages=frozenset({"nan"})),
        caregiver("far", home=HOME_B, languages=frozenset({"nan"})),
        caregiver("mandarin", languages=frozenset({"zh"})),
        caregiver("relative", relatives=frozenset({"cl1"})),
        caregiver("man", sex="male"),
    ]


def days_for(n: int):
    return tuple(MONDAY + timedelta(days=i) for i in range(n))


def test_eligible_first_by_soft_score_then_ineligible_with_hard_reasons():
    staff = [
        caregiver("near", days=days_for(3)),
        caregiver("far", home=HOME_B, days=days_for(3)),
        caregiver("mandarin", languages=frozenset({"zh"}), days=days_for(3)),
        caregiver("relative", relatives=frozenset({"cl1"}), days=days_for(3)),
    ]
    p = problem(staff, [client()], weekly_plan())
    suggestions = rank(p, "cl1", TRAVEL)
    assert [s.caregiver_id for s in suggestions] == ["near", "far", "mandarin", "relative"]
    assert [s.eligible for s in suggestions] == [True, True, True, False]
    assert [s.score for s in suggestions[:3]] == [10, 14, 40]  # travel 10, travel 14, travel 10 + language 30
    relative = suggestions[-1]
    assert [(r.code, r.params) for r in relative.hard_reasons] == [("relative_of_client", {"visits": 3})]
    assert set(relative.hard_by_visit) == {"v0", "v1", "v2"}
    assert relative.eligible_visits == 0
    assert "language_not_shared" in [r.code for r in suggestions[2].soft_reasons]


def test_nt11_male_caregiver_ranked_ineligible_only_for_intimate_visits():
    plan = [visit("bath", intimate_care=True), visit("shop", earliest_start=700, latest_start=700)]
    p = problem([caregiver("man", sex="male")], [client()], plan)
    (suggestion,) = rank(p, "cl1", TRAVEL)
    assert not suggestion.eligible
    assert suggestion.eligible_visits == 1
    assert [r.code for r in suggestion.hard_reasons] == ["male_for_intimate_care"]


def test_nt10_cap_reached_part_way_through_a_plan_bars_the_later_visits():
    plan = weekly_plan(3)
    p = problem([caregiver(month_minutes_booked=215 * 60 - 120, days=days_for(3))], [client()], plan)
    (suggestion,) = rank(p, ["v0", "v1", "v2"], TRAVEL)
    assert suggestion.eligible_visits == 2
    assert list(suggestion.hard_by_visit) == ["v2"]
    assert suggestion.hard_reasons[0].code == "month_cap_exceeded"


def test_visits_already_planned_block_overlapping_time():
    other = client("cl2")
    busy = visit("busy", client_id="cl2", earliest_start=480, latest_start=480, duration=300)
    p = problem([caregiver()], [client(), other], [visit(), busy])
    current = Solution(planned=(PlannedVisit("busy", "cg1", 480),))
    (suggestion,) = rank(p, "v1", TRAVEL, current=current)
    assert [r.code for r in suggestion.hard_reasons] == ["overlapping_visit"]
    (free,) = rank(p, "v1", TRAVEL)
    assert free.eligible


def test_supervisor_may_override_a_soft_reason_with_a_written_reason():
    soft = [Reason("language_not_shared", {"languages": "hak"}, 30), Reason("travel_from_home", {"minutes": 40}, 40)]
    assert override_allowed(soft)


def test_supervisor_may_never_override_a_hard_reason():
    hard = [Reason("language_not_shared", {}, 30), Reason("relative_of_client", {})]
    assert not override_allowed(hard)
    assert not override_allowed([Reason("qualification_expired", {})])
    assert [r.code for r in split_reasons(hard)[0]] == ["relative_of_client"]
    assert [r.code for r in split_reasons(hard)[1]] == ["language_not_shared"]


def test_suggestions_of_an_ineligible_caregiver_are_not_overridable():
    p = problem([caregiver(relatives=frozenset({"cl1"})), caregiver("cg2", languages=frozenset())], [client()])
    by_id = {s.caregiver_id: s for s in rank(p, "v1", TRAVEL)}
    assert not override_allowed(by_id["cg1"].reasons)
    assert override_allowed(by_id["cg2"].reasons)
