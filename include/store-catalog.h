/* store-catalog.h - the service catalogue: the search, an item and its guide (store-catalog.c). */
#ifndef YC_STORE_CATALOG_H
#define YC_STORE_CATALOG_H

#include <stdint.h>

#include "store.h"

/* Catalogue -------------------------------------------------------------- */

struct yc_item_row {
	int64_t id;
	char code[24];
	char name[128];
	char department[64];
	char window_name[32];
	char window_category[16];   /* its code: combined, bundle ... */
	char kind[12];           /* immediate / promised */
	int promised_limit;
	int statutory_limit;
	char limit_unit[10];
	int found_in;            /* where the search found it: ITEM_FOUND_IN_* */
};

/* Where a search found an item, best first: the order of the results. */
enum { ITEM_FOUND_IN_NAME, ITEM_FOUND_IN_PINYIN_OR_CODE, ITEM_FOUND_IN_KEYWORDS, ITEM_FOUND_IN_MATERIALS,
       ITEM_FOUND_IN_GUIDE };

/* One page of service items matching filter ("" for all): any part of
 * the name, the catalogue's keywords and synonyms, the materials or the
 * guide; pinyin initials or full pinyin anywhere in the name; the code
 * with or without its punctuation; full-width and half-width alike,
 * spaces around trimmed. Ordered by where it was found (name first),
 * then by code; strictly after (forward) or before (backward) the item
 * with code 'from' ("" = from the start or the end). Keyset paging: as
 * fast on page 1000 as on page 1. Rows come back in display order. */
int store_items_page(struct yc_store *st, const char *filter, const char *from, int forward,
		     struct yc_item_row *rows, int max, int *n, struct yc_err *err);
int store_items_count(struct yc_store *st, const char *filter, long *count, struct yc_err *err);

struct yc_item_detail_line {
	int material_seq;        /* 0 for the item's own lines */
	char text[512];
};

/* The item's guide as lines for a viewer: materials, checkpoints in force
 * on the given day, limits, fees, guide, FAQ. each() gets every line. */
int store_item_guide(struct yc_store *st, int64_t item_id, const char *day,
		     void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		     struct yc_err *err);

struct yc_material_row {
	int64_t id;
	int seq;
	char name[128];
	int required;
	int originals, copies;
	char form[12];
	char note[256];
	char checkpoints[1024];   /* those in force, joined with "；" */
};

/* An item's materials with the checkpoints in force on day. */
int store_item_materials(struct yc_store *st, int64_t item_id, const char *day,
			 struct yc_material_row *rows, int max, int *n, struct yc_err *err);

struct yc_item_info {
	int64_t id;
	char code[24];
	char name[128];
	int64_t department_id;
	char department[64];
	char window_category[16];
	char window_name[32];
	char kind[12];
};

int store_item_info(struct yc_store *st, int64_t item_id, struct yc_item_info *info,
		    struct yc_err *err);

#endif
