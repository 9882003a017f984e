"""Complaints on the dashboard (004 ch. 7 §1). The responsible supervisor: each open complaint of theirs with its
next step and due date, from the moment it is received (told at once); a complaint without a responsible
supervisor concerns every manager and supervisor of the agency. The manager: every complaint with a step past its
due date, naming the step, and the replied ones waiting for review and closure."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils.translation import gettext as _

from alongside.complaints import access, clocks
from alongside.complaints import choices as c
from alongside.complaints.models import Complaint
from alongside.core.dashboard import DashboardItem

MAX_ITEMS = 20


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found: list[DashboardItem] = []
    managed = set(access.closing_organisation_ids(actor))
    for organisation_id in access.handling_organisation_ids(actor):
        is_manager = organisation_id in managed
        open_ones = Complaint.objects.filter(organisation_id=organisation_id).exclude(status=c.Status.CLOSED)
        if not is_manager:
            open_ones = open_ones.filter(Q(supervisor=actor) | Q(supervisor__isnull=True))
        for complaint in open_ones.select_related("client", "organisation").order_by("received_at", "id")[:MAX_ITEMS]:
            item = _item(actor, complaint, today, is_manager)
            if item is not None:
                found.append(item)
    return found


def _item(actor, complaint: Complaint, today: dt.date, is_manager: bool) -> DashboardItem | None:
    url = reverse("complaints:detail", args=[complaint.pk])
    mine = complaint.supervisor_id in (None, actor.pk)
    overdue = clocks.overdue_steps(complaint, today)
    received = clocks.received_on(complaint).isoformat()
    if overdue:
        step, due = overdue[0]
        title = _(
            "Complaint about %(client)s received on %(day)s is overdue: the step “%(step)s” was due on %(due)s."
        ) % {
            "client": complaint.client.name,
            "day": received,
            "step": c.Step(step).label,
            "due": due.isoformat(),
        }
        return DashboardItem("complaint_overdue", title, url, due, True, complaint.organisation_id)
    following = clocks.next_step(complaint)
    if following is None:
        return None
    step, due = following
    if mine or (is_manager and step == c.Step.CLOSE):
        if complaint.acknowledged_at is None:
            title = _("New complaint about %(client)s, received on %(day)s: take note of it now.") % {
                "client": complaint.client.name,
                "day": received,
            }
        else:
            title = _("Complaint about %(client)s: next step “%(step)s”, due %(due)s.") % {
                "client": complaint.client.name,
                "step": c.Step(step).label,
                "due": due.isoformat(),
            }
        return DashboardItem("complaint_step", title, url, due, False, complaint.organisation_id)
    return None
