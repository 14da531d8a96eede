/* Drafts: a record the database could not take, on this PC's disk, read
 * back exactly; a damaged draft is reported and left alone. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "draft.h"
#include "unit.h"

static char dir[200];
static char path[256];

static void setup(void)
{
	scratch_mkdtemp(dir, sizeof dir, "draft");
	/* a folder that is not there yet: the first draft makes it */
	snprintf(path, sizeof path, "%s/state/drafts/intake-clerk.draft", dir);
}

static void teardown(void)
{
	char cmd[300];

	snprintf(cmd, sizeof cmd, "rm -rf '%s'", dir);
	ck_assert_int_eq(system(cmd), 0);
}

static void a_record(struct intake *in)
{
	int i, j;

	memset(in, 0, sizeof *in);
	in->case_id = 0;
	in->ticket_id = 4711;
	in->item_id = 12;
	in->round = 2;
	in->version = 3;
	in->promised_limit = 5;
	strcpy(in->item_code, "SCJG-002");
	strcpy(in->item_name, "个体工商户设立登记");
	strcpy(in->department, "市场监督管理局");
	strcpy(in->kind, "promised");
	strcpy(in->limit_unit, "workday");
	strcpy(in->record_uid, "0f1e2d3c4b5a69788796a5b4c3d2e1f0");
	strcpy(in->a.kind, "person");
	strcpy(in->a.name, "乌兰图雅");
	strcpy(in->a.id_number, "150626198808080011");
	strcpy(in->a.phone, "13904770001");
	strcpy(in->a.address, "乌审旗嘎鲁图镇\"团结路\" 8号\n二单元\\3室");
	strcpy(in->a.agent_name, "巴特尔");
	strcpy(in->a.agent_id_number, "15062619900101001X");
	in->a.agent_authorised = 1;
	in->n_materials = 3;
	for (i = 0; i < in->n_materials; i++) {
		struct intake_material *m = &in->m[i];

		m->id = 100 + i;
		m->seq = i + 1;
		snprintf(m->name, sizeof m->name, "材料%d（原件）", i + 1);
		m->required = i != 2;
		m->paper = i;
		m->electronic = 1;
		m->settled = i == 0;
		m->n_cp = i + 1;
		for (j = 0; j < m->n_cp; j++) {
			m->cp[j].id = 1000 + 10 * i + j;
			m->cp[j].seq = j + 1;
			m->cp[j].version = 2;
			snprintf(m->cp[j].text, sizeof m->cp[j].text, "要点%d：签字齐全", j + 1);
			m->cp[j].verdict = (enum intake_verdict)((i + j) % 4);
			if (m->cp[j].verdict == VERDICT_BAD)
				strcpy(m->cp[j].reason, "复印件不清晰\t需重新提交");
		}
	}
}

START_TEST(a_draft_reads_back_exactly)
{
	struct intake in, back;
	struct draft_info info;
	struct yc_err err;
	struct stat sb;
	char part[300];

	a_record(&in);
	ck_assert_msg(draft_save_intake(path, &in, "共享盘无法访问", &err) == 0, "%s", err.msg);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), 0);
	ck_assert_mem_eq(&back, &in, sizeof in);
	ck_assert_str_eq(info.reason, "共享盘无法访问");
	ck_assert_int_eq((int)strlen(info.saved_at), 19);
	/* it holds ID numbers: only its owner reads it; no .part is left */
	ck_assert_int_eq(stat(path, &sb), 0);
	ck_assert_int_eq(sb.st_mode & 0777, 0600);
	snprintf(part, sizeof part, "%s.part", path);
	ck_assert_int_ne(access(part, F_OK), 0);
	/* saved again, the new replaces the old */
	strcpy(in.a.phone, "13804770002");
	ck_assert_int_eq(draft_save_intake(path, &in, "", &err), 0);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), 0);
	ck_assert_str_eq(back.a.phone, "13804770002");
	draft_remove(path);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), 1);
}
END_TEST

START_TEST(a_damaged_draft_is_reported_and_left_alone)
{
	struct intake in, back;
	struct draft_info info;
	struct yc_err err;
	FILE *f;
	long size;

	a_record(&in);
	ck_assert_int_eq(draft_save_intake(path, &in, "x", &err), 0);
	f = fopen(path, "r+");
	ck_assert_ptr_nonnull(f);
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	ck_assert_int_eq(ftruncate(fileno(f), size / 2), 0);   /* cut off in the middle */
	fclose(f);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
	ck_assert_ptr_nonnull(strstr(err.msg, path));
	ck_assert_int_eq(access(path, F_OK), 0);

	/* well-formed but not a record: too many materials for the form */
	f = fopen(path, "w");
	ck_assert_ptr_nonnull(f);
	fputs("format = 1L;\nintake = { item_id = 3L; materials = (", f);
	for (size = 0; size <= INTAKE_MAX_MATERIALS; size++)
		fputs(size ? ", {}" : "{}", f);
	fputs("); };\n", f);
	fclose(f);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), -1);
	ck_assert_int_eq(err.code, YC_EINVAL);
}
END_TEST

