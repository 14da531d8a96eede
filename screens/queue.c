/* queue.c - calling tickets at a window: call next, recall, no-show,
 * transfer to another window, finish; hold a ticket whose person stepped
 * away and take it up again; call a number picked from the list. The station's window category (from
 * its configuration) decides which queue it calls. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-queue.h"
#include "ui-cases.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum { ACT_CALL = ACT_SCREEN, ACT_RECALL, ACT_NO_SHOW, ACT_TRANSFER, ACT_DONE, ACT_HOLD, ACT_HELD, ACT_PICK };

static const struct yc_binding keys[] = {
	{ ACT_CALL, KEY_F(2), "F2", N_("Call next"), N_("Finish the current ticket and call the next one"), KB_BAR },
	{ ACT_RECALL, KEY_F(3), "F3", N_("Recall"), N_("Call the current ticket again"), KB_BAR },
	{ ACT_NO_SHOW, KEY_F(4), "F4", N_("No-show"), N_("The person called did not come"), KB_BAR },
	{ ACT_TRANSFER, KEY_F(5), "F5", N_("Transfer"), N_("Send the person to another window, with a note"), KB_BAR },
	{ ACT_DONE, KEY_F(6), "F6", N_("Finish"), N_("Finish the current ticket without calling the next"), KB_BAR },
	{ ACT_HOLD, KEY_F(7), "F7", N_("Hold"), N_("The person stepped away (a copy to make): hold the ticket, serve others"), KB_BAR },
	{ ACT_HELD, KEY_F(8), "F8", N_("Held"), N_("Take up a ticket this window holds again"), KB_BAR },
	{ ACT_PICK, KEY_ENTER, "Enter", N_("Call this"), N_("Call the ticket selected in the list now, out of turn"), 0 },
	UI_TABLE_KEYS,
};

struct queue {
	struct yc_app *app;
	struct yc_ticket current;
	int have_current;
	struct yc_ticket held[STORE_QUEUE_MAX_HELD];   /* this window's tickets on hold */
	int n_held;
	struct ui_table waiting;
	char category_name[32];
};

static void queue_load(struct yc_app *app, struct queue *q)
{
	struct yc_err err;
	int rc;

	store_reads_together(app->st, 1);   /* one lock for the whole screen */
	rc = store_queue_current(app->st, app->cfg->site_code, app->cfg->station_name, &q->current, &err);
	q->have_current = rc == 0;
	if (rc < 0 || store_queue_held(app->st, app->cfg->site_code, app->cfg->station_name, q->held, &q->n_held,
				       &err) < 0)
		ui_error(app, "%s", err.msg);
	ui_table_refresh(&q->waiting);
	store_reads_together(app->st, 0);
}

/* "HH:MM" of a "YYYY-MM-DD HH:MM:SS" time. */
static const char *clock_of(const char *t)
{
	static char out[6];

	yc_strlcpy(out, strlen(t) >= 16 ? t + 11 : "", sizeof out);
	return out;
}

static void ticket_remarks(const struct yc_ticket *t, char *out, size_t n)
{
	snprintf(out, n, "%s%s%s%s", t->priority ? _("green channel ") : "",
		 t->appointment ? _("appointment ") : "", t->note[0] ? _("note: ") : "", t->note);
}

static void col_taken(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", clock_of(((const struct yc_ticket *)row)->issued_at));
}

static void col_remarks(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	ticket_remarks(row, out, n);
}

static const struct ui_table_col columns[] = {
	{ N_("Ticket"), 8, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_ticket, number) },
	{ N_("Taken"), 8, UI_ALIGN_LEFT, 0, col_taken, 0 },
	{ N_("Service item"), 30, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_ticket, item) },
	{ N_("Remarks"), 0, UI_ALIGN_LEFT, 1, col_remarks, 0 },
};

static int queue_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct queue *q = ctx;

	return store_queue_waiting(q->app->st, q->app->cfg->site_code, q->app->cfg->station_category, anchor, forward,
				   rows, max, n, err);
}

static int queue_count(void *ctx, long *total, struct yc_err *err)
{
	struct queue *q = ctx;

	return store_queue_waiting_count(q->app->st, q->app->cfg->site_code, q->app->cfg->station_category, total,
					 err);
}

static int same_ticket(const void *a, const void *b)
{
	return ((const struct yc_ticket *)a)->id == ((const struct yc_ticket *)b)->id;
}

static const struct ui_table_source source = { queue_page, queue_count, NULL, same_ticket, NULL };

