/* intake.c - combined intake (综合受理, 第十条): call the next ticket or take a
 * walk-in, type the applicant, review every material against its
 * checkpoints, and end with one of three outcomes, each saved in one
 * transaction with its notice: accept, one-time notice, not accepted. A
 * returning applicant's record is found and only what was flagged is
 * reviewed again; online submissions are pre-reviewed the same way.
 * Nothing typed is lost when saving fails: the record stays on screen, and
 * when the database cannot be reached it is also kept on this PC as a
 * draft (draft.h), offered again when the screen next opens. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "documents.h"
#include "draft.h"
#include "states.h"
#include "store-catalog.h"
#include "store-intake.h"
#include "store-online.h"
#include "store-queue.h"
#include "store-special.h"
#include "store-bundle-confirm.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-form.h"
#include "ui-items.h"
#include "ui-table.h"
#include "width.h"

enum {
	ACT_START = ACT_SCREEN, ACT_ESC, ACT_CALL, ACT_RETURNING, ACT_ONLINE, ACT_SPECIAL, ACT_TO_MATERIALS,
	ACT_KIND, ACT_AUTHORISED, ACT_VERDICT, ACT_COUNTS, ACT_ALL_OK, ACT_ACCEPT, ACT_ONE_TIME,
	ACT_REFUSE, ACT_TO_APPLICANT, ACT_MORE_PAPER, ACT_LESS_PAPER, ACT_ACCEPT_GAP, ACT_OWED,
};

static const struct yc_binding home_keys[] = {
	{ ACT_START, KEY_ENTER, "Enter", N_("Start"), N_("Start an intake record for the selected item (walk-in)"), 0 },
	{ ACT_CALL, KEY_F(2), "F2", N_("Call next"), N_("Call the next ticket; its item opens when the guidance desk named one"), KB_BAR },
	{ ACT_RETURNING, KEY_F(4), "F4", N_("Returning"), N_("An applicant back with corrections: find the record awaiting them"), KB_BAR },
	{ ACT_ONLINE, KEY_F(5), "F5", N_("Online"), N_("Online submissions waiting for pre-review"), KB_BAR },
	{ ACT_SPECIAL, KEY_F(6), "F6", N_("Special"),
	  N_("Special windows' requests to accept as cases: cross-region ones the home department confirmed, construction approvals of a project's stage"), KB_BAR },
	{ ACT_OWED, KEY_F(7), "F7", N_("Owed"), N_("An applicant brings a material owed since a gap acceptance (容缺受理): review it"), 0 },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Clear the search / back to the main menu"), KB_BAR },
};

static const struct yc_binding applicant_keys[] = {
	{ ACT_TO_MATERIALS, KEY_ENTER, "Enter", N_("Materials"), N_("Check the applicant's details and go on to the materials"), KB_BAR },
	{ ACT_KIND, KEY_F(3), "F3", N_("Person/org."), N_("Switch between a person and an organisation"), KB_BAR },
	{ ACT_AUTHORISED, KEY_F(4), "F4", N_("Authorised"), N_("The agent's written authorisation was seen (or not)"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Leave"), N_("Leave this record (asks first; what was typed is kept as a draft)"), KB_BAR },
};

static const struct yc_binding material_keys[] = {
	{ ACT_VERDICT, ' ', "Space", N_("Verdict"), N_("Next verdict for the checkpoint: conforming, missing, not conforming"), 0 },
	{ ACT_MORE_PAPER, '+', "+", N_("Paper +1"), N_("One more paper copy of the selected material"), 0 },
	{ ACT_LESS_PAPER, '-', "-", N_("Paper -1"), N_("One paper copy fewer"), 0 },
	{ ACT_COUNTS, KEY_F(3), "F3", N_("Counts"), N_("Type the paper and electronic counts of the selected material"), KB_BAR },
	{ ACT_ALL_OK, KEY_F(8), "F8", N_("Rest OK"), N_("Mark every checkpoint without a verdict conforming"), KB_BAR },
	{ ACT_ACCEPT, KEY_F(5), "F5", N_("Accept"), N_("Accept: case number, promised date, acceptance notice"), KB_BAR },
	{ ACT_ONE_TIME, KEY_F(6), "F6", N_("One-time"), N_("One-time notice of everything missing or to correct"), KB_BAR },
	{ ACT_ACCEPT_GAP, KEY_F(4), "F4", N_("Accept, rest later"), N_("容缺受理: accept although materials that may come later are missing; the applicant signs a commitment to supply them by a date"), 0 },
	{ ACT_REFUSE, KEY_F(7), "F7", N_("Refuse"), N_("Not accepted, with the reasons: non-acceptance notice"), KB_BAR },
	{ ACT_TO_APPLICANT, KEY_F(2), "F2", N_("Applicant"), N_("Back to the applicant's details"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Applicant"), N_("Back to the applicant's details"), 0 },
};

enum mode { MODE_HOME, MODE_APPLICANT, MODE_MATERIALS };

/* The applicant form's fields, in the order of enum intake_field. */
static const char *const field_labels[AF_COUNT] = {
	N_("Applicant name"), N_("ID number"), N_("Phone"), N_("Legal rep."), N_("Address"),
	N_("Agent"), N_("Agent's ID"),
};

struct intake_screen {
	enum mode mode;
	struct ui_items items;
	struct ui_form form;
	struct intake in;
	int sel, top;              /* selected row of the materials review, first shown */
	struct yc_ticket ticket;   /* being served, when have_ticket */
	int have_ticket;
	char draft[YC_PATH_MAX + 64];   /* this record's draft on this PC, or "" */
	int supplying;             /* the record is a case's owed materials (容缺受理), brought */
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct intake_screen *s = priv;

