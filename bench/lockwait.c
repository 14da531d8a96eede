/* lockwait - lock waits and lock holding on a shared database, for
 * bench/shared-drive.sh. Bench code: not part of the program.
 *
 *   lockwait station DB LOCKING STATION SECONDS OUT
 *       a busy window station: the same life of a case as
 *       tests/station-sim (ticket, intake, handover, decision, result
 *       handover, notice, collection) through the store, YC_SIM_THINK_MS
 *       (default 300) the most a clerk pauses between two operations; every
 *       store call timed, and every wait for the database lock (each wait
 *       also on a line of OUT.waits, for a hall's percentiles)
 *   lockwait idle DB LOCKING SECONDS POLL_MS OUT [reload]
 *       an idle station: store_poll_changes every POLL_MS; with "reload",
 *       when another station committed, the queue list and the overview
 *       are read again, at most every YC_REFRESH_MS (default 3000) as the
 *       queue screen and the hall board do
 *   lockwait watch LOCKDIR SECONDS OUT
 *       looks (stat) every millisecond whether LOCKDIR (DB.lock, best on
 *       the file server's own disk) exists: the share of the time the
 *       database is locked by anybody
 *
 * How the lock is seen from inside: with the unix-dotfile VFS SQLite
 * takes the lock by mkdir(DB.lock) and gives it back by rmdir; both go
 * through SQLite's system-call table, which a program may replace
 * (xSetSystemCall). A failed mkdir starts a wait, the next successful one
 * ends it (the store's own backoff included); mkdir to rmdir is the time
 * the lock is held. With LOCKING unix the waits are not seen (POSIX locks).
 *
 * On a PostgreSQL server (LOCKING "postgresql", DB its libpq connection
 * string; issue #24) the lock is the writers' advisory lock each write
 * transaction takes first (src/store-server.c). lockwait is linked with
 * -Wl,--wrap for db_pg_exec_int_ticking and db_pg_exec (bench/build.sh), the two
 * calls that run that BEGIN and the COMMIT: a wait is the time of the
 * round trip "BEGIN; SELECT pg_advisory_xact_lock(..); UPDATE schema_meta
 * .." - the wait for the lock plus that one round trip (about 0.3 ms when
 * nobody holds it) - and the lock is held from then until the COMMIT (or
 * ROLLBACK) has returned, the commit's flush to disk included.
 *
 *   lockwait pgwatch CONNINFO SECONDS OUT
 *       looks every 2 ms (pg_locks) whether anybody holds the writers'
 *       advisory lock, and how many wait for it
 *
 * OUT gets one line: "RESULT key=value ...". */
#include "config.h"

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include <libpq-fe.h>
#include <sqlite3.h>

#include "auth.h"
#include "intake.h"
#include "store-backoffice.h"
#include "store-catalog.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-slips.h"
#include "store-users.h"
#include "store.h"
#include "validate.h"

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Samples ------------------------------------------------------------------------------ */

struct samples {
	double *v;
	long n, cap;
};

static void add(struct samples *s, double x)
{
	if (s->n == s->cap) {
		s->cap = s->cap ? s->cap * 2 : 1024;
		s->v = realloc(s->v, sizeof *s->v * (size_t)s->cap);
		if (!s->v) {
			fputs("lockwait: out of memory\n", stderr);
			exit(1);
		}
	}
	s->v[s->n++] = x;
}

