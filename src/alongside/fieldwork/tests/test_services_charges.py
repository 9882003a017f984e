"""Cancellations and absence (issue 6 point 4; NT-16, NT-17, D-14): the notice time recorded, the fee the rules
engine answers (half the hourly rate, at most one hour), billed to the client and never subsidised; the caregiver's
minutes paid when they could not be told in time."""

import datetime as dt

import pytest

from alongside import rules
from alongside.cases.models import Case
from alongside.core.errors import DomainError, NotPermitted
from alongside.fieldwork import services
from alongside.fieldwork.models import VisitCharge
from alongside.fieldwork.tests.conftest import at, close_month, visit_on
from alongside.scheduling.models import ScheduleChange, Visit

pytestmark = pytest.mark.django_db

WEDNESDAY = dt.date(2025, 3, 5)
NEXT_MONDAY = dt.date(2025, 3, 10)


@pytest.fixture
def disability_case(agency, client):
    """林阿嬤 is in the disability home-care plan (DP-08: 180 NTD an hour), low income: her hours are subsidised."""
    client.welfare_status = "low"
    client.save()
    return Case.objects.create(
        organisation=agency, client=client, number="NT-7", stage="open", received_on=dt.date(2024, 12, 2),
        source="self", program="tw.disability_homecare", approved_level="severe",
    )  # fmt: skip


@pytest.fixture
def wednesday_visit(agency, client, caregiver, disability_case):
    """Wednesday 5 March 2025 at 09:00, two hours."""
    return visit_on(agency, client, WEDNESDAY, caregiver=caregiver)


def cancel(actor, visit, notice_at):
    return services.visit_charge_record(actor=actor, visit=visit, kind="cancellation", notice_at=notice_at)


def test_d_14_notice_23_working_hours_before_is_late_90_ntd_at_180_an_hour(wednesday_visit, supervisor, caregiver):
    """NT-16, D-14: fewer than 24 hours' notice → half the rate for at most one hour: 90 NTD at 180/h."""
    charge = cancel(supervisor, wednesday_visit, at(10, day=dt.date(2025, 3, 4)))
    charge.refresh_from_db()
    assert (charge.kind, charge.late, charge.fee, charge.caregiver_paid_minutes) == ("late_cancellation", True, 90, 120)
    assert charge.rule_ids == ["D-14", "DP-08", "NT-16", "NT-17"]
    wednesday_visit.refresh_from_db()
    assert (wednesday_visit.status, wednesday_visit.cancelled_reason) == (
        "cancelled",
        "Cancelled by the client with late notice (2025-03-04 10:00).",
    )
    assert ScheduleChange.objects.filter(visit=wednesday_visit, kind="cancelled").count() == 1


def test_d_14_the_fee_is_the_rules_engines_answer(wednesday_visit, supervisor):
    """The service adds nothing of its own: the stored fee is what tw.homecare.cancellation answers."""
    charge = cancel(supervisor, wednesday_visit, at(10, day=dt.date(2025, 3, 4)))
    answer = rules.evaluate(
        "tw.homecare.cancellation",
        {"visit_start": "2025-03-05T09:00", "visit_hours": 2, "notice_at": "2025-03-04T10:00", "hourly_rate": 180},
        "tw.nantou",
    )
    assert (charge.fee, charge.late) == (answer["fee"], answer["late"])


def test_nt_16_notice_25_working_hours_before_is_in_time_no_fee_no_pay(wednesday_visit, supervisor):
    charge = cancel(supervisor, wednesday_visit, at(8, day=dt.date(2025, 3, 4)))
    assert (charge.kind, charge.late, charge.fee, charge.caregiver_paid_minutes) == ("cancellation", False, 0, 0)
    wednesday_visit.refresh_from_db()
    assert wednesday_visit.status == "cancelled"


@pytest.mark.parametrize(
    ("notice_at", "late", "fee"),
    [
        (at(10, day=dt.date(2025, 3, 7)), True, 90),  # Friday 10:00: 14 h + Monday 9 h = 23 working hours
        (at(8, day=dt.date(2025, 3, 7)), False, 0),  # Friday 08:00: 16 h + 9 h = 25
    ],
)
def test_d_14_weekend_hours_do_not_count_towards_the_notice(agency, client, supervisor, notice_at, late, fee):
    """NT-16 「不含例假日」, D-14: 71 hours before a Monday visit is still late when only 23 fall on working days."""
    monday = visit_on(agency, client, NEXT_MONDAY)
    charge = cancel(supervisor, monday, notice_at)
    assert (charge.late, charge.fee) == (late, fee)


