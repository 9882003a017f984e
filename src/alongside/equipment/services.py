"""Keeping the office equipment register (004 ch. 9 辦公室設備管理規則).

- 三(二) 由所屬管理者、使用者負責設備維護，並設置設備保養紀錄卡: every item has a keeper, a staff person of the
  agency; a hand-over is a KeeperChange row, so the history stays.
- 三(三) 設備維護週期為每半年定期維護一次，平時使用中因突發狀況而必須維護時，請管理者或使用者即刻維護: the first
  regular maintenance falls due six months after the item is acquired, the next six months after each regular
  maintenance; an unscheduled repair is recorded on the same card and leaves the cycle alone.
- 三(一) 每年由管理者進行設備盤點: one inventory a year over the items not retired, each found, missing or
  damaged; it closes when every item is checked.

Each use case checks everything first and names every bad field (nothing written), then writes and records one
audit event in the same transaction. Retiring an item needs a reason.
"""

from __future__ import annotations

import datetime as dt

from dateutil.relativedelta import relativedelta
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.models import AuditAction, Organisation, User
from alongside.equipment import access
from alongside.equipment import choices as c
from alongside.equipment.models import Inventory, InventoryCheck, Item, KeeperChange, MaintenanceRecord
from alongside.people.choices import PersonKind
from alongside.people.models import Person

MAINTENANCE_INTERVAL = relativedelta(months=6)  # 004 ch. 9 三(三) 每半年定期維護一次
ITEM_FIELDS = (
    "number",
    "name",
    "category",
    "location",
    "acquired_on",
    "cost",
    "keeper",
    "status",
    "next_maintenance_on",
    "last_maintained_on",
    "notes",
    "retired_on",
    "retired_reason",
)
EDITABLE_FIELDS = ("number", "name", "category", "location", "acquired_on", "cost", "notes")
MAX_COST = 100_000_000  # NTD; a safety bound against typing errors, not a rule


def next_due(day: dt.date) -> dt.date:
    """Six months later, or the month's last day when it is shorter (31 August -> 28/29 February)."""
    return day + MAINTENANCE_INTERVAL


# --- items -------------------------------------------------------------------------------------------------------


def item_register(
    *,
    actor: User,
    organisation: Organisation,
    number: str,
    name: str,
    category: str,
    acquired_on: dt.date | None,
    keeper: Person | None,
    location: str = "",
    cost: int | None = 0,
    notes: str = "",
) -> Item:
    """A new item in use; its first keeper is the first row of the keeper history."""
    _require(actor, organisation.pk)
    values = {
        "number": _text(number),
        "name": _text(name),
        "category": category,
        "location": _text(location),
        "acquired_on": acquired_on,
        "cost": cost,
        "notes": _text(notes),
    }
    today = timezone.localdate()
    _raise_if([*_item_problems(organisation, values, today, item=None), _keeper_problem(organisation, keeper)])
    with transaction.atomic():
        values["cost"] = values["cost"] or 0
        item = Item.objects.create(
            organisation=organisation,
            keeper=keeper,
            status=c.ItemStatus.IN_USE,
            next_maintenance_on=next_due(values["acquired_on"]),
            **values,
        )
        KeeperChange.objects.create(
            item=item, previous_keeper=None, keeper=keeper, changed_on=values["acquired_on"], changed_by=actor
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=item,
            organisation=organisation,
            changes=audit.diff({}, audit.snapshot(item, ITEM_FIELDS)),
        )
    return item


