/* reports.c - reports for supervisors and the administrator: for a period,
 * cases received, accepted, refused, decided and how many on time, still
 * overdue, suspended, and the ratings, by department, item, clerk, window
 * or month, with the on-time share drawn as a bar; wait and service times
 * from the queue; export to XLSX or CSV. */
#include "config.h"

#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "store-reports.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_PERIOD = ACT_SCREEN, ACT_BY, ACT_QUEUE, ACT_EXPORT };

static const struct yc_binding keys[] = {
	{ ACT_PERIOD, KEY_F(2), "F2", N_("Period"), N_("The period: from and to (dates)"), KB_BAR },
	{ ACT_BY, KEY_F(3), "F3", N_("Group by"), N_("By department, item, clerk, window or month"), KB_BAR },
	{ ACT_QUEUE, KEY_F(4), "F4", N_("Queue"), N_("Switch between cases and the queue's wait and service times"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the report to XLSX or CSV"), KB_BAR },
	UI_TABLE_KEYS,
};

#define CASE_COLS 10

struct reports {
	struct yc_app *app;
	char from[11], to[11];
	enum yc_report_by by;
	int queue;                    /* showing the queue's times */
	struct ui_table cases, tickets;
	struct ui_table_col case_cols[CASE_COLS];   /* case_columns, headed by the grouping */
	struct yc_report_row total;   /* every case of the period, as the store counts them */
	int bar_w;                    /* cells of a 100% on-time bar */
};

static const char *const by_labels[] = {
	N_("department"), N_("item"), N_("clerk"), N_("window"), N_("month"),
};

static double share(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

/* The cases' table --------------------------------------------------------------- */

/* A column formatter printing one field of a row. */
#define FIGURE_COL(name, row_type, field, fmt) \
	static void col_##name(void *ctx, const void *row, char *out, size_t n) \
	{ \
		(void)ctx; \
		snprintf(out, n, fmt, ((const row_type *)row)->field); \
	}
FIGURE_COL(received, struct yc_report_row, received, "%" PRId64)
FIGURE_COL(accepted, struct yc_report_row, accepted, "%" PRId64)
FIGURE_COL(not_accepted, struct yc_report_row, not_accepted, "%" PRId64)
FIGURE_COL(decided, struct yc_report_row, decided, "%" PRId64)
FIGURE_COL(overdue, struct yc_report_row, overdue_open, "%" PRId64)
FIGURE_COL(suspended, struct yc_report_row, suspended, "%" PRId64)
FIGURE_COL(rating, struct yc_report_row, rating_avg, "%4.2f")

static void col_on_time(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_report_row *w = row;

	(void)ctx;
	snprintf(out, n, "%5.1f%%", share((long)w->on_time, (long)w->decided));
}

/* The on-time share as a bar. */
static void col_bar(void *ctx, const void *row, char *out, size_t n)
{
	const struct reports *r = ctx;
	const struct yc_report_row *w = row;
	double pct = share((long)w->on_time, (long)w->decided);
	int k, len = r->bar_w > 0 ? (int)(pct * r->bar_w / 100.0 + 0.5) : 0;

	out[0] = '\0';
	for (k = 0; k < len && strlen(out) + 4 < n; k++)
		strcat(out, "\u2588");
}

/* the first header is the grouping's name: each screen's copy has it */
static const struct ui_table_col case_columns[CASE_COLS] = {
	{ N_("department"), 20, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_report_row, key) },
	{ N_("recv"), 5, UI_ALIGN_RIGHT, 0, col_received, 0 },
	{ N_("acc"), 4, UI_ALIGN_RIGHT, 0, col_accepted, 0 },
	{ N_("ref"), 4, UI_ALIGN_RIGHT, 0, col_not_accepted, 0 },
	{ N_("dec"), 4, UI_ALIGN_RIGHT, 0, col_decided, 0 },
	{ N_("on time rate"), 7, UI_ALIGN_RIGHT, 0, col_on_time, 0 },
	{ N_("overdue"), 8, UI_ALIGN_RIGHT, 0, col_overdue, 0 },
	{ N_("susp"), 5, UI_ALIGN_RIGHT, 0, col_suspended, 0 },
	{ N_("rating"), 5, UI_ALIGN_RIGHT, 0, col_rating, 0 },
	{ "", 0, UI_ALIGN_LEFT, 0, col_bar, 0 },
};

static int case_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct reports *r = ctx;

	return store_report_page(r->app->st, r->by, r->from, r->to, r->app->today, anchor, forward, rows, max, n, err);
}

static int case_count(void *ctx, long *count, struct yc_err *err)
{
	struct reports *r = ctx;

	return store_report_count(r->app->st, r->by, r->from, r->to, r->app->today, count, &r->total, err);
}

static attr_t case_attr(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct yc_report_row *)row)->overdue_open ? ui_attr_error() : A_NORMAL;
}

