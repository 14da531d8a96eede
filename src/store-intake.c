/* store-intake.c - intake records: a new review, its outcome in one
 * transaction (applicant, record, counts, verdicts, numbers, notice,
 * event), and a returning applicant's record continued. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "policy.h"
#include "store-bundle.h"
#include "store-intake.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-users.h"

/* Loading an item's materials ---------------------------------------------- */

/* The item's part of a record, its columns declared once: SQL_INTAKE_ITEM
 * selects them in this order. */
static const struct store_col intake_item_cols[] = {
	STORE_COL_TEXT(struct intake, item_code, "i.code"),
	STORE_COL_TEXT(struct intake, item_name, "i.name"),
	STORE_COL_TEXT(struct intake, department, "d.name"),
	STORE_COL_TEXT(struct intake, kind, "i.kind"),
	STORE_COL_INT(struct intake, promised_limit, "i.promised_limit"),
	STORE_COL_TEXT(struct intake, limit_unit, "i.limit_unit"),
	STORE_COL_TEXT(struct intake, promise_conditions, "i.promise_conditions"),
};
static const char SQL_INTAKE_ITEM[] =
	"SELECT i.code, i.name, d.name, i.kind, i.promised_limit, i.limit_unit, i.promise_conditions"
	" FROM service_items i JOIN departments d ON d.id = i.department_id"
	" WHERE i.id = ?1 AND i.active = 1";

/* A material's columns, declared once: SQL_INTAKE_MATERIALS selects them in
 * this order, then the counts and form the catalogue asks for. */
static const struct store_col intake_material_cols[] = {
	STORE_COL_INT64(struct intake_material, id, "id"),
	STORE_COL_INT(struct intake_material, seq, "seq"),
	STORE_COL_TEXT(struct intake_material, name, "name"),
	STORE_COL_INT(struct intake_material, required, "required"),
	STORE_COL_INT(struct intake_material, waivable, "waivable"),
};
enum { MATERIAL_COL_COPIES = YC_ARRAY_LEN(intake_material_cols), MATERIAL_COL_FORM };
static const char SQL_INTAKE_MATERIALS[] =
	"SELECT id, seq, name, required, waivable, originals + copies, form FROM materials WHERE item_id = ?1"
	" ORDER BY seq";

/* A checkpoint's columns, declared once: SQL_CHECKPOINTS_IN_FORCE selects
 * them in this order. */
static const struct store_col checkpoint_cols[] = {
	STORE_COL_INT64(struct intake_checkpoint, id, "id"),
	STORE_COL_INT(struct intake_checkpoint, seq, "seq"),
	STORE_COL_INT(struct intake_checkpoint, version, "version"),
	STORE_COL_TEXT(struct intake_checkpoint, text, "text"),
};
static const char SQL_CHECKPOINTS_IN_FORCE[] =
	"SELECT id, seq, version, text FROM checkpoints WHERE material_id = ?1"
	" AND effective_from <= ?2 AND (effective_to IS NULL OR effective_to >= ?2) ORDER BY seq";

static int load_checkpoints(struct yc_store *st, struct intake_material *m, const char *day)
{
	db_stmt *s = store_prep(st, SQL_CHECKPOINTS_IN_FORCE);
	int rc;

	if (!s)
		return st->rc;
	m->n_cp = 0;
	db_bind_int64(s, 1, m->id);
	db_bind_text(s, 2, day);
	while ((rc = db_step(s)) == DB_ROW && m->n_cp < INTAKE_MAX_CHECKPOINTS) {
		struct intake_checkpoint *c = &m->cp[m->n_cp++];

		memset(c, 0, sizeof *c);
		store_map_row(s, checkpoint_cols, (int)YC_ARRAY_LEN(checkpoint_cols), c);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_intake_load_item(struct yc_store *st, int64_t item_id, const char *day, struct intake *in,
		     struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_INTAKE_ITEM);
	int rc, i;

	if (!s)
		return st->rc;
	in->item_id = item_id;
	db_bind_int64(s, 1, item_id);
	rc = db_step(s);
	if (rc != DB_ROW) {
		db_reset(s);
		if (rc != DB_DONE)
			return rc;
		yc_err_set(err, YC_EINVAL, "%s", _("That service item is no longer in the catalogue."));
		return -1;
	}
	store_map_row(s, intake_item_cols, (int)YC_ARRAY_LEN(intake_item_cols), in);
	db_reset(s);

	s = store_prep(st, SQL_INTAKE_MATERIALS);
	if (!s)
		return st->rc;
	in->n_materials = 0;
	db_bind_int64(s, 1, item_id);
	while ((rc = db_step(s)) == DB_ROW && in->n_materials < INTAKE_MAX_MATERIALS) {
		struct intake_material *m = &in->m[in->n_materials++];

		memset(m, 0, sizeof *m);
		store_map_row(s, intake_material_cols, (int)YC_ARRAY_LEN(intake_material_cols), m);
		/* a required material starts as the catalogue asks for it, so
		 * the clerk only corrects what differs */
		if (m->required) {
			const char *form = db_col_text(s, MATERIAL_COL_FORM);
			int copies = db_col_int(s, MATERIAL_COL_COPIES);

			m->paper = form && strcmp(form, "electronic") == 0 ? 0 : copies > 0 ? copies : 1;
			m->electronic = form && strcmp(form, "paper") != 0;
		}
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	for (i = 0; i < in->n_materials; i++)
		if ((rc = load_checkpoints(st, &in->m[i], day)) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

struct start_ctx {
	int64_t id;
	const char *day;
	struct intake *in;
};

void store_new_record_uid(char out[33])
{
	unsigned char raw[16];

	randombytes_buf(raw, sizeof raw);
	sodium_bin2hex(out, 33, raw, sizeof raw);
}

static int intake_tx_start(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct start_ctx *c = vctx;

	memset(c->in, 0, sizeof *c->in);
	strcpy(c->in->a.kind, "person");
	c->in->round = 1;
	store_new_record_uid(c->in->record_uid);
	return store_intake_load_item(st, c->id, c->day, c->in, err);
}

int store_intake_start(struct yc_store *st, int64_t item_id, const char *day, struct intake *in,
		       struct yc_err *err)
{
	struct start_ctx c = { item_id, day, in };

	return store_run(st, 0, intake_tx_start, &c, err);
}

/* Saving an outcome ------------------------------------------------------- */

struct commit_ctx {
	const struct yc_user *u;
	const struct intake *in;
	const struct yc_outcome_req *req;
	struct yc_outcome_result *res;
	int already;                 /* the record was saved before: nothing done */
	char now[20];
	int64_t site_id, applicant_id;
	struct yc_calendar cal;      /* the hall's, as the transaction reads it */
	char item_kind[12];          /* the item's, as the transaction reads it (accepted) */
	struct yc_notice_member members[YC_BUNDLE_MAX_MEMBERS];   /* a bundle's, made before its notice */
	int n_members;
	char conditions[4096];       /* 告知承诺制: the item's (a bundle's members' too), as the transaction reads it */
};

static const char SQL_PROMISE_TAKEN[] =
	"INSERT INTO case_promises(case_id, conditions) VALUES (?1, ?2)";

/* 告知承诺制: an item decided on a promise is accepted on the applicant's
 * signed promise that its conditions (as the catalogue has them now) are
 * met; the department verifies afterwards. */
static int save_promise(struct yc_store *st, struct commit_ctx *c)
{
	db_stmt *s;
	int rc;

	if (c->req->outcome != OUTCOME_ACCEPT || !c->conditions[0])
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_PROMISE_TAKEN)))
		return st->rc;
	db_bind_int64(s, 1, c->res->case_id);
	db_bind_text(s, 2, c->conditions);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "case", c->res->case_id, "accepted_on_promise", NULL, NULL);
}

