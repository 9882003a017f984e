"""UHHC JSON instances and solutions (iolab-uniud/uhhc, CC BY 4.0; Ceschia et al. 2026).

One schema for converted literature sets (Mankowska, Kummer, ...) and generated instances:
caregivers with abilities, shifts and lunch breaks; patients with one or two required services,
one or more time windows, preferred/incompatible caregivers, optional flag and synchronisation.
Times are minutes; the generated sets use integers, Mankowska uses floats (3 decimals).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

LUNCH = "lunch_break"  # the pseudo-service that marks a lunch break in a route
Number = int | float


@dataclass(frozen=True)
class Window:
    start: Number
    end: Number


@dataclass(frozen=True)
class Terminal:
    id: str
    matrix_index: int
    location: tuple[float, float] | None = None


@dataclass(frozen=True)
class Caregiver:
    id: str
    abilities: frozenset[str]
    departing_point: str
    arrival_point: str
    shift: Window | None = None
    lunch_break: bool = False


@dataclass(frozen=True)
class RequiredService:
    service: str
    duration: int


@dataclass(frozen=True)
class Patient:
    id: str
    services: tuple[RequiredService, ...]
    matrix_index: int
    time_windows: tuple[Window, ...]
    location: tuple[float, float] | None = None
    sync: str | None = None  # None (one service), "independent", "simultaneous", "sequential"
    sync_min: int = 0  # sequential: second start - first start in [sync_min, sync_max]
    sync_max: int = 0
    preferred: frozenset[str] | None = None
    incompatible: frozenset[str] | None = None
    optional: bool = False


@dataclass(frozen=True)
class LunchRule:
    start: int  # earliest lunch start
    end: int  # latest lunch end (or start, with time_window_met = at_service_start)
    min_duration: int


@dataclass(frozen=True)
class UhhcInstance:
    name: str
    origin: str
    time_window_met: str  # "at_service_start" (the schema default) or "at_service_end"
    weights: dict[str, Number]  # cost component -> weight; absent components cost nothing
    distances: tuple[tuple[Number, ...], ...]
    terminals: tuple[Terminal, ...]
    caregivers: tuple[Caregiver, ...]
    patients: tuple[Patient, ...]
    service_types: dict[str, tuple[str, int | None]]  # service id -> (type, default duration)
    lunch: LunchRule | None = None
    horizon: int | None = None
    extra_metadata: dict[str, Any] = field(default_factory=dict, compare=False)

    def patient(self, patient_id: str) -> Patient:
        return self._patients_by_id()[patient_id]

    def terminal(self, terminal_id: str) -> Terminal:
        return next(t for t in self.terminals if t.id == terminal_id)

    def _patients_by_id(self) -> dict[str, Patient]:
        cache = self.__dict__.get("_patient_cache")
        if cache is None:
            cache = {p.id: p for p in self.patients}
            object.__setattr__(self, "_patient_cache", cache)
        return cache


@dataclass(frozen=True)
class Visit:
    patient: str
    service: str  # a service id, or LUNCH
    start: Number
    end: Number


@dataclass(frozen=True)
class Route:
    caregiver_id: str
    visits: tuple[Visit, ...]


@dataclass(frozen=True)
class UhhcSolution:
    routes: tuple[Route, ...]
    reported_objective: Number | None = None  # `cost.objective` as stored in the file
    reported_components: dict[str, Number] = field(default_factory=dict)  # already weighted


# ---- instances ---------------------------------------------------------------------------------


def parse_uhhc(data: dict[str, Any]) -> UhhcInstance:
    metadata = data.get("metadata", {})
    services = {s["id"]: (s.get("type", s["id"]), s.get("default_duration")) for s in data["services"]}
    lunch = data.get("lunch_breaks")
    extra = {k: v for k, v in metadata.items() if k not in _KNOWN_METADATA}
    return UhhcInstance(
        name=metadata.get("name") or "",
        origin=metadata.get("origin", "generated"),
        time_window_met=metadata.get("time_window_met") or "at_service_start",
        weights=dict(metadata.get("cost_components") or {}),
        distances=tuple(tuple(row) for row in data["distances"]),
        terminals=tuple(_terminal(t) for t in data["terminal_points"]),
        caregivers=tuple(_caregiver(c) for c in data["caregivers"]),
        patients=tuple(_patient(p, services) for p in data["patients"]),
        service_types=services,
        lunch=LunchRule(lunch["start"], lunch["end"], lunch["min_duration"]) if lunch else None,
        horizon=metadata.get("horizon"),
        extra_metadata=extra,
    )


def read_uhhc(path: Path) -> UhhcInstance:
    return parse_uhhc(json.loads(Path(path).read_text()))


def uhhc_to_json(instance: UhhcInstance) -> dict[str, Any]:
    """A JSON document in the UHHC schema that `parse_uhhc` reads back to an equal instance."""
    metadata: dict[str, Any] = {
        "time_window_met": instance.time_window_met,
        "cost_components": dict(instance.weights),
        "name": instance.name,
        "origin": instance.origin,
        **instance.extra_metadata,
    }
    if instance.horizon is not None:
        metadata["horizon"] = instance.horizon
    data: dict[str, Any] = {
        "metadata": metadata,
        "distances": [list(row) for row in instance.distances],
        "terminal_points": [_terminal_json(t) for t in instance.terminals],
        "caregivers": [_caregiver_json(c) for c in instance.caregivers],
        "patients": [_patient_json(p) for p in instance.patients],
        "services": [
            {"id": sid, "type": kind, "default_duration": duration}
            for sid, (kind, duration) in instance.service_types.items()
        ],
    }
    if instance.lunch:
        data["lunch_breaks"] = vars(instance.lunch).copy()
    return data


_KNOWN_METADATA = {"name", "origin", "time_window_met", "cost_components", "horizon"}


def _window(raw: Any) -> Window:
    if isinstance(raw, list | tuple):
        return Window(raw[0], raw[1])
    return Window(raw["start"], raw["end"])


def _terminal(raw: dict[str, Any]) -> Terminal:
    location = tuple(raw["location"]) if raw.get("location") else None
    return Terminal(raw["id"], raw["distance_matrix_index"], location)


def _caregiver(raw: dict[str, Any]) -> Caregiver:
    departing = raw.get("departing_point") or raw["starting_point_id"]
    shift = raw.get("working_shift")
    return Caregiver(
        id=raw["id"],
        abilities=frozenset(raw.get("abilities") or ()),
        departing_point=departing,
        arrival_point=raw.get("arrival_point") or departing,
        shift=_window(shift) if shift else None,
        lunch_break=bool(raw.get("lunch_break")),
    )


def _patient(raw: dict[str, Any], services: dict[str, tuple[str, int | None]]) -> Patient:
    required = raw.get("required_services") or raw["required_caregivers"]
    sync = raw.get("synchronization") or {}
    distance = sync.get("distance") or {"min": 0, "max": 0}
    windows = raw.get("time_windows") or [raw["time_window"]]
    return Patient(
        id=raw["id"],
        services=tuple(RequiredService(s["service"], s.get("duration") or services[s["service"]][1]) for s in required),
        matrix_index=raw["distance_matrix_index"],
        time_windows=tuple(_window(w) for w in windows),
        location=tuple(raw["location"]) if raw.get("location") else None,
        sync=sync.get("type"),
        sync_min=distance["min"],
        sync_max=distance["max"],
        preferred=frozenset(raw["preferred_caregivers"]) if raw.get("preferred_caregivers") is not None else None,
        incompatible=(
            frozenset(raw["incompatible_caregivers"]) if raw.get("incompatible_caregivers") is not None else None
        ),
        optional=bool(raw.get("optional")),
    )


def _terminal_json(t: Terminal) -> dict[str, Any]:
    return {"id": t.id, "distance_matrix_index": t.matrix_index, "location": list(t.location) if t.location else None}


def _caregiver_json(c: Caregiver) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": c.id,
        "abilities": sorted(c.abilities),
        "departing_point": c.departing_point,
        "arrival_point": c.arrival_point,
        "lunch_break": c.lunch_break,
    }
    if c.shift:
        data["working_shift"] = {"start": c.shift.start, "end": c.shift.end}
    return data


def _patient_json(p: Patient) -> dict[str, Any]:
    data: dict[str, Any] = {
        "id": p.id,
        "required_services": [{"service": s.service, "duration": s.duration} for s in p.services],
        "distance_matrix_index": p.matrix_index,
        "time_windows": [{"start": w.start, "end": w.end} for w in p.time_windows],
        "location": list(p.location) if p.location else None,
        "optional": p.optional,
    }
    if p.sync:
        data["synchronization"] = {"type": p.sync}
        if p.sync == "sequential":
            data["synchronization"]["distance"] = {"min": p.sync_min, "max": p.sync_max}
    if p.preferred is not None:
        data["preferred_caregivers"] = sorted(p.preferred)
    if p.incompatible is not None:
        data["incompatible_caregivers"] = sorted(p.incompatible)
    return data


# ---- solutions ---------------------------------------------------------------------------------


def parse_uhhc_solution(data: dict[str, Any]) -> UhhcSolution:
    routes = tuple(
        Route(raw["caregiver_id"], tuple(_visit(v) for v in raw.get("locations") or ())) for raw in data["routes"]
    )
    cost = data.get("cost") or {}
    return UhhcSolution(
        routes=routes,
        reported_objective=cost.get("objective"),
        reported_components=dict(data.get("cost_components") or {}),
    )


def read_uhhc_solution(path: Path) -> UhhcSolution:
    return parse_uhhc_solution(json.loads(Path(path).read_text()))


def uhhc_solution_to_json(solution: UhhcSolution) -> dict[str, Any]:
    """Visits use arrival_time/departure_time (service start/end), lunches start_time/end_time, as the SA files."""
    data: dict[str, Any] = {"routes": [_route_json(r) for r in solution.routes]}
    if solution.reported_objective is not None:
        data["cost"] = {"objective": solution.reported_objective}
    if solution.reported_components:
        data["cost_components"] = dict(solution.reported_components)
    return data


def _visit(raw: dict[str, Any]) -> Visit:
    start = _first_present(raw, "start_service_time", "arrival_time", "start_time")
    end = _first_present(raw, "end_service_time", "departure_time", "end_time")
    return Visit(raw["patient"], raw["service"], start, end)


def _first_present(raw: dict[str, Any], *keys: str) -> Number:
    return next(raw[k] for k in keys if k in raw)


def _route_json(route: Route) -> dict[str, Any]:
    locations = []
    for v in route.visits:
        if v.service == LUNCH:
            locations.append({"patient": v.patient, "service": LUNCH, "start_time": v.start, "end_time": v.end})
        else:
            locations.append(
                {"patient": v.patient, "service": v.service, "arrival_time": v.start, "departure_time": v.end}
            )
    return {"caregiver_id": route.caregiver_id, "locations": locations}
