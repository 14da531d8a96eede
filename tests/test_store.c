/* The store: creating, opening, refusing, busy and stale locks, paging,
 * tickets, the event chain, noticing other stations' commits, and the
 * transaction discipline of store_run and store_prep. */
#include "config.h"

#include <dirent.h>
#include <signal.h>
#include <sqlite3.h>
#include <stdio.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include "store-catalog.h"
#include "store-internal.h"
#include "store-queue.h"
#include "testdb.h"

START_TEST(create_refuses_to_overwrite)
{
	const char *path = make_db(0);
	struct store_site site = { "WSQ", "x", "banner" };
	struct yc_err err;
	long users;
	struct yc_store *st;

	ck_assert_int_eq(try_create_db(path, &site, 0, &err), -1);
	ck_assert_int_eq(err.code, YC_EEXISTS);
	/* the existing database is untouched: still exactly one user */
	st = open_db(path, "unix", 1000);
	ck_assert_int_eq(store_count(st, "users", &users, &err), 0);
	ck_assert_int_eq(users, 1);
	store_close(st);
}
END_TEST

START_TEST(create_loads_catalogue_and_calendar)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_calendar cal;
	struct yc_err err;
	long items, depts, events;

	ck_assert_int_eq(store_count(st, "service_items", &items, &err), 0);
	ck_assert_int_eq(store_count(st, "departments", &depts, &err), 0);
	ck_assert_int_ge(items, 40);
	ck_assert_int_ge(depts, 12);
	cal_init(&cal);
	ck_assert_int_eq(store_calendar_load(st, &cal, &err), 0);
	ck_assert_uint_ge(cal.n, 70);
	cal_free(&cal);
	ck_assert_int_eq(store_count(st, "events", &events, &err), 0);
	ck_assert_int_eq(events, 1);   /* "created" */
	store_close(st);
}
END_TEST

START_TEST(missing_database_is_explained)
{
	struct store_opts o = { "unix", 1000, 60, "t", 0 };
	struct yc_store *st;
	struct yc_err err;

	ck_assert_int_eq(store_open(&st, "/nonexistent/dir/hall.db", &o, &err), -1);
	ck_assert_int_eq(err.code, YC_ENODB);
	ck_assert_ptr_nonnull(strstr(err.msg, "/nonexistent/dir/hall.db"));
	ck_assert_ptr_nonnull(strstr(err.msg, "yichuang init"));
}
END_TEST

START_TEST(foreign_sqlite_file_is_refused)
{
	ONLY_ON_SQLITE("it is about an SQLite file that is not a hall's");
	char path[256];
	struct store_opts o = { "unix", 1000, 60, "t", 0 };
	struct yc_store *st;
	struct yc_err err;
	sqlite3 *db;

	scratch_path(path, sizeof path, "foreign.db");
	db = raw_open(path).lite;
	sqlite3_exec(db, "CREATE TABLE t(x)", NULL, NULL, NULL);
	sqlite3_close(db);
	ck_assert_int_eq(store_open(&st, path, &o, &err), -1);
	ck_assert_int_eq(err.code, YC_ECORRUPT);
	ck_assert_ptr_nonnull(strstr(err.msg, "not a yichuang database"));
	unlink(path);
}
END_TEST

START_TEST(newer_schema_is_refused)
{
	const char *path = make_db(0);
	struct store_opts o = { "unix", 1000, 60, "t", 0 };
	struct yc_store *st;
	struct yc_err err;

	set_schema_version(path, 99);
	ck_assert_int_eq(try_open_db(&st, path, &o, &err), -1);
	ck_assert_int_eq(err.code, YC_ETOONEW);
	ck_assert_ptr_nonnull(strstr(err.msg, "newer"));
}
END_TEST

START_TEST(tickets_number_per_category_and_day)
{
	struct yc_store *st;
	struct yc_err err;
	char n1[16], n2[16], n3[16];

	pin_clock("2026-11-27 10:00");   /* all three the same day, even at midnight */
	st = open_db(make_db(0), "unix", 1000);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, n1, &err), 0);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 1, 0, 0, 0, n2, &err), 0);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "bundle", 0, 0, 0, 0, n3, &err), 0);
	ck_assert_str_eq(n1, "A001");
	ck_assert_str_eq(n2, "A002");
	ck_assert_str_eq(n3, "B001");
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "nonsense", 0, 0, 0, 0, n1, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	store_close(st);
}
END_TEST

static int busy_calls;

static void count_busy(void *ctx, int waited_ms)
{
	if (waited_ms > 0)
		busy_calls++;
}

START_TEST(busy_database_retries_then_says_so)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 700);
	struct yc_err err;
	char number[16];
	long tickets;
	struct raw_db other = raw_open(path);

	/* another station holds the write lock for longer than we wait */
	raw_hold_writers_lock(&other);
	store_set_busy_hook(st, count_busy, NULL);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), -1);
	ck_assert_int_eq(err.code, YC_EBUSY);
	ck_assert_ptr_nonnull(strstr(err.msg, "busy"));
	ck_assert_ptr_null(strstr(err.msg, "locked\""));   /* no raw SQLite text */
	ck_assert_int_gt(busy_calls, 0);
	ck_assert_int_eq(raw_exec(&other, "ROLLBACK"), DB_OK);
	/* once free, the same call goes through and nothing was half-written */
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_str_eq(number, "A001");
	ck_assert_int_eq(store_count(st, "queue_tickets", &tickets, &err), 0);
	ck_assert_int_eq(tickets, 1);
	raw_close(&other);
	store_close(st);
}
END_TEST

