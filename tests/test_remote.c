/* The cross-region window (异地通办) against a real database: the whole way
 * to delivery, what a refused request may no longer do, the tracking
 * number of paper sent by mail, who may act, two stations on the same
 * request, and a bad ID number that writes nothing. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "intake.h"
#include "store-backoffice.h"
#include "store-intake.h"
#include "store-remote.h"
#include "store-special.h"
#include "store-users.h"
#include "testdb.h"

/* check's report: every line must be good */
static void expect_good_line(void *ctx, int ok, const char *line)
{
	(void)ctx;
	ck_assert_msg(ok, "check: %s", line);
}

/* A person from Hohhot applying here for her home district's item. */
static struct yc_remote_new request(const char *path, const char *id_number)
{
	struct yc_remote_new r;

	memset(&r, 0, sizeof r);
	r.kind = "hbeu";
	r.item_id = item_id_of(path, "SCJG-002");
	strcpy(r.applicant.kind, "person");
	strcpy(r.applicant.name, "王海燕");
	snprintf(r.applicant.id_number, sizeof r.applicant.id_number, "%s", id_number);
	strcpy(r.applicant.phone, "13904771234");
	r.home_region = "呼和浩特市赛罕区";
	r.home_department = "赛罕区市场监督管理局";
	r.home_site = "赛罕区政务服务中心";
	return r;
}

static int64_t create(struct yc_store *st, const struct yc_user *u, const struct yc_remote_new *r)
{
	struct yc_err err;
	int64_t id = 0;

	ck_assert_msg(store_remote_create(st, u, r, &id, &err) == 0, "%s", err.msg);
	ck_assert_int_gt(id, 0);
	return id;
}

static struct yc_remote_row get(struct yc_store *st, int64_t id)
{
	struct yc_remote_row row;
	struct yc_err err;

	ck_assert_msg(store_remote_get(st, id, &row, &err) == 0, "%s", err.msg);
	return row;
}

static long events(const char *path, int64_t id)
{
	char sql[200];

	snprintf(sql, sizeof sql, "SELECT count(*) FROM events WHERE entity = 'remote' AND entity_id = %lld",
		 (long long)id);
	return query_long(path, sql);
}

