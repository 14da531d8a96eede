/* ui-text.c - the text viewer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "ui-text.h"

void ui_text_clear(struct ui_text *t)
{
	int i;

	for (i = 0; i < t->n; i++)
		free(t->lines[i]);
	free(t->lines);
	free(t->kinds);
	memset(t, 0, sizeof *t);
}

void ui_text_add(void *text, const char *kind, const char *line)
{
	struct ui_text *t = text;

	if (!line) {   /* the store starts over after a busy database */
		ui_text_clear(t);
		return;
	}
	if (t->n == t->cap) {
		int cap = t->cap ? t->cap * 2 : 32;
		char **lines = realloc(t->lines, (size_t)cap * sizeof *lines);
		char (*kinds)[12];

		if (!lines)
			return;
		t->lines = lines;
		kinds = realloc(t->kinds, (size_t)cap * sizeof *kinds);
		if (!kinds)
			return;
		t->kinds = kinds;
		t->cap = cap;
	}
	t->lines[t->n] = strdup(line);
	if (!t->lines[t->n])
		return;
	yc_strlcpy(t->kinds[t->n], kind, sizeof t->kinds[0]);
	t->n++;
}

static attr_t attr_of(const char *kind)
{
	if (strcmp(kind, "title") == 0)
		return A_BOLD | A_UNDERLINE;
	if (strcmp(kind, "heading") == 0)
		return A_BOLD;
	if (strcmp(kind, "checkpoint") == 0)
		return ui_attr_dim();
	return A_NORMAL;
}

struct draw_ctx {
	int y, last, skip, cols;
	attr_t attr;
};

static void put_row(void *ctx, const char *row)
{
	struct draw_ctx *d = ctx;

	if (d->skip > 0)
		d->skip--;
	else if (d->y <= d->last)
		ui_put(d->y++, 2, d->cols, row, d->attr);
}

static void count_row(void *ctx, const char *row)
{
	(*(int *)ctx)++;
}

static int height(const struct ui_text *t)
{
	int i, n = 0;

	for (i = 0; i < t->n; i++)
		ui_wrap(t->lines[i], t->cols, count_row, &n);
	return n;
}

void ui_text_draw(struct ui_text *t, int top, int rows, int cols)
{
	struct draw_ctx d = { top, top + rows - 1, t->top, cols - 4, A_NORMAL };
	int i;

	t->rows = rows;
	t->cols = cols - 4;
	for (i = 0; i < t->n && d.y <= d.last; i++) {
		d.attr = attr_of(t->kinds[i]);
		ui_wrap(t->lines[i], cols - 4, put_row, &d);
	}
}

static void scroll_by(struct ui_text *t, int by)
{
	int max = height(t) - t->rows;

	t->top += by;
	if (t->top > max)
		t->top = max;
	if (t->top < 0)
		t->top = 0;
}

int ui_text_key(struct ui_text *t, wint_t ch, int is_keycode)
{
	if (!is_keycode)
		return 0;
	switch (ch) {
	case KEY_DOWN: scroll_by(t, 1); return 1;
	case KEY_UP: scroll_by(t, -1); return 1;
	case KEY_NPAGE: scroll_by(t, t->rows - 1); return 1;
	case KEY_PPAGE: scroll_by(t, -(t->rows - 1)); return 1;
	case KEY_HOME: scroll_by(t, -1000000); return 1;
	case KEY_END: scroll_by(t, 1000000); return 1;
	}
	return 0;
}
