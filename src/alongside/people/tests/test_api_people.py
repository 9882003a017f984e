"""The people API: the 422 problem shape, permissions per role, pagination and optimistic locking."""

import pytest
from django.test import Client

from alongside.core.models import ApiToken, AuditEvent
from alongside.people.models import Person
from alongside.testing.factories import PersonFactory, PersonLinkFactory, UserFactory, member

PEOPLE = "/api/v1/people/"


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db
def test_bad_input_is_a_422_problem_naming_every_field_and_nothing_is_written(agency):
    api = signed_in(member("manager", agency))
    body = {"organisation_id": agency.pk, "kind": "client", "name": "", "sex": "x", "national_id": "A123456788"}
    response = api.post(PEOPLE, body, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    problem = response.json()
    assert problem["status"] == 422
    assert problem["title"]
    assert {e["field"] for e in problem["errors"]} == {"name", "sex", "national_id"}
    assert all(e["message"] for e in problem["errors"])
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_wrong_types_are_a_422_problem_too(agency):
    api = signed_in(member("manager", agency))
    response = api.post(PEOPLE, {"organisation_id": "abc", "kind": 3}, content_type="application/json")
    assert response.status_code == 422
    assert response["Content-Type"] == "application/problem+json"
    fields = {e["field"] for e in response.json()["errors"]}
    assert {"organisation_id", "name", "sex"} <= fields


@pytest.mark.django_db
def test_errors_speak_the_users_language(agency):
    user = member("manager", agency)
    user.language = "zh-hant"
    user.save()
    body = {"organisation_id": agency.pk, "kind": "client", "name": "", "sex": "female"}
    response = signed_in(user).post(PEOPLE, body, content_type="application/json")
    assert response.json()["errors"][0]["message"] == "這個欄位是必須的。"  # Django's own zh-Hant wording


@pytest.mark.django_db
def test_a_manager_adds_and_reads_a_person(agency):
    api = signed_in(member("manager", agency))
    body = {"organisation_id": agency.pk, "kind": "client", "name": "吳秀英", "sex": "female",
            "national_id": "m221234563", "languages": ["taiwanese"]}  # fmt: skip
    created = api.post(PEOPLE, body, content_type="application/json")
    assert created.status_code == 201
    person = created.json()
    assert person["national_id"] == "M221234563"
    assert person["version"] == 1
    assert api.get(f"{PEOPLE}{person['id']}").json()["languages"] == ["taiwanese"]
    assert AuditEvent.objects.filter(action="view", object_id=str(person["id"])).count() == 1


@pytest.mark.django_db
def test_a_person_in_another_organisation_is_not_found_for_every_role_there(agency, other_agency):
    stranger = PersonFactory(organisation=other_agency)
    for role in ["manager", "supervisor", "caregiver", "client_viewer"]:
        response = signed_in(member(role, agency)).get(f"{PEOPLE}{stranger.pk}")
        assert response.status_code == 404, role
        assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_caregiver_reads_served_clients_masked_and_cannot_guess_others(agency):
    served, other = PersonFactory(organisation=agency, national_id="M221234563"), PersonFactory(organisation=agency)
    caregiver = member("caregiver", agency)
    PersonLinkFactory(user=caregiver, person=served)
    api = signed_in(caregiver)
    detail = api.get(f"{PEOPLE}{served.pk}").json()
    assert detail["national_id"] == "M2******63"
    assert detail["national_id_masked"] is True
    assert api.get(f"{PEOPLE}{other.pk}").status_code == 404
    assert [p["id"] for p in api.get(PEOPLE).json()["items"]] == [served.pk]


@pytest.mark.django_db
def test_a_caregiver_cannot_change_a_client(agency):
    served = PersonFactory(organisation=agency)
    caregiver = member("caregiver", agency)
    PersonLinkFactory(user=caregiver, person=served)
    response = signed_in(caregiver).patch(
        f"{PEOPLE}{served.pk}", {"version": 1, "phone_mobile": "0900"}, content_type="application/json"
    )
    assert response.status_code == 403
    served.refresh_from_db()
    assert served.phone_mobile == ""


@pytest.mark.django_db
def test_a_government_officer_reads_but_cannot_write(agency, county):
    person = PersonFactory(organisation=agency)
    api = signed_in(member("government_officer", county))
    assert api.get(f"{PEOPLE}{person.pk}").status_code == 200
    response = api.patch(f"{PEOPLE}{person.pk}", {"version": 1, "notes": "x"}, content_type="application/json")
    assert response.status_code == 403
    create = api.post(
        PEOPLE, {"organisation_id": agency.pk, "kind": "client", "name": "x", "sex": "male"},
        content_type="application/json",
    )  # fmt: skip
    assert create.status_code == 404  # an organisation they do not belong to


@pytest.mark.django_db
def test_a_pa_user_cannot_reach_another_household(household, support_centre):
    from alongside.testing.factories import OrganisationFactory

    neighbour = OrganisationFactory(kind="household", jurisdiction="jp.sapporo", supported_by=support_centre)
    theirs = PersonFactory(organisation=neighbour, name="鈴木一郎")
    api = signed_in(member("pa_user", household))
    assert api.get(f"{PEOPLE}{theirs.pk}").status_code == 404


@pytest.mark.django_db
def test_a_stale_patch_is_refused_with_409(agency):
    person = PersonFactory(organisation=agency)
    api = signed_in(member("manager", agency))
    first = api.patch(f"{PEOPLE}{person.pk}", {"version": 1, "notes": "a"}, content_type="application/json")
    second = api.patch(f"{PEOPLE}{person.pk}", {"version": 1, "notes": "b"}, content_type="application/json")
    assert first.status_code == 200
    assert first.json()["version"] == 2
    assert second.status_code == 409  # Conflict: someone else changed the person first
    assert second.json()["errors"][0]["field"] == "version"
    person.refresh_from_db()
    assert person.notes == "a"


@pytest.mark.django_db
def test_lists_are_paginated(agency):
    for _ in range(55):
        PersonFactory(organisation=agency)
    page = signed_in(member("manager", agency)).get(PEOPLE, {"page": 2}).json()
    assert page["count"] == 55
    assert len(page["items"]) == 5


def test_anonymous_callers_get_a_401_problem(db):
    response = Client().get(PEOPLE)
    assert response.status_code == 401
    assert response["Content-Type"] == "application/problem+json"


@pytest.mark.django_db
def test_a_bearer_token_authenticates_and_a_revoked_one_does_not(agency):
    token, key = ApiToken.issue(user=member("manager", agency), name="script")
    headers = {"HTTP_AUTHORIZATION": f"Bearer {key}"}
    assert Client().get(PEOPLE, **headers).status_code == 200
    token.revoked = True
    token.save()
    assert Client().get(PEOPLE, **headers).status_code == 401
    assert Client().get(PEOPLE, HTTP_AUTHORIZATION="Bearer nonsense").status_code == 401


@pytest.mark.django_db
def test_session_writes_need_the_csrf_token(agency):
    client = Client(enforce_csrf_checks=True)
    client.force_login(member("manager", agency))
    response = client.post(
        PEOPLE, {"organisation_id": agency.pk, "kind": "client", "name": "x", "sex": "male"},
        content_type="application/json",
    )  # fmt: skip
    assert response.status_code in (401, 403)
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_the_openapi_document_lists_the_people_operations():
    schema = Client().get("/api/v1/openapi.json").json()
    assert {"/api/v1/people/", "/api/v1/people/{person_id}"} <= set(schema["paths"])
    assert UserFactory  # factories import cleanly