	switch (s->mode) {
	case MODE_APPLICANT: *n = YC_ARRAY_LEN(applicant_keys); return applicant_keys;
	case MODE_MATERIALS: *n = YC_ARRAY_LEN(material_keys); return material_keys;
	default: *n = YC_ARRAY_LEN(home_keys); return home_keys;
	}
}

static void load_ticket(struct yc_app *app, struct intake_screen *s)
{
	struct yc_err err;
	int rc = store_queue_current(app->st, app->cfg->site_code, app->cfg->station_name, &s->ticket, &err);

	s->have_ticket = rc == 0;
}

/* Drafts: a record the database could not take -------------------------------- */

static void form_from_record(struct intake_screen *s);
static void form_to_record(struct intake_screen *s);
static void select_first_open(struct intake_screen *s);

/* Whose drafts: this user's, of this screen. */
static void draft_prefix(struct yc_app *app, char *out, size_t n)
{
	snprintf(out, n, "intake-%s", app->user.login);
}

/* Kept on this PC when the database cannot be reached, in the record's own
 * draft (a new one the first time); says where. */
static int keep_draft(struct yc_app *app, struct intake_screen *s, const char *why, char *path, size_t n)
{
	char dir[YC_PATH_MAX], prefix[64];
	struct yc_err err;

	if (!s->draft[0]) {
		draft_dir(app->cfg, dir, sizeof dir);
		draft_prefix(app, prefix, sizeof prefix);
		draft_new_path(dir, prefix, s->draft, sizeof s->draft);
	}
	yc_strlcpy(path, s->draft, n);
	if (draft_save_intake(s->draft, &s->in, why, &err) == 0)
		return 0;
	yc_strlcpy(path, err.msg, n);
	return -1;
}

/* The record is saved: its draft is done with. */
static void forget_draft(struct intake_screen *s)
{
	if (s->draft[0])
		draft_remove(s->draft);
	s->draft[0] = '\0';
}

/* A draft left from before (the database was away, the program closed)
 * is offered first: continue it, keep it for later, or set it aside. */
