/* ui-form.h - a column of labelled text fields: Tab/Shift-Tab/Up/Down move
 * between them, every other key edits the focused one. */
#ifndef YC_UI_FORM_H
#define YC_UI_FORM_H

#include "ui.h"

#define UI_FORM_MAX 16

struct ui_form {
	const char *labels[UI_FORM_MAX];   /* N_() strings */
	struct yc_field fields[UI_FORM_MAX];
	int secret[UI_FORM_MAX];           /* shown as '*' (passwords) */
	int n, focus;
	int gap;                           /* rows from one field to the next (1) */
};

int ui_form_init(struct ui_form *f, const char *const *labels, int n, size_t max_chars);
void ui_form_free(struct ui_form *f);
void ui_form_set(struct ui_form *f, int i, const char *text);
void ui_form_get(const struct ui_form *f, int i, char *out, size_t n);
/* Draw at row top, column left, in width columns of which the labels take
 * label_w; the focused field gets the cursor. */
void ui_form_draw(struct yc_app *app, struct ui_form *f, int top, int left, int width, int label_w);
/* 1 when the key moved the focus or edited a field. */
int ui_form_key(struct ui_form *f, wint_t ch, int is_keycode);

#endif
