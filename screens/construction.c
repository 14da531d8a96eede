/* construction.c - the construction projects window (工程建设项目审批,
 * 第二十二条至第二十五条): projects with their stage and its progress (approvals
 * approved of all); Enter shows a project's approvals stage by stage. New
 * projects start with the land-use planning approvals; approvals of the
 * current stage are applied for, approved with the document number or
 * refused with the reason, all in parallel; the project moves to the next
 * stage only when every approval of its stage is approved. Builders are
 * guided to declare online (网上申报). The core checks every move again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "states.h"
#include "store-construction.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_OPEN = ACT_SCREEN, ACT_NEW, ACT_ADD, ACT_STATUS, ACT_ADVANCE, ACT_GUIDANCE, ACT_ESC };

static const struct yc_binding list_keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Approvals"), N_("The selected project's approvals, stage by stage"), KB_BAR },
	{ ACT_NEW, KEY_F(2), "F2", N_("New"), N_("A new project: code, name, builder and location; the land-use planning approvals are planned"), KB_BAR },
	{ ACT_ADD, KEY_F(3), "F3", N_("Add"), N_("Add an approval (a catalogue item's code) to the current or a later stage"), KB_BAR },
	{ ACT_STATUS, KEY_F(4), "F4", N_("Status"), N_("Set an approval of the current stage: applied, approved with the document number, or refused with the reason"), KB_BAR },
	{ ACT_ADVANCE, KEY_F(5), "F5", N_("Next stage"), N_("Move the project to the next stage: only when every approval of this one is approved"), KB_BAR },
	{ ACT_GUIDANCE, KEY_F(6), "F6", N_("Online"), N_("Record that the builder was guided to declare online, with a note"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding view_keys[] = {
	{ ACT_ADD, KEY_F(3), "F3", N_("Add"), N_("Add an approval (a catalogue item's code) to the current or a later stage"), KB_BAR },
	{ ACT_STATUS, KEY_F(4), "F4", N_("Status"), N_("Set the selected approval: applied, approved with the document number, or refused with the reason"), KB_BAR },
	{ ACT_ADVANCE, KEY_F(5), "F5", N_("Next stage"), N_("Move the project to the next stage: only when every approval of this one is approved"), KB_BAR },
	{ ACT_GUIDANCE, KEY_F(6), "F6", N_("Online"), N_("Record that the builder was guided to declare online, with a note"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("List"), N_("Back to the projects"), KB_BAR },
};

#define MAX_APPROVALS YC_PROJECT_MAX_APPROVALS   /* the store's bound (store-construction.h) */

/* The projects, and the one opened with its approvals (MODE_PROJECT) in
 * the table's detail pane. */
enum mode { MODE_LIST, MODE_PROJECT };

struct construction {
	struct yc_app *app;
	enum mode mode;
	struct ui_table table;
	long in_progress;              /* not done, of the whole list */
	/* the project shown with its approvals (MODE_PROJECT) */
	struct yc_project cur;
	struct yc_project_approval ap[MAX_APPROVALS];
	int n_ap, ap_sel, ap_top;
	/* a refusal too long for the message line, shown wrapped below the
	 * list until the next key */
	char notice[512];
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct construction *c = priv;

	if (c->mode == MODE_LIST) {
		*n = YC_ARRAY_LEN(list_keys);
		return list_keys;
	}
	*n = YC_ARRAY_LEN(view_keys);
	return view_keys;
}

/* Loading ------------------------------------------------------------------------------- */

static void back_to_list(struct construction *c)
{
	ui_table_close_detail(&c->table);
	c->mode = MODE_LIST;
}

/* The shown project and its approvals again; back to the list when it is
 * gone. */
