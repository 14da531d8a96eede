/* documents.c - the hall's documents and messages from their facts (see
 * documents.h): each in Chinese, from its template where it has one. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "documents.h"
#include "embedded.h"
#include "print.h"
#include "qr.h"
#include "states.h"
#include "store-bundle.h"
#include "store-intake.h"
#include "store-query.h"
#include "case-flow.h"

struct doc_hall doc_hall_of(const struct yc_settings *cfg)
{
	struct doc_hall h = { cfg->site_name, cfg->site_seal, cfg->print_templates };

	return h;
}

/* A document's template: its file in a hall's templates folder
 * (print.templates), the same name as in data/templates, and the text
 * built into the program from there. */
struct doc_template {
	const char *file;
	const char *builtin;
};

#define TEMPLATE(file, symbol) ((struct doc_template){ file, yc_data_##symbol })

/* The template filled in with vars: the hall's own wording when its folder
 * has the file, else the wording built in (so a hall changes the wording
 * of a paper without a new build, and a file it has not written, or cannot
 * read, leaves the built-in one). NULL when memory ran out. */
static char *fill(const struct doc_hall *h, struct doc_template t, const struct print_var *vars, size_t n)
{
	char path[YC_PATH_MAX + 64], *own = NULL, *text;
	struct yc_err err;

	if (h && h->templates && h->templates[0]) {
		snprintf(path, sizeof path, "%s/%s", h->templates, t.file);
		if (access(path, F_OK) == 0)
			own = yc_read_file(path, 1 << 20, &err);
	}
	text = print_render(own ? yc_skip_bom(own) : t.builtin, vars, n);
	free(own);
	return text;
}

/* Every document is written with the Chinese catalogue, whatever the
 * screen or the command speaks. */
typedef char *(*doc_body)(const struct doc_hall *h, const void *facts);

static char *in_chinese(doc_body body, const struct doc_hall *h, const void *facts)
{
	char *text;

	yc_documents_begin();
	text = body(h, facts);
	yc_documents_end();
	return text;
}

/* What stands where the seal is pressed: the seal's words when the hall
 * set them, else its name marked as the place of the seal. */
static void seal_text(const struct doc_hall *h, char *out, size_t n)
{
	if (h->seal && h->seal[0])
		yc_strlcpy(out, h->seal, n);
	else
		snprintf(out, n, _("%s (seal)"), h->name);
}

/* A text that grows as lines are added; failed once memory ran out. */
struct text {
	char *p;
	size_t len, cap;
	int failed;
};

static void documents_add(struct text *t, const char *fmt, ...)
{
	va_list ap;
	int k;

	if (t->failed)
		return;
	va_start(ap, fmt);
	k = vsnprintf(NULL, 0, fmt, ap);
	va_end(ap);
	if (k < 0 || yc_reserve(&t->p, &t->cap, t->len + (size_t)k + 1, 1) < 0) {
		t->failed = 1;
		return;
	}
	va_start(ap, fmt);
	vsnprintf(t->p + t->len, (size_t)k + 1, fmt, ap);
	va_end(ap);
	t->len += (size_t)k;
}

/* The text, "" when nothing was added; NULL (and nothing kept) when memory
 * ran out. */
static char *text_take(struct text *t)
{
	if (!t->failed && !t->p)
		documents_add(t, "%s", "");
	if (t->failed) {
		free(t->p);
		return NULL;
	}
	return t->p;
}

/* Intake notices --------------------------------------------------------------- */

static struct doc_template notice_template(enum intake_outcome o)
{
	return o == OUTCOME_ACCEPT ? TEMPLATE("acceptance.txt", acceptance_txt)
	       : o == OUTCOME_ONE_TIME ? TEMPLATE("one-time.txt", one_time_txt)
				       : TEMPLATE("non-acceptance.txt", non_acceptance_txt);
}

/* A bundle's members with their own numbers and promised dates, after the
 * bundle's promised date; "" for any other case. */
