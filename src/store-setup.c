/* store-setup.c - the hall's set-up: users, windows, sites, departments,
 * the contract and the calendar's years (store-setup.h). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-internal.h"
#include "store-setup.h"

/* Lists ------------------------------------------------------------------------ */

/* One select whose rows all come back, each read into a slot of size
 * row_size by read_row; grows as needed (no row cap). */
struct collect_ctx {
	const char *sql;
	const char *text_param;       /* ?1 when not NULL */
	size_t row_size;
	void (*read_row)(sqlite3_stmt *s, void *row);
	char *rows;
	size_t n, cap;
};

static int collect(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct collect_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, c->sql);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	if (c->text_param)
		sqlite3_bind_text(s, 1, c->text_param, -1, SQLITE_STATIC);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW) {
		if (yc_grow(&c->rows, &c->cap, c->n, c->row_size) < 0) {
			sqlite3_reset(s);
			return SQLITE_NOMEM;
		}
		memset(c->rows + c->n * c->row_size, 0, c->row_size);
		c->read_row(s, c->rows + c->n * c->row_size);
		c->n++;
	}
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static int collect_all(struct yc_store *st, struct collect_ctx *c, void **rows, int *n, struct yc_err *err)
{
	*rows = NULL;
	*n = 0;
	if (store_run(st, 0, collect, c, err) < 0) {
		free(c->rows);
		return -1;
	}
	*rows = c->rows;
	*n = (int)c->n;
	return 0;
}

/* Who may change the set-up: an active administrator, or (by == 0) the
 * command line on the server. */
static int may_administer(struct yc_store *st, int64_t by, struct yc_err *err)
{
	return by > 0 ? store_user_may(st, by, PERM_ADMIN, NULL, err) : SQLITE_OK;
}

/* A change the hall's rules do not allow: the reason, and -1. */
#define refuse(err, ...) (yc_err_set((err), YC_EINVAL, __VA_ARGS__), -1)

/* The id sql (?1 = a text, unless NULL) finds, 0 when none. */
static int id_of(struct yc_store *st, const char *sql, const char *text, int64_t *id)
{
	sqlite3_stmt *s = store_prep(st, sql);
	int rc;

	if (!s)
		return st->rc;
	*id = 0;
	if (text)
		sqlite3_bind_text(s, 1, text, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW)
		*id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static const char SQL_SITE_ID[] = "SELECT id FROM sites WHERE code = ?1";
static const char SQL_DEPARTMENT_ID[] = "SELECT id FROM departments WHERE code = ?1";
static const char SQL_USER_ID[] = "SELECT id FROM users WHERE login = ?1";

/* Users ------------------------------------------------------------------------ */

static const char SQL_USERS[] =
	"SELECT u.id, u.login, u.full_name, u.role, coalesce(d.code, ''), coalesce(d.name, ''),"
	" coalesce(s.code, ''), coalesce(w.name, ''), u.active, u.must_change_password,"
	" coalesce(u.locked_until, '')"
	" FROM users u LEFT JOIN departments d ON d.id = u.department_id"
	" LEFT JOIN sites s ON s.id = u.site_id LEFT JOIN stations w ON w.id = u.station_id"
	" ORDER BY u.active DESC, u.login";

static void read_user_row(sqlite3_stmt *s, void *row)
{
	struct yc_user_row *u = row;

	u->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, u->login, sizeof u->login);
	store_col_text(s, 2, u->full_name, sizeof u->full_name);
	store_col_text(s, 3, u->role, sizeof u->role);
	store_col_text(s, 4, u->department_code, sizeof u->department_code);
	store_col_text(s, 5, u->department, sizeof u->department);
	store_col_text(s, 6, u->site_code, sizeof u->site_code);
	store_col_text(s, 7, u->window, sizeof u->window);
	u->active = sqlite3_column_int(s, 8);
	u->must_change_password = sqlite3_column_int(s, 9);
	store_col_text(s, 10, u->locked_until, sizeof u->locked_until);
}

