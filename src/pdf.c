/* pdf.c - documents laid out on paper with Pango and Cairo (see pdf.h).
 * Everything is laid out with the same code three times: to measure the
 * closing block (kept on one page), to count the pages (and, on a
 * receipt, to measure the roll's length), and to draw. */
#include "config.h"

#include <cairo-pdf.h>
#include <errno.h>
#include <pango/pangocairo.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "pdf.h"
#include "qr.h"

#define MM (72.0 / 25.4)            /* points in a millimetre */
#define A4_WIDTH (210 * MM)
#define A4_HEIGHT (297 * MM)
#define QR_QUIET 4                  /* modules of white around a code */
#define QR_MODULE_MIN (0.5 * MM)    /* the smallest module drawn, when the margins allow */
#define SIGN_BLANK "_____"          /* a blank to sign on */

/* The paper's measures, in points. */
struct measures {
	double width, height;
	double left, right, top, bottom;   /* the text lies between these */
	double body, title, big;           /* font sizes */
	double qr_code;                    /* a code's side, without its quiet zone, at least */
};

#define PDF_MAX_DOCUMENTS 4

struct sheet {
	struct measures m;
	cairo_t *cr;
	PangoContext *pc;
	int draw;                          /* 0: measure only */
	int page, pages;
	double y;                          /* the top of the next line */
	int missing;                       /* characters no font has */
	/* each document's closing block (a letter after a notice is one of
	 * its own, after a form feed): where it begins, or NULL; its height
	 * as the last pass found it, and as this pass finds it */
	const char *closing[PDF_MAX_DOCUMENTS];
	double closing_height[PDF_MAX_DOCUMENTS];
	double measured[PDF_MAX_DOCUMENTS];
	int doc;                           /* the document being laid out */
	double closing_y;                  /* where its closing began in this pass */
	int closing_page;                  /* 0: not reached yet in this pass */
};

/* A4 as official paper (GB/T 9704: 37 mm above, 28 mm at the binding,
 * 26 mm outside, 35 mm below); a receipt roll's printable width with 4 mm
 * each side and as long as the ticket. */
static struct measures measures_of(const struct pdf_setup *setup)
{
	struct measures m;

	if (setup->paper == PDF_RECEIPT) {
		m.width = setup->receipt_mm * MM;
		m.height = 0;   /* measured */
		m.left = 4 * MM;
		m.right = m.width - 4 * MM;
		m.top = 4 * MM;
		m.bottom = 1e9;
		m.body = setup->receipt_mm < 70 ? 9 : 10.5;
		m.title = 15;
		m.big = 30;
		m.qr_code = (setup->receipt_mm < 70 ? 24 : 30) * MM;
		return m;
	}
	m.width = A4_WIDTH;
	m.height = A4_HEIGHT;
	m.left = 28 * MM;
	m.right = A4_WIDTH - 26 * MM;
	m.top = 37 * MM;
	m.bottom = A4_HEIGHT - 35 * MM;
	m.body = 14;     /* 四号 */
	m.title = 22;    /* 二号 */
	m.big = 30;
	m.qr_code = 30 * MM;
	return m;
}

static PangoFontDescription *font_of(const struct sheet *s, enum pdf_role role)
{
	PangoFontDescription *font = pango_font_description_from_string(PDF_BODY_FONT);
	double size = role == PDF_ROLE_TITLE ? s->m.title : role == PDF_ROLE_BIG ? s->m.big : s->m.body;

	pango_font_description_set_absolute_size(font, size * PANGO_SCALE);
	if (role == PDF_ROLE_TITLE || role == PDF_ROLE_BIG)
		pango_font_description_set_weight(font, PANGO_WEIGHT_BOLD);
	return font;
}

/* The page number, centred in the bottom margin, when there are pages. */
static void sheet_footer(struct sheet *s)
{
	PangoLayout *layout;
	PangoFontDescription *font;
	char words[64];
	int h;

	if (!s->draw || s->pages < 2)
		return;
	yc_documents_begin();
	snprintf(words, sizeof words, _("Page %d of %d"), s->page, s->pages);
	yc_documents_end();
	layout = pango_layout_new(s->pc);
	font = font_of(s, PDF_ROLE_PLAIN);
	pango_font_description_set_absolute_size(font, (s->m.body - 2) * PANGO_SCALE);
	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, words, -1);
	pango_layout_set_width(layout, (int)((s->m.right - s->m.left) * PANGO_SCALE));
	pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	pango_layout_get_size(layout, NULL, &h);
	cairo_move_to(s->cr, s->m.left, s->m.bottom + (s->m.height - s->m.bottom - h / (double)PANGO_SCALE) / 2);
	pango_cairo_show_layout(s->cr, layout);
	pango_font_description_free(font);
	g_object_unref(layout);
}

