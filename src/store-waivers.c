/* store-waivers.c - 容缺受理 after acceptance: what a case still owes,
 * the reminder SMS before the day, those past it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "policy.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-waivers.h"

/* An owed material, its columns declared once. */
static const struct store_col owed_cols[] = {
	STORE_COL_INT64(struct yc_owed_row, id, "w.id"),
	STORE_COL_INT64(struct yc_owed_row, case_id, "c.id"),
	STORE_COL_TEXT(struct yc_owed_row, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_owed_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_owed_row, applicant, "a.name"),
	STORE_COL_TEXT(struct yc_owed_row, phone, "a.phone"),
	STORE_COL_TEXT(struct yc_owed_row, material, "m.name"),
	STORE_COL_TEXT(struct yc_owed_row, due, "w.due_date"),
	STORE_COL_TEXT(struct yc_owed_row, clerk, "u.full_name"),
};
enum { OWED_COL_ID = 0, OWED_COL_DUE = 7 };

#define OWED_FROM \
	"FROM case_waivers w JOIN cases c ON c.id = w.case_id JOIN materials m ON m.id = w.material_id" \
	" JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id" \
	" JOIN users u ON u.id = c.responder_id"
/* still owed, on a case not yet closed (a withdrawn or refused case owes
 * nothing any more) */
#define OWED_OPEN "w.supplied_at IS NULL AND c.closed_at IS NULL AND c.status NOT IN ('withdrawn','not_approved')"

/* Not yet reminded, due between ?1 and ?2. */
static struct store_list remind_list = {
	STORE_ROWS(struct yc_owed_row, owed_cols),
	.from = OWED_FROM,
	.where = OWED_OPEN " AND w.reminded_at IS NULL AND w.due_date >= ?1 AND w.due_date <= ?2",
	.n_params = 2, .key = { { OWED_COL_DUE, 0 }, { OWED_COL_ID, 0 } }, .n_key = 2,
};

/* All still owed. */
static struct store_list owed_list = {
	STORE_ROWS(struct yc_owed_row, owed_cols),
	.from = OWED_FROM,
	.where = OWED_OPEN,
	.n_params = 0, .key = { { OWED_COL_DUE, 0 }, { OWED_COL_ID, 0 } }, .n_key = 2,
};

/* Past their day ?1. */
static struct store_list late_list = {
	STORE_ROWS(struct yc_owed_row, owed_cols),
	.from = OWED_FROM,
	.where = OWED_OPEN " AND w.due_date < ?1",
	.n_params = 1, .key = { { OWED_COL_DUE, 0 }, { OWED_COL_ID, 0 } }, .n_key = 2,
};

/* One case's, by ?1. */
static struct store_list case_list = {
	STORE_ROWS(struct yc_owed_row, owed_cols),
	.from = OWED_FROM,
	.where = "w.supplied_at IS NULL AND c.id = ?1",
	.n_params = 1, .key = { { OWED_COL_DUE, 0 }, { OWED_COL_ID, 0 } }, .n_key = 2,
};

#define REMIND_BATCH 200

struct remind_ctx {
	const struct yc_user *u;
	const struct doc_hall *hall;
	char today[11], now[20];
	int queued;
};

static const char SQL_REMINDED[] = "UPDATE case_waivers SET reminded_at = ?2 WHERE id = ?1";

static int remind_one(struct yc_store *st, struct remind_ctx *c, const struct yc_owed_row *r, struct yc_err *err)
{
	struct doc_gap_reminder_sms sms = { r->applicant, r->item, r->case_number, r->material, r->due };
	char *text = doc_gap_reminder_sms(c->hall, &sms);
	int rc;

	if (!text) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = store_notify_queue(st, r->case_id, r->phone, text, "waiver");
	free(text);
	if (rc != SQLITE_OK || (rc = store_exec_id_text(st, SQL_REMINDED, r->id, c->now)) != SQLITE_OK)
		return rc;
	c->queued++;
	return store_event(st, c->u ? c->u->id : 0, "case", r->case_id, "gap_reminded", r->due, r->material);
}

static int waivers_tx_remind(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct remind_ctx *c = vctx;
	struct yc_owed_row *rows = calloc(REMIND_BATCH, sizeof *rows);
	struct yc_calendar cal;
	struct yc_policy policy;
	char last[11];
	yc_date today;
	int rc, n = 0, i;

	if (!rows) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	cal_init(&cal);
	c->queued = 0;
	rc = store_policy_read(st, &policy);
	if (rc == SQLITE_OK)
		rc = store_calendar_read(st, &cal);
	if (rc == SQLITE_OK && date_parse(c->today, &today) != 0)
		rc = SQLITE_INTERNAL;
	/* due within remind_days working days of today: reminded now */
	if (rc == SQLITE_OK) {
		struct store_param p[] = { STORE_PARAM_TEXT(c->today), STORE_PARAM_TEXT(last) };

		date_format(cal_add_workdays(&cal, today, policy.waiver_remind_days), last);
		/* each batch is marked reminded, so the next one starts after it */
		do {
			rc = store_list_page_tx(st, &remind_list, p, NULL, 1, rows, REMIND_BATCH, &n);
			for (i = 0; rc == SQLITE_OK && i < n; i++)
				rc = remind_one(st, c, &rows[i], err);
		} while (rc == SQLITE_OK && n == REMIND_BATCH);
	}
	cal_free(&cal);
	free(rows);
	return rc;
}

int store_waivers_remind(struct yc_store *st, const struct yc_user *u, const struct doc_hall *hall, int *queued,
			 struct yc_err *err)
{
	struct remind_ctx c = { u, hall, "", "", 0 };
	int rc;

	*queued = 0;
	if (u && auth_require(u, PERM_INTAKE, err) < 0)
		return -1;
	yc_today(c.today);
	yc_now(c.now);
	rc = store_run(st, 1, waivers_tx_remind, &c, err);
	*queued = c.queued;
	return rc < 0 ? -1 : 0;
}

int store_waivers_owed_page(struct yc_store *st, const struct yc_owed_row *anchor, int forward,
			    struct yc_owed_row *rows, int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &owed_list, NULL, anchor, forward, rows, max, n, err);
}

int store_waivers_owed_count(struct yc_store *st, long *count, struct yc_err *err)
{
	return store_list_count(st, &owed_list, NULL, count, err);
}

int store_waivers_late_count(struct yc_store *st, const char *today, long *count, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(today) };

	return store_list_count(st, &late_list, p, count, err);
}

int store_case_owed_tx(struct yc_store *st, int64_t case_id, int *count, char *first, size_t n, char due[11])
{
	struct store_param p[] = { STORE_PARAM_INT(case_id) };
	struct yc_owed_row row;
	long total = 0;
	int got = 0, rc;

	first[0] = due[0] = '\0';
	*count = 0;
	if ((rc = store_list_count_tx(st, &case_list, p, &total)) != SQLITE_OK ||
	    (rc = store_list_page_tx(st, &case_list, p, NULL, 1, &row, 1, &got)) != SQLITE_OK)
		return rc;
	*count = (int)total;
	if (got) {
		yc_strlcpy(first, row.material, n);
		yc_strlcpy(due, row.due, 11);
	}
	return SQLITE_OK;
}

