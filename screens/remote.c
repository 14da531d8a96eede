/* remote.c - the cross-region window (异地通办): requests taken here for a
 * department of another region (跨省通办, 呼包鄂乌互办互认, 全市通办), the
 * open ones first. F2 takes a new request; the home department's answer
 * (F3 confirmed, F4 refused), the materials forwarded (F5), the result
 * back (F6) and the delivery (F7) follow; Enter shows everything
 * recorded. The core checks the role, the state and the version again. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "states.h"
#include "store-catalog.h"
#include "store-remote.h"
#include "store-users.h"
#include "ui.h"
#include "ui-table.h"
#include "ui-text.h"
#include "width.h"

enum {
	ACT_VIEW = ACT_SCREEN, ACT_NEW, ACT_CONFIRM, ACT_REFUSE, ACT_FORWARD, ACT_RESULT, ACT_DELIVER, ACT_SHOW,
	ACT_ESC,
};

static const struct yc_binding list_keys[] = {
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Details"), N_("Everything recorded about the selected request"), 0 },
	{ ACT_NEW, KEY_F(2), "F2", N_("New"), N_("New request: type, item, applicant, home department"), KB_BAR },
	{ ACT_CONFIRM, KEY_F(3), "F3", N_("Confirmed"), N_("The home department confirmed: who said so"), KB_BAR },
	{ ACT_REFUSE, KEY_F(4), "F4", N_("Refused"), N_("The home department refused, with its reason"), KB_BAR },
	{ ACT_FORWARD, KEY_F(5), "F5", N_("Forwarded"), N_("Materials forwarded; paper by mail with its tracking number"), KB_BAR },
	{ ACT_RESULT, KEY_F(6), "F6", N_("Result"), N_("The result came back, with a note"), KB_BAR },
	{ ACT_DELIVER, KEY_F(7), "F7", N_("Delivered"), N_("The applicant has the result, here or at home"), KB_BAR },
	{ ACT_SHOW, KEY_F(8), "F8", N_("Show"), N_("All requests (the open ones first) or those in one state"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding view_keys[] = {
	{ ACT_ESC, 27, "Esc", N_("List"), N_("Back to the requests"), KB_BAR },
};

static const char *const kind_codes[] = { "inter_province", "hbeu", "city" };
/* short names for the list; details show the full ones */
static const char *const kind_short[] = { N_("inter-prov."), N_("HBEU"), N_("city") };
static const char *const states[] = { "asking", "confirmed", "refused", "forwarded", "result_received", "delivered" };

struct remote {
	struct yc_app *app;
	struct ui_table table;          /* its detail: everything recorded */
	struct ui_table_col cols[6];    /* columns, the item and department wider on a wide terminal */
	long open, all;                 /* as the store counts them */
	int filter;                     /* 0: every request, else 1 + index in states */
	struct ui_text text;
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct remote *p = priv;

	if (!p->table.detail) {
		*n = YC_ARRAY_LEN(list_keys);
		return list_keys;
	}
	*n = YC_ARRAY_LEN(view_keys);
	return view_keys;
}

static const char *kind_list_label(const char *kind)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(kind_codes); i++)
		if (strcmp(kind_codes[i], kind) == 0)
			return _(kind_short[i]);
	return kind;
}

static void remote_col_kind(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_strlcpy(out, kind_list_label(((const struct yc_remote_row *)row)->kind), n);
}

static void col_status(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	yc_strlcpy(out, store_remote_status_label(((const struct yc_remote_row *)row)->status), n);
}

static const struct ui_table_col columns[6] = {
	{ N_("Type"), 11, UI_ALIGN_LEFT, 1, remote_col_kind, 0 },
	{ N_("Applicant"), 9, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_remote_row, applicant) },
	{ N_("ID number"), 18, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_remote_row, id_masked) },
	{ N_("Item"), 10, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_remote_row, item) },
	/* the home department, or for an incoming request the hall that took it */
	{ N_("Other side"), 10, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_remote_row, home_department) },
	{ N_("State"), 0, UI_ALIGN_LEFT, 1, col_status, 0 },
};