static int cmp(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static double pct(struct samples *s, double p)
{
	long k;

	if (s->n == 0)
		return 0;
	qsort(s->v, (size_t)s->n, sizeof *s->v, cmp);
	k = (long)(p / 100.0 * (double)s->n + 0.999999);
	return s->v[(k < 1 ? 1 : k > s->n ? s->n : k) - 1];
}

/* The dot-file lock, seen through SQLite's system-call table ------------------------------- */

static sqlite3_syscall_ptr real_mkdir, real_rmdir;
static double waiting_since, held_since, held_total, wait_total;
static long acquisitions, refusals;
static struct samples waits, holds;

static int is_lock(const char *path)
{
	size_t n = strlen(path);

	return n > 5 && strcmp(path + n - 5, ".lock") == 0;
}

static int hook_mkdir(const char *path, mode_t mode)
{
	double t = now_ms();
	int rc = ((int (*)(const char *, mode_t))real_mkdir)(path, mode);
	int e = errno;

	if (is_lock(path)) {
		if (rc == 0) {
			double w = waiting_since > 0 ? t - waiting_since : 0;

			add(&waits, w);
			wait_total += w;
			waiting_since = 0;
			held_since = now_ms();
			acquisitions++;
		} else if (e == EEXIST) {
			refusals++;
			if (waiting_since == 0)
				waiting_since = t;
		}
	}
	errno = e;
	return rc;
}

static int hook_rmdir(const char *path)
{
	int rc = ((int (*)(const char *))real_rmdir)(path);
	int e = errno;

	if (is_lock(path) && held_since > 0) {
		double h = now_ms() - held_since;

		add(&holds, h);
		held_total += h;
		held_since = 0;
	}
	errno = e;
	return rc;
}

static void hook_lock(void)
{
	sqlite3_vfs *vfs = sqlite3_vfs_find("unix-dotfile");

	if (!vfs || vfs->iVersion < 3 || !vfs->xSetSystemCall) {
		fputs("lockwait: no unix-dotfile VFS with a system-call table here\n", stderr);
		exit(1);
	}
	real_mkdir = vfs->xGetSystemCall(vfs, "mkdir");
	real_rmdir = vfs->xGetSystemCall(vfs, "rmdir");
	if (!real_mkdir || !real_rmdir || vfs->xSetSystemCall(vfs, "mkdir", (sqlite3_syscall_ptr)hook_mkdir) != SQLITE_OK ||
	    vfs->xSetSystemCall(vfs, "rmdir", (sqlite3_syscall_ptr)hook_rmdir) != SQLITE_OK) {
		fputs("lockwait: cannot replace mkdir/rmdir in SQLite's system-call table\n", stderr);
		exit(1);
	}
}

/* The writers' advisory lock on a PostgreSQL server, seen by wrapping
 * the two db-pg.c calls that take it and give it back (ld --wrap): the
 * store takes it with db_pg_exec_int_ticking (its ticks show a clerk the
 * wait), and gives it back with db_pg_exec's COMMIT or ROLLBACK. */
struct db_pg;
typedef void (*db_pg_tick)(void *ctx, int waited_ms);
int __real_db_pg_exec_int_ticking(struct db_pg *db, const char *sql, int64_t *v, int tick_ms, db_pg_tick tick,
				  void *ctx);
int __real_db_pg_exec(struct db_pg *db, const char *sql);
int __wrap_db_pg_exec_int_ticking(struct db_pg *db, const char *sql, int64_t *v, int tick_ms, db_pg_tick tick,
				  void *ctx);
int __wrap_db_pg_exec(struct db_pg *db, const char *sql);

int __wrap_db_pg_exec_int_ticking(struct db_pg *db, const char *sql, int64_t *v, int tick_ms, db_pg_tick tick,
				  void *ctx)
{
	double t = now_ms();
	int rc = __real_db_pg_exec_int_ticking(db, sql, v, tick_ms, tick, ctx);

	if (strstr(sql, "pg_advisory_xact_lock(")) {
		double w = now_ms() - t;

		add(&waits, w);
		wait_total += w;
		acquisitions++;
		held_since = now_ms();
	}
	return rc;
}

int __wrap_db_pg_exec(struct db_pg *db, const char *sql)
{
	int rc = __real_db_pg_exec(db, sql);

	if (held_since > 0 && (strcmp(sql, "COMMIT") == 0 || strcmp(sql, "ROLLBACK") == 0)) {
		double h = now_ms() - held_since;

		add(&holds, h);
		held_total += h;
		held_since = 0;
	}
	return rc;
}

/* Requests to the share per transaction, all kinds and each kind (of the
 * write transactions: req_write_tx, then req_write_KIND=...). */
static void print_requests(FILE *out, const struct store_share_counts *c)
{
	int k;

	fprintf(out, " write_tx=%ld req_write_tx=%.1f read_tx=%ld req_read_tx=%.1f", c->write_tx,
		c->write_tx ? (double)store_requests_total(c->write) / (double)c->write_tx : 0, c->read_tx,
		c->read_tx ? (double)store_requests_total(c->read) / (double)c->read_tx : 0);
	for (k = 0; k < REQ_KINDS; k++)
		if (c->write[k])
			fprintf(out, " req_write_%s=%.1f", store_request_name((enum store_request_kind)k),
				(double)c->write[k] / (double)c->write_tx);
	/* made before the lock, to bring the pages kept up to date */
	fprintf(out, " req_refresh_tx=%.1f",
		c->write_tx + c->read_tx ? (double)c->refresh / (double)(c->write_tx + c->read_tx) : 0);
	for (k = 0; k < REQ_KINDS; k++)
		if (c->read[k])
			fprintf(out, " req_read_%s=%.1f", store_request_name((enum store_request_kind)k),
				(double)c->read[k] / (double)c->read_tx);
}

/* The same, of the requests made since `from` (the probe's counts once it
 * was warm: req_warm_write_tx, then req_warm_write_KIND=...). */
static void print_requests_since(FILE *out, const struct store_share_counts *c, const struct store_share_counts *from)
{
	long tx = c->write_tx - from->write_tx, total = store_requests_total(c->write) - store_requests_total(from->write);
	int k;

	fprintf(out, " warm_write_tx=%ld req_warm_write_tx=%.1f", tx, tx ? (double)total / (double)tx : 0);
	for (k = 0; k < REQ_KINDS; k++)
		if (c->write[k] - from->write[k])
			fprintf(out, " req_warm_write_%s=%.1f", store_request_name((enum store_request_kind)k),
				(double)(c->write[k] - from->write[k]) / (double)tx);
}

/* Every wait for the lock, in ms, one a line: OUT.waits. */
static void dump_waits(const char *out)
{
	char path[4096];
	FILE *f;
	long i;

	snprintf(path, sizeof path, "%s.waits", out);
	if (!(f = fopen(path, "w")))
		return;
	for (i = 0; i < waits.n; i++)
		fprintf(f, "%.1f\n", waits.v[i]);
	fclose(f);
}

/* A busy station (as tests/station-sim) ---------------------------------------------------- */

struct sim {
	struct yc_store *st;
	FILE *out;
	struct yc_user front, review, pickup;
	struct samples op_ms;
	long ops, errors;
	int think_ms, station;
	unsigned serial;
	char last_id[19];
};

static int timed(struct sim *s, double started, int rc, const struct yc_err *err)
{
	add(&s->op_ms, now_ms() - started);
	s->ops++;
	if (rc < 0) {
		s->errors++;
		fprintf(stderr, "lockwait: station %d: %s\n", s->station, err->msg);
	}
	if (s->think_ms > 0)
		usleep((useconds_t)(rand() % s->think_ms) * 1000u);
	return rc;
}

#define TIMED(s, call) (t0 = now_ms(), timed((s), t0, (call), &err))

static void make_id(struct sim *s, char out[19])
{
	char digits[64];

	s->serial++;
	/* area 150698: nobody in a generated history */
	snprintf(digits, sizeof digits, "150698%04d%02d%02d%03u", 1950 + s->station % 50, 1 + (int)(s->serial / 28 % 12),
		 1 + (int)(s->serial % 28), (s->serial + (unsigned)getpid()) % 1000);
	memcpy(out, digits, 17);
	out[17] = yc_id_card_check_char(out);
	out[18] = '\0';
}

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	return strdup(f->notice_number);
}

