/* store-slips.c - transfer slips (材料证照流转单): the lists of slips waiting
 * for handover, what a slip lists, and the handover itself, confirmed by
 * the person receiving. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-internal.h"

#define SLIP_COLUMNS \
	"SELECT t.id, t.number, t.case_id, coalesce(c.case_number, ''), i.name, a.name," \
	" t.department_id, d.name, t.envelope, t.direction, t.created_at, coalesce(t.handed_at, '')," \
	" coalesce(g.full_name, ''), coalesce(r.full_name, ''), t.version," \
	" coalesce(substr(t.handed_at, 1, 10), ?9) > substr(t.created_at, 1, 10)" \
	" FROM transfer_slips t JOIN cases c ON c.id = t.case_id" \
	" JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id" \
	" JOIN departments d ON d.id = t.department_id" \
	" LEFT JOIN users g ON g.id = t.handed_by LEFT JOIN users r ON r.id = t.received_by "

static const char SQL_SLIPS_WAITING[] = SLIP_COLUMNS
	"WHERE t.handed_at IS NULL AND t.direction = ?1 AND (?2 = 0 OR t.department_id = ?2)"
	" ORDER BY substr(t.created_at, 1, 10) < ?9 DESC, t.created_at, t.id LIMIT ?3";
static const char SQL_CASE_SLIPS[] = SLIP_COLUMNS
	"WHERE t.case_id = ?4 ORDER BY t.id DESC LIMIT ?3";
static const char SQL_SLIP_BY_ID[] = SLIP_COLUMNS "WHERE t.id = ?5";

static void read_slip(sqlite3_stmt *s, struct yc_slip_row *r)
{
	memset(r, 0, sizeof *r);
	r->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, r->number, sizeof r->number);
	r->case_id = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, r->case_number, sizeof r->case_number);
	store_col_text(s, 4, r->item, sizeof r->item);
	store_col_text(s, 5, r->applicant, sizeof r->applicant);
	r->department_id = sqlite3_column_int64(s, 6);
	store_col_text(s, 7, r->department, sizeof r->department);
	store_col_text(s, 8, r->envelope, sizeof r->envelope);
	store_col_text(s, 9, r->direction, sizeof r->direction);
	store_col_text(s, 10, r->created_at, sizeof r->created_at);
	store_col_text(s, 11, r->handed_at, sizeof r->handed_at);
	store_col_text(s, 12, r->handed_by, sizeof r->handed_by);
	store_col_text(s, 13, r->received_by, sizeof r->received_by);
	r->version = sqlite3_column_int(s, 14);
	r->late = sqlite3_column_int(s, 15);
}

struct list_ctx {
	const char *sql;
	const char *direction;
	int64_t department_id, case_id, slip_id;
	char today[11];
	struct yc_slip_row *rows;
	int max, n;
};

static int list(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct list_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, c->sql);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_text(s, 1, c->direction, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, c->department_id);
	sqlite3_bind_int(s, 3, c->max);
	sqlite3_bind_int64(s, 4, c->case_id);
	sqlite3_bind_int64(s, 5, c->slip_id);
	sqlite3_bind_text(s, 9, c->today, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max)
		read_slip(s, &c->rows[c->n++]);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_slips_waiting(struct yc_store *st, const char *direction, int64_t department_id,
			const char *today, struct yc_slip_row *rows, int max, int *n, struct yc_err *err)
{
	struct list_ctx c = { SQL_SLIPS_WAITING, direction, department_id, 0, 0, "", rows, max, 0 };

	yc_strlcpy(c.today, today, sizeof c.today);
	if (store_run(st, 0, list, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

int store_case_slips(struct yc_store *st, int64_t case_id, struct yc_slip_row *rows, int max, int *n,
		     struct yc_err *err)
{
	struct list_ctx c = { SQL_CASE_SLIPS, "", 0, case_id, 0, "", rows, max, 0 };

	yc_today(c.today);
	if (store_run(st, 0, list, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

struct materials_ctx {
	int64_t slip_id;
	void (*each)(void *ctx, const char *name, int paper, int electronic);
	void *ctx;
};

static const char SQL_SLIP_MATERIALS[] =
	"SELECT name, paper_count, electronic_count FROM slip_materials WHERE slip_id = ?1 ORDER BY rowid";

static int materials(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct materials_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_SLIP_MATERIALS);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->each(c->ctx, NULL, 0, 0);   /* start over after a busy retry */
	sqlite3_bind_int64(s, 1, c->slip_id);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		c->each(c->ctx, (const char *)sqlite3_column_text(s, 0), sqlite3_column_int(s, 1),
			sqlite3_column_int(s, 2));
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_slip_materials(struct yc_store *st, int64_t slip_id,
			 void (*each)(void *ctx, const char *name, int paper, int electronic), void *ctx,
			 struct yc_err *err)
{
	struct materials_ctx c = { slip_id, each, ctx };

	return store_run(st, 0, materials, &c, err);
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
	struct list_ctx c = { SQL_SLIP_BY_ID, "", 0, 0, id, "", slip, 1, 0 };
	int rc;

	yc_today(c.today);
	if ((rc = list(st, &c, err)) != SQLITE_OK)
		return rc;
	if (c.n == 0) {
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
	sqlite3_stmt *s;
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
	sqlite3_bind_int64(s, 1, c->slip_id);
	sqlite3_bind_int64(s, 2, c->giver->id);
	sqlite3_bind_int64(s, 3, c->receiver->id);
	sqlite3_bind_text(s, 4, c->now, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 5, c->version);
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
