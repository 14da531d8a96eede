/* store-backup-pg.c - backup and restore of a hall's database on a
 * PostgreSQL server (database.backend = "postgresql", issue #24).
 *
 * The backup is what a server's administrator expects: pg_dump's custom
 * format (-Fc), taken by PostgreSQL's own client tools (Debian package
 * postgresql-client) in one snapshot while the stations keep working,
 * read back whole by pg_restore before it gets its name. Restore puts
 * one into an EMPTY database (as init and migrate-to-postgresql fill
 * only an empty one: nothing of a hall is ever overwritten) in one
 * transaction, so that a failure leaves the database as empty as it was,
 * and writes in its event log from which backup, by whom, and that what
 * the hall saved after the backup's last event is not in it. The tools
 * get the password from database.password_file through their
 * environment (PGPASSWORD), never on their command line. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "store-internal.h"
#include "store-select.h"

/* The first line of what a tool wrote on its standard error, without
 * the tool's name ("pg_restore: error: "), into why. */
static void first_error_line(FILE *f, char *why, size_t n)
{
	char line[512];
	const char *p;

	why[0] = '\0';
	rewind(f);
	while (fgets(line, sizeof line, f)) {
		line[strcspn(line, "\r\n")] = '\0';
		if (!line[0])
			continue;
		p = strstr(line, "error: ");
		yc_strlcpy(why, p ? p + 7 : line, n);
		if (p || !why[0])
			break;
	}
}

/* Run PostgreSQL's tool argv[0] (found on PATH), the password (or NULL)
 * in its environment only, its standard output to out_path (or
 * /dev/null). 0 when it ran and succeeded; -1 with why (the tool's own
 * words, or why it could not run). */
static int run_tool(char *const argv[], const char *password, const char *out_path, char *why, size_t n)
{
	FILE *errf = tmpfile();
	int status = -1, out;
	pid_t pid;

	why[0] = '\0';
	if (!errf) {
		snprintf(why, n, "%s", strerror(errno));
		return -1;
	}
	fflush(stdout);
	fflush(stderr);
	pid = fork();
	if (pid == 0) {
		out = open(out_path ? out_path : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0600);
		if (out < 0)
			_exit(126);
		dup2(out, STDOUT_FILENO);
		dup2(fileno(errf), STDERR_FILENO);
		if (password && password[0])
			setenv("PGPASSWORD", password, 1);
		execvp(argv[0], argv);
		_exit(127);
	}
	if (pid < 0 || waitpid(pid, &status, 0) < 0)
		snprintf(why, n, "%s", strerror(errno));
	else if (WIFEXITED(status) && WEXITSTATUS(status) == 127)
		snprintf(why, n, _("%s is not installed (Debian package postgresql-client)"), argv[0]);
	else if (!WIFEXITED(status) || WEXITSTATUS(status) != 0)
		first_error_line(errf, why, n);
	fclose(errf);
	if (!why[0] && !(WIFEXITED(status) && WEXITSTATUS(status) == 0))
		snprintf(why, n, _("%s failed"), argv[0]);
	return why[0] ? -1 : 0;
}

/* The schema_meta row a pg_dump archive holds (read with pg_restore, the
 * archive's data read through to that table): 0 with its version and
 * mark, -1 when the archive cannot be read or has no such row. */
static int archive_meta(const char *archive, const char *password, int *version, int64_t *app, char *why, size_t n)
{
	char path[] = "/tmp/yichuang-meta.XXXXXX", line[256];
	char *argv[] = { "pg_restore", "--data-only", "--table=schema_meta", "--file=-", (char *)archive, NULL };
	int fd = mkstemp(path), found = 0;
	FILE *f;

	if (fd < 0) {
		snprintf(why, n, "%s", strerror(errno));
		return -1;
	}
	close(fd);
	if (run_tool(argv, password, path, why, n) < 0) {
		unlink(path);
		return -1;
	}
	f = fopen(path, "r");
	while (f && fgets(line, sizeof line, f))
		if (!strncmp(line, "COPY public.schema_meta ", 24) && fgets(line, sizeof line, f)) {
			long long a;

			found = sscanf(line, "%d\t%lld", version, &a) == 2;
			*app = a;
			break;
		}
	if (f)
		fclose(f);
	unlink(path);
	if (!found)
		snprintf(why, n, "%s", _("it holds no yichuang schema"));
	return found ? 0 : -1;
}

