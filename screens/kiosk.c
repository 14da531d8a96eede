/* kiosk.c - the self-service ticket kiosk (`yichuang kiosk`): a citizen
 * presses the number of a kind of business, or types an item's pinyin
 * initials and presses Enter on it, and gets a printed ticket (number,
 * window, people ahead, the estimated wait, a QR code with the ticket),
 * numbered as the guidance desk's are. Needs no login and never leaves:
 * it runs for days, the day turning over by itself. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "documents.h"
#include "store-catalog.h"
#include "store-queue.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-items.h"
#include "width.h"

enum { ACT_TAKE = ACT_SCREEN, ACT_CLEAR };

static const struct yc_binding keys[] = {
	{ ACT_TAKE, KEY_ENTER, "Enter", N_("Take"), N_("Take a ticket for the item chosen in the list"), KB_BAR },
	{ ACT_CLEAR, 27, "Esc", N_("Clear"), N_("Clear what was typed"), KB_BAR },
};

#define MAX_KINDS 16   /* more than window_categories has */

struct kiosk {
	struct yc_category kinds[MAX_KINDS];
	int n_kinds;
	struct yc_queue_board_row queues[MAX_KINDS];
	int n_queues;
	struct ui_items items;
	char last[300];            /* the ticket just taken, said until the next key */
};

static void kiosk_load(struct yc_app *app, struct kiosk *k)
{
	struct yc_err err;

	if (store_categories(app->st, k->kinds, MAX_KINDS, &k->n_kinds, &err) < 0 ||
	    store_queue_board(app->st, app->cfg->site_code, k->queues, MAX_KINDS, &k->n_queues, &err) < 0)
		ui_error(app, "%s", err.msg);
}

static int kiosk_enter(struct yc_app *app, void *priv)
{
	struct kiosk *k = priv;

	kiosk_load(app, k);
	return ui_items_init(&k->items, app);
}

static void kiosk_leave(struct yc_app *app, void *priv)
{
	struct kiosk *k = priv;

	ui_items_free(&k->items);
}

/* Today's line for a kind of business, if it has tickets today. */
static const struct yc_queue_board_row *queue_of(const struct kiosk *k, const char *category)
{
	int i;

	for (i = 0; i < k->n_queues; i++)
		if (strcmp(k->queues[i].category, category) == 0)
			return &k->queues[i];
	return NULL;
}

static void kiosk_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct kiosk *k = priv;
	char line[300], name[64];
	int i, y = top + 1;

	ui_put_center(y++, cols, app->cfg->site_name, A_BOLD);
	ui_put_center(y++, cols, _("Self-service tickets: press the number of your business"), A_NORMAL);
	y++;
	for (i = 0; i < k->n_kinds && i < 9 && y < top + rows - 6; i++, y++) {
		const struct yc_queue_board_row *q = queue_of(k, k->kinds[i].code);

		yc_fit(ui_category_label(k->kinds[i].code, k->kinds[i].name), 14, 1, name, sizeof name);
		snprintf(line, sizeof line, _("%d  %s (%s)   waiting %ld"), i + 1, name, k->kinds[i].prefix,
			 q ? (long)q->waiting : 0L);
		ui_put(y, 4, cols - 8, line, A_NORMAL);
	}
	y++;
	if (k->last[0]) {
		ui_put_wrapped(y, 4, y + 2, cols - 8, k->last, A_BOLD);
		y += 3;
	}
	ui_put(y++, 4, cols - 8, _("Or type the item's pinyin initials (for example sfz), choose it and press Enter:"),
	       ui_attr_dim());
	ui_items_draw(&k->items, y, top + rows - y, cols);
}

/* Issue, print and say the ticket of a kind of business (and item). */
static int take_ticket(struct yc_app *app, struct kiosk *k, const char *category, const char *window,
		       int64_t item_id, const char *item)
{
	struct doc_ticket t = { NULL, window, item, NULL, 0, -1, app->cfg->site_code };
	const struct yc_queue_board_row *q;
	char number[16];
	struct yc_err err;

	if (store_ticket_issue(app->st, app->cfg->site_code, category, 0, item_id, 0, 0, number, &err) < 0 ||
	    store_ticket_ahead(app->st, app->cfg->site_code, number, &t.ahead, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	kiosk_load(app, k);
	q = queue_of(k, category);
	t.wait_minutes = q ? queue_estimated_wait_minutes(t.ahead, q->service_seconds, q->windows) : -1;
	t.number = number;
	if (ui_print_ticket(app, &t, &err) < 0)
		ui_error(app, _("Ticket %s issued, but: %s"), number, err.msg);
	if (t.wait_minutes > 0)
		snprintf(k->last, sizeof k->last, _("Your number is %s (%s): %ld ahead of you, about %d minutes. Take the printed ticket."),
			 number, window, t.ahead, t.wait_minutes);
	else
		snprintf(k->last, sizeof k->last, _("Your number is %s (%s): %ld ahead of you. Take the printed ticket."),
			 number, window, t.ahead);
	ui_items_clear(&k->items);
	return UI_REDRAW;
}

static int kiosk_take_item(struct yc_app *app, struct kiosk *k)
{
	const struct yc_item_row *r = ui_items_selected(&k->items);
	struct yc_item_row item;

	if (!k->items.search.len || !r) {
		ui_say(app, "%s", _("Press the number of your business, or type the item's initials first."));
		return UI_REDRAW;
	}
	item = *r;
	return take_ticket(app, k, item.window_category, item.window_name, item.id, item.name);
}

static int kiosk_action(struct yc_app *app, void *priv, int act)
{
	struct kiosk *k = priv;

	switch (act) {
	case ACT_TAKE: return kiosk_take_item(app, k);
	case ACT_CLEAR:
		k->last[0] = '\0';
		ui_items_clear(&k->items);
		return UI_REDRAW;   /* a kiosk has nowhere to go back to */
	}
	return UI_UNHANDLED;
}

static int kiosk_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct kiosk *k = priv;

	k->last[0] = '\0';
	/* a digit with nothing typed: the kind of business of that number */
	if (!is_keycode && !k->items.search.len && ch >= '1' && ch <= '9' && (int)(ch - '1') < k->n_kinds) {
		const struct yc_category *c = &k->kinds[ch - '1'];

		return take_ticket(app, k, c->code, ui_category_label(c->code, c->name), 0, "");
	}
	return ui_items_key(&k->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

static int kiosk_data_changed(struct yc_app *app, void *priv)
{
	struct kiosk *k = priv;

	kiosk_load(app, k);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_kiosk = {
	.name = "kiosk",
	.title = N_("Ticket kiosk"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct kiosk),
	.enter = kiosk_enter,
	.leave = kiosk_leave,
	.draw = kiosk_draw,
	.action = kiosk_action,
	.key = kiosk_key,
	.data_changed = kiosk_data_changed,
	.public = 1,
};
