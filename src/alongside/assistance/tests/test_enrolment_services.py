"""The PA user's settings and monthly application (issue 7, enrolment): the budget is the rules engine's answer
(PA-03, PA-04, 002's worked example), a proxy manages only when neither the user nor the family can (PA-12,
D-17), the carry-over notice is filed in advance (D-03), only the user or the proxy decides (D-20, IL-02), and
the support centre forwards or returns with a reason while the city approves (PA-13)."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.assistance import choices as c
from alongside.assistance.enrolment import months, services
from alongside.assistance.models import Application, PaEnrolment
from alongside.core.errors import DomainError, NotFound, NotPermitted
from alongside.core.models import AuditEvent
from alongside.rules import parameters
from alongside.rules.tests.test_jp_sapporo_pa import store_with_dates
from alongside.testing.factories import OrganisationFactory, member, pa_assistant

pytestmark = pytest.mark.django_db

JUNE = dt.date(2025, 6, 1)


# --- shared with the API and page tests ----------------------------------------------------------------


@pytest.fixture
def today(monkeypatch):
    """The household's today, fixed (months.local_today is read by services, selectors and pages)."""

    def set_to(day: dt.date) -> None:
        monkeypatch.setattr(months, "local_today", lambda enrolment: day)

    set_to(dt.date(2025, 5, 1))
    return set_to


@pytest.fixture
def proxy_rule_on(tmp_path, monkeypatch):
    """PA-12 has no known start date (`from: null`): the city enters one. Here: from April 2025."""
    store = store_with_dates(tmp_path, proxy_fee=dt.date(2025, 4, 1))
    monkeypatch.setattr(parameters, "default_store", lambda: store)


@pytest.fixture
def proxied(enrolment, assistant):
    """Neither 佐藤 由美 nor her family can manage: 高橋 健一 manages on her behalf (PA-12)."""
    PaEnrolment.objects.filter(pk=enrolment.pk).update(user_can_self_manage=False, family_can_manage=False,
                                                       proxy=assistant)  # fmt: skip
    enrolment.refresh_from_db()
    return assistant.person.user


def save(actor, enrolment, month=JUNE, **values) -> Application:
    values = {"approved_hours": Decimal(330), "transfer_hours": Decimal(200), **values}
    return services.application_save(actor=actor, enrolment=enrolment, month=month, **values)


@pytest.fixture
def draft(enrolment, pa_user, today) -> Application:
    return save(pa_user, enrolment)


@pytest.fixture
def submitted(draft, pa_user) -> Application:
    return services.application_submit(actor=pa_user, application=draft)


def settings(actor, enrolment, **values) -> PaEnrolment:
    values = {"income_tier": "general_2", "user_can_self_manage": True, "family_can_manage": False, **values}
    return services.settings_update(actor=actor, enrolment=enrolment, **values)


def problems(error) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in error.value.problems]


# --- the budget: 002's worked example -------------------------------------------------------------------


def test_budget_of_002_example_330h_200h_is_480000_yen_with_130h_left_PA_03_PA_04(draft, pa_user):
    draft.refresh_from_db()
    assert (draft.budget, draft.max_transfer_hours, draft.remaining_heavy_care_hours) == (
        480000, Decimal(329), Decimal(130))  # fmt: skip
    assert {"PA-03", "PA-04"} <= set(draft.rule_ids)
    assert (draft.status, draft.decided_by, draft.on_behalf_of) == (c.ApplicationStatus.DRAFT, pa_user, "")
    event = AuditEvent.objects.get(object_type="assistance.application", object_id=str(draft.pk))
    assert (event.action, event.changes["budget"], event.on_behalf_of) == ("create", [None, 480000], "")
    assert "PA-03" in event.rule_ids


