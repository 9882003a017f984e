"""The equipment register over JSON (004 ch. 9): thin handlers that reach records through the selectors, call one
service and answer. Only the agency's managers and supervisors reach it; anyone else gets 404."""

from __future__ import annotations

from django.http import HttpRequest, HttpResponse
from django.utils import timezone
from ninja import Router, Status

from alongside.equipment import export, selectors, services
from alongside.equipment.models import Inventory, InventoryCheck, Item, KeeperChange, MaintenanceRecord
from alongside.equipment.schemas import (
    CheckIn,
    CheckOut,
    EquipmentCloseIn,
    InventoryDetailOut,
    InventoryIn,
    InventoryOut,
    ItemDetailOut,
    ItemIn,
    ItemOut,
    ItemUpdateIn,
    KeeperChangeOut,
    KeeperIn,
    MaintenanceIn,
    MaintenanceOut,
    PersonRef,
    RetireIn,
    StatusIn,
)

router = Router(tags=["equipment"])


@router.get("/keepers", response=list[PersonRef], summary="The agency's staff who may keep equipment")
def keeper_list(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    return list(selectors.keepers(actor=request.user, organisation=organisation))


@router.get("/items", response=list[ItemOut], summary="The register; filter by status (or active) and due maintenance")
def item_list(
    request: HttpRequest,
    organisation_id: int | None = None,
    status: str | None = None,
    due: bool = False,
    q: str = "",
):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    found = selectors.item_list(
        actor=request.user,
        organisation=organisation,
        status=status,
        due_on=timezone.localdate() if due else None,
        query=q.strip(),
    )
    return list(found[:1000])


@router.get("/items.csv", summary="The register as CSV (UTF-8 with BOM, formula cells neutralised)")
def item_csv(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    items = selectors.item_list(actor=request.user, organisation=organisation)
    return _csv_response(items, organisation.pk)


@router.post("/items", response={201: ItemOut}, summary="Register an item with its first keeper")
def item_create(request: HttpRequest, payload: ItemIn):
    data = payload.dict()
    organisation = selectors.organisation_for(actor=request.user, organisation_id=data.pop("organisation_id"))
    keeper = selectors.keeper_get(actor=request.user, organisation=organisation, person_id=data.pop("keeper_id"))
    item = services.item_register(actor=request.user, organisation=organisation, keeper=keeper, **data)
    return Status(201, item)


@router.get("/items/{item_id}", response=ItemDetailOut, summary="One item with its keepers and maintenance card")
def item_get(request: HttpRequest, item_id: int):
    return item_detail(selectors.item_get(actor=request.user, item_id=item_id))


@router.patch("/items/{item_id}", response=ItemOut, summary="Correct the item's details")
def item_update(request: HttpRequest, item_id: int, payload: ItemUpdateIn):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version", None)
    return services.item_update(actor=request.user, item=item, expected_version=version, **data)


@router.post("/items/{item_id}/keeper", response={201: KeeperChangeOut}, summary="Hand the item over to a keeper")
def keeper_change(request: HttpRequest, item_id: int, payload: KeeperIn):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    keeper = selectors.keeper_get(actor=request.user, organisation=item.organisation, person_id=payload.keeper_id)
    change = services.keeper_change(
        actor=request.user, item=item, keeper=keeper, changed_on=payload.changed_on, note=payload.note
    )
    return Status(201, change)


@router.post(
    "/items/{item_id}/maintenance",
    response={201: MaintenanceOut},
    summary="Record a maintenance; a regular one sets the next six months later (004 ch. 9)",
)
def maintenance_create(request: HttpRequest, item_id: int, payload: MaintenanceIn):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    return Status(201, services.maintenance_record(actor=request.user, item=item, **payload.dict()))


@router.post("/items/{item_id}/status", response=ItemOut, summary="Mark in use or under repair")
def item_status(request: HttpRequest, item_id: int, payload: StatusIn):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    return services.item_status_set(actor=request.user, item=item, **payload.dict())


@router.post("/items/{item_id}/retire", response=ItemOut, summary="Retire the item, with a reason")
def item_retire(request: HttpRequest, item_id: int, payload: RetireIn):
    item = selectors.item_get(actor=request.user, item_id=item_id)
    return services.item_retire(actor=request.user, item=item, **payload.dict())


@router.get("/inventories", response=list[InventoryOut], summary="The yearly inventories, newest first")
def inventory_list(request: HttpRequest, organisation_id: int | None = None):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=organisation_id)
    return [inventory_out(i) for i in selectors.inventory_list(actor=request.user, organisation=organisation)]


@router.post("/inventories", response={201: InventoryDetailOut}, summary="Start the year's inventory")
def inventory_create(request: HttpRequest, payload: InventoryIn):
    organisation = selectors.organisation_for(actor=request.user, organisation_id=payload.organisation_id)
    inventory = services.inventory_start(
        actor=request.user, organisation=organisation, year=payload.year, note=payload.note
    )
    return Status(201, inventory_detail(inventory))


@router.get("/inventories/{inventory_id}", response=InventoryDetailOut, summary="One inventory with every check")
def inventory_get(request: HttpRequest, inventory_id: int):
    return inventory_detail(selectors.inventory_get(actor=request.user, inventory_id=inventory_id))


@router.post(
    "/inventories/{inventory_id}/checks/{check_id}",
    response=CheckOut,
    summary="Check one item: found, missing or damaged (a note for the last two)",
)
def inventory_check(request: HttpRequest, inventory_id: int, check_id: int, payload: CheckIn):
    inventory = selectors.inventory_get(actor=request.user, inventory_id=inventory_id)
    check = selectors.check_get(actor=request.user, inventory=inventory, check_id=check_id)
    return check_out(services.inventory_check(actor=request.user, check=check, **payload.dict()))


@router.post(
    "/inventories/{inventory_id}/close",
    response=InventoryDetailOut,
    summary="Close the inventory once every item is checked; the summary lists the missing items",
)
def inventory_close(request: HttpRequest, inventory_id: int, payload: EquipmentCloseIn):
    inventory = selectors.inventory_get(actor=request.user, inventory_id=inventory_id)
    return inventory_detail(services.inventory_close(actor=request.user, inventory=inventory, note=payload.note))


# --- shapes ------------------------------------------------------------------------------------------------------


def item_detail(item: Item) -> dict:
    changes = KeeperChange.objects.filter(item=item).select_related("keeper", "previous_keeper")
    return {
        **ItemOut.model_validate(item).model_dump(),
        "keeper_changes": list(changes),
        "maintenance_records": list(MaintenanceRecord.objects.filter(item=item)),
    }


def check_out(check: InventoryCheck) -> dict:
    return {
        "id": check.pk,
        "item_id": check.item_id,
        "item_number": check.item.number,
        "item_name": check.item.name,
        "result": check.result,
        "note": check.note,
        "checked_at": check.checked_at,
    }


def inventory_out(inventory: Inventory) -> dict:
    summary = selectors.inventory_summary(inventory)
    return {
        "id": inventory.pk,
        "organisation_id": inventory.organisation_id,
        "year": inventory.year,
        "started_on": inventory.started_on,
        "closed_at": inventory.closed_at,
        "note": inventory.note,
        "summary": {
            "total": summary.total,
            "found": summary.counts["found"],
            "missing": summary.counts["missing"],
            "damaged": summary.counts["damaged"],
            "pending": summary.pending,
            "missing_items": [f"{i.number} {i.name}" for i in summary.missing],
            "damaged_items": [f"{i.number} {i.name}" for i in summary.damaged],
        },
    }


def inventory_detail(inventory: Inventory) -> dict:
    checks = inventory.checks.select_related("item")
    return {**inventory_out(inventory), "checks": [check_out(ch) for ch in checks]}


def _csv_response(items, organisation_id: int) -> HttpResponse:
    response = HttpResponse(export.register_csv(items), content_type="text/csv; charset=utf-8")
    filename = export.register_filename(organisation_id, timezone.localdate())
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
