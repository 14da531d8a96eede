/* dialect.c - the store's SQL in SQLite's words, and in PostgreSQL's
 * (dialect.h says how; doc/postgresql.md has the inventory behind each
 * entry). The rewrite is deliberately small: every rule is listed here,
 * each one a word or a whole named fragment, never a parse of the SQL. */
#include "config.h"

#include <ctype.h>
#include <stddef.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "embedded.h"

const struct sql_dialect dialect_sqlite = {
	.name = "sqlite",
	.group_concat = "group_concat",
	.position = "instr",
	.chr = "char",
	.like_nocase = "LIKE",
	.rowid = "rowid",
	.greatest = "max",
	.least = "min",
	.is_distinct = "IS NOT",
	.is_not_distinct = "IS",
	.insert_ignore = "INSERT OR IGNORE",
	.insert_ignore_tail = "",
	.index_hints = 1,
	.week_end = DIALECT_WEEK_END,
	.slip_day_old = DIALECT_SLIP_DAY_OLD,
	.told_late = DIALECT_TOLD_LATE,
	.hour_ago = DIALECT_HOUR_AGO,
	.claim_expired = DIALECT_CLAIM_EXPIRED,
	.retry_at = DIALECT_RETRY_AT,
	.ids_in_json = DIALECT_IDS_IN_JSON,
	.item_hits = DIALECT_ITEM_HITS,
	.user_version = DIALECT_USER_VERSION,
	.application_id = DIALECT_APPLICATION_ID,
	.schema_objects = DIALECT_SCHEMA_OBJECTS,
	.trigger_list = DIALECT_TRIGGER_LIST,
};

/* Times are 'YYYY-MM-DD HH:MM:SS' text in both (schema.sql's
 * conventions); a parameter is cast to text first, so that PostgreSQL
 * does not infer it a timestamp where the same ?N is compared as text. */
#define PG_TIME(expr) "to_char(" expr ", 'YYYY-MM-DD HH24:MI:SS')"
/* the catalogue's hits: the same ranks, each an ILIKE of one column
 * that data/pg/schema.sql's pg_trgm indexes serve (?1 the query as a LIKE
 * pattern, ?2 its code form as one: the same unless the query looks like
 * a code); ?3, SQLite's FTS5 query, is named only so that PostgreSQL
 * knows the type of every parameter bound. One column per branch, and
 * the code form's ILIKE gone when it is the query's (its plan is made for
 * the values bound: db-pg.c's plan_cache_mode): an OR of four ILIKEs
 * looked cheaper to the planner as a scan of every item, which costs
 * 35 ms at 10,000 items where the index takes 1-3 (bench/README). */
#define PG_COLUMN_HITS_(table, cond, rank) "SELECT id, " #rank " AS rank FROM " table " WHERE " cond
#define PG_LIKE_(col) "(" col " ILIKE ?1 ESCAPE '\\' OR (?2 <> ?1 AND " col " ILIKE ?2 ESCAPE '\\'))"

