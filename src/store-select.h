/* store-select.h - rows declared once: a row type's columns (the SQL
 * expression, the struct field it lands in and its type) in one table,
 * and one select that binds, steps, maps every row by that table and pages
 * by keyset. For the store-*.c files only; SQL stays there. */
#ifndef YC_STORE_SELECT_H
#define YC_STORE_SELECT_H

#include <stddef.h>
#include <stdint.h>

#include "store-internal.h"

enum store_type { STORE_TEXT, STORE_INT64, STORE_INT, STORE_DOUBLE };

/* One selected column and where it goes in the row. A text goes into a
 * fixed char array (cut to fit, always terminated); read, when set, maps
 * the column itself (e.g. an ID number masked on its way in). */
struct store_col {
	const char *expr;             /* SQL: "coalesce(c.case_number, '')" */
	enum store_type type;
	size_t offset, size;
	void (*read)(db_stmt *s, int col, void *field, size_t size);
};

#define STORE_FIELD_(row, f) offsetof(row, f), sizeof(((row *)0)->f)
/* A number's field of the wrong size (an int declared INT64, a char
 * declared INT) does not compile: store_map_row writes the type's size. */
#define STORE_SIZED_(row, f, type) \
	offsetof(row, f), sizeof(((row *)0)->f) + 0 * sizeof(char[sizeof(((row *)0)->f) == sizeof(type) ? 1 : -1])
#define STORE_COL_TEXT(row, f, expr) { expr, STORE_TEXT, STORE_FIELD_(row, f), NULL }
#define STORE_COL_INT64(row, f, expr) { expr, STORE_INT64, STORE_SIZED_(row, f, int64_t), NULL }
#define STORE_COL_INT(row, f, expr) { expr, STORE_INT, STORE_SIZED_(row, f, int), NULL }
#define STORE_COL_DOUBLE(row, f, expr) { expr, STORE_DOUBLE, STORE_SIZED_(row, f, double), NULL }
#define STORE_COL_READ(row, f, expr, fn) { expr, STORE_TEXT, STORE_FIELD_(row, f), fn }

/* An intake record's applicant (struct intake's a) from columns named
 * prefix + kind, name, id_number, phone, legal_rep, address: the online
 * submissions' and the special windows' requests (they are selected in
 * this order). */
#define STORE_COLS_INTAKE_APPLICANT(prefix) \
	STORE_COL_TEXT(struct intake, a.kind, prefix "kind"), \
	STORE_COL_TEXT(struct intake, a.name, prefix "name"), \
	STORE_COL_TEXT(struct intake, a.id_number, prefix "id_number"), \
	STORE_COL_TEXT(struct intake, a.phone, prefix "phone"), \
	STORE_COL_TEXT(struct intake, a.legal_rep, prefix "legal_rep"), \
	STORE_COL_TEXT(struct intake, a.address, prefix "address")

/* Columns of a case c that several rows carry: the day its clock was
 * suspended on ("" while it runs; an extension is not a suspension), and
 * the number of its latest notice (""). */
#define STORE_CASE_SUSPENDED_ON \
	"coalesce((SELECT started_on FROM suspensions s WHERE s.case_id = c.id AND s.ended_on IS NULL" \
	" AND s.reason_kind <> 'extension' ORDER BY s.id DESC LIMIT 1), '')"
/* The fee still to pay on the case whose id is the SQL id and, for a
 * bundle, its members: each one's latest fee, when set and not paid, in
 * fen (0: nothing to pay). A result is held at pickup until it is 0.
 * The case and its members as one list (UNION ALL), not "case_id = id
 * OR case_id IN (members)": PostgreSQL cannot use fees_case for that OR
 * and read every fee for each row (the pickup list took 15 s at
 * 2,000,000 cases, bench/README); SQLite searches fees_case either way. */
#define STORE_CASE_FEE_DUE(id) \
	"(SELECT coalesce(sum(f.amount_fen), 0) FROM fees f WHERE f.paid = 0 AND f.amount_fen > 0" \
	" AND f.id IN (SELECT max(g.id) FROM fees g WHERE g.case_id IN (SELECT " id \
	" UNION ALL SELECT m.id FROM cases m WHERE m.parent_case_id = " id ") GROUP BY g.case_id))"
/* The row's site_id column is the site whose code is the SQL parameter,
 * or the parameter is '' for every site's (a department's lists take in
 * the townships'); the case c was made at that site. */
#define STORE_OF_SITE(column, param) \
	"(" param " = '' OR " column " = (SELECT id FROM sites WHERE code = " param "))"