/* An archive a backup wrote, read through whole (every table's data
 * decompressed: a cut or damaged file fails here) and holding a yichuang
 * schema no newer than this program's. A SQLite file is told apart: on a
 * server it is moved in with migrate-to-postgresql. */
static int verify_archive(const char *archive, const char *password, store_report report, void *ctx,
			  struct yc_err *err)
{
	char *read_all[] = { "pg_restore", "--file=/dev/null", (char *)archive, NULL };
	char why[512], head[16] = "";
	int64_t app = 0;
	int version = 0;
	FILE *f = fopen(archive, "rb");

	if (!f) {
		yc_err_set(err, YC_EIO, _("Cannot read %s: %s."), archive, strerror(errno));
		return -1;
	}
	if (fread(head, 1, sizeof head, f) == sizeof head && !memcmp(head, "SQLite format 3", 16)) {
		fclose(f);
		yc_err_set(err, YC_EUSAGE,
			   _("%s is a database file, not a backup of a server: on a server it is put in with 'yichuang migrate-to-postgresql --from %s --to CONNINFO' (into an empty database)."),
			   archive, archive);
		return -1;
	}
	fclose(f);
	if (run_tool(read_all, password, NULL, why, sizeof why) < 0 ||
	    archive_meta(archive, password, &version, &app, why, sizeof why) < 0) {
		yc_err_set(err, YC_ECORRUPT, _("%s is not a yichuang backup of a server (pg_restore: %s)."), archive, why);
		return -1;
	}
	if (store_version_ok(archive, app, version, err) < 0)
		return -1;
	store_say(report, ctx, 1, _("%s: schema %d, read through whole"), archive, version);
	return 0;
}

/* database.password_file's password (or "" without one). */
static int password_of(const char *password_file, char *pw, size_t n, struct yc_err *err)
{
	pw[0] = '\0';
	return password_file && password_file[0] ? store_server_password(password_file, pw, n, err) : 0;
}

int store_backup_server(struct yc_store *st, const char *out, store_report report, void *ctx, struct yc_err *err)
{
	char part[YC_LOCK_PATH_MAX + 16], file_arg[YC_LOCK_PATH_MAX + 32], db_arg[YC_LOCK_PATH_MAX + 16];
	char pw[256], why[512];
	char *argv[] = { "pg_dump", "--format=custom", "--no-owner", "--no-privileges", "--no-comments", file_arg, db_arg, NULL };
	struct stat sb;
	int fd, rc = -1;

	if (stat(out, &sb) == 0) {
		yc_err_set(err, YC_EEXISTS, _("%s already exists; a backup never overwrites a file."), out);
		return -1;
	}
	if (password_of(st->password_file, pw, sizeof pw, err) < 0)
		return -1;
	snprintf(part, sizeof part, "%s.part", out);
	snprintf(file_arg, sizeof file_arg, "--file=%s", part);
	snprintf(db_arg, sizeof db_arg, "--dbname=%s", st->path);
	unlink(part);
	if (run_tool(argv, pw, NULL, why, sizeof why) < 0) {
		yc_err_set(err, YC_EIO, _("The backup of %s could not be taken (pg_dump: %s); nothing was written."), st->path,
			   why);
	} else if ((fd = open(part, O_RDONLY)) < 0 || fsync(fd) != 0 || close(fd) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot write the backup %s: %s."), out, strerror(errno));
	} else if (verify_archive(part, pw, report, ctx, err) == 0) {
		if (rename(part, out) != 0)
			yc_err_set(err, YC_EIO, _("Cannot write the backup %s: %s."), out, strerror(errno));
		else
			rc = 0;
	}
	sodium_memzero(pw, sizeof pw);
	if (rc < 0) {
		unlink(part);
		return -1;
	}
	store_say(report, ctx, 1, _("backup written: %s (pg_dump's custom format; pg_restore reads it too)"), out);
	return 0;
}

