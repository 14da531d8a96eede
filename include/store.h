/* store.h - the shared SQLite database. All SQL lives behind this header.
 *
 * The database usually sits on a network share used by every window PC, so:
 * every access is one short transaction (BEGIN IMMEDIATE for writes), never
 * held while a screen waits for a key; a busy database is retried with
 * backoff while the UI says so; failures come back as yc_err in words a
 * clerk understands. */
#ifndef YC_STORE_H
#define YC_STORE_H

#include <stdint.h>

#include "yc.h"
#include "calendar.h"
#include "assess.h"
#include "case-flow.h"
#include "intake.h"

struct yc_store;

/* Who reads the store's error messages: they say what that reader can do
 * (only a screen keeps what was typed; the administrator is not told to
 * ask the administrator). */
enum store_audience {
	STORE_FOR_CLERK = 0,          /* the screens */
	STORE_FOR_COMMAND,            /* a command run by anybody: ticket, import ... */
	STORE_FOR_ADMIN               /* the administrator's tools: check, backup, set-up */
};

struct store_opts {
	const char *locking;          /* "unix" or "unix-dotfile" */
	int busy_timeout_ms;
	int stale_lock_seconds;
	const char *station;          /* recorded in the event log */
	int no_presence;              /* admin tools: do not count as a station */
};

/* Who reads this program's store errors from now on (default: a clerk). */
void store_set_audience(enum store_audience audience);

/* The schema version this program writes. */
int store_schema_version(void);

/* Open an existing database; migrates an older schema forward, refuses a
 * newer one. */
int store_open(struct yc_store **out, const char *path, const struct store_opts *o,
	       struct yc_err *err);
void store_close(struct yc_store *st);
const char *store_path(const struct yc_store *st);

struct store_site {
	const char *code, *name, *level;
};

/* Create a new database file (refuses to overwrite): schema, window
 * categories, the calendar, the catalogue; with demo also demo users
 * (password "demo") and sample cases. Without demo an 'admin' account is
 * made with the given initial password, to be changed at first login. */
int store_create(const char *path, const struct store_site *site, int demo,
		 const char *admin_password, const char *holidays_text, struct yc_err *err);

/* Administration ------------------------------------------------------------ */

/* One line of a check or recovery report; ok 0 marks a problem. */
typedef void (*store_report)(void *ctx, int ok, const char *line);

/* Integrity, foreign keys, schema version, the name search, the triggers,
 * the event log's chain and keys, the sealed records against their seals
 * and the log, and this PC's heads of the log (store-audit.c).
 * Returns the number of problems found (0: all is well), -1 when the
 * database could not be read at all. */
int store_check(struct yc_store *st, store_report report, void *ctx, struct yc_err *err);

/* The name search's table (case_names) built again from the cases, for a
 * check that found it out of step. Returns its entries, -1 on failure
 * (the old table then stays). */
long store_reindex(struct yc_store *st, struct yc_err *err);

/* The way out of a stale lock (a station died while saving): waits while a
 * station's presence mark is fresh (renewed within 45 s) and refuses as
 * soon as one is renewed; takes the lock over (so that no station comes
 * in meanwhile), lets SQLite roll back the hot journal with plain POSIX
 * locking (Debian 12's SQLite does not under unix-dotfile), checks
 * integrity and gives the lock back. 0 when the database is sound
 * afterwards; -1 with err saying what to do otherwise (a journal that could
 * not be undone keeps the lock, so that no station uses the file). */
int store_recover(const char *path, store_report report, void *ctx, struct yc_err *err);

/* A consistent copy of the open database at out (which must not exist),
 * taken through the same locking, written to disk (fsync) and checked
 * before it gets its name. */
int store_backup(struct yc_store *st, const char *out, store_report report, void *ctx,
		 struct yc_err *err);

/* Put a backup back: checked first (a yichuang database, sound, not newer
 * than this program); refused while stations are present; copied in
 * through the configured locking in one transaction. The restored file's
 * event log then says so: from which backup, by whom (actor, as the
 * event's station), and which events of the file it dropped. */
/* An administrative act that changed nothing through the store (recover)
 * written to the event log as the store's station (the tool, its OS user
 * and host). */
int store_note_event(struct yc_store *st, const char *entity, const char *action, const char *detail,
		     struct yc_err *err);

int store_restore(const char *path, const char *locking, const char *backup, const char *actor,
		  store_report report, void *ctx, struct yc_err *err);

/* The event log's key (store-audit.c) ----------------------------------------
 * 32 random bytes in a file on each station's own disk (database.key_file),
 * never in the database. With it a station's events are hashed with the
 * key and the records it changes sealed with it, so that `check` can tell
 * the program's changes from changes made outside it. A station without
 * it works as before; what it saves cannot be verified. */

