"""An agency with a manager and two supervisors, and open cases built through alongside.cases.services."""

import datetime as dt
from decimal import Decimal

import pytest

from alongside.cases import services as cases
from alongside.testing.factories import PersonFactory, member


@pytest.fixture(autouse=True)
def _supervision_urls(settings):
    # config/urls.py and config/api.py do not mount supervision yet (the lead adds it); this urlconf does.
    settings.ROOT_URLCONF = "alongside.supervision.tests.urls"


@pytest.fixture
def other_supervisor(agency):
    return member("supervisor", agency, "supervisor_wang")


@pytest.fixture
def open_a_case(agency, manager, monkeypatch):
    """Build a case from the first call to opening, as the agency would, and return it open."""
    # case_open asks alongside.careplans.selectors.opening_problems for a signed contract and a care plan. That
    # work is being built by another engineer; supervision does not depend on it, so nothing keeps a case shut here.
    monkeypatch.setattr("alongside.careplans.selectors.opening_problems", lambda *, case: [])

    def open_case(*, supervisor, name="林阿嬤", received_on=dt.date(2014, 6, 3), opened_on=dt.date(2014, 6, 10)):
        client = PersonFactory(organisation=agency, name=name)
        case = cases.case_intake(actor=manager, organisation=agency, client=client, client_data=None,
                                 intake=cases.Intake(received_on=received_on, source="self"))  # fmt: skip
        screening = cases.Screening(
            screened_on=received_on, outcome="public_subsidy", answers={}, program="tw.disability_homecare",
            approved_level="moderate", approved_hours=Decimal("30"),
        )  # fmt: skip
        case = cases.case_screen(actor=manager, case=case, screening=screening, expected_version=case.version)
        case = cases.case_assign(actor=manager, case=case, supervisor=supervisor, assigned_on=received_on,
                                 expected_version=case.version)  # fmt: skip
        case = cases.case_contact(actor=supervisor, case=case, contacted_on=received_on + dt.timedelta(days=1),
                                  expected_version=case.version)  # fmt: skip
        return cases.case_open(actor=supervisor, case=case, opened_on=opened_on, expected_version=case.version)

    return open_case


@pytest.fixture
def case(open_a_case, supervisor):
    """Opened Tuesday 2014-06-10 for the disability plan, in Nantou, with 林 as the responsible supervisor."""
    return open_a_case(supervisor=supervisor)
