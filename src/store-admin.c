/* store-admin.c - the administrator's tools: check a database, and recover
 * one after a station died while saving (stale dot-lock, hot journal). */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "store-internal.h"

static void say(store_report report, void *ctx, int ok, const char *fmt, ...)
	__attribute__((format(printf, 4, 5)));

static void say(store_report report, void *ctx, int ok, const char *fmt, ...)
{
	char line[600];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	report(ctx, ok, line);
}

struct check_ctx {
	store_report report;
	void *ctx;
	int problems;
};

static const char SQL_INTEGRITY[] = "PRAGMA integrity_check(20)";
static const char SQL_FOREIGN_KEYS[] = "PRAGMA foreign_key_check";
static const char SQL_EVENTS[] =
	"SELECT id, at, coalesce(user_id, 0), station, entity, coalesce(entity_id, 0), action,"
	" old_value, new_value, hash FROM events ORDER BY id";

static int check_integrity(struct yc_store *st, struct check_ctx *c)
{
	sqlite3_stmt *s = store_prep(st, SQL_INTEGRITY);
	int rc, ok = 0;

	if (!s)
		return st->rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);

		if (line && strcmp(line, "ok") == 0) {
			ok = 1;
		} else {
			c->problems++;
			say(c->report, c->ctx, 0, _("integrity: %s"), line ? line : "?");
		}
	}
	if (rc != SQLITE_DONE)
		return rc;
	if (ok)
		say(c->report, c->ctx, 1, "%s", _("integrity: ok"));
	return SQLITE_OK;
}

static int check_foreign_keys(struct yc_store *st, struct check_ctx *c)
{
	sqlite3_stmt *s = store_prep(st, SQL_FOREIGN_KEYS);
	int rc, n = 0;

	if (!s)
		return st->rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (n++ < 10)
			say(c->report, c->ctx, 0, _("reference broken: table %s, row %lld"),
			    sqlite3_column_text(s, 0), (long long)sqlite3_column_int64(s, 1));
	}
	if (rc != SQLITE_DONE)
		return rc;
	c->problems += n;
	if (n == 0)
		say(c->report, c->ctx, 1, "%s", _("references between records: ok"));
	return SQLITE_OK;
}

/* Recompute every event's hash from the one before: an edited, inserted
 * or deleted event breaks the chain at that point. */
static int check_events(struct yc_store *st, struct check_ctx *c)
{
	sqlite3_stmt *s = store_prep(st, SQL_EVENTS);
	char prev[65] = "", hash[65], uid[24], eid[24];
	long n = 0, bad = 0;
	int rc;

	if (!s)
		return st->rc;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *fields[8];
		const char *stored = (const char *)sqlite3_column_text(s, 9);

		snprintf(uid, sizeof uid, "%lld", (long long)sqlite3_column_int64(s, 2));
		snprintf(eid, sizeof eid, "%lld", (long long)sqlite3_column_int64(s, 5));
		fields[0] = (const char *)sqlite3_column_text(s, 1);
		fields[1] = uid;
		fields[2] = (const char *)sqlite3_column_text(s, 3);
		fields[3] = (const char *)sqlite3_column_text(s, 4);
		fields[4] = eid;
		fields[5] = (const char *)sqlite3_column_text(s, 6);
		fields[6] = (const char *)sqlite3_column_text(s, 7);
		fields[7] = (const char *)sqlite3_column_text(s, 8);
		store_hash_event(prev, fields, 8, hash);
		n++;
		if (!stored || strcmp(stored, hash) != 0) {
			if (bad++ < 10)
				say(c->report, c->ctx, 0,
				    _("event log: event %lld was changed, or an event before it was removed"),
				    (long long)sqlite3_column_int64(s, 0));
		}
		yc_strlcpy(prev, stored ? stored : "", sizeof prev);
	}
	if (rc != SQLITE_DONE)
		return rc;
	c->problems += (int)bad;
	if (bad == 0)
		say(c->report, c->ctx, 1, _("event log: %ld events, chain intact"), n);
	return SQLITE_OK;
}

/* The name search's table (data/migrate-11.sql) against the cases it
 * stands for: one entry per case, under its applicant's present name. Its
 * triggers keep it so; an entry missing hides a case from a search, a
 * stray one finds a case under a name it no longer has. (A case without
 * its applicant is the reference check's to report.) */
