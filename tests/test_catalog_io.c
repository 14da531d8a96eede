/* The catalogue's JSON Lines parser on good and hostile input, and the
 * encoder's round trip. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-io.h"
#include "unit.h"

static const char good[] =
	"{\"code\":\"SCJG-001\",\"name\":\"个体工商户设立登记\",\"pinyin\":\"gtgshsldj\","
	"\"department\":{\"code\":\"SCJG\",\"name\":\"旗市场监督管理局\"},\"kind\":\"immediate\","
	"\"online\":true,\"materials\":[{\"name\":\"身份证\",\"originals\":1,\"copies\":1,"
	"\"checkpoints\":[\"有效期内\",\"复印件清晰\"]},{\"name\":\"委托书\",\"required\":false,"
	"\"form\":\"both\",\"checkpoints\":[\"有签字\"]}]}";

/* Keeps the items a parse delivers, for the tests to look at. */
static struct cat_item kept[4];
static int n_kept;

static int keep(void *ctx, const struct cat_item *it)
{
	if (n_kept < 4)
		kept[n_kept++] = *it;
	return 0;
}

static int parse(const char *text, struct cat_file *f)
{
	n_kept = 0;
	return catalog_parse(text, f, keep, NULL);
}

static int errors_for(const char *text, const char *needle)
{
	struct cat_file f;
	int n = parse(text, &f), i, found = 0;

	for (i = 0; i < f.problems.n; i++)
		found |= strstr(f.problems.text[i], needle) != NULL;
	ck_assert_msg(found, "no error containing '%s' (%d errors, first: %s)", needle, n,
		      f.problems.n ? f.problems.text[0] : "-");
	catalog_free(&f);
	return n;
}

START_TEST(good_line_parses_with_defaults)
{
	struct cat_file f;

	ck_assert_int_eq(parse(good, &f), 0);
	ck_assert_int_eq(f.n, 1);
	ck_assert_int_eq(n_kept, 1);
	ck_assert_str_eq(kept[0].department_name, "旗市场监督管理局");
	ck_assert_str_eq(kept[0].window, "combined");      /* default */
	ck_assert_str_eq(kept[0].limit_unit, "workday");   /* default */
	ck_assert_int_eq(kept[0].n_materials, 2);
	ck_assert_int_eq(kept[0].materials[0].required, 1);
	ck_assert_int_eq(kept[0].materials[1].required, 0);
	ck_assert_str_eq(kept[0].materials[0].checkpoints[1], "复印件清晰");
	catalog_free(&f);
}
END_TEST

START_TEST(encode_then_parse_gives_the_same_item)
{
	struct cat_file a, b;
	struct cat_item first;
	char *line;

	ck_assert_int_eq(parse(good, &a), 0);
	first = kept[0];
	line = catalog_encode(&first);
	ck_assert_ptr_nonnull(line);
	ck_assert_int_eq(parse(line, &b), 0);
	ck_assert_int_eq(n_kept, 1);
	kept[0].line = first.line;
	ck_assert(memcmp(&first, &kept[0], sizeof first) == 0);
	free(line);
	catalog_free(&a);
	catalog_free(&b);
}
END_TEST

START_TEST(hostile_values_are_reported)
{
	errors_for("[1,2,3]", "one JSON object");
	errors_for("{\"code\":\"A\\u0000B\"}", "NUL");
	errors_for("{\"code\":\"A 1\"}", "may only hold");
	errors_for("{\"code\":\"X\",\"statutory_limit\":99999999999}", "whole number");
	errors_for("{\"code\":\"X\",\"online\":\"yes\"}", "true or false");
	errors_for("{\"code\":\"X\",\"materials\":\"none\"}", "at least one material");
	errors_for("{\"code\":\"X\",\"materials\":[{\"name\":\"a\",\"checkpoints\":[5]}]}", "material 1:");
	errors_for("{\"code\":\"X\",\"code\":\"Y\"}", "not valid JSON");   /* duplicate key */
	errors_for("{\"code\":", "line 1:");
}
END_TEST

START_TEST(every_bad_line_counted_blank_lines_skipped)
{
	struct cat_file f;
	char text[4096];

	snprintf(text, sizeof text, "%s\n\n   \n{}\nnot json\n%s\n", good, good);
	/* line 4 {} misses fields, line 5 is not JSON, line 6 repeats the code */
	ck_assert_int_ge(parse(text, &f), 3);
	ck_assert_int_eq(f.n, 1);
	ck_assert_int_eq(n_kept, 1);
	catalog_free(&f);
	errors_for(text, "line 6: the code SCJG-001 is already used on line 1");
}
END_TEST

