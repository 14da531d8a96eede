/* reports.c - reports for supervisors and the administrator: for a period,
 * cases received, accepted, refused, decided and how many on time, still
 * overdue, suspended, and the ratings, by department, item, clerk, window
 * or month, with the on-time share drawn as a bar; wait and service times
 * from the queue; export to XLSX or CSV. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "export.h"
#include "ui.h"
#include "width.h"

enum { ACT_PERIOD = ACT_SCREEN, ACT_BY, ACT_QUEUE, ACT_EXPORT };

static const struct yc_binding keys[] = {
	{ ACT_PERIOD, KEY_F(2), "F2", N_("Period"), N_("The period: from and to (dates)"), KB_BAR },
	{ ACT_BY, KEY_F(3), "F3", N_("Group by"), N_("By department, item, clerk, window or month"), KB_BAR },
	{ ACT_QUEUE, KEY_F(4), "F4", N_("Queue"), N_("Switch between cases and the queue's wait and service times"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the report to XLSX or CSV"), KB_BAR },
};

#define MAX_ROWS 200

struct reports {
	char from[11], to[11];
	enum yc_report_by by;
	int queue;                    /* showing the queue's times */
	struct yc_report_row rows[MAX_ROWS];
	struct yc_queue_report_row qrows[16];
	int n, nq, sel, top;
};

static const char *const by_labels[] = {
	N_("department"), N_("item"), N_("clerk"), N_("window"), N_("month"),
};

static void load(struct yc_app *app, struct reports *r)
{
	struct yc_err err;

	if (store_report_cases(app->st, r->by, r->from, r->to, app->today, r->rows, MAX_ROWS, &r->n, &err) < 0 ||
	    store_queue_report(app->st, r->from, r->to, r->qrows, 16, &r->nq, &err) < 0) {
		ui_error(app, "%s", err.msg);
		r->n = r->nq = 0;
	}
	if (r->sel >= r->n)
		r->sel = r->n > 0 ? r->n - 1 : 0;
}

static int enter(struct yc_app *app, void *priv)
{
	struct reports *r = priv;

	/* this month so far */
	snprintf(r->from, sizeof r->from, "%.7s-01", app->today);
	yc_strlcpy(r->to, app->today, sizeof r->to);
	load(app, r);
	return 0;
}

static double share(long part, long whole)
{
	return whole > 0 ? 100.0 * (double)part / (double)whole : 0;
}

static void draw_cases(struct yc_app *app, struct reports *r, int top, int rows, int cols)
{
	char line[800], head[400], cell[160];
	int i, y, shown = rows - 4, bar_w = cols - 78;
	long total = 0, on_time = 0, decided = 0;

	for (i = 0; i < r->n; i++) {
		total += r->rows[i].received;
		on_time += r->rows[i].on_time;
		decided += r->rows[i].decided;
	}
	snprintf(line, sizeof line, _("%s to %s, by %s: %ld cases received, %ld decided, %.1f%% on time"), r->from, r->to,
		 _(by_labels[r->by]), total, decided, share(on_time, decided));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	yc_fit(_(by_labels[r->by]), 20, 1, cell, sizeof cell);
	snprintf(head, sizeof head, " %s %s", cell, _("recv  acc  ref  dec  on time  overdue  susp  rating"));
	ui_put(top + 1, 1, cols - 2, head, A_UNDERLINE);
	if (r->sel < r->top)
		r->top = r->sel;
	if (r->sel >= r->top + shown)
		r->top = r->sel - shown + 1;
	for (i = r->top, y = top + 2; i < r->n && y < top + 2 + shown; i++, y++) {
		const struct yc_report_row *w = &r->rows[i];
		double pct = share(w->on_time, w->decided);
		char bar[400] = "";
		int k, len = bar_w > 0 ? (int)(pct * bar_w / 100.0 + 0.5) : 0;

		for (k = 0; k < len; k++)
			strcat(bar, "\u2588");
		yc_fit_mark(w->key, 20, 1, cell, sizeof cell);
		snprintf(line, sizeof line, " %s %5ld %4ld %4ld %4ld  %5.1f%%  %7ld %5ld  %4.2f %s", cell, w->received,
			 w->accepted, w->not_accepted, w->decided, pct, w->overdue_open, w->suspended, w->rating_avg, bar);
		if (i == r->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, w->overdue_open ? ui_attr_error() : A_NORMAL);
	}
	if (r->n == 0)
		ui_put(top + 3, 3, cols - 6, _("No cases in this period."), ui_attr_dim());
}

