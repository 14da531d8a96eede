/* Every document and message the hall gives out, rendered from fixed facts
 * and compared with the text expected to the byte; the process speaks
 * English (LANGUAGE=en), and every document still comes out in Chinese.
 * Each paper is also tested as paper: written as the PDF the printer gets,
 * its text read back with pdftotext (poppler-utils), its words inside the
 * margins, its pages rasterised at 150 dpi and its QR code read with
 * zbarimg, as a scanner would. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "store-bundle.h"
#include "store-intake.h"
#include "escpos.h"
#include "pdf.h"
#include "print.h"
#include "qr.h"
#include "store-backoffice.h"
#include "unit.h"

static const struct doc_hall hall = { "乌审旗政务服务中心", "", NULL };

/* The messages of this build, the process in English. */
static void speak_english(void)
{
	setenv("LANGUAGE", "en", 1);
	bindtextdomain(PACKAGE, TEST_LOCALEDIR);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* The lines of text's QR code, as a document prints them; malloc'd. */
static char *qr_lines_of(const char *text)
{
	struct qr q;
	char *lines;

	ck_assert_int_eq(qr_encode(text, &q), 0);
	lines = qr_text(&q);
	qr_free(&q);
	ck_assert_ptr_nonnull(lines);
	return lines;
}

/* Compare, and free the text. */
static void expect_text(char *got, const char *want)
{
	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

/* The text has each part, in any order; freed. */
static void expect_parts(char *got, const char *const *parts, size_t n)
{
	size_t i;

	ck_assert_ptr_nonnull(got);
	for (i = 0; i < n; i++)
		ck_assert_msg(strstr(got, parts[i]) != NULL, "no \"%s\" in:\n%s", parts[i], got);
	free(got);
}

/* Paper ---------------------------------------------------------------------------- */

/* What a shell command printed, malloc'd. */
static char *command_output(const char *command)
{
	FILE *p = popen(command, "r");
	size_t len = 0, cap = 4096, got;
	char *out = malloc(cap);

	ck_assert_ptr_nonnull(p);
	ck_assert_ptr_nonnull(out);
	while ((got = fread(out + len, 1, cap - len - 1, p)) > 0) {
		len += got;
		if (len + 1 == cap) {
			cap *= 2;
			out = realloc(out, cap);
			ck_assert_ptr_nonnull(out);
		}
	}
	out[len] = '\0';
	ck_assert_msg(pclose(p) == 0, "%s failed", command);
	return out;
}

/* s without its spaces, tabs, newlines and page breaks: what a reader
 * reads, however the lines wrap on paper. */
static void squeeze(char *s)
{
	char *to = s;

	for (; *s; s++)
		if (!strchr(" \t\n\r\f", *s))
			*to++ = *s;
	*to = '\0';
}

/* The text form's words, its QR code's lines left out (paper draws them
 * as squares); malloc'd. */
static char *words_of(const char *text)
{
	char *out = malloc(strlen(text) + 1), *to = out;
	const char *p = text;

	ck_assert_ptr_nonnull(out);
	while (*p) {
		const char *end = strchr(p, '\n');
		size_t len = end ? (size_t)(end - p) : strlen(p);

		if (!qr_text_line(p, len)) {
			memcpy(to, p, len);
			to += len;
		}
		p += len + (end != NULL);
	}
	*to = '\0';
	squeeze(out);
	return out;
}

/* pdftotext's text of the PDF, squeezed, each page's number checked at its
 * foot and left out; the pages in *pages. malloc'd. */
static char *paper_words(const char *pdf, int *pages)
{
	char command[1024], *text, *page, *save = NULL, *all;
	size_t len = 0;
	int n = 0, i = 0;

	snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' -", pdf);
	text = command_output(command);
	for (page = text; (page = strchr(page, '\f')) != NULL; page++)
		n++;
	all = calloc(strlen(text) + 1, 1);
	ck_assert_ptr_nonnull(all);
	for (page = strtok_r(text, "\f", &save); page; page = strtok_r(NULL, "\f", &save)) {
		char foot[64];
		size_t plen;

		squeeze(page);
		if (!page[0])
			continue;
		i++;
		plen = strlen(page);
		if (n > 1) {
			snprintf(foot, sizeof foot, "第%d页共%d页", i, n);
			ck_assert_msg(plen >= strlen(foot) && strcmp(page + plen - strlen(foot), foot) == 0,
				      "page %d of %d does not end with its number: %s", i, n, page);
			plen -= strlen(foot);
		}
		memcpy(all + len, page, plen);
		len += plen;
	}
	ck_assert_int_eq(i, n);
	free(text);
	*pages = n;
	return all;
}

/* Every word pdftotext finds lies inside the paper's margins (the page
 * numbers inside the bottom margin). */
static void expect_inside_margins(const char *pdf, const struct pdf_setup *setup)
{
	char command[1024], *html, *p;
	double left = 28, right = 210 - 26, bottom = 297, pt = 72 / 25.4, width = 0;
	int words = 0;

	if (setup->paper == PDF_RECEIPT) {
		left = 4;
		right = setup->receipt_mm - 4;
	}
	snprintf(command, sizeof command, "pdftotext -bbox '%s' -", pdf);
	html = command_output(command);
	ck_assert_ptr_nonnull(p = strstr(html, "<page width=\""));
	ck_assert_int_eq(sscanf(p, "<page width=\"%lf\"", &width), 1);
	ck_assert_msg(width > setup->receipt_mm * pt - 1 || setup->paper == PDF_A4, "the roll is %f pt wide", width);
	for (p = html; (p = strstr(p, "<word xMin=\"")) != NULL; p++) {
		double x0, y0, x1, y1;

		ck_assert_int_eq(sscanf(p, "<word xMin=\"%lf\" yMin=\"%lf\" xMax=\"%lf\" yMax=\"%lf\"", &x0, &y0, &x1, &y1), 4);
		ck_assert_msg(x0 >= left * pt - 0.5 && x1 <= right * pt + 0.5 && y1 <= bottom * pt,
			      "a word at %.1f-%.1f pt is past the margins %.1f-%.1f", x0, x1, left * pt, right * pt);
		words++;
	}
	ck_assert_int_gt(words, 0);
	free(html);
}

/* What zbarimg reads from the PDF's pages at 150 dpi; "" none. malloc'd. */
static char *paper_qr(const char *pdf)
{
	char command[2048], dir[512], *got;
	size_t len;

	scratch_mkdtemp(dir, sizeof dir, "pages");
	snprintf(command, sizeof command,
		 "pdftoppm -r 150 -png '%s' '%s/page' && { zbarimg -q --raw '%s'/page*.png || true; }", pdf, dir, dir);
	got = command_output(command);
	len = strlen(got);
	if (len > 0 && got[len - 1] == '\n')
		got[--len] = '\0';
	return got;
}

/* The text as paper (see the top): the same words, inside the margins, its
 * QR code (qr, NULL for none) scanned back. The text back, for the
 * comparisons of the text form; *pages, when asked, the pages. */
static char *as_paper_pages(char *text, enum pdf_paper paper, const char *qr, int *pages)
{
	struct pdf_setup setup = { paper, 80 };
	struct yc_err err;
	char pdf[512], *want, *got, *scanned;
	int n;

	ck_assert_ptr_nonnull(text);
	scratch_path(pdf, sizeof pdf, "paper.pdf");
	ck_assert_msg(pdf_write(text, &setup, pdf, &err) == 0, "%s", err.msg);
	want = words_of(text);
	got = paper_words(pdf, &n);
	ck_assert_str_eq(got, want);
	expect_inside_margins(pdf, &setup);
	if (qr) {
		scanned = paper_qr(pdf);
		ck_assert_str_eq(scanned, qr);
		free(scanned);
	}
	free(want);
	free(got);
	if (pages)
		*pages = n;
	return text;
}

static char *as_paper(char *text, enum pdf_paper paper, const char *qr)
{
	return as_paper_pages(text, paper, qr, NULL);
}

START_TEST(the_process_speaks_english_and_documents_chinese)
{
	/* the test means something only when both catalogues answer */
	ck_assert_str_eq(_("(nothing)"), "(nothing)");
	yc_documents_begin();
	ck_assert_str_eq(_("(nothing)"), "（无）");
	yc_documents_end();
	ck_assert_str_eq(_("(nothing)"), "(nothing)");
}
END_TEST

/* Notices ------------------------------------------------------------------------ */

/* 赵文博's application for a food business licence: the form (one
 * checkpoint) and the business licence (one), as reviewed. */
static void food_licence(struct intake *in, enum intake_verdict form, enum intake_verdict licence)
{
	memset(in, 0, sizeof *in);
	strcpy(in->item_name, "食品经营许可证核发");
	strcpy(in->department, "旗市场监督管理局");
	strcpy(in->kind, "promised");
	strcpy(in->a.name, "赵文博");
	in->n_materials = 2;
	in->m[0] = (struct intake_material){ .seq = 1, .name = "食品经营许可申请书", .required = 1, .paper = 1,
					     .electronic = 1, .n_cp = 1 };
	strcpy(in->m[0].cp[0].text, "申请人签字或盖章");
	in->m[0].cp[0].verdict = form;
	in->m[1] = (struct intake_material){ .seq = 2, .name = "营业执照", .required = 1, .paper = 1, .n_cp = 1 };
	strcpy(in->m[1].cp[0].text, "营业执照在有效期内");
	strcpy(in->m[1].cp[0].reason, "已过有效期");
	in->m[1].cp[0].verdict = licence;
}

/* The calendar known to the end of 2026. */
static void calendar_2026(struct yc_calendar *cal)
{
	cal_init(cal);
	cal->known_until = date_from_ymd(2026, 12, 31);
}

START_TEST(acceptance_notice)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-11-27", "WSQ202611270007", "221276",
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_text(as_paper(doc_notice(&hall, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "受理通知书\n"
		    "                                        编号：WSQ-SL-2026-000001\n"
		    "赵文博：\n"
		    "\n"
		    "    您（单位）于 2026-11-27 申请办理的“食品经营许可证核发”事项，经审查，申请材料齐全、符合法定形式，决定予以受理。\n"
		    "\n"
		    "    办件编号：WSQ202611270007        查询密码：221276\n"
		    "    承办部门：旗市场监督管理局\n"
		    "    办件类型：承诺件        承诺办结日期：2026-12-02\n"
		    "\n"
		    "    收到的材料：\n"
		    "1. 食品经营许可申请书  纸质 1 份，电子 1 份\n"
		    "2. 营业执照  纸质 1 份，电子 0 份\n"
		    "\n"
		    "    可凭办件编号和查询密码在内蒙古政务服务网、蒙速办或本中心查询办理进度；办结后我们将以短信告知您，请到统一出件窗口领取，也可选择免费邮寄。\n"
		    "\n"
		    "    受理人：受理员 孙晓梅        窗口：综合受理1号窗\n"
		    "\n"
		    "                                        乌审旗政务服务中心（印章）\n"
		    "                                        2026-11-27\n");
	cal_free(&cal);
}
END_TEST

/* 容缺受理: the acceptance notice, then on a page of its own the
 * commitment the applicant signs, naming what is owed and by when; an
 * acceptance without a gap has no commitment. */
START_TEST(a_gap_acceptance_prints_the_commitment_after_the_notice)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-11-27", "WSQ202611270007", "221276",
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, "2026-12-04", NULL };
	char *text, *page;

	food_licence(&in, VERDICT_OK, VERDICT_MISSING);
	in.m[1].waivable = 1;
	calendar_2026(&cal);
	text = doc_notice(&hall, &f);
	ck_assert_ptr_nonnull(text);
	page = strchr(text, '\f');
	ck_assert_ptr_nonnull(page);
	ck_assert_ptr_nonnull(strstr(text, "受理通知书"));
	ck_assert(strstr(text, "容缺受理承诺书") > page);   /* after the notice, not in it */
	ck_assert_ptr_nonnull(strstr(page, "容缺受理承诺书"));
	ck_assert_ptr_nonnull(strstr(page, "\n1. 营业执照\n"));
	ck_assert_ptr_nonnull(strstr(page, "于 2026-12-04 前将上述材料补齐"));
	ck_assert_ptr_nonnull(strstr(page, "办件编号：WSQ202611270007"));
	ck_assert_ptr_nonnull(strstr(page, "承诺人（签字或盖章）"));
	free(text);
	f.gap_due = "";
	text = doc_notice(&hall, &f);
	ck_assert_ptr_null(strstr(text, "承诺书"));
	ck_assert_ptr_null(strchr(text, '\f'));
	free(text);
	cal_free(&cal);
}
END_TEST

/* 告知承诺制: the promise with the item's conditions follows the notice,
 * on a page of its own, for the applicant to sign. */
START_TEST(a_promise_item_prints_the_promise_after_the_notice)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-11-27", "WSQ202611270007", "221276",
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL,
				"1. 场所符合卫生标准；\n2. 从业人员持有效健康证明。" };
	char *text, *page;

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	text = doc_notice(&hall, &f);
	ck_assert_ptr_nonnull(text);
	page = strchr(text, '\f');
	ck_assert_ptr_nonnull(page);
	ck_assert(strstr(text, "告知承诺书") > page);
	ck_assert_ptr_nonnull(strstr(page, "\n1. 场所符合卫生标准；\n2. 从业人员持有效健康证明。\n"));
	ck_assert_ptr_nonnull(strstr(page, "办件编号：WSQ202611270007"));
	ck_assert_ptr_nonnull(strstr(page, "承诺人（签字或盖章）"));
	free(text);
	cal_free(&cal);
}
END_TEST

