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
#include "store-assist.h"
#include "ui.h"
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

#define MAX_ROWS 200
#define MAX_KEYS 12

enum mode { MODE_LIST, MODE_DETAIL };

struct assist_screen {
	enum mode mode;
	struct yc_assist_row rows[MAX_ROWS];
	int n, sel, top;
	struct yc_assist cur;         /* the request shown in MODE_DETAIL */
	struct ui_text text;
	/* the mode's bindings, F8 named after the next step */
	struct yc_binding keys[MAX_KEYS];
};

static const struct yc_assist_row *current(struct assist_screen *s)
{
	if (s->mode == MODE_DETAIL)
		return &s->cur.r;
	return s->sel < s->n ? &s->rows[s->sel] : NULL;
}

static const char *next_label(const char *status)
{
	if (strcmp(status, "open") == 0)
		return N_("Start");
	if (strcmp(status, "in_progress") == 0)
		return N_("Deliver");
	if (strcmp(status, "delivered") == 0)
		return N_("Archive");
	return N_("Next step");
}

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct assist_screen *s = priv;
	const struct yc_binding *table = s->mode == MODE_LIST ? list_keys : detail_keys;
	size_t i, count = s->mode == MODE_LIST ? YC_ARRAY_LEN(list_keys) : YC_ARRAY_LEN(detail_keys);
	const struct yc_assist_row *r = current(s);

	for (i = 0; i < count && i < MAX_KEYS; i++) {
		s->keys[i] = table[i];
		if (s->keys[i].action == ACT_NEXT && r)
			s->keys[i].label = next_label(r->status);
	}
	*n = i;
	return s->keys;
}

/* Loading ------------------------------------------------------------------------ */

static const char *kind_label(const char *kind)
{
	if (strcmp(kind, "progress") == 0)
		return _("progress");
	if (strcmp(kind, "coordination") == 0)
		return _("coordination");
	if (strcmp(kind, "feedback") == 0)
		return _("feedback to the applicant");
	return kind;
}

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

		snprintf(line, sizeof line, "%.16s %s (%s): %s", l->at, l->by, kind_label(l->kind), l->text);
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

static void select_id(struct assist_screen *s, int64_t id)
{
	int i;

	for (i = 0; i < s->n; i++)
		if (s->rows[i].id == id)
			s->sel = i;
}

