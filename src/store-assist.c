/* store-assist.c - help-you-do (帮您办): key projects carried through by an
 * agent of the hall (see store-assist.h for the states). Each change is one
 * short transaction: the role, the version the station read, the state,
 * the change and its event (entity "assist"). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "calendar.h"
#include "store-assist.h"
#include "store-select.h"
#include "states.h"
#include "store-users.h"
#include "validate.h"

/* States (their bits: states.h) ------------------------------------------------ */

static const struct {
	int bit;
	const char *label;
} state_labels[] = {
	{ ASSIST_OPEN, N_("not started") },
	{ ASSIST_IN_PROGRESS, N_("in progress") },
	{ ASSIST_DELIVERED, N_("delivered") },
	{ ASSIST_ARCHIVED, N_("archived") },
	{ ASSIST_TERMINATED, N_("terminated") },
};

const char *assist_status_label(const char *status)
{
	int bit = assist_state_of(status);
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(state_labels); i++)
		if (state_labels[i].bit == bit)
			return _(state_labels[i].label);
	return status;
}

/* What people type ---------------------------------------------------------------- */

/* Nothing but spaces (ASCII or the ideographic space U+3000). */
static int assist_tx_blank(const char *s)
{
	if (!s)
		return 1;
	while (*s) {
		if (*s == ' ' || *s == '\t')
			s++;
		else if (strncmp(s, "\xe3\x80\x80", 3) == 0)
			s += 3;
		else
			return 0;
	}
	return 1;
}

/* Given, and short enough to come back whole into a field of size bytes. */
static int text_ok(const char *s, size_t size, const char *empty_message, struct yc_err *err)
{
	if (assist_tx_blank(s)) {
		yc_err_set(err, YC_EINVAL, "%s", empty_message);
		return 0;
	}
	if (strlen(s) >= size) {
		yc_err_set(err, YC_EINVAL, _("The text is too long: at most %d bytes (a Chinese character takes 3)."),
			   (int)size - 1);
		return 0;
	}
	return 1;
}

/* The transactions' shared part --------------------------------------------------- */

struct assist_ctx {
	const struct yc_user *u;
	int64_t id;
	int version;                  /* as the station read it */
	const char *text;             /* agent login, item code, log kind, reason, note */
	const char *text2;            /* target date, log text, site code */
	int a, b;                     /* the letters; materials returned and score */
	int64_t plan_id;
	const struct yc_assist_new *nw;
	char now[20];
	char number[40];
};

struct assist_state {
	char status[16];
	int version;
	int64_t agent_id;
	char agent_login[32];
	int authorisation, commitment, has_feedback;
	int plan_total, plan_open;
};

/* How many items request r's plan has, and how many of them are open. */
#define PLAN_TOTAL "(SELECT count(*) FROM assist_plan p WHERE p.request_id = r.id)"
#define PLAN_OPEN "(SELECT count(*) FROM assist_plan p WHERE p.request_id = r.id AND p.done_at IS NULL)"

/* Its columns, declared once: SQL_STATE selects them in this order. */
static const struct store_col state_cols[] = {
	STORE_COL_TEXT(struct assist_state, status, "r.status"),
	STORE_COL_INT(struct assist_state, version, "r.version"),
	STORE_COL_INT64(struct assist_state, agent_id, "coalesce(r.agent_id, 0)"),
	STORE_COL_TEXT(struct assist_state, agent_login, "coalesce(u.login, '')"),
	STORE_COL_INT(struct assist_state, authorisation, "r.authorisation_signed"),
	STORE_COL_INT(struct assist_state, commitment, "r.commitment_signed"),
	STORE_COL_INT(struct assist_state, has_feedback, "r.feedback <> ''"),
	STORE_COL_INT(struct assist_state, plan_total, PLAN_TOTAL),
	STORE_COL_INT(struct assist_state, plan_open, PLAN_OPEN),
};
static const char SQL_STATE[] =
	"SELECT r.status, r.version, coalesce(r.agent_id, 0), coalesce(u.login, ''), r.authorisation_signed,"
	" r.commitment_signed, r.feedback <> '', " PLAN_TOTAL ", " PLAN_OPEN
	" FROM assist_requests r LEFT JOIN users u ON u.id = r.agent_id WHERE r.id = ?1";

/* Inside the transaction: the request's state, refused (YC_ECONFLICT) when
 * another station changed it since the caller read version (not checked
 * when c->version < 0), and (YC_EINVAL) when its status is not among
 * allowed: why says what to do instead, NULL for the general message. */
