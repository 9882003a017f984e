"""Travel times between places, in whole minutes, from a pluggable source.

The default is straight-line (great-circle) distance stretched by a detour factor and driven at a fixed speed:
good enough to plan a day in a county where nobody has a road-network matrix. Any object with `minutes` and
`matrix` can replace it (a routing service, a cached matrix from the database).
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Protocol

from alongside.planning.domain import Point

EARTH_RADIUS_KM = 6371.0088


class TravelTimes(Protocol):
    def minutes(self, a: Point, b: Point) -> int: ...

    def matrix(self, points: Sequence[Point]) -> list[list[int]]: ...


def haversine_km(a: Point, b: Point) -> float:
    lat1, lat2 = math.radians(a.lat), math.radians(b.lat)
    dlat, dlon = lat2 - lat1, math.radians(b.lon - a.lon)
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    return 2 * EARTH_RADIUS_KM * math.asin(min(1.0, math.sqrt(h)))


@dataclass(frozen=True)
class StraightLine:
    """Great-circle distance x detour factor at `speed_kmh`, rounded UP to whole minutes (never optimistic)."""

    detour_factor: float = 1.3
    speed_kmh: float = 30.0

    def __post_init__(self) -> None:
        if self.detour_factor < 1 or self.speed_kmh <= 0:
            raise ValueError("detour factor must be >= 1 and speed > 0")

    def minutes(self, a: Point, b: Point) -> int:
        if a == b:
            return 0
        exact = haversine_km(a, b) * self.detour_factor / self.speed_kmh * 60
        # Round half a microsecond down first so that float noise on an exact minute does not add one.
        return math.ceil(round(exact, 6))

    def matrix(self, points: Sequence[Point]) -> list[list[int]]:
        return [[self.minutes(a, b) for b in points] for a in points]


class FixedMatrix:
    """Travel times given as a matrix over known points (tests, benchmarks, a matrix from a routing service)."""

    def __init__(self, points: Sequence[Point], minutes: Sequence[Sequence[int]]) -> None:
        if len(minutes) != len(points) or any(len(row) != len(points) for row in minutes):
            raise ValueError("the matrix must be square, one row per point")
        if any(not isinstance(m, int) or m < 0 for row in minutes for m in row):
            raise ValueError("travel minutes must be non-negative integers")
        self._index = {p: i for i, p in enumerate(points)}
        if len(self._index) != len(points):
            raise ValueError("points must be distinct")
        self._minutes = [list(row) for row in minutes]

    def minutes(self, a: Point, b: Point) -> int:
        try:
            return self._minutes[self._index[a]][self._index[b]]
        except KeyError as missing:
            raise KeyError(f"no travel time for point {missing.args[0]}") from None

    def matrix(self, points: Sequence[Point]) -> list[list[int]]:
        return [[self.minutes(a, b) for b in points] for a in points]


class Cached:
    """Memoises another source's answers (a day's model asks for the same pairs many times)."""

    def __init__(self, source: TravelTimes) -> None:
        self._source = source
        self._memo: dict[tuple[Point, Point], int] = {}

    def minutes(self, a: Point, b: Point) -> int:
        key = (a, b)
        if key not in self._memo:
            self._memo[key] = self._source.minutes(a, b)
        return self._memo[key]

    def matrix(self, points: Sequence[Point]) -> list[list[int]]:
        return [[self.minutes(a, b) for b in points] for a in points]
