/* bench - how fast the store answers on a big database, headless: each
 * operation many times through libyc.a as the screens call it, the median
 * and the 99th percentile in milliseconds.
 *
 *   bench DB [--iterations N] [--commits N] [--site CODE] [--locking unix|unix-dotfile]
 *            [--cold] [--cold-each] [--json] [--only SUBSTRING]
 *   bench --conninfo CONNINFO [--password-file FILE] [the same options]
 *
 * With --conninfo the store is a PostgreSQL server's (database.backend =
 * "postgresql", issue #24): the same operations through the same store
 * calls, the values searched for picked the same way (a hall moved by
 * migrate-to-postgresql keeps its ids, so both backends search the same
 * values); there is no bare-SQLite commit to compare with, and --cold,
 * --cold-each and --locking are SQLite's (the server's own buffers are
 * not the operating system's page cache).
 *
 * Operations: opening (store_open, the calendar, the login's user, the
 * menu's overview), each screen's main list as the screen loads it,
 * paging the catalogue, searching a case by number, ID number, phone,
 * name and notice number (values picked at random from the database
 * first), a case's history, the assessment sheet of a month and a year's
 * report, and the intake commit (accept) - through the store and again
 * as the same statements issued directly through SQLite on a connection
 * set up the same way, with the ratio store/bare.
 *
 * The intake commits are real: each run adds --commits x 2 accepted cases
 * dated today to DB. Targets (see bench/README): every screen and search
 * under 50 ms, the commit within 1.5x of bare SQLite, peak memory under
 * 30 MB. The exit status is 0 even when a target is missed; the lines say. */
#include "config.h"

#include <getopt.h>
#include <libpq-fe.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "calendar.h"
#include "intake.h"
#include "store-assess.h"
#include "store-backoffice.h"
#include "store-bundle.h"
#include "store-catalog.h"
#include "store-intake.h"
#include "store-online.h"
#include "store-outbox.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-slips.h"
#include "store-users.h"
#include "store.h"
#include "validate.h"

/* the event log's hash, from libyc.a (src/store.c) */
void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65]);

static void die(const char *what, const struct yc_err *err)
{
	fprintf(stderr, "bench: %s: %s%s%s\n", what, err ? err->msg : "", err && err->detail[0] ? " - " : "",
		err ? err->detail : "");
	exit(1);
}

static double now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec * 1e3 + (double)t.tv_nsec / 1e6;
}

/* Timings ------------------------------------------------------------------------ */

enum target { TGT_SCREEN, TGT_NONE };

struct op {
	char name[64];
	const char *group;
	enum target target;
	double *ms;
	int n, cap;
	double median, p99, max, mean;
};

static struct op ops[96];
static int n_ops;
static const char *only;

static struct op *op(const char *group, const char *name, enum target t)
{
	int i;

	for (i = 0; i < n_ops; i++)
		if (strcmp(ops[i].name, name) == 0)
			return &ops[i];
	snprintf(ops[n_ops].name, sizeof ops[n_ops].name, "%s", name);
	ops[n_ops].group = group;
	ops[n_ops].target = t;
	return &ops[n_ops++];
}

static void record(struct op *o, double ms)
{
	if (o->n == o->cap) {
		o->cap = o->cap ? o->cap * 2 : 64;
		o->ms = realloc(o->ms, sizeof *o->ms * (size_t)o->cap);
		if (!o->ms)
			die("out of memory", NULL);
	}
	o->ms[o->n++] = ms;
}

static int cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

/* nearest rank */
static double pct(const double *sorted, int n, double p)
{
	int k = (int)(p / 100.0 * n + 0.999999);

	if (k < 1)
		k = 1;
	if (k > n)
		k = n;
	return sorted[k - 1];
}

static void summarise(struct op *o)
{
	double sum = 0;
	int i;

	if (o->n == 0)
		return;
	qsort(o->ms, (size_t)o->n, sizeof *o->ms, cmp_double);
	o->median = o->n % 2 ? o->ms[o->n / 2] : (o->ms[o->n / 2 - 1] + o->ms[o->n / 2]) / 2;
	o->p99 = pct(o->ms, o->n, 99);
	o->max = o->ms[o->n - 1];
	for (i = 0; i < o->n; i++)
		sum += o->ms[i];
	o->mean = sum / o->n;
}

/* name padded to width columns (CJK characters take two) */
static void print_padded(const char *name, int width)
{
	const unsigned char *c = (const unsigned char *)name;
	int cols = 0;

	for (; *c; c++)
		if ((*c & 0xC0) != 0x80)
			cols += *c >= 0xE0 ? 2 : 1;
	fputs(name, stdout);
	for (; cols < width; cols++)
		putchar(' ');
}

static int wanted(const char *name)
{
	return !only || strstr(name, only);
}

/* --cold-each: every timed call of a screen or search starts with the
 * operating system's page cache empty (root), as the first search of the
 * day on a server that has not read the file yet: the worst case. What
 * SQLite's own connection cache holds stays, as in a running station. */
static int cold_each;

static void drop_page_cache(void)
{
	FILE *f = fopen("/proc/sys/vm/drop_caches", "w");

	if (!f)
		die("--cold-each needs root (to drop the page cache)", NULL);
	fputs("1\n", f);
	fclose(f);
}

/* Time one call: T(op, call) records the milliseconds, dies on an error. */
#define TIME(o, call)                                                                                      \
	do {                                                                                               \
		double t0_ = now_ms();                                                                     \
		if ((call) < 0)                                                                            \
			die((o)->name, &err);                                                              \
		record((o), now_ms() - t0_);                                                               \
	} while (0)

/* Values to search for, picked before the clock runs ------------------------------------ */

#define MAX_PICK 400

struct picks {
	char case_number[MAX_PICK][40];
	char id_number[MAX_PICK][24];
	char phone[MAX_PICK][24];
	char name[MAX_PICK][130];
	char notice[MAX_PICK][48];
	int64_t case_id[MAX_PICK];
	int n;
	char items[128][24];
	int n_items;
	int64_t depts[64];
	int n_depts;
	char first_month[8], last_month[8];
	long cases;
	double db_gb;
};

