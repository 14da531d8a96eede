/* store-rating.h - 好差评 given by the citizen (store-rating.c): the
 * services windows finish, waiting for the window's rating terminal; those
 * not rated there asked by SMS with a short code; the replies; the
 * ratings by channel. */
#ifndef YC_STORE_RATING_H
#define YC_STORE_RATING_H

#include <stdint.h>

#include "store.h"

/* A service a window finished, as its rating terminal may show it: the
 * item and what was done, the applicant's name masked, nothing else. */
struct yc_rating_request {
	int64_t id;
	char service[12];             /* intake, pickup, mail */
	char item[128];
	char name_masked[64];
	char at[20];
};

/* The newest service the window (station name at the site) finished and
 * nobody rated yet; older ones of that window are passed over (not rated,
 * for the SMS). 0 found, 1 none, -1 error. */
int store_rating_take(struct yc_store *st, const char *site_code, const char *station, struct yc_rating_request *r,
		      struct yc_err *err);

/* The citizen's key at the terminal: the score (1..5) and, for a bad one,
 * the reasons picked ("; "-separated). YC_ECONFLICT when the request was
 * meanwhile rated or passed over. */
int store_rating_at_window(struct yc_store *st, int64_t request_id, int score, const char *reasons,
			   struct yc_err *err);

/* Nobody pressed a key in time: not rated at the window (asked by SMS). */
int store_rating_not_rated(struct yc_store *st, int64_t request_id, struct yc_err *err);

/* SMS ---------------------------------------------------------------------- */

/* A service to ask about by SMS: not rated at the window, waiting since
 * before a cut-off (no terminal took it), or mailed and delivered. */
struct yc_rating_sms_due {
	int64_t id, case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char phone[24];
};

/* Up to max of them, the oldest first; waiting ones only when finished
 * before stale_before ("YYYY-MM-DD HH:MM:SS"). */
int store_rating_sms_due(struct yc_store *st, const char *stale_before, struct yc_rating_sms_due *rows, int max,
			 int *n, struct yc_err *err);

/* Ask it: the four-digit code, and the message queued in the outbox, in
 * one transaction. YC_ECONFLICT when the code is another open request's
 * (draw another) or the request was rated meanwhile. */
int store_rating_sms_ask(struct yc_store *st, int64_t request_id, const char *code, const char *phone,
			 const char *message, struct yc_err *err);

/* A reply: the open request with this code asked of this phone gets the
 * score, channel sms. 0 recorded, 1 no such request, -1 error. */
int store_rating_sms_reply(struct yc_store *st, const char *phone, const char *code, int score, struct yc_err *err);

#endif
