/* store-migrate-pg.h - a hall's SQLite history moved whole to a
 * PostgreSQL server (`yichuang migrate-to-postgresql`, issue #24). */
#ifndef YC_STORE_MIGRATE_PG_H
#define YC_STORE_MIGRATE_PG_H

#include <signal.h>

#include "yc.h"

/* Where the copy is: one table, rows done of its total. */
struct migrate_progress {
	const char *table;            /* NULL: the copy is committed, the statistics are gathered */
	long long done, total;
	double seconds;               /* since the table's copy began */
	int finished;                 /* the table is copied */
};
typedef void (*migrate_progress_fn)(void *ctx, const struct migrate_progress *p);

/* One table's rows on each side, counted at the end (to: -1 not
 * counted), and the sum of its ids (0 for a table without an identity). */
struct migrate_count {
	char table[64];
	long long from, to;
	long long ids_from, ids_to;
};

/* `check`'s audit of one side, run before the commit (the server's on
 * what the copy wrote, inside its transaction): its problems and the
 * first it named, the event log's events and last link, each sealed
 * table's records. ran is 0 when the migration got no further. */
struct migrate_audit {
	int ran;
	int problems;
	char said[3][400];
	int n_said;
	long events;
	long long last_id;
	char last_hash[72];
	struct {
		char table[24];
		long records;
	} tables[8];
	int n_tables;
};

struct migrate_result {
	struct migrate_count counts[128];
	int n_counts;
	long long rows;               /* copied, all tables */
	double seconds;               /* the whole copy */
	char last_hash_from[72], last_hash_to[72];   /* the event chain's last hash */
	long long last_event_from, last_event_to;     /* and its id */
	struct migrate_audit audit_from, audit_to;    /* check's, of the file and of the server */
	double analyse_seconds;       /* VACUUM (ANALYZE) after the commit; -1 when it failed */
	char analyse_error[256];      /* the server's words then */
};

/* Copy the database file from (opened read-only; it must be at this
 * program's schema version) to the server conninfo names (the password
 * from password_file's first line, else libpq's PGPASSFILE or ~/.pgpass;
 * a conninfo holding a password is refused). The target must have none
 * of the program's tables with rows; its schema is made from
 * data/pg/schema.sql when absent. Everything happens in one transaction
 * on the server, committed only when every table's rows and the event
 * chain's last hash are equal on both sides, and `check`'s audit (the
 * chain, the keys, every sealed record against its seal) finds nothing
 * on either and the same events and records on both: -1 with err, and the target
 * as it was, otherwise, or when *stop becomes non-zero (a signal).
 * res holds the counts in both cases (n_counts 0 when it got no further
 * than refusing). Once committed, the server's planner is given its
 * statistics (VACUUM (ANALYZE), after telling progress with table NULL):
 * without them the first days' screens are planned blind. Its failure
 * leaves the migration done: analyse_seconds -1 and analyse_error. */
int store_migrate_to_pg(const char *from, const char *conninfo, const char *password_file,
			migrate_progress_fn progress, void *ctx, volatile sig_atomic_t *stop,
			struct migrate_result *res, struct yc_err *err);

#endif
