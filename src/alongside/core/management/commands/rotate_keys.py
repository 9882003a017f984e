"""Re-encrypt every encrypted field with the first key of FIELD_ENCRYPTION_KEY: `alongside rotate_keys`.

Procedure (ADR 0009): put the new key first (`NEW,OLD`), deploy, run `rotate_keys`, check with
`rotate_keys --check`, then remove the old key. Batches are committed one at a time, and values already under
the first key are skipped, so an interrupted run is resumed by running it again.
"""

import time

from django.core.management.base import BaseCommand, CommandError
from django.db import connection, transaction

from alongside.core import crypto


class Command(BaseCommand):
    help = "Re-encrypt every encrypted value with the first FIELD_ENCRYPTION_KEY; --check only counts."

    def add_arguments(self, parser):
        parser.add_argument(
            "--check", action="store_true", help="count values not under the first key; exit 1 if there are any"
        )
        parser.add_argument("--batch-size", type=int, default=500, help="rows per transaction (default 500)")

    def handle(self, *args, check: bool, batch_size: int, **options):
        started = time.monotonic()
        total_values = total_old = total_rotated = 0
        for model, field in crypto.encrypted_fields():
            values, old, rotated = self._column(model, field, batch_size, check)
            total_values, total_old, total_rotated = total_values + values, total_old + old, total_rotated + rotated
            label = f"{model._meta.label}.{field.name}"
            if check:
                self.stdout.write(f"{label}: {values} values, {old} not under the first key")
            else:
                self.stdout.write(f"{label}: {values} values, {rotated} re-encrypted")
        elapsed = time.monotonic() - started
        if check:
            self.stdout.write(
                f"{total_values} encrypted values, {total_old} not under the first key ({elapsed:.2f} s)."
            )
            if total_old:
                raise CommandError(f"{total_old} values are still under an older key: run `alongside rotate_keys`.")
        else:
            self.stdout.write(
                f"{total_values} encrypted values, {total_rotated} re-encrypted with the first key ({elapsed:.2f} s)."
            )

    def _column(self, model, field, batch_size: int, check: bool) -> tuple[int, int, int]:
        quote = connection.ops.quote_name
        table, column, pk = quote(model._meta.db_table), quote(field.column), quote(model._meta.pk.column)
        # Names come from the models' _meta, quoted; values are parameters.
        select = f"SELECT {pk}, {column} FROM {table} WHERE {pk} > %s ORDER BY {pk} LIMIT %s"  # nosec B608
        update = f"UPDATE {table} SET {column} = %s WHERE {pk} = %s"  # nosec B608
        last, values, old, rotated = None, 0, 0, 0
        while True:
            with transaction.atomic():
                with connection.cursor() as cursor:
                    if last is None:
                        cursor.execute(select.replace(f"WHERE {pk} > %s ", ""), [batch_size])
                    else:
                        cursor.execute(select, [last, batch_size])
                    rows = cursor.fetchall()
                    if not rows:
                        return values, old, rotated
                    updates = []
                    for row_pk, token in rows:
                        last = row_pk
                        if not token:
                            continue
                        values += 1
                        if crypto.under_primary_key(token):
                            continue
                        old += 1
                        try:
                            fresh = crypto.rotate(token)
                        except ValueError:
                            raise CommandError(
                                f"{model._meta.label}.{field.name} of row {row_pk} cannot be decrypted with any key in "
                                "FIELD_ENCRYPTION_KEY. Put back the key it was written with (after the new one) "
                                "and run again; rows done so far are kept."
                            ) from None
                        updates.append((fresh, row_pk))
                    if updates and not check:
                        cursor.executemany(update, updates)
                        rotated += len(updates)
