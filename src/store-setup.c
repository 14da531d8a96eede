/* store-setup.c - the hall's set-up: users, windows, sites, departments,
 * the contract and the calendar's years (store-setup.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-select.h"
#include "store-setup.h"
#include "store-users.h"

/* Lists ------------------------------------------------------------------------ */

#define WALK_PAGE 64

/* Every row of a list, a page at a time inside one read: start() then
 * each() for every row, in order; a busy database reads again from
 * start(). each() returns SQLITE_OK or an error that stops the walk. */
struct walk_ctx {
	struct store_list *l;
	const struct store_param *params;
	void (*start)(void *ctx);
	int (*each)(void *ctx, const void *row);
	void *ctx;
};

static int walk_pages(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct walk_ctx *w = vctx;
	size_t size = w->l->row_size;
	char *rows = malloc((WALK_PAGE + 1) * size), *anchor = NULL;
	int n = 0, i, rc;

	(void)err;
	if (!rows)
		return SQLITE_NOMEM;
	w->start(w->ctx);
	do {
		rc = store_list_page_tx(st, w->l, w->params, anchor, 1, rows, WALK_PAGE, &n);
		for (i = 0; rc == SQLITE_OK && i < n; i++)
			rc = w->each(w->ctx, rows + (size_t)i * size);
		if (n > 0) {   /* the last row anchors the next page, kept past the page's rows */
			anchor = rows + (size_t)WALK_PAGE * size;
			memcpy(anchor, rows + (size_t)(n - 1) * size, size);
		}
	} while (rc == SQLITE_OK && n == WALK_PAGE);
	free(rows);
	return rc;
}

/* The rows gathered whole, grown as needed (no row cap). */
struct gather {
	size_t row_size;
	char *rows;
	size_t n, cap;
};

static void gather_start(void *vctx)
{
	((struct gather *)vctx)->n = 0;
}

static int gather_row(void *vctx, const void *row)
{
	struct gather *g = vctx;

	if (yc_grow(&g->rows, &g->cap, g->n, g->row_size) < 0)
		return SQLITE_NOMEM;
	memcpy(g->rows + g->n++ * g->row_size, row, g->row_size);
	return SQLITE_OK;
}

static int list_all(struct yc_store *st, struct store_list *l, void **rows, int *n, struct yc_err *err)
{
	struct gather g = { l->row_size, NULL, 0, 0 };
	struct walk_ctx w = { l, NULL, gather_start, gather_row, &g };

	*rows = NULL;
	*n = 0;
	if (store_run(st, 0, walk_pages, &w, err) < 0) {
		free(g.rows);
		return -1;
	}
	*rows = g.rows;
	*n = (int)g.n;
	return 0;
}

/* A list's rows counted, and those marked_sql counts (one number). */
struct count_ctx {
	struct store_list *l;
	const char *marked_sql;
	long all, marked;
};

static int setup_tx_count_rows(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct count_ctx *c = vctx;
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, c->l, NULL, &c->all)) != SQLITE_OK || !c->marked_sql)
		return rc;
	return store_count_tx(st, c->marked_sql, NULL, 0, &c->marked);
}

static int count_list(struct yc_store *st, struct store_list *l, const char *marked_sql, long *all, long *marked,
		      struct yc_err *err)
{
	struct count_ctx c = { l, marked_sql, 0, 0 };

	*all = 0;
	if (marked)
		*marked = 0;
	if (store_run(st, 0, setup_tx_count_rows, &c, err) < 0)
		return -1;
	*all = c.all;
	if (marked)
		*marked = c.marked;
	return 0;
}

int store_may_administer(struct yc_store *st, int64_t by, struct yc_err *err)
{
	return by > 0 ? store_user_may(st, by, PERM_ADMIN, NULL, err) : SQLITE_OK;
}

/* A change the hall's rules do not allow: the reason, and -1. */
#define refuse(err, ...) (yc_err_set((err), YC_EINVAL, __VA_ARGS__), -1)

/* The id sql (?1 = a text, unless NULL) finds, 0 when none. */
static int id_of(struct yc_store *st, const char *sql, const char *text, int64_t *id)
{
	db_stmt *s = store_prep(st, sql);
	int rc;

	*id = 0;
	if (!s)
		return st->rc;
	if (text)
		db_bind_text(s, 1, text);
	rc = db_step(s);
	if (rc == DB_ROW)
		*id = db_col_int64(s, 0);
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static const char SQL_SITE_ID[] = "SELECT id FROM sites WHERE code = ?1";
static const char SQL_DEPARTMENT_ID[] = "SELECT id FROM departments WHERE code = ?1";
static const char SQL_USER_ID[] = "SELECT id FROM users WHERE login = ?1";

/* Users ------------------------------------------------------------------------ */

static const struct store_col user_cols[] = {
	STORE_COL_INT64(struct yc_user_row, id, "u.id"),
	STORE_COL_TEXT(struct yc_user_row, login, "u.login"),
	STORE_COL_TEXT(struct yc_user_row, full_name, "u.full_name"),
	STORE_COL_TEXT(struct yc_user_row, role, "u.role"),
	STORE_COL_TEXT(struct yc_user_row, department_code, "coalesce(d.code, '')"),
	STORE_COL_TEXT(struct yc_user_row, department, "coalesce(d.name, '')"),
	STORE_COL_TEXT(struct yc_user_row, site_code, "coalesce(s.code, '')"),
	STORE_COL_TEXT(struct yc_user_row, window, "coalesce(w.name, '')"),
	STORE_COL_INT(struct yc_user_row, active, "u.active"),
	STORE_COL_INT(struct yc_user_row, must_change_password, "u.must_change_password"),
	STORE_COL_TEXT(struct yc_user_row, locked_until, "coalesce(u.locked_until, '')"),
};
enum { USER_COL_LOGIN = 1, USER_COL_ACTIVE = 8 };

/* the active first; a login is unique and fits its field (login_acceptable) */
static struct store_list users_list = {
	STORE_ROWS(struct yc_user_row, user_cols),
	.from = "FROM users u LEFT JOIN departments d ON d.id = u.department_id"
		" LEFT JOIN sites s ON s.id = u.site_id LEFT JOIN stations w ON w.id = u.station_id",
	.key = { { USER_COL_ACTIVE, 1 }, { USER_COL_LOGIN, 0 } }, .n_key = 2,
};

int store_users_page(struct yc_store *st, const struct yc_user_row *anchor, int forward, struct yc_user_row *rows,
		     int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &users_list, NULL, anchor, forward, rows, max, n, err);
}