static void sheet_next_page(struct sheet *s)
{
	sheet_footer(s);
	if (s->draw)
		cairo_show_page(s->cr);
	s->page++;
	s->y = s->m.top;
}

/* Room for height more on this page, else the next one (a page already
 * empty takes what comes: nothing is ever lost). */
static void sheet_room(struct sheet *s, double height)
{
	if (s->y + height > s->m.bottom && s->y > s->m.top)
		sheet_next_page(s);
}

/* The layout's lines one by one, so that a long paragraph goes on to the
 * next page between its lines. */
static void place_layout(struct sheet *s, PangoLayout *layout, double x, double leading)
{
	PangoLayoutIter *it = pango_layout_get_iter(layout);

	do {
		PangoRectangle logical;
		double height, baseline;

		pango_layout_iter_get_line_extents(it, NULL, &logical);
		height = logical.height / (double)PANGO_SCALE * leading;
		baseline = (pango_layout_iter_get_baseline(it) - logical.y) / (double)PANGO_SCALE;
		sheet_room(s, height);
		if (s->draw) {
			cairo_move_to(s->cr, x + logical.x / (double)PANGO_SCALE, s->y + baseline);
			pango_cairo_show_layout_line(s->cr, pango_layout_iter_get_line_readonly(it));
		}
		s->y += height;
	} while (pango_layout_iter_next_line(it));
	pango_layout_iter_free(it);
}

/* The bytes of a list item's number ("12. "), 0 when the line is no item. */
static size_t item_number(const char *text, size_t len)
{
	size_t i = 0;

	while (i < len && text[i] >= '0' && text[i] <= '9')
		i++;
	return i > 0 && i + 1 < len && text[i] == '.' && text[i + 1] == ' ' ? i + 2 : 0;
}

static void place_line(struct sheet *s, const char *text, size_t len, enum pdf_role role)
{
	PangoLayout *layout = pango_layout_new(s->pc);
	PangoFontDescription *font = font_of(s, role);
	double x = s->m.left, width = s->m.right - s->m.left, em = s->m.body;

	pango_layout_set_font_description(layout, font);
	pango_layout_set_text(layout, text, (int)len);
	pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR);
	if (role == PDF_ROLE_HALL || role == PDF_ROLE_TITLE || role == PDF_ROLE_BIG)
		pango_layout_set_alignment(layout, PANGO_ALIGN_CENTER);
	else if (role == PDF_ROLE_RIGHT) {
		pango_layout_set_alignment(layout, PANGO_ALIGN_RIGHT);
		width -= 2 * em;   /* 右空二字 */
	} else if (role == PDF_ROLE_PARAGRAPH)
		pango_layout_set_indent(layout, (int)(2 * em * PANGO_SCALE));
	else if (role == PDF_ROLE_INDENTED) {
		x += 2 * em;
		width -= 2 * em;
	} else if (role == PDF_ROLE_PLAIN && item_number(text, len)) {
		PangoRectangle after;

		/* a list item wraps under its words, not under its number */
		pango_layout_index_to_pos(layout, (int)item_number(text, len), &after);
		pango_layout_set_indent(layout, -after.x);
	}
	pango_layout_set_width(layout, (int)(width * PANGO_SCALE));
	s->missing += pango_layout_get_unknown_glyphs_count(layout);
	place_layout(s, layout, x, role == PDF_ROLE_TITLE ? 1.3 : role == PDF_ROLE_SIGN ? 1.8 : 1.1);
	pango_font_description_free(font);
	g_object_unref(layout);
}

/* The module as large as makes the code qr_code wide (at least
 * QR_MODULE_MIN), its quiet zone around it, never past the margins. */
static double qr_module(const struct measures *m, int size)
{
	double module = m->qr_code / size, avail = m->right - m->left;

	/* a long licence's code grows rather than its modules shrink below
	 * what a phone reads from paper */
	if (module < QR_MODULE_MIN)
		module = QR_MODULE_MIN;

	return module * (size + 2 * QR_QUIET) > avail ? avail / (size + 2 * QR_QUIET) : module;
}

double pdf_qr_module_mm(const struct pdf_setup *setup, int size)
{
	struct measures m = measures_of(setup);

	return qr_module(&m, size) / MM;
}

