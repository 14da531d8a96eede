/* store-bundle.c - one thing, one visit (一件事一次办, 第十六条): a bundle case
 * is accepted once, with one review of the shared materials; each member
 * item becomes a case of its own with a slip to its department, decided
 * in parallel on its own clock; when the last one is decided the bundle
 * ends, its results go to the pickup window together, and an 一证通
 * bundle with a licence granted gets the hall's industry comprehensive
 * licence, whose QR code carries every licence granted. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "store-bundle.h"
#include "store-intake.h"
#include "store-select.h"
#include "store-users.h"

/* Opening ------------------------------------------------------------------------- */

static const char SQL_MEMBER_CASE[] =
	"INSERT INTO cases(case_number, query_password, item_id, site_id, channel, applicant_id, agent_name,"
	" agent_id_number, agent_authorised, status, kind, responder_id, created_at, accepted_at, promised_date,"
	" parent_case_id)"
	" SELECT ?2, p.query_password, ?3, p.site_id, 'bundle', p.applicant_id, p.agent_name, p.agent_id_number,"
	" p.agent_authorised, 'accepted', ?4, p.responder_id, p.created_at, p.accepted_at, ?5, p.id"
	" FROM cases p WHERE p.id = ?1";
static const char SQL_BUNDLE_CHANNEL[] = "UPDATE cases SET channel = 'bundle' WHERE id = ?1";

struct member {
	int seq;
	int64_t item_id;
	char kind[12], unit[10];
	int limit;
	char item[128], department[64];
};

/* A member item's columns, declared once: SQL_MEMBERS_OF selects them in
 * this order. */
static const struct store_col member_cols[] = {
	STORE_COL_INT(struct member, seq, "m.seq"),
	STORE_COL_INT64(struct member, item_id, "i.id"),
	STORE_COL_TEXT(struct member, kind, "i.kind"),
	STORE_COL_INT(struct member, limit, "i.promised_limit"),
	STORE_COL_TEXT(struct member, unit, "i.limit_unit"),
	STORE_COL_TEXT(struct member, item, "i.name"),
	STORE_COL_TEXT(struct member, department, "d.name"),
};
static const char SQL_MEMBERS_OF[] =
	"SELECT m.seq, i.id, i.kind, i.promised_limit, i.limit_unit, i.name, d.name FROM bundle_members m"
	" JOIN service_items i ON i.id = m.member_item_id JOIN departments d ON d.id = i.department_id"
	" WHERE m.bundle_item_id = ?1 ORDER BY m.seq";