int store_users_count(struct yc_store *st, long *all, long *active, struct yc_err *err)
{
	return count_list(st, &users_list, "SELECT count(*) FROM users WHERE active = 1", all, active, err);
}

int store_users_list(struct yc_store *st, struct yc_user_row **rows, int *n, struct yc_err *err)
{
	return list_all(st, &users_list, (void **)rows, n, err);
}

static const char *const roles[] = { "guide", "intake", "reviewer", "pickup", "supervisor", "admin" };

static int role_known(const char *role)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(roles); i++)
		if (strcmp(role, roles[i]) == 0)
			return 1;
	return 0;
}

/* A login is what a clerk types at the login screen: short, plain. */
static int login_acceptable(const char *login)
{
	size_t n = strlen(login);

	return n >= 2 && n < sizeof ((struct yc_user *)0)->login && strspn(login,
		"abcdefghijklmnopqrstuvwxyz0123456789._-") == n && login[0] != '-' && login[0] != '.';
}

/* The row as it is, to merge a change into and to check whole. */
struct setup_tx_user_state {
	int64_t id, department_id, site_id, station_id;
	char role[16];
	char full_name[64];
	int active;
};

/* Its columns, declared once: SQL_USER_STATE selects them in this order. */
static const struct store_col user_state_cols[] = {
	STORE_COL_INT64(struct setup_tx_user_state, id, "id"),
	STORE_COL_INT64(struct setup_tx_user_state, department_id, "coalesce(department_id, 0)"),
	STORE_COL_INT64(struct setup_tx_user_state, site_id, "coalesce(site_id, 0)"),
	STORE_COL_INT64(struct setup_tx_user_state, station_id, "coalesce(station_id, 0)"),
	STORE_COL_TEXT(struct setup_tx_user_state, role, "role"),
	STORE_COL_TEXT(struct setup_tx_user_state, full_name, "full_name"),
	STORE_COL_INT(struct setup_tx_user_state, active, "active"),
};
static const char SQL_USER_STATE[] =
	"SELECT id, coalesce(department_id, 0), coalesce(site_id, 0), coalesce(station_id, 0), role,"
	" full_name, active FROM users WHERE login = ?1";

static int setup_tx_user_state(struct yc_store *st, const char *login, struct setup_tx_user_state *u, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_USER_STATE);
	int rc;

	memset(u, 0, sizeof *u);
	if (!s)
		return st->rc;
	db_bind_text(s, 1, login);
	rc = db_step(s);
	if (rc == DB_ROW)
		store_map_row(s, user_state_cols, (int)YC_ARRAY_LEN(user_state_cols), u);
	db_reset(s);
	if (rc == DB_DONE)
		return refuse(err, _("There is no user '%s' (see yichuang user list)."), login);
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static const char SQL_STATION_AT[] =
	"SELECT id FROM stations WHERE site_id = ?1 AND name = ?2";

/* The spec's named fields into ids; "" clears, NULL keeps. */
static int resolve_user(struct yc_store *st, const struct yc_user_spec *spec, struct setup_tx_user_state *u,
			struct yc_err *err)
{
	int rc;

	if (spec->full_name) {
		if (!spec->full_name[strspn(spec->full_name, " ")])
			return refuse(err, "%s", _("The user's full name is empty."));
		yc_strlcpy(u->full_name, spec->full_name, sizeof u->full_name);
	}
	if (spec->role) {
		if (!role_known(spec->role))
			return refuse(err, _("There is no role '%s': guide, intake, reviewer, pickup, supervisor or admin."),
				      spec->role);
		yc_strlcpy(u->role, spec->role, sizeof u->role);
	}
	if (spec->department_code) {
		if ((rc = id_of(st, SQL_DEPARTMENT_ID, spec->department_code, &u->department_id)) != SQLITE_OK)
			return rc;
		if (spec->department_code[0] && !u->department_id)
			return refuse(err, _("There is no department '%s' (see yichuang department list)."),
				      spec->department_code);
	}
	if (spec->site_code) {
		int64_t before = u->site_id;

		if ((rc = id_of(st, SQL_SITE_ID, spec->site_code, &u->site_id)) != SQLITE_OK)
			return rc;
		if (spec->site_code[0] && !u->site_id)
			return refuse(err, _("There is no site '%s' (see yichuang site list)."), spec->site_code);
		if (u->site_id != before && !spec->window)
			u->station_id = 0;   /* a window of the old site is none of the new one's */
	}
	/* a user of no named site works at the hall (the first site) */
	if (!u->site_id && (rc = id_of(st, "SELECT min(id) FROM sites", NULL, &u->site_id)) != SQLITE_OK)
		return rc;
	if (spec->window) {
		db_stmt *s = store_prep(st, SQL_STATION_AT);

		if (!s)
			return st->rc;
		u->station_id = 0;
		db_bind_int64(s, 1, u->site_id);
		db_bind_text(s, 2, spec->window);
		rc = db_step(s);
		if (rc == DB_ROW)
			u->station_id = db_col_int64(s, 0);
		db_reset(s);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
		if (spec->window[0] && !u->station_id)
			return refuse(err, _("There is no window '%s' at that site (see yichuang window list)."),
				      spec->window);
	}
	if (strcmp(u->role, "reviewer") == 0 && !u->department_id)
		return refuse(err, "%s", _("A reviewer belongs to a department: give --department CODE."));
	if (strcmp(u->role, "reviewer") != 0)
		u->department_id = 0;   /* only reviewers decide for a department */
	return SQLITE_OK;
}