def test_preview_of_002_example_buys_400h_at_1200_yen_530h_in_all_and_writes_nothing_PA_03(
    enrolment, pa_user, assistant, second_assistant, today
):
    found = services.application_preview(actor=pa_user, enrolment=enrolment, month=JUNE,
                                         approved_hours=Decimal(330), transfer_hours=Decimal(200))  # fmt: skip
    assert (found["budget"], found["remaining_heavy_care_hours"]) == (480000, Decimal(130))
    rows = {r["name"]: (r["day_rate"], r["hours_at_rate"], r["total_hours"]) for r in found["by_assistant"]}
    assert rows == {"高橋 健一": (1200, Decimal(400), Decimal(530)),
                    "鈴木 直美": (1300, Decimal("369.2"), Decimal("499.2"))}  # fmt: skip
    assert not Application.objects.exists()


def test_transfer_above_approved_minus_1_is_refused_on_transfer_hours_and_nothing_is_written_PA_04(
    enrolment, pa_user, today
):
    with pytest.raises(DomainError) as error:
        save(pa_user, enrolment, transfer_hours=Decimal(330))
    assert problems(error) == [("transfer_hours", "transfer_above_maximum")]
    assert "At most 329 hours" in error.value.problems[0].message
    assert not Application.objects.exists()
    assert not AuditEvent.objects.filter(object_type="assistance.application").exists()


def test_the_most_that_can_move_is_329_of_330_hours_789600_yen_PA_04(enrolment, pa_user, today):
    application = save(pa_user, enrolment, transfer_hours=Decimal(329))
    assert application.budget == 789600


def test_a_refused_change_leaves_the_draft_as_it_was(draft, pa_user, enrolment):
    with pytest.raises(DomainError):
        save(pa_user, enrolment, approved_hours=Decimal(100), transfer_hours=Decimal(150), usage_plan="changed")
    draft.refresh_from_db()
    assert (draft.approved_hours, draft.transfer_hours, draft.budget, draft.usage_plan) == (
        Decimal(330), Decimal(200), 480000, "")  # fmt: skip


def test_every_bad_field_is_named_at_once(enrolment, pa_user, today):
    with pytest.raises(DomainError) as error:
        save(pa_user, enrolment, month=dt.date(2025, 1, 1), approved_hours=Decimal(0), welfare_copay=-1)
    assert set(problems(error)) == {("month", "invalid"), ("approved_hours", "required"), ("welfare_copay", "invalid")}


def test_the_welfare_copay_usage_plan_and_refund_application_are_kept_D_16(enrolment, pa_user, today):
    application = save(pa_user, enrolment, usage_plan="朝晩の身体介護、土曜の外出", refund_applied=True,
                       welfare_copay=12000)  # fmt: skip
    application.refresh_from_db()
    assert (application.usage_plan, application.refund_applied, application.welfare_copay) == (
        "朝晩の身体介護、土曜の外出", True, 12000)  # fmt: skip


# --- D-03: the carry-over notice is filed in advance -----------------------------------------------------


def test_carry_over_notice_before_the_month_begins_is_kept_D_03(enrolment, pa_user, today):
    today(dt.date(2025, 5, 31))
    assert save(pa_user, enrolment, carry_over_notified=True).carry_over_notified is True


def test_carry_over_notice_after_the_month_began_is_refused_and_nothing_is_written_D_03(draft, pa_user, enrolment,
                                                                                          today):  # fmt: skip
    today(dt.date(2025, 6, 1))
    with pytest.raises(DomainError) as error:
        save(pa_user, enrolment, carry_over_notified=True, usage_plan="late")
    assert problems(error) == [("carry_over_notified", "notice_too_late")]
    draft.refresh_from_db()
    assert (draft.carry_over_notified, draft.usage_plan) == (False, "")


def test_a_notice_given_in_time_stays_when_the_draft_changes_later_D_03(enrolment, pa_user, today):
    save(pa_user, enrolment, carry_over_notified=True)
    today(dt.date(2025, 6, 3))
    assert save(pa_user, enrolment, carry_over_notified=True, usage_plan="more outings").carry_over_notified


# --- submission, D-20: only the user or the proxy decides -------------------------------------------------


