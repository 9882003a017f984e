"""`alongside backup`: one archive of the database and the uploaded files (core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.core import backup


class Command(BaseCommand):
    help = (
        "Write one archive (.tar.gz) with the database (pg_dump or a consistent SQLite copy), the uploaded files "
        "and a manifest of checksums and row counts. SECRET_KEY and FIELD_ENCRYPTION_KEY are never included: "
        "keep them apart."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "path", nargs="?", help="the archive to write (default: var/backups/alongside-YYYYMMDD-HHMMSS.tar.gz)"
        )

    def handle(self, *args, path: str | None, **options):
        try:
            result = backup.create_backup(Path(path) if path else None)
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        rows = sum(manifest["row_counts"].values())
        media = sum(1 for name in manifest["members"] if name.startswith(backup.MEDIA_DIR + "/"))
        self.stdout.write(self.style.SUCCESS(f"Backup written: {result.path} ({result.size / 1e6:.1f} MB)"))
        self.stdout.write(
            f"  {manifest['engine']} · {len(manifest['row_counts'])} tables · {rows} rows · "
            f"{len(manifest['migrations'])} migrations · {media} uploaded files"
        )
        self.stdout.write(f"  {backup.KEYS_NOTE}")
