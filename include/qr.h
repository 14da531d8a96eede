/* qr.h - QR codes for paper: a case or licence number, or a licence's
 * details, as a grid of modules; drawn as lines of Unicode half blocks
 * (two modules to a character cell, so they come out square on a text
 * printer and a terminal) or written as a PBM image. Curses- and SQL-free. */
#ifndef YC_QR_H
#define YC_QR_H

#include <stddef.h>

struct qr {
	int size;                   /* modules on a side */
	unsigned char *dark;        /* size * size, 1 = dark */
};

/* Encode UTF-8 text (byte mode, error correction M). 0, or -1 when the
 * text is too long or memory ran out. */
int qr_encode(const char *text, struct qr *q);
void qr_free(struct qr *q);

/* The code as text lines with a quiet zone of 2 modules; caller frees. */
char *qr_text(const struct qr *q);

/* Whether the len bytes of line are one line of a code as qr_text draws
 * it: half blocks and spaces only, at least one block. */
int qr_text_line(const char *line, size_t len);

/* The code back from lines qr_text drew (len bytes, newlines between),
 * its quiet zone left out: paper draws the same modules as squares.
 * 0, or -1 when they hold no code or memory ran out. */
int qr_read_text(const char *text, size_t len, struct qr *q);

/* The code as a plain PBM image, scale pixels a module, quiet zone of 4
 * modules. 0 or -1. */
int qr_write_pbm(const struct qr *q, const char *path, int scale);

#endif
