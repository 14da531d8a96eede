/* store-backoffice.c - the department's side (后台分类审批, 第十一条): its
 * cases, decisions, the clock stopped and started, extensions, fees. Each
 * change is one transaction through store_case_apply, so the allowed
 * moves and the department boundary hold. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-internal.h"

/* The department's cases -------------------------------------------------------- */

/* Named: the open cases (data/migrate-8.sql), in promise order, are few;
 * statistics of a history where nearly every case is collected would
 * otherwise send SQLite through every case the department ever had. */
static const char SQL_DEPT_CASES[] =
	"SELECT c.id, coalesce(c.case_number, ''), i.name, a.name, c.status, c.kind,"
	" coalesce(c.accepted_at, ''), coalesce(c.promised_date, ''),"
	" coalesce((SELECT started_on FROM suspensions s WHERE s.case_id = c.id AND s.ended_on IS NULL"
	"           AND s.reason_kind <> 'extension' ORDER BY s.id DESC LIMIT 1), ''),"
	" c.withdrawal_requested_at IS NOT NULL, c.withdrawal_reason,"
	" coalesce((SELECT amount_fen FROM fees f WHERE f.case_id = c.id ORDER BY f.id DESC LIMIT 1), -1),"
	" coalesce((SELECT paid FROM fees f WHERE f.case_id = c.id ORDER BY f.id DESC LIMIT 1), 0),"
	" coalesce((SELECT receipt_number FROM fees f WHERE f.case_id = c.id ORDER BY f.id DESC LIMIT 1), '')"
	" FROM cases c INDEXED BY cases_open JOIN service_items i ON i.id = c.item_id"
	" JOIN applicants a ON a.id = c.applicant_id"
	" WHERE c.status IN ('in_department','suspended','approved','not_approved')"
	" AND i.department_id = ?1 ORDER BY c.promised_date, c.id LIMIT ?2";

struct dept_ctx {
	int64_t department_id;
	struct yc_dept_case *rows;
	int max, n;
};

static int dept_cases(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct dept_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_DEPT_CASES);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_int64(s, 1, c->department_id);
	sqlite3_bind_int(s, 2, c->max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_dept_case *r = &c->rows[c->n++];

		memset(r, 0, sizeof *r);
		r->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, r->case_number, sizeof r->case_number);
		store_col_text(s, 2, r->item, sizeof r->item);
		store_col_text(s, 3, r->applicant, sizeof r->applicant);
		store_col_text(s, 4, r->status, sizeof r->status);
		store_col_text(s, 5, r->kind, sizeof r->kind);
		store_col_text(s, 6, r->accepted_at, sizeof r->accepted_at);
		store_col_text(s, 7, r->promised_date, sizeof r->promised_date);
		store_col_text(s, 8, r->suspended_on, sizeof r->suspended_on);
		r->withdrawal_requested = sqlite3_column_int(s, 9);
		store_col_text(s, 10, r->withdrawal_reason, sizeof r->withdrawal_reason);
		r->fee_fen = (long)sqlite3_column_int64(s, 11);
		r->fee_paid = sqlite3_column_int(s, 12);
		store_col_text(s, 13, r->receipt, sizeof r->receipt);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_dept_cases(struct yc_store *st, int64_t department_id, struct yc_dept_case *rows, int max,
		     int *n, struct yc_err *err)
{
	struct dept_ctx c = { department_id, rows, max, 0 };

	if (store_run(st, 0, dept_cases, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* Decisions --------------------------------------------------------------------- */

struct decide_ctx {
	const struct yc_user *u;
	int64_t case_id;
	const struct yc_decision *d;
	int kind, workdays, consent;
	const char *reason;
	char today[11], now[20];
	char new_date[11];
	struct yc_calendar cal;   /* the hall's, read inside the transaction */
};

static const char SQL_RESULT_INSERT[] =
	"INSERT INTO results(case_id, outcome, document_number, valid_from, valid_to, reason, decided_by,"
	" decided_at) VALUES (?1, ?2, nullif(?3, ''), nullif(?4, ''), nullif(?5, ''), ?6, ?7, ?8)";
static const char SQL_RESULT_SLIP[] =
	"INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)"
	" VALUES (?1, 'JG-' || ?2, ?3, 'result', 'to_pickup', ?4)";

static int insert_result(struct yc_store *st, struct decide_ctx *c, const char *outcome, const char *reason)
{
	sqlite3_stmt *s = store_prep(st, SQL_RESULT_INSERT);
	/* only an approval has a licence and its validity */
	int approve = c->d->action == CA_APPROVE;

	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, c->case_id);
	sqlite3_bind_text(s, 2, outcome, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, approve && c->d->document_number ? c->d->document_number : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, approve && c->d->valid_from ? c->d->valid_from : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, approve && c->d->valid_to ? c->d->valid_to : "", -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, reason, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 7, c->u->id);
	sqlite3_bind_text(s, 8, c->now, -1, SQLITE_STATIC);
	return store_step_done(s);
}

static int decide(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	const struct yc_decision *d = c->d;
	struct case_state cs;
	const char *outcome, *reason;
	sqlite3_stmt *s;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if (d->action == CA_WITHDRAW && !cs.withdrawal_requested) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("The applicant's withdrawal must be recorded first (F12, then F7 at a window)."));
		return -1;
	}
	if ((rc = store_case_apply(st, c->u, &cs, d->action, d->document_number, err)) != SQLITE_OK)
		return rc;
	outcome = d->action == CA_APPROVE ? "approved" : d->action == CA_WITHDRAW ? "withdrawn" : "not_approved";
	/* 第十三条: a withdrawal ends as "not approved", withdrawn by the applicant */
	reason = d->action == CA_WITHDRAW ? _("withdrawn by the applicant")
		 : d->action == CA_REFUSE && d->reason ? d->reason : "";
	if ((rc = insert_result(st, c, outcome, reason)) != SQLITE_OK)
		return rc;
	/* a bundle member's result waits for the others: they go together */
	if (cs.parent_case_id)
		return store_bundle_member_decided(st, c->u, cs.parent_case_id, c->now, err);
	if (!(s = store_prep(st, SQL_RESULT_SLIP)))
		return st->rc;
	sqlite3_bind_int64(s, 1, c->case_id);
	sqlite3_bind_text(s, 2, cs.case_number, -1, SQLITE_TRANSIENT);
	sqlite3_bind_int64(s, 3, cs.department_id);
	sqlite3_bind_text(s, 4, c->now, -1, SQLITE_STATIC);
	return store_step_done(s);
}

