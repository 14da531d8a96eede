/* ui-table.c - the list widget every list screen shares: columns, a paged
 * row source, navigation bindings, refresh, detail, total. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-table.h"
#include "width.h"

/* Rows a table can show at once: a terminal's height, with room. */
#define UI_TABLE_CAPACITY 256
#define CELL_BYTES 1024

static int fetch(void *ctx, const void *anchor, int forward, void *rows, int max, int *n)
{
	struct ui_table *t = ctx;
	struct yc_err err;

	if (t->src->page(t->ctx, anchor, forward, rows, max, n, &err) < 0) {
		ui_error(t->app, "%s", err.msg);
		return -1;
	}
	return 0;
}

static void ui_table_count(struct ui_table *t)
{
	struct yc_err err;

	t->total = -1;
	if (t->src->count && t->src->count(t->ctx, &t->total, &err) < 0) {
		ui_error(t->app, "%s", err.msg);
		t->total = -1;
	}
}

int ui_table_init(struct ui_table *t, struct yc_app *app, size_t row_size, const struct ui_table_col *cols,
		  int n_cols, const struct ui_table_source *src, void *ctx)
{
	memset(t, 0, sizeof *t);
	t->app = app;
	t->cols = cols;
	t->n_cols = n_cols;
	t->src = src;
	t->ctx = ctx;
	t->empty = N_("Nothing here.");
	if (ui_list_init(&t->list, row_size, UI_TABLE_CAPACITY, fetch, t) < 0)
		return -1;
	t->list.visible = LINES - 8 > 1 ? LINES - 8 : 1;
	ui_table_reload(t);
	return 0;
}

void ui_table_free(struct ui_table *t)
{
	ui_list_free(&t->list);
}

void ui_table_reload(struct ui_table *t)
{
	t->detail = 0;
	ui_table_count(t);
	ui_list_home(&t->list);
}

/* After a refresh: the record selected before, when it is still shown. */
static void follow(struct ui_table *t, const void *was)
{
	int i;

	for (i = 0; i < t->list.n; i++)
		if (t->src->same(was, ui_list_row(&t->list, i))) {
			t->list.sel = i;
			return;
		}
}

void ui_table_refresh(struct ui_table *t)
{
	void *was = NULL;

	ui_table_count(t);
	if (t->src->same && ui_list_selected(&t->list) && (was = malloc(t->list.row_size)))
		memcpy(was, ui_list_selected(&t->list), t->list.row_size);
	if (ui_list_refresh(&t->list) == 0 && was)
		follow(t, was);
	free(was);
	if (!ui_list_selected(&t->list))
		t->detail = 0;
}

void ui_table_show(struct ui_table *t, const void *row)
{
	/* a refresh keeps the first row where it is: make it this one */
	memcpy(ui_list_row(&t->list, 0), row, t->list.row_size);
	t->list.n = 1;
	t->list.sel = 0;
	ui_table_refresh(t);
}

const void *ui_table_selected(const struct ui_table *t)
{
	return ui_list_selected(&t->list);
}

long ui_table_total(const struct ui_table *t)
{
	return t->total >= 0 ? t->total : t->list.n;
}

void ui_table_open_detail(struct ui_table *t)
{
	t->detail = t->src->draw_detail && ui_list_selected(&t->list);
}

void ui_table_close_detail(struct ui_table *t)
{
	t->detail = 0;
}

int ui_table_action(struct ui_table *t, int action)
{
	struct ui_list *l = &t->list;

	if (t->detail)
		return UI_UNHANDLED;
	switch (action) {
	case ACT_TABLE_UP: ui_list_up(l); break;
	case ACT_TABLE_DOWN: ui_list_down(l); break;
	case ACT_TABLE_PAGE_UP: ui_list_page_up(l); break;
	case ACT_TABLE_PAGE_DOWN: ui_list_page_down(l); break;
	case ACT_TABLE_HOME: ui_list_home(l); break;
	case ACT_TABLE_END: ui_list_end(l); break;
	default: return UI_UNHANDLED;
	}
	return UI_REDRAW;
}

/* Widths of the columns in cols cells: the fixed ones as declared, the
 * one of width 0 what is left (at least 4). */
static void widths(const struct ui_table *t, int cols, int *w)
{
	int i, used = 0, rest = -1;

	for (i = 0; i < t->n_cols; i++) {
		w[i] = t->cols[i].width;
		used += w[i] + (i > 0);
		if (w[i] == 0)
			rest = i;
	}
	if (rest >= 0)
		w[rest] = cols - used > 4 ? cols - used : 4;
}

