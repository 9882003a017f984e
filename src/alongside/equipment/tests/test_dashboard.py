"""Equipment on the dashboard (004 ch. 9 三(三) 每半年定期維護一次): items due within 30 days or overdue, and an open
inventory, for the agency's managers and supervisors only."""

import datetime as dt

import pytest

from alongside.equipment import dashboard, services
from alongside.equipment.tests.conftest import TODAY, make_item

pytestmark = pytest.mark.django_db


def test_overdue_and_due_soon_items_for_managers_and_supervisors(manager, supervisor, agency, keeper):
    make_item(manager, agency, keeper, number="EQ-001", acquired_on=dt.date(2024, 11, 1))  # due 2025-05-01: overdue
    make_item(manager, agency, keeper, number="EQ-002", acquired_on=dt.date(2025, 1, 10))  # due 2025-07-10: soon
    make_item(manager, agency, keeper, number="EQ-003", acquired_on=dt.date(2025, 3, 1))  # due 2025-09-01: later
    retired = make_item(manager, agency, keeper, number="EQ-004", acquired_on=dt.date(2024, 1, 1))
    services.item_retire(actor=manager, item=retired, retired_on=dt.date(2025, 1, 1), reason="報廢")
    for actor in (manager, supervisor):
        found = dashboard.items(actor=actor, today=TODAY)
        assert [(i.kind, i.due_on, i.overdue) for i in found] == [
            ("equipment_maintenance_due", dt.date(2025, 5, 1), True),
            ("equipment_maintenance_due", dt.date(2025, 7, 10), False),
        ]
        assert "EQ-001" in found[0].title
        assert found[0].url.endswith("/maintenance/")


def test_nothing_for_caregivers_or_another_agency(caregiver_user, other_manager, manager, agency, keeper):
    make_item(manager, agency, keeper, acquired_on=dt.date(2024, 11, 1))
    assert dashboard.items(actor=caregiver_user, today=TODAY) == []
    assert dashboard.items(actor=other_manager, today=TODAY) == []


def test_an_open_inventory_is_on_the_dashboard(manager, agency, item):
    services.inventory_start(actor=manager, organisation=agency, year=2025)
    [open_one] = [i for i in dashboard.items(actor=manager, today=TODAY) if i.kind == "equipment_inventory_open"]
    assert "1 item to check" in open_one.title


def test_more_than_ten_due_items_are_summed_up(manager, agency, keeper):
    for n in range(12):
        make_item(manager, agency, keeper, number=f"EQ-{n:03}", acquired_on=dt.date(2024, 10, 1))
    found = dashboard.items(actor=manager, today=TODAY)
    assert len(found) == 11
    assert found[-1].kind == "equipment_maintenance_due_more"
    assert "2 more items" in found[-1].title
