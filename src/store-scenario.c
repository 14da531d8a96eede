/* store-scenario.c - the catalogue's scenarios read for the guidance desk
 * (store-scenario.h); what the answers mean is scenario.c's. */
#include "config.h"

#include <string.h>

#include "pinyin.h"
#include "scenario.h"
#include "store-internal.h"
#include "store-scenario.h"
#include "store-select.h"

/* A scenario in the list, its columns declared once. */
static const struct store_col scenario_row_cols[] = {
	STORE_COL_INT64(struct yc_scenario_row, id, "s.id"),
	STORE_COL_TEXT(struct yc_scenario_row, code, "s.code"),
	STORE_COL_TEXT(struct yc_scenario_row, name, "s.name"),
	STORE_COL_INT(struct yc_scenario_row, n_questions,
		      "(SELECT count(*) FROM scenario_questions q WHERE q.scenario_id = s.id)"),
	STORE_COL_TEXT(struct yc_scenario_row, keywords, "s.keywords"),
};

/* ?1 is the folded words (search_fold: lower-case ASCII, spaces trimmed). */
static struct store_list scenario_list = {
	STORE_ROWS(struct yc_scenario_row, scenario_row_cols),
	.from = "FROM scenarios s",
	.where = "s.active = 1 AND (?1 = '' OR instr(s.name, ?1) > 0 OR instr(s.keywords, ?1) > 0"
		 " OR instr(s.pinyin_initials, ?1) > 0 OR instr(lower(s.code), ?1) > 0)",
	.n_params = 1,
	.key = { { 2, 0 }, { 0, 0 } }, .n_key = 2,   /* name, id */
};

int store_scenarios_page(struct yc_store *st, const char *words, const struct yc_scenario_row *anchor,
			 int forward, struct yc_scenario_row *rows, int max, int *n, struct yc_err *err)
{
	char folded[256];
	struct store_param p[] = { STORE_PARAM_TEXT(folded) };

	search_fold(words, folded, sizeof folded);
	return store_list_page(st, &scenario_list, p, anchor, forward, rows, max, n, err);
}

int store_scenarios_count(struct yc_store *st, const char *words, long *count, struct yc_err *err)
{
	char folded[256];
	struct store_param p[] = { STORE_PARAM_TEXT(folded) };

	search_fold(words, folded, sizeof folded);
	return store_list_count(st, &scenario_list, p, count, err);
}

static const char SQL_SCENARIO_HEAD[] =
	"SELECT id, code, name, coalesce(bundle_item_id, 0) FROM scenarios WHERE id = ?1 AND active = 1";
static const char SQL_SCENARIO_QUESTIONS[] =
	"SELECT text FROM scenario_questions WHERE scenario_id = ?1 ORDER BY seq";
static const char SQL_SCENARIO_RULES[] =
	"SELECT item_id, question, when_yes FROM scenario_items WHERE scenario_id = ?1 ORDER BY seq";

