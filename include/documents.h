/* documents.h - every paper and message the hall gives an applicant or a
 * department, one function each: the facts of the case, slip or ticket
 * and the hall's settings in, the text out. Official documents are
 * written in Chinese whatever the screen speaks, so each renders with the
 * Chinese catalogue (yc_documents_begin), from its template in
 * data/templates (or the hall's own copy, doc_hall.templates): every
 * paper has one, its fields named {{name}}. Curses- and SQL-free: screens gather
 * the facts they have and print or save the text; the store renders the
 * messages it queues inside its transactions.
 *
 * Each function returns malloc'd text (the caller frees it), or NULL when
 * memory ran out. Strings in the facts are never NULL unless said. */
#ifndef YC_DOCUMENTS_H
#define YC_DOCUMENTS_H

#include "assess.h"
#include "calendar.h"
#include "intake.h"
#include "settings.h"
#include "store-assess.h"
#include "store-backoffice.h"
#include "store.h"

/* The hall that issues them, from the configuration (site.*). */
struct doc_hall {
	const char *name;
	const char *seal;             /* "" or NULL: the name with "(seal)" */
	const char *templates;        /* the hall's own templates (print.templates),
				       * a file there in place of the one of the same
				       * name built in; "" or NULL: those built in */
};

/* The hall as a station's configuration names it. */
struct doc_hall doc_hall_of(const struct yc_settings *cfg);

/* Intake notices (第十条) ------------------------------------------------------- */

/* 受理通知书, 一次性告知书 or 不予受理通知书, as the outcome says: one set
 * of facts for the three, as the intake's save gives them. */
struct doc_notice {
	enum intake_outcome outcome;
	const struct intake *record;  /* applicant, item, department, kind, materials, verdicts */
	const char *number;           /* the notice's */
	const char *date;             /* the day it is given, YYYY-MM-DD */
	const char *case_number;      /* on acceptance; "" otherwise */
	const char *query_password;   /* on acceptance */
	const char *promised_date;    /* on acceptance, YYYY-MM-DD */
	const struct yc_calendar *cal;/* how far the holidays are known: past it the
				       * promised date is an estimate */
	int round;                    /* of review, 1 the first time */
	const char *reason;           /* why not accepted; "" otherwise */
	const char *clerk;            /* who gives it */
	const char *window;           /* where */
	const char *item_kind;        /* as the save decided it; NULL: the record's */
	const struct yc_notice_member *members;   /* a bundle's (store-intake.h), on acceptance */
	int n_members;
	const char *gap_due;          /* 容缺受理: the day the materials flagged are owed by,
				       * YYYY-MM-DD; NULL or "": accepted complete */
	const char *promise_conditions;   /* 告知承诺制: the conditions the applicant promises
					   * are met; NULL or "": no promise */
};

/* The acceptance notice, and where a gap was accepted (gap_due) the
 * 容缺受理承诺书 after it, on a page of its own: what is owed, by when, and
 * what the applicant promises, to sign; for an item decided on a promise
 * (promise_conditions) the 告知承诺书 with the conditions, to sign. */
char *doc_notice(const struct doc_hall *h, const struct doc_notice *f);

/* The guidance desk ----------------------------------------------------------- */

/* A material of the item, and whether the applicant has it with them. */
struct doc_precheck_material {
	int seq;
	const char *name;
	int required;
	const char *checkpoints;      /* those in force, joined; "" for none */
	int brought;
};

/* 材料预审告知单: what to prepare (with the checkpoints) and what is here. */
struct doc_precheck {
	const char *item, *department, *window;
	const char *date;             /* YYYY-MM-DD */
	const char *guide;            /* who made the list */
	const struct doc_precheck_material *materials;
	int n_materials;
};

char *doc_precheck(const struct doc_hall *h, const struct doc_precheck *f);

/* 排队号: the queue ticket. */
struct doc_ticket {
	const char *number, *window, *item;
	const char *time;             /* issued, YYYY-MM-DD HH:MM:SS */
	long ahead;                   /* people waiting before it */
	int wait_minutes;             /* the estimate (queue_estimated_wait_minutes); -1 none, 0: not said */
	const char *site_code;        /* with the number and day in the ticket's QR; NULL: no QR */
};

char *doc_ticket(const struct doc_hall *h, const struct doc_ticket *f);

/* Between the windows (第十一条) ------------------------------------------------- */

struct doc_slip_material {
	const char *name;
	int paper, electronic;
};

/* 材料证照流转单, with its case number as a QR code. */
struct doc_slip {
	const char *number, *case_number, *item, *department, *applicant;
	const char *envelope;         /* immediate, promised, result */
	const char *direction;        /* to_department, to_pickup */
	const char *created_at;
	const struct doc_slip_material *materials;
	int n_materials;
};

char *doc_slip(const struct doc_hall *h, const struct doc_slip *f);

/* SMS to the applicant ---------------------------------------------------------- */

/* 办结短信: the result waits at the pickup window. */
struct doc_completion_sms {
	const char *applicant, *item, *case_number;
	const char *results;          /* a bundle's members' results (doc_bundle_results, "；"); "" or NULL for none */
};

char *doc_completion_sms(const struct doc_hall *h, const struct doc_completion_sms *f);

/* 邮寄短信: the result is in the post. */
struct doc_mail_sms {
	const char *applicant, *item, *case_number;
	const char *tracking;         /* EMS number */
};

