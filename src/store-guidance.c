/* store-guidance.c - what the guidance desk reads and records: an item's
 * materials, consultations, questions escalated to departments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-catalog.h"
#include "store-guidance.h"
#include "store-internal.h"
#include "store-select.h"

struct materials_ctx {
	int64_t item_id;
	const char *day;
	struct yc_material_row *rows;
	int max, n;
};

/* The checkpoints of material m in force on ?2, joined. */
#define MATERIAL_CHECKPOINTS \
	"coalesce((SELECT group_concat(text, '；') FROM (SELECT c.text FROM checkpoints c" \
	"   WHERE c.material_id = m.id AND c.effective_from <= ?2" \
	"   AND (c.effective_to IS NULL OR c.effective_to >= ?2) ORDER BY c.seq) AS in_force), '')"

/* A material's columns, declared once: SQL_MATERIALS selects them in this
 * order. */
static const struct store_col material_cols[] = {
	STORE_COL_INT64(struct yc_material_row, id, "m.id"),
	STORE_COL_INT(struct yc_material_row, seq, "m.seq"),
	STORE_COL_TEXT(struct yc_material_row, name, "m.name"),
	STORE_COL_INT(struct yc_material_row, required, "m.required"),
	STORE_COL_INT(struct yc_material_row, originals, "m.originals"),
	STORE_COL_INT(struct yc_material_row, copies, "m.copies"),
	STORE_COL_TEXT(struct yc_material_row, form, "m.form"),
	STORE_COL_TEXT(struct yc_material_row, note, "m.note"),
	STORE_COL_TEXT(struct yc_material_row, checkpoints, MATERIAL_CHECKPOINTS),
};
static const char SQL_MATERIALS[] =
	"SELECT m.id, m.seq, m.name, m.required, m.originals, m.copies, m.form, m.note, " MATERIAL_CHECKPOINTS
	" FROM materials m WHERE m.item_id = ?1 ORDER BY m.seq";

