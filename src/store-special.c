/* store-special.c - the special windows' requests taken up by the
 * combined intake (store-special.h). */
#include "config.h"

#include <string.h>

#include "store-internal.h"
#include "store-select.h"
#include "store-special.h"

/* Both kinds as one list: a confirmed cross-region request no case
 * answers yet, and an approval of its project's current stage none
 * answers, not yet decided by the window before cases (its own state);
 * those taken at the site ?1 (the intake window's), or '' every site's. */
#define SPECIAL_WAITING \
	"FROM (SELECT 'remote' AS kind, r.id AS id, coalesce(r.confirmed_at, r.created_at) AS since," \
	"   r.home_region || ' ' || r.home_department AS what, ap.name AS applicant, i.name AS item" \
	"   FROM remote_requests r JOIN applicants ap ON ap.id = r.applicant_id" \
	"   JOIN service_items i ON i.id = r.item_id WHERE r.status = 'confirmed' AND r.case_id IS NULL" \
	"   AND " STORE_OF_SITE("r.site_id", "?1") \
	" UNION ALL SELECT 'approval', a.id, coalesce(a.updated_at, p.created_at), p.name," \
	"   p.builder, i.name FROM project_approvals a JOIN projects p ON p.id = a.project_id" \
	"   JOIN service_items i ON i.id = a.item_id" \
	"   WHERE a.case_id IS NULL AND a.stage = p.stage AND a.status IN ('pending', 'applied')" \
	"   AND " STORE_OF_SITE("p.site_id", "?1") ") w"

static const struct store_col special_cols[] = {
	STORE_COL_TEXT(struct yc_special_row, kind, "w.kind"),
	STORE_COL_INT64(struct yc_special_row, id, "w.id"),
	STORE_COL_TEXT(struct yc_special_row, since, "w.since"),
	STORE_COL_TEXT(struct yc_special_row, what, "w.what"),
	STORE_COL_TEXT(struct yc_special_row, applicant, "w.applicant"),
	STORE_COL_TEXT(struct yc_special_row, item, "w.item"),
};

static struct store_list special_list = {
	STORE_ROWS(struct yc_special_row, special_cols),
	.from = SPECIAL_WAITING,
	.n_params = 1,
	.key = { { 2, 0 }, { 0, 0 }, { 1, 0 } }, .n_key = 3,   /* since, kind, id */
};

int store_special_page(struct yc_store *st, const char *site_code, const struct yc_special_row *anchor,
		       int forward, struct yc_special_row *rows, int max, int *n, struct yc_err *err)
{
	return store_site_list_page(st, &special_list, site_code, anchor, forward, rows, max, n, err);
}

int store_special_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err)
{
	return store_site_list_count(st, &special_list, site_code, count, err);
}

/* Taking one up -------------------------------------------------------------- */

/* The request's item and applicant, its columns declared once: each
 * kind's SQL selects them in this order, then whether it still waits. */
static const struct store_col special_start_cols[] = {
	STORE_COL_INT64(struct intake, item_id, "item_id"),
	STORE_COLS_INTAKE_APPLICANT(""),
};
enum { SPECIAL_COL_WAITING = YC_ARRAY_LEN(special_start_cols) };
static const char SQL_REMOTE_START[] =
	"SELECT r.item_id, ap.kind, ap.name, ap.id_number, ap.phone, ap.legal_rep, ap.address,"
	" r.status = 'confirmed' AND r.case_id IS NULL"
	" FROM remote_requests r JOIN applicants ap ON ap.id = r.applicant_id WHERE r.id = ?1";
/* the builder as an organisation; its credit code is typed at the window */
static const char SQL_APPROVAL_START[] =
	"SELECT a.item_id, 'organisation', p.builder, '', '', '', p.location,"
	" a.case_id IS NULL AND a.stage = p.stage AND a.status IN ('pending', 'applied')"
	" FROM project_approvals a JOIN projects p ON p.id = a.project_id WHERE a.id = ?1";

struct start_ctx {
	int remote;
	int64_t id;
	const char *day;
	struct intake *in;
};

