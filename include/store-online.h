/* store-online.h - online submissions: their import and the inbox (store-online.c). */
#ifndef YC_STORE_ONLINE_H
#define YC_STORE_ONLINE_H

#include <stdint.h>

#include "intake.h"
#include "store.h"

/* Online submissions ------------------------------------------------------ */

struct store_online_stats {
	int added, already;           /* already: the same reference imported before */
};

/* Every submission of a file's text (checked with online_parse first) into
 * the site's online inbox, or none: one transaction. */
int store_online_import(struct yc_store *st, const char *text, int this_year, const char *site_code,
			int64_t user_id, struct store_online_stats *stats, struct yc_err *err);

struct yc_online_row {
	int64_t id;
	char ref[48];
	char source[8];
	char received_at[20];
	char item[128];
	char applicant[128];
};

/* The inbox, oldest first: its first max rows and how many in all; or a
 * page after (or before) the anchor, and the count, for a table. */
int store_online_inbox(struct yc_store *st, const char *site_code, struct yc_online_row *rows,
		       int max, int *n, long *total, struct yc_err *err);
int store_online_inbox_page(struct yc_store *st, const char *site_code, const struct yc_online_row *anchor,
			    int forward, struct yc_online_row *rows, int max, int *n, struct yc_err *err);
int store_online_inbox_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err);

/* An intake record from an online submission: applicant and electronic
 * counts filled in, every checkpoint still to review. */
int store_online_start(struct yc_store *st, int64_t online_id, const char *day, struct intake *in,
		       struct yc_err *err);

#endif