int store_users_list(struct yc_store *st, struct yc_user_row **rows, int *n, struct yc_err *err)
{
	struct collect_ctx c = { SQL_USERS, NULL, sizeof **rows, read_user_row, NULL, 0, 0 };

	return collect_all(st, &c, (void **)rows, n, err);
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
struct user_state {
	int64_t id, department_id, site_id, station_id;
	char role[16];
	char full_name[64];
	int active;
};

static const char SQL_USER_STATE[] =
	"SELECT id, coalesce(department_id, 0), coalesce(site_id, 0), coalesce(station_id, 0), role,"
	" full_name, active FROM users WHERE login = ?1";

static int user_state(struct yc_store *st, const char *login, struct user_state *u, struct yc_err *err)
{
	sqlite3_stmt *s = store_prep(st, SQL_USER_STATE);
	int rc;

	if (!s)
		return st->rc;
	memset(u, 0, sizeof *u);
	sqlite3_bind_text(s, 1, login, -1, SQLITE_STATIC);
	rc = sqlite3_step(s);
	if (rc == SQLITE_ROW) {
		u->id = sqlite3_column_int64(s, 0);
		u->department_id = sqlite3_column_int64(s, 1);
		u->site_id = sqlite3_column_int64(s, 2);
		u->station_id = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, u->role, sizeof u->role);
		store_col_text(s, 5, u->full_name, sizeof u->full_name);
		u->active = sqlite3_column_int(s, 6);
	}
	sqlite3_reset(s);
	if (rc == SQLITE_DONE)
		return refuse(err, _("There is no user '%s' (see yichuang user list)."), login);
	return rc == SQLITE_ROW ? SQLITE_OK : rc;
}

static const char SQL_STATION_AT[] =
	"SELECT id FROM stations WHERE site_id = ?1 AND name = ?2";

/* The spec's named fields into ids; "" clears, NULL keeps. */
static int resolve_user(struct yc_store *st, const struct yc_user_spec *spec, struct user_state *u,
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
		sqlite3_stmt *s = store_prep(st, SQL_STATION_AT);

		if (!s)
			return st->rc;
		u->station_id = 0;
		sqlite3_bind_int64(s, 1, u->site_id);
		sqlite3_bind_text(s, 2, spec->window, -1, SQLITE_STATIC);
		rc = sqlite3_step(s);
		if (rc == SQLITE_ROW)
			u->station_id = sqlite3_column_int64(s, 0);
		sqlite3_reset(s);
		if (rc != SQLITE_ROW && rc != SQLITE_DONE)
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

static void describe_user(const struct user_state *u, char *out, size_t n)
{
	snprintf(out, n, "role=%s department=%lld site=%lld window=%lld name=%s", u->role,
		 (long long)u->department_id, (long long)u->site_id, (long long)u->station_id, u->full_name);
}

static int bind_user(sqlite3_stmt *s, const struct user_state *u)
{
	sqlite3_bind_text(s, 2, u->full_name, -1, SQLITE_TRANSIENT);
	sqlite3_bind_text(s, 3, u->role, -1, SQLITE_TRANSIENT);
	if (u->department_id)
		sqlite3_bind_int64(s, 4, u->department_id);
	if (u->site_id)
		sqlite3_bind_int64(s, 5, u->site_id);
	if (u->station_id)
		sqlite3_bind_int64(s, 6, u->station_id);
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

static int user_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct user_state u;
	sqlite3_stmt *s;
	char now[200];
	int64_t existing;
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK)
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
	sqlite3_bind_text(s, 1, c->spec->login, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 7, c->hash, -1, SQLITE_STATIC);
	if ((rc = bind_user(s, &u)) != SQLITE_OK)
		return rc;
	describe_user(&u, now, sizeof now);
	return store_event(st, c->by, "user", sqlite3_last_insert_rowid(st->db), "added", NULL, now);
}

int store_user_add(struct yc_store *st, int64_t by, const struct yc_user_spec *u, const char *password_hash,
		   struct yc_err *err)
{
	struct user_change_ctx c = { by, u, password_hash, 1 };

	return store_run(st, 1, user_add, &c, err);
}

static const char SQL_USER_UPDATE[] =
	"UPDATE users SET full_name = ?2, role = ?3, department_id = ?4, site_id = ?5, station_id = ?6"
	" WHERE id = ?1";

