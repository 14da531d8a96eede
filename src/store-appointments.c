/* store-appointments.c - booking and checking in appointments. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "policy.h"
#include "store-appointments.h"
#include "store-internal.h"
#include "store-select.h"

const char *const store_appointment_slots[] = { "09:00", "09:30", "10:00", "10:30", "11:00", "11:30", NULL };

/* An appointment's columns, declared once: APPOINTMENT_ROWS selects them
 * in this order and read_appointment maps them. */
static const struct store_col appointment_cols[] = {
	STORE_COL_INT64(struct yc_appointment, id, "a.id"),
	STORE_COL_TEXT(struct yc_appointment, day, "a.day"),
	STORE_COL_TEXT(struct yc_appointment, slot, "a.slot"),
	STORE_COL_INT64(struct yc_appointment, item_id, "a.item_id"),
	STORE_COL_TEXT(struct yc_appointment, item, "i.name"),
	STORE_COL_TEXT(struct yc_appointment, name, "a.name"),
	STORE_COL_TEXT(struct yc_appointment, phone, "a.phone"),
	STORE_COL_TEXT(struct yc_appointment, status, "a.status"),
};
#define APPOINTMENT_ROWS \
	"SELECT a.id, a.day, a.slot, a.item_id, i.name, a.name, a.phone, a.status" \
	" FROM appointments a JOIN sites s ON s.id = a.site_id JOIN service_items i ON i.id = a.item_id"

static void read_appointment(db_stmt *s, struct yc_appointment *a)
{
	memset(a, 0, sizeof *a);
	store_map_row(s, appointment_cols, (int)YC_ARRAY_LEN(appointment_cols), a);
}

struct counts_ctx {
	const char *site_code, *day;
	const char *const *slots;
	int n_slots;
	int *counts;
	int capacity;
};

/* The people booked in a slot, leaving out one appointment (?4: the one
 * being moved, which is no more in the slot it has than before; 0 none). */
static const char SQL_SLOT_COUNT[] =
	"SELECT count(*) FROM appointments a JOIN sites s ON s.id = a.site_id"
	" WHERE s.code = ?1 AND a.day = ?2 AND a.slot = ?3 AND a.status <> 'cancelled' AND a.id <> ?4";

static int slot_count(struct yc_store *st, const char *site, const char *day, const char *slot, int64_t except_id,
		      int *n)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site), STORE_PARAM_TEXT(day), STORE_PARAM_TEXT(slot),
				   STORE_PARAM_INT(except_id) };
	long count = 0;
	int rc = store_count_tx(st, SQL_SLOT_COUNT, p, 4, &count);

	*n = (int)count;
	return rc;
}

