"""A person's data export: everything held about them, as a ZIP download, for the person and their managers only,
recorded in the trail; and no model holding data about a person escapes it."""

from __future__ import annotations

import datetime as dt
import io
import json
import zipfile

import pytest
from django.apps import apps
from django.test import Client

from alongside.core.models import AuditEvent
from alongside.people import export
from alongside.people.models import EmergencyContact, Person
from alongside.testing.factories import (
    IncidentFactory,
    OrganisationFactory,
    PersonFactory,
    PersonLinkFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
    member,
    pa_assistant,
    pa_enrolment,
)


def paths_to_person(depth: int = 3) -> dict[str, set[str]]:
    """Every model whose rows lead to a Person through foreign keys (up to `depth` steps), with the paths."""
    found: dict[type, set[str]] = {Person: {""}}
    frontier = {Person}
    for _ in range(depth):
        reached: dict[type, set[str]] = {}
        for model in apps.get_models():
            for field in model._meta.get_fields():
                target = getattr(field, "related_model", None)
                if not (field.concrete and (field.many_to_one or field.one_to_one or field.many_to_many)):
                    continue
                if target in frontier and model is not Person:
                    for base in found[target]:
                        reached.setdefault(model, set()).add(field.name + (f"__{base}" if base else ""))
        frontier = {m for m in reached if m not in found}
        for model, paths in reached.items():
            found.setdefault(model, set()).update(paths)
    found.pop(Person)
    return {model._meta.label: paths for model, paths in found.items()}


# Models with a path to a person that are not data about them. Each needs a reason.
NOT_ABOUT_THE_PERSON = {
    "core.AuditEvent": "exported separately (audit_trail.json), selected by the records it names",
    "core.RecordAccess": "exported separately (access_log.json), selected by person and case ids",
}


def test_every_model_that_leads_to_a_person_is_exported_or_excluded_with_a_reason():
    reaching = paths_to_person()
    assert "scheduling.Visit" in reaching, "the enumeration itself works"
    missed = sorted(set(reaching) - set(export.HELD) - set(export.EXCLUDED) - set(NOT_ABOUT_THE_PERSON))
    assert missed == [], f"models holding data about a person that the export misses: {missed}"
    assert all(reason.strip() for reason in export.EXCLUDED.values())
    for label in export.HELD:
        apps.get_model(label)  # no stale names


def test_each_exported_model_follows_a_real_path_to_the_person():
    reaching = paths_to_person()
    for label, paths in export.HELD.items():
        assert label in reaching, label
        model = apps.get_model(label)
        for path in paths:
            str(model.objects.filter(**{path: 1}).query)  # raises FieldError on a wrong path


@pytest.fixture
def client_world(agency, manager):
    caregiver = billing_caregiver(agency, "王美玲", username="cg_wang")
    person = PersonFactory(organisation=agency, name="林阿嬌", national_id="M220000063")
    EmergencyContact.objects.create(person=person, name="林大明", relationship="child", phone="0912000000")
    PersonLinkFactory(person=person, user=caregiver.person.user)
    case = billing_case(agency, person, number="2025-0001")
    record = billing_visit(agency, person, caregiver, dt.date(2025, 3, 3))
    IncidentFactory(visit=record.visit)
    other = PersonFactory(organisation=agency, name="陳水木")
    billing_case(agency, other, number="2025-0002")
    billing_visit(agency, other, caregiver, dt.date(2025, 3, 3), start=dt.time(14))
    return {"person": person, "case": case, "caregiver": caregiver, "other": other}


def unzip(content: bytes) -> dict[str, object]:
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return {
            name: archive.read(name).decode() if name.endswith(".txt") else json.loads(archive.read(name))
            for name in archive.namelist()
        }


