/* slips.c - transfer slips (材料证照流转单): the slips waiting for handover,
 * from the front to the departments and from the departments to the
 * pickup window, those left over from an earlier day first (paper must
 * reach the department the same day). Handing over is confirmed by the
 * one receiving, with their own login and password on this terminal. A
 * slip prints with its case number as a QR code, which a scanner types
 * back into the search. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "documents.h"
#include "print.h"
#include "states.h"
#include "store-slips.h"
#include "store-users.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_HANDOVER = ACT_SCREEN, ACT_PRINT, ACT_DIRECTION, ACT_VIEW, ACT_ESC };

static const struct yc_binding keys[] = {
	{ ACT_HANDOVER, KEY_F(5), "F5", N_("Hand over"), N_("Hand the selected slip over; the one receiving confirms with their password"), KB_BAR },
	{ ACT_PRINT, KEY_F(6), "F6", N_("Print"), N_("Print the selected slip, with its case number as a QR code"), KB_BAR },
	{ ACT_DIRECTION, KEY_F(3), "F3", N_("Direction"), N_("Switch between slips to the departments and results to pickup"), KB_BAR },
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Case"), N_("The selected slip's case and its story"), 0 },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Clear the search / back to the main menu"), KB_BAR },
	UI_TABLE_KEYS,
};

struct slips {
	struct yc_app *app;
	int to_pickup;                  /* which direction is listed */
	struct ui_table table;
	struct yc_field search;         /* case or slip number: typed or scanned */
	char query[64];                 /* the search, as the store was asked */
	long late;                      /* left over from an earlier day, of the whole list */
	struct yc_slip_row picked;      /* the slip an action is about (selected) */
};

static int64_t own_department(struct yc_app *app)
{
	/* a department's reviewer sees the department's own results */
	return auth_role_in_department(app->user.role) ? app->user.department_id : 0;
}

/* a department's reviewer works for every site; the front and the pickup
 * window for their own */
static const char *site(const struct slips *s)
{
	return auth_role_in_department(s->app->user.role) ? "" : s->app->cfg->site_code;
}

static const char *direction(const struct slips *s)
{
	return s->to_pickup ? "to_pickup" : "to_department";
}

static int64_t department(const struct slips *s)
{
	return s->to_pickup ? own_department(s->app) : 0;
}

static const char *envelope_label(const char *e)
{
	return strcmp(e, "immediate") == 0 ? _("immediate") : strcmp(e, "promised") == 0 ? _("promised") : _("result");
}

static void col_late(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", ((const struct yc_slip_row *)row)->late ? "!" : " ");
}

static void slips_col_kind(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", envelope_label(((const struct yc_slip_row *)row)->envelope));
}

static void col_where(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_slip_row *r = row;

	(void)ctx;
	snprintf(out, n, "%s / %s  %.16s", r->item, r->department, r->created_at);
}

static const struct ui_table_col columns[] = {
	{ "", 1, UI_ALIGN_LEFT, 0, col_late, 0 },
	{ N_("Slip"), 20, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_slip_row, number) },
	{ N_("Case"), UI_CASE_NUMBER_COLS, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_slip_row, case_number) },
	{ N_("Kind"), 6, UI_ALIGN_LEFT, 0, slips_col_kind, 0 },
	{ N_("Item / department"), 0, UI_ALIGN_LEFT, 0, col_where, 0 },
};

static int slips_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct slips *s = ctx;

	return store_slips_waiting_page(s->app->st, site(s), direction(s), department(s), s->app->today, s->query, anchor,
					forward, rows, max, n, err);
}

/* The whole list's, whatever the search shows. */
static int slips_count(void *ctx, long *total, struct yc_err *err)
{
	struct slips *s = ctx;

	return store_slips_waiting_count(s->app->st, site(s), direction(s), department(s), s->app->today, "", total, &s->late,
					 err);
}

/* Left over from an earlier day: in red. */
static attr_t slips_row_attr(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct yc_slip_row *)row)->late ? ui_attr_error() : A_NORMAL;
}

static int same_slip(const void *a, const void *b)
{
	return ((const struct yc_slip_row *)a)->id == ((const struct yc_slip_row *)b)->id;
}

static const struct ui_table_source source = { slips_page, slips_count, slips_row_attr, same_slip, NULL };

/* The search changed, or the direction: from the first row again. */
static void slips_reload(struct slips *s)
{
	field_get(&s->search, s->query, sizeof s->query);
	ui_table_reload(&s->table);
}

