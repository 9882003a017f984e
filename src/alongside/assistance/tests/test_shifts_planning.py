"""Planning shifts (D-20): only the user or the named proxy plans; every check runs before anything is written,
and each refusal leaves nothing behind: an assistant in two places, the trainings (PA-15), a car outing in
Sapporo (PA-16), a contract not valid on the date, a month whose claim is sent (PA-14). Two assistants at once
for the user is allowed. Edits carry the version; a stale one is refused."""

import datetime as dt

import pytest

from alongside.assistance.models import Claim, Shift, ShiftSegment, Training
from alongside.assistance.shifts import services
from alongside.assistance.tests.test_shifts_common import jst, make_proxy, plan
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.testing.factories import pa_assistant

pytestmark = pytest.mark.django_db


def refused(**kwargs) -> DomainError:
    with pytest.raises(DomainError) as error:
        plan(**kwargs)
    return error.value


def nothing_written():
    assert Shift.objects.count() == ShiftSegment.objects.count() == 0
    assert not AuditEvent.objects.filter(object_type="assistance.shift").exists()


def test_the_user_plans_a_shift_recorded_as_their_own_decision_D_20(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12), activities=["outing", "social"], note="図書館")
    assert (shift.status, shift.amount, shift.note) == ("planned", 3600, "図書館")
    assert shift.activities == ["outing", "social"]
    assert (shift.planned_by, shift.planned_on_behalf_of, shift.version) == (pa_user, "", 1)
    assert shift.contract == assistant.contracts.get()
    event = AuditEvent.objects.get(object_type="assistance.shift", action="create")
    assert (event.actor, event.on_behalf_of, event.changes["amount"]) == (pa_user, "", [None, 3600])
    assert "D-02" in event.rule_ids


def test_the_named_proxy_plans_on_the_users_behalf_PA_12_D_20(enrolment, assistant, second_assistant):
    proxy_user = make_proxy(enrolment, second_assistant)
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12), actor=proxy_user)
    assert (shift.planned_by, shift.planned_on_behalf_of) == (proxy_user, "佐藤 由美")
    event = AuditEvent.objects.get(object_type="assistance.shift")
    assert (event.actor, event.on_behalf_of) == (proxy_user, "佐藤 由美")


def test_support_staff_cannot_plan_for_the_user_D_20_IL_02(enrolment, assistant, support_staff):
    with pytest.raises(NotFound):
        plan(enrolment, assistant, jst(10, 9), jst(10, 12), actor=support_staff)
    nothing_written()


def test_an_assistant_who_is_not_the_proxy_cannot_plan(enrolment, assistant):
    with pytest.raises(NotFound):
        plan(enrolment, assistant, jst(10, 9), jst(10, 12), actor=assistant.person.user)
    nothing_written()


def test_an_assistant_cannot_be_in_two_places_at_once(enrolment, assistant):
    plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 11), end=jst(10, 13))
    assert [(p.field, p.code) for p in error.problems] == [("start", "assistant_busy")]
    assert "2025-06-10 09:00" in error.problems[0].message
    assert Shift.objects.count() == 1


def test_back_to_back_shifts_of_one_assistant_do_not_overlap(enrolment, assistant):
    plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    plan(enrolment, assistant, jst(10, 12), jst(10, 14))
    assert Shift.objects.count() == 2


def test_the_same_person_busy_in_another_household_is_refused_too(enrolment, assistant, other_enrolment):
    from alongside.assistance.models import Assistant, Contract

    elsewhere = Assistant.objects.create(enrolment=other_enrolment, person=assistant.person, status="contracted",
                                         relation="none", decided_by=other_enrolment.user_person.user)  # fmt: skip
    Contract.objects.create(assistant=elsewhere, valid_from=dt.date(2025, 4, 1), day_rate=1200, night_rate=1500,
                            transport_included=False, signed_on=dt.date(2025, 4, 1),
                            decided_by=other_enrolment.user_person.user)  # fmt: skip
    Training.objects.create(enrolment=other_enrolment, kind="user", hours=4, held_on=dt.date(2025, 3, 1),
                            recorded_by=other_enrolment.user_person.user)  # fmt: skip
    Training.objects.create(enrolment=other_enrolment, assistant=elsewhere, kind="assistant", hours=2,
                            held_on=dt.date(2025, 3, 1), recorded_by=other_enrolment.user_person.user)  # fmt: skip
    plan(other_enrolment, elsewhere, jst(10, 10), jst(10, 11))
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12))
    assert error.problems[0].code == "assistant_busy"


