/* followups.c - bad ratings (好差评, 2 or less) that the supervisor must
 * follow up: unanswered first; Enter records what was done. Unanswered
 * ones count against the month on the assessment sheet. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui.h"
#include "width.h"

enum { ACT_ANSWER = ACT_SCREEN };

static const struct yc_binding keys[] = {
	{ ACT_ANSWER, KEY_ENTER, "Enter", N_("Follow up"), N_("Record what was done about the selected rating"), KB_BAR },
};

#define MAX_ROWS 60

struct followups {
	struct yc_followup rows[MAX_ROWS];
	int n, sel;
};

static void load(struct yc_app *app, struct followups *f)
{
	struct yc_err err;

	if (store_followups(app->st, f->rows, MAX_ROWS, &f->n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		f->n = 0;
	}
	if (f->sel >= f->n)
		f->sel = f->n > 0 ? f->n - 1 : 0;
}

static int enter(struct yc_app *app, void *priv)
{
	load(app, priv);
	return 0;
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct followups *f = priv;
	char line[1200];
	int i, y = top + 1, open = 0;

	for (i = 0; i < f->n; i++)
		open += f->rows[i].answered_at[0] == '\0';
	snprintf(line, sizeof line, _("Bad ratings: %d waiting for a follow-up"), open);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	y++;
	if (f->n == 0)
		ui_put(y, 2, cols - 4, _("No bad ratings."), A_NORMAL);
	for (i = 0; i < f->n && y < top + rows - 7; i++, y++) {
		const struct yc_followup *r = &f->rows[i];
		char item[200], who[64];

		yc_fit_mark(r->item, 20, 1, item, sizeof item);
		yc_fit_mark(r->applicant, 8, 1, who, sizeof who);
		snprintf(line, sizeof line, " %s %.16s  %d  %s %s %s", r->answered_at[0] ? " " : "*", r->at, r->score,
			 r->case_number, who, item);
		ui_fill(y, 1, cols - 2, line, i == f->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (f->sel < f->n) {
		const struct yc_followup *r = &f->rows[f->sel];

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

static int answer(struct yc_app *app, struct followups *f)
{
	char text[1024] = "";
	struct yc_err err;

	if (f->sel >= f->n)
		return UI_HANDLED;
	if (f->rows[f->sel].answered_at[0]) {
		ui_error(app, "%s", _("This rating has already been followed up."));
		return UI_REDRAW;
	}
	for (;;) {
		if (!ui_prompt(app, _("Follow-up"), _("What was done (talked to the applicant, put right, ...):"), text,
			       sizeof text))
			return UI_REDRAW;
		if (store_followup_answer(app->st, &app->user, f->rows[f->sel].rating_id, text, &err) == 0) {
			ui_say(app, "%s", _("The follow-up was recorded."));
			break;
		}
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			break;
	}
	load(app, f);
	return UI_REDRAW;
}

static int action(struct yc_app *app, void *priv, int act)
{
	return act == ACT_ANSWER ? answer(app, priv) : UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct followups *f = priv;

	if (is_keycode && ch == KEY_DOWN && f->sel + 1 < f->n)
		f->sel++;
	else if (is_keycode && ch == KEY_UP && f->sel > 0)
		f->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	load(app, priv);
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
	.enter = enter,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
};