static void notice_members_text(const struct doc_notice *f, char *out, size_t n)
{
	struct text t = { NULL, 0, 0, 0 };
	int i;

	out[0] = '\0';
	if (!f->n_members)
		return;
	documents_add(&t, "%s", _("\n    Its parts, each handled by its department on its own time limit:"));
	for (i = 0; i < f->n_members; i++)
		documents_add(&t, _("\n    %d. %s (%s), case %s, promised by %s"), i + 1, f->members[i].item,
		    f->members[i].department, f->members[i].case_number, f->members[i].promised_date);
	if (!t.failed)
		yc_strlcpy(out, t.p, n);
	free(t.p);
}

/* A letter the applicant signs after the notice, from its template: the
 * notice's facts, and what the letter lists. */
static char *documents_letter(struct doc_template tmpl, const struct doc_hall *h, const struct doc_notice *f,
			      const char *listed)
{
	const struct intake *in = f->record;
	char seal[200];
	struct print_var vars[] = {
		{ "hall", h->name }, { "seal", seal }, { "number", f->number },
		{ "applicant", in->a.name }, { "date", f->date }, { "item", in->item_name },
		{ "case_number", f->case_number }, { "department", in->department },
		{ "listed", listed }, { "due_date", f->gap_due ? f->gap_due : "" }, { "clerk", f->clerk },
		{ "window", f->window },
	};

	seal_text(h, seal, sizeof seal);
	return fill(h, tmpl, vars, YC_ARRAY_LEN(vars));
}

/* 容缺受理承诺书: what is owed, and by when. */
static char *documents_commitment(const struct doc_hall *h, const struct doc_notice *f)
{
	char owed[4096];

	intake_owed_text(f->record, owed, sizeof owed);
	return documents_letter(TEMPLATE("waiver-commitment.txt", waiver_commitment_txt), h, f, owed);
}

/* 告知承诺书: the conditions promised. */
static char *documents_promise(const struct doc_hall *h, const struct doc_notice *f)
{
	return documents_letter(TEMPLATE("promise.txt", promise_txt), h, f, f->promise_conditions);
}

/* The text, then on a new page (form feed) the letter; both freed, NULL
 * when either is. */
static char *documents_then_page(char *text, char *letter)
{
	struct text t = { NULL, 0, 0, 0 };

	if (text && letter)
		documents_add(&t, "%s\f%s", text, letter);
	else
		t.failed = 1;
	free(text);
	free(letter);
	return text_take(&t);
}

static char *documents_notice_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_notice *f = facts;
	const struct intake *in = f->record;
	char seal[200], round[8], flagged[8192], received[4096], promised[160], members[4096];
	struct print_var vars[] = {
		{ "hall", h->name }, { "seal", seal }, { "number", f->number },
		{ "applicant", in->a.name }, { "date", f->date }, { "item", in->item_name },
		{ "case_number", f->case_number }, { "password", f->query_password },
		{ "department", in->department },
		{ "kind", item_kind_label(f->item_kind && f->item_kind[0] ? f->item_kind : in->kind) },
		{ "promised_date", promised }, { "materials", received }, { "flagged", flagged },
		{ "round", round }, { "reason", f->reason ? f->reason : "" },
		{ "clerk", f->clerk }, { "window", f->window }, { "members", members },
	};

	char *notice;

	seal_text(h, seal, sizeof seal);
	notice_members_text(f, members, sizeof members);
	snprintf(round, sizeof round, "%d", f->round);
	intake_promised_text(f->cal, f->promised_date, promised, sizeof promised);
	intake_flagged_text(in, flagged, sizeof flagged);
	intake_received_text(in, received, sizeof received);
	if (!received[0])
		yc_strlcpy(received, _("(none)\n"), sizeof received);
	notice = fill(h, notice_template(f->outcome), vars, YC_ARRAY_LEN(vars));
	if (notice && f->outcome == OUTCOME_ACCEPT && f->gap_due && f->gap_due[0])
		notice = documents_then_page(notice, documents_commitment(h, f));
	if (notice && f->outcome == OUTCOME_ACCEPT && f->promise_conditions && f->promise_conditions[0])
		notice = documents_then_page(notice, documents_promise(h, f));
	return notice;
}

