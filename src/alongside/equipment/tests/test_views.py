"""The equipment pages (004 ch. 9): 200 for the agency's managers and supervisors, 404 for caregivers and another
agency; the forms save through the services and show their refusals."""

import datetime as dt

import pytest
from django.test import Client
from django.urls import reverse

from alongside.equipment import services
from alongside.equipment.models import Inventory, Item, KeeperChange, MaintenanceRecord

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def page_urls(item) -> list[str]:
    return [
        reverse("equipment:register"),
        reverse("equipment:item_create"),
        reverse("equipment:item", args=[item.pk]),
        reverse("equipment:item_edit", args=[item.pk]),
        reverse("equipment:keeper", args=[item.pk]),
        reverse("equipment:maintenance", args=[item.pk]),
        reverse("equipment:status", args=[item.pk]),
        reverse("equipment:retire", args=[item.pk]),
        reverse("equipment:inventories"),
        reverse("equipment:register_csv"),
    ]


def test_every_page_opens_for_managers_and_supervisors(manager, supervisor, item):
    for user in (manager, supervisor):
        client = signed_in(user)
        for url in page_urls(item):
            assert client.get(url).status_code == 200, url


def test_caregivers_and_another_agency_get_404(caregiver_user, other_manager, item):
    for url in page_urls(item)[2:8]:
        assert signed_in(other_manager).get(url).status_code == 404, url
    for url in page_urls(item):
        assert signed_in(caregiver_user).get(url).status_code == 404, url
    response = signed_in(other_manager).get(reverse("equipment:register"), {"organisation": item.organisation_id})
    assert response.status_code == 404


def test_the_register_lists_items_and_filters_due_ones(manager, item):
    response = signed_in(manager).get(reverse("equipment:register"), {"due": "1"})
    assert "EQ-001" in response.content.decode()  # due 2025-07-10, within 30 days of 2025-06-16


def test_register_an_item_on_the_page(manager, keeper):
    response = signed_in(manager).post(
        reverse("equipment:item_create"),
        {"number": "EQ-100", "name": "碎紙機", "category": "office_machine", "acquired_on": "2025-04-01",
         "cost": "3200", "keeper": keeper.pk, "location": "", "notes": ""},
    )  # fmt: skip
    item = Item.objects.get(number="EQ-100")
    assert response.status_code == 302
    assert response.url == reverse("equipment:item", args=[item.pk])
    assert (item.cost, item.keeper, item.next_maintenance_on) == (3200, keeper, dt.date(2025, 10, 1))


def test_a_refusal_is_shown_on_the_form(manager, item, keeper):
    response = signed_in(manager).post(
        reverse("equipment:item_create"),
        {"number": "EQ-001", "name": "重複", "category": "computer", "acquired_on": "2025-04-01",
         "cost": "0", "keeper": keeper.pk},
    )  # fmt: skip
    assert response.status_code == 422
    assert "Another item already has this number." in response.content.decode()
    assert Item.objects.count() == 1


def test_hand_over_maintain_repair_and_retire_on_the_pages(manager, item, other_keeper):
    client = signed_in(manager)
    response = client.post(
        reverse("equipment:keeper", args=[item.pk]), {"keeper": other_keeper.pk, "changed_on": "2025-06-01"}
    )
    assert response.status_code == 302
    assert KeeperChange.objects.filter(item=item).count() == 2
    response = client.post(
        reverse("equipment:maintenance", args=[item.pk]),
        {"kind": "regular", "done_on": "2025-06-15", "done_by": "李美華", "work": "清潔", "cost": "0"},
    )
    assert response.status_code == 302
    assert MaintenanceRecord.objects.get().next_due_on == dt.date(2025, 12, 15)
    response = client.post(reverse("equipment:status", args=[item.pk]), {"status": "repair", "reason": ""})
    assert response.status_code == 422
    assert "Write what is wrong with the item." in response.content.decode()
    response = client.post(reverse("equipment:retire", args=[item.pk]), {"retired_on": "2025-06-16", "reason": ""})
    assert response.status_code == 422
    response = client.post(
        reverse("equipment:retire", args=[item.pk]), {"retired_on": "2025-06-16", "reason": "老舊報廢"}
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.status == "retired"
    page = client.get(reverse("equipment:item", args=[item.pk])).content.decode()
    assert "老舊報廢" in page
    assert "李美華" in page


def test_the_inventory_on_the_pages(manager, agency, item):
    client = signed_in(manager)
    response = client.post(reverse("equipment:inventories"), {"year": "2025", "organisation": agency.pk})
    inventory = Inventory.objects.get()
    assert response.status_code == 302
    assert response.url == reverse("equipment:inventory", args=[inventory.pk])
    check = inventory.checks.get()
    url = reverse("equipment:inventory_check", args=[inventory.pk, check.pk])
    response = client.post(url, {f"check-{check.pk}-result": "damaged", f"check-{check.pk}-note": ""})
    assert response.status_code == 422
    assert "Write where it was last seen or what is damaged." in response.content.decode()
    response = client.post(reverse("equipment:inventory_close", args=[inventory.pk]), {"note": ""})
    assert response.status_code == 422
    assert "not checked yet" in response.content.decode()
    response = client.post(url, {f"check-{check.pk}-result": "missing", f"check-{check.pk}-note": "找不到"})
    assert response.status_code == 302
    response = client.post(reverse("equipment:inventory_close", args=[inventory.pk]), {"note": "完成"})
    assert response.status_code == 302
    page = client.get(reverse("equipment:inventory", args=[inventory.pk])).content.decode()
    assert "Missing items" in page
    assert "EQ-001" in page


def test_the_inventory_pages_are_not_found_for_another_agency(manager, other_manager, caregiver_user, agency, item):
    inventory = services.inventory_start(actor=manager, organisation=agency, year=2025)
    for user in (other_manager, caregiver_user):
        assert signed_in(user).get(reverse("equipment:inventory", args=[inventory.pk])).status_code == 404
        response = signed_in(user).post(reverse("equipment:inventory_close", args=[inventory.pk]), {})
        assert response.status_code == 404


def test_the_dashboard_page_lists_the_maintenance_due_and_pages_render_in_chinese(agency, keeper):
    from alongside.testing.factories import member

    user = member("supervisor", agency, "supervisor_zh")
    user.language = ""
    user.save()
    services.item_register(
        actor=user,
        organisation=agency,
        number="EQ-900",
        name="除濕機",
        category="appliance",
        acquired_on=dt.date(2024, 11, 1),
        keeper=keeper,
    )
    client = signed_in(user)
    dashboard = client.get(reverse("dashboard")).content.decode()
    assert "EQ-900" in dashboard
    assert reverse("equipment:maintenance", args=[Item.objects.get().pk]) in dashboard
    for url in (reverse("equipment:register"), reverse("equipment:inventories")):
        response = client.get(url)
        assert response.status_code == 200
        assert 'lang="zh-hant"' in response.content.decode().lower()