static int user_change(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct user_state u;
	sqlite3_stmt *s;
	char before[200], after[200];
	int64_t admins;
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
		return rc;
	describe_user(&u, before, sizeof before);
	if ((rc = resolve_user(st, c->spec, &u, err)) != SQLITE_OK)
		return rc;
	if (strcmp(u.role, "admin") != 0 && (rc = other_admin(st, c->spec->login, &admins)) != SQLITE_OK)
		return rc;
	if (strcmp(u.role, "admin") != 0 && !admins)
		return refuse(err, _("'%s' is the last administrator: make another one first."), c->spec->login);
	if (!(s = store_prep(st, SQL_USER_UPDATE)))
		return st->rc;
	sqlite3_bind_int64(s, 1, u.id);
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

static int user_active(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct user_state u;
	int64_t admins = 1;
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
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

	return store_run(st, 1, user_active, &c, err);
}

static const char SQL_RESET_PASSWORD[] =
	"UPDATE users SET password_hash = ?2, must_change_password = 1, failed_logins = 0,"
	" locked_until = NULL WHERE id = ?1";

static int user_reset(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_change_ctx *c = vctx;
	struct user_state u;
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = user_state(st, c->spec->login, &u, err)) != SQLITE_OK)
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

	return store_run(st, 1, user_reset, &c, err);
}

/* Windows ---------------------------------------------------------------------- */

static const char SQL_WINDOWS[] =
	"SELECT w.id, s.code, w.name,"
	" coalesce((SELECT group_concat(category, ',') FROM"
	"  (SELECT category FROM station_categories WHERE station_id = w.id ORDER BY category)), ''),"
	" w.open FROM stations w JOIN sites s ON s.id = w.site_id ORDER BY s.id, length(w.name), w.name";

static void read_window_row(sqlite3_stmt *s, void *row)
{
	struct yc_window_row *w = row;

	w->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, w->site_code, sizeof w->site_code);
	store_col_text(s, 2, w->name, sizeof w->name);
	store_col_text(s, 3, w->categories, sizeof w->categories);
	w->open = sqlite3_column_int(s, 4);
}

int store_windows_list(struct yc_store *st, struct yc_window_row **rows, int *n, struct yc_err *err)
{
	struct collect_ctx c = { SQL_WINDOWS, NULL, sizeof **rows, read_window_row, NULL, 0, 0 };

	return collect_all(st, &c, (void **)rows, n, err);
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
	"INSERT OR IGNORE INTO station_categories(station_id, category) VALUES (?1, ?2)";

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

static int window_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct window_ctx *c = vctx;
	sqlite3_stmt *s;
	int64_t site_id, id = 0;
	char what[200];
	int rc, added = 0;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = id_of(st, SQL_SITE_ID, c->site_code, &site_id)) != SQLITE_OK)
		return rc;
	if (!site_id)
		return refuse(err, _("There is no site '%s' (see yichuang site list)."), c->site_code);
	if (!c->name[strspn(c->name, " ")])
		return refuse(err, "%s", _("The window's name is empty."));
	if (!(s = store_prep(st, SQL_STATION_AT)))
		return st->rc;
	sqlite3_bind_int64(s, 1, site_id);
	sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
	if ((rc = sqlite3_step(s)) == SQLITE_ROW)
		id = sqlite3_column_int64(s, 0);
	sqlite3_reset(s);
	if (rc != SQLITE_ROW && rc != SQLITE_DONE)
		return rc;
	if (!id) {
		if (!c->categories)
			return refuse(err, _("A new window needs the categories it serves (--serves), e.g. %s."),
				      "combined,bundle");
		if (!(s = store_prep(st, SQL_WINDOW_INSERT)))
			return st->rc;
		sqlite3_bind_int64(s, 1, site_id);
		sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, "combined", -1, SQLITE_STATIC);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		id = sqlite3_last_insert_rowid(st->db);
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

	return store_run(st, 1, window_set, &c, err);
}

/* Sites and departments -------------------------------------------------------- */

static const char SQL_SITES[] = "SELECT code, name, level, active FROM sites ORDER BY id";