/* owed only when the catalogue, as the transaction reads it, still lets
 * the material come later (a record kept as a draft may be older) */
static const char SQL_GAP_OWED[] =
	"INSERT INTO case_waivers(case_id, material_id, due_date)"
	" SELECT ?1, id, ?3 FROM materials WHERE id = ?2 AND required = 1 AND waivable = 1";

/* 容缺受理: the day the flagged materials are owed by, counted on the
 * hall's calendar as the transaction reads it, by the hall's policy. */
static int decide_gap_due(struct yc_store *st, struct commit_ctx *c)
{
	struct yc_policy policy;
	char day[11];
	yc_date today;
	int rc;

	c->res->gap_due[0] = '\0';
	if (!c->req->gap)
		return SQLITE_OK;
	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	yc_strlcpy(day, c->now, sizeof day);
	if (date_parse(day, &today) != 0)
		return SQLITE_INTERNAL;
	date_format(intake_gap_due(&c->cal, today, policy.waiver_days), c->res->gap_due);
	return SQLITE_OK;
}

/* One material of a case owed (or supplied): sql with the case, the
 * material and a day or time. */
static int exec_owed(struct yc_store *st, const char *sql, int64_t case_id, int64_t material_id, const char *when)
{
	db_stmt *s = store_prep(st, sql);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	db_bind_int64(s, 2, material_id);
	db_bind_text(s, 3, when);
	return store_step_done(s);
}

/* Each material flagged is owed, with the event naming them all. */
static int save_gap(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	char owed[2048];
	int rc, i;

	if (!c->req->gap)
		return SQLITE_OK;
	for (i = 0; i < c->in->n_materials; i++) {
		if (!intake_material_owed(c->in, i))
			continue;
		if ((rc = exec_owed(st, SQL_GAP_OWED, c->res->case_id, c->in->m[i].id, c->res->gap_due)) != SQLITE_OK)
			return rc;
		if (store_changes(st) == 0) {
			yc_err_set(err, YC_ECONFLICT, _("Material %d may no longer come later (the catalogue changed): give a one-time notice (F6)."),
				   c->in->m[i].seq);
			return -1;
		}
	}
	intake_owed_text(c->in, owed, sizeof owed);
	return store_event(st, c->u->id, "case", c->res->case_id, "accepted_with_gap", c->res->gap_due, owed);
}

static const char SQL_RECORD_STATE[] = "SELECT status, version FROM cases WHERE id = ?1";
static const char SQL_ONLINE_STATE[] = "SELECT status FROM online_submissions WHERE id = ?1";
static const char SQL_SITE_ID[] = "SELECT id FROM sites WHERE code = ?1";
/* The item's terms; its promise conditions (告知承诺制) followed, for a
 * bundle, by those of its members, each under its name: the applicant
 * signs them all at the one window. */
static const char SQL_ITEM_TERMS[] =
	"SELECT kind, promised_limit, limit_unit,"
	" promise_conditions || CASE WHEN promise_conditions <> '' AND members <> '' THEN char(10) ELSE '' END || members"
	" FROM (SELECT i.kind, i.promised_limit, i.limit_unit, i.promise_conditions,"
	"  coalesce((SELECT group_concat(name || '：' || char(10) || cond, char(10)) FROM (SELECT m.name,"
	"   m.promise_conditions AS cond FROM bundle_members b JOIN service_items m ON m.id = b.member_item_id"
	"   WHERE b.bundle_item_id = i.id AND m.promise_conditions <> '' ORDER BY b.seq) AS member), '') AS members"
	" FROM service_items i WHERE i.id = ?1) AS terms";

