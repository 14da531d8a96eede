/* questions.c - questions the guidance desk sent to this department:
 * unanswered first; Enter answers one. The guide sees the answer at once. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-guidance.h"
#include "ui.h"
#include "width.h"

enum { ACT_ANSWER = ACT_SCREEN };

static const struct yc_binding keys[] = {
	{ ACT_ANSWER, KEY_ENTER, "Enter", N_("Answer"), N_("Answer the selected question"), KB_BAR },
	{ ACT_NONE, KEY_DOWN, "Down", N_("Down"), N_("Next question"), 0 },
	{ ACT_NONE, KEY_UP, "Up", N_("Up"), N_("Previous question"), 0 },
};

#define MAX_QUESTIONS 50

struct questions {
	struct yc_question rows[MAX_QUESTIONS];
	int n, sel;
};

static void questions_load(struct yc_app *app, struct questions *q)
{
	struct yc_err err;

	if (store_questions(app->st, app->user.department_id, 0, q->rows, MAX_QUESTIONS, &q->n, &err) < 0)
		ui_error(app, "%s", err.msg);
	if (q->sel >= q->n)
		q->sel = q->n > 0 ? q->n - 1 : 0;
}

static int questions_enter(struct yc_app *app, void *priv)
{
	if (!app->user.department_id) {
		ui_error(app, "%s", _("Your account belongs to no department; ask the administrator."));
		return -1;
	}
	questions_load(app, priv);
	return 0;
}

static void questions_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct questions *q = priv;
	char line[1200];
	int i, y = top + 1, open = 0;

	for (i = 0; i < q->n; i++)
		open += q->rows[i].answered_at[0] == '\0';
	snprintf(line, sizeof line, _("Questions for %s: %d waiting for an answer"), app->user.department, open);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	y++;
	if (q->n == 0)
		ui_put(y, 2, cols - 4, _("No questions."), A_NORMAL);
	for (i = 0; i < q->n && y < top + rows - 8; i++, y++) {
		const struct yc_question *r = &q->rows[i];
		char text[600];

		yc_fit_mark(r->question, cols - 44, 1, text, sizeof text);
		snprintf(line, sizeof line, " %s %.16s  %-8s %s", r->answered_at[0] ? " " : "*", r->at,
			 r->answered_at[0] ? _("answered") : _("open"), text);
		ui_fill(y, 1, cols - 2, line, i == q->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (q->sel < q->n) {
		const struct yc_question *r = &q->rows[q->sel];

		y = top + rows - 7;
		snprintf(line, sizeof line, _("Asked by %s about %s:"), r->asked_by, r->item[0] ? r->item : "-");
		ui_put(y++, 2, cols - 4, line, A_UNDERLINE);
		y = ui_put_wrapped(y, 2, y + 2, cols - 4, r->question, A_NORMAL);
		if (r->answered_at[0]) {
			snprintf(line, sizeof line, _("Answered by %s: %s"), r->answered_by, r->answer);
			ui_put_wrapped(y, 2, top + rows - 1, cols - 4, line, A_BOLD);
		}
	}
}

static int questions_answer(struct yc_app *app, struct questions *q)
{
	char text[1024] = "";
	struct yc_err err;

	if (q->sel >= q->n)
		return UI_HANDLED;
	if (q->rows[q->sel].answered_at[0]) {
		ui_error(app, "%s", _("This question has already been answered."));
		return UI_REDRAW;
	}
	for (;;) {
		if (!ui_prompt(app, _("Answer"), q->rows[q->sel].question, text, sizeof text))
			return UI_REDRAW;
		if (store_question_answer(app->st, q->rows[q->sel].id, app->user.department_id, text,
					  app->user.id, &err) == 0) {
			ui_say(app, "%s", _("The answer was sent to the guidance desk."));
			break;
		}
		ui_error(app, "%s", err.msg);
		/* busy or empty: keep the text and offer it again; otherwise stop */
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			break;
	}
	questions_load(app, q);
	return UI_REDRAW;
}

static int questions_action(struct yc_app *app, void *priv, int act)
{
	struct questions *q = priv;

	if (act == ACT_ANSWER)
		return questions_answer(app, q);
	return UI_UNHANDLED;
}

static int questions_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct questions *q = priv;

	if (is_keycode && ch == KEY_DOWN && q->sel + 1 < q->n)
		q->sel++;
	else if (is_keycode && ch == KEY_UP && q->sel > 0)
		q->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int questions_data_changed(struct yc_app *app, void *priv)
{
	questions_load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_questions = {
	.name = "questions",
	.title = N_("Questions from the guidance desk"),
	.perm = PERM_QUESTIONS,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct questions),
	.enter = questions_enter,
	.draw = questions_draw,
	.action = questions_action,
	.key = questions_key,
	.data_changed = questions_data_changed,
};
