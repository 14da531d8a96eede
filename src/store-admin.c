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
#include "store-select.h"

void store_say(store_report report, void *ctx, int ok, const char *fmt, ...)
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
	int trigger_problems;   /* on a server, found in a run before */
};

static const char SQL_INTEGRITY[] = "PRAGMA integrity_check(20)";
static const char SQL_FOREIGN_KEYS[] = "PRAGMA foreign_key_check";
static int check_integrity(struct yc_store *st, struct check_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_INTEGRITY);
	int rc, ok = 0;

	if (!s)
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *line = db_col_text(s, 0);

		if (line && strcmp(line, "ok") == 0) {
			ok = 1;
		} else {
			c->problems++;
			store_say(c->report, c->ctx, 0, _("integrity: %s"), line ? line : "?");
		}
	}
	if (rc != DB_DONE)
		return rc;
	if (ok)
		store_say(c->report, c->ctx, 1, "%s", _("integrity: ok"));
	return SQLITE_OK;
}

static int check_foreign_keys(struct yc_store *st, struct check_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_FOREIGN_KEYS);
	int rc, n = 0;

	if (!s)
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		if (n++ < 10)
			store_say(c->report, c->ctx, 0, _("reference broken: table %s, row %lld"),
			    db_col_text(s, 0), (long long)db_col_int64(s, 1));
	}
	if (rc != DB_DONE)
		return rc;
	c->problems += n;
	if (n == 0)
		store_say(c->report, c->ctx, 1, "%s", _("references between records: ok"));
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
	db_stmt *s = store_prep(st, SQL_CASE_NAMES);
	long missing, stray, entries;
	int rc;

	if (!s)
		return st->rc;
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	missing = (long)db_col_int64(s, 0);
	stray = (long)db_col_int64(s, 1);
	entries = (long)db_col_int64(s, 2);
	db_reset(s);
	if (missing == 0 && stray == 0) {
		store_say(c->report, c->ctx, 1, _("name search: %ld cases, each found under its applicant's name"), entries);
		return SQLITE_OK;
	}
	c->problems++;
	store_say(c->report, c->ctx, 0,
	    _("name search: cases it cannot find: %ld; entries matching no case as it is now: %ld"
	      " (when all stations have quit, run yichuang reindex)"),
	    missing, stray);
	return SQLITE_OK;
}

/* The guidance desk's search (data/migrate-16.sql): an entry in each of
 * its two indexes per item, and the pinyin of every item's present name.
 * Triggers keep them so; a catalogue changed by hand may not. An item's
 * materials in their order (seq): SQLite's triggers read them through
 * the (item_id, seq) key, PostgreSQL's say ORDER BY seq. */
static const char SQL_ITEM_SEARCH[] =
	"SELECT (SELECT count(*) FROM service_items),"
	/* each item's entries as the triggers write them (data/migrate-16.sql) */
	" (SELECT count(*) FROM service_items i WHERE NOT EXISTS (SELECT 1 FROM item_names n WHERE n.rowid = i.id"
	"     AND n.name = i.name AND n.keywords = i.keywords"
	"     AND n.pinyin = lower(i.pinyin_initials) || ' ' || i.pinyin_full"
	"     AND n.code = lower(replace(replace(replace(i.code, '-', ''), '_', ''), ' ', '')))"
	"   OR NOT EXISTS (SELECT 1 FROM item_texts t WHERE t.rowid = i.id AND t.guide = i.guide || ' ' || i.faq"
	"     AND t.materials = (SELECT coalesce(group_concat(ms.name, ' '), '')"
	"       FROM (SELECT m.name FROM materials m WHERE m.item_id = i.id ORDER BY m.seq) AS ms)))"
	" + (SELECT count(*) FROM item_names n WHERE n.rowid NOT IN (SELECT id FROM service_items))"
	" + (SELECT count(*) FROM item_texts t WHERE t.rowid NOT IN (SELECT id FROM service_items)),"
	" (SELECT count(*) FROM service_items WHERE pinyin_name IS NOT name)";

