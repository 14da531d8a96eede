/* catalog.c - the service catalogue: find an item as you type (Chinese
 * words, pinyin initials or code), read its guide with materials and the
 * review checkpoints in force today. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui-list.h"
#include "width.h"

enum { ACT_DOWN = ACT_SCREEN, ACT_UP, ACT_PGDN, ACT_PGUP, ACT_HOME, ACT_END, ACT_OPEN, ACT_ESC };

static const struct yc_binding keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Guide"), N_("Show the guide of the selected item"), KB_BAR },
	{ ACT_DOWN, KEY_DOWN, "Down", N_("Down"), N_("Next item / scroll down"), 0 },
	{ ACT_UP, KEY_UP, "Up", N_("Up"), N_("Previous item / scroll up"), 0 },
	{ ACT_PGDN, KEY_NPAGE, "PgDn", N_("Page down"), N_("Next page"), 0 },
	{ ACT_PGUP, KEY_PPAGE, "PgUp", N_("Page up"), N_("Previous page"), 0 },
	{ ACT_HOME, KEY_HOME, "Home", N_("First"), N_("First page"), 0 },
	{ ACT_END, KEY_END, "End", N_("Last"), N_("Last page"), 0 },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Close the guide / clear the search / back to the menu"), KB_BAR },
};

#define MAX_ROWS 200
#define MAX_GUIDE 400

struct catalog {
	struct yc_app *app;
	struct yc_field search;
	char filter[128];
	struct ui_list list;
	long count;
	/* the guide being read, when open */
	int guide_open;
	char *guide[MAX_GUIDE];
	char guide_kind[MAX_GUIDE][12];
	int guide_n, guide_top, guide_rows;
};

static int fetch(void *ctx, const void *anchor, int forward, void *rows, int max, int *n)
{
	struct catalog *c = ctx;
	const struct yc_item_row *a = anchor;
	struct yc_err err;

	if (store_items_page(c->app->st, c->filter, a ? a->code : "", forward, rows, max, n, &err) < 0) {
		ui_error(c->app, "%s", err.msg);
		return -1;
	}
	return 0;
}

static void reload(struct catalog *c)
{
	struct yc_err err;

	field_get(&c->search, c->filter, sizeof c->filter);
	if (store_items_count(c->app->st, c->filter, &c->count, &err) < 0)
		ui_error(c->app, "%s", err.msg);
	ui_list_home(&c->list);
}

static int enter(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	c->app = app;
	if (field_init(&c->search, 60) < 0 ||
	    ui_list_init(&c->list, sizeof(struct yc_item_row), MAX_ROWS, fetch, c) < 0)
		return -1;
	c->list.visible = LINES - 8 > 1 ? LINES - 8 : 1;
	reload(c);
	return 0;
}

static void close_guide(struct catalog *c)
{
	int i;

	for (i = 0; i < c->guide_n; i++)
		free(c->guide[i]);
	c->guide_n = 0;
	c->guide_open = 0;
}

static void leave(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	close_guide(c);
	field_free(&c->search);
	ui_list_free(&c->list);
}

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "immediate") == 0 ? _("immediate") : _("promised");
}

static void draw_list(struct yc_app *app, struct catalog *c, int top, int rows, int cols)
{
	int name_w = cols - 1 - 9 - 16 - 8 - 6 - 8 - 6, i;
	char line[2048], count[64];

	ui_put(top, 1, 8, _("Find:"), A_BOLD);
	ui_draw_field(app, top, 9, 30, &c->search, 1, 0);
	ui_put(top, 41, cols - 41 - 14, _("Chinese words, pinyin initials or code"), ui_attr_dim());
	snprintf(count, sizeof count, _("%ld items"), c->count);
	ui_put(top, cols - 13, 12, count, A_NORMAL);
	{
		char h[6][64];

		yc_fit(_("Code"), 9, 1, h[0], sizeof h[0]);
		yc_fit(_("Service item"), name_w, 1, h[1], sizeof h[1]);
		yc_fit(_("Department"), 16, 1, h[2], sizeof h[2]);
		yc_fit(_("Window"), 8, 1, h[3], sizeof h[3]);
		yc_fit(_("Kind"), 6, 1, h[4], sizeof h[4]);
		yc_fit(_("Limit"), 8, 1, h[5], sizeof h[5]);
		snprintf(line, sizeof line, " %s %s %s %s %s %s", h[0], h[1], h[2], h[3], h[4], h[5]);
		ui_fill(top + 2, 0, cols, line, A_REVERSE);
	}
	if (ui_list_set_visible(&c->list, rows - 3) < 0)
		return;
	if (c->list.n == 0)
		ui_put(top + 3, 2, cols - 4, _("No service item matches. Try fewer characters or pinyin initials."),
		       A_NORMAL);
	for (i = 0; i < c->list.n; i++) {
		const struct yc_item_row *r = ui_list_row(&c->list, i);
		char f[6][300], limit[32];

		if (strcmp(r->kind, "immediate") == 0)
			snprintf(limit, sizeof limit, "%s", _("on the spot"));
		else
			snprintf(limit, sizeof limit, _("%d days"), r->promised_limit);
		yc_fit(r->code, 9, 1, f[0], sizeof f[0]);
		yc_fit_mark(r->name, name_w, 1, f[1], sizeof f[1]);
		yc_fit_mark(r->department, 16, 1, f[2], sizeof f[2]);
		yc_fit_mark(r->window_name, 8, 1, f[3], sizeof f[3]);
		yc_fit(kind_label(r->kind), 6, 1, f[4], sizeof f[4]);
		yc_fit(limit, 8, 1, f[5], sizeof f[5]);
		snprintf(line, sizeof line, " %s %s %s %s %s %s", f[0], f[1], f[2], f[3], f[4], f[5]);
		ui_fill(top + 3 + i, 0, cols, line, i == c->list.sel ? ui_attr_selected() : A_NORMAL);
	}
}

