/* store-scenario.h - the catalogue's scenarios (主题式/情景式导办) as the
 * guidance desk reads them: found by what the citizen says, and planned
 * from the answers in one read (the rules: scenario.h). */
#ifndef YC_STORE_SCENARIO_H
#define YC_STORE_SCENARIO_H

#include <stdint.h>

#include "scenario.h"
#include "store-catalog.h"
#include "yc.h"

struct yc_store;

/* A scenario in the desk's list. */
struct yc_scenario_row {
	int64_t id;
	char code[24];
	char name[128];
	int n_questions;
	char keywords[256];
};

/* The active scenarios whose name, keywords, pinyin or code hold the
 * words typed ("" all), by name: a page after/before the anchor row
 * (ui-table.h's contract), and their count. 0, or -1 with err. */
int store_scenarios_page(struct yc_store *st, const char *words, const struct yc_scenario_row *anchor,
			 int forward, struct yc_scenario_row *rows, int max, int *n, struct yc_err *err);
int store_scenarios_count(struct yc_store *st, const char *words, long *count, struct yc_err *err);

/* A scenario with its questions and rules. 0, or -1 with err. */
int store_scenario_read(struct yc_store *st, int64_t id, struct scenario *out, struct yc_err *err);

/* What the answers come to. */
struct scn_plan {
	char name[128];                     /* the scenario's */
	/* the items, the bundle first when it takes them */
	struct yc_item_info items[SCN_MAX_ITEMS];
	int n_items;
	int bundle;                         /* one bundle case takes them all */
	/* the ticket: its window, and the item the ticket and the desk's
	 * record name (the bundle, or the first item) */
	char category[16];
	char window_name[32];
	struct yc_item_info ticket_item;
	/* one combined list; used_by bit k: the k-th item needs it */
	struct yc_material_row materials[SCN_MAX_MATERIALS];
	unsigned used_by[SCN_MAX_MATERIALS];
	int n_materials;
	int left_out;                       /* materials past the list's size */
};

/* Plan scenario s for answers (answers[q - 1]: 1 yes, 0 no), with the
 * checkpoints in force on day, in one read. 0, or -1 with err (an
 * answer set that brings no item says so). */
int store_scenario_plan(struct yc_store *st, const struct scenario *s, const int *answers, const char *day,
			struct scn_plan *out, struct yc_err *err);

#endif
