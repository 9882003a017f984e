import datetime as dt

import pytest
from django.utils import timezone

from alongside.cases.models import Case
from alongside.people.models import PersonLink
from alongside.testing.factories import PersonFactory, member


@pytest.fixture
def client_person(agency):
    return PersonFactory(organisation=agency, name="王大明")


@pytest.fixture
def caregiver_person(agency):
    user = member("caregiver", agency, "wu_caregiver")
    return PersonFactory(organisation=agency, kind="staff", name="吳照服", user=user)


@pytest.fixture
def case(agency, client_person, supervisor):
    return Case.objects.create(
        organisation=agency, client=client_person, number="C-1", received_on=dt.date(2025, 1, 2),
        source="self", supervisor=supervisor,
    )  # fmt: skip


@pytest.fixture
def family(agency, client_person):
    user = member("client_viewer", agency, "daughter_wang")
    PersonLink.objects.create(user=user, person=client_person, role="family", valid_from=dt.date(2024, 1, 1))
    return user


@pytest.fixture
def officer(county):
    return member("government_officer", county, "officer_huang")


@pytest.fixture
def other_manager(other_agency):
    return member("manager", other_agency, "manager_other")


@pytest.fixture
def received(manager, client_person, caregiver_person, case):
    from alongside.complaints import services

    return services.complaint_receive(
        actor=manager, client=client_person, complainant_name="王小姐", relation="child", channel="phone",
        received_at=timezone.now() - dt.timedelta(hours=1), description="照服員遲到一小時。",
        people_involved=[caregiver_person], to_county=True,
    )  # fmt: skip
