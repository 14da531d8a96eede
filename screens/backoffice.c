/* backoffice.c - a department's cases (后台分类审批, 第十一条): received and
 * not yet handed to the pickup window, the earliest promised date first,
 * with the working days left (overdue in red, a suspended clock standing
 * still). Decide (approve with the document number and validity, not
 * approve with the reason, withdrawn by the applicant), stop and start
 * the clock, extend with consent, set and receive fees. The core checks
 * every move and the department boundary again. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "case-flow.h"
#include "states.h"
#include "store-backoffice.h"
#include "store-intake.h"
#include "ui.h"
#include "ui-cases.h"
#include "store-bundle-confirm.h"
#include "ui-table.h"
#include "width.h"

enum {
	ACT_VIEW = ACT_SCREEN, ACT_APPROVE, ACT_REFUSE, ACT_WITHDRAW, ACT_CLOCK, ACT_EXTEND, ACT_FEE, ACT_PROMISE,
	ACT_BUNDLES,
};

static const struct yc_binding keys[] = {
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Case"), N_("The selected case and its story"), 0 },
	{ ACT_APPROVE, KEY_F(5), "F5", N_("Approve"), N_("Approve: the licence or document number and its validity"), KB_BAR },
	{ ACT_REFUSE, KEY_F(6), "F6", N_("Not approve"), N_("Not approved, with the reason"), KB_BAR },
	{ ACT_WITHDRAW, KEY_F(7), "F7", N_("Withdrawn"), N_("End a case the applicant withdrew: not approved, withdrawn by the applicant"), KB_BAR },
	{ ACT_CLOCK, KEY_F(4), "F4", N_("Stop/start"), N_("Stop the clock (site survey, verification, technical review, hearing) or start it again"), KB_BAR },
	{ ACT_EXTEND, KEY_F(8), "F8", N_("Extend"), N_("Extend the promised date, with a reason and the applicant's consent"), KB_BAR },
	{ ACT_FEE, KEY_F(3), "F3", N_("Fee"), N_("Set the fee, or record it paid with the receipt number"), KB_BAR },
	{ ACT_PROMISE, KEY_F(2), "F2", N_("Verify promise"), N_("告知承诺制: record the verification of an applicant's promise, or its revocation when it was false (any case of the department, by number)"), 0 },
	{ ACT_BUNDLES, KEY_F(11), "F11", N_("Bundles"),
	  N_("一件事一次办 taken at the window, waiting for the department to confirm it before it is entered, or return it"), 0 },
	UI_TABLE_KEYS,
};

struct backoffice {
	struct yc_app *app;
	struct ui_table table;
	struct yc_dept_counts counts;   /* the whole list's, as the store counts them */
};

/* Working days left, the same computation everywhere (case-flow.h). */
static int remaining(struct yc_app *app, const struct yc_dept_case *r, long *days)
{
	yc_date today, promised, since = 0;

	if (date_parse(app->today, &today) != 0 || date_parse(r->promised_date, &promised) != 0)
		return 0;
	if (r->suspended_on[0])
		date_parse(r->suspended_on, &since);
	*days = case_remaining_workdays(&app->cal, today, promised, r->suspended_on[0] != 0, since);
	return 1;
}

static void remaining_text(struct yc_app *app, const struct yc_dept_case *r, char *out, size_t n)
{
	long days;

	if (case_is_decided(r->status))
		snprintf(out, n, "%s", _("decided"));
	else if (!remaining(app, r, &days))
		snprintf(out, n, "-");
	else if (r->suspended_on[0])
		snprintf(out, n, _("%ld d, stopped"), days);
	else if (days < 0)
		snprintf(out, n, _("%ld d overdue"), -days);
	else
		snprintf(out, n, _("%ld d left"), days);
}

static int late(struct yc_app *app, const struct yc_dept_case *r)
{
	long days;

	return case_is_being_worked(r->status) && remaining(app, r, &days) && days < 0;
}

static void col_marks(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_dept_case *r = row;

	(void)ctx;
	snprintf(out, n, "%s%s", r->withdrawal_requested ? "W" : " ", r->fee_fen >= 0 && !r->fee_paid ? "$" : " ");
}

static void backoffice_col_state(void *ctx, const void *row, char *out, size_t n)
{
	(void)ctx;
	snprintf(out, n, "%s", case_status_label(((const struct yc_dept_case *)row)->status));
}

