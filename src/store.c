/* store.c - every SQL statement of the program, and the discipline that
 * keeps one SQLite file safe on a network share: short transactions,
 * retry with backoff on a busy lock, plain-words errors, a chained event
 * log. Why, as seen on the network drive of tests/share-rig.sh (one share
 * mounted once per PC with sshfs; tests/netdrive*.sh run on it):
 *  - POSIX locks taken on one PC do not exclude another PC on the share
 *    (lost updates, a corrupt file); the dot-file lock of "unix-dotfile"
 *    (mkdir DB.lock) does.
 *  - A station that dies while saving leaves a stale DB.lock directory
 *    and a hot DB-journal behind; nothing in SQLite ages the lock out.
 *  - SQLite 3.40.1's unix-dotfile path does not roll a hot journal back
 *    (the file is then corrupt), so `recover` (store-admin.c) opens it
 *    once with the plain unix VFS, nobody else connected, and that does. */
#include "config.h"

#include <errno.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "embedded.h"
#include "retry.h"
#include "store.h"
#include "store-internal.h"

#define APPLICATION_ID 0x59434831   /* 'YCH1': refuse other SQLite files */

/* Forward migrations: element i brings user_version i to i+1. */
static const char *const migrations[] = {
	yc_data_schema_sql,
	yc_data_migrate_2_sql,
	yc_data_migrate_3_sql,
	yc_data_migrate_4_sql,
	yc_data_migrate_5_sql,
	yc_data_migrate_6_sql,
	yc_data_migrate_7_sql,
	yc_data_migrate_8_sql,
	yc_data_migrate_9_sql,
	yc_data_migrate_10_sql,
	yc_data_migrate_11_sql,
	yc_data_migrate_12_sql,
};

const char *store_migration_sql(int i)
{
	return i >= 0 && i < (int)YC_ARRAY_LEN(migrations) ? migrations[i] : NULL;
}

int store_schema_version(void)
{
	return (int)YC_ARRAY_LEN(migrations);
}

const char *store_path(const struct yc_store *st)
{
	return st->path;
}

void store_set_busy_hook(struct yc_store *st, void (*hook)(void *ctx, int waited_ms), void *ctx)
{
	st->busy_hook = hook;
	st->busy_ctx = ctx;
}

/* Statements --------------------------------------------------------------- */

sqlite3_stmt *store_prep(struct yc_store *st, const char *sql)
{
	int i;

	/* cached by the address of the SQL text: each call site has its own */
	for (i = 0; i < st->n_cached; i++)
		if (st->cache[i].sql == sql)
			return st->cache[i].stmt;
	if (st->n_cached == STORE_CACHE_SIZE) {
		sqlite3_finalize(st->cache[0].stmt);
		memmove(st->cache, st->cache + 1, sizeof st->cache[0] * (STORE_CACHE_SIZE - 1));
		st->n_cached--;
	}
	st->rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT,
				    &st->cache[st->n_cached].stmt, NULL);
	if (st->rc != SQLITE_OK)
		return NULL;
	st->cache[st->n_cached].sql = sql;
	return st->cache[st->n_cached++].stmt;
}

static void reset_all(struct yc_store *st)
{
	int i;

	for (i = 0; i < st->n_cached; i++) {
		sqlite3_reset(st->cache[i].stmt);
		sqlite3_clear_bindings(st->cache[i].stmt);
	}
}

void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsz)
{
	const unsigned char *t = sqlite3_column_text(s, col);

	yc_strlcpy(out, t ? (const char *)t : "", outsz);
}

/* Errors in words a clerk understands ------------------------------------- */

static int is_busy(int rc)
{
	rc &= 0xFF;
	return rc == SQLITE_BUSY || rc == SQLITE_LOCKED;
}

/* Age in seconds of the dot-file lock, or -1 when there is none. */
static long lock_age(const struct yc_store *st)
{
	char lock[YC_LOCK_PATH_MAX];
	struct stat sb;

	snprintf(lock, sizeof lock, "%s.lock", st->path);
	if (stat(lock, &sb) != 0)
		return -1;
	return (long)(time(NULL) - sb.st_mtime);
}

