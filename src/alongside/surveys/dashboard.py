"""Dashboard items of surveys (core.dashboard): each open follow-up of a worrying score (IN-07, IN-08) for the
supervisor it is assigned to (or every supervisor when the client has none) and for the agency's managers;
overdue once its due date has passed."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.core.dashboard import DashboardItem
from alongside.surveys import selectors

MAX_ITEMS = 20


def items(*, actor, today) -> list:
    found = []
    for item in selectors.follow_ups_for_dashboard(actor=actor).order_by("due_on", "id")[:MAX_ITEMS]:
        title = _("Survey follow-up for %(client)s: %(what)s.") % {
            "client": item.client.name, "what": item.get_kind_display()}  # fmt: skip
        found.append(DashboardItem("survey_follow_up", title, reverse("surveys:follow_up", args=[item.pk]),
                                   item.due_on, item.due_on < today, item.organisation_id))  # fmt: skip
    return found