def item_update(*, actor: User, item: Item, expected_version: int | None = None, **values) -> Item:
    """Correct the item's details (number, name, category, location, acquisition, cost, notes). The keeper,
    status and maintenance change through their own use cases."""
    _require(actor, item.organisation_id)
    unknown = sorted(set(values) - set(EDITABLE_FIELDS))
    if unknown:
        message = _("This cannot be changed here.")
        raise DomainError([FieldProblem(name, ErrorCode.INVALID, message) for name in unknown])
    with transaction.atomic():
        current = _lock(item)
        _require_version(current, expected_version)
        merged = {name: getattr(current, name) for name in EDITABLE_FIELDS}
        merged.update({k: _text(v) if k in {"number", "name", "location", "notes"} else v for k, v in values.items()})
        problems = _item_problems(current.organisation, merged, timezone.localdate(), item=current)
        if current.is_retired:
            problems.append(FieldProblem("status", ErrorCode.INVALID, _("This item is retired.")))
        _raise_if(problems)
        before = audit.snapshot(current, ITEM_FIELDS)
        merged["cost"] = merged["cost"] or 0
        old_acquired_on = current.acquired_on
        for name, value in merged.items():
            setattr(current, name, value)
        if current.acquired_on != old_acquired_on:
            # The first keeper kept it from the acquisition; the first maintenance falls due six months after.
            current.keeper_changes.filter(previous_keeper__isnull=True).update(changed_on=current.acquired_on)
            if current.last_maintained_on is None:
                current.next_maintenance_on = next_due(current.acquired_on)
        current.version += 1
        current.save()
        _audit_update(actor, current, before)
    return current


def keeper_change(
    *, actor: User, item: Item, keeper: Person | None, changed_on: dt.date | None, note: str = ""
) -> KeeperChange:
    """Hand the item over to another staff person; the earlier keepers stay in the history."""
    _require(actor, item.organisation_id)
    with transaction.atomic():
        current = _lock(item)
        problems = [_keeper_problem(current.organisation, keeper), _retired_problem(current)]
        if keeper is not None and keeper.pk == current.keeper_id:
            problems.append(FieldProblem("keeper", ErrorCode.INVALID, _("This person already keeps the item.")))
        last = current.keeper_changes.order_by("-changed_on", "-id").first()
        problems.append(_day_problem("changed_on", changed_on, not_before=last.changed_on if last else None))
        if len(_text(note)) > 300:
            problems.append(FieldProblem("note", ErrorCode.INVALID, _("Write at most 300 characters.")))
        _raise_if(problems)
        before = audit.snapshot(current, ITEM_FIELDS)
        change = KeeperChange.objects.create(
            item=current,
            previous_keeper=current.keeper,
            keeper=keeper,
            changed_on=changed_on,
            note=_text(note),
            changed_by=actor,
        )
        current.keeper = keeper
        current.version += 1
        current.save()
        _audit_update(actor, current, before, reason=_text(note))
    return change


def maintenance_record(
    *,
    actor: User,
    item: Item,
    kind: str,
    done_on: dt.date | None,
    done_by: str,
    work: str,
    cost: int | None = 0,
) -> MaintenanceRecord:
    """A line on the maintenance record card. A regular maintenance sets the next one six months later."""
    _require(actor, item.organisation_id)
    with transaction.atomic():
        current = _lock(item)
        problems = [
            _retired_problem(current),
            _day_problem("done_on", done_on, not_before=current.acquired_on),
            _cost_problem(cost),
        ]
        if kind not in c.MaintenanceKind.values:
            problems.append(FieldProblem("kind", ErrorCode.INVALID, _("Choose regular or unscheduled maintenance.")))
        if not _text(done_by):
            problems.append(FieldProblem("done_by", ErrorCode.REQUIRED, _("Write who did the maintenance.")))
        elif len(_text(done_by)) > 100:
            problems.append(FieldProblem("done_by", ErrorCode.INVALID, _("Write at most 100 characters.")))
        if not _text(work):
            problems.append(FieldProblem("work", ErrorCode.REQUIRED, _("Write what was checked or repaired.")))
        _raise_if(problems)
        before = audit.snapshot(current, ITEM_FIELDS)
        if kind == c.MaintenanceKind.REGULAR and (
            current.last_maintained_on is None or done_on >= current.last_maintained_on
        ):
            current.last_maintained_on = done_on
            current.next_maintenance_on = next_due(done_on)
        record = MaintenanceRecord.objects.create(
            item=current,
            kind=kind,
            done_on=done_on,
            done_by=_text(done_by),
            work=_text(work),
            cost=cost or 0,
            next_due_on=current.next_maintenance_on,
            recorded_by=actor,
        )
        current.version += 1
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=record,
            organisation=current.organisation,
            changes=audit.diff(
                {}, audit.snapshot(record, ("item", "kind", "done_on", "done_by", "work", "cost", "next_due_on"))
            ),
        )
        _audit_update(actor, current, before)
    return record