char *doc_notice(const struct doc_hall *h, const struct doc_notice *f)
{
	return in_chinese(documents_notice_text, h, f);
}

/* The guidance desk -------------------------------------------------------------- */

/* The materials the applicant has (brought) or still lacks, one a line;
 * those lacking with what will be checked. */
static void precheck_list(const struct doc_precheck *f, int brought, struct text *t)
{
	int i;

	for (i = 0; i < f->n_materials; i++) {
		const struct doc_precheck_material *m = &f->materials[i];

		if (m->brought != brought)
			continue;
		documents_add(t, "%s%d. %s%s", t->len ? "\n" : "", m->seq, m->name,
		    m->required || brought ? "" : _(" (if applicable)"));
		if (!brought && m->checkpoints[0])
			documents_add(t, "\n   %s%s", _("Check: "), m->checkpoints);
	}
}

static char *documents_precheck_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_precheck *f = facts;
	struct text missing = { NULL, 0, 0, 0 }, brought = { NULL, 0, 0, 0 };
	char *text = NULL;

	precheck_list(f, 0, &missing);
	precheck_list(f, 1, &brought);
	if (!missing.failed && !brought.failed) {
		struct print_var vars[] = {
			{ "hall", h->name }, { "item", f->item }, { "department", f->department },
			{ "date", f->date }, { "guide", f->guide }, { "window", f->window },
			{ "missing", missing.len ? missing.p : _("(nothing)") },
			{ "brought", brought.len ? brought.p : _("(nothing)") },
		};

		text = fill(h, TEMPLATE("precheck.txt", precheck_txt), vars, YC_ARRAY_LEN(vars));
	}
	free(missing.p);
	free(brought.p);
	return text;
}

char *doc_precheck(const struct doc_hall *h, const struct doc_precheck *f)
{
	return in_chinese(documents_precheck_text, h, f);
}

static char *ticket_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_ticket *f = facts;
	char ahead[24], wait[80] = "", payload[96], *qr_lines = NULL, *text;
	struct print_var vars[] = {
		{ "hall", h->name }, { "number", f->number }, { "window", f->window },
		{ "item", f->item }, { "time", f->time }, { "ahead", ahead }, { "wait", wait }, { "qr", "" },
	};
	struct qr q;

	snprintf(ahead, sizeof ahead, "%ld", f->ahead);
	if (f->wait_minutes > 0)
		snprintf(wait, sizeof wait, _("Estimated wait: about %d minutes.\n"), f->wait_minutes);
	/* the kiosk's tickets carry their number, day and hall as a QR code */
	if (f->site_code && f->site_code[0]) {
		snprintf(payload, sizeof payload, "%s %.10s %s", f->site_code, f->time, f->number);
		if (qr_encode(payload, &q) == 0) {
			qr_lines = qr_text(&q);
			qr_free(&q);
		}
		vars[7].value = qr_lines ? qr_lines : "";
	}
	text = fill(h, TEMPLATE("ticket.txt", ticket_txt), vars, YC_ARRAY_LEN(vars));
	free(qr_lines);
	return text;
}

char *doc_ticket(const struct doc_hall *h, const struct doc_ticket *f)
{
	return in_chinese(ticket_text, h, f);
}

/* Transfer slips ------------------------------------------------------------------- */

static const char *envelope_words(const char *e)
{
	return strcmp(e, "immediate") == 0 ? _("immediate") : strcmp(e, "promised") == 0 ? _("promised") : _("result");
}

