/* One thing, one visit (一件事一次办) against a real database: one application
 * for opening a shop becomes a case per member item, each sent to its own
 * department and decided on its own clock; the bundle ends when the last
 * one is decided; with every licence granted the hall issues the industry
 * comprehensive licence, whose QR code (read back by zbarimg) carries them
 * all; when one department refuses there is none, and the bundle says who. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qr.h"
#include "store-backoffice.h"
#include "store-bundle.h"
#include "store-bundle-confirm.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-slips.h"
#include "store-users.h"
#include "testdb.h"

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	return strdup(f->notice_number);
}

/* The shop is accepted on Friday 27 November 2026 (the members' promised
 * dates count from the moment of acceptance), decided the same day. */
static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

/* A reviewer for the department of each member item. */
static void add_reviewers(const char *path)
{
	exec(path, "INSERT OR IGNORE INTO users(login, full_name, role, department_id, password_hash)"
		   " SELECT 'rev-' || i.code, '审批员' || i.code, 'reviewer', i.department_id, 'x'"
		   " FROM service_items i WHERE i.code IN ('WJW-001', 'SWJ-001')");
}

/* The member departments confirm the record taken at the window before
 * it is entered (第十五条): the front desk puts it to them, each of the
 * three confirms from its back office. */
static void departments_confirm(const char *path, struct yc_store *st, const struct intake *in)
{
	static const char *const reviewers[] = { "review", "rev-WJW-001", "rev-SWJ-001" };
	struct yc_user front = user(st, "intake");
	struct yc_bundle_confirm_state cs;
	struct yc_bundle_confirm_row rows[4];
	struct yc_err err;
	size_t i;
	int n, k;

	add_reviewers(path);
	ck_assert_msg(store_bundle_confirm_ask(st, &front, in, 0, &cs, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(cs.needed, 1);
	ck_assert_int_eq(cs.departments, 3);
	for (i = 0; i < YC_ARRAY_LEN(reviewers); i++) {
		struct yc_user u = user(st, reviewers[i]);

		ck_assert_int_eq(store_bundle_confirm_page(st, u.department_id, NULL, 1, rows, 4, &n, &err), 0);
		for (k = 0; k < n; k++)
			ck_assert_msg(store_bundle_confirm_answer(st, &u, rows[k].id, 1, NULL, &err) == 0, "%s", err.msg);
	}
}

/* The shop's record as the window reviewed it: 刘志强 brought everything. */
static void shop_record(struct yc_store *st, long item, struct intake *in)
{
	struct yc_err err;

	ck_assert_int_eq(store_intake_start(st, item, "2026-11-27", in, &err), 0);
	strcpy(in->a.kind, "person");
	strcpy(in->a.name, "刘志强");
	strcpy(in->a.id_number, "150626199511301172");
	strcpy(in->a.phone, "17604775566");
	intake_all_conforming(in, -1);
}

/* The shop accepted, its notice rendered by notice. */
static int64_t accept_shop_noticed(const char *path, struct yc_store *st, store_notice_render notice)
{
	struct yc_user front = user(st, "intake");
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, notice, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;
	long item = query_long(path, "SELECT id FROM service_items WHERE code = 'SCJG-008'");

	shop_record(st, item, &in);
	departments_confirm(path, st, &in);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	return r.case_id;
}

static int64_t accept_shop(const char *path, struct yc_store *st)
{
	return accept_shop_noticed(path, st, render);
}

/* Hand every member's slip to its department and decide it; refuse the
 * member whose item code is `refuse` (NULL: approve all). */
static void decide_members(const char *path, struct yc_store *st, int64_t bundle, const char *refuse,
			   int stop_before_last)
{
	struct yc_bundle_member m[8];
	struct yc_user front = user(st, "intake");
	struct yc_err err;
	int n, i;

	ck_assert_int_eq(store_bundle_members(st, bundle, m, 8, &n, &err), 0);
	for (i = 0; i < n - stop_before_last; i++) {
		struct yc_slip_row slips[4];
		struct yc_user reviewer;
		char sql[300], login[32], doc[32];
		struct yc_decision d = { CA_APPROVE, doc, "2026-11-27", "2031-11-26", NULL };
		int k;

		snprintf(sql, sizeof sql, "SELECT i.code = 'WJW-001' OR i.code = 'SWJ-001' FROM cases c JOIN service_items i"
			 " ON i.id = c.item_id WHERE c.id = %lld", (long long)m[i].case_id);
		if (query_long(path, sql)) {
			snprintf(sql, sizeof sql, "SELECT i.code FROM cases c JOIN service_items i ON i.id = c.item_id"
				 " WHERE c.id = %lld", (long long)m[i].case_id);
			{
				char code[32];

				snprintf(login, sizeof login, "rev-%s", query_text(path, sql, code, sizeof code));
			}
		} else {
			snprintf(login, sizeof login, "review");
		}
		reviewer = user(st, login);
		ck_assert_int_eq(store_case_slips(st, m[i].case_id, slips, 4, &k, &err), 0);
		ck_assert_int_eq(k, 1);
		ck_assert_msg(store_slip_handover(st, &front, &reviewer, slips[0].id, slips[0].version, &err) == 0,
			      "%s: %s", login, err.msg);
		snprintf(doc, sizeof doc, "XK-%d", i + 1);
		if (refuse) {
			snprintf(sql, sizeof sql, "SELECT count(*) FROM cases c JOIN service_items i ON i.id = c.item_id"
				 " WHERE c.id = %lld AND i.code = '%s'", (long long)m[i].case_id, refuse);
			if (query_long(path, sql)) {
				d.action = CA_REFUSE;
				d.reason = "场所不符合卫生要求";
			}
		}
		ck_assert_msg(store_case_decide(st, &reviewer, m[i].case_id, &d, &err) == 0, "%s", err.msg);
	}
}

/* The ended bundle's one result slip, sent by its own department (the
 * demo's reviewer) to the pickup window. */
static void bundle_to_pickup(struct yc_store *st, int64_t bundle)
{
	struct yc_user review = user(st, "review"), pickup = user(st, "pickup");
	struct yc_slip_row slips[4];
	struct yc_err err;
	int k;

	ck_assert_int_eq(store_case_slips(st, bundle, slips, 4, &k, &err), 0);
	ck_assert_int_eq(k, 1);
	ck_assert_msg(store_slip_handover(st, &review, &pickup, slips[0].id, slips[0].version, &err) == 0, "%s",
		      err.msg);
}

/* The applicant collects the bundle: its four members leave with it. */
static void bundle_collected(const char *path, struct yc_store *st, int64_t bundle)
{
	struct yc_user pickup = user(st, "pickup");
	struct yc_collection self = { "刘志强", "150626199511301172", 0, NULL };
	struct yc_err err;
	char sql[200];

	ck_assert_msg(store_pickup_collect(st, &pickup, bundle, &self, &err) == 0, "%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE parent_case_id = %lld AND status = 'collected'",
		 (long long)bundle);
	ck_assert_int_eq(query_long(path, sql), 4);
}

START_TEST(a_bundle_is_approved_in_parallel_and_gets_the_comprehensive_licence)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_bundle_member m[8];
	struct yc_bundle_row rows[8];
	struct yc_err err;
	char sql[400], *licence;
	int n, i, found = -1;
	int64_t id;

	add_reviewers(path);
	st = open_db(path, "unix", 2000);
	id = accept_shop(path, st);
	/* four members, each with its own number, clock and slip */
	ck_assert_int_eq(store_bundle_members(st, id, m, 8, &n, &err), 0);
	ck_assert_int_eq(n, 4);
	for (i = 0; i < n; i++)
		ck_assert_str_eq(m[i].status, "accepted");
	ck_assert(strstr(m[0].case_number, "-1") != NULL);
	snprintf(sql, sizeof sql, "SELECT count(DISTINCT department_id) FROM transfer_slips t JOIN cases c"
		 " ON c.id = t.case_id WHERE c.parent_case_id = %lld", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 3);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips WHERE case_id = %lld", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 0);
	/* the food licence keeps its own 3 working days (Fri 27 Nov -> Wed 2 Dec);
	 * the business licence is immediate */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases c JOIN service_items i ON i.id = c.item_id"
		 " WHERE c.parent_case_id = %lld AND ((i.code = 'SCJG-004' AND c.promised_date = '2026-12-02')"
		 " OR (i.code = 'SCJG-001' AND c.promised_date = substr(c.accepted_at, 1, 10)))", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 2);

	decide_members(path, st, id, NULL, 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'accepted'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);   /* one department still deciding */
	ck_assert_int_eq(store_bundles_page(st, "WSQ", NULL, 1, rows, 8, &n, &err), 0);
	for (i = 0; i < n; i++)
		if (rows[i].case_id == id)
			found = i;
	ck_assert_int_ge(found, 0);
	ck_assert_int_eq(rows[found].decided, 3);
	ck_assert_int_eq(rows[found].licence_notice_id, 0);

	/* the last decision ends the bundle */
	{
		struct yc_bundle_member last[8];
		struct yc_user reviewer;
		struct yc_slip_row slips[4];
		struct yc_user front = user(st, "intake");
		struct yc_decision d = { CA_APPROVE, "SWJ-FP-2026", "2026-11-27", "", NULL };
		int k;

		ck_assert_int_eq(store_bundle_members(st, id, last, 8, &n, &err), 0);
		reviewer = user(st, "rev-SWJ-001");
		ck_assert_int_eq(store_case_slips(st, last[3].case_id, slips, 4, &k, &err), 0);
		ck_assert_int_eq(store_slip_handover(st, &front, &reviewer, slips[0].id, slips[0].version, &err), 0);
		ck_assert_msg(store_case_decide(st, &reviewer, last[3].case_id, &d, &err) == 0, "%s", err.msg);
	}
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'approved'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips WHERE case_id = %lld AND direction = 'to_pickup'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips t JOIN cases c ON c.id = t.case_id"
		 " WHERE c.parent_case_id = %lld AND t.direction = 'to_pickup'", (long long)id);
	/* each member's result went to the pickup window as it was decided
	 * (issue 21: result slips per member); the applicant still leaves
	 * with the bundle */
	ck_assert_int_eq(query_long(path, sql), 4);

	ck_assert_int_eq(store_bundles_page(st, "WSQ", NULL, 1, rows, 8, &n, &err), 0);
	for (i = 0, found = -1; i < n; i++)
		if (rows[i].case_id == id)
			found = i;
	ck_assert_int_gt(rows[found].licence_notice_id, 0);
	ck_assert_int_eq(store_notice_text(st, rows[found].licence_notice_id, &licence, &err), 0);
	ck_assert_ptr_nonnull(strstr(licence, "XK-1"));
	ck_assert_ptr_nonnull(strstr(licence, "SWJ-FP-2026"));
	ck_assert_ptr_nonnull(strstr(licence, "2031-11-26"));
	/* the QR code carries the licence text, every licence with it */
	{
		char pbm[256], cmd[300], got[4096];
		struct qr q;
		FILE *p;
		size_t len;

		scratch_path(pbm, sizeof pbm, "licence.pbm");
		ck_assert_int_eq(qr_encode(licence, &q), 0);
		ck_assert_int_eq(qr_write_pbm(&q, pbm, 4), 0);
		qr_free(&q);
		snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", pbm);
		ck_assert_ptr_nonnull(p = popen(cmd, "r"));
		len = fread(got, 1, sizeof got - 1, p);
		got[len] = '\0';
		pclose(p);
		unlink(pbm);
		while (len > 0 && got[len - 1] == '\n')
			got[--len] = '\0';
		while (strlen(licence) > 0 && licence[strlen(licence) - 1] == '\n')
			licence[strlen(licence) - 1] = '\0';
		ck_assert_str_eq(got, licence);
	}
	free(licence);
	store_close(st);
}
END_TEST

