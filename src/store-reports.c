/* store-reports.c - the reports screen's figures: cases received,
 * accepted, decided on time or late, still overdue, suspended, and their
 * ratings, grouped by department, item, clerk, window or month; wait and
 * service times from the queue. Groups are rows of a declared list, paged
 * like any other; the period's totals are counted, not added up from the
 * groups a screen holds. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-reports.h"
#include "store-select.h"

/* Each case's figures, as aggregates over the cases c of a group (the
 * period's totals: of one group, all of them); ?3 is today. Ratings are
 * summed per case through their index. */
/* How many rows meet cond (a truth is no number on PostgreSQL). */
#define COUNT_IF(cond) "sum(CASE WHEN " cond " THEN 1 ELSE 0 END)"
#define RATINGS_OF_CASE "(SELECT count(*) FROM ratings r WHERE r.case_id = c.id)"
#define REPORT_FIGURES(X) \
	X(received, "count(*)") \
	X(accepted, COUNT_IF("c.case_number IS NOT NULL")) \
	X(not_accepted, COUNT_IF("c.status = 'not_accepted'")) \
	X(decided, COUNT_IF("c.decided_at IS NOT NULL")) \
	X(on_time, COUNT_IF("c.decided_at IS NOT NULL AND substr(c.decided_at, 1, 10) <= c.promised_date")) \
	X(overdue_open, COUNT_IF("c.decided_at IS NULL AND c.status IN ('accepted','in_department') AND c.promised_date < ?3")) \
	X(suspended, COUNT_IF("c.status = 'suspended'")) \
	X(ratings, "sum(" RATINGS_OF_CASE ")")
#define REPORT_FIGURE(f, expr) STORE_COL_INT64(struct yc_report_row, f, "coalesce(" expr ", 0)"),

/* A report row whose group is key_expr, an SQL expression over the case
 * c, its item i, department d, responder u and queue ticket t. */
#define REPORT_COLS(key_expr) { \
	STORE_COL_TEXT(struct yc_report_row, key, key_expr), \
	REPORT_FIGURES(REPORT_FIGURE) \
	STORE_COL_DOUBLE(struct yc_report_row, rating_avg, \
			 "coalesce(1.0 * sum((SELECT sum(score) FROM ratings r WHERE r.case_id = c.id))" \
			 " / nullif(sum(" RATINGS_OF_CASE "), 0), 0)"), \
	STORE_COL_INT64(struct yc_report_row, first_case, "coalesce(min(c.id), 0)"), \
}
enum { REPORT_COL_KEY = 0, REPORT_COL_RECEIVED = 1, REPORT_COL_FIRST_CASE = 10 };

#define BY_DEPARTMENT "d.name"
#define BY_ITEM "i.name"
#define BY_CLERK "u.full_name"
#define BY_WINDOW "coalesce(t.station_name, '-')"
#define BY_MONTH "substr(c.created_at, 1, 7)"
static const struct store_col report_department_cols[] = REPORT_COLS(BY_DEPARTMENT);
static const struct store_col report_item_cols[] = REPORT_COLS(BY_ITEM);
static const struct store_col report_clerk_cols[] = REPORT_COLS(BY_CLERK);
static const struct store_col report_window_cols[] = REPORT_COLS(BY_WINDOW);
static const struct store_col report_month_cols[] = REPORT_COLS(BY_MONTH);
static const struct store_col report_total_cols[] = REPORT_COLS("''");

/* ?1 the period's first day, ?2 the day after its last */
#define REPORT_FROM \
	"FROM cases c JOIN service_items i ON i.id = c.item_id JOIN departments d ON d.id = i.department_id" \
	" JOIN users u ON u.id = c.responder_id LEFT JOIN queue_tickets t ON t.id = c.ticket_id"
#define REPORT_WHERE "c.created_at >= ?1 AND c.created_at < ?2 AND c.parent_case_id IS NULL AND ?3 = ?3"