static const char SQL_ACTIVE_ADMINS[] =
	"SELECT count(*) FROM users WHERE role = 'admin' AND active = 1 AND login <> ?1";

/* Whether someone besides login can still administer the hall. */
static int other_admin(struct yc_store *st, const char *login, int64_t *count)
{
	return id_of(st, SQL_ACTIVE_ADMINS, login, count);
}

static void describe_user(const struct setup_tx_user_state *u, char *out, size_t n)
{
	snprintf(out, n, "role=%s department=%lld site=%lld window=%lld name=%s", u->role,
		 (long long)u->department_id, (long long)u->site_id, (long long)u->station_id, u->full_name);
}

static int bind_user(db_stmt *s, const struct setup_tx_user_state *u)
{
	db_bind_text_copy(s, 2, u->full_name);
	db_bind_text_copy(s, 3, u->role);
	if (u->department_id)
		db_bind_int64(s, 4, u->department_id);
	if (u->site_id)
		db_bind_int64(s, 5, u->site_id);
	if (u->station_id)
		db_bind_int64(s, 6, u->station_id);
	return store_step_done(s);
}

struct user_change_ctx {
	int64_t by;
	const struct yc_user_spec *spec;
	const char *hash;           /* a new user's password hash, or NULL for a change */
	int active;                 /* set_active's value */
};

static const char SQL_USER_INSERT[] =
	"INSERT INTO users(login, full_name, role, department_id, site_id, station_id, password_hash,"
	" must_change_password) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 1)";

