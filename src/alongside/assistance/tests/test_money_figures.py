"""The month's money (figures.month_money): budget, carry-in, what is spent, recorded and planned, what is left
and what it buys; the 85 % and over-budget warnings; carry-over (D-03), co-pay and refund (D-16), the proxy fee
(D-17), the deadlines and the proof of paying assistants (PA-14); Taiwan's county month."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from alongside.assistance.models import Assistant, Claim, Contract
from alongside.assistance.money import figures as f
from alongside.assistance.tests.test_money_fixtures import (  # noqa: F401 (fixtures)
    JUNE,
    application,
    at,
    day_shift,
    expense,
    fixture_proxy_fee_in_force,
    fixture_today,
    make_proxy,
    payment,
    shift,
    spend,
)

pytestmark = pytest.mark.django_db
MAY = dt.date(2025, 5, 1)


def test_june_money_adds_the_carry_in_and_takes_off_every_kind_of_spending_PA_03_D_03(
        enrolment, assistant, second_assistant, today):
    """002's budget (200 h × 2,400 = 480,000) plus May's carry (capped at 100,000) less what June uses."""
    application(enrolment, MAY, carry_over_notified=True)
    spend(assistant, MAY, 300000)  # May leaves 180,000 unused: 100,000 carries, 80,000 is lost
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 6, 3))  # 3 h × 1,200 = 3,600
    shift(second_assistant, at(dt.date(2025, 6, 20), 21), at(dt.date(2025, 6, 21), 1))  # 1,300 + 3 × 1,600
    day_shift(assistant, dt.date(2025, 6, 25), 2, status="recorded")  # 2,400
    day_shift(assistant, dt.date(2025, 6, 28), 4, status="planned")  # 4,800
    expense(enrolment, JUNE, 5000)

    money = f.month_money(enrolment, JUNE)

    assert (money.budget, money.carry_in, money.carry_in_from_claim, money.available) == (480000, 100000, False, 580000)
    assert (money.spent, money.recorded, money.committed) == (9700, 2400, 4800)
    assert (money.expenses, money.proxy_fee) == (5000, 0)
    assert (money.used, money.left, money.used_percent) == (21900, 558100, 3)
    assert [(h.name, h.day_rate, h.hours) for h in money.hours_left] == [
        ("鈴木 直美", 1300, Decimal("429.3")), ("高橋 健一", 1200, Decimal("465.0"))]
    assert money.copay.pa_spend == 14700
    assert money.copay.pa_copay == 1470
    assert money.copay.cap == 37200
    assert (money.deadlines.claim_by, money.deadlines.pay_by, money.deadlines.payment_proof_by) == (
        dt.date(2025, 7, 7), dt.date(2025, 7, 25), dt.date(2025, 8, 5))
    assert money.recorded_shifts == 1
    assert {"PA-09", "D-03", "D-16", "PA-14"} <= set(money.rule_ids)


def test_the_carry_out_is_capped_at_100000_yen_with_notice_and_0_without_D_03(enrolment, assistant, today):
    application(enrolment, JUNE, carry_over_notified=True)
    spend(assistant, JUNE, 300000)
    notified = f.month_money(enrolment, JUNE).carry
    assert (notified.unused, notified.carry_out, notified.forfeited, notified.flags) == (180000, 100000, 80000, ())

    enrolment.applications.update(carry_over_notified=False)
    money = f.month_money(enrolment, JUNE)
    assert (money.carry.carry_out, money.carry.forfeited) == (0, 180000)
    assert f.CARRY_NOT_NOTIFIED in money.warnings


def test_no_carry_in_without_the_previous_months_notice_D_03(enrolment, assistant, today):
    application(enrolment, MAY, carry_over_notified=False)
    application(enrolment, JUNE)
    assert f.month_money(enrolment, JUNE).carry_in == 0


def test_carried_money_rolls_again_through_two_months_D_03(enrolment, assistant, today):
    """April is not applied for; May carries 100,000 into June, June (spending little) carries 100,000 again."""
    application(enrolment, MAY, carry_over_notified=True)
    application(enrolment, JUNE, carry_over_notified=True)
    application(enrolment, dt.date(2025, 7, 1))
    spend(assistant, JUNE, 500000)  # 580,000 available: 80,000 unused carries
    july = f.month_money(enrolment, dt.date(2025, 7, 1))
    assert (july.carry_in, july.available) == (80000, 560000)


def test_a_sent_claim_of_the_previous_month_says_what_it_carried_D_03(enrolment, assistant, today):
    application(enrolment, MAY, carry_over_notified=True)
    application(enrolment, JUNE)
    Claim.objects.create(enrolment=enrolment, month=MAY, status="submitted", carry_out=42000)
    money = f.month_money(enrolment, JUNE)
    assert (money.carry_in, money.carry_in_from_claim) == (42000, True)


def test_a_draft_claim_does_not_freeze_the_carry(enrolment, assistant, today):
    application(enrolment, MAY, carry_over_notified=True)
    application(enrolment, JUNE)
    Claim.objects.create(enrolment=enrolment, month=MAY, status="draft", carry_out=42000)
    assert f.month_money(enrolment, JUNE).carry_in == 100000


@pytest.mark.parametrize(("used", "warning", "left"), [
    (407999, None, 72001),
    (408000, f.USED_85, 72000),  # exactly 85 % of 480,000
    (480000, f.USED_85, 0),
    (480001, f.OVER_BUDGET, -1),
])
def test_warnings_at_85_percent_used_and_over_the_budget(enrolment, assistant, today, used, warning, left):
    """Over the budget is reported, never refused: the month happened."""
    application(enrolment, JUNE)
    spend(assistant, JUNE, used - 1000)
    spend(assistant, JUNE, 1000, status="planned")  # planned money counts as used too
    money = f.month_money(enrolment, JUNE)
    assert money.left == left
    assert {f.USED_85, f.OVER_BUDGET} & set(money.warnings) == ({warning} if warning else set())


def test_no_application_means_no_budget_and_a_flag(enrolment, assistant, today):
    application(enrolment, JUNE, status="draft")
    spend(assistant, JUNE, 1200)
    money = f.month_money(enrolment, JUNE)
    assert (money.budget, money.available, money.application_status) == (0, 0, "draft")
    assert f.NO_APPLICATION in money.warnings
    assert f.OVER_BUDGET in money.warnings


def test_co_pay_of_general_2_is_10_percent_capped_at_37200_refund_only_when_applied_D_16(enrolment, assistant, today):
    application(enrolment, JUNE)
    spend(assistant, JUNE, 400000)
    money = f.month_money(enrolment, JUNE)
    assert (money.copay.pa_copay, money.copay.cap, money.copay.refund_due, money.copay.refund) == (
        40000, 37200, 2800, 0)
    assert f.REFUND_NOT_APPLIED in money.warnings
    assert money.city_pays == 400000 - 40000  # the refund is paid back separately

    enrolment.applications.update(refund_applied=True, welfare_copay=10000)
    applied = f.month_money(enrolment, JUNE)
    assert (applied.copay.refund_due, applied.copay.refund) == (12800, 12800)
    assert f.REFUND_NOT_APPLIED not in applied.warnings


def test_proxy_fee_is_3000_yen_per_assistant_under_contract_and_uses_the_budget_D_17(
        enrolment, assistant, second_assistant, proxy_fee_in_force, today):
    make_proxy(enrolment, second_assistant)
    ended = Assistant.objects.create(enrolment=enrolment, person=assistant.person.__class__.objects.create(
        organisation=enrolment.household, kind="staff", name="山本 花子", sex="female"), status="ended",
        relation="none", ended_on=dt.date(2025, 5, 31), decided_by=enrolment.user_person.user)  # fmt: skip
    Contract.objects.create(assistant=ended, valid_from=dt.date(2025, 4, 1), valid_to=dt.date(2025, 6, 1),
                            day_rate=1200, night_rate=1500, transport_included=False, signed_on=dt.date(2025, 4, 1),
                            decided_by=enrolment.user_person.user)  # fmt: skip
    application(enrolment, JUNE)
    money = f.month_money(enrolment, JUNE)
    assert (money.proxy_fee, money.proxy_fee_assistants, money.used) == (6000, 2, 6000)
    assert money.copay.pa_spend == 6000
    assert {"PA-12", "D-17"} <= set(money.rule_ids)


def test_no_proxy_fee_without_a_proxy_D_17(enrolment, assistant, proxy_fee_in_force, today):
    application(enrolment, JUNE)
    assert f.month_money(enrolment, JUNE).proxy_fee == 0


def test_proxy_fee_not_in_force_is_flagged_not_guessed_D_17(enrolment, assistant, second_assistant, today):
    make_proxy(enrolment, second_assistant)
    application(enrolment, JUNE)
    expense(enrolment, JUNE, 6000, kind="proxy_fee", description="代行事務費")
    money = f.month_money(enrolment, JUNE)
    assert money.proxy_fee == 0
    assert money.expenses == 6000  # until the rules give the fee, the expense as entered is what there is
    assert f.PROXY_FEE_NOT_IN_FORCE in money.warnings


def test_a_proxy_fee_expense_is_not_counted_twice_D_17(enrolment, assistant, second_assistant, proxy_fee_in_force,
                                                       today):
    make_proxy(enrolment, second_assistant)
    application(enrolment, JUNE)
    expense(enrolment, JUNE, 6000, kind="proxy_fee", description="代行事務費")
    money = f.month_money(enrolment, JUNE)
    assert (money.proxy_fee, money.expenses) == (6000, 0)
    assert f.PROXY_FEE_EXPENSE_NOT_COUNTED in money.warnings


def test_proof_of_paying_for_may_is_due_with_junes_claim_two_months_later_PA_14(enrolment, assistant, today):
    paid = payment(assistant, MAY)
    june_claim_by = f.month_money(enrolment, JUNE).deadlines.claim_by
    assert paid.proof_due == june_claim_by == dt.date(2025, 7, 7)  # 5 July 2025 is a Saturday (D-15)
    application(enrolment, JUNE)
    [due] = f.month_money(enrolment, JUNE).proofs_due
    assert (due.assistant_name, due.service_month, due.overdue) == ("高橋 健一", MAY, False)
    assert f.month_money(enrolment, MAY).proofs_due == ()  # May's own claim does not carry it


def test_a_shift_over_the_month_end_counts_in_both_months_D_02(enrolment, assistant, today):
    application(enrolment, JUNE)
    shift(assistant, at(dt.date(2025, 6, 30), 23), at(dt.date(2025, 7, 1), 2))  # 3 night hours
    assert f.month_money(enrolment, JUNE).spent == 1500
    assert f.month_money(enrolment, dt.date(2025, 7, 1)).spent == 3000


def test_taiwan_month_budget_and_co_pay_per_confirmed_hour_without_carry_or_deadlines(
        kinmen_enrolment, kinmen_assistant, today):
    """tw.pa in Kinmen: 210 NTD an hour; a general household pays 60 NTD an hour (T-2)."""
    application(kinmen_enrolment, JUNE, approved_hours="40", transfer_hours="0", budget=8400)
    day = dt.date(2025, 6, 5)
    shift(kinmen_assistant, at(day, 9), at(day, 11), segments=[(day, "day", 120, 420)])
    money = f.month_money(kinmen_enrolment, JUNE)
    assert (money.currency, money.budget, money.carry_in, money.spent, money.left) == ("TWD", 8400, 0, 420, 7980)
    assert (money.copay.hours, money.copay.pa_copay) == (Decimal(2), 120)
    assert money.carry is None
    assert money.deadlines is None
    assert "T-2" in money.rule_ids