START_TEST(stale_dotfile_lock_is_named)
{
	ONLY_ON_SQLITE("it is about the share's lock directory beside the file (DB.lock)");
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix-dotfile", 300);
	struct yc_err err;
	char lock[300], number[16];
	struct timeval old[2] = { { 1000000000, 0 }, { 1000000000, 0 } };

	/* what a station killed while saving leaves behind */
	snprintf(lock, sizeof lock, "%s.lock", path);
	ck_assert_int_eq(mkdir(lock, 0755), 0);
	ck_assert_int_eq(utimes(lock, old), 0);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), -1);
	ck_assert_int_eq(err.code, YC_ESTALE);
	ck_assert_ptr_nonnull(strstr(err.msg, lock));
	ck_assert_ptr_nonnull(strstr(err.msg, "yichuang recover"));
	rmdir(lock);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	store_close(st);
}
END_TEST

static void commits_are_noticed(const char *locking)
{
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, locking, 1000), *b = open_db(path, locking, 1000);
	struct yc_err err;
	char number[16];

	store_poll_changes(a);              /* first look sets the baseline */
	ck_assert_int_eq(store_poll_changes(a), 0);
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	ck_assert_int_eq(store_poll_changes(a), 0);
	/* its own commits are not news */
	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 0);
	/* another's commit followed by one of ours before the next look: news */
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	ck_assert_int_eq(store_poll_changes(a), 0);
	/* two commits within the same second are each news (a share's mtime
	 * has whole seconds only: the change counter is what tells) */
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_poll_changes(a), 1);
	store_close(a);
	store_close(b);
}

START_TEST(other_stations_commits_are_noticed)
{
	commits_are_noticed("unix");
}
END_TEST

/* The dot-file VFS takes the change counter from SQLite's own reads and
 * writes under the lock instead of reading it again: the same news. */
START_TEST(other_stations_commits_are_noticed_on_a_share)
{
	ONLY_ON_SQLITE("it is about the share's dot-file VFS (on a server: other_stations_commits_are_noticed)");
	commits_are_noticed("unix-dotfile");
}
END_TEST

static double seconds_now(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + (double)t.tv_nsec / 1e9;
}

static int tickets_in(const char *dir)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	if (!d)
		return 0;
	while ((e = readdir(d)))
		n += e->d_name[0] != '.';
	closedir(d);
	return n;
}

/* A station killed while it waited for the lock leaves its ticket in the
 * line (DB.queue): it ages out (3 s without renewal), and the station
 * behind it gets the lock; nobody waits for it for ever. */
START_TEST(a_ticket_left_by_a_dead_station_ages_out)
{
	ONLY_ON_SQLITE("it is about the share's line of stations waiting for the file's lock (DB.queue)");
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix-dotfile", 10000);
	struct yc_err err;
	char lock[300], queue[300], dead[400], number[16];
	double t0, took;
	pid_t holder;
	FILE *f;

	snprintf(lock, sizeof lock, "%s.lock", path);
	snprintf(queue, sizeof queue, "%s.queue", path);
	snprintf(dead, sizeof dead, "%s/0000000000001-deadbeef", queue);
	ck_assert_int_eq(mkdir(queue, 0777), 0);
	ck_assert_ptr_nonnull(f = fopen(dead, "w"));
	fclose(f);
	/* another station holds the lock for half a second */
	ck_assert_int_eq(mkdir(lock, 0777), 0);
	holder = fork();
	ck_assert_int_ge(holder, 0);
	if (holder == 0) {
		usleep(500000);
		rmdir(lock);
		_exit(0);
	}
	t0 = seconds_now();
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	took = seconds_now() - t0;
	waitpid(holder, NULL, 0);
	ck_assert_double_ge(took, 2.5);   /* it waited its turn behind the ticket ... */
	ck_assert_double_lt(took, 6.0);   /* ... until the ticket aged out */
	ck_assert_int_eq(access(dead, F_OK), -1);
	ck_assert_int_eq(tickets_in(queue), 0);   /* and left none of its own */
	store_close(st);
}
END_TEST

/* Pages kept between locks (dot-file VFS) are served again only while
 * DB.changes says which pages every commit since changed: a commit made
 * past it (here the sqlite3 library on its own; an older station, the
 * shell) makes the station forget them all, never read stale ones. */
