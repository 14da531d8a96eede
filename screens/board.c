/* board.c - the hall board (`yichuang board`): the numbers now called and
 * the windows to go to, large enough to read across the hall, refreshed
 * as stations call; per kind of business the number called, how many
 * wait and about how long (the core's estimate from today's service
 * times). Needs no login: it only shows ticket numbers. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-queue.h"
#include "ui.h"
#include "width.h"

#define RECENT 10
#define GLYPH_ROWS 5
#define CATEGORIES 16   /* more than window_categories has */

/* 5x5 glyphs; each '#' is drawn two columns wide so it looks square. */
struct glyph {
	char c;
	const char *rows[GLYPH_ROWS];
};

static const struct glyph font[] = {
	{ '0', { "#####", "#...#", "#...#", "#...#", "#####" } },
	{ '1', { "..#..", ".##..", "..#..", "..#..", ".###." } },
	{ '2', { "#####", "....#", "#####", "#....", "#####" } },
	{ '3', { "#####", "....#", ".####", "....#", "#####" } },
	{ '4', { "#...#", "#...#", "#####", "....#", "....#" } },
	{ '5', { "#####", "#....", "#####", "....#", "#####" } },
	{ '6', { "#####", "#....", "#####", "#...#", "#####" } },
	{ '7', { "#####", "....#", "...#.", "..#..", "..#.." } },
	{ '8', { "#####", "#...#", "#####", "#...#", "#####" } },
	{ '9', { "#####", "#...#", "#####", "....#", "#####" } },
	{ 'A', { ".###.", "#...#", "#####", "#...#", "#...#" } },
	{ 'B', { "####.", "#...#", "####.", "#...#", "####." } },
	{ 'C', { ".####", "#....", "#....", "#....", ".####" } },
	{ 'D', { "####.", "#...#", "#...#", "#...#", "####." } },
	{ 'E', { "#####", "#....", "####.", "#....", "#####" } },
	{ 'F', { "#####", "#....", "####.", "#....", "#...." } },
	{ 'G', { ".####", "#....", "#..##", "#...#", ".###." } },
};

static const struct glyph *find_glyph(char c)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(font); i++)
		if (font[i].c == c)
			return &font[i];
	return NULL;
}

/* Width in columns of text drawn big. */
static int big_width(const char *text)
{
	return (int)strlen(text) * 12;
}

static void draw_big(int y, int x, const char *text)
{
	int r, k;

	for (; *text; text++, x += 12) {
		const struct glyph *g = find_glyph(*text);

		if (!g)
			continue;
		for (r = 0; r < GLYPH_ROWS; r++)
			for (k = 0; k < 5; k++)
				if (g->rows[r][k] == '#') {
					attrset(A_REVERSE);
					mvaddstr(y + r, x + 2 * k, "  ");
					attrset(A_NORMAL);
				}
	}
}

struct board {
	struct yc_ticket recent[RECENT];
	int n;
	struct yc_queue_board_row queues[CATEGORIES];
	int n_queues;
};

static void board_load(struct yc_app *app, struct board *b)
{
	struct yc_err err;

	store_reads_together(app->st, 1);   /* one lock for the whole board */
	if (store_queue_recent_calls(app->st, app->cfg->site_code, b->recent, RECENT, &b->n, &err) < 0 ||
	    store_queue_board(app->st, app->cfg->site_code, b->queues, CATEGORIES, &b->n_queues, &err) < 0)
		ui_error(app, "%s", err.msg);
	store_reads_together(app->st, 0);
}

static int board_enter(struct yc_app *app, void *priv)
{
	board_load(app, priv);
	return 0;
}

/* "A 综合受理  正在叫 A004  等候 3 人  预计约 12 分钟" */
static void queue_line(const struct yc_queue_board_row *q, char *out, size_t n)
{
	char name[64], wait[64];

	yc_fit(ui_category_label(q->category, q->name), 12, 1, name, sizeof name);
	if (q->waiting == 0)
		snprintf(wait, sizeof wait, "%s", _("no wait"));
	else if (q->estimate_minutes < 0)
		snprintf(wait, sizeof wait, "%s", _("wait not known yet"));
	else
		snprintf(wait, sizeof wait, _("about %d min"), q->estimate_minutes);
	snprintf(out, n, _("%s %s  called %-5s  waiting %3ld  %s"), q->prefix, name, q->serving[0] ? q->serving : "-",
		 (long)q->waiting, wait);
}

static int draw_queues(struct yc_app *app, const struct board *b, int y, int cols)
{
	char line[256];
	int i;

	for (i = 0; i < b->n_queues; i++) {
		queue_line(&b->queues[i], line, sizeof line);
		ui_put_center(y++, cols, line, A_NORMAL);
	}
	return b->n_queues ? y + 1 : y;
}

static void board_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct board *b = priv;
	char line[256];
	int y = top + 1, i, w;

	ui_put_center(y, cols, app->cfg->site_name, A_BOLD);
	y += 2;
	if (b->n == 0) {
		ui_put_center(y + 3, cols, _("No ticket has been called yet today."), A_BOLD);
		return;
	}
	w = big_width(b->recent[0].number);
	draw_big(y, (cols - w) / 2 > 0 ? (cols - w) / 2 : 0, b->recent[0].number);
	y += GLYPH_ROWS + 1;
	snprintf(line, sizeof line, _("Number %s, please go to %s"), b->recent[0].number,
		 b->recent[0].station);
	ui_put_center(y, cols, line, A_BOLD);
	y += 2;
	y = draw_queues(app, b, y, cols);
	ui_put_center(y++, cols, _("Recently called"), A_UNDERLINE);
	for (i = 1; i < b->n && y < top + rows; i++, y++) {
		char num[16], station[128];

		yc_fit(b->recent[i].number, 8, 1, num, sizeof num);
		yc_fit(b->recent[i].station, 24, 1, station, sizeof station);
		snprintf(line, sizeof line, "%s  →  %s", num, station);
		ui_put_center(y, cols, line, A_NORMAL);
	}
}

static int board_data_changed(struct yc_app *app, void *priv)
{
	board_load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_board = {
	.name = "board",
	.title = N_("Hall board"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.private_size = sizeof(struct board),
	.enter = board_enter,
	.draw = board_draw,
	.data_changed = board_data_changed,
	.public = 1,
};
