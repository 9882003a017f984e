"""Dashboard lines of the schedule: a caregiver's unread schedule changes; for managers and supervisors, this
week's visits that still have no caregiver."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import ngettext

from alongside.core.dashboard import DashboardItem
from alongside.scheduling import access
from alongside.scheduling import choices as c
from alongside.scheduling.models import ScheduleChange, Visit


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found = []
    for change in ScheduleChange.objects.filter(recipient=actor, read_at__isnull=True).select_related("visit")[:10]:
        found.append(
            DashboardItem(
                "schedule_change",
                change.text,
                reverse("scheduling_my_day") + "#changes-heading",
                change.visit.on,
                False,
                change.visit.organisation_id,
            )
        )
    sunday = today + dt.timedelta(days=6 - today.weekday())
    for organisation_id in access.managed_organisation_ids(actor):
        count = Visit.objects.filter(
            organisation_id=organisation_id,
            status=c.VisitStatus.PLANNED,
            caregiver__isnull=True,
            on__range=(today, sunday),
        ).count()
        if count:
            title = ngettext(
                "%(count)s visit this week has no caregiver yet.",
                "%(count)s visits this week have no caregiver yet.",
                count,
            ) % {"count": count}
            url = f"{reverse('scheduling_week')}?start={today.isoformat()}"
            found.append(DashboardItem("schedule_unassigned", title, url, today, False, organisation_id))
    return found