static void read_site_row(sqlite3_stmt *s, void *row)
{
	struct yc_site_row *r = row;

	store_col_text(s, 0, r->code, sizeof r->code);
	store_col_text(s, 1, r->name, sizeof r->name);
	store_col_text(s, 2, r->level, sizeof r->level);
	r->active = sqlite3_column_int(s, 3);
}

int store_sites_list(struct yc_store *st, struct yc_site_row **rows, int *n, struct yc_err *err)
{
	struct collect_ctx c = { SQL_SITES, NULL, sizeof **rows, read_site_row, NULL, 0, 0 };

	return collect_all(st, &c, (void **)rows, n, err);
}

struct site_ctx {
	int64_t by;
	const char *code, *name, *level;
	int active;
};

static const char SQL_SITE_UPSERT[] =
	"INSERT INTO sites(code, name, level) VALUES (?1, ?2, ?3) ON CONFLICT(code) DO UPDATE SET"
	" name = coalesce(?2, name), level = coalesce(?3, level),"
	" active = coalesce(?4, active)";

static int site_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct site_ctx *c = vctx;
	sqlite3_stmt *s;
	int64_t id;
	char what[300];
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK ||
	    (rc = id_of(st, SQL_SITE_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	if (!c->code[0] || strlen(c->code) >= sizeof ((struct yc_site_row *)0)->code || strchr(c->code, ' '))
		return refuse(err, _("'%s' cannot be a site code: letters and digits, no spaces."), c->code);
	if (!id && (!c->name || !c->name[0]))
		return refuse(err, _("A new site needs its name (--name), e.g. %s."), "图克镇便民服务中心");
	if (c->level && strcmp(c->level, "banner") != 0 && strcmp(c->level, "township") != 0)
		return refuse(err, _("A site's level is banner or township, not '%s'."), c->level);
	if (!(s = store_prep(st, SQL_SITE_UPSERT)))
		return st->rc;
	sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
	if (c->name && c->name[0])
		sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->level ? c->level : id ? NULL : "township", -1, SQLITE_STATIC);
	if (c->active >= 0)
		sqlite3_bind_int(s, 4, c->active);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (!id && (rc = id_of(st, SQL_SITE_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "code=%s name=%s level=%s active=%d", c->code, c->name ? c->name : "",
		 c->level ? c->level : "", c->active);
	return store_event(st, c->by, "site", id, "set", NULL, what);
}

int store_site_set(struct yc_store *st, int64_t by, const char *code, const char *name, const char *level,
		   int active, struct yc_err *err)
{
	struct site_ctx c = { by, code, name, level, active };

	return store_run(st, 1, site_set, &c, err);
}

static const char SQL_DEPARTMENTS[] =
	"SELECT d.code, d.name, (SELECT count(*) FROM users u WHERE u.department_id = d.id"
	" AND u.role = 'reviewer' AND u.active = 1) FROM departments d ORDER BY d.code";

static void read_department_row(sqlite3_stmt *s, void *row)
{
	struct yc_department_row *d = row;

	store_col_text(s, 0, d->code, sizeof d->code);
	store_col_text(s, 1, d->name, sizeof d->name);
	d->reviewers = sqlite3_column_int(s, 2);
}

int store_departments_list(struct yc_store *st, struct yc_department_row **rows, int *n, struct yc_err *err)
{
	struct collect_ctx c = { SQL_DEPARTMENTS, NULL, sizeof **rows, read_department_row, NULL, 0, 0 };

	return collect_all(st, &c, (void **)rows, n, err);
}

struct department_ctx {
	int64_t by;
	const char *code, *name;
};

static const char SQL_DEPARTMENT_UPSERT[] =
	"INSERT INTO departments(code, name) VALUES (?1, ?2) ON CONFLICT(code) DO UPDATE SET name = ?2";

static int department_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct department_ctx *c = vctx;
	sqlite3_stmt *s;
	int64_t id;
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK)
		return rc;
	if (!c->code[0] || strlen(c->code) >= sizeof ((struct yc_department_row *)0)->code || strchr(c->code, ' '))
		return refuse(err, _("'%s' cannot be a department code: letters and digits, no spaces."), c->code);
	if (!c->name || !c->name[strspn(c->name, " ")])
		return refuse(err, "%s", _("The department's name is empty."));
	if (!(s = store_prep(st, SQL_DEPARTMENT_UPSERT)))
		return st->rc;
	sqlite3_bind_text(s, 1, c->code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->name, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s)) != SQLITE_OK || (rc = id_of(st, SQL_DEPARTMENT_ID, c->code, &id)) != SQLITE_OK)
		return rc;
	return store_event(st, c->by, "department", id, "set", NULL, c->name);
}