static int check_decision(const struct yc_decision *d, struct yc_err *err)
{
	yc_date from, to;

	if (d->action != CA_APPROVE && d->action != CA_REFUSE && d->action != CA_WITHDRAW) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a decision."));
		return -1;
	}
	if (d->action == CA_APPROVE && (!d->document_number || !d->document_number[0])) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the licence or document number of the result."));
		return -1;
	}
	if (d->action == CA_REFUSE && (!d->reason || yc_blank(d->reason))) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason the application is not approved."));
		return -1;
	}
	if (d->action == CA_APPROVE && d->valid_from && d->valid_from[0] &&
	    (date_parse(d->valid_from, &from) != 0 ||
	     (d->valid_to && d->valid_to[0] && (date_parse(d->valid_to, &to) != 0 || to < from)))) {
		yc_err_set(err, YC_EINVAL, "%s", _("The validity dates are wrong: YYYY-MM-DD, the end after the start."));
		return -1;
	}
	return 0;
}

int store_case_decide(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_decision *d, struct yc_err *err)
{
	struct decide_ctx c = { u, case_id, d, 0, 0, 0, NULL, "", "", "", { 0 } };

	if (check_decision(d, err) < 0)
		return -1;
	yc_now(c.now);
	return store_run(st, 1, decide, &c, err);
}

/* The clock ------------------------------------------------------------------- */

static const char *const suspension_kinds[] = {
	"site_survey", "site_verification", "technical_review", "hearing",
};
static const char *const suspension_labels[] = {
	N_("site survey"), N_("site verification"), N_("technical review"), N_("hearing"),
};

static const char SQL_SUSPEND[] =
	"INSERT INTO suspensions(case_id, reason_kind, reason, started_on, ended_on, applicant_consent, by_user)"
	" VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), ?6, ?7)";
static const char SQL_RESUME[] =
	"UPDATE suspensions SET ended_on = ?2 WHERE case_id = ?1 AND ended_on IS NULL AND reason_kind <> 'extension'";
static const char SQL_PROMISE[] = "UPDATE cases SET promised_date = ?2 WHERE id = ?1";

