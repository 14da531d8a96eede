/* scenario.h - scenario guidance (主题式/情景式导办): a life event as the
 * citizen says it ("我要开超市"), a few yes/no questions, and the rules that
 * turn the answers into the set of items, one combined list of materials
 * without repeats, and the window whose ticket to give. The rules only:
 * the store reads the scenario and the items; the desk asks and shows. */
#ifndef YC_SCENARIO_H
#define YC_SCENARIO_H

#include <stddef.h>
#include <stdint.h>

#include "store-catalog.h"

#define SCN_MAX_QUESTIONS 8
#define SCN_MAX_RULES 24
#define SCN_MAX_ITEMS 12
#define SCN_MAX_MATERIALS 64

/* An item of the scenario and when it comes: always (question 0), or
 * when question (1..) is answered when_yes (1 yes, 0 no). */
struct scn_rule {
	int64_t item_id;
	int question;
	int when_yes;
};

struct scenario {
	int64_t id;
	char code[24];
	char name[128];
	int64_t bundle_item_id;         /* its bundle (一件事一次办), 0: none */
	char questions[SCN_MAX_QUESTIONS][256];
	int n_questions;
	struct scn_rule rules[SCN_MAX_RULES];
	int n_rules;
};

/* The items the answers bring (answers[q - 1] is 1 yes, 0 no for
 * question q), in the scenario's order, each once; how many (at most
 * max). */
int scenario_items(const struct scenario *s, const int *answers, int64_t *items, int max);

/* Whether the bundle takes the whole set as one case: every item is the
 * bundle itself or one of its members (member[i] says which), and there
 * are two of them at least or the bundle itself is one — a single member
 * is its own window's business. */
int scenario_takes_bundle(const int64_t *items, const int *member, int n, int64_t bundle_item_id);

/* The window category of the one ticket: the bundle's when it takes the
 * set; else the one category every item shares; else the combined
 * window, which accepts for every department (综合受理). */
const char *scenario_ticket_category(int bundle, const char *bundle_category, const char *const *categories,
				     int n);

/* One combined list of materials: item k's (its index in the set) added
 * to list (n rows so far, at most max), a material already listed under
 * the same name (white space ignored) merged into it: needed by both
 * (used_by bit k), required if either requires it, the larger number of
 * originals and of copies. Returns how many could not be listed (0). */
int scenario_merge_materials(struct yc_material_row *list, unsigned *used_by, int *n, int max,
			     const struct yc_material_row *add, int n_add, int k);

/* The items' names joined with "、", and their departments, each once:
 * what a scenario's pre-check list says it is for. */
void scenario_join_items(const struct yc_item_info *items, int n, char *names, size_t names_n, char *departments,
			 size_t departments_n);

#endif
