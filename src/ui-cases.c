/* ui-cases.c - the case lookup every screen reaches with one key, the
 * case's story in a modal viewer, and notice printing. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "case-flow.h"
#include "print.h"
#include "announce.h"
#include "documents.h"
#include "store-bundle.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "ui-cases.h"
#include "ui-text.h"

#define MAX_FOUND 50
#define MAX_NOTICES 20

int ui_notice_print(struct yc_app *app, int64_t notice_id, const char *kind, const char *text,
		    struct yc_err *err)
{
	char path[YC_PATH_MAX + 64] = "";
	struct yc_err rec;
	int rc = print_document(app->cfg, kind, text, path, sizeof path, err);

	/* the file, when it was written, is the notice's copy for a reprint */
	if (path[0] && access(path, R_OK) == 0)
		store_notice_printed(app->st, notice_id, path, rc == 0, &rec);
	return rc;
}

void ui_case_row_text(const struct yc_case_row *r, char *out, size_t n)
{
	snprintf(out, n, "%s  %s  %s %s  %s", r->case_number[0] ? r->case_number : r->notice_number,
		 case_status_label(r->status), r->applicant, r->id_masked, r->item);
}

static void reprint(struct yc_app *app, int64_t case_id)
{
	struct yc_notice_row rows[MAX_NOTICES];
	char options[MAX_NOTICES][160];
	const char *labels[MAX_NOTICES];
	struct yc_err err;
	char *text;
	int n, i, choice;

	if (store_case_notices(app->st, case_id, rows, MAX_NOTICES, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	if (n == 0) {
		ui_say(app, "%s", _("This case has no notices to print."));
		return;
	}
	for (i = 0; i < n; i++) {
		snprintf(options[i], sizeof options[i], "%.16s  %s  %s%s", rows[i].issued_at,
			 notice_kind_label(rows[i].kind), rows[i].number, rows[i].printed ? "" : _("  (not printed)"));
		labels[i] = options[i];
	}
	choice = n == 1 ? 0 : ui_choose(app, _("Print which notice?"), labels, n);
	if (choice < 0)
		return;
	if (store_notice_text(app->st, rows[choice].id, &text, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	if (ui_notice_print(app, rows[choice].id, rows[choice].kind, text, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("%s %s printed again."), notice_kind_label(rows[choice].kind), rows[choice].number);
	free(text);
}

static void ui_cases_withdraw(struct yc_app *app, int64_t case_id)
{
	char reason[512] = "";
	struct yc_err err;

	for (;;) {
		if (!ui_prompt(app, _("Withdrawal asked for by the applicant"), _("The applicant's reason:"), reason,
			       sizeof reason))
			return;
		if (store_case_request_withdrawal(app->st, &app->user, case_id, reason, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EINVAL && err.code != YC_EBUSY)
			return;
	}
	ui_say(app, "%s", _("The withdrawal was recorded and goes to the department for its decision."));
}

char *ui_bundle_results(struct yc_app *app, int64_t case_id, const char *sep)
{
	struct yc_bundle_member m[YC_BUNDLE_MAX_MEMBERS];
	struct yc_err err;
	int n;

	if (store_bundle_members(app->st, case_id, m, YC_BUNDLE_MAX_MEMBERS, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return NULL;
	}
	return n ? doc_bundle_results(m, n, sep) : NULL;
}

/* The history, a bundle's members' results before its review and events:
 * what the applicant was told comes first. The results are read before
 * the history (its lines come inside the store's transaction). */
struct history_view {
	struct ui_text *t;
	char *results;                /* NULL: no bundle */
	int members_said;
};

static void ui_cases_add_members(struct history_view *v)
{
	const char *line = v->results, *nl;
	char one[1024];

	v->members_said = 1;
	if (!line)
		return;
	ui_text_add(v->t, "heading", _("The bundle's members"));
	for (; *line; line = nl ? nl + 1 : line + strlen(line)) {
		nl = strchr(line, '\n');
		yc_strlcpy(one, line, nl && (size_t)(nl - line) + 1 < sizeof one ? (size_t)(nl - line) + 1 : sizeof one);
		ui_text_add(v->t, "", one);
	}
}

static void ui_cases_history_line(void *ctx, const char *kind, const char *line)
{
	struct history_view *v = ctx;

	if (!kind && !line)
		v->members_said = 0;   /* the store starts over */
	else if (!v->members_said && kind && strcmp(kind, "heading") == 0)
		ui_cases_add_members(v);
	ui_text_add(v->t, kind, line);
}

static int ui_cases_load(struct yc_app *app, struct ui_text *t, int64_t case_id)
{
	struct history_view v = { t, ui_bundle_results(app, case_id, "\n"), 0 };
	struct yc_err err;
	int rc = 0;

	ui_text_clear(t);
	if (store_case_history(app->st, case_id, ui_cases_history_line, &v, &err) < 0) {
		ui_error(app, "%s", err.msg);
		rc = -1;
	}
	free(v.results);
	return rc;
}

void ui_case_view(struct yc_app *app, int64_t case_id)
{
	struct ui_text t = { 0 };
	wint_t ch;
	int rc;

	if (ui_cases_load(app, &t, case_id) < 0)
		return;
	for (;;) {
		int top = 1, rows = LINES - 3, cols = COLS - 2;

		ui_modal_background(app, top, 1, rows, cols, _("Case"));
		ui_text_draw(&t, top + 1, rows - 3, cols);
		ui_put(top + rows - 1, 3, cols - 4,
		       _(" F5 print a notice again   F7 withdrawal asked for   Esc close "), A_BOLD);
		curs_set(0);
		refresh();
		rc = ui_modal_key(&ch);
		if (rc == OK && ch == 27)
			break;
		if (rc == KEY_CODE_YES && ch == KEY_F(5))
			reprint(app, case_id);
		else if (rc == KEY_CODE_YES && ch == KEY_F(7)) {
			ui_cases_withdraw(app, case_id);
			ui_cases_load(app, &t, case_id);
		} else
			ui_text_key(&t, ch, rc == KEY_CODE_YES);
	}
	ui_text_clear(&t);
}

void ui_case_lookup(struct yc_app *app)
{
	char *query = app->find_query;
	struct yc_case_row rows[MAX_FOUND];
	char options[MAX_FOUND][400];
	const char *labels[MAX_FOUND];
	struct yc_err err;
	int n, i, choice;

	if (!ui_prompt(app, _("Find a case"), _("Case number, notice number, ID number, phone or name:"), query,
		       sizeof app->find_query))
		return;
	if (store_case_search(app->st, query, 0, rows, MAX_FOUND, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	if (n == 0) {
		ui_say(app, _("No case found for '%s'."), query);
		return;
	}
	for (i = 0; i < n; i++) {
		ui_case_row_text(&rows[i], options[i], sizeof options[i]);
		labels[i] = options[i];
	}
	choice = n == 1 ? 0 : ui_choose(app, _("Cases found"), labels, n);
	if (choice >= 0)
		ui_case_view(app, rows[choice].id);
}

int ui_settle_current_ticket(struct yc_app *app, const struct yc_ticket *t, int allow_transfer)
{
	const char *options[] = { _("Served: finish it, then call the next"),
				  _("Did not come: mark it not present, then call the next"),
				  _("Stepped away: hold it (F8 takes it up again), then call the next"),
				  _("Transfer it to another window first") };
	static const enum yc_queue_action outcome[] = { QUEUE_DONE, QUEUE_NO_SHOW, QUEUE_HOLD };
	char title[200];
	struct yc_err err;
	int choice;

	/* a second F2 pressed by mistake must not finish a ticket unserved */
	snprintf(title, sizeof title, _("%s is still at this window: what became of it?"), t->number);
	choice = ui_choose(app, title, options, allow_transfer ? 4 : 2);
	if (choice < 0)
		return 0;
	if (choice == 3)
		return 2;
	if (store_queue_act(app->st, t->id, app->cfg->station_name, outcome[choice], app->user.id, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return 0;
	}
	return 1;
}

void ui_announce(struct yc_app *app, const char *number)
{
	char status[YC_PATH_MAX + 64], why[200];

	if (!app->cfg->announce_command[0])
		return;   /* no voice: nothing to call, nor an old failure to tell */
	announce_status_file(status, sizeof status);
	/* an earlier failure first: this call's outcome is not known yet */
	if (announce_failure(status, why, sizeof why))
		ui_error(app, _("The last call was not announced aloud (%s); calls go on without the voice until announce.command works."),
			 why);
	announce_call(app->cfg, number, app->cfg->station_name, status);
}

int ui_print_ticket(struct yc_app *app, const struct doc_ticket *t, struct yc_err *err)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_ticket f = *t;
	char now[20], path[YC_PATH_MAX + 64], *text;
	int rc;

	if (f.ahead < 0 && store_ticket_ahead(app->st, app->cfg->site_code, f.number, &f.ahead, err) < 0)
		return -1;
	if (!f.time) {
		yc_now(now);
		f.time = now;
	}
	if (!(text = doc_ticket(&hall, &f))) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = print_document(app->cfg, "ticket", text, path, sizeof path, err);
	free(text);
	return rc;
}