START_TEST(one_refusal_still_gives_the_licence_of_what_was_granted)
{
	const char *path = make_db(1);
	struct yc_store *st;
	char sql[300];
	int64_t id;

	add_reviewers(path);
	st = open_db(path, "unix", 2000);
	id = accept_shop(path, st);
	decide_members(path, st, id, "WJW-001", 0);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases c JOIN results r ON r.case_id = c.id WHERE c.id = %lld"
		 " AND c.status = 'not_approved' AND r.reason LIKE '%%公共场所卫生许可%%场所不符合卫生要求%%'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the comprehensive licence carries the three granted, not the refused */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notices WHERE case_id = %lld AND kind = 'licence'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM notices WHERE case_id = %lld AND kind = 'licence'"
		 " AND body LIKE '%%个体工商户设立登记%%' AND body LIKE '%%发票领用%%' AND body NOT LIKE '%%公共场所卫生许可%%'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the results reach the pickup window together and leave together */
	bundle_to_pickup(st, id);
	bundle_collected(path, st, id);
	store_close(st);
}
END_TEST

/* What the acceptance notice was given to list: the members. */
static struct yc_notice_member noticed[YC_BUNDLE_MAX_MEMBERS];
static int n_noticed;

static char *render_members(void *ctx, const struct yc_notice_facts *f)
{
	(void)ctx;
	n_noticed = f->n_members;
	if (f->n_members > 0)
		memcpy(noticed, f->members, (size_t)f->n_members * sizeof *noticed);
	return strdup(f->notice_number);
}

