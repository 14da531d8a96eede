/* store-construction.c - construction projects (工程建设项目审批, 第二十二条至
 * 第二十五条): four stages, each a set of approvals running in parallel at
 * their departments (并联审批); a project moves on only when every approval
 * of its stage is approved. Each change is one transaction and one event
 * (entity "project"); only roles with PERM_SPECIAL may change anything. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-select.h"
#include "store-construction.h"
#include "store-users.h"

/* Stages and statuses ------------------------------------------------------------ */

static const char *const stage_codes[] = { "land_use", "permit", "construction", "completion", "done" };
static const char *const stage_labels[] = {
	N_("land-use planning"), N_("construction permit"), N_("construction"), N_("completion acceptance"),
	N_("done"),
};

const char *store_project_stage_code(int i)
{
	return i >= 0 && i < (int)YC_ARRAY_LEN(stage_codes) ? stage_codes[i] : NULL;
}

int store_project_stage_index(const char *stage)
{
	int i;

	for (i = 0; stage && i < (int)YC_ARRAY_LEN(stage_codes); i++)
		if (strcmp(stage, stage_codes[i]) == 0)
			return i;
	return -1;
}

const char *store_project_stage_label(const char *stage)
{
	int i = store_project_stage_index(stage);

	return i < 0 ? (stage ? stage : "") : _(stage_labels[i]);
}

static const struct {
	const char *code, *label;
} statuses[] = {
	{ "pending", N_("not applied yet") },
	{ "applied", N_("applied") },
	{ "approved", N_("approved") },
	{ "refused", N_("refused") },
};

const char *store_approval_status_label(const char *status)
{
	size_t i;

	for (i = 0; status && i < YC_ARRAY_LEN(statuses); i++)
		if (strcmp(status, statuses[i].code) == 0)
			return _(statuses[i].label);
	return status ? status : "";
}

/* The allowed moves of an approval, as data. */
static const struct {
	const char *from, *to;
} moves[] = {
	{ "pending", "applied" },
	{ "applied", "approved" },
	{ "applied", "refused" },
	{ "refused", "applied" },
};

int store_approval_allowed(const char *from, const char *to)
{
	size_t i;

	for (i = 0; from && to && i < YC_ARRAY_LEN(moves); i++)
		if (strcmp(from, moves[i].from) == 0 && strcmp(to, moves[i].to) == 0)
			return 1;
	return 0;
}

/* The default plan: the catalogue items (construction window) each stage
 * starts with; more can be added per project. */
static const struct {
	const char *stage, *item_code;
} plan[] = {
	{ "land_use", "ZRZY-001" },      /* 建设项目用地预审与选址意见书 */
	{ "land_use", "ZRZY-002" },      /* 建设用地规划许可证 */
	{ "land_use", "STHJ-001" },      /* 环境影响报告表审批 */
	{ "permit", "ZRZY-003" },        /* 建设工程规划许可证 */
	{ "permit", "SLJ-002" },         /* 水土保持方案审批 */
	{ "permit", "SLJ-003" },         /* 洪水影响评价类审批 */
	{ "construction", "ZJJ-001" },   /* 建筑工程施工许可证 */
	{ "completion", "ZJJ-002" },     /* 竣工验收备案 */
};

/* Shared pieces -------------------------------------------------------------------- */

/* Copy s without leading and trailing blanks; 0 when it does not fit. */
static int trim_copy(const char *s, char *out, size_t n)
{
	size_t len;

	out[0] = '\0';
	if (!s)
		return 1;
	while (*s == ' ' || *s == '\t')
		s++;
	len = strlen(s);
	while (len > 0 && (s[len - 1] == ' ' || s[len - 1] == '\t' || s[len - 1] == '\n' || s[len - 1] == '\r'))
		len--;
	if (len >= n)
		return 0;
	memcpy(out, s, len);
	out[len] = '\0';
	return 1;
}

struct project_head {
	char code[48];
	char name[256];
	char stage[16];
};

/* Its columns, declared once: SQL_PROJECT_HEAD selects them in this order. */
static const struct store_col project_head_cols[] = {
	STORE_COL_TEXT(struct project_head, code, "code"),
	STORE_COL_TEXT(struct project_head, name, "name"),
	STORE_COL_TEXT(struct project_head, stage, "stage"),
};
static const char SQL_PROJECT_HEAD[] = "SELECT code, name, stage FROM projects WHERE id = ?1";

/* Inside a transaction: the project's code, name and stage; -1 with err
 * when there is none. */