static int check_item_search(struct yc_store *st, struct check_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_ITEM_SEARCH);
	long items, unindexed, no_pinyin;
	int rc;

	if (!s)
		return st->rc;
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	items = (long)db_col_int64(s, 0);
	unindexed = (long)db_col_int64(s, 1);
	no_pinyin = (long)db_col_int64(s, 2);
	db_reset(s);
	if (unindexed == 0 && no_pinyin == 0) {
		store_say(c->report, c->ctx, 1, _("item search: %ld items, each found by its name, pinyin and texts"), items);
		return SQLITE_OK;
	}
	c->problems++;
	store_say(c->report, c->ctx, 0,
	    _("item search: items it does not find as they are now: %ld; without the pinyin of their name: %ld"
	      " (run yichuang reindex)"),
	    unindexed, no_pinyin);
	return SQLITE_OK;
}

/* The name search's table built again from the cases, in one write
 * transaction: all of it or, when anything fails, the old one. */
static const char SQL_REINDEX_CLEAR[] = "DELETE FROM case_names";
static const char SQL_REINDEX_FILL[] =
	"INSERT INTO case_names(name, created_at, case_id, initial)"
	" SELECT a.name, c.created_at, c.id, substr(a.name, 1, 1)"
	" FROM cases c JOIN applicants a ON a.id = c.applicant_id ORDER BY 1, 2, 3";

/* The item search's indexes, the same way: the catalogue's rows again. */
static const char SQL_REINDEX_ITEMS[] =
	"DELETE FROM item_names; DELETE FROM item_texts; UPDATE service_items SET pinyin_name = NULL;"
	"INSERT INTO item_names(rowid, name, keywords, pinyin, code)"
	" SELECT id, name, keywords, lower(pinyin_initials), lower(replace(replace(replace(code, '-', ''), '_', ''), ' ', ''))"
	" FROM service_items;"
	"INSERT INTO item_texts(rowid, materials, guide)"
	" SELECT i.id, (SELECT coalesce(group_concat(ms.name, ' '), '')"
	"   FROM (SELECT m.name FROM materials m WHERE m.item_id = i.id ORDER BY m.seq) AS ms),"
	" i.guide || ' ' || i.faq FROM service_items i;";

static int reindex(struct yc_store *st, void *vctx, struct yc_err *err)
{
	long *entries = vctx;
	int rc;

	if ((rc = store_exec(st, SQL_REINDEX_CLEAR)) != SQLITE_OK ||
	    (rc = store_exec(st, SQL_REINDEX_FILL)) != SQLITE_OK)
		return rc;
	*entries = (long)store_changes(st);
	/* the pinyin's update brings each item's entries up to date again */
	if ((rc = store_exec_portable(st, SQL_REINDEX_ITEMS)) != SQLITE_OK ||
	    (rc = store_items_fill_pinyin(st)) != SQLITE_OK)
		return rc;
	return store_event(st, 0, "case_names", 0, "reindex", NULL, NULL);
}

long store_reindex(struct yc_store *st, struct yc_err *err)
{
	long entries = 0;

	if (store_run(st, 1, reindex, &entries, err) < 0)
		return -1;
	return entries;
}

/* The event log, its key, the records' seals, the triggers and this PC's
 * heads (store-audit.c): what shows a change made outside the program. */
static int check_audit(struct yc_store *st, struct check_ctx *c)
{
	return store_audit_check(st, c->report, c->ctx, &c->problems);
}

/* A server keeps its files and references itself: what SQLite's PRAGMAs
 * check is the server's own (pg_amcheck); a reference is never broken. */
static int check_file(struct yc_store *st, struct check_ctx *c)
{
	int rc;

	if (!st->pg)
		return (rc = check_integrity(st, c)) != SQLITE_OK ? rc : check_foreign_keys(st, c);
	store_say(c->report, c->ctx, 1, "%s", _("integrity: the database server's own (pg_amcheck checks its files)"));
	store_say(c->report, c->ctx, 1, "%s", _("references between records: kept by the database server"));
	return SQLITE_OK;
}

static int check_all(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct check_ctx *c = vctx;
	int rc;

	(void)err;
	c->problems = c->trigger_problems;
	if ((rc = check_file(st, c)) != SQLITE_OK ||
	    (rc = check_case_names(st, c)) != SQLITE_OK || (rc = check_item_search(st, c)) != SQLITE_OK)
		return rc;
	return check_audit(st, c);
}

