/* store-catalog-io.c - the catalogue in and out, all in one transaction.
 * A changed checkpoint never overwrites the old text: the old version is
 * closed the day before the import takes effect and a new version starts,
 * because verdicts name the version they were made against (第十条). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-io.h"
#include "pinyin.h"
#include "store-catalog-io.h"
#include "store-internal.h"
#include "store-select.h"

struct import_ctx {
	const char *text;
	struct yc_store *st;
	struct yc_err *err;
	const char *day;          /* effective from */
	const char *day_before;   /* old versions end */
	int64_t user_id;
	struct store_import_stats *stats;
};

static const char SQL_DEPT_UPSERT[] =
	"INSERT INTO departments(code, name) VALUES (?1, ?2)"
	" ON CONFLICT(code) DO UPDATE SET name = excluded.name";
static const char SQL_ITEM_EXISTS[] = "SELECT id FROM service_items WHERE code = ?1";
static const char SQL_ITEM_UPSERT[] =
	"INSERT INTO service_items(code, name, pinyin_initials, department_id, kind, statutory_limit,"
	" promised_limit, limit_unit, fee_fen, fee_note, window_category, online, guide, faq, keywords,"
	" promise_conditions, active)"
	" VALUES (?1, ?2, ?3, (SELECT id FROM departments WHERE code = ?4), ?5, ?6, ?7, ?8, ?9, ?10,"
	" ?11, ?12, ?13, ?14, ?15, ?16, 1)"
	" ON CONFLICT(code) DO UPDATE SET name = excluded.name, pinyin_initials = excluded.pinyin_initials,"
	" department_id = excluded.department_id, kind = excluded.kind,"
	" statutory_limit = excluded.statutory_limit, promised_limit = excluded.promised_limit,"
	" limit_unit = excluded.limit_unit, fee_fen = excluded.fee_fen, fee_note = excluded.fee_note,"
	" window_category = excluded.window_category, online = excluded.online,"
	" guide = excluded.guide, faq = excluded.faq, keywords = excluded.keywords,"
	" promise_conditions = excluded.promise_conditions, active = 1"
	" RETURNING id";
static const char SQL_MATERIAL_UPSERT[] =
	"INSERT INTO materials(item_id, seq, name, required, originals, copies, form, note, waivable)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)"
	" ON CONFLICT(item_id, seq) DO UPDATE SET name = excluded.name, required = excluded.required,"
	" originals = excluded.originals, copies = excluded.copies, form = excluded.form,"
	" note = excluded.note, waivable = excluded.waivable RETURNING id";
static const char SQL_EXTRA_MATERIALS[] =
	"SELECT id, seq, EXISTS (SELECT 1 FROM case_materials c WHERE c.material_id = m.id)"
	" FROM materials m WHERE item_id = ?1 AND seq > ?2";
static const char SQL_MATERIAL_DELETE_CHECKPOINTS[] = "DELETE FROM checkpoints WHERE material_id = ?1";
static const char SQL_MATERIAL_DELETE[] = "DELETE FROM materials WHERE id = ?1";
static const char SQL_CHECKPOINT_CURRENT[] =
	"SELECT id, text, version FROM checkpoints WHERE material_id = ?1 AND seq = ?2"
	" AND effective_to IS NULL";
static const char SQL_CHECKPOINT_LAST_VERSION[] =
	"SELECT coalesce(max(version), 0) FROM checkpoints WHERE material_id = ?1 AND seq = ?2";
static const char SQL_CHECKPOINT_CLOSE[] =
	"UPDATE checkpoints SET effective_to = ?2 WHERE id = ?1";
static const char SQL_CHECKPOINT_ADD[] =
	"INSERT INTO checkpoints(material_id, seq, version, text, effective_from, changed_by, changed_at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_CHECKPOINTS_BEYOND[] =
	"UPDATE checkpoints SET effective_to = ?3 WHERE material_id = ?1 AND seq > ?2"
	" AND effective_to IS NULL";

int store_step_done(db_stmt *s)
{
	int rc = db_step(s);

	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_exec_id_text(struct yc_store *st, const char *sql, int64_t id, const char *text)
{
	db_stmt *s = store_prep(st, sql);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, text);
	return store_step_done(s);
}

/* Bring checkpoint (material, seq) to text, versioning a change: the
 * current version ends on day_before, the new one starts on day. *change
 * gets 0 unchanged, 1 new, 2 changed. */