static int hand_over(struct sim *s, int64_t case_id, const char *direction, const struct yc_user *giver,
		     const struct yc_user *receiver)
{
	struct yc_slip_row rows[8];
	struct yc_err err;
	double t0;
	int n, i;

	if (TIMED(s, store_case_slips(s->st, case_id, rows, 8, &n, &err)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].direction, direction) == 0 && !rows[i].handed_at[0])
			return TIMED(s, store_slip_handover(s->st, giver, receiver, rows[i].id, rows[i].version, &err));
	return -1;
}

static int one_case(struct sim *s, int64_t item, const char *site)
{
	struct yc_decision approve = { CA_APPROVE, "XK-LOCKWAIT", NULL, NULL, NULL };
	struct yc_outcome_req req;
	struct yc_outcome_result r;
	struct yc_collection self;
	struct intake in;
	struct yc_ticket t;
	struct yc_err err;
	char ticket[16], station[32];
	int64_t case_id;
	double t0;

	memset(&req, 0, sizeof req);
	req.outcome = OUTCOME_ACCEPT;
	req.site_code = site;
	req.render = render;
	snprintf(station, sizeof station, "探针%d", s->station);
	if (TIMED(s, store_ticket_issue(s->st, site, "combined", 0, item, 0, s->front.id, ticket, &err)) < 0 ||
	    TIMED(s, store_queue_call_next(s->st, site, "combined", station, s->front.id, &t, &err)) < 0)
		return -1;
	{
		char today[11];

		yc_today(today);
		if (TIMED(s, store_intake_start(s->st, item, today, &in, &err)) < 0)
			return -1;
	}
	snprintf(in.a.kind, sizeof in.a.kind, "person");
	snprintf(in.a.name, sizeof in.a.name, "探针%d申请人%u", s->station, s->serial);
	make_id(s, s->last_id);
	snprintf(in.a.id_number, sizeof in.a.id_number, "%s", s->last_id);
	snprintf(in.a.phone, sizeof in.a.phone, "138%08u", (s->station * 100000u + s->serial) % 100000000u);
	intake_all_conforming(&in, -1);
	if (TIMED(s, store_intake_commit(s->st, &s->front, &in, &req, &r, &err)) < 0)
		return -1;
	free(r.notice_text);
	case_id = r.case_id;
	if (hand_over(s, case_id, "to_department", &s->front, &s->review) < 0 ||
	    TIMED(s, store_case_decide(s->st, &s->review, case_id, &approve, &err)) < 0 ||
	    hand_over(s, case_id, "to_pickup", &s->review, &s->pickup) < 0 ||
	    TIMED(s, store_pickup_notify(s->st, &s->pickup, case_id, "已办结", &err)) < 0)
		return -1;
	self.name = "本人";
	self.id_number = s->last_id;
	self.agent = 0;
	self.authorisation = NULL;
	return TIMED(s, store_pickup_collect(s->st, &s->pickup, case_id, &self, &err));
}

