/* store-setup.h - the hall's own set-up, kept in the database: users,
 * windows, sites, departments, the contract, the calendar's years and the
 * hall's policy.
 *
 * Every change is checked here (not by the screen or the command that
 * asks for it), made in one transaction and written to the event log
 * naming who made it: `by` is the administrator's user id, or 0 for a
 * command run on the server, whose OS user and host the store's station
 * name carries. A user id that is not an active administrator is refused.
 *
 * Each list pages by keyset (_page: at most max rows after (forward) or
 * before the anchor row, from the start or the end when anchor is NULL,
 * in display order: ui_list_fetch's contract) and is counted by the
 * store (_count: every row, and the ones its section marks). The _list
 * functions walk every page for the command line and the choosers: the
 * rows come back whole (malloc'ed, freed by the caller with free()). */
#ifndef YC_STORE_SETUP_H
#define YC_STORE_SETUP_H

#include <stdint.h>

#include "calendar.h"
#include "policy.h"
#include "store.h"

/* Users ------------------------------------------------------------------ */

struct yc_user_row {
	int64_t id;
	char login[32];
	char full_name[64];
	char role[16];
	char department_code[16];
	char department[64];
	char site_code[32];
	char window[64];           /* the station's name, "" when none */
	int active;
	int must_change_password;
	char locked_until[20];
};

/* Active users first, then by login. */
int store_users_page(struct yc_store *st, const struct yc_user_row *anchor, int forward, struct yc_user_row *rows,
		     int max, int *n, struct yc_err *err);
int store_users_count(struct yc_store *st, long *all, long *active, struct yc_err *err);
int store_users_list(struct yc_store *st, struct yc_user_row **rows, int *n, struct yc_err *err);

/* What to set. For a change, a NULL field stays as it is and "" clears a
 * department, site or window. window is the station's name at the site
 * ("3号窗口"). */
struct yc_user_spec {
	const char *login;
	const char *full_name;
	const char *role;             /* guide intake reviewer pickup supervisor admin */
	const char *department_code;  /* a reviewer's department */
	const char *site_code;
	const char *window;
};

/* A new user with the given password hash, who must change it at the
 * first login. A reviewer needs a department. */
int store_user_add(struct yc_store *st, int64_t by, const struct yc_user_spec *u, const char *password_hash,
		   struct yc_err *err);
int store_user_change(struct yc_store *st, int64_t by, const struct yc_user_spec *u, struct yc_err *err);
/* Users with history are never deleted: they are disabled (no login) and
 * can be enabled again. The last active administrator stays. */
int store_user_set_active(struct yc_store *st, int64_t by, const char *login, int active, struct yc_err *err);
/* A new password to be changed at the next login; the lockout ends. */
int store_user_reset_password(struct yc_store *st, int64_t by, const char *login, const char *password_hash,
			      struct yc_err *err);

/* Windows ------------------------------------------------------------------ */

struct yc_window_row {
	int64_t id;
	int64_t site_id;
	char site_code[32];
	char name[64];
	int name_length;          /* in characters: 9号窗口 before 10号窗口 */
	char categories[128];     /* the queue categories it serves, "combined,bundle" */
	int open;
};

/* By site, then by name (the shorter first). */
int store_windows_page(struct yc_store *st, const struct yc_window_row *anchor, int forward,
		       struct yc_window_row *rows, int max, int *n, struct yc_err *err);
int store_windows_count(struct yc_store *st, long *all, long *open, struct yc_err *err);
int store_windows_list(struct yc_store *st, struct yc_window_row **rows, int *n, struct yc_err *err);
/* Add the window, or change it (a name that fits a row's name whole): categories (comma-separated codes, NULL =
 * unchanged; a new window needs them), open (1, 0, or -1 = unchanged). */
int store_window_set(struct yc_store *st, int64_t by, const char *site_code, const char *name,
		     const char *categories, int open, struct yc_err *err);

/* Sites and departments ------------------------------------------------------ */

struct yc_site_row {
	int64_t id;
	char code[32];
	char name[128];
	char level[16];           /* banner or township */
	int active;
};

/* In the order they were set up (the hall's own first). */
int store_sites_page(struct yc_store *st, const struct yc_site_row *anchor, int forward, struct yc_site_row *rows,
		     int max, int *n, struct yc_err *err);
int store_sites_count(struct yc_store *st, long *all, long *in_use, struct yc_err *err);
int store_sites_list(struct yc_store *st, struct yc_site_row **rows, int *n, struct yc_err *err);
/* 0 when the site (a station's site.code) is in the database and in use;
 * -1 (YC_ECONFIG) saying which code and how to add or reopen it. */
