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
#include "assess-tables.h"
#include "documents.h"
#include "export.h"
#include "print.h"
#include "store-assess.h"
#include "store-setup.h"
#include "store-waivers.h"
#include "ui.h"
#include "ui-table.h"
#include "width.h"

enum {
	ACT_MONTH = ACT_SCREEN, ACT_SCOPE, ACT_FINDINGS, ACT_SIGN, ACT_OBJECTIONS, ACT_YEAR, ACT_CRITERIA,
	ACT_EXPORT, ACT_EDIT, ACT_SAVE, ACT_ALERT, ACT_ESC, ACT_RECORD, ACT_REMOVE, ACT_ANSWER, ACT_WEEKLY, ACT_OWED,
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
	{ ACT_WEEKLY, 'w', "w", N_("Weekly inspection"), N_("Record the week's inspection of a site: what was checked, what was found"), 0 },
};

/* The contractor: its signed sheets, the year, its objections. */
static const struct yc_binding contractor_keys[] = {
	{ ACT_MONTH, KEY_F(2), "F2", N_("Month"), N_("Choose the month"), KB_BAR },
	{ ACT_SCOPE, KEY_F(3), "F3", N_("Scope"), N_("The whole hall, or one site"), KB_BAR },
	{ ACT_OBJECTIONS, KEY_F(6), "F6", N_("Objections"), N_("Your objections to the signed sheet and their answers"), KB_BAR },
	{ ACT_YEAR, KEY_F(7), "F7", N_("Year"), N_("The year: monthly scores as bars, quarters, annual evaluation"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the month or the year to CSV or XLSX, or print the sheet"), KB_BAR },
};

static const struct yc_binding contractor_objection_keys[] = {
	{ ACT_RECORD, KEY_F(2), "F2", N_("Object"), N_("Lodge an objection to the signed sheet: what, why, the papers attached"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the month's sheet"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding view_keys[] = {
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the month's sheet"), KB_BAR },
	{ ACT_EXPORT, KEY_F(11), "F11", N_("Export"), N_("Export the month or the year to CSV or XLSX, or print the sheet"), KB_BAR },
};

static const struct yc_binding criteria_keys[] = {
	{ ACT_EDIT, KEY_ENTER, "Enter", N_("Change"), N_("Change the selected rule's points, cap or text"), KB_BAR },
	{ ACT_SAVE, KEY_F(5), "F5", N_("Save"), N_("Save the changed criteria as a new version from a month on"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the sheet (changes not saved are dropped)"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding findings_keys[] = {
	{ ACT_RECORD, KEY_ENTER, "Enter", N_("Record"), N_("Record a finding of the weekly inspection, a complaint or a bonus item"), KB_BAR },
	{ ACT_REMOVE, KEY_DC, "Del", N_("Remove"), N_("Remove the selected finding, recorded by mistake"), KB_BAR },
	{ ACT_OWED, KEY_F(2), "F2", N_("Owed late"), N_("Materials owed since a gap acceptance (容缺受理); those past their day are findings to follow up"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the month's sheet"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding owed_keys[] = {
	{ ACT_ESC, 27, "Esc", N_("Findings"), N_("Back to the month's findings"), KB_BAR },
	UI_TABLE_KEYS,
};

static const struct yc_binding objections_keys[] = {
	{ ACT_ANSWER, KEY_ENTER, "Enter", N_("Answer"), N_("Answer the selected objection (the score may change)"), KB_BAR },
	{ ACT_RECORD, KEY_F(2), "F2", N_("Record"), N_("Record the contractor's objection to the month's result"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Sheet"), N_("Back to the month's sheet"), KB_BAR },
	UI_TABLE_KEYS,
};

enum mode { MODE_SHEET, MODE_YEAR, MODE_CRITERIA, MODE_FINDINGS, MODE_OBJECTIONS, MODE_OWED };

/* A row of the criteria table: the rule's place in the sheet, which the
 * editor changes in place until it is saved. */
struct rule_ref {
	int i;
};

struct assessment {
	enum mode mode;
	char month[8];
	char scope[32];              /* "all" or a site code */
	struct yc_assessment_sheet sheet;   /* as the core computed it */
	struct yc_rating_channels ratings;   /* the month's, by channel */
	int sel, top;
	double year_scores[12];
	int year_assessed[12];
	double prev_dec_score;       /* December of the year before, for the alert */
	int prev_dec_assessed;
	struct yc_contract_alert year_conditions[STORE_MAX_CONDITIONS];   /* recorded in the year */
	int n_year_conditions;
	int criteria_changed;
	int team;                    /* the assessment team (else the contractor) */
	char hidden[300];            /* why the sheet is not shown, or "" */
	struct ui_table criteria, findings, objections, owed;
	long owed_late;              /* materials owed past their day (容缺受理) */
	struct yc_app *app;
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct assessment *a = priv;

	if (a->mode == MODE_CRITERIA) {
		*n = YC_ARRAY_LEN(criteria_keys);
		return criteria_keys;
	}
	if (a->mode == MODE_FINDINGS) {
		*n = YC_ARRAY_LEN(findings_keys);
		return findings_keys;
	}
	if (a->mode == MODE_OBJECTIONS && !a->team) {
		*n = YC_ARRAY_LEN(contractor_objection_keys);
		return contractor_objection_keys;
	}
	if (a->mode == MODE_OBJECTIONS) {
		*n = YC_ARRAY_LEN(objections_keys);
		return objections_keys;
	}
	if (a->mode == MODE_OWED) {
		*n = YC_ARRAY_LEN(owed_keys);
		return owed_keys;
	}
	if (a->mode == MODE_YEAR) {
		*n = YC_ARRAY_LEN(view_keys);
		return view_keys;
	}
	if (!a->team) {
		*n = YC_ARRAY_LEN(contractor_keys);
		return contractor_keys;
	}
	*n = YC_ARRAY_LEN(sheet_keys);
	return sheet_keys;
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

	char year[8];

	snprintf(year, sizeof year, "%.4s", a->month);
	if (store_assessment_year(app->st, year_of(a), a->scope, a->year_scores, a->year_assessed, &err) < 0 ||
	    store_assessment_year(app->st, year_of(a) - 1, a->scope, prev, prev_assessed, &err) < 0 ||
	    store_contract_alerts(app->st, year, a->year_conditions, STORE_MAX_CONDITIONS, &a->n_year_conditions,
				  &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	a->prev_dec_score = prev[11];
	a->prev_dec_assessed = prev_assessed[11];
}

/* The sheet as the core computes it, and the year around it. */
static void assessment_load(struct yc_app *app, struct assessment *a)
{
	struct yc_err err;

	a->hidden[0] = '\0';
	if (store_assessment_sheet(app->st, a->month, a->scope, app->today, &a->sheet, &err) < 0) {
		ui_error(app, "%s", err.msg);
		a->sheet.n = 0;
	} else if (store_assessment_may_see(&app->user, &a->sheet, a->month, &err) < 0) {
		yc_strlcpy(a->hidden, err.msg, sizeof a->hidden);
		a->sheet.n = 0;
	}
	if (store_ratings_by_channel(app->st, a->month, a->scope, &a->ratings, &err) < 0)
		ui_error(app, "%s", err.msg);
	a->criteria_changed = 0;
	load_year(app, a);
}

/* The tables -------------------------------------------------------------------- */

static const struct assess_rule *rule_of(void *ctx, const void *row)
{
	return &((struct assessment *)ctx)->sheet.rules[((const struct rule_ref *)row)->i];
}

static void col_category_max(void *ctx, const void *row, char *out, size_t n)
{
	snprintf(out, n, "(%3.0f)", rule_of(ctx, row)->category_max);
}

static void col_category(void *ctx, const void *row, char *out, size_t n)
{
	yc_strlcpy(out, rule_of(ctx, row)->category, n);
}

static void col_rule(void *ctx, const void *row, char *out, size_t n)
{
	yc_strlcpy(out, rule_of(ctx, row)->text, n);
}

static void col_points(void *ctx, const void *row, char *out, size_t n)
{
	const struct assess_rule *r = rule_of(ctx, row);
	char cap[32];

	if (r->cap >= 0)
		snprintf(cap, sizeof cap, "%.1f", r->cap);
	else
		snprintf(cap, sizeof cap, "-");
	snprintf(out, n, "%s%.1f/%s", r->evidence == EVIDENCE_BONUS ? "+" : "-", r->per_occurrence, cap);
}

static void col_evidence(void *ctx, const void *row, char *out, size_t n)
{
	yc_strlcpy(out, assess_evidence_label(rule_of(ctx, row)->evidence), n);
}

static const struct ui_table_col criteria_columns[] = {
	{ N_("Category"), 12, UI_ALIGN_LEFT, 1, col_category, 0 },
	{ "", 5, UI_ALIGN_RIGHT, 0, col_category_max, 0 },
	{ N_("Rule"), 34, UI_ALIGN_LEFT, 1, col_rule, 0 },
	{ N_("Points"), 10, UI_ALIGN_LEFT, 0, col_points, 0 },
	{ N_("From"), 0, UI_ALIGN_LEFT, 0, col_evidence, 0 },
};

/* The rules of the version in force, held in the sheet: a page of their
 * places after (or before) the anchor's. */
static int criteria_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct assessment *a = ctx;
	struct rule_ref *out = rows;
	int from = anchor ? ((const struct rule_ref *)anchor)->i + (forward ? 1 : -1) : forward ? 0 : a->sheet.n - 1;
	int i, first = forward ? from : from - max + 1;

	(void)err;
	if (first < 0)
		first = 0;
	*n = 0;
	for (i = first; i < a->sheet.n && i <= (forward ? a->sheet.n - 1 : from) && *n < max; i++)
		out[(*n)++].i = i;
	return 0;
}

static int criteria_count(void *ctx, long *count, struct yc_err *err)
{
	(void)err;
	*count = ((struct assessment *)ctx)->sheet.n;
	return 0;
}

static int same_rule(const void *x, const void *y)
{
	return ((const struct rule_ref *)x)->i == ((const struct rule_ref *)y)->i;
}

static const struct ui_table_source criteria_source = { criteria_page, criteria_count, NULL, same_rule, NULL };

static void col_finding_staff(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_finding *f = row;

	(void)ctx;
	yc_strlcpy(out, f->staff[0] ? f->staff : "-", n);
}

static void col_finding_window(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_finding *f = row;

	(void)ctx;
	yc_strlcpy(out, f->station[0] ? f->station : "-", n);
}

static const struct ui_table_col findings_columns[] = {
	{ N_("Day"), 10, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_finding, day) },
	{ N_("Site"), 6, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_finding, site) },
	{ N_("Window"), 10, UI_ALIGN_LEFT, 1, col_finding_window, 0 },
	{ N_("Staff"), 8, UI_ALIGN_LEFT, 1, col_finding_staff, 0 },
	{ N_("Rule"), 30, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_finding, rule) },
	{ N_("Note"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_finding, note) },
};

static int findings_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_findings_page(a->app->st, a->month, a->scope, anchor, forward, rows, max, n, err);
}

static int findings_count(void *ctx, long *count, struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_findings_count(a->app->st, a->month, a->scope, count, err);
}

static int same_finding(const void *x, const void *y)
{
	return ((const struct yc_finding *)x)->id == ((const struct yc_finding *)y)->id;
}

static const struct ui_table_source findings_source = { findings_page, findings_count, NULL, same_finding, NULL };

static void col_objection_answer(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_objection *o = row;

	(void)ctx;
	if (o->answered_at[0] && o->decision[0])
		snprintf(out, n, _("%s: %s (%.2f -> %.2f)"),
			 strcmp(o->decision, "accepted") == 0 ? _("upheld") : _("rejected"), o->answer, o->old_score,
			 o->new_score);
	else if (o->answered_at[0])
		snprintf(out, n, _("%s (%.2f -> %.2f)"), o->answer, o->old_score, o->new_score);
	else
		snprintf(out, n, "%s", _("not answered yet"));
}

static void col_objection_papers(void *ctx, const void *row, char *out, size_t n)
{
	const struct yc_objection *o = row;

	(void)ctx;
	yc_strlcpy(out, o->attachments[0] ? o->attachments : "-", n);
}

static const struct ui_table_col objections_columns[] = {
	{ N_("Raised at"), 16, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_objection, raised_at) },
	{ N_("Objection"), 24, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_objection, text) },
	{ N_("Papers"), 10, UI_ALIGN_LEFT, 1, col_objection_papers, 0 },
	{ N_("Answer"), 0, UI_ALIGN_LEFT, 1, col_objection_answer, 0 },
};

static int objections_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n,
			   struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_objections_page(a->app->st, a->month, a->scope, anchor, forward, rows, max, n, err);
}

static int objections_count(void *ctx, long *count, struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_objections_count(a->app->st, a->month, a->scope, count, err);
}

static int same_objection(const void *x, const void *y)
{
	return ((const struct yc_objection *)x)->id == ((const struct yc_objection *)y)->id;
}

static attr_t objection_attr(void *ctx, const void *row)
{
	(void)ctx;
	return ((const struct yc_objection *)row)->answered_at[0] ? A_NORMAL : A_BOLD;
}

static const struct ui_table_source objections_source = { objections_page, objections_count, objection_attr,
							   same_objection, NULL };

/* 容缺受理: materials owed, the earliest day first; one past its day is a
 * finding, shown as an error. */
static const struct ui_table_col owed_columns[] = {
	{ N_("Due"), 10, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_owed_row, due) },
	{ N_("Case"), 15, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_owed_row, case_number) },
	{ N_("Applicant"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_owed_row, applicant) },
	{ N_("Accepted by"), 8, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_owed_row, clerk) },
	{ N_("Material owed"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_owed_row, material) },
};

static int owed_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_waivers_owed_page(a->app->st, anchor, forward, rows, max, n, err);
}

