/* store-internal.h - shared by the store-*.c files only; SQL stays there. */
#ifndef YC_STORE_INTERNAL_H
#define YC_STORE_INTERNAL_H

#include <sqlite3.h>

#include "db.h"
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "auth.h"
#include "case-flow.h"
#include "intake.h"
#include "store-guidance.h"
#include "store-users.h"
#include "store.h"

#define STORE_CACHE_SIZE 64

/* A record of a sealed table (cases, applicants, users, notices, results)
 * changed in the open transaction, as it was before the transaction first
 * changed it: its columns serialized as store-audit.c digests them. */
struct store_audit_change {
	int table;                   /* index in store-audit.c's sealed tables */
	int64_t rowid;
	unsigned char *old;          /* NULL: inserted in this transaction */
	size_t old_len;
	int old_columns;
};

/* What the audit keeps per connection (store-audit.c). */
struct store_audit {
	sqlite3 *db;                 /* the connection its hooks are on */
	struct db_pg *pg;            /* the server connection its temporary tables are on */
	struct store_audit_change *changes;
	int n_changes;
	size_t cap_changes;
	int sealing;                 /* its own seal writes are no changes */
	int lost;                    /* out of memory while noting a change */
	/* the event log's head: the last event before this transaction's
	 * first, and the last this transaction wrote (for the head file) */
	int64_t seen_id, wrote_id;
	char seen_hash[65], wrote_hash[65];
	int64_t user_id;             /* of the transaction's last event */
	const void *genesis_conn;    /* the connection genesis was read on */
	char genesis[17];            /* the log's first hash, naming the database in head files */
	/* records sealed by `yichuang seal`, for its next event */
	unsigned char *extra;
	size_t extra_len;
};
#define YC_LOCK_PATH_MAX 1100

struct yc_store {
	sqlite3 *db;                 /* on an SQLite file; NULL on a server */
	struct db_pg *pg;            /* on a PostgreSQL server (src/store-server.c) */
	char password_file[YC_LOCK_PATH_MAX];   /* the server's password, for connecting again */
	int broken;                  /* an I/O error: connect again before the next use */
	char path[YC_LOCK_PATH_MAX - 16];
	char uri[YC_LOCK_PATH_MAX + 64];
	char station[64];
	int busy_timeout_ms;
	int stale_lock_seconds;
	int rc;                      /* store_prep's last result: an error when it gave NULL */
	struct {
		const char *sql;
		db_stmt *stmt;
		unsigned long used;      /* `uses` when store_prep last gave it */
	} cache[STORE_CACHE_SIZE];
	int n_cached;
	unsigned long uses;          /* store_prep's calls, to find the least used */
	void (*busy_hook)(void *ctx, int waited_ms);
	void *busy_ctx;
	/* other stations' commits: the database header's change counter */
	uint32_t counter;            /* as this station last knew it */
	int have_counter;
	int others_changed;          /* seen inside one of our own transactions */
	time_t presence_at;          /* last touch of this station's presence file */
	struct store_audit audit;    /* sealed records changed in the open transaction (store-audit.c) */
	char mark[YC_LOCK_PATH_MAX + 96];  /* that file: DB.stations/HOST-PID-TOKEN */
	/* DB.lock as a connection left it when the share went away under it
	 * (dot-file locking): still this station's to give back, once the
	 * share is there again and recover has not taken it over */
	int lock_owed;
	char lock_db[YC_LOCK_PATH_MAX];   /* that lock's database, as SQLite named it */
	struct store_share_counts share;  /* requests to the share (store_share_counts) */
	int together;                /* store_reads_together: reads share one transaction ... */
	int together_open;           /* ... which is open */
	/* this station's place in the line for DB.lock (dot-file locking:
	 * Taking turns, src/store.c) */
	struct {
		char ticket[YC_LOCK_PATH_MAX + 64];   /* DB.queue/TIME-TOKEN, "" when not waiting */
		char ahead[64];        /* the ticket just ahead of it, "" when it is first */
		int place;             /* how many tickets were ahead of it, last looked */
		time_t ahead_mtime;    /* that ticket's time as last seen ... */
		double ahead_since;    /* ... and since when (ms, monotonic) unchanged */
		double renewed;        /* this station's ticket last renewed (ms, monotonic) */
		int no_queue;          /* the queue folder cannot be used: plain backoff */
		int refreshed;         /* the pages kept brought up to date as it came first */
	} turn;
};

