/* store-catalog-edit.h - the catalogue's maintenance: items, materials, versioned checkpoints (store-catalog-edit.c). */
#ifndef YC_STORE_CATALOG_EDIT_H
#define YC_STORE_CATALOG_EDIT_H

#include <stdint.h>

#include "store.h"

/* Catalogue maintenance --------------------------------------------------- */

struct yc_item_edit {
	int64_t id;
	int64_t department_id;
	char code[24];
	char name[128];
	char pinyin[64];
	char kind[12];
	int statutory_limit, promised_limit;
	int fee_fen;
	char fee_note[128];
	char guide[4096];
	char faq[4096];
	char promise_conditions[1024];  /* 告知承诺制: "" when the item is not decided on a promise */
};

int store_item_load(struct yc_store *st, int64_t item_id, struct yc_item_edit *e, struct yc_err *err);
/* Save the editable fields; only the administrator or the item's own
 * department (checked here, in the transaction). */
int store_item_save(struct yc_store *st, const struct yc_user *u, const struct yc_item_edit *e,
		    struct yc_err *err);

/* One line of the materials outline: a material, or one of its checkpoints
 * in force on the day asked for. */
struct yc_outline_line {
	int64_t material_id;
	int material_seq;
	int checkpoint_seq;          /* 0 on a material's own line */
	int version;
	char effective_from[11];
	char text[512];              /* material name or checkpoint text */
	int required;
	int waivable;                /* may be supplied after acceptance (容缺) */
};

int store_item_outline(struct yc_store *st, int64_t item_id, const char *day,
		       struct yc_outline_line *rows, int max, int *n, struct yc_err *err);

struct yc_checkpoint_version {
	int version;
	char effective_from[11];
	char effective_to[11];     /* "" while in force */
	char changed_by[64];       /* "" for the shipped catalogue or an import */
	char changed_at[20];
	char text[512];
};

/* Every version a checkpoint ever had, oldest first: old versions stay
 * readable because verdicts name them (第十条). */
int store_checkpoint_history(struct yc_store *st, int64_t material_id, int seq,
			     struct yc_checkpoint_version *rows, int max, int *n, struct yc_err *err);

/* Add a material (material_id 0, appended) or rename one / change whether
 * it is required. */
int store_material_save(struct yc_store *st, const struct yc_user *u, int64_t item_id,
			int64_t material_id, const char *name, int required, struct yc_err *err);

/* Mark a required material as one that may be missing at acceptance and
 * supplied later on the applicant's commitment (容缺), or unmark it. */
int store_material_set_waivable(struct yc_store *st, const struct yc_user *u, int64_t material_id,
				int waivable, struct yc_err *err);

/* Set a checkpoint's text from a day on (seq 0: a new checkpoint). The
 * old version stays, ending the day before. */
int store_checkpoint_revise(struct yc_store *st, const struct yc_user *u, int64_t material_id,
			    int seq, const char *text, const char *day, struct yc_err *err);

#endif