static int appointments_tx_counts(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct counts_ctx *c = vctx;
	struct yc_policy policy;
	int i, rc;

	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK)
		return rc;
	c->capacity = policy.appointments_per_slot;
	for (i = 0; i < c->n_slots; i++)
		if ((rc = slot_count(st, c->site_code, c->day, c->slots[i], 0, &c->counts[i])) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

int store_appointment_counts(struct yc_store *st, const char *site_code, const char *day,
			     const char *const *slots, int n_slots, int *n, int *capacity, struct yc_err *err)
{
	struct counts_ctx c = { site_code, day, slots, n_slots, n, 0 };

	if (store_run(st, 0, appointments_tx_counts, &c, err) < 0)
		return -1;
	*capacity = c.capacity;
	return 0;
}

struct book_ctx {
	const char *site_code, *day, *slot;
	int64_t item_id;
	const char *name, *phone;
	int64_t user_id;
	int64_t id;
};

static const char SQL_BOOK[] =
	"INSERT INTO appointments(site_id, day, slot, item_id, name, phone, booked_by, booked_at)"
	" VALUES ((SELECT id FROM sites WHERE code = ?1), ?2, ?3, ?4, ?5, ?6, ?7, ?8)";

/* A slot that has begun today takes nobody any more. */
static int slot_begun(const char *day, const char *slot, struct yc_err *err)
{
	char today[11], now[20];

	yc_today(today);
	yc_now(now);
	if (strcmp(day, today) == 0 && strcmp(slot, now + 11) <= 0) {
		yc_err_set(err, YC_EINVAL, _("The %s slot today has begun; please choose a later one."), slot);
		return 1;
	}
	return 0;
}

static int bookable_day(struct yc_store *st, const char *day, struct yc_err *err);

static int book(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct book_ctx *c = vctx;
	struct yc_policy policy;
	db_stmt *s;
	char now[20];
	int taken = 0, rc;

	/* counted inside the write transaction: two desks cannot both take
	 * the last place; how many a slot takes is the hall's policy */
	if (slot_begun(c->day, c->slot, err))
		return -1;
	if ((rc = bookable_day(st, c->day, err)) != SQLITE_OK || (rc = store_policy_read(st, &policy)) != SQLITE_OK ||
	    (rc = slot_count(st, c->site_code, c->day, c->slot, 0, &taken)) != SQLITE_OK)
		return rc;
	if (taken >= policy.appointments_per_slot) {
		yc_err_set(err, YC_ECONFLICT, _("The %s slot on %s is fully booked; please choose another."),
			   c->slot, c->day);
		return -1;
	}
	s = store_prep(st, SQL_BOOK);
	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_text(s, 1, c->site_code);
	db_bind_text(s, 2, c->day);
	db_bind_text(s, 3, c->slot);
	db_bind_int64(s, 4, c->item_id);
	db_bind_text(s, 5, c->name);
	db_bind_text(s, 6, c->phone);
	if (c->user_id > 0)
		db_bind_int64(s, 7, c->user_id);
	db_bind_text_copy(s, 8, now);
	rc = db_step(s);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	c->id = store_last_id(st);
	return store_event(st, c->user_id, "appointment", c->id, "booked", NULL, c->day);
}

int store_appointment_book(struct yc_store *st, const char *site_code, const char *day,
			   const char *slot, int64_t item_id, const char *name,
			   const char *phone, int64_t user_id, int64_t *id, struct yc_err *err)
{
	struct book_ctx c = { site_code, day, slot, item_id, name, phone, user_id, 0 };

	if (!name[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the name of the person booking."));
		return -1;
	}
	if (store_run(st, 1, book, &c, err) < 0)
		return -1;
	*id = c.id;
	return 0;
}

/* A day's bookings not yet checked in, by slot. */
static struct store_list open_list = {
	STORE_ROWS(struct yc_appointment, appointment_cols),
	.from = "FROM appointments a JOIN sites s ON s.id = a.site_id JOIN service_items i ON i.id = a.item_id",
	.where = "s.code = ?1 AND a.day = ?2 AND a.status = 'booked'",
	.n_params = 2,
	.key = { { 2, 0 }, { 0, 0 } }, .n_key = 2,   /* slot, id */
};

int store_appointments_open_page(struct yc_store *st, const char *site_code, const char *day,
				 const struct yc_appointment *anchor, int forward, struct yc_appointment *rows, int max,
				 int *n, struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site_code), STORE_PARAM_TEXT(day) };

	return store_list_page(st, &open_list, p, anchor, forward, rows, max, n, err);
}

int store_appointments_open_count(struct yc_store *st, const char *site_code, const char *day, long *count,
				  struct yc_err *err)
{
	struct store_param p[] = { STORE_PARAM_TEXT(site_code), STORE_PARAM_TEXT(day) };

	return store_list_count(st, &open_list, p, count, err);
}

struct checkin_ctx {
	const char *site_code;
	int64_t id, user_id;
	char *number;
};

static const char SQL_CHECKIN_ITEM[] =
	"SELECT a.item_id, i.window_category FROM appointments a JOIN service_items i ON i.id = a.item_id"
	" JOIN sites s ON s.id = a.site_id WHERE a.id = ?1 AND a.status = 'booked' AND a.day = ?2 AND s.code = ?3";
static const char SQL_CHECKIN_MARK[] =
	"UPDATE appointments SET status = 'checked_in',"
	" ticket_id = (SELECT id FROM queue_tickets WHERE appointment_id = ?1 ORDER BY id DESC LIMIT 1)"
	" WHERE id = ?1 AND status = 'booked'";

