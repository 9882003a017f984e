"""Hiring services (issue 7; seeds 001, 002): the user recruits, interviews and hires their own assistants (D-20),
the relatives check (D-04, PA-08), contracts within the pay caps (D-01, PA-10), the mandatory trainings (PA-15)
and the expenses that are not shifts (PA-16). Every refusal writes nothing; a proxy's decisions are recorded as
made on the user's behalf (PA-12)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from alongside.assistance.hiring import services
from alongside.assistance.models import Assistant, Claim, Contract, Expense, Shift, Training
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.people.models import Person
from alongside.testing.factories import member, pa_assistant

pytestmark = pytest.mark.django_db

USER_NAME = "佐藤 由美"
RELATIVE_RULES = {"D-04", "PA-08"}


@pytest.fixture
def proxy(enrolment, assistant):
    """高橋 健一 manages for the user, who cannot self-manage and has no family to do it (PA-12, D-17)."""
    enrolment.proxy = assistant
    enrolment.user_can_self_manage = False
    enrolment.family_can_manage = False
    enrolment.save()
    return assistant.person.user


def candidate(actor, enrolment, *, relation="none", name="山田 花子", **more) -> Assistant:
    return services.assistant_create(actor=actor, enrolment=enrolment, name=name, sex="female", relation=relation,
                                     **more)  # fmt: skip


def contract_values(**more) -> dict:
    return {
        "valid_from": dt.date(2025, 6, 1), "day_rate": 1200, "night_rate": 1500, "transport_included": False,
        "signed_on": dt.date(2025, 5, 20), "duties": ["personal_care", "outing"],
    } | more  # fmt: skip


def problems(error: pytest.ExceptionInfo) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in error.value.problems]


def counts() -> tuple[int, ...]:
    return (Person.objects.count(), Assistant.objects.count(), Contract.objects.count(), Training.objects.count(),
            Expense.objects.count(), AuditEvent.objects.count())  # fmt: skip


# --- the relatives check (D-04, PA-08) ------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("relation", "degree", "kind"),
    [
        ("spouse", None, "spouse"),
        ("common_law_spouse", None, "spouse"),
        ("former_spouse", None, "spouse"),
        ("parent", 1, "blood"),
        ("sibling", 2, "blood"),
        ("uncle_aunt", 3, "blood"),
        ("spouse_nephew_niece", 3, "affinity"),
    ],
)
def test_a_spouse_or_a_relative_within_the_third_degree_is_kept_but_may_not_be_paid_D_04_PA_08(
    pa_user, enrolment, relation, degree, kind
):
    assert services.relatives_check(relation=relation) | {"rule_ids": []} == {
        "allowed": False, "degree": degree, "kind": kind, "rule_ids": [],
    }  # fmt: skip
    found = candidate(pa_user, enrolment, relation=relation)
    found.refresh_from_db()
    assert (found.status, found.relation, found.relation_allowed) == ("candidate", relation, False)
    assert RELATIVE_RULES <= set(found.rule_ids)


@pytest.mark.parametrize(
    ("relation", "degree", "kind"),
    [("cousin", 4, "blood"), ("spouse_sibling_spouse", None, "none"), ("friend", None, "none"), ("none", None, "none")],
)
def test_a_cousin_4th_degree_or_a_spouses_siblings_spouse_may_be_paid_D_04(pa_user, enrolment, relation, degree, kind):
    answer = services.relatives_check(relation=relation)
    assert (answer["allowed"], answer["degree"], answer["kind"]) == (True, degree, kind)
    assert RELATIVE_RULES <= set(answer["rule_ids"])
    found = candidate(pa_user, enrolment, relation=relation)
    assert found.relation_allowed is True
    assert RELATIVE_RULES <= set(found.rule_ids)


def test_the_relatives_check_writes_nothing(pa_user, enrolment):
    before = counts()
    services.relatives_check(relation="parent")
    assert counts() == before


def test_an_unknown_relation_is_refused_and_nothing_is_written(pa_user, enrolment):
    before = counts()
    with pytest.raises(DomainError) as error:
        candidate(pa_user, enrolment, relation="neighbour")
    assert problems(error) == [("relation", "invalid")]
    assert counts() == before


def test_a_taiwanese_county_has_no_relatives_rule_so_a_parent_is_allowed_D_05_is_the_homecare_plans(
    kinmen_enrolment,
):
    user = kinmen_enrolment.user_person.user
    found = candidate(user, kinmen_enrolment, relation="parent", name="陳 美華")
    assert (found.relation_allowed, found.rule_ids) == (True, [])


# --- candidates ------------------------------------------------------------------------------------------------


def test_a_new_candidate_is_a_staff_person_of_the_household_with_an_assistant_row_and_two_audit_events(
    pa_user, enrolment, household
):
    found = candidate(pa_user, enrolment, name=" 山田 花子 ", name_phonetic="やまだ はなこ",
                      birth_date=dt.date(1998, 7, 7), phone="090-1234-5678",
                      recruitment_notes="求人広告（フリーペーパー）を見て応募")  # fmt: skip
    person = found.person
    assert (person.organisation, person.kind, person.name, person.name_phonetic, person.sex, person.phone_mobile) == (
        household, "staff", "山田 花子", "やまだ はなこ", "female", "090-1234-5678",
    )  # fmt: skip
    assert (found.status, found.recruitment_notes, found.decided_by, found.on_behalf_of) == (
        "candidate", "求人広告（フリーペーパー）を見て応募", pa_user, "",
    )  # fmt: skip
    events = AuditEvent.objects.filter(actor=pa_user, action="create").order_by("id")
    assert [e.object_type for e in events] == ["people.person", "assistance.assistant"]
    assert RELATIVE_RULES <= set(events[1].rule_ids)


def test_a_candidate_without_a_name_and_with_a_bad_sex_is_refused_naming_both(pa_user, enrolment):
    before = counts()
    with pytest.raises(DomainError) as error:
        services.assistant_create(actor=pa_user, enrolment=enrolment, name=" ", sex="x", relation="none",
                                  birth_date=dt.date(2999, 1, 1))  # fmt: skip
    assert problems(error) == [("name", "required"), ("sex", "invalid"), ("birth_date", "in_future")]
    assert counts() == before


def test_the_proxys_candidate_is_recorded_on_the_users_behalf_PA_12_D_20(proxy, enrolment):
    found = candidate(proxy, enrolment)
    assert (found.decided_by, found.on_behalf_of) == (proxy, USER_NAME)
    assert set(AuditEvent.objects.filter(actor=proxy).values_list("on_behalf_of", flat=True)) == {USER_NAME}


@pytest.mark.parametrize("who", ["support_staff", "second_assistant", "city_officer"])
def test_only_the_user_or_the_proxy_hires_D_20(request, enrolment, who):
    actor = request.getfixturevalue(who)
    actor = actor.person.user if isinstance(actor, Assistant) else actor
    before = counts()
    with pytest.raises(NotFound):
        candidate(actor, enrolment)
    assert counts() == before


def test_the_user_of_another_household_cannot_hire_here(other_enrolment, enrolment):
    with pytest.raises(NotFound):
        candidate(other_enrolment.user_person.user, enrolment)


# --- interview, not hired, insurance, proxy receipt, end --------------------------------------------------------


def test_the_interview_makes_a_candidate_interviewed(pa_user, enrolment):
    found = services.assistant_interview(actor=pa_user, assistant=candidate(pa_user, enrolment),
                                         interviewed_on=dt.date(2025, 5, 10), notes="土日の夜も可")  # fmt: skip
    found.refresh_from_db()
    assert (found.status, found.interviewed_on, found.interview_notes) == ("interviewed", dt.date(2025, 5, 10),
                                                                           "土日の夜も可")  # fmt: skip


def test_an_interview_in_the_future_is_refused(pa_user, enrolment):
    found = candidate(pa_user, enrolment)
    with pytest.raises(DomainError) as error:
        services.assistant_interview(actor=pa_user, assistant=found, interviewed_on=dt.date(2999, 1, 1))
    assert problems(error) == [("interviewed_on", "in_future")]
    found.refresh_from_db()
    assert found.status == "candidate"


def test_not_hired_then_an_assistant_under_contract_cannot_be_not_hired(pa_user, enrolment, assistant):
    found = services.assistant_not_hired(
        actor=pa_user, assistant=candidate(pa_user, enrolment), reason="時間が合わない"
    )
    assert found.status == "not_hired"
    assert AuditEvent.objects.filter(object_id=str(found.pk), reason="時間が合わない").exists()
    with pytest.raises(DomainError) as error:
        services.assistant_not_hired(actor=pa_user, assistant=assistant)
    assert problems(error) == [("status", "wrong_status")]


def test_the_citys_insurance_date_is_noted_PA_20(pa_user, enrolment):
    found = services.assistant_insurance_note(actor=pa_user, assistant=candidate(pa_user, enrolment),
                                              insured_on=dt.date(2025, 6, 1))  # fmt: skip
    found.refresh_from_db()
    assert found.insured_on == dt.date(2025, 6, 1)
    event = AuditEvent.objects.filter(object_type="assistance.assistant", object_id=str(found.pk)).first()
    assert (event.changes["insured_on"], event.rule_ids) == ([None, "2025-06-01"], ["PA-20"])


def test_proxy_receipt_by_the_proxy_is_on_the_users_behalf_PA_05(proxy, enrolment, second_assistant):
    found = services.assistant_proxy_receipt_set(actor=proxy, assistant=second_assistant, paid_directly=True)
    found.refresh_from_db()
    assert (found.paid_directly, found.decided_by, found.on_behalf_of) == (True, proxy, USER_NAME)


def test_a_relative_cannot_be_paid_directly_either_PA_08(pa_user, enrolment):
    found = candidate(pa_user, enrolment, relation="child")
    with pytest.raises(DomainError) as error:
        services.assistant_proxy_receipt_set(actor=pa_user, assistant=found, paid_directly=True)
    assert problems(error) == [("assistant", "relative_not_allowed")]


def test_ending_the_contract_ends_it_on_the_last_day(pa_user, assistant):
    found = services.assistant_end(actor=pa_user, assistant=assistant, ended_on=dt.date(2025, 9, 30), reason="転居")
    found.refresh_from_db()
    assert (found.status, found.ended_on) == ("ended", dt.date(2025, 9, 30))
    assert list(found.contracts.values_list("valid_to", flat=True)) == [dt.date(2025, 9, 30)]


def test_a_candidate_has_no_contract_to_end(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        services.assistant_end(actor=pa_user, assistant=candidate(pa_user, enrolment), ended_on=dt.date(2025, 9, 30))
    assert problems(error) == [("status", "wrong_status")]


def test_the_end_cannot_come_before_the_contract_starts(pa_user, assistant):
    with pytest.raises(DomainError) as error:
        services.assistant_end(actor=pa_user, assistant=assistant, ended_on=dt.date(2025, 3, 31))
    assert problems(error) == [("ended_on", "invalid")]


def test_the_end_is_refused_while_planned_shifts_come_after_it(pa_user, enrolment, assistant):
    tokyo = dt.timezone(dt.timedelta(hours=9))
    Shift.objects.create(enrolment=enrolment, assistant=assistant, contract=assistant.contracts.get(),
                         planned_start=dt.datetime(2025, 10, 1, 0, 30, tzinfo=tokyo),
                         planned_end=dt.datetime(2025, 10, 1, 3, 0, tzinfo=tokyo), planned_by=pa_user)  # fmt: skip
    with pytest.raises(DomainError) as error:
        services.assistant_end(actor=pa_user, assistant=assistant, ended_on=dt.date(2025, 9, 30))
    assert problems(error) == [("ended_on", "shifts_after_end")]
    assistant.refresh_from_db()
    assert (assistant.status, assistant.ended_on) == ("contracted", None)


# --- contracts (D-01) ---------------------------------------------------------------------------------------


def test_a_contract_within_the_caps_makes_the_assistant_contracted_D_01(pa_user, enrolment):
    found = candidate(pa_user, enrolment)
    contract = services.contract_create(actor=pa_user, assistant=found, **contract_values(duties_note="通院の付き添い"))
    contract.refresh_from_db()
    found.refresh_from_db()
    assert (contract.day_rate, contract.night_rate, contract.transport_included, contract.duties) == (
        1200, 1500, False, ["personal_care", "outing"],
    )  # fmt: skip
    assert {"D-01", "PA-10"} <= set(contract.rule_ids)
    assert (contract.decided_by, contract.on_behalf_of) == (pa_user, "")
    assert found.status == "contracted"
    assert AuditEvent.objects.filter(object_type="assistance.contract", object_id=str(contract.pk)).exists()


def test_with_transport_included_1300_and_1600_are_allowed_D_01(pa_user, enrolment):
    values = contract_values(day_rate=1300, night_rate=1600, transport_included=True)
    contract = services.contract_create(actor=pa_user, assistant=candidate(pa_user, enrolment), **values)
    assert (contract.day_rate, contract.night_rate) == (1300, 1600)


@pytest.mark.parametrize(
    ("day", "night", "transport", "field", "message"),
    [
        (1201, 1500, False, "day_rate",
         "At most 1,200 yen an hour in the day (05:00–22:00) when transport is not included."),
        (1200, 1501, False, "night_rate",
         "At most 1,500 yen an hour at night (22:00–05:00) when transport is not included."),
        (1301, 1600, True, "day_rate",
         "At most 1,300 yen an hour in the day (05:00–22:00) when transport is included."),
        (1300, 1601, True, "night_rate",
         "At most 1,600 yen an hour at night (22:00–05:00) when transport is included."),
    ],
)  # fmt: skip
def test_pay_above_the_cap_of_a_band_is_refused_naming_the_cap_and_nothing_is_written_D_01_PA_10(
    pa_user, enrolment, day, night, transport, field, message
):
    found = candidate(pa_user, enrolment)
    values = contract_values(day_rate=day, night_rate=night, transport_included=transport)
    before = counts()
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=found, **values)
    assert [(p.field, p.code, p.message) for p in error.value.problems] == [(field, "above_cap", message)]
    assert counts() == before
    found.refresh_from_db()
    assert found.status == "candidate"


def test_both_bands_above_the_caps_are_named_together(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=candidate(pa_user, enrolment),
                                 **contract_values(day_rate=1300, night_rate=1600))  # fmt: skip
    assert problems(error) == [("day_rate", "above_cap"), ("night_rate", "above_cap")]


def test_a_relative_can_never_get_a_contract_D_04_PA_08(pa_user, enrolment):
    found = candidate(pa_user, enrolment, relation="sibling")
    before = counts()
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=found, **contract_values())
    assert problems(error) == [("assistant", "relative_not_allowed")]
    assert "third degree" in error.value.problems[0].message
    assert counts() == before


def test_a_contract_before_the_program_started_is_refused_on_its_first_day_D_19(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=candidate(pa_user, enrolment),
                                 **contract_values(valid_from=dt.date(2009, 4, 1)))  # fmt: skip
    assert [field for field, _code in problems(error)] == ["valid_from"]


def test_a_contract_names_every_bad_field_at_once(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=candidate(pa_user, enrolment), **contract_values(
            valid_to=dt.date(2025, 5, 1), day_rate=0, duties=[], signed_on=dt.date(2999, 1, 1)
        ))  # fmt: skip
    assert problems(error) == [
        ("signed_on", "in_future"), ("day_rate", "invalid"), ("duties", "required"), ("valid_to", "invalid"),
    ]  # fmt: skip


def test_a_new_contract_ends_the_running_one_the_day_before(pa_user, assistant):
    old = assistant.contracts.get()
    new = services.contract_create(actor=pa_user, assistant=assistant, **contract_values(day_rate=1150))
    old.refresh_from_db()
    assert (old.valid_to, new.valid_from, new.valid_to) == (dt.date(2025, 5, 31), dt.date(2025, 6, 1), None)


def test_a_new_contract_cannot_start_on_or_before_an_existing_one(pa_user, assistant):
    with pytest.raises(DomainError) as error:
        services.contract_create(actor=pa_user, assistant=assistant, **contract_values(valid_from=dt.date(2025, 4, 1)))
    assert problems(error) == [("valid_from", "overlaps_contract")]


def test_the_proxys_contract_is_made_on_the_users_behalf(proxy, enrolment):
    contract = services.contract_create(actor=proxy, assistant=candidate(proxy, enrolment), **contract_values())
    assert (contract.decided_by, contract.on_behalf_of) == (proxy, USER_NAME)
    event = AuditEvent.objects.get(object_type="assistance.contract", object_id=str(contract.pk))
    assert event.on_behalf_of == USER_NAME


def test_support_staff_cannot_make_a_contract_D_20(support_staff, enrolment, pa_user):
    found = candidate(pa_user, enrolment)
    with pytest.raises(NotFound):
        services.contract_create(actor=support_staff, assistant=found, **contract_values())


def test_a_taiwanese_county_contract_has_no_band_caps_to_check_T_2(kinmen_enrolment):
    user = kinmen_enrolment.user_person.user
    found = candidate(user, kinmen_enrolment, name="王 小明")
    contract = services.contract_create(actor=user, assistant=found,
                                        **contract_values(day_rate=210, night_rate=210))  # fmt: skip
    assert (contract.day_rate, contract.rule_ids) == (210, [])


# --- trainings (PA-15) -------------------------------------------------------------------------------------------


def test_a_trained_user_and_assistant_miss_no_training_PA_15(enrolment, assistant):
    assert services.training_missing(enrolment, assistant) == []


def test_a_new_assistant_misses_their_own_training(pa_user, enrolment):
    assert services.training_missing(enrolment, candidate(pa_user, enrolment)) == ["assistant"]


def test_a_household_without_the_users_training_misses_both(other_enrolment):
    user = other_enrolment.user_person.user
    found = candidate(user, other_enrolment, name="木村 一郎")
    assert services.training_missing(other_enrolment, found) == ["user", "assistant"]
    assert services.training_missing(other_enrolment, None) == ["user"]


def test_only_trainings_held_by_the_day_count(enrolment, assistant):
    # The user's training was on 2025-03-20, the assistant's on 2025-04-01.
    assert services.training_missing(enrolment, assistant, on=dt.date(2025, 3, 31)) == ["assistant"]
    assert services.training_missing(enrolment, assistant, on=dt.date(2025, 3, 19)) == ["user", "assistant"]


def test_a_taiwanese_county_requires_no_training(kinmen_enrolment):
    assert services.training_missing(kinmen_enrolment, None) == []


def test_the_support_centres_staff_record_an_assistants_training_about_2_hours(support_staff, pa_user, enrolment):
    found = candidate(pa_user, enrolment)
    training = services.training_record(actor=support_staff, enrolment=enrolment, kind="assistant",
                                        assistant=found, held_on=dt.date(2025, 5, 15), hours="2",
                                        given_by="札幌PAサポートセンター")  # fmt: skip
    assert (training.recorded_by, training.hours, training.assistant) == (support_staff, Decimal("2.00"), found)
    assert services.training_missing(enrolment, found) == []
    event = AuditEvent.objects.get(object_type="assistance.training", object_id=str(training.pk))
    assert (event.actor, event.on_behalf_of, event.rule_ids) == (support_staff, "", ["PA-15"])


def test_the_proxy_records_a_training_on_the_users_behalf(proxy, enrolment):
    training = services.training_record(actor=proxy, enrolment=enrolment, kind="user", held_on=dt.date(2025, 5, 1),
                                        hours=Decimal("4.5"))  # fmt: skip
    assert AuditEvent.objects.get(object_type="assistance.training", object_id=str(training.pk)).on_behalf_of == (
        USER_NAME
    )


def test_a_training_names_every_bad_field(pa_user, enrolment, other_enrolment):
    stranger = pa_assistant(other_enrolment, "assistant_kimura", name="木村 一郎")
    before = counts()
    with pytest.raises(DomainError) as error:
        services.training_record(actor=pa_user, enrolment=enrolment, kind="assistant", assistant=stranger,
                                 held_on=dt.date(2999, 1, 1), hours="0")  # fmt: skip
    assert problems(error) == [("assistant", "invalid"), ("held_on", "in_future"), ("hours", "invalid")]
    with pytest.raises(DomainError) as error:
        services.training_record(actor=pa_user, enrolment=enrolment, kind="assistant", held_on=dt.date(2025, 5, 1),
                                 hours="2")  # fmt: skip
    assert problems(error) == [("assistant", "required")]
    assert counts() == before


def test_a_plain_assistant_or_another_centre_cannot_record_a_training(enrolment, second_assistant, city_officer):
    for actor in (second_assistant.person.user, city_officer):
        with pytest.raises(NotFound):
            services.training_record(actor=actor, enrolment=enrolment, kind="user", held_on=dt.date(2025, 5, 1),
                                     hours="4")  # fmt: skip


# --- expenses (PA-16) ----------------------------------------------------------------------------------------------


def expense(actor, enrolment, **more) -> Expense:
    values = {"month": dt.date(2025, 5, 17), "kind": "job_ad", "spent_on": dt.date(2025, 4, 25), "amount": 8800,
              "description": "求人広告（フリーペーパー）", "receipt": "R-0425"} | more  # fmt: skip
    return services.expense_create(actor=actor, enrolment=enrolment, **values)


def test_a_job_advertisement_is_a_pa_expense_of_the_month_PA_16(pa_user, enrolment):
    found = expense(pa_user, enrolment)
    found.refresh_from_db()
    assert (found.month, found.kind, found.amount, found.decided_by) == (dt.date(2025, 5, 1), "job_ad", 8800, pa_user)
    event = AuditEvent.objects.get(object_type="assistance.expense", object_id=str(found.pk))
    assert event.rule_ids == ["PA-16"]


def test_the_proxys_expense_is_on_the_users_behalf(proxy, enrolment):
    assert expense(proxy, enrolment).on_behalf_of == USER_NAME


def test_the_proxy_fee_is_not_entered_by_hand_D_17(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        expense(pa_user, enrolment, kind="proxy_fee")
    assert problems(error) == [("kind", "proxy_fee_computed")]


@pytest.mark.parametrize("status", ["submitted", "forwarded", "paid"])
def test_an_expense_in_a_month_whose_claim_is_sent_is_refused_and_nothing_is_written(pa_user, enrolment, status):
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 5, 1), status=status)
    before = counts()
    with pytest.raises(DomainError) as error:
        expense(pa_user, enrolment)
    assert problems(error) == [("month", "claim_sent")]
    assert counts() == before


@pytest.mark.parametrize("status", ["draft", "returned"])
def test_an_expense_in_a_month_whose_claim_is_open_is_added(pa_user, enrolment, status):
    Claim.objects.create(enrolment=enrolment, month=dt.date(2025, 5, 1), status=status)
    assert expense(pa_user, enrolment).pk


def test_an_expense_names_every_bad_field(pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        expense(pa_user, enrolment, amount=0, spent_on=dt.date(2025, 6, 2), description=" ")
    assert problems(error) == [("spent_on", "after_month"), ("amount", "invalid"), ("description", "required")]
    assert not Expense.objects.exists()


def test_support_staff_cannot_add_an_expense(support_staff, enrolment):
    with pytest.raises(NotFound):
        expense(support_staff, enrolment)


def test_a_member_with_no_pa_role_finds_nothing(enrolment, household):
    viewer = member("client_viewer", household, "family_sato")
    with pytest.raises(NotFound):
        expense(viewer, enrolment)
