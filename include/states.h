/* states.h - what each stored state means, in one place: the codes the
 * database keeps ("in_department", "immediate", "terminated") become enums
 * and predicates here, so that screens ask the core ("is it decided? what
 * comes next?") instead of comparing strings. Curses- and SQL-free. The
 * case's moves and who may make them are case-flow.h's. */
#ifndef YC_STATES_H
#define YC_STATES_H

/* Cases ------------------------------------------------------------------ */

enum case_status {
	CASE_REVIEWING, CASE_AWAITING_CORRECTION, CASE_NOT_ACCEPTED, CASE_ACCEPTED, CASE_IN_DEPARTMENT,
	CASE_SUSPENDED, CASE_APPROVED, CASE_NOT_APPROVED, CASE_RESULT_AT_PICKUP, CASE_NOTIFIED, CASE_MAILED,
	CASE_COLLECTED, CASE_WITHDRAWN, CASE_STATUS_UNKNOWN
};

enum case_status case_status_of(const char *status);
/* The department has decided it (approved or not); its result is on its
 * way to the applicant or with them. */
int case_is_decided(const char *status);
/* With the department and its clock running: late when past its promise. */
int case_is_being_worked(const char *status);

/* Service items and applicants --------------------------------------------- */

/* 即办件: done on the spot; else 承诺件, promised by a date. */
int item_is_immediate(const char *kind);
/* "immediate" / "promised" for people (translated). */
const char *item_kind_label(const char *kind);

/* An organisation (credit code, legal representative), not a person. */
int applicant_is_organisation(const char *kind);
/* The other kind: a person's record switched to an organisation's. */
const char *applicant_other_kind(const char *kind);

/* Help-you-do (帮您办) requests -------------------------------------------- */

/* One bit per state, so that "open or in progress" is one test. */
enum assist_state_bit {
	ASSIST_OPEN = 1 << 0,
	ASSIST_IN_PROGRESS = 1 << 1,
	ASSIST_DELIVERED = 1 << 2,
	ASSIST_ARCHIVED = 1 << 3,
	ASSIST_TERMINATED = 1 << 4,
};
#define ASSIST_CLOSED (ASSIST_ARCHIVED | ASSIST_TERMINATED)

/* The state's bit; 0 for a code not known. */
int assist_state_of(const char *status);

/* What the next step of a request is, from its state. */
enum assist_step { ASSIST_STEP_START, ASSIST_STEP_DELIVER, ASSIST_STEP_ARCHIVE, ASSIST_STEP_NONE };
enum assist_step assist_next_step(const char *status);

/* A log entry's kind for people (translated). */
const char *assist_log_kind_label(const char *kind);

/* Cross-region (异地通办) requests ------------------------------------------ */

enum remote_state {
	REMOTE_ASKING, REMOTE_CONFIRMED, REMOTE_REFUSED, REMOTE_FORWARDED, REMOTE_RESULT_RECEIVED, REMOTE_DELIVERED,
	REMOTE_UNKNOWN
};
enum remote_state remote_state_of(const char *status);

/* Construction approvals ------------------------------------------------- */

enum approval_state { APPROVAL_PENDING, APPROVAL_APPLIED, APPROVAL_APPROVED, APPROVAL_REFUSED, APPROVAL_UNKNOWN };
enum approval_state approval_state_of(const char *status);

/* Transfer slips -------------------------------------------------------------- */

/* From the front window to the department (else a result to pickup). */
int slip_goes_to_department(const char *direction);

/* The calendar ------------------------------------------------------------- */

/* A day off ("off"), not a make-up working day ("work"). */
int calendar_day_is_off(const char *kind);

#endif