static int same_group(const void *a, const void *b)
{
	return strcmp(((const struct yc_report_row *)a)->key, ((const struct yc_report_row *)b)->key) == 0;
}

static const struct ui_table_source case_source = { case_page, case_count, case_attr, same_group, NULL };

/* The queue's table ---------------------------------------------------------------- */

FIGURE_COL(tickets, struct yc_queue_report_row, tickets, "%" PRId64)
FIGURE_COL(served, struct yc_queue_report_row, served, "%" PRId64)
FIGURE_COL(no_shows, struct yc_queue_report_row, no_shows, "%" PRId64)
FIGURE_COL(wait, struct yc_queue_report_row, wait_min, "%.1f")
FIGURE_COL(service, struct yc_queue_report_row, service_min, "%.1f")

static const struct ui_table_col ticket_columns[] = {
	{ N_("window"), 16, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_queue_report_row, category) },
	{ N_("tickets"), 7, UI_ALIGN_RIGHT, 0, col_tickets, 0 },
	{ N_("served"), 7, UI_ALIGN_RIGHT, 0, col_served, 0 },
	{ N_("no-show"), 8, UI_ALIGN_RIGHT, 0, col_no_shows, 0 },
	{ N_("wait (min)"), 11, UI_ALIGN_RIGHT, 0, col_wait, 0 },
	{ N_("service (min)"), 14, UI_ALIGN_RIGHT, 0, col_service, 0 },
};

static int ticket_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct reports *r = ctx;

	return store_queue_report_page(r->app->st, r->from, r->to, anchor, forward, rows, max, n, err);
}

static int ticket_count(void *ctx, long *count, struct yc_err *err)
{
	struct reports *r = ctx;

	return store_queue_report_count(r->app->st, r->from, r->to, count, err);
}

static int same_category(const void *a, const void *b)
{
	return strcmp(((const struct yc_queue_report_row *)a)->prefix, ((const struct yc_queue_report_row *)b)->prefix) == 0;
}

static const struct ui_table_source ticket_source = { ticket_page, ticket_count, NULL, same_category, NULL };

/* The screen ------------------------------------------------------------------------ */

static struct ui_table *shown(struct reports *r)
{
	return r->queue ? &r->tickets : &r->cases;
}

static void reports_reload(struct reports *r)
{
	r->case_cols[0].header = by_labels[r->by];
	ui_table_reload(&r->cases);
	ui_table_reload(&r->tickets);
}

static int reports_enter(struct yc_app *app, void *priv)
{
	struct reports *r = priv;

	r->app = app;
	/* this month so far */
	snprintf(r->from, sizeof r->from, "%.7s-01", app->today);
	yc_strlcpy(r->to, app->today, sizeof r->to);
	memcpy(r->case_cols, case_columns, sizeof r->case_cols);
	r->case_cols[0].header = by_labels[r->by];
	if (ui_table_init(&r->cases, app, sizeof(struct yc_report_row), r->case_cols, YC_ARRAY_LEN(r->case_cols),
			  &case_source, r) < 0)
		return -1;
	if (ui_table_init(&r->tickets, app, sizeof(struct yc_queue_report_row), ticket_columns,
			  YC_ARRAY_LEN(ticket_columns), &ticket_source, r) < 0) {
		ui_table_free(&r->cases);
		return -1;
	}
	r->cases.x = r->tickets.x = 2;
	r->cases.empty = N_("No cases in this period.");
	r->tickets.empty = N_("No tickets in this period.");
	return 0;
}

static void reports_leave(struct yc_app *app, void *priv)
{
	struct reports *r = priv;

	ui_table_free(&r->cases);
	ui_table_free(&r->tickets);
}

static void draw_cases(struct yc_app *app, struct reports *r, int top, int rows, int cols)
{
	char line[800];

	snprintf(line, sizeof line, _("%s to %s, by %s: %ld cases received, %ld decided, %.1f%% on time"), r->from, r->to,
		 _(by_labels[r->by]), (long)r->total.received, (long)r->total.decided,
		 share((long)r->total.on_time, (long)r->total.decided));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	r->bar_w = cols - 78;
	ui_table_draw(&r->cases, top + 1, rows - 3, cols - 1);
}

static void draw_queue(struct yc_app *app, struct reports *r, int top, int rows, int cols)
{
	char line[400];

	snprintf(line, sizeof line, _("%s to %s: the queue"), r->from, r->to);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&r->tickets, top + 1, rows - 2, cols - 1);
}

static void reports_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct reports *r = priv;

	if (r->queue)
		draw_queue(app, r, top, rows, cols);
	else
		draw_cases(app, r, top, rows, cols);
}

