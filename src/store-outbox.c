/* store-outbox.c - the SMS outbox: messages wait in the database, one
 * station at a time claims one and sends it outside any transaction, and
 * the outcome is written back; failures are tried again later. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "dialect.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-outbox.h"

#define OUTBOX_COLUMNS \
	"SELECT id, coalesce(case_id, 0), phone, message, kind, status, attempts, coalesce(last_error, '')," \
	" created_at, coalesce(next_attempt_at, ''), status = 'failed' FROM notifications "

/* A message's columns, declared once: OUTBOX_COLUMNS selects them in
 * this order, read_msg and the unsent list map them. */
static const struct store_col outbox_cols[] = {
	STORE_COL_INT64(struct yc_outbox_msg, id, "id"),
	STORE_COL_INT64(struct yc_outbox_msg, case_id, "coalesce(case_id, 0)"),
	STORE_COL_TEXT(struct yc_outbox_msg, phone, "phone"),
	STORE_COL_TEXT(struct yc_outbox_msg, message, "message"),
	STORE_COL_TEXT(struct yc_outbox_msg, kind, "kind"),
	STORE_COL_TEXT(struct yc_outbox_msg, status, "status"),
	STORE_COL_INT(struct yc_outbox_msg, attempts, "attempts"),
	STORE_COL_TEXT(struct yc_outbox_msg, last_error, "coalesce(last_error, '')"),
	STORE_COL_TEXT(struct yc_outbox_msg, created_at, "created_at"),
	STORE_COL_TEXT(struct yc_outbox_msg, next_attempt_at, "coalesce(next_attempt_at, '')"),
	STORE_COL_INT(struct yc_outbox_msg, given_up, "status = 'failed'"),
};
enum { OUTBOX_COL_ID = 0, OUTBOX_COL_GIVEN_UP = 10 };

static void read_msg(db_stmt *s, struct yc_outbox_msg *m)
{
	memset(m, 0, sizeof *m);
	store_map_row(s, outbox_cols, (int)YC_ARRAY_LEN(outbox_cols), m);
}

struct outbox_ctx {
	struct yc_outbox_msg *m;
	int found;
	int64_t id;
	int ok, max_attempts;
	const char *error;
	char now[20];
	struct yc_outbox_counts *counts;
	struct yc_outbox_msg *rows;
	int max, n;
};

/* Due, and not claimed by a station still at it. */
static const char SQL_CLAIMABLE[] = OUTBOX_COLUMNS
	"WHERE status = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= ?1)"
	" AND (claimed_at IS NULL OR claimed_at < " DIALECT_CLAIM_EXPIRED ") ORDER BY id LIMIT 1";
static const char SQL_CLAIM[] = "UPDATE notifications SET claimed_by = ?2, claimed_at = ?3 WHERE id = ?1";

static int claim(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outbox_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CLAIMABLE);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->now);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found)
		read_msg(s, c->m);
	db_reset(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_OK : rc;
	if (!(s = store_prep(st, SQL_CLAIM)))
		return st->rc;
	db_bind_int64(s, 1, c->m->id);
	db_bind_text(s, 2, st->station);
	db_bind_text(s, 3, c->now);
	return store_step_done(s);
}

int store_outbox_claim(struct yc_store *st, struct yc_outbox_msg *m, struct yc_err *err)
{
	struct outbox_ctx c;

	memset(&c, 0, sizeof c);
	c.m = m;

	yc_now(c.now);
	if (store_run(st, 1, claim, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

/* Sent; or failed, tried again after 1, 2, 4 ... minutes (60 at most),
 * given up after max_attempts. */
static const char SQL_RESULT[] =
	"UPDATE notifications SET claimed_by = NULL, claimed_at = NULL,"
	" attempts = attempts + 1,"
	" status = CASE WHEN ?2 THEN 'sent' WHEN attempts + 1 >= ?4 THEN 'failed' ELSE 'queued' END,"
	" sent_at = CASE WHEN ?2 THEN ?5 ELSE sent_at END,"
	" last_error = CASE WHEN ?2 THEN NULL ELSE ?3 END,"
	" next_attempt_at = CASE WHEN ?2 THEN NULL"
	"   ELSE " DIALECT_RETRY_AT " END"
	" WHERE id = ?1";

static int result(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outbox_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_RESULT);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->ok);
	db_bind_text(s, 3, c->error ? c->error : "");
	db_bind_int(s, 4, c->max_attempts);
	db_bind_text(s, 5, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, 0, "sms", c->id, c->ok ? "sent" : "send_failed", NULL, c->error);
}

int store_outbox_result(struct yc_store *st, int64_t id, int ok, const char *error, int max_attempts,
			struct yc_err *err)
{
	struct outbox_ctx c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.ok = ok;
	c.max_attempts = max_attempts;
	c.error = error;

	yc_now(c.now);
	return store_run(st, 1, result, &c, err);
}

static const char SQL_COUNTS[] =
	"SELECT (SELECT count(*) FROM notifications WHERE status = 'queued'),"
	" (SELECT count(*) FROM notifications WHERE status = 'failed'),"
	" (SELECT count(*) FROM notifications WHERE status = 'sent' AND sent_at >= ?1)";

static int outbox_tx_counts(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outbox_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_COUNTS);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->now);
	if ((rc = db_step(s)) == DB_ROW) {
		c->counts->queued = (long)db_col_int64(s, 0);
		c->counts->failed = (long)db_col_int64(s, 1);
		c->counts->sent_today = (long)db_col_int64(s, 2);
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

int store_outbox_counts(struct yc_store *st, const char *today, struct yc_outbox_counts *out, struct yc_err *err)
{
	struct outbox_ctx c;

	memset(&c, 0, sizeof c);

	c.counts = out;
	yc_strlcpy(c.now, today, sizeof c.now);
	return store_run(st, 0, outbox_tx_counts, &c, err);
}

/* Given-up messages first, then those still queued, newest first: each
 * its own walk down notifications_status (status, id), so nothing is
 * sorted but the 2 x ?1 rows picked, however many were ever given up. */
/* Messages not sent: the given-up ones first (a clerk tries them again),
 * then those waiting, the newest first. */
static struct store_list unsent_list = {
	STORE_ROWS(struct yc_outbox_msg, outbox_cols),
	.from = "FROM notifications",
	.where = "status IN ('failed', 'queued')",
	.key = { { OUTBOX_COL_GIVEN_UP, 1 }, { OUTBOX_COL_ID, 1 } }, .n_key = 2,
};

int store_outbox_unsent_page(struct yc_store *st, const struct yc_outbox_msg *anchor, int forward,
			     struct yc_outbox_msg *rows, int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &unsent_list, NULL, anchor, forward, rows, max, n, err);
}

int store_outbox_unsent_count(struct yc_store *st, long *count, struct yc_err *err)
{
	return store_list_count(st, &unsent_list, NULL, count, err);
}

int store_outbox_unsent(struct yc_store *st, struct yc_outbox_msg *rows, int max, int *n, struct yc_err *err)
{
	return store_outbox_unsent_page(st, NULL, 1, rows, max, n, err);
}

static const char SQL_RETRY[] =
	"UPDATE notifications SET status = 'queued', attempts = 0, next_attempt_at = NULL WHERE id = ?1"
	" AND status = 'failed'";

static int retry(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outbox_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_RETRY);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, 0, "sms", c->id, "retry", NULL, NULL);
}

int store_outbox_retry(struct yc_store *st, int64_t id, struct yc_err *err)
{
	struct outbox_ctx c;

	memset(&c, 0, sizeof c);

	c.id = id;
	return store_run(st, 1, retry, &c, err);
}