const struct sql_dialect dialect_postgresql = {
	.name = "postgresql",
	.group_concat = "string_agg",
	.position = "strpos",
	.chr = "chr",
	.like_nocase = "ILIKE",
	.rowid = "id",
	.greatest = "greatest",
	.least = "least",
	.is_distinct = "IS DISTINCT FROM",
	.is_not_distinct = "IS NOT DISTINCT FROM",
	.insert_ignore = "INSERT",
	.insert_ignore_tail = " ON CONFLICT DO NOTHING",
	.index_hints = 0,   /* its planner has statistics (autovacuum analyses) */
	/* the Unix epoch is Julian day 2440587.5 */
	.julianday_open = "(extract(epoch FROM CAST(",
	.julianday_close = " AS timestamp)) / 86400.0 + 2440587.5)",
	.week_end = "to_char(CAST(w.week AS date) + 7, 'YYYY-MM-DD')",
	.slip_day_old = PG_TIME("CAST(CAST(?5 AS text) AS timestamp) - interval '1 day'"),
	.told_late = PG_TIME("CAST(t.handed_at AS timestamp) + interval '1 day'"),
	.hour_ago = PG_TIME("CAST(CAST(?3 AS text) AS timestamp) - interval '1 hour'"),
	.claim_expired = PG_TIME("CAST(CAST(?1 AS text) AS timestamp) - interval '5 minutes'"),
	.retry_at = PG_TIME("CAST(CAST(?5 AS text) AS timestamp)"
			    " + make_interval(mins => CAST(least(60, 1 << CAST(least(attempts, 6) AS integer)) AS integer))"),
	.ids_in_json = "SELECT CAST(value AS bigint) FROM json_array_elements_text(CAST(CAST(?1 AS text) AS json))",
	.item_hits = "WITH hits(id, rank) AS (SELECT id, min(rank) FROM ("
		PG_COLUMN_HITS_("item_names", PG_LIKE_("name"), 0) " UNION ALL "
		PG_COLUMN_HITS_("item_names", PG_LIKE_("pinyin"), 1) " UNION ALL "
		PG_COLUMN_HITS_("item_names", PG_LIKE_("code"), 1) " UNION ALL "
		PG_COLUMN_HITS_("item_names", PG_LIKE_("keywords"), 2) " UNION ALL "
		PG_COLUMN_HITS_("item_texts", PG_LIKE_("materials"), 3) " UNION ALL "
		PG_COLUMN_HITS_("item_texts", PG_LIKE_("guide"), 4)
		") AS found WHERE CAST(?3 AS text) IS NOT NULL GROUP BY id)",
	.user_version = "SELECT user_version FROM schema_meta",
	.application_id = "SELECT application_id FROM schema_meta",
	.schema_objects = "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE n.nspname = current_schema() AND c.relkind IN ('r', 'i', 'v', 'S')",
	.trigger_list = "SELECT t.tgname, c.relname, pg_get_triggerdef(t.oid) FROM pg_trigger t"
		" JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace"
		" WHERE n.nspname = current_schema() AND NOT t.tgisinternal ORDER BY t.tgname",
};

/* The fragments, by name: the fields dialect_sql replaces whole. */
static const struct {
	const char *name;
	size_t offset;
} fragments[] = {
#define FRAGMENT(f) { #f, offsetof(struct sql_dialect, f) }
	FRAGMENT(item_hits),   /* the longest first: none is inside another, but keep it so */
	FRAGMENT(trigger_list),
	FRAGMENT(retry_at),
	FRAGMENT(week_end),
	FRAGMENT(slip_day_old),
	FRAGMENT(told_late),
	FRAGMENT(hour_ago),
	FRAGMENT(claim_expired),
	FRAGMENT(ids_in_json),
	FRAGMENT(user_version),
	FRAGMENT(application_id),
	FRAGMENT(schema_objects),
#undef FRAGMENT
};

#define N_FRAGMENTS (sizeof fragments / sizeof fragments[0])
/* where a fragment stood while the words are rewritten: never in SQL */
#define MARK '\001'

static const char *fragment_of(const struct sql_dialect *d, size_t i)
{
	return *(const char *const *)((const char *)d + fragments[i].offset);
}

const char *dialect_fragment(const struct sql_dialect *d, int i, const char **name)
{
	if (i < 0 || (size_t)i >= N_FRAGMENTS)
		return NULL;
	if (name)
		*name = fragments[i].name;
	return fragment_of(d, (size_t)i);
}

struct buf {
	char *p;
	size_t len, cap;
	int oom;
};

static void put(struct buf *b, const char *s, size_t n)
{
	if (b->oom)
		return;
	if (b->len + n + 1 > b->cap) {
		size_t cap = (b->len + n + 1) * 2;
		char *p = realloc(b->p, cap);

		if (!p) {
			b->oom = 1;
			return;
		}
		b->p = p;
		b->cap = cap;
	}
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
}

static void puts_(struct buf *b, const char *s)
{
	put(b, s, strlen(s));
}

/* sql with each SQLite fragment replaced by MARK, its index, MARK */
static void mark_fragments(const char *sql, struct buf *out)
{
	while (*sql) {
		size_t i, best_len = 0, best = 0;

		for (i = 0; i < N_FRAGMENTS; i++) {
			const char *f = fragment_of(&dialect_sqlite, i);
			size_t n = strlen(f);

			if (n > best_len && strncmp(sql, f, n) == 0) {
				best = i;
				best_len = n;
			}
		}
		if (best_len) {
			char mark[3] = { MARK, (char)('A' + best), MARK };

			put(out, mark, 3);
			sql += best_len;
		} else {
			put(out, sql++, 1);
		}
	}
}

