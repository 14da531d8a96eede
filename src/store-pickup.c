/* store-pickup.c - the pickup window (统一出件, 第十二条): the results
 * waiting, the completion notice, collection with the identity checked,
 * mail, the pickup register; ratings and their follow-ups. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "states.h"
#include "store-pickup.h"
#include "store-select.h"
#include "store-users.h"
#include "validate.h"

/* Lists ------------------------------------------------------------------------- */

/* A pickup row; sort_expr is what the list is in order of. */
#define PICKUP_COLS(sort_expr) { \
	STORE_COL_INT64(struct yc_pickup_row, case_id, "c.id"), \
	STORE_COL_TEXT(struct yc_pickup_row, case_number, "coalesce(c.case_number, '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, item, "i.name"), \
	STORE_COL_TEXT(struct yc_pickup_row, applicant, "a.name"), \
	STORE_COL_READ(struct yc_pickup_row, id_masked, "a.id_number", store_read_id_masked), \
	STORE_COL_READ(struct yc_pickup_row, phone_masked, "a.phone", store_read_phone_masked), \
	STORE_COL_TEXT(struct yc_pickup_row, status, "c.status"), \
	STORE_COL_TEXT(struct yc_pickup_row, kind, "c.kind"), \
	STORE_COL_TEXT(struct yc_pickup_row, outcome, "coalesce(r.outcome, '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, document_number, "coalesce(r.document_number, '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, arrived_at, \
		       "coalesce((SELECT max(handed_at) FROM transfer_slips t WHERE t.case_id = c.id" \
		       " AND t.direction = 'to_pickup'), '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, method, "coalesce(p.method, '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, tracking, "coalesce(p.tracking_number, '')"), \
	STORE_COL_TEXT(struct yc_pickup_row, done_at, "coalesce(p.at, '')"), \
	STORE_COL_INT(struct yc_pickup_row, sms_failed, \
		      "EXISTS (SELECT 1 FROM notifications n WHERE n.case_id = c.id AND n.status <> 'sent'" \
		      " AND n.attempts > 0)"), \
	STORE_COL_TEXT(struct yc_pickup_row, sorted, sort_expr), \
	STORE_COL_INT64(struct yc_pickup_row, fee_due_fen, STORE_CASE_FEE_DUE("c.id")), \
}
enum { PICKUP_COL_ID = 0, PICKUP_COL_SORTED = 15 };

static const struct store_col pickup_waiting_cols[] = PICKUP_COLS("coalesce(c.decided_at, '')");
static const struct store_col pickup_mailed_cols[] = PICKUP_COLS("coalesce(p.at, '')");
static const struct store_col pickup_done_cols[] = PICKUP_COLS("c.closed_at");

/* cases: the table, or the table with the index the list must use */
#define PICKUP_FROM(cases) \
	"FROM " cases " JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id" \
	" LEFT JOIN results r ON r.case_id = c.id LEFT JOIN pickups p ON p.case_id = c.id"
/* ?2: a part of the case number, in any case, or '' for all; ?3 the
 * pickup window's site (a township's results are collected there) */
#define PICKUP_SEARCH " AND (?2 = '' OR instr(upper(c.case_number), upper(?2)) > 0) AND " STORE_CASE_OF_SITE("?3")

static struct store_list pickup_lists[] = {
	/* named: without statistics SQLite takes cases_parent for "parent_case_id
	 * IS NULL" and reads nearly every case (0.9 s at 2,000,000; 22 ms on
	 * cases_awaiting: bench/README, PostgreSQL) */
	[PICKUP_WAITING] = {
		STORE_ROWS(struct yc_pickup_row, pickup_waiting_cols),
		.from = PICKUP_FROM("cases c INDEXED BY cases_awaiting"),
		/* a bundle's members leave with their bundle, not on their own */
		.where = "c.status IN ('result_at_pickup','notified') AND c.parent_case_id IS NULL AND ?1 = ?1" PICKUP_SEARCH,
		.n_params = 3, .key = { { PICKUP_COL_SORTED, 0 }, { PICKUP_COL_ID, 0 } }, .n_key = 2,
	},
	[PICKUP_MAILED] = {
		STORE_ROWS(struct yc_pickup_row, pickup_mailed_cols),
		.from = PICKUP_FROM("cases c"),
		.where = "c.status = 'mailed' AND ?1 = ?1" PICKUP_SEARCH,
		.n_params = 3, .key = { { PICKUP_COL_SORTED, 0 }, { PICKUP_COL_ID, 0 } }, .n_key = 2,
	},
	/* named: without statistics SQLite takes cases_awaiting (status) and
	 * reads every case ever collected (1.6 s at 2,000,000) */
	[PICKUP_DONE_TODAY] = {
		STORE_ROWS(struct yc_pickup_row, pickup_done_cols),
		.from = PICKUP_FROM("cases c INDEXED BY cases_collected"),
		.where = "c.status = 'collected' AND c.closed_at >= ?1" PICKUP_SEARCH,
		.n_params = 3, .key = { { PICKUP_COL_SORTED, 1 }, { PICKUP_COL_ID, 1 } }, .n_key = 2,
	},
};

static struct store_list *pickup_list(enum yc_pickup_list which)
{
	return (int)which < 0 || which > PICKUP_DONE_TODAY ? NULL : &pickup_lists[which];
}

int store_pickup_page(struct yc_store *st, const char *site_code, enum yc_pickup_list which, const char *today,
		      const char *search, const struct yc_pickup_row *anchor, int forward, struct yc_pickup_row *rows,
		      int max, int *n, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_TEXT(search), STORE_PARAM_TEXT(site_code) };

	*n = 0;
	if (!pickup_list(which))
		return -1;
	return store_list_page(st, pickup_list(which), p, anchor, forward, rows, max, n, err);
}

int store_pickup_count(struct yc_store *st, const char *site_code, enum yc_pickup_list which, const char *today,
		       const char *search, long *count, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(today), STORE_PARAM_TEXT(search), STORE_PARAM_TEXT(site_code) };

	*count = 0;
	if (!pickup_list(which))
		return -1;
	return store_list_count(st, pickup_list(which), p, count, err);
}

/* Moves --------------------------------------------------------------------------- */

struct move_ctx {
	const struct yc_user *u;
	int64_t case_id;
	const char *message;
	const struct yc_collection *collect;
	const struct yc_mailing *mail;
	char now[20];
};

/* An SMS of a kind, for the case's applicant. */
static int pickup_tx_queue_sms(struct yc_store *st, const struct case_state *cs, const char *phone, const char *message,
		     const char *kind)
{
	return store_notify_queue(st, cs->id, phone, message, kind);
}

/* A reminder to an applicant already told: no new state, the SMS and the
 * event. user_id 0: the command line. */
static int queue_reminder(struct yc_store *st, int64_t user_id, int64_t case_id, const char *phone,
			  const char *message)
{
	int rc;

	if ((rc = store_notify_queue(st, case_id, phone, message, "reminder")) != SQLITE_OK)
		return rc;
	return store_event(st, user_id, "case", case_id, "remind", NULL, NULL);
}

static const char SQL_FEE_DUE[] = "SELECT " STORE_CASE_FEE_DUE("?1");

/* A result is held at the window until its fee is paid. */
static int pickup_fee_paid(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(case_id) };
	long due = 0;
	char yuan[32];
	int rc = store_count_tx(st, SQL_FEE_DUE, p, 1, &due);

	if (rc != SQLITE_OK)
		return rc;
	if (due <= 0)
		return SQLITE_OK;
	yc_format_yuan(due, yuan, sizeof yuan);
	yc_err_set(err, YC_EINVAL,
		   _("The result is held: a fee of %s yuan is not paid. It is handed out once the department records the receipt (F3 in its back office)."),
		   yuan);
	return -1;
}