static const char *filter_status(const struct remote *p)
{
	return p->filter ? states[p->filter - 1] : "";
}

static int remote_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct remote *p = ctx;

	return store_remote_page(p->app->st, p->app->cfg->site_code, filter_status(p), anchor, forward, rows, max, n, err);
}

static int remote_count(void *ctx, long *total, struct yc_err *err)
{
	struct remote *p = ctx;

	if (store_remote_count(p->app->st, p->app->cfg->site_code, filter_status(p), &p->all, &p->open, err) < 0)
		return -1;
	*total = p->all;
	return 0;
}

static attr_t remote_row_attr(void *ctx, const void *row)
{
	(void)ctx;
	return store_remote_open(((const struct yc_remote_row *)row)->status) ? A_NORMAL : ui_attr_dim();
}

static int remote_same_request(const void *a, const void *b)
{
	return ((const struct yc_remote_row *)a)->id == ((const struct yc_remote_row *)b)->id;
}

static void remote_draw_detail(void *ctx, const void *row, int top, int rows, int cols)
{
	struct remote *p = ctx;

	(void)row;
	ui_text_draw(&p->text, top, rows, cols);
}

static const struct ui_table_source source = { remote_page, remote_count, remote_row_attr, remote_same_request, remote_draw_detail };

static int remote_enter(struct yc_app *app, void *priv)
{
	struct remote *p = priv;

	p->app = app;
	memcpy(p->cols, columns, sizeof p->cols);
	if (ui_table_init(&p->table, app, sizeof(struct yc_remote_row), p->cols, YC_ARRAY_LEN(p->cols), &source, p) < 0)
		return -1;
	p->table.x = 1;
	p->table.empty = N_("No cross-region requests. F2 takes a new one.");
	return 0;
}

static void remote_leave(struct yc_app *app, void *priv)
{
	struct remote *p = priv;

	ui_table_free(&p->table);
	ui_text_clear(&p->text);
}

/* The request with this id selected, its page shown. */
static void select_id(struct remote *p, int64_t id)
{
	struct yc_remote_row r;
	struct yc_err err;

	if (store_remote_get(p->app->st, id, &r, &err) == 0)
		ui_table_show(&p->table, &r);
	else
		ui_table_refresh(&p->table);
}

/* The other side of a request, and its case here: the home department of
 * one taken here, the hall that took an incoming one. */
static void remote_where(const struct yc_remote_row *r, char *out, size_t n)
{
	char where[600];

	if (strcmp(r->direction, "incoming") == 0)
		snprintf(where, sizeof where, _("Taken at: %s, %s, %s (for our department)"), r->home_region,
			 r->home_department, r->home_site);
	else
		snprintf(where, sizeof where, _("Home: %s, %s, %s"), r->home_region, r->home_department, r->home_site);
	if (r->case_number[0])
		snprintf(out, n, _("%s; case %s"), where, r->case_number);
	else
		snprintf(out, n, "%s", where);
}

/* An incoming request: our department confirms, the case is accepted and
 * decided here, the result goes back to the hall that took it. */
static int remote_next_incoming(const struct yc_remote_row *r, char *out, size_t n)
{
	switch (remote_state_of(r->status)) {
	case REMOTE_ASKING:
		snprintf(out, n, "%s", _("Taken elsewhere for our department: F3 when it confirms, F4 when it refuses."));
		return 1;
	case REMOTE_CONFIRMED:
		if (!r->case_number[0])
			snprintf(out, n, "%s", _("Confirmed. Next: accept it as a case at the combined intake (F6 there)."));
		else if (!r->case_decided)
			snprintf(out, n, _("Case %s is with our department. Next: F6 once it is decided, the result sent back."),
				 r->case_number);
		else
			snprintf(out, n, _("Case %s is decided. Next: F6 when the result is sent back to the hall that took it."),
				 r->case_number);
		return 1;
	default:
		return 0;
	}
}

