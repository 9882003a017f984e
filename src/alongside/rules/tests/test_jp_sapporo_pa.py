"""Sapporo PA: pure calculations, the relatives table, operator-dated rules and recorded program facts.

The worked examples of 002 are YAML cases under cases/jp.sapporo.pa.*; this file pins the functions
behind them and the behaviour that needs a changed parameter file (a `from: null` rule switched on).
"""

import shutil
from datetime import date
from decimal import Decimal

import pytest
import yaml
from hypothesis import given
from hypothesis import strategies as st

from alongside.rules import evaluate, parameters
from alongside.rules.jp import sapporo_pa
from alongside.rules.jp.sapporo_pa import RELATIONS, Relation

PA_FILE = "jp/sapporo/jp.sapporo.pa.yaml"


def store_with_dates(tmp_path, **starts: date) -> parameters.ParameterStore:
    """A copy of the parameter files in which the `from: null` version of each named key gets a date."""
    root = tmp_path / "params"
    shutil.copytree(parameters.DEFAULT_ROOT, root)
    path = root / PA_FILE
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    for key, start in starts.items():
        undated = next(v for v in data["parameters"][key] if v["from"] is None)
        undated["from"] = start
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return parameters.ParameterStore.load(root)


@pytest.fixture
def operator_dates(tmp_path, monkeypatch):
    def switch_on(**starts: date) -> None:
        store = store_with_dates(tmp_path, **starts)
        monkeypatch.setattr(parameters, "default_store", lambda: store)

    return switch_on


# --- PA-03, PA-04 budget ----------------------------------------------------------------------------


def test_budget_of_the_002_example_is_480000_yen_and_buys_400_hours_at_1200():
    # PA-03, PA-04: 002 p.8, 200 h × 2,400 = 480,000; ÷ 1,200 = 400 h; + 130 h = 530 h
    result = sapporo_pa.budget_compute(approved_hours=Decimal(330), transfer_hours=Decimal(200),
                                       yen_per_hour=2400, min_remaining_hours=Decimal(1))
    assert result == sapporo_pa.Budget(480000, Decimal(329), Decimal(130))
    assert sapporo_pa.hours_affordable(480000, 1200) == Decimal(400)
    assert sapporo_pa.hours_affordable(480000, 1200) + result.remaining_heavy_care_hours == Decimal(530)


def test_hours_affordable_never_cost_more_than_the_budget():
    # PA-03: 480,000 / 1,300 = 369.23… → 369.2 h, and 369.2 × 1,300 = 479,960 ≤ 480,000
    assert sapporo_pa.hours_affordable(480000, 1300) == Decimal("369.2")
    assert sapporo_pa.hours_affordable(480000, 1300) * 1300 <= 480000


def test_fy2013_average_transfer_explains_the_observed_extension_of_hours():
    # PA-21 (statistics, not a rule): average transfer 174 h, average PA use 271 h (×1.56). At the
    # 1,200-yen day cap the 174 h budget buys at most 348 h, so 271 h is within what the rule allows.
    budget = sapporo_pa.budget_compute(approved_hours=Decimal(175), transfer_hours=Decimal(174),
                                       yen_per_hour=2400, min_remaining_hours=Decimal(1)).budget
    assert budget == 417600
    assert sapporo_pa.hours_affordable(budget, 1200) == Decimal(348) >= Decimal(271)


@given(approved=st.integers(1, 744), rate=st.integers(1, 5000), data=st.data())
def test_budget_is_never_negative_and_its_hours_fit_it(approved, rate, data):
    # PA-03, PA-04
    transfer = data.draw(st.integers(0, approved - 1))
    result = sapporo_pa.budget_compute(approved_hours=Decimal(approved), transfer_hours=Decimal(transfer),
                                       yen_per_hour=2400, min_remaining_hours=Decimal(1))
    assert result.budget == transfer * 2400 >= 0
    assert result.remaining_heavy_care_hours >= 1
    assert sapporo_pa.hours_affordable(result.budget, rate) * rate <= result.budget


# --- D-03 carry-over --------------------------------------------------------------------------------


