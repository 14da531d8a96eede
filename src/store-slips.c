/* store-slips.c - transfer slips (材料证照流转单): the lists of slips waiting
 * for handover, what a slip lists, and the handover itself, confirmed by
 * the person receiving. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-select.h"
#include "store-slips.h"
#include "store-users.h"

/* A slip; ?1 in every list is today (a slip still waiting is late once
 * its day is over). */
static const struct store_col slip_cols[] = {
	STORE_COL_INT64(struct yc_slip_row, id, "t.id"),
	STORE_COL_TEXT(struct yc_slip_row, number, "t.number"),
	STORE_COL_INT64(struct yc_slip_row, case_id, "t.case_id"),
	STORE_COL_TEXT(struct yc_slip_row, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_slip_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_slip_row, applicant, "a.name"),
	STORE_COL_INT64(struct yc_slip_row, department_id, "t.department_id"),
	STORE_COL_TEXT(struct yc_slip_row, department, "d.name"),
	STORE_COL_TEXT(struct yc_slip_row, envelope, "t.envelope"),
	STORE_COL_TEXT(struct yc_slip_row, direction, "t.direction"),
	STORE_COL_TEXT(struct yc_slip_row, created_at, "t.created_at"),
	STORE_COL_TEXT(struct yc_slip_row, handed_at, "coalesce(t.handed_at, '')"),
	STORE_COL_TEXT(struct yc_slip_row, handed_by, "coalesce(g.full_name, '')"),
	STORE_COL_TEXT(struct yc_slip_row, received_by, "coalesce(r.full_name, '')"),
	STORE_COL_INT(struct yc_slip_row, version, "t.version"),
	/* in brackets: as a sort key it is compared whole */
	STORE_COL_INT(struct yc_slip_row, late,
		      "(coalesce(substr(t.handed_at, 1, 10), ?1) > substr(t.created_at, 1, 10))"),
};
enum { SLIP_COL_ID = 0, SLIP_COL_CREATED = 10, SLIP_COL_LATE = 15 };

#define SLIP_FROM \
	"FROM transfer_slips t JOIN cases c ON c.id = t.case_id" \
	" JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id" \
	" JOIN departments d ON d.id = t.department_id" \
	" LEFT JOIN users g ON g.id = t.handed_by LEFT JOIN users r ON r.id = t.received_by"
/* ?2 the direction, ?3 a department or 0 for all, ?4 a part of the case
 * or slip number in any case, or '' for all, ?5 the site of the cases
 * or '' for every site's */
#define SLIPS_WAITING_WHERE \
	"t.handed_at IS NULL AND t.direction = ?2 AND (?3 = 0 OR t.department_id = ?3)" \
	" AND (?4 = '' OR instr(upper(c.case_number), upper(?4)) > 0 OR instr(upper(t.number), upper(?4)) > 0)" \
	" AND " STORE_CASE_OF_SITE("?5")

/* those left over from an earlier day first, then the oldest first */
static struct store_list slips_waiting = {
	STORE_ROWS(struct yc_slip_row, slip_cols),
	.from = SLIP_FROM,
	.where = SLIPS_WAITING_WHERE,
	.n_params = 5,
	.key = { { SLIP_COL_LATE, 1 }, { SLIP_COL_CREATED, 0 }, { SLIP_COL_ID, 0 } }, .n_key = 3,
};

static const char SQL_SLIPS_LATE[] =
	"SELECT count(*) " SLIP_FROM " WHERE " SLIPS_WAITING_WHERE " AND substr(t.created_at, 1, 10) < ?1";

/* ?2 the case, the newest first */
static struct store_list case_slips = {
	STORE_ROWS(struct yc_slip_row, slip_cols),
	.from = SLIP_FROM,
	.where = "t.case_id = ?2",
	.n_params = 2,
	.key = { { SLIP_COL_ID, 1 } }, .n_key = 1,
};

/* ?2 the slip */
static struct store_list slip_by_id = {
	STORE_ROWS(struct yc_slip_row, slip_cols),
	.from = SLIP_FROM,
	.where = "t.id = ?2",
	.n_params = 2,
	.key = { { SLIP_COL_ID, 0 } }, .n_key = 1,
};

int store_slips_waiting_page(struct yc_store *st, const char *site_code, const char *direction,
			     int64_t department_id, const char *today, const char *search,
			     const struct yc_slip_row *anchor, int forward, struct yc_slip_row *rows, int max, int *n,
			     struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_TEXT(direction),
				   STORE_PARAM_INT(department_id), STORE_PARAM_TEXT(search), STORE_PARAM_TEXT(site_code) };

	return store_list_page(st, &slips_waiting, p, anchor, forward, rows, max, n, err);
}

struct waiting_count {
	const struct store_param *params;
	long *all, *late;
};

static int waiting_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct waiting_count *c = vctx;
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, &slips_waiting, c->params, c->all)) != SQLITE_OK)
		return rc;
	return store_count_tx(st, SQL_SLIPS_LATE, c->params, 5, c->late);
}