START_TEST(kept_pages_follow_every_commit)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes)");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16], changes[300];
	long n, before;
	sqlite3 *other;
	int i;

	for (i = 0; i < 3; i++)
		ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 3);
	/* another station's commit, recorded: seen */
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	snprintf(changes, sizeof changes, "%s.changes", path);
	ck_assert_int_eq(access(changes, F_OK), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 4);
	/* nothing changed: the count is read from the pages kept */
	{
		struct store_share_counts c;

		store_share_counts(a, &c);
		before = c.read[REQ_READ];
		ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
		store_share_counts(a, &c);
		ck_assert_int_le(c.read[REQ_READ] - before, 1);   /* the header's version only */
	}
	/* a commit DB.changes knows nothing of */
	other = raw_open(path).lite;
	ck_assert_int_eq(sqlite3_exec(other, "DELETE FROM queue_tickets WHERE id > 1", NULL, NULL, NULL), SQLITE_OK);
	sqlite3_close(other);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 1);
	/* and the chain goes on from there */
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 2);
	store_close(a);
	store_close(b);
}
END_TEST

/* The pages another station changed are read before the lock, not under
 * it, once DB.changes leads to the file's version; and a station saving
 * several times in a row (its SQLite cache good, so that it reads no page
 * under the lock) still tells the others which pages it wrote. */
static long reads_under_lock(struct yc_store *st, long *refresh)
{
	struct store_share_counts c;

	store_share_counts(st, &c);
	*refresh = c.refresh;
	return c.read[REQ_READ];
}

START_TEST(changed_pages_are_read_before_the_lock)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes)");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16];
	long n, reads, refresh, reads2, refresh2;
	int i;

	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);   /* a keeps the pages it reads */
	for (i = 0; i < 3; i++)   /* three saves in a row: b's own cache stays good */
		ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	reads = reads_under_lock(a, &refresh);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 4);
	reads2 = reads_under_lock(a, &refresh2);
	ck_assert_int_ge(refresh2 - refresh, 2);    /* DB.changes, DB.pages */
	ck_assert_int_le(reads2 - reads, 1);        /* under the lock: the header's version only */
	store_close(a);
	store_close(b);
}
END_TEST

/* A save at work beside the database: its journal there, its header
 * written (SQLite writes the magic and page count just before the
 * database's pages). */
static void journal_being_written(const char *path)
{
	static const unsigned char head[12] = { 0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7, 0, 0, 0, 3 };
	char journal[300];
	FILE *f;

	snprintf(journal, sizeof journal, "%s-journal", path);
	ck_assert_ptr_nonnull(f = fopen(journal, "w"));
	ck_assert_uint_eq(fwrite(head, 1, sizeof head, f), sizeof head);
	fclose(f);
}

/* DB.pages written over: every save's pages in it fail their sum. */
static void spoil_page_contents(const char *path)
{
	char images[300];
	unsigned char *junk;
	long size;
	FILE *f;

	snprintf(images, sizeof images, "%s.pages", path);
	ck_assert_ptr_nonnull(f = fopen(images, "r+b"));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	ck_assert_int_gt(size, 0);
	ck_assert_ptr_nonnull(junk = malloc((size_t)size));
	memset(junk, 0x5A, (size_t)size);
	rewind(f);
	ck_assert_uint_eq(fwrite(junk, 1, (size_t)size, f), (size_t)size);
	fclose(f);
	free(junk);
}

/* Another station holds the lock and writes the database (its journal
 * there); it ends its save 0.3 s later. The station waiting for the lock
 * brings its pages up to date meanwhile: from DB.pages, which holds only
 * saves done - or, its contents spoilt (contents 0), not at all: nothing
 * is read from the database before the lock, so the pages b's saves
 * changed are read under it. */
static void pages_before_the_lock_while_a_save_writes(int contents)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks and its journal");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 5000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16], journal[300], lock[300];
	long n, reads, refresh, reads2, refresh2;
	pid_t holder;

	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	if (!contents)
		spoil_page_contents(path);
	snprintf(journal, sizeof journal, "%s-journal", path);
	snprintf(lock, sizeof lock, "%s.lock", path);
	ck_assert_int_eq(mkdir(lock, 0777), 0);
	journal_being_written(path);
	holder = fork();
	ck_assert_int_ge(holder, 0);
	if (holder == 0) {
		usleep(300000);
		unlink(journal);   /* its save done, */
		rmdir(lock);       /* the lock given back */
		_exit(0);
	}
	reads = reads_under_lock(a, &refresh);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	waitpid(holder, NULL, 0);
	ck_assert_int_eq(n, 2);
	reads2 = reads_under_lock(a, &refresh2);
	if (contents) {
		ck_assert_int_ge(refresh2 - refresh, 2);   /* DB.changes and DB.pages, before the lock */
		ck_assert_int_le(reads2 - reads, 1);       /* under it: the header's version only */
	} else {
		ck_assert_int_le(refresh2 - refresh, 4);   /* DB.changes, DB.pages (each once or twice) */
		ck_assert_int_gt(reads2 - reads, 1);       /* the pages read under the lock */
	}
	store_close(a);
	store_close(b);
}

/* What DB.pages holds is committed: kept before the lock even while the
 * one holding it writes (a station first in line catches up with the
 * saves before the one ahead's while it works). */
START_TEST(page_contents_are_kept_before_the_lock_while_a_save_writes)
{
	pages_before_the_lock_while_a_save_writes(1);
}
END_TEST

START_TEST(no_page_is_read_from_the_database_before_the_lock)
{
	pages_before_the_lock_while_a_save_writes(0);
}
END_TEST