/* The last member (发票领用, the tax office's) handed to its department
 * and approved. */
static void decide_last(struct yc_store *st, int64_t bundle)
{
	struct yc_bundle_member m[8];
	struct yc_user front = user(st, "intake"), reviewer = user(st, "rev-SWJ-001");
	struct yc_decision d = { CA_APPROVE, "SWJ-FP-2026", "2026-11-27", "", NULL };
	struct yc_slip_row slips[4];
	struct yc_err err;
	int n, k;

	ck_assert_int_eq(store_bundle_members(st, bundle, m, 8, &n, &err), 0);
	ck_assert_int_eq(store_case_slips(st, m[3].case_id, slips, 4, &k, &err), 0);
	ck_assert_int_eq(store_slip_handover(st, &front, &reviewer, slips[0].id, slips[0].version, &err), 0);
	ck_assert_msg(store_case_decide(st, &reviewer, m[3].case_id, &d, &err) == 0, "%s", err.msg);
}

START_TEST(a_refused_bundle_tells_each_members_result)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_bundle_member m[8];
	struct yc_user health, pickup;
	struct yc_pickup_row rows[8];
	struct yc_slip_row slips[4];
	struct yc_err err;
	char sql[400];
	int n, k, i;
	int64_t id;

	add_reviewers(path);
	st = open_db(path, "unix", 2000);
	/* the acceptance notice is given its members, each on its own clock */
	id = accept_shop_noticed(path, st, render_members);
	ck_assert_int_eq(n_noticed, 4);
	ck_assert_str_eq(noticed[1].item, "食品经营许可证核发");
	ck_assert_str_eq(noticed[1].promised_date, "2026-12-02");
	ck_assert(strstr(noticed[3].case_number, "-4") != NULL);

	/* three decided, the health commission refusing; its result goes to
	 * the pickup window at once, on a slip of its own */
	decide_members(path, st, id, "WJW-001", 1);
	ck_assert_int_eq(store_bundle_members(st, id, m, 8, &n, &err), 0);
	ck_assert_str_eq(m[0].outcome, "approved");
	ck_assert_str_eq(m[0].document_number, "XK-1");
	ck_assert_str_eq(m[2].outcome, "not_approved");
	ck_assert_str_eq(m[2].reason, "场所不符合卫生要求");
	ck_assert_str_eq(m[3].outcome, "");
	health = user(st, "rev-WJW-001");
	pickup = user(st, "pickup");
	ck_assert_int_eq(store_case_slips(st, m[2].case_id, slips, 4, &k, &err), 0);
	for (i = 0; i < k && strcmp(slips[i].direction, "to_pickup") != 0; i++)
		;
	ck_assert_int_lt(i, k);
	ck_assert_msg(store_slip_handover(st, &health, &pickup, slips[i].id, slips[i].version, &err) == 0, "%s",
		      err.msg);
	/* a member at the window still counts as decided; the last ends the bundle */
	decide_last(st, id);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'not_approved'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity_id = %lld AND action = 'bundle_complete'"
		 " AND new_value LIKE '3/4 approved, licence WSQ-ZH-2026-______; 公共场所卫生许可：场所不符合卫生要求'",
		 (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* the bundle's result at the window: its members never leave alone */
	bundle_to_pickup(st, id);
	ck_assert_int_eq(store_pickup_page(st, "WSQ", PICKUP_WAITING, "2026-11-27", "", NULL, 1, rows, 8, &n, &err), 0);
	for (i = 0; i < n; i++)
		ck_assert_msg(strchr(rows[i].case_number, '-') == NULL, "a member waits alone: %s", rows[i].case_number);
	bundle_collected(path, st, id);
	store_close(st);
}
END_TEST