struct wrap_ctx {
	struct yc_app *app;
	int y, last, skip;
	attr_t attr;
};

static void put_wrapped(void *vctx, const char *line)
{
	struct wrap_ctx *w = vctx;

	if (w->skip > 0) {
		w->skip--;
		return;
	}
	if (w->y <= w->last)
		ui_put(w->y++, 2, COLS - 4, line, w->attr);
}

static void wrap_count(void *vctx, const char *line)
{
	(*(int *)vctx)++;
}

static int guide_height(struct catalog *c, int cols)
{
	int i, n = 0;

	for (i = 0; i < c->guide_n; i++)
		ui_wrap(c->guide[i], cols, wrap_count, &n);
	return n;
}

static void draw_guide(struct yc_app *app, struct catalog *c, int top, int rows, int cols)
{
	struct wrap_ctx w = { app, top, top + rows - 1, c->guide_top, A_NORMAL };
	int i;

	c->guide_rows = rows;
	for (i = 0; i < c->guide_n && w.y <= w.last; i++) {
		const char *k = c->guide_kind[i];

		w.attr = strcmp(k, "title") == 0 ? A_BOLD | A_UNDERLINE :
			 strcmp(k, "heading") == 0 ? A_BOLD :
			 strcmp(k, "checkpoint") == 0 ? ui_attr_dim() : A_NORMAL;
		ui_wrap(c->guide[i], cols - 4, put_wrapped, &w);
	}
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct catalog *c = priv;

	if (c->guide_open)
		draw_guide(app, c, top, rows, cols);
	else
		draw_list(app, c, top, rows, cols);
}

static void add_guide_line(void *ctx, const char *kind, const char *text)
{
	struct catalog *c = ctx;

	if (c->guide_n >= MAX_GUIDE)
		return;
	c->guide[c->guide_n] = strdup(text);
	if (!c->guide[c->guide_n])
		return;
	yc_strlcpy(c->guide_kind[c->guide_n], kind, sizeof c->guide_kind[0]);
	c->guide_n++;
}

static int open_guide(struct yc_app *app, struct catalog *c)
{
	const struct yc_item_row *r = ui_list_selected(&c->list);
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	close_guide(c);
	if (store_item_guide(app->st, r->id, app->today, add_guide_line, c, &err) < 0) {
		close_guide(c);
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	c->guide_open = 1;
	c->guide_top = 0;
	return UI_REDRAW;
}

static int scroll_guide(struct catalog *c, int by)
{
	int max = guide_height(c, COLS - 4) - c->guide_rows;

	c->guide_top += by;
	if (c->guide_top > max)
		c->guide_top = max;
	if (c->guide_top < 0)
		c->guide_top = 0;
	return UI_REDRAW;
}

static int guide_action(struct catalog *c, int act)
{
	switch (act) {
	case ACT_DOWN: return scroll_guide(c, 1);
	case ACT_UP: return scroll_guide(c, -1);
	case ACT_PGDN: return scroll_guide(c, c->guide_rows - 1);
	case ACT_PGUP: return scroll_guide(c, -(c->guide_rows - 1));
	case ACT_HOME: return scroll_guide(c, -1000000);
	case ACT_END: return scroll_guide(c, 1000000);
	case ACT_ESC:
		close_guide(c);
		return UI_REDRAW;
	}
	return UI_HANDLED;
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct catalog *c = priv;

	if (c->guide_open)
		return guide_action(c, act);
	switch (act) {
	case ACT_DOWN: ui_list_down(&c->list); return UI_REDRAW;
	case ACT_UP: ui_list_up(&c->list); return UI_REDRAW;
	case ACT_PGDN: ui_list_page_down(&c->list); return UI_REDRAW;
	case ACT_PGUP: ui_list_page_up(&c->list); return UI_REDRAW;
	case ACT_HOME:
	case ACT_END:
		/* Home/End edit the search text when there is some */
		if (c->search.len > 0)
			return UI_UNHANDLED;
		if (act == ACT_HOME)
			ui_list_home(&c->list);
		else
			ui_list_end(&c->list);
		return UI_REDRAW;
	case ACT_OPEN: return open_guide(app, c);
	case ACT_ESC:
		if (c->search.len == 0)
			return UI_BACK;
		field_clear(&c->search);
		reload(c);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct catalog *c = priv;
	char before[128];

	if (c->guide_open)
		return UI_UNHANDLED;
	field_get(&c->search, before, sizeof before);
	if (!ui_field_key(&c->search, ch, is_keycode))
		return UI_UNHANDLED;
	field_get(&c->search, c->filter, sizeof c->filter);
	if (strcmp(before, c->filter) != 0)
		reload(c);
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	struct yc_err err;

	/* another station changed something: same page, same row */
	if (!c->guide_open) {
		if (store_items_count(app->st, c->filter, &c->count, &err) < 0)
			ui_error(app, "%s", err.msg);
		ui_list_refresh(&c->list);
	}
	return UI_REDRAW;
}

const struct yc_screen_ops screen_catalog = {
	.name = "catalog",
	.title = N_("Service catalogue"),
	.perm = PERM_CATALOG_VIEW,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct catalog),
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
};
