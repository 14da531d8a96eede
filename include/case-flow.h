/* case-flow.h - the states a case goes through, from intake to pickup,
 * and their names for people. Curses- and SQL-free. */
#ifndef YC_CASE_FLOW_H
#define YC_CASE_FLOW_H

/* The state's name for people (translated); the code itself when unknown. */
const char *case_status_label(const char *status);

/* A notice kind's name for people (translated). */
const char *notice_kind_label(const char *kind);

#endif