/* Load the key this process uses: 1 loaded, 0 no such file, -1 the file
 * is there but cannot be used (err says why). Either way the process works;
 * without a key it seals nothing with one. */
int store_key_load(const char *path, struct yc_err *err);
/* The path last given to store_key_load; the key's id ("" without a key);
 * why a key file that is there is not used ("" when nothing is wrong). */
const char *store_key_path(void);
const char *store_key_id(void);
const char *store_key_problem(void);

/* A new key at path (its folder made if need be), mode 0600; refuses to
 * replace one. key_id gets its id. */
int store_keygen(const char *path, char key_id[9], struct yc_err *err);

/* 1 when the log's recent events are sealed with a key (a station without
 * one should then say so), 0 when not, -1 on error. */
int store_log_keyed(struct yc_store *st, struct yc_err *err);

/* The folder, on this PC's own disk, where each station keeps the last
 * event it saw and saved of each database (check compares them with the
 * log); NULL or "" keeps none. */
void store_heads_dir(const char *dir);

/* Seal every record that has no valid seal, as it is now, and take into
 * the log the records deleted outside it; each such record is listed (an
 * event per 20,000, naming the actor as its station). Needs the key;
 * refused while stations are present. Returns the records sealed. */
int store_seal(struct yc_store *st, store_report report, void *ctx, struct yc_err *err);

/* Called while waiting for a busy database, with the time waited so far,
 * so that the status line can say so. */
void store_set_busy_hook(struct yc_store *st, void (*hook)(void *ctx, int waited_ms), void *ctx);

/* Tell `recover` this station is still here (cheap: a file touch every
 * 15 s at most); store_poll_changes does it too. */
void store_keep_alive(struct yc_store *st);

/* 1 when another station committed since the last call (this station's
 * own commits do not count). Never takes the lock: one 4-byte read of the
 * database header's change counter. */
int store_poll_changes(struct yc_store *st);

/* Users ------------------------------------------------------------------ */

struct yc_user {
	int64_t id;
	char login[32];
	char full_name[64];
	char role[16];
	int64_t department_id;
	char department[64];
	char password_hash[160];
	int must_change_password;
	int failed_logins;
	char locked_until[20];   /* "" when not locked */
	int active;
};

/* 0 found, 1 no such user, -1 error. */
int store_user_get(struct yc_store *st, const char *login, struct yc_user *u, struct yc_err *err);
/* Record a login outcome and its event in one transaction. */
int store_user_login_outcome(struct yc_store *st, int64_t user_id, int success,
			     int failed_logins, const char *locked_until, struct yc_err *err);
int store_user_set_password(struct yc_store *st, int64_t user_id, const char *hash,
			    int must_change, struct yc_err *err);

/* Catalogue -------------------------------------------------------------- */

struct yc_item_row {
	int64_t id;
	char code[24];
	char name[128];
	char department[64];
	char window_name[32];
	char window_category[16];   /* its code: combined, bundle ... */
	char kind[12];           /* immediate / promised */
	int promised_limit;
	int statutory_limit;
	char limit_unit[10];
	int found_in;            /* where the search found it: ITEM_FOUND_IN_* */
};

/* Where a search found an item, best first: the order of the results. */
enum { ITEM_FOUND_IN_NAME, ITEM_FOUND_IN_PINYIN_OR_CODE, ITEM_FOUND_IN_KEYWORDS, ITEM_FOUND_IN_MATERIALS,
       ITEM_FOUND_IN_GUIDE };

/* One page of service items matching filter ("" for all): any part of
 * the name, the catalogue's keywords and synonyms, the materials or the
 * guide; pinyin initials or full pinyin anywhere in the name; the code
 * with or without its punctuation; full-width and half-width alike,
 * spaces around trimmed. Ordered by where it was found (name first),
 * then by code; strictly after (forward) or before (backward) the item
 * with code 'from' ("" = from the start or the end). Keyset paging: as
 * fast on page 1000 as on page 1. Rows come back in display order. */
int store_items_page(struct yc_store *st, const char *filter, const char *from, int forward,
		     struct yc_item_row *rows, int max, int *n, struct yc_err *err);
int store_items_count(struct yc_store *st, const char *filter, long *count, struct yc_err *err);

struct yc_item_detail_line {
	int material_seq;        /* 0 for the item's own lines */
	char text[512];
};

/* The item's guide as lines for a viewer: materials, checkpoints in force
 * on the given day, limits, fees, guide, FAQ. each() gets every line. */
int store_item_guide(struct yc_store *st, int64_t item_id, const char *day,
		     void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		     struct yc_err *err);

struct yc_material_row {
	int64_t id;
	int seq;
	char name[128];
	int required;
	int originals, copies;
	char form[12];
	char note[256];
	char checkpoints[1024];   /* those in force, joined with "；" */
};

