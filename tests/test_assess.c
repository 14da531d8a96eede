/* The monthly assessment sheet's arithmetic: caps per rule and per
 * category, bonus points, the band edges with floating-point sums, money
 * withheld to the fen, two failing months in a row, the annual average. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "unit.h"

#define MAX_RULES 256

static struct assess_rule rules[MAX_RULES];
static struct assess_line lines[MAX_RULES];
static int occ[MAX_RULES];
static size_t n_rules;
static struct assess_result res;

static void setup(void)
{
	memset(rules, 0, sizeof rules);
	memset(lines, 0xff, sizeof lines);   /* assess_score must fill each line */
	memset(occ, 0, sizeof occ);
	memset(&res, 0xff, sizeof res);
	n_rules = 0;
}

/* Add a rule; returns its index. */
static size_t rule(const char *category, double category_max, double per, double cap,
		   enum assess_evidence ev, int occurrences)
{
	struct assess_rule *r = &rules[n_rules];

	ck_assert_uint_lt(n_rules, MAX_RULES);
	r->id = (long)n_rules + 101;
	snprintf(r->category, sizeof r->category, "%s", category);
	r->category_max = category_max;
	snprintf(r->text, sizeof r->text, "rule %zu", n_rules);
	r->per_occurrence = per;
	r->cap = cap;
	r->evidence = ev;
	occ[n_rules] = occurrences;
	return n_rules++;
}

static void score(long fee_fen)
{
	assess_score(rules, n_rules, occ, fee_fen, lines, &res);
}

#define TOL 1e-9

START_TEST(band_edges)
{
	ck_assert_int_eq(assess_band_of(0), BAND_FAIL);
	ck_assert_int_eq(assess_band_of(79.5), BAND_FAIL);
	ck_assert_int_eq(assess_band_of(79.99), BAND_FAIL);
	ck_assert_int_eq(assess_band_of(80), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(85), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(90), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(90.01), BAND_EXCELLENT);
	ck_assert_int_eq(assess_band_of(90.5), BAND_EXCELLENT);
	ck_assert_int_eq(assess_band_of(100), BAND_EXCELLENT);
	/* out of range: whatever was stored, no undefined conversion */
	ck_assert_int_eq(assess_band_of(-1), BAND_FAIL);
	ck_assert_int_eq(assess_band_of(NAN), BAND_FAIL);
	ck_assert_int_eq(assess_band_of(1e300), BAND_EXCELLENT);
}
END_TEST

START_TEST(band_edges_after_floating_sums)
{
	/* what sums of fractions leave near the edges: rounded to two
	 * decimals they are the edge itself */
	ck_assert_int_eq(assess_band_of(89.99999999), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(90.0000001), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(79.99999999), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(80.0000001), BAND_BASIC);
	ck_assert_int_eq(assess_band_of(100 - 0.1 * 100), BAND_BASIC);
}
END_TEST

START_TEST(hundred_tenths_make_ninety)
{
	size_t i;

	/* 0.1 added a hundred times is 9.99999999999998, so the raw score is
	 * 90.00000000000001: basic, not excellent */
	for (i = 0; i < 100; i++)
		rule("服务规范", 30, 0.1, -1, EVIDENCE_INSPECTION, 1);
	score(100000);
	ck_assert(res.score > 90);   /* the floating-point sum this is about */
	ck_assert_double_eq_tol(res.score, 90, TOL);
	ck_assert_double_eq_tol(res.deducted, 10, TOL);
	ck_assert_int_eq(res.band, BAND_BASIC);
	ck_assert_int_eq(res.withheld_fen, 5000);
	for (i = 0; i < 100; i++)
		ck_assert_int_eq(lines[i].capped, 0);
}
END_TEST

START_TEST(two_hundred_tenths_make_eighty)
{
	size_t i;

	/* and two hundred times 20.000000000000014: 79.99999999999999 is 80 */
	for (i = 0; i < 200; i++)
		rule("服务规范", 30, 0.1, -1, EVIDENCE_INSPECTION, 1);
	score(100000);
	ck_assert(res.score < 80);
	ck_assert_int_eq(res.band, BAND_BASIC);
	ck_assert_int_eq(res.withheld_fen, 5000);
	ck_assert_int_eq(res.payable_fen, 95000);
}
END_TEST

