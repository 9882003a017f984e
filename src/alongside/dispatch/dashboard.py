"""Dispatch on the dashboard, for the agency's planners (SCHEDULE_MANAGE): approved leave whose visits still
need a substitute, and proposed schedules waiting to be reviewed and applied."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.core.dashboard import DashboardItem
from alongside.dispatch import selectors
from alongside.dispatch.models import RunStatus, ScheduleRun
from alongside.workforce.choices import LeaveStatus
from alongside.workforce.models import Leave


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    organisations = [o.pk for o in selectors.managed_organisations(actor)]
    if not organisations:
        return []
    return _leave_items(organisations, today) + _run_items(organisations)


def _leave_items(organisations: list[int], today: dt.date) -> list[DashboardItem]:
    found = []
    start = timezone.make_aware(dt.datetime.combine(today, dt.time.min))
    leaves = (
        Leave.objects.filter(caregiver__organisation__in=organisations, status=LeaveStatus.APPROVED, ends_at__gt=start)
        .select_related("caregiver__person")
        .order_by("starts_at")
    )
    for leave in leaves:
        open_visits = [v for v in selectors.leave_visits(leave) if not v.locked and v.on >= today]
        if not open_visits:
            continue
        first = min(v.on for v in open_visits)
        title = ngettext(
            "%(name)s is on leave: %(count)d visit needs a substitute, the first on %(day)s.",
            "%(name)s is on leave: %(count)d visits need a substitute, the first on %(day)s.",
            len(open_visits),
        ) % {"name": leave.caregiver.person.name, "count": len(open_visits), "day": first.isoformat()}
        found.append(
            DashboardItem(
                "leave_cover",
                title,
                reverse("dispatch_leave_cover", args=[leave.pk]),
                first,
                first <= today,
                leave.caregiver.organisation_id,
            )
        )
    return found


def _run_items(organisations: list[int]) -> list[DashboardItem]:
    runs = ScheduleRun.objects.filter(organisation__in=organisations, status=RunStatus.PROPOSED).order_by("start")
    return [
        DashboardItem(
            "schedule_proposed",
            _("A proposed schedule for %(start)s to %(end)s waits for review.")
            % {"start": run.start.isoformat(), "end": run.end.isoformat()},
            reverse("dispatch_run_detail", args=[run.pk]),
            run.start,
            False,
            run.organisation_id,
        )
        for run in runs[:5]
    ]
