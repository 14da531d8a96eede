/* unit.h - the little that every Check test program shares: the clock a
 * test states, a scratch folder it cleans up, and running the suite. */
#ifndef YC_TEST_UNIT_H
#define YC_TEST_UNIT_H

#include <check.h>
#include <errno.h>
#include <ftw.h>
#include <limits.h>
#include <locale.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

/* The clock ---------------------------------------------------------------------
 * The program reads the date and time only through yc_today() and yc_now(),
 * which honour YICHUANG_TODAY: "YYYY-MM-DD HH:MM" stops the clock at that
 * minute, "YYYY-MM-DD" fixes the day and lets the time of day run. A test
 * whose assertions rely on a date says which with pin_clock(), in the test
 * or in its checked fixture, and before make_db() (the demo cases are
 * dated back from "today"). Nothing is pinned for the others: run under
 * faketime at far dates (tests/far-dates.sh), every program still passes. */
static inline void pin_clock(const char *when)
{
	ck_assert_int_eq(setenv("YICHUANG_TODAY", when, 1), 0);
}

/* Scratch files -----------------------------------------------------------------
 * Under make check's YC_TMP (<builddir>/tests/tmp), else TMPDIR, else /tmp:
 * run_suite() makes one folder for the program, each test process (Check
 * forks one per test) a folder of its own inside it on first use, removed
 * when that process exits; run_suite() removes the program's folder when
 * every test passed. A failed test ends with _exit() and its files stay
 * for a look (make clean removes tests/tmp). */
struct unit_scratch {
	char run[PATH_MAX];     /* the program's, made by run_suite() */
	char mine[PATH_MAX];    /* this process's, inside it */
	pid_t owner;            /* the process that made `mine` */
	int at_exit;            /* the clean-up is registered (and inherited by fork) */
};

static inline struct unit_scratch *unit_scratch_state(void)
{
	static struct unit_scratch s;

	return &s;
}

static inline const char *unit_tmp_base(void)
{
	static char base[PATH_MAX];
	const char *d = getenv("YC_TMP");
	char *p;

	if (!d || !*d)
		d = getenv("TMPDIR");
	if (!d || !*d)
		d = "/tmp";
	snprintf(base, sizeof base, "%s", d);
	/* make check's folder may not be there yet: mkdir -p */
	for (p = base + 1; *p; p++)
		if (*p == '/') {
			*p = '\0';
			mkdir(base, 0777);
			*p = '/';
		}
	mkdir(base, 0777);
	return base;
}

static inline int unit_remove_one(const char *path, const struct stat *sb, int flag, struct FTW *ftw)
{
	(void)sb;
	(void)flag;
	(void)ftw;
	return remove(path);
}

static inline void unit_remove_tree(const char *dir)
{
	if (dir[0] && nftw(dir, unit_remove_one, 16, FTW_DEPTH | FTW_PHYS) != 0 && errno != ENOENT)
		fprintf(stderr, "could not remove %s: %s\n", dir, strerror(errno));
}

static inline void unit_scratch_at_exit(void)
{
	struct unit_scratch *s = unit_scratch_state();

	/* not in a child a test forked that calls exit(): the folder is its parent's */
	if (s->mine[0] && s->owner == getpid())
		unit_remove_tree(s->mine);
}

/* This test's own folder, made on first use, gone when the test ends. */
static inline const char *scratch_dir(void)
{
	struct unit_scratch *s = unit_scratch_state();

	if (s->owner != getpid()) {
		int len = snprintf(s->mine, sizeof s->mine, "%s/t-XXXXXX", s->run[0] ? s->run : unit_tmp_base());

		ck_assert_msg(len > 0 && (size_t)len < sizeof s->mine, "the scratch folder's name is too long");
		ck_assert_msg(mkdtemp(s->mine) != NULL, "cannot make a scratch folder %s: %s", s->mine,
			      strerror(errno));
		s->owner = getpid();
		if (!s->at_exit)
			ck_assert_int_eq(atexit(unit_scratch_at_exit), 0);
		s->at_exit = 1;
	}
	return s->mine;
}

/* A fresh folder in this test's, named prefix-XXXXXX, into buf. */
static inline char *scratch_mkdtemp(char *buf, size_t size, const char *prefix)
{
	int len = snprintf(buf, size, "%s/%s-XXXXXX", scratch_dir(), prefix);

	ck_assert_msg(len > 0 && (size_t)len < size, "the scratch folder's name is too long: %s", scratch_dir());
	ck_assert_msg(mkdtemp(buf) != NULL, "cannot make %s: %s", buf, strerror(errno));
	return buf;
}

/* A path in this test's folder, for a file of that name. */
static inline char *scratch_path(char *buf, size_t size, const char *name)
{
	int len = snprintf(buf, size, "%s/%s", scratch_dir(), name);

	ck_assert_msg(len > 0 && (size_t)len < size, "the scratch folder's name is too long: %s", scratch_dir());
	return buf;
}

/* Running -------------------------------------------------------------------------- */

/* Width tables need a UTF-8 locale, as the program has. */
/* What a test header needs around the whole suite, in the parent process
 * (testdb.h: the PostgreSQL cluster of YC_TEST_BACKEND=postgresql): called
 * with 1 before the tests (a nonzero return is the program's exit status,
 * 77 a skip) and with 0 after. */
static int (*unit_around_suite)(int start);

static inline int run_suite(Suite *s)
{
	struct unit_scratch *sc = unit_scratch_state();
	SRunner *r;
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	if (snprintf(sc->run, sizeof sc->run, "%s/%s.XXXXXX", unit_tmp_base(), program_invocation_short_name) >=
		    (int)sizeof sc->run || !mkdtemp(sc->run)) {
		fprintf(stderr, "cannot make %s: %s\n", sc->run, strerror(errno));
		sc->run[0] = '\0';
	}
	if (unit_around_suite && (failed = unit_around_suite(1)) != 0) {
		unit_remove_tree(sc->run);
		return failed;
	}
	r = srunner_create(s);
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	if (unit_around_suite)
		unit_around_suite(0);
	if (failed == 0) {
		unit_remove_tree(sc->run);
	} else if (sc->run[0]) {
		sc->mine[0] = '\0';   /* without fork (CK_FORK=no) they are this process's */
		fprintf(stderr, "%s: the failed tests' files are kept in %s\n", program_invocation_short_name, sc->run);
	}
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
