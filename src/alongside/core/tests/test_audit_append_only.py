import pytest
from django.db import DatabaseError, connection, transaction

from alongside.core import audit
from alongside.core.models import AuditAction, AuditEvent
from alongside.testing.factories import PersonFactory, UserFactory


@pytest.fixture
def event(db):
    person = PersonFactory()
    return audit.record(
        actor=UserFactory(), action=AuditAction.UPDATE, instance=person, organisation=person.organisation,
        changes={"name": ["甲", "乙"]}, reason="typo",
    )  # fmt: skip


def test_an_event_cannot_be_saved_again(event):
    event.reason = "rewritten"
    with pytest.raises(PermissionError):
        event.save()
    assert AuditEvent.objects.get(pk=event.pk).reason == "typo"


def test_events_cannot_be_deleted_or_bulk_updated(event):
    with pytest.raises(PermissionError):
        event.delete()
    with pytest.raises(PermissionError):
        AuditEvent.objects.filter(pk=event.pk).update(reason="x")
    with pytest.raises(PermissionError):
        AuditEvent.objects.all().delete()
    assert AuditEvent.objects.filter(pk=event.pk, reason="typo").exists()


@pytest.mark.skipif(connection.vendor != "postgresql", reason="the trigger exists on PostgreSQL only")
def test_postgresql_refuses_raw_updates_of_the_trail(event):
    with pytest.raises(DatabaseError), transaction.atomic(), connection.cursor() as cursor:
        cursor.execute("UPDATE core_auditevent SET reason = 'x' WHERE id = %s", [event.pk])
    assert AuditEvent.objects.get(pk=event.pk).reason == "typo"


def test_diff_masks_secret_fields():
    changes = audit.diff({"national_id": "A1", "name": "甲"}, {"national_id": "A2", "name": "甲"}, ["national_id"])
    assert changes == {"national_id": [audit.SECRET, audit.SECRET]}
