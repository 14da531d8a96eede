/* Every document and message the hall gives out, rendered from fixed facts
 * and compared with the text expected to the byte; the process speaks
 * English (LANGUAGE=en), and every document still comes out in Chinese. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "qr.h"
#include "store-backoffice.h"
#include "unit.h"

static const struct doc_hall hall = { "乌审旗政务服务中心", "" };

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
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, NULL };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_text(doc_notice(&hall, &f),
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
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, "2026-12-04", NULL };
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
				"2026-12-02", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL,
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
				"2027-01-08", &cal, 1, "", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, NULL };
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
				"受理员 孙晓梅", "综合受理1号窗", NULL, NULL, NULL };

	/* every checkpoint of the form missing: not received at all */
	food_licence(&in, VERDICT_MISSING, VERDICT_BAD);
	in.round = 2;
	calendar_2026(&cal);
	expect_text(doc_notice(&hall, &f),
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

START_TEST(non_acceptance_notice_with_the_halls_own_seal)
{
	const struct doc_hall sealed = { "乌审旗政务服务中心", "乌审旗政务服务中心（公章）" };
	struct intake in;
	struct yc_calendar cal;
	struct doc_notice f = { OUTCOME_REFUSE, &in, "WSQ-BY-2026-000001", "2026-11-27", "", "", "", &cal, 1,
				"不属于本中心受理范围", "受理员 孙晓梅", "综合受理1号窗", NULL, NULL, NULL };

	food_licence(&in, VERDICT_OK, VERDICT_OK);
	calendar_2026(&cal);
	expect_text(doc_notice(&sealed, &f),
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

	expect_text(doc_precheck(&hall, &f),
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

	expect_parts(doc_ticket(&hall, &f), parts, 2);
}
END_TEST

START_TEST(queue_ticket)
{
	struct doc_ticket f = { "A006", "综合受理", "居民身份证换领", "2026-11-27 09:30:00", 3, 0, NULL };

	expect_text(doc_ticket(&hall, &f),
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
	expect_text(doc_slip(&hall, &f), want);
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

/* SMS ---------------------------------------------------------------------------------- */

START_TEST(pickup_messages)
{
	struct doc_completion_sms done = { "张丽娟", "个体工商户设立登记", "WSQ202611200003" };
	struct doc_mail_sms mail = { "张丽娟", "个体工商户设立登记", "WSQ202611200003", "1178123456789" };
	struct doc_reminder_sms late = { "张丽娟", "个体工商户设立登记", "WSQ202611200003", 6 };

	expect_text(doc_completion_sms(&hall, &done),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）已办结，请携带本人身份证件到统一出件窗口领取；也可申请免费邮寄。");
	expect_text(doc_mail_sms(&hall, &mail),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）的办理结果已通过政务快递寄出，运单号1178123456789，请注意查收。");
	expect_text(doc_reminder_sms(&hall, &late),
		    "【乌审旗政务服务中心】张丽娟您好，您申请的“个体工商户设立登记”（办件编号WSQ202611200003）的办理结果已办结6个工作日，尚未领取，请尽快到统一出件窗口领取或申请邮寄。");
}
END_TEST

START_TEST(clock_messages)
{
	struct doc_paused_sms paused = { "WSQ202611200003", "个体工商户设立登记", "2026-11-27", SUSPEND_HEARING,
					 "组织听证" };
	struct doc_promise_sms promise = { "WSQ202611200003", "个体工商户设立登记", "2026-12-11" };

	expect_text(doc_paused_sms(&paused),
		    "您的办件 WSQ202611200003（个体工商户设立登记）自 2026-11-27 起因听证论证暂停计时：组织听证。结束后继续计算办理时限。");
	expect_text(doc_resumed_sms(&promise),
		    "您的办件 WSQ202611200003（个体工商户设立登记）已恢复办理，将于 2026-12-11 前办结。");
	expect_text(doc_extended_sms(&promise),
		    "经您同意，您的办件 WSQ202611200003（个体工商户设立登记）延期至 2026-12-11 前办结。");
}
END_TEST

/* Other papers ------------------------------------------------------------------------ */

START_TEST(termination_slip)
{
	const struct doc_hall sealed = { "乌审旗政务服务中心", "乌审旗政务服务中心（公章）" };
	struct doc_termination f = { "WSQ-ZZ-2026-000001", "内蒙古某新能源有限公司", "乌审旗光伏制氢一体化项目",
				     "企业决定暂缓实施项目", "", "2026-11-27" };

	expect_text(doc_termination(&sealed, &f),
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
	expect_text(doc_licence_page(&hall, want), page);
}
END_TEST

START_TEST(assessment_sheet)
{
	struct assess_rule rules[2] = {
		{ .category = "限时办结", .text = "办件超过承诺时限未办结", .evidence = EVIDENCE_COMPUTED },
		{ .category = "八便民", .text = "收到群众表扬信、锦旗（经核实）", .evidence = EVIDENCE_BONUS },
	};
	struct assess_line lines[2] = { { .occurrences = 2, .points = 4 }, { .occurrences = 1, .points = 0.5 } };
	struct assess_result r = { .score = 96.5, .band = BAND_EXCELLENT, .fee_fen = 10000000, .withheld_fen = 0,
				   .payable_fen = 10000000 };
	struct doc_assessment_sheet f = { "2026-11", "all", rules, lines, 2, &r };
	struct doc_assessment_sheet site = { "2026-11", "WSQ", rules, lines, 0, &r };
	const char *site_heading[] = { "月度绩效考核表 2026-11（WSQ）\n\n\n得分" };

	expect_text(doc_assessment_sheet(&hall, &f),
		    "乌审旗政务服务中心\n"
		    "月度绩效考核表 2026-11（全中心）\n"
		    "\n"
		    "限时办结  办件超过承诺时限未办结  2  -4.00\n"
		    "八便民  收到群众表扬信、锦旗（经核实）  1  +0.50\n"
		    "\n"
		    "得分 96.50，优秀；月服务费 100000.00 元，扣除 0.00 元，应付 100000.00 元\n"
		    "\n"
		    "考核小组（签字）：__________    服务方（签字）：__________\n");
	expect_parts(doc_assessment_sheet(&hall, &site), site_heading, 1);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("documents");
	TCase *t = tcase_create("documents");

	speak_english();
	tcase_add_test(t, the_process_speaks_english_and_documents_chinese);
	tcase_add_test(t, acceptance_notice);
	tcase_add_test(t, a_gap_acceptance_prints_the_commitment_after_the_notice);
	tcase_add_test(t, a_promise_item_prints_the_promise_after_the_notice);
	tcase_add_test(t, a_promise_past_the_known_holidays_is_an_estimate);
	tcase_add_test(t, one_time_notice);
	tcase_add_test(t, non_acceptance_notice_with_the_halls_own_seal);
	tcase_add_test(t, precheck_list);
	tcase_add_test(t, queue_ticket);
	tcase_add_test(t, kiosk_ticket_with_wait_and_qr);
	tcase_add_test(t, transfer_slip_with_its_qr_code);
	tcase_add_test(t, result_slip_without_materials);
	tcase_add_test(t, pickup_messages);
	tcase_add_test(t, clock_messages);
	tcase_add_test(t, termination_slip);
	tcase_add_test(t, comprehensive_licence);
	tcase_add_test(t, assessment_sheet);
	suite_add_tcase(s, t);
	return run_suite(s);
}
