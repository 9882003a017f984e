"""Pricing a shift for its contract through the rules engine: Sapporo's bands and caps (D-01, D-02), Taiwan's
county rate (T-2) and the independent-living plan first (IL-05). Stored as ShiftSegment rows by date."""

import datetime as dt

import pytest

from alongside.assistance.models import Shift, ShiftSegment
from alongside.assistance.shifts import pricing
from alongside.assistance.tests.test_shifts_common import jst, plan, tst
from alongside.core.errors import DomainError

pytestmark = pytest.mark.django_db


def contract_of(assistant):
    return assistant.contracts.get()


def test_sapporo_20_to_23_at_1200_1500_without_transport_is_2h_day_and_1h_night_3900_yen_D_01_D_02(
    enrolment, assistant
):
    quote = pricing.shift_quote(enrolment=enrolment, contract=contract_of(assistant), start=jst(10, 20),
                                end=jst(10, 23))  # fmt: skip
    assert [(s.date, s.band, s.minutes, s.rate, s.cap, s.amount) for s in quote.segments] == [
        (dt.date(2025, 6, 10), "day", 120, 1200, 1200, 2400),
        (dt.date(2025, 6, 10), "night", 60, 1500, 1500, 1500),
    ]
    assert (quote.total, quote.currency, quote.hours) == (3900, "JPY", 3)
    assert {"D-01", "D-02"} <= set(quote.rule_ids)


def test_a_planned_shift_stores_its_segments_amount_and_rules_D_02(enrolment, assistant):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23))
    rows = list(shift.segments.values_list("date", "band", "minutes", "rate", "cap", "amount"))
    assert rows == [
        (dt.date(2025, 6, 10), "day", 120, 1200, 1200, 2400),
        (dt.date(2025, 6, 10), "night", 60, 1500, 1500, 1500),
    ]
    assert shift.amount == 3900
    assert {"D-01", "D-02"} <= set(shift.rule_ids)


def test_a_shift_over_a_month_end_puts_its_segments_in_both_months_D_02(enrolment, assistant):
    shift = plan(enrolment, assistant, jst(30, 21), jst(1, 2, month=7))
    rows = list(shift.segments.values_list("date", "band", "minutes", "amount"))
    assert rows == [
        (dt.date(2025, 6, 30), "day", 60, 1200),
        (dt.date(2025, 6, 30), "night", 120, 3000),
        (dt.date(2025, 7, 1), "night", 120, 3000),
    ]
    june = ShiftSegment.objects.filter(date__month=6).values_list("amount", flat=True)
    july = ShiftSegment.objects.filter(date__month=7).values_list("amount", flat=True)
    assert (sum(june), sum(july), shift.amount) == (4200, 3000, 7200)


def test_a_rate_above_the_cap_is_refused_and_nothing_is_stored_D_01(enrolment, assistant):
    contract = contract_of(assistant)
    contract.day_rate = 1300  # transport not included: the day cap is 1,200
    contract.save()
    with pytest.raises(DomainError) as refused:
        plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    [problem] = refused.value.problems
    assert (problem.field, problem.code) == ("pay.day", "rate_above_cap")
    assert "1,300" in problem.message
    assert "1,200" in problem.message
    assert Shift.objects.count() == ShiftSegment.objects.count() == 0


def test_the_same_rate_with_transport_included_is_within_the_1300_cap_D_01(enrolment, second_assistant):
    quote = pricing.shift_quote(enrolment=enrolment, contract=contract_of(second_assistant), start=jst(10, 9),
                                end=jst(10, 12))  # fmt: skip
    assert (quote.total, quote.segments[0].cap) == (3900, 1300)


def test_the_bands_are_the_households_local_time_not_the_servers_D_02(enrolment, assistant):
    # 21:00-22:00 in Taipei (the server's zone) is 22:00-23:00 in Sapporo: night.
    quote = pricing.shift_quote(enrolment=enrolment, contract=contract_of(assistant), start=tst(10, 21),
                                end=tst(10, 22))  # fmt: skip
    assert [(s.band, s.amount) for s in quote.segments] == [("night", 1500)]


def test_kinmen_pays_the_county_rate_of_210_ntd_an_hour_whatever_the_contract_says_T_2(
    kinmen_enrolment, kinmen_assistant
):
    contract = contract_of(kinmen_assistant)
    contract.day_rate = contract.night_rate = 999
    contract.save()
    shift = plan(kinmen_enrolment, kinmen_assistant, tst(10, 9), tst(10, 11, 30))
    assert list(shift.segments.values_list("date", "band", "minutes", "rate", "cap", "amount")) == [
        (dt.date(2025, 6, 10), "county", 150, 210, None, 525),
    ]
    assert shift.amount == 525
    assert "T-2" in shift.rule_ids


def test_kinmen_splits_a_shift_at_midnight_one_segment_per_date_T_2(kinmen_enrolment, kinmen_assistant):
    quote = pricing.shift_quote(enrolment=kinmen_enrolment, contract=contract_of(kinmen_assistant),
                                start=tst(30, 22), end=tst(1, 1, month=7))  # fmt: skip
    assert [(s.date, s.minutes, s.amount) for s in quote.segments] == [
        (dt.date(2025, 6, 30), 120, 420),
        (dt.date(2025, 7, 1), 60, 210),
    ]
    assert (quote.total, quote.currency) == (630, "TWD")


def test_no_kinmen_shift_without_an_independent_living_plan_IL_05(kinmen_enrolment, kinmen_assistant):
    kinmen_enrolment.independent_living_plan_on = None
    kinmen_enrolment.save()
    with pytest.raises(DomainError) as refused:
        plan(kinmen_enrolment, kinmen_assistant, tst(10, 9), tst(10, 11))
    [problem] = refused.value.problems
    assert problem.code == "no_independent_living_plan"
    assert problem.message == "An independent-living plan is needed before the first shift."
    assert Shift.objects.count() == 0


def test_a_plan_agreed_after_the_shift_date_does_not_count_IL_05(kinmen_enrolment, kinmen_assistant):
    kinmen_enrolment.independent_living_plan_on = dt.date(2025, 6, 11)
    kinmen_enrolment.save()
    with pytest.raises(DomainError) as refused:
        pricing.shift_quote(enrolment=kinmen_enrolment, contract=contract_of(kinmen_assistant), start=tst(10, 9),
                            end=tst(10, 11))  # fmt: skip
    assert refused.value.problems[0].code == "no_independent_living_plan"