static void pick_values(const char *path, struct picks *p)
{
	sqlite3 *db;
	sqlite3_stmt *s, *c;
	int64_t max_id;
	int tries = 0;
	struct stat sb;

	memset(p, 0, sizeof *p);
	if (stat(path, &sb) == 0)
		p->db_gb = (double)sb.st_size / 1e9;
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READONLY, NULL) != SQLITE_OK)
		die("cannot open the database", NULL);
	sqlite3_busy_timeout(db, 10000);
	sqlite3_prepare_v2(db, "SELECT max(id), count(*) FROM cases", -1, &s, NULL);
	if (sqlite3_step(s) != SQLITE_ROW)
		die("no cases table", NULL);
	max_id = sqlite3_column_int64(s, 0);
	p->cases = sqlite3_column_int64(s, 1);
	sqlite3_finalize(s);
	sqlite3_prepare_v2(db,
			   "SELECT c.id, c.case_number, a.id_number, a.phone, a.name,"
			   " (SELECT number FROM notices n WHERE n.case_id = c.id ORDER BY n.id LIMIT 1)"
			   " FROM cases c JOIN applicants a ON a.id = c.applicant_id"
			   " WHERE c.id = ?1 AND c.case_number IS NOT NULL AND a.kind = 'person'",
			   -1, &c, NULL);
	srand(12345);
	while (p->n < MAX_PICK && tries++ < MAX_PICK * 20 && max_id > 0) {
		int64_t id = 1 + (int64_t)(((uint64_t)rand() << 31 ^ (uint64_t)rand()) % (uint64_t)max_id);

		sqlite3_bind_int64(c, 1, id);
		if (sqlite3_step(c) == SQLITE_ROW && sqlite3_column_text(c, 5)) {
			p->case_id[p->n] = sqlite3_column_int64(c, 0);
			snprintf(p->case_number[p->n], sizeof p->case_number[0], "%s", sqlite3_column_text(c, 1));
			snprintf(p->id_number[p->n], sizeof p->id_number[0], "%s", sqlite3_column_text(c, 2));
			snprintf(p->phone[p->n], sizeof p->phone[0], "%s", sqlite3_column_text(c, 3));
			snprintf(p->name[p->n], sizeof p->name[0], "%s", sqlite3_column_text(c, 4));
			snprintf(p->notice[p->n], sizeof p->notice[0], "%s", sqlite3_column_text(c, 5));
			p->n++;
		}
		sqlite3_reset(c);
	}
	sqlite3_finalize(c);
	if (p->n == 0)
		die("no accepted cases of a person in the database: generate a history first", NULL);
	sqlite3_prepare_v2(db, "SELECT code FROM service_items WHERE active ORDER BY code", -1, &s, NULL);
	while (sqlite3_step(s) == SQLITE_ROW && p->n_items < 128)
		snprintf(p->items[p->n_items++], sizeof p->items[0], "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);
	sqlite3_prepare_v2(db, "SELECT id FROM departments ORDER BY id", -1, &s, NULL);
	while (sqlite3_step(s) == SQLITE_ROW && p->n_depts < 64)
		p->depts[p->n_depts++] = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	/* months with criteria and cases */
	sqlite3_prepare_v2(db,
			   "SELECT max((SELECT min(effective_from) FROM assessment_criteria),"
			   " (SELECT substr(min(created_at), 1, 7) FROM cases)),"
			   " (SELECT substr(max(created_at), 1, 7) FROM cases)",
			   -1, &s, NULL);
	if (sqlite3_step(s) == SQLITE_ROW && sqlite3_column_text(s, 0) && sqlite3_column_text(s, 1)) {
		snprintf(p->first_month, sizeof p->first_month, "%s", sqlite3_column_text(s, 0));
		snprintf(p->last_month, sizeof p->last_month, "%s", sqlite3_column_text(s, 1));
	}
	sqlite3_finalize(s);
	sqlite3_close(db);
}

/* The same picks from a PostgreSQL server (the same queries in its
 * words, the same random ids: a migrated hall keeps its ids). */
static PGresult *pg_query(PGconn *pg, const char *sql, int n, const char *const *values)
{
	PGresult *r = PQexecParams(pg, sql, n, NULL, values, NULL, NULL, 0);

	if (PQresultStatus(r) != PGRES_TUPLES_OK) {
		fprintf(stderr, "bench: %s: %s", sql, PQerrorMessage(pg));
		exit(1);
	}
	return r;
}

static void pick_values_pg(const char *conninfo, struct picks *p)
{
	PGconn *pg = PQconnectdb(conninfo);
	PGresult *r;
	int64_t max_id;
	int tries = 0, i;

	memset(p, 0, sizeof *p);
	if (PQstatus(pg) != CONNECTION_OK) {
		fprintf(stderr, "bench: %s: %s", conninfo, PQerrorMessage(pg));
		exit(1);
	}
	r = pg_query(pg, "SELECT coalesce(max(id), 0), count(*), pg_database_size(current_database()) FROM cases", 0, NULL);
	max_id = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
	p->cases = strtol(PQgetvalue(r, 0, 1), NULL, 10);
	p->db_gb = strtod(PQgetvalue(r, 0, 2), NULL) / 1e9;
	PQclear(r);
	r = PQprepare(pg, "pick",
		      "SELECT c.id, c.case_number, a.id_number, a.phone, a.name,"
		      " (SELECT number FROM notices n WHERE n.case_id = c.id ORDER BY n.id LIMIT 1)"
		      " FROM cases c JOIN applicants a ON a.id = c.applicant_id"
		      " WHERE c.id = $1 AND c.case_number IS NOT NULL AND a.kind = 'person'",
		      1, NULL);
	PQclear(r);
	srand(12345);
	while (p->n < MAX_PICK && tries++ < MAX_PICK * 20 && max_id > 0) {
		int64_t id = 1 + (int64_t)(((uint64_t)rand() << 31 ^ (uint64_t)rand()) % (uint64_t)max_id);
		char v[24];
		const char *vals[1] = { v };

		snprintf(v, sizeof v, "%lld", (long long)id);
		r = PQexecPrepared(pg, "pick", 1, vals, NULL, NULL, 0);
		if (PQresultStatus(r) == PGRES_TUPLES_OK && PQntuples(r) == 1 && !PQgetisnull(r, 0, 5)) {
			p->case_id[p->n] = strtoll(PQgetvalue(r, 0, 0), NULL, 10);
			snprintf(p->case_number[p->n], sizeof p->case_number[0], "%s", PQgetvalue(r, 0, 1));
			snprintf(p->id_number[p->n], sizeof p->id_number[0], "%s", PQgetvalue(r, 0, 2));
			snprintf(p->phone[p->n], sizeof p->phone[0], "%s", PQgetvalue(r, 0, 3));
			snprintf(p->name[p->n], sizeof p->name[0], "%s", PQgetvalue(r, 0, 4));
			snprintf(p->notice[p->n], sizeof p->notice[0], "%s", PQgetvalue(r, 0, 5));
			p->n++;
		}
		PQclear(r);
	}
	if (p->n == 0)
		die("no accepted cases of a person in the database: generate a history first", NULL);
	r = pg_query(pg, "SELECT code FROM service_items WHERE active = 1 ORDER BY code", 0, NULL);
	for (i = 0; i < PQntuples(r) && p->n_items < 128; i++)
		snprintf(p->items[p->n_items++], sizeof p->items[0], "%s", PQgetvalue(r, i, 0));
	PQclear(r);
	r = pg_query(pg, "SELECT id FROM departments ORDER BY id", 0, NULL);
	for (i = 0; i < PQntuples(r) && p->n_depts < 64; i++)
		p->depts[p->n_depts++] = strtoll(PQgetvalue(r, i, 0), NULL, 10);
	PQclear(r);
	r = pg_query(pg,
		     "SELECT greatest((SELECT min(effective_from) FROM assessment_criteria),"
		     " (SELECT substr(min(created_at), 1, 7) FROM cases)),"
		     " (SELECT substr(max(created_at), 1, 7) FROM cases)",
		     0, NULL);
	if (PQntuples(r) == 1 && !PQgetisnull(r, 0, 0) && !PQgetisnull(r, 0, 1)) {
		snprintf(p->first_month, sizeof p->first_month, "%s", PQgetvalue(r, 0, 0));
		snprintf(p->last_month, sizeof p->last_month, "%s", PQgetvalue(r, 0, 1));
	}
	PQclear(r);
	PQfinish(pg);
}

