/* store-internal.h - shared by the store-*.c files only; SQL stays there. */
#ifndef YC_STORE_INTERNAL_H
#define YC_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>
#include <time.h>

#include "auth.h"
#include "case-flow.h"
#include "store.h"

#define STORE_CACHE_SIZE 64
#define YC_LOCK_PATH_MAX 1100

struct yc_store {
	sqlite3 *db;
	int broken;                  /* an I/O error: connect again before the next use */
	char path[YC_LOCK_PATH_MAX - 16];
	char uri[YC_LOCK_PATH_MAX + 64];
	char station[64];
	int busy_timeout_ms;
	int stale_lock_seconds;
	int rc;                      /* last prepare result */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STORE_CACHE_SIZE];
	int n_cached;
	void (*busy_hook)(void *ctx, int waited_ms);
	void *busy_ctx;
	/* other stations' commits: the database header's change counter */
	uint32_t counter;            /* as this station last knew it */
	int have_counter;
	int others_changed;          /* seen inside one of our own transactions */
	time_t presence_at;          /* last touch of this station's presence file */
};

/* A running station touches its presence file this often; one untouched
 * for three times as long belongs to a station that is gone. */
#define STORE_PRESENCE_SECONDS 15

/* The event log's hash: prev, then each field after a 0x1f separator. */
void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65]);

/* A transaction body: returns SQLITE_OK, a SQLite error code, or -1 with
 * err set for a refusal of its own. It may be run more than once (after a
 * busy lock), so it must start from scratch each time. */
typedef int (*store_body)(struct yc_store *st, void *ctx, struct yc_err *err);

int store_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err);
sqlite3_stmt *store_prep(struct yc_store *st, const char *sql);
void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsz);
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
int store_step_done(sqlite3_stmt *s);

/* Run sql, which returns no rows, with ?1 an id and ?2 a text. */
int store_exec_id_text(struct yc_store *st, const char *sql, int64_t id, const char *text);

/* Inside a write transaction: set checkpoint (material, seq) to text as a
 * new version from day (the old one ends day_before); *change is 0 when
 * the text was already so, 1 for a new checkpoint, 2 for a new version. */
int store_checkpoint_set(struct yc_store *st, int64_t material_id, int seq, const char *text,
			 const char *day, const char *day_before, int64_t user_id, int *change);

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

/* Inside a write transaction: an SMS for the applicant, sent later by the
 * outbox; kind is completion, mail, reminder or clock. */
/* Inside a write transaction: the applicant has been told their result is
 * at the pickup window, or has it (first time only; for the assessment). */
int store_result_told(struct yc_store *st, int64_t case_id, const char *at);
int store_notify_queue(struct yc_store *st, int64_t case_id, const char *phone, const char *message,
		       const char *kind);

/* Inside a write transaction: the transfer slip of a case just accepted,
 * with the materials received (store-intake.c). */
int store_slip_for_case(struct yc_store *st, int64_t case_id, const char *case_number, const char *kind,
			int64_t item_id, const struct intake *in, const char *now);

/* Inside a write transaction (store-bundle.c): an accepted bundle case's
 * member cases, each with its own number, clock and slip to its
 * department; 0 members when the item is no bundle. */
int store_bundle_open(struct yc_store *st, int64_t parent_id, const char *parent_number, const struct intake *in,
		      const struct yc_calendar *cal, const char *promised, const char *now, int *members);

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

/* A site code without its dashes, as numbers carry it. */
void store_site_letters(const char *site, char *out, size_t n);

#endif