static int construction_tx_read_head(struct yc_store *st, int64_t id, struct project_head *h, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_PROJECT_HEAD);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	if ((rc = db_step(s)) == DB_ROW)
		store_map_row(s, project_head_cols, (int)YC_ARRAY_LEN(project_head_cols), h);
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("There is no such construction project; it may have been removed."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

static const char SQL_PLAN_INSERT[] =
	"INSERT INTO project_approvals(project_id, stage, item_id)"
	" SELECT ?1, ?2, id FROM service_items WHERE code = ?3 AND active = 1 ON CONFLICT DO NOTHING";

/* Inside a write transaction: the default plan's approvals of a stage;
 * *added counts those new to the project (items missing from the
 * catalogue are left out). */
static int plan_stage(struct yc_store *st, int64_t project_id, const char *stage, int *added)
{
	size_t i;
	int rc;

	*added = 0;
	for (i = 0; i < YC_ARRAY_LEN(plan); i++) {
		db_stmt *s;

		if (strcmp(plan[i].stage, stage) != 0)
			continue;
		if (!(s = store_prep(st, SQL_PLAN_INSERT)))
			return st->rc;
		db_bind_int64(s, 1, project_id);
		db_bind_text(s, 2, stage);
		db_bind_text(s, 3, plan[i].item_code);
		if ((rc = store_step_done(s)) != SQLITE_OK)
			return rc;
		*added += store_changes(st);
	}
	return SQLITE_OK;
}

/* Creating a project ------------------------------------------------------------------ */

struct create_ctx {
	const struct yc_user *u;
	char code[48], name[256], builder[192], location[192];
	const char *site_code;
	char now[20];
	int64_t id;
	int approvals;
};

static const char SQL_CODE_TAKEN[] = "SELECT name, stage FROM projects WHERE code = ?1";
static const char SQL_PROJECT_INSERT[] =
	"INSERT INTO projects(code, name, builder, location, stage, created_by, created_at, site_id)"
	" VALUES (?1, ?2, ?3, ?4, 'land_use', ?5, ?6, " STORE_SITE_ID_OR_HALL("?7") ")";

static int construction_tx_create(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct create_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CODE_TAKEN);
	char value[600];
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->code);
	if ((rc = db_step(s)) == DB_ROW) {
		char name[256], stage[16];

		store_col_text(s, 0, name, sizeof name);
		store_col_text(s, 1, stage, sizeof stage);
		db_reset(s);
		yc_err_set(err, YC_EEXISTS, _("The project code %s is already taken by %s (%s stage); check the code."),
			   c->code, name, store_project_stage_label(stage));
		return -1;
	}
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	if (!(s = store_prep(st, SQL_PROJECT_INSERT)))
		return st->rc;
	db_bind_text(s, 1, c->code);
	db_bind_text(s, 2, c->name);
	db_bind_text(s, 3, c->builder);
	db_bind_text(s, 4, c->location);
	db_bind_int64(s, 5, c->u->id);
	db_bind_text(s, 6, c->now);
	db_bind_text(s, 7, c->site_code);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->id = store_last_id(st);
	if ((rc = plan_stage(st, c->id, "land_use", &c->approvals)) != SQLITE_OK)
		return rc;
	snprintf(value, sizeof value, "%s %s", c->code, c->name);
	return store_event(st, c->u->id, "project", c->id, "create", NULL, value);
}

/* Whether a project code is one word of printable characters. */
static int code_ok(const char *code)
{
	const unsigned char *p;

	for (p = (const unsigned char *)code; *p; p++)
		if (*p <= ' ' || *p == 0x7f)
			return 0;
	return code[0] != '\0';
}

