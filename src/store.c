/* store.c - the store's own machinery, under the store-*.c files that hold
 * each part's SQL: the schema's migrations, the statement cache, opening
 * and reconnecting, the station's presence, and the discipline that keeps
 * one SQLite file safe on a network share: short transactions, retry with
 * backoff on a busy lock, plain-words errors, a chained event log (its
 * seals are store-audit.c's, creating a database store-create.c's).
 * Why, as seen on the network drive of tests/share-rig.sh (one share
 * mounted once per PC with sshfs; tests/netdrive*.sh run on it):
 *  - POSIX locks taken on one PC do not exclude another PC on the share
 *    (lost updates, a corrupt file); the dot-file lock of "unix-dotfile"
 *    (mkdir DB.lock) does.
 *  - A station that dies while saving leaves a stale DB.lock directory
 *    and a hot DB-journal behind; nothing in SQLite ages the lock out.
 *  - SQLite 3.40.1's unix-dotfile path does not roll a hot journal back
 *    (the file is then corrupt), so `recover` (store-admin.c) opens it
 *    once with the plain unix VFS, nobody else inside, and that does.
 *  - A station cut off from the share while it holds the lock used to
 *    give DB.lock back when it closed (or connected again) once the share
 *    was back, leaving the interrupted save's journal hot with no lock;
 *    the next station then took the half-written file for a good one.
 * So "unix-dotfile" is this file's own VFS (The dot-file lock, below):
 * SQLite's mkdir protocol, a hot journal rolled back by whoever takes the
 * lock, and a lock lost with the share kept until the station knows it is
 * still its own. */
#include "config.h"

#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <utime.h>

#include "auth.h"
#include "db-pg.h"
#include "embedded.h"
#include "retry.h"
#include "store.h"
#include "dialect.h"
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
	yc_data_migrate_13_sql,
	yc_data_migrate_14_sql,
	yc_data_migrate_15_sql,
	yc_data_migrate_16_sql,
	yc_data_migrate_17_sql,
	yc_data_migrate_18_sql,
	yc_data_migrate_19_sql,
	yc_data_migrate_20_sql,
	yc_data_migrate_21_sql,
	yc_data_migrate_22_sql,
	yc_data_migrate_23_sql,
	yc_data_migrate_24_sql,
	yc_data_migrate_25_sql,
	yc_data_migrate_26_sql,
	yc_data_migrate_27_sql,
	yc_data_migrate_28_sql,
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

/* A full cache makes room by finalizing the statement used least recently
 * that is not stepping. One still stepping belongs to a loop that goes on
 * with it after preparing others inside; and the statement a caller just
 * got (and bound) is the most recent, so preparing a second one never
 * frees the first under its feet. -1 when every statement is stepping. */
static int evict_least_used(struct yc_store *st)
{
	int i, victim = -1;

	for (i = 0; i < st->n_cached; i++)
		if (!db_busy(st->cache[i].stmt) &&
		    (victim < 0 || st->cache[i].used < st->cache[victim].used))
			victim = i;
	if (victim < 0)
		return -1;
	db_finalize(st->cache[victim].stmt);
	st->cache[victim] = st->cache[--st->n_cached];
	return 0;
}

db_stmt *store_prep(struct yc_store *st, const char *sql)
{
	int i;

	store_audit_attach(st);   /* its hooks, before this connection changes anything */
	/* cached by the address of the SQL text: each call site has its own */
	for (i = 0; i < st->n_cached; i++)
		if (st->cache[i].sql == sql) {
			st->cache[i].used = ++st->uses;
			return st->cache[i].stmt;
		}
	if (st->n_cached == STORE_CACHE_SIZE && evict_least_used(st) < 0) {
		st->rc = SQLITE_INTERNAL;   /* STORE_CACHE_SIZE loops nested: a fault */
		return NULL;
	}
	if (st->pg)
		st->rc = db_pg_prepare(st->pg, sql, &st->cache[st->n_cached].stmt);
	else
		st->rc = sqlite3_prepare_v3(st->db, sql, -1, SQLITE_PREPARE_PERSISTENT, (sqlite3_stmt **)
					    &st->cache[st->n_cached].stmt, NULL);
	/* text with no statement in it is prepared "successfully" as NULL:
	 * an error here, or its caller's `return st->rc` would say SQLITE_OK */
	if (st->rc == SQLITE_OK && !st->cache[st->n_cached].stmt)
		st->rc = SQLITE_MISUSE;
	if (st->rc != SQLITE_OK)
		return NULL;
	st->cache[st->n_cached].sql = sql;
	st->cache[st->n_cached].used = ++st->uses;
	return st->cache[st->n_cached++].stmt;
}

void store_reset_all(struct yc_store *st)
{
	int i;

	for (i = 0; i < st->n_cached; i++) {
		db_reset(st->cache[i].stmt);
		db_clear_bindings(st->cache[i].stmt);
	}
}

void store_col_text(db_stmt *s, int col, char *out, size_t outsz)
{
	const char *t = db_col_text(s, col);

	yc_strlcpy(out, t ? t : "", outsz);
}

/* The dot-file lock --------------------------------------------------------- */

/* "unix-dotfile" in the configuration opens the database through the VFS
 * "yichuang-dotfile": reads and writes are SQLite's own (its "unix-none",
 * the unix VFS without locks), the lock is SQLite's dot-file protocol, kept
 * here: mkdir DB.lock takes it (EEXIST: busy), each step up touches its
 * mtime, rmdir gives it back. Stations of other versions, on SQLite's own
 * unix-dotfile, exclude and are excluded just the same. Besides:
 *  - Each time it takes the lock it looks at DB-journal. One that is not
 *    empty while nobody else can hold the lock is a save interrupted by a
 *    station that no longer holds it (it died, or lost the share and its
 *    lock was removed), and it is rolled back before SQLite reads a page:
 *    through the plain unix VFS, this station holding DB.lock so that
 *    nobody else is inside (store_undo_journal, as recover does). SQLite
 *    3.40.1's own dot-file path takes its own DB.lock for another station's,
 *    calls the journal cold and overwrites it with the next save. "Hot" is
 *    "not empty": one stat() when the lock is taken, no read of a file that
 *    may be half written; whether it holds anything to undo is then
 *    SQLite's to tell, by its own rules. A journal it cannot undo keeps the
 *    lock where it is, and the station says to run recover.
 *  - After an I/O error on the database or its journal while the lock is
 *    held, the lock is never given back by SQLite's error handling: with
 *    the share gone, or back already, that leaves the save's journal hot
 *    with no lock, or removes a lock recover has since let another station
 *    take. The store takes it over (lock_owed) and gives it back when it
 *    knows it is still its own (reclaim_lock).
 *  - A lock that cannot be made for another reason than EEXIST says so at
 *    once (no permission, a read-only share, the folder gone), where SQLite
 *    takes EACCES for a busy lock and lets the station wait in vain. */
#define DOT_VFS "yichuang-dotfile"
/* A step up touches DB.lock (its age starts again) only when it is older:
 * far below any stale_lock_seconds, so that a save never looks stale. */
#define DOT_TOUCH_SECONDS 5

struct dot_file {
	sqlite3_file base;
	sqlite3_file *real;          /* unix-none's file, in the same allocation */
	struct dot_file *next;       /* every open file of this VFS */
	struct dot_file *db;         /* a journal's database file, or NULL */
	int is_db;
	int level;                   /* the lock level SQLite asked for */
	int held;                    /* this file made DB.lock and has not removed it */
	int lost;                    /* an I/O error while held: DB.lock stays */
	int lock_errno;              /* why DB.lock could not be made (not EEXIST) */
	int undo;                    /* the journal found on taking the lock: 1 undone, -1 not */
	int on_share;                /* the database or its journal, not a temporary file */
	int is_journal;
	/* writes held back (Fewer round trips, below): one run of bytes */
	unsigned char *run;
	sqlite3_int64 run_at;
	size_t run_len, run_cap;
	/* what this station knows while it holds the lock, unasked */
	int journal_absent;          /* DB-journal was not there when the lock was taken */
	int counter_seen;            /* the header's change counter passed by under this lock */
	uint32_t counter;
	int vers_seen;               /* ... and the 12 bytes after it: SQLite's file version */
	unsigned char vers[16];
	struct dot_pages *pages;     /* pages kept between locks (the database's file) */
	int journal_gone;            /* its journal deleted since its last page was written */
	int fresh;                   /* a journal made under this station's lock (none was there) */
	sqlite3_int64 written_end;   /* ... and where what it wrote there ends */
	struct timespec held_since;  /* when DB.lock was made */
	char why[160];               /* why it could not be undone */
	char path[YC_LOCK_PATH_MAX]; /* the database */
};

#define DOT_FILE_SIZE ((sizeof(struct dot_file) + 15) & ~(size_t)15)

static struct dot_file *dot_files;
static sqlite3_vfs dot_vfs;
static const sqlite3_io_methods dot_methods;
static int dot_rmdir(const char *path);
struct dot_pages;
static void pages_new(struct dot_file *p);
static void pages_forget(struct dot_file *p);
static void pages_free(struct dot_file *p);
static void pages_locked(struct dot_file *p);
static int pages_hit(struct dot_file *p, void *buf, int n, sqlite3_int64 at);
static void pages_read(struct dot_file *p, const void *buf, int n, sqlite3_int64 at);
static void pages_wrote(struct dot_file *p, const void *buf, int n, sqlite3_int64 at);
static void pages_unlocking(struct dot_file *p);
static void pages_put(struct dot_pages *g, const void *buf, int n, sqlite3_int64 at);
static void refresh_count(const struct dot_file *p);
static void dot_note_counter(struct dot_file *p, const void *buf, int n, sqlite3_int64 at);

/* Requests made to the share by this process (store_share_counts). */
static long dot_requests[REQ_KINDS];

static void dot_count(const struct dot_file *p, enum store_request_kind kind)
{
	if (!p || p->on_share)
		dot_requests[kind]++;
}

const char *store_request_name(enum store_request_kind kind)
{
	static const char *const names[REQ_KINDS] = {
		"read", "write", "sync", "truncate", "size", "open", "close", "delete", "access",
		"mkdir", "rmdir", "utime", "stat",
	};

	return kind < REQ_KINDS ? names[kind] : "?";
}

long store_requests_total(const long counts[REQ_KINDS])
{
	long n = 0;
	int i;

	for (i = 0; i < REQ_KINDS; i++)
		n += counts[i];
	return n;
}

void store_share_counts(const struct yc_store *st, struct store_share_counts *out)
{
	*out = st->share;
}

static void dot_list_lock(int enter)
{
	sqlite3_mutex *m = sqlite3_mutex_alloc(SQLITE_MUTEX_STATIC_APP1);

	if (enter)
		sqlite3_mutex_enter(m);
	else
		sqlite3_mutex_leave(m);
}

static void dot_lock_path(const struct dot_file *p, char *out, size_t n)
{
	snprintf(out, n, "%s.lock", p->path);
}

/* An I/O error while the lock is held: the lock stays where it is. */
static int dot_failed(struct dot_file *p, int rc)
{
	struct dot_file *d = p->is_db ? p : p->db;

	if ((rc & 0xFF) == SQLITE_IOERR && rc != SQLITE_IOERR_SHORT_READ && rc != SQLITE_IOERR_NOMEM &&
	    d && d->held)
		d->lost = 1;
	if (rc != SQLITE_OK && rc != SQLITE_IOERR_SHORT_READ)
		pages_forget(d);   /* whatever a failed call left in the file, nothing kept is trusted */
	return rc;
}

/* Fewer round trips ---------------------------------------------------------
 *
 * On a share every call is a round trip, made while every other station
 * waits for the lock. SQLite writes a journalled page as three writes (its
 * number, the page, a checksum) and the database's pages one by one; here
 * the writes that follow each other in a file are held back and go as one
 * write, before anything else is done with that file (a sync, a read, its
 * size, a truncation, a lock change, its closing). Nothing is lost by it:
 * SQLite counts on no write before the xSync that follows it (the journal
 * is synced before the database is written, the database before the
 * journal goes), and a station that dies meanwhile has written less of a
 * journal whose header still says it holds nothing, or less of a database
 * whose journal is complete and synced - the state of a crash one write
 * earlier, which the next lock rolls back as always. */
/* A bigger run goes in pieces this large: SQLite's unix VFS writes at most
 * 128 KiB - 1 bytes a call, and a FUSE mount (sshfs) sends 64 KiB or
 * 128 KiB a request. */
#define DOT_RUN_MAX 65536

static int dot_flush(struct dot_file *p)
{
	int rc;

	if (!p->run_len)
		return SQLITE_OK;
	dot_count(p, REQ_WRITE);
	rc = p->real->pMethods->xWrite(p->real, p->run, (int)p->run_len, p->run_at);
	p->run_len = 0;
	return rc;
}

/* Held back when it continues (or rewrites part of) the run held; 0 held,
 * else the write is for the caller to make. */