static int owed_count(void *ctx, long *count, struct yc_err *err)
{
	struct assessment *a = ctx;

	return store_waivers_owed_count(a->app->st, count, err);
}

static attr_t owed_attr(void *ctx, const void *row)
{
	struct assessment *a = ctx;

	return strcmp(((const struct yc_owed_row *)row)->due, a->app->today) < 0 ? ui_attr_error() : A_NORMAL;
}

static int same_owed(const void *x, const void *y)
{
	return ((const struct yc_owed_row *)x)->id == ((const struct yc_owed_row *)y)->id;
}

static const struct ui_table_source owed_source = { owed_page, owed_count, owed_attr, same_owed, NULL };

static int tables_init(struct yc_app *app, struct assessment *a)
{
	if (ui_table_init(&a->criteria, app, sizeof(struct rule_ref), criteria_columns, YC_ARRAY_LEN(criteria_columns),
			  &criteria_source, a) < 0 ||
	    ui_table_init(&a->findings, app, sizeof(struct yc_finding), findings_columns, YC_ARRAY_LEN(findings_columns),
			  &findings_source, a) < 0 ||
	    ui_table_init(&a->objections, app, sizeof(struct yc_objection), objections_columns,
			  YC_ARRAY_LEN(objections_columns), &objections_source, a) < 0 ||
	    ui_table_init(&a->owed, app, sizeof(struct yc_owed_row), owed_columns, YC_ARRAY_LEN(owed_columns),
			  &owed_source, a) < 0)
		return -1;
	a->owed.x = 1;
	a->owed.empty = N_("No material is owed.");
	a->criteria.x = a->findings.x = a->objections.x = 1;
	a->findings.empty = N_("No findings this month: Enter records one.");
	a->objections.empty = N_("No objections to this month's result: F2 records one.");
	return 0;
}