/* The store's connection, whatever the backend (src/store.c): run SQL
 * without results (several statements may follow one another; DB_OK or
 * an error), the rows the last INSERT/UPDATE/DELETE changed, the id the
 * last INSERT gave its row, the text of the last error. */
int store_exec(struct yc_store *st, const char *sql);
int store_exec_portable(struct yc_store *st, const char *sql);
int store_changes(struct yc_store *st);
int64_t store_last_id(struct yc_store *st);
const char *store_errmsg(struct yc_store *st);

/* Every cached statement back before its first step, bindings cleared
 * (ending a transaction); finalized (before the connection goes). */
void store_reset_all(struct yc_store *st);
void store_forget_statements(struct yc_store *st);

/* A running station touches its presence file this often; one untouched
 * for three times as long belongs to a station that is gone (its program,
 * its PC or its network). Nothing else tells: a host name and a process
 * ID say nothing of a station in another PID namespace or on a cloned PC. */
#define STORE_PRESENCE_SECONDS 15
#define STORE_PRESENCE_GONE (3 * STORE_PRESENCE_SECONDS)

/* Roll back a hot journal of the database at path (DB-journal not empty)
 * through the plain unix VFS, which SQLite does on the first read; the
 * caller holds DB.lock, so that no station is inside meanwhile. 0 when
 * there was no journal to undo, 1 when it was undone (or held nothing to
 * undo and was removed), -1 when it is still there (why says why). */
int store_undo_journal(const char *path, char *why, size_t whysz);
/* DB.changes and DB.pages begun again (after a restore: the versions that
 * follow repeat those of the history it replaced, whose records must not
 * lead into it). Safe while no station runs. */
void store_share_logs_forget(const char *path);

/* Inside a transaction: the hall's working-day calendar as the database
 * has it (cal initialised by the caller; its days replaced). SQLITE_OK
 * or an error. Rules that count working days read it so, not a station's
 * copy loaded at login. */
int store_calendar_read(struct yc_store *st, struct yc_calendar *cal);

/* Inside a transaction: the contractor's fee for month ("2026-11"), a
 * twelfth of the yearly fee of the contract in force on its first day,
 * or the hall's policy's when none is. SQLITE_OK or an error. */
int store_fee_of_month(struct yc_store *st, const char *month, long *fee_fen);

/* Inside a write transaction: compute the pinyin the search index keeps
 * for every item whose name is new or changed (src/pinyin.c). Whatever
 * changes the catalogue calls it before it commits. */
int store_items_fill_pinyin(struct yc_store *st);

/* Inside a transaction: SQLITE_OK, or -1 with err when case_id answers
 * a construction approval whose stage still has approvals no department
 * has decided: a stage's results go out together (第二十六条). */
int store_stage_results_held_tx(struct yc_store *st, int64_t case_id, struct yc_err *err);

/* The special windows' request a record accepts (intake.h's remote_id,
 * approval_id), linked to its case inside the record's save: -1 with err
 * when another window has taken it meanwhile. */
struct intake;
int store_special_link_tx(struct yc_store *st, int64_t user_id, const struct intake *in, int64_t case_id,
			  const char *case_number, const char *now, struct yc_err *err);
/* Inside a transaction: SQLITE_OK, or -1 with err when the record is a
 * bundle taken at the window that not every member's department has
 * confirmed yet (store-bundle-confirm.h). */
int store_bundle_confirmed_tx(struct yc_store *st, const struct intake *in, struct yc_err *err);

/* Whether the record answers a cross-region request taken here for
 * another region's department, which decides it: no slip to ours. */