/* A month between first and last, at random. */
static void random_month(const struct picks *p, char out[8])
{
	int y0 = atoi(p->first_month), m0 = atoi(p->first_month + 5);
	int y1 = atoi(p->last_month), m1 = atoi(p->last_month + 5);
	int span = (y1 * 12 + m1) - (y0 * 12 + m0) + 1, k;

	if (!p->first_month[0] || span < 1) {
		snprintf(out, 8, "2026-10");
		return;
	}
	k = y0 * 12 + (m0 - 1) + rand() % span;
	{
		char t[32];

		snprintf(t, sizeof t, "%04d-%02d", k / 12 % 10000, k % 12 + 1);
		memcpy(out, t, 8);
		out[7] = '\0';
	}
}

/* The intake commit, through the store and bare ----------------------------------------- */

/* A notice of the real size: the acceptance template's text with the facts */
static char *render(void *ctx, const struct yc_notice_facts *f)
{
	const struct intake *in = ctx;
	char *out = malloc(4096);
	size_t len;
	int i;

	if (!out)
		return NULL;
	snprintf(out, 4096,
		 "乌审旗政务服务中心\n受理通知书\n                                        编号：%s\n%s：\n\n"
		 "    您（单位）于 %.10s 申请办理的“%s”事项，经审查，申请材料齐全、符合法定形式，决定予以受理。\n\n"
		 "    办件编号：%s        查询密码：%s\n    承办部门：%s\n    办件类型：%s        承诺办结日期：%s\n\n"
		 "    收到的材料：\n",
		 f->notice_number, in->a.name, f->issued_at, in->item_name, f->case_number, f->query_password,
		 in->department, in->kind, f->promised_date);
	for (i = 0; i < in->n_materials; i++) {
		len = strlen(out);
		snprintf(out + len, 4096 - len, "%d. %s  纸质%d份，电子%d份\n", in->m[i].seq, in->m[i].name,
			 in->m[i].paper, in->m[i].electronic);
	}
	len = strlen(out);
	snprintf(out + len, 4096 - len,
		 "    可凭办件编号和查询密码在内蒙古政务服务网、蒙速办或本中心查询办理进度；办结后我们将以短信告知您，"
		 "请到统一出件窗口领取，也可选择免费邮寄。\n\n    受理人：受理员        窗口：综合受理1号窗\n\n"
		 "                                        乌审旗政务服务中心（业务专用章）\n");
	return out;
}

/* A resident ID number nobody in a generated history has (area 150699). */
static void fresh_id(unsigned serial, char out[19])
{
	char digits[32];

	snprintf(digits, sizeof digits, "150699%04u%02u%02u%03u", 1950 + (unsigned)(time(NULL) / 86400 % 50),
		 1 + serial / 28000 % 12, 1 + serial / 1000 % 28, serial % 1000);
	memcpy(out, digits, 17);
	out[17] = yc_id_card_check_char(out);
	out[18] = '\0';
}

/* The statements store_intake_commit runs for a new applicant's record
 * accepted (src/store-intake.c, src/store-bundle.c, src/store.c), in the
 * same order, here issued directly through SQLite. */
enum {
	B_SITE, B_APPLICANT_FIND, B_APPLICANT_INSERT, B_LAST_CASE, B_LAST_NOTICE, B_CASE_INSERT, B_CASE_MATERIAL,
	B_VERDICT, B_NOTICE, B_MEMBERS_OF, B_SLIP, B_SLIP_MATERIAL, B_LAST_HASH, B_EVENT, B_COUNT
};

