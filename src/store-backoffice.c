/* store-backoffice.c - the department's side (后台分类审批, 第十一条): its
 * cases, decisions, the clock stopped and started, extensions, fees. Each
 * change is one transaction through store_case_apply, so the allowed
 * moves and the department boundary hold. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "store-backoffice.h"
#include "store-select.h"
#include "store-users.h"

/* The department's cases -------------------------------------------------------- */

/* Named: the open cases (data/migrate-8.sql), in promise order, are few;
 * statistics of a history where nearly every case is collected would
 * otherwise send SQLite through every case the department ever had. */
#define DEPT_FROM \
	"FROM cases c INDEXED BY cases_open JOIN service_items i ON i.id = c.item_id" \
	" JOIN applicants a ON a.id = c.applicant_id"
#define DEPT_WHERE "c.status IN ('in_department','suspended','approved','not_approved') AND i.department_id = ?1"
#define DEPT_LAST_FEE(col, none) \
	"coalesce((SELECT " col " FROM fees f WHERE f.case_id = c.id ORDER BY f.id DESC LIMIT 1), " none ")"

static const struct store_col dept_case_cols[] = {
	STORE_COL_INT64(struct yc_dept_case, id, "c.id"),
	STORE_COL_TEXT(struct yc_dept_case, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_dept_case, item, "i.name"),
	STORE_COL_TEXT(struct yc_dept_case, applicant, "a.name"),
	STORE_COL_TEXT(struct yc_dept_case, status, "c.status"),
	STORE_COL_TEXT(struct yc_dept_case, kind, "c.kind"),
	STORE_COL_TEXT(struct yc_dept_case, accepted_at, "coalesce(c.accepted_at, '')"),
	STORE_COL_TEXT(struct yc_dept_case, promised_date, "coalesce(c.promised_date, '')"),
	STORE_COL_TEXT(struct yc_dept_case, suspended_on, STORE_CASE_SUSPENDED_ON),
	STORE_COL_INT(struct yc_dept_case, withdrawal_requested, "c.withdrawal_requested_at IS NOT NULL"),
	STORE_COL_TEXT(struct yc_dept_case, withdrawal_reason, "c.withdrawal_reason"),
	STORE_COL_INT64(struct yc_dept_case, fee_fen, DEPT_LAST_FEE("amount_fen", "-1")),
	STORE_COL_INT(struct yc_dept_case, fee_paid, DEPT_LAST_FEE("paid", "0")),
	STORE_COL_TEXT(struct yc_dept_case, receipt, DEPT_LAST_FEE("receipt_number", "''")),
	STORE_COL_TEXT(struct yc_dept_case, site, STORE_CASE_SITE_CODE),
};
enum { DEPT_COL_ID = 0, DEPT_COL_PROMISED = 7 };

/* the earliest promised date first */
static struct store_list dept_case_list = {
	STORE_ROWS(struct yc_dept_case, dept_case_cols),
	.from = DEPT_FROM,
	.where = DEPT_WHERE,
	.n_params = 1,
	.key = { { DEPT_COL_PROMISED, 0 }, { DEPT_COL_ID, 0 } }, .n_key = 2,
};

/* ?2: the last working day up to today; promised before it, a working
 * day has passed since the promise (what the list shows as overdue) */
static const char SQL_DEPT_OVERDUE[] =
	"SELECT count(*) " DEPT_FROM " WHERE " DEPT_WHERE
	" AND c.status = 'in_department' AND c.promised_date <> '' AND c.promised_date < ?2";
static const char SQL_DEPT_STOPPED[] =
	"SELECT count(*) " DEPT_FROM " WHERE " DEPT_WHERE " AND " STORE_CASE_SUSPENDED_ON " <> ''";

int store_dept_cases_page(struct yc_store *st, int64_t department_id, const struct yc_dept_case *anchor,
			  int forward, struct yc_dept_case *rows, int max, int *n, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(department_id) };

	return store_list_page(st, &dept_case_list, p, anchor, forward, rows, max, n, err);
}

struct dept_count_ctx {
	int64_t department_id;
	yc_date today;
	struct yc_dept_counts *out;
	struct yc_calendar cal;   /* the hall's, read inside the transaction */
};

/* today, or the working day before it on the hall's calendar */
static yc_date last_workday_upto(const struct yc_calendar *cal, yc_date d)
{
	int i;

	for (i = 0; i < 366 && !cal_is_workday(cal, d); i++)
		d--;
	return d;
}

