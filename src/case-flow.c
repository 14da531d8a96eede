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

/* What the event log's actions mean, for the case's story. */
static const struct label event_actions[] = {
	{ "accept", N_("accepted") },
	{ "one_time_notice", N_("one-time notice") },
	{ "not_accept", N_("not accepted") },
	{ "handover", N_("handed over") },
	{ "suspend", N_("clock stopped") },
	{ "resume", N_("clock started again") },
	{ "extend", N_("extended") },
	{ "promise", N_("promised date changed") },
	{ "approve", N_("approved") },
	{ "not_approve", N_("not approved") },
	{ "withdraw", N_("withdrawn by the applicant") },
	{ "withdrawal_requested", N_("withdrawal asked for") },
	{ "result_handover", N_("result handed to pickup") },
	{ "fee", N_("fee") },
	{ "notify", N_("completion notice sent") },
	{ "collect", N_("collected") },
	{ "mail", N_("mailed") },
	{ "delivered", N_("mail delivered") },
	{ "rate", N_("rated") },
	{ "remind", N_("reminded to collect") },
	{ "query_locked", N_("progress query locked after wrong passwords") },
	{ "bundle_complete", N_("bundle ended") },
	{ "accepted_with_gap", N_("accepted with materials owed (容缺受理), due") },
	{ "gap_reminded", N_("reminded of a material owed, due") },
	{ "gap_supplied", N_("material owed supplied") },
	{ "accepted_on_promise", N_("accepted on the applicant's promise (告知承诺制)") },
	{ "promise_verified", N_("promise verified: conditions met") },
	{ "promise_revoked", N_("promise found false: revoked") },
};

static const struct label channels[] = {
	{ "window", N_("at the window") },
	{ "online", N_("online") },
	{ "bundle", N_("one-visit bundle") },
	{ "remote", N_("cross-region") },
	{ "construction", N_("construction project") },
	{ "assist", N_("help-you-do") },
};

static const char *case_flow_find(const struct label *l, size_t n, const char *code)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (strcmp(l[i].code, code) == 0)
			return _(l[i].text);
	return code;
}

const char *case_status_label(const char *status)
{
	return case_flow_find(statuses, YC_ARRAY_LEN(statuses), status);
}

const char *notice_kind_label(const char *kind)
{
	return case_flow_find(notice_kinds, YC_ARRAY_LEN(notice_kinds), kind);
}

const char *event_action_label(const char *action)
{
	return case_flow_find(event_actions, YC_ARRAY_LEN(event_actions), action);
}

const char *channel_label(const char *channel)
{
	return case_flow_find(channels, YC_ARRAY_LEN(channels), channel);
}

/* Every move a case may make: anything not listed is refused. */
static const struct case_move moves[] = {
	{ CA_HANDOVER, "accepted", "in_department", PERM_SLIPS, 0, "handover" },
	{ CA_SUSPEND, "in_department", "suspended", PERM_BACKOFFICE, 1, "suspend" },
	{ CA_RESUME, "suspended", "in_department", PERM_BACKOFFICE, 1, "resume" },
	{ CA_EXTEND, "in_department", "in_department", PERM_BACKOFFICE, 1, "extend" },
	{ CA_APPROVE, "in_department", "approved", PERM_BACKOFFICE, 1, "approve" },
	{ CA_REFUSE, "in_department", "not_approved", PERM_BACKOFFICE, 1, "not_approve" },
	{ CA_WITHDRAW, "in_department", "not_approved", PERM_BACKOFFICE, 1, "withdraw" },
	{ CA_WITHDRAW, "suspended", "not_approved", PERM_BACKOFFICE, 1, "withdraw" },
	{ CA_RESULT_HANDOVER, "approved", "result_at_pickup", PERM_BACKOFFICE, 1, "result_handover" },
	{ CA_RESULT_HANDOVER, "not_approved", "result_at_pickup", PERM_BACKOFFICE, 1, "result_handover" },
	{ CA_NOTIFY, "result_at_pickup", "notified", PERM_PICKUP, 0, "notify" },
	{ CA_COLLECT, "result_at_pickup", "collected", PERM_PICKUP, 0, "collect" },
	{ CA_COLLECT, "notified", "collected", PERM_PICKUP, 0, "collect" },
	{ CA_MAIL, "result_at_pickup", "mailed", PERM_PICKUP, 0, "mail" },
	{ CA_MAIL, "notified", "mailed", PERM_PICKUP, 0, "mail" },
	{ CA_DELIVERED, "mailed", "collected", PERM_PICKUP, 0, "delivered" },
};

const struct case_move *case_move_find(enum case_action a, const char *from)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(moves); i++)
		if (moves[i].action == a && strcmp(moves[i].from, from) == 0)
			return &moves[i];
	return NULL;
}

int case_may(const char *role, int64_t user_department, enum case_action a, const char *from,
	     int64_t case_department, struct yc_err *err)
{
	const struct case_move *m = case_move_find(a, from);

	if (!m) {
		yc_err_set(err, YC_ECONFLICT, _("Not possible now: the case is %s."), case_status_label(from));
		return -1;
	}
	if (!auth_role_allows(role, m->perm)) {
		yc_err_set(err, YC_EDENIED, _("Your role (%s) may not do this; ask the administrator."),
			   auth_role_label(role));
		return -1;
	}
	if (m->own_department && user_department != case_department) {
		yc_err_set(err, YC_EDENIED, "%s", _("Only the case's own department may do this."));
		return -1;
	}
	return 0;
}

long case_remaining_workdays(const struct yc_calendar *cal, yc_date today, yc_date promised,
			     int suspended, yc_date suspended_on)
{
	return cal_workdays_between(cal, suspended && suspended_on < today ? suspended_on : today, promised);
}

yc_date case_promise_after_suspension(const struct yc_calendar *cal, yc_date promised,
				      yc_date suspended_on, yc_date resumed_on)
{
	long lost = cal_workdays_between(cal, suspended_on, resumed_on);

	return lost > 0 ? cal_add_workdays(cal, promised, (int)lost) : promised;
}