/* A result the window may not hand out, nor tell the applicant to
 * collect, yet: a construction stage's others undecided, or a fee unpaid.
 * SQLITE_OK, or -1 with err saying which. */
static int pickup_tx_held(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	int rc = store_stage_results_held_tx(st, case_id, err);

	return rc != SQLITE_OK ? rc : pickup_fee_paid(st, case_id, err);
}

static int pickup_tx_notify(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct move_ctx *c = vctx;
	struct case_state cs;
	int rc;

	/* no "please collect" while the result is held: the stage's other
	 * approvals undecided, or its fee unpaid (the payment notice went) */
	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = pickup_tx_held(st, c->case_id, err)) != SQLITE_OK)
		return rc;
	if (strcmp(cs.status, "notified") == 0) {
		if (auth_require(c->u, PERM_PICKUP, err) < 0)
			return -1;
		return queue_reminder(st, c->u->id, c->case_id, cs.phone, c->message);
	}
	if ((rc = store_case_apply(st, c->u, &cs, CA_NOTIFY, NULL, err)) != SQLITE_OK)
		return rc;
	return pickup_tx_queue_sms(st, &cs, cs.phone, c->message, "completion");
}

int store_pickup_notify(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *message,
			struct yc_err *err)
{
	struct move_ctx c = { u, case_id, message, NULL, NULL, "" };

