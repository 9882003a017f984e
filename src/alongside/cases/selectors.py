"""Reading cases: what the actor may see (the client's visibility decides), caseloads, timelines."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Count, Q, QuerySet

from alongside.cases import choices as c
from alongside.cases import rules_input
from alongside.cases.models import Case
from alongside.core import permissions
from alongside.core.errors import NotFound
from alongside.core.models import AuditEvent, Organisation, User
from alongside.core.roles import Capability, Role
from alongside.people.selectors import visible_people_condition


def case_list(*, actor: User, stage: str = "", supervisor_id: int | None = None, query: str = "") -> QuerySet[Case]:
    visible_clients = visible_people_condition(actor)
    from alongside.people.models import Person

    cases = Case.objects.filter(client__in=Person.objects.filter(visible_clients).values("pk"))
    allowed = [
        o.pk for o in permissions.organisations_reached(actor) if permissions.can(actor, Capability.CASE_VIEW, o)
    ]
    cases = cases.filter(organisation_id__in=allowed)
    if stage:
        cases = cases.filter(stage=stage)
    if supervisor_id:
        cases = cases.filter(supervisor_id=supervisor_id)
    if query:
        cases = cases.filter(Q(number__icontains=query) | Q(client__name__icontains=query))
    return cases.select_related("client", "supervisor", "organisation")


def case_get(*, actor: User, case_id: int) -> Case:
    try:
        return case_list(actor=actor).get(pk=case_id)
    except (Case.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def can_manage(*, actor: User, case: Case) -> bool:
    roles = permissions.roles_in(actor, case.organisation)
    if not permissions.can(actor, Capability.CASE_MANAGE, case.organisation):
        return False
    return Role.MANAGER in roles or case.supervisor_id in (None, actor.pk)


def can_assign(*, actor: User, case: Case) -> bool:
    return permissions.can(actor, Capability.CASE_ASSIGN, case.organisation)


@dataclass(frozen=True)
class Caseload:
    supervisor: User
    cases: int
    limit: int

    @property
    def over(self) -> bool:
        return self.cases > self.limit


def supervisor_caseloads(*, organisation: Organisation, on: dt.date) -> list[Caseload]:
    """Each supervisor's active cases against the 1:60 ratio (DP-10)."""
    limit = rules_input.cases_per_supervisor(on=on)
    supervisors = (
        User.objects.filter(
            memberships__organisation=organisation, memberships__role=Role.SUPERVISOR, memberships__active=True
        )
        .annotate(
            active=Count(
                "supervised_cases",
                filter=Q(supervised_cases__stage__in=c.ACTIVE_STAGES, supervised_cases__organisation=organisation),
            )
        )
        .order_by("username")
    )
    return [Caseload(s, s.active, limit) for s in supervisors]


def deadline_state(case: Case, today: dt.date) -> dict:
    """Which NT-09 deadline is next for this case and whether it has passed."""
    if case.stage == c.Stage.ASSIGNED and case.contact_by:
        return {"what": "contact", "due_on": case.contact_by, "overdue": today > case.contact_by}
    if case.stage in (c.Stage.ASSIGNED, c.Stage.CONTACTED) and case.open_by:
        return {"what": "open", "due_on": case.open_by, "overdue": today > case.open_by}
    return {}


def suspension_overdue(case: Case, today: dt.date) -> dt.date | None:
    """The date a suspension passed its limit (NT-14), if it has: closure with reason 3 is then proposed."""
    if case.stage != c.Stage.SUSPENDED:
        return None
    suspension = case.suspensions.filter(ends_on__isnull=True).first()
    if suspension is None:
        return None
    months = rules_input.suspension_reminder_months(
        on=suspension.starts_on, jurisdiction=case.organisation.jurisdiction
    )
    limit = _add_months(suspension.starts_on, months)
    return limit if today > limit else None


def case_timeline(*, case: Case) -> QuerySet[AuditEvent]:
    """Everything that happened to the case and its records, oldest first."""
    condition = Q(object_type="cases.case", object_id=str(case.pk))
    condition |= Q(
        object_type="cases.referral", object_id__in=[str(pk) for pk in case.referrals.values_list("pk", flat=True)]
    )
    for label, ids in _related_records(case):
        condition |= Q(object_type=label, object_id__in=[str(pk) for pk in ids])
    return AuditEvent.objects.filter(condition).exclude(action="view").select_related("actor").order_by("at", "id")


def _related_records(case: Case) -> list[tuple[str, list[int]]]:
    """Records of other apps that belong to the case (care plans, contracts, assessments, supervision)."""
    from django.apps import apps

    related = []
    for model in apps.get_models():
        case_field = next(
            (
                f
                for f in model._meta.get_fields()
                if getattr(f, "related_model", None) is Case and f.many_to_one and model._meta.app_label != "cases"
            ),
            None,
        )
        if case_field is not None:
            ids = list(model.objects.filter(**{case_field.name: case}).values_list("pk", flat=True))
            related.append((model._meta.label_lower, ids))
    return related


def _add_months(day: dt.date, months: int) -> dt.date:
    month = day.month - 1 + months
    year, month = day.year + month // 12, month % 12 + 1
    for last_day in (day.day, 30, 29, 28):
        try:
            return day.replace(year=year, month=month, day=last_day)
        except ValueError:
            continue
    raise AssertionError("unreachable")
