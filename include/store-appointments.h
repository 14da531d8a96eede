/* store-appointments.h - appointments (预约): booking, check-in, moving, reminders (store-appointments.c). */
#ifndef YC_STORE_APPOINTMENTS_H
#define YC_STORE_APPOINTMENTS_H

#include <stdint.h>

#include "store.h"

/* Appointments (预约) ------------------------------------------------------ */

struct yc_appointment {
	int64_t id;
	char day[11];
	char slot[6];
	int64_t item_id;
	char item[128];
	char name[64];
	char phone[24];
	char status[12];
};

/* How many appointments each slot of a day already has, and how many a
 * slot takes (the hall's policy). */
int store_appointment_counts(struct yc_store *st, const char *site_code, const char *day,
			     const char *const *slots, int n_slots, int *counts, int *capacity, struct yc_err *err);

/* The hall's appointment slots, mornings, in order; NULL-terminated. */
extern const char *const store_appointment_slots[];
#define STORE_APPOINTMENT_SLOTS 6

/* Book a slot; YC_ECONFLICT when it is full: it takes as many people as
 * the hall's policy appointments.per_slot says (policy.h). */
int store_appointment_book(struct yc_store *st, const char *site_code, const char *day,
			   const char *slot, int64_t item_id, const char *name,
			   const char *phone, int64_t user_id, int64_t *id, struct yc_err *err);

/* Booked appointments from day on whose phone or name contains who (at
 * least two characters), soonest first: at most max, *more set when
 * there are others (the clerk types more of the number). */
int store_appointments_find(struct yc_store *st, const char *site_code, const char *day, const char *who,
			    struct yc_appointment *rows, int max, int *n, int *more, struct yc_err *err);

/* Cancel a booked appointment: its place is free again. YC_ECONFLICT
 * when it is no longer booked (checked in or cancelled meanwhile). */
int store_appointment_cancel(struct yc_store *st, const char *site_code, int64_t id, int64_t user_id,
			     struct yc_err *err);

struct doc_hall;

/* Move a booked appointment to another day and slot: a day the hall
 * takes appointments on (its calendar), today or later, a slot with room
 * (policy); the person is told by SMS (the outbox) when a phone is known.
 * YC_EINVAL for a day or slot not taken, YC_ECONFLICT when full or no
 * longer booked. */
int store_appointment_move(struct yc_store *st, const char *site_code, int64_t id, const char *day,
			   const char *slot, int64_t user_id, const struct doc_hall *hall, struct yc_err *err);

/* The day-before reminder: every appointment booked for the next day the
 * hall takes appointments on after today, with a phone and not reminded
 * yet, gets its SMS queued (once: a second run the same day sends none).
 * How many were queued in *sent, and that day in day. */
int store_appointments_remind(struct yc_store *st, const char *site_code, const struct doc_hall *hall,
			      int *sent, char day[11], struct yc_err *err);

/* The day's appointments not yet checked in, by slot: a page after (or
 * before) the anchor (NULL: from the start or the end), and how many. */
int store_appointments_open_page(struct yc_store *st, const char *site_code, const char *day,
				 const struct yc_appointment *anchor, int forward, struct yc_appointment *rows, int max,
				 int *n, struct yc_err *err);
int store_appointments_open_count(struct yc_store *st, const char *site_code, const char *day, long *count,
				  struct yc_err *err);

/* Check in: a ticket for the item's window, called before walk-ins. */
int store_appointment_check_in(struct yc_store *st, const char *site_code, int64_t appointment_id,
			       int64_t user_id, char number[16], struct yc_err *err);

#endif