static int load_state(struct yc_store *st, const struct assist_ctx *c, int allowed, const char *why,
		      struct assist_state *s, struct yc_err *err)
{
	db_stmt *q = store_prep(st, SQL_STATE);
	int rc, bit;

	memset(s, 0, sizeof *s);
	if (!q)
		return st->rc;
	db_bind_int64(q, 1, c->id);
	if ((rc = db_step(q)) == DB_ROW)
		store_map_row(q, state_cols, (int)YC_ARRAY_LEN(state_cols), s);
	db_reset(q);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("That help-you-do request is not in the database."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	if (c->version >= 0 && s->version != c->version) {
		yc_err_set(err, YC_ECONFLICT,
			   _("Another station changed this request meanwhile (now %s); look at it again."),
			   assist_status_label(s->status));
		return -1;
	}
	bit = assist_state_of(s->status);
	if (bit & allowed)
		return SQLITE_OK;
	if (bit & (ASSIST_ARCHIVED | ASSIST_TERMINATED))
		yc_err_set(err, YC_EINVAL, _("This request is %s; nothing more can be done on it."),
			   assist_status_label(s->status));
	else if (why)
		yc_err_set(err, YC_EINVAL, "%s", why);
	else
		yc_err_set(err, YC_EINVAL, _("Not possible now: the request is %s."), assist_status_label(s->status));
	return -1;
}

/* After an UPDATE ... WHERE id = ?1 AND version = ?2: exactly one row. */
static int changed_one(struct yc_store *st, int rc, struct yc_err *err)
{
	if (rc != SQLITE_OK)
		return rc;
	if (store_changes(st) != 1) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("Another station changed this request meanwhile; look at it again."));
		return -1;
	}
	return SQLITE_OK;
}

static const char SQL_BUMP[] = "UPDATE assist_requests SET version = version + 1 WHERE id = ?1 AND version = ?2";

static int bump(struct yc_store *st, int64_t id, int version, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_BUMP);

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	db_bind_int(s, 2, version);
	return changed_one(st, store_step_done(s), err);
}

static int run_change(struct yc_store *st, const struct yc_user *u, store_body body, struct assist_ctx *c,
		      struct yc_err *err)
{
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	c->u = u;
	yc_now(c->now);
	return store_run(st, 1, body, c, err);
}

/* A new request ------------------------------------------------------------------- */

static const char SQL_CREATE[] =
	"INSERT INTO assist_requests(project_name, company, contact, phone, qualifies, created_by, created_at, site_id)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, " STORE_SITE_ID_OR_HALL("?8") ")";

static int assist_tx_create(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CREATE);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->nw->project_name);
	db_bind_text(s, 2, c->nw->company);
	db_bind_text(s, 3, c->nw->contact);
	db_bind_text(s, 4, c->nw->phone);
	db_bind_text(s, 5, c->nw->qualifies);
	db_bind_int64(s, 6, c->u->id);
	db_bind_text(s, 7, c->now);
	db_bind_text(s, 8, c->nw->site_code);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->id = store_last_id(st);
	return store_event(st, c->u->id, "assist", c->id, "create", NULL, c->nw->project_name);
}

int store_assist_create(struct yc_store *st, const struct yc_user *u, const struct yc_assist_new *a,
			int64_t *id, struct yc_err *err)
{
	struct assist_ctx c;
	struct yc_assist_row r;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!text_ok(a->project_name, sizeof r.project_name, _("Please type the project's name."), err) ||
	    !text_ok(a->company, sizeof r.company, _("Please type the company's name."), err) ||
	    !text_ok(a->contact, sizeof r.contact, _("Please type the contact person's name."), err) ||
	    !text_ok(a->qualifies, sizeof((struct yc_assist *)0)->qualifies,
		     _("Please say why it is a key project."), err))
		return -1;
	if (!a->phone || !yc_phone_valid(a->phone) || strlen(a->phone) >= sizeof r.phone) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("The phone number is not valid: 11 digits for a mobile, or a landline with its area code."));
		return -1;
	}
	c.nw = a;
	if (run_change(st, u, assist_tx_create, &c, err) < 0)
		return -1;
	if (id)
		*id = c.id;
	return 0;
}

/* The agent ---------------------------------------------------------------------- */