def item_status_set(*, actor: User, item: Item, status: str, reason: str = "") -> Item:
    """In use or under repair (004 ch. 9 二(三): a fault is reported and handled). Retiring has its own use case."""
    _require(actor, item.organisation_id)
    with transaction.atomic():
        current = _lock(item)
        problems = [_retired_problem(current)]
        if status not in (c.ItemStatus.IN_USE, c.ItemStatus.REPAIR):
            problems.append(FieldProblem("status", ErrorCode.INVALID, _("Choose in use or under repair.")))
        elif status == current.status:
            problems.append(FieldProblem("status", ErrorCode.INVALID, _("The item already has this status.")))
        if status == c.ItemStatus.REPAIR and not _text(reason):
            problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Write what is wrong with the item.")))
        _raise_if(problems)
        before = audit.snapshot(current, ITEM_FIELDS)
        current.status = status
        current.version += 1
        current.save()
        _audit_update(actor, current, before, reason=_text(reason))
    return current


def item_retire(*, actor: User, item: Item, retired_on: dt.date | None, reason: str) -> Item:
    """Take the item off the register (scrapped, lost, given away) with a reason; it stays listed as retired."""
    _require(actor, item.organisation_id)
    with transaction.atomic():
        current = _lock(item)
        problems = [_retired_problem(current), _day_problem("retired_on", retired_on, not_before=current.acquired_on)]
        if not _text(reason):
            problems.append(FieldProblem("reason", ErrorCode.REASON_REQUIRED, _("Write why the item is retired.")))
        _raise_if(problems)
        before = audit.snapshot(current, ITEM_FIELDS)
        current.status = c.ItemStatus.RETIRED
        current.retired_on = retired_on
        current.retired_reason = _text(reason)
        current.version += 1
        current.save()
        _audit_update(actor, current, before, reason=_text(reason))
    return current


# --- the yearly inventory ----------------------------------------------------------------------------------------


def inventory_start(*, actor: User, organisation: Organisation, year: int | None, note: str = "") -> Inventory:
    """Start the year's inventory over every item not retired. One a year; one open at a time."""
    _require(actor, organisation.pk)
    today = timezone.localdate()
    problems: list[FieldProblem | None] = []
    if not isinstance(year, int) or not 2000 <= year <= today.year:
        problems.append(
            FieldProblem("year", ErrorCode.INVALID, _("Give a year from 2000 to %(year)s.") % {"year": today.year})
        )
    elif Inventory.objects.filter(organisation=organisation, year=year).exists():
        problems.append(FieldProblem("year", ErrorCode.INVALID, _("The inventory of this year was already started.")))
    if Inventory.objects.filter(organisation=organisation, closed_at__isnull=True).exists():
        problems.append(FieldProblem("year", ErrorCode.INVALID, _("Another inventory is still open. Close it first.")))
    items = list(Item.objects.filter(organisation=organisation).exclude(status=c.ItemStatus.RETIRED))
    if not items:
        problems.append(FieldProblem("year", ErrorCode.INVALID, _("There are no items to count.")))
    _raise_if(problems)
    with transaction.atomic():
        inventory = Inventory.objects.create(
            organisation=organisation, year=year, started_on=today, started_by=actor, note=_text(note)
        )
        InventoryCheck.objects.bulk_create([InventoryCheck(inventory=inventory, item=item) for item in items])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=inventory,
            organisation=organisation,
            changes={"year": [None, year], "items": [None, len(items)]},
        )
    return inventory