int store_item_materials_tx(struct yc_store *st, int64_t item_id, const char *day, struct yc_material_row *rows,
			    int max, int *n)
{
	db_stmt *s = store_prep(st, SQL_MATERIALS);
	int rc;

	if (!s)
		return st->rc;
	*n = 0;
	db_bind_int64(s, 1, item_id);
	db_bind_text(s, 2, day);
	while ((rc = db_step(s)) == DB_ROW && *n < max)
		store_map_row(s, material_cols, (int)YC_ARRAY_LEN(material_cols), &rows[(*n)++]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int guidance_tx_materials(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct materials_ctx *c = vctx;

	(void)err;
	return store_item_materials_tx(st, c->item_id, c->day, c->rows, c->max, &c->n);
}

int store_item_materials(struct yc_store *st, int64_t item_id, const char *day,
			 struct yc_material_row *rows, int max, int *n, struct yc_err *err)
{
	struct materials_ctx c = { item_id, day, rows, max, 0 };

	if (store_run(st, 0, guidance_tx_materials, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

struct info_ctx {
	int64_t item_id;
	struct yc_item_info *info;
};

/* An item's facts, declared once: SQL_ITEM_INFO selects them in this order. */
static const struct store_col item_info_cols[] = {
	STORE_COL_INT64(struct yc_item_info, id, "i.id"),
	STORE_COL_TEXT(struct yc_item_info, code, "i.code"),
	STORE_COL_TEXT(struct yc_item_info, name, "i.name"),
	STORE_COL_INT64(struct yc_item_info, department_id, "i.department_id"),
	STORE_COL_TEXT(struct yc_item_info, department, "d.name"),
	STORE_COL_TEXT(struct yc_item_info, window_category, "i.window_category"),
	STORE_COL_TEXT(struct yc_item_info, window_name, "w.name"),
	STORE_COL_TEXT(struct yc_item_info, kind, "i.kind"),
};
static const char SQL_ITEM_INFO[] =
	"SELECT i.id, i.code, i.name, i.department_id, d.name, i.window_category, w.name, i.kind"
	" FROM service_items i JOIN departments d ON d.id = i.department_id"
	" JOIN window_categories w ON w.code = i.window_category WHERE i.id = ?1";

int store_item_info_tx(struct yc_store *st, int64_t item_id, struct yc_item_info *info, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_ITEM_INFO);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, item_id);
	rc = db_step(s);
	if (rc == DB_ROW) {
		memset(info, 0, sizeof *info);
		store_map_row(s, item_info_cols, (int)YC_ARRAY_LEN(item_info_cols), info);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, _("This service item no longer exists."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int item_info(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct info_ctx *c = vctx;

	return store_item_info_tx(st, c->item_id, c->info, err);
}

int store_item_info(struct yc_store *st, int64_t item_id, struct yc_item_info *info,
		    struct yc_err *err)
{
	struct info_ctx c = { item_id, info };

	return store_run(st, 0, item_info, &c, err);
}

struct consult_ctx {
	int64_t user_id;
	const struct yc_consultation *c;
};

static const char SQL_CONSULT_ADD[] =
	"INSERT INTO consultations(at, user_id, item_id, outcome, ticket_id, question,"
	" department_id, missing, site_id) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, " STORE_SITE_ID_OR_HALL("?9") ")";

static void bind_id(db_stmt *s, int col, int64_t id)
{
	if (id > 0)
		db_bind_int64(s, col, id);
	else
		db_bind_null(s, col);
}

int store_consultation_insert(struct yc_store *st, int64_t user_id, const struct yc_consultation *c)
{
	db_stmt *s = store_prep(st, SQL_CONSULT_ADD);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_text_copy(s, 1, now);
	db_bind_int64(s, 2, user_id);
	bind_id(s, 3, c->item_id);
	db_bind_text(s, 4, c->outcome);
	bind_id(s, 5, c->ticket_id);
	db_bind_text(s, 6, c->question ? c->question : "");
	bind_id(s, 7, c->department_id);
	db_bind_text(s, 8, c->missing ? c->missing : "");
	db_bind_text(s, 9, c->site_code);
	rc = db_step(s);
	if (rc != DB_DONE)
		return rc;
	return store_event(st, user_id, "consultation", store_last_id(st),
			   c->outcome, NULL, NULL);
}

static int consultation_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct consult_ctx *x = vctx;
	int rc = store_user_may(st, x->user_id, PERM_GUIDANCE, NULL, err);

	return rc != SQLITE_OK ? rc : store_consultation_insert(st, x->user_id, x->c);
}

int store_consultation_add(struct yc_store *st, int64_t user_id,
			   const struct yc_consultation *c, struct yc_err *err)
{
	struct consult_ctx x = { user_id, c };

	if (strcmp(c->outcome, "escalated") == 0 && (!c->question || !c->question[0])) {
		yc_err_set(err, YC_EINVAL, _("Please type the question for the department."));
		return -1;
	}
	return store_run(st, 1, consultation_add, &x, err);
}

struct questions_ctx {
	int64_t department_id, user_id;
	struct yc_question *rows;
	int max, n;
};

/* An escalated question's columns, declared once: QUESTION_COLUMNS selects
 * them in this order. */
static const struct store_col question_cols[] = {
	STORE_COL_INT64(struct yc_question, id, "q.id"),
	STORE_COL_TEXT(struct yc_question, at, "q.at"),
	STORE_COL_TEXT(struct yc_question, asked_by, "u.full_name"),
	STORE_COL_TEXT(struct yc_question, item, "coalesce(i.name, '')"),
	STORE_COL_TEXT(struct yc_question, department, "coalesce(d.name, '')"),
	STORE_COL_TEXT(struct yc_question, question, "q.question"),
	STORE_COL_TEXT(struct yc_question, answer, "coalesce(q.answer, '')"),
	STORE_COL_TEXT(struct yc_question, answered_by, "coalesce(a.full_name, '')"),
	STORE_COL_TEXT(struct yc_question, answered_at, "coalesce(q.answered_at, '')"),
};
#define QUESTION_COLUMNS \
	"SELECT q.id, q.at, u.full_name, coalesce(i.name, ''), coalesce(d.name, ''), q.question," \
	" coalesce(q.answer, ''), coalesce(a.full_name, ''), coalesce(q.answered_at, '')" \
	" FROM consultations q JOIN users u ON u.id = q.user_id" \
	" LEFT JOIN service_items i ON i.id = q.item_id LEFT JOIN departments d ON d.id = q.department_id" \
	" LEFT JOIN users a ON a.id = q.answered_by WHERE q.outcome = 'escalated'"

static const char SQL_QUESTIONS_DEPT[] = QUESTION_COLUMNS
	" AND q.department_id = ?1 ORDER BY q.answered_at IS NOT NULL, q.at DESC LIMIT ?2";
static const char SQL_QUESTIONS_USER[] = QUESTION_COLUMNS
	" AND q.user_id = ?1 ORDER BY q.at DESC LIMIT ?2";

static int questions(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct questions_ctx *c = vctx;
	db_stmt *s = store_prep(st, c->department_id ? SQL_QUESTIONS_DEPT : SQL_QUESTIONS_USER);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->department_id ? c->department_id : c->user_id);
	db_bind_int(s, 2, c->max);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, question_cols, (int)YC_ARRAY_LEN(question_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_questions(struct yc_store *st, int64_t department_id, int64_t user_id,
		    struct yc_question *rows, int max, int *n, struct yc_err *err)
{
	struct questions_ctx c = { department_id, user_id, rows, max, 0 };

	if (store_run(st, 0, questions, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

struct answer_ctx {
	int64_t id, department_id;
	const char *answer;
	int64_t user_id;
};

/* Only an open question of the answering department is touched. */
static const char SQL_ANSWER[] =
	"UPDATE consultations SET answer = ?3, answered_by = ?4, answered_at = ?5"
	" WHERE id = ?1 AND department_id = ?2 AND outcome = 'escalated' AND answered_at IS NULL";

static int guidance_tx_answer(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct answer_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ANSWER);
	char now[20];
	int64_t own_department;
	int rc;

	if (!s)
		return st->rc;
	/* a reviewer answers for their own department only */
	if ((rc = store_user_may(st, c->user_id, PERM_QUESTIONS, &own_department, err)) != SQLITE_OK)
		return rc;
	if (own_department != c->department_id) {
		yc_err_set(err, YC_EDENIED, "%s", _("This question belongs to another department."));
		return -1;
	}
	yc_now(now);
	db_bind_int64(s, 1, c->id);
	db_bind_int64(s, 2, c->department_id);
	db_bind_text(s, 3, c->answer);
	db_bind_int64(s, 4, c->user_id);
	db_bind_text_copy(s, 5, now);
	rc = db_step(s);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT,
			   _("This question has already been answered, or belongs to another department."));
		return -1;
	}
	return store_event(st, c->user_id, "consultation", c->id, "answered", NULL, NULL);
}

int store_question_answer(struct yc_store *st, int64_t question_id, int64_t department_id,
			  const char *text, int64_t user_id, struct yc_err *err)
{
	struct answer_ctx c = { question_id, department_id, text, user_id };

	if (!text[0]) {
		yc_err_set(err, YC_EINVAL, _("Please type the answer."));
		return -1;
	}
	return store_run(st, 1, guidance_tx_answer, &c, err);
}
