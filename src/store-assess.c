/* store-assess.c - the monthly assessment sheet's data: criteria versions,
 * the figures each rule counts (findings recorded, or computed from the
 * cases, slips, notices and ratings), sign-off and reopening, objections,
 * the year's scores, contract alerts. The arithmetic is in assess.c. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "dialect.h"
#include "policy.h"
#include "store-assess.h"
#include "store-select.h"
#include "store-users.h"

struct alert_ctx {
	const struct yc_user *u;
	const char *month, *kind, *note;   /* month: a month or a year */
	char now[20];
	struct yc_contract_alert *rows;
	int max, n;
};

static int read_alerts(struct yc_store *st, struct alert_ctx *c);
static int objection_deadline(struct yc_store *st, const char *signed_at, char deadline[11]);

/* Months ------------------------------------------------------------------------ */

/* 'YYYY-MM' -> its first day and the first day of the next month. */
static int month_bounds(const char *month, char first[11], char next[11])
{
	char a[32], b[32];
	int y, m;

	if (strlen(month) != 7 || sscanf(month, "%4d-%2d", &y, &m) != 2 || m < 1 || m > 12 || y < 2000 || y > 2998)
		return -1;
	snprintf(a, sizeof a, "%04d-%02d-01", y, m);
	snprintf(b, sizeof b, "%04d-%02d-01", m == 12 ? y + 1 : y, m == 12 ? 1 : m + 1);
	yc_strlcpy(first, a, 11);
	yc_strlcpy(next, b, 11);
	return 0;
}

static int bad_month(const char *month, struct yc_err *err)
{
	char a[11], b[11];

	if (month_bounds(month, a, b) == 0)
		return 0;
	yc_err_set(err, YC_EINVAL, _("'%s' is not a month: type it as 2026-11."), month);
	return -1;
}

/* A scope is the whole hall ("all") or a site that exists: a sheet of
 * nothing, scored 100, is no sheet. */
static const char SQL_SCOPE[] = "SELECT count(*) FROM sites WHERE code = ?1";

static int scope_known(struct yc_store *st, const char *scope, struct yc_err *err)
{
	db_stmt *s;
	int rc, found;

	if (strcmp(scope, "all") == 0)
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_SCOPE)))
		return st->rc;
	db_bind_text(s, 1, scope);
	rc = db_step(s);
	found = rc == DB_ROW && db_col_int(s, 0) > 0;
	db_reset(s);
	if (rc != DB_ROW)
		return rc;
	if (!found) {
		yc_err_set(err, YC_EINVAL, _("There is no site with the code %s: the scope is \"all\" (the whole hall) or a site's code."),
			   scope);
		return -1;
	}
	return SQLITE_OK;
}

static int scope_check(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return scope_known(st, vctx, err);
}

int store_assessment_scope(struct yc_store *st, const char *scope, struct yc_err *err)
{
	return store_run(st, 0, scope_check, (void *)scope, err);
}

/* Criteria ------------------------------------------------------------------------ */

static const char *const evidence_names[] = {
	[EVIDENCE_INSPECTION] = "inspection", [EVIDENCE_COMPUTED] = "computed",
	[EVIDENCE_COMPLAINT] = "complaint", [EVIDENCE_RATING] = "rating", [EVIDENCE_BONUS] = "bonus",
};

static enum assess_evidence evidence_of(const char *s)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(evidence_names); i++)
		if (strcmp(evidence_names[i], s) == 0)
			return (enum assess_evidence)i;
	return EVIDENCE_INSPECTION;
}

struct criteria_ctx {
	const char *month;
	struct assess_rule *rules;
	const struct assess_rule *in;
	int max, n, version;
	const struct yc_user *u;
};

/* A rule's id (a long) and its evidence (a name in the table, an enum in
 * the rule). */
static void read_rule_id(db_stmt *s, int col, void *field, size_t size)
{
	long id = (long)db_col_int64(s, col);

	(void)size;
	memcpy(field, &id, sizeof id);
}

static void read_evidence(db_stmt *s, int col, void *field, size_t size)
{
	char name[16];
	enum assess_evidence e;

	(void)size;
	store_col_text(s, col, name, sizeof name);
	e = evidence_of(name);
	memcpy(field, &e, sizeof e);
}

/* A rule's columns, declared once: SQL_CRITERIA selects them in this
 * order, then the criteria's version (CRITERIA_COL_VERSION). */
static const struct store_col rule_cols[] = {
	STORE_COL_READ(struct assess_rule, id, "id", read_rule_id),
	STORE_COL_TEXT(struct assess_rule, category, "category"),
	STORE_COL_DOUBLE(struct assess_rule, category_max, "max_points"),
	STORE_COL_TEXT(struct assess_rule, text, "rule"),
	STORE_COL_DOUBLE(struct assess_rule, per_occurrence, "points_per_occurrence"),
	STORE_COL_DOUBLE(struct assess_rule, cap, "coalesce(cap, -1)"),
	STORE_COL_READ(struct assess_rule, evidence, "evidence", read_evidence),
	STORE_COL_TEXT(struct assess_rule, metric, "coalesce(metric, '')"),
};
enum { CRITERIA_COL_VERSION = YC_ARRAY_LEN(rule_cols) };
static const char SQL_CRITERIA[] =
	"SELECT id, category, max_points, rule, points_per_occurrence, coalesce(cap, -1), evidence,"
	" coalesce(metric, ''), version FROM assessment_criteria WHERE version ="
	" (SELECT max(version) FROM assessment_criteria WHERE effective_from <= ?1) ORDER BY id";

static int criteria(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct criteria_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CRITERIA);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = c->version = 0;
	db_bind_text(s, 1, c->month);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max) {
		struct assess_rule *r = &c->rules[c->n++];

		memset(r, 0, sizeof *r);
		store_map_row(s, rule_cols, (int)YC_ARRAY_LEN(rule_cols), r);
		c->version = db_col_int(s, CRITERIA_COL_VERSION);
	}
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_criteria(struct yc_store *st, const char *month, struct assess_rule *rules, int max, int *n,
		   int *version, struct yc_err *err)
{
	struct criteria_ctx c = { month, rules, NULL, max, 0, 0, NULL };

	if (bad_month(month, err) < 0 || store_run(st, 0, criteria, &c, err) < 0)
		return -1;
	*n = c.n;
	*version = c.version;
	return 0;
}

static const char SQL_CRITERIA_NEXT[] = "SELECT coalesce(max(version), 0) + 1 FROM assessment_criteria";
static const char SQL_CRITERIA_INSERT[] =
	"INSERT INTO assessment_criteria(version, effective_from, category, max_points, rule,"
	" points_per_occurrence, cap, evidence, metric)"
	" VALUES (?10, ?1, ?2, ?3, ?4, ?5, nullif(?6, -1), ?7, nullif(?8, ''))";