static int dot_hold(struct dot_file *p, const void *buf, int n, sqlite3_int64 at)
{
	size_t end = (size_t)(at - p->run_at) + (size_t)n;

	if (p->run_len && (at < p->run_at || at > p->run_at + (sqlite3_int64)p->run_len))
		return -1;
	if (!p->run_len)
		p->run_at = at, end = (size_t)n;
	if (end > DOT_RUN_MAX)
		return -1;
	if (end > p->run_cap) {
		size_t cap = p->run_cap ? p->run_cap : 65536;
		unsigned char *b;

		while (cap < end)
			cap *= 2;
		if (!(b = realloc(p->run, cap)))
			return -1;
		p->run = b;
		p->run_cap = cap;
	}
	memcpy(p->run + (at - p->run_at), buf, (size_t)n);
	if (end > p->run_len)
		p->run_len = end;
	return 0;
}

/* Pages kept between locks -------------------------------------------------
 *
 * Each time another station has committed, SQLite drops every page it
 * holds and reads again whatever it needs: with 16 busy stations some 60
 * reads of a write transaction's 90 requests, each a round trip made under
 * the lock. Most of those pages did not change. So this VFS keeps the
 * pages it read or wrote (up to DOT_PAGES_SLOTS of them), for the file
 * version they belong to (the 16 bytes at offset 24 of the header: change
 * counter, size, free list), and serves them again under a later lock
 * when it knows which pages changed since:
 *  - a station of this version that committed appends, under the lock and
 *    only after its journal is gone (the commit done), a record to
 *    DB.changes: the version before, the version after, the pages it wrote;
 *  - a station taking the lock that finds another version than its pages'
 *    reads DB.changes (one read) and follows the records from its version
 *    to the one found, taking the pages each names as DB.pages has them
 *    (The pages' new contents, below) or else forgetting them. When the chain
 *    does not reach it - a station of another version, the sqlite3 shell,
 *    a commit whose record was not written (the station died just after
 *    its commit), a file put back by restore, a log begun again - it
 *    forgets every page, as SQLite does;
 *  - a truncation, a write that is not a whole page, an error, a journal
 *    rolled back (store_undo_journal writes past this VFS) or a share gone
 *    away forget every page too.
 * A record's chain is only believed from the version the station's own
 * pages belong to, to the version found in the file under the lock, so a
 * record left by a save that did not happen is never followed (its
 * "before" is a version no later save starts from but by going back: a
 * restore, which begins DB.changes and DB.pages again for that reason,
 * store_share_logs_forget). */
#define DOT_PAGES_SLOTS 4096          /* 16 MB of 4 KiB pages */
#define DOT_LOG_MAX 32768             /* DB.changes: read in one request */
#define DOT_LOG_MAGIC 0x59435067u     /* 'YCPg' */
#define DOT_LOG_HEAD 40               /* magic, count, 0, before[16], after[16] */
#define DOT_LOG_MAX_PAGES ((DOT_LOG_MAX - DOT_LOG_HEAD - 4) / 4)
/* This station's records: the page numbers are followed by where in
 * DB.pages the pages' new contents are (offset, 4 bytes; all ones when
 * they are not there), their sum (8), and the record's own sum (4: with
 * its 16-bit check, a record read while being written or moved is never
 * taken for one). Older stations stop reading the log at one (its magic
 * is not theirs) and forget their pages, as when a chain breaks. */
#define DOT_LOG_MAGIC_IMAGES 0x59435069u   /* 'YCPi' */
#define DOT_LOG_TAIL 16
#define DOT_IMAGES_NONE 0xFFFFFFFFu
#define DOT_IMAGES_RING (4 << 20)        /* DB.pages: written round, from its start when at its end */
#define DOT_IMAGES_PAGES 64              /* a save writing more tells their numbers only */
#define DOT_IMAGES_READ (512 << 10)      /* read under one lock, at most */
#define DOT_IMAGES_READ_BEFORE (2 << 20) /* read before one, at most: nobody waits meanwhile */

struct dot_pages {
	int size;                     /* the page size (the first page read says) */
	int valid;                    /* the pages kept are those of version vers */
	unsigned char vers[16];
	int checked;                  /* held against the file under this lock */
	unsigned char lock_vers[16];  /* the version found under this lock */
	int dirty_all;                /* written otherwise than page by page */
	uint32_t *written;            /* pages written under this lock */
	int n_written, cap_written;
	int log_fd;                   /* DB.changes, -1 not open */
	int images_fd;                /* DB.pages, -1 not open */
	unsigned char *img;           /* the pages written under this lock, as written */
	int img_over;                 /* more than DOT_IMAGES_PAGES of them: not kept */
	int log_read;                 /* read under this lock */
	int log_len;                  /* the end of its last good record */
	int log_known;                /* log is DB.changes as long as the file is at version log_vers */
	unsigned char log_vers[16];
	unsigned char log[DOT_LOG_MAX];
	struct {
		sqlite3_int64 at;
		unsigned char *data;
	} slot[DOT_PAGES_SLOTS];
};

static uint32_t get32(const unsigned char *b)
{
	return (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
}

static void put32(unsigned char *b, uint32_t v)
{
	b[0] = (unsigned char)(v >> 24);
	b[1] = (unsigned char)(v >> 16);
	b[2] = (unsigned char)(v >> 8);
	b[3] = (unsigned char)v;
}

static void pages_new(struct dot_file *p)
{
	p->pages = calloc(1, sizeof *p->pages);
	if (p->pages)
		p->pages->log_fd = p->pages->images_fd = -1;
}

static void pages_forget(struct dot_file *p)
{
	int i;

	if (!p || !p->pages)
		return;
	for (i = 0; i < DOT_PAGES_SLOTS; i++)
		p->pages->slot[i].at = -1;
	p->pages->valid = 0;
}

static void pages_free(struct dot_file *p)
{
	int i;

	if (!p->pages)
		return;
	for (i = 0; i < DOT_PAGES_SLOTS; i++)
		free(p->pages->slot[i].data);
	free(p->pages->written);
	free(p->pages->img);
	if (p->pages->log_fd >= 0)
		close(p->pages->log_fd);
	if (p->pages->images_fd >= 0)
		close(p->pages->images_fd);
	free(p->pages);
	p->pages = NULL;
}

/* A new lock: nothing looked at, nothing written yet. */
static void pages_locked(struct dot_file *p)
{
	if (!p->pages)
		return;
	p->pages->checked = 0;
	p->pages->dirty_all = 0;
	p->pages->n_written = 0;
	p->pages->img_over = 0;
	p->pages->log_read = 0;
	p->journal_gone = 0;
}

static int pages_is_page(const struct dot_pages *g, int n, sqlite3_int64 at)
{
	return g->size > 0 && n == g->size && at % n == 0;
}

static void pages_drop(struct dot_pages *g, uint32_t pgno)
{
	sqlite3_int64 at = (sqlite3_int64)(pgno - 1) * g->size;

	if (g->slot[(pgno - 1) % DOT_PAGES_SLOTS].at == at)
		g->slot[(pgno - 1) % DOT_PAGES_SLOTS].at = -1;
}

/* A file kept beside the database (DB.changes, DB.pages) open in *fd,
 * made if need be, once. */
static int open_beside(struct dot_file *p, const char *suffix, int *fd)
{
	char path[YC_LOCK_PATH_MAX + 16];

	if (*fd >= 0)
		return 0;
	snprintf(path, sizeof path, "%s%s", p->path, suffix);
	dot_count(p, REQ_OPEN);
	*fd = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0666);
	return *fd >= 0 ? 0 : -1;
}

static int pages_log_open(struct dot_file *p)
{
	return open_beside(p, ".changes", &p->pages->log_fd);
}

static int log_good_end(const unsigned char *log, ssize_t got);

/* DB.changes, whole (one read), and where its good records end. */
static int pages_log_read(struct dot_file *p)
{
	struct dot_pages *g = p->pages;
	ssize_t got;

	if (g->log_read)
		return 0;
	if (pages_log_open(p) < 0)
		return -1;
	dot_count(p, REQ_READ);
	got = pread(g->log_fd, g->log, sizeof g->log, 0);
	g->log_known = 0;
	if (got < 0)
		return -1;
	g->log_len = log_good_end(g->log, got);
	g->log_read = 1;
	if (p->held && !p->lost && p->vers_seen) {
		memcpy(g->log_vers, p->vers, 16);   /* under the lock: as it is */
		g->log_known = 1;
	}
	return 0;
}

/* A record's check, in the low 16 bits of its count word: a sum of its
 * versions and pages, never 0. It is held to wherever it is there (a
 * record torn by a station that died writing it). Stations before it
 * wrote 0 there; their records are still followed under the lock, where
 * nobody can be writing one, but never before it (pages_refresh): a
 * record read while it was being written would pass the magic and the
 * count. */
static uint16_t log_record_sum(const unsigned char *rec, int size)
{
	uint32_t a = 1, b = 0, both;
	int i;

	for (i = 8; i < size; i++) {
		a = (a + rec[i]) % 65521;
		b = (b + a) % 65521;
	}
	both = b << 16 | a;
	both ^= both >> 16;
	return (uint16_t)both ? (uint16_t)both : 1;
}

/* A record's own sum (FNV-1a, 32 bits) of its versions, pages and
 * where their contents are (its last word holds it). */
static uint32_t record_own_sum(const unsigned char *rec, int size)
{
	uint32_t h = 0x811c9dc5u;
	int i;

	for (i = 8; i < size - 4; i++)
		h = (h ^ rec[i]) * 0x01000193u;
	return h;
}

static int log_is_record(const unsigned char *rec)
{
	return get32(rec) == DOT_LOG_MAGIC || get32(rec) == DOT_LOG_MAGIC_IMAGES;
}

static int log_record_pages(const unsigned char *rec)
{
	return (int)(get32(rec + 4) >> 16);
}

static int log_record_size(const unsigned char *rec)
{
	return DOT_LOG_HEAD + 4 * log_record_pages(rec) + (get32(rec) == DOT_LOG_MAGIC_IMAGES ? DOT_LOG_TAIL : 0);
}

/* A record of this station's kind whose own sum holds (else one torn). */
static int record_sound(const unsigned char *rec)
{
	int size = log_record_size(rec);

	return get32(rec) == DOT_LOG_MAGIC_IMAGES && get32(rec + size - 4) == record_own_sum(rec, size);
}

/* A record at the end of the log in buf (its good records end at *len),
 * followed by a zero word so that what lies beyond is never read as
 * records; tail, when not NULL, says where in DB.pages the pages' new
 * contents are. The offset from which buf is to be written (to *len + 4). */
static int log_append(unsigned char *buf, int *len, const unsigned char *before, const unsigned char *after,
		      const uint32_t *pages, int n, const unsigned char *tail)
{
	int size = DOT_LOG_HEAD + 4 * n + (tail ? DOT_LOG_TAIL : 0), at = *len, from = *len, i;
	unsigned char *rec;

	if (at + size + 4 > DOT_LOG_MAX) {
		/* full: its latest records, up to half of it, moved to its start
		 * and written with the new one as one write - a station a few
		 * saves behind still finds its way (with 16 busy stations a log
		 * begun afresh each time lost everyone's pages every few
		 * seconds); one further behind forgets its pages */
		int r = 0;

		while (r < *len && *len - r > DOT_LOG_MAX / 2)
			r += log_record_size(buf + r);
		at = r < *len && *len - r + size + 4 <= DOT_LOG_MAX ? *len - r : 0;
		memmove(buf, buf + r, (size_t)at);
		from = 0;
	}
	rec = buf + at;

	put32(rec, tail ? DOT_LOG_MAGIC_IMAGES : DOT_LOG_MAGIC);
	memcpy(rec + 8, before, 16);
	memcpy(rec + 24, after, 16);
	for (i = 0; i < n; i++)
		put32(rec + DOT_LOG_HEAD + 4 * i, pages[i]);
	if (tail) {
		memcpy(rec + DOT_LOG_HEAD + 4 * n, tail, DOT_LOG_TAIL - 4);
		put32(rec + size - 4, record_own_sum(rec, size));
	}
	put32(rec + 4, (uint32_t)n << 16 | log_record_sum(rec, size));
	put32(rec + size, 0);
	*len = at + size;
	return from;
}

/* The end of the good records in a log of got bytes. */
static int log_good_end(const unsigned char *log, ssize_t got)
{
	int at = 0;

	while (at + DOT_LOG_HEAD <= got && log_is_record(log + at) && at + log_record_size(log + at) <= got)
		at += log_record_size(log + at);
	return at;
}

void store_share_logs_forget(const char *path)
{
	static const char *const beside[] = { ".changes", ".pages" };
	char name[YC_LOCK_PATH_MAX + 16];
	size_t i;

	for (i = 0; i < sizeof beside / sizeof beside[0]; i++) {
		snprintf(name, sizeof name, "%s%s", path, beside[i]);
		if (unlink(name) != 0 && errno != ENOENT && truncate(name, 0) != 0)
			continue;   /* neither removed nor emptied: the share refuses both */
	}
}

