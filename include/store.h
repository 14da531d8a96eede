/* store.h - the shared SQLite database: opening it, the connection's
 * rules, and the administrator's checks. What each part of the hall reads
 * and records is declared in the store-*.h header of its store-*.c file
 * (store-intake.h, store-queue.h, ...); the SQL stays in those files.
 *
 * The database usually sits on a network share used by every window PC, so:
 * every access is one short transaction (BEGIN IMMEDIATE for writes), never
 * held while a screen waits for a key; a busy database is retried with
 * backoff while the UI says so; failures come back as yc_err in words a
 * clerk understands. */
#ifndef YC_STORE_H
#define YC_STORE_H

#include <stdint.h>

#include "yc.h"

struct yc_store;
/* What the store-*.h headers name by pointer (store-users.h, calendar.h,
 * documents.h define them). */
struct yc_user;
struct yc_calendar;
struct doc_hall;

/* Who reads the store's error messages: they say what that reader can do
 * (only a screen keeps what was typed; the administrator is not told to
 * ask the administrator). */
enum store_audience {
	STORE_FOR_CLERK = 0,          /* the screens */
	STORE_FOR_COMMAND,            /* a command run by anybody: ticket, import ... */
	STORE_FOR_ADMIN               /* the administrator's tools: check, backup, set-up */
};

struct store_opts {
	const char *locking;          /* "unix" or "unix-dotfile" */
	int busy_timeout_ms;
	int stale_lock_seconds;
	const char *station;          /* recorded in the event log */
	int no_presence;              /* admin tools: do not count as a station */
};

/* Who reads this program's store errors from now on (default: a clerk). */
void store_set_audience(enum store_audience audience);

/* The schema version this program writes. */
int store_schema_version(void);

/* Open an existing database; migrates an older schema forward, refuses a
 * newer one. */
int store_open(struct yc_store **out, const char *path, const struct store_opts *o,
	       struct yc_err *err);
/* A store on a PostgreSQL server (database.conninfo; the password from
 * password_file, else libpq's PGPASSFILE or ~/.pgpass), its schema left
 * as it is: the schema's translation (issue #24) adds the version check
 * and the migrations that store_open makes on a file. */
int store_open_server(struct yc_store **out, const char *conninfo, const char *password_file,
		      const struct store_opts *o, struct yc_err *err);
void store_close(struct yc_store *st);
const char *store_path(const struct yc_store *st);

struct store_site {
	const char *code, *name, *level;
};

/* Create a new database file (refuses to overwrite): schema, window
 * categories, the calendar, the catalogue; with demo also demo users
 * (password "demo") and sample cases. Without demo an 'admin' account is
 * made with the given initial password, to be changed at first login. */
int store_create(const char *path, const struct store_site *site, int demo,
		 const char *admin_password, const char *holidays_text, struct yc_err *err);
/* The same on a PostgreSQL server (database.backend = "postgresql"): the
 * tables of data/pg/schema.sql and the same rows, in the database that
 * conninfo names, which must have no tables yet (refused otherwise). */
int store_create_server(const char *conninfo, const char *password_file, const struct store_site *site,
			int demo, const char *admin_password, const char *holidays_text, struct yc_err *err);

/* Administration ------------------------------------------------------------ */

/* One line of a check or recovery report; ok 0 marks a problem. */
typedef void (*store_report)(void *ctx, int ok, const char *line);

/* Integrity, foreign keys, schema version, the name search, the triggers,
 * the event log's chain and keys, the sealed records against their seals
 * and the log, and this PC's heads of the log (store-audit.c).
 * Returns the number of problems found (0: all is well), -1 when the
 * database could not be read at all. */
int store_check(struct yc_store *st, store_report report, void *ctx, struct yc_err *err);

/* The name search's table (case_names) built again from the cases, for a
 * check that found it out of step. Returns its entries, -1 on failure
 * (the old table then stays). */
long store_reindex(struct yc_store *st, struct yc_err *err);

/* The way out of a stale lock (a station died while saving): waits while a
 * station's presence mark is fresh (renewed within 45 s) and refuses as
 * soon as one is renewed; takes the lock over (so that no station comes
 * in meanwhile), lets SQLite roll back the hot journal with plain POSIX
 * locking (Debian 12's SQLite does not under unix-dotfile), checks
 * integrity and gives the lock back. 0 when the database is sound
 * afterwards; -1 with err saying what to do otherwise (a journal that could
 * not be undone keeps the lock, so that no station uses the file). */
int store_recover(const char *path, store_report report, void *ctx, struct yc_err *err);

/* A consistent copy of the open database at out (which must not exist),
 * taken through the same locking, written to disk (fsync) and checked
 * before it gets its name. On a server: pg_dump's custom format, read
 * through by pg_restore before it gets its name (store-backup-pg.c). */
int store_backup(struct yc_store *st, const char *out, store_report report, void *ctx,
		 struct yc_err *err);

