/* Exports for supervisors: the CSV bytes exactly as Excel needs them, and
 * XLSX files opened again with unzip to see what Excel will see. */
#include "config.h"

#include <dirent.h>
#include <ftw.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "export.h"
#include "unit.h"

#define LONG_TITLE "二〇二五年十月份政务服务大厅综合受理窗口工作人员月度考核评分汇总表（含群众评价与整改情况）"
#define LONG_TITLE_31 "二〇二五年十月份政务服务大厅综合受理窗口工作人员月度考核评分汇"
#define LONG_TITLE_28 "二〇二五年十月份政务服务大厅综合受理窗口工作人员月度考核"

static char dir[200];

static void setup(void)
{
	scratch_mkdtemp(dir, sizeof dir, "export");
}

static int remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static void teardown(void)
{
	if (nftw(dir, remove_one, 8, FTW_DEPTH | FTW_PHYS) != 0)
		fprintf(stderr, "could not remove %s\n", dir);
}

static const char *in_dir(const char *name)
{
	static char path[2][256];
	static int which;

	which = !which;
	snprintf(path[which], sizeof path[which], "%s/%s", dir, name);
	return path[which];
}

/* Whole file, NUL-terminated; *len without the NUL. */
static char *slurp(FILE *f, size_t *len)
{
	size_t cap = 4096, n = 0, got;
	char *buf = malloc(cap);

	ck_assert_ptr_nonnull(buf);
	while ((got = fread(buf + n, 1, cap - n - 1, f)) > 0) {
		n += got;
		if (cap - n - 1 == 0) {
			cap *= 2;
			buf = realloc(buf, cap);
			ck_assert_ptr_nonnull(buf);
		}
	}
	buf[n] = '\0';
	if (len)
		*len = n;
	return buf;
}

static char *read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *text;

	ck_assert_msg(f != NULL, "cannot open %s", path);
	text = slurp(f, len);
	fclose(f);
	return text;
}

/* Files in the test folder, to see that nothing was left behind. */
static int files_in_dir(void)
{
	DIR *d = opendir(dir);
	struct dirent *e;
	int n = 0;

	ck_assert_ptr_nonnull(d);
	while ((e = readdir(d)))
		if (strcmp(e->d_name, ".") != 0 && strcmp(e->d_name, "..") != 0)
			n++;
	closedir(d);
	return n;
}

static int exists(const char *path)
{
	struct stat sb;

	return stat(path, &sb) == 0;
}

/* Without unzip an XLSX test cannot look inside: fail and say so, never
 * pass without having checked. */
static void need_unzip(void)
{
	ck_assert_msg(system("command -v unzip >/dev/null 2>&1") == 0,
		      "unzip is not installed; install it (apt-get install unzip) to check the XLSX files");
}

static char *unzip_member(const char *xlsx, const char *member)
{
	char cmd[512];
	FILE *p;
	char *text;
	int status;

	need_unzip();
	snprintf(cmd, sizeof cmd, "unzip -p '%s' '%s'", xlsx, member);
	p = popen(cmd, "r");
	ck_assert_msg(p != NULL, "cannot run %s", cmd);
	text = slurp(p, NULL);
	status = pclose(p);
	ck_assert_msg(status == 0 && text[0], "%s failed (status %d): not a valid XLSX?", cmd, status);
	return text;
}

/* The XML of the cell at ref ("C2") in a sheet, up to its </c>. */
static char *cell_xml(const char *sheet, const char *ref)
{
	char open[32], *at, *end, *out;

	snprintf(open, sizeof open, "<c r=\"%s\"", ref);
	at = strstr(sheet, open);
	ck_assert_msg(at != NULL, "no cell %s in the sheet", ref);
	end = strstr(at, "</c>");
	ck_assert_ptr_nonnull(end);
	out = strndup(at, (size_t)(end - at) + 4);
	ck_assert_ptr_nonnull(out);
	return out;
}

/* Monthly assessment of the combined window, as a supervisor exports it. */
static const char *const headers[] = { "姓名", "窗口", "得分", "备注" };
static const int numeric[] = { 0, 0, 1, 0 };
static const char *const cells[] = {
	"张三", "综合窗口", "85.5", "按时, 无差评",
	"李四", "不动产\"一窗\"", "92", "第一行\n第二行",
	"王五", NULL, "缺考", "=1+2",
	"赵六", "A1", "-3", "-",
	"钱七", "+86 138", "110101199003071234", "=A1,B1",
};
static const struct export_table month = {
	"2025年10月 窗口考核", 4, 5, headers, cells, numeric
};