START_TEST(the_whole_way_to_delivery)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_remote_row row, rows[10];
	struct yc_err err;
	char sql[300], actions[200];
	long applicants = query_long(path, "SELECT count(*) FROM applicants");
	int64_t id, second, case_id;
	long all, open;
	int n;

	id = create(st, &clerk, &r);
	row = get(st, id);
	ck_assert_str_eq(row.status, "asking");
	ck_assert_str_eq(row.kind, "hbeu");
	ck_assert_str_eq(row.item_code, "SCJG-002");
	ck_assert_str_eq(row.applicant, "王海燕");
	ck_assert_str_eq(row.id_masked, "1501**********2044");
	ck_assert_str_eq(row.home_department, "赛罕区市场监督管理局");
	ck_assert_int_eq(row.version, 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM applicants"), applicants + 1);

	ck_assert_msg(store_remote_confirm(st, &clerk, id, row.version, "赛罕区市场监管局 李明", &err) == 0, "%s",
		      err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "confirmed");
	ck_assert_str_eq(row.confirmed_by, "赛罕区市场监管局 李明");
	ck_assert_int_eq((int)strlen(row.confirmed_at), 19);

	/* the materials go to the home department once accepted here as a case */
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 1, "1178123456789", &err), -1);
	ck_assert_msg(strstr(err.msg, "case") != NULL, "%s", err.msg);
	case_id = accept_special(st, "remote", id);
	/* the home department decides it, not ours: no slip to a department here */
	snprintf(sql, sizeof sql, "SELECT count(*) FROM transfer_slips WHERE case_id = %lld", (long long)case_id);
	ck_assert_int_eq(query_long(path, sql), 0);
	row = get(st, id);
	ck_assert_msg(store_remote_forward(st, &clerk, id, row.version, 1, "1178123456789", &err) == 0, "%s", err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "forwarded");
	ck_assert_int_eq(row.paper_by_mail, 1);
	ck_assert_str_eq(row.tracking, "1178123456789");
	ck_assert_str_ne(row.forwarded_at, "");

	ck_assert_msg(store_remote_result(st, &clerk, id, row.version, "准予变更，营业执照已寄回", &err) == 0, "%s",
		      err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "result_received");
	ck_assert_str_eq(row.result_note, "准予变更，营业执照已寄回");
	/* its case follows: decided at home, then done once delivered */
	snprintf(sql, sizeof sql, "SELECT status FROM cases WHERE id = %lld", (long long)case_id);
	query_text(path, sql, actions, sizeof actions);
	ck_assert_str_eq(actions, "approved");

	ck_assert_int_eq(store_remote_deliver(st, &clerk, id, row.version, "elsewhere", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(store_remote_deliver(st, &clerk, id, row.version, "here", &err) == 0, "%s", err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "delivered");
	ck_assert_str_eq(row.collect_at, "here");
	ck_assert_str_ne(row.delivered_at, "");
	ck_assert_int_eq(row.version, 6);   /* created, confirmed, accepted, forwarded, result, delivered */
	query_text(path, sql, actions, sizeof actions);
	ck_assert_str_eq(actions, "collected");

	/* one event per change, in order, with the state it left */
	snprintf(sql, sizeof sql, "SELECT group_concat(action || ':' || coalesce(old_value, '-'), ',') FROM (SELECT action,"
		 " old_value FROM events WHERE entity = 'remote' AND entity_id = %lld ORDER BY id) AS e", (long long)id);
	query_text(path, sql, actions, sizeof actions);
	ck_assert_str_eq(actions, "create:-,confirm:asking,case:-,forward:confirmed,result:forwarded,deliver:result_received");

	/* the same ID number is the same applicant; open requests come first */
	strcpy(r.applicant.phone, "13904770000");
	r.kind = "inter_province";
	second = create(st, &clerk, &r);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM applicants"), applicants + 1);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM applicants WHERE id_number = '150105199003152044'"
				    " AND phone = '13904770000'"), 1);
	ck_assert_int_eq(store_remote_page(st, "WSQ", "", NULL, 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 2);
	ck_assert_int_eq(rows[0].id, second);
	ck_assert_int_eq(rows[1].id, id);
	ck_assert_int_eq(store_remote_count(st, "WSQ", "", &all, &open, &err), 0);
	ck_assert_int_eq(all, 2);
	ck_assert_int_eq(open, 1);
	ck_assert_int_eq(store_remote_page(st, "WSQ", "delivered", NULL, 1, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 1);
	ck_assert_int_eq(rows[0].id, id);
	ck_assert_int_eq(store_remote_count(st, "WSQ", "delivered", &all, &open, &err), 0);
	ck_assert_int_eq(all, 1);
	ck_assert_int_eq(open, 1);
	ck_assert_int_eq(store_remote_page(st, "WSQ", "lost", NULL, 1, rows, 10, &n, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	store_close(st);
}
END_TEST

START_TEST(a_refused_request_goes_no_further)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_remote_row row;
	struct yc_err err;
	int64_t id = create(st, &clerk, &r);

	row = get(st, id);
	/* not before the home department has confirmed */
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 0, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "awaiting answer"));
	ck_assert_int_eq(store_remote_refuse(st, &clerk, id, row.version, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(store_remote_refuse(st, &clerk, id, row.version, "该事项须本人到户籍地办理", &err) == 0, "%s",
		      err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "refused");
	ck_assert_str_eq(row.refusal_reason, "该事项须本人到户籍地办理");

	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 1, "1178123456789", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "refused") != NULL, "%s", err.msg);
	ck_assert_int_eq(store_remote_confirm(st, &clerk, id, row.version, "李明", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_msg(strstr(err.msg, "refused") != NULL, "%s", err.msg);
	ck_assert_int_eq(store_remote_result(st, &clerk, id, row.version, "准予", &err), -1);
	ck_assert_int_eq(store_remote_deliver(st, &clerk, id, row.version, "home", &err), -1);
	ck_assert_int_eq(store_remote_refuse(st, &clerk, id, row.version, "再次", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);

	row = get(st, id);
	ck_assert_str_eq(row.status, "refused");
	ck_assert_str_eq(row.confirmed_by, "");
	ck_assert_int_eq(events(path, id), 2);
	ck_assert_int_eq(store_remote_may("refused", REMOTE_CONFIRM, &err), -1);
	ck_assert_int_eq(store_remote_may("asking", REMOTE_CONFIRM, &err), 0);
	ck_assert_int_eq(store_remote_open("refused"), 0);
	store_close(st);
}
END_TEST

START_TEST(paper_by_mail_needs_a_tracking_number)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_remote_row row;
	struct yc_err err;
	char sql[300];
	int64_t id = create(st, &clerk, &r), other;

	row = get(st, id);
	ck_assert_int_eq(store_remote_confirm(st, &clerk, id, row.version, "李明", &err), 0);
	row = get(st, id);
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 1, "", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 1, NULL, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 1, "运单", &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	row = get(st, id);
	ck_assert_str_eq(row.status, "confirmed");
	ck_assert_int_eq(events(path, id), 2);
	accept_special(st, "remote", id);
	row = get(st, id);
	ck_assert_msg(store_remote_forward(st, &clerk, id, row.version, 1, "EMS-1178123456789", &err) == 0, "%s",
		      err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM remote_requests WHERE id = %lld AND paper_by_mail = 1"
		 " AND tracking_number = 'EMS-1178123456789' AND status = 'forwarded'", (long long)id);
	ck_assert_int_eq(query_long(path, sql), 1);

	/* electronically only: no tracking number, none recorded */
	other = create(st, &clerk, &r);
	row = get(st, other);
	ck_assert_int_eq(store_remote_confirm(st, &clerk, other, row.version, "李明", &err), 0);
	accept_special(st, "remote", other);
	ck_assert_msg(store_remote_forward(st, &clerk, other, row.version + 2, 0, "", &err) == 0, "%s", err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM remote_requests WHERE id = %lld AND paper_by_mail = 0"
		 " AND tracking_number IS NULL AND status = 'forwarded'", (long long)other);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* refused at home: its case here is not approved */
	row = get(st, other);
	ck_assert_msg(store_remote_result_refused(st, &clerk, other, row.version, "不符合迁移条件", &err) == 0, "%s",
		      err.msg);
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = (SELECT case_id FROM remote_requests"
		 " WHERE id = %lld) AND status = 'not_approved'", (long long)other);
	ck_assert_int_eq(query_long(path, sql), 1);
	store_close(st);
}
END_TEST

START_TEST(a_guide_may_not)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake"), guide = user(st, "guide"), review = user(st, "review");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_remote_row row;
	struct yc_err err;
	int64_t id = 0;

	ck_assert_int_eq(store_remote_create(st, &guide, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM remote_requests"), 0);
	id = create(st, &clerk, &r);
	row = get(st, id);
	ck_assert_int_eq(store_remote_confirm(st, &guide, id, row.version, "李明", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_remote_refuse(st, &guide, id, row.version, "不行", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_int_eq(store_remote_confirm(st, &review, id, row.version, "李明", &err), -1);
	ck_assert_int_eq(err.code, YC_EDENIED);
	ck_assert_str_eq(get(st, id).status, "asking");
	ck_assert_int_eq(events(path, id), 1);
	store_close(st);
}
END_TEST

START_TEST(two_stations_cannot_both_answer_one_request)
{
	const char *path = make_db(1);
	struct yc_store *a = open_db(path, "unix", 2000), *b = open_db(path, "unix", 2000);
	struct yc_user u = user(a, "intake");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_remote_row at_a, at_b;
	struct yc_err err;
	int64_t first = create(a, &u, &r), second = create(a, &u, &r);

	/* both stations look at the first request; A confirms, B refuses */
	at_a = get(a, first);
	at_b = get(b, first);
	ck_assert_int_eq(store_remote_confirm(a, &u, first, at_a.version, "李明", &err), 0);
	ck_assert_int_eq(store_remote_refuse(b, &u, first, at_b.version, "不予受理", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_msg(strstr(err.msg, "confirmed") != NULL, "%s", err.msg);
	ck_assert_int_eq(store_remote_confirm(b, &u, first, at_b.version, "王强", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	at_b = get(b, first);
	ck_assert_str_eq(at_b.status, "confirmed");
	ck_assert_str_eq(at_b.confirmed_by, "李明");
	ck_assert_str_eq(at_b.refusal_reason, "");

	/* the other way round on the second: A refuses, B's confirmation loses */
	at_a = get(a, second);
	at_b = get(b, second);
	ck_assert_int_eq(store_remote_refuse(a, &u, second, at_a.version, "不属于互认事项", &err), 0);
	ck_assert_int_eq(store_remote_confirm(b, &u, second, at_b.version, "王强", &err), -1);
	ck_assert_int_eq(err.code, YC_ECONFLICT);
	ck_assert_str_eq(get(b, second).status, "refused");
	ck_assert_int_eq(events(path, first), 2);
	ck_assert_int_eq(events(path, second), 2);
	store_close(a);
	store_close(b);
}
END_TEST

START_TEST(bad_details_write_nothing)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake");
	struct yc_remote_new r = request(path, "150105199003152045");   /* one digit wrong */
	struct yc_err err;
	long applicants = query_long(path, "SELECT count(*) FROM applicants");
	long all_events = query_long(path, "SELECT count(*) FROM events");
	int64_t id = 0;

	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, "ID card number"));
	r = request(path, "150105199003152044");
	strcpy(r.applicant.phone, "1390477");
	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	r = request(path, "911506267014577411");   /* an organisation's code with a wrong check character */
	strcpy(r.applicant.kind, "organisation");
	strcpy(r.applicant.legal_rep, "张三");
	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	r = request(path, "150105199003152044");
	r.home_department = "";
	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	r = request(path, "150105199003152044");
	r.kind = "abroad";
	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	/* an item not in the catalogue: refused inside the transaction, rolled back */
	r = request(path, "150105199003152044");
	r.item_id = 999999;
	ck_assert_int_eq(store_remote_create(st, &clerk, &r, &id, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM remote_requests"), 0);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM applicants"), applicants);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM events"), all_events);
	ck_assert_int_eq(id, 0);
	/* an organisation with a valid code is fine */
	r = request(path, "91350100M000100Y43");
	strcpy(r.applicant.kind, "organisation");
	strcpy(r.applicant.name, "乌审旗某某商贸有限公司");
	strcpy(r.applicant.legal_rep, "张三");
	r.kind = "city";
	create(st, &clerk, &r);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM applicants"), applicants + 1);
	store_close(st);
}
END_TEST

/* 300 requests besides one taken at the window, every third delivered:
 * the list pages whole (the open ones first, oldest first, then the
 * closed ones, newest first), to its last row and back, counted, and a
 * state's list too. The screen once held 200. */
START_TEST(a_long_list_pages_to_its_last_request)
{
	const char *path = make_db(1);
	struct yc_store *st;
	struct yc_user clerk;
	struct yc_remote_new r;
	struct yc_remote_row rows[64], last, back[10];
	const struct yc_remote_row *from = NULL;
	struct yc_err err;
	long all, open, seen = 0;
	int64_t first;
	int n, i;

	pin_clock("2026-11-27 10:00");
	st = open_db(path, "unix", 2000);
	clerk = user(st, "intake");
	r = request(path, "150105199003152044");
	first = create(st, &clerk, &r);
	exec(path, "WITH RECURSIVE k(n) AS (SELECT 1 UNION ALL SELECT n + 1 FROM k WHERE n < 300)"
	     " INSERT INTO remote_requests(id, kind, item_id, applicant_id, home_region, home_department, home_site,"
	     " status, created_by, created_at) SELECT 1000 + n, kind, item_id, applicant_id, home_region,"
	     " home_department, home_site, CASE WHEN n % 3 = 0 THEN 'delivered' ELSE 'asking' END, created_by,"
	     " created_at FROM k, remote_requests WHERE remote_requests.id = 1");
	ck_assert_int_eq(first, 1);
	ck_assert_int_eq(store_remote_count(st, "", "", &all, &open, &err), 0);
	ck_assert_int_eq(all, 301);
	ck_assert_int_eq(open, 201);
	do {
		ck_assert_msg(store_remote_page(st, "", "", from, 1, rows, 64, &n, &err) == 0, "%s", err.msg);
		for (i = 0; i < n; i++, seen++) {
			/* open 1, 1001, 1002, 1004 ... 1299, then closed 1300, 1297 ... 1003 */
			if (seen > 0 && rows[i].closed == last.closed)
				ck_assert(rows[i].closed ? rows[i].id < last.id : rows[i].id > last.id);
			else if (seen > 0)
				ck_assert(rows[i].closed && !last.closed);
			last = rows[i];
		}
		from = &last;
	} while (n == 64);
	ck_assert_int_eq(seen, 301);
	ck_assert_int_eq(last.id, 1003);
	/* from the end: the last ten in display order; before a row: the ten above it */
	ck_assert_int_eq(store_remote_page(st, "", "", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(back[9].id, 1003);
	ck_assert_int_eq(back[0].id, 1030);
	ck_assert_int_eq(store_remote_page(st, "", "", &back[0], 0, rows, 10, &n, &err), 0);
	ck_assert_int_eq(n, 10);
	ck_assert_int_eq(rows[9].id, 1033);
	ck_assert_int_eq(rows[0].id, 1060);
	ck_assert_int_eq(store_remote_count(st, "", "delivered", &all, &open, &err), 0);
	ck_assert_int_eq(all, 100);
	ck_assert_int_eq(store_remote_page(st, "", "delivered", NULL, 0, back, 10, &n, &err), 0);
	ck_assert_int_eq(back[9].id, 1003);
	store_close(st);
}
END_TEST

/* The other way (第二十条, 第二十一条 as the home department): a request
 * taken at another region's hall for a department of ours. Our
 * department confirms; it is accepted here as a case and decided in the
 * back office by the department's own reviewer; only then does the result
 * go back to the hall that took it. Nothing is forwarded. */
START_TEST(an_incoming_request_is_our_case_and_its_result_goes_back)
{
	const char *path = make_db(1);
	struct yc_store *st = open_db(path, "unix", 2000);
	struct yc_user clerk = user(st, "intake"), review = user(st, "review");
	struct yc_remote_new r = request(path, "150105199003152044");
	struct yc_decision approve = { CA_APPROVE, "150626MA0N2026X", "2026-11-27", "", NULL };
	struct yc_remote_row row;
	struct yc_slip_row slip;
	struct yc_err err;
	char sql[200];
	int64_t id, case_id;

	pin_clock("2026-11-27 10:00");
	r.direction = "incoming";
	r.home_region = "呼和浩特市赛罕区";
	r.home_department = "赛罕区政务服务中心异地通办窗口";
	r.home_site = "赛罕区政务服务中心";
	id = create(st, &clerk, &r);
	row = get(st, id);
	ck_assert_str_eq(row.direction, "incoming");
	ck_assert_int_eq(store_remote_confirm(st, &clerk, id, row.version, "旗市场监管局 王敏", &err), 0);
	row = get(st, id);
	/* not before it is our case, and never forwarded */
	ck_assert_int_eq(store_remote_result(st, &clerk, id, row.version, "准予变更", &err), -1);
	ck_assert_msg(strstr(err.msg, "F6") != NULL, "%s", err.msg);
	ck_assert_int_eq(store_remote_forward(st, &clerk, id, row.version, 0, "", &err), -1);
	ck_assert_msg(strstr(err.msg, "nothing to forward") != NULL, "%s", err.msg);
	case_id = accept_special(st, "remote", id);
	row = get(st, id);
	ck_assert_str_ne(row.case_number, "");
	ck_assert_int_eq(row.case_decided, 0);
	ck_assert_int_eq(store_remote_result(st, &clerk, id, row.version, "准予变更", &err), -1);
	/* our department decides in the back office */
	slip = waiting_slip(st, "to_department", case_id);
	ck_assert_msg(store_slip_handover(st, &clerk, &review, slip.id, slip.version, &err) == 0, "%s", err.msg);
	ck_assert_msg(store_case_decide(st, &review, case_id, &approve, &err) == 0, "%s", err.msg);
	row = get(st, id);
	ck_assert_int_eq(row.case_decided, 1);
	ck_assert_msg(store_remote_result(st, &clerk, id, row.version, "准予变更，执照已推送赛罕区", &err) == 0, "%s",
		      err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "result_received");
	ck_assert_msg(store_remote_deliver(st, &clerk, id, row.version, "home", &err) == 0, "%s", err.msg);
	row = get(st, id);
	ck_assert_str_eq(row.status, "delivered");
	ck_assert_str_eq(row.forwarded_at, "");
	snprintf(sql, sizeof sql, "SELECT count(*) FROM cases WHERE id = %lld AND status = 'collected'", (long long)case_id);
	ck_assert_int_eq(query_long(path, sql), 1);
	/* and every record still matches its seal and the log */
	ck_assert_int_eq(store_check(st, expect_good_line, NULL, &err), 0);
	store_close(st);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("remote");
	TCase *t = tcase_create("remote");

	tcase_set_timeout(t, 60);
	tcase_add_test(t, the_whole_way_to_delivery);
	tcase_add_test(t, a_long_list_pages_to_its_last_request);
	tcase_add_test(t, a_refused_request_goes_no_further);
	tcase_add_test(t, paper_by_mail_needs_a_tracking_number);
	tcase_add_test(t, a_guide_may_not);
	tcase_add_test(t, two_stations_cannot_both_answer_one_request);
	tcase_add_test(t, bad_details_write_nothing);
	tcase_add_test(t, an_incoming_request_is_our_case_and_its_result_goes_back);
	suite_add_tcase(s, t);
	return run_suite(s);
}