def test_the_user_submits_and_the_deadline_is_the_10th_of_may_moved_to_monday_12th_PA_13_D_15(
    submitted, pa_user, enrolment
):
    from alongside.assistance.enrolment import selectors

    assert (submitted.status, submitted.decided_by, submitted.on_behalf_of) == ("submitted", pa_user, "")
    assert submitted.submitted_at is not None
    assert selectors.deadline(enrolment, JUNE)["apply_by"] == dt.date(2025, 5, 12)


def test_the_proxys_submission_records_on_behalf_of_in_the_row_and_the_audit_event_PA_12_D_20(
    enrolment, proxied, today
):
    application = save(proxied, enrolment)
    sent = services.application_submit(actor=proxied, application=application)
    sent.refresh_from_db()
    assert (sent.status, sent.decided_by, sent.on_behalf_of) == ("submitted", proxied, "佐藤 由美")
    events = AuditEvent.objects.filter(object_type="assistance.application", object_id=str(sent.pk)).order_by("pk")
    assert [(e.actor, e.on_behalf_of) for e in events] == [(proxied, "佐藤 由美"), (proxied, "佐藤 由美")]
    assert events.last().reason == "Sent to the support centre."


def test_support_staff_cannot_save_or_submit_for_the_user_D_20(draft, enrolment, support_staff, city_officer):
    for actor in (support_staff, city_officer):
        with pytest.raises(NotFound):
            services.application_submit(actor=actor, application=draft)
        with pytest.raises(NotFound):
            save(actor, enrolment, transfer_hours=Decimal(100))
    draft.refresh_from_db()
    assert (draft.status, draft.transfer_hours) == ("draft", Decimal(200))


def test_an_assistant_who_is_not_the_proxy_cannot_decide(draft, assistant):
    with pytest.raises(NotFound):
        services.application_submit(actor=assistant.person.user, application=draft)


def test_a_sent_application_cannot_be_changed(submitted, pa_user, enrolment):
    with pytest.raises(DomainError) as error:
        save(pa_user, enrolment, transfer_hours=Decimal(100))
    assert problems(error) == [("status", "not_editable")]
    with pytest.raises(DomainError):
        services.application_submit(actor=pa_user, application=submitted)


def test_nothing_moved_cannot_be_sent_PA_03(enrolment, pa_user, today):
    application = save(pa_user, enrolment, transfer_hours=Decimal(0))
    with pytest.raises(DomainError) as error:
        services.application_submit(actor=pa_user, application=application)
    assert problems(error) == [("transfer_hours", "required")]


# --- the support centre and the city -------------------------------------------------------------------


def test_return_needs_a_reason_and_writes_nothing_without_one(submitted, support_staff):
    with pytest.raises(DomainError) as error:
        services.application_return(actor=support_staff, application=submitted, reason="  ")
    assert problems(error) == [("reason", "reason_required")]
    submitted.refresh_from_db()
    assert submitted.status == "submitted"


def test_returned_the_user_corrects_and_sends_again(submitted, support_staff, pa_user, enrolment):
    reason = "利用計画を書いてください"
    returned = services.application_return(actor=support_staff, application=submitted, reason=reason)
    assert (returned.status, returned.reviewed_by, returned.review_note) == ("returned", support_staff, reason)
    event = AuditEvent.objects.filter(object_id=str(returned.pk)).latest("pk")
    assert (event.actor, event.reason, event.changes["status"]) == (support_staff, reason, ["submitted", "returned"])
    save(pa_user, enrolment, usage_plan="朝晩の身体介護")
    again = services.application_submit(actor=pa_user, application=returned)
    assert (again.status, again.usage_plan) == ("submitted", "朝晩の身体介護")


