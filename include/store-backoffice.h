/* store-backoffice.h - the departments' back office: their cases, decisions, clock stops, fees (store-backoffice.c). */
#ifndef YC_STORE_BACKOFFICE_H
#define YC_STORE_BACKOFFICE_H

#include <stdint.h>

#include "case-flow.h"
#include "store.h"

/* Back office (后台审批) ---------------------------------------------------------- */

struct yc_dept_case {
	int64_t id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char status[24];
	char kind[12];
	char accepted_at[20];
	char promised_date[11];
	char suspended_on[11];        /* "" unless suspended */
	int withdrawal_requested;
	char withdrawal_reason[256];
	long fee_fen;                 /* -1 when no fee was set */
	int fee_paid;
	char receipt[40];
	char site[32];                /* the code of the site where it was made */
};

/* The department's cases, of every site: received and not yet handed to pickup, the
 * earliest promised date first. A page of at most max rows after
 * (forward) or before the anchor row, from the start or the end when
 * anchor is NULL, in display order (ui_list_fetch's contract). */
int store_dept_cases_page(struct yc_store *st, int64_t department_id, const struct yc_dept_case *anchor,
			  int forward, struct yc_dept_case *rows, int max, int *n, struct yc_err *err);

struct yc_dept_counts {
	long cases;        /* every case of the list */
	long overdue;      /* in the department, a working day past the promise */
	long stopped;      /* the clock stopped */
};

/* The list's totals on today (YYYY-MM-DD), overdue by the hall's
 * calendar as the list shows it. */
int store_dept_cases_count(struct yc_store *st, int64_t department_id, const char *today,
			   struct yc_dept_counts *out, struct yc_err *err);

struct yc_decision {
	enum case_action action;      /* CA_APPROVE, CA_REFUSE or CA_WITHDRAW */
	const char *document_number;  /* approve: the licence or document number */
	const char *valid_from, *valid_to;   /* approve: "" when it does not expire */
	const char *reason;           /* refuse: why */
};

/* 告知承诺制: the department's verification (核查) of a case accepted on the
 * applicant's promise: kept, the conditions were found met (note says how
 * checked); not kept, the promise was false and the decision is revoked
 * (撤销), with the reason in note (required). Only the case's department;
 * a verified promise may still be revoked later, a revoked one stays so.
 * An event each (promise_verified, promise_revoked). */
int store_case_promise_check(struct yc_store *st, const struct yc_user *u, int64_t case_id, int kept,
			     const char *note, struct yc_err *err);

/* Whether case_id's result may be released (approved) now: not while a
 * material accepted to come later (容缺受理) is still owed, and err then
 * says which and by when. 0 or -1. */
int store_case_may_release(struct yc_store *st, int64_t case_id, struct yc_err *err);

/* Decide a case: the result, the result slip to the pickup window, the
 * state and the event, in one transaction. A withdrawal needs the
 * applicant's request recorded first; an approval, nothing owed
 * (store_case_may_release). */
int store_case_decide(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_decision *d, struct yc_err *err);

enum yc_suspension { SUSPEND_SITE_SURVEY, SUSPEND_SITE_VERIFICATION, SUSPEND_TECHNICAL_REVIEW,
		     SUSPEND_HEARING };

/* Stop the clock from today, with the reason; the applicant is told by SMS. */
int store_case_suspend(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		       enum yc_suspension kind, const char *reason, const char *today, struct yc_err *err);

/* Start the clock again: the promised date moves later by the working days
 * suspended (on the hall's calendar in the database); the applicant is
 * told the new date. new_date gets it. */
int store_case_resume(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *today,
		      char new_date[11], struct yc_err *err);

/* Extend the promised date by workdays, only with a reason and the
 * applicant's consent. */
int store_case_extend(struct yc_store *st, const struct yc_user *u, int64_t case_id, int workdays,
		      const char *reason, int consent, const char *today, char new_date[11], struct yc_err *err);

/* Fees: the department sets the amount; paid with the receipt number. */
int store_case_fee(struct yc_store *st, const struct yc_user *u, int64_t case_id, long amount_fen,
		   const char *receipt, struct yc_err *err);

#endif
