"""An agency with a manager, a supervisor and two caregivers with records; another agency beside it."""

import datetime as dt
import zoneinfo

import pytest

from alongside.testing.factories import member
from alongside.workforce.tests.factories import caregiver_profile

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


@pytest.fixture
def caregiver(agency):
    """陳淑芬, full time, skills certificate without expiry, Monday to Friday 08:00-17:00."""
    return caregiver_profile(agency, "caregiver01", "陳淑芬")


@pytest.fixture
def other_caregiver(agency):
    return caregiver_profile(agency, "caregiver02", "黃志明", sex="male")


@pytest.fixture
def outsider_manager(other_agency):
    return member("manager", other_agency, "manager_wu")


def at(text: str) -> dt.datetime:
    """'2025-03-10 08:00' in Taipei."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=TAIPEI)
