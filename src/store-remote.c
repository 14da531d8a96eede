/* store-remote.c - the cross-region window (异地通办): requests taken here
 * for another region's department, its confirmation or refusal, the
 * materials forwarded (paper by mail with a tracking number), the result
 * back, and the delivery here or at home. The allowed moves are one table;
 * every move is one transaction that checks the state and the version the
 * clerk saw, and logs one event (entity "remote"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-select.h"
#include "store-remote.h"
#include "store-users.h"
#include "validate.h"

/* Labels ------------------------------------------------------------------------ */

struct label {
	const char *code, *text;
};

static const struct label kinds[] = {
	{ "inter_province", N_("inter-province") },               /* 跨省通办 */
	{ "hbeu", N_("Hohhot-Baotou-Ordos-Ulanqab") },             /* 呼包鄂乌互办互认 */
	{ "city", N_("citywide") },                               /* 全市通办 */
};

static const struct label statuses[] = {
	{ "asking", N_("awaiting answer") },
	{ "confirmed", N_("confirmed") },
	{ "refused", N_("refused") },
	{ "forwarded", N_("forwarded") },
	{ "result_received", N_("result received") },
	{ "delivered", N_("result delivered") },
};

static const struct label places[] = {
	{ "here", N_("at this hall") },
	{ "home", N_("at the home department") },
};

static const struct label *find(const struct label *t, size_t n, const char *code)
{
	size_t i;

	for (i = 0; code && i < n; i++)
		if (strcmp(t[i].code, code) == 0)
			return &t[i];
	return NULL;
}

static const char *label(const struct label *t, size_t n, const char *code)
{
	const struct label *l = find(t, n, code);

	return l ? _(l->text) : code ? code : "";
}

const char *store_remote_kind_label(const char *kind)
{
	return label(kinds, YC_ARRAY_LEN(kinds), kind);
}

const char *store_remote_status_label(const char *status)
{
	return label(statuses, YC_ARRAY_LEN(statuses), status);
}

const char *store_remote_collect_label(const char *where)
{
	return label(places, YC_ARRAY_LEN(places), where);
}

int store_remote_open(const char *status)
{
	return strcmp(status, "refused") != 0 && strcmp(status, "delivered") != 0;
}

/* The moves ---------------------------------------------------------------------- */

static const char SQL_CONFIRM[] =
	"UPDATE remote_requests SET status = 'confirmed', confirmed_by = ?3, confirmed_at = ?4,"
	" version = version + 1 WHERE id = ?1 AND version = ?2 AND status = 'asking'";
/* ?1 id, ?2 the version seen, ?3 the text, ?4 now, ?5 paper by mail; a
 * refusal has no column for its time (?4): the event log keeps it */
static const char SQL_REFUSE[] =
	"UPDATE remote_requests SET status = 'refused', refusal_reason = ?3, version = version + 1"
	" WHERE id = ?1 AND version = ?2 AND status = 'asking' AND ?4 = ?4";
static const char SQL_FORWARD[] =
	"UPDATE remote_requests SET status = 'forwarded', paper_by_mail = ?5, tracking_number = nullif(?3, ''),"
	" forwarded_at = ?4, version = version + 1 WHERE id = ?1 AND version = ?2 AND status = 'confirmed'";
static const char SQL_RESULT[] =
	"UPDATE remote_requests SET status = 'result_received', result_note = ?3, result_at = ?4,"
	" version = version + 1 WHERE id = ?1 AND version = ?2 AND status = 'forwarded'";
static const char SQL_DELIVER[] =
	"UPDATE remote_requests SET status = 'delivered', collect_at = ?3, delivered_at = ?4,"
	" version = version + 1 WHERE id = ?1 AND version = ?2 AND status = 'result_received'";

/* Every move a request may make: anything not listed is refused. */
static const struct remote_step {
	enum yc_remote_move move;
	const char *from, *action;
	const char *sql;
} steps[] = {
	{ REMOTE_CONFIRM, "asking", "confirm", SQL_CONFIRM },
	{ REMOTE_REFUSE, "asking", "refuse", SQL_REFUSE },
	{ REMOTE_FORWARD, "confirmed", "forward", SQL_FORWARD },
	{ REMOTE_RESULT, "forwarded", "result", SQL_RESULT },
	{ REMOTE_DELIVER, "result_received", "deliver", SQL_DELIVER },
};

