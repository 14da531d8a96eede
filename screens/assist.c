/* assist.c - help-you-do (帮您办): key projects (重点项目) an agent of the
 * hall carries through for the company. The requests, the open ones first,
 * with their state, agent, letters and plan; Enter shows the plan and the
 * log. A new request, the agent, the signed authorisation and commitment
 * letters, plan items and their completion, log entries (progress,
 * coordination, feedback to the applicant), the next step the state allows
 * (start, deliver, archive with the materials returned and the
 * evaluation), and termination with its printed slip (终止单). The core
 * checks every move, the role and the version read here again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "print.h"
#include "states.h"
#include "store-assist.h"
#include "ui.h"
#include "ui-table.h"
#include "ui-text.h"
#include "validate.h"
#include "width.h"

enum {
	ACT_OPEN = ACT_SCREEN, ACT_NEW, ACT_ASSIGN, ACT_LETTERS, ACT_PLAN_ADD, ACT_PLAN_DONE, ACT_LOG, ACT_NEXT,
	ACT_TERMINATE, ACT_ESC,
};

static const struct yc_binding list_keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Plan and log"), N_("The selected request: its plan and its log"), 0 },
	{ ACT_NEW, KEY_F(2), "F2", N_("New"), N_("A new request: project, company, contact, why it is key"), KB_BAR },
	{ ACT_ASSIGN, KEY_F(3), "F3", N_("Helper"), N_("Assign the agent (a login of the hall's staff)"), KB_BAR },
	{ ACT_LETTERS, KEY_F(4), "F4", N_("Sign"), N_("Record the authorisation and commitment letters signed"), KB_BAR },
	{ ACT_PLAN_ADD, KEY_F(5), "F5", N_("Plan"), N_("Add an item to the plan with its target date"), 0 },
	{ ACT_PLAN_DONE, KEY_F(6), "F6", N_("Done"), N_("Mark an item of the plan done"), 0 },
	{ ACT_LOG, KEY_F(7), "F7", N_("Log"), N_("Log progress, coordination or feedback to the applicant"), KB_BAR },
	{ ACT_NEXT, KEY_F(8), "F8", N_("Next step"), N_("Next step: start, deliver, or archive with the evaluation"), KB_BAR },
	{ ACT_TERMINATE, KEY_F(11), "F11", N_("End"), N_("Terminate with the reason and print the slip (or reprint)"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding detail_keys[] = {
	{ ACT_NEW, KEY_F(2), "F2", N_("New"), N_("A new request: project, company, contact, why it is key"), 0 },
	{ ACT_ASSIGN, KEY_F(3), "F3", N_("Helper"), N_("Assign the agent (a login of the hall's staff)"), 0 },
	{ ACT_LETTERS, KEY_F(4), "F4", N_("Sign"), N_("Record the authorisation and commitment letters signed"), 0 },
	{ ACT_PLAN_ADD, KEY_F(5), "F5", N_("Plan"), N_("Add an item to the plan with its target date"), KB_BAR },
	{ ACT_PLAN_DONE, KEY_F(6), "F6", N_("Done"), N_("Mark an item of the plan done"), KB_BAR },
	{ ACT_LOG, KEY_F(7), "F7", N_("Log"), N_("Log progress, coordination or feedback to the applicant"), KB_BAR },
	{ ACT_NEXT, KEY_F(8), "F8", N_("Next step"), N_("Next step: start, deliver, or archive with the evaluation"), KB_BAR },
	{ ACT_TERMINATE, KEY_F(11), "F11", N_("End"), N_("Terminate with the reason and print the slip (or reprint)"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("List"), N_("Back to the requests"), KB_BAR },
};

#define MAX_KEYS 16

struct assist_screen {
	struct yc_app *app;
	struct ui_table table;        /* its detail: the plan and the log */
	struct yc_assist_count count; /* as the store counts them */
	struct yc_assist cur;         /* the request shown in the detail */
	struct ui_text text;
	/* the mode's bindings, F8 named after the next step */
	struct yc_binding keys[MAX_KEYS];
};

static const struct yc_assist_row *current(struct assist_screen *s)
{
	if (s->table.detail)
		return &s->cur.r;
	return ui_table_selected(&s->table);
}

