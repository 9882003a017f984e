"""Solomon/GH instances as `planning.routing` models, and an independent VRPTW feasibility check.

Demands and vehicle capacity are part of the model, so results compare with the published VRPTW values;
`check_vrptw` recomputes every rule, capacity included, from the instance itself.
Times and distances are scaled by SCALE and rounded (PROTOCOL.md 1.3: "integer ×1000").
"""

from __future__ import annotations

import itertools
from collections.abc import Sequence

from alongside.planning.routing import Node, Route, RoutingModel, Vehicle

from .solomon import SolomonInstance

SCALE = 1000


def solomon_model(instance: SolomonInstance, scale: int = SCALE) -> RoutingModel:
    depot = instance.nodes[0]
    nodes = tuple(
        Node(
            id=str(c.number),
            location=c.number,
            service=c.service * scale,
            windows=((c.ready * scale, c.due * scale),),
            demand=c.demand,
        )
        for c in instance.customers
    )
    vehicles = tuple(
        Vehicle(
            id=f"v{k}",
            start_location=0,
            end_location=0,
            earliest=depot.ready * scale,
            latest=depot.due * scale,
            capacity=instance.capacity,
        )
        for k in range(instance.vehicle_count)
    )
    return RoutingModel(nodes=nodes, vehicles=vehicles, travel_time=instance.euclidean_matrix(scale))


def check_vrptw(instance: SolomonInstance, routes: Sequence[Route], scale: int = SCALE) -> list[str]:
    """Violations of the original VRPTW rules, recomputed from the instance (not from the model)."""
    matrix = instance.euclidean_matrix(scale)
    problems = []
    seen: list[int] = []
    depot = instance.nodes[0]
    for route in routes:
        if not route.visits:
            continue
        load, place, clock = 0, 0, depot.ready * scale
        for node_id, _start in route.visits:
            customer = instance.nodes[int(node_id)]
            seen.append(customer.number)
            load += customer.demand
            clock = max(clock + matrix[place][customer.number], customer.ready * scale)
            if clock > customer.due * scale:
                problems.append(f"customer {customer.number} served late")
            place, clock = customer.number, clock + customer.service * scale
        if clock + matrix[place][0] > depot.due * scale:
            problems.append(f"route {route.vehicle} returns after the depot closes")
        if load > instance.capacity:
            problems.append(f"route {route.vehicle} carries {load} > capacity {instance.capacity}")
    missing = set(range(1, len(instance.nodes))) - set(seen)
    problems += [f"customer {n} is not served" for n in sorted(missing)]
    if len(seen) != len(set(seen)):
        problems.append("a customer is served twice")
    if sum(1 for r in routes if r.visits) > instance.vehicle_count:
        problems.append("more routes than vehicles")
    return problems


def route_distance(instance: SolomonInstance, routes: Sequence[Route]) -> float:
    """Distance in double precision (the vroom/SINTEF convention), rounded to 2 decimals."""
    import math

    total = 0.0
    for route in routes:
        path = [0, *(int(i) for i, _ in route.visits), 0] if route.visits else []
        total += sum(
            math.hypot(instance.nodes[a].x - instance.nodes[b].x, instance.nodes[a].y - instance.nodes[b].y)
            for a, b in itertools.pairwise(path)
        )
    return round(total, 2)
