"""Assigning a caregiver to a visit or a whole plan under the hard rules, and the client's own word (D-20)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit
from alongside.core.errors import DomainError, ErrorCode, FieldProblem, NotFound
from alongside.core.locking import locked
from alongside.core.models import AuditAction, User
from alongside.dispatch import planning_input, reasons, selectors
from alongside.dispatch.models import (
    ChoiceKind,
    ClientChoice,
    MatchOverride,
)
from alongside.dispatch.services.checks import (
    CHECKED_RULES,
    require_caregiver_of,
    require_manage,
    require_open,
)
from alongside.planning import constraints, domain
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.models import Visit, VisitPlan
from alongside.workforce.models import CaregiverProfile

# --- deciding one assignment -----------------------------------------------------------------------------


@dataclass
class Decision:
    """What the rules say about giving `visit_ids` to one caregiver."""

    hard: dict[str, list[constraints.Reason]] = field(default_factory=dict)  # visit id -> hard reasons
    starts: dict[str, int] = field(default_factory=dict)  # visit id -> start (minutes) for the allowed ones
    override_codes: list[str] = field(default_factory=list)
    override_texts: list[str] = field(default_factory=list)
    rule_ids: list[str] = field(default_factory=list)


def decide(pinput: planning_input.PlanningInput, visit_ids: list[str], caregiver_id: str) -> Decision:
    """Hard rules per visit, in date order, counting what the caregiver already has (other visits of the period,
    booked minutes of the month) and the visits given to them earlier in the same list; soft preferences from
    the ranking (an override when the caregiver ranks below the best eligible one)."""
    problem = pinput.problem
    caregiver = problem.caregiver_by_id[caregiver_id]
    targets = set(visit_ids)
    usage = constraints.Usage()
    for planned in pinput.current.planned:
        if planned.visit_id not in targets:
            usage.add(problem.visit_by_id[planned.visit_id], planned.caregiver_id, planned.start)
    decision = Decision()
    ordered = sorted((problem.visit_by_id[i] for i in visit_ids), key=lambda v: (v.day, v.earliest_start, v.id))
    for visit in ordered:
        hard = constraints.hard_reasons(problem, caregiver, visit, usage)
        if hard:
            decision.hard[visit.id] = hard
            continue
        start = _start(caregiver, visit, usage.busy.get((caregiver.id, visit.day), []), pinput.visits[visit.id])
        decision.starts[visit.id] = start
        usage.add(visit, caregiver.id, start)
    rows = selectors.rank(pinput, visit_ids)
    row = next(r for r in rows if str(r.caregiver.pk) == caregiver_id)
    decision.override_codes = list(row.override_codes)
    decision.override_texts = [line.text for line in row.lines if line.code in row.override_codes]
    decision.rule_ids = sorted({*CHECKED_RULES, *(constraints.SOFT_RULES[code] for code in decision.override_codes)})
    return decision


def _start(caregiver: domain.Caregiver, visit: domain.Visit, busy, row: Visit) -> int:
    """The visit's planned start when the caregiver is free then, else the earliest free start in the window."""
    if row.planned_start is not None:
        wanted = planning_input.minutes(row.planned_start)
        inside = any(lo <= wanted <= hi for lo, hi in constraints.shift_starts(caregiver, visit))
        free = all(wanted + visit.duration <= b or e <= wanted for b, e, vid in busy if vid != visit.id)
        if inside and free:
            return wanted
    start = constraints.free_start(caregiver, visit, busy)
    assert start is not None  # hard_reasons found a free start
    return start


def _hard_problems(hard: list[constraints.Reason]) -> list[FieldProblem]:
    """One problem per hard reason, on the caregiver field, code = the planning code (the API's 422)."""
    seen, problems = set(), []
    for reason in hard:
        if reason.code not in seen:
            seen.add(reason.code)
            problems.append(FieldProblem("caregiver", reason.code, reasons.describe(reason).text))
    return problems


def _override_problem(decision: Decision) -> FieldProblem:
    return FieldProblem(
        "override_reason",
        ErrorCode.REASON_REQUIRED,
        _("This choice goes against the client's preferences: %(preferences)s Write why you choose this caregiver.")
        % {"preferences": " ".join(decision.override_texts)},
    )


# --- assigning -----------------------------------------------------------------------------------------


def assign(
    *, actor: User, visit: Visit, caregiver: CaregiverProfile, override_reason: str = "",
    expected_version: int | None = None,
) -> Visit:  # fmt: skip
    """Give a visit to a caregiver (issue 5 point 4). The hard rules are checked again inside the transaction
    with the visit row locked; a soft override needs `override_reason` and is recorded. With `expected_version`
    (the visit as the page showed it), a visit someone else changed meanwhile is refused, not overwritten."""
    require_manage(actor, visit.organisation)
    require_caregiver_of(caregiver, visit.organisation)
    override_reason = (override_reason or "").strip()
    with locked(Visit.objects.select_related("organisation", "client"), visit.pk, require_open) as current:
        if current.caregiver_id == caregiver.pk:
            return current
        if expected_version is not None and current.version != expected_version:
            raise DomainError(_stale_visit(current))
        pinput = planning_input.problem_for(organisation=current.organisation, start=current.on, end=current.on)
        decision = decide(pinput, [str(current.pk)], str(caregiver.pk))
        if decision.hard:
            raise DomainError(_hard_problems(decision.hard[str(current.pk)]))
        if decision.override_codes and not override_reason:
            raise DomainError(_override_problem(decision))
        start = planning_input.to_time(decision.starts[str(current.pk)])
        updated = scheduling_services.visit_set_caregiver(
            actor=actor,
            visit=current,
            caregiver=caregiver,
            start_time=start,
            reason=override_reason,
            rule_ids=decision.rule_ids,
        )
        if decision.override_codes:
            _record_override(actor, updated, caregiver, decision.override_codes, override_reason)
    return updated