static const char *next_label(const char *status)
{
	switch (assist_next_step(status)) {
	case ASSIST_STEP_START: return N_("Start");
	case ASSIST_STEP_DELIVER: return N_("Deliver");
	case ASSIST_STEP_ARCHIVE: return N_("Archive");
	default: return N_("Next step");
	}
}

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct assist_screen *s = priv;
	const struct yc_binding *table = !s->table.detail ? list_keys : detail_keys;
	size_t i, n_keys = !s->table.detail ? YC_ARRAY_LEN(list_keys) : YC_ARRAY_LEN(detail_keys);
	const struct yc_assist_row *r = current(s);

	for (i = 0; i < n_keys && i < MAX_KEYS; i++) {
		s->keys[i] = table[i];
		if (s->keys[i].action == ACT_NEXT && r)
			s->keys[i].label = next_label(r->status);
	}
	*n = i;
	return s->keys;
}

/* Loading ------------------------------------------------------------------------ */

static void build_text(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist *a = &s->cur;
	char line[2400];
	int i, top = s->text.top;

	ui_text_clear(&s->text);
	snprintf(line, sizeof line, "%s  %s", a->r.project_name, a->r.company);
	ui_text_add(&s->text, "title", line);
	snprintf(line, sizeof line, _("State: %s    Contact: %s, %s"), assist_status_label(a->r.status), a->r.contact,
		 a->r.phone);
	ui_text_add(&s->text, "", line);
	snprintf(line, sizeof line, _("Agent: %s"), a->r.agent[0] ? a->r.agent : _("none yet (F3)"));
	ui_text_add(&s->text, "", line);
	snprintf(line, sizeof line, _("Authorisation letter: %s    Commitment letter: %s"),
		 a->r.authorisation_signed ? _("signed") : _("not signed"),
		 a->r.commitment_signed ? _("signed") : _("not signed"));
	ui_text_add(&s->text, "", line);
	snprintf(line, sizeof line, _("Why a key project: %s"), a->qualifies);
	ui_text_add(&s->text, "", line);
	snprintf(line, sizeof line, _("Asked for on %.16s; recorded by %s."), a->r.created_at, a->created_by);
	ui_text_add(&s->text, "checkpoint", line);

	ui_text_add(&s->text, "", " ");
	ui_text_add(&s->text, "heading", _("Plan"));
	if (a->n_plan == 0)
		ui_text_add(&s->text, "checkpoint", _("No items yet: F5 adds one."));
	for (i = 0; i < a->n_plan; i++) {
		const struct yc_assist_plan_item *p = &a->plan[i];
		int late = !p->done_at[0] && strcmp(p->target_date, app->today) < 0;
		char state[80] = "";

		/* [x] done, [!] past its target date, [ ] open */
		if (p->done_at[0])
			snprintf(state, sizeof state, _(", done %.10s"), p->done_at);
		else if (late)
			snprintf(state, sizeof state, "%s", _(", overdue"));
		snprintf(line, sizeof line, _("%2d. [%s] by %s  %s %s (%s)%s"), p->seq,
			 p->done_at[0] ? "x" : late ? "!" : " ", p->target_date, p->item_code, p->item, p->department, state);
		ui_text_add(&s->text, p->done_at[0] ? "checkpoint" : late ? "heading" : "", line);
	}

	ui_text_add(&s->text, "", " ");
	ui_text_add(&s->text, "heading", _("Log"));
	if (a->log_total > a->n_log) {
		snprintf(line, sizeof line, _("(%d older entries are not shown)"), a->log_total - a->n_log);
		ui_text_add(&s->text, "checkpoint", line);
	}
	if (a->log_total == 0)
		ui_text_add(&s->text, "checkpoint", _("Nothing logged yet: F7 adds an entry."));
	for (i = 0; i < a->n_log; i++) {
		const struct yc_assist_log_entry *l = &a->log[i];

		snprintf(line, sizeof line, "%.16s %s (%s): %s", l->at, l->by, assist_log_kind_label(l->kind), l->text);
		ui_text_add(&s->text, "", line);
	}

	if (a->feedback[0] || a->evaluation_score || a->r.termination_number[0])
		ui_text_add(&s->text, "", " ");
	if (a->feedback[0]) {
		snprintf(line, sizeof line, _("Feedback given to the applicant: %s"), a->feedback);
		ui_text_add(&s->text, "", line);
	}
	if (a->evaluation_score) {
		snprintf(line, sizeof line, _("Archived %.16s: materials returned; evaluation %d of 5%s%s"), a->closed_at,
			 a->evaluation_score, a->evaluation_note[0] ? ": " : "", a->evaluation_note);
		ui_text_add(&s->text, "heading", line);
	}
	if (a->r.termination_number[0]) {
		snprintf(line, sizeof line, _("Terminated %.16s, termination slip %s: %s"), a->closed_at,
			 a->r.termination_number, a->termination_reason);
		ui_text_add(&s->text, "heading", line);
	}
	s->text.top = top;
}