START_TEST(csv_bytes_are_exact)
{
	static const char expected[] =
		"\xEF\xBB\xBF"
		"2025年10月 窗口考核\r\n"
		"姓名,窗口,得分,备注\r\n"
		"张三,综合窗口,85.5,\"按时, 无差评\"\r\n"
		"李四,\"不动产\"\"一窗\"\"\",92,\"第一行\n第二行\"\r\n"
		"王五,,缺考,'=1+2\r\n"
		"赵六,A1,-3,-\r\n"
		"钱七,'+86 138,110101199003071234,\"'=A1,B1\"\r\n";
	struct yc_err err;
	size_t len;
	char *text;

	yc_err_clear(&err);
	ck_assert_int_eq(export_csv(in_dir("考核.csv"), &month, &err), 0);
	text = read_file(in_dir("考核.csv"), &len);
	ck_assert_uint_eq(len, sizeof expected - 1);
	ck_assert_msg(memcmp(text, expected, len) == 0, "CSV differs:\n%s", text);
	ck_assert_int_eq(files_in_dir(), 1);   /* no .part left */
	free(text);
}
END_TEST

START_TEST(csv_without_numeric_flags_and_rows)
{
	static const char *const h[] = { "a,b", NULL };
	struct export_table t = { NULL, 2, 0, h, NULL, NULL };
	struct yc_err err;
	size_t len;
	char *text;

	ck_assert_int_eq(export_csv(in_dir("empty.csv"), &t, &err), 0);
	text = read_file(in_dir("empty.csv"), &len);
	ck_assert_str_eq(text, "\xEF\xBB\xBF\r\n\"a,b\",\r\n");
	free(text);
}
END_TEST

START_TEST(csv_replaces_an_older_export)
{
	struct export_table t = month;
	struct yc_err err;
	char *text;

	t.n_rows = 1;
	ck_assert_int_eq(export_csv(in_dir("r.csv"), &month, &err), 0);
	ck_assert_int_eq(export_csv(in_dir("r.csv"), &t, &err), 0);
	text = read_file(in_dir("r.csv"), NULL);
	ck_assert_ptr_null(strstr(text, "李四"));
	ck_assert_ptr_nonnull(strstr(text, "张三"));
	free(text);
}
END_TEST

static const char *const h2[] = { "事项", "件数" };
static const int num2[] = { 0, 1 };
static const char *const c2[] = { "户籍迁入", "12", "营业执照", "7" };

START_TEST(xlsx_sheets_names_strings_numbers)
{
	struct export_table long_title = month, odd = { "考核/评分:[十月]*?\\汇总", 2, 2, h2, c2, num2 };
	const struct export_table *tables[] = { &long_title, &odd };
	struct yc_err err;
	char *xml, *c;

	long_title.title = LONG_TITLE;
	yc_err_clear(&err);
	ck_assert_msg(export_xlsx(in_dir("考核.xlsx"), tables, 2, &err) == 0, "%s", err.msg);
	ck_assert_int_eq(files_in_dir(), 1);

	xml = unzip_member(in_dir("考核.xlsx"), "xl/workbook.xml");
	ck_assert_msg(strstr(xml, "name=\"" LONG_TITLE_31 "\"") != NULL, "long title not cut to 31: %s", xml);
	ck_assert_msg(strstr(xml, "name=\"考核_评分__十月____汇总\"") != NULL, "bad characters kept: %s", xml);
	free(xml);

	xml = unzip_member(in_dir("考核.xlsx"), "xl/sharedStrings.xml");
	ck_assert_ptr_nonnull(strstr(xml, "<t>姓名</t>"));
	ck_assert_ptr_nonnull(strstr(xml, "<t>得分</t>"));
	ck_assert_ptr_nonnull(strstr(xml, "<t>件数</t>"));
	ck_assert_ptr_nonnull(strstr(xml, "<t>缺考</t>"));
	ck_assert_ptr_nonnull(strstr(xml, "<t>=1+2</t>"));   /* no apostrophe needed */
	ck_assert_ptr_null(strstr(xml, "85.5"));
	free(xml);

	xml = unzip_member(in_dir("考核.xlsx"), "xl/worksheets/sheet1.xml");
	c = cell_xml(xml, "C2");   /* 85.5: a number */
	ck_assert_msg(strstr(c, "<v>85.5</v>") && !strstr(c, "t=\"s\""), "85.5 not a number: %s", c);
	free(c);
	c = cell_xml(xml, "C5");   /* -3 */
	ck_assert_msg(strstr(c, "<v>-3</v>") && !strstr(c, "t=\"s\""), "-3 not a number: %s", c);
	free(c);
	c = cell_xml(xml, "C4");   /* 缺考: text in a numeric column */
	ck_assert_msg(strstr(c, "t=\"s\"") != NULL, "缺考 not text: %s", c);
	free(c);
	c = cell_xml(xml, "C6");   /* an identity-card number keeps all 18 digits */
	ck_assert_msg(strstr(c, "t=\"s\"") != NULL, "long number not text: %s", c);
	free(c);
	ck_assert_ptr_null(strstr(xml, "<c r=\"B4\""));   /* NULL cell: nothing */
	ck_assert_ptr_nonnull(strstr(xml, "customWidth=\"1\""));
	ck_assert_ptr_nonnull(strstr(xml, "ySplit=\"1\""));   /* header row frozen */
	free(xml);

	xml = unzip_member(in_dir("考核.xlsx"), "xl/worksheets/sheet2.xml");
	c = cell_xml(xml, "B3");
	ck_assert_msg(strstr(c, "<v>7</v>") && !strstr(c, "t=\"s\""), "7 not a number: %s", c);
	free(c);
	free(xml);

	xml = unzip_member(in_dir("考核.xlsx"), "xl/styles.xml");
	ck_assert_ptr_nonnull(strstr(xml, "<b/>"));   /* the bold header */
	free(xml);
}
END_TEST

