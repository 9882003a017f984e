"""The equipment API (004 ch. 9): managers and supervisors of the agency only; caregivers and another agency get
404; refusals are 422 problems naming the field."""

import pytest
from django.test import Client

from alongside.equipment.models import Inventory, Item
from alongside.equipment.tests.conftest import make_item

API = "/api/v1/equipment"
JSON = "application/json"

pytestmark = pytest.mark.django_db


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def test_register_hand_over_and_maintain_over_the_api(manager, keeper, other_keeper):
    api = signed_in(manager)
    response = api.post(
        f"{API}/items",
        {"number": "EQ-010", "name": "投影機", "category": "office_machine", "acquired_on": "2025-01-31",
         "cost": 21000, "keeper_id": keeper.pk},
        content_type=JSON,
    )  # fmt: skip
    assert response.status_code == 201
    body = response.json()
    assert (body["keeper"]["name"], body["next_maintenance_on"], body["cost"]) == ("王小明", "2025-07-31", 21000)
    item_id = body["id"]
    response = api.post(
        f"{API}/items/{item_id}/keeper", {"keeper_id": other_keeper.pk, "changed_on": "2025-03-01"}, content_type=JSON
    )
    assert response.status_code == 201
    response = api.post(
        f"{API}/items/{item_id}/maintenance",
        {"done_on": "2025-06-01", "done_by": "李美華", "work": "清潔濾網", "cost": 0},
        content_type=JSON,
    )
    assert (response.status_code, response.json()["next_due_on"]) == (201, "2025-12-01")
    detail = api.get(f"{API}/items/{item_id}").json()
    assert [c["keeper"]["name"] for c in detail["keeper_changes"]] == ["李美華", "王小明"]
    assert len(detail["maintenance_records"]) == 1
    response = api.patch(f"{API}/items/{item_id}", {"location": "會議室", "version": 3}, content_type=JSON)
    assert (response.status_code, response.json()["location"]) == (200, "會議室")


def test_a_refusal_is_a_422_problem_naming_the_fields(manager, keeper):
    response = signed_in(manager).post(
        f"{API}/items",
        {"number": "", "name": "x", "category": "x", "acquired_on": "2025-01-01", "keeper_id": 999999},
        content_type=JSON,
    )
    assert response.status_code == 422
    assert {p["field"] for p in response.json()["errors"]} >= {"number", "category", "keeper"}
    assert not Item.objects.exists()


def test_retiring_without_a_reason_is_refused(manager, item):
    api = signed_in(manager)
    response = api.post(f"{API}/items/{item.pk}/retire", {"retired_on": "2025-06-01", "reason": ""}, content_type=JSON)
    assert response.status_code == 422
    response = api.post(
        f"{API}/items/{item.pk}/retire", {"retired_on": "2025-06-01", "reason": "遺失"}, content_type=JSON
    )
    assert (response.status_code, response.json()["status"]) == (200, "retired")


def test_caregivers_and_another_agency_get_404(caregiver_user, other_manager, item, keeper):
    for user in (caregiver_user, other_manager):
        api = signed_in(user)
        assert api.get(f"{API}/items/{item.pk}").status_code == 404
        assert api.post(f"{API}/items/{item.pk}/status", {"status": "repair", "reason": "x"},
                        content_type=JSON).status_code == 404  # fmt: skip
        assert api.get(f"{API}/keepers?organisation_id={item.organisation_id}").status_code == 404
        assert api.get(f"{API}/items.csv?organisation_id={item.organisation_id}").status_code == 404
    # The other agency's manager sees their own (empty) register, never this one.
    assert signed_in(other_manager).get(f"{API}/items").json() == []
    assert signed_in(caregiver_user).get(f"{API}/items").status_code == 404


def test_the_inventory_over_the_api(manager, agency, keeper, item):
    make_item(manager, agency, keeper, number="EQ-002", name="筆電")
    api = signed_in(manager)
    response = api.post(f"{API}/inventories", {"year": 2025}, content_type=JSON)
    assert response.status_code == 201
    inventory = response.json()
    assert inventory["summary"]["pending"] == 2
    first, second = inventory["checks"]
    url = f"{API}/inventories/{inventory['id']}"
    assert api.post(f"{url}/checks/{first['id']}", {"result": "found"}, content_type=JSON).status_code == 200
    assert api.post(f"{url}/checks/{second['id']}", {"result": "missing"}, content_type=JSON).status_code == 422
    assert api.post(f"{url}/close", {}, content_type=JSON).status_code == 422
    api.post(f"{url}/checks/{second['id']}", {"result": "missing", "note": "找不到"}, content_type=JSON)
    closed = api.post(f"{url}/close", {}, content_type=JSON).json()
    assert closed["closed_at"] is not None
    assert closed["summary"] | {"missing_items": closed["summary"]["missing_items"]} == {
        "total": 2, "found": 1, "missing": 1, "damaged": 0, "pending": 0,
        "missing_items": ["EQ-002 筆電"], "damaged_items": [],
    }  # fmt: skip
    assert [i["year"] for i in api.get(f"{API}/inventories").json()] == [2025]
    assert Inventory.objects.get().is_closed


def test_the_csv_download_over_the_api(manager, item):
    response = signed_in(manager).get(f"{API}/items.csv")
    assert response.status_code == 200
    assert response.content.startswith("\ufeff".encode())