	return store_run(st, 1, pickup_tx_notify, &c, err);
}

/* Reminders --------------------------------------------------------------------- */

/* Results told and still waiting, that arrived at the window on or before
 * ?1 (YYYY-MM-DD): those that may have waited long enough; of the site ?2
 * (its SMS names its hall), or '' every site's. */
/* When case c's result reached the pickup window (remind_cols below
 * declares SQL_REMIND_DUE's columns). */
#define REMIND_ARRIVED \
	"(SELECT max(handed_at) FROM transfer_slips t WHERE t.case_id = c.id AND t.direction = 'to_pickup')"
static const char SQL_REMIND_DUE[] =
	"SELECT c.id, coalesce(c.case_number, ''), i.name, a.name, a.phone,"
	" " REMIND_ARRIVED
	"  AS arrived"
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id"
	" WHERE c.status = 'notified' AND substr(" REMIND_ARRIVED ", 1, 10) <= ?1 AND " STORE_CASE_OF_SITE("?2")
	/* a result held for its fee is not to be collected yet */
	" AND " STORE_CASE_FEE_DUE("c.id") " = 0 ORDER BY c.id";

struct remind_row {
	int64_t case_id;
	char case_number[32], item[128], applicant[128], phone[24], arrived[11];
};

/* A result due for a reminder, its columns declared once: SQL_REMIND_DUE
 * selects them in this order. */
static const struct store_col remind_cols[] = {
	STORE_COL_INT64(struct remind_row, case_id, "c.id"),
	STORE_COL_TEXT(struct remind_row, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct remind_row, item, "i.name"),
	STORE_COL_TEXT(struct remind_row, applicant, "a.name"),
	STORE_COL_TEXT(struct remind_row, phone, "a.phone"),
	STORE_COL_TEXT(struct remind_row, arrived, REMIND_ARRIVED),
};

struct remind_ctx {
	const struct yc_user *u;
	const char *site_code;
	const struct doc_hall *hall;
	int days;
	yc_date today;
	struct yc_calendar cal;
	struct remind_row *rows;
	size_t n, cap;
	int queued;
};

static int read_due(struct yc_store *st, struct remind_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_REMIND_DUE);
	char latest[11];
	int rc;

	if (!s)
		return st->rc;
	/* days working days take days calendar days at least: nothing that
	 * arrived later can be due */
	date_format(c->today - c->days, latest);
	db_bind_text_copy(s, 1, latest);
	db_bind_text(s, 2, c->site_code);
	c->n = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		if (yc_grow(&c->rows, &c->cap, c->n, sizeof *c->rows) < 0) {
			db_reset(s);
			yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
			return -1;
		}
		store_map_row(s, remind_cols, (int)YC_ARRAY_LEN(remind_cols), &c->rows[c->n++]);
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* The reminder of one result, when it has waited long enough on the
 * hall's calendar. */
static int remind_one(struct yc_store *st, struct remind_ctx *c, const struct remind_row *r, struct yc_err *err)
{
	struct doc_reminder_sms sms = { r->applicant, r->item, r->case_number, 0 };
	yc_date arrived;
	char *text;
	int rc;

	if (date_parse(r->arrived, &arrived) != 0 ||
	    (sms.days = cal_workdays_between(&c->cal, arrived, c->today)) < c->days)
		return SQLITE_OK;
	if (!(text = doc_reminder_sms(c->hall, &sms))) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = queue_reminder(st, c->u ? c->u->id : 0, r->case_id, r->phone, text);
	free(text);
	c->queued += rc == SQLITE_OK;
	return rc;
}

