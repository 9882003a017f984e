"""The dashboard of a big agency stays fast: the caregiver items take as many queries for 13 caregivers as for 3,
and each caregiver still gets their own qualification, training and leave items."""

import datetime as dt
import re
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from alongside.testing.factories import billing_caregiver
from alongside.workforce import dashboard
from alongside.workforce.models import Leave, Qualification, TrainingRecord
from alongside.workforce.tests.conftest import at

TODAY = dt.date(2025, 5, 15)


def _caregiver(agency, number: int):
    """Three kinds in turn: certificate ending 1 July with 5 hours of training and leave asked for 20 May; expired
    certificate with 12.5 hours (last year's training does not count); valid certificate and 20 hours (no item)."""
    profile = billing_caregiver(agency, f"Caregiver {number:02d}", username=f"caregiver{number:02d}")
    kind = number % 3
    expires_on = {0: dt.date(2025, 7, 1), 1: dt.date(2025, 5, 1), 2: None}[kind]
    Qualification.objects.create(caregiver=profile, kind="training_certificate", issued_on=dt.date(2020, 1, 1),
                                 expires_on=expires_on)  # fmt: skip
    hours = {0: ["5.0"], 1: ["8.0", "4.5"], 2: ["12.0", "8.0"]}[kind]
    for day, value in enumerate(hours, start=1):
        TrainingRecord.objects.create(caregiver=profile, held_on=dt.date(2025, 3, day), hours=Decimal(value), title="x")
    TrainingRecord.objects.create(caregiver=profile, held_on=dt.date(2024, 3, 1), hours=Decimal("20.0"), title="x")
    if kind == 0:
        Leave.objects.create(caregiver=profile, starts_at=at("2025-05-20 00:00"), ends_at=at("2025-05-21 00:00"),
                             kind="personal", requested_at=at("2025-05-10 09:00"))  # fmt: skip
    return profile


def _expected(number: int) -> list[tuple[str, str]]:
    name = f"Caregiver {number:02d}"
    roc = "2025 (ROC year 114)"

    def training(hours: str, missing: str) -> tuple[str, str]:
        return ("training_below", f"{name} has {hours} of the 20 in-service training hours required in 2025 (NT-20); "
                                  f"{missing} hours are still missing.")  # fmt: skip

    if number % 3 == 0:
        return [
            ("qualification_expiring",
             f"{name}'s Care worker training certificate (照顧服務員訓練結業證明書) expires on July 1, {roc}; "
             f"without a renewal they cannot be assigned from July 2, {roc}."),
            training("5.0", "15.0"),
            ("leave_requested", f"{name} asks for leave from May 20, {roc} to May 20, {roc}: approve or refuse it."),
        ]  # fmt: skip
    if number % 3 == 1:
        return [
            ("qualification_blocked", f"{name} has no valid qualification and cannot be assigned from May 2, {roc}."),
            training("12.5", "7.5"),
        ]
    return []


def _items_by_caregiver(items) -> dict[str, list[tuple[str, str]]]:
    found: dict[str, list[tuple[str, str]]] = {}
    for item in items:
        found.setdefault(re.match(r"Caregiver \d\d", item.title).group(), []).append((item.kind, item.title))
    return found


def _counted(actor) -> tuple[int, list]:
    with CaptureQueriesContext(connection) as queries:
        items = dashboard.items(actor=actor, today=TODAY)
    return len(queries.captured_queries), items


@pytest.mark.django_db
def test_the_caregiver_items_take_as_many_queries_for_thirteen_caregivers_as_for_three(agency, manager):
    for number in range(3):
        _caregiver(agency, number)
    few_queries, few_items = _counted(manager)
    assert _items_by_caregiver(few_items) == {f"Caregiver {n:02d}": _expected(n) for n in range(3) if _expected(n)}

    for number in range(3, 13):
        _caregiver(agency, number)
    many_queries, many_items = _counted(manager)

    assert many_queries == few_queries
    assert _items_by_caregiver(many_items) == {f"Caregiver {n:02d}": _expected(n) for n in range(13) if _expected(n)}
    # Caregivers in name order (qualification, then training), then the leave asked for.
    assert [i.kind for i in many_items if i.kind != "leave_requested"] == [
        kind for n in range(13) for kind, _title in _expected(n) if kind != "leave_requested"
    ]
    assert [i.kind for i in many_items][-5:] == ["leave_requested"] * 5


@pytest.mark.django_db
def test_a_caregiver_sees_only_their_own_items_with_the_same_texts(agency, manager):
    profiles = [_caregiver(agency, number) for number in range(4)]
    own = [(i.kind, i.title) for i in dashboard.items(actor=profiles[1].person.user, today=TODAY)]
    assert own == _expected(1)
