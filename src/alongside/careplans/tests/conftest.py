import datetime as dt
from decimal import Decimal

import pytest

from alongside.careplans import services
from alongside.cases import services as case_services
from alongside.people.models import EmergencyContact
from alongside.testing.factories import PersonFactory, PersonLinkFactory, member

RECEIVED = dt.date(2014, 6, 6)  # a Friday; the disability plan (2014-2015) is in force
PERIOD = (dt.date(2014, 7, 1), dt.date(2014, 12, 31))
SERVICES = [
    services.ServiceLine("bathing", 2, 60),
    services.ServiceLine("meals", 3, 30),
]
SCREENING = case_services.Screening(
    screened_on=RECEIVED, outcome="public_subsidy", answers={"hired_carer": "none"},
    program="tw.disability_homecare", approved_level="moderate", approved_hours=Decimal(40),
)  # fmt: skip


@pytest.fixture
def manager(agency):
    return member("manager", agency, username="manager")


@pytest.fixture
def supervisor(agency):
    return member("supervisor", agency, username="supervisor")


@pytest.fixture
def client_person(agency):
    person = PersonFactory(organisation=agency, name="林阿嬌", national_id="M221234563", welfare_status="general",
                           residence_address="南投縣埔里鎮中山路一段1號", phone_mobile="0912345678")  # fmt: skip
    EmergencyContact.objects.create(person=person, name="林志明", relationship="child", phone="0922333444")
    return person


@pytest.fixture
def caregiver(agency, client_person):
    user = member("caregiver", agency, username="caregiver")
    PersonLinkFactory(user=user, person=client_person, role="caregiver", valid_from=dt.date(2014, 1, 1))
    return user


@pytest.fixture
def case(manager, supervisor, agency, client_person):
    """A disability-plan case at moderate level, 36 approved hours, with its responsible supervisor."""
    enquiry = case_services.case_intake(
        actor=manager, organisation=agency, client=client_person, client_data=None,
        intake=case_services.Intake(received_on=RECEIVED, source="hospital_discharge"),
    )  # fmt: skip
    screened = case_services.case_screen(actor=manager, case=enquiry, screening=SCREENING, expected_version=1)
    return case_services.case_assign(
        actor=manager, case=screened, supervisor=supervisor, assigned_on=RECEIVED, expected_version=2
    )


@pytest.fixture
def plan(case, supervisor):
    return services.care_plan_create(
        actor=supervisor, case=case, valid_from=dt.date(2014, 6, 10), services=SERVICES,
        text=services.PlanText(household_needs="備餐", body_care_needs="沐浴", service_time_needs="週一三五上午",
                               plan_text="依核定時數與案主及家屬討論每週服務頻率與時數。"),
    )  # fmt: skip


@pytest.fixture
def draft(case, supervisor, plan):
    return services.contract_generate(actor=supervisor, case=case, period_start=PERIOD[0], period_end=PERIOD[1])


def on_screen(**overrides) -> services.Signature:
    fields = {"signed_on": dt.date(2014, 6, 12), "method": "screen", "signed_by_name": "林阿嬌",
              "signer_relation": "self", "agreed_to_terms": True} | overrides  # fmt: skip
    return services.Signature(**fields)