static int open_store(struct yc_store **st, const char *db, const char *locking, const char *station)
{
	struct store_opts o = { locking, 60000, 60, station, 0 };
	struct yc_err err;
	int rc = strcmp(locking, "postgresql") == 0 ? store_open_server(st, db, NULL, &o, &err) : store_open(st, db, &o, &err);

	if (rc < 0) {
		fprintf(stderr, "lockwait: %s: %s\n", db, err.msg);
		return -1;
	}
	return 0;
}

#define WARM_CASES 3

static int run_station(int argc, char **argv)
{
	struct sim s;
	struct yc_item_row row;
	struct yc_err err;
	char station[32];
	double started, until, elapsed;
	struct store_share_counts share, warm;
	long cases = 0;
	int n;

	if (argc != 7)
		return 2;
	memset(&s, 0, sizeof s);
	s.station = atoi(argv[4]);
	s.think_ms = getenv("YC_SIM_THINK_MS") ? atoi(getenv("YC_SIM_THINK_MS")) : 300;
	srand((unsigned)getpid());
	snprintf(station, sizeof station, "lockwait-%d", s.station);
	if (open_store(&s.st, argv[2], argv[3], station) < 0)
		return 1;
	if (store_user_get(s.st, "intake", &s.front, &err) != 0 || store_user_get(s.st, "review", &s.review, &err) != 0 ||
	    store_user_get(s.st, "pickup", &s.pickup, &err) != 0 ||
	    store_items_page(s.st, "SCJG-004", "", 1, &row, 1, &n, &err) < 0 || n != 1) {
		fputs("lockwait: the demo users or item SCJG-004 are missing\n", stderr);
		return 1;
	}
	/* clerks do not all start at the same moment: a first pause as long
	 * as any other */
	if (s.think_ms > 0)
		usleep((useconds_t)(rand() % s.think_ms) * 1000u);
	/* counted from here: opening is not part of the day */
	waits.n = holds.n = 0;
	held_total = wait_total = 0;
	acquisitions = refusals = 0;
	started = now_ms();
	until = started + atof(argv[5]) * 1000;
	memset(&warm, 0, sizeof warm);
	while (now_ms() < until) {
		if (one_case(&s, row.id, "WSQ") == 0)
			cases++;
		/* a station's first cases read the tables' and indexes' upper
		 * pages once, as it starts its day: its requests are also
		 * counted from after them */
		if (cases == WARM_CASES && !warm.write_tx)
			store_share_counts(s.st, &warm);
	}
	elapsed = now_ms() - started;
	store_share_counts(s.st, &share);
	store_close(s.st);
	{
		FILE *out = fopen(argv[6], "w");
		double p50 = pct(&s.op_ms, 50), p99 = pct(&s.op_ms, 99), mx = pct(&s.op_ms, 100);
		double w99 = pct(&waits, 99), w50 = pct(&waits, 50), wmax = pct(&waits, 100);

		if (!out)
			return 1;
		dump_waits(argv[6]);
		fprintf(out,
			"RESULT mode=station station=%d seconds=%.1f cases=%ld ops=%ld errors=%ld op_p50_ms=%.1f"
			" op_p99_ms=%.1f op_max_ms=%.1f locks=%ld lock_refusals=%ld wait_p50_ms=%.1f wait_p99_ms=%.1f"
			" wait_max_ms=%.1f wait_total_ms=%.0f held_total_ms=%.0f held_p99_ms=%.1f",
			s.station, elapsed / 1000, cases, s.ops, s.errors, p50, p99, mx, acquisitions, refusals, w50, w99,
			wmax, wait_total, held_total, pct(&holds, 99));
		print_requests(out, &share);
		print_requests_since(out, &share, &warm);
		fputc('\n', out);
		fclose(out);
	}
	return 0;
}