def test_carry_over_worked_example_april_to_july_chains():
    # PA-09, D-03: 002 繰越制度利用例 (rules.md 1.2 rebuild; June and July spends reconstructed [P])
    carry_in, rows = 0, []
    for spent in (70000, 80000, 30000, 200000):
        month = sapporo_pa.carry_over_compute(base_budget=100000, carry_in=carry_in, spent=spent,
                                              carry_over_max=100000, notified=True, notice_required=True)
        rows.append((month.available, month.unused, month.carry_out, month.forfeited))
        carry_in = month.carry_out
    assert rows == [
        (100000, 30000, 30000, 0),
        (130000, 50000, 50000, 0),
        (150000, 120000, 100000, 20000),
        (200000, 0, 0, 0),
    ]


@given(base=st.integers(0, 2_000_000), carry_in=st.integers(0, 100000), spent=st.integers(0, 3_000_000),
       notified=st.booleans(), maximum=st.sampled_from([0, 100000]))
def test_carry_over_parts_add_up_and_respect_the_limit(base, carry_in, spent, notified, maximum):
    # D-03: unused = carry_out + forfeited; available − spent = unused − overspent; carry_out ≤ max
    month = sapporo_pa.carry_over_compute(base_budget=base, carry_in=carry_in, spent=spent,
                                          carry_over_max=maximum, notified=notified, notice_required=True)
    assert month.unused == month.carry_out + month.forfeited
    assert month.available - spent == month.unused - month.overspent
    assert 0 <= month.carry_out <= maximum
    assert min(month.unused, month.forfeited, month.overspent) >= 0
    if not notified:
        assert month.carry_out == 0


# --- D-16 co-pay --------------------------------------------------------------------------------------


@given(spend=st.integers(0, 3_000_000), cap=st.sampled_from([0, 4600, 9300, 37200]), data=st.data(),
       applied=st.booleans())
def test_copay_net_of_refund_never_exceeds_the_cap(spend, cap, data, applied):
    # D-16, PA-06, PA-07, J-1: with the refund applied for, the month's burden is at most the cap
    welfare = data.draw(st.integers(0, cap))
    result = sapporo_pa.copay_compute(pa_spend=spend, welfare_copay=welfare, cap=cap, rate=Decimal("0.10"),
                                      refund_applied=applied, refund_requires_application=True)
    assert 0 <= result.refund <= result.refund_due <= result.pa_copay <= spend // 10
    assert result.net_burden == welfare + result.pa_copay - result.refund
    if applied:
        assert result.net_burden <= cap
    if cap == 0:
        assert result.net_burden == 0


@given(spend=st.integers(0, 1_000_000), more=st.integers(0, 1_000_000))
def test_more_pa_spend_never_lowers_the_copay(spend, more):
    # D-16: 10% floored is monotone, so more hours never lower the user's share
    def copay(amount):
        return sapporo_pa.copay_compute(pa_spend=amount, welfare_copay=0, cap=37200, rate=Decimal("0.10"),
                                        refund_applied=True, refund_requires_application=True)

    assert copay(spend + more).net_burden >= copay(spend).net_burden


def test_taxed_and_exempt_households_match_the_2015_city_page():
    # S-1: 生活保護 and municipal-tax-exempt households pay nothing; others 10% within the cap
    for tier in ("welfare", "low_income"):
        answer = evaluate("jp.sapporo.pa.copay", {"month": "2015-10", "income_tier": tier, "pa_spend": 300000,
                                                  "welfare_copay": 0, "refund_applied": False})
        assert (answer["pa_copay"], answer["net_burden"]) == (0, 0)
    answer = evaluate("jp.sapporo.pa.copay", {"month": "2015-10", "income_tier": "general_2",
                                              "pa_spend": 300000, "welfare_copay": 0, "refund_applied": False})
    assert answer["pa_copay"] == 30000


# --- D-04 relatives -----------------------------------------------------------------------------------

EXCLUDED = {"spouse": True, "common_law_spouse": True, "former_spouse": True, "max_kinship_degree": 3}