static int record_suspension(struct yc_store *st, struct decide_ctx *c, const char *kind, const char *ended)
{
	sqlite3_stmt *s = store_prep(st, SQL_SUSPEND);

	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, c->case_id);
	sqlite3_bind_text(s, 2, kind, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->reason, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->today, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, ended, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 6, c->consent);
	sqlite3_bind_int64(s, 7, c->u->id);
	return store_step_done(s);
}

static int set_promise(struct yc_store *st, int64_t case_id, const char *date)
{
	return store_exec_id_text(st, SQL_PROMISE, case_id, date);
}

static int suspend(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	struct case_state cs;
	char sms[600];
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, CA_SUSPEND, c->reason, err)) != SQLITE_OK ||
	    (rc = record_suspension(st, c, suspension_kinds[c->kind], "")) != SQLITE_OK)
		return rc;
	snprintf(sms, sizeof sms, _("Your case %s (%s) is paused from %s for %s: %s. The time limit resumes afterwards."),
		 cs.case_number, cs.item, c->today, _(suspension_labels[c->kind]), c->reason);
	return store_notify_queue(st, c->case_id, cs.phone, sms, "clock");
}

int store_case_suspend(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		       enum yc_suspension kind, const char *reason, const char *today, struct yc_err *err)
{
	struct decide_ctx c = { u, case_id, NULL, (int)kind, 0, 0, reason, "", "", "", { 0 } };

	if ((int)kind < 0 || (int)kind >= (int)YC_ARRAY_LEN(suspension_kinds) || !reason || yc_blank(reason)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason for stopping the clock."));
		return -1;
	}
	yc_strlcpy(c.today, today, sizeof c.today);
	return store_run(st, 1, suspend, &c, err);
}

static int resume(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	struct case_state cs;
	yc_date promised, since, today;
	sqlite3_stmt *s;
	char sms[600];
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if ((rc = store_case_apply(st, c->u, &cs, CA_RESUME, NULL, err)) != SQLITE_OK ||
	    (rc = store_calendar_read(st, &c->cal)) != SQLITE_OK)
		return rc;
	if (date_parse(cs.promised_date, &promised) != 0 || date_parse(cs.suspended_on, &since) != 0 ||
	    date_parse(c->today, &today) != 0) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("The case's dates are damaged; ask the administrator."));
		return -1;
	}
	date_format(case_promise_after_suspension(&c->cal, promised, since, today), c->new_date);
	if (!(s = store_prep(st, SQL_RESUME)))
		return st->rc;
	sqlite3_bind_int64(s, 1, c->case_id);
	sqlite3_bind_text(s, 2, c->today, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = set_promise(st, c->case_id, c->new_date)) != SQLITE_OK ||
	    (rc = store_event(st, c->u->id, "case", c->case_id, "promise", cs.promised_date, c->new_date)) != SQLITE_OK)
		return rc;
	snprintf(sms, sizeof sms, _("Your case %s (%s) is being handled again; it will be done by %s."),
		 cs.case_number, cs.item, c->new_date);
	return store_notify_queue(st, c->case_id, cs.phone, sms, "clock");
}

int store_case_resume(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *today,
		      char new_date[11], struct yc_err *err)
{
	struct decide_ctx c = { u, case_id, NULL, 0, 0, 0, NULL, "", "", "", { 0 } };
	int rc;

	yc_strlcpy(c.today, today, sizeof c.today);
	rc = store_run(st, 1, resume, &c, err);

	cal_free(&c.cal);
	if (rc < 0)
		return -1;
	yc_strlcpy(new_date, c.new_date, 11);
	return 0;
}

static const char SQL_MISSED_PROMISE[] =
	"UPDATE cases SET missed_promise = coalesce(missed_promise, ?2) WHERE id = ?1";

