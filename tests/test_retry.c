/* The backoff schedule for a busy database. */
#include "config.h"

#include "retry.h"
#include "unit.h"

START_TEST(delays_stay_within_the_timeout)
{
	struct yc_retry r;
	int total = 0, delay, tries = 0;

	retry_start(&r, 1000, 42);
	while ((delay = retry_next(&r)) >= 0) {
		ck_assert_int_gt(delay, 0);
		ck_assert_int_le(delay, RETRY_CAP_MS);
		total += delay;
		tries++;
		ck_assert_int_lt(tries, 10000);
	}
	ck_assert_int_eq(total, 1000);   /* uses the whole budget, never more */
	ck_assert_int_eq(retry_next(&r), -1);
}
END_TEST

START_TEST(backoff_grows_then_caps)
{
	struct yc_retry r;
	int i, d[12];

	retry_start(&r, 100000, 7);
	for (i = 0; i < 12; i++)
		d[i] = retry_next(&r);
	/* attempt k waits between half and all of min(5 * 2^k, cap) */
	ck_assert_int_ge(d[0], RETRY_FIRST_MS / 2);
	ck_assert_int_le(d[0], RETRY_FIRST_MS);
	ck_assert_int_ge(d[3], 20);
	ck_assert_int_le(d[3], 40);
	for (i = 6; i < 12; i++) {
		ck_assert_int_ge(d[i], RETRY_CAP_MS / 2);
		ck_assert_int_le(d[i], RETRY_CAP_MS);
	}
}
END_TEST

START_TEST(stations_do_not_retry_in_step)
{
	struct yc_retry a, b;
	int i, same = 0;

	retry_start(&a, 100000, 1234);
	retry_start(&b, 100000, 98765);
	for (i = 0; i < 20; i++)
		same += retry_next(&a) == retry_next(&b);
	ck_assert_int_lt(same, 10);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("retry");
	TCase *t = tcase_create("retry");

	tcase_add_test(t, delays_stay_within_the_timeout);
	tcase_add_test(t, backoff_grows_then_caps);
	tcase_add_test(t, stations_do_not_retry_in_step);
	suite_add_tcase(s, t);
	return run_suite(s);
}