int store_project_create(struct yc_store *st, const struct yc_user *u, const struct yc_project_new *p,
			 int64_t *id, int *approvals, struct yc_err *err)
{
	struct create_ctx c;

	memset(&c, 0, sizeof c);
	c.u = u;
	c.site_code = p->site_code;
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!trim_copy(p->code, c.code, sizeof c.code) || !code_ok(c.code)) {
		yc_err_set(err, YC_EINVAL, "%s",
			   _("Please type the project code as one word, at most 47 letters and digits, e.g. 2025-150626-48-01-000123."));
		return -1;
	}
	if (!trim_copy(p->name, c.name, sizeof c.name) || !c.name[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the project's name, at most 80 Chinese characters."));
		return -1;
	}
	if (!trim_copy(p->builder, c.builder, sizeof c.builder) || !c.builder[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the builder (the company or body building it), at most 60 Chinese characters."));
		return -1;
	}
	if (!trim_copy(p->location, c.location, sizeof c.location) || !c.location[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type where the project is, at most 60 Chinese characters."));
		return -1;
	}
	yc_now(c.now);
	if (store_run(st, 1, construction_tx_create, &c, err) < 0)
		return -1;
	if (id)
		*id = c.id;
	if (approvals)
		*approvals = c.approvals;
	return 0;
}

/* Reading --------------------------------------------------------------------------- */

/* A stage's approvals in all, approved and refused, for the project p. */
#define STAGE_COUNT(cond) \
	"(SELECT count(*) FROM project_approvals a WHERE a.project_id = p.id AND " cond ")"
#define STAGE_COLS(k, st) \
	STORE_COL_INT(struct yc_project, total[k], STAGE_COUNT("a.stage = '" st "'")), \
	STORE_COL_INT(struct yc_project, approved[k], STAGE_COUNT("a.stage = '" st "' AND a.status = 'approved'")), \
	STORE_COL_INT(struct yc_project, refused[k], STAGE_COUNT("a.stage = '" st "' AND a.status = 'refused'"))

static const struct store_col project_cols[] = {
	STORE_COL_INT64(struct yc_project, id, "p.id"),
	STORE_COL_TEXT(struct yc_project, code, "p.code"),
	STORE_COL_TEXT(struct yc_project, name, "p.name"),
	STORE_COL_TEXT(struct yc_project, builder, "p.builder"),
	STORE_COL_TEXT(struct yc_project, location, "p.location"),
	STORE_COL_TEXT(struct yc_project, stage, "p.stage"),
	STORE_COL_INT(struct yc_project, online_guided, "p.online_guided"),
	STORE_COL_TEXT(struct yc_project, guidance_note, "p.guidance_note"),
	STORE_COL_TEXT(struct yc_project, created_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_project, created_at, "p.created_at"),
	STORE_COL_INT(struct yc_project, version, "p.version"),
	/* in brackets: as a sort key it is compared whole */
	STORE_COL_INT(struct yc_project, done, "(p.stage = 'done')"),
	STAGE_COLS(0, "land_use"),
	STAGE_COLS(1, "permit"),
	STAGE_COLS(2, "construction"),
	STAGE_COLS(3, "completion"),
};
enum { PROJECT_COL_ID = 0, PROJECT_COL_DONE = 11 };

#define PROJECT_FROM "FROM projects p LEFT JOIN users u ON u.id = p.created_by"

/* those not done first, the newest first */
/* ?1 the window's site, or '' for every site's */
#define PROJECT_OF_SITE STORE_OF_SITE("p.site_id", "?1")
static struct store_list project_list = {
	STORE_ROWS(struct yc_project, project_cols),
	.from = PROJECT_FROM,
	.where = PROJECT_OF_SITE,
	.n_params = 1,
	.key = { { PROJECT_COL_DONE, 0 }, { PROJECT_COL_ID, 1 } }, .n_key = 2,
};

/* ?1 the project */
static struct store_list project_by_id = {
	STORE_ROWS(struct yc_project, project_cols),
	.from = PROJECT_FROM,
	.where = "p.id = ?1",
	.n_params = 1,
	.key = { { PROJECT_COL_ID, 0 } }, .n_key = 1,
};

static const char SQL_PROJECTS_IN_PROGRESS[] =
	"SELECT count(*) FROM projects p WHERE p.stage <> 'done' AND " PROJECT_OF_SITE;

int store_projects_page(struct yc_store *st, const char *site_code, const struct yc_project *anchor, int forward,
			struct yc_project *rows, int max, int *n, struct yc_err *err)
{
	return store_site_list_page(st, &project_list, site_code, anchor, forward, rows, max, n, err);
}

struct projects_count {
	const struct store_param *p;
	long all, in_progress;
};

static int projects_count(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct projects_count *c = vctx;
	int rc;

	(void)err;
	if ((rc = store_list_count_tx(st, &project_list, c->p, &c->all)) != SQLITE_OK)
		return rc;
	return store_count_tx(st, SQL_PROJECTS_IN_PROGRESS, c->p, 1, &c->in_progress);
}

int store_projects_count(struct yc_store *st, const char *site_code, long *all, long *in_progress,
			 struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site_code) };
	struct projects_count c = { p, 0, 0 };

	*all = *in_progress = 0;
	if (store_run(st, 0, projects_count, &c, err) < 0)
		return -1;
	*all = c.all;
	*in_progress = c.in_progress;
	return 0;
}

int store_project_get(struct yc_store *st, int64_t id, struct yc_project *p, struct yc_err *err)
{
	struct store_param param[] = { STORE_PARAM_INT(id) };
	int n;

	if (store_list_page(st, &project_by_id, param, NULL, 1, p, 1, &n, err) < 0)
		return -1;
	if (n == 0) {
		yc_err_set(err, YC_EINVAL, "%s", _("There is no such construction project; it may have been removed."));
		return -1;
	}
	return 0;
}

/* An approval's columns, declared once: SQL_APPROVALS selects them in this
 * order. */
/* An approval's state: its own while no case answers it; once the
 * combined intake accepted it as a case, the case's (still at the window:
 * pending; not accepted: refused; decided in the back office: approved or
 * refused; else applied), so that the departments decide, not the window. */
#define APPROVAL_CASE_STATUS "(SELECT status FROM cases WHERE id = a.case_id)"
#define APPROVAL_STATUS \
	"CASE WHEN a.case_id IS NULL THEN a.status" \
	" WHEN " APPROVAL_CASE_STATUS " IN ('reviewing','awaiting_correction') THEN 'pending'" \
	" WHEN " APPROVAL_CASE_STATUS " = 'not_accepted' THEN 'refused'" \
	" ELSE coalesce((SELECT CASE r.outcome WHEN 'approved' THEN 'approved' ELSE 'refused' END" \
	"   FROM results r WHERE r.case_id = a.case_id), 'applied') END"
