/* audit-report.h - what the audit's tests share: a key of the test's own,
 * loaded, and check's report collected, one line each with "!! " before
 * a problem, to look for words in. */
#ifndef YC_TEST_AUDIT_REPORT_H
#define YC_TEST_AUDIT_REPORT_H

#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "store.h"
#include "unit.h"

static void with_key(void)
{
	static char path[300];
	struct yc_err err;
	char id[9];

	scratch_path(path, sizeof path, "event.key");
	if (access(path, F_OK) != 0)
		ck_assert_int_eq(store_keygen(path, id, &err), 0);
	ck_assert_int_eq(store_key_load(path, &err), 1);
}

struct report {
	char text[20000];
};

static void collect(void *ctx, int ok, const char *line)
{
	struct report *r = ctx;
	size_t n = strlen(r->text);

	snprintf(r->text + n, sizeof r->text - n, "%s%s\n", ok ? "   " : "!! ", line);
}

static void says(const struct report *r, const char *words)
{
	ck_assert_msg(strstr(r->text, words) != NULL, "check did not say '%s':\n%s", words, r->text);
}

#endif
