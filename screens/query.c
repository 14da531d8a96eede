/* query.c - the progress query kiosk (`yichuang query`): a citizen types
 * the case number and the query password from their acceptance notice on
 * the keypad and sees where their case stands (state, promised date,
 * what is missing, where to collect; the name masked). Wrong passwords
 * are slowed and lock the case's query (case-query.h), counted for every
 * kiosk alike. Needs no login and never leaves: it runs for days, and
 * forgets what was typed and shown when nobody has pressed a key for a
 * while, so the next person never sees the last one's case. */
#include "config.h"

#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "case-query.h"
#include "documents.h"
#include "store-query.h"
#include "ui.h"
#include "ui-form.h"

enum { ACT_ASK = ACT_SCREEN, ACT_CLEAR };

static const struct yc_binding keys[] = {
	{ ACT_ASK, KEY_ENTER, "Enter", N_("Next / Query"), N_("Go to the password, then show the case"), KB_BAR },
	{ ACT_CLEAR, 27, "Esc", N_("Clear"), N_("Clear what was typed and shown"), KB_BAR },
};

/* Seconds without a key after which the kiosk forgets the last person. */
#define QUERY_FORGET_SECONDS 60

enum { FIELD_CASE, FIELD_PASSWORD };

struct query {
	struct ui_form form;
	char *answer;                 /* the case as doc_progress tells it, or NULL */
	char refusal[300];            /* why there is no answer */
	time_t last_key;
};

static const char *const labels[] = { N_("Case number"), N_("Query password") };

static void query_forget(struct query *q)
{
	field_clear(&q->form.fields[FIELD_CASE]);
	field_clear(&q->form.fields[FIELD_PASSWORD]);
	q->form.focus = FIELD_CASE;
	free(q->answer);
	q->answer = NULL;
	q->refusal[0] = '\0';
}

static int query_enter(struct yc_app *app, void *priv)
{
	struct query *q = priv;

	if (ui_form_init(&q->form, labels, 2, 40) < 0)
		return -1;
	q->form.gap = 2;
	q->form.secret[FIELD_PASSWORD] = 1;
	q->last_key = time(NULL);
	return 0;
}

static void query_leave(struct yc_app *app, void *priv)
{
	struct query *q = priv;

	query_forget(q);
	ui_form_free(&q->form);
}

static void query_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct query *q = priv;
	int y = top + 1, width = cols - 8 < 60 ? cols - 8 : 60;

	ui_put_center(y++, cols, app->cfg->site_name, A_BOLD);
	ui_put_center(y++, cols, _("Follow your case: type the case number and the query password from your acceptance notice"),
		      A_NORMAL);
	y += 1;
	ui_form_draw(app, &q->form, y, 4, width, 16);
	y += 5;
	if (q->refusal[0])
		ui_put_wrapped(y, 4, top + rows - 1, cols - 8, q->refusal, ui_attr_error());
	else if (q->answer)
		ui_put_wrapped(y, 4, top + rows - 1, cols - 8, q->answer, A_NORMAL);
	else
		ui_put(y, 4, cols - 8, _("Enter goes to the password, then shows your case; Esc clears."), ui_attr_dim());
}

/* Look the case up; a wrong password waits as the guard says before the
 * answer, so that guessing takes time at every kiosk. */
static int query_ask(struct yc_app *app, struct query *q)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct yc_case_progress p;
	char typed[64], number[64], password[64];
	struct yc_err err;
	int delay_ms;

	if (q->form.focus == FIELD_CASE) {
		q->form.focus = FIELD_PASSWORD;
		return UI_REDRAW;
	}
	ui_form_get(&q->form, FIELD_CASE, typed, sizeof typed);
	ui_form_get(&q->form, FIELD_PASSWORD, password, sizeof password);
	query_normalise_case_number(typed, number, sizeof number);
	free(q->answer);
	q->answer = NULL;
	q->refusal[0] = '\0';
	if (!number[0] || !password[0]) {
		yc_strlcpy(q->refusal, _("Type both the case number and the query password."), sizeof q->refusal);
		return UI_REDRAW;
	}
	yc_err_clear(&err);
	if (store_case_query(app->st, number, password, &p, &delay_ms, &err) < 0) {
		if (delay_ms)
			usleep((useconds_t)delay_ms * 1000u);
		yc_strlcpy(q->refusal, err.msg, sizeof q->refusal);
	} else if (!(q->answer = doc_progress(&hall, &p))) {
		yc_strlcpy(q->refusal, _("Out of memory."), sizeof q->refusal);
	}
	field_clear(&q->form.fields[FIELD_PASSWORD]);
	return UI_REDRAW;
}

static int query_action(struct yc_app *app, void *priv, int act)
{
	struct query *q = priv;

	q->last_key = time(NULL);
	switch (act) {
	case ACT_ASK: return query_ask(app, q);
	case ACT_CLEAR:
		query_forget(q);
		return UI_REDRAW;   /* a kiosk has nowhere to go back to */
	}
	return UI_UNHANDLED;
}

static int query_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct query *q = priv;

	q->last_key = time(NULL);
	return ui_form_key(&q->form, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

static int query_idle(struct yc_app *app, void *priv)
{
	struct query *q = priv;
	int shown = q->answer || q->refusal[0] || q->form.fields[FIELD_CASE].len ||
		    q->form.fields[FIELD_PASSWORD].len;

	if (!shown || time(NULL) - q->last_key < QUERY_FORGET_SECONDS)
		return 0;
	query_forget(q);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_query = {
	.name = "query",
	.title = N_("Progress query"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct query),
	.enter = query_enter,
	.leave = query_leave,
	.draw = query_draw,
	.action = query_action,
	.key = query_key,
	.idle = query_idle,
	.public = 1,
};
