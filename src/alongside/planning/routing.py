"""The integer routing model the engines solve, and an independent check of their answers.

Units are abstract integers: minutes in production, scaled distances in benchmarks. Matrices are
indexed by `location` (tuples of tuples are best; any integer `Sequence[Sequence[int]]` works).

Objective = sum of penalties of dropped nodes
          + travel_weight * arc costs  (the `cost` matrix, or travel time when it is None)
          + waiting_weight * waiting   (time on the road that is neither travel nor service)
          + preference (extra) costs of the chosen vehicle per served node.
Penalties come first only because they are large: use `dominant_penalty(model)` for that.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from itertools import pairwise

Matrix = Sequence[Sequence[int]]

# Engines keep every sum below this (int64 with a margin); see `required_penalty`.
MAX_SAFE_COST = 2**52


@dataclass(frozen=True)
class Node:
    """One visit. `windows` bound the START of service; several windows mean "any one of them"."""

    id: str
    location: int
    service: int
    windows: tuple[tuple[int, int], ...]
    allowed_vehicles: frozenset[int] | None = None  # None: any vehicle
    extra_cost_by_vehicle: Mapping[int, int] = field(default_factory=dict)
    penalty: int | None = None  # None: required; else the cost of leaving it unserved
    # (vehicle, start) locked by a supervisor: always required, and the start replaces the windows.
    fixed: tuple[int, int] | None = None
    demand: int = 0  # load, for VRPTW benchmarks (caregivers carry nothing)

    def __post_init__(self) -> None:
        if not self.windows or any(early > late for early, late in self.windows):
            raise ValueError(f"node {self.id}: needs windows with earliest <= latest")
        if min(self.service, self.demand, self.penalty or 0, *(t for w in self.windows for t in w)) < 0:
            raise ValueError(f"node {self.id}: negative time, service, demand or penalty")
        if any(cost < 0 for cost in self.extra_cost_by_vehicle.values()):
            raise ValueError(f"node {self.id}: negative extra cost")

    @property
    def required(self) -> bool:
        return self.penalty is None or self.fixed is not None

    def may_use(self, vehicle: int) -> bool:
        if self.fixed is not None and self.fixed[0] != vehicle:
            return False
        return self.allowed_vehicles is None or vehicle in self.allowed_vehicles

    def window_containing(self, start: int) -> tuple[int, int] | None:
        return next(((e, lt) for e, lt in self.windows if e <= start <= lt), None)


@dataclass(frozen=True)
class Vehicle:
    """One caregiver: leaves `start_location` no earlier than `earliest`, is back at `end_location` by `latest`."""

    id: str
    start_location: int
    end_location: int
    earliest: int
    latest: int
    max_duration: int | None = None  # return - leave
    max_work: int | None = None  # sum of service durations
    capacity: int | None = None  # sum of node demands

    def __post_init__(self) -> None:
        if not 0 <= self.earliest <= self.latest:
            raise ValueError(f"vehicle {self.id}: needs 0 <= earliest <= latest")


@dataclass(frozen=True)
class RoutingModel:
    nodes: tuple[Node, ...]
    vehicles: tuple[Vehicle, ...]
    travel_time: Matrix
    cost: Matrix | None = None  # arc cost; None: the travel time
    travel_weight: int = 1
    waiting_weight: int = 0

    def __post_init__(self) -> None:
        size = len(self.travel_time)
        matrices = [self.travel_time] if self.cost is None else [self.travel_time, self.cost]
        if any(len(row) != size for matrix in matrices for row in matrix) or len(matrices[-1]) != size:
            raise ValueError("matrices must be square and of the same size")
        locations = [n.location for n in self.nodes]
        locations += [loc for v in self.vehicles for loc in (v.start_location, v.end_location)]
        if any(not 0 <= loc < size for loc in locations):
            raise ValueError("a location is outside the matrix")
        if len({n.id for n in self.nodes}) != len(self.nodes):
            raise ValueError("node ids must be unique")
        if any(n.fixed is not None and not 0 <= n.fixed[0] < len(self.vehicles) for n in self.nodes):
            raise ValueError("a fixed node names an unknown vehicle")
        if self.travel_weight < 0 or self.waiting_weight < 0:
            raise ValueError("weights must not be negative")

    def arc_cost(self, origin: int, destination: int) -> int:
        matrix = self.travel_time if self.cost is None else self.cost
        return matrix[origin][destination]


@dataclass(frozen=True)
class Route:
    """One vehicle's day. An empty route means the vehicle stays home (leave == back == its earliest)."""

    vehicle: int
    visits: tuple[tuple[str, int], ...]  # (node id, start of service), in order
    leave: int
    back: int


