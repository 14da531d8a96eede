/* gen-history - append a realistic hall history to a demo database, fast,
 * for the benchmark (bench/bench.c) and for trying the screens on a big
 * database. Not part of the program: it writes SQL directly.
 *
 *   gen-history DB [-n CASES] [--from YYYY-MM-DD] [--to YYYY-MM-DD]
 *                  [--seed N] [--batch N] [--full-notices] [--no-analyze]
 *                  [--keep-indexes]
 *
 * DB is made first by `yichuang init --demo --db DB` with site code WSQ
 * (bench/README says how). CASES (default 2,000,000) cases are spread over
 * the working days from --from (default 2016-12-01) to --to (default
 * yesterday), more in later years, in time order, each with its whole
 * life as the program records it: queue ticket, applicant (most new,
 * about a quarter returning), case with its number (SITE YYYYMMDD NNNN),
 * case_materials and a verdict per checkpoint (round 1), the acceptance
 * notice (SITE-SL-YYYY-NNNNNN), the slip to the department (handed over the
 * same day, a few percent late), fees, a few suspensions, the result
 * (mostly approved), the slip to pickup, the completion SMS, the pickup
 * (in person, by an agent or by mail), a rating for about 30 %, follow-ups
 * of bad ratings, and the events - with the event log's hash chain computed
 * by the program's own store_hash_event, so `yichuang check` finds the
 * chain intact. What would happen after --to 23:59 does not happen: the
 * last weeks' cases are still open, at every stage. Then the assessment
 * months since the criteria exist (2022-10), signed, with their findings.
 *
 * Speed: explicit row ids, prepared statements, one transaction per
 * --batch cases (50,000), journal and syncs off while generating, the
 * secondary (non-UNIQUE) indexes dropped and built again at the end from
 * their own CREATE INDEX text; then journal_mode DELETE again and ANALYZE
 * (unless --no-analyze: the program itself never runs ANALYZE). */
#include <errno.h>
#include <getopt.h>
#include <sqlite3.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <math.h>
#include <time.h>

#include "calendar.h"
#include "intake.h"
#include "validate.h"

/* the event log's hash, from libyc.a (src/store.c) */
void store_hash_event(const char *prev, const char *const fields[], size_t n, char out[65]);

/* Small helpers ---------------------------------------------------------------- */

static sqlite3 *db;

static void die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	fputs("gen-history: ", stderr);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fputc('\n', stderr);
	exit(1);
}

static void exec(const char *sql)
{
	char *msg = NULL;

	if (sqlite3_exec(db, sql, NULL, NULL, &msg) != SQLITE_OK)
		die("%s: %s", sql, msg ? msg : "?");
}

static sqlite3_stmt *prep(const char *sql)
{
	sqlite3_stmt *s;

	if (sqlite3_prepare_v3(db, sql, -1, SQLITE_PREPARE_PERSISTENT, &s, NULL) != SQLITE_OK)
		die("prepare %s: %s", sql, sqlite3_errmsg(db));
	return s;
}

static void done(sqlite3_stmt *s)
{
	if (sqlite3_step(s) != SQLITE_DONE)
		die("%s: %s", sqlite3_sql(s), sqlite3_errmsg(db));
	sqlite3_reset(s);
}

static int64_t query_int(const char *sql)
{
	sqlite3_stmt *s = prep(sql);
	int64_t v = 0;

	if (sqlite3_step(s) == SQLITE_ROW)
		v = sqlite3_column_int64(s, 0);
	sqlite3_finalize(s);
	return v;
}

static double now_s(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return (double)t.tv_sec + t.tv_nsec / 1e9;
}

#define T(s, i, v) sqlite3_bind_text((s), (i), (v), -1, SQLITE_STATIC)
#define I(s, i, v) sqlite3_bind_int64((s), (i), (v))
#define N(s, i) sqlite3_bind_null((s), (i))

/* splitmix64: fast, good enough, reproducible with --seed */
static uint64_t rng_state = 0x9E3779B97F4A7C15ull;

static uint64_t rnd64(void)
{
	uint64_t z = (rng_state += 0x9E3779B97F4A7C15ull);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
	return z ^ (z >> 31);
}

static int rnd(int n)   /* 0 .. n-1 */
{
	return n <= 1 ? 0 : (int)((rnd64() >> 11) % (uint64_t)n);
}

static double rndf(void)
{
	return (double)(rnd64() >> 11) / 9007199254740992.0;
}

static int chance(double p)
{
	return rndf() < p;
}

/* Time: ts = day * 86400 + seconds of the day (day: yc_date, days since
 * 1970-01-01). Text as the program writes it: 'YYYY-MM-DD HH:MM:SS'. */
typedef int64_t ts_t;

static void fmt_day(yc_date d, char out[11])
{
	static yc_date last = -1;
	static char cache[11];

	if (d != last) {
		date_format(d, cache);
		last = d;
	}
	memcpy(out, cache, 11);
}

static void fmt_ts(ts_t t, char out[20])
{
	int s = (int)(t % 86400);

	fmt_day((yc_date)(t / 86400), out);
	out[10] = ' ';
	out[11] = (char)('0' + s / 36000);
	out[12] = (char)('0' + s / 3600 % 10);
	out[13] = ':';
	out[14] = (char)('0' + s % 3600 / 600);
	out[15] = (char)('0' + s % 3600 / 60 % 10);
	out[16] = ':';
	out[17] = (char)('0' + s % 60 / 10);
	out[18] = (char)('0' + s % 10);
	out[19] = '\0';
}

static ts_t at(yc_date d, int h, int m)
{
	return (ts_t)d * 86400 + h * 3600 + m * 60;
}

/* The calendar ------------------------------------------------------------------ */

static struct yc_calendar cal;

static int workday(yc_date d)
{
	return cal_is_workday(&cal, d);
}

static yc_date next_workday(yc_date d)
{
	do
		d++;
	while (!workday(d));
	return d;
}

/* a moment in office hours on day d, not before t (if t is on d) */
static ts_t office_time(yc_date d, ts_t not_before)
{
	ts_t t = at(d, 9, 0) + rnd(8 * 3600);

	if (t / 86400 == not_before / 86400 && t < not_before)
		t = not_before + 60 + rnd(1800);
	if (t > at(d, 17, 45))   /* closed: the next working morning */
		t = at(next_workday(d), 9, 0) + rnd(2 * 3600);
	return t;
}

/* t plus up to max_delay seconds, in office hours: after closing time it
 * is the next working morning */
static ts_t soon(ts_t t, int min_delay, int max_delay)
{
	yc_date d = (yc_date)(t / 86400);

	t += min_delay + rnd(max_delay - min_delay + 1);
	if (t > at(d, 17, 45))
		t = at(next_workday(d), 8, 45) + rnd(90 * 60);
	return t;
}

/* The catalogue and the people of the hall ---------------------------------------- */

#define MAX_ITEMS 256
#define MAX_MAT 32
#define MAX_CP 16

struct cp {
	int64_t id;
	yc_date from, to;       /* to: 0 while in force */
	int seq, version;
};

struct material {
	int64_t id;
	int seq, required, paper, electronic;
	char name[160];
	struct cp cp[MAX_CP * 2];
	int n_cp;
};

struct item {
	int64_t id, dept;
	char code[24], name[160], kind[12], unit[10], category[16], prefix[4], dept_code[16];
	int limit, fee_fen;
	double weight;
	struct material m[MAX_MAT];
	int n_m;
};

static struct item items[MAX_ITEMS];
static int n_items;
static double weight_total;

/* The hall's common errands weigh more (a guess from halls of this size). */
static const struct {
	const char *code;
	double w;
} popular[] = {
	{ "RSJ-005", 30 }, { "GAJ-001", 28 }, { "BDC-001", 22 }, { "BDC-003", 16 }, { "YBJ-004", 15 },
	{ "SCJG-001", 14 }, { "YBJ-001", 14 }, { "GJJ-001", 14 }, { "SWJ-002", 13 }, { "SWJ-001", 10 },
	{ "RSJ-001", 10 }, { "GAJ-004", 9 }, { "MZJ-001", 8 }, { "GAJ-005", 8 }, { "SCJG-002", 7 },
	{ "RSJ-002", 7 }, { "YBJ-005", 7 }, { "GAJ-002", 6 }, { "WJW-005", 6 }, { "SCJG-004", 6 },
	{ "BDC-004", 6 }, { "RSJ-006", 5 }, { "SCJG-003", 5 }, { "GAJ-003", 5 }, { "JTYS-003", 4 },
	{ "SWJ-003", 4 }, { "MZJ-003", 3 }, { "GJJ-002", 3 }, { "YBJ-003", 3 }, { "BDC-002", 3 },
};

struct site {
	int64_t id;
	char code[32], letters[32];
	double share;
};

static struct site sites[8];
static int n_sites;

static int64_t intake_users[16], reviewer_of_dept[64], pickup_users[8], supervisor_id, guide_id;
static int n_intake, n_pickup;
static char window_names[16][48];

