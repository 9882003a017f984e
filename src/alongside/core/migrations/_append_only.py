"""SQL of the PostgreSQL append-only triggers (audit trail since 0002, access log since 0006).

Kept here so later migrations can drop and recreate the audit trigger around a backfill (0005)."""


def _create(table: str, what: str) -> str:
    return f"""
CREATE OR REPLACE FUNCTION {table}_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'The {what} is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER {table}_no_update BEFORE UPDATE OR DELETE ON {table}
  FOR EACH ROW EXECUTE FUNCTION {table}_append_only();
"""


CREATE = _create("core_auditevent", "audit trail")
# Only the trigger: 0005 recreates it around its backfill, the function stays.
DROP = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
"""

ACCESS_CREATE = _create("core_recordaccess", "access log")
ACCESS_DROP = """
DROP TRIGGER IF EXISTS core_recordaccess_no_update ON core_recordaccess;
DROP FUNCTION IF EXISTS core_recordaccess_append_only();
"""