/* A lock older than any save could take belongs to a dead station: say
 * so at once instead of waiting out the whole busy timeout. Looked at only
 * after a second of waiting, so ordinary contention costs no stat(). */
static int lock_is_stale(const struct yc_store *st, const struct yc_retry *r)
{
	return r->waited_ms >= 1000 && lock_age(st) >= st->stale_lock_seconds;
}

static void busy_error(struct yc_store *st, struct yc_err *err)
{
	long age = lock_age(st);

	if (age >= st->stale_lock_seconds) {
		yc_err_set(err, YC_ESTALE,
			   _("The database lock %s.lock has been taken for %ld minutes, far longer than any save takes: a station probably stopped while saving. Nothing was saved and what you typed is kept. Ask the administrator to run 'yichuang recover'."),
			   st->path, (age + 59) / 60);
	} else {
		yc_err_set(err, YC_EBUSY,
			   _("The database is busy: other stations kept it locked for %d seconds. Nothing was saved and what you typed is kept; try again."),
			   (st->busy_timeout_ms + 999) / 1000);
	}
}

void store_set_error(struct yc_store *st, int rc, struct yc_err *err)
{
	const char *path = st ? st->path : "";

	if (!err)
		return;
	snprintf(err->detail, sizeof err->detail, "sqlite %d: %s", rc,
		 st && st->db ? sqlite3_errmsg(st->db) : sqlite3_errstr(rc));
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		busy_error(st, err);
		break;
	case SQLITE_FULL:
		yc_err_set(err, YC_EFULL,
			   _("The disk holding the database is full. Nothing was saved and what you typed is kept; ask the administrator to free space, then try again."));
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		yc_err_set(err, YC_EIO,
			   _("Cannot read or write the database %s: is the network drive connected? Nothing was saved and what you typed is kept."),
			   path);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		yc_err_set(err, YC_ECORRUPT,
			   _("The database %s is damaged or is not a yichuang database. Stop and call the administrator ('yichuang check')."),
			   path);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		yc_err_set(err, YC_EIO, _("This station may not write to the database %s."), path);
		break;
	case SQLITE_CONSTRAINT:
		yc_err_set(err, YC_ECONFLICT,
			   _("The record was changed by another station or would duplicate one; nothing was saved."));
		break;
	default:
		yc_err_set(err, YC_EINTERNAL, _("Unexpected database error (%d). Nothing was saved."), rc);
	}
}

/* Transactions -------------------------------------------------------------- */

