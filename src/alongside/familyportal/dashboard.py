"""Dashboard items of the family portal: for the agency's managers and supervisors, messages from clients and
families the office has not read yet."""

from __future__ import annotations

from django.urls import reverse
from django.utils.translation import ngettext

from alongside.core.dashboard import DashboardItem
from alongside.familyportal import access, selectors


def items(*, actor, today) -> list:
    found = []
    for organisation_id in access.office_organisation_ids(actor):
        count = selectors.unread_count(organisation_ids=[organisation_id])
        if count:
            title = ngettext(
                "%(count)s message from a client or family is waiting for the office.",
                "%(count)s messages from clients and families are waiting for the office.",
                count,
            ) % {"count": count}
            found.append(
                DashboardItem("family_message", title, reverse("familyportal:office"), today, False, organisation_id)
            )
    return found
