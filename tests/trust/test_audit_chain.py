"""The audit trail is hash-chained: `alongside audit_verify` finds an event changed or deleted behind the
application's back, at the right id (ADR 0010)."""

from __future__ import annotations

import datetime as dt
import itertools
import threading
from io import StringIO

import pytest
from django.core.management import CommandError, call_command
from django.db import connection, connections, transaction

from alongside.core import audit
from alongside.core.models import AuditAction, AuditEvent

postgres_only = pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL's concurrency")


def _verify() -> str:
    out = StringIO()
    call_command("audit_verify", "--chunk-size", "3", stdout=out)
    return out.getvalue()


@pytest.fixture
def history(agency, manager):
    """A few real service calls, each writing to the trail: people added, edited and opened, a case taken in."""
    from alongside.cases import services as cases
    from alongside.people import services as people
    from alongside.testing.factories import PersonFactory

    person = people.person_create(
        actor=manager, organisation=agency,
        data={"name": "林阿嬌", "kind": "client", "sex": "female", "main_diagnoses": "中風"},
    )  # fmt: skip
    person = people.person_update(actor=manager, person=person, data={"phone_home": "049-2990000"}, expected_version=1)
    people.person_open(actor=manager, person=person)
    cases.case_intake(
        actor=manager, organisation=agency, client=PersonFactory(organisation=agency), client_data=None,
        intake=cases.Intake(received_on=dt.date(2014, 6, 6), source="self", enquiry_notes="行動不便"),
    )  # fmt: skip
    people.person_update(actor=manager, person=person, data={"notes": "獨居"}, expected_version=2)
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) >= 5
    return events


def _tamper(sql: str, params: list) -> None:
    """Change the trail as someone with direct database access would: on PostgreSQL a superuser switches the
    append-only trigger off first."""
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            cursor.execute("SET CONSTRAINTS ALL IMMEDIATE")  # ALTER TABLE refuses while FK checks are pending
            cursor.execute("ALTER TABLE core_auditevent DISABLE TRIGGER core_auditevent_no_update")
        cursor.execute(sql, params)
        if connection.vendor == "postgresql":
            cursor.execute("ALTER TABLE core_auditevent ENABLE TRIGGER core_auditevent_no_update")


@pytest.mark.django_db
def test_the_chain_verifies_after_real_service_calls(history):
    assert history[0].previous_hash == ""
    assert all(b.previous_hash == a.hash for a, b in itertools.pairwise(history))
    out = _verify()
    assert f"Audit trail intact: {len(history)} events verified" in out
    assert history[-1].hash in out


@pytest.mark.django_db
def test_an_edited_event_is_found_at_its_id(history):
    middle = history[2]
    _tamper("UPDATE core_auditevent SET reason = %s WHERE id = %s", ["nothing happened", middle.pk])
    with pytest.raises(CommandError, match=rf"Broken audit chain at audit event {middle.pk}: hash is"):
        _verify()


@pytest.mark.django_db
def test_an_edit_that_also_rewrites_the_hash_breaks_the_next_link(history):
    middle, after = history[2], history[3]
    forged = AuditEvent.objects.get(pk=middle.pk)
    forged.actor_name = "somebody_else"
    _tamper(
        "UPDATE core_auditevent SET actor_name = %s, hash = %s WHERE id = %s",
        ["somebody_else", audit.event_hash(forged), middle.pk],
    )
    with pytest.raises(CommandError, match=rf"Broken audit chain at audit event {after.pk}: previous_hash is"):
        _verify()


@pytest.mark.django_db
def test_a_deleted_event_is_found_at_the_next_id(history):
    middle, after = history[2], history[3]
    _tamper("DELETE FROM core_auditevent WHERE id = %s", [middle.pk])
    with pytest.raises(CommandError, match=rf"audit event {after.pk}: previous_hash is {after.previous_hash}"):
        _verify()


@pytest.mark.django_db
def test_events_can_only_be_written_through_the_chain(agency):
    with pytest.raises(PermissionError):
        AuditEvent.objects.create(actor_name="x", action=AuditAction.CREATE, object_type="x", object_id="1")
    with pytest.raises(PermissionError):
        AuditEvent.objects.bulk_create([AuditEvent(actor_name="x", action=AuditAction.CREATE)])


@postgres_only
@pytest.mark.django_db(transaction=True)
def test_concurrent_writers_keep_one_valid_chain(agency):
    """Two threads write events inside their own transactions at the same time: the advisory lock serialises
    them, so the chain never forks (without it both would read the same last hash)."""
    per_thread, errors, start = 15, [], threading.Barrier(2)

    def writer(name: str) -> None:
        try:
            start.wait()
            for i in range(per_thread):
                with transaction.atomic():
                    audit.record(
                        actor=None, action=AuditAction.UPDATE, instance=agency, organisation=agency,
                        reason=f"{name} {i}",
                    )  # fmt: skip
                    # Work after the event inside the same transaction: the lock must hold until commit.
                    with connection.cursor() as cursor:
                        cursor.execute("SELECT pg_sleep(0.002)")
        except Exception as error:  # reported to the test below
            errors.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=writer, args=(n,)) for n in ("a", "b")]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=60)
    assert errors == []
    events = list(AuditEvent.objects.order_by("id"))
    assert len(events) == 2 * per_thread
    assert len({e.previous_hash for e in events}) == len(events)  # no two events claim the same predecessor
    assert f"{2 * per_thread} events verified" in _verify()
