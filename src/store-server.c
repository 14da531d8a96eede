/* store-server.c - the store on a PostgreSQL server (database.backend =
 * "postgresql", issue #24): its connection and its transactions.
 *
 * Writers take turns as on SQLite's one lock: each write transaction
 * first takes one transaction-scoped advisory lock, the store's, so that
 * a case or ticket number read, incremented and written by one station is
 * never read by another meanwhile (the numbers stay gap-free per day and
 * site, as the rules want), whatever isolation the server gives. Reads
 * take a snapshot (REPEATABLE READ READ ONLY) and wait for nobody. A lost
 * connection is told as the share's loss is: nothing saved, what was
 * typed kept, and the next use connects again. */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "db-pg.h"
#include "dialect.h"
#include "retry.h"
#include "settings.h"
#include "store-internal.h"
#include "store.h"

/* The store's advisory lock: "yichuang" as eight bytes. Advisory locks
 * belong to one database, so two halls' databases on one server never
 * wait for each other. */
#define STORE_WRITERS_KEY "8748352722035437159"

/* data/pg/schema.sql's version (its mark is SQLite's application_id) */
#define PG_SCHEMA_BASE 27

/* The password on the first line of path (checked as the configuration
 * is: only its user may read it), into pw. */
static int read_password(const char *path, char *pw, size_t n, struct yc_err *err)
{
	FILE *f;
	size_t len;

	if (settings_password_file_ok(path, "database.password_file", NULL, 0, err) < 0)
		return -1;
	f = fopen(path, "r");
	if (!f || !fgets(pw, (int)n, f)) {
		yc_err_set(err, YC_ECONFIG, _("%sCannot read the password file %s named by '%s': %s."), "", path,
			   "database.password_file", f ? _("it is empty") : strerror(errno));
		if (f)
			fclose(f);
		return -1;
	}
	fclose(f);
	len = strcspn(pw, "\r\n");
	pw[len] = '\0';
	return 0;
}

int store_server_password(const char *path, char *pw, size_t n, struct yc_err *err)
{
	return read_password(path, pw, n, err);
}

/* A connection to the server, its waits bounded by the busy timeout as
 * SQLite's are. */
static int server_connect(struct yc_store *st, struct yc_err *err)
{
	char pw[256] = "", why[512], sql[64];
	struct db_pg *db;

	if (st->password_file[0] && read_password(st->password_file, pw, sizeof pw, err) < 0)
		return -1;
	db = db_pg_connect(st->path, st->password_file[0] ? pw : NULL, why, sizeof why);
	sodium_memzero(pw, sizeof pw);
	if (!db) {
		yc_err_set(err, YC_EIO, _("Cannot connect to the database server (%s): %s"), st->path, why);
		return -1;
	}
	snprintf(sql, sizeof sql, "SET lock_timeout = %d", st->busy_timeout_ms);
	if (db_pg_exec(db, sql) != DB_OK) {
		yc_err_set(err, YC_EIO, _("Cannot connect to the database server (%s): %s"), st->path, db_pg_errmsg(db));
		db_pg_close(db);
		return -1;
	}
	st->pg = db;
	return 0;
}

/* After the connection was lost: a new one, its statements prepared anew.
 * A server still out of reach is said as the lost connection was (the
 * clerk's words: nothing saved, what was typed kept), libpq's own words
 * kept for the log; a password file that cannot be read is said as such. */
static int server_reconnect(struct yc_store *st, struct yc_err *err)
{
	struct db_pg *old = st->pg;

	store_forget_statements(st);
	st->pg = NULL;
	if (server_connect(st, err) < 0) {
		st->pg = old;   /* still broken: the next use tries again */
		if (err && err->code == YC_EIO) {
			yc_strlcpy(err->detail, err->msg, sizeof err->detail);
			store_server_error(st, DB_IOERR, err);
		}
		return -1;
	}
	db_pg_close(old);
	st->audit.pg = NULL;   /* the new session has no notes yet (its address may be the old one's) */
	st->broken = 0;
	st->others_changed = 1;   /* whatever happened meanwhile is news */
	return 0;
}

