/* The online submissions' JSON Lines parser on good and hostile input. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "online-io.h"
#include "unit.h"

#define YEAR 2026

#define MATERIALS "[{\"seq\":1,\"name\":\"申请书\",\"files\":1},{\"seq\":3,\"name\":\"身份证\",\"files\":2}]"

static const char person[] =
	"{\"ref\":\"NMG-20261126-000123\",\"received\":\"2026-11-26 21:14\",\"source\":\"web\","
	"\"item\":\"SCJG-001\",\"applicant\":{\"kind\":\"person\",\"name\":\"王海燕\","
	"\"id_number\":\"150626198503120027\",\"phone\":\"13904771234\",\"address\":\"乌审旗嘎鲁图镇\"},"
	"\"agent\":{\"name\":\"李娜\",\"id_number\":\"15062619690402028x\",\"authorised\":true},"
	"\"materials\":" MATERIALS ","
	"\"note\":\"晚上提交\"}";

/* 91150626MA0XK7U3LH, with the x the platform may send in lower case */
static const char organisation[] =
	"{\"ref\":\"APP_7\",\"received\":\"2026-11-27 08:05:09\",\"source\":\"app\",\"item\":\"SCJG-002\","
	"\"applicant\":{\"kind\":\"organisation\",\"name\":\"乌审旗草原牧业有限公司\","
	"\"id_number\":\"91150626MA0xK7U3LH\",\"phone\":\"0477-8612345\",\"legal_rep\":\"张三\"},"
	"\"materials\":[{\"seq\":2,\"name\":\"营业执照\",\"files\":0}]}";

/* Keeps the submissions a parse delivers, for the tests to look at. */
static struct online_sub kept[4];
static int n_kept;

static int keep(void *ctx, const struct online_sub *s)
{
	(void)ctx;
	if (n_kept < 4)
		kept[n_kept++] = *s;
	return 0;
}

static int parse(const char *text, struct online_file *f)
{
	n_kept = 0;
	return online_parse(text, YEAR, f, keep, NULL);
}

/* The person line with its first "from" replaced by "to". */
static const char *person_with(const char *from, const char *to)
{
	static char out[8192];
	const char *at = strstr(person, from);

	ck_assert_msg(at != NULL, "'%s' is not in the good line", from);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(at - person), person, to, at + strlen(from));
	return out;
}

static const char *organisation_with(const char *from, const char *to)
{
	static char out[8192];
	const char *at = strstr(organisation, from);

	ck_assert_msg(at != NULL, "'%s' is not in the good line", from);
	snprintf(out, sizeof out, "%.*s%s%s", (int)(at - organisation), organisation, to,
		 at + strlen(from));
	return out;
}

/* Every message must be whole UTF-8 without control characters: it goes
 * to a terminal. */
static void messages_are_safe(const struct online_file *f)
{
	int i;

	for (i = 0; i < f->problems.n; i++) {
		const unsigned char *p;

		ck_assert_msg(mbstowcs(NULL, f->problems.text[i], 0) != (size_t)-1, "not UTF-8: %s",
			      f->problems.text[i]);
		for (p = (const unsigned char *)f->problems.text[i]; *p; p++)
			ck_assert_msg(*p >= 0x20 && *p != 0x7F, "control character in: %s", f->problems.text[i]);
	}
}

/* Parses text, expects it refused with a message containing needle. */
static int errors_for(const char *text, const char *needle)
{
	struct online_file f;
	int n = parse(text, &f), i, found = 0;

	for (i = 0; i < f.problems.n; i++)
		found |= strstr(f.problems.text[i], needle) != NULL;
	ck_assert_msg(found, "no error containing '%s' (%d errors, first: %s)", needle, n,
		      f.problems.n ? f.problems.text[0] : "-");
	ck_assert_int_eq(n, f.problems.n);
	if (!strchr(text, '\n'))
		ck_assert_int_eq(n_kept, 0);
	messages_are_safe(&f);
	online_free(&f);
	return n;
}

static void accepted(const char *text)
{
	struct online_file f;
	int n = parse(text, &f);

	ck_assert_msg(n == 0, "refused: %s", f.problems.n ? f.problems.text[0] : "-");
	ck_assert_int_eq(n_kept, 1);
	online_free(&f);
}