static int dept_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct dept_count_ctx *c = vctx;
	char last[11];
	int rc;

	(void)err;
	if ((rc = store_calendar_read(st, &c->cal)) != SQLITE_OK)
		return rc;
	date_format(last_workday_upto(&c->cal, c->today), last);
	{
		struct store_param p[] = { STORE_PARAM_INT(c->department_id), STORE_PARAM_TEXT(last) };

		if ((rc = store_list_count_tx(st, &dept_case_list, p, &c->out->cases)) != SQLITE_OK ||
		    (rc = store_count_tx(st, SQL_DEPT_OVERDUE, p, 2, &c->out->overdue)) != SQLITE_OK)
			return rc;
		return store_count_tx(st, SQL_DEPT_STOPPED, p, 1, &c->out->stopped);
	}
}

int store_dept_cases_count(struct yc_store *st, int64_t department_id, const char *today,
			   struct yc_dept_counts *out, struct yc_err *err)
{
	struct dept_count_ctx c = { department_id, 0, out, { 0 } };
	int rc;

	memset(out, 0, sizeof *out);
	if (date_parse(today, &c.today) != 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is no date: type it as 2027-03-15."));
		return -1;
	}
	rc = store_run(st, 0, dept_count, &c, err);
	cal_free(&c.cal);
	return rc < 0 ? -1 : 0;
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
	db_stmt *s = store_prep(st, SQL_RESULT_INSERT);
	/* only an approval has a licence and its validity */
	int approve = c->d->action == CA_APPROVE;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, outcome);
	db_bind_text(s, 3, approve && c->d->document_number ? c->d->document_number : "");
	db_bind_text(s, 4, approve && c->d->valid_from ? c->d->valid_from : "");
	db_bind_text(s, 5, approve && c->d->valid_to ? c->d->valid_to : "");
	db_bind_text(s, 6, reason);
	db_bind_int64(s, 7, c->u->id);
	db_bind_text(s, 8, c->now);
	return store_step_done(s);
}

static const char SQL_PROMISE_REVOKED[] =
	"SELECT count(*) FROM case_promises WHERE case_id = ?1 AND state = 'revoked'";

/* 容缺受理: the department may review a case accepted with a material
 * owed, but its approval (the result) waits until the applicant has
 * supplied it and it was found conforming at the window. 告知承诺制: a
 * promise found false is never approved. */
static int no_gap_left_of(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(case_id) };
	char first[128], due[11];
	long revoked = 0;
	int owed, rc;

	if ((rc = store_count_tx(st, SQL_PROMISE_REVOKED, p, 1, &revoked)) != SQLITE_OK)
		return rc;
	if (revoked) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("The applicant's promise was found false and revoked: the case cannot be approved."));
		return -1;
	}
	if ((rc = store_case_owed_tx(st, case_id, &owed, first, sizeof first, due)) != SQLITE_OK)
		return rc;
	if (owed == 0)
		return SQLITE_OK;
	yc_err_set(err, YC_ECONFLICT,
		   _("The result cannot be released yet: the applicant still owes %d material(s) accepted to come later, first %s, due %s. Review may go on; approve once the window has it and found it conforming."),
		   owed, first, due);
	return -1;
}

static const char SQL_PARENT[] = "SELECT coalesce(parent_case_id, 0) FROM cases WHERE id = ?1";

/* A bundle member is held by what its bundle owes or promised: the
 * materials and the promise are the bundle's, taken at its one window. */
static int no_gap_left(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(case_id) };
	long parent = 0;
	int rc;

	if ((rc = no_gap_left_of(st, case_id, err)) != SQLITE_OK ||
	    (rc = store_count_tx(st, SQL_PARENT, p, 1, &parent)) != SQLITE_OK)
		return rc;
	return parent ? no_gap_left_of(st, parent, err) : SQLITE_OK;
}

static int backoffice_tx_releasable(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return no_gap_left(st, *(const int64_t *)vctx, err);
}

int store_case_may_release(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	return store_run(st, 0, backoffice_tx_releasable, &case_id, err);
}