START_TEST(a_promise_past_the_known_holidays_is_an_estimate)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-12-25", "WSQ202612250001", "221276",
				"2027-01-08", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };
	const char *estimate[] = { "承诺办结日期：2027-01-08（预计；2027年节假日安排尚未导入，以承办部门通知为准）\n" };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_parts(doc_notice(&hall, &f), estimate, 1);
	cal_free(&cal);
}
END_TEST

START_TEST(one_time_notice)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ONE_TIME, &in, "WSQ-BZ-2026-000002", "2026-11-27", "", "", "", &cal, 2, "",
				"受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };

	/* every checkpoint of the form missing: not received at all */
	food_licence(&in, VERDICT_MISSING, VERDICT_BAD);
	in.round = 2;
	calendar_2026(&cal);
	expect_text(as_paper(doc_notice(&hall, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "一次性告知书\n"
		    "                                        编号：WSQ-BZ-2026-000002\n"
		    "赵文博：\n"
		    "\n"
		    "    您（单位）于 2026-11-27 申请办理的“食品经营许可证核发”事项，经审查，申请材料不齐全或者不符合法定形式。现将需要补齐、补正的全部内容一次性告知如下：\n"
		    "\n"
		    "1. 食品经营许可申请书：缺少（申请人签字或盖章）\n"
		    "2. 营业执照：不符合：已过有效期（营业执照在有效期内）\n"
		    "\n"
		    "    请按上述要求补齐、补正后，携带本告知书到 综合受理1号窗 继续办理（本次为第 2 次审查）。已经审查符合要求的材料无需再次提交。\n"
		    "\n"
		    "    已收到的材料：\n"
		    "2. 营业执照  纸质 1 份，电子 0 份\n"
		    "\n"
		    "    经办人：受理员 孙晓梅\n"
		    "\n"
		    "                                        乌审旗政务服务中心（印章）\n"
		    "                                        2026-11-27\n");
	cal_free(&cal);
}
END_TEST

/* A one-time notice of a long item: every material lacking, two pages or
 * more, each numbered at its foot, no line lost at the break (as_paper:
 * pdftotext reads back every word of the text, in order). */
START_TEST(a_long_one_time_notice_breaks_onto_numbered_pages)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ONE_TIME, &in, "WSQ-BZ-2026-000003", "2026-11-27", "", "", "", &cal, 1, "",
				"受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };
	int i, pages = 0;

	pin_clock("2026-11-27 09:30");
	food_licence(&in, VERDICT_MISSING, VERDICT_BAD);
	for (i = 2; i < INTAKE_MAX_MATERIALS; i++) {
		struct intake_material *m = &in.m[i];

		*m = (struct intake_material){ .seq = i + 1, .required = 1, .paper = 1, .n_cp = 1 };
		snprintf(m->name, sizeof m->name, "第%d项证明材料（加盖单位公章的复印件）", i + 1);
		snprintf(m->cp[0].text, sizeof m->cp[0].text, "材料内容完整、清晰，与原件一致（第%d项）", i + 1);
		m->cp[0].verdict = VERDICT_MISSING;
	}
	in.n_materials = INTAKE_MAX_MATERIALS;
	calendar_2026(&cal);
	free(as_paper_pages(doc_notice(&hall, &f), PDF_A4, NULL, &pages));
	ck_assert_int_ge(pages, 2);
	cal_free(&cal);
}
END_TEST

