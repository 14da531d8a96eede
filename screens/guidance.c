/* guidance.c - the guidance desk (咨询导办): find the item, read its guide,
 * tick what the person brought, print what is still missing, issue a
 * queue ticket for the right window, or ask the department. Every outcome
 * is recorded as a consultation. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "documents.h"
#include "print.h"
#include "states.h"
#include "store-appointments.h"
#include "store-catalog.h"
#include "store-guidance.h"
#include "store-queue.h"
#include "store-scenario.h"
#include "validate.h"
#include "ui.h"
#include "ui-cases.h"
#include "ui-items.h"
#include "ui-table.h"
#include "ui-text.h"
#include "width.h"

enum {
	ACT_OPEN = ACT_SCREEN, ACT_ESC, ACT_TOGGLE, ACT_PRINT, ACT_TICKET, ACT_GREEN,
	ACT_ASK, ACT_ANSWERED, ACT_MY_QUESTIONS, ACT_APPOINTMENT, ACT_GUIDE, ACT_SCENARIO,
};

/* The keys of each mode: the search, an item (or scenario) open for the
 * pre-check, and the views that only go back. */
static const struct yc_binding search_keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Pre-check"), N_("Open the item: its materials, to tick what was brought"), KB_BAR },
	{ ACT_SCENARIO, '\t', "Tab", N_("Scenarios"),
	  N_("Scenario guidance: a life event (opening a shop, a birth), a few questions, all its items at once"), KB_BAR },
	{ ACT_APPOINTMENT, KEY_F(2), "F2", N_("Check in"), N_("Check in today's appointments; F2 again: any booking, to move or cancel"), KB_BAR },
	{ ACT_MY_QUESTIONS, KEY_F(3), "F3", N_("Questions"), N_("My questions to departments and their answers"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Clear the search / back to the main menu"), KB_BAR },
};

static const struct yc_binding item_keys[] = {
	{ ACT_TOGGLE, ' ', "Space", N_("Tick"), N_("Tick or untick the selected material as brought"), 0 },
	{ ACT_PRINT, KEY_F(5), "F5", N_("Print list"), N_("Print the list of what is still missing"), KB_BAR },
	{ ACT_TICKET, KEY_F(6), "F6", N_("Get ticket"), N_("Issue a queue ticket for the item's window"), KB_BAR },
	{ ACT_GREEN, KEY_F(7), "F7", N_("Green ch."), N_("Issue a green-channel (priority) ticket"), KB_BAR },
	{ ACT_ASK, KEY_F(8), "F8", N_("Ask dept."), N_("Send a question to the item's department"), KB_BAR },
	{ ACT_ANSWERED, KEY_F(4), "F4", N_("Answered"), N_("Record that the question was answered here"), KB_BAR },
	{ ACT_APPOINTMENT, KEY_F(2), "F2", N_("Appointment"), N_("Book an appointment for the item"), KB_BAR },
	{ ACT_GUIDE, KEY_F(11), "F11", N_("Guide"), N_("The item's full guide: limits, fees, FAQ"), KB_BAR },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Back to the search (the ticks are dropped)"), KB_BAR },
};

static const struct yc_binding view_keys[] = {
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Back to where you were"), KB_BAR },
};

#define MAX_MATERIALS SCN_MAX_MATERIALS
#define MAX_QUESTIONS 40

enum mode { MODE_SEARCH, MODE_ITEM, MODE_QUESTIONS, MODE_GUIDE };

struct guidance {
	enum mode mode;
	struct ui_items items;
	/* the item open for pre-check (a scenario's: the one its ticket names) */
	struct yc_item_info item;
	struct scn_plan *plan;        /* the scenario open for pre-check, or NULL */
	int top;                      /* first material shown */
	struct yc_material_row materials[MAX_MATERIALS];
	int brought[MAX_MATERIALS];
	int n_materials, sel;
	/* my questions */
	struct yc_question questions[MAX_QUESTIONS];
	int n_questions, q_top;
	/* the item's guide */
	struct ui_text guide;
};

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	const struct guidance *g = priv;

	switch (g->mode) {
	case MODE_SEARCH:
		*n = YC_ARRAY_LEN(search_keys);
		return search_keys;
	case MODE_ITEM:
		*n = YC_ARRAY_LEN(item_keys);
		return item_keys;
	default:
		*n = YC_ARRAY_LEN(view_keys);
		return view_keys;
	}
}

