"""Optimising a day or a week in the background, and applying the proposal all or nothing."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _

from alongside.core import audit, jobs
from alongside.core.errors import DomainError, ErrorCode, FieldProblem
from alongside.core.locking import locked
from alongside.core.models import AuditAction, Job, JobStatus, Organisation, User
from alongside.dispatch import planning_input, reasons
from alongside.dispatch.models import (
    RunStatus,
    ScheduleRun,
)
from alongside.dispatch.services.checks import (
    CHECKED_RULES,
    require_manage,
    require_proposed,
)
from alongside.planning import constraints, domain
from alongside.scheduling import services as scheduling_services
from alongside.scheduling.choices import VisitStatus
from alongside.scheduling.models import Visit
from alongside.scheduling.services import bookings
from alongside.workforce.models import CaregiverProfile

ENGINES = ("pyvrp", "ortools")
DEFAULT_ENGINE = "pyvrp"

JOB_KIND = "dispatch.optimise"
MAX_TIME_LIMIT_S = 120
MAX_RUN_DAYS = 7  # a day or a week


# --- optimisation --------------------------------------------------------------------------------------


def optimise_start(
    *,
    actor: User,
    organisation: Organisation,
    start: dt.date,
    end: dt.date,
    engine: str = DEFAULT_ENGINE,
    time_limit_s: int | None = None,
    seed: int = 1,
) -> ScheduleRun:
    """Plan a day or a week of the agency's visits in the background (issue 5 point 5). The job's page shows
    the progress and links to the run's page when the proposal is ready."""
    require_manage(actor, organisation)
    time_limit_s = time_limit_s or default_time_limit()
    problems = []
    if end < start:
        problems.append(FieldProblem("end", ErrorCode.INVALID, _("The last day cannot be before the first.")))
    elif (end - start).days + 1 > MAX_RUN_DAYS:
        problems.append(FieldProblem("end", ErrorCode.INVALID, _("Plan one day or one week at a time.")))
    if engine not in ENGINES:
        problems.append(FieldProblem("engine", ErrorCode.INVALID, _("This is not one of the allowed choices.")))
    if not 1 <= time_limit_s <= MAX_TIME_LIMIT_S:
        problems.append(
            FieldProblem(
                "time_limit_s",
                ErrorCode.INVALID,
                _("Give the solver between 1 and %(max)s seconds.") % {"max": MAX_TIME_LIMIT_S},
            )
        )
    if problems:
        raise DomainError(problems)
    from alongside.dispatch.tasks import optimise

    fail_abandoned_runs([organisation.pk])
    with transaction.atomic():
        run = ScheduleRun.objects.create(
            organisation=organisation,
            start=start,
            end=end,
            created_by=actor,
            engine=engine,
            time_limit_s=time_limit_s,
            seed=seed,
        )
        job = jobs.job_start(
            actor=actor, organisation=organisation, kind=JOB_KIND, task=optimise, run_id=run.pk
        )
        run.job = job
        run.save(update_fields=["job"])
        audit.record(
            actor=actor,
            action=AuditAction.CREATE,
            instance=run,
            organisation=organisation,
            changes={"start": [None, start.isoformat()], "end": [None, end.isoformat()], "engine": [None, engine]},
        )
    return run


def fail_abandoned_runs(organisation_ids) -> None:
    """Runs whose worker died (kill -9, a restart) stay queued or planning for ever: once their job is taken for
    dead (core.jobs.STALE_AFTER) they are marked failed. Nothing of them was saved: the proposal is saved whole."""
    jobs.fail_abandoned(Job.objects.filter(organisation_id__in=organisation_ids, kind=JOB_KIND))
    ScheduleRun.objects.filter(
        organisation_id__in=organisation_ids,
        status__in=(RunStatus.QUEUED, RunStatus.RUNNING),
        job__status=JobStatus.FAILED,
    ).update(
        status=RunStatus.FAILED, error=_("The worker stopped before the plan was ready."), finished_at=timezone.now()
    )


def default_time_limit() -> int:
    return settings.DISPATCH_TIME_LIMIT_S