static const struct remote_step *step_of(enum yc_remote_move m)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(steps); i++)
		if (steps[i].move == m)
			return &steps[i];
	return NULL;
}

int store_remote_may(const char *status, enum yc_remote_move remote_tx_move, struct yc_err *err)
{
	const struct remote_step *m = step_of(remote_tx_move);
	const char *now = store_remote_status_label(status);

	if (m && status && strcmp(status, m->from) == 0)
		return 0;
	switch (remote_tx_move) {
	case REMOTE_CONFIRM:
		yc_err_set(err, YC_EINVAL, _("Only a request awaiting the answer can be confirmed; this one is: %s."), now);
		break;
	case REMOTE_REFUSE:
		yc_err_set(err, YC_EINVAL, _("Only a request awaiting the answer can be refused; this one is: %s."), now);
		break;
	case REMOTE_FORWARD:
		yc_err_set(err, YC_EINVAL, _("Only a confirmed request can be forwarded; this one is: %s."), now);
		break;
	case REMOTE_RESULT:
		yc_err_set(err, YC_EINVAL, _("A result comes back only after forwarding; this request is: %s."), now);
		break;
	case REMOTE_DELIVER:
		yc_err_set(err, YC_EINVAL, _("Only a result received can be delivered; this request is: %s."), now);
		break;
	default:
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a step of a cross-region request."));
	}
	return -1;
}

int store_remote_may_now(const struct yc_remote_row *r, enum yc_remote_move move, struct yc_err *err)
{
	int incoming = strcmp(r->direction, "incoming") == 0;

	if (incoming && move == REMOTE_FORWARD) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("An incoming request's materials came from the hall that took it: nothing to forward; its result goes back with F6."));
		return -1;
	}
	if (incoming && move == REMOTE_RESULT) {
		if (strcmp(r->status, "confirmed") != 0) {
			yc_err_set(err, YC_EINVAL, _("Only a confirmed request's result goes back; this one is: %s."),
				   store_remote_status_label(r->status));
			return -1;
		}
		if (!r->case_decided) {
			yc_err_set(err, YC_EINVAL, "%s",
				   _("The result goes back once our department has decided the case (accept it at the combined intake, F6 there)."));
			return -1;
		}
		return 0;
	}
	if (store_remote_may(r->status, move, err) < 0)
		return -1;
	/* the materials go to the home department once accepted here (第二十条) */
	if (move == REMOTE_FORWARD && !r->case_number[0]) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Accept the request as a case first (combined intake, F6 there); then forward its materials."));
		return -1;
	}
	return 0;
}

/* What people type ---------------------------------------------------------------- */

/* Characters (not bytes) in UTF-8 text. */
static size_t chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

/* Given, at most max characters fitting a column of size bytes, no
 * control characters: 0, or -1 with err (missing says what to type, what
 * names the field). */
static int check_text(const char *s, size_t max, size_t size, const char *what, const char *missing,
		      struct yc_err *err)
{
	const unsigned char *p;

	if (!s || !s[0]) {
		yc_err_set(err, YC_EINVAL, "%s", missing);
		return -1;
	}
	if (chars(s) > max || strlen(s) >= size) {
		yc_err_set(err, YC_EINVAL, _("%s: at most %d characters, please."), what, (int)max);
		return -1;
	}
	for (p = (const unsigned char *)s; *p; p++)
		if (*p < 0x20 || *p == 0x7f) {
			yc_err_set(err, YC_EINVAL, _("%s: there is a control character in it; please type it again."),
				   what);
			return -1;
		}
	return 0;
}

#define HOME_MAX 40          /* characters; the row's columns hold 128 bytes */
#define WHO_MAX 20
#define NOTE_MAX 160
#define TRACKING_MAX 30

/* A tracking number as printed on the waybill: letters, digits, '-'. */
static int check_tracking(const char *t, struct yc_err *err)
{
	const char *p;

	if (!t || !t[0]) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("The paper goes by mail: please type the tracking number of the waybill."));
		return -1;
	}
	for (p = t; *p; p++)
		if (!((*p >= '0' && *p <= '9') || (*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || *p == '-'))
			break;
	if (*p || strlen(t) < 6 || strlen(t) > TRACKING_MAX) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a tracking number: 6 to %d letters and digits, as on the waybill."),
			   t, TRACKING_MAX);
		return -1;
	}
	return 0;
}

/* Reading requests ------------------------------------------------------------------ */

#define CLOSED "r.status IN ('refused','delivered')"