#define APPROVAL_RESULT(col) "(SELECT r." col " FROM results r WHERE r.case_id = a.case_id)"

static const struct store_col approval_cols[] = {
	STORE_COL_INT64(struct yc_project_approval, id, "a.id"),
	STORE_COL_INT64(struct yc_project_approval, project_id, "a.project_id"),
	STORE_COL_INT64(struct yc_project_approval, item_id, "a.item_id"),
	STORE_COL_TEXT(struct yc_project_approval, stage, "a.stage"),
	STORE_COL_TEXT(struct yc_project_approval, item_code, "i.code"),
	STORE_COL_TEXT(struct yc_project_approval, item, "i.name"),
	STORE_COL_TEXT(struct yc_project_approval, department, "d.name"),
	STORE_COL_TEXT(struct yc_project_approval, status, APPROVAL_STATUS),
	STORE_COL_TEXT(struct yc_project_approval, document_number,
		       "coalesce(" APPROVAL_RESULT("document_number") ", a.document_number, '')"),
	STORE_COL_TEXT(struct yc_project_approval, note, "coalesce(nullif(" APPROVAL_RESULT("reason") ", ''), a.note)"),
	STORE_COL_TEXT(struct yc_project_approval, updated_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct yc_project_approval, updated_at, "coalesce(a.updated_at, '')"),
	STORE_COL_TEXT(struct yc_project_approval, case_number,
		       "coalesce((SELECT case_number FROM cases WHERE id = a.case_id), '')"),
	STORE_COL_TEXT(struct yc_project_approval, promised_date,
		       "coalesce((SELECT promised_date FROM cases WHERE id = a.case_id), '')"),
};
static const char SQL_APPROVALS[] =
	"SELECT a.id, a.project_id, a.item_id, a.stage, i.code, i.name, d.name, " APPROVAL_STATUS ","
	" coalesce(" APPROVAL_RESULT("document_number") ", a.document_number, ''),"
	" coalesce(nullif(" APPROVAL_RESULT("reason") ", ''), a.note), coalesce(u.full_name, ''),"
	" coalesce(a.updated_at, ''), coalesce((SELECT case_number FROM cases WHERE id = a.case_id), ''),"
	" coalesce((SELECT promised_date FROM cases WHERE id = a.case_id), '')"
	" FROM project_approvals a JOIN service_items i ON i.id = a.item_id"
	" JOIN departments d ON d.id = i.department_id LEFT JOIN users u ON u.id = a.updated_by"
	" WHERE a.project_id = ?1 AND (?2 = '' OR a.stage = ?2)"
	" ORDER BY CASE a.stage WHEN 'land_use' THEN 0 WHEN 'permit' THEN 1 WHEN 'construction' THEN 2 ELSE 3 END,"
	" i.code LIMIT ?3";

static void read_approval(db_stmt *s, struct yc_project_approval *a)
{
	memset(a, 0, sizeof *a);
	store_map_row(s, approval_cols, (int)YC_ARRAY_LEN(approval_cols), a);
}

struct list_ctx {
	int64_t id;
	const char *stage;
	struct yc_project_approval *approvals;
	int max, n;
};

static int approvals(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct list_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_APPROVALS);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = 0;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->stage ? c->stage : "");
	db_bind_int(s, 3, c->max);
	while ((rc = db_step(s)) == DB_ROW && c->n < c->max)
		read_approval(s, &c->approvals[c->n++]);
	return rc == DB_ROW || rc == DB_DONE ? SQLITE_OK : rc;
}

int store_project_approvals(struct yc_store *st, int64_t project_id, const char *stage,
			    struct yc_project_approval *rows, int max, int *n, struct yc_err *err)
{
	struct list_ctx c = { project_id, stage, rows, max, 0 };