static char *documents_slip_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_slip *f = facts;
	struct text materials = { NULL, 0, 0, 0 };
	char *qr_lines = NULL, *text = NULL;
	struct qr q;
	int i;

	for (i = 0; i < f->n_materials; i++)
		documents_add(&materials, _("%s  paper %d, electronic %d\n"), f->materials[i].name, f->materials[i].paper,
		    f->materials[i].electronic);
	if (qr_encode(f->case_number, &q) == 0) {
		qr_lines = qr_text(&q);
		qr_free(&q);
	}
	if (!materials.failed) {
		struct print_var vars[] = {
			{ "hall", h->name }, { "number", f->number }, { "case_number", f->case_number },
			{ "item", f->item }, { "department", f->department }, { "envelope", envelope_words(f->envelope) },
			{ "applicant", f->applicant },
			{ "direction", slip_goes_to_department(f->direction) ? _("front window to the department")
										     : _("department to the pickup window") },
			{ "materials", materials.len ? materials.p : _("(none)\n") },
			{ "created_at", f->created_at }, { "qr", qr_lines ? qr_lines : f->case_number },
		};

		text = fill(h, TEMPLATE("slip.txt", slip_txt), vars, YC_ARRAY_LEN(vars));
	}
	free(materials.p);
	free(qr_lines);
	return text;
}

char *doc_slip(const struct doc_hall *h, const struct doc_slip *f)
{
	return in_chinese(documents_slip_text, h, f);
}

/* SMS --------------------------------------------------------------------------------- */

/* A pickup message from its template. */
static char *pickup_sms(struct doc_template tmpl, const struct doc_hall *h, const char *applicant, const char *item,
			const char *case_number, const char *tracking, const char *days)
{
	struct print_var vars[] = {
		{ "hall", h->name }, { "applicant", applicant }, { "item", item },
		{ "case_number", case_number }, { "tracking", tracking }, { "days", days },
	};
	char *text;

	yc_documents_begin();
	text = fill(h, tmpl, vars, YC_ARRAY_LEN(vars));
	yc_documents_end();
	return text;
}

char *doc_completion_sms(const struct doc_hall *h, const struct doc_completion_sms *f)
{
	struct print_var vars[] = {
		{ "hall", h->name }, { "applicant", f->applicant }, { "item", f->item },
		{ "case_number", f->case_number }, { "results", "" },
	};
	char *results = NULL, *text;

	yc_documents_begin();
	/* a bundle says what each of its parts came to */
	if (f->results && f->results[0] && (results = malloc(strlen(f->results) + 16)))
		sprintf(results, _("(%s)"), f->results);
	vars[4].value = results ? results : "";
	text = fill(h, TEMPLATE("sms-completion.txt", sms_completion_txt), vars, YC_ARRAY_LEN(vars));
	yc_documents_end();
	free(results);
	return text;
}

char *doc_mail_sms(const struct doc_hall *h, const struct doc_mail_sms *f)
{
	return pickup_sms(TEMPLATE("sms-mail.txt", sms_mail_txt), h, f->applicant, f->item, f->case_number, f->tracking, "");
}

char *doc_rating_sms(const struct doc_hall *h, const struct doc_rating_sms *f)
{
	struct print_var vars[] = {
		{ "hall", h->name }, { "applicant", f->applicant }, { "item", f->item },
		{ "case_number", f->case_number }, { "code", f->code },
	};
	char *text;

	yc_documents_begin();
	text = fill(h, TEMPLATE("sms-rating.txt", sms_rating_txt), vars, YC_ARRAY_LEN(vars));
	yc_documents_end();
	return text;
}

char *doc_reminder_sms(const struct doc_hall *h, const struct doc_reminder_sms *f)
{
	char days[24];

	snprintf(days, sizeof days, "%ld", f->days);
	return pickup_sms(TEMPLATE("sms-reminder.txt", sms_reminder_txt), h, f->applicant, f->item, f->case_number, "", days);
}

static char *appointment_sms(struct doc_template tmpl, const struct doc_hall *h, const struct doc_appointment_sms *f)
{
	struct print_var vars[] = {
		{ "hall", h->name }, { "name", f->name }, { "item", f->item }, { "day", f->day }, { "slot", f->slot },
	};
	char *text;

	yc_documents_begin();
	text = fill(h, tmpl, vars, YC_ARRAY_LEN(vars));
	yc_documents_end();
	return text;
}

