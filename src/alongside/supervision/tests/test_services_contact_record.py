"""supervision_contact_record: a planned contact done (the 督導紀錄) or missed with the reason."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.supervision import services
from alongside.supervision.tests.helpers import a_visit, contact


@pytest.fixture
def home_visit(case, supervisor):
    services.supervision_schedule_generate(actor=supervisor, case=case, until=dt.date(2014, 9, 30))
    return contact(case, "home_visit", "2014-09-10")


def unchanged(visit) -> bool:
    visit.refresh_from_db()
    return (visit.status, visit.done_on, visit.version) == ("planned", None, 1) and not AuditEvent.objects.filter(
        object_type="supervision.supervisioncontact"
    ).exists()


@pytest.mark.django_db
def test_recording_a_home_visit_keeps_what_was_seen_said_and_decided(home_visit, supervisor):
    record = a_visit("2014-09-09", client_views="女兒希望增加沐浴服務。", follow_up_actions="下週評估需求異動。")
    recorded = services.supervision_contact_record(actor=supervisor, contact=home_visit, record=record,
                                                   expected_version=1)  # fmt: skip
    recorded.refresh_from_db()
    assert (recorded.status, recorded.done_on, recorded.method, recorded.version) == (
        "done",
        dt.date(2014, 9, 9),
        "home_visit",
        2,
    )
    assert (recorded.notes, recorded.client_views, recorded.follow_up_actions) == (
        "案主精神佳，服務員準時到達。",
        "女兒希望增加沐浴服務。",
        "下週評估需求異動。",
    )
    assert recorded.recorded_by == supervisor
    event = AuditEvent.objects.get(object_type="supervision.supervisioncontact", object_id=str(recorded.pk))
    assert event.changes["status"] == ["planned", "done"]


@pytest.mark.django_db
def test_a_missed_contact_is_recorded_with_the_reason(home_visit, supervisor):
    record = a_visit("2014-09-10", notes="", outcome="missed", missed_reason="案家無人應門，改約下週。")
    recorded = services.supervision_contact_record(actor=supervisor, contact=home_visit, record=record,
                                                   expected_version=1)  # fmt: skip
    assert (recorded.status, recorded.status_reason) == ("missed", "案家無人應門，改約下週。")


@pytest.mark.django_db
def test_a_missed_contact_without_a_reason_is_refused_and_nothing_changes(home_visit, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_record(actor=supervisor, contact=home_visit, expected_version=1,
                                            record=a_visit("2014-09-10", outcome="missed"))  # fmt: skip
    assert [p.field for p in refused.value.problems] == ["missed_reason"]
    assert unchanged(home_visit)


@pytest.mark.django_db
def test_a_record_without_notes_or_method_names_both_and_nothing_changes(home_visit, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_record(actor=supervisor, contact=home_visit, expected_version=1,
                                            record=a_visit("2014-09-10", method="", notes="  "))  # fmt: skip
    assert [(p.field, p.code) for p in refused.value.problems] == [("method", "required"), ("notes", "required")]
    assert unchanged(home_visit)


@pytest.mark.django_db
def test_a_contact_cannot_be_recorded_before_the_opening_or_in_the_future(home_visit, supervisor):
    tomorrow = (timezone.localdate() + dt.timedelta(days=1)).isoformat()
    for held_on in ("2014-06-09", tomorrow):
        with pytest.raises(DomainError) as refused:
            services.supervision_contact_record(actor=supervisor, contact=home_visit, expected_version=1,
                                                record=a_visit(held_on))  # fmt: skip
        assert [(p.field, p.code) for p in refused.value.problems] == [("held_on", "invalid")]
    assert unchanged(home_visit)


@pytest.mark.django_db
def test_a_contact_already_done_cannot_be_recorded_again(home_visit, supervisor):
    services.supervision_contact_record(actor=supervisor, contact=home_visit, record=a_visit("2014-09-09"),
                                        expected_version=1)  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_record(actor=supervisor, contact=home_visit, record=a_visit("2014-09-10"),
                                            expected_version=2)  # fmt: skip
    assert [p.code for p in refused.value.problems] == ["not_planned"]
    home_visit.refresh_from_db()
    assert (home_visit.done_on, home_visit.version) == (dt.date(2014, 9, 9), 2)


@pytest.mark.django_db
def test_a_stale_version_is_refused_and_nothing_changes(home_visit, supervisor):
    with pytest.raises(DomainError) as refused:
        services.supervision_contact_record(actor=supervisor, contact=home_visit, record=a_visit("2014-09-09"),
                                            expected_version=7)  # fmt: skip
    assert [p.code for p in refused.value.problems] == ["stale_version"]
    assert unchanged(home_visit)


@pytest.mark.django_db
def test_another_supervisor_cannot_record_on_a_case_they_are_not_responsible_for(home_visit, other_supervisor):
    with pytest.raises(NotPermitted):
        services.supervision_contact_record(actor=other_supervisor, contact=home_visit, record=a_visit("2014-09-09"),
                                            expected_version=1)  # fmt: skip
    assert unchanged(home_visit)
