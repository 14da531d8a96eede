/* ui-items.h - "find a service item as you type": a search field over the
 * table of items (ui-table.h), paged by the store's ranked search, shared
 * by the screens that start from an item (catalogue, guidance desk,
 * intake, the catalogue editor). */
#ifndef YC_UI_ITEMS_H
#define YC_UI_ITEMS_H

#include "store-catalog.h"
#include "ui.h"
#include "ui-table.h"

#define UI_ITEMS_COLS 6

struct ui_items {
	struct yc_app *app;
	struct yc_field search;
	char filter[128];                 /* the search, as the store was asked */
	struct ui_table_col cols[UI_ITEMS_COLS];   /* widths as wide as this language's words */
	struct ui_table table;
};

int ui_items_init(struct ui_items *it, struct yc_app *app);
void ui_items_free(struct ui_items *it);
void ui_items_draw(struct ui_items *it, int top, int rows, int cols);
/* Up/Down/PgUp/PgDn/Home/End (the table's moves; Home/End edit the
 * search when it has text) and typing into the search; 1 when used. */
int ui_items_key(struct ui_items *it, wint_t ch, int is_keycode);
/* Esc: clears the search; 0 when it was already empty. */
int ui_items_clear(struct ui_items *it);
const struct yc_item_row *ui_items_selected(const struct ui_items *it);
/* Same page again after other stations' changes. */
void ui_items_refresh(struct ui_items *it);

#endif
