/* store-bundle-confirm.c - the departments' confirmation of a bundle taken
 * at the window (store-bundle-confirm.h). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "auth.h"
#include "policy.h"
#include "store-bundle-confirm.h"
#include "store-internal.h"
#include "store-select.h"

static const char SQL_IS_BUNDLE[] = "SELECT count(*) FROM bundle_members WHERE bundle_item_id = ?1";
/* each member item's department once; one that returned it is asked
 * again only with ?7 set */
static const char SQL_ASK[] =
	"INSERT INTO bundle_confirmations(record_uid, bundle_item_id, department_id, applicant, received, asked_by,"
	" asked_at) SELECT DISTINCT ?1, ?2, i.department_id, ?3, ?4, ?5, ?6 FROM bundle_members m"
	" JOIN service_items i ON i.id = m.member_item_id WHERE m.bundle_item_id = ?2"
	" ON CONFLICT(record_uid, department_id) DO UPDATE SET received = excluded.received,"
	" applicant = excluded.applicant,"
	" state = CASE WHEN bundle_confirmations.state = 'returned' AND ?7 = 1 THEN 'asked' ELSE bundle_confirmations.state END,"
	" reason = CASE WHEN bundle_confirmations.state = 'returned' AND ?7 = 1 THEN '' ELSE bundle_confirmations.reason END";
static const char SQL_STATE[] =
	"SELECT c.state, d.name, c.reason FROM bundle_confirmations c JOIN departments d ON d.id = c.department_id"
	" WHERE c.record_uid = ?1 AND c.bundle_item_id = ?2 ORDER BY d.code";

/* Whether this record needs the departments: an on-site bundle, in a hall
 * whose policy asks for it. */
static int confirm_needed_tx(struct yc_store *st, const struct intake *in, int *needed)
{
	struct store_param p[] = { STORE_PARAM_INT(in->item_id) };
	struct yc_policy policy;
	long members = 0;
	int rc;

	*needed = 0;
	if (in->online_id)
		return SQLITE_OK;
	if ((rc = store_count_tx(st, SQL_IS_BUNDLE, p, 1, &members)) != SQLITE_OK || members == 0)
		return rc;
	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	*needed = policy.bundle_confirm_onsite;
	return SQLITE_OK;
}

static int confirm_state_tx(struct yc_store *st, const struct intake *in, struct yc_bundle_confirm_state *out)
{
	db_stmt *s = store_prep(st, SQL_STATE);
	int rc;

	if (!s)
		return st->rc;
	out->departments = out->confirmed = out->returned = 0;
	out->waiting[0] = out->returns[0] = '\0';
	db_bind_text(s, 1, in->record_uid);
	db_bind_int64(s, 2, in->item_id);
	while ((rc = db_step(s)) == DB_ROW) {
		const char *state = db_col_text(s, 0), *dept = db_col_text(s, 1);
		char line[600];

		out->departments++;
		if (!strcmp(state, "confirmed")) {
			out->confirmed++;
		} else if (!strcmp(state, "returned")) {
			out->returned++;
			snprintf(line, sizeof line, "%s: %s", dept, db_col_text(s, 2));
			yc_join(out->returns, sizeof out->returns, "\u3001", line);
		} else {
			yc_join(out->waiting, sizeof out->waiting, "\u3001", dept);
		}
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

struct ask_ctx {
	const struct yc_user *u;
	const struct intake *in;
	int again;
	struct yc_bundle_confirm_state *out;
};

static int confirm_tx_ask(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct ask_ctx *c = vctx;
	char received[1024], now[20];
	db_stmt *s;
	int rc;

	(void)err;
	memset(c->out, 0, sizeof *c->out);
	if ((rc = confirm_needed_tx(st, c->in, &c->out->needed)) != SQLITE_OK || !c->out->needed)
		return rc;
	if (!(s = store_prep(st, SQL_ASK)))
		return st->rc;
	intake_received_text(c->in, received, sizeof received);
	yc_now(now);
	db_bind_text(s, 1, c->in->record_uid);
	db_bind_int64(s, 2, c->in->item_id);
	db_bind_text(s, 3, c->in->a.name);
	db_bind_text(s, 4, received);
	db_bind_int64(s, 5, c->u->id);
	db_bind_text(s, 6, now);
	db_bind_int(s, 7, c->again);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if ((rc = confirm_state_tx(st, c->in, c->out)) != SQLITE_OK)
		return rc;
	if (c->out->confirmed == c->out->departments)
		c->out->needed = 0;   /* all have: accept it */
	return store_event(st, c->u->id, "bundle_confirm", 0, c->again ? "asked_again" : "asked", NULL,
			   c->in->record_uid);
}

static int confirm_tx_needed(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct ask_ctx *c = vctx;

	(void)err;
	return confirm_needed_tx(st, c->in, &c->out->needed);
}

int store_bundle_confirm_ask(struct yc_store *st, const struct yc_user *u, const struct intake *in, int again,
			     struct yc_bundle_confirm_state *out, struct yc_err *err)
{
	struct ask_ctx c = { u, in, again, out };

	memset(out, 0, sizeof *out);
	if (auth_require(u, PERM_INTAKE, err) < 0)
		return -1;
	/* most records are no bundle: a read tells, and no lock is taken to
	 * write (nor a share found gone before the save itself says so) */
	if (store_run(st, 0, confirm_tx_needed, &c, err) < 0)
		return -1;
	if (!out->needed)
		return 0;
	if (!in->record_uid[0]) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("This record has no identity; start it again."));
		return -1;
	}
	return store_run(st, 1, confirm_tx_ask, &c, err);
}

