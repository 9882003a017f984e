"""The checks before the claim (issue 6 point 6): each finding appears, says who, which day and how many hours, and
blocks the close until it is fixed at its source or, for a judgement call, acknowledged with a reason."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from alongside.billing import services
from alongside.billing.choices import CheckCode, CloseStatus
from alongside.billing.models import CheckAcknowledgement, MonthClose, Statement, WageRate
from alongside.billing.tests.conftest import JUNE, client_person, day, wang_month
from alongside.cases.models import Case, Suspension
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.fieldwork.models import VisitRecord
from alongside.scheduling.models import Visit
from alongside.testing.factories import billing_case, billing_visit

pytestmark = pytest.mark.django_db


def findings(manager, agency):
    return services.month_findings(actor=manager, organisation=agency, month=JUNE)


def blocking(manager, agency):
    return [(f.code, f.subject) for f in findings(manager, agency) if f.blocking]


def close(manager, agency, capture):
    with capture(execute=True):
        month_close = services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    month_close.refresh_from_db()
    return month_close


def refused_codes(manager, agency) -> list[str]:
    with pytest.raises(DomainError) as refused:
        services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    return [p.code for p in refused.value.problems[1:]]


def test_a_clean_month_has_no_finding(agency, manager, wage, lin, wu):
    billing_visit(agency, lin, wu, day(2))
    assert findings(manager, agency) == []


def test_a_visit_without_confirmed_hours_blocks_until_confirmed(
    agency, manager, wage, lin, wu, django_capture_on_commit_callbacks
):
    """NT-15: the hours the client confirmed are the billing basis."""
    record = billing_visit(agency, lin, wu, day(3), confirmed=False)
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.acknowledgeable) == (
        CheckCode.UNCONFIRMED_VISIT, f"visit:{record.visit_id}", False,
    )  # fmt: skip
    assert finding.message == (
        "The 2.00 hours of the visit to 林阿嬤 on 2014-06-03 at 09:00 (吳美惠) are not confirmed by the client yet."
    )
    assert (finding.day, finding.hours, finding.visit_id) == (day(3), Decimal("2.00"), record.visit_id)
    assert finding.fix_url.startswith("/")
    assert refused_codes(manager, agency) == [CheckCode.UNCONFIRMED_VISIT]
    with pytest.raises(DomainError) as refused:
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject, reason="ok"
        )
    assert refused.value.problems[0].field == "code"
    assert not CheckAcknowledgement.objects.exists()

    VisitRecord.objects.filter(pk=record.pk).update(
        status="confirmed", confirmed_at=timezone.now(), confirmed_hours=Decimal("2.00"), confirmed_by_name="林阿嬤"
    )  # the client confirms on her own page (fieldwork)
    assert findings(manager, agency) == []
    assert close(manager, agency, django_capture_on_commit_callbacks).status == CloseStatus.CLOSED


def test_a_visit_never_recorded_blocks_until_recorded_or_cancelled(agency, manager, wage, lin, wu):
    visit = Visit.objects.create(
        organisation=agency, client=lin, on=day(5), earliest_start=dt.time(10), latest_start=dt.time(10),
        planned_start=dt.time(10), duration_minutes=60, caregiver=wu,
    )  # fmt: skip
    [finding] = findings(manager, agency)
    assert finding.message == (
        "The visit to 林阿嬤 on 2014-06-05 at 10:00 (吳美惠) has no record: record it for the caregiver, or cancel it."
    )
    Visit.objects.filter(pk=visit.pk).update(status="cancelled")
    assert findings(manager, agency) == []


def test_overlapping_visits_of_one_caregiver_block_until_corrected(agency, manager, wage, lin, wang, wu):
    first = billing_visit(agency, lin, wu, day(4), start=dt.time(9), hours="3.00")
    # Planned until 11:00 (a caregiver is never booked twice at once), but she stayed until 12:00.
    Visit.objects.filter(pk=first.visit_id).update(duration_minutes=120)
    later = billing_visit(agency, wang, wu, day(4), start=dt.time(11), hours="2.00")
    billing_visit(agency, wang, wu, day(4), start=dt.time(13), hours="1.00")  # starts as the one before ends
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.acknowledgeable) == (
        CheckCode.OVERLAPPING_VISITS, f"visit:{later.visit_id}", False,
    )  # fmt: skip
    assert finding.message == (
        "吳美惠's visits overlap on 2014-06-04: 林阿嬤 09:00–12:00 and 王先生 11:00–13:00. "
        "Correct the check-in or check-out times."
    )
    VisitRecord.objects.filter(pk=later.pk).update(
        checked_in_at=later.checked_in_at + dt.timedelta(hours=1), checked_out_at=later.checked_out_at
    )  # the supervisor corrects the check-in (fieldwork)
    assert findings(manager, agency) == []


def test_a_caregiver_over_their_monthly_hours_is_a_judgement_call(
    agency, manager, supervisor, wage, lin, django_capture_on_commit_callbacks
):
    """NT-10: above the caregiver's own maximum (10 h here; the law allows 215), acknowledged, paid in full."""
    from alongside.testing.factories import billing_caregiver

    part_timer = billing_caregiver(agency, "黃小芳", max_month_hours=10)
    for n in range(2, 8):
        billing_visit(agency, lin, part_timer, day(n))
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.acknowledgeable) == (
        CheckCode.CAREGIVER_OVER_CAP, f"caregiver:{part_timer.pk}", True,
    )  # fmt: skip
    assert finding.message == (
        "黃小芳 worked 12.00 hours in 2014-06, over their monthly maximum of 10 hours (NT-10: at most 215)."
    )
    assert refused_codes(manager, agency) == [CheckCode.CAREGIVER_OVER_CAP]
    ack = services.check_acknowledge(
        actor=supervisor, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject,
        reason="月中加班經本人同意，依加班規定給付。",
    )  # fmt: skip
    [finding] = findings(manager, agency)
    assert finding.acknowledged == ack
    assert not finding.blocking
    assert AuditEvent.objects.filter(object_type="billing.checkacknowledgement", object_id=str(ack.pk)).exists()
    assert close(manager, agency, django_capture_on_commit_callbacks).status == CloseStatus.CLOSED


