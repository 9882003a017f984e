"""API shapes of the equipment register. The services check the values and name every bad field."""

import datetime as dt

from ninja import Schema
from pydantic import Field


class ItemIn(Schema):
    organisation_id: int | None = Field(None, description="Needed only by someone who keeps several agencies")
    number: str = Field(..., description="The property number (財產編號), unique in the agency")
    name: str
    category: str = Field(..., description="computer, office_machine, communication, appliance, furniture, ...")
    location: str = ""
    acquired_on: dt.date
    cost: int = Field(0, description="Whole NT dollars")
    keeper_id: int = Field(..., description="A staff person of the agency")
    notes: str = ""


class ItemUpdateIn(Schema):
    number: str | None = None
    name: str | None = None
    category: str | None = None
    location: str | None = None
    acquired_on: dt.date | None = None
    cost: int | None = None
    notes: str | None = None
    version: int | None = Field(None, description="The item's version you started from (optional)")


class KeeperIn(Schema):
    keeper_id: int
    changed_on: dt.date
    note: str = ""


class MaintenanceIn(Schema):
    kind: str = Field("regular", description="regular (every six months) or unscheduled")
    done_on: dt.date
    done_by: str
    work: str
    cost: int = 0


class StatusIn(Schema):
    status: str = Field(..., description="in_use or repair")
    reason: str = ""


class RetireIn(Schema):
    retired_on: dt.date
    reason: str


class PersonRef(Schema):
    id: int
    name: str


class ItemOut(Schema):
    id: int
    organisation_id: int
    number: str
    name: str
    category: str
    location: str
    acquired_on: dt.date
    cost: int
    keeper: PersonRef
    status: str
    last_maintained_on: dt.date | None
    next_maintenance_on: dt.date | None
    notes: str
    retired_on: dt.date | None
    retired_reason: str
    version: int


class KeeperChangeOut(Schema):
    id: int
    previous_keeper: PersonRef | None
    keeper: PersonRef
    changed_on: dt.date
    note: str


class MaintenanceOut(Schema):
    id: int
    kind: str
    done_on: dt.date
    done_by: str
    work: str
    cost: int
    next_due_on: dt.date | None


class ItemDetailOut(ItemOut):
    keeper_changes: list[KeeperChangeOut]
    maintenance_records: list[MaintenanceOut]


class InventoryIn(Schema):
    organisation_id: int | None = None
    year: int
    note: str = ""


class CheckIn(Schema):
    result: str = Field(..., description="found, missing or damaged")
    note: str = Field("", description="Required when missing or damaged")


class EquipmentCloseIn(Schema):
    note: str = ""


class CheckOut(Schema):
    id: int
    item_id: int
    item_number: str
    item_name: str
    result: str
    note: str
    checked_at: dt.datetime | None


class SummaryOut(Schema):
    total: int
    found: int
    missing: int
    damaged: int
    pending: int
    missing_items: list[str] = Field(..., description="Property number and name of each missing item")
    damaged_items: list[str]


class InventoryOut(Schema):
    id: int
    organisation_id: int
    year: int
    started_on: dt.date
    closed_at: dt.datetime | None
    note: str
    summary: SummaryOut


class InventoryDetailOut(InventoryOut):
    checks: list[CheckOut]
