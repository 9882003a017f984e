"""One entry point for the routing engines: `solve(model, time_limit_s=..., engine=...)`."""

from __future__ import annotations

import importlib
import time

from alongside.planning.engines import ENGINES
from alongside.planning.routing import RoutingModel, RoutingSolution, evaluate, required_penalty


def solve(model: RoutingModel, *, time_limit_s: float, seed: int = 1, engine: str = "pyvrp") -> RoutingSolution:
    """Best routes found within `time_limit_s` on one thread; the same seed gives the same search."""
    if engine not in ENGINES:
        raise ValueError(f"unknown engine {engine!r}; choose one of {ENGINES}")
    required_penalty(model)  # raises before any engine can overflow int64
    # Imported lazily so a missing optional solver only breaks its own engine.
    module = importlib.import_module(f"alongside.planning.engines.{engine}_engine")
    started = time.perf_counter()
    routes, unassigned = module.solve(model, time_limit_s=time_limit_s, seed=seed)
    seconds = time.perf_counter() - started
    objective = evaluate(model, routes, unassigned)
    return RoutingSolution(
        routes=tuple(routes),
        unassigned=tuple(unassigned),
        objective=objective,
        total=objective.total(model),
        solve_seconds=seconds,
        engine=engine,
    )