static int read_members(struct yc_store *st, int64_t bundle_item, struct member *out, int max, int *n)
{
	db_stmt *s = store_prep(st, SQL_MEMBERS_OF);
	int rc;

	if (!s)
		return st->rc;
	*n = 0;
	db_bind_int64(s, 1, bundle_item);
	while ((rc = db_step(s)) == DB_ROW && *n < max)
		store_map_row(s, member_cols, (int)YC_ARRAY_LEN(member_cols), &out[(*n)++]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

/* What the acceptance notice says of a member. */
static void bundle_notice_member(const struct member *m, const char *number, const char *date,
				 struct yc_notice_member *out)
{
	yc_strlcpy(out->case_number, number, sizeof out->case_number);
	yc_strlcpy(out->item, m->item, sizeof out->item);
	yc_strlcpy(out->department, m->department, sizeof out->department);
	yc_strlcpy(out->promised_date, date, sizeof out->promised_date);
}

int store_bundle_open(struct yc_store *st, int64_t parent_id, const char *parent_number, const struct intake *in,
		      const struct yc_calendar *cal, const char *promised, const char *now,
		      struct yc_notice_member *said, int *count)
{
	struct member members[YC_BUNDLE_MAX_MEMBERS];
	char number[48], date[11], today[11];
	db_stmt *s;
	int rc, n = 0, i;

	*count = 0;
	if ((rc = read_members(st, in->item_id, members, YC_BUNDLE_MAX_MEMBERS, &n)) != SQLITE_OK || n == 0)
		return rc;
	for (i = 0; i < n; i++) {
		const struct member *m = &members[i];
		yc_date day;

		/* each member keeps its own time limit on the calendar */
		yc_strlcpy(date, promised, sizeof date);
		yc_strlcpy(today, now, sizeof today);
		if (cal && date_parse(today, &day) == 0)
			date_format(intake_promised_date(cal, day, m->kind, m->limit, m->unit), date);
		snprintf(number, sizeof number, "%s-%d", parent_number, m->seq);
		bundle_notice_member(m, number, date, &said[i]);
		if (!(s = store_prep(st, SQL_MEMBER_CASE)))
			return st->rc;
		db_bind_int64(s, 1, parent_id);
		db_bind_text_copy(s, 2, number);
		db_bind_int64(s, 3, m->item_id);
		db_bind_text_copy(s, 4, m->kind);
		db_bind_text_copy(s, 5, date);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		rc = store_slip_for_case(st, store_last_id(st), number, m->kind, m->item_id, in, now);
		if (rc != SQLITE_OK)
			return rc;
	}
	if (!(s = store_prep(st, SQL_BUNDLE_CHANNEL)))
		return st->rc;
	db_bind_int64(s, 1, parent_id);
	*count = n;
	return store_step_done(s);
}

/* Ending ------------------------------------------------------------------------ */

/* A member is decided once it has its result, whether the result is still
 * with the department or already at the pickup window (its own slip takes
 * it there as soon as it is decided). */
static const char SQL_MEMBERS_DECIDED[] =
	"SELECT count(*), count(r.id), count(CASE WHEN r.outcome = 'approved' THEN 1 END) FROM cases c"
	" LEFT JOIN results r ON r.case_id = c.id WHERE c.parent_case_id = ?1";
static const char SQL_REFUSED_MEMBERS[] =
	"SELECT group_concat(i.name || '：' || r.reason, '；') FROM cases c"
	" JOIN service_items i ON i.id = c.item_id JOIN results r ON r.case_id = c.id"
	" WHERE c.parent_case_id = ?1 AND r.outcome <> 'approved'";
static const char SQL_BUNDLE_END[] =
	"UPDATE cases SET status = ?2, decided_at = ?3, version = version + 1 WHERE id = ?1 AND status = 'accepted'";
static const char SQL_BUNDLE_RESULT[] =
	"INSERT INTO results(case_id, outcome, document_number, reason, decided_by, decided_at)"
	" VALUES (?1, ?2, nullif(?3, ''), ?4, ?5, ?6)";
static const char SQL_BUNDLE_SLIP[] =
	"INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)"
	" VALUES (?1, 'JG-' || ?2, ?3, 'result', 'to_pickup', ?4)";
static const char SQL_LICENCE_NOTICE[] =
	"INSERT INTO notices(case_id, kind, number, body, issued_by, issued_at) VALUES (?1, 'licence', ?2, ?3, ?4, ?5)";

struct bundle_info {
	char number[32], status[24], item[128], applicant[128], site[32];
	int version, licence;
	int64_t department_id;
};

/* A bundle's facts, declared once: SQL_BUNDLE_INFO selects them in this
 * order. */
static const struct store_col bundle_info_cols[] = {
	STORE_COL_TEXT(struct bundle_info, number, "c.case_number"),
	STORE_COL_TEXT(struct bundle_info, status, "c.status"),
	STORE_COL_INT(struct bundle_info, version, "c.version"),
	STORE_COL_INT64(struct bundle_info, department_id, "i.department_id"),
	STORE_COL_INT(struct bundle_info, licence, "i.comprehensive_licence"),
	STORE_COL_TEXT(struct bundle_info, item, "i.name"),
	STORE_COL_TEXT(struct bundle_info, applicant, "a.name"),
	STORE_COL_TEXT(struct bundle_info, site, "s.code"),
};
static const char SQL_BUNDLE_INFO[] =
	"SELECT c.case_number, c.status, c.version, i.department_id, i.comprehensive_licence, i.name, a.name, s.code"
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN applicants a ON a.id = c.applicant_id"
	" JOIN sites s ON s.id = c.site_id WHERE c.id = ?1";

static int read_info(struct yc_store *st, int64_t id, struct bundle_info *b)
{
	db_stmt *s = store_prep(st, SQL_BUNDLE_INFO);
	int rc;

	memset(b, 0, sizeof *b);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	if ((rc = db_step(s)) == DB_ROW)
		store_map_row(s, bundle_info_cols, (int)YC_ARRAY_LEN(bundle_info_cols), b);
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc == DB_DONE ? SQLITE_NOTFOUND : rc;
}

/* One merged licence as read, for its line on the comprehensive licence. */
struct licence_row {
	char item[256], document_number[128], valid_from[16], valid_to[16];
};

/* Its columns, declared once: SQL_LICENCE_LINES selects them in this order. */
static const struct store_col licence_cols[] = {
	STORE_COL_TEXT(struct licence_row, item, "i.name"),
	STORE_COL_TEXT(struct licence_row, document_number, "coalesce(r.document_number, '')"),
	STORE_COL_TEXT(struct licence_row, valid_from, "coalesce(r.valid_from, '')"),
	STORE_COL_TEXT(struct licence_row, valid_to, "coalesce(r.valid_to, '')"),
};
static const char SQL_LICENCE_LINES[] =
	"SELECT i.name, coalesce(r.document_number, ''), coalesce(r.valid_from, ''), coalesce(r.valid_to, '')"
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN results r ON r.case_id = c.id"
	" WHERE c.parent_case_id = ?1 AND r.outcome = 'approved' ORDER BY c.case_number";

/* Every merged licence of bundle id, in case number order; *rows
 * malloc'd. */
static int read_licence_rows(struct yc_store *st, int64_t id, struct licence_row **rows, size_t *n,
			     struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_LICENCE_LINES);
	size_t cap = 0;
	int rc;

	*rows = NULL;
	*n = 0;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	while ((rc = db_step(s)) == DB_ROW) {
		if (yc_grow(rows, &cap, *n, sizeof **rows) < 0) {
			db_reset(s);
			yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
			return -1;
		}
		store_map_row(s, licence_cols, (int)YC_ARRAY_LEN(licence_cols), &(*rows)[(*n)++]);
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* The licence's text (documents.h), which is also what its QR code
 * carries: the number, the holder, then every merged licence with its
 * validity; *text malloc'd. */
static int bundle_tx_licence_text(struct yc_store *st, int64_t id, const struct bundle_info *b, const char *number,
			char **text, struct yc_err *err)
{
	struct licence_row *rows;
	struct doc_licence_line *lines = NULL;
	struct doc_licence licence = { number, b->applicant, b->item, NULL, 0 };
	size_t n, i;
	int rc;

	*text = NULL;
	if ((rc = read_licence_rows(st, id, &rows, &n, err)) != SQLITE_OK) {
		free(rows);
		return rc;
	}
	if (n && !(lines = calloc(n, sizeof *lines)))
		rc = -1;
	for (i = 0; lines && i < n; i++)
		lines[i] = (struct doc_licence_line){ rows[i].item, rows[i].document_number, rows[i].valid_from,
						      rows[i].valid_to };
	licence.lines = lines;
	licence.n_lines = (int)n;
	if (rc == SQLITE_OK && !(*text = doc_licence_text(&licence)))
		rc = -1;
	if (rc < 0)
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
	free(lines);
	free(rows);
	return rc;
}

static int issue_licence(struct yc_store *st, const struct yc_user *u, int64_t id, const struct bundle_info *b,
			 const char *now, char number[48], struct yc_err *err)
{
	char prefix[64], site[32], *body;
	db_stmt *s;
	int rc;

	store_site_letters(b->site, site, sizeof site);
	snprintf(prefix, sizeof prefix, "%s-ZH-%.4s-", site, now);
	if ((rc = store_next_number(st, store_sql_last_notice_number, prefix, 6, number, 48, err)) != SQLITE_OK)
		return rc;
	if ((rc = bundle_tx_licence_text(st, id, b, number, &body, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_LICENCE_NOTICE))) {
		free(body);
		return st->rc;
	}
	db_bind_int64(s, 1, id);
	db_bind_text_copy(s, 2, number);
	db_bind_text_copy(s, 3, body);
	db_bind_int64(s, 4, u->id);
	db_bind_text(s, 5, now);
	rc = store_step_done(s);
	free(body);
	return rc;
}

static int count_members(struct yc_store *st, int64_t id, int *all, int *decided, int *approved)
{
	db_stmt *s = store_prep(st, SQL_MEMBERS_DECIDED);
	int rc;

	*all = *decided = *approved = 0;
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	*all = rc == DB_ROW ? db_col_int(s, 0) : 0;
	*decided = rc == DB_ROW ? db_col_int(s, 1) : 0;
	*approved = rc == DB_ROW ? db_col_int(s, 2) : 0;
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static int refused_reason(struct yc_store *st, int64_t id, char *out, size_t n)
{
	db_stmt *s = store_prep(st, SQL_REFUSED_MEMBERS);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	rc = db_step(s);
	out[0] = '\0';
	if (rc == DB_ROW)
		store_col_text(s, 0, out, n);
	db_reset(s);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

/* What the event log keeps of a bundle's end: how many parts were granted,
 * the licence issued, and what was refused and why ("3/4 approved;
 * 公共场所卫生许可：场所不符合卫生要求"). */
static const char *bundle_outcome_text(int approved, int all, const char *licence, const char *reason, char *out,
				       size_t n)
{
	snprintf(out, n, "%d/%d approved%s%s%s%s", approved, all, licence[0] ? ", licence " : "", licence,
		 reason[0] ? "; " : "", reason);
	return out;
}

/* The bundle ends by itself, not by a user's move: the state change is
 * written here, checked against its state, with its own event. */
int store_bundle_member_decided(struct yc_store *st, const struct yc_user *u, int64_t id, const char *now,
				struct yc_err *err)
{
	struct bundle_info b;
	char licence[48] = "", reason[1024] = "", detail[1200];
	const char *outcome;
	db_stmt *s;
	int rc, all, decided, approved;

	if ((rc = count_members(st, id, &all, &decided, &approved)) != SQLITE_OK || decided < all)
		return rc;
	if ((rc = read_info(st, id, &b)) != SQLITE_OK)
		return rc;
	outcome = approved == all ? "approved" : "not_approved";
	if (approved < all && (rc = refused_reason(st, id, reason, sizeof reason)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_BUNDLE_END)))
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, outcome);
	db_bind_text(s, 3, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0)
		return SQLITE_OK;   /* ended already */
	/* the comprehensive licence carries what was granted: with one part
	 * refused, the others still let the business open for them (一证准营) */
	if (b.licence && approved > 0 && (rc = issue_licence(st, u, id, &b, now, licence, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_BUNDLE_RESULT)))
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_text(s, 2, outcome);
	db_bind_text(s, 3, licence);
	db_bind_text(s, 4, reason);
	db_bind_int64(s, 5, u->id);
	db_bind_text(s, 6, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	/* the results travel to the pickup window together, with the bundle */
	if (!(s = store_prep(st, SQL_BUNDLE_SLIP)))
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_text_copy(s, 2, b.number);
	db_bind_int64(s, 3, b.department_id);
	db_bind_text(s, 4, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, u->id, "case", id, "bundle_complete", "accepted",
			   bundle_outcome_text(approved, all, licence, reason, detail, sizeof detail));
}

static const char SQL_BUNDLE_CLOSE[] =
	"UPDATE cases SET status = 'collected', closed_at = ?2, version = version + 1"
	" WHERE parent_case_id = ?1 AND status IN ('approved','not_approved','result_at_pickup','notified')";

int store_bundle_close(struct yc_store *st, int64_t id, const char *now)
{
	return store_exec_id_text(st, SQL_BUNDLE_CLOSE, id, now);
}

/* Lists ------------------------------------------------------------------------- */

static const struct store_col bundle_cols[] = {
	STORE_COL_INT64(struct yc_bundle_row, case_id, "p.id"),
	STORE_COL_TEXT(struct yc_bundle_row, case_number, "p.case_number"),
	STORE_COL_TEXT(struct yc_bundle_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_bundle_row, applicant, "a.name"),
	STORE_COL_TEXT(struct yc_bundle_row, status, "p.status"),
	STORE_COL_INT(struct yc_bundle_row, members, "(SELECT count(*) FROM cases c WHERE c.parent_case_id = p.id)"),
	STORE_COL_INT(struct yc_bundle_row, decided,
		      "(SELECT count(*) FROM cases c WHERE c.parent_case_id = p.id"
		      " AND c.status IN ('approved','not_approved','result_at_pickup','notified','collected'))"),
	STORE_COL_INT64(struct yc_bundle_row, licence_notice_id,
			"coalesce((SELECT n.id FROM notices n WHERE n.case_id = p.id AND n.kind = 'licence'"
			" ORDER BY n.id DESC LIMIT 1), 0)"),
	STORE_COL_TEXT(struct yc_bundle_row, accepted_at, "coalesce(p.accepted_at, '')"),
};
enum { BUNDLE_COL_ID = 0, BUNDLE_COL_ACCEPTED = 8 };

/* The open bundles (data/migrate-9.sql), named: without statistics SQLite
 * would walk every case that is no bundle member (parent_case_id IS NULL).
 * The oldest first. */
static struct store_list bundle_list = {
	STORE_ROWS(struct yc_bundle_row, bundle_cols),
	.from = "FROM cases p INDEXED BY cases_bundles_open JOIN service_items i ON i.id = p.item_id"
		" JOIN applicants a ON a.id = p.applicant_id",
	.where = "p.channel = 'bundle' AND p.parent_case_id IS NULL AND p.status NOT IN ('collected','withdrawn')"
		 " AND EXISTS (SELECT 1 FROM cases c WHERE c.parent_case_id = p.id)"
		 " AND " STORE_OF_SITE("p.site_id", "?1"),
	.n_params = 1,
	.key = { { BUNDLE_COL_ACCEPTED, 0 }, { BUNDLE_COL_ID, 0 } }, .n_key = 2,
};

/* A member case's columns, declared once: SQL_BUNDLE_MEMBERS selects them
 * in this order. */
static const struct store_col member_case_cols[] = {
	STORE_COL_INT64(struct yc_bundle_member, case_id, "c.id"),
	STORE_COL_TEXT(struct yc_bundle_member, case_number, "c.case_number"),
	STORE_COL_TEXT(struct yc_bundle_member, item, "i.name"),
	STORE_COL_TEXT(struct yc_bundle_member, department, "d.name"),
	STORE_COL_TEXT(struct yc_bundle_member, status, "c.status"),
	STORE_COL_TEXT(struct yc_bundle_member, promised_date, "coalesce(c.promised_date, '')"),
	STORE_COL_TEXT(struct yc_bundle_member, document_number, "coalesce(r.document_number, '')"),
	STORE_COL_TEXT(struct yc_bundle_member, valid_to, "coalesce(r.valid_to, '')"),
	STORE_COL_TEXT(struct yc_bundle_member, outcome, "coalesce(r.outcome, '')"),
	STORE_COL_TEXT(struct yc_bundle_member, reason, "coalesce(r.reason, '')"),
};
static const char SQL_BUNDLE_MEMBERS[] =
	"SELECT c.id, c.case_number, i.name, d.name, c.status, coalesce(c.promised_date, ''),"
	" coalesce(r.document_number, ''), coalesce(r.valid_to, ''), coalesce(r.outcome, ''), coalesce(r.reason, '')"
	" FROM cases c JOIN service_items i ON i.id = c.item_id JOIN departments d ON d.id = i.department_id"
	" LEFT JOIN results r ON r.case_id = c.id WHERE c.parent_case_id = ?1 ORDER BY c.case_number LIMIT ?2";

struct list_ctx {
	int64_t id;
	struct yc_bundle_member *members;
	int max, n;
};

int store_bundles_page(struct yc_store *st, const char *site_code, const struct yc_bundle_row *anchor,
		       int forward, struct yc_bundle_row *rows, int max, int *n, struct yc_err *err)
{
	return store_site_list_page(st, &bundle_list, site_code, anchor, forward, rows, max, n, err);
}

int store_bundles_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err)
{
	return store_site_list_count(st, &bundle_list, site_code, count, err);
}

static int members(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct list_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_BUNDLE_MEMBERS);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->max);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, member_case_cols, (int)YC_ARRAY_LEN(member_case_cols), &c->members[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_bundle_members(struct yc_store *st, int64_t case_id, struct yc_bundle_member *rows, int max, int *n,
			 struct yc_err *err)
{
	struct list_ctx c = { case_id, rows, max, 0 };

	if (store_run(st, 0, members, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}