START_TEST(withheld_to_the_fen)
{
	/* 123456.7 and 61728.35 fen */
	ck_assert_int_eq(assess_withheld(BAND_FAIL, 1234567), 123457);
	ck_assert_int_eq(assess_withheld(BAND_BASIC, 1234567), 61728);
	ck_assert_int_eq(assess_withheld(BAND_EXCELLENT, 1234567), 0);
	/* half a fen goes up */
	ck_assert_int_eq(assess_withheld(BAND_BASIC, 1234570), 61729);
	ck_assert_int_eq(assess_withheld(BAND_FAIL, 5), 1);
	ck_assert_int_eq(assess_withheld(BAND_FAIL, 4), 0);
	ck_assert_int_eq(assess_withheld(BAND_FAIL, 0), 0);
	/* 100 000 yuan a month */
	ck_assert_int_eq(assess_withheld(BAND_FAIL, 10000000), 1000000);
	ck_assert_int_eq(assess_withheld(BAND_BASIC, 10000000), 500000);
}
END_TEST

START_TEST(money_of_each_band)
{
	size_t a;

	/* 25 points lost: fails */
	a = rule("劳动纪律", 30, 5, -1, EVIDENCE_INSPECTION, 5);
	score(1234567);
	ck_assert_double_eq_tol(res.score, 75, TOL);
	ck_assert_int_eq(res.band, BAND_FAIL);
	ck_assert_int_eq(res.fee_fen, 1234567);
	ck_assert_int_eq(res.withheld_fen, 123457);
	ck_assert_int_eq(res.payable_fen, 1111110);

	/* 10 lost: 90 is still basic */
	occ[a] = 2;
	score(1234567);
	ck_assert_double_eq_tol(res.score, 90, TOL);
	ck_assert_int_eq(res.band, BAND_BASIC);
	ck_assert_int_eq(res.withheld_fen, 61728);
	ck_assert_int_eq(res.payable_fen, 1172839);

	/* 9.5 lost: excellent */
	rules[a].per_occurrence = 4.75;
	score(1234567);
	ck_assert_double_eq_tol(res.score, 90.5, TOL);
	ck_assert_int_eq(res.band, BAND_EXCELLENT);
	ck_assert_int_eq(res.withheld_fen, 0);
	ck_assert_int_eq(res.payable_fen, 1234567);

	/* 20.5 lost: 79.5 fails */
	rules[a].per_occurrence = 20.5;
	occ[a] = 1;
	score(1234567);
	ck_assert_double_eq_tol(res.score, 79.5, TOL);
	ck_assert_int_eq(res.band, BAND_FAIL);
}
END_TEST

START_TEST(rule_caps)
{
	size_t over, under, exact, tenths, uncapped;

	over = rule("A", 100, 2, 5, EVIDENCE_INSPECTION, 4);         /* 8 -> 5 */
	under = rule("A", 100, 2, 5, EVIDENCE_INSPECTION, 2);        /* 4 */
	exact = rule("B", 100, 0.5, 5, EVIDENCE_INSPECTION, 10);     /* 5, not over */
	tenths = rule("B", 100, 0.1, 0.3, EVIDENCE_COMPUTED, 3);     /* 0.30000000000000004 */
	uncapped = rule("C", 100, 1, -1, EVIDENCE_COMPLAINT, 10);    /* 10 */
	score(100000);

	ck_assert_double_eq_tol(lines[over].points, 5, TOL);
	ck_assert_int_eq(lines[over].capped, 1);
	ck_assert_int_eq(lines[over].occurrences, 4);
	ck_assert_int_eq(lines[over].rule_id, rules[over].id);
	ck_assert_double_eq_tol(lines[under].points, 4, TOL);
	ck_assert_int_eq(lines[under].capped, 0);
	ck_assert_double_eq_tol(lines[exact].points, 5, TOL);
	ck_assert_int_eq(lines[exact].capped, 0);
	ck_assert_double_eq_tol(lines[tenths].points, 0.3, TOL);
	ck_assert_int_eq(lines[tenths].capped, 0);
	ck_assert_double_eq_tol(lines[uncapped].points, 10, TOL);
	ck_assert_int_eq(lines[uncapped].capped, 0);
	ck_assert_double_eq_tol(res.deducted, 24.3, TOL);
	ck_assert_double_eq_tol(res.score, 75.7, TOL);
	ck_assert_int_eq(res.band, BAND_FAIL);

	/* a cap of 0 takes nothing */
	rules[uncapped].cap = 0;
	score(100000);
	ck_assert_double_eq_tol(lines[uncapped].points, 0, TOL);
	ck_assert_int_eq(lines[uncapped].capped, 1);
}
END_TEST