int store_check(struct yc_store *st, store_report report, void *ctx, struct yc_err *err)
{
	struct check_ctx c = { report, ctx, 0, 0 };

	store_say(report, ctx, 1, _("schema version %d: ok"), store_schema_version());
	/* on a server the triggers are compared in a write transaction of
	 * their own (the program's schema is loaded and undone in it) */
	if (st->pg)
		store_audit_check_pg_triggers(st, report, ctx, &c.trigger_problems);
	if (store_run(st, 0, check_all, &c, err) < 0)
		return -1;
	return c.problems;
}

/* Recovery ------------------------------------------------------------------- */

/* A station's presence mark as recover watches it. */
struct mark {
	char name[256];
	char who[340];       /* "station name [mark]", for the report */
	time_t first;        /* its mtime when recover first saw it */
	int here;            /* seen in the latest look */
	int told;
};

#define MARKS_MAX 512

static void clock_text(time_t t, char *out, size_t n)
{
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, n, "%H:%M:%S", &tm);
}

/* "综合受理1号窗 [pc3-1234-0a1b2c3d]": the first line of the mark, and its name. */
static void mark_who(const char *file, const char *name, char *out, size_t n)
{
	char station[64] = "";
	FILE *f = fopen(file, "r");

	if (f) {
		if (fgets(station, sizeof station, f))
			station[strcspn(station, "\r\n")] = '\0';
		fclose(f);
	}
	if (station[0])
		snprintf(out, n, "%s [%s]", station, name);
	else
		snprintf(out, n, "[%s]", name);
}

/* Whether stations still work with the database, told by their presence
 * marks alone: a running station renews its mark every
 * STORE_PRESENCE_SECONDS, and one not renewed for STORE_PRESENCE_GONE (45
 * s) belongs to a station that is gone. A host name and a process ID prove
 * nothing (a station in another PID namespace, a PC cloned with the same
 * name), so a fresh mark is waited for: renewed, its station works and
 * recover stops at once; 45 s old, its station is gone. Then the marks of
 * the stations gone are removed; one that is not there to remove was
 * taken back by its station, come back from a network cut (store.c,
 * presence_claim), and counts as working. Returns how many stations work
 * (0: recover may go on); recover waits 45 s at most. */
static int stations_present(const char *path, store_report report, void *ctx)
{
	char dir[YC_LOCK_PATH_MAX], file[YC_LOCK_PATH_MAX + 300], at[16], until[16], age[64];
	struct mark *m = calloc(MARKS_MAX, sizeof *m);
	int n = 0, i, working = 0, fresh;
	struct dirent *de;
	struct stat sb;
	time_t now;
	DIR *d;

	if (!m)
		return 1;
	snprintf(dir, sizeof dir, "%s.stations", path);
	for (;;) {
		fresh = 0;
		now = time(NULL);
		for (i = 0; i < n; i++)
			m[i].here = 0;
		d = opendir(dir);
		while (d && (de = readdir(d)) != NULL) {
			if (de->d_name[0] == '.')
				continue;
			snprintf(file, sizeof file, "%s/%s", dir, de->d_name);
			if (stat(file, &sb) != 0)
				continue;
			for (i = 0; i < n && strcmp(m[i].name, de->d_name) != 0; i++)
				;
			if (i == n) {
				if (n == MARKS_MAX)
					continue;
				yc_strlcpy(m[n].name, de->d_name, sizeof m[n].name);
				mark_who(file, de->d_name, m[n].who, sizeof m[n].who);
				m[n++].first = sb.st_mtime;
			}
			m[i].here = 1;
			if (sb.st_mtime > m[i].first) {
				clock_text(sb.st_mtime, at, sizeof at);
				store_say(report, ctx, 0, _("station %s is still working: it renewed its mark at %s"), m[i].who, at);
				working++;
			} else if (now - sb.st_mtime < STORE_PRESENCE_GONE) {
				fresh++;
				if (!m[i].told++) {
					clock_text(sb.st_mtime, at, sizeof at);
					clock_text(sb.st_mtime + STORE_PRESENCE_GONE, until, sizeof until);
					store_say_duration((long)(now - sb.st_mtime), age, sizeof age);
					store_say(report, ctx, 1,
					    _("station %s renewed its mark %s ago (at %s): waiting until %s to tell whether it still works"),
					    m[i].who, age, at, until);
				}
			}
		}
		if (d)
			closedir(d);
		if (working || !fresh)
			break;
		sleep(1);
	}
	for (i = 0; i < n && !working; i++) {
		if (!m[i].here)
			continue;   /* its station quit meanwhile, and took its mark along */
		snprintf(file, sizeof file, "%s/%s", dir, m[i].name);
		if (unlink(file) != 0) {
			if (errno == ENOENT)
				store_say(report, ctx, 0, _("station %s came back while recover was looking"), m[i].who);
			else
				store_say(report, ctx, 0, _("cannot remove the mark of station %s: %s"), m[i].who, strerror(errno));
			working++;
			break;
		}
		clock_text(m[i].first, at, sizeof at);
		store_say_duration((long)(now - m[i].first), age, sizeof age);
		store_say(report, ctx, 1, _("removed the mark of station %s, last renewed at %s (%s ago): it is gone"), m[i].who,
		    at, age);
	}
	free(m);
	return working;
}