static int scenario_tx_questions(struct yc_store *st, struct scenario *out)
{
	db_stmt *s = store_prep(st, SQL_SCENARIO_QUESTIONS);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, out->id);
	while ((rc = db_step(s)) == DB_ROW && out->n_questions < SCN_MAX_QUESTIONS)
		store_col_text(s, 0, out->questions[out->n_questions++], sizeof out->questions[0]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int scenario_tx_rules(struct yc_store *st, struct scenario *out)
{
	db_stmt *s = store_prep(st, SQL_SCENARIO_RULES);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, out->id);
	while ((rc = db_step(s)) == DB_ROW && out->n_rules < SCN_MAX_RULES) {
		struct scn_rule *r = &out->rules[out->n_rules++];

		r->item_id = db_col_int64(s, 0);
		r->question = db_col_int(s, 1);
		r->when_yes = db_col_int(s, 2);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int scenario_tx_read(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct scenario *out = vctx;
	db_stmt *s = store_prep(st, SQL_SCENARIO_HEAD);
	int64_t id = out->id;
	int rc;

	if (!s)
		return st->rc;
	memset(out, 0, sizeof *out);
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	if (rc == DB_ROW) {
		out->id = db_col_int64(s, 0);
		store_col_text(s, 1, out->code, sizeof out->code);
		store_col_text(s, 2, out->name, sizeof out->name);
		out->bundle_item_id = db_col_int64(s, 3);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("This scenario is no longer in the catalogue."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	if ((rc = scenario_tx_questions(st, out)) != SQLITE_OK)
		return rc;
	return scenario_tx_rules(st, out);
}

int store_scenario_read(struct yc_store *st, int64_t id, struct scenario *out, struct yc_err *err)
{
	out->id = id;
	return store_run(st, 0, scenario_tx_read, out, err);
}

/* Planning ------------------------------------------------------------------ */

static const char SQL_IS_MEMBER[] =
	"SELECT count(*) FROM bundle_members WHERE bundle_item_id = ?1 AND member_item_id = ?2";
static const char SQL_WINDOW_NAME[] = "SELECT name FROM window_categories WHERE code = ?1";

struct plan_ctx {
	const struct scenario *s;
	const int *answers;
	const char *day;
	struct scn_plan *out;
};

static int plan_tx_is_member(struct yc_store *st, int64_t bundle, int64_t item, int *member)
{
	struct store_param p[] = { STORE_PARAM_INT(bundle), STORE_PARAM_INT(item) };
	long n = 0;
	int rc = store_count_tx(st, SQL_IS_MEMBER, p, 2, &n);

	*member = n > 0;
	return rc;
}

/* The items the answers bring, the bundle put first when it takes them. */
static int plan_tx_items(struct yc_store *st, struct plan_ctx *c, struct yc_err *err)
{
	struct scn_plan *p = c->out;
	int64_t ids[SCN_MAX_ITEMS];
	int member[SCN_MAX_ITEMS];
	int i, n, rc, first = 0;

	n = scenario_items(c->s, c->answers, ids, SCN_MAX_ITEMS - 1);
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("These answers bring no service item: the scenario needs another answer."));
		return -1;
	}
	for (i = 0; i < n; i++) {
		member[i] = 0;
		if (c->s->bundle_item_id &&
		    (rc = plan_tx_is_member(st, c->s->bundle_item_id, ids[i], &member[i])) != SQLITE_OK)
			return rc;
	}
	p->bundle = scenario_takes_bundle(ids, member, n, c->s->bundle_item_id);
	if (p->bundle && ids[0] != c->s->bundle_item_id) {
		for (i = 0; i < n; i++)
			if (ids[i] == c->s->bundle_item_id)
				break;
		if (i == n) {   /* the bundle is the case the window opens: it comes first */
			if ((rc = store_item_info_tx(st, c->s->bundle_item_id, &p->items[0], err)) != SQLITE_OK)
				return rc;
			first = 1;
		}
	}
	for (i = 0; i < n; i++)
		if ((rc = store_item_info_tx(st, ids[i], &p->items[first + i], err)) != SQLITE_OK)
			return rc;
	p->n_items = first + n;
	return SQLITE_OK;
}

/* as many as one intake takes (INTAKE_MAX_MATERIALS) */
#define PLAN_ITEM_MATERIALS 32

static int plan_tx_materials(struct yc_store *st, struct plan_ctx *c)
{
	struct scn_plan *p = c->out;
	struct yc_material_row one[PLAN_ITEM_MATERIALS];
	int k, n, rc;

	for (k = 0; k < p->n_items; k++) {
		if ((rc = store_item_materials_tx(st, p->items[k].id, c->day, one, PLAN_ITEM_MATERIALS, &n)) != SQLITE_OK)
			return rc;
		p->left_out += scenario_merge_materials(p->materials, p->used_by, &p->n_materials, SCN_MAX_MATERIALS,
							one, n, k);
	}
	return SQLITE_OK;
}

static int plan_tx_ticket(struct yc_store *st, struct scn_plan *p)
{
	const char *categories[SCN_MAX_ITEMS];
	db_stmt *s = store_prep(st, SQL_WINDOW_NAME);
	int i, rc;

	if (!s)
		return st->rc;
	for (i = 0; i < p->n_items; i++)
		categories[i] = p->items[i].window_category;
	yc_strlcpy(p->category, scenario_ticket_category(p->bundle, p->items[0].window_category, categories,
							 p->n_items), sizeof p->category);
	db_bind_text(s, 1, p->category);
	rc = db_step(s);
	if (rc == DB_ROW)
		store_col_text(s, 0, p->window_name, sizeof p->window_name);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_CORRUPT : rc;
	p->ticket_item = p->items[0];
	yc_strlcpy(p->ticket_item.window_category, p->category, sizeof p->ticket_item.window_category);
	yc_strlcpy(p->ticket_item.window_name, p->window_name, sizeof p->ticket_item.window_name);
	return SQLITE_OK;
}

static int plan_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct plan_ctx *c = vctx;
	int rc;

	memset(c->out, 0, sizeof *c->out);
	yc_strlcpy(c->out->name, c->s->name, sizeof c->out->name);
	if ((rc = plan_tx_items(st, c, err)) != SQLITE_OK || (rc = plan_tx_materials(st, c)) != SQLITE_OK)
		return rc;
	return plan_tx_ticket(st, c->out);
}

int store_scenario_plan(struct yc_store *st, const struct scenario *s, const int *answers, const char *day,
			struct scn_plan *out, struct yc_err *err)
{
	struct plan_ctx c = { s, answers, day, out };

	return store_run(st, 0, plan_tx, &c, err);
}
