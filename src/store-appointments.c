/* store-appointments.c - booking and checking in appointments. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "policy.h"
#include "store-internal.h"

struct counts_ctx {
	const char *site_code, *day;
	const char *const *slots;
	int n_slots;
	int *counts;
};

static const char SQL_SLOT_COUNT[] =
	"SELECT count(*) FROM appointments a JOIN sites s ON s.id = a.site_id"
	" WHERE s.code = ?1 AND a.day = ?2 AND a.slot = ?3 AND a.status <> 'cancelled'";

static int slot_count(struct yc_store *st, const char *site, const char *day, const char *slot, int *n)
{
	long count = 0;
	int rc = store_count3(st, SQL_SLOT_COUNT, site, day, slot, &count);

	*n = (int)count;
	return rc;
}

static int counts(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct counts_ctx *c = vctx;
	int i, rc;

	for (i = 0; i < c->n_slots; i++)
		if ((rc = slot_count(st, c->site_code, c->day, c->slots[i], &c->counts[i])) != SQLITE_OK)
			return rc;
	return SQLITE_OK;
}

int store_appointment_counts(struct yc_store *st, const char *site_code, const char *day,
			     const char *const *slots, int n_slots, int *n, struct yc_err *err)
{
	struct counts_ctx c = { site_code, day, slots, n_slots, n };

	return store_run(st, 0, counts, &c, err);
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

static int book(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct book_ctx *c = vctx;
	struct yc_policy policy;
	sqlite3_stmt *s;
	char now[20];
	int taken = 0, rc;

	/* counted inside the write transaction: two desks cannot both take
	 * the last place; how many a slot takes is the hall's policy */
	if ((rc = store_policy_read(st, &policy)) != SQLITE_OK ||
	    (rc = slot_count(st, c->site_code, c->day, c->slot, &taken)) != SQLITE_OK)
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
	sqlite3_bind_text(s, 1, c->site_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->day, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 3, c->slot, -1, SQLITE_STATIC);
	sqlite3_bind_int64(s, 4, c->item_id);
	sqlite3_bind_text(s, 5, c->name, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 6, c->phone, -1, SQLITE_STATIC);
	if (c->user_id > 0)
		sqlite3_bind_int64(s, 7, c->user_id);
	sqlite3_bind_text(s, 8, now, -1, SQLITE_TRANSIENT);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	c->id = sqlite3_last_insert_rowid(st->db);
	return store_event(st, c->user_id, "appointment", c->id, "booked", NULL, c->day);
}

int store_appointment_book(struct yc_store *st, const char *site_code, const char *day,
			   const char *slot, int capacity, int64_t item_id, const char *name,
			   const char *phone, int64_t user_id, int64_t *id, struct yc_err *err)
{
	struct book_ctx c = { site_code, day, slot, item_id, name, phone, user_id, 0 };

	(void)capacity;   /* the hall's policy decides (book) */
	if (!name[0]) {
		yc_err_set(err, YC_EINVAL, "%s", _("Please type the name of the person booking."));
		return -1;
	}
	if (store_run(st, 1, book, &c, err) < 0)
		return -1;
	*id = c.id;
	return 0;
}

struct open_ctx {
	const char *site_code, *day;
	struct yc_appointment *rows;
	int max, n;
};

static const char SQL_OPEN[] =
	"SELECT a.id, a.day, a.slot, a.item_id, i.name, a.name, a.phone, a.status"
	" FROM appointments a JOIN sites s ON s.id = a.site_id JOIN service_items i ON i.id = a.item_id"
	" WHERE s.code = ?1 AND a.day = ?2 AND a.status = 'booked' ORDER BY a.slot, a.id LIMIT ?3";

static int open_list(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct open_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_OPEN);
	int rc;

	if (!s)
		return st->rc;
	c->n = 0;
	sqlite3_bind_text(s, 1, c->site_code, -1, SQLITE_STATIC);
	sqlite3_bind_text(s, 2, c->day, -1, SQLITE_STATIC);
	sqlite3_bind_int(s, 3, c->max);
	while ((rc = sqlite3_step(s)) == SQLITE_ROW && c->n < c->max) {
		struct yc_appointment *a = &c->rows[c->n++];

		a->id = sqlite3_column_int64(s, 0);
		store_col_text(s, 1, a->day, sizeof a->day);
		store_col_text(s, 2, a->slot, sizeof a->slot);
		a->item_id = sqlite3_column_int64(s, 3);
		store_col_text(s, 4, a->item, sizeof a->item);
		store_col_text(s, 5, a->name, sizeof a->name);
		store_col_text(s, 6, a->phone, sizeof a->phone);
		store_col_text(s, 7, a->status, sizeof a->status);
	}
	return rc == SQLITE_ROW || rc == SQLITE_DONE ? SQLITE_OK : rc;
}

int store_appointments_open(struct yc_store *st, const char *site_code, const char *day,
			    struct yc_appointment *rows, int max, int *n, struct yc_err *err)
{
	struct open_ctx c = { site_code, day, rows, max, 0 };

	if (store_run(st, 0, open_list, &c, err) < 0)
		return -1;
	*n = c.n;
	return 0;
}

struct checkin_ctx {
	const char *site_code;
	int64_t id, user_id;
	char *number;
};

static const char SQL_CHECKIN_ITEM[] =
	"SELECT a.item_id, i.window_category FROM appointments a JOIN service_items i ON i.id = a.item_id"
	" WHERE a.id = ?1 AND a.status = 'booked'";
static const char SQL_CHECKIN_MARK[] =
	"UPDATE appointments SET status = 'checked_in',"
	" ticket_id = (SELECT id FROM queue_tickets WHERE appointment_id = ?1 ORDER BY id DESC LIMIT 1)"
	" WHERE id = ?1 AND status = 'booked'";

static int check_in(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct checkin_ctx *c = vctx;
	sqlite3_stmt *s = store_prep(st, SQL_CHECKIN_ITEM);
	char category[16];
	int64_t item;
	int rc;

	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, c->id);
	rc = sqlite3_step(s);
	if (rc == SQLITE_DONE) {
		sqlite3_reset(s);
		yc_err_set(err, YC_ECONFLICT, "%s", _("This appointment has already been checked in."));
		return -1;
	}
	if (rc != SQLITE_ROW)
		return rc;
	item = sqlite3_column_int64(s, 0);
	store_col_text(s, 1, category, sizeof category);
	sqlite3_reset(s);
	rc = store_ticket_insert(st, c->site_code, category, 0, item, c->id, c->user_id, c->number, err);
	if (rc != SQLITE_OK)
		return rc;
	s = store_prep(st, SQL_CHECKIN_MARK);
	if (!s)
		return st->rc;
	sqlite3_bind_int64(s, 1, c->id);
	rc = sqlite3_step(s);
	sqlite3_reset(s);
	if (rc != SQLITE_DONE)
		return rc;
	return store_event(st, c->user_id, "appointment", c->id, "checked_in", NULL, c->number);
}

int store_appointment_check_in(struct yc_store *st, const char *site_code, int64_t appointment_id,
			       int64_t user_id, char number[16], struct yc_err *err)
{
	struct checkin_ctx c = { site_code, appointment_id, user_id, number };

	return store_run(st, 1, check_in, &c, err);
}
