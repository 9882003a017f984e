"""The user confirms what the assistant recorded (D-20); confirmed shifts are what the claim uses. Wrong times
are corrected with a reason first (priced again; the trail keeps before and after). The whole month's recorded
shifts can be confirmed at once. Only the user or the named proxy confirms."""

import datetime as dt

import pytest

from alongside.assistance.models import Claim
from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import jst, make_proxy, plan, set_clock
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def recorded(enrolment, assistant, monkeypatch, day=10, start=20, end=23):
    shift = plan(enrolment, assistant, jst(day, start), jst(day, end))
    set_clock(monkeypatch, jst(day, start))
    services.shift_start(actor=assistant.person.user, shift=shift)
    set_clock(monkeypatch, jst(day, end))
    services.shift_end(actor=assistant.person.user, shift=shift, activity_log="入浴介助")
    set_clock(monkeypatch, jst(day + 1, 9))
    shift.refresh_from_db()
    return shift


def test_the_user_confirms_the_recorded_times_D_20(enrolment, assistant, pa_user, monkeypatch):
    shift = recorded(enrolment, assistant, monkeypatch)
    services.shift_confirm(actor=pa_user, shift=shift, expected_version=shift.version)
    shift.refresh_from_db()
    assert (shift.status, shift.confirmed_by, shift.confirmed_on_behalf_of) == ("confirmed", pa_user, "")
    assert shift.confirmed_at == jst(11, 9)


def test_the_proxy_confirms_on_the_users_behalf_D_20(enrolment, assistant, second_assistant, monkeypatch):
    proxy_user = make_proxy(enrolment, second_assistant)
    shift = recorded(enrolment, assistant, monkeypatch)
    services.shift_confirm(actor=proxy_user, shift=shift)
    shift.refresh_from_db()
    assert (shift.confirmed_by, shift.confirmed_on_behalf_of) == (proxy_user, "佐藤 由美")
    event = AuditEvent.objects.filter(object_type="assistance.shift").latest("pk")
    assert event.on_behalf_of == "佐藤 由美"


def test_the_assistant_and_the_support_centre_do_not_confirm(enrolment, assistant, support_staff, monkeypatch):
    shift = recorded(enrolment, assistant, monkeypatch)
    for someone in (assistant.person.user, support_staff):
        with pytest.raises(NotFound):
            services.shift_confirm(actor=someone, shift=shift)
    shift.refresh_from_db()
    assert shift.status == "recorded"


def test_a_planned_shift_is_not_confirmed_before_it_is_recorded(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    with pytest.raises(DomainError) as error:
        services.shift_confirm(actor=pa_user, shift=shift)
    assert error.value.problems[0].code == "shift_planned"


def test_a_stale_confirmation_is_refused(enrolment, assistant, pa_user, monkeypatch):
    shift = recorded(enrolment, assistant, monkeypatch)
    with pytest.raises(DomainError) as error:
        services.shift_confirm(actor=pa_user, shift=shift, expected_version=shift.version - 1)
    assert error.value.problems[0].code == "stale_version"
    assert "Reload" in error.value.problems[0].message
    shift.refresh_from_db()
    assert shift.status == "recorded"


def test_correcting_the_times_needs_a_reason_prices_again_and_keeps_before_and_after(
    enrolment, assistant, pa_user, monkeypatch
):
    shift = recorded(enrolment, assistant, monkeypatch)
    with pytest.raises(DomainError) as error:
        services.shift_correct(actor=pa_user, shift=shift, started_at=jst(10, 20), ended_at=jst(10, 22), reason="")
    assert [p.field for p in error.value.problems] == ["reason"]
    services.shift_correct(actor=pa_user, shift=shift, started_at=jst(10, 20), ended_at=jst(10, 22),
                           reason="終了ボタンの押し忘れ", expected_version=shift.version)  # fmt: skip
    shift.refresh_from_db()
    assert (shift.status, shift.ended_at, shift.amount) == ("recorded", jst(10, 22), 2400)
    event = AuditEvent.objects.filter(object_type="assistance.shift").latest("pk")
    assert event.reason == "終了ボタンの押し忘れ"
    before, after = (dt.datetime.fromisoformat(value) for value in event.changes["ended_at"])
    assert (before, after) == (jst(10, 23), jst(10, 22))
    assert event.changes["amount"] == [3900, 2400]
    services.shift_confirm(actor=pa_user, shift=shift)
    shift.refresh_from_db()
    assert shift.status == "confirmed"


def test_a_shift_the_assistant_could_not_record_is_entered_by_the_user(enrolment, assistant, pa_user, monkeypatch):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    set_clock(monkeypatch, jst(10, 13))
    services.shift_correct(actor=pa_user, shift=shift, started_at=jst(10, 9), ended_at=jst(10, 11, 30),
                           reason="電話の電池切れ")  # fmt: skip
    shift.refresh_from_db()
    assert (shift.status, shift.started_at, shift.amount) == ("recorded", jst(10, 9), 3000)


def test_confirm_the_months_recorded_shifts_at_once_by_segment_date_D_02(
    enrolment, assistant, second_assistant, pa_user, monkeypatch
):
    first = recorded(enrolment, assistant, monkeypatch, day=10)
    second = recorded(enrolment, second_assistant, monkeypatch, day=12, start=9, end=12)
    waiting = plan(enrolment, assistant, jst(20, 9), jst(20, 12))
    confirmed = services.shifts_confirm_month(actor=pa_user, enrolment=enrolment, month=dt.date(2025, 6, 1))
    assert sorted(s.pk for s in confirmed) == sorted([first.pk, second.pk])
    waiting.refresh_from_db()
    assert waiting.status == "planned"


def test_no_confirmation_once_the_months_claim_is_sent_PA_14(enrolment, assistant, pa_user, monkeypatch):
    shift = recorded(enrolment, assistant, monkeypatch)
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), status="submitted")
    with pytest.raises(DomainError) as error:
        services.shift_confirm(actor=pa_user, shift=shift)
    assert error.value.problems[0].code == "claim_sent"
    shift.refresh_from_db()
    assert shift.status == "recorded"
