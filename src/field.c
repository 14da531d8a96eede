/* field.c - the text-field model: editing on a wchar_t buffer. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "field.h"
#include "width.h"

int field_init(struct yc_field *f, size_t max_chars)
{
	memset(f, 0, sizeof *f);
	f->max_chars = max_chars;
	f->cap = 32;
	f->text = calloc(f->cap, sizeof *f->text);
	return f->text ? 0 : -1;
}

void field_limit_bytes(struct yc_field *f, size_t n)
{
	f->max_bytes = n;
}

static size_t utf8_len(wchar_t c)
{
	return c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
}

static size_t utf8_bytes(const struct yc_field *f)
{
	size_t i, n = 0;

	for (i = 0; i < f->len; i++)
		n += utf8_len(f->text[i]);
	return n;
}

void field_free(struct yc_field *f)
{
	free(f->text);
	memset(f, 0, sizeof *f);
}

static int grow(struct yc_field *f, size_t need)
{
	wchar_t *p;
	size_t cap = f->cap;

	if (need <= cap)
		return 0;
	while (cap < need)
		cap *= 2;
	p = realloc(f->text, cap * sizeof *p);
	if (!p)
		return -1;
	f->text = p;
	f->cap = cap;
	return 0;
}

int field_insert(struct yc_field *f, wchar_t c)
{
	/* control characters are keys, never text */
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return 0;
	if (f->max_chars && f->len >= f->max_chars)
		return 0;
	if (f->max_bytes && utf8_bytes(f) + utf8_len(c) >= f->max_bytes)
		return 0;
	if (grow(f, f->len + 2) < 0)
		return 0;
	memmove(f->text + f->cursor + 1, f->text + f->cursor,
		(f->len - f->cursor + 1) * sizeof *f->text);
	f->text[f->cursor++] = c;
	f->len++;
	return 1;
}

static void remove_at(struct yc_field *f, size_t at, size_t count)
{
	memmove(f->text + at, f->text + at + count,
		(f->len - at - count + 1) * sizeof *f->text);
	f->len -= count;
}

int field_backspace(struct yc_field *f)
{
	if (f->cursor == 0)
		return 0;
	f->cursor--;
	remove_at(f, f->cursor, 1);
	if (f->scroll > f->cursor)
		f->scroll = f->cursor;
	return 1;
}

int field_delete(struct yc_field *f)
{
	if (f->cursor >= f->len)
		return 0;
	remove_at(f, f->cursor, 1);
	return 1;
}

int field_left(struct yc_field *f)
{
	if (f->cursor == 0)
		return 0;
	f->cursor--;
	return 1;
}

int field_right(struct yc_field *f)
{
	if (f->cursor >= f->len)
		return 0;
	f->cursor++;
	return 1;
}

int field_home(struct yc_field *f)
{
	if (f->cursor == 0)
		return 0;
	f->cursor = 0;
	return 1;
}

int field_end(struct yc_field *f)
{
	if (f->cursor == f->len)
		return 0;
	f->cursor = f->len;
	return 1;
}

int field_kill_to_end(struct yc_field *f)
{
	if (f->cursor == f->len)
		return 0;
	f->len = f->cursor;
	f->text[f->len] = L'\0';
	return 1;
}

int field_kill_to_start(struct yc_field *f)
{
	if (f->cursor == 0)
		return 0;
	remove_at(f, 0, f->cursor);
	f->cursor = 0;
	f->scroll = 0;
	return 1;
}

int field_clear(struct yc_field *f)
{
	if (f->len == 0)
		return 0;
	f->len = f->cursor = f->scroll = 0;
	f->text[0] = L'\0';
	return 1;
}

int field_set(struct yc_field *f, const char *utf8)
{
	size_t n = strlen(utf8) + 1;   /* never more characters than bytes */

	if (f->max_chars && n > f->max_chars + 1)
		n = f->max_chars + 1;
	if (grow(f, n) < 0)
		return -1;
	f->len = yc_decode(utf8, f->text, n);
	f->cursor = f->len;
	f->scroll = 0;
	return 0;
}

void field_get(const struct yc_field *f, char *out, size_t outsz)
{
	yc_encode(f->text, f->len, out, outsz);
}

void field_layout(struct yc_field *f, int cols, int *cursor_col)
{
	/* the cursor needs one column of its own at the end of the text */
	if (cols < 1)
		cols = 1;
	if (f->scroll > f->cursor)
		f->scroll = f->cursor;
	while (f->scroll < f->cursor &&
	       yc_wwidth(f->text + f->scroll, f->cursor - f->scroll) + 1 > cols)
		f->scroll++;
	*cursor_col = yc_wwidth(f->text + f->scroll, f->cursor - f->scroll);
}