static int choose_period(struct yc_app *app, struct reports *r)
{
	char from[16], to[16];
	yc_date a, b;

	yc_strlcpy(from, r->from, sizeof from);
	yc_strlcpy(to, r->to, sizeof to);
	for (;;) {
		if (!ui_prompt(app, _("Period"), _("From (YYYY-MM-DD):"), from, sizeof from) ||
		    !ui_prompt(app, _("Period"), _("To (YYYY-MM-DD):"), to, sizeof to))
			return UI_REDRAW;
		if (date_parse(from, &a) == 0 && date_parse(to, &b) == 0 && a <= b)
			break;
		ui_error(app, "%s", _("The period is wrong: two dates YYYY-MM-DD, the second not before the first."));
	}
	yc_strlcpy(r->from, from, sizeof r->from);
	yc_strlcpy(r->to, to, sizeof r->to);
	reports_reload(r);
	return UI_REDRAW;
}

static int choose_by(struct yc_app *app, struct reports *r)
{
	const char *labels[5];
	int i, choice;

	for (i = 0; i < 5; i++)
		labels[i] = _(by_labels[i]);
	if ((choice = ui_choose(app, _("Group by"), labels, 5)) < 0)
		return UI_REDRAW;
	r->by = (enum yc_report_by)choice;
	reports_reload(r);
	return UI_REDRAW;
}

#define COLS_OUT 10

static int reports_export(struct yc_app *app, struct reports *r)
{
	static const int numeric[COLS_OUT] = { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const char *headers[COLS_OUT], *choices[2] = { _("XLSX"), _("CSV") };
	struct yc_report_row *rows = NULL;
	const char **cells;
	char (*buf)[32], path[512], title[64];
	struct export_table t;
	const struct export_table *tables[1] = { &t };
	struct yc_err err;
	int i, k, n, choice, rc;

	/* every group, not the page on screen */
	if (store_report_all(app->st, r->by, r->from, r->to, app->today, &rows, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	cells = calloc((size_t)n * COLS_OUT + 1, sizeof *cells);
	buf = calloc((size_t)n * COLS_OUT + 1, sizeof *buf);
	if (!cells || !buf) {
		free(rows);
		free(cells);
		free(buf);
		return UI_HANDLED;
	}
	headers[0] = _(by_labels[r->by]);
	headers[1] = _("received");
	headers[2] = _("accepted");
	headers[3] = _("not accepted");
	headers[4] = _("decided");
	headers[5] = _("on time");
	headers[6] = _("on time %");
	headers[7] = _("overdue, open");
	headers[8] = _("suspended");
	headers[9] = _("average rating");
	for (i = 0; i < n; i++) {
		const struct yc_report_row *w = &rows[i];
		const char **row = cells + i * COLS_OUT;
		char (*b)[32] = buf + i * COLS_OUT;

		row[0] = w->key;
		snprintf(b[1], 32, "%" PRId64, w->received);
		snprintf(b[2], 32, "%" PRId64, w->accepted);
		snprintf(b[3], 32, "%" PRId64, w->not_accepted);
		snprintf(b[4], 32, "%" PRId64, w->decided);
		snprintf(b[5], 32, "%" PRId64, w->on_time);
		snprintf(b[6], 32, "%.1f", share((long)w->on_time, (long)w->decided));
		snprintf(b[7], 32, "%" PRId64, w->overdue_open);
		snprintf(b[8], 32, "%" PRId64, w->suspended);
		snprintf(b[9], 32, "%.2f", w->rating_avg);
		for (k = 1; k < COLS_OUT; k++)
			row[k] = b[k];
	}
	snprintf(title, sizeof title, _("Cases %s to %s"), r->from, r->to);
	t = (struct export_table){ title, COLS_OUT, n, headers, cells, numeric };
	choice = ui_choose(app, _("Export"), choices, 2);
	snprintf(path, sizeof path, "report-%s-%s.%s", r->from, r->to, choice == 1 ? "csv" : "xlsx");
	if (choice >= 0 && ui_prompt(app, _("Export"), _("File:"), path, sizeof path) && path[0]) {
		rc = choice == 1 ? export_csv(path, &t, &err) : export_xlsx(path, tables, 1, &err);
		if (rc < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("Written to %s."), path);
	}
	free(rows);
	free(cells);
	free(buf);
	return UI_REDRAW;
}

static int reports_action(struct yc_app *app, void *priv, int act)
{
	struct reports *r = priv;

	switch (act) {
	case ACT_PERIOD: return choose_period(app, r);
	case ACT_BY: return choose_by(app, r);
	case ACT_QUEUE:
		r->queue = !r->queue;
		return UI_REDRAW;
	case ACT_EXPORT: return reports_export(app, r);
	}
	return ui_table_action(shown(r), act);
}

static int reports_data_changed(struct yc_app *app, void *priv)
{
	struct reports *r = priv;

	ui_table_refresh(&r->cases);
	ui_table_refresh(&r->tickets);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_reports = {
	.name = "reports",
	.title = N_("Reports"),
	.perm = PERM_REPORTS,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct reports),
	.enter = reports_enter,
	.leave = reports_leave,
	.draw = reports_draw,
	.action = reports_action,
	.data_changed = reports_data_changed,
};
