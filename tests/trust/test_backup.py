"""`alongside backup` / `alongside restore`: a round trip gives back every row of every table and every uploaded
file; a damaged archive, the wrong engine or a non-empty target is refused with nothing changed."""

from __future__ import annotations

import datetime as dt
import gzip
import hashlib
import json
import os
import tarfile
from io import StringIO
from pathlib import Path

import pytest
from django.apps import apps
from django.core.management import call_command
from django.core.management.base import CommandError
from django.db import connection, connections
from django.db.utils import load_backend

from alongside.core import audit, backup
from alongside.core.models import AuditAction
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

# Committed data: pg_dump reads from its own connection, and SQLite's backup API copies what is committed.
pytestmark = pytest.mark.django_db(transaction=True)


def seed() -> None:
    """An agency with two clients (one closed case), a caregiver with confirmed visits and an incident, a PA
    household with an assistant, audit events, and national IDs (encrypted at rest)."""
    agency = OrganisationFactory(name="南投縣居家服務協會", kind="agency", jurisdiction="tw.nantou")
    manager = member("manager", agency, "manager_chen")
    caregiver = billing_caregiver(agency, "王美玲", username="cg_wang")
    for index, name in enumerate(["林阿嬌", "陳水木"]):
        client = PersonFactory(organisation=agency, name=name, national_id="M220000063" if index == 0 else "")
        PersonLinkFactory(person=client, user=caregiver.person.user)
        billing_case(agency, client, closed_on=dt.date(2015, 6, 30) if index else None)
        for day in (3, 4, 5):
            record = billing_visit(agency, client, caregiver, dt.date(2025, 3, day), start=dt.time(9 + 4 * index))
        IncidentFactory(visit=record.visit)
        audit.record(actor=manager, action=AuditAction.UPDATE, instance=client, organisation=agency, reason="地址")
    household = OrganisationFactory(name="佐藤家", kind="pa_household", jurisdiction="jp.sapporo")
    enrolment = pa_enrolment(household, member("pa_user", household, "pa_sato"))
    pa_assistant(enrolment, "pa_takahashi")


def every_table() -> set[str]:
    """Every model's table, every many-to-many table, and the migrations table."""
    tables = {"django_migrations"}
    for model in apps.get_models(include_auto_created=True):
        if model._meta.managed and not model._meta.proxy:
            tables.add(model._meta.db_table)
    return tables


def fingerprints(database: dict | None = None) -> dict[str, tuple[int, str]]:
    """{table: (rows, sha256 of all rows in order)} for every table of `database` (default: the test database)."""
    database = database or connection.settings_dict
    own = database is not connection.settings_dict
    wrapper = load_backend(database["ENGINE"]).DatabaseWrapper(dict(database), alias="fp") if own else connection
    try:
        with wrapper.cursor() as cursor:
            tables = wrapper.introspection.table_names(cursor)
            result = {}
            for table in tables:
                quoted = wrapper.ops.quote_name(table)
                if wrapper.vendor == "postgresql":
                    cursor.execute(
                        f"SELECT COUNT(*), md5(COALESCE(string_agg(t::text, E'\\n' ORDER BY t::text), '')) "
                        f"FROM {quoted} t"
                    )
                    result[table] = tuple(cursor.fetchone())
                else:
                    cursor.execute(f"SELECT * FROM {quoted}")
                    rows = sorted(repr(row) for row in cursor.fetchall())
                    result[table] = (len(rows), hashlib.sha256("\n".join(rows).encode()).hexdigest())
            return result
    finally:
        if own:
            wrapper.close()


@pytest.fixture
def media(tmp_path, settings):
    settings.MEDIA_ROOT = tmp_path / "media"
    scan = settings.MEDIA_ROOT / "contracts" / "2025" / "contract-1.pdf"
    scan.parent.mkdir(parents=True)
    scan.write_bytes(b"%PDF-1.4 signed contract " + os.urandom(2000))
    return settings.MEDIA_ROOT


def media_files(root: Path) -> dict[str, str]:
    return {
        str(p.relative_to(root)): hashlib.sha256(p.read_bytes()).hexdigest() for p in root.rglob("*") if p.is_file()
    }