/* The records leading from the version of the pages kept to `to`, in
 * order: their offsets in g->log. */
struct chain {
	int n;
	int at[DOT_LOG_MAX / DOT_LOG_HEAD + 1];
};

/* Follows the records from the version of the pages kept to `to` into c.
 * 0 when the chain reaches it; with `to` NULL, as far as the records go,
 * the version they lead to in `reached` (1: stopped short at a record
 * that does not hold together). A record's check, when it has one, must
 * be right, and so must this station's kind's own sum (a log torn by a
 * station that died writing it); summed (before the lock, where a record
 * may be read while it is written): only sound records of this kind are
 * followed. */
static int pages_chain(struct dot_pages *g, const unsigned char *to, int summed, struct chain *c,
		       unsigned char reached[16])
{
	unsigned char at_vers[16];
	int from = 0;

	c->n = 0;
	memcpy(at_vers, g->vers, 16);
	while (c->n < DOT_LOG_MAX / DOT_LOG_HEAD && (!to || memcmp(at_vers, to, 16) != 0)) {
		int at, found = -1;
		uint32_t check;

		if (reached)
			memcpy(reached, at_vers, 16);

		/* the latest record from this version on */
		for (at = from; at < g->log_len; at += log_record_size(g->log + at))
			if (memcmp(g->log + at + 8, at_vers, 16) == 0)
				found = at;
		if (found < 0 && !to)
			break;
		if (found < 0)
			return -1;
		/* a check is always held to when there is one (a record of an
		 * older station has none: 0); before the lock it must be there */
		check = get32(g->log + found + 4) & 0xFFFF;
		if ((summed || check != 0) && check != log_record_sum(g->log + found, log_record_size(g->log + found)))
			return to ? -1 : 1;
		if ((summed || get32(g->log + found) == DOT_LOG_MAGIC_IMAGES) && !record_sound(g->log + found))
			return to ? -1 : 1;
		c->at[c->n++] = found;
		memcpy(at_vers, g->log + found + 24, 16);
		from = found + log_record_size(g->log + found);
	}
	if (reached)
		memcpy(reached, at_vers, 16);
	return !to || memcmp(at_vers, to, 16) == 0 ? 0 : -1;
}

/* The pages' new contents in DB.pages ----------------------------------------
 *
 * Following the records tells a station which pages it must read again;
 * with 16 busy stations those are the pages the save just before wrote
 * (the same hot pages each time: the tables' last leaves, the indexes'
 * ends), some 28 round trips under the lock of a 60-request save. So a
 * save of up to DOT_IMAGES_PAGES pages also writes them, as one write
 * after each other, to DB.pages (a ring of DOT_IMAGES_RING bytes, begun
 * again at its start when the next would pass its end), and its record
 * says where, with their sum. A station following the records reads the
 * pages of consecutive saves in one request (they lie one after another)
 * and keeps them as they are now; pages a record names without them (an
 * older station's, a bigger save's, ones written over since by the ring,
 * or failing their sum) are forgotten, as before. DB.pages is written
 * under the lock before the record, and a record is only ever followed
 * to the version the station finds in the file, so what the sum accepts
 * is what the save wrote. */
static int images_open(struct dot_file *p)
{
	return open_beside(p, ".pages", &p->pages->images_fd);
}

/* A record's pages' contents' sum (FNV-1a, 64 bits) over its versions
 * and page numbers (the record's bytes from 8 on, `what`) and the
 * contents: a record torn or read half written (its 16-bit check passed
 * by chance) never puts contents on the wrong pages. */
static uint64_t images_sum(const unsigned char *what, size_t what_len, const unsigned char *img, size_t len)
{
	uint64_t h = 0xcbf29ce484222325u;
	size_t i;

	for (i = 0; i < what_len; i++)
		h = (h ^ what[i]) * 0x100000001b3u;
	for (i = 0; i < len; i++)
		h = (h ^ img[i]) * 0x100000001b3u;
	return h;
}

static int record_has_images(const unsigned char *rec)
{
	return get32(rec) == DOT_LOG_MAGIC_IMAGES && get32(rec + DOT_LOG_HEAD + 4 * log_record_pages(rec)) != DOT_IMAGES_NONE;
}


static uint32_t record_images_at(const unsigned char *rec)
{
	return get32(rec + DOT_LOG_HEAD + 4 * log_record_pages(rec));
}

static uint64_t record_images_sum(const unsigned char *rec)
{
	const unsigned char *t = rec + DOT_LOG_HEAD + 4 * log_record_pages(rec) + 4;

	return (uint64_t)get32(t) << 32 | get32(t + 4);
}

/* Where the next save's pages go in DB.pages: after the latest record's. */
static uint32_t images_next(const struct dot_pages *g)
{
	uint32_t next = 0;
	int at;

	for (at = 0; at < g->log_len; at += log_record_size(g->log + at))
		if (record_has_images(g->log + at))
			next = record_images_at(g->log + at) + (uint32_t)(log_record_pages(g->log + at) * g->size);
	return next;
}

/* This save's pages, as written, into DB.pages; tail filled for its
 * record (DOT_IMAGES_NONE where it says where they are when they could
 * not be written: its record names the pages only). */
static void images_write(struct dot_file *p, unsigned char tail[DOT_LOG_TAIL])
{
	struct dot_pages *g = p->pages;
	size_t len = (size_t)g->n_written * (size_t)g->size;
	uint32_t at = images_next(g);
	unsigned char *what;
	uint64_t sum;
	int i;

	memset(tail, 0, DOT_LOG_TAIL);
	put32(tail, DOT_IMAGES_NONE);
	if (!g->n_written || g->img_over || !g->img || images_open(p) < 0)
		return;
	if (at + len > DOT_IMAGES_RING)
		at = 0;
	dot_count(p, REQ_WRITE);
	if (pwrite(g->images_fd, g->img, len, at) != (ssize_t)len || !(what = malloc(32 + 4 * (size_t)g->n_written)))
		return;
	/* what its record will say from its 8th byte on */
	memcpy(what, g->lock_vers, 16);
	memcpy(what + 16, p->vers, 16);
	for (i = 0; i < g->n_written; i++)
		put32(what + 32 + 4 * i, g->written[i]);
	sum = images_sum(what, 32 + 4 * (size_t)g->n_written, g->img, len);
	free(what);
	put32(tail, at);
	put32(tail + 4, (uint32_t)(sum >> 32));
	put32(tail + 8, (uint32_t)sum);
}

/* The pages' contents of the chain's records from c->at[first] on, read
 * from DB.pages (consecutive ones in one request): img[i] points into
 * *buf at record i's, or is NULL when it has none, they could not be read
 * or do not sum. Before the lock the requests are counted as the
 * refresh's. */
static void images_read(struct dot_file *p, const struct chain *c, int first, int before_lock,
			const unsigned char **img, unsigned char **buf)
{
	struct dot_pages *g = p->pages;
	size_t total = 0, used = 0;
	int i, j;

	*buf = NULL;
	for (i = 0; i < c->n; i++)
		img[i] = NULL;
	for (i = first; i < c->n; i++)
		if (record_has_images(g->log + c->at[i]))
			total += (size_t)log_record_pages(g->log + c->at[i]) * (size_t)g->size;
	if (!total || images_open(p) < 0 || !(*buf = malloc(total)))
		return;
	for (i = first; i < c->n; i = j) {
		const unsigned char *rec = g->log + c->at[i];
		uint32_t from = record_images_at(rec), to = from;
		ssize_t got;
		size_t want;
		int k;

		if (!record_has_images(rec)) {
			j = i + 1;
			continue;
		}
		/* this record and the next ones whose pages follow its own */
		for (j = i; j < c->n && record_has_images(g->log + c->at[j]) && record_images_at(g->log + c->at[j]) == to;
		     j++)
			to += (uint32_t)(log_record_pages(g->log + c->at[j]) * g->size);
		want = to - from;
		if (before_lock)
			refresh_count(p);
		else
			dot_count(p, REQ_READ);
		got = pread(g->images_fd, *buf + used, want, from);
		for (k = i; got == (ssize_t)want && k < j; k++) {
			const unsigned char *r = g->log + c->at[k];
			unsigned char *mine = *buf + used + (record_images_at(r) - from);
			size_t len = (size_t)log_record_pages(r) * (size_t)g->size;

			if (images_sum(r + 8, 32 + 4 * (size_t)log_record_pages(r), mine, len) == record_images_sum(r))
				img[k] = mine;
		}
		used += want;
	}
}

/* The first of the chain's records whose pages' contents are read: the
 * latest ones, up to `most` bytes together (a station far behind reads
 * again only what it needs of the older ones). */
static int images_first(const struct dot_pages *g, const struct chain *c, size_t most)
{
	size_t total = 0;
	int i;

	for (i = c->n; i > 0; i--) {
		const unsigned char *rec = g->log + c->at[i - 1];

		if (record_has_images(rec))
			total += (size_t)log_record_pages(rec) * (size_t)g->size;
		if (total > most)
			break;
	}
	return i;
}

/* A record's page as DB.pages has it, kept - unless its slot holds
 * another page kept (no guess at what this station needs pushes out what
 * it read itself). */
static void images_put(struct dot_pages *g, uint32_t pgno, const unsigned char *data)
{
	sqlite3_int64 at = (sqlite3_int64)(pgno - 1) * g->size, in = g->slot[(pgno - 1) % DOT_PAGES_SLOTS].at;

	if (!g->slot[(pgno - 1) % DOT_PAGES_SLOTS].data || in == -1 || in == at)
		pages_put(g, data, g->size, at);
}

/* The pages the chain's records name: as DB.pages has them (the latest
 * records' up to DOT_IMAGES_READ bytes), else forgotten, in order - a
 * later record's over an earlier's. */
static void follow_records(struct dot_file *p, const struct chain *c, int before_lock)
{
	struct dot_pages *g = p->pages;
	const unsigned char **img = malloc(sizeof *img * (DOT_LOG_MAX / DOT_LOG_HEAD + 1));
	unsigned char *buf = NULL;
	int i, j;

	if (img)
		images_read(p, c, images_first(g, c, before_lock ? DOT_IMAGES_READ_BEFORE : DOT_IMAGES_READ), before_lock,
			    img, &buf);
	for (i = 0; i < c->n; i++) {
		const unsigned char *rec = g->log + c->at[i];

		for (j = 0; j < log_record_pages(rec); j++) {
			uint32_t pgno = get32(rec + DOT_LOG_HEAD + 4 * j);

			if (!pgno)
				continue;
			pages_drop(g, pgno);
			if (img && img[i])
				images_put(g, pgno, img[i] + (size_t)j * (size_t)g->size);
		}
	}
	free(img);
	free(buf);
}

/* The pages each record names, from the version kept to `to`, brought up
 * to date or forgotten (follow_records). */
static int pages_follow(struct dot_file *p, const unsigned char *to)
{
	struct chain *c = malloc(sizeof *c);
	int rc = -1;

	if (c && pages_chain(p->pages, to, 0, c, NULL) == 0) {
		follow_records(p, c, 0);
		rc = 0;
	}
	free(c);
	return rc;
}

/* Under a new lock, before a page is served: the pages kept made those of
 * the version in the file now. 0 done, -1 not possible (nothing served). */
static int pages_check(struct dot_file *p)
{
	struct dot_pages *g = p->pages;
	unsigned char b[16];

	if (g->checked)
		return 0;
	if (!p->counter_seen || !p->vers_seen) {
		dot_count(p, REQ_READ);
		if (p->real->pMethods->xRead(p->real, b, 16, 24) != SQLITE_OK)
			return -1;
		dot_note_counter(p, b, 16, 24);
	}
	/* no save since DB.changes was last read (each adds to it, and
	 * changes the version): what was read is what it holds */
	if (g->log_known && memcmp(g->log_vers, p->vers, 16) == 0)
		g->log_read = 1;
	if (g->valid && memcmp(g->vers, p->vers, 16) != 0 && (pages_log_read(p) < 0 || pages_follow(p, p->vers) < 0))
		pages_forget(p);
	memcpy(g->vers, p->vers, 16);
	memcpy(g->lock_vers, p->vers, 16);
	g->valid = 1;
	g->checked = 1;
	return 0;
}

/* Pages kept, brought up to date before the lock --------------------------
 *
 * A live screen's reload, or a save after other stations' saves, followed
 * the records under the lock: DB.changes read, then DB.pages, while the
 * others wait. pages_refresh does it before the lock instead (store_run,
 * before each transaction, and again when the station comes first in the
 * line for the lock, turn_wait, while the one ahead works): it reads
 * DB.changes and follows the records from the version of the pages kept
 * as far as they go, keeping their pages as DB.pages has them (or
 * forgetting them), and the version they lead to. Nothing is read from
 * the database, so nothing a save is writing meanwhile can be taken for
 * committed: every record is of a save done (written under its lock after
 * its journal went), a record read while being written fails its check
 * (log_record_sum) and its pages their sum (images_sum, which covers the
 * record's versions and page numbers too); the save being made, or any
 * made past the records (an older station's, the sqlite3 shell's), is
 * found under the lock, where the version in the file is held to the
 * records as before (pages_check). A save rolled back puts back pages of
 * a version the records already lead to.
 * The reads are counted apart (store_share_counts: refresh), not as the
 * transaction's: they keep nobody waiting. */