/* An item's materials with the checkpoints in force on day. */
int store_item_materials(struct yc_store *st, int64_t item_id, const char *day,
			 struct yc_material_row *rows, int max, int *n, struct yc_err *err);

struct yc_item_info {
	int64_t id;
	char code[24];
	char name[128];
	int64_t department_id;
	char department[64];
	char window_category[16];
	char window_name[32];
	char kind[12];
};

int store_item_info(struct yc_store *st, int64_t item_id, struct yc_item_info *info,
		    struct yc_err *err);

/* Guidance desk consultations -------------------------------------------------- */

struct yc_consultation {
	int64_t item_id;          /* 0 when not about one item */
	const char *outcome;      /* to_window, told_materials, escalated, answered */
	int64_t ticket_id;
	const char *question;     /* for escalated */
	int64_t department_id;    /* who is asked */
	const char *missing;      /* what the person still has to bring */
};

int store_consultation_add(struct yc_store *st, int64_t user_id,
			   const struct yc_consultation *c, struct yc_err *err);

struct yc_question {
	int64_t id;
	char at[20];
	char asked_by[64];
	char item[128];
	char department[64];
	char question[512];
	char answer[512];
	char answered_by[64];
	char answered_at[20];
};

/* Questions escalated to a department (unanswered first), or those one
 * guide asked (newest first): department_id or user_id, the other 0. */
int store_questions(struct yc_store *st, int64_t department_id, int64_t user_id,
		    struct yc_question *rows, int max, int *n, struct yc_err *err);

/* Answer a question; YC_ECONFLICT when someone answered it first. */
int store_question_answer(struct yc_store *st, int64_t question_id, int64_t department_id,
			  const char *answer, int64_t user_id, struct yc_err *err);

/* Catalogue maintenance --------------------------------------------------- */

struct yc_item_edit {
	int64_t id;
	int64_t department_id;
	char code[24];
	char name[128];
	char pinyin[64];
	char kind[12];
	int statutory_limit, promised_limit;
	int fee_fen;
	char fee_note[128];
	char guide[4096];
	char faq[4096];
};

int store_item_load(struct yc_store *st, int64_t item_id, struct yc_item_edit *e, struct yc_err *err);
/* Save the editable fields; only the administrator or the item's own
 * department (checked here, in the transaction). */
int store_item_save(struct yc_store *st, const struct yc_user *u, const struct yc_item_edit *e,
		    struct yc_err *err);

/* One line of the materials outline: a material, or one of its checkpoints
 * in force on the day asked for. */
struct yc_outline_line {
	int64_t material_id;
	int material_seq;
	int checkpoint_seq;          /* 0 on a material's own line */
	int version;
	char effective_from[11];
	char text[512];              /* material name or checkpoint text */
	int required;
};

int store_item_outline(struct yc_store *st, int64_t item_id, const char *day,
		       struct yc_outline_line *rows, int max, int *n, struct yc_err *err);

struct yc_checkpoint_version {
	int version;
	char effective_from[11];
	char effective_to[11];     /* "" while in force */
	char changed_by[64];       /* "" for the shipped catalogue or an import */
	char changed_at[20];
	char text[512];
};

/* Every version a checkpoint ever had, oldest first: old versions stay
 * readable because verdicts name them (第十条). */
int store_checkpoint_history(struct yc_store *st, int64_t material_id, int seq,
			     struct yc_checkpoint_version *rows, int max, int *n, struct yc_err *err);

/* Add a material (material_id 0, appended) or rename one / change whether
 * it is required. */
int store_material_save(struct yc_store *st, const struct yc_user *u, int64_t item_id,
			int64_t material_id, const char *name, int required, struct yc_err *err);

/* Set a checkpoint's text from a day on (seq 0: a new checkpoint). The
 * old version stays, ending the day before. */
int store_checkpoint_revise(struct yc_store *st, const struct yc_user *u, int64_t material_id,
			    int seq, const char *text, const char *day, struct yc_err *err);

/* Catalogue exchange (see catalog-io.h) ---------------------------------- */

struct cat_item;

struct store_import_stats {
	int items_added, items_updated;
	int checkpoints_added, checkpoints_changed;
};

/* All items of a catalogue file's text (checked with catalog_parse
 * first), or none: one transaction. Changed checkpoints get a new version
 * effective from day; old versions end the day before. */
int store_catalog_import(struct yc_store *st, const char *text, const char *day,
			 int64_t user_id, struct store_import_stats *stats, struct yc_err *err);

/* Every active item, with the checkpoints in force on day. each(ctx,
 * NULL) comes first and means "start over": after a busy database the
 * items come again from the beginning. */
int store_catalog_export(struct yc_store *st, const char *day,
			 void (*each)(void *ctx, const struct cat_item *it), void *ctx, int *n,
			 struct yc_err *err);

