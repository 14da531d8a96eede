/* What the stored codes mean (states.h): the predicates the screens ask
 * instead of comparing strings, and an unknown code never taken for a
 * known state. */
#include "config.h"

#include "states.h"
#include "unit.h"

START_TEST(a_case_is_decided_once_approved_or_not)
{
	ck_assert(case_is_decided("approved"));
	ck_assert(case_is_decided("not_approved"));
	ck_assert(!case_is_decided("in_department"));
	ck_assert(!case_is_decided("result_at_pickup"));   /* decided long ago, on its way now */
	ck_assert(case_is_being_worked("in_department"));
	ck_assert(!case_is_being_worked("suspended"));      /* its clock stands */
	ck_assert_int_eq(case_status_of("withdrawn"), CASE_WITHDRAWN);
	ck_assert_int_eq(case_status_of("nonsense"), CASE_STATUS_UNKNOWN);
	ck_assert_int_eq(case_status_of(NULL), CASE_STATUS_UNKNOWN);
}
END_TEST

START_TEST(items_applicants_slips_and_days)
{
	ck_assert(item_is_immediate("immediate"));
	ck_assert(!item_is_immediate("promised"));
	ck_assert(applicant_is_organisation("organisation"));
	ck_assert_str_eq(applicant_other_kind("person"), "organisation");
	ck_assert_str_eq(applicant_other_kind("organisation"), "person");
	ck_assert(slip_goes_to_department("to_department"));
	ck_assert(!slip_goes_to_department("to_pickup"));
	ck_assert(calendar_day_is_off("off"));
	ck_assert(!calendar_day_is_off("work"));
}
END_TEST

START_TEST(what_comes_next_for_a_help_request)
{
	ck_assert_int_eq(assist_next_step("open"), ASSIST_STEP_START);
	ck_assert_int_eq(assist_next_step("in_progress"), ASSIST_STEP_DELIVER);
	ck_assert_int_eq(assist_next_step("delivered"), ASSIST_STEP_ARCHIVE);
	ck_assert_int_eq(assist_next_step("terminated"), ASSIST_STEP_NONE);
	ck_assert(assist_state_of("archived") & ASSIST_CLOSED);
	ck_assert(!(assist_state_of("open") & ASSIST_CLOSED));
	ck_assert_int_eq(assist_state_of("bogus"), 0);
	ck_assert_int_eq(remote_state_of("result_received"), REMOTE_RESULT_RECEIVED);
	ck_assert_int_eq(remote_state_of("x"), REMOTE_UNKNOWN);
	ck_assert_int_eq(approval_state_of("refused"), APPROVAL_REFUSED);
	ck_assert_int_eq(approval_state_of(""), APPROVAL_UNKNOWN);
}
END_TEST

int main(void)
{
	Suite *s = suite_create("states");
	TCase *t = tcase_create("states");

	tcase_add_test(t, a_case_is_decided_once_approved_or_not);
	tcase_add_test(t, items_applicants_slips_and_days);
	tcase_add_test(t, what_comes_next_for_a_help_request);
	suite_add_tcase(s, t);
	return run_suite(s);
}
