/* Display width: Chinese is two columns, nothing is cut inside a character,
 * control characters and invalid bytes never come out. */
#include "config.h"

#include <string.h>

#include "unit.h"
#include "width.h"
#include "yc.h"

START_TEST(chinese_is_two_columns)
{
	ck_assert_int_eq(yc_width("abc"), 3);
	ck_assert_int_eq(yc_width("综合受理"), 8);
	ck_assert_int_eq(yc_width("A窗口1"), 6);
	ck_assert_int_eq(yc_width("（户籍）"), 8);   /* full-width brackets */
}
END_TEST

START_TEST(fit_pads_to_exact_columns)
{
	char out[64];

	ck_assert_int_eq(yc_fit("窗口", 6, 1, out, sizeof out), 6);
	ck_assert_str_eq(out, "窗口  ");
	ck_assert_int_eq(yc_fit("ab", 4, 0, out, sizeof out), 2);
	ck_assert_str_eq(out, "ab");
}
END_TEST

START_TEST(fit_never_splits_a_wide_character)
{
	char out[64];

	/* 5 columns cannot hold three Chinese characters: two fit, then a pad */
	ck_assert_int_eq(yc_fit("综合受理", 5, 1, out, sizeof out), 5);
	ck_assert_str_eq(out, "综合 ");
	ck_assert_int_eq(yc_fit("综合受理", 5, 0, out, sizeof out), 4);
	ck_assert_str_eq(out, "综合");
}
END_TEST

START_TEST(fit_mark_shows_clipping)
{
	char out[64];

	ck_assert_int_eq(yc_fit_mark("不动产登记", 7, 1, out, sizeof out), 7);
	ck_assert_str_eq(out, "不动产~");
	yc_fit_mark("短", 6, 1, out, sizeof out);
	ck_assert_str_eq(out, "短    ");
}
END_TEST

START_TEST(control_characters_never_pass)
{
	char out[64];

	yc_fit("a\033[2Jb\tc\n", 20, 0, out, sizeof out);
	ck_assert_ptr_null(strchr(out, '\033'));
	ck_assert_str_eq(out, "a?[2Jb c?");
	/* C1 control U+009B (CSI) is also refused */
	yc_fit("x\xc2\x9by", 20, 0, out, sizeof out);
	ck_assert_str_eq(out, "x?y");
}
END_TEST

START_TEST(invalid_utf8_becomes_replacement)
{
	wchar_t w[16];

	ck_assert_uint_eq(yc_decode("a\xff" "b", w, 16), 3);
	ck_assert_int_eq(w[1], 0xFFFD);
	/* a truncated Chinese character (first two bytes of 中) */
	ck_assert_uint_eq(yc_decode("\xe4\xb8", w, 16), 2);
	ck_assert_int_eq(w[0], 0xFFFD);
	/* overlong encoding of '/' */
	ck_assert_uint_eq(yc_decode("\xc0\xaf", w, 16), 2);
	ck_assert_int_eq(w[0], 0xFFFD);
}
END_TEST

START_TEST(encode_round_trips)
{
	wchar_t w[32];
	char out[64];
	size_t n = yc_decode("乌审旗 WSQ", w, 32);

	yc_encode(w, n, out, sizeof out);
	ck_assert_str_eq(out, "乌审旗 WSQ");
	/* a buffer too small for the next character stops before it */
	yc_encode(w, n, out, 7);
	ck_assert_str_eq(out, "乌审");
}
END_TEST

/* Lists joined by one helper: the separator only between parts, and a
 * part cut to fit never split inside a character. */
START_TEST(join_separates_and_cuts_whole_characters)
{
	char out[19] = "";

	yc_join(out, sizeof out, "\u3001", "市场监管");
	ck_assert_str_eq(out, "市场监管");
	yc_join(out, sizeof out, "\u3001", "税务局");
	ck_assert_str_eq(out, "市场监管\u3001税");   /* 18 bytes: 局 does not fit whole */
	yc_join(out, sizeof out, "\u3001", "卫健");
	ck_assert_str_eq(out, "市场监管\u3001税");   /* full: nothing more, nothing broken */
	out[0] = '\0';
	yc_join(out, sizeof out, "", "a");
	yc_join(out, sizeof out, "", "b");
	ck_assert_str_eq(out, "ab");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("width");
	TCase *t = tcase_create("width");

	tcase_add_test(t, chinese_is_two_columns);
	tcase_add_test(t, fit_pads_to_exact_columns);
	tcase_add_test(t, fit_never_splits_a_wide_character);
	tcase_add_test(t, fit_mark_shows_clipping);
	tcase_add_test(t, control_characters_never_pass);
	tcase_add_test(t, invalid_utf8_becomes_replacement);
	tcase_add_test(t, encode_round_trips);
	tcase_add_test(t, join_separates_and_cuts_whole_characters);
	suite_add_tcase(s, t);
	return run_suite(s);
}