START_TEST(category_caps_in_rule_order)
{
	size_t a1, a2, b1, a3, a4;

	/* 服务规范 can lose 10: 6 (its rule's cap), then 4 of 4, then nothing */
	a1 = rule("服务规范", 10, 3, 6, EVIDENCE_INSPECTION, 3);
	a2 = rule("服务规范", 10, 2, -1, EVIDENCE_INSPECTION, 2);
	b1 = rule("劳动纪律", 5, 1, 5, EVIDENCE_INSPECTION, 2);     /* another category between */
	a3 = rule("服务规范", 10, 1, 5, EVIDENCE_INSPECTION, 1);
	a4 = rule("服务规范", 10, 1, 5, EVIDENCE_INSPECTION, 0);
	score(100000);

	ck_assert_double_eq_tol(lines[a1].points, 6, TOL);
	ck_assert_int_eq(lines[a1].capped, 1);                      /* by its rule */
	ck_assert_double_eq_tol(lines[a2].points, 4, TOL);
	ck_assert_int_eq(lines[a2].capped, 0);                      /* exactly what was left */
	ck_assert_double_eq_tol(lines[b1].points, 2, TOL);
	ck_assert_int_eq(lines[b1].capped, 0);
	ck_assert_double_eq_tol(lines[a3].points, 0, TOL);
	ck_assert_int_eq(lines[a3].capped, 1);                      /* by its category */
	ck_assert_int_eq(lines[a3].occurrences, 1);
	ck_assert_double_eq_tol(lines[a4].points, 0, TOL);
	ck_assert_int_eq(lines[a4].capped, 0);                      /* nothing to cap */
	ck_assert_double_eq_tol(res.deducted, 12, TOL);
	ck_assert_double_eq_tol(res.score, 88, TOL);
}
END_TEST

START_TEST(category_cap_cuts_a_line_short)
{
	size_t a1, a2, b1, b2;

	a1 = rule("材料流转", 10, 1, 6, EVIDENCE_COMPUTED, 4);      /* 4 */
	b1 = rule("七规范", 10, 2, 6, EVIDENCE_INSPECTION, 5);      /* 10 -> 6 by the rule */
	a2 = rule("材料流转", 10, 1, 6, EVIDENCE_COMPUTED, 9);      /* 9 -> 6 -> 6 of 6 left */
	b2 = rule("七规范", 10, 0.5, 3, EVIDENCE_INSPECTION, 9);    /* 4.5 -> 3 -> 3 of 4 left */
	score(100000);

	ck_assert_double_eq_tol(lines[a1].points, 4, TOL);
	ck_assert_double_eq_tol(lines[b1].points, 6, TOL);
	ck_assert_int_eq(lines[b1].capped, 1);
	ck_assert_double_eq_tol(lines[a2].points, 6, TOL);
	ck_assert_int_eq(lines[a2].capped, 1);
	ck_assert_double_eq_tol(lines[b2].points, 3, TOL);
	ck_assert_int_eq(lines[b2].capped, 1);

	/* now the category cuts: 材料流转 has 6 left after 4 but 2.5 × 3 */
	rules[a2].per_occurrence = 2.5;
	rules[a2].cap = -1;
	occ[a2] = 3;
	/* and 七规范's second rule 1 × 5 with 4 left */
	rules[b2].per_occurrence = 1;
	rules[b2].cap = 10;
	occ[b2] = 5;
	score(100000);
	ck_assert_double_eq_tol(lines[a2].points, 6, TOL);
	ck_assert_int_eq(lines[a2].capped, 1);
	ck_assert_double_eq_tol(lines[b2].points, 4, TOL);
	ck_assert_int_eq(lines[b2].capped, 1);
	ck_assert_double_eq_tol(res.deducted, 20, TOL);
	ck_assert_double_eq_tol(res.score, 80, TOL);
	ck_assert_int_eq(res.band, BAND_BASIC);
}
END_TEST