static void add_cell(char *line, size_t n, const char *text, int width, enum ui_align align, int mark, int first)
{
	char cell[CELL_BYTES];
	size_t len = strlen(line);
	int used = yc_width(text);

	if (!first && len + 1 < n)
		strcpy(line + len++, " ");
	if (align == UI_ALIGN_RIGHT && used < width) {
		for (; used < width && len + 1 < n; used++)
			line[len++] = ' ';
		line[len] = '\0';
		width = yc_width(text);
	}
	if (mark)
		yc_fit_mark(text, width, 1, cell, sizeof cell);
	else
		yc_fit(text, width, 1, cell, sizeof cell);
	yc_strlcpy(line + len, cell, n - len);
}

static void ui_table_draw_header(struct ui_table *t, int y, int cols, const int *w)
{
	char line[4096] = "";
	int i;

	for (i = 0; i < t->n_cols; i++)
		add_cell(line, sizeof line, t->cols[i].header[0] ? _(t->cols[i].header) : "", w[i], t->cols[i].align, 0, i == 0);
	ui_fill(y, t->x, cols, line, A_REVERSE);
}

static void draw_row(struct ui_table *t, int i, int y, int cols, const int *w)
{
	const void *row = ui_list_row(&t->list, i);
	char line[4096] = "", text[CELL_BYTES];
	int c;

	for (c = 0; c < t->n_cols; c++) {
		text[0] = '\0';
		if (t->cols[c].format)
			t->cols[c].format(t->ctx, row, text, sizeof text);
		else
			yc_strlcpy(text, (const char *)row + t->cols[c].text_at, sizeof text);
		add_cell(line, sizeof line, text, w[c], t->cols[c].align, t->cols[c].mark, c == 0);
	}
	if (i == t->list.sel)
		ui_fill(y, t->x, cols, line, ui_attr_selected());
	else
		ui_fill(y, t->x, cols, line, t->src->row_attr ? t->src->row_attr(t->ctx, row) : A_NORMAL);
}

void ui_table_draw(struct ui_table *t, int top, int rows, int cols)
{
	int w[32] = { 0 }, i;

	if (t->detail && ui_list_selected(&t->list)) {
		t->src->draw_detail(t->ctx, ui_list_selected(&t->list), top, rows, cols);
		return;
	}
	t->detail = 0;
	cols -= t->x;
	if (t->n_cols > 32 || rows < 2 || cols < 8)
		return;
	widths(t, cols, w);
	ui_table_draw_header(t, top, cols, w);
	if (ui_list_set_visible(&t->list, rows - 1) < 0)
		return;
	if (t->list.n == 0 && t->empty && t->empty[0])
		ui_put(top + 2, t->x + 2, cols - 4, _(t->empty), ui_attr_dim());
	for (i = 0; i < t->list.n; i++)
		draw_row(t, i, top + 1 + i, cols, w);
}

/* Keys to the table's navigation actions, in a dialog. */
static int navigation_of(int rc, wint_t ch)
{
	static const struct { wint_t key; int action; } keys[] = {
		{ KEY_UP, ACT_TABLE_UP }, { KEY_DOWN, ACT_TABLE_DOWN }, { KEY_PPAGE, ACT_TABLE_PAGE_UP },
		{ KEY_NPAGE, ACT_TABLE_PAGE_DOWN }, { KEY_HOME, ACT_TABLE_HOME }, { KEY_END, ACT_TABLE_END },
	};
	size_t i;

	for (i = 0; rc == KEY_CODE_YES && i < sizeof keys / sizeof keys[0]; i++)
		if (keys[i].key == ch)
			return keys[i].action;
	return -1;
}

int ui_table_choose(struct ui_table *t, const char *title, int other_key, void *chosen)
{
	wint_t ch;
	int rc;

	ui_table_reload(t);
	for (;;) {
		int rows = LINES - 4 > 6 ? LINES - 4 : 6, cols = COLS - 6 > 20 ? COLS - 6 : 20;
		int top = (LINES - rows) / 2, left = (COLS - cols) / 2, x = t->x;
		const void *row;

		ui_modal_background(t->app, top, left, rows, cols, title);
		t->x = left + 2;
		ui_table_draw(t, top + 1, rows - 2, cols - 4);
		t->x = x;
		curs_set(0);
		refresh();
		rc = ui_modal_key(&ch);
		if (navigation_of(rc, ch) >= 0) {
			ui_table_action(t, navigation_of(rc, ch));
		} else if ((rc == OK && (ch == '\r' || ch == '\n')) || (rc == KEY_CODE_YES && ch == KEY_ENTER)) {
			if (!(row = ui_table_selected(t)))
				return 0;
			memcpy(chosen, row, t->list.row_size);
			return 1;
		} else if (rc == OK && ch == 27) {
			return 0;
		} else if (other_key && rc == KEY_CODE_YES && (int)ch == other_key) {
			return 2;
		}
	}
}
