/* store-catalog-io.h - the catalogue's import and export (store-catalog-io.c; the format: catalog-io.h). */
#ifndef YC_STORE_CATALOG_IO_H
#define YC_STORE_CATALOG_IO_H

#include <stdint.h>

#include "catalog-io.h"
#include "store.h"

/* Catalogue exchange (see catalog-io.h) ---------------------------------- */

struct cat_item;

struct store_import_stats {
	int items_added, items_updated;
	int checkpoints_added, checkpoints_changed;
	int scenarios;                  /* added or replaced */
};

/* All items and scenarios of a catalogue file's text (checked with
 * catalog_parse first), or none: one transaction. A scenario replaces
 * the one of its code, questions and items whole; one naming an item the
 * catalogue lacks refuses the file. Changed checkpoints get a new version
 * effective from day; old versions end the day before. */
int store_catalog_import(struct yc_store *st, const char *text, const char *day,
			 int64_t user_id, struct store_import_stats *stats, struct yc_err *err);

/* Every active item, with the checkpoints in force on day, then every
 * active scenario. each(ctx, NULL) comes first and means "start over":
 * after a busy database the items come again from the beginning. */
int store_catalog_export(struct yc_store *st, const char *day,
			 void (*each)(void *ctx, const struct cat_item *it),
			 void (*each_scenario)(void *ctx, const struct cat_scenario *sc), void *ctx, int *n,
			 struct yc_err *err);

#endif
