"""An agency with a manager, a supervisor, two caregivers with profiles, a client, and a client of another agency."""

import datetime as dt

import pytest

from alongside.scheduling import services
from alongside.testing.factories import PersonFactory, member
from alongside.workforce.models import CaregiverProfile

# A Monday in a week without public holidays in Taiwan.
MONDAY = dt.date(2025, 3, 3)
BEFORE = dt.datetime(2025, 1, 1, 0, 0, tzinfo=dt.UTC)  # "now" for generation: everything is in the future


def caregiver_profile(organisation, username: str, name: str, sex: str = "female") -> CaregiverProfile:
    user = member("caregiver", organisation, username)
    person = PersonFactory(
        organisation=organisation, kind="staff", name=name, sex=sex, user=user, phone_mobile="0912-000-111"
    )
    return CaregiverProfile.objects.create(person=person, organisation=organisation)


@pytest.fixture
def caregiver(agency):
    return caregiver_profile(agency, "caregiver_wu", "吳美惠")


@pytest.fixture
def other_caregiver(agency):
    return caregiver_profile(agency, "caregiver_huang", "黃志明", sex="male")


@pytest.fixture
def client(agency):
    return PersonFactory(
        organisation=agency,
        name="林阿嬤",
        residence_address="545南投縣埔里鎮中山路二段100號",
        phone_home="049-2990000",
        main_diagnoses="失智症",
    )


@pytest.fixture
def stranger_manager(other_agency):
    return member("manager", other_agency, "manager_other")


def plan_data(client, **fields) -> services.PlanData:
    values = {
        "client": client,
        "service_codes": ["bathing", "meals"],
        "rrule": "FREQ=WEEKLY;BYDAY=MO,WE,FR",
        "starts_on": MONDAY,
        "start_time": dt.time(9, 0),
        "duration_minutes": 120,
    } | fields
    return services.PlanData(**values)


@pytest.fixture
def plan(agency, supervisor, client, caregiver):
    """Monday, Wednesday and Friday at 09:00 for 2 h, from Monday 2025-03-03, regular caregiver 吳美惠."""
    return services.visit_plan_create(
        actor=supervisor, organisation=agency, data=plan_data(client, regular_caregiver=caregiver)
    )


def generate(actor, organisation, start, end, now=BEFORE):
    return services.visits_generate(actor=actor, organisation=organisation, start=start, end=end, now=now)