START_TEST(bonus_points)
{
	size_t d, b;

	d = rule("投诉与评价", 20, 5, -1, EVIDENCE_COMPLAINT, 1);
	/* the bonus category has none of the 100 points: its max is 0 */
	b = rule("加分项", 0, 1, 3, EVIDENCE_BONUS, 2);
	score(100000);
	ck_assert_double_eq_tol(res.deducted, 5, TOL);
	ck_assert_double_eq_tol(res.bonus, 2, TOL);
	ck_assert_double_eq_tol(lines[b].points, 2, TOL);
	ck_assert_int_eq(lines[b].capped, 0);
	ck_assert_double_eq_tol(res.score, 97, TOL);

	/* five praise letters add 3, the rule's cap */
	occ[b] = 5;
	score(100000);
	ck_assert_double_eq_tol(lines[b].points, 3, TOL);
	ck_assert_int_eq(lines[b].capped, 1);
	ck_assert_double_eq_tol(res.bonus, 3, TOL);
	ck_assert_double_eq_tol(res.score, 98, TOL);
	ck_assert_int_eq(lines[d].capped, 0);

	/* 22 points from a category of 20 lose 20 */
	rules[d].per_occurrence = 22;
	score(100000);
	ck_assert_double_eq_tol(res.deducted, 20, TOL);
	ck_assert_int_eq(lines[d].capped, 1);
	ck_assert_double_eq_tol(res.score, 83, TOL);

	/* a bonus lifts a failing month over the edge */
	rules[d].category_max = 30;
	score(100000);
	ck_assert_double_eq_tol(res.deducted, 22, TOL);
	ck_assert_double_eq_tol(res.score, 81, TOL);
	ck_assert_int_eq(res.band, BAND_BASIC);
}
END_TEST

START_TEST(ceiling_of_100)
{
	size_t d, b;

	d = rule("劳动纪律", 10, 1, 5, EVIDENCE_INSPECTION, 0);
	b = rule("加分项", 0, 1, 3, EVIDENCE_BONUS, 3);
	score(100000);
	ck_assert_double_eq_tol(res.bonus, 3, TOL);
	ck_assert_double_eq_tol(res.score, 100, TOL);
	ck_assert_int_eq(res.band, BAND_EXCELLENT);
	ck_assert_int_eq(res.withheld_fen, 0);
	ck_assert_int_eq(res.payable_fen, 100000);

	/* one point lost, three gained: still 100 */
	occ[d] = 1;
	score(100000);
	ck_assert_double_eq_tol(res.deducted, 1, TOL);
	ck_assert_double_eq_tol(res.score, 100, TOL);
	ck_assert_double_eq_tol(lines[b].points, 3, TOL);
}
END_TEST

START_TEST(floor_of_0)
{
	size_t b;

	rule("服务规范", 60, 5, -1, EVIDENCE_INSPECTION, 20);       /* 100 -> 60 */
	rule("投诉与评价", 60, 5, -1, EVIDENCE_COMPLAINT, 20);       /* 100 -> 60 */
	b = rule("加分项", 0, 1, 3, EVIDENCE_BONUS, 0);
	score(1234567);
	ck_assert_double_eq_tol(res.deducted, 120, TOL);
	ck_assert_double_eq_tol(res.score, 0, TOL);
	ck_assert_int_eq(res.band, BAND_FAIL);
	ck_assert_int_eq(res.withheld_fen, 123457);

	/* the bonus is added before the floor: 100 - 120 + 3 is still 0 */
	occ[b] = 3;
	score(1234567);
	ck_assert_double_eq_tol(res.score, 0, TOL);
}
END_TEST

