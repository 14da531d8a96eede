/* store-assess.h - the monthly assessment sheet (月度绩效考核): criteria, figures, sign-off, findings, objections (store-assess.c). */
#ifndef YC_STORE_ASSESS_H
#define YC_STORE_ASSESS_H

#include <stdint.h>

#include "assess.h"
#include "store.h"

/* The monthly assessment sheet (月度绩效考核) ------------------------------------- */

#define STORE_MAX_RULES 64
#define STORE_MAX_CONDITIONS 8   /* conditions for ending the contract shown for a month */

/* 0 when scope is "all" or a site's code; -1 (YC_EINVAL, said in
 * Chinese) for anything else. The sheet and its signing check it too. */
int store_assessment_scope(struct yc_store *st, const char *scope, struct yc_err *err);

/* The criteria version in force for a month ('YYYY-MM') and its rules. */
int store_criteria(struct yc_store *st, const char *month, struct assess_rule *rules, int max, int *n,
		   int *version, struct yc_err *err);

/* A new criteria version from a month on: the whole set of rules as given
 * (supervisors only). Months before keep theirs. */
int store_criteria_save(struct yc_store *st, const struct yc_user *u, const char *from_month,
			const struct assess_rule *rules, int n, int *version, struct yc_err *err);

/* How often each rule was broken in a month and scope ("all" or a site
 * code): findings recorded for it, or its figure computed from the
 * database (today bounds what counts as late already). */
int store_assessment_figures(struct yc_store *st, const char *month, const char *scope, const char *today,
			     const struct assess_rule *rules, int n, int *occurrences, struct yc_err *err);

struct yc_month_state {
	int signed_off;
	double score;
	char band[16];
	char signed_by[64];
	char signed_at[20];
	int criteria_version;
	char lines[4096];             /* the sheet as signed (JSON) */
	char reopen_reason[256];
	int64_t fee_fen;              /* the fee signed with; -1 never signed */
};

/* 0 with state (signed_off 0 when the month was never signed). */
int store_assessment_month(struct yc_store *st, const char *month, const char *scope, struct yc_month_state *m,
			   struct yc_err *err);

/* A condition for ending the contract recorded by hand (解除合同的情形:
 * the plan's (一)(二)(四)(五)(六), keys of assess_termination_key). */
struct yc_contract_alert {
	char month[8];
	char kind[32];
	char note[512];
	char recorded_by[64];
	char recorded_at[20];
};

/* A week of the month and its weekly inspection (周检查). */
struct yc_week {
	char monday[11];
	int inspections;              /* records for the week (one per site inspected) */
	char inspector[64];           /* the first one's */
	char checked[256];            /* what was checked, site by site */
	int findings;                 /* findings recorded at those sites that week */
};

#define STORE_MAX_WEEKS 5
#define STORE_MAX_SITES 24

/* One site's figures on the whole hall's sheet: the plan scores the
 * banner's hall and its townships as one project, and the supervisor
 * sees where each occurrence came from. */
struct yc_site_figures {
	char code[32];
	int occurrences[STORE_MAX_RULES];            /* as the sheet's rules */
};

/* A month's sheet as the core computes it, for one scope ("all" or a
 * site code). */
struct yc_assessment_sheet {
	struct assess_rule rules[STORE_MAX_RULES];   /* the criteria in force */
	int occurrences[STORE_MAX_RULES];            /* each rule's figure */
	struct assess_line lines[STORE_MAX_RULES];
	int n, version;                              /* rules; the criteria's version */
	long fee_fen;                                /* the contract's, or the hall's policy's; 0 for a site */
	int withholds;                               /* 1: the whole hall's sheet, which decides the money */
	struct assess_result result;                 /* a signed month: the signed score */
	struct yc_month_state state;
	/* the conditions for ending the contract recorded for the month */
	struct yc_contract_alert conditions[STORE_MAX_CONDITIONS];
	int n_conditions;
	char objection_deadline[11];                 /* signed: the last day for objections */
	struct yc_week weeks[STORE_MAX_WEEKS];       /* the weeks whose Monday is in the month */
	int n_weeks;
	/* the whole hall's sheet not yet signed: each site's figures (their
	 * sum is occurrences, rule by rule); none on a site's or a signed one */
	struct yc_site_figures sites[STORE_MAX_SITES];
	int n_sites;
};

/* Compute the sheet in one read: figures as of today (a signed month:
 * as signed); the fee from the contract in force, else the hall's policy
 * (a signed month: the one it was signed with). Only the whole hall's
 * sheet ("all", which takes in every site's figures) withholds money: a
 * site's has fee 0 and withholds nothing, so that a month's fee is cut
 * once. */
int store_assessment_sheet(struct yc_store *st, const char *month, const char *scope, const char *today,
			   struct yc_assessment_sheet *out, struct yc_err *err);

/* Whether u may see this sheet: the assessment team every one, the
 * contractor only a signed one (-1, YC_EDENIED, saying so). */
int store_assessment_may_see(const struct yc_user *u, const struct yc_assessment_sheet *sh, const char *month,
			     struct yc_err *err);