int store_server_connect(struct yc_store **out, const char *conninfo, const char *password_file,
			 const struct store_opts *o, struct yc_err *err)
{
	struct yc_store *st;

	*out = NULL;
	st = calloc(1, sizeof *st);
	if (!st) {
		yc_err_set(err, YC_EINTERNAL, _("Out of memory."));
		return -1;
	}
	/* the server's name where messages name the database file */
	yc_strlcpy(st->path, conninfo, sizeof st->path);
	yc_strlcpy(st->password_file, password_file ? password_file : "", sizeof st->password_file);
	yc_strlcpy(st->station, o && o->station ? o->station : "", sizeof st->station);
	st->busy_timeout_ms = o && o->busy_timeout_ms > 0 ? o->busy_timeout_ms : 10000;
	st->stale_lock_seconds = o && o->stale_lock_seconds > 0 ? o->stale_lock_seconds : 60;
	if (server_connect(st, err) < 0) {
		free(st);
		return -1;
	}
	*out = st;
	return 0;
}

/* What the others changed ------------------------------------------------------
 * Every write transaction adds one to schema_meta.changes (one row, under
 * the writers' lock already held: no wait; sent with its BEGIN, so no
 * round trip of its own); a poll reads it, one round trip outside any
 * transaction. A station knows the number its own last
 * write gave, so its own commits are no news (as SQLite's header counter). */

static const char SQL_PG_CHANGES[] = "SELECT changes FROM schema_meta";

/* After this station's commit that made the count n. */
static void note_own_commit(struct yc_store *st, int64_t n)
{
	if (st->have_counter && (uint32_t)n != st->counter + 1u)
		st->others_changed = 1;
	st->counter = (uint32_t)n;
	st->have_counter = 1;
}

/* A read inside the open read-only transaction of store_reads_together. */
static int read_in_together(struct yc_store *st, store_body body, void *ctx, struct yc_err *err)
{
	int rc = body(st, ctx, err);

	store_reset_all(st);
	if (rc == DB_OK)
		return 0;
	if (rc > 0) {
		if ((rc & 0xFF) == DB_IOERR || db_pg_lost(st->pg))
			st->broken = 1;
		store_set_error(st, rc, err);
	}
	store_together_end(st);
	return -1;
}

/* A wait for the writers' lock, shown (the status line's "database busy")
 * once it lasts as long as a wait for SQLite's lock is before it is. */
#define BUSY_SHOWN_MS 300
#define BUSY_TICK_MS 250

struct lock_wait {
	struct yc_store *st;
	int waited_ms;
};

static void lock_wait_tick(void *ctx, int waited_ms)
{
	struct lock_wait *w = ctx;

	w->waited_ms = waited_ms;
	if (w->st->busy_hook && waited_ms >= BUSY_SHOWN_MS)
		w->st->busy_hook(w->st->busy_ctx, waited_ms);
}

/* A write takes the writers' lock and counts itself in schema_meta.changes
 * in the same round trip as its BEGIN: count is the number it made. The
 * lock is waited for in the server's queue (first come, first served),
 * and the wait shown while it lasts. */
static int begin(struct yc_store *st, int write, int64_t *count)
{
	struct lock_wait w = { st, 0 };
	int rc;

	if (!write)
		return store_exec(st, "BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY");
	rc = db_pg_exec_int_ticking(st->pg, "BEGIN; SELECT pg_advisory_xact_lock(" STORE_WRITERS_KEY ");"
				    " UPDATE schema_meta SET changes = changes + 1 RETURNING changes",
				    count, BUSY_TICK_MS, lock_wait_tick, &w);
	if (st->busy_hook && w.waited_ms >= BUSY_SHOWN_MS)
		st->busy_hook(st->busy_ctx, -1);   /* the wait is over */
	return rc;
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000.0 + t.tv_nsec / 1e6;
}

/* A write refused because the audit's notes could not be made: the
 * server gone, or its words (a role without the right to make temporary
 * tables: the administrator's to grant). */
