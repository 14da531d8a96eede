/* followups.c - bad ratings (好差评, 2 or less) that the supervisor must
 * follow up: unanswered first; Enter records what was done. Unanswered
 * ones count against the month on the assessment sheet. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-pickup.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_ANSWER = ACT_SCREEN };

static const struct yc_binding keys[] = {
	{ ACT_ANSWER, KEY_ENTER, "Enter", N_("Follow up"), N_("Record what was done about the selected rating"), KB_BAR },
	UI_TABLE_KEYS,
};

struct followups {
	struct yc_app *app;
	struct ui_table table;
	long open;                   /* unanswered, as the store counts them */
};

static void col_open(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", ((const struct yc_followup *)row)->answered ? "" : "*");
}

static void col_score(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%d", ((const struct yc_followup *)row)->score);
}

static const struct ui_table_col columns[] = {
	{ "", 1, UI_ALIGN_LEFT, 0, col_open, 0 },
	{ N_("Rated at"), 16, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_followup, at) },
	{ N_("Score"), 4, UI_ALIGN_RIGHT, 0, col_score, 0 },
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

	return store_followups_count(f->app->st, total, &f->open, err);
}

static int same_rating(const void *a, const void *b)
{
	return ((const struct yc_followup *)a)->rating_id == ((const struct yc_followup *)b)->rating_id;
}

static const struct ui_table_source source = { followups_page, followups_count, NULL, same_rating, NULL };

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

static void followups_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct followups *f = priv;
	const struct yc_followup *r = ui_table_selected(&f->table);
	char line[1200];
	int y;

	snprintf(line, sizeof line, _("Bad ratings: %ld waiting for a follow-up"), f->open);
	ui_put(top + 1, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&f->table, top + 2, rows - 8, cols - 1);
	if (r) {
		y = top + rows - 6;
		snprintf(line, sizeof line, _("The applicant said: %s"), r->comment[0] ? r->comment : "-");
		y = ui_put_wrapped(y, 2, y + 2, cols - 4, line, A_NORMAL);
		if (r->answered_at[0]) {
			snprintf(line, sizeof line, _("Followed up by %s on %.16s: %s"), r->answered_by, r->answered_at,
				 r->answer);
			ui_put_wrapped(y, 2, top + rows - 1, cols - 4, line, A_BOLD);
		}
	}
}

static int followups_answer(struct yc_app *app, struct followups *f)
{
	const struct yc_followup *r = ui_table_selected(&f->table);
	char text[1024] = "";
	struct yc_err err;
	int64_t id;

	if (!r)
		return UI_HANDLED;
	if (r->answered_at[0]) {
		ui_error(app, "%s", _("This rating has already been followed up."));
		return UI_REDRAW;
	}
	id = r->rating_id;   /* the prompt's redraws may page the table */
	for (;;) {
		if (!ui_prompt(app, _("Follow-up"), _("What was done (talked to the applicant, put right, ...):"), text,
			       sizeof text))
			return UI_REDRAW;
		if (store_followup_answer(app->st, &app->user, id, text, &err) == 0) {
			ui_say(app, "%s", _("The follow-up was recorded."));
			break;
		}
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			break;
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
