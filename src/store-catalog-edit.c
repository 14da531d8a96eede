/* store-catalog-edit.c - changing one item, its materials and checkpoints
 * from the catalogue screen; who may do it is checked here. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "store-catalog-edit.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-users.h"

struct load_ctx {
	int64_t id;
	struct yc_item_edit *e;
};

/* An item as edited, its columns declared once: SQL_ITEM_LOAD selects
 * them in this order. */
static const struct store_col item_edit_cols[] = {
	STORE_COL_INT64(struct yc_item_edit, id, "id"),
	STORE_COL_INT64(struct yc_item_edit, department_id, "department_id"),
	STORE_COL_TEXT(struct yc_item_edit, code, "code"),
	STORE_COL_TEXT(struct yc_item_edit, name, "name"),
	STORE_COL_TEXT(struct yc_item_edit, pinyin, "pinyin_initials"),
	STORE_COL_TEXT(struct yc_item_edit, kind, "kind"),
	STORE_COL_INT(struct yc_item_edit, statutory_limit, "statutory_limit"),
	STORE_COL_INT(struct yc_item_edit, promised_limit, "promised_limit"),
	STORE_COL_INT(struct yc_item_edit, fee_fen, "fee_fen"),
	STORE_COL_TEXT(struct yc_item_edit, fee_note, "fee_note"),
	STORE_COL_TEXT(struct yc_item_edit, guide, "guide"),
	STORE_COL_TEXT(struct yc_item_edit, faq, "faq"),
	STORE_COL_TEXT(struct yc_item_edit, promise_conditions, "promise_conditions"),
};
static const char SQL_ITEM_LOAD[] =
	"SELECT id, department_id, code, name, pinyin_initials, kind, statutory_limit, promised_limit,"
	" fee_fen, fee_note, guide, faq, promise_conditions FROM service_items WHERE id = ?1";

static int item_load(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct load_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ITEM_LOAD);
	struct yc_item_edit *e = c->e;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	rc = db_step(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("This service item no longer exists."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	memset(e, 0, sizeof *e);
	store_map_row(s, item_edit_cols, (int)YC_ARRAY_LEN(item_edit_cols), e);
	return SQLITE_OK;
}

int store_item_load(struct yc_store *st, int64_t item_id, struct yc_item_edit *e, struct yc_err *err)
{
	struct load_ctx c = { item_id, e };

	return store_run(st, 0, item_load, &c, err);
}

/* The department an item, or a material's item, belongs to; then the
 * permission check. */
static const char SQL_ITEM_DEPT[] = "SELECT department_id FROM service_items WHERE id = ?1";
static const char SQL_MATERIAL_ITEM[] = "SELECT item_id FROM materials WHERE id = ?1";

static int catalog_edit_tx_lookup_id(struct yc_store *st, const char *sql, int64_t key, int64_t *out)
{
	db_stmt *s = store_prep(st, sql);
	int rc;

	*out = 0;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, key);
	rc = db_step(s);
	*out = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc == DB_DONE ? SQLITE_NOTFOUND : rc;
}

static int require_item(struct yc_store *st, const struct yc_user *u, int64_t item_id, struct yc_err *err)
{
	int64_t dept;
	int rc = catalog_edit_tx_lookup_id(st, SQL_ITEM_DEPT, item_id, &dept);

	if (rc == SQLITE_NOTFOUND) {
		yc_err_set(err, YC_EINVAL, "%s", _("This service item no longer exists."));
		return -1;
	}
	if (rc != SQLITE_OK)
		return rc;
	return auth_may_edit_catalog(u, dept, err) < 0 ? -1 : SQLITE_OK;
}

struct save_ctx {
	const struct yc_user *u;
	const struct yc_item_edit *e;
	int64_t material_id;
	int seq;
	const char *text, *day, *day_before;
	int required;
	int64_t item_id;
};

static const char SQL_ITEM_SAVE[] =
	"UPDATE service_items SET name = ?2, pinyin_initials = ?3, statutory_limit = ?4,"
	" promised_limit = ?5, fee_fen = ?6, fee_note = ?7, guide = ?8, faq = ?9, promise_conditions = ?10"
	" WHERE id = ?1";

static int item_save(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct save_ctx *c = vctx;
	const struct yc_item_edit *e = c->e;
	db_stmt *s;
	int rc = require_item(st, c->u, e->id, err);

	if (rc != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_ITEM_SAVE);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, e->id);
	db_bind_text(s, 2, e->name);
	db_bind_text(s, 3, e->pinyin);
	db_bind_int(s, 4, e->statutory_limit);
	db_bind_int(s, 5, e->promised_limit);
	db_bind_int(s, 6, e->fee_fen);
	db_bind_text(s, 7, e->fee_note);
	db_bind_text(s, 8, e->guide);
	db_bind_text(s, 9, e->faq);
	db_bind_text(s, 10, e->promise_conditions);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = store_items_fill_pinyin(st)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "service_item", e->id, "edited", NULL, e->name);
}

