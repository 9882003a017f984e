"""The 7-year retention purge (004 ch. 3 §8): nothing goes before 7 years from closure, everything about the closed
case goes after, legal holds win, a dry run deletes nothing, and the trail keeps one event without personal data."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.core.management import call_command

from alongside.careplans.models import Contract
from alongside.cases.models import Case
from alongside.core.models import AuditEvent
from alongside.fieldwork.models import Incident, VisitRecord
from alongside.people.models import EmergencyContact, Person
from alongside.scheduling.models import Visit
from alongside.testing.factories import (
    IncidentFactory,
    PersonFactory,
    PersonLinkFactory,
    billing_caregiver,
    billing_case,
    billing_visit,
)

CLOSED = dt.date(2015, 6, 30)
KEPT_UNTIL = dt.date(2022, 6, 30)


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


@pytest.fixture
def world(agency, manager, media):
    """A client whose case closed on 2015-06-30 (kept until 2022-06-30) with visits, records, an incident, an
    emergency contact and a signed contract scan; a second client whose case is still open; a caregiver."""
    caregiver = billing_caregiver(agency, "王美玲", username="cg_wang")
    closed_client = PersonFactory(organisation=agency, name="林阿嬌", national_id="M220000063")
    EmergencyContact.objects.create(person=closed_client, name="林大明", relationship="child", phone="0912000000")
    PersonLinkFactory(person=closed_client, user=caregiver.person.user)
    closed = billing_case(agency, closed_client, closed_on=CLOSED, number="2014-0001")
    for day in (2, 3):
        record = billing_visit(agency, closed_client, caregiver, dt.date(2015, 3, day))
    IncidentFactory(visit=record.visit)
    contract = Contract.objects.create(
        case=closed, number=1, terms={"hours": 20}, period_start=dt.date(2014, 3, 1), period_end=CLOSED,
        created_by=manager,
    )  # fmt: skip
    contract.scan.save("signed.pdf", ContentFile(b"%PDF-1.4 signed"))
    open_client = PersonFactory(organisation=agency, name="陳水木")
    billing_case(agency, open_client, number="2014-0002")
    billing_visit(agency, open_client, caregiver, dt.date(2015, 3, 2), start=dt.time(14))
    return {"closed": closed, "client": closed_client, "other": open_client, "scan": contract.scan.name}


def held_about(person: Person) -> dict[str, int]:
    return {
        "cases": Case.objects.filter(client=person).count(),
        "visits": Visit.objects.filter(client=person).count(),
        "records": VisitRecord.objects.filter(client=person).count(),
        "incidents": Incident.objects.filter(client=person).count(),
        "contacts": EmergencyContact.objects.filter(person=person).count(),
        "contracts": Contract.objects.filter(case__client=person).count(),
        "person": Person.objects.filter(pk=person.pk).count(),
    }


def test_nothing_goes_before_seven_years_from_closure(world):
    before = held_about(world["client"])
    out = StringIO()
    call_command("cases_purge", today=KEPT_UNTIL.isoformat(), yes=True, stdout=out)
    assert "No closed case" in out.getvalue()
    assert held_about(world["client"]) == before
    assert before == {
        "cases": 1, "visits": 2, "records": 2, "incidents": 1, "contacts": 1, "contracts": 1, "person": 1
    }  # fmt: skip


def test_after_seven_years_everything_about_the_closed_case_goes_and_the_trail_keeps_only_counts(
    world, django_capture_on_commit_callbacks
):
    other_before = held_about(world["other"])
    events_before = AuditEvent.objects.count()
    out = StringIO()
    with django_capture_on_commit_callbacks(execute=True):
        call_command("cases_purge", today="2022-07-01", yes=True, stdout=out)
    assert held_about(world["client"]) == dict.fromkeys(held_about(world["client"]), 0)
    assert not default_storage.exists(world["scan"]), "the contract scan went with the contract"
    assert held_about(world["other"]) == other_before, "another client's records stay"
    assert "Deleted 1 case(s), 1 person record(s), 1 file(s)." in out.getvalue()

    assert AuditEvent.objects.count() == events_before + 1, "no event is deleted, one is added"
    event = AuditEvent.objects.get(reason__startswith="purged")
    assert event.action == "purge"
    assert event.object_type == "cases.case"
    assert event.object_repr == "case 2014-0001"
    assert event.changes["purged"]["scheduling.Visit"] == 2
    assert event.changes["purged"]["fieldwork.VisitRecord"] == 2
    assert event.changes["purged"]["people.Person"] == 1
    text = f"{event.object_repr} {event.changes} {event.reason}"
    assert "林阿嬌" not in text
    assert "M220000063" not in text
    assert "林大明" not in text


def test_a_legal_hold_keeps_everything(world, manager):
    from alongside.cases import services

    services.case_legal_hold_set(actor=manager, case=world["closed"], hold=True, reason="訴訟中")
    before = held_about(world["client"])
    call_command("cases_purge", today="2030-01-01", yes=True, stdout=StringIO())
    assert held_about(world["client"]) == before


def test_a_dry_run_lists_and_deletes_nothing(world):
    before = held_about(world["client"])
    out = StringIO()
    call_command("cases_purge", today="2030-01-01", dry_run=True, stdout=out)
    assert "2014-0001" in out.getvalue()
    assert "Dry run: nothing deleted." in out.getvalue()
    assert "2014-0002" not in out.getvalue()
    assert held_about(world["client"]) == before


def test_a_client_served_again_keeps_the_person_and_the_later_records(world, agency):
    caregiver = Visit.objects.filter(client=world["client"]).first().caregiver
    billing_case(agency, world["client"], number="2021-0007", opened_on=dt.date(2021, 1, 4))
    later = billing_visit(agency, world["client"], caregiver, dt.date(2021, 2, 1))
    call_command("cases_purge", today="2022-07-01", yes=True, stdout=StringIO())
    assert list(Case.objects.filter(client=world["client"]).values_list("number", flat=True)) == ["2021-0007"]
    assert list(Visit.objects.filter(client=world["client"])) == [later.visit], "only the old visits went"
    assert Person.objects.filter(pk=world["client"].pk).exists()


def test_a_person_who_is_also_staff_stays(world, agency):
    from alongside.workforce.models import CaregiverProfile

    CaregiverProfile.objects.create(person=world["client"], organisation=agency)
    out = StringIO()
    call_command("cases_purge", today="2022-07-01", yes=True, stdout=out)
    assert not Case.objects.filter(pk=world["closed"].pk).exists()
    assert not Visit.objects.filter(client=world["client"]).exists()
    assert Person.objects.filter(pk=world["client"].pk).exists()
    assert "Kept: case 2014-0001" in out.getvalue()


def test_the_scheduled_run_deletes_without_asking(world, monkeypatch):
    monkeypatch.setattr("builtins.input", lambda prompt: pytest.fail("a scheduled run must not ask"))
    call_command("cases_purge", today="2030-01-01", yes=True, stdout=StringIO())
    assert not Case.objects.filter(pk=world["closed"].pk).exists()


def test_the_caregiver_and_their_sign_in_are_not_touched(world):
    caregiver = Visit.objects.filter(client=world["other"]).first().caregiver
    call_command("cases_purge", today="2030-01-01", yes=True, stdout=StringIO())
    caregiver.refresh_from_db()
    assert caregiver.person.user.is_active