static int appointments_tx_check_in(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct checkin_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_CHECKIN_ITEM);
	char category[16];
	int64_t item;
	int rc;

	char today[11];

	if (!s)
		return st->rc;
	yc_today(today);
	db_bind_int64(s, 1, c->id);
	db_bind_text_copy(s, 2, today);
	db_bind_text(s, 3, c->site_code);
	rc = db_step(s);
	if (rc == DB_DONE) {
		db_reset(s);
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This appointment cannot be checked in here today: it was checked in already, or it is for another day or hall."));
		return -1;
	}
	if (rc != DB_ROW)
		return rc;
	item = db_col_int64(s, 0);
	store_col_text(s, 1, category, sizeof category);
	db_reset(s);
	rc = store_ticket_insert(st, c->site_code, category, 0, item, c->id, c->user_id, c->number, err);
	if (rc != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_CHECKIN_MARK);
	if (!s)
		return st->rc;
	db_bind_int64(s, 1, c->id);
	rc = db_step(s);
	db_reset(s);
	if (rc != DB_DONE)
		return rc;
	return store_event(st, c->user_id, "appointment", c->id, "checked_in", NULL, c->number);
}

int store_appointment_check_in(struct yc_store *st, const char *site_code, int64_t appointment_id,
			       int64_t user_id, char number[16], struct yc_err *err)
{
	struct checkin_ctx c = { site_code, appointment_id, user_id, number };

	return store_run(st, 1, appointments_tx_check_in, &c, err);
}

/* Finding, cancelling, moving ------------------------------------------------ */

static const char SQL_FIND[] =
	APPOINTMENT_ROWS
	" WHERE s.code = ?1 AND a.day >= ?2 AND a.status = 'booked'"
	" AND (instr(a.phone, ?3) > 0 OR instr(a.name, ?3) > 0) ORDER BY a.day, a.slot, a.id LIMIT ?4";

struct find_ctx {
	const char *site_code, *day, *who;
	struct yc_appointment *rows;
	int max, n, more;
};