char *doc_gap_reminder_sms(const struct doc_hall *h, const struct doc_gap_reminder_sms *f)
{
	struct print_var vars[] = {
		{ "hall", h->name }, { "applicant", f->applicant }, { "item", f->item },
		{ "case_number", f->case_number }, { "material", f->material }, { "due", f->due },
	};
	char *text;

	yc_documents_begin();
	text = fill(h, TEMPLATE("sms-gap-reminder.txt", sms_gap_reminder_txt), vars, YC_ARRAY_LEN(vars));
	yc_documents_end();
	return text;
}

char *doc_appointment_reminder_sms(const struct doc_hall *h, const struct doc_appointment_sms *f)
{
	return appointment_sms(TEMPLATE("sms-appointment-reminder.txt", sms_appointment_reminder_txt), h, f);
}

char *doc_appointment_moved_sms(const struct doc_hall *h, const struct doc_appointment_sms *f)
{
	return appointment_sms(TEMPLATE("sms-appointment-moved.txt", sms_appointment_moved_txt), h, f);
}

/* The kinds of enum yc_suspension, in words. */
static const char *const suspension_words[] = {
	N_("site survey"), N_("site verification"), N_("technical review"), N_("hearing"),
};

/* Every SMS opens with the hall's name, as the templated ones do. */
static void sms_from(struct text *t, const struct doc_hall *h)
{
	if (h && h->name && h->name[0])
		documents_add(t, "【%s】", h->name);
}

static char *paused_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_paused_sms *f = facts;
	struct text t = { NULL, 0, 0, 0 };
	int k = (int)f->kind;

	sms_from(&t, h);
	documents_add(&t, _("Your case %s (%s) is paused from %s for %s: %s. The time limit resumes afterwards."),
	    f->case_number, f->item, f->from,
	    k >= 0 && k < (int)YC_ARRAY_LEN(suspension_words) ? _(suspension_words[k]) : "", f->reason);
	return text_take(&t);
}

char *doc_paused_sms(const struct doc_hall *h, const struct doc_paused_sms *f)
{
	return in_chinese(paused_text, h, f);
}

/* The case will now be done by its promised date, as msgid says it. */
static char *promise_text(const struct doc_hall *h, const char *msgid, const struct doc_promise_sms *f)
{
	struct text t = { NULL, 0, 0, 0 };

	yc_documents_begin();
	sms_from(&t, h);
	documents_add(&t, _(msgid), f->case_number, f->item, f->promised);
	yc_documents_end();
	return text_take(&t);
}

char *doc_resumed_sms(const struct doc_hall *h, const struct doc_promise_sms *f)
{
	return promise_text(h, N_("Your case %s (%s) is being handled again; it will be done by %s."), f);
}

char *doc_extended_sms(const struct doc_hall *h, const struct doc_promise_sms *f)
{
	return promise_text(h, N_("As agreed with you, your case %s (%s) will now be done by %s."), f);
}

static char *fee_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_fee_sms *f = facts;
	struct text t = { NULL, 0, 0, 0 };
	char yuan[32];

	sms_from(&t, h);
	yc_format_yuan(f->amount_fen, yuan, sizeof yuan);
	documents_add(&t, _("Your case %s (%s) has a fee of %s yuan to pay. Pay it as the department tells you and keep the receipt: the result is handed out once the payment is recorded."),
	    f->case_number, f->item, yuan);
	return text_take(&t);
}

char *doc_fee_sms(const struct doc_hall *h, const struct doc_fee_sms *f)
{
	return in_chinese(fee_text, h, f);
}

/* One thing, one visit ---------------------------------------------------------------- */