/* the biggest group first; of the same size, the one received first */
#define REPORT_LIST(cols, key_expr) { \
	STORE_ROWS(struct yc_report_row, cols), .from = REPORT_FROM, .where = REPORT_WHERE, .group_by = key_expr, \
	.n_params = 3, .key = { { REPORT_COL_RECEIVED, 1 }, { REPORT_COL_FIRST_CASE, 0 } }, .n_key = 2, \
}

static struct store_list report_lists[] = {
	[REPORT_DEPARTMENT] = REPORT_LIST(report_department_cols, BY_DEPARTMENT),
	[REPORT_ITEM] = REPORT_LIST(report_item_cols, BY_ITEM),
	[REPORT_CLERK] = REPORT_LIST(report_clerk_cols, BY_CLERK),
	[REPORT_WINDOW] = REPORT_LIST(report_window_cols, BY_WINDOW),
	[REPORT_MONTH] = REPORT_LIST(report_month_cols, BY_MONTH),
};

/* Every case of the period as one row (no GROUP BY: one row, even of
 * no cases). */
static struct store_list report_total = {
	STORE_ROWS(struct yc_report_row, report_total_cols), .from = REPORT_FROM, .where = REPORT_WHERE,
	.n_params = 3, .key = { { REPORT_COL_FIRST_CASE, 0 } }, .n_key = 1,
};

/* A period's parameters: from..to inclusive as from <= x < the day after
 * to, and today. */
struct period {
	char from[11], to_next[11];
	struct store_param p[3];
};

static int period(const char *from, const char *to, const char *today, struct period *pd, struct yc_err *err)
{
	yc_date a, b;

	if (date_parse(from, &a) != 0 || date_parse(to, &b) != 0 || b < a) {
		yc_err_set(err, YC_EINVAL, "%s", _("The period is wrong: two dates YYYY-MM-DD, the second not before the first."));
		return -1;
	}
	date_format(a, pd->from);
	date_format(b + 1, pd->to_next);
	pd->p[0] = (struct store_param)STORE_PARAM_TEXT(pd->from);
	pd->p[1] = (struct store_param)STORE_PARAM_TEXT(pd->to_next);
	pd->p[2] = (struct store_param)STORE_PARAM_TEXT(today ? today : "");
	return 0;
}

static struct store_list *report_list(enum yc_report_by by, struct yc_err *err)
{
	if ((int)by < 0 || by > REPORT_MONTH) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a grouping of the report."));
		return NULL;
	}
	return &report_lists[by];
}

int store_report_page(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		      const struct yc_report_row *anchor, int forward, struct yc_report_row *rows, int max, int *n,
		      struct yc_err *err)
{
	struct store_list *l = report_list(by, err);
	struct period pd;

	*n = 0;
	if (!l || period(from, to, today, &pd, err) < 0)
		return -1;
	return store_list_page(st, l, pd.p, anchor, forward, rows, max, n, err);
}

struct report_count {
	struct store_list *l;
	const struct store_param *p;
	long groups;
	struct yc_report_row total;
};

static int report_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct report_count *c = vctx;
	int rc, n;

	(void)err;
	if ((rc = store_list_count_tx(st, c->l, c->p, &c->groups)) != SQLITE_OK)
		return rc;
	return store_list_page_tx(st, &report_total, c->p, NULL, 1, &c->total, 1, &n);
}

int store_report_count(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		       long *groups, struct yc_report_row *total, struct yc_err *err)
{
	struct report_count c;
	struct period pd;

	*groups = 0;
	memset(total, 0, sizeof *total);
	memset(&c, 0, sizeof c);
	if (!(c.l = report_list(by, err)) || period(from, to, today, &pd, err) < 0)
		return -1;
	c.p = pd.p;
	if (store_run(st, 0, report_count, &c, err) < 0)
		return -1;
	*groups = c.groups;
	*total = c.total;
	return 0;
}

#define REPORT_ALL_PAGE 256

struct report_all {
	struct store_list *l;
	const struct store_param *p;
	struct yc_report_row *rows;
	int n, cap;
};