def run_compute(run: ScheduleRun, *, progress=None, job_id: int | None = None) -> ScheduleRun:
    """Build the problem, plan it, check the plan with the independent evaluator, and save the proposal.

    A plan with any hard violation is not saved as a proposal: the run fails with the count. The job running it
    (`job_id`) finishes in the transaction that saves the proposal: a crash leaves both undone or both done."""
    from alongside.planning import evaluator, schedule

    ScheduleRun.objects.filter(pk=run.pk).update(status=RunStatus.RUNNING)
    # What had started when the supervisor asked stays as it was (see problem_for).
    pinput = planning_input.problem_for(
        organisation=run.organisation, start=run.start, end=run.end, frozen_before=run.created_at
    )
    travel = planning_input.travel_times(run.organisation)
    solution, planned_evaluation = schedule.plan(
        pinput.problem, travel, time_limit_s=run.time_limit_s, seed=run.seed, engine=run.engine, progress=progress
    )
    check = evaluator.evaluate(pinput.problem, solution, travel)
    summary = _summary(check)
    if not check.ok:
        codes = sorted({v.code for v in check.violations})
        ScheduleRun.objects.filter(pk=run.pk).update(
            status=RunStatus.FAILED,
            hard_violations=len(check.violations),
            evaluation=summary,
            error=", ".join(codes),
            finished_at=timezone.now(),
        )
        raise RuntimeError(f"the plan broke {len(check.violations)} hard rules: {', '.join(codes)}")
    proposal = _proposal(pinput, solution, travel, planned_evaluation.notes)
    with transaction.atomic():
        current = ScheduleRun.objects.select_for_update().get(pk=run.pk)
        current.proposal, current.evaluation, current.hard_violations = proposal, summary, 0
        current.status, current.finished_at = RunStatus.PROPOSED, timezone.now()
        current.save()
        audit.record(
            actor=current.created_by,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes={"status": [RunStatus.RUNNING, RunStatus.PROPOSED], "evaluation": [None, summary]},
            rule_ids=list(CHECKED_RULES),
        )
        if job_id is not None:
            jobs.finish(
                job_id,
                result_url=run_url(current),
                result={"run_id": current.pk, "unassigned": summary.get("unassigned_count", 0)},
                message=_("The proposed plan is ready."),
            )
    return current


def run_failed(run_id: int, error: str) -> None:
    ScheduleRun.objects.filter(pk=run_id).exclude(status=RunStatus.FAILED).update(
        status=RunStatus.FAILED, error=error[:2000], finished_at=timezone.now()
    )


def run_url(run: ScheduleRun) -> str:
    return reverse("dispatch_run_detail", args=[run.pk])


def _summary(check) -> dict:
    return {
        "unassigned_count": check.unassigned_count,
        "unassigned_minutes": check.unassigned_minutes,
        "travel_minutes": check.travel_minutes,
        "waiting_minutes": check.waiting_minutes,
        "preference_cost": check.preference_cost,
        "hard_violations": len(check.violations),
        "violations": [
            {"code": v.code, "params": dict(v.params), "visit": v.visit_id, "caregiver": v.caregiver_id}
            for v in check.violations
        ],
    }


def _proposal(pinput: planning_input.PlanningInput, solution: domain.Solution, travel, notes=()) -> dict:
    """Per visit: the version read, the current and proposed caregiver, start and route order, the travel
    from the previous stop (or home); per unassigned visit, why no caregiver could take it."""
    problem = pinput.problem
    planned = {p.visit_id: p for p in solution.planned}
    routes: dict[tuple[str, dt.date], list[domain.PlannedVisit]] = {}
    for p in solution.planned:
        routes.setdefault((p.caregiver_id, problem.visit_by_id[p.visit_id].day), []).append(p)
    order, legs, home_legs = {}, {}, {}
    for (caregiver_id, day), stops in routes.items():
        stops.sort(key=lambda p: (p.start, p.visit_id))
        home = problem.caregiver_by_id[caregiver_id].home
        place = home
        for index, stop in enumerate(stops, start=1):
            location = problem.client_by_id[problem.visit_by_id[stop.visit_id].client_id].location
            order[stop.visit_id], legs[stop.visit_id] = index, travel.minutes(place, location)
            place = location
        home_legs[f"{caregiver_id}:{day.isoformat()}"] = travel.minutes(place, home)
    usage = constraints.Usage()
    for p in solution.planned:
        usage.add(problem.visit_by_id[p.visit_id], p.caregiver_id, p.start)
    noted = {n.params.get("visit_id"): n for n in notes if n.params.get("visit_id")}
    entries = []
    for visit_id, row in pinput.visits.items():
        p = planned.get(visit_id)
        entry = {
            "visit": row.pk,
            "version": row.version,
            "locked": row.locked,
            "was_caregiver": row.caregiver_id,
            "was_start": planning_input.minutes(row.planned_start) if row.planned_start else None,
            "was_route_order": row.route_order,
            "caregiver": int(p.caregiver_id) if p else None,
            "start": p.start if p else None,
            "route_order": order.get(visit_id),
            "travel_minutes": legs.get(visit_id, 0),
        }
        if p is None:
            why = _why_unassigned(problem, problem.visit_by_id[visit_id], usage)
            note = noted.get(visit_id)
            entry["why"] = ([{"code": note.code, "params": dict(note.params), "caregivers": 0}] if note else []) + why
        entries.append(entry)
    return {"visits": entries, "home_legs": home_legs, "caregivers": sorted(int(i) for i in pinput.caregivers)}


