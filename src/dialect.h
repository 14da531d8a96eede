/* dialect.h - what differs between the store's SQL on SQLite and on
 * PostgreSQL, as one named table per backend (issue #24).
 *
 * The store writes its SQL once, in SQLite's words: SQLite is the
 * reference backend and runs it as written. The PostgreSQL side of db.h
 * turns each text into PostgreSQL's words with dialect_sql() when it
 * prepares it: a named fragment (a piece spelled differently, with no
 * common form) is replaced by the other backend's spelling, and a short,
 * listed set of mechanical rewrites is applied (doc/postgresql.md has the
 * inventory this table comes from). ?N placeholders are left alone: db.h
 * turns them into $N. */
#ifndef YC_DIALECT_H
#define YC_DIALECT_H

/* The SQLite spellings of the fragments, by name: the store writes these
 * names in its texts (so that a fragment is spelled once), and
 * dialect_sqlite holds them, which is how dialect_sql finds them. */
#define DIALECT_WEEK_END "date(w.week, '+7 days')"
#define DIALECT_SLIP_DAY_OLD "datetime(?5, '-1 day')"
#define DIALECT_TOLD_LATE "datetime(t.handed_at, '+1 day')"
#define DIALECT_HOUR_AGO "datetime(?3, '-1 hour')"
#define DIALECT_CLAIM_EXPIRED "datetime(?1, '-5 minutes')"
#define DIALECT_RETRY_AT "datetime(?5, '+' || min(60, 1 << min(attempts, 6)) || ' minutes')"
#define DIALECT_IDS_IN_JSON "SELECT value FROM json_each(?1)"
/* The catalogue's search (src/store-catalog.c has why): per rank, the
 * FTS5 trigram index's hits in that rank's columns; ?3 is the FTS5 query. */
#define DIALECT_COLUMN_HITS_(table, columns, rank) \
	"SELECT rowid AS id, " #rank " AS rank FROM " table " WHERE " table " MATCH '{" columns "} : (' || ?3 || ')'"
#define DIALECT_ITEM_HITS \
	"WITH hits(id, rank) AS (SELECT id, min(rank) FROM (" \
	DIALECT_COLUMN_HITS_("item_names", "name", 0) " UNION ALL " DIALECT_COLUMN_HITS_("item_names", "pinyin code", 1) \
	" UNION ALL " DIALECT_COLUMN_HITS_("item_names", "keywords", 2) " UNION ALL " \
	DIALECT_COLUMN_HITS_("item_texts", "materials", 3) " UNION ALL " DIALECT_COLUMN_HITS_("item_texts", "guide", 4) \
	") GROUP BY id)"
#define DIALECT_USER_VERSION "PRAGMA user_version"
#define DIALECT_APPLICATION_ID "PRAGMA application_id"
#define DIALECT_SCHEMA_OBJECTS "SELECT count(*) FROM sqlite_master"
#define DIALECT_TRIGGER_LIST "SELECT name, tbl_name, sql FROM sqlite_master WHERE type = 'trigger' ORDER BY name"

/* One backend's spelling of everything that differs. A fragment field
 * is a whole piece of SQL (the SQLite instance's is exactly the text the
 * store writes, which is how dialect_sql finds it); a word field is one
 * keyword or function name, replaced where it stands as a word outside
 * quoted strings. */
struct sql_dialect {
	const char *name;                /* "sqlite", "postgresql" */

	/* words */
	const char *group_concat;        /* text aggregation with a separator */
	const char *position;            /* where b is in a (1-based, 0: not) */
	const char *chr;                 /* the character of a code point */
	const char *like_nocase;         /* LIKE, ASCII letters in either case */
	const char *rowid;               /* the row's integer key */
	const char *greatest;            /* max(a, b) of two values, not the aggregate */
	const char *least;
	const char *is_distinct;         /* a IS NOT b, NULL-safe (a IS b: NOT DISTINCT) */
	const char *is_not_distinct;
	const char *insert_ignore;       /* an insert that skips a duplicate key ... */
	const char *insert_ignore_tail;  /* ... and what ends the statement for it */
	int index_hints;                 /* 1: INDEXED BY kept; 0: dropped */
	/* julianday(x): x's Julian day number, a real; NULL: as written */
	const char *julianday_open, *julianday_close;

	/* fragments */
	const char *week_end;            /* the day after a week of 7 days from w.week */
	const char *slip_day_old;        /* a day before ?5 (a time) */
	const char *told_late;           /* a day after t.handed_at */
	const char *hour_ago;            /* an hour before ?3 (a time) */
	const char *claim_expired;       /* five minutes before ?1 (a time) */
	const char *retry_at;            /* the outbox's next attempt after ?5 */
	const char *ids_in_json;         /* the ids of a JSON array ?1 */
	const char *item_hits;           /* the catalogue search's hits(id, rank) */
	const char *user_version;        /* the schema's version */
	const char *application_id;      /* the file's (the database's) mark */
	const char *schema_objects;      /* how many tables ... the database has */
	const char *trigger_list;        /* the triggers: name, table, definition */
};

extern const struct sql_dialect dialect_sqlite;
extern const struct sql_dialect dialect_postgresql;

/* The store's SQL text (SQLite's words, one or more statements) in the
 * words of `to`: a new text to free, or NULL when out of memory. For
 * dialect_sqlite, a copy. */
char *dialect_sql(const struct sql_dialect *to, const char *sql);

/* The i-th named fragment of d and its name (when name is not NULL), or
 * NULL past the last: the table dialect_sql works from. */
const char *dialect_fragment(const struct sql_dialect *d, int i, const char **name);

/* The PostgreSQL twins of the migrations after the schema's version 27
 * (data/pg/migrate-N.sql, doc/postgresql.md): the text of version
 * 28 + i, or NULL past the last. */
const char *dialect_pg_migration_sql(int i);

#endif
