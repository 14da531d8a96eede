/* ui-text.h - a scrolling, wrapping view of lines of text, each with a
 * kind that decides its look: "title", "heading", "checkpoint" (dim) or
 * anything else (plain). Used for guides and histories. */
#ifndef YC_UI_TEXT_H
#define YC_UI_TEXT_H

#include "ui.h"

struct ui_text {
	char **lines;
	char (*kinds)[12];
	int n, cap;
	int top;          /* first wrapped row shown */
	int rows, cols;   /* of the last draw, for paging */
};

void ui_text_clear(struct ui_text *t);
/* Matches the store's line callbacks (guides, case histories), so text
 * loads straight in; a NULL line means "start over". */
void ui_text_add(void *text, const char *kind, const char *line);
void ui_text_draw(struct ui_text *t, int top, int rows, int cols);
/* Up/Down/PgUp/PgDn/Home/End scroll; 1 when the key was one of them. */
int ui_text_key(struct ui_text *t, wint_t ch, int is_keycode);

#endif