/* A request as lists and details declare it. */
static const struct store_col remote_cols[] = {
	STORE_COL_INT64(struct yc_remote_row, id, "r.id"),
	STORE_COL_TEXT(struct yc_remote_row, kind, "r.kind"),
	STORE_COL_TEXT(struct yc_remote_row, status, "r.status"),
	STORE_COL_INT(struct yc_remote_row, version, "r.version"),
	STORE_COL_INT64(struct yc_remote_row, item_id, "r.item_id"),
	STORE_COL_TEXT(struct yc_remote_row, item_code, "i.code"),
	STORE_COL_TEXT(struct yc_remote_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_remote_row, applicant_kind, "a.kind"),
	STORE_COL_TEXT(struct yc_remote_row, applicant, "a.name"),
	STORE_COL_READ(struct yc_remote_row, id_masked, "a.id_number", store_read_id_masked),
	STORE_COL_READ(struct yc_remote_row, phone_masked, "a.phone", store_read_phone_masked),
	STORE_COL_TEXT(struct yc_remote_row, home_region, "r.home_region"),
	STORE_COL_TEXT(struct yc_remote_row, home_department, "r.home_department"),
	STORE_COL_TEXT(struct yc_remote_row, home_site, "r.home_site"),
	STORE_COL_TEXT(struct yc_remote_row, confirmed_by, "coalesce(r.confirmed_by, '')"),
	STORE_COL_TEXT(struct yc_remote_row, confirmed_at, "coalesce(r.confirmed_at, '')"),
	STORE_COL_TEXT(struct yc_remote_row, refusal_reason, "r.refusal_reason"),
	STORE_COL_INT(struct yc_remote_row, paper_by_mail, "r.paper_by_mail"),
	STORE_COL_TEXT(struct yc_remote_row, tracking, "coalesce(r.tracking_number, '')"),
	STORE_COL_TEXT(struct yc_remote_row, forwarded_at, "coalesce(r.forwarded_at, '')"),
	STORE_COL_TEXT(struct yc_remote_row, result_note, "r.result_note"),
	STORE_COL_TEXT(struct yc_remote_row, result_at, "coalesce(r.result_at, '')"),
	STORE_COL_TEXT(struct yc_remote_row, collect_at, "coalesce(r.collect_at, '')"),
	STORE_COL_TEXT(struct yc_remote_row, delivered_at, "coalesce(r.delivered_at, '')"),
	STORE_COL_TEXT(struct yc_remote_row, created_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_remote_row, created_at, "r.created_at"),
	STORE_COL_INT(struct yc_remote_row, closed, CLOSED),
	STORE_COL_INT64(struct yc_remote_row, sort_id, "CASE WHEN " CLOSED " THEN -r.id ELSE r.id END"),
	STORE_COL_TEXT(struct yc_remote_row, direction, "r.direction"),
	STORE_COL_TEXT(struct yc_remote_row, case_number,
		       "coalesce((SELECT coalesce(case_number, '-') FROM cases WHERE id = r.case_id), '')"),
	STORE_COL_INT(struct yc_remote_row, case_decided, "EXISTS (SELECT 1 FROM results WHERE case_id = r.case_id)"),
};
enum { REMOTE_COL_CLOSED = 26, REMOTE_COL_SORT_ID = 27 };

#define REMOTE_FROM \
	"FROM remote_requests r JOIN service_items i ON i.id = r.item_id" \
	" JOIN applicants a ON a.id = r.applicant_id LEFT JOIN users u ON u.id = r.created_by"

/* ?1: one status, or '' for all; ?2 the window's site, or '' for every
 * site's; the open ones first, oldest first, then the closed ones, newest
 * first */
#define REMOTE_OF_SITE STORE_OF_SITE("r.site_id", "?2")
static struct store_list remote_list = {
	STORE_ROWS(struct yc_remote_row, remote_cols),
	.from = REMOTE_FROM, .where = "(?1 = '' OR r.status = ?1) AND " REMOTE_OF_SITE,
	.n_params = 2, .key = { { REMOTE_COL_CLOSED, 0 }, { REMOTE_COL_SORT_ID, 0 } }, .n_key = 2,
};

/* ?1: the request's id */
static struct store_list remote_one = {
	STORE_ROWS(struct yc_remote_row, remote_cols),
	.from = REMOTE_FROM, .where = "r.id = ?1",
	.n_params = 1, .key = { { REMOTE_COL_SORT_ID, 0 } }, .n_key = 1,
};