static int setup_tx_user_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct setup_tx_user_state u;
	db_stmt *s;
	char now[200];
	int64_t existing;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK)
		return rc;
	if (!login_acceptable(c->spec->login))
		return refuse(err, _("'%s' cannot be a login: 2 to 31 small letters, digits, '.', '_' or '-'."),
			      c->spec->login);
	if ((rc = id_of(st, SQL_USER_ID, c->spec->login, &existing)) != SQLITE_OK)
		return rc;
	if (existing)
		return refuse(err, _("There is already a user '%s' (yichuang user set changes one)."), c->spec->login);
	memset(&u, 0, sizeof u);
	if (!c->spec->role || !c->spec->full_name)
		return refuse(err, "%s", _("A new user needs a role and a full name."));
	if ((rc = resolve_user(st, c->spec, &u, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_USER_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->spec->login);
	db_bind_text(s, 7, c->hash);
	if ((rc = bind_user(s, &u)) != SQLITE_OK)
		return rc;
	describe_user(&u, now, sizeof now);
	return store_event(st, c->by, "user", store_last_id(st), "added", NULL, now);
}

int store_user_add(struct yc_store *st, int64_t by, const struct yc_user_spec *u, const char *password_hash,
		   struct yc_err *err)
{
	struct user_change_ctx c = { by, u, password_hash, 1 };

	return store_run(st, 1, setup_tx_user_add, &c, err);
}

static const char SQL_USER_UPDATE[] =
	"UPDATE users SET full_name = ?2, role = ?3, department_id = ?4, site_id = ?5, station_id = ?6"
	" WHERE id = ?1";

static int user_change(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct setup_tx_user_state u;
	db_stmt *s;
	char before[200], after[200];
	int64_t admins;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = setup_tx_user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
		return rc;
	describe_user(&u, before, sizeof before);
	if ((rc = resolve_user(st, c->spec, &u, err)) != SQLITE_OK)
		return rc;
	if (strcmp(u.role, "admin") != 0) {   /* the last administrator stays one */
		if ((rc = other_admin(st, c->spec->login, &admins)) != SQLITE_OK)
			return rc;
		if (!admins)
			return refuse(err, _("'%s' is the last administrator: make another one first."),
				      c->spec->login);
	}
	if (!(s = store_prep(st, SQL_USER_UPDATE)))
		return st->rc;
	db_bind_int64(s, 1, u.id);
	if ((rc = bind_user(s, &u)) != SQLITE_OK)
		return rc;
	describe_user(&u, after, sizeof after);
	return store_event(st, c->by, "user", u.id, "changed", before, after);
}

int store_user_change(struct yc_store *st, int64_t by, const struct yc_user_spec *u, struct yc_err *err)
{
	struct user_change_ctx c = { by, u, NULL, 1 };

	return store_run(st, 1, user_change, &c, err);
}

static int setup_tx_user_active(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct setup_tx_user_state u;
	int64_t admins = 1;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = setup_tx_user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
		return rc;
	if (u.active == c->active)
		return SQLITE_OK;
	if (!c->active && u.id == c->by)
		return refuse(err, "%s", _("You cannot disable your own account."));
	if (!c->active && strcmp(u.role, "admin") == 0 && (rc = other_admin(st, c->spec->login, &admins)) != SQLITE_OK)
		return rc;
	if (!admins)
		return refuse(err, _("'%s' is the last administrator: make another one first."), c->spec->login);
	if ((rc = store_exec_id_text(st, "UPDATE users SET active = ?2 WHERE id = ?1", u.id,
				     c->active ? "1" : "0")) != SQLITE_OK)
		return rc;
	return store_event(st, c->by, "user", u.id, c->active ? "enabled" : "disabled", NULL, NULL);
}

int store_user_set_active(struct yc_store *st, int64_t by, const char *login, int active, struct yc_err *err)
{
	struct yc_user_spec spec = { login, NULL, NULL, NULL, NULL, NULL };
	struct user_change_ctx c = { by, &spec, NULL, active };

	return store_run(st, 1, setup_tx_user_active, &c, err);
}

static const char SQL_RESET_PASSWORD[] =
	"UPDATE users SET password_hash = ?2, must_change_password = 1, failed_logins = 0,"
	" locked_until = NULL WHERE id = ?1";

static int setup_tx_user_reset(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct setup_tx_user_state u;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = setup_tx_user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
		return rc;
	if ((rc = store_exec_id_text(st, SQL_RESET_PASSWORD, u.id, c->hash)) != SQLITE_OK)
		return rc;
	return store_event(st, c->by, "user", u.id, "password_reset", NULL, NULL);
}

int store_user_reset_password(struct yc_store *st, int64_t by, const char *login, const char *password_hash,
			      struct yc_err *err)
{
	struct yc_user_spec spec = { login, NULL, NULL, NULL, NULL, NULL };
	struct user_change_ctx c = { by, &spec, password_hash, 1 };

	return store_run(st, 1, setup_tx_user_reset, &c, err);
}

/* Windows ---------------------------------------------------------------------- */

static const struct store_col window_cols[] = {
	STORE_COL_INT64(struct yc_window_row, id, "w.id"),
	STORE_COL_INT64(struct yc_window_row, site_id, "s.id"),
	STORE_COL_TEXT(struct yc_window_row, site_code, "s.code"),
	STORE_COL_TEXT(struct yc_window_row, name, "w.name"),
	STORE_COL_INT(struct yc_window_row, name_length, "length(w.name)"),
	STORE_COL_TEXT(struct yc_window_row, categories,
		       "coalesce((SELECT group_concat(category, ',') FROM"
		       " (SELECT category FROM station_categories WHERE station_id = w.id ORDER BY category) AS c), '')"),
	STORE_COL_INT(struct yc_window_row, open, "w.open"),
};
enum { WINDOW_COL_ID, WINDOW_COL_SITE_ID, WINDOW_COL_NAME = 3, WINDOW_COL_NAME_LENGTH };

/* by site, 9号窗口 before 10号窗口; (site, name) is unique, a name fits
 * its field (window_set) and the id settles it all the same */
static struct store_list windows_list = {
	STORE_ROWS(struct yc_window_row, window_cols),
	.from = "FROM stations w JOIN sites s ON s.id = w.site_id",
	.key = { { WINDOW_COL_SITE_ID, 0 }, { WINDOW_COL_NAME_LENGTH, 0 }, { WINDOW_COL_NAME, 0 }, { WINDOW_COL_ID, 0 } },
	.n_key = 4,
};

int store_windows_page(struct yc_store *st, const struct yc_window_row *anchor, int forward,
		       struct yc_window_row *rows, int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &windows_list, NULL, anchor, forward, rows, max, n, err);
}

int store_windows_count(struct yc_store *st, long *all, long *open, struct yc_err *err)
{
	return count_list(st, &windows_list, "SELECT count(*) FROM stations w JOIN sites s ON s.id = w.site_id"
			  " WHERE w.open = 1", all, open, err);
}

int store_windows_list(struct yc_store *st, struct yc_window_row **rows, int *n, struct yc_err *err)
{
	return list_all(st, &windows_list, (void **)rows, n, err);
}

struct window_ctx {
	int64_t by;
	const char *site_code, *name, *categories;
	int open;
};

static const char SQL_CATEGORY_KNOWN[] = "SELECT count(*) FROM window_categories WHERE code = ?1";
static const char SQL_WINDOW_INSERT[] =
	"INSERT INTO stations(site_id, name, category, open) VALUES (?1, ?2, ?3, 1)";
static const char SQL_WINDOW_CATEGORY[] =
	"INSERT INTO station_categories(station_id, category) VALUES (?1, ?2) ON CONFLICT DO NOTHING";

/* Replace the window's categories with the comma-separated list. */
static int set_categories(struct yc_store *st, int64_t station_id, const char *list, struct yc_err *err)
{
	char buf[128], *tok, *save = NULL;
	int rc, n = 0;

	if (strlen(list) >= sizeof buf)
		return refuse(err, "%s", _("Too many categories for one window."));
	strcpy(buf, list);
	if ((rc = store_exec_id_text(st, "DELETE FROM station_categories WHERE station_id = ?1", station_id,
				     NULL)) != SQLITE_OK)
		return rc;
	for (tok = strtok_r(buf, ", ", &save); tok; tok = strtok_r(NULL, ", ", &save)) {
		int64_t known;

		if ((rc = id_of(st, SQL_CATEGORY_KNOWN, tok, &known)) != SQLITE_OK)
			return rc;
		if (!known)
			return refuse(err, _("There is no queue category '%s': combined, bundle, remote, construction, assist, pickup or guidance."),
				      tok);
		if ((rc = store_exec_id_text(st, SQL_WINDOW_CATEGORY, station_id, tok)) != SQLITE_OK)
			return rc;
		n++;
	}
	if (!n)
		return refuse(err, "%s", _("A window serves at least one queue category."));
	/* the first one named stays in stations.category for older readers */
	return store_exec_id_text(st, "UPDATE stations SET category = ?2 WHERE id = ?1", station_id,
				  strtok_r(strcpy(buf, list), ", ", &save));
}