static void offer_draft(struct yc_app *app, struct intake_screen *s)
{
	const char *choices[] = { _("Continue it now"), _("Later (keep it on this PC)"), _("Set it aside") };
	char dir[YC_PATH_MAX], prefix[64], path[YC_PATH_MAX + 64], title[400], more[64] = "";
	struct draft_info info;
	struct intake in;
	struct yc_err err;
	int rc, count;

	draft_dir(app->cfg, dir, sizeof dir);
	draft_prefix(app, prefix, sizeof prefix);
	if (!draft_oldest(dir, prefix, path, sizeof path, &count))
		return;
	rc = draft_load_intake(path, &in, &info, &err);
	if (rc == 1)
		return;
	if (rc < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	if (count > 1)
		snprintf(more, sizeof more, _(" (the oldest of %d)"), count);
	snprintf(title, sizeof title, _("A record not saved at %s is kept on this PC%s: %s, %s"), info.saved_at,
		 more, in.a.name[0] ? in.a.name : _("(no name yet)"), in.item_name);
	switch (ui_choose(app, title, choices, (int)YC_ARRAY_LEN(choices))) {
	case 0:
		s->in = in;
		yc_strlcpy(s->draft, path, sizeof s->draft);   /* saved, it goes */
		form_from_record(s);
		select_first_open(s);
		s->mode = MODE_APPLICANT;   /* Enter checks the applicant again */
		ui_say(app, _("The record kept since %s is back on screen. Check it, then save it again."),
		       info.saved_at);
		break;
	case 2:
		if (draft_set_aside(path, &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("The draft is set aside as %s.discarded."), path);
		break;
	default:
		ui_say(app, "%s", _("The draft stays on this PC; it is offered again next time."));
	}
}

static int intake_enter(struct yc_app *app, void *priv)
{
	struct intake_screen *s = priv;
	static const size_t limits[AF_COUNT] = { 128, 24, 24, 64, 256, 64, 24 };
	int i;

	if (ui_items_init(&s->items, app) < 0 || ui_form_init(&s->form, field_labels, AF_COUNT, 0) < 0)
		return -1;
	for (i = 0; i < AF_COUNT; i++)
		field_limit_bytes(&s->form.fields[i], limits[i]);
	load_ticket(app, s);
	offer_draft(app, s);
	return 0;
}

static void intake_leave(struct yc_app *app, void *priv)
{
	struct intake_screen *s = priv;
	char where[YC_PATH_MAX + 64];

	/* quitting, logging out or the terminal gone with a record open: it
	 * is kept, to be offered the next time (leaving a record on purpose
	 * asks first and empties it) */
	if (s->mode != MODE_HOME && s->in.item_id) {
		if (s->mode == MODE_APPLICANT)
			form_to_record(s);
		keep_draft(app, s, _("The program was closed with the record not saved."), where, sizeof where);
	}
	ui_items_free(&s->items);
	ui_form_free(&s->form);
}

/* The applicant form <-> the record ---------------------------------------- */

static char *applicant_field(struct intake_applicant *a, int i, size_t *n)
{
	switch (i) {
	case AF_NAME: *n = sizeof a->name; return a->name;
	case AF_ID: *n = sizeof a->id_number; return a->id_number;
	case AF_PHONE: *n = sizeof a->phone; return a->phone;
	case AF_LEGAL_REP: *n = sizeof a->legal_rep; return a->legal_rep;
	case AF_ADDRESS: *n = sizeof a->address; return a->address;
	case AF_AGENT_NAME: *n = sizeof a->agent_name; return a->agent_name;
	default: *n = sizeof a->agent_id_number; return a->agent_id_number;
	}
}

static void form_from_record(struct intake_screen *s)
{
	size_t n;
	int i;

	for (i = 0; i < AF_COUNT; i++)
		ui_form_set(&s->form, i, applicant_field(&s->in.a, i, &n));
	s->form.focus = 0;
}

static void form_to_record(struct intake_screen *s)
{
	size_t n;
	int i;

	for (i = 0; i < AF_COUNT; i++) {
		char *f = applicant_field(&s->in.a, i, &n);

		ui_form_get(&s->form, i, f, n);
	}
}

/* Rows of the materials review: a material, then its checkpoints. ---------- */

struct row {
	int m, cp;                 /* cp -1 on the material's own row */
};

static int rows_of(const struct intake *in, struct row *rows, int max)
{
	int i, j, n = 0;

	for (i = 0; i < in->n_materials; i++) {
		if (n < max)
			rows[n++] = (struct row){ i, -1 };
		for (j = 0; j < in->m[i].n_cp && n < max; j++)
			rows[n++] = (struct row){ i, j };
	}
	return n;
}

#define MAX_ROWS (INTAKE_MAX_MATERIALS * (INTAKE_MAX_CHECKPOINTS + 1))

static struct row selected_row(const struct intake_screen *s)
{
	struct row rows[MAX_ROWS];
	int n = rows_of(&s->in, rows, MAX_ROWS);

	return s->sel < n ? rows[s->sel] : (struct row){ -1, -1 };
}

/* Start on the first checkpoint still to be reviewed. */
static void select_first_open(struct intake_screen *s)
{
	struct row rows[MAX_ROWS];
	int n = rows_of(&s->in, rows, MAX_ROWS), i;

	s->sel = s->top = 0;
	for (i = 0; i < n; i++)
		if (rows[i].cp >= 0 && intake_material_open(&s->in, rows[i].m)) {
			s->sel = i;
			return;
		}
}

static const char *verdict_mark(enum intake_verdict v)
{
	switch (v) {
	case VERDICT_OK: return _("[OK  ]");
	case VERDICT_MISSING: return _("[MISS]");
	case VERDICT_BAD: return _("[BAD ]");
	default: return "[    ]";
	}
}

/* Drawing ---------------------------------------------------------------------- */

static void intake_draw_header(struct yc_app *app, struct intake_screen *s, int y, int cols)
{
	char line[600];

	snprintf(line, sizeof line, "%s  %s  (%s, %s%s)", s->in.item_code, s->in.item_name, s->in.department,
		 item_kind_label(s->in.kind),
		 s->supplying ? _(", material owed") : s->in.round > 1 ? _(", returning")
		 : s->in.online_id ? _(", online") : s->in.promise_conditions[0] ? _(", on a promise") : "");
	ui_put(y, 1, cols - 2, line, A_BOLD);
}

static void draw_home(struct yc_app *app, struct intake_screen *s, int top, int rows, int cols)
{
	char line[400];

	if (s->have_ticket)
		snprintf(line, sizeof line, _("Serving ticket %s %s"), s->ticket.number, s->ticket.item);
	else
		snprintf(line, sizeof line, "%s", _("No ticket being served: F2 calls the next one, or choose the item for a walk-in."));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_items_draw(&s->items, top + 1, rows - 1, cols);
}

static void draw_applicant(struct yc_app *app, struct intake_screen *s, int top, int rows, int cols)
{
	int org = applicant_is_organisation(s->in.a.kind);
	char line[300];

	intake_draw_header(app, s, top, cols);
	snprintf(line, sizeof line, _("Applicant: %s (F3 switches)"), org ? _("organisation") : _("person"));
	ui_put(top + 2, 2, cols - 4, line, A_NORMAL);
	s->form.gap = 2;
	ui_form_draw(app, &s->form, top + 4, 2, cols - 4, 14);
	snprintf(line, sizeof line, _("Agent's written authorisation: %s (F4 switches)"),
		 s->in.a.agent_authorised ? _("seen") : _("not seen"));
	ui_put(top + 4 + AF_COUNT * 2, 2, cols - 4, line, A_NORMAL);
	ui_put(top + 5 + AF_COUNT * 2, 2, cols - 4,
	       org ? _("Organisation: the unified social credit code (18 characters) and the legal representative.")
		   : _("Person: the resident ID card number (18 characters); leave the legal representative empty."),
	       ui_attr_dim());
}

static void material_row_text(const struct intake *in, int i, char *out, size_t n)
{
	const struct intake_material *m = &in->m[i];

	snprintf(out, n, _("%2d. [paper %d e-file %d] %s  %s%s"), m->seq, m->paper, m->electronic, m->name,
		 !m->required ? _("if any") : m->waivable ? _("required, may come later") : _("required"),
		 m->settled ? _("  (conforming before: not reviewed again)") : "");
}

static void checkpoint_row_text(const struct intake *in, int i, int j, char *out, size_t n)
{
	const struct intake_checkpoint *c = &in->m[i].cp[j];

	snprintf(out, n, "     %s %d. %s%s%s", verdict_mark(c->verdict), c->seq, c->text,
		 c->verdict == VERDICT_BAD && c->reason[0] ? " — " : "",
		 c->verdict == VERDICT_BAD ? c->reason : "");
}

static void draw_summary(struct intake_screen *s, int y, int cols)
{
	char line[300];
	int open = intake_unreviewed(&s->in), flagged = intake_flagged(&s->in);

	if (open)
		snprintf(line, sizeof line, _("%d checkpoint(s) still to review, %d missing or not conforming."), open,
			 flagged);
	else if (flagged && intake_gap_allowed(&s->in, NULL, 0))
		snprintf(line, sizeof line, _("All reviewed: %d missing or not conforming, all may come later. F4 accepts on the applicant's commitment, F6 gives the one-time notice."),
			 flagged);
	else if (flagged)
		snprintf(line, sizeof line, _("All reviewed: %d missing or not conforming. F6 gives the one-time notice."),
			 flagged);
	else
		snprintf(line, sizeof line, "%s", _("All reviewed and conforming. F5 accepts the case."));
	ui_put(y, 1, cols - 2, line, A_BOLD);
}

static void draw_materials(struct yc_app *app, struct intake_screen *s, int top, int rows, int cols)
{
	struct row r[MAX_ROWS];
	int n = rows_of(&s->in, r, MAX_ROWS), shown = rows - 5, i, y = top + 2;
	struct row cur = selected_row(s);

	intake_draw_header(app, s, top, cols);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + shown)
		s->top = s->sel - shown + 1;
	for (i = s->top; i < n && y < top + 2 + shown; i++, y++) {
		char line[1200];
		attr_t a = A_NORMAL;

		if (r[i].cp < 0) {
			material_row_text(&s->in, r[i].m, line, sizeof line);
			a = A_BOLD;
		} else {
			checkpoint_row_text(&s->in, r[i].m, r[i].cp, line, sizeof line);
			if (!intake_material_open(&s->in, r[i].m))
				a = ui_attr_dim();
		}
		if (i == s->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, a);
	}
	if (cur.m >= 0 && cur.cp >= 0)
		ui_put_wrapped(top + rows - 3, 2, top + rows - 2, cols - 4, s->in.m[cur.m].cp[cur.cp].text,
			       ui_attr_dim());
	draw_summary(s, top + rows - 1, cols);
}

static void intake_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct intake_screen *s = priv;

	switch (s->mode) {
	case MODE_HOME: draw_home(app, s, top, rows, cols); break;
	case MODE_APPLICANT: draw_applicant(app, s, top, rows, cols); break;
	case MODE_MATERIALS: draw_materials(app, s, top, rows, cols); break;
	}
}

