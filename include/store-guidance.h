/* store-guidance.h - the guidance desk: an item's materials, consultations, questions to departments (store-guidance.c). */
#ifndef YC_STORE_GUIDANCE_H
#define YC_STORE_GUIDANCE_H

#include <stdint.h>

#include "store.h"

/* Guidance desk consultations -------------------------------------------------- */

struct yc_consultation {
	int64_t item_id;          /* 0 when not about one item */
	const char *outcome;      /* to_window, told_materials, escalated, answered */
	int64_t ticket_id;
	const char *question;     /* for escalated */
	int64_t department_id;    /* who is asked */
	const char *missing;      /* what the person still has to bring */
	const char *site_code;    /* the guidance desk's site; NULL the hall's */
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

#endif