static void load_project(struct yc_app *app, struct construction *c)
{
	int64_t keep = c->ap_sel < c->n_ap ? c->ap[c->ap_sel].id : 0;
	struct yc_err err;
	int i;

	if (store_project_get(app->st, c->cur.id, &c->cur, &err) < 0 ||
	    store_project_approvals(app->st, c->cur.id, NULL, c->ap, MAX_APPROVALS, &c->n_ap, &err) < 0) {
		ui_error(app, "%s", err.msg);
		back_to_list(c);
		c->n_ap = 0;
	}
	/* the same approval stays selected when others come or go */
	for (i = 0; keep && i < c->n_ap; i++)
		if (c->ap[i].id == keep)
			c->ap_sel = i;
	if (c->ap_sel >= c->n_ap)
		c->ap_sel = c->n_ap > 0 ? c->n_ap - 1 : 0;
}

/* After a change here or at another station: the list keeps its
 * selection, the project shown is read again. */
static void construction_reload(struct yc_app *app, struct construction *c)
{
	ui_table_refresh(&c->table);
	if (c->mode == MODE_PROJECT && !c->table.detail)
		c->mode = MODE_LIST;
	if (c->mode == MODE_PROJECT)
		load_project(app, c);
}

/* The project an action is about: the one shown, or the selected one. */
static const struct yc_project *current(struct construction *c)
{
	if (c->mode == MODE_PROJECT)
		return &c->cur;
	return ui_table_selected(&c->table);
}

/* Drawing ----------------------------------------------------------------------------------- */

/* "2/3" for the project's current stage; "" when done. */
static void progress_text(const struct yc_project *p, char *out, size_t n)
{
	int k = store_project_stage_index(p->stage);

	if (k < 0 || k >= YC_PROJECT_STAGES)
		snprintf(out, n, "-");
	else
		snprintf(out, n, "%d/%d", p->approved[k], p->total[k]);
}

static int stage_refused(const struct yc_project *p)
{
	int k = store_project_stage_index(p->stage);

	return k >= 0 && k < YC_PROJECT_STAGES && p->refused[k] > 0;
}

static void col_online(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", ((const struct yc_project *)row)->online_guided ? "O" : " ");
}

static void col_stage(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", store_project_stage_label(((const struct yc_project *)row)->stage));
}

static void construction_col_progress(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_project *p = row;
	char done_text[40];

	(void)ctx;
	progress_text(p, done_text, sizeof done_text);
	snprintf(out, n, "%s%s", done_text, stage_refused(p) ? " !" : "");
}

static const struct ui_table_col columns[] = {
	{ "", 1, UI_ALIGN_LEFT, 0, col_online, 0 },
	{ N_("Project code"), 24, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_project, code) },
	{ N_("Name"), 20, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_project, name) },
	{ N_("Stage"), 21, UI_ALIGN_LEFT, 1, col_stage, 0 },
	{ N_("Approved"), 0, UI_ALIGN_LEFT, 0, construction_col_progress, 0 },
};

static int construction_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct construction *c = ctx;

	return store_projects_page(c->app->st, c->app->cfg->site_code, anchor, forward, rows, max, n, err);
}

static int construction_count(void *ctx, long *total, struct yc_err *err)
{
	struct construction *c = ctx;

	return store_projects_count(c->app->st, c->app->cfg->site_code, total, &c->in_progress, err);
}

/* An approval of the stage refused: in red. */
static attr_t construction_row_attr(void *ctx, const void *row)
{
	(void)ctx;
	return stage_refused(row) ? ui_attr_error() : A_NORMAL;
}

static int same_project(const void *a, const void *b)
{
	return ((const struct yc_project *)a)->id == ((const struct yc_project *)b)->id;
}

static void draw_project(struct yc_app *app, struct construction *c, int top, int rows, int cols);

/* The project opened, with its approvals stage by stage. */
static void construction_draw_detail(void *ctx, const void *row, int top, int rows, int cols)
{
	struct construction *c = ctx;

	(void)row;
	draw_project(c->app, c, top, rows, cols);
}

static const struct ui_table_source source = { construction_page, construction_count, construction_row_attr, same_project, construction_draw_detail };

static int construction_enter(struct yc_app *app, void *priv)
{
	struct construction *c = priv;

	c->app = app;
	if (ui_table_init(&c->table, app, sizeof(struct yc_project), columns, YC_ARRAY_LEN(columns), &source, c) < 0)
		return -1;
	c->table.x = 1;
	c->table.empty = N_("No construction projects yet: F2 records a new one.");
	return 0;
}

