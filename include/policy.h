/* policy.h - the hall's policy: rules every station follows alike, set
 * once for the whole hall in the database (table hall_policy, schema 18)
 * by its administrator (`yichuang policy set`), where each station's
 * configuration file used to say them. The list is the one place they are
 * named: the store reads, checks and shows them from it, and settings.c
 * knows the old configuration keys by it. */
#ifndef YC_POLICY_H
#define YC_POLICY_H

#include "yc.h"

/* X(field, name, smallest, largest, default, what it is). The name is
 * the old configuration key's; the default is the one the key had. */
#define YC_POLICY_LIST(X) \
	X(login_max_failures, "login.max_failures", 1, 100, 5, \
	  N_("wrong passwords in a row that lock an account")) \
	X(login_lock_minutes, "login.lock_minutes", 1, 1440, 15, \
	  N_("minutes a locked account stays locked")) \
	X(appointments_per_slot, "appointments.per_slot", 1, 100, 3, \
	  N_("people who may book one appointment slot")) \
	X(assessment_monthly_fee, "assessment.monthly_fee", 0, 100000000, 100000, \
	  N_("the monthly fee in yuan when no contract is recorded (the assessment withholds from it)")) \
	X(bundle_confirm_onsite, "bundle.confirm_onsite", 0, 1, 1, \
	  N_("1: a bundle taken at the window is accepted only once each member's department has confirmed it")) \
	X(queue_take_others, "queue.take_others", 0, 1, 0, \
	  N_("1: a window with nobody waiting for its own categories calls the longest-waiting ticket of another")) \
	X(assessment_objection_days, "assessment.objection_days", 1, 30, 5, \
	  N_("working days after a month's sheet is signed within which the contractor may object")) \
	X(rating_followup_days, "rating.followup_days", 1, 60, 15, \
	  N_("working days to verify and rectify a bad rating and call the citizen back")) \
	X(waiver_days, "waiver.days", 1, 60, 5, \
	  N_("working days an applicant accepted with a material missing (容缺受理) has to supply it")) \
	X(waiver_remind_days, "waiver.remind_days", 0, 30, 1, \
	  N_("working days before that date the reminder SMS is sent"))

enum {
#define YC_POLICY_INDEX(field, name, smallest, largest, fallback, what) YC_POLICY_##field,
	YC_POLICY_LIST(YC_POLICY_INDEX)
#undef YC_POLICY_INDEX
	YC_POLICY_COUNT
};

struct yc_policy {
#define YC_POLICY_FIELD(field, name, smallest, largest, fallback, what) int field;
	YC_POLICY_LIST(YC_POLICY_FIELD)
#undef YC_POLICY_FIELD
};

#endif