static void assist_col_state(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_strlcpy(out, assist_status_label(((const struct yc_assist_row *)row)->status), n);
}

static void col_agent(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_assist_row *r = row;

	(void)ctx;
	yc_strlcpy(out, r->agent[0] ? r->agent : "-", n);
}

static void col_letters(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_assist_row *r = row;

	(void)ctx;
	snprintf(out, n, "%c %c", r->authorisation_signed ? 'A' : '-', r->commitment_signed ? 'C' : '-');
}

static void col_plan(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_assist_row *r = row;

	(void)ctx;
	snprintf(out, n, "%d/%d", r->plan_done, r->plan_total);
}

static void col_feedback(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_strlcpy(out, ((const struct yc_assist_row *)row)->has_feedback ? "F" : "", n);
}

static const struct ui_table_col columns[] = {
	{ N_("State"), 11, UI_ALIGN_LEFT, 1, assist_col_state, 0 },
	{ N_("Project"), 23, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_assist_row, project_name) },
	{ N_("Company"), 16, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_assist_row, company) },
	{ N_("Helper"), 10, UI_ALIGN_LEFT, 1, col_agent, 0 },
	{ N_("A C"), 3, UI_ALIGN_LEFT, 0, col_letters, 0 },
	{ N_("Plan"), 5, UI_ALIGN_LEFT, 0, col_plan, 0 },
	{ N_("F"), 1, UI_ALIGN_LEFT, 0, col_feedback, 0 },
};

static int assist_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct assist_screen *s = ctx;

	return store_assist_page(s->app->st, s->app->cfg->site_code, anchor, forward, rows, max, n, err);
}

static int assist_count(void *ctx, long *total, struct yc_err *err)
{
	struct assist_screen *s = ctx;

	if (store_assist_count(s->app->st, s->app->cfg->site_code, &s->count, err) < 0)
		return -1;
	*total = s->count.all;
	return 0;
}

static int closed(const struct yc_assist_row *r)
{
	return (assist_state_of(r->status) & ASSIST_CLOSED) != 0;
}

static attr_t assist_row_attr(void *ctx, const void *row)
{
	(void)ctx;
	return closed(row) ? ui_attr_dim() : A_NORMAL;
}

static int assist_same_request(const void *a, const void *b)
{
	return ((const struct yc_assist_row *)a)->id == ((const struct yc_assist_row *)b)->id;
}

static void assist_draw_detail(void *ctx, const void *row, int top, int rows, int cols)
{
	struct assist_screen *s = ctx;

	(void)row;
	ui_text_draw(&s->text, top, rows, cols);
}

static const struct ui_table_source source = { assist_page, assist_count, assist_row_attr, assist_same_request, assist_draw_detail };

/* The list again after a change, and the request shown in the detail. */
static void assist_refresh(struct yc_app *app, struct assist_screen *s)
{
	struct yc_err err;

	ui_table_refresh(&s->table);
	if (s->table.detail) {
		if (store_assist_get(app->st, s->cur.r.id, &s->cur, &err) < 0) {
			ui_error(app, "%s", err.msg);
			ui_table_close_detail(&s->table);
			return;
		}
		build_text(app, s);
	}
}

