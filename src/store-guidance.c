/* store-guidance.c - what the guidance desk reads and records: an item's
 * materials, consultations, questions escalated to departments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-catalog.h"
#include "store-guidance.h"
#include "store-internal.h"

struct materials_ctx {
	int64_t item_id;
	const char *day;
	struct yc_material_row *rows;
	int max, n;
};

static const char SQL_MATERIALS[] =
	"SELECT m.id, m.seq, m.name, m.required, m.originals, m.copies, m.form, m.note,"
	" coalesce((SELECT group_concat(text, '；') FROM (SELECT c.text FROM checkpoints c"
	"   WHERE c.material_id = m.id AND c.effective_from <= ?2"
	"   AND (c.effective_to IS NULL OR c.effective_to >= ?2) ORDER BY c.seq)), '')"
	" FROM materials m WHERE m.item_id = ?1 ORDER BY m.seq";

static int guidance_tx_materials(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct materials_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_MATERIALS);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_int64(s, 1, c->item_id);
	sqlite3_bind_text(s, 2, c->day, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_material_row *r = &c->rows[c->n++];

		r->id = sqlite3_column_int64(s, 0);
		r->seq = sqlite3_column_int(s, 1);
		store_col_text(s, 2, r->name, sizeof r->name);
		r->required = sqlite3_column_int(s, 3);
		r->originals = sqlite3_column_int(s, 4);
		r->copies = sqlite3_column_int(s, 5);
		store_col_text(s, 6, r->form, sizeof r->form);
		store_col_text(s, 7, r->note, sizeof r->note);
		store_col_text(s, 8, r->checkpoints, sizeof r->checkpoints);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
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

static const char SQL_ITEM_INFO[] =
	"SELECT i.id, i.code, i.name, i.department_id, d.name, i.window_category, w.name, i.kind"
	" FROM service_items i JOIN departments d ON d.id = i.department_id"
	" JOIN window_categories w ON w.code = i.window_category WHERE i.id = ?1";

static int item_info(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct info_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_ITEM_INFO);
	struct yc_item_info *i = c->info;
	int rc;

	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, c->item_id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		yc_err_set(err, YC_EINVAL, _("This service item no longer exists."));
		return -1;
	}
	if (rc != SQLITE_ROW)
		return rc;
	memset(i, 0, sizeof *i);
	i->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, i->code, sizeof i->code);
	store_col_text(s, 2, i->name, sizeof i->name);
	i->department_id = sqlite3_column_int64(s, 3);
	store_col_text(s, 4, i->department, sizeof i->department);
	store_col_text(s, 5, i->window_category, sizeof i->window_category);
	store_col_text(s, 6, i->window_name, sizeof i->window_name);
	store_col_text(s, 7, i->kind, sizeof i->kind);
	return SQLITE_OK;
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
	" department_id, missing) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

static void bind_id(sqlite3_stmt *s, int col, int64_t id)
{
	if (id > 0)
		sqlite3_bind_int64(s, col, id);
	else
		sqlite3_bind_null(s, col);
}

int store_consultation_insert(struct yc_store *st, int64_t user_id, const struct yc_consultation *c)
{
	sqlite3_stmt *s = store_prep(st, SQL_CONSULT_ADD);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	sqlite3_bind_text(s, 1, now, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 2, user_id);
	bind_id(s, 3, c->item_id);
	sqlite3_bind_text(s, 4, c->outcome, -1, SQLITE_STATIC);
	bind_id(s, 5, c->ticket_id);
	sqlite3_bind_text(s, 6, c->question ? c->question : "", -1, SQLITE_STATIC);
	bind_id(s, 7, c->department_id);
	sqlite3_bind_text(s, 8, c->missing ? c->missing : "", -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc != SQLITE_DONE)
		return rc;
	return store_event(st, user_id, "consultation", sqlite3_last_insert_rowid(st->db),
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
	sqlite3_stmt *s = store_prep(st, c->department_id ? SQL_QUESTIONS_DEPT : SQL_QUESTIONS_USER);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_int64(s, 1, c->department_id ? c->department_id : c->user_id);
	sqlite3_bind_int(s, 2, c->max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_question *q = &c->rows[c->n++];

		q->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, q->at, sizeof q->at);
		store_col_text(s, 2, q->asked_by, sizeof q->asked_by);
		store_col_text(s, 3, q->item, sizeof q->item);
		store_col_text(s, 4, q->department, sizeof q->department);
		store_col_text(s, 5, q->question, sizeof q->question);
		store_col_text(s, 6, q->answer, sizeof q->answer);
		store_col_text(s, 7, q->answered_by, sizeof q->answered_by);
		store_col_text(s, 8, q->answered_at, sizeof q->answered_at);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
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
	sqlite3_stmt *s = store_prep(st, SQL_ANSWER);
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
	sqlite3_bind_int64(s, 1, c->id);
	sqlite3_bind_int64(s, 2, c->department_id);
	sqlite3_bind_text(s, 3, c->answer, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, c->user_id);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	if (sqlite3_changes(st->db) != 1) {
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