START_TEST(nothing_wrong_is_100)
{
	score(100000);
	ck_assert_double_eq_tol(res.score, 100, TOL);
	ck_assert_double_eq_tol(res.deducted, 0, TOL);
	ck_assert_double_eq_tol(res.bonus, 0, TOL);
	ck_assert_int_eq(res.band, BAND_EXCELLENT);

	rule("劳动纪律", 10, 1, 5, EVIDENCE_INSPECTION, 0);
	score(100000);
	ck_assert_double_eq_tol(res.score, 100, TOL);
	ck_assert_int_eq(lines[0].occurrences, 0);
	ck_assert_int_eq(lines[0].capped, 0);
	ck_assert_int_eq(lines[0].rule_id, 101);
}
END_TEST

START_TEST(wrong_signs_take_nothing)
{
	size_t a, b;

	/* a count below zero is none; a negative value typed in the table
	 * neither adds to a deduction's score nor takes from a bonus */
	a = rule("劳动纪律", 10, 1, 5, EVIDENCE_INSPECTION, -3);
	b = rule("加分项", 0, -1, 3, EVIDENCE_BONUS, 2);
	rule("七规范", 10, -2, 5, EVIDENCE_INSPECTION, 2);
	score(100000);
	ck_assert_int_eq(lines[a].occurrences, 0);
	ck_assert_double_eq_tol(lines[a].points, 0, TOL);
	ck_assert_double_eq_tol(lines[b].points, 0, TOL);
	ck_assert_double_eq_tol(res.score, 100, TOL);
}
END_TEST

START_TEST(band_labels)
{
	/* no catalogue bound: the English source text */
	ck_assert_str_eq(assess_band_label(BAND_FAIL), "fails");
	ck_assert_str_eq(assess_band_label(BAND_BASIC), "basic");
	ck_assert_str_eq(assess_band_label(BAND_EXCELLENT), "excellent");
}
END_TEST

/* "Deducted 20.50 ... score 80.00" must not be: after an objection's
 * answer the correction is a line of its own and the sheet adds up. */
START_TEST(an_objection_correction_adds_up)
{
	char text[300];

	rule("A", 30, 0.5, -1, EVIDENCE_INSPECTION, 41);   /* 20.50 */
	rule("B", 0, 1, 3, EVIDENCE_BONUS, 0);
	score(10000000);
	ck_assert_double_eq_tol(res.score, 79.5, TOL);
	ck_assert_double_eq_tol(res.adjusted, 0, TOL);
	assess_adjust(&res, 80);
	ck_assert_double_eq_tol(res.deducted, 20.5, TOL);
	ck_assert_double_eq_tol(res.adjusted, 0.5, TOL);
	ck_assert_double_eq_tol(100 - res.deducted + res.bonus + res.adjusted, res.score, TOL);
	ck_assert_int_eq(res.band, BAND_BASIC);
	ck_assert_int_eq(res.withheld_fen, 500000);
	ck_assert_int_eq(res.payable_fen, 9500000);
	assess_summary(&res, text, sizeof text);
	ck_assert_str_eq(text, "Deducted 20.50, bonus 0.00, objections +0.50: score 80.00, basic");
	/* a score taken down is a negative correction; one that stands is none */
	assess_adjust(&res, 75);
	ck_assert_double_eq_tol(res.adjusted, -4.5, TOL);
	ck_assert_int_eq(res.band, BAND_FAIL);
	assess_adjust(&res, 79.5);
	ck_assert_double_eq_tol(res.adjusted, 0, TOL);
	assess_summary(&res, text, sizeof text);
	ck_assert_str_eq(text, "Deducted 20.50, bonus 0.00: score 79.50, fails");
}
END_TEST

START_TEST(two_consecutive_fails)
{
	const double s1[] = { 85, 79, 70, 95 };
	const int a1[] = { 1, 1, 1, 1 };
	const double s2[] = { 70, 70, 70, 70 };

	ck_assert_int_eq(assess_two_failing_months(s1, a1, 4), 2);
	/* the first pair, not a later one */
	ck_assert_int_eq(assess_two_failing_months(s2, a1, 4), 1);
}
END_TEST