int store_checkpoint_set(struct yc_store *st, int64_t material_id, int seq, const char *text,
			 const char *day, const char *day_before, int64_t user_id, int *change)
{
	db_stmt *s = store_prep(st, SQL_CHECKPOINT_CURRENT);
	char now[20];
	int rc, version;
	int64_t current = 0;

	*change = 0;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, material_id);
	db_bind_int(s, 2, seq);
	rc = db_step(s);
	if (rc == DB_ROW) {
		if (strcmp(db_col_text(s, 1), text) == 0) {
			db_reset(s);
			return SQLITE_OK;   /* unchanged */
		}
		current = db_col_int64(s, 0);
	} else if (rc != DB_DONE) {
		return rc;
	}
	db_reset(s);
	if (current) {
		s = store_prep(st, SQL_CHECKPOINT_CLOSE);
		if (!s)
			return st->rc;
		db_bind_int64(s, 1, current);
		db_bind_text(s, 2, day_before);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	*change = current ? 2 : 1;
	s = store_prep(st, SQL_CHECKPOINT_LAST_VERSION);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, material_id);
	db_bind_int(s, 2, seq);
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	version = db_col_int(s, 0) + 1;
	db_reset(s);
	s = store_prep(st, SQL_CHECKPOINT_ADD);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, material_id);
	db_bind_int(s, 2, seq);
	db_bind_int(s, 3, version);
	db_bind_text(s, 4, text);
	db_bind_text(s, 5, day);
	if (user_id > 0)
		db_bind_int64(s, 6, user_id);
	yc_now(now);   /* the program's clock, like every other time it records */
	db_bind_text_copy(s, 7, now);
	return store_step_done(s);
}

static int sync_material(struct yc_store *st, struct import_ctx *c, int64_t item_id, int seq,
			 const struct cat_material *m)
{
	db_stmt *s = store_prep(st, SQL_MATERIAL_UPSERT);
	int64_t id;
	int rc, j;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, item_id);
	db_bind_int(s, 2, seq);
	db_bind_text(s, 3, m->name);
	db_bind_int(s, 4, m->required);
	db_bind_int(s, 5, m->originals);
	db_bind_int(s, 6, m->copies);
	db_bind_text(s, 7, m->form);
	db_bind_text(s, 8, m->note);
	db_bind_int(s, 9, m->waivable);
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	id = db_col_int64(s, 0);
	db_reset(s);
	for (j = 0; j < m->n_checkpoints; j++) {
		int change;

		rc = store_checkpoint_set(st, id, j + 1, m->checkpoints[j], c->day, c->day_before,
					  c->user_id, &change);
		if (rc != SQLITE_OK)
			return rc;
		c->stats->checkpoints_added += change == 1;
		c->stats->checkpoints_changed += change == 2;
	}
	/* checkpoints the new list no longer has end too */
	s = store_prep(st, SQL_CHECKPOINTS_BEYOND);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_int(s, 2, m->n_checkpoints);
	db_bind_text(s, 3, c->day_before);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->stats->checkpoints_changed += store_changes(st);
	return SQLITE_OK;
}

