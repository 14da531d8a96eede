/* admin.c - the administrator's screen: the hall's set-up, one section a
 * tab (users, windows, sites, departments, the contract, the holiday
 * calendar), each a list with its own keys. A new hall has only 'admin':
 * here the administrator adds the clerks, reviewers and windows.
 *
 * The screen shows and asks; every rule is the store's (store-setup.h),
 * whose refusal is shown as it comes. New passwords are shown once, in a
 * box the administrator closes after writing them down. */
#include "config.h"

#include <errno.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "auth.h"
#include "store-queue.h"
#include "store-setup.h"
#include "states.h"
#include "ui.h"
#include "ui-table.h"
#include "ui-text.h"
#include "width.h"

enum tab { TAB_USERS, TAB_WINDOWS, TAB_SITES, TAB_DEPARTMENTS, TAB_CONTRACT, TAB_CALENDAR, N_TABS };

enum { ACT_ADD = ACT_SCREEN, ACT_EDIT, ACT_ACTIVE, ACT_RESET, ACT_IMPORT, ACT_VIEW, ACT_CLOSE, ACT_NEXT_TAB };

/* Moving between the sections, in every section's table (key() takes
 * the keys that go with it); and in a section's list, the table's keys. */
#define TAB_KEY \
	{ ACT_NEXT_TAB, '\t', "Tab", N_("Next section"), N_("Next section (S-Tab, Left: back; Right: on; 1-6: that one)"), KB_BAR }
#define MOVE_KEYS TAB_KEY, UI_TABLE_KEYS

static const struct yc_binding user_keys[] = {
	{ ACT_ADD, 'a', "a", N_("Add"), N_("Add a user: login, name, role (a reviewer's department), window"), KB_BAR },
	{ ACT_EDIT, 'e', "e", N_("Change"), N_("Change the selected user's name, role, department, site or window"), KB_BAR },
	{ ACT_ACTIVE, 'd', "d", N_("Disable/enable"), N_("Disable the selected user (no more logins, the history stays), or enable again"), KB_BAR },
	{ ACT_RESET, 'r', "r", N_("Reset password"), N_("Give the selected user a new one-time password (also ends a lockout)"), KB_BAR },
	MOVE_KEYS,
};

static const struct yc_binding window_keys[] = {
	{ ACT_ADD, 'a', "a", N_("Add"), N_("Add a window: its site, name (e.g. 3号窗口) and the queues it calls"), KB_BAR },
	{ ACT_EDIT, 'e', "e", N_("Change"), N_("Change the queues the selected window calls"), KB_BAR },
	{ ACT_ACTIVE, 'd', "d", N_("Open/close"), N_("Close the selected window (it calls no tickets), or open it again"), KB_BAR },
	MOVE_KEYS,
};

static const struct yc_binding site_keys[] = {
	{ ACT_ADD, 'a', "a", N_("Add"), N_("Add a site: code, name, level (banner or township)"), KB_BAR },
	{ ACT_EDIT, 'e', "e", N_("Change"), N_("Change the selected site's name and level"), KB_BAR },
	{ ACT_ACTIVE, 'd', "d", N_("Close/reopen"), N_("Close the selected site, or reopen it"), KB_BAR },
	MOVE_KEYS,
};

static const struct yc_binding department_keys[] = {
	{ ACT_ADD, 'a', "a", N_("Add"), N_("Add a department: code and name"), KB_BAR },
	{ ACT_EDIT, 'e', "e", N_("Change"), N_("Change the selected department's name"), KB_BAR },
	MOVE_KEYS,
};

static const struct yc_binding contract_keys[] = {
	{ ACT_EDIT, 'e', "e", N_("Record"), N_("Record a contract period: contractor, yearly fee, from, to"), KB_BAR },
	{ ACT_EDIT, 'a', "a", N_("Record"), N_("Record a contract period (as e)"), 0 },
	TAB_KEY,
};

static const struct yc_binding calendar_keys[] = {
	{ ACT_IMPORT, 'i', "i", N_("Import"), N_("Import a year's holiday notice from a file (checked whole first)"), KB_BAR },
	{ ACT_VIEW, KEY_ENTER, "Enter", N_("Days"), N_("Show the days listed for the selected year"), KB_BAR },
	MOVE_KEYS,
};

static const struct yc_binding view_keys[] = {
	{ ACT_CLOSE, 27, "Esc", N_("Close"), N_("Close this view"), KB_BAR },
	{ ACT_NONE, KEY_DOWN, "Up/Down", N_("Scroll"), N_("Scroll (also PgUp, PgDn, Home, End)"), 0 },
};

/* A list's columns: the title, the columns it needs at least, and its
 * share of the columns left over on a wider terminal. */
struct column {
	const char *title;     /* N_() */
	int min, grow;
};

#define MAX_COLS 8
#define CELL 256

static const struct column user_columns[] = {
	{ N_("Login"), 10, 1 }, { N_("Full name"), 10, 1 }, { N_("Role"), 10, 1 }, { N_("Department"), 12, 3 },
	{ N_("Site"), 5, 1 }, { N_("Window"), 8, 2 }, { N_("State"), 8, 0 },
};
static const struct column window_columns[] = {
	{ N_("Site"), 8, 1 }, { N_("Window"), 14, 1 }, { N_("Queues it calls"), 28, 4 }, { N_("State"), 13, 0 },
};
static const struct column site_columns[] = {
	{ N_("Code"), 8, 1 }, { N_("Name"), 30, 4 }, { N_("Level"), 10, 0 }, { N_("State"), 8, 0 },
};
static const struct column department_columns[] = {
	{ N_("Code"), 6, 0 }, { N_("Name"), 26, 3 }, { N_("Reviewers"), 9, 0 }, { N_("Note"), 28, 1 },
};
static const struct column year_columns[] = {
	{ N_("Notice year"), 11, 0 }, { N_("Days listed"), 11, 0 }, { N_("From the file"), 24, 4 },
	{ N_("Imported at"), 19, 0 },
};

struct tab_def {
	const char *name;                 /* N_() */
	const struct yc_binding *keys;
	size_t n_keys;
	const struct column *columns;
	int n_columns;
};

static const struct tab_def tabs[N_TABS] = {
	{ N_("Users"), user_keys, YC_ARRAY_LEN(user_keys), user_columns, YC_ARRAY_LEN(user_columns) },
	{ N_("Windows"), window_keys, YC_ARRAY_LEN(window_keys), window_columns, YC_ARRAY_LEN(window_columns) },
	{ N_("Sites"), site_keys, YC_ARRAY_LEN(site_keys), site_columns, YC_ARRAY_LEN(site_columns) },
	{ N_("Departments"), department_keys, YC_ARRAY_LEN(department_keys), department_columns,
	  YC_ARRAY_LEN(department_columns) },
	{ N_("Contract"), contract_keys, YC_ARRAY_LEN(contract_keys), NULL, 0 },
	{ N_("Holidays"), calendar_keys, YC_ARRAY_LEN(calendar_keys), year_columns, YC_ARRAY_LEN(year_columns) },
};

/* The roles, in the order the hall meets them (labels: auth_role_label). */
static const char *const roles[] = { "guide", "intake", "reviewer", "pickup", "supervisor", "admin" };

struct admin;

/* A section's list: a table over the store's pages, its columns (their
 * widths set at each draw), and what the store's count marks: active
 * users, windows calling tickets, sites in use, departments with no
 * reviewer. */
struct section {
	struct yc_app *app;
	struct admin *a;
	enum tab tab;
	struct ui_table table;
	struct ui_table_col cols[MAX_COLS];
	long marked;
};