static void load(struct yc_app *app, struct assist_screen *s)
{
	int64_t id = s->sel < s->n ? s->rows[s->sel].id : 0;
	struct yc_err err;

	if (store_assist_list(app->st, s->rows, MAX_ROWS, &s->n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		s->n = 0;
	}
	if (id)
		select_id(s, id);
	if (s->sel >= s->n)
		s->sel = s->n > 0 ? s->n - 1 : 0;
	if (s->mode == MODE_DETAIL) {
		if (store_assist_get(app->st, s->cur.r.id, &s->cur, &err) < 0) {
			ui_error(app, "%s", err.msg);
			s->mode = MODE_LIST;
			return;
		}
		build_text(app, s);
	}
}

static int enter(struct yc_app *app, void *priv)
{
	load(app, priv);
	return 0;
}

static void leave(struct yc_app *app, void *priv)
{
	struct assist_screen *s = priv;

	ui_text_clear(&s->text);
}

static int open_detail(struct yc_app *app, struct assist_screen *s)
{
	struct yc_err err;

	if (s->sel >= s->n)
		return UI_HANDLED;
	if (store_assist_get(app->st, s->rows[s->sel].id, &s->cur, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	s->text.top = 0;
	build_text(app, s);
	s->mode = MODE_DETAIL;
	return UI_REDRAW;
}

/* Drawing ------------------------------------------------------------------------ */

static void draw_list(struct yc_app *app, struct assist_screen *s, int top, int rows, int cols)
{
	static const int widths[] = { 11, 23, 16, 10, 3, 5 };
	char line[1200], title[300], cell[200];
	int i, y, k, shown = rows - 6, open = 0, going = 0, delivered = 0;

	for (i = 0; i < s->n; i++) {
		open += strcmp(s->rows[i].status, "open") == 0;
		going += strcmp(s->rows[i].status, "in_progress") == 0;
		delivered += strcmp(s->rows[i].status, "delivered") == 0;
	}
	snprintf(title, sizeof title, _("Help-you-do for key projects: %d open, %d in progress, %d delivered"), open,
		 going, delivered);
	ui_put(top, 1, cols - 2, title, A_BOLD);
	{
		const char *heads[] = { _("State"), _("Project"), _("Company"), _("Helper"), _("A C"), _("Plan") };

		/* columns by display width: printf pads bytes, not columns */
		yc_strlcpy(line, " ", sizeof line);
		for (k = 0; k < (int)YC_ARRAY_LEN(widths); k++) {
			yc_fit(heads[k], widths[k], 1, cell, sizeof cell);
			strncat(line, cell, sizeof line - strlen(line) - 2);
			strcat(line, " ");
		}
		strncat(line, _("F"), sizeof line - strlen(line) - 1);
	}
	ui_put(top + 2, 1, cols - 2, line, A_UNDERLINE);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + shown)
		s->top = s->sel - shown + 1;
	for (i = s->top, y = top + 3; i < s->n && y < top + 3 + shown; i++, y++) {
		const struct yc_assist_row *r = &s->rows[i];
		char state[64], project[128], company[96], agent[64], plan[32], letters[8];
		int closed = strcmp(r->status, "archived") == 0 || strcmp(r->status, "terminated") == 0;

		yc_fit_mark(assist_status_label(r->status), widths[0], 1, state, sizeof state);
		yc_fit_mark(r->project_name, widths[1], 1, project, sizeof project);
		yc_fit_mark(r->company, widths[2], 1, company, sizeof company);
		yc_fit_mark(r->agent[0] ? r->agent : "-", widths[3], 1, agent, sizeof agent);
		snprintf(letters, sizeof letters, "%c %c", r->authorisation_signed ? 'A' : '-',
			 r->commitment_signed ? 'C' : '-');
		snprintf(plan, sizeof plan, "%d/%d", r->plan_done, r->plan_total);
		snprintf(line, sizeof line, " %s %s %s %s %s %-5s %s", state, project, company, agent, letters, plan,
			 r->has_feedback ? "F" : " ");
		if (i == s->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, closed ? ui_attr_dim() : A_NORMAL);
	}
	if (s->n == 0)
		ui_put(top + 4, 3, cols - 6, _("No help-you-do requests yet: F2 records one."), ui_attr_dim());
	ui_put(top + rows - 2, 1, cols - 2,
	       _("A: authorisation  C: commitment letter signed  Plan: done/all  F: feedback"),
	       ui_attr_dim());
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct assist_screen *s = priv;

	if (s->mode == MODE_LIST)
		draw_list(app, s, top, rows, cols);
	else
		ui_text_draw(&s->text, top, rows, cols);
}

/* Actions ------------------------------------------------------------------------ */

/* Ask for a text until it is given; 0 when the clerk cancels. */
static int ask(struct yc_app *app, const char *title, const char *label, char *out, size_t n, int required)
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

/* Whether the request's state is one of those named ("open,in_progress"):
 * saves typing what the core would refuse anyway (it checks again). */
static int may(struct yc_app *app, const struct yc_assist_row *r, const char *states)
{
	const char *p = strstr(states, r->status);
	size_t n = strlen(r->status);

	if (p && (p == states || p[-1] == ',') && (p[n] == ',' || p[n] == '\0'))
		return 1;
	if (strcmp(r->status, "archived") == 0 || strcmp(r->status, "terminated") == 0)
		ui_error(app, _("This request is %s; nothing more can be done on it."), assist_status_label(r->status));
	else
		ui_error(app, _("Not possible now: the request is %s."), assist_status_label(r->status));
	return 0;
}

static int ask_phone(struct yc_app *app, const char *title, char *phone, size_t n)
{
	for (;;) {
		if (!ask(app, title, _("Contact's phone:"), phone, n, 1))
			return 0;
		if (yc_phone_valid(phone))
			return 1;
		ui_error(app, "%s",
			 _("The phone number is not valid: 11 digits for a mobile, or a landline with its area code."));
	}
}

static int done(struct yc_app *app, struct assist_screen *s, int rc, const struct yc_err *err, const char *ok)
{
	if (rc < 0)
		ui_error(app, "%s", err->msg);
	else
		ui_say(app, "%s", ok);
	load(app, s);
	return UI_REDRAW;
}

static int new_request(struct yc_app *app, struct assist_screen *s)
{
	char project[192] = "", company[192] = "", contact[64] = "", phone[24] = "", why[1000] = "";
	struct yc_assist_new n = { project, company, contact, phone, why };
	const char *title = _("New help-you-do request");
	struct yc_err err;
	int64_t id = 0;

	for (;;) {
		if (!ask(app, title, _("Project name:"), project, sizeof project, 1) ||
		    !ask(app, title, _("Company:"), company, sizeof company, 1) ||
		    !ask(app, title, _("Contact person:"), contact, sizeof contact, 1) ||
		    !ask_phone(app, title, phone, sizeof phone) ||
		    !ask(app, title, _("Why it is a key project (list, investment, ...):"), why, sizeof why, 1))
			return UI_REDRAW;
		if (store_assist_create(app->st, &app->user, &n, &id, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!ask_again(err.code))
			return UI_REDRAW;
	}
	s->mode = MODE_LIST;
	load(app, s);
	select_id(s, id);
	ui_say(app, "%s", _("Recorded: now the agent (F3) and the signed letters (F4)."));
	return UI_REDRAW;
}

static int assign(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char login[32];
	struct yc_err err;
	int rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, "open,in_progress"))
		return UI_REDRAW;
	yc_strlcpy(login, r.agent_login[0] ? r.agent_login : app->user.login, sizeof login);
	for (;;) {
		if (!ask(app, r.project_name, _("The agent's login:"), login, sizeof login, 1))
			return UI_REDRAW;
		if ((rc = store_assist_assign(app->st, &app->user, r.id, r.version, login, &err)) == 0 ||
		    err.code != YC_EINVAL)
			break;
		ui_error(app, "%s", err.msg);
	}
	return done(app, s, rc, &err, _("The agent is assigned."));
}

static int letters(struct yc_app *app, struct assist_screen *s)
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
	if (!may(app, &r, "open")) {
		if (strcmp(r.status, "in_progress") == 0)
			ui_error(app, "%s", _("The letters are settled once the work has started."));
		return UI_REDRAW;
	}
	if ((choice = ui_choose(app, _("The authorisation and commitment letters"), options, 4)) < 0)
		return UI_REDRAW;
	return done(app, s,
		    store_assist_letters(app->st, &app->user, r.id, r.version, auth[choice], commit[choice], &err), &err,
		    _("The letters are recorded."));
}