static void col_time(void *ctx, const void *row, char *out, size_t n)
{
	struct backoffice *b = ctx;

	remaining_text(b->app, row, out, n);
}

static const struct ui_table_col columns[] = {
	{ "", 2, UI_ALIGN_LEFT, 0, col_marks, 0 },
	{ N_("Case"), UI_CASE_NUMBER_COLS, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_dept_case, case_number) },
	{ N_("Item"), 10, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_dept_case, item) },
	{ N_("Applicant"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_dept_case, applicant) },
	{ N_("Site"), 5, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_dept_case, site) },
	{ N_("State"), 10, UI_ALIGN_LEFT, 1, backoffice_col_state, 0 },
	{ N_("Promised"), 10, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_dept_case, promised_date) },
	{ N_("Time"), 0, UI_ALIGN_LEFT, 0, col_time, 0 },
};

static int backoffice_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct backoffice *b = ctx;

	return store_dept_cases_page(b->app->st, b->app->user.department_id, anchor, forward, rows, max, n, err);
}

/* The whole list's totals, not the rows on screen. */
static int backoffice_count(void *ctx, long *total, struct yc_err *err)
{
	struct backoffice *b = ctx;

	if (store_dept_cases_count(b->app->st, b->app->user.department_id, b->app->today, &b->counts, err) < 0)
		return -1;
	*total = b->counts.cases;
	return 0;
}

/* Overdue: in red. */
static attr_t backoffice_row_attr(void *ctx, const void *row)
{
	struct backoffice *b = ctx;

	return late(b->app, row) ? ui_attr_error() : A_NORMAL;
}

static int backoffice_same_case(const void *a, const void *b)
{
	return ((const struct yc_dept_case *)a)->id == ((const struct yc_dept_case *)b)->id;
}

static const struct ui_table_source source = { backoffice_page, backoffice_count, backoffice_row_attr, backoffice_same_case, NULL };

static int backoffice_enter(struct yc_app *app, void *priv)
{
	struct backoffice *b = priv;

	if (!app->user.department_id) {
		ui_error(app, "%s", _("Your account belongs to no department; ask the administrator."));
		return -1;
	}
	b->app = app;
	if (ui_table_init(&b->table, app, sizeof(struct yc_dept_case), columns, YC_ARRAY_LEN(columns), &source, b) < 0)
		return -1;
	b->table.x = 1;
	b->table.empty = N_("No cases in the department.");
	return 0;
}

static void backoffice_leave(struct yc_app *app, void *priv)
{
	struct backoffice *b = priv;

	ui_table_free(&b->table);
}

static const struct yc_dept_case *selected(struct backoffice *b)
{
	return ui_table_selected(&b->table);
}

/* The selected case copied into row, for an action: the redraws under
 * its dialogs may page the table. NULL when the list is empty. */
static const struct yc_dept_case *selected_copy(struct backoffice *b, struct yc_dept_case *row)
{
	const struct yc_dept_case *r = selected(b);

	if (!r)
		return NULL;
	*row = *r;
	return row;
}

static void backoffice_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct backoffice *b = priv;
	const struct yc_dept_case *r = selected(b);
	char line[1000];

	snprintf(line, sizeof line, _("%s: %ld cases, %ld overdue, %ld with the clock stopped"), app->user.department,
		 ui_table_total(&b->table), b->counts.overdue, b->counts.stopped);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&b->table, top + 2, rows - 5, cols - 1);
	if (r && r->withdrawal_requested) {
		snprintf(line, sizeof line, _("W: the applicant asks to withdraw: %s"), r->withdrawal_reason);
		ui_put(top + rows - 2, 1, cols - 2, line, A_BOLD);
	} else {
		ui_put(top + rows - 2, 1, cols - 2, _("W: withdrawal asked for   $: fee not paid yet"), ui_attr_dim());
	}
}

/* What a dialog's field must hold: NULL when the text will do, else why
 * not. Each field is checked as it is left, with what was typed kept. */
typedef const char *(*field_check)(const char *text);

static const char *required_text(const char *text)
{
	return yc_blank(text) ? _("This cannot be left empty (spaces alone are not enough).") : NULL;
}

static const char *date_or_empty(const char *text)
{
	yc_date d;

	return !text[0] || date_parse(text, &d) == 0 ? NULL : _("That is no date: type it as 2027-03-15.");
}