/* The request with this id selected, its page shown. */
static void assist_show(struct yc_app *app, struct assist_screen *s, int64_t id)
{
	struct yc_err err;

	if (store_assist_get(app->st, id, &s->cur, &err) == 0)
		ui_table_show(&s->table, &s->cur.r);
	else
		ui_table_refresh(&s->table);
}

static int assist_enter(struct yc_app *app, void *priv)
{
	struct assist_screen *s = priv;

	s->app = app;
	if (ui_table_init(&s->table, app, sizeof(struct yc_assist_row), columns, YC_ARRAY_LEN(columns), &source, s) < 0)
		return -1;
	s->table.x = 2;
	s->table.empty = N_("No help-you-do requests yet: F2 records one.");
	return 0;
}

static void assist_leave(struct yc_app *app, void *priv)
{
	struct assist_screen *s = priv;

	ui_table_free(&s->table);
	ui_text_clear(&s->text);
}

static int assist_open_detail(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *r = ui_table_selected(&s->table);
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	if (store_assist_get(app->st, r->id, &s->cur, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	s->text.top = 0;
	build_text(app, s);
	ui_table_open_detail(&s->table);
	return UI_REDRAW;
}

/* Drawing ------------------------------------------------------------------------ */

static void assist_draw_list(struct yc_app *app, struct assist_screen *s, int top, int rows, int cols)
{
	char title[300];

	snprintf(title, sizeof title, _("Help-you-do for key projects: %d open, %d in progress, %d delivered"),
		 (int)s->count.open, (int)s->count.in_progress, (int)s->count.delivered);
	ui_put(top, 1, cols - 2, title, A_BOLD);
	ui_table_draw(&s->table, top + 2, rows - 5, cols - 1);
	ui_put(top + rows - 2, 1, cols - 2,
	       _("A: authorisation  C: commitment letter signed  Plan: done/all  F: feedback"),
	       ui_attr_dim());
}

static void assist_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct assist_screen *s = priv;

	if (s->table.detail)
		ui_table_draw(&s->table, top, rows, cols);
	else
		assist_draw_list(app, s, top, rows, cols);
}

/* Actions ------------------------------------------------------------------------ */

/* Ask for a text until it is given; 0 when the clerk cancels. */
static int assist_ask(struct yc_app *app, const char *title, const char *label, char *out, size_t n, int required)
{
	for (;;) {
		if (!ui_prompt(app, title, label, out, n))
			return 0;
		if (out[0] || !required)
			return 1;
		ui_error(app, "%s", _("This cannot be left empty."));
	}
}

/* Errors after which what was typed is worth asking for again. */
static int ask_again(enum yc_code code)
{
	return code == YC_EINVAL || code == YC_EBUSY || code == YC_ESTALE || code == YC_EIO || code == YC_EFULL;
}

/* Whether the request's state is one of those (ASSIST_OPEN | ...): saves
 * typing what the core would refuse anyway (it checks again). */
static int may(struct yc_app *app, const struct yc_assist_row *r, int states)
{
	if (assist_state_of(r->status) & states)
		return 1;
	if (closed(r))
		ui_error(app, _("This request is %s; nothing more can be done on it."), assist_status_label(r->status));
	else
		ui_error(app, _("Not possible now: the request is %s."), assist_status_label(r->status));
	return 0;
}

static int ask_phone(struct yc_app *app, const char *title, char *phone, size_t n)
{
	for (;;) {
		if (!assist_ask(app, title, _("Contact's phone:"), phone, n, 1))
			return 0;
		if (yc_phone_valid(phone))
			return 1;
		ui_error(app, "%s",
			 _("The phone number is not valid: 11 digits for a mobile, or a landline with its area code."));
	}
}

static int assist_done(struct yc_app *app, struct assist_screen *s, int rc, const struct yc_err *err, const char *ok)
{
	if (rc < 0)
		ui_error(app, "%s", err->msg);
	else
		ui_say(app, "%s", ok);
	assist_refresh(app, s);
	return UI_REDRAW;
}

static int assist_new_request(struct yc_app *app, struct assist_screen *s)
{
	char project[192] = "", company[192] = "", contact[64] = "", phone[24] = "", why[1000] = "";
	struct yc_assist_new n = { project, company, contact, phone, why, app->cfg->site_code };
	const char *title = _("New help-you-do request");
	struct yc_err err;
	int64_t id = 0;

	for (;;) {
		if (!assist_ask(app, title, _("Project name:"), project, sizeof project, 1) ||
		    !assist_ask(app, title, _("Company:"), company, sizeof company, 1) ||
		    !assist_ask(app, title, _("Contact person:"), contact, sizeof contact, 1) ||
		    !ask_phone(app, title, phone, sizeof phone) ||
		    !assist_ask(app, title, _("Why it is a key project (list, investment, ...):"), why, sizeof why, 1))
			return UI_REDRAW;
		if (store_assist_create(app->st, &app->user, &n, &id, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!ask_again(err.code))
			return UI_REDRAW;
	}
	ui_table_close_detail(&s->table);
	assist_show(app, s, id);
	ui_say(app, "%s", _("Recorded: now the agent (F3) and the signed letters (F4)."));
	return UI_REDRAW;
}

static int assist_assign(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char login[32];
	struct yc_err err;
	int rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, ASSIST_OPEN | ASSIST_IN_PROGRESS))
		return UI_REDRAW;
	yc_strlcpy(login, r.agent_login[0] ? r.agent_login : app->user.login, sizeof login);
	for (;;) {
		if (!assist_ask(app, r.project_name, _("The agent's login:"), login, sizeof login, 1))
			return UI_REDRAW;
		if ((rc = store_assist_assign(app->st, &app->user, r.id, r.version, login, &err)) == 0 ||
		    err.code != YC_EINVAL)
			break;
		ui_error(app, "%s", err.msg);
	}
	return assist_done(app, s, rc, &err, _("The agent is assigned."));
}