/* The record must still be as the clerk loaded it. */
static int check_unchanged(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	db_stmt *s;
	char status[24] = "";
	int rc, version = 0;

	if (c->in->case_id) {
		if (!(s = store_prep(st, SQL_RECORD_STATE)))
			return st->rc;
		db_bind_int64(s, 1, c->in->case_id);
		if ((rc = db_step(s)) == DB_ROW) {
			store_col_text(s, 0, status, sizeof status);
			version = db_col_int(s, 1);
		}
		db_reset(s);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
		if (strcmp(status, "awaiting_correction") != 0 || version != c->in->version) {
			yc_err_set(err, YC_ECONFLICT, "%s",
				   _("Another window has dealt with this record meanwhile; find it again to see what was done."));
			return -1;
		}
	}
	if (c->in->online_id) {
		if (!(s = store_prep(st, SQL_ONLINE_STATE)))
			return st->rc;
		db_bind_int64(s, 1, c->in->online_id);
		rc = db_step(s);
		if (rc == DB_ROW)
			store_col_text(s, 0, status, sizeof status);
		db_reset(s);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
		if (strcmp(status, "inbox") != 0) {
			yc_err_set(err, YC_ECONFLICT, "%s",
				   _("Another window has already reviewed this online submission."));
			return -1;
		}
	}
	return SQLITE_OK;
}

static int find_site(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_SITE_ID);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->req->site_code);
	rc = db_step(s);
	c->site_id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_ECONFIG, _("The site code %s in the configuration is not in the database (site.code)."),
			   c->req->site_code);
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static const char SQL_APPLICANT_FIND[] =
	"SELECT id FROM applicants WHERE id_number = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1";
static const char SQL_APPLICANT_UPDATE[] =
	"UPDATE applicants SET name = ?2, phone = ?3, legal_rep = ?4,"
	" address = CASE WHEN ?5 <> '' THEN ?5 ELSE address END WHERE id = ?1";
static const char SQL_APPLICANT_INSERT[] =
	"INSERT INTO applicants(kind, name, id_number, phone, legal_rep, address)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

/* The same person or organisation (by ID number) is one applicant; the
 * latest name, phone and address win. */
int store_applicant_save(struct yc_store *st, const struct intake_applicant *a, int64_t *id)
{
	db_stmt *s = store_prep(st, SQL_APPLICANT_FIND);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, a->id_number);
	db_bind_text(s, 2, a->kind);
	rc = db_step(s);
	*id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (*id) {
		if (!(s = store_prep(st, SQL_APPLICANT_UPDATE)))
			return st->rc;
		db_bind_int64(s, 1, *id);
		db_bind_text(s, 2, a->name);
		db_bind_text(s, 3, a->phone);
		db_bind_text(s, 4, a->legal_rep);
		db_bind_text(s, 5, a->address);
		return store_step_done(s);
	}
	if (!(s = store_prep(st, SQL_APPLICANT_INSERT)))
		return st->rc;
	db_bind_text(s, 1, a->kind);
	db_bind_text(s, 2, a->name);
	db_bind_text(s, 3, a->id_number);
	db_bind_text(s, 4, a->phone);
	db_bind_text(s, 5, a->legal_rep);
	db_bind_text(s, 6, a->address);
	if ((rc = store_step_done(s)) == SQLITE_OK)
		*id = store_last_id(st);
	return rc;
}

static const char SQL_LAST_NUMBER_CASE[] =
	"SELECT case_number FROM cases WHERE case_number > ?1 AND case_number < ?1 || ':'"
	" ORDER BY case_number DESC LIMIT 1";
const char store_sql_last_notice_number[] =
	"SELECT number FROM notices WHERE number > ?1 AND number < ?1 || ':'"
	" ORDER BY number DESC LIMIT 1";

/* prefix + the next serial of `digits` digits after the highest number
 * with that prefix. Numbers are made inside the write transaction, which
 * only one station holds at a time, and the columns are UNIQUE, so two
 * windows can never get the same number. */
int store_next_number(struct yc_store *st, const char *sql, const char *prefix, int digits,
		       char *out, size_t n, struct yc_err *err)
{
	db_stmt *s = store_prep(st, sql);
	char last[64] = "";
	long serial = 0, limit = 1;
	int rc, i;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, prefix);
	rc = db_step(s);
	if (rc == DB_ROW)
		store_col_text(s, 0, last, sizeof last);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (last[0])
		serial = strtol(last + strlen(prefix), NULL, 10);
	for (i = 0; i < digits; i++)
		limit *= 10;
	if (serial + 1 >= limit) {
		yc_err_set(err, YC_EINTERNAL, _("The numbers %s… are used up for this period."), prefix);
		return -1;
	}
	snprintf(out, n, "%s%0*ld", prefix, digits, serial + 1);
	return SQLITE_OK;
}

/* Site codes may contain '-', which case numbers leave out. */
void store_site_letters(const char *site, char *out, size_t n)
{
	size_t k = 0;

	for (; *site && k + 1 < n; site++)
		if (*site != '-')
			out[k++] = *site;
	out[k] = '\0';
}

static const char *notice_kind(enum intake_outcome o)
{
	return o == OUTCOME_ACCEPT ? "acceptance" : o == OUTCOME_ONE_TIME ? "one_time" : "non_acceptance";
}

static int make_numbers(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	static const char *const tags[] = { "SL", "BZ", "BY" };   /* 受理, 补正, 不予 */
	char site[32], prefix[64];
	int rc;

	store_site_letters(c->req->site_code, site, sizeof site);
	c->res->case_number[0] = c->res->query_password[0] = '\0';
	if (c->req->outcome == OUTCOME_ACCEPT) {
		snprintf(prefix, sizeof prefix, "%s%.4s%.2s%.2s", site, c->now, c->now + 5, c->now + 8);
		rc = store_next_number(st, SQL_LAST_NUMBER_CASE, prefix, 4, c->res->case_number,
				 sizeof c->res->case_number, err);
		if (rc != SQLITE_OK)
			return rc;
		snprintf(c->res->query_password, sizeof c->res->query_password, "%06u",
			 (unsigned)randombytes_uniform(1000000));
	}
	snprintf(prefix, sizeof prefix, "%s-%s-%.4s-", site, tags[c->req->outcome], c->now);
	return store_next_number(st, store_sql_last_notice_number, prefix, 6, c->res->notice_number,
			   sizeof c->res->notice_number, err);
}

