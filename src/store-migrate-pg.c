/* store-migrate-pg.c - a hall's SQLite history moved whole to a
 * PostgreSQL server (issue #24; `yichuang migrate-to-postgresql`).
 *
 * The file is read in one read transaction (one snapshot, whatever a
 * station still does); the server is written in one transaction, which
 * makes the schema when it is absent, copies every table with COPY in the
 * order of its references, moves each identity's sequence past the ids
 * given, and commits only after counting both sides: an error, a
 * difference or an interruption rolls all of it back, the schema too.
 *
 * The foreign keys are dropped for the copy and made again after it (in
 * the same transaction), which checks every row at once: at 100,000
 * cases that took the copy from 41 s to 27 s, row-by-row checks being
 * most of the server's work; where tables reference each other in a
 * circle (queue_tickets and appointments, cases and online_submissions)
 * no order would do without it. The tables are still copied in the
 * order of their references, as far as there is one.
 *
 * Ids are copied as they are (the identities are BY DEFAULT). The tables
 * that SQLite's triggers keep (case_names, station_categories, the search
 * tables item_names and item_texts) are copied as the file has them, so
 * the target's triggers that fire on INSERT are disabled for the copy
 * (ALTER TABLE .. DISABLE TRIGGER, inside the transaction: enabled again
 * before the commit, and by the rollback); the event log's triggers
 * forbid UPDATE, DELETE and TRUNCATE, never INSERT, and stay enabled. */
#include "config.h"

#include <errno.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include "db-pg.h"
#include "db.h"
#include "dialect.h"
#include "embedded.h"
#include "settings.h"
#include "store-internal.h"
#include "store-migrate-pg.h"
#include "store.h"

#define APPLICATION_ID 0x59434831   /* 'YCH1' */
#define MAX_TABLES 128
#define COPY_BUFFER 65536

struct table {
	char name[64];
	char columns[4096];     /* the target's, quoted, in order */
	char select[4400];      /* the same columns read from the file */
	char identity[64];      /* the identity column, "" when none */
	long long rows;         /* in the file */
	long long id_sum;       /* the sum of its identity's ids in the file */
	int placed;             /* in the order of references */
};

/* A foreign key: table references to; circle marks one that closes a
 * circle, which the order of the tables cannot follow. */
struct reference {
	char table[64], to[64];
	char name[128], definition[512];
	int circle;
};

struct migration {
	sqlite3 *lite;
	struct db_pg *db;
	PGconn *pg;
	struct table tables[MAX_TABLES];
	int order[MAX_TABLES];
	int n;
	struct reference *refs;
	int n_refs;
	volatile sig_atomic_t *stop;
	struct migrate_result *res;
	struct yc_err *err;
};

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

/* The server's side -------------------------------------------------------- */

/* sql's rows (NULL with err set when it fails). */
static PGresult *pg_query(struct migration *m, const char *sql)
{
	PGresult *r = PQexec(m->pg, sql);
	ExecStatusType st = PQresultStatus(r);

	if (st == PGRES_TUPLES_OK || st == PGRES_COMMAND_OK)
		return r;
	yc_err_set(m->err, YC_EIO, _("The database server refused the migration: %s"), PQresultErrorMessage(r));
	PQclear(r);
	return NULL;
}

static int pg_run(struct migration *m, const char *sql)
{
	PGresult *r = pg_query(m, sql);

	PQclear(r);
	return r ? 0 : -1;
}

/* One number the query gives (-1 on failure). */
static long long pg_number(struct migration *m, const char *sql)
{
	PGresult *r = pg_query(m, sql);
	long long v = -1;

	if (r && PQntuples(r) == 1 && !PQgetisnull(r, 0, 0))
		v = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	PQclear(r);
	return v;
}

/* The password on the first line of path, as database.password_file is
 * read (only its user may read it). */