static int criteria_save(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct criteria_ctx *c = vctx;
	db_stmt *next = store_prep(st, SQL_CRITERIA_NEXT);
	int rc, i;

	(void)err;
	if (!next)
		return st->rc;
	rc = db_step(next);
	c->version = rc == DB_ROW ? db_col_int(next, 0) : 0;
	db_reset(next);
	if (rc != DB_ROW)
		return rc;
	for (i = 0; i < c->n; i++) {
		const struct assess_rule *r = &c->in[i];
		db_stmt *s = store_prep(st, SQL_CRITERIA_INSERT);

		if (!s)
			return st->rc;
		db_bind_text(s, 1, c->month);
		db_bind_text(s, 2, r->category);
		db_bind_double(s, 3, r->category_max);
		db_bind_text(s, 4, r->text);
		db_bind_double(s, 5, r->per_occurrence);
		db_bind_double(s, 6, r->cap < 0 ? -1 : r->cap);
		db_bind_text(s, 7, evidence_names[r->evidence]);
		db_bind_text(s, 8, r->metric);
		db_bind_int(s, 10, c->version);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return store_event(st, c->u->id, "criteria", 0, "new_version", NULL, c->month);
}

int store_criteria_save(struct yc_store *st, const struct yc_user *u, const char *from_month,
			const struct assess_rule *rules, int n, int *version, struct yc_err *err)
{
	struct criteria_ctx c = { from_month, NULL, rules, 0, n, 0, u };
	struct assess_rule check[STORE_MAX_RULES];
	int m;

	if (auth_require(u, PERM_ASSESSMENT, err) < 0 || bad_month(from_month, err) < 0)
		return -1;
	if (n < 1 || n > STORE_MAX_RULES) {
		yc_err_set(err, YC_EINVAL, "%s", _("The criteria need at least one rule."));
		return -1;
	}
	if (store_run(st, 1, criteria_save, &c, err) < 0)
		return -1;
	return store_criteria(st, from_month, check, STORE_MAX_RULES, &m, version, err);
}

/* Figures ------------------------------------------------------------------------- */

/* Each computed figure: ?2 scope, ?3 first day of the month, ?4 first day
 * of the next, ?5 today. Written once as FROM and WHERE; for the whole
 * hall the count needs no cases row, so one statement goes without the
 * join (at 2,000,000 cases the join is most of the time: bench/README),
 * and one for a site joins cases on KEY for its site_id. */
#define SITE_OF_CASE " AND c.site_id = (SELECT id FROM sites WHERE code = ?2)"
#define METRIC(name, from, key, where) \
	{ name, "SELECT count(*) FROM " from " WHERE " where, \
	  "SELECT count(*) FROM " from " JOIN cases c ON c.id = " key " WHERE " where SITE_OF_CASE }
#define CASES_OVERDUE \
	"c.promised_date >= ?3 AND c.promised_date < ?4" \
	" AND c.status NOT IN ('awaiting_correction','not_accepted')" \
	" AND ((c.decided_at IS NULL AND c.promised_date < ?5 AND c.status <> 'suspended')" \
	"   OR substr(c.decided_at, 1, 10) > c.promised_date)"
#define MISSED_IN_MONTH "c.missed_promise >= ?3 AND c.missed_promise < ?4"
#define LATE_HANDOVER \
	" AND ((t.handed_at IS NULL AND substr(t.created_at, 1, 10) < ?5)" \
	"   OR substr(t.handed_at, 1, 10) > substr(t.created_at, 1, 10))"

static const struct {
	const char *metric;
	const char *sql_all, *sql_site;
} metrics[] = {
	/* paper not handed to the department on the day the slip was made */
	METRIC("slips_late", "transfer_slips t", "t.case_id",
	       "t.direction = 'to_department' AND t.created_at >= ?3 AND t.created_at < ?4" LATE_HANDOVER),
	/* results not handed to the pickup window on the day of the decision */
	METRIC("results_late", "transfer_slips t", "t.case_id",
	       "t.direction = 'to_pickup' AND t.created_at >= ?3 AND t.created_at < ?4" LATE_HANDOVER),
	/* promised in the month and decided late, or still undecided after it;
	 * or extended after a promise of the month had passed (migrate-15):
	 * two counts, each on its own index */
	{ "cases_overdue",
	  "SELECT (SELECT count(*) FROM cases c WHERE " CASES_OVERDUE ")"
	  " + (SELECT count(*) FROM cases c WHERE " MISSED_IN_MONTH " AND NOT (" CASES_OVERDUE "))",
	  "SELECT (SELECT count(*) FROM cases c WHERE " CASES_OVERDUE SITE_OF_CASE ")"
	  " + (SELECT count(*) FROM cases c WHERE " MISSED_IN_MONTH " AND NOT (" CASES_OVERDUE ")" SITE_OF_CASE ")" },
	/* a second one-time notice: the first did not list everything */
	METRIC("repeat_one_time", "notices n", "n.case_id",
	       "n.kind = 'one_time' AND n.round >= 2 AND n.issued_at >= ?3 AND n.issued_at < ?4"),
	/* completion and other notices of cases given up by the outbox (an
	 * appointment's reminder is no case's: the contractor's figure is
	 * the same hall-wide and per site) */
	METRIC("notices_failed", "notifications n", "n.case_id",
	       "n.status = 'failed' AND n.case_id IS NOT NULL AND n.created_at >= ?3 AND n.created_at < ?4"),
	/* results at the window a day or more without a completion notice */
	/* told_at: the first completion SMS or pickup (data/migrate-10.sql);
	 * told on a later day first, which most were not: the time's sum is
	 * then made for a few rows, not for each of the month's 20,000 (on a
	 * server 13 -> 7 ms a month at 2,000,000 cases, bench/README) */
	METRIC("pickup_waiting", "transfer_slips t", "t.case_id",
	       "t.direction = 'to_pickup' AND t.handed_at >= ?3 AND t.handed_at < ?4"
	       " AND t.handed_at < " DIALECT_SLIP_DAY_OLD
	       " AND (t.told_at IS NULL OR (substr(t.told_at, 1, 10) > substr(t.handed_at, 1, 10)"
	       " AND t.told_at > " DIALECT_TOLD_LATE "))"),
	METRIC("bad_ratings", "ratings r", "r.case_id", "r.score <= 2 AND r.at >= ?3 AND r.at < ?4"),
	METRIC("followups_open", "ratings r", "r.case_id",
	       "r.score <= 2 AND r.follow_up_at IS NULL AND r.at >= ?3 AND r.at < ?4"),
};

static const char SQL_FINDINGS_COUNT[] =
	"SELECT count(*) FROM inspections i WHERE i.criterion_id = ?1 AND i.day >= ?3 AND i.day < ?4"
	" AND (?2 = 'all' OR i.site_id = (SELECT id FROM sites WHERE code = ?2))";

struct figures_ctx {
	const char *scope, *today;
	char first[11], next[11];
	const struct assess_rule *rules;
	int n, *occurrences;
};

static int count_one(struct yc_store *st, struct figures_ctx *c, const char *sql, long rule_id, int *out)
{
	db_stmt *s = store_prep(st, sql);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, rule_id);
	db_bind_text(s, 2, c->scope);
	db_bind_text(s, 3, c->first);
	db_bind_text(s, 4, c->next);
	db_bind_text(s, 5, c->today);
	rc = db_step(s);
	*out = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static const char *metric_sql(const char *metric, const char *scope)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(metrics); i++)
		if (strcmp(metrics[i].metric, metric) == 0)
			return strcmp(scope, "all") == 0 ? metrics[i].sql_all : metrics[i].sql_site;
	return NULL;
}

