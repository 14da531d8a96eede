/* states.c - the stored codes as enums and predicates (states.h). */
#include "config.h"

#include <string.h>

#include "states.h"
#include "yc.h"

/* The index of code in codes (n of them), or n when it is none of them. */
static int index_of(const char *code, const char *const *codes, int n)
{
	int i;

	for (i = 0; code && i < n; i++)
		if (strcmp(codes[i], code) == 0)
			return i;
	return n;
}

static const char *const case_codes[] = {
	"reviewing", "awaiting_correction", "not_accepted", "accepted", "in_department", "suspended", "approved",
	"not_approved", "result_at_pickup", "notified", "mailed", "collected", "withdrawn",
};

enum case_status case_status_of(const char *status)
{
	return (enum case_status)index_of(status, case_codes, (int)YC_ARRAY_LEN(case_codes));
}

int case_is_decided(const char *status)
{
	enum case_status s = case_status_of(status);

	return s == CASE_APPROVED || s == CASE_NOT_APPROVED;
}

int case_is_being_worked(const char *status)
{
	return case_status_of(status) == CASE_IN_DEPARTMENT;
}

int item_is_immediate(const char *kind)
{
	return kind && strcmp(kind, "immediate") == 0;
}

const char *item_kind_label(const char *kind)
{
	return item_is_immediate(kind) ? _("immediate") : _("promised");
}

int applicant_is_organisation(const char *kind)
{
	return kind && strcmp(kind, "organisation") == 0;
}

const char *applicant_other_kind(const char *kind)
{
	return applicant_is_organisation(kind) ? "person" : "organisation";
}

static const char *const assist_codes[] = { "open", "in_progress", "delivered", "archived", "terminated" };

int assist_state_of(const char *status)
{
	int i = index_of(status, assist_codes, (int)YC_ARRAY_LEN(assist_codes));

	return i < (int)YC_ARRAY_LEN(assist_codes) ? 1 << i : 0;
}

enum assist_step assist_next_step(const char *status)
{
	switch (assist_state_of(status)) {
	case ASSIST_OPEN: return ASSIST_STEP_START;
	case ASSIST_IN_PROGRESS: return ASSIST_STEP_DELIVER;
	case ASSIST_DELIVERED: return ASSIST_STEP_ARCHIVE;
	default: return ASSIST_STEP_NONE;
	}
}

const char *assist_log_kind_label(const char *kind)
{
	static const char *const codes[] = { "progress", "coordination", "feedback" };
	static const char *const labels[] = { N_("progress"), N_("coordination"), N_("feedback to the applicant") };
	int i = index_of(kind, codes, (int)YC_ARRAY_LEN(codes));

	return i < (int)YC_ARRAY_LEN(codes) ? _(labels[i]) : kind;
}

static const char *const remote_codes[] = {
	"asking", "confirmed", "refused", "forwarded", "result_received", "delivered",
};

enum remote_state remote_state_of(const char *status)
{
	return (enum remote_state)index_of(status, remote_codes, (int)YC_ARRAY_LEN(remote_codes));
}

static const char *const approval_codes[] = { "pending", "applied", "approved", "refused" };

enum approval_state approval_state_of(const char *status)
{
	return (enum approval_state)index_of(status, approval_codes, (int)YC_ARRAY_LEN(approval_codes));
}

int slip_goes_to_department(const char *direction)
{
	return direction && strcmp(direction, "to_department") == 0;
}

int calendar_day_is_off(const char *kind)
{
	return kind && strcmp(kind, "off") == 0;
}
