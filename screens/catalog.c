/* catalog.c - the service catalogue: find an item as you type (Chinese
 * words, pinyin initials or code), read its guide with materials and the
 * review checkpoints in force today. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "ui.h"
#include "ui-items.h"
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

#define MAX_GUIDE 400

struct catalog {
	struct ui_items items;
	/* the guide being read, when open */
	int guide_open;
	char *guide[MAX_GUIDE];
	char guide_kind[MAX_GUIDE][12];
	int guide_n, guide_top, guide_rows;
};

static int enter(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	return ui_items_init(&c->items, app);
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
	ui_items_free(&c->items);
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
		ui_items_draw(&c->items, top, rows, cols);
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
	const struct yc_item_row *r = ui_items_selected(&c->items);
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
	case ACT_OPEN:
		return open_guide(app, c);
	case ACT_ESC:
		return ui_items_clear(&c->items) ? UI_REDRAW : UI_BACK;
	}
	return UI_UNHANDLED;   /* moving in the list: the finder's keys */
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct catalog *c = priv;

	if (c->guide_open)
		return UI_UNHANDLED;
	return ui_items_key(&c->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

static int data_changed(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	/* another station changed something: same page, same row */
	if (!c->guide_open)
		ui_items_refresh(&c->items);
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
