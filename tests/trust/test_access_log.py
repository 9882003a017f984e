"""Every read of a client's person or case record is logged; only the organisation's managers (and other audit
readers) can see that log."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test import Client

from alongside.core.models import RecordAccess
from alongside.testing.factories import PersonFactory, PersonLinkFactory, billing_case, member


def signed_in(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def client_record(agency):
    person = PersonFactory(organisation=agency, name="林阿嬌", main_diagnoses="中風")
    return person, billing_case(agency, person)


@pytest.mark.django_db
def test_page_api_and_printed_reads_are_logged_with_who_how_and_what(agency, manager, client_record):
    from alongside.cases import services as cases

    person, case = client_record
    browser = signed_in(manager)
    assert browser.get(f"/people/{person.pk}/").status_code == 200
    assert browser.get(f"/api/v1/people/{person.pk}").status_code == 200
    assert browser.get(f"/cases/{case.pk}/").status_code == 200
    assert browser.get(f"/api/v1/cases/{case.pk}").status_code == 200
    cases.case_form_printed(actor=manager, case=case, form="assessment")

    logged = list(RecordAccess.objects.order_by("id").values_list("actor_name", "via", "view", "person_id", "case_id"))
    assert logged == [
        ("manager_chen", "page", "person_detail", person.pk, None),
        ("manager_chen", "api", "api:person_detail", person.pk, None),
        ("manager_chen", "page", "case_detail", person.pk, case.pk),
        ("manager_chen", "api", "api:case_detail", person.pk, case.pk),
        ("manager_chen", "print", "form:assessment", person.pk, case.pk),
    ]
    assert set(RecordAccess.objects.values_list("organisation_id", flat=True)) == {agency.pk}

    page = browser.get(f"/people/{person.pk}/accesses/")
    assert page.status_code == 200
    assert page.content.decode().count("<td>manager_chen</td>") == 5
    api = browser.get(f"/api/v1/people/{person.pk}/accesses").json()
    assert api["count"] == 5
    assert {item["view"] for item in api["items"]} >= {"person_detail", "api:case_detail", "form:assessment"}
    # Reading the log is not itself a read of the record.
    assert RecordAccess.objects.count() == 5


@pytest.mark.django_db
def test_a_manager_of_another_organisation_cannot_see_the_log(other_agency, client_record):
    person, _ = client_record
    outsider = signed_in(member("manager", other_agency, "manager_elsewhere"))
    assert outsider.get(f"/people/{person.pk}/accesses/").status_code == 404
    assert outsider.get(f"/api/v1/people/{person.pk}/accesses").status_code == 404


@pytest.mark.django_db
def test_a_caregiver_is_logged_when_reading_but_cannot_read_the_log(agency, client_record):
    person, _ = client_record
    caregiver = member("caregiver", agency, "caregiver_wang")
    PersonLinkFactory(user=caregiver, person=person, role="caregiver")
    browser = signed_in(caregiver)
    assert browser.get(f"/people/{person.pk}/").status_code == 200
    assert RecordAccess.objects.filter(actor=caregiver, person_id=person.pk).count() == 1
    assert browser.get(f"/people/{person.pk}/accesses/").status_code == 403
    assert browser.get(f"/api/v1/people/{person.pk}/accesses").status_code == 403
    assert "Who read this record" not in browser.get(f"/people/{person.pk}/").content.decode()


@pytest.mark.django_db
def test_the_log_is_append_only(agency, manager, client_record):
    person, _ = client_record
    signed_in(manager).get(f"/people/{person.pk}/")
    access = RecordAccess.objects.get()
    with pytest.raises(PermissionError):
        access.save()
    with pytest.raises(PermissionError):
        RecordAccess.objects.all().delete()
    with pytest.raises(PermissionError):
        RecordAccess.objects.update(view="x")
    if connection.vendor == "postgresql":  # the database refuses too, whatever code connects
        from django.db import DatabaseError, transaction

        with pytest.raises(DatabaseError, match="append-only"), transaction.atomic(), connection.cursor() as cursor:
            cursor.execute("DELETE FROM core_recordaccess")
