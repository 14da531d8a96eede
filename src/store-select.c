/* store-select.c - one select for every declared list: the SQL of each
 * page direction made from the declaration, parameters bound, rows
 * stepped and mapped by the column table, pages by keyset. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-select.h"
#include "validate.h"

enum { SQL_FIRST, SQL_AFTER, SQL_LAST, SQL_BEFORE, SQL_COUNT };

/* A growing SQL text; NULL once out of memory. */
struct sql_buf {
	char *s;
	size_t len, cap;
};

static void select_tx_add(struct sql_buf *b, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void select_tx_add(struct sql_buf *b, const char *fmt, ...)
{
	va_list ap;
	int need;

	if (b->cap && !b->s)
		return;
	va_start(ap, fmt);
	need = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (b->len + (size_t)need + 1 > b->cap) {
		size_t cap = (b->len + (size_t)need + 1) * 2;
		char *p = realloc(b->s, cap);

		if (!p) {
			free(b->s);
			b->s = NULL;
			b->cap = 1;
			return;
		}
		b->s = p;
		b->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(b->s + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	b->len += (size_t)need;
}

static const char *key_expr(const struct store_list *l, int i)
{
	return l->cols[l->key[i].col].expr;
}

/* Whether key part i runs ascending in this direction of reading. */
static int ascending(const struct store_list *l, int i, int reverse)
{
	return !l->key[i].desc != !!reverse;
}

static void add_order(struct sql_buf *b, const struct store_list *l, int reverse)
{
	int i;

	select_tx_add(b, " ORDER BY ");
	for (i = 0; i < l->n_key; i++)
		select_tx_add(b, "%s%s%s", i ? ", " : "", key_expr(l, i), ascending(l, i, reverse) ? "" : " DESC");
}

static int uniform(const struct store_list *l)
{
	int i;

	for (i = 1; i < l->n_key; i++)
		if (l->key[i].desc != l->key[0].desc)
			return 0;
	return 1;
}

/* Rows past the anchor (?P+1.. its key) in this direction of reading: a
 * row value comparison when every part runs the same way (SQLite pages
 * it on an index), else part by part. */
static void add_past_anchor(struct sql_buf *b, const struct store_list *l, int reverse)
{
	int i, j, p = l->n_params + 1;

	if (uniform(l)) {
		select_tx_add(b, " AND (");
		for (i = 0; i < l->n_key; i++)
			select_tx_add(b, "%s%s", i ? ", " : "", key_expr(l, i));
		select_tx_add(b, ") %s (", ascending(l, 0, reverse) ? ">" : "<");
		for (i = 0; i < l->n_key; i++)
			select_tx_add(b, "%s?%d", i ? ", " : "", p + i);
		select_tx_add(b, ")");
		return;
	}
	select_tx_add(b, " AND (");
	for (i = 0; i < l->n_key; i++) {
		select_tx_add(b, "%s(", i ? " OR " : "");
		for (j = 0; j < i; j++)
			select_tx_add(b, "(%s) = ?%d AND ", key_expr(l, j), p + j);
		/* bracketed: "a IS NOT NULL > ?" would read as "a IS NOT (NULL > ?)" */
		select_tx_add(b, "(%s) %s ?%d)", key_expr(l, i), ascending(l, i, reverse) ? ">" : "<", p + i);
	}
	select_tx_add(b, ")");
}

/* A condition every row meets (PostgreSQL takes no integer for a truth). */
#define ALL_ROWS "1 = 1"

static char *make_sql(const struct store_list *l, int which)
{
	struct sql_buf b = { NULL, 0, 0 };
	int i, reverse = which == SQL_LAST || which == SQL_BEFORE;

	if (which == SQL_COUNT && l->group_by) {
		select_tx_add(&b, "SELECT count(*) FROM (SELECT 1 %s WHERE (%s) GROUP BY %s) AS g", l->from, l->where ? l->where : ALL_ROWS,
		    l->group_by);
		return b.s;
	}
	if (which == SQL_COUNT) {
		select_tx_add(&b, "SELECT count(*) %s WHERE (%s)", l->from, l->where ? l->where : ALL_ROWS);
		return b.s;
	}
	select_tx_add(&b, "SELECT ");
	for (i = 0; i < l->n_cols; i++)
		select_tx_add(&b, "%s%s", i ? ", " : "", l->cols[i].expr);
	select_tx_add(&b, " %s WHERE (%s)", l->from, l->where ? l->where : ALL_ROWS);
	if (l->group_by)   /* a key of aggregates is compared after grouping */
		select_tx_add(&b, " GROUP BY %s HAVING %s", l->group_by, ALL_ROWS);
	if (which == SQL_AFTER || which == SQL_BEFORE)
		add_past_anchor(&b, l, reverse);
	add_order(&b, l, reverse);
	select_tx_add(&b, " LIMIT ?%d", l->n_params + l->n_key + 1);
	return b.s;
}

/* The cached statement of sql, reset: a page or count read again in the
 * same transaction (an export paging on, three counts) starts afresh
 * rather than finding it stopped at its last LIMIT or row. */
static db_stmt *prep_reset(struct yc_store *st, const char *sql)
{
	db_stmt *s = store_prep(st, sql);

	if (s)
		db_reset(s);
	return s;
}

static db_stmt *prepare(struct yc_store *st, struct store_list *l, int which)
{
	if (!l->sql[which] && !(l->sql[which] = make_sql(l, which))) {
		st->rc = SQLITE_NOMEM;
		return NULL;
	}
	return prep_reset(st, l->sql[which]);
}

static void bind_params(db_stmt *s, const struct store_param *params, int n)
{
	int i;

	for (i = 0; i < n; i++) {
		if (params[i].type == STORE_TEXT)
			db_bind_text_copy(s, i + 1, params[i].text ? params[i].text : "");
		else if (params[i].type == STORE_DOUBLE)
			db_bind_double(s, i + 1, params[i].d);
		else
			db_bind_int64(s, i + 1, params[i].i);
	}
}

static void bind_anchor(db_stmt *s, const struct store_list *l, const void *anchor)
{
	int i;

	for (i = 0; i < l->n_key; i++) {
		const struct store_col *c = &l->cols[l->key[i].col];
		const char *field = (const char *)anchor + c->offset;
		int at = l->n_params + 1 + i;
		int64_t i64;
		int i32;
		double d;

		switch (c->type) {
		case STORE_TEXT: db_bind_text_copy(s, at, field); break;
		case STORE_INT64: memcpy(&i64, field, sizeof i64); db_bind_int64(s, at, i64); break;
		case STORE_INT: memcpy(&i32, field, sizeof i32); db_bind_int(s, at, i32); break;
		case STORE_DOUBLE: memcpy(&d, field, sizeof d); db_bind_double(s, at, d); break;
		}
	}
}

void store_map_row(db_stmt *s, const struct store_col *cols, int n_cols, void *row)
{
	int i;

	for (i = 0; i < n_cols; i++) {
		char *field = (char *)row + cols[i].offset;
		int64_t i64;
		int i32;
		double d;

		if (cols[i].read) {
			cols[i].read(s, i, field, cols[i].size);
			continue;
		}
		switch (cols[i].type) {
		case STORE_TEXT: store_col_text(s, i, field, cols[i].size); break;
		case STORE_INT64: i64 = db_col_int64(s, i); memcpy(field, &i64, sizeof i64); break;
		case STORE_INT: i32 = db_col_int(s, i); memcpy(field, &i32, sizeof i32); break;
		case STORE_DOUBLE: d = db_col_double(s, i); memcpy(field, &d, sizeof d); break;
		}
	}
}

static void reverse_rows(void *rows, size_t size, int n)
{
	char *a = rows, tmp[4096];
	int i;

	for (i = 0; i < n / 2; i++) {
		char *x = a + (size_t)i * size, *y = a + (size_t)(n - 1 - i) * size;
		size_t done;

		for (done = 0; done < size; done += sizeof tmp) {
			size_t part = size - done < sizeof tmp ? size - done : sizeof tmp;

			memcpy(tmp, x + done, part);
			memcpy(x + done, y + done, part);
			memcpy(y + done, tmp, part);
		}
	}
}

int store_list_page_tx(struct yc_store *st, struct store_list *l, const struct store_param *params,
		       const void *anchor, int forward, void *rows, int max, int *n)
{
	int which = forward ? (anchor ? SQL_AFTER : SQL_FIRST) : (anchor ? SQL_BEFORE : SQL_LAST);
	db_stmt *s = prepare(st, l, which);
	int rc = DB_DONE;

	*n = 0;
	if (!s)
		return st->rc;
	bind_params(s, params, l->n_params);
	if (anchor)
		bind_anchor(s, l, anchor);
	db_bind_int(s, l->n_params + l->n_key + 1, max);
	while (*n < max && (rc = db_step(s)) == DB_ROW) {
		void *row = (char *)rows + (size_t)*n * l->row_size;

		memset(row, 0, l->row_size);
		store_map_row(s, l->cols, l->n_cols, row);
		(*n)++;
	}
	if (*n < max && rc != DB_DONE)
		return rc;
	if (!forward)   /* read from the far end: put back in display order */
		reverse_rows(rows, l->row_size, *n);
	return SQLITE_OK;
}

struct page_ctx {
	struct store_list *l;
	const struct store_param *params;
	const void *anchor;
	int forward;
	void *rows;
	int max, n;
	long count;
};

static int select_tx_page(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct page_ctx *c = vctx;

	(void)err;
	return store_list_page_tx(st, c->l, c->params, c->anchor, c->forward, c->rows, c->max, &c->n);
}

int store_list_page(struct yc_store *st, struct store_list *l, const struct store_param *params,
		    const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct page_ctx c = { l, params, anchor, forward, rows, max, 0, 0 };

	*n = 0;
	if (store_run(st, 0, select_tx_page, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

int store_count_tx(struct yc_store *st, const char *sql, const struct store_param *params, int n_params,
		   long *count)
{
	db_stmt *s = prep_reset(st, sql);
	int rc;

	if (!s)
		return st->rc;
	bind_params(s, params, n_params);
	rc = db_step(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_CORRUPT : rc;
	*count = (long)db_col_int64(s, 0);
	return SQLITE_OK;
}

int store_list_count_tx(struct yc_store *st, struct store_list *l, const struct store_param *params, long *count)
{
	if (!l->sql[SQL_COUNT] && !(l->sql[SQL_COUNT] = make_sql(l, SQL_COUNT)))
		return SQLITE_NOMEM;
	return store_count_tx(st, l->sql[SQL_COUNT], params, l->n_params, count);
}

static int select_tx_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct page_ctx *c = vctx;

	(void)err;
	return store_list_count_tx(st, c->l, c->params, &c->count);
}

int store_list_count(struct yc_store *st, struct store_list *l, const struct store_param *params, long *out,
		     struct yc_err *err)
{
	struct page_ctx c = { l, params, NULL, 1, NULL, 0, 0, 0 };

	*out = 0;
	if (store_run(st, 0, select_tx_count, &c, err) < 0)
		return -1;
	*out = c.count;
	return 0;
}

int store_site_list_page(struct yc_store *st, struct store_list *l, const char *site_code, const void *anchor,
			 int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site_code) };

	return store_list_page(st, l, p, anchor, forward, rows, max, n, err);
}

int store_site_list_count(struct yc_store *st, struct store_list *l, const char *site_code, long *count,
			  struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site_code) };

	return store_list_count(st, l, p, count, err);
}

void store_read_id_masked(db_stmt *s, int col, void *field, size_t size)
{
	char id[32];

	store_col_text(s, col, id, sizeof id);
	yc_id_mask(id, field, size);
}

void store_read_phone_masked(db_stmt *s, int col, void *field, size_t size)
{
	char phone[32];

	store_col_text(s, col, phone, sizeof phone);
	yc_phone_mask(phone, field, size);
}

void store_read_name_masked(db_stmt *s, int col, void *field, size_t size)
{
	char name[256];

	store_col_text(s, col, name, sizeof name);
	yc_name_mask(name, field, size);
}
