import pytest

from alongside.core.errors import DomainError, NotPermitted
from alongside.core.models import AuditEvent
from alongside.people import services
from alongside.people.models import Person
from alongside.testing.factories import member

VALID = {"kind": "client", "name": "林阿嬌", "sex": "female", "national_id": "M221234563"}


@pytest.mark.django_db
def test_a_manager_adds_a_client_and_the_trail_records_it_without_the_id(agency):
    manager = member("manager", agency)
    person = services.person_create(
        actor=manager, organisation=agency, data=VALID,
        emergency_contacts=[{"name": "林大明", "relationship": "child", "phone": "0912-345678"}],
    )  # fmt: skip
    assert person.national_id == "M221234563"
    assert list(person.emergency_contacts.values_list("name", "relationship")) == [("林大明", "child")]
    event = AuditEvent.objects.get(object_type="people.person", object_id=str(person.pk))
    assert event.action == "create"
    assert event.actor == manager
    assert event.changes["national_id"] == ["•••", "•••"]
    assert "M221234563" not in str(event.changes)


@pytest.mark.django_db
def test_every_bad_field_is_named_at_once_and_nothing_is_written(agency):
    manager = member("manager", agency)
    bad = {"kind": "client", "name": "", "sex": "unknown", "national_id": "M221234564", "languages": ["klingon"]}
    with pytest.raises(DomainError) as refused:
        services.person_create(
            actor=manager, organisation=agency, data=bad,
            emergency_contacts=[{"name": "", "relationship": "pet", "phone": ""}],
        )  # fmt: skip
    fields = {p.field: p.code for p in refused.value.problems}
    assert fields == {
        "name": "required", "sex": "invalid", "national_id": "national_id_check_digit", "languages": "invalid",
        "emergency_contacts[0].name": "required", "emergency_contacts[0].relationship": "invalid",
        "emergency_contacts[0].phone": "required",
    }  # fmt: skip
    assert Person.objects.count() == 0
    assert AuditEvent.objects.count() == 0


@pytest.mark.django_db
def test_contacts_are_checked_field_by_field(agency):
    manager = member("manager", agency)
    with pytest.raises(DomainError) as refused:
        services.person_create(
            actor=manager, organisation=agency, data=VALID,
            emergency_contacts=[{"name": "", "relationship": "pet", "phone": ""}],
        )  # fmt: skip
    assert {p.field for p in refused.value.problems} == {
        "emergency_contacts[0].name", "emergency_contacts[0].relationship", "emergency_contacts[0].phone",
    }  # fmt: skip
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_malformed_taiwan_id_gets_the_format_message(agency):
    with pytest.raises(DomainError) as refused:
        services.person_create(
            actor=member("manager", agency), organisation=agency, data=VALID | {"national_id": "M22123456"}
        )
    assert [p.code for p in refused.value.problems] == ["national_id_format"]


@pytest.mark.django_db
def test_the_same_national_id_twice_in_one_organisation_is_refused(agency):
    manager = member("manager", agency)
    services.person_create(actor=manager, organisation=agency, data=VALID)
    with pytest.raises(DomainError) as refused:
        services.person_create(actor=manager, organisation=agency, data=VALID | {"name": "另一人"})
    assert [p.code for p in refused.value.problems] == ["national_id_duplicate"]
    assert Person.objects.count() == 1


@pytest.mark.django_db
def test_japanese_organisations_do_not_apply_the_taiwan_id_check(household):
    pa_user = member("pa_user", household)
    person = services.person_create(
        actor=pa_user, organisation=household, data={"kind": "staff", "name": "佐藤花子", "sex": "female"}
    )
    assert person.national_id == ""


@pytest.mark.django_db
@pytest.mark.parametrize("role", ["caregiver", "client_viewer"])
def test_roles_without_edit_rights_cannot_add_people(agency, role):
    with pytest.raises(NotPermitted):
        services.person_create(actor=member(role, agency), organisation=agency, data=VALID)
    assert Person.objects.count() == 0


@pytest.mark.django_db
def test_a_government_officer_cannot_add_people_to_an_agency(agency, county):
    with pytest.raises(NotPermitted):
        services.person_create(actor=member("government_officer", county), organisation=agency, data=VALID)