static int assist_letters(struct yc_app *app, struct assist_screen *s)
{
	const char *options[] = {
		_("Both letters are signed"),
		_("Only the authorisation letter is signed"),
		_("Only the commitment letter is signed"),
		_("Neither is signed (to correct a mistake)"),
	};
	static const int auth[] = { 1, 1, 0, 0 }, commit[] = { 1, 0, 1, 0 };
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	struct yc_err err;
	int choice;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, ASSIST_OPEN)) {
		if (assist_state_of(r.status) == ASSIST_IN_PROGRESS)
			ui_error(app, "%s", _("The letters are settled once the work has started."));
		return UI_REDRAW;
	}
	if ((choice = ui_choose(app, _("The authorisation and commitment letters"), options, 4)) < 0)
		return UI_REDRAW;
	return assist_done(app, s,
		    store_assist_letters(app->st, &app->user, r.id, r.version, auth[choice], commit[choice], &err), &err,
		    _("The letters are recorded."));
}

static int assist_plan_add(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char code[24] = "", date[16];
	struct yc_err err;
	int rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, ASSIST_OPEN | ASSIST_IN_PROGRESS))
		return UI_REDRAW;
	yc_strlcpy(date, app->today, sizeof date);
	for (;;) {
		if (!assist_ask(app, r.project_name, _("The service item's code (as in the catalogue):"), code, sizeof code, 1) ||
		    !assist_ask(app, r.project_name, _("Target date (YYYY-MM-DD):"), date, sizeof date, 1))
			return UI_REDRAW;
		if ((rc = store_assist_plan_add(app->st, &app->user, r.id, r.version, code, date, &err)) == 0 ||
		    err.code != YC_EINVAL)
			break;
		ui_error(app, "%s", err.msg);
	}
	return assist_done(app, s, rc, &err, _("The item was added to the plan."));
}

