/* catalog-io.h - the catalogue exchange format: JSON Lines, one service
 * item per line (see yichuang(1), CATALOGUE FORMAT). Parsing checks every
 * line and reports every problem with its line number; nothing here
 * touches the database. */
#ifndef YC_CATALOG_IO_H
#define YC_CATALOG_IO_H

#include <stddef.h>

#include "jsonl.h"

#define CAT_MAX_MATERIALS 24
#define CAT_MAX_CHECKPOINTS 8

struct cat_material {
	char name[128];
	int required;
	int waivable;                   /* may be missing at acceptance (容缺) */
	int originals, copies;
	char form[12];                  /* paper, electronic, both */
	char note[256];
	char checkpoints[CAT_MAX_CHECKPOINTS][400];
	int n_checkpoints;
};

struct cat_item {
	int line;                       /* in the file, for messages */
	char code[24];
	char name[128];
	char pinyin[64];
	char keywords[512];      /* what citizens say, the licence it issues: spaces between */
	char department_code[16];
	char department_name[64];
	char kind[12];                  /* immediate, promised */
	int statutory_limit, promised_limit;
	char limit_unit[10];            /* workday, day, month */
	int fee_fen;
	char fee_note[128];
	char window[16];
	int online;
	char guide[4096];
	char faq[4096];
	char promise_conditions[1024];  /* 告知承诺制: the conditions promised; "" for none */
	struct cat_material materials[CAT_MAX_MATERIALS];
	int n_materials;
};

/* A scenario (主题式导办) line: {"scenario": code, "name", "keywords",
 * "bundle": an item code or "", "questions": [text...], "items": [{"item":
 * code, "question": n (0 or absent: always), "answer": "yes"|"no"}...]}.
 * Codes refer to items in the catalogue or earlier in the same file. */
#define CAT_MAX_QUESTIONS 8
#define CAT_MAX_SCENARIO_ITEMS 24

struct cat_scenario {
	int line;
	char code[24];
	char name[128];
	char keywords[256];
	char bundle[24];                /* "" none */
	char questions[CAT_MAX_QUESTIONS][256];
	int n_questions;
	struct cat_scenario_item {
		char item[24];
		int question;           /* 0: always */
		int when_yes;
	} items[CAT_MAX_SCENARIO_ITEMS];
	int n_items;
};

struct cat_file {
	int n;                          /* good items */
	int n_scenarios;                /* good scenarios */
	struct jsonl_problems problems; /* "line N: what is wrong" */
};

/* Called for each good item, one at a time (an item is large: nothing
 * keeps them all). A nonzero return stops the scan and is returned. */
typedef int (*cat_each)(void *ctx, const struct cat_item *item);
typedef int (*cat_each_scenario)(void *ctx, const struct cat_scenario *scenario);

/* Parse and check a whole file's text, line by line (jsonl.h: a byte-order
 * mark and blank lines skipped, a line too long refused); each() (may be NULL)
 * gets every good item. Returns the number of problems (0: every line is
 * good), -1 on memory failure, or each()'s nonzero return. */
int catalog_parse(const char *text, struct cat_file *out, cat_each each, void *ctx);
/* The same, each_scenario (may be NULL) getting every good scenario. */
int catalog_parse_all(const char *text, struct cat_file *out, cat_each each, cat_each_scenario each_scenario,
		      void *ctx);
void catalog_free(struct cat_file *f);

/* One item as one JSON line (no newline); caller frees. */
char *catalog_encode(const struct cat_item *item);
char *catalog_encode_scenario(const struct cat_scenario *scenario);

#endif