#define STORE_CASE_OF_SITE(param) STORE_OF_SITE("c.site_id", param)
/* The id of the site whose code is the SQL parameter, for a new record
 * of a station there; NULL: the hall's (the first site), as for a user
 * of no site (a station whose site is not in the database does not
 * start: store_site_check). */
#define STORE_SITE_ID_OR_HALL(param) \
	"coalesce((SELECT id FROM sites WHERE code = " param "), (SELECT min(id) FROM sites))"
/* The code of the site where case c was made. */
#define STORE_CASE_SITE_CODE "(SELECT code FROM sites WHERE id = c.site_id)"
#define STORE_CASE_LATEST_NOTICE \
	"coalesce((SELECT n.number FROM notices n WHERE n.case_id = c.id ORDER BY n.id DESC LIMIT 1), '')"

/* A sort key part: a declared column (its expression orders the list and
 * its value in the anchor row pages it), ascending or not. The key as a
 * whole must be unique (end with an id) and never NULL (coalesce); a
 * text key must fit its field whole, and have no read of its own. */
struct store_key {
	int col;
	int desc;
};

#define STORE_MAX_KEY 4
#define STORE_MAX_PARAMS 8

/* A list: its row type, where the rows come from, which ones (grouped or
 * not), in what order. from is "FROM ... JOIN ...", where a condition or NULL, both
 * with parameters ?1..?n_params. The SQL of each page direction is made
 * once, on first use, from these. */
struct store_list {
	size_t row_size;
	const struct store_col *cols;
	int n_cols;
	const char *from;
	const char *where;
	/* NULL, or the GROUP BY terms: then a row is a group, its columns
	 * may be aggregates (count(*)), the key pages it in HAVING and the
	 * count is of groups. */
	const char *group_by;
	int n_params;
	struct store_key key[STORE_MAX_KEY];
	int n_key;
	char *sql[5];                 /* first, after, last, before, count: made on first use */
};

/* The row type and its columns, in a struct store_list initialiser. */
#define STORE_ROWS(row, columns) .row_size = sizeof(row), .cols = columns, .n_cols = (int)YC_ARRAY_LEN(columns)

/* A parameter of a list's from (?1..?n_params). */
struct store_param {
	enum store_type type;
	const char *text;
	int64_t i;
	double d;
};

#define STORE_PARAM_TEXT(t) { STORE_TEXT, (t), 0, 0 }
#define STORE_PARAM_INT(v) { STORE_INT64, NULL, (v), 0 }

/* Inside a transaction: up to max rows strictly after (forward) or before
 * the anchor row's sort key; anchor NULL: from the start (forward) or the
 * end. Rows in display order, *n of them. SQLITE_OK or an error. The
 * contract of ui_list_fetch (ui-list.h). */
int store_list_page_tx(struct yc_store *st, struct store_list *l, const struct store_param *params,
		       const void *anchor, int forward, void *rows, int max, int *n);

/* The same as a transaction of its own: 0, or -1 with err. */
int store_list_page(struct yc_store *st, struct store_list *l, const struct store_param *params,
		    const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err);

/* Inside a transaction: every row of the list counted. */
int store_list_count_tx(struct yc_store *st, struct store_list *l, const struct store_param *params, long *count);

/* Every row of the list counted: 0, or -1 with err. */
int store_list_count(struct yc_store *st, struct store_list *l, const struct store_param *params, long *count,
		     struct yc_err *err);

/* A list whose one parameter, ?1, is a site's code ("" every site's,
 * STORE_OF_SITE): its page and its count, as the two above. */
int store_site_list_page(struct yc_store *st, struct store_list *l, const char *site_code, const void *anchor,
			 int forward, void *rows, int max, int *n, struct yc_err *err);
int store_site_list_count(struct yc_store *st, struct store_list *l, const char *site_code, long *count,
			  struct yc_err *err);

/* Inside a transaction: the number sql (one row, one column) gives with
 * params bound; a query that gives no row is an error (SQLITE_CORRUPT),
 * never a count left unset. */
int store_count_tx(struct yc_store *st, const char *sql, const struct store_param *params, int n_params,
		   long *count);

/* Map the current row of s into row by cols (column i of s is cols[i]). */
void store_map_row(db_stmt *s, const struct store_col *cols, int n_cols, void *row);

/* Readers (STORE_COL_READ) of an applicant's ID number and phone, masked
 * on their way in: the whole never reaches a row. */
void store_read_id_masked(db_stmt *s, int col, void *field, size_t size);
void store_read_phone_masked(db_stmt *s, int col, void *field, size_t size);
/* ... and a name, for the public (yc_name_mask). */
void store_read_name_masked(db_stmt *s, int col, void *field, size_t size);

#endif
