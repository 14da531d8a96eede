/* assessment.c - the monthly assessment sheet for supervisors (月度绩效考核):
 * for a month and a scope (the whole hall or one site), every rule of the
 * criteria version in force that month with its occurrences (findings of
 * the weekly inspections, complaints, bonus items, or figures computed
 * from the cases) and points; the 100-point score, the band and the money
 * withheld. Sign-off locks the month, reopening needs a reason; the
 * contractor's objections are answered and may change the score; the
 * year's chart, quarters and annual evaluation; the criteria editor; CSV,
 * XLSX and print. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "assess.h"
#include "export.h"
#include "print.h"
#include "store-setup.h"
#include "ui.h"
#include "width.h"

enum {
	ACT_MONTH = ACT_SCREEN, ACT_SCOPE, ACT_FINDINGS, ACT_SIGN, ACT_OBJECTIONS, ACT_YEAR, ACT_CRITERIA,
	ACT_EXPORT, ACT_EDIT, ACT_SAVE, ACT_ALERT, ACT_ESC,
};

static const struct yc_binding sheet_keys[] = {
	{ ACT_MONTH, KEY_F(2), "F2", N_("Month"), N_("Choose the month"), KB_BAR },
	{ ACT_SCOPE, KEY_F(3), "F3", N_("Scope"), N_("The whole hall, or one site"), KB_BAR },
	{ ACT_FINDINGS, KEY_F(4), "F4", N_("Findings"), N_("Weekly inspection findings, complaints, bonus items: list, record, remove"), KB_BAR },
	{ ACT_SIGN, KEY_F(5), "F5", N_("Sign/reopen"), N_("Sign the month off (locks it), or reopen it with a reason"), KB_BAR },
	{ ACT_OBJECTIONS, KEY_F(6), "F6", N_("Objections"), N_("The contractor's objections and their answers"), KB_BAR },
	{ ACT_YEAR, KEY_F(7), "F7", N_("Year"), N_("The year: monthly scores as bars, quarters, annual evaluation"), KB_BAR },
	{ ACT_CRITERIA, KEY_F(8), "F8", N_("Criteria"), N_("The criteria: categories, rules, points, caps"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the month or the year to CSV or XLSX, or print the sheet"), KB_BAR },
	{ ACT_ALERT, 'a', "a", N_("Alert"), N_("Record a condition for ending the contract (law broken, bribes, exposure)"), 0 },
};

static const struct yc_binding view_keys[] = {
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the month's sheet"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the month or the year to CSV or XLSX, or print the sheet"), KB_BAR },
};

static const struct yc_binding criteria_keys[] = {
	{ ACT_EDIT, KEY_ENTER, "Enter", N_("Change"), N_("Change the selected rule's points, cap or text"), KB_BAR },
	{ ACT_SAVE, KEY_F(5), "F5", N_("Save"), N_("Save the changed criteria as a new version from a month on"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the sheet (changes not saved are dropped)"), KB_BAR },
};

enum mode { MODE_SHEET, MODE_YEAR, MODE_CRITERIA };

struct assessment {
	enum mode mode;
	char month[8];
	char scope[32];              /* "all" or a site code */
	struct yc_assessment_sheet sheet;   /* as the core computed it */
	int sel, top;
	double year_scores[12];
	int year_assessed[12];
	double prev_dec_score;       /* December of the year before, for the alert */
	int prev_dec_assessed;
	int criteria_changed;
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct assessment *a = priv;

	if (a->mode == MODE_CRITERIA) {
		*n = YC_ARRAY_LEN(criteria_keys);
		return criteria_keys;
	}
	if (a->mode == MODE_YEAR) {
		*n = YC_ARRAY_LEN(view_keys);
		return view_keys;
	}
	*n = YC_ARRAY_LEN(sheet_keys);
	return sheet_keys;
}

/* The fee when no contract is in the database: the station's setting. */
static long monthly_fee_fallback(const struct yc_app *app)
{
	return (long)app->cfg->assessment_monthly_fee * 100;
}

static int year_of(const struct assessment *a)
{
	return atoi(a->month);
}

