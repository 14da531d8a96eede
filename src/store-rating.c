/* store-rating.c - 好差评 by the citizen: every service a window finishes
 * leaves a rating request for the window's rating terminal; one not rated
 * there is asked by SMS with a four-digit code, and the reply rated by its
 * code and phone. The clerk keys in nothing. A bad rating gets its due day
 * for the follow-up (rating.followup_days working days on the hall's
 * calendar). */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "rating.h"
#include "store-rating.h"
#include "store-select.h"
#include "validate.h"

/* Requests, left by the services ---------------------------------------------- */

static const char SQL_REQUEST_INSERT[] =
	"INSERT INTO rating_requests(case_id, station, service, at, status, phone) VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

int store_rating_request_tx(struct yc_store *st, int64_t case_id, const char *service, const char *phone,
			    const char *now)
{
	db_stmt *s = store_prep(st, SQL_REQUEST_INSERT);
	int mailed = strcmp(service, "mail") == 0;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	/* a mailed result was finished at no window: no terminal shows it */
	db_bind_text(s, 2, mailed ? "" : st->station);
	db_bind_text(s, 3, service);
	db_bind_text(s, 4, now);
	db_bind_text(s, 5, mailed ? "not_rated" : "waiting");
	db_bind_text(s, 6, phone ? phone : "");
	return store_step_done(s);
}

/* Ratings, given by the citizen ------------------------------------------------ */

static const char SQL_CITIZEN_RATING[] =
	"INSERT INTO ratings(case_id, score, comment, at, channel, recorded_by, reasons, due)"
	" VALUES (?1, ?2, '', ?3, ?4, NULL, ?5, nullif(?6, ''))";

/* A bad rating is due for its follow-up this many working days on. */
static int followup_due(struct yc_store *st, const char *now, char due[11])
{
	struct yc_calendar cal;
	struct yc_policy p;
	yc_date today;
	char day[11];
	int rc;

	yc_strlcpy(day, now, sizeof day);
	if (date_parse(day, &today) != 0)
		return SQLITE_CORRUPT;
	if ((rc = store_policy_read(st, &p)) != SQLITE_OK)
		return rc;
	cal_init(&cal);
	if ((rc = store_calendar_read(st, &cal)) == SQLITE_OK)
		date_format(cal_add_workdays(&cal, today, p.rating_followup_days), due);
	cal_free(&cal);
	return rc;
}

static int citizen_rating_tx(struct yc_store *st, int64_t case_id, int score, const char *reasons,
			     const char *channel, const char *now)
{
	db_stmt *s;
	char due[11] = "", value[32];
	int rc;

	if (rating_is_bad(score) && (rc = followup_due(st, now, due)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_CITIZEN_RATING)))
		return st->rc;
	db_bind_int64(s, 1, case_id);
	db_bind_int(s, 2, score);
	db_bind_text(s, 3, now);
	db_bind_text(s, 4, channel);
	db_bind_text(s, 5, reasons ? reasons : "");
	db_bind_text(s, 6, due);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%s %d", channel, score);
	return store_event(st, 0, "case", case_id, "rate", NULL, value);
}

/* The request closed as status, if still open as one of from; its case in
 * *case_id. YC_ECONFLICT when it was closed meanwhile. */
static const char SQL_REQUEST_CLOSE[] =
	"UPDATE rating_requests SET status = ?2, closed_at = ?3"
	" WHERE id = ?1 AND status IN (?4, ?5) RETURNING case_id";

/* Step an UPDATE of one open request RETURNING its case_id: the case, or
 * YC_ECONFLICT when the request is no longer open. */
static int step_open_request(db_stmt *s, int64_t *case_id, struct yc_err *err)
{
	int rc = db_step(s);

	if (rc == DB_ROW)
		*case_id = db_col_int64(s, 0);
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("This service has been rated or passed over meanwhile."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;   /* a code another open request has: YC_ECONFLICT */
}

static int close_request(struct yc_store *st, int64_t id, const char *status, const char *from1, const char *from2,
			 const char *now, int64_t *case_id, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_REQUEST_CLOSE);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, status);
	db_bind_text(s, 3, now);
	db_bind_text(s, 4, from1);
	db_bind_text(s, 5, from2);
	return step_open_request(s, case_id, err);
}

/* The terminal ---------------------------------------------------------------- */

