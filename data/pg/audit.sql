-- The sealed-record audit on PostgreSQL (src/store-audit.c,
-- src/store-audit-pg.c, doc/postgresql.md "The audit on PostgreSQL"):
-- loaded after schema.sql.
--
-- SQLite's preupdate hook gives the program each sealed record as it was
-- before the transaction first changed it; PostgreSQL has no such hook, so
-- these row triggers note the same: which record of cases, applicants,
-- users, notices and results changed, and its old row, into temporary
-- tables of the program's own session (made by store-audit-pg.c before the
-- session's first write, emptied at each commit). The event the program writes next
-- reads and seals them, as on SQLite. A session without those tables (psql,
-- any other program) is not noted here: its changes show in `check`, as a
-- change with the sqlite3 shell does.
--
-- A write that changes the seal and nothing else is the program's own
-- sealing, no change of the record (SQLite: store_audit.sealing). An
-- UPDATE that writes the same values is noted, as SQLite's hook notes it;
-- so is the program's seal written again unchanged, which is harmless:
-- the record is noted already, and the notes are emptied only after the
-- seals are written.

CREATE FUNCTION audit_note_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF to_regclass('pg_temp.yc_audit_changed') IS NULL THEN
    RETURN NULL;
  END IF;
  IF TG_OP = 'UPDATE' AND OLD.seal IS DISTINCT FROM NEW.seal
     AND (to_jsonb(OLD) - 'seal') = (to_jsonb(NEW) - 'seal') THEN
    RETURN NULL;
  END IF;
  -- (no sequence numbers them: the store's INSERTs read their id with
  -- lastval(), which a sequence taken here would change)
  IF TG_OP = 'INSERT' THEN
    INSERT INTO pg_temp.yc_audit_changed(seq, tbl, id, had_old)
      SELECT coalesce(max(seq), 0) + 1, TG_TABLE_NAME, NEW.id, false FROM pg_temp.yc_audit_changed
      ON CONFLICT DO NOTHING;
    RETURN NULL;
  END IF;
  INSERT INTO pg_temp.yc_audit_changed(seq, tbl, id, had_old)
    SELECT coalesce(max(seq), 0) + 1, TG_TABLE_NAME, OLD.id, true FROM pg_temp.yc_audit_changed
    ON CONFLICT DO NOTHING;
  IF FOUND THEN
    -- the first change in the transaction: the record as it was before it
    EXECUTE format('INSERT INTO pg_temp.%I SELECT ($1).*', 'yc_audit_old_' || TG_TABLE_NAME) USING OLD;
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.id <> OLD.id THEN
    INSERT INTO pg_temp.yc_audit_changed(seq, tbl, id, had_old)
      SELECT coalesce(max(seq), 0) + 1, TG_TABLE_NAME, NEW.id, false FROM pg_temp.yc_audit_changed
      ON CONFLICT DO NOTHING;
  END IF;
  RETURN NULL;
END $$;

CREATE TRIGGER cases_audit AFTER INSERT OR UPDATE OR DELETE ON cases FOR EACH ROW
  EXECUTE FUNCTION audit_note_change();
CREATE TRIGGER applicants_audit AFTER INSERT OR UPDATE OR DELETE ON applicants FOR EACH ROW
  EXECUTE FUNCTION audit_note_change();
CREATE TRIGGER users_audit AFTER INSERT OR UPDATE OR DELETE ON users FOR EACH ROW
  EXECUTE FUNCTION audit_note_change();
CREATE TRIGGER notices_audit AFTER INSERT OR UPDATE OR DELETE ON notices FOR EACH ROW
  EXECUTE FUNCTION audit_note_change();
CREATE TRIGGER results_audit AFTER INSERT OR UPDATE OR DELETE ON results FOR EACH ROW
  EXECUTE FUNCTION audit_note_change();