def test_d_14_a_national_holiday_does_not_count_either(visit, supervisor):
    """Friday 28 February 2025 is Peace Memorial Day: Thursday 10:00 before Monday 09:00 is 14 + 9 = 23 hours."""
    charge = cancel(supervisor, visit, at(10, day=dt.date(2025, 2, 27)))
    assert (charge.late, charge.fee) == (True, 90)


def test_d_14_the_fee_is_billed_to_the_client_never_subsidised(wednesday_visit, supervisor, client):
    """A low-income client in the disability plan has her hours subsidised, but the fee is the whole rules answer
    and stands apart from the hours: no government share, no tier."""
    charge = cancel(supervisor, wednesday_visit, at(10, day=dt.date(2025, 3, 4)))
    assert (charge.client, charge.fee) == (client, 90)
    assert not {f.name for f in VisitCharge._meta.get_fields()} & {"government", "subsidised", "hours_by_tier"}


# --- absence ---------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("left_at", "fee", "rule_ids"),
    [
        (at(9, 30), 0, ["D-14", "NT-07", "NT-17"]),  # no case: the agency's self-pay rate (NT-07)
        (at(9, 31), 90, ["D-14", "NT-07", "NT-16", "NT-17"]),  # the fee's terms are shared with NT-16
    ],
)
def test_nt_17_the_caregiver_may_leave_only_after_more_than_30_minutes(visit, caregiver_user, left_at, fee, rule_ids):
    """NT-17, D-14: absent more than half an hour → half the day's fee, at most one hour; at 30:00 exactly not
    yet. The visit stays as happened without service, and the caregiver's waiting is paid."""
    charge = services.visit_charge_record(
        actor=caregiver_user, visit=visit, kind="absence", caregiver_left_at=left_at, client_absent_until=None
    )
    assert (charge.kind, charge.late, charge.fee, charge.caregiver_paid_minutes) == ("absence", None, fee, 120)
    assert charge.rule_ids == rule_ids
    visit.refresh_from_db()
    assert visit.status == "planned"


def test_nt_17_a_client_back_before_the_caregiver_left_owes_nothing(visit, supervisor):
    charge = services.visit_charge_record(
        actor=supervisor, visit=visit, kind="absence", caregiver_left_at=at(9, 45), client_absent_until=at(9, 40)
    )
    assert charge.fee == 0


def test_an_absence_needs_the_time_the_caregiver_left(visit, supervisor):
    with pytest.raises(DomainError) as refused:
        services.visit_charge_record(actor=supervisor, visit=visit, kind="absence")
    assert [(p.field, p.code) for p in refused.value.problems] == [("caregiver_left_at", "required")]


def test_the_caregiver_may_not_record_a_cancellation(visit, caregiver_user):
    with pytest.raises(NotPermitted):
        cancel(caregiver_user, visit, at(8, day=dt.date(2025, 3, 1)))
    assert not VisitCharge.objects.exists()


def test_a_visit_already_checked_in_cannot_be_charged(visit, caregiver_user, supervisor):
    services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    with pytest.raises(DomainError) as refused:
        cancel(supervisor, visit, at(8, 30))
    assert refused.value.problems[0].code == "already_recorded"
    assert Visit.objects.get(pk=visit.pk).status == "planned"


def test_a_locked_visit_is_not_cancelled_and_no_fee_is_left_behind(agency, client, supervisor):
    locked = visit_on(agency, client, locked=True)
    with pytest.raises(DomainError) as refused:
        cancel(supervisor, locked, at(8, day=dt.date(2025, 3, 1)))
    assert refused.value.problems[0].field == "locked"
    assert not VisitCharge.objects.exists()


def test_a_visit_of_a_closed_month_cannot_be_charged(visit, supervisor, manager, agency):
    close_month(agency, manager)
    with pytest.raises(DomainError) as refused:
        cancel(supervisor, visit, at(8, day=dt.date(2025, 3, 1)))
    assert refused.value.problems[0].code == "month_closed"


def test_a_second_charge_for_the_same_visit_is_refused(visit, supervisor):
    services.visit_charge_record(actor=supervisor, visit=visit, kind="absence", caregiver_left_at=at(9, 40))
    with pytest.raises(DomainError) as refused:
        services.visit_charge_record(actor=supervisor, visit=visit, kind="absence", caregiver_left_at=at(9, 50))
    assert refused.value.problems[0].code == "already_charged"
    assert VisitCharge.objects.count() == 1
