/* Construction projects against a real database: a project starts with the
 * land-use planning stage's approvals, moves on only when all of its stage
 * are approved (the refusal names those missing), through every stage in
 * order; codes are unique; a refused approval is applied again; a guide may
 * not change anything; two stations changing the same approval conflict. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intake.h"
#include "store-backoffice.h"
#include "store-construction.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-slips.h"
#include "store-special.h"
#include "store-users.h"
#include "testdb.h"

#define MAX_APPROVALS 32

static int64_t new_project(struct yc_store *st, const struct yc_user *u, const char *code, int *approvals)
{
	struct yc_project_new p = { code, "乌审旗嘎鲁图镇萨拉乌苏路市政道路改造工程", "乌审旗城市建设投资有限公司",
				    "乌审旗嘎鲁图镇萨拉乌苏路", "WSQ" };
	struct yc_err err;
	int64_t id = 0;

	ck_assert_msg(store_project_create(st, u, &p, &id, approvals, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(id, 0);
	return id;
}

/* The approval of an item in a stage, as the screen would show it. */
static struct yc_project_approval find(struct yc_store *st, int64_t project, const char *stage, const char *code)
{
	struct yc_project_approval rows[MAX_APPROVALS];
	struct yc_err err;
	int n, i;

	ck_assert_msg(store_project_approvals(st, project, stage, rows, MAX_APPROVALS, &n, &err) == 0, "%s", err.msg);
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].item_code, code) == 0)
			return rows[i];
	ck_abort_msg("%s is not in the %s stage", code, stage);
	return rows[0];
}

static int set(struct yc_store *st, const struct yc_user *u, const struct yc_project_approval *a, const char *status,
	       const char *doc, const char *note, struct yc_err *err)
{
	struct yc_approval_change c = { status, doc, note };

	return store_project_approval_set(st, u, a->id, a->status, a->updated_at, &c, err);
}

/* Every approval of the stage applied, then approved. */
static void approve_all(struct yc_store *st, const struct yc_user *u, int64_t project, const char *stage)
{
	struct yc_project_approval rows[MAX_APPROVALS];
	struct yc_err err;
	int n, i;

	ck_assert_int_eq(store_project_approvals(st, project, stage, rows, MAX_APPROVALS, &n, &err), 0);
	ck_assert_int_gt(n, 0);
	for (i = 0; i < n; i++) {
		struct yc_project_approval a;

		if (strcmp(rows[i].status, "approved") == 0)
			continue;
		if (strcmp(rows[i].status, "applied") != 0)
			ck_assert_msg(set(st, u, &rows[i], "applied", NULL, "已网上申报", &err) == 0, "%s", err.msg);
		a = find(st, project, stage, rows[i].item_code);
		ck_assert_msg(set(st, u, &a, "approved", "乌审批字〔2026〕1号", NULL, &err) == 0, "%s", err.msg);
	}
}

