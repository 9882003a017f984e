"""A Nantou agency in March 2025: a manager, a supervisor, two caregivers with profiles, a client living in Puli
with her daughter as a client viewer, and a visit on Monday 3 March at 09:00 for two hours (bathing and meals)
assigned to 吳美惠. The month is open unless a test closes it."""

import datetime as dt
import zoneinfo

import pytest
from django.utils import timezone

from alongside.billing.models import MonthClose
from alongside.scheduling.models import Visit
from alongside.testing.factories import PersonFactory, PersonLinkFactory, member
from alongside.workforce.models import CaregiverProfile

MONDAY = dt.date(2025, 3, 3)  # no public holiday that week in Taiwan (228 is the Friday before)
TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")


def at(hour: int, minute: int = 0, day: dt.date = MONDAY) -> dt.datetime:
    """An aware time in Taipei."""
    return dt.datetime.combine(day, dt.time(hour, minute), tzinfo=TAIPEI)


def caregiver_profile(organisation, username: str, name: str, sex: str = "female") -> CaregiverProfile:
    user = member("caregiver", organisation, username)
    person = PersonFactory(organisation=organisation, kind="staff", name=name, sex=sex, user=user)
    return CaregiverProfile.objects.create(person=person, organisation=organisation)


def visit_on(organisation, client, day: dt.date = MONDAY, start: dt.time = dt.time(9), *, minutes: int = 120,
             caregiver=None, services=("bathing", "meals"), locked: bool = False) -> Visit:  # fmt: skip
    return Visit.objects.create(
        organisation=organisation,
        client=client,
        on=day,
        earliest_start=start,
        latest_start=start,
        planned_start=start,
        duration_minutes=minutes,
        service_codes=list(services),
        caregiver=caregiver,
        locked=locked,
    )


def close_month(organisation, started_by, month: dt.date = MONDAY) -> MonthClose:
    """The month as billing leaves it after a close (billing.locks.month_is_closed is then true)."""
    return MonthClose.objects.create(
        organisation=organisation,
        month=month.replace(day=1),
        status="closed",
        started_by=started_by,
        started_at=timezone.now(),
        closed_at=timezone.now(),
    )


@pytest.fixture
def caregiver(agency):
    return caregiver_profile(agency, "caregiver_wu", "吳美惠")


@pytest.fixture
def caregiver_user(caregiver):
    return caregiver.person.user


@pytest.fixture
def other_caregiver(agency):
    return caregiver_profile(agency, "caregiver_huang", "黃志明", sex="male")


@pytest.fixture
def other_caregiver_user(other_caregiver):
    return other_caregiver.person.user


@pytest.fixture
def client(agency):
    return PersonFactory(
        organisation=agency,
        name="林阿嬤",
        residence_address="545南投縣埔里鎮中山路二段100號",
        phone_home="049-2990000",
        national_id="M220000001",
    )


@pytest.fixture
def daughter(agency, client):
    """林小芬, the client's daughter: a client viewer linked to her mother."""
    user = member("client_viewer", agency, "daughter_lin")
    PersonLinkFactory(user=user, person=client, role="family", valid_from=dt.date(2024, 1, 1))
    return user


@pytest.fixture
def stranger_manager(other_agency):
    return member("manager", other_agency, "manager_other")


@pytest.fixture
def visit(agency, client, caregiver):
    return visit_on(agency, client, caregiver=caregiver)
