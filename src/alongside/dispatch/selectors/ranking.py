"""Caregivers ranked for a visit, a plan or the visits of a leave, with the reasons in words."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.utils import timezone

from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.dispatch import planning_input, reasons
from alongside.dispatch.models import ClientNotice
from alongside.dispatch.reasons import ReasonLine
from alongside.dispatch.selectors.reach import can_manage
from alongside.planning import constraints, matching
from alongside.scheduling.choices import VisitStatus
from alongside.scheduling.models import Visit, VisitPlan
from alongside.workforce.choices import LeaveStatus
from alongside.workforce.models import CaregiverProfile, Leave
from alongside.workforce.rules_input import LEAVE_NOTICE_DAYS

PLAN_HORIZON_DAYS = 28  # a plan's upcoming visits: the next four weeks


# --- matching ------------------------------------------------------------------------------------------


@dataclass
class MatchRow:
    """One caregiver in the ranking, with the reasons in words."""

    caregiver: CaregiverProfile
    eligible: bool
    score: int
    lines: list[ReasonLine]
    eligible_visits: int = 0
    total_visits: int = 1
    override_codes: list[str] = field(default_factory=list)  # soft preferences an assignment would override
    current: bool = False
    no_place: bool = False

    @property
    def hard_lines(self) -> list[ReasonLine]:
        return [line for line in self.lines if line.hard]

    @property
    def soft_lines(self) -> list[ReasonLine]:
        return [line for line in self.lines if not line.hard]

    @property
    def needs_override(self) -> bool:
        return self.eligible and bool(self.override_codes)

    def as_dict(self) -> dict:
        return {
            "caregiver_id": self.caregiver.pk,
            "name": self.caregiver.person.name,
            "eligible": self.eligible,
            "score": self.score,
            "eligible_visits": self.eligible_visits,
            "total_visits": self.total_visits,
            "needs_override": self.needs_override,
            "override_codes": self.override_codes,
            "current": self.current,
            "reasons": [line.as_dict() for line in self.lines],
        }


@dataclass
class Match:
    rows: list[MatchRow]
    visits: list[Visit]

    @property
    def eligible(self) -> list[MatchRow]:
        return [r for r in self.rows if r.eligible]

    @property
    def barred(self) -> list[MatchRow]:
        return [r for r in self.rows if not r.eligible]


def rank(pinput: planning_input.PlanningInput, visit_ids: list[str], *, current_caregiver: str | None = None):
    """Every caregiver ranked for these visits, eligible first, each with reasons in words.

    A preference is overridden when the caregiver scores worse than the best eligible caregiver on the soft
    preferences (travel aside: the route pays for it); the unmet preferences are then the codes to justify."""
    suggestions = matching.rank(
        pinput.problem, visit_ids, planning_input.travel_times(pinput.organisation), current=pinput.current
    )
    no_travel = {s.caregiver_id: constraints.preference_cost(s.soft_reasons, with_travel=False) for s in suggestions}
    best = min((no_travel[s.caregiver_id] for s in suggestions if s.eligible), default=0)
    rows = []
    for s in suggestions:
        unmet = [r.code for r in s.soft_reasons if r.points > 0 and r.code != "travel_from_home"]
        rows.append(
            MatchRow(
                caregiver=pinput.caregivers[s.caregiver_id],
                eligible=s.eligible,
                score=s.score,
                lines=reasons.describe_all(s.reasons),
                eligible_visits=s.eligible_visits,
                total_visits=len(visit_ids),
                override_codes=unmet if no_travel[s.caregiver_id] > best else [],
                current=s.caregiver_id == current_caregiver,
                no_place=s.caregiver_id in pinput.without_place,
            )
        )
    return rows


def visit_match(*, actor: User, visit: Visit) -> Match:
    """Caregivers ranked for one visit (issue 5 point 4): eligible first, best first, each with its reasons."""
    if not can_manage(actor, visit.organisation):
        raise NotFound
    pinput = planning_input.problem_for(organisation=visit.organisation, start=visit.on, end=visit.on)
    if str(visit.pk) not in pinput.visits:
        return Match([], [visit])
    current = str(visit.caregiver_id) if visit.caregiver_id else None
    return Match(rank(pinput, [str(visit.pk)], current_caregiver=current), [visit])


def upcoming_plan_visits(plan: VisitPlan, today: dt.date) -> list[Visit]:
    return list(planning_input.plan_visits(plan, start=today, horizon_days=PLAN_HORIZON_DAYS))


def plan_match(*, actor: User, plan: VisitPlan, today: dt.date) -> Match:
    """Caregivers ranked for all of a plan's visits of the next four weeks; a caregiver is eligible when no hard
    rule bars them from any of them."""
    if not can_manage(actor, plan.organisation):
        raise NotFound
    visits = [v for v in upcoming_plan_visits(plan, today) if not (v.locked and v.caregiver_id is None)]
    if not visits:
        return Match([], [])
    pinput = planning_input.problem_for(organisation=plan.organisation, start=visits[0].on, end=visits[-1].on)
    regular = str(plan.regular_caregiver_id) if plan.regular_caregiver_id else None
    return Match(rank(pinput, [str(v.pk) for v in visits], current_caregiver=regular), visits)


# --- leave cover ---------------------------------------------------------------------------------------


@dataclass
class CoverItem:
    visit: Visit
    rows: list[MatchRow]
    notice: ClientNotice | None = None

    on_leave: int | None = None

    @property
    def covered(self) -> bool:
        return self.visit.caregiver_id is not None and self.visit.caregiver_id != self.on_leave

    @property
    def key(self) -> str:
        return f"v{self.visit.pk}"

    @property
    def eligible(self) -> list[MatchRow]:
        return [r for r in self.rows if r.eligible]

    @property
    def barred(self) -> list[MatchRow]:
        return [r for r in self.rows if not r.eligible]


@dataclass
class LeaveCover:
    leave: Leave
    items: list[CoverItem]
    late: bool  # asked for less than three days ahead

    @property
    def notice_days(self) -> int:
        return LEAVE_NOTICE_DAYS


def leave_visits(leave: Leave) -> list[Visit]:
    """The caregiver's planned visits that overlap the leave."""
    first, last = dt.date.fromordinal(leave.starts_at.toordinal() - 1), leave.ends_at.date() + dt.timedelta(days=1)
    candidates = Visit.objects.filter(caregiver=leave.caregiver, status=VisitStatus.PLANNED, on__range=(first, last))
    return [
        v
        for v in candidates.select_related("client", "organisation", "caregiver__person")
        if v.starts_at < leave.ends_at and v.ends_at > leave.starts_at
    ]