static const char SQL_CASE_NAMES[] =
	"SELECT (SELECT count(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id"
	"   WHERE NOT EXISTS (SELECT 1 FROM case_names n WHERE n.name = a.name"
	"     AND n.created_at = c.created_at AND n.case_id = c.id AND n.initial = substr(a.name, 1, 1))),"
	" (SELECT count(*) FROM case_names n WHERE NOT EXISTS (SELECT 1 FROM cases c"
	"     JOIN applicants a ON a.id = c.applicant_id WHERE c.id = n.case_id"
	"     AND c.created_at = n.created_at AND a.name = n.name AND n.initial = substr(a.name, 1, 1))),"
	" (SELECT count(*) FROM case_names)";

static int check_case_names(struct yc_store *st, struct check_ctx *c)
{
	sqlite3_stmt *s = store_prep(st, SQL_CASE_NAMES);
	long missing, stray, entries;
	int rc;

	if (!s)
		return st->rc;
	if ((rc = sqlite3_step(s)) != SQLITE_ROW)
		return rc;
	missing = (long)sqlite3_column_int64(s, 0);
	stray = (long)sqlite3_column_int64(s, 1);
	entries = (long)sqlite3_column_int64(s, 2);
	sqlite3_reset(s);
	if (missing == 0 && stray == 0) {
		say(c->report, c->ctx, 1, _("name search: %ld cases, each found under its applicant's name"), entries);
		return SQLITE_OK;
	}
	c->problems++;
	say(c->report, c->ctx, 0,
	    _("name search: cases it cannot find: %ld; entries matching no case as it is now: %ld"
	      " (when all stations have quit, run yichuang reindex)"),
	    missing, stray);
	return SQLITE_OK;
}

/* The name search's table built again from the cases, in one write
 * transaction: all of it or, when anything fails, the old one. */
static const char SQL_REINDEX_CLEAR[] = "DELETE FROM case_names";
static const char SQL_REINDEX_FILL[] =
	"INSERT INTO case_names(name, created_at, case_id, initial)"
	" SELECT a.name, c.created_at, c.id, substr(a.name, 1, 1)"
	" FROM cases c JOIN applicants a ON a.id = c.applicant_id ORDER BY 1, 2, 3";

static int reindex(struct yc_store *st, void *vctx, struct yc_err *err)
{
	long *entries = vctx;
	int rc;

	if ((rc = sqlite3_exec(st->db, SQL_REINDEX_CLEAR, NULL, NULL, NULL)) != SQLITE_OK ||
	    (rc = sqlite3_exec(st->db, SQL_REINDEX_FILL, NULL, NULL, NULL)) != SQLITE_OK)
		return rc;
	*entries = (long)sqlite3_changes(st->db);
	return store_event(st, 0, "case_names", 0, "reindex", NULL, NULL);
}

long store_reindex(struct yc_store *st, struct yc_err *err)
{
	long entries = 0;

	if (store_run(st, 1, reindex, &entries, err) < 0)
		return -1;
	return entries;
}

static int check_all(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct check_ctx *c = vctx;
	int rc;

	c->problems = 0;
	if ((rc = check_integrity(st, c)) != SQLITE_OK || (rc = check_foreign_keys(st, c)) != SQLITE_OK ||
	    (rc = check_case_names(st, c)) != SQLITE_OK)
		return rc;
	return check_events(st, c);
}

int store_check(struct yc_store *st, store_report report, void *ctx, struct yc_err *err)
{
	struct check_ctx c = { report, ctx, 0 };

	say(report, ctx, 1, _("schema version %d: ok"), store_schema_version());
	if (store_run(st, 0, check_all, &c, err) < 0)
		return -1;
	return c.problems;
}

/* Recovery ------------------------------------------------------------------- */

/* Presence files younger than this belong to a running station. */
#define PRESENCE_ALIVE (3 * STORE_PRESENCE_SECONDS)

/* A mark "HOST-PID" of this very PC whose process no longer exists was
 * left by a station that was killed: no need to wait for it to age. */
static int died_here(const char *name)
{
	char host[256];
	const char *dash = strrchr(name, '-');
	size_t len;
	long pid;

	if (!dash || gethostname(host, sizeof host) != 0)
		return 0;
	host[sizeof host - 1] = '\0';
	len = strlen(host);
	pid = strtol(dash + 1, NULL, 10);
	return (size_t)(dash - name) == len && strncmp(name, host, len) == 0 && pid > 0 &&
	       kill((pid_t)pid, 0) != 0 && errno == ESRCH;
}

