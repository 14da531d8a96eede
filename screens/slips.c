/* slips.c - transfer slips (材料证照流转单): the slips waiting for handover,
 * from the front to the departments and from the departments to the
 * pickup window, those left over from an earlier day first (paper must
 * reach the department the same day). Handing over is confirmed by the
 * one receiving, with their own login and password on this terminal. A
 * slip prints with its case number as a QR code, which a scanner types
 * back into the search. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "documents.h"
#include "print.h"
#include "ui.h"
#include "ui-cases.h"
#include "width.h"

enum { ACT_HANDOVER = ACT_SCREEN, ACT_PRINT, ACT_DIRECTION, ACT_VIEW, ACT_ESC };

static const struct yc_binding keys[] = {
	{ ACT_HANDOVER, KEY_F(5), "F5", N_("Hand over"), N_("Hand the selected slip over; the one receiving confirms with their password"), KB_BAR },
	{ ACT_PRINT, KEY_F(6), "F6", N_("Print"), N_("Print the selected slip, with its case number as a QR code"), KB_BAR },
	{ ACT_DIRECTION, KEY_F(3), "F3", N_("Direction"), N_("Switch between slips to the departments and results to pickup"), KB_BAR },
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Case"), N_("The selected slip's case and its story"), 0 },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Clear the search / back to the main menu"), KB_BAR },
};

#define MAX_SLIPS 200

struct slips {
	int to_pickup;                  /* which direction is listed */
	struct yc_slip_row rows[MAX_SLIPS];
	int n, sel, top;
	struct yc_field search;         /* case or slip number: typed or scanned */
	int shown[MAX_SLIPS], n_shown;  /* rows matching the search */
};

static int64_t own_department(struct yc_app *app)
{
	/* a department's reviewer sees the department's own results */
	return strcmp(app->user.role, "reviewer") == 0 ? app->user.department_id : 0;
}

static void apply_search(struct slips *s)
{
	char q[64];
	int i;

	field_get(&s->search, q, sizeof q);
	for (i = 0; q[i]; i++)   /* numbers are upper case; a clerk may not type so */
		q[i] = (char)toupper((unsigned char)q[i]);
	s->n_shown = 0;
	for (i = 0; i < s->n; i++)
		if (!q[0] || strstr(s->rows[i].case_number, q) || strstr(s->rows[i].number, q))
			s->shown[s->n_shown++] = i;
	if (s->sel >= s->n_shown)
		s->sel = s->n_shown > 0 ? s->n_shown - 1 : 0;
}

static void load(struct yc_app *app, struct slips *s)
{
	struct yc_err err;

	if (store_slips_waiting(app->st, s->to_pickup ? "to_pickup" : "to_department",
				s->to_pickup ? own_department(app) : 0, app->today, s->rows, MAX_SLIPS, &s->n,
				&err) < 0) {
		ui_error(app, "%s", err.msg);
		s->n = 0;
	}
	apply_search(s);
}

static int enter(struct yc_app *app, void *priv)
{
	struct slips *s = priv;

	if (field_init(&s->search, 0) < 0)
		return -1;
	field_limit_bytes(&s->search, 48);
	/* the front hands to departments; departments and pickup see results */
	s->to_pickup = strcmp(app->user.role, "intake") != 0;
	load(app, s);
	return 0;
}

static void leave(struct yc_app *app, void *priv)
{
	struct slips *s = priv;

	field_free(&s->search);
}

static const char *envelope_label(const char *e)
{
	return strcmp(e, "immediate") == 0 ? _("immediate") : strcmp(e, "promised") == 0 ? _("promised") : _("result");
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct slips *s = priv;
	char line[800], title[200];
	int i, y, late = 0, shown = rows - 5;

	for (i = 0; i < s->n; i++)
		late += s->rows[i].late;
	snprintf(title, sizeof title, s->to_pickup ? _("Results waiting to go to the pickup window: %d") :
		 _("Slips waiting to go to the departments: %d"), s->n);
	ui_put(top, 1, cols - 2, title, A_BOLD);
	if (late)
		snprintf(line, sizeof line, _("%d from an earlier day (!): the paper should have gone the same day."), late);
	else
		line[0] = '\0';
	ui_put(top, cols / 2 + 4, cols / 2 - 5, line, ui_attr_error());
	ui_put(top + 1, 1, 12, _("Search:"), A_NORMAL);
	ui_draw_field(app, top + 1, 13, 30, &s->search, 1, 0);
	{
		char c1[64], c2[64], c3[32];

		/* columns by display width: printf pads bytes, not columns */
		yc_fit(_("Slip"), 20, 1, c1, sizeof c1);
		yc_fit(_("Case"), UI_CASE_NUMBER_COLS, 1, c2, sizeof c2);
		yc_fit(_("Kind"), 6, 1, c3, sizeof c3);
		snprintf(line, sizeof line, "  %s %s %s %s", c1, c2, c3, _("Item / department"));
	}
	ui_put(top + 3, 1, cols - 2, line, A_UNDERLINE);
	if (s->sel < s->top)
		s->top = s->sel;
	if (s->sel >= s->top + shown)
		s->top = s->sel - shown + 1;
	for (i = s->top, y = top + 4; i < s->n_shown && y < top + 4 + shown; i++, y++) {
		const struct yc_slip_row *r = &s->rows[s->shown[i]];
		char num[64], cn[64], kind[32];

		yc_fit(r->number, 20, 1, num, sizeof num);
		yc_fit(r->case_number, UI_CASE_NUMBER_COLS, 1, cn, sizeof cn);
		yc_fit(envelope_label(r->envelope), 6, 1, kind, sizeof kind);
		snprintf(line, sizeof line, "%s %s %s %s %s / %s  %.16s", r->late ? "!" : " ", num, cn, kind, r->item,
			 r->department, r->created_at);
		if (i == s->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, r->late ? ui_attr_error() : A_NORMAL);
	}
	if (s->n_shown == 0)
		ui_put(top + 5, 3, cols - 6, _("Nothing waiting."), ui_attr_dim());
}

