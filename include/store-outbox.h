/* store-outbox.h - the SMS outbox (store-outbox.c). */
#ifndef YC_STORE_OUTBOX_H
#define YC_STORE_OUTBOX_H

#include <stdint.h>

#include "store.h"

/* The SMS outbox ------------------------------------------------------------------ */

struct yc_outbox_msg {
	int64_t id, case_id;
	char phone[24];
	char message[1024];
	char kind[16];
	char status[12];              /* queued, sent, failed */
	int attempts;
	char last_error[200];
	char created_at[20];
	char next_attempt_at[20];
	int given_up;                 /* status failed: listed first */
};

/* Claim the oldest message due for sending for this station (a claim older
 * than five minutes is another station's that died): 0 claimed, 1 none. */
int store_outbox_claim(struct yc_store *st, struct yc_outbox_msg *m, struct yc_err *err);

/* Record a try: sent, or failed with the reason and tried again later
 * (1, 2, 4 ... 60 minutes) until max_attempts, when it is given up. */
int store_outbox_result(struct yc_store *st, int64_t id, int ok, const char *error, int max_attempts,
			struct yc_err *err);

struct yc_outbox_counts {
	long queued, failed, sent_today;
};

int store_outbox_counts(struct yc_store *st, const char *today, struct yc_outbox_counts *c, struct yc_err *err);

/* Messages not sent (given up first, then waiting), newest first. */
int store_outbox_unsent(struct yc_store *st, struct yc_outbox_msg *rows, int max, int *n, struct yc_err *err);
/* The same list a page at a time after (or before) the anchor, and how
 * many: the pickup screen's outbox has no row cap. */
int store_outbox_unsent_page(struct yc_store *st, const struct yc_outbox_msg *anchor, int forward,
			     struct yc_outbox_msg *rows, int max, int *n, struct yc_err *err);
int store_outbox_unsent_count(struct yc_store *st, long *count, struct yc_err *err);

/* Try a given-up message again from now. */
int store_outbox_retry(struct yc_store *st, int64_t id, struct yc_err *err);

#endif
