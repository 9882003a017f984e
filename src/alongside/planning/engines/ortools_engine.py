"""OR-Tools routing adapter: the peer engine, and the fallback for what PyVRP cannot express.

Routing nodes are the distinct vehicle start/end locations followed by one node per model node.
Several windows are one cumul domain with the gaps removed. Every node sits in its own
disjunction (required nodes with `required_penalty`), so an impossible visit is dropped and
reported rather than making the search fail. OR-Tools routing has no random seed: the search is
deterministic, and `seed` is accepted only for a uniform engine signature.
"""

from __future__ import annotations

from ortools.constraint_solver import pywrapcp, routing_enums_pb2

from alongside.planning.routing import Route, RoutingModel, engine_penalties


def solve(model: RoutingModel, *, time_limit_s: float, seed: int) -> tuple[list[Route], list[str]]:
    del seed  # see module docstring
    if not model.vehicles or not model.nodes:
        return [_empty(model, v) for v in range(len(model.vehicles))], [n.id for n in model.nodes]
    depots = sorted({loc for v in model.vehicles for loc in (v.start_location, v.end_location)})
    manager = pywrapcp.RoutingIndexManager(
        len(depots) + len(model.nodes),
        len(model.vehicles),
        [depots.index(v.start_location) for v in model.vehicles],
        [depots.index(v.end_location) for v in model.vehicles],
    )
    routing = pywrapcp.RoutingModel(manager)
    first = len(depots)
    origin = depots + [n.location for n in model.nodes]  # routing node -> model location
    time = _add_time(model, routing, manager, origin, first)
    _add_loads(model, routing, first)
    _add_costs(model, routing, origin, first)
    _add_nodes(model, routing, manager, time, first)
    assignment = routing.SolveWithParameters(_parameters(time_limit_s))
    if assignment is None:  # cannot happen with every node optional, but never crash a dispatch
        return [_empty(model, v) for v in range(len(model.vehicles))], [n.id for n in model.nodes]
    return _read(model, routing, manager, time, assignment, first)


def _add_time(model: RoutingModel, routing, manager, origin: list[int], first: int):
    service = [0] * first + [n.service for n in model.nodes]
    transit = [[service[i] + model.travel_time[a][b] for b in origin] for i, a in enumerate(origin)]
    horizon = max(max(v.latest for v in model.vehicles), max(t for n in model.nodes for _, t in n.windows))
    callback = routing.RegisterTransitMatrix(transit)
    routing.AddDimension(callback, horizon, horizon, False, "time")  # slack = waiting
    time = routing.GetDimensionOrDie("time")
    for v, vehicle in enumerate(model.vehicles):
        time.CumulVar(routing.Start(v)).SetRange(vehicle.earliest, vehicle.latest)
        time.CumulVar(routing.End(v)).SetRange(vehicle.earliest, vehicle.latest)
        if vehicle.max_duration is not None:
            time.SetSpanUpperBoundForVehicle(vehicle.max_duration, v)
        # Leave as late and return as early as the visits allow: no idle time at either end.
        routing.AddVariableMaximizedByFinalizer(time.CumulVar(routing.Start(v)))
        routing.AddVariableMinimizedByFinalizer(time.CumulVar(routing.End(v)))
    # Span = travel + service + waiting; arc costs take travel back out, prizes take service back.
    time.SetSpanCostCoefficientForAllVehicles(model.waiting_weight)
    return time


def _add_loads(model: RoutingModel, routing, first: int) -> None:
    """Work minutes (max_work) and demand (capacity) as capacity dimensions, when some vehicle limits them."""
    for load, limit in (("service", "max_work"), ("demand", "capacity")):
        limits = [getattr(v, limit) for v in model.vehicles]
        if all(value is None for value in limits):
            continue
        amounts = [getattr(n, load) for n in model.nodes]
        callback = routing.RegisterUnaryTransitVector([0] * first + amounts)
        capacities = [sum(amounts) if value is None else value for value in limits]
        routing.AddDimensionWithVehicleCapacity(callback, 0, capacities, True, load)


def _add_costs(model: RoutingModel, routing, origin: list[int], first: int) -> None:
    """Arc cost into a node = weighted travel cost (+ that vehicle's extra cost for the node)."""
    base = [
        [
            max(model.travel_weight * model.arc_cost(a, b) - model.waiting_weight * model.travel_time[a][b], 0)
            for b in origin
        ]
        for a in origin
    ]
    callbacks: dict[tuple[int, ...], int] = {}
    for v in range(len(model.vehicles)):
        extras = tuple([0] * first + [n.extra_cost_by_vehicle.get(v, 0) for n in model.nodes])
        if extras not in callbacks:
            matrix = [[cost + extras[j] if i != j else 0 for j, cost in enumerate(row)] for i, row in enumerate(base)]
            callbacks[extras] = routing.RegisterTransitMatrix(matrix)
        routing.SetArcCostEvaluatorOfVehicle(callbacks[extras], v)


def _add_nodes(model: RoutingModel, routing, manager, time, first: int) -> None:
    penalties = engine_penalties(model)
    for offset, node in enumerate(model.nodes):
        index = manager.NodeToIndex(first + offset)
        cumul = time.CumulVar(index)
        if node.fixed is not None:
            cumul.SetRange(node.fixed[1], node.fixed[1])
        else:
            _restrict_to_windows(cumul, node.windows)
        allowed = [v for v in range(len(model.vehicles)) if node.may_use(v)]
        if len(allowed) < len(model.vehicles):
            # -1 = unperformed. (SetAllowedVehiclesForIndex reads an empty list as "any vehicle".)
            routing.VehicleVar(index).SetValues([-1, *allowed])
        routing.AddDisjunction([index], penalties[node.id] + model.waiting_weight * node.service)


def _restrict_to_windows(cumul, windows: tuple[tuple[int, int], ...]) -> None:
    ordered = sorted(windows)
    cumul.SetRange(ordered[0][0], max(late for _, late in ordered))
    reach = ordered[0][1]
    for early, late in ordered[1:]:
        if early > reach + 1:
            cumul.RemoveInterval(reach + 1, early - 1)
        reach = max(reach, late)


def _parameters(time_limit_s: float):
    parameters = pywrapcp.DefaultRoutingSearchParameters()
    parameters.first_solution_strategy = routing_enums_pb2.FirstSolutionStrategy.PATH_CHEAPEST_ARC
    parameters.local_search_metaheuristic = routing_enums_pb2.LocalSearchMetaheuristic.GUIDED_LOCAL_SEARCH
    parameters.time_limit.FromMilliseconds(max(1, round(time_limit_s * 1000)))
    return parameters


def _read(model: RoutingModel, routing, manager, time, assignment, first: int) -> tuple[list[Route], list[str]]:
    routes, served = [], set()
    for v in range(len(model.vehicles)):
        visits, index = [], assignment.Value(routing.NextVar(routing.Start(v)))
        while not routing.IsEnd(index):
            node = model.nodes[manager.IndexToNode(index) - first]
            visits.append((node.id, assignment.Min(time.CumulVar(index))))
            served.add(node.id)
            index = assignment.Value(routing.NextVar(index))
        if visits:
            leave = assignment.Min(time.CumulVar(routing.Start(v)))
            routes.append(Route(v, tuple(visits), leave, assignment.Min(time.CumulVar(routing.End(v)))))
        else:
            routes.append(_empty(model, v))
    return routes, [n.id for n in model.nodes if n.id not in served]


def _empty(model: RoutingModel, vehicle: int) -> Route:
    earliest = model.vehicles[vehicle].earliest
    return Route(vehicle, (), earliest, earliest)