	if (store_run(st, 0, approvals, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

/* Adding an approval ------------------------------------------------------------------- */

struct add_ctx {
	const struct yc_user *u;
	int64_t project_id;
	char stage[16];               /* "" for the current one */
	char code[24];
	int64_t id;
};

static const char SQL_ITEM_BY_CODE[] = "SELECT id, code, name FROM service_items WHERE code IN (?1, upper(?1)) AND active = 1";
static const char SQL_APPROVAL_EXISTS[] =
	"SELECT count(*) FROM project_approvals WHERE project_id = ?1 AND stage = ?2 AND item_id = ?3";
static const char SQL_APPROVAL_COUNT[] = "SELECT count(*) FROM project_approvals WHERE project_id = ?1";
static const char SQL_APPROVAL_INSERT[] =
	"INSERT INTO project_approvals(project_id, stage, item_id, updated_by, updated_at) VALUES (?1, ?2, ?3, NULL, NULL)";

/* Whether the project may have one more approval: the plan's approvals
 * of its later stages must still fit within YC_PROJECT_MAX_APPROVALS
 * after it, so that a project's approvals always fit one list of that
 * many (the screen's). */
static int room_for_one_more(struct yc_store *st, int64_t project_id, const char *code, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(project_id) };
	long n;
	int rc;

	if ((rc = store_count_tx(st, SQL_APPROVAL_COUNT, p, 1, &n)) != SQLITE_OK)
		return rc;
	if (n + 1 + (long)YC_ARRAY_LEN(plan) <= YC_PROJECT_MAX_APPROVALS)
		return SQLITE_OK;
	yc_err_set(err, YC_EINVAL, _("Project %s has as many approvals as a project may have (%ld)."), code, n);
	return -1;
}

static int construction_tx_add(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct add_ctx *c = vctx;
	struct project_head h;
	const char *stage;
	char item_code[24], item[128], value[200];
	int64_t item_id = 0;
	db_stmt *s;
	int rc, at, to;

	if ((rc = construction_tx_read_head(st, c->project_id, &h, err)) != SQLITE_OK)
		return rc;
	stage = c->stage[0] ? c->stage : h.stage;
	at = store_project_stage_index(h.stage);
	to = store_project_stage_index(stage);
	if (at >= YC_PROJECT_STAGES) {
		yc_err_set(err, YC_EINVAL, _("Project %s is done; nothing more can be added to it."), h.code);
		return -1;
	}
	if (to < 0 || to >= YC_PROJECT_STAGES) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a stage of a construction project."));
		return -1;
	}
	if (to < at) {
		yc_err_set(err, YC_EINVAL, _("The %s stage of project %s is already complete; add it to the %s stage or a later one."),
			   store_project_stage_label(stage), h.code, store_project_stage_label(h.stage));
		return -1;
	}
	if (!(s = store_prep(st, SQL_ITEM_BY_CODE)))
		return st->rc;
	db_bind_text(s, 1, c->code);
	rc = db_step(s);
	if (rc == DB_ROW) {
		item_id = db_col_int64(s, 0);
		store_col_text(s, 1, item_code, sizeof item_code);
		store_col_text(s, 2, item, sizeof item);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, _("There is no service item %s in the catalogue; check the code."), c->code);
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	if (!(s = store_prep(st, SQL_APPROVAL_EXISTS)))
		return st->rc;
	db_bind_int64(s, 1, c->project_id);
	db_bind_text_copy(s, 2, stage);
	db_bind_int64(s, 3, item_id);
	rc = db_step(s);
	if (rc == DB_ROW && db_col_int(s, 0) > 0) {
		db_reset(s);
		yc_err_set(err, YC_EEXISTS, _("%s %s is already part of the %s stage of project %s."), item_code, item,
			   store_project_stage_label(stage), h.code);
		return -1;
	}
	db_reset(s);
	if (rc != DB_ROW || (rc = room_for_one_more(st, c->project_id, h.code, err)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_APPROVAL_INSERT)))
		return st->rc;
	db_bind_int64(s, 1, c->project_id);
	db_bind_text_copy(s, 2, stage);
	db_bind_int64(s, 3, item_id);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->id = store_last_id(st);
	snprintf(value, sizeof value, "%s %s", stage, item_code);
	return store_event(st, c->u->id, "project", c->project_id, "approval_add", NULL, value);
}

int store_project_approval_add(struct yc_store *st, const struct yc_user *u, int64_t project_id,
			       const char *stage, const char *item_code, int64_t *approval_id,
			       struct yc_err *err)
{
	struct add_ctx c;