static int notes_refused(struct yc_store *st, int rc, struct yc_err *err)
{
	if ((rc & 0xFF) == DB_IOERR || db_pg_lost(st->pg)) {
		st->broken = 1;
		store_set_error(st, DB_IOERR, err);
		return -1;
	}
	if (store_audience() == STORE_FOR_CLERK)
		yc_err_set(err, YC_EIO,
			   _("The server did not let this station note its changes for the audit (%s): the administrator must give its database role the right to make temporary tables (GRANT TEMPORARY). Nothing was saved and what you typed is kept."),
			   db_pg_errmsg(st->pg));
	else
		yc_err_set(err, YC_EIO,
			   _("The server did not let this program note its changes for the audit (%s): give its database role the right to make temporary tables (GRANT TEMPORARY). Nothing was saved."),
			   db_pg_errmsg(st->pg));
	return -1;
}

int store_server_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err)
{
	double start = now_ms();
	struct yc_retry r;
	int rc, delay;

	if (st->together_open) {
		if (!write)
			return read_in_together(st, body, ctx, err);
		store_together_end(st);
	}
	if (st->broken && server_reconnect(st, err) < 0)
		return -1;
	/* the audit's notes of this session (store-audit-pg.c): made before
	 * its first write, outside a transaction; a station that only reads
	 * (the guidance desk, a supervisor) never makes them, which is most
	 * of what opening a station cost (bench/README). Without them the
	 * write's sealed records would go unnoted and look tampered with in
	 * check: the write is refused. */
	if (write && (rc = store_audit_pg_attach(st)) != DB_OK)
		return notes_refused(st, rc, err);
	retry_start(&r, st->busy_timeout_ms, (unsigned)getpid() ^ (unsigned)time(NULL));
	for (;;) {
		int64_t count = 0;

		rc = begin(st, write, &count);
		if (rc == DB_OK) {
			rc = body(st, ctx, err);
			/* records changed after the body's last event: sealed too */
			if (write && rc == DB_OK)
				rc = store_audit_finish(st);
			store_reset_all(st);
			if (rc == DB_OK && !write && st->together) {
				/* kept open for the reads that follow */
				st->together_open = 1;
				return 0;
			}
			if (rc == DB_OK)
				rc = store_exec(st, "COMMIT");
			if (rc == DB_OK && write)
				note_own_commit(st, count);
		}
		store_audit_ended(st, rc == DB_OK);
		/* (also after BEGIN, when the lock was not had: its transaction
		 * is open) */
		if (rc != DB_OK && !db_pg_lost(st->pg))
			db_pg_exec(st->pg, "ROLLBACK");
		if (rc == DB_OK)
			return 0;
		if (rc < 0)
			return -1;
		/* a serialization failure or a deadlock: the transaction is
		 * the server's to undo and ours to run again, within the
		 * busy timeout (a lock waited for the whole timeout is over) */
		if ((rc & 0xFF) == DB_BUSY && now_ms() - start < st->busy_timeout_ms &&
		    (delay = retry_next(&r)) >= 0) {
			usleep((useconds_t)delay * 1000u);
			continue;
		}
		if ((rc & 0xFF) == DB_IOERR || db_pg_lost(st->pg)) {
			rc = DB_IOERR;
			st->broken = 1;
		}
		store_set_error(st, rc, err);
		return -1;
	}
}

int store_server_error(struct yc_store *st, int rc, struct yc_err *err)
{
	if (!st || !st->pg || (rc & 0xFF) != DB_IOERR)
		return 0;
	if (store_audience() == STORE_FOR_CLERK)
		yc_err_set(err, YC_EIO,
			   _("The database server %s cannot be reached: is the network connected? Nothing was saved and what you typed is kept; the next save connects again."),
			   st->path);
	else
		yc_err_set(err, YC_EIO,
			   _("The database server %s cannot be reached: is the network connected? Nothing was saved; the next use connects again."),
			   st->path);
	return 1;
}

/* The schema's version --------------------------------------------------------
 * schema_meta holds what SQLite's PRAGMAs hold (data/pg/schema.sql). */

