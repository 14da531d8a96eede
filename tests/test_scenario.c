/* Scenario guidance (主题式/情景式导办): the rules that turn answers into
 * items, one combined list of materials and one ticket (scenario.c), and
 * the shipped scenarios planned against the demo catalogue of a real
 * database, new and upgraded. */
#include "config.h"

#include <sqlite3.h>
#include <stdio.h>
#include <string.h>

#include "scenario.h"
#include "store-scenario.h"
#include "testdb.h"

static void setup(void)
{
	pin_clock("2026-11-27 10:00");
}

static struct yc_material_row material(const char *name, int required, int originals, int copies)
{
	struct yc_material_row m;

	memset(&m, 0, sizeof m);
	yc_strlcpy(m.name, name, sizeof m.name);
	m.required = required;
	m.originals = originals;
	m.copies = copies;
	return m;
}

START_TEST(answers_bring_their_items_each_once_in_order)
{
	struct scenario s = { .n_questions = 2, .n_rules = 5,
		.rules = { { 10, 1, 0 }, { 11, 1, 1 }, { 12, 0, 1 }, { 13, 2, 1 }, { 12, 2, 1 } } };
	int64_t items[8];
	int no_yes[] = { 0, 1 }, yes_no[] = { 1, 0 };

	ck_assert_int_eq(scenario_items(&s, no_yes, items, 8), 3);
	ck_assert_int_eq(items[0], 10);   /* "no" to question 1 */
	ck_assert_int_eq(items[1], 12);   /* always */
	ck_assert_int_eq(items[2], 13);   /* "yes" to question 2; 12 again is not repeated */
	ck_assert_int_eq(scenario_items(&s, yes_no, items, 8), 2);
	ck_assert_int_eq(items[0], 11);
	ck_assert_int_eq(items[1], 12);
	/* a rule naming a question the scenario does not ask never applies */
	s.rules[0].question = 3;
	ck_assert_int_eq(scenario_items(&s, yes_no, items, 8), 2);
	ck_assert_int_eq(items[0], 11);
}
END_TEST

START_TEST(the_bundle_takes_two_members_or_itself_not_one_member_or_strangers)
{
	int64_t two[] = { 1, 2 }, one[] = { 1 }, with_bundle[] = { 9, 1 }, stranger[] = { 1, 5 };
	int members[] = { 1, 1 }, member_and_not[] = { 1, 0 }, bundle_then_member[] = { 0, 1 };

	ck_assert(scenario_takes_bundle(two, members, 2, 9));
	ck_assert(!scenario_takes_bundle(one, members, 1, 9));
	ck_assert(scenario_takes_bundle(with_bundle, bundle_then_member, 2, 9));
	ck_assert(!scenario_takes_bundle(stranger, member_and_not, 2, 9));
	ck_assert(!scenario_takes_bundle(two, members, 2, 0));
}
END_TEST

START_TEST(one_ticket_the_bundle_the_shared_window_or_the_combined_one)
{
	const char *const same[] = { "remote", "remote" }, *const mixed[] = { "combined", "remote" };

	ck_assert_str_eq(scenario_ticket_category(1, "bundle", mixed, 2), "bundle");
	ck_assert_str_eq(scenario_ticket_category(0, "remote", same, 2), "remote");
	ck_assert_str_eq(scenario_ticket_category(0, "combined", mixed, 2), "combined");
}
END_TEST

START_TEST(a_material_two_items_need_is_listed_once_with_the_stricter_terms)
{
	struct yc_material_row list[3], a[] = { material("经营者居民身份证", 0, 1, 0), material("申请书", 1, 1, 0) },
		b[] = { material("经营者 居民身份证　", 1, 1, 2), material("营业执照", 1, 0, 1) };
	unsigned used_by[3];
	int n = 0;

	ck_assert_int_eq(scenario_merge_materials(list, used_by, &n, 3, a, 2, 0), 0);
	ck_assert_int_eq(scenario_merge_materials(list, used_by, &n, 3, b, 2, 1), 0);
	ck_assert_int_eq(n, 3);
	ck_assert_str_eq(list[0].name, "经营者居民身份证");
	ck_assert_int_eq(list[0].required, 1);   /* either requires it */
	ck_assert_int_eq(list[0].copies, 2);     /* the larger number */
	ck_assert_uint_eq(used_by[0], 3u);       /* both items */
	ck_assert_uint_eq(used_by[2], 2u);
	ck_assert_int_eq(list[2].seq, 3);
	/* past the list's size: counted, never written beyond it */
	ck_assert_int_eq(scenario_merge_materials(list, used_by, &n, 3, (struct yc_material_row[]){
		material("户口簿", 1, 1, 0) }, 1, 2), 1);
	ck_assert_int_eq(n, 3);
}
END_TEST

/* The shipped scenario with this name, read back. */
static void read_scenario(struct yc_store *st, const char *words, struct scenario *s)
{
	struct yc_scenario_row rows[4];
	struct yc_err err;
	int n;

	ck_assert_msg(store_scenarios_page(st, words, NULL, 1, rows, 4, &n, &err) == 0, "%s", err.msg);
	ck_assert_msg(n == 1, "%d scenarios for %s", n, words);
	ck_assert_msg(store_scenario_read(st, rows[0].id, s, &err) == 0, "%s", err.msg);
}