static int stations_present(const char *path, store_report report, void *ctx)
{
	char dir[YC_LOCK_PATH_MAX], file[YC_LOCK_PATH_MAX + 300];
	struct dirent *de;
	time_t now = time(NULL);
	int alive = 0;
	DIR *d;

	snprintf(dir, sizeof dir, "%s.stations", path);
	d = opendir(dir);
	if (!d)
		return 0;
	while ((de = readdir(d)) != NULL) {
		struct stat sb;

		if (de->d_name[0] == '.')
			continue;
		snprintf(file, sizeof file, "%s/%s", dir, de->d_name);
		if (stat(file, &sb) != 0)
			continue;
		if (now - sb.st_mtime < PRESENCE_ALIVE && died_here(de->d_name)) {
			unlink(file);
			say(report, ctx, 1, _("removed the mark of a station on this PC whose program has ended: %s"),
			    de->d_name);
		} else if (now - sb.st_mtime < PRESENCE_ALIVE) {
			alive++;
			say(report, ctx, 0, _("station %s is still working (seen %lds ago)"), de->d_name,
			    (long)(now - sb.st_mtime));
		} else {
			unlink(file);   /* left by a station that died */
			say(report, ctx, 1, _("removed the mark of a station gone since %lds: %s"),
			    (long)(now - sb.st_mtime), de->d_name);
		}
	}
	closedir(d);
	return alive;
}

int store_recover(const char *path, store_report report, void *ctx, struct yc_err *err)
{
	char lock[YC_LOCK_PATH_MAX], journal[YC_LOCK_PATH_MAX];
	struct stat sb;
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc, healthy = 0;

	if (stat(path, &sb) != 0) {
		yc_err_set(err, YC_ENODB, _("There is no database at %s."), path);
		return -1;
	}
	if (stations_present(path, report, ctx) > 0) {
		yc_err_set(err, YC_EBUSY, "%s",
			   _("Stations are still working with this database: ask them to quit yichuang, then run recover again."));
		return -1;
	}
	snprintf(lock, sizeof lock, "%s.lock", path);
	if (stat(lock, &sb) == 0) {
		if (rmdir(lock) != 0 && unlink(lock) != 0) {
			yc_err_set(err, YC_EIO, _("Cannot remove the lock %s: %s."), lock, strerror(errno));
			return -1;
		}
		say(report, ctx, 1, _("removed the stale lock %s (taken %ld minutes ago)"), lock,
		    (long)((time(NULL) - sb.st_mtime) / 60));
	} else {
		say(report, ctx, 1, "%s", _("no lock was left behind"));
	}
	snprintf(journal, sizeof journal, "%s-journal", path);
	if (stat(journal, &sb) == 0)
		say(report, ctx, 1, "%s", _("a save was interrupted: undoing it from the journal"));
	/* plain POSIX locking, nobody else connected: SQLite rolls the hot
	 * journal back on the first read, which unix-dotfile fails to do */
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "PRAGMA integrity_check", -1, &s, NULL);
	while (rc == SQLITE_OK && (rc = sqlite3_step(s)) == SQLITE_ROW) {
		const char *line = (const char *)sqlite3_column_text(s, 0);

		if (line && strcmp(line, "ok") == 0)
			healthy = 1;
		else
			say(report, ctx, 0, _("integrity: %s"), line ? line : "?");
		rc = SQLITE_OK;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	if (rc != SQLITE_DONE && rc != SQLITE_OK) {
		yc_err_set(err, YC_ECORRUPT, _("The database could not be read after recovery (%s); restore it from the last backup."),
			   sqlite3_errstr(rc));
		return -1;
	}
	if (stat(journal, &sb) == 0)
		say(report, ctx, 0, "%s", _("the journal is still there: the save could not be undone"));
	if (!healthy) {
		yc_err_set(err, YC_ECORRUPT, "%s", _("The database is damaged; restore it from the last backup."));
		return -1;
	}
	say(report, ctx, 1, "%s", _("integrity: ok; stations may start again"));
	return 0;
}

/* Backup and restore ------------------------------------------------------ */

/* Copy everything from one connection to another, retrying while the
 * source is busy (another station saving). */
