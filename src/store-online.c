/* store-online.c - the online inbox: submissions from the provincial
 * platform imported from a file, listed for the clerk, and opened as an
 * intake record for pre-review. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "online-io.h"
#include "store-internal.h"
#include "store-select.h"
#include "store-online.h"

/* Import ------------------------------------------------------------------------ */

struct import_ctx {
	struct yc_store *st;
	const char *text;
	int this_year;
	const char *site_code;
	int64_t user_id, site_id;
	char now[20];
	struct store_online_stats *stats;
	struct yc_err *err;
	int rc;                  /* SQLite error that stopped the scan */
};

static const char SQL_ONLINE_SEEN[] = "SELECT 1 FROM online_submissions WHERE ref = ?1";
static const char SQL_ONLINE_ITEM[] = "SELECT id FROM service_items WHERE code = ?1 AND active = 1";
static const char SQL_ONLINE_MATERIAL[] = "SELECT id FROM materials WHERE item_id = ?1 AND seq = ?2";
static const char SQL_ONLINE_INSERT[] =
	"INSERT INTO online_submissions(ref, source, received_at, imported_at, site_id, item_id, kind,"
	" name, id_number, phone, legal_rep, address, agent_name, agent_id_number, agent_authorised, note)"
	" VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16)";
static const char SQL_ONLINE_MATERIAL_INSERT[] =
	"INSERT INTO online_materials(submission_id, material_id, files) VALUES (?1, ?2, ?3)";
static const char SQL_SITE[] = "SELECT id FROM sites WHERE code = ?1";

/* One id from a query with a text and an optional number parameter; 0
 * when there is no row. */
