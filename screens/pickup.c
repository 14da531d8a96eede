/* pickup.c - the unified pickup window (统一出件, 第十二条): the results
 * waiting, the completion notice by SMS, hand-over with the identity
 * checked (the applicant, or an agent with a written authorisation), free
 * government express mail with its tracking number, the pickup register,
 * reminders for results not collected, and the rating (好差评) at the end.
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
#include "ui.h"
#include "ui-cases.h"
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
};

#define MAX_ROWS 300

struct pickup {
	enum yc_pickup_list which;
	struct yc_pickup_row rows[MAX_ROWS];
	int n, sel, top;
	struct yc_field search;
	int shown[MAX_ROWS], n_shown;
	struct yc_outbox_counts outbox;
};

static void apply_search(struct pickup *p)
{
	char q[64];
	int i;

	field_get(&p->search, q, sizeof q);
	for (i = 0; q[i]; i++)
		q[i] = (char)toupper((unsigned char)q[i]);
	p->n_shown = 0;
	for (i = 0; i < p->n; i++)
		if (!q[0] || strstr(p->rows[i].case_number, q))
			p->shown[p->n_shown++] = i;
	if (p->sel >= p->n_shown)
		p->sel = p->n_shown > 0 ? p->n_shown - 1 : 0;
}

static void load(struct yc_app *app, struct pickup *p)
{
	struct yc_err err;

	if (store_pickup_list(app->st, p->which, app->today, p->rows, MAX_ROWS, &p->n, &err) < 0 ||
	    store_outbox_counts(app->st, app->today, &p->outbox, &err) < 0) {
		ui_error(app, "%s", err.msg);
		p->n = 0;
	}
	apply_search(p);
}

static int enter(struct yc_app *app, void *priv)
{
	struct pickup *p = priv;

	if (field_init(&p->search, 0) < 0)
		return -1;
	field_limit_bytes(&p->search, 48);
	load(app, p);
	return 0;
}

static void leave(struct yc_app *app, void *priv)
{
	struct pickup *p = priv;

	field_free(&p->search);
}

static const struct yc_pickup_row *selected(struct pickup *p)
{
	return p->sel < p->n_shown ? &p->rows[p->shown[p->sel]] : NULL;
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

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	static const char *const titles[] = { N_("Results waiting"), N_("Mailed, not yet delivered"),
					      N_("Handed out today") };
	struct pickup *p = priv;
	char line[1000];
	int i, y, shown = rows - 5;

	snprintf(line, sizeof line, _("%s: %d    SMS: %ld waiting, %ld given up, %ld sent today"), _(titles[p->which]),
		 p->n, p->outbox.queued, p->outbox.failed, p->outbox.sent_today);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_put(top + 1, 1, 12, _("Search:"), A_NORMAL);
	ui_draw_field(app, top + 1, 13, 30, &p->search, 1, 0);
	if (p->sel < p->top)
		p->top = p->sel;
	if (p->sel >= p->top + shown)
		p->top = p->sel - shown + 1;
	for (i = p->top, y = top + 3; i < p->n_shown && y < top + 3 + shown; i++, y++) {
		const struct yc_pickup_row *r = &p->rows[p->shown[i]];
		char cn[48], item[64], who[40], state[40], extra[200];
		long days = p->which == PICKUP_WAITING ? waited(app, r) : 0;
		int late = p->which == PICKUP_WAITING && days >= app->cfg->pickup_remind_days;

		yc_fit(r->case_number, UI_CASE_NUMBER_COLS, 1, cn, sizeof cn);
		yc_fit_mark(r->item, 13, 1, item, sizeof item);
		yc_fit_mark(r->applicant, 8, 1, who, sizeof who);
		yc_fit_mark(case_status_label(r->status), 10, 1, state, sizeof state);
		if (p->which == PICKUP_WAITING)
			snprintf(extra, sizeof extra, _("%s, waiting %ld d"), outcome_label(r->outcome), days);
		else if (p->which == PICKUP_MAILED)
			snprintf(extra, sizeof extra, _("tracking %s"), r->tracking);
		else
			snprintf(extra, sizeof extra, "%.16s", r->done_at);
		snprintf(line, sizeof line, "%s %s %s %s %s %s", r->sms_failed ? "!" : " ", cn, item, who, state, extra);
		if (i == p->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, late || r->sms_failed ? ui_attr_error() : A_NORMAL);
	}
	if (p->n_shown == 0)
		ui_put(top + 4, 3, cols - 6, _("Nothing here."), ui_attr_dim());
	ui_put(top + rows - 1, 1, cols - 2, _("!: an SMS to the applicant could not be sent (F4)"), ui_attr_dim());
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
	load(app, p);
	return UI_REDRAW;
}

static int notify(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_completion_sms sms;
	struct yc_err err;
	char *text;
	int rc;

	if (!r || p->which != PICKUP_WAITING)
		return UI_HANDLED;
	sms = (struct doc_completion_sms){ r->applicant, r->item, r->case_number };
	if (!(text = doc_completion_sms(&hall, &sms)))
		return UI_HANDLED;
	rc = store_pickup_notify(app->st, &app->user, r->case_id, text, &err);
	free(text);
	if (rc == 0)
		send_in_background(app);
	return finish(app, p, rc, &err, app->cfg->notify_command[0] ? _("The completion notice is being sent.")
					 : _("The completion notice is in the outbox (no notify.command is set)."));
}

static int collect(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	const char *who[2] = { _("The applicant in person"), _("An agent for the applicant") };
	char name[128] = "", id[32] = "", note[256] = "", ok[300];
	struct yc_collection c = { name, id, 0, note };
	struct yc_err err;
	int64_t case_id;
	int choice, score;

	if (!r || p->which != PICKUP_WAITING)
		return UI_HANDLED;
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
	score = ui_ask_rating(app, case_id, "pickup");
	snprintf(ok, sizeof ok, score > 0 ? _("Handed over to %s and entered in the pickup register; rated %d.")
					  : _("Handed over to %s and entered in the pickup register."), name, score);
	return finish(app, p, 0, &err, ok);
}

static int mail(struct yc_app *app, struct pickup *p)
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

static int delivered(struct yc_app *app, struct pickup *p)
{
	const struct yc_pickup_row *r = selected(p);
	struct yc_err err;

	if (!r || p->which != PICKUP_MAILED)
		return UI_HANDLED;
	return finish(app, p, store_pickup_delivered(app->st, &app->user, r->case_id, &err), &err,
		      _("Delivered: the pickup register is complete."));
}

/* Everyone notified whose result has waited remind_after_days or more. */
static int remind(struct yc_app *app, struct pickup *p)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct yc_err err;
	char ok[200];
	int sent;

	if (p->which != PICKUP_WAITING)
		return UI_HANDLED;
	sent = store_pickup_remind(app->st, &app->user, &hall, app->cfg->pickup_remind_days, &err);
	if (sent < 0)
		return finish(app, p, -1, &err, "");
	if (sent)
		send_in_background(app);
	snprintf(ok, sizeof ok, _("%d reminders queued (results waiting %d working days or more)."), sent,
		 app->cfg->pickup_remind_days);
	return finish(app, p, 0, &err, ok);
}

