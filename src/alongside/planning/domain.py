"""The plain data of dispatch (派案): who can go where and when. Times are integer minutes.

A visit's times are minutes after midnight of its own `day`; a day's planning never crosses midnight.
Coordinates are WGS84 degrees (floats are fine for geography; money never appears here).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

# Qualification kinds of 004 ch. 6: any one valid qualification lets a caregiver serve.
TRAINING_CERTIFICATE = "training_certificate"  # 照顧服務員訓練結業證明書
SKILLS_CERTIFICATE = "skills_certificate"  # 照顧服務員技術士證
NURSING_DIPLOMA = "nursing_diploma"  # 護理相關科系畢業
QUALIFICATION_KINDS = (TRAINING_CERTIFICATE, SKILLS_CERTIFICATE, NURSING_DIPLOMA)


@dataclass(frozen=True)
class Point:
    lat: float
    lon: float


@dataclass(frozen=True)
class Qualification:
    kind: str
    issued_on: date
    expires_on: date | None = None  # None: does not expire

    def valid_on(self, day: date) -> bool:
        return self.issued_on <= day and (self.expires_on is None or day <= self.expires_on)


@dataclass(frozen=True)
class Shift:
    """A stretch of availability on one day, with leave already taken out."""

    day: date
    start: int
    end: int


@dataclass(frozen=True)
class Caregiver:
    id: str
    sex: str  # "female" | "male" | "other"
    home: Point
    qualifications: tuple[Qualification, ...] = ()
    languages: frozenset[str] = frozenset()
    religion: str = ""
    diet: frozenset[str] = frozenset()
    body_build: str = ""  # "small" | "medium" | "large" | ""
    shifts: tuple[Shift, ...] = ()
    # Minutes already worked or booked this month outside the problem (NT-10 counts the whole month).
    month_minutes_booked: int = 0
    month_public_minutes_booked: int = 0
    max_month_minutes: int | None = None  # the caregiver's own limit, below the legal cap
    relatives: frozenset[str] = frozenset()  # client ids barred by D-05 (spouse, lineal blood or in-law)


@dataclass(frozen=True)
class Client:
    id: str
    sex: str
    location: Point
    languages: frozenset[str] = frozenset()
    religion: str = ""
    diet: frozenset[str] = frozenset()
    body_build: str = ""
    chosen_caregivers: tuple[str, ...] = ()  # the client's own stated choice, in order (D-20)
    refused_caregivers: frozenset[str] = frozenset()  # the client said no: honoured as a hard rule
    past_caregivers: Mapping[str, int] = field(default_factory=dict)  # caregiver id -> past visits
    # Subsidised minutes already booked per day outside the problem (8-hour day cap, DP-08/D-11).
    subsidised_minutes_booked: Mapping[date, int] = field(default_factory=dict)


@dataclass(frozen=True)
class Visit:
    id: str
    client_id: str
    day: date
    earliest_start: int
    latest_start: int
    duration: int
    intimate_care: bool = False  # bathing or intimate body care: NT-11
    publicly_funded: bool = True
    subsidised: bool = True  # counts toward the client's 8 subsidised hours a day
    locked_caregiver: str | None = None  # locked by the supervisor: caregiver and start are kept
    locked_start: int | None = None  # None with a locked caregiver: only the caregiver is kept

    @property
    def locked(self) -> bool:
        return self.locked_caregiver is not None


@dataclass(frozen=True)
class Policy:
    """Caps (rules engine values, passed in) and the agency's weights for soft preferences."""

    month_cap_minutes: int = 215 * 60  # NT-10
    month_public_cap_minutes: int = 200 * 60  # NT-10
    client_day_subsidised_cap_minutes: int = 8 * 60  # DP-08
    weight_language: int = 30
    weight_religion: int = 10
    weight_diet: int = 10
    weight_body_build: int = 10
    weight_continuity: int = 20
    weight_client_choice: int = 40
    weight_travel_minute: int = 1
    weight_waiting_minute: int = 1


@dataclass(frozen=True)
class Problem:
    caregivers: tuple[Caregiver, ...]
    clients: tuple[Client, ...]
    visits: tuple[Visit, ...]
    policy: Policy = Policy()

    # Lookups by id. cached_property writes the instance __dict__ directly, so it works on a frozen dataclass.
    @cached_property
    def caregiver_by_id(self) -> dict[str, Caregiver]:
        return {c.id: c for c in self.caregivers}

    @cached_property
    def client_by_id(self) -> dict[str, Client]:
        return {c.id: c for c in self.clients}

    @cached_property
    def visit_by_id(self) -> dict[str, Visit]:
        return {v.id: v for v in self.visits}

    @cached_property
    def days(self) -> tuple[date, ...]:
        return tuple(sorted({v.day for v in self.visits}))


def month_of(day: date) -> tuple[int, int]:
    """NT-10 caps count per calendar month.

    `Caregiver.month_minutes_booked` counts toward every month a problem touches (safe when a problem crosses
    a month boundary; the dispatch side should pass the booked minutes of the month being planned).
    """
    return (day.year, day.month)


def month_label(month: tuple[int, int]) -> str:
    return f"{month[0]:04d}-{month[1]:02d}"


@dataclass(frozen=True)
class PlannedVisit:
    visit_id: str
    caregiver_id: str
    start: int


@dataclass(frozen=True)
class Solution:
    planned: tuple[PlannedVisit, ...]
    unassigned: tuple[str, ...] = ()
