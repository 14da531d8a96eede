/* pdf.h - a document on paper: the text documents.h renders from its
 * template, laid out as official paper and written as a PDF with its
 * fonts embedded (Pango shapes the Chinese, Cairo writes the file).
 * The wording stays in data/templates; the layout reads the text's
 * shape, as a typist would:
 *   - the first line is the hall's name, centred;
 *   - the next line that is not blank is the title, centred and large;
 *   - a line indented 20 spaces or more goes to the right margin (the
 *     document number, the seal, the date);
 *   - a line indented 6 to 19 spaces is centred and large (the ticket's
 *     number);
 *   - a line indented 4 or 5 spaces is a paragraph, its first line
 *     indented two characters; 1 to 3 spaces indent the whole line;
 *   - a line with blanks to sign on (_____) has each blank on a line of
 *     its own, with room for a hand;
 *   - the half-block lines of a QR code (qr_text) are drawn as vector
 *     squares with a quiet zone of 4 modules, the code 30 mm wide on A4
 *     (30 or 24 mm on a receipt of 80 or 58 mm);
 *   - long lines wrap inside the margins (a numbered item under its words);
 *     a page full goes on to the next, every page numbered when there are
 *     several; the closing block (the line above the seal, the seal, the
 *     date) is never split: the seal is never alone on a page.
 * Curses- and SQL-free. */
#ifndef YC_PDF_H
#define YC_PDF_H

#include <stddef.h>

#include "yc.h"

enum pdf_paper {
	PDF_A4,                 /* notices, slips, lists, the licence, the sheet */
	PDF_RECEIPT             /* a ticket: a receipt roll, as long as it needs */
};

struct pdf_setup {
	enum pdf_paper paper;
	int receipt_mm;         /* the roll's width (print.ticket_width), 58 or 80 */
};

/* The font the body is set in; a character it lacks comes from any other
 * font fontconfig knows (Noto Serif CJK JP/KR/HK carry many of
 * Extension B). */
#define PDF_BODY_FONT "Noto Serif CJK SC"

/* Write text as a PDF to path. 0, or -1 with err set (no file, a
 * character no installed font has). */
int pdf_write(const char *text, const struct pdf_setup *setup, const char *path, struct yc_err *err);

/* How paper reads the text, part by part (see above); the PDF and the
 * receipt printer's ESC/POS (escpos.h) set each part their own way. */
enum pdf_role {
	PDF_ROLE_HALL, PDF_ROLE_TITLE, PDF_ROLE_RIGHT, PDF_ROLE_BIG, PDF_ROLE_PARAGRAPH, PDF_ROLE_INDENTED,
	PDF_ROLE_PLAIN, PDF_ROLE_SIGN       /* one blank to sign on, as a line of its own */
};

struct qr;

struct pdf_reader {
	/* a line not blank, its indentation left out */
	void (*line)(void *ctx, enum pdf_role role, const char *text, size_t len);
	void (*blank)(void *ctx);
	/* a QR code, read back from its half blocks (qr_read_text) */
	void (*code)(void *ctx, const struct qr *q);
	/* optional: a form feed, where a letter the applicant signs follows
	 * the notice (documents.c): what follows is a document of its own,
	 * on a new page, its first lines its hall and title again */
	void (*new_document)(void *ctx);
};

void pdf_read(const char *text, const struct pdf_reader *r, void *ctx);

/* The side of a module of a code of size modules a side on this paper, in
 * millimetres. */
double pdf_qr_module_mm(const struct pdf_setup *setup, int size);

#endif