static int setup_tx_window_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct window_ctx *c = vctx;
	db_stmt *s;
	int64_t site_id, id = 0;
	char what[200];
	int rc, added = 0;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = id_of(st, SQL_SITE_ID, c->site_code, &site_id)) != SQLITE_OK)
		return rc;
	if (!site_id)
		return refuse(err, _("There is no site '%s' (see yichuang site list)."), c->site_code);
	if (!c->name[strspn(c->name, " ")])
		return refuse(err, "%s", _("The window's name is empty."));
	if (strlen(c->name) >= sizeof ((struct yc_window_row *)0)->name)
		return refuse(err, _("The window's name is too long: %d bytes at most."),
			      (int)sizeof ((struct yc_window_row *)0)->name - 1);
	if (!(s = store_prep(st, SQL_STATION_AT)))
		return st->rc;
	db_bind_int64(s, 1, site_id);
	db_bind_text(s, 2, c->name);
	if ((rc = db_step(s)) == DB_ROW)
		id = db_col_int64(s, 0);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (!id) {
		if (!c->categories)
			return refuse(err, _("A new window needs the categories it serves (--serves), e.g. %s."),
				      "combined,bundle");
		if (!(s = store_prep(st, SQL_WINDOW_INSERT)))
			return st->rc;
		db_bind_int64(s, 1, site_id);
		db_bind_text(s, 2, c->name);
		db_bind_text(s, 3, "combined");
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		id = store_last_id(st);
		added = 1;
	}
	if (c->categories && (rc = set_categories(st, id, c->categories, err)) != SQLITE_OK)
		return rc;
	if (c->open >= 0 && (rc = store_exec_id_text(st, "UPDATE stations SET open = ?2 WHERE id = ?1",
						     id, c->open ? "1" : "0")) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "site=%s name=%s serves=%s open=%d", c->site_code, c->name,
		 c->categories ? c->categories : "", c->open);
	return store_event(st, c->by, "window", id, added ? "added" : "changed", NULL, what);
}

int store_window_set(struct yc_store *st, int64_t by, const char *site_code, const char *name,
		     const char *categories, int open, struct yc_err *err)
{
	struct window_ctx c = { by, site_code, name, categories, open };

	return store_run(st, 1, setup_tx_window_set, &c, err);
}

/* Sites and departments -------------------------------------------------------- */

static const struct store_col site_cols[] = {
	STORE_COL_INT64(struct yc_site_row, id, "id"),
	STORE_COL_TEXT(struct yc_site_row, code, "code"),
	STORE_COL_TEXT(struct yc_site_row, name, "name"),
	STORE_COL_TEXT(struct yc_site_row, level, "level"),
	STORE_COL_INT(struct yc_site_row, active, "active"),
};

/* in the order they were set up: the hall's own first */
static struct store_list sites_list = {
	STORE_ROWS(struct yc_site_row, site_cols),
	.from = "FROM sites",
	.key = { { 0, 0 } }, .n_key = 1,
};

int store_sites_page(struct yc_store *st, const struct yc_site_row *anchor, int forward, struct yc_site_row *rows,
		     int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &sites_list, NULL, anchor, forward, rows, max, n, err);
}

int store_sites_count(struct yc_store *st, long *all, long *in_use, struct yc_err *err)
{
	return count_list(st, &sites_list, "SELECT count(*) FROM sites WHERE active = 1", all, in_use, err);
}

int store_sites_list(struct yc_store *st, struct yc_site_row **rows, int *n, struct yc_err *err)
{
	return list_all(st, &sites_list, (void **)rows, n, err);
}

struct site_ctx {
	int64_t by;
	const char *code, *name, *level;
	int active;
	int adding;               /* a new site: refused if the code is taken */
};

/* two statements, not an upsert: the insert's NOT NULL level would be
 * checked before the conflict, and a rename without --level refused */
static const char SQL_SITE_INSERT[] = "INSERT INTO sites(code, name, level) VALUES (?1, ?2, ?3)";
static const char SQL_SITE_UPDATE[] =
	"UPDATE sites SET name = coalesce(?2, name), level = coalesce(?3, level), active = coalesce(?4, active)"
	" WHERE code = ?1";
/* numbers carry a site's code without its dashes (store_site_letters),
 * and a case is searched for in any case: TK-1, TK1 and tk1 would share
 * one day's case numbers */
static const char SQL_SITE_SAME_LETTERS[] =
	"SELECT id FROM sites WHERE upper(replace(code, '-', '')) = upper(replace(?1, '-', ''))";

/* A code goes into every case and notice number: ASCII letters, digits
 * and '-', and not only dashes. */
static int site_code_usable(const char *code)
{
	const char *p;
	int letters = 0;

	if (!code || !code[0] || strlen(code) >= sizeof ((struct yc_site_row *)0)->code)
		return 0;
	for (p = code; *p; p++) {
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') || (*p >= '0' && *p <= '9') || *p == '-'))
			return 0;
		letters += *p != '-';
	}
	return letters > 0;
}

/* A new site's code (id: the site that has it, 0 none): usable, not
 * taken, and its numbers not another's. */