int store_special_decided_elsewhere_tx(struct yc_store *st, const struct intake *in, int *elsewhere);

/* Inside a transaction: an item's facts (-1 with err when it is gone),
 * and its materials with the checkpoints in force on day. */
struct yc_item_info;
struct yc_material_row;
int store_item_info_tx(struct yc_store *st, int64_t item_id, struct yc_item_info *info, struct yc_err *err);
int store_item_materials_tx(struct yc_store *st, int64_t item_id, const char *day, struct yc_material_row *rows,
			    int max, int *n);

/* A duration in words that round nothing away: "79 seconds",
 * "12 min 5 s", "3 h 20 min". */
void store_say_duration(long seconds, char *out, size_t n);

/* The event log's hash: prev, then each field after a 0x1f separator.
 * Unkeyed: the hash of every event before schema 13, and of an event
 * written without the key that changed no sealed record. */
void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65]);
/* The eight fields store_hash_event takes, from a row selected as id, at,
 * user_id, station, entity, entity_id, action, old_value, new_value
 * (columns 0-8, more may follow); uid and eid hold the numbers as text.
 * check, the audit and the tests read events so. */
void store_event_fields_of_row(db_stmt *s, char uid[24], char eid[24], const char *fields[8]);

/* The hash of an event of schema 13 or later that carries a key id or
 * sealed records: keyed with the key when key is not NULL. fields are the
 * eight of store_hash_event; each part is length-prefixed. */
void store_hash_event_v2(const unsigned char *key, const char *prev, const char *const fields[8],
			 const char *key_id, const void *seals, size_t seals_len, char out[65]);

/* The audit (store-audit.c) ------------------------------------------------ */

/* Put the audit's hooks on the store's connection (once per connection;
 * store_prep calls it, so that they are there before any change). */
void store_audit_attach(struct yc_store *st);
/* ... and taken off again, for a connection that outlives its store
 * (store_let_go). */
void store_audit_detach(struct yc_store *st);

/* On a server (store-audit-pg.c, data/pg/audit.sql): the session's
 * temporary tables the sealed tables' triggers note changes in, made once
 * per connection, outside a transaction (store_server_run calls it before
 * each write transaction and refuses the write when it fails; SQLITE_OK
 * at once when they are there). A database without the program's tables
 * needs none: SQLITE_OK, nothing made, and the next call looks again. */
int store_audit_pg_attach(struct yc_store *st);

/* On a server: the changes the triggers noted, into the audit's list
 * (store_audit_note; a record listed already keeps its first state). */
int store_audit_pg_collect(struct yc_store *st);

/* On a server, once store_audit_flush has sealed them: the notes
 * emptied, so that the next event lists the changes after this one. */
int store_audit_pg_forget(struct yc_store *st);

/* A sealed record changed in the open transaction (table: its name; old:
 * a statement stepped to the record as it was before, every column in the
 * table's order; NULL when the transaction made it). Other tables are no
 * concern of the audit. SQLITE_OK or SQLITE_NOMEM. */
int store_audit_note(struct yc_store *st, const char *table, int64_t rowid, db_stmt *old);

/* The name of sealed table t (0..4), NULL past them. */
const char *store_audit_table(int t);

/* The transaction ended (committed or rolled back): what it noted is
 * dropped and, after a commit that wrote events, this station's head
 * written. SQLite's commit and rollback hooks call it; store_server_run
 * after its COMMIT or ROLLBACK. */
void store_audit_ended(struct yc_store *st, int committed);

/* A trigger as check compares it: its name, its table, its definition. */
struct audit_trigger {
	char name[128], table[128];
	char *sql;
};

/* One more trigger from a statement giving name, table, definition; -1 out of memory. */
int store_audit_add_trigger(db_stmt *s, struct audit_trigger **out, size_t *cap, int *n);
void store_audit_free_triggers(struct audit_trigger *t, int n);

/* The triggers a database has against those the program makes: each
 * difference said through report; the number of differences. */
