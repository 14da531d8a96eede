/* store-assist.h - help-you-do (帮您办): key projects (重点项目) that an
 * agent of the hall carries through for the company. A request records the
 * project and why it qualifies; an agent is assigned; the signed
 * authorisation letter (授权委托书) and commitment letter (承诺书) are
 * recorded; a plan lists the items to handle in order with target dates;
 * a log keeps progress, coordination and the feedback given to the
 * applicant. It ends delivered, then archived (materials returned, an
 * evaluation 1..5), or terminated with a numbered termination slip (终止单).
 *
 *   open -> in_progress        an agent and both letters signed
 *   in_progress -> delivered   every plan item done, feedback given
 *   delivered -> archived      materials returned, evaluation 1..5
 *   open | in_progress -> terminated   with the reason
 *
 * Every change is one transaction and one event (entity "assist"), checked
 * here for the role (PERM_SPECIAL: YC_EDENIED otherwise). Changes to the
 * request or its plan take the version read with it: YC_ECONFLICT when
 * another station changed it meanwhile. A move the state does not allow,
 * or a missing precondition, is YC_EINVAL with the reason in words. */
#ifndef YC_STORE_ASSIST_H
#define YC_STORE_ASSIST_H

#include <stdint.h>

#include "store-users.h"
#include "store.h"

#define ASSIST_MAX_PLAN 40        /* plan items a request can have */
#define ASSIST_MAX_LOG 64         /* log entries read with a request (the newest) */

/* A new request; every field is required. */
struct yc_assist_new {
	const char *project_name;
	const char *company;
	const char *contact;
	const char *phone;
	const char *qualifies;        /* why it is a key project */
	const char *site_code;        /* the window's site; NULL the hall's */
};

/* A request as the list shows it. */
struct yc_assist_row {
	int64_t id;
	char project_name[192];
	char company[192];
	char contact[64];
	char phone[24];
	char status[16];              /* open, in_progress, delivered, archived, terminated */
	char agent_login[32];         /* "" while none is assigned */
	char agent[64];               /* the agent's full name */
	int authorisation_signed;
	int commitment_signed;
	int plan_total, plan_done;
	int has_feedback;
	char created_at[20];
	char termination_number[40];  /* "" unless terminated */
	int version;                  /* give it back with every change */
	int state_order;              /* the list's order: open, in progress, delivered, closed */
	int64_t sort_id;              /* then the id, negative when closed (the newest first) */
};

struct yc_assist_plan_item {
	int64_t id;
	int seq;                      /* 1, 2, ... in the order to handle */
	int64_t item_id;
	char item_code[24];
	char item[128];
	char department[64];
	char target_date[11];
	char done_at[20];             /* "" while open */
};

struct yc_assist_log_entry {
	char at[20];
	char by[64];                  /* full name */
	char kind[16];                /* progress, coordination, feedback */
	char text[1024];
};

/* A request with its plan (in order) and its log (oldest first). */
struct yc_assist {
	struct yc_assist_row r;
	char qualifies[1024];
	char feedback[1024];          /* the latest feedback given, "" before */
	int materials_returned;
	int evaluation_score;         /* 1..5; 0 before the evaluation */
	char evaluation_note[512];
	char termination_reason[512];
	char created_by[64];
	char closed_at[20];           /* archived or terminated; "" before */
	struct yc_assist_plan_item plan[ASSIST_MAX_PLAN];
	int n_plan;
	struct yc_assist_log_entry log[ASSIST_MAX_LOG];
	int n_log;
	int log_total;                /* more than n_log: only the newest are here */
};

/* The status in words for people, translated. */
const char *assist_status_label(const char *status);

/* A new request, open, without an agent; id gets its number. */
int store_assist_create(struct yc_store *st, const struct yc_user *u, const struct yc_assist_new *a,
			int64_t *id, struct yc_err *err);

/* Requests still open first (open, in progress, delivered; oldest first),
 * then the archived and terminated ones, newest first: a page after
 * (forward) or before the anchor (NULL: from the start or the end), in
 * display order. Only the requests taken at the site site_code (the
 * window's own; "" every site's). */
int store_assist_page(struct yc_store *st, const char *site_code, const struct yc_assist_row *anchor, int forward,
		      struct yc_assist_row *rows, int max, int *n, struct yc_err *err);

/* How many requests there are (of the site, as above), in all and in the
 * states still worked on. */
struct yc_assist_count {
	long all, open, in_progress, delivered;
};
int store_assist_count(struct yc_store *st, const char *site_code, struct yc_assist_count *c, struct yc_err *err);

/* One request with its plan and log. */
int store_assist_get(struct yc_store *st, int64_t id, struct yc_assist *a, struct yc_err *err);

/* Assign (or change) the agent by login: an active user whose role works
 * the special windows. While open or in progress. */
int store_assist_assign(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *agent_login, struct yc_err *err);

/* Record whether the authorisation letter and the commitment letter are
 * signed (1) or not (0); only while open, before the work starts. */
int store_assist_letters(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int authorisation_signed, int commitment_signed, struct yc_err *err);

/* Add a catalogue item (by its code) to the end of the plan with its target
 * date, YYYY-MM-DD; while open or in progress. */
int store_assist_plan_add(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			  const char *item_code, const char *target_date, struct yc_err *err);

/* Mark a plan item (its id) done today; only in progress. */
int store_assist_plan_done(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			   int64_t plan_id, struct yc_err *err);

/* A log entry of kind "progress", "coordination" or "feedback" (the
 * feedback given to the applicant, which delivery needs). Entries are
 * appended and take no version; a feedback entry becomes the request's
 * feedback and so changes its version. Until archived or terminated. */
int store_assist_log_add(struct yc_store *st, const struct yc_user *u, int64_t id, const char *kind,
			 const char *text, struct yc_err *err);

/* open -> in_progress; refused, saying what is missing, without an agent
 * or without both letters signed. */
int store_assist_start(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
		       struct yc_err *err);

/* in_progress -> delivered; refused, saying what is missing, while the
 * plan is empty or an item of it is open, or before feedback was given. */
int store_assist_deliver(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 struct yc_err *err);

/* delivered -> archived: the materials were returned to the applicant
 * (must be 1) and the follow-up evaluation, score 1..5 and a note (may be
 * empty). */
int store_assist_archive(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int materials_returned, int score, const char *note, struct yc_err *err);

/* open | in_progress -> terminated, with the reason (required). number
 * gets the termination slip's number, SITE-ZZ-YYYY-NNNNNN (the site code
 * without '-'), made inside the transaction: unique across stations. */
int store_assist_terminate(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			   const char *site_code, const char *reason, char number[40], struct yc_err *err);

#endif