static void load_catalogue(void)
{
	sqlite3_stmt *s = prep("SELECT i.id, i.code, i.name, i.kind, i.promised_limit, i.limit_unit,"
			       " i.window_category, w.ticket_prefix, i.department_id, d.code, i.fee_fen"
			       " FROM service_items i JOIN window_categories w ON w.code = i.window_category"
			       " JOIN departments d ON d.id = i.department_id WHERE i.active ORDER BY i.id");
	sqlite3_stmt *m = prep("SELECT id, seq, name, required, originals + copies, form FROM materials"
			       " WHERE item_id = ?1 ORDER BY seq");
	sqlite3_stmt *c = prep("SELECT id, seq, version, effective_from, coalesce(effective_to, '')"
			       " FROM checkpoints WHERE material_id = ?1 ORDER BY seq, version");
	size_t k;

	while (sqlite3_step(s) == SQLITE_ROW && n_items < MAX_ITEMS) {
		struct item *it = &items[n_items++];

		it->id = sqlite3_column_int64(s, 0);
		snprintf(it->code, sizeof it->code, "%s", sqlite3_column_text(s, 1));
		snprintf(it->name, sizeof it->name, "%s", sqlite3_column_text(s, 2));
		snprintf(it->kind, sizeof it->kind, "%s", sqlite3_column_text(s, 3));
		it->limit = sqlite3_column_int(s, 4);
		snprintf(it->unit, sizeof it->unit, "%s", sqlite3_column_text(s, 5));
		snprintf(it->category, sizeof it->category, "%s", sqlite3_column_text(s, 6));
		snprintf(it->prefix, sizeof it->prefix, "%s", sqlite3_column_text(s, 7));
		it->dept = sqlite3_column_int64(s, 8);
		snprintf(it->dept_code, sizeof it->dept_code, "%s", sqlite3_column_text(s, 9));
		it->fee_fen = sqlite3_column_int(s, 10);
		it->weight = 1.5;
		for (k = 0; k < sizeof popular / sizeof popular[0]; k++)
			if (strcmp(popular[k].code, it->code) == 0)
				it->weight = popular[k].w;
		weight_total += it->weight;
		sqlite3_bind_int64(m, 1, it->id);
		while (sqlite3_step(m) == SQLITE_ROW && it->n_m < MAX_MAT) {
			struct material *mt = &it->m[it->n_m++];
			const char *form = (const char *)sqlite3_column_text(m, 5);
			int copies = sqlite3_column_int(m, 4);

			mt->id = sqlite3_column_int64(m, 0);
			mt->seq = sqlite3_column_int(m, 1);
			snprintf(mt->name, sizeof mt->name, "%s", sqlite3_column_text(m, 2));
			mt->required = sqlite3_column_int(m, 3);
			/* as store_intake_load_item fills a required material in */
			mt->paper = strcmp(form, "electronic") == 0 ? 0 : copies > 0 ? copies : 1;
			mt->electronic = strcmp(form, "paper") != 0;
			sqlite3_bind_int64(c, 1, mt->id);
			while (sqlite3_step(c) == SQLITE_ROW && mt->n_cp < MAX_CP * 2) {
				struct cp *p = &mt->cp[mt->n_cp++];
				const char *to = (const char *)sqlite3_column_text(c, 4);

				p->id = sqlite3_column_int64(c, 0);
				p->seq = sqlite3_column_int(c, 1);
				p->version = sqlite3_column_int(c, 2);
				date_parse((const char *)sqlite3_column_text(c, 3), &p->from);
				p->to = 0;
				if (to[0])
					date_parse(to, &p->to);
			}
			sqlite3_reset(c);
		}
		sqlite3_reset(m);
	}
	sqlite3_finalize(s);
	sqlite3_finalize(m);
	sqlite3_finalize(c);
	if (n_items == 0)
		die("the database has no service items: make it with `yichuang init --demo`");
	/* bundle items (一件事一次办, schema 6) become a case per member item in
	 * the program: they are left out here, not imitated */
	if (query_int("SELECT count(*) FROM sqlite_master WHERE name = 'bundle_members'")) {
		sqlite3_stmt *b = prep("SELECT DISTINCT bundle_item_id FROM bundle_members");
		int i;

		while (sqlite3_step(b) == SQLITE_ROW)
			for (i = 0; i < n_items; i++)
				if (items[i].id == sqlite3_column_int64(b, 0)) {
					weight_total -= items[i].weight;
					items[i].weight = 0;
				}
		sqlite3_finalize(b);
	}
}

static const struct item *pick_item(void)
{
	double r = rndf() * weight_total;
	int i;

	for (i = 0; i < n_items - 1; i++)
		if ((r -= items[i].weight) < 0 && items[i].weight > 0)
			break;
	while (items[i].weight <= 0 && i > 0)
		i--;
	return &items[i];
}

/* Checkpoints of a material to give a verdict on, on day d: each seq's
 * version in force; before the catalogue's first version took effect
 * (the demo catalogue starts in 2025) that first version. */
static int checkpoints_on(const struct material *m, yc_date d, const struct cp **out)
{
	int i, n = 0;

	for (i = 0; i < m->n_cp; i++) {
		const struct cp *p = &m->cp[i];
		int first = i == 0 || m->cp[i - 1].seq != p->seq;
		int in_force = p->from <= d && (p->to == 0 || p->to >= d);

		if (in_force || (first && p->from > d)) {
			if (n > 0 && out[n - 1]->seq == p->seq)
				continue;
			out[n++] = p;
		}
	}
	return n;
}

static void load_sites(void)
{
	sqlite3_stmt *s = prep("SELECT id, code, level FROM sites ORDER BY id");
	int i, j, k, banner = -1;

	while (sqlite3_step(s) == SQLITE_ROW && n_sites < 8) {
		struct site *t = &sites[n_sites];

		t->id = sqlite3_column_int64(s, 0);
		snprintf(t->code, sizeof t->code, "%s", sqlite3_column_text(s, 1));
		for (j = k = 0; t->code[j]; j++)
			if (t->code[j] != '-')
				t->letters[k++] = t->code[j];
		t->letters[k] = '\0';
		if (banner < 0 && strcmp((const char *)sqlite3_column_text(s, 2), "banner") == 0)
			banner = n_sites;
		n_sites++;
	}
	sqlite3_finalize(s);
	if (n_sites == 0)
		die("the database has no site");
	/* the banner hall takes most cases, the township centres the rest */
	for (i = 0; i < n_sites; i++)
		sites[i].share = n_sites == 1 ? 1.0 : i == (banner < 0 ? 0 : banner) ? 0.8 : 0.2 / (n_sites - 1);
}

static const struct site *pick_site(void)
{
	double r = rndf();
	int i;

	for (i = 0; i < n_sites - 1; i++)
		if ((r -= sites[i].share) < 0)
			break;
	return &sites[i];
}

/* The demo has one user of each role; a hall of this size has several
 * clerks and a reviewer in every department. Added with the demo's
 * password hash (password "demo"). */
static void add_staff(void)
{
	sqlite3_stmt *add = prep("INSERT OR IGNORE INTO users(login, full_name, role, department_id, site_id,"
				 " password_hash, created_at) VALUES (?1, ?2, ?3, ?4, 1, ?5, '2016-11-20 09:00:00')");
	sqlite3_stmt *get = prep("SELECT id FROM users WHERE login = ?1");
	sqlite3_stmt *depts = prep("SELECT id, code, name FROM departments ORDER BY id");
	static const char *const clerks[] = { "孙晓梅", "李春燕", "王磊", "高丽", "贺慧敏", "张鹏", "刘佳", "白雪",
					      "乌日娜", "陈静" };
	char hash[200], login[64], name[128];
	int i;

	{
		sqlite3_stmt *h = prep("SELECT password_hash FROM users ORDER BY id LIMIT 1");

		if (sqlite3_step(h) != SQLITE_ROW)
			die("the database has no users: make it with `yichuang init --demo`");
		snprintf(hash, sizeof hash, "%s", sqlite3_column_text(h, 0));
		sqlite3_finalize(h);
	}
#define USER_ID(lg, out)                                                                                   \
	do {                                                                                               \
		T(get, 1, lg);                                                                             \
		(out) = sqlite3_step(get) == SQLITE_ROW ? sqlite3_column_int64(get, 0) : 0;                \
		sqlite3_reset(get);                                                                        \
	} while (0)
	for (i = 0; i < 10; i++) {
		if (i == 0)
			snprintf(login, sizeof login, "intake");
		else
			snprintf(login, sizeof login, "intake%02d", i + 1);
		snprintf(name, sizeof name, "受理员 %s", clerks[i]);
		T(add, 1, login); T(add, 2, name); T(add, 3, "intake"); N(add, 4); T(add, 5, hash);
		done(add);
		USER_ID(login, intake_users[n_intake]);
		snprintf(window_names[n_intake], sizeof window_names[0], "综合受理%d号窗", i + 1);
		n_intake++;
	}
	for (i = 0; i < 3; i++) {
		snprintf(login, sizeof login, i ? "pickup%02d" : "pickup", i + 1);
		snprintf(name, sizeof name, "出件员 %s", i == 0 ? "吴婷" : i == 1 ? "赵丽" : "那仁");
		T(add, 1, login); T(add, 2, name); T(add, 3, "pickup"); N(add, 4); T(add, 5, hash);
		done(add);
		USER_ID(login, pickup_users[n_pickup]);
		n_pickup++;
	}
	while (sqlite3_step(depts) == SQLITE_ROW) {
		int64_t d = sqlite3_column_int64(depts, 0);
		int64_t id;

		if (d <= 0 || d >= 64)
			continue;
		/* the demo's reviewer works for the first department */
		USER_ID("review", id);
		if (id && d == query_int("SELECT department_id FROM users WHERE login = 'review'")) {
			reviewer_of_dept[d] = id;
			continue;
		}
		snprintf(login, sizeof login, "review-%s", sqlite3_column_text(depts, 1));
		for (i = 0; login[i]; i++)
			login[i] = (char)(login[i] >= 'A' && login[i] <= 'Z' ? login[i] + 32 : login[i]);
		snprintf(name, sizeof name, "审批员 %s", sqlite3_column_text(depts, 2));
		T(add, 1, login); T(add, 2, name); T(add, 3, "reviewer"); I(add, 4, d); T(add, 5, hash);
		done(add);
		USER_ID(login, reviewer_of_dept[d]);
	}
	USER_ID("super", supervisor_id);
	USER_ID("guide", guide_id);
	if (!supervisor_id)
		supervisor_id = intake_users[0];
	sqlite3_finalize(add);
	sqlite3_finalize(get);
	sqlite3_finalize(depts);
}

