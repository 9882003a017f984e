"""Supervision contacts on the dashboard: overdue ones and this week's, for the responsible supervisor;
a manager sees those of every case of the agency."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.cases import selectors as case_selectors
from alongside.core import permissions
from alongside.core.dashboard import DashboardItem
from alongside.core.i18n import local_date
from alongside.core.roles import Role
from alongside.supervision import choices as c
from alongside.supervision.models import SupervisionContact


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    sunday = today + dt.timedelta(days=6 - today.weekday())
    due = (_responsible_contacts(actor).filter(status=c.Status.PLANNED, due_on__lte=sunday)
           .select_related("case__client").order_by("due_on", "id"))  # fmt: skip
    return [_item(contact, today) for contact in due]


def _item(contact: SupervisionContact, today: dt.date) -> DashboardItem:
    overdue = contact.due_on < today
    values = {
        "kind": contact.get_kind_display(),
        "case": contact.case,
        "date": local_date(contact.due_on, contact.case.organisation.country),
    }
    title = (_("%(kind)s for %(case)s was due on %(date)s.") if overdue
             else _("%(kind)s for %(case)s is due on %(date)s.")) % values  # fmt: skip
    url = reverse("supervision_case", args=[contact.case_id]) + f"#contact-{contact.pk}"
    kind = "supervision_overdue" if overdue else "supervision_due"
    return DashboardItem(kind, title, url, contact.due_on, overdue, contact.case.organisation_id)


def _responsible_contacts(actor):
    """Managers follow every case of their agency; supervisors the cases they are responsible for."""
    memberships = list(permissions.active_memberships(actor))
    managed = [m.organisation_id for m in memberships if m.role == Role.MANAGER]
    supervised = [m.organisation_id for m in memberships if m.role == Role.SUPERVISOR]
    cases = (
        case_selectors.case_list(actor=actor)
        .filter(stage__in=c.IN_SERVICE)
        .filter(Q(organisation_id__in=managed) | Q(organisation_id__in=supervised, supervisor=actor))
    )
    return SupervisionContact.objects.filter(case__in=cases.values("pk"))
