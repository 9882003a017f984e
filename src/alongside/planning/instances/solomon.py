"""Solomon (1987) and Gehring-Homberger VRPTW text files, and the vroom-scripts BKS table.

Distances are Euclidean and travel time equals distance. Objective conventions differ between
tables (PROTOCOL.md 1.3): `euclidean_matrix(scale)` gives integer distances ×scale, rounded,
so a cost divided by `scale` is comparable with 2-decimal double-precision tables.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class SolomonNode:
    number: int
    x: int
    y: int
    demand: int
    ready: int
    due: int
    service: int


@dataclass(frozen=True)
class SolomonInstance:
    name: str
    vehicle_count: int
    capacity: int
    nodes: tuple[SolomonNode, ...]  # nodes[0] is the depot

    @property
    def customers(self) -> tuple[SolomonNode, ...]:
        return self.nodes[1:]

    def euclidean_matrix(self, scale: int = 1000) -> list[list[int]]:
        return [[round(scale * math.hypot(a.x - b.x, a.y - b.y)) for b in self.nodes] for a in self.nodes]


def parse_solomon(text: str) -> SolomonInstance:
    lines = [line.split() for line in text.splitlines()]
    name = next(parts[0] for parts in lines if parts)
    numbers = [parts for parts in lines if parts and all(_is_int(p) for p in parts)]
    vehicle_count, capacity = (int(v) for v in numbers[0])
    nodes = tuple(SolomonNode(*(int(v) for v in row)) for row in numbers[1:])
    if any(node.number != index for index, node in enumerate(nodes)):
        raise ValueError(f"{name}: customers are not numbered 0..n in order")
    return SolomonInstance(name=name, vehicle_count=vehicle_count, capacity=capacity, nodes=nodes)


def format_solomon(instance: SolomonInstance) -> str:
    """The inverse of `parse_solomon`, in the column layout of the original files."""
    header = [
        instance.name,
        "",
        "VEHICLE",
        "NUMBER     CAPACITY",
        f"  {instance.vehicle_count}         {instance.capacity}",
        "",
    ]
    header += ["CUSTOMER", "CUST NO.   XCOORD.   YCOORD.    DEMAND   READY TIME   DUE DATE   SERVICE TIME", ""]
    rows = [
        f"{n.number:5d} {n.x:9d} {n.y:9d} {n.demand:9d} {n.ready:9d} {n.due:9d} {n.service:9d}" for n in instance.nodes
    ]
    return "\n".join(header + rows) + "\n"


def read_solomon(path: Path) -> SolomonInstance:
    return parse_solomon(Path(path).read_text())


@dataclass(frozen=True)
class BestKnown:
    cost: float
    vehicles: int
    convention: str  # "distance" (distance only) or "hierarchical" (vehicles first, then distance)


def read_vroom_bks(path: Path) -> dict[str, dict[str, BestKnown]]:
    """name (upper case as in the file names) -> {"distance"|"hierarchical": BestKnown}."""
    table: dict[str, dict[str, BestKnown]] = {}
    for key, entry in json.loads(Path(path).read_text()).items():
        name, _, suffix = key.partition("_distance")
        convention = "distance" if key.endswith("_distance") and not suffix else "hierarchical"
        if convention == "hierarchical":
            name = key
        bks = BestKnown(entry["best_known_cost"], entry["solved_with_vehicles"], convention)
        table.setdefault(name.upper(), {})[convention] = bks
    return table


def _is_int(token: str) -> bool:
    return token.lstrip("-").isdigit()
