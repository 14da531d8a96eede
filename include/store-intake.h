/* store-intake.h - combined intake: the save of a review and its notice, the cases and their story (store-intake.c, store-cases.c). */
#ifndef YC_STORE_INTAKE_H
#define YC_STORE_INTAKE_H

#include <stdint.h>

#include "intake.h"
#include "store.h"

/* Combined intake (see intake.h for the record and its rules) ------------ */

/* A new intake record for an item: its details and materials, with the
 * checkpoints in force on day, all still without a verdict. */
int store_intake_start(struct yc_store *st, int64_t item_id, const char *day, struct intake *in,
		       struct yc_err *err);

/* Numbers fixed inside the saving transaction, for the notice's text. */
/* A bundle's member as its acceptance notice lists it. */
struct yc_notice_member {
	char case_number[48];
	char item[128];
	char department[64];
	char promised_date[11];       /* its own clock's */
};

struct yc_notice_facts {
	const char *kind;             /* acceptance, one_time, non_acceptance */
	const char *notice_number;
	const char *case_number;      /* "" unless accepted */
	const char *query_password;   /* "" unless accepted */
	const char *promised_date;    /* "" unless accepted */
	const char *issued_at;
	int round;
	/* decided by the save: the item's kind (immediate / promised) as the
	 * catalogue has it then, and the calendar the date was counted on */
	const char *item_kind;
	const struct yc_calendar *cal;
	/* a bundle's members (一件事一次办), each on its own clock; 0 otherwise */
	const struct yc_notice_member *members;
	int n_members;
	const char *gap_due;          /* 容缺受理: the day what is missing is owed by; "" otherwise */
	const char *promise_conditions;   /* 告知承诺制: accepted on the promise that these are
					   * met, as the save read them; "" otherwise */
};

/* Renders the notice (malloc'd text) from the facts; may run more than
 * once when the database was busy, so it must not print or save. */
typedef char *(*store_notice_render)(void *ctx, const struct yc_notice_facts *f);

struct yc_outcome_req {
	enum intake_outcome outcome;
	const char *site_code;
	const char *reason;           /* why not accepted */
	store_notice_render render;
	void *render_ctx;
	int gap;                      /* accept with what is flagged owed (容缺受理): the
				       * applicant signed the commitment */
};

struct yc_outcome_result {
	int64_t case_id;
	char case_number[32];
	char query_password[8];
	/* on acceptance: decided by the save, from the item's limit and the
	 * hall's calendar as they stand in the database then */
	char promised_date[11];
	int64_t notice_id;
	char notice_number[40];
	char *notice_text;            /* as saved; caller frees */
	char gap_due[11];             /* 容缺受理: decided by the save from the hall's
				       * policy waiver.days; "" otherwise */
};

/* Save the review and its outcome in one transaction: the applicant, the
 * record (new, or the one awaiting correction), the submitted counts, a
 * verdict per reviewed checkpoint naming its version, the case number and
 * query password on acceptance, the notice and the event. Refused with
 * YC_EDENIED for a role that may not take cases, YC_ECONFLICT when another
 * window saved the same record first; on any failure nothing is saved and
 * in is unchanged. 1 (nothing saved, res naming the case, no notice
 * text) when this very record (its record_uid) was saved before: a save
 * the clerk was told had failed had reached the file all the same. */
/* An acceptance of an item decided on a promise (告知承诺制) records the
 * promise with the item's conditions as they are then (case_promises),
 * printed on the 告知承诺书 after the notice.
 * With req->gap, an acceptance although materials are flagged, when each
 * may come later (intake_gap_allowed): the case is accepted as any other,
 * and each flagged material is recorded as owed by a day waiver.days
 * working days on (case_waivers), printed on the commitment after the
 * notice. */
int store_intake_commit(struct yc_store *st, const struct yc_user *u, struct intake *in,
			const struct yc_outcome_req *req, struct yc_outcome_result *res,
			struct yc_err *err);

struct yc_case_row {
	int64_t id;
	char case_number[32];
	char status[24];
	char item[128];
	char applicant[128];
	char id_masked[24];
	char phone_masked[16];
	char created_at[20];
	char promised_date[11];
	char notice_number[40];       /* the latest notice */
};

/* Cases matching a number (case or notice), ID number, phone or the
 * start of a name, newest first; awaiting_only keeps those waiting for
 * the applicant's corrections. */
int store_case_search(struct yc_store *st, const char *query, int awaiting_only,
		      struct yc_case_row *rows, int max, int *n, struct yc_err *err);

/* An awaiting-correction record loaded to continue: materials found
 * conforming before are settled; the flagged ones are reviewed again
 * against the checkpoints in force on day; round goes up by one. */
int store_intake_resume(struct yc_store *st, int64_t case_id, const char *day, struct intake *in,
			struct yc_err *err);

/* 容缺受理: case_id as accepted, only the materials it still owes open for
 * review (the rest settled); YC_ECONFLICT when it owes none. */
int store_intake_owed(struct yc_store *st, int64_t case_id, const char *day, struct intake *in, struct yc_err *err);

/* The owed materials of a record from store_intake_owed, brought and
 * reviewed: every checkpoint conforming, or refused (the material stays
 * owed). Their verdicts are saved naming the checkpoint versions, they
 * are owed no more, and event gap_supplied names them. */
int store_intake_supply(struct yc_store *st, const struct yc_user *u, const struct intake *in, struct yc_err *err);

/* The applicant on record with this ID number: 0 found (name, phone,
 * legal representative and address in known), 1 none. */
int store_applicant_find(struct yc_store *st, const char *kind, const char *id_number,
			 struct intake_applicant *known, struct yc_err *err);

/* The case's whole story as lines for a viewer (kinds as ui_text):
 * applicant (ID masked), item, state, dates, materials and verdicts by
 * round, notices, slips, suspensions, result, pickup, events. */
int store_case_history(struct yc_store *st, int64_t case_id,
		       void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		       struct yc_err *err);

struct yc_notice_row {
	int64_t id;
	char kind[20];
	char number[40];
	char issued_at[20];
	int printed;
	char file_path[256];
};

int store_case_notices(struct yc_store *st, int64_t case_id, struct yc_notice_row *rows, int max,
		       int *n, struct yc_err *err);
/* The notice's text as issued (caller frees). */
int store_notice_text(struct yc_store *st, int64_t notice_id, char **text, struct yc_err *err);
/* Record where the notice was saved and whether the printer took it. */
int store_notice_printed(struct yc_store *st, int64_t notice_id, const char *path, int printed,
			 struct yc_err *err);

/* The applicant asks to withdraw an accepted case (第十三条): recorded
 * with the reason for the department to decide. */
int store_case_request_withdrawal(struct yc_store *st, const struct yc_user *u, int64_t case_id,
				  const char *reason, struct yc_err *err);

#endif