def test_a_round_trip_gives_back_every_table_and_every_uploaded_file(tmp_path, media):
    seed()
    source, source_media = fingerprints(), media_files(media)
    assert every_table() <= set(source), "every model's table, m2m table and django_migrations is compared"
    assert sum(rows for rows, _ in source.values() if rows) > 50
    archive = tmp_path / "alongside.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())

    with tarfile.open(archive) as tar:
        manifest = json.load(tar.extractfile("manifest.json"))
    assert manifest["engine"] == backup.engine_of(connection.settings_dict)
    assert manifest["row_counts"] == {table: rows for table, (rows, _) in source.items()}
    assert "0001_initial" in " ".join(manifest["migrations"])
    assert "SECRET_KEY" in manifest["keys"]
    raw = gzip.open(archive).read()
    assert b"M220000063" not in raw, "national IDs stay encrypted inside the archive"
    assert os.environ.get("SECRET_KEY", "development-only-key").encode() not in raw

    if connection.vendor == "postgresql":
        # Restore into a fresh scratch database (pg_dump read the test database by its name).
        scratch = dict(connection.settings_dict, NAME=f"test_alongside_restore_{os.getpid()}")
        with connection.cursor() as cursor:
            cursor.execute(f'DROP DATABASE IF EXISTS "{scratch["NAME"]}"')
            cursor.execute(f'CREATE DATABASE "{scratch["NAME"]}"')
        try:
            backup.restore_backup(archive, database=scratch, media_root=tmp_path / "restored-media")
            assert fingerprints(scratch) == source
        finally:
            connections["default"].close()
            with connection.cursor() as cursor:
                cursor.execute(f'DROP DATABASE IF EXISTS "{scratch["NAME"]}" WITH (FORCE)')
        assert media_files(tmp_path / "restored-media") == source_media
    else:
        # SQLite: damage the live data and files, then restore over them with --force.
        from alongside.people.models import Person

        Person.objects.filter(name="林阿嬌").update(name="changed")
        (media / "contracts" / "2025" / "contract-1.pdf").write_bytes(b"overwritten")
        (media / "stray.txt").write_text("not in the backup")
        out = StringIO()
        call_command("restore", str(archive), force=True, stdout=out)
        assert "will be replaced" in out.getvalue()
        assert "matches the manifest" in out.getvalue()
        assert fingerprints() == source
        assert media_files(media) == source_media


def damaged_copies(archive: Path, tmp_path: Path) -> dict[str, Path]:
    data = archive.read_bytes()
    truncated = tmp_path / "truncated.tar.gz"
    truncated.write_bytes(data[: len(data) // 2])
    garbage = tmp_path / "garbage.tar.gz"
    garbage.write_bytes(b"this is not an archive" * 100)
    # A whole archive whose database member was altered after the manifest was written.
    tampered = tmp_path / "tampered.tar.gz"
    unpacked = tmp_path / "unpacked"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    database = next(p for p in unpacked.iterdir() if p.name.startswith("database."))
    database.write_bytes(database.read_bytes()[:-10] + b"0123456789")
    with tarfile.open(tampered, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(unpacked)))
    # A path that tries to escape the media folder.
    escaping = tmp_path / "escaping.tar.gz"
    with tarfile.open(escaping, "w:gz") as tar:
        tar.add(unpacked / "manifest.json", arcname="manifest.json")
        tar.add(unpacked / "manifest.json", arcname="media/../../outside.txt")
    return {"truncated": truncated, "garbage": garbage, "tampered": tampered, "escaping": escaping}


def refused(archive: Path, match: str, **options) -> None:
    with pytest.raises(CommandError, match=match) as error:
        call_command("restore", str(archive), stdout=StringIO(), stderr=StringIO(), **options)
    assert "nothing was changed" in str(error.value)


def other_engine(archive: Path, tmp_path: Path) -> Path:
    unpacked = tmp_path / "other-engine"
    with tarfile.open(archive) as tar:
        tar.extractall(unpacked, filter="data")
    manifest = json.loads((unpacked / "manifest.json").read_text())
    manifest["engine"] = "sqlite" if connection.vendor == "postgresql" else "postgresql"
    (unpacked / "manifest.json").write_text(json.dumps(manifest))
    other = tmp_path / "other.tar.gz"
    with tarfile.open(other, "w:gz") as tar:
        for path in sorted(unpacked.rglob("*")):
            if path.is_file():
                tar.add(path, arcname=str(path.relative_to(unpacked)))
    return other


def test_damaged_archives_other_engines_and_non_empty_targets_are_refused_and_nothing_changes(
    tmp_path, media, monkeypatch
):
    seed()
    archive = tmp_path / "alongside.tar.gz"
    call_command("backup", str(archive), stdout=StringIO())
    from alongside.people.models import Person

    Person.objects.filter(name="林阿嬌").update(name="after the backup")
    before, before_media = fingerprints(), media_files(media)

    for kind, damaged in damaged_copies(archive, tmp_path).items():
        refused(damaged, "damaged|unexpected entry", force=True)
        assert fingerprints() == before, kind
        assert media_files(media) == before_media, kind
    assert not (tmp_path / "outside.txt").exists()

    refused(other_engine(archive, tmp_path), "same engine", force=True)
    assert fingerprints() == before

    refused(archive, "not empty.*--force")  # a whole archive, but the database holds data
    assert fingerprints() == before
    assert media_files(media) == before_media

    if connection.vendor == "postgresql":
        monkeypatch.setenv("PATH", str(tmp_path))
        with pytest.raises(CommandError, match="pg_dump was not found"):
            call_command("backup", str(tmp_path / "a.tar.gz"), stdout=StringIO())
        assert not (tmp_path / "a.tar.gz").exists()
        refused(archive, "pg_restore was not found", force=True)
        assert fingerprints() == before
