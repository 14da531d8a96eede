/* db-pg.h - a connection to PostgreSQL for the store (issue #24): what
 * db.h's statements run on when database.backend is "postgresql".
 *
 * The statements themselves are db.h's (db_bind_*, db_step, db_col_*);
 * here is what belongs to the connection: opening it, preparing, running
 * SQL without results, the rows changed, the last id, the last error. */
#ifndef YC_DB_PG_H
#define YC_DB_PG_H

#include <stddef.h>
#include <stdint.h>

#include "db.h"

typedef struct pg_conn PGconn;

/* Connect with a libpq connection string and the password (NULL: libpq
 * finds it, in PGPASSFILE or ~/.pgpass): NULL with why (libpq's or the
 * server's words) when it fails. */
struct db_pg *db_pg_connect(const char *conninfo, const char *password, char *why, size_t whysz);
void db_pg_close(struct db_pg *db);
PGconn *db_pg_conn(struct db_pg *db);

/* Whether the connection has been lost (the server gone, the network
 * cut): nothing on it works until it is made again. */
int db_pg_lost(struct db_pg *db);

/* Prepare sql (SQLite's placeholders ? and ?N) as a server-side prepared
 * statement; *s is a db_stmt of db.h. DB_OK or an error (db_pg_errmsg). */
int db_pg_prepare(struct db_pg *db, const char *sql, db_stmt **s);

/* Run sql (one or more statements, no parameters, results dropped). */
int db_pg_exec(struct db_pg *db, const char *sql);

/* Run sql as db_pg_exec does; *v is the first value of its last
 * statement's first row (0 when none). */
int db_pg_exec_int(struct db_pg *db, const char *sql, int64_t *v);

/* ... while the server has not answered (a lock waited for), tick is told
 * every 250 ms how long it has been (NULL: db_pg_exec_int). */
int db_pg_exec_int_waiting(struct db_pg *db, const char *sql, int64_t *v, void (*tick)(void *ctx, int waited_ms),
			   void *ctx);

/* The rows the last statement run changed (PQcmdTuples). */
int db_pg_changes(struct db_pg *db);

/* The id the last INSERT gave its row: lastval(), the sequence value the
 * session last took (an INSERT whose triggers take other sequences must
 * say RETURNING id instead). 0 when there is none. */
int64_t db_pg_last_id(struct db_pg *db);

/* The server's message for the last error ("" when none). */
const char *db_pg_errmsg(struct db_pg *db);

/* SQLite's placeholders as PostgreSQL's: ?N becomes $N, a bare ? is one
 * more than the largest number given so far ($1 first), as SQLite counts
 * them; nothing inside '...', "..." or a -- comment is touched. The
 * result is malloc'd (NULL: out of memory); *nparams the largest N. */
char *db_pg_placeholders(const char *sql, int *nparams);

/* A SQLSTATE as db.h's code: 23xxx (integrity) DB_CONSTRAINT; 40001
 * (serialization), 40P01 (deadlock), 55P03 (lock not available) DB_BUSY;
 * 08xxx (connection) DB_IOERR; anything else DB_ERROR. */
int db_pg_code_of_state(const char *sqlstate);

#endif
