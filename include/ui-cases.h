/* ui-cases.h - finding a case from any screen (a global key), its whole
 * story in a modal viewer, and printing its notices. Modal, so the screen
 * underneath keeps everything typed into it. */
#ifndef YC_UI_CASES_H
#define YC_UI_CASES_H

#include "store-intake.h"
#include "store-queue.h"
#include "ui.h"

/* Ask for a case number, ID number, phone, name or notice number, choose
 * among the cases found, and show the one chosen. */
void ui_case_lookup(struct yc_app *app);

/* A bundle's members' results as the applicant is told them
 * (doc_bundle_results, lines joined by sep); malloc'd, NULL when the case
 * is no bundle (or they could not be read: said). */
char *ui_bundle_results(struct yc_app *app, int64_t case_id, const char *sep);

/* The case's history; F5 reprints a notice, F7 records a withdrawal. */
void ui_case_view(struct yc_app *app, int64_t case_id);

/* Print a notice already saved and record whether the printer took it:
 * 0, or -1 with err saying why (the notice stays saved for a reprint). */
int ui_notice_print(struct yc_app *app, int64_t notice_id, const char *kind, const char *text,
		    struct yc_err *err);

/* "HALL202611270001 受理 王海燕 1506****0027 营业执照…": one case for a
 * choice list. */
void ui_case_row_text(const struct yc_case_row *r, char *out, size_t n);

/* Before the next ticket is called while t is still at this window: ask
 * what became of it (served, or did not come) and record that. 1 when
 * it is settled and the next may be called, 0 when the clerk cancelled
 * or it could not be recorded (said), 2 when the clerk wants to transfer
 * it first. Holding it and the transfer are offered on the queue screen
 * (allow_transfer), where the held tickets are taken up again. */
int ui_settle_current_ticket(struct yc_app *app, const struct yc_ticket *t, int allow_transfer);

struct doc_ticket;

/* Print a queue ticket taken at this site (documents.h's doc_ticket):
 * the time now when t->time is NULL, the people ahead looked up when
 * t->ahead is negative. 0, or -1 with err saying why (the ticket stands). */
int ui_print_ticket(struct yc_app *app, const struct doc_ticket *t, struct yc_err *err);

/* Call the number to this window aloud (announce.command), in the
 * background; an earlier announcement that failed is said once. */
void ui_announce(struct yc_app *app, const char *number);

#endif
