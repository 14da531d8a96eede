/* store-special.h - the special windows' work waiting to become cases: a
 * cross-region request the home department confirmed (第十九条) and each
 * approval of a construction project's current stage (第二十四条). The
 * combined intake takes one up like an online submission: the item and
 * the applicant filled in, the review as for anyone, and on saving the
 * request answered by the record's case. */
#ifndef YC_STORE_SPECIAL_H
#define YC_STORE_SPECIAL_H

#include <stdint.h>

#include "intake.h"
#include "yc.h"

struct yc_store;

struct yc_special_row {
	char kind[12];           /* "remote" or "approval" */
	int64_t id;
	char since[20];          /* confirmed, or planned */
	char what[160];          /* the home department, or the project */
	char applicant[128];
	char item[128];
};

/* The requests waiting that were taken at the site site_code (the intake
 * window's own; "" every site's), oldest first: a page after/before the
 * anchor row (ui-table.h's contract) and their count. 0, or -1 with err. */
int store_special_page(struct yc_store *st, const char *site_code, const struct yc_special_row *anchor,
		       int forward, struct yc_special_row *rows, int max, int *n, struct yc_err *err);
int store_special_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err);

/* A new intake record for the request (kind, id): its item's materials
 * and checkpoints in force on day, its applicant as known. 0, or -1 with
 * err (taken by another window meanwhile, not waiting any more). */
int store_special_start(struct yc_store *st, const char *kind, int64_t id, const char *day, struct intake *in,
			struct yc_err *err);

#endif