char *doc_mail_sms(const struct doc_hall *h, const struct doc_mail_sms *f);

/* 好差评短信: rate the service by replying the code and a score. */
struct doc_rating_sms {
	const char *applicant, *item, *case_number;
	const char *code;             /* four digits */
};

char *doc_rating_sms(const struct doc_hall *h, const struct doc_rating_sms *f);

/* 催领短信: the result has waited this many working days. */
struct doc_reminder_sms {
	const char *applicant, *item, *case_number;
	long days;
};

char *doc_reminder_sms(const struct doc_hall *h, const struct doc_reminder_sms *f);

/* 容缺受理: a material owed is due soon. */
struct doc_gap_reminder_sms {
	const char *applicant, *item, *case_number;
	const char *material;
	const char *due;              /* YYYY-MM-DD */
};

char *doc_gap_reminder_sms(const struct doc_hall *h, const struct doc_gap_reminder_sms *f);

/* 预约提醒 / 改约: an appointment the day before, or moved to another day. */
struct doc_appointment_sms {
	const char *name, *item;
	const char *day, *slot;       /* YYYY-MM-DD, HH:MM */
};

char *doc_appointment_reminder_sms(const struct doc_hall *h, const struct doc_appointment_sms *f);
char *doc_appointment_moved_sms(const struct doc_hall *h, const struct doc_appointment_sms *f);

/* The case's clock stopped from a day, for a reason of a kind. */
struct doc_paused_sms {
	const char *case_number, *item;
	const char *from;             /* YYYY-MM-DD */
	enum yc_suspension kind;
	const char *reason;
};

char *doc_paused_sms(const struct doc_hall *h, const struct doc_paused_sms *f);

/* The clock runs again, or the limit was extended with the applicant's
 * consent: the case will now be done by promised. */
struct doc_promise_sms {
	const char *case_number, *item;
	const char *promised;         /* YYYY-MM-DD */
};

char *doc_resumed_sms(const struct doc_hall *h, const struct doc_promise_sms *f);
char *doc_extended_sms(const struct doc_hall *h, const struct doc_promise_sms *f);

/* One thing, one visit (一件事一次办) -------------------------------------------- */

struct yc_bundle_member;

/* Each member's result as the applicant is told it (the pickup window,
 * the case view, the SMS): the licence granted with its number, the
 * refusal with its reason, a withdrawal, or still being handled by its
 * promised date; then how many were granted and refused. Lines joined by
 * sep ("\n" on screen and paper, "；" in an SMS). */
char *doc_bundle_results(const struct yc_bundle_member *m, int n, const char *sep);

/* The progress query ------------------------------------------------------------- */

struct yc_case_progress;

/* What the query kiosk shows and the phone operator reads out
 * (store-query.h's facts): the state, the promised date, what is still
 * missing, where to collect the result. Nothing personal beyond the
 * masked name. */
char *doc_progress(const struct doc_hall *h, const struct yc_case_progress *p);

/* 缴费通知: the department set a fee; the result is held until it is paid. */
struct doc_fee_sms {
	const char *case_number, *item;
	long amount_fen;
};

char *doc_fee_sms(const struct doc_hall *h, const struct doc_fee_sms *f);

/* Other papers ------------------------------------------------------------------ */

/* “帮您办”服务终止单. */
struct doc_termination {
	const char *number, *company, *project, *reason;
	const char *agent;            /* the assist agent; "" when none was assigned */
	const char *date;             /* the day it was terminated, YYYY-MM-DD */
};

char *doc_termination(const struct doc_hall *h, const struct doc_termination *f);

/* One merged licence of an industry comprehensive licence. */
struct doc_licence_line {
	const char *item, *document_number;
	const char *valid_from, *valid_to;   /* "" when not set */
};

/* 行业综合许可证: its text, which its QR code also carries and its
 * notice keeps (the hall is printed above it, not in it). */
struct doc_licence {
	const char *number, *holder, *item;
	const struct doc_licence_line *lines;
	int n_lines;
};

char *doc_licence_text(const struct doc_licence *f);

/* The licence on paper: the hall, the text as issued, its QR code. */
char *doc_licence_page(const struct doc_hall *h, const char *licence_text);

/* The month's assessment sheet the assessment team and the contractor sign. */
struct doc_assessment_sheet {
	const char *month;            /* YYYY-MM */
	const char *scope;            /* "all" (the whole hall) or a site code */
	const struct assess_rule *rules;
	const struct assess_line *lines;
	int n;
	const struct assess_result *result;
	/* the month's weekly inspections, a week begun with none flagged
	 * (as of today), and the conditions for ending the contract recorded */
	const struct yc_week *weeks;
	int n_weeks;
	const char *today;
	const struct yc_contract_alert *conditions;
	int n_conditions;
	/* the whole hall's sheet of a hall with townships: each site's
	 * figures, named after a rule's when it occurred (NULL, 0: none) */
	const struct yc_site_figures *sites;
	int n_sites;
};

char *doc_assessment_sheet(const struct doc_hall *h, const struct doc_assessment_sheet *f);

/* The sheet's lines the screen shows too, in the caller's language: the
 * weeks and their inspections on one line (*missed set when a week begun
 * had none), and one condition recorded (its month first, with_month). */
void doc_weeks_line(const struct yc_week *weeks, int n_weeks, const char *today, char *out, size_t n,
		    int *missed);
void doc_condition_line(const struct yc_contract_alert *c, int with_month, char *out, size_t n);

#endif