@dataclass(frozen=True)
class Objective:
    penalty: int = 0
    travel: int = 0  # sum of arc costs, before travel_weight
    waiting: int = 0  # before waiting_weight
    extra: int = 0

    def total(self, model: RoutingModel) -> int:
        return self.penalty + model.travel_weight * self.travel + model.waiting_weight * self.waiting + self.extra


@dataclass(frozen=True)
class RoutingSolution:
    routes: tuple[Route, ...]  # one per vehicle, in vehicle order
    unassigned: tuple[str, ...]
    objective: Objective
    total: int  # objective.total(model)
    solve_seconds: float
    engine: str


def dominant_penalty(model: RoutingModel) -> int:
    """A penalty larger than any solution's travel, waiting and extra costs together.

    With it on every optional node, serving one more node always beats any saving elsewhere.
    """
    matrix = model.travel_time if model.cost is None else model.cost
    worst_arc = max((max(row, default=0) for row in matrix), default=0)
    worst_extra = max((c for n in model.nodes for c in n.extra_cost_by_vehicle.values()), default=0)
    worst_shift = max((v.latest - v.earliest for v in model.vehicles), default=0)
    arcs = len(model.nodes) + len(model.vehicles)
    bound = model.travel_weight * arcs * worst_arc + len(model.nodes) * worst_extra
    bound += model.waiting_weight * len(model.vehicles) * worst_shift
    return _guard(bound + 1)


def required_penalty(model: RoutingModel) -> int:
    """What engines charge for dropping a required node: more than dropping every optional one.

    Engines treat required nodes as optional with this penalty, so an impossible visit is
    reported as unassigned (and flagged by `check`) instead of making the whole solve fail.
    """
    optional = sum(n.penalty or 0 for n in model.nodes if not n.required)
    # Engines may hold one copy per time window, each carrying the penalty: size the guard for that.
    copies = sum(len(n.windows) for n in model.nodes)
    return _guard(dominant_penalty(model) + optional + 1, factor=copies + 1)


def _guard(value: int, factor: int = 1) -> int:
    if value * factor >= MAX_SAFE_COST:
        raise ValueError("costs too large for 64-bit engines; scale the matrices or penalties down")
    return value


def engine_penalties(model: RoutingModel) -> dict[str, int]:
    """The penalty engines charge per node id for leaving it unserved."""
    required = required_penalty(model)
    return {n.id: required if n.required else n.penalty or 0 for n in model.nodes}


def evaluate(model: RoutingModel, routes: Sequence[Route], unassigned: Sequence[str]) -> Objective:
    """The objective parts of a schedule, computed from the model alone."""
    by_id = {n.id: n for n in model.nodes}
    penalties = engine_penalties(model) if unassigned else {}
    penalty = sum(penalties[i] for i in unassigned)
    travel = waiting = extra = 0
    for route in routes:
        if not route.visits:
            continue
        vehicle = model.vehicles[route.vehicle]
        path = [vehicle.start_location, *(by_id[i].location for i, _ in route.visits), vehicle.end_location]
        travel += sum(model.arc_cost(a, b) for a, b in pairwise(path))
        moving = sum(model.travel_time[a][b] for a, b in pairwise(path))
        serving = sum(by_id[i].service for i, _ in route.visits)
        waiting += route.back - route.leave - moving - serving
        extra += sum(by_id[i].extra_cost_by_vehicle.get(route.vehicle, 0) for i, _ in route.visits)
    return Objective(penalty=penalty, travel=travel, waiting=waiting, extra=extra)


