/* export.c - tables to CSV and XLSX files for supervisors (see export.h). */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <wchar.h>
#include <xlsxwriter.h>

#include "export.h"
#include "width.h"
#include "yc.h"

#define SHEET_NAME_MAX 31      /* Excel's limit, in UTF-16 units */
#define COL_WIDTH_MIN 6        /* in widths of the digit '0' */
#define COL_WIDTH_MAX 60       /* longer text wraps instead */
#define EXACT_DIGITS 15        /* what a double keeps; more would be rounded */

/* ---- what both formats share ------------------------------------------ */

static const char *cell_at(const struct export_table *t, int row, int col)
{
	return t->cells[(size_t)row * (size_t)t->n_cols + (size_t)col];
}

static int is_digit(char c)
{
	return c >= '0' && c <= '9';
}

/* A plain decimal number: -?D+(.D+)?([eE][+-]?D+)?, finite, with at most
 * 15 significant digits. Stricter than strtod, which also takes hex,
 * "inf", "nan" and leading blanks; and an 18-digit identity-card number
 * must stay text, not come back rounded as 1.10101E+17. */
static int plain_number(const char *s, double *value)
{
	const char *p = s;
	int digits = 0, leading = 1;
	char *end;
	double v;

	if (*p == '-')
		p++;
	if (!is_digit(*p))
		return 0;
	for (; is_digit(*p) || *p == '.'; p++) {
		if (*p == '.') {
			if (!is_digit(p[1]) || strchr(p + 1, '.'))
				return 0;
			continue;
		}
		if (*p != '0')
			leading = 0;
		if (!leading)
			digits++;
	}
	if (*p == 'e' || *p == 'E') {
		p++;
		if (*p == '+' || *p == '-')
			p++;
		if (!is_digit(*p))
			return 0;
		while (is_digit(*p))
			p++;
	}
	if (*p || digits > EXACT_DIGITS)
		return 0;
	v = strtod(s, &end);
	if (*end || !isfinite(v))
		return 0;   /* out of range, or a locale whose decimal point is ',' */
	if (value)
		*value = v;
	return 1;
}

static int table_ok(const struct export_table *t, struct yc_err *err)
{
	if (t && t->n_cols >= 0 && t->n_rows >= 0 && (t->n_cols == 0 || t->headers) &&
	    (t->n_cols == 0 || t->n_rows == 0 || t->cells))
		return 1;
	yc_err_set(err, YC_EINTERNAL, "%s", _("The table to export is incomplete (a program error)."));
	return 0;
}

/* PATH.part: where the file is put together before it takes its name. */
static char *part_name(const char *path, struct yc_err *err)
{
	size_t n = strlen(path);
	char *part = malloc(n + sizeof ".part");

	if (!part) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return NULL;
	}
	memcpy(part, path, n);
	memcpy(part + n, ".part", sizeof ".part");
	return part;
}

static void io_error(struct yc_err *err, const char *path, int e)
{
	yc_err_set(err, YC_EIO, _("Cannot write %s: %s."), path, strerror(e));
}

/* The finished PATH.part takes the real name; on failure it goes away,
 * so that nothing half-made is left lying in the supervisor's folder. */
static int take_name(const char *part, const char *path, struct yc_err *err)
{
	if (rename(part, path) == 0)
		return 0;
	io_error(err, path, errno);
	unlink(part);
	return -1;
}

/* ---- CSV ------------------------------------------------------------- */

/* Remembers the first write error, so the rows can be written without a
 * check after each field. */
struct sink {
	FILE *f;
	int error;
};

static void export_put(struct sink *o, const char *s, size_t n)
{
	if (o->error || n == 0)
		return;
	if (fwrite(s, 1, n, o->f) != n)
		o->error = errno ? errno : EIO;
}

/* A leading = + - @ makes Excel run the cell as a formula, and these
 * cells carry text typed by citizens: an apostrophe keeps it text. A
 * lone sign and a negative number are harmless and stay as they are. */
static int formula_like(const char *s)
{
	return s[0] && s[1] && strchr("=+-@\t\r", s[0]) && !plain_number(s, NULL);
}