static const char *working_days(const char *text)
{
	char *end;
	long n = strtol(text, &end, 10);

	return end != text && !*end && n >= 1 && n <= 365 ? NULL
							   : _("Type a number of working days, from 1 to 365.");
}

/* Ask for a field until it passes its check (NULL: anything); the text
 * stays in out either way. 0 when the clerk cancels. */
static int backoffice_ask(struct yc_app *app, const char *title, const char *label, char *out, size_t n, field_check check)
{
	for (;;) {
		const char *problem;

		if (!ui_prompt(app, title, label, out, n))
			return 0;
		if (!check || !(problem = check(out)))
			return 1;
		ui_error(app, "%s", problem);
	}
}

/* What was typed into a decision's dialog, kept for the same case when
 * the save is refused or cancelled, so that nothing has to be typed
 * again. */
static struct {
	int64_t case_id;
	char number[64], from[16], to[16];     /* approve */
	char reason[512];                      /* not approve */
	char days[8], extension_reason[512];   /* extend */
} typed;

static void typed_for(const struct yc_dept_case *r, const char *today)
{
	if (typed.case_id == r->id)
		return;
	memset(&typed, 0, sizeof typed);
	typed.case_id = r->id;
	yc_strlcpy(typed.from, today, sizeof typed.from);
}

static int backoffice_done(struct yc_app *app, struct backoffice *b, int rc, const struct yc_err *err, const char *ok)
{
	if (rc < 0)
		ui_error(app, "%s", err->msg);
	else
		ui_say(app, "%s", ok);
	ui_table_refresh(&b->table);
	return UI_REDRAW;
}

/* 告知承诺制: the verification comes after the decision, often once the
 * case has left this list: the case is asked for by number. */
static int backoffice_promise(struct yc_app *app, struct backoffice *b)
{
	static const char *const findings[] = {
		N_("Conditions met: the promise is verified (核查属实)"),
		N_("The promise was false: revoke the approval (撤销)"),
	};
	const char *labels[2] = { _(findings[0]), _(findings[1]) };
	const struct yc_dept_case *r = selected(b);
	char number[40], note[512] = "", ok[200];
	struct yc_case_row rows[2];
	struct yc_err err;
	int n, choice, rc;

	yc_strlcpy(number, r ? r->case_number : "", sizeof number);
	if (!ui_prompt(app, _("Verify promise"), _("Case number:"), number, sizeof number) || !number[0])
		return UI_REDRAW;
	if (store_case_search(app->st, number, 0, rows, 2, &n, &err) < 0 || n != 1) {
		ui_error(app, _("No case numbered '%s'."), number);
		return UI_REDRAW;
	}
	if ((choice = ui_choose(app, rows[0].case_number, labels, 2)) < 0)
		return UI_REDRAW;
	if (!ui_prompt(app, rows[0].case_number,
		       choice == 0 ? _("How it was checked (optional):") : _("Why the promise was false (the reason of the revocation):"),
		       note, sizeof note))
		return UI_REDRAW;
	rc = store_case_promise_check(app->st, &app->user, rows[0].id, choice == 0, note, &err);
	snprintf(ok, sizeof ok, choice == 0 ? _("%s: the promise is verified.") : _("%s: the promise was false and is revoked."),
		 rows[0].case_number);
	return backoffice_done(app, b, rc, &err, ok);
}

