/* Working-day arithmetic against the State Council's 2025-2026 holiday
 * list, as shipped in data/holidays-cn.txt and built into the program. */
#include "config.h"

#include "calendar.h"
#include "embedded.h"
#include "unit.h"

static struct yc_calendar cal;

static void setup(void)
{
	cal_init(&cal);
	ck_assert_int_eq(cal_parse(&cal, yc_data_holidays_cn_txt, NULL, NULL), 0);
}

static void teardown(void)
{
	cal_free(&cal);
}

static yc_date d(const char *s)
{
	yc_date out = 0;

	ck_assert_msg(date_parse(s, &out) == 0, "bad date %s", s);
	return out;
}

static const char *fmt(yc_date x)
{
	static char buf[11];

	date_format(x, buf);
	return buf;
}

START_TEST(dates_parse_strictly)
{
	yc_date x;

	ck_assert_int_eq(date_parse("2024-02-29", &x), 0);
	ck_assert_int_ne(date_parse("2025-02-29", &x), 0);
	ck_assert_int_ne(date_parse("2025-1-01", &x), 0);
	ck_assert_int_ne(date_parse("2025-13-01", &x), 0);
	ck_assert_int_ne(date_parse("2025-04-31", &x), 0);
	ck_assert_str_eq(fmt(d("1999-12-31") + 1), "2000-01-01");
	ck_assert_int_eq(date_weekday(d("2026-11-27")), 5);   /* a Friday */
	ck_assert_int_eq(date_weekday(d("2025-09-28")), 7);   /* a Sunday */
}
END_TEST

START_TEST(make_up_sunday_counts)
{
	/* accepted Friday 26 Sep 2025, 3 working days: Sat off, Sun 28 is a
	 * make-up workday, then Mon, Tue */
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2025-09-26"), 3)), "2025-09-30");
	ck_assert(cal_is_workday(&cal, d("2025-09-28")));
	ck_assert(!cal_is_workday(&cal, d("2025-09-27")));
}
END_TEST

START_TEST(national_day_week_is_skipped)
{
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2025-09-30"), 2)), "2025-10-10");
	/* the third lands on Saturday 11 Oct, a make-up workday */
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2025-09-30"), 3)), "2025-10-11");
	ck_assert_int_eq(cal_workdays_between(&cal, d("2025-09-30"), d("2025-10-10")), 2);
	ck_assert_int_eq(cal_workdays_between(&cal, d("2025-10-10"), d("2025-09-30")), -2);
}
END_TEST

START_TEST(spring_festival_2026)
{
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2026-02-13"), 1)), "2026-02-14");
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2026-02-14"), 1)), "2026-02-24");
	ck_assert_str_eq(fmt(cal_add_workdays(&cal, d("2026-02-14"), 0)), "2026-02-14");
}
END_TEST

START_TEST(ordinary_weekends_without_list)
{
	struct yc_calendar empty;

	cal_init(&empty);
	/* Friday + 1 working day = Monday */
	ck_assert_str_eq(fmt(cal_add_workdays(&empty, d("2026-11-27"), 1)), "2026-11-30");
	ck_assert_int_eq(cal_workdays_between(&empty, d("2026-11-27"), d("2026-12-04")), 5);
	cal_free(&empty);
}
END_TEST

START_TEST(bad_lines_are_reported_by_number)
{
	struct yc_calendar c;

	cal_init(&c);
	ck_assert_int_eq(cal_parse(&c, "# list\n2026-05-01\toff\t劳动节\n2026-02-30\toff\tx\n", NULL, NULL), 3);
	ck_assert_int_eq(cal_parse(&c, "2026-05-01\tholiday\tx\n", NULL, NULL), 1);
	ck_assert_int_eq(cal_parse(&c, "2026-05-01 off\n", NULL, NULL), 1);
	cal_free(&c);
}
END_TEST

START_TEST(later_entry_replaces_earlier)
{
	struct yc_calendar c;

	cal_init(&c);
	ck_assert_int_eq(cal_parse(&c, "2026-12-01\toff\tx\n2026-12-01\twork\ty\n", NULL, NULL), 0);
	ck_assert_uint_eq(c.n, 1);
	ck_assert(cal_is_workday(&c, d("2026-12-01")));
	cal_free(&c);
}
END_TEST

START_TEST(appointment_days_are_monday_to_saturday)
{
	ck_assert(cal_appointment_day(&cal, d("2026-11-28")));    /* a Saturday */
	ck_assert(!cal_appointment_day(&cal, d("2026-11-29")));   /* a Sunday */
	ck_assert(!cal_appointment_day(&cal, d("2026-10-01")));   /* National Day */
	ck_assert(cal_appointment_day(&cal, d("2025-09-28")));    /* make-up Sunday */
	ck_assert(!cal_appointment_day(&cal, d("2026-02-21")));   /* Spring Festival Saturday */
}
END_TEST

int main(void)
{
	Suite *s = suite_create("calendar");
	TCase *t = tcase_create("calendar");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, dates_parse_strictly);
	tcase_add_test(t, make_up_sunday_counts);
	tcase_add_test(t, national_day_week_is_skipped);
	tcase_add_test(t, spring_festival_2026);
	tcase_add_test(t, ordinary_weekends_without_list);
	tcase_add_test(t, bad_lines_are_reported_by_number);
	tcase_add_test(t, later_entry_replaces_earlier);
	tcase_add_test(t, appointment_days_are_monday_to_saturday);
	suite_add_tcase(s, t);
	return run_suite(s);
}
