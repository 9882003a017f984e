"""The case lifecycle of 004 ch. 3: each transition, its deadlines (NT-09) and its refusals."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.cases import services
from alongside.cases.models import Case
from alongside.cases.tests.conftest import PUBLIC, RECEIVED
from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.people.models import Person
from alongside.testing.factories import member


def test_intake_numbers_cases_per_agency_and_year(enquiry, manager, agency):
    second = services.case_intake(
        actor=manager,
        organisation=agency,
        client=None,
        client_data={"name": "王大明", "sex": "male"},
        intake=services.Intake(received_on=RECEIVED, source="self"),
    )
    assert (enquiry.number, second.number) == ("2014-0001", "2014-0002")
    assert second.client.name == "王大明"
    assert second.stage == "enquiry"
    assert Person.objects.filter(name="王大明", kind="client", organisation=agency).exists()


def test_intake_with_a_bad_new_client_writes_nothing(manager, agency):
    with pytest.raises(DomainError) as refused:
        services.case_intake(
            actor=manager,
            organisation=agency,
            client=None,
            client_data={"name": "", "sex": "male"},
            intake=services.Intake(received_on=RECEIVED, source="self"),
        )
    assert [p.field for p in refused.value.problems] == ["name"]
    assert not Case.objects.exists()
    assert not Person.objects.exists()


def test_a_caregiver_cannot_take_in_a_case(agency):
    with pytest.raises(NotPermitted):
        services.case_intake(
            actor=member("caregiver", agency),
            organisation=agency,
            client=None,
            client_data={"name": "王大明", "sex": "male"},
            intake=services.Intake(received_on=RECEIVED, source="self"),
        )
    assert not Case.objects.exists()


def test_public_screening_needs_the_countys_program_level_and_hours(enquiry, manager):
    incomplete = services.Screening(screened_on=RECEIVED, outcome="public_subsidy", answers={})
    with pytest.raises(DomainError) as refused:
        services.case_screen(actor=manager, case=enquiry, screening=incomplete, expected_version=1)
    assert {p.field for p in refused.value.problems} == {"program", "approved_level", "approved_hours"}
    enquiry.refresh_from_db()
    assert (enquiry.stage, enquiry.version) == ("enquiry", 1)


def test_not_eligible_closes_the_case_with_the_reason_and_seven_years_retention(enquiry, manager):
    screening = services.Screening(
        screened_on=dt.date(2014, 6, 9), outcome="not_eligible", answers={}, not_eligible_reason="已聘外籍看護"
    )
    case = services.case_screen(actor=manager, case=enquiry, screening=screening, expected_version=1)
    assert (case.stage, case.closure_reason, case.closure_text) == ("closed", "not_eligible", "已聘外籍看護")
    assert (case.closed_on, case.retain_until) == (dt.date(2014, 6, 9), dt.date(2021, 6, 9))


def test_assignment_sets_the_working_day_deadlines_from_the_rules_engine(assigned):
    # NT-09, D-15: received Friday 2014-06-06 → contact by Wed 11 June, open by Tue 17 June.
    assert (assigned.stage, assigned.contact_by, assigned.open_by) == (
        "assigned",
        dt.date(2014, 6, 11),
        dt.date(2014, 6, 17),
    )
    event = AuditEvent.objects.filter(object_type="cases.case", object_id=str(assigned.pk)).order_by("id").last()
    assert {"NT-09", "D-15"} <= set(event.rule_ids)


def test_only_a_manager_assigns_and_only_to_a_supervisor(screened, supervisor, agency):
    with pytest.raises(NotPermitted):
        services.case_assign(
            actor=supervisor, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=2
        )
    caregiver = member("caregiver", agency)
    with pytest.raises(DomainError) as refused:
        services.case_assign(
            actor=member("manager", agency),
            case=screened,
            supervisor=caregiver,
            assigned_on=RECEIVED,
            expected_version=2,
        )
    assert [p.field for p in refused.value.problems] == ["supervisor"]
    screened.refresh_from_db()
    assert screened.supervisor is None


def test_changing_the_supervisor_needs_a_reason(assigned, manager, agency):
    other = member("supervisor", agency, username="other-supervisor")
    with pytest.raises(DomainError):
        services.case_assign(actor=manager, case=assigned, supervisor=other, assigned_on=RECEIVED, expected_version=3)
    moved = services.case_assign(
        actor=manager, case=assigned, supervisor=other, assigned_on=RECEIVED, expected_version=3, reason="督導離職"
    )
    assert moved.supervisor == other
    assert moved.stage == "assigned"


def test_opening_on_time_needs_no_reason(opened):
    assert (opened.stage, opened.opened_on, opened.late_opening_reason) == ("open", dt.date(2014, 6, 16), "")


@pytest.mark.usefixtures("_no_opening_prerequisites")
def test_opening_after_the_deadline_needs_the_reason(assigned, supervisor):
    with pytest.raises(DomainError) as refused:
        services.case_open(actor=supervisor, case=assigned, opened_on=dt.date(2014, 6, 18), expected_version=3)
    assert [p.code for p in refused.value.problems] == ["reason_required"]
    assigned.refresh_from_db()
    assert assigned.stage == "assigned"
    late = services.case_open(
        actor=supervisor,
        case=assigned,
        opened_on=dt.date(2014, 6, 18),
        expected_version=3,
        late_reason="案家端午節返鄉",
    )
    assert late.late_opening_reason == "案家端午節返鄉"


def test_another_supervisor_cannot_act_on_someone_elses_case(assigned, agency):
    stranger = member("supervisor", agency, username="stranger")
    with pytest.raises(NotPermitted):
        services.case_contact(actor=stranger, case=assigned, contacted_on=dt.date(2014, 6, 9), expected_version=3)


def test_an_illegal_transition_is_refused_and_changes_nothing(enquiry, manager):
    with pytest.raises(DomainError) as refused:
        services.case_suspend(actor=manager, case=enquiry, reason="hospital", starts_on=RECEIVED, expected_version=1)
    assert [p.code for p in refused.value.problems] == ["illegal_transition"]
    enquiry.refresh_from_db()
    assert (enquiry.stage, enquiry.version) == ("enquiry", 1)


def test_a_stale_version_is_refused(screened, manager, supervisor):
    with pytest.raises(DomainError) as refused:
        services.case_assign(
            actor=manager, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=1
        )
    assert [p.code for p in refused.value.problems] == ["stale_version"]


def test_suspension_and_resumption(opened, supervisor):
    services.case_suspend(
        actor=supervisor, case=opened, reason="hospital", starts_on=dt.date(2014, 7, 1), expected_version=5
    )
    case = services.case_resume(actor=supervisor, case=opened, resumed_on=dt.date(2014, 7, 20), expected_version=6)
    assert case.stage == "open"
    assert list(case.suspensions.values_list("starts_on", "ends_on")) == [(dt.date(2014, 7, 1), dt.date(2014, 7, 20))]


def test_closure_reason_7_needs_its_sub_reason_and_11_its_text(opened, supervisor):
    for closure, field in [
        (services.Closure(dt.date(2014, 8, 1), "7"), "sub_reason"),
        (services.Closure(dt.date(2014, 8, 1), "11"), "text"),
    ]:
        with pytest.raises(DomainError) as refused:
            services.case_close(actor=supervisor, case=opened, closure=closure, expected_version=5)
        assert [p.field for p in refused.value.problems] == [field]
    closed = services.case_close(
        actor=supervisor,
        case=opened,
        expected_version=5,
        closure=services.Closure(dt.date(2014, 8, 1), "7", "B", follow_up_notes="三個月後電訪"),
    )
    assert (closed.stage, closed.closure_reason, closed.closure_sub_reason) == ("closed", "7", "B")
    assert (closed.retain_until, closed.closure_signed_by) == (dt.date(2021, 8, 1), supervisor)


def test_an_opened_case_cannot_close_as_not_eligible(opened, supervisor):
    with pytest.raises(DomainError) as refused:
        services.case_close(
            actor=supervisor,
            case=opened,
            expected_version=5,
            closure=services.Closure(dt.date(2014, 8, 1), "not_eligible"),
        )
    assert [p.field for p in refused.value.problems] == ["reason"]


def test_a_case_that_cannot_be_opened_closes_with_the_signed_reason(assigned, supervisor):
    closed = services.case_close(
        actor=supervisor,
        case=assigned,
        expected_version=3,
        closure=services.Closure(dt.date(2014, 6, 12), "not_opened", text="案家拒絕服務"),
    )
    assert (closed.closure_reason, closed.closure_text, closed.closure_signed_by) == (
        "not_opened",
        "案家拒絕服務",
        supervisor,
    )


def test_referral_needs_consent_or_the_life_at_risk_reason(opened, supervisor):
    draft = services.ReferralDraft(
        receiving_organisation="南投縣居家護理所",
        needs="傷口照護",
        referred_on=dt.date(2014, 7, 1),
        follow_up_on=dt.date(2014, 7, 15),
        consent_given=False,
    )
    with pytest.raises(DomainError) as refused:
        services.case_refer(actor=supervisor, case=opened, draft=draft)
    assert [p.field for p in refused.value.problems] == ["consent_waived_reason"]
    from dataclasses import replace

    referral = services.case_refer(actor=supervisor, case=opened, draft=replace(draft, consent_given=True))
    replied = services.referral_reply_record(
        actor=supervisor, referral=referral, reply_on=dt.date(2014, 7, 10), reply_by="護理師 張", reply_text="已收案"
    )
    assert (replied.status, replied.reply_text) == ("replied", "已收案")


def test_screening_answers_are_checked(enquiry, manager):
    from dataclasses import replace

    with pytest.raises(DomainError) as refused:
        services.case_screen(
            actor=manager, case=enquiry, expected_version=1, screening=replace(PUBLIC, answers={"hired_carer": "robot"})
        )
    assert [p.field for p in refused.value.problems] == ["answers.hired_carer"]
    assert PUBLIC.approved_hours == Decimal(36)
