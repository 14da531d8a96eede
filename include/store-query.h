/* store-query.h - the citizen's progress query (store-query.c): a case
 * found by its number, its query password checked against the guard of
 * case-query.h in the same transaction, and what the public may see of
 * it. Nothing personal beyond the masked name. */
#ifndef YC_STORE_QUERY_H
#define YC_STORE_QUERY_H

#include <stdint.h>

#include "store.h"

#define YC_PROGRESS_MISSING 8

/* What the query shows of a case. */
struct yc_case_progress {
	int64_t case_id;
	char case_number[40];
	char item[128];
	char department[64];
	char applicant[64];            /* masked: "王**" */
	char status[24];
	char accepted_at[20];
	char promised_date[11];
	char suspended_on[11];         /* "" while the clock runs */
	char suspension_kind[24];
	char site[128];                /* where the result is collected */
	char pickup_method[16];        /* "" until handed out or mailed */
	char tracking[40];
	char closed_at[20];
	/* what the case waits for from the applicant */
	char missing[YC_PROGRESS_MISSING][128];
	int n_missing;
	int64_t fee_due_fen;           /* a fee to pay before the result is handed out; 0 none */
};

/* The case numbered case_number, when password is its query password and
 * its query is not locked: 0 with p filled. Else -1 with err: YC_EAUTH
 * (no such case or a wrong password: the message never says which),
 * YC_ELOCKED (too many wrong ones: until when). A wrong password counts
 * against the case for every kiosk; *delay_ms says how long the caller
 * makes the answer wait (case-query.h). */
int store_case_query(struct yc_store *st, const char *case_number, const char *password,
		     struct yc_case_progress *p, int *delay_ms, struct yc_err *err);

#endif
