"""Cover when a shift is cancelled (PA-17: the city never sends a substitute; the user chooses): the user's
other contracted assistants, with whether they are free, under contract and trained, the same shift priced at
their rates, and their phone. Choosing one plans a new shift that covers the cancelled one."""

import datetime as dt

import pytest

from alongside.assistance.models import Shift
from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import jst, plan
from alongside.core.errors import DomainError, NotFound
from alongside.testing.factories import pa_assistant

pytestmark = pytest.mark.django_db


@pytest.fixture
def cancelled(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 20), jst(10, 23), activities=["personal_care", "night_watch"])
    return services.shift_cancel(actor=pa_user, shift=shift, reason="介助者が発熱")


def test_cover_lists_only_the_free_contracted_trained_assistants_with_price_and_phone_PA_17(
    enrolment, cancelled, second_assistant, pa_user
):
    second_assistant.person.phone_mobile = "090-1111-2222"
    second_assistant.person.save()
    busy = pa_assistant(enrolment, "assistant_busy", name="伊藤 大輔")
    plan(enrolment, busy, jst(10, 22), jst(11, 1))
    pa_assistant(enrolment, "assistant_untrained", name="山田 花子", trained=False)
    expired = pa_assistant(enrolment, "assistant_expired", name="中村 光")
    expired.contracts.update(valid_to=dt.date(2025, 5, 31))
    candidate = pa_assistant(enrolment, "assistant_candidate", name="小林 愛")
    candidate.status = "interviewed"
    candidate.save()

    options = services.shift_cover_options(actor=pa_user, shift=cancelled)

    available = [o for o in options if o.available]
    assert [(o.assistant.person.name, o.phone, o.quote.total) for o in available] == [
        ("鈴木 直美", "090-1111-2222", 2 * 1300 + 1600),  # her rates, transport included
    ]
    reasons = {o.assistant.person.name: (o.free, o.contract_valid, o.trained) for o in options if not o.available}
    assert reasons == {
        "中村 光": (True, False, True),
        "伊藤 大輔": (False, True, True),
        "山田 花子": (True, True, False),
    }
    assert "高橋 健一" not in {o.assistant.person.name for o in options}  # the one who cancelled


def test_choosing_an_assistant_plans_a_shift_that_covers_the_cancelled_one_PA_17(
    enrolment, cancelled, second_assistant, pa_user
):
    cover = services.shift_cover(actor=pa_user, shift=cancelled, assistant=second_assistant)
    assert (cover.covers, cover.assistant, cover.status) == (cancelled, second_assistant, "planned")
    assert (cover.planned_start, cover.planned_end) == (cancelled.planned_start, cancelled.planned_end)
    assert (cover.activities, cover.amount) == (["personal_care", "night_watch"], 4200)


def test_a_shift_is_covered_once(enrolment, cancelled, second_assistant, pa_user):
    services.shift_cover(actor=pa_user, shift=cancelled, assistant=second_assistant)
    third = pa_assistant(enrolment, "assistant_third", name="伊藤 大輔")
    with pytest.raises(DomainError) as error:
        services.shift_cover(actor=pa_user, shift=cancelled, assistant=third)
    assert error.value.problems[0].code == "already_covered"
    assert Shift.objects.count() == 2


def test_only_a_cancelled_shift_is_covered(enrolment, assistant, second_assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    with pytest.raises(DomainError) as error:
        services.shift_cover(actor=pa_user, shift=shift, assistant=second_assistant)
    assert error.value.problems[0].field == "covers"
    assert Shift.objects.count() == 1


def test_support_staff_do_not_choose_the_cover_D_20(cancelled, second_assistant, support_staff):
    with pytest.raises(NotFound):
        services.shift_cover_options(actor=support_staff, shift=cancelled)
    with pytest.raises(NotFound):
        services.shift_cover(actor=support_staff, shift=cancelled, assistant=second_assistant)
    assert Shift.objects.count() == 1