static void construction_leave(struct yc_app *app, void *priv)
{
	struct construction *c = priv;

	ui_table_free(&c->table);
}

static void construction_draw_list(struct yc_app *app, struct construction *c, int top, int rows, int cols)
{
	const struct yc_project *p = ui_table_selected(&c->table);
	char line[1200];
	int y;

	snprintf(line, sizeof line, _("Construction projects: %ld in progress"), c->in_progress);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&c->table, top + 2, rows - 7, cols - 1);
	if (c->notice[0]) {
		ui_put_wrapped(top + rows - 5, 2, top + rows - 3, cols - 4, c->notice, ui_attr_error());
	} else if (p) {
		y = top + rows - 5;
		snprintf(line, sizeof line, _("Builder: %s   Location: %s"), p->builder, p->location);
		y = ui_put_wrapped(y, 2, y + 1, cols - 4, line, A_NORMAL);
		if (p->online_guided)
			snprintf(line, sizeof line, _("Guided to declare online: %s"), p->guidance_note[0] ? p->guidance_note : "-");
		else
			snprintf(line, sizeof line, "%s", _("Not yet guided to declare online (F6)."));
		ui_put_wrapped(y, 2, top + rows - 3, cols - 4, line, A_NORMAL);
	}
	ui_put(top + rows - 2, 1, cols - 2, _("O: guided to declare online   !: an approval of the stage was refused"),
	       ui_attr_dim());
}

/* One line of the project view: a stage's heading or an approval. */
struct view_line {
	int stage;        /* heading of this stage, or -1 */
	int approval;     /* index into ap, or -1 */
};

static int view_lines(const struct construction *c, struct view_line *out, int max)
{
	int k, i, n = 0;

	for (k = 0; k < YC_PROJECT_STAGES && n < max; k++) {
		out[n].stage = k;
		out[n++].approval = -1;
		for (i = 0; i < c->n_ap && n < max; i++)
			if (strcmp(c->ap[i].stage, store_project_stage_code(k)) == 0) {
				out[n].stage = -1;
				out[n++].approval = i;
			}
	}
	return n;
}

static void draw_stage_heading(const struct construction *c, int k, int y, int cols)
{
	const struct yc_project *p = &c->cur;
	int at = store_project_stage_index(p->stage);
	char line[400];

	snprintf(line, sizeof line, _("%d. %s: %d/%d approved"), k + 1,
		 store_project_stage_label(store_project_stage_code(k)), p->approved[k], p->total[k]);
	if (k == at)
		strncat(line, _("  <- current stage"), sizeof line - strlen(line) - 1);
	else if (k < at)
		strncat(line, _("  (complete)"), sizeof line - strlen(line) - 1);
	ui_put(y, 1, cols - 2, line, k == at ? A_BOLD : ui_attr_dim());
}

