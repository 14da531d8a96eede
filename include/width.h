/* width.h - the one place that knows how wide text is on the terminal.
 * Chinese characters take two columns; nothing is ever cut in the middle
 * of a character; control characters and invalid bytes never reach the
 * terminal (they become '?' and U+FFFD). Curses-free. */
#ifndef YC_WIDTH_H
#define YC_WIDTH_H

#include <stddef.h>
#include <wchar.h>

/* Decode UTF-8 into at most cap-1 wide characters (NUL-terminated),
 * replacing invalid sequences with U+FFFD and control characters with '?'
 * (a tab becomes a space). Returns the number of characters written. */
size_t yc_decode(const char *s, wchar_t *out, size_t cap);

/* Columns one character takes: 0, 1 or 2; unprintable counts as 1. */
int yc_char_width(wchar_t c);

/* Columns a string takes on screen (after sanitising). */
int yc_width(const char *s);
int yc_wwidth(const wchar_t *s, size_t n);

/* Copy s into out clipped to at most cols columns; when pad is nonzero,
 * pad with spaces to exactly cols. A double-width character that would
 * straddle the edge is replaced by a space. Output is sanitised UTF-8.
 * Returns the columns written. */
int yc_fit(const char *s, int cols, int pad, char *out, size_t outsz);

/* Same, marking a clipped string with a trailing '~'. */
int yc_fit_mark(const char *s, int cols, int pad, char *out, size_t outsz);

/* Encode wide characters as UTF-8 into out (always terminated). */
size_t yc_encode(const wchar_t *s, size_t n, char *out, size_t outsz);

#endif