/* The catalogue is read by the same JSON Lines reader as the online
 * submissions (jsonl.c): a byte-order mark skipped, a GBK line and a line
 * too long each named with their number, what is echoed fit for a
 * terminal, and the good lines around them still read. */
START_TEST(lines_are_read_as_the_online_import_reads_them)
{
	size_t long_len = JSONL_LINE_MAX + 16;
	char *text = malloc(sizeof good * 2 + long_len + 64), *p;
	struct cat_file f;
	int i, escaped = 0;

	ck_assert_ptr_nonnull(text);
	p = text + sprintf(text, "\xef\xbb\xbf%s\n{\"name\":\"\xcd\xf5\"}\n{\"code\":\"", good);
	memset(p, 'A', long_len);
	p += long_len;
	sprintf(p, "\"}\n{\"code\":\"X\",\"na\\u001bme\":1}\n%s\n", good);
	ck_assert_int_ge(parse(text, &f), 4);   /* line 4 has more than one */
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(kept[0].code, "SCJG-001");
	ck_assert_str_eq(f.problems.text[0], "line 2: the text is not UTF-8 (was the file saved as GBK?)");
	ck_assert_str_eq(f.problems.text[1], "line 3: the line is longer than 1024 KiB: is each record on a line of its own?");
	for (i = 0; i < f.problems.n; i++) {
		ck_assert_ptr_null(strchr(f.problems.text[i], '\x1b'));
		escaped |= strstr(f.problems.text[i], "line 4: unknown field 'na?me'") != NULL;
	}
	ck_assert_msg(escaped, "the unknown field is not shown safely");
	ck_assert_str_eq(f.problems.text[f.problems.n - 1], "line 5: the code SCJG-001 is already used on line 1");
	catalog_free(&f);
	free(text);
}
END_TEST

/* 容缺 and 告知承诺制 travel in the file: a required material may be
 * marked as one supplied after acceptance, an item carries the conditions
 * promised; both survive the encoder, and an optional material cannot be
 * owed. */
START_TEST(waivable_materials_and_promise_conditions)
{
	static const char marked[] =
		"{\"code\":\"WJW-001\",\"name\":\"公共场所卫生许可\",\"promise_conditions\":\"1. 场所符合卫生标准\","
		"\"department\":{\"code\":\"WJW\",\"name\":\"旗卫生健康委员会\"},\"kind\":\"promised\","
		"\"materials\":[{\"name\":\"申请表\",\"checkpoints\":[\"签字\"]},"
		"{\"name\":\"健康证明\",\"waivable\":true,\"checkpoints\":[\"有效期内\"]}]}";
	struct cat_file f;
	char *line;

	ck_assert_int_eq(parse(marked, &f), 0);
	ck_assert_str_eq(kept[0].promise_conditions, "1. 场所符合卫生标准");
	ck_assert_int_eq(kept[0].materials[0].waivable, 0);
	ck_assert_int_eq(kept[0].materials[1].waivable, 1);
	line = catalog_encode(&kept[0]);
	ck_assert_ptr_nonnull(line);
	ck_assert_ptr_nonnull(strstr(line, "\"waivable\":true"));
	ck_assert_ptr_nonnull(strstr(line, "\"promise_conditions\":\"1. 场所符合卫生标准\""));
	free(line);
	catalog_free(&f);
	/* an unmarked item is written as before */
	ck_assert_int_eq(parse(good, &f), 0);
	line = catalog_encode(&kept[0]);
	ck_assert_ptr_null(strstr(line, "waivable"));
	ck_assert_ptr_null(strstr(line, "promise_conditions"));
	free(line);
	catalog_free(&f);
	errors_for("{\"code\":\"X\",\"materials\":[{\"name\":\"a\",\"required\":false,\"waivable\":true,"
		   "\"checkpoints\":[\"b\"]}]}", "only a required material");
	errors_for("{\"code\":\"X\",\"promise_conditions\":3}", "promise_conditions");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("catalog-io");
	TCase *t = tcase_create("catalog-io");

	tcase_add_test(t, good_line_parses_with_defaults);
	tcase_add_test(t, encode_then_parse_gives_the_same_item);
	tcase_add_test(t, hostile_values_are_reported);
	tcase_add_test(t, every_bad_line_counted_blank_lines_skipped);
	tcase_add_test(t, lines_are_read_as_the_online_import_reads_them);
	tcase_add_test(t, waivable_materials_and_promise_conditions);
	suite_add_tcase(s, t);
	return run_suite(s);
}
