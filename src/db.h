/* db.h - the store's statements, whatever database is under them.
 *
 * The store-*.c files prepare (store_prep), bind, step and read their
 * statements through these names only, so that a second backend
 * (PostgreSQL, issue #24) is a second implementation of this header, not
 * a second store. For now the one backend is SQLite and each call is the
 * SQLite call it names, inline: nothing is added to a statement's cost.
 *
 * The result codes are SQLite's numbers (DB_ROW is SQLITE_ROW ...): the
 * store already speaks them, and another backend maps its own onto them
 * (a unique violation is DB_CONSTRAINT, a lock it cannot get DB_BUSY).
 *
 * Texts: db_bind_text keeps a pointer to the caller's text, which must
 * stay as it is until the statement is stepped to its end or reset (what
 * nearly every call site does: the text lives in the caller's struct).
 * db_bind_text_copy copies it at once, for a text that is about to change
 * or go (a local buffer reused in a loop). A NULL text binds NULL.
 * db_col_text gives NULL for NULL; the text is valid until the next step,
 * reset or read of that column as another type.
 *
 * Two backends: a db_stmt is either SQLite's sqlite3_stmt itself or, with
 * its lowest address bit set, a PostgreSQL statement of src/db-pg.c
 * (neither allocator gives an odd address). The SQLite path costs one
 * test of that bit and stays inline; PostgreSQL's calls are in db-pg.c. */
#ifndef YC_DB_H
#define YC_DB_H

#include <sqlite3.h>
#include <stdint.h>

typedef struct db_stmt db_stmt;   /* never defined: a tagged pointer, see above */

enum {
	DB_OK = SQLITE_OK,
	DB_ERROR = SQLITE_ERROR,
	DB_BUSY = SQLITE_BUSY,
	DB_NOMEM = SQLITE_NOMEM,
	DB_CONSTRAINT = SQLITE_CONSTRAINT,
	DB_MISUSE = SQLITE_MISUSE,
	DB_RANGE = SQLITE_RANGE,
	DB_IOERR = SQLITE_IOERR,    /* the connection to the server is lost */
	DB_ROW = SQLITE_ROW,
	DB_DONE = SQLITE_DONE,
};

/* a column's value is NULL (db_col_type) */
#define DB_NULL SQLITE_NULL

/* a column's types as db_col_type gives them besides DB_NULL */
#define DB_INTEGER SQLITE_INTEGER
#define DB_FLOAT SQLITE_FLOAT
#define DB_TEXT SQLITE_TEXT
#define DB_BLOB SQLITE_BLOB

static inline sqlite3_stmt *db_lite(db_stmt *s)
{
	return (sqlite3_stmt *)s;
}

/* PostgreSQL (src/db-pg.c) ------------------------------------------------ */

struct db_pg;       /* a connection */
struct db_pg_stmt;  /* a statement prepared on it */

static inline int db_is_pg(const db_stmt *s)
{
	return ((uintptr_t)s & 1u) != 0;
}

static inline struct db_pg_stmt *db_pgs(db_stmt *s)
{
	return (struct db_pg_stmt *)((uintptr_t)s & ~(uintptr_t)1);
}

int db_pg_finalize(struct db_pg_stmt *p);
int db_pg_busy(struct db_pg_stmt *p);
/* how: 0 keep the pointer, 1 copy; n < 0: up to the NUL */
int db_pg_bind_text(struct db_pg_stmt *p, int i, const char *v, int n, int copy);
int db_pg_bind_int64(struct db_pg_stmt *p, int i, int64_t v);
int db_pg_bind_double(struct db_pg_stmt *p, int i, double v);
int db_pg_bind_null(struct db_pg_stmt *p, int i);
int db_pg_bind_blob(struct db_pg_stmt *p, int i, const void *v, int n);
int db_pg_bind_count(struct db_pg_stmt *p);
int db_pg_step(struct db_pg_stmt *p);
int db_pg_reset(struct db_pg_stmt *p);
int db_pg_clear_bindings(struct db_pg_stmt *p);
int64_t db_pg_col_int64(struct db_pg_stmt *p, int col);
double db_pg_col_double(struct db_pg_stmt *p, int col);
const char *db_pg_col_text(struct db_pg_stmt *p, int col);
const void *db_pg_col_blob(struct db_pg_stmt *p, int col);
int db_pg_col_bytes(struct db_pg_stmt *p, int col);
int db_pg_col_type(struct db_pg_stmt *p, int col);
int db_pg_col_count(struct db_pg_stmt *p);
const char *db_pg_col_name(struct db_pg_stmt *p, int col);

/* Both ------------------------------------------------------------------- */

/* A statement on a connection to an SQLite file of its own (a backup, a
 * check of a copy): SQLite only. store_prep serves the store's connection. */