static int backoffice_tx_decide(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	const struct yc_decision *d = c->d;
	struct case_state cs;
	const char *outcome, *reason;
	db_stmt *s;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if (d->action == CA_WITHDRAW && !cs.withdrawal_requested) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("The applicant's withdrawal must be recorded first (F12, then F7 at a window)."));
		return -1;
	}
	if (case_may(c->u->role, c->u->department_id, d->action, cs.status, cs.department_id, err) < 0)
		return -1;
	if (d->action == CA_APPROVE && (rc = no_gap_left(st, c->case_id, err)) != SQLITE_OK)
		return rc;
	outcome = d->action == CA_APPROVE ? "approved" : d->action == CA_WITHDRAW ? "withdrawn" : "not_approved";
	/* 第十三条: a withdrawal ends as "not approved", withdrawn by the applicant */
	reason = d->action == CA_WITHDRAW ? _("withdrawn by the applicant")
		 : d->action == CA_REFUSE && d->reason ? d->reason : "";
	/* the result first: the case's move and its event then seal both
	 * (a result written after the event would need an event of its own) */
	if ((rc = insert_result(st, c, outcome, reason)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, d->action, d->document_number, err)) != SQLITE_OK)
		return rc;
	/* every result goes to the pickup window as it is decided, a bundle
	 * member's too (its applicant may leave with the bundle only, but
	 * the window has it and can say so) */
	if (!(s = store_prep(st, SQL_RESULT_SLIP)))
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text_copy(s, 2, cs.case_number);
	db_bind_int64(s, 3, cs.department_id);
	db_bind_text(s, 4, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (cs.parent_case_id)
		return store_bundle_member_decided(st, c->u, cs.parent_case_id, c->now, err);
	return SQLITE_OK;
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
	return store_run(st, 1, backoffice_tx_decide, &c, err);
}

/* The clock ------------------------------------------------------------------- */

static const char *const suspension_kinds[] = {
	"site_survey", "site_verification", "technical_review", "hearing",
};

static const char SQL_SUSPEND[] =
	"INSERT INTO suspensions(case_id, reason_kind, reason, started_on, ended_on, applicant_consent, by_user)"
	" VALUES (?1, ?2, ?3, ?4, nullif(?5, ''), ?6, ?7)";
static const char SQL_RESUME[] =
	"UPDATE suspensions SET ended_on = ?2 WHERE case_id = ?1 AND ended_on IS NULL AND reason_kind <> 'extension'";
static const char SQL_PROMISE[] = "UPDATE cases SET promised_date = ?2 WHERE id = ?1";

static int record_suspension(struct yc_store *st, struct decide_ctx *c, const char *kind, const char *ended)
{
	db_stmt *s = store_prep(st, SQL_SUSPEND);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, kind);
	db_bind_text(s, 3, c->reason);
	db_bind_text(s, 4, c->today);
	db_bind_text(s, 5, ended);
	db_bind_int(s, 6, c->consent);
	db_bind_int64(s, 7, c->u->id);
	return store_step_done(s);
}

static int set_promise(struct yc_store *st, int64_t case_id, const char *date)
{
	return store_exec_id_text(st, SQL_PROMISE, case_id, date);
}

/* The applicant hears of the clock and of fees by SMS (documents.h);
 * text is the message rendered, NULL when memory ran out; kind is the
 * outbox's ("clock", "fee"). */
static const char SQL_CASE_HALL[] = "SELECT s.name FROM cases c JOIN sites s ON s.id = c.site_id WHERE c.id = ?1";

/* The hall a case was taken at, as its SMS name it (name has room for it). */
static struct doc_hall case_hall(struct yc_store *st, int64_t case_id, char name[128])
{
	db_stmt *s = store_prep(st, SQL_CASE_HALL);
	struct doc_hall h = { name, "", NULL };

	name[0] = '\0';
	if (s) {
		db_bind_int64(s, 1, case_id);
		if (db_step(s) == DB_ROW)
			store_col_text(s, 0, name, 128);
		db_reset(s);
	}
	return h;
}

static int queue_sms(struct yc_store *st, const struct case_state *cs, char *text, const char *kind,
		     struct yc_err *err)
{
	int rc;

	if (!text) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = store_notify_queue(st, cs->id, cs->phone, text, kind);
	free(text);
	return rc;
}

static int suspend(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	struct case_state cs;
	struct doc_paused_sms sms;
	struct doc_hall hall;
	char hall_name[128];
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, CA_SUSPEND, c->reason, err)) != SQLITE_OK ||
	    (rc = record_suspension(st, c, suspension_kinds[c->kind], "")) != SQLITE_OK)
		return rc;
	sms = (struct doc_paused_sms){ cs.case_number, cs.item, c->today, (enum yc_suspension)c->kind, c->reason };
	hall = case_hall(st, c->case_id, hall_name);
	return queue_sms(st, &cs, doc_paused_sms(&hall, &sms), "clock", err);
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