/* DB.changes's 16-bit check of a record, as the store computes it. */
static unsigned record_check(const unsigned char *rec, long size)
{
	unsigned long x = 1, y = 0, both;
	long i;

	for (i = 8; i < size; i++) {
		x = (x + rec[i]) % 65521;
		y = (y + x) % 65521;
	}
	both = y << 16 | x;
	both ^= both >> 16;
	return (both & 0xFFFF) ? (unsigned)(both & 0xFFFF) : 1;
}

/* A record of DB.changes that does not hold together (what a record still
 * being written, or torn by a station that died writing it, reads as): its
 * 16-bit check wrong, or (own_sum) only its own 32-bit sum, the check made
 * right again - never followed, before the lock or under it: the pages
 * another station changed are read again there. */
static void a_spoilt_record_is_not_followed(int own_sum)
{
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16], changes[300];
	unsigned char rec[32768];
	long n, reads, refresh, reads2, refresh2, size, recsize;
	unsigned check;
	FILE *f;

	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	snprintf(changes, sizeof changes, "%s.changes", path);
	ck_assert_ptr_nonnull(f = fopen(changes, "rb"));
	fseek(f, 0, SEEK_END);
	size = ftell(f);   /* where b's next record goes (over the zero word before it) */
	fclose(f);
	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_ptr_nonnull(f = fopen(changes, "r+b"));
	ck_assert_int_eq(fseek(f, size - 4, SEEK_SET), 0);
	ck_assert_uint_gt(fread(rec, 1, sizeof rec, f), 40);
	recsize = 40 + 4 * (long)(((unsigned)rec[4] << 8) | rec[5]) + 16;
	if (own_sum) {
		rec[recsize - 1] ^= 0x5A;
		check = record_check(rec, recsize);
		rec[6] = (unsigned char)(check >> 8);
		rec[7] = (unsigned char)check;
	} else {
		rec[7] ^= 0x5A;   /* the check, low bits */
	}
	ck_assert_int_eq(fseek(f, size - 4, SEEK_SET), 0);
	ck_assert_uint_eq(fwrite(rec, 1, (size_t)recsize, f), (size_t)recsize);
	fclose(f);
	reads = reads_under_lock(a, &refresh);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 2);
	reads2 = reads_under_lock(a, &refresh2);
	ck_assert_int_gt(reads2 - reads, 1);   /* the changed pages read under the lock */
	store_close(a);
	store_close(b);
}

START_TEST(a_record_failing_its_check_is_not_followed_before_the_lock)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes)");
	a_spoilt_record_is_not_followed(0);
}
END_TEST

START_TEST(a_record_failing_its_own_sum_is_not_followed)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes)");
	a_spoilt_record_is_not_followed(1);
}
END_TEST

/* A station saving again with no save between: it reads nothing under
 * the lock but the header's version - not DB.changes again (no save has
 * added to it since), not past the end of the journal it has just made. */
START_TEST(a_second_save_in_a_row_reads_only_the_version)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes) and its journal");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000);
	struct store_share_counts c;
	struct yc_err err;
	char number[16];
	long reads, tx;

	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	store_share_counts(a, &c);
	reads = c.write[REQ_READ];
	tx = c.write_tx;
	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	store_share_counts(a, &c);
	ck_assert_int_eq(c.write_tx - tx, 1);
	ck_assert_int_le(c.write[REQ_READ] - reads, 1);
	store_close(a);
}
END_TEST

/* DB.pages holds the pages each save wrote; contents that do not sum (a
 * station killed while writing them, or written over since) are never
 * served: the pages are read from the database instead. */
START_TEST(pages_failing_their_sum_are_read_from_the_database)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.pages)");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16];
	long n;
	int i;

	ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	for (i = 0; i < 3; i++)
		ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	spoil_page_contents(path);   /* every page of every save: not what they wrote */
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 4);
	ck_assert_int_eq(store_ticket_issue(a, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 5);
	store_close(a);
	store_close(b);
}
END_TEST

/* DB.changes full: the latest records are kept at its start, so that a
 * station a few saves behind still follows them and keeps its pages. */