START_TEST(person_line_parses)
{
	struct online_file f;
	const struct online_sub *s = &kept[0];

	ck_assert_int_eq(parse(person, &f), 0);
	ck_assert_int_eq(f.n, 1);
	ck_assert_str_eq(f.refs[0], "NMG-20261126-000123");
	ck_assert_int_eq(n_kept, 1);
	ck_assert_int_eq(s->line, 1);
	ck_assert_str_eq(s->received, "2026-11-26 21:14:00");   /* seconds added */
	ck_assert_str_eq(s->source, "web");
	ck_assert_str_eq(s->item_code, "SCJG-001");
	ck_assert_str_eq(s->kind, "person");
	ck_assert_str_eq(s->name, "王海燕");
	ck_assert_str_eq(s->id_number, "150626198503120027");
	ck_assert_str_eq(s->legal_rep, "");
	ck_assert_str_eq(s->address, "乌审旗嘎鲁图镇");
	ck_assert_str_eq(s->agent_name, "李娜");
	ck_assert_str_eq(s->agent_id_number, "15062619690402028X");   /* x made X */
	ck_assert_int_eq(s->agent_authorised, 1);
	ck_assert_str_eq(s->note, "晚上提交");
	ck_assert_int_eq(s->n_materials, 2);
	ck_assert_int_eq(s->materials[1].seq, 3);
	ck_assert_str_eq(s->materials[1].name, "身份证");
	ck_assert_int_eq(s->materials[1].files, 2);
	online_free(&f);
}
END_TEST

START_TEST(organisation_line_parses)
{
	struct online_file f;

	ck_assert_int_eq(parse(organisation, &f), 0);
	ck_assert_int_eq(n_kept, 1);
	ck_assert_str_eq(kept[0].received, "2026-11-27 08:05:09");
	ck_assert_str_eq(kept[0].kind, "organisation");
	ck_assert_str_eq(kept[0].id_number, "91150626MA0XK7U3LH");
	ck_assert_str_eq(kept[0].legal_rep, "张三");
	ck_assert_str_eq(kept[0].agent_name, "");
	ck_assert_int_eq(kept[0].materials[0].files, 0);
	ck_assert_str_eq(kept[0].note, "");
	online_free(&f);
	accepted(organisation_with("91150626MA0xK7U3LH", "91150626MA0Q12345F"));
}
END_TEST

START_TEST(optional_parts_may_be_left_out)
{
	struct online_file f;

	ck_assert_int_eq(parse(person_with(",\"agent\":{\"name\":\"李娜\",\"id_number\":\"15062619690402028x\","
					   "\"authorised\":true}", ""), &f), 0);
	ck_assert_str_eq(kept[0].agent_name, "");
	online_free(&f);
	ck_assert_int_eq(parse(person_with(",\"authorised\":true", ""), &f), 0);
	ck_assert_int_eq(kept[0].agent_authorised, 0);   /* not said: not seen */
	online_free(&f);
	accepted(person_with(",\"address\":\"乌审旗嘎鲁图镇\"", ""));
	accepted(person_with(",\"note\":\"晚上提交\"", ""));
	accepted(person_with("\"phone\"", "\"legal_rep\":\"\",\"phone\""));   /* empty is no legal rep */
	accepted(person_with("\"web\"", "\"kiosk\""));
	accepted(person_with("150626198503120027", "150626199207181049"));
	accepted(person_with("13904771234", "0477-8612345"));
	accepted(person_with("晚上提交", "第一行\\n第二行\\t完"));   /* a note keeps its lines */
}
END_TEST

START_TEST(received_must_be_a_real_time)
{
	accepted(person_with("2026-11-26 21:14", "2024-02-29 23:59:59"));
	errors_for(person_with("2026-11-26 21:14", "2026-02-29 10:00"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 24:00"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 21:60"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 21:14:60"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26T21:14"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 21:14:5"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 2a:14"), "'received' must be a real date");
	errors_for(person_with("2026-11-26 21:14", "2026-11-26 21:14:00.000"), "'received' is too long");
	errors_for(person_with("\"2026-11-26 21:14\"", "1764163000"), "'received' must be text");
}
END_TEST