static int online_tx_lookup_id(struct yc_store *st, const char *sql, const char *text, int64_t number,
		     int64_t *id)
{
	db_stmt *s = store_prep(st, sql);
	int rc;

	*id = 0;
	if (!s)
		return st->rc;
	if (text)
		db_bind_text(s, 1, text);
	else
		db_bind_int64(s, 1, number);
	rc = db_step(s);
	*id = rc == DB_ROW ? db_col_int64(s, 0) : 0;
	db_reset(s);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

static int insert_submission(struct import_ctx *c, const struct online_sub *o, int64_t item_id,
			     int64_t *id)
{
	db_stmt *s = store_prep(c->st, SQL_ONLINE_INSERT);
	int rc;

	if (!s)
		return c->st->rc;
	db_bind_text(s, 1, o->ref);
	db_bind_text(s, 2, o->source);
	db_bind_text(s, 3, o->received);
	db_bind_text(s, 4, c->now);
	db_bind_int64(s, 5, c->site_id);
	db_bind_int64(s, 6, item_id);
	db_bind_text(s, 7, o->kind);
	db_bind_text(s, 8, o->name);
	db_bind_text(s, 9, o->id_number);
	db_bind_text(s, 10, o->phone);
	db_bind_text(s, 11, o->legal_rep);
	db_bind_text(s, 12, o->address);
	db_bind_text(s, 13, o->agent_name);
	db_bind_text(s, 14, o->agent_id_number);
	db_bind_int(s, 15, o->agent_authorised);
	db_bind_text(s, 16, o->note);
	if ((rc = store_step_done(s)) == SQLITE_OK)
		*id = store_last_id(c->st);
	return rc;
}

static int insert_materials(struct import_ctx *c, const struct online_sub *o, int64_t item_id,
			    int64_t sub_id)
{
	int i, rc;

	for (i = 0; i < o->n_materials; i++) {
		db_stmt *s = store_prep(c->st, SQL_ONLINE_MATERIAL);
		int64_t material_id = 0;

		if (!s)
			return c->st->rc;
		db_bind_int64(s, 1, item_id);
		db_bind_int(s, 2, o->materials[i].seq);
		rc = db_step(s);
		if (rc == DB_ROW)
			material_id = db_col_int64(s, 0);
		db_reset(s);
		if (rc != DB_ROW && rc != DB_DONE)
			return rc;
		if (!material_id) {
			yc_err_set(c->err, YC_EINVAL, _("line %d: item %s has no material number %d."), o->line,
				   o->item_code, o->materials[i].seq);
			return -1;
		}
		if (!(s = store_prep(c->st, SQL_ONLINE_MATERIAL_INSERT)))
			return c->st->rc;
		db_bind_int64(s, 1, sub_id);
		db_bind_int64(s, 2, material_id);
		db_bind_int(s, 3, o->materials[i].files);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
	}
	return SQLITE_OK;
}

/* One good line of the file: skipped when imported before (the platform
 * may send a submission again), refused when its item is unknown. */
static int online_tx_import_one(void *vctx, const struct online_sub *o)
{
	struct import_ctx *c = vctx;
	int64_t seen, item_id, sub_id = 0;
	int rc;

	if ((rc = online_tx_lookup_id(c->st, SQL_ONLINE_SEEN, o->ref, 0, &seen)) != SQLITE_OK)
		return c->rc = rc;
	if (seen) {
		c->stats->already++;
		return 0;
	}
	if ((rc = online_tx_lookup_id(c->st, SQL_ONLINE_ITEM, o->item_code, 0, &item_id)) != SQLITE_OK)
		return c->rc = rc;
	if (!item_id) {
		yc_err_set(c->err, YC_EINVAL, _("line %d: no service item has the code %s."), o->line, o->item_code);
		return c->rc = -1;
	}
	if ((rc = insert_submission(c, o, item_id, &sub_id)) != SQLITE_OK ||
	    (rc = insert_materials(c, o, item_id, sub_id)) != SQLITE_OK ||
	    (rc = store_event(c->st, c->user_id, "online", sub_id, "import", NULL, o->ref)) != SQLITE_OK)
		return c->rc = rc;
	c->stats->added++;
	return 0;
}

static int import(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct import_ctx *c = vctx;
	struct online_file f;
	int rc;

	memset(c->stats, 0, sizeof *c->stats);
	c->rc = SQLITE_OK;
	if ((rc = online_tx_lookup_id(st, SQL_SITE, c->site_code, 0, &c->site_id)) != SQLITE_OK)
		return rc;
	if (!c->site_id) {
		yc_err_set(err, YC_ECONFIG, _("The site code %s in the configuration is not in the database (site.code)."),
			   c->site_code);
		return -1;
	}
	rc = online_parse(c->text, c->this_year, &f, online_tx_import_one, c);
	online_free(&f);
	if (rc < 0 && c->rc == SQLITE_OK) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	return c->rc;
}

int store_online_import(struct yc_store *st, const char *text, int this_year, const char *site_code,
			int64_t user_id, struct store_online_stats *stats, struct yc_err *err)
{
	struct import_ctx c = { st, text, this_year, site_code, user_id, 0, "", stats, err, 0 };
	struct online_file f;
	int problems;

	/* every line is checked before anything is written */
	problems = online_parse(text, this_year, &f, NULL, NULL);
	if (problems != 0) {
		if (problems < 0)
			yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		else
			yc_err_set(err, YC_EINVAL, _("%d problem(s) in the file, nothing was imported; the first: %s"),
				   problems, f.problems.n ? f.problems.text[0] : "");
		online_free(&f);
		return -1;
	}
	online_free(&f);
	yc_now(c.now);
	return store_run(st, 1, import, &c, err);
}

/* The inbox --------------------------------------------------------------------- */

/* The inbox, declared once: oldest first. */
static const struct store_col inbox_cols[] = {
	STORE_COL_INT64(struct yc_online_row, id, "o.id"),
	STORE_COL_TEXT(struct yc_online_row, ref, "o.ref"),
	STORE_COL_TEXT(struct yc_online_row, source, "o.source"),
	STORE_COL_TEXT(struct yc_online_row, received_at, "o.received_at"),
	STORE_COL_TEXT(struct yc_online_row, item, "i.name"),
	STORE_COL_TEXT(struct yc_online_row, applicant, "o.name"),
};

static struct store_list inbox_list = {
	STORE_ROWS(struct yc_online_row, inbox_cols),
	.from = "FROM online_submissions o JOIN service_items i ON i.id = o.item_id JOIN sites s ON s.id = o.site_id",
	.where = "o.status = 'inbox' AND s.code = ?1",
	.n_params = 1,
	.key = { { 3, 0 }, { 0, 0 } }, .n_key = 2,   /* received_at, id */
};

int store_online_inbox_page(struct yc_store *st, const char *site_code, const struct yc_online_row *anchor,
			    int forward, struct yc_online_row *rows, int max, int *n, struct yc_err *err)
{
	return store_site_list_page(st, &inbox_list, site_code, anchor, forward, rows, max, n, err);
}

int store_online_inbox_count(struct yc_store *st, const char *site_code, long *count, struct yc_err *err)
{
	return store_site_list_count(st, &inbox_list, site_code, count, err);
}

int store_online_inbox(struct yc_store *st, const char *site_code, struct yc_online_row *rows,
		       int max, int *n, long *total, struct yc_err *err)
{
	if (store_online_inbox_page(st, site_code, NULL, 1, rows, max, n, err) < 0)
		return -1;
	return store_online_inbox_count(st, site_code, total, err);
}

/* Opening a submission ------------------------------------------------------ */

struct start_ctx {
	int64_t id;
	const char *day;
	struct intake *in;
};

/* A submission as a record's item and applicant, its columns declared
 * once: SQL_ONLINE_GET selects them in this order, then its status
 * (ONLINE_COL_STATUS). */
static const struct store_col submission_cols[] = {
	STORE_COL_INT64(struct intake, item_id, "item_id"),
	STORE_COLS_INTAKE_APPLICANT(""),
	STORE_COL_TEXT(struct intake, a.agent_name, "agent_name"),
	STORE_COL_TEXT(struct intake, a.agent_id_number, "agent_id_number"),
	STORE_COL_INT(struct intake, a.agent_authorised, "agent_authorised"),
};
enum { ONLINE_COL_STATUS = YC_ARRAY_LEN(submission_cols) };
static const char SQL_ONLINE_GET[] =
	"SELECT item_id, kind, name, id_number, phone, legal_rep, address, agent_name,"
	" agent_id_number, agent_authorised, status FROM online_submissions WHERE id = ?1";
static const char SQL_ONLINE_FILES[] =
	"SELECT material_id, files FROM online_materials WHERE submission_id = ?1";

static int read_submission(struct yc_store *st, struct start_ctx *c, int64_t *item_id, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_ONLINE_GET);
	char status[16] = "";
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW) {
		store_map_row(s, submission_cols, (int)YC_ARRAY_LEN(submission_cols), c->in);
		*item_id = c->in->item_id;
		store_col_text(s, ONLINE_COL_STATUS, status, sizeof status);
	}
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (strcmp(status, "inbox") != 0) {
		yc_err_set(err, YC_ECONFLICT, "%s", _("Another window has already reviewed this online submission."));
		return -1;
	}
	return SQLITE_OK;
}

