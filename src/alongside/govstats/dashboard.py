"""Dashboard items of govstats (core.dashboard).

- A manager: last month's statistics report until it is sent, due 15 days after the month (DP-14), flagged overdue
  after that day.
- A government officer: once last month's reports are due, the agencies of the county that have not sent theirs.
"""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.core.dashboard import DashboardItem
from alongside.core.models import Organisation
from alongside.govstats import access, figures, selectors
from alongside.govstats.models import MonthlyReport


def items(*, actor, today) -> list:
    if not actor.is_authenticated:
        return []
    month = selectors.previous_month(today)
    due = figures.due_on(month)
    found = []
    for organisation_id in access.report_organisation_ids(actor):
        if MonthlyReport.objects.filter(organisation_id=organisation_id, month=month).exists():
            continue
        organisation = Organisation.objects.get(pk=organisation_id)
        title = _("Send the statistics of %(month)s to the county by %(due)s (%(agency)s).") % {
            "month": f"{month:%Y-%m}", "due": due.isoformat(), "agency": organisation.name,
        }  # fmt: skip
        url = reverse("govstats:report", args=[organisation_id, month.year, month.month])
        found.append(DashboardItem("stats_report_due", title, url, due, today > due, organisation_id))
    if access.offices(actor) and today > due:
        agencies = access.overseen_agencies(actor)
        sent = MonthlyReport.objects.filter(organisation__in=agencies, month=month).values("organisation_id")
        missing = agencies.exclude(pk__in=sent).count()
        if missing:
            title = ngettext(
                "%(count)s agency has not sent the statistics of %(month)s, due on %(due)s.",
                "%(count)s agencies have not sent the statistics of %(month)s, due on %(due)s.",
                missing,
            ) % {"count": missing, "month": f"{month:%Y-%m}", "due": due.isoformat()}
            url = reverse("govstats:county") + f"?month={month:%Y-%m}"
            found.append(DashboardItem("stats_reports_missing", title, url, due, True, None))
    return found
