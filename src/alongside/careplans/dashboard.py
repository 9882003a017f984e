"""Care-plan items on the dashboard: caregivers see unread plan-change notices; supervisors and managers see
reassessments falling due (DP-13) for the cases they are responsible for."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.careplans import selectors
from alongside.cases import choices as case_choices
from alongside.cases import selectors as case_selectors
from alongside.core import permissions
from alongside.core.dashboard import DashboardItem
from alongside.core.i18n import local_date
from alongside.core.roles import Role

# A reassessment shows up this many days before it falls due, so the visit can be planned.
REASSESSMENT_NOTICE_DAYS = 30


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    return _notices(actor) + _reassessments(actor, today)


def _notices(actor) -> list[DashboardItem]:
    return [
        DashboardItem("care_plan_changed", notice.text, reverse("careplan_detail", args=[notice.case_id]),
                      notice.created_at.date(), False, notice.case.organisation_id)
        for notice in selectors.notification_list(actor=actor, unread_only=True)
    ]  # fmt: skip


def _reassessments(actor, today: dt.date) -> list[DashboardItem]:
    found = []
    for case in _responsible_open_cases(actor):
        due = selectors.reassessment_due(case=case, today=today)
        if due is None or due > today + dt.timedelta(days=REASSESSMENT_NOTICE_DAYS):
            continue
        title = _("Reassess %(case)s (Barthel, IADL, CDR) by %(date)s.") % {
            "case": case, "date": local_date(due, case.organisation.country),
        }  # fmt: skip
        found.append(DashboardItem(
            "reassessment_due", title, reverse("assessment_list", args=[case.pk]), due, today > due,
            case.organisation_id,
        ))  # fmt: skip
    return found


def _responsible_open_cases(actor):
    """Managers follow every open case of their agency; supervisors the ones they are responsible for."""
    memberships = list(permissions.active_memberships(actor))
    managed = [m.organisation_id for m in memberships if m.role == Role.MANAGER]
    supervised = [m.organisation_id for m in memberships if m.role == Role.SUPERVISOR]
    if not managed and not supervised:
        return []
    cases = case_selectors.case_list(actor=actor).filter(
        stage__in=(case_choices.Stage.OPEN, case_choices.Stage.SUSPENDED)
    )
    return cases.filter(Q(organisation_id__in=managed) | Q(organisation_id__in=supervised, supervisor=actor))
