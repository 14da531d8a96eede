/* store-bundle.h - one thing, one visit (一件事一次办): bundles and their members (store-bundle.c). */
#ifndef YC_STORE_BUNDLE_H
#define YC_STORE_BUNDLE_H

#include <stdint.h>

#include "store.h"

/* One thing, one visit (一件事一次办) ------------------------------------------------ */

struct yc_bundle_member {
	int64_t case_id;
	char case_number[40];
	char item[128];
	char department[64];
	char status[24];
	char promised_date[11];
	char document_number[64];
	char valid_to[11];
	char outcome[16];             /* the result's: approved, not_approved, withdrawn; "" undecided */
	char reason[256];             /* why not approved */
};

struct yc_bundle_row {
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char status[24];
	int members, decided;
	int64_t licence_notice_id;    /* the comprehensive licence, 0 when none */
	char accepted_at[20];         /* the list is in order of it (it pages by it) */
};

/* Bundle cases not yet handed out, oldest first, with their progress. A
 * page of at most max rows after (forward) or before the anchor row, from
 * the start or the end when anchor is NULL, in display order
 * (ui_list_fetch's contract); the count counts them all. Only those
 * accepted at the site site_code (the window's own; "" every site's). */
int store_bundles_page(struct yc_store *st, const char *site_code, const struct yc_bundle_row *anchor,
		       int forward, struct yc_bundle_row *rows, int max, int *n, struct yc_err *err);
int store_bundles_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err);

/* The most members a bundle case has: opening a bundle makes at most this
 * many member cases (the shipped bundles have four at most), and nothing
 * else makes any, so a bundle's members fit one array of this size. */
#define YC_BUNDLE_MAX_MEMBERS 16

/* A bundle case's members: each department's part, on its own clock. */
int store_bundle_members(struct yc_store *st, int64_t case_id, struct yc_bundle_member *rows, int max, int *n,
			 struct yc_err *err);

#endif
