import pytest

from alongside.core import permissions
from alongside.core.models import Membership
from alongside.core.roles import ROLES_BY_KIND, Capability
from alongside.testing.factories import member


@pytest.mark.django_db
def test_a_user_sees_only_the_organisations_they_belong_to(agency, other_agency):
    manager = member("manager", agency)
    assert list(permissions.user_organisations(manager)) == [agency]


@pytest.mark.django_db
def test_a_switched_off_membership_grants_nothing(agency):
    manager = member("manager", agency)
    Membership.objects.filter(user=manager).update(active=False)
    assert not permissions.can(manager, Capability.PERSON_VIEW, agency)


@pytest.mark.django_db
def test_a_government_officer_reads_but_never_edits_agencies_in_their_jurisdiction(agency, other_agency, county):
    officer = member("government_officer", county)
    assert permissions.can(officer, Capability.PERSON_VIEW, agency)
    assert permissions.can(officer, Capability.NATIONAL_ID_VIEW, agency)
    assert not permissions.can(officer, Capability.PERSON_EDIT, agency)
    assert not permissions.can(officer, Capability.PERSON_VIEW, other_agency)  # tw.changhua


@pytest.mark.django_db
def test_support_staff_read_the_households_they_support_only(support_centre, household, agency):
    staff = member("support_staff", support_centre)
    assert permissions.can(staff, Capability.PERSON_VIEW, household)
    assert not permissions.can(staff, Capability.PERSON_EDIT, household)
    assert not permissions.can(staff, Capability.PERSON_VIEW, agency)


@pytest.mark.django_db
def test_a_caregiver_role_cannot_exist_in_a_county_office(county):
    from django.core.exceptions import ValidationError

    membership = Membership(user=member("manager", county), organisation=county, role="caregiver")
    with pytest.raises(ValidationError):
        membership.clean()
    assert "caregiver" not in ROLES_BY_KIND["government"]


@pytest.mark.django_db
def test_the_api_token_command_prints_a_key_that_authenticates(agency):
    from io import StringIO

    from django.core.management import call_command
    from django.test import Client

    member("manager", agency, username="script-owner")
    out = StringIO()
    call_command("api_token", "script-owner", "nightly export", stdout=out)
    key = out.getvalue().strip()
    assert Client().get("/api/v1/core/me", HTTP_AUTHORIZATION=f"Bearer {key}").json()["username"] == "script-owner"