def test_the_centre_forwards_and_the_city_approves_PA_13(submitted, support_staff, city_officer):
    forwarded = services.application_forward(actor=support_staff, application=submitted, note="確認済み")
    assert (forwarded.status, forwarded.review_note, forwarded.reviewed_by) == ("forwarded", "確認済み", support_staff)
    approved = services.application_approve(actor=city_officer, application=forwarded)
    assert (approved.status, approved.reviewed_by) == ("approved", city_officer)
    # The user's decision stays theirs (D-20): reviewing never changes who decided.
    assert approved.decided_by == submitted.decided_by


def test_review_steps_follow_the_order_of_the_statuses(draft, submitted, support_staff, city_officer):
    with pytest.raises(DomainError) as error:
        services.application_approve(actor=city_officer, application=submitted)
    assert problems(error) == [("status", "wrong_status")]


def test_the_user_cannot_forward_and_the_centre_cannot_approve(submitted, pa_user, support_staff):
    with pytest.raises(NotPermitted):
        services.application_forward(actor=pa_user, application=submitted)
    with pytest.raises(NotPermitted):
        services.application_approve(actor=support_staff, application=submitted)


def test_another_centres_staff_does_not_find_the_application(submitted):
    other_centre = OrganisationFactory(name="別のセンター", kind="support_centre", jurisdiction="jp.sapporo")
    stranger = member("support_staff", other_centre, "support_other")
    with pytest.raises(NotFound):
        services.application_forward(actor=stranger, application=submitted)


# --- settings: income tier, who manages (PA-12, D-17), the plan (IL-05) -----------------------------------


def test_the_user_changes_the_income_tier_and_the_audit_says_who(enrolment, pa_user, today):
    settings(pa_user, enrolment, income_tier="general_1")
    enrolment.refresh_from_db()
    assert enrolment.income_tier == "general_1"
    event = AuditEvent.objects.get(object_type="assistance.paenrolment")
    assert (event.actor, event.changes, event.on_behalf_of) == (pa_user, {"income_tier": ["general_2", "general_1"]},
                                                                "")  # fmt: skip


def test_only_the_four_tiers_of_the_program_are_allowed(enrolment, pa_user, today):
    with pytest.raises(DomainError) as error:
        settings(pa_user, enrolment, income_tier="mid_low")
    assert problems(error) == [("income_tier", "invalid")]


def test_a_proxy_is_refused_while_the_user_can_self_manage_PA_12_D_17(enrolment, pa_user, assistant, proxy_rule_on,
                                                                       today):  # fmt: skip
    with pytest.raises(DomainError) as error:
        settings(pa_user, enrolment, user_can_self_manage=True, proxy=assistant)
    assert problems(error) == [("proxy", "proxy_not_allowed")]
    assert "cannot manage your assistance yourself" in error.value.problems[0].message
    enrolment.refresh_from_db()
    assert enrolment.proxy is None


def test_a_proxy_is_refused_while_the_family_can_manage_PA_12_D_17(enrolment, pa_user, assistant, proxy_rule_on,
                                                                    today):  # fmt: skip
    with pytest.raises(DomainError) as error:
        settings(pa_user, enrolment, user_can_self_manage=False, family_can_manage=True, proxy=assistant)
    assert problems(error) == [("proxy", "proxy_not_allowed")]
    assert "family cannot manage it either" in error.value.problems[0].message


def test_a_contracted_assistant_may_manage_when_neither_user_nor_family_can_PA_12_D_17(
    enrolment, pa_user, assistant, proxy_rule_on, today
):
    settings(pa_user, enrolment, user_can_self_manage=False, family_can_manage=False, proxy=assistant)
    enrolment.refresh_from_db()
    assert enrolment.proxy == assistant
    assert "PA-12" in AuditEvent.objects.get(object_type="assistance.paenrolment").rule_ids
    # From now on the assistant decides on her behalf (access.acting_for).
    from alongside.assistance import access

    assert access.acting_for(assistant.person.user, enrolment).on_behalf_of == "佐藤 由美"