static long dot_refresh_requests;

static void refresh_count(const struct dot_file *p)
{
	if (p->on_share)
		dot_refresh_requests++;
}

/* DB.changes read afresh, outside the lock; its good records end at
 * g->log_len. The next lock reads it again. */
static int refresh_log(struct dot_file *p)
{
	long before[REQ_KINDS];
	int rc, k;

	memcpy(before, dot_requests, sizeof before);
	p->pages->log_read = 0;
	rc = pages_log_read(p);
	/* counted as the refresh's (its open too), not as a transaction's */
	for (k = 0; k < REQ_KINDS; k++) {
		dot_refresh_requests += dot_requests[k] - before[k];
		dot_requests[k] = before[k];
	}
	return rc;
}

static void pages_refresh(struct dot_file *p)
{
	struct dot_pages *g = p->pages;
	unsigned char latest[16];
	struct chain *c;
	int rc = -1;

	if (!g || !g->valid || g->size <= 0 || p->held || p->lost || !(c = malloc(sizeof *c)))
		return;
	if (refresh_log(p) == 0)
		rc = pages_chain(g, NULL, 1, c, latest);
	if (rc >= 0) {
		if (c->n > 0)
			follow_records(p, c, 1);
		memcpy(g->vers, latest, 16);
		/* a save after this read changes the version from `latest` (a
		 * record being written meanwhile is not there yet or stops the
		 * chain short of the version its save made); a log read torn is
		 * not kept for the lock */
		memcpy(g->log_vers, latest, 16);
		g->log_known = rc == 0;
	} else {
		g->log_known = 0;
	}
	g->log_read = 0;
	free(c);
}

/* A page asked for under the lock, served from the pages kept: 1, else 0. */
static int pages_hit(struct dot_file *p, void *buf, int n, sqlite3_int64 at)
{
	struct dot_pages *g = p->pages;
	int i;

	if (!p->held || p->lost || !pages_is_page(g, n, at) || pages_check(p) < 0)
		return 0;
	i = (int)((at / n) % DOT_PAGES_SLOTS);
	if (g->slot[i].at != at || !g->slot[i].data)
		return 0;
	memcpy(buf, g->slot[i].data, (size_t)n);
	return 1;
}

static void pages_put(struct dot_pages *g, const void *buf, int n, sqlite3_int64 at)
{
	int i = (int)((at / n) % DOT_PAGES_SLOTS);

	if (!g->slot[i].data && !(g->slot[i].data = malloc((size_t)n))) {
		g->slot[i].at = -1;
		return;
	}
	memcpy(g->slot[i].data, buf, (size_t)n);
	g->slot[i].at = at;
}

/* A page read from the file under the lock: kept. */
static void pages_read(struct dot_file *p, const void *buf, int n, sqlite3_int64 at)
{
	struct dot_pages *g = p->pages;

	if (!g->size && at == 0 && n >= 512 && n <= 65536 && (n & (n - 1)) == 0)
		g->size = n;   /* page 1, read whole */
	/* any read under the lock holds the pages kept against the file's
	 * version (SQLite's first is the header's, which tells it): a save
	 * whose pages SQLite had cached reads no page, and must still find its
	 * pages checked when it writes, or it tells the others nothing and
	 * every station forgets every page (pages_unlocking) */
	if (p->held && !p->lost && pages_check(p) == 0 && pages_is_page(g, n, at))
		pages_put(g, buf, n, at);
}

/* A page written under this lock, kept as written for DB.pages while
 * the save has written at most DOT_IMAGES_PAGES. */
static void images_keep_written(struct dot_pages *g, const void *buf, int n)
{
	if (g->img_over || g->n_written > DOT_IMAGES_PAGES) {
		g->img_over = 1;
		return;
	}
	if (!g->img && !(g->img = malloc((size_t)DOT_IMAGES_PAGES * (size_t)n))) {
		g->img_over = 1;
		return;
	}
	memcpy(g->img + (size_t)(g->n_written - 1) * (size_t)n, buf, (size_t)n);
}

/* A write to the database: its page kept as written, and listed. */
static void pages_wrote(struct dot_file *p, const void *buf, int n, sqlite3_int64 at)
{
	struct dot_pages *g = p->pages;

	p->journal_gone = 0;
	if (!pages_is_page(g, n, at) || !p->held || !g->checked || g->dirty_all) {
		g->dirty_all = 1;
		return;
	}
	if (g->n_written == g->cap_written) {
		int cap = g->cap_written ? 2 * g->cap_written : 64;
		uint32_t *w = realloc(g->written, sizeof *w * (size_t)cap);

		if (!w) {
			g->dirty_all = 1;
			return;
		}
		g->written = w;
		g->cap_written = cap;
	}
	g->written[g->n_written++] = (uint32_t)(at / n + 1);
	pages_put(g, buf, n, at);
	images_keep_written(g, buf, n);
}

/* This station's commit, told to the others: its pages as written to
 * DB.pages (images_write), then one write to DB.changes (its latest
 * records moved to its start when full), its record followed by a zero
 * word so that what lies beyond is never read as records. */
static void pages_log_commit(struct dot_file *p)
{
	struct dot_pages *g = p->pages;
	unsigned char tail[DOT_LOG_TAIL];
	int n = g->n_written, at;

	if (n > DOT_LOG_MAX_PAGES - DOT_LOG_TAIL / 4 || n > 0xFFFF || pages_log_open(p) < 0 || pages_log_read(p) < 0)
		return;   /* no record: the others forget all their pages */
	images_write(p, tail);
	at = log_append(g->log, &g->log_len, g->lock_vers, p->vers, g->written, n, tail);
	dot_count(p, REQ_WRITE);
	if (pwrite(g->log_fd, g->log + at, (size_t)(g->log_len - at) + 4, at) != (ssize_t)(g->log_len - at) + 4) {
		g->log_read = g->log_known = 0;
		return;
	}
	memcpy(g->log_vers, p->vers, 16);
	g->log_known = 1;
}

/* Before DB.lock goes: what this lock's writes mean for the pages kept. */
static void pages_unlocking(struct dot_file *p)
{
	struct dot_pages *g = p->pages;

	if (!g)
		return;
	if (!g->checked) {
		if (g->n_written || g->dirty_all)
			pages_forget(p);
	} else if (g->dirty_all || p->lost) {
		pages_forget(p);
	} else if (memcmp(p->vers, g->lock_vers, 16) != 0) {
		/* a commit: kept are its pages as written, once it is done */
		if (p->journal_gone) {
			pages_log_commit(p);
			memcpy(g->vers, p->vers, 16);
		} else {
			pages_forget(p);
		}
	}
	g->checked = 0;
	g->n_written = 0;
}

static int dot_close(sqlite3_file *f)
{
	struct dot_file *p = (struct dot_file *)f, **q, *o;
	char lock[YC_LOCK_PATH_MAX + 8];

	dot_list_lock(1);
	for (q = &dot_files; *q; q = &(*q)->next)
		if (*q == p) {
			*q = p->next;
			break;
		}
	for (o = dot_files; o; o = o->next)
		if (o->db == p)
			o->db = NULL;
	dot_list_lock(0);
	if (p->is_db && p->held && !p->lost) {
		dot_lock_path(p, lock, sizeof lock);
		dot_count(p, REQ_RMDIR);
		dot_rmdir(lock);
	}
	if (p->real->pMethods)
		dot_failed(p, dot_flush(p));
	pages_free(p);
	free(p->run);
	p->run = NULL;
	dot_count(p, REQ_CLOSE);
	return p->real->pMethods ? p->real->pMethods->xClose(p->real) : SQLITE_OK;
}

/* The header's change counter (bytes 24-27), as SQLite reads it on taking
 * the lock and writes it on committing: the store's polling then needs no
 * read of its own (note_counter_before_write, note_counter_after_write). */
static void dot_note_counter(struct dot_file *p, const void *buf, int n, sqlite3_int64 at)
{
	const unsigned char *b = (const unsigned char *)buf + (24 - at);

	if (!p->is_db || at > 24 || at + n < 28)
		return;
	p->counter = (uint32_t)b[0] << 24 | (uint32_t)b[1] << 16 | (uint32_t)b[2] << 8 | b[3];
	p->counter_seen = 1;
	if (at + n >= 40) {
		memcpy(p->vers, b, 16);
		p->vers_seen = 1;
	}
}

static int dot_read(sqlite3_file *f, void *buf, int n, sqlite3_int64 at)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc;

	/* a read past the run held back finds what the file has there
	 * either way (SQLite looks past the journal's end before its sync) */
	if (p->pages && pages_hit(p, buf, n, at))
		return SQLITE_OK;
	/* past what this station wrote to a journal it made under its lock:
	 * nothing there, unasked (SQLite looks there before its sync) */
	if (p->fresh && p->db && p->db->held && !p->db->lost && at >= p->written_end) {
		memset(buf, 0, (size_t)n);
		return SQLITE_IOERR_SHORT_READ;
	}
	if (p->run_len && at < p->run_at + (sqlite3_int64)p->run_len && (rc = dot_flush(p)) != SQLITE_OK)
		return dot_failed(p, rc);
	dot_count(p, REQ_READ);
	rc = p->real->pMethods->xRead(p->real, buf, n, at);
	if (rc == SQLITE_OK) {
		dot_note_counter(p, buf, n, at);
		if (p->pages)
			pages_read(p, buf, n, at);
	}
	return dot_failed(p, rc);
}

static int dot_write(sqlite3_file *f, const void *buf, int n, sqlite3_int64 at)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc;

	dot_note_counter(p, buf, n, at);
	if (p->pages)
		pages_wrote(p, buf, n, at);
	if (at + n > p->written_end)
		p->written_end = at + n;
	if (dot_hold(p, buf, n, at) == 0)
		return SQLITE_OK;
	if ((rc = dot_flush(p)) != SQLITE_OK)
		return dot_failed(p, rc);
	if (dot_hold(p, buf, n, at) == 0)
		return SQLITE_OK;
	dot_count(p, REQ_WRITE);
	return dot_failed(p, p->real->pMethods->xWrite(p->real, buf, n, at));
}

static int dot_truncate(sqlite3_file *f, sqlite3_int64 size)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc = dot_flush(p);

	if (rc != SQLITE_OK)
		return dot_failed(p, rc);
	pages_forget(p);   /* a file cut shorter: its pages are not kept */
	if (size < p->written_end)
		p->written_end = size;
	dot_count(p, REQ_TRUNCATE);
	return dot_failed(p, p->real->pMethods->xTruncate(p->real, size));
}

static int dot_sync(sqlite3_file *f, int flags)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc = dot_flush(p);

	if (rc != SQLITE_OK)
		return dot_failed(p, rc);
	dot_count(p, REQ_SYNC);
	return dot_failed(p, p->real->pMethods->xSync(p->real, flags));
}

static int dot_file_size(sqlite3_file *f, sqlite3_int64 *size)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc = dot_flush(p);

	if (rc != SQLITE_OK)
		return dot_failed(p, rc);
	dot_count(p, REQ_SIZE);
	return dot_failed(p, p->real->pMethods->xFileSize(p->real, size));
}

/* mkdir and rmdir of DB.lock through SQLite's system-call table, as its own
 * dot-file lock makes them, so that bench/lockwait sees them. */
static int dot_mkdir(const char *path)
{
	sqlite3_vfs *under = dot_vfs.pAppData;
	sqlite3_syscall_ptr f = under->xGetSystemCall ? under->xGetSystemCall(under, "mkdir") : NULL;

	return f ? ((int (*)(const char *, mode_t))f)(path, 0777) : mkdir(path, 0777);
}

static int dot_rmdir(const char *path)
{
	sqlite3_vfs *under = dot_vfs.pAppData;
	sqlite3_syscall_ptr f = under->xGetSystemCall ? under->xGetSystemCall(under, "rmdir") : NULL;

	return f ? ((int (*)(const char *))f)(path) : rmdir(path);
}

/* How long this file has held DB.lock, in seconds. */
static double dot_held_seconds(const struct dot_file *p)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)(now.tv_sec - p->held_since.tv_sec) + (double)(now.tv_nsec - p->held_since.tv_nsec) / 1e9;
}

/* Also notes a journal that is not there, which SQLite asks about next. */
static int dot_journal_hot(struct dot_file *p)
{
	char journal[YC_LOCK_PATH_MAX + 16];
	struct stat sb;
	int rc;

	snprintf(journal, sizeof journal, "%s-journal", p->path);
	dot_count(p, REQ_STAT);
	rc = stat(journal, &sb);
	p->journal_absent = rc != 0 && errno == ENOENT;
	return rc == 0 && sb.st_size > 0;
}

