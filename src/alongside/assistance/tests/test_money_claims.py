"""The month's claim (PA-05, PA-14): prepared from confirmed shifts and expenses, checked, sent by the user or the
proxy only (D-20), forwarded or returned by the support centre, paid by the city; frozen figures; concurrency."""

from __future__ import annotations

import datetime as dt

import pytest

from alongside.assistance.models import Claim, ClaimLine
from alongside.assistance.money import services
from alongside.assistance.money.services import checks
from alongside.assistance.tests.test_money_fixtures import (  # noqa: F401 (fixtures)
    JULY,
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
)
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.testing.factories import member

pytestmark = pytest.mark.django_db
MAY = dt.date(2025, 5, 1)


@pytest.fixture
def june(enrolment, assistant, second_assistant, today):
    """June 2025: 002's budget, two confirmed shifts of 高橋 (3,600 + 2,400), one night shift of 鈴木 whom the
    city pays directly (proxy receipt), a job advertisement."""
    second_assistant.paid_directly = True
    second_assistant.save()
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 6, 3), log="買い物に同行。", activities=("outing",))
    day_shift(assistant, dt.date(2025, 6, 10), 2)
    shift(second_assistant, at(dt.date(2025, 6, 20), 21), at(dt.date(2025, 6, 21), 1),
          activities=("night_watch",))  # 1,300 + 3 × 1,600 = 6,100  # fmt: skip
    expense(enrolment, JUNE, 5000)
    return JUNE


def prepare(actor, enrolment, month=JUNE) -> Claim:
    return services.claim_refresh(actor=actor, enrolment=enrolment, month=month)


def codes(error: DomainError) -> list[str]:
    return [p.code for p in error.problems]


# --- preparing ------------------------------------------------------------------------------------------------


def test_the_claim_has_a_line_per_assistant_one_per_expense_and_the_totals_PA_05(june, enrolment, pa_user):
    claim = prepare(pa_user, enrolment)
    lines = list(claim.lines.values_list("description", "minutes", "amount", "payee"))
    assert lines == [
        ("鈴木 直美", 240, 6100, "assistant"),  # proxy receipt: paid straight to the assistant
        ("高橋 健一", 300, 6000, "user"),
        ("求人広告（フリーペーパー）", 0, 5000, "user"),
    ]
    assert (claim.status, claim.shifts_amount, claim.expenses_amount, claim.total) == ("draft", 12100, 5000, 17100)
    assert (claim.copay, claim.refund, claim.city_pays) == (1710, 0, 17100 - 1710)
    assert (claim.claim_by, claim.pay_by) == (dt.date(2025, 7, 7), dt.date(2025, 7, 25))
    assert claim.carry_out == 0  # no carry-over notice for June (D-03)
    figures = claim.figures
    assert [row["assistant"] for row in figures["shifts"]] == ["高橋 健一", "高橋 健一", "鈴木 直美"]
    night = figures["shifts"][2]
    assert (night["start"], night["end"], night["day_minutes"], night["night_minutes"]) == ("21:00", "翌01:00", 60, 180)
    assert figures["shifts"][0]["activity_log"] == "買い物に同行。"
    assert figures["shifts"][0]["confirmed_by"] == "佐藤 由美"
    assert AuditEvent.objects.filter(object_type="assistance.claim", action="create").count() == 1


def test_carry_out_with_notice_is_frozen_in_the_claim_D_03(enrolment, assistant, pa_user, today):
    application(enrolment, JUNE, carry_over_notified=True)
    day_shift(assistant, dt.date(2025, 6, 3))
    claim = prepare(pa_user, enrolment)
    assert claim.carry_out == 100000
    assert claim.figures["forfeited"] == 480000 - 3600 - 100000


def test_the_proxy_fee_is_a_line_of_the_claim_D_17(june, enrolment, second_assistant, proxy_fee_in_force):
    make_proxy(enrolment, second_assistant)
    claim = prepare(second_assistant.person.user, enrolment)
    fee = claim.lines.get(description="介助者2名分")
    assert (fee.amount, fee.payee) == (6000, "assistant")  # the proxy is paid directly in this household
    assert claim.total == 17100 + 6000


def test_preparing_again_replaces_the_lines(june, enrolment, pa_user, assistant):
    claim = prepare(pa_user, enrolment)
    day_shift(assistant, dt.date(2025, 6, 12))
    again = services.claim_refresh(actor=pa_user, enrolment=enrolment, month=JUNE, expected_version=claim.version)
    assert again.pk == claim.pk
    assert again.version == claim.version + 1
    assert again.lines.get(description="高橋 健一").amount == 9600
    assert ClaimLine.objects.filter(claim=claim).count() == 3


def test_support_staff_and_the_city_may_not_prepare_or_send_D_20(june, enrolment, pa_user, support_staff,
                                                                 city_officer):
    for outsider in (support_staff, city_officer):
        with pytest.raises(NotPermitted):
            prepare(outsider, enrolment)
    claim = prepare(pa_user, enrolment)
    with pytest.raises(NotPermitted):
        services.claim_submit(actor=support_staff, claim=claim)
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def test_another_household_finds_nothing(june, enrolment, other_enrolment):
    with pytest.raises(NotFound):
        prepare(other_enrolment.user_person.user, enrolment)


