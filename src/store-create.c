/* store-create.c - a new database: built aside, then moved into place, so
 * that nobody ever opens half a database. */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "auth.h"
#include "dialect.h"
#include "embedded.h"
#include "store-internal.h"

#define APPLICATION_ID_SQL "PRAGMA application_id = 1497581617"   /* 'YCH1' */

struct demo_user {
	const char *login, *name, *role;
	int in_department;
};

static const struct demo_user demo_users[] = {
	{ "guide", "导服员 赵敏", "guide", 0 },
	{ "intake", "受理员 孙晓梅", "intake", 0 },
	{ "review", "审批员 周建国", "reviewer", 1 },
	{ "pickup", "出件员 吴婷", "pickup", 0 },
	{ "super", "考核组 郑伟", "supervisor", 0 },
	{ "admin", "管理员 钱进", "admin", 0 },
	{ "contractor", "服务方 李娜", "contractor", 0 },
};

static const char SQL_SITE[] = "INSERT INTO sites(code, name, level) VALUES (?1, ?2, ?3)";
static const char SQL_CAL_DAY[] =
	"INSERT INTO calendar_days(day, kind, name) VALUES (?1, ?2, ?3)"
	" ON CONFLICT(day) DO UPDATE SET kind = excluded.kind, name = excluded.name";
static const char SQL_USER_ADD[] =
	"INSERT INTO users(login, full_name, role, department_id, site_id, password_hash,"
	" must_change_password) VALUES (?1, ?2, ?3,"
	" CASE WHEN ?4 <> 0 THEN (SELECT min(id) FROM departments) END,"
	" (SELECT min(id) FROM sites), ?5, ?6)";
/* The years the shipped (or configured) holiday list covers are known. */
static const char SQL_CALENDAR_YEARS[] =
	"INSERT INTO calendar_years(year, source, imported_at)"
	" SELECT DISTINCT CAST(substr(day, 1, 4) AS INTEGER), 'built-in', ?1 FROM calendar_days WHERE true"
	" ON CONFLICT DO NOTHING";   /* WHERE: SQLite's reading of ON after a SELECT */
/* (a table and an insert: PostgreSQL prepares no CREATE TABLE AS with
 * parameters) */
static const char SQL_DEMO_CLOCK_TABLE[] = "CREATE TEMP TABLE demo_clock(today TEXT)";
static const char SQL_DEMO_CLOCK[] = "INSERT INTO demo_clock(today) VALUES (?1)";

struct create_ctx {
	struct yc_store *st;
	int rc;
};

static void add_calendar_day(void *vctx, const char *day, const char *kind, const char *name)
{
	struct create_ctx *c = vctx;
	db_stmt *s;

	if (c->rc != SQLITE_OK)
		return;
	s = store_prep(c->st, SQL_CAL_DAY);
	if (!s) {
		c->rc = c->st->rc;
		return;
	}
	db_bind_text_copy(s, 1, day);
	db_bind_text_copy(s, 2, kind);
	db_bind_text_copy(s, 3, name);
	c->rc = db_step(s);
	db_reset(s);
	if (c->rc == DB_DONE)
		c->rc = SQLITE_OK;
}

