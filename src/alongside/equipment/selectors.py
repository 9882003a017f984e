"""Reading the register within the actor's reach (alongside.equipment.access). Out of reach is NotFound (404)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db.models import Count, Q, QuerySet

from alongside.core.errors import NotFound
from alongside.core.models import Organisation, User
from alongside.equipment import access
from alongside.equipment import choices as c
from alongside.equipment.models import Inventory, InventoryCheck, Item
from alongside.people.choices import PersonKind
from alongside.people.models import Person

# Items whose maintenance falls due within this many days are listed as due (the agency's policy, so that the
# maintenance can be booked; the manual sets only the six-monthly cycle).
DUE_SOON_DAYS = 30


def organisations(*, actor: User) -> QuerySet[Organisation]:
    return Organisation.objects.filter(pk__in=access.managed_organisation_ids(actor)).order_by("name", "id")


def organisation_for(*, actor: User, organisation_id: int | None = None) -> Organisation:
    """The agency whose register the actor keeps: the one named, or their only one."""
    found = organisations(actor=actor)
    if organisation_id is not None:
        found = found.filter(pk=organisation_id)
    found = list(found[:2])
    if len(found) != 1:
        raise NotFound
    return found[0]


def due_condition(today: dt.date) -> Q:
    """Items not retired whose maintenance is due within DUE_SOON_DAYS or overdue."""
    return ~Q(status=c.ItemStatus.RETIRED) & Q(next_maintenance_on__lte=today + dt.timedelta(days=DUE_SOON_DAYS))


def item_list(
    *,
    actor: User,
    organisation: Organisation | None = None,
    status: str | None = None,
    due_on: dt.date | None = None,
    query: str = "",
) -> QuerySet[Item]:
    """`status`: one ItemStatus, or "active" (not retired); `due_on`: only items due for maintenance then."""
    items = Item.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
    if organisation is not None:
        items = items.filter(organisation=organisation)
    if status == "active":
        items = items.exclude(status=c.ItemStatus.RETIRED)
    elif status:
        items = items.filter(status=status)
    if due_on is not None:
        items = items.filter(due_condition(due_on))
    if query:
        items = items.filter(Q(number__icontains=query) | Q(name__icontains=query) | Q(location__icontains=query))
    return items.select_related("keeper", "organisation")


def item_get(*, actor: User, item_id: int) -> Item:
    try:
        return Item.objects.select_related("keeper", "organisation").get(
            pk=item_id, organisation_id__in=access.managed_organisation_ids(actor)
        )
    except (Item.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def keepers(*, actor: User, organisation: Organisation) -> QuerySet[Person]:
    """The staff of the agency who may keep equipment."""
    if not access.can_manage(actor, organisation):
        raise NotFound
    return Person.objects.filter(organisation=organisation, kind=PersonKind.STAFF).order_by("name", "id")


def keeper_get(*, actor: User, organisation: Organisation, person_id: int | None) -> Person | None:
    """A staff person of the agency, or None (the service then names the field)."""
    if person_id is None:
        return None
    return keepers(actor=actor, organisation=organisation).filter(pk=person_id).first()


def inventory_list(*, actor: User, organisation: Organisation | None = None) -> QuerySet[Inventory]:
    found = Inventory.objects.filter(organisation_id__in=access.managed_organisation_ids(actor))
    if organisation is not None:
        found = found.filter(organisation=organisation)
    return found.select_related("organisation", "started_by", "closed_by").annotate(
        pending=Count("checks", filter=Q(checks__result=c.CheckResult.PENDING)), total=Count("checks")
    )


def inventory_get(*, actor: User, inventory_id: int) -> Inventory:
    try:
        return Inventory.objects.select_related("organisation").get(
            pk=inventory_id, organisation_id__in=access.managed_organisation_ids(actor)
        )
    except (Inventory.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def check_get(*, actor: User, inventory: Inventory, check_id: int) -> InventoryCheck:
    try:
        return InventoryCheck.objects.select_related("item", "inventory").get(pk=check_id, inventory=inventory)
    except (InventoryCheck.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


@dataclass(frozen=True)
class InventorySummary:
    total: int
    counts: dict[str, int]  # CheckResult value -> count
    missing: list[Item] = field(default_factory=list)
    damaged: list[Item] = field(default_factory=list)

    @property
    def pending(self) -> int:
        return self.counts.get(c.CheckResult.PENDING, 0)

    def rows(self) -> list[tuple[str, str, int]]:
        return [(value, str(label), self.counts.get(value, 0)) for value, label in c.CheckResult.choices]


def inventory_summary(inventory: Inventory) -> InventorySummary:
    checks = list(inventory.checks.select_related("item"))
    counts = {value: 0 for value in c.CheckResult.values}
    for check in checks:
        counts[check.result] += 1
    return InventorySummary(
        total=len(checks),
        counts=counts,
        missing=[ch.item for ch in checks if ch.result == c.CheckResult.MISSING],
        damaged=[ch.item for ch in checks if ch.result == c.CheckResult.DAMAGED],
    )
