"""Equipment on the dashboard of the agency's managers and supervisors (EQUIPMENT_MANAGE): items whose six-monthly
maintenance (004 ch. 9 三(三)) is overdue or falls due within DUE_SOON_DAYS, and an open inventory with items
still to check."""

from __future__ import annotations

import datetime as dt

from django.db.models import Count, Q
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.core.dashboard import DashboardItem
from alongside.equipment import access, selectors
from alongside.equipment import choices as c
from alongside.equipment.models import Inventory, Item

MAX_ITEMS = 10


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found: list[DashboardItem] = []
    for organisation_id in access.managed_organisation_ids(actor):
        found += _maintenance(organisation_id, today)
        found += _inventories(organisation_id, today)
    return found


def _maintenance(organisation_id: int, today: dt.date) -> list[DashboardItem]:
    due = Item.objects.filter(selectors.due_condition(today), organisation_id=organisation_id).order_by(
        "next_maintenance_on", "number"
    )
    found = []
    for item in due[:MAX_ITEMS]:
        values = {"name": item.name, "number": item.number, "day": item.next_maintenance_on.isoformat()}
        if item.next_maintenance_on < today:
            title = _("The maintenance of %(name)s (%(number)s) was due on %(day)s: record it.") % values
        else:
            title = _("The maintenance of %(name)s (%(number)s) is due on %(day)s.") % values
        url = reverse("equipment:maintenance", args=[item.pk])
        found.append(
            DashboardItem(
                "equipment_maintenance_due",
                title,
                url,
                item.next_maintenance_on,
                item.next_maintenance_on < today,
                organisation_id,
            )
        )
    more = due.count() - MAX_ITEMS
    if more > 0:
        title = ngettext(
            "%(count)s more item is due for maintenance.", "%(count)s more items are due for maintenance.", more
        ) % {"count": more}
        url = reverse("equipment:register") + f"?organisation={organisation_id}&due=1"
        found.append(DashboardItem("equipment_maintenance_due_more", title, url, today, False, organisation_id))
    return found


def _inventories(organisation_id: int, today: dt.date) -> list[DashboardItem]:
    open_ones = Inventory.objects.filter(organisation_id=organisation_id, closed_at__isnull=True).annotate(
        pending=Count("checks", filter=Q(checks__result=c.CheckResult.PENDING))
    )
    found = []
    for inventory in open_ones:
        if inventory.pending:
            title = ngettext(
                "The equipment inventory of %(year)s has %(count)s item to check.",
                "The equipment inventory of %(year)s has %(count)s items to check.",
                inventory.pending,
            ) % {"year": inventory.year, "count": inventory.pending}
        else:
            title = _("Every item of the equipment inventory of %(year)s is checked: close it.") % {
                "year": inventory.year
            }
        url = reverse("equipment:inventory", args=[inventory.pk])
        found.append(DashboardItem("equipment_inventory_open", title, url, None, False, organisation_id))
    return found