static void bundle_member_result(const struct yc_bundle_member *m, struct text *t)
{
	documents_add(t, "%s（%s）：", m->item, m->department);
	if (strcmp(m->outcome, "approved") == 0 && m->valid_to[0])
		documents_add(t, _("granted, licence %s, valid to %s"), m->document_number, m->valid_to);
	else if (strcmp(m->outcome, "approved") == 0)
		documents_add(t, _("granted, licence %s"), m->document_number);
	else if (strcmp(m->outcome, "not_approved") == 0)
		documents_add(t, _("not approved: %s"), m->reason);
	else if (strcmp(m->outcome, "withdrawn") == 0)
		documents_add(t, "%s", _("withdrawn by the applicant"));
	else
		documents_add(t, _("being handled, promised by %s"), m->promised_date);
}

struct bundle_results {
	const struct yc_bundle_member *m;
	int n;
	const char *sep;
};

static char *bundle_results_text(const struct doc_hall *h, const void *facts)
{
	const struct bundle_results *f = facts;
	struct text t = { NULL, 0, 0, 0 };
	int i, granted = 0, refused = 0;

	(void)h;
	for (i = 0; i < f->n; i++) {
		documents_add(&t, "%s%d. ", i ? f->sep : "", i + 1);
		bundle_member_result(&f->m[i], &t);
		granted += strcmp(f->m[i].outcome, "approved") == 0;
		refused += strcmp(f->m[i].outcome, "not_approved") == 0;
	}
	if (refused)
		documents_add(&t, _("%s%d granted, %d not approved"), f->sep, granted, refused);
	return text_take(&t);
}

char *doc_bundle_results(const struct yc_bundle_member *m, int n, const char *sep)
{
	struct bundle_results f = { m, n, sep };

	return in_chinese(bundle_results_text, NULL, &f);
}

/* The progress query ---------------------------------------------------------------- */

/* The stored kinds of a suspension, in the order of suspension_words. */
static const char *const suspension_codes[] = { "site_survey", "site_verification", "technical_review", "hearing" };

static const char *suspension_code_words(const char *code)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(suspension_codes); i++)
		if (strcmp(code, suspension_codes[i]) == 0)
			return _(suspension_words[i]);
	return code;
}

/* Where the result is, or will be, collected. */
static void progress_collect(const struct yc_case_progress *p, struct text *t)
{
	switch (case_status_of(p->status)) {
	case CASE_COLLECTED:
		documents_add(t, _("Collected on %.10s.\n"), p->closed_at);
		break;
	case CASE_MAILED:
		documents_add(t, _("Sent by post, tracking number %s.\n"), p->tracking);
		break;
	case CASE_RESULT_AT_PICKUP:
	case CASE_NOTIFIED:
		documents_add(t, _("The result is ready: collect it at the pickup window of %s with your ID card, or ask for free postage.\n"),
		    p->site);
		break;
	case CASE_APPROVED:
	case CASE_NOT_APPROVED:
		documents_add(t, _("Decided: the result is on its way to the pickup window of %s; an SMS will tell you when it is there.\n"),
		    p->site);
		break;
	case CASE_WITHDRAWN:
		break;
	default:
		documents_add(t, _("When it is done an SMS will tell you to collect the result at the pickup window of %s (or ask for free postage).\n"),
		    p->site);
	}
}

static char *progress_text(const struct doc_hall *h, const void *facts)
{
	const struct yc_case_progress *p = facts;
	struct text t = { NULL, 0, 0, 0 };
	int i;

	(void)h;
	documents_add(&t, _("Case %s: %s (%s)\nApplicant: %s\nState: %s\n"), p->case_number, p->item, p->department,
	    p->applicant, case_status_label(p->status));
	documents_add(&t, _("Accepted %.10s, promised by %s\n"), p->accepted_at[0] ? p->accepted_at : "-",
	    p->promised_date[0] ? p->promised_date : "-");
	if (p->suspended_on[0])
		documents_add(&t, _("The time limit is paused since %s for %s.\n"), p->suspended_on,
		    suspension_code_words(p->suspension_kind));
	if (!p->n_missing)
		documents_add(&t, "%s", _("Missing: nothing.\n"));
	for (i = 0; i < p->n_missing; i++)
		documents_add(&t, _("Missing: %s\n"), p->missing[i]);
	if (p->fee_due_fen > 0) {
		char yuan[32];

		yc_format_yuan(p->fee_due_fen, yuan, sizeof yuan);
		documents_add(&t, _("Fee to pay: %s yuan; the result is handed out once it is paid.\n"), yuan);
	}
	progress_collect(p, &t);
	return text_take(&t);
}

