/* ui-items.h - "find a service item as you type": a search field over a
 * keyset-paged list of items, shared by the screens that start from an
 * item (catalogue, guidance desk). */
#ifndef YC_UI_ITEMS_H
#define YC_UI_ITEMS_H

#include "ui.h"
#include "ui-list.h"

struct ui_items {
	struct yc_app *app;
	struct yc_field search;
	char filter[128];
	struct ui_list list;
	long count;
};

int ui_items_init(struct ui_items *it, struct yc_app *app);
void ui_items_free(struct ui_items *it);
void ui_items_draw(struct ui_items *it, int top, int rows, int cols);
/* Up/Down/PgUp/PgDn/Home/End and typing into the search; 1 when used. */
int ui_items_key(struct ui_items *it, wint_t ch, int is_keycode);
/* Esc: clears the search; 0 when it was already empty. */
int ui_items_clear(struct ui_items *it);
const struct yc_item_row *ui_items_selected(const struct ui_items *it);
/* Same page again after other stations' changes. */
void ui_items_refresh(struct ui_items *it);

#endif