int store_item_save(struct yc_store *st, const struct yc_user *u, const struct yc_item_edit *e,
		    struct yc_err *err)
{
	struct save_ctx c = { u, e, 0, 0, NULL, NULL, NULL, 0, 0 };

	if (!e->name[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("The item needs a name."));
		return -1;
	}
	if (e->statutory_limit > 0 && e->promised_limit > e->statutory_limit) {
		yc_err_set(err, YC_EINVAL, "%s", _("The promised limit cannot be longer than the statutory limit."));
		return -1;
	}
	return store_run(st, 1, item_save, &c, err);
}

struct outline_ctx {
	int64_t item_id;
	const char *day;
	struct yc_outline_line *rows;
	int max, n;
};

/* An outline line's columns, declared once: both halves of SQL_OUTLINE
 * select them in this order (a material's own line with checkpoint 0,
 * version 0, no date and its name for text). */
static const struct store_col outline_cols[] = {
	STORE_COL_INT64(struct yc_outline_line, material_id, "m.id"),
	STORE_COL_INT(struct yc_outline_line, material_seq, "m.seq"),
	STORE_COL_INT(struct yc_outline_line, checkpoint_seq, "c.seq"),
	STORE_COL_INT(struct yc_outline_line, version, "c.version"),
	STORE_COL_TEXT(struct yc_outline_line, effective_from, "c.effective_from"),
	STORE_COL_TEXT(struct yc_outline_line, text, "c.text"),
	STORE_COL_INT(struct yc_outline_line, required, "m.required"),
	STORE_COL_INT(struct yc_outline_line, waivable, "m.waivable"),
};
/* Materials and their checkpoints in force, as one ordered list. */
static const char SQL_OUTLINE[] =
	"SELECT m.id, m.seq, 0, 0, '', m.name, m.required, m.waivable FROM materials m WHERE m.item_id = ?1"
	" UNION ALL"
	" SELECT m.id, m.seq, c.seq, c.version, c.effective_from, c.text, m.required, m.waivable"
	" FROM checkpoints c JOIN materials m ON m.id = c.material_id WHERE m.item_id = ?1"
	" AND c.effective_from <= ?2 AND (c.effective_to IS NULL OR c.effective_to >= ?2)"
	" ORDER BY 2, 3";

static int outline(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outline_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_OUTLINE);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->item_id);
	db_bind_text(s, 2, c->day);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, outline_cols, (int)YC_ARRAY_LEN(outline_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_item_outline(struct yc_store *st, int64_t item_id, const char *day,
		       struct yc_outline_line *rows, int max, int *n, struct yc_err *err)
{
	struct outline_ctx c = { item_id, day, rows, max, 0 };

	if (store_run(st, 0, outline, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

static const char SQL_MATERIAL_ADD[] =
	"INSERT INTO materials(item_id, seq, name, required)"
	" VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM materials WHERE item_id = ?1), ?2, ?3)";
static const char SQL_MATERIAL_RENAME[] =
	"UPDATE materials SET name = ?2, required = ?3,"
	" waivable = CASE WHEN waivable <> 0 AND ?3 <> 0 THEN 1 ELSE 0 END WHERE id = ?1";

static int material_save(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct save_ctx *c = vctx;
	db_stmt *s;
	int rc;

	if (c->material_id && (rc = catalog_edit_tx_lookup_id(st, SQL_MATERIAL_ITEM, c->material_id, &c->item_id)) != SQLITE_OK)
		return rc;
	if ((rc = require_item(st, c->u, c->item_id, err)) != SQLITE_OK)
		return rc;
	s = store_prep(st, c->material_id ? SQL_MATERIAL_RENAME : SQL_MATERIAL_ADD);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->material_id ? c->material_id : c->item_id);
	db_bind_text(s, 2, c->text);
	db_bind_int(s, 3, c->required);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "material",
			   c->material_id ? c->material_id : store_last_id(st),
			   c->material_id ? "edited" : "added", NULL, c->text);
}

int store_material_save(struct yc_store *st, const struct yc_user *u, int64_t item_id,
			int64_t material_id, const char *name, int required, struct yc_err *err)
{
	struct save_ctx c = { u, NULL, material_id, 0, name, NULL, NULL, required, item_id };

	if (!name[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("The material needs a name."));
		return -1;
	}
	return store_run(st, 1, material_save, &c, err);
}

/* Only what the applicant must hand in can be owed: an optional
 * material is never missing. */
static const char SQL_MATERIAL_WAIVABLE[] =
	"UPDATE materials SET waivable = ?2 WHERE id = ?1 AND (required = 1 OR ?2 = 0)";

static int material_waivable(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct save_ctx *c = vctx;
	db_stmt *s;
	int rc;

	if ((rc = catalog_edit_tx_lookup_id(st, SQL_MATERIAL_ITEM, c->material_id, &c->item_id)) != SQLITE_OK ||
	    (rc = require_item(st, c->u, c->item_id, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_MATERIAL_WAIVABLE)))
		return st->rc;
	db_bind_int64(s, 1, c->material_id);
	db_bind_int(s, 2, c->required);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("Only a required material can be marked as one to supply after acceptance: an optional one is never missing."));
		return -1;
	}
	return store_event(st, c->u->id, "material", c->material_id, "waivable", NULL, c->required ? "1" : "0");
}

