/* store-bundle-confirm.h - 一件事一次办 taken at the window is confirmed by
 * the departments concerned before it is entered (第十五条.1): the
 * reviewed record is put to each member item's department, which confirms
 * it or returns it with a reason; store_intake_commit accepts it only once
 * every one has confirmed. Online submissions (pre-reviewed, 第十五条.2)
 * and a hall whose policy bundle.confirm_onsite is 0 need none. */
#ifndef YC_STORE_BUNDLE_CONFIRM_H
#define YC_STORE_BUNDLE_CONFIRM_H

#include <stdint.h>

#include "intake.h"
#include "store-users.h"
#include "yc.h"

struct yc_store;

/* Where a record stands with the departments. */
struct yc_bundle_confirm_state {
	int needed;                  /* 0: accept it as any other */
	int departments, confirmed, returned;
	char waiting[512];           /* the departments not answered yet, joined */
	char returns[1024];          /* "department: reason" of those that returned it */
};

/* Put the record to the departments that have not confirmed it (again
 * to those that returned it only when again is set), and say where it
 * stands. 0, or -1 with err. */
int store_bundle_confirm_ask(struct yc_store *st, const struct yc_user *u, const struct intake *in, int again,
			     struct yc_bundle_confirm_state *out, struct yc_err *err);

/* A record waiting for a department's answer, as its list shows it. */
struct yc_bundle_confirm_row {
	int64_t id;
	char asked_at[20];
	char item[128];
	char applicant[128];
	char asked_by[64];
	char received[1024];
};

/* The records waiting for department_id's answer, oldest first (ui-table.h's
 * contract), and their count. 0, or -1 with err. */
int store_bundle_confirm_page(struct yc_store *st, int64_t department_id, const struct yc_bundle_confirm_row *anchor,
			      int forward, struct yc_bundle_confirm_row *rows, int max, int *n, struct yc_err *err);
int store_bundle_confirm_count(struct yc_store *st, int64_t department_id, long *count, struct yc_err *err);

/* The department's answer: confirmed, or returned with its reason (needed).
 * Only a reviewer of that department; once. 0, or -1 with err. */
int store_bundle_confirm_answer(struct yc_store *st, const struct yc_user *u, int64_t id, int confirm,
				const char *reason, struct yc_err *err);

#endif
