"""Small hand-made dispatch problems for the planning tests (pure: no Django)."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from alongside.planning.domain import (
    TRAINING_CERTIFICATE,
    Caregiver,
    Client,
    Point,
    Policy,
    Problem,
    Qualification,
    Shift,
    Visit,
)
from alongside.planning.travel import FixedMatrix

MONDAY = date(2025, 3, 3)
TUESDAY = date(2025, 3, 4)
HOME_A = Point(23.90, 120.70)
HOME_B = Point(23.95, 120.70)
PLACE_1 = Point(23.91, 120.68)
PLACE_2 = Point(23.92, 120.72)
PLACE_3 = Point(23.88, 120.66)
POINTS = (HOME_A, HOME_B, PLACE_1, PLACE_2, PLACE_3)
# Symmetric minutes between the points above, in that order.
TRAVEL = FixedMatrix(
    POINTS,
    [
        [0, 12, 10, 15, 20],
        [12, 0, 14, 11, 25],
        [10, 14, 0, 30, 12],
        [15, 11, 30, 0, 28],
        [20, 25, 12, 28, 0],
    ],
)
VALID = Qualification(TRAINING_CERTIFICATE, date(2020, 1, 1))


def caregiver(id: str = "cg1", **fields) -> Caregiver:
    days = fields.pop("days", (MONDAY, TUESDAY))
    base = Caregiver(
        id=id,
        sex="female",
        home=HOME_A,
        qualifications=(VALID,),
        languages=frozenset({"zh", "nan"}),
        shifts=tuple(Shift(day, 8 * 60, 17 * 60) for day in days),
    )
    return replace(base, **fields)


def client(id: str = "cl1", **fields) -> Client:
    return replace(Client(id=id, sex="female", location=PLACE_1, languages=frozenset({"nan"})), **fields)


def visit(id: str = "v1", client_id: str = "cl1", **fields) -> Visit:
    base = Visit(id=id, client_id=client_id, day=MONDAY, earliest_start=540, latest_start=600, duration=60)
    return replace(base, **fields)


def problem(caregivers=None, clients=None, visits=None, policy: Policy | None = None) -> Problem:
    return Problem(
        caregivers=tuple(caregivers if caregivers is not None else [caregiver()]),
        clients=tuple(clients if clients is not None else [client()]),
        visits=tuple(visits if visits is not None else [visit()]),
        policy=policy or Policy(),
    )