START_TEST(month_not_assessed_breaks_the_run)
{
	/* fail, not assessed (its slot says 0), fail */
	const double s[] = { 70, 0, 70 };
	const int a[] = { 1, 0, 1 };
	const int none[] = { 0, 0, 0 };

	ck_assert_int_eq(assess_two_failing_months(s, a, 3), -1);
	ck_assert_int_eq(assess_two_failing_months(s, none, 3), -1);
}
END_TEST

START_TEST(pass_between_fails)
{
	const double s[] = { 70, 80, 70, 85, 60 };
	const int a[] = { 1, 1, 1, 1, 1 };

	ck_assert_int_eq(assess_two_failing_months(s, a, 5), -1);
}
END_TEST

START_TEST(fails_at_the_end)
{
	const double s[] = { 95, 85, 90, 79.5, 60 };
	const int a[] = { 1, 1, 1, 1, 1 };
	const double one[] = { 60 };

	ck_assert_int_eq(assess_two_failing_months(s, a, 5), 4);
	/* the array cut before the second */
	ck_assert_int_eq(assess_two_failing_months(s, a, 4), -1);
	ck_assert_int_eq(assess_two_failing_months(one, a, 1), -1);
	ck_assert_int_eq(assess_two_failing_months(s, a, 0), -1);
}
END_TEST

/* Dec 2025 75, Jan 2026 76: the year 2026 sees the alert, as January's
 * sheet does; a February sheet or view up to February too, and a year
 * whose December before passed does not. */
START_TEST(two_fails_across_new_year)
{
	double s[12] = { 76, 95 };
	int a[12] = { 1, 1 }, first = -1;

	ck_assert_int_eq(assess_year_alert(75, 1, s, a, 12, &first), 1);
	ck_assert_int_eq(first, 0);
	ck_assert_int_eq(assess_year_alert(75, 1, s, a, 1, NULL), 1);
	ck_assert_int_eq(assess_year_alert(85, 1, s, a, 12, NULL), 0);
	ck_assert_int_eq(assess_year_alert(75, 0, s, a, 12, NULL), 0);
	/* within the year: months 5 and 6, not seen from April's sheet */
	s[4] = 70;
	s[5] = 79;
	a[4] = a[5] = 1;
	ck_assert_int_eq(assess_year_alert(85, 1, s, a, 12, &first), 6);
	ck_assert_int_eq(first, 5);
	ck_assert_int_eq(assess_year_alert(85, 1, s, a, 4, NULL), 0);
}
END_TEST

START_TEST(the_plans_conditions_for_ending_the_contract)
{
	ck_assert_uint_eq(assess_termination_count(), 5);
	ck_assert_str_eq(assess_termination_key(0), "law");
	ck_assert_ptr_null(assess_termination_key(5));
	ck_assert_str_eq(assess_termination_label("law"), "(1) broke national laws or regulations");
	ck_assert_ptr_nonnull(strstr(assess_termination_label("other"), "(6)"));
	ck_assert_ptr_null(assess_termination_label("bribes"));
	ck_assert_ptr_null(assess_termination_label(NULL));
}
END_TEST

START_TEST(the_weeks_of_a_month)
{
	char m[5][11];

	ck_assert_int_eq(assess_month_mondays("2026-11", m, 5), 5);
	ck_assert_str_eq(m[0], "2026-11-02");
	ck_assert_str_eq(m[4], "2026-11-30");
	ck_assert_int_eq(assess_month_mondays("2026-02", m, 5), 4);
	ck_assert_str_eq(m[0], "2026-02-02");
	ck_assert_int_eq(assess_month_mondays("2026-06", m, 5), 5);   /* 1 June 2026 is a Monday */
	ck_assert_str_eq(m[0], "2026-06-01");
	ck_assert_int_eq(assess_month_mondays("2026-06", m, 2), 2);
	ck_assert_int_eq(assess_month_mondays("2026-13", m, 5), -1);
	ck_assert_int_eq(assess_month_mondays("NOPE", m, 5), -1);
}
END_TEST

