/* auth.h - passwords, login policy and who may do what.
 * Passwords are libsodium Argon2id strings. Permissions are checked here,
 * in the core: the menu only hides what this module would refuse anyway. */
#ifndef YC_AUTH_H
#define YC_AUTH_H

#include <stddef.h>
#include <stdint.h>

#include "store-users.h"
#include "yc.h"

struct yc_store;
struct yc_user;

int auth_init(void);
/* 0 on success. */
int auth_hash_password(const char *password, char *out, size_t outsz);
/* A random first password (12 letters and digits that cannot be mistaken
 * for one another), shown once and changed at the first login. */
void auth_initial_password(char out[13]);
/* 1 when the password matches the stored hash. */
int auth_verify_password(const char *hash, const char *password);

/* What happens after a wrong password: how long to make the next attempt
 * wait, and whether the account is now locked. Pure policy, unit-tested. */
struct login_penalty {
	int delay_ms;       /* sleep before saying "wrong password" */
	int lock;           /* 1: lock the account for lock_minutes */
};
struct login_penalty auth_penalty(int failures, int max_failures);

/* Log in: checks the lock, the password, records the outcome. On success
 * u holds the user. Errors: YC_EAUTH (wrong name or password: the message
 * never says which), YC_ELOCKED (with the minutes left). How many wrong
 * passwords lock an account, and for how long, is the hall's policy
 * (policy.h, read at each failure). */
int auth_login(struct yc_store *st, const char *login, const char *password, struct yc_user *u,
	       struct yc_err *err);

/* Whether a new password may be used: 0, or -1 with err saying why in
 * words a clerk understands. Pure, unit-tested. */
int auth_password_acceptable(const char *login, const char *current, const char *new_password,
			     const char *repeat, struct yc_err *err);

/* Change the user's own password after checking the current one and the
 * rules above; clears "must change". */
int auth_change_password(struct yc_store *st, struct yc_user *u, const char *current,
			 const char *new_password, const char *repeat, struct yc_err *err);

/* Permissions ---------------------------------------------------------- */

enum yc_perm {
	PERM_NONE = 0,          /* anyone logged in */
	PERM_CATALOG_VIEW,
	PERM_GUIDANCE,
	PERM_INTAKE,
	PERM_SLIPS,
	PERM_BACKOFFICE,
	PERM_PICKUP,
	PERM_SPECIAL,
	PERM_ASSESSMENT,
	PERM_REPORTS,
	PERM_ADMIN,
	PERM_QUEUE,             /* call tickets at a window */
	PERM_QUESTIONS,         /* answer questions escalated to the department */
	PERM_CATALOG_EDIT,      /* open the catalogue editor (which items: auth_may_edit_catalog) */
	PERM_SIGNED_SHEETS,     /* see the signed assessment sheets and lodge objections to them */
	PERM_COUNT
};

/* Roles: guide, intake, reviewer, pickup, supervisor, admin. */
int auth_role_allows(const char *role, enum yc_perm perm);
/* May u change the catalogue entries of this department? Administrators
 * may change all; department reviewers their own department's. 0 or -1
 * with err YC_EDENIED. */
int auth_may_edit_catalog(const struct yc_user *u, int64_t department_id, struct yc_err *err);

/* Check and explain: 0 allowed, -1 with err YC_EDENIED. */
int auth_require(const struct yc_user *u, enum yc_perm perm, struct yc_err *err);
/* Its users belong to a department (a reviewer): they are given one, and
 * see their department's cases, slips and results. */
int auth_role_in_department(const char *role);

/* The role's name for people, translated. */
const char *auth_role_label(const char *role);

#endif
