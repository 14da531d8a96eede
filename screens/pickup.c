/* pickup.c - the unified pickup window (统一出件, 第十二条): the results
 * waiting, the completion notice by SMS, hand-over with the identity
 * checked (the applicant, or an agent with a written authorisation), free
 * government express mail with its tracking number, the pickup register,
 * reminders for results not collected. The citizen rates the service on
 * the window's rating terminal (screens/rate.c), not here.
 * SMS go to the outbox; a process of their own sends them, so the clerk
 * never waits for the command. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "documents.h"
#include "outbox.h"
#include "store-outbox.h"
#include "store-pickup.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-table.h"
#include "validate.h"
#include "width.h"

enum {
	ACT_VIEW = ACT_SCREEN, ACT_NOTIFY, ACT_COLLECT, ACT_MAIL, ACT_DELIVERED, ACT_LIST, ACT_REMIND,
	ACT_OUTBOX, ACT_ESC,
};

static const struct yc_binding keys[] = {
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Case"), N_("The selected case and its story"), 0 },
	{ ACT_NOTIFY, KEY_F(2), "F2", N_("Notify"), N_("Send the completion notice by SMS (again: a reminder)"), KB_BAR },
	{ ACT_COLLECT, KEY_F(5), "F5", N_("Hand over"), N_("Hand the result over: the applicant's ID, or an agent's with written authorisation"), KB_BAR },
	{ ACT_MAIL, KEY_F(6), "F6", N_("Mail"), N_("Send the result by government express mail, with the tracking number"), KB_BAR },
	{ ACT_DELIVERED, KEY_F(7), "F7", N_("Delivered"), N_("The mail arrived: complete the pickup register"), KB_BAR },
	{ ACT_LIST, KEY_F(3), "F3", N_("List"), N_("Switch between waiting, mailed and handed out today"), KB_BAR },
	{ ACT_REMIND, KEY_F(8), "F8", N_("Remind"), N_("Remind everyone whose result has waited too long"), KB_BAR },
	{ ACT_OUTBOX, KEY_F(4), "F4", N_("Outbox"), N_("Messages not sent yet; try a given-up one again"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Clear the search / back to the main menu"), KB_BAR },
	UI_TABLE_KEYS,
};

struct pickup {
	struct yc_app *app;
	enum yc_pickup_list which;
	struct ui_table table;
	struct yc_field search;
	char query[64];              /* the search, as the store was asked */
	struct yc_outbox_counts outbox;
};

static void load_outbox(struct yc_app *app, struct pickup *p)
{
	struct yc_err err;

	if (store_outbox_counts(app->st, app->today, &p->outbox, &err) < 0)
		ui_error(app, "%s", err.msg);
}

static void pickup_load(struct yc_app *app, struct pickup *p)
{
	ui_table_refresh(&p->table);
	load_outbox(app, p);
}

/* The search changed, or the list: from the first row again. */
static void pickup_reload(struct yc_app *app, struct pickup *p)
{
	field_get(&p->search, p->query, sizeof p->query);
	ui_table_reload(&p->table);
	load_outbox(app, p);
}

static const struct yc_pickup_row *selected(struct pickup *p)
{
	return ui_table_selected(&p->table);
}

/* Working days a result has waited at the window. */
static long waited(struct yc_app *app, const struct yc_pickup_row *r)
{
	yc_date arrived, today;
	char day[11];

	yc_strlcpy(day, r->arrived_at, sizeof day);
	if (date_parse(day, &arrived) != 0 || date_parse(app->today, &today) != 0)
		return 0;
	return cal_workdays_between(&app->cal, arrived, today);
}

static const char *outcome_label(const char *o)
{
	if (!o[0])
		return "";
	return strcmp(o, "approved") == 0 ? _("approved") : strcmp(o, "withdrawn") == 0 ? _("withdrawn") : _("not approved");
}

static void col_flag(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_pickup_row *r = row;

	(void)ctx;
	snprintf(out, n, "%s", r->sms_failed ? "!" : r->fee_due_fen > 0 ? "$" : " ");
}

static void pickup_col_state(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", case_status_label(((const struct yc_pickup_row *)row)->status));
}

/* How long it waited, its tracking number, or when it was handed out. */
static void col_extra(void *ctx, const void *row, char *out, size_t n)
{
	struct pickup *p = ctx;
	const struct yc_pickup_row *r = row;

	if (p->which == PICKUP_WAITING)
		snprintf(out, n, _("%s, waiting %ld d"), outcome_label(r->outcome), waited(p->app, r));
	else if (p->which == PICKUP_MAILED)
		snprintf(out, n, _("tracking %s"), r->tracking);
	else
		snprintf(out, n, "%.16s", r->done_at);
}

