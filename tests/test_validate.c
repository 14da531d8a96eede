/* Checks of typed identifiers. */
#include "config.h"

#include "unit.h"
#include "validate.h"

START_TEST(phone_numbers)
{
	ck_assert(yc_phone_valid("13904771234"));
	ck_assert(yc_phone_valid("0477-8612345"));
	ck_assert(yc_phone_valid("04778612345"));
	ck_assert(!yc_phone_valid("1390477123"));      /* 10 digits */
	ck_assert(!yc_phone_valid("23904771234"));     /* mobiles start with 1 */
	ck_assert(!yc_phone_valid("12904771234"));     /* no 12x mobiles */
	ck_assert(!yc_phone_valid("139-0477-1234"));   /* two dashes */
	ck_assert(!yc_phone_valid("-4778612345"));
	ck_assert(!yc_phone_valid("电话13904771234"));
	ck_assert(!yc_phone_valid(""));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("validate");
	TCase *t = tcase_create("validate");

	tcase_add_test(t, phone_numbers);
	suite_add_tcase(s, t);
	return run_suite(s);
}
