/* pinyin.c - toneless pinyin from data/pinyin.txt (Unihan's readings),
 * and the folding of search text. */
#include "config.h"

#include <ctype.h>
#include <stdint.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>

#include "embedded.h"
#include "pinyin.h"
#include "width.h"
#include "yc.h"

/* One character's reading: the code point and where its syllable starts
 * in the table text (syllables end at the tab). */
struct reading {
	uint32_t cp;
	uint32_t syllable;
};

static struct reading *readings;
static size_t n_readings;

static int by_code_point(const void *a, const void *b)
{
	uint32_t x = ((const struct reading *)a)->cp, y = ((const struct reading *)b)->cp;

	return x < y ? -1 : x > y;
}

/* Decode one UTF-8 character at *p (advancing it); U+FFFD for a bad one. */
static uint32_t pinyin_next_code_point(const char **p)
{
	const unsigned char *s = (const unsigned char *)*p;
	uint32_t cp;
	int len, i;

	if (s[0] < 0x80)
		len = 1, cp = s[0];
	else if ((s[0] & 0xe0) == 0xc0)
		len = 2, cp = s[0] & 0x1f;
	else if ((s[0] & 0xf0) == 0xe0)
		len = 3, cp = s[0] & 0x0f;
	else if ((s[0] & 0xf8) == 0xf0)
		len = 4, cp = s[0] & 0x07;
	else {
		(*p)++;
		return 0xfffd;
	}
	for (i = 1; i < len; i++) {
		if ((s[i] & 0xc0) != 0x80) {
			*p += i;
			return 0xfffd;
		}
		cp = cp << 6 | (s[i] & 0x3f);
	}
	*p += len;
	return cp;
}

/* The table, read once: each line "syllable<TAB>characters". */
static int load_readings(void)
{
	const char *text = yc_data_pinyin_txt, *line, *p;
	size_t cap = 0;

	if (readings)
		return 0;
	for (line = text; *line; line = strchr(line, '\n') ? strchr(line, '\n') + 1 : line + strlen(line)) {
		const char *tab = strchr(line, '\t'), *end = strchr(line, '\n');

		if (line[0] == '#' || !tab || (end && tab > end))
			continue;
		for (p = tab + 1; *p && *p != '\n';) {
			uint32_t cp = pinyin_next_code_point(&p);

			if (n_readings == cap) {
				struct reading *grown;

				cap = cap ? cap * 2 : 32768;
				if (!(grown = realloc(readings, cap * sizeof *grown))) {
					free(readings);
					readings = NULL;
					n_readings = 0;
					return -1;
				}
				readings = grown;
			}
			readings[n_readings].cp = cp;
			readings[n_readings++].syllable = (uint32_t)(line - text);
		}
	}
	if (readings && n_readings)
		qsort(readings, n_readings, sizeof *readings, by_code_point);
	return 0;
}

static const char *syllable_of(uint32_t cp)
{
	struct reading key = { cp, 0 }, *r;

	r = bsearch(&key, readings, n_readings, sizeof key, by_code_point);
	return r ? yc_data_pinyin_txt + r->syllable : NULL;
}

static void pinyin_append(char *out, size_t n, size_t *len, const char *s, size_t k)
{
	if (*len + k < n) {
		memcpy(out + *len, s, k);
		*len += k;
		out[*len] = '\0';
	}
}

int pinyin_of(const char *utf8, char *out, size_t n)
{
	char *full = malloc(n ? n : 1);
	size_t ilen = 0, flen = 0;
	const char *p = utf8;

	if (n)
		out[0] = '\0';
	if (!full || load_readings() < 0) {
		free(full);
		return -1;
	}
	full[0] = '\0';
	while (*p) {
		uint32_t cp = pinyin_next_code_point(&p);
		const char *syl = cp >= 0x80 ? syllable_of(cp) : NULL;
		char c = cp < 0x80 ? (char)tolower((int)cp) : 0;   /* tolower takes bytes only */

		if (syl) {
			pinyin_append(out, n, &ilen, syl, 1);
			pinyin_append(full, n, &flen, syl, strcspn(syl, "\t"));
		} else if (cp < 0x80 && isalnum((int)cp)) {
			pinyin_append(out, n, &ilen, &c, 1);
			pinyin_append(full, n, &flen, &c, 1);
		}
	}
	pinyin_append(out, n, &ilen, " ", 1);
	pinyin_append(out, n, &ilen, full, flen);
	free(full);
	return 0;
}

void search_fold(const char *query, char *out, size_t n)
{
	const char *p = query;
	size_t len = 0;
	int space = 0;

	if (!n)
		return;
	out[0] = '\0';
	while (*p) {
		const char *at = p;
		uint32_t cp = pinyin_next_code_point(&p);

		if (cp >= 0xff01 && cp <= 0xff5e)   /* full-width ASCII */
			cp -= 0xfee0;
		if (cp == 0x3000 || (cp < 0x80 && isspace((int)cp))) {
			space = len > 0;
			continue;
		}
		if (space)
			pinyin_append(out, n, &len, " ", 1);
		space = 0;
		if (cp < 0x80) {
			char c = (char)tolower((int)cp);

			pinyin_append(out, n, &len, &c, 1);
		} else {
			pinyin_append(out, n, &len, at, (size_t)(p - at));
		}
	}
}

void search_code_form(const char *s, char *out, size_t n)
{
	size_t len = 0;

	if (!n)
		return;
	out[0] = '\0';
	for (; *s; s++)
		if (isalnum((unsigned char)*s)) {
			char c = (char)tolower((unsigned char)*s);

			pinyin_append(out, n, &len, &c, 1);
		}
}