static int guidance_enter(struct yc_app *app, void *priv)
{
	struct guidance *g = priv;

	return ui_items_init(&g->items, app);
}

static void guidance_leave(struct yc_app *app, void *priv)
{
	struct guidance *g = priv;

	ui_items_free(&g->items);
	ui_text_clear(&g->guide);
	free(g->plan);
	g->plan = NULL;
}

/* "2. 经营者居民身份证；3. …" for the materials not brought (required only
 * when required_only), or brought when want_brought. */
static void material_list(const struct guidance *g, int want_brought, int required_only,
			  const char *sep, int with_checkpoints, char *out, size_t n)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < g->n_materials; i++) {
		const struct yc_material_row *m = &g->materials[i];
		char line[1600];

		if (g->brought[i] != want_brought || (required_only && !m->required))
			continue;
		snprintf(line, sizeof line, "%s%d. %s%s", out[0] ? sep : "", m->seq, m->name,
			 m->required || want_brought ? "" : _(" (if applicable)"));
		strncat(out, line, n - strlen(out) - 1);
		if (with_checkpoints && m->checkpoints[0]) {
			snprintf(line, sizeof line, "%s   %s%s", sep, _("Check: "), m->checkpoints);
			strncat(out, line, n - strlen(out) - 1);
		}
	}
}

static int missing_count(const struct guidance *g)
{
	int i, n = 0;

	for (i = 0; i < g->n_materials; i++)
		n += g->materials[i].required && !g->brought[i];
	return n;
}