# Every code of rules-api.md with its Civil Code degree (J-5, J-6) and whether PA-08/D-04 allows it.
RELATION_TABLE = [
    ("none", "none", None, True),
    ("friend", "none", None, True),
    ("spouse", "spouse", None, False),
    ("common_law_spouse", "spouse", None, False),
    ("former_spouse", "spouse", None, False),
    ("parent", "blood", 1, False),
    ("child", "blood", 1, False),
    ("sibling", "blood", 2, False),
    ("grandparent", "blood", 2, False),
    ("grandchild", "blood", 2, False),
    ("great_grandparent", "blood", 3, False),
    ("great_grandchild", "blood", 3, False),
    ("uncle_aunt", "blood", 3, False),
    ("nephew_niece", "blood", 3, False),
    ("cousin", "blood", 4, True),
    ("spouse_parent", "affinity", 1, False),
    ("spouse_sibling", "affinity", 2, False),
    ("spouse_grandparent", "affinity", 2, False),
    ("spouse_uncle_aunt", "affinity", 3, False),
    ("spouse_nephew_niece", "affinity", 3, False),
    ("spouse_cousin", "affinity", 4, True),
    ("child_spouse", "affinity", 1, False),
    ("sibling_spouse", "affinity", 2, False),
    ("grandchild_spouse", "affinity", 2, False),
    ("spouse_sibling_spouse", "none", None, True),
]


def test_relation_table_lists_exactly_the_codes_of_rules_api():
    assert sorted(RELATIONS) == sorted(code for code, *_ in RELATION_TABLE)


@pytest.mark.parametrize(("code", "kind", "degree", "allowed"), RELATION_TABLE)
def test_relatives_within_the_third_degree_and_every_spouse_are_excluded(code, kind, degree, allowed):
    # PA-08, D-04, J-5, J-6
    assert RELATIONS[code] == Relation(kind, degree)
    assert sapporo_pa.assistant_allowed(code, EXCLUDED) is allowed
    answer = evaluate("jp.sapporo.pa.assistant_allowed", {"relation": code})
    assert (answer["allowed"], answer["degree"], answer["kind"]) == (allowed, degree, kind)


# --- Operator-dated rules (from: null): D-01 reading B, D-17 proxy fee -----------------------------------


def test_reading_b_applies_wage_caps_whatever_the_transport_flag_once_an_operator_dates_it(operator_dates):
    # D-01, PA-11 (and S-2: 2025 posts pay 1,300/1,600 plus separate transport)
    operator_dates(pay_cap_per_hour=date(2016, 4, 1))
    request = {"start": "2016-04-01T21:00", "end": "2016-04-01T23:00", "pay": {"day": 1300, "night": 1600},
               "transport_included": False}
    answer = evaluate("jp.sapporo.pa.shift", request)
    assert [s["cap"] for s in answer["segments"]] == [1300, 1600]
    assert (answer["valid"], answer["total"], answer["pay_cap_reading"]) == (True, 2900, "B")
    assert "PA-11" in answer["rule_ids"]
    assert answer["unverified_parameters"][0]["key"] == "pay_cap_per_hour"


def test_reading_a_still_prices_the_day_before_reading_b_starts(operator_dates):
    # D-01: a shift over the switch date uses each segment's own date
    operator_dates(pay_cap_per_hour=date(2016, 4, 1))
    request = {"start": "2016-03-31T21:00", "end": "2016-04-01T01:00", "pay": {"day": 1200, "night": 1600},
               "transport_included": False}
    answer = evaluate("jp.sapporo.pa.shift", request)
    assert [(s["date"], s["cap"]) for s in answer["segments"]] == [
        ("2016-03-31", 1200), ("2016-03-31", 1500), ("2016-04-01", 1600)]
    assert answer["pay_cap_reading"] == "A+B"
    assert answer["violations"] == [{"band": "night", "rate": 1600, "cap": 1500}]