static int figures(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct figures_ctx *c = vctx;
	int i, rc;

	for (i = 0; i < c->n; i++) {
		const struct assess_rule *r = &c->rules[i];
		const char *sql = r->metric[0] ? metric_sql(r->metric, c->scope) : NULL;

		if (r->metric[0] && !sql) {
			yc_err_set(err, YC_EINVAL, _("Rule '%s' names an unknown figure '%s'."), r->text, r->metric);
			return -1;
		}
		if ((rc = count_one(st, c, sql ? sql : SQL_FINDINGS_COUNT, r->id, &c->occurrences[i])) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

int store_assessment_figures(struct yc_store *st, const char *month, const char *scope, const char *today,
			     const struct assess_rule *rules, int n, int *occurrences, struct yc_err *err)
{
	struct figures_ctx c = { scope, today, "", "", rules, n, occurrences };

	if (month_bounds(month, c.first, c.next) < 0)
		return bad_month(month, err);
	return store_run(st, 0, figures, &c, err);
}

/* The month's state, sign-off, reopening ------------------------------------------------- */

struct month_ctx {
	const struct yc_user *u;
	const char *month, *scope, *reason;
	struct yc_month_state *m;
	char now[20];
};

/* A month's state, its columns declared once: SQL_MONTH selects them in
 * this order. */
static const struct store_col month_cols[] = {
	STORE_COL_INT(struct yc_month_state, signed_off, "m.signed_off_at IS NOT NULL"),
	STORE_COL_DOUBLE(struct yc_month_state, score, "coalesce(m.score, 0)"),
	STORE_COL_TEXT(struct yc_month_state, band, "coalesce(m.band, '')"),
	STORE_COL_TEXT(struct yc_month_state, signed_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_month_state, signed_at, "coalesce(m.signed_off_at, '')"),
	STORE_COL_INT(struct yc_month_state, criteria_version, "coalesce(m.criteria_version, 0)"),
	STORE_COL_TEXT(struct yc_month_state, lines, "coalesce(m.lines, '')"),
	STORE_COL_TEXT(struct yc_month_state, reopen_reason, "m.reopen_reason"),
	STORE_COL_INT64(struct yc_month_state, fee_fen, "coalesce(m.fee_fen, -1)"),
};
static const char SQL_MONTH[] =
	"SELECT m.signed_off_at IS NOT NULL, coalesce(m.score, 0), coalesce(m.band, ''), coalesce(u.full_name, ''),"
	" coalesce(m.signed_off_at, ''), coalesce(m.criteria_version, 0), coalesce(m.lines, ''), m.reopen_reason,"
	" coalesce(m.fee_fen, -1) FROM assessment_months m LEFT JOIN users u ON u.id = m.signed_off_by WHERE m.month = ?1 AND m.scope = ?2";

static int read_month(struct yc_store *st, struct month_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_MONTH);
	struct yc_month_state *m = c->m;
	int rc;

	memset(m, 0, sizeof *m);
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->month);
	db_bind_text(s, 2, c->scope);
	if ((rc = db_step(s)) == DB_ROW)
		store_map_row(s, month_cols, (int)YC_ARRAY_LEN(month_cols), m);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int month_state(struct yc_store *st, void *vctx, struct yc_err *err)
{
	(void)err;
	return read_month(st, vctx);
}

int store_assessment_month(struct yc_store *st, const char *month, const char *scope, struct yc_month_state *m,
			   struct yc_err *err)
{
	struct month_ctx c = { .month = month, .scope = scope, .m = m };

	if (bad_month(month, err) < 0)
		return -1;
	return store_run(st, 0, month_state, &c, err);
}

/* The sheet ---------------------------------------------------------------------------- */

struct sheet_ctx {
	const char *month, *scope, *today;
	struct yc_assessment_sheet *sh;
};

/* The money is decided once per contract and month, on the whole hall's
 * sheet, whose figures take in every site's: a site's sheet scores the
 * site and withholds nothing of its own (fee 0), or the month's fee would
 * be cut twice. The fee is the contract's in the database (store_fee_of_month),
 * and a signed month keeps the one it was signed with. */
static int month_fee(struct yc_store *st, const struct sheet_ctx *c, struct yc_assessment_sheet *sh)
{
	sh->withholds = assess_scope_withholds(c->scope);
	sh->fee_fen = 0;
	if (!sh->withholds)
		return SQLITE_OK;
	if (sh->state.signed_off && sh->state.fee_fen >= 0) {
		sh->fee_fen = (long)sh->state.fee_fen;
		return SQLITE_OK;
	}
	return store_fee_of_month(st, c->month, &sh->fee_fen);
}

/* The month's weeks and their weekly inspections: ?1 the Monday, ?2 the
 * scope; a week's findings are those of its seven days at the sites
 * inspected. */
static const char SQL_WEEK[] =
	"SELECT count(*), coalesce(min(u.full_name), ''), coalesce(group_concat(s.code || ' ' || w.checked, '; '), ''),"
	" coalesce(sum((SELECT count(*) FROM inspections f WHERE f.site_id = w.site_id AND f.day >= w.week"
	"   AND f.day < " DIALECT_WEEK_END ")), 0)"
	" FROM weekly_inspections w JOIN users u ON u.id = w.inspector_id JOIN sites s ON s.id = w.site_id"
	" WHERE w.week = ?1 AND (?2 = 'all' OR s.code = ?2)";

static int month_weeks(struct yc_store *st, const struct sheet_ctx *c, struct yc_assessment_sheet *sh)
{
	char mondays[STORE_MAX_WEEKS][11];
	int i, n = assess_month_mondays(c->month, mondays, STORE_MAX_WEEKS), rc = SQLITE_OK;

	sh->n_weeks = 0;
	for (i = 0; i < n; i++) {
		struct yc_week *w = &sh->weeks[sh->n_weeks++];
		db_stmt *s = store_prep(st, SQL_WEEK);

		if (!s)
			return st->rc;
		memcpy(w->monday, mondays[i], sizeof w->monday);
		db_bind_text(s, 1, w->monday);
		db_bind_text(s, 2, c->scope);
		if ((rc = db_step(s)) == DB_ROW) {
			w->inspections = db_col_int(s, 0);
			store_col_text(s, 1, w->inspector, sizeof w->inspector);
			store_col_text(s, 2, w->checked, sizeof w->checked);
			w->findings = db_col_int(s, 3);
		}
		db_reset(s);
		if (rc != DB_ROW)
			return rc;
	}
	return SQLITE_OK;
}

static const char SQL_SITE_CODES[] = "SELECT code FROM sites ORDER BY id";

/* The whole hall's figures site by site, computed as each site's own
 * sheet computes them: every figure of the hall is a count of records of
 * one site each (a case's, a slip's through its case, a finding's), so
 * the sites' add up to the hall's. Closed sites keep their history. */
static int site_figures(struct yc_store *st, const struct figures_ctx *hall, struct yc_assessment_sheet *sh,
			struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_SITE_CODES);
	int rc, i;

	if (!s)
		return st->rc;
	sh->n_sites = 0;
	while ((rc = db_step(s)) == DB_ROW && sh->n_sites < STORE_MAX_SITES)
		store_col_text(s, 0, sh->sites[sh->n_sites++].code, sizeof sh->sites[0].code);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	for (i = 0; i < sh->n_sites; i++) {
		struct figures_ctx fc = *hall;

		fc.scope = sh->sites[i].code;
		fc.occurrences = sh->sites[i].occurrences;
		if ((rc = figures(st, &fc, err)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* A signed month shows the figures it was signed with (the lines kept as
 * JSON at sign-off, see lines_json), not today's: a late decision or a
 * failed SMS counted after the signature must not change a signed sheet.
 * Lines signed before they were kept (empty) leave today's figures. */
static void signed_occurrences(struct yc_assessment_sheet *sh)
{
	const char *p = sh->state.lines;
	long rule;
	int times, i;

	if (!strstr(p, "{\"rule\":"))
		return;
	for (i = 0; i < sh->n; i++)
		sh->occurrences[i] = 0;
	while ((p = strstr(p, "{\"rule\":")) != NULL) {
		if (sscanf(p, "{\"rule\":%ld,\"n\":%d", &rule, &times) == 2)
			for (i = 0; i < sh->n; i++)
				if (sh->rules[i].id == rule)
					sh->occurrences[i] = times;
		p++;
	}
}

/* The month's sheet inside a transaction, for showing and for signing
 * alike: the criteria in force, each rule's figure, the points, the fee
 * and the score. A signed month keeps the score it was signed (and maybe
 * changed by an objection) with, whatever its figures say now. */
static int compute_sheet(struct yc_store *st, struct sheet_ctx *c, struct yc_err *err)
{
	struct yc_assessment_sheet *sh = c->sh;
	struct criteria_ctx cc = { c->month, sh->rules, NULL, STORE_MAX_RULES, 0, 0, NULL };
	struct figures_ctx fc = { c->scope, c->today, "", "", sh->rules, 0, sh->occurrences };
	struct month_ctx mc = { .month = c->month, .scope = c->scope, .m = &sh->state };
	struct alert_ctx ac = { .month = c->month, .rows = sh->conditions, .max = STORE_MAX_CONDITIONS };
	struct assess_result *r = &sh->result;
	int rc;

	if ((rc = scope_known(st, c->scope, err)) != SQLITE_OK || (rc = criteria(st, &cc, err)) != SQLITE_OK)
		return rc;
	sh->n = fc.n = cc.n;
	sh->version = cc.version;
	month_bounds(c->month, fc.first, fc.next);
	if ((rc = figures(st, &fc, err)) != SQLITE_OK || (rc = read_month(st, &mc)) != SQLITE_OK)
		return rc;
	if ((rc = read_alerts(st, &ac)) != SQLITE_OK || (rc = month_fee(st, c, sh)) != SQLITE_OK ||
	    (rc = month_weeks(st, c, sh)) != SQLITE_OK)
		return rc;
	sh->n_conditions = ac.n;
	if (sh->state.signed_off)
		signed_occurrences(sh);
	else if (sh->withholds && (rc = site_figures(st, &fc, sh, err)) != SQLITE_OK)
		return rc;
	assess_score(sh->rules, (size_t)sh->n, sh->occurrences, sh->fee_fen, sh->lines, r);
	if (sh->state.signed_off) {
		assess_adjust(r, sh->state.score);
		return objection_deadline(st, sh->state.signed_at, sh->objection_deadline);
	}
	return SQLITE_OK;
}

static int sheet(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return compute_sheet(st, vctx, err);
}

int store_assessment_sheet(struct yc_store *st, const char *month, const char *scope, const char *today,
			   struct yc_assessment_sheet *out, struct yc_err *err)
{
	struct sheet_ctx c = { month, scope, today, out };

	memset(out, 0, sizeof *out);
	if (bad_month(month, err) < 0)
		return -1;
	return store_run(st, 0, sheet, &c, err);
}

int store_assessment_may_see(const struct yc_user *u, const struct yc_assessment_sheet *sh, const char *month,
			     struct yc_err *err)
{
	/* the team sees every sheet as it is being made; the contractor the
	 * ones it is held to */
	if (auth_role_allows(u->role, PERM_ASSESSMENT) || sh->state.signed_off)
		return 0;
	yc_err_set(err, YC_EDENIED, _("The sheet of %s is not signed off yet: the contractor sees it once it is."), month);
	return -1;
}

static const char *const band_names[] = { "fail", "basic", "excellent" };

/* The sheet as signed, as JSON: [{"rule":id,"n":occurrences,"points":p},...]. */
static void lines_json(const struct yc_assessment_sheet *sh, char *out, size_t n)
{
	size_t len;
	int i;

	yc_strlcpy(out, "[", n);
	for (i = 0; i < sh->n; i++) {
		len = strlen(out);
		snprintf(out + len, n - len, "%s{\"rule\":%ld,\"n\":%d,\"points\":%.2f}", i ? "," : "",
			 sh->lines[i].rule_id, sh->lines[i].occurrences, sh->lines[i].points);
	}
	len = strlen(out);
	snprintf(out + len, n - len, "]");
}

static const char SQL_SIGN[] =
	"INSERT INTO assessment_months(month, scope, score, signed_off_by, signed_off_at, criteria_version, band,"
	" fee_fen, withheld_fen, lines) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)"
	" ON CONFLICT(month, scope) DO UPDATE SET score = excluded.score, signed_off_by = excluded.signed_off_by,"
	" signed_off_at = excluded.signed_off_at, criteria_version = excluded.criteria_version,"
	" band = excluded.band, fee_fen = excluded.fee_fen, withheld_fen = excluded.withheld_fen,"
	" lines = excluded.lines";

struct sign_ctx {
	const struct yc_user *u;
	struct sheet_ctx sheet;
	const struct yc_assessment_sheet *shown;
	char now[20];
};

/* Whether the sheet computed now is the one the supervisor was shown:
 * the score, the fee and what is withheld, and each rule's figure. */
static int same_sheet(const struct yc_assessment_sheet *a, const struct yc_assessment_sheet *b)
{
	int i;

	if (fabs(a->result.score - b->result.score) >= 0.005 || a->fee_fen != b->fee_fen ||
	    a->result.withheld_fen != b->result.withheld_fen || a->n != b->n)
		return 0;
	for (i = 0; i < a->n; i++)
		if (a->occurrences[i] != b->occurrences[i])
			return 0;
	return 1;
}

/* The core computes the sheet again inside the signing transaction and
 * signs what it computed; the score the supervisor was shown must be
 * that one, or the figures moved meanwhile and the sheet is shown again. */
static int sign(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct sign_ctx *c = vctx;
	struct yc_assessment_sheet *sh = c->sheet.sh;
	const struct assess_result *r = &sh->result;
	char json[8192], score[32];
	db_stmt *s;
	int rc;

	if ((rc = compute_sheet(st, &c->sheet, err)) != SQLITE_OK)
		return rc;
	if (sh->state.signed_off) {
		yc_err_set(err, YC_ECONFLICT, _("%s was signed off by %s at %.16s."), c->sheet.month, sh->state.signed_by,
			   sh->state.signed_at);
		return -1;
	}
	if (!same_sheet(sh, c->shown)) {
		yc_err_set(err, YC_ECONFLICT,
			   _("The figures of %s changed while the sheet was open: it scores %.2f now, not %.2f. Look at the sheet again before signing."),
			   c->sheet.month, r->score, c->shown->result.score);
		return -1;
	}
	lines_json(sh, json, sizeof json);
	if (!(s = store_prep(st, SQL_SIGN)))
		return st->rc;
	db_bind_text(s, 1, c->sheet.month);
	db_bind_text(s, 2, c->sheet.scope);
	db_bind_double(s, 3, r->score);
	db_bind_int64(s, 4, c->u->id);
	db_bind_text(s, 5, c->now);
	db_bind_int(s, 6, sh->version);
	db_bind_text(s, 7, band_names[r->band]);
	db_bind_int64(s, 8, r->fee_fen);
	db_bind_int64(s, 9, r->withheld_fen);
	db_bind_text(s, 10, json);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(score, sizeof score, "%s %s %.2f", c->sheet.month, c->sheet.scope, r->score);
	return store_event(st, c->u->id, "assessment", 0, "sign_off", NULL, score);
}

int store_assessment_sign(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			  const char *today, const struct yc_assessment_sheet *shown, struct yc_err *err)
{
	struct yc_assessment_sheet *sh = malloc(sizeof *sh);
	struct sign_ctx c = { u, { month, scope, today, sh }, shown, "" };
	int rc;

	if (!sh) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = auth_require(u, PERM_ASSESSMENT, err) < 0 || bad_month(month, err) < 0 ? -1 : 0;
	if (rc == 0) {
		yc_now(c.now);
		rc = store_run(st, 1, sign, &c, err);
	}
	free(sh);
	return rc;
}

static const char SQL_REOPEN[] =
	"UPDATE assessment_months SET signed_off_by = NULL, signed_off_at = NULL, reopened_at = ?3,"
	" reopen_reason = ?4 WHERE month = ?1 AND scope = ?2 AND signed_off_at IS NOT NULL";

static int reopen(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct month_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_REOPEN);
	char what[64];
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->month);
	db_bind_text(s, 2, c->scope);
	db_bind_text(s, 3, c->now);
	db_bind_text(s, 4, c->reason);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("This month is not signed off."));
		return -1;
	}
	snprintf(what, sizeof what, "%s %s", c->month, c->scope);
	return store_event(st, c->u->id, "assessment", 0, "reopen", what, c->reason);
}

int store_assessment_reopen(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			    const char *reason, struct yc_err *err)
{
	struct month_ctx c = { .u = u, .month = month, .scope = scope, .reason = reason };

	if (auth_require(u, PERM_ASSESSMENT, err) < 0 || bad_month(month, err) < 0)
		return -1;
	if (!reason || yc_blank(reason)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Reopening a signed month needs a reason."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, reopen, &c, err);
}

struct year_ctx {
	int year;
	const char *scope;
	double *scores;
	int *assessed;
};

static const char SQL_YEAR[] =
	"SELECT CAST(substr(month, 6, 2) AS INTEGER), score FROM assessment_months"
	" WHERE month LIKE ?1 || '-%' AND scope = ?2 AND signed_off_at IS NOT NULL";

static int year(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct year_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_YEAR);
	char y[8];
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	memset(c->scores, 0, 12 * sizeof *c->scores);
	memset(c->assessed, 0, 12 * sizeof *c->assessed);
	snprintf(y, sizeof y, "%04d", c->year);
	db_bind_text_copy(s, 1, y);
	db_bind_text(s, 2, c->scope);
	while ((rc = db_step(s)) == DB_ROW) {
		int m = db_col_int(s, 0);

		if (m >= 1 && m <= 12) {
			c->scores[m - 1] = db_col_double(s, 1);
			c->assessed[m - 1] = 1;
		}
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_assessment_year(struct yc_store *st, int y, const char *scope, double scores[12], int assessed[12],
			  struct yc_err *err)
{
	struct year_ctx c = { y, scope, scores, assessed };

	return store_run(st, 0, year, &c, err);
}

/* Findings ------------------------------------------------------------------------ */

struct findings_ctx {
	const struct yc_user *u;
	const char *month, *scope, *day, *site, *station, *staff, *note;
	char first[11], next[11], now[20];
	long rule_id;
	int64_t id;
};

#define FINDING_COL(f, expr) STORE_COL_TEXT(struct yc_finding, f, expr)
static const struct store_col finding_cols[] = {
	STORE_COL_INT64(struct yc_finding, id, "f.id"),
	FINDING_COL(day, "f.day"),
	FINDING_COL(site, "s.code"),
	FINDING_COL(station, "coalesce(w.name, '')"),
	FINDING_COL(staff, "coalesce(p.full_name, '')"),
	STORE_COL_INT64(struct yc_finding, rule_id, "f.criterion_id"),
	FINDING_COL(rule, "a.rule"),
	FINDING_COL(inspector, "u.full_name"),
	FINDING_COL(note, "f.note"),
};
enum { FINDING_COL_ID = 0, FINDING_COL_DAY = 1 };

/* ?1, ?2: the month's first day and the next month's; ?3 the scope. The
 * latest first. */
static struct store_list findings_list = {
	STORE_ROWS(struct yc_finding, finding_cols),
	.from = "FROM inspections f JOIN sites s ON s.id = f.site_id"
		" JOIN assessment_criteria a ON a.id = f.criterion_id JOIN users u ON u.id = f.inspector_id"
		" LEFT JOIN stations w ON w.id = f.station_id LEFT JOIN users p ON p.id = f.staff_id",
	.where = "f.day >= ?1 AND f.day < ?2 AND (?3 = 'all' OR s.code = ?3)",
	.n_params = 3, .key = { { FINDING_COL_DAY, 1 }, { FINDING_COL_ID, 1 } }, .n_key = 2,
};

int store_findings_page(struct yc_store *st, const char *month, const char *scope, const struct yc_finding *anchor,
			int forward, struct yc_finding *rows, int max, int *n, struct yc_err *err)
{
	char first[11], next[11];
	struct store_param p[] = { STORE_PARAM_TEXT(first), STORE_PARAM_TEXT(next), STORE_PARAM_TEXT(scope) };

	*n = 0;
	if (month_bounds(month, first, next) < 0)
		return bad_month(month, err);
	return store_list_page(st, &findings_list, p, anchor, forward, rows, max, n, err);
}

int store_findings_count(struct yc_store *st, const char *month, const char *scope, long *count, struct yc_err *err)
{
	char first[11], next[11];
	struct store_param p[] = { STORE_PARAM_TEXT(first), STORE_PARAM_TEXT(next), STORE_PARAM_TEXT(scope) };

	*count = 0;
	if (month_bounds(month, first, next) < 0)
		return bad_month(month, err);
	return store_list_count(st, &findings_list, p, count, err);
}

/* A month whose sheet is signed takes no new findings: reopen it first. */
static int month_open(struct yc_store *st, const char *day, const char *scope, struct yc_err *err)
{
	struct yc_month_state m;
	char month[8];
	struct month_ctx c = { .month = month, .scope = scope, .m = &m };
	int rc, i;
	const char *scopes[2] = { scope, "all" };

	for (i = 0; i < 2; i++) {
		snprintf(month, sizeof month, "%.7s", day);
		c.scope = scopes[i];
		if ((rc = read_month(st, &c)) != SQLITE_OK)
			return rc;
		if (m.signed_off) {
			yc_err_set(err, YC_ECONFLICT, _("%s is signed off; reopen it (with a reason) to change its findings."),
				   month);
			return -1;
		}
	}
	return SQLITE_OK;
}

static const char SQL_FINDING_INSERT[] =
	"INSERT INTO inspections(day, inspector_id, site_id, station_id, staff_id, criterion_id, note, recorded_at)"
	" SELECT ?1, ?2, s.id, (SELECT id FROM stations w WHERE w.site_id = s.id AND w.name = ?3),"
	" (SELECT id FROM users WHERE login = ?4), ?5, ?6, ?7 FROM sites s WHERE s.code = ?8";

static int finding_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct findings_ctx *c = vctx;
	db_stmt *s;
	int rc;

	if ((rc = month_open(st, c->day, c->site, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_FINDING_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->day);
	db_bind_int64(s, 2, c->u->id);
	db_bind_text(s, 3, c->station ? c->station : "");
	db_bind_text(s, 4, c->staff ? c->staff : "");
	db_bind_int64(s, 5, c->rule_id);
	db_bind_text(s, 6, c->note ? c->note : "");
	db_bind_text(s, 7, c->now);
	db_bind_text(s, 8, c->site);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_EINVAL, _("There is no site with the code %s."), c->site);
		return -1;
	}
	return store_event(st, c->u->id, "finding", store_last_id(st), "record", NULL, c->note);
}

int store_finding_add(struct yc_store *st, const struct yc_user *u, const char *day, const char *site_code,
		      const char *station, const char *staff_login, long rule_id, const char *note,
		      struct yc_err *err)
{
	struct findings_ctx c = { .u = u, .day = day, .site = site_code, .station = station, .staff = staff_login,
				   .note = note };
	yc_date d;

	if (auth_require(u, PERM_ASSESSMENT, err) < 0)
		return -1;
	if (date_parse(day, &d) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date; type it as 2026-12-01."), day);
		return -1;
	}
	c.rule_id = rule_id;
	yc_now(c.now);
	return store_run(st, 1, finding_add, &c, err);
}

static const char SQL_WEEKLY_INSERT[] =
	"INSERT INTO weekly_inspections(week, site_id, inspector_id, checked, findings, recorded_at)"
	" SELECT ?1, s.id, ?2, ?3, ?4, ?5 FROM sites s WHERE s.code = ?6"
	" ON CONFLICT(week, site_id) DO NOTHING";

struct weekly_ctx {
	const struct yc_user *u;
	const char *site, *checked, *found;
	char monday[11], now[20];
};

static int weekly_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct weekly_ctx *c = vctx;
	db_stmt *s;
	int rc;

	if ((rc = scope_known(st, c->site, err)) != SQLITE_OK || (rc = month_open(st, c->monday, c->site, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_WEEKLY_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->monday);
	db_bind_int64(s, 2, c->u->id);
	db_bind_text(s, 3, c->checked);
	db_bind_text(s, 4, c->found ? c->found : "");
	db_bind_text(s, 5, c->now);
	db_bind_text(s, 6, c->site);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, _("The inspection of the week of %s at %s is recorded already."), c->monday,
			   c->site);
		return -1;
	}
	return store_event(st, c->u->id, "weekly_inspection", store_last_id(st), "record", c->monday,
			   c->checked);
}

int store_weekly_add(struct yc_store *st, const struct yc_user *u, const char *day, const char *site_code,
		     const char *checked, const char *found, struct yc_err *err)
{
	struct weekly_ctx c = { .u = u, .site = site_code, .checked = checked, .found = found };
	yc_date d;

	if (auth_require(u, PERM_ASSESSMENT, err) < 0)
		return -1;
	if (!day || date_parse(day, &d) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date; type it as 2026-12-01."), day ? day : "");
		return -1;
	}
	if (!site_code || strcmp(site_code, "all") == 0 || !site_code[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("A weekly inspection is of one site: type its code."));
		return -1;
	}
	if (!checked || yc_blank(checked)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please write what was checked."));
		return -1;
	}
	date_format(d - (date_weekday(d) - 1), c.monday);
	yc_now(c.now);
	return store_run(st, 1, weekly_add, &c, err);
}

static const char SQL_FINDING_GET[] =
	"SELECT f.day, s.code FROM inspections f JOIN sites s ON s.id = f.site_id WHERE f.id = ?1";
static const char SQL_FINDING_DELETE[] = "DELETE FROM inspections WHERE id = ?1";

static int finding_delete(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct findings_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_FINDING_GET);
	char day[11] = "", site[32] = "";
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_col_text(s, 0, day, sizeof day);
		store_col_text(s, 1, site, sizeof site);
	}
	db_reset(s);
	if (rc != DB_ROW) {
		if (rc != DB_DONE)
			return rc;
		yc_err_set(err, YC_ECONFLICT, "%s", _("That finding is gone already."));
		return -1;
	}
	if ((rc = month_open(st, day, site, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_FINDING_DELETE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "finding", c->id, "delete", day, NULL);
}

int store_finding_delete(struct yc_store *st, const struct yc_user *u, int64_t id, struct yc_err *err)
{
	struct findings_ctx c = { .u = u };

	if (auth_require(u, PERM_ASSESSMENT, err) < 0)
		return -1;
	c.id = id;
	return store_run(st, 1, finding_delete, &c, err);
}

/* Objections ---------------------------------------------------------------------- */

struct objection_ctx {
	const struct yc_user *u;
	const char *month, *scope, *text, *attachments;
	int64_t id;
	int accept;
	double new_score;
	char now[20];
};

static const struct store_col objection_cols[] = {
	STORE_COL_INT64(struct yc_objection, id, "o.id"),
	STORE_COL_TEXT(struct yc_objection, text, "o.text"),
	STORE_COL_TEXT(struct yc_objection, raised_at, "o.raised_at"),
	STORE_COL_TEXT(struct yc_objection, answer, "coalesce(o.answer, '')"),
	STORE_COL_TEXT(struct yc_objection, answered_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_objection, answered_at, "coalesce(o.answered_at, '')"),
	STORE_COL_DOUBLE(struct yc_objection, old_score, "coalesce(o.old_score, -1)"),
	STORE_COL_DOUBLE(struct yc_objection, new_score, "coalesce(o.new_score, -1)"),
	STORE_COL_TEXT(struct yc_objection, attachments, "o.attachments"),
	STORE_COL_TEXT(struct yc_objection, decision, "coalesce(o.decision, '')"),
	STORE_COL_TEXT(struct yc_objection, raised_by, "coalesce(r.full_name, '')"),
};

/* ?1 the month, ?2 the scope; in the order they were raised. */
static struct store_list objections_list = {
	STORE_ROWS(struct yc_objection, objection_cols),
	.from = "FROM objections o LEFT JOIN users u ON u.id = o.answered_by LEFT JOIN users r ON r.id = o.raised_by",
	.where = "o.month = ?1 AND o.scope = ?2",
	.n_params = 2, .key = { { 0, 0 } }, .n_key = 1,
};

int store_objections_page(struct yc_store *st, const char *month, const char *scope,
			  const struct yc_objection *anchor, int forward, struct yc_objection *rows, int max, int *n,
			  struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(month), STORE_PARAM_TEXT(scope) };

	return store_list_page(st, &objections_list, p, anchor, forward, rows, max, n, err);
}