static const struct ui_table_col columns[] = {
	{ "", 1, UI_ALIGN_LEFT, 0, col_flag, 0 },
	{ N_("Case"), UI_CASE_NUMBER_COLS, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_pickup_row, case_number) },
	{ N_("Item"), 13, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_pickup_row, item) },
	{ N_("Applicant"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_pickup_row, applicant) },
	{ N_("State"), 10, UI_ALIGN_LEFT, 1, pickup_col_state, 0 },
	{ "", 0, UI_ALIGN_LEFT, 0, col_extra, 0 },
};

static int pickup_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct pickup *p = ctx;

	return store_pickup_page(p->app->st, p->app->cfg->site_code, p->which, p->app->today, p->query, anchor, forward, rows, max, n, err);
}

/* The whole list's, whatever the search shows. */
static int pickup_count(void *ctx, long *total, struct yc_err *err)
{
	struct pickup *p = ctx;

	return store_pickup_count(p->app->st, p->app->cfg->site_code, p->which, p->app->today, "", total, err);
}

/* Waited too long, or an SMS could not be sent: in red. */
static attr_t pickup_row_attr(void *ctx, const void *row)
{
	struct pickup *p = ctx;
	const struct yc_pickup_row *r = row;
	int late = p->which == PICKUP_WAITING && waited(p->app, r) >= p->app->cfg->pickup_remind_days;

	return late || r->sms_failed ? ui_attr_error() : A_NORMAL;
}

static int pickup_same_case(const void *a, const void *b)
{
	return ((const struct yc_pickup_row *)a)->case_id == ((const struct yc_pickup_row *)b)->case_id;
}

static const struct ui_table_source source = { pickup_page, pickup_count, pickup_row_attr, pickup_same_case, NULL };

static int pickup_enter(struct yc_app *app, void *priv)
{
	struct pickup *p = priv;

	p->app = app;
	if (field_init(&p->search, 0) < 0)
		return -1;
	field_limit_bytes(&p->search, 48);
	if (ui_table_init(&p->table, app, sizeof(struct yc_pickup_row), columns, YC_ARRAY_LEN(columns), &source,
			  p) < 0)
		return -1;
	p->table.x = 1;
	load_outbox(app, p);
	return 0;
}

static void pickup_leave(struct yc_app *app, void *priv)
{
	struct pickup *p = priv;

	field_free(&p->search);
	ui_table_free(&p->table);
}

static void pickup_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	static const char *const titles[] = { N_("Results waiting"), N_("Mailed, not yet delivered"),
					      N_("Handed out today") };
	struct pickup *p = priv;
	char line[1000];

	snprintf(line, sizeof line, _("%s: %ld    SMS: %ld waiting, %ld given up, %ld sent today"), _(titles[p->which]),
		 ui_table_total(&p->table), p->outbox.queued, p->outbox.failed, p->outbox.sent_today);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_put(top + 1, 1, 12, _("Search:"), A_NORMAL);
	ui_draw_field(app, top + 1, 13, 30, &p->search, 1, 0);
	ui_table_draw(&p->table, top + 2, rows - 4, cols - 1);
	ui_put(top + rows - 1, 1, cols - 2, _("!: an SMS to the applicant could not be sent (F4)   $: a fee is not paid, the result is held"), ui_attr_dim());
}

static void send_in_background(struct yc_app *app)
{
	outbox_spawn(app->cfg, store_path(app->st), app->cfg->station_name);
}

static int finish(struct yc_app *app, struct pickup *p, int rc, const struct yc_err *err, const char *ok)
{
	if (rc < 0)
		ui_error(app, "%s", err->msg);
	else
		ui_say(app, "%s", ok);
	pickup_load(app, p);
	return UI_REDRAW;
}

static int pickup_notify(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_completion_sms sms;
	struct yc_err err;
	char *text, *results;
	int rc;

	if (!r || p->which != PICKUP_WAITING)
		return UI_HANDLED;
	results = ui_bundle_results(app, r->case_id, "；");
	sms = (struct doc_completion_sms){ r->applicant, r->item, r->case_number, results };
	text = doc_completion_sms(&hall, &sms);
	free(results);
	if (!text)
		return UI_HANDLED;
	rc = store_pickup_notify(app->st, &app->user, r->case_id, text, &err);
	free(text);
	if (rc == 0)
		send_in_background(app);
	return finish(app, p, rc, &err, app->cfg->notify_command[0] ? _("The completion notice is being sent.")
					 : _("The completion notice is in the outbox (no notify.command is set)."));
}