/* Page after page to the last group, growing the rows as they come. */
static int report_all(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct report_all *c = vctx;
	int rc, got;

	(void)err;
	c->n = 0;   /* from scratch: the body may run again */
	do {
		if (c->n + REPORT_ALL_PAGE > c->cap) {
			struct yc_report_row *more = realloc(c->rows, (size_t)(c->cap + REPORT_ALL_PAGE) * sizeof *more);

			if (!more)
				return SQLITE_NOMEM;
			c->rows = more;
			c->cap += REPORT_ALL_PAGE;
		}
		rc = store_list_page_tx(st, c->l, c->p, c->n ? &c->rows[c->n - 1] : NULL, 1, c->rows + c->n,
					REPORT_ALL_PAGE, &got);
		c->n += got;
	} while (rc == SQLITE_OK && got == REPORT_ALL_PAGE);
	return rc;
}

int store_report_all(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		     struct yc_report_row **rows, int *n, struct yc_err *err)
{
	struct report_all c;
	struct period pd;

	*rows = NULL;
	*n = 0;
	memset(&c, 0, sizeof c);
	if (!(c.l = report_list(by, err)) || period(from, to, today, &pd, err) < 0)
		return -1;
	c.p = pd.p;
	if (store_run(st, 0, report_all, &c, err) < 0) {
		free(c.rows);
		return -1;
	}
	*rows = c.rows;
	*n = c.n;
	return 0;
}

/* The queue ------------------------------------------------------------------------ */

static const struct store_col queue_report_cols[] = {
	STORE_COL_TEXT(struct yc_queue_report_row, category, "w.name"),
	STORE_COL_INT64(struct yc_queue_report_row, tickets, "count(*)"),
	STORE_COL_INT64(struct yc_queue_report_row, served, COUNT_IF("t.status IN ('done','serving','called','transferred')")),
	STORE_COL_INT64(struct yc_queue_report_row, no_shows, COUNT_IF("t.status = 'no_show'")),
	STORE_COL_DOUBLE(struct yc_queue_report_row, wait_min,
			 "coalesce(avg((julianday(t.called_at) - julianday(t.issued_at)) * 1440.0), 0)"),
	STORE_COL_DOUBLE(struct yc_queue_report_row, service_min,
			 "coalesce(avg(CASE WHEN t.finished_at IS NOT NULL"
			 " THEN (julianday(t.finished_at) - julianday(t.called_at)) * 1440.0 END), 0)"),
	STORE_COL_TEXT(struct yc_queue_report_row, prefix, "w.ticket_prefix"),
};
enum { QUEUE_REPORT_COL_TICKETS = 1, QUEUE_REPORT_COL_PREFIX = 6 };

/* the busiest window first; of two as busy, the one whose tickets'
 * letter comes first (one letter: data/base.sql) */
static struct store_list queue_report_list = {
	STORE_ROWS(struct yc_queue_report_row, queue_report_cols),
	.from = "FROM queue_tickets t JOIN window_categories w ON w.code = t.category",
	/* (w's columns too: one row of w per category; PostgreSQL wants them named) */
	.where = "t.day >= ?1 AND t.day < ?2", .group_by = "t.category, w.name, w.ticket_prefix",
	.n_params = 2, .key = { { QUEUE_REPORT_COL_TICKETS, 1 }, { QUEUE_REPORT_COL_PREFIX, 0 } }, .n_key = 2,
};

int store_queue_report_page(struct yc_store *st, const char *from, const char *to,
			    const struct yc_queue_report_row *anchor, int forward, struct yc_queue_report_row *rows,
			    int max, int *n, struct yc_err *err)
{
	struct period pd;

	*n = 0;
	if (period(from, to, NULL, &pd, err) < 0)
		return -1;
	return store_list_page(st, &queue_report_list, pd.p, anchor, forward, rows, max, n, err);
}

int store_queue_report_count(struct yc_store *st, const char *from, const char *to, long *count, struct yc_err *err)
{
	struct period pd;

	*count = 0;
	if (period(from, to, NULL, &pd, err) < 0)
		return -1;
	return store_list_count(st, &queue_report_list, pd.p, count, err);
}