static int dot_lock(sqlite3_file *f, int level)
{
	struct dot_file *p = (struct dot_file *)f;
	char lock[YC_LOCK_PATH_MAX + 8];
	int rc;

	dot_lock_path(p, lock, sizeof lock);
	p->lock_errno = 0;
	p->undo = 0;
	if (p->lost)
		return SQLITE_IOERR_LOCK;   /* the store decides about that lock */
	if (p->held) {
		/* a step up: the lock is ours already, and its age starts
		 * again, as SQLite's does, so that a save never looks stale;
		 * a lock made moments ago is young enough as it is */
		p->level = level;
		if (dot_held_seconds(p) >= DOT_TOUCH_SECONDS) {
			dot_count(p, REQ_UTIME);
			utime(lock, NULL);
		}
		return SQLITE_OK;
	}
	dot_count(p, REQ_MKDIR);
	while ((rc = dot_mkdir(lock)) != 0 && errno == EINTR)
		;
	if (rc != 0) {
		if (errno == EEXIST)
			return SQLITE_BUSY;
		p->lock_errno = errno;
		return errno == ENOSPC || errno == EDQUOT ? SQLITE_FULL : SQLITE_IOERR_LOCK;
	}
	p->held = 1;
	p->level = level;
	p->counter_seen = p->vers_seen = 0;
	pages_locked(p);
	clock_gettime(CLOCK_MONOTONIC, &p->held_since);
	/* nobody else can be inside now: a save interrupted before is undone
	 * before anything is read */
	if (dot_journal_hot(p)) {
		pages_forget(p);   /* the file is put back past this VFS */
		p->undo = store_undo_journal(p->path, p->why, sizeof p->why);
		if (p->undo < 0) {
			/* what undoes the save must not be overwritten: the lock
			 * stays for recover, and this station keeps out too */
			p->held = 0;
			p->level = SQLITE_LOCK_NONE;
			return SQLITE_CORRUPT;
		}
	}
	return SQLITE_OK;
}

static int dot_unlock(sqlite3_file *f, int level)
{
	struct dot_file *p = (struct dot_file *)f;
	char lock[YC_LOCK_PATH_MAX + 8];
	struct stat sb;

	if (level >= p->level && level != SQLITE_LOCK_NONE)
		return SQLITE_OK;
	dot_failed(p, dot_flush(p));   /* SQLite synced already: empty but for synchronous=OFF */
	p->level = level;
	if (level != SQLITE_LOCK_NONE || !p->held || p->lost)
		return SQLITE_OK;   /* a lock lost with the share stays (store_close, reconnect) */
	pages_unlocking(p);
	dot_lock_path(p, lock, sizeof lock);
	dot_count(p, REQ_RMDIR);
	p->journal_absent = 0;
	if (dot_rmdir(lock) == 0) {
		p->held = 0;
		return SQLITE_OK;
	}
	if (errno == ENOENT && stat(p->path, &sb) == 0) {
		p->held = 0;        /* taken away meanwhile (recover): nothing to give back */
		return SQLITE_OK;
	}
	/* the share is gone (an empty mount point says ENOENT too): the lock
	 * is still there for the others, and still this station's */
	p->lost = 1;
	return SQLITE_OK;
}

/* As SQLite's dot-file lock says: DB.lock there, ours too, is a reserved
 * lock, so that SQLite itself never plays a journal back here. */
static int dot_check_reserved(sqlite3_file *f, int *out)
{
	struct dot_file *p = (struct dot_file *)f;
	char lock[YC_LOCK_PATH_MAX + 8];

	dot_lock_path(p, lock, sizeof lock);
	if (p->level > SQLITE_LOCK_SHARED) {
		*out = 1;
		return SQLITE_OK;
	}
	dot_count(p, REQ_ACCESS);
	*out = access(lock, F_OK) == 0;
	return SQLITE_OK;
}

static int dot_file_control(sqlite3_file *f, int op, void *arg)
{
	struct dot_file *p = (struct dot_file *)f;
	int rc = dot_flush(p);

	if (rc != SQLITE_OK)
		return dot_failed(p, rc);
	return p->real->pMethods->xFileControl(p->real, op, arg);
}

static int dot_sector_size(sqlite3_file *f)
{
	struct dot_file *p = (struct dot_file *)f;

	return p->real->pMethods->xSectorSize(p->real);
}

static int dot_device_characteristics(sqlite3_file *f)
{
	struct dot_file *p = (struct dot_file *)f;

	return p->real->pMethods->xDeviceCharacteristics(p->real);
}

/* Version 1, as SQLite's dot-file methods: no shared memory, no mmap. */
static const sqlite3_io_methods dot_methods = {
	1, dot_close, dot_read, dot_write, dot_truncate, dot_sync, dot_file_size, dot_lock, dot_unlock,
	dot_check_reserved, dot_file_control, dot_sector_size, dot_device_characteristics,
	NULL, NULL, NULL, NULL, NULL, NULL,
};

static int dot_open(sqlite3_vfs *vfs, sqlite3_filename name, sqlite3_file *f, int flags, int *out_flags)
{
	sqlite3_vfs *under = vfs->pAppData;
	struct dot_file *p = (struct dot_file *)f, *o;
	size_t len = name ? strlen(name) : 0;
	int rc;

	memset(p, 0, sizeof *p);
	p->real = (sqlite3_file *)((char *)p + DOT_FILE_SIZE);
	if (name && (flags & SQLITE_OPEN_MAIN_JOURNAL) && len > 8 && strcmp(name + len - 8, "-journal") == 0) {
		/* the database it belongs to: the one of that name holding the lock */
		dot_list_lock(1);
		for (o = dot_files; o; o = o->next)
			if (o->is_db && strlen(o->path) == len - 8 && strncmp(o->path, name, len - 8) == 0) {
				if (o->held)
					p->fresh = o->journal_absent;
				o->journal_absent = 0;
				if (!p->db || o->held)
					p->db = o;
			}
		dot_list_lock(0);
		p->is_journal = 1;
	}
	p->on_share = name && (flags & (SQLITE_OPEN_MAIN_DB | SQLITE_OPEN_MAIN_JOURNAL));
	dot_count(p, REQ_OPEN);
	rc = under->xOpen(under, name, p->real, flags, out_flags);
	if (rc != SQLITE_OK) {
		if (p->db && p->db->held)
			p->db->lost = 1;   /* no journal: the share went away */
		if (p->real->pMethods)
			p->real->pMethods->xClose(p->real);
		p->base.pMethods = NULL;
		return rc;
	}
	p->base.pMethods = &dot_methods;
	if ((flags & SQLITE_OPEN_MAIN_DB) && name) {
		p->is_db = 1;
		yc_strlcpy(p->path, name, sizeof p->path);
		pages_new(p);
	}
	dot_list_lock(1);
	p->next = dot_files;
	dot_files = p;
	dot_list_lock(0);
	return SQLITE_OK;
}

static int dot_delete(sqlite3_vfs *vfs, const char *name, int sync_dir)
{
	sqlite3_vfs *under = vfs->pAppData;
	size_t len = strlen(name);
	struct dot_file *o;
	int rc;

	dot_count(NULL, REQ_DELETE);
	rc = under->xDelete(under, name, sync_dir);
	/* a journal gone: the commit of the database holding the lock done */
	if (rc == SQLITE_OK && len > 8 && strcmp(name + len - 8, "-journal") == 0) {
		dot_list_lock(1);
		for (o = dot_files; o; o = o->next)
			if (o->is_db && o->held && strlen(o->path) == len - 8 && strncmp(o->path, name, len - 8) == 0)
				o->journal_gone = 1;
		dot_list_lock(0);
	}
	return rc;
}

/* Files SQLite asks about on taking the lock that this station knows are
 * not there: the journal it looked for itself a moment before, under the
 * lock (dot_journal_hot); and a WAL, which no station on a share can use
 * (this VFS has no shared memory) and none makes. */
static int dot_known_absent(const char *name)
{
	size_t len = strlen(name);
	const struct dot_file *o;
	int known = 0, wal = len > 4 && strcmp(name + len - 4, "-wal") == 0;
	size_t base = wal ? len - 4 : len > 8 && strcmp(name + len - 8, "-journal") == 0 ? len - 8 : 0;

	if (!base)
		return 0;
	dot_list_lock(1);
	for (o = dot_files; o && !known; o = o->next)
		if (o->is_db && strlen(o->path) == base && strncmp(o->path, name, base) == 0)
			known = wal || (o->held && o->journal_absent);
	dot_list_lock(0);
	return known;
}

static int dot_access(sqlite3_vfs *vfs, const char *name, int flags, int *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	if (flags == SQLITE_ACCESS_EXISTS && dot_known_absent(name)) {
		*out = 0;
		return SQLITE_OK;
	}
	dot_count(NULL, REQ_ACCESS);
	return under->xAccess(under, name, flags, out);
}

static int dot_full_pathname(sqlite3_vfs *vfs, const char *name, int n, char *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xFullPathname(under, name, n, out);
}

static int dot_randomness(sqlite3_vfs *vfs, int n, char *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xRandomness(under, n, out);
}

static int dot_sleep(sqlite3_vfs *vfs, int us)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xSleep(under, us);
}

static int dot_current_time(sqlite3_vfs *vfs, double *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xCurrentTime(under, out);
}

static int dot_last_error(sqlite3_vfs *vfs, int n, char *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xGetLastError(under, n, out);
}

static int dot_current_time_int64(sqlite3_vfs *vfs, sqlite3_int64 *out)
{
	sqlite3_vfs *under = vfs->pAppData;

	return under->xCurrentTimeInt64(under, out);
}

/* Registered once, beside SQLite's own (never the default). */
static int dot_register(void)
{
	sqlite3_vfs *under;

	if (sqlite3_vfs_find(DOT_VFS))
		return 0;
	under = sqlite3_vfs_find("unix-none");
	if (!under || under->iVersion < 2)
		return -1;
	memset(&dot_vfs, 0, sizeof dot_vfs);
	dot_vfs.iVersion = 2;
	dot_vfs.szOsFile = (int)(DOT_FILE_SIZE + (size_t)under->szOsFile);
	dot_vfs.mxPathname = under->mxPathname;
	dot_vfs.zName = DOT_VFS;
	dot_vfs.pAppData = under;
	dot_vfs.xOpen = dot_open;
	dot_vfs.xDelete = dot_delete;
	dot_vfs.xAccess = dot_access;
	dot_vfs.xFullPathname = dot_full_pathname;
	dot_vfs.xRandomness = dot_randomness;
	dot_vfs.xSleep = dot_sleep;
	dot_vfs.xCurrentTime = dot_current_time;
	dot_vfs.xGetLastError = dot_last_error;
	dot_vfs.xCurrentTimeInt64 = dot_current_time_int64;
	return sqlite3_vfs_register(&dot_vfs, 0) == SQLITE_OK ? 0 : -1;
}

/* The database file of a connection opened through this VFS, or NULL. */
static struct dot_file *dot_of(sqlite3 *db)
{
	sqlite3_file *f = NULL;

	if (!db || sqlite3_file_control(db, "main", SQLITE_FCNTL_FILE_POINTER, &f) != SQLITE_OK || !f ||
	    f->pMethods != &dot_methods)
		return NULL;
	return (struct dot_file *)f;
}

int store_undo_journal(const char *path, char *why, size_t whysz)
{
	char journal[YC_LOCK_PATH_MAX + 16];
	unsigned char first = 1;
	struct stat sb;
	sqlite3 *db = NULL;
	int rc, fd;

	snprintf(journal, sizeof journal, "%s-journal", path);
	if (stat(journal, &sb) != 0 || sb.st_size == 0)
		return 0;
	/* the plain unix VFS finds it hot on the first read (no POSIX lock
	 * on the file anywhere) and plays it back into the file */
	rc = sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, "unix");
	if (rc == SQLITE_OK) {
		sqlite3_busy_timeout(db, 2000);
		rc = sqlite3_exec(db, "SELECT count(*) FROM sqlite_master", NULL, NULL, NULL);
	}
	if (rc != SQLITE_OK)
		snprintf(why, whysz, "%s", db ? sqlite3_errmsg(db) : sqlite3_errstr(rc));
	sqlite3_close(db);
	if (stat(journal, &sb) != 0) {
		if (errno == ENOENT)
			return 1;
		snprintf(why, whysz, "%s", strerror(errno));
		return -1;
	}
	/* still there: SQLite left it either as holding nothing to undo (its
	 * first byte zero), which then belongs to no save and goes, or because
	 * it could not play it back */
	fd = open(journal, O_RDONLY);
	if (fd >= 0 && read(fd, &first, 1) == 1 && first == 0 && rc == SQLITE_OK) {
		close(fd);
		if (unlink(journal) == 0 || errno == ENOENT)
			return 1;
		snprintf(why, whysz, "%s", strerror(errno));
		return -1;
	}
	if (fd >= 0)
		close(fd);
	if (rc == SQLITE_OK)
		snprintf(why, whysz, "%s",
			 _("SQLite left it in place: another program on this PC may have the database open"));
	return -1;
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

