/* store-cases.c - finding a case from any window, its whole story, its
 * notices, and a withdrawal asked for by the applicant. */
#include "config.h"

#include <ctype.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "case-flow.h"
#include "dialect.h"
#include "store-intake.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-users.h"
#include "validate.h"

/* Search -------------------------------------------------------------------- */

/* A found case's columns, declared once: CASE_ROW_SELECT selects them in
 * this order. Lists never show personal numbers in full: the ID number and
 * phone are masked on their way in. */
static const struct store_col case_row_cols[] = {
	STORE_COL_INT64(struct yc_case_row, id, "c.id"),
	STORE_COL_TEXT(struct yc_case_row, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_case_row, status, "c.status"),
	STORE_COL_TEXT(struct yc_case_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_case_row, applicant, "a.name"),
	STORE_COL_READ(struct yc_case_row, id_masked, "a.id_number", store_read_id_masked),
	STORE_COL_READ(struct yc_case_row, phone_masked, "a.phone", store_read_phone_masked),
	STORE_COL_TEXT(struct yc_case_row, created_at, "c.created_at"),
	STORE_COL_TEXT(struct yc_case_row, promised_date, "coalesce(c.promised_date, '')"),
	STORE_COL_TEXT(struct yc_case_row, notice_number, STORE_CASE_LATEST_NOTICE),
};
#define CASE_ROW_SELECT \
	"SELECT c.id, coalesce(c.case_number, ''), c.status, i.name, a.name, a.id_number, a.phone," \
	" c.created_at, coalesce(c.promised_date, ''), " STORE_CASE_LATEST_NOTICE \
	" FROM cases c JOIN applicants a ON a.id = c.applicant_id" \
	" JOIN service_items i ON i.id = c.item_id WHERE "
#define CASE_ROW_END \
	" AND (?2 = 0 OR c.status = 'awaiting_correction') ORDER BY c.created_at DESC, c.id DESC LIMIT ?3"

/* The rows of the cases a query picked first (by id, at most ?3), so that
 * the latest-notice subquery and the joins run for those only. */
#define CASE_ROWS_OF_HITS \
	CASE_ROW_SELECT "c.id IN (SELECT id FROM hits) ORDER BY c.created_at DESC, c.id DESC"
#define NAME_PREFIX(col) col " >= ?1 AND " col " < ?1 || char(1114111)"

/* A name is searched on case_names (data/migrate-11.sql) one of three ways,
 * chosen by how many cases it fits (2,000,000 cases: bench/README). Few:
 * their entries in name order, newest first after a small sort. Many (a
 * lone surname fits one case in fourteen): the entries of the name's first
 * character newest first, keeping those that fit, which finds 50 long
 * before the end. Awaiting correction only: those few cases. Counting
 * reads the pages the few-cases plan then reads again. The line between
 * few and many balances the two at their worst: the few plan reads at most
 * 2,500 entries, the many plan about 50 x 140,000 / 2,500 = 2,800 (王, the
 * commonest first character, has 140,000 cases in 2,000,000). */
#define NAME_WALK_ABOVE 2500
static const char SQL_NAME_COUNT[] =
	"SELECT count(*) FROM (SELECT 1 FROM case_names WHERE " NAME_PREFIX("name") " LIMIT ?2) AS fitting";
/* the newest ?3 entries of case_names that cond picks, their cases' rows */
#define NAME_HITS(cond) \
	"WITH hits AS (SELECT case_id AS id FROM case_names WHERE " cond \
	" AND ?2 = 0 ORDER BY created_at DESC, case_id DESC LIMIT ?3) " CASE_ROWS_OF_HITS
static const char SQL_NAME_FEW[] = NAME_HITS(NAME_PREFIX("name"));
static const char SQL_NAME_AWAITING[] =
	"WITH hits AS (SELECT c.id FROM cases c INDEXED BY cases_awaiting"
	" CROSS JOIN applicants a ON a.id = c.applicant_id"
	" WHERE c.status = 'awaiting_correction' AND " NAME_PREFIX("a.name") " AND ?2 = 1"
	" ORDER BY c.created_at DESC, c.id DESC LIMIT ?3) "
	CASE_ROWS_OF_HITS;