static const char SQL_USER[] = "SELECT id, role, active, full_name FROM users WHERE login = ?1";
static const char SQL_ASSIGN[] =
	"UPDATE assist_requests SET agent_id = ?3, version = version + 1 WHERE id = ?1 AND version = ?2";

static int assist_tx_assign(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char role[16] = "", name[64] = "";
	int64_t agent = 0;
	int active = 0, rc;
	db_stmt *s;

	if ((rc = load_state(st, c, ASSIST_OPEN | ASSIST_IN_PROGRESS, NULL, &state, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_USER)))
		return st->rc;
	db_bind_text(s, 1, c->text);
	if ((rc = db_step(s)) == DB_ROW) {
		agent = db_col_int64(s, 0);
		store_col_text(s, 1, role, sizeof role);
		active = db_col_int(s, 2);
		store_col_text(s, 3, name, sizeof name);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!agent) {
		yc_err_set(err, YC_EINVAL, _("There is no user with the login %s."), c->text);
		return -1;
	}
	if (!active) {
		yc_err_set(err, YC_EINVAL, _("The account of %s is switched off."), name);
		return -1;
	}
	if (!auth_role_allows(role, PERM_SPECIAL)) {
		yc_err_set(err, YC_EINVAL, _("%s (%s) cannot be the agent: only staff of the special windows can."), name,
			   auth_role_label(role));
		return -1;
	}
	if (agent == state.agent_id)
		return SQLITE_OK;   /* already so: nothing changes */
	if (!(s = store_prep(st, SQL_ASSIGN)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_int64(s, 3, agent);
	if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "assist", c->id, "assign", state.agent_login[0] ? state.agent_login : NULL,
			   c->text);
}

int store_assist_assign(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *agent_login, struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (assist_tx_blank(agent_login)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the agent's login."));
		return -1;
	}
	c.id = id;
	c.version = version;
	c.text = agent_login;
	return run_change(st, u, assist_tx_assign, &c, err);
}

/* The letters ------------------------------------------------------------------- */

static const char SQL_LETTERS[] =
	"UPDATE assist_requests SET authorisation_signed = ?3, commitment_signed = ?4, version = version + 1"
	" WHERE id = ?1 AND version = ?2";

static int assist_tx_letters(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char before[64], after[64];
	db_stmt *s;
	int rc;

	if ((rc = load_state(st, c, ASSIST_OPEN, _("The letters are settled once the work has started."), &state, err)) !=
	    SQLITE_OK)
		return rc;
	if (state.authorisation == c->a && state.commitment == c->b)
		return SQLITE_OK;   /* already so */
	if (!(s = store_prep(st, SQL_LETTERS)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_int(s, 3, c->a);
	db_bind_int(s, 4, c->b);
	if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
		return rc;
	snprintf(before, sizeof before, "authorisation=%d commitment=%d", state.authorisation, state.commitment);
	snprintf(after, sizeof after, "authorisation=%d commitment=%d", c->a, c->b);
	return store_event(st, c->u->id, "assist", c->id, "letters", before, after);
}

int store_assist_letters(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int authorisation_signed, int commitment_signed, struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.version = version;
	c.a = authorisation_signed != 0;
	c.b = commitment_signed != 0;
	return run_change(st, u, assist_tx_letters, &c, err);
}

/* The plan ---------------------------------------------------------------------- */

static const char SQL_ITEM_BY_CODE[] = "SELECT id FROM service_items WHERE code = ?1 AND active = 1";
static const char SQL_PLAN_INSERT[] =
	"INSERT INTO assist_plan(request_id, seq, item_id, target_date)"
	" VALUES (?1, (SELECT coalesce(max(seq), 0) + 1 FROM assist_plan WHERE request_id = ?1), ?2, ?3)";

static int assist_tx_plan_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char value[80];
	int64_t item = 0;
	db_stmt *s;
	int rc;

	if ((rc = load_state(st, c, ASSIST_OPEN | ASSIST_IN_PROGRESS, NULL, &state, err)) != SQLITE_OK)
		return rc;
	if (state.plan_total >= ASSIST_MAX_PLAN) {
		yc_err_set(err, YC_EINVAL, _("A plan has at most %d items."), ASSIST_MAX_PLAN);
		return -1;
	}
	if (!(s = store_prep(st, SQL_ITEM_BY_CODE)))
		return st->rc;
	db_bind_text(s, 1, c->text);
	if ((rc = db_step(s)) == DB_ROW)
		item = db_col_int64(s, 0);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!item) {
		yc_err_set(err, YC_EINVAL, _("There is no service item with the code %s."), c->text);
		return -1;
	}
	if (!(s = store_prep(st, SQL_PLAN_INSERT)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int64(s, 2, item);
	db_bind_text(s, 3, c->text2);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = bump(st, c->id, c->version, err)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%.30s by %s", c->text, c->text2);
	return store_event(st, c->u->id, "assist", c->id, "plan_add", NULL, value);
}

int store_assist_plan_add(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			  const char *item_code, const char *target_date, struct yc_err *err)
{
	struct assist_ctx c;
	char date[11];
	yc_date day;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (assist_tx_blank(item_code)) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the service item's code."));
		return -1;
	}
	if (!target_date || date_parse(target_date, &day) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date: type the target date as YYYY-MM-DD, e.g. 2026-03-31."),
			   target_date ? target_date : "");
		return -1;
	}
	date_format(day, date);
	c.id = id;
	c.version = version;
	c.text = item_code;
	c.text2 = date;
	return run_change(st, u, assist_tx_plan_add, &c, err);
}

static const char SQL_PLAN_ONE[] =
	"SELECT p.seq, i.code, coalesce(p.done_at, '') FROM assist_plan p JOIN service_items i ON i.id = p.item_id"
	" WHERE p.id = ?2 AND p.request_id = ?1";
static const char SQL_PLAN_DONE[] =
	"UPDATE assist_plan SET done_at = ?3 WHERE id = ?2 AND request_id = ?1 AND done_at IS NULL";

static int plan_done(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char code[24] = "", done[20] = "", value[48];
	int seq = 0, rc;
	db_stmt *s;

	if ((rc = load_state(st, c, ASSIST_IN_PROGRESS,
			     _("Start the work first (F8); then plan items can be marked done."), &state,
			     err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_PLAN_ONE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int64(s, 2, c->plan_id);
	if ((rc = db_step(s)) == DB_ROW) {
		seq = db_col_int(s, 0);
		store_col_text(s, 1, code, sizeof code);
		store_col_text(s, 2, done, sizeof done);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!seq) {
		yc_err_set(err, YC_EINVAL, "%s", _("That plan item is not part of this request."));
		return -1;
	}
	if (done[0]) {
		yc_err_set(err, YC_EINVAL, _("Plan item %d was done already on %.10s."), seq, done);
		return -1;
	}
	if (!(s = store_prep(st, SQL_PLAN_DONE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int64(s, 2, c->plan_id);
	db_bind_text(s, 3, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = bump(st, c->id, c->version, err)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%d %s", seq, code);
	return store_event(st, c->u->id, "assist", c->id, "plan_done", NULL, value);
}

int store_assist_plan_done(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			   int64_t plan_id, struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.version = version;
	c.plan_id = plan_id;
	return run_change(st, u, plan_done, &c, err);
}

/* The log ------------------------------------------------------------------------ */

static const char SQL_LOG_INSERT[] =
	"INSERT INTO assist_log(request_id, at, by_user, kind, text) VALUES (?1, ?2, ?3, ?4, ?5)";
static const char SQL_FEEDBACK[] =
	"UPDATE assist_requests SET feedback = ?3, version = version + 1 WHERE id = ?1 AND version = ?2";

static int log_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char value[1100];
	db_stmt *s;
	int rc;

	if ((rc = load_state(st, c, ASSIST_OPEN | ASSIST_IN_PROGRESS | ASSIST_DELIVERED, NULL, &state, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_LOG_INSERT)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->now);
	db_bind_int64(s, 3, c->u->id);
	db_bind_text(s, 4, c->text);
	db_bind_text(s, 5, c->text2);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (strcmp(c->text, "feedback") == 0) {
		/* delivery depends on it: the request changes */
		if (!(s = store_prep(st, SQL_FEEDBACK)))
			return st->rc;
		db_bind_int64(s, 1, c->id);
		db_bind_int(s, 2, state.version);
		db_bind_text(s, 3, c->text2);
		if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
			return rc;
	}
	snprintf(value, sizeof value, "%s: %s", c->text, c->text2);
	return store_event(st, c->u->id, "assist", c->id, "log", NULL, value);
}

int store_assist_log_add(struct yc_store *st, const struct yc_user *u, int64_t id, const char *kind,
			 const char *text, struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!kind || (strcmp(kind, "progress") != 0 && strcmp(kind, "coordination") != 0 &&
		      strcmp(kind, "feedback") != 0)) {
		yc_err_set(err, YC_EINVAL, "%s", _("A log entry is progress, coordination or feedback."));
		return -1;
	}
	if (!text_ok(text, sizeof((struct yc_assist_log_entry *)0)->text, _("Please type what happened."), err))
		return -1;
	c.id = id;
	c.version = -1;   /* entries are appended: no conflict */
	c.text = kind;
	c.text2 = text;
	return run_change(st, u, log_add, &c, err);
}

/* Moves ------------------------------------------------------------------------ */

static const char SQL_MOVE[] =
	"UPDATE assist_requests SET status = ?3, version = version + 1 WHERE id = ?1 AND version = ?2";

static int assist_tx_move(struct yc_store *st, struct assist_ctx *c, const char *from, const char *to, const char *action,
		struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_MOVE);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_text(s, 3, to);
	if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "assist", c->id, action, from, to);
}

static int assist_tx_start(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char missing[400] = "";
	int rc;

	if ((rc = load_state(st, c, ASSIST_OPEN, _("The work on this request has already started."), &state, err)) !=
	    SQLITE_OK)
		return rc;
	if (!state.agent_id)
		yc_join(missing, sizeof missing, _("; "), _("no agent (F3)"));
	if (!state.authorisation && !state.commitment)
		yc_join(missing, sizeof missing, _("; "), _("authorisation and commitment letters unsigned (F4)"));
	else if (!state.authorisation)
		yc_join(missing, sizeof missing, _("; "), _("authorisation letter unsigned (F4)"));
	else if (!state.commitment)
		yc_join(missing, sizeof missing, _("; "), _("commitment letter unsigned (F4)"));
	if (missing[0]) {
		yc_err_set(err, YC_EINVAL, _("Cannot start: %s."), missing);
		return -1;
	}
	return assist_tx_move(st, c, "open", "in_progress", "start", err);
}

int store_assist_start(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
		       struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.version = version;
	return run_change(st, u, assist_tx_start, &c, err);
}

static int assist_tx_deliver(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char missing[400] = "", part[120];
	int rc;

	if ((rc = load_state(st, c, ASSIST_IN_PROGRESS, _("Only a request in progress is delivered: start it first (F8)."),
			     &state, err)) != SQLITE_OK)
		return rc;
	if (state.plan_total == 0)
		yc_join(missing, sizeof missing, _("; "), _("the plan is empty (F5)"));
	if (state.plan_open > 0) {
		snprintf(part, sizeof part, _("plan items open: %d (F6)"), state.plan_open);
		yc_join(missing, sizeof missing, _("; "), part);
	}
	if (!state.has_feedback)
		yc_join(missing, sizeof missing, _("; "), _("no feedback yet (F7)"));
	if (missing[0]) {
		yc_err_set(err, YC_EINVAL, _("Cannot deliver: %s."), missing);
		return -1;
	}
	return assist_tx_move(st, c, "in_progress", "delivered", "deliver", err);
}

int store_assist_deliver(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	c.id = id;
	c.version = version;
	return run_change(st, u, assist_tx_deliver, &c, err);
}

/* The end ---------------------------------------------------------------------- */

static const char SQL_ARCHIVE[] =
	"UPDATE assist_requests SET status = 'archived', materials_returned = 1, evaluation_score = ?3,"
	" evaluation_note = ?4, closed_at = ?5, version = version + 1 WHERE id = ?1 AND version = ?2";

static int assist_tx_archive(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char value[600];
	db_stmt *s;
	int rc;

	if ((rc = load_state(st, c, ASSIST_DELIVERED, _("Only a delivered request is archived: deliver it first (F8)."),
			     &state, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_ARCHIVE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_int(s, 3, c->b);
	db_bind_text(s, 4, c->text);
	db_bind_text(s, 5, c->now);
	if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "materials returned, evaluation %d%s%s", c->b, c->text[0] ? ": " : "", c->text);
	return store_event(st, c->u->id, "assist", c->id, "archive", "delivered", value);
}

int store_assist_archive(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int materials_returned, int score, const char *note, struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!materials_returned) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Return the materials to the applicant before archiving."));
		return -1;
	}
	if (score < 1 || score > 5) {
		yc_err_set(err, YC_EINVAL, "%s", _("The evaluation is a score from 1 (very dissatisfied) to 5 (very satisfied)."));
		return -1;
	}
	if (!note)
		note = "";
	if (strlen(note) >= sizeof((struct yc_assist *)0)->evaluation_note) {
		yc_err_set(err, YC_EINVAL, _("The text is too long: at most %d bytes (a Chinese character takes 3)."),
			   (int)sizeof((struct yc_assist *)0)->evaluation_note - 1);
		return -1;
	}
	c.id = id;
	c.version = version;
	c.a = 1;
	c.b = score;
	c.text = note;
	return run_change(st, u, assist_tx_archive, &c, err);
}

static const char SQL_LAST_TERMINATION[] =
	"SELECT termination_number FROM assist_requests WHERE termination_number > ?1"
	" AND termination_number < ?1 || ':' ORDER BY termination_number DESC LIMIT 1";
static const char SQL_TERMINATE[] =
	"UPDATE assist_requests SET status = 'terminated', termination_number = ?3, termination_reason = ?4,"
	" closed_at = ?5, version = version + 1 WHERE id = ?1 AND version = ?2";

static int assist_tx_terminate(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_ctx *c = vctx;
	struct assist_state state;
	char site[32], prefix[64], value[600];
	db_stmt *s;
	int rc;

	if ((rc = load_state(st, c, ASSIST_OPEN | ASSIST_IN_PROGRESS,
			     _("A delivered request is archived (F8), not terminated."),
			     &state, err)) != SQLITE_OK)
		return rc;
	store_site_letters(c->text2, site, sizeof site);
	snprintf(prefix, sizeof prefix, "%s-ZZ-%.4s-", site, c->now);
	if ((rc = store_next_number(st, SQL_LAST_TERMINATION, prefix, 6, c->number, sizeof c->number, err)) !=
	    SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_TERMINATE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, c->version);
	db_bind_text(s, 3, c->number);
	db_bind_text(s, 4, c->text);
	db_bind_text(s, 5, c->now);
	if ((rc = changed_one(st, store_step_done(s), err)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%s: %s", c->number, c->text);
	return store_event(st, c->u->id, "assist", c->id, "terminate", state.status, value);
}

int store_assist_terminate(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			   const char *site_code, const char *reason, char number[40], struct yc_err *err)
{
	struct assist_ctx c;

	memset(&c, 0, sizeof c);
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!text_ok(reason, sizeof((struct yc_assist *)0)->termination_reason,
		     _("Please give the reason for terminating (it is printed on the slip)."), err))
		return -1;
	if (assist_tx_blank(site_code)) {
		yc_err_set(err, YC_ECONFIG, "%s", _("This station has no site code (site.code); ask the administrator."));
		return -1;
	}
	c.id = id;
	c.version = version;
	c.text = reason;
	c.text2 = site_code;
	if (run_change(st, u, assist_tx_terminate, &c, err) < 0)
		return -1;
	yc_strlcpy(number, c.number, 40);
	return 0;
}

/* Reading ---------------------------------------------------------------------- */

/* A request's list columns, into a row of type (a struct yc_assist_row,
 * or one holding it as r: m is then "r.") */
#define ASSIST_ROW_COLS(type, m) \
	STORE_COL_INT64(type, m id, "r.id"), \
	STORE_COL_TEXT(type, m project_name, "r.project_name"), \
	STORE_COL_TEXT(type, m company, "r.company"), \
	STORE_COL_TEXT(type, m contact, "r.contact"), \
	STORE_COL_TEXT(type, m phone, "r.phone"), \
	STORE_COL_TEXT(type, m status, "r.status"), \
	STORE_COL_TEXT(type, m agent_login, "coalesce(u.login, '')"), \
	STORE_COL_TEXT(type, m agent, "coalesce(u.full_name, '')"), \
	STORE_COL_INT(type, m authorisation_signed, "r.authorisation_signed"), \
	STORE_COL_INT(type, m commitment_signed, "r.commitment_signed"), \
	STORE_COL_INT(type, m plan_total, "(SELECT count(*) FROM assist_plan p WHERE p.request_id = r.id)"), \
	STORE_COL_INT(type, m plan_done, \
		      "(SELECT count(*) FROM assist_plan p WHERE p.request_id = r.id AND p.done_at IS NOT NULL)"), \
	STORE_COL_INT(type, m has_feedback, "r.feedback <> ''"), \
	STORE_COL_TEXT(type, m created_at, "r.created_at"), \
	STORE_COL_TEXT(type, m termination_number, "coalesce(r.termination_number, '')"), \
	STORE_COL_INT(type, m version, "r.version"), \
	STORE_COL_INT(type, m state_order, \
		      "CASE r.status WHEN 'open' THEN 0 WHEN 'in_progress' THEN 1 WHEN 'delivered' THEN 2 ELSE 3 END"), \
	STORE_COL_INT64(type, m sort_id, "CASE WHEN r.status IN ('archived','terminated') THEN -r.id ELSE r.id END")
enum { ASSIST_COL_ID = 0, ASSIST_COL_STATE_ORDER = 16, ASSIST_COL_SORT_ID = 17 };

#define ASSIST_FROM \
	"FROM assist_requests r LEFT JOIN users u ON u.id = r.agent_id LEFT JOIN users c ON c.id = r.created_by"

static const struct store_col assist_cols[] = { ASSIST_ROW_COLS(struct yc_assist_row, ) };

/* still open first (open, in progress, delivered; oldest first), then the
 * archived and terminated ones, newest first; ?1 the window's site, or ''
 * for every site's */
#define ASSIST_OF_SITE STORE_OF_SITE("r.site_id", "?1")
static struct store_list assist_list = {
	STORE_ROWS(struct yc_assist_row, assist_cols),
	.from = ASSIST_FROM,
	.where = ASSIST_OF_SITE,
	.n_params = 1,
	.key = { { ASSIST_COL_STATE_ORDER, 0 }, { ASSIST_COL_SORT_ID, 0 } }, .n_key = 2,
};

/* A request whole: its list columns, then the rest. */
static const struct store_col assist_one_cols[] = {
	ASSIST_ROW_COLS(struct yc_assist, r.),
	STORE_COL_TEXT(struct yc_assist, qualifies, "r.qualifies"),
	STORE_COL_TEXT(struct yc_assist, feedback, "r.feedback"),
	STORE_COL_INT(struct yc_assist, materials_returned, "r.materials_returned"),
	STORE_COL_INT(struct yc_assist, evaluation_score, "coalesce(r.evaluation_score, 0)"),
	STORE_COL_TEXT(struct yc_assist, evaluation_note, "r.evaluation_note"),
	STORE_COL_TEXT(struct yc_assist, termination_reason, "r.termination_reason"),
	STORE_COL_TEXT(struct yc_assist, created_by, "coalesce(c.full_name, '')"),
	STORE_COL_TEXT(struct yc_assist, closed_at, "coalesce(r.closed_at, '')"),
};

/* ?1: the request's id */
static struct store_list assist_one = {
	STORE_ROWS(struct yc_assist, assist_one_cols),
	.from = ASSIST_FROM, .where = "r.id = ?1",
	.n_params = 1, .key = { { ASSIST_COL_ID, 0 } }, .n_key = 1,
};

/* A plan item's columns, declared once: SQL_PLAN selects them in this order. */
static const struct store_col plan_cols[] = {
	STORE_COL_INT64(struct yc_assist_plan_item, id, "p.id"),
	STORE_COL_INT(struct yc_assist_plan_item, seq, "p.seq"),
	STORE_COL_INT64(struct yc_assist_plan_item, item_id, "p.item_id"),
	STORE_COL_TEXT(struct yc_assist_plan_item, item_code, "i.code"),
	STORE_COL_TEXT(struct yc_assist_plan_item, item, "i.name"),
	STORE_COL_TEXT(struct yc_assist_plan_item, department, "coalesce(d.name, '')"),
	STORE_COL_TEXT(struct yc_assist_plan_item, target_date, "p.target_date"),
	STORE_COL_TEXT(struct yc_assist_plan_item, done_at, "coalesce(p.done_at, '')"),
};
static const char SQL_PLAN[] =
	"SELECT p.id, p.seq, p.item_id, i.code, i.name, coalesce(d.name, ''), p.target_date, coalesce(p.done_at, '')"
	" FROM assist_plan p JOIN service_items i ON i.id = p.item_id LEFT JOIN departments d ON d.id = i.department_id"
	" WHERE p.request_id = ?1 ORDER BY p.seq LIMIT ?2";
static const char SQL_LOG_COUNT[] = "SELECT count(*) FROM assist_log WHERE request_id = ?1";
/* A log entry's columns, declared once: SQL_LOG selects them in this order. */
static const struct store_col log_cols[] = {
	STORE_COL_TEXT(struct yc_assist_log_entry, at, "at"),
	STORE_COL_TEXT(struct yc_assist_log_entry, by, "who"),
	STORE_COL_TEXT(struct yc_assist_log_entry, kind, "kind"),
	STORE_COL_TEXT(struct yc_assist_log_entry, text, "text"),
};
static const char SQL_LOG[] =
	"SELECT at, who, kind, text FROM (SELECT l.id, l.at, coalesce(u.full_name, '') AS who, l.kind, l.text"
	" FROM assist_log l LEFT JOIN users u ON u.id = l.by_user WHERE l.request_id = ?1"
	" ORDER BY l.id DESC LIMIT ?2) AS newest ORDER BY id";

int store_assist_page(struct yc_store *st, const char *site_code, const struct yc_assist_row *anchor, int forward,
		      struct yc_assist_row *rows, int max, int *n, struct yc_err *err)
{
	return store_site_list_page(st, &assist_list, site_code, anchor, forward, rows, max, n, err);
}

/* ?2 the status */
static const char SQL_STATUS_COUNT[] =
	"SELECT count(*) FROM assist_requests r WHERE r.status = ?2 AND " ASSIST_OF_SITE;

struct assist_count_ctx {
	const char *site_code;
	struct yc_assist_count *c;
};

static int assist_tx_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct assist_count_ctx *x = vctx;
	struct yc_assist_count *c = x->c;
	struct store_param site[] = { STORE_PARAM_TEXT(x->site_code) },
			   open[] = { STORE_PARAM_TEXT(x->site_code), STORE_PARAM_TEXT("open") },
			   going[] = { STORE_PARAM_TEXT(x->site_code), STORE_PARAM_TEXT("in_progress") },
			   delivered[] = { STORE_PARAM_TEXT(x->site_code), STORE_PARAM_TEXT("delivered") };
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, &assist_list, site, &c->all)) != SQLITE_OK ||
	    (rc = store_count_tx(st, SQL_STATUS_COUNT, open, 2, &c->open)) != SQLITE_OK ||
	    (rc = store_count_tx(st, SQL_STATUS_COUNT, going, 2, &c->in_progress)) != SQLITE_OK)
		return rc;
	return store_count_tx(st, SQL_STATUS_COUNT, delivered, 2, &c->delivered);
}

int store_assist_count(struct yc_store *st, const char *site_code, struct yc_assist_count *c, struct yc_err *err)
{
	struct assist_count_ctx x = { site_code, c };

	memset(c, 0, sizeof *c);
	if (store_run(st, 0, assist_tx_count, &x, err) < 0) {
		memset(c, 0, sizeof *c);
		return -1;
	}
	return 0;
}

struct get_ctx {
	int64_t id;
	struct yc_assist *a;
};

static int get_plan(struct yc_store *st, struct get_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_PLAN);
	struct yc_assist *a = c->a;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, ASSIST_MAX_PLAN);
	while ((rc = db_step(s)) == DB_ROW && a->n_plan < ASSIST_MAX_PLAN)
		store_map_row(s, plan_cols, (int)YC_ARRAY_LEN(plan_cols), &a->plan[a->n_plan++]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int get_log(struct yc_store *st, struct get_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_LOG_COUNT);
	struct yc_assist *a = c->a;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW)
		a->log_total = db_col_int(s, 0);
	db_reset(s);
	if (rc != DB_ROW)
		return rc;
	if (!(s = store_prep(st, SQL_LOG)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_int(s, 2, ASSIST_MAX_LOG);
	while ((rc = db_step(s)) == DB_ROW && a->n_log < ASSIST_MAX_LOG)
		store_map_row(s, log_cols, (int)YC_ARRAY_LEN(log_cols), &a->log[a->n_log++]);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int assist_tx_get(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct get_ctx *c = vctx;
	struct store_param p[] = { STORE_PARAM_INT(c->id) };
	int rc, n;

	/* from scratch (the page clears its row): the body may run again */
	if ((rc = store_list_page_tx(st, &assist_one, p, NULL, 1, c->a, 1, &n)) != SQLITE_OK)
		return rc;
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("That help-you-do request is not in the database."));
		return -1;
	}
	if ((rc = get_plan(st, c)) != SQLITE_OK)
		return rc;
	return get_log(st, c);
}

int store_assist_get(struct yc_store *st, int64_t id, struct yc_assist *a, struct yc_err *err)
{
	struct get_ctx c = { id, a };

	return store_run(st, 0, assist_tx_get, &c, err);
}
