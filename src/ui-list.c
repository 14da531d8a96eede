/* ui-list.c - keyset paging over a fetch callback. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-list.h"

int ui_list_init(struct ui_list *l, size_t row_size, int capacity, ui_list_fetch fetch, void *ctx)
{
	memset(l, 0, sizeof *l);
	l->rows = calloc((size_t)capacity + 1, row_size);   /* +1: room for a scratch row */
	if (!l->rows)
		return -1;
	l->row_size = row_size;
	l->capacity = capacity;
	l->visible = capacity;
	l->sel = -1;
	l->fetch = fetch;
	l->ctx = ctx;
	return 0;
}

void ui_list_free(struct ui_list *l)
{
	free(l->rows);
	memset(l, 0, sizeof *l);
}

void *ui_list_row(const struct ui_list *l, int i)
{
	return (char *)l->rows + (size_t)i * l->row_size;
}

void *ui_list_selected(const struct ui_list *l)
{
	return l->sel >= 0 && l->sel < l->n ? ui_list_row(l, l->sel) : NULL;
}

static void *scratch(const struct ui_list *l)
{
	return ui_list_row(l, l->capacity);
}

/* Replace the page with a fresh fetch. */
static int ui_list_load(struct ui_list *l, const void *anchor, int forward, int sel)
{
	void *buf;
	int n = 0;

	buf = malloc((size_t)l->visible * l->row_size + 1);
	if (!buf)
		return -1;
	if (anchor)   /* the anchor may live in rows: keep a copy */
		memcpy(scratch(l), anchor, l->row_size);
	if (l->fetch(l->ctx, anchor ? scratch(l) : NULL, forward, buf, l->visible, &n) != 0) {
		free(buf);
		return -1;
	}
	if (n > 0 && l->rows)
		memcpy(l->rows, buf, (size_t)n * l->row_size);
	free(buf);
	l->n = n;
	l->sel = n == 0 ? -1 : sel < 0 ? 0 : sel >= n ? n - 1 : sel;
	return 0;
}

int ui_list_home(struct ui_list *l)
{
	return ui_list_load(l, NULL, 1, 0);
}

int ui_list_end(struct ui_list *l)
{
	return ui_list_load(l, NULL, 0, l->visible - 1);
}

int ui_list_set_visible(struct ui_list *l, int visible)
{
	if (visible < 1)
		visible = 1;
	if (visible > l->capacity)
		visible = l->capacity;
	if (visible == l->visible && l->n > 0)
		return 0;
	l->visible = visible;
	return ui_list_home(l);
}

int ui_list_refresh(struct ui_list *l)
{
	int n = 0, sel = l->sel;

	if (l->n == 0)
		return ui_list_home(l);
	/* the row before the first one shown anchors the same page again */
	memcpy(scratch(l), l->rows, l->row_size);
	if (l->fetch(l->ctx, scratch(l), 0, scratch(l), 1, &n) != 0)
		return -1;
	if (n == 0)
		return ui_list_load(l, NULL, 1, sel);
	return ui_list_load(l, scratch(l), 1, sel);
}

int ui_list_down(struct ui_list *l)
{
	int n = 0;

	if (l->sel + 1 < l->n) {
		l->sel++;
		return 0;
	}
	if (l->n == 0)
		return 0;
	memcpy(scratch(l), ui_list_row(l, l->n - 1), l->row_size);
	if (l->fetch(l->ctx, scratch(l), 1, scratch(l), 1, &n) != 0)
		return -1;
	if (n == 0)
		return 0;      /* at the end */
	if (l->n == l->visible) {
		memmove(l->rows, ui_list_row(l, 1), (size_t)(l->n - 1) * l->row_size);
		l->n--;
	}
	memcpy(ui_list_row(l, l->n), scratch(l), l->row_size);
	l->n++;
	l->sel = l->n - 1;
	return 0;
}

int ui_list_up(struct ui_list *l)
{
	int n = 0;

	if (l->sel > 0) {
		l->sel--;
		return 0;
	}
	if (l->n == 0)
		return 0;
	memcpy(scratch(l), ui_list_row(l, 0), l->row_size);
	if (l->fetch(l->ctx, scratch(l), 0, scratch(l), 1, &n) != 0)
		return -1;
	if (n == 0)
		return 0;      /* at the start */
	if (l->n == l->visible)
		l->n--;
	memmove(ui_list_row(l, 1), l->rows, (size_t)l->n * l->row_size);
	memcpy(l->rows, scratch(l), l->row_size);
	l->n++;
	l->sel = 0;
	return 0;
}

int ui_list_page_down(struct ui_list *l)
{
	int sel = l->sel;

	if (l->n == 0)
		return 0;
	if (l->n < l->visible) {   /* everything is on screen already */
		l->sel = l->n - 1;
		return 0;
	}
	if (ui_list_load(l, ui_list_row(l, l->n - 1), 1, sel) < 0)
		return -1;
	if (l->n < l->visible)     /* a short last page: show a full one */
		return ui_list_load(l, NULL, 0, l->visible - 1);
	return 0;
}

int ui_list_page_up(struct ui_list *l)
{
	int sel = l->sel;

	if (l->n == 0)
		return 0;
	if (ui_list_load(l, ui_list_row(l, 0), 0, sel) < 0)
		return -1;
	if (l->n < l->visible)     /* near the start: show the first page */
		return ui_list_load(l, NULL, 1, 0);
	return 0;
}