static void draw_project(struct yc_app *app, struct construction *c, int top, int rows, int cols)
{
	struct view_line lines[YC_PROJECT_STAGES + MAX_APPROVALS];
	const struct yc_project *p = &c->cur;
	char line[1200];
	int n = view_lines(c, lines, (int)YC_ARRAY_LEN(lines)), i, y, sel_line = 0, shown = rows - 8;

	snprintf(line, sizeof line, "%s  %s", p->code, p->name);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	snprintf(line, sizeof line, _("Builder: %s   Location: %s"), p->builder, p->location);
	ui_put(top + 1, 1, cols - 2, line, A_NORMAL);
	if (p->online_guided)
		snprintf(line, sizeof line, _("Stage: %s   Guided to declare online: %s"), store_project_stage_label(p->stage),
			 p->guidance_note[0] ? p->guidance_note : "-");
	else
		snprintf(line, sizeof line, _("Stage: %s   Not yet guided to declare online (F6)."),
			 store_project_stage_label(p->stage));
	ui_put(top + 2, 1, cols - 2, line, A_NORMAL);
	for (i = 0; i < n; i++)
		if (lines[i].approval == c->ap_sel)
			sel_line = i;
	/* keep the selected approval and, at the top, its stage's heading in view */
	if (sel_line - 1 < c->ap_top)
		c->ap_top = sel_line > 0 ? sel_line - 1 : 0;
	if (sel_line >= c->ap_top + shown)
		c->ap_top = sel_line - shown + 1;
	for (i = c->ap_top, y = top + 4; i < n && y < top + 4 + shown; i++, y++) {
		const struct yc_project_approval *a;
		char item[120], dept[80], state[60], extra[600];

		if (lines[i].stage >= 0) {
			draw_stage_heading(c, lines[i].stage, y, cols);
			continue;
		}
		a = &c->ap[lines[i].approval];
		yc_fit_mark(a->item, 28, 1, item, sizeof item);
		yc_fit_mark(a->department, 12, 1, dept, sizeof dept);
		yc_fit(store_approval_status_label(a->status), 15, 1, state, sizeof state);
		yc_strlcpy(extra, approval_state_of(a->status) == APPROVAL_APPROVED ? a->document_number
				  : a->case_number[0] ? a->case_number : a->note, sizeof extra);
		snprintf(line, sizeof line, "   %-9s %s %s %s %s", a->item_code, item, dept, state, extra);
		if (lines[i].approval == c->ap_sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, approval_state_of(a->status) == APPROVAL_REFUSED ? ui_attr_error() : A_NORMAL);
	}
	if (c->n_ap == 0)
		ui_put(top + 5, 3, cols - 6, _("No approvals: F3 adds one."), ui_attr_dim());
	if (c->notice[0]) {
		ui_put_wrapped(top + rows - 4, 2, top + rows - 1, cols - 4, c->notice, ui_attr_error());
	} else if (c->ap_sel < c->n_ap) {
		const struct yc_project_approval *a = &c->ap[c->ap_sel];

		y = top + rows - 3;
		if (a->case_number[0])   /* a case: its department decides it */
			snprintf(line, sizeof line, _("%s: case %s, promised for %s: %s. %s"), a->item_code,
				 a->case_number, a->promised_date[0] ? a->promised_date : "-",
				 store_approval_status_label(a->status),
				 approval_state_of(a->status) == APPROVAL_APPROVED ? a->document_number : a->note);
		else if (approval_state_of(a->status) == APPROVAL_APPROVED)
			snprintf(line, sizeof line, _("%s: approved, document %s; by %s at %.16s. %s"), a->item_code,
				 a->document_number, a->updated_by, a->updated_at, a->note);
		else if (approval_state_of(a->status) == APPROVAL_REFUSED)
			snprintf(line, sizeof line, _("%s: refused by %s at %.16s: %s. F4 applies again."), a->item_code,
				 a->updated_by, a->updated_at, a->note);
		else if (a->updated_at[0])
			snprintf(line, sizeof line, _("%s: %s, by %s at %.16s. %s"), a->item_code,
				 store_approval_status_label(a->status), a->updated_by, a->updated_at, a->note);
		else
			snprintf(line, sizeof line, _("%s: %s (%s)."), a->item_code, store_approval_status_label(a->status),
				 a->department);
		ui_put_wrapped(y, 2, top + rows - 1, cols - 4, line, A_NORMAL);
	}
}

static void construction_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct construction *c = priv;

	if (c->mode == MODE_LIST)
		construction_draw_list(app, c, top, rows, cols);
	else
		ui_table_draw(&c->table, top, rows, cols);   /* the detail, the whole screen */
}

/* Actions ------------------------------------------------------------------------------------- */

/* Ask for a text until it is given; 0 when the clerk cancels. */
static int construction_ask(struct yc_app *app, const char *title, const char *label, char *out, size_t n, int required)
{
	for (;;) {
		if (!ui_prompt(app, title, label, out, n))
			return 0;
		if (out[0] || !required)
			return 1;
		ui_error(app, "%s", _("This cannot be left empty."));
	}
}

/* A refusal on the message line; one too long for it also below the list. */
static void show_refusal(struct yc_app *app, struct construction *c, const struct yc_err *err)
{
	if (yc_width(err->msg) <= COLS - 1) {
		ui_error(app, "%s", err->msg);
		return;
	}
	ui_error(app, "%s", _("Refused: the reason is shown above."));
	yc_strlcpy(c->notice, err->msg, sizeof c->notice);
}