static int assessment_enter(struct yc_app *app, void *priv)
{
	struct assessment *a = priv;

	a->app = app;
	a->team = auth_role_allows(app->user.role, PERM_ASSESSMENT);
	snprintf(a->month, sizeof a->month, "%.7s", app->today);
	yc_strlcpy(a->scope, "all", sizeof a->scope);
	assessment_load(app, a);
	return tables_init(app, a);
}

static void assessment_leave(struct yc_app *app, void *priv)
{
	struct assessment *a = priv;

	ui_table_free(&a->criteria);
	ui_table_free(&a->findings);
	ui_table_free(&a->objections);
	ui_table_free(&a->owed);
}


/* A condition for ending the contract as a line of the sheet or the year:
 * the plan's number and words, what happened, who recorded it. */
/* The alert for two failing months in a row, ending in this month. */
static int failing_twice(const struct assessment *a)
{
	return assess_year_alert(a->prev_dec_score, a->prev_dec_assessed, a->year_scores, a->year_assessed,
				 atoi(a->month + 5), NULL) > 0;
}

/* The rules' lines, from the selection's page: shown rows of them. */
static void draw_sheet_rules(struct assessment *a, int top, int shown, int cols)
{
	char line[1000], c1[32], c2[64], c3[16];
	int i, y;

	yc_fit(_("Category"), 12, 1, c1, sizeof c1);
	yc_fit(_("Rule"), 40, 1, c2, sizeof c2);
	yc_fit(_("From"), 6, 1, c3, sizeof c3);
	snprintf(line, sizeof line, " %s %s %s %s  %s", c1, c2, c3, _("Times"), _("Points"));
	ui_put(top, 1, cols - 2, line, A_UNDERLINE);
	if (a->sel < a->top)
		a->top = a->sel;
	if (a->sel >= a->top + shown)
		a->top = a->sel - shown + 1;
	for (i = a->top, y = top + 1; i < a->sheet.n && y < top + 1 + shown; i++, y++) {
		const struct assess_rule *r = &a->sheet.rules[i];
		char cat[64], rule[128], ev[32];

		yc_fit_mark(r->category, 12, 1, cat, sizeof cat);
		yc_fit_mark(r->text, 40, 1, rule, sizeof rule);
		yc_fit(assess_evidence_label(r->evidence), 6, 1, ev, sizeof ev);
		snprintf(line, sizeof line, " %s %s %s %5d  %s%.2f%s", cat, rule, ev, a->sheet.lines[i].occurrences,
			 r->evidence == EVIDENCE_BONUS ? "+" : "-", a->sheet.lines[i].points, a->sheet.lines[i].capped ? "*" : "");
		if (i == a->sel)
			ui_fill(y, 1, cols - 2, line, ui_attr_selected());
		else
			ui_put(y, 1, cols - 2, line, a->sheet.lines[i].points > 0 ? A_BOLD : A_NORMAL);
	}
}

