"""Reading fieldwork within reach: a caregiver's own day (masked names, no address or ID), records for the client
viewer linked to the client, and 404 for everything out of reach."""

import dataclasses
import datetime as dt

import pytest

from alongside.core.errors import NotFound
from alongside.fieldwork import selectors, services
from alongside.fieldwork.tests.conftest import MONDAY, at, visit_on
from alongside.testing.factories import IncidentFactory, VisitRecordFactory, member

pytestmark = pytest.mark.django_db


def test_the_caregivers_day_lists_only_their_visits_with_masked_names_and_the_area(
    visit, agency, client, caregiver_user, other_caregiver
):
    visit_on(agency, client, start=dt.time(14), caregiver=other_caregiver)
    cancelled = visit_on(agency, client, start=dt.time(16), caregiver=visit.caregiver)
    cancelled.status = "cancelled"
    cancelled.save()
    services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    cards = selectors.caregiver_day(actor=caregiver_user, day=MONDAY)
    assert [(card.visit.pk, card.status) for card in cards] == [(visit.pk, "in_progress"), (cancelled.pk, "cancelled")]
    card = cards[0]
    assert (card.client_name, card.area, card.services, card.status_label) == (
        "林○○",
        "南投縣埔里鎮",
        [("bathing", "Bathing"), ("meals", "Meal preparation")],
        "Checked in",
    )
    # What the phone keeps offline: no street address, phone, national ID or diagnosis among the card's fields.
    assert [f.name for f in dataclasses.fields(card)] == [
        "visit", "record", "charge", "client_name", "area", "services", "status",
    ]  # fmt: skip


def test_an_absence_shows_on_the_day(visit, caregiver_user):
    services.visit_charge_record(actor=caregiver_user, visit=visit, kind="absence", caregiver_left_at=at(9, 40))
    assert [card.status for card in selectors.caregiver_day(actor=caregiver_user, day=MONDAY)] == ["absent"]


def test_a_caregiver_reaches_only_their_own_visits(visit, caregiver_user, other_caregiver_user, supervisor):
    assert selectors.visit_for_record(actor=caregiver_user, visit_id=visit.pk) == visit
    assert selectors.visit_for_record(actor=supervisor, visit_id=visit.pk) == visit
    with pytest.raises(NotFound):
        selectors.visit_for_record(actor=other_caregiver_user, visit_id=visit.pk)


def test_records_are_read_by_the_agency_the_caregiver_and_the_linked_family_only(
    visit, caregiver_user, other_caregiver_user, supervisor, daughter, stranger_manager, agency
):
    record = VisitRecordFactory(visit=visit)
    for reader in (caregiver_user, supervisor, daughter):
        assert selectors.record_get(actor=reader, record_id=record.pk) == record
    for outsider in (other_caregiver_user, stranger_manager, member("client_viewer", agency, "neighbour")):
        with pytest.raises(NotFound):
            selectors.record_get(actor=outsider, record_id=record.pk)


def test_a_caregiver_still_reads_the_record_they_made_after_the_visit_was_reassigned(
    visit, caregiver_user, other_caregiver, other_caregiver_user
):
    record = services.visit_check_in(actor=caregiver_user, visit=visit, at=at(9))
    visit.caregiver = other_caregiver
    visit.save()
    assert selectors.record_get(actor=caregiver_user, record_id=record.pk) == record
    with pytest.raises(NotFound):
        selectors.record_get(actor=other_caregiver_user, record_id=record.pk)


def test_records_to_confirm_are_the_linked_clients_checked_out_ones(visit, agency, client, caregiver, daughter):
    waiting = VisitRecordFactory(visit=visit)
    tuesday = visit_on(agency, client, dt.date(2025, 3, 4), caregiver=caregiver)
    VisitRecordFactory(visit=tuesday, status="in_progress", checked_out_at=None, hours=None)
    april = visit_on(agency, client, dt.date(2025, 4, 1), caregiver=caregiver)
    in_april = VisitRecordFactory(visit=april)
    assert list(selectors.records_to_confirm(actor=daughter)) == [waiting, in_april]
    assert list(selectors.records_to_confirm(actor=daughter, month=dt.date(2025, 3, 17))) == [waiting]
    assert selectors.record_to_confirm(actor=daughter, record_id=waiting.pk) == waiting


def test_a_link_that_has_ended_gives_no_records(visit, daughter):
    record = VisitRecordFactory(visit=visit)
    daughter.person_links.update(valid_to=dt.date(2024, 6, 1))
    assert list(selectors.records_to_confirm(actor=daughter)) == []
    with pytest.raises(NotFound):
        selectors.record_to_confirm(actor=daughter, record_id=record.pk)


def test_the_month_record_of_a_client(visit, agency, client, caregiver, supervisor):
    march = VisitRecordFactory(visit=visit)
    VisitRecordFactory(visit=visit_on(agency, client, dt.date(2025, 4, 2), caregiver=caregiver))
    assert list(selectors.records_for_month(actor=supervisor, client=client, month=dt.date(2025, 3, 1))) == [march]


def test_incidents_for_the_agency_and_the_reporting_caregiver_only(visit, supervisor, caregiver_user,
                                                                   other_caregiver_user, stranger_manager):  # fmt: skip
    incident = IncidentFactory(visit=visit)
    assert list(selectors.incidents(actor=supervisor, reviewed=False)) == [incident]
    assert list(selectors.incidents(actor=supervisor, reviewed=True)) == []
    assert list(selectors.incidents(actor=caregiver_user)) == [incident]
    assert list(selectors.incidents(actor=other_caregiver_user)) == []
    with pytest.raises(NotFound):
        selectors.incident_get(actor=stranger_manager, incident_id=incident.pk)


def test_conflicts_are_for_the_agencys_managers_and_supervisors(visit, caregiver_user, other_caregiver, supervisor):
    visit.caregiver = other_caregiver
    visit.save()
    services.sync_apply(
        actor=caregiver_user,
        actions=[{"key": "6f1c2b8e-3d4a-4f5b-9c6d-7e8f9a0b1c2d", "kind": "check_in", "visit_id": visit.pk,
                  "performed_at": at(9).isoformat(), "payload": {}}],
    )  # fmt: skip
    kept = selectors.conflicts(actor=supervisor).get()
    assert selectors.conflict_get(actor=supervisor, action_id=kept.pk) == kept
    assert list(selectors.conflicts(actor=caregiver_user)) == []
    with pytest.raises(NotFound):
        selectors.conflict_get(actor=caregiver_user, action_id=kept.pk)