static int create_tx_add_user(struct yc_store *st, const char *login, const char *name, const char *role,
		    int in_department, const char *password, int must_change, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_USER_ADD);
	char hash[160];
	int rc;

	if (!s)
		return st->rc;
	if (auth_hash_password(password, hash, sizeof hash) < 0) {
		yc_err_set(err, YC_EINTERNAL, _("Could not hash a password (out of memory?)."));
		return -1;
	}
	db_bind_text(s, 1, login);
	db_bind_text(s, 2, name);
	db_bind_text(s, 3, role);
	db_bind_int(s, 4, in_department);
	db_bind_text_copy(s, 5, hash);
	db_bind_int(s, 6, must_change);
	rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int simple_step(struct yc_store *st, const char *sql, const char *const *texts, int n)
{
	db_stmt *s = store_prep(st, sql);
	int i, rc;

	if (!s)
		return st->rc;
	for (i = 0; i < n; i++)
		db_bind_text(s, i + 1, texts[i]);
	rc = db_step(s);
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

struct fill_args {
	const struct store_site *site;
	int demo;
	const char *admin_password;
	const char *holidays;
};

/* The tables, at the program's schema version. */
static int make_schema(struct yc_store *st)
{
	char version[64];
	int rc;
	size_t i;

	if (st->pg) {
		/* the whole schema at 27 in one file, then the twins of the
		 * migrations after it (doc/postgresql.md) */
		if ((rc = store_exec(st, yc_data_pg_schema_sql)) != SQLITE_OK)
			return rc;
		for (i = 0; dialect_pg_migration_sql((int)i); i++)
			if ((rc = store_exec(st, dialect_pg_migration_sql((int)i))) != SQLITE_OK)
				return rc;
		snprintf(version, sizeof version, "UPDATE schema_meta SET user_version = %d", store_schema_version());
		if ((rc = store_exec(st, version)) != SQLITE_OK)
			return rc;
		/* the audit's triggers, and this connection's notes of them, in
		 * the same transaction: the admin user and the shipped rows are
		 * the program's, sealed as made (store-audit-pg.c) */
		if ((rc = store_exec(st, yc_data_pg_audit_sql)) != SQLITE_OK)
			return rc;
		return store_audit_pg_attach(st);
	}
	/* the same steps an old database takes, so new and upgraded agree */
	for (i = 0; store_migration_sql((int)i); i++)
		if ((rc = store_exec(st, store_migration_sql((int)i))) != SQLITE_OK)
			return rc;
	snprintf(version, sizeof version, "PRAGMA user_version = %d", store_schema_version());
	if ((rc = store_exec(st, version)) != SQLITE_OK)
		return rc;
	return store_exec(st, APPLICATION_ID_SQL);
}

/* The demo's cases, dated back from today (demo_clock). */
static int add_demo_cases(struct yc_store *st)
{
	const char *today_arg[1];
	char today[11];
	int rc;

	yc_today(today);
	today_arg[0] = today;
	if ((rc = store_exec(st, SQL_DEMO_CLOCK_TABLE)) != SQLITE_OK ||
	    (rc = simple_step(st, SQL_DEMO_CLOCK, today_arg, 1)) != SQLITE_OK)
		return rc;
	/* PostgreSQL's twin: SQLite's dates and printf have no rewrite */
	if ((rc = store_exec(st, st->pg ? yc_data_pg_demo_cases_sql : yc_data_demo_cases_sql)) != SQLITE_OK)
		return rc;
	store_reset_all(st);   /* nothing holds the table dropped */
	return store_exec(st, "DROP TABLE demo_clock");
}

/* Every identity moved past the ids the shipped data gave (PostgreSQL:
 * rows inserted with their id leave the sequence where it was). */
static const char PG_SEQUENCES_PAST_IDS[] =
	"DO $$ DECLARE r record; BEGIN"
	" FOR r IN SELECT table_name, column_name FROM information_schema.columns"
	"  WHERE table_schema = current_schema() AND is_identity = 'YES' LOOP"
	"  EXECUTE format('SELECT setval(pg_get_serial_sequence(%L, %L), coalesce(max(%I), 0) + 1, false) FROM %I',"
	"   r.table_name, r.column_name, r.column_name, r.table_name);"
	" END LOOP; END $$";

/* Everything inside one transaction on the new database. */
static int fill(struct yc_store *st, const struct fill_args *a, struct yc_err *err)
{
	const char *site[3] = { a->site->code, a->site->name, a->site->level };
	struct create_ctx cc = { st, SQLITE_OK };
	struct yc_calendar cal;
	char now[20];
	int rc, line;
	size_t i;

	if ((rc = make_schema(st)) != SQLITE_OK ||
	    (rc = store_exec_portable(st, yc_data_base_sql)) != SQLITE_OK ||
	    (rc = simple_step(st, SQL_SITE, site, 3)) != SQLITE_OK ||
	    (rc = store_exec_portable(st, yc_data_demo_catalog_sql)) != SQLITE_OK ||
	    (rc = store_exec_portable(st, yc_data_assessment_criteria_sql)) != SQLITE_OK ||
	    (rc = store_exec_portable(st, yc_data_bundles_sql)) != SQLITE_OK ||
	    (rc = store_exec_portable(st, yc_data_scenarios_sql)) != SQLITE_OK ||
	    (rc = store_items_fill_pinyin(st)) != SQLITE_OK)
		return rc;
	/* the shipped checkpoints date from when they took effect, not from
	 * the day this database was made */
	rc = store_exec(st, "UPDATE checkpoints SET changed_at = effective_from || ' 00:00:00'");
	if (rc != SQLITE_OK)
		return rc;
	cal_init(&cal);
	line = cal_parse(&cal, a->holidays, add_calendar_day, &cc);
	cal_free(&cal);
	if (line > 0) {
		yc_err_set(err, YC_EINVAL, _("Line %d of the holiday list is not DATE<TAB>off|work<TAB>name."),
			   line);
		return -1;
	}
	if (cc.rc != SQLITE_OK || line < 0)
		return cc.rc != SQLITE_OK ? cc.rc : SQLITE_NOMEM;
	yc_now(now);   /* the fixed clock of training rooms and tests too */
	site[0] = now;
	if ((rc = simple_step(st, SQL_CALENDAR_YEARS, site, 1)) != SQLITE_OK)
		return rc;
	if (a->demo) {
		for (i = 0; i < YC_ARRAY_LEN(demo_users); i++) {
			const struct demo_user *u = &demo_users[i];

			rc = create_tx_add_user(st, u->login, u->name, u->role, u->in_department, "demo", 0, err);
			if (rc != SQLITE_OK)
				return rc;
		}
		if ((rc = add_demo_cases(st)) != SQLITE_OK)
			return rc;
	} else {
		rc = create_tx_add_user(st, "admin", _("Administrator"), "admin", 0, a->admin_password, 1, err);
		if (rc != SQLITE_OK)
			return rc;
	}
	if (st->pg && (rc = store_exec(st, PG_SEQUENCES_PAST_IDS)) != SQLITE_OK)
		return rc;
	return store_event(st, 0, "database", 0, "created", NULL, a->demo ? "demo" : NULL);
}

/* Move the finished file to its name without ever replacing another. */
static int publish(const char *tmp, const char *path)
{
	if (link(tmp, path) == 0)
		return unlink(tmp);
	if (errno == EEXIST)
		return -1;
	/* shares without hard links: check, then rename */
	if (access(path, F_OK) == 0) {
		errno = EEXIST;
		return -1;
	}
	return rename(tmp, path);
}

int store_create(const char *path, const struct store_site *site, int demo,
		 const char *admin_password, const char *holidays_text, struct yc_err *err)
{
	struct fill_args a = { site, demo, admin_password, holidays_text };
	struct yc_store *st;
	char tmp[YC_LOCK_PATH_MAX];
	struct stat sb;
	int rc;

	if (stat(path, &sb) == 0) {
		yc_err_set(err, YC_EEXISTS, _("%s already exists; yichuang init never overwrites a database."),
			   path);
		return -1;
	}
	st = calloc(1, sizeof *st);
	if (!st) {
		yc_err_set(err, YC_EINTERNAL, _("Out of memory."));
		return -1;
	}
	yc_strlcpy(st->path, path, sizeof st->path);
	snprintf(tmp, sizeof tmp, "%s.new-%ld", path, (long)getpid());
	unlink(tmp);
	rc = sqlite3_open_v2(tmp, &st->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE, NULL);
	if (rc == SQLITE_OK)
		rc = store_exec(st, "PRAGMA journal_mode = DELETE; PRAGMA synchronous = FULL;"
				  " PRAGMA foreign_keys = ON; BEGIN");
	if (rc == SQLITE_OK) {
		rc = fill(st, &a, err);
		/* finalize before COMMIT/ROLLBACK so that nothing holds the file */
		for (int i = 0; i < st->n_cached; i++)
			db_reset(st->cache[i].stmt);
		if (rc == SQLITE_OK)
			rc = store_exec(st, "COMMIT");
		else
			store_exec(st, "ROLLBACK");
	}
	if (rc > 0) {
		if ((rc & 0xFF) == SQLITE_CANTOPEN)
			yc_err_set(err, YC_EIO, _("Cannot create the database %s: does its folder exist and may this user write there?"),
				   path);
		else
			store_set_error(st, rc, err);
	}
	store_close(st);
	if (rc != SQLITE_OK) {
		unlink(tmp);
		return -1;
	}
	if (publish(tmp, path) != 0) {
		yc_err_set(err, errno == EEXIST ? YC_EEXISTS : YC_EIO,
			   _("Could not put the new database in place at %s: %s."), path, strerror(errno));
		unlink(tmp);
		return -1;
	}
	return 0;
}

/* Whether the server's database (its current schema) has no tables,
 * views or sequences yet: 1, 0, or an error code. */
static const char SQL_PG_OBJECTS[] =
	"SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
	" WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'v', 'm', 'S', 'p', 'f')";

int store_server_is_empty(struct yc_store *st)
{
	db_stmt *s = store_prep(st, SQL_PG_OBJECTS);
	int rc;

	if (!s)
		return st->rc;
	rc = db_step(s);
	if (rc == DB_ROW)
		rc = db_col_int64(s, 0) == 0;
	db_reset(s);
	return rc;
}

int store_create_server(const char *conninfo, const char *password_file, const struct store_site *site,
			int demo, const char *admin_password, const char *holidays_text, struct yc_err *err)
{
	struct fill_args a = { site, demo, admin_password, holidays_text };
	struct yc_store *st;
	int rc;

	if (store_server_connect(&st, conninfo, password_file, NULL, err) < 0)
		return -1;
	rc = store_server_is_empty(st);
	if (rc == 0) {
		yc_err_set(err, YC_EEXISTS,
			   _("The database %s on the server already has tables; yichuang init only fills an empty database. Name a new one (createdb) in database.conninfo."),
			   conninfo);
		store_close(st);
		return -1;
	}
	rc = rc == 1 ? store_exec(st, "BEGIN") : rc;
	if (rc == SQLITE_OK) {
		rc = fill(st, &a, err);
		store_reset_all(st);
		if (rc == SQLITE_OK)
			rc = store_exec(st, "COMMIT");
		else
			store_exec(st, "ROLLBACK");
	}
	if (rc > 0)
		store_set_error(st, rc, err);
	store_close(st);
	return rc == SQLITE_OK ? 0 : -1;
}
