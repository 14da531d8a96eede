/* store-queue.h - the queue: tickets, calling, the hall board, the calendar, the overview (store-queue.c). */
#ifndef YC_STORE_QUEUE_H
#define YC_STORE_QUEUE_H

#include <stdint.h>

#include "calendar.h"
#include "store.h"

/* Calendar --------------------------------------------------------------- */

int store_calendar_load(struct yc_store *st, struct yc_calendar *cal, struct yc_err *err);

/* Queue tickets ---------------------------------------------------------- */

/* The guidance desk sends someone to a window: the ticket and the record
 * of the consultation, in one transaction. */
int store_ticket_issue_guided(struct yc_store *st, const char *site_code, const char *category,
			      int priority, int64_t item_id, int64_t user_id, const char *missing,
			      char number[16], struct yc_err *err);

/* Queue, windows and tickets ---------------------------------------------- */

/* Tickets of the category waiting before a new one would be called. */
int store_ticket_ahead(struct yc_store *st, const char *site_code, const char *number,
		       long *ahead, struct yc_err *err);

/* The window categories a ticket can be issued for, in ticket letter order
 * (A combined ... G guidance), NULL-terminated: the one list the command
 * line's help and checks use; data/base.sql makes the same rows. */
extern const char *const store_ticket_categories[];

/* Whether category is one of store_ticket_categories. */
int store_ticket_category_known(const char *category);

/* Issue the next ticket of the day for a window category at a site;
 * numbering is unique even when many stations issue at the same moment.
 * item_id and appointment_id may be 0. An unknown category is refused
 * (YC_EINVAL) before the database is touched. */
int store_ticket_issue(struct yc_store *st, const char *site_code, const char *category,
		       int priority, int64_t item_id, int64_t appointment_id, int64_t user_id,
		       char number[16], struct yc_err *err);

struct yc_ticket {
	int64_t id;
	char number[16];
	char category[16];
	char category_name[32];
	int priority;
	int appointment;          /* checked in from an appointment */
	char status[16];
	char issued_at[20];
	char called_at[20];
	char station[64];
	int recalls;
	char item[128];
	int64_t item_id;          /* 0 when the guidance desk named no item */
	char note[128];
	char held_at[20];         /* "" unless on hold (the person stepped away) */
};

/* The ticket this station is serving now: 0 found, 1 none, -1 error. */
int store_queue_current(struct yc_store *st, const char *site_code, const char *station,
			struct yc_ticket *t, struct yc_err *err);

/* Finish the ticket this station is serving (if any) and call the next
 * one of the category: green channel first, then appointments, then
 * arrival order. 0 called, 1 nobody waiting, -1 error. */
int store_queue_call_next(struct yc_store *st, const char *site_code, const char *category,
			  const char *station, int64_t user_id, struct yc_ticket *t,
			  struct yc_err *err);

/* QUEUE_HOLD: the person stepped away (a copy to make); the ticket stays
 * this window's, on hold, and the window may call the next. */
enum yc_queue_action { QUEUE_RECALL, QUEUE_NO_SHOW, QUEUE_DONE, QUEUE_HOLD };

/* A window holds at most this many tickets at once: one more is refused
 * until one of them is taken up again or finished. */
#define STORE_QUEUE_MAX_HELD 9

/* Act on the ticket this station called; YC_ECONFLICT when another
 * station has taken it meanwhile, YC_EINVAL when the window already
 * holds STORE_QUEUE_MAX_HELD tickets. */
int store_queue_act(struct yc_store *st, int64_t ticket_id, const char *station,
		    enum yc_queue_action action, int64_t user_id, struct yc_err *err);

/* The tickets this window holds today, the longest held first (at most
 * STORE_QUEUE_MAX_HELD). */
int store_queue_held(struct yc_store *st, const char *site_code, const char *station,
		     struct yc_ticket rows[STORE_QUEUE_MAX_HELD], int *n, struct yc_err *err);

/* Finish the ticket this station is serving (if any) and call this one:
 * a ticket waiting today at the site (a number picked from the list), or
 * one this window holds. YC_ECONFLICT when it is neither any more. */
int store_queue_call_this(struct yc_store *st, const char *site_code, const char *station, int64_t user_id,
			  int64_t ticket_id, struct yc_ticket *t, struct yc_err *err);

/* Send the ticket this station called to another window category, with a
 * note; the person keeps their place (a new ticket with priority). */
int store_queue_transfer(struct yc_store *st, int64_t ticket_id, const char *station,
			 const char *to_category, const char *note, int64_t user_id,
			 char new_number[16], struct yc_err *err);

/* Today's waiting tickets of a category, in calling order: a page after
 * (forward) or before the anchor (NULL: from the start or the end), in
 * display order; the count counts them all. */
int store_queue_waiting(struct yc_store *st, const char *site_code, const char *category,
			const struct yc_ticket *anchor, int forward, struct yc_ticket *rows, int max, int *n,
			struct yc_err *err);
int store_queue_waiting_count(struct yc_store *st, const char *site_code, const char *category, long *total,
			      struct yc_err *err);

/* The hall board's line for a window category with tickets today. */
struct yc_queue_board_row {
	char prefix[4];               /* the ticket letter: A */
	char category[16];
	char name[32];
	char serving[16];             /* the number called last, "" none yet */
	int64_t waiting;
	double service_seconds;       /* today's average, 0 when none finished */
	int windows;                  /* windows that called it in the last hour */
	int estimate_minutes;         /* the wait of one taking a ticket now; -1 unknown */
};

/* Every category with tickets today at the site, by ticket letter (at
 * most max: the categories are the few of window_categories). */
int store_queue_board(struct yc_store *st, const char *site_code, struct yc_queue_board_row *rows, int max,
		      int *n, struct yc_err *err);

/* The wait of one taking a ticket now: the tickets ahead shared among the
 * windows serving the category (at least one), each taking today's
 * average service time; whole minutes rounded up, at least 1; 0 when
 * nobody waits, -1 when nobody was served yet today. */
int queue_estimated_wait_minutes(long waiting, double service_seconds, int windows);

/* Today's most recently called tickets at the site, newest first (the
 * hall board). */
int store_queue_recent_calls(struct yc_store *st, const char *site_code, struct yc_ticket *rows,
			     int max, int *n, struct yc_err *err);

struct yc_category {
	char code[16];
	char name[32];
	char prefix[8];
};

int store_categories(struct yc_store *st, struct yc_category *rows, int max, int *n,
		     struct yc_err *err);

/* Overview for the main menu ----------------------------------------------- */

struct yc_overview {
	long tickets_waiting;
	long cases_open;
	long cases_overdue;
	long slips_waiting;
	long results_waiting;
	long items;
};

/* The site's (site_code; "" every site's): its tickets waiting today, the
 * cases made there open and overdue, their slips and results waiting. */
int store_overview(struct yc_store *st, const char *site_code, const char *today, struct yc_overview *ov,
		   struct yc_err *err);

/* Counts used by tests and `check`. */
int store_count(struct yc_store *st, const char *table, long *n, struct yc_err *err);

#endif