/* Combined intake (see intake.h for the record and its rules) ------------ */

/* A new intake record for an item: its details and materials, with the
 * checkpoints in force on day, all still without a verdict. */
int store_intake_start(struct yc_store *st, int64_t item_id, const char *day, struct intake *in,
		       struct yc_err *err);

/* Numbers fixed inside the saving transaction, for the notice's text. */
struct yc_notice_facts {
	const char *kind;             /* acceptance, one_time, non_acceptance */
	const char *notice_number;
	const char *case_number;      /* "" unless accepted */
	const char *query_password;   /* "" unless accepted */
	const char *promised_date;    /* "" unless accepted */
	const char *issued_at;
	int round;
};

/* Renders the notice (malloc'd text) from the facts; may run more than
 * once when the database was busy, so it must not print or save. */
typedef char *(*store_notice_render)(void *ctx, const struct yc_notice_facts *f);

struct yc_outcome_req {
	enum intake_outcome outcome;
	const char *site_code;
	const char *reason;           /* why not accepted */
	store_notice_render render;
	void *render_ctx;
};

struct yc_outcome_result {
	int64_t case_id;
	char case_number[32];
	char query_password[8];
	/* on acceptance: decided by the save, from the item's limit and the
	 * hall's calendar as they stand in the database then */
	char promised_date[11];
	int64_t notice_id;
	char notice_number[40];
	char *notice_text;            /* as saved; caller frees */
};

/* Save the review and its outcome in one transaction: the applicant, the
 * record (new, or the one awaiting correction), the submitted counts, a
 * verdict per reviewed checkpoint naming its version, the case number and
 * query password on acceptance, the notice and the event. Refused with
 * YC_EDENIED for a role that may not take cases, YC_ECONFLICT when another
 * window saved the same record first; on any failure nothing is saved and
 * in is unchanged. 1 (nothing saved, res naming the case, no notice
 * text) when this very record (its record_uid) was saved before: a save
 * the clerk was told had failed had reached the file all the same. */
int store_intake_commit(struct yc_store *st, const struct yc_user *u, struct intake *in,
			const struct yc_outcome_req *req, struct yc_outcome_result *res,
			struct yc_err *err);

struct yc_case_row {
	int64_t id;
	char case_number[32];
	char status[24];
	char item[128];
	char applicant[128];
	char id_masked[24];
	char phone_masked[16];
	char created_at[20];
	char promised_date[11];
	char notice_number[40];       /* the latest notice */
};

/* Cases matching a number (case or notice), ID number, phone or the
 * start of a name, newest first; awaiting_only keeps those waiting for
 * the applicant's corrections. */
int store_case_search(struct yc_store *st, const char *query, int awaiting_only,
		      struct yc_case_row *rows, int max, int *n, struct yc_err *err);

/* An awaiting-correction record loaded to continue: materials found
 * conforming before are settled; the flagged ones are reviewed again
 * against the checkpoints in force on day; round goes up by one. */
int store_intake_resume(struct yc_store *st, int64_t case_id, const char *day, struct intake *in,
			struct yc_err *err);

/* The applicant on record with this ID number: 0 found (name, phone,
 * legal representative and address in known), 1 none. */
int store_applicant_find(struct yc_store *st, const char *kind, const char *id_number,
			 struct intake_applicant *known, struct yc_err *err);

/* The case's whole story as lines for a viewer (kinds as ui_text):
 * applicant (ID masked), item, state, dates, materials and verdicts by
 * round, notices, slips, suspensions, result, pickup, events. */
int store_case_history(struct yc_store *st, int64_t case_id,
		       void (*each)(void *ctx, const char *kind, const char *text), void *ctx,
		       struct yc_err *err);

struct yc_notice_row {
	int64_t id;
	char kind[20];
	char number[40];
	char issued_at[20];
	int printed;
	char file_path[256];
};

int store_case_notices(struct yc_store *st, int64_t case_id, struct yc_notice_row *rows, int max,
		       int *n, struct yc_err *err);
/* The notice's text as issued (caller frees). */
int store_notice_text(struct yc_store *st, int64_t notice_id, char **text, struct yc_err *err);
/* Record where the notice was saved and whether the printer took it. */
int store_notice_printed(struct yc_store *st, int64_t notice_id, const char *path, int printed,
			 struct yc_err *err);

/* The applicant asks to withdraw an accepted case (第十三条): recorded
 * with the reason for the department to decide. */
int store_case_request_withdrawal(struct yc_store *st, const struct yc_user *u, int64_t case_id,
				  const char *reason, struct yc_err *err);

/* Transfer slips (材料证照流转单) ------------------------------------------------ */

