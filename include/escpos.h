/* escpos.h - a ticket for a receipt printer that takes raw ESC/POS with
 * GB18030 text, as many in Chinese halls do (print.ticket_format =
 * "escpos"; configured, never assumed): the ticket's text read as paper
 * reads it (pdf_read), the hall and the title centred, the number large,
 * the text in GB18030 in the printer's Chinese mode, the QR code as a
 * raster image of its modules (GS v 0, which every ESC/POS printer takes),
 * then fed and cut. Curses- and SQL-free. */
#ifndef YC_ESCPOS_H
#define YC_ESCPOS_H

#include "yc.h"

/* Write the ticket's bytes to path, for a roll roll_mm wide (58 or 80).
 * 0, or -1 with err set. */
int escpos_write(const char *text, int roll_mm, const char *path, struct yc_err *err);

#endif
