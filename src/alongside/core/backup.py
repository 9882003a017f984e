"""One-file backups of the database and the uploaded files, and their restore (`alongside backup`/`restore`).

An archive is a gzip'd tar with:

- `database.dump` (PostgreSQL, `pg_dump --format=custom`) or `database.sqlite3` (SQLite, a consistent copy made
  with SQLite's online backup API, safe while the server writes);
- `media/...`, the uploaded files (scans of signed forms) under MEDIA_ROOT;
- `manifest.json`: when, which engine, the Alongside version, the applied migrations, the row count of every table
  and the SHA-256 of every other member.

The keys (SECRET_KEY, FIELD_ENCRYPTION_KEY) are never in an archive: keep them apart, so that a stolen backup
does not reveal national IDs or health texts, and so that a restore needs them from their own safe place.

Restore checks everything it can before it changes anything: the archive is whole (every checksum), of the same
engine, the tools are there, and the target database is empty (or `force` is given). PostgreSQL is restored by
`pg_restore --clean --if-exists --no-owner --single-transaction` (all or nothing); SQLite by SQLite's backup API
writing the whole copy into the database file in one transaction (all or nothing; it also handles the WAL file
that a plain file replacement would leave behind). Then the uploaded files are swapped in, and the row counts are
compared with the manifest.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import importlib.metadata
import json
import os
import shutil
import sqlite3
import subprocess
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path, PurePosixPath

from django.conf import settings
from django.db import connections
from django.db.utils import load_backend

MANIFEST = "manifest.json"
PG_MEMBER = "database.dump"
SQLITE_MEMBER = "database.sqlite3"
MEDIA_DIR = "media"
FORMAT = 1
# Tables that `migrate` fills on an empty database: their rows do not make a database "not empty".
BOOKKEEPING_TABLES = {"django_migrations", "django_content_type", "auth_permission"}
KEYS_NOTE = (
    "SECRET_KEY and FIELD_ENCRYPTION_KEY are not in this archive. Restore needs the same keys from their own "
    "safe place; without FIELD_ENCRYPTION_KEY the encrypted fields cannot be read."
)


class BackupError(Exception):
    """A backup or restore that could not be done; nothing was changed."""


@dataclass
class BackupResult:
    path: Path
    size: int
    manifest: dict


@dataclass
class RestoreResult:
    manifest: dict
    replaced: dict[str, int] = field(default_factory=dict)  # table -> rows that were there before
    counts: dict[str, int] = field(default_factory=dict)  # table -> rows after the restore
    mismatches: dict[str, tuple[int, int]] = field(default_factory=dict)  # table -> (manifest, restored)
    media_files: int = 0


# ---------------------------------------------------------------------------------------------- connections


def _default_database() -> dict:
    return connections["default"].settings_dict


def _wrapper(database: dict):
    """A Django connection for `database` (the default connection itself when it is the default database)."""
    if database is _default_database():
        return connections["default"], False
    backend = load_backend(database["ENGINE"])
    return backend.DatabaseWrapper(dict(database), alias="__alongside_backup__"), True


def engine_of(database: dict) -> str:
    engine = database["ENGINE"]
    if "postgresql" in engine:
        return "postgresql"
    if "sqlite3" in engine:
        return "sqlite"
    raise BackupError(f"Backups support PostgreSQL and SQLite, not {engine}.")


def _pg_env(database: dict) -> dict:
    env = dict(os.environ)
    for key, variable in (("HOST", "PGHOST"), ("PORT", "PGPORT"), ("USER", "PGUSER"), ("PASSWORD", "PGPASSWORD")):
        if database.get(key):
            env[variable] = str(database[key])
    if database.get("OPTIONS", {}).get("sslmode"):
        env["PGSSLMODE"] = database["OPTIONS"]["sslmode"]
    env["PGDATABASE"] = database["NAME"]
    return env


def _pg_tool(name: str) -> str:
    path = shutil.which(name)
    if not path:
        raise BackupError(
            f"{name} was not found on PATH. Install the PostgreSQL client tools "
            f"(the same major version as the server or newer), e.g. `apt-get install postgresql-client`; "
            "nothing was changed."
        )
    return path


def _quote(wrapper, table: str) -> str:
    return wrapper.ops.quote_name(table)


def _table_counts(wrapper, cursor) -> dict[str, int]:
    counts = {}
    for table in sorted(wrapper.introspection.table_names(cursor)):
        # Table names come from the database's own catalogue, quoted; no input reaches this query.
        cursor.execute(f"SELECT COUNT(*) FROM {_quote(wrapper, table)}")  # nosec B608
        counts[table] = cursor.fetchone()[0]
    return counts


def _applied_migrations(cursor) -> list[str]:
    cursor.execute("SELECT app, name FROM django_migrations ORDER BY app, name")
    return [f"{app}.{name}" for app, name in cursor.fetchall()]


def database_rows(database: dict | None = None) -> dict[str, int]:
    """The row count of every table in `database` (default: the configured one)."""
    database = database or _default_database()
    wrapper, own = _wrapper(database)
    try:
        with wrapper.cursor() as cursor:
            return _table_counts(wrapper, cursor)
    finally:
        if own:
            wrapper.close()


# --------------------------------------------------------------------------------------------------- backup


def default_archive_path(now: dt.datetime | None = None) -> Path:
    now = now or dt.datetime.now(dt.UTC)
    return Path(settings.VAR_DIR) / "backups" / f"alongside-{now:%Y%m%d-%H%M%S}.tar.gz"


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def _dump_postgresql(database: dict, target: Path) -> tuple[dict[str, int], list[str]]:
    """pg_dump and the row counts read in one snapshot, so the manifest describes exactly the dump."""
    pg_dump = _pg_tool("pg_dump")
    wrapper, _ = _wrapper(dict(database))  # a copy, so always a new connection: it holds the snapshot open
    try:
        wrapper.ensure_connection()
        raw = wrapper.connection
        raw.autocommit = False
        with raw.cursor() as raw_cursor:
            raw_cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            raw_cursor.execute("SELECT pg_export_snapshot()")
            snapshot = raw_cursor.fetchone()[0]
            done = subprocess.run(
                [pg_dump, "--format=custom", f"--snapshot={snapshot}", f"--file={target}", "--no-password"],
                env=_pg_env(database),
                capture_output=True,
                text=True,
                check=False,
            )
            if done.returncode != 0:
                raise BackupError(f"pg_dump failed: {done.stderr.strip()}")
            cursor = wrapper.cursor()
            counts = _table_counts(wrapper, cursor)
            migrations = _applied_migrations(cursor)
        raw.rollback()
        return counts, migrations
    finally:
        wrapper.close()


def _copy_sqlite(database: dict, target: Path) -> tuple[dict[str, int], list[str]]:
    wrapper, own = _wrapper(database)
    if wrapper.in_atomic_block:
        # The backup API waits for the connection's own open write transaction: it would never finish.
        raise BackupError("A SQLite backup cannot be taken inside a transaction; nothing was written.")
    try:
        wrapper.ensure_connection()
        destination = sqlite3.connect(target)
        try:
            wrapper.connection.backup(destination)  # the online backup API: a consistent copy, writers may go on
            cursor = destination.cursor()
            tables = [
                row[0]
                for row in cursor.execute(
                    "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name"
                )
            ]
            # Table names from sqlite_master (the copy's own catalogue), quoted.
            count = 'SELECT COUNT(*) FROM "{}"'.format  # nosec B608
            counts = {t: cursor.execute(count(t)).fetchone()[0] for t in tables}
            migrations = _applied_migrations(cursor)
        finally:
            destination.close()
        return counts, migrations
    finally:
        if own:
            wrapper.close()


def _alongside_version() -> str:
    try:
        return importlib.metadata.version("alongside")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - always installed
        return "unknown"


def create_backup(path: Path | None = None, *, database: dict | None = None, media_root: Path | None = None):
    """Write one archive of the database and the uploaded files; returns a BackupResult.

    The archive is written beside its final name and renamed at the end: a failed backup leaves no file.
    """
    database = database or _default_database()
    engine = engine_of(database)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    path = Path(path) if path else default_archive_path()
    if path.exists():
        raise BackupError(f"{path} exists already; choose another name.")
    path.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="alongside-backup-") as staging_name:
        staging = Path(staging_name)
        member = PG_MEMBER if engine == "postgresql" else SQLITE_MEMBER
        if engine == "postgresql":
            counts, migrations = _dump_postgresql(database, staging / member)
        else:
            counts, migrations = _copy_sqlite(database, staging / member)
        members = {member: {"sha256": _sha256(staging / member), "size": (staging / member).stat().st_size}}
        media_files = []
        if media_root.is_dir():
            for source in sorted(p for p in media_root.rglob("*") if p.is_file() and not p.is_symlink()):
                name = PurePosixPath(MEDIA_DIR, *source.relative_to(media_root).parts)
                copy = staging / Path(str(name))
                copy.parent.mkdir(parents=True, exist_ok=True)
                shutil.copy2(source, copy)  # copied first, so the checksum is of what goes in the archive
                members[str(name)] = {"sha256": _sha256(copy), "size": copy.stat().st_size}
                media_files.append(str(name))
        manifest = {
            "format": FORMAT,
            "created_at": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
            "engine": engine,
            "database_name": database["NAME"] if engine == "postgresql" else Path(str(database["NAME"])).name,
            "alongside_version": _alongside_version(),
            "migrations": migrations,
            "row_counts": counts,
            "members": members,
            "keys": KEYS_NOTE,
        }
        (staging / MANIFEST).write_text(json.dumps(manifest, indent=2, ensure_ascii=False), encoding="utf-8")
        partial = path.with_name(f".{path.name}.partial")
        try:
            with tarfile.open(partial, "w:gz", compresslevel=6) as archive:
                archive.add(staging / MANIFEST, arcname=MANIFEST)
                archive.add(staging / member, arcname=member)
                for name in media_files:
                    archive.add(staging / Path(name), arcname=name)
            os.replace(partial, path)
        except BaseException:
            partial.unlink(missing_ok=True)
            raise
    return BackupResult(path=path, size=path.stat().st_size, manifest=manifest)


# -------------------------------------------------------------------------------------------------- restore


def _safe_member_name(name: str) -> bool:
    pure = PurePosixPath(name)
    return not pure.is_absolute() and ".." not in pure.parts and "\\" not in name and name == str(pure)


def read_archive(archive: Path, target: Path) -> dict:
    """Unpack `archive` into `target` and check it whole; returns the manifest. Raises BackupError."""
    archive = Path(archive)
    if not archive.is_file():
        raise BackupError(f"{archive} does not exist.")
    damaged = f"{archive} is damaged or incomplete (not a whole Alongside backup); nothing was changed."
    try:
        with tarfile.open(archive, "r:gz") as tar:
            members = tar.getmembers()
            for member in members:
                if not (member.isfile() or member.isdir()) or not _safe_member_name(member.name):
                    raise BackupError(f"{archive} holds an unexpected entry {member.name!r}; nothing was changed.")
            for member in members:
                if member.isfile():
                    destination = target / Path(member.name)
                    destination.parent.mkdir(parents=True, exist_ok=True)
                    source = tar.extractfile(member)
                    with destination.open("wb") as handle:
                        shutil.copyfileobj(source, handle)
    except (tarfile.TarError, EOFError, zlib.error, OSError) as error:
        raise BackupError(f"{damaged} ({error})") from error
    manifest_path = target / MANIFEST
    if not manifest_path.is_file():
        raise BackupError(f"{archive} has no manifest.json: it is not an Alongside backup; nothing was changed.")
    try:
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        listed = manifest["members"]
        manifest["engine"], manifest["row_counts"]  # present, or the archive is not ours
    except (ValueError, KeyError, TypeError) as error:
        raise BackupError(f"{archive} has an unreadable manifest.json; nothing was changed.") from error
    present = {str(p.relative_to(target).as_posix()) for p in target.rglob("*") if p.is_file()} - {MANIFEST}
    if set(listed) != present:
        missing, extra = sorted(set(listed) - present), sorted(present - set(listed))
        raise BackupError(f"{damaged} Missing: {missing or '-'}; not in the manifest: {extra or '-'}.")
    for name, facts in listed.items():
        if _sha256(target / Path(name)) != facts["sha256"]:
            raise BackupError(f"{damaged} The checksum of {name} does not match the manifest.")
    return manifest


def non_empty_tables(counts: dict[str, int]) -> dict[str, int]:
    return {t: n for t, n in counts.items() if n and t not in BOOKKEEPING_TABLES}


def _restore_postgresql(database: dict, dump: Path) -> None:
    pg_restore = _pg_tool("pg_restore")
    done = subprocess.run(
        [
            pg_restore,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--no-privileges",
            "--single-transaction",
            "--exit-on-error",
            "--no-password",
            f"--dbname={database['NAME']}",
            str(dump),
        ],
        env=_pg_env(database),
        capture_output=True,
        text=True,
        check=False,
    )
    if done.returncode != 0:
        raise BackupError(f"pg_restore failed and rolled back; nothing was changed: {done.stderr.strip()}")


def _restore_sqlite(database: dict, copy: Path) -> None:
    wrapper, own = _wrapper(database)
    try:
        wrapper.ensure_connection()
        source = sqlite3.connect(copy)
        try:
            # One step (pages=-1): the whole copy is written in one transaction on the target, or not at all.
            source.backup(wrapper.connection, pages=-1)
        except sqlite3.Error as error:
            raise BackupError(f"SQLite could not write the restored database; nothing was changed: {error}") from error
        finally:
            source.close()
    finally:
        if own:
            wrapper.close()


def _prepare_media(unpacked: Path, media_root: Path) -> Path | None:
    """Move the archive's media beside MEDIA_ROOT (same file system) so that the swap is two renames."""
    source = unpacked / MEDIA_DIR
    media_root.parent.mkdir(parents=True, exist_ok=True)
    prepared = Path(tempfile.mkdtemp(prefix=".media-restore-", dir=media_root.parent))
    if source.is_dir():
        shutil.copytree(source, prepared, dirs_exist_ok=True)
    return prepared