static int check_status(const char *status, struct yc_err *err)
{
	if (status && status[0] && !find(statuses, YC_ARRAY_LEN(statuses), status)) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a state of a cross-region request."));
		return -1;
	}
	return 0;
}

int store_remote_page(struct yc_store *st, const char *site_code, const char *status,
		      const struct yc_remote_row *anchor, int forward, struct yc_remote_row *rows, int max, int *n,
		      struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(status), STORE_PARAM_TEXT(site_code) };

	*n = 0;
	if (check_status(status, err) < 0)
		return -1;
	return store_list_page(st, &remote_list, p, anchor, forward, rows, max, n, err);
}

static const char SQL_OPEN_COUNT[] = "SELECT count(*) FROM remote_requests r WHERE NOT " CLOSED " AND " REMOTE_OF_SITE;

struct remote_count {
	const struct store_param *p;
	long all, open;
};

static int remote_tx_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct remote_count *c = vctx;
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, &remote_list, c->p, &c->all)) != SQLITE_OK)
		return rc;
	return store_count_tx(st, SQL_OPEN_COUNT, c->p, 2, &c->open);
}

int store_remote_count(struct yc_store *st, const char *site_code, const char *status, long *all, long *open,
		       struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(status), STORE_PARAM_TEXT(site_code) };
	struct remote_count c = { p, 0, 0 };

	*all = *open = 0;
	if (check_status(status, err) < 0 || store_run(st, 0, remote_tx_count, &c, err) < 0)
		return -1;
	*all = c.all;
	*open = c.open;
	return 0;
}

struct get_ctx {
	int64_t id;
	struct yc_remote_row *row;
};

static int remote_tx_get(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct get_ctx *c = vctx;
	struct store_param p[] = { STORE_PARAM_INT(c->id) };
	int rc, n;

	if ((rc = store_list_page_tx(st, &remote_one, p, NULL, 1, c->row, 1, &n)) != SQLITE_OK)
		return rc;
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("That cross-region request is not in the database."));
		return -1;
	}
	return SQLITE_OK;
}

int store_remote_get(struct yc_store *st, int64_t id, struct yc_remote_row *row, struct yc_err *err)
{
	struct get_ctx c = { id, row };

	return store_run(st, 0, remote_tx_get, &c, err);
}

/* A new request ------------------------------------------------------------------ */

struct create_ctx {
	const struct yc_user *u;
	const struct yc_remote_new *r;
	const struct intake_applicant *a;   /* checked, x made upper case */
	char now[20];
	int64_t applicant_id, id;
};

static const char SQL_ITEM_ACTIVE[] = "SELECT count(*) FROM service_items WHERE id = ?1 AND active = 1";
static const char SQL_REMOTE_INSERT[] =
	"INSERT INTO remote_requests(kind, item_id, applicant_id, home_region, home_department, home_site,"
	" created_by, created_at, direction, site_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, " STORE_SITE_ID_OR_HALL("?10") ")";

static int check_item(struct yc_store *st, int64_t item_id, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_ITEM_ACTIVE);
	int rc, found;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, item_id);
	rc = db_step(s);
	found = rc == DB_ROW ? db_col_int(s, 0) : 0;
	db_reset(s);
	if (rc != DB_ROW)
		return rc;
	if (!found) {
		yc_err_set(err, YC_EINVAL, "%s", _("That service item is not in the catalogue (any more)."));
		return -1;
	}
	return SQLITE_OK;
}

static int remote_tx_create(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct create_ctx *c = vctx;
	const struct yc_remote_new *r = c->r;
	db_stmt *s;
	int rc;

	c->id = 0;
	if ((rc = check_item(st, r->item_id, err)) != SQLITE_OK || (rc = store_applicant_save(st, c->a, &c->applicant_id)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_REMOTE_INSERT)))
		return st->rc;
	db_bind_text(s, 1, r->kind);
	db_bind_int64(s, 2, r->item_id);
	db_bind_int64(s, 3, c->applicant_id);
	db_bind_text(s, 4, r->home_region);
	db_bind_text(s, 5, r->home_department);
	db_bind_text(s, 6, r->home_site);
	db_bind_int64(s, 7, c->u->id);
	db_bind_text(s, 8, c->now);
	db_bind_text(s, 9, r->direction && r->direction[0] ? r->direction : "outgoing");
	db_bind_text(s, 10, r->site_code);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->id = store_last_id(st);
	return store_event(st, c->u->id, "remote", c->id, "create", NULL, r->kind);
}