static int pickup_tx_remind(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct remind_ctx *c = vctx;
	size_t i;
	int rc;

	c->queued = 0;
	if ((rc = store_calendar_read(st, &c->cal)) != SQLITE_OK || (rc = read_due(st, c, err)) != SQLITE_OK)
		return rc;
	for (i = 0; i < c->n; i++)
		if ((rc = remind_one(st, c, &c->rows[i], err)) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

int store_pickup_remind(struct yc_store *st, const struct yc_user *u, const char *site_code,
			const struct doc_hall *hall, int days, struct yc_err *err)
{
	struct remind_ctx c;
	char today[11];
	int rc;

	if (u && auth_require(u, PERM_PICKUP, err) < 0)
		return -1;
	if (days < 1) {
		yc_err_set(err, YC_EINVAL, "%s", _("Reminders are for results waiting one working day or more."));
		return -1;
	}
	memset(&c, 0, sizeof c);
	c.u = u;
	c.site_code = site_code;
	c.hall = hall;
	c.days = days;
	yc_today(today);
	date_parse(today, &c.today);
	cal_init(&c.cal);
	rc = store_run(st, 1, pickup_tx_remind, &c, err);
	cal_free(&c.cal);
	free(c.rows);
	return rc < 0 ? -1 : c.queued;
}

static const char SQL_APPLICANT_ID[] = "SELECT id_number FROM applicants WHERE id = ?1";
static const char SQL_PICKUP_INSERT[] =
	"INSERT INTO pickups(case_id, method, collector_name, collector_id_number, authorisation_note,"
	" mail_address, mail_recipient, mail_phone, tracking_number, handed_by, at)"
	" VALUES (?1, ?2, nullif(?3, ''), nullif(?4, ''), nullif(?5, ''), nullif(?6, ''), nullif(?7, ''),"
	" nullif(?8, ''), nullif(?9, ''), ?10, ?11)";

static int same_id(const char *a, const char *b)
{
	for (; *a && *b; a++, b++)
		if (toupper((unsigned char)*a) != toupper((unsigned char)*b))
			return 0;
	return *a == *b;
}

/* The one collecting is the applicant (same ID number), or an agent with
 * the applicant's written authorisation. */
static int check_collector(struct yc_store *st, const struct case_state *cs, const struct yc_collection *c,
			   struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_APPLICANT_ID);
	char applicant_id[32] = "";
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, cs->applicant_id);
	if ((rc = db_step(s)) == DB_ROW)
		store_col_text(s, 0, applicant_id, sizeof applicant_id);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_CORRUPT : rc;
	if (!c->agent && !same_id(c->id_number, applicant_id)) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("This ID number is not the applicant's: only the applicant, or an agent with a written authorisation, may collect."));
		return -1;
	}
	if (c->agent && (!c->authorisation || !c->authorisation[0])) {
		yc_err_set(err, YC_EINVAL, "%s", _("An agent may collect only with the applicant's written authorisation."));
		return -1;
	}
	return SQLITE_OK;
}

static int insert_pickup(struct yc_store *st, struct move_ctx *c, const char *method)
{
	db_stmt *s = store_prep(st, SQL_PICKUP_INSERT);
	const struct yc_collection *k = c->collect;
	const struct yc_mailing *m = c->mail;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, method);
	if (k) {
		db_bind_text(s, 3, k->name);
		db_bind_text(s, 4, k->id_number);
		db_bind_text(s, 5, k->authorisation ? k->authorisation : "");
	}
	if (m) {
		db_bind_text(s, 6, m->address);
		db_bind_text(s, 7, m->recipient);
		db_bind_text(s, 8, m->phone);
		db_bind_text(s, 9, m->tracking);
	}
	db_bind_int64(s, 10, c->u->id);
	db_bind_text(s, 11, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_result_told(st, c->case_id, c->now);
}


static int pickup_tx_collect(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct move_ctx *c = vctx;
	struct case_state cs;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = pickup_tx_held(st, c->case_id, err)) != SQLITE_OK)
		return rc;
	if ((rc = store_case_apply(st, c->u, &cs, CA_COLLECT, c->collect->name, err)) != SQLITE_OK ||
	    (rc = check_collector(st, &cs, c->collect, err)) != SQLITE_OK)
		return rc;
	if ((rc = insert_pickup(st, c, c->collect->agent ? "agent"
					 : item_is_immediate(cs.kind) ? "on_the_spot" : "in_person")) != SQLITE_OK ||
	    (rc = store_rating_request_tx(st, c->case_id, "pickup", NULL, c->now)) != SQLITE_OK)
		return rc;
	return store_bundle_close(st, c->case_id, c->now);
}

int store_pickup_collect(struct yc_store *st, const struct yc_user *u, int64_t case_id,
			 const struct yc_collection *k, struct yc_err *err)
{
	struct move_ctx c = { u, case_id, NULL, k, NULL, "" };
	int year;

	yc_now(c.now);
	year = (int)strtol(c.now, NULL, 10);
	if (!k->name || !k->name[0] || yc_id_card_check(k->id_number, year) != ID_OK) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Please type the name and a valid ID card number of the one collecting."));
		return -1;
	}
	return store_run(st, 1, pickup_tx_collect, &c, err);
}

