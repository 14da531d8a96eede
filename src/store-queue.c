/* store-queue.c - queue tickets, the calendar, overview counts. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "db-pg.h"
#include "dialect.h"
#include "policy.h"
#include "store-guidance.h"
#include "store-queue.h"
#include "store-select.h"

struct ticket_ctx {
	const char *site_code;
	const char *category;
	int priority;
	int64_t item_id;
	int64_t appointment_id;
	int64_t user_id;
	char *number;
	int64_t ticket_id;
};

static const char SQL_TICKET_NEXT[] =
	"SELECT s.id, w.ticket_prefix,"
	" coalesce((SELECT max(seq) FROM queue_tickets t"
	"           WHERE t.site_id = s.id AND t.day = ?3 AND t.category = w.code), 0) + 1"
	" FROM sites s, window_categories w WHERE s.code = ?1 AND w.code = ?2";
static const char SQL_TICKET_INSERT[] =
	"INSERT INTO queue_tickets(site_id, day, category, seq, number, priority, item_id,"
	" appointment_id, issued_by, issued_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)";

/* The window categories, in ticket letter order: data/base.sql makes the
 * same rows (tests/cli.sh compares them), and the command line's help,
 * its checks and its messages list them from here. */
const char *const store_ticket_categories[] = {
	"combined", "bundle", "remote", "construction", "assist", "pickup", "guidance", NULL
};

int store_ticket_category_known(const char *category)
{
	int i;

	for (i = 0; category && store_ticket_categories[i]; i++)
		if (strcmp(category, store_ticket_categories[i]) == 0)
			return 1;
	return 0;
}

static void bind_id_or_null(db_stmt *s, int col, int64_t id)
{
	if (id > 0)
		db_bind_int64(s, col, id);
	else
		db_bind_null(s, col);
}

/* Inside a write transaction: the next number of the day, inserted. */
static int insert_ticket(struct yc_store *st, struct ticket_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_TICKET_NEXT);
	char day[11], now[20], prefix[8];
	int64_t site_id;
	int seq, rc;

	if (!s)
		return st->rc;
	yc_today(day);
	yc_now(now);
	db_bind_text(s, 1, c->site_code);
	db_bind_text(s, 2, c->category);
	db_bind_text(s, 3, day);
	rc = db_step(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, _("Unknown site '%s' or window category '%s'."),
			   c->site_code, c->category);
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	site_id = db_col_int64(s, 0);
	store_col_text(s, 1, prefix, sizeof prefix);
	seq = db_col_int(s, 2);
	db_reset(s);
	snprintf(c->number, 16, "%s%03d", prefix, seq);

	s = store_prep(st, SQL_TICKET_INSERT);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, site_id);
	db_bind_text(s, 2, day);
	db_bind_text(s, 3, c->category);
	db_bind_int(s, 4, seq);
	db_bind_text(s, 5, c->number);
	db_bind_int(s, 6, c->priority);
	bind_id_or_null(s, 7, c->item_id);
	bind_id_or_null(s, 8, c->appointment_id);
	bind_id_or_null(s, 9, c->user_id);
	db_bind_text(s, 10, now);
	rc = db_step(s);
	if (rc != DB_DONE)
		return rc;
	c->ticket_id = store_last_id(st);
	return store_event(st, c->user_id, "ticket", c->ticket_id, "issued", NULL, c->number);
}

int store_ticket_insert(struct yc_store *st, const char *site_code, const char *category,
			int priority, int64_t item_id, int64_t appointment_id, int64_t user_id,
			char number[16], struct yc_err *err)
{
	struct ticket_ctx c = { site_code, category, priority, item_id, appointment_id, user_id,
				number, 0 };

	return insert_ticket(st, &c, err);
}

static int ticket_issue(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return insert_ticket(st, vctx, err);
}

int store_ticket_issue(struct yc_store *st, const char *site_code, const char *category,
		       int priority, int64_t item_id, int64_t appointment_id, int64_t user_id,
		       char number[16], struct yc_err *err)
{
	struct ticket_ctx c = { site_code, category, priority, item_id, appointment_id, user_id,
				number, 0 };

	if (!store_ticket_category_known(category)) {
		yc_err_set(err, YC_EINVAL, _("There is no ticket category '%s'."), category ? category : "");
		return -1;
	}
	return store_run(st, 1, ticket_issue, &c, err);
}

struct ahead_ctx {
	const char *site_code, *number;
	long ahead;
};