int store_slips_waiting_count(struct yc_store *st, const char *site_code, const char *direction,
			      int64_t department_id, const char *today, const char *search, long *all, long *late,
			      struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_TEXT(direction),
				   STORE_PARAM_INT(department_id), STORE_PARAM_TEXT(search), STORE_PARAM_TEXT(site_code) };
	struct waiting_count c = { p, all, late };

	*all = *late = 0;
	return store_run(st, 0, waiting_count, &c, err) < 0 ? -1 : 0;
}

int store_case_slips(struct yc_store *st, int64_t case_id, struct yc_slip_row *rows, int max, int *n,
		     struct yc_err *err)
{
	char today[11];
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_INT(case_id) };

	yc_today(today);
	return store_list_page(st, &case_slips, p, NULL, 1, rows, max, n, err);
}

struct materials_ctx {
	int64_t slip_id;
	void (*each)(void *ctx, const char *name, int paper, int electronic);
	void *ctx;
};

static const char SQL_SLIP_MATERIALS[] =
	"SELECT name, paper_count, electronic_count FROM slip_materials WHERE slip_id = ?1 ORDER BY rowid";

static int slips_tx_materials(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct materials_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_SLIP_MATERIALS);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->each(c->ctx, NULL, 0, 0);   /* start over after a busy retry */
	db_bind_int64(s, 1, c->slip_id);
	while ((rc = db_step(s)) == DB_ROW)
		c->each(c->ctx, db_col_text(s, 0), db_col_int(s, 1),
			db_col_int(s, 2));
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_slip_materials(struct yc_store *st, int64_t slip_id,
			 void (*each)(void *ctx, const char *name, int paper, int electronic), void *ctx,
			 struct yc_err *err)
{
	struct materials_ctx c = { slip_id, each, ctx };

	return store_run(st, 0, slips_tx_materials, &c, err);
}

/* Handover ---------------------------------------------------------------------- */

struct handover_ctx {
	const struct yc_user *giver, *receiver;
	int64_t slip_id;
	int version;
	char now[20];
};

static const char SQL_SLIP_HAND[] =
	"UPDATE transfer_slips SET handed_by = ?2, received_by = ?3, handed_at = ?4, version = version + 1"
	" WHERE id = ?1 AND handed_at IS NULL AND version = ?5";

/* The one receiving must be a reviewer of the slip's department (to the
 * department) or a pickup clerk (to pickup). */
static int receiver_fits(const struct yc_user *r, const struct yc_slip_row *slip, struct yc_err *err)
{
	if (strcmp(slip->direction, "to_department") == 0) {
		if (auth_role_allows(r->role, PERM_BACKOFFICE) && r->department_id == slip->department_id)
			return 0;
		yc_err_set(err, YC_EDENIED, _("%s does not work for %s and cannot receive this slip."), r->full_name,
			   slip->department);
		return -1;
	}
	if (auth_role_allows(r->role, PERM_PICKUP))
		return 0;
	yc_err_set(err, YC_EDENIED, _("%s is not a pickup clerk and cannot receive results."), r->full_name);
	return -1;
}

static int read_slip_by_id(struct yc_store *st, int64_t id, struct yc_slip_row *slip, struct yc_err *err)
{
	char today[11];
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_INT(id) };
	int rc, n;

	yc_today(today);
	if ((rc = store_list_page_tx(st, &slip_by_id, p, NULL, 1, slip, 1, &n)) != SQLITE_OK)
		return rc;
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("That slip is not in the database."));
		return -1;
	}
	return SQLITE_OK;
}

static int handover(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct handover_ctx *c = vctx;
	struct yc_slip_row slip;
	struct case_state cs;
	db_stmt *s;
	int rc;

	if ((rc = read_slip_by_id(st, c->slip_id, &slip, err)) != SQLITE_OK)
		return rc;
	if (slip.handed_at[0] || slip.version != c->version) {
		yc_err_set(err, YC_ECONFLICT, _("Slip %s was already handed over by %s to %s at %.16s."), slip.number,
			   slip.handed_by, slip.received_by, slip.handed_at);
		return -1;
	}
	if (receiver_fits(c->receiver, &slip, err) < 0 || (rc = store_case_state(st, slip.case_id, &cs, err)) != SQLITE_OK)
		return rc ? rc : -1;
	rc = store_case_apply(st, c->giver, &cs,
			      strcmp(slip.direction, "to_department") == 0 ? CA_HANDOVER : CA_RESULT_HANDOVER,
			      slip.number, err);
	if (rc != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_SLIP_HAND)))
		return st->rc;
	db_bind_int64(s, 1, c->slip_id);
	db_bind_int64(s, 2, c->giver->id);
	db_bind_int64(s, 3, c->receiver->id);
	db_bind_text(s, 4, c->now);
	db_bind_int(s, 5, c->version);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->giver->id, "slip", c->slip_id, "handover", NULL, c->receiver->login);
}

int store_slip_handover(struct yc_store *st, const struct yc_user *giver, const struct yc_user *receiver,
			int64_t slip_id, int version, struct yc_err *err)
{
	struct handover_ctx c = { giver, receiver, slip_id, version, "" };

	if (giver->id == receiver->id) {
		yc_err_set(err, YC_EINVAL, "%s", _("The one receiving must confirm with their own login."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, handover, &c, err);
}
