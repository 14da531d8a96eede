/* store-reports.h - reports: cases by item and department, the queue by window (store-reports.c). */
#ifndef YC_STORE_REPORTS_H
#define YC_STORE_REPORTS_H

#include <stdint.h>

#include "store.h"

/* Reports --------------------------------------------------------------------- */

enum yc_report_by { REPORT_DEPARTMENT, REPORT_ITEM, REPORT_CLERK, REPORT_WINDOW, REPORT_MONTH };

struct yc_report_row {
	char key[128];                /* the department, item, clerk, window or month */
	int64_t received;             /* cases received in the period */
	int64_t accepted;
	int64_t not_accepted;
	int64_t decided;              /* decided in the period */
	int64_t on_time;              /* of those, decided by the promised date */
	int64_t overdue_open;         /* still open and past the promised date (as of today) */
	int64_t suspended;            /* open with the clock stopped */
	int64_t ratings;
	double rating_avg;            /* 0 when none */
	int64_t first_case;           /* the group's first case: groups of a size in its order */
};

/* Counts and timeliness for cases received from..to (dates, inclusive),
 * grouped, the biggest first: a page after (forward) or before the
 * anchor (NULL: from the start or the end), in display order. A period
 * that is no period is YC_EINVAL. */
int store_report_page(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		      const struct yc_report_row *anchor, int forward, struct yc_report_row *rows, int max, int *n,
		      struct yc_err *err);
/* How many groups there are, and the figures of every case of the period
 * together (total: its key ""). */
int store_report_count(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		       long *groups, struct yc_report_row *total, struct yc_err *err);
/* Every group at once, in one transaction (an export): *rows is
 * malloc'd (free it), *n of them. */
int store_report_all(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		     struct yc_report_row **rows, int *n, struct yc_err *err);

struct yc_queue_report_row {
	char category[32];
	int64_t tickets, served, no_shows;
	double wait_min, service_min; /* averages, in minutes */
	char prefix[16];              /* its tickets' letter: of two as busy, A before B */
};

/* Wait (issued to called) and service (called to finished) times from the
 * queue, per window category, for from..to, the busiest first: a page as
 * store_report_page, and how many categories had tickets. */
int store_queue_report_page(struct yc_store *st, const char *from, const char *to,
			    const struct yc_queue_report_row *anchor, int forward, struct yc_queue_report_row *rows,
			    int max, int *n, struct yc_err *err);
int store_queue_report_count(struct yc_store *st, const char *from, const char *to, long *count, struct yc_err *err);

#endif
