"""Visits on the dashboard. Managers and supervisors: sync conflicts waiting for a decision, incidents not yet
reviewed (a supervisor those of their own cases and of cases without a supervisor, a manager all), incident
follow-up tasks due within a week (urgent when overdue), and hours not
confirmed more than two days after the visit. Caregivers: today's visits not yet checked out. Clients and families:
visits waiting for their confirmation."""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext

from alongside.cases.models import Case
from alongside.core import permissions
from alongside.core.dashboard import DashboardItem
from alongside.core.roles import Role
from alongside.fieldwork import access
from alongside.fieldwork import choices as c
from alongside.fieldwork.incident_selectors import due_follow_ups
from alongside.fieldwork.models import Incident, SyncAction, VisitCharge, VisitRecord
from alongside.scheduling import choices as schedule_choices
from alongside.scheduling.models import Visit

UNCONFIRMED_AFTER_DAYS = 2
FOLLOW_UP_AHEAD_DAYS = 7  # an incident's follow-up task shows a week before it is due
MAX_INCIDENT_ITEMS = 10


def items(*, actor, today: dt.date) -> list[DashboardItem]:
    found: list[DashboardItem] = []
    for organisation_id in access.managed_organisation_ids(actor):
        found += _conflicts(organisation_id, today)
        found += _incidents(actor, organisation_id)
        found += _follow_ups(actor, organisation_id, today)
        found += _unconfirmed(organisation_id, today)
    found += _not_checked_out(actor, today)
    found += _to_confirm(actor, today)
    return found


def _conflicts(organisation_id: int, today: dt.date) -> list[DashboardItem]:
    count = SyncAction.objects.filter(organisation_id=organisation_id, status=c.SyncStatus.CONFLICT).count()
    if not count:
        return []
    title = ngettext(
        "%(count)s action from a caregiver's phone no longer fits its visit: apply or dismiss it.",
        "%(count)s actions from caregivers' phones no longer fit their visits: apply or dismiss them.",
        count,
    ) % {"count": count}
    return [DashboardItem("sync_conflict", title, reverse("fieldwork_conflicts"), today, False, organisation_id)]


def _incidents(actor, organisation_id: int) -> list[DashboardItem]:
    unreviewed = Incident.objects.filter(organisation_id=organisation_id, reviewed_at__isnull=True)
    roles = {m.role for m in permissions.active_memberships(actor) if m.organisation_id == organisation_id}
    if Role.MANAGER not in roles:
        # The supervisor of the client's case; a client without a supervised case concerns every supervisor.
        supervised = Case.objects.filter(organisation_id=organisation_id, supervisor__isnull=False)
        unreviewed = unreviewed.filter(
            Q(client_id__in=supervised.filter(supervisor=actor).values("client_id"))
            | ~Q(client_id__in=supervised.values("client_id"))
        )
    found = []
    for incident in unreviewed.select_related("client").order_by("occurred_at", "id")[:MAX_INCIDENT_ITEMS]:
        day = timezone.localtime(incident.occurred_at).date()
        title = _("%(kind)s at %(client)s's home on %(day)s: review the report.") % {
            "kind": incident.get_kind_display(),
            "client": incident.client.name,
            "day": day.isoformat(),
        }
        url = reverse("fieldwork_incident_review", args=[incident.pk])
        found.append(DashboardItem("incident_unreviewed", title, url, day, True, organisation_id))
    return found


def _follow_ups(actor, organisation_id: int, today: dt.date) -> list[DashboardItem]:
    """The actor's open follow-up tasks after incidents (and those given to no one), due within a week or
    overdue (urgent)."""
    due = due_follow_ups(actor=actor, organisation_id=organisation_id, until=today + dt.timedelta(FOLLOW_UP_AHEAD_DAYS))
    found = []
    for follow_up in due[:MAX_INCIDENT_ITEMS]:
        title = _("Incident follow-up for %(client)s, due %(day)s: %(task)s") % {
            "client": follow_up.incident.client.name,
            "day": follow_up.due_on.isoformat(),
            "task": follow_up.task,
        }
        url = reverse("fieldwork_incident_review", args=[follow_up.incident_id])
        found.append(
            DashboardItem("incident_follow_up", title, url, follow_up.due_on, follow_up.due_on < today, organisation_id)
        )
    return found


def _unconfirmed(organisation_id: int, today: dt.date) -> list[DashboardItem]:
    before = today - dt.timedelta(days=UNCONFIRMED_AFTER_DAYS)
    records = VisitRecord.objects.filter(
        organisation_id=organisation_id, status=c.RecordStatus.DONE, visit__on__lt=before
    )
    count = records.count()
    if not count:
        return []
    first = records.order_by("visit__on").values_list("visit__on", flat=True).first()
    title = ngettext(
        "%(count)s visit has waited more than two days for the client's confirmation of the hours.",
        "%(count)s visits have waited more than two days for the clients' confirmation of the hours.",
        count,
    ) % {"count": count}
    url = f"{reverse('fieldwork_office')}?date={first.isoformat()}"
    return [DashboardItem("hours_unconfirmed", title, url, first, True, organisation_id)]


def _not_checked_out(actor, today: dt.date) -> list[DashboardItem]:
    """The actor's own visits of today, not cancelled, not recorded as an absence, not yet checked out."""
    visits = (
        Visit.objects.filter(
            caregiver__person__user=actor,
            organisation_id__in=access.caregiver_organisation_ids(actor),
            on=today,
            status=schedule_choices.VisitStatus.PLANNED,
        )
        .exclude(pk__in=VisitCharge.objects.values("visit_id"))
        .exclude(record__status__in=(c.RecordStatus.DONE, c.RecordStatus.CONFIRMED))
        .select_related("client")
        .order_by("planned_start", "earliest_start", "id")
    )
    found = []
    for visit in visits:
        title = _("Visit to %(client)s at %(time)s: not checked out yet.") % {
            "client": visit.client.name,
            "time": f"{visit.start_time:%H:%M}",
        }
        found.append(
            DashboardItem("visit_not_checked_out", title, reverse("fieldwork_day"), today, False, visit.organisation_id)
        )
    return found


def _to_confirm(actor, today: dt.date) -> list[DashboardItem]:
    clients = access.linked_client_ids(actor)
    if not clients:
        return []
    count = VisitRecord.objects.filter(client_id__in=clients, status=c.RecordStatus.DONE).count()
    if not count:
        return []
    title = ngettext(
        "%(count)s visit is waiting for you to confirm its hours.",
        "%(count)s visits are waiting for you to confirm their hours.",
        count,
    ) % {"count": count}
    return [DashboardItem("hours_to_confirm", title, reverse("fieldwork_hours"), today, False, None)]