/* A bundle's results go out together: the clerk reads each member's
 * result (the licences granted, a refusal and its reason) to the
 * applicant before handing them over or mailing them. 1 to go on. */
static int pickup_bundle_read_out(struct yc_app *app, const struct yc_pickup_row *r)
{
	char *results = ui_bundle_results(app, r->case_id, "\n"), *question;
	int go_on = 1;

	if (!results)
		return 1;
	if ((question = malloc(strlen(results) + 512))) {
		sprintf(question, _("%s, each part of the bundle:\n%s\n\nTell the applicant, then hand the results over?"),
			r->case_number, results);
		go_on = ui_confirm(app, question);
		free(question);
	}
	free(results);
	return go_on;
}

static int pickup_collect(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	const char *who[2] = { _("The applicant in person"), _("An agent for the applicant") };
	char name[128] = "", id[32] = "", note[256] = "", ok[300];
	struct yc_collection c = { name, id, 0, note };
	struct yc_err err;
	int64_t case_id;
	int choice;

	if (!r || p->which != PICKUP_WAITING)
		return UI_HANDLED;
	if (!pickup_bundle_read_out(app, r))
		return UI_REDRAW;
	case_id = r->case_id;
	if ((choice = ui_choose(app, r->case_number, who, 2)) < 0)
		return UI_REDRAW;
	c.agent = choice == 1;
	if (c.agent) {
		if (!ui_prompt(app, _("Agent"), _("Agent's name:"), name, sizeof name))
			return UI_REDRAW;
	} else {
		yc_strlcpy(name, r->applicant, sizeof name);
	}
	if (!ui_prompt(app, c.agent ? _("Agent") : _("Applicant"), _("ID card number, checked against the card:"), id,
		       sizeof id))
		return UI_REDRAW;
	if (c.agent && !ui_prompt(app, _("Agent"), _("The written authorisation (e.g. original kept, signed by the applicant):"),
				  note, sizeof note))
		return UI_REDRAW;
	if (store_pickup_collect(app->st, &app->user, case_id, &c, &err) < 0)
		return finish(app, p, -1, &err, "");
	/* the applicant rates it on the window's terminal, not the clerk here */
	snprintf(ok, sizeof ok, _("Handed over to %s and entered in the pickup register."), name);
	return finish(app, p, 0, &err, ok);
}

static int pickup_mail(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	char address[256] = "", recipient[128] = "", phone[24] = "", tracking[64] = "";
	struct yc_mailing m = { address, recipient, phone, tracking, NULL };
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_mail_sms sms;
	struct yc_err err;
	char *text;
	int rc;

	if (!r || p->which != PICKUP_WAITING)
		return UI_HANDLED;
	if (!pickup_bundle_read_out(app, r))
		return UI_REDRAW;
	yc_strlcpy(recipient, r->applicant, sizeof recipient);
	if (!ui_prompt(app, _("Mail"), _("Address:"), address, sizeof address) ||
	    !ui_prompt(app, _("Mail"), _("Recipient:"), recipient, sizeof recipient))
		return UI_REDRAW;
	do {
		if (!ui_prompt(app, _("Mail"), _("Recipient's phone:"), phone, sizeof phone))
			return UI_REDRAW;
		if (!yc_phone_valid(phone))
			ui_error(app, _("'%s' is not a phone number: 11 digits for a mobile, or a landline with its area code."),
				 phone);
	} while (!yc_phone_valid(phone));
	if (!ui_prompt(app, _("Mail"), _("EMS tracking number:"), tracking, sizeof tracking))
		return UI_REDRAW;
	sms = (struct doc_mail_sms){ r->applicant, r->item, r->case_number, tracking };
	if (!(text = doc_mail_sms(&hall, &sms)))
		return UI_HANDLED;
	m.message = text;
	rc = store_pickup_mail(app->st, &app->user, r->case_id, &m, &err);
	free(text);
	if (rc == 0)
		send_in_background(app);
	return finish(app, p, rc, &err, _("Mailed; the applicant gets the tracking number by SMS."));
}

static int pickup_delivered(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	struct yc_err err;

	if (!r || p->which != PICKUP_MAILED)
		return UI_HANDLED;
	return finish(app, p, store_pickup_delivered(app->st, &app->user, r->case_id, &err), &err,
		      _("Delivered: the pickup register is complete."));
}

/* Everyone notified whose result has waited remind_after_days or more:
 * the core goes through them all (store_pickup_remind). */