int store_recover(const char *path, store_report report, void *ctx, struct yc_err *err)
{
	char lock[YC_LOCK_PATH_MAX], journal[YC_LOCK_PATH_MAX], why[160] = "", held[64];
	struct stat sb;
	sqlite3 *db = NULL;
	db_stmt *s = NULL;
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
	/* the lock is recover's until it is done: no station comes in while
	 * the save is undone and the file checked */
	snprintf(lock, sizeof lock, "%s.lock", path);
	if (mkdir(lock, 0777) == 0) {
		store_say(report, ctx, 1, "%s", _("no lock was left behind"));
	} else if (errno == EEXIST) {
		store_say_duration(stat(lock, &sb) == 0 ? (long)(time(NULL) - sb.st_mtime) : 0, held, sizeof held);
		store_say(report, ctx, 1, _("took over the stale lock %s (taken %s ago): no station comes in until recover is done"),
		    lock, held);
	} else {
		yc_err_set(err, YC_EIO, _("Cannot take the lock %s: %s."), lock, strerror(errno));
		return -1;
	}
	snprintf(journal, sizeof journal, "%s-journal", path);
	if (stat(journal, &sb) == 0 && sb.st_size > 0) {
		store_say(report, ctx, 1, "%s", _("a save was interrupted: undoing it from the journal"));
		/* plain POSIX locking, nobody else inside: SQLite rolls the hot
		 * journal back on the first read, which unix-dotfile fails to do */
		if (store_undo_journal(path, why, sizeof why) < 0) {
			store_say(report, ctx, 0, _("the journal is still there: the save could not be undone (%s)"), why);
			yc_err_set(err, YC_ECORRUPT,
				   _("The interrupted save could not be undone: %s is still there, and the lock %s stays so that no station works on the file. Make sure no other program on this PC has the database open and that this PC may write and delete files in the database's folder, then run 'yichuang recover' again; if it fails again, put the last backup back ('yichuang restore FILE')."),
				   journal, lock);
			return -1;
		}
		store_say(report, ctx, 1, "%s", _("the interrupted save was undone"));
	}
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix");
	if (rc == SQLITE_OK)
		rc = db_lite_prepare(db, "PRAGMA integrity_check", &s);
	while (rc == SQLITE_OK && (rc = db_step(s)) == DB_ROW) {
		const char *line = db_col_text(s, 0);

		if (line && strcmp(line, "ok") == 0)
			healthy = 1;
		else
			store_say(report, ctx, 0, _("integrity: %s"), line ? line : "?");
		rc = SQLITE_OK;
	}
	db_finalize(s);
	sqlite3_close(db);
	/* a damaged file is restored, and restore needs the lock free */
	if (rmdir(lock) != 0 && errno != ENOENT) {
		yc_err_set(err, YC_EIO, _("Cannot remove the lock %s: %s."), lock, strerror(errno));
		return -1;
	}
	if (rc != DB_DONE && rc != SQLITE_OK) {
		yc_err_set(err, YC_ECORRUPT, _("The database could not be read after recovery (%s); restore it from the last backup."),
			   sqlite3_errstr(rc));
		return -1;
	}
	if (!healthy) {
		yc_err_set(err, YC_ECORRUPT, "%s", _("The database is damaged; restore it from the last backup."));
		return -1;
	}
	store_say(report, ctx, 1, "%s", _("integrity: ok; stations may start again"));
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
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* A file that is a sound yichuang database no newer than this program. */
static int verify_copy(const char *path, store_report report, void *ctx, struct yc_err *err)
{
	sqlite3 *db = NULL;
	db_stmt *s = NULL;
	int rc, version = -1, app = 0, ok = 0;

	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = db_lite_prepare(db, "SELECT (SELECT user_version FROM pragma_user_version),"
				     " (SELECT application_id FROM pragma_application_id),"
				     " (SELECT integrity_check FROM pragma_integrity_check LIMIT 1)", &s);
	if (rc == SQLITE_OK && db_step(s) == DB_ROW) {
		const char *ic = db_col_text(s, 2);

		version = db_col_int(s, 0);
		app = db_col_int(s, 1);
		ok = ic && strcmp(ic, "ok") == 0;
	}
	db_finalize(s);
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
	store_say(report, ctx, 1, _("%s: schema %d, integrity ok"), path, version);
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

	if (st->pg)
		return store_backup_server(st, out, report, ctx, err);
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
	store_say(report, ctx, 1, _("backup written: %s"), out);
	return 0;
}

/* The last event of a database file (id 0 when none) and, when at > 0,
 * the hash of its event at (empty when it has none). */
struct log_end {
	long long last;
	char last_hash[65], hash_at[65];
};

static int read_log_end(const char *path, long long at, struct log_end *e)
{
	sqlite3 *db = NULL;
	db_stmt *s = NULL;
	int rc;

	memset(e, 0, sizeof *e);
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = db_lite_prepare(db, "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1", &s);
	if (rc == SQLITE_OK && db_step(s) == DB_ROW) {
		e->last = db_col_int64(s, 0);
		store_col_text(s, 1, e->last_hash, sizeof e->last_hash);
	}
	db_finalize(s);
	s = NULL;
	if (rc == SQLITE_OK && at > 0)
		rc = db_lite_prepare(db, "SELECT hash FROM events WHERE id = ?1", &s);
	if (rc == SQLITE_OK && at > 0) {
		db_bind_int64(s, 1, at);
		if (db_step(s) == DB_ROW)
			store_col_text(s, 0, e->hash_at, sizeof e->hash_at);
	}
	db_finalize(s);
	sqlite3_close(db);
	return rc;
}

struct restore_note {
	const char *backup;
	char what[400];
};

static int restore_event(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct restore_note *n = vctx;

	(void)err;
	return store_event(st, 0, "database", 0, "restore", n->what, n->backup);
}

struct note_ctx {
	const char *entity, *action, *detail;
};

static int note_event(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct note_ctx *n = vctx;

	(void)err;
	return store_event(st, 0, n->entity, 0, n->action, NULL, n->detail);
}

int store_note_event(struct yc_store *st, const char *entity, const char *action, const char *detail,
		     struct yc_err *err)
{
	struct note_ctx n = { entity, action, detail };

	return store_run(st, 1, note_event, &n, err);
}

static const char SQL_LOG_LAST[] = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1";
static const char SQL_LOG_AT[] = "SELECT hash FROM events WHERE id = ?1";

struct live_end {
	long long at;
	struct log_end e;
};

/* read_log_end for the store's own file, through its locking */
static int read_live_end(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct live_end *l = vctx;
	db_stmt *s = store_prep(st, SQL_LOG_LAST);
	int rc;

	(void)err;
	memset(&l->e, 0, sizeof l->e);
	if (!s)
		return st->rc;
	if ((rc = db_step(s)) == DB_ROW) {
		l->e.last = db_col_int64(s, 0);
		store_col_text(s, 1, l->e.last_hash, sizeof l->e.last_hash);
	} else if (rc != DB_DONE) {
		return rc;
	}
	if (l->at <= 0)
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_LOG_AT)))
		return st->rc;
	db_bind_int64(s, 1, l->at);
	if ((rc = db_step(s)) == DB_ROW)
		store_col_text(s, 0, l->e.hash_at, sizeof l->e.hash_at);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

