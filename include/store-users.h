/* store-users.h - the users: who they are, their passwords and stations (store-users.c). */
#ifndef YC_STORE_USERS_H
#define YC_STORE_USERS_H

#include <stdint.h>

#include "yc.h"

/* Not store.h: the toolkit (ui.h) knows the user at the window and
 * nothing else of the store. */
struct yc_store;

/* Users ------------------------------------------------------------------ */

struct yc_user {
	int64_t id;
	char login[32];
	char full_name[64];
	char role[16];
	int64_t department_id;
	char department[64];
	char password_hash[160];
	int must_change_password;
	int failed_logins;
	char locked_until[20];   /* "" when not locked */
	int active;
};

/* 0 found, 1 no such user, -1 error. */
int store_user_get(struct yc_store *st, const char *login, struct yc_user *u, struct yc_err *err);
/* Record a login outcome and its event in one transaction. */
int store_user_login_outcome(struct yc_store *st, int64_t user_id, int success,
			     int failed_logins, const char *locked_until, struct yc_err *err);
int store_user_set_password(struct yc_store *st, int64_t user_id, const char *hash,
			    int must_change, struct yc_err *err);

#endif
