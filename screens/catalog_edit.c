/* catalog_edit.c - catalogue maintenance: an item's limits, fee, guide,
 * FAQ and promise conditions (告知承诺制); its materials, and which of them
 * may be supplied after acceptance (容缺); its review checkpoints, where a change is a new
 * version from a chosen day and the old text stays on record (第十条).
 * Administrators edit every item, department reviewers their own. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-catalog-edit.h"
#include "store-catalog.h"
#include "ui.h"
#include "ui-form.h"
#include "ui-items.h"
#include "ui-text.h"

/* The versions of one checkpoint shown, the newest first: hundreds would
 * mean a catalogue edited daily for years. */
#define HISTORY_MAX 200

enum {
	ACT_OPEN = ACT_SCREEN, ACT_SAVE, ACT_SWITCH, ACT_NEW_CHECKPOINT, ACT_NEW_MATERIAL,
	ACT_REQUIRED, ACT_WAIVABLE, ACT_HISTORY, ACT_ESC,
};

static const struct yc_binding keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Edit"), N_("Open the item / change the selected material or checkpoint"), KB_BAR },
	{ ACT_SAVE, KEY_F(2), "F2", N_("Save"), N_("Save the item's fields"), KB_BAR },
	{ ACT_SWITCH, KEY_F(3), "F3", N_("Fields/materials"), N_("Move between the item's fields and its materials"), KB_BAR },
	{ ACT_NEW_CHECKPOINT, KEY_F(5), "F5", N_("New point"), N_("Add a review checkpoint to the selected material"), KB_BAR },
	{ ACT_NEW_MATERIAL, KEY_F(6), "F6", N_("New material"), N_("Add a material to the item"), KB_BAR },
	{ ACT_REQUIRED, KEY_F(7), "F7", N_("Required"), N_("Switch the selected material between required and if applicable"), 0 },
	{ ACT_WAIVABLE, KEY_F(8), "F8", N_("Later OK"), N_("Switch whether the selected required material may be missing at acceptance and supplied later on the applicant's commitment"), 0 },
	{ ACT_HISTORY, KEY_F(4), "F4", N_("History"), N_("Every version of the selected checkpoint, with dates and who changed it"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Back to the search / to the main menu"), KB_BAR },
};

enum { F_NAME, F_PINYIN, F_STATUTORY, F_PROMISED, F_FEE, F_FEE_NOTE, F_GUIDE, F_FAQ, F_PROMISE, N_FIELDS };

static const char *const labels[N_FIELDS] = {
	N_("Name"), N_("Pinyin initials"), N_("Statutory limit"), N_("Promised limit"),
	N_("Fee (yuan)"), N_("Fee note"), N_("Service guide"), N_("FAQ"),
	N_("Promise conditions"),
};

#define MAX_LINES 120

struct editor {
	int editing;
	struct ui_items items;
	struct yc_item_edit item;
	struct ui_form form;
	struct yc_outline_line lines[MAX_LINES];
	int n_lines, sel, top, on_outline;
	int history_open;
	struct ui_text history;
};

static int catalog_edit_enter(struct yc_app *app, void *priv)
{
	struct editor *e = priv;

	/* each field no longer than the record's column can take */
	static const size_t bytes[N_FIELDS] = {
		sizeof e->item.name, sizeof e->item.pinyin, 8, 8, 12, sizeof e->item.fee_note,
		sizeof e->item.guide, sizeof e->item.faq, sizeof e->item.promise_conditions,
	};
	int i;

	if (ui_form_init(&e->form, labels, N_FIELDS, 0) < 0)
		return -1;
	for (i = 0; i < N_FIELDS; i++)
		field_limit_bytes(&e->form.fields[i], bytes[i]);
	return ui_items_init(&e->items, app);
}

static void catalog_edit_leave(struct yc_app *app, void *priv)
{
	struct editor *e = priv;

	ui_form_free(&e->form);
	ui_items_free(&e->items);
	ui_text_clear(&e->history);
}

static void load_outline(struct yc_app *app, struct editor *e)
{
	struct yc_err err;

	if (store_item_outline(app->st, e->item.id, app->today, e->lines, MAX_LINES, &e->n_lines, &err) < 0)
		ui_error(app, "%s", err.msg);
	if (e->sel >= e->n_lines)
		e->sel = e->n_lines > 0 ? e->n_lines - 1 : 0;
}

static void fill_form(struct editor *e)
{
	char num[32];

	ui_form_set(&e->form, F_NAME, e->item.name);
	ui_form_set(&e->form, F_PINYIN, e->item.pinyin);
	snprintf(num, sizeof num, "%d", e->item.statutory_limit);
	ui_form_set(&e->form, F_STATUTORY, num);
	snprintf(num, sizeof num, "%d", e->item.promised_limit);
	ui_form_set(&e->form, F_PROMISED, num);
	snprintf(num, sizeof num, "%d.%02d", e->item.fee_fen / 100, e->item.fee_fen % 100);
	ui_form_set(&e->form, F_FEE, num);
	ui_form_set(&e->form, F_FEE_NOTE, e->item.fee_note);
	ui_form_set(&e->form, F_GUIDE, e->item.guide);
	ui_form_set(&e->form, F_FAQ, e->item.faq);
	ui_form_set(&e->form, F_PROMISE, e->item.promise_conditions);
}

static int catalog_edit_open_item(struct yc_app *app, struct editor *e)
{
	const struct yc_item_row *r = ui_items_selected(&e->items);
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	if (store_item_load(app->st, r->id, &e->item, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	/* say it now, not after the typing: the core refuses the save anyway */
	if (auth_may_edit_catalog(&app->user, e->item.department_id, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	fill_form(e);
	e->form.focus = 0;
	e->sel = e->top = e->on_outline = 0;
	e->editing = 1;
	load_outline(app, e);
	return UI_REDRAW;
}

static void draw_editor(struct yc_app *app, struct editor *e, int top, int rows, int cols)
{
	char line[1200];
	int y, i, avail;

	snprintf(line, sizeof line, "%s  %s", e->item.code, e->item.name);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_form_draw(app, &e->form, top + 1, 1, cols - 2, 16);
	if (e->on_outline)   /* the outline has the focus, not a field */
		app->cursor_y = app->cursor_x = -1;
	y = top + 2 + N_FIELDS;
	ui_fill(y++, 0, cols, _(" Materials and review checkpoints in force today (F3 to move here)"), A_REVERSE);
	avail = top + rows - y;
	if (e->sel < e->top)
		e->top = e->sel;
	if (e->sel >= e->top + avail)
		e->top = e->sel - avail + 1;
	for (i = e->top; i < e->n_lines && y < top + rows; i++, y++) {
		const struct yc_outline_line *l = &e->lines[i];

		if (l->checkpoint_seq == 0)
			snprintf(line, sizeof line, "%d. %s  [%s]", l->material_seq, l->text,
				 !l->required ? _("if any") : l->waivable ? _("required, may come later")
				 : _("required"));
		else
			snprintf(line, sizeof line, _("    - %s  (v%d from %s)"), l->text, l->version,
				 l->effective_from);
		ui_fill(y, 1, cols - 2, line,
			e->on_outline && i == e->sel ? ui_attr_selected() :
			l->checkpoint_seq ? ui_attr_dim() : A_NORMAL);
	}
}

static void catalog_edit_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct editor *e = priv;

	if (e->history_open)
		ui_text_draw(&e->history, top, rows, cols);
	else if (e->editing)
		draw_editor(app, e, top, rows, cols);
	else
		ui_items_draw(&e->items, top, rows, cols);
}

static int parse_count(const char *s, int *out)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (!*s || *end || v < 0 || v > 100000)
		return -1;
	*out = (int)v;
	return 0;
}


static int save_item(struct yc_app *app, struct editor *e)
{
	struct yc_item_edit next = e->item;
	char num[64];
	struct yc_err err;
	long long fee;

	ui_form_get(&e->form, F_NAME, next.name, sizeof next.name);
	ui_form_get(&e->form, F_PINYIN, next.pinyin, sizeof next.pinyin);
	ui_form_get(&e->form, F_FEE_NOTE, next.fee_note, sizeof next.fee_note);
	ui_form_get(&e->form, F_GUIDE, next.guide, sizeof next.guide);
	ui_form_get(&e->form, F_FAQ, next.faq, sizeof next.faq);
	ui_form_get(&e->form, F_PROMISE, next.promise_conditions, sizeof next.promise_conditions);
	ui_form_get(&e->form, F_STATUTORY, num, sizeof num);
	if (parse_count(num, &next.statutory_limit) < 0) {
		e->form.focus = F_STATUTORY;
		ui_error(app, _("'%s' is not a number of days."), num);
		return UI_REDRAW;
	}
	ui_form_get(&e->form, F_PROMISED, num, sizeof num);
	if (parse_count(num, &next.promised_limit) < 0) {
		e->form.focus = F_PROMISED;
		ui_error(app, _("'%s' is not a number of days."), num);
		return UI_REDRAW;
	}
	ui_form_get(&e->form, F_FEE, num, sizeof num);
	if ((fee = yc_parse_yuan(num, 10000000)) < 0) {
		e->form.focus = F_FEE;
		ui_error(app, _("'%s' is not an amount in yuan (for example 80 or 12.50)."), num);
		return UI_REDRAW;
	}
	next.fee_fen = (int)fee;
	if (store_item_save(app->st, &app->user, &next, &err) < 0) {
		ui_error(app, "%s", err.msg);   /* the form keeps what was typed */
		return UI_REDRAW;
	}
	e->item = next;
	ui_say(app, _("%s saved."), next.code);
	return UI_REDRAW;
}

static int form_changed(const struct editor *e)
{
	struct editor probe;
	char a[4096];
	int i;

	/* compare with what was loaded, through the same formatting */
	memset(&probe, 0, sizeof probe);
	if (ui_form_init(&probe.form, labels, N_FIELDS, 0) < 0)
		return 1;
	probe.item = e->item;
	fill_form(&probe);
	for (i = 0; i < N_FIELDS; i++) {
		char b[4096];

		ui_form_get(&e->form, i, a, sizeof a);
		ui_form_get(&probe.form, i, b, sizeof b);
		if (strcmp(a, b) != 0)
			break;
	}
	ui_form_free(&probe.form);
	return i < N_FIELDS;
}

static int ask_day(struct yc_app *app, char day[11])
{
	char text[32];
	yc_date d;

	yc_strlcpy(text, app->today, sizeof text);
	for (;;) {
		if (!ui_prompt(app, _("Review checkpoint"), _("In force from (YYYY-MM-DD):"), text, sizeof text))
			return 0;
		if (date_parse(text, &d) == 0)
			break;
		ui_error(app, _("'%s' is not a date; type it as 2026-12-01."), text);
	}
	date_format(d, day);
	return 1;
}

static int edit_checkpoint(struct yc_app *app, struct editor *e, int64_t material_id, int seq,
			   const char *current)
{
	char text[512], day[11];
	struct yc_err err;

	yc_strlcpy(text, current, sizeof text);
	for (;;) {
		if (!ui_prompt(app, _("Review checkpoint"), _("Text of the checkpoint:"), text, sizeof text) ||
		    !ask_day(app, day))
			return UI_REDRAW;
		if (store_checkpoint_revise(app->st, &app->user, material_id, seq, text, day, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			return UI_REDRAW;
	}
	ui_say(app, _("Checkpoint saved, in force from %s; the earlier version stays on record."), day);
	load_outline(app, e);
	return UI_REDRAW;
}

static const struct yc_outline_line *selected_line(const struct editor *e)
{
	return e->on_outline && e->sel < e->n_lines ? &e->lines[e->sel] : NULL;
}

static int edit_line(struct yc_app *app, struct editor *e)
{
	const struct yc_outline_line *l = selected_line(e);
	char name[128];
	struct yc_err err;

	if (!l)
		return UI_HANDLED;
	if (l->checkpoint_seq)
		return edit_checkpoint(app, e, l->material_id, l->checkpoint_seq, l->text);
	yc_strlcpy(name, l->text, sizeof name);
	if (!ui_prompt(app, _("Material"), _("Name of the material:"), name, sizeof name))
		return UI_REDRAW;
	if (store_material_save(app->st, &app->user, e->item.id, l->material_id, name, l->required, &err) < 0)
		ui_error(app, "%s", err.msg);
	load_outline(app, e);
	return UI_REDRAW;
}

static int new_material(struct yc_app *app, struct editor *e)
{
	char name[128] = "";
	struct yc_err err;

	if (!ui_prompt(app, _("Material"), _("Name of the new material:"), name, sizeof name))
		return UI_REDRAW;
	if (store_material_save(app->st, &app->user, e->item.id, 0, name, 1, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("Material added; F5 adds its review checkpoints."));
	load_outline(app, e);
	return UI_REDRAW;
}

static int toggle_required(struct yc_app *app, struct editor *e)
{
	const struct yc_outline_line *l = selected_line(e);
	struct yc_err err;

	if (!l || l->checkpoint_seq) {
		ui_error(app, "%s", _("Select a material first (F3, then Up/Down)."));
		return UI_REDRAW;
	}
	if (store_material_save(app->st, &app->user, e->item.id, l->material_id, l->text, !l->required, &err) < 0)
		ui_error(app, "%s", err.msg);
	load_outline(app, e);
	return UI_REDRAW;
}

static int toggle_waivable(struct yc_app *app, struct editor *e)
{
	const struct yc_outline_line *l = selected_line(e);
	struct yc_err err;

	if (!l || l->checkpoint_seq) {
		ui_error(app, "%s", _("Select a material first (F3, then Up/Down)."));
		return UI_REDRAW;
	}
	if (store_material_set_waivable(app->st, &app->user, l->material_id, !l->waivable, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, !l->waivable ? _("%s may now be supplied after acceptance, on the applicant's commitment.")
					 : _("%s must now be handed in before acceptance."), l->text);
	load_outline(app, e);
	return UI_REDRAW;
}

static int show_history(struct yc_app *app, struct editor *e)
{
	const struct yc_outline_line *l = selected_line(e);
	static struct yc_checkpoint_version v[HISTORY_MAX];
	struct yc_err err;
	char line[1024];
	int n, i;

	if (!l || !l->checkpoint_seq) {
		ui_error(app, "%s", _("Select a checkpoint first (F3, then Up/Down)."));
		return UI_REDRAW;
	}
	if (store_checkpoint_history(app->st, l->material_id, l->checkpoint_seq, v, HISTORY_MAX, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_text_clear(&e->history);
	snprintf(line, sizeof line, _("History of checkpoint %d of material %d"), l->checkpoint_seq,
		 l->material_seq);
	ui_text_add(&e->history, "title", line);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof line, _("Version %d: from %s to %s, changed by %s on %.10s"),
			 v[i].version, v[i].effective_from,
			 v[i].effective_to[0] ? v[i].effective_to : _("(in force)"),
			 v[i].changed_by[0] ? v[i].changed_by : _("(catalogue import)"), v[i].changed_at);
		ui_text_add(&e->history, "heading", line);
		ui_text_add(&e->history, "text", v[i].text);
	}
	if (n == HISTORY_MAX)
		ui_text_add(&e->history, "", _("(older versions not shown)"));
	e->history_open = 1;
	return UI_REDRAW;
}

static int editor_action(struct yc_app *app, struct editor *e, int act)
{
	const struct yc_outline_line *l = selected_line(e);

	switch (act) {
	case ACT_SAVE: return save_item(app, e);
	case ACT_SWITCH:
		e->on_outline = !e->on_outline;
		return UI_REDRAW;
	case ACT_OPEN:
		if (!e->on_outline) {   /* Enter in the form: next field */
			ui_form_key(&e->form, '\t', 0);
			return UI_REDRAW;
		}
		return edit_line(app, e);
	case ACT_NEW_CHECKPOINT:
		if (!l) {
			ui_error(app, "%s", _("Select a material first (F3, then Up/Down)."));
			return UI_REDRAW;
		}
		return edit_checkpoint(app, e, l->material_id, 0, "");
	case ACT_NEW_MATERIAL: return new_material(app, e);
	case ACT_REQUIRED: return toggle_required(app, e);
	case ACT_WAIVABLE: return toggle_waivable(app, e);
	case ACT_HISTORY: return show_history(app, e);
	case ACT_ESC:
		if (form_changed(e) && !ui_confirm(app, _("Leave without saving the item's fields?")))
			return UI_REDRAW;
		e->editing = 0;
		ui_items_refresh(&e->items);
		return UI_REDRAW;
	}
	return UI_HANDLED;
}

static int catalog_edit_action(struct yc_app *app, void *priv, int act)
{
	struct editor *e = priv;

	if (e->history_open) {
		if (act == ACT_ESC) {
			e->history_open = 0;
			ui_text_clear(&e->history);
			return UI_REDRAW;
		}
		return UI_UNHANDLED;   /* scrolling: the viewer's keys */
	}
	if (e->editing)
		return editor_action(app, e, act);
	switch (act) {
	case ACT_OPEN: return catalog_edit_open_item(app, e);
	case ACT_ESC: return ui_items_clear(&e->items) ? UI_REDRAW : UI_BACK;
	}
	return UI_UNHANDLED;
}

static int catalog_edit_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct editor *e = priv;

	if (e->history_open)
		return ui_text_key(&e->history, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (!e->editing)
		return ui_items_key(&e->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (e->on_outline && is_keycode && (ch == KEY_DOWN || ch == KEY_UP)) {
		if (ch == KEY_DOWN && e->sel + 1 < e->n_lines)
			e->sel++;
		else if (ch == KEY_UP && e->sel > 0)
			e->sel--;
		return UI_REDRAW;
	}
	if (!e->on_outline && ui_form_key(&e->form, ch, is_keycode))
		return UI_REDRAW;
	return UI_UNHANDLED;
}

static int catalog_edit_data_changed(struct yc_app *app, void *priv)
{
	struct editor *e = priv;

	if (e->editing)
		load_outline(app, e);   /* the fields being typed stay as they are */
	else
		ui_items_refresh(&e->items);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_catalog_edit = {
	.name = "catalog_edit",
	.title = N_("Catalogue maintenance"),
	.perm = PERM_CATALOG_EDIT,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct editor),
	.enter = catalog_edit_enter,
	.leave = catalog_edit_leave,
	.draw = catalog_edit_draw,
	.action = catalog_edit_action,
	.key = catalog_edit_key,
	.data_changed = catalog_edit_data_changed,
};