/* Waiting tickets of the same category that will be called first. */
static const char SQL_AHEAD[] =
	"SELECT count(*) FROM queue_tickets o JOIN queue_tickets t"
	" ON t.site_id = o.site_id AND t.day = o.day AND t.category = o.category"
	" JOIN sites s ON s.id = t.site_id"
	" WHERE s.code = ?1 AND t.day = ?2 AND t.number = ?3 AND o.status = 'waiting' AND o.id <> t.id"
	" AND (o.priority > t.priority OR (o.priority = t.priority AND"
	"  ((o.appointment_id IS NOT NULL) > (t.appointment_id IS NOT NULL) OR"
	"   ((o.appointment_id IS NOT NULL) = (t.appointment_id IS NOT NULL) AND o.seq < t.seq))))";

int store_count3(struct yc_store *st, const char *sql, const char *a, const char *b, const char *c,
		 long *out)
{
	db_stmt *s = store_prep(st, sql);
	int rc;

	*out = 0;
	if (!s)
		return st->rc;
	db_bind_text_copy(s, 1, a);
	db_bind_text_copy(s, 2, b);
	db_bind_text_copy(s, 3, c);
	rc = db_step(s);
	if (rc == DB_ROW)
		*out = (long)db_col_int64(s, 0);
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int ahead(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct ahead_ctx *c = vctx;
	char day[11];

	yc_today(day);
	return store_count3(st, SQL_AHEAD, c->site_code, day, c->number, &c->ahead);
}

int store_ticket_ahead(struct yc_store *st, const char *site_code, const char *number,
		       long *n, struct yc_err *err)
{
	struct ahead_ctx c = { site_code, number, 0 };

	if (store_run(st, 0, ahead, &c, err) < 0)
		return -1;
	*n = c.ahead;
	return 0;
}

struct guided_ctx {
	struct ticket_ctx t;
	const char *missing;
};

static int guided_ticket(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct guided_ctx *g = vctx;
	struct yc_consultation c = { g->t.item_id, "to_window", 0, NULL, 0, g->missing, g->t.site_code };
	int rc = insert_ticket(st, &g->t, err);

	if (rc != SQLITE_OK)
		return rc;
	c.ticket_id = g->t.ticket_id;
	return store_consultation_insert(st, g->t.user_id, &c);
}

int store_ticket_issue_guided(struct yc_store *st, const char *site_code, const char *category,
			      int priority, int64_t item_id, int64_t user_id, const char *missing,
			      char number[16], struct yc_err *err)
{
	struct guided_ctx g = { { site_code, category, priority, item_id, 0, user_id, number, 0 },
				missing };

	return store_run(st, 1, guided_ticket, &g, err);
}

/* Reading tickets ----------------------------------------------------------- */

#define TICKET_COLUMNS \
	"SELECT t.id, t.number, t.category, w.name, t.priority, t.appointment_id IS NOT NULL," \
	" t.status, t.issued_at, coalesce(t.called_at, ''), coalesce(t.station_name, '')," \
	" t.recalls, coalesce(i.name, ''), t.note, coalesce(t.item_id, 0), coalesce(t.held_at, '')" \
	" FROM queue_tickets t JOIN window_categories w ON w.code = t.category" \
	" JOIN sites s ON s.id = t.site_id LEFT JOIN service_items i ON i.id = t.item_id"

/* A ticket as the lists declare it (TICKET_COLUMNS' columns). */
static const struct store_col ticket_cols[] = {
	STORE_COL_INT64(struct yc_ticket, id, "t.id"),
	STORE_COL_TEXT(struct yc_ticket, number, "t.number"),
	STORE_COL_TEXT(struct yc_ticket, category, "t.category"),
	STORE_COL_TEXT(struct yc_ticket, category_name, "w.name"),
	STORE_COL_INT(struct yc_ticket, priority, "t.priority"),
	STORE_COL_INT(struct yc_ticket, appointment, "t.appointment_id IS NOT NULL"),
	STORE_COL_TEXT(struct yc_ticket, status, "t.status"),
	STORE_COL_TEXT(struct yc_ticket, issued_at, "t.issued_at"),
	STORE_COL_TEXT(struct yc_ticket, called_at, "coalesce(t.called_at, '')"),
	STORE_COL_TEXT(struct yc_ticket, station, "coalesce(t.station_name, '')"),
	STORE_COL_INT(struct yc_ticket, recalls, "t.recalls"),
	STORE_COL_TEXT(struct yc_ticket, item, "coalesce(i.name, '')"),
	STORE_COL_TEXT(struct yc_ticket, note, "t.note"),
	STORE_COL_INT64(struct yc_ticket, item_id, "coalesce(t.item_id, 0)"),
	STORE_COL_TEXT(struct yc_ticket, held_at, "coalesce(t.held_at, '')"),
};
enum { TICKET_COL_ID = 0, TICKET_COL_PRIORITY = 4, TICKET_COL_APPOINTMENT = 5 };

static void read_ticket(db_stmt *s, struct yc_ticket *t)
{
	memset(t, 0, sizeof *t);
	store_map_row(s, ticket_cols, (int)YC_ARRAY_LEN(ticket_cols), t);
}

struct queue_ctx {
	const char *site_code;
	const char *category;
	const char *station;
	int64_t user_id;
	struct yc_ticket *rows;
	int max, n;
	long total;
	int found;
};

/* ?1 the site, ?2 today, ?3 this station: a window's tickets of the day. */
static void bind_site_today_station(db_stmt *s, const struct queue_ctx *c, char day[11])
{
	yc_today(day);
	db_bind_text(s, 1, c->site_code);
	db_bind_text(s, 2, day);
	db_bind_text(s, 3, c->station);
}

static const char SQL_CURRENT[] = TICKET_COLUMNS
	" WHERE s.code = ?1 AND t.day = ?2 AND t.status = 'called' AND t.station_name = ?3 AND t.held_at IS NULL"
	" ORDER BY t.called_at DESC LIMIT 1";

static int read_current(struct yc_store *st, struct queue_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_CURRENT);
	char day[11];
	int rc;

	if (!s)
		return st->rc;
	bind_site_today_station(s, c, day);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found)
		read_ticket(s, c->rows);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int current(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return read_current(st, vctx);
}

