/* store-queue.c - queue tickets, the calendar, overview counts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-internal.h"

struct ticket_ctx {
	const char *site_code;
	const char *category;
	int priority;
	int64_t user_id;
	char *number;
};

static const char SQL_TICKET_NEXT[] =
	"SELECT s.id, w.ticket_prefix,"
	" coalesce((SELECT max(seq) FROM queue_tickets t"
	"           WHERE t.site_id = s.id AND t.day = ?3 AND t.category = w.code), 0) + 1"
	" FROM sites s, window_categories w WHERE s.code = ?1 AND w.code = ?2";
static const char SQL_TICKET_INSERT[] =
	"INSERT INTO queue_tickets(site_id, day, category, seq, number, priority, issued_by, issued_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static int ticket_issue(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct ticket_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_TICKET_NEXT);
	char day[11], now[20], prefix[8];
	int64_t site_id, ticket_id;
	int seq, rc;

	if (!s)
		return st->rc;
	yc_today(day);
	yc_now(now);
	sqlite3_bind_text(s, 1, c->site_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->category, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, day, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		yc_err_set(err, YC_EINVAL, _("Unknown site '%s' or window category '%s'."),
			   c->site_code, c->category);
		return -1;
	}
	if (rc != SQLITE_ROW)
		return rc;
	site_id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, prefix, sizeof prefix);
	seq = sqlite3_column_int(s, 2);
	sqlite3_reset(s);
	snprintf(c->number, 16, "%s%03d", prefix, seq);

	s = store_prep(st, SQL_TICKET_INSERT);
	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_text(s, 2, day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->category, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, seq);
	sqlite3_bind_text(s, 5, c->number, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, c->priority);
	if (c->user_id > 0)
		sqlite3_bind_int64(s, 7, c->user_id);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return rc;
	ticket_id = sqlite3_last_insert_rowid(st->db);
	return store_event(st, c->user_id, "ticket", ticket_id, "issued", NULL, c->number);
}

int store_ticket_issue(struct yc_store *st, const char *site_code, const char *category,
		       int priority, int64_t user_id, char number[16], struct yc_err *err)
{
	struct ticket_ctx c = { site_code, category, priority, user_id, number };

	return store_run(st, 1, ticket_issue, &c, err);
}

static const char SQL_CALENDAR[] = "SELECT day, kind FROM calendar_days ORDER BY day";

static int calendar_load(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct yc_calendar *cal = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_CALENDAR);
	int rc;

	if (!s)
		return st->rc;
	cal->n = 0;
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		yc_date d;
		const char *day = (const char *)sqlite3_column_text(s, 0);
		const char *kind = (const char *)sqlite3_column_text(s, 1);

		if (day && kind && date_parse(day, &d) == 0 &&
		    cal_set(cal, d, kind[0] == 'o' ? CAL_OFF : CAL_WORK) < 0)
			return SQLITE_NOMEM;
	}
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_calendar_load(struct yc_store *st, struct yc_calendar *cal, struct yc_err *err)
{
	return store_run(st, 0, calendar_load, cal, err);
}

struct overview_ctx {
	const char *today;
	struct yc_overview *ov;
};

static const char SQL_OVERVIEW[] =
	"SELECT"
	" (SELECT count(*) FROM queue_tickets WHERE day = ?1 AND status = 'waiting'),"
	" (SELECT count(*) FROM cases WHERE status IN ('accepted','in_department','suspended')),"
	" (SELECT count(*) FROM cases WHERE status IN ('accepted','in_department')"
	"   AND promised_date < ?1),"
	" (SELECT count(*) FROM transfer_slips WHERE handed_at IS NULL),"
	" (SELECT count(*) FROM cases WHERE status IN ('result_at_pickup','notified')),"
	" (SELECT count(*) FROM service_items WHERE active)";

static int overview(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct overview_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_OVERVIEW);
	int rc;

	if (!s)
		return st->rc;
	sqlite3_bind_text(s, 1, c->today, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_ROW)
		return rc;
	c->ov->tickets_waiting = sqlite3_column_int64(s, 0);
	c->ov->cases_open = sqlite3_column_int64(s, 1);
	c->ov->cases_overdue = sqlite3_column_int64(s, 2);
	c->ov->slips_waiting = sqlite3_column_int64(s, 3);
	c->ov->results_waiting = sqlite3_column_int64(s, 4);
	c->ov->items = sqlite3_column_int64(s, 5);
	return SQLITE_OK;
}

int store_overview(struct yc_store *st, const char *today, struct yc_overview *ov,
		   struct yc_err *err)
{
	struct overview_ctx c = { today, ov };

	return store_run(st, 0, overview, &c, err);
}

/* Table names cannot be bound: only these may be counted. */
static const char *const countable[] = {
	"users", "service_items", "materials", "checkpoints", "departments", "queue_tickets",
	"cases", "events", "calendar_days", "sites", "applicants",
};

struct count_ctx {
	const char *sql;
	long n;
};

static int count_rows(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct count_ctx *c = vctx;
	sqlite3_stmt *s;
	int rc;

	rc = sqlite3_prepare_v2(st->db, c->sql, -1, &s, NULL);
	if (rc != SQLITE_OK)
		return rc;
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		c->n = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

int store_count(struct yc_store *st, const char *table, long *n, struct yc_err *err)
{
	char sql[96];
	struct count_ctx c = { sql, 0 };
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(countable); i++)
		if (strcmp(countable[i], table) == 0)
			break;
	if (i == YC_ARRAY_LEN(countable)) {
		yc_err_set(err, YC_EINVAL, _("Unknown table '%s'."), table);
		return -1;
	}
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", countable[i]);
	if (store_run(st, 0, count_rows, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}