struct admin {
	enum tab tab;
	int viewing;                     /* a text (a year's days, a file's problems) over the section */
	struct ui_text text;
	struct section list[N_TABS];     /* all but the contract's */
	struct yc_category categories[16];
	int n_categories;
	struct yc_contract contract, next_contract;
	int have_contract, have_next;
	long monthly_fee_fen;
	struct yc_policy policy;
	char want[N_TABS][128];          /* the row to select after the next load, by its key */
};

/* Loading ------------------------------------------------------------------------ */

static int has_list(enum tab t)
{
	return t != TAB_CONTRACT;
}

/* A row's key, to find it again after a reload. */
static void row_key(enum tab t, const void *row, char *out, size_t n)
{
	out[0] = '\0';
	switch (t) {
	case TAB_USERS: yc_strlcpy(out, ((const struct yc_user_row *)row)->login, n); break;
	case TAB_WINDOWS:
		snprintf(out, n, "%s\t%s", ((const struct yc_window_row *)row)->site_code,
			 ((const struct yc_window_row *)row)->name);
		break;
	case TAB_SITES: yc_strlcpy(out, ((const struct yc_site_row *)row)->code, n); break;
	case TAB_DEPARTMENTS: yc_strlcpy(out, ((const struct yc_department_row *)row)->code, n); break;
	case TAB_CALENDAR: snprintf(out, n, "%d", ((const struct yc_calendar_year *)row)->year); break;
	default: break;
	}
}

/* The selected row of the section shown, or NULL. */
static const void *selected(const struct admin *a)
{
	return has_list(a->tab) ? ui_table_selected(&a->list[a->tab].table) : NULL;
}

/* The row whose key is want selected: from the first row down, as far
 * as it takes (a row just added or changed); the first when it is gone. */
static void select_wanted(struct section *s, const char *want)
{
	char k[128], was[128] = "";
	const void *row;

	ui_table_reload(&s->table);
	while ((row = ui_table_selected(&s->table))) {
		row_key(s->tab, row, k, sizeof k);
		if (strcmp(k, want) == 0)
			return;
		if (strcmp(k, was) == 0) {   /* the last row, and not it */
			ui_table_reload(&s->table);
			return;
		}
		yc_strlcpy(was, k, sizeof was);
		ui_table_action(&s->table, ACT_TABLE_DOWN);
	}
}

/* The day after day ("YYYY-MM-DD"), or "" when day is not a date. */
static void day_after(const char *day, char out[11])
{
	yc_date d;

	if (date_parse(day, &d) == 0)
		date_format(d + 1, out);
	else
		out[0] = '\0';
}

/* The lists again, each keeping its selection (or taking the row
 * wanted), counted again; and the rest of the set-up. The station's own
 * calendar too, so that what it promises follows. */
static void admin_load(struct yc_app *app, struct admin *a)
{
	struct yc_calendar cal;
	struct yc_err err;
	char next[11];
	int t, rc = 1;

	for (t = 0; t < N_TABS; t++) {
		if (!has_list(t))
			continue;
		if (a->want[t][0])
			select_wanted(&a->list[t], a->want[t]);
		else
			ui_table_refresh(&a->list[t].table);
		a->want[t][0] = '\0';
	}
	a->have_contract = a->have_next = 0;
	if (store_categories(app->st, a->categories, (int)YC_ARRAY_LEN(a->categories), &a->n_categories, &err) < 0 ||
	    (rc = store_contract_on(app->st, app->today, &a->contract, &err)) < 0 ||
	    store_monthly_fee(app->st, app->today, &a->monthly_fee_fen, &err) < 0 ||
	    store_policy_get(app->st, &a->policy, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	a->have_contract = rc == 0;
	/* the period after it: recorded in time, or still to be */
	if (a->have_contract) {
		day_after(a->contract.ends_on, next);
		rc = next[0] ? store_contract_on(app->st, next, &a->next_contract, &err) : 1;
		if (rc < 0)
			ui_error(app, "%s", err.msg);
		a->have_next = rc == 0;
	}
	cal_init(&cal);
	if (store_calendar_load(app->st, &cal, &err) < 0) {
		cal_free(&cal);
		ui_error(app, "%s", err.msg);
	} else {
		cal_free(&app->cal);
		app->cal = cal;
	}
}

static int section_init(struct yc_app *app, struct admin *a, enum tab t);

static int admin_enter(struct yc_app *app, void *priv)
{
	struct admin *a = priv;
	int t;

	for (t = 0; t < N_TABS; t++)
		if (has_list(t) && section_init(app, a, t) < 0)
			return -1;
	admin_load(app, a);
	return 0;
}

static void admin_leave(struct yc_app *app, void *priv)
{
	struct admin *a = priv;
	int t;

	for (t = 0; t < N_TABS; t++)
		if (has_list(t))
			ui_table_free(&a->list[t].table);
	ui_text_clear(&a->text);
}

static const struct yc_binding *mode_keys(void *priv, size_t *n)
{
	struct admin *a = priv;

	if (a->viewing) {
		*n = YC_ARRAY_LEN(view_keys);
		return view_keys;
	}
	*n = tabs[a->tab].n_keys;
	return tabs[a->tab].keys;
}

/* Words for codes ------------------------------------------------------------------- */

static const char *level_label(const char *level)
{
	if (strcmp(level, "banner") == 0)
		return _("banner");
	if (strcmp(level, "township") == 0)
		return _("township");
	return level;
}

/* "combined,bundle" as the queues' names: "综合受理、一次办". */
static void categories_label(const struct admin *a, const char *codes, char *out, size_t n)
{
	char buf[128], *tok, *save = NULL;
	size_t used = 0;

	out[0] = '\0';
	yc_strlcpy(buf, codes, sizeof buf);
	for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save)) {
		const char *name = tok;
		int i;

		for (i = 0; i < a->n_categories; i++)
			if (strcmp(a->categories[i].code, tok) == 0)
				name = a->categories[i].name;
		used += (size_t)snprintf(out + used, used < n ? n - used : 0, "%s%s", used ? _(", ") : "", name);
	}
}

static const char *admin_user_state(const struct yc_user_row *u, const char *now)
{
	if (!u->active)
		return _("disabled");
	if (u->locked_until[0] && strcmp(u->locked_until, now) > 0)
		return _("locked");
	if (u->must_change_password)
		return _("must change password");
	return "";
}

/* One more part of a row's whole text, when there is one. */
static void admin_add_part(char *out, size_t n, const char *part)
{
	size_t used = strlen(out);

	if (part[0] && used < n)
		snprintf(out + used, n - used, "%s%s", _("; "), part);
}


/* Drawing ------------------------------------------------------------------------- */

static void draw_tabs(struct admin *a, int y, int cols)
{
	int t, x = 1;

	for (t = 0; t < N_TABS && x < cols - 1; t++) {
		char label[64];
		int w;

		snprintf(label, sizeof label, " %d %s ", t + 1, _(tabs[t].name));
		w = yc_width(label);
		if (w > cols - 1 - x)
			w = cols - 1 - x;
		ui_put(y, x, w, label, t == (int)a->tab ? ui_attr_selected() | A_BOLD : A_NORMAL);
		x += w + 1;
	}
}

/* The columns' widths in cols columns, one space between them. */
static void column_widths(const struct column *c, int n, int cols, int *w)
{
	int i, used = 1, grow = 0, extra;

	for (i = 0; i < n; i++) {
		w[i] = c[i].min;
		used += c[i].min + 1;
		grow += c[i].grow;
	}
	extra = cols - used;
	for (i = 0; i < n && extra > 0 && grow > 0; i++)
		w[i] += extra * c[i].grow / grow;
}

