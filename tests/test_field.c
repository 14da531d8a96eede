/* The text-field model, edited in Chinese. */
#include "config.h"

#include "field.h"
#include "unit.h"

static struct yc_field f;

static void setup(void)
{
	ck_assert_int_eq(field_init(&f, 10), 0);
}

static void teardown(void)
{
	field_free(&f);
}

static const char *text(void)
{
	static char buf[128];

	field_get(&f, buf, sizeof buf);
	return buf;
}

START_TEST(insert_and_backspace_chinese)
{
	field_insert(&f, L'义');
	field_insert(&f, L'勇');
	field_insert(&f, L'军');
	ck_assert_str_eq(text(), "义勇军");
	ck_assert_uint_eq(f.cursor, 3);
	ck_assert_int_eq(field_backspace(&f), 1);
	ck_assert_str_eq(text(), "义勇");
	field_left(&f);
	field_backspace(&f);
	ck_assert_str_eq(text(), "勇");
	ck_assert_uint_eq(f.cursor, 0);
	ck_assert_int_eq(field_backspace(&f), 0);   /* nothing before the cursor */
}
END_TEST

START_TEST(insert_in_the_middle)
{
	field_set(&f, "综受理");
	field_home(&f);
	field_right(&f);
	field_insert(&f, L'合');
	ck_assert_str_eq(text(), "综合受理");
	ck_assert_uint_eq(f.cursor, 2);
	field_delete(&f);
	ck_assert_str_eq(text(), "综合理");
}
END_TEST

START_TEST(limit_and_controls_refused)
{
	int i;

	for (i = 0; i < 12; i++)
		field_insert(&f, L'字');
	ck_assert_uint_eq(f.len, 10);
	field_clear(&f);
	ck_assert_int_eq(field_insert(&f, L'\033'), 0);
	ck_assert_int_eq(field_insert(&f, L'\n'), 0);
	ck_assert_uint_eq(f.len, 0);
}
END_TEST

START_TEST(kill_to_end_and_start)
{
	field_set(&f, "abc中文");
	field_home(&f);
	field_right(&f);
	field_right(&f);
	field_kill_to_end(&f);
	ck_assert_str_eq(text(), "ab");
	field_set(&f, "abc中文");
	field_left(&f);
	field_kill_to_start(&f);
	ck_assert_str_eq(text(), "文");
	ck_assert_uint_eq(f.cursor, 0);
}
END_TEST

START_TEST(layout_scrolls_by_columns)
{
	int col;

	/* 6 Chinese characters = 12 columns in a 7-column box: the cursor at
	 * the end needs its own column, so only 3 characters show */
	field_set(&f, "一二三四五六");
	field_layout(&f, 7, &col);
	ck_assert_uint_eq(f.scroll, 3);
	ck_assert_int_eq(col, 6);
	field_home(&f);
	field_layout(&f, 7, &col);
	ck_assert_uint_eq(f.scroll, 0);
	ck_assert_int_eq(col, 0);
}
END_TEST

START_TEST(set_sanitises)
{
	field_set(&f, "a\tb\033c");
	ck_assert_str_eq(text(), "a b?c");
}
END_TEST

START_TEST(byte_limit_counts_utf8)
{
	struct yc_field g;
	char out[8];

	/* 8 bytes with the NUL: "ab" (2) + 中 (3) leaves room for 2 more
	 * bytes: 文 (3) does not fit, "c" and "d" do, "e" no longer */
	field_init(&g, 0);
	field_limit_bytes(&g, sizeof out);
	ck_assert_int_eq(field_insert(&g, L'a'), 1);
	ck_assert_int_eq(field_insert(&g, L'b'), 1);
	ck_assert_int_eq(field_insert(&g, L'中'), 1);
	ck_assert_int_eq(field_insert(&g, L'文'), 0);
	ck_assert_int_eq(field_insert(&g, L'c'), 1);
	ck_assert_int_eq(field_insert(&g, L'd'), 1);
	ck_assert_int_eq(field_insert(&g, L'e'), 0);
	field_get(&g, out, sizeof out);
	ck_assert_str_eq(out, "ab中cd");
	field_free(&g);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("field");
	TCase *t = tcase_create("field");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, insert_and_backspace_chinese);
	tcase_add_test(t, insert_in_the_middle);
	tcase_add_test(t, limit_and_controls_refused);
	tcase_add_test(t, kill_to_end_and_start);
	tcase_add_test(t, layout_scrolls_by_columns);
	tcase_add_test(t, set_sanitises);
	tcase_add_test(t, byte_limit_counts_utf8);
	suite_add_tcase(s, t);
	return run_suite(s);
}