void store_say_duration(long s, char *out, size_t n)
{
	if (s < 0)
		s = 0;
	if (s < 120)
		snprintf(out, n, ngettext("%ld second", "%ld seconds", (unsigned long)s), s);
	else if (s < 3600)
		snprintf(out, n, _("%ld min %ld s"), s / 60, s % 60);
	else
		snprintf(out, n, _("%ld h %ld min"), s / 3600, s % 3600 / 60);
}

/* Messages say what their reader can do: only a screen keeps what was
 * typed, and the administrator is not sent to the administrator. */
static enum store_audience default_audience = STORE_FOR_CLERK;

void store_set_audience(enum store_audience a)
{
	default_audience = a;
}

enum store_audience store_audience(void)
{
	return default_audience;
}

static int audience(const struct yc_store *st)
{
	return default_audience;
}

/* "Nothing was saved ...; the administrator runs recover", for each reader. */
static const char *then_recover(const struct yc_store *st)
{
	switch (audience(st)) {
	case STORE_FOR_ADMIN:
		return _("Nothing was saved; run 'yichuang recover' once the stations have quit.");
	case STORE_FOR_COMMAND:
		return _("Nothing was saved; ask the administrator to run 'yichuang recover'.");
	default:
		return _("Nothing was saved and what you typed is kept; ask the administrator to run 'yichuang recover'.");
	}
}

/* "Nothing was saved ..." and whom to call, for each reader. */
static const char *then_call(const struct yc_store *st)
{
	switch (audience(st)) {
	case STORE_FOR_ADMIN:
		return _("Nothing was saved.");
	case STORE_FOR_COMMAND:
		return _("Nothing was saved; call the administrator.");
	default:
		return _("Nothing was saved and what you typed is kept; call the administrator.");
	}
}

static void busy_error(struct yc_store *st, struct yc_err *err)
{
	long age = lock_age(st);
	char held[64];

	if (age >= st->stale_lock_seconds) {
		store_say_duration(age, held, sizeof held);
		yc_err_set(err, YC_ESTALE,
			   _("The database lock %s.lock has been taken for %s, far longer than any save takes: a station probably stopped while saving. %s"),
			   st->path, held, then_recover(st));
	} else if (audience(st) == STORE_FOR_CLERK) {
		yc_err_set(err, YC_EBUSY,
			   _("The database is busy: other stations kept it locked for %d seconds. Nothing was saved and what you typed is kept; try again."),
			   (st->busy_timeout_ms + 999) / 1000);
	} else {
		yc_err_set(err, YC_EBUSY,
			   _("The database is busy: other stations kept it locked for %d seconds. Nothing was saved; try again."),
			   (st->busy_timeout_ms + 999) / 1000);
	}
}

/* What the dot-file lock knows of a failure better than SQLite's code:
 * a lock folder that cannot be made, a journal that could not be undone.
 * 1 when err was set. */
static int dot_error(struct yc_store *st, struct yc_err *err)
{
	struct dot_file *p = st ? dot_of(st->db) : NULL;
	char cause[400];

	if (!p)
		return 0;
	if (p->undo < 0) {
		yc_err_set(err, YC_ESTALE,
			   _("A save interrupted earlier left the journal %s-journal, and undoing it failed (%s); the lock %s.lock stays so that no station works on the file. %s"),
			   st->path, p->why, st->path, then_recover(st));
		return 1;
	}
	switch (p->lock_errno) {
	case 0:
		return 0;
	case EACCES:
	case EPERM:
		snprintf(cause, sizeof cause,
			 _("This station may not create the lock folder %s.lock (permission denied): every station must be allowed to create and remove folders in the database's folder."),
			 st->path);
		break;
	case EROFS:
		snprintf(cause, sizeof cause,
			 _("This station cannot create the lock folder %s.lock: the database's folder is read-only here (a share mounted read-only?)."),
			 st->path);
		break;
	case ENOENT:
		snprintf(cause, sizeof cause,
			 _("This station cannot create the lock folder %s.lock: the database's folder is not there (is the network drive connected?)."),
			 st->path);
		break;
	default:
		return 0;   /* the share gone (ENOTCONN, EIO ...): said as such */
	}
	yc_err_set(err, YC_EIO, "%s %s", cause, then_call(st));
	return 1;
}

/* A failure that reconnecting cannot mend (no permission, read-only). */
static int lock_refused(struct yc_store *st)
{
	struct dot_file *p = st ? dot_of(st->db) : NULL;

	return p && (p->lock_errno == EACCES || p->lock_errno == EPERM || p->lock_errno == EROFS);
}