static int backoffice_decide(struct yc_app *app, struct backoffice *b, enum case_action a)
{
	struct yc_dept_case row;
	const struct yc_dept_case *r = selected_copy(b, &row);
	/* each decision carries only its own fields: a licence number typed
	 * for an approval never lands on a refusal, nor a reason on a licence */
	struct yc_decision d = { a, a == CA_APPROVE ? typed.number : "", a == CA_APPROVE ? typed.from : "",
				 a == CA_APPROVE ? typed.to : "", a == CA_REFUSE ? typed.reason : "" };
	char ok[300];
	struct yc_err err;
	int rc;

	if (!r)
		return UI_HANDLED;
	typed_for(r, app->today);
	/* said before the typing: the core refuses the approval anyway */
	if (a == CA_APPROVE && store_case_may_release(app->st, r->id, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (a == CA_APPROVE &&
	    (!backoffice_ask(app, r->case_number, _("Licence or document number of the result:"), typed.number,
		  sizeof typed.number, required_text) ||
	     !backoffice_ask(app, r->case_number, _("Valid from (YYYY-MM-DD, empty when it does not expire):"), typed.from,
		  sizeof typed.from, date_or_empty) ||
	     (typed.from[0] && !backoffice_ask(app, r->case_number, _("Valid until (YYYY-MM-DD, empty: no end):"), typed.to,
				    sizeof typed.to, date_or_empty))))
		return UI_REDRAW;
	if (a == CA_REFUSE && !backoffice_ask(app, r->case_number, _("Why it is not approved:"), typed.reason,
				   sizeof typed.reason, required_text))
		return UI_REDRAW;
	if (a == CA_WITHDRAW && !ui_confirm(app, _("End the case as not approved, withdrawn by the applicant?")))
		return UI_REDRAW;
	snprintf(ok, sizeof ok, _("%s decided; its result slip waits for the pickup window (Transfer slips, F5)."),
		 r->case_number);
	rc = store_case_decide(app->st, &app->user, r->id, &d, &err);
	if (rc == 0)
		typed.case_id = 0;   /* saved: the next case starts empty */
	return backoffice_done(app, b, rc, &err, ok);
}

static int clock_action(struct yc_app *app, struct backoffice *b)
{
	static const char *const kinds[] = {
		N_("site survey"), N_("site verification"), N_("technical review"), N_("hearing"),
	};
	struct yc_dept_case row;
	const struct yc_dept_case *r = selected_copy(b, &row);
	const char *labels[4];
	char reason[512] = "", new_date[11], ok[300];
	struct yc_err err;
	int i, choice;

	if (!r)
		return UI_HANDLED;
	if (r->suspended_on[0]) {
		if (!ui_confirm(app, _("Start the clock again from today?")))
			return UI_REDRAW;
		if (store_case_resume(app->st, &app->user, r->id, app->today, new_date, &err) < 0)
			return backoffice_done(app, b, -1, &err, "");
		snprintf(ok, sizeof ok, _("The clock runs again; the promised date is now %s. The applicant is told by SMS."),
			 new_date);
		return backoffice_done(app, b, 0, &err, ok);
	}
	for (i = 0; i < 4; i++)
		labels[i] = _(kinds[i]);
	choice = ui_choose(app, _("Stop the clock for"), labels, 4);
	if (choice < 0 || !backoffice_ask(app, r->case_number, _("Reason (the applicant is told):"), reason, sizeof reason,
			       required_text))
		return UI_REDRAW;
	return backoffice_done(app, b,
		    store_case_suspend(app->st, &app->user, r->id, (enum yc_suspension)choice, reason, app->today, &err),
		    &err, _("The clock is stopped; the applicant is told by SMS."));
}

static int backoffice_extend(struct yc_app *app, struct backoffice *b)
{
	struct yc_dept_case row;
	const struct yc_dept_case *r = selected_copy(b, &row);
	char new_date[11], ok[300];
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	typed_for(r, app->today);
	if (!backoffice_ask(app, r->case_number, _("Extend by how many working days:"), typed.days, sizeof typed.days,
		 working_days) ||
	    !backoffice_ask(app, r->case_number, _("Reason for the extension:"), typed.extension_reason,
		 sizeof typed.extension_reason, required_text))
		return UI_REDRAW;
	if (!ui_confirm(app, _("Has the applicant agreed to the extension?"))) {
		ui_error(app, "%s", _("Without the applicant's consent the date cannot be extended."));
		return UI_REDRAW;
	}
	if (store_case_extend(app->st, &app->user, r->id, atoi(typed.days), typed.extension_reason, 1, app->today,
			      new_date, &err) < 0)
		return backoffice_done(app, b, -1, &err, "");
	typed.case_id = 0;
	snprintf(ok, sizeof ok, _("Extended: the promised date is now %s."), new_date);
	return backoffice_done(app, b, 0, &err, ok);
}


static int backoffice_fee(struct yc_app *app, struct backoffice *b)
{
	struct yc_dept_case row;
	const struct yc_dept_case *r = selected_copy(b, &row);
	char amount[24] = "", receipt[40] = "";
	struct yc_err err;
	long fen;

	if (!r)
		return UI_HANDLED;
	if (r->fee_fen >= 0)
		snprintf(amount, sizeof amount, "%ld.%02ld", r->fee_fen / 100, r->fee_fen % 100);
	for (;;) {
		if (!backoffice_ask(app, r->case_number, _("Fee in yuan (0 for none):"), amount, sizeof amount, required_text))
			return UI_REDRAW;
		if ((fen = (long)yc_parse_yuan(amount, 1000000)) >= 0)
			break;
		ui_error(app, _("'%s' is not an amount in yuan, e.g. 12.50."), amount);
	}
	if (!backoffice_ask(app, r->case_number, _("Receipt number when paid (empty: not paid yet):"), receipt, sizeof receipt,
		 NULL))
		return UI_REDRAW;
	return backoffice_done(app, b, store_case_fee(app->st, &app->user, r->id, fen, receipt, &err), &err,
		    receipt[0] ? _("Fee recorded as paid.") : _("Fee set; not paid yet."));
}

/* 一件事一次办 to confirm ---------------------------------------------------- */

static const struct ui_table_col bundle_confirm_cols[] = {
	{ N_("Asked"), 16, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_bundle_confirm_row, asked_at) },
	{ N_("Applicant"), 12, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_bundle_confirm_row, applicant) },
	{ N_("Service item"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_bundle_confirm_row, item) },
};

