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