static int appointments_tx_find(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct find_ctx *c = vctx;
	db_stmt *s = store_prep(st, SQL_FIND);
	int rc;

	(void)err;
	if (!s)
		return st->rc;
	c->n = c->more = 0;
	db_bind_text(s, 1, c->site_code);
	db_bind_text(s, 2, c->day);
	db_bind_text(s, 3, c->who);
	db_bind_int(s, 4, c->max + 1);   /* one more: are there others? */
	while ((rc = db_step(s)) == DB_ROW) {
		if (c->n == c->max) {
			c->more = 1;
			continue;
		}
		read_appointment(s, &c->rows[c->n++]);
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

/* Characters, not bytes: one Chinese character is three. */
static size_t utf8_characters(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xc0) != 0x80;
	return n;
}

int store_appointments_find(struct yc_store *st, const char *site_code, const char *day, const char *who,
			    struct yc_appointment *rows, int max, int *n, int *more, struct yc_err *err)
{
	struct find_ctx c = { site_code, day, who, rows, max, 0, 0 };

	*n = *more = 0;
	if (yc_blank(who) || utf8_characters(who) < 2) {
		yc_err_set(err, YC_EINVAL, "%s", _("Type at least two characters of the phone number or the name."));
		return -1;
	}
	if (store_run(st, 0, appointments_tx_find, &c, err) < 0)
		return -1;
	*n = c.n;
	*more = c.more;
	return 0;
}

static const char SQL_ONE[] =
	APPOINTMENT_ROWS
	" WHERE s.code = ?1 AND a.id = ?2";
static const char SQL_CANCEL[] = "UPDATE appointments SET status = 'cancelled' WHERE id = ?1 AND status = 'booked'";
static const char SQL_MOVE[] =
	"UPDATE appointments SET moved_from = day || ' ' || slot, day = ?2, slot = ?3, reminded_at = NULL"
	" WHERE id = ?1 AND status = 'booked'";
static const char SQL_QUEUE_SMS[] =
	"INSERT INTO notifications(case_id, phone, message, created_at, kind) VALUES (NULL, ?1, ?2, ?3, 'appointment')";

struct change_ctx {
	const char *site_code;
	int64_t id, user_id;
	const char *day, *slot;
	const struct doc_hall *hall;
	struct yc_appointment a;
};

/* The appointment as it is now, which must still be booked. */
static int still_booked(struct yc_store *st, struct change_ctx *c, struct yc_err *err)
{
	db_stmt *s = store_prep(st, SQL_ONE);
	int rc;

	if (!s)
		return st->rc;
	db_bind_text(s, 1, c->site_code);
	db_bind_int64(s, 2, c->id);
	rc = db_step(s);
	if (rc == DB_ROW)
		read_appointment(s, &c->a);
	db_reset(s);
	if (rc != DB_ROW && rc != DB_DONE)
		return rc;
	if (rc == DB_DONE || strcmp(c->a.status, "booked") != 0) {
		yc_err_set(err, YC_ECONFLICT, "%s",
			   _("This appointment is no longer booked: it was checked in or cancelled meanwhile."));
		return -1;
	}
	return SQLITE_OK;
}

static int cancel(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct change_ctx *c = vctx;
	int rc;

	if ((rc = still_booked(st, c, err)) != SQLITE_OK ||
	    (rc = store_exec_id_text(st, SQL_CANCEL, c->id, NULL)) != SQLITE_OK)
		return rc;
	return store_event(st, c->user_id, "appointment", c->id, "cancelled", "booked", NULL);
}

int store_appointment_cancel(struct yc_store *st, const char *site_code, int64_t id, int64_t user_id,
			     struct yc_err *err)
{
	struct change_ctx c = { site_code, id, user_id, NULL, NULL, NULL, { 0 } };

	return store_run(st, 1, cancel, &c, err);
}

static int appointments_tx_queue_sms(struct yc_store *st, const char *phone, const char *text)
{
	db_stmt *s = store_prep(st, SQL_QUEUE_SMS);
	char now[20];

	if (!s)
		return st->rc;
	yc_now(now);
	db_bind_text(s, 1, phone);
	db_bind_text(s, 2, text);
	db_bind_text_copy(s, 3, now);
	return store_step_done(s);
}

static int known_slot(const char *slot)
{
	int i;

	for (i = 0; store_appointment_slots[i]; i++)
		if (strcmp(store_appointment_slots[i], slot) == 0)
			return 1;
	return 0;
}

/* A day the hall takes appointments on, from today on, on its calendar
 * as the database has it. */
static int bookable_day(struct yc_store *st, const char *day, struct yc_err *err)
{
	struct yc_calendar cal;
	char today[11];
	yc_date d, t;
	int rc, ok;

	yc_today(today);
	if (date_parse(day, &d) != 0 || date_parse(today, &t) != 0) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not a date; type it as 2026-12-01."), day);
		return -1;
	}
	cal_init(&cal);
	if ((rc = store_calendar_read(st, &cal)) != SQLITE_OK) {
		cal_free(&cal);
		return rc;
	}
	ok = d >= t && cal_known(&cal, d) && cal_appointment_day(&cal, d);
	cal_free(&cal);
	if (!ok) {
		yc_err_set(err, YC_EINVAL, _("The hall takes no appointments on %s (past, a Sunday or a public holiday, or beyond the holidays imported)."),
			   day);
		return -1;
	}
	return SQLITE_OK;
}

static int appointments_tx_move(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct change_ctx *c = vctx;
	struct yc_policy policy;
	db_stmt *s;
	char from[20], *text;
	int taken = 0, rc;

	if ((rc = still_booked(st, c, err)) != SQLITE_OK)
		return rc;
	if (slot_begun(c->day, c->slot, err))
		return -1;
	if ((rc = bookable_day(st, c->day, err)) != SQLITE_OK || (rc = store_policy_read(st, &policy)) != SQLITE_OK ||
	    (rc = slot_count(st, c->site_code, c->day, c->slot, c->id, &taken)) != SQLITE_OK)
		return rc;
	if (taken >= policy.appointments_per_slot) {
		yc_err_set(err, YC_ECONFLICT, _("The %s slot on %s is fully booked; please choose another."), c->slot, c->day);
		return -1;
	}
	if (!(s = store_prep(st, SQL_MOVE)))
		return st->rc;
	db_bind_int64(s, 1, c->id);
	db_bind_text(s, 2, c->day);
	db_bind_text(s, 3, c->slot);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(from, sizeof from, "%s %s", c->a.day, c->a.slot);
	if (c->a.phone[0]) {
		struct doc_appointment_sms f = { c->a.name, c->a.item, c->day, c->slot };

		if (!(text = doc_appointment_moved_sms(c->hall, &f)))
			return SQLITE_NOMEM;
		rc = appointments_tx_queue_sms(st, c->a.phone, text);
		free(text);
		if (rc != SQLITE_OK)
			return rc;
	}
	return store_event(st, c->user_id, "appointment", c->id, "moved", from, c->day);
}

