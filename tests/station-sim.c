/* station-sim - one window station's day, headless, for the many-station
 * tests: for SECONDS it repeats the whole life of a case through the real
 * store layer, as the windows do it: a ticket, the intake (a new applicant
 * accepted), the slip handed to the department, the decision, the result
 * handed to the pickup window, the completion notice, the collection.
 *
 *   station-sim DB LOCKING STATION SECONDS OUT [STALE_SECONDS]
 *
 * OUT gets one line per finished case ("case NUMBER"), one per error
 * ("error CODE MESSAGE") and a last line "done CASES OPS ERRORS WORST_MS"
 * (operations done, the slowest one in milliseconds, lock waits included).
 * YC_SIM_THINK_MS (default 300) is the most a clerk pauses between two
 * operations; 0 hammers the database without a pause.
 * Exit status 0 unless the database could not be opened. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "intake.h"
#include "store-backoffice.h"
#include "store-catalog.h"
#include "store-intake.h"
#include "store-pickup.h"
#include "store-queue.h"
#include "store-slips.h"
#include "store-users.h"
#include "store.h"
#include "validate.h"

struct sim {
	struct yc_store *st;
	FILE *out;
	struct yc_user front, review, pickup;
	long ops, errors, worst_ms, started;
	int think_ms;              /* the most a clerk takes between two operations */
	int station;
	unsigned serial;
	char last_id[19];          /* the applicant ID number of the case in hand */
};

static long now_ms(void)
{
	struct timespec t;

	clock_gettime(CLOCK_MONOTONIC, &t);
	return t.tv_sec * 1000L + t.tv_nsec / 1000000L;
}

/* Time one store call (the comma operator takes the start before the
 * call); an error is written down, never hidden. */
#define TIMED(sim, call) ((sim)->started = now_ms(), timed_end((sim), (call), &err))

static int timed_end(struct sim *s, int rc, const struct yc_err *err)
{
	long ms = now_ms() - s->started;

	/* a clerk reads and types between two saves */
	if (s->think_ms > 0)
		usleep((useconds_t)(rand() % s->think_ms) * 1000u);

	s->ops++;
	if (ms > s->worst_ms)
		s->worst_ms = ms;
	if (rc < 0) {
		s->errors++;
		fprintf(s->out, "error %d %s\n", err->code, err->msg);
		fflush(s->out);
	}
	return rc;
}

/* A resident ID number no other station makes: area 150626, a birth date
 * from the station and a serial, the check digit computed. */
static void make_id(struct sim *s, char out[19])
{
	char digits[64];

	s->serial++;
	snprintf(digits, sizeof digits, "150626%04d%02d%02d%03u", 1950 + s->station % 50,
		 1 + (int)(s->serial / 28 % 12), 1 + (int)(s->serial % 28), s->serial % 1000);
	memcpy(out, digits, 17);
	out[17] = yc_id_card_check_char(out);
	out[18] = '\0';
}

static char *render(void *ctx, const struct yc_notice_facts *f)
{
	return strdup(f->notice_number);
}

static int64_t accept_case(struct sim *s, int64_t item, char number[32])
{
	struct yc_outcome_req req = { OUTCOME_ACCEPT, "WSQ", NULL, render, NULL, 0 };
	struct yc_outcome_result r;
	struct intake in;
	struct yc_err err;

	if (TIMED(s, store_intake_start(s->st, item, "2026-11-27", &in, &err)) < 0)
		return 0;
	strcpy(in.a.kind, "person");
	snprintf(in.a.name, sizeof in.a.name, "站%d申请人%u", s->station, s->serial);
	make_id(s, s->last_id);
	snprintf(in.a.id_number, sizeof in.a.id_number, "%s", s->last_id);
	snprintf(in.a.phone, sizeof in.a.phone, "139%08u", s->station * 100000u + s->serial);
	intake_all_conforming(&in, -1);
	if (TIMED(s, store_intake_commit(s->st, &s->front, &in, &req, &r, &err)) < 0)
		return 0;
	free(r.notice_text);
	snprintf(number, 32, "%s", r.case_number);
	return r.case_id;
}

