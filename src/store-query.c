/* store-query.c - the citizen's progress query (store-query.h): the
 * password checked and the guard kept in one write transaction, so that
 * two kiosks guessing at once count every guess. */
#include "config.h"

#include <string.h>

#include "case-query.h"
#include "store-query.h"
#include "store-select.h"

struct query_ctx {
	const char *case_number, *password;
	struct yc_case_progress *p;
	struct query_guard guard;
	int found, right, locked, delay_ms;
};

static const char SQL_QUERY_CASE[] =
	"SELECT c.id, coalesce(c.query_password, ''), coalesce(g.failures, 0),"
	" coalesce(g.first_failed_at, ''), coalesce(g.locked_until, '')"
	" FROM cases c LEFT JOIN case_query_guards g ON g.case_id = c.id WHERE c.case_number = ?1";
static const char SQL_GUARD_SET[] =
	"INSERT INTO case_query_guards(case_id, failures, first_failed_at, locked_until)"
	" VALUES (?1, ?2, nullif(?3, ''), nullif(?4, '')) ON CONFLICT(case_id) DO UPDATE SET"
	" failures = excluded.failures, first_failed_at = excluded.first_failed_at,"
	" locked_until = excluded.locked_until";
static const char SQL_GUARD_CLEAR[] = "DELETE FROM case_query_guards WHERE case_id = ?1";

/* Why the case's clock is stopped, as STORE_CASE_SUSPENDED_ON says since when. */
#define SUSPENSION_KIND \
	"coalesce((SELECT reason_kind FROM suspensions s WHERE s.case_id = c.id AND s.ended_on IS NULL" \
	" AND s.reason_kind <> 'extension' ORDER BY s.id DESC LIMIT 1), '')"

/* What the public sees of a case, declared once: SQL_PROGRESS selects
 * these columns in this order. */
static const struct store_col progress_cols[] = {
	STORE_COL_INT64(struct yc_case_progress, case_id, "c.id"),
	STORE_COL_TEXT(struct yc_case_progress, case_number, "c.case_number"),
	STORE_COL_TEXT(struct yc_case_progress, item, "i.name"),
	STORE_COL_TEXT(struct yc_case_progress, department, "d.name"),
	STORE_COL_READ(struct yc_case_progress, applicant, "a.name", store_read_name_masked),
	STORE_COL_TEXT(struct yc_case_progress, status, "c.status"),
	STORE_COL_TEXT(struct yc_case_progress, accepted_at, "coalesce(c.accepted_at, '')"),
	STORE_COL_TEXT(struct yc_case_progress, promised_date, "coalesce(c.promised_date, '')"),
	STORE_COL_TEXT(struct yc_case_progress, suspended_on, STORE_CASE_SUSPENDED_ON),
	STORE_COL_TEXT(struct yc_case_progress, suspension_kind, SUSPENSION_KIND),
	STORE_COL_TEXT(struct yc_case_progress, site, "t.name"),
	STORE_COL_TEXT(struct yc_case_progress, pickup_method, "coalesce(p.method, '')"),
	STORE_COL_TEXT(struct yc_case_progress, tracking, "coalesce(p.tracking_number, '')"),
	STORE_COL_TEXT(struct yc_case_progress, closed_at, "coalesce(c.closed_at, '')"),
	STORE_COL_INT64(struct yc_case_progress, fee_due_fen, STORE_CASE_FEE_DUE("c.id")),
};
static const char SQL_PROGRESS[] =
	"SELECT c.id, c.case_number, i.name, d.name, a.name, c.status, coalesce(c.accepted_at, ''),"
	" coalesce(c.promised_date, ''), " STORE_CASE_SUSPENDED_ON ","
	" " SUSPENSION_KIND ","
	" t.name, coalesce(p.method, ''), coalesce(p.tracking_number, ''), coalesce(c.closed_at, ''),"
	" " STORE_CASE_FEE_DUE("c.id")
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN departments d ON d.id = i.department_id"
	" JOIN applicants a ON a.id = c.applicant_id JOIN sites t ON t.id = c.site_id"
	" LEFT JOIN pickups p ON p.case_id = c.id WHERE c.id = ?1";
/* The materials found missing or not conforming at the last round of
 * review: what the applicant still has to bring. */