static int plan_add(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	char code[24] = "", date[16];
	struct yc_err err;
	int rc;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (!may(app, &r, "open,in_progress"))
		return UI_REDRAW;
	yc_strlcpy(date, app->today, sizeof date);
	for (;;) {
		if (!ask(app, r.project_name, _("The service item's code (as in the catalogue):"), code, sizeof code, 1) ||
		    !ask(app, r.project_name, _("Target date (YYYY-MM-DD):"), date, sizeof date, 1))
			return UI_REDRAW;
		if ((rc = store_assist_plan_add(app->st, &app->user, r.id, r.version, code, date, &err)) == 0 ||
		    err.code != YC_EINVAL)
			break;
		ui_error(app, "%s", err.msg);
	}
	return done(app, s, rc, &err, _("The item was added to the plan."));
}

static int plan_done(struct yc_app *app, struct assist_screen *s)
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
	if (!may(app, &r, "in_progress")) {
		if (strcmp(r.status, "open") == 0)
			ui_error(app, "%s", _("Start the work first (F8): plan items are marked done once it is in progress."));
		return UI_REDRAW;
	}
	if (store_assist_get(app->st, r.id, &a, &err) < 0)
		return done(app, s, -1, &err, "");
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
	return done(app, s, store_assist_plan_done(app->st, &app->user, r.id, r.version, ids[choice], &err), &err,
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
	if (!may(app, &r, "open,in_progress,delivered"))
		return UI_REDRAW;
	if ((choice = ui_choose(app, _("Log entry"), options, 3)) < 0)
		return UI_REDRAW;
	for (;;) {
		if (!ask(app, r.project_name, options[choice], text, sizeof text, 1))
			return UI_REDRAW;
		if ((rc = store_assist_log_add(app->st, &app->user, r.id, kinds[choice], text, &err)) == 0 ||
		    !ask_again(err.code))
			break;
		ui_error(app, "%s", err.msg);
	}
	return done(app, s, rc, &err, _("The entry is logged."));
}

