/* ui-form.c - labelled fields, one per row. */
#include "config.h"

#include <string.h>

#include "ui-form.h"

int ui_form_init(struct ui_form *f, const char *const *labels, int n, size_t max_chars)
{
	int i;

	memset(f, 0, sizeof *f);
	f->gap = 1;
	if (n > UI_FORM_MAX)
		return -1;
	for (i = 0; i < n; i++) {
		f->labels[i] = labels[i];
		if (field_init(&f->fields[i], max_chars) < 0)
			return -1;
		f->n = i + 1;
	}
	return 0;
}

void ui_form_free(struct ui_form *f)
{
	int i;

	for (i = 0; i < f->n; i++)
		field_free(&f->fields[i]);
	f->n = 0;
}

void ui_form_set(struct ui_form *f, int i, const char *text)
{
	field_set(&f->fields[i], text);
}

void ui_form_get(const struct ui_form *f, int i, char *out, size_t n)
{
	field_get(&f->fields[i], out, n);
}

void ui_form_draw(struct yc_app *app, struct ui_form *f, int top, int left, int width, int label_w)
{
	int i;

	for (i = 0; i < f->n; i++) {
		int y = top + i * f->gap;

		ui_put(y, left, label_w, _(f->labels[i]), i == f->focus ? A_BOLD : A_NORMAL);
		ui_draw_field(app, y, left + label_w + 1, width - label_w - 1, &f->fields[i],
			      i == f->focus, f->secret[i]);
	}
}

int ui_form_key(struct ui_form *f, wint_t ch, int is_keycode)
{
	if ((!is_keycode && ch == '\t') || (is_keycode && ch == KEY_DOWN)) {
		f->focus = (f->focus + 1) % f->n;
		return 1;
	}
	if (is_keycode && (ch == KEY_BTAB || ch == KEY_UP)) {
		f->focus = (f->focus + f->n - 1) % f->n;
		return 1;
	}
	return ui_field_key(&f->fields[f->focus], ch, is_keycode);
}
