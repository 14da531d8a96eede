/* store-users.c - user accounts and login outcomes. */
#include "config.h"

#include <string.h>

#include "store-internal.h"
#include "store-select.h"
#include "store-users.h"

struct user_get_ctx {
	const char *login;
	struct yc_user *u;
	int found;
};

/* A user's columns, declared once: SQL_USER_GET selects them in this order. */
static const struct store_col user_cols[] = {
	STORE_COL_INT64(struct yc_user, id, "u.id"),
	STORE_COL_TEXT(struct yc_user, login, "u.login"),
	STORE_COL_TEXT(struct yc_user, full_name, "u.full_name"),
	STORE_COL_TEXT(struct yc_user, role, "u.role"),
	STORE_COL_INT64(struct yc_user, department_id, "coalesce(u.department_id, 0)"),
	STORE_COL_TEXT(struct yc_user, department, "coalesce(d.name, '')"),
	STORE_COL_TEXT(struct yc_user, password_hash, "u.password_hash"),
	STORE_COL_INT(struct yc_user, must_change_password, "u.must_change_password"),
	STORE_COL_INT(struct yc_user, failed_logins, "u.failed_logins"),
	STORE_COL_TEXT(struct yc_user, locked_until, "coalesce(u.locked_until, '')"),
	STORE_COL_INT(struct yc_user, active, "u.active"),
};
static const char SQL_USER_GET[] =
	"SELECT u.id, u.login, u.full_name, u.role, coalesce(u.department_id, 0),"
	" coalesce(d.name, ''), u.password_hash, u.must_change_password, u.failed_logins,"
	" coalesce(u.locked_until, ''), u.active"
	" FROM users u LEFT JOIN departments d ON d.id = u.department_id WHERE u.login = ?1";

static int user_get(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct user_get_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_USER_GET);
	struct yc_user *u = c->u;
	int rc;

	if (!s)
		return st->rc;
	c->found = 0;
	db_bind_text(s, 1, c->login);
	rc = db_step(s);
	if (rc == DB_DONE)
		return SQLITE_OK;
	if (rc != DB_ROW)
		return rc;
	memset(u, 0, sizeof *u);
	store_map_row(s, user_cols, (int)YC_ARRAY_LEN(user_cols), u);
	c->found = 1;
	return SQLITE_OK;
}

static const char SQL_USER_ROLE[] =
	"SELECT role, coalesce(department_id, 0) FROM users WHERE id = ?1 AND active = 1";

int store_user_may(struct yc_store *st, int64_t user_id, enum yc_perm perm, int64_t *department_id,
		   struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_USER_ROLE);
	struct yc_user u;
	int rc;

	if (!s)
		return st->rc;
	memset(&u, 0, sizeof u);
	db_bind_int64(s, 1, user_id);
	rc = db_step(s);
	if (rc == DB_ROW) {
		store_col_text(s, 0, u.role, sizeof u.role);
		u.department_id = db_col_int64(s, 1);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EDENIED, _("Please log in first."));
		return -1;
	}
	if (department_id)
		*department_id = u.department_id;
	return auth_require(&u, perm, err) < 0 ? -1 : SQLITE_OK;
}

int store_user_get(struct yc_store *st, const char *login, struct yc_user *u, struct yc_err *err)
{
	struct user_get_ctx c = { login, u, 0 };

	if (store_run(st, 0, user_get, &c, err) < 0)
		return -1;
	return c.found ? 0 : 1;
}

struct outcome_ctx {
	int64_t user_id;
	int success;
	int failed;
	const char *locked_until;
};

static const char SQL_LOGIN_OUTCOME[] =
	"UPDATE users SET failed_logins = ?2, locked_until = ?3 WHERE id = ?1";

static int login_outcome(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct outcome_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_LOGIN_OUTCOME);
	const char *action;
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->user_id);
	db_bind_int(s, 2, c->failed);
	if (c->locked_until)
		db_bind_text(s, 3, c->locked_until);
	rc = db_step(s);
	if (rc != DB_DONE)
		return rc;
	action = c->success ? "login" : c->locked_until ? "locked" : "login_failed";
	return store_event(st, c->user_id, "user", c->user_id, action, NULL, NULL);
}

int store_user_login_outcome(struct yc_store *st, int64_t user_id, int success,
			     int failed_logins, const char *locked_until, struct yc_err *err)
{
	struct outcome_ctx c = { user_id, success, failed_logins, locked_until };

	return store_run(st, 1, login_outcome, &c, err);
}

struct password_ctx {
	int64_t user_id;
	const char *hash;
	int must_change;
};

static const char SQL_SET_PASSWORD[] =
	"UPDATE users SET password_hash = ?2, must_change_password = ?3 WHERE id = ?1";

static int set_password(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct password_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_SET_PASSWORD);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->user_id);
	db_bind_text(s, 2, c->hash);
	db_bind_int(s, 3, c->must_change);
	rc = db_step(s);
	if (rc != DB_DONE)
		return rc;
	return store_event(st, c->user_id, "user", c->user_id, "password_changed", NULL, NULL);
}

int store_user_set_password(struct yc_store *st, int64_t user_id, const char *hash,
			    int must_change, struct yc_err *err)
{
	struct password_ctx c = { user_id, hash, must_change };

	return store_run(st, 1, set_password, &c, err);
}
