"""The equipment register's use cases (004 ch. 9 辦公室設備管理規則): register with a keeper, hand over with the
history kept, maintenance every six months (三(三) 每半年定期維護一次), repair and retire with a reason, and the
yearly inventory (三(一) 每年由管理者進行設備盤點). Every refusal names the fields and writes nothing."""

import datetime as dt

import pytest

from alongside.core.errors import DomainError, NotFound
from alongside.core.models import AuditEvent
from alongside.equipment import services
from alongside.equipment.models import Inventory, InventoryCheck, Item, KeeperChange, MaintenanceRecord
from alongside.equipment.tests.conftest import make_item
from alongside.testing.factories import PersonFactory

pytestmark = pytest.mark.django_db


def fields(error: DomainError) -> set[str]:
    return {p.field for p in error.problems}


# --- items ----------------------------------------------------------------------------------------------------


def test_registering_sets_the_first_keeper_and_the_first_maintenance_six_months_after_acquisition(
    manager, agency, keeper
):
    item = make_item(manager, agency, keeper, acquired_on=dt.date(2024, 8, 31))
    assert (item.status, item.cost, item.keeper, item.next_maintenance_on) == (
        "in_use",
        12500,
        keeper,
        dt.date(2025, 2, 28),  # six months later, the month's last day
    )
    [change] = KeeperChange.objects.filter(item=item)
    assert (change.previous_keeper, change.keeper, change.changed_on) == (None, keeper, dt.date(2024, 8, 31))
    event = AuditEvent.objects.get(object_type="equipment.item", object_id=str(item.pk))
    assert event.changes["number"] == [None, "EQ-001"]


def test_registering_refuses_every_bad_field_and_writes_nothing(manager, agency, other_agency):
    stranger = PersonFactory(organisation=other_agency, kind="staff")
    with pytest.raises(DomainError) as refused:
        services.item_register(
            actor=manager,
            organisation=agency,
            number=" ",
            name="",
            category="spaceship",
            acquired_on=dt.date(2025, 7, 1),
            cost=-5,
            keeper=stranger,
        )
    assert fields(refused.value) == {"number", "name", "category", "acquired_on", "cost", "keeper"}
    assert not Item.objects.exists()
    assert not AuditEvent.objects.exists()


def test_a_client_cannot_keep_equipment(manager, agency):
    client = PersonFactory(organisation=agency, kind="client")
    with pytest.raises(DomainError) as refused:
        make_item(manager, agency, client)
    assert fields(refused.value) == {"keeper"}


def test_the_property_number_is_unique_in_the_agency(manager, agency, keeper, item):
    with pytest.raises(DomainError) as refused:
        make_item(manager, agency, keeper, number="eq-001")
    assert fields(refused.value) == {"number"}
    assert Item.objects.count() == 1


def test_caregivers_and_other_agencies_do_not_find_the_register(caregiver_user, other_manager, agency, keeper, item):
    for actor in (caregiver_user, other_manager):
        with pytest.raises(NotFound):
            make_item(actor, agency, keeper, number="EQ-002")
        with pytest.raises(NotFound):
            services.item_retire(actor=actor, item=item, retired_on=dt.date(2025, 6, 1), reason="lost")
    assert Item.objects.count() == 1


def test_supervisors_keep_the_register_too(supervisor, agency, keeper):
    assert make_item(supervisor, agency, keeper).pk


def test_correcting_the_acquisition_moves_the_first_due_date(manager, item):
    item = services.item_update(actor=manager, item=item, acquired_on=dt.date(2025, 2, 1), cost=13000)
    assert (item.acquired_on, item.cost, item.next_maintenance_on, item.version) == (
        dt.date(2025, 2, 1),
        13000,
        dt.date(2025, 8, 1),
        2,
    )
    assert KeeperChange.objects.get(item=item).changed_on == dt.date(2025, 2, 1)


