/* Keyset paging in the list widget, over an in-memory table of 0..N-1
 * standing for a sorted query result (the fetch contract of ui-list.h). */
#include "config.h"

#include <string.h>

#include "ui.h"
#include "ui-list.h"
#include "width.h"
#include "unit.h"

static int table_size = 25;
static int fetches;

static int fetch(void *ctx, const void *anchor, int forward, void *rows, int max, int *n)
{
	int *out = rows, i, start;

	fetches++;
	*n = 0;
	if (forward) {
		start = anchor ? *(const int *)anchor + 1 : 0;
		for (i = start; i < table_size && *n < max; i++)
			out[(*n)++] = i;
	} else {
		int end = anchor ? *(const int *)anchor - 1 : table_size - 1;

		start = end - max + 1 < 0 ? 0 : end - max + 1;
		for (i = start; i <= end; i++)
			out[(*n)++] = i;
	}
	return 0;
}

static struct ui_list l;

static void setup(void)
{
	table_size = 25;
	fetches = 0;
	ck_assert_int_eq(ui_list_init(&l, sizeof(int), 50, fetch, NULL), 0);
	ck_assert_int_eq(ui_list_set_visible(&l, 10), 0);
}

static void teardown(void)
{
	ui_list_free(&l);
}

static int first(void) { return *(int *)ui_list_row(&l, 0); }
static int selected(void) { return *(int *)ui_list_selected(&l); }

START_TEST(starts_at_the_top)
{
	ck_assert_int_eq(l.n, 10);
	ck_assert_int_eq(first(), 0);
	ck_assert_int_eq(selected(), 0);
}
END_TEST

START_TEST(down_scrolls_one_row_past_the_edge)
{
	int i;

	for (i = 0; i < 9; i++)
		ui_list_down(&l);
	ck_assert_int_eq(selected(), 9);
	ck_assert_int_eq(first(), 0);
	ui_list_down(&l);
	ck_assert_int_eq(selected(), 10);
	ck_assert_int_eq(first(), 1);
	ck_assert_int_eq(l.n, 10);
}
END_TEST

START_TEST(up_at_the_top_stays)
{
	ui_list_up(&l);
	ck_assert_int_eq(selected(), 0);
	ck_assert_int_eq(first(), 0);
}
END_TEST

START_TEST(pages_cover_the_table_and_end_full)
{
	ui_list_page_down(&l);
	ck_assert_int_eq(first(), 10);
	ui_list_page_down(&l);
	/* 20..24 would be a short page: the last full page is shown instead */
	ck_assert_int_eq(first(), 15);
	ck_assert_int_eq(*(int *)ui_list_row(&l, l.n - 1), 24);
	ui_list_page_up(&l);
	ck_assert_int_eq(first(), 5);
	ui_list_page_up(&l);
	ck_assert_int_eq(first(), 0);
	ck_assert_int_eq(l.n, 10);
}
END_TEST

START_TEST(end_shows_the_last_rows)
{
	ui_list_end(&l);
	ck_assert_int_eq(first(), 15);
	ck_assert_int_eq(selected(), 24);
	ui_list_down(&l);
	ck_assert_int_eq(selected(), 24);   /* nothing after the end */
}
END_TEST

START_TEST(refresh_keeps_the_page_and_selection)
{
	ui_list_page_down(&l);
	ui_list_down(&l);
	ui_list_down(&l);
	ck_assert_int_eq(selected(), 12);
	ui_list_refresh(&l);
	ck_assert_int_eq(first(), 10);
	ck_assert_int_eq(selected(), 12);
}
END_TEST

START_TEST(empty_table)
{
	table_size = 0;
	ui_list_home(&l);
	ck_assert_int_eq(l.n, 0);
	ck_assert_ptr_null(ui_list_selected(&l));
	ck_assert_int_eq(ui_list_down(&l), 0);
	ck_assert_int_eq(ui_list_page_down(&l), 0);
}
END_TEST

START_TEST(moving_inside_the_page_asks_nothing)
{
	int before = fetches;

	ui_list_down(&l);
	ui_list_down(&l);
	ui_list_up(&l);
	ck_assert_int_eq(fetches, before);
}
END_TEST

/* Wrapping: lines fit the width in columns (Chinese counts two), and no
 * line starts with a comma, full stop or closing bracket. */
static char wrapped[8][128];
static int n_wrapped;

static void keep_line(void *ctx, const char *line)
{
	(void)ctx;
	if (n_wrapped < 8)
		snprintf(wrapped[n_wrapped++], sizeof wrapped[0], "%s", line);
}

START_TEST(wrapping_keeps_punctuation_off_the_line_start)
{
	int i;

	n_wrapped = 0;
	/* 10 columns: "一二三四五" fills the first line, "，" would start the next */
	ck_assert_int_eq(ui_wrap("一二三四五，六七（八）。九", 10, keep_line, NULL), 3);
	ck_assert_str_eq(wrapped[0], "一二三四");
	ck_assert_str_eq(wrapped[1], "五，六七（");
	ck_assert_str_eq(wrapped[2], "八）。九");
	for (i = 0; i < n_wrapped; i++)
		ck_assert_int_le(yc_width(wrapped[i]), 10);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("list");
	TCase *t = tcase_create("list");

	tcase_add_checked_fixture(t, setup, teardown);
	tcase_add_test(t, starts_at_the_top);
	tcase_add_test(t, down_scrolls_one_row_past_the_edge);
	tcase_add_test(t, up_at_the_top_stays);
	tcase_add_test(t, pages_cover_the_table_and_end_full);
	tcase_add_test(t, end_shows_the_last_rows);
	tcase_add_test(t, refresh_keeps_the_page_and_selection);
	tcase_add_test(t, empty_table);
	tcase_add_test(t, moving_inside_the_page_asks_nothing);
	tcase_add_test(t, wrapping_keeps_punctuation_off_the_line_start);
	suite_add_tcase(s, t);
	return run_suite(s);
}