static int backoffice_tx_resume(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx *c = vctx;
	struct case_state cs;
	yc_date promised, since, today;
	db_stmt *s;
	struct doc_promise_sms sms;
	struct doc_hall hall;
	char hall_name[128];
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
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, c->today);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = set_promise(st, c->case_id, c->new_date)) != SQLITE_OK ||
	    (rc = store_event(st, c->u->id, "case", c->case_id, "promise", cs.promised_date, c->new_date)) != SQLITE_OK)
		return rc;
	sms = (struct doc_promise_sms){ cs.case_number, cs.item, c->new_date };
	hall = case_hall(st, c->case_id, hall_name);
	return queue_sms(st, &cs, doc_resumed_sms(&hall, &sms), "clock", err);
}

int store_case_resume(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *today,
		      char new_date[11], struct yc_err *err)
{
	struct decide_ctx c = { u, case_id, NULL, 0, 0, 0, NULL, "", "", "", { 0 } };
	int rc;

	yc_strlcpy(c.today, today, sizeof c.today);
	rc = store_run(st, 1, backoffice_tx_resume, &c, err);

	cal_free(&c.cal);
	if (rc < 0)
		return -1;
	yc_strlcpy(new_date, c.new_date, 11);
	return 0;
}

static const char SQL_MISSED_PROMISE[] =
	"UPDATE cases SET missed_promise = coalesce(missed_promise, ?2) WHERE id = ?1";