static const char *const BARE_SQL[B_COUNT] = {
	[B_SITE] = "SELECT id FROM sites WHERE code = ?1",
	[B_APPLICANT_FIND] = "SELECT id FROM applicants WHERE id_number = ?1 AND kind = ?2 ORDER BY id DESC LIMIT 1",
	[B_APPLICANT_INSERT] = "INSERT INTO applicants(kind, name, id_number, phone, legal_rep, address)"
			       " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[B_LAST_CASE] = "SELECT case_number FROM cases WHERE case_number > ?1 AND case_number < ?1 || ':'"
			" ORDER BY case_number DESC LIMIT 1",
	[B_LAST_NOTICE] = "SELECT number FROM notices WHERE number > ?1 AND number < ?1 || ':'"
			  " ORDER BY number DESC LIMIT 1",
	[B_CASE_INSERT] =
		"INSERT INTO cases(case_number, query_password, item_id, site_id, channel, applicant_id,"
		" agent_name, agent_id_number, agent_authorised, ticket_id, status, kind, responder_id,"
		" created_at, accepted_at, promised_date, closed_at, review_round, refusal_reason, online_id)"
		" VALUES (nullif(?1, ''), nullif(?2, ''), ?3, ?4, ?5, ?6, nullif(?7, ''), nullif(?8, ''), ?9,"
		" nullif(?10, 0), ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18, ?19, nullif(?20, 0))",
	[B_CASE_MATERIAL] =
		"INSERT INTO case_materials(case_id, material_id, paper_count, electronic_count)"
		" VALUES (?1, ?2, ?3, ?4) ON CONFLICT(case_id, material_id) DO UPDATE SET"
		" paper_count = excluded.paper_count, electronic_count = excluded.electronic_count"
		" RETURNING id",
	[B_VERDICT] = "INSERT INTO verdicts(case_material_id, checkpoint_id, verdict, reason, round, by_user, at)"
		      " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[B_NOTICE] = "INSERT INTO notices(case_id, kind, number, body, issued_by, issued_at, round)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[B_MEMBERS_OF] =
		"SELECT m.seq, i.id, i.kind, i.promised_limit, i.limit_unit FROM bundle_members m"
		" JOIN service_items i ON i.id = m.member_item_id WHERE m.bundle_item_id = ?1 ORDER BY m.seq",
	[B_SLIP] = "INSERT INTO transfer_slips(case_id, number, department_id, envelope, direction, created_at)"
		   " SELECT ?1, 'LZ-' || ?2, i.department_id, ?3, 'to_department', ?4 FROM service_items i WHERE i.id = ?5",
	[B_SLIP_MATERIAL] = "INSERT INTO slip_materials(slip_id, name, paper_count, electronic_count)"
			    " VALUES (?1, ?2, ?3, ?4)",
	[B_LAST_HASH] = "SELECT hash FROM events ORDER BY id DESC LIMIT 1",
	[B_EVENT] = "INSERT INTO events(at, user_id, station, entity, entity_id, action, old_value, new_value, hash)"
		    " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
};

struct bare {
	sqlite3 *db;
	sqlite3_stmt *s[B_COUNT];
	int has_bundles;
};

static void bare_open(struct bare *b, const char *path, const char *locking)
{
	char uri[4200];
	int i;

	memset(b, 0, sizeof *b);
	/* as store_open: a file: URI naming the VFS, no SQLite busy handler
	 * (the program waits by itself), foreign keys on, synchronous FULL,
	 * rollback journal */
	snprintf(uri, sizeof uri, "file:%s?vfs=%s", path, locking);
	if (sqlite3_open_v2(uri, &b->db, SQLITE_OPEN_READWRITE | SQLITE_OPEN_URI, NULL) != SQLITE_OK)
		die("bare SQLite: cannot open", NULL);
	sqlite3_extended_result_codes(b->db, 0);
	sqlite3_busy_timeout(b->db, 0);
	if (sqlite3_exec(b->db, "PRAGMA foreign_keys = ON; PRAGMA synchronous = FULL; PRAGMA journal_mode = DELETE",
			 NULL, NULL, NULL) != SQLITE_OK)
		die("bare SQLite: pragmas", NULL);
	b->has_bundles = sqlite3_table_column_metadata(b->db, NULL, "bundle_members", "seq", NULL, NULL, NULL, NULL,
						       NULL) == SQLITE_OK;
	for (i = 0; i < B_COUNT; i++) {
		if (i == B_MEMBERS_OF && !b->has_bundles)
			continue;
		if (sqlite3_prepare_v3(b->db, BARE_SQL[i], -1, SQLITE_PREPARE_PERSISTENT, &b->s[i], NULL) != SQLITE_OK) {
			fprintf(stderr, "bench: bare SQLite: %s: %s\n", BARE_SQL[i], sqlite3_errmsg(b->db));
			exit(1);
		}
	}
}

static void bare_close(struct bare *b)
{
	int i;

	for (i = 0; i < B_COUNT; i++)
		sqlite3_finalize(b->s[i]);
	sqlite3_close(b->db);
}

#define BT(s, i, v) sqlite3_bind_text((s), (i), (v), -1, SQLITE_STATIC)
#define BI(s, i, v) sqlite3_bind_int64((s), (i), (v))

static int step_done(sqlite3_stmt *s)
{
	int rc = sqlite3_step(s);

	sqlite3_reset(s);
	return rc == SQLITE_DONE ? SQLITE_OK : rc;
}

static void local_now(char out[20])
{
	yc_now(out);
}

/* One accept through bare SQLite; 0 or the SQLite error. */
/* prefix and the number after the last one `last` finds for it (1 when
 * none), zero-padded to width digits, as the store numbers cases and
 * notices */
static void next_number(sqlite3_stmt *last, const char *prefix, int width, char *out, size_t n)
{
	size_t len = strlen(prefix);
	const char *found;
	long next = 1;

	BT(last, 1, prefix);
	if (sqlite3_step(last) == SQLITE_ROW && (found = (const char *)sqlite3_column_text(last, 0)) &&
	    strlen(found) > len)
		next = strtol(found + len, NULL, 10) + 1;
	sqlite3_reset(last);
	snprintf(out, n, "%s%0*ld", prefix, width, next);
}