static int exec_plain(struct yc_store *st, const char *sql)
{
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

static void wait_ms(struct yc_store *st, struct yc_retry *r, int ms)
{
	if (st->busy_hook && r->waited_ms >= 300)
		st->busy_hook(st->busy_ctx, r->waited_ms);
	usleep((useconds_t)ms * 1000u);
}

/* Run body inside BEGIN [IMMEDIATE] ... COMMIT. A busy lock anywhere rolls
 * back and starts again after a backoff, until busy_timeout; a body that
 * fails (rc > 0 SQLite code, or -1 with err set) rolls back. Statements
 * are reset before returning, so no read lock outlives the call. */
static int reconnect(struct yc_store *st, struct yc_err *err);
static int note_counter_before_write(struct yc_store *st, uint32_t *before);
static void note_counter_after_write(struct yc_store *st, uint32_t before, int changed);

int store_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err)
{
	struct yc_retry r;
	int rc;

	if (st->broken && reconnect(st, err) < 0)
		return -1;
	retry_start(&r, st->busy_timeout_ms, (unsigned)getpid() ^ (unsigned)time(NULL));
	for (;;) {
		int delay, changes_before = 0, counted = -1;
		uint32_t counter_before = 0;

		rc = exec_plain(st, write ? "BEGIN IMMEDIATE" : "BEGIN");
		if (rc == SQLITE_OK) {
			if (write) {
				counted = note_counter_before_write(st, &counter_before);
				changes_before = sqlite3_total_changes(st->db);
			}
			rc = body(st, ctx, err);
			reset_all(st);
			if (rc == SQLITE_OK || rc == SQLITE_DONE) {
				rc = exec_plain(st, "COMMIT");
				/* a commit kept waiting by readers: the transaction is
				 * still ours, so wait and commit again */
				while (is_busy(rc) && (delay = retry_next(&r)) >= 0) {
					wait_ms(st, &r, delay);
					rc = exec_plain(st, "COMMIT");
				}
			}
			if (rc != SQLITE_OK && !sqlite3_get_autocommit(st->db))
				exec_plain(st, "ROLLBACK");
		}
		if (st->busy_hook && r.waited_ms >= 300)
			st->busy_hook(st->busy_ctx, -1);   /* busy spell over */
		if (rc == SQLITE_OK && counted == 0)
			note_counter_after_write(st, counter_before,
						 sqlite3_total_changes(st->db) != changes_before);
		if (rc == SQLITE_OK)
			return 0;
		if (rc < 0)
			return -1;
		if (!is_busy(rc) || (delay = retry_next(&r)) < 0 || lock_is_stale(st, &r)) {
			store_set_error(st, rc, err);
			if ((rc & 0xFF) == SQLITE_IOERR || (rc & 0xFF) == SQLITE_CANTOPEN)
				st->broken = 1;
			return -1;
		}
		wait_ms(st, &r, delay);
	}
}

/* Event log: tamper-evident by a hash chain over the previous event. ------- */