	memset(&c, 0, sizeof c);
	c.u = u;
	c.project_id = project_id;
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (stage && stage[0] && (store_project_stage_index(stage) < 0 ||
				  store_project_stage_index(stage) >= YC_PROJECT_STAGES)) {
		yc_err_set(err, YC_EINVAL, "%s", _("That is not a stage of a construction project."));
		return -1;
	}
	yc_strlcpy(c.stage, stage ? stage : "", sizeof c.stage);
	if (!trim_copy(item_code, c.code, sizeof c.code) || !c.code[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the code of a catalogue item, e.g. ZRZY-003."));
		return -1;
	}
	if (store_run(st, 1, construction_tx_add, &c, err) < 0)
		return -1;
	if (approval_id)
		*approval_id = c.id;
	return 0;
}

/* Changing an approval's status --------------------------------------------------------- */

struct set_ctx {
	const struct yc_user *u;
	int64_t id;
	const char *seen_status, *seen_at;
	const char *status;
	char document[64], note[512];
	char now[20];
};

static const char SQL_APPROVAL_UPDATE[] =
	"UPDATE project_approvals SET status = ?2,"
	" document_number = CASE WHEN ?2 = 'approved' THEN ?3 ELSE document_number END,"
	" note = ?4, updated_by = ?5, updated_at = ?6"
	" WHERE id = ?1 AND status = ?7 AND coalesce(updated_at, '') = ?8";

struct approval_state {
	int64_t project_id;
	char stage[16], status[12], updated_at[20], updated_by[64];
	char item_code[24], item[128];
	char project[48], project_stage[16];
	char case_number[24];         /* "" while no case answers it */
};

/* Its columns, declared once: SQL_APPROVAL_STATE selects them in this order. */
static const struct store_col approval_state_cols[] = {
	STORE_COL_INT64(struct approval_state, project_id, "a.project_id"),
	STORE_COL_TEXT(struct approval_state, stage, "a.stage"),
	STORE_COL_TEXT(struct approval_state, status, APPROVAL_STATUS),   /* as the screen shows it */
	STORE_COL_TEXT(struct approval_state, updated_at, "coalesce(a.updated_at, '')"),
	STORE_COL_TEXT(struct approval_state, updated_by, "coalesce(u.full_name, '')"),
	STORE_COL_TEXT(struct approval_state, item_code, "i.code"),
	STORE_COL_TEXT(struct approval_state, item, "i.name"),
	STORE_COL_TEXT(struct approval_state, project, "p.code"),
	STORE_COL_TEXT(struct approval_state, project_stage, "p.stage"),
	STORE_COL_TEXT(struct approval_state, case_number,
		       "CASE WHEN a.case_id IS NULL THEN '' ELSE coalesce((SELECT coalesce(case_number, '-')"
		       " FROM cases WHERE id = a.case_id), '-') END"),
};
static const char SQL_APPROVAL_STATE[] =
	"SELECT a.project_id, a.stage, " APPROVAL_STATUS ", coalesce(a.updated_at, ''), coalesce(u.full_name, ''),"
	" i.code, i.name, p.code, p.stage,"
	" CASE WHEN a.case_id IS NULL THEN '' ELSE coalesce((SELECT coalesce(case_number, '-')"
	" FROM cases WHERE id = a.case_id), '-') END"
	" FROM project_approvals a JOIN service_items i ON i.id = a.item_id JOIN projects p ON p.id = a.project_id"
	" LEFT JOIN users u ON u.id = a.updated_by WHERE a.id = ?1";

static int read_approval_state(struct yc_store *st, int64_t id, struct approval_state *a, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_APPROVAL_STATE);
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, id);
	if ((rc = db_step(s)) == DB_ROW)
		store_map_row(s, approval_state_cols, (int)YC_ARRAY_LEN(approval_state_cols), a);
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("There is no such approval; look at the project again."));
		return -1;
	}
	return rc == DB_ROW ? SQLITE_OK : rc;
}

/* An approval whose case was refused (at the window or by its department)
 * is applied for again: the link goes, and the combined intake takes it
 * up anew (F6 there), as a new case. */
static const char SQL_APPROVAL_UNLINK[] =
	"UPDATE project_approvals SET case_id = NULL, status = 'pending', note = ?2, updated_by = ?3, updated_at = ?4"
	" WHERE id = ?1 AND case_id IS NOT NULL";

static int construction_tx_apply_again(struct yc_store *st, struct set_ctx *c, const struct approval_state *a,
				       struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_APPROVAL_UNLINK);
	char old[64];
	int rc;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->note);
	db_bind_int64(s, 3, c->u->id);
	db_bind_text(s, 4, c->now);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, _("%s %s was changed meanwhile; look again."), a->item_code, a->item);
		return -1;
	}
	snprintf(old, sizeof old, "%s refused %s", a->item_code, a->case_number);
	return store_event(st, c->u->id, "project", a->project_id, "approval", old, "pending: apply again");
}