static int bare_commit(struct bare *b, const struct yc_user *u, const struct intake *in, const char *site_code,
		       const char *promised, const char *station)
{
	char now[20], site[32], prefix[64], case_number[40], notice_number[48], password[8];
	char prev[65] = "", hash[65], uid[24], eid[24];
	const char *fields[8];
	int64_t site_id, applicant_id, case_id, slip_id, cm_id;
	sqlite3_stmt *s;
	char *text;
	int rc, i, j, k;

	local_now(now);
	rc = sqlite3_exec(b->db, "BEGIN IMMEDIATE", NULL, NULL, NULL);
	if (rc != SQLITE_OK)
		return rc;
	s = b->s[B_SITE];
	BT(s, 1, site_code);
	rc = sqlite3_step(s);
	site_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	s = b->s[B_APPLICANT_FIND];
	BT(s, 1, in->a.id_number);
	BT(s, 2, in->a.kind);
	rc = sqlite3_step(s);
	applicant_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
	sqlite3_reset(s);
	if (!applicant_id) {
		s = b->s[B_APPLICANT_INSERT];
		BT(s, 1, in->a.kind); BT(s, 2, in->a.name); BT(s, 3, in->a.id_number); BT(s, 4, in->a.phone);
		BT(s, 5, in->a.legal_rep); BT(s, 6, in->a.address);
		if ((rc = step_done(s)) != SQLITE_OK)
			goto fail;
		applicant_id = sqlite3_last_insert_rowid(b->db);
	}
	/* numbers */
	for (i = j = 0; site_code[i] && j < 31; i++)
		if (site_code[i] != '-')
			site[j++] = site_code[i];
	site[j] = '\0';
	snprintf(prefix, sizeof prefix, "%s%.4s%.2s%.2s", site, now, now + 5, now + 8);
	next_number(b->s[B_LAST_CASE], prefix, 4, case_number, sizeof case_number);
	snprintf(password, sizeof password, "%06u", (unsigned)randombytes_uniform(1000000));
	snprintf(prefix, sizeof prefix, "%s-SL-%.4s-", site, now);
	next_number(b->s[B_LAST_NOTICE], prefix, 6, notice_number, sizeof notice_number);
	/* the case */
	s = b->s[B_CASE_INSERT];
	BT(s, 1, case_number); BT(s, 2, password); BI(s, 3, in->item_id); BI(s, 4, site_id);
	BT(s, 5, "window"); BI(s, 6, applicant_id); BT(s, 7, in->a.agent_name); BT(s, 8, in->a.agent_id_number);
	sqlite3_bind_int(s, 9, in->a.agent_authorised); BI(s, 10, in->ticket_id); BT(s, 11, "accepted");
	BT(s, 12, in->kind); BI(s, 13, u->id); BT(s, 14, now); BT(s, 15, now); BT(s, 16, promised);
	sqlite3_bind_null(s, 17); sqlite3_bind_int(s, 18, in->round); BT(s, 19, ""); BI(s, 20, 0);
	if ((rc = step_done(s)) != SQLITE_OK)
		goto fail;
	case_id = sqlite3_last_insert_rowid(b->db);
	/* materials and verdicts */
	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		s = b->s[B_CASE_MATERIAL];
		BI(s, 1, case_id); BI(s, 2, m->id); sqlite3_bind_int(s, 3, m->paper); sqlite3_bind_int(s, 4, m->electronic);
		rc = sqlite3_step(s);
		cm_id = rc == SQLITE_ROW ? sqlite3_column_int64(s, 0) : 0;
		sqlite3_reset(s);
		if (rc != SQLITE_ROW)
			goto fail;
		for (k = 0; k < m->n_cp; k++) {
			const struct intake_checkpoint *cp = &m->cp[k];

			if (cp->verdict == VERDICT_NONE)
				continue;
			s = b->s[B_VERDICT];
			BI(s, 1, cm_id); BI(s, 2, cp->id);
			BT(s, 3, cp->verdict == VERDICT_OK ? "conforming" : cp->verdict == VERDICT_MISSING ? "missing"
											     : "non_conforming");
			BT(s, 4, cp->verdict == VERDICT_BAD ? cp->reason : ""); sqlite3_bind_int(s, 5, in->round);
			BI(s, 6, u->id); BT(s, 7, now);
			if ((rc = step_done(s)) != SQLITE_OK)
				goto fail;
		}
	}
	/* the notice */
	{
		struct yc_notice_facts f = {
			.kind = "acceptance", .notice_number = notice_number, .case_number = case_number,
			.query_password = password, .promised_date = promised, .issued_at = now, .round = in->round,
			.item_kind = in->kind, .gap_due = "", .promise_conditions = "",
		};

		text = render((void *)in, &f);
	}
	s = b->s[B_NOTICE];
	BI(s, 1, case_id); BT(s, 2, "acceptance"); BT(s, 3, notice_number); BT(s, 4, text); BI(s, 5, u->id);
	BT(s, 6, now); sqlite3_bind_int(s, 7, in->round);
	rc = step_done(s);
	free(text);
	if (rc != SQLITE_OK)
		goto fail;
	/* not a bundle: the slip to the department with what was received */
	if (b->has_bundles) {
		s = b->s[B_MEMBERS_OF];
		BI(s, 1, in->item_id);
		while ((rc = sqlite3_step(s)) == SQLITE_ROW)
			;
		sqlite3_reset(s);
	}
	s = b->s[B_SLIP];
	BI(s, 1, case_id); BT(s, 2, case_number); BT(s, 3, in->kind); BT(s, 4, now); BI(s, 5, in->item_id);
	if ((rc = step_done(s)) != SQLITE_OK)
		goto fail;
	slip_id = sqlite3_last_insert_rowid(b->db);
	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		if (m->paper == 0 && m->electronic == 0)
			continue;
		s = b->s[B_SLIP_MATERIAL];
		BI(s, 1, slip_id); BT(s, 2, m->name); sqlite3_bind_int(s, 3, m->paper); sqlite3_bind_int(s, 4, m->electronic);
		if ((rc = step_done(s)) != SQLITE_OK)
			goto fail;
	}
	/* the event, chained */
	s = b->s[B_LAST_HASH];
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(prev, sizeof prev, "%s", sqlite3_column_text(s, 0));
	sqlite3_reset(s);
	snprintf(uid, sizeof uid, "%lld", (long long)u->id);
	snprintf(eid, sizeof eid, "%lld", (long long)case_id);
	fields[0] = now; fields[1] = uid; fields[2] = station; fields[3] = "case";
	fields[4] = eid; fields[5] = "accept"; fields[6] = NULL; fields[7] = case_number;
	store_hash_event(prev, fields, 8, hash);
	s = b->s[B_EVENT];
	BT(s, 1, now); BI(s, 2, u->id); BT(s, 3, station); BT(s, 4, "case"); BI(s, 5, case_id); BT(s, 6, "accept");
	sqlite3_bind_null(s, 7); BT(s, 8, case_number); BT(s, 9, hash);
	if ((rc = step_done(s)) != SQLITE_OK)
		goto fail;
	return sqlite3_exec(b->db, "COMMIT", NULL, NULL, NULL);
fail:
	sqlite3_exec(b->db, "ROLLBACK", NULL, NULL, NULL);
	return rc;
}

/* Main ------------------------------------------------------------------------------ */

/* --conninfo: the store on a PostgreSQL server instead of the file */
static const char *conninfo, *password_file;

static int open_store(struct yc_store **st, const char *path, const struct store_opts *o, struct yc_err *err)
{
	if (conninfo)
		return store_open_server(st, conninfo, password_file, o, err);
	return store_open(st, path, o, err);
}

