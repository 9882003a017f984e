"""Adapters from `routing.RoutingModel` to third-party solvers.

Each engine module has `solve(model, *, time_limit_s, seed) -> (routes, unassigned)`: one route per
vehicle in vehicle order and the ids of unserved nodes. Objective figures are not trusted from the
engine; `planning.solver` recomputes them with `routing.evaluate`.
"""

ENGINES = ("pyvrp", "ortools")
