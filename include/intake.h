/* intake.h - the combined intake's rules (第十条), free of curses and SQL:
 * what an intake record holds, which applicant details are acceptable,
 * which outcome the verdicts allow, and the promised date. The store
 * saves a record; the intake screen edits one; tests check these rules on
 * their own. */
#ifndef YC_INTAKE_H
#define YC_INTAKE_H

#include <stddef.h>
#include <stdint.h>

#include "calendar.h"

#define INTAKE_MAX_MATERIALS 32
#define INTAKE_MAX_CHECKPOINTS 8

enum intake_verdict {
	VERDICT_NONE = 0,        /* not looked at yet */
	VERDICT_OK,              /* conforming */
	VERDICT_MISSING,         /* not submitted */
	VERDICT_BAD,             /* non-conforming: a reason says why */
};

enum intake_outcome { OUTCOME_ACCEPT, OUTCOME_ONE_TIME, OUTCOME_REFUSE };

struct intake_checkpoint {
	int64_t id;              /* the exact version the verdict is made against */
	int seq, version;
	char text[512];
	enum intake_verdict verdict;
	char reason[256];
};

struct intake_material {
	int64_t id;
	int seq;
	char name[128];
	int required;
	int waivable;            /* may be supplied after acceptance (容缺) */
	int paper, electronic;   /* counts submitted */
	int settled;             /* found conforming in an earlier round: not reviewed again */
	struct intake_checkpoint cp[INTAKE_MAX_CHECKPOINTS];
	int n_cp;
};

struct intake_applicant {
	char kind[16];           /* "person" or "organisation" */
	char name[128];
	char id_number[24];      /* ID card or unified social credit code */
	char phone[24];
	char legal_rep[64];      /* organisation only */
	char address[256];
	char agent_name[64];     /* "" when the applicant comes in person */
	char agent_id_number[24];
	int agent_authorised;    /* written authorisation seen */
};

/* One intake record as the clerk works on it. */
struct intake {
	int64_t case_id;         /* 0 until first saved (awaiting correction) */
	int64_t online_id;       /* the online submission reviewed, or 0 */
	int64_t ticket_id;       /* the queue ticket served, or 0 */
	int64_t remote_id;       /* the cross-region request accepted, or 0 */
	int64_t approval_id;     /* the construction approval accepted, or 0 */
	int64_t item_id;
	char item_code[24];
	char item_name[128];
	char department[64];
	char kind[12];           /* immediate / promised */
	int promised_limit;
	char limit_unit[10];     /* workday, day, month */
	char promise_conditions[1024];   /* 告知承诺制: accepted on the applicant's signed
					  * promise that these are met; "" for an ordinary item */
	int round;               /* 1 at first review, +1 at each return */
	int version;             /* of the saved record, to catch a second window */
	char record_uid[33];     /* this record's identity from its first keystroke:
				  * a save that landed unseen is found by it */
	struct intake_applicant a;
	struct intake_material m[INTAKE_MAX_MATERIALS];
	int n_materials;
};

/* Which field of the applicant a problem is in, for the cursor. */
enum intake_field {
	AF_NONE = -1, AF_NAME, AF_ID, AF_PHONE, AF_LEGAL_REP, AF_ADDRESS, AF_AGENT_NAME,
	AF_AGENT_ID, AF_COUNT
};

/* The first problem with the applicant's details, in words for the clerk
 * (translated), or NULL when all is well; *field says where. year bounds
 * birth dates in ID numbers. Lower-case x in ID numbers becomes X. */
const char *intake_applicant_problem(struct intake_applicant *a, int year, enum intake_field *field,
				     char *buf, size_t bufsz);

/* Whether material i is still to be reviewed this round. */
int intake_material_open(const struct intake *in, int i);

/* Checkpoints still without a verdict this round. */
int intake_unreviewed(const struct intake *in);

/* Checkpoints found missing or non-conforming this round. */
int intake_flagged(const struct intake *in);

/* Mark every open checkpoint of material i (all materials when i < 0)
 * conforming where nothing is said yet; of a required material not
 * handed in (no copy), missing. */
void intake_all_conforming(struct intake *in, int i);

/* Whether the outcome may be chosen now; why not in buf (translated).
 * Accept: every checkpoint of every required material, and of every
 * optional material submitted, conforming. One-time notice: every
 * checkpoint reviewed and at least one missing or non-conforming.
 * Refuse: always, with a reason given separately. */
int intake_outcome_allowed(const struct intake *in, enum intake_outcome o, char *buf, size_t bufsz);

/* 容缺受理: whether the case may be accepted on the applicant's written
 * commitment to supply what is missing later; why not in buf (translated).
 * Every checkpoint reviewed, at least one flagged, and every flagged one
 * on a material the catalogue lets come later. */
int intake_gap_allowed(const struct intake *in, char *buf, size_t bufsz);

/* Whether material i is flagged this round: with the gap accepted, it is
 * owed. */
int intake_material_owed(const struct intake *in, int i);

/* "1. 健康证明\n…": the materials owed, one a line, for the commitment. */
void intake_owed_text(const struct intake *in, char *out, size_t n);

/* The day owed materials must be supplied by: workdays working days on
 * the hall's calendar after the day of acceptance. */
yc_date intake_gap_due(const struct yc_calendar *cal, yc_date accepted, int workdays);

/* "1. 营业执照申请书：缺少……\n2. …": everything to add or correct, one
 * line per checkpoint, for the one-time notice. */
void intake_flagged_text(const struct intake *in, char *out, size_t n);

/* "1. 申请书 纸质1份 电子1份\n…": what was received, for the notices and
 * the transfer slip. */
void intake_received_text(const struct intake *in, char *out, size_t n);

/* The promised completion date of a case accepted on day: limit working
 * days on the calendar (unit "workday"), calendar days ("day") or months
 * ("month"), a rest day at the end of calendar days or months moved to
 * the next working day; an immediate case is promised the same day. */
yc_date intake_promised_date(const struct yc_calendar *cal, yc_date day, const char *kind,
			     int limit, const char *unit);

/* The promised date as a notice prints it: the date, and where the
 * calendar does not reach it, that it is an estimate (in Chinese: notices
 * are official documents). 1 when it is an estimate. */
int intake_promised_text(const struct yc_calendar *cal, const char *promised, char *out, size_t n);

/* What a search text looks like, so the lookup can use the right index. */
enum case_query {
	QUERY_NAME,          /* anything else: an applicant's name */
	QUERY_ID,            /* 18 characters of an ID number or credit code */
	QUERY_PHONE,         /* 7 to 13 digits */
	QUERY_NUMBER,        /* a case or notice number (letters, digits, dashes) */
};

enum case_query case_query_kind(const char *q);

#endif