START_TEST(a_full_log_keeps_its_latest_records)
{
	ONLY_ON_SQLITE("it is about the file's pages kept between locks (DB.changes)");
	const char *path = make_db(0);
	struct yc_store *a = open_db(path, "unix-dotfile", 1000), *b = open_db(path, "unix-dotfile", 1000);
	struct yc_err err;
	char number[16], changes[300];
	long n, reads, refresh, reads2, refresh2, issued = 0;
	struct stat sb;
	int i;

	snprintf(changes, sizeof changes, "%s.changes", path);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	do {   /* until the log is nearly full */
		ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
		issued++;
		ck_assert_int_eq(stat(changes, &sb), 0);
	} while (sb.st_size < 32768 - 600);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);   /* a is up to date */
	for (i = 0; i < 10; i++, issued++)   /* past the end of the log: it is full */
		ck_assert_int_eq(store_ticket_issue(b, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	reads = reads_under_lock(a, &refresh);
	ck_assert_int_eq(store_count(a, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, issued);
	reads2 = reads_under_lock(a, &refresh2);
	ck_assert_int_le(reads2 - reads, 1);   /* followed: nothing forgotten, nothing read under the lock */
	store_close(a);
	store_close(b);
}
END_TEST

/* A live screen's reload: its reads under one lock, not one each; a
 * write among them ends the shared transaction first and is saved. */
START_TEST(reads_together_take_the_lock_once)
{
	ONLY_ON_SQLITE("it counts the share's lock directory (on a server: test_db's snapshot reads)");
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix-dotfile", 1000);
	struct store_share_counts c;
	struct yc_err err;
	char number[16], lock[300];
	long n, locks;

	snprintf(lock, sizeof lock, "%s.lock", path);
	store_share_counts(st, &c);
	locks = c.read[REQ_MKDIR];
	store_reads_together(st, 1);
	ck_assert_int_eq(store_count(st, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(access(lock, F_OK), 0);   /* held between the reads */
	ck_assert_int_eq(store_count(st, "users", &n, &err), 0);
	ck_assert_int_eq(store_count(st, "service_items", &n, &err), 0);
	store_reads_together(st, 0);
	ck_assert_int_eq(access(lock, F_OK), -1);  /* and given back at the end */
	store_share_counts(st, &c);
	ck_assert_int_eq(c.read[REQ_MKDIR] - locks, 1);
	store_reads_together(st, 1);
	ck_assert_int_eq(store_count(st, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_count(st, "queue_tickets", &n, &err), 0);
	ck_assert_int_eq(n, 1);
	store_reads_together(st, 0);
	ck_assert_int_eq(access(lock, F_OK), -1);
	store_close(st);
}
END_TEST

/* On a share each request is a round trip made while the others wait:
 * a ticket (a write transaction of a few pages) makes few of them, the
 * journal's pages going as one write, not three writes a page. */
START_TEST(a_write_makes_few_requests_to_the_share)
{
	ONLY_ON_SQLITE("it counts the requests the file's VFS makes to the share");
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix-dotfile", 1000);
	struct store_share_counts c;
	struct yc_err err;
	char number[16];
	int i;

	for (i = 0; i < 5; i++)
		ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	store_share_counts(st, &c);
	ck_assert_int_eq(c.write_tx, 5);
	ck_assert_int_le(store_requests_total(c.write), 5 * 25);
	ck_assert_int_le(c.write[REQ_WRITE], 5 * 10);
	ck_assert_int_eq(c.write[REQ_MKDIR], 5);
	ck_assert_int_eq(c.write[REQ_RMDIR], 5);
	store_close(st);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM pragma_integrity_check WHERE integrity_check <> 'ok'"), 0);
}
END_TEST

START_TEST(events_are_chained)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 1000);
	struct yc_err err;
	char number[16];
	struct raw_db db;
	db_stmt *s;
	int rows = 0;

	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	store_close(st);
	db = raw_open(path);
	s = raw_prepare(&db, "SELECT count(DISTINCT hash), count(*), min(length(hash)) FROM events");
	ck_assert_int_eq(db_step(s), DB_ROW);
	rows = db_col_int(s, 1);
	ck_assert_int_eq(rows, 3);
	ck_assert_int_eq(db_col_int(s, 0), 3);
	ck_assert_int_eq(db_col_int(s, 2), 64);
	db_finalize(s);
	/* the log refuses edits */
	ck_assert_int_ne(raw_exec(&db, "UPDATE events SET action = 'x'"), DB_OK);
	ck_assert_int_ne(raw_exec(&db, "DELETE FROM events"), DB_OK);
	raw_close(&db);
}
END_TEST

START_TEST(keyset_pages_cover_everything_once)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_item_row rows[7];
	struct yc_err err;
	char last[24] = "";
	long total, seen = 0;
	int n;

	ck_assert_int_eq(store_items_count(st, "", &total, &err), 0);
	do {
		ck_assert_int_eq(store_items_page(st, "", last, 1, rows, 7, &n, &err), 0);
		for (int i = 0; i < n; i++) {
			ck_assert_str_gt(rows[i].code, last);    /* strictly increasing */
			strcpy(last, rows[i].code);
		}
		seen += n;
	} while (n == 7);
	ck_assert_int_eq(seen, total);
	/* backward from the end gives the last rows in display order */
	ck_assert_int_eq(store_items_page(st, "", "", 0, rows, 7, &n, &err), 0);
	ck_assert_int_eq(n, 7);
	ck_assert_str_eq(rows[6].code, last);
	ck_assert_str_lt(rows[0].code, rows[1].code);
	store_close(st);
}
END_TEST

/* The first item a search gives, and how many it finds. */
static long first_found(struct yc_store *st, const char *query, struct yc_item_row *first)
{
	struct yc_err err;
	long count;
	int n;

	ck_assert_int_eq(store_items_count(st, query, &count, &err), 0);
	memset(first, 0, sizeof *first);
	ck_assert_int_eq(store_items_page(st, query, "", 1, first, 1, &n, &err), 0);
	ck_assert_int_eq(n, count > 0);
	return count;
}

START_TEST(search_by_pinyin_name_and_code)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_item_row rows[8], first;
	struct yc_err err;
	int n;

	ck_assert_int_eq(first_found(st, "gtgsh", &first), 2);   /* 个体工商户 set up / change */
	/* by name: the two whose name has it, before those whose guide does */
	ck_assert_int_ge(first_found(st, "个体工商户", &first), 2);
	ck_assert_int_eq(store_items_page(st, "个体工商户", "", 1, rows, 8, &n, &err), 0);
	ck_assert_str_eq(rows[0].code, "SCJG-001");
	ck_assert_str_eq(rows[1].code, "SCJG-002");
	ck_assert_int_eq(rows[1].found_in, ITEM_FOUND_IN_NAME);
	ck_assert(n == 2 || rows[2].found_in > ITEM_FOUND_IN_NAME);
	ck_assert_int_eq(first_found(st, "SCJG-001", &first), 1);
	ck_assert_int_eq(first_found(st, "个体%", &first), 0);   /* % is a character, not a wildcard */
	store_close(st);
}
END_TEST

/* What citizens and clerks type (issue: the desk finds nothing for
 * "营业执照" or "开饭店"): any field, pinyin anywhere, full-width, codes
 * without their dash, spaces around. */
START_TEST(search_finds_what_citizens_say)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_item_row first;

	ck_assert_int_ge(first_found(st, "营业执照", &first), 3);   /* the licence, in keywords and guides */
	ck_assert_int_ge(first_found(st, "开饭店", &first), 1);
	ck_assert_str_eq(first.code, "SCJG-001");                   /* keywords: a business licence first */
	ck_assert_int_eq(first.found_in, ITEM_FOUND_IN_KEYWORDS);
	ck_assert_int_eq(first_found(st, "sldj", &first), 2);       /* initials inside the name */
	ck_assert_int_eq(first_found(st, "shelidengji", &first), 2);   /* full pinyin */
	ck_assert_int_eq(first_found(st, "ＧＴＧＳＨ", &first), 2);   /* full-width */
	ck_assert_int_eq(first_found(st, "gtgsh ", &first), 2);     /* a trailing space */
	ck_assert_int_eq(first_found(st, "bdc001", &first), 1);     /* the code without its dash */
	ck_assert_str_eq(first.code, "BDC-001");
	ck_assert_int_eq(first_found(st, "bdc-001", &first), 1);
	ck_assert_int_eq(first_found(st, "　过户　", &first), 1);   /* ideographic spaces */
	ck_assert_str_eq(first.code, "BDC-001");
	ck_assert_int_ge(first_found(st, "婚", &first), 2);         /* one character: read row by row */
	ck_assert_int_eq(first.found_in, ITEM_FOUND_IN_NAME);
	store_close(st);
}
END_TEST

