/* bundle.c - the one-visit window (一件事一次办): bundle cases in progress,
 * how many of their departments have decided, each member's state and
 * clock; the industry comprehensive licence (一证通) shown with its QR code
 * and printed. A bundle is applied for at the intake screen (its item's
 * window is the one-visit window); the departments decide its members in
 * their back office. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "documents.h"
#include "print.h"
#include "qr.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-text.h"
#include "width.h"

enum { ACT_OPEN = ACT_SCREEN, ACT_LICENCE, ACT_CASE, ACT_ESC };

static const struct yc_binding list_keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Members"), N_("Each department's part of the selected bundle"), KB_BAR },
	{ ACT_LICENCE, KEY_F(6), "F6", N_("Licence"), N_("Show and print the comprehensive licence with its QR code"), KB_BAR },
	{ ACT_CASE, KEY_F(5), "F5", N_("Case"), N_("The bundle case's story"), KB_BAR },
};

static const struct yc_binding view_keys[] = {
	{ ACT_LICENCE, KEY_F(6), "F6", N_("Print"), N_("Print the comprehensive licence"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("List"), N_("Back to the bundles"), KB_BAR },
};

#define MAX_BUNDLES 100

enum mode { MODE_LIST, MODE_MEMBERS, MODE_LICENCE };

struct bundle {
	enum mode mode;
	struct yc_bundle_row rows[MAX_BUNDLES];
	int n, sel, top;
	struct ui_text text;
	char *licence;              /* the licence's text while it is shown */
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct bundle *b = priv;

	if (b->mode == MODE_LIST) {
		*n = YC_ARRAY_LEN(list_keys);
		return list_keys;
	}
	*n = YC_ARRAY_LEN(view_keys);
	return view_keys;
}