char *doc_progress(const struct doc_hall *h, const struct yc_case_progress *p)
{
	return in_chinese(progress_text, h, p);
}

/* Other papers --------------------------------------------------------------------- */

static char *termination_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_termination *f = facts;
	char seal[200];
	struct print_var vars[] = {
		{ "hall", h->name }, { "number", f->number }, { "project", f->project }, { "company", f->company },
		{ "reason", f->reason }, { "agent", f->agent[0] ? f->agent : _("(none assigned)") },
		{ "date", f->date }, { "seal", seal },
	};

	seal_text(h, seal, sizeof seal);
	return fill(h, TEMPLATE("termination.txt", termination_txt), vars, YC_ARRAY_LEN(vars));
}

char *doc_termination(const struct doc_hall *h, const struct doc_termination *f)
{
	return in_chinese(termination_text, h, f);
}

static char *documents_licence_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_licence *f = facts;
	struct text t = { NULL, 0, 0, 0 };
	int i;

	(void)h;
	documents_add(&t, _("Industry comprehensive licence %s\nHolder: %s\nFor: %s\n"), f->number, f->holder, f->item);
	for (i = 0; i < f->n_lines; i++) {
		const struct doc_licence_line *l = &f->lines[i];

		documents_add(&t, _("%s: %s, valid %s to %s\n"), l->item, l->document_number,
		    l->valid_from[0] ? l->valid_from : "-", l->valid_to[0] ? l->valid_to : _("no end"));
	}
	return text_take(&t);
}

char *doc_licence_text(const struct doc_licence *f)
{
	return in_chinese(documents_licence_text, NULL, f);
}

static char *licence_page_text(const struct doc_hall *h, const void *facts)
{
	const char *licence = facts;
	char *qr_lines = NULL, *text;
	struct qr q = { 0, NULL };
	struct print_var vars[] = { { "hall", h->name }, { "licence", licence }, { "qr", "" } };

	if (qr_encode(licence, &q) == 0)
		qr_lines = qr_text(&q);
	qr_free(&q);
	vars[2].value = qr_lines ? qr_lines : "";
	text = fill(h, TEMPLATE("licence.txt", licence_txt), vars, YC_ARRAY_LEN(vars));
	free(qr_lines);
	return text;
}

char *doc_licence_page(const struct doc_hall *h, const char *licence)
{
	return in_chinese(licence_page_text, h, licence);
}

/* Money in yuan, from fen. */
static void yuan(long fen, char *out, size_t n)
{
	snprintf(out, n, "%ld.%02ld", fen / 100, fen % 100);
}

/* Where a rule's occurrences came from, on the whole hall's sheet of a
 * hall with townships: " (WSQ 2, TKZ 1)"; "" otherwise. */
static void sheet_line_sites(const struct doc_assessment_sheet *f, int rule, char *out, size_t n)
{
	size_t len;
	int i;

	out[0] = '\0';
	if (f->n_sites < 2 || !f->lines[rule].occurrences)
		return;
	for (i = 0; i < f->n_sites; i++) {
		len = strlen(out);
		snprintf(out + len, n - len, "%s%s %d", i ? ", " : " (", f->sites[i].code, f->sites[i].occurrences[rule]);
	}
	len = strlen(out);
	snprintf(out + len, n - len, ")");
}

