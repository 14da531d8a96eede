/* export.h - tables out to CSV and XLSX files for supervisors (monthly
 * assessment sheets, reports). Knows nothing of the database or the
 * screen: the caller fills a table of text cells and names a file.
 *
 * Both writers put the file together under PATH.part, fsync it and only
 * then rename it to PATH, so a failure (disk full, share gone) never
 * leaves a half file under the real name. An existing PATH is replaced. */
#ifndef YC_EXPORT_H
#define YC_EXPORT_H

#include "yc.h"   /* struct yc_err */

struct export_table {
	const char *title;            /* sheet name / CSV title line; UTF-8 */
	int n_cols, n_rows;
	const char *const *headers;   /* n_cols */
	const char *const *cells;     /* n_rows * n_cols, row-major; NULL cell = empty */
	const int *numeric;           /* n_cols flags, 1 = the column holds numbers; may be NULL */
};

/* CSV for Excel: UTF-8 with a byte-order mark (without it Excel reads
 * Chinese as GBK), CRLF line ends, the title on the first line, then the
 * headers, then the rows; RFC 4180 quoting (a field with a comma, quote,
 * CR or LF is quoted, quotes doubled).
 *
 * A cell of a numeric column that is a plain decimal number (-12, 85.5,
 * 1e3) is written as it is; anything else is text. Text that begins with
 * = + - @ TAB or CR gets a leading apostrophe, so that Excel shows it
 * instead of running it as a formula (names and addresses come from
 * citizens and online applications).
 *
 * Returns 0, or -1 with err set (YC_EIO naming the file and the system's
 * reason; YC_EINTERNAL for a malformed table). */
int export_csv(const char *path, const struct export_table *t, struct yc_err *err);

/* XLSX: one worksheet per table. The sheet is named by the title, cut to
 * the 31 characters Excel allows, with []:*?/\ and control characters
 * replaced by '_' and a leading or trailing apostrophe too; an empty title
 * becomes "SheetN", and a name already used (Excel ignores case) gets
 * "(2)", "(3)"... A bold, frozen header row, then the rows; cells of
 * numeric columns that are numbers (as for CSV) are stored as numbers;
 * column widths follow the widest line in the column, a Chinese character
 * counting as two (through yc_width, so LC_CTYPE must be UTF-8, as main()
 * makes it). Same .part + rename rule as export_csv.
 *
 * Returns 0, or -1 with err set (YC_EIO for the file, YC_EINVAL for a
 * table too big or a text too long for Excel, YC_EINTERNAL otherwise);
 * the library's own words go to err->detail. */
int export_xlsx(const char *path, const struct export_table *const *tables, int n_tables,
		struct yc_err *err);

#endif