def test_a_proxy_may_be_named_before_the_city_dates_the_fee_PA_12_D_17(enrolment, pa_user, assistant, today):
    """The fee (D-17) has no known start date, so it stays off; management by proxy itself is the program's (002)."""
    settings(pa_user, enrolment, user_can_self_manage=False, family_can_manage=False, proxy=assistant)
    enrolment.refresh_from_db()
    assert enrolment.proxy == assistant


def test_the_proxy_must_be_an_assistant_under_contract(enrolment, pa_user, other_enrolment, proxy_rule_on, today):
    stranger = pa_assistant(other_enrolment, "assistant_other")
    with pytest.raises(DomainError) as error:
        settings(pa_user, enrolment, user_can_self_manage=False, proxy=stranger)
    assert problems(error) == [("proxy", "invalid")]


def test_the_proxy_records_changes_on_behalf_of_the_user(enrolment, proxied, today, proxy_rule_on):
    settings(proxied, enrolment, income_tier="general_1", user_can_self_manage=False, proxy=enrolment.proxy)
    event = AuditEvent.objects.get(object_type="assistance.paenrolment")
    assert (event.actor, event.on_behalf_of) == (proxied, "佐藤 由美")


def test_support_staff_and_city_read_settings_but_cannot_change_them_IL_02(enrolment, support_staff, city_officer):
    for actor in (support_staff, city_officer):
        with pytest.raises(NotFound):
            settings(actor, enrolment, income_tier="general_1")
    enrolment.refresh_from_db()
    assert enrolment.income_tier == "general_2"


def test_a_taiwanese_plan_needs_its_date_and_cannot_be_dated_ahead_IL_05(kinmen_enrolment, today):
    user = kinmen_enrolment.user_person.user
    values = {"income_tier": "general", "user_can_self_manage": True, "family_can_manage": False}
    with pytest.raises(DomainError) as error:
        settings(user, kinmen_enrolment, **values, independent_living_plan="自行採買", independent_living_plan_on=None)
    assert problems(error) == [("independent_living_plan_on", "required")]
    with pytest.raises(DomainError) as error:
        settings(user, kinmen_enrolment, **values, independent_living_plan="自行採買",
                 independent_living_plan_on=dt.date(2025, 5, 2))  # fmt: skip
    assert problems(error) == [("independent_living_plan_on", "invalid")]
    settings(user, kinmen_enrolment, **values, independent_living_plan="每週參加自立生活課程",
             independent_living_plan_on=dt.date(2025, 4, 20))  # fmt: skip
    kinmen_enrolment.refresh_from_db()
    assert (kinmen_enrolment.independent_living_plan, kinmen_enrolment.independent_living_plan_on) == (
        "每週參加自立生活課程", dt.date(2025, 4, 20))  # fmt: skip


# --- a Taiwanese county (tw.pa) ------------------------------------------------------------------------


def test_a_kinmen_application_is_the_countys_hours_at_its_rate_with_nothing_moved_T_2(kinmen_enrolment, today):
    user = kinmen_enrolment.user_person.user
    application = save(user, kinmen_enrolment, approved_hours=Decimal(40), transfer_hours=Decimal(200),
                       carry_over_notified=True)  # fmt: skip
    assert (application.budget, application.transfer_hours, application.carry_over_notified) == (8400, 0, False)
    assert "T-2" in application.rule_ids
    from alongside.assistance.enrolment import selectors

    assert selectors.deadline(kinmen_enrolment, JUNE) is None


def test_without_an_independent_living_plan_a_kinmen_application_cannot_be_sent_IL_05(kinmen_enrolment, today):
    PaEnrolment.objects.filter(pk=kinmen_enrolment.pk).update(independent_living_plan_on=None,
                                                              independent_living_plan="")  # fmt: skip
    kinmen_enrolment.refresh_from_db()
    user = kinmen_enrolment.user_person.user
    application = save(user, kinmen_enrolment, approved_hours=Decimal(40))
    assert application.budget == 0
    with pytest.raises(DomainError) as error:
        services.application_submit(actor=user, application=application)
    assert problems(error) == [("eligible", "no_independent_living_plan")]