int store_objections_count(struct yc_store *st, const char *month, const char *scope, long *count,
			   struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(month), STORE_PARAM_TEXT(scope) };

	return store_list_count(st, &objections_list, p, count, err);
}

/* The last day an objection to a month signed on signed_at may be
 * lodged: the hall's number of working days after the day of signing. */
static int objection_deadline(struct yc_store *st, const char *signed_at, char deadline[11])
{
	struct yc_calendar cal;
	struct yc_policy policy;
	yc_date signed_on;
	char day[11];
	int rc;

	deadline[0] = '\0';
	yc_strlcpy(day, signed_at, sizeof day);
	if (date_parse(day, &signed_on) != 0)
		return SQLITE_OK;
	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	cal_init(&cal);
	if ((rc = store_calendar_read(st, &cal)) == SQLITE_OK)
		date_format(cal_add_workdays(&cal, signed_on, policy.assessment_objection_days), deadline);
	cal_free(&cal);
	return rc;
}

static const char SQL_OBJECTION_INSERT[] =
	"INSERT INTO objections(month, scope, text, attachments, raised_at, raised_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* An objection is to a signed sheet, within the deadline after its
 * signature. */
static int objection_in_time(struct yc_store *st, struct objection_ctx *c, struct yc_err *err)
{
	struct yc_month_state m;
	struct month_ctx mc = { .month = c->month, .scope = c->scope, .m = &m };
	char deadline[11];
	int rc;

	if ((rc = scope_known(st, c->scope, err)) != SQLITE_OK || (rc = read_month(st, &mc)) != SQLITE_OK)
		return rc;
	if (!m.signed_off) {
		yc_err_set(err, YC_ECONFLICT, _("The sheet of %s is not signed off: an objection is to a signed sheet."),
			   c->month);
		return -1;
	}
	if ((rc = objection_deadline(st, m.signed_at, deadline)) != SQLITE_OK)
		return rc;
	if (deadline[0] && strncmp(c->now, deadline, 10) > 0) {
		yc_err_set(err, YC_ECONFLICT,
			   _("The time for objections to %s has passed: it was signed on %.10s, and objections are lodged by %s."),
			   c->month, m.signed_at, deadline);
		return -1;
	}
	return SQLITE_OK;
}