int store_bundle_confirmed_tx(struct yc_store *st, const struct intake *in, struct yc_err *err)
{
	struct yc_bundle_confirm_state state;
	int needed, rc;

	if ((rc = confirm_needed_tx(st, in, &needed)) != SQLITE_OK || !needed)
		return rc;
	if ((rc = confirm_state_tx(st, in, &state)) != SQLITE_OK)
		return rc;
	if (state.departments > 0 && state.confirmed == state.departments)
		return SQLITE_OK;
	yc_err_set(err, YC_EINVAL, "%s",
		   _("A bundle taken at the window is entered only once each member's department has confirmed it (第十五条)."));
	return -1;
}

/* The departments' list --------------------------------------------------------- */

static const struct store_col confirm_cols[] = {
	STORE_COL_INT64(struct yc_bundle_confirm_row, id, "c.id"),
	STORE_COL_TEXT(struct yc_bundle_confirm_row, asked_at, "c.asked_at"),
	STORE_COL_TEXT(struct yc_bundle_confirm_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_bundle_confirm_row, applicant, "c.applicant"),
	STORE_COL_TEXT(struct yc_bundle_confirm_row, asked_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_bundle_confirm_row, received, "c.received"),
};

static struct store_list confirm_list = {
	STORE_ROWS(struct yc_bundle_confirm_row, confirm_cols),
	.from = "FROM bundle_confirmations c JOIN service_items i ON i.id = c.bundle_item_id"
		" LEFT JOIN users u ON u.id = c.asked_by",
	.where = "c.department_id = ?1 AND c.state = 'asked'",
	.n_params = 1,
	.key = { { 1, 0 }, { 0, 0 } }, .n_key = 2,   /* asked_at, id */
};

int store_bundle_confirm_page(struct yc_store *st, int64_t department_id, const struct yc_bundle_confirm_row *anchor,
			      int forward, struct yc_bundle_confirm_row *rows, int max, int *n, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(department_id) };

	return store_list_page(st, &confirm_list, p, anchor, forward, rows, max, n, err);
}

int store_bundle_confirm_count(struct yc_store *st, int64_t department_id, long *count, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(department_id) };

	return store_list_count(st, &confirm_list, p, count, err);
}

static const char SQL_ANSWER[] =
	"UPDATE bundle_confirmations SET state = ?3, reason = ?4, answered_by = ?5, answered_at = ?6"
	" WHERE id = ?1 AND department_id = ?2 AND state = 'asked'";

struct answer_ctx {
	const struct yc_user *u;
	int64_t id;
	int confirm;
	const char *reason;
};

static int confirm_tx_answer(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct answer_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ANSWER);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, c->id);
	db_bind_int64(s, 2, c->u->department_id);
	db_bind_text(s, 3, c->confirm ? "confirmed" : "returned");
	db_bind_text(s, 4, c->confirm ? "" : c->reason);
	db_bind_int64(s, 5, c->u->id);
	db_bind_text(s, 6, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This bundle is not waiting for your department's answer (answered already, or another department's)."));
		return -1;
	}
	return store_event(st, c->u->id, "bundle_confirm", c->id, c->confirm ? "confirmed" : "returned", NULL,
			   c->confirm ? NULL : c->reason);
}

int store_bundle_confirm_answer(struct yc_store *st, const struct yc_user *u, int64_t id, int confirm,
				const char *reason, struct yc_err *err)
{
	struct answer_ctx c = { u, id, confirm, reason };

	if (auth_require(u, PERM_BACKOFFICE, err) < 0)
		return -1;
	if (!confirm && (!reason || yc_blank(reason))) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason the bundle is returned to the window."));
		return -1;
	}
	return store_run(st, 1, confirm_tx_answer, &c, err);
}