def test_a_future_month_cannot_be_prepared(enrolment, pa_user, today):
    with pytest.raises(DomainError) as refused:
        prepare(pa_user, enrolment, dt.date(2025, 8, 1))
    assert refused.value.problems[0].field == "month"
    assert not Claim.objects.exists()


def test_taiwan_has_no_claim_to_the_city(kinmen_enrolment, today):
    with pytest.raises(DomainError) as refused:
        prepare(kinmen_enrolment.user_person.user, kinmen_enrolment)
    assert refused.value.problems[0].field == "program"


# --- checks and sending ---------------------------------------------------------------------------------------


def test_sending_freezes_the_figures_and_records_who_sent_it(june, enrolment, pa_user):
    claim = prepare(pa_user, enrolment)
    sent = services.claim_submit(actor=pa_user, claim=claim, expected_version=claim.version)
    assert (sent.status, sent.submitted_by, sent.submitted_on_behalf_of) == ("submitted", pa_user, "")
    assert sent.figures["submitted_on"] == "2025-07-03"
    assert sent.figures["total"] == 17100
    event = AuditEvent.objects.filter(object_type="assistance.claim", action="update").latest("id")
    assert event.changes["status"] == ["draft", "submitted"]


def test_the_proxy_sends_on_the_users_behalf_D_20(june, enrolment, second_assistant):
    make_proxy(enrolment, second_assistant)
    proxy = second_assistant.person.user
    claim = prepare(proxy, enrolment)
    sent = services.claim_submit(actor=proxy, claim=claim)
    assert (sent.submitted_by, sent.submitted_on_behalf_of) == (proxy, "佐藤 由美")
    assert sent.figures["submitted_on_behalf_of"] == "佐藤 由美"
    assert AuditEvent.objects.filter(object_type="assistance.claim").latest("id").on_behalf_of == "佐藤 由美"


def test_a_recorded_shift_not_confirmed_blocks_sending_and_nothing_is_written(june, enrolment, pa_user, assistant):
    day_shift(assistant, dt.date(2025, 6, 25), status="recorded")
    claim = prepare(pa_user, enrolment)
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim)
    assert codes(refused.value) == [checks.RECORDED_NOT_CONFIRMED]
    assert "1 shift was recorded" in refused.value.problems[0].message
    unchanged = Claim.objects.get(pk=claim.pk)
    assert (unchanged.status, unchanged.version) == ("draft", claim.version)


def test_a_past_planned_shift_nobody_recorded_blocks_sending(june, enrolment, pa_user, assistant):
    day_shift(assistant, dt.date(2025, 6, 27), status="planned")
    claim = prepare(pa_user, enrolment)
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim)
    assert codes(refused.value) == [checks.PLANNED_NOT_RECORDED]


def test_no_application_blocks_sending(enrolment, assistant, pa_user, today):
    day_shift(assistant, dt.date(2025, 6, 3))
    claim = prepare(pa_user, enrolment)
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim)
    assert checks.NO_APPLICATION in codes(refused.value)


def test_the_month_must_be_over(enrolment, assistant, pa_user, today):
    application(enrolment, JULY)
    day_shift(assistant, dt.date(2025, 7, 1))
    claim = prepare(pa_user, enrolment, JULY)
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim)
    assert codes(refused.value) == [checks.MONTH_NOT_OVER]


def test_warnings_do_not_block_over_budget_late_proof_refund(enrolment, assistant, pa_user, monkeypatch):
    """Over budget, late, proof of May's pay missing, refund not applied: all shown, none blocks (PA-14, D-16)."""
    from alongside.assistance.money import months

    monkeypatch.setattr(months, "today_of", lambda enrolment: dt.date(2025, 7, 10))
    application(enrolment, MAY)
    application(enrolment, JUNE, transfer_hours="1", approved_hours="2")  # 2,400 yen
    payment(assistant, MAY)
    shift(assistant, at(dt.date(2025, 5, 12), 9), at(dt.date(2025, 5, 12), 10))  # 高橋 worked in May
    day_shift(assistant, dt.date(2025, 6, 3))
    claim = prepare(pa_user, enrolment)
    _built, found = services.claim_preview(enrolment, JUNE)
    assert [(x.code, x.blocking) for x in found] == [
        (checks.OVER_BUDGET, False), (checks.LATE, False), (checks.PROOF_MISSING, False),
    ]
    assert services.claim_submit(actor=pa_user, claim=claim).status == "submitted"