int store_queue_current(struct yc_store *st, const char *site_code, const char *station,
			struct yc_ticket *t, struct yc_err *err)
{
	struct queue_ctx c = { site_code, NULL, station, 0, t, 1, 0, 0, 0 };

	if (store_run(st, 0, current, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

/* Changing tickets ------------------------------------------------------------ */

/* Guarded by status and station: a ticket another window took meanwhile
 * is not touched (and the caller is told). */
static const char SQL_TICKET_FINISH[] =
	"UPDATE queue_tickets SET status = ?3, finished_at = ?4"
	" WHERE id = ?1 AND status = 'called' AND station_name = ?2 AND held_at IS NULL";
static const char SQL_TICKET_RECALL[] =
	"UPDATE queue_tickets SET recalls = recalls + 1, called_at = ?3"
	" WHERE id = ?1 AND status = 'called' AND station_name = ?2 AND held_at IS NULL";
/* A window the administrator set up (station ?4 at the site) calls the
 * categories it serves, the oldest ticket first; one that is not set up
 * calls its configured category (?3). */
static const char SQL_NEXT_WAITING[] = TICKET_COLUMNS
	" WHERE s.code = ?1 AND t.day = ?2 AND t.status = 'waiting' AND t.category IN ("
	"  SELECT sc.category FROM stations w2 JOIN station_categories sc ON sc.station_id = w2.id"
	"  WHERE w2.site_id = s.id AND w2.name = ?4"
	"  UNION ALL SELECT ?3 WHERE NOT EXISTS"
	"  (SELECT 1 FROM stations w3 WHERE w3.site_id = s.id AND w3.name = ?4))"
	" ORDER BY t.priority DESC, t.appointment_id IS NULL, t.issued_at, t.id LIMIT 1";
/* When the hall lets a window help others (policy queue.take_others):
 * any category's ticket at the site, in the same order. */
static const char SQL_NEXT_ANY[] = TICKET_COLUMNS
	" WHERE s.code = ?1 AND t.day = ?2 AND t.status = 'waiting'"
	/* windows that take applications help each other; the pickup and
	 * guidance desks serve another kind of visit and neither take nor
	 * give (?3 this window's own category) */
	" AND t.category NOT IN ('pickup', 'guidance') AND ?3 NOT IN ('pickup', 'guidance')"
	" ORDER BY t.priority DESC, t.appointment_id IS NULL, t.issued_at, t.id LIMIT 1";
static const char SQL_WINDOW_CLOSED[] =
	"SELECT count(*) FROM stations w JOIN sites s ON s.id = w.site_id"
	" WHERE s.code = ?1 AND w.name = ?2 AND w.open = 0";
/* a ticket waiting, or one this window holds */
static const char SQL_TICKET_CALL[] =
	"UPDATE queue_tickets SET status = 'called', called_at = ?2, called_by = ?3, station_name = ?4,"
	" held_at = NULL WHERE id = ?1"
	" AND (status = 'waiting' OR (status = 'called' AND held_at IS NOT NULL AND station_name = ?4))";

static int finish_ticket(struct yc_store *st, int64_t id, const char *station, const char *status,
			 int64_t user_id)
{
	db_stmt *s = store_prep(st, SQL_TICKET_FINISH);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, station);
	db_bind_text(s, 3, status);
	db_bind_text_copy(s, 4, now);
	rc = db_step(s);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (store_changes(st) != 1)
		return SQLITE_NOTFOUND;
	return store_event(st, user_id, "ticket", id, status, "called", NULL);
}

static int conflict(struct yc_err *err)
{
	yc_err_set(err, YC_ECONFLICT,
		   _("This ticket is no longer being served at this window; another station may have dealt with it."));
	return -1;
}

/* Before a window calls anyone: it must be open, and the person at the
 * window now is done. */
static int ready_to_call(struct yc_store *st, struct queue_ctx *c, struct yc_err *err)
{
	long closed;
	int rc;

	if ((rc = store_user_may(st, c->user_id, PERM_QUEUE, NULL, err)) != SQLITE_OK)
		return rc;
	if ((rc = store_count3(st, SQL_WINDOW_CLOSED, c->site_code, c->station, NULL, &closed)) != SQLITE_OK)
		return rc;
	if (closed) {
		yc_err_set(err, YC_EINVAL, _("%s is closed today (the administrator closed it): it calls nobody."),
			   c->station);
		return -1;
	}
	if ((rc = read_current(st, c)) != SQLITE_OK)
		return rc;
	if (c->found && (rc = finish_ticket(st, c->rows->id, c->station, "done", c->user_id)) != SQLITE_OK)
		return rc == SQLITE_NOTFOUND ? conflict(err) : rc;
	return SQLITE_OK;
}

/* The ticket in c->rows (waiting, or held by this window) is called to
 * it now. */
static int call_ticket(struct yc_store *st, struct queue_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_TICKET_CALL);
	const char *was = c->rows->held_at[0] ? "held" : "waiting";
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, c->rows->id);
	db_bind_text_copy(s, 2, now);
	bind_id_or_null(s, 3, c->user_id);
	db_bind_text(s, 4, c->station);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1)
		return conflict(err);
	yc_strlcpy(c->rows->status, "called", sizeof c->rows->status);
	yc_strlcpy(c->rows->called_at, now, sizeof c->rows->called_at);
	yc_strlcpy(c->rows->station, c->station, sizeof c->rows->station);
	return store_event(st, c->user_id, "ticket", c->rows->id, "called", was, c->station);
}

