"""`alongside restore`: put an archive made by `alongside backup` back (core/backup.py)."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from alongside.core import backup


class Command(BaseCommand):
    help = (
        "Restore an archive made by `alongside backup` into the configured database and the uploaded files. "
        "Checks the checksums and the engine first; refuses a database that is not empty unless --force. "
        "Stop the web server and the workers first."
    )

    def add_arguments(self, parser):
        parser.add_argument("archive", help="the .tar.gz written by `alongside backup`")
        parser.add_argument(
            "--force", action="store_true", help="replace a database that is not empty (everything in it goes)"
        )

    def handle(self, *args, archive: str, force: bool, **options):
        if force:
            try:
                present = backup.non_empty_tables(backup.database_rows())
            except Exception:
                present = {}
            if present:
                self.stdout.write(
                    self.style.WARNING(
                        f"--force: the {sum(present.values())} rows now in {len(present)} tables will be replaced "
                        "by the archive's (and the uploaded files by the archive's):"
                    )
                )
                for table, rows in sorted(present.items(), key=lambda item: -item[1])[:15]:
                    self.stdout.write(f"  {table}: {rows}")
                if len(present) > 15:
                    self.stdout.write(f"  … and {len(present) - 15} more tables")
        try:
            result = backup.restore_backup(Path(archive), force=force)
        except backup.NonEmptyTarget as refused:
            for table, rows in sorted(refused.tables.items(), key=lambda item: -item[1])[:10]:
                self.stderr.write(f"  {table}: {rows} rows")
            raise CommandError(str(refused)) from refused
        except backup.BackupError as error:
            raise CommandError(str(error)) from error
        manifest = result.manifest
        self.stdout.write(
            self.style.SUCCESS(
                f"Restored the {manifest['engine']} backup of {manifest['created_at']} "
                f"(Alongside {manifest['alongside_version']})."
            )
        )
        self.stdout.write(
            f"  {len(result.counts)} tables · {sum(result.counts.values())} rows · {result.media_files} uploaded files"
        )
        self.stdout.write(f"  {backup.KEYS_NOTE}")
        if result.mismatches:
            for table, (expected, found) in sorted(result.mismatches.items()):
                self.stderr.write(f"  {table}: {found} rows, the manifest says {expected}")
            raise CommandError("The restored row counts differ from the manifest (above).")
        self.stdout.write("  Every table's row count matches the manifest.")
        self.stdout.write("  Run `alongside migrate` if this archive comes from an older version of Alongside.")