/* Materials the file no longer lists: removed unless cases used them. */
static int drop_extra_materials(struct yc_store *st, struct import_ctx *c, int64_t item_id,
				const struct cat_item *it, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_EXTRA_MATERIALS);
	int64_t ids[64];
	int n = 0, rc, i;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, item_id);
	db_bind_int(s, 2, it->n_materials);
	while ((rc = db_step(s)) == DB_ROW && n < 64) {
		if (db_col_int(s, 2)) {
			yc_err_set(err, YC_EINVAL,
				   _("line %d: material %d of %s was used by cases and cannot be removed; keep it in the file (it may be marked not required)."),
				   it->line, db_col_int(s, 1), it->code);
			db_reset(s);
			return -1;
		}
		ids[n++] = db_col_int64(s, 0);
	}
	db_reset(s);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc;
	for (i = 0; i < n; i++) {
		s = store_prep(st, SQL_MATERIAL_DELETE_CHECKPOINTS);
		if (!s)
			return st->rc;
		db_bind_int64(s, 1, ids[i]);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		s = store_prep(st, SQL_MATERIAL_DELETE);
		if (!s)
			return st->rc;
		db_bind_int64(s, 1, ids[i]);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int import_item(struct yc_store *st, struct import_ctx *c, const struct cat_item *it,
		       struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_DEPT_UPSERT);
	int64_t item_id;
	int rc, existed, i;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, it->department_code);
	db_bind_text(s, 2, it->department_name);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_ITEM_EXISTS);
	if (!s)
		return st->rc;
	db_bind_text(s, 1, it->code);
	rc = db_step(s);
	existed = rc == DB_ROW;
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	s = store_prep(st, SQL_ITEM_UPSERT);
	if (!s)
		return st->rc;
	db_bind_text(s, 1, it->code);
	db_bind_text(s, 2, it->name);
	db_bind_text(s, 3, it->pinyin);
	db_bind_text(s, 4, it->department_code);
	db_bind_text(s, 5, it->kind);
	db_bind_int(s, 6, it->statutory_limit);
	db_bind_int(s, 7, it->promised_limit);
	db_bind_text(s, 8, it->limit_unit);
	db_bind_int(s, 9, it->fee_fen);
	db_bind_text(s, 10, it->fee_note);
	db_bind_text(s, 11, it->window);
	db_bind_int(s, 12, it->online);
	db_bind_text(s, 13, it->guide);
	db_bind_text(s, 14, it->faq);
	db_bind_text(s, 15, it->keywords);
	db_bind_text(s, 16, it->promise_conditions);
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	item_id = db_col_int64(s, 0);
	db_reset(s);
	if (existed)
		c->stats->items_updated++;
	else
		c->stats->items_added++;
	for (i = 0; i < it->n_materials; i++)
		if ((rc = sync_material(st, c, item_id, i + 1, &it->materials[i])) != SQLITE_OK)
			return rc;
	return drop_extra_materials(st, c, item_id, it, err);
}

static int catalog_io_tx_import_one(void *vctx, const struct cat_item *it)
{
	struct import_ctx *c = vctx;
	int rc = import_item(c->st, c, it, c->err);

	return rc == SQLITE_OK ? 0 : rc;
}

/* Scenarios ------------------------------------------------------------------ */

static const char SQL_SCENARIO_UPSERT[] =
	"INSERT INTO scenarios(code, name, keywords, pinyin_initials, bundle_item_id, active)"
	" VALUES (?1, ?2, ?3, ?4, nullif(?5, 0), 1)"
	" ON CONFLICT(code) DO UPDATE SET name = excluded.name, keywords = excluded.keywords,"
	" pinyin_initials = excluded.pinyin_initials, bundle_item_id = excluded.bundle_item_id, active = 1"
	" RETURNING id";
static const char SQL_SCENARIO_CLEAR_QUESTIONS[] = "DELETE FROM scenario_questions WHERE scenario_id = ?1";
static const char SQL_SCENARIO_CLEAR_ITEMS[] = "DELETE FROM scenario_items WHERE scenario_id = ?1";
static const char SQL_SCENARIO_QUESTION_ADD[] =
	"INSERT INTO scenario_questions(scenario_id, seq, text) VALUES (?1, ?2, ?3)";
static const char SQL_SCENARIO_ITEM_ADD[] =
	"INSERT INTO scenario_items(scenario_id, seq, item_id, question, when_yes) VALUES (?1, ?2, ?3, ?4, ?5)";

/* The id of the active item of code, or 0 with err saying which line
 * and scenario named it. */
