"""Health texts and national IDs are ciphertext in the database; keys rotate without losing a value (ADR 0009)."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from cryptography.fernet import Fernet
from django.core.management import CommandError, call_command
from django.db import connection

from alongside.core import crypto
from alongside.core.models import AuditEvent

# The health fields chosen in ADR 0009 (plus the national IDs of ADR 0003): each must be stored encrypted.
HEALTH_FIELDS = {
    ("people.person", "national_id"), ("people.person", "main_diagnoses"), ("people.person", "diet_notes"),
    ("people.person", "notes"),
    ("cases.case", "enquiry_notes"), ("cases.suspension", "notes"),
    ("cases.referral", "needs"), ("cases.referral", "main_problems"), ("cases.referral", "handling_so_far"),
    ("cases.referral", "referral_reason"), ("cases.referral", "reply_text"),
    ("careplans.careplan", "household_needs"), ("careplans.careplan", "body_care_needs"),
    ("careplans.careplan", "plan_text"), ("careplans.careplan", "results_text"),
    ("fieldwork.visitrecord", "notes"), ("fieldwork.visitrecord", "observations"),
    ("fieldwork.incident", "description"), ("fieldwork.incident", "actions_taken"),
    ("fieldwork.incident", "review_notes"), ("fieldwork.incident", "plan"), ("fieldwork.incident", "closing_summary"),
}  # fmt: skip


def _mark(label: str, field: str) -> str:
    return f"PLAINTEXT-{label}-{field}-糖尿病"


@pytest.fixture
def rows(agency, manager):
    """One row of every model holding health text, each field filled with a recognisable value."""
    from alongside.careplans.models import CarePlan
    from alongside.cases.models import Referral, Suspension
    from alongside.testing import factories as f

    def marks(label, fields):
        return {f: _mark(label, f) for f in fields}

    client = f.PersonFactory(organisation=agency, **marks("people.person", ["main_diagnoses", "diet_notes", "notes"]))
    client.national_id = _mark("people.person", "national_id")
    client.save()
    case = f.billing_case(agency, client)
    case.enquiry_notes = _mark("cases.case", "enquiry_notes")
    case.save()
    suspension = Suspension.objects.create(
        case=case, reason="hospital", starts_on=dt.date(2014, 5, 1), **marks("cases.suspension", ["notes"])
    )
    referral = Referral.objects.create(
        case=case, receiving_organisation="埔里衛生所", consent_given=True,
        referred_on=dt.date(2014, 5, 2), follow_up_on=dt.date(2014, 5, 9),
        **marks("cases.referral", ["needs", "main_problems", "handling_so_far", "referral_reason", "reply_text"]),
    )  # fmt: skip
    plan = CarePlan.objects.create(
        case=case, number=1, valid_from=dt.date(2014, 3, 1), created_by=manager,
        **marks("careplans.careplan", ["household_needs", "body_care_needs", "plan_text", "results_text"]),
    )  # fmt: skip
    caregiver = f.billing_caregiver(agency, "王小明")
    record = f.billing_visit(agency, client, caregiver, dt.date(2014, 5, 5))
    record.notes = _mark("fieldwork.visitrecord", "notes")
    record.observations = _mark("fieldwork.visitrecord", "observations")
    record.save()
    incident = f.IncidentFactory(
        visit=record.visit,
        **marks("fieldwork.incident", ["description", "actions_taken", "review_notes", "plan", "closing_summary"]),
    )
    return {
        "people.person": client, "cases.case": case, "cases.suspension": suspension, "cases.referral": referral,
        "careplans.careplan": plan, "fieldwork.visitrecord": record, "fieldwork.incident": incident,
    }  # fmt: skip


def _raw(instance, field_name: str) -> str:
    field = instance._meta.get_field(field_name)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {quote(field.column)} FROM {quote(instance._meta.db_table)} WHERE id = %s",
            [instance.pk],
        )
        return cursor.fetchone()[0]


def _encrypted(label: str) -> set[str]:
    return {f.name for m, f in crypto.encrypted_fields() if m._meta.label_lower == label}


def test_every_chosen_health_field_is_an_encrypted_field():
    declared = {(m._meta.label_lower, f.name) for m, f in crypto.encrypted_fields()}
    assert HEALTH_FIELDS - declared == set()


@pytest.mark.django_db
def test_the_database_column_never_holds_the_plain_text(rows):
    for label, field in sorted(HEALTH_FIELDS):
        instance = rows[label]
        raw = _raw(instance, field)
        assert "PLAINTEXT" not in raw, (label, field)
        assert "糖尿病" not in raw, (label, field)
        assert crypto.decrypt(raw) == _mark(label, field)
        fresh = type(instance).objects.get(pk=instance.pk)
        assert getattr(fresh, field) == _mark(label, field), (label, field)


@pytest.mark.django_db
def test_the_audit_trail_says_a_health_field_changed_never_what_it_says(agency, manager):
    from alongside.people import services
    from alongside.testing.factories import PersonFactory

    person = PersonFactory(organisation=agency)
    services.person_update(
        actor=manager, person=person, data={"main_diagnoses": "失智症", "notes": "夜間躁動"}, expected_version=1
    )
    event = AuditEvent.objects.get(object_type="people.person", object_id=str(person.pk), action="update")
    assert event.changes["main_diagnoses"] == ["•••", "•••"]
    assert event.changes["notes"] == ["•••", "•••"]
    assert "失智症" not in str(event.changes)
    assert "夜間躁動" not in str(event.changes)


def _old_key(settings) -> str:
    return settings.FIELD_ENCRYPTION_KEY or crypto._derived_key(settings.SECRET_KEY).decode()


@pytest.mark.django_db
def test_rotation_moves_every_value_to_the_new_key_and_the_old_key_can_go(rows, settings, capsys):
    old, new = _old_key(settings), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    with pytest.raises(CommandError, match="still under an older key"):
        call_command("rotate_keys", "--check")
    call_command("rotate_keys", "--batch-size", "2")
    assert f"{len(HEALTH_FIELDS)} re-encrypted with the first key" in capsys.readouterr().out
    call_command("rotate_keys", "--check")  # nothing left under the old key

    settings.FIELD_ENCRYPTION_KEY = new  # the old key is removed
    for label, field in HEALTH_FIELDS:
        instance = rows[label]
        assert Fernet(new.encode()).decrypt(_raw(instance, field).encode()).decode() == _mark(label, field)
        assert getattr(type(instance).objects.get(pk=instance.pk), field) == _mark(label, field)


@pytest.mark.django_db
def test_an_interrupted_rotation_is_finished_by_running_it_again(rows, settings, monkeypatch, capsys):
    old, new = _old_key(settings), Fernet.generate_key().decode()
    settings.FIELD_ENCRYPTION_KEY = f"{new},{old}"
    real_rotate, calls = crypto.rotate, []

    def crashing_rotate(token):
        calls.append(token)
        if len(calls) == 4:
            raise RuntimeError("power cut")
        return real_rotate(token)

    monkeypatch.setattr(crypto, "rotate", crashing_rotate)
    with pytest.raises(RuntimeError):
        call_command("rotate_keys", "--batch-size", "1")
    monkeypatch.setattr(crypto, "rotate", real_rotate)
    capsys.readouterr()
    call_command("rotate_keys", "--batch-size", "1")
    # Three values were committed before the crash (one row per batch); the rerun did the rest.
    assert f"{len(HEALTH_FIELDS) - 3} re-encrypted with the first key" in capsys.readouterr().out
    call_command("rotate_keys", "--check")


@pytest.mark.django_db
def test_a_wrong_key_gives_a_clear_error_not_garbage(rows, settings):
    person = rows["people.person"]
    settings.FIELD_ENCRYPTION_KEY = Fernet.generate_key().decode()
    from alongside.people.models import Person

    with pytest.raises(ValueError, match="could not be read with the configured keys"):
        Person.objects.get(pk=person.pk)
    with pytest.raises(CommandError, match="cannot be decrypted with any key in FIELD_ENCRYPTION_KEY"):
        call_command("rotate_keys")


@pytest.mark.django_db
def test_the_migration_helpers_encrypt_plain_rows_and_can_go_back(agency):
    from alongside.testing.factories import PersonFactory

    person = PersonFactory(organisation=agency)
    with connection.cursor() as cursor:  # a row as it was before people/0004: plain text
        cursor.execute("UPDATE people_person SET main_diagnoses = %s WHERE id = %s", ["中風", person.pk])
    editor = SimpleNamespace(connection=connection)
    assert crypto.encrypt_column(editor, "people_person", "main_diagnoses") == 1
    assert crypto.encrypt_column(editor, "people_person", "main_diagnoses") == 0  # a rerun changes nothing
    assert "中風" not in _raw(person, "main_diagnoses")
    person.refresh_from_db()
    assert person.main_diagnoses == "中風"
    assert crypto.decrypt_column(editor, "people_person", "main_diagnoses") == 1
    assert _raw(person, "main_diagnoses") == "中風"
