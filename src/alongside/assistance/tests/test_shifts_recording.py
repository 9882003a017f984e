"""The assistant's phone (PA-18): Start and End replace the voicemail to the support centre at the start and
end of care (001 §7); the activity log (活動日誌) is written on the same page. The amount is priced again from
the recorded times. Only the shift's own assistant records it; anyone else does not find it."""

import pytest

from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import jst, plan, set_clock
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db


@pytest.fixture
def shift(enrolment, assistant):
    return plan(enrolment, assistant, jst(10, 20), jst(10, 23))


def test_start_end_and_log_record_the_shift_and_price_it_from_the_recorded_times_PA_18(
    shift, assistant, monkeypatch
):
    me = assistant.person.user
    set_clock(monkeypatch, jst(10, 19, 50))
    services.shift_start(actor=me, shift=shift, expected_version=1)
    set_clock(monkeypatch, jst(10, 22, 30))
    services.shift_log(actor=me, shift=shift, activity_log="夕食介助、入浴")
    services.shift_end(actor=me, shift=shift, activity_log="夕食介助、入浴、就寝介助")
    shift.refresh_from_db()
    assert (shift.status, shift.started_at, shift.ended_at) == ("recorded", jst(10, 19, 50), jst(10, 22, 30))
    assert shift.activity_log == "夕食介助、入浴、就寝介助"
    # 19:50-22:00 day (130 min at 1,200 = 2,600) and 22:00-22:30 night (30 min at 1,500 = 750): D-02.
    assert list(shift.segments.values_list("band", "minutes", "amount")) == [("day", 130, 2600), ("night", 30, 750)]
    assert (shift.amount, shift.version) == (3350, 4)
    events = AuditEvent.objects.filter(object_type="assistance.shift", action="update").order_by("pk")
    assert [e.actor for e in events] == [me, me, me]
    assert events.last().changes["amount"] == [3900, 3350]


def test_start_is_refused_more_than_an_hour_early(shift, assistant, monkeypatch):
    set_clock(monkeypatch, jst(10, 18, 59))
    with pytest.raises(DomainError) as error:
        services.shift_start(actor=assistant.person.user, shift=shift)
    assert [(p.field, p.code) for p in error.value.problems] == [("started_at", "too_early")]
    shift.refresh_from_db()
    assert (shift.status, shift.started_at) == ("planned", None)


def test_start_is_refused_on_another_day(shift, assistant, monkeypatch):
    set_clock(monkeypatch, jst(11, 20))
    with pytest.raises(DomainError) as error:
        services.shift_start(actor=assistant.person.user, shift=shift)
    assert error.value.problems[0].code == "another_day"
    assert "2025-06-10" in error.value.problems[0].message


def test_the_day_is_the_households_not_the_servers(enrolment, assistant, monkeypatch):
    # 00:30 in Sapporo on the 11th is 23:30 on the 10th in Taipei (the server's zone): still the 11th here.
    early = plan(enrolment, assistant, jst(11, 1), jst(11, 3))
    set_clock(monkeypatch, jst(11, 0, 30))
    services.shift_start(actor=assistant.person.user, shift=early)
    early.refresh_from_db()
    assert early.status == "started"


def test_end_before_the_start_is_refused(shift, assistant, monkeypatch):
    set_clock(monkeypatch, jst(10, 20))
    services.shift_start(actor=assistant.person.user, shift=shift)
    with pytest.raises(DomainError) as error:
        services.shift_end(actor=assistant.person.user, shift=shift, at=jst(10, 19))
    assert [(p.field, p.code) for p in error.value.problems] == [("ended_at", "not_after_start")]
    shift.refresh_from_db()
    assert (shift.status, shift.ended_at, shift.amount) == ("started", None, 3900)


def test_end_before_start_pressed_is_refused(shift, assistant, monkeypatch):
    set_clock(monkeypatch, jst(10, 22))
    with pytest.raises(DomainError) as error:
        services.shift_end(actor=assistant.person.user, shift=shift)
    assert error.value.problems[0].code == "shift_planned"


def test_start_twice_is_refused(shift, assistant, monkeypatch):
    set_clock(monkeypatch, jst(10, 20))
    services.shift_start(actor=assistant.person.user, shift=shift)
    with pytest.raises(DomainError) as error:
        services.shift_start(actor=assistant.person.user, shift=shift)
    assert error.value.problems[0].code == "shift_started"


def test_another_assistant_or_the_user_does_not_find_the_shift_on_the_phone(
    shift, second_assistant, pa_user, support_staff, monkeypatch
):
    set_clock(monkeypatch, jst(10, 20))
    for someone in (second_assistant.person.user, pa_user, support_staff):
        with pytest.raises(NotFound):
            services.shift_start(actor=someone, shift=shift)
        with pytest.raises(NotFound):
            services.shift_log(actor=someone, shift=shift, activity_log="x")
    shift.refresh_from_db()
    assert (shift.status, shift.version) == ("planned", 1)


def test_a_cancelled_shift_cannot_be_started(shift, assistant, pa_user, monkeypatch):
    services.shift_cancel(actor=pa_user, shift=shift, reason="入院")
    set_clock(monkeypatch, jst(10, 20))
    with pytest.raises(DomainError) as error:
        services.shift_start(actor=assistant.person.user, shift=shift)
    assert error.value.problems[0].code == "shift_cancelled"


def test_the_log_cannot_change_after_the_user_confirmed(shift, assistant, pa_user, monkeypatch):
    me = assistant.person.user
    set_clock(monkeypatch, jst(10, 20))
    services.shift_start(actor=me, shift=shift)
    set_clock(monkeypatch, jst(10, 23))
    services.shift_end(actor=me, shift=shift)
    services.shift_confirm(actor=pa_user, shift=shift)
    with pytest.raises(DomainError) as error:
        services.shift_log(actor=me, shift=shift, activity_log="後から")
    assert error.value.problems[0].code == "shift_confirmed"