static int read_password(const char *path, char *pw, size_t n, struct yc_err *err)
{
	FILE *f;

	if (settings_password_file_ok(path, "database.password_file", NULL, 0, err) < 0)
		return -1;
	f = fopen(path, "r");
	if (!f || !fgets(pw, (int)n, f)) {
		yc_err_set(err, YC_ECONFIG, _("Cannot read the password file %s named by '%s'."), path,
			   "database.password_file");
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	pw[strcspn(pw, "\r\n")] = '\0';
	return 0;
}

static int connect_target(struct migration *m, const char *conninfo, const char *password_file)
{
	char pw[256] = "", why[512];

	if (!settings_conninfo_readable(conninfo)) {
		yc_err_set(m->err, YC_EUSAGE,
			   _("The connection string given with --to is not one the PostgreSQL library can read (words such as host=... dbname=... user=..., or a postgresql:// address)."));
		return -1;
	}
	if (settings_conninfo_has_password(conninfo)) {
		yc_err_set(m->err, YC_EUSAGE,
			   _("The connection string given with --to contains the server's password. A password may not be written on the command line: put it in the file named by 'database.password_file' (readable by the program's user only) or in ~/.pgpass, and remove it from --to."));
		return -1;
	}
	if (password_file && *password_file && read_password(password_file, pw, sizeof pw, m->err) < 0)
		return -1;
	m->db = db_pg_connect(conninfo, pw[0] ? pw : NULL, why, sizeof why);
	sodium_memzero(pw, sizeof pw);
	if (!m->db) {
		yc_err_set(m->err, YC_EIO, _("Cannot connect to the database server (%s): %s"), conninfo, why);
		return -1;
	}
	m->pg = db_pg_conn(m->db);
	return 0;
}

/* The schema of data/pg/schema.sql, made when the target has none; its
 * version must be the file's. */
static int target_schema(struct migration *m, int version)
{
	long long have = pg_number(m, "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
				      " WHERE n.nspname = current_schema() AND c.relname = 'schema_meta'");

	if (have < 0)
		return -1;
	if (have == 0 && pg_run(m, yc_data_pg_schema_sql) < 0)
		return -1;
	/* the audit's triggers (data/pg/audit.sql), as init makes them: without
	 * them the server's saves would seal nothing */
	if (pg_number(m, "SELECT count(*) FROM pg_trigger WHERE tgname = 'cases_audit'") == 0 &&
	    pg_run(m, yc_data_pg_audit_sql) < 0)
		return -1;
	have = pg_number(m, "SELECT user_version FROM schema_meta");
	if (have < 0)
		return -1;
	/* the schema at 27, then the twins of the migrations since (all in
	 * the one transaction: a refusal below takes them back too) */
	for (; have >= 27 && have < version && dialect_pg_migration_sql((int)(have + 1 - 28)); have++)
		if (pg_run(m, dialect_pg_migration_sql((int)(have + 1 - 28))) < 0)
			return -1;
	if (have != version) {
		yc_err_set(m->err, YC_ETOONEW,
			   _("The server's database has the schema of version %lld, the file version %d: both must be the same. Give an empty database."),
			   have, version);
		return -1;
	}
	return 0;
}

/* The program's tables on the target (all but schema_meta), their
 * columns and identities, and which references which. */
static int target_tables(struct migration *m)
{
	PGresult *r = pg_query(m,
		"SELECT c.relname, string_agg(quote_ident(a.attname), ', ' ORDER BY a.attnum),"
		"       coalesce(max(CASE WHEN a.attidentity <> '' THEN a.attname END), '')"
		"  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		"  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped"
		" WHERE n.nspname = current_schema() AND c.relkind = 'r' AND c.relname <> 'schema_meta'"
		" GROUP BY c.relname ORDER BY c.relname");
	int i;

	if (!r)
		return -1;
	if (PQntuples(r) > MAX_TABLES) {
		yc_err_set(m->err, YC_EINTERNAL, "%s", _("Out of memory."));
		PQclear(r);
		return -1;
	}
	for (i = 0; i < PQntuples(r); i++) {
		struct table *t = &m->tables[i];

		yc_strlcpy(t->name, PQgetvalue(r, i, 0), sizeof t->name);
		yc_strlcpy(t->columns, PQgetvalue(r, i, 1), sizeof t->columns);
		yc_strlcpy(t->identity, PQgetvalue(r, i, 2), sizeof t->identity);
	}
	m->n = i;
	PQclear(r);
	r = pg_query(m, "SELECT c.relname, f.relname, k.conname, pg_get_constraintdef(k.oid) FROM pg_constraint k"
			" JOIN pg_class c ON c.oid = k.conrelid JOIN pg_class f ON f.oid = k.confrelid"
			" JOIN pg_namespace n ON n.oid = c.relnamespace"
			" WHERE k.contype = 'f' AND n.nspname = current_schema()");
	if (!r)
		return -1;
	m->refs = calloc((size_t)PQntuples(r) + 1, sizeof *m->refs);
	if (!m->refs) {
		PQclear(r);
		yc_err_set(m->err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	for (i = 0; i < PQntuples(r); i++) {
		yc_strlcpy(m->refs[i].table, PQgetvalue(r, i, 0), sizeof m->refs[i].table);
		yc_strlcpy(m->refs[i].to, PQgetvalue(r, i, 1), sizeof m->refs[i].to);
		yc_strlcpy(m->refs[i].name, PQgetvalue(r, i, 2), sizeof m->refs[i].name);
		yc_strlcpy(m->refs[i].definition, PQgetvalue(r, i, 3), sizeof m->refs[i].definition);
	}
	m->n_refs = i;
	PQclear(r);
	return 0;
}

static struct table *table_named(struct migration *m, const char *name)
{
	int i;

	for (i = 0; i < m->n; i++)
		if (!strcmp(m->tables[i].name, name))
			return &m->tables[i];
	return NULL;
}

/* How many tables t references that are not placed yet (a reference
 * that closes a circle does not count); with circle, those references
 * are marked as closing one. */
static int references_unplaced(struct migration *m, const struct table *t, int circle)
{
	int i, n = 0;

	for (i = 0; i < m->n_refs; i++) {
		struct reference *r = &m->refs[i];
		const struct table *to;

		if (r->circle || strcmp(r->table, t->name) != 0)
			continue;
		to = table_named(m, r->to);
		if (to && to != t && !to->placed) {
			n++;
			r->circle = circle;
		}
	}
	return n;
}

/* The tables in an order where each comes after those it references;
 * where they reference each other in a circle, the table with the fewest
 * references left comes first. */
static void order_by_references(struct migration *m)
{
	int placed = 0, i;

	while (placed < m->n) {
		int best = -1, fewest = 0, progress = 0;

		for (i = 0; i < m->n; i++) {
			struct table *t = &m->tables[i];
			int left;

			if (t->placed)
				continue;
			if ((left = references_unplaced(m, t, 0)) == 0) {
				t->placed = 1;
				m->order[placed++] = i;
				progress = 1;
			} else if (best < 0 || left < fewest) {
				best = i;
				fewest = left;
			}
		}
		if (!progress && best >= 0) {
			references_unplaced(m, &m->tables[best], 1);
			m->tables[best].placed = 1;
			m->order[placed++] = best;
		}
	}
}

/* The foreign keys dropped (drop 1) or made again as they were (0). */
static int foreign_keys(struct migration *m, int drop)
{
	int i;

	for (i = 0; i < m->n_refs; i++) {
		const struct reference *r = &m->refs[i];
		char sql[800];

		if (drop)
			snprintf(sql, sizeof sql, "ALTER TABLE %s DROP CONSTRAINT %s", r->table, r->name);
		else
			snprintf(sql, sizeof sql, "ALTER TABLE %s ADD CONSTRAINT %s %s", r->table, r->name, r->definition);
		if (pg_run(m, sql) < 0)
			return -1;
	}
	return 0;
}

/* Refused when any of the program's tables has rows: says which. */
static int target_empty(struct migration *m)
{
	char names[400] = "";
	int i, full = 0;

	for (i = 0; i < m->n; i++) {
		char sql[160];
		long long any;

		snprintf(sql, sizeof sql, "SELECT count(*) FROM (SELECT 1 FROM %s LIMIT 1) AS one", m->tables[i].name);
		if ((any = pg_number(m, sql)) < 0)
			return -1;
		if (!any)
			continue;
		if (full++ < 6)
			snprintf(names + strlen(names), sizeof names - strlen(names), "%s%s", full > 1 ? ", " : "",
				 m->tables[i].name);
	}
	if (!full)
		return 0;
	yc_err_set(m->err, YC_EEXISTS,
		   _("The server's database is not empty: %d of the program's tables have rows (%s%s). The migration moves a hall into an empty database only: give another database, or empty this one."),
		   full, names, full > 6 ? ", ..." : "");
	return -1;
}

/* The file's side ---------------------------------------------------------- */

static int lite_exec(struct migration *m, const char *sql)
{
	db_stmt *s = NULL;
	int rc = db_lite_prepare(m->lite, sql, &s);

	if (rc == DB_OK)
		rc = db_step(s);
	db_finalize(s);
	return rc == DB_DONE || rc == DB_ROW ? 0 : -1;
}

/* The file's version and application id, read-only, in a read
 * transaction held to the end (one snapshot). */
static int open_source(struct migration *m, const char *path, int *version)
{
	db_stmt *s = NULL;
	int rc, app = 0;

	*version = -1;
	rc = sqlite3_open_v2(path, &m->lite, SQLITE_OPEN_READONLY, NULL);
	if (rc == DB_OK)
		rc = db_lite_prepare(m->lite, "SELECT (SELECT user_version FROM pragma_user_version),"
					      " (SELECT application_id FROM pragma_application_id)", &s);
	if (rc == DB_OK && db_step(s) == DB_ROW) {
		*version = db_col_int(s, 0);
		app = db_col_int(s, 1);
	}
	db_finalize(s);
	if (app != APPLICATION_ID) {
		yc_err_set(m->err, YC_ENODB, _("%s is not a yichuang database (or cannot be read)."), path);
		return -1;
	}
	if (*version > store_schema_version()) {
		yc_err_set(m->err, YC_ETOONEW,
			   _("%s was made by a newer yichuang (schema %d, this program's %d): migrate it with that version."),
			   path, *version, store_schema_version());
		return -1;
	}
	if (*version < store_schema_version()) {
		yc_err_set(m->err, YC_EINVAL,
			   _("%s has the schema of an older yichuang (%d, this program's %d): upgrade it first by opening it once with this program (yichuang --db %s check), then migrate."),
			   path, *version, store_schema_version(), path);
		return -1;
	}
	if (lite_exec(m, "BEGIN") < 0 || lite_exec(m, "SELECT count(*) FROM sqlite_master") < 0) {
		yc_err_set(m->err, YC_EIO, _("Cannot read %s: %s"), path, sqlite3_errmsg(m->lite));
		return -1;
	}
	return 0;
}

/* whether the file's table has the column */
static int lite_has_column(struct migration *m, const char *table, const char *column)
{
	db_stmt *s = NULL;
	int has = 0;

	if (db_lite_prepare(m->lite, "SELECT 1 FROM pragma_table_info(?1) WHERE name = ?2", &s) == DB_OK) {
		db_bind_text(s, 1, table);
		db_bind_text(s, 2, column);
		has = db_step(s) == DB_ROW;
	}
	db_finalize(s);
	return has;
}

/* Each target table's columns as the file's SELECT: a column SQLite
 * keeps as the rowid (slip_materials' and the search tables' id) is read
 * as rowid; the rows in their order of insertion where there is one. */
static int source_selects(struct migration *m, const char *path)
{
	int i;

	for (i = 0; i < m->n; i++) {
		struct table *t = &m->tables[i];
		char cols[sizeof t->columns], *save = NULL, *c;
		size_t len = 0;
		db_stmt *s = NULL;

		yc_strlcpy(cols, t->columns, sizeof cols);
		len = (size_t)snprintf(t->select, sizeof t->select, "SELECT ");
		for (c = strtok_r(cols, ", ", &save); c; c = strtok_r(NULL, ", ", &save)) {
			const char *as = c;
			char bare[64];

			/* a name quote_ident quoted (a word of SQL's): the same
			 * quotes serve SQLite, the bare name its catalogue */
			yc_strlcpy(bare, c + (*c == '"'), sizeof bare);
			bare[strcspn(bare, "\"")] = '\0';
			if (!lite_has_column(m, t->name, bare)) {
				if (strcmp(bare, "id") != 0) {
					yc_err_set(m->err, YC_EINVAL,
						   _("%s has no column %s.%s, which the server's schema has: the two schemas differ."),
						   path, t->name, bare);
					return -1;
				}
				as = "rowid";
			}
			len += (size_t)snprintf(t->select + len, sizeof t->select - len, "%s%s", len > 7 ? ", " : "", as);
		}
		yc_join(t->select, sizeof t->select, " FROM ", t->name);
		yc_join(t->select, sizeof t->select, "", " ORDER BY rowid");
		/* a table WITHOUT ROWID: in its key's order */
		if (db_lite_prepare(m->lite, t->select, &s) != DB_OK)
			t->select[strlen(t->select) - strlen(" ORDER BY rowid")] = '\0';
		db_finalize(s);
	}
	return 0;
}

/* The file's rows per table (the progress's totals, the final counts). */
static int count_source(struct migration *m, const char *path)
{
	int i;

	for (i = 0; i < m->n; i++) {
		const struct table *t = &m->tables[i];
		const char *id = !t->identity[0] ? "0" : lite_has_column(m, t->name, t->identity) ? t->identity : "rowid";
		char sql[256];
		db_stmt *s = NULL;
		int rc;

		snprintf(sql, sizeof sql, "SELECT count(*), coalesce(sum(%s), 0) FROM %s", id, t->name);
		rc = db_lite_prepare(m->lite, sql, &s);
		if (rc == DB_OK && (rc = db_step(s)) == DB_ROW) {
			m->tables[i].rows = db_col_int64(s, 0);
			m->tables[i].id_sum = db_col_int64(s, 1);
		}
		db_finalize(s);
		if (rc != DB_ROW) {
			yc_err_set(m->err, YC_EINVAL,
				   _("%s has no table %s, which the server's schema has: the two schemas differ."), path,
				   m->tables[i].name);
			return -1;
		}
	}
	return 0;
}

/* A table of the file's the target lacks would be lost: refused. SQLite's
 * own tables and the FTS5 tables' shadows are not the hall's. */
static int source_has_no_other_tables(struct migration *m, const char *path)
{
	db_stmt *s = NULL;
	int rc = db_lite_prepare(m->lite,
				 "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite\\_%' ESCAPE '\\'"
				 " AND name NOT LIKE 'item\\_names\\_%' ESCAPE '\\' AND name NOT LIKE 'item\\_texts\\_%' ESCAPE '\\'",
				 &s);

	if (rc == DB_OK)
		rc = DB_ROW;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		const char *name = db_col_text(s, 0);

		if (!table_named(m, name)) {
			yc_err_set(m->err, YC_EINVAL,
				   _("%s has a table %s that the server's schema has not: the two schemas differ."), path,
				   name);
			db_finalize(s);
			return -1;
		}
	}
	db_finalize(s);
	return rc == DB_DONE ? 0 : -1;
}

/* The copy ----------------------------------------------------------------- */

struct copy_buffer {
	char *b;
	size_t len, size;
};

static int buffer_room(struct copy_buffer *out, size_t more)
{
	char *b;
	size_t size = out->size ? out->size : COPY_BUFFER;

	if (out->len + more <= out->size)
		return 0;
	while (size < out->len + more)
		size *= 2;
	if (!(b = realloc(out->b, size)))
		return -1;
	out->b = b;
	out->size = size;
	return 0;
}

/* A text in COPY's text format: backslash, tab, newline and return
 * escaped. */
static int put_text(struct copy_buffer *out, const char *v, size_t n)
{
	size_t i;

	if (buffer_room(out, 2 * n) < 0)
		return -1;
	for (i = 0; i < n; i++) {
		char c = v[i];

		if (c == '\\' || c == '\t' || c == '\n' || c == '\r') {
			out->b[out->len++] = '\\';
			c = c == '\t' ? 't' : c == '\n' ? 'n' : c == '\r' ? 'r' : '\\';
		}
		out->b[out->len++] = c;
	}
	return 0;
}

/* bytes as bytea's hex form, its backslash escaped for COPY: \\x0a1b.. */
static int put_hex(struct copy_buffer *out, const unsigned char *v, size_t n)
{
	static const char digits[] = "0123456789abcdef";
	size_t i;

	if (buffer_room(out, 3 + 2 * n) < 0)
		return -1;
	memcpy(out->b + out->len, "\\\\x", 3);
	out->len += 3;
	for (i = 0; i < n; i++) {
		out->b[out->len++] = digits[v[i] >> 4];
		out->b[out->len++] = digits[v[i] & 15];
	}
	return 0;
}

/* One row of the file as a line of COPY. */
static int put_row(struct copy_buffer *out, db_stmt *s)
{
	int i, n = db_col_count(s);

	for (i = 0; i < n; i++) {
		char num[40];
		int len;

		if (buffer_room(out, 48) < 0)
			return -1;
		if (i)
			out->b[out->len++] = '\t';
		switch (db_col_type(s, i)) {
		case DB_NULL:
			memcpy(out->b + out->len, "\\N", 2);
			out->len += 2;
			break;
		case DB_INTEGER:
			len = snprintf(num, sizeof num, "%lld", (long long)db_col_int64(s, i));
			memcpy(out->b + out->len, num, (size_t)len);
			out->len += (size_t)len;
			break;
		case DB_FLOAT:
			len = snprintf(num, sizeof num, "%.17g", db_col_double(s, i));
			memcpy(out->b + out->len, num, (size_t)len);
			out->len += (size_t)len;
			break;
		case DB_BLOB:
			if (put_hex(out, db_col_blob(s, i), (size_t)db_col_bytes(s, i)) < 0)
				return -1;
			break;
		default: {
			const char *v = db_col_text(s, i);

			if (put_text(out, v, (size_t)db_col_bytes(s, i)) < 0)
				return -1;
		}
		}
	}
	if (buffer_room(out, 1) < 0)
		return -1;
	out->b[out->len++] = '\n';
	return 0;
}

static int send_buffer(struct migration *m, struct copy_buffer *out)
{
	if (out->len && PQputCopyData(m->pg, out->b, (int)out->len) != 1)
		return -1;
	out->len = 0;
	return 0;
}

/* The end of a COPY: its result (why is NULL for the end, a reason to
 * abort it). */
static int end_copy(struct migration *m, const char *why)
{
	PGresult *r;
	int ok = PQputCopyEnd(m->pg, why) == 1;

	while ((r = PQgetResult(m->pg))) {
		if (PQresultStatus(r) != PGRES_COMMAND_OK) {
			if (ok && !why)
				yc_err_set(m->err, YC_EIO, _("The database server refused the migration: %s"),
					   PQresultErrorMessage(r));
			ok = 0;
		}
		PQclear(r);
	}
	return ok ? 0 : -1;
}

static void tell(struct migration *m, migrate_progress_fn progress, void *ctx, const struct table *t,
		 long long done, double start, int finished)
{
	struct migrate_progress p = { t->name, done, t->rows, now_s() - start, finished };

	if (progress)
		progress(ctx, &p);
}

/* One table's rows, through COPY FROM STDIN in text format. */
static int copy_table(struct migration *m, struct table *t, migrate_progress_fn progress, void *ctx)
{
	struct copy_buffer out = { NULL, 0, 0 };
	char sql[sizeof t->columns + 128];
	double start = now_s(), told = start;
	long long done = 0;
	db_stmt *s = NULL;
	PGresult *r;
	int rc;

	tell(m, progress, ctx, t, 0, start, 0);
	snprintf(sql, sizeof sql, "COPY %s (%s) FROM STDIN", t->name, t->columns);
	r = PQexec(m->pg, sql);
	if (PQresultStatus(r) != PGRES_COPY_IN) {
		yc_err_set(m->err, YC_EIO, _("The database server refused the migration: %s"), PQresultErrorMessage(r));
		PQclear(r);
		return -1;
	}
	PQclear(r);
	if ((rc = db_lite_prepare(m->lite, t->select, &s)) == DB_OK)
		rc = DB_ROW;
	while (rc == DB_ROW && (rc = db_step(s)) == DB_ROW) {
		if (*m->stop) {
			rc = DB_MISUSE;
			break;
		}
		if (put_row(&out, s) < 0 || (out.len >= COPY_BUFFER && send_buffer(m, &out) < 0)) {
			rc = DB_NOMEM;
			break;
		}
		if (++done % 1024 == 0 && now_s() - told >= 0.2) {
			told = now_s();
			tell(m, progress, ctx, t, done, start, 0);
		}
	}
	db_finalize(s);
	if (rc == DB_DONE && send_buffer(m, &out) == 0 && end_copy(m, NULL) == 0) {
		free(out.b);
		m->res->rows += done;
		tell(m, progress, ctx, t, done, start, 1);
		return 0;
	}
	free(out.b);
	end_copy(m, "the migration stopped");
	if (*m->stop)
		yc_err_set(m->err, YC_EINVAL, "%s", _("The migration was interrupted: nothing was written to the server."));
	else if (rc != DB_DONE && rc != DB_OK)
		yc_err_set(m->err, YC_EIO, _("Cannot read %s from the file: %s"), t->name, sqlite3_errmsg(m->lite));
	else if (!m->err->msg[0])
		yc_err_set(m->err, YC_EIO, _("The database server refused the migration: %s"), PQerrorMessage(m->pg));
	return -1;
}

/* The target's triggers that fire on INSERT, off (how 1) or on again (0). */
static int insert_triggers(struct migration *m, int off)
{
	PGresult *r = pg_query(m,
		"SELECT c.relname, t.tgname FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid"
		" JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE n.nspname = current_schema() AND NOT t.tgisinternal AND (t.tgtype & 4) <> 0");
	int i, rc = 0;

	if (!r)
		return -1;
	for (i = 0; i < PQntuples(r) && rc == 0; i++) {
		char sql[256];

		snprintf(sql, sizeof sql, "ALTER TABLE %s %s TRIGGER %s", PQgetvalue(r, i, 0), off ? "DISABLE" : "ENABLE",
			 PQgetvalue(r, i, 1));
		rc = pg_run(m, sql);
	}
	PQclear(r);
	return rc;
}

/* Each identity's sequence moved past the largest id copied. */
static int move_sequences(struct migration *m)
{
	int i;

	for (i = 0; i < m->n; i++) {
		const struct table *t = &m->tables[i];
		char sql[400];

		if (!t->identity[0])
			continue;
		snprintf(sql, sizeof sql,
			 "SELECT setval(pg_get_serial_sequence('%s', '%s'), coalesce(max(%s), 0) + 1, false) FROM %s",
			 t->name, t->identity, t->identity, t->name);
		if (pg_run(m, sql) < 0)
			return -1;
	}
	return 0;
}

/* Verification ------------------------------------------------------------- */

static void last_event_of_file(struct migration *m)
{
	db_stmt *s = NULL;

	if (db_lite_prepare(m->lite, "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1", &s) == DB_OK &&
	    db_step(s) == DB_ROW) {
		m->res->last_event_from = db_col_int64(s, 0);
		yc_strlcpy(m->res->last_hash_from, db_col_text(s, 1) ? db_col_text(s, 1) : "",
			   sizeof m->res->last_hash_from);
	}
	db_finalize(s);
}

static void last_event_of_server(struct migration *m)
{
	PGresult *r = pg_query(m, "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1");

	if (r && PQntuples(r) == 1) {
		m->res->last_event_to = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
		yc_strlcpy(m->res->last_hash_to, PQgetvalue(r, 0, 1), sizeof m->res->last_hash_to);
	}
	PQclear(r);
}

/* Every table's rows counted on the server, beside the file's; the event
 * chain's last link on both. 0 when all are equal. */
static int verify(struct migration *m)
{
	struct migrate_result *res = m->res;
	int i, differ = 0;

	for (i = 0; i < m->n; i++) {
		const struct table *t = &m->tables[m->order[i]];
		struct migrate_count *c = &res->counts[res->n_counts++];
		char sql[256];
		PGresult *r;

		yc_strlcpy(c->table, t->name, sizeof c->table);
		c->from = t->rows;
		c->ids_from = t->id_sum;
		c->to = c->ids_to = -1;
		snprintf(sql, sizeof sql, "SELECT count(*), coalesce(sum(%s), 0) FROM %s", t->identity[0] ? t->identity : "0",
			 t->name);
		if ((r = pg_query(m, sql)) && PQntuples(r) == 1) {
			c->to = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
			c->ids_to = strtoll(PQgetvalue(r, 0, 1), NULL, 10);
		}
		PQclear(r);
		differ += c->to != c->from || c->ids_to != c->ids_from;
	}
	last_event_of_file(m);
	last_event_of_server(m);
	if (differ)
		yc_err_set(m->err, YC_ECORRUPT,
			   _("After the copy %d tables differ on the server (their rows or their ids): nothing was kept there."),
			   differ);
	else if (res->last_event_from != res->last_event_to || strcmp(res->last_hash_from, res->last_hash_to) != 0)
		yc_err_set(m->err, YC_ECORRUPT, "%s",
			   _("After the copy the event log's last link differs on the server: nothing was kept there."));
	else
		return 0;
	return -1;
}

/* `check`'s audit ------------------------------------------------------------
 * The file's in its read transaction, the server's on what the copy wrote,
 * inside the transaction not committed yet: the same code as `yichuang
 * check` (store-audit.c), through a store around each connection. */

static void note_said(void *ctx, int ok, const char *line)
{
	struct migrate_audit *a = ctx;

	if (!ok && a->n_said < (int)(sizeof a->said / sizeof a->said[0]))
		yc_strlcpy(a->said[a->n_said++], line, sizeof a->said[0]);
}

static int audit_side(sqlite3 *lite, struct db_pg *pg, const char *path, struct migrate_audit *a)
{
	struct yc_store *st = store_around(lite, pg, path);
	struct store_audit_summary sum;
	int rc, t;

	if (!st)
		return -1;
	rc = store_audit_check_summary(st, note_said, a, &sum);
	store_let_go(st);
	if (rc != SQLITE_OK)
		return -1;
	a->ran = 1;
	a->problems = sum.problems;
	a->events = sum.events;
	a->last_id = (long long)sum.last_id;
	yc_strlcpy(a->last_hash, sum.last_hash, sizeof a->last_hash);
	for (t = 0; t < STORE_SEALED_TABLES && t < (int)(sizeof a->tables / sizeof a->tables[0]); t++) {
		yc_strlcpy(a->tables[t].table, sum.table[t], sizeof a->tables[t].table);
		a->tables[t].records = sum.records[t];
	}
	a->n_tables = t;
	return 0;
}

static int audits_differ(const struct migrate_audit *a, const struct migrate_audit *b)
{
	int t;

	if (a->events != b->events || a->last_id != b->last_id || strcmp(a->last_hash, b->last_hash) != 0 ||
	    a->n_tables != b->n_tables)
		return 1;
	for (t = 0; t < a->n_tables; t++)
		if (a->tables[t].records != b->tables[t].records)
			return 1;
	return 0;
}

/* Both sides checked: 0 when neither has a problem and both say the same. */
static int audit_both(struct migration *m, const char *from, const char *conninfo)
{
	struct migrate_result *res = m->res;

	if (audit_side(m->lite, NULL, from, &res->audit_from) < 0) {
		yc_err_set(m->err, YC_EIO, _("check could not read %s: %s. Nothing was kept on the server."), from,
			   sqlite3_errmsg(m->lite));
		return -1;
	}
	if (audit_side(NULL, m->db, conninfo, &res->audit_to) < 0) {
		yc_err_set(m->err, YC_EIO, _("check could not read the copy on the server: %s. Nothing was kept there."),
			   db_pg_errmsg(m->db));
		return -1;
	}
	if (res->audit_from.problems)
		yc_err_set(m->err, YC_ECORRUPT,
			   _("check finds %d problems in %s (above): a history that does not pass check is not moved. Nothing was kept on the server; run yichuang check on the file and settle them first."),
			   res->audit_from.problems, from);
	else if (res->audit_to.problems)
		yc_err_set(m->err, YC_ECORRUPT,
			   _("check finds %d problems in the copy on the server (above): nothing was kept there."),
			   res->audit_to.problems);
	else if (audits_differ(&res->audit_from, &res->audit_to))
		yc_err_set(m->err, YC_ECORRUPT, "%s",
			   _("check says other things of the copy on the server than of the file (above): nothing was kept there."));
	else
		return 0;
	return -1;
}

/* All of it, inside the server's transaction. */
static int migrate(struct migration *m, const char *from, const char *conninfo, int version,
		   migrate_progress_fn progress, void *ctx)
{
	double start;
	int i;

	if (target_schema(m, version) < 0 || target_tables(m) < 0 || target_empty(m) < 0 ||
	    source_has_no_other_tables(m, from) < 0 || count_source(m, from) < 0 || source_selects(m, from) < 0)
		return -1;
	order_by_references(m);
	if (insert_triggers(m, 1) < 0 || foreign_keys(m, 1) < 0)
		return -1;
	start = now_s();
	for (i = 0; i < m->n; i++)
		if (copy_table(m, &m->tables[m->order[i]], progress, ctx) < 0)
			return -1;
	m->res->seconds = now_s() - start;
	if (insert_triggers(m, 0) < 0 || foreign_keys(m, 0) < 0 || move_sequences(m) < 0 || verify(m) < 0)
		return -1;
	return audit_both(m, from, conninfo);
}

/* The planner's statistics and the visibility map of the rows just
 * committed: autovacuum would make them within the hour, and the plans
 * before are made blind (bench/README: 2,000,000 cases, 17.5 s). Of the
 * tables copied only: the hall's schema may share its database with
 * others. Outside the transaction, as VACUUM must be; the migration
 * stands either way. */
static char *vacuum_sql(struct migration *m)
{
	size_t cap = 32 + (size_t)m->n * 140, len;
	char *sql = malloc(cap);
	int i;

	if (!sql)
		return NULL;
	len = (size_t)snprintf(sql, cap, "VACUUM (ANALYZE)");
	for (i = 0; i < m->n && len < cap; i++) {
		char *name = PQescapeIdentifier(m->pg, m->tables[i].name, strlen(m->tables[i].name));

		if (!name) {
			free(sql);
			return NULL;
		}
		len += (size_t)snprintf(sql + len, cap - len, "%s %s", i ? "," : "", name);
		PQfreemem(name);
	}
	return sql;
}

static void gather_statistics(struct migration *m, migrate_progress_fn progress, void *ctx)
{
	struct migrate_progress p = { NULL, 0, 0, 0, 0 };
	double start = now_s();
	char *sql = vacuum_sql(m);
	PGresult *r;

	if (!sql) {
		m->res->analyse_seconds = -1;
		yc_strlcpy(m->res->analyse_error, strerror(ENOMEM), sizeof m->res->analyse_error);
		return;
	}
	if (progress)
		progress(ctx, &p);
	r = PQexec(m->pg, sql);
	free(sql);
	if (PQresultStatus(r) == PGRES_COMMAND_OK) {
		m->res->analyse_seconds = now_s() - start;
	} else {
		char *e = m->res->analyse_error;

		yc_strlcpy(e, PQresultErrorMessage(r), sizeof m->res->analyse_error);
		e[strcspn(e, "\n")] = '\0';
		m->res->analyse_seconds = -1;
	}
	PQclear(r);
}

int store_migrate_to_pg(const char *from, const char *conninfo, const char *password_file,
			migrate_progress_fn progress, void *ctx, volatile sig_atomic_t *stop,
			struct migrate_result *res, struct yc_err *err)
{
	struct migration m = { .stop = stop, .res = res, .err = err };
	int version, rc = -1;

	memset(res, 0, sizeof *res);
	if (open_source(&m, from, &version) == 0 && connect_target(&m, conninfo, password_file) == 0 &&
	    pg_run(&m, "BEGIN") == 0) {
		rc = migrate(&m, from, conninfo, version, progress, ctx);
		if (rc == 0 && *stop) {
			yc_err_set(err, YC_EINVAL, "%s", _("The migration was interrupted: nothing was written to the server."));
			rc = -1;
		}
		if (rc == 0 && pg_run(&m, "COMMIT") < 0)
			rc = -1;
		if (rc < 0 && PQstatus(m.pg) == CONNECTION_OK)
			PQclear(PQexec(m.pg, "ROLLBACK"));
		if (rc == 0)
			gather_statistics(&m, progress, ctx);
	}
	free(m.refs);
	db_pg_close(m.db);
	sqlite3_close(m.lite);
	return rc;
}
