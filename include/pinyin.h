/* pinyin.h - how a citizen's words meet the catalogue's: the toneless
 * pinyin of Chinese text, and a search query folded the way the search
 * index is (full-width to half-width, spaces trimmed, codes without their
 * punctuation). Curses- and SQL-free. */
#ifndef YC_PINYIN_H
#define YC_PINYIN_H

#include <stddef.h>

/* "个体工商户设立登记" -> "gtgshsldj getigongshanghushelidengji": the
 * initials, a space, the syllables run together. Letters and digits are
 * kept (lower case), anything else is left out; a character without a
 * known reading is left out too. out is always terminated; 0, or -1 when
 * the pinyin table could not be read (out empty). */
int pinyin_of(const char *utf8, char *out, size_t n);

/* The query as the index sees it: full-width ASCII (ＧＴＧＳＨ, ０１) and the
 * ideographic space made half-width, ASCII in lower case, runs of white
 * space one space, leading and trailing ones gone. */
void search_fold(const char *query, char *out, size_t n);

/* A code as the index keeps it: letters and digits only, lower case
 * ("BDC-001" -> "bdc001"). */
void search_code_form(const char *s, char *out, size_t n);

#endif