/* Sign the month off: the sheet is computed again inside the transaction
 * and signed as computed, then locked. YC_ECONFLICT when signed already,
 * or when it is no longer the sheet shown (what the supervisor saw: its
 * score, fee, withheld amount and each rule's figure). */
int store_assessment_sign(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			  const char *today, const struct yc_assessment_sheet *shown, struct yc_err *err);

/* Open a signed month again, with the reason (logged). */
int store_assessment_reopen(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			    const char *reason, struct yc_err *err);

/* Scores of a year's months: scores[i], assessed[i] for month i + 1
 * (assessed 0 when the month was never signed off). */
int store_assessment_year(struct yc_store *st, int year, const char *scope, double scores[12], int assessed[12],
			  struct yc_err *err);

struct yc_finding {
	int64_t id;
	char day[11];
	char site[32];
	char station[64];
	char staff[64];
	int64_t rule_id;
	char rule[256];
	char inspector[64];
	char note[512];
};

/* Findings (inspections, complaints, bonus items) of a month and scope,
 * the latest first: a page of at most max rows after (forward) or before
 * the anchor row, from the start or the end when anchor is NULL, in
 * display order (ui_list_fetch's contract); the count counts them all. */
int store_findings_page(struct yc_store *st, const char *month, const char *scope, const struct yc_finding *anchor,
			int forward, struct yc_finding *rows, int max, int *n, struct yc_err *err);
int store_findings_count(struct yc_store *st, const char *month, const char *scope, long *count, struct yc_err *err);

/* Record a finding on a day for a rule at a site (code), optionally a
 * station name and a staff login; refused when the month is signed off. */
int store_finding_add(struct yc_store *st, const struct yc_user *u, const char *day, const char *site_code,
		      const char *station, const char *staff_login, long rule_id, const char *note,
		      struct yc_err *err);

/* Record the weekly inspection of a site: day is any day of the week (its
 * Monday is kept), what was checked (required) and what was found in
 * words; one per week and site (YC_ECONFLICT for a second). The findings
 * that cost points are recorded as findings. */
int store_weekly_add(struct yc_store *st, const struct yc_user *u, const char *day, const char *site_code,
		     const char *checked, const char *found, struct yc_err *err);

/* Remove a finding recorded by mistake (the month must be open). */
int store_finding_delete(struct yc_store *st, const struct yc_user *u, int64_t id, struct yc_err *err);

struct yc_objection {
	int64_t id;
	char text[512];               /* what is objected to, and why */
	char raised_at[20];
	char answer[512];
	char answered_by[64];
	char answered_at[20];
	double old_score, new_score;  /* equal when the score stood */
	char attachments[512];        /* references to the papers attached */
	char decision[16];            /* "accepted", "rejected", "" (waiting, or answered before decisions were kept) */
	char raised_by[64];
};

/* The objections to a month's result in the order they were raised,
 * paged and counted as the findings are. */
int store_objections_page(struct yc_store *st, const char *month, const char *scope,
			  const struct yc_objection *anchor, int forward, struct yc_objection *rows, int max, int *n,
			  struct yc_err *err);
int store_objections_count(struct yc_store *st, const char *month, const char *scope, long *count,
			   struct yc_err *err);

/* The contractor's objection (异议) to a month's signed sheet: what and
 * why, and references to the papers attached (may be empty). Lodged by
 * the contractor (or the team, for one received on paper), only to a
 * signed sheet and by its deadline: the hall's policy
 * assessment.objection_days working days after the day of signing
 * (YC_ECONFLICT otherwise, saying the deadline). */
int store_objection_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			const char *text, const char *attachments, struct yc_err *err);

/* The team's answer, with its reason. Accepted: new_score (0..100) is the
 * month's score from now on, band and money following it (the fee the
 * month was signed with), logged with the answer; the sheet shows the
 * change as its own line (assess_adjust). Rejected: new_score < 0, the
 * score stands. */
int store_objection_answer(struct yc_store *st, const struct yc_user *u, int64_t id, int accept, const char *answer,
			   double new_score, struct yc_err *err);

/* Record one for a month; kind is a key of assess_termination_key. */
int store_contract_alert_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *kind,
			     const char *note, struct yc_err *err);

/* Those of a month ('YYYY-MM') or of a year ('YYYY'), in month order; at
 * most max of them. */
int store_contract_alerts(struct yc_store *st, const char *period, struct yc_contract_alert *rows, int max, int *n,
			  struct yc_err *err);

/* A month's ratings (好差评) by the channel they came through: the window's
 * rating terminal, SMS, and other (keyed in by a clerk before the terminal,
 * or any other way); all and bad (2 or less) of each. */
enum yc_rating_channel { RATING_WINDOW, RATING_SMS, RATING_OTHER, RATING_CHANNELS };

struct yc_rating_channels {
	long all[RATING_CHANNELS];
	long bad[RATING_CHANNELS];
};

int store_ratings_by_channel(struct yc_store *st, const char *month, const char *scope,
			     struct yc_rating_channels *out, struct yc_err *err);

#endif