/* RFC 4180: quote a field holding a comma, quote, CR or LF; double quotes. */
static void export_put_text(struct sink *o, const char *s)
{
	int quoted = strpbrk(s, ",\"\r\n") != NULL;

	if (quoted)
		export_put(o, "\"", 1);
	if (formula_like(s))
		export_put(o, "'", 1);
	while (*s) {
		const char *q = strchr(s, '"');
		size_t n = q ? (size_t)(q - s) + 1 : strlen(s);

		export_put(o, s, n);
		if (q)
			export_put(o, "\"", 1);
		s += n;
	}
	if (quoted)
		export_put(o, "\"", 1);
}

/* One line of n fields; numeric (may be NULL) marks number columns. */
static void put_line(struct sink *o, const char *const *fields, int n, const int *numeric)
{
	int i;

	for (i = 0; i < n; i++) {
		const char *s = fields[i] ? fields[i] : "";

		if (i > 0)
			export_put(o, ",", 1);
		if (numeric && numeric[i] && plain_number(s, NULL))
			export_put(o, s, strlen(s));
		else
			export_put_text(o, s);
	}
	export_put(o, "\r\n", 2);
}

static void put_table(struct sink *o, const struct export_table *t)
{
	const char *title = t->title ? t->title : "";
	int r;

	export_put(o, "\xEF\xBB\xBF", 3);   /* without the BOM Excel reads UTF-8 as GBK */
	put_line(o, &title, 1, NULL);
	put_line(o, t->headers, t->n_cols, NULL);
	for (r = 0; r < t->n_rows; r++)
		put_line(o, t->cells + (size_t)r * (size_t)t->n_cols, t->n_cols, t->numeric);
}

int export_csv(const char *path, const struct export_table *t, struct yc_err *err)
{
	struct sink o = { NULL, 0 };
	char *part;

	if (!path) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("No file name to export to (a program error)."));
		return -1;
	}
	if (!table_ok(t, err) || !(part = part_name(path, err)))
		return -1;
	if (!(o.f = fopen(part, "wb"))) {
		io_error(err, path, errno);
		free(part);
		return -1;
	}
	put_table(&o, t);
	if (!o.error && fflush(o.f) != 0)
		o.error = errno;
	if (!o.error && fsync(fileno(o.f)) != 0)
		o.error = errno;
	if (fclose(o.f) != 0 && !o.error)
		o.error = errno;
	if (o.error) {
		io_error(err, path, o.error);
		unlink(part);
		free(part);
		return -1;
	}
	if (take_name(part, path, err) < 0) {
		free(part);
		return -1;
	}
	free(part);
	return 0;
}

/* ---- XLSX ------------------------------------------------------------ */

/* Bytes in the valid UTF-8 sequence at s, or 0 when it is not one. */
static size_t utf8_seq(const unsigned char *s)
{
	unsigned long v;
	size_t len, i;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF) {
		len = 2;
		v = s[0] & 0x1F;
	} else if (s[0] >= 0xE0 && s[0] <= 0xEF) {
		len = 3;
		v = s[0] & 0x0F;
	} else if (s[0] >= 0xF0 && s[0] <= 0xF4) {
		len = 4;
		v = s[0] & 0x07;
	} else {
		return 0;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return 0;
		v = (v << 6) | (s[i] & 0x3F);
	}
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF))
		return 0;
	return len;
}

/* One bad byte in a cell makes Excel refuse the whole workbook, so bad
 * bytes become U+FFFD. Returns s itself when it is clean, else a copy
 * the caller frees (NULL when out of memory). */
static char *valid_utf8(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	char *out, *q;
	size_t n;

	while (*p && (n = utf8_seq(p)) > 0)
		p += n;
	if (!*p)
		return (char *)s;
	if (!(out = malloc(strlen(s) * 3 + 1)))
		return NULL;
	for (p = (const unsigned char *)s, q = out; *p;) {
		if ((n = utf8_seq(p)) > 0) {
			memcpy(q, p, n);
			q += n;
			p += n;
		} else {
			memcpy(q, "\xEF\xBF\xBD", 3);
			q += 3;
			p++;
		}
	}
	*q = '\0';
	return out;
}

