"""The desk's services (issue 7 point 5): staff of a support centre put items on its desk, make appointments and
mark them done; a PA user (or their named proxy, PA-12) asks their centre for help. Every refusal names all
its fields and writes nothing; the audit trail keeps who acted and, for a proxy, on whose behalf (D-20)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from alongside.assistance.models import CentreItem
from alongside.assistance.oversight import services
from alongside.assistance.tests.test_oversight_desk import (  # noqa: F401 (the far centre's fixtures)
    fixture_far_centre,
    fixture_far_enrolment,
    fixture_far_staff,
    tokyo,
)
from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent

pytestmark = pytest.mark.django_db


def problems(error: DomainError) -> list[tuple[str, str]]:
    return [(p.field, p.code) for p in error.problems]


def events(item: CentreItem):
    return AuditEvent.objects.filter(object_type="assistance.centreitem", object_id=str(item.pk)).order_by("pk")


@pytest.fixture(name="proxy")
def fixture_proxy(enrolment, assistant):
    """高橋 健一 manages for 佐藤 由美, who cannot, and whose family cannot either (PA-12, D-17)."""
    enrolment.proxy, enrolment.user_can_self_manage, enrolment.family_can_manage = assistant, False, False
    enrolment.save()
    return assistant.person.user


# --- staff put items on the desk ---------------------------------------------------------------------------------


def test_a_first_consultation_with_someone_new_takes_about_2_hours_PA_15(support_staff, support_centre):
    item = services.centre_item_create(actor=support_staff, centre=support_centre, kind="consultation",
                                       person_name=" 中村 聡 ", notes="電話で問い合わせ")  # fmt: skip
    assert (item.person_name, item.enrolment, item.status, item.hours) == ("中村 聡", None, "open", Decimal("2.00"))
    [event] = events(item)
    assert (event.actor, event.organisation, event.rule_ids) == (support_staff, support_centre, ["PA-15"])


def test_an_appointment_makes_the_item_scheduled_and_the_household_gives_the_name(
    support_staff, support_centre, other_enrolment
):
    item = services.centre_item_create(
        actor=support_staff, centre=support_centre, kind="training", enrolment=other_enrolment,
        scheduled_at=tokyo(2025, 6, 3, 13), hours="4",
    )  # fmt: skip
    assert (item.person_name, item.status, item.scheduled_at, item.hours) == (
        "田中 誠", "scheduled", tokyo(2025, 6, 3, 13), Decimal("4.00"))  # fmt: skip


def test_every_bad_field_is_named_at_once_and_nothing_is_written(support_staff, support_centre):
    with pytest.raises(DomainError) as refused:
        services.centre_item_create(actor=support_staff, centre=support_centre, kind="dispute", hours="0",
                                    notes="x" * 4001)  # fmt: skip
    assert problems(refused.value) == [("enrolment", "required"), ("person_name", "required"), ("notes", "invalid"),
                                       ("hours", "invalid")]  # fmt: skip
    with pytest.raises(DomainError) as refused:
        services.centre_item_create(actor=support_staff, centre=support_centre, kind="party", person_name="誰か",
                                    hours="24.001")  # fmt: skip
    assert problems(refused.value) == [("kind", "invalid"), ("hours", "invalid")]
    assert not CentreItem.objects.exists()
    assert not AuditEvent.objects.filter(object_type="assistance.centreitem").exists()


def test_a_disagreement_needs_the_household_PA_20(support_staff, support_centre, enrolment):
    item = services.centre_item_create(actor=support_staff, centre=support_centre, kind="dispute", enrolment=enrolment)
    assert (item.person_name, item.kind) == ("佐藤 由美", "dispute")
    assert events(item).get().rule_ids == ["PA-20"]


def test_a_household_of_another_centre_is_refused(support_staff, support_centre, far_enrolment):
    with pytest.raises(DomainError) as refused:
        services.centre_item_create(actor=support_staff, centre=support_centre, kind="other", enrolment=far_enrolment)
    assert problems(refused.value) == [("enrolment", "invalid")]
    assert not CentreItem.objects.exists()


def test_only_the_centres_own_staff_put_items_on_its_desk(support_centre, far_staff, pa_user, city_officer):
    for actor in (far_staff, pa_user, city_officer):
        with pytest.raises(NotFound):
            services.centre_item_create(actor=actor, centre=support_centre, kind="other", person_name="誰か")
    assert not CentreItem.objects.exists()


# --- appointments and done ---------------------------------------------------------------------------------------


@pytest.fixture
def consultation(support_staff, support_centre):
    return services.centre_item_create(actor=support_staff, centre=support_centre, kind="consultation",
                                       person_name="中村 聡")  # fmt: skip


def test_an_appointment_without_a_zone_is_sapporo_time(support_staff, consultation):
    item = services.centre_item_update(actor=support_staff, item=consultation,
                                       changes={"scheduled_at": dt.datetime(2025, 6, 2, 10)})  # fmt: skip
    assert item.scheduled_at == tokyo(2025, 6, 2, 10)


def test_setting_and_clearing_the_appointment_schedules_and_reopens(support_staff, consultation):
    item = services.centre_item_update(actor=support_staff, item=consultation,
                                       changes={"scheduled_at": tokyo(2025, 6, 2, 10), "notes": "自宅で"})  # fmt: skip
    assert (item.status, item.scheduled_at, item.notes, item.hours) == (
        "scheduled", tokyo(2025, 6, 2, 10), "自宅で", Decimal("2.00"))  # fmt: skip
    item = services.centre_item_update(actor=support_staff, item=item, changes={"scheduled_at": None})
    assert (item.status, item.scheduled_at, item.notes) == ("open", None, "自宅で")
    changes = [e.changes for e in events(item)][1:]
    assert changes[0]["status"] == ["open", "scheduled"]
    assert changes[1]["status"] == ["scheduled", "open"]


def test_an_update_refuses_bad_values_and_unknown_fields_and_writes_nothing(support_staff, consultation):
    changes = {"person_name": "", "hours": "abc", "scheduled_at": "next Monday"}
    with pytest.raises(DomainError) as refused:
        services.centre_item_update(actor=support_staff, item=consultation, changes=changes)
    assert problems(refused.value) == [("person_name", "required"), ("hours", "invalid"), ("scheduled_at", "invalid")]
    with pytest.raises(DomainError) as refused:
        services.centre_item_update(actor=support_staff, item=consultation, changes={"kind": "training"})
    assert problems(refused.value) == [("kind", "invalid")]
    consultation.refresh_from_db()
    assert (consultation.person_name, consultation.kind, consultation.status) == ("中村 聡", "consultation", "open")
    assert events(consultation).count() == 1


def test_marking_done_needs_what_was_done_and_then_the_item_is_closed(support_staff, consultation):
    with pytest.raises(DomainError) as refused:
        services.centre_item_done(actor=support_staff, item=consultation, notes="  ")
    assert problems(refused.value) == [("notes", "required")]
    item = services.centre_item_done(actor=support_staff, item=consultation, notes="制度の説明、面接の進め方")
    assert (item.status, item.notes, item.done_at is not None) == ("done", "制度の説明、面接の進め方", True)
    for call in (
        lambda: services.centre_item_done(actor=support_staff, item=item, notes="もう一度"),
        lambda: services.centre_item_update(actor=support_staff, item=item, changes={"notes": "後から"}),
    ):
        with pytest.raises(DomainError) as refused:
            call()
        assert problems(refused.value) == [("status", "already_done")]
    assert events(item).count() == 2


def test_staff_of_another_centre_cannot_change_the_item(far_staff, consultation):
    with pytest.raises(NotFound):
        services.centre_item_update(actor=far_staff, item=consultation, changes={"notes": "?"})
    with pytest.raises(NotFound):
        services.centre_item_done(actor=far_staff, item=consultation, notes="?")


# --- the user asks the centre --------------------------------------------------------------------------------------


def test_the_pa_user_asks_their_centre_and_it_lands_on_its_desk(pa_user, enrolment, support_centre):
    item = services.centre_ask(actor=pa_user, enrolment=enrolment, kind="other", message=" 求人広告の出し方を教えて ")
    assert (item.centre, item.enrolment, item.person_name, item.kind, item.status, item.notes, item.created_by) == (
        support_centre, enrolment, "佐藤 由美", "other", "open", "求人広告の出し方を教えて", pa_user)  # fmt: skip
    [event] = events(item)
    assert (event.actor, event.organisation, event.on_behalf_of) == (pa_user, enrolment.household, "")


def test_the_named_proxy_asks_on_the_users_behalf_PA_12_D_20(proxy, enrolment):
    item = services.centre_ask(actor=proxy, enrolment=enrolment, kind="dispute", message="勤務時間で揉めている")
    [event] = events(item)
    assert (item.created_by, event.actor, event.on_behalf_of, event.rule_ids) == (proxy, proxy, "佐藤 由美", ["PA-20"])


def test_asking_needs_a_message_and_a_plain_kind_and_writes_nothing(pa_user, enrolment):
    with pytest.raises(DomainError) as refused:
        services.centre_ask(actor=pa_user, enrolment=enrolment, kind="training", message=" ")
    assert problems(refused.value) == [("kind", "invalid"), ("message", "required")]
    assert not CentreItem.objects.exists()


def test_a_household_without_a_support_centre_is_told_to_ask_the_city(kinmen_enrolment):
    user = kinmen_enrolment.user_person.user
    with pytest.raises(DomainError) as refused:
        services.centre_ask(actor=user, enrolment=kinmen_enrolment, kind="other", message="請問")
    assert problems(refused.value) == [("centre", "no_centre")]


def test_only_the_user_or_the_named_proxy_asks_for_the_household(enrolment, assistant, support_staff, city_officer,
                                                                  other_enrolment):  # fmt: skip
    # 高橋 健一 is an assistant here but not the proxy; 田中 誠 runs another household.
    for actor in (assistant.person.user, support_staff, city_officer, other_enrolment.user_person.user):
        with pytest.raises(NotFound):
            services.centre_ask(actor=actor, enrolment=enrolment, kind="other", message="?")
    assert not CentreItem.objects.exists()