/* What a restore drops: the events of the file after the backup's last,
 * said in the restored file's own log ("dropped N events: FIRST-LAST, at
 * SECONDS; ...", which check reads to tell a restore from a log that lost
 * its end). */
static void restore_what(struct yc_store *st, const char *backup, char *out, size_t n)
{
	struct log_end copy;
	struct live_end live;
	struct yc_err err;
	long long now = (long long)time(NULL);

	read_log_end(backup, 0, &copy);
	live.at = copy.last;
	if (store_run(st, 0, read_live_end, &live, &err) < 0)
		memset(&live.e, 0, sizeof live.e);
	if (copy.last <= live.e.last && strcmp(live.e.hash_at, copy.last_hash) == 0) {
		snprintf(out, n, "dropped %lld events: %lld-%lld, at %lld; the last was event %lld (hash %.16s); the backup ends at event %lld",
			 live.e.last - copy.last, copy.last + 1, live.e.last, now, live.e.last, live.e.last_hash, copy.last);
		return;
	}
	read_log_end(backup, live.e.last, &copy);
	if (copy.last >= live.e.last && strcmp(copy.hash_at, live.e.last_hash) == 0) {
		snprintf(out, n, "dropped 0 events: 0-0, at %lld; the backup is a later state of this log (up to event %lld)",
			 now, copy.last);
		return;
	}
	snprintf(out, n, "dropped %lld events: 1-%lld, at %lld; the backup is not an earlier state of this log, whose events up to %lld (hash %.16s) it replaced",
		 live.e.last, live.e.last, now, live.e.last, live.e.last_hash);
}