/* the first `chars` characters of a UTF-8 string */
static const char *first_chars(const char *s, int chars, char *out, size_t n)
{
	size_t len = 0;

	for (; s[len] && chars > 0; chars--) {
		len++;
		while ((s[len] & 0xC0) == 0x80)
			len++;
	}
	snprintf(out, n, "%.*s", (int)len, s);
	return out;
}

static void noop_line(void *ctx, const char *kind, const char *text)
{
	(*(int *)ctx)++;
}

static void usage(void)
{
	fputs("usage: bench DB [--iterations N] [--commits N] [--site CODE] [--locking unix|unix-dotfile]\n"
	      "                [--cold] [--cold-each] [--json] [--only SUBSTRING]\n"
	      "       bench --conninfo CONNINFO [--password-file FILE] [--iterations N] [--commits N] [--site CODE]\n"
	      "                [--json] [--only SUBSTRING]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "iterations", required_argument, NULL, 'i' }, { "commits", required_argument, NULL, 'c' },
		{ "site", required_argument, NULL, 's' }, { "locking", required_argument, NULL, 'l' },
		{ "cold", no_argument, NULL, 'C' }, { "json", no_argument, NULL, 'j' },
		{ "only", required_argument, NULL, 'o' }, { "cold-each", no_argument, NULL, 'E' },
		{ "conninfo", required_argument, NULL, 'P' }, { "password-file", required_argument, NULL, 'W' },
		{ NULL, 0, NULL, 0 },
	};
	int iterations = 50, commits = 200, cold = 0, json = 0, c, i, n, k;
	const char *site = "WSQ", *locking = "unix", *path;
	struct store_opts o = { NULL, 10000, 60, "综合受理1号窗", 0 };
	static struct picks p;
	struct yc_store *st;
	struct yc_user u, intake_user;
	struct yc_overview ov;
	struct yc_calendar cal;
	struct yc_err err;
	char today[11];
	double t_start = now_ms();
	struct rusage ru;
	struct op *o1;
	/* row buffers as large as the screens' */
	static struct yc_item_row items[200];
	static struct yc_ticket tickets[60];
	static struct yc_slip_row slips[200];
	static struct yc_dept_case dcases[300];
	static struct yc_pickup_row pickups[300];
	static struct yc_followup follow[60];
	static struct yc_online_row online[30];
	static struct yc_outbox_msg outbox[30];
	static struct yc_bundle_row bundles[100];
	static struct yc_case_row found[50];
	static struct assess_rule rules[STORE_MAX_RULES];
	static int occurrences[STORE_MAX_RULES];
	static struct intake in;
	long total;

	while ((c = getopt_long(argc, argv, "", opts, NULL)) != -1) {
		switch (c) {
		case 'i': iterations = atoi(optarg); break;
		case 'c': commits = atoi(optarg); break;
		case 's': site = optarg; break;
		case 'l': locking = optarg; break;
		case 'C': cold = 1; break;
		case 'E': cold_each = 1; break;
		case 'j': json = 1; break;
		case 'o': only = optarg; break;
		case 'P': conninfo = optarg; break;
		case 'W': password_file = optarg; break;
		default: usage();
		}
	}
	if (optind != argc - !conninfo || iterations < 1 || commits < 0)
		usage();
	if (conninfo && (cold || cold_each)) {
		fputs("bench: --cold and --cold-each drop the operating system's page cache: SQLite's, not a server's\n",
		      stderr);
		exit(2);
	}
	path = conninfo ? conninfo : argv[optind];
	o.locking = locking;
	if (auth_init() < 0)
		die("libsodium", NULL);
	yc_today(today);
	if (conninfo)
		pick_values_pg(conninfo, &p);
	else
		pick_values(path, &p);
	srand(4242);
	fprintf(stderr, "bench: %s, %ld cases, %.2f GB; today %s; %d iterations, %d commits each way\n", path,
		p.cases, p.db_gb, today, iterations, commits);

	/* Opening, as the program starts up to the main menu ------------------------ */
	if (cold && wanted("open (cold cache)")) {
		FILE *f;

		sync();
		if ((f = fopen("/proc/sys/vm/drop_caches", "w"))) {
			fputs("3\n", f);
			fclose(f);
			o1 = op("open", "open (cold cache)", TGT_NONE);
			TIME(o1, (open_store(&st, path, &o, &err) < 0 ? -1 :
				  (cal_init(&cal), store_calendar_load(st, &cal, &err) < 0) ? -1 :
				  store_user_get(st, "intake", &u, &err) < 0 ? -1 : store_overview(st, site, today, &ov, &err)));
			cal_free(&cal);
			store_close(st);
		} else {
			fprintf(stderr, "bench: --cold needs root (to drop the page cache): skipped\n");
		}
	}
	if (wanted("open")) {
		o1 = op("open", "open to the main menu", TGT_SCREEN);
		for (i = 0; i < (iterations > 20 ? 20 : iterations) + 1; i++) {
			double t0 = now_ms();

			if (open_store(&st, path, &o, &err) < 0)
				die("store_open", &err);
			cal_init(&cal);
			if (store_calendar_load(st, &cal, &err) < 0 || store_user_get(st, "intake", &u, &err) != 0 ||
			    store_overview(st, site, today, &ov, &err) < 0)
				die("opening", &err);
			if (i > 0)   /* the first one warms the page cache */
				record(o1, now_ms() - t0);
			cal_free(&cal);
			store_close(st);
		}
	}

	if (open_store(&st, path, &o, &err) < 0)
		die("store_open", &err);
	if (store_user_get(st, "intake", &intake_user, &err) != 0)
		die("no user 'intake' (a demo database is needed)", &err);
	cal_init(&cal);
	if (store_calendar_load(st, &cal, &err) < 0)
		die("calendar", &err);

	/* Each screen's main list, as the screen loads it ------------------------------- */
	for (k = 0; k < 2; k++) {   /* round 0 warms the cache and the statements */
#define SCREEN(name, call)                                                                                 \
	do {                                                                                               \
		if (wanted(name)) {                                                                        \
			struct op *o_ = op("screen", name, TGT_SCREEN);                                    \
			double spent_ = 0;                                                                 \
			/* at most about 20 s on one operation, at least 3 times */                       \
			for (i = 0; i < (k ? iterations : 1) && (spent_ < 20000 || i < 3); i++) {        \
				double t0_;                                                                \
				if (k && cold_each)                                                        \
					drop_page_cache();                                                 \
				t0_ = now_ms();                                                            \
				if ((call) < 0)                                                            \
					die(name, &err);                                                   \
				spent_ += now_ms() - t0_;                                                  \
				if (k)                                                                     \
					record(o_, now_ms() - t0_);                                        \
			}                                                                                  \
		}                                                                                          \
	} while (0)
		SCREEN("menu: overview", store_overview(st, site, today, &ov, &err));
		SCREEN("catalogue: first page", store_items_page(st, "", "", 1, items, 200, &n, &err));
		SCREEN("catalogue: search 登记", store_items_page(st, "登记", "", 1, items, 200, &n, &err));
		SCREEN("queue: waiting", (store_queue_current(st, site, "综合受理1号窗", tickets, &err) < 0 ? -1 :
					  store_queue_waiting(st, site, "combined", NULL, 1, tickets, 60, &n, &err) < 0 ? -1 :
					  store_queue_waiting_count(st, site, "combined", &total, &err)));
		{
			int64_t dept = p.depts[rand() % p.n_depts];
			long late;

			SCREEN("slips: to department",
			       (store_slips_waiting_page(st, site, "to_department", 0, today, "", NULL, 1, slips, 200, &n, &err) < 0
					? -1 : store_slips_waiting_count(st, site, "to_department", 0, today, "", &total, &late, &err)));
			SCREEN("slips: to pickup (dept)",
			       (store_slips_waiting_page(st, "", "to_pickup", dept, today, "", NULL, 1, slips, 200, &n, &err) < 0
					? -1 : store_slips_waiting_count(st, "", "to_pickup", dept, today, "", &total, &late, &err)));
		}
		{
			int64_t dept = p.depts[rand() % p.n_depts];
			struct yc_dept_counts dc;

			SCREEN("back office: dept cases",
			       (store_dept_cases_page(st, dept, NULL, 1, dcases, 300, &n, &err) < 0 ? -1 :
				store_dept_cases_count(st, dept, today, &dc, &err)));
		}
		{
			struct yc_outbox_counts oc;

			SCREEN("pickup: waiting", (store_pickup_page(st, site, PICKUP_WAITING, today, "", NULL, 1, pickups, 300, &n, &err) < 0
						   ? -1 : store_outbox_counts(st, today, &oc, &err)));
			SCREEN("pickup: mailed", (store_pickup_page(st, site, PICKUP_MAILED, today, "", NULL, 1, pickups, 300, &n, &err) < 0
						  ? -1 : store_outbox_counts(st, today, &oc, &err)));
			SCREEN("pickup: done today",
			       (store_pickup_page(st, site, PICKUP_DONE_TODAY, today, "", NULL, 1, pickups, 300, &n, &err) < 0
					? -1 : store_outbox_counts(st, today, &oc, &err)));
		}
		SCREEN("follow-ups: bad ratings", store_followups_page(st, NULL, 1, follow, 60, &n, &err));
		SCREEN("intake: online inbox", store_online_inbox(st, site, online, 30, &n, &total, &err));
		SCREEN("outbox: unsent", store_outbox_unsent(st, outbox, 30, &n, &err));
		SCREEN("bundles: open", (store_bundles_page(st, site, NULL, 1, bundles, 100, &n, &err) < 0 ? -1 :
					 store_bundles_count(st, site, &total, &err)));
		{
			int lines = 0;

			SCREEN("case: history", store_case_history(st, p.case_id[rand() % p.n], noop_line, &lines, &err));
		}
		/* paging the catalogue: forward from an anchor */
		SCREEN("catalogue: next page", store_items_page(st, "", p.items[rand() % p.n_items], 1, items, 20, &n, &err));
		SCREEN("catalogue: previous page",
		       store_items_page(st, "", p.items[rand() % p.n_items], 0, items, 20, &n, &err));

		/* Searches, values from the database ------------------------------------------------ */
		{
			char q[140], prefix[16];
#define SEARCH(name, value, awaiting, max)                                                                 \
	SCREEN(name, (snprintf(q, sizeof q, "%s", (value)), store_case_search(st, q, (awaiting), found, (max), &n, &err)))
			SEARCH("search: case number", p.case_number[rand() % p.n], 0, 50);
			SEARCH("search: notice number", p.notice[rand() % p.n], 0, 50);
			SEARCH("search: ID number", p.id_number[rand() % p.n], 0, 50);
			SEARCH("search: phone", p.phone[rand() % p.n], 0, 50);
			SEARCH("search: name (full)", p.name[rand() % p.n], 0, 50);
			/* the first two characters (surname + one): what a clerk types first */
			SEARCH("search: name prefix (2 chars)", first_chars(p.name[rand() % p.n], 2, prefix, sizeof prefix),
			       0, 50);
			SEARCH("search: surname only (王)", "王", 0, 50);
			SEARCH("intake: awaiting, by ID", p.id_number[rand() % p.n], 1, 20);
		}
	}

	/* The assessment sheet and the year's report ----------------------------------------- */
	if (wanted("assessment")) {
		struct op *sheet = op("assessment", "assessment: month sheet", TGT_SCREEN);
		struct op *fig = op("assessment", "assessment: month figures", TGT_SCREEN);
		struct op *year = op("assessment", "assessment: year report", TGT_NONE);
		int its = iterations > 10 ? 10 : iterations, version, m;

		for (i = 0; i <= its; i++) {
			char month[8];
			struct yc_month_state ms;
			double scores[12], prev[12], t0;
			int assessed[12], prev_assessed[12];

			random_month(&p, month);
			/* the screen: the year's and last year's scores, the month's sheet */
			t0 = now_ms();
			if (store_assessment_year(st, atoi(month), "all", scores, assessed, &err) < 0 ||
			    store_assessment_year(st, atoi(month) - 1, "all", prev, prev_assessed, &err) < 0)
				die("store_assessment_year", &err);
			{
				double t1 = now_ms();

				if (store_criteria(st, month, rules, STORE_MAX_RULES, &n, &version, &err) < 0 ||
				    store_assessment_figures(st, month, "all", today, rules, n, occurrences, &err) < 0)
					die("store_assessment_figures", &err);
				if (i > 0)
					record(fig, now_ms() - t1);
			}
			if (store_assessment_month(st, month, "all", &ms, &err) < 0)
				die("store_assessment_month", &err);
			if (i > 0)
				record(sheet, now_ms() - t0);
			/* the year's report: every month's figures */
			if (i > 0 && i <= 3) {
				char y[8];

				t0 = now_ms();
				if (store_assessment_year(st, atoi(month), "all", scores, assessed, &err) < 0)
					die("store_assessment_year", &err);
				for (m = 1; m <= 12; m++) {
					snprintf(y, sizeof y, "%.4s-%02d", month, m);
					if (store_criteria(st, y, rules, STORE_MAX_RULES, &n, &version, &err) < 0 ||
					    store_assessment_figures(st, y, "all", today, rules, n, occurrences, &err) < 0)
						die("store_assessment_figures", &err);
				}
				record(year, now_ms() - t0);
			}
		}
	}

	/* The intake commit: store and bare SQLite, alternately --------------------------------- */
	if (commits > 0 && wanted("intake")) {
		struct op *start = op("intake", "intake: start (load item)", TGT_SCREEN);
		struct op *store_c = op("intake", "intake: commit (store)", TGT_NONE);
		struct op *bare_c = op("intake", "intake: commit (bare SQLite)", TGT_NONE);
		struct yc_outcome_req req;
		struct yc_outcome_result res;
		struct yc_item_row row;
		struct bare b;
		char promised[11];
		yc_date d;
		unsigned serial = (unsigned)(time(NULL) % 100000) * 7;
		int64_t item;

		if (store_items_page(st, "SCJG-004", "", 1, &row, 1, &n, &err) < 0 || n != 1)
			die("item SCJG-004 is missing", &err);
		item = row.id;
		date_parse(today, &d);
		date_format(intake_promised_date(&cal, d, "promised", 3, "workday"), promised);
		memset(&req, 0, sizeof req);
		req.outcome = OUTCOME_ACCEPT;
		req.site_code = site;
		req.render = render;
		req.render_ctx = &in;
		/* on a server there is no bare SQLite: every other commit is
		 * skipped (the same number of store commits) */
		if (!conninfo)
			bare_open(&b, path, locking);
		for (i = 0; i < commits * 2 + 2; i++) {
			double t0 = now_ms();
			int rc;

			if (conninfo && i % 2)
				continue;
			if (store_intake_start(st, item, today, &in, &err) < 0)
				die("store_intake_start", &err);
			if (i >= 2)
				record(start, now_ms() - t0);
			snprintf(in.a.kind, sizeof in.a.kind, "person");
			snprintf(in.a.name, sizeof in.a.name, "测试申请人%u", serial);
			fresh_id(serial++, in.a.id_number);
			snprintf(in.a.phone, sizeof in.a.phone, "139%08u", serial % 100000000u);
			intake_all_conforming(&in, -1);
			t0 = now_ms();
			if (i % 2 == 0) {
				if (store_intake_commit(st, &intake_user, &in, &req, &res, &err) < 0)
					die("store_intake_commit", &err);
				free(res.notice_text);
				if (i >= 2)
					record(store_c, now_ms() - t0);
			} else {
				if ((rc = bare_commit(&b, &intake_user, &in, site, promised, "综合受理1号窗")) != SQLITE_OK) {
					fprintf(stderr, "bench: bare commit: %d %s\n", rc, sqlite3_errmsg(b.db));
					exit(1);
				}
				if (i >= 2)
					record(bare_c, now_ms() - t0);
			}
		}
		if (!conninfo)
			bare_close(&b);
	}
	cal_free(&cal);
	store_close(st);

	/* Report -------------------------------------------------------------------------------- */
	getrusage(RUSAGE_SELF, &ru);
	{
		int missed = 0, screens = 0;
		double ratio = 0, ratio99 = 0;
		struct op *sc = NULL, *bc = NULL;

		printf("%-34s %6s %10s %10s %10s  %s\n", "operation", "n", "median ms", "p99 ms", "max ms", "target");
		for (i = 0; i < n_ops; i++) {
			struct op *x = &ops[i];
			const char *verdict = "";

			summarise(x);
			if (x->n == 0)
				continue;
			if (x->target == TGT_SCREEN) {
				screens++;
				verdict = x->p99 < 50 ? "< 50 ms: ok" : "< 50 ms: MISSED";
				missed += x->p99 >= 50;
			}
			if (strcmp(x->name, "intake: commit (store)") == 0)
				sc = x;
			if (strcmp(x->name, "intake: commit (bare SQLite)") == 0)
				bc = x;
			print_padded(x->name, 34);
			printf(" %6d %10.2f %10.2f %10.2f  %s\n", x->n, x->median, x->p99, x->max, verdict);
		}
		printf("\n");
		printf("database: %s, %ld cases, %.2f GB\n", path, p.cases, p.db_gb);
		printf("screens and searches under 50 ms (p99): %d of %d%s\n", screens - missed, screens,
		       missed ? "  (target MISSED)" : "  (target met)");
		if (sc && bc && bc->median > 0) {
			ratio = sc->median / bc->median;
			ratio99 = bc->p99 > 0 ? sc->p99 / bc->p99 : 0;
			printf("intake commit store/bare: %.2fx median, %.2fx p99  (target 1.5x: %s)\n", ratio, ratio99,
			       ratio <= 1.5 ? "met" : "MISSED");
		}
		printf("peak memory (ru_maxrss): %.1f MB  (target 30 MB: %s)\n", ru.ru_maxrss / 1024.0,
		       ru.ru_maxrss / 1024.0 < 30 ? "met" : "MISSED");
		printf("benchmark took %.1f s\n", (now_ms() - t_start) / 1000);
		if (json) {
			printf("{\"database\":\"%s\",\"cases\":%ld,\"db_gb\":%.3f,\"today\":\"%s\",\"ops\":[", path, p.cases,
			       p.db_gb, today);
			for (i = k = 0; i < n_ops; i++) {
				if (ops[i].n == 0)
					continue;
				printf("%s{\"name\":\"%s\",\"group\":\"%s\",\"n\":%d,\"median_ms\":%.3f,\"p99_ms\":%.3f,"
				       "\"max_ms\":%.3f,\"mean_ms\":%.3f,\"target_ms\":%s}",
				       k++ ? "," : "", ops[i].name, ops[i].group, ops[i].n, ops[i].median, ops[i].p99, ops[i].max,
				       ops[i].mean, ops[i].target == TGT_SCREEN ? "50" : "null");
			}
			printf("],\"commit_ratio_median\":%.3f,\"commit_ratio_p99\":%.3f,\"peak_rss_mb\":%.1f,"
			       "\"screens_missed\":%d}\n",
			       ratio, ratio99, ru.ru_maxrss / 1024.0, missed);
		}
	}
	for (i = 0; i < n_ops; i++)
		free(ops[i].ms);
	return 0;
}