/* On a server, one statement: its planner has the statistics SQLite's
 * lacks (a hall's file is never analysed; migrate-to-postgresql and
 * autovacuum analyse a server) and picks between the two plans itself;
 * the walk below would have the server send up to 10,000 entries at once
 * (bench/README). initial is the name's first character: for a lone
 * surname the planner walks case_names_initial newest first, for a
 * longer prefix the name range. */
static const char SQL_NAME_PLANNED[] = NAME_HITS("initial = substr(?1, 1, 1) AND " NAME_PREFIX("name"));

/* The many-cases walk runs here, not in SQL, so that it can give up: a
 * name fitting thousands of cases that are all old would otherwise walk
 * back through every newer case of its first character (140,000 for 王).
 * After NAME_WALK_AT_MOST entries the few-cases plan answers instead. */
#define NAME_WALK_AT_MOST 10000
/* (The LIMIT, one above what the walk reads, changes nothing on SQLite,
 * whose steps read rows as they go; a PostgreSQL server sends every row
 * of a statement at once: 140,000 for 王, 0.7 s, bench/README.) */
static const char SQL_NAME_WALK[] =
	"SELECT case_id, name FROM case_names INDEXED BY case_names_initial"
	" WHERE initial = substr(?1, 1, 1) ORDER BY created_at DESC, case_id DESC LIMIT ?2";
static const char SQL_ROWS_OF_IDS[] =
	CASE_ROW_SELECT "c.id IN (" DIALECT_IDS_IN_JSON ") ORDER BY c.created_at DESC, c.id DESC";

/* One statement per kind of query, each on its own index (names: above). */
static const char *const SQL_SEARCH[] = {
	[QUERY_ID] = CASE_ROW_SELECT
		"c.applicant_id IN (SELECT id FROM applicants WHERE id_number = ?1)" CASE_ROW_END,
	[QUERY_PHONE] = CASE_ROW_SELECT
		"c.applicant_id IN (SELECT id FROM applicants WHERE phone = ?1)" CASE_ROW_END,
	[QUERY_NUMBER] = CASE_ROW_SELECT
		"c.id IN (SELECT id FROM cases WHERE case_number >= ?1 AND case_number < ?1 || '~'"
		" UNION SELECT case_id FROM notices WHERE number = ?1)" CASE_ROW_END,
};

struct search_ctx {
	char query[128];
	int awaiting_only;
	struct yc_case_row *rows;
	int max, n;
};

static void read_case_row(db_stmt *s, struct yc_case_row *r)
{
	store_map_row(s, case_row_cols, (int)YC_ARRAY_LEN(case_row_cols), r);
}

/* How many cases the name fits, up to NAME_WALK_ABOVE + 1; -1 with st->rc
 * set when the database could not be read. */
static long name_fits(struct yc_store *st, const char *name)
{
	db_stmt *s = store_prep(st, SQL_NAME_COUNT);
	long fitting = -1;

	if (!s)
		return -1;
	db_bind_text(s, 1, name);
	db_bind_int(s, 2, NAME_WALK_ABOVE + 1);
	if ((st->rc = db_step(s)) == DB_ROW)
		fitting = db_col_int(s, 0);
	db_reset(s);
	return fitting;
}

/* The newest `max` cases of names starting with `name`, as a JSON array of
 * ids in `ids` (max x 21 + 3 bytes): SQLITE_OK; DB_DONE when the walk
 * gave up before finding as many. (Byte prefix = NAME_PREFIX's range.) */