def test_two_assistants_at_once_for_the_user_is_allowed_for_two_person_transfers(
    enrolment, assistant, second_assistant
):
    plan(enrolment, assistant, jst(10, 9), jst(10, 10))
    plan(enrolment, second_assistant, jst(10, 9), jst(10, 10))
    assert Shift.objects.count() == 2


def test_a_cancelled_shift_does_not_block_the_assistant(enrolment, assistant):
    first = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    services.shift_cancel(actor=enrolment.user_person.user, shift=first, reason="予定変更")
    plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    assert Shift.objects.filter(status="planned").count() == 1


def test_the_assistants_training_comes_before_their_first_shift_PA_15(enrolment):
    untrained = pa_assistant(enrolment, "assistant_new", name="山田 花子", trained=False)
    error = refused(enrolment=enrolment, assistant=untrained, start=jst(10, 9), end=jst(10, 12))
    assert [(p.field, p.code) for p in error.problems] == [("training", "assistant_training_missing")]
    assert "山田 花子" in error.problems[0].message
    nothing_written()


def test_the_users_own_training_comes_before_the_first_shift_PA_15(enrolment, assistant):
    Training.objects.filter(enrolment=enrolment, kind="user").delete()
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12))
    assert [p.code for p in error.problems] == ["user_training_missing"]
    assert "Your own training" in error.problems[0].message
    nothing_written()


def test_a_training_held_after_the_shift_date_does_not_count_PA_15(enrolment):
    late = pa_assistant(enrolment, "assistant_late", name="山田 花子", trained=False)
    Training.objects.create(enrolment=enrolment, assistant=late, kind="assistant", hours=2,
                            held_on=dt.date(2025, 6, 20), recorded_by=enrolment.user_person.user)  # fmt: skip
    assert refused(enrolment=enrolment, assistant=late, start=jst(10, 9), end=jst(10, 12)).problems[0].code == (
        "assistant_training_missing"
    )


def test_an_outing_by_car_driven_by_the_assistant_is_refused_in_sapporo_PA_16(enrolment, assistant):
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12),
                    activities=["outing"], by_car=True)  # fmt: skip
    assert [(p.field, p.code) for p in error.problems] == [("by_car", "car_outing_not_allowed")]
    assert "Road Transport Act" in error.problems[0].message
    nothing_written()


def test_an_outing_without_a_car_is_in_scope_IL_06(enrolment, assistant):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12), activities=["outing", "social", "hospital"])
    assert shift.activities == ["outing", "social", "hospital"]


def test_no_shift_outside_the_contracts_dates(enrolment, assistant):
    contract = assistant.contracts.get()
    contract.valid_to = dt.date(2025, 6, 9)
    contract.save()
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12))
    assert [(p.field, p.code) for p in error.problems] == [("assistant", "no_contract_on_date")]
    nothing_written()


def test_a_shift_before_the_contract_starts_is_refused(enrolment, assistant):
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(31, 9, month=3), end=jst(31, 12, month=3))
    assert error.problems[0].code == "no_contract_on_date"


def test_an_assistant_whose_contract_ended_cannot_be_planned(enrolment, assistant):
    assistant.status = "ended"
    assistant.save()
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12))
    assert [(p.field, p.code) for p in error.problems] == [("assistant", "not_contracted")]


def test_another_households_assistant_cannot_be_planned(enrolment, other_enrolment):
    stranger = pa_assistant(other_enrolment, "assistant_stranger", name="他人 太郎")
    error = refused(enrolment=enrolment, assistant=stranger, start=jst(10, 9), end=jst(10, 12))
    assert error.problems[0].field == "assistant"
    nothing_written()


def test_every_form_problem_is_named_at_once(enrolment, assistant):
    error = refused(enrolment=enrolment, assistant=None, start=jst(10, 12), end=jst(10, 9), activities=[],
                    by_car=True)  # fmt: skip
    assert sorted(p.field for p in error.problems) == ["activities", "assistant", "by_car", "end"]


def test_no_shift_in_a_month_whose_claim_is_sent_PA_14(enrolment, assistant):
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), status="submitted")
    error = refused(enrolment=enrolment, assistant=assistant, start=jst(10, 9), end=jst(10, 12))
    assert [p.code for p in error.problems] == ["claim_sent"]
    nothing_written()


