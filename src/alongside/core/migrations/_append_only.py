"""SQL of the PostgreSQL append-only triggers (audit trail since 0002, access log since 0006).

Kept here so later migrations can drop and recreate the audit trigger around a backfill (0005)."""

CREATE = """
CREATE OR REPLACE FUNCTION core_auditevent_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'The audit trail is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_auditevent_no_update BEFORE UPDATE OR DELETE ON core_auditevent
  FOR EACH ROW EXECUTE FUNCTION core_auditevent_append_only();
"""
DROP = """
DROP TRIGGER IF EXISTS core_auditevent_no_update ON core_auditevent;
"""

ACCESS_CREATE = """
CREATE OR REPLACE FUNCTION core_recordaccess_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION 'The access log is append-only';
END;
$$ LANGUAGE plpgsql;
CREATE TRIGGER core_recordaccess_no_update BEFORE UPDATE OR DELETE ON core_recordaccess
  FOR EACH ROW EXECUTE FUNCTION core_recordaccess_append_only();
"""
ACCESS_DROP = """
DROP TRIGGER IF EXISTS core_recordaccess_no_update ON core_recordaccess;
DROP FUNCTION IF EXISTS core_recordaccess_append_only();
"""