/* Names, ID numbers, phones ------------------------------------------------------- */

static const char *const surnames[] = {
	"王", "李", "张", "刘", "陈", "杨", "赵", "黄", "周", "吴", "徐", "孙", "胡", "朱", "高", "林", "何",
	"郭", "马", "罗", "梁", "宋", "郑", "谢", "韩", "唐", "冯", "于", "董", "萧", "程", "曹", "袁", "邓",
	"许", "傅", "沈", "曾", "彭", "吕", "苏", "卢", "蒋", "蔡", "贾", "丁", "魏", "薛", "叶", "阎", "余",
	"潘", "杜", "戴", "夏", "钟", "汪", "田", "任", "姜", "范", "方", "石", "姚", "谭", "廖", "邹", "熊",
	"金", "陆", "郝", "孔", "白", "崔", "康", "毛", "邱", "秦", "江", "史", "顾", "侯", "邵", "孟", "龙",
	"万", "段", "雷", "钱", "汤", "尹", "黎", "易", "常", "武", "乔", "贺", "赖", "龚", "文", "奥", "包",
	"云", "呼", "訾", "乔", "闫", "拓",
};
static const char *const given[] = {
	"伟", "芳", "娜", "秀", "英", "敏", "静", "丽", "强", "磊", "军", "洋", "勇", "艳", "杰", "娟", "涛",
	"明", "超", "兰", "霞", "平", "刚", "桂", "红", "玉", "华", "建", "国", "文", "辉", "鹏", "飞", "宇",
	"浩", "凯", "健", "俊", "帆", "帅", "旭", "宁", "龙", "林", "欢", "阳", "佳", "琳", "晶", "婷", "雪",
	"慧", "莉", "萍", "春", "燕", "梅", "凤", "荣", "海", "波", "峰", "亮", "斌", "志", "新", "利", "清",
	"东", "晓", "小", "金", "淑", "永", "光", "生", "成", "福", "贵", "德", "宝", "忠", "振", "国", "秋",
	"雅", "欣", "思", "怡", "梓", "子", "涵", "睿", "博", "泽", "轩", "瑞", "晨", "诗", "可", "嘉", "雨",
	"彤", "悦", "昊", "天", "一", "诺", "宏", "艺", "丹", "冬", "军", "卫", "岩", "鑫", "茹", "蕾",
};
static const char *const mongol[] = {
	"巴图", "孟和", "乌云", "其木格", "额尔敦", "巴雅尔", "苏和", "那仁", "图雅", "萨仁", "阿拉坦",
	"敖其尔", "朝鲁", "宝音", "达来", "格日勒", "呼和", "吉日嘎拉", "斯琴", "塔娜", "乌日娜",
	"娜仁花", "布和", "特木尔", "满都拉", "高娃", "额日很", "巴特尔", "其其格", "青格勒",
};
static const char *const towns[] = { "嘎鲁图镇", "乌兰陶勒盖镇", "图克镇", "无定河镇", "苏力德苏木", "乌审召镇" };
static const char *const roads[] = { "萨拉乌苏路", "团结路", "友谊路", "统万路", "苏力德大街", "锡尼路",
				     "乌审路", "建设街", "民族街", "文化路" };
static const char *const trades[] = { "商贸", "建筑工程", "运输", "餐饮", "农牧业", "能源", "物流", "家政",
				      "汽车维修", "广告" };
static const char *const words[] = { "鑫源", "恒达", "宏盛", "兴旺", "金桥", "瑞丰", "天宇", "草原",
				      "蒙达", "苏力德", "润泽", "通达", "华泰", "嘉禾", "绿源", "德胜" };
static const char *const areas[] = { "150626", "150626", "150626", "150626", "150602", "150603", "150621",
				     "150622", "150623", "150624", "150625", "150627", "152701", "610802" };

#define NSURNAMES (sizeof surnames / sizeof surnames[0])
#define NSURNAMES_MAX 256

/* How common each surname is (per cent of people, after the 2020 census
 * for the first twenty; the rest falling off). */
static double surname_cum[NSURNAMES_MAX];

static void surname_weights(void)
{
	static const double top[] = { 7.1, 7.9, 7.1, 5.4, 4.5, 3.1, 2.0, 1.9, 1.2, 2.0, 1.2, 1.5, 1.1,
				      1.0, 1.0, 1.0, 1.0, 1.0, 0.9, 0.9 };
	double sum = 0, w;
	size_t i;

	for (i = 0; i < NSURNAMES; i++) {
		w = i < sizeof top / sizeof top[0] ? top[i] : 0.85 * pow(0.97, (double)(i - 20));
		sum += w;
		surname_cum[i] = sum;
	}
	for (i = 0; i < NSURNAMES; i++)
		surname_cum[i] /= sum;
}

static void person_name(char *out, size_t n)
{
	double r = rndf();
	int s = 0;

	if (surname_cum[0] == 0)
		surname_weights();
	while (s < (int)NSURNAMES - 1 && surname_cum[s] < r)
		s++;

	if (chance(0.12)) {   /* Mongolian names: two parts */
		snprintf(out, n, "%s%s", mongol[rnd(30)], mongol[rnd(30)]);
		return;
	}
	if (chance(0.7))
		snprintf(out, n, "%s%s%s", surnames[s], given[rnd(sizeof given / sizeof given[0])],
			 given[rnd(sizeof given / sizeof given[0])]);
	else
		snprintf(out, n, "%s%s", surnames[s], given[rnd(sizeof given / sizeof given[0])]);
}

/* Used ID numbers (17 digits as a number), so that new people are new. */
static uint64_t *id_set;
static size_t id_cap, id_count;

static int id_add(uint64_t v)
{
	size_t i;

	if (id_count * 2 >= id_cap) {
		uint64_t *old = id_set;
		size_t old_cap = id_cap, j;

		id_cap = id_cap ? id_cap * 2 : 1 << 22;
		id_set = calloc(id_cap, sizeof *id_set);
		if (!id_set)
			die("out of memory");
		id_count = 0;
		for (j = 0; j < old_cap; j++)
			if (old[j])
				id_add(old[j]);
		free(old);
	}
	for (i = (size_t)((v * 0x9E3779B97F4A7C15ull) >> 20) & (id_cap - 1); id_set[i]; i = (i + 1) & (id_cap - 1))
		if (id_set[i] == v)
			return 0;
	id_set[i] = v;
	id_count++;
	return 1;
}

/* A resident ID number (GB 11643): area, birth date (18 to 80 years
 * before day), serial, check digit; never one used before. */
static void id_number(yc_date day, char out[19])
{
	uint64_t v;
	int i, y, m, d;

	do {
		yc_date birth = day - 365L * 18 - rnd(365 * 62);

		date_to_ymd(birth, &y, &m, &d);
		snprintf(out, 19, "%s%04d%02d%02d%03d", areas[rnd(sizeof areas / sizeof areas[0])], y, m, d,
			 rnd(1000));
		for (v = 0, i = 0; i < 17; i++)
			v = v * 10 + (uint64_t)(out[i] - '0');
	} while (!id_add(v + 1));
	out[17] = yc_id_card_check_char(out);
	out[18] = '\0';
}

/* A unified social credit code (GB 32100): 91 (enterprise), area, a
 * 9-character organisation code, the check character. */
static void credit_code(char out[19])
{
	static const char chars[] = "0123456789ABCDEFGHJKLMNPQRTUWXY";
	uint64_t v;
	int i;

	do {
		memcpy(out, "91150626", 8);
		for (i = 8; i < 17; i++)
			out[i] = chars[i == 8 ? 1 + rnd(9) : rnd(31)];
		for (v = 7, i = 8; i < 17; i++)
			v = v * 31 + (uint64_t)(strchr(chars, out[i]) - chars);
	} while (!id_add(v | (1ull << 62)));
	out[17] = yc_credit_code_check_char(out);
	out[18] = '\0';
}

static void phone(char out[12])
{
	static const char second[] = "3333355578889";
	int i;

	out[0] = '1';
	out[1] = second[rnd(13)];
	for (i = 2; i < 11; i++)
		out[i] = (char)('0' + rnd(10));
	out[11] = '\0';
}

struct applicant {
	int64_t id;
	char id_number[19];
	char phone[12];
	char name[96];
	char kind;              /* 'p' or 'o' */
};

static struct applicant *people;
static size_t n_people, people_cap;

/* Statements ------------------------------------------------------------------ */

enum {
	S_TICKET, S_APPLICANT, S_ONLINE, S_CASE, S_CASE_MATERIAL, S_VERDICT, S_NOTICE, S_SLIP, S_SLIP_MATERIAL,
	S_RESULT, S_FEE, S_SUSPENSION, S_PICKUP, S_NOTIFICATION, S_RATING, S_EVENT, S_LAST_CASE, S_LAST_NOTICE,
	S_LAST_TICKET, S_TOLD, S_COUNT
};

