"""A month of an agency, generated from a seed, and the multi-day rules no public benchmark covers.

`generate_month` makes a Nantou-like agency (towns around 23.9N 120.7E, within about 30 km): 20 working
days, 60 clients with plans of 2-5 visits a week, 20 caregivers with shifts, qualifications (one expiring
mid-month), languages, a few relatives (D-05), refusals, client choices (D-20), caregivers already near their
NT-10 caps, and clients whose other services already use most of their 8 subsidised hours (DP-08).
`month_report` measures the monthly caps, the client's 8-hour day and continuity of care.

    python -m alongside.planning.multiday --seed 1 --time-limit 2
"""

from __future__ import annotations

import argparse
import random
import time
from collections import defaultdict
from collections.abc import Mapping
from dataclasses import dataclass, replace
from datetime import date, timedelta
from fractions import Fraction

from alongside.planning.constraints import month_cap
from alongside.planning.domain import (
    NURSING_DIPLOMA,
    SKILLS_CERTIFICATE,
    TRAINING_CERTIFICATE,
    Caregiver,
    Client,
    Point,
    Policy,
    Problem,
    Qualification,
    Shift,
    Solution,
    Visit,
)

CENTRE = Point(23.9, 120.7)
# Township centres of Nantou county within ~30 km of the centre, weighted by how many clients live there.
TOWNS = (
    ("Nantou City", 23.9157, 120.6640, 5),
    ("Caotun", 23.9740, 120.6800, 4),
    ("Mingjian", 23.8370, 120.6570, 2),
    ("Jiji", 23.8290, 120.7860, 1),
    ("Zhushan", 23.7580, 120.6720, 2),
    ("Zhongliao", 23.8790, 120.7670, 1),
    ("Guoxing", 24.0420, 120.8580, 1),
)
DAY_START, DAY_END = 8 * 60, 17 * 60
DURATIONS = (60, 90, 120, 150, 180)
FLEX = (0, 30, 60, 120)
RELIGIONS = ("folk", "folk", "buddhist", "taoist", "christian", "")
BUILDS = ("small", "medium", "medium", "large")


def working_days(start: date, count: int) -> list[date]:
    days, day = [], start
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += timedelta(days=1)
    return days


def generate_month(
    seed: int,
    *,
    days: int = 20,
    clients: int = 60,
    caregivers: int = 20,
    start: date = date(2025, 3, 3),
    policy: Policy | None = None,
) -> Problem:
    """The same seed always gives the same problem (one private Random; no set iteration order used)."""
    rng = random.Random(seed)
    calendar = working_days(start, days)
    staff = [_caregiver(rng, i, calendar) for i in range(caregivers)]
    people = [_client(rng, i, calendar, staff) for i in range(clients)]
    staff = _add_relatives(rng, staff, people)
    visits = [v for person in people for v in _visit_plan(rng, person, calendar)]
    return Problem(caregivers=tuple(staff), clients=tuple(people), visits=tuple(visits), policy=policy or Policy())


def _place(rng: random.Random) -> Point:
    name, lat, lon, _ = rng.choices(TOWNS, weights=[t[3] for t in TOWNS])[0]
    del name
    return Point(round(lat + rng.gauss(0, 0.018), 5), round(lon + rng.gauss(0, 0.018), 5))


def _languages(rng: random.Random) -> frozenset[str]:
    languages = {"zh"}
    if rng.random() < 0.7:
        languages.add("nan")
    if rng.random() < 0.15:
        languages.add("hak")
    return frozenset(languages)