def test_a_stale_version_is_refused(manager, item):
    with pytest.raises(DomainError) as refused:
        services.item_update(actor=manager, item=item, name="新名稱", expected_version=7)
    assert fields(refused.value) == {"version"}
    assert Item.objects.get().name == "雷射印表機"


# --- keepers --------------------------------------------------------------------------------------------------


def test_handing_over_keeps_the_history(manager, item, keeper, other_keeper):
    change = services.keeper_change(
        actor=manager, item=item, keeper=other_keeper, changed_on=dt.date(2025, 5, 2), note="職務調整"
    )
    item.refresh_from_db()
    assert item.keeper == other_keeper
    assert (change.previous_keeper, change.keeper, change.note) == (keeper, other_keeper, "職務調整")
    assert [c.keeper for c in KeeperChange.objects.filter(item=item)] == [other_keeper, keeper]
    assert AuditEvent.objects.filter(object_id=str(item.pk), reason="職務調整").exists()


def test_handing_over_refuses_the_same_keeper_and_a_day_before_the_last_hand_over(manager, item, keeper):
    with pytest.raises(DomainError) as refused:
        services.keeper_change(actor=manager, item=item, keeper=keeper, changed_on=dt.date(2024, 12, 31))
    assert fields(refused.value) == {"keeper", "changed_on"}
    assert KeeperChange.objects.count() == 1


# --- maintenance ----------------------------------------------------------------------------------------------


def test_a_regular_maintenance_sets_the_next_six_months_later(manager, item):
    record = services.maintenance_record(
        actor=manager,
        item=item,
        kind="regular",
        done_on=dt.date(2025, 6, 10),
        done_by="王小明",
        work="清潔滾輪、更換碳粉",
        cost=1800,
    )
    item.refresh_from_db()
    assert (record.next_due_on, item.next_maintenance_on, item.last_maintained_on) == (
        dt.date(2025, 12, 10),
        dt.date(2025, 12, 10),
        dt.date(2025, 6, 10),
    )
    assert AuditEvent.objects.filter(object_type="equipment.maintenancerecord").count() == 1


def test_an_unscheduled_repair_is_recorded_but_leaves_the_cycle_alone(manager, item):
    record = services.maintenance_record(
        actor=manager, item=item, kind="unscheduled", done_on=dt.date(2025, 3, 3), done_by="維修廠商", work="卡紙"
    )
    item.refresh_from_db()
    assert (record.next_due_on, item.next_maintenance_on, item.last_maintained_on) == (
        dt.date(2025, 7, 10),
        dt.date(2025, 7, 10),
        None,
    )


def test_a_maintenance_without_who_or_what_is_refused(manager, item):
    with pytest.raises(DomainError) as refused:
        services.maintenance_record(
            actor=manager, item=item, kind="weekly", done_on=dt.date(2024, 1, 1), done_by="", work=" ", cost=-1
        )
    assert fields(refused.value) == {"kind", "done_on", "done_by", "work", "cost"}
    assert not MaintenanceRecord.objects.exists()


# --- repair and retiring --------------------------------------------------------------------------------------


def test_repair_needs_what_is_wrong_and_back_in_use_does_not(manager, item):
    with pytest.raises(DomainError) as refused:
        services.item_status_set(actor=manager, item=item, status="repair")
    assert fields(refused.value) == {"reason"}
    item = services.item_status_set(actor=manager, item=item, status="repair", reason="無法開機")
    assert item.status == "repair"
    assert services.item_status_set(actor=manager, item=item, status="in_use").status == "in_use"


