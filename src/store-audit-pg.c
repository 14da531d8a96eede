/* store-audit-pg.c - the sealed-record audit on a PostgreSQL server (issue
 * #24; doc/postgresql.md "The audit on PostgreSQL").
 *
 * On SQLite a preupdate hook tells store-audit.c which sealed record the
 * transaction changes and what it was before. A server has no such hook:
 * the sealed tables' row triggers (data/pg/audit.sql) note the same into
 * temporary tables of this session, made here once per connection
 * before its first write (store_server_run), and
 * the store reads them when it writes an event (store_audit_pg_collect),
 * handing each to store-audit.c as SQLite's hook does, and empties them
 * once it has sealed them (store_audit_pg_forget). From there on it is
 * one audit: the same serialization of a record, the same seals, the same
 * event hash, the same check. What differs besides is how check knows the
 * triggers the program made: the server's definitions are not SQLite's
 * texts, so it loads data/pg/schema.sql and audit.sql into a scratch
 * schema, inside a savepoint it undoes at once, and compares. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "db-pg.h"
#include "embedded.h"
#include "store-internal.h"

/* The session's notes: which record changed (first change first), and per
 * table the old rows. Emptied at each commit; gone with the session. */
static const char SQL_ATTACH[] =
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_changed (seq bigint NOT NULL, tbl text NOT NULL,"
	" id bigint NOT NULL, had_old boolean NOT NULL, PRIMARY KEY (tbl, id)) ON COMMIT DELETE ROWS;"
	"CREATE INDEX IF NOT EXISTS yc_audit_changed_seq ON pg_temp.yc_audit_changed(seq);"
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_old_cases (LIKE cases) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_old_applicants (LIKE applicants) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_old_users (LIKE users) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_old_notices (LIKE notices) ON COMMIT DELETE ROWS;"
	"CREATE TEMP TABLE IF NOT EXISTS yc_audit_old_results (LIKE results) ON COMMIT DELETE ROWS;";

static const char SQL_HAS_SEALED_TABLES[] = "SELECT CAST(to_regclass('cases') IS NOT NULL AS integer)";

static const char SQL_CHANGED[] = "SELECT tbl, id, had_old FROM pg_temp.yc_audit_changed ORDER BY seq";

/* the old row of a record, per sealed table in store-audit.c's order */
static const char *const SQL_OLD[] = {
	"SELECT * FROM pg_temp.yc_audit_old_cases WHERE id = ?1",
	"SELECT * FROM pg_temp.yc_audit_old_applicants WHERE id = ?1",
	"SELECT * FROM pg_temp.yc_audit_old_users WHERE id = ?1",
	"SELECT * FROM pg_temp.yc_audit_old_notices WHERE id = ?1",
	"SELECT * FROM pg_temp.yc_audit_old_results WHERE id = ?1",
};

static const char SQL_FORGET[] =
	"DELETE FROM pg_temp.yc_audit_changed; DELETE FROM pg_temp.yc_audit_old_cases;"
	" DELETE FROM pg_temp.yc_audit_old_applicants; DELETE FROM pg_temp.yc_audit_old_users;"
	" DELETE FROM pg_temp.yc_audit_old_notices; DELETE FROM pg_temp.yc_audit_old_results";

int store_audit_pg_attach(struct yc_store *st)
{
	int64_t sealed = 0;
	int rc;

	if (!st->pg || st->audit.pg == st->pg)
		return SQLITE_OK;
	/* a database without the program's tables has nothing sealed to
	 * note (the notes are made LIKE them): not an error */
	if ((rc = db_pg_exec_int(st->pg, SQL_HAS_SEALED_TABLES, &sealed)) != DB_OK)
		return rc;
	if (!sealed)
		return SQLITE_OK;
	rc = store_exec(st, SQL_ATTACH);
	if (rc == SQLITE_OK)
		st->audit.pg = st->pg;
	return rc;
}

static int table_of(const char *name)
{
	int t;

	for (t = 0; store_audit_table(t); t++)
		if (name && strcmp(store_audit_table(t), name) == 0)
			return t;
	return -1;
}

/* The old row of record id of table t, handed to store_audit_note. */
static int note_with_old(struct yc_store *st, int t, int64_t id)
{
	db_stmt *s = store_prep(st, SQL_OLD[t]);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	if (rc == DB_ROW)
		rc = store_audit_note(st, store_audit_table(t), id, s);
	else if (rc == DB_DONE)
		rc = SQLITE_CORRUPT;   /* the trigger writes both or neither */
	db_reset(s);
	return rc;
}

int store_audit_pg_collect(struct yc_store *st)
{
	struct { int t; int64_t id; int had_old; } *noted = NULL;
	size_t cap = 0;
	int n = 0, i, rc;
	db_stmt *s;

	if (!st->pg || st->audit.pg != st->pg)
		return SQLITE_OK;     /* no schema yet: nothing sealed to note */
	if (!(s = store_prep(st, SQL_CHANGED)))
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		int t = table_of(db_col_text(s, 0));

		if (t < 0)
			continue;
		if (yc_grow(&noted, &cap, (size_t)n, sizeof *noted) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		noted[n].t = t;
		noted[n].id = db_col_int64(s, 1);
		noted[n++].had_old = db_col_int(s, 2);
	}
	db_reset(s);
	if (rc != DB_DONE) {
		free(noted);
		return rc;
	}
	rc = SQLITE_OK;
	for (i = 0; i < n && rc == SQLITE_OK; i++)
		rc = noted[i].had_old ? note_with_old(st, noted[i].t, noted[i].id)
				      : store_audit_note(st, store_audit_table(noted[i].t), noted[i].id, NULL);
	free(noted);
	return rc;
}

int store_audit_pg_forget(struct yc_store *st)
{
	return st->audit.pg == st->pg ? store_exec(st, SQL_FORGET) : SQLITE_OK;
}

/* The triggers of a schema with their functions' bodies and whether they
 * are enabled: a trigger switched off, or its function replaced, is
 * changed as much as one dropped. The server names the table with its
 * schema: without it, the store's schema and the scratch one compare. */
#define PG_TRIGGERS(where)                                                                                      \
	"SELECT t.tgname, c.relname, replace(pg_get_triggerdef(t.oid), quote_ident(n.nspname) || '.', '')"      \
	" || ' ' || CAST(t.tgenabled AS text) || ' ' || p.prosrc"                                               \
	" FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace" \
	" JOIN pg_proc p ON p.oid = t.tgfoid WHERE " where " AND NOT t.tgisinternal ORDER BY t.tgname"

static const char SQL_TRIGGERS_HAVE[] = PG_TRIGGERS("n.nspname = current_schema()");
static const char SQL_TRIGGERS_WANT[] = PG_TRIGGERS("n.nspname = 'yc_check_triggers'");

static int load(struct yc_store *st, const char *sql, struct audit_trigger **out, int *n)
{
	db_stmt *s = store_prep(st, sql);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW)
		if (store_audit_add_trigger(s, out, &cap, n) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* The schema's search path for the scratch load: the scratch schema
 * first, then the store's (where pg_trgm is). */
static int scratch_path(struct yc_store *st, char *sql, size_t n)
{
	db_stmt *s = store_prep(st, "SELECT quote_ident(current_schema())");
	char schema[200] = "";
	int rc;

	if (!s)
		return st->rc;
	rc = db_step(s);
	if (rc == DB_ROW)
		store_col_text(s, 0, schema, sizeof schema);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_ERROR : rc;
	snprintf(sql, n, "SET LOCAL search_path = yc_check_triggers, %s", schema);
	return SQLITE_OK;
}

/* What the program makes, loaded where nobody sees it and undone. */
static int load_wanted(struct yc_store *st, struct audit_trigger **want, int *n_want, char *why, size_t whysz)
{
	char path_sql[300];
	int rc, undo;

	if ((rc = scratch_path(st, path_sql, sizeof path_sql)) != SQLITE_OK)
		return rc;
	if ((rc = store_exec(st, "SAVEPOINT yc_check_triggers")) != SQLITE_OK)
		return rc;
	rc = store_exec(st, "CREATE SCHEMA yc_check_triggers");
	if (rc == SQLITE_OK)
		rc = store_exec(st, path_sql);
	if (rc == SQLITE_OK)
		rc = store_exec(st, yc_data_pg_schema_sql);
	if (rc == SQLITE_OK)
		rc = store_exec(st, yc_data_pg_audit_sql);
	if (rc != SQLITE_OK)
		snprintf(why, whysz, "%s", store_errmsg(st));
	else
		rc = load(st, SQL_TRIGGERS_WANT, want, n_want);
	undo = store_exec(st, "ROLLBACK TO SAVEPOINT yc_check_triggers; RELEASE SAVEPOINT yc_check_triggers");
	return undo != SQLITE_OK ? undo : rc;
}

struct trigger_check {
	store_report report;
	void *ctx;
	int problems;
};

static int compare_run(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct trigger_check *c = vctx;
	struct audit_trigger *want = NULL, *have = NULL;
	int n_want = 0, n_have = 0, rc;
	char why[512] = "", line[700];

	(void)err;
	c->problems = 0;
	rc = load(st, SQL_TRIGGERS_HAVE, &have, &n_have);
	if (rc == SQLITE_OK)
		rc = load_wanted(st, &want, &n_want, why, sizeof why);
	if (rc == SQLITE_OK) {
		c->problems = store_audit_compare_triggers(c->report, c->ctx, want, n_want, have, n_have);
	} else if (why[0]) {
		/* the scratch schema refused (no right to create one): said, not fatal */
		c->problems = 1;
		snprintf(line, sizeof line, _("triggers: cannot load the program's schema to compare them: %s"), why);
		c->report(c->ctx, 0, line);
		rc = SQLITE_OK;
	}
	store_audit_free_triggers(want, n_want);
	store_audit_free_triggers(have, n_have);
	return rc;
}

int store_audit_check_pg_triggers(struct yc_store *st, store_report report, void *ctx, int *problems)
{
	struct trigger_check c = { report, ctx, 0 };
	struct yc_err err;

	yc_err_clear(&err);
	if (store_run(st, 1, compare_run, &c, &err) < 0) {
		report(ctx, 0, err.msg);
		*problems += 1;
		return -1;
	}
	*problems += c.problems;
	return 0;
}