static int assist_plan_done(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	static struct yc_assist a;   /* large: not on the stack */
	char labels[ASSIST_MAX_PLAN][300];
	const char *options[ASSIST_MAX_PLAN];
	int64_t ids[ASSIST_MAX_PLAN];
	struct yc_assist_row r;
	struct yc_err err;
	int i, n = 0, choice;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, ASSIST_IN_PROGRESS)) {
		if (assist_state_of(r.status) == ASSIST_OPEN)
			ui_error(app, "%s", _("Start the work first (F8): plan items are marked done once it is in progress."));
		return UI_REDRAW;
	}
	if (store_assist_get(app->st, r.id, &a, &err) < 0)
		return assist_done(app, s, -1, &err, "");
	for (i = 0; i < a.n_plan; i++) {
		const struct yc_assist_plan_item *p = &a.plan[i];

		if (p->done_at[0])
			continue;
		snprintf(labels[n], sizeof labels[n], _("%d. %s %s, target %s"), p->seq, p->item_code, p->item,
			 p->target_date);
		options[n] = labels[n];
		ids[n++] = p->id;
	}
	if (n == 0) {
		ui_error(app, "%s", a.n_plan ? _("Every item of the plan is done.") : _("The plan is empty: F5 adds items."));
		return UI_REDRAW;
	}
	if ((choice = ui_choose(app, _("Which item of the plan is done?"), options, n)) < 0)
		return UI_REDRAW;
	/* the version shown when the clerk chose: a change meanwhile is a conflict */
	return assist_done(app, s, store_assist_plan_done(app->st, &app->user, r.id, r.version, ids[choice], &err), &err,
		    _("The plan item is marked done."));
}

static int log_entry(struct yc_app *app, struct assist_screen *s)
{
	static const char *const kinds[] = { "progress", "coordination", "feedback" };
	const char *options[] = { _("Progress"), _("Coordination with a department"), _("Feedback given to the applicant") };
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char text[1000] = "";
	struct yc_err err;
	int choice, rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, ASSIST_OPEN | ASSIST_IN_PROGRESS | ASSIST_DELIVERED))
		return UI_REDRAW;
	if ((choice = ui_choose(app, _("Log entry"), options, 3)) < 0)
		return UI_REDRAW;
	for (;;) {
		if (!assist_ask(app, r.project_name, options[choice], text, sizeof text, 1))
			return UI_REDRAW;
		if ((rc = store_assist_log_add(app->st, &app->user, r.id, kinds[choice], text, &err)) == 0 ||
		    !ask_again(err.code))
			break;
		ui_error(app, "%s", err.msg);
	}
	return assist_done(app, s, rc, &err, _("The entry is logged."));
}

static int assist_archive(struct yc_app *app, struct assist_screen *s, const struct yc_assist_row *r)
{
	const char *scores[] = {
		_("5 very satisfied"), _("4 satisfied"), _("3 fair"), _("2 dissatisfied"), _("1 very dissatisfied"),
	};
	char note[500] = "";
	struct yc_err err;
	int choice;

	if (!ui_confirm(app, _("Have the materials been returned to the applicant?"))) {
		ui_error(app, "%s", _("Return the materials to the applicant first, then archive."));
		return UI_REDRAW;
	}
	if ((choice = ui_choose(app, _("The applicant's evaluation"), scores, 5)) < 0 ||
	    !assist_ask(app, r->project_name, _("What the applicant said (may be empty):"), note, sizeof note, 0))
		return UI_REDRAW;
	return assist_done(app, s, store_assist_archive(app->st, &app->user, r->id, r->version, 1, 5 - choice, note, &err),
		    &err, _("The request is archived."));
}

static int assist_screen_next_step(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	struct yc_err err;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	switch (assist_next_step(r.status)) {
	case ASSIST_STEP_START:
		if (!ui_confirm(app, _("Start the work on this request?")))
			return UI_REDRAW;
		return assist_done(app, s, store_assist_start(app->st, &app->user, r.id, r.version, &err), &err,
			    _("The work has started: carry out the plan (F6) and log it (F7)."));
	case ASSIST_STEP_DELIVER:
		if (!ui_confirm(app, _("Deliver: every item of the plan is done and the applicant has had the feedback?")))
			return UI_REDRAW;
		return assist_done(app, s, store_assist_deliver(app->st, &app->user, r.id, r.version, &err), &err,
			    _("Delivered: return the materials, ask for the evaluation, then archive (F8)."));
	case ASSIST_STEP_ARCHIVE:
		return assist_archive(app, s, &r);
	case ASSIST_STEP_NONE:
		break;
	}
	ui_say(app, _("Nothing more to do: the request is %s."), assist_status_label(r.status));
	return UI_REDRAW;
}

/* The termination slip (documents.h), from the request as saved; 0, or
 * -1 with err. */