int store_audit_compare_triggers(store_report report, void *ctx, const struct audit_trigger *want, int n_want,
				 const struct audit_trigger *have, int n_have);

/* check's comparison of the triggers on a server: those data/pg/schema.sql
 * and data/pg/audit.sql make, loaded into a scratch schema inside a
 * savepoint undone at once, against the store's (a write transaction:
 * store_check runs it in one of its own). */
int store_audit_check_pg_triggers(struct yc_store *st, store_report report, void *ctx, int *problems);

/* Inside a write transaction, from store_event: seal every record changed
 * since the last call and describe them for the event (*out, malloc'd,
 * *len bytes; NULL/0 when none). Also for event `schema 13 migrate`, the
 * ids up to which records predate the seals. SQLITE_OK or an error. */
int store_audit_flush(struct yc_store *st, const char *entity, int64_t entity_id, const char *action,
		      unsigned char **out, size_t *len);

/* Inside a write transaction, just before its COMMIT (store_run): the
 * records changed after the transaction's last event get an event of
 * their own ("also_changed"); SQLITE_OK at once when there are none. */
int store_audit_finish(struct yc_store *st);

/* The key this process seals with (store_key_load), or NULL; its id. */
const unsigned char *store_audit_key(void);
const char *store_audit_key_id(void);

/* After store_event's insert: the head for the commit hook to write. */
void store_audit_wrote(struct yc_store *st, int64_t user_id, int64_t seen_id, const char *seen_hash,
		       int64_t id, const char *hash);

/* The check's parts that read the seals, the key and the heads. Each adds
 * its problems to *problems and says what it found through report. */
int store_audit_check(struct yc_store *st, store_report report, void *ctx, int *problems);

/* What that check found, to compare two databases' (a migration's file
 * and server): its problems, the event log's events and last link, and
 * each sealed table's records. */
#define STORE_SEALED_TABLES 5
struct store_audit_summary {
	int problems;
	long events;
	int64_t last_id;
	char last_hash[65];
	const char *table[STORE_SEALED_TABLES];
	long records[STORE_SEALED_TABLES];
};
int store_audit_check_summary(struct yc_store *st, store_report report, void *ctx, struct store_audit_summary *out);

/* A store around a connection already open, in whatever transaction it
 * is (a migration's file and server): the store's statements run on it;
 * store_let_go finalizes them and leaves the connection open. path names
 * the database as its heads do (the file, the connection string). */
struct yc_store *store_around(sqlite3 *lite, struct db_pg *pg, const char *path);
void store_let_go(struct yc_store *st);

/* `yichuang seal` (store_seal checks that no station works first). */
int store_audit_seal(struct yc_store *st, store_report report, void *ctx, struct yc_err *err);

/* A transaction body: returns SQLITE_OK, a SQLite error code (DB_DONE
 * is one: store_run), or -1 with err set for a refusal of its own. It may
 * be run more than once (after a busy lock), so it must start from scratch
 * each time. */
typedef int (*store_body)(struct yc_store *st, void *ctx, struct yc_err *err);

int store_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err);

/* On a PostgreSQL server (src/store-server.c): store_run's transaction,
 * and store_set_error's words for what is the server's (1 when err was
 * set). */
/* A store connected to the server, its schema not looked at (init's). */
int store_server_connect(struct yc_store **out, const char *conninfo, const char *password_file,
			 const struct store_opts *o, struct yc_err *err);
/* One line of an administrator's report (check, recover, backup ...). */
void store_say(store_report report, void *ctx, int ok, const char *fmt, ...) __attribute__((format(printf, 4, 5)));
/* database.password_file's password (checked as the configuration is). */
int store_server_password(const char *path, char *pw, size_t n, struct yc_err *err);
/* 1 when the server's database has no table, view or sequence yet, 0 when
 * it has, else an error code (init, restore). */
int store_server_is_empty(struct yc_store *st);
/* A restore's last step, on either backend: its event written (event,
 * which fills what), the store closed, both said. */
int store_restore_noted(struct yc_store *st, store_body event, void *note, const char *what, const char *backup,
			store_report report, void *ctx, struct yc_err *err);