def _stale_visit(visit: Visit) -> FieldProblem:
    holder = visit.caregiver.person.name if visit.caregiver_id else _("nobody")
    return FieldProblem(
        "version",
        ErrorCode.STALE_VERSION,
        _("Someone else changed this visit after you opened it: it is now with %(caregiver)s at %(time)s. "
          "Nothing was changed by you. Check, then choose again.")
        % {"caregiver": holder, "time": f"{visit.start_time:%H:%M}"},
    )  # fmt: skip


def _record_override(actor: User, visit: Visit, caregiver: CaregiverProfile, codes: list[str], reason: str):
    override = MatchOverride.objects.create(
        organisation=visit.organisation, visit=visit, caregiver=caregiver, codes=codes, reason=reason, decided_by=actor
    )
    rule_ids = sorted({constraints.SOFT_RULES[code] for code in codes})
    audit.record(
        actor=actor,
        action=AuditAction.CREATE,
        instance=override,
        organisation=visit.organisation,
        changes={"caregiver": [None, caregiver.pk], "overridden": [None, codes]},
        reason=reason,
        rule_ids=rule_ids,
    )
    return override


@dataclass
class PlanAssignment:
    assigned: list[Visit] = field(default_factory=list)
    refused: list[tuple[Visit, list[reasons.ReasonLine]]] = field(default_factory=list)
    locked: list[Visit] = field(default_factory=list)


def plan_assign(
    *,
    actor: User,
    plan: VisitPlan,
    caregiver: CaregiverProfile,
    override_reason: str = "",
    today: dt.date | None = None,
    make_regular: bool = True,
) -> PlanAssignment:
    """Give a plan's upcoming unlocked visits (four weeks) to a caregiver: every visit that passes the hard rules
    is assigned, the others are listed with their reasons and left as they are; the caregiver becomes the plan's
    regular caregiver (unless `make_regular` is False). One transaction."""
    require_manage(actor, plan.organisation)
    require_caregiver_of(caregiver, plan.organisation)
    override_reason = (override_reason or "").strip()
    today = today or timezone.localdate()
    result = PlanAssignment()
    with transaction.atomic():
        rows = list(
            Visit.objects.select_for_update()
            .filter(pk__in=[v.pk for v in selectors.upcoming_plan_visits(plan, today)])
            .order_by("on", "earliest_start", "id")
        )
        result.locked = [v for v in rows if v.locked]
        open_rows = [v for v in rows if not v.locked and v.caregiver_id != caregiver.pk]
        if not open_rows:
            return result
        pinput = planning_input.problem_for(organisation=plan.organisation, start=open_rows[0].on, end=open_rows[-1].on)
        ids = [str(v.pk) for v in open_rows if str(v.pk) in pinput.visits]
        decision = decide(pinput, ids, str(caregiver.pk))
        if decision.starts and decision.override_codes and not override_reason:
            raise DomainError(_override_problem(decision))
        for row in open_rows:
            key = str(row.pk)
            if key in decision.hard:
                result.refused.append((row, reasons.describe_all(decision.hard[key])))
                continue
            if key not in decision.starts:
                continue
            updated = scheduling_services.visit_set_caregiver(
                actor=actor,
                visit=row,
                caregiver=caregiver,
                start_time=planning_input.to_time(decision.starts[key]),
                reason=override_reason,
                rule_ids=decision.rule_ids,
            )
            if decision.override_codes:
                _record_override(actor, updated, caregiver, decision.override_codes, override_reason)
            result.assigned.append(updated)
        if make_regular and result.assigned and plan.regular_caregiver_id != caregiver.pk:
            _make_regular(actor, plan, caregiver)
    return result


def _make_regular(actor: User, plan: VisitPlan, caregiver: CaregiverProfile) -> None:
    """The plan's later visits (generated after this) go to the same caregiver: continuity of care."""
    current = VisitPlan.objects.select_related("organisation", "client", "care_plan__case").get(pk=plan.pk)
    data = scheduling_services.PlanData.of(current, regular_caregiver=caregiver)
    scheduling_services.visit_plan_update(actor=actor, plan=current, data=data, expected_version=current.version)


# --- the client's own choice (D-20) ----------------------------------------------------------------------


def client_choice_set(
    *, actor: User, client, caregiver: CaregiverProfile, kind: str, note: str = "", position: int = 1
) -> ClientChoice:
    """Record that the client asked for (or does not want) this caregiver (D-20)."""
    require_manage(actor, caregiver.organisation)
    if client.organisation_id != caregiver.organisation_id:
        raise NotFound
    if kind not in ChoiceKind.values:
        raise DomainError.single("kind", ErrorCode.INVALID, _("This is not one of the allowed choices."))
    with transaction.atomic():
        choice, created = ClientChoice.objects.update_or_create(
            client=client,
            caregiver=caregiver,
            defaults={
                "organisation": caregiver.organisation,
                "kind": kind,
                "note": note.strip(),
                "position": max(1, position),
                "recorded_by": actor,
            },
        )
        audit.record(
            actor=actor,
            action=AuditAction.CREATE if created else AuditAction.UPDATE,
            instance=choice,
            organisation=caregiver.organisation,
            changes={"kind": [None, kind]},
            reason=note.strip(),
            rule_ids=["D-20"],
        )
    return choice