struct yc_slip_row {
	int64_t id;
	char number[48];
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	int64_t department_id;
	char department[64];
	char envelope[12];            /* immediate, promised, result */
	char direction[16];           /* to_department, to_pickup */
	char created_at[20];
	char handed_at[20];           /* "" while waiting */
	char handed_by[64];
	char received_by[64];
	int version;
	int late;                     /* not handed over on the day it was made */
};

/* Slips waiting for handover in one direction, of one department (0: all),
 * those left over from an earlier day first, then oldest first. */
int store_slips_waiting(struct yc_store *st, const char *direction, int64_t department_id,
			const char *today, struct yc_slip_row *rows, int max, int *n, struct yc_err *err);

/* The case's slips, newest first. */
int store_case_slips(struct yc_store *st, int64_t case_id, struct yc_slip_row *rows, int max, int *n,
		     struct yc_err *err);

/* What a slip lists: each material with its paper and electronic counts. */
int store_slip_materials(struct yc_store *st, int64_t slip_id,
			 void (*each)(void *ctx, const char *name, int paper, int electronic), void *ctx,
			 struct yc_err *err);

/* Hand a slip over, confirmed by the receiver on the same terminal: the
 * front to a reviewer of the slip's department, or the department to a
 * pickup clerk. One transaction: the slip, the case's state, the events.
 * YC_ECONFLICT when the slip was handed over meanwhile (the message says
 * by whom and when), YC_EDENIED when either person may not. */
int store_slip_handover(struct yc_store *st, const struct yc_user *giver, const struct yc_user *receiver,
			int64_t slip_id, int version, struct yc_err *err);

/* Back office (后台审批) ---------------------------------------------------------- */

struct yc_dept_case {
	int64_t id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char status[24];
	char kind[12];
	char accepted_at[20];
	char promised_date[11];
	char suspended_on[11];        /* "" unless suspended */
	int withdrawal_requested;
	char withdrawal_reason[256];
	long fee_fen;                 /* -1 when no fee was set */
	int fee_paid;
	char receipt[40];
};

/* The department's cases: received and not yet handed to pickup, the
 * earliest promised date first. */
int store_dept_cases(struct yc_store *st, int64_t department_id, struct yc_dept_case *rows, int max,
		     int *n, struct yc_err *err);

struct yc_decision {
	enum case_action action;      /* CA_APPROVE, CA_REFUSE or CA_WITHDRAW */
	const char *document_number;  /* approve: the licence or document number */
	const char *valid_from, *valid_to;   /* approve: "" when it does not expire */
	const char *reason;           /* refuse: why */
};

/* Decide a case: the result, the result slip to the pickup window, the
 * state and the event, in one transaction. A withdrawal needs the
 * applicant's request recorded first. */
int store_case_decide(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_decision *d, struct yc_err *err);

enum yc_suspension { SUSPEND_SITE_SURVEY, SUSPEND_SITE_VERIFICATION, SUSPEND_TECHNICAL_REVIEW,
		     SUSPEND_HEARING };

/* Stop the clock from today, with the reason; the applicant is told by SMS. */
int store_case_suspend(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		       enum yc_suspension kind, const char *reason, const char *today, struct yc_err *err);

/* Start the clock again: the promised date moves later by the working days
 * suspended (on the hall's calendar in the database); the applicant is
 * told the new date. new_date gets it. */
int store_case_resume(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *today,
		      char new_date[11], struct yc_err *err);

/* Extend the promised date by workdays, only with a reason and the
 * applicant's consent. */
int store_case_extend(struct yc_store *st, const struct yc_user *u, int64_t case_id, int workdays,
		      const char *reason, int consent, const char *today, char new_date[11], struct yc_err *err);

/* Fees: the department sets the amount; paid with the receipt number. */
int store_case_fee(struct yc_store *st, const struct yc_user *u, int64_t case_id, long amount_fen,
		   const char *receipt, struct yc_err *err);

/* Unified pickup (统一出件, 第十二条) ------------------------------------------------ */

enum yc_pickup_list { PICKUP_WAITING, PICKUP_MAILED, PICKUP_DONE_TODAY };

struct yc_pickup_row {
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char id_masked[24];
	char phone_masked[16];
	char status[24];
	char kind[12];                /* immediate / promised */
	char outcome[16];             /* approved, not_approved, withdrawn */
	char document_number[64];
	char arrived_at[20];          /* the result reached the pickup window */
	char method[16];              /* how it left: in_person, agent, mail, on_the_spot */
	char tracking[64];
	char done_at[20];
	int sms_failed;               /* a message to the applicant could not be sent */
	char sorted[20];              /* what the list is in order of (it pages by it) */
};

/* Results waiting (at the window or notified), mailed and not yet
 * delivered, or handed out today (the latest first); the oldest first.
 * search, when not empty, keeps the cases whose number has it (in any
 * case). A page of at most max rows after (forward) or before the anchor
 * row, from the start or the end when anchor is NULL, in display order
 * (ui_list_fetch's contract); the count counts them all. */