START_TEST(fail_means_the_band)
{
	/* 79.999999999 is 80 after rounding: basic, not a failing month */
	const double s[] = { 70, 79.999999999, 79.99, 70 };
	const int a[] = { 1, 1, 1, 1 };

	ck_assert_int_eq(assess_two_failing_months(s, a, 2), -1);
	ck_assert_int_eq(assess_two_failing_months(s, a, 4), 3);
}
END_TEST

START_TEST(annual_over_part_of_a_year)
{
	/* assessed from March to September; the other slots hold garbage */
	const double s[12] = { -5e9, NAN, 92, 88.5, 79, 95, 90, 85.5, 93, 1e300, -1, 100 };
	const int a[12] = { 0, 0, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0 };
	int months = -1;

	ck_assert_double_eq_tol(assess_annual(s, a, 12, &months), 623.0 / 7, TOL);
	ck_assert_int_eq(months, 7);
	/* months_assessed may be left out */
	ck_assert_double_eq_tol(assess_annual(s, a, 12, NULL), 89, TOL);
}
END_TEST

START_TEST(annual_with_none_assessed)
{
	const double s[12] = { 90, 90, NAN, 90, 90, 90, 90, 90, 90, 90, 90, 90 };
	const int a[12] = { 0 };
	int months = -1;

	ck_assert_double_eq_tol(assess_annual(s, a, 12, &months), 0, TOL);
	ck_assert_int_eq(months, 0);
	months = -1;
	ck_assert_double_eq_tol(assess_annual(s, a, 0, &months), 0, TOL);
	ck_assert_int_eq(months, 0);
}
END_TEST

START_TEST(annual_full_year)
{
	const double s[12] = { 90, 91, 92, 93, 94, 95, 85, 84, 83, 82, 81, 80 };
	const int a[12] = { 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1 };
	int months = 0;

	ck_assert_double_eq_tol(assess_annual(s, a, 12, &months), 1050.0 / 12, TOL);
	ck_assert_int_eq(months, 12);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("assess");
	TCase *band = tcase_create("band");
	TCase *sheet = tcase_create("sheet");
	TCase *months = tcase_create("months");

	tcase_add_test(band, band_edges);
	tcase_add_test(band, band_edges_after_floating_sums);
	tcase_add_test(band, withheld_to_the_fen);
	tcase_add_test(band, band_labels);
	suite_add_tcase(s, band);

	tcase_add_checked_fixture(sheet, setup, NULL);
	tcase_add_test(sheet, hundred_tenths_make_ninety);
	tcase_add_test(sheet, two_hundred_tenths_make_eighty);
	tcase_add_test(sheet, money_of_each_band);
	tcase_add_test(sheet, rule_caps);
	tcase_add_test(sheet, category_caps_in_rule_order);
	tcase_add_test(sheet, category_cap_cuts_a_line_short);
	tcase_add_test(sheet, bonus_points);
	tcase_add_test(sheet, ceiling_of_100);
	tcase_add_test(sheet, floor_of_0);
	tcase_add_test(sheet, nothing_wrong_is_100);
	tcase_add_test(sheet, wrong_signs_take_nothing);
	tcase_add_test(sheet, an_objection_correction_adds_up);
	suite_add_tcase(s, sheet);

	tcase_add_test(months, two_consecutive_fails);
	tcase_add_test(months, month_not_assessed_breaks_the_run);
	tcase_add_test(months, pass_between_fails);
	tcase_add_test(months, fails_at_the_end);
	tcase_add_test(months, fail_means_the_band);
	tcase_add_test(months, two_fails_across_new_year);
	tcase_add_test(months, the_weeks_of_a_month);
	tcase_add_test(months, the_plans_conditions_for_ending_the_contract);
	tcase_add_test(months, annual_over_part_of_a_year);
	tcase_add_test(months, annual_with_none_assessed);
	tcase_add_test(months, annual_full_year);
	suite_add_tcase(s, months);
	return run_suite(s);
}