static int backoffice_tx_extend(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct decide_ctx c2, *c = vctx;
	struct case_state cs;
	yc_date promised;
	struct doc_promise_sms sms;
	struct doc_hall hall;
	char hall_name[128];
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
	sms = (struct doc_promise_sms){ cs.case_number, cs.item, c->new_date };
	hall = case_hall(st, c->case_id, hall_name);
	return queue_sms(st, &cs, doc_extended_sms(&hall, &sms), "clock", err);
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
	rc = store_run(st, 1, backoffice_tx_extend, &c, err);

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

/* The receipt recorded (a receipt number given) keeps who set the amount
 * and when, and adds who recorded the payment and when. */
static const char SQL_FEE_UPDATE[] =
	"UPDATE fees SET amount_fen = ?2, paid = CASE WHEN ?3 <> '' THEN 1 ELSE 0 END, receipt_number = nullif(?3, ''),"
	" set_by = CASE WHEN ?3 <> '' THEN set_by ELSE ?4 END, set_at = CASE WHEN ?3 <> '' THEN set_at ELSE ?5 END,"
	" paid_by = CASE WHEN ?3 <> '' THEN ?4 END, paid_at = CASE WHEN ?3 <> '' THEN ?5 END"
	" WHERE id = (SELECT max(id) FROM fees WHERE case_id = ?1)";
static const char SQL_FEE_INSERT[] =
	"INSERT INTO fees(case_id, amount_fen, paid, receipt_number, set_by, set_at, paid_by, paid_at)"
	" VALUES (?1, ?2, CASE WHEN ?3 <> '' THEN 1 ELSE 0 END, nullif(?3, ''), ?4, ?5, CASE WHEN ?3 <> '' THEN ?4 END,"
	" CASE WHEN ?3 <> '' THEN ?5 END)";
static const char SQL_FEE_LAST[] =
	"SELECT amount_fen, paid FROM fees WHERE case_id = ?1 ORDER BY id DESC LIMIT 1";
static const char SQL_FEE_NOTIFIED[] =
	"UPDATE fees SET notified_at = ?2 WHERE id = (SELECT max(id) FROM fees WHERE case_id = ?1)";

/* The case's fee as it stood: -1 when none was set. */
static int fee_before(struct yc_store *st, int64_t case_id, long *amount, int *paid)
{
	db_stmt *s = store_prep(st, SQL_FEE_LAST);
	int rc;

	*amount = -1;
	*paid = 0;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	if ((rc = db_step(s)) == DB_ROW) {
		*amount = (long)db_col_int64(s, 0);
		*paid = db_col_int(s, 1);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

/* A fee to pay, new or changed, is pushed to the applicant: the payment
 * notice goes to the outbox (documents.h), and the fee keeps when. */
static int notify_fee(struct yc_store *st, const struct case_state *cs, struct fee_ctx *c, struct yc_err *err)
{
	struct doc_fee_sms sms = { cs->case_number, cs->item, c->amount };
	struct doc_hall hall;
	char hall_name[128];
	int rc;

	hall = case_hall(st, cs->id, hall_name);
	if ((rc = queue_sms(st, cs, doc_fee_sms(&hall, &sms), "fee", err)) != SQLITE_OK)
		return rc;
	return store_exec_id_text(st, SQL_FEE_NOTIFIED, c->case_id, c->now);
}

static int write_fee(struct yc_store *st, struct fee_ctx *c)
{
	db_stmt *s;
	int rc, i;

	for (i = 0; i < 2; i++) {
		if (!(s = store_prep(st, i == 0 ? SQL_FEE_UPDATE : SQL_FEE_INSERT)))
			return st->rc;
		db_bind_int64(s, 1, c->case_id);
		db_bind_int64(s, 2, c->amount);
		db_bind_text(s, 3, c->receipt ? c->receipt : "");
		db_bind_int64(s, 4, c->u->id);
		db_bind_text(s, 5, c->now);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		if (store_changes(st) > 0)
			break;
	}
	return SQLITE_OK;
}

static int backoffice_tx_fee(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct fee_ctx *c = vctx;
	struct case_state cs;
	char value[64];
	long was;
	int rc, was_paid, paid = c->receipt && c->receipt[0];

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if (!auth_role_allows(c->u->role, PERM_BACKOFFICE) || c->u->department_id != cs.department_id) {
		yc_err_set(err, YC_EDENIED, "%s", _("Only the case's own department may do this."));
		return -1;
	}
	if ((rc = fee_before(st, c->case_id, &was, &was_paid)) != SQLITE_OK || (rc = write_fee(st, c)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%ld%s%s", c->amount, paid ? " paid " : "", paid ? c->receipt : "");
	if ((rc = store_event(st, c->u->id, "case", c->case_id, "fee", NULL, value)) != SQLITE_OK)
		return rc;
	if (!paid && c->amount > 0 && (was != c->amount || was_paid))
		return notify_fee(st, &cs, c, err);
	return SQLITE_OK;
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
	return store_run(st, 1, backoffice_tx_fee, &c, err);
}

/* 告知承诺制: verification and revocation ------------------------------------ */

struct promise_ctx {
	const struct yc_user *u;
	int64_t case_id;
	int kept;
	const char *note;
	char now[20];
};

static const char SQL_PROMISE_STATE[] = "SELECT state FROM case_promises WHERE case_id = ?1";
/* verified once, a promise may still be found false later; revoked, it
 * stays revoked */
static const char SQL_PROMISE_CHECKED[] =
	"UPDATE case_promises SET state = ?2, checked_at = ?3, checked_by = ?4, note = ?5"
	" WHERE case_id = ?1 AND (state = 'promised' OR (state = 'verified' AND ?2 = 'revoked'))";

static int backoffice_tx_promise(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct promise_ctx *c = vctx;
	const char *state = c->kept ? "verified" : "revoked";
	char was[16] = "";
	struct case_state cs;
	db_stmt *s;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK)
		return rc;
	if (cs.department_id != c->u->department_id) {
		yc_err_set(err, YC_EDENIED, "%s", _("Only the case's own department verifies the applicant's promise."));
		return -1;
	}
	if (!(s = store_prep(st, SQL_PROMISE_STATE)))
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	if ((rc = db_step(s)) == DB_ROW)
		store_col_text(s, 0, was, sizeof was);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!was[0]) {
		yc_err_set(err, YC_EINVAL, _("Case %s was not accepted on a promise (告知承诺制)."), cs.case_number);
		return -1;
	}
	if (!(s = store_prep(st, SQL_PROMISE_CHECKED)))
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, state);
	db_bind_text(s, 3, c->now);
	db_bind_int64(s, 4, c->u->id);
	db_bind_text(s, 5, c->note);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, strcmp(was, "revoked") == 0
			   ? _("The promise of case %s was already found false and revoked.")
			   : _("The promise of case %s was already verified."), cs.case_number);
		return -1;
	}
	return store_event(st, c->u->id, "case", c->case_id, c->kept ? "promise_verified" : "promise_revoked", was,
			   c->note);
}

int store_case_promise_check(struct yc_store *st, const struct yc_user *u, int64_t case_id, int kept,
			     const char *note, struct yc_err *err)
{
	struct promise_ctx c = { u, case_id, kept, note ? note : "", "" };

	if (auth_require(u, PERM_BACKOFFICE, err) < 0)
		return -1;
	if (!kept && yc_blank(c.note)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason: what was found not to meet the conditions."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, backoffice_tx_promise, &c, err);
}