static int pickup_tx_mail(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct move_ctx c2, *c = vctx;
	struct case_state cs;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = pickup_tx_held(st, c->case_id, err)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, CA_MAIL, c->mail->tracking, err)) != SQLITE_OK)
		return rc;
	c2 = *c;
	if ((rc = insert_pickup(st, &c2, "mail")) != SQLITE_OK || (rc = store_bundle_close(st, c->case_id, c->now)) != SQLITE_OK ||
	    (rc = store_rating_request_tx(st, c->case_id, "mail", c->mail->phone, c->now)) != SQLITE_OK)
		return rc;
	return pickup_tx_queue_sms(st, &cs, c->mail->phone, c->mail->message, "mail");
}

int store_pickup_mail(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_mailing *m, struct yc_err *err)
{
	struct move_ctx c = { u, case_id, NULL, NULL, m, "" };

	if (!m->address[0] || !m->recipient[0] || !m->tracking[0] || !yc_phone_valid(m->phone)) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Mail needs the address, the recipient, a valid phone number and the tracking number."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, pickup_tx_mail, &c, err);
}

static const char SQL_DELIVERED[] = "UPDATE pickups SET delivered_at = ?2 WHERE case_id = ?1";

static int pickup_tx_delivered(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct move_ctx *c = vctx;
	struct case_state cs;
	db_stmt *s;
	int rc;

	if ((rc = store_case_state(st, c->case_id, &cs, err)) != SQLITE_OK ||
	    (rc = store_case_apply(st, c->u, &cs, CA_DELIVERED, NULL, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_DELIVERED)))
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, c->now);
	return store_step_done(s);
}

int store_pickup_delivered(struct yc_store *st, const struct yc_user *u, int64_t case_id, struct yc_err *err)
{
	struct move_ctx c = { u, case_id, NULL, NULL, NULL, "" };

	yc_now(c.now);
	return store_run(st, 1, pickup_tx_delivered, &c, err);
}

/* Ratings ------------------------------------------------------------------------------ */

/* Ratings are the citizen's (store-rating.c); bad ones are followed up here. */

static const struct store_col followup_cols[] = {
	STORE_COL_INT64(struct yc_followup, rating_id, "r.id"),
	STORE_COL_TEXT(struct yc_followup, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_followup, item, "i.name"),
	STORE_COL_TEXT(struct yc_followup, applicant, "a.name"),
	STORE_COL_TEXT(struct yc_followup, phone, "coalesce(a.phone, '')"),
	STORE_COL_INT(struct yc_followup, score, "r.score"),
	STORE_COL_TEXT(struct yc_followup, channel, "r.channel"),
	STORE_COL_TEXT(struct yc_followup, comment, "r.comment"),
	STORE_COL_TEXT(struct yc_followup, reasons, "r.reasons"),
	STORE_COL_TEXT(struct yc_followup, at, "r.at"),
	STORE_COL_TEXT(struct yc_followup, due, "coalesce(r.due, '')"),
	STORE_COL_TEXT(struct yc_followup, checked, "coalesce(r.checked, '')"),
	STORE_COL_TEXT(struct yc_followup, rectified, "coalesce(r.rectified, '')"),
	STORE_COL_TEXT(struct yc_followup, answer, "coalesce(r.follow_up, '')"),
	STORE_COL_TEXT(struct yc_followup, answered_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_followup, answered_at, "coalesce(r.follow_up_at, '')"),
	STORE_COL_INT(struct yc_followup, answered, "r.follow_up_at IS NOT NULL"),
};
enum { FOLLOWUP_COL_ID = 0, FOLLOWUP_COL_AT = 9, FOLLOWUP_COL_ANSWERED = 16 };

/* unanswered first, the latest first */
static struct store_list followup_list = {
	STORE_ROWS(struct yc_followup, followup_cols),
	.from = "FROM ratings r JOIN cases c ON c.id = r.case_id JOIN service_items i ON i.id = c.item_id"
		" JOIN applicants a ON a.id = c.applicant_id LEFT JOIN users u ON u.id = r.follow_up_by",
	.where = "r.score <= 2",
	.key = { { FOLLOWUP_COL_ANSWERED, 0 }, { FOLLOWUP_COL_AT, 1 }, { FOLLOWUP_COL_ID, 1 } }, .n_key = 3,
};

