/* field.h - a single-line text field as a model, with no curses in it:
 * a wchar_t buffer, a cursor and a horizontal scroll offset measured in
 * characters. The UI maps keys to these operations and draws the view. */
#ifndef YC_FIELD_H
#define YC_FIELD_H

#include <stddef.h>
#include <wchar.h>

struct yc_field {
	wchar_t *text;      /* NUL-terminated, len characters */
	size_t len;
	size_t cap;         /* allocated characters, including the NUL */
	size_t max_chars;   /* 0 = no limit other than memory */
	size_t max_bytes;   /* 0 = none; else the UTF-8 text stays below it */
	size_t cursor;      /* 0..len */
	size_t scroll;      /* first character shown */
};

int field_init(struct yc_field *f, size_t max_chars);
/* Keep the UTF-8 form of the text under n bytes (so that it fits the
 * buffer it will be copied into, whatever the mix of scripts). */
void field_limit_bytes(struct yc_field *f, size_t n);
void field_free(struct yc_field *f);

/* Editing. Each returns 1 when the text or cursor changed, 0 otherwise. */
int field_insert(struct yc_field *f, wchar_t c);
int field_backspace(struct yc_field *f);
int field_delete(struct yc_field *f);
int field_left(struct yc_field *f);
int field_right(struct yc_field *f);
int field_home(struct yc_field *f);
int field_end(struct yc_field *f);
int field_kill_to_end(struct yc_field *f);
int field_kill_to_start(struct yc_field *f);
int field_clear(struct yc_field *f);

/* Replace the content with UTF-8 text (sanitised); cursor at the end. */
int field_set(struct yc_field *f, const char *utf8);
/* The content as UTF-8. */
void field_get(const struct yc_field *f, char *out, size_t outsz);

/* Adjust scroll so the cursor is visible in a box of cols columns, and
 * report the column of the cursor inside the box. */
void field_layout(struct yc_field *f, int cols, int *cursor_col);

#endif