int store_department_set(struct yc_store *st, int64_t by, const char *code, const char *name,
			 struct yc_err *err)
{
	struct department_ctx c = { by, code, name };

	return store_run(st, 1, department_set, &c, err);
}

/* The contract ------------------------------------------------------------------ */

static const char SQL_CONTRACT_ON[] =
	"SELECT id, contractor, fee_fen_per_year, starts_on, ends_on FROM contracts"
	" WHERE starts_on <= ?1 AND ends_on >= ?1 ORDER BY id DESC LIMIT 1";

static void read_contract(sqlite3_stmt *s, void *row)
{
	struct yc_contract *c = row;

	c->id = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, c->contractor, sizeof c->contractor);
	c->fee_fen_per_year = sqlite3_column_int64(s, 2);
	store_col_text(s, 3, c->starts_on, sizeof c->starts_on);
	store_col_text(s, 4, c->ends_on, sizeof c->ends_on);
}

int store_contract_on(struct yc_store *st, const char *day, struct yc_contract *out, struct yc_err *err)
{
	struct collect_ctx c = { SQL_CONTRACT_ON, day, sizeof *out, read_contract, NULL, 0, 0 };
	struct yc_contract *rows;
	int n;

	if (collect_all(st, &c, (void **)&rows, &n, err) < 0)
		return -1;
	if (n)
		*out = rows[0];
	free(rows);
	return n ? 0 : 1;
}

int store_fee_of_month(struct yc_store *st, const char *month, long fallback_fen, long *fee_fen)
{
	sqlite3_stmt *s = store_prep(st, SQL_CONTRACT_ON);
	char first[11];
	int rc;

	if (!s)
		return st->rc;
	snprintf(first, sizeof first, "%.7s-01", month);
	sqlite3_bind_text(s, 1, first, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	/* a twelfth of the year's fee, rounded to the fen */
	*fee_fen = rc == SQLITE_ROW ? (long)((sqlite3_column_int64(s, 2) + 6) / 12) : fallback_fen;
	sqlite3_reset(s);
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

struct fee_ctx {
	const char *month;
	long fallback_fen, fee_fen;
};

static int monthly_fee(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct fee_ctx *c = vctx;

	(void)err;
	return store_fee_of_month(st, c->month, c->fallback_fen, &c->fee_fen);
}

int store_monthly_fee(struct yc_store *st, const char *month, long fallback_fen, long *fee_fen,
		      struct yc_err *err)
{
	struct fee_ctx c = { month, fallback_fen, 0 };

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

static int contract_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct contract_ctx *c = vctx;
	sqlite3_stmt *s;
	yc_date from, to;
	char now[20], what[300];
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK)
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
	sqlite3_bind_text(s, 1, c->c->contractor, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 2, c->c->fee_fen_per_year);
	sqlite3_bind_text(s, 3, c->c->starts_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 4, c->c->ends_on, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 5, now, -1, SQLITE_TRANSIENT);
	if (c->by > 0)
		sqlite3_bind_int64(s, 6, c->by);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "contractor=%s fee_fen_per_year=%lld %s..%s", c->c->contractor,
		 c->c->fee_fen_per_year, c->c->starts_on, c->c->ends_on);
	return store_event(st, c->by, "contract", sqlite3_last_insert_rowid(st->db), "set", NULL, what);
}

int store_contract_set(struct yc_store *st, int64_t by, const struct yc_contract *c, struct yc_err *err)
{
	struct contract_ctx x = { by, c };

	return store_run(st, 1, contract_set, &x, err);
}

/* The calendar -------------------------------------------------------------------- */