def test_the_export_holds_everything_about_the_person_and_nothing_about_another(client_world, manager):
    person = client_world["person"]
    found = export.person_export(actor=manager, person=person)
    files = unzip(found.content)
    assert {"person.json", "cases.json", "scheduling.json", "fieldwork.json", "audit_trail.json", "README.txt"} <= set(
        files
    )
    (row,) = files["person.json"]["people.Person"]
    assert row["national_id"] == "M220000063", "decrypted for the person and their managers"
    assert "national_id_digest" not in row
    assert files["person.json"]["people.EmergencyContact"][0]["name"] == "林大明"
    assert [c["number"] for c in files["cases.json"]["cases.Case"]] == ["2025-0001"]
    assert len(files["scheduling.json"]["scheduling.Visit"]) == 1
    assert len(files["fieldwork.json"]["fieldwork.VisitRecord"]) == 1
    assert len(files["fieldwork.json"]["fieldwork.Incident"]) == 1
    assert "陳水木" not in json.dumps(files, ensure_ascii=False), "nothing about another client"
    assert "林阿嬌" in files["README.txt"]
    assert found.filename.startswith(f"alongside-person-{person.pk}-")


def test_the_export_is_recorded_in_the_trail(client_world, manager):
    person = client_world["person"]
    export.person_export(actor=manager, person=person)
    event = AuditEvent.objects.filter(object_type="people.person", object_id=str(person.pk)).first()
    assert event.actor == manager
    assert event.action == "export"
    assert event.reason.startswith("exported")


def test_the_person_themself_may_download_it_over_the_api(db):
    household = OrganisationFactory(name="佐藤家", kind="pa_household", jurisdiction="jp.sapporo")
    enrolment = pa_enrolment(household, member("pa_user", household, "pa_sato"))
    pa_assistant(enrolment, "pa_takahashi")
    api = Client()
    api.force_login(enrolment.user_person.user)
    response = api.get(f"/api/v1/people/{enrolment.user_person.pk}/export")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/zip"
    assert "attachment" in response["Content-Disposition"]
    files = unzip(response.content)
    assert files["person.json"]["people.Person"][0]["name"] == "佐藤 由美"
    assert len(files["assistance.json"]["assistance.PaEnrolment"]) == 1
    assert len(files["assistance.json"]["assistance.Contract"]) == 1


@pytest.mark.parametrize("role", ["caregiver", "client_viewer"])
def test_those_who_only_see_the_person_may_not_export(client_world, agency, role):
    user = client_world["caregiver"].person.user if role == "caregiver" else member(role, agency, "family_lin")
    if role == "client_viewer":
        PersonLinkFactory(person=client_world["person"], user=user, role="family")
    api = Client()
    api.force_login(user)
    assert api.get(f"/people/{client_world['person'].pk}/").status_code == 200, "they do see the record"
    response = api.get(f"/api/v1/people/{client_world['person'].pk}/export")
    page = api.get(f"/people/{client_world['person'].pk}/export/")
    assert response.status_code == 403
    assert response["Content-Type"].startswith("application/problem+json")
    assert page.status_code == 403
    assert not AuditEvent.objects.filter(reason__startswith="exported").exists()


def test_another_organisation_cannot_reach_it(client_world, other_agency):
    outsider = member("manager", other_agency, "manager_other")
    api = Client()
    api.force_login(outsider)
    assert api.get(f"/api/v1/people/{client_world['person'].pk}/export").status_code == 404


def test_the_managers_page_offers_the_download(client_world, manager):
    web = Client()
    web.force_login(manager)
    page = web.get(f"/people/{client_world['person'].pk}/")
    assert f"/people/{client_world['person'].pk}/export/".encode() in page.content
    download = web.get(f"/people/{client_world['person'].pk}/export/")
    assert download.status_code == 200
    assert download["Content-Type"] == "application/zip"


def test_the_operation_is_in_the_openapi_document(client_world, manager):
    web = Client()
    web.force_login(manager)
    document = web.get("/api/v1/openapi.json").json()
    operation = document["paths"]["/api/v1/people/{person_id}/export"]["get"]
    assert "application/zip" in operation["responses"]["200"]["content"]