/* The words of the PDF's last page, squeezed; malloc'd. */
static char *last_page_words(const char *pdf)
{
	char command[1024], *text, *last, *page, *save = NULL;

	snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' -", pdf);
	text = command_output(command);
	last = strdup("");
	for (page = strtok_r(text, "\f", &save); page; page = strtok_r(NULL, "\f", &save)) {
		squeeze(page);
		if (page[0]) {
			free(last);
			last = strdup(page);
		}
	}
	free(text);
	ck_assert_ptr_nonnull(last);
	return last;
}

/* However long the list above it, the seal is never alone on a page: the
 * line above it (who gave the notice), the seal and the date end the last
 * page together. */
START_TEST(the_seal_is_never_alone_on_a_page)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ONE_TIME, &in, "WSQ-BZ-2026-000004", "2026-11-27", "", "", "", &cal, 1, "",
				"受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };
	struct pdf_setup a4 = { PDF_A4, 80 };
	struct yc_err err;
	char pdf[512], *text, *last;
	int n, i;

	pin_clock("2026-11-27 09:30");
	calendar_2026(&cal);
	scratch_path(pdf, sizeof pdf, "seal.pdf");
	for (n = 12; n <= 24; n++) {
		food_licence(&in, VERDICT_MISSING, VERDICT_BAD);
		for (i = 2; i < n; i++) {
			in.m[i] = (struct intake_material){ .seq = i + 1, .required = 1, .paper = 1, .n_cp = 1 };
			snprintf(in.m[i].name, sizeof in.m[i].name, "第%d项证明材料", i + 1);
			snprintf(in.m[i].cp[0].text, sizeof in.m[i].cp[0].text, "与原件一致（第%d项）", i + 1);
			in.m[i].cp[0].verdict = VERDICT_MISSING;
		}
		in.n_materials = n;
		text = doc_notice(&hall, &f);
		ck_assert_ptr_nonnull(text);
		ck_assert_msg(pdf_write(text, &a4, pdf, &err) == 0, "%s", err.msg);
		last = last_page_words(pdf);
		ck_assert_msg(strstr(last, "经办人：受理员孙晓梅乌审旗政务服务中心（印章）2026-11-27"),
			      "%d materials: the last page holds only %s", n, last);
		free(last);
		free(text);
	}
	cal_free(&cal);
}
END_TEST

/* Whether the first page of pdf holding first holds with too (1), not
 * (0), or no page holds first (-1); the words squeezed. */
static int page_has_both(const char *pdf, const char *first, const char *with)
{
	char command[1024], *text, *page, *save = NULL;
	int found = -1;

	snprintf(command, sizeof command, "pdftotext -enc UTF-8 '%s' -", pdf);
	text = command_output(command);
	for (page = strtok_r(text, "\f", &save); page && found < 0; page = strtok_r(NULL, "\f", &save)) {
		squeeze(page);
		if (strstr(page, first))
			found = strstr(page, with) != NULL;
	}
	free(text);
	return found;
}

/* A letter after the notice (容缺受理承诺书) is a document of its own on
 * paper: the notice's closing block (who accepted it, the seal, the date)
 * stays whole on its page however long the notice, as the last one's
 * does. */