static int outbox(struct yc_app *app, struct pickup *p)
{
	struct yc_outbox_msg rows[30];
	char options[30][300];
	const char *labels[30];
	struct yc_err err;
	int n, i, choice;

	if (store_outbox_unsent(app->st, rows, 30, &n, &err) < 0)
		return finish(app, p, -1, &err, "");
	if (n == 0) {
		ui_say(app, "%s", _("Every message has been sent."));
		return UI_REDRAW;
	}
	for (i = 0; i < n; i++) {
		char phone[24];

		yc_phone_mask(rows[i].phone, phone, sizeof phone);
		snprintf(options[i], sizeof options[i], "%s  %s  %s  %s",
			 strcmp(rows[i].status, "failed") == 0 ? _("given up") : _("waiting"), phone,
			 rows[i].created_at, rows[i].last_error[0] ? rows[i].last_error : "");
		labels[i] = options[i];
	}
	choice = ui_choose(app, _("Messages not sent (Enter: try a given-up one again)"), labels, n);
	if (choice < 0)
		return UI_REDRAW;
	if (strcmp(rows[choice].status, "failed") != 0) {
		send_in_background(app);
		return finish(app, p, 0, &err, _("It will be tried again shortly."));
	}
	if (store_outbox_retry(app->st, rows[choice].id, &err) < 0)
		return finish(app, p, -1, &err, "");
	send_in_background(app);
	return finish(app, p, 0, &err, _("It will be tried again shortly."));
}

static int action(struct yc_app *app, void *priv, int act)
{
	struct pickup *p = priv;

	switch (act) {
	case ACT_VIEW:
		if (selected(p))
			ui_case_view(app, selected(p)->case_id);
		return UI_REDRAW;
	case ACT_NOTIFY: return notify(app, p);
	case ACT_COLLECT: return collect(app, p);
	case ACT_MAIL: return mail(app, p);
	case ACT_DELIVERED: return delivered(app, p);
	case ACT_REMIND: return remind(app, p);
	case ACT_OUTBOX: return outbox(app, p);
	case ACT_LIST:
		p->which = (p->which + 1) % 3;
		p->sel = p->top = 0;
		load(app, p);
		return UI_REDRAW;
	case ACT_ESC:
		if (p->search.len == 0)
			return UI_BACK;
		field_clear(&p->search);
		apply_search(p);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct pickup *p = priv;

	if (is_keycode && ch == KEY_DOWN && p->sel + 1 < p->n_shown)
		p->sel++;
	else if (is_keycode && ch == KEY_UP && p->sel > 0)
		p->sel--;
	else if (ui_field_key(&p->search, ch, is_keycode)) {
		p->sel = 0;
		apply_search(p);
	} else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	load(app, priv);
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
	.enter = enter,
	.leave = leave,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
};