def test_retiring_needs_a_reason_and_then_the_item_is_frozen(manager, item, other_keeper):
    with pytest.raises(DomainError) as refused:
        services.item_retire(actor=manager, item=item, retired_on=dt.date(2025, 6, 1), reason="  ")
    assert fields(refused.value) == {"reason"}
    assert Item.objects.get().status == "in_use"
    item = services.item_retire(actor=manager, item=item, retired_on=dt.date(2025, 6, 1), reason="故障無法修復，報廢")
    assert (item.status, item.retired_reason) == ("retired", "故障無法修復，報廢")
    assert AuditEvent.objects.filter(object_id=str(item.pk), reason="故障無法修復，報廢").exists()
    with pytest.raises(DomainError) as refused:
        services.keeper_change(actor=manager, item=item, keeper=other_keeper, changed_on=dt.date(2025, 6, 2))
    assert fields(refused.value) == {"status"}
    with pytest.raises(DomainError):
        services.maintenance_record(
            actor=manager, item=item, kind="regular", done_on=dt.date(2025, 6, 2), done_by="x", work="y"
        )


# --- the yearly inventory -------------------------------------------------------------------------------------


@pytest.fixture
def three_items(manager, agency, keeper, item):
    second = make_item(manager, agency, keeper, number="EQ-002", name="筆記型電腦", category="computer")
    third = make_item(manager, agency, keeper, number="EQ-003", name="電話機", category="communication")
    retired = make_item(manager, agency, keeper, number="EQ-004", name="舊傳真機")
    services.item_retire(actor=manager, item=retired, retired_on=dt.date(2025, 2, 1), reason="報廢")
    return [item, second, third]


def test_an_inventory_counts_every_item_not_retired_and_closes_with_a_summary(manager, agency, three_items):
    inventory = services.inventory_start(actor=manager, organisation=agency, year=2025)
    checks = {c.item.number: c for c in InventoryCheck.objects.filter(inventory=inventory)}
    assert sorted(checks) == ["EQ-001", "EQ-002", "EQ-003"]
    with pytest.raises(DomainError) as refused:
        services.inventory_close(actor=manager, inventory=inventory)
    assert "3 items are not checked yet" in str(refused.value)
    services.inventory_check(actor=manager, check=checks["EQ-001"], result="found")
    services.inventory_check(actor=manager, check=checks["EQ-002"], result="missing", note="借出未歸還")
    services.inventory_check(actor=manager, check=checks["EQ-003"], result="damaged", note="聽筒破裂")
    inventory = services.inventory_close(actor=manager, inventory=inventory, note="年度盤點完成")
    assert inventory.is_closed
    from alongside.equipment.selectors import inventory_summary

    summary = inventory_summary(inventory)
    assert (summary.total, summary.counts["found"], summary.counts["missing"], summary.counts["damaged"]) == (
        3,
        1,
        1,
        1,
    )
    assert [i.number for i in summary.missing] == ["EQ-002"]
    event = AuditEvent.objects.filter(object_type="equipment.inventory").latest("pk")
    assert event.changes["results"][1]["missing"] == 1
    with pytest.raises(DomainError):
        services.inventory_check(actor=manager, check=checks["EQ-001"], result="missing", note="x")


def test_missing_or_damaged_needs_a_note(manager, agency, three_items):
    inventory = services.inventory_start(actor=manager, organisation=agency, year=2025)
    check = inventory.checks.first()
    with pytest.raises(DomainError) as refused:
        services.inventory_check(actor=manager, check=check, result="missing")
    assert fields(refused.value) == {"note"}
    with pytest.raises(DomainError) as refused:
        services.inventory_check(actor=manager, check=check, result="pending")
    assert fields(refused.value) == {"result"}
    assert InventoryCheck.objects.get(pk=check.pk).result == "pending"


def test_one_inventory_a_year_one_open_at_a_time_never_in_the_future(manager, agency, three_items):
    services.inventory_start(actor=manager, organisation=agency, year=2024)
    for year in (2024, 2025, 2026):
        with pytest.raises(DomainError) as refused:
            services.inventory_start(actor=manager, organisation=agency, year=year)
        assert fields(refused.value) == {"year"}
    assert Inventory.objects.count() == 1


def test_no_inventory_without_items(manager, agency):
    with pytest.raises(DomainError) as refused:
        services.inventory_start(actor=manager, organisation=agency, year=2025)
    assert "no items" in str(refused.value)