START_TEST(a_notice_before_a_letter_keeps_its_seal_with_its_text)
{
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-11-27", "WSQ202611270007", "221276",
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, "2026-12-04", NULL };
	struct pdf_setup a4 = { PDF_A4, 80 };
	struct yc_err err;
	char pdf[512], *text;
	int n, i;

	pin_clock("2026-11-27 09:30");
	calendar_2026(&cal);
	scratch_path(pdf, sizeof pdf, "letter.pdf");
	for (n = 3; n <= 32; n++) {
		food_licence(&in, VERDICT_OK, VERDICT_MISSING);
		in.m[1].waivable = 1;
		for (i = 2; i < n; i++) {
			in.m[i] = (struct intake_material){ .seq = i + 1, .required = 1, .paper = 1, .n_cp = 1 };
			snprintf(in.m[i].name, sizeof in.m[i].name, "第%d项证明材料", i + 1);
			snprintf(in.m[i].cp[0].text, sizeof in.m[i].cp[0].text, "与原件一致（第%d项）", i + 1);
			in.m[i].cp[0].verdict = VERDICT_OK;
		}
		in.n_materials = n;
		text = doc_notice(&hall, &f);
		ck_assert_ptr_nonnull(text);
		ck_assert_msg(pdf_write(text, &a4, pdf, &err) == 0, "%s", err.msg);
		ck_assert_msg(page_has_both(pdf, "（印章）", "受理人：受理员孙晓梅") == 1,
			      "%d materials: the notice's seal is on a page without its last line", n);
		free(text);
	}
	cal_free(&cal);
}
END_TEST