/* A token of one statement: a word, a quoted string or name (or a
 * comment: left as it is too), a mark, a run of blanks, or one other
 * character. */
enum tok { T_WORD, T_QUOTED, T_MARK, T_BLANK, T_OTHER };

static enum tok next_token(const char *s, size_t *n)
{
	size_t i = 0;

	if (isalpha((unsigned char)s[0]) || s[0] == '_') {
		while (isalnum((unsigned char)s[i]) || s[i] == '_')
			i++;
		*n = i;
		return T_WORD;
	}
	if (s[0] == '\'' || s[0] == '"') {
		char q = s[0];

		for (i = 1; s[i]; i++)
			if (s[i] == q) {
				if (s[i + 1] != q)
					break;
				i++;
			}
		*n = s[i] ? i + 1 : i;
		return T_QUOTED;
	}
	if (s[0] == '-' && s[1] == '-') {   /* a comment: copied as it is */
		*n = strcspn(s, "\n");
		return T_QUOTED;
	}
	if (s[0] == '/' && s[1] == '*') {
		const char *end = strstr(s + 2, "*/");

		*n = end ? (size_t)(end + 2 - s) : strlen(s);
		return T_QUOTED;
	}
	if (s[0] == MARK) {
		*n = 3;
		return T_MARK;
	}
	if (isspace((unsigned char)s[0])) {
		while (isspace((unsigned char)s[i]))
			i++;
		*n = i;
		return T_BLANK;
	}
	*n = 1;
	return T_OTHER;
}

static int word_is(const char *s, size_t n, const char *word)
{
	return strlen(word) == n && strncasecmp(s, word, n) == 0;
}

/* The word after s's blanks (its length in *n), or NULL. */
static const char *next_word(const char *s, size_t *n)
{
	while (isspace((unsigned char)*s))
		s++;
	return next_token(s, n) == T_WORD ? s : NULL;
}

/* Whether the parenthesised list at s ('(') has a comma of its own: a
 * scalar max(a, b), not the aggregate max(a). */
static int two_arguments(const char *s)
{
	int depth = 0;
	size_t n;

	while (*s) {
		enum tok t = next_token(s, &n);

		if (t == T_OTHER) {
			if (*s == '(')
				depth++;
			else if (*s == ')' && --depth == 0)
				return 0;
			else if (*s == ',' && depth == 1)
				return 1;
			else if (*s == ';')
				return 0;
		}
		s += n;
	}
	return 0;
}

static int before_paren(const char *s)
{
	while (isspace((unsigned char)*s))
		s++;
	return *s == '(';
}

#define MAX_DEPTH 64

/* The mechanical rewrites, word by word, of one text (marks kept). A
 * rewritten call's closing bracket may carry text of its own (closers,
 * by depth). */