static const char *const SQL[S_COUNT] = {
	[S_TICKET] = "INSERT INTO queue_tickets(id, site_id, day, category, seq, number, item_id, priority,"
		     " status, issued_by, issued_at, called_at, called_by, station_name, finished_at)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15)",
	[S_APPLICANT] = "INSERT INTO applicants(id, kind, name, id_number, phone, legal_rep, address)"
			" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
	[S_ONLINE] = "INSERT INTO online_submissions(id, ref, source, received_at, imported_at, site_id, item_id,"
		     " kind, name, id_number, phone, legal_rep, address, status, case_id)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, 'reviewed', ?14)",
	[S_CASE] = "INSERT INTO cases(id, case_number, query_password, item_id, site_id, channel, applicant_id,"
		   " ticket_id, status, kind, responder_id, created_at, accepted_at, promised_date, decided_at,"
		   " closed_at, review_round, refusal_reason, online_id, version)"
		   " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, 1, '', ?17, ?18)",
	[S_CASE_MATERIAL] = "INSERT INTO case_materials(id, case_id, material_id, paper_count, electronic_count)"
			    " VALUES (?1, ?2, ?3, ?4, ?5)",
	[S_VERDICT] = "INSERT INTO verdicts(case_material_id, checkpoint_id, verdict, reason, round, by_user, at)"
		      " VALUES (?1, ?2, 'conforming', '', 1, ?3, ?4)",
	[S_NOTICE] = "INSERT INTO notices(id, case_id, kind, number, body, printed, issued_by, issued_at, round)"
		     " VALUES (?1, ?2, 'acceptance', ?3, ?4, 1, ?5, ?6, 1)",
	[S_SLIP] = "INSERT INTO transfer_slips(id, case_id, number, department_id, envelope, direction, created_at,"
		   " handed_by, received_by, handed_at, version) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)",
	[S_SLIP_MATERIAL] = "INSERT INTO slip_materials(slip_id, name, paper_count, electronic_count)"
			    " VALUES (?1, ?2, ?3, ?4)",
	[S_RESULT] = "INSERT INTO results(case_id, outcome, document_number, valid_from, valid_to, reason,"
		     " decided_by, decided_at) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
	[S_FEE] = "INSERT INTO fees(case_id, amount_fen, paid, receipt_number, set_by, set_at)"
		  " VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
	[S_SUSPENSION] = "INSERT INTO suspensions(case_id, reason_kind, reason, started_on, ended_on,"
			 " applicant_consent, by_user) VALUES (?1, 'site_survey', ?2, ?3, ?4, 0, ?5)",
	[S_PICKUP] = "INSERT INTO pickups(case_id, method, collector_name, collector_id_number, authorisation_note,"
		     " mail_address, mail_recipient, mail_phone, tracking_number, delivered_at, handed_by, at)"
		     " VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12)",
	[S_NOTIFICATION] = "INSERT INTO notifications(case_id, phone, message, status, attempts, last_error,"
			   " created_at, sent_at, kind) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	[S_RATING] = "INSERT INTO ratings(case_id, score, comment, at, follow_up, follow_up_by, follow_up_at,"
		     " channel, recorded_by) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, 'pickup', ?8)",
	[S_EVENT] = "INSERT INTO events(at, user_id, station, entity, entity_id, action, old_value, new_value,"
		    " hash) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9)",
	/* as store_result_told: the first completion SMS or pickup */
	[S_TOLD] = "UPDATE transfer_slips SET told_at = ?2 WHERE id = ?1 AND told_at IS NULL",
	[S_LAST_CASE] = "SELECT case_number FROM cases WHERE case_number > ?1 AND case_number < ?1 || ':'"
			" ORDER BY case_number DESC LIMIT 1",
	[S_LAST_NOTICE] = "SELECT number FROM notices WHERE number > ?1 AND number < ?1 || ':'"
			  " ORDER BY number DESC LIMIT 1",
	[S_LAST_TICKET] = "SELECT max(seq) FROM queue_tickets WHERE site_id = ?1 AND day = ?2 AND category = ?3",
};

static sqlite3_stmt *st[S_COUNT];

static struct {
	int64_t ticket, applicant, online, kase, case_material, notice, slip;
} next_id;

static long rows_written;

/* The event log, chained as store_event does it. */
static char prev_hash[65];

static void event(ts_t t, int64_t user, const char *station, const char *entity, int64_t entity_id,
		  const char *action, const char *old_value, const char *new_value)
{
	char when[20], uid[24], eid[24], hash[65];
	const char *fields[8];
	sqlite3_stmt *s = st[S_EVENT];

	fmt_ts(t, when);
	snprintf(uid, sizeof uid, "%lld", (long long)user);
	snprintf(eid, sizeof eid, "%lld", (long long)entity_id);
	fields[0] = when; fields[1] = uid; fields[2] = station; fields[3] = entity;
	fields[4] = eid; fields[5] = action; fields[6] = old_value; fields[7] = new_value;
	store_hash_event(prev_hash, fields, 8, hash);
	T(s, 1, when);
	if (user > 0)
		I(s, 2, user);
	else
		N(s, 2);
	T(s, 3, station);
	T(s, 4, entity);
	I(s, 5, entity_id);
	T(s, 6, action);
	if (old_value) T(s, 7, old_value); else N(s, 7);
	if (new_value) T(s, 8, new_value); else N(s, 8);
	T(s, 9, hash);
	done(s);
	memcpy(prev_hash, hash, 65);
	rows_written++;
}

/* Numbers: the next serial after the highest one with the prefix, looked
 * up once per prefix (a site's day, a site's year). */
struct serial {
	char prefix[40];
	long last;
};

static long next_serial(struct serial *cache, int stmt, const char *prefix)
{
	sqlite3_stmt *s;

	if (strcmp(cache->prefix, prefix) == 0)
		return ++cache->last;
	snprintf(cache->prefix, sizeof cache->prefix, "%s", prefix);
	s = st[stmt];
	T(s, 1, prefix);
	cache->last = 0;
	if (sqlite3_step(s) == SQLITE_ROW)
		cache->last = strtol((const char *)sqlite3_column_text(s, 0) + strlen(prefix), NULL, 10);
	sqlite3_reset(s);
	return ++cache->last;
}

/* Cases and what happens to them --------------------------------------------------- */

enum stage { A_CREATE, A_HANDOVER, A_SUSPEND, A_RESUME, A_DECIDE, A_RESULT_HANDOVER, A_NOTIFY, A_PICKUP,
	     A_DELIVERED };

struct kase {
	const struct item *it;
	const struct site *site;
	size_t person;
	int64_t id, ticket_id, slip_pickup_id, slip_dept_id, user, reviewer, pickup_user;
	char number[80];
	ts_t created, accepted, handover, suspend, resume, decided, result_handover, notified, picked, delivered;
	yc_date promised;
	int late_handover, late_result, approved, method, rated, score, fee, online, station;
	int pending;            /* actions still to come */
};

enum { M_SELF, M_AGENT, M_MAIL };

struct action {
	ts_t t;
	struct kase *k;
	int stage;
};

static struct action *heap;
static size_t heap_n, heap_cap;

static void push(ts_t t, struct kase *k, int stage)
{
	size_t i;

	if (heap_n == heap_cap) {
		heap_cap = heap_cap ? heap_cap * 2 : 1 << 16;
		heap = realloc(heap, heap_cap * sizeof *heap);
		if (!heap)
			die("out of memory");
	}
	i = heap_n++;
	while (i > 0 && heap[(i - 1) / 2].t > t) {
		heap[i] = heap[(i - 1) / 2];
		i = (i - 1) / 2;
	}
	heap[i].t = t;
	heap[i].k = k;
	heap[i].stage = stage;
	if (k)
		k->pending++;
}

static struct action pop(void)
{
	struct action top = heap[0], last = heap[--heap_n];
	size_t i = 0, c;

	while ((c = 2 * i + 1) < heap_n) {
		if (c + 1 < heap_n && heap[c + 1].t < heap[c].t)
			c++;
		if (heap[c].t >= last.t)
			break;
		heap[i] = heap[c];
		i = c;
	}
	if (heap_n > 0)
		heap[i] = last;
	return top;
}

static ts_t cutoff;         /* nothing happens after this */
static int full_notices;
static long cases_made;

static const char *status_at_cutoff(const struct kase *k)
{
	if (k->handover > cutoff)
		return "accepted";
	if (k->suspend && k->suspend <= cutoff && k->resume > cutoff)
		return "suspended";
	if (k->decided > cutoff)
		return "in_department";
	if (k->result_handover > cutoff)
		return k->approved ? "approved" : "not_approved";
	if (k->notified > cutoff && k->picked > cutoff)
		return "result_at_pickup";
	if (k->picked > cutoff)
		return "notified";
	if (k->method == M_MAIL && k->delivered > cutoff)
		return "mailed";
	return "collected";
}

static int moves_by_cutoff(const struct kase *k)
{
	ts_t ts[] = { k->handover, k->suspend, k->resume, k->decided, k->result_handover, k->notified, k->picked,
		      k->delivered };
	int n = 0;
	size_t i;

	for (i = 0; i < sizeof ts / sizeof ts[0]; i++)
		n += ts[i] && ts[i] <= cutoff;
	return n;
}

/* The whole life of a case, decided when it arrives. */
static void plan(struct kase *k, yc_date day, ts_t t)
{
	const struct item *it = k->it;
	int immediate = strcmp(it->kind, "immediate") == 0;
	yc_date d;

	k->created = t;
	k->accepted = t + 300 + rnd(1200);
	/* the slip goes to the department the same day; a few percent late */
	if (immediate)
		k->handover = k->accepted + 120 + rnd(900);
	else if ((k->late_handover = chance(0.03)))
		k->handover = office_time(next_workday(day), 0);
	else
		k->handover = k->accepted + 600 + rnd((int)(at(day, 17, 45) - k->accepted > 900 ? at(day, 17, 45) - k->accepted - 600 : 300));
	k->promised = intake_promised_date(&cal, day, it->kind, it->limit, it->unit);
	k->suspend = k->resume = 0;
	if (immediate) {
		k->decided = k->handover + 300 + rnd(2400);
	} else {
		/* most decided in good time (20-100 % of the working days
		 * allowed), 1.5 % late; 1 % stopped for a site survey */
		yc_date start = (yc_date)(k->handover / 86400);
		int span = 0, w;

		if (chance(0.01) && k->promised - start > 4) {
			int stop = 3 + rnd(6);

			k->suspend = office_time(next_workday(start), k->handover);
			d = (yc_date)(k->suspend / 86400);
			for (w = stop; w > 0; w--)
				d = next_workday(d);
			k->resume = office_time(d, 0);
			/* the promised date moves by the working days stopped */
			k->promised = cal_add_workdays(&cal, k->promised, stop);
			start = d;
		}
		for (d = start + 1; d <= k->promised; d++)
			span += workday(d);
		if (chance(0.015)) {
			d = k->promised;
			for (w = 1 + rnd(5); w > 0; w--)
				d = next_workday(d);
		} else {
			d = start;
			for (w = span > 0 ? 1 + (int)((span - 1) * (0.2 + 0.8 * rndf())) : 0; w > 0; w--)
				d = next_workday(d);
			if (span == 0 && !workday(d))
				d = next_workday(d);
		}
		k->decided = office_time(d, k->suspend ? k->resume : k->handover);
		if (k->decided <= (k->suspend ? k->resume : k->handover))
			k->decided = (k->suspend ? k->resume : k->handover) + 600 + rnd(3600);
	}
	k->approved = !chance(0.04);
	d = (yc_date)(k->decided / 86400);
	if (immediate)
		k->result_handover = k->decided + 120 + rnd(600);
	else if ((k->late_result = chance(0.03)))
		k->result_handover = office_time(next_workday(d), 0);
	else
		k->result_handover = soon(k->decided, 300, 3 * 3600);
	k->method = immediate ? M_SELF : chance(0.14) ? M_MAIL : chance(0.07) ? M_AGENT : M_SELF;
	if (immediate) {
		k->notified = 0;    /* collected on the spot */
		k->picked = k->result_handover + 60 + rnd(600);
	} else {
		k->notified = soon(k->result_handover, 300, 2 * 3600);
		if (chance(0.05))
			k->notified = office_time(next_workday((yc_date)(k->result_handover / 86400)), 0);
		d = (yc_date)(k->notified / 86400);
		if (k->method == M_MAIL) {
			k->picked = soon(k->notified, 1800, 4 * 3600);
		} else {
			double r = rndf();
			int wait = r < 0.35 ? 0 : r < 0.7 ? 1 : r < 0.85 ? 2 : r < 0.95 ? 3 + rnd(4) : 7 + rnd(20);

			while (wait-- > 0)
				d = next_workday(d);
			k->picked = office_time(d, k->notified);
		}
	}
	k->delivered = k->method == M_MAIL
		? office_time(next_workday((yc_date)(k->picked / 86400) + rnd(2)), 0) : 0;
	k->rated = k->method != M_MAIL && chance(0.30);
	{
		double r = rndf();

		k->score = r < 0.86 ? 5 : r < 0.955 ? 4 : r < 0.98 ? 3 : r < 0.992 ? 2 : 1;
	}
	k->fee = it->fee_fen;
}

static char *notice_body(char *out, size_t n, const struct kase *k, const struct applicant *a, const char *number,
			 const char *day, const char *promised)
{
	const struct item *it = k->it;
	size_t len;
	int i;

	if (!full_notices) {
		snprintf(out, n, "乌审旗政务服务中心\n受理通知书\n编号：%s\n%s：\n您于 %s 申请办理的“%s”事项，决定予以受理。"
			 "办件编号：%s 承诺办结日期：%s\n", number, a->name, day, it->name, k->number, promised);
		return out;
	}
	/* as data/templates/acceptance.txt renders it */
	snprintf(out, n,
		 "乌审旗政务服务中心\n受理通知书\n                                        编号：%s\n%s：\n\n"
		 "    您（单位）于 %s 申请办理的“%s”事项，经审查，申请材料齐全、符合法定形式，决定予以受理。\n\n"
		 "    办件编号：%s        查询密码：%06d\n    承办部门：%s\n    办件类型：%s        承诺办结日期：%s\n\n"
		 "    收到的材料：\n",
		 number, a->name, day, it->name, k->number, rnd(1000000), it->dept_code,
		 strcmp(it->kind, "immediate") == 0 ? "即办件" : "承诺件", promised);
	for (i = 0; i < it->n_m; i++) {
		len = strlen(out);
		snprintf(out + len, n - len, "%d. %s  纸质%d份，电子%d份\n", it->m[i].seq, it->m[i].name,
			 it->m[i].required ? it->m[i].paper : 0, it->m[i].required ? it->m[i].electronic : 0);
	}
	len = strlen(out);
	snprintf(out + len, n - len,
		 "    可凭办件编号和查询密码在内蒙古政务服务网、蒙速办或本中心查询办理进度；办结后我们将以短信告知您，"
		 "请到统一出件窗口领取，也可选择免费邮寄。\n\n    受理人：%s        窗口：%s\n\n"
		 "                                        乌审旗政务服务中心（业务专用章）\n"
		 "                                        %s\n",
		 "受理员", window_names[k->station], day);
	return out;
}

static struct applicant *new_person(yc_date day, int organisation)
{
	struct applicant *a;
	sqlite3_stmt *s = st[S_APPLICANT];
	char legal[40] = "", address[128];

	if (n_people == people_cap) {
		people_cap = people_cap ? people_cap * 2 : 1 << 20;
		people = realloc(people, people_cap * sizeof *people);
		if (!people)
			die("out of memory");
	}
	a = &people[n_people++];
	a->id = next_id.applicant++;
	if (organisation) {
		a->kind = 'o';
		snprintf(a->name, sizeof a->name, "乌审旗%s%s%s%s有限责任公司", words[rnd(16)],
			 given[rnd(sizeof given / sizeof given[0])], given[rnd(sizeof given / sizeof given[0])],
			 trades[rnd(10)]);
		credit_code(a->id_number);
		person_name(legal, sizeof legal);
	} else {
		a->kind = 'p';
		person_name(a->name, sizeof a->name);
		id_number(day, a->id_number);
	}
	phone(a->phone);
	if (chance(0.3))
		snprintf(address, sizeof address, "乌审旗%s%s嘎查", towns[rnd(6)], words[rnd(16)]);
	else
		snprintf(address, sizeof address, "乌审旗%s%s%d号", towns[rnd(6)], roads[rnd(10)], 1 + rnd(300));
	I(s, 1, a->id);
	T(s, 2, organisation ? "organisation" : "person");
	T(s, 3, a->name);
	T(s, 4, a->id_number);
	T(s, 5, a->phone);
	T(s, 6, legal);
	T(s, 7, address);
	done(s);
	rows_written++;
	return a;
}

static void create_case(struct kase *k, ts_t t)
{
	static struct serial case_serial[8], notice_serial[8];
	static const char *const sources[] = { "web", "app", "kiosk" };
	const struct item *it = k->it;
	yc_date day = (yc_date)(t / 86400);
	char dday[11], prefix[48], notice_number[80], created[20], accepted[20], issued[20], called[20],
		finished[20], promised[11], decided[20], closed[20], slipno[96], handed[20], password[8];
	static char body[8192];
	const struct cp *cps[MAX_CP * 2];
	struct applicant *a;
	sqlite3_stmt *s;
	int i, j, n, seq;
	const char *status;

	fmt_day(day, dday);
	k->station = rnd(n_intake);
	k->user = intake_users[k->station];
	k->reviewer = reviewer_of_dept[it->dept] ? reviewer_of_dept[it->dept] : intake_users[0];
	k->pickup_user = pickup_users[rnd(n_pickup)];
	plan(k, day, t);

	/* the queue ticket that brought the applicant to the window */
	{
		/* per site (index) and window category (prefix letter) */
		static struct {
			yc_date day;
			long seq;
		} tick[8][32];
		int si = (int)(k->site - sites), ci = (it->prefix[0] - 'A') & 31;
		long *tseq = &tick[si][ci].seq;

		if (tick[si][ci].day != day) {
			s = st[S_LAST_TICKET];
			I(s, 1, k->site->id);
			T(s, 2, dday);
			T(s, 3, it->category);
			*tseq = sqlite3_step(s) == SQLITE_ROW ? sqlite3_column_int(s, 0) : 0;
			sqlite3_reset(s);
			tick[si][ci].day = day;
		}
		seq = (int)++*tseq;
		/* now and then somebody does not come when called */
		while (chance(0.06)) {
			char num[16];

			snprintf(num, sizeof num, "%s%03d", it->prefix, seq);
			fmt_ts(t - 1800 - rnd(1800), issued);
			fmt_ts(t - 600, called);
			s = st[S_TICKET];
			I(s, 1, next_id.ticket++); I(s, 2, k->site->id); T(s, 3, dday); T(s, 4, it->category);
			I(s, 5, seq); T(s, 6, num); I(s, 7, it->id); I(s, 8, 0); T(s, 9, "no_show");
			I(s, 10, guide_id); T(s, 11, issued); T(s, 12, called); I(s, 13, k->user);
			T(s, 14, window_names[k->station]); T(s, 15, called);
			done(s);
			seq = (int)++*tseq;
		}
		{
			char num[16];

			snprintf(num, sizeof num, "%s%03d", it->prefix, seq);
			fmt_ts(t - 300 - rnd(3000), issued);
			fmt_ts(t - 60, called);
			fmt_ts(k->accepted + 60, finished);
			k->ticket_id = next_id.ticket++;
			s = st[S_TICKET];
			I(s, 1, k->ticket_id); I(s, 2, k->site->id); T(s, 3, dday); T(s, 4, it->category);
			I(s, 5, seq); T(s, 6, num); I(s, 7, it->id); I(s, 8, chance(0.03)); T(s, 9, "done");
			if (chance(0.5)) I(s, 10, guide_id); else N(s, 10);
			T(s, 11, issued); T(s, 12, called); I(s, 13, k->user);
			T(s, 14, window_names[k->station]); T(s, 15, finished);
			done(s);
			rows_written++;
		}
	}

	/* the applicant: most are new, about a quarter came before */
	if (n_people > 1000 && chance(0.25)) {
		a = &people[n_people - 1 - (size_t)(rndf() * rndf() * (double)(n_people - 1))];
	} else {
		a = new_person(day, chance(0.1));
	}
	k->person = (size_t)(a - people);

	/* numbers, as make_numbers does them */
	snprintf(prefix, sizeof prefix, "%s%.4s%.2s%.2s", k->site->letters, dday, dday + 5, dday + 8);
	snprintf(k->number, sizeof k->number, "%s%04ld", prefix, next_serial(&case_serial[k->site - sites], S_LAST_CASE, prefix));
	snprintf(prefix, sizeof prefix, "%s-SL-%.4s-", k->site->letters, dday);
	snprintf(notice_number, sizeof notice_number, "%s%06ld", prefix,
		 next_serial(&notice_serial[k->site - sites], S_LAST_NOTICE, prefix));
	snprintf(password, sizeof password, "%06d", rnd(1000000));

	k->id = next_id.kase++;
	k->online = chance(0.08);
	if (k->online) {
		char ref[48], received[20], imported[20];

		snprintf(ref, sizeof ref, "NMG-%.4s%.2s%.2s-%07lld", dday, dday + 5, dday + 8, (long long)next_id.online);
		fmt_ts(t - 86400 + 20 * 3600 + rnd(3 * 3600), received);
		fmt_ts(t - 86400 + 23 * 3600, imported);
		s = st[S_ONLINE];
		I(s, 1, next_id.online); T(s, 2, ref); T(s, 3, sources[rnd(3)]); T(s, 4, received);
		T(s, 5, imported); I(s, 6, k->site->id); I(s, 7, it->id);
		T(s, 8, a->kind == 'o' ? "organisation" : "person"); T(s, 9, a->name); T(s, 10, a->id_number);
		T(s, 11, a->phone); T(s, 12, ""); T(s, 13, ""); I(s, 14, k->id);
		done(s);
		rows_written++;
	}
	fmt_ts(k->created, created);
	fmt_ts(k->accepted, accepted);
	fmt_day(k->promised, promised);
	status = status_at_cutoff(k);
	s = st[S_CASE];
	I(s, 1, k->id); T(s, 2, k->number); T(s, 3, password); I(s, 4, it->id); I(s, 5, k->site->id);
	T(s, 6, k->online ? "online" : "window"); I(s, 7, a->id); I(s, 8, k->ticket_id); T(s, 9, status);
	T(s, 10, it->kind); I(s, 11, k->user); T(s, 12, created); T(s, 13, accepted); T(s, 14, promised);
	if (k->decided <= cutoff) {
		fmt_ts(k->decided, decided);
		T(s, 15, decided);
	} else {
		N(s, 15);
	}
	if (strcmp(status, "collected") == 0) {
		fmt_ts(k->method == M_MAIL ? k->delivered : k->picked, closed);
		T(s, 16, closed);
	} else {
		N(s, 16);
	}
	if (k->online) I(s, 17, next_id.online++); else N(s, 17);
	I(s, 18, 1 + moves_by_cutoff(k));
	done(s);
	rows_written++;

	/* every material counted, a verdict on each checkpoint (round 1) */
	for (i = 0; i < it->n_m; i++) {
		const struct material *m = &it->m[i];
		int64_t cm = next_id.case_material++;
		int submitted = m->required || chance(0.3);

		s = st[S_CASE_MATERIAL];
		I(s, 1, cm); I(s, 2, k->id); I(s, 3, m->id);
		I(s, 4, submitted ? m->paper : 0); I(s, 5, submitted ? m->electronic : 0);
		done(s);
		n = checkpoints_on(m, day, cps);
		s = st[S_VERDICT];
		for (j = 0; j < n; j++) {
			I(s, 1, cm); I(s, 2, cps[j]->id); I(s, 3, k->user); T(s, 4, accepted);
			done(s);
		}
		rows_written += 1 + n;
	}

	/* the acceptance notice, printed */
	s = st[S_NOTICE];
	I(s, 1, next_id.notice++); I(s, 2, k->id); T(s, 3, notice_number);
	T(s, 4, notice_body(body, sizeof body, k, a, notice_number, dday, promised));
	I(s, 5, k->user); T(s, 6, accepted);
	done(s);

	/* the slip to the department with what was received */
	k->slip_dept_id = next_id.slip++;
	snprintf(slipno, sizeof slipno, "LZ-%s", k->number);
	s = st[S_SLIP];
	I(s, 1, k->slip_dept_id); I(s, 2, k->id); T(s, 3, slipno); I(s, 4, it->dept); T(s, 5, it->kind);
	T(s, 6, "to_department"); T(s, 7, accepted);
	if (k->handover <= cutoff) {
		fmt_ts(k->handover, handed);
		I(s, 8, k->user); I(s, 9, k->reviewer); T(s, 10, handed); I(s, 11, 2);
	} else {
		N(s, 8); N(s, 9); N(s, 10); I(s, 11, 1);
	}
	done(s);
	s = st[S_SLIP_MATERIAL];
	for (i = 0; i < it->n_m; i++) {
		const struct material *m = &it->m[i];

		if (!m->required)
			continue;
		I(s, 1, k->slip_dept_id); T(s, 2, m->name); I(s, 3, m->paper); I(s, 4, m->electronic);
		done(s);
		rows_written++;
	}
	rows_written += 3;
	event(k->accepted, k->user, window_names[k->station], "case", k->id, "accept", NULL, k->number);

	push(k->handover, k, A_HANDOVER);
	if (k->suspend) {
		push(k->suspend, k, A_SUSPEND);
		push(k->resume, k, A_RESUME);
	}
	push(k->decided, k, A_DECIDE);
	push(k->result_handover, k, A_RESULT_HANDOVER);
	if (k->notified)
		push(k->notified, k, A_NOTIFY);
	push(k->picked, k, A_PICKUP);
	if (k->delivered)
		push(k->delivered, k, A_DELIVERED);
}

static void sms(const struct kase *k, ts_t t, const char *kind, const char *message)
{
	sqlite3_stmt *s = st[S_NOTIFICATION];
	const struct applicant *a = &people[k->person];
	char created[20], sent[20];
	int failed = chance(0.003);

	fmt_ts(t, created);
	fmt_ts(t + 2 + rnd(30), sent);
	I(s, 1, k->id); T(s, 2, a->phone); T(s, 3, message); T(s, 4, failed ? "failed" : "sent");
	I(s, 5, failed ? 5 : 1);
	if (failed) T(s, 6, "短信网关返回错误：号码停机"); else N(s, 6);
	T(s, 7, created);
	if (failed) N(s, 8); else T(s, 8, sent);
	T(s, 9, kind);
	done(s);
	rows_written++;
}

/* The result's slip learns when the applicant was first told. */
static void told(const struct kase *k, const char *when)
{
	sqlite3_stmt *s = st[S_TOLD];

	I(s, 1, k->slip_pickup_id); T(s, 2, when);
	done(s);
}

static void act(struct action a)
{
	struct kase *k = a.k;
	const struct item *it = k->it;
	const struct applicant *p = &people[k->person];
	char when[20], slipno[96], day[11], msg[512], other[20], later[20], doc[48], vf[11], vt[11];
	char station[48];
	sqlite3_stmt *s;

	fmt_ts(a.t, when);
	snprintf(station, sizeof station, "后台-%s", it->dept_code);
	switch (a.stage) {
	case A_HANDOVER:
		snprintf(slipno, sizeof slipno, "LZ-%s", k->number);
		/* (not logged here: a few events per case keep the file small;
		 * the program also logs the handover, the result handover, the
		 * notice and the ticket's moves) */
		break;
	case A_SUSPEND:
		fmt_day((yc_date)(k->suspend / 86400), day);
		fmt_day((yc_date)(k->resume / 86400), other);
		s = st[S_SUSPENSION];
		I(s, 1, k->id); T(s, 2, "需现场勘验经营场所"); T(s, 3, day);
		if (k->resume <= cutoff) T(s, 4, other); else N(s, 4);
		I(s, 5, k->reviewer);
		done(s);
		event(a.t, k->reviewer, station, "case", k->id, "suspend", "in_department", "site_survey");
		break;
	case A_RESUME:
		event(a.t, k->reviewer, station, "case", k->id, "resume", "suspended", NULL);
		break;
	case A_DECIDE:
		if (k->fee) {
			/* the department set the fee; it was paid before the decision */
			char receipt[24];

			snprintf(receipt, sizeof receipt, "FS%.4s%08lld", when, (long long)k->id);
			fmt_ts(a.t - 600 - rnd(3600), other);
			s = st[S_FEE];
			I(s, 1, k->id); I(s, 2, k->fee); I(s, 3, 1); T(s, 4, receipt); I(s, 5, k->reviewer);
			T(s, 6, other);
			done(s);
		}
		fmt_day((yc_date)(a.t / 86400), vf);
		fmt_day((yc_date)(a.t / 86400) + 365 * 5, vt);
		snprintf(doc, sizeof doc, "%s-%.4s-%07lld", it->dept_code, when, (long long)k->id);
		s = st[S_RESULT];
		I(s, 1, k->id); T(s, 2, k->approved ? "approved" : "not_approved");
		if (k->approved) { T(s, 3, doc); T(s, 4, vf); T(s, 5, vt); T(s, 6, ""); }
		else { N(s, 3); N(s, 4); N(s, 5); T(s, 6, "申请人不符合法定条件"); }
		I(s, 7, k->reviewer); T(s, 8, when);
		done(s);
		k->slip_pickup_id = next_id.slip++;
		snprintf(slipno, sizeof slipno, "JG-%s", k->number);
		s = st[S_SLIP];
		I(s, 1, k->slip_pickup_id); I(s, 2, k->id); T(s, 3, slipno); I(s, 4, it->dept); T(s, 5, "result");
		T(s, 6, "to_pickup"); T(s, 7, when);
		if (k->result_handover <= cutoff) {
			fmt_ts(k->result_handover, later);
			I(s, 8, k->reviewer); I(s, 9, k->pickup_user); T(s, 10, later); I(s, 11, 2);
		} else {
			N(s, 8); N(s, 9); N(s, 10); I(s, 11, 1);
		}
		done(s);
		rows_written += 2;
		event(a.t, k->reviewer, station, "case", k->id, k->approved ? "approve" : "not_approve", "in_department",
		      k->approved ? doc : NULL);
		break;
	case A_RESULT_HANDOVER:
		snprintf(slipno, sizeof slipno, "JG-%s", k->number);
		(void)slipno;
		break;
	case A_NOTIFY:
		snprintf(msg, sizeof msg,
			 "【乌审旗政务服务中心】%s您好，您申请的“%s”（办件编号%s）已办结，请携带本人身份证件到统一出件窗口领取；"
			 "也可申请免费邮寄。", p->name, it->name, k->number);
		sms(k, a.t, "completion", msg);
		told(k, when);
		break;
	case A_PICKUP: {
		char agent_id[19], agent[40], tracking[24], address[128], delivered[20];

		s = st[S_PICKUP];
		I(s, 1, k->id);
		T(s, 2, k->method == M_MAIL ? "mail" : k->method == M_AGENT ? "agent"
			: strcmp(it->kind, "immediate") == 0 ? "on_the_spot" : "in_person");
		N(s, 3); N(s, 4); N(s, 5); N(s, 6); N(s, 7); N(s, 8); N(s, 9); N(s, 10);
		if (k->method == M_SELF) {
			T(s, 3, p->name); T(s, 4, p->id_number);
		} else if (k->method == M_AGENT) {
			person_name(agent, sizeof agent);
			id_number((yc_date)(a.t / 86400), agent_id);
			T(s, 3, agent); T(s, 4, agent_id); T(s, 5, "申请人签字的委托书（原件已收）");
		} else {
			snprintf(address, sizeof address, "乌审旗%s%s%d号", towns[rnd(6)], roads[rnd(10)], 1 + rnd(300));
			snprintf(tracking, sizeof tracking, "11%011lld", (long long)(k->id * 7919 % 100000000000LL));
			T(s, 6, address); T(s, 7, p->name); T(s, 8, p->phone); T(s, 9, tracking);
			if (k->delivered <= cutoff) {
				fmt_ts(k->delivered, delivered);
				T(s, 10, delivered);
			}
		}
		I(s, 11, k->pickup_user); T(s, 12, when);
		done(s);
		rows_written++;
		told(k, when);
		if (k->method == M_MAIL) {
			snprintf(msg, sizeof msg, "【乌审旗政务服务中心】您的办理结果（办件编号%s）已通过政务快递寄出，运单号%s。",
				 k->number, tracking);
			sms(k, a.t, "mail", msg);
			event(a.t, k->pickup_user, "统一出件窗口", "case", k->id, "mail",
			      k->notified ? "notified" : "result_at_pickup", tracking);
		} else {
			event(a.t, k->pickup_user, "统一出件窗口", "case", k->id, "collect",
			      k->notified ? "notified" : "result_at_pickup", k->method == M_AGENT ? agent : p->name);
		}
		if (k->rated) {
			static const char *const praise[] = { "", "", "", "办事快，态度好", "很满意", "一次就办好了", "" };
			ts_t fu = a.t + 86400 + rnd(3 * 86400);
			char score[4];

			s = st[S_RATING];
			I(s, 1, k->id); I(s, 2, k->score);
			T(s, 3, k->score <= 2 ? "等了太久，窗口人员解释不清楚" : praise[rnd(7)]);
			T(s, 4, when);
			if (k->score <= 2 && fu <= cutoff && !chance(0.03)) {
				fmt_ts(fu, later);
				T(s, 5, "已电话回访，向申请人说明情况并致歉，申请人表示理解。"); I(s, 6, supervisor_id);
				T(s, 7, later);
			} else {
				N(s, 5); N(s, 6); N(s, 7);
			}
			I(s, 8, k->pickup_user);
			done(s);
			rows_written++;
			snprintf(score, sizeof score, "%d", k->score);
			event(a.t, k->pickup_user, "统一出件窗口", "case", k->id, "rate", NULL, score);
		}
		break;
	}
	case A_DELIVERED:
		event(a.t, k->pickup_user, "统一出件窗口", "case", k->id, "delivered", "mailed", NULL);
		break;
	}
}

/* Assessment months -------------------------------------------------------------- */

static void assessment_months(yc_date from, yc_date to)
{
	sqlite3_stmt *rules = prep("SELECT id, evidence FROM assessment_criteria WHERE version = 1 ORDER BY id");
	sqlite3_stmt *month = prep(
		"INSERT OR IGNORE INTO assessment_months(month, scope, score, signed_off_by, signed_off_at,"
		" criteria_version, band, fee_fen, withheld_fen, lines) VALUES (?1, ?2, ?3, ?4, ?5, 1, ?6, ?7, ?8, ?9)");
	sqlite3_stmt *finding = prep(
		"INSERT INTO inspections(day, inspector_id, site_id, staff_id, criterion_id, note, recorded_at)"
		" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
	long ids[64];
	int inspection[64], n = 0, y, m, d, i, sc;
	yc_date first;
	long count = 0;

	while (sqlite3_step(rules) == SQLITE_ROW && n < 64) {
		ids[n] = (long)sqlite3_column_int64(rules, 0);
		inspection[n++] = strcmp((const char *)sqlite3_column_text(rules, 1), "inspection") == 0;
	}
	sqlite3_finalize(rules);
	if (n == 0)
		return;
	date_to_ymd(from, &y, &m, &d);
	if (y < 2022 || (y == 2022 && m < 10))
		y = 2022, m = 10;   /* the sheet's criteria start then */
	for (;;) {
		char mon[8], day[11], signed_at[20], json[4096];
		yc_date next;

		first = date_from_ymd(y, m, 1);
		next = m == 12 ? date_from_ymd(y + 1, 1, 1) : date_from_ymd(y, m + 1, 1);
		if (next > to)
			break;
		snprintf(mon, sizeof mon, "%04d-%02d", y, m);
		/* the weekly inspections' findings of the month */
		for (i = 5 + rnd(12); i > 0; i--) {
			int r;

			do
				r = rnd(n);
			while (!inspection[r]);
			fmt_day(first + rnd((int)(next - first)), day);
			fmt_ts(at((yc_date)(first + rnd((int)(next - first))), 16, 0), signed_at);
			T(finding, 1, day); I(finding, 2, supervisor_id); I(finding, 3, pick_site()->id);
			I(finding, 4, intake_users[rnd(n_intake)]); I(finding, 5, ids[r]);
			T(finding, 6, "周检查发现"); T(finding, 7, signed_at);
			done(finding);
		}
		for (sc = 0; sc <= n_sites; sc++) {
			double score = 88 + rnd(1200) / 100.0;
			size_t len;

			snprintf(json, sizeof json, "[");
			for (i = 0; i < n; i++) {
				len = strlen(json);
				snprintf(json + len, sizeof json - len, "%s{\"rule\":%ld,\"n\":%d,\"points\":%.2f}", i ? "," : "",
					 ids[i], 0, 0.0);
			}
			strcat(json, "]");
			fmt_ts(at(next + 4, 10, 0), signed_at);
			T(month, 1, mon); T(month, 2, sc == 0 ? "all" : sites[sc - 1].code);
			sqlite3_bind_double(month, 3, score); I(month, 4, supervisor_id); T(month, 5, signed_at);
			T(month, 6, score > 90 ? "excellent" : score >= 80 ? "basic" : "fail");
			I(month, 7, 30000000); I(month, 8, score > 90 ? 0 : 1500000); T(month, 9, json);
			done(month);
			count++;
		}
		if (++m > 12)
			m = 1, y++;
	}
	sqlite3_finalize(month);
	sqlite3_finalize(finding);
	printf("assessment: %ld signed months with their findings\n", count);
}

/* Main ------------------------------------------------------------------------------- */

static void usage(void)
{
	fputs("usage: gen-history DB [-n CASES] [--from YYYY-MM-DD] [--to YYYY-MM-DD] [--seed N]\n"
	      "                      [--batch N] [--full-notices] [--no-analyze] [--keep-indexes]\n",
	      stderr);
	exit(2);
}

int main(int argc, char **argv)
{
	static const struct option opts[] = {
		{ "cases", required_argument, NULL, 'n' }, { "from", required_argument, NULL, 'f' },
		{ "to", required_argument, NULL, 't' }, { "seed", required_argument, NULL, 's' },
		{ "batch", required_argument, NULL, 'b' }, { "full-notices", no_argument, NULL, 'F' },
		{ "no-analyze", no_argument, NULL, 'A' }, { "keep-indexes", no_argument, NULL, 'K' },
		{ NULL, 0, NULL, 0 },
	};
	long target = 2000000, batch = 50000, in_batch = 0;
	int analyze = 1, keep_indexes = 0, c, i;
	const char *from_s = "2016-12-01", *to_s = NULL, *path;
	yc_date from, to, day;
	double t0 = now_s(), t_last = t0, weights_sum = 0;
	char **index_sql = NULL;
	int n_index = 0;
	struct stat sb;
	sqlite3_stmt *s;

	while ((c = getopt_long(argc, argv, "n:", opts, NULL)) != -1) {
		switch (c) {
		case 'n': target = atol(optarg); break;
		case 'f': from_s = optarg; break;
		case 't': to_s = optarg; break;
		case 's': rng_state = strtoull(optarg, NULL, 10) * 0x2545F4914F6CDD1Dull + 1; break;
		case 'b': batch = atol(optarg); break;
		case 'F': full_notices = 1; break;
		case 'A': analyze = 0; break;
		case 'K': keep_indexes = 1; break;
		default: usage();
		}
	}
	if (optind != argc - 1 || target <= 0 || batch <= 0)
		usage();
	path = argv[optind];
	if (date_parse(from_s, &from) != 0)
		die("--from %s is not a date", from_s);
	if (to_s) {
		if (date_parse(to_s, &to) != 0)
			die("--to %s is not a date", to_s);
	} else {
		time_t now = time(NULL);
		struct tm tm;
		char today[11];

		localtime_r(&now, &tm);
		strftime(today, sizeof today, "%Y-%m-%d", &tm);
		date_parse(today, &to);
		to--;   /* up to yesterday: today belongs to the benchmark */
	}
	if (to <= from)
		die("--to must be after --from");
	if (stat(path, &sb) != 0)
		die("%s: %s (make it with `yichuang init --demo --db %s`)", path, strerror(errno), path);
	/* one thread, no memory statistics: fewer mutexes and counters */
	sqlite3_config(SQLITE_CONFIG_SINGLETHREAD);
	sqlite3_config(SQLITE_CONFIG_MEMSTATUS, 0);
	if (sqlite3_open_v2(path, &db, SQLITE_OPEN_READWRITE, NULL) != SQLITE_OK)
		die("%s: %s", path, sqlite3_errmsg(db));
	/* generation only: no journal, no syncs, one writer, a big cache */
	exec("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA locking_mode = EXCLUSIVE;"
	     " PRAGMA cache_size = -2000000; PRAGMA temp_store = MEMORY; PRAGMA foreign_keys = OFF");
	if (query_int("PRAGMA application_id") != 0x59434831)
		die("%s is not a yichuang database", path);
	if (query_int("SELECT count(*) FROM sites WHERE code = 'WSQ'") == 0)
		fprintf(stderr, "gen-history: note: no site WSQ in %s (init used another site code)\n", path);

	cal_init(&cal);
	s = prep("SELECT day, kind FROM calendar_days");
	while (sqlite3_step(s) == SQLITE_ROW) {
		yc_date d;

		if (date_parse((const char *)sqlite3_column_text(s, 0), &d) == 0)
			cal_set(&cal, d, sqlite3_column_text(s, 1)[0] == 'o' ? CAL_OFF : CAL_WORK);
	}
	sqlite3_finalize(s);

	exec("BEGIN");
	load_catalogue();
	load_sites();
	add_staff();
	for (i = 0; i < S_COUNT; i++)
		st[i] = prep(SQL[i]);
	next_id.ticket = query_int("SELECT coalesce(max(id), 0) + 1 FROM queue_tickets");
	next_id.applicant = query_int("SELECT coalesce(max(id), 0) + 1 FROM applicants");
	next_id.online = query_int("SELECT coalesce(max(id), 0) + 1 FROM online_submissions");
	next_id.kase = query_int("SELECT coalesce(max(id), 0) + 1 FROM cases");
	next_id.case_material = query_int("SELECT coalesce(max(id), 0) + 1 FROM case_materials");
	next_id.notice = query_int("SELECT coalesce(max(id), 0) + 1 FROM notices");
	next_id.slip = query_int("SELECT coalesce(max(id), 0) + 1 FROM transfer_slips");
	s = prep("SELECT hash FROM events ORDER BY id DESC LIMIT 1");
	if (sqlite3_step(s) == SQLITE_ROW)
		snprintf(prev_hash, sizeof prev_hash, "%s", sqlite3_column_text(s, 0));
	sqlite3_finalize(s);

	/* secondary indexes are built again at the end, sorted: much faster
	 * than keeping them up to date row by row */
	if (!keep_indexes) {
		char **names = NULL;

		s = prep("SELECT name, sql FROM sqlite_master WHERE type = 'index' AND sql IS NOT NULL"
			 " AND tbl_name IN ('applicants','cases','case_materials','verdicts','notices','transfer_slips',"
			 "'slip_materials','results','fees','suspensions','pickups','notifications','ratings','events','case_names',"
			 "'queue_tickets','online_submissions')");
		while (sqlite3_step(s) == SQLITE_ROW) {
			index_sql = realloc(index_sql, (size_t)(n_index + 1) * sizeof *index_sql);
			names = realloc(names, (size_t)(n_index + 1) * sizeof *names);
			if (!index_sql || !names)
				die("out of memory");
			index_sql[n_index] = strdup((const char *)sqlite3_column_text(s, 1));
			names[n_index++] = strdup((const char *)sqlite3_column_text(s, 0));
		}
		sqlite3_finalize(s);
		for (i = 0; i < n_index; i++) {
			char drop[300];

			snprintf(drop, sizeof drop, "DROP INDEX \"%s\"", names[i]);
			exec(drop);
			free(names[i]);
		}
		free(names);
	}

	/* how many cases each working day: a hall that grows by half over the
	 * years, quieter in January-February (Spring Festival) */
	cutoff = at(to, 23, 59) + 59;
	for (day = from; day <= to; day++)
		if (workday(day)) {
			int y, m, d;

			date_to_ymd(day, &y, &m, &d);
			weights_sum += (0.8 + 0.6 * (double)(day - from) / (double)(to - from)) * (m <= 2 ? 0.75 : 1.0);
		}
	printf("gen-history: %ld cases, %s .. ", target, from_s);
	{
		char t[11];

		date_format(to, t);
		printf("%s, into %s\n", t, path);
	}
	fflush(stdout);

	{
		double carry = 0;
		long made_target = 0;

		for (day = from; day <= to; day++) {
			ts_t end_of_day = at(day, 23, 59) + 59;

			if (workday(day)) {
				int y, m, d, n, j;
				double w;
				ts_t *times;

				date_to_ymd(day, &y, &m, &d);
				w = (0.8 + 0.6 * (double)(day - from) / (double)(to - from)) * (m <= 2 ? 0.75 : 1.0);
				carry += (double)target * w / weights_sum;
				n = (int)carry;
				carry -= n;
				if (made_target + n > target || day == to)
					n = (int)(target - made_target);
				made_target += n;
				times = malloc(sizeof *times * (size_t)(n > 0 ? n : 1));
				for (j = 0; j < n; j++) {
					/* office hours, a lull at lunch */
					int sec = rnd(8 * 3600);

					times[j] = at(day, 8, 30) + (sec < 3 * 3600 + 1800 ? sec : sec + 5400);
				}
				for (j = 0; j < n; j++)
					push(times[j], NULL, A_CREATE);
				free(times);
			}
			while (heap_n > 0 && heap[0].t <= end_of_day && heap[0].t <= cutoff) {
				struct action a = pop();

				if (a.stage == A_CREATE) {
					struct kase *k = calloc(1, sizeof *k);

					if (!k)
						die("out of memory");
					k->it = pick_item();
					k->site = pick_site();
					create_case(k, a.t);
					cases_made++;
					if (++in_batch >= batch) {
						exec("COMMIT; BEGIN");
						in_batch = 0;
					}
					if (cases_made % 100000 == 0) {
						double t = now_s();
						char dd[11];

						date_format(day, dd);
						printf("  %8ld cases (%s)  %6.1f s  %7.0f cases/s  %ld rows\n", cases_made, dd,
						       t - t0, 100000 / (t - t_last), rows_written);
						fflush(stdout);
						t_last = t;
					}
					if (k->pending == 0)
						free(k);
				} else {
					act(a);
					if (--a.k->pending == 0)
						free(a.k);
				}
			}
		}
		/* what is still to come after the cutoff: those cases stay open */
		while (heap_n > 0) {
			struct action a = pop();

			if (a.k && --a.k->pending == 0)
				free(a.k);
		}
	}
	assessment_months(from, to + 1);
	for (i = 0; i < S_COUNT; i++)
		sqlite3_finalize(st[i]);
	exec("COMMIT");
	printf("generated %ld cases, %zu applicants, %ld rows in %.1f s\n", cases_made, n_people, rows_written,
	       now_s() - t0);
	fflush(stdout);
	if (n_index) {
		double ti = now_s();

		exec("BEGIN");
		for (i = 0; i < n_index; i++) {
			exec(index_sql[i]);
			free(index_sql[i]);
		}
		exec("COMMIT");
		printf("rebuilt %d indexes in %.1f s\n", n_index, now_s() - ti);
		fflush(stdout);
	}
	free(index_sql);
	/* back to what the program expects of the file */
	exec("PRAGMA journal_mode = DELETE; PRAGMA locking_mode = NORMAL; PRAGMA synchronous = FULL");
	if (analyze) {
		double ta = now_s();

		exec("ANALYZE");
		printf("ANALYZE in %.1f s\n", now_s() - ta);
	}
	query_int("SELECT count(*) FROM sites");   /* releases the exclusive lock */
	sqlite3_close(db);
	cal_free(&cal);
	stat(path, &sb);
	printf("done: %ld cases in %.1f s; %s is %.2f GB (%lld bytes)\n", cases_made, now_s() - t0, path,
	       (double)sb.st_size / 1e9, (long long)sb.st_size);
	return 0;
}