START_TEST(xlsx_column_widths_count_chinese_twice)
{
	static const char *const h[] = { "窗口名称", "x" };
	static const char *const c[] = { "综合受理窗口综合受理窗口", "abcdefghijklmnopqrstuvwxyz1234" };
	struct export_table t = { "宽度", 2, 1, h, c, NULL };
	const struct export_table *tables[] = { &t };
	struct yc_err err;
	char *xml;

	ck_assert_int_eq(export_xlsx(in_dir("w.xlsx"), tables, 1, &err), 0);
	xml = unzip_member(in_dir("w.xlsx"), "xl/worksheets/sheet1.xml");
	/* 12 Chinese characters = 24 columns, 30 letters = 30; +2 of air.
	 * The library adds its pixel padding to the width it stores. */
	ck_assert_msg(strstr(xml, "<col min=\"1\" max=\"1\" width=\"26.") != NULL, "width: %s", xml);
	ck_assert_msg(strstr(xml, "<col min=\"2\" max=\"2\" width=\"32.") != NULL, "width: %s", xml);
	free(xml);
}
END_TEST

START_TEST(xlsx_sheet_names_are_made_unique)
{
	static const char *titles[] = {
		"月报", "月报", "", "'引号'", "History", "abc", "ABC", LONG_TITLE, LONG_TITLE_31, "a\tb\nc",
	};
	static const char *expected[] = {
		"月报", "月报(2)", "Sheet3", "_引号_", "History(2)", "abc", "ABC(2)", LONG_TITLE_31,
		LONG_TITLE_28 "(2)", "a b_c",
	};
	struct export_table t[YC_ARRAY_LEN(titles)];
	const struct export_table *tables[YC_ARRAY_LEN(titles)];
	struct yc_err err;
	char *xml, *at;
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(titles); i++) {
		t[i] = (struct export_table){ titles[i], 2, 2, h2, c2, num2 };
		tables[i] = &t[i];
	}
	ck_assert_msg(export_xlsx(in_dir("n.xlsx"), tables, (int)YC_ARRAY_LEN(tables), &err) == 0,
		      "%s", err.msg);
	xml = unzip_member(in_dir("n.xlsx"), "xl/workbook.xml");
	at = xml;
	for (i = 0; i < YC_ARRAY_LEN(expected); i++) {
		char want[200];

		snprintf(want, sizeof want, "<sheet name=\"%s\"", expected[i]);
		at = strstr(at, want);
		ck_assert_msg(at != NULL, "sheet %zu: no %s in order in %s", i + 1, want, xml);
	}
	free(xml);
}
END_TEST

/* Only plain decimal numbers become numbers; the rest stays as typed. */
START_TEST(xlsx_what_counts_as_a_number)
{
	static const char *const h[] = { "数" };
	static const int num[] = { 1 };
	static const char *const c[] = { "1e3", "0x1A", "inf", " 5", "1.", "007", "-0.25", "1,000" };
	static const char *const value[] = { "1000", NULL, NULL, NULL, NULL, "7", "-0.25", NULL };
	struct export_table t = { "数字", 1, 8, h, c, num };
	const struct export_table *tables[] = { &t };
	struct yc_err err;
	char *xml;
	int i;

	ck_assert_int_eq(export_xlsx(in_dir("d.xlsx"), tables, 1, &err), 0);
	xml = unzip_member(in_dir("d.xlsx"), "xl/worksheets/sheet1.xml");
	for (i = 0; i < 8; i++) {
		char ref[8], v[32], *cx;

		snprintf(ref, sizeof ref, "A%d", i + 2);
		cx = cell_xml(xml, ref);
		if (value[i]) {
			snprintf(v, sizeof v, "<v>%s</v>", value[i]);
			ck_assert_msg(strstr(cx, v) && !strstr(cx, "t=\"s\""), "%s: %s", c[i], cx);
		} else {
			ck_assert_msg(strstr(cx, "t=\"s\"") != NULL, "%s should be text: %s", c[i], cx);
		}
		free(cx);
	}
	free(xml);
}
END_TEST

