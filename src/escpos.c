/* escpos.c - tickets as raw ESC/POS with GB18030 text (see escpos.h). */
#include "config.h"

#include <errno.h>
#include <iconv.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "escpos.h"
#include "pdf.h"
#include "qr.h"

#define DOTS_PER_MM 8      /* 203 dpi, the receipt printers' resolution */
#define QR_QUIET 4         /* modules of white around a code */

struct receipt {
	FILE *f;
	iconv_t gb18030;
	int roll_mm;
};

static void put(struct receipt *r, const void *bytes, size_t n)
{
	fwrite(bytes, 1, n, r->f);
}

/* A command of the printer, given as a string literal. */
#define PUT(r, literal) put(r, literal, sizeof literal - 1)

/* UTF-8 text as GB18030; a byte that is no UTF-8 comes out as '?'. */
static void put_gb18030(struct receipt *r, const char *text, size_t len)
{
	char *in = (char *)text, out[256];

	while (len > 0) {
		char *o = out;
		size_t room = sizeof out;

		if (iconv(r->gb18030, &in, &len, &o, &room) == (size_t)-1 && errno != E2BIG) {
			if (errno == EINVAL)   /* a character cut at the end */
				len = 0;
			else {
				in++;
				len--;
				*o++ = '?';
			}
		}
		put(r, out, (size_t)(o - out));
	}
}

/* ESC a (0 left, 1 centre, 2 right), GS ! (width and height, 1 to 8 each),
 * ESC E (bold). */
static void set_style(struct receipt *r, int align, int scale, int bold)
{
	unsigned char cmd[] = { 0x1B, 'a', (unsigned char)align, 0x1D, '!',
				(unsigned char)((scale - 1) << 4 | (scale - 1)), 0x1B, 'E', (unsigned char)bold };

	put(r, cmd, sizeof cmd);
}

static void receipt_line(void *ctx, enum pdf_role role, const char *text, size_t len)
{
	struct receipt *r = ctx;
	int centred = role == PDF_ROLE_HALL || role == PDF_ROLE_TITLE || role == PDF_ROLE_BIG;

	set_style(r, centred ? 1 : role == PDF_ROLE_RIGHT ? 2 : 0,
		  role == PDF_ROLE_BIG ? 3 : role == PDF_ROLE_TITLE ? 2 : 1,
		  role == PDF_ROLE_TITLE || role == PDF_ROLE_BIG);
	if (role == PDF_ROLE_PARAGRAPH || role == PDF_ROLE_INDENTED)
		PUT(r, "    ");   /* two Chinese characters */
	put_gb18030(r, text, len);
	PUT(r, "\n");
	set_style(r, 0, 1, 0);
}

static void receipt_blank(void *ctx)
{
	PUT((struct receipt *)ctx, "\n");
}

/* The code as a raster image (GS v 0), centred: each module as many dots
 * as make the code 30 mm (24 on a 58 mm roll), at least 2, within the
 * roll's printable width (8 mm less than the roll). */
static void receipt_code(void *ctx, const struct qr *q)
{
	struct receipt *r = ctx;
	int printable = (r->roll_mm - 8) * DOTS_PER_MM, side_modules = q->size + 2 * QR_QUIET;
	int module = (r->roll_mm < 70 ? 24 : 30) * DOTS_PER_MM / q->size, side, row_bytes, x, y;
	unsigned char head[8], *row;

	if (module * side_modules > printable)
		module = printable / side_modules;
	if (module < 2)
		module = 2;
	side = module * side_modules;
	row_bytes = (side + 7) / 8;
	if (!(row = calloc((size_t)row_bytes, 1)))
		return;
	set_style(r, 1, 1, 0);
	head[0] = 0x1D, head[1] = 'v', head[2] = '0', head[3] = 0;
	head[4] = (unsigned char)(row_bytes & 0xFF), head[5] = (unsigned char)(row_bytes >> 8);
	head[6] = (unsigned char)(side & 0xFF), head[7] = (unsigned char)(side >> 8);
	put(r, head, sizeof head);
	for (y = 0; y < side; y++) {
		int my = y / module - QR_QUIET;

		memset(row, 0, (size_t)row_bytes);
		for (x = 0; x < side; x++) {
			int mx = x / module - QR_QUIET;

			if (mx >= 0 && my >= 0 && mx < q->size && my < q->size && q->dark[my * q->size + mx])
				row[x / 8] |= (unsigned char)(0x80 >> (x % 8));
		}
		put(r, row, (size_t)row_bytes);
	}
	free(row);
	PUT(r, "\n");
	set_style(r, 0, 1, 0);
}

int escpos_write(const char *text, int roll_mm, const char *path, struct yc_err *err)
{
	static const struct pdf_reader receipt_reader = { receipt_line, receipt_blank, receipt_code, NULL };
	struct receipt r = { NULL, (iconv_t)-1, roll_mm };

	r.gb18030 = iconv_open("GB18030", "UTF-8");
	if (r.gb18030 == (iconv_t)-1) {
		yc_err_set(err, YC_EINTERNAL, _("This system cannot convert text to GB18030 for the ticket printer: %s."),
			   strerror(errno));
		return -1;
	}
	if (!(r.f = fopen(path, "wb"))) {
		yc_err_set(err, YC_EIO, _("Cannot save the document %s: %s."), path, strerror(errno));
		iconv_close(r.gb18030);
		return -1;
	}
	PUT(&r, "\x1B@\x1C&");         /* ESC @ reset; FS & Chinese characters */
	pdf_read(text, &receipt_reader, &r);
	PUT(&r, "\x1B" "d\x04\x1DVB\x00");   /* ESC d 4 feed; GS V B cut */
	iconv_close(r.gb18030);
	if (ferror(r.f) | (fclose(r.f) != 0)) {
		yc_err_set(err, YC_EIO, _("Cannot save the document %s: %s."), path, strerror(errno));
		return -1;
	}
	return 0;
}