/* store_backup on a server: pg_dump's custom format (store-backup-pg.c). */
int store_backup_server(struct yc_store *st, const char *out, store_report report, void *ctx, struct yc_err *err);
int store_server_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err);
int store_server_error(struct yc_store *st, int rc, struct yc_err *err);
/* Whether a database with this mark and schema version is one this
 * program may open (either backend): 0, or -1 with err saying why. */
int store_version_ok(const char *name, int64_t application_id, int user_version, struct yc_err *err);
/* store_poll_changes on the server (schema_meta.changes). */
int store_server_poll(struct yc_store *st);
/* The read transaction of store_reads_together ends (either backend). */
void store_together_end(struct yc_store *st);
/* who reads the store's errors (store_set_audience) */
enum store_audience store_audience(void);
/* The prepared statement for sql, cached by the address of the text (a
 * static string per call site); NULL with st->rc an error code. */
db_stmt *store_prep(struct yc_store *st, const char *sql);
void store_col_text(db_stmt *s, int col, char *out, size_t outsz);
void store_set_error(struct yc_store *st, int rc, struct yc_err *err);
/* The SQL bringing user_version i to i + 1, or NULL past the last. */
const char *store_migration_sql(int i);
/* Inside a write transaction: the next ticket of the day (store-queue.c). */
int store_ticket_insert(struct yc_store *st, const char *site_code, const char *category,
			int priority, int64_t item_id, int64_t appointment_id, int64_t user_id,
			char number[16], struct yc_err *err);

/* A query of one number with three text parameters (?1 ?2 ?3). */
int store_count3(struct yc_store *st, const char *sql, const char *a, const char *b, const char *c,
		 long *out);

/* Step a statement that returns no rows and reset it. */
int store_step_done(db_stmt *s);

/* Run sql, which returns no rows, with ?1 an id and ?2 a text. */
int store_exec_id_text(struct yc_store *st, const char *sql, int64_t id, const char *text);

/* Inside a write transaction: set checkpoint (material, seq) to text as a
 * new version from day (the old one ends day_before); *change is 0 when
 * the text was already so, 1 for a new checkpoint, 2 for a new version. */
int store_checkpoint_set(struct yc_store *st, int64_t material_id, int seq, const char *text,
			 const char *day, const char *day_before, int64_t user_id, int *change);

/* Inside a transaction: who may change the hall's set-up and policy (by,
 * store-setup.h): an active administrator, or (by == 0) the command line
 * on the server. SQLITE_OK, or -1 with err YC_EDENIED. */
int store_may_administer(struct yc_store *st, int64_t by, struct yc_err *err);

/* Inside a transaction: the hall's policy in force (policy.h), each value
 * not set its default (store-policy.c). */
struct yc_policy;
int store_policy_read(struct yc_store *st, struct yc_policy *p);

/* Inside a transaction: whether the user with this id (active) may do
 * what perm names; SQLITE_OK, or -1 with err YC_EDENIED. For the calls that
 * carry a user id rather than the user: the core decides, not the screen.
 * department_id, when not NULL, gets the user's department. */
int store_user_may(struct yc_store *st, int64_t user_id, enum yc_perm perm, int64_t *department_id,
		   struct yc_err *err);

/* Inside a write transaction: one consultation and its event. */
struct yc_consultation;
int store_consultation_insert(struct yc_store *st, int64_t user_id, const struct yc_consultation *c);
int store_event(struct yc_store *st, int64_t user_id, const char *entity, int64_t entity_id,
		const char *action, const char *old_value, const char *new_value);

/* The item's details and materials, with the checkpoints in force on
 * day, into an intake record (verdicts empty; other fields untouched). */
int store_intake_load_item(struct yc_store *st, int64_t item_id, const char *day, struct intake *in,
			   struct yc_err *err);