static int construction_tx_set_status(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct set_ctx *c = vctx;
	struct approval_state a;
	db_stmt *s;
	char old[64], value[700];
	int rc;

	memset(&a, 0, sizeof a);
	if ((rc = read_approval_state(st, c->id, &a, err)) != SQLITE_OK)
		return rc;
	if (a.case_number[0] && !(strcmp(a.status, "refused") == 0 && strcmp(c->status, "applied") == 0)) {
		yc_err_set(err, YC_EINVAL,
			   _("%s %s was accepted as case %s: its department decides it in the back office."),
			   a.item_code, a.item, a.case_number);
		return -1;
	}
	if (a.case_number[0])   /* refused: applied for again, as a new case */
		return construction_tx_apply_again(st, c, &a, err);
	if (strcmp(a.status, c->seen_status) != 0 || strcmp(a.updated_at, c->seen_at) != 0) {
		yc_err_set(err, YC_ECONFLICT, _("%s %s was changed meanwhile by %s at %.16s: it is now %s. Look again."),
			   a.item_code, a.item, a.updated_by[0] ? a.updated_by : _("another station"),
			   a.updated_at[0] ? a.updated_at : "-", store_approval_status_label(a.status));
		return -1;
	}
	if (strcmp(a.stage, a.project_stage) != 0) {
		yc_err_set(err, YC_EINVAL,
			   _("%s belongs to the %s stage, but project %s is at the %s stage; only approvals of the current stage change."),
			   a.item_code, store_project_stage_label(a.stage), a.project, store_project_stage_label(a.project_stage));
		return -1;
	}
	if (!(s = store_prep(st, SQL_APPROVAL_UPDATE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->status);
	db_bind_text(s, 3, c->document);
	db_bind_text(s, 4, c->note);
	db_bind_int64(s, 5, c->u->id);
	db_bind_text(s, 6, c->now);
	db_bind_text(s, 7, c->seen_status);
	db_bind_text(s, 8, c->seen_at);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	if (store_changes(st) == 0) {
		yc_err_set(err, YC_ECONFLICT, _("%s %s was changed meanwhile; look again."), a.item_code, a.item);
		return -1;
	}
	snprintf(old, sizeof old, "%s %s", a.item_code, a.status);
	snprintf(value, sizeof value, "%s %s%s%s", a.item_code, c->status,
		 c->document[0] || c->note[0] ? " " : "", strcmp(c->status, "approved") == 0 ? c->document : c->note);
	return store_event(st, c->u->id, "project", a.project_id, "approval", old, value);
}

int store_project_approval_set(struct yc_store *st, const struct yc_user *u, int64_t approval_id,
			       const char *seen_status, const char *seen_at, const struct yc_approval_change *ch,
			       struct yc_err *err)
{
	struct set_ctx c;

	memset(&c, 0, sizeof c);
	c.u = u;
	c.id = approval_id;
	c.seen_status = seen_status ? seen_status : "";
	c.seen_at = seen_at ? seen_at : "";
	c.status = ch->status ? ch->status : "";
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!store_approval_allowed(c.seen_status, c.status)) {
		yc_err_set(err, YC_EINVAL, _("An approval that is %s cannot become %s (pending, then applied, then approved or refused; a refused one may be applied again)."),
			   store_approval_status_label(c.seen_status), store_approval_status_label(c.status));
		return -1;
	}
	if (!trim_copy(ch->document_number, c.document, sizeof c.document)) {
		yc_err_set(err, YC_EINVAL, "%s", _("The document number is too long."));
		return -1;
	}
	if (!trim_copy(ch->note, c.note, sizeof c.note)) {
		yc_err_set(err, YC_EINVAL, "%s", _("The note is too long."));
		return -1;
	}
	if (strcmp(c.status, "approved") == 0 && !c.document[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the number of the approval document."));
		return -1;
	}
	if (strcmp(c.status, "refused") == 0 && !c.note[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please give the reason the approval was refused."));
		return -1;
	}
	yc_now(c.now);
	return store_run(st, 1, construction_tx_set_status, &c, err);
}

/* Moving to the next stage ------------------------------------------------------------------ */

struct advance_ctx {
	const struct yc_user *u;
	int64_t id;
	const char *from;
	char to[16];
	int added;
};

static const char SQL_STAGE_OPEN[] =
	"SELECT code, name, status FROM (SELECT i.code, i.name, " APPROVAL_STATUS " AS status"
	" FROM project_approvals a JOIN service_items i ON i.id = a.item_id"
	" WHERE a.project_id = ?1 AND a.stage = ?2) AS stage WHERE status <> 'approved' ORDER BY code";
static const char SQL_STAGE_TOTAL[] = "SELECT count(*) FROM project_approvals WHERE project_id = ?1 AND stage = ?2";
static const char SQL_STAGE_SET[] =
	"UPDATE projects SET stage = ?2, version = version + 1 WHERE id = ?1 AND stage = ?3";

/* Inside a transaction: the approvals of the stage not yet approved, as
 * "CODE name (status)" joined with "; ", and how many. */
static int stage_missing(struct yc_store *st, int64_t id, const char *stage, char *out, size_t n, int *count)
{
	db_stmt *s = store_prep(st, SQL_STAGE_OPEN);
	char line[300];
	int rc;

	if (!s)
		return st->rc;
	out[0] = '\0';
	*count = 0;
	db_bind_int64(s, 1, id);
	db_bind_text_copy(s, 2, stage);
	while ((rc = db_step(s)) == DB_ROW) {
		snprintf(line, sizeof line, "%s%s %s (%s)", *count ? "; " : "", db_col_text(s, 0),
			 db_col_text(s, 1), store_approval_status_label(db_col_text(s, 2)));
		/* an entry that does not fit whole is left out, marked once */
		if (strlen(out) + strlen(line) + 8 < n)
			yc_join(out, n, "", line);
		else if (!strstr(out, "; ..."))
			yc_join(out, n, "", "; ...");
		(*count)++;
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

static int construction_tx_advance(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct advance_ctx *c = vctx;
	struct project_head h;
	db_stmt *s;
	char missing[320];
	int rc, at, open_n = 0, total = 0;

	if ((rc = construction_tx_read_head(st, c->id, &h, err)) != SQLITE_OK)
		return rc;
	if (strcmp(h.stage, c->from) != 0) {
		yc_err_set(err, YC_ECONFLICT, _("Project %s was moved to the %s stage meanwhile; look again."), h.code,
			   store_project_stage_label(h.stage));
		return -1;
	}
	at = store_project_stage_index(h.stage);
	if (at < 0 || at >= YC_PROJECT_STAGES) {
		yc_err_set(err, YC_EINVAL, _("Project %s is done; there is no next stage."), h.code);
		return -1;
	}
	if (!(s = store_prep(st, SQL_STAGE_TOTAL)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text_copy(s, 2, h.stage);
	if ((rc = db_step(s)) == DB_ROW)
		total = db_col_int(s, 0);
	db_reset(s);
	if (rc != DB_ROW)
		return rc;
	if (total == 0) {
		yc_err_set(err, YC_EINVAL, _("The %s stage of project %s has no approvals; add them first."),
			   store_project_stage_label(h.stage), h.code);
		return -1;
	}
	if ((rc = stage_missing(st, c->id, h.stage, missing, sizeof missing, &open_n)) != SQLITE_OK)
		return rc;
	if (open_n > 0) {
		yc_err_set(err, YC_EINVAL, _("Project %s stays at the %s stage: %d of %d approvals are not approved yet: %s."),
			   h.code, store_project_stage_label(h.stage), open_n, total, missing);
		return -1;
	}
	yc_strlcpy(c->to, stage_codes[at + 1], sizeof c->to);
	if (!(s = store_prep(st, SQL_STAGE_SET)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->to);
	db_bind_text_copy(s, 3, h.stage);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	c->added = 0;
	if (at + 1 < YC_PROJECT_STAGES && (rc = plan_stage(st, c->id, c->to, &c->added)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "project", c->id, "stage", h.stage, c->to);
}

int store_project_advance(struct yc_store *st, const struct yc_user *u, int64_t project_id,
			  const char *from_stage, char to_stage[16], int *added, struct yc_err *err)
{
	struct advance_ctx c = { u, project_id, from_stage ? from_stage : "", "", 0 };

	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (store_run(st, 1, construction_tx_advance, &c, err) < 0)
		return -1;
	if (to_stage)
		yc_strlcpy(to_stage, c.to, 16);
	if (added)
		*added = c.added;
	return 0;
}

/* Online declaration guidance ------------------------------------------------------------- */

struct guidance_ctx {
	const struct yc_user *u;
	int64_t id;
	char note[512];
};

static const char SQL_GUIDANCE_OLD[] = "SELECT online_guided, guidance_note FROM projects WHERE id = ?1";
static const char SQL_GUIDANCE_SET[] =
	"UPDATE projects SET online_guided = 1, guidance_note = ?2, version = version + 1 WHERE id = ?1";

static int construction_tx_guidance(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct guidance_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_GUIDANCE_OLD);
	char old[600] = "";
	int rc, guided = 0;

	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	if ((rc = db_step(s)) == DB_ROW) {
		guided = db_col_int(s, 0);
		store_col_text(s, 1, old, sizeof old);
	}
	db_reset(s);
	if (rc == DB_DONE) {
		yc_err_set(err, YC_EINVAL, "%s", _("There is no such construction project; it may have been removed."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	if (!(s = store_prep(st, SQL_GUIDANCE_SET)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->note);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	return store_event(st, c->u->id, "project", c->id, "guidance", guided ? old : NULL, c->note);
}

int store_project_guidance(struct yc_store *st, const struct yc_user *u, int64_t project_id, const char *note,
			   struct yc_err *err)
{
	struct guidance_ctx c;

	memset(&c, 0, sizeof c);
	c.u = u;
	c.id = project_id;
	if (auth_require(u, PERM_SPECIAL, err) < 0)
		return -1;
	if (!trim_copy(note, c.note, sizeof c.note)) {
		yc_err_set(err, YC_EINVAL, "%s", _("The note is too long."));
		return -1;
	}
	return store_run(st, 1, construction_tx_guidance, &c, err);
}

/* Results delivered together (第二十六条) ----------------------------------------------- */

/* The approvals of the same project and stage as the one case_id
 * answers that no department has decided yet. */
static const char SQL_STAGE_UNDECIDED[] =
	"SELECT count(*) FROM project_approvals a WHERE a.id <> (SELECT id FROM project_approvals WHERE case_id = ?1)"
	" AND (a.project_id, a.stage) = (SELECT project_id, stage FROM project_approvals WHERE case_id = ?1)"
	" AND " APPROVAL_STATUS " NOT IN ('approved', 'refused')";

int store_stage_results_held_tx(struct yc_store *st, int64_t case_id, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_INT(case_id) };
	long undecided;
	int rc = store_count_tx(st, SQL_STAGE_UNDECIDED, p, 1, &undecided);

	if (rc != SQLITE_OK)
		return rc;
	if (undecided > 0) {
		yc_err_set(err, YC_EINVAL,
			   _("This is one of a construction project's approvals: the stage's results go out together, and %ld of them are still with the departments."),
			   undecided);
		return -1;
	}
	return SQLITE_OK;
}