static const struct yc_slip_row *selected(struct slips *s)
{
	return s->sel < s->n_shown ? &s->rows[s->shown[s->sel]] : NULL;
}

/* The one receiving types their login and password on this terminal;
 * a wrong password counts towards their lockout like any login. */
static int confirm_receiver(struct yc_app *app, const struct yc_slip_row *r, struct yc_user *receiver)
{
	char login[64] = "", password[128] = "", title[200];
	struct yc_err err;
	int rc;

	snprintf(title, sizeof title, _("Receiving slip %s"), r->number);
	if (!ui_prompt(app, title,
		       strcmp(r->direction, "to_department") == 0 ? _("Login of the department's receiver:")
								  : _("Login of the pickup clerk receiving:"),
		       login, sizeof login) ||
	    !ui_prompt_secret(app, title, _("Their password:"), password, sizeof password))
		return -1;
	rc = auth_login(app->st, login, password, app->cfg->login_max_failures, app->cfg->login_lock_minutes,
			receiver, &err);
	memset(password, 0, sizeof password);
	if (rc < 0) {
		ui_error(app, "%s", err.msg);
		return -1;
	}
	return 0;
}

static int hand_over(struct yc_app *app, struct slips *s)
{
	const struct yc_slip_row *r = selected(s);
	struct yc_user receiver;
	struct yc_err err;
	char number[64];

	if (!r)
		return UI_HANDLED;
	if (confirm_receiver(app, r, &receiver) < 0)
		return UI_REDRAW;
	yc_strlcpy(number, r->number, sizeof number);
	if (store_slip_handover(app->st, &app->user, &receiver, r->id, r->version, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Slip %s handed over to %s."), number, receiver.full_name);
	load(app, s);
	return UI_REDRAW;
}

/* What a slip lists, as the store reads it. */
struct slip_materials {
	struct doc_slip_material *m;
	size_t n, cap;
	int failed;            /* memory ran out */
};

static void forget_materials(struct slip_materials *l)
{
	while (l->n > 0)
		free((char *)l->m[--l->n].name);
	l->failed = 0;
}

static void add_material(void *ctx, const char *name, int paper, int electronic)
{
	struct slip_materials *l = ctx;
	char *copy = NULL;

	if (!name) {           /* start over */
		forget_materials(l);
		return;
	}
	if (yc_grow(&l->m, &l->cap, l->n, sizeof *l->m) < 0 || !(copy = strdup(name))) {
		l->failed = 1;
		return;
	}
	l->m[l->n++] = (struct doc_slip_material){ copy, paper, electronic };
}

/* The slip (documents.h) with what it lists; NULL with err. */
static char *slip_text(struct yc_app *app, const struct yc_slip_row *r, struct yc_err *err)
{
	struct slip_materials materials = { NULL, 0, 0, 0 };
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_slip slip = { r->number, r->case_number, r->item, r->department, r->applicant, r->envelope,
				 r->direction, r->created_at, NULL, 0 };
	char *text = NULL;

	if (store_slip_materials(app->st, r->id, add_material, &materials, err) < 0)
		return NULL;
	slip.materials = materials.m;
	slip.n_materials = (int)materials.n;
	if (materials.failed || !(text = doc_slip(&hall, &slip)))
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
	forget_materials(&materials);
	free(materials.m);
	return text;
}

static int print_slip(struct yc_app *app, struct slips *s)
{
	const struct yc_slip_row *r = selected(s);
	char path[YC_PATH_MAX + 64];
	struct yc_err err;
	char *text;

	if (!r)
		return UI_HANDLED;
	if (!(text = slip_text(app, r, &err)) || print_document(app->cfg, "slip", text, path, sizeof path, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Slip %s printed."), r->number);
	free(text);
	return UI_REDRAW;
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct slips *s = priv;
	const struct yc_slip_row *r;

	switch (act) {
	case ACT_HANDOVER: return hand_over(app, s);
	case ACT_PRINT: return print_slip(app, s);
	case ACT_DIRECTION:
		s->to_pickup = !s->to_pickup;
		s->sel = s->top = 0;
		load(app, s);
		return UI_REDRAW;
	case ACT_VIEW:
		if ((r = selected(s)))
			ui_case_view(app, r->case_id);
		return UI_REDRAW;
	case ACT_ESC:
		if (s->search.len == 0)
			return UI_BACK;
		field_clear(&s->search);
		apply_search(s);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct slips *s = priv;

	if (is_keycode && ch == KEY_DOWN && s->sel + 1 < s->n_shown)
		s->sel++;
	else if (is_keycode && ch == KEY_UP && s->sel > 0)
		s->sel--;
	else if (ui_field_key(&s->search, ch, is_keycode)) {
		s->sel = 0;
		apply_search(s);
	} else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_slips = {
	.name = "slips",
	.title = N_("Transfer slips"),
	.perm = PERM_SLIPS,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct slips),
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
};