static void plan(struct yc_store *st, const char *words, const int *answers, struct scn_plan *p)
{
	struct scenario s;
	struct yc_err err;

	read_scenario(st, words, &s);
	ck_assert_msg(store_scenario_plan(st, &s, answers, "2026-11-27", p, &err) == 0, "%s", err.msg);
}

static int plan_has_item(const struct scn_plan *p, const char *code)
{
	int i;

	for (i = 0; i < p->n_items; i++)
		if (!strcmp(p->items[i].code, code))
			return 1;
	return 0;
}

START_TEST(the_shipped_scenarios_plan_on_the_demo_catalogue)
{
	const char *path = make_db(0);
	struct yc_store *st = open_db(path, "unix", 2000);
	static struct scn_plan p;
	int shop[] = { 0, 1, 0, 1 }, shop_company[] = { 1, 1, 0, 0 }, birth[] = { 1, 1 }, retire[] = { 1, 1, 0 },
	    house[] = { 1, 0, 1 }, pharmacy[] = { 0, 0, 0 }, restaurant[] = { 0, 0, 1 }, marriage[] = { 0 };
	int i, ids = 0;

	/* what citizens say: keywords, pinyin initials, the name */
	plan(st, "开超市", shop, &p);
	ck_assert_int_eq(p.bundle, 1);
	ck_assert_str_eq(p.category, "bundle");
	ck_assert_str_eq(p.items[0].code, "SCJG-008");   /* the bundle, the case the window opens */
	ck_assert_int_eq(p.n_items, 4);
	ck_assert(plan_has_item(&p, "SCJG-001") && plan_has_item(&p, "SCJG-004") && plan_has_item(&p, "SWJ-001"));
	for (i = 0; i < p.n_materials; i++)
		ids += !strcmp(p.materials[i].name, "经营者居民身份证");
	ck_assert_int_eq(ids, 1);   /* the bundle's and the licence's: one line */
	/* a company is not one of the bundle's members: the combined window */
	plan(st, "wykcs", shop_company, &p);
	ck_assert_int_eq(p.bundle, 0);
	ck_assert_str_eq(p.category, "combined");
	ck_assert(plan_has_item(&p, "SCJG-003") && !plan_has_item(&p, "SCJG-001"));
	plan(st, "新生儿", birth, &p);
	ck_assert_str_eq(p.category, "bundle");
	ck_assert(!plan_has_item(&p, "WJW-005") && plan_has_item(&p, "RSJ-005"));
	plan(st, "退休", retire, &p);
	ck_assert_str_eq(p.category, "bundle");
	ck_assert_str_eq(p.items[0].code, "RSJ-007");
	plan(st, "二手房", house, &p);
	ck_assert_str_eq(p.category, "combined");
	ck_assert(plan_has_item(&p, "GJJ-002") && plan_has_item(&p, "GAJ-003") && !plan_has_item(&p, "BDC-003"));
	plan(st, "药店", pharmacy, &p);
	ck_assert_int_eq(p.n_items, 2);
	plan(st, "饭馆", restaurant, &p);
	ck_assert(plan_has_item(&p, "SCJG-004") && plan_has_item(&p, "SWJ-001"));
	plan(st, "结婚", marriage, &p);
	ck_assert_int_eq(p.n_items, 1);
	ck_assert_str_eq(p.ticket_item.code, "MZJ-001");
	store_close(st);
}
END_TEST

START_TEST(an_upgraded_database_gets_the_shipped_scenarios_once)
{
	ONLY_ON_SQLITE("it takes the hall back to schema 19; no database on a server is older than 27 (data/pg/schema.sql), so migration 20 has no PostgreSQL twin");
	const char *path = make_db(0);
	struct yc_store *st;
	struct scenario s;

	char version[40];

	/* back to the schema before scenarios (version 20 brought them) */
	undo_schema_to(path, 19);
	snprintf(version, sizeof version, "PRAGMA user_version = %d", 19);
	exec(path, version);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM sqlite_master WHERE name = 'scenarios'"), 0);
	st = open_db(path, "unix", 2000);
	read_scenario(st, "开饭店", &s);
	ck_assert_int_eq(s.n_questions, 3);
	ck_assert_int_eq(s.n_rules, 5);
	store_close(st);
	ck_assert_int_eq(query_long(path, "SELECT count(*) FROM scenarios"), 7);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("scenario");
	TCase *t = tcase_create("scenario");

	tcase_set_timeout(t, 60);
	tcase_add_checked_fixture(t, setup, NULL);
	tcase_add_test(t, answers_bring_their_items_each_once_in_order);
	tcase_add_test(t, the_bundle_takes_two_members_or_itself_not_one_member_or_strangers);
	tcase_add_test(t, one_ticket_the_bundle_the_shared_window_or_the_combined_one);
	tcase_add_test(t, a_material_two_items_need_is_listed_once_with_the_stricter_terms);
	tcase_add_test(t, the_shipped_scenarios_plan_on_the_demo_catalogue);
	tcase_add_test(t, an_upgraded_database_gets_the_shipped_scenarios_once);
	suite_add_tcase(s, t);
	return run_suite(s);
}
