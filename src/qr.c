/* qr.c - QR codes through libqrencode, drawn for paper. */
#include "config.h"

#include <qrencode.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "qr.h"

int qr_encode(const char *text, struct qr *q)
{
	QRcode *code = QRcode_encodeString8bit(text, 0, QR_ECLEVEL_M);
	int i;

	q->size = 0;
	q->dark = NULL;
	if (!code)
		return -1;
	q->dark = malloc((size_t)code->width * (size_t)code->width);
	if (!q->dark) {
		QRcode_free(code);
		return -1;
	}
	q->size = code->width;
	for (i = 0; i < code->width * code->width; i++)
		q->dark[i] = code->data[i] & 1;   /* bit 0: dark module */
	QRcode_free(code);
	return 0;
}

void qr_free(struct qr *q)
{
	free(q->dark);
	q->dark = NULL;
	q->size = 0;
}

static int dark_at(const struct qr *q, int x, int y)
{
	return x >= 0 && y >= 0 && x < q->size && y < q->size && q->dark[y * q->size + x];
}

char *qr_text(const struct qr *q)
{
	static const char *const cells[] = { " ", "\u2584", "\u2580", "\u2588" };   /* none, lower, upper, both */
	const int quiet = 2, side = q->size + 2 * quiet;
	size_t cap = (size_t)(side + 1) * (size_t)((side + 1) / 2) * 3 + 1, len = 0;
	char *out = malloc(cap);
	int x, y;

	if (!out)
		return NULL;
	for (y = -quiet; y < q->size + quiet; y += 2) {
		for (x = -quiet; x < q->size + quiet; x++) {
			const char *c = cells[dark_at(q, x, y) * 2 + dark_at(q, x, y + 1)];
			size_t n = strlen(c);

			memcpy(out + len, c, n);
			len += n;
		}
		out[len++] = '\n';
	}
	out[len] = '\0';
	return out;
}

int qr_write_pbm(const struct qr *q, const char *path, int scale)
{
	const int quiet = 4, side = (q->size + 2 * quiet) * scale;
	FILE *f = fopen(path, "w");
	int x, y;

	if (!f)
		return -1;
	fprintf(f, "P1\n%d %d\n", side, side);
	for (y = 0; y < side; y++) {
		for (x = 0; x < side; x++)
			fputs(dark_at(q, x / scale - quiet, y / scale - quiet) ? "1 " : "0 ", f);
		fputc('\n', f);
	}
	return fclose(f) == 0 ? 0 : -1;
}

/* The half block at p (top, bottom dark), its length in bytes; 0 when
 * p is no cell qr_text draws. */
static size_t cell_at(const char *p, size_t left, int *top, int *bottom)
{
	if (left >= 1 && p[0] == ' ') {
		*top = *bottom = 0;
		return 1;
	}
	/* ▀ U+2580, ▄ U+2584, █ U+2588: E2 96 80 / 84 / 88 */
	if (left >= 3 && (unsigned char)p[0] == 0xE2 && (unsigned char)p[1] == 0x96) {
		unsigned char c = (unsigned char)p[2];

		if (c == 0x80 || c == 0x84 || c == 0x88) {
			*top = c != 0x84;
			*bottom = c != 0x80;
			return 3;
		}
	}
	return 0;
}

int qr_text_line(const char *line, size_t len)
{
	size_t i = 0, n;
	int top, bottom, blocks = 0;

	while (i < len) {
		if (!(n = cell_at(line + i, len - i, &top, &bottom)))
			return 0;
		blocks += n == 3;
		i += n;
	}
	return blocks > 0;
}

/* The cells of the lines into grid (cols wide, two module rows a line),
 * when grid is given; the widest line's cells, and in *rows the module
 * rows. -1 when a line holds anything else. */
static int read_cells(const char *text, size_t len, unsigned char *grid, int cols, int *rows)
{
	size_t i = 0, n;
	int x = 0, y = 0, widest = 0, top, bottom;

	while (i < len) {
		if (text[i] == '\n') {
			x = 0;
			y += 2;
			i++;
			continue;
		}
		if (!(n = cell_at(text + i, len - i, &top, &bottom)))
			return -1;
		if (grid && x < cols) {
			grid[y * cols + x] = (unsigned char)top;
			grid[(y + 1) * cols + x] = (unsigned char)bottom;
		}
		x++;
		widest = x > widest ? x : widest;
		i += n;
	}
	*rows = y + 2;
	return widest;
}

int qr_read_text(const char *text, size_t len, struct qr *q)
{
	int rows, cols = read_cells(text, len, NULL, 0, &rows), x, y, x0, y0, x1 = -1, y1 = -1;
	unsigned char *grid;

	q->size = 0;
	q->dark = NULL;
	if (cols <= 0 || !(grid = calloc((size_t)cols * (size_t)rows, 1)))
		return -1;
	read_cells(text, len, grid, cols, &rows);
	x0 = cols;
	y0 = rows;
	for (y = 0; y < rows; y++)
		for (x = 0; x < cols; x++)
			if (grid[y * cols + x]) {
				x0 = x < x0 ? x : x0;
				y0 = y < y0 ? y : y0;
				x1 = x > x1 ? x : x1;
				y1 = y > y1 ? y : y1;
			}
	/* the finder patterns make the corners of a code dark: the dark
	 * modules' box is the code, and it is square */
	if (x1 < 0 || x1 - x0 != y1 - y0 || !(q->dark = malloc((size_t)(x1 - x0 + 1) * (size_t)(x1 - x0 + 1)))) {
		free(grid);
		return -1;
	}
	q->size = x1 - x0 + 1;
	for (y = 0; y < q->size; y++)
		for (x = 0; x < q->size; x++)
			q->dark[y * q->size + x] = grid[(y0 + y) * cols + x0 + x];
	free(grid);
	return 0;
}