static int site_code_free(struct yc_store *st, const char *code, int64_t id, struct yc_err *err)
{
	char letters[32];
	int64_t other;
	int rc;

	if (!site_code_usable(code))
		return refuse(err, _("'%s' cannot be a site code: Latin letters (A-Z), digits and '-' only, as in WSQ-GLN."), code);
	if (id)
		return refuse(err, _("There is already a site %s (see yichuang site list): change it with yichuang site set %s."),
			      code, code);
	if ((rc = id_of(st, SQL_SITE_SAME_LETTERS, code, &other)) != SQLITE_OK)
		return rc;
	store_site_letters(code, letters, sizeof letters);
	if (other)
		return refuse(err, _("Site code %s would number its cases as another site does (%s…: dashes are left out of numbers; see yichuang site list): choose another code."),
			      code, letters);
	return SQLITE_OK;
}

static int setup_tx_site_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct site_ctx *c = vctx;
	db_stmt *s;
	int64_t id;
	char what[300];
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = id_of(st, SQL_SITE_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	if (c->adding && (rc = site_code_free(st, c->code, id, err)) != SQLITE_OK)
		return rc;
	if (!c->adding && !id)
		return refuse(err, _("There is no site '%s' (see yichuang site list)."), c->code);
	if (!id && (!c->name || !c->name[0]))
		return refuse(err, _("A new site needs its name (--name), e.g. %s."), "图克镇便民服务中心");
	if (c->level && strcmp(c->level, "banner") != 0 && strcmp(c->level, "township") != 0)
		return refuse(err, _("A site's level is banner or township, not '%s'."), c->level);
	if (!(s = store_prep(st, id ? SQL_SITE_UPDATE : SQL_SITE_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->code);
	if (c->name && c->name[0])
		db_bind_text(s, 2, c->name);
	db_bind_text(s, 3, c->level ? c->level : id ? NULL : "township");
	if (id && c->active >= 0)
		db_bind_int(s, 4, c->active);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (!id && (rc = id_of(st, SQL_SITE_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "code=%s name=%s level=%s active=%d", c->code, c->name ? c->name : "",
		 c->level ? c->level : "", c->active);
	return store_event(st, c->by, "site", id, c->adding ? "added" : "set", NULL, what);
}

/* 1 in use, -1 closed (0: no such site) */
static const char SQL_SITE_ACTIVE[] = "SELECT CASE WHEN active = 1 THEN 1 ELSE -1 END FROM sites WHERE code = ?1";

/* A station works for the site its configuration names: one the hall's
 * database has, and in use. Said before the first screen, not at the
 * first save, with the command that mends it. */
static int setup_tx_site_check(struct yc_store *st, void *vctx, struct yc_err *err)
{
	const char *code = vctx;
	int64_t active;
	int rc;

	if ((rc = id_of(st, SQL_SITE_ACTIVE, code, &active)) != SQLITE_OK)
		return rc;
	if (!active) {
		yc_err_set(err, YC_ECONFIG,
			   _("This station's site code %s (site.code in its configuration) is not in the hall's database. The administrator adds it with: yichuang site add %s --name NAME --level township; or correct site.code."),
			   code, code);
		return -1;
	}
	if (active < 0) {
		yc_err_set(err, YC_ECONFIG,
			   _("Site %s (site.code in this station's configuration) is closed. The administrator reopens it with: yichuang site reopen %s."),
			   code, code);
		return -1;
	}
	return SQLITE_OK;
}

int store_site_check(struct yc_store *st, const char *code, struct yc_err *err)
{
	return store_run(st, 0, setup_tx_site_check, (void *)code, err);
}

int store_site_add(struct yc_store *st, int64_t by, const char *code, const char *name, const char *level,
		   struct yc_err *err)
{
	struct site_ctx c = { by, code, name, level, -1, 1 };

	return store_run(st, 1, setup_tx_site_set, &c, err);
}

int store_site_set(struct yc_store *st, int64_t by, const char *code, const char *name, const char *level,
		   int active, struct yc_err *err)
{
	struct site_ctx c = { by, code, name, level, active, 0 };

	return store_run(st, 1, setup_tx_site_set, &c, err);
}

/* a department's active reviewers */
#define REVIEWERS_OF(d) \
	"(SELECT count(*) FROM users u WHERE u.department_id = " d ".id AND u.role = 'reviewer' AND u.active = 1)"

static const struct store_col department_cols[] = {
	STORE_COL_TEXT(struct yc_department_row, code, "d.code"),
	STORE_COL_TEXT(struct yc_department_row, name, "d.name"),
	STORE_COL_INT(struct yc_department_row, reviewers, REVIEWERS_OF("d")),
};

/* by code: unique, and it fits its field (department_set) */
static struct store_list departments_list = {
	STORE_ROWS(struct yc_department_row, department_cols),
	.from = "FROM departments d",
	.key = { { 0, 0 } }, .n_key = 1,
};

int store_departments_page(struct yc_store *st, const struct yc_department_row *anchor, int forward,
			   struct yc_department_row *rows, int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &departments_list, NULL, anchor, forward, rows, max, n, err);
}

int store_departments_count(struct yc_store *st, long *all, long *without_reviewer, struct yc_err *err)
{
	return count_list(st, &departments_list, "SELECT count(*) FROM departments d WHERE " REVIEWERS_OF("d") " = 0",
			  all, without_reviewer, err);
}

int store_departments_list(struct yc_store *st, struct yc_department_row **rows, int *n, struct yc_err *err)
{
	return list_all(st, &departments_list, (void **)rows, n, err);
}

struct department_ctx {
	int64_t by;
	const char *code, *name;
};

static const char SQL_DEPARTMENT_UPSERT[] =
	"INSERT INTO departments(code, name) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET name = ?2";

static int setup_tx_department_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct department_ctx *c = vctx;
	db_stmt *s;
	int64_t id;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK)
		return rc;
	if (!c->code[0] || strlen(c->code) >= sizeof ((struct yc_department_row *)0)->code || strchr(c->code, ' '))
		return refuse(err, _("'%s' cannot be a department code: letters and digits, no spaces."), c->code);
	if (!c->name || !c->name[strspn(c->name, " ")])
		return refuse(err, "%s", _("The department's name is empty."));
	if (!(s = store_prep(st, SQL_DEPARTMENT_UPSERT)))
		return st->rc;
	db_bind_text(s, 1, c->code);
	db_bind_text(s, 2, c->name);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = id_of(st, SQL_DEPARTMENT_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	return store_event(st, c->by, "department", id, "set", NULL, c->name);
}

int store_department_set(struct yc_store *st, int64_t by, const char *code, const char *name,
			 struct yc_err *err)
{
	struct department_ctx c = { by, code, name };

	return store_run(st, 1, setup_tx_department_set, &c, err);
}

/* The contract ------------------------------------------------------------------ */

static const struct store_col contract_cols[] = {
	STORE_COL_INT64(struct yc_contract, id, "id"),
	STORE_COL_TEXT(struct yc_contract, contractor, "contractor"),
	STORE_COL_INT64(struct yc_contract, fee_fen_per_year, "fee_fen_per_year"),
	STORE_COL_TEXT(struct yc_contract, starts_on, "starts_on"),
	STORE_COL_TEXT(struct yc_contract, ends_on, "ends_on"),
};

/* ?1 a day; the latest recorded first (it wins) */
static struct store_list contracts_on_list = {
	STORE_ROWS(struct yc_contract, contract_cols),
	.from = "FROM contracts",
	.where = "starts_on <= ?1 AND ends_on >= ?1",
	.n_params = 1, .key = { { 0, 1 } }, .n_key = 1,
};

int store_contract_on(struct yc_store *st, const char *day, struct yc_contract *out, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(day) };
	int n;

	if (store_list_page(st, &contracts_on_list, p, NULL, 1, out, 1, &n, err) < 0)
		return -1;
	return n ? 0 : 1;
}

int store_fee_of_month(struct yc_store *st, const char *month, long *fee_fen)
{
	struct yc_contract c;
	struct yc_policy policy;
	char first[11];
	struct store_param p[] = { STORE_PARAM_TEXT(first) };
	int rc, n;

	snprintf(first, sizeof first, "%.7s-01", month);
	if ((rc = store_list_page_tx(st, &contracts_on_list, p, NULL, 1, &c, 1, &n)) != SQLITE_OK)
		return rc;
	/* a twelfth of the year's fee, rounded to the fen */
	if (n) {
		*fee_fen = (long)((c.fee_fen_per_year + 6) / 12);
		return SQLITE_OK;
	}
	/* no contract in force: the hall's policy says the fee */
	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	*fee_fen = (long)policy.assessment_monthly_fee * 100;
	return SQLITE_OK;
}

struct fee_ctx {
	const char *month;
	long fee_fen;
};

static int monthly_fee(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct fee_ctx *c = vctx;

	(void)err;
	return store_fee_of_month(st, c->month, &c->fee_fen);
}

int store_monthly_fee(struct yc_store *st, const char *month, long *fee_fen, struct yc_err *err)
{
	struct fee_ctx c = { month, 0 };

	if (store_run(st, 0, monthly_fee, &c, err) < 0)
		return -1;
	*fee_fen = c.fee_fen;
	return 0;
}

struct contract_ctx {
	int64_t by;
	const struct yc_contract *c;
};

static const char SQL_CONTRACT_INSERT[] =
	"INSERT INTO contracts(contractor, fee_fen_per_year, starts_on, ends_on, set_at, set_by)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6)";

static int setup_tx_contract_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct contract_ctx *c = vctx;
	db_stmt *s;
	yc_date from, to;
	char now[20], what[300];
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK)
		return rc;
	if (!c->c->contractor[strspn(c->c->contractor, " ")])
		return refuse(err, "%s", _("The contractor's name is empty."));
	if (c->c->fee_fen_per_year < 0)
		return refuse(err, "%s", _("The fee cannot be negative."));
	if (date_parse(c->c->starts_on, &from) != 0 || date_parse(c->c->ends_on, &to) != 0 || to < from)
		return refuse(err, _("The contract runs from a date to a later one (YYYY-MM-DD), not '%s'."),
			      c->c->starts_on);
	if (!(s = store_prep(st, SQL_CONTRACT_INSERT)))
		return st->rc;
	yc_now(now);
	db_bind_text(s, 1, c->c->contractor);
	db_bind_int64(s, 2, c->c->fee_fen_per_year);
	db_bind_text(s, 3, c->c->starts_on);
	db_bind_text(s, 4, c->c->ends_on);
	db_bind_text_copy(s, 5, now);
	if (c->by > 0)
		db_bind_int64(s, 6, c->by);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "contractor=%s fee_fen_per_year=%lld %s..%s", c->c->contractor,
		 c->c->fee_fen_per_year, c->c->starts_on, c->c->ends_on);
	return store_event(st, c->by, "contract", store_last_id(st), "set", NULL, what);
}

