/* ui-items.c - the item finder: a search field over the table of items,
 * paged by the store's ranked search. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "states.h"
#include "store-catalog.h"
#include "ui-items.h"
#include "width.h"

static int ui_items_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct ui_items *it = ctx;
	const struct yc_item_row *a = anchor;

	return store_items_page(it->app->st, it->filter, a ? a->code : "", forward, rows, max, n, err);
}

static int ui_items_count(void *ctx, long *total, struct yc_err *err)
{
	struct ui_items *it = ctx;

	return store_items_count(it->app->st, it->filter, total, err);
}

static int same_item(const void *a, const void *b)
{
	return ((const struct yc_item_row *)a)->id == ((const struct yc_item_row *)b)->id;
}

static const struct ui_table_source source = { ui_items_page, ui_items_count, NULL, same_item, NULL };

/* A column as wide as the widest of its words in this language (at least
 * min, at most max): English words are longer than Chinese ones. */
static int ui_items_column_width(int min, int max, const char *const *words, int n)
{
	int i, w = min;

	for (i = 0; i < n; i++)
		if (yc_width(words[i]) > w)
			w = yc_width(words[i]);
	return w < max ? w : max;
}

/* The time limit with its unit: 10 working days and 10 calendar days
 * are not the same promise. */
static void limit_text(const struct yc_item_row *r, char *out, size_t n)
{
	if (item_is_immediate(r->kind))
		snprintf(out, n, "%s", _("on the spot"));
	else if (strcmp(r->limit_unit, "day") == 0)
		snprintf(out, n, _("%d calendar days"), r->promised_limit);
	else if (strcmp(r->limit_unit, "month") == 0)
		snprintf(out, n, _("%d months"), r->promised_limit);
	else
		snprintf(out, n, _("%d working days"), r->promised_limit);
}

/* The name, and where the search found the item when not in the name:
 * the clerk sees why "开饭店" offers a food licence. */
static void name_text(const struct yc_item_row *r, char *out, size_t n)
{
	const char *where = r->found_in == ITEM_FOUND_IN_KEYWORDS ? _("keywords")
			    : r->found_in == ITEM_FOUND_IN_MATERIALS ? _("materials")
			    : r->found_in == ITEM_FOUND_IN_GUIDE ? _("service guide") : NULL;

	if (where)
		snprintf(out, n, _("%s (found in its %s)"), r->name, where);
	else
		snprintf(out, n, "%s", r->name);
}

static void col_name(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	name_text(row, out, n);
}

static void col_window(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_item_row *r = row;

	(void)ctx;
	yc_strlcpy(out, ui_category_label(r->window_category, r->window_name), n);
}

static void ui_items_col_kind(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_strlcpy(out, item_kind_label(((const struct yc_item_row *)row)->kind), n);
}

static void col_limit(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	limit_text(row, out, n);
}

/* The columns, the words' widths measured in the language shown. */
static void declare_columns(struct ui_items *it)
{
	char widest_limit[32];
	const char *kinds[] = { _("Kind"), _("immediate"), _("promised") };
	const char *limits[] = { _("Limit"), _("on the spot"), widest_limit };
	const char *windows[] = { _("Window"), _("Combined") };
	const struct ui_table_col cols[UI_ITEMS_COLS] = {
		{ N_("Code"), 9, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_item_row, code) },
		{ N_("Service item"), 0, UI_ALIGN_LEFT, 1, col_name, 0 },
		{ N_("Department"), 16, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_item_row, department) },
		{ N_("Window"), ui_items_column_width(8, 14, windows, 2), UI_ALIGN_LEFT, 1, col_window, 0 },
		{ N_("Kind"), ui_items_column_width(6, 12, kinds, 3), UI_ALIGN_LEFT, 0, ui_items_col_kind, 0 },
		{ N_("Limit"), 0, UI_ALIGN_LEFT, 0, col_limit, 0 },
	};

	snprintf(widest_limit, sizeof widest_limit, _("%d calendar days"), 30);
	memcpy(it->cols, cols, sizeof cols);
	it->cols[5].width = ui_items_column_width(10, 18, limits, 3);
}

int ui_items_init(struct ui_items *it, struct yc_app *app)
{
	memset(it, 0, sizeof *it);
	it->app = app;
	declare_columns(it);
	if (field_init(&it->search, 60) < 0 ||
	    ui_table_init(&it->table, app, sizeof(struct yc_item_row), it->cols, UI_ITEMS_COLS, &source, it) < 0)
		return -1;
	it->table.x = 1;
	it->table.empty = "";   /* drawn below the header, with its hint */
	return 0;
}

void ui_items_free(struct ui_items *it)
{
	field_free(&it->search);
	ui_table_free(&it->table);
}

const struct yc_item_row *ui_items_selected(const struct ui_items *it)
{
	return ui_table_selected(&it->table);
}

void ui_items_refresh(struct ui_items *it)
{
	ui_table_refresh(&it->table);
}

static void ui_items_reload(struct ui_items *it)
{
	field_get(&it->search, it->filter, sizeof it->filter);
	ui_table_reload(&it->table);
}

int ui_items_clear(struct ui_items *it)
{
	if (it->search.len == 0)
		return 0;
	field_clear(&it->search);
	ui_items_reload(it);
	return 1;
}

/* The table's move for a key, or 0. */
static int table_move(const struct ui_items *it, wint_t ch)
{
	switch (ch) {
	case KEY_DOWN: return ACT_TABLE_DOWN;
	case KEY_UP: return ACT_TABLE_UP;
	case KEY_NPAGE: return ACT_TABLE_PAGE_DOWN;
	case KEY_PPAGE: return ACT_TABLE_PAGE_UP;
	/* Home/End edit the search text when there is some */
	case KEY_HOME: return it->search.len > 0 ? 0 : ACT_TABLE_HOME;
	case KEY_END: return it->search.len > 0 ? 0 : ACT_TABLE_END;
	}
	return 0;
}

int ui_items_key(struct ui_items *it, wint_t ch, int is_keycode)
{
	char before[sizeof it->filter];
	int move = is_keycode ? table_move(it, ch) : 0;

	if (move)
		return ui_table_action(&it->table, move) != UI_UNHANDLED;
	field_get(&it->search, before, sizeof before);
	if (!ui_field_key(&it->search, ch, is_keycode))
		return 0;
	field_get(&it->search, it->filter, sizeof it->filter);
	if (strcmp(before, it->filter) != 0)
		ui_table_reload(&it->table);
	return 1;
}

void ui_items_draw(struct ui_items *it, int top, int rows, int cols)
{
	char total[64];

	declare_columns(it);   /* a printout may have switched the language since */
	ui_put(top, 1, 8, _("Find:"), A_BOLD);
	ui_draw_field(it->app, top, 9, 30, &it->search, 1, 0);
	ui_put(top, 41, cols - 41 - 14, _("Words, pinyin or code"), ui_attr_dim());
	snprintf(total, sizeof total, _("%ld items"), ui_table_total(&it->table));
	ui_put(top, cols - 13, 12, total, A_NORMAL);
	/* one column to the right is left blank, as the finder always had it */
	ui_table_draw(&it->table, top + 2, rows - 2, cols - 1);
	if (!ui_items_selected(it))
		ui_put(top + 3, 2, cols - 4, _("No service item matches. Try fewer characters, other words, or pinyin."),
		       A_NORMAL);
}