static int bundle_confirm_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n,
			       struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_bundle_confirm_page(app->st, app->user.department_id, anchor, forward, rows, max, n, err);
}

static int bundle_confirm_count(void *ctx, long *count, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_bundle_confirm_count(app->st, app->user.department_id, count, err);
}

static const struct ui_table_source bundle_confirm_source = { bundle_confirm_page, bundle_confirm_count, NULL, NULL,
							      NULL };

/* The bundles waiting for this department: one chosen, its materials as
 * the window received them shown, then confirmed or returned with why. */
static int backoffice_bundles(struct yc_app *app, struct backoffice *b)
{
	struct yc_bundle_confirm_row row;
	const char *answers[2];
	char title[1400], reason[512] = "";
	struct ui_table t;
	struct yc_err err;
	int rc, choice;

	(void)b;
	if (ui_table_init(&t, app, sizeof row, bundle_confirm_cols, YC_ARRAY_LEN(bundle_confirm_cols),
			  &bundle_confirm_source, app) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t.empty = N_("No bundle taken at the window is waiting for this department's confirmation.");
	rc = ui_table_choose(&t, _("One thing, one visit: confirm before it is entered (Enter)"), 0, &row);
	ui_table_free(&t);
	if (rc != 1)
		return UI_REDRAW;
	answers[0] = _("Confirm: it may be entered");
	answers[1] = _("Return it to the window, with the reason");
	snprintf(title, sizeof title, _("%s, %s; received: %s"), row.item, row.applicant, row.received);
	if ((choice = ui_choose(app, title, answers, 2)) < 0)
		return UI_REDRAW;
	if (choice == 1 && (!ui_prompt(app, _("Returned"), _("Why (the window tells the applicant):"), reason,
				       sizeof reason) || !reason[0]))
		return UI_REDRAW;
	if (store_bundle_confirm_answer(app->st, &app->user, row.id, choice == 0, reason, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", choice == 0 ? _("Confirmed: the window may enter it.") : _("Returned to the window."));
	return UI_REDRAW;
}

static int backoffice_action(struct yc_app *app, void *priv, int act)
{
	struct backoffice *b = priv;

	switch (act) {
	case ACT_VIEW:
		if (selected(b))
			ui_case_view(app, selected(b)->id);
		return UI_REDRAW;
	case ACT_APPROVE: return backoffice_decide(app, b, CA_APPROVE);
	case ACT_REFUSE: return backoffice_decide(app, b, CA_REFUSE);
	case ACT_WITHDRAW: return backoffice_decide(app, b, CA_WITHDRAW);
	case ACT_CLOCK: return clock_action(app, b);
	case ACT_EXTEND: return backoffice_extend(app, b);
	case ACT_FEE: return backoffice_fee(app, b);
	case ACT_PROMISE: return backoffice_promise(app, b);
	case ACT_BUNDLES: return backoffice_bundles(app, b);
	}
	return ui_table_action(&b->table, act);
}

static int backoffice_data_changed(struct yc_app *app, void *priv)
{
	struct backoffice *b = priv;

	ui_table_refresh(&b->table);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_backoffice = {
	.name = "backoffice",
	.title = N_("Department back office"),
	.perm = PERM_BACKOFFICE,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct backoffice),
	.enter = backoffice_enter,
	.leave = backoffice_leave,
	.draw = backoffice_draw,
	.action = backoffice_action,
	.data_changed = backoffice_data_changed,
};