static int objection_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct objection_ctx *c = vctx;
	db_stmt *s;
	int rc;

	if ((rc = objection_in_time(st, c, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_OBJECTION_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->month);
	db_bind_text(s, 2, c->scope);
	db_bind_text(s, 3, c->text);
	db_bind_text(s, 4, c->attachments ? c->attachments : "");
	db_bind_text(s, 5, c->now);
	db_bind_int64(s, 6, c->u->id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "objection", store_last_id(st), "raise", c->month, c->text);
}

int store_objection_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			const char *text, const char *attachments, struct yc_err *err)
{
	struct objection_ctx c = { .u = u, .month = month, .scope = scope, .text = text, .attachments = attachments };

	if (auth_require(u, PERM_SIGNED_SHEETS, err) < 0 || bad_month(month, err) < 0)
		return -1;
	if (!text || yc_blank(text)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please write what the contractor objects to, and why."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, objection_add, &c, err);
}

static const char SQL_OBJECTION_MONTH[] =
	"SELECT o.month, o.scope, m.score, o.answered_at IS NOT NULL, coalesce(m.fee_fen, 0) FROM objections o"
	" LEFT JOIN assessment_months m ON m.month = o.month AND m.scope = o.scope WHERE o.id = ?1";
static const char SQL_OBJECTION_ANSWER[] =
	"UPDATE objections SET answer = ?2, answered_by = ?3, answered_at = ?4, old_score = ?5, new_score = ?6,"
	" decision = ?7 WHERE id = ?1";
static const char SQL_RESCORE[] =
	"UPDATE assessment_months SET score = ?3, band = ?4, withheld_fen = ?5"
	" WHERE month = ?1 AND scope = ?2";

/* The accepted objection's new score, with band and money from the fee
 * the month was signed with (the contract's). */
static int rescore(struct yc_store *st, struct objection_ctx *c, const char *month, const char *scope,
		   double old_score, long fee_fen)
{
	enum assess_band band = assess_band_of(c->new_score);
	db_stmt *s = store_prep(st, SQL_RESCORE);
	char before[64], after[300];
	int rc;

	if (!s)
		return st->rc;
	db_bind_text_copy(s, 1, month);
	db_bind_text_copy(s, 2, scope);
	db_bind_double(s, 3, c->new_score);
	db_bind_text(s, 4, band_names[band]);
	db_bind_int64(s, 5, assess_withheld(band, fee_fen));
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(before, sizeof before, "%s %s %.2f", month, scope, old_score);
	snprintf(after, sizeof after, "%.2f %s", c->new_score, c->text);
	return store_event(st, c->u->id, "assessment", 0, "rescore", before, after);
}

static int objection_answer(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct objection_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_OBJECTION_MONTH);
	char month[8] = "", scope[32] = "";
	double old_score = -1;
	long fee_fen = 0;
	int rc, answered = 0, have_score = 0;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_col_text(s, 0, month, sizeof month);
		store_col_text(s, 1, scope, sizeof scope);
		have_score = db_col_type(s, 2) != SQLITE_NULL;
		old_score = db_col_double(s, 2);
		answered = db_col_int(s, 3);
		fee_fen = (long)db_col_int64(s, 4);
	}
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_NOTFOUND : rc;
	if (answered) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("This objection has been answered already."));
		return -1;
	}
	if (c->new_score >= 0 && !have_score) {
		yc_err_set(err, YC_EINVAL, "%s", _("The month has no score yet to change: sign it off first."));
		return -1;
	}
	if (!(s = store_prep(st, SQL_OBJECTION_ANSWER)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->text);
	db_bind_int64(s, 3, c->u->id);
	db_bind_text(s, 4, c->now);
	if (have_score) {
		db_bind_double(s, 5, old_score);
		db_bind_double(s, 6, c->new_score >= 0 ? c->new_score : old_score);
	}
	db_bind_text(s, 7, c->accept ? "accepted" : "rejected");
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (c->new_score >= 0 && (rc = rescore(st, c, month, scope, old_score, fee_fen)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "objection", c->id, c->accept ? "accept" : "reject", NULL, c->text);
}

int store_objection_answer(struct yc_store *st, const struct yc_user *u, int64_t id, int accept, const char *answer,
			   double new_score, struct yc_err *err)
{
	struct objection_ctx c = { .u = u, .text = answer, .id = id, .accept = accept, .new_score = new_score };

	if (auth_require(u, PERM_ASSESSMENT, err) < 0)
		return -1;
	if (!answer || yc_blank(answer) || new_score > 100) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please write the answer; a new score is 0 to 100."));
		return -1;
	}
	if (!accept && new_score >= 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("A rejected objection leaves the score as it is."));
		return -1;
	}
	if (accept && new_score < 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("An accepted objection changes the score: give the new score."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, objection_answer, &c, err);
}

