/* bench/search.c - the guidance desk's search at a province's catalogue.
 *
 *   bench/search [--items N] [--runs R] [DIR]
 *   bench/search [--items N] [--runs R] --conninfo CONNINFO
 *
 * Makes a demo hall in DIR (default: a new folder under /tmp), grows its
 * catalogue to N items (default 10,000) through `catalog import` -- the
 * demo catalogue's 74 items copied with other codes and names, their
 * materials, keywords and guides with them -- and times, R times each
 * (default 200), the first page of 20 and the count the item finder asks
 * for, for what citizens and clerks type: a licence's name found in
 * keywords, materials and guides, everyday words, pinyin initials inside a
 * name, full pinyin, a code without its dash, full-width letters, one
 * character (no trigram: read row by row), a word in half the catalogue,
 * and the next page of a broad search. Prints the median and the 99th
 * percentile in milliseconds and what each found. Measures; passes or
 * fails nothing.
 *
 * With --conninfo the hall is made on a PostgreSQL server instead, in the
 * (empty) database the connection string names (issue #24: the search
 * there is pg_trgm's, doc/postgresql.md). */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>

#include "catalog-io.h"
#include "embedded.h"
#include "store-catalog-io.h"
#include "store-catalog.h"
#include "store.h"

struct copies {
	char *text;
	size_t len, cap;
	int round;          /* which copy of the catalogue this is */
	int n, want;
};

static double now_ms(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return ts.tv_sec * 1e3 + ts.tv_nsec / 1e6;
}

static void add_line(struct copies *c, const char *line)
{
	size_t n = strlen(line);

	if (c->len + n + 2 > c->cap) {
		c->cap = (c->len + n + 2) * 2;
		if (!(c->text = realloc(c->text, c->cap))) {
			perror("realloc");
			exit(1);
		}
	}
	memcpy(c->text + c->len, line, n);
	c->len += n;
	c->text[c->len++] = '\n';
	c->text[c->len] = '\0';
}

/* Each demo item once more, as another banner's or county's: its code
 * numbered, its name told apart by the place. */
static void copy_item(void *ctx, const struct cat_item *it)
{
	static const char *const places[] = { "乌审旗", "鄂托克旗", "杭锦旗", "准格尔旗", "达拉特旗", "伊金霍洛旗",
					      "东胜区", "康巴什区", "鄂托克前旗" };
	struct copies *c = ctx;
	struct cat_item copy;
	char *line;

	if (!it || c->n >= c->want)
		return;
	copy = *it;
	snprintf(copy.code, sizeof copy.code, "%.14s-%04d", it->code, c->round);
	snprintf(copy.name, sizeof copy.name, "%.90s（%s第%d批）", it->name, places[c->round % 9], c->round);
	copy.pinyin[0] = '\0';   /* the program works it out */
	if (!(line = catalog_encode(&copy))) {
		fprintf(stderr, "could not encode %s\n", copy.code);
		exit(1);
	}
	add_line(c, line);
	free(line);
	c->n++;
}

static int by_value(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return x < y ? -1 : x > y;
}

static void time_query(struct yc_store *st, const char *label, const char *query, int runs)
{
	static struct yc_item_row rows[20];
	double *t = calloc((size_t)runs, sizeof *t);
	struct yc_err err;
	long count = 0;
	int i, n = 0;

	for (i = 0; i < runs; i++) {
		double t0 = now_ms();

		if (store_items_count(st, query, &count, &err) < 0 ||
		    store_items_page(st, query, "", 1, rows, 20, &n, &err) < 0) {
			fprintf(stderr, "%s: %s\n", query, err.msg);
			exit(1);
		}
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof *t, by_value);
	printf("  %-34s %-14s %7.2f %7.2f  %6ld  %s\n", label, query, t[runs / 2], t[(runs * 99) / 100], count,
	       n ? rows[0].code : "-");
	free(t);
}