/* Put a backup back: checked first (a yichuang database, sound, not newer
 * than this program); refused while stations are present; copied in
 * through the configured locking in one transaction. The restored file's
 * event log then says so: from which backup, by whom (actor, as the
 * event's station), and which events of the file it dropped. */
/* An administrative act that changed nothing through the store (recover)
 * written to the event log as the store's station (the tool, its OS user
 * and host). */
int store_note_event(struct yc_store *st, const char *entity, const char *action, const char *detail,
		     struct yc_err *err);

int store_restore(const char *path, const char *locking, const char *backup, const char *actor,
		  store_report report, void *ctx, struct yc_err *err);
/* The same on a PostgreSQL server: a backup of a server (pg_dump's custom
 * format, as store_backup writes it there) read through and checked
 * first, then put by pg_restore into the database conninfo names, which
 * must be empty (refused otherwise), in one transaction; its event log
 * then says so (store-backup-pg.c). */
int store_restore_server(const char *conninfo, const char *password_file, const char *backup, const char *actor,
			 store_report report, void *ctx, struct yc_err *err);

/* The event log's key (store-audit.c) ----------------------------------------
 * 32 random bytes in a file on each station's own disk (database.key_file),
 * never in the database. With it a station's events are hashed with the
 * key and the records it changes sealed with it, so that `check` can tell
 * the program's changes from changes made outside it. A station without
 * it works as before; what it saves cannot be verified. */

/* Load the key this process uses: 1 loaded, 0 no such file, -1 the file
 * is there but cannot be used (err says why). Either way the process works;
 * without a key it seals nothing with one. */
int store_key_load(const char *path, struct yc_err *err);
/* The path last given to store_key_load; the key's id ("" without a key);
 * why a key file that is there is not used ("" when nothing is wrong). */
const char *store_key_path(void);
const char *store_key_id(void);
const char *store_key_problem(void);

/* A new key at path (its folder made if need be), mode 0600; refuses to
 * replace one. key_id gets its id. */
int store_keygen(const char *path, char key_id[9], struct yc_err *err);

/* 1 when the log's recent events are sealed with a key (a station without
 * one should then say so), 0 when not, -1 on error. */
int store_log_keyed(struct yc_store *st, struct yc_err *err);

/* The folder, on this PC's own disk, where each station keeps the last
 * event it saw and saved of each database (check compares them with the
 * log); NULL or "" keeps none. */
void store_heads_dir(const char *dir);

/* Seal every record that has no valid seal, as it is now, and take into
 * the log the records deleted outside it; each such record is listed (an
 * event per 20,000, naming the actor as its station). Needs the key;
 * refused while stations are present. Returns the records sealed. */
int store_seal(struct yc_store *st, store_report report, void *ctx, struct yc_err *err);

/* Called while waiting for a busy database, with the time waited so far,
 * so that the status line can say so. */
void store_set_busy_hook(struct yc_store *st, void (*hook)(void *ctx, int waited_ms), void *ctx);

/* Tell `recover` this station is still here (cheap: a file touch every
 * 15 s at most); store_poll_changes does it too. */
void store_keep_alive(struct yc_store *st);

/* 1 when another station committed since the last call (this station's
 * own commits do not count). Never takes the lock: one 4-byte read of the
 * database header's change counter. */
int store_poll_changes(struct yc_store *st);

/* Reads together: between store_reads_together(st, 1) and (st, 0) the
 * store's reads share one read transaction - on a share one lock, taken
 * by the first read and given back by the end (or by a write, which ends
 * it first) - where each would take its own. For a live screen's reload
 * (the queue list, its count, the overview); nothing between may wait
 * for a key, which would keep every other station waiting. */
void store_reads_together(struct yc_store *st, int on);

/* Requests to the share (dot-file locking only): every call through the
 * store's VFS that reaches the database's or its journal's file - a read,
 * a write, a sync, an open ... - and the lock's own mkdir, rmdir, utime
 * and stat. On a network drive each is a round trip. Counted for the
 * bench: over the transactions that ended well, write and read apart. */
enum store_request_kind {
	REQ_READ, REQ_WRITE, REQ_SYNC, REQ_TRUNCATE, REQ_SIZE, REQ_OPEN, REQ_CLOSE, REQ_DELETE, REQ_ACCESS,
	REQ_MKDIR, REQ_RMDIR, REQ_UTIME, REQ_STAT, REQ_KINDS
};
struct store_share_counts {
	long write_tx, read_tx;             /* transactions that committed */
	long write[REQ_KINDS], read[REQ_KINDS];   /* their requests, by kind */
	long refresh;                       /* made before taking the lock, to bring
					     * the pages kept up to date (src/store.c) */
};
void store_share_counts(const struct yc_store *st, struct store_share_counts *out);
/* The name of a kind of request, for a report ("write", "mkdir" ...). */
const char *store_request_name(enum store_request_kind kind);
/* The requests of a kind in one list, summed. */
long store_requests_total(const long counts[REQ_KINDS]);

#endif
