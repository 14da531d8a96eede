/* case-flow.h - the states a case goes through, from intake to pickup,
 * the moves allowed between them and who may make each, and the clock:
 * remaining working days, suspended time excluded. Curses- and SQL-free;
 * the store asks these questions inside its transactions, so the rules
 * hold whatever screen or command asks. */
#ifndef YC_CASE_FLOW_H
#define YC_CASE_FLOW_H

#include <stdint.h>

#include "auth.h"
#include "calendar.h"
#include "yc.h"

/* The state's name for people (translated); the code itself when unknown. */
const char *case_status_label(const char *status);

/* A notice kind's name for people (translated). */
const char *notice_kind_label(const char *kind);

/* An event log action's name for people (translated). */
const char *event_action_label(const char *action);

/* How a case came in, for people (translated). */
const char *channel_label(const char *channel);

/* Moves of a case after acceptance. */
enum case_action {
	CA_HANDOVER,          /* the front hands the slip to the department */
	CA_SUSPEND,           /* site survey, verification, technical review, hearing */
	CA_RESUME,
	CA_EXTEND,            /* with a reason and the applicant's consent */
	CA_APPROVE,
	CA_REFUSE,            /* not approved */
	CA_WITHDRAW,          /* not approved: withdrawn by the applicant (第十三条) */
	CA_RESULT_HANDOVER,   /* the department hands the result to the pickup window */
	CA_NOTIFY,            /* completion notice sent */
	CA_COLLECT,           /* handed over at the pickup window */
	CA_MAIL,              /* sent by government express mail */
	CA_DELIVERED,         /* the mail arrived */
	CA_COUNT
};

struct case_move {
	enum case_action action;
	const char *from;             /* state before */
	const char *to;               /* state after */
	enum yc_perm perm;            /* what the user must be allowed */
	int own_department;           /* only the case's own department */
	const char *name;             /* for the event log */
};

/* The move for an action from a state, or NULL when not allowed. */
const struct case_move *case_move_find(enum case_action a, const char *from);

/* May a user (role, department) make this move on a case of the given
 * department now in state `from`? 0, or -1 with err: YC_ECONFLICT when
 * the state does not allow it (someone else moved the case), YC_EDENIED
 * when the role or department does not. */
int case_may(const char *role, int64_t user_department, enum case_action a, const char *from,
	     int64_t case_department, struct yc_err *err);

/* Working days left until the promised date (negative: overdue). While
 * the clock is suspended it stands at the day of suspension. */
long case_remaining_workdays(const struct yc_calendar *cal, yc_date today, yc_date promised,
			     int suspended, yc_date suspended_on);

/* The promised date after a suspension from suspended_on to resumed_on:
 * later by the working days in between (the day of suspension counts as
 * worked, the day of resumption as suspended). */
yc_date case_promise_after_suspension(const struct yc_calendar *cal, yc_date promised,
				      yc_date suspended_on, yc_date resumed_on);

#endif
