/* store-slips.h - transfer slips (材料证照流转单): their handover between the front, departments and pickup (store-slips.c). */
#ifndef YC_STORE_SLIPS_H
#define YC_STORE_SLIPS_H

#include <stdint.h>

#include "store.h"

/* Transfer slips (材料证照流转单) ------------------------------------------------ */

struct yc_slip_row {
	int64_t id;
	char number[48];
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	int64_t department_id;
	char department[64];
	char envelope[12];            /* immediate, promised, result */
	char direction[16];           /* to_department, to_pickup */
	char created_at[20];
	char handed_at[20];           /* "" while waiting */
	char handed_by[64];
	char received_by[64];
	int version;
	int late;                     /* not handed over on the day it was made */
};

/* Slips waiting for handover in one direction, of one department (0: all),
 * those left over from an earlier day first, then oldest first. search,
 * when not empty, keeps the slips whose case or slip number has it (in
 * any case). A page of at most max rows after (forward) or before the
 * anchor row, from the start or the end when anchor is NULL, in display
 * order (ui_list_fetch's contract); the count counts them all and those
 * left over from an earlier day (late). site_code: only the slips of
 * the cases made at that site (a front desk's, a pickup window's), or ""
 * for every site's (a department's reviewer). */
int store_slips_waiting_page(struct yc_store *st, const char *site_code, const char *direction,
			     int64_t department_id, const char *today, const char *search,
			     const struct yc_slip_row *anchor, int forward, struct yc_slip_row *rows, int max, int *n,
			     struct yc_err *err);
int store_slips_waiting_count(struct yc_store *st, const char *site_code, const char *direction,
			      int64_t department_id, const char *today, const char *search, long *all, long *late,
			      struct yc_err *err);

/* The case's slips, newest first. */
int store_case_slips(struct yc_store *st, int64_t case_id, struct yc_slip_row *rows, int max, int *n,
		     struct yc_err *err);

/* What a slip lists: each material with its paper and electronic counts. */
int store_slip_materials(struct yc_store *st, int64_t slip_id,
			 void (*each)(void *ctx, const char *name, int paper, int electronic), void *ctx,
			 struct yc_err *err);

/* Hand a slip over, confirmed by the receiver on the same terminal: the
 * front to a reviewer of the slip's department, or the department to a
 * pickup clerk. One transaction: the slip, the case's state, the events.
 * YC_ECONFLICT when the slip was handed over meanwhile (the message says
 * by whom and when), YC_EDENIED when either person may not. */
int store_slip_handover(struct yc_store *st, const struct yc_user *giver, const struct yc_user *receiver,
			int64_t slip_id, int version, struct yc_err *err);

#endif