/* An idle station ------------------------------------------------------------------------ */

/* What the queue screen and the hall board read, under one lock. */
static void reload_screen(struct yc_store *st, const char *today, struct yc_ticket rows[60], int *n, long *total,
			  struct yc_overview *ov)
{
	struct yc_err err;

	store_reads_together(st, 1);
	if (store_queue_waiting(st, "WSQ", "combined", NULL, 1, rows, 60, n, &err) < 0 ||
	    store_queue_waiting_count(st, "WSQ", "combined", total, &err) < 0 || store_overview(st, "", today, ov, &err) < 0)
		fprintf(stderr, "lockwait: idle: %s\n", err.msg);
	store_reads_together(st, 0);
}

static int run_idle(int argc, char **argv)
{
	struct yc_store *st;
	static struct yc_ticket rows[60];
	struct yc_overview ov;
	struct samples poll_ms = { 0 };
	double started, until, elapsed, reload_total = 0, reloaded_at = 0;
	long polls = 0, changes = 0, reloads = 0, total;
	int poll_interval, n, reload, pending = 0;
	/* as the program's database.refresh_interval_ms (default 3000) */
	double refresh_ms = getenv("YC_REFRESH_MS") ? atof(getenv("YC_REFRESH_MS")) : 3000;
	char today[11], station[32];
	struct store_share_counts share;

	if (argc != 7 && argc != 8)
		return 2;
	reload = argc == 8 && strcmp(argv[7], "reload") == 0;
	poll_interval = atoi(argv[5]);
	snprintf(station, sizeof station, "idle-%d", (int)getpid());
	if (open_store(&st, argv[2], argv[3], station) < 0)
		return 1;
	yc_today(today);
	store_poll_changes(st);   /* the first look reads the version */
	if (reload)               /* the screen's first showing, as it opens: not a reload */
		reload_screen(st, today, rows, &n, &total, &ov);
	sleep(3);                 /* the other stations open meanwhile: not counted */
	store_poll_changes(st);
	waits.n = holds.n = 0;
	held_total = wait_total = 0;
	acquisitions = refusals = 0;
	started = now_ms();
	until = started + atof(argv[4]) * 1000;
	while (now_ms() < until) {
		double t0 = now_ms();
		int changed = store_poll_changes(st);

		add(&poll_ms, now_ms() - t0);
		polls++;
		changes += changed;
		pending |= changed;
		if (pending && reload && now_ms() - reloaded_at >= refresh_ms) {
			/* what the queue screen and the hall board do then, at
			 * most every refresh_ms as src/ui.c does */
			pending = 0;
			reloads++;
			reloaded_at = t0 = now_ms();
			reload_screen(st, today, rows, &n, &total, &ov);
			reload_total += now_ms() - t0;
		}
		usleep((useconds_t)poll_interval * 1000u);
	}
	elapsed = now_ms() - started;
	store_share_counts(st, &share);
	store_close(st);
	{
		FILE *out = fopen(argv[6], "w");

		if (!out)
			return 1;
		fprintf(out,
			"RESULT mode=idle seconds=%.1f polls=%ld changes=%ld poll_p50_ms=%.2f poll_p99_ms=%.2f"
			" reloads=%ld reload_total_ms=%.0f locks=%ld held_total_ms=%.1f held_pct=%.3f wait_total_ms=%.0f",
			elapsed / 1000, polls, changes, pct(&poll_ms, 50), pct(&poll_ms, 99), reloads, reload_total, acquisitions,
			held_total, 100.0 * held_total / elapsed, wait_total);
		print_requests(out, &share);
		fputc('\n', out);
		fclose(out);
	}
	return 0;
}