/* Nobody waits for this window's categories: where the hall's policy
 * says so, the longest-waiting ticket of any other. DB_DONE when
 * there is none to take (or the policy says no). */
static int next_of_another_window(struct yc_store *st, struct queue_ctx *c, const char *day)
{
	struct yc_policy policy;
	db_stmt *s;
	int rc;

	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	if (!policy.queue_take_others)
		return DB_DONE;
	if (!(s = store_prep(st, SQL_NEXT_ANY)))
		return st->rc;
	db_bind_text(s, 1, c->site_code);
	db_bind_text_copy(s, 2, day);
	db_bind_text(s, 3, c->category);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found)
		read_ticket(s, c->rows);
	db_reset(s);
	return rc;
}

static int queue_tx_call_next(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct queue_ctx *c = vctx;
	db_stmt *s;
	char day[11];
	int rc;

	if ((rc = ready_to_call(st, c, err)) != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_NEXT_WAITING);
	if (!s)
		return st->rc;
	yc_today(day);
	db_bind_text(s, 1, c->site_code);
	db_bind_text_copy(s, 2, day);
	db_bind_text(s, 3, c->category);
	db_bind_text(s, 4, c->station);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found)
		read_ticket(s, c->rows);
	db_reset(s);
	if (!c->found && rc == DB_DONE)
		rc = next_of_another_window(st, c, day);
	if (!c->found)
		return rc == DB_DONE ? SQLITE_OK : rc;
	return call_ticket(st, c, err);
}

int store_queue_call_next(struct yc_store *st, const char *site_code, const char *category,
			  const char *station, int64_t user_id, struct yc_ticket *t,
			  struct yc_err *err)
{
	struct queue_ctx c = { site_code, category, station, user_id, t, 1, 0, 0, 0 };