/* Under the rules: the weeks inspected, the conditions recorded, the
 * ratings by channel, the sum, the money, the signature and an alert. */
static void draw_sheet_foot(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[1000], fee[32], withheld[32], payable[32];
	int i, y, missed = 0;

	doc_weeks_line(a->sheet.weeks, a->sheet.n_weeks, app->today, line, sizeof line, &missed);
	ui_put(top + rows - 6 - a->sheet.n_conditions, 1, cols - 2, line, missed ? ui_attr_error() : A_NORMAL);
	for (i = 0, y = top + rows - 5 - a->sheet.n_conditions; i < a->sheet.n_conditions; i++, y++) {
		doc_condition_line(&a->sheet.conditions[i], 0, line, sizeof line);
		ui_put(y, 1, cols - 2, line, ui_attr_error());
	}
	y = top + rows - 5;
	snprintf(line, sizeof line, _("Ratings: terminal %ld (bad %ld), SMS %ld (bad %ld), other %ld (bad %ld)"),
		 a->ratings.all[RATING_WINDOW], a->ratings.bad[RATING_WINDOW], a->ratings.all[RATING_SMS],
		 a->ratings.bad[RATING_SMS], a->ratings.all[RATING_OTHER], a->ratings.bad[RATING_OTHER]);
	ui_put(y++, 1, cols - 2, line, A_NORMAL);
	assess_summary(&a->sheet.result, line, sizeof line);
	ui_put(y++, 1, cols - 2, line, a->sheet.result.band == BAND_FAIL ? ui_attr_error() : A_BOLD);
	yc_format_yuan(a->sheet.result.fee_fen, fee, sizeof fee);
	yc_format_yuan(a->sheet.result.withheld_fen, withheld, sizeof withheld);
	yc_format_yuan(a->sheet.result.payable_fen, payable, sizeof payable);
	if (a->sheet.withholds)
		snprintf(line, sizeof line, _("Monthly fee %s yuan, withheld %s, payable %s    (* capped)"), fee, withheld,
			 payable);
	else
		snprintf(line, sizeof line, "%s", _("The money is decided once, on the whole hall's sheet: a site's withholds nothing."));
	ui_put(y++, 1, cols - 2, line, A_NORMAL);
	if (a->sheet.state.signed_off && a->sheet.objection_deadline[0])
		snprintf(line, sizeof line, _("Signed off by %s at %.16s; objections by %s."), a->sheet.state.signed_by,
			 a->sheet.state.signed_at, a->sheet.objection_deadline);
	else if (a->sheet.state.signed_off)
		snprintf(line, sizeof line, _("Signed off by %s at %.16s."), a->sheet.state.signed_by, a->sheet.state.signed_at);
	else if (a->sheet.state.reopen_reason[0])
		snprintf(line, sizeof line, _("Reopened: %s"), a->sheet.state.reopen_reason);
	else
		line[0] = '\0';
	ui_put(y++, 1, cols - 2, line, ui_attr_dim());
	if (failing_twice(a))
		ui_put(y, 1, cols - 2, _("Alert: two failing months in a row, a condition for ending the contract."),
		       ui_attr_error());
	else if (a->sheet.n_conditions)
		ui_put(y, 1, cols - 2, _("Alert: a condition for ending the contract is recorded for this month."),
		       ui_attr_error());
}