static void load(struct yc_app *app, struct bundle *b)
{
	struct yc_err err;

	if (store_bundles(app->st, b->rows, MAX_BUNDLES, &b->n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		b->n = 0;
	}
	if (b->sel >= b->n)
		b->sel = b->n > 0 ? b->n - 1 : 0;
}

static int enter(struct yc_app *app, void *priv)
{
	load(app, priv);
	return 0;
}

static void leave(struct yc_app *app, void *priv)
{
	struct bundle *b = priv;

	ui_text_clear(&b->text);
	free(b->licence);
	b->licence = NULL;
}

static void draw_list(struct yc_app *app, struct bundle *b, int top, int rows, int cols)
{
	char line[800];
	int i, y, shown = rows - 3;

	snprintf(line, sizeof line, _("One thing, one visit: %d bundles in progress"), b->n);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	if (b->sel < b->top)
		b->top = b->sel;
	if (b->sel >= b->top + shown)
		b->top = b->sel - shown + 1;
	for (i = b->top, y = top + 2; i < b->n && y < top + 2 + shown; i++, y++) {
		const struct yc_bundle_row *r = &b->rows[i];
		char item[80], who[40], state[40];

		yc_fit_mark(r->item, 24, 1, item, sizeof item);
		yc_fit_mark(r->applicant, 8, 1, who, sizeof who);
		yc_fit_mark(case_status_label(r->status), 10, 1, state, sizeof state);
		snprintf(line, sizeof line, " %-16s %s %s %s %s", r->case_number, item, who, state, "");
		snprintf(line + strlen(line), sizeof line - strlen(line), _("%d of %d decided%s"), r->decided, r->members,
			 r->licence_notice_id ? _(", licence issued") : "");
		if (i == b->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, A_NORMAL);
	}
	if (b->n == 0)
		ui_put(top + 3, 3, cols - 6, _("No bundle in progress: a bundle is applied for at the intake screen."),
		       ui_attr_dim());
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct bundle *b = priv;

	if (b->mode == MODE_LIST)
		draw_list(app, b, top, rows, cols);
	else
		ui_text_draw(&b->text, top, rows, cols);
}

static const struct yc_bundle_row *selected(struct bundle *b)
{
	return b->sel < b->n ? &b->rows[b->sel] : NULL;
}

static int open_members(struct yc_app *app, struct bundle *b)
{
	const struct yc_bundle_row *r = selected(b);
	struct yc_bundle_member m[16];
	struct yc_err err;
	char line[600];
	int n, i;

	if (!r)
		return UI_HANDLED;
	if (store_bundle_members(app->st, r->case_id, m, 16, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_text_clear(&b->text);
	snprintf(line, sizeof line, "%s  %s  %s", r->case_number, r->item, r->applicant);
	ui_text_add(&b->text, "title", line);
	for (i = 0; i < n; i++) {
		snprintf(line, sizeof line, _("%s  %s (%s): %s, promised by %s%s%s"), m[i].case_number, m[i].item,
			 m[i].department, case_status_label(m[i].status), m[i].promised_date,
			 m[i].document_number[0] ? _(", licence ") : "", m[i].document_number);
		ui_text_add(&b->text, "", line);
	}
	b->mode = MODE_MEMBERS;
	return UI_REDRAW;
}

/* The licence on screen: its text and its QR code, as it will print. */
static int show_licence(struct yc_app *app, struct bundle *b)
{
	const struct yc_bundle_row *r = selected(b);
	struct yc_err err;
	struct qr q;
	char *qr_lines = NULL, *line, *save = NULL;

	if (!r)
		return UI_HANDLED;
	if (!r->licence_notice_id) {
		ui_say(app, "%s", _("No comprehensive licence: not every department has granted its licence yet, or this bundle has none."));
		return UI_REDRAW;
	}
	free(b->licence);
	b->licence = NULL;
	if (store_notice_text(app->st, r->licence_notice_id, &b->licence, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_text_clear(&b->text);
	ui_text_add(&b->text, "title", app->cfg->site_name);
	{
		char *copy = strdup(b->licence);

		for (line = copy ? strtok_r(copy, "\n", &save) : NULL; line; line = strtok_r(NULL, "\n", &save))
			ui_text_add(&b->text, "", line);
		free(copy);
	}
	if (qr_encode(b->licence, &q) == 0 && (qr_lines = qr_text(&q)) != NULL) {
		save = NULL;
		for (line = strtok_r(qr_lines, "\n", &save); line; line = strtok_r(NULL, "\n", &save))
			ui_text_add(&b->text, "qr", line);
	}
	free(qr_lines);
	qr_free(&q);
	b->mode = MODE_LICENCE;
	return UI_REDRAW;
}

static int print_licence(struct yc_app *app, struct bundle *b)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	char path[YC_PATH_MAX + 64], *doc;
	struct yc_err err;

	if (!b->licence)
		return show_licence(app, b);
	if (!(doc = doc_licence_page(&hall, b->licence)))
		return UI_HANDLED;
	if (print_document(app->cfg, "licence", doc, path, sizeof path, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The comprehensive licence was printed."));
	free(doc);
	return UI_REDRAW;
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct bundle *b = priv;

	switch (act) {
	case ACT_OPEN: return open_members(app, b);
	case ACT_LICENCE: return b->mode == MODE_LIST ? show_licence(app, b) : print_licence(app, b);
	case ACT_CASE:
		if (selected(b))
			ui_case_view(app, selected(b)->case_id);
		return UI_REDRAW;
	case ACT_ESC:
		b->mode = MODE_LIST;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct bundle *b = priv;

	if (b->mode != MODE_LIST)
		return ui_text_key(&b->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (is_keycode && ch == KEY_DOWN && b->sel + 1 < b->n)
		b->sel++;
	else if (is_keycode && ch == KEY_UP && b->sel > 0)
		b->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	struct bundle *b = priv;

	if (b->mode == MODE_LIST)
		load(app, b);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_bundle = {
	.name = "bundle",
	.title = N_("One thing, one visit"),
	.perm = PERM_SPECIAL,
	.in_menu = 1,
	.keys = list_keys,
	.n_keys = YC_ARRAY_LEN(list_keys),
	.private_size = sizeof(struct bundle),
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
	.mode_keys = mode_keys,
};
