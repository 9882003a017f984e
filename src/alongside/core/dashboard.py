"""Dashboard items: what a person must do, and by when. Each domain app offers its own through a provider.

A provider is a function `items(*, actor, today) -> list[DashboardItem]` named in settings.DASHBOARD_PROVIDERS;
it returns only what the actor may see and is responsible for (a supervisor's own cases; a manager's agency).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.conf import settings
from django.utils.module_loading import import_string


@dataclass(frozen=True)
class DashboardItem:
    kind: str  # stable code, e.g. "contact_overdue"
    title: str  # a whole translated sentence
    url: str
    due_on: dt.date | None = None
    overdue: bool = False
    organisation_id: int | None = None


def collect(*, actor, today: dt.date) -> list[DashboardItem]:
    items: list[DashboardItem] = []
    for path in settings.DASHBOARD_PROVIDERS:
        items += import_string(path)(actor=actor, today=today)
    # Overdue first, then by due date; undated last.
    return sorted(items, key=lambda i: (not i.overdue, i.due_on or dt.date.max, i.title))