/* One row's cells, its look, and its whole text for the line under the
 * list (the cells may be cut on a narrow terminal). */
static attr_t row_cells(struct yc_app *app, struct admin *a, enum tab t, const void *row, char cell[][CELL],
			char *detail, size_t n)
{
	char now[20];

	switch (t) {
	case TAB_USERS: {
		const struct yc_user_row *u = row;

		yc_now(now);
		yc_strlcpy(cell[0], u->login, CELL);
		yc_strlcpy(cell[1], u->full_name, CELL);
		yc_strlcpy(cell[2], auth_role_label(u->role), CELL);
		yc_strlcpy(cell[3], u->department[0] ? u->department : "-", CELL);
		yc_strlcpy(cell[4], u->site_code, CELL);
		yc_strlcpy(cell[5], u->window[0] ? u->window : "-", CELL);
		yc_strlcpy(cell[6], admin_user_state(u, now), CELL);
		snprintf(detail, n, _("%s %s: %s"), u->login, u->full_name, auth_role_label(u->role));
		admin_add_part(detail, n, u->department);
		admin_add_part(detail, n, u->site_code);
		admin_add_part(detail, n, u->window);
		admin_add_part(detail, n, cell[6]);
		return u->active ? A_NORMAL : ui_attr_dim();
	}
	case TAB_WINDOWS: {
		const struct yc_window_row *w = row;

		yc_strlcpy(cell[0], w->site_code, CELL);
		yc_strlcpy(cell[1], w->name, CELL);
		categories_label(a, w->categories, cell[2], CELL);
		if (!cell[2][0])
			yc_strlcpy(cell[2], "-", CELL);
		yc_strlcpy(cell[3], w->open ? _("calls tickets") : _("closed"), CELL);
		snprintf(detail, n, _("%s %s: %s"), w->site_code, w->name, cell[2]);
		admin_add_part(detail, n, w->categories);
		return w->open ? A_NORMAL : ui_attr_dim();
	}
	case TAB_SITES: {
		const struct yc_site_row *s = row;

		yc_strlcpy(cell[0], s->code, CELL);
		yc_strlcpy(cell[1], s->name, CELL);
		yc_strlcpy(cell[2], level_label(s->level), CELL);
		yc_strlcpy(cell[3], s->active ? _("in use") : _("closed"), CELL);
		snprintf(detail, n, "%s %s (%s)", s->code, s->name, cell[2]);
		return s->active ? A_NORMAL : ui_attr_dim();
	}
	case TAB_DEPARTMENTS: {
		const struct yc_department_row *d = row;

		yc_strlcpy(cell[0], d->code, CELL);
		yc_strlcpy(cell[1], d->name, CELL);
		snprintf(cell[2], CELL, "%4d", d->reviewers);
		yc_strlcpy(cell[3], d->reviewers ? "" : _("! no reviewer: slips reach nobody"), CELL);
		if (d->reviewers)
			snprintf(detail, n, _("%s %s: reviewers: %d"), d->code, d->name, d->reviewers);
		else
			snprintf(detail, n, _("%s %s: %s"), d->code, d->name, cell[3]);
		return d->reviewers ? A_NORMAL : ui_attr_error();
	}
	case TAB_CALENDAR: {
		const struct yc_calendar_year *y = row;

		snprintf(cell[0], CELL, "%d", y->year);
		snprintf(cell[1], CELL, "%4d", y->days);
		yc_strlcpy(cell[2], y->source, CELL);
		yc_strlcpy(cell[3], y->imported_at, CELL);
		snprintf(detail, n, _("%d: days listed: %d, from %s (%s)"), y->year, y->days, y->source, y->imported_at);
		return A_NORMAL;
	}
	default:
		detail[0] = '\0';
		return A_NORMAL;
	}
}

/* The section's first line: what matters about it at a glance. */
static attr_t summary(struct yc_app *app, struct admin *a, char *out, size_t n)
{
	const struct section *s = &a->list[a->tab];
	int all = has_list(a->tab) ? (int)ui_table_total(&s->table) : 0, k = (int)s->marked;

	switch (a->tab) {
	case TAB_USERS:
		snprintf(out, n, _("Users: %d (%d active)"), all, k);
		return A_BOLD;
	case TAB_WINDOWS:
		snprintf(out, n, _("Windows: %d (%d calling tickets)"), all, k);
		return A_BOLD;
	case TAB_SITES:
		snprintf(out, n, _("Sites: %d (%d in use)"), all, k);
		return A_BOLD;
	case TAB_DEPARTMENTS:
		if (k) {
			snprintf(out, n, _("Departments: %d; with no reviewer (marked !, their slips reach nobody): %d"),
				 all, k);
			return ui_attr_error();
		}
		snprintf(out, n, _("Departments: %d, each with a reviewer"), all);
		return A_BOLD;
	case TAB_CALENDAR: {
		yc_date today;
		char until[11];
		int left;

		date_parse(app->today, &today);
		left = cal_days_left(&app->cal, today);
		if (left == CAL_NO_END) {
			snprintf(out, n, "%s", _("No year's holidays are imported: dates are computed without holidays."));
			return ui_attr_error();
		}
		date_format(app->cal.known_until, until);
		if (left < 0)
			snprintf(out, n, _("The calendar ended on %s: import the new year's notice (i)."), until);
		else if (left <= CAL_WARN_DAYS)
			snprintf(out, n, _("The calendar runs until %s: %d days left. Import next year's notice (i)."),
				 until, left);
		else
			snprintf(out, n, _("The calendar runs until %s: %d days left."), until, left);
		return left <= CAL_WARN_DAYS ? ui_attr_error() : A_BOLD;
	}
	default:
		out[0] = '\0';
		return A_NORMAL;
	}
}

static const char *empty_text(enum tab t)
{
	switch (t) {
	case TAB_WINDOWS: return _("No windows yet: a adds one (e.g. 3号窗口, calling the combined queue).");
	case TAB_DEPARTMENTS: return _("No departments yet: a adds one.");
	case TAB_CALENDAR: return _("No year's holidays are imported: i imports the State Council's notice.");
	default: return _("Nothing here yet: a adds one.");
	}
}

static void admin_draw_list(struct yc_app *app, struct admin *a, int top, int rows, int cols)
{
	const struct tab_def *d = &tabs[a->tab];
	struct section *s = &a->list[a->tab];
	char cell[MAX_COLS][CELL], line[1024], detail[1024];
	const void *row;
	int w[MAX_COLS], i;
	attr_t attr;

	attr = summary(app, a, line, sizeof line);
	ui_put(top, 1, cols - 2, line, attr);
	column_widths(d->columns, d->n_columns, cols - 2, w);
	for (i = 0; i < d->n_columns; i++)
		s->cols[i].width = w[i];
	ui_table_draw(&s->table, top + 1, rows - 2, cols - 1);
	if (!(row = ui_table_selected(&s->table))) {
		ui_put_wrapped(top + 2, 2, top + rows - 1, cols - 4, empty_text(a->tab), A_NORMAL);
		return;
	}
	/* the selected row whole, and how many there are (a page by key
	 * knows no row's place in the list) */
	row_cells(app, a, a->tab, row, cell, detail, sizeof detail);
	snprintf(line, sizeof line, _("%ld in all"), ui_table_total(&s->table));
	ui_put(top + rows - 1, 2, cols - 6 - yc_width(line), detail, ui_attr_dim());
	ui_put(top + rows - 1, cols - 2 - yc_width(line), yc_width(line), line, ui_attr_dim());
}