START_TEST(a_draft_set_aside_is_kept_beside)
{
	struct intake in, back;
	struct draft_info info;
	struct yc_err err;
	char aside[300];

	a_record(&in);
	ck_assert_int_eq(draft_save_intake(path, &in, "x", &err), 0);
	ck_assert_int_eq(draft_set_aside(path, &err), 0);
	ck_assert_int_eq(draft_load_intake(path, &back, &info, &err), 1);
	snprintf(aside, sizeof aside, "%s.discarded", path);
	ck_assert_int_eq(draft_load_intake(aside, &back, &info, &err), 0);
	ck_assert_str_eq(back.a.name, "乌兰图雅");
}
END_TEST

START_TEST(the_drafts_folder_follows_the_settings)
{
	struct yc_settings cfg;
	char out[YC_PATH_MAX + 64];

	settings_defaults(&cfg);
	setenv("XDG_STATE_HOME", "/var/tmp/st", 1);
	draft_dir(&cfg, out, sizeof out);
	ck_assert_str_eq(out, "/var/tmp/st/yichuang/drafts");
	unsetenv("XDG_STATE_HOME");
	setenv("HOME", "/home/w1", 1);
	draft_dir(&cfg, out, sizeof out);
	ck_assert_str_eq(out, "/home/w1/.local/state/yichuang/drafts");
	strcpy(cfg.drafts_directory, "/srv/drafts");
	draft_dir(&cfg, out, sizeof out);
	ck_assert_str_eq(out, "/srv/drafts");
}
END_TEST

/* One file per record: two records kept in the same second get two
 * files, and they are offered oldest first; another user's are not seen. */
START_TEST(each_record_has_its_own_draft_offered_oldest_first)
{
	char folder[300], first[400], second[400], other[400], oldest[400];
	struct intake in;
	struct yc_err err;
	int count;

	snprintf(folder, sizeof folder, "%s/drafts", dir);
	setenv("YICHUANG_TODAY", "2026-11-27 09:30", 1);
	ck_assert_int_eq(draft_oldest(folder, "intake-clerk", oldest, sizeof oldest, &count), 0);
	ck_assert_int_eq(count, 0);
	a_record(&in);
	draft_new_path(folder, "intake-clerk", first, sizeof first);
	ck_assert_int_eq(draft_save_intake(first, &in, "x", &err), 0);
	draft_new_path(folder, "intake-clerk", second, sizeof second);
	ck_assert_str_ne(first, second);
	ck_assert_int_eq(draft_save_intake(second, &in, "x", &err), 0);
	draft_new_path(folder, "intake-clerk2", other, sizeof other);
	ck_assert_int_eq(draft_save_intake(other, &in, "x", &err), 0);
	ck_assert_int_eq(draft_oldest(folder, "intake-clerk", oldest, sizeof oldest, &count), 1);
	ck_assert_int_eq(count, 2);
	ck_assert_str_eq(oldest, first);
	ck_assert_ptr_nonnull(strstr(first, "intake-clerk-20261127-093000-01.draft"));
	draft_remove(first);
	ck_assert_int_eq(draft_oldest(folder, "intake-clerk", oldest, sizeof oldest, &count), 1);
	ck_assert_str_eq(oldest, second);
	ck_assert_int_eq(count, 1);
	/* one set aside is no longer offered */
	ck_assert_int_eq(draft_set_aside(second, &err), 0);
	ck_assert_int_eq(draft_oldest(folder, "intake-clerk", oldest, sizeof oldest, &count), 0);
	unsetenv("YICHUANG_TODAY");
}
END_TEST

int main(void)
{
	Suite *s = suite_create("draft");
	TCase *tc = tcase_create("core");

	tcase_add_checked_fixture(tc, setup, teardown);
	tcase_add_test(tc, a_draft_reads_back_exactly);
	tcase_add_test(tc, a_damaged_draft_is_reported_and_left_alone);
	tcase_add_test(tc, a_draft_set_aside_is_kept_beside);
	tcase_add_test(tc, the_drafts_folder_follows_the_settings);
	tcase_add_test(tc, each_record_has_its_own_draft_offered_oldest_first);
	suite_add_tcase(s, tc);
	return run_suite(s);
}