/* Watching the lock from outside ----------------------------------------------------------- */

static int run_watch(int argc, char **argv)
{
	struct timespec next;
	struct stat sb;
	double until, started;
	long samples = 0, locked = 0, spells = 0, longest = 0, spell = 0;
	FILE *out;

	if (argc != 5)
		return 2;
	started = now_ms();
	until = started + atof(argv[3]) * 1000;
	clock_gettime(CLOCK_MONOTONIC, &next);
	while (now_ms() < until) {
		int is = stat(argv[2], &sb) == 0;

		samples++;
		if (is) {
			locked++;
			if (spell++ == 0)
				spells++;
			if (spell > longest)
				longest = spell;
		} else {
			spell = 0;
		}
		next.tv_nsec += 1000000;
		if (next.tv_nsec >= 1000000000) {
			next.tv_nsec -= 1000000000;
			next.tv_sec++;
		}
		clock_nanosleep(CLOCK_MONOTONIC, TIMER_ABSTIME, &next, NULL);
	}
	if (!(out = fopen(argv[4], "w")))
		return 1;
	fprintf(out, "RESULT mode=watch seconds=%.1f samples=%ld locked=%ld locked_pct=%.3f spells=%ld longest_ms=%ld\n",
		(now_ms() - started) / 1000, samples, locked, samples ? 100.0 * (double)locked / (double)samples : 0, spells,
		longest);
	fclose(out);
	return 0;
}

/* The writers' advisory lock, watched on the server: held or not, and
 * how many wait, every 2 ms. */
static int run_pgwatch(int argc, char **argv)
{
	PGconn *pg;
	double until, started;
	long samples = 0, locked = 0, waiting = 0, most_waiting = 0;
	FILE *out;

	if (argc != 5)
		return 2;
	pg = PQconnectdb(argv[2]);
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "lockwait: %s", PQerrorMessage(pg));
		return 1;
	}
	PQclear(PQprepare(pg, "look",
			  "SELECT count(*) FILTER (WHERE granted), count(*) FILTER (WHERE NOT granted) FROM pg_locks"
			  " WHERE locktype = 'advisory' AND database = (SELECT oid FROM pg_database"
			  " WHERE datname = current_database())",
			  0, NULL));
	started = now_ms();
	until = started + atof(argv[3]) * 1000;
	while (now_ms() < until) {
		PGresult *r = PQexecPrepared(pg, "look", 0, NULL, NULL, NULL, 0);

		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1) {
			long w = atol(PQgetvalue(r, 0, 1));

			samples++;
			locked += atol(PQgetvalue(r, 0, 0)) > 0;
			waiting += w;
			if (w > most_waiting)
				most_waiting = w;
		}
		PQclear(r);
		usleep(2000);
	}
	PQfinish(pg);
	if (!(out = fopen(argv[4], "w")))
		return 1;
	fprintf(out, "RESULT mode=pgwatch seconds=%.1f samples=%ld locked_pct=%.3f waiting_mean=%.2f waiting_max=%ld\n",
		(now_ms() - started) / 1000, samples, samples ? 100.0 * (double)locked / (double)samples : 0,
		samples ? (double)waiting / (double)samples : 0, most_waiting);
	fclose(out);
	return 0;
}

int main(int argc, char **argv)
{
	int rc = 2;

	if (argc >= 2 && strcmp(argv[1], "watch") == 0)
		rc = run_watch(argc, argv);
	else if (argc >= 2 && strcmp(argv[1], "pgwatch") == 0)
		rc = run_pgwatch(argc, argv);
	else if (argc >= 2 && (strcmp(argv[1], "station") == 0 || strcmp(argv[1], "idle") == 0)) {
		if (auth_init() < 0)
			return 1;
		if (argc < 4 || strcmp(argv[3], "postgresql") != 0)
			hook_lock();
		rc = strcmp(argv[1], "station") == 0 ? run_station(argc, argv) : run_idle(argc, argv);
	}
	if (rc == 2)
		fputs("usage: lockwait station DB LOCKING STATION SECONDS OUT\n"
		      "       lockwait idle DB LOCKING SECONDS POLL_MS OUT [reload]\n"
		      "       lockwait watch LOCKDIR SECONDS OUT\n"
		      "       lockwait pgwatch CONNINFO SECONDS OUT\n"
		      "(LOCKING unix, unix-dotfile, or postgresql with DB a libpq connection string)\n",
		      stderr);
	return rc;
}