/* Paging over a ranked result: every item once, in rank then code order. */
START_TEST(ranked_search_pages_cover_everything_once)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_item_row rows[3], prev;
	struct yc_err err;
	char last[24] = "";
	long total, seen = 0;
	int n, i;

	memset(&prev, 0, sizeof prev);
	ck_assert_int_eq(store_items_count(st, "登记", &total, &err), 0);
	ck_assert_int_gt(total, 6);
	do {
		ck_assert_int_eq(store_items_page(st, "登记", last, 1, rows, 3, &n, &err), 0);
		for (i = 0; i < n; i++) {
			ck_assert(seen + i == 0 || rows[i].found_in > prev.found_in ||
				  (rows[i].found_in == prev.found_in && strcmp(rows[i].code, prev.code) > 0));
			prev = rows[i];
		}
		strcpy(last, prev.code);   /* the anchor: the last row shown */
		seen += n;
	} while (n == 3);
	ck_assert_int_eq(seen, total);
	/* and back from the end */
	ck_assert_int_eq(store_items_page(st, "登记", "", 0, rows, 3, &n, &err), 0);
	ck_assert_str_eq(rows[2].code, prev.code);
	store_close(st);
}
END_TEST

struct lines {
	char all[16384];
};

static void collect(void *ctx, const char *kind, const char *text)
{
	struct lines *l = ctx;

	strncat(l->all, text, sizeof l->all - strlen(l->all) - 2);
	strcat(l->all, "\n");
}

START_TEST(guide_shows_checkpoint_version_in_force)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 1000);
	struct lines before, after;
	struct yc_err err;
	struct raw_db db = raw_open(path);
	db_stmt *s;
	long long item;
	char v1[512], v2[512];

	/* an item with a checkpoint that changed on 2026-04-01 */
	s = raw_prepare(&db, "SELECT m.item_id, o.text, n.text FROM checkpoints o JOIN checkpoints n"
			     " ON n.material_id = o.material_id AND n.seq = o.seq AND n.version = 2"
			     " JOIN materials m ON m.id = o.material_id WHERE o.version = 1 LIMIT 1");
	ck_assert_int_eq(db_step(s), DB_ROW);
	item = db_col_int64(s, 0);
	strcpy(v1, db_col_text(s, 1));
	strcpy(v2, db_col_text(s, 2));
	db_finalize(s);
	raw_close(&db);

	memset(&before, 0, sizeof before);
	memset(&after, 0, sizeof after);
	ck_assert_int_eq(store_item_guide(st, item, "2026-03-31", collect, &before, &err), 0);
	ck_assert_int_eq(store_item_guide(st, item, "2026-04-01", collect, &after, &err), 0);
	ck_assert_ptr_nonnull(strstr(before.all, v1));
	ck_assert_ptr_null(strstr(before.all, v2));
	ck_assert_ptr_nonnull(strstr(after.all, v2));
	ck_assert_ptr_nonnull(strstr(after.all, "(version 2)"));
	store_close(st);
}
END_TEST