int store_appointment_move(struct yc_store *st, const char *site_code, int64_t id, const char *day,
			   const char *slot, int64_t user_id, const struct doc_hall *hall, struct yc_err *err)
{
	struct change_ctx c = { site_code, id, user_id, day, slot, hall, { 0 } };

	if (!known_slot(slot)) {
		yc_err_set(err, YC_EINVAL, _("'%s' is not one of the hall's appointment slots."), slot);
		return -1;
	}
	return store_run(st, 1, appointments_tx_move, &c, err);
}

/* The day-before reminder ------------------------------------------------------ */

static const char SQL_DUE[] =
	APPOINTMENT_ROWS
	" WHERE s.code = ?1 AND a.day = ?2 AND a.status = 'booked' AND a.reminded_at IS NULL AND a.phone <> ''"
	" ORDER BY a.id LIMIT 1";
static const char SQL_REMINDED[] = "UPDATE appointments SET reminded_at = ?2 WHERE id = ?1";

struct remind_ctx {
	const char *site_code;
	const struct doc_hall *hall;
	char day[11];
	int sent;
};

/* The next day after today that takes appointments (the calendar in the
 * database); "" when the calendar ends first. */
static int next_appointment_day(struct yc_store *st, char day[11])
{
	struct yc_calendar cal;
	char today[11];
	yc_date d;
	int rc, i;

	day[0] = '\0';
	yc_today(today);
	if (date_parse(today, &d) != 0)
		return SQLITE_INTERNAL;
	cal_init(&cal);
	if ((rc = store_calendar_read(st, &cal)) == SQLITE_OK)
		for (i = 0; i < 31 && cal_known(&cal, ++d); i++)
			if (cal_appointment_day(&cal, d)) {
				date_format(d, day);
				break;
			}
	cal_free(&cal);
	return rc;
}

/* One appointment at a time: each is marked as it is queued, so that no
 * list has to be held and a run stopped half-way leaves no one twice. */
static int appointments_tx_remind(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct remind_ctx *c = vctx;
	struct yc_appointment a;
	db_stmt *s;
	char now[20], *text;
	int rc;

	(void)err;
	c->sent = 0;
	if ((rc = next_appointment_day(st, c->day)) != SQLITE_OK || !c->day[0])
		return rc;
	yc_now(now);
	for (;;) {
		if (!(s = store_prep(st, SQL_DUE)))
			return st->rc;
		db_bind_text(s, 1, c->site_code);
		db_bind_text(s, 2, c->day);
		rc = db_step(s);
		if (rc == DB_ROW)
			read_appointment(s, &a);
		db_reset(s);
		if (rc == DB_DONE)
			break;
		if (rc != DB_ROW)
			return rc;
		{
			struct doc_appointment_sms f = { a.name, a.item, a.day, a.slot };

			if (!(text = doc_appointment_reminder_sms(c->hall, &f)))
				return SQLITE_NOMEM;
		}
		rc = appointments_tx_queue_sms(st, a.phone, text);
		free(text);
		if (rc != SQLITE_OK || (rc = store_exec_id_text(st, SQL_REMINDED, a.id, now)) != SQLITE_OK ||
		    (rc = store_event(st, 0, "appointment", a.id, "reminded", NULL, a.day)) != SQLITE_OK)
			return rc;
		c->sent++;
	}
	return SQLITE_OK;
}

int store_appointments_remind(struct yc_store *st, const char *site_code, const struct doc_hall *hall,
			      int *sent, char day[11], struct yc_err *err)
{
	struct remind_ctx c = { site_code, hall, "", 0 };

	*sent = 0;
	day[0] = '\0';
	if (store_run(st, 1, appointments_tx_remind, &c, err) < 0)
		return -1;
	*sent = c.sent;
	yc_strlcpy(day, c.day, 11);
	return 0;
}
