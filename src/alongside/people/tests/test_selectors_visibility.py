"""Who sees whom: one test per role's reach (issue 2, point 4)."""

import datetime as dt

import pytest

from alongside.core.errors import NotFound
from alongside.people import selectors
from alongside.testing.factories import PersonFactory, PersonLinkFactory, member


def names(user):
    return sorted(p.name for p in selectors.person_list(actor=user))


@pytest.fixture
def cast(agency, other_agency, household):
    return {
        "served": PersonFactory(organisation=agency, name="甲 served"),
        "unserved": PersonFactory(organisation=agency, name="乙 unserved"),
        "elsewhere": PersonFactory(organisation=other_agency, name="丙 elsewhere"),
        "pa_user": PersonFactory(organisation=household, name="佐藤太郎"),
    }


@pytest.mark.django_db
def test_a_manager_sees_their_agency_and_nothing_else(agency, cast):
    assert names(member("manager", agency)) == ["乙 unserved", "甲 served"]


@pytest.mark.django_db
def test_a_caregiver_sees_only_the_clients_they_serve(agency, cast):
    caregiver = member("caregiver", agency)
    PersonLinkFactory(user=caregiver, person=cast["served"])
    assert names(caregiver) == ["甲 served"]
    with pytest.raises(NotFound):
        selectors.person_get(actor=caregiver, person_id=cast["unserved"].pk)


@pytest.mark.django_db
def test_an_ended_link_no_longer_shows_the_client(agency, cast):
    caregiver = member("caregiver", agency)
    PersonLinkFactory(user=caregiver, person=cast["served"], valid_to=dt.date(2021, 1, 1))
    assert names(caregiver) == []


@pytest.mark.django_db
def test_a_family_viewer_sees_only_their_relative(agency, cast):
    family = member("client_viewer", agency)
    PersonLinkFactory(user=family, person=cast["served"], role="family")
    assert names(family) == ["甲 served"]


@pytest.mark.django_db
def test_a_pa_user_sees_only_their_own_household(household, cast):
    assert names(member("pa_user", household)) == ["佐藤太郎"]


@pytest.mark.django_db
def test_a_government_officer_sees_their_jurisdiction_only(county, cast):
    assert names(member("government_officer", county)) == ["乙 unserved", "甲 served"]


@pytest.mark.django_db
def test_support_staff_see_the_households_they_support(support_centre, cast):
    assert names(member("support_staff", support_centre)) == ["佐藤太郎"]


@pytest.mark.django_db
def test_someone_without_a_membership_sees_nobody(cast):
    from alongside.testing.factories import UserFactory

    assert names(UserFactory()) == []


@pytest.mark.django_db
def test_national_ids_are_masked_for_caregivers_and_whole_for_supervisors(agency):
    person = PersonFactory(organisation=agency, national_id="M221234563")
    caregiver, supervisor = member("caregiver", agency), member("supervisor", agency)
    PersonLinkFactory(user=caregiver, person=person)
    assert selectors.national_id_for(actor=caregiver, person=person) == "M2******63"
    assert selectors.national_id_for(actor=supervisor, person=person) == "M221234563"


@pytest.mark.django_db
def test_search_matches_name_and_phone(agency):
    PersonFactory(organisation=agency, name="王小明", phone_mobile="0912-000111")
    PersonFactory(organisation=agency, name="李大華", phone_mobile="0988-777666")
    manager = member("manager", agency)
    by_name = selectors.person_list(actor=manager, filters=selectors.PersonFilters(query="小明"))
    by_phone = selectors.person_list(actor=manager, filters=selectors.PersonFilters(query="777"))
    assert [p.name for p in by_name] == ["王小明"]
    assert [p.name for p in by_phone] == ["李大華"]