START_TEST(required_fields_are_named)
{
	errors_for(person_with("\"ref\":\"NMG-20261126-000123\",", ""), "line 1: 'ref' is missing");
	errors_for(person_with("\"received\":\"2026-11-26 21:14\",", ""), "'received' is missing");
	errors_for(person_with("\"source\":\"web\",", ""), "'source' is missing");
	errors_for(person_with("\"item\":\"SCJG-001\",", ""), "'item' is missing");
	errors_for(person_with("\"name\":\"王海燕\",", ""), "applicant: 'name' is missing");
	errors_for(person_with("\"王海燕\"", "\"  \""), "applicant: 'name' is empty");
	errors_for(person_with("\"phone\":\"13904771234\",", ""), "applicant: 'phone' is missing");
	errors_for(person_with("\"kind\":\"person\",", ""), "applicant: 'kind' is missing");
	errors_for(person_with("\"id_number\":\"150626198503120027\",", ""), "applicant: 'id_number' is missing");
	errors_for(person_with("\"applicant\"", "\"applicants\""), "'applicant' is missing");
	errors_for(person_with("\"note\":\"晚上提交\"", "\"note\":\"\",\"applicant\":[]"), "not valid JSON");
	errors_for(organisation_with(",\"legal_rep\":\"张三\"", ""), "applicant: 'legal_rep' is missing");
	errors_for(organisation_with("\"张三\"", "\"\""), "applicant: 'legal_rep' is empty");
	errors_for(person_with("\"phone\"", "\"legal_rep\":\"张三\",\"phone\""), "'legal_rep' must be empty");
	errors_for(person_with("\"source\":\"web\"", "\"source\":\"wechat\""),
		   "'source' cannot be \"wechat\" (it may be web, app, kiosk)");
	errors_for(person_with("\"person\"", "\"company\""), "applicant: 'kind' cannot be \"company\"");
	errors_for(person_with("\"source\":\"web\"", "\"source\":\"WEB\""), "'source' cannot be");
}
END_TEST

START_TEST(codes_and_lengths)
{
	char ref40[64], ref41[64], name127[200], name128[200], line[8192];

	memset(ref40, 'A', 40);
	ref40[40] = '\0';
	memset(ref41, 'A', 41);
	ref41[41] = '\0';
	accepted(person_with("NMG-20261126-000123", ref40));
	errors_for(person_with("NMG-20261126-000123", ref41), "'ref' is too long: at most 40 bytes");
	errors_for(person_with("NMG-20261126-000123", "NMG 1"), "'ref' may only hold letters");
	errors_for(person_with("NMG-20261126-000123", "NMG/1"), "'ref' may only hold letters");
	errors_for(person_with("NMG-20261126-000123", "编号1"), "'ref' may only hold letters");
	errors_for(person_with("\"NMG-20261126-000123\"", "123"), "'ref' must be text");
	errors_for(person_with("SCJG-001", "SCJG 001"), "'item' may only hold letters");
	errors_for(person_with("SCJG-001", "SCJG-001-0123456789ABCDE"), "'item' is too long");
	/* 42 Chinese characters and a letter: 127 bytes fit, 128 do not */
	strcpy(name127, "a");
	strcpy(name128, "ab");
	while (strlen(name127) < 127) {
		strcat(name127, "王");
		strcat(name128, "王");
	}
	ck_assert_uint_eq(strlen(name127), 127);
	ck_assert_uint_eq(strlen(name128), 128);
	accepted(person_with("王海燕", name127));
	errors_for(person_with("王海燕", name128), "applicant: 'name' is too long: at most 127 bytes");
	memset(line, 'n', 512);
	line[512] = '\0';
	errors_for(person_with("晚上提交", line), "'note' is too long: at most 511 bytes");
	line[511] = '\0';
	accepted(person_with("晚上提交", line));
	errors_for(person_with("13904771234", "139047712341390477123413904"), "'phone' is too long");
}
END_TEST

