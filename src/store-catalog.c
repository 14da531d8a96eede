/* store-catalog.c - service items: the search (ranked, keyset paging), guides. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "pinyin.h"
#include "states.h"
#include "store-catalog.h"
#include "store-internal.h"
#include "store-select.h"

/* LIKE patterns with the user's % and _ taken literally. */
static void like_escape(const char *in, char *out, size_t outsz)
{
	size_t pos = 0;

	for (; *in && pos + 2 < outsz; in++) {
		if (*in == '%' || *in == '_' || *in == '\\')
			out[pos++] = '\\';
		out[pos++] = *in;
	}
	out[pos] = '\0';
}

struct page_ctx {
	const char *filter;
	const char *from;
	int forward;
	struct yc_item_row *rows;
	int max;
	int n;
	long count;
};

/* The items a query finds (item_names and item_texts, data/migrate-16.sql),
 * each with its rank: 0 a hit in the name, 1 in
 * the pinyin or the code, 2 in the keywords and synonyms, 3 in the
 * materials, 4 in the guide; an item found in several places counts
 * where it ranks best. ?1 is the folded query as a LIKE pattern, ?2 its
 * code form as one, ?3 the FTS5 phrases (the query, or its code form).
 *
 * A query of three characters or more is looked up in the trigram index
 * once per rank, each lookup limited to that rank's columns, so that no
 * item's text is read to rank it (a word found in half the catalogue
 * costs a few milliseconds, bench/README). A shorter one cannot use a
 * trigram index: it reads item_names row by row -- names, keywords,
 * pinyin, codes, which at a province's 10,000 items is still quick --
 * and not item_texts' materials and guides, where one or two characters
 * would find everything anyway. (In SQLite 3.40 a LIKE of fewer than
 * three characters on its own finds nothing in a trigram table: the
 * terms are ORed, which reads the rows instead.)
 * The index's query differs by backend: it is the dialect's item_hits
 * (dialect.h; on PostgreSQL pg_trgm indexes serve ILIKE). */
#define HITS_MATCH DIALECT_ITEM_HITS
#define HITS_SCAN \
	"WITH hits(id, rank) AS (SELECT s.rowid," \
	" CASE WHEN s.name LIKE ?1 ESCAPE '\\' THEN 0" \
	" WHEN s.pinyin LIKE ?1 ESCAPE '\\' OR s.code LIKE ?2 ESCAPE '\\' THEN 1 ELSE 2 END" \
	" FROM item_names s WHERE s.name LIKE ?1 ESCAPE '\\' OR s.pinyin LIKE ?1 ESCAPE '\\'" \
	" OR s.code LIKE ?2 ESCAPE '\\' OR s.keywords LIKE ?1 ESCAPE '\\')"

/* An item row's columns, declared once: ITEM_COLUMNS selects them in this
 * order, the last (found_in) being the hit's rank, or 0 when the whole
 * catalogue is listed. */
static const struct store_col item_cols[] = {
	STORE_COL_INT64(struct yc_item_row, id, "i.id"),
	STORE_COL_TEXT(struct yc_item_row, code, "i.code"),
	STORE_COL_TEXT(struct yc_item_row, name, "i.name"),
	STORE_COL_TEXT(struct yc_item_row, department, "d.name"),
	STORE_COL_TEXT(struct yc_item_row, window_name, "w.name"),
	STORE_COL_TEXT(struct yc_item_row, kind, "i.kind"),
	STORE_COL_INT(struct yc_item_row, promised_limit, "i.promised_limit"),
	STORE_COL_INT(struct yc_item_row, statutory_limit, "i.statutory_limit"),
	STORE_COL_TEXT(struct yc_item_row, limit_unit, "i.limit_unit"),
	STORE_COL_TEXT(struct yc_item_row, window_category, "i.window_category"),
	STORE_COL_INT(struct yc_item_row, found_in, "h.rank"),
};
#define ITEM_COLUMNS \
	"SELECT i.id, i.code, i.name, d.name, w.name, i.kind, i.promised_limit," \
	" i.statutory_limit, i.limit_unit, i.window_category, "
#define ITEM_JOINS \
	" JOIN departments d ON d.id = i.department_id JOIN window_categories w ON w.code = i.window_category" \
	" WHERE i.active = 1"
#define FOUND ITEM_COLUMNS "h.rank FROM hits h JOIN service_items i ON i.id = h.id" ITEM_JOINS
/* the anchor's own rank, for keyset paging over (rank, code) */
#define ANCHOR_RANK "(SELECT a.rank FROM hits a JOIN service_items ai ON ai.id = a.id WHERE ai.code = ?4)"
#define FORWARD \
	" AND (?4 = '' OR (h.rank, i.code) > (" ANCHOR_RANK ", ?4)) ORDER BY h.rank, i.code LIMIT ?5"
