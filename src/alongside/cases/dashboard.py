"""Case deadlines on the dashboard: the supervisor sees their own, the manager the whole agency."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.cases import choices as c
from alongside.cases import selectors
from alongside.core import permissions
from alongside.core.dashboard import DashboardItem
from alongside.core.i18n import local_date
from alongside.core.roles import Role


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found = []
    for case in _responsible_cases(actor).filter(stage__in=[*c.ACTIVE_STAGES, c.Stage.ENQUIRY, c.Stage.SCREENED]):
        url = reverse("case_detail", args=[case.pk])
        if case.stage in (c.Stage.ENQUIRY, c.Stage.SCREENED):
            found.append(
                DashboardItem(
                    "case_waiting",
                    _("%(case)s is waiting to be screened or assigned.") % {"case": case},
                    url,
                    case.received_on,
                    False,
                    case.organisation_id,
                )
            )
        deadline = selectors.deadline_state(case, today)
        if deadline:
            title = (
                _("Contact the family of %(case)s by %(date)s.")
                if deadline["what"] == "contact"
                else _("Open %(case)s by %(date)s, or record why it is late.")
            )
            found.append(
                DashboardItem(
                    f"{deadline['what']}_due",
                    title % {"case": case, "date": _day(case, deadline["due_on"])},
                    url,
                    deadline["due_on"],
                    deadline["overdue"],
                    case.organisation_id,
                )
            )
        if limit := selectors.suspension_overdue(case, today):
            found.append(
                DashboardItem(
                    "suspension_over_limit",
                    _("%(case)s has been suspended since before %(date)s: consider closing it (reason 3).")
                    % {"case": case, "date": _day(case, limit)},
                    url,
                    limit,
                    True,
                    case.organisation_id,
                )
            )
    return found


def _responsible_cases(actor):
    """Managers follow every case of their agency; supervisors their own and the unassigned ones."""
    cases = selectors.case_list(actor=actor)
    managed = [m.organisation_id for m in permissions.active_memberships(actor) if m.role == Role.MANAGER]
    supervised = [m.organisation_id for m in permissions.active_memberships(actor) if m.role == Role.SUPERVISOR]
    from django.db.models import Q

    return cases.filter(
        Q(organisation_id__in=managed)
        | Q(organisation_id__in=supervised, supervisor=actor)
        | Q(organisation_id__in=supervised, supervisor__isnull=True)
    )


def _day(case, day: dt.date) -> str:
    return local_date(day, case.organisation.country)