def _caregiver(rng: random.Random, index: int, calendar: list[date]) -> Caregiver:
    qualifications = [Qualification(TRAINING_CERTIFICATE, date(2018 + index % 6, 5, 1))]
    if index == 3:  # an expired qualification mid-month bars the rest of the month (004 ch.6)
        qualifications = [Qualification(SKILLS_CERTIFICATE, date(2019, 3, 1), calendar[len(calendar) // 2])]
    elif index % 7 == 5:
        qualifications.append(Qualification(NURSING_DIPLOMA, date(2015, 6, 30)))
    part_time = index % 5 == 4  # half of them mornings, half afternoons
    hours = ((DAY_START, 12 * 60), (13 * 60, DAY_END))[index % 10 == 9] if part_time else (DAY_START, DAY_END)
    leave = set(rng.sample(calendar, 2)) if index % 4 == 1 else set()
    shifts = tuple(Shift(day, *hours) for day in calendar if day not in leave)
    booked = rng.choice((170, 180, 190)) * 60 if index % 6 == 2 else 0  # other work booked this month
    return Caregiver(
        id=f"cg{index:02d}",
        sex="male" if index % 4 == 0 else "female",
        home=_place(rng),
        qualifications=tuple(qualifications),
        languages=_languages(rng) | ({"id"} if index == 7 else set()),
        religion=rng.choice(RELIGIONS),
        diet=frozenset({"vegetarian"}) if rng.random() < 0.3 else frozenset(),
        body_build=rng.choice(BUILDS),
        shifts=shifts,
        month_minutes_booked=booked,
        month_public_minutes_booked=booked - 10 * 60 if booked else 0,
        max_month_minutes=80 * 60 if index == 9 else None,
    )


def _client(rng: random.Random, index: int, calendar: list[date], staff: list[Caregiver]) -> Client:
    ids = [c.id for c in staff]
    past = {rng.choice(ids): rng.randint(1, 20)} if rng.random() < 0.5 else {}
    chosen = tuple(rng.sample(ids, 2)) if index % 6 == 0 else ()
    refused = frozenset({rng.choice(ids)}) if index % 15 == 7 else frozenset()
    booked = {day: 6 * 60 for day in calendar[::5]} if index % 20 == 3 else {}  # day care on some days
    return Client(
        id=f"cl{index:02d}",
        sex="female" if rng.random() < 0.65 else "male",
        location=_place(rng),
        languages=_languages(rng),
        religion=rng.choice(RELIGIONS),
        diet=frozenset({"vegetarian"}) if rng.random() < 0.15 else frozenset(),
        body_build=rng.choice(BUILDS),
        chosen_caregivers=chosen,
        refused_caregivers=refused,
        past_caregivers=past,
        subsidised_minutes_booked=booked,
    )


def _add_relatives(rng: random.Random, staff: list[Caregiver], people: list[Client]) -> list[Caregiver]:
    """Three caregivers are the spouse or a lineal relative of one client each (D-05)."""
    staff = list(staff)
    for index in (1, 6, 11):
        if index < len(staff):
            staff[index] = replace(staff[index], relatives=frozenset({rng.choice(people).id}))
    return staff


def _visit_plan(rng: random.Random, client: Client, calendar: list[date]) -> list[Visit]:
    """A weekly pattern (2-5 weekdays, one start time and length) repeated over the month."""
    per_week = rng.randint(2, 5)
    weekdays = sorted(rng.sample(range(5), per_week))
    duration = rng.choice(DURATIONS)
    earliest = rng.randrange(DAY_START, DAY_END - duration + 1, 30)
    latest = min(earliest + rng.choice(FLEX), DAY_END - duration)
    intimate = rng.random() < 0.3
    public = rng.random() < 0.9
    twice = rng.random() < 0.1 and duration <= 120  # morning and afternoon visits for a few clients
    visits = []
    for day in calendar:
        if day.weekday() not in weekdays:
            continue
        starts = [(DAY_START, DAY_START + 60), (13 * 60, 14 * 60)] if twice else [(earliest, latest)]
        for n, (early, late) in enumerate(starts):
            visits.append(
                Visit(
                    id=f"{client.id}-{day:%m%d}-{n}",
                    client_id=client.id,
                    day=day,
                    earliest_start=early,
                    latest_start=late,
                    duration=duration,
                    intimate_care=intimate,
                    publicly_funded=public,
                    subsidised=public,
                )
            )
    return visits


# --- the multi-day rules ------------------------------------------------------------------------


@dataclass(frozen=True)
class MonthReport:
    caregiver_minutes: Mapping[str, tuple[int, int]]  # caregiver -> (month minutes, public minutes), booked included
    month_cap: int
    month_public_cap: int
    caregivers_over_cap: int
    caregivers_over_public_cap: int
    client_day_max_subsidised: int  # the largest subsidised minutes of one client on one day
    client_day_cap: int
    client_days_over_cap: int
    continuity_mean: Fraction  # distinct caregivers per client per ISO week, over client-weeks with visits
    continuity_max: int

    @property
    def max_minutes(self) -> int:
        return max((m for m, _ in self.caregiver_minutes.values()), default=0)

    @property
    def min_minutes(self) -> int:
        return min((m for m, _ in self.caregiver_minutes.values()), default=0)

    @property
    def max_public_minutes(self) -> int:
        return max((p for _, p in self.caregiver_minutes.values()), default=0)

    @property
    def ok(self) -> bool:
        over = self.caregivers_over_cap + self.caregivers_over_public_cap + self.client_days_over_cap
        return over == 0


def month_report(problem: Problem, solution: Solution) -> MonthReport:
    minutes = {c.id: [c.month_minutes_booked, c.month_public_minutes_booked] for c in problem.caregivers}
    client_day: dict[tuple[str, date], int] = defaultdict(int)
    weeks: dict[tuple[str, tuple[int, int]], set[str]] = defaultdict(set)
    for planned in solution.planned:
        visit = problem.visit_by_id[planned.visit_id]
        minutes[planned.caregiver_id][0] += visit.duration
        minutes[planned.caregiver_id][1] += visit.duration if visit.publicly_funded else 0
        if visit.subsidised:
            client_day[visit.client_id, visit.day] += visit.duration
        weeks[visit.client_id, visit.day.isocalendar()[:2]].add(planned.caregiver_id)
    for client in problem.clients:
        for day, booked in client.subsidised_minutes_booked.items():
            if (client.id, day) in client_day:
                client_day[client.id, day] += booked
    policy = problem.policy
    distinct = [len(caregivers) for caregivers in weeks.values()]
    return MonthReport(
        caregiver_minutes={cid: (m[0], m[1]) for cid, m in minutes.items()},
        month_cap=policy.month_cap_minutes,
        month_public_cap=policy.month_public_cap_minutes,
        caregivers_over_cap=sum(_over_own_cap(problem, cid, m[0]) for cid, m in minutes.items()),
        caregivers_over_public_cap=sum(m[1] > policy.month_public_cap_minutes for m in minutes.values()),
        client_day_max_subsidised=max(client_day.values(), default=0),
        client_day_cap=policy.client_day_subsidised_cap_minutes,
        client_days_over_cap=sum(m > policy.client_day_subsidised_cap_minutes for m in client_day.values()),
        continuity_mean=Fraction(sum(distinct), len(distinct)) if distinct else Fraction(0),
        continuity_max=max(distinct, default=0),
    )


def _over_own_cap(problem: Problem, caregiver_id: str, minutes: int) -> bool:
    return minutes > month_cap(problem.caregiver_by_id[caregiver_id], problem.policy)


# --- command line -------------------------------------------------------------------------------


def _hours(minutes: int) -> str:
    return f"{minutes // 60}:{minutes % 60:02d}"


def main(argv: list[str] | None = None) -> int:
    from alongside.planning.evaluator import evaluate
    from alongside.planning.schedule import plan
    from alongside.planning.travel import Cached, StraightLine

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--time-limit", type=float, default=2.0, help="seconds per day")
    parser.add_argument("--engine", default="pyvrp", choices=("pyvrp", "ortools"))
    parser.add_argument("--days", type=int, default=20)
    parser.add_argument("--clients", type=int, default=60)
    parser.add_argument("--caregivers", type=int, default=20)
    args = parser.parse_args(argv)
    problem = generate_month(args.seed, days=args.days, clients=args.clients, caregivers=args.caregivers)
    travel = Cached(StraightLine())
    stamps = [time.perf_counter()]
    solution, evaluation = plan(
        problem,
        travel,
        time_limit_s=args.time_limit,
        seed=args.seed,
        engine=args.engine,
        progress=lambda done, total: stamps.append(time.perf_counter()),
    )
    _print_days(problem, solution, travel, stamps, evaluate)
    _print_month(problem, solution, evaluation)
    return 0 if evaluation.ok else 1


def _print_days(problem, solution, travel, stamps, evaluate) -> None:
    print(f"{'day':<12}{'visits':>7}{'planned':>8}{'unassig':>8}{'travel':>8}{'waiting':>8}{'pref':>7}{'sec':>6}")  # noqa: T201
    for index, day in enumerate(problem.days):
        ids = {v.id for v in problem.visits if v.day == day}
        day_problem = replace(problem, visits=tuple(v for v in problem.visits if v.day == day))
        day_solution = Solution(
            planned=tuple(p for p in solution.planned if p.visit_id in ids),
            unassigned=tuple(i for i in solution.unassigned if i in ids),
        )
        e = evaluate(day_problem, day_solution, travel)
        seconds = stamps[index + 1] - stamps[index]
        print(  # noqa: T201
            f"{day.isoformat():<12}{len(ids):>7}{len(day_solution.planned):>8}{e.unassigned_count:>8}"
            f"{e.travel_minutes:>8}{e.waiting_minutes:>8}{e.preference_cost:>7}{seconds:>6.1f}"
        )


def _print_month(problem: Problem, solution: Solution, evaluation) -> None:
    r = month_report(problem, solution)
    lines = [
        f"visits {len(problem.visits)}, planned {len(solution.planned)}, unassigned {evaluation.unassigned_count} "
        f"({_hours(evaluation.unassigned_minutes)} h)",
        f"travel {evaluation.travel_minutes} min, waiting {evaluation.waiting_minutes} min, "
        f"preference cost {evaluation.preference_cost}",
        f"hard violations {len(evaluation.violations)} (ok={evaluation.ok}); visits dropped after the check "
        f"{sum(n.code == 'dropped_after_check' for n in evaluation.notes)}; left out for the client's 8 h "
        f"{sum(n.code == 'unassigned_by_rule' for n in evaluation.notes)}",
        f"NT-10 month hours per caregiver (booked included): max {_hours(r.max_minutes)}, "
        f"min {_hours(r.min_minutes)}, spread {_hours(r.max_minutes - r.min_minutes)}; cap {_hours(r.month_cap)}, "
        f"over cap {r.caregivers_over_cap}",
        f"NT-10 public hours: max {_hours(r.max_public_minutes)}; cap {_hours(r.month_public_cap)}, "
        f"over cap {r.caregivers_over_public_cap}",
        f"DP-08 client subsidised day: max {_hours(r.client_day_max_subsidised)}; cap {_hours(r.client_day_cap)}, "
        f"days over cap {r.client_days_over_cap}",
        f"continuity: distinct caregivers per client per week, mean {float(r.continuity_mean):.2f}, "
        f"max {r.continuity_max}",
    ]
    print("\n".join(lines))  # noqa: T201


if __name__ == "__main__":
    raise SystemExit(main())