#define BACKWARD \
	" AND (?4 = '' OR (h.rank, i.code) < (" ANCHOR_RANK ", ?4)) ORDER BY h.rank DESC, i.code DESC LIMIT ?5"
#define COUNT " SELECT count(*) FROM hits h JOIN service_items i ON i.id = h.id WHERE i.active = 1"
/* no query: the whole catalogue by code, on the code's own index */
#define ALL ITEM_COLUMNS "0 FROM service_items i" ITEM_JOINS

enum { HITS_ALL_ITEMS, HITS_BY_INDEX, HITS_BY_SCAN };

static const char *const SQL_ITEMS_FORWARD[] = {
	ALL " AND i.code > ?4 ORDER BY i.code LIMIT ?5", HITS_MATCH FOUND FORWARD, HITS_SCAN FOUND FORWARD,
};
static const char *const SQL_ITEMS_BACKWARD[] = {
	ALL " AND (?4 = '' OR i.code < ?4) ORDER BY i.code DESC LIMIT ?5", HITS_MATCH FOUND BACKWARD,
	HITS_SCAN FOUND BACKWARD,
};
static const char *const SQL_ITEMS_COUNT[] = {
	"SELECT count(*) FROM service_items i WHERE i.active = 1", HITS_MATCH COUNT, HITS_SCAN COUNT,
};

/* A query as the statements take it. */
struct item_query {
	int how;                 /* HITS_* */
	char like[400];          /* %folded query% */
	char code_like[400];     /* %its code form% */
	char match[640];         /* the FTS5 query: the folded query, or its code form */
};

/* An FTS5 phrase: the text in double quotes, its own doubled. */
static void fts_phrase(const char *text, char *out, size_t n)
{
	size_t len = 0;

	if (n < 3)
		return;
	out[len++] = '"';
	for (; *text && len + 3 < n; text++) {
		if (*text == '"')
			out[len++] = '"';
		out[len++] = *text;
	}
	out[len++] = '"';
	out[len] = '\0';
}

static size_t characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

static void item_query(const char *filter, struct item_query *q)
{
	char folded[300], code[128], escaped[300], phrase[320];

	search_fold(filter, folded, sizeof folded);
	search_code_form(folded, code, sizeof code);
	like_escape(folded, escaped, sizeof escaped);
	snprintf(q->like, sizeof q->like, "%%%s%%", escaped);
	like_escape(code[0] ? code : folded, escaped, sizeof escaped);
	snprintf(q->code_like, sizeof q->code_like, "%%%s%%", escaped);
	q->match[0] = '\0';
	if (!folded[0]) {
		q->how = HITS_ALL_ITEMS;
		return;
	}
	q->how = characters(folded) >= 3 ? HITS_BY_INDEX : HITS_BY_SCAN;
	fts_phrase(folded, q->match, sizeof q->match);
	/* "bdc001" is in the index as the code of BDC-001: "bdc-001" finds it too */
	if (strcmp(code, folded) != 0 && strlen(code) >= 3) {
		fts_phrase(code, phrase, sizeof phrase);
		snprintf(q->match + strlen(q->match), sizeof q->match - strlen(q->match), " OR %s", phrase);
	}
}

static void bind_query(db_stmt *s, const struct item_query *q)
{
	db_bind_text_copy(s, 1, q->like);
	db_bind_text_copy(s, 2, q->code_like);
	db_bind_text_copy(s, 3, q->match);
}