START_TEST(identity_numbers_are_checked)
{
	errors_for(person_with("150626198503120027", "150626198503120028"),
		   "applicant: 'id_number' is wrong: the last character does not match");
	errors_for(person_with("150626198503120027", "15062619850312002"),
		   "applicant: 'id_number' is wrong: an ID card number has 18 characters");
	errors_for(person_with("150626198503120027", "150626203001010021"),
		   "'id_number' is wrong: the birth date in it is not a real date");   /* born 2030 */
	errors_for(person_with("150626198503120027", "91150626MA0Q12345F"),
		   "'id_number' is wrong: an ID card number is 17 digits");   /* a credit code */
	errors_for(person_with("15062619690402028x", "150626196904020281"),
		   "agent: 'id_number' is wrong: the last character");
	errors_for(person_with("15062619690402028x", "91150626MA0Q12345F"), "agent: 'id_number' is wrong");
	errors_for(organisation_with("91150626MA0xK7U3LH", "91150626MA0Q12345G"),
		   "applicant: 'id_number' is wrong: the last character does not match");
	errors_for(organisation_with("91150626MA0xK7U3LH", "91150626MA0Q1234F"),
		   "'id_number' is wrong: the credit code must have 18 characters");
	errors_for(organisation_with("91150626MA0xK7U3LH", "91150626ma0q12345f"),
		   "'id_number' is wrong: a credit code holds digits and capital letters");
	errors_for(organisation_with("91150626MA0xK7U3LH", "150626198503120027"),
		   "applicant: 'id_number' is wrong");   /* an ID card number */
	errors_for(person_with("13904771234", "12904771234"), "applicant: 'phone' is not valid");
	errors_for(person_with("13904771234", "139 0477 1234"), "applicant: 'phone' is not valid");
}
END_TEST

START_TEST(agent_needs_name_and_id)
{
	errors_for(person_with("\"name\":\"李娜\",", ""), "agent: 'name' is missing");
	errors_for(person_with("\"id_number\":\"15062619690402028x\",", ""), "agent: 'id_number' is missing");
	errors_for(person_with("\"authorised\":true", "\"authorised\":\"yes\""),
		   "agent: 'authorised' must be true or false");
	errors_for(person_with("\"agent\":{", "\"agent\":[{"), "not valid JSON");
	errors_for(person_with("\"agent\":{\"name\":\"李娜\",\"id_number\":\"15062619690402028x\","
			       "\"authorised\":true}", "\"agent\":\"李娜\""),
		   "'agent' must be an object with name and id_number");
	errors_for(person_with("\"agent\":{\"name\":\"李娜\",\"id_number\":\"15062619690402028x\","
			       "\"authorised\":true}", "\"agent\":null"),
		   "'agent' must be an object");
}
END_TEST

START_TEST(materials_are_checked)
{
	char line[8192], *p;
	int i;

	errors_for(person_with(MATERIALS, "[]"), "'materials' must be a list of at least one material");
	errors_for(person_with(MATERIALS, "{\"seq\":1}"), "'materials' must be a list");
	errors_for(person_with(",\"materials\":" MATERIALS, ""), "'materials' must be a list");
	errors_for(person_with("\"seq\":3", "\"seq\":1"), "material 2: material number 1 is already given as material 1");
	errors_for(person_with("\"seq\":1", "\"seq\":0"), "material 1: 'seq' must be a whole number from 1 to 1000");
	errors_for(person_with("\"seq\":1", "\"seq\":1.0"), "material 1: 'seq' must be a whole number");
	errors_for(person_with("\"seq\":1", "\"seq\":\"1\""), "material 1: 'seq' must be a whole number");
	errors_for(person_with("\"files\":2", "\"files\":-1"), "material 2: 'files' must be a whole number from 0");
	errors_for(person_with(",\"files\":2", ""), "material 2: 'files' is missing");
	errors_for(person_with("\"seq\":1,", ""), "material 1: 'seq' is missing");
	errors_for(person_with("\"name\":\"申请书\",", ""), "material 1: 'name' is missing");
	errors_for(person_with("{\"seq\":3,\"name\":\"身份证\",\"files\":2}", "\"身份证\""),
		   "material 2: must be an object");
	errors_for(person_with("\"files\":2", "\"files\":99999999999999999999999"), "not valid JSON");
	/* 25 materials are one too many */
	p = line + sprintf(line, "%s", "{\"ref\":\"R1\",\"received\":\"2026-11-26 21:14\",\"source\":\"web\","
			   "\"item\":\"X\",\"applicant\":{\"kind\":\"person\",\"name\":\"王\","
			   "\"id_number\":\"150626198503120027\",\"phone\":\"13904771234\"},\"materials\":[");
	for (i = 1; i <= ONLINE_MAX_MATERIALS + 1; i++)
		p += sprintf(p, "%s{\"seq\":%d,\"name\":\"m\",\"files\":1}", i > 1 ? "," : "", i);
	strcpy(p, "]}");
	errors_for(line, "too many materials: at most 24");
	/* and 24 are fine */
	strcpy(strstr(line, ",{\"seq\":25"), "]}");
	accepted(line);
}
END_TEST

