"""PyVRP 0.14 adapter.

Mapping (each verified by experiment against 0.14.1):
- one VehicleType per group of identical vehicles, depots at the distinct start/end locations;
- one PyVRP location per depot and per client copy, so per-node arc costs fit a per-vehicle Profile;
- a node with several windows becomes one client per window in a mutually exclusive ClientGroup;
- every client is optional (required nodes carry `required_penalty`), so an impossible visit is
  reported unassigned instead of leaving PyVRP without a feasible solution;
- a forbidden vehicle gets a duration into the node longer than the whole horizon (never on time);
- a preference cost is added to the arcs entering the node in that vehicle's profile;
- a fixed node is restricted to its vehicle with tw_early == tw_late == its start;
- max_work and capacity are load dimensions: a client delivers its service minutes and demand.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pyvrp
from pyvrp.stop import MaxRuntime

from alongside.planning.routing import Node, Route, RoutingModel, engine_penalties


@dataclass(frozen=True)
class _Copy:
    node: Node
    window: tuple[int, int]


@dataclass(frozen=True)
class _Data:
    problem: pyvrp.ProblemData
    vehicles_of_type: list[list[int]]  # model vehicle indices per PyVRP vehicle type


def solve(model: RoutingModel, *, time_limit_s: float, seed: int) -> tuple[list[Route], list[str]]:
    depot_locations = sorted({loc for v in model.vehicles for loc in (v.start_location, v.end_location)})
    copies = [_Copy(n, w) for n in model.nodes for w in _windows(n)]
    if not model.vehicles or not copies:
        return _empty_routes(model), [n.id for n in model.nodes]
    data = _problem_data(model, depot_locations, copies)
    result = pyvrp.solve(data.problem, stop=MaxRuntime(time_limit_s), seed=seed, display=False, collect_stats=False)
    return _read_solution(model, result.best, data, copies)


def _windows(node: Node) -> tuple[tuple[int, int], ...]:
    return ((node.fixed[1], node.fixed[1]),) if node.fixed is not None else node.windows


def _problem_data(model: RoutingModel, depot_locations: list[int], copies: list[_Copy]) -> _Data:
    origin = depot_locations + [c.node.location for c in copies]  # PyVRP location -> model location
    first_client = len(depot_locations)
    profiles, profile_of = _profiles(model, origin, first_client, copies)
    groups, group_of = _groups(copies, first_client)
    loads = _load_dimensions(model)
    penalties = engine_penalties(model)
    clients = [
        _client(model, first_client + i, c, penalties[c.node.id], group_of.get(i), loads) for i, c in enumerate(copies)
    ]
    # Identical vehicles share one type (num_available > 1): PyVRP searches a smaller space.
    kinds: list[pyvrp.VehicleType] = []
    members: list[list[int]] = []
    for index in range(len(model.vehicles)):
        kind = _vehicle_type(model, index, depot_locations, profile_of[index], loads)
        if kind not in kinds:  # VehicleType has __eq__ but no hash
            kinds.append(kind)
            members.append([])
        members[kinds.index(kind)].append(index)
    data = pyvrp.ProblemData(
        locations=[pyvrp.Location(0, 0) for _ in origin],
        clients=clients,
        depots=[pyvrp.Depot(location=i) for i in range(first_client)],
        vehicle_types=[kind.replace(num_available=len(m)) for kind, m in zip(kinds, members, strict=True)],
        distance_matrices=[distance for distance, _ in profiles],
        duration_matrices=[duration for _, duration in profiles],
        groups=groups,
    )
    return _Data(data, members)


def _load_dimensions(model: RoutingModel) -> list[str]:
    """Work minutes and demand become PyVRP load dimensions, only when some vehicle limits them."""
    loads = []
    if any(v.max_work is not None for v in model.vehicles):
        loads.append("service")
    if any(v.capacity is not None for v in model.vehicles):
        loads.append("demand")
    return loads


def _profiles(
    model: RoutingModel, origin: list[int], first_client: int, copies: list[_Copy]
) -> tuple[list[tuple[np.ndarray, np.ndarray]], list[int]]:
    """One (distance, duration) pair per distinct vehicle restriction pattern; vehicles share equal ones."""
    index = np.asarray(origin)
    duration = np.asarray(model.travel_time, dtype=np.int64)[np.ix_(index, index)]
    cost = np.asarray(model.travel_time if model.cost is None else model.cost, dtype=np.int64)[np.ix_(index, index)]
    # PyVRP charges waiting_weight per unit of route duration, which also counts travel time:
    # take that travel time back out of the arc cost (exact while the difference stays >= 0).
    distance = np.maximum(model.travel_weight * cost - model.waiting_weight * duration, 0)
    forbidden = _horizon(model) + 1
    patterns: dict[tuple, int] = {}
    profiles, profile_of = [], []
    for vehicle in range(len(model.vehicles)):
        pattern = tuple((not c.node.may_use(vehicle), c.node.extra_cost_by_vehicle.get(vehicle, 0)) for c in copies)
        if pattern not in patterns:
            patterns[pattern] = len(profiles)
            profiles.append(_profile(distance, duration, pattern, first_client, forbidden))
        profile_of.append(patterns[pattern])
    return profiles, profile_of


def _profile(
    distance: np.ndarray, duration: np.ndarray, pattern: tuple, first_client: int, forbidden: int
) -> tuple[np.ndarray, np.ndarray]:
    distance, duration = distance.copy(), duration.copy()
    for i, (barred, extra) in enumerate(pattern):
        column = first_client + i
        if barred:
            duration[:, column] = forbidden
        distance[:, column] += extra
        distance[column, column] = duration[column, column] = 0
    return distance, duration


def _horizon(model: RoutingModel) -> int:
    times = [t for n in model.nodes for w in n.windows for t in w]
    times += [t for v in model.vehicles for t in (v.earliest, v.latest)]
    times += [n.fixed[1] for n in model.nodes if n.fixed is not None]
    return max(times) - min(times) + max(n.service for n in model.nodes)


def _groups(copies: list[_Copy], first_client: int) -> tuple[list[pyvrp.ClientGroup], dict[int, int]]:
    """A mutually exclusive group per multi-window node: serve at most one copy."""
    members: dict[str, list[int]] = {}
    for i, c in enumerate(copies):
        members.setdefault(c.node.id, []).append(i)
    groups, group_of = [], {}
    for clients in members.values():
        if len(clients) > 1:
            group_of.update({i: len(groups) for i in clients})
            groups.append(pyvrp.ClientGroup(clients, required=False))
    return groups, group_of


def _client(
    model: RoutingModel, location: int, copy: _Copy, penalty: int, group: int | None, loads: list[str]
) -> pyvrp.Client:
    node = copy.node
    # Route duration includes service, so a served node costs waiting_weight * service more
    # than a dropped one; the prize gives that back to keep dropping neutral.
    prize = penalty + model.waiting_weight * node.service
    return pyvrp.Client(
        location=location,
        delivery=[getattr(node, load) for load in loads],
        service_duration=node.service,
        tw_early=copy.window[0],
        tw_late=copy.window[1],
        prize=prize,
        required=False,
        group=group,
        name=node.id,
    )


def _vehicle_type(
    model: RoutingModel, index: int, depot_locations: list[int], profile: int, loads: list[str]
) -> pyvrp.VehicleType:
    vehicle = model.vehicles[index]
    unlimited = np.iinfo(np.int64).max
    limits = {"service": vehicle.max_work, "demand": vehicle.capacity}
    totals = {load: sum(getattr(n, load) for n in model.nodes) for load in loads}
    return pyvrp.VehicleType(
        num_available=1,
        capacity=[totals[load] if limits[load] is None else limits[load] for load in loads],
        start_depot=depot_locations.index(vehicle.start_location),
        end_depot=depot_locations.index(vehicle.end_location),
        tw_early=vehicle.earliest,
        tw_late=vehicle.latest,
        shift_duration=vehicle.max_duration if vehicle.max_duration is not None else unlimited,
        unit_distance_cost=1,
        unit_duration_cost=model.waiting_weight,
        profile=profile,
    )


def _read_solution(
    model: RoutingModel, best: pyvrp.Solution, data: _Data, copies: list[_Copy]
) -> tuple[list[Route], list[str]]:
    routes: dict[int, Route] = {}
    unused = [list(members) for members in data.vehicles_of_type]
    for route in best.routes():
        if not route.is_feasible():
            continue  # never expected (all clients optional); leaving it out keeps the answer feasible
        vehicle = unused[route.vehicle_type()].pop(0)
        visits = tuple((copies[a.idx].node.id, a.start_time) for a in route.schedule() if a.is_client())
        routes[vehicle] = Route(vehicle, visits, route.start_time(), route.end_time())
    served = {node_id for r in routes.values() for node_id, _ in r.visits}
    unassigned = [n.id for n in model.nodes if n.id not in served]
    return [routes.get(i) or _empty(model, i) for i in range(len(model.vehicles))], unassigned


def _empty_routes(model: RoutingModel) -> list[Route]:
    return [_empty(model, i) for i in range(len(model.vehicles))]


def _empty(model: RoutingModel, vehicle: int) -> Route:
    earliest = model.vehicles[vehicle].earliest
    return Route(vehicle, (), earliest, earliest)