START_TEST(non_acceptance_notice_with_the_halls_own_seal)
{
	const struct doc_hall sealed = { "乌审旗政务服务中心", "乌审旗政务服务中心（公章）", NULL };
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_REFUSE, &in, "WSQ-BY-2026-000001", "2026-11-27", "", "", "", &cal, 1,
				"不属于本中心受理范围", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, 0, NULL, NULL };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_text(as_paper(doc_notice(&sealed, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "不予受理通知书\n"
		    "                                        编号：WSQ-BY-2026-000001\n"
		    "赵文博：\n"
		    "\n"
		    "    您（单位）于 2026-11-27 申请办理的“食品经营许可证核发”事项，经审查，决定不予受理。理由如下：\n"
		    "\n"
		    "    不属于本中心受理范围\n"
		    "\n"
		    "    如对本决定不服，可以自收到本通知书之日起六十日内依法申请行政复议，或者在六个月内依法提起行政诉讼。\n"
		    "\n"
		    "    经办人：受理员 孙晓梅        窗口：综合受理1号窗\n"
		    "\n"
		    "                                        乌审旗政务服务中心（公章）\n"
		    "                                        2026-11-27\n");
	cal_free(&cal);
}
END_TEST

/* The guidance desk ---------------------------------------------------------------- */

START_TEST(precheck_list)
{
	const struct doc_precheck_material m[] = {
		{ 1, "个体工商户登记（备案）申请书", 1, "申请人签字", 1 },
		{ 2, "经营者居民身份证", 1, "身份证在有效期内", 0 },
		{ 3, "经营场所使用证明", 1, "", 1 },
		{ 4, "授权委托书", 0, "委托书有委托人签字", 0 },
	};
	struct doc_precheck f = { "个体工商户设立登记", "旗市场监督管理局", "综合受理", "2026-11-27", "导服员 赵敏", m, 4 };
	struct doc_precheck none = { "个体工商户设立登记", "旗市场监督管理局", "综合受理", "2026-11-27", "导服员 赵敏", m, 0 };
	const char *nothing[] = { "窗口办理）：\n（无）\n\n您已带齐的材料：\n（无）\n" };

	expect_text(as_paper(doc_precheck(&hall, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "材料预审告知单\n"
		    "\n"
		    "事项：个体工商户设立登记（旗市场监督管理局）\n"
		    "日期：2026-11-27        导服人员：导服员 赵敏\n"
		    "\n"
		    "您还需要准备以下材料（按审查要点准备齐全后到 综合受理 窗口办理）：\n"
		    "2. 经营者居民身份证\n"
		    "   审查要点：身份证在有效期内\n"
		    "4. 授权委托书（视情形提交）\n"
		    "   审查要点：委托书有委托人签字\n"
		    "\n"
		    "您已带齐的材料：\n"
		    "1. 个体工商户登记（备案）申请书\n"
		    "3. 经营场所使用证明\n"
		    "\n"
		    "如有疑问请到咨询导办台咨询。本告知单一次性列明所需材料。\n");
	expect_parts(doc_precheck(&hall, &none), nothing, 1);
}
END_TEST

/* The kiosk's ticket: the estimated wait said, and a QR code of the hall,
 * the day and the number (qr.c's blocks). */
START_TEST(kiosk_ticket_with_wait_and_qr)
{
	struct doc_ticket f = { "A006", "综合受理", "", "2026-11-27 09:30:00", 3, 12, "WSQ" };
	static const char *const parts[] = { "您前面还有 3 人等候。\n预计等候约 12 分钟。\n", "\xe2\x96\x88" };

	expect_parts(as_paper(doc_ticket(&hall, &f), PDF_RECEIPT, "WSQ 2026-11-27 A006"), parts, 2);
}
END_TEST

START_TEST(queue_ticket)
{
	struct doc_ticket f = { "A006", "综合受理", "居民身份证换领", "2026-11-27 09:30:00", 3, 0, NULL };

	expect_text(as_paper(doc_ticket(&hall, &f), PDF_RECEIPT, NULL),
		    "乌审旗政务服务中心\n"
		    "排 队 号\n"
		    "\n"
		    "        A006\n"
		    "\n"
		    "窗口：综合受理\n"
		    "事项：居民身份证换领\n"
		    "取号时间：2026-11-27 09:30:00\n"
		    "您前面还有 3 人等候。\n"
		    "请留意叫号屏和广播；过号请到咨询导办台重新取号。\n");
}
END_TEST

/* Where needle's n bytes are in the n_hay bytes of hay, or NULL. */
static const unsigned char *bytes_in(const unsigned char *hay, size_t n_hay, const char *needle, size_t n)
{
	return memmem(hay, n_hay, needle, n);
}

#define HAS(hay, len, literal) (bytes_in(hay, len, literal, sizeof literal - 1) != NULL)

/* A receipt printer that takes raw ESC/POS (print.ticket_format =
 * "escpos"): reset and Chinese mode first, the text in GB18030, the code
 * as a raster image that scans back as the PDF's does, fed and cut last. */
START_TEST(kiosk_ticket_as_escpos_for_a_receipt_printer)
{
	struct doc_ticket f = { "A006", "综合受理", "", "2026-11-27 09:30:00", 3, 12, "WSQ" };
	unsigned char bytes[65536];
	const unsigned char *raster;
	char path[512], pbm[512], command[1200], *text, *scanned;
	struct yc_err err;
	size_t len;
	FILE *in, *out;
	int row_bytes, rows;

	pin_clock("2026-11-27 09:30");
	text = doc_ticket(&hall, &f);
	ck_assert_ptr_nonnull(text);
	scratch_path(path, sizeof path, "ticket.escpos");
	ck_assert_msg(escpos_write(text, 80, path, &err) == 0, "%s", err.msg);
	free(text);
	ck_assert_ptr_nonnull(in = fopen(path, "rb"));
	len = fread(bytes, 1, sizeof bytes, in);
	fclose(in);
	ck_assert(len > 8 && memcmp(bytes, "\x1b@\x1c&", 4) == 0);
	ck_assert(memcmp(bytes + len - 7, "\x1b" "d\x04\x1dVB\x00", 7) == 0);
	ck_assert(HAS(bytes, len, "\xce\xda\xc9\xf3\xc6\xec\xd5\xfe\xce\xf1\xb7\xfe\xce\xf1\xd6\xd0\xd0\xc4"));   /* 乌审旗政务服务中心 */
	ck_assert(HAS(bytes, len, "\x1d!\x11\x1b" "E\x01\xc5\xc5\x20\xb6\xd3\x20\xba\xc5"));   /* 排 队 号, double and bold */
	ck_assert(HAS(bytes, len, "\x1d!\x22\x1b" "E\x01" "A006"));   /* the number, triple */
	ck_assert(HAS(bytes, len, "\xc4\xfa\xc7\xb0\xc3\xe6\xbb\xb9\xd3\xd0\x20\x33\x20\xc8\xcb\xb5\xc8\xba\xf2\xa1\xa3"));
	ck_assert(!HAS(bytes, len, "\xe2\x96"));   /* no half block left: UTF-8 nowhere */
	/* GS v 0: its rows are a PBM's (P4: 1 dark, high bit first) */
	ck_assert_ptr_nonnull(raster = bytes_in(bytes, len, "\x1dv0\x00", 4));
	row_bytes = raster[4] | raster[5] << 8;
	rows = raster[6] | raster[7] << 8;
	ck_assert_int_le(row_bytes * 8, (80 - 8) * 8);
	ck_assert((size_t)(raster + 8 - bytes) + (size_t)row_bytes * (size_t)rows <= len);
	scratch_path(pbm, sizeof pbm, "ticket-qr.pbm");
	ck_assert_ptr_nonnull(out = fopen(pbm, "wb"));
	fprintf(out, "P4\n%d %d\n", row_bytes * 8, rows);
	fwrite(raster + 8, 1, (size_t)row_bytes * (size_t)rows, out);
	ck_assert_int_eq(fclose(out), 0);
	snprintf(command, sizeof command, "zbarimg -q --raw '%s'", pbm);
	scanned = command_output(command);
	ck_assert_str_eq(scanned, "WSQ 2026-11-27 A006\n");
	free(scanned);
}
END_TEST

/* Slips ------------------------------------------------------------------------------ */

START_TEST(transfer_slip_with_its_qr_code)
{
	const struct doc_slip_material m[] = { { "申请表", 1, 1 }, { "经营者居民身份证", 2, 0 } };
	struct doc_slip f = { "LZ-WSQ202611270006", "WSQ202611270006", "我要开超市（一件事一次办）", "旗市场监督管理局",
			      "刘志强", "promised", "to_department", "2026-11-27 09:46:00", m, 2 };
	const char *head =
		"乌审旗政务服务中心\n"
		"材料证照流转单\n"
		"编号：LZ-WSQ202611270006\n"
		"办件编号：WSQ202611270006\n"
		"事项：我要开超市（一件事一次办）\n"
		"承办部门：旗市场监督管理局        袋别：承诺件\n"
		"申请人：刘志强\n"
		"流转：前台窗口移交部门        制单时间：2026-11-27 09:46:00\n"
		"\n"
		"材料清单：\n"
		"申请表  纸质 1 份，电子 1 份\n"
		"经营者居民身份证  纸质 2 份，电子 0 份\n"
		"\n"
		"移交人（签字）：__________    接收人（签字）：__________    时间：__________\n"
		"\n";
	const char *tail = "\n扫描二维码可调出办件。\n";
	char want[8192], *qr_lines = qr_lines_of("WSQ202611270006");

	snprintf(want, sizeof want, "%s%s%s", head, qr_lines, tail);
	free(qr_lines);
	expect_text(as_paper(doc_slip(&hall, &f), PDF_A4, "WSQ202611270006"), want);
}
END_TEST

START_TEST(result_slip_without_materials)
{
	struct doc_slip f = { "JG-WSQ202611200003", "WSQ202611200003", "个体工商户设立登记", "旗市场监督管理局",
			      "张丽娟", "result", "to_pickup", "2026-11-25 15:00:00", NULL, 0 };
	const char *parts[] = { "袋别：结果\n", "流转：部门移交统一出件窗口        制单时间：2026-11-25 15:00:00\n",
				"材料清单：\n（无）\n\n" };

	expect_parts(doc_slip(&hall, &f), parts, YC_ARRAY_LEN(parts));
}
END_TEST

/* One thing, one visit ------------------------------------------------------------- */

START_TEST(a_bundles_notice_lists_its_parts_with_their_dates)
{
	static const struct yc_notice_member members[] = {
		{ "WSQ202611270007-1", "个体工商户设立登记", "旗市场监督管理局", "2026-11-27" },
		{ "WSQ202611270007-2", "食品经营许可证核发", "旗市场监督管理局", "2026-12-02" },
	};
	static const char *const parts[] = {
		"承诺办结日期：2026-12-04\n    联办事项（由各部门分别办理，各自计算承诺时限）：\n"
		"    1. 个体工商户设立登记（旗市场监督管理局），办件编号 WSQ202611270007-1，承诺办结日期 2026-11-27\n"
		"    2. 食品经营许可证核发（旗市场监督管理局），办件编号 WSQ202611270007-2，承诺办结日期 2026-12-02\n\n"
		"    收到的材料：",
	};
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_ACCEPT, &in, "WSQ-SL-2026-000001", "2026-11-27", "WSQ202611270007", "221276",
				"2026-12-04", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, members, 2, NULL, NULL };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_parts(doc_notice(&hall, &f), parts, YC_ARRAY_LEN(parts));
	cal_free(&cal);
}
END_TEST

/* Three licences granted, the health permit refused: each part said, the
 * refusal with its reason, in the window's words and in the SMS. */
START_TEST(a_bundles_results_say_each_part)
{
	static const struct yc_bundle_member m[] = {
		{ 1, "WSQ202611270007-1", "个体工商户设立登记", "旗市场监督管理局", "approved", "2026-11-27", "XK-1",
		  "2031-11-26", "approved", "" },
		{ 2, "WSQ202611270007-2", "食品经营许可证核发", "旗市场监督管理局", "approved", "2026-12-02", "JY-2", "",
		  "approved", "" },
		{ 3, "WSQ202611270007-3", "公共场所卫生许可", "旗卫生健康委员会", "not_approved", "2026-12-04", "", "",
		  "not_approved", "场所不符合卫生要求" },
		{ 4, "WSQ202611270007-4", "发票领用", "旗税务局", "in_department", "2026-11-27", "", "", "", "" },
	};
	struct doc_completion_sms done = { "刘志强", "我要开超市（一件事一次办）", "WSQ202611270007", NULL };
	char *results;

	expect_text(doc_bundle_results(m, 4, "\n"),
		    "1. 个体工商户设立登记（旗市场监督管理局）：准予许可，证号 XK-1，有效期至 2031-11-26\n"
		    "2. 食品经营许可证核发（旗市场监督管理局）：准予许可，证号 JY-2\n"
		    "3. 公共场所卫生许可（旗卫生健康委员会）：不予批准，理由：场所不符合卫生要求\n"
		    "4. 发票领用（旗税务局）：办理中，承诺办结日期 2026-11-27\n"
		    "共准予许可 2 项，不予批准 1 项");
	results = doc_bundle_results(m, 3, "；");
	done.results = results;
	expect_text(doc_completion_sms(&hall, &done),
		    "【乌审旗政务服务中心】刘志强您好，您申请的“我要开超市（一件事一次办）”（办件编号WSQ202611270007）已办结"
		    "（1. 个体工商户设立登记（旗市场监督管理局）：准予许可，证号 XK-1，有效期至 2031-11-26；"
		    "2. 食品经营许可证核发（旗市场监督管理局）：准予许可，证号 JY-2；"
		    "3. 公共场所卫生许可（旗卫生健康委员会）：不予批准，理由：场所不符合卫生要求；共准予许可 2 项，不予批准 1 项）"
		    "，请携带本人身份证件到统一出件窗口领取；也可申请免费邮寄。");
	free(results);
}
END_TEST

/* SMS ---------------------------------------------------------------------------------- */

START_TEST(pickup_messages)
{
	struct doc_completion_sms done = { "张丽娟", "个体工商户设立登记", "WSQ202611200003", NULL };
	struct doc_mail_sms mail = { "张丽娟", "个体工商户设立登记", "WSQ202611200003", "1178123456789" };
	struct doc_reminder_sms late = { "张丽娟", "个体工商户设立登记", "WSQ202611200003", 6 };
	struct doc_fee_sms fee = { "WSQ202611200003", "个体工商户设立登记", 5000 };

	expect_text(doc_completion_sms(&hall, &done),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）已办结，请携带本人身份证件到统一出件窗口领取；也可申请免费邮寄。");
	expect_text(doc_mail_sms(&hall, &mail),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）的办理结果已通过政务快递寄出，运单号1178123456789，请注意查收。");
	expect_text(doc_fee_sms(&hall, &fee),
		    "【乌审旗政务服务中心】您的办件 WSQ202611200003（个体工商户设立登记）需缴纳费用 50.00 元，请按承办部门的指引缴纳并保存收据；缴费登记后即可领取办理结果。");
	expect_text(doc_reminder_sms(&hall, &late),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）的办理结果已办结6个工作日，尚未领取，请尽快到统一出件窗口领取或申请邮寄。");
}
END_TEST

START_TEST(clock_messages)
{
	struct doc_paused_sms paused = { "WSQ202611200003", "个体工商户设立登记", "2026-11-27", SUSPEND_HEARING,
					 "组织听证" };
	struct doc_promise_sms promise = { "WSQ202611200003", "个体工商户设立登记", "2026-12-11" };

	expect_text(doc_paused_sms(&hall, &paused),
		    "【乌审旗政务服务中心】您的办件 WSQ202611200003（个体工商户设立登记）自 2026-11-27 起因听证论证暂停计时：组织听证。结束后继续计算办理时限。");
	expect_text(doc_resumed_sms(&hall, &promise),
		    "【乌审旗政务服务中心】您的办件 WSQ202611200003（个体工商户设立登记）已恢复办理，将于 2026-12-11 前办结。");
	expect_text(doc_extended_sms(&hall, &promise),
		    "【乌审旗政务服务中心】经您同意，您的办件 WSQ202611200003（个体工商户设立登记）延期至 2026-12-11 前办结。");
}
END_TEST

/* Other papers ------------------------------------------------------------------------ */

START_TEST(termination_slip)
{
	const struct doc_hall sealed = { "乌审旗政务服务中心", "乌审旗政务服务中心（公章）", NULL };
	struct doc_termination f = { "WSQ-ZZ-2026-000001", "内蒙古某新能源有限公司", "乌审旗光伏制氢一体化项目",
				     "企业决定暂缓实施项目", "", "2026-11-27" };

	expect_text(as_paper(doc_termination(&sealed, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "“帮您办”服务终止单\n"
		    "                                        编号：WSQ-ZZ-2026-000001\n"
		    "内蒙古某新能源有限公司：\n"
		    "\n"
		    "    贵单位申请本中心“帮您办”服务的“乌审旗光伏制氢一体化项目”，因以下原因，帮办代办服务自即日起终止：\n"
		    "\n"
		    "    企业决定暂缓实施项目\n"
		    "\n"
		    "    终止前已办结事项取得的批复、证照继续有效；尚未办结的事项，贵单位可到相关窗口自行申请办理，也可在条件具备后重新申请“帮您办”服务。贵单位提交的申请材料及签署的授权委托书、承诺书原件予以退还，请核对后签收。\n"
		    "\n"
		    "    帮办代办员：（未指定）\n"
		    "\n"
		    "    申请单位经办人（签字）：__________    联系电话：__________    签收日期：__________\n"
		    "\n"
		    "                                        乌审旗政务服务中心（公章）\n"
		    "                                        2026-11-27\n");
}
END_TEST

/* A comprehensive licence of eight licences: its code, carrying them all,
 * still scans from the page at 150 dpi. */
static void many_licences(void)
{
	struct doc_licence_line lines[8];
	char items[8][64], numbers[8][64], *text;
	struct doc_licence f = { "WSQ-ZH-2026-000009", "内蒙古某连锁超市有限公司", "我要开超市（一件事一次办）", lines, 8 };
	int i;

	for (i = 0; i < 8; i++) {
		snprintf(items[i], sizeof items[i], "第%d项许可事项核发", i + 1);
		snprintf(numbers[i], sizeof numbers[i], "乌审许字〔2026〕第%03d号", 100 + i);
		lines[i] = (struct doc_licence_line){ items[i], numbers[i], "2026-11-27", "2031-11-26" };
	}
	text = doc_licence_text(&f);
	ck_assert_ptr_nonnull(text);
	free(as_paper(doc_licence_page(&hall, text), PDF_A4, text));
	free(text);
}

START_TEST(comprehensive_licence)
{
	const struct doc_licence_line lines[] = {
		{ "食品经营许可证核发", "JY11506260001234", "2026-11-27", "2031-11-26" },
		{ "公共场所卫生许可", "乌卫公字〔2026〕第088号", "", "" },
	};
	struct doc_licence f = { "WSQ-ZH-2026-000001", "刘志强", "我要开超市（一件事一次办）", lines, 2 };
	const char *want =
		"行业综合许可证 WSQ-ZH-2026-000001\n"
		"持证人：刘志强\n"
		"事项：我要开超市（一件事一次办）\n"
		"食品经营许可证核发：JY11506260001234，有效期 2026-11-27 至 2031-11-26\n"
		"公共场所卫生许可：乌卫公字〔2026〕第088号，有效期 - 至 长期\n";
	char page[8192], *qr_lines = qr_lines_of(want);

	expect_text(doc_licence_text(&f), want);
	snprintf(page, sizeof page, "乌审旗政务服务中心\n\n%s\n%s", want, qr_lines);
	free(qr_lines);
	expect_text(as_paper(doc_licence_page(&hall, want), PDF_A4, want), page);
	many_licences();
}
END_TEST

START_TEST(assessment_sheet)
{
	struct assess_rule rules[2] = {
		{ .category = "限时办结", .text = "办件超过承诺时限未办结", .evidence = EVIDENCE_COMPUTED },
		{ .category = "加分项", .text = "收到群众表扬信、锦旗（经核实）", .evidence = EVIDENCE_BONUS },
	};
	struct assess_line lines[2] = { { .occurrences = 2, .points = 4 }, { .occurrences = 1, .points = 0.5 } };
	struct assess_result r = { .deducted = 4, .bonus = 0.5, .score = 96.5, .band = BAND_EXCELLENT, .fee_fen = 10000000, .withheld_fen = 0,
				   .payable_fen = 10000000 };
	struct yc_week weeks[2] = { { "2026-11-23", 1, "考核组 郑伟", "窗口纪律", 0 }, { "2026-11-30", 0, "", "", 0 } };
	struct yc_contract_alert ended = { "2026-11", "law", "窗口人员违规收取费用", "考核组 郑伟", "2026-11-27 10:00:00" };
	struct doc_assessment_sheet f = { "2026-11", "all", rules, lines, 2, &r, weeks, 2, "2026-11-30", &ended, 1 };
	struct doc_assessment_sheet site = { "2026-11", "WSQ", rules, lines, 0, &r };
	const char *site_heading[] = { "月度绩效考核表 2026-11（WSQ）\n\n\n周检查：",
					 "服务费扣除按月在全中心考核表上一次确定" };

	expect_text(as_paper(doc_assessment_sheet(&hall, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n"
		    "月度绩效考核表 2026-11（全中心）\n"
		    "\n"
		    "限时办结  办件超过承诺时限未办结  2  -4.00\n"
		    "加分项  收到群众表扬信、锦旗（经核实）  1  +0.50\n"
		    "\n"
		    "周检查：  11-23 已查（0 项）  11-30 未查！\n"
		    "解除合同情形：（一）违反国家法律法规有关规定的：窗口人员违规收取费用（考核组 郑伟，2026-11-27）\n"
		    "扣分 4.00，加分 0.50：得分 96.50，优秀\n"
		    "月服务费 100000.00 元，扣除 0.00 元，应付 100000.00 元\n"
		    "\n"
		    "考核小组（签字）：__________    服务方（签字）：__________\n");
	expect_parts(doc_assessment_sheet(&hall, &site), site_heading, 2);
	/* a hall with a township: a rule that occurred says where */
	{
		static struct yc_site_figures sites[2] = { { "WSQ", { 1, 1 } }, { "TKZ", { 1, 0 } } };
		const char *by_site[] = { "限时办结  办件超过承诺时限未办结  2 (WSQ 1, TKZ 1)  -4.00\n",
					  "收到群众表扬信、锦旗（经核实）  1 (WSQ 1, TKZ 0)  +0.50\n" };

		f.sites = sites;
		f.n_sites = 2;
		expect_parts(doc_assessment_sheet(&hall, &f), by_site, 2);
	}
}
END_TEST

/* A hall words its papers its own way without a new build: a file in its
 * templates folder (print.templates) stands for the one built in of the
 * same name; a paper it has no file for keeps the built-in wording. */
START_TEST(a_halls_own_wording_without_a_rebuild)
{
	char dir[512], path[600];
	const struct doc_hall own = { "乌审旗政务服务中心", "", dir };
	struct doc_termination f = { "WSQ-ZZ-2026-000001", "内蒙古某新能源有限公司", "乌审旗光伏制氢一体化项目",
				     "企业决定暂缓实施项目", "", "2026-11-27" };
	struct doc_ticket t = { "A006", "综合受理", "居民身份证换领", "2026-11-27 09:30:00", 3, 0, NULL };
	const char *builtin[] = { "排 队 号\n", "您前面还有 3 人等候。\n" };
	FILE *out;

	pin_clock("2026-11-27 09:30");
	scratch_mkdtemp(dir, sizeof dir, "templates");
	snprintf(path, sizeof path, "%s/termination.txt", dir);
	ck_assert_ptr_nonnull(out = fopen(path, "w"));
	fputs("{{hall}}\n帮办代办服务终止告知书\n编号：{{number}}\n{{company}}：因{{reason}}，服务终止。\n{{seal}}\n", out);
	ck_assert_int_eq(fclose(out), 0);
	expect_text(as_paper(doc_termination(&own, &f), PDF_A4, NULL),
		    "乌审旗政务服务中心\n帮办代办服务终止告知书\n编号：WSQ-ZZ-2026-000001\n"
		    "内蒙古某新能源有限公司：因企业决定暂缓实施项目，服务终止。\n乌审旗政务服务中心（印章）\n");
	expect_parts(doc_ticket(&own, &t), builtin, YC_ARRAY_LEN(builtin));
}
END_TEST

/* A code on paper is big enough to scan and never past the margins: 30 mm
 * on A4 from a case number's 21 modules to a licence's 57 and more, its
 * quiet zone around it, no module under 0.5 mm while the page has room;
 * on a receipt it fits the roll. */
START_TEST(qr_codes_big_enough_to_scan_inside_the_margins)
{
	struct pdf_setup a4 = { PDF_A4, 80 }, roll80 = { PDF_RECEIPT, 80 }, roll58 = { PDF_RECEIPT, 58 };
	int size;

	for (size = 21; size <= 177; size += 4) {
		double a4_side = pdf_qr_module_mm(&a4, size) * size;

		ck_assert_msg(a4_side >= 30 - 1e-6, "%d modules: %.1f mm", size, a4_side);
		ck_assert_msg(pdf_qr_module_mm(&a4, size) >= 0.5 - 1e-6 || (size + 8) * 0.5 > 210 - 28 - 26,
			      "%d modules of %.2f mm", size, pdf_qr_module_mm(&a4, size));
		ck_assert_double_le_tol(pdf_qr_module_mm(&a4, size) * (size + 8), 210 - 28 - 26, 1e-6);
		ck_assert_double_le_tol(pdf_qr_module_mm(&roll80, size) * (size + 8), 80 - 8, 1e-6);
		ck_assert_double_le_tol(pdf_qr_module_mm(&roll58, size) * (size + 8), 58 - 8, 1e-6);
	}
	ck_assert_double_eq_tol(pdf_qr_module_mm(&a4, 21) * 21, 30, 1e-6);
	ck_assert_double_ge(pdf_qr_module_mm(&roll58, 21) * 21, 20);
}
END_TEST

/* Printing ------------------------------------------------------------------------- */

/* The first bytes of a file, "" when there is none. */
static void file_start(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t len = f ? fread(out, 1, n - 1, f) : 0;

	out[len] = '\0';
	if (f)
		fclose(f);
}

/* print.command gets the PDF (%f); with no command the PDF is kept in
 * print.directory for a hall without a printer; print.format = "text"
 * hands it the text itself; a ticket goes as print.ticket_format says to
 * print.ticket_command when there is one. */
START_TEST(the_printer_gets_the_pdf_and_a_hall_without_one_keeps_it)
{
	struct doc_ticket f = { "A006", "综合受理", "居民身份证换领", "2026-11-27 09:30:00", 3, 0, NULL };
	struct yc_settings cfg;
	struct yc_err err;
	char dir[400], copy[480], path[YC_PATH_MAX + 64], start[16], *text;

	pin_clock("2026-11-27 09:30");
	text = doc_ticket(&hall, &f);
	ck_assert_ptr_nonnull(text);
	settings_defaults(&cfg);
	scratch_mkdtemp(dir, sizeof dir, "prints");
	snprintf(cfg.print_directory, sizeof cfg.print_directory, "%s", dir);
	snprintf(copy, sizeof copy, "%s/printer", dir);
	snprintf(cfg.print_command, sizeof cfg.print_command, "cp %%f '%s'", copy);
	ck_assert_str_eq(cfg.print_format, "pdf");
	ck_assert_int_eq(cfg.ticket_width_mm, 80);

	ck_assert_msg(print_document(&cfg, "ticket", text, path, sizeof path, &err) == 0, "%s", err.msg);
	ck_assert_msg(strstr(path, "/ticket-") && strcmp(path + strlen(path) - 4, ".pdf") == 0, "%s", path);
	file_start(copy, start, sizeof start);
	ck_assert_msg(strncmp(start, "%PDF-", 5) == 0, "the printer got %s", start);

	cfg.print_command[0] = '\0';
	unlink(copy);
	ck_assert_int_eq(print_document(&cfg, "ticket", text, path, sizeof path, &err), 0);
	file_start(path, start, sizeof start);
	ck_assert_msg(strncmp(start, "%PDF-", 5) == 0, "%s holds %s", path, start);
	ck_assert_int_ne(access(copy, F_OK), 0);

	snprintf(cfg.print_command, sizeof cfg.print_command, "cp %%f '%s'", copy);
	strcpy(cfg.print_format, "text");
	ck_assert_int_eq(print_document(&cfg, "precheck", text, path, sizeof path, &err), 0);
	ck_assert_str_eq(path + strlen(path) - 4, ".txt");
	file_start(copy, start, sizeof start);
	ck_assert(strncmp(start, text, strlen(start)) == 0);

	/* tickets go their own way: a receipt printer taking ESC/POS */
	strcpy(cfg.ticket_format, "escpos");
	snprintf(cfg.ticket_command, sizeof cfg.ticket_command, "cp %%f '%s.ticket'", copy);
	ck_assert_int_eq(print_document(&cfg, "ticket", text, path, sizeof path, &err), 0);
	ck_assert_str_eq(path + strlen(path) - 7, ".escpos");
	strcat(copy, ".ticket");
	file_start(copy, start, sizeof start);
	ck_assert(strncmp(start, "\x1b@\x1c&", 4) == 0);
	free(text);
}
END_TEST

/* A character no installed font has (here one of the private use area)
 * would come out as a box on official paper: the PDF is kept, not
 * printed, and the message says which package to install. */
START_TEST(a_character_no_font_has_is_not_printed_as_a_box)
{
	struct pdf_setup setup = { PDF_A4, 80 };
	struct yc_err err;
	char pdf[512];

	pin_clock("2026-11-27 09:30");
	scratch_path(pdf, sizeof pdf, "box.pdf");
	ck_assert_int_eq(pdf_write("乌审旗政务服务中心\n受理通知书\n赵\xee\x80\x80博：\n", &setup, pdf, &err), -1);
	ck_assert_msg(strstr(err.msg, "fonts-noto-cjk") && strstr(err.msg, pdf), "%s", err.msg);
	ck_assert_int_eq(access(pdf, R_OK), 0);
	ck_assert_int_eq(pdf_write("乌审旗政务服务中心\n受理通知书\n赵文博：\n", &setup, pdf, &err), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("documents");
	TCase *t = tcase_create("documents");

	speak_english();
	/* the papers are rendered, read back and scanned by other programs */
	tcase_set_timeout(t, 60);
	tcase_add_test(t, the_process_speaks_english_and_documents_chinese);
	tcase_add_test(t, acceptance_notice);
	tcase_add_test(t, a_gap_acceptance_prints_the_commitment_after_the_notice);
	tcase_add_test(t, a_promise_item_prints_the_promise_after_the_notice);
	tcase_add_test(t, a_promise_past_the_known_holidays_is_an_estimate);
	tcase_add_test(t, one_time_notice);
	tcase_add_test(t, a_long_one_time_notice_breaks_onto_numbered_pages);
	tcase_add_test(t, the_seal_is_never_alone_on_a_page);
	tcase_add_test(t, a_notice_before_a_letter_keeps_its_seal_with_its_text);
	tcase_add_test(t, non_acceptance_notice_with_the_halls_own_seal);
	tcase_add_test(t, precheck_list);
	tcase_add_test(t, queue_ticket);
	tcase_add_test(t, kiosk_ticket_with_wait_and_qr);
	tcase_add_test(t, kiosk_ticket_as_escpos_for_a_receipt_printer);
	tcase_add_test(t, transfer_slip_with_its_qr_code);
	tcase_add_test(t, result_slip_without_materials);
	tcase_add_test(t, pickup_messages);
	tcase_add_test(t, a_bundles_notice_lists_its_parts_with_their_dates);
	tcase_add_test(t, a_bundles_results_say_each_part);
	tcase_add_test(t, clock_messages);
	tcase_add_test(t, termination_slip);
	tcase_add_test(t, comprehensive_licence);
	tcase_add_test(t, assessment_sheet);
	tcase_add_test(t, qr_codes_big_enough_to_scan_inside_the_margins);
	tcase_add_test(t, a_halls_own_wording_without_a_rebuild);
	tcase_add_test(t, the_printer_gets_the_pdf_and_a_hall_without_one_keeps_it);
	tcase_add_test(t, a_character_no_font_has_is_not_printed_as_a_box);
	suite_add_tcase(s, t);
	return run_suite(s);
}