static int guidance_open_item(struct yc_app *app, struct guidance *g)
{
	const struct yc_item_row *r = ui_items_selected(&g->items);
	struct yc_err err;

	if (!r)
		return UI_HANDLED;
	if (store_item_info(app->st, r->id, &g->item, &err) < 0 ||
	    store_item_materials(app->st, r->id, app->today, g->materials, MAX_MATERIALS,
				 &g->n_materials, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	free(g->plan);
	g->plan = NULL;
	memset(g->brought, 0, sizeof g->brought);
	g->sel = g->top = 0;
	g->mode = MODE_ITEM;
	return UI_REDRAW;
}

/* The bottom lines: what is still missing, or that the ticket may go. */
static void draw_missing(const struct guidance *g, int y, int cols)
{
	char line[4200], missing[4096];

	material_list(g, 0, 1, _("; "), 0, missing, sizeof missing);
	if (missing_count(g) == 0)
		snprintf(line, sizeof line, "%s", _("All required materials are here: F6 issues the ticket."));
	else
		snprintf(line, sizeof line, _("Still missing (%d): %s"), missing_count(g), missing);
	ui_put_wrapped(y, 1, y + 2, cols - 2, line, A_BOLD);
}

/* One material of the pre-check: ticked or not, its number and name (in
 * name_cols), required or not, then tail. */
static void draw_material_row(const struct guidance *g, int i, int y, int cols, int name_cols, const char *tail)
{
	const struct yc_material_row *m = &g->materials[i];
	char line[2048], name[512];

	yc_fit_mark(m->name, name_cols, 1, name, sizeof name);
	snprintf(line, sizeof line, " [%s] %2d. %s %s  %s", g->brought[i] ? "x" : " ", m->seq, name,
		 m->required ? _("required") : _("if any"), tail);
	ui_fill(y, 1, cols - 2, line, i == g->sel ? ui_attr_selected() : A_NORMAL);
}

static void draw_item(struct yc_app *app, struct guidance *g, int top, int rows, int cols)
{
	char line[2048];
	int i, y = top;

	snprintf(line, sizeof line, "%s  %s", g->item.code, g->item.name);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	snprintf(line, sizeof line, _("Department: %s    Window: %s    %s"), g->item.department,
		 g->item.window_name, item_kind_label(g->item.kind));
	ui_put(y++, 1, cols - 2, line, A_NORMAL);
	y++;
	ui_put(y++, 1, cols - 2, _("Materials brought (Space ticks):"), A_UNDERLINE);
	for (i = 0; i < g->n_materials && y < top + rows - 7; i++, y++)
		draw_material_row(g, i, y, cols, cols - 34, "");
	y = top + rows - 6;
	if (g->sel < g->n_materials) {
		const struct yc_material_row *m = &g->materials[g->sel];

		snprintf(line, sizeof line, _("Originals %d, copies %d. Check: %s"), m->originals, m->copies,
			 m->checkpoints[0] ? m->checkpoints : "-");
		ui_put_wrapped(y, 2, y + 2, cols - 4, line, ui_attr_dim());
	}
	draw_missing(g, top + rows - 3, cols);
}

/* A scenario open: its items (numbered, the bundle first when it takes
 * them), where the ticket goes, then the one combined list, each material
 * with the numbers of the items that need it. */
static void draw_scenario(struct guidance *g, int top, int rows, int cols)
{
	const struct scn_plan *p = g->plan;
	char line[2048];
	int i, k, y = top, shown;

	snprintf(line, sizeof line, _("Scenario: %s"), p->name);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	for (k = 0; k < p->n_items && y < top + 1 + SCN_MAX_ITEMS; k++) {
		snprintf(line, sizeof line, "  %d. %s  %s (%s)", k + 1, p->items[k].code, p->items[k].name,
			 p->items[k].department);
		ui_put(y++, 1, cols - 2, line, A_NORMAL);
	}
	snprintf(line, sizeof line, p->bundle ? _("One case at the %s window (one thing, one visit).")
					      : _("Ticket for the %s window."), p->window_name);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	ui_put(y++, 1, cols - 2, _("Materials for all of them, each once (Space ticks; [n]: for item n):"), A_UNDERLINE);
	shown = top + rows - 4 - y;
	if (g->sel < g->top)
		g->top = g->sel;
	if (shown > 0 && g->sel >= g->top + shown)
		g->top = g->sel - shown + 1;
	for (i = g->top; i < g->n_materials && y < top + rows - 4; i++, y++) {
		char used[64] = "", tail[80];

		for (k = 0; k < p->n_items; k++)
			if (p->used_by[i] & 1u << k)
				snprintf(used + strlen(used), sizeof used - strlen(used), "%s%d", used[0] ? "," : "", k + 1);
		snprintf(tail, sizeof tail, "[%s]", used);
		draw_material_row(g, i, y, cols, cols - 36, tail);
	}
	draw_missing(g, top + rows - 3, cols);
}

static void draw_questions(struct guidance *g, int top, int rows, int cols)
{
	char line[2048];
	int i, y = top;

	ui_put(y++, 1, cols - 2, _("My questions to departments"), A_BOLD);
	if (g->n_questions == 0)
		ui_put(y + 1, 2, cols - 4, _("You have not asked any department yet (F8 in an item)."), A_NORMAL);
	for (i = g->q_top; i < g->n_questions && y < top + rows - 1; i++) {
		const struct yc_question *q = &g->questions[i];

		y++;
		snprintf(line, sizeof line, "%.16s  %s  %s", q->at, q->department, q->item);
		ui_put(y++, 1, cols - 2, line, A_UNDERLINE);
		snprintf(line, sizeof line, _("Q: %s"), q->question);
		y = ui_put_wrapped(y, 2, top + rows - 1, cols - 4, line, A_NORMAL);
		if (q->answered_at[0])
			snprintf(line, sizeof line, _("A (%s, %.16s): %s"), q->answered_by, q->answered_at, q->answer);
		else
			snprintf(line, sizeof line, "%s", _("A: not answered yet"));
		y = ui_put_wrapped(y, 2, top + rows - 1, cols - 4, line,
				   q->answered_at[0] ? A_BOLD : ui_attr_dim());
	}
}

static void guidance_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct guidance *g = priv;

	switch (g->mode) {
	case MODE_SEARCH: ui_items_draw(&g->items, top, rows, cols); break;
	case MODE_ITEM:
		if (g->plan)
			draw_scenario(g, top, rows, cols);
		else
			draw_item(app, g, top, rows, cols);
		break;
	case MODE_QUESTIONS: draw_questions(g, top, rows, cols); break;
	case MODE_GUIDE: ui_text_draw(&g->guide, top, rows, cols); break;
	}
}

/* The list to take home (documents.h), from the materials as ticked. */
static char *guidance_precheck_text(struct yc_app *app, const struct guidance *g)
{
	struct doc_precheck_material list[MAX_MATERIALS];
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct doc_precheck f = { g->item.name, g->item.department, g->item.window_name, app->today,
				  app->user.full_name, list, g->n_materials };
	char items[1024], departments[512], what[1200];
	int i;

	if (g->plan) {   /* the scenario and every item it brings */
		scenario_join_items(g->plan->items, g->plan->n_items, items, sizeof items, departments,
				    sizeof departments);
		snprintf(what, sizeof what, "%s：%s", g->plan->name, items);
		f.item = what;
		f.department = departments;
	}

	for (i = 0; i < g->n_materials; i++) {
		const struct yc_material_row *m = &g->materials[i];

		list[i] = (struct doc_precheck_material){ m->seq, m->name, m->required, m->checkpoints,
							  g->brought[i] != 0 };
	}
	return doc_precheck(&hall, &f);
}

static int print_precheck(struct yc_app *app, struct guidance *g)
{
	char missing[8192], path[YC_PATH_MAX + 64];
	struct yc_consultation c = { g->item.id, "told_materials", 0, NULL, 0, NULL, app->cfg->site_code };
	struct yc_err err;
	char *text = guidance_precheck_text(app, g);
	int rc;

	if (!text) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	material_list(g, 0, 1, _("; "), 0, missing, sizeof missing);
	c.missing = missing;
	/* the record first: a printer problem must not lose it */
	if (store_consultation_add(app->st, app->user.id, &c, &err) < 0) {
		ui_error(app, "%s", err.msg);
		free(text);
		return UI_REDRAW;
	}
	rc = print_document(app->cfg, "precheck", text, path, sizeof path, &err);
	free(text);
	if (rc < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("The list of missing materials was printed."));
	return UI_REDRAW;
}

/* Print a ticket; 0, or -1 with err saying why (the ticket stands). */
static int print_ticket(struct yc_app *app, const char *number, const char *window, const char *item,
			struct yc_err *err)
{
	struct doc_ticket ticket = { number, window, item, NULL, -1, 0, NULL };

	return ui_print_ticket(app, &ticket, err);
}

static int issue_ticket(struct yc_app *app, struct guidance *g, int green)
{
	char number[16], missing[4096];
	struct yc_err err;

	material_list(g, 0, 1, _("; "), 0, missing, sizeof missing);
	if (store_ticket_issue_guided(app->st, app->cfg->site_code, g->item.window_category, green,
				      g->item.id, app->user.id, missing, number, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	/* a scenario not taken by one bundle: the ticket names the life event */
	if (print_ticket(app, number, g->item.window_name, g->plan && !g->plan->bundle ? g->plan->name : g->item.name,
			 &err) < 0)
		ui_error(app, _("Ticket %s issued, but: %s"), number, err.msg);
	else
		ui_say(app, _("Ticket %s for the %s window."), number, g->item.window_name);
	g->mode = MODE_SEARCH;
	ui_items_clear(&g->items);
	return UI_REDRAW;
}

static int ask_department(struct yc_app *app, struct guidance *g)
{
	char question[1024] = "";
	struct yc_consultation c = { g->item.id, "escalated", 0, question, g->item.department_id, NULL,
				     app->cfg->site_code };
	struct yc_err err;

	for (;;) {
		if (!ui_prompt(app, _("Question for the department"), g->item.department, question,
			       sizeof question))
			return UI_REDRAW;
		if (store_consultation_add(app->st, app->user.id, &c, &err) == 0)
			break;
		/* keep the question typed, say what went wrong, offer it again */
		ui_error(app, "%s", err.msg);
		if (err.code != YC_EBUSY && err.code != YC_EINVAL && err.code != YC_EIO)
			return UI_REDRAW;
	}
	ui_say(app, _("The question was sent to %s; its answer will show under F3."), g->item.department);
	return UI_REDRAW;
}

static int record_answered(struct yc_app *app, struct guidance *g)
{
	struct yc_consultation c = { g->item.id, "answered", 0, NULL, 0, NULL, app->cfg->site_code };
	struct yc_err err;

	if (store_consultation_add(app->st, app->user.id, &c, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, "%s", _("Recorded: answered at the desk."));
	g->mode = MODE_SEARCH;
	return UI_REDRAW;
}

static int open_questions(struct yc_app *app, struct guidance *g)
{
	struct yc_err err;

	if (store_questions(app->st, 0, app->user.id, g->questions, MAX_QUESTIONS, &g->n_questions, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	g->q_top = 0;
	g->mode = MODE_QUESTIONS;
	return UI_REDRAW;
}

#define slots store_appointment_slots
#define N_SLOTS STORE_APPOINTMENT_SLOTS

/* The first day from today on that takes appointments; "" when the
 * calendar ends before one (its next year not imported yet). */
static void first_booking_day(struct yc_app *app, char out[11])
{
	yc_date d;

	date_parse(app->today, &d);
	while (cal_known(&app->cal, d) && !cal_appointment_day(&app->cal, d))
		d++;
	if (cal_known(&app->cal, d))
		date_format(d, out);
	else
		out[0] = '\0';
}

static int ask_booking_day(struct yc_app *app, char day[11])
{
	char text[32], known[11];
	yc_date d, today;

	date_format(app->cal.known_until, known);
	first_booking_day(app, text);
	date_parse(app->today, &today);
	for (;;) {
		if (!ui_prompt(app, _("Appointment"), _("Day (YYYY-MM-DD), mornings Monday to Saturday:"),
			       text, sizeof text))
			return 0;
		if (date_parse(text, &d) != 0)
			ui_error(app, _("'%s' is not a date; type it as 2026-12-01."), text);
		else if (d < today)
			ui_error(app, "%s", _("That day is past."));
		else if (!cal_known(&app->cal, d))
			ui_error(app, _("The holidays after %s are not known yet (the administrator imports the next year's notice): no appointments that far ahead."),
				 known);
		else if (!cal_appointment_day(&app->cal, d))
			ui_error(app, "%s", _("The hall takes no appointments that day (Sunday or public holiday)."));
		else
			break;
	}
	date_format(d, day);
	return 1;
}

/* A day's slot, each with how many of its places are booked; today, only
 * those still ahead. The slot's index, or -1 (cancelled, or none left:
 * said). */
static int choose_slot(struct yc_app *app, const char *day)
{
	char options[N_SLOTS][64], now[20];
	const char *labels[N_SLOTS];
	int counts[N_SLOTS], index[N_SLOTS], i, n = 0, choice, capacity;
	struct yc_err err;

	if (store_appointment_counts(app->st, app->cfg->site_code, day, slots, N_SLOTS, counts, &capacity, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return -1;
	}
	yc_now(now);
	for (i = 0; i < N_SLOTS; i++) {
		if (strcmp(day, app->today) == 0 && strcmp(slots[i], now + 11) <= 0)
			continue;
		snprintf(options[n], sizeof options[n], _("%s  (%d of %d booked)"), slots[i], counts[i], capacity);
		labels[n] = options[n];
		index[n++] = i;
	}
	if (n == 0) {
		ui_error(app, _("No appointment slots are left on %s; please choose a later day."), day);
		return -1;
	}
	choice = ui_choose(app, day, labels, n);
	return choice < 0 ? -1 : index[choice];
}

static int book_appointment(struct yc_app *app, struct guidance *g)
{
	char day[11], name[128] = "", phone[64] = "";
	struct yc_err err;
	int64_t id;
	int choice;

	if (!ask_booking_day(app, day) || (choice = choose_slot(app, day)) < 0 ||
	    !ui_prompt(app, _("Appointment"), _("Name:"), name, sizeof name))
		return UI_REDRAW;
	do {
		if (!ui_prompt(app, _("Appointment"), _("Phone (for the reminder):"), phone, sizeof phone))
			return UI_REDRAW;
		if (!yc_phone_valid(phone))
			ui_error(app, _("'%s' is not a phone number: 11 digits for a mobile, or a landline with its area code."),
				 phone);
	} while (!yc_phone_valid(phone));
	if (store_appointment_book(app->st, app->cfg->site_code, day, slots[choice], g->item.id, name, phone,
				   app->user.id, &id, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Booked: %s %s at %s for %s (appointment %lld)."), day, slots[choice],
		       g->item.window_name, name, (long long)id);
	return UI_REDRAW;
}

/* Today's booking checked in: a ticket, called before walk-ins. */
static int check_in_one(struct yc_app *app, const struct yc_appointment *a)
{
	struct yc_item_info info;
	struct yc_err err;
	char number[16];

	if (store_appointment_check_in(app->st, app->cfg->site_code, a->id, app->user.id, number, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (store_item_info(app->st, a->item_id, &info, &err) < 0 ||
	    print_ticket(app, number, info.window_name, info.name, &err) < 0)
		ui_error(app, _("Ticket %s issued, but: %s"), number, err.msg);
	else
		ui_say(app, _("%s checked in: ticket %s, called before walk-ins."), a->name, number);
	return UI_REDRAW;
}

/* Another day and slot for a booking; the person gets an SMS. */
static int move_one(struct yc_app *app, const struct yc_appointment *a)
{
	struct doc_hall hall = doc_hall_of(app->cfg);
	struct yc_err err;
	char day[11];
	int choice;

	if (!ask_booking_day(app, day) || (choice = choose_slot(app, day)) < 0)
		return UI_REDRAW;
	if (store_appointment_move(app->st, app->cfg->site_code, a->id, day, slots[choice], app->user.id, &hall,
				   &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("%s's appointment moved to %s %s; an SMS tells them."), a->name, day, slots[choice]);
	return UI_REDRAW;
}

static int cancel_one(struct yc_app *app, const struct yc_appointment *a)
{
	char question[300];
	struct yc_err err;

	snprintf(question, sizeof question, _("Cancel %s's appointment on %s %s? The place is freed."), a->name, a->day,
		 a->slot);
	if (!ui_confirm(app, question))
		return UI_REDRAW;
	if (store_appointment_cancel(app->st, app->cfg->site_code, a->id, app->user.id, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("%s's appointment on %s %s is cancelled."), a->name, a->day, a->slot);
	return UI_REDRAW;
}

/* What to do with the booking chosen: check in (today's), move, cancel. */
static int act_on_appointment(struct yc_app *app, const struct yc_appointment *a)
{
	const char *today_options[] = { _("Check in: issue the ticket"), _("Move to another day or time"),
					_("Cancel the appointment") };
	char title[300];
	int today = strcmp(a->day, app->today) == 0, choice;

	snprintf(title, sizeof title, "%s %s %s %s", a->day, a->slot, a->name, a->item);
	choice = ui_choose(app, title, today ? today_options : today_options + 1, today ? 3 : 2);
	if (choice < 0)
		return UI_REDRAW;
	if (!today)
		choice++;
	return choice == 0 ? check_in_one(app, a) : choice == 1 ? move_one(app, a) : cancel_one(app, a);
}

/* A booking of any day from today on, by the phone number or the name. */
static int find_appointment(struct yc_app *app)
{
	static char who[64];
	struct yc_appointment rows[20];
	char options[20][200];
	const char *labels[20];
	struct yc_err err;
	int n, more, i, choice;

	if (!ui_prompt(app, _("Appointments"), _("Phone number or name of the person who booked:"), who, sizeof who))
		return UI_REDRAW;
	if (store_appointments_find(app->st, app->cfg->site_code, app->today, who, rows, 20, &n, &more, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (n == 0) {
		ui_say(app, _("No booking from today on matches '%s'."), who);
		return UI_REDRAW;
	}
	if (more)
		ui_say(app, "%s", _("More bookings match: type more of the phone number to see them."));
	for (i = 0; i < n; i++) {
		snprintf(options[i], sizeof options[i], "%s %s %s %s %s", rows[i].day, rows[i].slot, rows[i].name,
			 rows[i].phone, rows[i].item);
		labels[i] = options[i];
	}
	if ((choice = ui_choose(app, _("Which booking?"), labels, n)) < 0)
		return UI_REDRAW;
	return act_on_appointment(app, &rows[choice]);
}

/* Today's bookings, as the check-in dialog's table shows them. */
static const struct ui_table_col booking_cols[] = {
	{ N_("Slot"), 6, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_appointment, slot) },
	{ N_("Booked by"), 14, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_appointment, name) },
	{ N_("Phone"), 12, UI_ALIGN_LEFT, 0, UI_TABLE_TEXT(struct yc_appointment, phone) },
	{ N_("Service item"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_appointment, item) },
};

static int booking_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_appointments_open_page(app->st, app->cfg->site_code, app->today, anchor, forward, rows, max, n,
					    err);
}

static int booking_count(void *ctx, long *count, struct yc_err *err)
{
	struct yc_app *app = ctx;

	return store_appointments_open_count(app->st, app->cfg->site_code, app->today, count, err);
}

static const struct ui_table_source booking_source = { booking_page, booking_count, NULL, NULL, NULL };

/* Today's bookings to check in (Enter, the usual case: one step), and F2
 * for any booking to move or cancel. */
static int guidance_check_in(struct yc_app *app, struct guidance *g)
{
	struct yc_appointment chosen;
	struct ui_table t;
	int rc;

	(void)g;
	if (ui_table_init(&t, app, sizeof(struct yc_appointment), booking_cols, YC_ARRAY_LEN(booking_cols),
			  &booking_source, app) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	t.empty = N_("No appointments are waiting to check in today.");
	rc = ui_table_choose(&t, _("Check in an appointment (Enter)   F2: another booking, to move or cancel"), KEY_F(2),
			     &chosen);
	ui_table_free(&t);
	if (rc == 2)
		return find_appointment(app);
	return rc == 1 ? check_in_one(app, &chosen) : UI_REDRAW;
}

static int guidance_open_guide(struct yc_app *app, struct guidance *g)
{
	struct yc_err err;

	ui_text_clear(&g->guide);
	if (store_item_guide(app->st, g->item.id, app->today, ui_text_add, &g->guide, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	g->mode = MODE_GUIDE;
	return UI_REDRAW;
}

/* Scenarios -------------------------------------------------------------- */

static const struct ui_table_col scenario_cols[] = {
	{ N_("Scenario"), 16, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_scenario_row, name) },
	{ N_("What citizens say"), 0, UI_ALIGN_LEFT, 1, UI_TABLE_TEXT(struct yc_scenario_row, keywords) },
};

struct scenario_words {
	struct yc_app *app;
	const char *words;
};

static int scenario_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n,
			 struct yc_err *err)
{
	struct scenario_words *w = ctx;

	return store_scenarios_page(w->app->st, w->words, anchor, forward, rows, max, n, err);
}

static int scenario_count(void *ctx, long *count, struct yc_err *err)
{
	struct scenario_words *w = ctx;

	return store_scenarios_count(w->app->st, w->words, count, err);
}

static const struct ui_table_source scenario_source = { scenario_page, scenario_count, NULL, NULL, NULL };

/* The scenario the citizen's words name (what is typed in the search),
 * or any when they name none. 1 chosen, 0 not. */
static int choose_scenario(struct yc_app *app, struct guidance *g, struct yc_scenario_row *chosen)
{
	struct scenario_words w = { app, g->items.filter };
	struct ui_table t;
	int rc;

	if (ui_table_init(&t, app, sizeof(struct yc_scenario_row), scenario_cols, YC_ARRAY_LEN(scenario_cols),
			  &scenario_source, &w) < 0) {
		ui_error(app, "%s", _("Out of memory."));
		return 0;
	}
	if (ui_table_total(&t) == 0 && w.words[0]) {
		w.words = "";
		ui_table_reload(&t);
	}
	t.empty = N_("The catalogue has no scenarios yet: they are imported with the items.");
	rc = ui_table_choose(&t, _("Scenario guidance: what does the citizen want to do? (Enter)"), 0, chosen);
	ui_table_free(&t);
	return rc == 1;
}

/* The scenario's questions, one by one (1 yes, 2 no); 0 when all were
 * answered, -1 when the clerk went back. */
static int ask_scenario(struct yc_app *app, const struct scenario *s, int *answers)
{
	const char *const yes_no[] = { _("Yes"), _("No") };
	char title[400];
	int i, rc;

	for (i = 0; i < s->n_questions; i++) {
		snprintf(title, sizeof title, "%s %d/%d: %s", s->name, i + 1, s->n_questions, s->questions[i]);
		if ((rc = ui_choose(app, title, yes_no, 2)) < 0)
			return -1;
		answers[i] = rc == 0;
	}
	return 0;
}

/* Scenario guidance: choose the life event, answer its questions, and
 * open what they come to as one pre-check (the same ticks, list, ticket
 * and green channel as one item's). */
static int guidance_open_scenario(struct yc_app *app, struct guidance *g)
{
	struct yc_scenario_row row;
	struct scenario s;
	int answers[SCN_MAX_QUESTIONS] = { 0 }, i;
	struct yc_err err;

	if (!choose_scenario(app, g, &row))
		return UI_REDRAW;
	if (store_scenario_read(app->st, row.id, &s, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (ask_scenario(app, &s, answers) < 0)
		return UI_REDRAW;
	if (!g->plan && !(g->plan = malloc(sizeof *g->plan))) {
		ui_error(app, "%s", _("Out of memory."));
		return UI_REDRAW;
	}
	if (store_scenario_plan(app->st, &s, answers, app->today, g->plan, &err) < 0) {
		ui_error(app, "%s", err.msg);
		free(g->plan);
		g->plan = NULL;
		return UI_REDRAW;
	}
	if (g->plan->left_out)
		ui_error(app, _("%d materials did not fit the list: open the items one by one for them."),
			 g->plan->left_out);
	g->item = g->plan->ticket_item;
	g->n_materials = g->plan->n_materials;
	for (i = 0; i < g->n_materials; i++)
		g->materials[i] = g->plan->materials[i];
	memset(g->brought, 0, sizeof g->brought);
	g->sel = g->top = 0;
	g->mode = MODE_ITEM;
	return UI_REDRAW;
}

static int item_action(struct yc_app *app, struct guidance *g, int act)
{
	switch (act) {
	case ACT_GUIDE: return guidance_open_guide(app, g);
	case ACT_TOGGLE:
		if (g->sel < g->n_materials)
			g->brought[g->sel] = !g->brought[g->sel];
		return UI_REDRAW;
	case ACT_PRINT: return print_precheck(app, g);
	case ACT_TICKET: return issue_ticket(app, g, 0);
	case ACT_GREEN: return issue_ticket(app, g, 1);
	case ACT_ASK: return ask_department(app, g);
	case ACT_ANSWERED: return record_answered(app, g);
	case ACT_APPOINTMENT: return book_appointment(app, g);
	case ACT_ESC:
		g->mode = MODE_SEARCH;
		return UI_REDRAW;
	}
	return UI_HANDLED;
}

static int guidance_action(struct yc_app *app, void *priv, int act)
{
	struct guidance *g = priv;

	if (g->mode == MODE_ITEM)
		return item_action(app, g, act);
	if (g->mode == MODE_GUIDE) {
		if (act != ACT_ESC)
			return UI_UNHANDLED;   /* scrolling: the viewer's keys */
		g->mode = MODE_ITEM;   /* back to the ticks, which are kept */
		return UI_REDRAW;
	}
	if (g->mode == MODE_QUESTIONS) {
		if (act == ACT_ESC)
			g->mode = MODE_SEARCH;
		return UI_REDRAW;
	}
	switch (act) {
	case ACT_OPEN: return guidance_open_item(app, g);
	case ACT_SCENARIO: return guidance_open_scenario(app, g);
	case ACT_MY_QUESTIONS: return open_questions(app, g);
	case ACT_APPOINTMENT: return guidance_check_in(app, g);
	case ACT_ESC: return ui_items_clear(&g->items) ? UI_REDRAW : UI_BACK;
	}
	return UI_HANDLED;
}

static int guidance_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct guidance *g = priv;

	if (g->mode == MODE_SEARCH)
		return ui_items_key(&g->items, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (g->mode == MODE_GUIDE)
		return ui_text_key(&g->guide, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (g->mode == MODE_ITEM && is_keycode && ch == KEY_DOWN && g->sel + 1 < g->n_materials) {
		g->sel++;
		return UI_REDRAW;
	}
	if (g->mode == MODE_ITEM && is_keycode && ch == KEY_UP && g->sel > 0) {
		g->sel--;
		return UI_REDRAW;
	}
	if (g->mode == MODE_QUESTIONS && is_keycode && (ch == KEY_DOWN || ch == KEY_UP)) {
		g->q_top += ch == KEY_DOWN ? (g->q_top + 1 < g->n_questions) : -(g->q_top > 0);
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int guidance_data_changed(struct yc_app *app, void *priv)
{
	struct guidance *g = priv;

	if (g->mode == MODE_SEARCH)
		ui_items_refresh(&g->items);
	else if (g->mode == MODE_QUESTIONS)
		return open_questions(app, g);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_guidance = {
	.name = "guidance",
	.title = N_("Guidance desk"),
	.perm = PERM_GUIDANCE,
	.in_menu = 1,
	.keys = search_keys,
	.n_keys = YC_ARRAY_LEN(search_keys),
	.private_size = sizeof(struct guidance),
	.enter = guidance_enter,
	.leave = guidance_leave,
	.draw = guidance_draw,
	.action = guidance_action,
	.key = guidance_key,
	.data_changed = guidance_data_changed,
	.mode_keys = mode_keys,
};