def test_a_refund_not_applied_for_is_a_finding_with_where_to_apply_D_16(enrolment, assistant, pa_user, today):
    application(enrolment, JUNE)
    shift(assistant, at(dt.date(2025, 6, 2), 9), at(dt.date(2025, 6, 2), 10),
          segments=[(dt.date(2025, 6, 2), "day", 60, 400000)])  # fmt: skip
    _built, found = services.claim_preview(enrolment, JUNE)
    refund = next(x for x in found if x.code == checks.REFUND_NOT_APPLIED)
    assert "2,800" in refund.message
    assert refund.fix_page == "applications"
    assert not refund.blocking


def test_payment_not_recorded_for_last_month_is_a_warning_PA_14(enrolment, assistant, pa_user, today):
    application(enrolment, JUNE)
    day_shift(assistant, dt.date(2025, 5, 20))
    day_shift(assistant, dt.date(2025, 6, 3))
    _built, found = services.claim_preview(enrolment, JUNE)
    [missing] = [x for x in found if x.code == checks.PAYMENT_NOT_RECORDED]
    assert "高橋 健一" in missing.message
    assert not missing.blocking


def test_sending_refuses_when_the_month_changed_after_preparing(june, enrolment, pa_user, assistant):
    claim = prepare(pa_user, enrolment)
    day_shift(assistant, dt.date(2025, 6, 12))  # confirmed after the claim was prepared
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim)
    assert codes(refused.value) == ["stale_version"]
    assert Claim.objects.get(pk=claim.pk).status == "draft"


def test_a_stale_version_is_refused(june, enrolment, pa_user):
    claim = prepare(pa_user, enrolment)
    with pytest.raises(DomainError) as refused:
        services.claim_submit(actor=pa_user, claim=claim, expected_version=claim.version - 1)
    assert codes(refused.value) == ["stale_version"]


def test_a_sent_claim_cannot_be_prepared_or_sent_again(june, enrolment, pa_user):
    claim = services.claim_submit(actor=pa_user, claim=prepare(pa_user, enrolment))
    with pytest.raises(DomainError):
        prepare(pa_user, enrolment)
    with pytest.raises(DomainError):
        services.claim_submit(actor=pa_user, claim=claim)


# --- the support centre and the city --------------------------------------------------------------------------


@pytest.fixture
def sent(june, enrolment, pa_user) -> Claim:
    return services.claim_submit(actor=pa_user, claim=prepare(pa_user, enrolment))


def test_the_centre_forwards_a_sent_claim(sent, support_staff):
    forwarded = services.claim_forward(actor=support_staff, claim=sent, note="確認しました。",
                                       expected_version=sent.version)  # fmt: skip
    assert (forwarded.status, forwarded.checked_by) == ("forwarded", support_staff)
    assert forwarded.check_note == "確認しました。"


def test_only_the_centre_forwards_or_returns(sent, pa_user, city_officer, other_enrolment):
    for actor in (pa_user, city_officer):
        with pytest.raises(NotPermitted):
            services.claim_forward(actor=actor, claim=sent)
        with pytest.raises(NotPermitted):
            services.claim_return(actor=actor, claim=sent, reason="x")
    with pytest.raises(NotFound):
        services.claim_forward(actor=other_enrolment.user_person.user, claim=sent)
    other_centre_staff = member("support_staff", other_enrolment.household, "support_elsewhere")
    with pytest.raises(NotFound):
        services.claim_forward(actor=other_centre_staff, claim=sent)


def test_returning_needs_a_reason_then_the_user_corrects_and_sends_again(sent, support_staff, pa_user, enrolment,
                                                                         assistant):
    with pytest.raises(DomainError) as refused:
        services.claim_return(actor=support_staff, claim=sent, reason="  ")
    assert refused.value.problems[0].field == "reason"
    returned = services.claim_return(actor=support_staff, claim=sent, reason="6月12日の介助が抜けています。")
    assert (returned.status, returned.check_note) == ("returned", "6月12日の介助が抜けています。")

    day_shift(assistant, dt.date(2025, 6, 12))
    again = prepare(pa_user, enrolment)
    assert again.status == "returned"
    assert again.total == 17100 + 3600
    resent = services.claim_submit(actor=pa_user, claim=again)
    assert resent.status == "submitted"


def test_the_city_records_its_payment_of_a_forwarded_claim_PA_14(sent, support_staff, city_officer, pa_user):
    with pytest.raises(DomainError):
        services.claim_pay(actor=city_officer, claim=sent, paid_on=dt.date(2025, 7, 3))  # not forwarded yet
    forwarded = services.claim_forward(actor=support_staff, claim=sent)
    with pytest.raises(NotPermitted):
        services.claim_pay(actor=pa_user, claim=forwarded, paid_on=dt.date(2025, 7, 3))
    with pytest.raises(DomainError) as future:
        services.claim_pay(actor=city_officer, claim=forwarded, paid_on=dt.date(2025, 7, 4))
    assert future.value.problems[0].field == "paid_on"
    paid = services.claim_pay(actor=city_officer, claim=forwarded, paid_on=dt.date(2025, 7, 3))
    assert (paid.status, paid.paid_by, paid.paid_on) == ("paid", city_officer, dt.date(2025, 7, 3))
    assert paid.pay_by == dt.date(2025, 7, 25)
