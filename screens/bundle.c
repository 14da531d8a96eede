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
#include "store-bundle.h"
#include "store-intake.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-table.h"
#include "ui-text.h"
#include "width.h"

enum { ACT_OPEN = ACT_SCREEN, ACT_LICENCE, ACT_CASE, ACT_ESC };

static const struct yc_binding list_keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Members"), N_("Each department's part of the selected bundle"), KB_BAR },
	{ ACT_LICENCE, KEY_F(6), "F6", N_("Licence"), N_("Show and print the comprehensive licence with its QR code"), KB_BAR },
	{ ACT_CASE, KEY_F(5), "F5", N_("Case"), N_("The bundle case's story"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding view_keys[] = {
	{ ACT_LICENCE, KEY_F(6), "F6", N_("Print"), N_("Print the comprehensive licence"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("List"), N_("Back to the bundles"), KB_BAR },
};

/* The list, or the selected bundle's members or licence in the table's
 * detail pane. */
enum mode { MODE_LIST, MODE_MEMBERS, MODE_LICENCE };

struct bundle {
	struct yc_app *app;
	enum mode mode;
	struct ui_table table;
	struct ui_text text;        /* the detail: members or licence */
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

static void bundle_col_progress(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_bundle_row *r = row;

	(void)ctx;
	snprintf(out, n, _("%d of %d decided%s"), r->decided, r->members, r->licence_notice_id ? _(", licence issued") : "");
}

static void bundle_col_state(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", case_status_label(((const struct yc_bundle_row *)row)->status));
}

static const struct ui_table_col columns[] = {
	{ N_("Case"), UI_CASE_NUMBER_COLS, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_bundle_row, case_number) },
	{ N_("Item"), 24, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_bundle_row, item) },
	{ N_("Applicant"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_bundle_row, applicant) },
	{ N_("State"), 10, UI_ALIGN_LEFT, 1, bundle_col_state, 0 },
	{ N_("Progress"), 0, UI_ALIGN_LEFT, 0, bundle_col_progress, 0 },
};

static int bundle_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct bundle *b = ctx;

	return store_bundles_page(b->app->st, b->app->cfg->site_code, anchor, forward, rows, max, n, err);
}

static int bundle_count(void *ctx, long *total, struct yc_err *err)
{
	struct bundle *b = ctx;

	return store_bundles_count(b->app->st, b->app->cfg->site_code, total, err);
}

static int same_bundle(const void *a, const void *b)
{
	return ((const struct yc_bundle_row *)a)->case_id == ((const struct yc_bundle_row *)b)->case_id;
}

/* The members or the licence, as open_members or show_licence wrote them. */
static void bundle_draw_detail(void *ctx, const void *row, int top, int rows, int cols)
{
	struct bundle *b = ctx;

	(void)row;
	ui_text_draw(&b->text, top, rows, cols);
}

static const struct ui_table_source source = { bundle_page, bundle_count, NULL, same_bundle, bundle_draw_detail };

static int bundle_enter(struct yc_app *app, void *priv)
{
	struct bundle *b = priv;

	b->app = app;
	if (ui_table_init(&b->table, app, sizeof(struct yc_bundle_row), columns, YC_ARRAY_LEN(columns), &source, b) < 0)
		return -1;
	b->table.x = 2;
	b->table.empty = N_("No bundle in progress: a bundle is applied for at the intake screen.");
	return 0;
}

static void bundle_leave(struct yc_app *app, void *priv)
{
	struct bundle *b = priv;

	ui_text_clear(&b->text);
	free(b->licence);
	b->licence = NULL;
	ui_table_free(&b->table);
}

static void bundle_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct bundle *b = priv;
	char line[800];

	if (b->mode != MODE_LIST) {
		ui_table_draw(&b->table, top, rows, cols);   /* the detail, the whole screen */
		return;
	}
	snprintf(line, sizeof line, _("One thing, one visit: %ld bundles in progress"), ui_table_total(&b->table));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&b->table, top + 1, rows - 1, cols - 1);
}

static const struct yc_bundle_row *selected(struct bundle *b)
{
	return ui_table_selected(&b->table);
}

/* The detail pane shows the text just written, until Esc. */
static void bundle_open_detail(struct bundle *b, enum mode mode)
{
	ui_table_open_detail(&b->table);
	b->mode = b->table.detail ? mode : MODE_LIST;
}

static int open_members(struct yc_app *app, struct bundle *b)
{
	const struct yc_bundle_row *r = selected(b);
	/* the store makes no more members than this (store.h) */
	struct yc_bundle_member m[YC_BUNDLE_MAX_MEMBERS];
	struct yc_err err;
	char line[600];
	int n, i;

	if (!r)
		return UI_HANDLED;
	if (store_bundle_members(app->st, r->case_id, m, YC_BUNDLE_MAX_MEMBERS, &n, &err) < 0) {
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
	bundle_open_detail(b, MODE_MEMBERS);
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
	bundle_open_detail(b, MODE_LICENCE);
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

static int bundle_action(struct yc_app *app, void *priv, int act)
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
		ui_table_close_detail(&b->table);
		b->mode = MODE_LIST;
		return UI_REDRAW;
	}
	return ui_table_action(&b->table, act);
}

static int bundle_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct bundle *b = priv;

	if (b->mode != MODE_LIST)
		return ui_text_key(&b->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	return UI_UNHANDLED;
}

static int bundle_data_changed(struct yc_app *app, void *priv)
{
	struct bundle *b = priv;

	if (b->mode == MODE_LIST)
		ui_table_refresh(&b->table);
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
	.enter = bundle_enter,
	.leave = bundle_leave,
	.draw = bundle_draw,
	.action = bundle_action,
	.key = bundle_key,
	.data_changed = bundle_data_changed,
	.mode_keys = mode_keys,
};
