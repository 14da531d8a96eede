/* store-internal.h - shared by the store-*.c files only; SQL stays there. */
#ifndef YC_STORE_INTERNAL_H
#define YC_STORE_INTERNAL_H

#include <sqlite3.h>
#include <stdint.h>
#include <sys/stat.h>

#include "store.h"

#define STORE_CACHE_SIZE 64
#define YC_LOCK_PATH_MAX 1100

struct yc_store {
	sqlite3 *db;
	char path[YC_LOCK_PATH_MAX - 16];
	char station[64];
	int busy_timeout_ms;
	int stale_lock_seconds;
	int rc;                      /* last prepare result */
	struct {
		const char *sql;
		sqlite3_stmt *stmt;
	} cache[STORE_CACHE_SIZE];
	int n_cached;
	void (*busy_hook)(void *ctx, int waited_ms);
	void *busy_ctx;
	struct stat last_stat;
	int have_stat;
	long long data_version;
	int have_dv;
};

/* A transaction body: returns SQLITE_OK, a SQLite error code, or -1 with
 * err set for a refusal of its own. It may be run more than once (after a
 * busy lock), so it must start from scratch each time. */
typedef int (*store_body)(struct yc_store *st, void *ctx, struct yc_err *err);

int store_run(struct yc_store *st, int write, store_body body, void *ctx, struct yc_err *err);
sqlite3_stmt *store_prep(struct yc_store *st, const char *sql);
void store_col_text(sqlite3_stmt *s, int col, char *out, size_t outsz);
void store_set_error(struct yc_store *st, int rc, struct yc_err *err);
int store_event(struct yc_store *st, int64_t user_id, const char *entity, int64_t entity_id,
		const char *action, const char *old_value, const char *new_value);

#endif