/* Starting a record ------------------------------------------------------------- */

static int open_record(struct yc_app *app, struct intake_screen *s, enum mode mode)
{
	s->draft[0] = '\0';   /* a new record: no draft of it yet */
	s->supplying = 0;
	/* the person at the window now, new or returning: this visit's
	 * ticket is done with this record */
	s->in.ticket_id = s->have_ticket ? s->ticket.id : 0;
	form_from_record(s);
	select_first_open(s);
	s->mode = mode;
	return UI_REDRAW;
}

static int start_item(struct yc_app *app, struct intake_screen *s, int64_t item_id)
{
	struct yc_err err;

	if (store_intake_start(app->st, item_id, app->today, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	return open_record(app, s, MODE_APPLICANT);
}

static int start_selected(struct yc_app *app, struct intake_screen *s)
{
	const struct yc_item_row *r = ui_items_selected(&s->items);

	return r ? start_item(app, s, r->id) : UI_HANDLED;
}

static int intake_call_next(struct yc_app *app, struct intake_screen *s)
{
	struct yc_err err;
	int rc;

	load_ticket(app, s);
	if (s->have_ticket && ui_settle_current_ticket(app, &s->ticket, 0) != 1) {
		load_ticket(app, s);
		return UI_REDRAW;
	}
	rc = store_queue_call_next(app->st, app->cfg->site_code, app->cfg->station_category,
				   app->cfg->station_name, app->user.id, &s->ticket, &err);

	if (rc < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	s->have_ticket = rc == 0;
	if (rc == 1) {
		ui_say(app, "%s", _("Nobody is waiting."));
		return UI_REDRAW;
	}
	ui_say(app, _("Calling %s."), s->ticket.number);
	ui_announce(app, s->ticket.number);
	return s->ticket.item_id ? start_item(app, s, s->ticket.item_id) : UI_REDRAW;
}

static int returning(struct yc_app *app, struct intake_screen *s)
{
	static char query[64];
	struct yc_case_row rows[21];   /* 20 shown; a 21st says there are more */
	char options[20][400];
	const char *labels[20];
	struct yc_err err;
	int n, i, choice;

	if (!ui_prompt(app, _("Returning applicant"), _("ID number, phone or one-time notice number:"), query,
		       sizeof query))
		return UI_REDRAW;
	if (store_case_search(app->st, query, 1, rows, 21, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (n == 0) {
		ui_error(app, _("No record awaiting corrections for '%s'."), query);
		return UI_REDRAW;
	}
	if (n > 20) {
		n = 20;
		ui_say(app, "%s", _("More than 20 records match: the newest are shown; type the whole ID number or the notice number to find an older one."));
	}
	for (i = 0; i < n; i++) {
		ui_case_row_text(&rows[i], options[i], sizeof options[i]);
		labels[i] = options[i];
	}
	choice = n == 1 ? 0 : ui_choose(app, _("Records awaiting corrections"), labels, n);
	if (choice < 0)
		return UI_REDRAW;
	if (store_intake_resume(app->st, rows[choice].id, app->today, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_say(app, _("Round %d: only the materials flagged last time need a look."), s->in.round);
	return open_record(app, s, MODE_MATERIALS);
}

/* 容缺受理: the applicant brings what a case owes; only that is reviewed. */
static int owed(struct yc_app *app, struct intake_screen *s)
{
	static char query[64];
	struct yc_case_row rows[2];
	struct yc_err err;
	int n;

	if (!ui_prompt(app, _("Material owed"), _("Case number:"), query, sizeof query))
		return UI_REDRAW;
	if (case_query_kind(query) != QUERY_NUMBER || store_case_search(app->st, query, 0, rows, 2, &n, &err) < 0 ||
	    n != 1) {
		ui_error(app, _("No case numbered '%s': type the case number from the acceptance notice."), query);
		return UI_REDRAW;
	}
	if (store_intake_owed(app->st, rows[0].id, app->today, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	open_record(app, s, MODE_MATERIALS);
	s->supplying = 1;
	ui_say(app, _("Case %s: only the materials owed are reviewed; F5 records them supplied."), rows[0].case_number);
	return UI_REDRAW;
}

static int supply(struct yc_app *app, struct intake_screen *s)
{
	struct yc_err err;

	if (store_intake_supply(app->st, &app->user, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_say(app, "%s", _("Recorded as supplied: the department may now release the result."));
	memset(&s->in, 0, sizeof s->in);
	s->supplying = 0;
	s->mode = MODE_HOME;
	ui_items_clear(&s->items);
	return UI_REDRAW;
}

/* The online inbox, as its dialog shows it. */
static void inbox_col_received(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%.16s", ((const struct yc_online_row *)row)->received_at);
}

static const struct ui_table_col inbox_cols[] = {
	{ N_("Received"), 16, UI_ALIGN_LEFT, 0, inbox_col_received, 0 },
	{ N_("Reference"), 20, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_online_row, ref) },
	{ N_("Applicant"), 14, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_online_row, applicant) },
	{ N_("Service item"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_online_row, item) },
};

static int inbox_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_online_inbox_page(app->st, app->cfg->site_code, anchor, forward, rows, max, n, err);
}

static int inbox_count(void *ctx, long *count, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_online_inbox_count(app->st, app->cfg->site_code, count, err);
}

static const struct ui_table_source inbox_source = { inbox_page, inbox_count, NULL, NULL, NULL };

static int online(struct yc_app *app, struct intake_screen *s)
{
	struct yc_online_row chosen;
	struct ui_table t;
	struct yc_err err;
	int rc;

	if (ui_table_init(&t, app, sizeof(struct yc_online_row), inbox_cols, YC_ARRAY_LEN(inbox_cols), &inbox_source,
			  app) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t.empty = N_("No online submissions are waiting.");
	rc = ui_table_choose(&t, _("Online submissions, oldest first"), 0, &chosen);
	ui_table_free(&t);
	if (rc != 1)
		return UI_REDRAW;
	if (store_online_start(app->st, chosen.id, app->today, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	return open_record(app, s, MODE_APPLICANT);
}

/* The special windows' requests, as their dialog shows them. */
static void special_col_kind(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", strcmp(((const struct yc_special_row *)row)->kind, "remote") == 0
				       ? _("Cross-region") : _("Construction"));
}

static const struct ui_table_col special_cols[] = {
	{ N_("Kind"), 8, UI_ALIGN_LEFT, 0, special_col_kind, 0 },
	{ N_("From"), 20, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_special_row, what) },
	{ N_("Applicant"), 16, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_special_row, applicant) },
	{ N_("Service item"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_special_row, item) },
};

static int special_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n,
			struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_special_page(app->st, app->cfg->site_code, anchor, forward, rows, max, n, err);
}

static int special_count(void *ctx, long *count, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_special_count(app->st, app->cfg->site_code, count, err);
}

static const struct ui_table_source special_source = { special_page, special_count, NULL, NULL, NULL };

/* A special window's request, accepted here like any other application. */
static int special(struct yc_app *app, struct intake_screen *s)
{
	struct yc_special_row chosen;
	struct ui_table t;
	struct yc_err err;
	int rc;

	if (ui_table_init(&t, app, sizeof(struct yc_special_row), special_cols, YC_ARRAY_LEN(special_cols),
			  &special_source, app) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t.empty = N_("No cross-region request or construction approval is waiting to be accepted.");
	rc = ui_table_choose(&t, _("Special windows' requests to accept, oldest first"), 0, &chosen);
	ui_table_free(&t);
	if (rc != 1)
		return UI_REDRAW;
	if (store_special_start(app->st, chosen.kind, chosen.id, app->today, &s->in, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	return open_record(app, s, MODE_APPLICANT);
}

/* The applicant ----------------------------------------------------------------- */

/* The applicant on record under this ID number fills an empty form, and a
 * different name is questioned: one of the two is probably mistyped.
 * 1 when the clerk should look at the form again. */
static int compare_with_record(struct yc_app *app, struct intake_screen *s)
{
	struct intake_applicant known, *a = &s->in.a;
	struct yc_err err;
	char question[600];
	int rc = store_applicant_find(app->st, a->kind, a->id_number, &known, &err);

	if (rc < 0) {
		ui_error(app, "%s", err.msg);
		return 1;
	}
	if (rc == 1)
		return 0;
	if (!a->name[0]) {
		yc_strlcpy(a->name, known.name, sizeof a->name);
		if (!a->phone[0])
			yc_strlcpy(a->phone, known.phone, sizeof a->phone);
		if (!a->legal_rep[0])
			yc_strlcpy(a->legal_rep, known.legal_rep, sizeof a->legal_rep);
		if (!a->address[0])
			yc_strlcpy(a->address, known.address, sizeof a->address);
		form_from_record(s);
		ui_say(app, "%s", _("Filled in from the applicant on record: please check, then press Enter."));
		return 1;
	}
	if (strcmp(a->name, known.name) == 0)
		return 0;
	snprintf(question, sizeof question,
		 _("This ID number is on record as %s, not %s. Use the name typed now?"), known.name, a->name);
	return !ui_confirm(app, question);
}

static int to_materials(struct yc_app *app, struct intake_screen *s)
{
	enum intake_field field;
	const char *problem;
	char buf[300];
	int year;

	form_to_record(s);
	sscanf(app->today, "%d", &year);
	problem = intake_applicant_problem(&s->in.a, year, &field, buf, sizeof buf);
	form_from_record(s);   /* shows an x made X */
	if (problem && field != AF_ID && s->in.a.id_number[0] && !s->in.a.name[0] &&
	    compare_with_record(app, s))
		return UI_REDRAW;  /* filled in from the record */
	if (problem) {
		s->form.focus = field;
		ui_error(app, "%s", problem);
		return UI_REDRAW;
	}
	if (compare_with_record(app, s)) {
		s->form.focus = AF_NAME;
		return UI_REDRAW;
	}
	s->mode = MODE_MATERIALS;
	return UI_REDRAW;
}

/* Leaving a record on purpose keeps what was typed all the same: a key
 * pressed by mistake must not cost the applicant's details. The draft is
 * offered again the next time intake opens. */
static int leave_record(struct yc_app *app, struct intake_screen *s)
{
	char where[YC_PATH_MAX + 64];

	if (!ui_confirm(app, _("Leave this record? What was typed is kept on this PC as a draft.")))
		return UI_REDRAW;
	if (s->mode == MODE_APPLICANT)
		form_to_record(s);
	if (s->in.item_id && keep_draft(app, s, _("The clerk left the record without saving it."), where,
					sizeof where) == 0)
		ui_say(app, _("The record is kept as a draft on this PC (%s); it is offered again next time."), where);
	else if (s->in.item_id)
		ui_error(app, _("No draft could be kept on this PC: %s"), where);
	s->draft[0] = '\0';    /* the draft file stays; this screen lets go of it */
	memset(&s->in, 0, sizeof s->in);
	s->mode = MODE_HOME;
	return UI_REDRAW;
}

/* Verdicts and counts --------------------------------------------------------- */

static int set_verdict(struct yc_app *app, struct intake_screen *s)
{
	struct row r = selected_row(s);
	struct intake_checkpoint *c;
	char reason[256];

	if (r.m < 0 || r.cp < 0)
		return UI_HANDLED;
	if (!intake_material_open(&s->in, r.m)) {
		ui_say(app, "%s", _("This material was found conforming before and is not reviewed again."));
		return UI_REDRAW;
	}
	c = &s->in.m[r.m].cp[r.cp];
	if (c->verdict != VERDICT_MISSING) {
		c->verdict = c->verdict == VERDICT_NONE ? VERDICT_OK : c->verdict == VERDICT_OK ? VERDICT_MISSING
												: VERDICT_NONE;
		return UI_REDRAW;
	}
	/* not conforming needs a reason the applicant can act on */
	yc_strlcpy(reason, c->reason, sizeof reason);
	if (!ui_prompt(app, _("Not conforming"), c->text, reason, sizeof reason) || !reason[0]) {
		c->verdict = VERDICT_NONE;
	} else if (yc_blank(reason)) {
		c->verdict = VERDICT_NONE;
		ui_error(app, "%s", _("Spaces are no reason: type what the applicant must correct."));
	} else {
		c->verdict = VERDICT_BAD;
		yc_strlcpy(c->reason, reason, sizeof c->reason);
	}
	return UI_REDRAW;
}

static int ask_count(struct yc_app *app, const char *label, int *value)
{
	char text[16];
	char *end;
	long v;

	snprintf(text, sizeof text, "%d", *value);
	for (;;) {
		if (!ui_prompt(app, _("Counts submitted"), label, text, sizeof text))
			return 0;
		v = strtol(text, &end, 10);
		if (end != text && *end == '\0' && v >= 0 && v <= 999)
			break;
		ui_error(app, _("'%s' is not a count: type a number from 0 to 999."), text);
	}
	*value = (int)v;
	return 1;
}

static int set_counts(struct yc_app *app, struct intake_screen *s)
{
	struct row r = selected_row(s);
	struct intake_material *m;
	int paper, electronic;

	if (r.m < 0)
		return UI_HANDLED;
	m = &s->in.m[r.m];
	paper = m->paper;
	electronic = m->electronic;
	if (ask_count(app, _("Paper copies:"), &paper) && ask_count(app, _("Electronic files:"), &electronic)) {
		m->paper = paper;
		m->electronic = electronic;
	}
	return UI_REDRAW;
}

static int change_paper(struct intake_screen *s, int by)
{
	struct row r = selected_row(s);

	if (r.m >= 0 && s->in.m[r.m].paper + by >= 0 && s->in.m[r.m].paper + by <= 999)
		s->in.m[r.m].paper += by;
	return UI_REDRAW;
}

/* Outcomes ------------------------------------------------------------------- */

struct render_ctx {
	struct yc_app *app;
	const struct intake *in;
	enum intake_outcome outcome;
	const char *reason;
};

/* The notice from the numbers the save fixed (documents.h). */
static char *render_notice(void *vctx, const struct yc_notice_facts *f)
{
	struct render_ctx *c = vctx;
	struct yc_app *app = c->app;
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_notice notice = {
		c->outcome, c->in, f->notice_number, app->today, f->case_number, f->query_password,
		f->promised_date, f->cal ? f->cal : &app->cal, f->round, c->reason, app->user.full_name,
		app->cfg->station_name, f->item_kind, f->members, f->n_members, f->gap_due, f->promise_conditions,
	};

	return doc_notice(&hall, &notice);
}

/* Errors after which the same save may simply be tried again. */
static int worth_retrying(enum yc_code code)
{
	return code == YC_EBUSY || code == YC_ESTALE || code == YC_EIO || code == YC_EFULL || code == YC_ENODB;
}

static void report_saved(struct yc_app *app, enum intake_outcome o, const struct yc_outcome_result *res,
			 int printed, const struct yc_err *print_err)
{
	const char *promised = res->promised_date;
	char what[400], known[11];
	yc_date d;

	date_format(app->cal.known_until, known);
	if (res->gap_due[0])
		snprintf(what, sizeof what,
			 _("Accepted: case %s, query password %s, promised by %s; what is missing is owed by %s. The applicant signs the commitment printed after the notice."),
			 res->case_number, res->query_password, promised, res->gap_due);
	else if (o == OUTCOME_ACCEPT && date_parse(promised, &d) == 0 && !cal_known(&app->cal, d))
		snprintf(what, sizeof what,
			 _("Accepted: case %s, query password %s, promised by %s, an estimate: the holidays after %s are not imported yet."),
			 res->case_number, res->query_password, promised, known);
	else if (o == OUTCOME_ACCEPT)
		snprintf(what, sizeof what, _("Accepted: case %s, query password %s, promised by %s."),
			 res->case_number, res->query_password, promised);
	else if (o == OUTCOME_ONE_TIME)
		snprintf(what, sizeof what, _("One-time notice %s given; the record awaits the corrections."),
			 res->notice_number);
	else
		snprintf(what, sizeof what, _("Not accepted: notice %s."), res->notice_number);
	if (printed)
		ui_say(app, "%s", what);
	else
		ui_error(app, _("%s The notice was not printed: %s F12 finds the case to print it again."), what,
			 print_err->msg);
}

/* 一件事一次办 taken here: the member departments confirm before it is
 * entered (第十五条). 1 when it may be accepted now; else the record stays
 * on screen, put to them, and the clerk is told who is awaited, or who
 * returned it and why (asked again only when the clerk says so). */
static int bundle_confirmed(struct yc_app *app, struct intake_screen *s)
{
	struct yc_bundle_confirm_state st;
	struct yc_err err;
	char question[1400];

	/* a database that cannot be read now: the save says so, keeping what
	 * was typed, and checks the confirmation itself */
	if (store_bundle_confirm_ask(app->st, &app->user, &s->in, 0, &st, &err) < 0 || !st.needed)
		return 1;
	if (st.returned) {
		snprintf(question, sizeof question, _("Returned by %s. Put it to them again?"), st.returns);
		if (!ui_confirm(app, question))
			return 0;
		if (store_bundle_confirm_ask(app->st, &app->user, &s->in, 1, &st, &err) < 0) {
			ui_error(app, "%s", err.msg);
			return 0;
		}
	}
	ui_say(app, _("One thing, one visit: waiting for the confirmation of %s (asked in the back office, F11 there); F5 again once they have confirmed."),
	       st.waiting);
	return 0;
}

static int conclude(struct yc_app *app, struct intake_screen *s, enum intake_outcome o, int gap)
{
	char why[300], reason[512] = "";
	struct render_ctx rc = { app, &s->in, o, reason };
	struct yc_outcome_req req = { o, app->cfg->site_code, reason, render_notice, &rc, gap };
	struct yc_outcome_result res;
	struct yc_err err, print_err;
	int printed, rc_commit;

	if (gap ? !intake_gap_allowed(&s->in, why, sizeof why) : !intake_outcome_allowed(&s->in, o, why, sizeof why)) {
		ui_error(app, "%s", why);
		return UI_REDRAW;
	}
	if (gap && !ui_confirm(app, _("Accept with the flagged materials owed? The applicant signs the commitment printed after the notice to supply them by the date on it.")))
		return UI_REDRAW;
	if (o == OUTCOME_ACCEPT && s->in.promise_conditions[0] &&
	    !ui_confirm(app, _("This item is decided on the applicant's promise (告知承诺制): the promise with its conditions is printed after the notice for the applicant to sign. Accept?")))
		return UI_REDRAW;
	if (o == OUTCOME_REFUSE &&
	    (!ui_prompt(app, _("Not accepted"), _("Reasons (they are printed on the notice):"), reason, sizeof reason) ||
	     !reason[0]))
		return UI_REDRAW;
	if (o == OUTCOME_ACCEPT && !bundle_confirmed(app, s))
		return UI_REDRAW;
	rc_commit = store_intake_commit(app->st, &app->user, &s->in, &req, &res, &err);
	if (rc_commit == 1) {
		/* told "not saved" before, it had reached the file all the same */
		forget_draft(s);
		ui_say(app, _("This record was saved after all, as %s, before the connection broke: nothing was saved twice. F12 finds it to print its notice."),
		       res.case_number[0] ? res.case_number : res.notice_number);
		memset(&s->in, 0, sizeof s->in);
		s->mode = MODE_HOME;
		ui_items_clear(&s->items);
		load_ticket(app, s);
		return UI_REDRAW;
	}
	if (rc_commit < 0) {
		/* the record stays on screen, exactly as it was */
		char where[YC_PATH_MAX + 64];

		if (!worth_retrying(err.code))
			ui_error(app, _("Not saved: %s"), err.msg);
		else if (keep_draft(app, s, err.msg, where, sizeof where) == 0)
			ui_error(app, _("Not saved: %s A copy is also kept on this PC (%s), in case the program is closed; save again when the database is back."),
				 err.msg, where);
		else
			ui_error(app, _("Not saved: %s No copy could be kept on this PC either: %s Do not close the program; save again when the database is back."),
				 err.msg, where);
		return UI_REDRAW;
	}
	forget_draft(s);   /* saved now, if it was kept as a draft */
	printed = ui_notice_print(app, res.notice_id, o == OUTCOME_ACCEPT ? "acceptance"
						       : o == OUTCOME_ONE_TIME ? "one_time" : "non_acceptance",
				  res.notice_text, &print_err) == 0;
	free(res.notice_text);
	report_saved(app, o, &res, printed, &print_err);
	memset(&s->in, 0, sizeof s->in);
	s->mode = MODE_HOME;
	ui_items_clear(&s->items);
	load_ticket(app, s);   /* served with the record: no longer "serving" */
	return UI_REDRAW;
}

/* Dispatch ------------------------------------------------------------------- */

static int home_action(struct yc_app *app, struct intake_screen *s, int act)
{
	switch (act) {
	case ACT_START: return start_selected(app, s);
	case ACT_CALL: return intake_call_next(app, s);
	case ACT_RETURNING: return returning(app, s);
	case ACT_ONLINE: return online(app, s);
	case ACT_SPECIAL: return special(app, s);
	case ACT_OWED: return owed(app, s);
	case ACT_ESC: return ui_items_clear(&s->items) ? UI_REDRAW : UI_BACK;
	}
	return UI_UNHANDLED;
}

static int applicant_action(struct yc_app *app, struct intake_screen *s, int act)
{
	switch (act) {
	case ACT_TO_MATERIALS: return to_materials(app, s);
	case ACT_KIND:
		form_to_record(s);
		yc_strlcpy(s->in.a.kind, applicant_other_kind(s->in.a.kind), sizeof s->in.a.kind);
		return UI_REDRAW;
	case ACT_AUTHORISED:
		s->in.a.agent_authorised = !s->in.a.agent_authorised;
		return UI_REDRAW;
	case ACT_ESC: return leave_record(app, s);
	}
	return UI_UNHANDLED;
}

static int materials_action(struct yc_app *app, struct intake_screen *s, int act)
{
	if (s->supplying && (act == ACT_ACCEPT_GAP || act == ACT_ONE_TIME || act == ACT_REFUSE)) {
		ui_error(app, "%s", _("The case is accepted: F5 records the material supplied when it conforms; otherwise it stays owed (Esc, then Esc to leave)."));
		return UI_REDRAW;
	}
	if (s->supplying && act == ACT_ACCEPT)
		return supply(app, s);
	switch (act) {
	case ACT_VERDICT: return set_verdict(app, s);
	case ACT_COUNTS: return set_counts(app, s);
	case ACT_MORE_PAPER: return change_paper(s, 1);
	case ACT_LESS_PAPER: return change_paper(s, -1);
	case ACT_ALL_OK:
		intake_all_conforming(&s->in, -1);
		return UI_REDRAW;
	case ACT_ACCEPT: return conclude(app, s, OUTCOME_ACCEPT, 0);
	case ACT_ACCEPT_GAP: return conclude(app, s, OUTCOME_ACCEPT, 1);
	case ACT_ONE_TIME: return conclude(app, s, OUTCOME_ONE_TIME, 0);
	case ACT_REFUSE: return conclude(app, s, OUTCOME_REFUSE, 0);
	case ACT_TO_APPLICANT:
	case ACT_ESC:
		form_from_record(s);
		s->mode = MODE_APPLICANT;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int intake_action(struct yc_app *app, void *priv, int act)
{
	struct intake_screen *s = priv;

	switch (s->mode) {
	case MODE_APPLICANT: return applicant_action(app, s, act);
	case MODE_MATERIALS: return materials_action(app, s, act);
	default: return home_action(app, s, act);
	}
}

static int intake_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct intake_screen *s = priv;
	struct row rows[MAX_ROWS];
	int n;

	switch (s->mode) {
	case MODE_HOME: return ui_items_key(&s->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	case MODE_APPLICANT: return ui_form_key(&s->form, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	case MODE_MATERIALS:
		n = rows_of(&s->in, rows, MAX_ROWS);
		if (is_keycode && ch == KEY_DOWN && s->sel + 1 < n)
			s->sel++;
		else if (is_keycode && ch == KEY_UP && s->sel > 0)
			s->sel--;
		else if (is_keycode && ch == KEY_NPAGE)
			s->sel = s->sel + 10 < n ? s->sel + 10 : n - 1;
		else if (is_keycode && ch == KEY_PPAGE)
			s->sel = s->sel > 10 ? s->sel - 10 : 0;
		else
			return UI_UNHANDLED;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int intake_data_changed(struct yc_app *app, void *priv)
{
	struct intake_screen *s = priv;

	/* a record being worked on is the clerk's: never reload under them */
	if (s->mode == MODE_HOME) {
		ui_items_refresh(&s->items);
		load_ticket(app, s);
	}
	return UI_REDRAW;
}

const struct yc_screen_ops screen_intake = {
	.name = "intake",
	.title = N_("Combined intake"),
	.perm = PERM_INTAKE,
	.in_menu = 1,
	.keys = home_keys,
	.n_keys = YC_ARRAY_LEN(home_keys),
	.private_size = sizeof(struct intake_screen),
	.enter = intake_enter,
	.leave = intake_leave,
	.draw = intake_draw,
	.action = intake_action,
	.key = intake_key,
	.data_changed = intake_data_changed,
	.mode_keys = mode_keys,
};
