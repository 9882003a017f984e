"""The month close: each client's month split into tiers by the rules engine, fees on the statement only, one claim
per program and county with the DP-09 fee lines, pay with travel and cancelled time; all or nothing."""

import datetime as dt
from decimal import Decimal

import pytest
from django.utils import timezone

from alongside.billing import services, tasks
from alongside.billing.choices import CheckCode, ClaimLineKind, CloseStatus
from alongside.billing.locks import month_is_closed
from alongside.billing.models import Claim, ClaimLine, CopayInvoice, MonthClose, PayLine, Statement
from alongside.billing.services import closing, writing
from alongside.billing.services.pay import _travel_estimate
from alongside.billing.tests.conftest import JUNE, chang_month, day, lee_month, lin_month, wang_month
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import Job, JobStatus
from alongside.fieldwork.models import VisitCharge
from alongside.planning.domain import Point
from alongside.rules import evaluate
from alongside.scheduling.models import Visit
from alongside.testing.factories import billing_visit

pytestmark = pytest.mark.django_db


def close_june(manager, agency, capture):
    with capture(execute=True):
        close = services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    close.refresh_from_db()
    return close


def acknowledge_all(manager, agency):
    for finding in services.month_findings(actor=manager, organisation=agency, month=JUNE):
        services.check_acknowledge(
            actor=manager, organisation=agency, month=JUNE, code=finding.code, subject=finding.subject,
            reason="核定時數已申請調整，超出部分依契約自費。",
        )  # fmt: skip


@pytest.fixture
def june(agency, county, manager, wage, wu, chen, lin, wang, chang, lee):
    """The four clients' June, 王先生's hours over his approval acknowledged."""
    lin_month(agency, lin, wu)
    wang_month(agency, wang, chen)
    chang_month(agency, chang, chen)
    lee_month(agency, lee, wu)
    acknowledge_all(manager, agency)


def statement_of(person) -> Statement:
    return Statement.objects.get(client=person)


def test_disability_month_in_2014_splits_into_the_tiers_the_rules_engine_gives(
    june, agency, manager, lin, django_capture_on_commit_callbacks
):
    """DP-06, DP-08/D-11, D-12: 林阿嬤 (extremely severe, low income, Nantou) has 10 hours on 2 June (8 subsidised,
    2 self-pay) and 36 more: 32 fully and 12 partly subsidised (70%), 2 self-pay."""
    close = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert close.status == CloseStatus.CLOSED
    statement = statement_of(lin)
    visits = [{"date": "2014-06-02", "hours": "6.00"}, {"date": "2014-06-02", "hours": "4.00"}]
    visits += [{"date": f"2014-06-{n:02d}", "hours": "2.00"} for n in range(3, 21)]
    engine = evaluate(
        "tw.disability_homecare.month",
        {"month": "2014-06", "level": "severe", "income": "low", "visits": visits},
        "tw.nantou",
    )
    assert {tier: Decimal(hours) for tier, hours in statement.hours_by_tier.items()} == engine["hours"]
    assert (statement.service_total, statement.government, statement.user_share) == (
        engine["total"], engine["government"], engine["user"],
    )  # fmt: skip
    # Hand-computed: 32 h × 180 = 5,760 free; 12 h × 180 = 2,160, the client pays floor(2,160 × 30%) = 648;
    # 2 h × 180 = 360 self-pay.
    assert (statement.government, statement.user_share, statement.service_total) == (5760 + 1512, 648 + 360, 8280)
    assert statement.hours == Decimal("46.00")
    assert statement.visits == 20
    assert {"DP-06", "DP-08", "D-11", "D-12", "D-18"} <= set(statement.rule_ids)


def test_hours_over_the_approved_hours_once_acknowledged_are_self_pay(
    june, agency, manager, wang, django_capture_on_commit_callbacks
):
    """DP-04, D-12: 王先生 (mild, general) has 24 hours against 20 approved: the first 20 in service order are
    8 fully and 12 half subsidised; the 4 over are self-pay at 180."""
    close_june(manager, agency, django_capture_on_commit_callbacks)
    statement = statement_of(wang)
    assert statement.hours_by_tier == {"full": "8.00", "partial": "12.00", "self_pay": "4.00"}
    assert (statement.service_total, statement.government, statement.user_share) == (4320, 1440 + 1080, 1080 + 720)