static int walk_initial(struct yc_store *st, const char *name, int max, char *ids, size_t size)
{
	db_stmt *s = store_prep(st, SQL_NAME_WALK);
	size_t len = strlen(name), used = 1;
	int rc = DB_DONE, read = 0, found = 0;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, name);
	db_bind_int(s, 2, NAME_WALK_AT_MOST + 1);
	ids[0] = '[';
	while (found < max && read++ < NAME_WALK_AT_MOST && (rc = db_step(s)) == DB_ROW) {
		const char *entry = db_col_text(s, 1);

		if (entry && strncmp(entry, name, len) == 0)
			used += (size_t)snprintf(ids + used, size - used, "%s%lld", found++ ? "," : "",
						 (long long)db_col_int64(s, 0));
	}
	db_reset(s);
	snprintf(ids + used, size - used, "]");
	if (found == max || (read <= NAME_WALK_AT_MOST && rc == DB_DONE))
		return SQLITE_OK;
	return read > NAME_WALK_AT_MOST ? DB_DONE : rc;
}

/* The statement that lists the cases found, its first parameter bound. */
static db_stmt *name_search(struct yc_store *st, struct search_ctx *c, char **ids)
{
	const char *sql = SQL_NAME_FEW;
	size_t size = (size_t)c->max * 21 + 3;
	db_stmt *s;
	long fitting;

	if (c->awaiting_only) {
		sql = SQL_NAME_AWAITING;
	} else if (st->pg) {
		sql = SQL_NAME_PLANNED;
	} else if ((fitting = name_fits(st, c->query)) < 0) {
		return NULL;
	} else if (fitting > NAME_WALK_ABOVE) {
		if (!(*ids = malloc(size))) {
			st->rc = SQLITE_NOMEM;
			return NULL;
		}
		st->rc = walk_initial(st, c->query, c->max, *ids, size);
		if (st->rc == SQLITE_OK) {
			if ((s = store_prep(st, SQL_ROWS_OF_IDS)))
				db_bind_text_copy(s, 1, *ids);
			return s;
		}
		if (st->rc != DB_DONE)
			return NULL;
	}
	if ((s = store_prep(st, sql)))
		db_bind_text(s, 1, c->query);
	return s;
}

