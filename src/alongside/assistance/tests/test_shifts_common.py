"""Helpers the shift tests share (no tests here): Sapporo and Kinmen local times, planning a shift, a signed-in
client, the server's clock and the named proxy (PA-12)."""

import datetime as dt
from zoneinfo import ZoneInfo

from django.test import Client
from django.utils import timezone

from alongside.assistance.shifts import services

JST = ZoneInfo("Asia/Tokyo")
TST = ZoneInfo("Asia/Taipei")
API = "/api/v1/pa"
JSON = "application/json"


def jst(day: int, hour: int, minute: int = 0, *, month: int = 6, year: int = 2025) -> dt.datetime:
    """A Sapporo wall-clock time (June 2025 unless told)."""
    return dt.datetime(year, month, day, hour, minute, tzinfo=JST)


def tst(day: int, hour: int, minute: int = 0, *, month: int = 6, year: int = 2025) -> dt.datetime:
    return dt.datetime(year, month, day, hour, minute, tzinfo=TST)


def plan(enrolment, assistant, start, end, *, actor=None, activities=("personal_care",), **options):
    """A shift planned by the user (or `actor`)."""
    return services.shift_plan(
        actor=actor or enrolment.user_person.user, enrolment=enrolment, assistant=assistant, start=start, end=end,
        activities=list(activities), **options,
    )  # fmt: skip


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


def set_clock(monkeypatch, moment: dt.datetime) -> None:
    monkeypatch.setattr(timezone, "now", lambda: moment)


def make_proxy(enrolment, assistant):
    """PA-12: the user cannot self-manage, nor can the family; this assistant manages on the user's behalf."""
    enrolment.user_can_self_manage = False
    enrolment.family_can_manage = False
    enrolment.proxy = assistant
    enrolment.save()
    return assistant.person.user