def check(model: RoutingModel, solution: RoutingSolution) -> list[str]:
    """Every hard-constraint violation in `solution`, recomputed from the model (empty list = feasible)."""
    problems = _check_coverage(model, solution)
    if problems:
        return problems  # unknown or duplicate ids make the route arithmetic meaningless
    by_id = {n.id: n for n in model.nodes}
    for route in solution.routes:
        problems += _check_route(model, route, by_id)
    return problems


def _check_coverage(model: RoutingModel, solution: RoutingSolution) -> list[str]:
    problems = []
    if [r.vehicle for r in solution.routes] != list(range(len(model.vehicles))):
        problems.append("routes must be one per vehicle, in vehicle order")
    seen = [i for r in solution.routes for i, _ in r.visits] + list(solution.unassigned)
    known = {n.id for n in model.nodes}
    problems += [f"unknown node {i}" for i in sorted(set(seen) - known)]
    problems += [f"node {i} appears more than once" for i in sorted(_repeated(seen))]
    problems += [f"node {i} is neither served nor unassigned" for i in sorted(known - set(seen))]
    dropped = set(solution.unassigned)
    problems += [f"required node {n.id} is unassigned" for n in model.nodes if n.required and n.id in dropped]
    return problems


def _repeated(ids: list[str]) -> set[str]:
    seen: set[str] = set()
    return {i for i in ids if i in seen or seen.add(i)}


def _check_route(model: RoutingModel, route: Route, by_id: Mapping[str, Node]) -> list[str]:
    if not route.visits:
        return []
    vehicle = model.vehicles[route.vehicle]
    name = f"vehicle {vehicle.id}"
    problems = []
    if route.leave < vehicle.earliest:
        problems.append(f"{name} leaves at {route.leave}, before {vehicle.earliest}")
    if route.back > vehicle.latest:
        problems.append(f"{name} is back at {route.back}, after {vehicle.latest}")
    if vehicle.max_duration is not None and route.back - route.leave > vehicle.max_duration:
        problems.append(f"{name} is out {route.back - route.leave}, over {vehicle.max_duration}")
    work = sum(by_id[i].service for i, _ in route.visits)
    if vehicle.max_work is not None and work > vehicle.max_work:
        problems.append(f"{name} works {work}, over {vehicle.max_work}")
    load = sum(by_id[i].demand for i, _ in route.visits)
    if vehicle.capacity is not None and load > vehicle.capacity:
        problems.append(f"{name} carries {load}, over {vehicle.capacity}")
    location, ready = vehicle.start_location, route.leave
    for node_id, start in route.visits:
        node = by_id[node_id]
        problems += _check_visit(model, route.vehicle, node, start, ready + model.travel_time[location][node.location])
        location, ready = node.location, start + node.service
    if route.back < ready + model.travel_time[location][vehicle.end_location]:
        problems.append(f"{name} cannot be back by {route.back}")
    return problems


def _check_visit(model: RoutingModel, vehicle: int, node: Node, start: int, arrival: int) -> list[str]:
    problems = []
    if not node.may_use(vehicle):
        problems.append(f"node {node.id} may not be served by vehicle {model.vehicles[vehicle].id}")
    if start < arrival:
        problems.append(f"node {node.id} starts at {start} but cannot be reached before {arrival}")
    if node.fixed is None and node.window_containing(start) is None:  # a lock replaces the windows
        problems.append(f"node {node.id} starts at {start}, outside its windows {list(node.windows)}")
    if node.fixed is not None and node.fixed[1] != start:
        problems.append(f"node {node.id} is locked at {node.fixed[1]} but starts at {start}")
    return problems
