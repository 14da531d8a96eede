/* store-flow.c - moving a case along: inside a write transaction, read its
 * state, ask case-flow.h whether this user may make the move, change the
 * state and log the event. Slips, back office and pickup all go through
 * here, so the rules hold for every screen and command. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "case-flow.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-users.h"

/* A case's state, its columns declared once: SQL_CASE_STATE selects them
 * in this order. */
static const struct store_col case_state_cols[] = {
	STORE_COL_TEXT(struct case_state, status, "c.status"),
	STORE_COL_INT64(struct case_state, department_id, "i.department_id"),
	STORE_COL_INT(struct case_state, version, "c.version"),
	STORE_COL_TEXT(struct case_state, promised_date, "coalesce(c.promised_date, '')"),
	STORE_COL_TEXT(struct case_state, kind, "c.kind"),
	STORE_COL_TEXT(struct case_state, phone, "a.phone"),
	STORE_COL_TEXT(struct case_state, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct case_state, item, "i.name"),
	STORE_COL_INT(struct case_state, withdrawal_requested, "c.withdrawal_requested_at IS NOT NULL"),
	STORE_COL_TEXT(struct case_state, suspended_on, STORE_CASE_SUSPENDED_ON),
	STORE_COL_INT64(struct case_state, applicant_id, "c.applicant_id"),
	STORE_COL_INT64(struct case_state, parent_case_id, "coalesce(c.parent_case_id, 0)"),
};
static const char SQL_CASE_STATE[] =
	"SELECT c.status, i.department_id, c.version, coalesce(c.promised_date, ''), c.kind,"
	" a.phone, coalesce(c.case_number, ''), i.name, c.withdrawal_requested_at IS NOT NULL,"
	" " STORE_CASE_SUSPENDED_ON ", c.applicant_id,"
	" coalesce(c.parent_case_id, 0)"
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id"
	" WHERE c.id = ?1";

int store_case_state(struct yc_store *st, int64_t case_id, struct case_state *cs, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_CASE_STATE);
	int rc;

	if (!s)
		return st->rc;
	memset(cs, 0, sizeof *cs);
	db_bind_int64(s, 1, case_id);
	rc = db_step(s);
	if (rc == DB_ROW) {
		cs->id = case_id;
		store_map_row(s, case_state_cols, (int)YC_ARRAY_LEN(case_state_cols), cs);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("That case is not in the database."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static const char SQL_CASE_MOVE[] =
	"UPDATE cases SET status = ?2, version = version + 1,"
	" decided_at = CASE WHEN ?2 IN ('approved','not_approved') THEN ?3 ELSE decided_at END,"
	" closed_at = CASE WHEN ?2 = 'collected' THEN ?3 ELSE closed_at END"
	" WHERE id = ?1 AND version = ?4";

int store_case_apply(struct yc_store *st, const struct yc_user *u, struct case_state *cs,
		     enum case_action a, const char *note, struct yc_err *err)
{
	const struct case_move *m;
	db_stmt *s;
	char now[20];
	int rc;

	if (case_may(u->role, u->department_id, a, cs->status, cs->department_id, err) < 0)
		return -1;
	m = case_move_find(a, cs->status);
	if (!(s = store_prep(st, SQL_CASE_MOVE)))
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, cs->id);
	db_bind_text(s, 2, m->to);
	db_bind_text_copy(s, 3, now);
	db_bind_int(s, 4, cs->version);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("Someone else changed this case meanwhile; look at it again."));
		return -1;
	}
	rc = store_event(st, u->id, "case", cs->id, m->name, cs->status, note && note[0] ? note : NULL);
	if (rc == SQLITE_OK) {
		yc_strlcpy(cs->status, m->to, sizeof cs->status);
		cs->version++;
	}
	return rc;
}

static const char SQL_NOTIFY_QUEUE[] =
	"INSERT INTO notifications(case_id, phone, message, created_at, kind) VALUES (?1, ?2, ?3, ?4, ?5)";

static const char SQL_RESULT_TOLD[] =
	"UPDATE transfer_slips SET told_at = ?2 WHERE case_id = ?1 AND direction = 'to_pickup' AND told_at IS NULL";

int store_result_told(struct yc_store *st, int64_t case_id, const char *at)
{
	return store_exec_id_text(st, SQL_RESULT_TOLD, case_id, at);
}

int store_notify_queue(struct yc_store *st, int64_t case_id, const char *phone, const char *message,
		       const char *kind)
{
	db_stmt *s = store_prep(st, SQL_NOTIFY_QUEUE);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, case_id);
	db_bind_text(s, 2, phone);
	db_bind_text(s, 3, message);
	db_bind_text_copy(s, 4, now);
	db_bind_text(s, 5, kind);
	if ((rc = store_step_done(s)) != SQLITE_OK || strcmp(kind, "completion") != 0)
		return rc;
	return store_result_told(st, case_id, now);
}