/* A case as the moves need it (store-flow.c). */
struct case_state {
	int64_t id, department_id, applicant_id;
	char status[24];
	int version;
	char promised_date[11];
	char kind[12];
	char phone[24];
	char case_number[32];
	char item[128];
	int withdrawal_requested;
	char suspended_on[11];        /* "" unless the clock is suspended */
	int64_t parent_case_id;       /* a bundle member's bundle, or 0 */
};

/* Inside a transaction: the case's state; -1 with err when there is no
 * such case. */
int store_case_state(struct yc_store *st, int64_t case_id, struct case_state *cs, struct yc_err *err);

/* Inside a write transaction: check the move (case-flow.h) for this user,
 * change the state and log the event; cs follows. */
int store_case_apply(struct yc_store *st, const struct yc_user *u, struct case_state *cs,
		     enum case_action a, const char *note, struct yc_err *err);

/* Inside a write transaction: the applicant has been told their result is
 * at the pickup window, or has it (first time only; for the assessment). */
int store_result_told(struct yc_store *st, int64_t case_id, const char *at);

/* Inside a write transaction: a service this station finished (intake,
 * pickup) waits for its rating terminal; a mailed one (phone: the
 * recipient's) for the SMS once delivered (store-rating.c). */
int store_rating_request_tx(struct yc_store *st, int64_t case_id, const char *service, const char *phone,
			    const char *now);

/* Inside a transaction (store-waivers.c): how many materials case_id still
 * owes under 容缺受理, the first one's name and the day it is due. */
int store_case_owed_tx(struct yc_store *st, int64_t case_id, int *count, char *first, size_t n, char due[11]);

/* Inside a write transaction: an SMS for the applicant, sent later by the
 * outbox; kind is completion, mail, reminder, clock or rating. */
int store_notify_queue(struct yc_store *st, int64_t case_id, const char *phone, const char *message,
		       const char *kind);

/* Inside a write transaction: the transfer slip of a case just accepted,
 * with the materials received (store-intake.c). */
int store_slip_for_case(struct yc_store *st, int64_t case_id, const char *case_number, const char *kind,
			int64_t item_id, const struct intake *in, const char *now);

/* Inside a write transaction (store-bundle.c): an accepted bundle case's
 * member cases, each with its own number, clock and slip to its
 * department, YC_BUNDLE_MAX_MEMBERS at most (members, an array of that
 * many, gets them as the acceptance notice lists them); 0 members when
 * the item is no bundle. */
struct yc_notice_member;
int store_bundle_open(struct yc_store *st, int64_t parent_id, const char *parent_number, const struct intake *in,
		      const struct yc_calendar *cal, const char *promised, const char *now,
		      struct yc_notice_member *members, int *n_members);

/* Inside a write transaction: a member was decided; when it was the last,
 * the bundle ends (its result, its result slip to pickup and, for an
 * 一证通 bundle with every licence granted, the comprehensive licence). */
int store_bundle_member_decided(struct yc_store *st, const struct yc_user *u, int64_t parent_id, const char *now,
				struct yc_err *err);

/* Inside a write transaction: the bundle was handed out, so are its members. */
int store_bundle_close(struct yc_store *st, int64_t parent_id, const char *now);

/* Inside a write transaction (store-intake.c): the applicant with this ID
 * number and kind, updated with the latest details, or a new one. */
int store_applicant_save(struct yc_store *st, const struct intake_applicant *a, int64_t *id);

/* Inside a write transaction: prefix + the next serial of `digits` digits
 * after the highest number with that prefix that sql (?1 = prefix)
 * returns. Made while this station alone holds the write lock, into a
 * UNIQUE column, so two windows never get the same number; -1 with err
 * when the serials are used up. */
int store_next_number(struct yc_store *st, const char *sql, const char *prefix, int digits, char *out,
		      size_t n, struct yc_err *err);
/* The highest notice number with a prefix, for store_next_number. */
extern const char store_sql_last_notice_number[];

/* A new record's identity: 32 random hex digits (store-intake.c). */
void store_new_record_uid(char out[33]);

/* A site code without its dashes, as numbers carry it. */
void store_site_letters(const char *site, char *out, size_t n);

#endif