def test_ltc10_month_of_2014_uses_the_70_percent_share(
    june, agency, manager, chang, django_capture_on_commit_callbacks
):
    """D-13: a general household on the LTC ten-year plan pays 30% from 2010: 30 h × 180 = 5,400, 1,620 its own."""
    close_june(manager, agency, django_capture_on_commit_callbacks)
    statement = statement_of(chang)
    assert statement.hours_by_tier == {"subsidised": "30.00", "self_pay": "0.00"}
    assert (statement.service_total, statement.government, statement.user_share) == (5400, 3780, 1620)
    assert "D-13" in statement.rule_ids


def test_a_self_pay_client_pays_every_hour_and_nothing_is_claimed(
    june, agency, manager, lee, django_capture_on_commit_callbacks
):
    """NT-07: 6 hours at 180, all the client's; no claim line names her."""
    close_june(manager, agency, django_capture_on_commit_callbacks)
    statement = statement_of(lee)
    assert (statement.service_total, statement.government, statement.user_share, statement.amount_due) == (
        1080, 0, 1080, 1080,
    )  # fmt: skip
    assert not ClaimLine.objects.filter(client=lee).exists()
    assert statement.invoice.amount == 1080


def test_a_late_cancellation_fee_is_on_the_statement_and_never_on_the_claim(
    june, agency, manager, lin, wu, django_capture_on_commit_callbacks
):
    """D-14, NT-16: the fee (90) is billed to the client, never subsidised."""
    visit = Visit.objects.create(
        organisation=agency, client=lin, on=day(23), earliest_start=dt.time(9), latest_start=dt.time(9),
        planned_start=dt.time(9), duration_minutes=120, caregiver=wu, status="cancelled",
    )  # fmt: skip
    VisitCharge.objects.create(
        visit=visit, organisation=agency, client=lin, kind="late_cancellation",
        notice_at=dt.datetime(2014, 6, 22, 20, tzinfo=dt.UTC), late=True, fee=90, caregiver_paid_minutes=120,
        rule_ids=["D-14", "NT-16"], recorded_by=manager,
    )  # fmt: skip
    close_june(manager, agency, django_capture_on_commit_callbacks)
    statement = statement_of(lin)
    assert statement.cancellation_fees == 90
    assert statement.amount_due == statement.user_share + 90 == 1098
    assert statement.invoice.amount == 1098
    assert statement.detail["charges"] == [[visit.pk, "2014-06-23", "late_cancellation", 90]]
    claim = Claim.objects.get(program="tw.disability_homecare")
    service = claim.lines.get(kind=ClaimLineKind.SERVICE, client=lin)
    assert service.amount == statement.government == 7272
    assert "D-14" in statement.rule_ids


def test_one_claim_per_program_and_county_with_dp09_fee_lines(june, agency, manager, lin, wang, chang,
                                                              django_capture_on_commit_callbacks):  # fmt: skip
    """DP-09, D-18: the disability claim has per case its service line and the 550 supervision fee, 300 assessment
    fee for 王先生 (opened in June), then the management fee floor(5% × 9,792) = 489; the LTC claim has service
    lines only."""
    close_june(manager, agency, django_capture_on_commit_callbacks)
    dh = Claim.objects.get(program="tw.disability_homecare", county="tw.nantou")
    lines = [(line.kind, line.client_id, line.amount) for line in dh.lines.order_by("position")]
    assert lines == [
        (ClaimLineKind.SERVICE, lin.pk, 7272),
        (ClaimLineKind.SUPERVISION_FEE, lin.pk, 550),
        (ClaimLineKind.SERVICE, wang.pk, 2520),
        (ClaimLineKind.SUPERVISION_FEE, wang.pk, 550),
        (ClaimLineKind.ASSESSMENT_FEE, wang.pk, 300),
        (ClaimLineKind.MANAGEMENT_FEE, None, 489),
    ]
    assert dh.total == 7272 + 2520 + 550 + 550 + 300 + 489 == 11681
    assert dh.number == "CLM-2014-06-DH-NANTOU"
    service = dh.lines.get(kind=ClaimLineKind.SERVICE, client=wang)
    assert (service.hours, service.approved_hours) == (Decimal("20.00"), Decimal("20.00"))
    ltc = Claim.objects.get(program="tw.ltc10")
    assert [(line.kind, line.client_id, line.amount) for line in ltc.lines.all()] == [
        (ClaimLineKind.SERVICE, chang.pk, 3780)
    ]
    assert ltc.total == 3780
    assert Claim.objects.count() == 2  # self-pay has no claim


