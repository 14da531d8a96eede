/* case-query.c - the progress query's guard against guessing (case-query.h). */
#include "config.h"

#include <ctype.h>
#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>

#include "auth.h"
#include "case-query.h"
#include "yc.h"

/* Times are the hall's wall clock as stored; arithmetic in UTC keeps
 * them what they say whatever the zone (no summer time in China anyway). */
static int parse_time(const char *when, time_t *t)
{
	struct tm tm;

	memset(&tm, 0, sizeof tm);
	if (!when || sscanf(when, "%4d-%2d-%2d %2d:%2d:%2d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
			    &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return -1;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	*t = timegm(&tm);
	return 0;
}

int query_time_plus_minutes(const char *when, int minutes, char out[20])
{
	struct tm tm;
	time_t t;

	if (parse_time(when, &t) < 0)
		return -1;
	t += (time_t)minutes * 60;
	gmtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
	return 0;
}

int query_guard_locked(const struct query_guard *g, const char *now)
{
	return g->locked_until[0] && strcmp(now, g->locked_until) < 0;
}

int query_guard_fail(struct query_guard *g, const char *now)
{
	char window_end[20];
	struct login_penalty p;

	if (!query_guard_locked(g, now))
		g->locked_until[0] = '\0';   /* a lock that is over */
	if (!g->first_failed_at[0] ||
	    query_time_plus_minutes(g->first_failed_at, QUERY_WINDOW_MINUTES, window_end) < 0 ||
	    strcmp(now, window_end) >= 0) {
		g->failures = 0;
		yc_strlcpy(g->first_failed_at, now, sizeof g->first_failed_at);
	}
	g->failures++;
	p = auth_penalty(g->failures, QUERY_MAX_FAILURES);
	if (p.lock) {
		query_time_plus_minutes(now, QUERY_LOCK_MINUTES, g->locked_until);
		g->failures = 0;
		g->first_failed_at[0] = '\0';
	}
	return p.delay_ms;
}

void query_guard_clear(struct query_guard *g)
{
	memset(g, 0, sizeof *g);
}

int query_password_matches(const char *stored, const char *typed)
{
	char a[64] = "", b[64] = "";

	if (!stored || !stored[0] || strlen(typed) >= sizeof b)
		return 0;
	/* both padded to one length: the compare takes the same time */
	yc_strlcpy(a, stored, sizeof a);
	yc_strlcpy(b, typed, sizeof b);
	return sodium_memcmp(a, b, sizeof a) == 0;
}

void query_normalise_case_number(const char *typed, char *out, size_t n)
{
	size_t o = 0;

	for (; *typed && o + 1 < n; typed++)
		if (!isspace((unsigned char)*typed))
			out[o++] = (char)toupper((unsigned char)*typed);
	if (n)
		out[o] = '\0';
}