/* A code as squares, centred, whole on one page. */
static void place_qr(struct sheet *s, const struct qr *q)
{
	double avail = s->m.right - s->m.left, module = qr_module(&s->m, q->size), side, x0, y0;
	int x, y;

	side = module * (q->size + 2 * QR_QUIET);
	sheet_room(s, side);
	x0 = s->m.left + (avail - side) / 2 + QR_QUIET * module;
	y0 = s->y + QR_QUIET * module;
	if (s->draw) {
		/* each row's dark runs as one rectangle, all filled as one path:
		 * no seams between the squares */
		for (y = 0; y < q->size; y++)
			for (x = 0; x < q->size; x++) {
				int run = 0;

				while (x + run < q->size && q->dark[y * q->size + x + run])
					run++;
				if (run)
					cairo_rectangle(s->cr, x0 + x * module, y0 + y * module, run * module, module);
				x += run;
			}
		cairo_set_source_rgb(s->cr, 0, 0, 0);
		cairo_fill(s->cr);
	}
	s->y += side;
}

/* The lines from p that draw a code; their length in bytes (the last
 * newline left out), 0 when p's line is none of them. */
static size_t qr_span(const char *p)
{
	const char *line = p, *end;
	size_t len = 0;

	for (;;) {
		end = strchr(line, '\n');
		if (!qr_text_line(line, end ? (size_t)(end - line) : strlen(line)))
			return len;
		len = (size_t)(end ? end - p : (ptrdiff_t)strlen(p));
		if (!end)
			return len;
		line = end + 1;
	}
}

static enum pdf_role role_of(int nth, size_t spaces)
{
	return nth == 0 ? PDF_ROLE_HALL : nth == 1 ? PDF_ROLE_TITLE : spaces >= 20 ? PDF_ROLE_RIGHT
	       : spaces >= 6 ? PDF_ROLE_BIG : spaces >= 4 ? PDF_ROLE_PARAGRAPH : spaces > 0 ? PDF_ROLE_INDENTED
	       : PDF_ROLE_PLAIN;
}

/* A line with blanks to sign on (“移交人（签字）：__________    时间：…”):
 * each blank a line of its own. */
static int read_signatures(const char *text, size_t len, const struct pdf_reader *r, void *ctx)
{
	const char *end = text + len;

	if (!memmem(text, len, SIGN_BLANK, strlen(SIGN_BLANK)))
		return 0;
	while (text < end) {
		const char *gap = memmem(text, (size_t)(end - text), "  ", 2), *next;

		if (!gap)
			gap = end;
		if (gap > text)
			r->line(ctx, PDF_ROLE_SIGN, text, (size_t)(gap - text));
		for (next = gap; next < end && *next == ' '; next++)
			;
		text = next;
	}
	return 1;
}

void pdf_read(const char *text, const struct pdf_reader *r, void *ctx)
{
	const char *p = text;
	int nth = 0;

	while (*p) {
		size_t span, len, spaces;
		const char *end;

		if (*p == '\f') {   /* another document, from its hall and title */
			if (r->new_document)
				r->new_document(ctx);
			nth = 0;
			p++;
			continue;
		}
		span = qr_span(p);
		if (span) {
			struct qr q;

			if (qr_read_text(p, span, &q) == 0) {
				r->code(ctx, &q);
				qr_free(&q);
			}
			p += span + (p[span] == '\n');
			continue;
		}
		end = strpbrk(p, "\n\f");   /* a form feed ends a line too */
		len = end ? (size_t)(end - p) : strlen(p);
		for (spaces = 0; spaces < len && p[spaces] == ' '; spaces++)
			;
		if (spaces == len)
			r->blank(ctx);
		else if (nth++ < 2 || !read_signatures(p + spaces, len - spaces, r, ctx))
			r->line(ctx, role_of(nth - 1, spaces), p + spaces, len - spaces);
		p += len + (end != NULL && *end == '\n');
	}
}

/* The parts of the text on the sheet. */
/* Where the closing block begins: the line above the right-aligned lines
 * that end the text (the seal, the date), to be kept on one page with them,
 * as official paper never leaves the seal alone on a page. NULL when the
 * text ends otherwise. */
static const char *closing_block(const char *text)
{
	const char *line_end = text + strlen(text);
	int rights = 0;

	while (line_end > text) {
		const char *start = line_end;
		size_t spaces;

		while (start > text && start[-1] != '\n')
			start--;
		for (spaces = 0; start + spaces < line_end && start[spaces] == ' '; spaces++)
			;
		if (start + spaces < line_end) {
			if (spaces < 20)
				return rights ? start : NULL;
			rights++;
		}
		line_end = start > text ? start - 1 : text;
	}
	return NULL;
}