/* Schema 11 taken off a file of schema 11 (undo_schema_to), as a hall's
 * file of schema 10 is. */
static const char UNDO_SCHEMA_11[] =
	"DROP TRIGGER case_names_on_insert; DROP TRIGGER case_names_on_update;"
	"DROP TRIGGER case_names_on_delete; DROP TRIGGER case_names_on_rename;"
	"DROP TABLE case_names; CREATE INDEX applicants_name ON applicants(name);"
	"DROP INDEX notices_case_latest; CREATE INDEX notices_case ON notices(case_id);";

/* A hall's database of schema 9 opened by this program: migrated to 10,
 * the results' slips learn from the SMS already queued when the applicant
 * was told. */
START_TEST(schema_9_is_migrated_and_results_learn_when_told)
{
	ONLY_ON_SQLITE("no database on a server is older than schema 27 (data/pg/schema.sql): migrations 9 and 10 are the file's");
	const char *path = make_db(1);
	struct yc_store *st;
	long id;
	char sql[1000];

	id = query_long(path, "SELECT case_id FROM transfer_slips WHERE direction = 'to_pickup' ORDER BY case_id LIMIT 1");
	ck_assert_int_gt(id, 0);
	undo_schema_to(path, 11);
	exec(path, UNDO_SCHEMA_11);
	snprintf(sql, sizeof sql,
		 "DROP INDEX transfer_slips_pickup_told; ALTER TABLE transfer_slips DROP COLUMN told_at;"
		 "CREATE INDEX transfer_slips_direction_handed ON transfer_slips(direction, handed_at, case_id);"
		 "DELETE FROM notifications; DELETE FROM pickups;"
		 "INSERT INTO notifications(case_id, phone, message, status, created_at, kind)"
		 " VALUES (%ld, '13900000000', 'x', 'sent', '2026-11-21 09:00:00', 'completion'),"
		 " (%ld, '13900000000', 'x', 'sent', '2026-11-22 09:00:00', 'completion');"
		 "PRAGMA user_version = 9;", id, id);
	exec(path, sql);
	st = open_db(path, "unix", 2000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips WHERE case_id = %ld"
		 " AND direction = 'to_pickup' AND told_at = '2026-11-21 09:00:00'", id);
	ck_assert_int_eq(query_long(path, sql), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM transfer_slips WHERE told_at IS NOT NULL"), 1);
}
END_TEST

/* A hall's database of schema 10 opened by this program: migrated to 11,
 * every case then in the name search's table under its applicant's name,
 * and a case made afterwards joins it. */
START_TEST(schema_10_is_migrated_and_every_case_is_found_by_name)
{
	ONLY_ON_SQLITE("no database on a server is older than schema 27 (data/pg/schema.sql): migration 11 is the file's");
	const char *path = make_db(1);
	struct yc_store *st;
	long cases;

	undo_schema_to(path, 11);
	exec(path, UNDO_SCHEMA_11);
	exec(path, "PRAGMA user_version = 10;");
	cases = query_long(path, "SELECT count(*) FROM cases");
	ck_assert_int_gt(cases, 5);
	st = open_db(path, "unix", 2000);
	store_close(st);
	ck_assert_int_eq(query_long(path, "PRAGMA user_version"), store_schema_version());
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_names"), cases);
	ck_assert_int_eq(query_long(path,
		"SELECT count(*) FROM cases c JOIN applicants a ON a.id = c.applicant_id JOIN case_names n"
		" ON n.case_id = c.id AND n.name = a.name AND n.created_at = c.created_at"
		" AND n.initial = substr(a.name, 1, 1)"), cases);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'applicants_name'"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'notices_case'"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'notices_case_latest'"), 1);
	exec(path, "INSERT INTO cases(item_id, site_id, applicant_id, status, kind, responder_id, created_at)"
		   " SELECT item_id, site_id, applicant_id, 'reviewing', kind, responder_id, '2026-11-27 09:00:00'"
		   " FROM cases LIMIT 1");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_names"), cases + 1);
}
END_TEST

/* The transaction discipline (store-internal.h) --------------------------- */

/* A lookup body with the mistake store_run must not hide: it returns
 * sqlite3_step's SQLITE_DONE when there is no row, its output unset, after
 * it changed something. */
struct lookup_ctx {
	int64_t id;
	int found;
};

static const char SQL_TOUCH_SITES[] = "UPDATE sites SET name = name || '!'";
static const char SQL_NOBODY[] = "SELECT id FROM users WHERE login = 'nobody-at-all'";

static int lookup_nobody(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct lookup_ctx *c = vctx;
	db_stmt *s;
	int rc;

	(void)err;
	if (!(s = store_prep(st, SQL_TOUCH_SITES)) || (rc = store_step_done(s)) != SQLITE_OK)
		return s ? rc : st->rc;
	if (!(s = store_prep(st, SQL_NOBODY)))
		return st->rc;
	if ((rc = db_step(s)) == DB_ROW) {
		c->id = db_col_int64(s, 0);
		c->found = 1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

START_TEST(a_body_ending_on_done_is_no_success)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 1000);
	struct lookup_ctx c = { 0, 0 };
	struct yc_err err;

	yc_err_clear(&err);
	ck_assert_int_eq(store_run(st, 1, lookup_nobody, &c, &err), -1);
	ck_assert_int_eq(c.found, 0);
	ck_assert_int_ne(err.code, YC_OK);
	ck_assert_str_ne(err.msg, "");
	store_close(st);
	/* and what it changed before is rolled back */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sites WHERE name LIKE '%!'"), 0);
}
END_TEST

/* A statement still stepping outlives a cache that fills up meanwhile:
 * its rows go on where they were. */
#define SERIES_SUM 55   /* 1 + 2 + ... + 10 */
static const char SQL_SERIES[] =
	"WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 10) SELECT i FROM n";
static char other_sql[STORE_CACHE_SIZE + 8][24];   /* each address its own cache entry */

static int step_while_cache_fills(struct yc_store *st, void *vctx, struct yc_err *err)
{
	long *sum = vctx;
	db_stmt *s = store_prep(st, SQL_SERIES), *o;
	int i, rc;

	(void)err;
	if (!s)
		return st->rc;
	*sum = 0;
	if ((rc = db_step(s)) != DB_ROW)
		return rc;
	*sum += db_col_int(s, 0);
	for (i = 0; i < (int)(sizeof other_sql / sizeof *other_sql); i++) {
		snprintf(other_sql[i], sizeof other_sql[i], "SELECT %d", i);
		if (!(o = store_prep(st, other_sql[i])))
			return st->rc;
		if ((rc = db_step(o)) != DB_ROW)
			return rc;
		db_reset(o);
	}
	while ((rc = db_step(s)) == DB_ROW)
		*sum += db_col_int(s, 0);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

START_TEST(a_stepping_statement_outlives_a_full_cache)
{
	struct yc_store *st = open_db(make_db(0), "unix", 1000);
	struct yc_err err;
	long sum = 0;

	yc_err_clear(&err);
	ck_assert_msg(store_run(st, 0, step_while_cache_fills, &sum, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sum, SERIES_SUM);
	/* twice: the statements kept are found again, the others prepared anew */
	ck_assert_msg(store_run(st, 0, step_while_cache_fills, &sum, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(sum, SERIES_SUM);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("store");
	TCase *t = tcase_create("store");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, create_refuses_to_overwrite);
	tcase_add_test(t, create_loads_catalogue_and_calendar);
	tcase_add_test(t, missing_database_is_explained);
	tcase_add_test(t, foreign_sqlite_file_is_refused);
	tcase_add_test(t, newer_schema_is_refused);
	tcase_add_test(t, tickets_number_per_category_and_day);
	tcase_add_test(t, busy_database_retries_then_says_so);
	tcase_add_test(t, stale_dotfile_lock_is_named);
	tcase_add_test(t, other_stations_commits_are_noticed);
	tcase_add_test(t, other_stations_commits_are_noticed_on_a_share);
	tcase_add_test(t, a_write_makes_few_requests_to_the_share);
	tcase_add_test(t, a_ticket_left_by_a_dead_station_ages_out);
	tcase_add_test(t, kept_pages_follow_every_commit);
	tcase_add_test(t, changed_pages_are_read_before_the_lock);
	tcase_add_test(t, page_contents_are_kept_before_the_lock_while_a_save_writes);
	tcase_add_test(t, no_page_is_read_from_the_database_before_the_lock);
	tcase_add_test(t, a_record_failing_its_check_is_not_followed_before_the_lock);
	tcase_add_test(t, a_record_failing_its_own_sum_is_not_followed);
	tcase_add_test(t, a_second_save_in_a_row_reads_only_the_version);
	tcase_add_test(t, pages_failing_their_sum_are_read_from_the_database);
	tcase_add_test(t, a_full_log_keeps_its_latest_records);
	tcase_add_test(t, reads_together_take_the_lock_once);
	tcase_add_test(t, events_are_chained);
	tcase_add_test(t, keyset_pages_cover_everything_once);
	tcase_add_test(t, search_by_pinyin_name_and_code);
	tcase_add_test(t, search_finds_what_citizens_say);
	tcase_add_test(t, ranked_search_pages_cover_everything_once);
	tcase_add_test(t, guide_shows_checkpoint_version_in_force);
	tcase_add_test(t, schema_9_is_migrated_and_results_learn_when_told);
	tcase_add_test(t, schema_10_is_migrated_and_every_case_is_found_by_name);
	tcase_add_test(t, a_body_ending_on_done_is_no_success);
	tcase_add_test(t, a_stepping_statement_outlives_a_full_cache);
	suite_add_tcase(s, t);
	return run_suite(s);
}