static size_t utf16_units(const wchar_t *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += (unsigned long)*s > 0xFFFF ? 2 : 1;
	return n;
}

/* Cut s to at most max UTF-16 units (Excel counts a name in those). */
static void cut_units(wchar_t *s, size_t max)
{
	size_t n = 0;

	for (; *s; s++) {
		n += (unsigned long)*s > 0xFFFF ? 2 : 1;
		if (n > max) {
			*s = L'\0';
			return;
		}
	}
}

/* Excel refuses a name used twice ignoring case, and "History" is its own. */
static int name_taken(const wchar_t *name, wchar_t (*used)[SHEET_NAME_MAX + 1], int n_used)
{
	int i;

	if (wcscasecmp(name, L"History") == 0)
		return 1;
	for (i = 0; i < n_used; i++)
		if (wcscasecmp(name, used[i]) == 0)
			return 1;
	return 0;
}

/* Excel's rules for a sheet name: at most 31 characters, none of
 * []:*?/\, no apostrophe at either end, unique. Tables 0..index-1 have
 * their names in used; this one's goes to used[index]. */
static void sheet_name(const char *title, int index, wchar_t (*used)[SHEET_NAME_MAX + 1])
{
	wchar_t base[SHEET_NAME_MAX + 1], suffix[16];
	wchar_t *out = used[index];
	size_t i, n;
	int k;

	/* control characters come back as '?' and so become '_' below */
	n = yc_decode(title ? title : "", base, YC_ARRAY_LEN(base));
	for (i = 0; i < n; i++)
		if (wcschr(L"[]:*?/\\", base[i]))
			base[i] = L'_';
	cut_units(base, SHEET_NAME_MAX);
	n = wcslen(base);
	if (n > 0 && base[0] == L'\'')
		base[0] = L'_';
	if (n > 0 && base[n - 1] == L'\'')
		base[n - 1] = L'_';
	if (n == 0)
		swprintf(base, YC_ARRAY_LEN(base), L"Sheet%d", index + 1);
	wcscpy(out, base);
	for (k = 2; name_taken(out, used, index); k++) {
		swprintf(suffix, YC_ARRAY_LEN(suffix), L"(%d)", k);
		wcscpy(out, base);
		cut_units(out, SHEET_NAME_MAX - utf16_units(suffix));
		wcscat(out, suffix);
	}
}

/* Widest line of s in terminal columns, which is close to Excel's unit:
 * a Chinese character takes about two widths of '0'. */
static int text_width(const char *s)
{
	char line[256];   /* wider than any column we make */
	int widest = 0;

	while (s) {
		const char *nl = strchr(s, '\n');
		size_t n = nl ? (size_t)(nl - s) : strlen(s);
		int w;

		if (n >= sizeof line)
			n = sizeof line - 1;
		memcpy(line, s, n);
		line[n] = '\0';
		w = yc_width(line);
		if (w > widest)
			widest = w;
		s = nl ? nl + 1 : NULL;
	}
	return widest;
}

static double export_column_width(const struct export_table *t, int col)
{
	int r, w = t->headers[col] ? text_width(t->headers[col]) + 1 : 0;   /* +1: bold */

	for (r = 0; r < t->n_rows; r++) {
		const char *s = cell_at(t, r, col);
		int cw = s ? text_width(s) : 0;

		if (cw > w)
			w = cw;
	}
	w += 2;
	if (w < COL_WIDTH_MIN)
		w = COL_WIDTH_MIN;
	if (w > COL_WIDTH_MAX)
		w = COL_WIDTH_MAX;
	return w;
}

struct formats {
	lxw_format *header, *text, *number;
};