START_TEST(unknown_keys_are_named)
{
	errors_for(person_with("\"note\"", "\"notes\""), "line 1: unknown field 'notes'");
	errors_for(person_with("\"address\"", "\"adress\""), "applicant: unknown field 'adress'");
	errors_for(person_with("\"authorised\"", "\"authorized\""), "agent: unknown field 'authorized'");
	errors_for(person_with("\"files\":1", "\"files\":1,\"file\":1"), "material 1: unknown field 'file'");
	/* a key is repeated only harmlessly */
	errors_for(person_with("\"note\"", "\"\\u001b[2J\""), "unknown field '?[2J'");
	errors_for(person_with("\"note\"", "\"\\u009b2J\""), "unknown field '??2J'");
	errors_for(person_with("\"note\"",
			       "\"很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长很长\""),
		   "unknown field '很长");
}
END_TEST

START_TEST(hostile_text_is_refused)
{
	errors_for(person_with("王海燕", "王\\u0000海燕"), "applicant: 'name' contains a NUL character");
	errors_for(person_with("王海燕", "王\\u001b[31m"), "applicant: 'name' contains a control character");
	errors_for(person_with("王海燕", "王\\u007f"), "'name' contains a control character");
	errors_for(person_with("王海燕", "王\\u009b31m"), "'name' contains a control character");
	errors_for(person_with("王海燕", "王\\n燕"), "'name' contains a control character");
	errors_for(person_with("晚上提交", "晚上\\r提交"), "'note' contains a control character");
	errors_for(person_with("晚上提交", "晚上\\u0000"), "'note' contains a NUL character");
	errors_for(person_with("NMG-20261126-000123", "A\\u0000B"), "'ref' contains a NUL character");
	errors_for(person_with("王海燕", "王\tX"), "not valid JSON");   /* raw tab in a string */
	errors_for(person_with("王海燕", "王\\ud800"), "not valid JSON");   /* half a surrogate pair */
	/* bytes that are not UTF-8: GBK, a stray byte, an overlong '/', an encoded surrogate */
	errors_for(person_with("王海燕", "\xcd\xf5\xba\xa3\xd1\xe0"), "line 1: the text is not UTF-8");
	errors_for(person_with("王海燕", "\xff"), "the text is not UTF-8");
	errors_for(person_with("王海燕", "\xc0\xaf"), "the text is not UTF-8");
	errors_for(person_with("王海燕", "\xed\xa0\x80"), "the text is not UTF-8");
	errors_for(person_with("王海燕", "\xf4\x90\x80\x80"), "the text is not UTF-8");
	errors_for(person_with("王海燕", "\xe7\x8e"), "the text is not UTF-8");   /* half a character */
	accepted(person_with("王海燕", "\xf0\x9f\x98\x80"));   /* four bytes, but real */
	errors_for(person_with("王海燕\"", "王海燕\",\"name\":\"王\""), "not valid JSON");   /* twice */
	errors_for("{\"ref\":\"\x1b[2J\"}", "not valid JSON");   /* raw control character, not repeated */
	errors_for("{\"ref\":\x7f}", "not valid JSON");
	/* found by fuzzing: the library quoted half a character */
	errors_for("{\"address\":\"\\乌\"}", "not valid JSON (invalid escape near '\"\\?')");
	errors_for("[1,2,3]", "a line must be one JSON object");
	errors_for("\"ref\"", "a line must be one JSON object");
	errors_for("{\"ref\":", "line 1: not valid JSON");
	errors_for("{}", "'ref' is missing");
}
END_TEST

START_TEST(every_problem_of_a_line_is_reported)
{
	struct online_file f;
	const char *bad = "{\"ref\":\"R 1\",\"received\":\"yesterday\",\"source\":\"fax\",\"item\":\"X\","
		"\"applicant\":{\"kind\":\"person\",\"name\":\"王\",\"id_number\":\"150626198503120028\","
		"\"phone\":\"110\"},\"materials\":[],\"colour\":\"red\"}";

	ck_assert_int_eq(parse(bad, &f), 7);
	ck_assert_int_eq(n_kept, 0);
	ck_assert_int_eq(f.n, 0);
	online_free(&f);
}
END_TEST