START_TEST(a_new_project_starts_with_the_land_use_approvals)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_project_approval rows[MAX_APPROVALS];
	struct yc_project p, list[10];
	struct yc_err err;
	int n, approvals = 0, i;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000101", &approvals);

	ck_assert_int_eq(approvals, 3);
	ck_assert_int_eq(store_project_approvals(st, id, "land_use", rows, MAX_APPROVALS, &n, &err), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(rows[0].item_code, "STHJ-001");
	ck_assert_str_eq(rows[1].item_code, "ZRZY-001");
	ck_assert_str_eq(rows[2].item_code, "ZRZY-002");
	for (i = 0; i < n; i++) {
		ck_assert_str_eq(rows[i].status, "pending");
		ck_assert_str_eq(rows[i].updated_at, "");
		ck_assert_str_ne(rows[i].department, "");
	}
	ck_assert_int_eq(store_project_approvals(st, id, "permit", rows, MAX_APPROVALS, &n, &err), 0);
	ck_assert_int_eq(n, 0);
	ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
	ck_assert_str_eq(p.code, "2026-150626-48-01-000101");
	ck_assert_str_eq(p.stage, "land_use");
	ck_assert_str_eq(p.builder, "乌审旗城市建设投资有限公司");
	ck_assert_str_eq(p.created_by, "受理员 孙晓梅");
	ck_assert_int_eq(p.total[0], 3);
	ck_assert_int_eq(p.approved[0], 0);
	ck_assert_int_eq(p.total[1], 0);
	ck_assert_int_eq(p.online_guided, 0);
	ck_assert_int_eq(store_projects_page(st, "WSQ", NULL, 1, list, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(list[0].id, id);
	ck_assert_int_eq(list[0].total[0], 3);
	ck_assert_int_eq(store_project_get(st, id + 100, &p, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project' AND action = 'create'"), 1);
	store_close(st);
}
END_TEST

START_TEST(an_approval_is_a_case_its_department_decides_and_the_stage_goes_out_together)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake"), pickup = user(st, "pickup"), land;
	struct yc_decision approve = { CA_APPROVE, "用字第150626202600001号", "2026-12-01", NULL, NULL };
	struct yc_approval_change applied = { "applied", NULL, NULL }, ok = { "approved", "环审〔2026〕1号", NULL };
	struct yc_project_approval a, b;
	struct yc_slip_row slip;
	struct yc_err err;
	char to[16];
	long waiting;
	int64_t id, case_id;
	int added;

	pin_clock("2026-11-27 10:00");
	/* a reviewer of the land department (自然资源局), who decides its items */
	exec(path, "INSERT INTO users(login, full_name, role, department_id, site_id, password_hash)"
		   " VALUES ('land', '审批员 白云', 'reviewer', 2, 1, 'x')");
	land = user(st, "land");
	id = new_project(st, &clerk, "2026-150626-48-01-000001", NULL);
	ck_assert_int_eq(store_special_count(st, "WSQ", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 3);   /* the land-use stage's three approvals */

	a = find(st, id, "land_use", "ZRZY-001");
	case_id = accept_special(st, "approval", a.id);
	/* the builder is the applicant, an organisation */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM cases c JOIN applicants p ON p.id = c.applicant_id"
				   " WHERE c.id = (SELECT max(id) FROM cases) AND p.kind = 'organisation'"
				   " AND p.name = '乌审旗城市建设投资有限公司'"), 1);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "applied");
	ck_assert_str_ne(a.case_number, "");
	ck_assert_str_eq(a.promised_date, query_text(path, "SELECT promised_date FROM cases ORDER BY id DESC LIMIT 1",
						     (char[11]){ 0 }, 11));
	ck_assert_int_eq(store_special_count(st, "WSQ", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 2);
	/* taken: neither a second window nor the tracker's clerk decides it */
	ck_assert_int_eq(store_special_start(st, "approval", a.id, "2026-11-27", &(struct intake){ 0 }, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_int_eq(store_project_approval_set(st, &clerk, a.id, a.status, a.updated_at, &ok, &err), -1);
	ck_assert_msg(strstr(err.msg, "back office") != NULL, "%s", err.msg);

	/* the department's own reviewer decides; the approval follows */
	slip = waiting_slip(st, "to_department", case_id);
	ck_assert_msg(store_slip_handover(st, &clerk, &land, slip.id, slip.version, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_case_decide(st, &land, case_id, &approve, &err) == 0, "%s", err.msg);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "approved");
	ck_assert_str_eq(a.document_number, "用字第150626202600001号");
	slip = waiting_slip(st, "to_pickup", case_id);
	ck_assert_msg(store_slip_handover(st, &land, &pickup, slip.id, slip.version, &err) == 0, "%s", err.msg);

	/* the stage's results go out together: not while two are undecided */
	ck_assert_int_eq(store_pickup_notify(st, &pickup, case_id, "请领取", &err), -1);
	ck_assert_msg(strstr(err.msg, "2 of them") != NULL, "%s", err.msg);
	b = find(st, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(store_project_approval_set(st, &clerk, b.id, b.status, b.updated_at, &applied, &err), 0);
	b = find(st, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(store_project_approval_set(st, &clerk, b.id, b.status, b.updated_at, &ok, &err), 0);
	b = find(st, id, "land_use", "STHJ-001");
	ck_assert_int_eq(store_project_approval_set(st, &clerk, b.id, b.status, b.updated_at, &applied, &err), 0);
	b = find(st, id, "land_use", "STHJ-001");
	ck_assert_int_eq(store_project_approval_set(st, &clerk, b.id, b.status, b.updated_at, &ok, &err), 0);
	ck_assert_msg(store_pickup_notify(st, &pickup, case_id, "请领取", &err) == 0, "%s", err.msg);
	/* and the stage is complete: the project moves on */
	ck_assert_msg(store_project_advance(st, &clerk, id, "land_use", to, &added, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(to, "permit");
	store_close(st);
}
END_TEST

/* An approval whose case was not accepted at the window is refused; the
 * construction window applies for it again, and the combined intake takes
 * it up anew as a new case. */
START_TEST(a_refused_approval_case_is_applied_for_again)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_outcome_req refuse = { OUTCOME_REFUSE, "WSQ", "不属于本阶段审批范围", notice_number_only, NULL, 0 };
	struct yc_approval_change applied = { "applied", NULL, NULL };
	struct yc_outcome_result r;
	struct yc_project_approval a;
	struct intake in;
	struct yc_err err;
	long waiting;
	int64_t id;

	pin_clock("2026-11-27 10:00");
	id = new_project(st, &clerk, "2026-150626-48-01-000002", NULL);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_int_eq(store_special_start(st, "approval", a.id, "2026-11-27", &in, &err), 0);
	strcpy(in.a.id_number, "91350100M000100Y43");
	strcpy(in.a.phone, "04778661234");
	strcpy(in.a.legal_rep, "高建军");
	ck_assert_msg(store_intake_commit(st, &clerk, &in, &refuse, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "refused");
	ck_assert_int_eq(store_special_count(st, "WSQ", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 2);
	ck_assert_msg(store_project_approval_set(st, &clerk, a.id, a.status, a.updated_at, &applied, &err) == 0, "%s",
		      err.msg);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.case_number, "");
	ck_assert_int_eq(store_special_count(st, "WSQ", &waiting, &err), 0);
	ck_assert_int_eq(waiting, 3);
	accept_special(st, "approval", a.id);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "applied");
	store_close(st);
}
END_TEST

START_TEST(advancing_waits_until_every_approval_is_approved)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_project_approval a;
	struct yc_project p;
	struct yc_err err;
	char to[16] = "";
	int added = -1;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000102", NULL);

	/* all pending: refused, naming them */
	ck_assert_int_eq(store_project_advance(st, &clerk, id, "land_use", to, &added, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "ZRZY-001") && strstr(err.msg, "ZRZY-002") && strstr(err.msg, "STHJ-001"), "%s",
		      err.msg);

	/* two approved, one refused: the refused one blocks and is named */
	a = find(st, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "", &err), 0);
	a = find(st, id, "land_use", "ZRZY-002");
	ck_assert_msg(set(st, &clerk, &a, "refused", NULL, "规划条件不符", &err) == 0, "%s", err.msg);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "", &err), 0);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "乌自然资预〔2026〕3号", NULL, &err), 0);
	a = find(st, id, "land_use", "STHJ-001");
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "", &err), 0);
	a = find(st, id, "land_use", "STHJ-001");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "乌环审表〔2026〕7号", NULL, &err), 0);
	ck_assert_int_eq(store_project_advance(st, &clerk, id, "land_use", to, &added, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "ZRZY-002") && !strstr(err.msg, "ZRZY-001") && !strstr(err.msg, "STHJ-001"),
		      "%s", err.msg);
	ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
	ck_assert_str_eq(p.stage, "land_use");
	ck_assert_int_eq(p.approved[0], 2);
	ck_assert_int_eq(p.refused[0], 1);

	/* applied again and approved: now it moves on, with the next plan */
	a = find(st, id, "land_use", "ZRZY-002");
	ck_assert_msg(set(st, &clerk, &a, "applied", NULL, "补正后重新申报", &err) == 0, "%s", err.msg);
	a = find(st, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "地字第150626202600012号", NULL, &err), 0);
	ck_assert_msg(store_project_advance(st, &clerk, id, "land_use", to, &added, &err) == 0, "%s", err.msg);
	ck_assert_str_eq(to, "permit");
	ck_assert_int_eq(added, 3);
	ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
	ck_assert_str_eq(p.stage, "permit");
	ck_assert_int_eq(p.total[1], 3);
	ck_assert_int_eq(p.approved[1], 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project' AND action = 'stage'"
				    " AND old_value = 'land_use' AND new_value = 'permit'"), 1);
	/* the stage the clerk saw is gone: a second press conflicts */
	ck_assert_int_eq(store_project_advance(st, &clerk, id, "land_use", to, &added, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	store_close(st);
}
END_TEST

START_TEST(stages_come_in_order_until_done)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	static const char *const order[] = { "land_use", "permit", "construction", "completion", "done" };
	struct yc_project_approval a;
	struct yc_project p;
	struct yc_err err;
	char to[16], text[300];
	int i, added;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000104", NULL), extra = 0;

	for (i = 0; i < 5; i++) {
		ck_assert_str_eq(store_project_stage_code(i), order[i]);
		ck_assert_int_eq(store_project_stage_index(order[i]), i);
	}
	ck_assert_ptr_null(store_project_stage_code(5));
	ck_assert_int_eq(store_project_stage_index("nonsense"), -1);

	/* planned ahead: an item for the construction stage, not twice */
	ck_assert_msg(store_project_approval_add(st, &clerk, id, "construction", "sthj-001", &extra, &err) == 0, "%s",
		      err.msg);
	ck_assert_int_gt(extra, 0);
	ck_assert_int_eq(store_project_approval_add(st, &clerk, id, "construction", "STHJ-001", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EEXISTS);
	ck_assert_int_eq(store_project_approval_add(st, &clerk, id, "", "NO-SUCH-1", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	/* a later stage's approval does not change before its stage */
	a = find(st, id, "construction", "STHJ-001");
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);

	for (i = 0; i < 4; i++) {
		ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
		ck_assert_str_eq(p.stage, order[i]);
		/* skipping ahead is impossible: only from the stage it is at */
		if (i + 2 < 5) {
			ck_assert_int_eq(store_project_advance(st, &clerk, id, order[i + 1], to, &added, &err), -1);
			ck_assert_int_eq(err.code, YC_ECONFLICT);
		}
		approve_all(st, &clerk, id, order[i]);
		ck_assert_msg(store_project_advance(st, &clerk, id, order[i], to, &added, &err) == 0, "%s", err.msg);
		ck_assert_str_eq(to, order[i + 1]);
		if (i == 0) {
			/* a passed stage takes no more approvals */
			ck_assert_int_eq(store_project_approval_add(st, &clerk, id, "land_use", "SLJ-003", NULL, &err), -1);
			ck_assert_int_eq(err.code, YC_EINVAL);
		}
	}
	ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
	ck_assert_str_eq(p.stage, "done");
	ck_assert_int_eq(p.total[2], 2);          /* ZJJ-001 planned, STHJ-001 added */
	ck_assert_int_eq(p.approved[2], 2);
	ck_assert_int_eq(p.total[3], 1);
	ck_assert_int_eq(store_project_advance(st, &clerk, id, "done", to, &added, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_project_approval_add(st, &clerk, id, "", "ZJJ-002", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_str_eq(query_text(path, "SELECT group_concat(old_value || '>' || new_value, ',') FROM (SELECT"
				    " old_value, new_value FROM events WHERE entity = 'project' AND action = 'stage' ORDER BY id) AS e",
				    text, sizeof text),
			 "land_use>permit,permit>construction,construction>completion,completion>done");
	store_close(st);
}
END_TEST

START_TEST(a_project_code_is_taken_once)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_project_new again = { " 2026-150626-48-01-000105 ", "另一个项目", "某公司", "某地", "WSQ" };
	struct yc_project_new no_code = { "", "另一个项目", "某公司", "某地", "WSQ" };
	struct yc_project_new spaced = { "2026 150626", "另一个项目", "某公司", "某地", "WSQ" };
	struct yc_project_new no_builder = { "2026-150626-48-01-000106", "另一个项目", " ", "某地", "WSQ" };
	struct yc_err err;

	new_project(st, &clerk, "2026-150626-48-01-000105", NULL);
	ck_assert_int_eq(store_project_create(st, &clerk, &again, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EEXISTS);
	ck_assert_msg(strstr(err.msg, "2026-150626-48-01-000105") && strstr(err.msg, "萨拉乌苏路"), "%s", err.msg);
	ck_assert_int_eq(store_project_create(st, &clerk, &no_code, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_project_create(st, &clerk, &spaced, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_project_create(st, &clerk, &no_builder, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM projects"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM project_approvals"), 3);
	store_close(st);
}
END_TEST

START_TEST(a_refused_approval_is_applied_again)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_project_approval a;
	struct yc_err err;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000107", NULL);

	ck_assert(store_approval_allowed("pending", "applied"));
	ck_assert(store_approval_allowed("refused", "applied"));
	ck_assert(!store_approval_allowed("pending", "approved"));
	ck_assert(!store_approval_allowed("approved", "applied"));
	ck_assert(!store_approval_allowed("refused", "approved"));

	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "X-1", NULL, &err), -1);   /* not applied yet */
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "网上申报号 NM2026-001", &err), 0);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "applied");
	ck_assert_str_eq(a.updated_by, "受理员 孙晓梅");
	ck_assert_int_eq(set(st, &clerk, &a, "refused", NULL, "", &err), -1);      /* a reason is needed */
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(set(st, &clerk, &a, "refused", NULL, "选址不符合国土空间规划", &err), 0);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "refused");
	ck_assert_str_eq(a.note, "选址不符合国土空间规划");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "X-1", NULL, &err), -1);  /* not from refused */
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(set(st, &clerk, &a, "applied", NULL, "调整选址后重新申报", &err), 0);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "applied");
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "", NULL, &err), -1);     /* a document number is needed */
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(set(st, &clerk, &a, "approved", "用字第150626202600031号", NULL, &err), 0);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_str_eq(a.status, "approved");
	ck_assert_str_eq(a.document_number, "用字第150626202600031号");
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project' AND action = 'approval'"),
			 4);
	store_close(st);
}
END_TEST