	if (store_run(st, 1, queue_tx_call_next, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

static const char SQL_HELD[] = TICKET_COLUMNS
	" WHERE s.code = ?1 AND t.day = ?2 AND t.status = 'called' AND t.station_name = ?3 AND t.held_at IS NOT NULL"
	" ORDER BY t.held_at, t.id LIMIT ?4";

static int held(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct queue_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_HELD);
	char day[11];
	int rc;

	if (!s)
		return st->rc;
	bind_site_today_station(s, c, day);
	db_bind_int(s, 4, c->max);
	c->n = 0;
	rc = DB_DONE;
	while (c->n < c->max && (rc = db_step(s)) == DB_ROW) {
		read_ticket(s, &c->rows[c->n++]);
	}
	db_reset(s);
	return c->n == c->max || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_queue_held(struct yc_store *st, const char *site_code, const char *station,
		     struct yc_ticket rows[STORE_QUEUE_MAX_HELD], int *n, struct yc_err *err)
{
	struct queue_ctx c = { site_code, NULL, station, 0, rows, STORE_QUEUE_MAX_HELD, 0, 0, 0 };

	*n = 0;
	if (store_run(st, 0, held, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* The ticket picked: waiting today at the site, or held by this window. */
static const char SQL_TICKET_PICKED[] = TICKET_COLUMNS
	" WHERE t.id = ?1 AND s.code = ?2 AND t.day = ?3"
	" AND (t.status = 'waiting' OR (t.status = 'called' AND t.held_at IS NOT NULL AND t.station_name = ?4))";

struct pick_ctx {
	struct queue_ctx q;
	int64_t ticket_id;
};

static int queue_tx_call_this(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct pick_ctx *c = vctx;
	db_stmt *s;
	char day[11];
	int rc, found;

	if ((rc = ready_to_call(st, &c->q, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_TICKET_PICKED)))
		return st->rc;
	yc_today(day);
	db_bind_int64(s, 1, c->ticket_id);
	db_bind_text(s, 2, c->q.site_code);
	db_bind_text_copy(s, 3, day);
	db_bind_text(s, 4, c->q.station);
	rc = db_step(s);
	found = rc == DB_ROW;
	if (found)
		read_ticket(s, c->q.rows);
	db_reset(s);
	if (!found)
		return rc == DB_DONE ? conflict(err) : rc;
	return call_ticket(st, &c->q, err);
}

int store_queue_call_this(struct yc_store *st, const char *site_code, const char *station, int64_t user_id,
			  int64_t ticket_id, struct yc_ticket *t, struct yc_err *err)
{
	struct pick_ctx c = { { site_code, NULL, station, user_id, t, 1, 0, 0, 0 }, ticket_id };

	return store_run(st, 1, queue_tx_call_this, &c, err);
}

struct act_ctx {
	int64_t id;
	const char *station;
	enum yc_queue_action action;
	int64_t user_id;
	const char *to_category;
	const char *note;
	char *new_number;
};

/* Holding ------------------------------------------------------------------ */

/* the window's held tickets at the ticket's own site (?3 the ticket):
 * window names are unique per site only */
static const char SQL_HELD_COUNT[] =
	"SELECT count(*) FROM queue_tickets h WHERE h.station_name = ?1 AND h.day = ?2 AND h.held_at IS NOT NULL"
	" AND h.status = 'called' AND h.site_id = (SELECT t.site_id FROM queue_tickets t WHERE t.id = ?3)";
static const char SQL_TICKET_HOLD[] =
	"UPDATE queue_tickets SET held_at = ?3 WHERE id = ?1 AND status = 'called' AND station_name = ?2"
	" AND held_at IS NULL";

static int hold(struct yc_store *st, struct act_ctx *c, struct yc_err *err)
{
	db_stmt *s;
	char day[11], now[20], id[24];
	long held;
	int rc;

	yc_today(day);
	yc_now(now);
	snprintf(id, sizeof id, "%lld", (long long)c->id);
	if ((rc = store_count3(st, SQL_HELD_COUNT, c->station, day, id, &held)) != SQLITE_OK)
		return rc;
	if (held >= STORE_QUEUE_MAX_HELD) {
		yc_err_set(err, YC_EINVAL,
			   _("This window already holds %d tickets: take one of them up again (F8) or finish it first."),
			   STORE_QUEUE_MAX_HELD);
		return -1;
	}
	if (!(s = store_prep(st, SQL_TICKET_HOLD)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->station);
	db_bind_text_copy(s, 3, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1)
		return conflict(err);
	return store_event(st, c->user_id, "ticket", c->id, "held", "called", c->station);
}

static int queue_act(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct act_ctx *c = vctx;
	db_stmt *s;
	char now[20];
	int rc;

	if ((rc = store_user_may(st, c->user_id, PERM_QUEUE, NULL, err)) != SQLITE_OK)
		return rc;
	if (c->action == QUEUE_HOLD)
		return hold(st, c, err);
	if (c->action != QUEUE_RECALL) {
		rc = finish_ticket(st, c->id, c->station, c->action == QUEUE_DONE ? "done" : "no_show",
				   c->user_id);
		return rc == SQLITE_NOTFOUND ? conflict(err) : rc;
	}
	s = store_prep(st, SQL_TICKET_RECALL);
	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->station);
	db_bind_text_copy(s, 3, now);
	rc = db_step(s);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (store_changes(st) != 1)
		return conflict(err);
	return store_event(st, c->user_id, "ticket", c->id, "recalled", NULL, c->station);
}

int store_queue_act(struct yc_store *st, int64_t ticket_id, const char *station,
		    enum yc_queue_action action, int64_t user_id, struct yc_err *err)
{
	struct act_ctx c = { ticket_id, station, action, user_id, NULL, NULL, NULL };

	return store_run(st, 1, queue_act, &c, err);
}

static const char SQL_TICKET_SITE[] =
	"SELECT s.code, t.item_id FROM queue_tickets t JOIN sites s ON s.id = t.site_id WHERE t.id = ?1";
static const char SQL_TICKET_LINK[] =
	"UPDATE queue_tickets SET transferred_from = ?2, note = ?3 WHERE id = ?1";

static int queue_transfer(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct act_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_TICKET_SITE);
	char site[32];
	struct ticket_ctx t;
	int rc;

	if ((rc = store_user_may(st, c->user_id, PERM_QUEUE, NULL, err)) != SQLITE_OK)
		return rc;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) != DB_ROW)
		return rc == DB_DONE ? conflict(err) : rc;
	store_col_text(s, 0, site, sizeof site);
	memset(&t, 0, sizeof t);
	t.item_id = db_col_int64(s, 1);
	db_reset(s);
	rc = finish_ticket(st, c->id, c->station, "transferred", c->user_id);
	if (rc != SQLITE_OK)
		return rc == SQLITE_NOTFOUND ? conflict(err) : rc;
	/* the person keeps their place: the new ticket goes first in line */
	t.site_code = site;
	t.category = c->to_category;
	t.priority = 1;
	t.user_id = c->user_id;
	t.number = c->new_number;
	rc = insert_ticket(st, &t, err);
	if (rc != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_TICKET_LINK);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, t.ticket_id);
	db_bind_int64(s, 2, c->id);
	db_bind_text(s, 3, c->note);
	rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_queue_transfer(struct yc_store *st, int64_t ticket_id, const char *station,
			 const char *to_category, const char *note, int64_t user_id,
			 char new_number[16], struct yc_err *err)
{
	struct act_ctx c = { ticket_id, station, QUEUE_DONE, user_id, to_category, note, new_number };

	return store_run(st, 1, queue_transfer, &c, err);
}

/* In calling order: the green channel, then appointments, then the rest
 * as they came (a ticket's id follows its serial within the day). */
static struct store_list waiting_list = {
	STORE_ROWS(struct yc_ticket, ticket_cols),
	.from = "FROM queue_tickets t JOIN window_categories w ON w.code = t.category"
		" JOIN sites s ON s.id = t.site_id LEFT JOIN service_items i ON i.id = t.item_id",
	.where = "s.code = ?1 AND t.day = ?2 AND t.category = ?3 AND t.status = 'waiting'",
	.n_params = 3,
	.key = { { TICKET_COL_PRIORITY, 1 }, { TICKET_COL_APPOINTMENT, 1 }, { TICKET_COL_ID, 0 } }, .n_key = 3,
};

int store_queue_waiting(struct yc_store *st, const char *site_code, const char *category,
			const struct yc_ticket *anchor, int forward, struct yc_ticket *rows, int max, int *n,
			struct yc_err *err)
{
	char day[11];
	struct store_param p[] = { STORE_PARAM_TEXT(site_code), STORE_PARAM_TEXT(day), STORE_PARAM_TEXT(category) };

	yc_today(day);
	return store_list_page(st, &waiting_list, p, anchor, forward, rows, max, n, err);
}

int store_queue_waiting_count(struct yc_store *st, const char *site_code, const char *category, long *total,
			      struct yc_err *err)
{
	char day[11];
	struct store_param p[] = { STORE_PARAM_TEXT(site_code), STORE_PARAM_TEXT(day), STORE_PARAM_TEXT(category) };

	yc_today(day);
	return store_list_count(st, &waiting_list, p, total, err);
}

static const char SQL_RECENT_CALLS[] = TICKET_COLUMNS
	" WHERE s.code = ?1 AND t.day = ?2 AND t.called_at IS NOT NULL"
	" ORDER BY t.called_at DESC, t.id DESC LIMIT ?4";

static int list_tickets(struct yc_store *st, struct queue_ctx *c, const char *sql)
{
	db_stmt *s = store_prep(st, sql);
	char day[11];
	int rc;

	if (!s)
		return st->rc;
	yc_today(day);
	c->n = 0;
	db_bind_text(s, 1, c->site_code);
	db_bind_text_copy(s, 2, day);
	if (c->category)
		db_bind_text(s, 3, c->category);
	db_bind_int(s, 4, c->max);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		read_ticket(s, &c->rows[c->n++]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int recent_calls(struct yc_store *st, void *vctx, struct yc_err *err)
{
	return list_tickets(st, vctx, SQL_RECENT_CALLS);
}

int store_queue_recent_calls(struct yc_store *st, const char *site_code, struct yc_ticket *rows,
			     int max, int *n, struct yc_err *err)
{
	struct queue_ctx c = { site_code, NULL, NULL, 0, rows, max, 0, 0, 0 };

	if (store_run(st, 0, recent_calls, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

struct category_ctx {
	struct yc_category *rows;
	int max, n;
};

/* A window category's columns, declared once: SQL_CATEGORIES selects them
 * in this order. */
static const struct store_col category_cols[] = {
	STORE_COL_TEXT(struct yc_category, code, "code"),
	STORE_COL_TEXT(struct yc_category, name, "name"),
	STORE_COL_TEXT(struct yc_category, prefix, "ticket_prefix"),
};
static const char SQL_CATEGORIES[] =
	"SELECT code, name, ticket_prefix FROM window_categories ORDER BY ticket_prefix";

static int categories(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct category_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CATEGORIES);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, category_cols, (int)YC_ARRAY_LEN(category_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_categories(struct yc_store *st, struct yc_category *rows, int max, int *n,
		     struct yc_err *err)
{
	struct category_ctx c = { rows, max, 0 };

	if (store_run(st, 0, categories, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

static const char SQL_CALENDAR[] = "SELECT day, kind FROM calendar_days ORDER BY day";
static const char SQL_CALENDAR_LAST_YEAR[] = "SELECT coalesce(max(year), 0) FROM calendar_years";

int store_calendar_read(struct yc_store *st, struct yc_calendar *cal)
{
	db_stmt *s = store_prep(st, SQL_CALENDAR);
	int rc;

	if (!s)
		return st->rc;
	cal->n = 0;
	while ((rc = db_step(s)) == DB_ROW) {
		yc_date d;
		const char *day = db_col_text(s, 0);
		const char *kind = db_col_text(s, 1);

		if (day && kind && date_parse(day, &d) == 0 &&
		    cal_set(cal, d, kind[0] == 'o' ? CAL_OFF : CAL_WORK) < 0)
			return SQLITE_NOMEM;
	}
	if (rc != DB_DONE)
		return rc;
	/* past the last year whose notice the hall has, dates are guesses */
	if (!(s = store_prep(st, SQL_CALENDAR_LAST_YEAR)))
		return st->rc;
	rc = db_step(s);
	cal->known_until = rc == DB_ROW && db_col_int(s, 0) > 0 ?
		date_from_ymd(db_col_int(s, 0), 12, 31) : 0;
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int calendar_load(struct yc_store *st, void *cal, struct yc_err *err)
{
	return store_calendar_read(st, cal);
}

int store_calendar_load(struct yc_store *st, struct yc_calendar *cal, struct yc_err *err)
{
	return store_run(st, 0, calendar_load, cal, err);
}

struct overview_ctx {
	const char *site_code;
	const char *today;
	struct yc_overview *ov;
};

/* ?1 today, ?2 the station's site ('' every site's): its tickets, and
 * the cases made there */
static const char SQL_OVERVIEW[] =
	"SELECT"
	" (SELECT count(*) FROM queue_tickets t WHERE t.day = ?1 AND t.status = 'waiting'"
	"   AND (?2 = '' OR t.site_id = (SELECT id FROM sites WHERE code = ?2))),"
	" (SELECT count(*) FROM cases c WHERE c.status IN ('accepted','in_department','suspended')"
	"   AND " STORE_CASE_OF_SITE("?2") "),"
	" (SELECT count(*) FROM cases c WHERE c.status IN ('accepted','in_department')"
	"   AND c.promised_date < ?1 AND " STORE_CASE_OF_SITE("?2") "),"
	" (SELECT count(*) FROM transfer_slips t JOIN cases c ON c.id = t.case_id WHERE t.handed_at IS NULL"
	"   AND " STORE_CASE_OF_SITE("?2") "),"
	" (SELECT count(*) FROM cases c WHERE c.status IN ('result_at_pickup','notified')"
	"   AND " STORE_CASE_OF_SITE("?2") "),"
	" (SELECT count(*) FROM service_items WHERE active = 1)";

static int overview(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct overview_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_OVERVIEW);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->today);
	db_bind_text(s, 2, c->site_code);
	rc = db_step(s);
	if (rc != DB_ROW)
		return rc;
	c->ov->tickets_waiting = db_col_int64(s, 0);
	c->ov->cases_open = db_col_int64(s, 1);
	c->ov->cases_overdue = db_col_int64(s, 2);
	c->ov->slips_waiting = db_col_int64(s, 3);
	c->ov->results_waiting = db_col_int64(s, 4);
	c->ov->items = db_col_int64(s, 5);
	return SQLITE_OK;
}

int store_overview(struct yc_store *st, const char *site_code, const char *today, struct yc_overview *ov,
		   struct yc_err *err)
{
	struct overview_ctx c = { site_code, today, ov };

	return store_run(st, 0, overview, &c, err);
}

/* Table names cannot be bound: only these may be counted. */
static const char *const countable[] = {
	"users", "service_items", "materials", "checkpoints", "departments", "queue_tickets",
	"cases", "events", "calendar_days", "sites", "applicants",
};

struct count_ctx {
	const char *sql;
	long n;
};

static int queue_tx_count_rows(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct count_ctx *c = vctx;
	db_stmt *s;
	int rc;

	rc = st->pg ? db_pg_prepare(st->pg, c->sql, &s) : db_lite_prepare(st->db, c->sql, &s);
	if (rc != SQLITE_OK)
		return rc;
	rc = db_step(s);
	if (rc == DB_ROW)
		c->n = db_col_int64(s, 0);
	db_finalize(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

int store_count(struct yc_store *st, const char *table, long *n, struct yc_err *err)
{
	char sql[96];
	struct count_ctx c = { sql, 0 };
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(countable); i++)
		if (strcmp(countable[i], table) == 0)
			break;
	if (i == YC_ARRAY_LEN(countable)) {
		yc_err_set(err, YC_EINVAL, _("Unknown table '%s'."), table);
		return -1;
	}
	snprintf(sql, sizeof sql, "SELECT count(*) FROM %s", countable[i]);
	if (store_run(st, 0, queue_tx_count_rows, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* The hall board's summary ------------------------------------------------- */

/* Per window category with tickets today: the number called last, how
 * many wait, the average service time of today's finished tickets, and
 * the windows that called it in the last hour (the ones serving it now). */
#define TODAYS "FROM queue_tickets t WHERE t.site_id = s.id AND t.day = ?2 AND t.category = w.code"
static const struct store_col board_cols[] = {
	STORE_COL_TEXT(struct yc_queue_board_row, prefix, "w.ticket_prefix"),
	STORE_COL_TEXT(struct yc_queue_board_row, category, "w.code"),
	STORE_COL_TEXT(struct yc_queue_board_row, name, "w.name"),
	STORE_COL_TEXT(struct yc_queue_board_row, serving,
		       "coalesce((SELECT t.number " TODAYS " AND t.called_at IS NOT NULL"
		       " ORDER BY t.called_at DESC, t.id DESC LIMIT 1), '')"),
	STORE_COL_INT64(struct yc_queue_board_row, waiting, "(SELECT count(*) " TODAYS " AND t.status = 'waiting')"),
	STORE_COL_DOUBLE(struct yc_queue_board_row, service_seconds,
			 "coalesce((SELECT avg((julianday(t.finished_at) - julianday(t.called_at)) * 86400) " TODAYS
			 " AND t.status = 'done' AND t.called_at IS NOT NULL AND t.finished_at IS NOT NULL), 0)"),
	STORE_COL_INT(struct yc_queue_board_row, windows,
		      "(SELECT count(DISTINCT t.station_name) " TODAYS " AND t.called_at >= " DIALECT_HOUR_AGO ")"),
};

static struct store_list board_list = {
	STORE_ROWS(struct yc_queue_board_row, board_cols),
	.from = "FROM window_categories w JOIN sites s ON s.code = ?1",
	.where = "EXISTS (SELECT 1 " TODAYS ")",
	.n_params = 3,
	.key = { { 0, 0 } }, .n_key = 1,
};

int queue_estimated_wait_minutes(long waiting, double service_seconds, int windows)
{
	double minutes;

	if (waiting == 0)
		return 0;
	if (service_seconds <= 0)
		return -1;   /* nobody served yet today: no honest estimate */
	minutes = (double)waiting * service_seconds / 60.0 / (windows > 0 ? windows : 1);
	return minutes < 1 ? 1 : (int)(minutes + 0.999);
}

int store_queue_board(struct yc_store *st, const char *site_code, struct yc_queue_board_row *rows, int max,
		      int *n, struct yc_err *err)
{
	char day[11], now[20];
	struct store_param p[] = { STORE_PARAM_TEXT(site_code), STORE_PARAM_TEXT(day), STORE_PARAM_TEXT(now) };
	int i;

	yc_today(day);
	yc_now(now);
	if (store_list_page(st, &board_list, p, NULL, 1, rows, max, n, err) < 0)
		return -1;
	for (i = 0; i < *n; i++)
		rows[i].estimate_minutes = queue_estimated_wait_minutes(rows[i].waiting, rows[i].service_seconds,
									rows[i].windows);
	return 0;
}
