"""Reading supervision contacts: only those of cases the actor may see (alongside.cases.selectors.case_list)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass

from django.db.models import Q, QuerySet
from django.utils.translation import gettext as _

from alongside.cases import selectors as case_selectors
from alongside.core import permissions
from alongside.core.errors import DomainError, ErrorCode, NotFound
from alongside.core.models import User
from alongside.core.roles import Role
from alongside.supervision import choices as c
from alongside.supervision.models import SupervisionContact


def contact_list(*, actor: User, case_id: int) -> QuerySet[SupervisionContact]:
    """A case's contacts by due date, cancelled ones included (the page shows them apart)."""
    case = case_selectors.case_get(actor=actor, case_id=case_id)
    return case.supervision_contacts.select_related("recorded_by").order_by("due_on", "id")


def contact_get(*, actor: User, contact_id: int) -> SupervisionContact:
    try:
        return _visible(actor).select_related("case__organisation", "case__client").get(pk=contact_id)
    except (SupervisionContact.DoesNotExist, ValueError, TypeError):
        raise NotFound from None


def overdue_contacts(*, actor: User, today: dt.date, supervisor_id: int | None = None) -> QuerySet[SupervisionContact]:
    """Planned contacts whose day has passed, of cases still in service, oldest first."""
    return _in_service(actor, supervisor_id).filter(status=c.Status.PLANNED, due_on__lt=today).order_by("due_on", "id")


@dataclass(frozen=True)
class Day:
    day: dt.date
    contacts: list[SupervisionContact]


@dataclass(frozen=True)
class Week:
    year: int
    week: int
    days: list[Day]  # Monday to Sunday
    overdue_before: list[SupervisionContact]  # still planned, due before this week and before today

    @property
    def monday(self) -> dt.date:
        return self.days[0].day

    @property
    def sunday(self) -> dt.date:
        return self.days[-1].day

    @property
    def previous(self) -> tuple[int, int]:
        return (self.monday - dt.timedelta(days=7)).isocalendar()[:2]

    @property
    def next(self) -> tuple[int, int]:
        return (self.monday + dt.timedelta(days=7)).isocalendar()[:2]


def supervisor_week(*, actor: User, supervisor_id: int, year: int, week: int, today: dt.date) -> Week:
    """The contacts due in ISO week `week` of `year` across the supervisor's cases, by day (cancelled left out)."""
    monday = _monday(year, week)
    days = [monday + dt.timedelta(days=offset) for offset in range(7)]
    contacts = list(
        _in_service(actor, supervisor_id).exclude(status=c.Status.CANCELLED)
        .filter(due_on__range=(days[0], days[-1])).order_by("due_on", "case__number", "id")
    )  # fmt: skip
    overdue = overdue_contacts(actor=actor, today=min(today, monday), supervisor_id=supervisor_id)
    return Week(year, week, [Day(day, [x for x in contacts if x.due_on == day]) for day in days], list(overdue))


def _monday(year: int, week: int) -> dt.date:
    try:
        if not 1 < year < 9999:  # the week's days (and the ones around it) must be dates; year 2**70 was a 500
            raise ValueError(year)
        return dt.date.fromisocalendar(year, week, 1)
    except (ValueError, OverflowError):
        raise DomainError.single("week", ErrorCode.INVALID, _("There is no such week in that year.")) from None


def _visible(actor: User) -> QuerySet[SupervisionContact]:
    return SupervisionContact.objects.filter(case__in=case_selectors.case_list(actor=actor).values("pk"))


def _in_service(actor: User, supervisor_id: int | None) -> QuerySet[SupervisionContact]:
    cases = case_selectors.case_list(actor=actor, supervisor_id=supervisor_id).filter(stage__in=c.IN_SERVICE)
    return SupervisionContact.objects.filter(case__in=cases.values("pk")).select_related("case__client")


def supervisors_for(*, actor: User) -> list[User]:
    """Whose week the actor may open: their own as a supervisor, every supervisor of an agency they manage."""
    memberships = list(permissions.active_memberships(actor))
    managed = [m.organisation_id for m in memberships if m.role == Role.MANAGER]
    own = actor.pk if any(m.role == Role.SUPERVISOR for m in memberships) else None
    supervising = Q(memberships__role=Role.SUPERVISOR, memberships__active=True)
    return list(User.objects.filter(supervising & (Q(pk=own) | Q(memberships__organisation_id__in=managed)))
                .distinct().order_by("username"))  # fmt: skip