static int construction_done(struct yc_app *app, struct construction *c, int rc, const struct yc_err *err, const char *ok)
{
	if (rc < 0)
		show_refusal(app, c, err);
	else
		ui_say(app, "%s", ok);
	construction_reload(app, c);
	return UI_REDRAW;
}

/* Select the first approval of the project's current stage. */
static void select_stage_start(struct construction *c)
{
	int i;

	for (i = 0; i < c->n_ap; i++)
		if (strcmp(c->ap[i].stage, c->cur.stage) == 0) {
			c->ap_sel = i;
			return;
		}
}

static int open_project(struct yc_app *app, struct construction *c)
{
	const struct yc_project *p = ui_table_selected(&c->table);

	if (!p)
		return UI_HANDLED;
	c->cur = *p;
	c->n_ap = c->ap_sel = c->ap_top = 0;
	ui_table_open_detail(&c->table);
	c->mode = MODE_PROJECT;
	load_project(app, c);
	select_stage_start(c);
	return UI_REDRAW;
}

static int new_project(struct yc_app *app, struct construction *c)
{
	char code[64] = "", name[256] = "", builder[192] = "", location[192] = "", ok[600];
	struct yc_project_new p = { code, name, builder, location, app->cfg->site_code };
	const char *title = _("New construction project");
	struct yc_err err;
	int64_t id = 0;
	int planned = 0;

	if (!construction_ask(app, title, _("Project code (e.g. 2025-150626-48-01-000123):"), code, sizeof code, 1) ||
	    !construction_ask(app, title, _("Project name:"), name, sizeof name, 1) ||
	    !construction_ask(app, title, _("Builder (the company or body building it):"), builder, sizeof builder, 1) ||
	    !construction_ask(app, title, _("Location:"), location, sizeof location, 1))
		return UI_REDRAW;
	for (;;) {
		if (store_project_create(app->st, &app->user, &p, &id, &planned, &err) == 0)
			break;
		show_refusal(app, c, &err);
		if (err.code != YC_EINVAL && err.code != YC_EEXISTS && err.code != YC_EBUSY)
			return UI_REDRAW;
		/* the code is the usual mistake: correct it and try again */
		if (!construction_ask(app, title, _("Project code (e.g. 2025-150626-48-01-000123):"), code, sizeof code, 1))
			return UI_REDRAW;
	}
	snprintf(ok, sizeof ok, _("Recorded: %d approvals of the %s stage planned. F6: online guidance."), planned,
		 store_project_stage_label("land_use"));
	ui_say(app, "%s", ok);
	back_to_list(c);
	ui_table_reload(&c->table);   /* the newest first: the new one on top */
	return UI_REDRAW;
}

static int add_approval(struct yc_app *app, struct construction *c)
{
	const struct yc_project *cp = current(c);
	struct yc_project p;
	const char *labels[YC_PROJECT_STAGES];
	char code[32] = "", ok[300];
	struct yc_err err;
	int at, n = 0, choice = 0, rc;

	if (!cp)
		return UI_HANDLED;
	p = *cp;
	at = store_project_stage_index(p.stage);
	if (at < 0 || at >= YC_PROJECT_STAGES) {
		ui_error(app, _("Project %s is done; nothing more can be added to it."), p.code);
		return UI_REDRAW;
	}
	for (n = 0; at + n < YC_PROJECT_STAGES; n++)
		labels[n] = store_project_stage_label(store_project_stage_code(at + n));
	if (n > 1 && (choice = ui_choose(app, _("Add an approval to the stage"), labels, n)) < 0)
		return UI_REDRAW;
	if (!construction_ask(app, p.code, _("Code of the catalogue item (e.g. ZRZY-003):"), code, sizeof code, 1))
		return UI_REDRAW;
	rc = store_project_approval_add(app->st, &app->user, p.id, store_project_stage_code(at + choice), code, NULL,
					&err);
	snprintf(ok, sizeof ok, _("%s added to the %s stage of project %s."), code, labels[choice], p.code);
	return construction_done(app, c, rc, &err, ok);
}

