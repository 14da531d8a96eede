/* ui-table.h - one table for every list screen, as htop's Panel (and
 * InfoScreen for list and detail) serves all of its screens: columns
 * declared once per row type (header, width in terminal cells, alignment,
 * a formatter), rows from a paged source (the store's keyset pages, so no
 * list has a row cap), the selection, the navigation keys as bindings (a
 * screen lists UI_TABLE_KEYS in its table, so F1 shows them), refresh
 * after other stations' changes keeping the selection, an optional
 * detail of the selected row, and the total the store counted. */
#ifndef YC_UI_TABLE_H
#define YC_UI_TABLE_H

#include <stddef.h>

#include "ui.h"
#include "ui-list.h"

/* The navigation actions, between the global ones and ACT_SCREEN. */
enum {
	ACT_TABLE_UP = 60,
	ACT_TABLE_DOWN,
	ACT_TABLE_PAGE_UP,
	ACT_TABLE_PAGE_DOWN,
	ACT_TABLE_HOME,
	ACT_TABLE_END,
};

/* In a screen's struct yc_binding table, with its own keys. */
#define UI_TABLE_KEYS \
	{ ACT_TABLE_UP, KEY_UP, "Up", N_("Up"), N_("The row above"), 0 }, \
	{ ACT_TABLE_DOWN, KEY_DOWN, "Down", N_("Down"), N_("The row below"), 0 }, \
	{ ACT_TABLE_PAGE_UP, KEY_PPAGE, "PgUp", N_("Page up"), N_("The page above"), 0 }, \
	{ ACT_TABLE_PAGE_DOWN, KEY_NPAGE, "PgDn", N_("Page down"), N_("The page below"), 0 }, \
	{ ACT_TABLE_HOME, KEY_HOME, "Home", N_("First"), N_("The first row of the list"), 0 }, \
	{ ACT_TABLE_END, KEY_END, "End", N_("Last"), N_("The last row of the list"), 0 }

enum ui_align { UI_ALIGN_LEFT, UI_ALIGN_RIGHT };

/* A column: its header (a msgid), its width in terminal cells (0: what
 * the other columns leave), its alignment, and how a row shows in it: a
 * formatter (ctx is the table's), or with format NULL the row's text
 * field at offset text_at (UI_TABLE_TEXT). A cell clipped shows '~' when
 * mark is set. */
struct ui_table_col {
	const char *header;
	int width;
	enum ui_align align;
	int mark;
	void (*format)(void *ctx, const void *row, char *out, size_t n);
	size_t text_at;
};

#define UI_TABLE_TEXT(row, field) NULL, offsetof(row, field)

/* Where the rows come from: a page of at most max rows after (forward)
 * or before the anchor (NULL: from the start or the end), in display
 * order, as ui_list_fetch; and how many rows the list has in all (NULL:
 * the table shows no total). Each returns 0, or -1 with err set. */
struct ui_table_source {
	int (*page)(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err);
	int (*count)(void *ctx, long *count, struct yc_err *err);
	/* Optional: the attribute of a row not selected (overdue in red). */
	attr_t (*row_attr)(void *ctx, const void *row);
	/* Optional: whether two rows are the same record (the selection
	 * follows it over a refresh); NULL: the selection keeps its place. */
	int (*same)(const void *a, const void *b);
	/* Optional, with the detail open: draw the selected row's detail. */
	void (*draw_detail)(void *ctx, const void *row, int top, int rows, int cols);
};

struct ui_table {
	struct yc_app *app;
	const struct ui_table_col *cols;
	int n_cols;
	const struct ui_table_source *src;
	void *ctx;
	struct ui_list list;
	long total;                /* the store's count, or -1 */
	int detail;                /* the selected row's detail is open */
	int x;                     /* first screen column (default 0) */
	const char *empty;         /* shown when the list is empty (msgid; "" none) */
};

/* Declare the table (row_size bytes a row) and load its first page. 0,
 * or -1 out of memory. */
int ui_table_init(struct ui_table *t, struct yc_app *app, size_t row_size, const struct ui_table_col *cols,
		  int n_cols, const struct ui_table_source *src, void *ctx);
void ui_table_free(struct ui_table *t);

/* From the first row again, counted again (a filter changed). */
void ui_table_reload(struct ui_table *t);
/* The same page again after other stations' changes (or this station's
 * own save), counted again, the selection kept. */
void ui_table_refresh(struct ui_table *t);

/* The header row at top, the rows below it, rows rows in all; or the
 * detail when it is open. */
void ui_table_draw(struct ui_table *t, int top, int rows, int cols);

/* A navigation action: UI_REDRAW, or UI_UNHANDLED for another action. */
int ui_table_action(struct ui_table *t, int action);

/* This row (a record just saved, read back from the store) selected, its
 * page shown from it, counted again. */
void ui_table_show(struct ui_table *t, const void *row);

/* The selected row, or NULL when the list is empty. */
const void *ui_table_selected(const struct ui_table *t);

/* The detail of the selected row: open (when there is one), closed. */
void ui_table_open_detail(struct ui_table *t);
void ui_table_close_detail(struct ui_table *t);

/* "27 cases" style totals: the store's count, or the rows held when the
 * source counts nothing. */
long ui_table_total(const struct ui_table *t);

/* The table as a choice over the screen (a dialog with no row cap: the
 * store pages it): the arrows, page keys, Home and End move, Enter
 * chooses (the row copied into chosen), Esc cancels. 1 chosen, 0 not,
 * 2 when other_key (a function key, 0: none) was pressed instead: the
 * title says what it does. An empty list shows its empty text. */
int ui_table_choose(struct ui_table *t, const char *title, int other_key, void *chosen);

#endif