static int items_page(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct page_ctx *c = vctx;
	struct item_query q;
	db_stmt *s;
	int rc;

	(void)err;
	item_query(c->filter, &q);
	if (!(s = store_prep(st, c->forward ? SQL_ITEMS_FORWARD[q.how] : SQL_ITEMS_BACKWARD[q.how])))
		return st->rc;
	c->n = 0;
	bind_query(s, &q);
	db_bind_text(s, 4, c->from);
	db_bind_int(s, 5, c->max);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		store_map_row(s, item_cols, (int)YC_ARRAY_LEN(item_cols), &c->rows[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_items_page(struct yc_store *st, const char *filter, const char *from, int forward,
		     struct yc_item_row *rows, int max, int *n, struct yc_err *err)
{
	struct page_ctx c = { filter, from, forward, rows, max, 0, 0 };
	int i;

	if (store_run(st, 0, items_page, &c, err) < 0)
		return -1;
	if (!forward)   /* fetched newest-first: put back in display order */
		for (i = 0; i < c.n / 2; i++) {
			struct yc_item_row t = rows[i];

			rows[i] = rows[c.n - 1 - i];
			rows[c.n - 1 - i] = t;
		}
	*n = c.n;
	return 0;
}

static int items_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct page_ctx *c = vctx;
	struct item_query q;
	db_stmt *s;
	int rc;

	(void)err;
	item_query(c->filter, &q);
	if (!(s = store_prep(st, SQL_ITEMS_COUNT[q.how])))
		return st->rc;
	bind_query(s, &q);
	rc = db_step(s);
	if (rc != DB_ROW)
		return rc;
	c->count = db_col_int64(s, 0);
	return SQLITE_OK;
}

int store_items_count(struct yc_store *st, const char *filter, long *count, struct yc_err *err)
{
	struct page_ctx c = { filter, "", 1, NULL, 0, 0, 0 };

	if (store_run(st, 0, items_count, &c, err) < 0)
		return -1;
	*count = c.count;
	return 0;
}

/* Pinyin -------------------------------------------------------------------- */

static const char SQL_PINYIN_STALE[] = "SELECT id, name FROM service_items WHERE pinyin_name IS NOT name";
static const char SQL_PINYIN_SET[] = "UPDATE service_items SET pinyin_full = ?2, pinyin_name = ?3 WHERE id = ?1";

struct stale_name {
	int64_t id;
	char *name;
};

static void free_names(struct stale_name *names, size_t n)
{
	while (n--)
		free(names[n].name);
	free(names);
}

/* The items whose pinyin is missing or older than their name, gathered
 * before any is written. */
static int stale_names(struct yc_store *st, struct stale_name **out, size_t *n)
{
	db_stmt *s = store_prep(st, SQL_PINYIN_STALE);
	size_t cap = 0;
	int rc;

	*out = NULL;
	*n = 0;
	if (!s)
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const char *name = db_col_text(s, 1);

		if (yc_reserve((void **)out, &cap, *n + 1, sizeof **out) < 0 || !((*out)[*n].name = strdup(name ? name : ""))) {
			db_reset(s);
			return SQLITE_NOMEM;
		}
		(*out)[(*n)++].id = db_col_int64(s, 0);
	}
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_items_fill_pinyin(struct yc_store *st)
{
	struct stale_name *names;
	char pinyin[1024];
	size_t n, i;
	db_stmt *s;
	int rc = stale_names(st, &names, &n);

	for (i = 0; rc == SQLITE_OK && i < n; i++) {
		if (pinyin_of(names[i].name, pinyin, sizeof pinyin) < 0) {
			rc = SQLITE_NOMEM;
			break;
		}
		if (!(s = store_prep(st, SQL_PINYIN_SET))) {
			rc = st->rc;
			break;
		}
		db_bind_int64(s, 1, names[i].id);
		db_bind_text(s, 2, pinyin);
		db_bind_text(s, 3, names[i].name);
		rc = store_step_done(s);
	}
	free_names(names, n);
	return rc;
}

/* The guide is gathered into memory inside the transaction and handed to
 * the caller after it, so that a retry never repeats lines. */
struct guide_line {
	char kind[12];
	char *text;
};

struct guide_ctx {
	int64_t item_id;
	const char *day;
	struct guide_line *lines;
	size_t n, cap;
};

static void guide_clear(struct guide_ctx *c)
{
	size_t i;

	for (i = 0; i < c->n; i++)
		free(c->lines[i].text);
	c->n = 0;
}

static int guide_add(struct guide_ctx *c, const char *kind, const char *text)
{
	if (c->n == c->cap) {
		size_t cap = c->cap ? c->cap * 2 : 32;
		struct guide_line *p = realloc(c->lines, cap * sizeof *p);

		if (!p)
			return SQLITE_NOMEM;
		c->lines = p;
		c->cap = cap;
	}
	yc_strlcpy(c->lines[c->n].kind, kind, sizeof c->lines[c->n].kind);
	c->lines[c->n].text = strdup(text);
	if (!c->lines[c->n].text)
		return SQLITE_NOMEM;
	c->n++;
	return SQLITE_OK;
}

static const char SQL_ITEM_HEAD[] =
	"SELECT i.code, i.name, d.name, w.name, i.kind, i.statutory_limit, i.promised_limit,"
	" i.limit_unit, i.fee_fen, i.fee_note, i.online, i.guide, i.faq"
	" FROM service_items i JOIN departments d ON d.id = i.department_id"
	" JOIN window_categories w ON w.code = i.window_category WHERE i.id = ?1";
static const char SQL_ITEM_MATERIALS[] =
	"SELECT m.id, m.seq, m.name, m.required, m.originals, m.copies, m.form, m.note"
	" FROM materials m WHERE m.item_id = ?1 ORDER BY m.seq";
static const char SQL_MATERIAL_CHECKPOINTS[] =
	"SELECT c.text, c.version FROM checkpoints c WHERE c.material_id = ?1"
	" AND c.effective_from <= ?2 AND (c.effective_to IS NULL OR c.effective_to >= ?2)"
	" ORDER BY c.seq";

static const char *unit_label(const char *unit)
{
	if (strcmp(unit, "day") == 0)
		return _("calendar days");
	if (strcmp(unit, "month") == 0)
		return _("months");
	return _("working days");
}

static const char *form_label(const char *form)
{
	if (strcmp(form, "electronic") == 0)
		return _("electronic");
	if (strcmp(form, "both") == 0)
		return _("paper and electronic");
	return _("paper");
}

static int guide_head(struct yc_store *st, struct guide_ctx *c)
{
	db_stmt *s = store_prep(st, SQL_ITEM_HEAD);
	char line[1024], unit[16], kind[16];
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->item_id);
	rc = db_step(s);
	if (rc != DB_ROW)
		return rc == DB_DONE ? SQLITE_NOTFOUND : rc;
	snprintf(line, sizeof line, "%s  %s", db_col_text(s, 0), db_col_text(s, 1));
	rc = guide_add(c, "title", line);
	snprintf(line, sizeof line, _("Department: %s    Window: %s"),
		 db_col_text(s, 2), db_col_text(s, 3));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", line);
	store_col_text(s, 4, kind, sizeof kind);
	store_col_text(s, 7, unit, sizeof unit);
	if (item_is_immediate(kind) && db_col_int(s, 5) == 0)
		snprintf(line, sizeof line, "%s", _("Immediate item: decided on the spot."));
	else if (item_is_immediate(kind))
		snprintf(line, sizeof line, _("Immediate item: decided on the spot (statutory limit %d %s)."),
			 db_col_int(s, 5), unit_label(unit));
	else
		snprintf(line, sizeof line, _("Promised item: statutory limit %d %s, promised limit %d %s."),
			 db_col_int(s, 5), unit_label(unit), db_col_int(s, 6),
			 unit_label(unit));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", line);
	if (db_col_int(s, 8) > 0)
		snprintf(line, sizeof line, _("Fee: %d.%02d yuan %s"), db_col_int(s, 8) / 100,
			 db_col_int(s, 8) % 100, db_col_text(s, 9));
	else
		snprintf(line, sizeof line, "%s", _("Fee: free of charge"));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", line);
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", db_col_int(s, 10) ? _("Can also be applied for online.")
							       : _("Apply at the window."));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "heading", _("Service guide"));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", db_col_text(s, 11));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "heading", _("Frequently asked questions"));
	if (rc == SQLITE_OK)
		rc = guide_add(c, "text", db_col_text(s, 12));
	db_reset(s);
	return rc;
}