/* On the whole hall's sheet of a hall with townships: where the selected
 * rule's occurrences came from, site by site (their sum is its figure). */
static void draw_sheet_sites(const struct assessment *a, int y, int cols)
{
	char sites[800] = "", line[1000];
	size_t len;
	int i;

	if (a->sel < 0 || a->sel >= a->sheet.n)
		return;
	for (i = 0; i < a->sheet.n_sites; i++) {
		len = strlen(sites);
		snprintf(sites + len, sizeof sites - len, "%s%s %d", i ? "  " : "", a->sheet.sites[i].code,
			 a->sheet.sites[i].occurrences[a->sel]);
	}
	snprintf(line, sizeof line, _("By site: %s (the whole hall: %d)"), sites, a->sheet.occurrences[a->sel]);
	ui_put(y, 1, cols - 2, line, ui_attr_dim());
}

/* The month's sheet: its heading, the rules (as many as fit above the
 * foot), the sites' share of the selected rule when there are several,
 * the foot. */
static void draw_sheet(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[1000];
	int by_site;

	snprintf(line, sizeof line, _("Month %s    Scope %s    Criteria version %d    %s"), a->month,
		 strcmp(a->scope, "all") == 0 ? _("whole hall") : a->scope, a->sheet.version,
		 a->sheet.state.signed_off ? _("signed off") : _("not signed off yet"));
	ui_put(top, 1, cols - 2, line, A_BOLD);
	if (a->hidden[0]) {
		ui_put(top + 2, 1, cols - 2, a->hidden, A_NORMAL);
		return;
	}
	by_site = a->sheet.n_sites > 1;
	draw_sheet_rules(a, top + 1, rows - 8 - a->sheet.n_conditions - by_site, cols);
	if (by_site)
		draw_sheet_sites(a, top + rows - 7 - a->sheet.n_conditions, cols);
	draw_sheet_foot(app, a, top, rows, cols);
}

static void draw_year(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[400];
	int i, months = 0, bar_w = cols - 30, alert, first = 0;
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
	alert = assess_year_alert(a->prev_dec_score, a->prev_dec_assessed, a->year_scores, a->year_assessed, 12, &first);
	if (alert > 0) {
		char m1[24], m2[24];

		snprintf(m1, sizeof m1, "%04d-%02d", (first ? year_of(a) : year_of(a) - 1) % 10000, first ? first : 12);
		snprintf(m2, sizeof m2, "%04d-%02d", year_of(a) % 10000, alert);
		snprintf(line, sizeof line, _("Alert: %s and %s failed in a row (a condition for ending the contract)."), m1,
			 m2);
		ui_put(top + 17, 1, cols - 2, line, ui_attr_error());
	}
	if (a->n_year_conditions)
		ui_put(top + 18, 1, cols - 2, _("Alert: conditions for ending the contract recorded this year:"),
		       ui_attr_error());
	for (i = 0; i < a->n_year_conditions && 19 + i < rows; i++) {
		doc_condition_line(&a->year_conditions[i], 1, line, sizeof line);
		ui_put(top + 19 + i, 1, cols - 2, line, ui_attr_error());
	}
}

static void draw_criteria(struct yc_app *app, struct assessment *a, int top, int rows, int cols)
{
	char line[800];

	snprintf(line, sizeof line, _("Criteria version %d in force for %s%s"), a->sheet.version, a->month,
		 a->criteria_changed ? _("  (changed, not saved: F5)") : "");
	ui_put(top, 1, cols - 2, line, A_BOLD);
	ui_table_draw(&a->criteria, top + 1, rows - 2, cols - 1);
}

/* The findings or the objections of the month, with their total. */
static void draw_month_list(struct ui_table *t, const char *heading, int top, int rows, int cols)
{
	ui_put(top, 1, cols - 2, heading, A_BOLD);
	ui_table_draw(t, top + 1, rows - 2, cols - 1);
}

/* The materials owed, with how many are past their day: the findings. */
static void draw_owed(struct assessment *a, int top, int rows, int cols)
{
	char heading[200];

	snprintf(heading, sizeof heading, _("Materials owed (容缺受理): %ld, past their day: %ld"),
		 ui_table_total(&a->owed), a->owed_late);
	draw_month_list(&a->owed, heading, top, rows, cols);
}