def test_a_returned_claim_opens_its_month_again(enrolment, assistant):
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 6, 1), status="returned")
    assert plan(enrolment, assistant, jst(10, 9), jst(10, 12)).pk


def test_the_check_step_prices_without_writing_D_01_D_02(enrolment, assistant, pa_user):
    quote = services.shift_check(actor=pa_user, enrolment=enrolment, assistant=assistant, start=jst(10, 20),
                                 end=jst(10, 23), activities=["personal_care"])  # fmt: skip
    assert quote.total == 3900
    nothing_written()


# --- edit and cancel -------------------------------------------------------------------------------------------------


def test_the_user_moves_a_planned_shift_and_it_is_priced_again(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    services.shift_update(actor=pa_user, shift=shift, expected_version=1, start=jst(10, 20), end=jst(10, 23))
    shift.refresh_from_db()
    assert (shift.amount, shift.version, shift.segments.count()) == (3900, 2, 2)
    event = AuditEvent.objects.get(object_type="assistance.shift", action="update")
    assert event.changes["amount"] == [3600, 3900]


def test_a_stale_version_is_refused_someone_changed_this_shift(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    services.shift_update(actor=pa_user, shift=shift, expected_version=1, note="first edit")
    with pytest.raises(DomainError) as error:
        services.shift_update(actor=pa_user, shift=shift, expected_version=1, note="second edit")
    assert [(p.field, p.code) for p in error.value.problems] == [("version", "stale_version")]
    shift.refresh_from_db()
    assert (shift.note, shift.version) == ("first edit", 2)


def test_moving_a_shift_onto_another_of_the_same_assistant_is_refused(enrolment, assistant, pa_user):
    plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    later = plan(enrolment, assistant, jst(10, 13), jst(10, 15))
    with pytest.raises(DomainError) as error:
        services.shift_update(actor=pa_user, shift=later, expected_version=1, start=jst(10, 11))
    assert error.value.problems[0].code == "assistant_busy"
    later.refresh_from_db()
    assert later.planned_start == jst(10, 13)


def test_cancel_needs_a_reason_and_keeps_it(enrolment, assistant, pa_user):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    with pytest.raises(DomainError) as error:
        services.shift_cancel(actor=pa_user, shift=shift, reason=" ")
    assert error.value.problems[0].field == "reason"
    services.shift_cancel(actor=pa_user, shift=shift, reason="介助者が体調不良", expected_version=1)
    shift.refresh_from_db()
    assert (shift.status, shift.cancelled_reason, shift.version) == ("cancelled", "介助者が体調不良", 2)
    event = AuditEvent.objects.get(object_type="assistance.shift", action="update")
    assert event.reason == "介助者が体調不良"


def test_the_proxy_cancels_on_the_users_behalf(enrolment, assistant, second_assistant):
    proxy_user = make_proxy(enrolment, second_assistant)
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    services.shift_cancel(actor=proxy_user, shift=shift, reason="通院")
    event = AuditEvent.objects.get(object_type="assistance.shift", action="update")
    assert (event.actor, event.on_behalf_of) == (proxy_user, "佐藤 由美")


def test_support_staff_cannot_cancel_or_change_a_shift(enrolment, assistant, support_staff):
    shift = plan(enrolment, assistant, jst(10, 9), jst(10, 12))
    with pytest.raises(NotFound):
        services.shift_cancel(actor=support_staff, shift=shift, reason="x")
    with pytest.raises(NotFound):
        services.shift_update(actor=support_staff, shift=shift, expected_version=1, note="x")
    shift.refresh_from_db()
    assert (shift.status, shift.version) == ("planned", 1)


def test_a_time_without_a_zone_is_the_households_own_clock(enrolment, assistant):
    shift = plan(enrolment, assistant, dt.datetime(2025, 6, 10, 20), dt.datetime(2025, 6, 10, 23))
    assert (shift.planned_start, shift.planned_end, shift.amount) == (jst(10, 20), jst(10, 23), 3900)


def test_the_trainings_rule_is_sapporos_a_kinmen_user_needs_none_PA_15(kinmen_enrolment, kinmen_assistant):
    from alongside.assistance.tests.test_shifts_common import tst

    Training.objects.filter(enrolment=kinmen_enrolment).delete()
    assert plan(kinmen_enrolment, kinmen_assistant, tst(10, 9), tst(10, 11)).amount == 420