/* 130 bundles in progress, all accepted at the same moment: the list
 * pages whole by keyset (their ids break the tie), to its last row and
 * back, and the store counts them all. The screen once stopped at 100. */
START_TEST(a_long_bundle_list_pages_to_its_last_row)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_bundle_row rows[50], last, back[10];
	const struct yc_bundle_row *from = NULL;
	struct yc_err err;
	long count, seen = 0;
	int n, i;

	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 130)"
	     " INSERT INTO cases(id, case_number, item_id, site_id, channel, applicant_id, status, kind, responder_id,"
	     " created_at, accepted_at, parent_case_id) SELECT 400000 + n, printf('BNDL%04d', n), item_id, site_id,"
	     " 'bundle', applicant_id, 'accepted', kind, responder_id, created_at, '2026-11-20 09:00:00', NULL"
	     " FROM k, cases WHERE cases.id = (SELECT min(id) FROM cases)"
	     " UNION ALL SELECT 500000 + n, printf('BNDL%04d-1', n), item_id, site_id, 'bundle', applicant_id,"
	     " 'in_department', kind, responder_id, created_at, '2026-11-20 09:00:00', 400000 + n"
	     " FROM k, cases WHERE cases.id = (SELECT min(id) FROM cases)");
	ck_assert_msg(store_bundles_count(st, "WSQ", &count, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(count, 130);
	do {
		ck_assert_msg(store_bundles_page(st, "WSQ", from, 1, rows, 50, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++) {
			ck_assert_int_eq(rows[i].case_id, 400001 + seen);
			ck_assert_int_eq(rows[i].members, 1);
		}
		if (n > 0) {
			last = rows[n - 1];
			from = &last;
		}
	} while (n == 50);
	ck_assert_int_eq(seen, 130);
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_bundles_page(st, "WSQ", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[9].case_id, 400130);
	ck_assert_int_eq(back[0].case_id, 400121);
	ck_assert_int_eq(store_bundles_page(st, "WSQ", &back[0], 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[0].case_id, 400111);
	ck_assert_int_eq(back[9].case_id, 400120);
	store_close(st);
}
END_TEST

/* A bundle accepted with a material owed (容缺受理): the material is the
 * bundle's, taken at its one window, so no member is approved until the
 * window has it; a member promise item's conditions are signed with the
 * bundle (告知承诺制). */
START_TEST(a_bundle_owing_a_material_releases_no_member)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user front, review;
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 1 };
	struct yc_outcome_result r;
	struct yc_bundle_member m[8];
	struct yc_slip_row slips[4];
	struct yc_decision d = { CA_APPROVE, "XK-1", "2026-11-27", "2031-11-26", NULL };
	struct intake in;
	struct yc_err err;
	long item;
	int n, k, i, j;

	add_reviewers(path);
	/* the bundle's own proof of the premises may come later */
	exec(path, "UPDATE materials SET waivable = 1 WHERE seq = 3"
		   " AND item_id = (SELECT id FROM service_items WHERE code = 'SCJG-008')");
	item = query_long(path, "SELECT id FROM service_items WHERE code = 'SCJG-008'");
	st = open_db(path, "unix", 2000);
	front = user(st, "intake");
	review = user(st, "review");
	shop_record(st, item, &in);
	for (i = 0; i < in.n_materials; i++)
		if (in.m[i].seq == 3)
			for (j = 0; j < in.m[i].n_cp; j++)
				in.m[i].cp[j].verdict = VERDICT_MISSING;
	departments_confirm(path, st, &in);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	/* the promise of 公共场所卫生许可 (a member) was taken with the bundle */
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM case_promises WHERE conditions LIKE '%公共场所卫生许可%'"), 1);
	ck_assert_int_eq(store_bundle_members(st, r.case_id, m, 8, &n, &err), 0);
	for (i = 0; i < n && strcmp(m[i].department, "旗市场监督管理局") != 0; i++)
		;
	ck_assert_int_lt(i, n);
	ck_assert_int_eq(store_case_slips(st, m[i].case_id, slips, 4, &k, &err), 0);
	ck_assert_msg(store_slip_handover(st, &front, &review, slips[0].id, slips[0].version, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(store_case_decide(st, &review, m[i].case_id, &d, &err), -1);
	ck_assert_msg(strstr(err.msg, "owes") != NULL, "%s", err.msg);
	store_close(st);
}
END_TEST

/* 第十五条.1: taken at the window, the bundle is entered only once each
 * member's department has confirmed it; one returns it with a reason,
 * which the window sees, and it is put to them again; a hall whose policy
 * says so enters it at once. */
START_TEST(a_bundle_taken_at_the_window_waits_for_its_departments)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user front, health;
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_outcome_result r;
	struct yc_bundle_confirm_state cs;
	struct yc_bundle_confirm_row rows[4];
	struct intake in;
	struct yc_err err;
	long item;
	int n;

	add_reviewers(path);
	item = query_long(path, "SELECT id FROM service_items WHERE code = 'SCJG-008'");
	st = open_db(path, "unix", 2000);
	front = user(st, "intake");
	health = user(st, "rev-WJW-001");
	shop_record(st, item, &in);
	/* not before the departments have seen it */
	ck_assert_int_eq(store_intake_commit(st, &front, &in, &req, &r, &err), -1);
	ck_assert_msg(strstr(err.msg, "confirmed") != NULL, "%s", err.msg);
	ck_assert_int_eq(store_bundle_confirm_ask(st, &front, &in, 0, &cs, &err), 0);
	ck_assert_int_eq(cs.departments, 3);
	ck_assert_int_eq(cs.confirmed, 0);
	/* the health commission returns it, with why */
	ck_assert_int_eq(store_bundle_confirm_page(st, health.department_id, NULL, 1, rows, 4, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_str_eq(rows[0].applicant, "刘志强");
	ck_assert_int_eq(store_bundle_confirm_answer(st, &health, rows[0].id, 0, "", &err), -1);   /* a reason is needed */
	ck_assert_int_eq(store_bundle_confirm_answer(st, &health, rows[0].id, 0, "缺少卫生检测报告", &err), 0);
	ck_assert_int_eq(store_bundle_confirm_answer(st, &health, rows[0].id, 1, NULL, &err), -1);   /* once */
	ck_assert_int_eq(store_bundle_confirm_ask(st, &front, &in, 0, &cs, &err), 0);
	ck_assert_int_eq(cs.returned, 1);
	ck_assert_msg(strstr(cs.returns, "缺少卫生检测报告") != NULL, "%s", cs.returns);
	/* put to them again, all confirm: entered */
	ck_assert_int_eq(store_bundle_confirm_ask(st, &front, &in, 1, &cs, &err), 0);
	ck_assert_int_eq(cs.returned, 0);
	departments_confirm(path, st, &in);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	ck_assert_str_ne(r.case_number, "");
	/* a hall that confirms elsewhere */
	set_policy(st, "bundle.confirm_onsite", "0");
	ck_assert_int_eq(store_intake_start(st, item, "2026-11-27", &in, &err), 0);
	strcpy(in.a.kind, "person");
	strcpy(in.a.name, "王海燕");
	strcpy(in.a.id_number, "150105199003152044");
	strcpy(in.a.phone, "13904771234");
	intake_all_conforming(&in, -1);
	ck_assert_msg(store_intake_commit(st, &front, &in, &req, &r, &err) == 0, "%s", err.msg);
	free(r.notice_text);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("bundle");
	TCase *t = tcase_create("bundle");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, a_bundle_is_approved_in_parallel_and_gets_the_comprehensive_licence);
	tcase_add_test(t, one_refusal_still_gives_the_licence_of_what_was_granted);
	tcase_add_test(t, a_bundle_owing_a_material_releases_no_member);
	tcase_add_test(t, a_bundle_taken_at_the_window_waits_for_its_departments);
	tcase_add_test(t, a_refused_bundle_tells_each_members_result);
	tcase_add_test(t, a_long_bundle_list_pages_to_its_last_row);
	suite_add_tcase(s, t);
	return run_suite(s);
}