static int queue_enter(struct yc_app *app, void *priv)
{
	struct queue *q = priv;
	struct yc_category cats[16];
	struct yc_err err;
	int n, i;

	q->app = app;
	if (ui_table_init(&q->waiting, app, sizeof(struct yc_ticket), columns, YC_ARRAY_LEN(columns), &source, q) < 0)
		return -1;
	q->waiting.x = 2;
	q->waiting.empty = "";
	yc_strlcpy(q->category_name, app->cfg->station_category, sizeof q->category_name);
	if (store_categories(app->st, cats, 16, &n, &err) == 0)
		for (i = 0; i < n; i++)
			if (strcmp(cats[i].code, app->cfg->station_category) == 0)
				yc_strlcpy(q->category_name, ui_category_label(cats[i].code, cats[i].name),
					   sizeof q->category_name);
	queue_load(app, q);
	return 0;
}

/* "On hold: A003 (10:05), A007 (10:12) - F8 takes one up again" */
static void held_line(const struct queue *q, char *out, size_t n)
{
	size_t len;
	int i;

	snprintf(out, n, "%s", _("On hold:"));
	for (i = 0; i < q->n_held; i++) {
		len = strlen(out);
		snprintf(out + len, n - len, "%s%s (%s)", i ? " " : "", q->held[i].number, clock_of(q->held[i].held_at));
	}
	len = strlen(out);
	snprintf(out + len, n - len, "  %s", _("- F8 takes one up again"));
}

static void queue_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct queue *q = priv;
	char line[1200], remarks[256];
	int y = top + 1;

	snprintf(line, sizeof line, _("This window: %s (%s queue)"), app->cfg->station_name,
		 q->category_name);
	ui_put(y++, 2, cols - 4, line, A_BOLD);
	y++;
	if (q->have_current) {
		ticket_remarks(&q->current, remarks, sizeof remarks);
		snprintf(line, sizeof line, _("Now serving: %s    called at %s    recalled %d times    %s"),
			 q->current.number, clock_of(q->current.called_at), q->current.recalls, remarks);
		ui_fill(y++, 2, cols - 4, line, ui_attr_selected());
		if (q->current.item[0]) {
			snprintf(line, sizeof line, _("Service item: %s"), q->current.item);
			ui_put(y, 4, cols - 6, line, A_NORMAL);
		}
		y++;
	} else {
		ui_put(y++, 2, cols - 4, _("Nobody is being served at this window. F2 calls the next ticket."), A_NORMAL);
		y++;
	}
	if (q->n_held > 0) {
		held_line(q, line, sizeof line);
		ui_put(y, 2, cols - 4, line, A_NORMAL);
	}
	y++;
	snprintf(line, sizeof line, _("Waiting: %ld"), ui_table_total(&q->waiting));
	ui_put(y++, 2, cols - 4, line, A_BOLD);
	ui_table_draw(&q->waiting, y, top + rows - y, cols - 1);
}

static void queue_leave(struct yc_app *app, void *priv)
{
	struct queue *q = priv;

	ui_table_free(&q->waiting);
}

static int transfer(struct yc_app *app, struct queue *q);

static int queue_call_next(struct yc_app *app, struct queue *q)
{
	struct yc_ticket t;
	struct yc_err err;
	int rc;

	if (q->have_current) {
		rc = ui_settle_current_ticket(app, &q->current, 1);
		if (rc == 2)
			return transfer(app, q);
		if (rc == 0) {
			queue_load(app, q);
			return UI_REDRAW;
		}
	}
	rc = store_queue_call_next(app->st, app->cfg->site_code, app->cfg->station_category,
				   app->cfg->station_name, app->user.id, &t, &err);
	if (rc < 0)
		ui_error(app, "%s", err.msg);
	else if (rc == 1)
		ui_say(app, "%s", _("Nobody is waiting."));
	else {
		ui_say(app, _("Calling %s to %s."), t.number, app->cfg->station_name);
		ui_announce(app, t.number);
	}
	queue_load(app, q);
	return UI_REDRAW;
}

static int act(struct yc_app *app, struct queue *q, enum yc_queue_action what)
{
	struct yc_err err;

	if (!q->have_current) {
		ui_error(app, "%s", _("No ticket is being served; F2 calls the next one."));
		return UI_REDRAW;
	}
	if (store_queue_act(app->st, q->current.id, app->cfg->station_name, what, app->user.id, &err) < 0)
		ui_error(app, "%s", err.msg);
	else if (what == QUEUE_RECALL) {
		ui_say(app, _("Calling %s again."), q->current.number);
		ui_announce(app, q->current.number);
	}
	else if (what == QUEUE_NO_SHOW)
		ui_say(app, _("%s marked as not present."), q->current.number);
	else if (what == QUEUE_HOLD)
		ui_say(app, _("%s is on hold; F2 calls the next, F8 takes it up again."), q->current.number);
	else
		ui_say(app, _("%s finished."), q->current.number);
	queue_load(app, q);
	return UI_REDRAW;
}

