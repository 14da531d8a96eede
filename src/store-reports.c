/* store-reports.c - the reports screen's figures: cases received,
 * accepted, decided on time or late, still overdue, suspended, and their
 * ratings, grouped by department, item, clerk, window or month; wait and
 * service times from the queue. One read transaction each. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-internal.h"

/* Each report's grouping key is an SQL expression over the case c, its
 * item i, department d, responder u and queue ticket t; ratings are
 * summed per case through their index. */
#define REPORT_SQL(KEY) \
	"SELECT " KEY ", count(*)," \
	" sum(c.case_number IS NOT NULL)," \
	" sum(c.status = 'not_accepted')," \
	" sum(c.decided_at IS NOT NULL)," \
	" sum(c.decided_at IS NOT NULL AND substr(c.decided_at, 1, 10) <= c.promised_date)," \
	" sum(c.decided_at IS NULL AND c.status IN ('accepted','in_department') AND c.promised_date < ?3)," \
	" sum(c.status = 'suspended')," \
	" sum((SELECT count(*) FROM ratings r WHERE r.case_id = c.id))," \
	" sum((SELECT sum(score) FROM ratings r WHERE r.case_id = c.id))" \
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN departments d ON d.id = i.department_id" \
	" JOIN users u ON u.id = c.responder_id LEFT JOIN queue_tickets t ON t.id = c.ticket_id" \
	" WHERE c.created_at >= ?1 AND c.created_at < ?2 AND c.parent_case_id IS NULL" \
	" GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?4"

static const char *const report_sql[] = {
	[REPORT_DEPARTMENT] = REPORT_SQL("d.name"),
	[REPORT_ITEM] = REPORT_SQL("i.name"),
	[REPORT_CLERK] = REPORT_SQL("u.full_name"),
	[REPORT_WINDOW] = REPORT_SQL("coalesce(t.station_name, '-')"),
	[REPORT_MONTH] = REPORT_SQL("substr(c.created_at, 1, 7)"),
};

struct report_ctx {
	enum yc_report_by by;
	char from[11], to_next[11];
	const char *today;
	struct yc_report_row *rows;
	struct yc_queue_report_row *queue;
	int max, n;
};

static int report(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct report_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, report_sql[c->by]);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_text(s, 1, c->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->to_next, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->today, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 4, c->max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_report_row *r = &c->rows[c->n++];

		store_col_text(s, 0, r->key, sizeof r->key);
		r->received = (long)sqlite3_column_int64(s, 1);
		r->accepted = (long)sqlite3_column_int64(s, 2);
		r->not_accepted = (long)sqlite3_column_int64(s, 3);
		r->decided = (long)sqlite3_column_int64(s, 4);
		r->on_time = (long)sqlite3_column_int64(s, 5);
		r->overdue_open = (long)sqlite3_column_int64(s, 6);
		r->suspended = (long)sqlite3_column_int64(s, 7);
		r->ratings = (long)sqlite3_column_int64(s, 8);
		r->rating_avg = r->ratings ? sqlite3_column_double(s, 9) / (double)r->ratings : 0;
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

/* from..to inclusive as from <= x < the day after to. */
static int period(const char *from, const char *to, struct report_ctx *c, struct yc_err *err)
{
	yc_date a, b;

	if (date_parse(from, &a) != 0 || date_parse(to, &b) != 0 || b < a) {
		yc_err_set(err, YC_EINVAL, "%s", _("The period is wrong: two dates YYYY-MM-DD, the second not before the first."));
		return -1;
	}
	date_format(a, c->from);
	date_format(b + 1, c->to_next);
	return 0;
}

int store_report_cases(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		 struct yc_report_row *rows, int max, int *n, struct yc_err *err)
{
	struct report_ctx c = { .by = by, .today = today, .rows = rows, .max = max };

	if ((int)by < 0 || by > REPORT_MONTH || period(from, to, &c, err) < 0)
		return -1;
	if (store_run(st, 0, report, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

static const char SQL_QUEUE_REPORT[] =
	"SELECT w.name, count(*), sum(t.status IN ('done','serving','called','transferred')), sum(t.status = 'no_show'),"
	" coalesce(avg((julianday(t.called_at) - julianday(t.issued_at)) * 1440.0), 0),"
	" coalesce(avg(CASE WHEN t.finished_at IS NOT NULL THEN (julianday(t.finished_at) - julianday(t.called_at)) * 1440.0 END), 0)"
	" FROM queue_tickets t JOIN window_categories w ON w.code = t.category"
	" WHERE t.day >= ?1 AND t.day < ?2 GROUP BY t.category ORDER BY 2 DESC LIMIT ?3";

static int queue_report(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct report_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_QUEUE_REPORT);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_text(s, 1, c->from, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->to_next, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, c->max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_queue_report_row *r = &c->queue[c->n++];

		store_col_text(s, 0, r->category, sizeof r->category);
		r->tickets = (long)sqlite3_column_int64(s, 1);
		r->served = (long)sqlite3_column_int64(s, 2);
		r->no_shows = (long)sqlite3_column_int64(s, 3);
		r->wait_min = sqlite3_column_double(s, 4);
		r->service_min = sqlite3_column_double(s, 5);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_queue_report(struct yc_store *st, const char *from, const char *to, struct yc_queue_report_row *rows,
		       int max, int *n, struct yc_err *err)
{
	struct report_ctx c = { .queue = rows, .max = max };

	if (period(from, to, &c, err) < 0)
		return -1;
	if (store_run(st, 0, queue_report, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}
