"""A Nantou agency in March 2025: a supervisor, a manager, caregivers with different languages, sex and
qualifications, a Hakka-speaking client; another agency beside it."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from alongside.dispatch.tests import factories as f
from alongside.testing.factories import member

MONDAY = dt.date(2025, 3, 3)  # no public holiday that week in Taiwan
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


@pytest.fixture
def before_the_week(monkeypatch):
    """It is Saturday before MONDAY: the optimiser keeps visits that have started as they are, so tests that
    plan MONDAY's week ask for it beforehand."""
    moment = dt.datetime(2025, 3, 1, 9, 0, tzinfo=TAIPEI)
    monkeypatch.setattr(timezone, "now", lambda: moment)
    return moment


@pytest.fixture
def client(agency):
    """林阿嬤: a woman who speaks Hakka, living in Puli."""
    return f.client(agency)


@pytest.fixture
def hakka_caregiver(agency):
    """吳美惠: a woman who speaks Hakka and Mandarin, qualified, Monday to Friday 08:00-17:00."""
    return f.caregiver(agency, "caregiver_wu", "吳美惠", languages=("hakka", "mandarin"), phone="0911-222-333")


@pytest.fixture
def mandarin_caregiver(agency):
    """陳淑芬: a woman who speaks only Mandarin, qualified, Monday to Friday 08:00-17:00."""
    return f.caregiver(agency, "caregiver_chen", "陳淑芬", phone="0922-444-555")


@pytest.fixture
def male_caregiver(agency):
    return f.caregiver(agency, "caregiver_huang", "黃志明", sex="male", languages=("hakka",), phone="0933-666-777")


@pytest.fixture
def other_manager(other_agency):
    return member("manager", other_agency, "manager_other")


@pytest.fixture
def caregiver_user(hakka_caregiver):
    return hakka_caregiver.person.user