START_TEST(xlsx_bad_utf8_does_not_spoil_the_file)
{
	static const char *const h[] = { "备注" };
	static const char *const c[] = { "坏\xE7\xAA字" };
	struct export_table t = { "乱码", 1, 1, h, c, NULL };
	const struct export_table *tables[] = { &t };
	struct yc_err err;
	char *xml;

	ck_assert_int_eq(export_xlsx(in_dir("u.xlsx"), tables, 1, &err), 0);
	xml = unzip_member(in_dir("u.xlsx"), "xl/sharedStrings.xml");
	ck_assert_ptr_nonnull(strstr(xml, "<t>坏\xEF\xBF\xBD\xEF\xBF\xBD字</t>"));
	free(xml);
}
END_TEST

START_TEST(missing_folder_fails_and_leaves_nothing)
{
	const struct export_table *tables[] = { &month };
	struct yc_err err;
	const char *path;

	path = in_dir("没有/考核.csv");
	yc_err_clear(&err);
	ck_assert_int_eq(export_csv(path, &month, &err), -1);
	ck_assert_int_eq(err.code, YC_EIO);
	ck_assert_msg(strstr(err.msg, path) && strstr(err.msg, "No such file or directory"), "%s", err.msg);

	path = in_dir("没有/考核.xlsx");
	yc_err_clear(&err);
	ck_assert_int_eq(export_xlsx(path, tables, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_EIO);
	ck_assert_msg(strstr(err.msg, path) && strstr(err.msg, "No such file or directory"), "%s", err.msg);
	ck_assert_int_eq(files_in_dir(), 0);
}
END_TEST

/* The rename is the last step; when it fails the .part must go too. */
START_TEST(failed_rename_leaves_no_part_file)
{
	const struct export_table *tables[] = { &month };
	struct yc_err err;

	ck_assert_int_eq(mkdir(in_dir("a.csv"), 0700), 0);
	ck_assert_int_eq(mkdir(in_dir("a.xlsx"), 0700), 0);
	yc_err_clear(&err);
	ck_assert_int_eq(export_csv(in_dir("a.csv"), &month, &err), -1);
	ck_assert_int_eq(err.code, YC_EIO);
	ck_assert(!exists(in_dir("a.csv.part")));
	yc_err_clear(&err);
	ck_assert_int_eq(export_xlsx(in_dir("a.xlsx"), tables, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_EIO);
	ck_assert(!exists(in_dir("a.xlsx.part")));
	ck_assert_int_eq(files_in_dir(), 2);
}
END_TEST

START_TEST(malformed_tables_are_refused)
{
	struct export_table t = month;
	const struct export_table *tables[] = { &t };
	struct yc_err err;

	t.cells = NULL;
	ck_assert_int_eq(export_csv(in_dir("x.csv"), &t, &err), -1);
	ck_assert_int_eq(err.code, YC_EINTERNAL);
	ck_assert_int_eq(export_xlsx(in_dir("x.xlsx"), tables, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_EINTERNAL);
	t = month;
	t.n_rows = 1048576;   /* with the header row, one more than Excel has */
	ck_assert_int_eq(export_xlsx(in_dir("x.xlsx"), tables, 1, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_int_eq(files_in_dir(), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("export");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, csv_bytes_are_exact);
	tcase_add_test(tc, csv_without_numeric_flags_and_rows);
	tcase_add_test(tc, csv_replaces_an_older_export);
	tcase_add_test(tc, xlsx_sheets_names_strings_numbers);
	tcase_add_test(tc, xlsx_column_widths_count_chinese_twice);
	tcase_add_test(tc, xlsx_sheet_names_are_made_unique);
	tcase_add_test(tc, xlsx_what_counts_as_a_number);
	tcase_add_test(tc, xlsx_bad_utf8_does_not_spoil_the_file);
	tcase_add_test(tc, missing_folder_fails_and_leaves_nothing);
	tcase_add_test(tc, failed_rename_leaves_no_part_file);
	tcase_add_test(tc, malformed_tables_are_refused);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