/* The list of materials owed, and how many are late, as they are now. */
static int open_owed(struct yc_app *app, struct assessment *a)
{
	struct yc_err err;

	if (store_waivers_late_count(app->st, app->today, &a->owed_late, &err) < 0)
		ui_error(app, "%s", err.msg);
	a->mode = MODE_OWED;
	ui_table_reload(&a->owed);
	return UI_REDRAW;
}

static void assessment_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct assessment *a = priv;
	const char *scope = strcmp(a->scope, "all") == 0 ? _("whole hall") : a->scope;
	char heading[200];

	switch (a->mode) {
	case MODE_SHEET: draw_sheet(app, a, top, rows, cols); break;
	case MODE_YEAR: draw_year(app, a, top, rows, cols); break;
	case MODE_CRITERIA: draw_criteria(app, a, top, rows, cols); break;
	case MODE_FINDINGS:
		snprintf(heading, sizeof heading, _("Findings of %s, %s: %ld"), a->month, scope, ui_table_total(&a->findings));
		draw_month_list(&a->findings, heading, top, rows, cols);
		break;
	case MODE_OBJECTIONS:
		snprintf(heading, sizeof heading, _("Objections to %s, %s: %ld"), a->month, scope,
			 ui_table_total(&a->objections));
		draw_month_list(&a->objections, heading, top, rows, cols);
		break;
	case MODE_OWED:
		draw_owed(a, top, rows, cols);
		break;
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
	assessment_load(app, a);
	return UI_REDRAW;
}

