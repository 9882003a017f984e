"""Fixtures of the equipment register: staff of the agency who keep items, a caregiver, an item."""

import datetime as dt

import pytest
from django.utils import timezone

from alongside.equipment import services
from alongside.testing.factories import PersonFactory, member

TODAY = dt.date(2025, 6, 16)


@pytest.fixture(autouse=True)
def fixed_today(monkeypatch):
    """Every test runs on Monday 16 June 2025 (Asia/Taipei)."""
    moment = timezone.make_aware(dt.datetime(2025, 6, 16, 10, 0))
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return TODAY


@pytest.fixture
def keeper(agency):
    return PersonFactory(organisation=agency, kind="staff", name="王小明")


@pytest.fixture
def other_keeper(agency):
    return PersonFactory(organisation=agency, kind="staff", name="李美華")


@pytest.fixture
def caregiver_user(agency):
    return member("caregiver", agency, "caregiver_wu")


@pytest.fixture
def other_manager(other_agency):
    return member("manager", other_agency, "manager_other")


def make_item(actor, organisation, keeper, **values):
    data = {
        "number": "EQ-001",
        "name": "雷射印表機",
        "category": "office_machine",
        "location": "辦公室",
        "acquired_on": dt.date(2025, 1, 10),
        "cost": 12500,
    } | values
    return services.item_register(actor=actor, organisation=organisation, keeper=keeper, **data)


@pytest.fixture
def item(manager, agency, keeper):
    return make_item(manager, agency, keeper)