/* A section's rows from the store ----------------------------------------------------- */

static int section_page(void *ctx, const void *anchor, int forward, void *rows, int max, int *n, struct yc_err *err)
{
	struct section *s = ctx;
	struct yc_store *st = s->app->st;

	switch (s->tab) {
	case TAB_USERS: return store_users_page(st, anchor, forward, rows, max, n, err);
	case TAB_WINDOWS: return store_windows_page(st, anchor, forward, rows, max, n, err);
	case TAB_SITES: return store_sites_page(st, anchor, forward, rows, max, n, err);
	case TAB_DEPARTMENTS: return store_departments_page(st, anchor, forward, rows, max, n, err);
	default: return store_calendar_years_page(st, anchor, forward, rows, max, n, err);
	}
}

static int section_count(void *ctx, long *total, struct yc_err *err)
{
	struct section *s = ctx;
	struct yc_store *st = s->app->st;

	s->marked = 0;
	switch (s->tab) {
	case TAB_USERS: return store_users_count(st, total, &s->marked, err);
	case TAB_WINDOWS: return store_windows_count(st, total, &s->marked, err);
	case TAB_SITES: return store_sites_count(st, total, &s->marked, err);
	case TAB_DEPARTMENTS: return store_departments_count(st, total, &s->marked, err);
	default: return store_calendar_years_count(st, total, err);
	}
}

static size_t section_row_size(enum tab t)
{
	switch (t) {
	case TAB_USERS: return sizeof(struct yc_user_row);
	case TAB_WINDOWS: return sizeof(struct yc_window_row);
	case TAB_SITES: return sizeof(struct yc_site_row);
	case TAB_DEPARTMENTS: return sizeof(struct yc_department_row);
	default: return sizeof(struct yc_calendar_year);
	}
}

static attr_t section_row_attr(void *ctx, const void *row)
{
	struct section *s = ctx;
	char cell[MAX_COLS][CELL], detail[1024];

	return row_cells(s->app, s->a, s->tab, row, cell, detail, sizeof detail);
}

/* Cell k of a row, as row_cells makes them: column k's formatter. */
static void admin_cell_text(void *ctx, const void *row, int k, char *out, size_t n)
{
	struct section *s = ctx;
	char cell[MAX_COLS][CELL], detail[1024];

	row_cells(s->app, s->a, s->tab, row, cell, detail, sizeof detail);
	yc_strlcpy(out, cell[k], n);
}

#define CELL_FORMAT(k) \
	static void cell_##k(void *ctx, const void *row, char *out, size_t n) { admin_cell_text(ctx, row, k, out, n); }
CELL_FORMAT(0) CELL_FORMAT(1) CELL_FORMAT(2) CELL_FORMAT(3) CELL_FORMAT(4) CELL_FORMAT(5) CELL_FORMAT(6)
CELL_FORMAT(7)

static void (*const cell_format[MAX_COLS])(void *, const void *, char *, size_t) = {
	cell_0, cell_1, cell_2, cell_3, cell_4, cell_5, cell_6, cell_7,
};

/* The same record after a refresh: its id, or its key where it has no id. */
static int same_user(const void *x, const void *y)
{
	return ((const struct yc_user_row *)x)->id == ((const struct yc_user_row *)y)->id;
}

static int same_window(const void *x, const void *y)
{
	return ((const struct yc_window_row *)x)->id == ((const struct yc_window_row *)y)->id;
}

static int same_site(const void *x, const void *y)
{
	return ((const struct yc_site_row *)x)->id == ((const struct yc_site_row *)y)->id;
}

static int same_department(const void *x, const void *y)
{
	return strcmp(((const struct yc_department_row *)x)->code, ((const struct yc_department_row *)y)->code) == 0;
}

static int same_year(const void *x, const void *y)
{
	return ((const struct yc_calendar_year *)x)->year == ((const struct yc_calendar_year *)y)->year;
}

static const struct ui_table_source sources[N_TABS] = {
	[TAB_USERS] = { section_page, section_count, section_row_attr, same_user, NULL },
	[TAB_WINDOWS] = { section_page, section_count, section_row_attr, same_window, NULL },
	[TAB_SITES] = { section_page, section_count, section_row_attr, same_site, NULL },
	[TAB_DEPARTMENTS] = { section_page, section_count, section_row_attr, same_department, NULL },
	[TAB_CALENDAR] = { section_page, section_count, section_row_attr, same_year, NULL },
};

/* The section's table: its columns as the tab declares them. */
static int section_init(struct yc_app *app, struct admin *a, enum tab t)
{
	struct section *s = &a->list[t];
	const struct tab_def *d = &tabs[t];
	int i;

	s->app = app;
	s->a = a;
	s->tab = t;
	for (i = 0; i < d->n_columns; i++)
		s->cols[i] = (struct ui_table_col){ d->columns[i].title, d->columns[i].min, UI_ALIGN_LEFT, 1,
						    cell_format[i], 0 };
	if (ui_table_init(&s->table, app, section_row_size(t), s->cols, d->n_columns, &sources[t], s) < 0)
		return -1;
	s->table.x = 2;
	s->table.empty = "";   /* draw_list says what to do instead */
	return 0;
}

/* The rest of the hall's policy, at the foot of the contract's section
 * (clear of a question asked over it): the same at every station, set
 * with `yichuang policy` (yichuang(1), ADMINISTRATION). */
static void draw_policy(const struct admin *a, int bottom, int cols)
{
	char line[600];

	snprintf(line, sizeof line,
		 _("The hall's policy: %d wrong passwords lock an account for %d minutes; %d people per appointment slot; %s (yichuang policy)."),
		 a->policy.login_max_failures, a->policy.login_lock_minutes, a->policy.appointments_per_slot,
		 a->policy.queue_take_others ? _("an idle window takes other queues' tickets")
					     : _("a window calls only its own queues"));
	ui_put_wrapped(bottom - 1, 3, bottom, cols - 6, line, ui_attr_dim());
}

static void draw_contract(struct yc_app *app, struct admin *a, int top, int rows, int cols)
{
	char line[600], fee[32], month[32];
	int y = top;

	snprintf(line, sizeof line, _("The contract in force on %s"), app->today);
	ui_put(y++, 1, cols - 2, line, A_BOLD);
	y++;
	if (!a->have_contract) {
		y = ui_put_wrapped(y, 3, top + rows - 1, cols - 6, _("No contract is recorded for today: e records one."),
				   ui_attr_error());
		yc_format_yuan(a->monthly_fee_fen, month, sizeof month);
		snprintf(line, sizeof line,
			 _("Without one, the assessment takes the hall's fee: %s yuan a month (assessment.monthly_fee)."),
			 month);
		ui_put_wrapped(y, 3, top + rows - 1, cols - 6, line, ui_attr_dim());
		draw_policy(a, top + rows - 1, cols);
		return;
	}
	yc_format_yuan(a->contract.fee_fen_per_year, fee, sizeof fee);
	yc_format_yuan(a->monthly_fee_fen, month, sizeof month);
	snprintf(line, sizeof line, _("Contractor:   %s"), a->contract.contractor);
	ui_put(y++, 3, cols - 6, line, A_NORMAL);
	snprintf(line, sizeof line, _("Fee per year: %s yuan (this month: %s yuan)"), fee, month);
	ui_put(y++, 3, cols - 6, line, A_NORMAL);
	snprintf(line, sizeof line, _("Period:       %s to %s"), a->contract.starts_on, a->contract.ends_on);
	ui_put(y++, 3, cols - 6, line, A_NORMAL);
	y++;
	if (a->have_next) {
		yc_format_yuan(a->next_contract.fee_fen_per_year, fee, sizeof fee);
		snprintf(line, sizeof line, _("Then: %s, %s yuan a year, %s to %s."), a->next_contract.contractor, fee,
			 a->next_contract.starts_on, a->next_contract.ends_on);
		ui_put_wrapped(y, 3, top + rows - 1, cols - 6, line, A_NORMAL);
	} else {
		snprintf(line, sizeof line, _("Nothing is recorded after %s: e records the next period when it is signed."),
			 a->contract.ends_on);
		ui_put_wrapped(y, 3, top + rows - 1, cols - 6, line, ui_attr_dim());
	}
	draw_policy(a, top + rows - 1, cols);
}

