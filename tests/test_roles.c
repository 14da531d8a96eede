/* Who may do what, decided in the core: every screen opened as every
 * role, and every saving action of the screens tried as every role (and as
 * a reviewer of another department) on a demo hall. A refused action says
 * YC_EDENIED and changes nothing; an allowed one goes through. The
 * expected tables below are the hall's rules, written here on their own,
 * not read from the code. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "store-assess.h"
#include "store-assist.h"
#include "store-backoffice.h"
#include "store-catalog-edit.h"
#include "store-construction.h"
#include "store-guidance.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-remote.h"
#include "store-slips.h"
#include "store-users.h"
#include "testdb.h"
#include "ui.h"

/* The people: the seven roles, and a reviewer of another department. */
enum who { GUIDE, INTAKE, REVIEWER, OTHER_REVIEWER, PICKUP, SUPERVISOR, ADMIN, CONTRACTOR, WHO_COUNT };
static const char *const logins[WHO_COUNT] = { "guide", "intake", "review", "review2", "pickup", "super", "admin",
					       "contractor" };
#define W(x) (1u << (x))
#define EVERYONE (W(WHO_COUNT) - 1)

/* Screens --------------------------------------------------------------------------- */

static const struct {
	const char *screen;
	unsigned who;
} screens[] = {
	{ "login", EVERYONE },
	{ "menu", EVERYONE },
	{ "passwd", EVERYONE },
	{ "board", EVERYONE },
	{ "kiosk", EVERYONE },
	{ "query", EVERYONE },
	{ "rate", EVERYONE },      /* the citizen at the window, no login (as the kiosk) */
	{ "catalog", EVERYONE },
	{ "guidance", W(GUIDE) | W(INTAKE) },
	{ "intake", W(INTAKE) },
	{ "bundle", W(INTAKE) },
	{ "remote", W(INTAKE) },
	{ "construction", W(INTAKE) },
	{ "assist", W(INTAKE) },
	{ "queue", W(INTAKE) | W(PICKUP) },
	{ "slips", W(INTAKE) | W(REVIEWER) | W(OTHER_REVIEWER) | W(PICKUP) },
	{ "backoffice", W(REVIEWER) | W(OTHER_REVIEWER) },
	{ "questions", W(REVIEWER) | W(OTHER_REVIEWER) },
	{ "catalog_edit", W(REVIEWER) | W(OTHER_REVIEWER) | W(ADMIN) },
	{ "pickup", W(PICKUP) },
	{ "followups", W(SUPERVISOR) },
	{ "assessment", W(SUPERVISOR) | W(CONTRACTOR) },
	{ "reports", W(SUPERVISOR) | W(ADMIN) },
	{ "admin", W(ADMIN) },
};

static const char *const roles_of[WHO_COUNT] = { "guide", "intake", "reviewer", "reviewer", "pickup",
						 "supervisor", "admin", "contractor" };

START_TEST(every_screen_opens_for_its_roles_only)
{
	size_t i, k;
	int w;

	for (i = 0; i < ui_screen_count(); i++) {
		const struct yc_screen_ops *ops = ui_screen_at(i);

		for (k = 0; k < YC_ARRAY_LEN(screens) && strcmp(screens[k].screen, ops->name) != 0; k++)
			;
		ck_assert_msg(k < YC_ARRAY_LEN(screens), "screen %s: who may open it is not written down here",
			      ops->name);
		for (w = 0; w < WHO_COUNT; w++) {
			struct yc_user u;
			struct yc_err err;
			int may;

			memset(&u, 0, sizeof u);
			strcpy(u.role, roles_of[w]);
			may = ops->public || auth_require(&u, ops->perm, &err) == 0;
			ck_assert_msg(may == !!(screens[k].who & W(w)), "screen %s as %s: %s", ops->name, logins[w],
				      may ? "opens, should not" : "refused, should open");
		}
	}
}
END_TEST

/* Actions --------------------------------------------------------------------------- */

/* One demo hall, and what the actions act on. */
struct fx {
	const char *path;
	struct yc_store *st;
	int64_t accepted_slip, slip_version;     /* an accepted case's slip to department 1 */
	int64_t in_department;                   /* a case of department 1, being examined */
	int64_t at_pickup;                       /* a result waiting at the pickup window */
	char at_pickup_id_number[24];
	int64_t item_of_department;              /* an item of department 1 */
	int64_t question;                        /* a question escalated to department 1 */
	long rule;                               /* an assessment rule */
	int64_t objection;                       /* the contractor's objection to October's signed sheet */
	int64_t bad_rating;                      /* a citizen's bad rating, open */
};