static int extend(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx c2, *c = vctx;
	struct case_state cs;
	yc_date promised;
	char sms[600];
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, CA_EXTEND, c->reason, err)) != SQLITE_OK ||
	    (rc = store_calendar_read(st, &c->cal)) != SQLITE_OK)
		return rc;
	if (date_parse(cs.promised_date, &promised) != 0) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("The case's dates are damaged; ask the administrator."));
		return -1;
	}
	date_format(cal_add_workdays(&c->cal, promised, c->workdays), c->new_date);
	/* extended after its promise had passed, it was late all the same:
	 * the first promise it missed stays, for the assessment */
	if (strcmp(cs.promised_date, c->today) < 0 &&
	    (rc = store_exec_id_text(st, SQL_MISSED_PROMISE, c->case_id, cs.promised_date)) != SQLITE_OK)
		return rc;
	c2 = *c;
	if ((rc = record_suspension(st, &c2, "extension", c->today)) != SQLITE_OK ||
	    (rc = set_promise(st, c->case_id, c->new_date)) != SQLITE_OK ||
	    (rc = store_event(st, c->u->id, "case", c->case_id, "promise", cs.promised_date, c->new_date)) != SQLITE_OK)
		return rc;
	snprintf(sms, sizeof sms, _("As agreed with you, your case %s (%s) will now be done by %s."), cs.case_number,
		 cs.item, c->new_date);
	return store_notify_queue(st, c->case_id, cs.phone, sms, "clock");
}

int store_case_extend(struct yc_store *st, const struct yc_user *u, int64_t case_id, int workdays,
		      const char *reason, int consent, const char *today, char new_date[11], struct yc_err *err)
{
	struct decide_ctx c = { u, case_id, NULL, 0, workdays, consent, reason, "", "", "", { 0 } };
	int rc;

	if (!consent || !reason || yc_blank(reason)) {
		yc_err_set(err, YC_EINVAL, "%s", _("An extension needs a reason and the applicant's consent."));
		return -1;
	}
	if (workdays < 1 || workdays > 250) {
		yc_err_set(err, YC_EINVAL, "%s", _("Extend by 1 to 250 working days."));
		return -1;
	}
	yc_strlcpy(c.today, today, sizeof c.today);
	rc = store_run(st, 1, extend, &c, err);

	cal_free(&c.cal);
	if (rc < 0)
		return -1;
	yc_strlcpy(new_date, c.new_date, 11);
	return 0;
}

/* Fees ------------------------------------------------------------------------ */

struct fee_ctx {
	const struct yc_user *u;
	int64_t case_id;
	long amount;
	const char *receipt;
	char now[20];
};

static const char SQL_FEE_UPDATE[] =
	"UPDATE fees SET amount_fen = ?2, paid = ?3 <> '', receipt_number = nullif(?3, ''), set_by = ?4,"
	" set_at = ?5 WHERE id = (SELECT max(id) FROM fees WHERE case_id = ?1)";
static const char SQL_FEE_INSERT[] =
	"INSERT INTO fees(case_id, amount_fen, paid, receipt_number, set_by, set_at)"
	" VALUES (?1, ?2, ?3 <> '', nullif(?3, ''), ?4, ?5)";

static int fee(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct fee_ctx *c = vctx;
	struct case_state cs;
	sqlite3_stmt *s;
	char value[64];
	int rc, i;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if (!auth_role_allows(c->u->role, PERM_BACKOFFICE) || c->u->department_id != cs.department_id) {
		yc_err_set(err, YC_EDENIED, "%s", _("Only the case's own department may do this."));
		return -1;
	}
	for (i = 0; i < 2; i++) {
		if (!(s = store_prep(st, i == 0 ? SQL_FEE_UPDATE : SQL_FEE_INSERT)))
			return st->rc;
		sqlite3_bind_int64(s, 1, c->case_id);
		sqlite3_bind_int64(s, 2, c->amount);
		sqlite3_bind_text(s, 3, c->receipt ? c->receipt : "", -1, SQLITE_STATIC);
		sqlite3_bind_int64(s, 4, c->u->id);
		sqlite3_bind_text(s, 5, c->now, -1, SQLITE_STATIC);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		if (sqlite3_changes(st->db) > 0)
			break;
	}
	snprintf(value, sizeof value, "%ld%s%s", c->amount, c->receipt && c->receipt[0] ? " paid " : "",
		 c->receipt ? c->receipt : "");
	return store_event(st, c->u->id, "case", c->case_id, "fee", NULL, value);
}

int store_case_fee(struct yc_store *st, const struct yc_user *u, int64_t case_id, long amount_fen,
		   const char *receipt, struct yc_err *err)
{
	struct fee_ctx c = { u, case_id, amount_fen, receipt, "" };

	if (amount_fen < 0 || amount_fen > 100000000L) {
		yc_err_set(err, YC_EINVAL, "%s", _("The fee must be between 0 and 1,000,000 yuan."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, fee, &c, err);
}