static const char SQL_PG_HAS_SCHEMA[] =
	"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = current_schema() AND c.relname = 'schema_meta'";
static const char SQL_PG_VERSION[] = "SELECT user_version, application_id FROM schema_meta";

struct pg_version {
	int has_schema;
	int user_version;
	int64_t application_id;
};

static int read_pg_version(struct yc_store *st, void *ctx, struct yc_err *err)
{
	struct pg_version *v = ctx;
	db_stmt *s = store_prep(st, SQL_PG_HAS_SCHEMA);
	int rc;

	if (!s)
		return st->rc;
	rc = db_step(s);
	v->has_schema = rc == DB_ROW && db_col_int64(s, 0) > 0;
	db_reset(s);
	if (rc != DB_ROW)
		return rc;
	if (!v->has_schema)
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_PG_VERSION)))
		return st->rc;
	rc = db_step(s);
	if (rc == DB_ROW) {
		v->user_version = (int)db_col_int64(s, 0);
		v->application_id = db_col_int64(s, 1);
	}
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc == DB_DONE ? SQLITE_CORRUPT : rc;
}

/* The PostgreSQL twins of the migrations the database has not had, each
 * setting schema_meta's version itself (doc/postgresql.md); under the
 * writers' lock, so a station that waited sees the version another gave. */
static int migrate_pg(struct yc_store *st, void *ctx, struct yc_err *err)
{
	struct pg_version v;
	int rc = read_pg_version(st, &v, err);

	(void)ctx;
	while (rc == SQLITE_OK && v.user_version < store_schema_version()) {
		const char *sql = dialect_pg_migration_sql(v.user_version - PG_SCHEMA_BASE);

		if (!sql || v.user_version < PG_SCHEMA_BASE) {
			yc_err_set(err, YC_ECORRUPT,
				   _("The database %s on the server is at schema %d, which this program cannot bring up to date (it has no PostgreSQL twin of that migration)."),
				   st->path, v.user_version);
			return -1;
		}
		if ((rc = store_exec(st, sql)) == SQLITE_OK &&
		    (rc = read_pg_version(st, &v, err)) == SQLITE_OK)
			rc = store_event(st, 0, "schema", v.user_version, "migrate", NULL, NULL);
	}
	return rc;
}

int store_open_server(struct yc_store **out, const char *conninfo, const char *password_file,
		      const struct store_opts *o, struct yc_err *err)
{
	struct yc_store *st;
	struct pg_version v = { 0, 0, 0 };

	*out = NULL;
	if (store_server_connect(&st, conninfo, password_file, o, err) < 0)
		return -1;
	if (store_run(st, 0, read_pg_version, &v, err) < 0)
		goto fail;
	if (!v.has_schema) {
		yc_err_set(err, YC_ECORRUPT,
			   _("The database %s on the server has no yichuang tables yet: make them with 'yichuang init' (database.backend = \"postgresql\")."),
			   conninfo);
		goto fail;
	}
	if (store_version_ok(conninfo, v.application_id, v.user_version, err) < 0)
		goto fail;
	if (v.user_version < store_schema_version() && store_run(st, 1, migrate_pg, NULL, err) < 0)
		goto fail;
	*out = st;
	return 0;
fail:
	store_close(st);
	return -1;
}

int store_server_poll(struct yc_store *st)
{
	struct yc_err err;
	db_stmt *s;
	uint32_t now;
	int rc;

	if (st->broken) {
		if (server_reconnect(st, &err) < 0)
			return 0;
		st->others_changed = 0;
		return 1;
	}
	if (st->together_open || !(s = store_prep(st, SQL_PG_CHANGES)))
		return 0;
	rc = db_step(s);
	now = rc == DB_ROW ? (uint32_t)db_col_int64(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW) {
		if (db_pg_lost(st->pg))
			st->broken = 1;
		return 0;
	}
	if (st->others_changed || !st->have_counter || now != st->counter) {
		int news = st->others_changed || (st->have_counter && now != st->counter);

		st->others_changed = 0;
		st->counter = now;
		st->have_counter = 1;
		return news;
	}
	return 0;
}