static void load_year(struct yc_app *app, struct assessment *a)
{
	double prev[12];
	int prev_assessed[12];
	struct yc_err err;

	if (store_assessment_year(app->st, year_of(a), a->scope, a->year_scores, a->year_assessed, &err) < 0 ||
	    store_assessment_year(app->st, year_of(a) - 1, a->scope, prev, prev_assessed, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	a->prev_dec_score = prev[11];
	a->prev_dec_assessed = prev_assessed[11];
}

/* The sheet as the core computes it, and the year around it. */
static void load(struct yc_app *app, struct assessment *a)
{
	struct yc_err err;

	if (store_assessment_sheet(app->st, a->month, a->scope, app->today, monthly_fee_fallback(app), &a->sheet,
				   &err) < 0) {
		ui_error(app, "%s", err.msg);
		a->sheet.n = 0;
	}
	a->criteria_changed = 0;
	load_year(app, a);
}

static int enter(struct yc_app *app, void *priv)
{
	struct assessment *a = priv;

	snprintf(a->month, sizeof a->month, "%.7s", app->today);
	yc_strlcpy(a->scope, "all", sizeof a->scope);
	load(app, a);
	return 0;
}

static const char *evidence_label(enum assess_evidence e)
{
	switch (e) {
	case EVIDENCE_INSPECTION: return _("inspection");
	case EVIDENCE_COMPUTED: return _("computed");
	case EVIDENCE_COMPLAINT: return _("complaint");
	case EVIDENCE_RATING: return _("rating");
	default: return _("bonus");
	}
}


/* The alert for two failing months in a row, ending in this month. */
static int failing_twice(const struct assessment *a)
{
	double scores[13];
	int assessed[13], m = atoi(a->month + 5), i;

	scores[0] = a->prev_dec_score;
	assessed[0] = a->prev_dec_assessed;
	for (i = 0; i < 12; i++) {
		scores[i + 1] = a->year_scores[i];
		assessed[i + 1] = a->year_assessed[i];
	}
	/* only up to this month: later months do not raise this month's alert */
	return assess_two_failing_months(scores, assessed, (size_t)m + 1) >= 0;
}

static void draw_sheet(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[1000], fee[32], withheld[32], payable[32];
	int i, y, shown = rows - 6;

	snprintf(line, sizeof line, _("Month %s    Scope %s    Criteria version %d    %s"), a->month,
		 strcmp(a->scope, "all") == 0 ? _("whole hall") : a->scope, a->sheet.version,
		 a->sheet.state.signed_off ? _("signed off") : _("not signed off yet"));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	{
		char c1[32], c2[64], c3[16];

		yc_fit(_("Category"), 12, 1, c1, sizeof c1);
		yc_fit(_("Rule"), 40, 1, c2, sizeof c2);
		yc_fit(_("From"), 6, 1, c3, sizeof c3);
		snprintf(line, sizeof line, " %s %s %s %s  %s", c1, c2, c3, _("Times"), _("Points"));
	}
	ui_put(top + 1, 1, cols - 2, line, A_UNDERLINE);
	if (a->sel < a->top)
		a->top = a->sel;
	if (a->sel >= a->top + shown)
		a->top = a->sel - shown + 1;
	for (i = a->top, y = top + 2; i < a->sheet.n && y < top + 2 + shown; i++, y++) {
		const struct assess_rule *r = &a->sheet.rules[i];
		char cat[64], rule[128], ev[32];

		yc_fit_mark(r->category, 12, 1, cat, sizeof cat);
		yc_fit_mark(r->text, 40, 1, rule, sizeof rule);
		yc_fit(evidence_label(r->evidence), 6, 1, ev, sizeof ev);
		snprintf(line, sizeof line, " %s %s %s %5d  %s%.2f%s", cat, rule, ev, a->sheet.lines[i].occurrences,
			 r->evidence == EVIDENCE_BONUS ? "+" : "-", a->sheet.lines[i].points, a->sheet.lines[i].capped ? "*" : "");
		if (i == a->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, a->sheet.lines[i].points > 0 ? A_BOLD : A_NORMAL);
	}
	yc_format_yuan(a->sheet.result.fee_fen, fee, sizeof fee);
	yc_format_yuan(a->sheet.result.withheld_fen, withheld, sizeof withheld);
	yc_format_yuan(a->sheet.result.payable_fen, payable, sizeof payable);
	y = top + rows - 4;
	snprintf(line, sizeof line, _("Deducted %.2f, bonus %.2f: score %.2f, %s"), a->sheet.result.deducted, a->sheet.result.bonus,
		 a->sheet.result.score, assess_band_label(a->sheet.result.band));
	ui_put(y++, 1, cols - 2, line, a->sheet.result.band == BAND_FAIL ? ui_attr_error() : A_BOLD);
	snprintf(line, sizeof line, _("Monthly fee %s yuan, withheld %s, payable %s    (* capped)"), fee, withheld,
		 payable);
	ui_put(y++, 1, cols - 2, line, A_NORMAL);
	if (a->sheet.state.signed_off)
		snprintf(line, sizeof line, _("Signed off by %s at %.16s."), a->sheet.state.signed_by, a->sheet.state.signed_at);
	else if (a->sheet.state.reopen_reason[0])
		snprintf(line, sizeof line, _("Reopened: %s"), a->sheet.state.reopen_reason);
	else
		line[0] = '\0';
	ui_put(y++, 1, cols - 2, line, ui_attr_dim());
	if (failing_twice(a))
		ui_put(y, 1, cols - 2, _("Alert: two failing months in a row, a condition for ending the contract."),
		       ui_attr_error());
}

static void draw_year(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[400];
	int i, months = 0, bar_w = cols - 30, alert;
	double annual = assess_annual(a->year_scores, a->year_assessed, 12, &months);

	snprintf(line, sizeof line, _("%d, %s: monthly scores"), year_of(a),
		 strcmp(a->scope, "all") == 0 ? _("whole hall") : a->scope);
	ui_put(top, 1, cols - 2, line, A_BOLD);
	for (i = 0; i < 12; i++) {
		int len = a->year_assessed[i] ? (int)(a->year_scores[i] * bar_w / 100.0 + 0.5) : 0, k;
		char bar[1200] = "";

		/* one full block per step: the bars line up on any terminal */
		for (k = 0; k < len && k < bar_w; k++)
			strcat(bar, "\u2588");
		if (a->year_assessed[i])
			snprintf(line, sizeof line, _("%2d月 %6.2f %s"), i + 1, a->year_scores[i], bar);
		else
			snprintf(line, sizeof line, _("%2d月   not assessed"), i + 1);
		ui_put(top + 2 + i, 1, cols - 2, line,
		       a->year_assessed[i] && assess_band_of(a->year_scores[i]) == BAND_FAIL ? ui_attr_error() : A_NORMAL);
	}
	/* quarterly feedback: the average of the months assessed in each */
	for (i = 0; i < 4; i++) {
		int q_months = 0;
		double q = assess_annual(a->year_scores + 3 * i, a->year_assessed + 3 * i, 3, &q_months);
		char part[64];

		if (q_months)
			snprintf(part, sizeof part, _("Q%d %.2f  "), i + 1, q);
		else
			snprintf(part, sizeof part, _("Q%d -  "), i + 1);
		ui_put(top + 15, 1 + i * 16, 16, part, A_NORMAL);
	}
	if (months)
		snprintf(line, sizeof line, _("Annual evaluation: %.2f (total of %d months assessed / %d)"), annual, months,
			 months);
	else
		snprintf(line, sizeof line, "%s", _("Annual evaluation: no month assessed yet."));
	ui_put(top + 16, 1, cols - 2, line, A_BOLD);
	alert = assess_two_failing_months(a->year_scores, a->year_assessed, 12);
	if (alert >= 0) {
		snprintf(line, sizeof line, _("Alert: %d and %d failed in a row (a condition for ending the contract)."), alert,
			 alert + 1);
		ui_put(top + 17, 1, cols - 2, line, ui_attr_error());
	}
}

static void draw_criteria(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[800];
	int i, y, shown = rows - 4;

	snprintf(line, sizeof line, _("Criteria version %d in force for %s%s"), a->sheet.version, a->month,
		 a->criteria_changed ? _("  (changed, not saved: F5)") : "");
	ui_put(top, 1, cols - 2, line, A_BOLD);
	if (a->sel < a->top)
		a->top = a->sel;
	if (a->sel >= a->top + shown)
		a->top = a->sel - shown + 1;
	for (i = a->top, y = top + 2; i < a->sheet.n && y < top + 2 + shown; i++, y++) {
		const struct assess_rule *r = &a->sheet.rules[i];
		char cat[64], rule[128], cap[32];

		yc_fit_mark(r->category, 12, 1, cat, sizeof cat);
		yc_fit_mark(r->text, 34, 1, rule, sizeof rule);
		if (r->cap >= 0)
			snprintf(cap, sizeof cap, "%.1f", r->cap);
		else
			snprintf(cap, sizeof cap, "-");
		snprintf(line, sizeof line, " %s(%3.0f) %s %s%.1f/%s  %s", cat, r->category_max, rule,
			 r->evidence == EVIDENCE_BONUS ? "+" : "-", r->per_occurrence, cap, evidence_label(r->evidence));
		if (i == a->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, A_NORMAL);
	}
}

static void draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct assessment *a = priv;

	switch (a->mode) {
	case MODE_SHEET: draw_sheet(app, a, top, rows, cols); break;
	case MODE_YEAR: draw_year(app, a, top, rows, cols); break;
	case MODE_CRITERIA: draw_criteria(app, a, top, rows, cols); break;
	}
}

/* Month and scope ------------------------------------------------------------ */

static int choose_month(struct yc_app *app, struct assessment *a)
{
	char text[16];

	yc_strlcpy(text, a->month, sizeof text);
	for (;;) {
		struct assess_rule probe[1];
		struct yc_err err;
		int n, v;

		if (!ui_prompt(app, _("Month"), _("Month (YYYY-MM):"), text, sizeof text))
			return UI_REDRAW;
		if (store_criteria(app->st, text, probe, 1, &n, &v, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
	}
	yc_strlcpy(a->month, text, sizeof a->month);
	a->sel = a->top = 0;
	load(app, a);
	return UI_REDRAW;
}

static int choose_scope(struct yc_app *app, struct assessment *a)
{
	char text[32];

	yc_strlcpy(text, a->scope, sizeof text);
	if (!ui_prompt(app, _("Scope"), _("\"all\" for the whole hall, or a site's code:"), text, sizeof text) || !text[0])
		return UI_REDRAW;
	yc_strlcpy(a->scope, text, sizeof a->scope);
	load(app, a);
	return UI_REDRAW;
}

/* Findings ---------------------------------------------------------------------- */

static int record_finding(struct yc_app *app, struct assessment *a)
{
	const char *labels[STORE_MAX_RULES];
	char options[STORE_MAX_RULES][400], day[16], site[32], station[64] = "", staff[32] = "", note[512] = "";
	struct yc_err err;
	int i, n = 0, map[STORE_MAX_RULES], choice;

	for (i = 0; i < a->sheet.n; i++) {
		if (a->sheet.rules[i].evidence == EVIDENCE_COMPUTED || a->sheet.rules[i].evidence == EVIDENCE_RATING)
			continue;   /* those count themselves */
		snprintf(options[n], sizeof options[n], "%s: %s", a->sheet.rules[i].category, a->sheet.rules[i].text);
		labels[n] = options[n];
		map[n++] = i;
	}
	if (n == 0 || (choice = ui_choose(app, _("Which rule?"), labels, n)) < 0)
		return UI_REDRAW;
	yc_strlcpy(day, app->today, sizeof day);
	yc_strlcpy(site, strcmp(a->scope, "all") == 0 ? app->cfg->site_code : a->scope, sizeof site);
	if (!ui_prompt(app, _("Finding"), _("Day (YYYY-MM-DD):"), day, sizeof day) ||
	    !ui_prompt(app, _("Finding"), _("Site code:"), site, sizeof site) ||
	    !ui_prompt(app, _("Finding"), _("Window (station name; empty: none):"), station, sizeof station) ||
	    !ui_prompt(app, _("Finding"), _("Staff member's login (empty: none):"), staff, sizeof staff) ||
	    !ui_prompt(app, _("Finding"), _("Evidence note:"), note, sizeof note))
		return UI_REDRAW;
	if (store_finding_add(app->st, &app->user, day, site, station, staff, a->sheet.rules[map[choice]].id, note, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The finding was recorded."));
	load(app, a);
	return UI_REDRAW;
}

static int findings(struct yc_app *app, struct assessment *a)
{
	struct yc_finding rows[40];
	char options[41][1200];
	const char *labels[41];
	struct yc_err err;
	int n, i, choice;

	if (store_findings(app->st, a->month, a->scope, rows, 40, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	snprintf(options[0], sizeof options[0], "%s", _("+ Record a finding"));
	labels[0] = options[0];
	for (i = 0; i < n; i++) {
		snprintf(options[i + 1], sizeof options[i + 1], "%s %s %s %s: %s (%s)", rows[i].day, rows[i].site,
			 rows[i].station, rows[i].staff, rows[i].rule, rows[i].note);
		labels[i + 1] = options[i + 1];
	}
	choice = ui_choose(app, _("Findings of the month (Enter on one removes it)"), labels, n + 1);
	if (choice == 0)
		return record_finding(app, a);
	if (choice < 0 || !ui_confirm(app, _("Remove this finding?")))
		return UI_REDRAW;
	if (store_finding_delete(app->st, &app->user, rows[choice - 1].id, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The finding was removed."));
	load(app, a);
	return UI_REDRAW;
}

/* Sign-off, reopening -------------------------------------------------------------- */

static int sign_or_reopen(struct yc_app *app, struct assessment *a)
{
	char question[300], reason[512] = "";
	struct yc_err err;

	if (a->sheet.state.signed_off) {
		if (!ui_prompt(app, _("Reopen the month"), _("Why is it reopened? (logged)"), reason, sizeof reason) ||
		    !reason[0])
			return UI_REDRAW;
		if (store_assessment_reopen(app->st, &app->user, a->month, a->scope, reason, &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("%s reopened."), a->month);
	} else {
		snprintf(question, sizeof question, _("Sign %s off with %.2f points (%s)? It is locked afterwards."), a->month,
			 a->sheet.result.score, assess_band_label(a->sheet.result.band));
		if (!ui_confirm(app, question))
			return UI_REDRAW;
		if (store_assessment_sign(app->st, &app->user, a->month, a->scope, app->today, monthly_fee_fallback(app),
					  a->sheet.result.score, &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("%s signed off."), a->month);
	}
	load(app, a);
	return UI_REDRAW;
}

/* Objections ---------------------------------------------------------------------- */

static int answer_objection(struct yc_app *app, struct assessment *a, const struct yc_objection *o)
{
	char answer[512] = "", score[16] = "";
	struct yc_err err;
	double new_score = -1;

	if (!ui_prompt(app, _("Answer to the objection"), o->text, answer, sizeof answer) || !answer[0])
		return UI_REDRAW;
	if (!ui_prompt(app, _("Answer to the objection"), _("New score (empty: the score stands):"), score, sizeof score))
		return UI_REDRAW;
	if (score[0]) {
		char *end;

		new_score = strtod(score, &end);
		if (*end || new_score < 0 || new_score > 100) {
			ui_error(app, _("'%s' is not a score from 0 to 100."), score);
			return UI_REDRAW;
		}
	}
	if (store_objection_answer(app->st, &app->user, o->id, answer, new_score, a->sheet.result.fee_fen, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", score[0] ? _("Answered; the score was changed and logged.") : _("Answered; the score stands."));
	load(app, a);
	return UI_REDRAW;
}

static int objections(struct yc_app *app, struct assessment *a)
{
	struct yc_objection rows[20];
	char options[21][700], text[512] = "";
	const char *labels[21];
	struct yc_err err;
	int n, i, choice;

	if (store_objections(app->st, a->month, a->scope, rows, 20, &n, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	snprintf(options[0], sizeof options[0], "%s", _("+ Record the contractor's objection"));
	labels[0] = options[0];
	for (i = 0; i < n; i++) {
		if (rows[i].answered_at[0])
			snprintf(options[i + 1], sizeof options[i + 1], _("%.16s %s / answered: %s (%.2f -> %.2f)"),
				 rows[i].raised_at, rows[i].text, rows[i].answer, rows[i].old_score, rows[i].new_score);
		else
			snprintf(options[i + 1], sizeof options[i + 1], _("%.16s %s / not answered"), rows[i].raised_at,
				 rows[i].text);
		labels[i + 1] = options[i + 1];
	}
	choice = ui_choose(app, _("Objections (Enter on an open one answers it)"), labels, n + 1);
	if (choice < 0)
		return UI_REDRAW;
	if (choice > 0)
		return rows[choice - 1].answered_at[0] ? UI_REDRAW : answer_objection(app, a, &rows[choice - 1]);
	if (!ui_prompt(app, _("Objection"), _("What the contractor objects to:"), text, sizeof text) || !text[0])
		return UI_REDRAW;
	if (store_objection_add(app->st, &app->user, a->month, a->scope, text, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The objection was recorded."));
	return UI_REDRAW;
}

static int record_alert(struct yc_app *app, struct assessment *a)
{
	static const char *const kinds[] = {
		N_("law broken"), N_("bribes or kickbacks"), N_("intake not transferred in time, causing delay or loss"),
		N_("exposed or criticised, not corrected"), N_("other serious harm"),
	};
	const char *labels[5];
	char note[512] = "";
	struct yc_err err;
	int i, choice;

	for (i = 0; i < 5; i++)
		labels[i] = _(kinds[i]);
	if ((choice = ui_choose(app, _("Condition for ending the contract"), labels, 5)) < 0 ||
	    !ui_prompt(app, labels[choice], _("What happened:"), note, sizeof note) || !note[0])
		return UI_REDRAW;
	if (store_contract_alert_add(app->st, &app->user, a->month, labels[choice], note, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("Recorded for the assessment team."));
	return UI_REDRAW;
}

/* Criteria editing ------------------------------------------------------------------ */

static int edit_rule(struct yc_app *app, struct assessment *a)
{
	struct assess_rule *r;
	char text[256], per[16], cap[16];
	char *end;

	if (a->sel >= a->sheet.n)
		return UI_HANDLED;
	r = &a->sheet.rules[a->sel];
	yc_strlcpy(text, r->text, sizeof text);
	snprintf(per, sizeof per, "%.2f", r->per_occurrence);
	if (r->cap >= 0)
		snprintf(cap, sizeof cap, "%.2f", r->cap);
	else
		cap[0] = '\0';
	if (!ui_prompt(app, r->category, _("Rule:"), text, sizeof text) || !text[0] ||
	    !ui_prompt(app, r->category, _("Points per occurrence:"), per, sizeof per) ||
	    !ui_prompt(app, r->category, _("Cap of this rule (empty: none):"), cap, sizeof cap))
		return UI_REDRAW;
	if (strtod(per, &end) <= 0 || *end || (cap[0] && (strtod(cap, &end) < 0 || *end))) {
		ui_error(app, "%s", _("Points are numbers greater than 0; the cap 0 or more, or empty."));
		return UI_REDRAW;
	}
	yc_strlcpy(r->text, text, sizeof r->text);
	r->per_occurrence = strtod(per, NULL);
	r->cap = cap[0] ? strtod(cap, NULL) : -1;
	a->criteria_changed = 1;
	return UI_REDRAW;
}

static int save_criteria(struct yc_app *app, struct assessment *a)
{
	char from[16];
	struct yc_err err;
	int version;

	yc_strlcpy(from, a->month, sizeof from);
	if (!a->criteria_changed) {
		ui_say(app, "%s", _("Nothing was changed."));
		return UI_REDRAW;
	}
	if (!ui_prompt(app, _("New criteria version"), _("In force from the month (YYYY-MM):"), from, sizeof from))
		return UI_REDRAW;
	if (store_criteria_save(app->st, &app->user, from, a->sheet.rules, a->sheet.n, &version, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_say(app, _("Criteria version %d is in force from %s; earlier months keep theirs."), version, from);
	load(app, a);
	return UI_REDRAW;
}

/* Export and print ---------------------------------------------------------------- */

#define EXPORT_COLS 6

/* The month's sheet as a table; cells point into buf. */
static void sheet_table(struct yc_app *app, struct assessment *a, struct export_table *t, const char **cells,
			char (*buf)[64], const char *title)
{
	static const char *headers[EXPORT_COLS];
	static const int numeric[EXPORT_COLS] = { 0, 0, 0, 0, 1, 1 };
	int i;

	headers[0] = _("Category");
	headers[1] = _("Category points");
	headers[2] = _("Rule");
	headers[3] = _("From");
	headers[4] = _("Times");
	headers[5] = _("Points");
	for (i = 0; i < a->sheet.n; i++) {
		snprintf(buf[2 * i], 64, "%.0f", a->sheet.rules[i].category_max);
		snprintf(buf[2 * i + 1], 64, "%s%.2f", a->sheet.rules[i].evidence == EVIDENCE_BONUS ? "" : "-", a->sheet.lines[i].points);
		cells[i * EXPORT_COLS + 0] = a->sheet.rules[i].category;
		cells[i * EXPORT_COLS + 1] = buf[2 * i];
		cells[i * EXPORT_COLS + 2] = a->sheet.rules[i].text;
		cells[i * EXPORT_COLS + 3] = evidence_label(a->sheet.rules[i].evidence);
		snprintf(buf[2 * a->sheet.n + i], 64, "%d", a->sheet.lines[i].occurrences);
		cells[i * EXPORT_COLS + 4] = buf[2 * a->sheet.n + i];
		cells[i * EXPORT_COLS + 5] = buf[2 * i + 1];
	}
	t->title = title;
	t->n_cols = EXPORT_COLS;
	t->n_rows = a->sheet.n;
	t->headers = headers;
	t->cells = cells;
	t->numeric = numeric;
}

/* The year's months as a table. */
static void year_table(struct assessment *a, struct export_table *t, const char **cells, char (*buf)[64],
		       const char *title)
{
	static const char *headers[3];
	static const int numeric[3] = { 0, 1, 0 };
	int i;

	headers[0] = _("Month");
	headers[1] = _("Score");
	headers[2] = _("Band");
	for (i = 0; i < 12; i++) {
		snprintf(buf[2 * i], 64, "%04d-%02d", year_of(a) % 10000, i + 1);
		snprintf(buf[2 * i + 1], 64, "%.2f", a->year_scores[i]);
		cells[i * 3] = buf[2 * i];
		cells[i * 3 + 1] = a->year_assessed[i] ? buf[2 * i + 1] : NULL;
		cells[i * 3 + 2] = a->year_assessed[i] ? assess_band_label(assess_band_of(a->year_scores[i])) : _("not assessed");
	}
	t->title = title;
	t->n_cols = 3;
	t->n_rows = 12;
	t->headers = headers;
	t->cells = cells;
	t->numeric = numeric;
}

static int print_sheet(struct yc_app *app, struct assessment *a)
{
	char *text = NULL, line[600], path[YC_PATH_MAX + 64];
	size_t len = 0, cap = 0;
	struct yc_err err;
	int i;

#define ADD(...) do { \
		int k_ = snprintf(line, sizeof line, __VA_ARGS__); \
		if (len + (size_t)k_ + 2 > cap) { char *p_ = realloc(text, cap = (len + (size_t)k_ + 2) * 2); if (!p_) { free(text); yc_documents_end(); return UI_REDRAW; } text = p_; } \
		memcpy(text + len, line, (size_t)k_ + 1); len += (size_t)k_; \
	} while (0)
	yc_documents_begin();   /* the supervisor signs the paper: Chinese */
	ADD(_("%s\nMonthly assessment sheet %s (%s)\n\n"), app->cfg->site_name, a->month,
	    strcmp(a->scope, "all") == 0 ? _("whole hall") : a->scope);
	for (i = 0; i < a->sheet.n; i++)
		ADD("%s  %s  %d  %s%.2f\n", a->sheet.rules[i].category, a->sheet.rules[i].text, a->sheet.lines[i].occurrences,
		    a->sheet.rules[i].evidence == EVIDENCE_BONUS ? "+" : "-", a->sheet.lines[i].points);
	ADD(_("\nScore %.2f, %s; fee %ld.%02ld yuan, withheld %ld.%02ld, payable %ld.%02ld\n"), a->sheet.result.score,
	    assess_band_label(a->sheet.result.band), a->sheet.result.fee_fen / 100, a->sheet.result.fee_fen % 100,
	    a->sheet.result.withheld_fen / 100, a->sheet.result.withheld_fen % 100, a->sheet.result.payable_fen / 100,
	    a->sheet.result.payable_fen % 100);
	ADD(_("\nAssessment team (signature): __________    Contractor (signature): __________\n"));
	yc_documents_end();
#undef ADD
	if (print_document(app->cfg, "assessment", text, path, sizeof path, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The sheet was printed."));
	free(text);
	return UI_REDRAW;
}

static int export(struct yc_app *app, struct assessment *a)
{
	const char *choices[5] = { _("The month as XLSX"), _("The month as CSV"), _("The year as XLSX"),
				   _("The year as CSV"), _("Print the month's sheet") };
	const char *cells[STORE_MAX_RULES * EXPORT_COLS];
	char buf[STORE_MAX_RULES * 3][64], path[512], title[64];
	struct export_table t;
	const struct export_table *tables[1] = { &t };
	struct yc_err err;
	int choice = ui_choose(app, _("Export"), choices, 5), whole_year, xlsx, rc;

	if (choice < 0)
		return UI_REDRAW;
	if (choice == 4)
		return print_sheet(app, a);
	whole_year = choice >= 2;
	xlsx = choice % 2 == 0;
	if (whole_year) {
		snprintf(title, sizeof title, _("Assessment %d %s"), year_of(a), a->scope);
		year_table(a, &t, cells, buf, title);
		snprintf(path, sizeof path, "assessment-%d-%s.%s", year_of(a), a->scope, xlsx ? "xlsx" : "csv");
	} else {
		snprintf(title, sizeof title, _("Assessment %s %s"), a->month, a->scope);
		sheet_table(app, a, &t, cells, buf, title);
		snprintf(path, sizeof path, "assessment-%s-%s.%s", a->month, a->scope, xlsx ? "xlsx" : "csv");
	}
	if (!ui_prompt(app, _("Export"), _("File:"), path, sizeof path) || !path[0])
		return UI_REDRAW;
	rc = xlsx ? export_xlsx(path, tables, 1, &err) : export_csv(path, &t, &err);
	if (rc < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Written to %s."), path);
	return UI_REDRAW;
}

/* Dispatch ---------------------------------------------------------------------------- */

static int action(struct yc_app *app, void *priv, int act)
{
	struct assessment *a = priv;

	switch (act) {
	case ACT_MONTH: return choose_month(app, a);
	case ACT_SCOPE: return choose_scope(app, a);
	case ACT_FINDINGS: return findings(app, a);
	case ACT_SIGN: return sign_or_reopen(app, a);
	case ACT_OBJECTIONS: return objections(app, a);
	case ACT_ALERT: return record_alert(app, a);
	case ACT_EXPORT: return export(app, a);
	case ACT_YEAR:
		load_year(app, a);
		a->mode = MODE_YEAR;
		return UI_REDRAW;
	case ACT_CRITERIA:
		a->mode = MODE_CRITERIA;
		a->sel = a->top = 0;
		return UI_REDRAW;
	case ACT_EDIT: return edit_rule(app, a);
	case ACT_SAVE: return save_criteria(app, a);
	case ACT_ESC:
		if (a->mode == MODE_CRITERIA && a->criteria_changed)
			load(app, a);   /* drop the changes not saved */
		a->mode = MODE_SHEET;
		a->sel = a->top = 0;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct assessment *a = priv;

	if (a->mode == MODE_YEAR || !is_keycode)
		return UI_UNHANDLED;
	if (ch == KEY_DOWN && a->sel + 1 < a->sheet.n)
		a->sel++;
	else if (ch == KEY_UP && a->sel > 0)
		a->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int data_changed(struct yc_app *app, void *priv)
{
	struct assessment *a = priv;

	if (a->mode == MODE_SHEET)
		load(app, a);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_assessment = {
	.name = "assessment",
	.title = N_("Monthly assessment"),
	.perm = PERM_ASSESSMENT,
	.in_menu = 1,
	.keys = sheet_keys,
	.n_keys = YC_ARRAY_LEN(sheet_keys),
	.private_size = sizeof(struct assessment),
	.enter = enter,
	.draw = draw,
	.action = action,
	.key = key,
	.data_changed = data_changed,
	.mode_keys = mode_keys,
};
