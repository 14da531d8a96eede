/* rating.h - 好差评 given by the citizen (rating.c): what the rating
 * terminal offers and takes, and the SMS rating (asking, and reading the
 * replies through sms.inbox_command). Curses-free. */
#ifndef YC_RATING_H
#define YC_RATING_H

#include <stddef.h>
#include <wchar.h>

#include "settings.h"
#include "store-pickup.h"
#include "store.h"

/* The five levels, 1 very dissatisfied to 5 very satisfied (N_). */
const char *rating_level_name(int score);

/* The key the citizen pressed is the score: '1'..'5', else 0. */
int rating_score_of_key(wint_t ch);

/* 1 for a bad rating (不满意, 非常不满意): reasons are asked, and it is
 * followed up. */
int rating_is_bad(int score);

/* The reasons a citizen may pick after a bad rating, as data (N_). */
extern const char *const rating_reasons[];
extern const int rating_n_reasons;

/* The reasons picked (bit i: rating_reasons[i]) in the screen's language,
 * "; "-separated; "" for none. */
void rating_reasons_text(unsigned picked, char *out, size_t n);

/* An SMS reply understood: the four-digit code and a score 1..5, in
 * either order, anything else around them ("4821 5", "5,4821", "评价4821
 * 满意5"). 0, or -1 when it is not such a reply. */
int rating_parse_reply(const char *text, char code[5], int *score);

/* A phone number as the inbox gives it (+86, spaces) as the hall stores
 * it: eleven digits. */
void rating_phone_normal(const char *phone, char *out, size_t n);

/* A bad rating not called back by its due day (before today): a finding
 * for the supervisor. */
int rating_followup_overdue(const struct yc_followup *f, const char *today);

/* The channel a rating came through, in words (N_): the window's
 * terminal, SMS, or keyed in by a clerk. */
const char *rating_channel_name(const char *channel);

struct rating_sms_stats {
	int asked;                    /* SMS queued asking for a rating */
	int recorded;                 /* replies recorded as ratings */
	int not_understood;           /* replies without a code and a score */
	int unmatched;                /* a code no request of that phone has */
};

/* Ask by SMS for every service due (not rated at the window, mailed and
 * delivered, left waiting since before today): a new code each, the
 * message in the outbox. */
int rating_sms_ask_due(struct yc_store *st, const struct yc_settings *cfg, struct rating_sms_stats *stats,
		       struct yc_err *err);

/* Run sms.inbox_command and record each reply it prints ("PHONE TEXT" a
 * line); a line not understood is counted and left. Nothing when the
 * command is not set. -1 with err when it cannot run or the database
 * failed. */
int rating_sms_read_inbox(struct yc_store *st, const struct yc_settings *cfg, struct rating_sms_stats *stats,
			  struct yc_err *err);

#endif
