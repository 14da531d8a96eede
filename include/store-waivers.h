/* store-waivers.h - 容缺受理 after acceptance (store-waivers.c): the
 * materials a case still owes, the reminder before their day, and those
 * past it for the supervisor. The gap is accepted by store_intake_commit
 * and a material supplied by store_intake_supply (store-intake.h). */
#ifndef YC_STORE_WAIVERS_H
#define YC_STORE_WAIVERS_H

#include <stdint.h>

#include "documents.h"
#include "store.h"

/* A material a case owes. */
struct yc_owed_row {
	int64_t id;                   /* of the case_waivers row */
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char phone[24];
	char material[128];
	char due[11];                 /* YYYY-MM-DD */
	char clerk[64];               /* who accepted the case */
};

/* The reminder SMS of each material owed whose day is the hall's policy
 * waiver.remind_days working days away or nearer (and not past), through
 * the outbox, once each (a second run sends none). *queued says how many.
 * u NULL: the command line. */
int store_waivers_remind(struct yc_store *st, const struct yc_user *u, const struct doc_hall *hall, int *queued,
			 struct yc_err *err);

/* Materials owed on open cases, the earliest day first: a page of at most
 * max rows after (forward) or before the anchor row (NULL: from the start
 * or the end), as ui_list_fetch pages. For the supervisor: one past its
 * day (before today) is a finding to follow up; store_waivers_late_count
 * counts those. */
int store_waivers_owed_page(struct yc_store *st, const struct yc_owed_row *anchor, int forward,
			    struct yc_owed_row *rows, int max, int *n, struct yc_err *err);
int store_waivers_owed_count(struct yc_store *st, long *count, struct yc_err *err);
int store_waivers_late_count(struct yc_store *st, const char *today, long *count, struct yc_err *err);

#endif