static lxw_error put_cell(lxw_worksheet *ws, int row, int col, const char *s, int numeric,
			  lxw_format *text_fmt, lxw_format *number_fmt)
{
	lxw_error le;
	double v;
	char *clean;

	if (!s || !*s)
		return LXW_NO_ERROR;
	if (numeric && plain_number(s, &v))
		return worksheet_write_number(ws, (lxw_row_t)row, (lxw_col_t)col, v, number_fmt);
	if (!(clean = valid_utf8(s)))
		return LXW_ERROR_MEMORY_MALLOC_FAILED;
	le = worksheet_write_string(ws, (lxw_row_t)row, (lxw_col_t)col, clean, text_fmt);
	if (clean != s)
		free(clean);
	return le;
}

static lxw_error fill_sheet(lxw_worksheet *ws, const struct export_table *t,
			    const struct formats *fmt)
{
	lxw_error le = LXW_NO_ERROR;
	int r, c;

	for (c = 0; c < t->n_cols && !le; c++)
		le = put_cell(ws, 0, c, t->headers[c], 0, fmt->header, NULL);
	for (r = 0; r < t->n_rows && !le; r++)
		for (c = 0; c < t->n_cols && !le; c++)
			le = put_cell(ws, r + 1, c, cell_at(t, r, c), t->numeric && t->numeric[c],
				      fmt->text, fmt->number);
	for (c = 0; c < t->n_cols && !le; c++)
		le = worksheet_set_column(ws, (lxw_col_t)c, (lxw_col_t)c, export_column_width(t, c), NULL);
	if (!le && t->n_cols > 0)
		worksheet_freeze_panes(ws, 1, 0);   /* headers stay in view */
	return le;
}

static void too_big(struct yc_err *err, const char *title)
{
	yc_err_set(err, YC_EINVAL, _("The table \"%s\" has more rows or columns than Excel allows."),
		   title ? title : "");
}

/* The library's errors in words a supervisor can act on; its own text
 * goes to the log. */
static void xlsx_error(struct yc_err *err, const char *path, const char *title, lxw_error le)
{
	switch (le) {
	case LXW_ERROR_MEMORY_MALLOC_FAILED:
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		break;
	case LXW_ERROR_WORKSHEET_INDEX_OUT_OF_RANGE:
		too_big(err, title);
		break;
	case LXW_ERROR_MAX_STRING_LENGTH_EXCEEDED:
		yc_err_set(err, YC_EINVAL,
			   _("A cell of the table \"%s\" holds more than the 32767 characters Excel allows."),
			   title ? title : "");
		break;
	case LXW_ERROR_CREATING_TMPFILE:
	case LXW_ERROR_READING_TMPFILE:
		yc_err_set(err, YC_EIO,
			   _("Cannot write %s: the folder for temporary files is full or not writable."), path);
		break;
	case LXW_ERROR_CREATING_XLSX_FILE:
	case LXW_ERROR_ZIP_FILE_OPERATION:
	case LXW_ERROR_ZIP_PARAMETER_ERROR:
	case LXW_ERROR_ZIP_BAD_ZIP_FILE:
	case LXW_ERROR_ZIP_INTERNAL_ERROR:
	case LXW_ERROR_ZIP_FILE_ADD:
	case LXW_ERROR_ZIP_CLOSE:
		yc_err_set(err, YC_EIO,
			   _("Cannot write %s: the disk may be full or the network share gone."), path);
		break;
	default:
		yc_err_set(err, YC_EINTERNAL,
			   _("Cannot write %s: the spreadsheet library reported a problem."), path);
		break;
	}
	if (err)
		snprintf(err->detail, sizeof err->detail, "libxlsxwriter: %s", lxw_strerror(le));
}

static int tables_ok(const struct export_table *const *tables, int n_tables, struct yc_err *err)
{
	int i;

	if (n_tables < 0 || (n_tables > 0 && !tables)) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("The table to export is incomplete (a program error)."));
		return 0;
	}
	for (i = 0; i < n_tables; i++) {
		if (!table_ok(tables[i], err))
			return 0;
		/* checked here, before any work, and without the library's
		 * warning on stderr, which would land on the clerk's screen */
		if (tables[i]->n_rows >= LXW_ROW_MAX || tables[i]->n_cols > LXW_COL_MAX) {
			too_big(err, tables[i]->title);
			return 0;
		}
	}
	return 1;
}