/* The approval F4 is about, into a: the selected one in the project view,
 * or one of the current stage chosen from a list. 0 when there is none. */
static int approval_for_status(struct yc_app *app, struct construction *c, const struct yc_project *p,
			       struct yc_project_approval *a)
{
	struct yc_project_approval rows[MAX_APPROVALS];
	const char *labels[MAX_APPROVALS];
	char text[MAX_APPROVALS][200];
	struct yc_err err;
	int n, i, choice;

	if (c->mode == MODE_PROJECT) {
		if (c->ap_sel >= c->n_ap)
			return 0;
		if (strcmp(c->ap[c->ap_sel].stage, p->stage) != 0) {
			ui_error(app, _("%s belongs to the %s stage; only approvals of the current stage (%s) change."),
				 c->ap[c->ap_sel].item_code, store_project_stage_label(c->ap[c->ap_sel].stage),
				 store_project_stage_label(p->stage));
			return 0;
		}
		*a = c->ap[c->ap_sel];
		return 1;
	}
	if (store_project_approvals(app->st, p->id, p->stage, rows, MAX_APPROVALS, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return 0;
	}
	if (n == 0) {
		ui_error(app, "%s", _("The current stage has no approvals: F3 adds one."));
		return 0;
	}
	for (i = 0; i < n; i++) {
		char item[120];

		yc_fit_mark(rows[i].item, 30, 0, item, sizeof item);
		snprintf(text[i], sizeof text[i], "%s %s: %s", rows[i].item_code, item,
			 store_approval_status_label(rows[i].status));
		labels[i] = text[i];
	}
	if ((choice = ui_choose(app, _("Which approval"), labels, n)) < 0)
		return 0;
	*a = rows[choice];
	return 1;
}

static int construction_set_status(struct yc_app *app, struct construction *c)
{
	static const char *const targets[] = { "applied", "approved", "refused" };
	const struct yc_project *cp = current(c);
	struct yc_project_approval a;
	struct yc_approval_change ch;
	const char *labels[3], *codes[3];
	char document[64] = "", note[512] = "", ok[300], title[120];
	struct yc_err err;
	size_t i;
	int n = 0, choice;

	if (!cp)
		return UI_HANDLED;
	if (!approval_for_status(app, c, cp, &a))
		return UI_REDRAW;
	if (a.case_number[0] && approval_state_of(a.status) != APPROVAL_REFUSED) {
		ui_say(app, _("%s is case %s: its department decides it in the back office."), a.item_code,
		       a.case_number);
		return UI_REDRAW;
	}
	for (i = 0; i < YC_ARRAY_LEN(targets); i++)
		if (store_approval_allowed(a.status, targets[i])) {
			codes[n] = targets[i];
			labels[n++] = store_approval_status_label(targets[i]);
		}
	if (n == 0) {
		ui_say(app, _("%s is approved (document %s); it does not change any more."), a.item_code, a.document_number);
		return UI_REDRAW;
	}
	snprintf(title, sizeof title, _("%s (%s) becomes"), a.item_code, store_approval_status_label(a.status));
	if ((choice = ui_choose(app, title, labels, n)) < 0)
		return UI_REDRAW;
	if (strcmp(codes[choice], "approved") == 0 &&
	    !construction_ask(app, a.item_code, _("Number of the approval document:"), document, sizeof document, 1))
		return UI_REDRAW;
	if (strcmp(codes[choice], "refused") == 0 &&
	    !construction_ask(app, a.item_code, _("Why it was refused:"), note, sizeof note, 1))
		return UI_REDRAW;
	if (strcmp(codes[choice], "applied") == 0 &&
	    !construction_ask(app, a.item_code, _("Note (e.g. the online declaration number; may be empty):"), note, sizeof note, 0))
		return UI_REDRAW;
	ch.status = codes[choice];
	ch.document_number = document;
	ch.note = note;
	snprintf(ok, sizeof ok, _("%s is now %s."), a.item_code, labels[choice]);
	return construction_done(app, c, store_project_approval_set(app->st, &app->user, a.id, a.status, a.updated_at, &ch, &err), &err,
		    ok);
}

static int construction_advance(struct yc_app *app, struct construction *c)
{
	const struct yc_project *cp = current(c);
	struct yc_project p;
	char question[400], ok[400], to[16];
	struct yc_err err;
	int at, added = 0;

	if (!cp)
		return UI_HANDLED;
	p = *cp;
	at = store_project_stage_index(p.stage);
	if (at < 0 || at >= YC_PROJECT_STAGES) {
		ui_say(app, _("Project %s is done: every stage is approved."), p.code);
		return UI_REDRAW;
	}
	snprintf(question, sizeof question, _("Move project %s from the %s stage to the %s stage?"), p.code,
		 store_project_stage_label(p.stage), store_project_stage_label(store_project_stage_code(at + 1)));
	if (!ui_confirm(app, question))
		return UI_REDRAW;
	if (store_project_advance(app->st, &app->user, p.id, p.stage, to, &added, &err) < 0) {
		/* not every approval is approved: show which, with the reason */
		if (err.code == YC_EINVAL && c->mode == MODE_LIST)
			open_project(app, c);
		return construction_done(app, c, -1, &err, "");
	}
	if (strcmp(to, "done") == 0)
		snprintf(ok, sizeof ok, _("Project %s is done: every stage is approved."), p.code);
	else
		snprintf(ok, sizeof ok, _("Now at the %s stage: %d approvals planned (F3 adds more)."),
			 store_project_stage_label(to), added);
	ui_say(app, "%s", ok);
	construction_reload(app, c);
	if (c->mode == MODE_PROJECT)
		select_stage_start(c);
	return UI_REDRAW;
}

static int construction_guidance(struct yc_app *app, struct construction *c)
{
	const struct yc_project *cp = current(c);
	struct yc_project p;
	char note[512];
	struct yc_err err;

	if (!cp)
		return UI_HANDLED;
	p = *cp;
	yc_strlcpy(note, p.guidance_note, sizeof note);
	if (!construction_ask(app, p.code, _("Guided to declare online; note (account registered, what was explained):"), note,
		 sizeof note, 0))
		return UI_REDRAW;
	return construction_done(app, c, store_project_guidance(app->st, &app->user, p.id, note, &err), &err,
		    _("Recorded: the builder was guided to declare online."));
}

static int construction_action(struct yc_app *app, void *priv, int act)
{
	struct construction *c = priv;

	c->notice[0] = '\0';
	switch (act) {
	case ACT_OPEN: return c->mode == MODE_LIST ? open_project(app, c) : UI_HANDLED;
	case ACT_NEW: return new_project(app, c);
	case ACT_ADD: return add_approval(app, c);
	case ACT_STATUS: return construction_set_status(app, c);
	case ACT_ADVANCE: return construction_advance(app, c);
	case ACT_GUIDANCE: return construction_guidance(app, c);
	case ACT_ESC:
		back_to_list(c);
		ui_table_refresh(&c->table);
		return UI_REDRAW;
	}
	return ui_table_action(&c->table, act);
}

/* Up and Down over the project's approvals; the list's are the table's
 * bindings. */
static int construction_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct construction *c = priv;

	c->notice[0] = '\0';
	if (c->mode == MODE_LIST)
		return UI_UNHANDLED;
	if (is_keycode && ch == KEY_DOWN && c->ap_sel + 1 < c->n_ap)
		c->ap_sel++;
	else if (is_keycode && ch == KEY_UP && c->ap_sel > 0)
		c->ap_sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int construction_data_changed(struct yc_app *app, void *priv)
{
	construction_reload(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_construction = {
	.name = "construction",
	.title = N_("Construction projects"),
	.perm = PERM_SPECIAL,
	.in_menu = 1,
	.keys = list_keys,
	.n_keys = YC_ARRAY_LEN(list_keys),
	.private_size = sizeof(struct construction),
	.enter = construction_enter,
	.leave = construction_leave,
	.draw = construction_draw,
	.action = construction_action,
	.key = construction_key,
	.data_changed = construction_data_changed,
	.mode_keys = mode_keys,
};