static int slips_enter(struct yc_app *app, void *priv)
{
	struct slips *s = priv;

	s->app = app;
	if (field_init(&s->search, 0) < 0)
		return -1;
	field_limit_bytes(&s->search, 48);
	/* the front hands to departments; departments and pickup see results */
	s->to_pickup = !auth_role_allows(app->user.role, PERM_INTAKE);
	if (ui_table_init(&s->table, app, sizeof(struct yc_slip_row), columns, YC_ARRAY_LEN(columns), &source, s) < 0)
		return -1;
	s->table.x = 1;
	s->table.empty = N_("Nothing waiting.");
	return 0;
}

static void slips_leave(struct yc_app *app, void *priv)
{
	struct slips *s = priv;

	field_free(&s->search);
	ui_table_free(&s->table);
}

static void slips_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct slips *s = priv;
	char line[800], title[200];

	snprintf(title, sizeof title, s->to_pickup ? _("Results waiting to go to the pickup window: %ld") :
		 _("Slips waiting to go to the departments: %ld"), ui_table_total(&s->table));
	ui_put(top, 1, cols - 2, title, A_BOLD);
	if (s->late)
		snprintf(line, sizeof line, _("%ld from an earlier day (!): the paper should have gone the same day."),
			 s->late);
	else
		line[0] = '\0';
	ui_put(top, cols / 2 + 4, cols / 2 - 5, line, ui_attr_error());
	ui_put(top + 1, 1, 12, _("Search:"), A_NORMAL);
	ui_draw_field(app, top + 1, 13, 30, &s->search, 1, 0);
	ui_table_draw(&s->table, top + 3, rows - 4, cols - 1);
}

/* The selected slip, copied: the redraws under an action's dialogs may
 * page the table under it. NULL when the list is empty. */
static const struct yc_slip_row *selected(struct slips *s)
{
	const struct yc_slip_row *r = ui_table_selected(&s->table);

	if (!r)
		return NULL;
	s->picked = *r;
	return &s->picked;
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
		       slip_goes_to_department(r->direction) ? _("Login of the department's receiver:")
								  : _("Login of the pickup clerk receiving:"),
		       login, sizeof login) ||
	    !ui_prompt_secret(app, title, _("Their password:"), password, sizeof password))
		return -1;
	rc = auth_login(app->st, login, password, receiver, &err);
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
	ui_table_refresh(&s->table);
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
static char *slips_slip_text(struct yc_app *app, const struct yc_slip_row *r, struct yc_err *err)
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

static int slips_print_slip(struct yc_app *app, struct slips *s)
{
	const struct yc_slip_row *r = selected(s);
	char path[YC_PATH_MAX + 64];
	struct yc_err err;
	char *text;

	if (!r)
		return UI_HANDLED;
	if (!(text = slips_slip_text(app, r, &err)) || print_document(app->cfg, "slip", text, path, sizeof path, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Slip %s printed."), r->number);
	free(text);
	return UI_REDRAW;
}

static int slips_action(struct yc_app *app, void *priv, int act)
{
	struct slips *s = priv;
	const struct yc_slip_row *r;

	switch (act) {
	case ACT_HANDOVER: return hand_over(app, s);
	case ACT_PRINT: return slips_print_slip(app, s);
	case ACT_DIRECTION:
		s->to_pickup = !s->to_pickup;
		slips_reload(s);
		return UI_REDRAW;
	case ACT_VIEW:
		if ((r = selected(s)))
			ui_case_view(app, r->case_id);
		return UI_REDRAW;
	case ACT_ESC:
		if (s->search.len == 0)
			return UI_BACK;
		field_clear(&s->search);
		slips_reload(s);
		return UI_REDRAW;
	case ACT_TABLE_HOME:
	case ACT_TABLE_END:
		if (s->search.len > 0)   /* they move in the search text then */
			return UI_UNHANDLED;
	}
	return ui_table_action(&s->table, act);
}

static int slips_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct slips *s = priv;
	char before[sizeof s->query];

	field_get(&s->search, before, sizeof before);
	if (!ui_field_key(&s->search, ch, is_keycode))
		return UI_UNHANDLED;
	field_get(&s->search, s->query, sizeof s->query);
	if (strcmp(before, s->query) != 0)
		ui_table_reload(&s->table);
	return UI_REDRAW;
}

static int slips_data_changed(struct yc_app *app, void *priv)
{
	struct slips *s = priv;

	ui_table_refresh(&s->table);
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
	.enter = slips_enter,
	.leave = slips_leave,
	.draw = slips_draw,
	.action = slips_action,
	.key = slips_key,
	.data_changed = slips_data_changed,
};