START_TEST(lines_blank_lines_and_repeats)
{
	struct online_file f;
	char text[16384];

	/* a byte-order mark, Windows line ends, blank lines; line 4 is
	 * {}, line 5 not JSON, line 6 repeats line 1's reference */
	snprintf(text, sizeof text, "\xEF\xBB\xBF%s\r\n\r\n  \t\n{}\nnot json\n%s\n%s", person, person,
		 organisation);
	ck_assert_int_ge(parse(text, &f), 3);
	ck_assert_int_eq(f.n, 2);
	ck_assert_int_eq(n_kept, 2);
	ck_assert_int_eq(kept[0].line, 1);
	ck_assert_int_eq(kept[1].line, 7);
	ck_assert_str_eq(f.refs[1], "APP_7");
	online_free(&f);
	errors_for(text, "line 6: the reference NMG-20261126-000123 is already used on line 1");
	errors_for(text, "line 4: 'ref' is missing");
	errors_for(text, "line 5: not valid JSON");
	/* a reference is used once even when its first line is bad */
	snprintf(text, sizeof text, "%s\n%s\n", person_with("13904771234", "110"), person);
	errors_for(text, "line 2: the reference NMG-20261126-000123 is already used on line 1");
	ck_assert_int_eq(parse("", &f), 0);
	ck_assert_int_eq(f.n, 0);
	online_free(&f);
	ck_assert_int_eq(parse("\n\r\n", &f), 0);
	online_free(&f);
}
END_TEST

START_TEST(a_late_repeat_among_many)
{
	struct online_file f;
	size_t size = 300 * (sizeof organisation + 16), used = 0;
	char *text = malloc(size), ref[16];
	int i;

	ck_assert_ptr_nonnull(text);
	for (i = 1; i <= 300; i++) {
		snprintf(ref, sizeof ref, "APP_%d", i == 250 ? 3 : i);
		used += (size_t)snprintf(text + used, size - used, "%s\n", organisation_with("APP_7", ref));
	}
	ck_assert_int_eq(parse(text, &f), 1);
	ck_assert_int_eq(f.n, 299);
	ck_assert_str_eq(f.problems.text[0], "line 250: the reference APP_3 is already used on line 3");
	ck_assert_str_eq(f.refs[298], "APP_300");
	online_free(&f);
	free(text);
}
END_TEST

static int stop_at_first(void *ctx, const struct online_sub *s)
{
	(void)s;
	++*(int *)ctx;
	return 7;
}

START_TEST(each_can_stop_the_scan)
{
	struct online_file f;
	char text[16384];
	int calls = 0;

	snprintf(text, sizeof text, "%s\n%s\n", person, organisation);
	ck_assert_int_eq(online_parse(text, YEAR, &f, stop_at_first, &calls), 7);
	ck_assert_int_eq(calls, 1);
	online_free(&f);
	ck_assert_int_eq(online_parse(text, YEAR, &f, NULL, NULL), 0);
	ck_assert_int_eq(f.n, 2);
	online_free(&f);
	/* the birth year bound comes from the caller */
	ck_assert_int_eq(online_parse(person, 1984, &f, NULL, NULL), 1);
	online_free(&f);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("online-io");
	TCase *t = tcase_create("online-io");

	tcase_add_test(t, person_line_parses);
	tcase_add_test(t, organisation_line_parses);
	tcase_add_test(t, optional_parts_may_be_left_out);
	tcase_add_test(t, received_must_be_a_real_time);
	tcase_add_test(t, required_fields_are_named);
	tcase_add_test(t, codes_and_lengths);
	tcase_add_test(t, identity_numbers_are_checked);
	tcase_add_test(t, agent_needs_name_and_id);
	tcase_add_test(t, materials_are_checked);
	tcase_add_test(t, unknown_keys_are_named);
	tcase_add_test(t, hostile_text_is_refused);
	tcase_add_test(t, every_problem_of_a_line_is_reported);
	tcase_add_test(t, lines_blank_lines_and_repeats);
	tcase_add_test(t, a_late_repeat_among_many);
	tcase_add_test(t, each_can_stop_the_scan);
	suite_add_tcase(s, t);
	return run_suite(s);
}