static int transfer(struct yc_app *app, struct queue *q)
{
	struct yc_category cats[16];
	const char *names[16];
	char note[256] = "", number[16];
	struct yc_err err;
	int n, i, choice;

	if (!q->have_current) {
		ui_error(app, "%s", _("No ticket is being served; F2 calls the next one."));
		return UI_REDRAW;
	}
	if (store_categories(app->st, cats, 16, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	for (i = 0; i < n; i++)
		names[i] = ui_category_label(cats[i].code, cats[i].name);
	choice = ui_choose(app, _("Transfer to which window?"), names, n);
	if (choice < 0 || !ui_prompt(app, _("Transfer"), _("Note for the next window:"), note, sizeof note))
		return UI_REDRAW;
	if (store_queue_transfer(app->st, q->current.id, app->cfg->station_name, cats[choice].code, note,
				 app->user.id, number, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("%s goes to %s as %s, ahead of the queue."), q->current.number,
		       ui_category_label(cats[choice].code, cats[choice].name), number);
	queue_load(app, q);
	return UI_REDRAW;
}

/* The person at the window now first (served, not present, on hold),
 * then this ticket is called: one from the list, or one held. */
static int queue_call_this(struct yc_app *app, struct queue *q, const struct yc_ticket *t)
{
	struct yc_ticket called;
	struct yc_err err;
	int64_t id = t->id;

	if (q->have_current) {
		int rc = ui_settle_current_ticket(app, &q->current, 1);

		if (rc == 2)
			return transfer(app, q);
		if (rc == 0) {
			queue_load(app, q);
			return UI_REDRAW;
		}
	}
	if (store_queue_call_this(app->st, app->cfg->site_code, app->cfg->station_name, app->user.id, id, &called,
				  &err) < 0) {
		ui_error(app, "%s", err.msg);
	} else {
		ui_say(app, _("Calling %s to %s."), called.number, app->cfg->station_name);
		ui_announce(app, called.number);
	}
	queue_load(app, q);
	return UI_REDRAW;
}

static int pick(struct yc_app *app, struct queue *q)
{
	const struct yc_ticket *t = ui_table_selected(&q->waiting);
	struct yc_ticket chosen;

	if (!t)
		return UI_HANDLED;
	chosen = *t;
	return queue_call_this(app, q, &chosen);
}

static int take_up_held(struct yc_app *app, struct queue *q)
{
	char labels[STORE_QUEUE_MAX_HELD][200];
	const char *options[STORE_QUEUE_MAX_HELD];
	struct yc_ticket chosen;
	int i, choice;

	if (q->n_held == 0) {
		ui_say(app, "%s", _("This window holds no ticket."));
		return UI_REDRAW;
	}
	for (i = 0; i < q->n_held; i++) {
		snprintf(labels[i], sizeof labels[i], _("%s  on hold since %s  %s"), q->held[i].number,
			 clock_of(q->held[i].held_at), q->held[i].item);
		options[i] = labels[i];
	}
	if ((choice = ui_choose(app, _("Take up which ticket again?"), options, q->n_held)) < 0)
		return UI_REDRAW;
	chosen = q->held[choice];
	return queue_call_this(app, q, &chosen);
}

static int queue_action(struct yc_app *app, void *priv, int a)
{
	struct queue *q = priv;

	switch (a) {
	case ACT_CALL: return queue_call_next(app, q);
	case ACT_RECALL: return act(app, q, QUEUE_RECALL);
	case ACT_NO_SHOW: return act(app, q, QUEUE_NO_SHOW);
	case ACT_DONE: return act(app, q, QUEUE_DONE);
	case ACT_TRANSFER: return transfer(app, q);
	case ACT_HOLD: return act(app, q, QUEUE_HOLD);
	case ACT_HELD: return take_up_held(app, q);
	case ACT_PICK: return pick(app, q);
	}
	return ui_table_action(&q->waiting, a);
}

static int queue_data_changed(struct yc_app *app, void *priv)
{
	queue_load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_queue = {
	.name = "queue",
	.title = N_("Call tickets"),
	.perm = PERM_QUEUE,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct queue),
	.enter = queue_enter,
	.leave = queue_leave,
	.draw = queue_draw,
	.action = queue_action,
	.data_changed = queue_data_changed,
};