static const char SQL_PROGRESS_MISSING[] =
	"SELECT m.name FROM case_materials cm JOIN materials m ON m.id = cm.material_id"
	" JOIN verdicts v ON v.case_material_id = cm.id WHERE cm.case_id = ?1 AND v.verdict <> 'conforming'"
	" AND v.round = (SELECT max(v2.round) FROM verdicts v2 JOIN case_materials cm2 ON cm2.id = v2.case_material_id"
	" WHERE cm2.case_id = ?1) GROUP BY m.name ORDER BY min(m.seq)";

static int query_read_guard(struct yc_store *st, struct query_ctx *c, int64_t *case_id, char stored[64])
{
	db_stmt *s = store_prep(st, SQL_QUERY_CASE);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->case_number);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found) {
		*case_id = db_col_int64(s, 0);
		store_col_text(s, 1, stored, 64);
		c->guard.failures = db_col_int(s, 2);
		store_col_text(s, 3, c->guard.first_failed_at, sizeof c->guard.first_failed_at);
		store_col_text(s, 4, c->guard.locked_until, sizeof c->guard.locked_until);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int query_save_guard(struct yc_store *st, int64_t case_id, const struct query_guard *g)
{
	db_stmt *s = store_prep(st, g->failures || g->locked_until[0] ? SQL_GUARD_SET : SQL_GUARD_CLEAR);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	if (g->failures || g->locked_until[0]) {
		db_bind_int(s, 2, g->failures);
		db_bind_text(s, 3, g->first_failed_at);
		db_bind_text(s, 4, g->locked_until);
	}
	return store_step_done(s);
}

static int query_read_progress(struct yc_store *st, int64_t case_id, struct yc_case_progress *p)
{
	db_stmt *s = store_prep(st, SQL_PROGRESS);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	rc = db_step(s);
	if (rc == DB_ROW)
		store_map_row(s, progress_cols, (int)YC_ARRAY_LEN(progress_cols), p);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_CORRUPT : rc;
	if (!(s = store_prep(st, SQL_PROGRESS_MISSING)))
		return st->rc;
	db_bind_int64(s, 1, case_id);
	while ((rc = db_step(s)) == DB_ROW && p->n_missing < YC_PROGRESS_MISSING)
		store_col_text(s, 0, p->missing[p->n_missing++], sizeof p->missing[0]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int query_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct query_ctx *c = vctx;
	char stored[64] = "", now[20];
	int64_t case_id = 0;
	int rc, was_guarded;

	memset(c->p, 0, sizeof *c->p);
	memset(&c->guard, 0, sizeof c->guard);
	c->right = c->locked = c->delay_ms = 0;
	if ((rc = query_read_guard(st, c, &case_id, stored)) != SQLITE_OK)
		return rc;
	c->right = query_password_matches(stored, c->password);   /* "" never matches */
	if (!c->found)
		return SQLITE_OK;
	yc_now(now);
	if ((c->locked = query_guard_locked(&c->guard, now)))
		return SQLITE_OK;
	was_guarded = c->guard.failures || c->guard.locked_until[0];
	if (c->right) {
		query_guard_clear(&c->guard);
		if (was_guarded && (rc = query_save_guard(st, case_id, &c->guard)) != SQLITE_OK)
			return rc;
		return query_read_progress(st, case_id, c->p);
	}
	c->delay_ms = query_guard_fail(&c->guard, now);
	if ((rc = query_save_guard(st, case_id, &c->guard)) != SQLITE_OK)
		return rc;
	if ((c->locked = c->guard.locked_until[0] != '\0'))
		return store_event(st, 0, "case", case_id, "query_locked", NULL, c->guard.locked_until);
	return SQLITE_OK;
}

int store_case_query(struct yc_store *st, const char *case_number, const char *password,
		     struct yc_case_progress *p, int *delay_ms, struct yc_err *err)
{
	struct query_ctx c;

	memset(&c, 0, sizeof c);
	c.case_number = case_number;
	c.password = password;
	c.p = p;
	*delay_ms = 0;
	if (store_run(st, 1, query_tx, &c, err) < 0)
		return -1;
	*delay_ms = c.delay_ms;
	if (c.locked) {
		yc_err_set(err, YC_ELOCKED,
			   _("Too many wrong query passwords for this case: its query is locked until %.16s. Ask at the hall or call again later."),
			   c.guard.locked_until);
		return -1;
	}
	if (!c.found || !c.right) {
		yc_err_set(err, YC_EAUTH, "%s",
			   _("Wrong case number or query password: both are on the acceptance notice."));
		return -1;
	}
	return 0;
}