static int copy_db(sqlite3 *to, sqlite3 *from, int timeout_ms)
{
	sqlite3_backup *b = sqlite3_backup_init(to, "main", from, "main");
	int rc, waited = 0;

	if (!b)
		return sqlite3_errcode(to);
	while ((rc = sqlite3_backup_step(b, -1)) == SQLITE_BUSY || rc == SQLITE_LOCKED) {
		if (waited >= timeout_ms)
			break;
		usleep(50000);
		waited += 50;
	}
	sqlite3_backup_finish(b);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* A file that is a sound yichuang database no newer than this program. */
static int verify_copy(const char *path, store_report report, void *ctx, struct yc_err *err)
{
	sqlite3 *db = NULL;
	sqlite3_stmt *s = NULL;
	int rc, version = -1, app = 0, ok = 0;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = sqlite3_prepare_v2(db, "SELECT (SELECT user_version FROM pragma_user_version),"
					" (SELECT application_id FROM pragma_application_id),"
					" (SELECT integrity_check FROM pragma_integrity_check LIMIT 1)", -1, &s, NULL);
	if (rc == SQLITE_OK && sqlite3_step(s) == SQLITE_ROW) {
		const char *ic = (const char *)sqlite3_column_text(s, 2);

		version = sqlite3_column_int(s, 0);
		app = sqlite3_column_int(s, 1);
		ok = ic && strcmp(ic, "ok") == 0;
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
	if (app != 0x59434831) {
		yc_err_set(err, YC_ECORRUPT, _("%s is not a yichuang database."), path);
		return -1;
	}
	if (version > store_schema_version()) {
		yc_err_set(err, YC_ETOONEW, _("%s was made by a newer yichuang (schema %d)."), path, version);
		return -1;
	}
	if (!ok) {
		yc_err_set(err, YC_ECORRUPT, _("%s is damaged."), path);
		return -1;
	}
	say(report, ctx, 1, _("%s: schema %d, integrity ok"), path, version);
	return 0;
}

static int fsync_path(const char *path)
{
	FILE *f = fopen(path, "rb+");
	int rc;

	if (!f)
		return -1;
	rc = fsync(fileno(f));
	fclose(f);
	return rc;
}

int store_backup(struct yc_store *st, const char *out, store_report report, void *ctx,
		 struct yc_err *err)
{
	char part[YC_LOCK_PATH_MAX + 8];
	struct stat sb;
	sqlite3 *to = NULL;
	int rc;

	if (stat(out, &sb) == 0) {
		yc_err_set(err, YC_EEXISTS, _("%s already exists; a backup never overwrites a file."), out);
		return -1;
	}
	snprintf(part, sizeof part, "%s.part", out);
	unlink(part);
	rc = sqlite3_open_v2(part, &to, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(to, st->db, st->busy_timeout_ms);
	sqlite3_close(to);
	if (rc != SQLITE_OK) {
		unlink(part);
		store_set_error(st, rc, err);
		return -1;
	}
	if (fsync_path(part) != 0 || verify_copy(part, report, ctx, err) < 0) {
		if (err->code == YC_OK)
			yc_err_set(err, YC_EIO, _("Cannot write the backup %s: %s."), out, strerror(errno));
		unlink(part);
		return -1;
	}
	if (rename(part, out) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot write the backup %s: %s."), out, strerror(errno));
		unlink(part);
		return -1;
	}
	say(report, ctx, 1, _("backup written: %s"), out);
	return 0;
}

int store_restore(const char *path, const char *locking, const char *backup, store_report report,
		  void *ctx, struct yc_err *err)
{
	struct store_opts o = { locking, 30000, 60, "restore", 1 };
	struct yc_store *st;
	sqlite3 *from = NULL;
	int rc;

	if (verify_copy(backup, report, ctx, err) < 0)
		return -1;
	if (stations_present(path, report, ctx) > 0) {
		yc_err_set(err, YC_EBUSY, "%s",
			   _("Stations are still working with this database: ask them to quit yichuang, then restore again."));
		return -1;
	}
	if (store_open(&st, path, &o, err) < 0)
		return -1;
	rc = sqlite3_open_v2(backup, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(st->db, from, 30000);
	sqlite3_close(from);
	if (rc != SQLITE_OK) {
		store_set_error(st, rc, err);
		store_close(st);
		return -1;
	}
	store_close(st);
	say(report, ctx, 1, _("restored %s from %s"), path, backup);
	return 0;
}
