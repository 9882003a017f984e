"""Visit plans and visits for the demo agency: the proposed plans of every open or suspended case's care
plan (regular caregiver = the client's linked caregiver, when workforce made a profile for them), starting at
a morning or afternoon time when that caregiver is still free, generated from the first of last month to the end
of next week. A few visits next week are left without a caregiver and two of this week's are locked, so that
the week view and dispatch have something to show.

Written through alongside.scheduling.services, as the web does. Called from builder.py after workforce's build.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random

from alongside.billing.locks import previous_month
from alongside.careplans.models import CarePlan
from alongside.core.models import Organisation
from alongside.core.roles import Role
from alongside.demo.members import member_of
from alongside.scheduling import services
from alongside.scheduling.models import Visit
from alongside.workforce import selectors as workforce_selectors

START_TIMES = (dt.time(8, 0), dt.time(9, 0), dt.time(10, 30), dt.time(13, 30), dt.time(15, 0))
UNASSIGNED = 4  # visits next week without a caregiver (a caregiver's leave, a new client)
LOCKED = 2  # visits this week the supervisor agreed with the family and locked


def build(*, organisation: Organisation, today: dt.date, rng: random.Random) -> dict[str, int]:
    """Returns {"plans": …, "visits": …, "unassigned": …} for the builder's summary line."""
    supervisor = supervisor_of(organisation)
    plans = 0
    care_plans = (CarePlan.objects.filter(case__organisation=organisation, case__stage__in=("open", "suspended"))
                  .select_related("case__client").order_by("case__number", "-number"))  # fmt: skip
    latest: dict[int, CarePlan] = {}
    for care_plan in care_plans:
        latest.setdefault(care_plan.case_id, care_plan)
    busy: dict[int, list[tuple[set[str], int, int]]] = {}  # caregiver -> (weekdays, start, end) already planned
    for care_plan in latest.values():
        for proposal in _proposals_that_fit(care_plan, busy, rng):
            data = dataclasses.replace(proposal, flexibility_minutes=rng.choice((15, 30, 30, 60)))
            services.visit_plan_create(actor=supervisor, organisation=organisation, data=data)
            plans += 1
    monday = today - dt.timedelta(days=today.weekday())
    # From the first of last month, so that the demo has a month to close and this month's hours to confirm.
    result = services.visits_generate(actor=supervisor, organisation=organisation, start=previous_month(today),
                                      end=monday + dt.timedelta(days=13))  # fmt: skip
    upcoming = list(Visit.objects.filter(organisation=organisation, status="planned", caregiver__isnull=False,
                                         on__gte=monday + dt.timedelta(days=7)).order_by("on", "id"))  # fmt: skip
    for visit in rng.sample(upcoming, min(UNASSIGNED, len(upcoming))):
        services.visit_set_caregiver(actor=supervisor, visit=visit, caregiver=None, start_time=None,
                                     reason="服務員請假，待重新派案")  # fmt: skip
    sunday = monday + dt.timedelta(days=6)
    this_week = list(Visit.objects.filter(organisation=organisation, status="planned", caregiver__isnull=False,
                                          on__range=(today, sunday)).order_by("on", "id"))  # fmt: skip
    # A supervisor locks only what the caregiver can lawfully do: a lock that broke a hard rule would stop
    # every re-optimisation of the week until someone unlocked it.
    lawful = [v for v in this_week if _caregiver_may_take(v)]
    for visit in rng.sample(lawful, min(LOCKED, len(lawful))):
        services.visit_lock(actor=supervisor, visit=visit, locked=True)
    unassigned = Visit.objects.filter(organisation=organisation, status="planned", caregiver__isnull=True).count()
    return {"plans": plans, "visits": result.created, "unassigned": unassigned}


def _caregiver_may_take(visit: Visit) -> bool:
    """A valid qualification on the day, and the whole visit inside the caregiver's availability."""
    start, end = _minutes(visit.start_time), _minutes(visit.start_time) + visit.duration_minutes
    shifts = workforce_selectors.availability_shifts(visit.caregiver, visit.on, visit.on)
    return bool(workforce_selectors.valid_qualifications(visit.caregiver, visit.on)) and any(
        s <= start and end <= e for _day, s, e in shifts
    )


def _proposals_that_fit(care_plan: CarePlan, busy: dict, rng: random.Random) -> list:
    """The care plan's proposals from the first start time (in a random order) at which the regular caregiver has
    no other demo visit; the caregiver's week is then booked. With no free time, the last try is kept: the week
    view then shows a double booking for dispatch to solve."""
    starts = list(START_TIMES)
    rng.shuffle(starts)
    for start in starts:
        proposals = services.visit_plan_proposals(care_plan=care_plan, day_start=start)
        caregiver = proposals[0].regular_caregiver if proposals else None
        slots = [(_weekdays(p.rrule), _minutes(p.start_time), _minutes(p.start_time) + p.duration_minutes)
                 for p in proposals]  # fmt: skip
        if caregiver is None or not any(_clash(slot, taken) for slot in slots for taken in busy.get(caregiver.pk, [])):
            break
    if caregiver is not None:
        busy.setdefault(caregiver.pk, []).extend(slots)
    return proposals


def _weekdays(rule: str) -> set[str]:
    byday = next((part[6:] for part in rule.split(";") if part.startswith("BYDAY=")), "MO,TU,WE,TH,FR,SA,SU")
    return set(byday.split(","))


def _minutes(value: dt.time) -> int:
    return value.hour * 60 + value.minute


def _clash(slot: tuple[set[str], int, int], taken: tuple[set[str], int, int]) -> bool:
    return bool(slot[0] & taken[0]) and slot[1] < taken[2] and taken[1] < slot[2]


def supervisor_of(organisation: Organisation):
    return member_of(organisation, Role.SUPERVISOR) or member_of(organisation, Role.MANAGER)
