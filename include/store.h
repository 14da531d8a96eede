/* store.h - the shared SQLite database. All SQL lives behind this header.
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
#include "calendar.h"

struct yc_store;

struct store_opts {
	const char *locking;          /* "unix" or "unix-dotfile" */
	int busy_timeout_ms;
	int stale_lock_seconds;
	const char *station;          /* recorded in the event log */
};

/* The schema version this program writes. */
int store_schema_version(void);

/* Open an existing database; migrates an older schema forward, refuses a
 * newer one. */
int store_open(struct yc_store **out, const char *path, const struct store_opts *o,
	       struct yc_err *err);
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

/* Called while waiting for a busy database, with the time waited so far,
 * so that the status line can say so. */
void store_set_busy_hook(struct yc_store *st, void (*hook)(void *ctx, int waited_ms), void *ctx);

/* 1 when another station committed since the last call; cheap when
 * nothing changed (one stat() of the file, no lock taken). */
int store_poll_changes(struct yc_store *st);

/* Users ------------------------------------------------------------------ */

struct yc_user {
	int64_t id;
	char login[32];
	char full_name[64];
	char role[16];
	int64_t department_id;
	char department[64];
	char password_hash[160];
	int must_change_password;
	int failed_logins;
	char locked_until[20];   /* "" when not locked */
	int active;
};

/* 0 found, 1 no such user, -1 error. */
int store_user_get(struct yc_store *st, const char *login, struct yc_user *u, struct yc_err *err);
/* Record a login outcome and its event in one transaction. */
int store_user_login_outcome(struct yc_store *st, int64_t user_id, int success,
			     int failed_logins, const char *locked_until, struct yc_err *err);
int store_user_set_password(struct yc_store *st, int64_t user_id, const char *hash,
			    int must_change, struct yc_err *err);

/* Catalogue -------------------------------------------------------------- */

struct yc_item_row {
	int64_t id;
	char code[24];
	char name[128];
	char department[64];
	char window_name[32];
	char kind[12];           /* immediate / promised */
	int promised_limit;
	int statutory_limit;
	char limit_unit[10];
};

/* One page of service items matching filter (code prefix, any part of the
 * name, or pinyin initials prefix; "" for all), ordered by code, strictly
 * after (forward) or before (backward) the code 'from' ("" = from the
 * start or the end). Keyset paging: as fast on page 1000 as on page 1.
 * Rows come back in display order. */
int store_items_page(struct yc_store *st, const char *filter, const char *from, int forward,
		     struct yc_item_row *rows, int max, int *n, struct yc_err *err);
int store_items_count(struct yc_store *st, const char *filter, long *count, struct yc_err *err);

struct yc_item_detail_line {
	int material_seq;        /* 0 for the item's own lines */
	char text[512];
};

/* The item's guide as lines for a viewer: materials, checkpoints in force
 * on the given day, limits, fees, guide, FAQ. each() gets every line. */
int store_item_guide(struct yc_store *st, int64_t item_id, const char *day,
		     void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		     struct yc_err *err);

/* Calendar --------------------------------------------------------------- */

int store_calendar_load(struct yc_store *st, struct yc_calendar *cal, struct yc_err *err);

/* Queue tickets ---------------------------------------------------------- */

/* Issue the next ticket of the day for a window category at a site;
 * numbering is unique even when many stations issue at the same moment. */
int store_ticket_issue(struct yc_store *st, const char *site_code, const char *category,
		       int priority, int64_t user_id, char number[16], struct yc_err *err);

/* Overview for the main menu ----------------------------------------------- */

struct yc_overview {
	long tickets_waiting;
	long cases_open;
	long cases_overdue;
	long slips_waiting;
	long results_waiting;
	long items;
};

int store_overview(struct yc_store *st, const char *today, struct yc_overview *ov,
		   struct yc_err *err);

/* Counts used by tests and `check`. */
int store_count(struct yc_store *st, const char *table, long *n, struct yc_err *err);

#endif