static const struct store_col request_cols[] = {
	STORE_COL_INT64(struct yc_rating_request, id, "r.id"),
	STORE_COL_TEXT(struct yc_rating_request, service, "r.service"),
	STORE_COL_TEXT(struct yc_rating_request, item, "i.name"),
	STORE_COL_READ(struct yc_rating_request, name_masked, "a.name", store_read_name_masked),
	STORE_COL_TEXT(struct yc_rating_request, at, "r.at"),
};

/* the window's services waiting, the newest first: ?1 site code, ?2 station */
static struct store_list waiting_list = {
	STORE_ROWS(struct yc_rating_request, request_cols),
	.from = "FROM rating_requests r JOIN cases c ON c.id = r.case_id JOIN service_items i ON i.id = c.item_id"
		" JOIN applicants a ON a.id = c.applicant_id",
	.where = "r.station = ?2 AND r.status = 'waiting' AND c.site_id = (SELECT id FROM sites WHERE code = ?1)",
	.n_params = 2,
	.key = { { 0, 1 } }, .n_key = 1,
};

static const char SQL_PASS_OVER[] =
	"UPDATE rating_requests SET status = 'not_rated', closed_at = ?3"
	" WHERE station = ?2 AND status = 'waiting' AND id < ?4"
	" AND (SELECT site_id FROM cases WHERE id = case_id) = (SELECT id FROM sites WHERE code = ?1)";

struct take_ctx {
	const char *site, *station;
	struct yc_rating_request *r;
	int found;
};

static int take_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct take_ctx *c = vctx;
	struct store_param p[2] = { STORE_PARAM_TEXT(c->site), STORE_PARAM_TEXT(c->station) };
	db_stmt *s;
	char now[20];
	int rc, n = 0;

	(void)err;
	if ((rc = store_list_page_tx(st, &waiting_list, p, NULL, 1, c->r, 1, &n)) != SQLITE_OK || n == 0)
		return rc;
	c->found = 1;
	/* the citizen before went without rating: the SMS asks them */
	if (!(s = store_prep(st, SQL_PASS_OVER)))
		return st->rc;
	yc_now(now);
	db_bind_text(s, 1, c->site);
	db_bind_text(s, 2, c->station);
	db_bind_text_copy(s, 3, now);
	db_bind_int64(s, 4, c->r->id);
	return store_step_done(s);
}

/* Whether anything waits for this terminal, in a read: a terminal asks
 * each time another station commits, and most of those commits are other
 * windows' work, which must not cost the shared lock a write each. */
static int peek_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct take_ctx *c = vctx;
	struct store_param p[2] = { STORE_PARAM_TEXT(c->site), STORE_PARAM_TEXT(c->station) };
	int n = 0, rc;

	(void)err;
	rc = store_list_page_tx(st, &waiting_list, p, NULL, 1, c->r, 1, &n);
	c->found = n > 0;
	return rc;
}

int store_rating_take(struct yc_store *st, const char *site_code, const char *station, struct yc_rating_request *r,
		      struct yc_err *err)
{
	struct take_ctx c = { site_code, station, r, 0 };

