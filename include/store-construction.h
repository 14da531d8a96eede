/* store-construction.h - construction projects (工程建设项目审批, 第二十二条至
 * 第二十五条): a project goes through four stages, land-use planning
 * (用地规划许可), construction permit (工程建设许可), construction (施工许可)
 * and completion acceptance (竣工验收), then it is done. Each stage is a
 * set of approvals, service items of the catalogue that run in parallel
 * (并联审批) at their departments; the project moves on only when every
 * approval of its stage is approved. An approval is pending, applied,
 * approved or refused; a refused one may be applied again. Builders are
 * guided to declare online (网上申报).
 *
 * Every change is one transaction and one event (entity "project"),
 * refused with YC_EDENIED for a role without PERM_SPECIAL. */
#ifndef YC_STORE_CONSTRUCTION_H
#define YC_STORE_CONSTRUCTION_H

#include <stdint.h>

#include "store-users.h"
#include "store.h"

/* The four stages with approvals, in order; "done" comes after them. */
#define YC_PROJECT_STAGES 4

/* The stage's code at index i (0 land_use ... 3 completion, 4 done), or
 * NULL past the end. */
const char *store_project_stage_code(int i);
/* The index of a stage's code (4 for done), -1 for an unknown one. */
int store_project_stage_index(const char *stage);
/* The stage's name for people, translated. */
const char *store_project_stage_label(const char *stage);
/* An approval's status (pending, applied, approved, refused) for people,
 * translated. */
const char *store_approval_status_label(const char *status);
/* 1 when an approval may go from one status to another: pending ->
 * applied -> approved or refused; refused -> applied. */
int store_approval_allowed(const char *from, const char *to);

struct yc_project {
	int64_t id;
	char code[48];                /* 项目代码 */
	char name[256];
	char builder[192];            /* 建设单位 */
	char location[192];
	char stage[16];               /* land_use ... completion, done */
	int online_guided;            /* told to declare online */
	char guidance_note[512];
	char created_by[64];
	char created_at[20];
	int version;
	/* per stage (store_project_stage_code's order): approvals in all,
	 * approved, refused */
	int total[YC_PROJECT_STAGES];
	int approved[YC_PROJECT_STAGES];
	int refused[YC_PROJECT_STAGES];
	int done;                     /* every stage approved: the list puts it last */
};

struct yc_project_approval {
	int64_t id;
	int64_t project_id;
	int64_t item_id;
	char stage[16];
	char item_code[24];
	char item[128];
	char department[64];
	char status[12];              /* pending, applied, approved, refused */
	char document_number[64];     /* "" until approved */
	char note[512];               /* the refusal's reason, or a note */
	char updated_by[64];          /* "" while never changed */
	char updated_at[20];          /* "" while never changed */
	char case_number[24];         /* the case that answers it, "" none */
	char promised_date[11];       /* that case's, "" none */
};

struct yc_project_new {
	const char *code, *name, *builder, *location;
	const char *site_code;        /* the window's site; NULL the hall's */
};

/* A new project at the land-use planning stage, with that stage's
 * approvals from the default plan. A project code already taken is
 * refused (YC_EEXISTS, naming the project that has it). id and approvals
 * (how many were planned) may be NULL. */
int store_project_create(struct yc_store *st, const struct yc_user *u, const struct yc_project_new *p,
			 int64_t *id, int *approvals, struct yc_err *err);

/* Projects with their progress per stage: those not done first, the
 * newest first. A page of at most max rows after (forward) or before the
 * anchor row, from the start or the end when anchor is NULL, in display
 * order (ui_list_fetch's contract); the count counts them all and those
 * not done. Only the projects taken at the site site_code (the window's
 * own; "" every site's). */
int store_projects_page(struct yc_store *st, const char *site_code, const struct yc_project *anchor, int forward,
			struct yc_project *rows, int max, int *n, struct yc_err *err);
int store_projects_count(struct yc_store *st, const char *site_code, long *all, long *in_progress,
			 struct yc_err *err);

/* One project with its progress; -1 with YC_EINVAL when there is none. */
int store_project_get(struct yc_store *st, int64_t id, struct yc_project *p, struct yc_err *err);

/* A project's approvals of one stage (NULL or "": of all stages), in
 * stage order, then by item code. */
int store_project_approvals(struct yc_store *st, int64_t project_id, const char *stage,
			    struct yc_project_approval *rows, int max, int *n, struct yc_err *err);

/* The most approvals a project has: the default plan's (eight) and what
 * is added by hand, which store_project_approval_add refuses once the
 * plan's would no longer fit; so a project's approvals fit one list of
 * this many. */
#define YC_PROJECT_MAX_APPROVALS 64

/* Add a catalogue item (by its code) to a stage of the project: the
 * current one or a later one (NULL or "": the current one). Refused for a
 * stage already passed, a project done, an unknown item, (YC_EEXISTS) an
 * item already in that stage, and one more than YC_PROJECT_MAX_APPROVALS
 * allows. approval_id may be NULL. */
int store_project_approval_add(struct yc_store *st, const struct yc_user *u, int64_t project_id,
			       const char *stage, const char *item_code, int64_t *approval_id,
			       struct yc_err *err);

struct yc_approval_change {
	const char *status;           /* applied, approved or refused */
	const char *document_number;  /* approved: the approval document's number (required) */
	const char *note;             /* refused: the reason (required); else optional */
};

/* Change an approval of the project's current stage, as the clerk saw it
 * (seen_status and seen_at: its status and updated_at, "" when never
 * changed): only the allowed moves (store_approval_allowed). YC_ECONFLICT
 * when it was changed meanwhile (the message says by whom, when and to
 * what). */
int store_project_approval_set(struct yc_store *st, const struct yc_user *u, int64_t approval_id,
			       const char *seen_status, const char *seen_at, const struct yc_approval_change *c,
			       struct yc_err *err);

/* Move the project from from_stage (the stage the clerk saw) to the next
 * one, only when every approval of from_stage is approved: otherwise
 * refused (YC_EINVAL) naming those still missing. The next stage gets its
 * approvals from the default plan (added: how many; NULL allowed).
 * YC_ECONFLICT when the project is no longer at from_stage. to_stage gets
 * the new stage (NULL allowed). */
int store_project_advance(struct yc_store *st, const struct yc_user *u, int64_t project_id,
			  const char *from_stage, char to_stage[16], int *added, struct yc_err *err);

/* Record that the builder was guided to declare online (网上申报), with a
 * note (may be empty); again, it replaces the note. */
int store_project_guidance(struct yc_store *st, const struct yc_user *u, int64_t project_id, const char *note,
			   struct yc_err *err);

#endif