static int online_start(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct start_ctx *c = vctx;
	struct intake_applicant a;
	int64_t item_id = 0;
	db_stmt *s;
	int rc, i;

	memset(c->in, 0, sizeof *c->in);
	if ((rc = read_submission(st, c, &item_id, err)) != SQLITE_OK)
		return rc;
	a = c->in->a;
	/* the item's materials and checkpoints, as for a walk-in */
	if ((rc = store_intake_load_item(st, item_id, c->day, c->in, err)) != SQLITE_OK)
		return rc;
	c->in->a = a;
	c->in->online_id = c->id;
	for (i = 0; i < c->in->n_materials; i++)   /* only what was sent */
		c->in->m[i].paper = c->in->m[i].electronic = 0;
	c->in->round = 1;
	if (!(s = store_prep(st, SQL_ONLINE_FILES)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	while ((rc = db_step(s)) == DB_ROW)
		for (i = 0; i < c->in->n_materials; i++)
			if (c->in->m[i].id == db_col_int64(s, 0))
				c->in->m[i].electronic = db_col_int(s, 1);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_online_start(struct yc_store *st, int64_t online_id, const char *day, struct intake *in,
		       struct yc_err *err)
{
	struct start_ctx c = { online_id, day, in };

	if (store_run(st, 0, online_start, &c, err) < 0)
		return -1;
	store_new_record_uid(in->record_uid);
	return 0;
}