def _swap_media(prepared: Path, media_root: Path) -> None:
    old = None
    if media_root.exists():
        old = media_root.with_name(f".{media_root.name}-replaced-{os.getpid()}")
        os.replace(media_root, old)
    os.replace(prepared, media_root)
    if old:
        shutil.rmtree(old, ignore_errors=True)


def restore_backup(
    archive: Path, *, force: bool = False, database: dict | None = None, media_root: Path | None = None
) -> RestoreResult:
    """Restore `archive` into the database (default: the configured one) and MEDIA_ROOT. Raises BackupError.

    Everything is checked before anything changes; the database is replaced all or nothing.
    """
    database = database or _default_database()
    engine = engine_of(database)
    media_root = Path(media_root or settings.MEDIA_ROOT)
    with tempfile.TemporaryDirectory(prefix="alongside-restore-") as unpacked_name:
        unpacked = Path(unpacked_name)
        manifest = read_archive(archive, unpacked)
        if manifest["engine"] != engine:
            raise BackupError(
                f"This archive holds a {manifest['engine']} database, and the target is {engine}. "
                "Restore it into a database of the same engine; nothing was changed."
            )
        member = PG_MEMBER if engine == "postgresql" else SQLITE_MEMBER
        if member not in manifest["members"]:
            raise BackupError(f"The archive has no {member}; nothing was changed.")
        if engine == "postgresql":
            _pg_tool("pg_restore")
        before = database_rows(database)
        replaced = non_empty_tables(before)
        if replaced and not force:
            raise NonEmptyTarget(replaced)
        prepared = _prepare_media(unpacked, media_root)
        try:
            if engine == "postgresql":
                if _default_database() is database:
                    connections["default"].close()  # no open transaction of ours holds a lock on the tables
                _restore_postgresql(database, unpacked / member)
            else:
                _restore_sqlite(database, unpacked / member)
        except BaseException:
            shutil.rmtree(prepared, ignore_errors=True)
            raise
        _swap_media(prepared, media_root)
    result = RestoreResult(manifest=manifest, replaced=replaced)
    result.media_files = sum(1 for name in manifest["members"] if name.startswith(MEDIA_DIR + "/"))
    result.counts = database_rows(database)
    for table, expected in manifest["row_counts"].items():
        if result.counts.get(table) != expected:
            result.mismatches[table] = (expected, result.counts.get(table, 0))
    return result


class NonEmptyTarget(BackupError):
    def __init__(self, tables: dict[str, int]):
        self.tables = tables
        rows = sum(tables.values())
        super().__init__(
            f"The target database is not empty ({rows} rows in {len(tables)} tables); nothing was changed. "
            "Restore into an empty database, or give --force to replace everything in it."
        )