def _why_unassigned(problem: domain.Problem, visit: domain.Visit, usage: constraints.Usage) -> list[dict]:
    """The hard reasons that kept each caregiver from the visit, most common first (one line per code)."""
    counts: dict[str, tuple[int, dict]] = {}
    for caregiver in problem.caregivers:
        for reason in constraints.hard_reasons(problem, caregiver, visit, usage):
            n, params = counts.get(reason.code, (0, dict(reason.params)))
            counts[reason.code] = (n + 1, params)
    if not counts:
        return [{"code": "overlapping_visit", "params": {"day": visit.day.isoformat()}, "caregivers": 0}]
    ranked = sorted(counts.items(), key=lambda item: -item[1][0])
    return [{"code": code, "params": params, "caregivers": n} for code, (n, params) in ranked]


def run_apply(*, actor: User, run: ScheduleRun) -> int:
    """Apply a proposal in one transaction: every changed visit gets its caregiver, start and route order.

    Refused, with nothing written, when any visit of the run changed since the run read it (its version), a
    visit was added or removed in the period, or the proposal breaks a hard rule today (leave approved since,
    a qualification expired). Locked visits are fixed in the problem, so the proposal never changes them."""
    from alongside.planning import evaluator

    require_manage(actor, run.organisation)
    with locked(ScheduleRun.objects.select_related("organisation"), run.pk, require_proposed) as current:
        entries = current.proposal.get("visits", [])
        rows = {v.pk: v for v in Visit.objects.select_for_update().filter(pk__in=[e["visit"] for e in entries])}
        frozen_before = current.created_at
        now_ids = {
            v.pk
            for v in planning_input.visits_between(
                current.organisation, current.start, current.end, frozen_before=frozen_before
            )
        }
        stale = [
            e["visit"]
            for e in entries
            if e["visit"] not in rows
            or rows[e["visit"]].version != e["version"]
            or rows[e["visit"]].status != VisitStatus.PLANNED
        ]
        if stale or now_ids != {e["visit"] for e in entries}:
            raise DomainError.single(
                "run",
                ErrorCode.STALE_VERSION,
                _("The schedule changed after this plan was made (%(count)s visits). Start a new optimisation.")
                % {"count": len(stale) or len(now_ids ^ {e["visit"] for e in entries})},
            )
        pinput = planning_input.problem_for(
            organisation=current.organisation, start=current.start, end=current.end, frozen_before=frozen_before
        )
        solution = domain.Solution(
            tuple(
                domain.PlannedVisit(str(e["visit"]), str(e["caregiver"]), e["start"])
                for e in entries
                if e["caregiver"] is not None
            ),
            tuple(str(e["visit"]) for e in entries if e["caregiver"] is None),
        )
        check = evaluator.evaluate(pinput.problem, solution, planning_input.travel_times(current.organisation))
        if not check.ok:
            problems = [
                FieldProblem("run", v.code, reasons.describe(constraints.Reason(v.code, v.params)).text)
                for v in check.violations[:10]
            ]
            raise DomainError(problems)
        caregivers = {c.pk: c for c in CaregiverProfile.objects.filter(organisation=current.organisation)}
        changed = 0
        bookings.defer()  # visits may swap caregivers: double booking is checked once all are written
        for entry in entries:
            row = rows[entry["visit"]]
            if row.locked:
                continue
            was_start = planning_input.minutes(row.planned_start) if row.planned_start else None
            if (row.caregiver_id, was_start, row.route_order) == (
                entry["caregiver"],
                entry["start"],
                entry["route_order"],
            ):
                continue
            if entry["caregiver"] is None and row.caregiver_id is None:
                continue
            start = planning_input.to_time(entry["start"]) if entry["start"] is not None else None
            scheduling_services.visit_set_caregiver(
                actor=actor,
                visit=row,
                caregiver=caregivers.get(entry["caregiver"]),
                start_time=start,
                route_order=entry["route_order"],
                reason=_("Schedule optimisation %(run)s") % {"run": current.pk},
                rule_ids=list(CHECKED_RULES),
                check_overlap=False,
            )
            changed += 1
        bookings.check(rows)
        current.status, current.applied_at, current.applied_by = RunStatus.APPLIED, timezone.now(), actor
        current.save(update_fields=["status", "applied_at", "applied_by"])
        audit.record(
            actor=actor,
            action=AuditAction.UPDATE,
            instance=current,
            organisation=current.organisation,
            changes={"status": [RunStatus.PROPOSED, RunStatus.APPLIED], "visits_changed": [None, changed]},
        )
    return changed
