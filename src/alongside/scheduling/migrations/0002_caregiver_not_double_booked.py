"""No two active visits of one caregiver overlap: an exclusion constraint on PostgreSQL (SQLite serialises the
assignment's check instead, see scheduling/services/bookings.py). Nothing changes in the model state, so the
migration applies (as a no-op) on SQLite and `makemigrations --check` stays clean.

The constraint needs the btree_gist extension (for `caregiver_id WITH =` in a GiST index). It is a trusted
extension since PostgreSQL 13: the database owner may create it; otherwise a superuser runs
`CREATE EXTENSION btree_gist;` once before migrating. Visits that already overlap stop the migration with a list.
"""

from django.contrib.postgres.operations import BtreeGistExtension
from django.db import migrations

CONSTRAINT = "visit_caregiver_not_double_booked"
ACTIVE = "caregiver_id IS NOT NULL AND status <> 'cancelled'"


def time_range(alias: str = "") -> str:
    """[start, end) of a visit in the wall clock; scheduling.services.bookings.interval is the same in Python."""
    p = f"{alias}." if alias else ""
    start = f'({p}"on" + COALESCE({p}planned_start, {p}earliest_start))'
    return f"tsrange({start}, {start} + {p}duration_minutes * interval '1 minute', '[)')"


OVERLAPS = f"""
SELECT a.id, b.id, a.caregiver_id, a."on" FROM scheduling_visit a JOIN scheduling_visit b
ON a.caregiver_id = b.caregiver_id AND a.id < b.id AND {time_range("a")} && {time_range("b")}
WHERE a.status <> 'cancelled' AND b.status <> 'cancelled' ORDER BY a."on", a.id LIMIT 20
"""


def add_constraint(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    with schema_editor.connection.cursor() as cursor:
        cursor.execute(OVERLAPS)
        found = cursor.fetchall()
    if found:
        pairs = ", ".join(f"visits {a} and {b} (caregiver {who}, {on})" for a, b, who, on in found)
        raise RuntimeError(
            f"Double-booked caregivers: {pairs}. Reassign or cancel one visit of each pair, then migrate again."
        )
    schema_editor.execute(
        f"ALTER TABLE scheduling_visit ADD CONSTRAINT {CONSTRAINT} EXCLUDE USING gist "
        f"(caregiver_id WITH =, {time_range()} WITH &&) WHERE ({ACTIVE}) DEFERRABLE INITIALLY IMMEDIATE"
    )


def drop_constraint(apps, schema_editor):
    if schema_editor.connection.vendor == "postgresql":
        schema_editor.execute(f"ALTER TABLE scheduling_visit DROP CONSTRAINT IF EXISTS {CONSTRAINT}")


class Migration(migrations.Migration):
    dependencies = [("scheduling", "0001_initial")]

    operations = [
        BtreeGistExtension(),
        migrations.RunPython(add_constraint, drop_constraint, elidable=False),
    ]