/* Where the selected request stands and what comes next. */
static void remote_next_step(const struct yc_remote_row *r, char *out, size_t n)
{
	if (strcmp(r->direction, "incoming") == 0 && remote_next_incoming(r, out, n))
		return;
	switch (remote_state_of(r->status)) {
	case REMOTE_ASKING:
		snprintf(out, n, "%s", _("Waiting for the home department: F3 when it confirms, F4 when it refuses."));
		break;
	case REMOTE_CONFIRMED:
		if (!r->case_number[0])
			snprintf(out, n, _("Confirmed by %s. Next: accept it as a case at the combined intake (F6 there), then F5 when the materials are forwarded."),
				 r->confirmed_by);
		else
			snprintf(out, n, _("Confirmed by %s; case %s. Next: F5 when the materials are forwarded."),
				 r->confirmed_by, r->case_number);
		break;
	case REMOTE_REFUSED:
		snprintf(out, n, _("Refused by the home department: %s"), r->refusal_reason);
		break;
	case REMOTE_FORWARDED:
		if (r->paper_by_mail)
			snprintf(out, n, _("The paper went by mail (%s). Next: F6 when the result comes back."), r->tracking);
		else
			snprintf(out, n, "%s", _("Forwarded electronically. Next: F6 when the result comes back."));
		break;
	case REMOTE_RESULT_RECEIVED:
		snprintf(out, n, _("Result: %s. Next: F7 when the applicant has it."), r->result_note);
		break;
	default:
		snprintf(out, n, _("Delivered on %.16s, collected %s."), r->delivered_at,
			 store_remote_collect_label(r->collect_at));
	}
}

/* A wider terminal gives the item and the home department more room. */
static void widen(struct remote *p, int cols)
{
	int extra = cols - 80, to_item, to_dept;

	p->cols[3].width = columns[3].width;
	p->cols[4].width = columns[4].width;
	if (extra <= 0)
		return;
	to_item = extra / 2 < 30 ? extra / 2 : 30;
	to_dept = extra - to_item < 20 ? extra - to_item : 20;
	p->cols[3].width += to_item;
	p->cols[4].width += to_dept;
}

static void remote_draw_list(struct yc_app *app, struct remote *p, int top, int rows, int cols)
{
	const struct yc_remote_row *r;
	char line[2000];

	if (p->filter)
		snprintf(line, sizeof line, _("Cross-region service: %d %s"), (int)p->all,
			 store_remote_status_label(states[p->filter - 1]));
	else
		snprintf(line, sizeof line, _("Cross-region service: %d open"), (int)p->open);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	widen(p, cols);
	ui_table_draw(&p->table, top + 2, rows - 6, cols - 1);
	if ((r = ui_table_selected(&p->table))) {
		remote_where(r, line, sizeof line);
		ui_put(top + rows - 3, 1, cols - 2, line, A_NORMAL);
		remote_next_step(r, line, sizeof line);
		ui_put_wrapped(top + rows - 2, 1, top + rows - 1, cols - 2, line, A_BOLD);
	}
}

static void remote_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct remote *p = priv;

	if (p->table.detail)
		ui_table_draw(&p->table, top, rows, cols);
	else
		remote_draw_list(app, p, top, rows, cols);
}

static const struct yc_remote_row *selected(struct remote *p)
{
	return ui_table_selected(&p->table);
}