int store_site_check(struct yc_store *st, const char *code, struct yc_err *err);
/* Add a site (level NULL: township). Refused: a code taken, or one whose
 * numbers another site's would share (TK-1 beside TK1), or not of ASCII
 * letters, digits and '-'; a level not banner or township. Logged as
 * the site's "added" event. */
int store_site_add(struct yc_store *st, int64_t by, const char *code, const char *name, const char *level,
		   struct yc_err *err);
/* Change a site that exists (rename, level, close/reopen); name and
 * level NULL = unchanged; active -1 = unchanged. */
int store_site_set(struct yc_store *st, int64_t by, const char *code, const char *name, const char *level,
		   int active, struct yc_err *err);

struct yc_department_row {
	char code[16];
	char name[64];
	int reviewers;            /* active reviewers: none means its slips wait for nobody */
};

/* By code. */
int store_departments_page(struct yc_store *st, const struct yc_department_row *anchor, int forward,
			   struct yc_department_row *rows, int max, int *n, struct yc_err *err);
int store_departments_count(struct yc_store *st, long *all, long *without_reviewer, struct yc_err *err);
int store_departments_list(struct yc_store *st, struct yc_department_row **rows, int *n, struct yc_err *err);
int store_department_set(struct yc_store *st, int64_t by, const char *code, const char *name,
			 struct yc_err *err);

/* The contract ----------------------------------------------------------------- */

struct yc_contract {
	int64_t id;
	char contractor[128];
	long long fee_fen_per_year;
	char starts_on[11], ends_on[11];
};

/* The contract in force on day: 0 found, 1 none, -1 error. */
int store_contract_on(struct yc_store *st, const char *day, struct yc_contract *c, struct yc_err *err);
/* The month's fee ("YYYY-MM"): a twelfth of the yearly fee of the
 * contract in force on its first day, else the hall's policy
 * assessment.monthly_fee. */
int store_monthly_fee(struct yc_store *st, const char *month, long *fee_fen, struct yc_err *err);
/* Record a contract period (a later one for the same days wins). */
int store_contract_set(struct yc_store *st, int64_t by, const struct yc_contract *c, struct yc_err *err);

/* The hall's policy (policy.h) ------------------------------------------------------ */

/* The policy in force; a value never set is its default. */
int store_policy_get(struct yc_store *st, struct yc_policy *p, struct yc_err *err);

/* One policy as `yichuang policy show` and the admin screen tell it. */
struct yc_policy_row {
	const char *name;            /* e.g. "login.max_failures" */
	const char *what;            /* what it is, untranslated (N_) */
	int value, fallback, smallest, largest;
	int set;                     /* 0: never set, the default holds */
	char set_at[20];
	char set_by[32];             /* the administrator's login; "" for the command line */
};

/* Every policy, in policy.h's order: YC_POLICY_COUNT rows. */
int store_policy_rows(struct yc_store *st, struct yc_policy_row rows[YC_POLICY_COUNT], struct yc_err *err);

/* Set the policy called name to value, as typed: a whole number within
 * its bounds, else refused saying which numbers it takes. */
int store_policy_set(struct yc_store *st, int64_t by, const char *name, const char *value, struct yc_err *err);

/* The calendar ------------------------------------------------------------------ */

struct yc_calendar_year {
	int year;
	char source[128];
	char imported_at[20];
	int days;                 /* exceptions listed for it */
};

/* By year. */
int store_calendar_years_page(struct yc_store *st, const struct yc_calendar_year *anchor, int forward,
			      struct yc_calendar_year *rows, int max, int *n, struct yc_err *err);
int store_calendar_years_count(struct yc_store *st, long *all, struct yc_err *err);
int store_calendar_years(struct yc_store *st, struct yc_calendar_year **rows, int *n, struct yc_err *err);
/* One year's exceptions in date order, a page at a time in one read
 * (each is called again from the first day when a busy database makes
 * the store read again), for `calendar show` and the screen's view. */
int store_calendar_year_days(struct yc_store *st, int year,
			     void (*each)(void *ctx, const char *day, const char *kind, const char *name),
			     void *ctx, struct yc_err *err);
/* The (checked, problem-free) notice's own year (cal_file.year) replaces
 * what was known of it whole and becomes known; its days in other years
 * are added or changed, those years neither emptied nor made known. */
int store_calendar_import(struct yc_store *st, int64_t by, const struct cal_file *f, const char *source,
			  struct yc_err *err);

#endif