def inventory_check(*, actor: User, check: InventoryCheck, result: str, note: str = "") -> InventoryCheck:
    """Found, missing or damaged; a missing or damaged item needs a note. Can be changed until the close."""
    _require(actor, check.inventory.organisation_id)
    with transaction.atomic():
        current = InventoryCheck.objects.select_for_update().select_related("inventory", "item").get(pk=check.pk)
        problems = []
        if current.inventory.is_closed:
            problems.append(FieldProblem("result", ErrorCode.INVALID, _("This inventory is closed.")))
        if result not in (c.CheckResult.FOUND, c.CheckResult.MISSING, c.CheckResult.DAMAGED):
            problems.append(FieldProblem("result", ErrorCode.INVALID, _("Choose found, missing or damaged.")))
        elif result != c.CheckResult.FOUND and not _text(note):
            problems.append(
                FieldProblem("note", ErrorCode.REQUIRED, _("Write where it was last seen or what is damaged."))
            )
        if len(_text(note)) > 300:
            problems.append(FieldProblem("note", ErrorCode.INVALID, _("Write at most 300 characters.")))
        _raise_if(problems)
        before = audit.snapshot(current, ("result", "note"))
        current.result, current.note = result, _text(note)
        current.checked_by, current.checked_at = actor, timezone.now()
        current.save()
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.inventory.organisation,
            changes=audit.diff(before, audit.snapshot(current, ("result", "note"))),
        )
    return current


def inventory_close(*, actor: User, inventory: Inventory, note: str = "") -> Inventory:
    """Close the inventory once every item is checked. Missing items stay on the register until they are retired
    with a reason."""
    _require(actor, inventory.organisation_id)
    with transaction.atomic():
        current = Inventory.objects.select_for_update().get(pk=inventory.pk)
        problems = []
        if current.is_closed:
            problems.append(FieldProblem("inventory", ErrorCode.INVALID, _("This inventory is already closed.")))
        pending = current.checks.filter(result=c.CheckResult.PENDING).count()
        if pending:
            problems.append(
                FieldProblem(
                    "inventory",
                    ErrorCode.INVALID,
                    _("%(count)s items are not checked yet. Check every item before closing.") % {"count": pending},
                )
            )
        _raise_if(problems)
        current.closed_at, current.closed_by = timezone.now(), actor
        if _text(note):
            current.note = "\n".join(filter(None, [current.note, _text(note)]))
        current.save()
        counts = {value: current.checks.filter(result=value).count() for value in c.CheckResult.values}
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes={"closed_at": [None, current.closed_at.isoformat()], "results": [None, counts]},
            reason=_text(note),
        )
    return current


# --- helpers -----------------------------------------------------------------------------------------------------


def _require(actor: User, organisation_id: int) -> None:
    if not access.can_manage(actor, organisation_id):
        raise NotFound


def _lock(item: Item) -> Item:
    return Item.objects.select_for_update(of=("self",)).select_related("organisation", "keeper").get(pk=item.pk)


def _require_version(item: Item, expected: int | None) -> None:
    if expected is not None and item.version != expected:
        raise DomainError.single(
            "version",
            ErrorCode.STALE_VERSION,
            _("Someone else changed this after you opened the page. Reload, then try again."),
        )


def _audit_update(actor: User, item: Item, before: dict, reason: str = "") -> None:
    audit.record(
        actor=actor,
        action=AuditAction.UPDATE,
        instance=item,
        organisation=item.organisation,
        changes=audit.diff(before, audit.snapshot(item, ITEM_FIELDS)),
        reason=reason,
    )


