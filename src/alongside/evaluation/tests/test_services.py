"""Services of staff supervision, meetings and evaluations (004 ch. 5 §2 個別與團體督導, ch. 6 §3 人員考核; NT-12,
NT-20): happy paths with audit, refusals with nothing written."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.evaluation import selectors, services
from alongside.evaluation.models import Evaluation, IndividualSupervision, Meeting
from alongside.testing.factories import member

CAREGIVER_FULL = {"service_spirit": "25", "work_quality": "30", "teamwork": "30", "personal_cultivation": "15"}


def supervision_data(**changes):
    data = {"held_on": dt.date(2025, 1, 20), "method": "face_to_face", "topics": "工作適應", "guidance": "說明紀錄方式"}
    return services.SupervisionData(**(data | changes))


@pytest.mark.django_db
def test_nt12_recording_an_individual_supervision_fills_the_new_staff_month_and_is_audited(caregiver, supervisor):
    record = services.supervision_record(actor=supervisor, staff=caregiver.person, data=supervision_data())
    assert record.supervisor == supervisor
    months = selectors.new_staff_months(caregiver.person, today=dt.date(2025, 3, 10))
    assert [m.state for m in months] == ["held", "missed", "due"]
    event = AuditEvent.objects.get(object_type="evaluation.individualsupervision")
    assert event.rule_ids == ["NT-12"]


@pytest.mark.django_db
def test_a_supervision_without_topics_guidance_or_method_names_every_field_and_writes_nothing(caregiver, supervisor):
    with pytest.raises(DomainError) as raised:
        services.supervision_record(actor=supervisor, staff=caregiver.person,
                                    data=supervision_data(method="", topics=" ", guidance="",
                                                          held_on=dt.date(2999, 1, 1)))  # fmt: skip
    assert {p.field for p in raised.value.problems} == {"method", "topics", "guidance", "held_on"}
    assert not IndividualSupervision.objects.exists()
    assert not AuditEvent.objects.exists()


@pytest.mark.django_db
def test_a_caregiver_cannot_record_supervision(caregiver):
    with pytest.raises(NotPermitted):
        services.supervision_record(actor=caregiver.person.user, staff=caregiver.person, data=supervision_data())


@pytest.mark.django_db
def test_a_meeting_keeps_present_and_absent_staff(agency, manager, caregiver, paper_caregiver):
    data = services.MeetingData(kind="group_supervision", held_on=dt.date(2025, 2, 12), chair="陳主任",
                                recorder="林督導", agenda="個案討論", resolutions="下月加強移位訓練",
                                attendance={caregiver.person.pk: True, paper_caregiver.person.pk: False})  # fmt: skip
    meeting = services.meeting_record(actor=manager, organisation=agency, data=data)
    assert {(a.person.name, a.present) for a in meeting.attendance.all()} == {("王小美", True), ("李大同", False)}
    assert AuditEvent.objects.get(object_type="evaluation.meeting").changes["absent"] == [None, 1]


@pytest.mark.django_db
def test_a_meeting_refuses_missing_fields_and_staff_of_another_agency(agency, manager, other_staff):
    data = services.MeetingData(kind="", held_on=dt.date(2025, 2, 12), chair="", recorder="", agenda="",
                                attendance={other_staff.person.pk: True})  # fmt: skip
    with pytest.raises(DomainError) as raised:
        services.meeting_record(actor=manager, organisation=agency, data=data)
    assert {p.field for p in raised.value.problems} == {"kind", "chair", "recorder", "agenda", "attendance"}
    assert not Meeting.objects.exists()


@pytest.mark.django_db
def test_nt20_the_caregiver_enters_their_own_self_score_and_the_supervisor_the_managers(caregiver, supervisor):
    evaluation = services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="year_end", year=2025)
    assert evaluation.position == "caregiver"
    own = caregiver.person.user
    evaluation = services.evaluation_self_score(actor=own, evaluation=evaluation,
                                                scores=CAREGIVER_FULL | {"teamwork": "27.5"})  # fmt: skip
    assert evaluation.self_total == Decimal("97.50")
    evaluation = services.evaluation_manager_score(actor=supervisor, evaluation=evaluation, scores=CAREGIVER_FULL,
                                                   comment="表現良好", expected_version=evaluation.version)  # fmt: skip
    assert evaluation.manager_total == Decimal("100.00")
    with pytest.raises(NotPermitted):  # the supervisor does not write the caregiver's self score
        services.evaluation_self_score(actor=supervisor, evaluation=evaluation, scores=CAREGIVER_FULL)
    with pytest.raises(NotPermitted):  # nor the caregiver the manager's
        services.evaluation_manager_score(actor=own, evaluation=evaluation, scores=CAREGIVER_FULL)


@pytest.mark.django_db
def test_nt20_a_score_above_its_criterions_maximum_is_refused_by_field_and_nothing_is_written(caregiver, supervisor):
    evaluation = services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="periodic", year=2025,
                                            period="第一季")  # fmt: skip
    with pytest.raises(DomainError) as raised:
        services.evaluation_manager_score(
            actor=supervisor,
            evaluation=evaluation,
            scores=CAREGIVER_FULL | {"personal_cultivation": "16", "teamwork": ""},
        )
    assert {(p.field, p.code) for p in raised.value.problems} == {
        ("scores.personal_cultivation", "out_of_range"),
        ("scores.teamwork", "required"),
    }
    assert "from 0 to 15" in raised.value.problems[0].message + raised.value.problems[1].message
    evaluation.refresh_from_db()
    assert (evaluation.manager_total, evaluation.version) == (None, 1)


@pytest.mark.django_db
def test_the_self_score_of_someone_without_a_sign_in_is_copied_in_by_an_evaluator_on_their_behalf(
    paper_caregiver, supervisor
):
    evaluation = services.evaluation_create(actor=supervisor, staff=paper_caregiver.person, kind="year_end", year=2025)
    services.evaluation_self_score(actor=supervisor, evaluation=evaluation, scores=CAREGIVER_FULL)
    event = AuditEvent.objects.filter(object_type="evaluation.evaluation").order_by("-id").first()
    assert event.on_behalf_of == "李大同"


@pytest.mark.django_db
def test_nt20_a_supervisors_evaluation_uses_eight_criteria_and_only_a_manager_scores_it(
    supervisor_staff, supervisor, manager, agency
):
    other_supervisor = member("supervisor", agency, "supervisor_wu")
    with pytest.raises(DomainError):  # no position yet
        services.evaluation_create(actor=manager, staff=supervisor_staff, kind="year_end", year=2025)
    services.staff_position_set(actor=manager, person=supervisor_staff, position="supervisor",
                                started_on=dt.date(2020, 5, 1))  # fmt: skip
    evaluation = services.evaluation_create(actor=manager, staff=supervisor_staff, kind="year_end", year=2025)
    scores = {"knowledge_skills": 15, "conduct": 10, "communication": 10, "innovation": 15, "enthusiasm": 10,
              "cooperation": 10, "efficiency": 15, "accuracy": 12}  # fmt: skip
    with pytest.raises(NotPermitted):
        services.evaluation_manager_score(actor=other_supervisor, evaluation=evaluation, scores=scores)
    with pytest.raises(NotPermitted):  # not even their own
        services.evaluation_manager_score(actor=supervisor, evaluation=evaluation, scores=scores)
    assert services.evaluation_manager_score(actor=manager, evaluation=evaluation, scores=scores).manager_total == 97
    assert services.evaluation_self_score(actor=supervisor, evaluation=evaluation, scores=scores).self_total == 97


@pytest.mark.django_db
def test_one_year_end_evaluation_a_year_and_a_periodic_one_names_its_period(caregiver, supervisor):
    services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="year_end", year=2025)
    with pytest.raises(DomainError) as raised:
        services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="year_end", year=2025)
    assert raised.value.problems[0].field == "year"
    with pytest.raises(DomainError) as raised:
        services.evaluation_create(actor=supervisor, staff=caregiver.person, kind="periodic", year=2025)
    assert raised.value.problems[0].field == "period"
    assert Evaluation.objects.count() == 1


@pytest.mark.django_db
def test_nt20_training_summary_sums_the_years_hours_and_shows_who_is_short(
    caregiver, paper_caregiver, supervisor_staff, supervisor
):
    from alongside.workforce.models import TrainingRecord

    TrainingRecord.objects.create(caregiver=caregiver, held_on=dt.date(2025, 3, 1), hours=Decimal("12.5"), title="移位")
    TrainingRecord.objects.create(caregiver=caregiver, held_on=dt.date(2024, 3, 1), hours=Decimal("20"), title="舊")
    TrainingRecord.objects.create(caregiver=paper_caregiver, held_on=dt.date(2025, 5, 1), hours=Decimal("21"),
                                  title="倫理")  # fmt: skip
    lines = {x.person.name: (x.hours, x.missing) for x in selectors.training_summary(actor=supervisor, year=2025)}
    assert lines == {"王小美": (Decimal("12.5"), Decimal("7.5")), "李大同": (Decimal("21"), Decimal(0)),
                     "林督導": (None, None)}  # fmt: skip
