/* ui-list.h - a list that holds only the rows on screen and pages by key
 * (the row at the edge is the anchor of the next query), so it stays fast
 * on millions of rows. Curses-free: a screen draws l->rows itself. */
#ifndef YC_UI_LIST_H
#define YC_UI_LIST_H

#include <stddef.h>

/* Fetch up to max rows strictly after (forward) or before (backward) the
 * anchor row; anchor NULL means from the start (forward) or from the end
 * (backward). Rows come back in display order. 0 on success. */
typedef int (*ui_list_fetch)(void *ctx, const void *anchor, int forward, void *rows, int max,
			     int *n);

struct ui_list {
	size_t row_size;
	int capacity;        /* rows allocated */
	int visible;         /* rows that fit on screen now (<= capacity) */
	void *rows;
	int n;               /* rows held */
	int sel;             /* selected row index in rows, or -1 */
	ui_list_fetch fetch;
	void *ctx;
};

int ui_list_init(struct ui_list *l, size_t row_size, int capacity, ui_list_fetch fetch, void *ctx);
void ui_list_free(struct ui_list *l);
void *ui_list_row(const struct ui_list *l, int i);
void *ui_list_selected(const struct ui_list *l);

/* Each returns 0, or -1 when the fetch failed (the list is unchanged). */
int ui_list_set_visible(struct ui_list *l, int visible);
int ui_list_home(struct ui_list *l);
int ui_list_end(struct ui_list *l);
int ui_list_down(struct ui_list *l);
/* Fetch the page shown again (after other stations' changes), keeping
 * its first row and the selection where they were. */
int ui_list_refresh(struct ui_list *l);
int ui_list_up(struct ui_list *l);
int ui_list_page_down(struct ui_list *l);
int ui_list_page_up(struct ui_list *l);

#endif