void store_set_error(struct yc_store *st, int rc, struct yc_err *err)
{
	const char *path = st ? st->path : "";
	int clerk = audience(st) == STORE_FOR_CLERK;

	if (!err)
		return;
	snprintf(err->detail, sizeof err->detail, "%s %d: %s", st && st->pg ? "postgresql" : "sqlite", rc,
		 st && (st->db || st->pg) ? store_errmsg(st) : sqlite3_errstr(rc));
	if (dot_error(st, err) || store_server_error(st, rc, err))
		return;
	switch (rc & 0xFF) {
	case SQLITE_BUSY:
	case SQLITE_LOCKED:
		busy_error(st, err);
		break;
	case SQLITE_FULL:
		if (clerk)
			yc_err_set(err, YC_EFULL,
				   _("The disk holding the database is full. Nothing was saved and what you typed is kept; ask the administrator to free space, then try again."));
		else if (audience(st) == STORE_FOR_COMMAND)
			yc_err_set(err, YC_EFULL,
				   _("The disk holding the database is full. Nothing was saved; ask the administrator to free space, then try again."));
		else
			yc_err_set(err, YC_EFULL,
				   _("The disk holding the database is full. Nothing was saved; free space on it, then try again."));
		break;
	case SQLITE_IOERR:
	case SQLITE_CANTOPEN:
		if (clerk)
			yc_err_set(err, YC_EIO,
				   _("Cannot read or write the database %s: is the network drive connected? Nothing was saved and what you typed is kept."),
				   path);
		else
			yc_err_set(err, YC_EIO,
				   _("Cannot read or write the database %s: is the network drive connected? Nothing was saved."),
				   path);
		break;
	case SQLITE_CORRUPT:
	case SQLITE_NOTADB:
		if (audience(st) == STORE_FOR_ADMIN)
			yc_err_set(err, YC_ECORRUPT,
				   _("The database %s is damaged or is not a yichuang database. Run 'yichuang recover' once the stations have quit; if it still finds damage, put the last backup back ('yichuang restore FILE')."),
				   path);
		else
			yc_err_set(err, YC_ECORRUPT,
				   _("The database %s is damaged or is not a yichuang database. Stop and call the administrator, who runs 'yichuang recover'."),
				   path);
		break;
	case SQLITE_READONLY:
	case SQLITE_PERM:
		yc_err_set(err, YC_EIO, _("This station may not write to the database %s."), path);
		break;
	case DB_DONE:   /* a body's lookup found no row and said nothing */
		yc_err_set(err, YC_EINTERNAL,
			   _("A record this needs is not in the database. Nothing was saved; try again, and if it happens again tell the administrator."));
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

/* The connection: what a statement outside store_prep's cache needs,
 * whatever the backend. */

int store_exec(struct yc_store *st, const char *sql)
{
	if (st->pg)
		return db_pg_exec(st->pg, sql);
	return sqlite3_exec(st->db, sql, NULL, NULL, NULL);
}

/* Statements in SQLite's words (a shipped data file, a script of the
 * store's) run on the store's backend: on a server through the dialect,
 * as store_prep's texts are. */
int store_exec_portable(struct yc_store *st, const char *sql)
{
	char *words;
	int rc;

	if (!st->pg)
		return store_exec(st, sql);
	if (!(words = dialect_sql(&dialect_postgresql, sql)))
		return SQLITE_NOMEM;
	rc = store_exec(st, words);
	free(words);
	return rc;
}

int store_changes(struct yc_store *st)
{
	if (st->pg)
		return db_pg_changes(st->pg);
	return sqlite3_changes(st->db);
}

int64_t store_last_id(struct yc_store *st)
{
	if (st->pg)
		return db_pg_last_id(st->pg);
	return sqlite3_last_insert_rowid(st->db);
}

const char *store_errmsg(struct yc_store *st)
{
	if (st->pg)
		return db_pg_errmsg(st->pg);
	return sqlite3_errmsg(st->db);
}

static void wait_ms(struct yc_store *st, struct yc_retry *r, int ms)
{
	if (st->busy_hook && r->waited_ms >= 300)
		st->busy_hook(st->busy_ctx, r->waited_ms);
	usleep((useconds_t)ms * 1000u);
}

/* Taking turns for the lock ------------------------------------------------
 *
 * With dot-file locking a station that finds DB.lock taken used to try
 * again after a backoff (5 ms doubling to 100 ms): whoever came first
 * after the rmdir won, and a station could lose many times in a row (p99
 * waits of 2-4 s with 16 busy stations). Now it takes a ticket instead,
 * an empty file DB.queue/TIME-TOKEN (TIME in ms from its PC's clock, so a
 * skewed clock costs fairness, never safety: DB.lock alone excludes),
 * and only the first in line tries the lock, every DOT_FIRST_POLL_MS;
 * each of the others watches only the ticket just ahead of its own (one
 * stat every DOT_LINE_POLL_MS times its place in the line, at most every
 * DOT_LINE_POLL_MAX_MS: fifty stations waiting at once must not swamp the
 * share that the one holding the lock works through) and looks at the
 * line again when that one goes. A station that gets the lock removes its
 * ticket at once.
 *
 * The rule for a station gone while waiting (killed, its PC off): a
 * waiting station renews its ticket (utime) every DOT_TICKET_RENEW_MS; a
 * ticket whose time has not changed for DOT_TICKET_GONE_MS, as seen by
 * the station behind it, is that station's to remove. A station that
 * finds its own ticket removed (it stalled that long) makes it again
 * under the same name, its place kept. A station that finds DB.lock free
 * takes it without a ticket: no line, no cost. */
#define DOT_FIRST_POLL_MS 2
#define DOT_LINE_POLL_MS 4
#define DOT_LINE_POLL_MAX_MS 50
#define DOT_TICKET_RENEW_MS 1000
#define DOT_TICKET_GONE_MS 3000

static double mono_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

static void turn_dir(const struct yc_store *st, char *out, size_t n)
{
	snprintf(out, n, "%s.queue", st->path);
}

/* The ticket just before ours in the line, or "" when ours is first. */
static int turn_find_ahead(struct yc_store *st)
{
	char dir[YC_LOCK_PATH_MAX + 8];
	const char *mine = strrchr(st->turn.ticket, '/') + 1;
	struct dirent *e;
	DIR *d;

	turn_dir(st, dir, sizeof dir);
	if (!(d = opendir(dir)))
		return -1;
	st->turn.ahead[0] = '\0';
	st->turn.place = 0;
	while ((e = readdir(d)))
		if (e->d_name[0] != '.' && strcmp(e->d_name, mine) < 0 && strlen(e->d_name) < sizeof st->turn.ahead) {
			st->turn.place++;
			if (strcmp(e->d_name, st->turn.ahead) > 0)
				yc_strlcpy(st->turn.ahead, e->d_name, sizeof st->turn.ahead);
		}
	closedir(d);
	st->turn.ahead_mtime = 0;
	st->turn.ahead_since = mono_ms();
	return 0;
}

static int turn_make_ticket(const struct yc_store *st)
{
	int fd = open(st->turn.ticket, O_WRONLY | O_CREAT | O_EXCL, 0666);

	if (fd < 0)
		return errno == EEXIST ? 0 : -1;
	close(fd);
	return 0;
}

/* In line: a ticket named by the time now, and the one ahead of it. */
static int turn_take(struct yc_store *st)
{
	char dir[YC_LOCK_PATH_MAX + 8];
	struct timespec now;
	unsigned char r[4];

	turn_dir(st, dir, sizeof dir);
	clock_gettime(CLOCK_REALTIME, &now);
	randombytes_buf(r, sizeof r);
	snprintf(st->turn.ticket, sizeof st->turn.ticket, "%s/%013lld-%02x%02x%02x%02x", dir,
		 (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000, r[0], r[1], r[2], r[3]);
	if (turn_make_ticket(st) < 0 && (errno != ENOENT || mkdir(dir, 0777) < 0 || turn_make_ticket(st) < 0)) {
		st->turn.ticket[0] = '\0';
		return -1;
	}
	st->turn.renewed = mono_ms();
	if (turn_find_ahead(st) < 0) {
		unlink(st->turn.ticket);
		st->turn.ticket[0] = '\0';
		return -1;
	}
	return 0;
}

/* Out of the line: the lock is ours, or the wait is over. */
static void turn_leave(struct yc_store *st)
{
	st->turn.refreshed = 0;
	if (!st->turn.ticket[0])
		return;
	unlink(st->turn.ticket);
	st->turn.ticket[0] = '\0';
}

/* Every DOT_TICKET_RENEW_MS: this station is still waiting. */
static void turn_renew(struct yc_store *st)
{
	if (mono_ms() - st->turn.renewed < DOT_TICKET_RENEW_MS)
		return;
	if (utime(st->turn.ticket, NULL) != 0 && errno == ENOENT)
		turn_make_ticket(st);   /* taken for gone: back in its place */
	st->turn.renewed = mono_ms();
}

/* The ticket ahead: still there and alive (0), or gone or aged out, and
 * the line looked at again (1). */
static int turn_check_ahead(struct yc_store *st)
{
	char path[YC_LOCK_PATH_MAX + 80], dir[YC_LOCK_PATH_MAX + 8];
	struct stat sb;

	turn_dir(st, dir, sizeof dir);
	snprintf(path, sizeof path, "%s/%s", dir, st->turn.ahead);
	if (stat(path, &sb) == 0) {
		if (sb.st_mtime != st->turn.ahead_mtime) {
			st->turn.ahead_mtime = sb.st_mtime;
			st->turn.ahead_since = mono_ms();
			return 0;
		}
		if (mono_ms() - st->turn.ahead_since < DOT_TICKET_GONE_MS)
			return 0;
		unlink(path);   /* its station stopped waiting long ago */
	}
	turn_find_ahead(st);
	return 1;
}

/* Wait for this station's turn to try the lock (dot-file locking): 0 when
 * it is time to try, -1 when the line cannot be used here (the caller
 * backs off as before) or the time is up. The time waited counts into r. */
static void refresh_pages(struct yc_store *st);

static int turn_wait(struct yc_store *st, struct yc_retry *r)
{
	double started = mono_ms(), hooked = started;
	int rc = 0;

	if (st->turn.no_queue || !dot_of(st->db))
		return -1;
	if (!st->turn.ticket[0] && turn_take(st) < 0) {
		st->turn.no_queue = 1;
		return -1;
	}
	for (;;) {
		double now;

		turn_renew(st);
		if (!st->turn.ahead[0]) {
			if (!st->turn.refreshed) {
				/* next: what the others changed meanwhile, read
				 * while the one holding the lock works - once, and
				 * no waiting for a save to end: the lock may be free
				 * by then */
				st->turn.refreshed = 1;
				refresh_pages(st);
			}
			usleep(DOT_FIRST_POLL_MS * 1000);
			break;
		}
		usleep((useconds_t)(DOT_LINE_POLL_MS * st->turn.place < DOT_LINE_POLL_MAX_MS
					    ? DOT_LINE_POLL_MS * st->turn.place : DOT_LINE_POLL_MAX_MS) * 1000);
		if (turn_check_ahead(st) && !st->turn.ahead[0])
			break;
		now = mono_ms();
		if (r->waited_ms + (now - started) >= r->timeout_ms) {
			rc = -1;
			break;
		}
		if (st->busy_hook && r->waited_ms + (now - started) >= 300 && now - hooked >= 250) {
			st->busy_hook(st->busy_ctx, r->waited_ms + (int)(now - started));
			hooked = now;
		}
	}
	r->waited_ms += (int)(mono_ms() - started + 0.5);
	return rc;
}

/* Run body inside BEGIN [IMMEDIATE] ... COMMIT. A busy lock anywhere rolls
 * back and starts again after a backoff, until busy_timeout; a body that
 * fails (rc > 0 SQLite code, or -1 with err set) rolls back. Only
 * SQLITE_OK commits: a body's DB_DONE is sqlite3_step's "no row" that
 * a lookup passed on, its outputs unset, and is an error too. Statements
 * are reset before returning, so no read lock outlives the call. */
static int reconnect(struct yc_store *st, struct yc_err *err);
static void owe_lost_lock(struct yc_store *st, sqlite3 *db);
static int note_counter_before_write(struct yc_store *st, uint32_t *before);
static void note_counter_after_write(struct yc_store *st, uint32_t before, int changed);

/* A transaction that ended well: its requests to the share, counted. */
static void count_requests(struct yc_store *st, int write, const long before[REQ_KINDS])
{
	long *into = write ? st->share.write : st->share.read;
	int i;

	for (i = 0; i < REQ_KINDS; i++)
		into[i] += dot_requests[i] - before[i];
	if (write)
		st->share.write_tx++;
	else
		st->share.read_tx++;
}

/* The read transaction of store_reads_together ends: committed (a read
 * has nothing to lose) or, after an error, rolled back. */
void store_together_end(struct yc_store *st)
{
	if (!st->together_open)
		return;
	store_reset_all(st);
	if (store_exec(st, "COMMIT") != SQLITE_OK && (st->pg || !sqlite3_get_autocommit(st->db)))
		store_exec(st, "ROLLBACK");
	st->together_open = 0;
}

void store_reads_together(struct yc_store *st, int on)
{
	st->together = on;
	if (!on)
		store_together_end(st);
}

/* A read inside the open transaction of store_reads_together: the lock
 * is held already, so it is never busy. */
static int read_in_together(struct yc_store *st, store_body body, void *ctx, struct yc_err *err)
{
	long requests_before[REQ_KINDS];
	int rc;

	memcpy(requests_before, dot_requests, sizeof requests_before);
	rc = body(st, ctx, err);
	store_reset_all(st);
	if (rc == SQLITE_OK) {
		count_requests(st, 0, requests_before);
		st->share.read_tx--;   /* one transaction, counted once */
		return 0;
	}
	if (rc > 0)
		store_set_error(st, rc, err);
	store_together_end(st);
	return -1;
}

/* Before a transaction takes the lock: the pages kept brought up to date
 * (Pages kept, brought up to date before the lock), dot-file locking only. */
static void refresh_pages(struct yc_store *st)
{
	struct dot_file *p = dot_of(st->db);
	long before = dot_refresh_requests;

	if (p)
		pages_refresh(p);
	st->share.refresh += dot_refresh_requests - before;
}

int store_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err)
{
	struct yc_retry r;
	int rc;

	if (st->pg)
		return store_server_run(st, write, body, ctx, err);
	if (st->together_open) {
		if (!write)
			return read_in_together(st, body, ctx, err);
		store_together_end(st);
	}
	if (st->broken && reconnect(st, err) < 0)
		return -1;
	refresh_pages(st);
	retry_start(&r, st->busy_timeout_ms, (unsigned)getpid() ^ (unsigned)time(NULL));
	for (;;) {
		int delay, changes_before = 0, counted = -1;
		uint32_t counter_before = 0;
		long requests_before[REQ_KINDS];

		memcpy(requests_before, dot_requests, sizeof requests_before);
		rc = store_exec(st, write ? "BEGIN IMMEDIATE" : "BEGIN");
		if (rc == SQLITE_OK) {
			if (write) {
				turn_leave(st);   /* the lock is ours */
				counted = note_counter_before_write(st, &counter_before);
				changes_before = sqlite3_total_changes(st->db);
			}
			rc = body(st, ctx, err);
			/* records changed after the body's last event: sealed too */
			if (write && rc == SQLITE_OK)
				rc = store_audit_finish(st);
			store_reset_all(st);
			if (rc == SQLITE_OK && !write && st->together) {
				/* kept open for the reads that follow */
				st->together_open = 1;
				turn_leave(st);
				if (st->busy_hook && r.waited_ms >= 300)
					st->busy_hook(st->busy_ctx, -1);
				count_requests(st, write, requests_before);
				return 0;
			}
			if (rc == SQLITE_OK) {
				rc = store_exec(st, "COMMIT");
				/* a commit kept waiting by readers: the transaction is
				 * still ours, so wait and commit again */
				while (is_busy(rc) && (delay = retry_next(&r)) >= 0) {
					wait_ms(st, &r, delay);
					rc = store_exec(st, "COMMIT");
				}
			}
			if (rc != SQLITE_OK && !sqlite3_get_autocommit(st->db))
				store_exec(st, "ROLLBACK");
		}
		if (st->busy_hook && r.waited_ms >= 300)
			st->busy_hook(st->busy_ctx, -1);   /* busy spell over */
		if (rc == SQLITE_OK && counted == 0)
			note_counter_after_write(st, counter_before,
						 sqlite3_total_changes(st->db) != changes_before);
		if (rc == SQLITE_OK) {
			turn_leave(st);
			count_requests(st, write, requests_before);
			return 0;
		}
		if (rc < 0) {
			turn_leave(st);
			return -1;
		}
		if (is_busy(rc) && r.waited_ms < r.timeout_ms && !lock_is_stale(st, &r) && turn_wait(st, &r) == 0)
			continue;   /* this station's turn to try */
		if (!is_busy(rc) || (delay = retry_next(&r)) < 0 || lock_is_stale(st, &r)) {
			turn_leave(st);
			store_set_error(st, rc, err);
			/* cut off from the share: connect again before the next
			 * use, and the lock this connection held is the store's
			 * to give back (a lock folder refused for good is no
			 * broken connection) */
			if (((rc & 0xFF) == SQLITE_IOERR || (rc & 0xFF) == SQLITE_CANTOPEN) && !lock_refused(st))
				st->broken = 1;
			owe_lost_lock(st, st->db);
			return -1;
		}
		wait_ms(st, &r, delay);
	}
}

/* Event log: tamper-evident by a hash chain over the previous event. ------- */

void store_event_fields_of_row(db_stmt *s, char uid[24], char eid[24], const char *fields[8])
{
	snprintf(uid, 24, "%lld", (long long)db_col_int64(s, 2));
	snprintf(eid, 24, "%lld", (long long)db_col_int64(s, 5));
	fields[0] = db_col_text(s, 1);
	fields[1] = uid;
	fields[2] = db_col_text(s, 3);
	fields[3] = db_col_text(s, 4);
	fields[4] = eid;
	fields[5] = db_col_text(s, 6);
	fields[6] = db_col_text(s, 7);
	fields[7] = db_col_text(s, 8);
}

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

static void hash_part(crypto_generichash_state *h, const void *data, size_t n, int present)
{
	unsigned char len[9];
	size_t i;

	/* 0xff for NULL, else the length: no two field lists hash alike */
	len[0] = present ? 1 : 0xff;
	for (i = 0; i < 8; i++)
		len[1 + i] = (unsigned char)((uint64_t)n >> (8 * i));
	crypto_generichash_update(h, len, sizeof len);
	if (n)
		crypto_generichash_update(h, data, n);
}

void store_hash_event_v2(const unsigned char *key, const char *prev, const char *const fields[8],
			 const char *key_id, const void *seals, size_t seals_len, char out[65])
{
	crypto_generichash_state h;
	unsigned char digest[32];
	size_t i;

	crypto_generichash_init(&h, key, key ? 32 : 0, sizeof digest);
	crypto_generichash_update(&h, (const unsigned char *)"yichuang event 2", 16);
	hash_part(&h, prev, strlen(prev), 1);
	for (i = 0; i < 8; i++)
		hash_part(&h, fields[i], fields[i] ? strlen(fields[i]) : 0, fields[i] != NULL);
	hash_part(&h, key_id, key_id ? strlen(key_id) : 0, key_id != NULL);
	hash_part(&h, seals, seals_len, seals != NULL);
	crypto_generichash_final(&h, digest, sizeof digest);
	sodium_bin2hex(out, 65, digest, sizeof digest);
}

static const char SQL_LAST_HASH[] = "SELECT id, hash FROM events ORDER BY id DESC LIMIT 1";
/* before schema 13 (an upgrade's events on the way there) */
static const char SQL_EVENT_INSERT[] =
	"INSERT INTO events(at, user_id, station, entity, entity_id, action, old_value, new_value, hash)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)";
static const char SQL_EVENT_INSERT_13[] =
	"INSERT INTO events(at, user_id, station, entity, entity_id, action, old_value, new_value, hash,"
	" key_id, row_seals) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)";

/* One event, chained to the last, in the caller's write transaction. From
 * schema 13 it also seals the records the transaction changed (the audit's
 * hook noted them) and lists them, and its hash is keyed when this station
 * has the key (store-audit.c). */
int store_event(struct yc_store *st, int64_t user_id, const char *entity, int64_t entity_id,
		const char *action, const char *old_value, const char *new_value)
{
	db_stmt *s = store_prep(st, SQL_LAST_HASH);
	char prev[65] = "", hash[65], at[20], uid[24], eid[24];
	const char *fields[8];
	const char *key_id = store_audit_key_id();
	unsigned char *seals = NULL;
	size_t seals_len = 0;
	int64_t prev_id = 0;
	int rc;

	if (!s)
		return st->rc;
	rc = db_step(s);
	if (rc == DB_ROW) {
		prev_id = db_col_int64(s, 0);
		store_col_text(s, 1, prev, sizeof prev);
	} else if (rc != DB_DONE) {
		return rc;
	}
	db_reset(s);
	yc_now(at);
	snprintf(uid, sizeof uid, "%lld", (long long)user_id);
	snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	fields[0] = at; fields[1] = uid; fields[2] = st->station; fields[3] = entity;
	fields[4] = eid; fields[5] = action; fields[6] = old_value; fields[7] = new_value;

	s = store_prep(st, SQL_EVENT_INSERT_13);
	if (!s) {
		/* a schema before 13: no key id, no seals */
		s = store_prep(st, SQL_EVENT_INSERT);
		if (!s)
			return st->rc;
		key_id = NULL;
		store_hash_event(prev, fields, 8, hash);
	} else {
		rc = store_audit_flush(st, entity, entity_id, action, &seals, &seals_len);
		if (rc != SQLITE_OK)
			return rc;
		if (!key_id && !seals)
			store_hash_event(prev, fields, 8, hash);
		else
			store_hash_event_v2(store_audit_key(), prev, fields, key_id, seals, seals_len, hash);
		if (seals) {
			db_bind_blob(s, 11, seals, (int)seals_len);
			free(seals);
		}
		if (key_id)
			db_bind_text(s, 10, key_id);
	}
	db_bind_text_copy(s, 1, at);
	if (user_id > 0)
		db_bind_int64(s, 2, user_id);
	db_bind_text(s, 3, st->station);
	db_bind_text(s, 4, entity);
	db_bind_int64(s, 5, entity_id);
	db_bind_text(s, 6, action);
	db_bind_text(s, 7, old_value);
	db_bind_text(s, 8, new_value);
	db_bind_text_copy(s, 9, hash);
	rc = db_step(s);
	db_reset(s);
	db_clear_bindings(s);
	if (rc != DB_DONE)
		return rc;
	store_audit_wrote(st, user_id, prev_id, prev, store_last_id(st), hash);
	return SQLITE_OK;
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

	for (i = 0; i < 3; i++)
		*outs[i] = 0;   /* set, whatever happens below */
	for (i = 0; i < 3; i++) {
		db_stmt *s = store_prep(st, qs[i]);
		int rc;

		if (!s)
			return st->rc;
		rc = db_step(s);
		if (rc != DB_ROW)
			return rc;
		*outs[i] = db_col_int(s, 0);
		db_reset(s);
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
		rc = store_exec(st, migrations[v.user_version]);
		if (rc != SQLITE_OK)
			return rc;
		v.user_version++;
		snprintf(sql, sizeof sql, "PRAGMA user_version = %d", v.user_version);
		rc = store_exec(st, sql);
		if (rc != SQLITE_OK)
			return rc;
		rc = store_event(st, 0, "schema", v.user_version, "migrate", NULL, NULL);
		if (rc != SQLITE_OK)
			return rc;
		/* version 5 brings the assessment sheet: its default criteria
		 * (inserted once; a new database gets them the same way) */
		if (v.user_version == 5 && (rc = store_exec(st, yc_data_assessment_criteria_sql)) != SQLITE_OK)
			return rc;
		/* version 6: the catalogue's bundles */
		if (v.user_version == 6 && (rc = store_exec(st, yc_data_bundles_sql)) != SQLITE_OK)
			return rc;
		/* version 20: the catalogue's scenarios */
		if (v.user_version == 20 && (rc = store_exec(st, yc_data_scenarios_sql)) != SQLITE_OK)
			return rc;
		/* version 16: the search index's pinyin, which SQL cannot compute */
		if (v.user_version == 16 && (rc = store_items_fill_pinyin(st)) != SQLITE_OK)
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
	while (is_busy(rc = store_exec(st, sql)) && (delay = retry_next(&r)) >= 0 &&
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

void store_forget_statements(struct yc_store *st)
{
	int i;

	for (i = 0; i < st->n_cached; i++)
		db_finalize(st->cache[i].stmt);
	st->n_cached = 0;
}

/* Presence: each open station keeps a small file beside the database,
 * DB.stations/HOST-PID-TOKEN (TOKEN random: two PCs cloned from one, or
 * two PID namespaces, never share a mark), renewed every
 * STORE_PRESENCE_SECONDS while it runs, so that `recover` can tell whether
 * anybody is still working before it touches locks and journals. Its first
 * line is the station's name, for recover's report. */
static void presence_name(struct yc_store *st)
{
	char host[64] = "";
	unsigned char r[4];

	gethostname(host, sizeof host - 1);
	randombytes_buf(r, sizeof r);
	snprintf(st->mark, sizeof st->mark, "%s.stations/%s-%ld-%02x%02x%02x%02x", st->path,
		 host[0] ? host : "station", (long)getpid(), r[0], r[1], r[2], r[3]);
}

static void presence_create(struct yc_store *st)
{
	char dir[YC_LOCK_PATH_MAX], host[64] = "";
	FILE *f;

	snprintf(dir, sizeof dir, "%s.stations", st->path);
	mkdir(dir, 0777);   /* may exist: fine */
	gethostname(host, sizeof host - 1);
	f = fopen(st->mark, "w");
	if (f) {
		fprintf(f, "%s\n%s %ld\n", st->station, host, (long)getpid());
		fclose(f);
	}
}

/* Renewed (one round trip), or made when it is not there (the first time,
 * or after recover took this station for gone). */
static void presence_touch(struct yc_store *st)
{
	if (!st->mark[0])
		presence_name(st);
	if (utime(st->mark, NULL) != 0)
		presence_create(st);
	st->presence_at = time(NULL);
}

/* After the share came back: the mark renewed and given a new name. 1 when
 * it was there (so recover has not taken this station for gone: it removes
 * a mark before it touches the lock, and of its unlink and this rename
 * exactly one succeeds), 0 when it is gone, -1 when the share does not
 * answer. */
static int presence_claim(struct yc_store *st)
{
	char old[sizeof st->mark];

	if (!st->mark[0])
		return 0;
	if (utime(st->mark, NULL) != 0)
		return errno == ENOENT ? 0 : -1;
	memcpy(old, st->mark, sizeof old);
	presence_name(st);
	if (rename(old, st->mark) != 0) {
		if (errno == ENOENT)
			return 0;
		memcpy(st->mark, old, sizeof old);
		return -1;
	}
	st->presence_at = time(NULL);
	return 1;
}

/* A connection whose lock was lost with the share (dot-file): the store
 * takes the lock over, to give it back itself once it is sure it is still
 * its own; the connection may then be closed without touching it. */
static void owe_lost_lock(struct yc_store *st, sqlite3 *db)
{
	struct dot_file *p = dot_of(db);
	char lock[YC_LOCK_PATH_MAX + 8];
	struct stat sb;

	if (!p || !p->held || !p->lost)
		return;
	/* a lock made after the share had gone lands in the empty folder a
	 * network mount leaves behind (sshfs does): the database is not
	 * beside it, it is no station's lock, and it goes */
	dot_lock_path(p, lock, sizeof lock);
	if (stat(p->path, &sb) != 0 && errno == ENOENT && stat(lock, &sb) == 0) {
		rmdir(lock);
		p->held = 0;
		st->broken = 1;
		return;
	}
	st->lock_owed = 1;
	yc_strlcpy(st->lock_db, p->path, sizeof st->lock_db);
	p->held = 0;
	st->broken = 1;
}

/* The lock the share took away with it, now that the share is back: still
 * this station's unless recover has taken the station for gone meanwhile
 * (presence_claim says which). Ours: the interrupted save is rolled back
 * from its journal under the lock, nobody else inside, and the lock goes.
 * Not ours, or held by an administrator's tool (no mark to tell by): left
 * alone, for whoever holds it now or for recover. 0 done, -1 with err when
 * the share does not answer yet or the save could not be undone (the lock
 * then stays, and recover is the way out). */
static int reclaim_lock(struct yc_store *st, struct yc_err *err)
{
	char lock[YC_LOCK_PATH_MAX + 8], why[160] = "";
	struct stat sb;
	int claim;

	if (!st->lock_owed)
		return 0;
	if (stat(st->lock_db, &sb) != 0) {
		store_set_error(st, SQLITE_IOERR, err);
		return -1;
	}
	claim = st->presence_at ? presence_claim(st) : 0;
	if (claim < 0) {
		store_set_error(st, SQLITE_IOERR, err);
		return -1;
	}
	st->lock_owed = 0;
	if (claim == 0)
		return 0;
	snprintf(lock, sizeof lock, "%s.lock", st->lock_db);
	if (stat(lock, &sb) != 0)
		return 0;
	if (store_undo_journal(st->lock_db, why, sizeof why) < 0) {
		yc_err_set(err, YC_ESTALE,
			   _("The save this station was making when the network drive went away could not be undone (%s); the lock %s.lock stays so that no station works on the file. %s"),
			   why, st->path, then_recover(st));
		return -1;
	}
	rmdir(lock);
	return 0;
}

/* After an I/O error: once the file can be reached again, a new
 * connection replaces the broken one (its first lock looks for a hot
 * journal, as every lock does), after the lock the old one lost is given
 * back. */
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
	owe_lost_lock(st, old);
	if (reclaim_lock(st, err) < 0)
		return -1;
	store_forget_statements(st);
	st->db = NULL;
	if (connect_db(st, err) < 0) {
		owe_lost_lock(st, st->db);
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
	if (st->presence_at)
		presence_touch(st);
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

int store_open(struct yc_store **out, const char *path, const struct store_opts *o,
	       struct yc_err *err)
{
	const char *locking = o && o->locking ? o->locking : "unix";
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
	if (strcmp(locking, "unix-dotfile") == 0) {
		if (dot_register() != 0) {
			yc_err_set(err, YC_EINTERNAL, "%s", _("The dot-file lock could not be set up."));
			goto fail_err;
		}
		locking = DOT_VFS;
	}
	uri_for(path, locking, st->uri, sizeof st->uri);
	if (connect_db(st, err) < 0)
		goto fail_err;
	if (store_run(st, 0, read_version, &v, err) < 0)
		goto fail_err;
	if (store_version_ok(path, v.application_id, v.user_version, err) < 0)
		goto fail_err;
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

/* A connection cut off from the share while it held the lock gives the
 * lock back here, if the share is back and the lock still its own;
 * otherwise it stays, and SQLite's close does not touch it (dot_unlock). */
struct yc_store *store_around(sqlite3 *lite, struct db_pg *pg, const char *path)
{
	struct yc_store *st = calloc(1, sizeof *st);

	if (!st)
		return NULL;
	st->db = lite;
	st->pg = pg;
	yc_strlcpy(st->path, path, sizeof st->path);
	st->busy_timeout_ms = 10000;
	st->stale_lock_seconds = 60;
	return st;
}

void store_let_go(struct yc_store *st)
{
	if (!st)
		return;
	store_forget_statements(st);
	store_audit_detach(st);   /* the hooks name st */
	free(st);
}

void store_close(struct yc_store *st)
{
	struct yc_err err;

	if (!st)
		return;
	if (st->pg) {
		store_forget_statements(st);
		db_pg_close(st->pg);
		free(st);
		return;
	}
	owe_lost_lock(st, st->db);
	if (st->lock_owed)
		reclaim_lock(st, &err);
	if (st->presence_at)
		unlink(st->mark);
	store_forget_statements(st);
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

/* The change counter SQLite read or wrote under this station's last lock
 * (dot-file locking): what read_change_counter would read now, or, after
 * the lock went, what it was when this station gave it back. */
static int counter_passed_by(struct yc_store *st, uint32_t *out)
{
	struct dot_file *p = dot_of(st->db);

	if (!p || !p->counter_seen)
		return -1;
	*out = p->counter;
	return 0;
}

/* In a write transaction, with the lock held: nobody else can be committing,
 * so the counter on disk is every other station's last commit. */
static int note_counter_before_write(struct yc_store *st, uint32_t *before)
{
	if (counter_passed_by(st, before) < 0 && read_change_counter(st, before) < 0)
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

	/* as this commit left it: a station committing after it shows at
	 * the next poll */
	if (counter_passed_by(st, &now) < 0 && read_change_counter(st, &now) < 0)
		return;
	if (now != before + (changed ? 1u : 0u))
		st->others_changed = 1;
	st->counter = now;
	st->have_counter = 1;
}

/* Not while cut off from the share: after that the mark is claimed, not
 * renewed (reconnect). */
void store_keep_alive(struct yc_store *st)
{
	if (st->presence_at && !st->broken && time(NULL) - st->presence_at >= STORE_PRESENCE_SECONDS)
		presence_touch(st);
}

int store_version_ok(const char *name, int64_t application_id, int user_version, struct yc_err *err)
{
	if (application_id != APPLICATION_ID) {
		yc_err_set(err, YC_ECORRUPT, _("%s is not a yichuang database."), name);
		return -1;
	}
	if (user_version > store_schema_version()) {
		yc_err_set(err, YC_ETOONEW,
			   _("The database %s was made by a newer yichuang (schema %d; this program knows %d). Install the newer program on this station."),
			   name, user_version, store_schema_version());
		return -1;
	}
	return 0;
}

int store_poll_changes(struct yc_store *st)
{
	uint32_t now;
	struct yc_err err;

	if (st->pg)
		return store_server_poll(st);
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