static const char *outcome_status(enum intake_outcome o)
{
	return o == OUTCOME_ACCEPT ? "accepted" : o == OUTCOME_ONE_TIME ? "awaiting_correction" : "not_accepted";
}

static const char SQL_CASE_INSERT[] =
	"INSERT INTO cases(case_number, query_password, item_id, site_id, channel, applicant_id,"
	" agent_name, agent_id_number, agent_authorised, ticket_id, status, kind, responder_id,"
	" created_at, accepted_at, promised_date, closed_at, review_round, refusal_reason, online_id,"
	" record_uid)"
	" VALUES (nullif(?1, ''), nullif(?2, ''), ?3, ?4, ?5, ?6, nullif(?7, ''), nullif(?8, ''), ?9,"
	" nullif(?10, 0), ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, nullif(?20, 0), nullif(?22, ''))";
static const char SQL_CASE_UPDATE[] =
	"UPDATE cases SET case_number = nullif(?1, ''), query_password = nullif(?2, ''),"
	" applicant_id = ?6, agent_name = nullif(?7, ''), agent_id_number = nullif(?8, ''),"
	" agent_authorised = ?9, ticket_id = coalesce(nullif(?10, 0), ticket_id), status = ?11,"
	" accepted_at = ?15, promised_date = ?16, closed_at = ?17, review_round = ?18,"
	" refusal_reason = ?19, record_uid = coalesce(nullif(?22, ''), record_uid), version = version + 1"
	" WHERE id = ?21";

/* The promised date of an accepted case, decided here and nowhere else:
 * the item's time limit as the catalogue has it now, counted on the
 * hall's working-day calendar from the day the transaction saves it. */
static int decide_promise(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	db_stmt *s;
	char kind[12] = "", unit[12] = "";
	int rc, limit = 0;
	char day[11];
	yc_date today;

	if (c->req->outcome != OUTCOME_ACCEPT)
		return SQLITE_OK;
	if ((rc = store_calendar_read(st, &c->cal)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_ITEM_TERMS)))
		return st->rc;
	db_bind_int64(s, 1, c->in->item_id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_col_text(s, 0, kind, sizeof kind);
		limit = db_col_int(s, 1);
		store_col_text(s, 2, unit, sizeof unit);
		store_col_text(s, 3, c->conditions, sizeof c->conditions);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("The item is no longer in the catalogue."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	yc_strlcpy(day, c->now, sizeof day);
	if (date_parse(day, &today) != 0)
		return SQLITE_INTERNAL;
	date_format(intake_promised_date(&c->cal, today, kind, limit, unit), c->res->promised_date);
	/* the case is saved, slipped and noticed as the kind it was promised as */
	yc_strlcpy(c->item_kind, kind, sizeof c->item_kind);
	return SQLITE_OK;
}

static int save_case(struct yc_store *st, struct commit_ctx *c)
{
	const struct intake *in = c->in;
	enum intake_outcome o = c->req->outcome;
	db_stmt *s = store_prep(st, in->case_id ? SQL_CASE_UPDATE : SQL_CASE_INSERT);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->res->case_number);
	db_bind_text(s, 2, c->res->query_password);
	db_bind_int64(s, 6, c->applicant_id);
	db_bind_text(s, 7, in->a.agent_name);
	db_bind_text(s, 8, in->a.agent_id_number);
	db_bind_int(s, 9, in->a.agent_authorised);
	db_bind_int64(s, 10, in->ticket_id);
	db_bind_text(s, 11, outcome_status(o));
	if (o == OUTCOME_ACCEPT) {
		db_bind_text(s, 15, c->now);
		db_bind_text(s, 16, c->res->promised_date);
	}
	if (o == OUTCOME_REFUSE)
		db_bind_text(s, 17, c->now);
	db_bind_int(s, 18, in->round);
	db_bind_text(s, 19, o == OUTCOME_REFUSE && c->req->reason ? c->req->reason : "");
	db_bind_text(s, 22, in->record_uid);
	if (in->case_id) {
		db_bind_int64(s, 21, in->case_id);
		c->res->case_id = in->case_id;
		return store_step_done(s);
	}
	db_bind_int64(s, 3, in->item_id);
	db_bind_int64(s, 4, c->site_id);
	db_bind_text(s, 5, in->online_id ? "online" : "window");
	db_bind_text(s, 12, c->item_kind);
	db_bind_int64(s, 13, c->u->id);
	db_bind_text(s, 14, c->now);
	db_bind_int64(s, 20, in->online_id);
	if ((rc = store_step_done(s)) == SQLITE_OK)
		c->res->case_id = store_last_id(st);
	return rc;
}

static const char SQL_CASE_MATERIAL[] =
	"INSERT INTO case_materials(case_id, material_id, paper_count, electronic_count)"
	" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(case_id, material_id) DO UPDATE SET"
	" paper_count = excluded.paper_count, electronic_count = excluded.electronic_count"
	" RETURNING id";
static const char SQL_VERDICT_INSERT[] =
	"INSERT INTO verdicts(case_material_id, checkpoint_id, verdict, reason, round, by_user, at)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";

static const char *verdict_name(enum intake_verdict v)
{
	return v == VERDICT_OK ? "conforming" : v == VERDICT_MISSING ? "missing" : "non_conforming";
}

