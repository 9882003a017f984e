import pytest

from alongside.core.errors import DomainError
from alongside.core.models import AuditEvent
from alongside.people import services
from alongside.testing.factories import PersonFactory, member


@pytest.fixture
def manager(agency):
    return member("manager", agency)


@pytest.fixture
def client(agency):
    return PersonFactory(organisation=agency, name="張志明", sex="male", phone_mobile="0911-111111")


@pytest.mark.django_db
def test_a_plain_change_needs_no_reason_and_bumps_the_version(manager, client):
    updated = services.person_update(
        actor=manager, person=client, data={"phone_mobile": "0922-222222"}, expected_version=1
    )
    assert (updated.phone_mobile, updated.version) == ("0922-222222", 2)
    event = AuditEvent.objects.get(action="update")
    assert event.changes == {"phone_mobile": ["0911-111111", "0922-222222"]}


@pytest.mark.django_db
def test_correcting_the_name_without_a_reason_is_refused_and_changes_nothing(manager, client):
    with pytest.raises(DomainError) as refused:
        services.person_update(actor=manager, person=client, data={"name": "張誌明"}, expected_version=1)
    assert [p.field for p in refused.value.problems] == ["reason"]
    client.refresh_from_db()
    assert (client.name, client.version) == ("張志明", 1)
    assert not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.django_db
def test_a_correction_with_a_reason_keeps_the_reason_in_the_trail(manager, client):
    services.person_update(
        actor=manager, person=client, data={"name": "張誌明"}, expected_version=1, reason="戶籍謄本更正",
    )  # fmt: skip
    event = AuditEvent.objects.get(action="update")
    assert event.reason == "戶籍謄本更正"
    assert event.changes == {"name": ["張志明", "張誌明"]}


@pytest.mark.django_db
def test_a_stale_edit_is_refused_so_the_first_save_is_not_lost(manager, client):
    services.person_update(actor=manager, person=client, data={"phone_mobile": "0933-333333"}, expected_version=1)
    with pytest.raises(DomainError) as refused:
        services.person_update(actor=manager, person=client, data={"phone_home": "049-2222222"}, expected_version=1)
    assert [p.code for p in refused.value.problems] == ["stale_version"]
    client.refresh_from_db()
    assert (client.phone_mobile, client.phone_home, client.version) == ("0933-333333", "", 2)


@pytest.mark.django_db
def test_saving_without_changes_writes_no_event(manager, client):
    services.person_update(actor=manager, person=client, data={"name": "張志明"}, expected_version=1)
    assert not AuditEvent.objects.filter(action="update").exists()


@pytest.mark.django_db
def test_replacing_emergency_contacts_is_recorded(manager, client):
    services.person_update(
        actor=manager, person=client, expected_version=1, data={},
        emergency_contacts=[{"name": "張太太", "relationship": "spouse", "phone": "049-2345678"}],
    )  # fmt: skip
    event = AuditEvent.objects.get(action="update")
    assert event.changes["emergency_contacts"][1] == [
        {"name": "張太太", "relationship": "spouse", "phone": "049-2345678"}
    ]


@pytest.mark.django_db
def test_a_bad_id_and_a_missing_reason_are_reported_together(manager, client):
    with pytest.raises(DomainError) as refused:
        services.person_update(
            actor=manager, person=client, data={"name": "張誌明", "national_id": "A123456788"}, expected_version=1
        )
    assert {p.field: p.code for p in refused.value.problems} == {
        "national_id": "national_id_check_digit", "reason": "reason_required",
    }  # fmt: skip
    client.refresh_from_db()
    assert client.version == 1
