/* Passwords, lockout and the role table, against a real database. */
#include "config.h"

#include <string.h>
#include <time.h>

#include "store-users.h"
#include "testdb.h"

START_TEST(penalty_policy)
{
	struct login_penalty p;

	p = auth_penalty(1, 5);
	ck_assert_int_eq(p.delay_ms, 0);
	ck_assert_int_eq(p.lock, 0);
	p = auth_penalty(3, 5);
	ck_assert_int_eq(p.delay_ms, 1000);
	p = auth_penalty(4, 5);
	ck_assert_int_eq(p.delay_ms, 2000);
	ck_assert_int_eq(p.lock, 0);
	p = auth_penalty(5, 5);
	ck_assert_int_eq(p.lock, 1);
}
END_TEST

START_TEST(hash_is_argon2id_and_verifies)
{
	char hash[160];

	ck_assert_int_eq(auth_init(), 0);
	ck_assert_int_eq(auth_hash_password("办事方便", hash, sizeof hash), 0);
	ck_assert_ptr_nonnull(strstr(hash, "$argon2id$"));
	ck_assert(auth_verify_password(hash, "办事方便"));
	ck_assert(!auth_verify_password(hash, "办事方"));
}
END_TEST

START_TEST(demo_user_logs_in)
{
	struct yc_store *st = open_db(make_db(1), "unix", 2000);
	struct yc_user u;
	struct yc_err err;

	ck_assert_int_eq(auth_login(st, "intake", "demo", &u, &err), 0);
	ck_assert_str_eq(u.role, "intake");
	ck_assert_int_eq(u.failed_logins, 0);
	store_close(st);
}
END_TEST

START_TEST(wrong_password_and_unknown_user_look_the_same)
{
	struct yc_store *st = open_db(make_db(1), "unix", 2000);
	struct yc_user u;
	struct yc_err e1, e2;

	ck_assert_int_eq(auth_login(st, "intake", "wrong", &u, &e1), -1);
	ck_assert_int_eq(auth_login(st, "nobody", "wrong", &u, &e2), -1);
	ck_assert_int_eq(e1.code, YC_EAUTH);
	ck_assert_int_eq(e2.code, YC_EAUTH);
	ck_assert_str_eq(e1.msg, e2.msg);
	ck_assert_int_eq(store_user_get(st, "intake", &u, &e1), 0);
	ck_assert_int_eq(u.failed_logins, 1);
	store_close(st);
}
END_TEST

START_TEST(account_locks_after_max_failures)
{
	struct yc_store *st;
	struct yc_user u;
	struct yc_err err;

	/* The lock runs on the real clock (time(), not yc_now()), written and
	 * read back as local time: in a zone with summer time, a lock taken in
	 * the hour before the clocks go back may read as already over. The
	 * hall's zone (lib.sh's too) has none. */
	setenv("TZ", "Asia/Shanghai", 1);
	tzset();
	st = open_db(make_db(1), "unix", 2000);
	/* the hall's max_failures 2: the first failure costs nothing, the
	 * second locks (what the call passes is ignored) */
	set_policy(st, "login.max_failures", "2");
	ck_assert_int_eq(auth_login(st, "guide", "x", &u, &err), -1);
	ck_assert_int_eq(err.code, YC_EAUTH);
	ck_assert_int_eq(auth_login(st, "guide", "y", &u, &err), -1);
	ck_assert_int_eq(err.code, YC_ELOCKED);
	/* now even the right password is refused, with the minutes left */
	ck_assert_int_eq(auth_login(st, "guide", "demo", &u, &err), -1);
	ck_assert_int_eq(err.code, YC_ELOCKED);
	ck_assert_ptr_nonnull(strstr(err.msg, "15 minutes"));
	store_close(st);
}
END_TEST

START_TEST(roles_open_only_their_screens)
{
	struct yc_user u;
	struct yc_err err;

	ck_assert(auth_role_allows("intake", PERM_INTAKE));
	ck_assert(!auth_role_allows("guide", PERM_INTAKE));
	ck_assert(auth_role_allows("reviewer", PERM_BACKOFFICE));
	ck_assert(!auth_role_allows("pickup", PERM_BACKOFFICE));
	ck_assert(auth_role_allows("supervisor", PERM_ASSESSMENT));
	ck_assert(!auth_role_allows("intake", PERM_ASSESSMENT));
	ck_assert(auth_role_allows("admin", PERM_ADMIN));
	ck_assert(!auth_role_allows("supervisor", PERM_ADMIN));
	ck_assert(!auth_role_allows("nobody", PERM_CATALOG_VIEW));
	memset(&u, 0, sizeof u);
	strcpy(u.role, "guide");
	ck_assert_int_eq(auth_require(&u, PERM_ADMIN, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(auth_require(&u, PERM_GUIDANCE, &err), 0);
}
END_TEST

START_TEST(password_rules)
{
	struct yc_err err;

	ck_assert_int_eq(auth_password_acceptable("intake", "old", "新密码abc123", "新密码abc123", &err), 0);
	ck_assert_int_eq(auth_password_acceptable("intake", "old", "abc12345", "abc12346", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "not the same"));
	ck_assert_int_eq(auth_password_acceptable("intake", "old", "short", "short", &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "at least 8"));
	/* counted in characters, not bytes: 四个汉字 is 12 bytes but 4 characters */
	ck_assert_int_eq(auth_password_acceptable("intake", "old", "四个汉字", "四个汉字", &err), -1);
	ck_assert_int_eq(auth_password_acceptable("longlogin1", "old", "longlogin1", "longlogin1", &err), -1);
	ck_assert_int_eq(auth_password_acceptable("intake", "same-as-old", "same-as-old", "same-as-old", &err), -1);
}
END_TEST

START_TEST(initial_password_must_change_then_works)
{
	struct yc_store *st = open_db(make_db(0), "unix", 2000);
	struct yc_user u;
	struct yc_err err;

	ck_assert_int_eq(auth_login(st, "admin", "first-pass", &u, &err), 0);
	ck_assert_int_eq(u.must_change_password, 1);
	ck_assert_int_eq(auth_change_password(st, &u, "wrong", "hall-2026!", "hall-2026!", &err), -1);
	ck_assert_int_eq(err.code, YC_EAUTH);
	ck_assert_int_eq(auth_change_password(st, &u, "first-pass", "hall-2026!", "hall-2026!", &err), 0);
	ck_assert_int_eq(u.must_change_password, 0);
	ck_assert_int_eq(auth_login(st, "admin", "first-pass", &u, &err), -1);
	ck_assert_int_eq(auth_login(st, "admin", "hall-2026!", &u, &err), 0);
	ck_assert_int_eq(u.must_change_password, 0);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("auth");
	TCase *t = tcase_create("auth");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, penalty_policy);
	tcase_add_test(t, hash_is_argon2id_and_verifies);
	tcase_add_test(t, demo_user_logs_in);
	tcase_add_test(t, wrong_password_and_unknown_user_look_the_same);
	tcase_add_test(t, account_locks_after_max_failures);
	tcase_add_test(t, roles_open_only_their_screens);
	tcase_add_test(t, password_rules);
	tcase_add_test(t, initial_password_must_change_then_works);
	suite_add_tcase(s, t);
	return run_suite(s);
}