def test_a_visit_during_a_suspension_blocks_until_cancelled(agency, manager, wage, lin, wu):
    case = Case.objects.get(client=lin)
    Suspension.objects.create(case=case, reason="hospital", starts_on=day(10), ends_on=day(15))
    billing_visit(agency, lin, wu, day(9))
    during = billing_visit(agency, lin, wu, day(12))
    billing_visit(agency, lin, wu, day(15))  # the day the service resumed
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.day) == (
        CheckCode.VISIT_DURING_SUSPENSION, f"visit:{during.visit_id}", day(12),
    )  # fmt: skip
    assert finding.message == (
        "林阿嬤 has a visit on 2014-06-12 during the suspension from 2014-06-10 (case DH-0001): cancel the visit, "
        "or correct the suspension's dates."
    )
    with pytest.raises(DomainError):
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject, reason="x"
        )
    Visit.objects.filter(pk=during.visit_id).update(status="cancelled")
    assert findings(manager, agency) == []


def test_hours_over_the_approved_hours_block_until_acknowledged_with_a_reason(
    agency, manager, wage, wang, chen, django_capture_on_commit_callbacks
):
    wang_month(agency, wang, chen)
    [finding] = findings(manager, agency)
    case = Case.objects.get(client=wang)
    assert (finding.code, finding.subject, finding.hours) == (
        CheckCode.OVER_APPROVED_HOURS, f"case:{case.pk}", Decimal("24.00"),
    )  # fmt: skip
    assert finding.message == (
        "王先生 has 24.00 confirmed hours in 2014-06, 4.00 over the 20.00 hours approved in case DH-0002: "
        "acknowledged, the hours over are billed to the client as self-pay."
    )
    with pytest.raises(DomainError) as refused:
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject, reason="  "
        )
    assert refused.value.problems[0].field == "reason"
    assert refused_codes(manager, agency) == [CheckCode.OVER_APPROVED_HOURS]
    services.check_acknowledge(
        actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject,
        reason="案家同意超出時數自費。",
    )  # fmt: skip
    assert blocking(manager, agency) == []
    with pytest.raises(DomainError):  # once is enough
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject, reason="again"
        )
    assert close(manager, agency, django_capture_on_commit_callbacks).status == CloseStatus.CLOSED
    with pytest.raises(DomainError) as refused:  # a closed month's findings are final
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject="case:0", reason="late"
        )
    assert refused.value.problems[0].field == "month"


