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

START_TEST(id_card_numbers)
{
	/* check characters computed by the MOD 11-2 rule, incl. an X */
	ck_assert_int_eq(yc_id_card_check("150626198503120027", 2026), ID_OK);
	ck_assert_int_eq(yc_id_card_check("15062619690402028X", 2026), ID_OK);
	ck_assert_int_eq(yc_id_card_check("15062619690402028x", 2026), ID_OK);
	ck_assert_int_eq(yc_id_card_check("11010519491231002X", 2026), ID_OK);   /* the standard's example */
	ck_assert_int_eq(yc_id_card_check("150626198503120028", 2026), ID_CHECK_DIGIT);
	ck_assert_int_eq(yc_id_card_check("150626198503210027", 2026), ID_CHECK_DIGIT);  /* swapped digits */
	ck_assert_int_eq(yc_id_card_check("15062619850312002", 2026), ID_LENGTH);
	ck_assert_int_eq(yc_id_card_check("1506261985031200270", 2026), ID_LENGTH);
	ck_assert_int_eq(yc_id_card_check("15062619850312A027", 2026), ID_CHARACTERS);
	ck_assert_int_eq(yc_id_card_check("15062619850312002Y", 2026), ID_CHARACTERS);
	ck_assert_int_eq(yc_id_card_check("150626198502300021", 2026), ID_DATE);   /* 30 February */
	ck_assert_int_eq(yc_id_card_check("150626203001010021", 2026), ID_DATE);   /* born in 2030 */
	ck_assert_int_eq(yc_id_card_check("", 2026), ID_LENGTH);
}
END_TEST

START_TEST(credit_codes)
{
	/* check characters computed by the GB 32100 MOD 31 rule */
	ck_assert_int_eq(yc_credit_code_check("91350100M000100Y43"), ID_OK);
	ck_assert_int_eq(yc_credit_code_check("91150626MA0N0Y4B2G"), ID_OK);
	ck_assert_int_eq(yc_credit_code_check("91350100M000100Y44"), ID_CHECK_DIGIT);
	ck_assert_int_eq(yc_credit_code_check("91350100M000100Y4"), ID_LENGTH);
	ck_assert_int_eq(yc_credit_code_check("91350100I000100Y43"), ID_CHARACTERS);   /* no I */
	ck_assert_int_eq(yc_credit_code_check("91350100m000100Y43"), ID_CHARACTERS);   /* upper case only */
}
END_TEST

START_TEST(ids_are_masked_in_lists)
{
	char out[32];

	yc_id_mask("150626198503120027", out, sizeof out);
	ck_assert_str_eq(out, "1506**********0027");
	yc_id_mask("1234567", out, sizeof out);
	ck_assert_str_eq(out, "1234567");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("validate");
	TCase *t = tcase_create("validate");

	tcase_add_test(t, phone_numbers);
	tcase_add_test(t, id_card_numbers);
	tcase_add_test(t, credit_codes);
	tcase_add_test(t, ids_are_masked_in_lists);
	suite_add_tcase(s, t);
	return run_suite(s);
}