static int pickup_remind(struct yc_app *app, struct pickup *p)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct yc_err err;
	char ok[200];
	int sent;

	if (p->which != PICKUP_WAITING)
		return UI_HANDLED;
	sent = store_pickup_remind(app->st, &app->user, app->cfg->site_code, &hall, app->cfg->pickup_remind_days, &err);
	if (sent < 0)
		return finish(app, p, -1, &err, "");
	if (sent)
		send_in_background(app);
	snprintf(ok, sizeof ok, _("%d reminders queued (results waiting %d working days or more)."), sent,
		 app->cfg->pickup_remind_days);
	return finish(app, p, 0, &err, ok);
}

/* The outbox's messages not sent, as its dialog shows them. */
static void outbox_col_state(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", ((const struct yc_outbox_msg *)row)->given_up ? _("given up") : _("waiting"));
}

static void outbox_col_phone(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_phone_mask(((const struct yc_outbox_msg *)row)->phone, out, n);
}

static const struct ui_table_col outbox_cols[] = {
	{ N_("State"), 8, UI_ALIGN_LEFT, 0, outbox_col_state, 0 },
	{ N_("Phone"), 12, UI_ALIGN_LEFT, 0, outbox_col_phone, 0 },
	{ N_("Queued"), 19, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_outbox_msg, created_at) },
	{ N_("Why not sent"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_outbox_msg, last_error) },
};

static int outbox_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_outbox_unsent_page(app->st, anchor, forward, rows, max, n, err);
}

static int outbox_count(void *ctx, long *count, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_outbox_unsent_count(app->st, count, err);
}

static const struct ui_table_source outbox_source = { outbox_page, outbox_count, NULL, NULL, NULL };

static int outbox(struct yc_app *app, struct pickup *p)
{
	struct yc_outbox_msg chosen;
	struct ui_table t;
	struct yc_err err;
	int rc;

	if (ui_table_init(&t, app, sizeof(struct yc_outbox_msg), outbox_cols, YC_ARRAY_LEN(outbox_cols),
			  &outbox_source, app) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t.empty = N_("Every message has been sent.");
	rc = ui_table_choose(&t, _("Messages not sent (Enter: try a given-up one again)"), 0, &chosen);
	ui_table_free(&t);
	if (rc != 1)
		return UI_REDRAW;
	yc_err_clear(&err);
	if (chosen.given_up && store_outbox_retry(app->st, chosen.id, &err) < 0)
		return finish(app, p, -1, &err, "");
	send_in_background(app);
	return finish(app, p, 0, &err, _("It will be tried again shortly."));
}

static int pickup_action(struct yc_app *app, void *priv, int act)
{
	struct pickup *p = priv;

	switch (act) {
	case ACT_VIEW:
		if (selected(p))
			ui_case_view(app, selected(p)->case_id);
		return UI_REDRAW;
	case ACT_NOTIFY: return pickup_notify(app, p);
	case ACT_COLLECT: return pickup_collect(app, p);
	case ACT_MAIL: return pickup_mail(app, p);
	case ACT_DELIVERED: return pickup_delivered(app, p);
	case ACT_REMIND: return pickup_remind(app, p);
	case ACT_OUTBOX: return outbox(app, p);
	case ACT_LIST:
		p->which = (p->which + 1) % 3;
		pickup_reload(app, p);
		return UI_REDRAW;
	case ACT_ESC:
		if (p->search.len == 0)
			return UI_BACK;
		field_clear(&p->search);
		pickup_reload(app, p);
		return UI_REDRAW;
	case ACT_TABLE_HOME:
	case ACT_TABLE_END:
		if (p->search.len > 0)   /* they move in the search text then */
			return UI_UNHANDLED;
	}
	return ui_table_action(&p->table, act);
}

static int pickup_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct pickup *p = priv;
	char before[sizeof p->query];

	field_get(&p->search, before, sizeof before);
	if (!ui_field_key(&p->search, ch, is_keycode))
		return UI_UNHANDLED;
	field_get(&p->search, p->query, sizeof p->query);
	if (strcmp(before, p->query) != 0)
		ui_table_reload(&p->table);
	return UI_REDRAW;
}

static int pickup_data_changed(struct yc_app *app, void *priv)
{
	pickup_load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_pickup = {
	.name = "pickup",
	.title = N_("Unified pickup"),
	.perm = PERM_PICKUP,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct pickup),
	.enter = pickup_enter,
	.leave = pickup_leave,
	.draw = pickup_draw,
	.action = pickup_action,
	.key = pickup_key,
	.data_changed = pickup_data_changed,
};