static int choose_scope(struct yc_app *app, struct assessment *a)
{
	char text[32];

	yc_strlcpy(text, a->scope, sizeof text);
	for (;;) {
		struct yc_err err;

		if (!ui_prompt(app, _("Scope"), _("\"all\" for the whole hall, or a site's code:"), text, sizeof text) ||
		    !text[0])
			return UI_REDRAW;
		if (store_assessment_scope(app->st, text, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);   /* the sheet shown stays */
	}
	yc_strlcpy(a->scope, text, sizeof a->scope);
	assessment_load(app, a);
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
	assessment_load(app, a);
	return UI_REDRAW;
}

static int remove_finding(struct yc_app *app, struct assessment *a)
{
	const struct yc_finding *f = ui_table_selected(&a->findings);
	struct yc_err err;
	int64_t id;

	if (!f)
		return UI_HANDLED;
	id = f->id;   /* the question's redraws may page the table */
	if (!ui_confirm(app, _("Remove this finding?")))
		return UI_REDRAW;
	if (store_finding_delete(app->st, &app->user, id, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The finding was removed."));
	assessment_load(app, a);
	ui_table_refresh(&a->findings);
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
		if (store_assessment_sign(app->st, &app->user, a->month, a->scope, app->today, &a->sheet,
					  &err) < 0)
			ui_error(app, "%s", err.msg);
		else
			ui_say(app, _("%s signed off."), a->month);
	}
	assessment_load(app, a);
	return UI_REDRAW;
}

/* Objections ---------------------------------------------------------------------- */

static int answer_objection(struct yc_app *app, struct assessment *a, const struct yc_objection *o)
{
	const char *decisions[2] = { _("Accept: the score changes"), _("Reject: the score stands") };
	char answer[512] = "", score[16] = "";
	struct yc_err err;
	double new_score = -1;
	int choice = ui_choose(app, o->text, decisions, 2);

	if (choice < 0 || !ui_prompt(app, _("Answer to the objection"), _("The reason (the contractor reads it):"), answer,
				     sizeof answer) || !answer[0])
		return UI_REDRAW;
	if (choice == 0) {
		char *end;

		snprintf(score, sizeof score, "%.2f", a->sheet.result.score);
		if (!ui_prompt(app, _("Answer to the objection"), _("The month's score from now on:"), score, sizeof score))
			return UI_REDRAW;
		new_score = strtod(score, &end);
		if (!score[0] || *end || new_score < 0 || new_score > 100) {
			ui_error(app, _("'%s' is not a score from 0 to 100."), score);
			return UI_REDRAW;
		}
	}
	if (store_objection_answer(app->st, &app->user, o->id, choice == 0, answer, new_score, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", choice == 0 ? _("Accepted; the sheet was recomputed and the change logged.")
					      : _("Rejected; the score stands."));
	assessment_load(app, a);
	return UI_REDRAW;
}

static int answer_selected(struct yc_app *app, struct assessment *a)
{
	const struct yc_objection *sel = ui_table_selected(&a->objections);
	struct yc_objection o;

	if (!sel)
		return UI_HANDLED;
	if (sel->answered_at[0]) {
		ui_error(app, "%s", _("This objection has already been answered."));
		return UI_REDRAW;
	}
	o = *sel;   /* the prompts' redraws may page the table */
	answer_objection(app, a, &o);
	ui_table_refresh(&a->objections);
	return UI_REDRAW;
}

static int record_objection(struct yc_app *app, struct assessment *a)
{
	char text[512] = "", papers[512] = "";
	struct yc_err err;

	if (!ui_prompt(app, _("Objection"), _("What is objected to, and why:"), text, sizeof text) || !text[0] ||
	    !ui_prompt(app, _("Objection"), _("The papers attached (their numbers or names; empty: none):"), papers,
		       sizeof papers))
		return UI_REDRAW;
	if (store_objection_add(app->st, &app->user, a->month, a->scope, text, papers, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The objection was recorded."));
	ui_table_refresh(&a->objections);
	return UI_REDRAW;
}

static int record_weekly(struct yc_app *app, struct assessment *a)
{
	char day[16], site[32], checked[256] = "", found[512] = "";
	struct yc_err err;

	yc_strlcpy(day, app->today, sizeof day);
	yc_strlcpy(site, strcmp(a->scope, "all") == 0 ? app->cfg->site_code : a->scope, sizeof site);
	if (!ui_prompt(app, _("Weekly inspection"), _("A day of the week inspected (YYYY-MM-DD):"), day, sizeof day) ||
	    !ui_prompt(app, _("Weekly inspection"), _("Site code:"), site, sizeof site) ||
	    !ui_prompt(app, _("Weekly inspection"), _("What was checked:"), checked, sizeof checked) || !checked[0] ||
	    !ui_prompt(app, _("Weekly inspection"), _("What was found (the findings that cost points: F4):"), found,
		       sizeof found))
		return UI_REDRAW;
	if (store_weekly_add(app->st, &app->user, day, site, checked, found, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The weekly inspection was recorded."));
	assessment_load(app, a);
	return UI_REDRAW;
}

static int record_alert(struct yc_app *app, struct assessment *a)
{
	const char *labels[8];
	char note[512] = "";
	struct yc_err err;
	int i, n = (int)assess_termination_count(), choice;

	for (i = 0; i < n && i < 8; i++)
		labels[i] = assess_termination_label(assess_termination_key((size_t)i));
	if ((choice = ui_choose(app, _("Condition for ending the contract"), labels, i)) < 0 ||
	    !ui_prompt(app, labels[choice], _("What happened:"), note, sizeof note) || !note[0])
		return UI_REDRAW;
	if (store_contract_alert_add(app->st, &app->user, a->month, assess_termination_key((size_t)choice), note, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("Recorded for the assessment team."));
	assessment_load(app, a);
	return UI_REDRAW;
}

/* Criteria editing ------------------------------------------------------------------ */

static int edit_rule(struct yc_app *app, struct assessment *a)
{
	const struct rule_ref *ref = ui_table_selected(&a->criteria);
	struct assess_rule *r;
	char text[256], per[16], cap[16];
	char *end;

	if (!ref || ref->i >= a->sheet.n)
		return UI_HANDLED;
	r = &a->sheet.rules[ref->i];
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
	assessment_load(app, a);
	return UI_REDRAW;
}

/* Export and print ---------------------------------------------------------------- */

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
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_assessment_sheet sheet = { a->month, a->scope, a->sheet.rules, a->sheet.lines, a->sheet.n,
					      &a->sheet.result, a->sheet.weeks, a->sheet.n_weeks, app->today,
					      a->sheet.conditions, a->sheet.n_conditions, a->sheet.sites,
					      a->sheet.n_sites };
	char path[YC_PATH_MAX + 64], *text = doc_assessment_sheet(&hall, &sheet);
	struct yc_err err;

	if (!text)
		ui_error(app, "%s", _("Out of memory."));
	else if (print_document(app->cfg, "assessment", text, path, sizeof path, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The sheet was printed."));
	free(text);
	return UI_REDRAW;
}

static int export_quarter(struct yc_app *app, struct assessment *a, int xlsx)
{
	struct assess_quarter *q = calloc(1, sizeof *q);
	const struct export_table *tables[4];
	char months[3][24], path[512];
	int quarter = (atoi(a->month + 5) - 1) / 3, i, rc = -1;
	struct yc_err err;

	if (!q) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	for (i = 0; i < 3; i++) {
		snprintf(months[i], sizeof months[i], "%04d-%02d", year_of(a) % 10000, quarter * 3 + i + 1);
		if (store_assessment_sheet(app->st, months[i], a->scope, app->today, &q->sheets[i], &err) < 0)
			goto out;
	}
	assess_quarter_tables(q, (const char (*)[24])months, year_of(a), quarter + 1, a->scope);
	for (i = 0; i < 4; i++)
		tables[i] = &q->tables[i];
	snprintf(path, sizeof path, "assessment-%d-Q%d-%s.%s", year_of(a), quarter + 1, a->scope, xlsx ? "xlsx" : "csv");
	if (!ui_prompt(app, _("Export"), _("File:"), path, sizeof path) || !path[0]) {
		rc = 0;
		goto out;
	}
	rc = xlsx ? export_xlsx(path, tables, 4, &err) : export_csv(path, tables[0], &err);
	if (rc == 0)
		ui_say(app, _("Written to %s."), path);
out:
	if (rc < 0)
		ui_error(app, "%s", err.msg);
	free(q);
	return UI_REDRAW;
}

static int assessment_export(struct yc_app *app, struct assessment *a)
{
	const char *choices[7] = { _("The month as XLSX"), _("The month as CSV"), _("The year as XLSX"),
				   _("The year as CSV"), _("Print the month's sheet"),
				   _("The quarter's feedback as XLSX"), _("The quarter's feedback as CSV") };
	const char *cells[ASSESS_TABLE_CELLS];
	char buf[ASSESS_TABLE_BUFS][64], path[512], title[64];
	struct export_table t;
	const struct export_table *tables[1] = { &t };
	struct yc_err err;
	int choice = ui_choose(app, _("Export"), choices, 7), whole_year, xlsx, rc;

	if (choice < 0)
		return UI_REDRAW;
	if (choice == 4)
		return print_sheet(app, a);
	if (choice >= 5)
		return export_quarter(app, a, choice == 5);
	whole_year = choice >= 2;
	xlsx = choice % 2 == 0;
	if (whole_year) {
		snprintf(title, sizeof title, _("Assessment %d %s"), year_of(a), a->scope);
		year_table(a, &t, cells, buf, title);
		snprintf(path, sizeof path, "assessment-%d-%s.%s", year_of(a), a->scope, xlsx ? "xlsx" : "csv");
	} else {
		snprintf(title, sizeof title, _("Assessment %s %s"), a->month, a->scope);
		assess_sheet_table(&a->sheet, &t, cells, buf, title);
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

/* The criteria, findings or objections of the month, from the top. */
static int assessment_open_list(struct assessment *a, enum mode mode, struct ui_table *t)
{
	a->mode = mode;
	ui_table_reload(t);
	return UI_REDRAW;
}

static int assessment_action(struct yc_app *app, void *priv, int act)
{
	struct assessment *a = priv;

	switch (act) {
	case ACT_MONTH: return choose_month(app, a);
	case ACT_SCOPE: return choose_scope(app, a);
	case ACT_FINDINGS: return assessment_open_list(a, MODE_FINDINGS, &a->findings);
	case ACT_SIGN: return sign_or_reopen(app, a);
	case ACT_OBJECTIONS: return assessment_open_list(a, MODE_OBJECTIONS, &a->objections);
	case ACT_OWED: return open_owed(app, a);
	case ACT_RECORD:
		if (a->mode == MODE_OBJECTIONS)
			return record_objection(app, a);
		a->mode = MODE_SHEET;   /* the sheet shows what the finding took off */
		return record_finding(app, a);
	case ACT_REMOVE: return remove_finding(app, a);
	case ACT_ANSWER: return answer_selected(app, a);
	case ACT_ALERT: return record_alert(app, a);
	case ACT_WEEKLY:
		a->mode = MODE_SHEET;
		return record_weekly(app, a);
	case ACT_EXPORT: return assessment_export(app, a);
	case ACT_YEAR:
		load_year(app, a);
		a->mode = MODE_YEAR;
		return UI_REDRAW;
	case ACT_CRITERIA: return assessment_open_list(a, MODE_CRITERIA, &a->criteria);
	case ACT_EDIT: return edit_rule(app, a);
	case ACT_SAVE: return save_criteria(app, a);
	case ACT_ESC:
		if (a->mode == MODE_OWED)   /* opened from the findings */
			return assessment_open_list(a, MODE_FINDINGS, &a->findings);
		if (a->mode == MODE_CRITERIA && a->criteria_changed)
			assessment_load(app, a);   /* drop the changes not saved */
		a->mode = MODE_SHEET;
		a->sel = a->top = 0;
		return UI_REDRAW;
	}
	switch (a->mode) {
	case MODE_CRITERIA: return ui_table_action(&a->criteria, act);
	case MODE_FINDINGS: return ui_table_action(&a->findings, act);
	case MODE_OBJECTIONS: return ui_table_action(&a->objections, act);
	case MODE_OWED: return ui_table_action(&a->owed, act);
	default: return UI_UNHANDLED;
	}
}

static int assessment_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct assessment *a = priv;

	if (a->mode != MODE_SHEET || !is_keycode)
		return UI_UNHANDLED;
	if (ch == KEY_DOWN && a->sel + 1 < a->sheet.n)
		a->sel++;
	else if (ch == KEY_UP && a->sel > 0)
		a->sel--;
	else
		return UI_UNHANDLED;
	return UI_REDRAW;
}

static int assessment_data_changed(struct yc_app *app, void *priv)
{
	struct assessment *a = priv;

	if (a->mode == MODE_SHEET)
		assessment_load(app, a);
	if (a->mode == MODE_FINDINGS || a->mode == MODE_OBJECTIONS) {
		assessment_load(app, a);
		ui_table_refresh(a->mode == MODE_FINDINGS ? &a->findings : &a->objections);
	}
	if (a->mode == MODE_OWED) {
		struct yc_err err;

		ui_table_refresh(&a->owed);
		if (store_waivers_late_count(app->st, app->today, &a->owed_late, &err) < 0)
			ui_error(app, "%s", err.msg);
	}
	return UI_REDRAW;
}

const struct yc_screen_ops screen_assessment = {
	.name = "assessment",
	.title = N_("Monthly assessment"),
	.perm = PERM_SIGNED_SHEETS,
	.in_menu = 1,
	.keys = sheet_keys,
	.n_keys = YC_ARRAY_LEN(sheet_keys),
	.private_size = sizeof(struct assessment),
	.enter = assessment_enter,
	.leave = assessment_leave,
	.draw = assessment_draw,
	.action = assessment_action,
	.key = assessment_key,
	.data_changed = assessment_data_changed,
	.mode_keys = mode_keys,
};