	memset(r, 0, sizeof *r);
	if (store_run(st, 0, peek_tx, &c, err) < 0)
		return -1;
	if (!c.found)
		return 1;
	c.found = 0;
	if (store_run(st, 1, take_tx, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

struct rate_ctx {
	int64_t id;
	int score;
	const char *reasons, *code, *phone, *message;
	char now[20];
	int found;
};

static int at_window_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct rate_ctx *c = vctx;
	int64_t case_id = 0;
	int rc;

	if ((rc = close_request(st, c->id, "rated", "waiting", "waiting", c->now, &case_id, err)) != SQLITE_OK)
		return rc;
	return citizen_rating_tx(st, case_id, c->score, c->reasons, "window", c->now);
}

static int score_valid(int score, struct yc_err *err)
{
	if (score >= 1 && score <= 5)
		return 1;
	yc_err_set(err, YC_EINVAL, "%s", _("A rating is 1 (very dissatisfied) to 5 (very satisfied)."));
	return 0;
}

int store_rating_at_window(struct yc_store *st, int64_t request_id, int score, const char *reasons,
			   struct yc_err *err)
{
	struct rate_ctx c = { request_id, score, reasons, NULL, NULL, NULL, "", 0 };

	if (!score_valid(score, err))
		return -1;
	yc_now(c.now);
	return store_run(st, 1, at_window_tx, &c, err);
}

static const char SQL_NOT_RATED[] =
	"UPDATE rating_requests SET status = 'not_rated', closed_at = ?2 WHERE id = ?1 AND status = 'waiting'";

static int not_rated_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct rate_ctx *c = vctx;

	(void)err;
	return store_exec_id_text(st, SQL_NOT_RATED, c->id, c->now);
}

int store_rating_not_rated(struct yc_store *st, int64_t request_id, struct yc_err *err)
{
	struct rate_ctx c = { request_id, 0, NULL, NULL, NULL, NULL, "", 0 };

	yc_now(c.now);
	return store_run(st, 1, not_rated_tx, &c, err);
}

/* SMS -------------------------------------------------------------------------- */

static const struct store_col sms_due_cols[] = {
	STORE_COL_INT64(struct yc_rating_sms_due, id, "r.id"),
	STORE_COL_INT64(struct yc_rating_sms_due, case_id, "r.case_id"),
	STORE_COL_TEXT(struct yc_rating_sms_due, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_rating_sms_due, item, "i.name"),
	STORE_COL_TEXT(struct yc_rating_sms_due, applicant, "a.name"),
	STORE_COL_TEXT(struct yc_rating_sms_due, phone, "coalesce(nullif(r.phone, ''), a.phone, '')"),
};

/* not rated at the window, a mailed result once delivered, or left
 * waiting (no terminal at that window) since before ?1 */
static struct store_list sms_due_list = {
	STORE_ROWS(struct yc_rating_sms_due, sms_due_cols),
	.from = "FROM rating_requests r JOIN cases c ON c.id = r.case_id JOIN service_items i ON i.id = c.item_id"
		" JOIN applicants a ON a.id = c.applicant_id LEFT JOIN pickups p ON p.case_id = r.case_id",
	.where = "((r.status = 'not_rated' AND (r.service <> 'mail' OR p.delivered_at IS NOT NULL))"
		 " OR (r.status = 'waiting' AND r.at < ?1))"
		 " AND coalesce(nullif(r.phone, ''), a.phone, '') <> ''",
	.n_params = 1,
	.key = { { 0, 0 } }, .n_key = 1,
};

int store_rating_sms_due(struct yc_store *st, const char *stale_before, struct yc_rating_sms_due *rows, int max,
			 int *n, struct yc_err *err)
{
	struct store_param p[1] = { STORE_PARAM_TEXT(stale_before) };

	return store_list_page(st, &sms_due_list, p, NULL, 1, rows, max, n, err);
}

static const char SQL_ASK[] =
	"UPDATE rating_requests SET status = 'sms', sms_code = ?2, phone = ?3"
	" WHERE id = ?1 AND status IN ('waiting', 'not_rated') RETURNING case_id";

static int ask_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct rate_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ASK);
	int64_t case_id = 0;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->code);
	db_bind_text(s, 3, c->phone);
	if ((rc = step_open_request(s, &case_id, err)) != SQLITE_OK)
		return rc;
	if ((rc = store_notify_queue(st, case_id, c->phone, c->message, "rating")) != SQLITE_OK)
		return rc;
	return store_event(st, 0, "case", case_id, "rating_asked", NULL, c->code);
}

int store_rating_sms_ask(struct yc_store *st, int64_t request_id, const char *code, const char *phone,
			 const char *message, struct yc_err *err)
{
	struct rate_ctx c = { request_id, 0, NULL, code, phone, message, "", 0 };

	return store_run(st, 1, ask_tx, &c, err);
}

static const char SQL_ASKED[] =
	"SELECT id FROM rating_requests WHERE status = 'sms' AND sms_code = ?1 AND phone = ?2";

static int reply_tx(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct rate_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_ASKED);
	int64_t case_id = 0;
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->code);
	db_bind_text(s, 2, c->phone);
	rc = db_step(s);
	if (rc == DB_ROW)
		c->id = db_col_int64(s, 0);
	db_reset(s);
	if (rc == DB_DONE)
		return SQLITE_OK;   /* no such request: nothing to record */
	if (rc != DB_ROW)
		return rc;
	c->found = 1;
	if ((rc = close_request(st, c->id, "rated", "sms", "sms", c->now, &case_id, err)) != SQLITE_OK)
		return rc;
	return citizen_rating_tx(st, case_id, c->score, "", "sms", c->now);
}

int store_rating_sms_reply(struct yc_store *st, const char *phone, const char *code, int score, struct yc_err *err)
{
	struct rate_ctx c = { 0, score, NULL, code, phone, NULL, "", 0 };

	if (!score_valid(score, err))
		return -1;
	yc_now(c.now);
	if (store_run(st, 1, reply_tx, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}
