"""Rows the money tests build directly: applications, shifts with their priced segments, expenses, payments.

The shifts part of the app is written alongside this one, so these tests do not use its services: a shift is
priced by the rules (rules_input.shift_price, D-01, D-02) and written with its segments as the shifts services
would. "Today" is pinned to 3 July 2025 in Sapporo: June 2025 is over and its claim is due by 7 July (the 5th is
a Saturday, D-15).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from zoneinfo import ZoneInfo

import pytest
from django.test import Client

from alongside.assistance import rules_input
from alongside.assistance.models import Application, Expense, Payment, Shift, ShiftSegment
from alongside.assistance.money import months

TOKYO = ZoneInfo("Asia/Tokyo")
JUNE = dt.date(2025, 6, 1)
JULY = dt.date(2025, 7, 1)
TODAY = dt.date(2025, 7, 3)


@pytest.fixture(name="today")
def fixture_today(monkeypatch):
    """Pin the households' today (and so their current month) to 3 July 2025."""
    monkeypatch.setattr(months, "today_of", lambda enrolment: TODAY)
    return TODAY


def at(day: dt.date, hour: int, minute: int = 0) -> dt.datetime:
    return dt.datetime(day.year, day.month, day.day, hour, minute, tzinfo=TOKYO)


def application(enrolment, month=JUNE, *, transfer_hours="200", approved_hours="330", status="approved",
                carry_over_notified=False, refund_applied=False, welfare_copay=0, budget=None) -> Application:
    """002's example by default: 200 of 330 approved hours moved to PA, 480,000 yen (PA-03)."""
    if budget is None and enrolment.program == "jp.sapporo.pa":
        budget = rules_input.budget(month=month, approved_hours=Decimal(approved_hours),
                                    transfer_hours=Decimal(transfer_hours), rate=None)["budget"]  # fmt: skip
    return Application.objects.create(
        enrolment=enrolment, month=month, approved_hours=Decimal(approved_hours),
        transfer_hours=Decimal(transfer_hours), budget=budget or 0, status=status,
        carry_over_notified=carry_over_notified, refund_applied=refund_applied, welfare_copay=welfare_copay,
        decided_by=enrolment.user_person.user,
    )  # fmt: skip


def shift(assistant, start: dt.datetime, end: dt.datetime, *, status="confirmed", activities=("personal_care",),
          log="", segments=None) -> Shift:
    """A shift of `assistant` with its segments: priced by the rules unless `segments` (date, band, minutes,
    amount) are given."""
    enrolment = assistant.enrolment
    contract = assistant.contracts.order_by("-valid_from").first()
    user = enrolment.user_person.user
    confirmed = status == "confirmed"
    made = Shift.objects.create(
        enrolment=enrolment, assistant=assistant, contract=contract, status=status, planned_start=start,
        planned_end=end, activities=list(activities), activity_log=log, planned_by=user,
        started_at=start if status in ("recorded", "confirmed") else None,
        ended_at=end if status in ("recorded", "confirmed") else None,
        confirmed_by=user if confirmed else None, confirmed_at=end if confirmed else None,
    )  # fmt: skip
    if segments is None:
        priced = rules_input.shift_price(start=start, end=end, day_rate=contract.day_rate,
                                         night_rate=contract.night_rate,
                                         transport_included=contract.transport_included)  # fmt: skip
        segments = [(dt.date.fromisoformat(s["date"]), s["band"], s["minutes"], s["amount"], s["rate"], s["cap"])
                    for s in priced["segments"]]  # fmt: skip
    else:
        segments = [(*s, contract.day_rate, None) for s in segments]
    for day, band, minutes, amount, rate, cap in segments:
        ShiftSegment.objects.create(shift=made, date=day, band=band, minutes=minutes, rate=rate, cap=cap,
                                    amount=amount)  # fmt: skip
    made.amount = sum(s[3] for s in segments)
    made.save(update_fields=["amount"])
    return made


def day_shift(assistant, day: dt.date, hours: int = 3, *, start_hour: int = 9, **kwargs) -> Shift:
    return shift(assistant, at(day, start_hour), at(day, start_hour + hours), **kwargs)


def spend(assistant, month: dt.date, amount: int, *, status="confirmed") -> Shift:
    """One shift worth exactly `amount` on the month's 10th (a figure-only shift for budget arithmetic)."""
    day = month.replace(day=10)
    return shift(assistant, at(day, 9), at(day, 10), status=status, segments=[(day, "day", 60, amount)])


def expense(enrolment, month=JUNE, amount=5000, *, kind="job_ad", description="求人広告（フリーペーパー）"):
    return Expense.objects.create(enrolment=enrolment, month=month, kind=kind, amount=amount,
                                  spent_on=month.replace(day=15), description=description,
                                  decided_by=enrolment.user_person.user)  # fmt: skip


def payment(assistant, service_month=JUNE, amount=3600, *, proof_due=None, received=False) -> Payment:
    enrolment = assistant.enrolment
    return Payment.objects.create(
        enrolment=enrolment, assistant=assistant, service_month=service_month, amount=amount,
        paid_on=months.add(service_month, 1).replace(day=20),
        proof_due=proof_due or dt.date.fromisoformat(rules_input.deadlines(month=service_month)["payment_proof_by"]),
        proof_received_at=at(TODAY, 9) if received else None, decided_by=enrolment.user_person.user,
    )  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture(name="proxy_fee_in_force")
def fixture_proxy_fee_in_force(tmp_path, monkeypatch):
    """D-17's fee switched on from April 2025 (the parameter's start date is unknown until an operator sets it)."""
    import shutil

    import yaml

    from alongside.rules import parameters

    root = tmp_path / "params"
    shutil.copytree(parameters.DEFAULT_ROOT, root)
    path = root / "jp/sapporo/jp.sapporo.pa.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    next(v for v in data["parameters"]["proxy_fee"] if v["from"] is None)["from"] = dt.date(2025, 4, 1)
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    store = parameters.ParameterStore.load(root)
    monkeypatch.setattr(parameters, "default_store", lambda: store)


def make_proxy(enrolment, assistant) -> None:
    """PA-12: neither the user nor the family can manage; `assistant` manages by proxy."""
    enrolment.user_can_self_manage = False
    enrolment.family_can_manage = False
    enrolment.proxy = assistant
    enrolment.save()