static int64_t id_of(const char *path, const char *sql)
{
	long v = query_long(path, sql);

	ck_assert_msg(v > 0, "the demo hall has none of: %s", sql);
	return v;
}

/* The demo hall every fixture starts from, made once: the second
 * reviewer and intake clerk, a guide's question for department 1 and a
 * ticket waiting. Each fixture works on a copy of it (copy_db), which is
 * much quicker than making a hall each time. */
static const char *hall_template(void)
{
	static char path[256];
	struct yc_user guide;
	struct yc_consultation c = { 0, "escalated", 0, "住宅可以作为经营场所吗？", 1, NULL, "WSQ" };
	struct yc_store *st;
	struct yc_err err;
	char number[16];
	static struct yc_assessment_sheet october;   /* large: not on the stack */
	struct yc_user super;

	if (path[0])
		return path;
	snprintf(path, sizeof path, "%s", make_db(1));
	exec(path, "INSERT INTO users(login, full_name, role, department_id, password_hash)"
		   " VALUES ('review2', '审批员 二', 'reviewer', 2, 'x'), ('intake2', '受理员 二', 'intake', NULL, 'x')");
	exec(path, "INSERT INTO ratings(case_id, score, at, channel, reasons, due)"
		   " SELECT min(id), 1, '2026-11-27 09:00:00', 'window', '等候时间太长', '2026-12-18' FROM cases");
	st = open_db(path, "unix", 2000);
	guide = user(st, "guide");
	ck_assert_msg(store_consultation_add(st, guide.id, &c, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_ticket_issue(st, "WSQ", "combined", 0, 0, 0, 0, number, &err), 0);
	/* October signed, with an objection of the contractor's waiting */
	super = user(st, "super");
	ck_assert_int_eq(store_assessment_sheet(st, "2026-10", "all", "2026-11-27", &october, &err), 0);
	ck_assert_msg(store_assessment_sign(st, &super, "2026-10", "all", "2026-11-27", &october, &err) == 0, "%s", err.msg);
	store_close(st);
	exec(path, "INSERT INTO objections(month, scope, text, raised_at, raised_by) SELECT '2026-10', 'all', '扣分有误',"
		   " '2026-11-27 09:30:00', id FROM users WHERE login = 'contractor'");
	return path;
}

/* A fresh copy of the template hall; its path. */
static const char *copy_of_hall(void)
{
	static char path[256];

	return copy_db(hall_template(), path, sizeof path);
}

static void fx_open(struct fx *f)
{
	f->path = copy_of_hall();
	f->st = open_db(f->path, "unix", 2000);
	f->accepted_slip = id_of(f->path, "SELECT t.id FROM transfer_slips t JOIN cases c ON c.id = t.case_id"
					  " WHERE c.status = 'accepted' AND t.handed_at IS NULL AND t.department_id = 1");
	f->slip_version = id_of(f->path, "SELECT t.version FROM transfer_slips t JOIN cases c ON c.id = t.case_id"
					 " WHERE c.status = 'accepted' AND t.handed_at IS NULL AND t.department_id = 1");
	f->in_department = id_of(f->path, "SELECT c.id FROM cases c JOIN service_items i ON i.id = c.item_id"
					  " WHERE c.status = 'in_department' AND i.department_id = 1");
	f->at_pickup = id_of(f->path, "SELECT id FROM cases WHERE status = 'result_at_pickup'");
	query_text(f->path, "SELECT a.id_number FROM cases c JOIN applicants a ON a.id = c.applicant_id"
			 " WHERE c.status = 'result_at_pickup'", f->at_pickup_id_number, sizeof f->at_pickup_id_number);
	f->item_of_department = id_of(f->path, "SELECT id FROM service_items WHERE department_id = 1");
	f->rule = id_of(f->path, "SELECT min(id) FROM assessment_criteria");
	f->bad_rating = id_of(f->path, "SELECT max(id) FROM ratings WHERE score <= 2 AND follow_up_at IS NULL");
	f->question = id_of(f->path, "SELECT max(id) FROM consultations WHERE outcome = 'escalated'");
	f->objection = id_of(f->path, "SELECT max(id) FROM objections");
}

static void fx_close(struct fx *f)
{
	store_close(f->st);
}

static char *render(void *ctx, const struct yc_notice_facts *facts)
{
	(void)ctx;
	(void)facts;
	return strdup("notice");
}

static int accept_walk_in(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	int rc;

	if (store_intake_start(f->st, f->item_of_department, "2026-11-27", &in, err) < 0)
		return -1;
	strcpy(in.a.kind, "person");
	strcpy(in.a.name, "赵文博");
	strcpy(in.a.id_number, "150626198808080011");
	strcpy(in.a.phone, "13904779999");
	intake_all_conforming(&in, -1);
	rc = store_intake_commit(f->st, u, &in, &req, &r, err);
	if (rc == 0)
		free(r.notice_text);
	return rc;
}

static int receive_slip(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_user giver = user(f->st, "intake2");   /* the one handing over is someone else */

	return store_slip_handover(f->st, &giver, u, f->accepted_slip, (int)f->slip_version, err);
}

static int approve(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_decision d = { CA_APPROVE, "JY31506260012345", "2026-11-27", "2031-11-26", NULL };

	return store_case_decide(f->st, u, f->in_department, &d, err);
}

static int suspend(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_case_suspend(f->st, u, f->in_department, SUSPEND_SITE_SURVEY, "现场踏勘", "2026-11-27", err);
}

static int charge(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_case_fee(f->st, u, f->in_department, 8000, "", err);
}

static int notify(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_pickup_notify(f->st, u, f->at_pickup, "您的办件已办结，请到统一出件窗口领取。", err);
}

static int hand_over_result(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_collection c = { "申请人", f->at_pickup_id_number, 0, NULL };

	return store_pickup_collect(f->st, u, f->at_pickup, &c, err);
}

static int add_finding(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_finding_add(f->st, u, "2026-11-24", "WSQ", "", "", f->rule, "未起身迎接", err);
}

/* the citizen's bad rating (the fixture's) verified */
static int verify_bad_rating(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_followup_record(f->st, u, f->bad_rating, FOLLOWUP_CHECK, "当日等候超过一小时，属实", err);
}

static int raise_alert(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_contract_alert_add(f->st, u, "2026-10", "other", "连续两月不合格", err);
}

static int lodge_objection(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_objection_add(f->st, u, "2026-10", "all", "10月差评系系统故障误评", "截图 3 张", err);
}

static int answer_objection(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_objection_answer(f->st, u, f->objection, 0, "未提供证明材料", -1, err);
}

static int record_weekly_inspection(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	(void)f;
	return store_weekly_add(f->st, u, "2026-11-24", "WSQ", "三声四服、着装", "", err);
}

static int edit_item(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_item_edit e;

	if (store_item_load(f->st, f->item_of_department, &e, err) < 0)
		return -1;
	strcat(e.faq, "\n问：可以网上办吗？答：可以。");
	return store_item_save(f->st, u, &e, err);
}

static int mark_material_waivable(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	int64_t m = id_of(f->path, "SELECT min(id) FROM materials WHERE required = 1 AND item_id ="
			  " (SELECT min(id) FROM service_items WHERE department_id = 1)");

	return store_material_set_waivable(f->st, u, m, 1, err);
}

static int verify_promise(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	char sql[200];

	/* the department's case, as if accepted on a promise (not in the footprint) */
	snprintf(sql, sizeof sql, "INSERT OR IGNORE INTO case_promises(case_id, conditions) VALUES (%lld, '条件')",
		 (long long)f->in_department);
	exec(f->path, sql);
	return store_case_promise_check(f->st, u, f->in_department, 1, "现场核查", err);
}

static int answer_question(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	return store_question_answer(f->st, f->question, 1, "可以，需提交住所证明。", u->id, err);
}

static int consult(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_consultation c = { 0, "answered", 0, "营业执照怎么办？", 0, NULL, "WSQ" };

	return store_consultation_add(f->st, u->id, &c, err);
}

static int call_next(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_ticket t;
	int rc = store_queue_call_next(f->st, "WSQ", "combined", "综合受理1号窗", u->id, &t, err);

	return rc < 0 ? -1 : 0;
}

static int ask_for_assistance(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_assist_new n = { "某风电项目", "乌审旗某能源有限公司", "王建军", "13947712345", "重点项目", "WSQ" };
	int64_t id;

	(void)f;
	return store_assist_create(f->st, u, &n, &id, err);
}

static int cross_region_request(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_remote_new r;
	int64_t id;

	memset(&r, 0, sizeof r);
	r.kind = "hbeu";
	r.item_id = f->item_of_department;
	strcpy(r.applicant.kind, "person");
	strcpy(r.applicant.name, "王海燕");
	strcpy(r.applicant.id_number, "150626198503120027");
	strcpy(r.applicant.phone, "13904771234");
	r.home_region = "呼和浩特市赛罕区";
	r.home_department = "赛罕区市场监督管理局";
	r.home_site = "赛罕区政务服务中心";
	return store_remote_create(f->st, u, &r, &id, err);
}

static int register_project(struct fx *f, const struct yc_user *u, struct yc_err *err)
{
	struct yc_project_new p = { "2026-150626-48-01-000777", "萨拉乌苏路改造工程", "乌审旗城投公司", "嘎鲁图镇", "WSQ" };
	int64_t id;
	int approvals;

	(void)f;
	return store_project_create(f->st, u, &p, &id, &approvals, err);
}

static const struct {
	const char *action;
	int (*run)(struct fx *f, const struct yc_user *u, struct yc_err *err);
	unsigned who;
} actions[] = {
	{ "accept a walk-in's application", accept_walk_in, W(INTAKE) },
	{ "receive the paper of a case for the department", receive_slip, W(REVIEWER) },
	{ "approve a case", approve, W(REVIEWER) },
	{ "stop a case's clock for a site survey", suspend, W(REVIEWER) },
	{ "charge a fee", charge, W(REVIEWER) },
	{ "send the completion SMS", notify, W(PICKUP) },
	{ "hand the result to the applicant", hand_over_result, W(PICKUP) },
	{ "record an inspection finding", add_finding, W(SUPERVISOR) },
	{ "raise a contract alert", raise_alert, W(SUPERVISOR) },
	{ "record a weekly inspection", record_weekly_inspection, W(SUPERVISOR) },
	{ "lodge an objection to a signed sheet", lodge_objection, W(SUPERVISOR) | W(CONTRACTOR) },
	{ "answer the contractor's objection", answer_objection, W(SUPERVISOR) },
	{ "record the verification of a bad rating", verify_bad_rating, W(SUPERVISOR) },
	{ "edit a department's item in the catalogue", edit_item, W(REVIEWER) | W(ADMIN) },
	{ "let a material of a department's item come later (容缺)", mark_material_waivable, W(REVIEWER) | W(ADMIN) },
	{ "verify an applicant's promise (告知承诺)", verify_promise, W(REVIEWER) },
	{ "answer a question for the department", answer_question, W(REVIEWER) },
	{ "record a consultation at the guidance desk", consult, W(GUIDE) | W(INTAKE) },
	{ "call the next ticket", call_next, W(INTAKE) | W(PICKUP) },
	{ "take a help-you-do request", ask_for_assistance, W(INTAKE) },
	{ "take a cross-region request", cross_region_request, W(INTAKE) },
	{ "register a construction project", register_project, W(INTAKE) },
};

/* Everything a refused action could have touched. */
static long footprint(const char *path)
{
	return query_long(path, "SELECT (SELECT count(*) FROM events)"
				" + (SELECT coalesce(sum(version), 0) FROM cases)"
				" + (SELECT coalesce(sum(version), 0) FROM transfer_slips)"
				" + (SELECT count(*) FROM fees) + (SELECT count(*) FROM notifications)"
				" + (SELECT count(*) FROM consultations WHERE answered_at IS NOT NULL)"
				" + (SELECT count(*) FROM queue_tickets WHERE status <> 'waiting')");
}

START_TEST(every_action_is_done_by_its_roles_only)
{
	size_t i;
	int w;

	for (i = 0; i < YC_ARRAY_LEN(actions); i++) {
		struct fx f;
		long before;

		/* the refused, one after another on one hall: nothing may change */
		fx_open(&f);
		before = footprint(f.path);
		for (w = 0; w < WHO_COUNT; w++) {
			struct yc_user u;
			struct yc_err err;
			int rc;

			if (actions[i].who & W(w))
				continue;
			u = user(f.st, logins[w]);
			yc_err_clear(&err);
			rc = actions[i].run(&f, &u, &err);
			ck_assert_msg(rc == -1 && err.code == YC_EDENIED, "%s as %s: not refused (rc %d, code %d: %s)",
				      actions[i].action, logins[w], rc, err.code, err.msg);
			ck_assert_msg(footprint(f.path) == before, "%s as %s: refused but something changed",
				      actions[i].action, logins[w]);
		}
		fx_close(&f);
		/* the allowed, each on a hall of its own */
		for (w = 0; w < WHO_COUNT; w++) {
			struct yc_user u;
			struct yc_err err;

			if (!(actions[i].who & W(w)))
				continue;
			fx_open(&f);
			u = user(f.st, logins[w]);
			yc_err_clear(&err);
			ck_assert_msg(actions[i].run(&f, &u, &err) == 0, "%s as %s: refused: %s", actions[i].action,
				      logins[w], err.msg);
			fx_close(&f);
		}
	}
}
END_TEST

int main(void)
{
	Suite *s = suite_create("roles");
	TCase *tc = tcase_create("core");

	tcase_set_timeout(tc, 180);
	tcase_add_test(tc, every_screen_opens_for_its_roles_only);
	tcase_add_test(tc, every_action_is_done_by_its_roles_only);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