def test_a_client_without_an_open_case_blocks(agency, manager, wage, wu):
    stranger = client_person(agency, "陳先生", "general")
    billing_visit(agency, stranger, wu, day(6))
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.acknowledgeable) == (
        CheckCode.MISSING_BILLING_DATA, f"client:{stranger.pk}", False,
    )  # fmt: skip
    assert finding.message == (
        "陳先生 has 2.00 confirmed hours in 2014-06 from 2014-06-06, but no open case with a program on those days: "
        "open the case or record its program."
    )
    billing_case(agency, stranger, level="moderate", approved_hours="36")
    assert findings(manager, agency) == []


def test_a_case_closed_before_the_visit_does_not_bill_it(agency, manager, wage, wu):
    person = client_person(agency, "周先生", "general")
    billing_case(agency, person, opened_on=dt.date(2014, 1, 6), closed_on=day(5))
    billing_visit(agency, person, wu, day(4))
    billing_visit(agency, person, wu, day(9))
    codes = [f.code for f in findings(manager, agency)]
    assert codes == [CheckCode.MISSING_BILLING_DATA]


@pytest.mark.parametrize(
    ("level", "welfare", "expected"),
    [
        ("", "general", "Case DH-{pk} of 蔡先生 has no approved level: the hours cannot be priced."),
        ("moderate", "", "蔡先生 has no household income status (welfare status): the co-pay cannot be worked out."),
    ],
)
def test_a_case_or_client_without_what_the_rules_need_blocks(agency, manager, wage, wu, level, welfare, expected):
    person = client_person(agency, "蔡先生", welfare)
    billing_case(agency, person, level=level)
    billing_visit(agency, person, wu, day(6))
    [finding] = findings(manager, agency)
    assert finding.code == CheckCode.MISSING_BILLING_DATA
    assert finding.message == expected.format(pk=f"{person.pk:04d}")


def test_the_rules_refusing_a_case_is_a_finding_naming_the_reason(agency, manager, wage, wu):
    """D-07: Nantou sets no share for living-allowance recipients at mild level (its overlay covers low and
    mid-low only), so the rules engine refuses; the check says so before the close would fail."""
    person = client_person(agency, "許小姐", "living_allowance")
    billing_case(agency, person, level="mild", approved_hours="20")
    billing_visit(agency, person, wu, day(6))
    [finding] = findings(manager, agency)
    assert finding.code == CheckCode.MISSING_BILLING_DATA
    assert finding.message.startswith(f"The rules cannot price case DH-{person.pk:04d} of 許小姐: The national plan")
    assert "county rule is required" in finding.message


def test_ltc2_hours_are_left_out_once_acknowledged(agency, manager, wage, wu, lin, django_capture_on_commit_callbacks):
    person = client_person(agency, "鄭奶奶", "general")
    case = billing_case(agency, person, program="tw.ltc2", level="moderate", approved_hours=None)
    billing_visit(agency, person, wu, day(6))
    billing_visit(agency, lin, wu, day(6), start=dt.time(13))
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.acknowledgeable) == (
        CheckCode.PROGRAM_NOT_BILLED, f"case:{case.pk}", True,
    )  # fmt: skip
    services.check_acknowledge(
        actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject,
        reason="長照2.0 依給付碼另行申報。",
    )  # fmt: skip
    assert close(manager, agency, django_capture_on_commit_callbacks).status == CloseStatus.CLOSED
    assert list(Statement.objects.values_list("client_id", flat=True)) == [lin.pk]


def test_no_wage_for_the_month_blocks_until_one_is_set(agency, manager, supervisor, lin, wu):
    billing_visit(agency, lin, wu, day(2))
    [finding] = findings(manager, agency)
    assert (finding.code, finding.subject, finding.message) == (
        CheckCode.NO_WAGE_RATE, "organisation",
        "No hourly wage is set for 2014-06: the caregivers' pay cannot be worked out.",
    )  # fmt: skip
    services.wage_rate_set(actor=manager, organisation=agency, valid_from=day(15), hourly_wage=210)
    assert findings(manager, agency) == []  # in force at the month's end: the whole month
    assert WageRate.objects.get().hourly_wage == 210


def test_only_the_agency_reads_its_findings(agency, other_agency, manager, officer, wage):
    from alongside.testing.factories import member

    with pytest.raises(NotFound):
        services.month_findings(actor=officer, organisation=agency, month=JUNE)
    with pytest.raises(NotFound):
        services.month_findings(actor=member("manager", other_agency), organisation=agency, month=JUNE)
    assert not MonthClose.objects.exists()