int store_pickup_page(struct yc_store *st, enum yc_pickup_list which, const char *today, const char *search,
		      const struct yc_pickup_row *anchor, int forward, struct yc_pickup_row *rows, int max, int *n,
		      struct yc_err *err);
int store_pickup_count(struct yc_store *st, enum yc_pickup_list which, const char *today, const char *search,
		       long *count, struct yc_err *err);

/* The completion notice (办结告知): the SMS goes to the outbox and the case
 * is notified. Called again on a notified case it is a reminder. */
int store_pickup_notify(struct yc_store *st, const struct yc_user *u, int64_t case_id, const char *message,
			struct yc_err *err);

struct yc_collection {
	const char *name;             /* who collects */
	const char *id_number;        /* their ID card number */
	int agent;                    /* not the applicant */
	const char *authorisation;    /* the applicant's written authorisation, described */
};

/* Hand the result over at the window: the applicant's own ID number, or an
 * agent with a written authorisation recorded; the pickup register gets
 * who, what and when. Refused (YC_EINVAL) otherwise, and nothing changes. */
int store_pickup_collect(struct yc_store *st, const struct yc_user *u, int64_t case_id,
			 const struct yc_collection *c, struct yc_err *err);

struct yc_mailing {
	const char *address, *recipient, *phone, *tracking;
	const char *message;          /* SMS with the tracking number */
};

/* Send the result by government express mail (政务快递/EMS). */
int store_pickup_mail(struct yc_store *st, const struct yc_user *u, int64_t case_id,
		      const struct yc_mailing *m, struct yc_err *err);

/* The mail arrived: the pickup register is complete. */
int store_pickup_delivered(struct yc_store *st, const struct yc_user *u, int64_t case_id, struct yc_err *err);

/* Ratings (好差评) -------------------------------------------------------------- */

/* Five levels, 5 very satisfied to 1 very dissatisfied, once per case and
 * channel ("pickup", or "intake" for a refused application). A rating of
 * 2 or less opens a follow-up for the supervisor. */
int store_rating_add(struct yc_store *st, const struct yc_user *u, int64_t case_id, int score,
		     const char *comment, const char *channel, struct yc_err *err);

struct yc_followup {
	int64_t rating_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	int score;
	char comment[512];
	char at[20];
	char answer[512];
	char answered_by[64];
	char answered_at[20];
	int answered;                 /* answered_at is set (the list's order) */
};

/* Bad ratings, unanswered first, the latest first: a page after
 * (forward) or before the anchor (NULL: from the start or the end), in
 * display order; the count of all of them and of those unanswered. */
int store_followups_page(struct yc_store *st, const struct yc_followup *anchor, int forward, struct yc_followup *rows,
			 int max, int *n, struct yc_err *err);
int store_followups_count(struct yc_store *st, long *all, long *open, struct yc_err *err);

/* The supervisor's answer to a bad rating; YC_ECONFLICT when answered. */
int store_followup_answer(struct yc_store *st, const struct yc_user *u, int64_t rating_id, const char *answer,
			  struct yc_err *err);

/* The SMS outbox ------------------------------------------------------------------ */

struct yc_outbox_msg {
	int64_t id, case_id;
	char phone[24];
	char message[1024];
	char kind[16];
	char status[12];              /* queued, sent, failed */
	int attempts;
	char last_error[200];
	char created_at[20];
	char next_attempt_at[20];
};

/* Claim the oldest message due for sending for this station (a claim older
 * than five minutes is another station's that died): 0 claimed, 1 none. */
int store_outbox_claim(struct yc_store *st, struct yc_outbox_msg *m, struct yc_err *err);

/* Record a try: sent, or failed with the reason and tried again later
 * (1, 2, 4 ... 60 minutes) until max_attempts, when it is given up. */
int store_outbox_result(struct yc_store *st, int64_t id, int ok, const char *error, int max_attempts,
			struct yc_err *err);

struct yc_outbox_counts {
	long queued, failed, sent_today;
};

int store_outbox_counts(struct yc_store *st, const char *today, struct yc_outbox_counts *c, struct yc_err *err);

/* Messages not sent (given up first, then waiting), newest first. */
int store_outbox_unsent(struct yc_store *st, struct yc_outbox_msg *rows, int max, int *n, struct yc_err *err);

/* Try a given-up message again from now. */
int store_outbox_retry(struct yc_store *st, int64_t id, struct yc_err *err);

/* The monthly assessment sheet (月度绩效考核) ------------------------------------- */

#define STORE_MAX_RULES 64

/* The criteria version in force for a month ('YYYY-MM') and its rules. */
int store_criteria(struct yc_store *st, const char *month, struct assess_rule *rules, int max, int *n,
		   int *version, struct yc_err *err);