static void rewrite_words(const struct sql_dialect *to, const char *s, struct buf *out)
{
	const char *closers[MAX_DEPTH] = { NULL };
	int ignore_tail = 0, depth = 0;

	while (*s) {
		size_t n, n2;
		enum tok t = next_token(s, &n);
		const char *w2;

		if (t == T_OTHER && *s == ';' && ignore_tail) {
			puts_(out, to->insert_ignore_tail);
			ignore_tail = 0;
		}
		if (t == T_OTHER && *s == '(' && depth < MAX_DEPTH) {
			closers[depth++] = NULL;
		} else if (t == T_OTHER && *s == ')' && depth > 0 && closers[--depth]) {
			puts_(out, closers[depth]);   /* in place of the bracket */
			s += n;
			continue;
		}
		if (t != T_WORD) {
			put(out, s, n);
			s += n;
			continue;
		}
		w2 = next_word(s + n, &n2);
		if (word_is(s, n, "INSERT") && w2 && word_is(w2, n2, "OR")) {
			size_t n3;
			const char *w3 = next_word(w2 + n2, &n3);

			if (w3 && word_is(w3, n3, "IGNORE")) {
				puts_(out, to->insert_ignore);
				ignore_tail = 1;
				s = w3 + n3;
				continue;
			}
		}
		if (word_is(s, n, "INDEXED") && w2 && word_is(w2, n2, "BY") && !to->index_hints) {
			size_t n3;
			const char *w3 = next_word(w2 + n2, &n3);

			if (w3) {
				s = w3 + n3;
				continue;
			}
		}
		if (word_is(s, n, "CROSS") && w2 && word_is(w2, n2, "JOIN") && !to->index_hints) {
			/* SQLite's hint of the join's order (a CROSS JOIN ... ON) */
			s = w2;
			continue;
		}
		if (word_is(s, n, "IS") && w2 && !word_is(w2, n2, "NULL")) {
			if (word_is(w2, n2, "NOT")) {
				size_t n3;
				const char *w3 = next_word(w2 + n2, &n3);

				if (!w3 || !word_is(w3, n3, "NULL")) {
					puts_(out, to->is_distinct);
					s = w2 + n2;
					continue;
				}
			} else if (!word_is(w2, n2, "DISTINCT")) {
				puts_(out, to->is_not_distinct);
				s += n;
				continue;
			}
		}
		if (!w2 && word_is(s, n, "IS")) {
			/* IS before a parameter or a bracket: a value too */
			const char *v = s + n;

			while (isspace((unsigned char)*v))
				v++;
			if (*v == '?' || *v == '(') {
				puts_(out, to->is_not_distinct);
				s += n;
				continue;
			}
		}
		if (word_is(s, n, "group_concat") && before_paren(s + n))
			puts_(out, to->group_concat);
		else if (word_is(s, n, "instr") && before_paren(s + n))
			puts_(out, to->position);
		else if (word_is(s, n, "char") && before_paren(s + n))
			puts_(out, to->chr);
		else if (word_is(s, n, "max") && before_paren(s + n) && two_arguments(strchr(s + n, '(')))
			puts_(out, to->greatest);
		else if (word_is(s, n, "min") && before_paren(s + n) && two_arguments(strchr(s + n, '(')))
			puts_(out, to->least);
		else if (word_is(s, n, "julianday") && to->julianday_open && before_paren(s + n)) {
			/* julianday ( x ) -> open x close: the bracket is the opener's */
			puts_(out, to->julianday_open);
			s = strchr(s + n, '(') + 1;
			if (depth < MAX_DEPTH)
				closers[depth++] = to->julianday_close;
			continue;
		} else if (word_is(s, n, "rowid"))
			puts_(out, to->rowid);
		else if (word_is(s, n, "LIKE"))
			puts_(out, to->like_nocase);
		else
			put(out, s, n);
		s += n;
	}
	if (ignore_tail) {
		/* before the statement's last blanks */
		size_t end = out->len;

		while (end > 0 && !out->oom && isspace((unsigned char)out->p[end - 1]))
			end--;
		if (!out->oom) {
			char *rest = strdup(out->p + end);

			if (!rest) {
				out->oom = 1;
				return;
			}
			out->len = end;
			puts_(out, to->insert_ignore_tail);
			puts_(out, rest);
			free(rest);
		}
	}
}

/* The marks, each replaced by its fragment in `to`'s words. */
static void expand_marks(const struct sql_dialect *to, const char *s, struct buf *out)
{
	for (; *s; s++) {
		if (s[0] == MARK && s[1] && s[2] == MARK) {
			puts_(out, fragment_of(to, (size_t)(s[1] - 'A')));
			s += 2;
		} else {
			put(out, s, 1);
		}
	}
}

char *dialect_sql(const struct sql_dialect *to, const char *sql)
{
	struct buf marked = { 0 }, words = { 0 }, out = { 0 };

	if (to == &dialect_sqlite)
		return strdup(sql);
	mark_fragments(sql, &marked);
	if (!marked.oom)
		rewrite_words(to, marked.p ? marked.p : "", &words);
	if (!marked.oom && !words.oom)
		expand_marks(to, words.p ? words.p : "", &out);
	free(marked.p);
	free(words.p);
	if (marked.oom || words.oom || out.oom) {
		free(out.p);
		return NULL;
	}
	return out.p ? out.p : strdup("");
}

/* data/pg/migrate-N.sql for N = 28, 29 ...: index N - 28. A migration
 * after 27 adds its twin here as store.c's migrations[] gets the SQLite
 * one (doc/postgresql.md). */
static const char *const pg_migrations[] = {
	yc_data_pg_migrate_28_sql,
};

const char *dialect_pg_migration_sql(int i)
{
	return i >= 0 && i < (int)(sizeof pg_migrations / sizeof pg_migrations[0]) ? pg_migrations[i] : NULL;
}
