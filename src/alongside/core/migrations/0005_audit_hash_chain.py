"""Chain the audit trail: every event gets previous_hash and hash (ADR 0010), existing events in id order.

On PostgreSQL the append-only trigger (0002) refuses UPDATE, so it is dropped around the backfill and recreated
in the same transaction: no other connection can change the trail in between.
"""

import django.utils.timezone
from django.db import migrations, models

from alongside.core.migrations import _append_only as trigger

BATCH = 2000


def chain_existing(apps, schema_editor):
    from alongside.core.audit import event_hash

    event_model = apps.get_model("core", "AuditEvent")
    postgres = schema_editor.connection.vendor == "postgresql"
    if postgres:
        schema_editor.execute(trigger.DROP)
    previous, batch = "", []
    for event in event_model.objects.order_by("id").iterator(chunk_size=BATCH):
        event.previous_hash = previous
        event.hash = previous = event_hash(event)
        batch.append(event)
        if len(batch) >= BATCH:
            event_model.objects.bulk_update(batch, ["previous_hash", "hash"])
            batch = []
    if batch:
        event_model.objects.bulk_update(batch, ["previous_hash", "hash"])
    if postgres:
        schema_editor.execute(trigger.CREATE)


def unchain(apps, schema_editor):
    """Nothing to undo: the columns are removed by the schema operations."""


class Migration(migrations.Migration):
    dependencies = [("core", "0004_organisation_phone")]
    operations = [
        migrations.AlterField(
            model_name="auditevent",
            name="at",
            field=models.DateTimeField(
                db_index=True, default=django.utils.timezone.now, editable=False, verbose_name="time"
            ),
        ),
        migrations.AddField(
            model_name="auditevent",
            name="previous_hash",
            field=models.CharField(blank=True, editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.AddField(
            model_name="auditevent",
            name="hash",
            field=models.CharField(blank=True, editable=False, max_length=64, default=""),
            preserve_default=False,
        ),
        migrations.RunPython(chain_existing, unchain),
    ]