int store_contract_set(struct yc_store *st, int64_t by, const struct yc_contract *c, struct yc_err *err)
{
	struct contract_ctx x = { by, c };

	return store_run(st, 1, setup_tx_contract_set, &x, err);
}

/* The calendar -------------------------------------------------------------------- */

/* the days of year (an expression) */
#define DAYS_OF(year) "day >= " year " || '-01-01' AND day <= " year " || '-12-31'"

static const struct store_col year_cols[] = {
	STORE_COL_INT(struct yc_calendar_year, year, "y.year"),
	STORE_COL_TEXT(struct yc_calendar_year, source, "y.source"),
	STORE_COL_TEXT(struct yc_calendar_year, imported_at, "y.imported_at"),
	STORE_COL_INT(struct yc_calendar_year, days, "(SELECT count(*) FROM calendar_days WHERE " DAYS_OF("y.year") ")"),
};

static struct store_list years_list = {
	STORE_ROWS(struct yc_calendar_year, year_cols),
	.from = "FROM calendar_years y",
	.key = { { 0, 0 } }, .n_key = 1,
};

int store_calendar_years_page(struct yc_store *st, const struct yc_calendar_year *anchor, int forward,
			      struct yc_calendar_year *rows, int max, int *n, struct yc_err *err)
{
	return store_list_page(st, &years_list, NULL, anchor, forward, rows, max, n, err);
}