/* Everything recorded, in the order it happened. */
static int view(struct yc_app *app, struct remote *p)
{
	const struct yc_remote_row *sel = selected(p);
	struct yc_remote_row r;
	struct yc_err err;
	char line[1600];

	if (!sel)
		return UI_HANDLED;
	if (store_remote_get(app->st, sel->id, &r, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_text_clear(&p->text);
	snprintf(line, sizeof line, _("Cross-region request %lld: %s"), (long long)r.id,
		 store_remote_kind_label(r.kind));
	ui_text_add(&p->text, "title", line);
	snprintf(line, sizeof line, _("Applicant: %s (%s, %s, phone %s)"), r.applicant,
		 strcmp(r.applicant_kind, "organisation") == 0 ? _("organisation") : _("person"), r.id_masked,
		 r.phone_masked);
	ui_text_add(&p->text, "", line);
	snprintf(line, sizeof line, _("Item: %s %s"), r.item_code, r.item);
	ui_text_add(&p->text, "", line);
	remote_where(&r, line, sizeof line);
	ui_text_add(&p->text, "", line);
	snprintf(line, sizeof line, _("State: %s"), store_remote_status_label(r.status));
	ui_text_add(&p->text, "heading", line);
	snprintf(line, sizeof line, _("Taken on %.16s by %s"), r.created_at, r.created_by);
	ui_text_add(&p->text, "", line);
	if (r.confirmed_at[0]) {
		snprintf(line, sizeof line, _("Confirmed by the home department on %.16s: %s"), r.confirmed_at,
			 r.confirmed_by);
		ui_text_add(&p->text, "", line);
	}
	if (remote_state_of(r.status) == REMOTE_REFUSED) {
		snprintf(line, sizeof line, _("Refused by the home department: %s"), r.refusal_reason);
		ui_text_add(&p->text, "", line);
	}
	if (r.forwarded_at[0]) {
		if (r.paper_by_mail)
			snprintf(line, sizeof line, _("Materials forwarded on %.16s; the paper by mail, tracking number %s"),
				 r.forwarded_at, r.tracking);
		else
			snprintf(line, sizeof line, _("Materials forwarded electronically on %.16s"), r.forwarded_at);
		ui_text_add(&p->text, "", line);
	}
	if (r.result_at[0]) {
		snprintf(line, sizeof line, _("Result received on %.16s: %s"), r.result_at, r.result_note);
		ui_text_add(&p->text, "", line);
	}
	if (r.delivered_at[0]) {
		snprintf(line, sizeof line, _("Delivered on %.16s, collected %s"), r.delivered_at,
			 store_remote_collect_label(r.collect_at));
		ui_text_add(&p->text, "", line);
	}
	ui_table_open_detail(&p->table);
	return UI_REDRAW;
}

/* Ask for a text until it is given; 0 when the clerk cancels. */
static int remote_ask(struct yc_app *app, const char *title, const char *label, char *out, size_t n, int required)
{
	for (;;) {
		if (!ui_prompt(app, title, label, out, n))
			return 0;
		if (out[0] || !required)
			return 1;
		ui_error(app, "%s", _("This cannot be left empty."));
	}
}

/* After a refusal by the core: 1 when the clerk can put it right by
 * typing again, 0 when the list must be looked at again. */
static int again(struct yc_app *app, const struct yc_err *err)
{
	ui_error(app, "%s", err->msg);
	return err->code == YC_EINVAL || err->code == YC_EBUSY || err->code == YC_EIO;
}

/* The selected request, when it may make the move now (said otherwise,
 * before anything is asked). */
static const struct yc_remote_row *movable(struct yc_app *app, struct remote *p, enum yc_remote_move m)
{
	const struct yc_remote_row *r = selected(p);
	struct yc_err err;

	if (r && store_remote_may_now(r, m, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return NULL;
	}
	return r;
}

static int same_code(const char *a, const char *b)
{
	for (; *a && *b; a++, b++) {
		char x = *a >= 'a' && *a <= 'z' ? (char)(*a - 'a' + 'A') : *a;
		char y = *b >= 'a' && *b <= 'z' ? (char)(*b - 'a' + 'A') : *b;

		if (x != y)
			return 0;
	}
	return *a == *b;
}

/* The item applied for: typed code, or chosen among those matching. */
static int find_item(struct yc_app *app, struct yc_item_row *out)
{
	struct yc_item_row rows[21];   /* 20 offered; a 21st says there are more */
	char options[20][200];
	const char *opts[20];
	char filter[128] = "";
	struct yc_err err;
	int i, n, choice;

	for (;;) {
		if (!remote_ask(app, _("Service item"), _("Item code, or part of its name or pinyin initials:"), filter,
			 sizeof filter, 1))
			return 0;
		if (store_items_page(app->st, filter, "", 1, rows, 21, &n, &err) < 0) {
			ui_error(app, "%s", err.msg);
			return 0;
		}
		if (n == 0) {
			ui_error(app, _("No service item matches '%s'."), filter);
			continue;
		}
		for (i = 0; i < n; i++)
			if (same_code(rows[i].code, filter) || n == 1) {
				*out = rows[i];
				return 1;
			}
		if (n > 20) {
			n = 20;
			ui_say(app, "%s", _("More than 20 items match: the first are offered; type more of the name or the code."));
		}
		for (i = 0; i < n; i++) {
			snprintf(options[i], sizeof options[i], "%s  %s", rows[i].code, rows[i].name);
			opts[i] = options[i];
		}
		if ((choice = ui_choose(app, _("Which item?"), opts, n)) >= 0) {
			*out = rows[choice];
			return 1;
		}
	}
}

static int remote_new_request(struct yc_app *app, struct remote *p)
{
	const char *kinds[YC_ARRAY_LEN(kind_codes)], *who[2], *ways[2];
	char region[256] = "", dept[256] = "", site[256] = "", title[300], ok[300];
	struct yc_remote_new r;
	struct yc_item_row item;
	struct yc_err err;
	int64_t id = 0;
	int k, org, incoming;
	size_t i;

	ways[0] = _("Taken here, for another region's department");
	ways[1] = _("Taken at another region's hall, for our department");
	if ((incoming = ui_choose(app, _("Cross-region request"), ways, 2)) < 0)
		return UI_REDRAW;
	for (i = 0; i < YC_ARRAY_LEN(kind_codes); i++)
		kinds[i] = store_remote_kind_label(kind_codes[i]);
	if ((k = ui_choose(app, _("Type of cross-region service"), kinds, (int)YC_ARRAY_LEN(kind_codes))) < 0 ||
	    !find_item(app, &item))
		return UI_REDRAW;
	who[0] = _("person");
	who[1] = _("organisation");
	if ((org = ui_choose(app, _("The applicant is"), who, 2)) < 0)
		return UI_REDRAW;
	memset(&r, 0, sizeof r);
	r.kind = kind_codes[k];
	r.direction = incoming ? "incoming" : "outgoing";
	r.site_code = app->cfg->site_code;
	r.item_id = item.id;
	yc_strlcpy(r.applicant.kind, org ? "organisation" : "person", sizeof r.applicant.kind);
	r.home_region = region;
	r.home_department = dept;
	r.home_site = site;
	snprintf(title, sizeof title, "%s: %s", kinds[k], item.name);
	/* what was typed stays when the core says something is wrong */
	for (;;) {
		if (!remote_ask(app, title, org ? _("Organisation's name:") : _("Applicant's name:"), r.applicant.name,
			 sizeof r.applicant.name, 1) ||
		    !remote_ask(app, title, org ? _("Unified social credit code (18 characters):") : _("ID card number (18 characters):"),
			 r.applicant.id_number, sizeof r.applicant.id_number, 1) ||
		    !remote_ask(app, title, _("Phone number:"), r.applicant.phone, sizeof r.applicant.phone, 1) ||
		    (org && !remote_ask(app, title, _("Legal representative:"), r.applicant.legal_rep, sizeof r.applicant.legal_rep, 1)) ||
		    !remote_ask(app, title, incoming ? _("Region that took it (e.g. 呼和浩特市赛罕区):")
						     : _("Home region (e.g. 呼和浩特市赛罕区):"), region, sizeof region, 1) ||
		    !remote_ask(app, title, incoming ? _("Its window or office that sent it:")
						     : _("Home department (the one that decides):"), dept, sizeof dept, 1) ||
		    !remote_ask(app, title, incoming ? _("Its service hall:") : _("Home site (its service hall):"), site,
				sizeof site, 1))
			return UI_REDRAW;
		if (store_remote_create(app->st, &app->user, &r, &id, &err) == 0)
			break;
		if (!again(app, &err)) {
			ui_table_refresh(&p->table);
			return UI_REDRAW;
		}
	}
	snprintf(ok, sizeof ok, incoming ? _("Request %lld recorded; ask our department to confirm it (F3 when it does).")
				       : _("Request %lld recorded; ask the home department to confirm it (F3 when it does)."),
		 (long long)id);
	ui_say(app, "%s", ok);
	p->filter = 0;
	ui_table_reload(&p->table);
	select_id(p, id);
	return UI_REDRAW;
}

/* One move: asks for its text (label), then the core decides. */
typedef int (*move_fn)(struct yc_store *st, const struct yc_user *u, int64_t id, int version, const char *text,
		       struct yc_err *err);

static int text_move(struct yc_app *app, struct remote *p, enum yc_remote_move m, const char *label, move_fn fn,
		     const char *ok)
{
	const struct yc_remote_row *r = movable(app, p, m);
	char text[600] = "", title[300];
	struct yc_err err;
	int64_t id;
	int version;

	if (!r)
		return UI_REDRAW;
	id = r->id;
	version = r->version;
	snprintf(title, sizeof title, _("Request %lld: %s"), (long long)id, r->applicant);
	for (;;) {
		if (!remote_ask(app, title, label, text, sizeof text, 1))
			return UI_REDRAW;
		if (fn(app->st, &app->user, id, version, text, &err) == 0) {
			ui_say(app, "%s", ok);
			break;
		}
		if (!again(app, &err))
			break;
	}
	ui_table_refresh(&p->table);
	return UI_REDRAW;
}

static int forward(struct yc_app *app, struct remote *p)
{
	const struct yc_remote_row *r = movable(app, p, REMOTE_FORWARD);
	const char *how[2];
	char tracking[64] = "", title[300];
	struct yc_err err;
	int64_t id;
	int version, mail;

	if (!r)
		return UI_REDRAW;
	id = r->id;
	version = r->version;
	snprintf(title, sizeof title, _("Request %lld: %s"), (long long)id, r->applicant);
	how[0] = _("Electronically only");
	how[1] = _("Electronically, and the paper by mail (the home department keeps it)");
	if ((mail = ui_choose(app, _("How were the materials forwarded?"), how, 2)) < 0)
		return UI_REDRAW;
	for (;;) {
		if (mail && !remote_ask(app, title, _("Tracking number of the waybill:"), tracking, sizeof tracking, 1))
			return UI_REDRAW;
		if (store_remote_forward(app->st, &app->user, id, version, mail, tracking, &err) == 0) {
			ui_say(app, "%s", _("The materials are recorded as forwarded; F6 when the result comes back."));
			break;
		}
		/* only a tracking number can be typed again */
		if (!again(app, &err) || !mail)
			break;
	}
	ui_table_refresh(&p->table);
	return UI_REDRAW;
}

static int remote_deliver(struct yc_app *app, struct remote *p)
{
	static const char *const places[] = { "here", "home" };
	const struct yc_remote_row *r = movable(app, p, REMOTE_DELIVER);
	const char *where[2];
	struct yc_err err;
	int64_t id;
	int version, choice;

	if (!r)
		return UI_REDRAW;
	id = r->id;
	version = r->version;
	where[0] = store_remote_collect_label(places[0]);
	where[1] = store_remote_collect_label(places[1]);
	if ((choice = ui_choose(app, _("Where did the applicant collect the result?"), where, 2)) < 0)
		return UI_REDRAW;
	if (store_remote_deliver(app->st, &app->user, id, version, places[choice], &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The delivery is recorded; the request is closed."));
	ui_table_refresh(&p->table);
	return UI_REDRAW;
}

static int show(struct yc_app *app, struct remote *p)
{
	const char *opts[1 + YC_ARRAY_LEN(states)];
	size_t i;
	int choice;

	opts[0] = _("Every request, the open ones first");
	for (i = 0; i < YC_ARRAY_LEN(states); i++)
		opts[i + 1] = store_remote_status_label(states[i]);
	if ((choice = ui_choose(app, _("Show"), opts, (int)YC_ARRAY_LEN(opts))) < 0)
		return UI_REDRAW;
	p->filter = choice;
	ui_table_reload(&p->table);
	return UI_REDRAW;
}

/* The result: one taken here came back granted or refused by the home
 * department (its case follows); an incoming one was sent back. */
static int remote_result_came(struct yc_app *app, struct remote *p)
{
	const struct yc_remote_row *r = movable(app, p, REMOTE_RESULT);
	const char *outcomes[2];
	int refused;

	if (!r)
		return UI_REDRAW;
	if (strcmp(r->direction, "incoming") == 0)
		return text_move(app, p, REMOTE_RESULT,
				 _("What was sent back to the hall that took it (the outcome, a document number):"),
				 store_remote_result, _("The result is recorded; F7 when the applicant has it."));
	outcomes[0] = _("Granted by the home department");
	outcomes[1] = _("Refused by the home department");
	if ((refused = ui_choose(app, _("The home department's decision"), outcomes, 2)) < 0)
		return UI_REDRAW;
	return text_move(app, p, REMOTE_RESULT, _("What came back (the outcome, a document number):"),
			 refused ? store_remote_result_refused : store_remote_result,
			 _("The result is recorded; F7 when the applicant has it."));
}

static int remote_action(struct yc_app *app, void *priv, int act)
{
	struct remote *p = priv;

	switch (act) {
	case ACT_VIEW: return view(app, p);
	case ACT_NEW: return remote_new_request(app, p);
	case ACT_CONFIRM:
		if (selected(p) && strcmp(selected(p)->direction, "incoming") == 0)
			return text_move(app, p, REMOTE_CONFIRM, _("Who at our department confirmed (name and office):"),
					 store_remote_confirm,
					 _("The confirmation is recorded; accept it as a case at the combined intake (F6 there)."));
		return text_move(app, p, REMOTE_CONFIRM, _("Who at the home department confirmed (name and office):"),
				 store_remote_confirm, _("The confirmation is recorded; F5 when the materials are forwarded."));
	case ACT_REFUSE:
		return text_move(app, p, REMOTE_REFUSE,
				 selected(p) && strcmp(selected(p)->direction, "incoming") == 0
					 ? _("Why our department refused:") : _("Why the home department refused:"),
				 store_remote_refuse, _("The refusal is recorded; the request is closed."));
	case ACT_FORWARD: return forward(app, p);
	case ACT_RESULT: return remote_result_came(app, p);
	case ACT_DELIVER: return remote_deliver(app, p);
	case ACT_SHOW: return show(app, p);
	case ACT_ESC:
		ui_table_close_detail(&p->table);
		ui_table_refresh(&p->table);
		return UI_REDRAW;
	}
	return ui_table_action(&p->table, act);
}

static int remote_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct remote *p = priv;

	if (p->table.detail)
		return ui_text_key(&p->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	return UI_UNHANDLED;
}

static int remote_data_changed(struct yc_app *app, void *priv)
{
	struct remote *p = priv;

	if (!p->table.detail)
		ui_table_refresh(&p->table);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_remote = {
	.name = "remote",
	.title = N_("Cross-region service"),
	.perm = PERM_SPECIAL,
	.in_menu = 1,
	.keys = list_keys,
	.n_keys = YC_ARRAY_LEN(list_keys),
	.private_size = sizeof(struct remote),
	.enter = remote_enter,
	.leave = remote_leave,
	.draw = remote_draw,
	.action = remote_action,
	.key = remote_key,
	.data_changed = remote_data_changed,
	.mode_keys = mode_keys,
};
