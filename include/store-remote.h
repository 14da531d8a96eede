/* store-remote.h - the cross-region window (异地通办): an application taken
 * here for a department of another region (跨省通办, 呼包鄂乌互办互认,
 * 全市通办). The home department confirms before it is accepted (or
 * refuses, with the reason); the materials are forwarded, the paper by
 * mail with a tracking number when the home department keeps it; the
 * result comes back; the applicant collects here or at home.
 *
 *   asking -> confirmed | refused;  confirmed -> forwarded -> result_received -> delivered
 *
 * Nothing else is allowed. Every change is one transaction, checked for
 * the role (PERM_SPECIAL) and, inside the transaction, against the state
 * and the version the clerk saw, with one event (entity "remote"). */
#ifndef YC_STORE_REMOTE_H
#define YC_STORE_REMOTE_H

#include <stdint.h>

#include "intake.h"
#include "store-users.h"
#include "store.h"

/* What the clerk types to start a request. */
struct yc_remote_new {
	const char *kind;                  /* inter_province, hbeu or city */
	/* "outgoing" (NULL too): taken here for another region's home
	 * department; "incoming": taken at another region's hall for a
	 * department of ours, the home_* fields then naming that hall */
	const char *direction;
	int64_t item_id;                   /* the service item applied for */
	/* kind ("person" or "organisation"), name, id_number (ID card or
	 * unified social credit code), phone; legal_rep for an organisation;
	 * address optional; the agent fields are not used. The same ID number
	 * is the same applicant: the latest name and phone win. */
	struct intake_applicant applicant;
	const char *home_region;           /* e.g. 呼和浩特市赛罕区 */
	const char *home_department;       /* the department that decides */
	const char *home_site;             /* its service hall */
	const char *site_code;             /* the window's site (ours); NULL the hall's */
};

/* One request as lists and details show it. */
struct yc_remote_row {
	int64_t id;
	char kind[16];
	char status[16];
	int version;                       /* hand it back with each move */
	int64_t item_id;
	char item_code[24];
	char item[128];
	char applicant_kind[16];
	char applicant[128];
	char id_masked[32];                /* "1506**********0027" */
	char phone_masked[32];
	char home_region[128];
	char home_department[128];
	char home_site[128];
	char confirmed_by[64];             /* the home department's person, as they said */
	char confirmed_at[20];
	char refusal_reason[512];
	int paper_by_mail;
	char tracking[64];
	char forwarded_at[20];
	char result_note[512];
	char result_at[20];
	char collect_at[8];                /* here, home, or "" */
	char delivered_at[20];
	char created_by[64];               /* the clerk's full name */
	char created_at[20];
	int closed;                        /* refused or delivered: the list's order */
	int64_t sort_id;                   /* the list's order: the id, negative when closed */
	char direction[12];                /* outgoing or incoming */
	char case_number[24];              /* the case accepted here (F6 at intake), "" none yet */
	int case_decided;                  /* that case has its department's decision */
};

enum yc_remote_move { REMOTE_CONFIRM, REMOTE_REFUSE, REMOTE_FORWARD, REMOTE_RESULT, REMOTE_DELIVER };

/* Translated labels for people; the code itself when unknown. */
const char *store_remote_kind_label(const char *kind);
const char *store_remote_status_label(const char *status);
const char *store_remote_collect_label(const char *where);
/* 1 while the request still needs something done (not refused, not delivered). */
int store_remote_open(const char *status);

/* Whether the move may be made from status: 0, or -1 with err YC_EINVAL
 * naming the state. Pure: the screen asks before prompting, the store
 * asks again inside the transaction. */
int store_remote_may(const char *status, enum yc_remote_move move, struct yc_err *err);
/* The same for a request as it stands: its direction (an incoming one
 * sends the result back once its case here is decided, and forwards
 * nothing), and whether it is a case yet (an outgoing one is forwarded
 * only then). */
int store_remote_may_now(const struct yc_remote_row *r, enum yc_remote_move move, struct yc_err *err);

/* A new request, waiting for the home department's confirmation. The
 * applicant's details are checked (ID card number or credit code with its
 * check character, phone) before anything is written. */
int store_remote_create(struct yc_store *st, const struct yc_user *u, const struct yc_remote_new *r,
			int64_t *id, struct yc_err *err);

/* Requests of one status ("" or NULL: all, the open ones first, oldest
 * first; then refused and delivered ones, newest first): a page after
 * (forward) or before the anchor (NULL: from the start or the end), in
 * display order. An unknown status is YC_EINVAL. Only the requests taken
 * at the site site_code (the window's own; "" every site's). */
int store_remote_page(struct yc_store *st, const char *site_code, const char *status,
		      const struct yc_remote_row *anchor, int forward, struct yc_remote_row *rows, int max, int *n,
		      struct yc_err *err);
/* How many requests of that status there are, and how many open in all
 * (of the site, as above). */
int store_remote_count(struct yc_store *st, const char *site_code, const char *status, long *all, long *open,
		       struct yc_err *err);

/* One request; -1 with YC_EINVAL when there is no such request. */
int store_remote_get(struct yc_store *st, int64_t id, struct yc_remote_row *row, struct yc_err *err);

/* The moves. version is the one the clerk saw (yc_remote_row.version):
 * YC_ECONFLICT when another window changed the request meanwhile,
 * YC_EINVAL when the move is not allowed in its state, YC_EDENIED for a
 * role without PERM_SPECIAL. */

/* The home department confirmed: who said so (confirmed_at is now). */
int store_remote_confirm(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 const char *who, struct yc_err *err);
/* The home department refused, with its reason (required). */
int store_remote_refuse(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *reason, struct yc_err *err);
/* The materials were forwarded electronically; with paper_by_mail the
 * paper went by mail too, and the tracking number is required. */
int store_remote_forward(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 int paper_by_mail, const char *tracking, struct yc_err *err);
/* The result came back, with a note (the outcome, a document number):
 * granted, or refused by the home department (a request taken here: its
 * case is then approved or not approved). For an incoming request, the
 * result sent back (its case was decided here). */
int store_remote_result(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			const char *note, struct yc_err *err);
int store_remote_result_refused(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
				const char *note, struct yc_err *err);
/* The result was delivered; collect_at is "here" or "home". */
int store_remote_deliver(struct yc_store *st, const struct yc_user *u, int64_t id, int version,
			 const char *collect_at, struct yc_err *err);

#endif