def _raise_if(problems: list[FieldProblem | None]) -> None:
    found = [p for p in problems if p is not None]
    if found:
        raise DomainError(found)


def _text(value) -> str:
    return (value or "").strip() if isinstance(value, str | type(None)) else str(value).strip()


def _item_problems(organisation: Organisation, values: dict, today: dt.date, *, item: Item | None) -> list:
    problems: list[FieldProblem | None] = []
    number = values["number"]
    if not number:
        problems.append(FieldProblem("number", ErrorCode.REQUIRED, _("Give the item's property number.")))
    elif len(number) > 30:
        problems.append(FieldProblem("number", ErrorCode.INVALID, _("Write at most 30 characters.")))
    else:
        same = Item.objects.filter(organisation=organisation, number__iexact=number)
        if item is not None:
            same = same.exclude(pk=item.pk)
        if same.exists():
            problems.append(FieldProblem("number", ErrorCode.INVALID, _("Another item already has this number.")))
    if not values["name"]:
        problems.append(FieldProblem("name", ErrorCode.REQUIRED, _("Give the item's name.")))
    elif len(values["name"]) > 100:
        problems.append(FieldProblem("name", ErrorCode.INVALID, _("Write at most 100 characters.")))
    if values["category"] not in c.Category.values:
        problems.append(FieldProblem("category", ErrorCode.INVALID, _("Choose a category.")))
    if len(values["location"]) > 100:
        problems.append(FieldProblem("location", ErrorCode.INVALID, _("Write at most 100 characters.")))
    problems.append(_day_problem("acquired_on", values["acquired_on"], today=today))
    if item is not None and isinstance(values["acquired_on"], dt.date):
        later = [
            item.retired_on,
            item.maintenance_records.order_by("done_on").values_list("done_on", flat=True).first(),
            item.keeper_changes.filter(previous_keeper__isnull=False)
            .order_by("changed_on")
            .values_list("changed_on", flat=True)
            .first(),
        ]
        earliest = min(filter(None, later), default=None)
        if earliest and values["acquired_on"] > earliest:
            problems.append(
                FieldProblem(
                    "acquired_on",
                    ErrorCode.INVALID,
                    _("The item was handed over or maintained on %(day)s, before this date.")
                    % {"day": earliest.isoformat()},
                )
            )
    problems.append(_cost_problem(values["cost"]))
    return problems


def _keeper_problem(organisation: Organisation, keeper: Person | None) -> FieldProblem | None:
    if keeper is None:
        return FieldProblem("keeper", ErrorCode.REQUIRED, _("Choose the staff person who keeps the item."))
    if keeper.organisation_id != organisation.pk or keeper.kind != PersonKind.STAFF:
        return FieldProblem("keeper", ErrorCode.INVALID, _("Choose a staff person of this agency."))
    return None


def _retired_problem(item: Item) -> FieldProblem | None:
    if item.is_retired:
        return FieldProblem("status", ErrorCode.INVALID, _("This item is retired."))
    return None


def _cost_problem(cost) -> FieldProblem | None:
    if cost is None:
        return None
    if isinstance(cost, bool) or not isinstance(cost, int) or not 0 <= cost <= MAX_COST:
        return FieldProblem("cost", ErrorCode.INVALID, _("Give the cost in whole NT dollars, 0 or more."))
    return None


def _day_problem(
    field: str, day: dt.date | None, *, not_before: dt.date | None = None, today: dt.date | None = None
) -> FieldProblem | None:
    today = today or timezone.localdate()
    if not isinstance(day, dt.date):
        return FieldProblem(field, ErrorCode.REQUIRED, _("Give the date."))
    if day > today:
        return FieldProblem(field, ErrorCode.INVALID, _("This date is in the future."))
    if not_before is not None and day < not_before:
        return FieldProblem(
            field, ErrorCode.INVALID, _("Give a date on or after %(day)s.") % {"day": not_before.isoformat()}
        )
    return None