START_TEST(a_guide_may_not_change_projects)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake"), guide = user(st, "guide"), reviewer = user(st, "review");
	struct yc_project_new p = { "2026-150626-48-01-000108", "项目", "公司", "地点", "WSQ" };
	struct yc_approval_change c = { "applied", NULL, "" };
	struct yc_project_approval a;
	struct yc_err err;
	int64_t id;

	ck_assert_int_eq(store_project_create(st, &guide, &p, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_project_create(st, &reviewer, &p, NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM projects"), 0);
	id = new_project(st, &clerk, "2026-150626-48-01-000109", NULL);
	a = find(st, id, "land_use", "ZRZY-001");
	ck_assert_int_eq(store_project_approval_set(st, &guide, a.id, a.status, a.updated_at, &c, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_project_approval_add(st, &guide, id, "", "SLJ-003", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_project_advance(st, &guide, id, "land_use", NULL, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_project_guidance(st, &guide, id, "已指导", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM project_approvals WHERE status <> 'pending'"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project'"), 1);
	store_close(st);
}
END_TEST

START_TEST(the_second_station_setting_an_approval_conflicts)
{
	const char *path = make_db(1);
	struct yc_store *one = open_db(path, "unix", 2000), *two = open_db(path, "unix", 2000);
	struct yc_user clerk = user(one, "intake");
	struct yc_project_approval seen_one, seen_two;
	struct yc_err err;
	int64_t id = new_project(one, &clerk, "2026-150626-48-01-000110", NULL);

	/* both stations show the approval pending */
	seen_one = find(one, id, "land_use", "ZRZY-002");
	seen_two = find(two, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(set(one, &clerk, &seen_one, "applied", NULL, "一号窗口", &err), 0);
	ck_assert_int_eq(set(two, &clerk, &seen_two, "applied", NULL, "二号窗口", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_msg(strstr(err.msg, "ZRZY-002") && strstr(err.msg, "孙晓梅"), "%s", err.msg);
	/* again after a later change seen by one station only */
	seen_one = find(one, id, "land_use", "ZRZY-002");
	seen_two = find(two, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(set(one, &clerk, &seen_one, "refused", NULL, "材料不全", &err), 0);
	ck_assert_int_eq(set(two, &clerk, &seen_two, "approved", "X-2", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	/* looked again: it works */
	seen_two = find(two, id, "land_use", "ZRZY-002");
	ck_assert_int_eq(set(two, &clerk, &seen_two, "applied", NULL, "补齐材料", &err), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM project_approvals WHERE note = '补齐材料'"
				    " AND status = 'applied'"), 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project' AND action = 'approval'"),
			 3);
	store_close(one);
	store_close(two);
}
END_TEST

START_TEST(online_declaration_guidance_is_recorded)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_project p;
	struct yc_err err;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000111", NULL);

	ck_assert_int_eq(store_project_guidance(st, &clerk, id, "已指导在工程建设项目审批管理系统注册并网上申报", &err), 0);
	ck_assert_int_eq(store_project_get(st, id, &p, &err), 0);
	ck_assert_int_eq(p.online_guided, 1);
	ck_assert_str_eq(p.guidance_note, "已指导在工程建设项目审批管理系统注册并网上申报");
	ck_assert_int_eq(p.version, 2);
	ck_assert_int_eq(store_project_guidance(st, &clerk, id + 50, "x", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events WHERE entity = 'project' AND action = 'guidance'"
				    " AND old_value IS NULL"), 1);
	store_close(st);
}
END_TEST

/* 230 projects, the 30 oldest done: the list pages whole, those in
 * progress first, the newest first, to its last row and back; the store
 * counts them all and those in progress. The screen once stopped at 200. */
START_TEST(a_long_project_list_pages_to_its_last_row)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_project rows[50], last, back[10];
	const struct yc_project *from = NULL;
	struct yc_err err;
	long all, in_progress, seen = 0;
	int n, i;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 230)"
	     " INSERT INTO projects(id, code, name, builder, location, stage, created_by, created_at)"
	     " SELECT n, printf('2026-150626-48-01-%06d', n), '道路工程', '城投公司', '嘎鲁图镇',"
	     " CASE WHEN n <= 30 THEN 'done' ELSE 'permit' END, (SELECT min(id) FROM users), '2026-11-27 09:00:00'"
	     " FROM k");
	ck_assert_msg(store_projects_count(st, "", &all, &in_progress, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(all, 230);
	ck_assert_int_eq(in_progress, 200);
	do {
		ck_assert_msg(store_projects_page(st, "", from, 1, rows, 50, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++)   /* 230 down to 31, then 30 down to 1 */
			ck_assert_int_eq(rows[i].id, seen < 200 ? 230 - seen : 30 - (seen - 200));
		if (n > 0) {
			last = rows[n - 1];
			from = &last;
		}
	} while (n == 50);
	ck_assert_int_eq(seen, 230);
	ck_assert_int_eq(last.id, 1);
	ck_assert_int_eq(last.done, 1);
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_projects_page(st, "", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[0].id, 10);
	ck_assert_int_eq(back[9].id, 1);
	ck_assert_int_eq(store_projects_page(st, "", &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[0].id, 20);
	ck_assert_int_eq(back[9].id, 11);
	/* across the turn from those in progress to those done */
	ck_assert_int_eq(store_projects_page(st, "", &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(back[0].id, 30);
	ck_assert_int_eq(store_projects_page(st, "", &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(back[0].id, 40);
	ck_assert_int_eq(back[9].id, 31);
	store_close(st);
}
END_TEST

/* A project's approvals are bounded, so that the screen holds them all:
 * one added by hand is refused once the plan's later stages would no
 * longer fit within YC_PROJECT_MAX_APPROVALS. */
START_TEST(a_project_has_a_bounded_number_of_approvals)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	static struct yc_project_approval rows[YC_PROJECT_MAX_APPROVALS];
	struct yc_err err;
	char sql[400];
	int n, approvals = 0;
	int64_t id = new_project(st, &clerk, "2026-150626-48-01-000101", &approvals);

	snprintf(sql, sizeof sql, "INSERT INTO project_approvals(project_id, stage, item_id) SELECT %lld, 'completion', id"
		 " FROM service_items WHERE code NOT IN ('ZJJ-002') ORDER BY id LIMIT %d", (long long)id,
		 YC_PROJECT_MAX_APPROVALS - 9 - approvals);
	exec(path, sql);
	ck_assert_msg(store_project_approval_add(st, &clerk, id, "permit", "ZRZY-003", NULL, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_project_approval_add(st, &clerk, id, "permit", "SLJ-002", NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_project_approvals(st, id, NULL, rows, YC_PROJECT_MAX_APPROVALS, &n, &err), 0);
	ck_assert_int_eq(n, YC_PROJECT_MAX_APPROVALS - 8);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("construction");
	TCase *t = tcase_create("construction");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, a_new_project_starts_with_the_land_use_approvals);
	tcase_add_test(t, advancing_waits_until_every_approval_is_approved);
	tcase_add_test(t, stages_come_in_order_until_done);
	tcase_add_test(t, a_project_code_is_taken_once);
	tcase_add_test(t, a_refused_approval_is_applied_again);
	tcase_add_test(t, a_guide_may_not_change_projects);
	tcase_add_test(t, the_second_station_setting_an_approval_conflicts);
	tcase_add_test(t, online_declaration_guidance_is_recorded);
	tcase_add_test(t, a_long_project_list_pages_to_its_last_row);
	tcase_add_test(t, a_project_has_a_bounded_number_of_approvals);
	tcase_add_test(t, an_approval_is_a_case_its_department_decides_and_the_stage_goes_out_together);
	tcase_add_test(t, a_refused_approval_case_is_applied_for_again);
	suite_add_tcase(s, t);
	return run_suite(s);
}
