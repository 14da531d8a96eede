/* QR codes on slips and licences: what is drawn decodes back to the text
 * (read by zbarimg from Debian, as a scanner would), and the text drawing
 * is a square of half blocks. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "qr.h"
#include "unit.h"
#include "width.h"

/* What zbarimg reads from the image, or "" when nothing. */
static void decode(const char *pbm, char *out, size_t n)
{
	char cmd[512];
	FILE *p;
	size_t len;

	snprintf(cmd, sizeof cmd, "zbarimg -q --raw '%s' 2>/dev/null", pbm);
	p = popen(cmd, "r");
	ck_assert_ptr_nonnull(p);
	len = fread(out, 1, n - 1, p);
	out[len] = '\0';
	while (len > 0 && out[len - 1] == '\n')
		out[--len] = '\0';
	pclose(p);
}

static void round_trip(const char *text)
{
	char pbm[256], got[2048];
	struct qr q;

	scratch_path(pbm, sizeof pbm, "qr.pbm");
	ck_assert_int_eq(qr_encode(text, &q), 0);
	ck_assert_int_eq(qr_write_pbm(&q, pbm, 4), 0);
	ck_assert_msg(system("command -v zbarimg >/dev/null") == 0, "zbarimg is needed: apt-get install zbar-tools");
	decode(pbm, got, sizeof got);
	ck_assert_str_eq(got, text);
	qr_free(&q);
	unlink(pbm);
}

START_TEST(case_number_decodes_back)
{
	round_trip("WSQ202611270001");
}
END_TEST

START_TEST(chinese_licence_details_decode_back)
{
	round_trip("乌审旗政务服务中心 综合许可证 WSQ-ZH-2026-000001\n食品经营许可证 JY31506260012345 2026-11-27~2031-11-26");
}
END_TEST

START_TEST(text_drawing_is_square)
{
	struct qr q;
	char *text, *line, *save = NULL;
	int rows = 0;

	ck_assert_int_eq(qr_encode("WSQ202611270001", &q), 0);
	text = qr_text(&q);
	ck_assert_ptr_nonnull(text);
	for (line = strtok_r(text, "\n", &save); line; line = strtok_r(NULL, "\n", &save)) {
		ck_assert_int_eq(yc_width(line), q.size + 4);
		rows++;
	}
	ck_assert_int_eq(rows, (q.size + 4 + 1) / 2);
	free(text);
	qr_free(&q);
}
END_TEST

/* Paper draws the code the text form drew: read back, the same modules. */
START_TEST(text_drawing_reads_back)
{
	static const char *const texts[] = { "WSQ202611270001", "WSQ 2026-11-27 A006", "乌审旗 综合许可证\n食品经营许可证" };
	size_t i;

	for (i = 0; i < sizeof texts / sizeof texts[0]; i++) {
		struct qr q, back;
		char *text, *line;

		ck_assert_int_eq(qr_encode(texts[i], &q), 0);
		text = qr_text(&q);
		ck_assert_ptr_nonnull(text);
		/* the first line is all quiet zone, the second has the code */
		line = strchr(text, '\n') + 1;
		ck_assert(!qr_text_line(text, (size_t)(line - 1 - text)));
		ck_assert(qr_text_line(line, (size_t)(strchr(line, '\n') - line)));
		ck_assert_int_eq(qr_read_text(text, strlen(text), &back), 0);
		ck_assert_int_eq(back.size, q.size);
		ck_assert(memcmp(back.dark, q.dark, (size_t)q.size * (size_t)q.size) == 0);
		free(text);
		qr_free(&q);
		qr_free(&back);
	}
	ck_assert(!qr_text_line("编号：1", strlen("编号：1")));
	ck_assert(!qr_text_line("    ", 4));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("qr");
	TCase *t = tcase_create("qr");

	tcase_add_test(t, case_number_decodes_back);
	tcase_add_test(t, chinese_licence_details_decode_back);
	tcase_add_test(t, text_drawing_is_square);
	tcase_add_test(t, text_drawing_reads_back);
	suite_add_tcase(s, t);
	return run_suite(s);
}