/* A new criteria version from a month on: the whole set of rules as given
 * (supervisors only). Months before keep theirs. */
int store_criteria_save(struct yc_store *st, const struct yc_user *u, const char *from_month,
			const struct assess_rule *rules, int n, int *version, struct yc_err *err);

/* How often each rule was broken in a month and scope ("all" or a site
 * code): findings recorded for it, or its figure computed from the
 * database (today bounds what counts as late already). */
int store_assessment_figures(struct yc_store *st, const char *month, const char *scope, const char *today,
			     const struct assess_rule *rules, int n, int *occurrences, struct yc_err *err);

struct yc_month_state {
	int signed_off;
	double score;
	char band[16];
	char signed_by[64];
	char signed_at[20];
	int criteria_version;
	char lines[4096];             /* the sheet as signed (JSON) */
	char reopen_reason[256];
};

/* 0 with state (signed_off 0 when the month was never signed). */
int store_assessment_month(struct yc_store *st, const char *month, const char *scope, struct yc_month_state *m,
			   struct yc_err *err);

/* A month's sheet as the core computes it, for one scope ("all" or a
 * site code). */
struct yc_assessment_sheet {
	struct assess_rule rules[STORE_MAX_RULES];   /* the criteria in force */
	int occurrences[STORE_MAX_RULES];            /* each rule's figure */
	struct assess_line lines[STORE_MAX_RULES];
	int n, version;                              /* rules; the criteria's version */
	long fee_fen;                                /* the contract's, or the fallback */
	struct assess_result result;                 /* a signed month: the signed score */
	struct yc_month_state state;
};

/* Compute the sheet in one read: figures as of today; the fee from the
 * contract in force, else fallback_fee_fen. */
int store_assessment_sheet(struct yc_store *st, const char *month, const char *scope, const char *today,
			   long fallback_fee_fen, struct yc_assessment_sheet *out, struct yc_err *err);

/* Sign the month off: the sheet is computed again inside the transaction
 * and signed as computed, then locked. YC_ECONFLICT when signed already,
 * or when it no longer scores shown_score (what the supervisor saw). */
int store_assessment_sign(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			  const char *today, long fallback_fee_fen, double shown_score, struct yc_err *err);

/* Open a signed month again, with the reason (logged). */
int store_assessment_reopen(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			    const char *reason, struct yc_err *err);

/* Scores of a year's months: scores[i], assessed[i] for month i + 1
 * (assessed 0 when the month was never signed off). */
int store_assessment_year(struct yc_store *st, int year, const char *scope, double scores[12], int assessed[12],
			  struct yc_err *err);

struct yc_finding {
	int64_t id;
	char day[11];
	char site[32];
	char station[64];
	char staff[64];
	long rule_id;
	char rule[256];
	char inspector[64];
	char note[512];
};

/* Findings (inspections, complaints, bonus items) of a month and scope. */
int store_findings(struct yc_store *st, const char *month, const char *scope, struct yc_finding *rows, int max,
		   int *n, struct yc_err *err);

/* Record a finding on a day for a rule at a site (code), optionally a
 * station name and a staff login; refused when the month is signed off. */
int store_finding_add(struct yc_store *st, const struct yc_user *u, const char *day, const char *site_code,
		      const char *station, const char *staff_login, long rule_id, const char *note,
		      struct yc_err *err);

/* Remove a finding recorded by mistake (the month must be open). */
int store_finding_delete(struct yc_store *st, const struct yc_user *u, int64_t id, struct yc_err *err);

struct yc_objection {
	int64_t id;
	char text[512];
	char raised_at[20];
	char answer[512];
	char answered_by[64];
	char answered_at[20];
	double old_score, new_score;  /* equal when the score stood */
};

int store_objections(struct yc_store *st, const char *month, const char *scope, struct yc_objection *rows,
		     int max, int *n, struct yc_err *err);

/* The contractor's objection (异议) to a month's result. */
int store_objection_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *scope,
			const char *text, struct yc_err *err);

/* The team's answer; a new score (< 0: the score stands) changes the
 * signed month, with band and money, logged with the answer as reason. */
int store_objection_answer(struct yc_store *st, const struct yc_user *u, int64_t id, const char *answer,
			   double new_score, long fee_fen, struct yc_err *err);

/* Termination conditions recorded by hand (law broken, bribes, exposure). */
int store_contract_alert_add(struct yc_store *st, const struct yc_user *u, const char *month, const char *kind,
			     const char *note, struct yc_err *err);
int store_contract_alerts(struct yc_store *st, const char *month, char (*lines)[300], int max, int *n,
			  struct yc_err *err);

/* One thing, one visit (一件事一次办) ------------------------------------------------ */