static int scenario_item_id(struct yc_store *st, const struct cat_scenario *sc, const char *code, int64_t *id,
			    struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_ITEM_EXISTS);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, code);
	rc = db_step(s);
	*id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, _("Line %d: the scenario %s names the item %s, which is not in the catalogue."),
			   sc->line, sc->code, code);
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int scenario_upsert(struct yc_store *st, const struct cat_scenario *sc, int64_t bundle, int64_t *id)
{
	db_stmt *s = store_prep(st, SQL_SCENARIO_UPSERT);
	char pinyin[512];
	int rc;

	if (!s)
		return st->rc;
	if (pinyin_of(sc->name, pinyin, sizeof pinyin) < 0)
		return SQLITE_NOMEM;
	db_bind_text(s, 1, sc->code);
	db_bind_text(s, 2, sc->name);
	db_bind_text(s, 3, sc->keywords);
	db_bind_text(s, 4, pinyin);
	db_bind_int64(s, 5, bundle);
	rc = db_step(s);
	*id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int scenario_add_rows(struct yc_store *st, const struct cat_scenario *sc, int64_t id, struct yc_err *err)
{
	db_stmt *s;
	int64_t item_id;
	int i, rc;

	if ((rc = store_exec_id_text(st, SQL_SCENARIO_CLEAR_QUESTIONS, id, NULL)) != SQLITE_OK ||
	    (rc = store_exec_id_text(st, SQL_SCENARIO_CLEAR_ITEMS, id, NULL)) != SQLITE_OK)
		return rc;
	for (i = 0; i < sc->n_questions; i++) {
		if (!(s = store_prep(st, SQL_SCENARIO_QUESTION_ADD)))
			return st->rc;
		db_bind_int64(s, 1, id);
		db_bind_int(s, 2, i + 1);
		db_bind_text(s, 3, sc->questions[i]);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	for (i = 0; i < sc->n_items; i++) {
		if ((rc = scenario_item_id(st, sc, sc->items[i].item, &item_id, err)) != SQLITE_OK)
			return rc;
		if (!(s = store_prep(st, SQL_SCENARIO_ITEM_ADD)))
			return st->rc;
		db_bind_int64(s, 1, id);
		db_bind_int(s, 2, i + 1);
		db_bind_int64(s, 3, item_id);
		db_bind_int(s, 4, sc->items[i].question);
		db_bind_int(s, 5, sc->items[i].when_yes);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static int catalog_io_tx_import_scenario(void *vctx, const struct cat_scenario *sc)
{
	struct import_ctx *c = vctx;
	int64_t bundle = 0, id;
	int rc = SQLITE_OK;

	if (sc->bundle[0])
		rc = scenario_item_id(c->st, sc, sc->bundle, &bundle, c->err);
	if (rc == SQLITE_OK)
		rc = scenario_upsert(c->st, sc, bundle, &id);
	if (rc == SQLITE_OK)
		rc = scenario_add_rows(c->st, sc, id, c->err);
	if (rc == SQLITE_OK)
		c->stats->scenarios++;
	return rc == SQLITE_OK ? 0 : rc;
}

/* (the rows this transaction wrote are counted: they are its own) */
static const char SQL_ANALYSE_CATALOGUE[] = "ANALYZE service_items, item_names, item_texts, materials";

static int import_all(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct import_ctx *c = vctx;
	struct cat_file f;
	char summary[128];
	int rc, problems;

	memset(c->stats, 0, sizeof *c->stats);
	c->st = st;
	c->err = err;
	/* the file was checked before; read it again item by item, inside
	 * the transaction, so that only one item is in memory at a time */
	rc = catalog_parse_all(c->text, &f, catalog_io_tx_import_one, catalog_io_tx_import_scenario, c);
	problems = f.problems.n;
	catalog_free(&f);
	if (rc < 0)   /* a refusal from import_one says why; else memory */
		return err->code != YC_OK ? -1 : SQLITE_NOMEM;
	if (rc > 0 && problems == 0)
		return rc;    /* a database error from import_one */
	if (rc > 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("The file changed while it was being imported."));
		return -1;
	}
	if ((rc = store_items_fill_pinyin(st)) != SQLITE_OK)
		return rc;
	/* A server plans the catalogue's search from its statistics: a
	 * province's thousands of new items would be searched on the empty
	 * catalogue's until autovacuum came by (bench/README: 60-100 ms a
	 * search instead of 10-20). SQLite's plans are the store's hints. */
	if (st->pg && (rc = store_exec(st, SQL_ANALYSE_CATALOGUE)) != SQLITE_OK)
		return rc;
	snprintf(summary, sizeof summary, "added %d, updated %d, checkpoints new %d changed %d, scenarios %d",
		 c->stats->items_added, c->stats->items_updated, c->stats->checkpoints_added,
		 c->stats->checkpoints_changed, c->stats->scenarios);
	return store_event(st, c->user_id, "catalog", 0, "imported", NULL, summary);
}

int store_catalog_import(struct yc_store *st, const char *text, const char *day,
			 int64_t user_id, struct store_import_stats *stats, struct yc_err *err)
{
	struct import_ctx c = { text, NULL, NULL, day, NULL, user_id, stats };
	char before[11];
	yc_date d;

	if (date_parse(day, &d) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date (YYYY-MM-DD)."), day);
		return -1;
	}
	date_format(d - 1, before);
	c.day_before = before;
	return store_run(st, 1, import_all, &c, err);
}

/* Export ------------------------------------------------------------------- */

struct export_ctx {
	const char *day;
	void (*each)(void *ctx, const struct cat_item *it);
	void (*each_scenario)(void *ctx, const struct cat_scenario *sc);
	void *ctx;
	int n;
	struct cat_item *it;
};

/* An item as exported, its columns declared once: SQL_EXPORT_ITEMS selects
 * them in this order, then the item's id (EXPORT_ITEM_COL_ID). */
static const struct store_col export_item_cols[] = {
	STORE_COL_TEXT(struct cat_item, code, "i.code"),
	STORE_COL_TEXT(struct cat_item, name, "i.name"),
	STORE_COL_TEXT(struct cat_item, pinyin, "i.pinyin_initials"),
	STORE_COL_TEXT(struct cat_item, department_code, "d.code"),
	STORE_COL_TEXT(struct cat_item, department_name, "d.name"),
	STORE_COL_TEXT(struct cat_item, kind, "i.kind"),
	STORE_COL_INT(struct cat_item, statutory_limit, "i.statutory_limit"),
	STORE_COL_INT(struct cat_item, promised_limit, "i.promised_limit"),
	STORE_COL_TEXT(struct cat_item, limit_unit, "i.limit_unit"),
	STORE_COL_INT(struct cat_item, fee_fen, "i.fee_fen"),
	STORE_COL_TEXT(struct cat_item, fee_note, "i.fee_note"),
	STORE_COL_TEXT(struct cat_item, window, "i.window_category"),
	STORE_COL_INT(struct cat_item, online, "i.online"),
	STORE_COL_TEXT(struct cat_item, guide, "i.guide"),
	STORE_COL_TEXT(struct cat_item, faq, "i.faq"),
	STORE_COL_TEXT(struct cat_item, keywords, "i.keywords"),
	STORE_COL_TEXT(struct cat_item, promise_conditions, "i.promise_conditions"),
};
enum { EXPORT_ITEM_COL_ID = YC_ARRAY_LEN(export_item_cols) };
static const char SQL_EXPORT_ITEMS[] =
	"SELECT i.code, i.name, i.pinyin_initials, d.code, d.name, i.kind, i.statutory_limit,"
	" i.promised_limit, i.limit_unit, i.fee_fen, i.fee_note, i.window_category, i.online,"
	" i.guide, i.faq, i.keywords, i.promise_conditions, i.id FROM service_items i JOIN departments d ON d.id = i.department_id"
	" WHERE i.active = 1 ORDER BY i.code";
/* A material as exported, its columns declared once: SQL_EXPORT_MATERIALS
 * selects them in this order, then the material's id
 * (EXPORT_MATERIAL_COL_ID). */
static const struct store_col export_material_cols[] = {
	STORE_COL_TEXT(struct cat_material, name, "name"),
	STORE_COL_INT(struct cat_material, required, "required"),
	STORE_COL_INT(struct cat_material, originals, "originals"),
	STORE_COL_INT(struct cat_material, copies, "copies"),
	STORE_COL_TEXT(struct cat_material, form, "form"),
	STORE_COL_TEXT(struct cat_material, note, "note"),
	STORE_COL_INT(struct cat_material, waivable, "waivable"),
};
enum { EXPORT_MATERIAL_COL_ID = YC_ARRAY_LEN(export_material_cols) };
static const char SQL_EXPORT_MATERIALS[] =
	"SELECT name, required, originals, copies, form, note, waivable, id FROM materials"
	" WHERE item_id = ?1 ORDER BY seq";
static const char SQL_EXPORT_CHECKPOINTS[] =
	"SELECT text FROM checkpoints WHERE material_id = ?1 AND effective_from <= ?2"
	" AND (effective_to IS NULL OR effective_to >= ?2) ORDER BY seq";

static int export_materials(struct yc_store *st, struct export_ctx *c, int64_t item_id)
{
	db_stmt *m = store_prep(st, SQL_EXPORT_MATERIALS);
	db_stmt *k = store_prep(st, SQL_EXPORT_CHECKPOINTS);
	int rc;

	if (!m || !k)
		return st->rc;
	db_bind_int64(m, 1, item_id);
	while ((rc = db_step(m)) == DB_ROW && c->it->n_materials < CAT_MAX_MATERIALS) {
		struct cat_material *mat = &c->it->materials[c->it->n_materials++];

		store_map_row(m, export_material_cols, (int)YC_ARRAY_LEN(export_material_cols), mat);
		db_bind_int64(k, 1, db_col_int64(m, EXPORT_MATERIAL_COL_ID));
		db_bind_text(k, 2, c->day);
		while ((rc = db_step(k)) == DB_ROW && mat->n_checkpoints < CAT_MAX_CHECKPOINTS)
			store_col_text(k, 0, mat->checkpoints[mat->n_checkpoints++], sizeof mat->checkpoints[0]);
		db_reset(k);
		if (rc != DB_DONE && rc != DB_ROW)
			return rc;
	}
	db_reset(m);
	return rc == DB_DONE || rc == DB_ROW ? SQLITE_OK : rc;
}

static const char SQL_EXPORT_SCENARIOS[] =
	"SELECT s.id, s.code, s.name, s.keywords, coalesce(b.code, '') FROM scenarios s"
	" LEFT JOIN service_items b ON b.id = s.bundle_item_id WHERE s.active = 1 ORDER BY s.code";
static const char SQL_EXPORT_SCENARIO_QUESTIONS[] =
	"SELECT text FROM scenario_questions WHERE scenario_id = ?1 ORDER BY seq";
static const char SQL_EXPORT_SCENARIO_ITEMS[] =
	"SELECT i.code, si.question, si.when_yes FROM scenario_items si JOIN service_items i ON i.id = si.item_id"
	" WHERE si.scenario_id = ?1 ORDER BY si.seq";

static int export_scenario_rows(struct yc_store *st, int64_t id, struct cat_scenario *sc)
{
	db_stmt *q = store_prep(st, SQL_EXPORT_SCENARIO_QUESTIONS);
	db_stmt *i = store_prep(st, SQL_EXPORT_SCENARIO_ITEMS);
	int rc;

	if (!q || !i)
		return st->rc;
	db_bind_int64(q, 1, id);
	while ((rc = db_step(q)) == DB_ROW && sc->n_questions < CAT_MAX_QUESTIONS)
		store_col_text(q, 0, sc->questions[sc->n_questions++], sizeof sc->questions[0]);
	db_reset(q);
	if (rc != DB_DONE && rc != DB_ROW)
		return rc;
	db_bind_int64(i, 1, id);
	while ((rc = db_step(i)) == DB_ROW && sc->n_items < CAT_MAX_SCENARIO_ITEMS) {
		struct cat_scenario_item *it = &sc->items[sc->n_items++];

		store_col_text(i, 0, it->item, sizeof it->item);
		it->question = db_col_int(i, 1);
		it->when_yes = db_col_int(i, 2);
	}
	db_reset(i);
	return rc == DB_DONE || rc == DB_ROW ? SQLITE_OK : rc;
}

static int export_scenarios(struct yc_store *st, struct export_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_EXPORT_SCENARIOS);
	struct cat_scenario sc;
	int rc;

	if (!s)
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		memset(&sc, 0, sizeof sc);
		store_col_text(s, 1, sc.code, sizeof sc.code);
		store_col_text(s, 2, sc.name, sizeof sc.name);
		store_col_text(s, 3, sc.keywords, sizeof sc.keywords);
		store_col_text(s, 4, sc.bundle, sizeof sc.bundle);
		if ((rc = export_scenario_rows(st, db_col_int64(s, 0), &sc)) != SQLITE_OK)
			return rc;
		c->each_scenario(c->ctx, &sc);
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int export_all(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct export_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_EXPORT_ITEMS);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	c->each(c->ctx, NULL);   /* (again) from the start */
	while ((rc = db_step(s)) == DB_ROW) {
		struct cat_item *it = c->it;

		memset(it, 0, sizeof *it);
		store_map_row(s, export_item_cols, (int)YC_ARRAY_LEN(export_item_cols), it);
		if ((rc = export_materials(st, c, db_col_int64(s, EXPORT_ITEM_COL_ID))) != SQLITE_OK)
			return rc;
		c->each(c->ctx, it);
		c->n++;
	}
	if (rc != DB_DONE)
		return rc;
	db_reset(s);
	return c->each_scenario ? export_scenarios(st, c) : SQLITE_OK;
}

int store_catalog_export(struct yc_store *st, const char *day,
			 void (*each)(void *ctx, const struct cat_item *it),
			 void (*each_scenario)(void *ctx, const struct cat_scenario *sc), void *ctx, int *n,
			 struct yc_err *err)
{
	struct cat_item *it = calloc(1, sizeof *it);
	struct export_ctx c = { day, each, each_scenario, ctx, 0, it };
	int rc;

	if (!it) {
		yc_err_set(err, YC_EINTERNAL, _("Out of memory."));
		return -1;
	}
	rc = store_run(st, 0, export_all, &c, err);
	free(it);
	*n = c.n;
	return rc;
}