static int guide_materials(struct yc_store *st, struct guide_ctx *c)
{
	db_stmt *m = store_prep(st, SQL_ITEM_MATERIALS);
	db_stmt *k = store_prep(st, SQL_MATERIAL_CHECKPOINTS);
	char line[1024];
	int rc;

	if (!m || !k)
		return st->rc;
	rc = guide_add(c, "heading", _("Materials and review checkpoints"));
	db_bind_int64(m, 1, c->item_id);
	while (rc == SQLITE_OK && (rc = db_step(m)) == DB_ROW) {
		char form[16];

		store_col_text(m, 6, form, sizeof form);
		snprintf(line, sizeof line, _("%d. %s (%s; originals %d, copies %d; %s) %s"),
			 db_col_int(m, 1), db_col_text(m, 2),
			 db_col_int(m, 3) ? _("required") : _("if applicable"),
			 db_col_int(m, 4), db_col_int(m, 5), form_label(form),
			 db_col_text(m, 7));
		rc = guide_add(c, "material", line);
		db_bind_int64(k, 1, db_col_int64(m, 0));
		db_bind_text(k, 2, c->day);
		while (rc == SQLITE_OK && (rc = db_step(k)) == DB_ROW) {
			snprintf(line, sizeof line, _("  - %s (version %d)"), db_col_text(k, 0),
				 db_col_int(k, 1));
			rc = guide_add(c, "checkpoint", line);
		}
		db_reset(k);
		if (rc == DB_DONE)
			rc = SQLITE_OK;
	}
	db_reset(m);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int item_guide(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct guide_ctx *c = vctx;
	int rc;

	guide_clear(c);
	rc = guide_head(st, c);
	if (rc == SQLITE_NOTFOUND) {
		yc_err_set(err, YC_EINVAL, _("This service item no longer exists."));
		return -1;
	}
	return rc == SQLITE_OK ? guide_materials(st, c) : rc;
}

int store_item_guide(struct yc_store *st, int64_t item_id, const char *day,
		     void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		     struct yc_err *err)
{
	struct guide_ctx c = { item_id, day, NULL, 0, 0 };
	int rc = store_run(st, 0, item_guide, &c, err);
	size_t i;

	if (rc == 0)
		for (i = 0; i < c.n; i++)
			each(ctx, c.lines[i].kind, c.lines[i].text);
	guide_clear(&c);
	free(c.lines);
	return rc;
}