/* Contract alerts ---------------------------------------------------------------------- */

static const char SQL_ALERT_INSERT[] =
	"INSERT INTO contract_alerts(month, kind, note, recorded_by, recorded_at) VALUES (?1, ?2, ?3, ?4, ?5)";
/* ?1 a month 'YYYY-MM' or a year 'YYYY' */
static const char SQL_ALERTS[] =
	"SELECT a.month, a.kind, a.note, u.full_name, a.recorded_at FROM contract_alerts a"
	" JOIN users u ON u.id = a.recorded_by WHERE substr(a.month, 1, length(?1)) = ?1 ORDER BY a.month, a.id";

static int alert_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct alert_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ALERT_INSERT);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->month);
	db_bind_text(s, 2, c->kind);
	db_bind_text(s, 3, c->note);
	db_bind_int64(s, 4, c->u->id);
	db_bind_text(s, 5, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "contract", 0, c->kind, c->month, c->note);
}

int store_contract_alert_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *kind,
			     const char *note, struct yc_err *err)
{
	struct alert_ctx c = { .u = u, .month = month, .kind = kind, .note = note };

	if (auth_require(u, PERM_ASSESSMENT, err) < 0 || bad_month(month, err) < 0)
		return -1;
	if (!assess_termination_label(kind)) {
		yc_err_set(err, YC_EINVAL, _("'%s' is none of the plan's conditions for ending the contract."), kind ? kind : "");
		return -1;
	}
	if (!note || yc_blank(note)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please describe what happened."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, alert_add, &c, err);
}

static int read_alerts(struct yc_store *st, struct alert_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_ALERTS);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_text(s, 1, c->month);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max) {
		struct yc_contract_alert *a = &c->rows[c->n++];

		store_col_text(s, 0, a->month, sizeof a->month);
		store_col_text(s, 1, a->kind, sizeof a->kind);
		store_col_text(s, 2, a->note, sizeof a->note);
		store_col_text(s, 3, a->recorded_by, sizeof a->recorded_by);
		store_col_text(s, 4, a->recorded_at, sizeof a->recorded_at);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int alerts(struct yc_store *st, void *vctx, struct yc_err *err)
{
	(void)err;
	return read_alerts(st, vctx);
}

int store_contract_alerts(struct yc_store *st, const char *period, struct yc_contract_alert *rows, int max, int *n,
			  struct yc_err *err)
{
	struct alert_ctx c = { .month = period, .rows = rows, .max = max };

	*n = 0;
	if (store_run(st, 0, alerts, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* Ratings by channel ------------------------------------------------------------ */

/* ?1 the month's first day, ?2 the next month's, ?3 the scope; a row per
 * channel (window, sms, other), in that order */
#define RATINGS_OF_CHANNEL(test) \
	"SELECT count(*), coalesce(sum(CASE WHEN r.score <= 2 THEN 1 ELSE 0 END), 0) FROM ratings r JOIN cases c ON c.id = r.case_id" \
	" WHERE " test " AND r.at >= ?1 AND r.at < ?2" \
	" AND (?3 = 'all' OR c.site_id = (SELECT id FROM sites WHERE code = ?3))"
static const char *const SQL_RATINGS_OF_CHANNEL[RATING_CHANNELS] = {
	RATINGS_OF_CHANNEL("r.channel = 'window'"),
	RATINGS_OF_CHANNEL("r.channel = 'sms'"),
	RATINGS_OF_CHANNEL("r.channel NOT IN ('window', 'sms')"),
};

struct channels_ctx {
	const char *scope;
	char first[11], next[11];
	struct yc_rating_channels *out;
};

static int channels_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct channels_ctx *c = vctx;
	int i, rc;

	(void)err;
	for (i = 0; i < RATING_CHANNELS; i++) {
		db_stmt *s = store_prep(st, SQL_RATINGS_OF_CHANNEL[i]);

		if (!s)
			return st->rc;
		db_bind_text(s, 1, c->first);
		db_bind_text(s, 2, c->next);
		db_bind_text(s, 3, c->scope);
		rc = db_step(s);
		if (rc == DB_ROW) {
			c->out->all[i] = (long)db_col_int64(s, 0);
			c->out->bad[i] = (long)db_col_int64(s, 1);
		}
		db_reset(s);
		if (rc != DB_ROW)
			return rc;
	}
	return SQLITE_OK;
}

int store_ratings_by_channel(struct yc_store *st, const char *month, const char *scope,
			     struct yc_rating_channels *out, struct yc_err *err)
{
	struct channels_ctx c = { scope, "", "", out };

	memset(out, 0, sizeof *out);
	if (month_bounds(month, c.first, c.next) < 0)
		return bad_month(month, err);
	return store_run(st, 0, channels_tx, &c, err);
}