/* The page after the first of a broad search: keyset over (rank, code). */
static void time_next_page(struct yc_store *st, const char *query, int runs)
{
	static struct yc_item_row rows[20];
	double *t = calloc((size_t)runs, sizeof *t);
	char anchor[24];
	struct yc_err err;
	int i, n;

	if (store_items_page(st, query, "", 1, rows, 20, &n, &err) < 0 || n < 20) {
		fprintf(stderr, "%s: no second page\n", query);
		exit(1);
	}
	snprintf(anchor, sizeof anchor, "%s", rows[19].code);
	for (i = 0; i < runs; i++) {
		double t0 = now_ms();

		if (store_items_page(st, query, anchor, 1, rows, 20, &n, &err) < 0) {
			fprintf(stderr, "%s: %s\n", query, err.msg);
			exit(1);
		}
		t[i] = now_ms() - t0;
	}
	qsort(t, (size_t)runs, sizeof *t, by_value);
	printf("  %-34s %-14s %7.2f %7.2f  %6s  %s\n", "next page of a broad search", query, t[runs / 2],
	       t[(runs * 99) / 100], "", n ? rows[0].code : "-");
	free(t);
}

int main(int argc, char **argv)
{
	struct store_opts o = { "unix", 5000, 60, "bench", 0 };
	struct store_site site = { "WSQ", "乌审旗政务服务中心", "banner" };
	struct store_import_stats stats;
	struct copies c = { NULL, 0, 0, 0, 0, 0 };
	char dir[512] = "", path[600];
	const char *conninfo = NULL;
	struct yc_store *st;
	struct yc_err err;
	int items = 10000, runs = 200, i, n;
	double t0;

	for (i = 1; i < argc; i++) {
		if (strcmp(argv[i], "--items") == 0 && i + 1 < argc)
			items = atoi(argv[++i]);
		else if (strcmp(argv[i], "--runs") == 0 && i + 1 < argc)
			runs = atoi(argv[++i]);
		else if (strcmp(argv[i], "--conninfo") == 0 && i + 1 < argc)
			conninfo = argv[++i];
		else
			snprintf(dir, sizeof dir, "%s", argv[i]);
	}
	if (items < 100 || runs < 1) {
		fprintf(stderr, "usage: bench/search [--items N>=100] [--runs R] [DIR | --conninfo CONNINFO]\n");
		return 2;
	}
	if (!dir[0] && !conninfo) {
		snprintf(dir, sizeof dir, "/tmp/yc-bench-search-XXXXXX");
		if (!mkdtemp(dir)) {
			perror("mkdtemp");
			return 1;
		}
	}
	setenv("YICHUANG_TODAY", "2026-11-27 09:30", 0);
	if (conninfo) {
		snprintf(path, sizeof path, "%s", conninfo);
		if (store_create_server(conninfo, NULL, &site, 1, NULL, yc_data_holidays_cn_txt, &err) < 0 ||
		    store_open_server(&st, conninfo, NULL, &o, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
	} else {
		snprintf(path, sizeof path, "%s/search.db", dir);
		unlink(path);
		if (store_create(path, &site, 1, NULL, yc_data_holidays_cn_txt, &err) < 0 ||
		    store_open(&st, path, &o, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
	}
	c.want = items - 74;
	for (c.round = 1; c.n < c.want; c.round++)
		if (store_catalog_export(st, "2026-11-27", copy_item, NULL, &c, &n, &err) < 0) {
			fprintf(stderr, "%s\n", err.msg);
			return 1;
		}
	t0 = now_ms();
	if (store_catalog_import(st, c.text, "2026-11-27", 0, &stats, &err) < 0) {
		fprintf(stderr, "import: %s\n", err.msg);
		return 1;
	}
	printf("catalogue: %d items (%d imported in %.1f s, pinyin and search index included), %s\n", 74 + c.n,
	       stats.items_added, (now_ms() - t0) / 1e3, path);
	printf("  %-34s %-14s %7s %7s  %6s  %s\n", "what", "query", "p50 ms", "p99 ms", "found", "first");
	time_query(st, "a licence (keywords, guides)", "营业执照", runs);
	time_query(st, "everyday words (keywords)", "开饭店", runs);
	time_query(st, "initials inside the name", "sldj", runs);
	time_query(st, "full pinyin inside the name", "shelidengji", runs);
	time_query(st, "a code without its dash", "bdc001", runs);
	time_query(st, "full-width initials", "ＧＴＧＳＨ", runs);
	time_query(st, "one character (row by row)", "婚", runs);
	time_query(st, "a word in half the catalogue", "登记", runs);
	time_query(st, "no such thing", "火星移民", runs);
	time_query(st, "the whole catalogue", "", runs);
	time_next_page(st, "登记", runs);
	store_close(st);
	free(c.text);
	return 0;
}
