/* unit.h - the little that every Check test program shares. */
#ifndef YC_TEST_UNIT_H
#define YC_TEST_UNIT_H

#include <check.h>
#include <locale.h>
#include <stdlib.h>

/* Width tables need a UTF-8 locale, as the program has. */
static inline int run_suite(Suite *s)
{
	SRunner *r = srunner_create(s);
	int failed;

	setlocale(LC_ALL, "C.UTF-8");
	srunner_run_all(r, CK_NORMAL);
	failed = srunner_ntests_failed(r);
	srunner_free(r);
	return failed == 0 ? EXIT_SUCCESS : EXIT_FAILURE;
}

#endif
