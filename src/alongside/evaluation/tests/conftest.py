"""Staff of the agency: two caregivers (one with a sign-in, hired recently) and the supervisor's own staff record."""

import datetime as dt

import pytest

from alongside.testing.factories import PersonFactory, billing_caregiver


@pytest.fixture
def caregiver(agency):
    """王小美, with a sign-in, hired on 2025-01-06 (new staff in the tests' early 2025)."""
    profile = billing_caregiver(agency, "王小美", username="caregiver_wang")
    profile.hired_on = dt.date(2025, 1, 6)
    profile.save()
    return profile


@pytest.fixture
def paper_caregiver(agency):
    """李大同: a caregiver without a sign-in, hired long ago."""
    from alongside.workforce.models import CaregiverProfile

    person = PersonFactory(organisation=agency, kind="staff", name="李大同")
    return CaregiverProfile.objects.create(person=person, organisation=agency, hired_on=dt.date(2019, 3, 1))


@pytest.fixture
def supervisor_staff(agency, supervisor):
    """The supervisor's own staff record (no caregiver profile: the position is set on StaffPosition)."""
    return PersonFactory(organisation=agency, kind="staff", name="林督導", user=supervisor)


@pytest.fixture
def other_staff(other_agency):
    return billing_caregiver(other_agency, "張外人", username="caregiver_other")