static int special_tx_start(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct start_ctx *c = vctx;
	db_stmt *s = store_prep(st, c->remote ? SQL_REMOTE_START : SQL_APPROVAL_START);
	struct intake_applicant a;
	int rc, waiting = 0;

	if (!s)
		return st->rc;
	memset(c->in, 0, sizeof *c->in);
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_map_row(s, special_start_cols, (int)YC_ARRAY_LEN(special_start_cols), c->in);
		waiting = db_col_int(s, SPECIAL_COL_WAITING);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!waiting) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This request is not waiting any more: another window has taken it up, or it changed."));
		return -1;
	}
	a = c->in->a;
	if ((rc = store_intake_load_item(st, c->in->item_id, c->day, c->in, err)) != SQLITE_OK)
		return rc;
	c->in->a = a;
	c->in->round = 1;
	if (c->remote)
		c->in->remote_id = c->id;
	else
		c->in->approval_id = c->id;
	return SQLITE_OK;
}

int store_special_start(struct yc_store *st, const char *kind, int64_t id, const char *day, struct intake *in,
			struct yc_err *err)
{
	struct start_ctx c = { strcmp(kind, "remote") == 0, id, day, in };

	if (store_run(st, 0, special_tx_start, &c, err) < 0)
		return -1;
	store_new_record_uid(in->record_uid);
	return 0;
}

/* Linking, inside the record's save ------------------------------------------ */

/* A second save of the same record (the applicant back with corrections)
 * finds the link made by the first. */
static const char SQL_REMOTE_LINK[] =
	"UPDATE remote_requests SET case_id = ?2, version = version + 1"
	" WHERE id = ?1 AND status = 'confirmed' AND (case_id IS NULL OR case_id = ?2)";
static const char SQL_APPROVAL_LINK[] =
	"UPDATE project_approvals SET case_id = ?2, status = 'applied', updated_by = ?3, updated_at = ?4"
	" WHERE id = ?1 AND (case_id IS NULL OR case_id = ?2) RETURNING project_id";

static int special_link_remote(struct yc_store *st, int64_t user_id, const struct intake *in, int64_t case_id,
			       const char *case_number, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_REMOTE_LINK);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, in->remote_id);
	db_bind_int64(s, 2, case_id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This cross-region request was taken up by another window meanwhile; nothing was saved."));
		return -1;
	}
	return store_event(st, user_id, "remote", in->remote_id, "case", NULL, case_number);
}

static int special_link_approval(struct yc_store *st, int64_t user_id, const struct intake *in, int64_t case_id,
				 const char *case_number, const char *now, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_APPROVAL_LINK);
	int64_t project_id = 0;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, in->approval_id);
	db_bind_int64(s, 2, case_id);
	db_bind_int64(s, 3, user_id);
	db_bind_text(s, 4, now);
	rc = db_step(s);
	if (rc == DB_ROW)
		project_id = db_col_int64(s, 0);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This construction approval was taken up by another window meanwhile; nothing was saved."));
		return -1;
	}
	return store_event(st, user_id, "project", project_id, "approval_case", NULL, case_number);
}

static const char SQL_DECIDED_ELSEWHERE[] =
	"SELECT count(*) FROM remote_requests WHERE id = ?1 AND direction = 'outgoing'";

int store_special_decided_elsewhere_tx(struct yc_store *st, const struct intake *in, int *elsewhere)
{
	struct store_param p[] = { STORE_PARAM_INT(in->remote_id) };
	long n = 0;
	int rc = SQLITE_OK;

	*elsewhere = 0;
	if (in->remote_id && (rc = store_count_tx(st, SQL_DECIDED_ELSEWHERE, p, 1, &n)) == SQLITE_OK)
		*elsewhere = n > 0;
	return rc;
}

int store_special_link_tx(struct yc_store *st, int64_t user_id, const struct intake *in, int64_t case_id,
			  const char *case_number, const char *now, struct yc_err *err)
{
	if (in->remote_id)
		return special_link_remote(st, user_id, in, case_id, case_number, err);
	if (in->approval_id)
		return special_link_approval(st, user_id, in, case_id, case_number, now, err);
	return SQLITE_OK;
}
