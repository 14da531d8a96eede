/* followups.c - bad ratings (好差评, 2 or less) that the supervisor must
 * follow up by their due day: unanswered first; Enter records the
 * verification, the rectification and the call back (回访), which closes
 * it. One past its due day is marked and counted: a finding for the
 * supervisor. Unanswered ones count against the month on the assessment
 * sheet. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rating.h"
#include "store-pickup.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_ANSWER = ACT_SCREEN };

static const struct yc_binding keys[] = {
	{ ACT_ANSWER, KEY_ENTER, "Enter", N_("Follow up"), N_("Record the verification, the rectification or the call back of the selected rating"), KB_BAR },
	UI_TABLE_KEYS,
};

struct followups {
	struct yc_app *app;
	struct ui_table table;
	long open, overdue;          /* unanswered, and past the due day, as the store counts them */
};

/* '!' past its due day, '*' open */
static void col_open(void *ctx, const void *row, char *out, size_t n)
{
	const struct followups *f = ctx;
	const struct yc_followup *r = row;

	snprintf(out, n, "%s", rating_followup_overdue(r, f->app->today) ? "!" : r->answered ? "" : "*");
}

static void col_score(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%d", ((const struct yc_followup *)row)->score);
}

static void col_channel(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", _(rating_channel_name(((const struct yc_followup *)row)->channel)));
}

static const struct ui_table_col columns[] = {
	{ "", 1, UI_ALIGN_LEFT, 0, col_open, 0 },
	{ N_("Rated at"), 16, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_followup, at) },
	{ N_("Score"), 4, UI_ALIGN_RIGHT, 0, col_score, 0 },
	{ N_("Via"), 6, UI_ALIGN_LEFT, 1, col_channel, 0 },
	{ N_("Due"), 10, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_followup, due) },
	{ N_("Case"), UI_CASE_NUMBER_COLS, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_followup, case_number) },
	{ N_("Applicant"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_followup, applicant) },
	{ N_("Item"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_followup, item) },
};

static int followups_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct followups *f = ctx;

	return store_followups_page(f->app->st, anchor, forward, rows, max, n, err);
}

static int followups_count(void *ctx, long *total, struct yc_err *err)
{
	struct followups *f = ctx;

	return store_followups_count(f->app->st, f->app->today, total, &f->open, &f->overdue, err);
}

static int same_rating(const void *a, const void *b)
{
	return ((const struct yc_followup *)a)->rating_id == ((const struct yc_followup *)b)->rating_id;
}

static attr_t overdue_red(void *ctx, const void *row)
{
	const struct followups *f = ctx;

	return rating_followup_overdue(row, f->app->today) ? ui_attr_error() : A_NORMAL;
}

static const struct ui_table_source source = { followups_page, followups_count, overdue_red, same_rating, NULL };

static int followups_enter(struct yc_app *app, void *priv)
{
	struct followups *f = priv;

	f->app = app;
	if (ui_table_init(&f->table, app, sizeof(struct yc_followup), columns, YC_ARRAY_LEN(columns), &source, f) < 0)
		return -1;
	f->table.x = 1;
	f->table.empty = N_("No bad ratings.");
	return 0;
}

static void followups_leave(struct yc_app *app, void *priv)
{
	struct followups *f = priv;

	ui_table_free(&f->table);
}

/* One line of the selected rating's follow-up, "-" while not written. */
static int put_step(int y, int last, int cols, const char *label, const char *text)
{
	char line[700];

	snprintf(line, sizeof line, "%s%s", label, text[0] ? text : "-");
	return ui_put_wrapped(y, 2, last, cols - 4, line, A_NORMAL);
}

static void draw_selected(const struct yc_followup *r, int y, int last, int cols)
{
	char line[1200];

	snprintf(line, sizeof line, _("The applicant said: %s"),
		 r->reasons[0] ? r->reasons : r->comment[0] ? r->comment : "-");
	y = ui_put_wrapped(y, 2, last, cols - 4, line, A_NORMAL);
	y = put_step(y, last, cols, _("Verification: "), r->checked);
	y = put_step(y, last, cols, _("Rectification: "), r->rectified);
	if (r->answered_at[0]) {
		snprintf(line, sizeof line, _("Called back, recorded by %s on %.16s: %s"), r->answered_by, r->answered_at,
			 r->answer);
		ui_put_wrapped(y, 2, last, cols - 4, line, A_BOLD);
	} else {
		snprintf(line, sizeof line, _("Call back (%s): not yet; due by %s"), r->phone, r->due[0] ? r->due : "-");
		ui_put_wrapped(y, 2, last, cols - 4, line, A_NORMAL);
	}
}

static void followups_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct followups *f = priv;
	const struct yc_followup *r = ui_table_selected(&f->table);
	char line[300];

	snprintf(line, sizeof line, _("Bad ratings: %ld waiting for a follow-up, %ld past the due day (!)"), f->open,
		 f->overdue);
	ui_put(top + 1, 1, cols - 2, line, f->overdue ? ui_attr_error() : A_BOLD);
	ui_table_draw(&f->table, top + 2, rows - 9, cols - 1);
	if (r)
		draw_selected(r, top + rows - 7, top + rows - 1, cols);
}

/* The step to record, its text so far as the prompt's start. */
static int choose_step(struct yc_app *app, const struct yc_followup *r, char *text, size_t n)
{
	const char *steps[3] = { _("Verification: what was found"), _("Rectification: what was put right"),
				 _("Call back: what the applicant said (closes it)") };
	const char *so_far[3] = { r->checked, r->rectified, "" };
	int step = ui_choose(app, r->case_number, steps, 3);

	if (step >= 0)
		yc_strlcpy(text, so_far[step], n);
	return step;
}

static int followups_answer(struct yc_app *app, struct followups *f)
{
	const struct yc_followup *r = ui_table_selected(&f->table);
	char text[512] = "";
	struct yc_err err;
	int64_t id;
	int step;

	if (!r)
		return UI_HANDLED;
	if (r->answered_at[0]) {
		ui_error(app, "%s", _("This rating has already been followed up."));
		return UI_REDRAW;
	}
	id = r->rating_id;   /* the prompt's redraws may page the table */
	if ((step = choose_step(app, r, text, sizeof text)) < 0)
		return UI_REDRAW;
	for (;;) {
		if (!ui_prompt(app, _("Follow-up"), _("What was done:"), text, sizeof text))
			return UI_REDRAW;
		if (store_followup_record(app->st, &app->user, id, (enum yc_followup_step)step, text, &err) == 0) {
			ui_say(app, "%s", _("The follow-up was recorded."));
			break;
		}
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			break;
		if (err.code == YC_EINVAL && step == FOLLOWUP_CALL_BACK && !yc_blank(text))
			break;   /* verify and rectify first: writing again will not help */
	}
	ui_table_refresh(&f->table);
	return UI_REDRAW;
}

static int followups_action(struct yc_app *app, void *priv, int act)
{
	struct followups *f = priv;

	return act == ACT_ANSWER ? followups_answer(app, f) : ui_table_action(&f->table, act);
}

static int followups_data_changed(struct yc_app *app, void *priv)
{
	struct followups *f = priv;

	ui_table_refresh(&f->table);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_followups = {
	.name = "followups",
	.title = N_("Follow-up of bad ratings"),
	.perm = PERM_ASSESSMENT,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct followups),
	.enter = followups_enter,
	.leave = followups_leave,
	.draw = followups_draw,
	.action = followups_action,
	.data_changed = followups_data_changed,
};