void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65])
{
	crypto_generichash_state h;
	unsigned char digest[32];
	size_t i;

	crypto_generichash_init(&h, NULL, 0, sizeof digest);
	crypto_generichash_update(&h, (const unsigned char *)prev, strlen(prev));
	for (i = 0; i < n; i++) {
		const char *f = fields[i] ? fields[i] : "";

		crypto_generichash_update(&h, (const unsigned char *)"\x1f", 1);
		crypto_generichash_update(&h, (const unsigned char *)f, strlen(f));
	}
	crypto_generichash_final(&h, digest, sizeof digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static const char SQL_LAST_HASH[] = "SELECT hash FROM events ORDER BY id DESC LIMIT 1";
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO events(at, user_id, station, entity, entity_id, action, old_value, new_value, hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";

int store_event(struct yc_store *st, int64_t user_id, const char *entity, int64_t entity_id,
		const char *action, const char *old_value, const char *new_value)
{
	sqlite3_stmt *s = store_prep(st, SQL_LAST_HASH);
	char prev[65] = "", hash[65], at[20], uid[24], eid[24];
	const char *fields[8];
	int rc;

	if (!s)
		return st->rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		store_col_text(s, 0, prev, sizeof prev);
	else if (rc != SQLITE_DONE)
		return rc;
	sqlite3_reset(s);
	yc_now(at);
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	fields[0] = at; fields[1] = uid; fields[2] = st->station; fields[3] = entity;
	fields[4] = eid; fields[5] = action; fields[6] = old_value; fields[7] = new_value;
	store_hash_event(prev, fields, 8, hash);

	s = store_prep(st, SQL_EVENT_INSERT);
	if (!s)
		return st->rc;
	sqlite3_bind_text(s, 1, at, -1, SQLITE_TRANSIENT);
	if (user_id > 0)
		sqlite3_bind_int64(s, 2, user_id);
	sqlite3_bind_text(s, 3, st->station, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, entity, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 5, entity_id);
	sqlite3_bind_text(s, 6, action, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, old_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 8, new_value, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 9, hash, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* Opening -------------------------------------------------------------------- */

/* RFC 3986 percent-encoding of a path for a file: URI. */
static void uri_for(const char *path, const char *vfs, char *out, size_t outsz)
{
	static const char hex[] = "0123456789ABCDEF";
	size_t pos = 0;
	const unsigned char *p;

	pos += (size_t)snprintf(out, outsz, "file:");
	for (p = (const unsigned char *)path; *p && pos + 4 < outsz; p++) {
		if (*p == '?' || *p == '#' || *p == '%' || *p < 0x21 || *p == 0x7F) {
			out[pos++] = '%';
			out[pos++] = hex[*p >> 4];
			out[pos++] = hex[*p & 15];
		} else {
			out[pos++] = (char)*p;
		}
	}
	out[pos] = '\0';
	snprintf(out + pos, outsz - pos, "?vfs=%s", vfs);
}

struct version_ctx {
	int user_version;
	int application_id;
	int tables;
};

static int read_version(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct version_ctx *v = vctx;
	static const char q1[] = "PRAGMA user_version";
	static const char q2[] = "PRAGMA application_id";
	static const char q3[] = "SELECT count(*) FROM sqlite_master";
	const char *qs[] = { q1, q2, q3 };
	int *outs[] = { &v->user_version, &v->application_id, &v->tables };
	size_t i;

	for (i = 0; i < 3; i++) {
		sqlite3_stmt *s = store_prep(st, qs[i]);
		int rc;

		if (!s)
			return st->rc;
		rc = sqlite3_step(s);
		if (rc != SQLITE_ROW)
			return rc;
		*outs[i] = sqlite3_column_int(s, 0);
		sqlite3_reset(s);
	}
	return SQLITE_OK;
}

static int migrate(struct yc_store *st, void *ctx, struct yc_err *err)
{
	struct version_ctx v;
	int rc = read_version(st, &v, err);
	char sql[64];

	if (rc != SQLITE_OK)
		return rc;
	/* another station may have migrated while we waited for the lock */
	while (v.user_version < store_schema_version()) {
		rc = exec_plain(st, migrations[v.user_version]);
		if (rc != SQLITE_OK)
			return rc;
		v.user_version++;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v.user_version);
		rc = exec_plain(st, sql);
		if (rc != SQLITE_OK)
			return rc;
		rc = store_event(st, 0, "schema", v.user_version, "migrate", NULL, NULL);
		if (rc != SQLITE_OK)
			return rc;
		/* version 5 brings the assessment sheet: its default criteria
		 * (inserted once; a new database gets them the same way) */
		if (v.user_version == 5 && (rc = exec_plain(st, yc_data_assessment_criteria_sql)) != SQLITE_OK)
			return rc;
		/* version 6: the catalogue's bundles */
		if (v.user_version == 6 && (rc = exec_plain(st, yc_data_bundles_sql)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* PRAGMAs that need the lock cannot run in a transaction: retry by hand. */
static int pragma_retry(struct yc_store *st, const char *sql, struct yc_err *err)
{
	struct yc_retry r;
	int rc, delay;

	retry_start(&r, st->busy_timeout_ms, (unsigned)getpid());
	while (is_busy(rc = exec_plain(st, sql)) && (delay = retry_next(&r)) >= 0 &&
	       !lock_is_stale(st, &r))
		wait_ms(st, &r, delay);
	if (rc != SQLITE_OK) {
		store_set_error(st, rc, err);
		return -1;
	}
	return 0;
}

/* The connection: opened at the start, and again after the share came
 * back (a connection whose file went with the network stays broken). */
static int connect_db(struct yc_store *st, struct yc_err *err)
{
	int rc = sqlite3_open_v2(st->uri, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL);

	if (rc != SQLITE_OK) {
		store_set_error(st, rc, err);
		return -1;
	}
	sqlite3_extended_result_codes(st->db, 0);
	/* we do our own waiting, so that the screen can say what is going on */
	sqlite3_busy_timeout(st->db, 0);
	/* even these read the schema first, so they too may meet a busy lock;
	 * never WAL: its index is shared memory, which a share cannot share */
	if (pragma_retry(st, "PRAGMA foreign_keys = ON", err) < 0 ||
	    pragma_retry(st, "PRAGMA synchronous = FULL", err) < 0 ||
	    pragma_retry(st, "PRAGMA journal_mode = DELETE", err) < 0)
		return -1;
	return 0;
}

static void forget_statements(struct yc_store *st)
{
	int i;

	for (i = 0; i < st->n_cached; i++)
		sqlite3_finalize(st->cache[i].stmt);
	st->n_cached = 0;
}

/* After an I/O error: once the file can be reached again, a new
 * connection replaces the broken one. */
static int reconnect(struct yc_store *st, struct yc_err *err)
{
	sqlite3 *old = st->db;
	struct stat sb;

	/* the file it had open was there: gone now is the share, not the
	 * database, and that is what the clerk is told */
	if (stat(st->path, &sb) != 0) {
		store_set_error(st, SQLITE_IOERR, err);
		return -1;
	}
	forget_statements(st);
	st->db = NULL;
	if (connect_db(st, err) < 0) {
		sqlite3_close_v2(st->db);
		st->db = old;
		return -1;
	}
	/* _v2: the old file's descriptor may fail to close on a dead share;
	 * the handle is released whatever happens */
	sqlite3_close_v2(old);
	st->have_counter = 0;   /* the next look starts afresh */
	st->others_changed = 1; /* and whatever happened meanwhile is news */
	st->broken = 0;
	return 0;
}

static int check_reachable(const char *path, struct yc_err *err)
{
	struct stat sb;

	if (stat(path, &sb) == 0)
		return 0;
	if (errno == ENOENT)
		yc_err_set(err, YC_ENODB,
			   _("There is no database at %s. Create one with 'yichuang init --db %s', or correct database.path in the configuration."),
			   path, path);
	else
		yc_err_set(err, YC_ENODB, _("Cannot reach the database at %s (%s): is the network drive connected?"),
			   path, strerror(errno));
	return -1;
}

/* Presence: each open station keeps a small file beside the database,
 * touched while it runs, so that `recover` can tell whether anybody is
 * still working before it touches locks and journals. */
static void presence_path(const struct yc_store *st, char *out, size_t n)
{
	char host[64] = "";

	gethostname(host, sizeof host - 1);
	snprintf(out, n, "%s.stations/%s-%ld", st->path, host[0] ? host : "station", (long)getpid());
}

static void presence_touch(struct yc_store *st)
{
	char dir[YC_LOCK_PATH_MAX], file[YC_LOCK_PATH_MAX + 80];
	FILE *f;

	snprintf(dir, sizeof dir, "%s.stations", st->path);
	mkdir(dir, 0777);   /* may exist: fine */
	presence_path(st, file, sizeof file);
	f = fopen(file, "w");
	if (f) {
		fprintf(f, "%s\n", st->station);
		fclose(f);
	}
	st->presence_at = time(NULL);
}

int store_open(struct yc_store **out, const char *path, const struct store_opts *o,
	       struct yc_err *err)
{
	struct yc_store *st;
	struct version_ctx v;

	*out = NULL;
	if (check_reachable(path, err) < 0)
		return -1;
	st = calloc(1, sizeof *st);
	if (!st) {
		yc_err_set(err, YC_EINTERNAL, _("Out of memory."));
		return -1;
	}
	yc_strlcpy(st->path, path, sizeof st->path);
	yc_strlcpy(st->station, o && o->station ? o->station : "", sizeof st->station);
	st->busy_timeout_ms = o && o->busy_timeout_ms > 0 ? o->busy_timeout_ms : 10000;
	st->stale_lock_seconds = o && o->stale_lock_seconds > 0 ? o->stale_lock_seconds : 60;
	uri_for(path, o && o->locking ? o->locking : "unix", st->uri, sizeof st->uri);
	if (connect_db(st, err) < 0)
		goto fail_err;
	if (store_run(st, 0, read_version, &v, err) < 0)
		goto fail_err;
	if (v.application_id != APPLICATION_ID) {
		yc_err_set(err, YC_ECORRUPT, _("%s is not a yichuang database."), path);
		goto fail_err;
	}
	if (v.user_version > store_schema_version()) {
		yc_err_set(err, YC_ETOONEW,
			   _("The database %s was made by a newer yichuang (schema %d; this program knows %d). Install the newer program on this station."),
			   path, v.user_version, store_schema_version());
		goto fail_err;
	}
	if (v.user_version < store_schema_version() && store_run(st, 1, migrate, NULL, err) < 0)
		goto fail_err;
	if (!o || !o->no_presence)
		presence_touch(st);
	*out = st;
	return 0;
fail_err:
	store_close(st);
	return -1;
}

void store_close(struct yc_store *st)
{
	char file[YC_LOCK_PATH_MAX + 80];

	if (!st)
		return;
	if (st->presence_at) {
		presence_path(st, file, sizeof file);
		unlink(file);
	}
	forget_statements(st);
	sqlite3_close(st->db);
	free(st);
}

/* Polling for other stations' commits ------------------------------------- */

/* The file change counter in the database header (bytes 24-27, big endian):
 * SQLite adds one each time a transaction that changed the file ends. It is
 * read through SQLite's own open file, so no second descriptor exists whose
 * close would drop POSIX locks, and without any lock: a read that meets a
 * commit half done sees the old or the new value, and either way the next
 * poll settles it. One read round trip on a share, like a stat(), but unlike
 * the file's mtime (whole seconds over SFTP) it never misses two commits in
 * one second. */
static int read_change_counter(struct yc_store *st, uint32_t *out)
{
	sqlite3_file *f = NULL;
	unsigned char b[4];
	int rc;

	if (sqlite3_file_control(st->db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK ||
	    !f || !f->pMethods)
		return -1;
	rc = f->pMethods->xRead(f, b, 4, 24);
	if (rc != SQLITE_OK) {
		/* a read error (not a short file): the share went away, and
		 * this connection with it */
		if (rc != SQLITE_IOERR_SHORT_READ)
			st->broken = 1;
		return -1;
	}
	*out = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	return 0;
}

/* In a write transaction, with the lock held: nobody else can be committing,
 * so the counter on disk is every other station's last commit. */
static int note_counter_before_write(struct yc_store *st, uint32_t *before)
{
	if (read_change_counter(st, before) < 0)
		return -1;
	if (st->have_counter && *before != st->counter)
		st->others_changed = 1;
	return 0;
}

/* After our own commit the counter moved by one if we changed anything; any
 * other value means a station committed between our unlock and this read. */
static void note_counter_after_write(struct yc_store *st, uint32_t before, int changed)
{
	uint32_t now;

	if (read_change_counter(st, &now) < 0)
		return;
	if (now != before + (changed ? 1u : 0u))
		st->others_changed = 1;
	st->counter = now;
	st->have_counter = 1;
}

void store_keep_alive(struct yc_store *st)
{
	if (st->presence_at && time(NULL) - st->presence_at >= STORE_PRESENCE_SECONDS)
		presence_touch(st);
}

int store_poll_changes(struct yc_store *st)
{
	uint32_t now;
	struct yc_err err;

	store_keep_alive(st);
	/* cut off from the share (a failed save or look said so): once it is
	 * back, connect again and show what the others did meanwhile; until
	 * then each look is one stat() */
	if (st->broken) {
		if (reconnect(st, &err) < 0)
			return 0;
		st->others_changed = 0;
		return 1;
	}
	if (st->others_changed) {
		st->others_changed = 0;
		if (read_change_counter(st, &now) == 0)
			st->counter = now;
		return 1;
	}
	if (read_change_counter(st, &now) < 0)
		return 0;   /* the share is away: the next look will tell */
	if (!st->have_counter) {
		st->counter = now;
		st->have_counter = 1;
		return 0;
	}
	if (now == st->counter)
		return 0;
	st->counter = now;
	return 1;
}
