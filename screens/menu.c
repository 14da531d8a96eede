/* menu.c - the screens this user may open, and today's figures. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "store-queue.h"
#include "ui.h"

enum { ACT_OPEN = ACT_SCREEN, ACT_DOWN, ACT_UP };

static const struct yc_binding keys[] = {
	{ ACT_OPEN, KEY_ENTER, "Enter", N_("Open"), N_("Open the selected screen"), KB_BAR },
	{ ACT_DOWN, KEY_DOWN, "Down", N_("Down"), N_("Next entry"), 0 },
	{ ACT_UP, KEY_UP, "Up", N_("Up"), N_("Previous entry"), 0 },
	{ ACT_NONE, '1', "1-9", N_("Open"), N_("Open the entry with that number"), 0 },
};

#define MAX_ENTRIES 16

struct menu {
	const struct yc_screen_ops *entries[MAX_ENTRIES];
	int n, sel;
	struct yc_overview ov;
	int have_ov;
};

static void load_overview(struct yc_app *app, struct menu *m)
{
	struct yc_err err;

	m->have_ov = store_overview(app->st, app->cfg->site_code, app->today, &m->ov, &err) == 0;
	if (!m->have_ov)
		ui_error(app, "%s", err.msg);
}

static int menu_enter(struct yc_app *app, void *priv)
{
	struct menu *m = priv;
	size_t i;

	for (i = 0; i < ui_screen_count() && m->n < MAX_ENTRIES; i++) {
		const struct yc_screen_ops *s = ui_screen_at(i);

		if (s->in_menu && auth_role_allows(app->user.role, s->perm))
			m->entries[m->n++] = s;
	}
	load_overview(app, m);
	return 0;
}

static void menu_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct menu *m = priv;
	char line[256];
	int i, y = top + 1;

	ui_put(y++, 2, cols - 4, _("Main menu"), A_BOLD);
	y++;
	if (m->n == 0)
		ui_put(y++, 4, cols - 8, _("Your role has no screens yet; ask the administrator."), A_NORMAL);
	for (i = 0; i < m->n && y < top + rows - 4; i++, y++) {
		snprintf(line, sizeof line, " %d  %s", i + 1, _(m->entries[i]->title));
		ui_fill(y, 4, 40, line, i == m->sel ? ui_attr_selected() : A_NORMAL);
	}
	if (m->have_ov) {
		y = top + rows - 4;
		ui_put(y++, 2, cols - 4, _("Today"), A_BOLD);
		snprintf(line, sizeof line, _("Waiting in queue: %ld    Open cases: %ld    Overdue: %ld"),
			 m->ov.tickets_waiting, m->ov.cases_open, m->ov.cases_overdue);
		ui_put(y++, 4, cols - 6, line, A_NORMAL);
		snprintf(line, sizeof line,
			 _("Slips to hand over: %ld    Results to collect: %ld    Service items: %ld"),
			 m->ov.slips_waiting, m->ov.results_waiting, m->ov.items);
		ui_put(y, 4, cols - 6, line, A_NORMAL);
	}
}

static int open_entry(struct yc_app *app, struct menu *m, int i)
{
	if (i < 0 || i >= m->n)
		return UI_HANDLED;
	app->next_screen = m->entries[i]->name;
	return UI_OPEN;
}

static int menu_action(struct yc_app *app, void *priv, int act)
{
	struct menu *m = priv;

	switch (act) {
	case ACT_OPEN:
		return open_entry(app, m, m->sel);
	case ACT_DOWN:
		if (m->sel + 1 < m->n)
			m->sel++;
		return UI_REDRAW;
	case ACT_UP:
		if (m->sel > 0)
			m->sel--;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int menu_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct menu *m = priv;

	if (!is_keycode && ch >= '1' && ch <= '9')
		return open_entry(app, m, (int)(ch - '1'));
	return UI_UNHANDLED;
}

static int menu_data_changed(struct yc_app *app, void *priv)
{
	load_overview(app, priv);
	return UI_REDRAW;
}

const struct yc_screen_ops screen_menu = {
	.name = "menu",
	.title = N_("Main menu"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct menu),
	.enter = menu_enter,
	.draw = menu_draw,
	.action = menu_action,
	.key = menu_key,
	.data_changed = menu_data_changed,
};