int store_material_set_waivable(struct yc_store *st, const struct yc_user *u, int64_t material_id,
				int waivable, struct yc_err *err)
{
	struct save_ctx c = { u, NULL, material_id, 0, NULL, NULL, NULL, waivable != 0, 0 };

	return store_run(st, 1, material_waivable, &c, err);
}

static const char SQL_NEXT_CHECKPOINT_SEQ[] =
	"SELECT coalesce(max(seq), 0) + 1 FROM checkpoints WHERE material_id = ?1";

static int checkpoint_revise(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct save_ctx *c = vctx;
	int64_t item, next;
	int rc, change, seq = c->seq;
	char what[16];

	if ((rc = catalog_edit_tx_lookup_id(st, SQL_MATERIAL_ITEM, c->material_id, &item)) != SQLITE_OK)
		return rc;
	if ((rc = require_item(st, c->u, item, err)) != SQLITE_OK)
		return rc;
	if (seq == 0) {
		if ((rc = catalog_edit_tx_lookup_id(st, SQL_NEXT_CHECKPOINT_SEQ, c->material_id, &next)) != SQLITE_OK)
			return rc;
		seq = (int)next;
	}
	rc = store_checkpoint_set(st, c->material_id, seq, c->text, c->day, c->day_before, c->u->id, &change);
	if (rc != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "%d", seq);
	return store_event(st, c->u->id, "checkpoint", c->material_id,
			   change == 1 ? "added" : change == 2 ? "revised" : "unchanged", what, c->text);
}

int store_checkpoint_revise(struct yc_store *st, const struct yc_user *u, int64_t material_id,
			    int seq, const char *text, const char *day, struct yc_err *err)
{
	struct save_ctx c = { u, NULL, material_id, seq, text, day, NULL, 0, 0 };
	char before[11];
	yc_date d;

	if (!text[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("The checkpoint needs its text."));
		return -1;
	}
	if (date_parse(day, &d) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date (YYYY-MM-DD)."), day);
		return -1;
	}
	date_format(d - 1, before);
	c.day_before = before;
	return store_run(st, 1, checkpoint_revise, &c, err);
}

struct history_ctx {
	int64_t material_id;
	int seq;
	struct yc_checkpoint_version *rows;
	int max, n;
};

/* A checkpoint version's columns, declared once: SQL_HISTORY selects them
 * in this order. */
static const struct store_col version_cols[] = {
	STORE_COL_INT(struct yc_checkpoint_version, version, "c.version"),
	STORE_COL_TEXT(struct yc_checkpoint_version, effective_from, "c.effective_from"),
	STORE_COL_TEXT(struct yc_checkpoint_version, effective_to, "coalesce(c.effective_to, '')"),
	STORE_COL_TEXT(struct yc_checkpoint_version, changed_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_checkpoint_version, changed_at, "c.changed_at"),
	STORE_COL_TEXT(struct yc_checkpoint_version, text, "c.text"),
};
static const char SQL_HISTORY[] =
	"SELECT c.version, c.effective_from, coalesce(c.effective_to, ''), coalesce(u.full_name, ''),"
	" c.changed_at, c.text FROM checkpoints c LEFT JOIN users u ON u.id = c.changed_by"
	" WHERE c.material_id = ?1 AND c.seq = ?2 ORDER BY c.version";

static int catalog_edit_tx_history(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct history_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_HISTORY);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->material_id);
	db_bind_int(s, 2, c->seq);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, version_cols, (int)YC_ARRAY_LEN(version_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_checkpoint_history(struct yc_store *st, int64_t material_id, int seq,
			     struct yc_checkpoint_version *rows, int max, int *n, struct yc_err *err)
{
	struct history_ctx c = { material_id, seq, rows, max, 0 };

	if (store_run(st, 0, catalog_edit_tx_history, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}