int store_calendar_years_count(struct yc_store *st, long *all, struct yc_err *err)
{
	return count_list(st, &years_list, NULL, all, NULL, err);
}

int store_calendar_years(struct yc_store *st, struct yc_calendar_year **rows, int *n, struct yc_err *err)
{
	return list_all(st, &years_list, (void **)rows, n, err);
}

/* A day the calendar lists: off, or a working weekend day. */
struct calendar_day {
	char day[11];
	char kind[8];
	char name[128];
};

static const struct store_col day_cols[] = {
	STORE_COL_TEXT(struct calendar_day, day, "day"),
	STORE_COL_TEXT(struct calendar_day, kind, "kind"),
	STORE_COL_TEXT(struct calendar_day, name, "name"),
};

/* ?1 the year; by day, the key */
static struct store_list days_list = {
	STORE_ROWS(struct calendar_day, day_cols),
	.from = "FROM calendar_days",
	.where = DAYS_OF("?1"),
	.n_params = 1, .key = { { 0, 0 } }, .n_key = 1,
};

struct year_days_ctx {
	void (*each)(void *ctx, const char *day, const char *kind, const char *name);
	void *ctx;
};

static void year_days_start(void *vctx)
{
	(void)vctx;
}

static int year_day(void *vctx, const void *row)
{
	struct year_days_ctx *c = vctx;
	const struct calendar_day *d = row;

	c->each(c->ctx, d->day, d->kind, d->name);
	return SQLITE_OK;
}

int store_calendar_year_days(struct yc_store *st, int year,
			     void (*each)(void *ctx, const char *day, const char *kind, const char *name),
			     void *ctx, struct yc_err *err)
{
	struct year_days_ctx c = { each, ctx };
	struct store_param p[] = { STORE_PARAM_INT(year) };
	struct walk_ctx w = { &days_list, p, year_days_start, year_day, &c };

	return store_run(st, 0, walk_pages, &w, err);
}

struct import_ctx {
	int64_t by;
	const struct cal_file *f;
	const char *source;
};

static const char SQL_YEAR_CLEAR[] = "DELETE FROM calendar_days WHERE " DAYS_OF("?1");
static const char SQL_YEAR_KNOWN[] =
	"INSERT INTO calendar_years(year, source, imported_at) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(year) DO UPDATE SET source = excluded.source, imported_at = excluded.imported_at";
static const char SQL_DAY_PUT[] = "INSERT INTO calendar_days(day, kind, name) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name";

/* The notice's own year replaces what was known of it, whole, and is
 * known from now on; a day of another year it lists (元旦 on 12-31 of the
 * year before) is added or changed, that year neither emptied nor called
 * known. */
static int import_notice(struct yc_store *st, struct import_ctx *c, const char *now)
{
	db_stmt *s = store_prep(st, SQL_YEAR_CLEAR);
	char what[200];
	size_t i;
	int rc, days = 0, others = 0;

	if (!s)
		return st->rc;
	db_bind_int(s, 1, c->f->year);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	for (i = 0; i < c->f->n; i++) {
		const struct cal_file_entry *e = &c->f->e[i];
		char day[11];
		int y, m, d;

		date_to_ymd(e->day, &y, &m, &d);
		if (!(s = store_prep(st, SQL_DAY_PUT)))
			return st->rc;
		date_format(e->day, day);
		db_bind_text_copy(s, 1, day);
		db_bind_text(s, 2, e->kind == CAL_OFF ? "off" : "work");
		db_bind_text(s, 3, e->name);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		if (y == c->f->year)
			days++;
		else
			others++;
	}
	if (!(s = store_prep(st, SQL_YEAR_KNOWN)))
		return st->rc;
	db_bind_int(s, 1, c->f->year);
	db_bind_text(s, 2, c->source);
	db_bind_text(s, 3, now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "%d days (and %d of other years) from %s", days, others, c->source);
	return store_event(st, c->by, "calendar", c->f->year, "imported", NULL, what);
}

static int setup_tx_calendar_import(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct import_ctx *c = vctx;
	char now[20];
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK)
		return rc;
	if (c->f->n_errors || !c->f->n_years)
		return refuse(err, "%s", _("The holiday file has problems: nothing was imported."));
	yc_now(now);
	return import_notice(st, c, now);
}

int store_calendar_import(struct yc_store *st, int64_t by, const struct cal_file *f, const char *source,
			  struct yc_err *err)
{
	struct import_ctx c = { by, f, source };

	return store_run(st, 1, setup_tx_calendar_import, &c, err);
}