static void draw_queue(struct yc_app *app, struct reports *r, int top, int rows, int cols)
{
	char line[400], cell[64];
	int i;

	snprintf(line, sizeof line, _("%s to %s: the queue"), r->from, r->to);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	yc_fit(_("window"), 16, 1, cell, sizeof cell);
	snprintf(line, sizeof line, " %s %s", cell, _("tickets  served  no-show  wait (min)  service (min)"));
	ui_put(top + 1, 1, cols - 2, line, A_UNDERLINE);
	for (i = 0; i < r->nq && i < rows - 3; i++) {
		const struct yc_queue_report_row *q = &r->qrows[i];

		yc_fit_mark(q->category, 16, 1, cell, sizeof cell);
		snprintf(line, sizeof line, " %s %7ld %7ld %8ld  %10.1f  %13.1f", cell, q->tickets, q->served, q->no_shows,
			 q->wait_min, q->service_min);
		ui_put(top + 2 + i, 1, cols - 2, line, A_NORMAL);
	}
	if (r->nq == 0)
		ui_put(top + 3, 3, cols - 6, _("No tickets in this period."), ui_attr_dim());
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
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
	load(app, r);
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
	r->sel = r->top = 0;
	load(app, r);
	return UI_REDRAW;
}

#define COLS_OUT 10

static int export(struct yc_app *app, struct reports *r)
{
	static const int numeric[COLS_OUT] = { 0, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	const char *headers[COLS_OUT], *choices[2] = { _("XLSX"), _("CSV") };
	const char **cells = calloc((size_t)r->n * COLS_OUT + 1, sizeof *cells);
	char (*buf)[32] = calloc((size_t)r->n * COLS_OUT + 1, sizeof *buf), path[512], title[64];
	struct export_table t;
	const struct export_table *tables[1] = { &t };
	struct yc_err err;
	int i, k, choice, rc;

	if (!cells || !buf) {
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
	for (i = 0; i < r->n; i++) {
		const struct yc_report_row *w = &r->rows[i];
		const char **row = cells + i * COLS_OUT;
		char (*b)[32] = buf + i * COLS_OUT;

		row[0] = w->key;
		snprintf(b[1], 32, "%ld", w->received);
		snprintf(b[2], 32, "%ld", w->accepted);
		snprintf(b[3], 32, "%ld", w->not_accepted);
		snprintf(b[4], 32, "%ld", w->decided);
		snprintf(b[5], 32, "%ld", w->on_time);
		snprintf(b[6], 32, "%.1f", share(w->on_time, w->decided));
		snprintf(b[7], 32, "%ld", w->overdue_open);
		snprintf(b[8], 32, "%ld", w->suspended);
		snprintf(b[9], 32, "%.2f", w->rating_avg);
		for (k = 1; k < COLS_OUT; k++)
			row[k] = b[k];
	}
	snprintf(title, sizeof title, _("Cases %s to %s"), r->from, r->to);
	t = (struct export_table){ title, COLS_OUT, r->n, headers, cells, numeric };
	choice = ui_choose(app, _("Export"), choices, 2);
	snprintf(path, sizeof path, "report-%s-%s.%s", r->from, r->to, choice == 1 ? "csv" : "xlsx");
	if (choice >= 0 && ui_prompt(app, _("Export"), _("File:"), path, sizeof path) && path[0]) {
		rc = choice == 1 ? export_csv(path, &t, &err) : export_xlsx(path, tables, 1, &err);
		if (rc < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("Written to %s."), path);
	}
	free(cells);
	free(buf);
	return UI_REDRAW;
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct reports *r = priv;

	switch (act) {
	case ACT_PERIOD: return choose_period(app, r);
	case ACT_BY: return choose_by(app, r);
	case ACT_QUEUE:
		r->queue = !r->queue;
		return UI_REDRAW;
	case ACT_EXPORT: return export(app, r);
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct reports *r = priv;

	if (is_keycode && ch == KEY_DOWN && r->sel + 1 < r->n)
		r->sel++;
	else if (is_keycode && ch == KEY_UP && r->sel > 0)
		r->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	load(app, priv);
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
	.enter = enter,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
};