static inline int db_lite_prepare(sqlite3 *db, const char *sql, db_stmt **s)
{
	return sqlite3_prepare_v2(db, sql, -1, (sqlite3_stmt **)s, NULL);
}

static inline int db_finalize(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_finalize(db_pgs(s));
	return sqlite3_finalize(db_lite(s));
}

/* whether it has been stepped and not yet reset or run to its end */
static inline int db_busy(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_busy(db_pgs(s));
	return sqlite3_stmt_busy(db_lite(s));
}

static inline int db_bind_text(db_stmt *s, int i, const char *v)
{
	if (db_is_pg(s))
		return db_pg_bind_text(db_pgs(s), i, v, -1, 0);
	return sqlite3_bind_text(db_lite(s), i, v, -1, SQLITE_STATIC);
}

static inline int db_bind_text_copy(db_stmt *s, int i, const char *v)
{
	if (db_is_pg(s))
		return db_pg_bind_text(db_pgs(s), i, v, -1, 1);
	return sqlite3_bind_text(db_lite(s), i, v, -1, SQLITE_TRANSIENT);
}

/* the first n bytes of v (a part of a longer text), copied */
static inline int db_bind_text_n(db_stmt *s, int i, const char *v, int n)
{
	if (db_is_pg(s))
		return db_pg_bind_text(db_pgs(s), i, v, n, 1);
	return sqlite3_bind_text(db_lite(s), i, v, n, SQLITE_TRANSIENT);
}

static inline int db_bind_int64(db_stmt *s, int i, int64_t v)
{
	if (db_is_pg(s))
		return db_pg_bind_int64(db_pgs(s), i, v);
	return sqlite3_bind_int64(db_lite(s), i, v);
}

static inline int db_bind_int(db_stmt *s, int i, int v)
{
	if (db_is_pg(s))
		return db_pg_bind_int64(db_pgs(s), i, v);
	return sqlite3_bind_int(db_lite(s), i, v);
}

static inline int db_bind_double(db_stmt *s, int i, double v)
{
	if (db_is_pg(s))
		return db_pg_bind_double(db_pgs(s), i, v);
	return sqlite3_bind_double(db_lite(s), i, v);
}

static inline int db_bind_null(db_stmt *s, int i)
{
	if (db_is_pg(s))
		return db_pg_bind_null(db_pgs(s), i);
	return sqlite3_bind_null(db_lite(s), i);
}

/* n bytes, copied */
static inline int db_bind_blob(db_stmt *s, int i, const void *v, int n)
{
	if (db_is_pg(s))
		return db_pg_bind_blob(db_pgs(s), i, v, n);
	return sqlite3_bind_blob(db_lite(s), i, v, n, SQLITE_TRANSIENT);
}

static inline int db_bind_count(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_bind_count(db_pgs(s));
	return sqlite3_bind_parameter_count(db_lite(s));
}

static inline int db_step(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_step(db_pgs(s));
	return sqlite3_step(db_lite(s));
}

/* back to before its first step, the bindings kept */
static inline int db_reset(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_reset(db_pgs(s));
	return sqlite3_reset(db_lite(s));
}

static inline int db_clear_bindings(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_clear_bindings(db_pgs(s));
	return sqlite3_clear_bindings(db_lite(s));
}

static inline int64_t db_col_int64(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_int64(db_pgs(s), col);
	return sqlite3_column_int64(db_lite(s), col);
}

static inline int db_col_int(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return (int)db_pg_col_int64(db_pgs(s), col);
	return sqlite3_column_int(db_lite(s), col);
}

static inline double db_col_double(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_double(db_pgs(s), col);
	return sqlite3_column_double(db_lite(s), col);
}

static inline const char *db_col_text(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_text(db_pgs(s), col);
	return (const char *)sqlite3_column_text(db_lite(s), col);
}

static inline const void *db_col_blob(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_blob(db_pgs(s), col);
	return sqlite3_column_blob(db_lite(s), col);
}

static inline int db_col_bytes(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_bytes(db_pgs(s), col);
	return sqlite3_column_bytes(db_lite(s), col);
}

/* DB_NULL for NULL, anything else otherwise */
static inline int db_col_type(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_type(db_pgs(s), col);
	return sqlite3_column_type(db_lite(s), col);
}

static inline int db_col_count(db_stmt *s)
{
	if (db_is_pg(s))
		return db_pg_col_count(db_pgs(s));
	return sqlite3_column_count(db_lite(s));
}

static inline const char *db_col_name(db_stmt *s, int col)
{
	if (db_is_pg(s))
		return db_pg_col_name(db_pgs(s), col);
	return sqlite3_column_name(db_lite(s), col);
}

#endif