def visits_of_leave(leave: Leave) -> list[Visit]:
    """The visits the leave affects: still the caregiver's, or already handed to a substitute from this page."""
    own = leave_visits(leave)
    handed = Visit.objects.filter(client_notices__leave=leave).select_related(
        "client", "organisation", "caregiver__person"
    )
    return sorted({v.pk: v for v in [*own, *handed]}.values(), key=lambda v: (v.on, v.start_time, v.pk))


def is_late(leave: Leave) -> bool:
    """Asked for less than three days before it starts (004 ch. 8: 請事假應於三天前向機構請假)."""
    days = (timezone.localtime(leave.starts_at).date() - timezone.localtime(leave.requested_at).date()).days
    return days < LEAVE_NOTICE_DAYS


def leave_cover(*, actor: User, leave: Leave) -> LeaveCover:
    """The visits of an approved leave, each with substitutes ranked (issue 5 point 2)."""
    if not can_manage(actor, leave.caregiver.organisation):
        raise NotFound
    items = []
    if leave.status == LeaveStatus.APPROVED:
        visits = visits_of_leave(leave)
        if visits:
            pinput = planning_input.problem_for(
                organisation=leave.caregiver.organisation, start=visits[0].on, end=visits[-1].on
            )
            notices = _latest_notices([v.pk for v in visits])
            for visit in visits:
                rows = []
                if str(visit.pk) in pinput.visits:
                    current = str(visit.caregiver_id) if visit.caregiver_id else None
                    rows = [
                        r
                        for r in rank(pinput, [str(visit.pk)], current_caregiver=current)
                        if r.caregiver.pk != leave.caregiver_id
                    ]
                items.append(CoverItem(visit, rows, notices.get(visit.pk), on_leave=leave.caregiver_id))
    return LeaveCover(leave, items, is_late(leave))


def _latest_notices(visit_ids: list[int]) -> dict[int, ClientNotice]:
    found: dict[int, ClientNotice] = {}
    for notice in ClientNotice.objects.filter(visit__in=visit_ids).order_by("created_at", "id"):
        found[notice.visit_id] = notice
    return found