static char *sheet_text(const struct doc_hall *h, const void *facts)
{
	const struct doc_assessment_sheet *f = facts;
	const struct assess_result *r = f->result;
	struct text lines = { NULL, 0, 0, 0 };
	struct text conditions = { NULL, 0, 0, 0 };
	char score[32], fee[32], withheld[32], payable[32], summary[300], money[300], weeks[600], *text = NULL;
	char by_site[600];
	int i, missed = 0;

	for (i = 0; i < f->n; i++) {
		sheet_line_sites(f, i, by_site, sizeof by_site);
		documents_add(&lines, "%s  %s  %d%s  %s%.2f\n", f->rules[i].category, f->rules[i].text,
			      f->lines[i].occurrences, by_site, f->rules[i].evidence == EVIDENCE_BONUS ? "+" : "-",
			      f->lines[i].points);
	}
	snprintf(score, sizeof score, "%.2f", r->score);
	yuan(r->fee_fen, fee, sizeof fee);
	yuan(r->withheld_fen, withheld, sizeof withheld);
	yuan(r->payable_fen, payable, sizeof payable);
	/* the whole sum, an objection's change included (assess_summary), and
	 * the money where it is decided: the whole hall's sheet only */
	assess_summary(r, summary, sizeof summary);
	if (assess_scope_withholds(f->scope))
		snprintf(money, sizeof money, _("Monthly fee %s yuan, withheld %s yuan, payable %s yuan"), fee, withheld,
			 payable);
	else
		snprintf(money, sizeof money, "%s",
			 _("The money is decided once, on the whole hall's sheet: a site's withholds nothing."));
	/* the weeks inspected and the conditions recorded, on paper as on the
	 * screen (the team signs what it saw) */
	doc_weeks_line(f->weeks, f->n_weeks, f->today ? f->today : "", weeks, sizeof weeks, &missed);
	for (i = 0; i < f->n_conditions; i++) {
		char one[800];

		doc_condition_line(&f->conditions[i], 0, one, sizeof one);
		documents_add(&conditions, "%s%s", i ? "\n" : "", one);
	}
	if (!lines.failed && !conditions.failed) {
		struct print_var vars[] = {
			{ "hall", h->name }, { "month", f->month },
			{ "scope", strcmp(f->scope, "all") == 0 ? _("whole hall") : f->scope },
			{ "lines", lines.p ? lines.p : "" }, { "summary", summary }, { "money", money },
			{ "weeks", weeks }, { "conditions", conditions.p ? conditions.p : _("(none)") },
			{ "score", score }, { "band", assess_band_label(r->band) },
			{ "fee", fee }, { "withheld", withheld }, { "payable", payable },
		};

		text = fill(h, TEMPLATE("assessment.txt", assessment_txt), vars, YC_ARRAY_LEN(vars));
	}
	free(lines.p);
	free(conditions.p);
	return text;
}

void doc_condition_line(const struct yc_contract_alert *c, int with_month, char *out, size_t n)
{
	const char *label = assess_termination_label(c->kind);

	snprintf(out, n, _("%s%s%s: %s (%s, %.10s)"), with_month ? c->month : "", with_month ? " " : "",
		 label ? label : c->kind, c->note, c->recorded_by, c->recorded_at);
}

/* A week begun with none is flagged, one to come is not. */
void doc_weeks_line(const struct yc_week *weeks, int n_weeks, const char *today, char *out, size_t n,
		    int *missed)
{
	int i;

	snprintf(out, n, "%s", _("Weekly inspections:"));
	for (i = 0; i < n_weeks; i++) {
		const struct yc_week *w = &weeks[i];
		size_t len = strlen(out);

		if (w->inspections)
			snprintf(out + len, n - len, _("  %.5s done, %d found"), w->monday + 5, w->findings);
		else if (strcmp(w->monday, today) <= 0) {
			snprintf(out + len, n - len, _("  %.5s none!"), w->monday + 5);
			*missed = 1;
		} else
			snprintf(out + len, n - len, _("  %.5s to come"), w->monday + 5);
	}
}

char *doc_assessment_sheet(const struct doc_hall *h, const struct doc_assessment_sheet *f)
{
	return in_chinese(sheet_text, h, f);
}
