/* catalog.c - the service catalogue: find an item as you type (Chinese
 * words, pinyin initials or code), read its guide with materials and the
 * review checkpoints in force today. */
#include "config.h"


#include "store-catalog.h"
#include "ui.h"
#include "ui-items.h"
#include "ui-text.h"

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

struct catalog {
	struct ui_items items;
	int guide_open;
	struct ui_text guide;   /* the item's guide, when open */
};

static int catalog_enter(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	return ui_items_init(&c->items, app);
}

static void close_guide(struct catalog *c)
{
	ui_text_clear(&c->guide);
	c->guide_open = 0;
}

static void catalog_leave(struct yc_app *app, void *priv)
{
	struct catalog *c = priv;

	close_guide(c);
	ui_items_free(&c->items);
}

static void catalog_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct catalog *c = priv;

	if (c->guide_open)
		ui_text_draw(&c->guide, top, rows, cols);
	else
		ui_items_draw(&c->items, top, rows, cols);
}

static int catalog_open_guide(struct yc_app *app, struct catalog *c)
{
	const struct yc_item_row *r = ui_items_selected(&c->items);
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	close_guide(c);
	if (store_item_guide(app->st, r->id, app->today, ui_text_add, &c->guide, &err) < 0) {
		close_guide(c);
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	c->guide_open = 1;
	return UI_REDRAW;
}

static int catalog_action(struct yc_app *app, void *priv, int act)
{
	struct catalog *c = priv;

	if (c->guide_open) {
		if (act == ACT_ESC)
			close_guide(c);
		return act == ACT_ESC ? UI_REDRAW : UI_UNHANDLED;   /* scrolling: the viewer's keys */
	}
	switch (act) {
	case ACT_OPEN:
		return catalog_open_guide(app, c);
	case ACT_ESC:
		return ui_items_clear(&c->items) ? UI_REDRAW : UI_BACK;
	}
	return UI_UNHANDLED;   /* moving in the list: the finder's keys */
}

static int catalog_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct catalog *c = priv;

	if (c->guide_open)
		return ui_text_key(&c->guide, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	return ui_items_key(&c->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

static int catalog_data_changed(struct yc_app *app, void *priv)
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
	.enter = catalog_enter,
	.leave = catalog_leave,
	.draw = catalog_draw,
	.action = catalog_action,
	.key = catalog_key,
	.data_changed = catalog_data_changed,
};