struct yc_bundle_member {
	int64_t case_id;
	char case_number[40];
	char item[128];
	char department[64];
	char status[24];
	char promised_date[11];
	char document_number[64];
	char valid_to[11];
};

struct yc_bundle_row {
	int64_t case_id;
	char case_number[32];
	char item[128];
	char applicant[128];
	char status[24];
	int members, decided;
	int64_t licence_notice_id;    /* the comprehensive licence, 0 when none */
};

/* Bundle cases not yet handed out, oldest first, with their progress. */
int store_bundles(struct yc_store *st, struct yc_bundle_row *rows, int max, int *n, struct yc_err *err);

/* A bundle case's members: each department's part, on its own clock. */
int store_bundle_members(struct yc_store *st, int64_t case_id, struct yc_bundle_member *rows, int max, int *n,
			 struct yc_err *err);

/* Reports --------------------------------------------------------------------- */

enum yc_report_by { REPORT_DEPARTMENT, REPORT_ITEM, REPORT_CLERK, REPORT_WINDOW, REPORT_MONTH };

struct yc_report_row {
	char key[128];                /* the department, item, clerk, window or month */
	long received;                /* cases received in the period */
	long accepted;
	long not_accepted;
	long decided;                 /* decided in the period */
	long on_time;                 /* of those, decided by the promised date */
	long overdue_open;            /* still open and past the promised date (as of today) */
	long suspended;               /* open with the clock stopped */
	long ratings;
	double rating_avg;            /* 0 when none */
};

/* Counts and timeliness for cases received from..to (dates, inclusive),
 * grouped, the biggest first. */
int store_report_cases(struct yc_store *st, enum yc_report_by by, const char *from, const char *to, const char *today,
		 struct yc_report_row *rows, int max, int *n, struct yc_err *err);

struct yc_queue_report_row {
	char category[32];
	long tickets, served, no_shows;
	double wait_min, service_min; /* averages, in minutes */
};

/* Wait (issued to called) and service (called to finished) times from the
 * queue, per window category, for from..to. */
int store_queue_report(struct yc_store *st, const char *from, const char *to, struct yc_queue_report_row *rows,
		       int max, int *n, struct yc_err *err);

/* Online submissions ------------------------------------------------------ */

struct store_online_stats {
	int added, already;           /* already: the same reference imported before */
};

/* Every submission of a file's text (checked with online_parse first) into
 * the site's online inbox, or none: one transaction. */
int store_online_import(struct yc_store *st, const char *text, int this_year, const char *site_code,
			int64_t user_id, struct store_online_stats *stats, struct yc_err *err);

struct yc_online_row {
	int64_t id;
	char ref[48];
	char source[8];
	char received_at[20];
	char item[128];
	char applicant[128];
};

/* The inbox, oldest first. */
int store_online_inbox(struct yc_store *st, const char *site_code, struct yc_online_row *rows,
		       int max, int *n, long *total, struct yc_err *err);

/* An intake record from an online submission: applicant and electronic
 * counts filled in, every checkpoint still to review. */
int store_online_start(struct yc_store *st, int64_t online_id, const char *day, struct intake *in,
		       struct yc_err *err);

/* Calendar --------------------------------------------------------------- */

int store_calendar_load(struct yc_store *st, struct yc_calendar *cal, struct yc_err *err);

/* Queue tickets ---------------------------------------------------------- */

/* The guidance desk sends someone to a window: the ticket and the record
 * of the consultation, in one transaction. */
int store_ticket_issue_guided(struct yc_store *st, const char *site_code, const char *category,
			      int priority, int64_t item_id, int64_t user_id, const char *missing,
			      char number[16], struct yc_err *err);

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

/* How many appointments each slot of a day already has. */
int store_appointment_counts(struct yc_store *st, const char *site_code, const char *day,
			     const char *const *slots, int n_slots, int *counts, struct yc_err *err);

/* Book a slot; YC_ECONFLICT when it filled up meanwhile. */
int store_appointment_book(struct yc_store *st, const char *site_code, const char *day,
			   const char *slot, int capacity, int64_t item_id, const char *name,
			   const char *phone, int64_t user_id, int64_t *id, struct yc_err *err);

/* The day's appointments not yet checked in. */
int store_appointments_open(struct yc_store *st, const char *site_code, const char *day,
			    struct yc_appointment *rows, int max, int *n, struct yc_err *err);

/* Check in: a ticket for the item's window, called before walk-ins. */
int store_appointment_check_in(struct yc_store *st, const char *site_code, int64_t appointment_id,
			       int64_t user_id, char number[16], struct yc_err *err);

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

int store_overview(struct yc_store *st, const char *today, struct yc_overview *ov,
		   struct yc_err *err);

/* Counts used by tests and `check`. */
int store_count(struct yc_store *st, const char *table, long *n, struct yc_err *err);

#endif