static int fsync_file(const char *path)
{
	int fd = open(path, O_RDWR | O_CLOEXEC);
	int rc;

	if (fd < 0)
		return errno;
	rc = fsync(fd) != 0 ? errno : 0;
	if (close(fd) != 0 && rc == 0)
		rc = errno;
	return rc;
}

/* Every sheet into the workbook; the library writes nothing yet. */
static int export_build(lxw_workbook *wb, const struct export_table *const *tables, int n_tables,
		 const char *path, struct yc_err *err)
{
	wchar_t (*names)[SHEET_NAME_MAX + 1];
	char name[SHEET_NAME_MAX * 4 + 1];
	struct formats fmt;
	lxw_error le = LXW_NO_ERROR;
	int i;

	if (!(names = calloc(n_tables > 0 ? (size_t)n_tables : 1, sizeof *names)) ||
	    !(fmt.header = workbook_add_format(wb)) || !(fmt.text = workbook_add_format(wb)) ||
	    !(fmt.number = workbook_add_format(wb))) {
		free(names);
		xlsx_error(err, path, NULL, LXW_ERROR_MEMORY_MALLOC_FAILED);
		return -1;
	}
	format_set_bold(fmt.header);
	format_set_text_wrap(fmt.header);
	format_set_align(fmt.header, LXW_ALIGN_VERTICAL_TOP);
	/* wrapped, so that a comment longer than the widest column stays legible */
	format_set_text_wrap(fmt.text);
	format_set_align(fmt.text, LXW_ALIGN_VERTICAL_TOP);
	format_set_align(fmt.number, LXW_ALIGN_VERTICAL_TOP);
	for (i = 0; i < n_tables; i++) {
		lxw_worksheet *ws;

		sheet_name(tables[i]->title, i, names);
		yc_encode(names[i], SHEET_NAME_MAX + 1, name, sizeof name);
		/* checked first: a name the library refuses would be told to stderr */
		if ((le = workbook_validate_sheet_name(wb, name)) != LXW_NO_ERROR)
			break;
		if (!(ws = workbook_add_worksheet(wb, name))) {
			le = LXW_ERROR_MEMORY_MALLOC_FAILED;
			break;
		}
		if ((le = fill_sheet(ws, tables[i], &fmt)) != LXW_NO_ERROR)
			break;
	}
	free(names);
	if (le != LXW_NO_ERROR) {
		xlsx_error(err, path, tables[i]->title, le);
		return -1;
	}
	return 0;
}

int export_xlsx(const char *path, const struct export_table *const *tables, int n_tables,
		struct yc_err *err)
{
	lxw_workbook *wb;
	lxw_error le;
	char *part;
	FILE *f;
	int e;

	if (!path) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("No file name to export to (a program error)."));
		return -1;
	}
	if (!tables_ok(tables, n_tables, err) || !(part = part_name(path, err)))
		return -1;
	/* The library opens the file only when closing the workbook, and then
	 * tells stderr, not us, why it could not: try the name first, so that
	 * the common failures (no such folder, no permission) are told in the
	 * system's words and before any work. */
	if (!(f = fopen(part, "wb")) || fclose(f) != 0) {
		io_error(err, path, errno);
		free(part);
		return -1;
	}
	if (!(wb = workbook_new(part))) {
		xlsx_error(err, path, NULL, LXW_ERROR_MEMORY_MALLOC_FAILED);
		unlink(part);
		free(part);
		return -1;
	}
	if (export_build(wb, tables, n_tables, path, err) < 0) {
		lxw_workbook_free(wb);
		unlink(part);
		free(part);
		return -1;
	}
	if ((le = workbook_close(wb)) != LXW_NO_ERROR) {   /* frees wb either way */
		xlsx_error(err, path, NULL, le);
		unlink(part);
		free(part);
		return -1;
	}
	if ((e = fsync_file(part)) != 0) {
		io_error(err, path, e);
		unlink(part);
		free(part);
		return -1;
	}
	e = take_name(part, path, err);
	free(part);
	return e;
}