static void admin_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct admin *a = priv;

	draw_tabs(a, top, cols);
	if (a->viewing)
		ui_text_draw(&a->text, top + 1, rows - 1, cols);
	else if (a->tab == TAB_CONTRACT)
		draw_contract(app, a, top + 2, rows - 2, cols);
	else
		admin_draw_list(app, a, top + 1, rows - 1, cols);
}

/* Asking ------------------------------------------------------------------------------ */

/* Options for ui_choose, built as they come. */
struct options {
	const char **opt;
	char (*text)[200];
	char (*value)[128];              /* what each option stands for */
	int n, cap;
};

static void options_free(struct options *o)
{
	free(o->opt);
	free(o->text);
	free(o->value);
	memset(o, 0, sizeof *o);
}

static void options_add(struct options *o, const char *value, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
static void options_add(struct options *o, const char *value, const char *fmt, ...)
{
	va_list ap;

	if (o->n == o->cap) {
		int cap = o->cap ? o->cap * 2 : 16;
		const char **opt = realloc(o->opt, (size_t)cap * sizeof *opt);
		char (*text)[200] = opt ? realloc(o->text, (size_t)cap * sizeof *text) : NULL;
		char (*val)[128] = text ? realloc(o->value, (size_t)cap * sizeof *val) : NULL;

		if (opt)
			o->opt = opt;
		if (text)
			o->text = text;
		if (!val)
			return;
		o->value = val;
		o->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(o->text[o->n], sizeof o->text[0], fmt, ap);
	va_end(ap);
	yc_strlcpy(o->value[o->n], value, sizeof o->value[0]);
	o->n++;
}

/* The option chosen's value into out; 0, or -1 when cancelled. */
static int choose(struct yc_app *app, const char *title, struct options *o, char *out, size_t n)
{
	int i, choice;

	for (i = 0; i < o->n; i++)
		o->opt[i] = o->text[i];
	choice = o->n ? ui_choose(app, title, o->opt, o->n) : -1;
	if (choice >= 0)
		yc_strlcpy(out, o->value[choice], n);
	options_free(o);
	return choice >= 0 ? 0 : -1;
}

static int choose_role(struct yc_app *app, char *out, size_t n)
{
	struct options o = { 0 };
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(roles); i++)
		options_add(&o, roles[i], "%s", auth_role_label(roles[i]));
	return choose(app, _("Role"), &o, out, n);
}

/* The choosers offer every row: the store's lists walked whole. */
static int choose_department(struct yc_app *app, int with_none, char *out, size_t n)
{
	struct yc_department_row *d;
	struct options o = { 0 };
	struct yc_err err;
	int i, count;

	if (store_departments_list(app->st, &d, &count, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return -1;
	}
	if (with_none)
		options_add(&o, "", "%s", _("(none)"));
	for (i = 0; i < count; i++)
		options_add(&o, d[i].code, "%-6s %s", d[i].code, d[i].name);
	free(d);
	return choose(app, _("Department"), &o, out, n);
}

/* The site: asked only when the hall has more than one. */
static int choose_site(struct yc_app *app, char *out, size_t n)
{
	struct yc_site_row *s;
	struct options o = { 0 };
	struct yc_err err;
	int i, count;

	if (store_sites_list(app->st, &s, &count, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return -1;
	}
	for (i = 0; i < count; i++)
		options_add(&o, s[i].code, "%-8s %s%s", s[i].code, s[i].name, s[i].active ? "" : _(" (closed)"));
	if (count == 1) {
		yc_strlcpy(out, s[0].code, n);
		free(s);
		options_free(&o);
		return 0;
	}
	free(s);
	return choose(app, _("Site"), &o, out, n);
}

/* A window at the site, or none; not asked when the site has none. */
static int choose_window(struct yc_app *app, const char *site, char *out, size_t n)
{
	struct yc_window_row *w;
	struct options o = { 0 };
	struct yc_err err;
	int i, count;

	if (store_windows_list(app->st, &w, &count, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return -1;
	}
	options_add(&o, "", "%s", _("(none)"));
	for (i = 0; i < count; i++)
		if (strcmp(w[i].site_code, site) == 0)
			options_add(&o, w[i].name, "%s", w[i].name);
	free(w);
	if (o.n == 1) {
		options_free(&o);
		out[0] = '\0';
		return 0;
	}
	return choose(app, _("Window"), &o, out, n);
}

/* The queues a window calls, ticked one by one: "combined,bundle". */
static int choose_categories(struct yc_app *app, struct admin *a, char *list, size_t n)
{
	int on[16] = { 0 }, i, choice;

	for (i = 0; i < a->n_categories; i++) {
		char buf[160], *tok, *save = NULL;

		yc_strlcpy(buf, list, sizeof buf);
		for (tok = strtok_r(buf, ",", &save); tok; tok = strtok_r(NULL, ",", &save))
			on[i] |= strcmp(tok, a->categories[i].code) == 0;
	}
	for (;;) {
		char text[17][128];
		const char *opt[17];

		for (i = 0; i < a->n_categories; i++) {
			snprintf(text[i], sizeof text[i], "[%s] %s", on[i] ? "x" : " ", a->categories[i].name);
			opt[i] = text[i];
		}
		snprintf(text[i], sizeof text[i], "%s", _("Done"));
		opt[i] = text[i];
		choice = ui_choose(app, _("Queues it calls (a number ticks or unticks)"), opt, a->n_categories + 1);
		if (choice < 0)
			return -1;
		if (choice == a->n_categories)
			break;
		on[choice] = !on[choice];
	}
	list[0] = '\0';
	for (i = 0; i < a->n_categories; i++)
		if (on[i])
			snprintf(list + strlen(list), n - strlen(list), "%s%s", list[0] ? "," : "", a->categories[i].code);
	return 0;
}

/* Whether asking again may help after the store said no. */
static int may_retry(const struct yc_err *err)
{
	return err->code == YC_EBUSY || err->code == YC_EINVAL || err->code == YC_EIO;
}

/* A new password shown once, in a box that stays until Enter: the
 * administrator writes it down and hands it over. */
static void show_password(struct yc_app *app, const char *title, const char *who, const char *password)
{
	for (;;) {
		int cols = COLS - 8 < 72 ? COLS - 8 : 72, rows = 11, left = (COLS - cols) / 2, top = (LINES - rows) / 2;
		wint_t ch;
		int rc;

		ui_modal_background(app, top, left, rows, cols, title);
		ui_put(top + 2, left + 3, cols - 6, who, A_NORMAL);
		ui_put(top + 4, left + 6, cols - 12, password, A_BOLD | A_UNDERLINE);
		ui_put_wrapped(top + 6, left + 3, top + rows - 3, cols - 6,
			       _("Write it down and hand it over in person: it is shown only this once, and is changed at the first login."),
			       A_NORMAL);
		ui_put(top + rows - 1, left + 3, cols - 6, _(" Enter closes "), A_NORMAL);
		curs_set(0);
		refresh();
		rc = ui_modal_key(&ch);
		if ((rc == OK && (ch == '\r' || ch == '\n' || ch == 27)) || (rc == KEY_CODE_YES && ch == KEY_ENTER))
			return;
	}
}

/* A fresh one-time password and its hash; -1 (said) when hashing failed. */
static int admin_new_password(struct yc_app *app, char password[13], char *hash, size_t n)
{
	auth_initial_password(password);
	if (auth_hash_password(password, hash, n) < 0) {
		ui_error(app, "%s", _("Could not hash a password (out of memory?)."));
		return -1;
	}
	return 0;
}

/* Users ---------------------------------------------------------------------------------- */

static int admin_add_user(struct yc_app *app, struct admin *a)
{
	char login[32] = "", name[64] = "", role[16], dept[16] = "", site[32], window[64], password[13], hash[160];
	char who[200];
	struct yc_user_spec spec;
	struct yc_err err;

	for (;;) {
		if (!ui_prompt(app, _("New user"), _("Login (what they type at the login screen, e.g. zhangsan):"), login,
			       sizeof login) ||
		    !ui_prompt(app, _("New user"), _("Full name:"), name, sizeof name) || choose_role(app, role, sizeof role) < 0)
			return UI_REDRAW;
		/* only a reviewer's department means anything (store-setup.h) */
		dept[0] = '\0';
		if (auth_role_in_department(role) && choose_department(app, 0, dept, sizeof dept) < 0)
			return UI_REDRAW;
		if (choose_site(app, site, sizeof site) < 0 || choose_window(app, site, window, sizeof window) < 0)
			return UI_REDRAW;
		if (admin_new_password(app, password, hash, sizeof hash) < 0)
			return UI_REDRAW;
		memset(&spec, 0, sizeof spec);
		spec.login = login;
		spec.full_name = name;
		spec.role = role;
		spec.department_code = dept;
		spec.site_code = site;
		spec.window = window;
		if (store_user_add(app->st, app->user.id, &spec, hash, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err))
			return UI_REDRAW;
	}
	snprintf(who, sizeof who, _("The first password of %s (%s):"), login, name);
	show_password(app, _("First password"), who, password);
	ui_say(app, _("%s (%s) is added as %s: they change the password at the first login."), login, name,
	       auth_role_label(role));
	a->tab = TAB_USERS;
	yc_strlcpy(a->want[TAB_USERS], login, sizeof a->want[0]);
	admin_load(app, a);
	return UI_REDRAW;
}

static int change_user(struct yc_app *app, struct admin *a, const struct yc_user_row *u)
{
	const char *what[4] = { _("Full name"), _("Role"), _("Department (of a reviewer)"), _("Site and window") };
	char name[64], role[16], dept[16], site[32], window[64], title[128];
	struct yc_user_spec spec;
	struct yc_err err;
	int choice;

	snprintf(title, sizeof title, _("Change %s (%s)"), u->login, u->full_name);
	if ((choice = ui_choose(app, title, what, 4)) < 0)
		return UI_REDRAW;
	memset(&spec, 0, sizeof spec);
	spec.login = u->login;
	yc_strlcpy(name, u->full_name, sizeof name);
	for (;;) {
		switch (choice) {
		case 0:
			if (!ui_prompt(app, title, _("Full name:"), name, sizeof name))
				return UI_REDRAW;
			spec.full_name = name;
			break;
		case 1:
			if (choose_role(app, role, sizeof role) < 0)
				return UI_REDRAW;
			spec.role = role;
			/* a new reviewer is asked for the department at once */
			if (auth_role_in_department(role) && !u->department_code[0]) {
				if (choose_department(app, 0, dept, sizeof dept) < 0)
					return UI_REDRAW;
				spec.department_code = dept;
			}
			break;
		case 2:
			if (choose_department(app, 1, dept, sizeof dept) < 0)
				return UI_REDRAW;
			spec.department_code = dept;
			break;
		default:
			if (choose_site(app, site, sizeof site) < 0 ||
			    choose_window(app, site, window, sizeof window) < 0)
				return UI_REDRAW;
			spec.site_code = site;
			spec.window = window;
			break;
		}
		if (store_user_change(app->st, app->user.id, &spec, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err) || choice != 0)
			return UI_REDRAW;
	}
	ui_say(app, _("%s is changed."), u->login);
	yc_strlcpy(a->want[TAB_USERS], u->login, sizeof a->want[0]);
	admin_load(app, a);
	return UI_REDRAW;
}

static int admin_user_active(struct yc_app *app, struct admin *a, const struct yc_user_row *u)
{
	char question[300], login[32];
	struct yc_err err;

	yc_strlcpy(login, u->login, sizeof login);
	if (u->active) {
		snprintf(question, sizeof question, _("Disable %s (%s)? No more logins; the history stays."), u->login,
			 u->full_name);
		if (!ui_confirm(app, question))
			return UI_REDRAW;
	}
	if (store_user_set_active(app->st, app->user.id, login, !u->active, &err) < 0)
		ui_error(app, "%s", err.msg);
	else if (u->active)
		ui_say(app, _("%s is disabled: no more logins; the history stays."), login);
	else
		ui_say(app, _("%s may log in again."), login);
	admin_load(app, a);
	return UI_REDRAW;
}

static int reset_password(struct yc_app *app, struct admin *a, const struct yc_user_row *u)
{
	char question[300], login[32], name[64], password[13], hash[160], who[200];
	struct yc_err err;

	yc_strlcpy(login, u->login, sizeof login);
	yc_strlcpy(name, u->full_name, sizeof name);
	snprintf(question, sizeof question, _("Give %s (%s) a new password? The old one stops working."), login, name);
	if (!ui_confirm(app, question) || admin_new_password(app, password, hash, sizeof hash) < 0)
		return UI_REDRAW;
	if (store_user_reset_password(app->st, app->user.id, login, hash, &err) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	snprintf(who, sizeof who, _("The new password of %s (%s):"), login, name);
	show_password(app, _("New password"), who, password);
	ui_say(app, _("%s has a new password, to be changed at the next login."), login);
	admin_load(app, a);
	return UI_REDRAW;
}

/* Windows --------------------------------------------------------------------------------- */

static int add_window(struct yc_app *app, struct admin *a)
{
	char site[32], name[64] = "", cats[128] = "combined";
	struct yc_err err;

	if (choose_site(app, site, sizeof site) < 0)
		return UI_REDRAW;
	for (;;) {
		if (!ui_prompt(app, _("New window"), _("Name of the window (e.g. 3号窗口):"), name, sizeof name) ||
		    choose_categories(app, a, cats, sizeof cats) < 0)
			return UI_REDRAW;
		if (store_window_set(app->st, app->user.id, site, name, cats, -1, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err))
			return UI_REDRAW;
	}
	ui_say(app, _("Window %s is set up."), name);
	a->tab = TAB_WINDOWS;
	snprintf(a->want[TAB_WINDOWS], sizeof a->want[0], "%s\t%s", site, name);
	admin_load(app, a);
	return UI_REDRAW;
}

static int change_window(struct yc_app *app, struct admin *a, const struct yc_window_row *w)
{
	char site[32], name[64], cats[128];
	struct yc_err err;

	yc_strlcpy(site, w->site_code, sizeof site);
	yc_strlcpy(name, w->name, sizeof name);
	yc_strlcpy(cats, w->categories, sizeof cats);
	if (choose_categories(app, a, cats, sizeof cats) < 0)
		return UI_REDRAW;
	if (store_window_set(app->st, app->user.id, site, name, cats, -1, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, _("Window %s is set up."), name);
	admin_load(app, a);
	return UI_REDRAW;
}

static int admin_window_open(struct yc_app *app, struct admin *a, const struct yc_window_row *w)
{
	char question[300], site[32], name[64];
	int open = !w->open;
	struct yc_err err;

	yc_strlcpy(site, w->site_code, sizeof site);
	yc_strlcpy(name, w->name, sizeof name);
	if (!open) {
		snprintf(question, sizeof question, _("Close window %s? It calls no more tickets."), name);
		if (!ui_confirm(app, question))
			return UI_REDRAW;
	}
	if (store_window_set(app->st, app->user.id, site, name, NULL, open, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, open ? _("Window %s is open: it calls tickets.") : _("Window %s is closed: it calls no tickets."),
		       name);
	admin_load(app, a);
	return UI_REDRAW;
}

/* Sites and departments ------------------------------------------------------------------- */

static int choose_level(struct yc_app *app, char *out, size_t n)
{
	struct options o = { 0 };

	options_add(&o, "township", "%s", _("township"));
	options_add(&o, "banner", "%s", _("banner"));
	return choose(app, _("Level"), &o, out, n);
}

static int set_site(struct yc_app *app, struct admin *a, const struct yc_site_row *s)
{
	char code[32] = "", name[128] = "", level[16];
	const char *title = s ? _("Change the site") : _("New site");
	struct yc_err err;

	if (s) {
		yc_strlcpy(code, s->code, sizeof code);
		yc_strlcpy(name, s->name, sizeof name);
	}
	for (;;) {
		if ((!s && !ui_prompt(app, title, _("Code (letters and digits, e.g. TKZ):"), code, sizeof code)) ||
		    !ui_prompt(app, title, _("Name (e.g. 图克镇便民服务中心):"), name, sizeof name) ||
		    choose_level(app, level, sizeof level) < 0)
			return UI_REDRAW;
		if ((s ? store_site_set(app->st, app->user.id, code, name, level, -1, &err) :
			 store_site_add(app->st, app->user.id, code, name, level, &err)) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err))
			return UI_REDRAW;
	}
	ui_say(app, _("Site %s is set up."), code);
	a->tab = TAB_SITES;
	yc_strlcpy(a->want[TAB_SITES], code, sizeof a->want[0]);
	admin_load(app, a);
	return UI_REDRAW;
}

static int site_active(struct yc_app *app, struct admin *a, const struct yc_site_row *s)
{
	char question[300], code[32];
	int active = !s->active;
	struct yc_err err;

	yc_strlcpy(code, s->code, sizeof code);
	if (!active) {
		snprintf(question, sizeof question, _("Close site %s (%s)?"), s->code, s->name);
		if (!ui_confirm(app, question))
			return UI_REDRAW;
	}
	if (store_site_set(app->st, app->user.id, code, NULL, NULL, active, &err) < 0)
		ui_error(app, "%s", err.msg);
	else
		ui_say(app, active ? _("Site %s is in use again.") : _("Site %s is closed."), code);
	admin_load(app, a);
	return UI_REDRAW;
}

static int set_department(struct yc_app *app, struct admin *a, const struct yc_department_row *d)
{
	char code[16] = "", name[64] = "";
	const char *title = d ? _("Change the department") : _("New department");
	struct yc_err err;

	if (d) {
		yc_strlcpy(code, d->code, sizeof code);
		yc_strlcpy(name, d->name, sizeof name);
	}
	for (;;) {
		if ((!d && !ui_prompt(app, title, _("Code (letters and digits, e.g. SCJG):"), code, sizeof code)) ||
		    !ui_prompt(app, title, _("Name (e.g. 旗市场监督管理局):"), name, sizeof name))
			return UI_REDRAW;
		if (store_department_set(app->st, app->user.id, code, name, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err))
			return UI_REDRAW;
	}
	ui_say(app, _("Department %s is set up."), code);
	a->tab = TAB_DEPARTMENTS;
	yc_strlcpy(a->want[TAB_DEPARTMENTS], code, sizeof a->want[0]);
	admin_load(app, a);
	return UI_REDRAW;
}

/* The contract ----------------------------------------------------------------------------- */


static int set_contract(struct yc_app *app, struct admin *a)
{
	struct yc_contract c;
	char fee[32] = "", question[400];
	const char *title = _("Record a contract period");
	struct yc_err err;
	long long fen;
	int first;

	memset(&c, 0, sizeof c);
	if (a->have_contract) {
		/* the next period follows this one, with the same contractor and fee */
		yc_strlcpy(c.contractor, a->contract.contractor, sizeof c.contractor);
		yc_format_yuan(a->contract.fee_fen_per_year, fee, sizeof fee);
		day_after(a->contract.ends_on, c.starts_on);
	} else {
		yc_strlcpy(c.starts_on, app->today, sizeof c.starts_on);
	}
	for (first = 1;; first = 0) {
		if (!ui_prompt(app, title, _("Contractor:"), c.contractor, sizeof c.contractor))
			return UI_REDRAW;
		for (;;) {
			if (!ui_prompt(app, title, _("Fee per year, in yuan (e.g. 1200000 or 1200000.50):"), fee, sizeof fee))
				return UI_REDRAW;
			if ((fen = yc_parse_yuan(fee, 10000000000LL)) >= 0)
				break;
			ui_error(app, _("The fee is a sum of yuan, e.g. 1200000 or 1200000.50, not '%s'."), fee);
		}
		c.fee_fen_per_year = fen;
		if (!ui_prompt(app, title, _("From (YYYY-MM-DD):"), c.starts_on, sizeof c.starts_on))
			return UI_REDRAW;
		if (first)   /* offered: to the end of that year */
			snprintf(c.ends_on, sizeof c.ends_on, "%.4s-12-31", c.starts_on);
		if (!ui_prompt(app, title, _("To (YYYY-MM-DD):"), c.ends_on, sizeof c.ends_on))
			return UI_REDRAW;
		yc_format_yuan(fen, fee, sizeof fee);
		snprintf(question, sizeof question, _("Record the contract %s to %s, %s yuan a year, with %s?"), c.starts_on,
			 c.ends_on, fee, c.contractor);
		if (!ui_confirm(app, question))
			return UI_REDRAW;
		if (store_contract_set(app->st, app->user.id, &c, &err) == 0)
			break;
		ui_error(app, "%s", err.msg);
		if (!may_retry(&err))
			return UI_REDRAW;
	}
	ui_say(app, "%s", _("The contract is recorded."));
	admin_load(app, a);
	return UI_REDRAW;
}

/* The calendar ------------------------------------------------------------------------------ */

static const char *const weekdays[] = { "", N_("Mon"), N_("Tue"), N_("Wed"), N_("Thu"), N_("Fri"), N_("Sat"), N_("Sun") };

struct days_ctx {
	struct admin *a;
	char last[11];
	int header;                  /* lines before the days */
};

static void add_day(void *vctx, const char *day, const char *kind, const char *name)
{
	struct days_ctx *c = vctx;
	char line[300], what[32];
	yc_date d = 0;

	/* the store read again after a busy wait: start the days over */
	if (c->last[0] && strcmp(day, c->last) <= 0)
		while (c->a->text.n > c->header)
			free(c->a->text.lines[--c->a->text.n]);
	yc_strlcpy(c->last, day, sizeof c->last);
	date_parse(day, &d);
	yc_fit(calendar_day_is_off(kind) ? _("day off") : _("workday"), 8, 1, what, sizeof what);
	snprintf(line, sizeof line, "  %s %s  %s %s", day, _(weekdays[date_weekday(d)]), what, name);
	ui_text_add(&c->a->text, "", line);
}

static int view_year(struct yc_app *app, struct admin *a)
{
	const struct yc_calendar_year *y = selected(a);
	struct days_ctx c;
	struct yc_err err;
	char line[400];

	if (!y || a->tab != TAB_CALENDAR)
		return UI_HANDLED;
	ui_text_clear(&a->text);
	snprintf(line, sizeof line, _("%d, from %s (%s):"), y->year, y->source, y->imported_at);
	ui_text_add(&a->text, "title", line);
	ui_text_add(&a->text, "checkpoint", _("Every other Saturday and Sunday is off, every other weekday a working day."));
	memset(&c, 0, sizeof c);
	c.a = a;
	c.header = a->text.n;
	if (store_calendar_year_days(app->st, y->year, add_day, &c, &err) < 0) {
		ui_text_clear(&a->text);
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	a->viewing = 1;
	return UI_REDRAW;
}

/* "~/x" is x in the home folder, as in a shell. */
static void expand_home(const char *path, char *out, size_t n)
{
	const char *home = getenv("HOME");

	if (home && path[0] == '~' && (path[1] == '/' || path[1] == '\0'))
		snprintf(out, n, "%s%s", home, path + 1);
	else
		yc_strlcpy(out, path, n);
}


static int import_calendar(struct yc_app *app, struct admin *a)
{
	static char typed[512];          /* offered again next time */
	char path[1024], msg[1200], line[1200], years[64] = "", title[1200];
	struct cal_file f;
	struct yc_err err;
	int bad, i;

	if (!ui_prompt(app, _("Import a year's holidays"),
		       _("File of the notice (lines of DATE<TAB>off|work<TAB>name):"), typed, sizeof typed) ||
	    !typed[0])
		return UI_REDRAW;
	expand_home(typed, path, sizeof path);
	if ((bad = cal_file_load(path, &f, &err)) < 0) {
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	if (bad > 0) {
		/* every problem with its line, and nothing written */
		ui_text_clear(&a->text);
		snprintf(title, sizeof title, _("%d problems in %s: nothing was imported."), bad, typed);
		ui_text_add(&a->text, "title", title);
		for (i = 0; i < f.n_errors && i < CAL_FILE_MAX_ERRORS; i++)
			ui_text_add(&a->text, "", f.errors[i]);
		if (f.n_errors > CAL_FILE_MAX_ERRORS) {
			snprintf(line, sizeof line, _("... and more: %d."), f.n_errors - CAL_FILE_MAX_ERRORS);
			ui_text_add(&a->text, "", line);
		}
		ui_text_add(&a->text, "checkpoint",
			    _("Put them right in the file and import it again (i); Esc closes this list."));
		a->viewing = 1;
		ui_error(app, "%s", title);
		cal_file_free(&f);
		return UI_REDRAW;
	}
	/* the notice's own year is replaced; a day of another year it lists
	 * (元旦 on 12-31 before) is only added */
	snprintf(years, sizeof years, "%d", f.year);
	snprintf(msg, sizeof msg, _("Import %s (days listed: %d), replacing what is known of %s?"), years, (int)f.n,
		 years);
	if (!ui_confirm(app, msg)) {
		cal_file_free(&f);
		return UI_REDRAW;
	}
	if (store_calendar_import(app->st, app->user.id, &f, typed, &err) < 0) {
		ui_error(app, "%s", err.msg);
		cal_file_free(&f);
		return UI_REDRAW;
	}
	snprintf(a->want[TAB_CALENDAR], sizeof a->want[0], "%d", f.year);
	cal_file_free(&f);
	admin_load(app, a);   /* the station's calendar too: promised dates use it at once */
	ui_say(app, _("The holidays of %s are imported from %s."), years, typed);
	typed[0] = '\0';
	return UI_REDRAW;
}

/* Dispatch ----------------------------------------------------------------------------------- */

static void go_to_tab(struct admin *a, int t)
{
	a->tab = (enum tab)((t + N_TABS) % N_TABS);
}

static int admin_action(struct yc_app *app, void *priv, int act)
{
	struct admin *a = priv;
	const void *row = selected(a);
	int have = row != NULL;

	if (a->viewing) {
		if (act != ACT_CLOSE)
			return UI_UNHANDLED;   /* scrolling: the view's keys */
		a->viewing = 0;
		ui_text_clear(&a->text);
		return UI_REDRAW;
	}
	switch (act) {
	case ACT_NEXT_TAB: go_to_tab(a, a->tab + 1); return UI_REDRAW;
	case ACT_IMPORT: return import_calendar(app, a);
	case ACT_VIEW: return view_year(app, a);
	case ACT_ADD:
		switch (a->tab) {
		case TAB_USERS: return admin_add_user(app, a);
		case TAB_WINDOWS: return add_window(app, a);
		case TAB_SITES: return set_site(app, a, NULL);
		case TAB_DEPARTMENTS: return set_department(app, a, NULL);
		default: return UI_UNHANDLED;
		}
	case ACT_EDIT:
		if (a->tab == TAB_CONTRACT)
			return set_contract(app, a);
		if (!have)
			return UI_HANDLED;
		switch (a->tab) {
		case TAB_USERS: return change_user(app, a, row);
		case TAB_WINDOWS: return change_window(app, a, row);
		case TAB_SITES: return set_site(app, a, row);
		case TAB_DEPARTMENTS: return set_department(app, a, row);
		default: return UI_UNHANDLED;
		}
	case ACT_ACTIVE:
		if (!have)
			return UI_HANDLED;
		switch (a->tab) {
		case TAB_USERS: return admin_user_active(app, a, row);
		case TAB_WINDOWS: return admin_window_open(app, a, row);
		case TAB_SITES: return site_active(app, a, row);
		default: return UI_UNHANDLED;
		}
	case ACT_RESET:
		return have && a->tab == TAB_USERS ? reset_password(app, a, row) : UI_HANDLED;
	}
	return has_list(a->tab) ? ui_table_action(&a->list[a->tab].table, act) : UI_UNHANDLED;
}

static int admin_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct admin *a = priv;

	if (a->viewing)
		return ui_text_key(&a->text, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
	if (!is_keycode && ch >= '1' && ch < '1' + N_TABS) {
		go_to_tab(a, (int)(ch - '1'));
		return UI_REDRAW;
	}
	if (!is_keycode)
		return UI_UNHANDLED;
	switch (ch) {
	case KEY_RIGHT: go_to_tab(a, a->tab + 1); break;
	case KEY_LEFT: case KEY_BTAB: go_to_tab(a, a->tab - 1); break;
	default: return UI_UNHANDLED;
	}
	return UI_REDRAW;
}

static int admin_data_changed(struct yc_app *app, void *priv)
{
	/* another station (or `yichuang user ...` on the server) changed the set-up */
	admin_load(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_admin = {
	.name = "admin",
	.title = N_("Administration"),
	.perm = PERM_ADMIN,
	.in_menu = 1,
	.keys = user_keys,
	.n_keys = YC_ARRAY_LEN(user_keys),
	.private_size = sizeof(struct admin),
	.enter = admin_enter,
	.leave = admin_leave,
	.draw = admin_draw,
	.action = admin_action,
	.key = admin_key,
	.data_changed = admin_data_changed,
	.mode_keys = mode_keys,
};
