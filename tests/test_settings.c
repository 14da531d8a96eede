/* Configuration: layered files, and every mistake named by file and line
 * with nothing half-applied. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "settings.h"
#include "unit.h"

static char dir[200];

static const char *write_file(const char *name, const char *text)
{
	static char path[4][256];
	static int next;
	char *p = path[next++ % 4];
	FILE *f;

	snprintf(p, 256, "%s/%s", dir, name);
	f = fopen(p, "w");
	ck_assert_ptr_nonnull(f);
	fputs(text, f);
	fclose(f);
	return p;
}

static void setup(void)
{
	scratch_mkdtemp(dir, sizeof dir, "settings");
	/* no system or user file unless a test writes one */
	setenv("YICHUANG_SYSCONF", "/nonexistent/yichuang.conf", 1);
	setenv("XDG_CONFIG_HOME", dir, 1);
}

START_TEST(shipped_example_loads)
{
	struct yc_settings s;
	struct yc_err err;
	char path[1024];

	snprintf(path, sizeof path, "%s/data/yichuang.conf.example", getenv("YC_SRCDIR"));
	yc_err_clear(&err);
	ck_assert_msg(settings_load(&s, path, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.db_locking, "unix-dotfile");
	ck_assert_str_eq(s.site_name, "乌审旗政务服务中心");
	ck_assert_int_eq(s.busy_timeout_ms, 10000);
	ck_assert_str_eq(s.print_command, "lp -d hall-printer %f");
}
END_TEST

START_TEST(later_files_override_earlier)
{
	struct yc_settings s;
	struct yc_err err;
	char user_dir[300];
	const char *sys = write_file("sys.conf",
		"database: { path = \"/srv/a.db\"; busy_timeout_ms = 2000; };\nlanguage = \"en\";\n");
	const char *explicit_file = write_file("x.conf", "database: { busy_timeout_ms = 3000; };\n");

	snprintf(user_dir, sizeof user_dir, "%s/yichuang", dir);
	ck_assert_int_eq(mkdir(user_dir, 0700), 0);
	write_file("yichuang/yichuang.conf", "site: { name = \"嘎鲁图镇便民服务中心\"; level = \"township\"; };\n");
	setenv("YICHUANG_SYSCONF", sys, 1);
	ck_assert_msg(settings_load(&s, explicit_file, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.db_path, "/srv/a.db");            /* system */
	ck_assert_str_eq(s.language, "en");                  /* system */
	ck_assert_str_eq(s.site_level, "township");          /* user */
	ck_assert_int_eq(s.busy_timeout_ms, 3000);           /* explicit wins */
	ck_assert_int_eq(s.n_loaded, 3);
}
END_TEST

static void expect_error(const char *text, const char *needle)
{
	struct yc_settings s;
	struct yc_err err;
	const char *path = write_file("bad.conf", text);

	yc_err_clear(&err);
	ck_assert_int_eq(settings_load(&s, path, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFIG);
	ck_assert_msg(strstr(err.msg, path) != NULL, "no file name in: %s", err.msg);
	ck_assert_msg(strstr(err.msg, needle) != NULL, "'%s' not in: %s", needle, err.msg);
}

START_TEST(syntax_error_names_file_and_line)
{
	expect_error("database:\n{\n  path = \"/x\";\n  locking = ;\n};\n", ":4: syntax error");
}
END_TEST

START_TEST(misspelt_setting_is_an_error)
{
	expect_error("database:\n{\n  pth = \"/x.db\";\n};\n", ":3: unknown setting 'database.pth'");
	expect_error("databse: { path = \"/x.db\"; };\n", "unknown setting 'databse'");
	expect_error("\nlanguge = \"en\";\n", ":2: unknown setting 'languge'");
}
END_TEST

START_TEST(wrong_values_are_errors)
{
	expect_error("database: { locking = \"posix\"; };\n", "unix, unix-dotfile");
	expect_error("database: { busy_timeout_ms = \"10\"; };\n", "whole number");
	expect_error("database: { busy_timeout_ms = 5; };\n", "between 100 and 600000");
	expect_error("station: { category = 42; };\n", "double quotes");
}
END_TEST

START_TEST(bad_file_changes_nothing)
{
	struct yc_settings s;
	struct yc_err err;
	const char *path = write_file("half.conf",
		"database: { path = \"/changed.db\"; busy_timeout_ms = 1; };\n");

	settings_defaults(&s);
	ck_assert_int_eq(settings_load_file(&s, path, 1, &err), -1);
	ck_assert_str_ne(s.db_path, "/changed.db");
	ck_assert_int_eq(s.busy_timeout_ms, 10000);
}
END_TEST

START_TEST(missing_explicit_file_is_an_error)
{
	struct yc_settings s;
	struct yc_err err;

	ck_assert_int_eq(settings_load(&s, "/nonexistent/yc.conf", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFIG);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/yc.conf"));
}
END_TEST

START_TEST(postgresql_is_chosen_with_a_connection_string)
{
	struct yc_settings s;
	struct yc_err err;
	const char *path;

	settings_defaults(&s);
	ck_assert_str_eq(s.db_backend, "sqlite");   /* a hall on a share needs nothing new */
	path = write_file("pg.conf", "database: { backend = \"postgresql\";"
			  " conninfo = \"host=db.wsq.gov.cn user=yichuang dbname=yichuang\"; };\n");
	yc_err_clear(&err);
	ck_assert_msg(settings_load(&s, path, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.db_backend, "postgresql");
	ck_assert_str_eq(s.db_conninfo, "host=db.wsq.gov.cn user=yichuang dbname=yichuang");
	expect_error("database: { backend = \"mysql\"; };\n", "sqlite, postgresql");
	/* the server named nowhere */
	path = write_file("noserver.conf", "database: { backend = \"postgresql\"; };\n");
	ck_assert_int_eq(settings_load(&s, path, &err), -1);
	ck_assert_ptr_nonnull(strstr(err.msg, "database.conninfo"));
}
END_TEST

START_TEST(a_password_in_the_configuration_is_refused)
{
	const char *const refused[] = {
		"host=db user=yc password=secret dbname=yc",
		"host=db password = 'it\\'s' dbname=yc",
		"postgresql://yc@db/yichuang?%70assword=secret",
		"password=x",
		"postgresql://yc:secret@db/yichuang",
		"postgresql://yc@db/yichuang?sslmode=require&password=secret",
	};
	const char *const allowed[] = {
		"host=db user=yc dbname=yc",
		"host=db application_name='password=x' dbname=yc",
		"passfile=/etc/yichuang/pgpass host=db",
		"postgresql://yc@db:5432/yichuang?sslmode=require",
	};
	char conf[512];
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(refused); i++) {
		ck_assert_msg(settings_conninfo_has_password(refused[i]), "%s", refused[i]);
		snprintf(conf, sizeof conf, "database: { conninfo = \"%s\"; };\n", refused[i]);
		expect_error(conf, ":1: setting 'database.conninfo' contains the server's password");
	}
	for (i = 0; i < YC_ARRAY_LEN(allowed); i++)
		ck_assert_msg(!settings_conninfo_has_password(allowed[i]), "%s", allowed[i]);
	/* what libpq cannot read is refused, without repeating it */
	expect_error("database: { conninfo = \"host=db junk password=s3cret\"; };\n",
		     ":1: setting 'database.conninfo' is not a connection string");
}
END_TEST

START_TEST(the_password_file_is_its_users_only)
{
	struct yc_settings s;
	struct yc_err err;
	char pw[300], conf[600];
	const char *path;

	snprintf(pw, sizeof pw, "%s", write_file("pgpassword", "secret\n"));
	snprintf(conf, sizeof conf, "database: { backend = \"postgresql\"; conninfo = \"host=db\";\n"
		 "  password_file = \"%s\"; };\n", pw);
	ck_assert_int_eq(chmod(pw, 0640), 0);
	expect_error(conf, ":2: Other users can read the password file");
	expect_error(conf, "chmod 600");
	ck_assert_int_eq(chmod(pw, 0604), 0);
	expect_error(conf, "(its permissions are 604)");
	ck_assert_int_eq(chmod(pw, 0600), 0);
	path = write_file("good.conf", conf);
	yc_err_clear(&err);
	ck_assert_msg(settings_load(&s, path, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(s.db_password_file, pw);
	snprintf(conf, sizeof conf, "database: { password_file = \"%s/none\"; };\n", dir);
	expect_error(conf, "Cannot read the password file");
	snprintf(conf, sizeof conf, "database: { password_file = \"%s\"; };\n", dir);
	expect_error(conf, "is not a plain file");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("settings");
	TCase *t = tcase_create("settings");

	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, shipped_example_loads);
	tcase_add_test(t, later_files_override_earlier);
	tcase_add_test(t, syntax_error_names_file_and_line);
	tcase_add_test(t, misspelt_setting_is_an_error);
	tcase_add_test(t, wrong_values_are_errors);
	tcase_add_test(t, bad_file_changes_nothing);
	tcase_add_test(t, missing_explicit_file_is_an_error);
	tcase_add_test(t, postgresql_is_chosen_with_a_connection_string);
	tcase_add_test(t, a_password_in_the_configuration_is_refused);
	tcase_add_test(t, the_password_file_is_its_users_only);
	suite_add_tcase(s, t);
	return run_suite(s);
}
