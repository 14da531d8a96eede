/* ui-items.c - the item finder: search field + keyset list of items. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "ui-items.h"
#include "width.h"

#define MAX_ROWS 200

static int fetch(void *ctx, const void *anchor, int forward, void *rows, int max, int *n)
{
	struct ui_items *it = ctx;
	const struct yc_item_row *a = anchor;
	struct yc_err err;

	if (store_items_page(it->app->st, it->filter, a ? a->code : "", forward, rows, max, n, &err) < 0) {
		ui_error(it->app, "%s", err.msg);
		return -1;
	}
	return 0;
}

static void count(struct ui_items *it)
{
	struct yc_err err;

	if (store_items_count(it->app->st, it->filter, &it->count, &err) < 0)
		ui_error(it->app, "%s", err.msg);
}

static void reload(struct ui_items *it)
{
	field_get(&it->search, it->filter, sizeof it->filter);
	count(it);
	ui_list_home(&it->list);
}

int ui_items_init(struct ui_items *it, struct yc_app *app)
{
	memset(it, 0, sizeof *it);
	it->app = app;
	if (field_init(&it->search, 60) < 0 ||
	    ui_list_init(&it->list, sizeof(struct yc_item_row), MAX_ROWS, fetch, it) < 0)
		return -1;
	it->list.visible = LINES - 8 > 1 ? LINES - 8 : 1;
	reload(it);
	return 0;
}

void ui_items_free(struct ui_items *it)
{
	field_free(&it->search);
	ui_list_free(&it->list);
}

const struct yc_item_row *ui_items_selected(const struct ui_items *it)
{
	return ui_list_selected(&it->list);
}

void ui_items_refresh(struct ui_items *it)
{
	count(it);
	ui_list_refresh(&it->list);
}

int ui_items_clear(struct ui_items *it)
{
	if (it->search.len == 0)
		return 0;
	field_clear(&it->search);
	reload(it);
	return 1;
}

int ui_items_key(struct ui_items *it, wint_t ch, int is_keycode)
{
	char before[128];

	if (is_keycode) {
		switch (ch) {
		case KEY_DOWN: ui_list_down(&it->list); return 1;
		case KEY_UP: ui_list_up(&it->list); return 1;
		case KEY_NPAGE: ui_list_page_down(&it->list); return 1;
		case KEY_PPAGE: ui_list_page_up(&it->list); return 1;
		case KEY_HOME:
		case KEY_END:
			/* Home/End edit the search text when there is some */
			if (it->search.len > 0)
				break;
			if (ch == KEY_HOME)
				ui_list_home(&it->list);
			else
				ui_list_end(&it->list);
			return 1;
		}
	}
	field_get(&it->search, before, sizeof before);
	if (!ui_field_key(&it->search, ch, is_keycode))
		return 0;
	field_get(&it->search, it->filter, sizeof it->filter);
	if (strcmp(before, it->filter) != 0)
		reload(it);
	return 1;
}

static const char *kind_label(const char *kind)
{
	return strcmp(kind, "immediate") == 0 ? _("immediate") : _("promised");
}

/* A column as wide as the widest of its words in this language (at least
 * min, at most max): English words are longer than Chinese ones. */
static int column_width(int min, int max, const char *const *words, int n)
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
	if (strcmp(r->kind, "immediate") == 0)
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

void ui_items_draw(struct ui_items *it, int top, int rows, int cols)
{
	char line[2048], h[6][300], limit[32], total[64], widest_limit[32], name[400];
	const char *kinds[] = { _("Kind"), _("immediate"), _("promised") };
	const char *limits[] = { _("Limit"), _("on the spot"), widest_limit };
	const char *windows[] = { _("Window"), _("Combined") };
	int kind_w = column_width(6, 12, kinds, 3), limit_w, window_w = column_width(8, 14, windows, 2);
	int name_w, i;

	snprintf(widest_limit, sizeof widest_limit, _("%d calendar days"), 30);
	limit_w = column_width(10, 18, limits, 3);
	name_w = cols - 1 - 9 - 16 - window_w - kind_w - limit_w - 6;

	ui_put(top, 1, 8, _("Find:"), A_BOLD);
	ui_draw_field(it->app, top, 9, 30, &it->search, 1, 0);
	ui_put(top, 41, cols - 41 - 14, _("Words, pinyin or code"), ui_attr_dim());
	snprintf(total, sizeof total, _("%ld items"), it->count);
	ui_put(top, cols - 13, 12, total, A_NORMAL);
	yc_fit(_("Code"), 9, 1, h[0], sizeof h[0]);
	yc_fit(_("Service item"), name_w, 1, h[1], sizeof h[1]);
	yc_fit(_("Department"), 16, 1, h[2], sizeof h[2]);
	yc_fit(_("Window"), window_w, 1, h[3], sizeof h[3]);
	yc_fit(_("Kind"), kind_w, 1, h[4], sizeof h[4]);
	yc_fit(_("Limit"), limit_w, 1, h[5], sizeof h[5]);
	snprintf(line, sizeof line, " %s %s %s %s %s %s", h[0], h[1], h[2], h[3], h[4], h[5]);
	ui_fill(top + 2, 0, cols, line, A_REVERSE);
	if (ui_list_set_visible(&it->list, rows - 3) < 0)
		return;
	if (it->list.n == 0)
		ui_put(top + 3, 2, cols - 4, _("No service item matches. Try fewer characters, other words, or pinyin."),
		       A_NORMAL);
	for (i = 0; i < it->list.n; i++) {
		const struct yc_item_row *r = ui_list_row(&it->list, i);

		limit_text(r, limit, sizeof limit);
		yc_fit(r->code, 9, 1, h[0], sizeof h[0]);
		name_text(r, name, sizeof name);
		yc_fit_mark(name, name_w, 1, h[1], sizeof h[1]);
		yc_fit_mark(r->department, 16, 1, h[2], sizeof h[2]);
		yc_fit_mark(ui_category_label(r->window_category, r->window_name), window_w, 1, h[3], sizeof h[3]);
		yc_fit(kind_label(r->kind), kind_w, 1, h[4], sizeof h[4]);
		yc_fit(limit, limit_w, 1, h[5], sizeof h[5]);
		snprintf(line, sizeof line, " %s %s %s %s %s %s", h[0], h[1], h[2], h[3], h[4], h[5]);
		ui_fill(top + 3 + i, 0, cols, line, i == it->list.sel ? ui_attr_selected() : A_NORMAL);
	}
}
