"""Dashboard lines for this app (see alongside.core.dashboard)."""

from __future__ import annotations

import datetime as dt

from alongside.core.dashboard import DashboardItem


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    return []