static int check_new(const struct yc_remote_new *r, struct intake_applicant *a, int year, struct yc_err *err)
{
	enum intake_field field;
	const char *why;
	char buf[400];

	if (r->direction && r->direction[0] && strcmp(r->direction, "outgoing") != 0 &&
	    strcmp(r->direction, "incoming") != 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("A cross-region request is taken here (outgoing) or elsewhere (incoming)."));
		return -1;
	}
	if (!r->kind || !find(kinds, YC_ARRAY_LEN(kinds), r->kind)) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Choose the kind of cross-region service: inter-province, Hohhot-Baotou-Ordos-Ulanqab or citywide."));
		return -1;
	}
	if (r->item_id <= 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please choose the service item applied for."));
		return -1;
	}
	*a = r->applicant;
	if (strcmp(a->kind, "person") != 0 && strcmp(a->kind, "organisation") != 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("The applicant is a person or an organisation."));
		return -1;
	}
	/* no agent here: only the applicant's own details */
	a->agent_name[0] = a->agent_id_number[0] = '\0';
	a->agent_authorised = 0;
	if ((why = intake_applicant_problem(a, year, &field, buf, sizeof buf)) != NULL) {
		yc_err_set(err, YC_EINVAL, "%s", why);
		return -1;
	}
	if (check_text(r->home_region, HOME_MAX, 128, _("Home region"),
		       _("Please type the home region (city and district or banner)."), err) < 0 ||
	    check_text(r->home_department, HOME_MAX, 128, _("Home department"),
		       _("Please type the home department that decides."), err) < 0 ||
	    check_text(r->home_site, HOME_MAX, 128, _("Home site"),
		       _("Please type the home department's service site."), err) < 0)
		return -1;
	return 0;
}

int store_remote_create(struct yc_store *st, const struct yc_user *u, const struct yc_remote_new *r,
			int64_t *id, struct yc_err *err)
{
	struct intake_applicant a;
	struct create_ctx c = { u, r, &a, "", 0, 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	yc_now(c.now);
	if (check_new(r, &a, (int)strtol(c.now, NULL, 10), err) < 0)
		return -1;
	if (store_run(st, 1, remote_tx_create, &c, err) < 0)
		return -1;
	if (id)
		*id = c.id;
	return 0;
}

/* Moving a request along ---------------------------------------------------------------- */

struct move_ctx {
	const struct yc_user *u;
	int64_t id;
	int version;
	const struct remote_step *step;
	const char *text;          /* who, reason, tracking, note or where */
	int paper_by_mail;
	char now[20];
	int refused;               /* the result: the home department refused */
};

/* The case a request became follows the tracker where no department of
 * ours moves it: an outgoing one is decided at home (its result here is
 * the home department's), and a request delivered, either way, is done. */
static const char SQL_CASE_DECIDED_ELSEWHERE[] =
	"UPDATE cases SET status = CASE WHEN ?2 = 'refused' THEN 'not_approved' ELSE 'approved' END,"
	" version = version + 1"
	" WHERE id = (SELECT case_id FROM remote_requests WHERE id = ?1) AND status IN ('accepted', 'in_department')";
static const char SQL_CASE_DELIVERED[] =
	"UPDATE cases SET status = 'collected', closed_at = ?2, version = version + 1"
	" WHERE id = (SELECT case_id FROM remote_requests WHERE id = ?1)"
	" AND status NOT IN ('collected', 'withdrawn', 'not_accepted')";

static int remote_tx_case_follows(struct yc_store *st, const struct yc_remote_row *r, enum yc_remote_move move,
				  const char *now, int refused)
{
	int outgoing = strcmp(r->direction, "incoming") != 0;

	if (!r->case_number[0])
		return SQLITE_OK;
	if (move == REMOTE_RESULT && outgoing)
		return store_exec_id_text(st, SQL_CASE_DECIDED_ELSEWHERE, r->id, refused ? "refused" : "granted");
	if (move == REMOTE_DELIVER)
		return store_exec_id_text(st, SQL_CASE_DELIVERED, r->id, now);
	return SQLITE_OK;
}

/* An incoming request's result goes back from confirmed: it was never
 * forwarded (the store_remote_may_now check comes first). */
static const char SQL_RESULT_INCOMING[] =
	"UPDATE remote_requests SET status = 'result_received', result_note = ?3, result_at = ?4,"
	" version = version + 1 WHERE id = ?1 AND version = ?2 AND status = 'confirmed' AND direction = 'incoming'";

static int remote_tx_move(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct move_ctx *c = vctx;
	const struct remote_step *m = c->step;
	struct store_param one[] = { STORE_PARAM_INT(c->id) };
	struct yc_remote_row row;
	const char *value = c->text, *status = row.status;
	char event[96];
	db_stmt *s;
	int rc, n = 0;

	if ((rc = store_list_page_tx(st, &remote_one, one, NULL, 1, &row, 1, &n)) != SQLITE_OK)
		return rc;
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("That cross-region request is not in the database."));
		return -1;
	}
	if (row.version != c->version) {
		yc_err_set(err, YC_ECONFLICT,
			   _("Another window changed this request meanwhile (now: %s); look at it again."),
			   store_remote_status_label(row.status));
		return -1;
	}
	if (store_remote_may_now(&row, m->move, err) < 0)
		return -1;
	s = store_prep(st, m->move == REMOTE_RESULT && strcmp(row.direction, "incoming") == 0 ? SQL_RESULT_INCOMING
											      : m->sql);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_text(s, 3, c->text);
	db_bind_text(s, 4, c->now);
	if (db_bind_count(s) >= 5)
		db_bind_int(s, 5, c->paper_by_mail);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("Another window changed this request meanwhile; look at it again."));
		return -1;
	}
	if ((rc = remote_tx_case_follows(st, &row, m->move, c->now, c->refused)) != SQLITE_OK)
		return rc;
	if (m->move == REMOTE_FORWARD) {   /* how it went, for the log */
		if (c->paper_by_mail)
			snprintf(event, sizeof event, "mail %s", c->text);
		else
			snprintf(event, sizeof event, "electronic");
		value = event;
	}
	return store_event(st, c->u->id, "remote", c->id, m->action, status, value);
}