static int hand_over(struct sim *s, int64_t case_id, const char *direction, const struct yc_user *giver,
		     const struct yc_user *receiver)
{
	struct yc_slip_row rows[8];
	struct yc_err err;
	int n, i;

	if (TIMED(s, store_case_slips(s->st, case_id, rows, 8, &n, &err)) < 0)
		return -1;
	for (i = 0; i < n; i++)
		if (strcmp(rows[i].direction, direction) == 0 && !rows[i].handed_at[0])
			return TIMED(s, store_slip_handover(s->st, giver, receiver, rows[i].id, rows[i].version, &err));
	fprintf(s->out, "error 0 no %s slip for case %lld\n", direction, (long long)case_id);
	s->errors++;
	return -1;
}

/* One case from ticket to collection; 0 when it went all the way. */
static int one_case(struct sim *s, int64_t item)
{
	struct yc_decision approve = { CA_APPROVE, "XK-SIM", NULL, NULL, NULL };
	struct yc_collection self;
	char number[32], ticket[16];
	struct yc_ticket t;
	struct yc_err err;
	int64_t case_id;
	char station[32];

	snprintf(station, sizeof station, "站%d", s->station);
	if (TIMED(s, store_ticket_issue(s->st, "WSQ", "combined", 0, item, 0, s->front.id, ticket, &err)) < 0 ||
	    TIMED(s, store_queue_call_next(s->st, "WSQ", "combined", station, s->front.id, &t, &err)) < 0)
		return -1;
	if (!(case_id = accept_case(s, item, number)))
		return -1;
	if (hand_over(s, case_id, "to_department", &s->front, &s->review) < 0 ||
	    TIMED(s, store_case_decide(s->st, &s->review, case_id, &approve, &err)) < 0 ||
	    hand_over(s, case_id, "to_pickup", &s->review, &s->pickup) < 0 ||
	    TIMED(s, store_pickup_notify(s->st, &s->pickup, case_id, "已办结", &err)) < 0)
		return -1;
	/* the applicant collects, with the ID number the intake recorded */
	self.name = "本人";
	self.id_number = s->last_id;
	self.agent = 0;
	self.authorisation = NULL;
	if (TIMED(s, store_pickup_collect(s->st, &s->pickup, case_id, &self, &err)) < 0)
		return -1;
	fprintf(s->out, "case %s\n", number);
	fflush(s->out);
	return 0;
}

static int64_t item_id(struct yc_store *st, const char *code)
{
	struct yc_item_row row;
	struct yc_err err;
	int n;

	if (store_items_page(st, code, "", 1, &row, 1, &n, &err) < 0 || n != 1)
		return 0;
	return row.id;
}

static int user(struct yc_store *st, const char *login, struct yc_user *u)
{
	struct yc_err err;

	return store_user_get(st, login, u, &err);
}

int main(int argc, char **argv)
{
	struct store_opts o = { NULL, 60000, 60, NULL, 0 };
	struct sim s;
	struct yc_err err;
	long until, cases = 0;
	int64_t item;
	char station[32];

	if (argc != 6 && argc != 7) {
		fprintf(stderr, "usage: station-sim DB LOCKING STATION SECONDS OUT [STALE_SECONDS]\n");
		return 2;
	}
	if (argc == 7)
		o.stale_lock_seconds = atoi(argv[6]);
	memset(&s, 0, sizeof s);
	s.station = atoi(argv[3]);
	snprintf(station, sizeof station, "sim-%d", s.station);
	o.locking = argv[2];
	s.think_ms = getenv("YC_SIM_THINK_MS") ? atoi(getenv("YC_SIM_THINK_MS")) : 300;
	srand((unsigned)getpid());
	o.station = station;
	if (!(s.out = fopen(argv[5], "w")) || auth_init() < 0)
		return 1;
	if (store_open(&s.st, argv[1], &o, &err) < 0) {
		fprintf(s.out, "error %d %s\n", err.code, err.msg);
		return 1;
	}
	if (user(s.st, "intake", &s.front) != 0 || user(s.st, "review", &s.review) != 0 ||
	    user(s.st, "pickup", &s.pickup) != 0) {
		fprintf(s.out, "error 0 the demo users are missing\n");
		return 1;
	}
	/* a food licence: a promised item of the demo reviewer's department */
	if (!(item = item_id(s.st, "SCJG-004"))) {
		fprintf(s.out, "error 0 item SCJG-004 is missing\n");
		return 1;
	}
	until = now_ms() + atol(argv[4]) * 1000L;
	while (now_ms() < until)
		if (one_case(&s, item) == 0)
			cases++;
	fprintf(s.out, "done %ld %ld %ld %ld\n", cases, s.ops, s.errors, s.worst_ms);
	fclose(s.out);
	store_close(s.st);
	return 0;
}
