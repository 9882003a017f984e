import datetime as dt
from decimal import Decimal

import pytest

from alongside.cases import services
from alongside.testing.factories import PersonFactory, member

RECEIVED = dt.date(2014, 6, 6)  # a Friday: contact by Wed 11 June, open by Tue 17 June (NT-09)


@pytest.fixture
def manager(agency):
    return member("manager", agency, username="manager")


@pytest.fixture
def supervisor(agency):
    return member("supervisor", agency, username="supervisor")


@pytest.fixture
def enquiry(manager, agency):
    client = PersonFactory(organisation=agency, name="林阿嬌")
    return services.case_intake(
        actor=manager,
        organisation=agency,
        client=client,
        client_data=None,
        intake=services.Intake(received_on=RECEIVED, source="hospital_discharge", referrer="埔里基督教醫院"),
    )


PUBLIC = services.Screening(
    screened_on=RECEIVED,
    outcome="public_subsidy",
    answers={"hired_carer": "none", "living_arrangement": "alone"},
    program="tw.disability_homecare",
    approved_level="moderate",
    approved_hours=Decimal(36),
)


@pytest.fixture
def screened(enquiry, manager):
    return services.case_screen(actor=manager, case=enquiry, screening=PUBLIC, expected_version=1)


@pytest.fixture
def assigned(screened, manager, supervisor):
    return services.case_assign(
        actor=manager, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=2
    )


@pytest.fixture
def _no_opening_prerequisites(monkeypatch):
    # Contracts and care plans are tested in the careplans app; here the lifecycle alone.
    monkeypatch.setattr("alongside.careplans.selectors.opening_problems", lambda *, case: [])


@pytest.fixture
def opened(assigned, supervisor, _no_opening_prerequisites):
    contacted = services.case_contact(
        actor=supervisor, case=assigned, contacted_on=dt.date(2014, 6, 9), expected_version=3
    )
    return services.case_open(actor=supervisor, case=contacted, opened_on=dt.date(2014, 6, 16), expected_version=4)