static int assist_print_slip(struct yc_app *app, const struct yc_assist *a, struct yc_err *err)
{
	char path[YC_PATH_MAX + 64], date[11], *text;
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_termination slip = { a->r.termination_number, a->r.company, a->r.project_name,
					a->termination_reason, a->r.agent, date };
	int rc;

	yc_strlcpy(date, a->closed_at, sizeof date);   /* the day it was terminated */
	if (!(text = doc_termination(&hall, &slip))) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = print_document(app->cfg, "termination", text, path, sizeof path, err);
	free(text);
	return rc;
}

static int assist_terminate(struct yc_app *app, struct assist_screen *s)
{
	static struct yc_assist a;   /* large: not on the stack */
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char reason[500] = "", number[40];
	struct yc_err err;
	int rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (assist_state_of(r.status) == ASSIST_TERMINATED) {
		if (!ui_confirm(app, _("Print the termination slip again?")))
			return UI_REDRAW;
		if (store_assist_get(app->st, r.id, &a, &err) < 0 || assist_print_slip(app, &a, &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("Termination slip %s printed again."), a.r.termination_number);
		return UI_REDRAW;
	}
	if (!(assist_state_of(r.status) & (ASSIST_OPEN | ASSIST_IN_PROGRESS))) {
		ui_error(app, _("Only an open request or one in progress is terminated; this one is %s."),
			 assist_status_label(r.status));
		return UI_REDRAW;
	}
	for (;;) {
		if (!assist_ask(app, r.project_name, _("Why the help ends (printed on the termination slip):"), reason,
			 sizeof reason, 1))
			return UI_REDRAW;
		if (!ui_confirm(app, _("Terminate the help? It cannot be undone.")))
			return UI_REDRAW;
		if ((rc = store_assist_terminate(app->st, &app->user, r.id, r.version, app->cfg->site_code, reason, number,
						 &err)) == 0 ||
		    err.code != YC_EINVAL)
			break;
		ui_error(app, "%s", err.msg);
	}
	if (rc < 0)
		return assist_done(app, s, rc, &err, "");
	/* saved: a printer problem must not hide that */
	if (store_assist_get(app->st, r.id, &a, &err) < 0 || assist_print_slip(app, &a, &err) < 0)
		ui_error(app, _("Terminated with slip %s, but it was not printed: %s F11 prints it again."), number, err.msg);
	else
		ui_say(app, _("Terminated: termination slip %s printed."), number);
	assist_refresh(app, s);
	return UI_REDRAW;
}

static int assist_action(struct yc_app *app, void *priv, int act)
{
	struct assist_screen *s = priv;

	switch (act) {
	case ACT_OPEN: return assist_open_detail(app, s);
	case ACT_NEW: return assist_new_request(app, s);
	case ACT_ASSIGN: return assist_assign(app, s);
	case ACT_LETTERS: return assist_letters(app, s);
	case ACT_PLAN_ADD: return assist_plan_add(app, s);
	case ACT_PLAN_DONE: return assist_plan_done(app, s);
	case ACT_LOG: return log_entry(app, s);
	case ACT_NEXT: return assist_screen_next_step(app, s);
	case ACT_TERMINATE: return assist_terminate(app, s);
	case ACT_ESC:
		ui_table_close_detail(&s->table);
		assist_refresh(app, s);
		return UI_REDRAW;
	}
	return ui_table_action(&s->table, act);
}

static int assist_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct assist_screen *s = priv;

	if (s->table.detail)
		return ui_text_key(&s->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	return UI_UNHANDLED;
}

static int assist_data_changed(struct yc_app *app, void *priv)
{
	assist_refresh(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_assist = {
	.name = "assist",
	.title = N_("Help-you-do"),
	.perm = PERM_SPECIAL,
	.in_menu = 1,
	.keys = list_keys,
	.n_keys = YC_ARRAY_LEN(list_keys),
	.private_size = sizeof(struct assist_screen),
	.enter = assist_enter,
	.leave = assist_leave,
	.draw = assist_draw,
	.action = assist_action,
	.key = assist_key,
	.data_changed = assist_data_changed,
	.mode_keys = mode_keys,
};
