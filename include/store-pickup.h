/* store-pickup.h - unified pickup (统一出件), reminders, ratings (好差评) and their follow-ups (store-pickup.c). */
#ifndef YC_STORE_PICKUP_H
#define YC_STORE_PICKUP_H

#include <stdint.h>

#include "store.h"

/* Unified pickup (统一出件, 第十二条) ------------------------------------------------ */

enum yc_pickup_list { PICKUP_WAITING, PICKUP_MAILED, PICKUP_DONE_TODAY };

struct yc_pickup_row {
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char id_masked[24];
	char phone_masked[16];
	char status[24];
	char kind[12];                /* immediate / promised */
	char outcome[16];             /* approved, not_approved, withdrawn */
	char document_number[64];
	char arrived_at[20];          /* the result reached the pickup window */
	char method[16];              /* how it left: in_person, agent, mail, on_the_spot */
	char tracking[64];
	char done_at[20];
	int sms_failed;               /* a message to the applicant could not be sent */
	char sorted[20];              /* what the list is in order of (it pages by it) */
	int64_t fee_due_fen;          /* a fee not paid: the result is held (0: none) */
};

/* Results waiting (at the window or notified), mailed and not yet
 * delivered, or handed out today (the latest first); the oldest first.
 * search, when not empty, keeps the cases whose number has it (in any
 * case). A page of at most max rows after (forward) or before the anchor
 * row, from the start or the end when anchor is NULL, in display order
 * (ui_list_fetch's contract); the count counts them all. Only the cases
 * made at the site site_code (the pickup window's own; "" every site's). */
int store_pickup_page(struct yc_store *st, const char *site_code, enum yc_pickup_list which, const char *today,
		      const char *search, const struct yc_pickup_row *anchor, int forward, struct yc_pickup_row *rows,
		      int max, int *n, struct yc_err *err);
int store_pickup_count(struct yc_store *st, const char *site_code, enum yc_pickup_list which, const char *today,
		       const char *search, long *count, struct yc_err *err);

/* The completion notice (办结告知): the SMS goes to the outbox and the case
 * is notified. Called again on a notified case it is a reminder. */
int store_pickup_notify(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *message,
			struct yc_err *err);

struct doc_hall;

/* Remind everyone told whose result has waited at the pickup window days
 * working days or more, counted to today on the hall's calendar as the
 * database has it: each a reminder SMS in the hall's name (documents.h)
 * queued and a "remind" event, all in one transaction. u is the pickup
 * clerk, or NULL for the command line (the log names its station). The
 * number of reminders queued, or -1 with err. Only the results of the
 * cases made at the site site_code, whose hall the SMS names ("" every
 * site's). */
int store_pickup_remind(struct yc_store *st, const struct yc_user *u, const char *site_code,
			const struct doc_hall *hall, int days, struct yc_err *err);

struct yc_collection {
	const char *name;             /* who collects */
	const char *id_number;        /* their ID card number */
	int agent;                    /* not the applicant */
	const char *authorisation;    /* the applicant's written authorisation, described */
};

/* Hand the result over at the window: the applicant's own ID number, or an
 * agent with a written authorisation recorded; the pickup register gets
 * who, what and when. Refused (YC_EINVAL) otherwise, and nothing changes. */
int store_pickup_collect(struct yc_store *st, const struct yc_user *u, int64_t case_id,
			 const struct yc_collection *c, struct yc_err *err);

struct yc_mailing {
	const char *address, *recipient, *phone, *tracking;
	const char *message;          /* SMS with the tracking number */
};

/* Send the result by government express mail (政务快递/EMS). */
int store_pickup_mail(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_mailing *m, struct yc_err *err);

/* The mail arrived: the pickup register is complete. */
int store_pickup_delivered(struct yc_store *st, const struct yc_user *u, int64_t case_id, struct yc_err *err);

/* Ratings (好差评) -------------------------------------------------------------- */

/* Ratings are given by the citizen (store-rating.h): a rating of 2 or
 * less opens a follow-up for the supervisor. */
struct yc_followup {
	int64_t rating_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char phone[24];               /* the applicant's, for the call back */
	int score;
	char channel[12];             /* window, sms; pickup or intake: keyed in by a clerk before */
	char comment[512];
	char reasons[512];            /* picked on the terminal */
	char at[20];
	char due[11];                 /* "" for one rated before due days */
	char checked[512];            /* what the verification found */
	char rectified[512];          /* what was put right */
	char answer[512];             /* the call back (回访), which closes it */
	char answered_by[64];
	char answered_at[20];
	int answered;                 /* answered_at is set (the list's order) */
};

/* Bad ratings, unanswered first, the latest first: a page after
 * (forward) or before the anchor (NULL: from the start or the end), in
 * display order; the count of all of them, of those unanswered, and of
 * those unanswered past their due day (before today). */
int store_followups_page(struct yc_store *st, const struct yc_followup *anchor, int forward, struct yc_followup *rows,
			 int max, int *n, struct yc_err *err);
int store_followups_count(struct yc_store *st, const char *today, long *all, long *open, long *overdue,
			  struct yc_err *err);

/* The follow-up of a bad rating, a step at a time (the supervisor's):
 * the verification, the rectification (each may be written again while
 * open), and the call back, which needs both and closes it. YC_ECONFLICT
 * when closed, YC_EINVAL when the call back comes first or text is "". */
enum yc_followup_step { FOLLOWUP_CHECK, FOLLOWUP_RECTIFY, FOLLOWUP_CALL_BACK };

int store_followup_record(struct yc_store *st, const struct yc_user *u, int64_t rating_id, enum yc_followup_step step,
			  const char *text, struct yc_err *err);

#endif
