"""A Nantou agency's client in Puli with an open disability-plan case supervised by the `supervisor` fixture, her
daughter as a client viewer, a caregiver who visited her in March 2025, and answer sets for each part of 004's
居家服務滿意度調查表."""

import datetime as dt

import pytest
from django.test import Client

from alongside.cases.models import Case
from alongside.rules.instruments import INSTRUMENTS
from alongside.testing.factories import (
    PersonFactory,
    PersonLinkFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
)

PAPER_DAY = dt.date(2025, 3, 20)


def answers(code: str, value: int) -> dict:
    """Every item of one part answered with the same column (the raw answer, before any reversal)."""
    return {item.code: value for item in INSTRUMENTS[code].items}


def full_form(*, cesd: int = 0, burden: int = 3) -> dict:
    """All five parts. CES-D all 0 scores 12 (its four positive items reversed), all 1 scores 24 (≥ 16, IN-08);
    burden all 4 reads 'agree' (high, IN-07), all 3 'neutral'."""
    return {
        "satisfaction": answers("satisfaction", 4),
        "social_support": answers("social_support", 3),
        "family_interaction": answers("family_interaction", 2),
        "caregiver_burden": answers("caregiver_burden", burden),
        "cesd": answers("cesd", cesd),
    }


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_person(agency):
    return PersonFactory(organisation=agency, name="林秀英", residence_address="南投縣埔里鎮中山路一段1號")


@pytest.fixture
def case(agency, client_person, supervisor):
    found = billing_case(agency, client_person, program="tw.disability_homecare", number="DH-0101")
    Case.objects.filter(pk=found.pk).update(supervisor=supervisor)
    found.refresh_from_db()
    return found


@pytest.fixture
def worker(agency, client_person):
    profile = billing_caregiver(agency, "吳美惠", username="wu.meihui")
    billing_visit(agency, client_person, profile, dt.date(2025, 3, 3))
    return profile


@pytest.fixture
def daughter(agency, client_person):
    user = member("client_viewer", agency, "lin.daughter")
    PersonLinkFactory(user=user, person=client_person, role="family", valid_from=dt.date(2024, 1, 1))
    return user


@pytest.fixture
def caregiver_user(worker):
    return worker.person.user


@pytest.fixture
def other_supervisor(agency):
    return member("supervisor", agency, "supervisor_hsu")


@pytest.fixture
def stranger(other_agency):
    return member("manager", other_agency, "manager_changhua")
