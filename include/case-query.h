/* case-query.h - the citizen follows their case (the query kiosk, `yichuang
 * query`, and `yichuang status` for a phone operator): with the case number
 * and the query password printed on the acceptance notice. Wrong passwords
 * are slowed and then lock the case's query, per case and for the whole
 * hall (the guard is in the database, so every kiosk and the phone share
 * it). The rule is here, pure and unit-tested; the store applies it in the
 * transaction that checks the password. Curses- and SQL-free. */
#ifndef YC_CASE_QUERY_H
#define YC_CASE_QUERY_H

#include <stddef.h>

/* The rule: QUERY_MAX_FAILURES wrong passwords within QUERY_WINDOW_MINUTES
 * of the first lock the case's query for QUERY_LOCK_MINUTES. From the third
 * wrong one the answer comes slower, a second more each time
 * (auth_penalty's schedule, as for a clerk's login). */
#define QUERY_MAX_FAILURES 5
#define QUERY_WINDOW_MINUTES 15
#define QUERY_LOCK_MINUTES 30

/* A case's guard as stored: times "YYYY-MM-DD HH:MM:SS", "" for none. */
struct query_guard {
	int failures;                 /* wrong passwords since first_failed_at */
	char first_failed_at[20];
	char locked_until[20];
};

/* 1 when the guard locks the query at now. */
int query_guard_locked(const struct query_guard *g, const char *now);

/* The guard after a wrong password at now: counted in the window (a new
 * window when the last one is over), locked when the count reaches the
 * most (the count starts again). Returns the milliseconds to wait before
 * answering. */
int query_guard_fail(struct query_guard *g, const char *now);

/* The guard after the right password: nothing counted, nothing locked. */
void query_guard_clear(struct query_guard *g);

/* "YYYY-MM-DD HH:MM:SS" plus minutes, into out; -1 when when is not such
 * a time. */
int query_time_plus_minutes(const char *when, int minutes, char out[20]);

/* The password as the applicant typed it against the one on the notice,
 * in a time that does not depend on where they differ: 1 when the same. */
int query_password_matches(const char *stored, const char *typed);

/* A case number as typed on a keypad: spaces dropped, letters in upper
 * case ("wsq 2026 1123 0004" -> "WSQ202611230004"). */
void query_normalise_case_number(const char *typed, char *out, size_t n);

#endif