/* The restored log's last event, and the note saying what the restore
 * left out: the events after it, up to now (a head of this PC that saw
 * one of them is told as dropped by the restore, not as a log cut). */
struct server_restore {
	const char *backup;
	char what[400];
};

static const char SQL_LAST_EVENT[] = "SELECT coalesce(max(id), 0) FROM events";

static int restore_event(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct server_restore *r = vctx;
	long last;
	int rc;

	(void)err;
	if ((rc = store_count_tx(st, SQL_LAST_EVENT, NULL, 0, &last)) != SQLITE_OK)
		return rc;
	snprintf(r->what, sizeof r->what,
		 "dropped the events after %lld, at %lld; restored into an empty database on the server: what the hall saved after the backup's last event (%lld) is not in it",
		 (long long)last, (long long)time(NULL), (long long)last);
	return store_event(st, 0, "database", 0, "restore", r->what, r->backup);
}

/* 1 when the database has no table, view or sequence of its own schema
 * (store-create.c's test, as init asks it). */
static int target_is_empty(const char *conninfo, const char *password_file, struct yc_err *err)
{
	struct yc_store *st;
	int empty;

	if (store_server_connect(&st, conninfo, password_file, NULL, err) < 0)
		return -1;
	empty = store_server_is_empty(st);
	if (empty < 0 || empty > 1)
		store_set_error(st, empty, err);
	store_close(st);
	return empty == 1 ? 1 : empty == 0 ? 0 : -1;
}

int store_restore_server(const char *conninfo, const char *password_file, const char *backup, const char *actor,
			 store_report report, void *ctx, struct yc_err *err)
{
	struct store_opts o = { NULL, 30000, 60, actor && actor[0] ? actor : "restore", 1 };
	struct server_restore note = { backup, "" };
	char db_arg[YC_LOCK_PATH_MAX + 16], pw[256], why[512];
	char *argv[] = { "pg_restore", "--no-owner", "--no-privileges", "--single-transaction", "--exit-on-error",
			 db_arg, (char *)backup, NULL };
	struct yc_store *st;
	int rc, empty;

	if (password_of(password_file, pw, sizeof pw, err) < 0)
		return -1;
	if (verify_archive(backup, pw, report, ctx, err) < 0) {
		sodium_memzero(pw, sizeof pw);
		return -1;
	}
	if ((empty = target_is_empty(conninfo, password_file, err)) != 1) {
		sodium_memzero(pw, sizeof pw);
		if (empty == 0)
			yc_err_set(err, YC_EEXISTS,
				   _("The database %s on the server already has tables; a restore only fills an empty database, so that nothing of a hall is overwritten. Name a new one (createdb) in database.conninfo, or drop this one first."),
				   conninfo);
		return -1;
	}
	snprintf(db_arg, sizeof db_arg, "--dbname=%s", conninfo);
	rc = run_tool(argv, pw, NULL, why, sizeof why);
	sodium_memzero(pw, sizeof pw);
	if (rc < 0) {
		yc_err_set(err, YC_EIO, _("%s could not be restored (pg_restore: %s); the database %s was left empty."), backup,
			   why, conninfo);
		return -1;
	}
	/* opened as a station would: an older backup is brought up to date */
	if (store_open_server(&st, conninfo, password_file, &o, err) < 0)
		return -1;
	return store_restore_noted(st, restore_event, &note, note.what, backup, report, ctx, err);
}