def test_reading_b_is_not_in_force_without_an_operator_date():
    # D-01: reading B has no default start date
    answer = evaluate("jp.sapporo.pa.shift", {"start": "2025-12-01T10:00", "end": "2025-12-01T11:00",
                                              "pay": {"day": 1300}, "transport_included": False})
    assert (answer["pay_cap_reading"], answer["valid"]) == ("A", False)


def test_proxy_fee_is_3000_yen_per_assistant_under_contract(operator_dates):
    # PA-12, D-17: four assistants under contract → 12,000 yen, a PA expense using the budget
    operator_dates(proxy_fee=date(2015, 4, 1))
    answer = evaluate("jp.sapporo.pa.proxy_fee", {"month": "2015-06", "assistants_under_contract": 4,
                                                  "user_can_self_manage": False, "family_can_manage": False})
    assert {k: answer[k] for k in ("eligible", "fee", "uses_budget", "reason")} == {
        "eligible": True, "fee": 12000, "uses_budget": True, "reason": "proxy_allowed"}
    assert {"PA-12", "D-17"} <= set(answer["rule_ids"])


@pytest.mark.parametrize(("self_manage", "family", "reason"), [
    (True, False, "user_can_self_manage"),
    (False, True, "family_can_manage"),
    (True, True, "user_can_self_manage"),
])
def test_no_proxy_fee_when_the_user_or_the_family_can_manage(operator_dates, self_manage, family, reason):
    # PA-12, D-17: 「ご家族も行えないことが前提です。」
    operator_dates(proxy_fee=date(2015, 4, 1))
    answer = evaluate("jp.sapporo.pa.proxy_fee", {"month": "2015-06", "assistants_under_contract": 4,
                                                  "user_can_self_manage": self_manage,
                                                  "family_can_manage": family})
    assert (answer["eligible"], answer["fee"], answer["reason"]) == (False, 0, reason)


# --- PA-13, PA-14, D-15 deadlines ----------------------------------------------------------------------


def test_deadlines_without_holidays_are_the_10th_5th_and_25th():
    # PA-13, PA-14: a calendar with no non-working days shows the raw days of month
    days = {"apply_by_day_of_prior_month": 10, "claim_by_day_of_next_month": 5, "pay_by_day_of_claim_month": 25}
    result = sapporo_pa.deadlines_compute(date(2014, 12, 1), days, lambda day: day)
    assert result == sapporo_pa.Deadlines(date(2014, 11, 10), date(2015, 1, 5), date(2015, 1, 25),
                                          date(2015, 2, 5))


# --- Recorded program facts: no computation uses them, the UI shows them -------------------------------


@pytest.mark.parametrize(("key", "rule", "expected"), [
    ("eligibility", "PA-02", {"heavy_home_visit_care_decision": True, "manages": ["self", "supporter"],
                              "disability": ["physical"]}),
    ("payment", "PA-05", {"basis": "actual_cost", "proxy_receipt_by_assistant": True}),
    ("mandatory_training_hours", "PA-15", {"user": 4, "assistant": 2, "first_consultation": 2}),
    ("activities", "PA-16", {"allowed": ["hospital_communication_support", "care_technique_instruction"],
                             "not_allowed": ["outing_by_car"], "pa_expenses_include": ["job_advertisements"]}),
    ("agency_helpers", "PA-17", {"contract_when_unavoidable": True, "city_dispatches_substitute": False}),
    ("records", "PA-18", {"per_visit": ["usage_record", "activity_log"], "voicemail_at_start_and_end": True}),
    ("support_center_hours", "PA-19", {"open": "09:00", "close": "17:00", "days": "working_days"}),
    ("insurance", "PA-20", {"policyholder": "city", "covers": ["liability", "accident"]}),
])
def test_program_facts_are_recorded_with_their_rule(key, rule, expected):
    resolved = parameters.lookup("jp.sapporo.pa", key, on=date(2014, 12, 1), jurisdiction="jp.sapporo")
    assert resolved.value == expected
    assert rule in resolved.rule_ids


def test_program_starts_in_april_2010():
    # PA-01: 平成22年4月から
    assert parameters.program_validity("jp.sapporo.pa", "jp.sapporo") == (date(2010, 4, 1), None)
