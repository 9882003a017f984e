"""An optimisation run read for the page: routes per caregiver and day, the diff, the unassigned and why."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from dataclasses import dataclass

from alongside.core.errors import NotFound
from alongside.core.models import User
from alongside.dispatch import reasons
from alongside.dispatch.models import ScheduleRun
from alongside.dispatch.reasons import ReasonLine
from alongside.dispatch.selectors.reach import can_manage
from alongside.planning import constraints
from alongside.scheduling.models import Visit
from alongside.workforce.models import CaregiverProfile

# --- optimisation runs ---------------------------------------------------------------------------------


@dataclass
class Stop:
    visit: Visit
    start: int
    route_order: int
    travel_minutes: int
    changed: bool
    locked: bool

    @property
    def start_clock(self) -> str:
        return reasons.clock(self.start)

    @property
    def end_clock(self) -> str:
        return reasons.clock(self.start + self.visit.duration_minutes)


@dataclass
class Route:
    caregiver: CaregiverProfile | None
    day: dt.date
    stops: list[Stop]
    travel_minutes: int

    @property
    def travel(self) -> str:
        return reasons.duration(self.travel_minutes)


@dataclass
class Change:
    visit: Visit
    before_caregiver: CaregiverProfile | None
    before_start: int | None
    after_caregiver: CaregiverProfile | None
    after_start: int | None

    @property
    def before_clock(self) -> str:
        return reasons.clock(self.before_start) if self.before_start is not None else ""

    @property
    def after_clock(self) -> str:
        return reasons.clock(self.after_start) if self.after_start is not None else ""


@dataclass
class Unassigned:
    visit: Visit
    lines: list[ReasonLine]


@dataclass
class RunView:
    run: ScheduleRun
    routes: list[Route]
    changes: list[Change]
    unassigned: list[Unassigned]
    missing: int  # visits of the proposal no longer in the schedule

    @property
    def violations(self) -> list[ReasonLine]:
        """The hard rules the solver's plan broke (a failed run keeps them to say why nothing was saved)."""
        found = (self.run.evaluation or {}).get("violations", [])
        return [reasons.describe(constraints.Reason(v["code"], v.get("params", {}))) for v in found]

    @property
    def objective(self) -> list[tuple[str, str]]:
        from django.utils.translation import gettext as _

        e = self.run.evaluation or {}
        if not e:
            return []
        return [
            (_("Visits left unassigned"), str(e.get("unassigned_count", 0))),
            (_("Minutes of care left unassigned"), reasons.duration(e.get("unassigned_minutes", 0))),
            (_("Travel"), reasons.duration(e.get("travel_minutes", 0))),
            (_("Waiting between visits"), reasons.duration(e.get("waiting_minutes", 0))),
            (_("Preference cost (points)"), str(e.get("preference_cost", 0))),
            (_("Hard rules broken"), str(e.get("hard_violations", 0))),
        ]


def run_view(*, actor: User, run: ScheduleRun) -> RunView:
    """The proposal per caregiver and day in route order, the diff against today's schedule and the
    unassigned visits with the reasons."""
    if not can_manage(actor, run.organisation):
        raise NotFound
    proposal = run.proposal or {}
    entries = proposal.get("visits", [])
    visits = {
        v.pk: v
        for v in Visit.objects.filter(pk__in=[e["visit"] for e in entries]).select_related(
            "client", "caregiver__person"
        )
    }
    caregivers = {
        c.pk: c for c in CaregiverProfile.objects.filter(organisation=run.organisation).select_related("person")
    }
    by_route: dict[tuple[int, dt.date], list[Stop]] = defaultdict(list)
    travel: dict[tuple[int, dt.date], int] = defaultdict(int)
    changes, unassigned, missing = [], [], 0
    for entry in entries:
        visit = visits.get(entry["visit"])
        if visit is None:
            missing += 1
            continue
        after, before = entry.get("caregiver"), entry.get("was_caregiver")
        changed = after != before or entry.get("start") != entry.get("was_start")
        if after is not None:
            key = (after, visit.on)
            by_route[key].append(
                Stop(
                    visit,
                    entry["start"],
                    entry.get("route_order") or 0,
                    entry.get("travel_minutes", 0),
                    changed,
                    entry.get("locked", False),
                )
            )
            travel[key] += entry.get("travel_minutes", 0)
        else:
            unassigned.append(
                Unassigned(
                    visit,
                    [
                        reasons.describe(
                            constraints.Reason(w["code"], {**w.get("params", {}), "caregivers": w.get("caregivers", 0)})
                        )
                        for w in entry.get("why", [])
                    ],
                )
            )
        if changed:
            changes.append(
                Change(visit, caregivers.get(before), entry.get("was_start"), caregivers.get(after), entry.get("start"))
            )
    routes = [
        Route(
            caregivers.get(cid),
            day,
            sorted(stops, key=lambda s: (s.route_order, s.start)),
            travel[cid, day] + _home_leg(proposal, cid, day),
        )
        for (cid, day), stops in by_route.items()
    ]
    routes.sort(key=lambda r: (r.caregiver.person.name if r.caregiver else "", r.day))
    changes.sort(key=lambda c: (c.visit.on, c.visit.start_time, c.visit.pk))
    return RunView(run, routes, changes, unassigned, missing)


def _home_leg(proposal: dict, caregiver_id: int, day: dt.date) -> int:
    return int(proposal.get("home_legs", {}).get(f"{caregiver_id}:{day.isoformat()}", 0))