static int archive(struct yc_app *app, struct assist_screen *s, const struct yc_assist_row *r)
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
	    !ask(app, r->project_name, _("What the applicant said (may be empty):"), note, sizeof note, 0))
		return UI_REDRAW;
	return done(app, s, store_assist_archive(app->st, &app->user, r->id, r->version, 1, 5 - choice, note, &err),
		    &err, _("The request is archived."));
}

static int next_step(struct yc_app *app, struct assist_screen *s)
{
	const struct yc_assist_row *cur = current(s);
	struct yc_assist_row r;
	struct yc_err err;

	if (!cur)
		return UI_HANDLED;
	r = *cur;
	if (strcmp(r.status, "open") == 0) {
		if (!ui_confirm(app, _("Start the work on this request?")))
			return UI_REDRAW;
		return done(app, s, store_assist_start(app->st, &app->user, r.id, r.version, &err), &err,
			    _("The work has started: carry out the plan (F6) and log it (F7)."));
	}
	if (strcmp(r.status, "in_progress") == 0) {
		if (!ui_confirm(app, _("Deliver: every item of the plan is done and the applicant has had the feedback?")))
			return UI_REDRAW;
		return done(app, s, store_assist_deliver(app->st, &app->user, r.id, r.version, &err), &err,
			    _("Delivered: return the materials, ask for the evaluation, then archive (F8)."));
	}
	if (strcmp(r.status, "delivered") == 0)
		return archive(app, s, &r);
	ui_say(app, _("Nothing more to do: the request is %s."), assist_status_label(r.status));
	return UI_REDRAW;
}

/* The termination slip (documents.h), from the request as saved; 0, or
 * -1 with err. */
static int print_slip(struct yc_app *app, const struct yc_assist *a, struct yc_err *err)
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

static int terminate(struct yc_app *app, struct assist_screen *s)
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
	if (strcmp(r.status, "terminated") == 0) {
		if (!ui_confirm(app, _("Print the termination slip again?")))
			return UI_REDRAW;
		if (store_assist_get(app->st, r.id, &a, &err) < 0 || print_slip(app, &a, &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("Termination slip %s printed again."), a.r.termination_number);
		return UI_REDRAW;
	}
	if (strcmp(r.status, "open") != 0 && strcmp(r.status, "in_progress") != 0) {
		ui_error(app, _("Only an open request or one in progress is terminated; this one is %s."),
			 assist_status_label(r.status));
		return UI_REDRAW;
	}
	for (;;) {
		if (!ask(app, r.project_name, _("Why the help ends (printed on the termination slip):"), reason,
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
		return done(app, s, rc, &err, "");
	/* saved: a printer problem must not hide that */
	if (store_assist_get(app->st, r.id, &a, &err) < 0 || print_slip(app, &a, &err) < 0)
		ui_error(app, _("Terminated with slip %s, but it was not printed: %s F11 prints it again."), number, err.msg);
	else
		ui_say(app, _("Terminated: termination slip %s printed."), number);
	load(app, s);
	return UI_REDRAW;
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct assist_screen *s = priv;

	switch (act) {
	case ACT_OPEN: return open_detail(app, s);
	case ACT_NEW: return new_request(app, s);
	case ACT_ASSIGN: return assign(app, s);
	case ACT_LETTERS: return letters(app, s);
	case ACT_PLAN_ADD: return plan_add(app, s);
	case ACT_PLAN_DONE: return plan_done(app, s);
	case ACT_LOG: return log_entry(app, s);
	case ACT_NEXT: return next_step(app, s);
	case ACT_TERMINATE: return terminate(app, s);
	case ACT_ESC:
		s->mode = MODE_LIST;
		load(app, s);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct assist_screen *s = priv;

	if (s->mode == MODE_DETAIL)
		return ui_text_key(&s->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (is_keycode && ch == KEY_DOWN && s->sel + 1 < s->n)
		s->sel++;
	else if (is_keycode && ch == KEY_UP && s->sel > 0)
		s->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	load(app, priv);
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
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
	.mode_keys = mode_keys,
};