static int run_move(struct yc_store *st, struct move_ctx *c, enum yc_remote_move m, struct yc_err *err)
{
	c->step = step_of(m);
	yc_now(c->now);
	return store_run(st, 1, remote_tx_move, c, err);
}

int store_remote_confirm(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 const char *who, struct yc_err *err)
{
	struct move_ctx c = { u, id, version, NULL, who, 0, "", 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0 ||
	    check_text(who, WHO_MAX, 64, _("Confirmed by"), _("Please type who at the home department confirmed it."), err) < 0)
		return -1;
	return run_move(st, &c, REMOTE_CONFIRM, err);
}

int store_remote_refuse(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *reason, struct yc_err *err)
{
	struct move_ctx c = { u, id, version, NULL, reason, 0, "", 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0 ||
	    check_text(reason, NOTE_MAX, 512, _("Reason"), _("Please give the reason the home department refused."), err) < 0)
		return -1;
	return run_move(st, &c, REMOTE_REFUSE, err);
}

int store_remote_forward(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int paper_by_mail, const char *tracking, struct yc_err *err)
{
	struct move_ctx c = { u, id, version, NULL, "", paper_by_mail != 0, "", 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (c.paper_by_mail) {
		if (check_tracking(tracking, err) < 0)
			return -1;
		c.text = tracking;
	}
	return run_move(st, &c, REMOTE_FORWARD, err);
}

static int remote_result(struct yc_store *st, const struct yc_user *u, int64_t id, int version, const char *note,
			 int refused, struct yc_err *err)
{
	struct move_ctx c = { u, id, version, NULL, note, 0, "", refused };

	if (auth_require(u, PERM_SPECIAL, err) < 0 ||
	    check_text(note, NOTE_MAX, 512, _("Result"), _("Please note what came back (the outcome, a document number)."), err) < 0)
		return -1;
	return run_move(st, &c, REMOTE_RESULT, err);
}

int store_remote_result(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *note, struct yc_err *err)
{
	return remote_result(st, u, id, version, note, 0, err);
}

int store_remote_result_refused(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
				const char *note, struct yc_err *err)
{
	return remote_result(st, u, id, version, note, 1, err);
}

int store_remote_deliver(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 const char *collect_at, struct yc_err *err)
{
	struct move_ctx c = { u, id, version, NULL, collect_at, 0, "", 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!collect_at || !find(places, YC_ARRAY_LEN(places), collect_at)) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Say where the applicant collects the result: here, or at the home department."));
		return -1;
	}
	return run_move(st, &c, REMOTE_DELIVER, err);
}