static const char SQL_CALENDAR_YEARS[] =
	"SELECT y.year, y.source, y.imported_at, (SELECT count(*) FROM calendar_days"
	" WHERE day >= y.year || '-01-01' AND day <= y.year || '-12-31') FROM calendar_years y ORDER BY y.year";

static void read_year_row(sqlite3_stmt *s, void *row)
{
	struct yc_calendar_year *y = row;

	y->year = sqlite3_column_int(s, 0);
	store_col_text(s, 1, y->source, sizeof y->source);
	store_col_text(s, 2, y->imported_at, sizeof y->imported_at);
	y->days = sqlite3_column_int(s, 3);
}

int store_calendar_years(struct yc_store *st, struct yc_calendar_year **rows, int *n, struct yc_err *err)
{
	struct collect_ctx c = { SQL_CALENDAR_YEARS, NULL, sizeof **rows, read_year_row, NULL, 0, 0 };

	return collect_all(st, &c, (void **)rows, n, err);
}

struct year_days_ctx {
	int year;
	void (*each)(void *ctx, const char *day, const char *kind, const char *name);
	void *ctx;
};

static const char SQL_YEAR_DAYS[] =
	"SELECT day, kind, name FROM calendar_days WHERE day >= ?1 || '-01-01' AND day <= ?1 || '-12-31'"
	" ORDER BY day";

static int year_days(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct year_days_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_YEAR_DAYS);
	int rc;

	if (!s)
		return st->rc;
	sqlite3_bind_int(s, 1, c->year);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW)
		c->each(c->ctx, (const char *)sqlite3_column_text(s, 0), (const char *)sqlite3_column_text(s, 1),
			(const char *)sqlite3_column_text(s, 2));
	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_calendar_year_days(struct yc_store *st, int year,
			     void (*each)(void *ctx, const char *day, const char *kind, const char *name),
			     void *ctx, struct yc_err *err)
{
	struct year_days_ctx c = { year, each, ctx };

	return store_run(st, 0, year_days, &c, err);
}

struct import_ctx {
	int64_t by;
	const struct cal_file *f;
	const char *source;
};

static const char SQL_YEAR_CLEAR[] =
	"DELETE FROM calendar_days WHERE day >= ?1 || '-01-01' AND day <= ?1 || '-12-31'";
static const char SQL_YEAR_KNOWN[] =
	"INSERT OR REPLACE INTO calendar_years(year, source, imported_at) VALUES (?1, ?2, ?3)";
static const char SQL_DAY_PUT[] = "INSERT OR REPLACE INTO calendar_days(day, kind, name) VALUES (?1, ?2, ?3)";

/* The notice's own year replaces what was known of it, whole, and is
 * known from now on; a day of another year it lists (元旦 on 12-31 of the
 * year before) is added or changed, that year neither emptied nor called
 * known. */
static int import_notice(struct yc_store *st, struct import_ctx *c, const char *now)
{
	sqlite3_stmt *s = store_prep(st, SQL_YEAR_CLEAR);
	char what[200];
	size_t i;
	int rc, days = 0, others = 0;

	if (!s)
		return st->rc;
	sqlite3_bind_int(s, 1, c->f->year);
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
		sqlite3_bind_text(s, 1, day, -1, SQLITE_TRANSIENT);
		sqlite3_bind_text(s, 2, e->kind == CAL_OFF ? "off" : "work", -1, SQLITE_STATIC);
		sqlite3_bind_text(s, 3, e->name, -1, SQLITE_STATIC);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		if (y == c->f->year)
			days++;
		else
			others++;
	}
	if (!(s = store_prep(st, SQL_YEAR_KNOWN)))
		return st->rc;
	sqlite3_bind_int(s, 1, c->f->year);
	sqlite3_bind_text(s, 2, c->source, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, now, -1, SQLITE_STATIC);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(what, sizeof what, "%d days (and %d of other years) from %s", days, others, c->source);
	return store_event(st, c->by, "calendar", c->f->year, "imported", NULL, what);
}

static int calendar_import(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct import_ctx *c = vctx;
	char now[20];
	int rc;

	if ((rc = may_administer(st, c->by, err)) != SQLITE_OK)
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

	return store_run(st, 1, calendar_import, &c, err);
}