/* Each document's closing block, the documents separated by form feeds. */
static void find_closings(struct sheet *s, const char *text)
{
	const char *part = text;
	int d;

	for (d = 0; d < PDF_MAX_DOCUMENTS && part; d++) {
		const char *end = strchr(part, '\f');
		size_t len = end ? (size_t)(end - part) : strlen(part);
		char *copy = malloc(len + 1);
		const char *c;

		if (!copy)
			return;   /* no block kept whole: nothing is lost either */
		memcpy(copy, part, len);
		copy[len] = '\0';
		c = closing_block(copy);
		s->closing[d] = c ? part + (c - copy) : NULL;
		free(copy);
		part = end ? end + 1 : NULL;
	}
}

/* The closing block's height in the pass just done: what it took on its
 * page, and on the next when it went on. */
static double closing_height(const struct sheet *s)
{
	if (!s->closing_page)
		return 0;
	return s->page == s->closing_page ? s->y - s->closing_y : s->m.bottom - s->closing_y + s->y - s->m.top;
}

static void sheet_line(void *ctx, enum pdf_role role, const char *text, size_t len)
{
	struct sheet *s = ctx;

	if (s->closing[s->doc] && !s->closing_page && text >= s->closing[s->doc]) {
		sheet_room(s, s->closing_height[s->doc]);
		s->closing_y = s->y;
		s->closing_page = s->page;
	}
	place_line(s, text, len, role);
	if (role == PDF_ROLE_TITLE)
		s->y += s->m.body * 0.8;   /* room under the title */
}

static void sheet_blank(void *ctx)
{
	struct sheet *s = ctx;

	if (s->y > s->m.top)
		s->y += s->m.body * 0.6;
}

static void sheet_code(void *ctx, const struct qr *q)
{
	place_qr(ctx, q);
}

/* The document ends: its closing block's height as this pass found it. */
static void sheet_document_end(struct sheet *s)
{
	s->measured[s->doc] = closing_height(s);
}

static void sheet_new_document(void *ctx)
{
	struct sheet *s = ctx;

	sheet_document_end(s);
	if (s->doc + 1 < PDF_MAX_DOCUMENTS)
		s->doc++;
	s->closing_page = 0;

	if (s->y > s->m.top)
		sheet_next_page(s);
}

static void lay_out(struct sheet *s, const char *text)
{
	static const struct pdf_reader sheet_reader = { sheet_line, sheet_blank, sheet_code, sheet_new_document };

	s->page = 1;
	s->y = s->m.top;
	s->missing = 0;
	s->doc = 0;
	s->closing_page = 0;
	pdf_read(text, &sheet_reader, s);
	sheet_document_end(s);
	sheet_footer(s);
}

static PangoContext *paper_context(cairo_t *cr)
{
	PangoContext *pc = pango_cairo_create_context(cr);
	cairo_font_options_t *options = cairo_font_options_create();

	/* points are the PDF's units; no hinting: paper, not a screen */
	pango_cairo_context_set_resolution(pc, 72);
	cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
	cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
	pango_cairo_context_set_font_options(pc, options);
	cairo_font_options_destroy(options);
	pango_context_set_language(pc, pango_language_from_string("zh-cn"));
	return pc;
}

int pdf_write(const char *text, const struct pdf_setup *setup, const char *path, struct yc_err *err)
{
	struct sheet s = { 0 };
	cairo_surface_t *surface;
	cairo_status_t status;

	s.m = measures_of(setup);
	surface = cairo_pdf_surface_create(path, s.m.width, s.m.height > 0 ? s.m.height : 100 * MM);
	s.cr = cairo_create(surface);
	s.pc = paper_context(s.cr);
	/* measure the closing blocks, then count the pages with each kept whole */
	find_closings(&s, text);
	lay_out(&s, text);
	memcpy(s.closing_height, s.measured, sizeof s.closing_height);
	lay_out(&s, text);
	s.pages = s.page;
	if (setup->paper == PDF_RECEIPT) {
		s.m.height = s.y + 4 * MM;
		s.m.bottom = s.m.height;
		cairo_pdf_surface_set_size(surface, s.m.width, s.m.height);
	}
	s.draw = 1;
	lay_out(&s, text);
	cairo_show_page(s.cr);
	g_object_unref(s.pc);
	cairo_destroy(s.cr);
	cairo_surface_finish(surface);
	status = cairo_surface_status(surface);
	cairo_surface_destroy(surface);
	if (status != CAIRO_STATUS_SUCCESS) {
		yc_err_set(err, YC_EIO, _("Cannot write the PDF %s: %s."), path,
			   status == CAIRO_STATUS_WRITE_ERROR && errno ? strerror(errno) : cairo_status_to_string(status));
		return -1;
	}
	if (s.missing > 0) {
		yc_err_set(err, YC_EIO,
			   _("%d characters of the document are in no installed font (install fonts-noto-cjk): %s would print them as boxes and was not printed."),
			   s.missing, path);
		return -1;
	}
	return 0;
}
