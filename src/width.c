/* width.c - display width, clipping and sanitising of text. */
#include "config.h"

#include <string.h>
#include <wchar.h>

#include "width.h"

#define REPLACEMENT ((wchar_t)0xFFFD)

/* Decode one UTF-8 sequence at s (n bytes available). Stores the character
 * and returns bytes used; invalid input yields U+FFFD and consumes 1 byte. */
static size_t decode_one(const unsigned char *s, size_t n, wchar_t *c)
{
	unsigned long v;
	size_t len, i;

	if (s[0] < 0x80) {
		*c = s[0];
		return 1;
	}
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
		*c = REPLACEMENT;
		return 1;
	}
	if (len > n) {
		*c = REPLACEMENT;
		return 1;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xC0) != 0x80) {
			*c = REPLACEMENT;
			return 1;
		}
		v = (v << 6) | (s[i] & 0x3F);
	}
	/* overlong forms, surrogates, beyond Unicode */
	if ((len == 3 && v < 0x800) || (len == 4 && (v < 0x10000 || v > 0x10FFFF)) ||
	    (v >= 0xD800 && v <= 0xDFFF)) {
		*c = REPLACEMENT;
		return 1;
	}
	*c = (wchar_t)v;
	return len;
}

/* Characters that must not reach the terminal as they are. */
static wchar_t sanitise(wchar_t c)
{
	if (c == L'\t')
		return L' ';
	if (c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0))
		return L'?';
	return c;
}

size_t yc_decode(const char *s, wchar_t *out, size_t cap)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s), n = 0;

	if (cap == 0)
		return 0;
	while (left > 0 && n + 1 < cap) {
		wchar_t c;
		size_t used = decode_one(p, left, &c);

		out[n++] = sanitise(c);
		p += used;
		left -= used;
	}
	out[n] = L'\0';
	return n;
}

int yc_char_width(wchar_t c)
{
	int w = wcwidth(c);

	if (w < 0)
		return 1;   /* shown as a replacement glyph */
	return w;
}

int yc_wwidth(const wchar_t *s, size_t n)
{
	int w = 0;
	size_t i;

	for (i = 0; i < n && s[i]; i++)
		w += yc_char_width(sanitise(s[i]));
	return w;
}

int yc_width(const char *s)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s);
	int w = 0;

	while (left > 0) {
		wchar_t c;
		size_t used = decode_one(p, left, &c);

		w += yc_char_width(sanitise(c));
		p += used;
		left -= used;
	}
	return w;
}

/* Append one character as UTF-8 if it fits; returns 0 when out is full. */
static int put_utf8(wchar_t c, char *out, size_t outsz, size_t *pos)
{
	unsigned long v = (unsigned long)c;
	char buf[4];
	size_t len;

	if (v < 0x80) {
		buf[0] = (char)v;
		len = 1;
	} else if (v < 0x800) {
		buf[0] = (char)(0xC0 | (v >> 6));
		buf[1] = (char)(0x80 | (v & 0x3F));
		len = 2;
	} else if (v < 0x10000) {
		buf[0] = (char)(0xE0 | (v >> 12));
		buf[1] = (char)(0x80 | ((v >> 6) & 0x3F));
		buf[2] = (char)(0x80 | (v & 0x3F));
		len = 3;
	} else {
		buf[0] = (char)(0xF0 | (v >> 18));
		buf[1] = (char)(0x80 | ((v >> 12) & 0x3F));
		buf[2] = (char)(0x80 | ((v >> 6) & 0x3F));
		buf[3] = (char)(0x80 | (v & 0x3F));
		len = 4;
	}
	if (*pos + len + 1 > outsz)
		return 0;
	memcpy(out + *pos, buf, len);
	*pos += len;
	return 1;
}

size_t yc_encode(const wchar_t *s, size_t n, char *out, size_t outsz)
{
	size_t i, pos = 0;

	if (outsz == 0)
		return 0;
	for (i = 0; i < n && s[i]; i++)
		if (!put_utf8(s[i], out, outsz, &pos))
			break;
	out[pos] = '\0';
	return pos;
}

static int fit(const char *s, int cols, int pad, int mark, char *out, size_t outsz)
{
	const unsigned char *p = (const unsigned char *)s;
	size_t left = strlen(s), pos = 0;
	int used = 0;
	int room = cols;

	if (outsz == 0)
		return 0;
	out[0] = '\0';
	if (cols <= 0)
		return 0;
	if (mark && yc_width(s) > cols)
		room = cols - 1;    /* keep one column for the '~' */
	while (left > 0) {
		wchar_t c;
		size_t n = decode_one(p, left, &c);
		int w;

		c = sanitise(c);
		w = yc_char_width(c);
		if (used + w > room)
			break;
		if (!put_utf8(c, out, outsz, &pos))
			break;
		used += w;
		p += n;
		left -= n;
	}
	if (left > 0 && mark && used < cols && put_utf8(L'~', out, outsz, &pos))
		used++;
	while (pad && used < cols && put_utf8(L' ', out, outsz, &pos))
		used++;
	out[pos] = '\0';
	return used;
}

int yc_fit(const char *s, int cols, int pad, char *out, size_t outsz)
{
	return fit(s, cols, pad, 0, out, outsz);
}

int yc_fit_mark(const char *s, int cols, int pad, char *out, size_t outsz)
{
	return fit(s, cols, pad, 1, out, outsz);
}
