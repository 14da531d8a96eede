/* case-flow.c - case states and their names. */
#include "config.h"

#include <string.h>

#include "case-flow.h"
#include "yc.h"

struct label {
	const char *code;
	const char *text;
};

static const struct label statuses[] = {
	{ "reviewing", N_("under review") },
	{ "awaiting_correction", N_("awaiting corrections") },
	{ "not_accepted", N_("not accepted") },
	{ "accepted", N_("accepted") },
	{ "in_department", N_("in the department") },
	{ "suspended", N_("clock suspended") },
	{ "approved", N_("approved") },
	{ "not_approved", N_("not approved") },
	{ "result_at_pickup", N_("result at pickup") },
	{ "notified", N_("applicant notified") },
	{ "mailed", N_("mailed") },
	{ "collected", N_("collected") },
	{ "withdrawn", N_("withdrawn") },
};

static const struct label notice_kinds[] = {
	{ "acceptance", N_("acceptance notice") },
	{ "one_time", N_("one-time notice") },
	{ "non_acceptance", N_("non-acceptance notice") },
	{ "completion", N_("completion notice") },
	{ "termination", N_("termination slip") },
	{ "licence", N_("comprehensive licence") },
};

static const char *find(const struct label *l, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(l[i].code, code) == 0)
			return _(l[i].text);
	return code;
}

const char *case_status_label(const char *status)
{
	return find(statuses, YC_ARRAY_LEN(statuses), status);
}

const char *notice_kind_label(const char *kind)
{
	return find(notice_kinds, YC_ARRAY_LEN(notice_kinds), kind);
}
