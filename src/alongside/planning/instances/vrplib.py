"""VRPLIB files with time windows (PyVRP/Instances GH 1000, DIMACS convention) and their .sol.

DIMACS convention: each Euclidean distance is truncated to one decimal, so `dimacs_matrix()`
returns integers in tenths; the .sol `Cost` line is in the same unit divided by 10.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class VrplibInstance:
    name: str
    vehicle_count: int
    capacity: int
    coords: tuple[tuple[int, int], ...]  # index 0 is the depot (file numbering starts at 1)
    demands: tuple[int, ...]
    time_windows: tuple[tuple[int, int], ...]
    service_times: tuple[int, ...]
    depot: int = 0

    def dimacs_matrix(self) -> list[list[int]]:
        """Distances in tenths, truncated (the DIMACS VRPTW rule)."""
        return [[math.floor(10 * math.dist(a, b)) for b in self.coords] for a in self.coords]


@dataclass(frozen=True)
class VrplibSolution:
    routes: tuple[tuple[int, ...], ...]  # client indices as in the file (depot = 0 implicit)
    cost: float


def parse_vrplib(text: str) -> VrplibInstance:
    header, sections = _split_sections(text)
    dimension = int(header["DIMENSION"])
    coords = _rows(sections["NODE_COORD_SECTION"], 2, dimension)
    demands = _rows(sections["DEMAND_SECTION"], 1, dimension)
    windows = _rows(sections["TIME_WINDOW_SECTION"], 2, dimension)
    if "SERVICE_TIME_SECTION" in sections:
        service = tuple(row[0] for row in _rows(sections["SERVICE_TIME_SECTION"], 1, dimension))
    else:
        service = tuple(0 if i == 0 else int(header.get("SERVICE_TIME", 0)) for i in range(dimension))
    depots = [int(v) - 1 for v in " ".join(sections.get("DEPOT_SECTION", ["1"])).split() if v != "-1"]
    if depots != [0]:
        raise ValueError("only single-depot files with the depot first are supported")
    return VrplibInstance(
        name=header["NAME"],
        vehicle_count=int(header.get("VEHICLES", dimension - 1)),
        capacity=int(header["CAPACITY"]),
        coords=tuple((x, y) for x, y in coords),
        demands=tuple(row[0] for row in demands),
        time_windows=tuple((a, b) for a, b in windows),
        service_times=service,
    )


def parse_vrplib_solution(text: str) -> VrplibSolution:
    routes, cost = [], math.nan
    for line in text.splitlines():
        if line.startswith("Route"):
            routes.append(tuple(int(v) for v in line.split(":", 1)[1].split()))
        elif line.startswith("Cost"):
            cost = float(line.split()[1])
    return VrplibSolution(routes=tuple(routes), cost=cost)


def format_vrplib_solution(solution: VrplibSolution) -> str:
    lines = [f"Route #{k}: {' '.join(map(str, route))} " for k, route in enumerate(solution.routes, 1)]
    return "\n".join([*lines, f"Cost {solution.cost}"]) + "\n"


def read_vrplib(path: Path) -> VrplibInstance:
    return parse_vrplib(Path(path).read_text())


def read_vrplib_solution(path: Path) -> VrplibSolution:
    return parse_vrplib_solution(Path(path).read_text())


def _split_sections(text: str) -> tuple[dict[str, str], dict[str, list[str]]]:
    header: dict[str, str] = {}
    sections: dict[str, list[str]] = {}
    current: list[str] | None = None
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line == "EOF":
            continue
        if line.endswith("SECTION"):
            current = sections.setdefault(line, [])
        elif ":" in line and current is None:
            key, value = line.split(":", 1)
            header[key.strip()] = value.strip()
        elif current is not None:
            current.append(line)
    return header, sections


def _rows(lines: list[str], width: int, dimension: int) -> list[tuple[int, ...]]:
    rows = [tuple(int(float(v)) for v in line.split()[1 : 1 + width]) for line in lines]
    if len(rows) != dimension:
        raise ValueError(f"expected {dimension} rows, found {len(rows)}")
    return rows