static int save_verdicts(struct yc_store *st, struct commit_ctx *c, const struct intake_material *m,
			 int64_t cm_id)
{
	int j, rc;

	for (j = 0; j < m->n_cp; j++) {
		const struct intake_checkpoint *cp = &m->cp[j];
		db_stmt *s;

		if (cp->verdict == VERDICT_NONE)
			continue;
		if (!(s = store_prep(st, SQL_VERDICT_INSERT)))
			return st->rc;
		db_bind_int64(s, 1, cm_id);
		db_bind_int64(s, 2, cp->id);
		db_bind_text(s, 3, verdict_name(cp->verdict));
		db_bind_text(s, 4, cp->verdict == VERDICT_BAD ? cp->reason : "");
		db_bind_int(s, 5, c->in->round);
		db_bind_int64(s, 6, c->u->id);
		db_bind_text(s, 7, c->now);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* Counts for every material; verdicts for those reviewed this round. */
static int save_materials(struct yc_store *st, struct commit_ctx *c)
{
	int i, rc;

	for (i = 0; i < c->in->n_materials; i++) {
		const struct intake_material *m = &c->in->m[i];
		db_stmt *s = store_prep(st, SQL_CASE_MATERIAL);
		int64_t cm_id;

		if (!s)
			return st->rc;
		db_bind_int64(s, 1, c->res->case_id);
		db_bind_int64(s, 2, m->id);
		db_bind_int(s, 3, m->paper);
		db_bind_int(s, 4, m->electronic);
		rc = db_step(s);
		cm_id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
		db_reset(s);
		if (rc != DB_ROW)
			return rc == DB_DONE ? SQLITE_INTERNAL : rc;
		if (intake_material_open(c->in, i) && (rc = save_verdicts(st, c, m, cm_id)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

static const char SQL_NOTICE_INSERT[] =
	"INSERT INTO notices(case_id, kind, number, body, issued_by, issued_at, round)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)";
static const char SQL_ONLINE_DONE[] =
	"UPDATE online_submissions SET status = 'reviewed', case_id = ?2 WHERE id = ?1";

static int save_notice(struct yc_store *st, struct commit_ctx *c, struct yc_err *err)
{
	struct yc_notice_facts f = {
		notice_kind(c->req->outcome), c->res->notice_number, c->res->case_number,
		c->res->query_password, c->res->promised_date,
		c->now, c->in->round, c->item_kind, &c->cal, c->members, c->n_members, c->res->gap_due, c->conditions,
	};
	db_stmt *s;
	int rc;

	free(c->res->notice_text);
	c->res->notice_text = c->req->render(c->req->render_ctx, &f);
	if (!c->res->notice_text) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	if (!(s = store_prep(st, SQL_NOTICE_INSERT)))
		return st->rc;
	db_bind_int64(s, 1, c->res->case_id);
	db_bind_text(s, 2, f.kind);
	db_bind_text(s, 3, f.notice_number);
	db_bind_text(s, 4, c->res->notice_text);
	db_bind_int64(s, 5, c->u->id);
	db_bind_text(s, 6, c->now);
	db_bind_int(s, 7, c->in->round);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->res->notice_id = store_last_id(st);
	return SQLITE_OK;
}

static const char SQL_SLIP_INSERT[] =
	"INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)"
	" SELECT ?1, 'LZ-' || ?2, i.department_id, ?3, 'to_department', ?4 FROM service_items i WHERE i.id = ?5";
static const char SQL_SLIP_MATERIAL[] =
	"INSERT INTO slip_materials(slip_id, name, paper_count, electronic_count) VALUES (?1, ?2, ?3, ?4)";

/* An accepted case travels to its department with a transfer slip listing
 * what was received (第十一条). */
int store_slip_for_case(struct yc_store *st, int64_t case_id, const char *case_number, const char *kind,
			int64_t item_id, const struct intake *in, const char *now)
{
	db_stmt *s = store_prep(st, SQL_SLIP_INSERT);
	int64_t slip_id;
	int rc, i;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	db_bind_text(s, 2, case_number);
	db_bind_text(s, 3, kind);
	db_bind_text(s, 4, now);
	db_bind_int64(s, 5, item_id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	slip_id = store_last_id(st);
	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		if (m->paper == 0 && m->electronic == 0)
			continue;
		if (!(s = store_prep(st, SQL_SLIP_MATERIAL)))
			return st->rc;
		db_bind_int64(s, 1, slip_id);
		db_bind_text(s, 2, m->name);
		db_bind_int(s, 3, m->paper);
		db_bind_int(s, 4, m->electronic);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* A record saved before, as its result: SQL_SAVED_RECORD selects these
 * columns in this order (then the status). */
static const struct store_col saved_cols[] = {
	STORE_COL_INT64(struct yc_outcome_result, case_id, "c.id"),
	STORE_COL_TEXT(struct yc_outcome_result, case_number, "coalesce(c.case_number, '')"),
	STORE_COL_TEXT(struct yc_outcome_result, query_password, "coalesce(coalesce(c.query_password, ''), '')"),
	STORE_COL_TEXT(struct yc_outcome_result, notice_number, STORE_CASE_LATEST_NOTICE),
};
static const char SQL_SAVED_RECORD[] =
	"SELECT c.id, coalesce(c.case_number, ''), coalesce(coalesce(c.query_password, ''), ''),"
	" " STORE_CASE_LATEST_NOTICE ","
	" c.status FROM cases c WHERE c.record_uid = ?1";

static int find_saved_record(struct yc_store *st, struct commit_ctx *c)
{
	db_stmt *s;
	int rc;

	c->already = 0;
	if (!c->in->record_uid[0])
		return SQLITE_OK;
	if (!(s = store_prep(st, SQL_SAVED_RECORD)))
		return st->rc;
	db_bind_text(s, 1, c->in->record_uid);
	rc = db_step(s);
	if (rc == DB_ROW) {
		c->already = 1;
		store_map_row(s, saved_cols, (int)YC_ARRAY_LEN(saved_cols), c->res);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static const char SQL_TICKET_SERVED[] =
	"UPDATE queue_tickets SET status = 'done', finished_at = ?2 WHERE id = ?1 AND status = 'called'";

static int commit(struct yc_store *st, void *vctx, struct yc_err *err)
{
	static const char *const actions[] = { "accept", "one_time_notice", "not_accept" };
	struct commit_ctx *c = vctx;
	db_stmt *s;
	int rc, elsewhere;

	/* a save of this very record that reached the file before the clerk
	 * was told it failed: found, and not made twice */
	if ((rc = find_saved_record(st, c)) != SQLITE_OK || c->already)
		return rc;
	if (c->req->outcome == OUTCOME_ACCEPT && (rc = store_bundle_confirmed_tx(st, c->in, err)) != SQLITE_OK)
		return rc;
	if ((rc = check_unchanged(st, c, err)) != SQLITE_OK || (rc = find_site(st, c, err)) != SQLITE_OK ||
	    (rc = decide_promise(st, c, err)) != SQLITE_OK || (rc = decide_gap_due(st, c)) != SQLITE_OK ||
	    (rc = store_applicant_save(st, &c->in->a, &c->applicant_id)) != SQLITE_OK || (rc = make_numbers(st, c, err)) != SQLITE_OK ||
	    (rc = save_case(st, c)) != SQLITE_OK || (rc = save_materials(st, c)) != SQLITE_OK ||
	    (rc = save_gap(st, c, err)) != SQLITE_OK || (rc = save_promise(st, c)) != SQLITE_OK)
		return rc;
	/* a bundle goes to its members' departments in parallel, each on
	 * its own clock, which its acceptance notice lists */
	c->n_members = 0;
	if (c->req->outcome == OUTCOME_ACCEPT &&
	    (rc = store_bundle_open(st, c->res->case_id, c->res->case_number, c->in, &c->cal,
				    c->res->promised_date, c->now, c->members, &c->n_members)) != SQLITE_OK)
		return rc;
	if ((rc = save_notice(st, c, err)) != SQLITE_OK)
		return rc;
	/* any other case goes to its own department, but one another
	 * region's home department decides (异地通办, taken here) */
	if ((rc = store_special_decided_elsewhere_tx(st, c->in, &elsewhere)) != SQLITE_OK)
		return rc;
	if (c->req->outcome == OUTCOME_ACCEPT && c->n_members == 0 && !elsewhere &&
	    (rc = store_slip_for_case(st, c->res->case_id, c->res->case_number, c->item_kind, c->in->item_id,
				      c->in, c->now)) != SQLITE_OK)
		return rc;
	if (c->in->online_id) {
		if (!(s = store_prep(st, SQL_ONLINE_DONE)))
			return st->rc;
		db_bind_int64(s, 1, c->in->online_id);
		db_bind_int64(s, 2, c->res->case_id);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	if ((rc = store_special_link_tx(st, c->u->id, c->in, c->res->case_id, c->res->case_number, c->now, err)) !=
	    SQLITE_OK)
		return rc;
	if (c->in->ticket_id) {
		/* the person called to the window has been served: the ticket
		 * is done with the record, not when the next one is called */
		if ((rc = store_exec_id_text(st, SQL_TICKET_SERVED, c->in->ticket_id, c->now)) != SQLITE_OK)
			return rc;
		if (store_changes(st) == 1 &&
		    (rc = store_event(st, c->u->id, "ticket", c->in->ticket_id, "done", "called", NULL)) != SQLITE_OK)
			return rc;
	}
	/* the applicant rates the window's service on its terminal (好差评) */
	if ((rc = store_rating_request_tx(st, c->res->case_id, "intake", NULL, c->now)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "case", c->res->case_id, actions[c->req->outcome], NULL,
			   c->req->outcome == OUTCOME_ACCEPT ? c->res->case_number : c->res->notice_number);
}

static int check_request(const struct yc_user *u, const struct intake *in, const struct yc_outcome_req *req,
			 struct yc_err *err)
{
	char why[256];

	if (auth_require(u, PERM_INTAKE, err) < 0)
		return -1;
	if (req->gap && req->outcome != OUTCOME_ACCEPT) {
		yc_err_set(err, YC_EINVAL, "%s", _("Only an acceptance can leave materials to come later."));
		return -1;
	}
	if (req->gap ? !intake_gap_allowed(in, why, sizeof why) : !intake_outcome_allowed(in, req->outcome, why, sizeof why)) {
		yc_err_set(err, YC_EINVAL, "%s", why);
		return -1;
	}
	if (req->outcome == OUTCOME_REFUSE && (!req->reason || yc_blank(req->reason))) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason the application is not accepted."));
		return -1;
	}
	return 0;
}

/* The screen checks the applicant on the way to the materials; the core
 * checks again, for a record that came back another way (a draft). */
static int check_applicant(struct intake *in, struct yc_err *err)
{
	enum intake_field field;
	const char *why;
	char today[11], buf[300];

	yc_today(today);
	why = intake_applicant_problem(&in->a, atoi(today), &field, buf, sizeof buf);
	if (why) {
		yc_err_set(err, YC_EINVAL, "%s", why);
		return -1;
	}
	return 0;
}

int store_intake_commit(struct yc_store *st, const struct yc_user *u, struct intake *in,
			const struct yc_outcome_req *req, struct yc_outcome_result *res,
			struct yc_err *err)
{
	struct commit_ctx c = { u, in, req, res, 0, "", 0, 0, { 0 }, "", { { "", "", "", "" } }, 0, "" };
	int rc;

	memset(res, 0, sizeof *res);
	cal_init(&c.cal);
	yc_strlcpy(c.item_kind, in->kind, sizeof c.item_kind);   /* until the save reads it */
	if (check_request(u, in, req, err) < 0 || check_applicant(in, err) < 0)
		return -1;
	yc_now(c.now);
	rc = store_run(st, 1, commit, &c, err);
	cal_free(&c.cal);
	if (rc < 0) {
		free(res->notice_text);
		res->notice_text = NULL;
		return -1;
	}
	if (c.already) {
		/* the record is that case now: carry on from it */
		in->case_id = res->case_id;
		return 1;
	}
	/* only now, with the transaction committed, does the record change;
	 * what the clerk does with it next is a save of its own */
	store_new_record_uid(in->record_uid);
	if (req->outcome == OUTCOME_ONE_TIME) {
		in->case_id = res->case_id;
		in->version = in->case_id && in->version ? in->version + 1 : 1;
	}
	return 0;
}

/* A returning applicant ---------------------------------------------------- */

/* A returning record's columns, declared once: SQL_RESUME_CASE selects
 * them in this order, then the case's status (RESUME_COL_STATUS). The
 * round read is the last one reviewed. */
static const struct store_col resume_cols[] = {
	STORE_COL_INT64(struct intake, item_id, "c.item_id"),
	STORE_COL_INT(struct intake, round, "c.review_round"),
	STORE_COL_INT(struct intake, version, "c.version"),
	STORE_COL_INT64(struct intake, ticket_id, "coalesce(c.ticket_id, 0)"),
	STORE_COL_TEXT(struct intake, a.kind, "a.kind"),
	STORE_COL_TEXT(struct intake, a.name, "a.name"),
	STORE_COL_TEXT(struct intake, a.id_number, "a.id_number"),
	STORE_COL_TEXT(struct intake, a.phone, "a.phone"),
	STORE_COL_TEXT(struct intake, a.legal_rep, "a.legal_rep"),
	STORE_COL_TEXT(struct intake, a.address, "a.address"),
	STORE_COL_TEXT(struct intake, a.agent_name, "coalesce(c.agent_name, '')"),
	STORE_COL_TEXT(struct intake, a.agent_id_number, "coalesce(c.agent_id_number, '')"),
	STORE_COL_INT(struct intake, a.agent_authorised, "c.agent_authorised"),
};
enum { RESUME_COL_STATUS = YC_ARRAY_LEN(resume_cols) };
static const char SQL_RESUME_CASE[] =
	"SELECT c.item_id, c.review_round, c.version, coalesce(c.ticket_id, 0),"
	" a.kind, a.name, a.id_number, a.phone, a.legal_rep, a.address,"
	" coalesce(c.agent_name, ''), coalesce(c.agent_id_number, ''), c.agent_authorised, c.status"
	" FROM cases c JOIN applicants a ON a.id = c.applicant_id WHERE c.id = ?1";

/* A verdict's checkpoint as it was, its columns declared once:
 * SQL_RESUME_MATERIAL selects them in this order (checkpoint_id NULL: the
 * material has no verdicts), then the verdict and the counts submitted. */
static const struct store_col resume_cp_cols[] = {
	STORE_COL_INT64(struct intake_checkpoint, id, "v.checkpoint_id"),
	STORE_COL_TEXT(struct intake_checkpoint, reason, "v.reason"),
	STORE_COL_INT(struct intake_checkpoint, seq, "k.seq"),
	STORE_COL_INT(struct intake_checkpoint, version, "k.version"),
	STORE_COL_TEXT(struct intake_checkpoint, text, "k.text"),
};
enum { RESUME_COL_CHECKPOINT = 0, RESUME_COL_VERDICT = YC_ARRAY_LEN(resume_cp_cols), RESUME_COL_PAPER,
       RESUME_COL_ELECTRONIC };
static const char SQL_RESUME_MATERIAL[] =
	"SELECT v.checkpoint_id, v.reason, k.seq, k.version, k.text, v.verdict,"
	" cm.paper_count, cm.electronic_count"
	" FROM case_materials cm LEFT JOIN verdicts v ON v.case_material_id = cm.id"
	"  AND v.round = (SELECT max(round) FROM verdicts w WHERE w.case_material_id = cm.id)"
	" LEFT JOIN checkpoints k ON k.id = v.checkpoint_id"
	" WHERE cm.case_id = ?1 AND cm.material_id = ?2 ORDER BY k.seq";

/* A material whose last verdicts were all conforming is settled: it keeps
 * those verdicts (and the versions they name) and is not reviewed again. */
static int resume_material(struct yc_store *st, int64_t case_id, struct intake_material *m)
{
	db_stmt *s = store_prep(st, SQL_RESUME_MATERIAL);
	struct intake_checkpoint before[INTAKE_MAX_CHECKPOINTS];
	int rc, n = 0, all_ok = 1;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	db_bind_int64(s, 2, m->id);
	while ((rc = db_step(s)) == DB_ROW) {
		char verdict[20];

		m->paper = db_col_int(s, RESUME_COL_PAPER);
		m->electronic = db_col_int(s, RESUME_COL_ELECTRONIC);
		if (db_col_type(s, RESUME_COL_CHECKPOINT) == SQLITE_NULL || n == INTAKE_MAX_CHECKPOINTS)
			continue;
		memset(&before[n], 0, sizeof before[n]);
		store_map_row(s, resume_cp_cols, (int)YC_ARRAY_LEN(resume_cp_cols), &before[n]);
		store_col_text(s, RESUME_COL_VERDICT, verdict, sizeof verdict);
		all_ok &= strcmp(verdict, "conforming") == 0;
		before[n].verdict = VERDICT_OK;
		n++;
	}
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (n > 0 && all_ok) {
		m->settled = 1;
		memcpy(m->cp, before, sizeof before[0] * (size_t)n);
		m->n_cp = n;
	}
	return SQLITE_OK;
}

/* The case's record as saved, its review the next round, and its status
 * ("" when there is no such case). */
static int read_record(struct yc_store *st, int64_t case_id, struct intake *in, char status[24])
{
	db_stmt *s = store_prep(st, SQL_RESUME_CASE);
	int rc;

	if (!s)
		return st->rc;
	memset(in, 0, sizeof *in);
	status[0] = '\0';
	db_bind_int64(s, 1, case_id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_map_row(s, resume_cols, (int)YC_ARRAY_LEN(resume_cols), in);
		in->round++;  /* this review is the next round */
		store_col_text(s, RESUME_COL_STATUS, status, 24);
	}
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int intake_tx_resume(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct start_ctx *c = vctx;
	struct intake *in = c->in;
	char status[24];
	int rc, i;

	if ((rc = read_record(st, c->id, in, status)) != SQLITE_OK)
		return rc;
	if (strcmp(status, "awaiting_correction") != 0) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("This record is no longer awaiting corrections."));
		return -1;
	}
	in->case_id = c->id;
	/* the item's materials as they are today; only identity fields above */
	if ((rc = store_intake_load_item(st, in->item_id, c->day, in, err)) != SQLITE_OK)
		return rc;
	for (i = 0; i < in->n_materials; i++)
		if ((rc = resume_material(st, c->id, &in->m[i])) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

int store_intake_resume(struct yc_store *st, int64_t case_id, const char *day, struct intake *in,
			struct yc_err *err)
{
	struct start_ctx c = { case_id, day, in };

	if (store_run(st, 0, intake_tx_resume, &c, err) < 0)
		return -1;
	store_new_record_uid(in->record_uid);   /* this return's record */
	return 0;
}

/* 容缺受理: a material owed, brought ---------------------------------------- */

static const char SQL_OWED_MATERIAL[] =
	"SELECT 1 FROM case_waivers WHERE case_id = ?1 AND material_id = ?2 AND supplied_at IS NULL";
static const char SQL_SUPPLIED[] =
	"UPDATE case_waivers SET supplied_at = ?3 WHERE case_id = ?1 AND material_id = ?2 AND supplied_at IS NULL";

static int material_owed(struct yc_store *st, int64_t case_id, int64_t material_id, int *owed)
{
	db_stmt *s = store_prep(st, SQL_OWED_MATERIAL);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, case_id);
	db_bind_int64(s, 2, material_id);
	rc = db_step(s);
	*owed = rc == DB_ROW;
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

/* The case as accepted, with only what it owes open for review: the rest
 * was settled at acceptance. */
static int intake_tx_owed(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct start_ctx *c = vctx;
	struct intake *in = c->in;
	char status[24];
	int rc, i, owed, open = 0;

	/* the material brought is a review round of its own */
	if ((rc = read_record(st, c->id, in, status)) != SQLITE_OK)
		return rc;
	if (!status[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("That case is not in the database."));
		return -1;
	}
	in->case_id = c->id;
	in->ticket_id = 0;    /* the ticket of the acceptance was served then */
	if ((rc = store_intake_load_item(st, in->item_id, c->day, in, err)) != SQLITE_OK)
		return rc;
	for (i = 0; i < in->n_materials; i++) {
		struct intake_material *m = &in->m[i];

		if ((rc = material_owed(st, c->id, m->id, &owed)) != SQLITE_OK)
			return rc;
		open += owed;
		if (owed)
			continue;   /* counts as the catalogue asks, checkpoints in force today */
		if ((rc = resume_material(st, c->id, m)) != SQLITE_OK)
			return rc;
		m->settled = 1;
	}
	if (open == 0) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("This case owes no material: everything accepted to come later has been supplied."));
		return -1;
	}
	return SQLITE_OK;
}

int store_intake_owed(struct yc_store *st, int64_t case_id, const char *day, struct intake *in, struct yc_err *err)
{
	struct start_ctx c = { case_id, day, in };

	if (store_run(st, 0, intake_tx_owed, &c, err) < 0)
		return -1;
	store_new_record_uid(in->record_uid);
	return 0;
}

/* Each open material must still be owed (another window may have taken
 * it first); its verdicts are saved as any review's, naming the
 * checkpoint versions, and it is owed no more. */
static int intake_tx_supply(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct commit_ctx *c = vctx;
	char names[1024] = "";
	int i, rc, owed;

	for (i = 0; i < c->in->n_materials; i++) {
		const struct intake_material *m = &c->in->m[i];

		if (!intake_material_open(c->in, i))
			continue;
		if ((rc = material_owed(st, c->in->case_id, m->id, &owed)) != SQLITE_OK)
			return rc;
		if (!owed) {
			yc_err_set(err, YC_ECONFLICT, _("%s was already recorded as supplied (at another window?)."), m->name);
			return -1;
		}
	}
	if ((rc = save_materials(st, c)) != SQLITE_OK)
		return rc;
	for (i = 0; i < c->in->n_materials; i++) {
		const struct intake_material *m = &c->in->m[i];

		if (!intake_material_open(c->in, i))
			continue;
		if ((rc = exec_owed(st, SQL_SUPPLIED, c->in->case_id, m->id, c->now)) != SQLITE_OK)
			return rc;
		if (names[0])
			yc_strlcpy(names + strlen(names), "、", sizeof names - strlen(names));
		yc_strlcpy(names + strlen(names), m->name, sizeof names - strlen(names));
	}
	return store_event(st, c->u->id, "case", c->in->case_id, "gap_supplied", NULL, names);
}

int store_intake_supply(struct yc_store *st, const struct yc_user *u, const struct intake *in, struct yc_err *err)
{
	struct yc_outcome_result res;
	struct commit_ctx c = { u, in, NULL, &res, 0, "", 0, 0, { 0 }, "", { { "", "", "", "" } }, 0, "" };
	char why[300];

	memset(&res, 0, sizeof res);
	if (auth_require(u, PERM_INTAKE, err) < 0)
		return -1;
	/* brought, the material must conform: a flawed one stays owed */
	if (!intake_outcome_allowed(in, OUTCOME_ACCEPT, why, sizeof why)) {
		yc_err_set(err, YC_EINVAL, _("%s The material stays owed; the applicant brings it again before the day."), why);
		return -1;
	}
	res.case_id = in->case_id;
	yc_now(c.now);
	return store_run(st, 1, intake_tx_supply, &c, err) < 0 ? -1 : 0;
}