def test_invoices_are_numbered_in_client_order_and_due_two_weeks_after_the_month(
    june, agency, manager, django_capture_on_commit_callbacks
):
    close_june(manager, agency, django_capture_on_commit_callbacks)
    invoices = list(CopayInvoice.objects.order_by("statement__client_id").values_list("number", "issued_on", "due_on"))
    assert [number for number, _i, _d in invoices] == [f"INV-2014-06-{n:04d}" for n in range(1, 5)]
    assert {(issued, due) for _n, issued, due in invoices} == {(dt.date(2014, 7, 1), dt.date(2014, 7, 15))}


def test_pay_counts_service_travel_between_clients_and_late_cancelled_visits(
    june, agency, manager, wu, chen, lin, django_capture_on_commit_callbacks
):
    """LG-2, LG-4, D-18: 陳淑芬 goes from 王先生 in 魚池 (09:00-11:00) to 張奶奶 in Puli (13:00) ten times; the
    dispatch's estimate is paid as working time; 吳美惠 is paid the 120 minutes of a visit cancelled late."""
    visit = Visit.objects.create(
        organisation=agency, client=lin, on=day(24), earliest_start=dt.time(9), latest_start=dt.time(9),
        planned_start=dt.time(9), duration_minutes=120, caregiver=wu, status="cancelled",
    )  # fmt: skip
    VisitCharge.objects.create(
        visit=visit, organisation=agency, client=lin, kind="late_cancellation",
        notice_at=dt.datetime(2014, 6, 23, 20, tzinfo=dt.UTC), late=True, fee=90, caregiver_paid_minutes=120,
        recorded_by=manager,
    )  # fmt: skip
    close_june(manager, agency, django_capture_on_commit_callbacks)
    leg = _travel_estimate(agency).minutes(Point(23.876, 120.930), Point(23.966, 120.967))
    assert 0 < leg < 120
    pay = {line.caregiver_id: line for line in PayLine.objects.all()}
    assert (pay[chen.pk].visits, pay[chen.pk].service_minutes, pay[chen.pk].travel_minutes) == (22, 54 * 60, 10 * leg)
    assert pay[chen.pk].pay == (54 * 60 + 10 * leg) * 200 // 60
    assert (pay[wu.pk].visits, pay[wu.pk].service_minutes, pay[wu.pk].cancelled_minutes) == (23, 52 * 60, 120)
    assert pay[wu.pk].travel_minutes == 0  # 林阿嬤 and 李小姐 live in the same street of Puli
    assert pay[wu.pk].pay == (52 * 60 + 120) * 200 // 60


def test_closing_locks_the_month_and_a_second_close_is_refused(
    june, agency, manager, django_capture_on_commit_callbacks
):
    close = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert month_is_closed(agency.pk, day(15))
    job = Job.objects.get(pk=close.job_id)
    assert (job.status, job.kind) == (JobStatus.DONE, "billing.month_close")
    with pytest.raises(DomainError) as refused:
        services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    assert refused.value.problems[0].field == "month"
    assert MonthClose.objects.count() == 1
    assert Statement.objects.count() == 4


def test_a_close_task_delivered_twice_finishes_its_job_and_writes_nothing_more(
    june, agency, manager, django_capture_on_commit_callbacks
):
    close = close_june(manager, agency, django_capture_on_commit_callbacks)
    digest = close.input_digest
    tasks.month_close.call(job_id=close.job_id, close_id=close.pk)
    close.refresh_from_db()
    assert (close.status, close.input_digest) == (CloseStatus.CLOSED, digest)
    assert Job.objects.get(pk=close.job_id).status == JobStatus.DONE
    assert Statement.objects.count() == 4


def test_a_month_that_has_not_ended_is_not_closed(agency, manager, wage):
    today = dt.date.today().replace(day=1)
    with pytest.raises(DomainError) as refused:
        services.month_close_start(actor=manager, organisation=agency, month=today)
    assert refused.value.problems[0].field == "month"
    assert not MonthClose.objects.exists()


def test_a_supervisor_sees_the_month_but_may_not_close_it(june, agency, supervisor):
    with pytest.raises(NotPermitted):
        services.month_close_start(actor=supervisor, organisation=agency, month=JUNE)
    assert not MonthClose.objects.exists()