static int search(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct search_ctx *c = vctx;
	enum case_query kind = case_query_kind(c->query);
	char *ids = NULL;
	db_stmt *s;
	int rc;

	(void)err;
	if (kind == QUERY_NAME) {
		s = name_search(st, c, &ids);
	} else if ((s = store_prep(st, SQL_SEARCH[kind]))) {
		db_bind_text(s, 1, c->query);
	}
	if (!s) {
		free(ids);
		return st->rc;
	}
	c->n = 0;
	if (db_bind_count(s) >= 3) {
		db_bind_int(s, 2, c->awaiting_only);
		db_bind_int(s, 3, c->max);
	}
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		read_case_row(s, &c->rows[c->n++]);
	db_reset(s);
	free(ids);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

/* Case and notice numbers are upper case; a scanner or a clerk may not be. */
static void normalise_query(const char *in, char *out, size_t n)
{
	size_t k = 0;

	while (*in == ' ')
		in++;
	yc_strlcpy(out, in, n);
	k = strlen(out);
	while (k > 0 && out[k - 1] == ' ')
		out[--k] = '\0';
	if (case_query_kind(out) == QUERY_NUMBER || case_query_kind(out) == QUERY_ID)
		for (k = 0; out[k]; k++)
			out[k] = (char)toupper((unsigned char)out[k]);
}

int store_case_search(struct yc_store *st, const char *query, int awaiting_only,
		      struct yc_case_row *rows, int max, int *n, struct yc_err *err)
{
	struct search_ctx c = { "", awaiting_only, rows, max, 0 };

	normalise_query(query, c.query, sizeof c.query);
	*n = 0;
	if (!c.query[0])
		return 0;
	if (store_run(st, 0, search, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* Applicants -------------------------------------------------------------- */

struct applicant_ctx {
	const char *kind, *id_number;
	struct intake_applicant *a;
	int found;
};

/* A known applicant's columns, declared once: SQL_APPLICANT selects them
 * in this order. */
static const struct store_col applicant_cols[] = {
	STORE_COL_TEXT(struct intake_applicant, name, "name"),
	STORE_COL_TEXT(struct intake_applicant, phone, "phone"),
	STORE_COL_TEXT(struct intake_applicant, legal_rep, "legal_rep"),
	STORE_COL_TEXT(struct intake_applicant, address, "address"),
};
static const char SQL_APPLICANT[] =
	"SELECT name, phone, legal_rep, address FROM applicants WHERE id_number = ?1 AND kind = ?2"
	" ORDER BY id DESC LIMIT 1";

static int applicant(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct applicant_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_APPLICANT);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->id_number);
	db_bind_text(s, 2, c->kind);
	rc = db_step(s);
	c->found = rc == DB_ROW;
	if (c->found) {
		memset(c->a, 0, sizeof *c->a);
		yc_strlcpy(c->a->kind, c->kind, sizeof c->a->kind);
		yc_strlcpy(c->a->id_number, c->id_number, sizeof c->a->id_number);
		store_map_row(s, applicant_cols, (int)YC_ARRAY_LEN(applicant_cols), c->a);
	}
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_applicant_find(struct yc_store *st, const char *kind, const char *id_number,
			 struct intake_applicant *known, struct yc_err *err)
{
	struct applicant_ctx c = { kind, id_number, known, 0 };

	if (store_run(st, 0, applicant, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

/* History ---------------------------------------------------------------- */

struct history_ctx {
	int64_t case_id;
	void (*each)(void *ctx, const char *kind, const char *text);
	void *ctx;
};

static const char SQL_HISTORY_CASE[] =
	"SELECT coalesce(c.case_number, ''), c.status, i.code, i.name, d.name, a.kind, a.name,"
	" a.id_number, a.phone, a.legal_rep, coalesce(c.agent_name, ''), coalesce(c.agent_id_number, ''),"
	" c.agent_authorised, u.full_name, c.created_at, coalesce(c.accepted_at, ''),"
	" coalesce(c.promised_date, ''), c.kind, c.channel, c.review_round, c.refusal_reason,"
	" coalesce(c.withdrawal_requested_at, ''), c.withdrawal_reason, coalesce(c.closed_at, '')"
	" FROM cases c JOIN applicants a ON a.id = c.applicant_id"
	" JOIN service_items i ON i.id = c.item_id JOIN departments d ON d.id = i.department_id"
	" JOIN users u ON u.id = c.responder_id WHERE c.id = ?1";

static const char SQL_HISTORY_VERDICTS[] =
	"SELECT v.round, m.seq, m.name, cm.paper_count, cm.electronic_count, k.seq, k.version,"
	" v.verdict, v.reason, k.text, u.full_name, v.at"
	" FROM case_materials cm JOIN materials m ON m.id = cm.material_id"
	" JOIN verdicts v ON v.case_material_id = cm.id JOIN checkpoints k ON k.id = v.checkpoint_id"
	" JOIN users u ON u.id = v.by_user WHERE cm.case_id = ?1 ORDER BY v.round, m.seq, k.seq";

static const char SQL_HISTORY_NOTICES[] =
	"SELECT n.kind, n.number, n.issued_at, u.full_name, n.printed FROM notices n"
	" JOIN users u ON u.id = n.issued_by WHERE n.case_id = ?1 ORDER BY n.id";

static const char SQL_HISTORY_EVENTS[] =
	"SELECT e.at, coalesce(u.full_name, ''), e.station, e.action, coalesce(e.new_value, '')"
	" FROM events e LEFT JOIN users u ON u.id = e.user_id"
	" WHERE e.entity = 'case' AND e.entity_id = ?1 ORDER BY e.id";

static const char SQL_HISTORY_QUERY_LOCK[] =
	"SELECT locked_until FROM case_query_guards WHERE case_id = ?1 AND locked_until > ?2";

static void cases_tx_say(struct history_ctx *c, const char *kind, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));

static void cases_tx_say(struct history_ctx *c, const char *kind, const char *fmt, ...)
{
	char line[2048];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(line, sizeof line, fmt, ap);
	va_end(ap);
	c->each(c->ctx, kind, line);
}

static const char *t(db_stmt *s, int col)
{
	const char *v = db_col_text(s, col);

	return v ? v : "";
}

static int history_case(struct yc_store *st, struct history_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_CASE);
	char masked[32], phone[24];
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	if ((rc = db_step(s)) != DB_ROW) {
		if (rc == DB_DONE) {
			yc_err_set(err, YC_EINVAL, "%s", _("That case is not in the database."));
			return -1;
		}
		return rc;
	}
	cases_tx_say(c, "title", "%s  %s", t(s, 0)[0] ? t(s, 0) : _("(no case number yet)"), case_status_label(t(s, 1)));
	cases_tx_say(c, "", _("Item: %s %s (%s)"), t(s, 2), t(s, 3), t(s, 4));
	yc_id_mask(t(s, 7), masked, sizeof masked);
	yc_phone_mask(t(s, 8), phone, sizeof phone);
	cases_tx_say(c, "", _("Applicant: %s  %s  %s%s%s"), t(s, 6), masked, phone,
	    strcmp(t(s, 5), "organisation") == 0 ? _("  legal representative ") : "", t(s, 9));
	if (t(s, 10)[0]) {
		yc_id_mask(t(s, 11), masked, sizeof masked);
		cases_tx_say(c, "", _("Agent: %s  %s  %s"), t(s, 10), masked,
		    db_col_int(s, 12) ? _("written authorisation seen") : _("no written authorisation"));
	}
	cases_tx_say(c, "", _("First responder: %s    Channel: %s    %s"), t(s, 13), channel_label(t(s, 18)),
	    strcmp(t(s, 17), "immediate") == 0 ? _("immediate") : _("promised"));
	cases_tx_say(c, "", _("Received %.16s    Accepted %.16s    Promised by %s"), t(s, 14),
	    t(s, 15)[0] ? t(s, 15) : "-", t(s, 16)[0] ? t(s, 16) : "-");
	if (t(s, 20)[0])
		cases_tx_say(c, "", _("Not accepted because: %s"), t(s, 20));
	if (t(s, 21)[0])
		cases_tx_say(c, "", _("Withdrawal asked for on %.16s: %s"), t(s, 21), t(s, 22));
	if (t(s, 23)[0])
		cases_tx_say(c, "", _("Closed %.16s"), t(s, 23));
	db_reset(s);
	return SQLITE_OK;
}

/* The citizen's progress query locked by wrong passwords (case-query.h):
 * the clerk can tell the caller why and until when. */
static int history_query_lock(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_QUERY_LOCK);
	char now[20];
	int rc;

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_int64(s, 1, c->case_id);
	db_bind_text_copy(s, 2, now);
	if ((rc = db_step(s)) == DB_ROW)
		cases_tx_say(c, "", _("Progress query locked until %.16s after too many wrong query passwords"), t(s, 0));
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static const char *verdict_label(const char *v)
{
	return strcmp(v, "conforming") == 0 ? _("conforming")
	       : strcmp(v, "missing") == 0  ? _("missing")
					    : _("not conforming");
}

static int history_verdicts(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_VERDICTS);
	int rc, round = 0, material = 0;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	while ((rc = db_step(s)) == DB_ROW) {
		if (db_col_int(s, 0) != round) {
			round = db_col_int(s, 0);
			material = 0;
			cases_tx_say(c, "heading", _("Review, round %d (%s, %.16s)"), round, t(s, 10), t(s, 11));
		}
		if (db_col_int(s, 1) != material) {
			material = db_col_int(s, 1);
			cases_tx_say(c, "", _("%d. %s  paper %d, electronic %d"), material, t(s, 2),
			    db_col_int(s, 3), db_col_int(s, 4));
		}
		cases_tx_say(c, "checkpoint", _("   %d (version %d) %s: %s%s%s"), db_col_int(s, 5),
		    db_col_int(s, 6), verdict_label(t(s, 7)), t(s, 9), t(s, 8)[0] ? " — " : "", t(s, 8));
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int history_notices(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_NOTICES);
	int rc, first = 1;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	while ((rc = db_step(s)) == DB_ROW) {
		if (first--)
			cases_tx_say(c, "heading", "%s", _("Notices"));
		cases_tx_say(c, "", "%.16s  %s  %s  %s%s", t(s, 2), notice_kind_label(t(s, 0)), t(s, 1), t(s, 3),
		    db_col_int(s, 4) ? "" : _("  (not printed)"));
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static const char SQL_HISTORY_OWED[] =
	"SELECT m.name, w.due_date, coalesce(w.supplied_at, ''), coalesce(w.reminded_at, '')"
	" FROM case_waivers w JOIN materials m ON m.id = w.material_id WHERE w.case_id = ?1 ORDER BY m.seq";
static const char SQL_HISTORY_PROMISE[] =
	"SELECT p.state, p.conditions, coalesce(p.checked_at, ''), coalesce(u.full_name, ''), p.note"
	" FROM case_promises p LEFT JOIN users u ON u.id = p.checked_by WHERE p.case_id = ?1";

/* 容缺受理: each material accepted to come later, owed or supplied. */
static int history_owed(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_OWED);
	int rc, first = 1;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	while ((rc = db_step(s)) == DB_ROW) {
		if (first--)
			cases_tx_say(c, "heading", "%s", _("Materials accepted to come later (容缺受理)"));
		if (t(s, 2)[0])
			cases_tx_say(c, "", _("%s: due %s, supplied %.16s"), t(s, 0), t(s, 1), t(s, 2));
		else
			cases_tx_say(c, "", _("%s: due %s, still owed: the result is not released%s"), t(s, 0), t(s, 1),
			    t(s, 3)[0] ? _(" (reminded)") : "");
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* 告知承诺制: the promise, and what the department found. */
static int history_promise(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_PROMISE);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	if ((rc = db_step(s)) == DB_ROW) {
		const char *state = t(s, 0);

		cases_tx_say(c, "heading", "%s", _("Accepted on the applicant's promise (告知承诺制)"));
		cases_tx_say(c, "", "%s", t(s, 1));
		if (strcmp(state, "promised") == 0)
			cases_tx_say(c, "", "%s", _("Not verified yet by the department."));
		else
			cases_tx_say(c, "", strcmp(state, "verified") == 0 ? _("Verified %.16s by %s: conditions met. %s")
									 : _("Revoked %.16s by %s: the promise was false. %s"),
			    t(s, 2), t(s, 3), t(s, 4));
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int history_events(struct yc_store *st, struct history_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_HISTORY_EVENTS);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	cases_tx_say(c, "heading", "%s", _("Event log"));
	while ((rc = db_step(s)) == DB_ROW)
		cases_tx_say(c, "", "%.16s  %s  %s  %s %s", t(s, 0), t(s, 1), t(s, 2), event_action_label(t(s, 3)), t(s, 4));
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int cases_tx_history(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct history_ctx *c = vctx;
	int rc;

	c->each(c->ctx, NULL, NULL);   /* start over: a busy retry comes back here */
	if ((rc = history_case(st, c, err)) != SQLITE_OK || (rc = history_query_lock(st, c)) != SQLITE_OK ||
	    (rc = history_verdicts(st, c)) != SQLITE_OK || (rc = history_notices(st, c)) != SQLITE_OK ||
	    (rc = history_owed(st, c)) != SQLITE_OK || (rc = history_promise(st, c)) != SQLITE_OK)
		return rc;
	return history_events(st, c);
}

int store_case_history(struct yc_store *st, int64_t case_id,
		       void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		       struct yc_err *err)
{
	struct history_ctx c = { case_id, each, ctx };

	return store_run(st, 0, cases_tx_history, &c, err);
}

/* Notices ------------------------------------------------------------------- */

struct notices_ctx {
	int64_t id;
	struct yc_notice_row *rows;
	int max, n;
	char *text;
	const char *path;
	int printed;
};

/* A notice's columns, declared once: SQL_NOTICES selects them in this order. */
static const struct store_col notice_cols[] = {
	STORE_COL_INT64(struct yc_notice_row, id, "id"),
	STORE_COL_TEXT(struct yc_notice_row, kind, "kind"),
	STORE_COL_TEXT(struct yc_notice_row, number, "number"),
	STORE_COL_TEXT(struct yc_notice_row, issued_at, "issued_at"),
	STORE_COL_INT(struct yc_notice_row, printed, "printed"),
	STORE_COL_TEXT(struct yc_notice_row, file_path, "coalesce(file_path, '')"),
};
static const char SQL_NOTICES[] =
	"SELECT id, kind, number, issued_at, printed, coalesce(file_path, '') FROM notices"
	" WHERE case_id = ?1 ORDER BY id DESC";
static const char SQL_NOTICE_TEXT[] = "SELECT body FROM notices WHERE id = ?1";
static const char SQL_NOTICE_PRINTED[] =
	"UPDATE notices SET file_path = ?2, printed = max(printed, ?3) WHERE id = ?1";

static int notices(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct notices_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_NOTICES);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->id);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, notice_cols, (int)YC_ARRAY_LEN(notice_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_case_notices(struct yc_store *st, int64_t case_id, struct yc_notice_row *rows, int max,
		       int *n, struct yc_err *err)
{
	struct notices_ctx c = { case_id, rows, max, 0, NULL, NULL, 0 };

	if (store_run(st, 0, notices, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

static int cases_tx_notice_text(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct notices_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_NOTICE_TEXT);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	rc = db_step(s);
	free(c->text);
	c->text = NULL;
	if (rc == DB_ROW && !(c->text = strdup(t(s, 0)))) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("That notice is not in the database."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

int store_notice_text(struct yc_store *st, int64_t notice_id, char **text, struct yc_err *err)
{
	struct notices_ctx c = { notice_id, NULL, 0, 0, NULL, NULL, 0 };

	if (store_run(st, 0, cases_tx_notice_text, &c, err) < 0) {
		free(c.text);
		return -1;
	}
	*text = c.text;
	return 0;
}

static int notice_printed(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct notices_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_NOTICE_PRINTED);

	(void)err;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->path);
	db_bind_int(s, 3, c->printed);
	return store_step_done(s);
}

int store_notice_printed(struct yc_store *st, int64_t notice_id, const char *path, int printed,
			 struct yc_err *err)
{
	struct notices_ctx c = { notice_id, NULL, 0, 0, NULL, path, printed };

	return store_run(st, 1, notice_printed, &c, err);
}

/* Withdrawal ----------------------------------------------------------------- */

struct withdraw_ctx {
	const struct yc_user *u;
	int64_t case_id;
	const char *reason;
	char now[20];
};

static const char SQL_WITHDRAW[] =
	"UPDATE cases SET withdrawal_requested_at = ?2, withdrawal_reason = ?3, version = version + 1"
	" WHERE id = ?1 AND status IN ('accepted','in_department','suspended')"
	" AND withdrawal_requested_at IS NULL";

static int cases_tx_withdraw(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct withdraw_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_WITHDRAW);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->case_id);
	db_bind_text(s, 2, c->now);
	db_bind_text(s, 3, c->reason);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("Only a case still being handled can be withdrawn, and only once."));
		return -1;
	}
	return store_event(st, c->u->id, "case", c->case_id, "withdrawal_requested", NULL, c->reason);
}

int store_case_request_withdrawal(struct yc_store *st, const struct yc_user *u, int64_t case_id,
				  const char *reason, struct yc_err *err)
{
	struct withdraw_ctx c = { u, case_id, reason, "" };

	if (auth_require(u, PERM_INTAKE, err) < 0)
		return -1;
	if (!reason || yc_blank(reason)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the applicant's reason for withdrawing."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, cases_tx_withdraw, &c, err);
}