int store_restore(const char *path, const char *locking, const char *backup, const char *actor,
		  store_report report, void *ctx, struct yc_err *err)
{
	struct store_opts o = { locking, 30000, 60, actor && actor[0] ? actor : "restore", 1 };
	struct restore_note note = { backup, "" };
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
	restore_what(st, backup, note.what, sizeof note.what);
	rc = sqlite3_open_v2(backup, &from, SQLITE_OPEN_READONLY, NULL);
	if (rc == SQLITE_OK)
		rc = copy_db(st->db, from, 30000);
	sqlite3_close(from);
	if (rc != SQLITE_OK) {
		store_set_error(st, rc, err);
		store_close(st);
		return -1;
	}
	store_share_logs_forget(path);
	store_close(st);
	/* the restored file says so itself: from which backup, by whom, what
	 * it dropped (opened again: an older backup is brought up to date) */
	if (store_open(&st, path, &o, err) < 0)
		return -1;
	return store_restore_noted(st, restore_event, &note, note.what, backup, report, ctx, err);
}

int store_restore_noted(struct yc_store *st, store_body event, void *note, const char *what, const char *backup,
			store_report report, void *ctx, struct yc_err *err)
{
	char target[sizeof st->path];
	int rc = store_run(st, 1, event, note, err);

	yc_strlcpy(target, st->path, sizeof target);
	store_close(st);
	if (rc < 0)
		return -1;
	store_say(report, ctx, 1, _("restored %s from %s"), target, backup);
	store_say(report, ctx, 1, _("the restore is in the event log: %s"), what);
	return 0;
}

/* On a server the stations are its other sessions of the program
 * (db_pg_connect names them "yichuang") in this database. */
static const char SQL_SERVER_STATIONS[] =
	"SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
	" AND application_name = 'yichuang' AND pid <> pg_backend_pid()";

static int count_server_stations(struct yc_store *st, void *vctx, struct yc_err *err)
{
	(void)err;
	return store_count_tx(st, SQL_SERVER_STATIONS, NULL, 0, vctx);
}

/* How many stations work with the database: their presence marks beside
 * a file; the program's other sessions on a server (-1: not known). */
static long stations_working(struct yc_store *st, store_report report, void *ctx, struct yc_err *err)
{
	long n = 0;

	int looks;

	if (!st->pg)
		return stations_present(st->path, report, ctx);
	/* a station that has just quit is still listed while its server
	 * process ends: looked at again for up to 2 s */
	for (looks = 0; looks < 20; looks++) {
		if (store_run(st, 0, count_server_stations, &n, err) < 0)
			return -1;
		if (n == 0)
			break;
		usleep(100000);
	}
	if (n > 0)
		store_say(report, ctx, 0, _("%ld sessions of yichuang are connected to the server's database"), n);
	return n;
}

/* Seal what has no valid seal, as it is now (store-audit.c), while no
 * station works. */
int store_seal(struct yc_store *st, store_report report, void *ctx, struct yc_err *err)
{
	long working = stations_working(st, report, ctx, err);

	if (working < 0)
		return -1;
	if (working > 0) {
		yc_err_set(err, YC_EBUSY, "%s",
			   _("Stations are still working with this database: ask them to quit yichuang, then seal again."));
		return -1;
	}
	return store_audit_seal(st, report, ctx, err);
}