def test_a_close_failing_mid_way_leaves_nothing_and_runs_again(
    june, agency, manager, monkeypatch, django_capture_on_commit_callbacks
):
    """Statements and invoices are written, then the claim lines fail: the transaction rolls all of it back, the
    close is FAILED (the month open again), and the next start closes it."""
    real = writing.Writer._closing_lines

    def broken(self):
        assert Statement.objects.filter(close=self.close).count() == 4  # mid-way: the statements are written
        raise RuntimeError("the worker was killed")

    monkeypatch.setattr(writing.Writer, "_closing_lines", broken)
    failed = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert failed.status == CloseStatus.FAILED
    assert "killed" in failed.error
    assert Job.objects.get(pk=failed.job_id).status == JobStatus.FAILED
    for model in (Statement, CopayInvoice, Claim, ClaimLine, PayLine):
        assert not model.objects.exists(), model
    assert not month_is_closed(agency.pk, day(15))

    monkeypatch.setattr(writing.Writer, "_closing_lines", real)
    again = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert again.pk == failed.pk
    assert (again.status, again.error) == (CloseStatus.CLOSED, "")
    assert Statement.objects.count() == 4
    assert Claim.objects.count() == 2


def test_an_abandoned_running_close_may_start_again(june, agency, manager, django_capture_on_commit_callbacks):
    """A worker killed mid-way leaves the close RUNNING with nothing written; after STALE_AFTER it starts again."""
    MonthClose.objects.create(
        organisation=agency, month=JUNE, status=CloseStatus.RUNNING, started_by=manager,
        started_at=timezone.now() - closing.STALE_AFTER - dt.timedelta(minutes=1),
    )  # fmt: skip
    close = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert close.status == CloseStatus.CLOSED


def test_the_same_month_closed_again_from_scratch_gives_the_same_figures_and_digest(
    june, agency, manager, django_capture_on_commit_callbacks
):
    first = close_june(manager, agency, django_capture_on_commit_callbacks)
    figures = _figures()
    digest = first.input_digest
    _reopen(first)
    second = close_june(manager, agency, django_capture_on_commit_callbacks)
    assert second.input_digest == digest
    assert _figures() == figures


def test_unresolved_findings_refuse_the_close_and_name_each(agency, manager, wage, lin, wu):
    lin_month(agency, lin, wu)
    billing_visit(agency, lin, wu, day(25), confirmed=False)
    with pytest.raises(DomainError) as refused:
        services.month_close_start(actor=manager, organisation=agency, month=JUNE)
    codes = [p.code for p in refused.value.problems]
    assert codes == ["unresolved_findings", CheckCode.UNCONFIRMED_VISIT]
    assert "林阿嬤" in refused.value.problems[1].message
    assert not MonthClose.objects.exists()


def _figures():
    statements = sorted(
        Statement.objects.values_list(
            "client_id", "program", "service_total", "government", "user_share", "amount_due", "hours_by_tier", "detail"
        )
    )
    lines = list(
        ClaimLine.objects.order_by("claim__number", "position").values_list(
            "claim__number", "position", "kind", "client_id", "amount", "hours"
        )
    )
    invoices = sorted(CopayInvoice.objects.values_list("number", "amount", "statement__client_id"))
    pay = sorted(PayLine.objects.values_list("caregiver_id", "service_minutes", "travel_minutes", "pay"))
    return statements, lines, invoices, pay


def _reopen(close: MonthClose) -> None:
    """What a failed close leaves: the row, FAILED, and nothing else."""
    Claim.objects.filter(close=close).delete()
    close.statements.all().delete()
    close.pay_lines.all().delete()
    MonthClose.objects.filter(pk=close.pk).update(status=CloseStatus.FAILED)


def test_a_run_taken_for_dead_leaves_the_new_attempt_alone(june, agency, manager):
    """A worker that wakes up after its close was started again by another job writes nothing and fails nothing."""
    new_job = Job.objects.create(organisation=agency, kind="billing.month_close", created_by=manager)
    close = MonthClose.objects.create(
        organisation=agency, month=JUNE, status=CloseStatus.RUNNING, started_by=manager, started_at=timezone.now(),
        job=new_job,
    )  # fmt: skip
    old_job = Job.objects.create(organisation=agency, kind="billing.month_close", created_by=manager)
    with pytest.raises(closing.Superseded):
        services.month_close_run(close.pk, job_id=old_job.pk)
    close.refresh_from_db()
    assert (close.status, close.error) == (CloseStatus.RUNNING, "")
    assert not Statement.objects.exists()