static const char SQL_FOLLOWUPS_OPEN[] = "SELECT count(*) FROM ratings WHERE score <= 2 AND follow_up_at IS NULL";
static const char SQL_FOLLOWUPS_OVERDUE[] =
	"SELECT count(*) FROM ratings WHERE score <= 2 AND follow_up_at IS NULL AND due < ?1";

int store_followups_page(struct yc_store *st, const struct yc_followup *anchor, int forward, struct yc_followup *rows,
			 int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &followup_list, NULL, anchor, forward, rows, max, n, err);
}

struct followups_count {
	const char *today;
	long all, open, overdue;
};

static int followups_tx_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct followups_count *c = vctx;
	struct store_param today[1] = { STORE_PARAM_TEXT(c->today) };
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, &followup_list, NULL, &c->all)) != SQLITE_OK ||
	    (rc = store_count_tx(st, SQL_FOLLOWUPS_OPEN, NULL, 0, &c->open)) != SQLITE_OK)
		return rc;
	return store_count_tx(st, SQL_FOLLOWUPS_OVERDUE, today, 1, &c->overdue);
}

int store_followups_count(struct yc_store *st, const char *today, long *all, long *open, long *overdue,
			  struct yc_err *err)
{
	struct followups_count c = { today, 0, 0, 0 };

	*all = *open = *overdue = 0;
	if (store_run(st, 0, followups_tx_count, &c, err) < 0)
		return -1;
	*all = c.all;
	*open = c.open;
	*overdue = c.overdue;
	return 0;
}

/* ?1 the rating, ?2 the text; the call back ?3 who, ?4 now (the event
 * log says who wrote the other steps); only while open */
static const char *const SQL_FOLLOWUP_STEP[] = {
	[FOLLOWUP_CHECK] = "UPDATE ratings SET checked = ?2 WHERE id = ?1 AND score <= 2 AND follow_up_at IS NULL",
	[FOLLOWUP_RECTIFY] = "UPDATE ratings SET rectified = ?2 WHERE id = ?1 AND score <= 2 AND follow_up_at IS NULL",
	/* the call back closes it, once checked and rectified */
	[FOLLOWUP_CALL_BACK] = "UPDATE ratings SET called_back = ?2, follow_up = ?2, follow_up_by = ?3, follow_up_at = ?4"
			       " WHERE id = ?1 AND score <= 2 AND follow_up_at IS NULL"
			       " AND coalesce(checked, '') <> '' AND coalesce(rectified, '') <> ''",
};
static const char *const followup_actions[] = { "check", "rectify", "call_back" };
static const char SQL_FOLLOWUP_CLOSED[] = "SELECT count(*) FROM ratings WHERE id = ?1 AND follow_up_at IS NOT NULL";

struct followup_ctx {
	const struct yc_user *u;
	int64_t id;
	enum yc_followup_step step;
	const char *text;
	char now[20];
};

/* Nothing changed: closed already, or called back before the rest. */
static int followup_refused(struct yc_store *st, struct followup_ctx *c, struct yc_err *err)
{
	struct store_param id[1] = { STORE_PARAM_INT(c->id) };
	long closed = 0;
	int rc;

	if ((rc = store_count_tx(st, SQL_FOLLOWUP_CLOSED, id, 1, &closed)) != SQLITE_OK)
		return rc;
	if (closed)
		yc_err_set(err, YC_ECONFLICT, "%s", _("This rating has already been followed up."));
	else
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Record what the verification found and what was put right before the call back."));
	return -1;
}

static int followup_tx_record(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct followup_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_FOLLOWUP_STEP[c->step]);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->text);
	if (c->step == FOLLOWUP_CALL_BACK) {
		db_bind_int64(s, 3, c->u->id);
		db_bind_text(s, 4, c->now);
	}
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0)
		return followup_refused(st, c, err);
	return store_event(st, c->u->id, "rating", c->id, followup_actions[c->step], NULL, c->text);
}

int store_followup_record(struct yc_store *st, const struct yc_user *u, int64_t rating_id, enum yc_followup_step step,
			  const char *text, struct yc_err *err)
{
	struct followup_ctx c = { u, rating_id, step, text, "" };

	if (auth_require(u, PERM_ASSESSMENT, err) < 0)
		return -1;
	if ((int)step < 0 || step > FOLLOWUP_CALL_BACK || !text || yc_blank(text)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please write what was done about the rating."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, followup_tx_record, &c, err);
}
