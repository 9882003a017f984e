"""Changes to a closed month: a correction of hours after the close becomes an adjustment, with its reason, in the
next month's close; a manager may adjust a closed month by hand; a closed month itself never changes."""

from decimal import Decimal

import pytest

from alongside.billing import services
from alongside.billing.choices import AdjustmentSource, ClaimLineKind
from alongside.billing.models import Adjustment, Claim, Statement
from alongside.billing.tests.conftest import JULY, JUNE, day, lin_month
from alongside.core.errors import DomainError, NotPermitted
from alongside.fieldwork import services as fieldwork
from alongside.fieldwork.models import VisitRecord
from alongside.testing.factories import billing_visit

pytestmark = pytest.mark.django_db
AUGUST = JULY.replace(month=8)


def close(manager, agency, month, capture):
    with capture(execute=True):
        month_close = services.month_close_start(actor=manager, organisation=agency, month=month)
    month_close.refresh_from_db()
    return month_close


@pytest.fixture
def june_closed(agency, county, manager, wage, lin, wu, django_capture_on_commit_callbacks):
    records = lin_month(agency, lin, wu)
    close(manager, agency, JUNE, django_capture_on_commit_callbacks)
    return records


def test_a_correction_after_the_close_is_booked_with_its_reason_in_the_next_close(
    june_closed, agency, manager, lin, wu, django_capture_on_commit_callbacks
):
    """DP-06, D-18: 林阿嬤's visit of 5 June was 1.50 hours, not 2.00: her June re-priced has 11.5 partly
    subsidised hours (2,070: she pays 621, the county 1,449) instead of 12 (2,160: 648 and 1,512)."""
    june = Statement.objects.get(client=lin)
    record = VisitRecord.objects.get(visit__on=day(5), client=lin)
    correction = fieldwork.hours_correct(
        actor=manager, record=record, field="hours", value=Decimal("1.50"), reason="案家反映當日提早半小時離開。"
    )
    assert correction.after_close
    june.refresh_from_db()
    assert (june.government, june.user_share) == (7272, 1008)  # the closed month does not change

    billing_visit(agency, lin, wu, day(1, JULY))
    july = close(manager, agency, JULY, django_capture_on_commit_callbacks)
    adjustment = Adjustment.objects.get()
    assert (adjustment.source, adjustment.origin_month, adjustment.booked_in) == (
        AdjustmentSource.HOURS_CORRECTION, JUNE, july,
    )  # fmt: skip
    assert (adjustment.hours, adjustment.government, adjustment.user_share) == (Decimal("-0.50"), -63, -27)
    assert adjustment.reason == "案家反映當日提早半小時離開。"
    assert list(adjustment.hours_corrections.all()) == [correction]
    statement = Statement.objects.get(close=july, client=lin)
    assert statement.adjustments == -27
    assert statement.amount_due == statement.user_share - 27
    assert statement.detail["adjustments"] == [["2014-06 案家反映當日提早半小時離開。", -27]]
    claim = Claim.objects.get(close=july, program="tw.disability_homecare")
    assert list(claim.lines.filter(kind=ClaimLineKind.ADJUSTMENT).values_list("amount", "hours")) == [
        (-63, Decimal("-0.50"))
    ]

    billing_visit(agency, lin, wu, day(1, AUGUST))
    august = close(manager, agency, AUGUST, django_capture_on_commit_callbacks)
    assert Adjustment.objects.count() == 1  # booked once
    assert not Claim.objects.get(close=august).lines.filter(kind=ClaimLineKind.ADJUSTMENT).exists()


def test_a_second_correction_of_the_same_month_books_only_the_new_difference(
    june_closed, agency, manager, lin, wu, django_capture_on_commit_callbacks
):
    record = VisitRecord.objects.get(visit__on=day(5), client=lin)
    fieldwork.hours_correct(actor=manager, record=record, field="hours", value=Decimal("1.50"), reason="第一次更正")
    billing_visit(agency, lin, wu, day(1, JULY))
    close(manager, agency, JULY, django_capture_on_commit_callbacks)
    record.refresh_from_db()
    fieldwork.hours_correct(actor=manager, record=record, field="hours", value=Decimal("1.00"), reason="第二次更正")
    billing_visit(agency, lin, wu, day(1, AUGUST))
    close(manager, agency, AUGUST, django_capture_on_commit_callbacks)
    second = Adjustment.objects.get(booked_in__month=AUGUST)
    # 11 partly subsidised hours: 1,980, she pays 594, the county 1,386 (from 1,449 and 621).
    assert (second.hours, second.government, second.user_share, second.reason) == (
        Decimal("-0.50"), -63, -27, "第二次更正",
    )  # fmt: skip


def test_a_manager_adjusts_a_closed_month_by_hand(june_closed, agency, manager, supervisor, lin):
    with pytest.raises(NotPermitted):
        services.adjustment_create(
            actor=supervisor, organisation=agency, client=lin, origin_month=JUNE, government=0, user_share=-100,
            hours=Decimal(0), reason="x",
        )  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.adjustment_create(
            actor=manager, organisation=agency, client=lin, origin_month=JULY, government=0, user_share=-100,
            hours=Decimal(0), reason="",
        )  # fmt: skip
    assert sorted(p.field for p in refused.value.problems) == ["origin_month", "reason"]
    adjustment = services.adjustment_create(
        actor=manager, organisation=agency, client=lin, origin_month=JUNE, government=0, user_share=-100,
        hours=Decimal(0), reason="6/10 照服員遲到，減收部分負擔。",
    )  # fmt: skip
    assert (adjustment.program, adjustment.county, adjustment.source) == (
        "tw.disability_homecare", "tw.nantou", AdjustmentSource.MANUAL,
    )  # fmt: skip


def test_a_self_pay_adjustment_has_no_government_share(
    june_closed, agency, manager, lee, django_capture_on_commit_callbacks
):
    with pytest.raises(DomainError) as refused:
        services.adjustment_create(
            actor=manager, organisation=agency, client=lee, origin_month=JUNE, government=100, user_share=0,
            hours=Decimal(0), reason="x", program="self_pay",
        )  # fmt: skip
    assert refused.value.problems[0].field == "government"
