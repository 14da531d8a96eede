/* Calling a number aloud: announce.command gets the words, the number and
 * the window; the clerk never waits for it; a failure is told once, and
 * again only after an announcement has worked in between. */
#include "config.h"

#include <string.h>
#include <unistd.h>

#include "announce.h"
#include "settings.h"
#include "unit.h"

/* Wait for the background command's outcome (at most 10 s). */
static int wait_for(const char *path)
{
	int i;

	for (i = 0; i < 1000 && access(path, F_OK) != 0; i++)
		usleep(10000);
	return access(path, F_OK) == 0;
}

static void read_text(const char *path, char *out, size_t n)
{
	FILE *f = fopen(path, "r");
	size_t got;

	ck_assert_ptr_nonnull(f);
	got = fread(out, 1, n - 1, f);
	out[got] = '\0';
	fclose(f);
}

START_TEST(the_words_are_chinese_with_the_number_and_window)
{
	char words[128];

	announce_text("A006", "综合受理3号窗", words, sizeof words);
	ck_assert_str_eq(words, "请A006号到综合受理3号窗办理");
}
END_TEST

START_TEST(the_command_gets_the_words_and_the_clerk_does_not_wait)
{
	struct yc_settings cfg;
	char dir[PATH_MAX], status[PATH_MAX + 32], heard[PATH_MAX + 32], gate[PATH_MAX + 32], text[256];

	settings_defaults(&cfg);
	scratch_mkdtemp(dir, sizeof dir, "announce");
	snprintf(status, sizeof status, "%s/state/announce.status", dir);
	snprintf(heard, sizeof heard, "%s/heard", dir);
	snprintf(gate, sizeof gate, "%s/gate", dir);
	/* the speaker waits until the test opens the gate: the call has
	 * returned long before it speaks */
	snprintf(cfg.announce_command, sizeof cfg.announce_command,
		 "while [ ! -e '%.200s' ]; do sleep 0.05; done; printf '%%s|%%s|%%s' %%t %%n %%w > '%.200s'", gate, heard);
	announce_call(&cfg, "A006", "综合受理3号窗", status);
	ck_assert_int_ne(access(heard, F_OK), 0);
	ck_assert_int_ne(access(status, F_OK), 0);
	fclose(fopen(gate, "w"));
	ck_assert(wait_for(status));
	read_text(heard, text, sizeof text);
	ck_assert_str_eq(text, "请A006号到综合受理3号窗办理|A006|综合受理3号窗");
	read_text(status, text, sizeof text);
	ck_assert_str_eq(text, "ok\n");
}
END_TEST

/* Each announcement's outcome replaces the last: wait for this one's. */
static void announce_and_wait(struct yc_settings *cfg, const char *status, const char *number)
{
	unlink(status);
	announce_call(cfg, number, "1号窗", status);
	ck_assert(wait_for(status));
}

START_TEST(a_failure_is_told_once_until_the_voice_works_again)
{
	struct yc_settings cfg;
	char dir[PATH_MAX], status[PATH_MAX + 32], why[200];

	settings_defaults(&cfg);
	scratch_mkdtemp(dir, sizeof dir, "announce");
	snprintf(status, sizeof status, "%s/announce.status", dir);
	ck_assert_int_eq(announce_failure(status, why, sizeof why), 0);   /* nothing announced yet */
	strcpy(cfg.announce_command, "echo 'no sound card' >&2; exit 3");
	announce_and_wait(&cfg, status, "A001");
	ck_assert_int_eq(announce_failure(status, why, sizeof why), 1);
	ck_assert_str_eq(why, "no sound card");
	announce_and_wait(&cfg, status, "A002");
	ck_assert_int_eq(announce_failure(status, why, sizeof why), 0);   /* told already */
	strcpy(cfg.announce_command, "true");
	announce_and_wait(&cfg, status, "A003");
	ck_assert_int_eq(announce_failure(status, why, sizeof why), 0);
	strcpy(cfg.announce_command, "exit 4");
	announce_and_wait(&cfg, status, "A004");
	ck_assert_int_eq(announce_failure(status, why, sizeof why), 1);   /* news again */
	ck_assert_str_eq(why, "status 4");
}
END_TEST

START_TEST(no_command_no_announcement)
{
	struct yc_settings cfg;
	char dir[PATH_MAX], status[PATH_MAX + 32];

	settings_defaults(&cfg);
	ck_assert_str_eq(cfg.announce_command, "");
	scratch_mkdtemp(dir, sizeof dir, "announce");
	snprintf(status, sizeof status, "%s/announce.status", dir);
	announce_call(&cfg, "A001", "1号窗", status);
	ck_assert_int_ne(access(status, F_OK), 0);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("announce");
	TCase *t = tcase_create("announce");

	tcase_set_timeout(t, 30);
	tcase_add_test(t, the_words_are_chinese_with_the_number_and_window);
	tcase_add_test(t, the_command_gets_the_words_and_the_clerk_does_not_wait);
	tcase_add_test(t, a_failure_is_told_once_until_the_voice_works_again);
	tcase_add_test(t, no_command_no_announcement);
	suite_add_tcase(s, t);
	return run_suite(s);
}
