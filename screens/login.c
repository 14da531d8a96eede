/* login.c - user name, then password, Enter logs in. */
#include "config.h"

#include <string.h>

#include "store-queue.h"
#include "ui.h"
#include "ui-form.h"

enum { ACT_SUBMIT = ACT_SCREEN, ACT_NEXT, ACT_PREV };

static const struct yc_binding keys[] = {
	{ ACT_SUBMIT, KEY_ENTER, "Enter", N_("Log in"), N_("Next field / log in"), KB_BAR },
	{ ACT_NEXT, '\t', "Tab", N_("Next"), N_("Next field"), 0 },
	{ ACT_NEXT, KEY_DOWN, "Down", N_("Next"), N_("Next field"), 0 },
	{ ACT_PREV, KEY_BTAB, "S-Tab", N_("Previous"), N_("Previous field"), 0 },
	{ ACT_PREV, KEY_UP, "Up", N_("Previous"), N_("Previous field"), 0 },
	{ ACT_NONE, 27, "Esc", N_("Clear"), N_("Clear the form"), 0 },
};

enum { F_USER, F_PASSWORD, N_FIELDS };

static const char *const labels[N_FIELDS] = { N_("User name:"), N_("Password:") };

struct login {
	struct ui_form form;
};

static int login_enter(struct yc_app *app, void *priv)
{
	struct login *l = priv;

	if (ui_form_init(&l->form, labels, N_FIELDS, 128) < 0)
		return -1;
	l->form.fields[F_USER].max_chars = 32;
	l->form.secret[F_PASSWORD] = 1;
	l->form.gap = 2;
	if (app->user.login[0])   /* after logging out: offer the same name */
		ui_form_set(&l->form, F_USER, app->user.login);
	return 0;
}

static void login_leave(struct yc_app *app, void *priv)
{
	struct login *l = priv;

	ui_form_free(&l->form);
}

static void login_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct login *l = priv;
	int y = top + rows / 2 - 6, x = cols / 2 - 22;

	ui_put_center(y, cols, _("Comprehensive one-window service system"), A_BOLD);
	ui_put_center(y + 1, cols, app->cfg->site_name, A_NORMAL);
	ui_form_draw(app, &l->form, y + 4, x, 42, 11);
	ui_put_center(y + 9, cols, _("Type your user name and password, then press Enter."), ui_attr_dim());
	if (app->demo)
		ui_put_center(y + 11, cols,
			      _("Demo users: guide, intake, review, pickup, super, admin; password: demo"),
			      ui_attr_dim());
}

/* Those who set up the calendar and those who promise dates hear when
 * it is about to end, in time to import next year's notice. */
static void warn_calendar_end(struct yc_app *app)
{
	char until[11];
	yc_date today;
	int left;

	if (!auth_role_allows(app->user.role, PERM_ADMIN) && !auth_role_allows(app->user.role, PERM_INTAKE))
		return;
	date_parse(app->today, &today);
	left = cal_days_left(&app->cal, today);
	if (left > CAL_WARN_DAYS)
		return;
	date_format(app->cal.known_until, until);
	if (left >= 0)
		ui_error(app, _("The holiday calendar ends on %s (%d days from now): the administrator imports next year's notice (yichuang calendar import, or the admin screen)."),
			 until, left);
	else
		ui_error(app, _("The holiday calendar ended on %s: promised dates after it are estimates until the administrator imports the new year's notice."),
			 until);
}

static int login_submit(struct yc_app *app, struct login *l)
{
	char login[128], password[512];
	struct yc_err err;
	const char *start;

	ui_form_get(&l->form, F_USER, login, sizeof login);
	ui_form_get(&l->form, F_PASSWORD, password, sizeof password);
	if (l->form.focus == F_USER || !password[0]) {
		if (!login[0]) {
			ui_error(app, "%s", _("Please type your user name."));
			return UI_REDRAW;
		}
		l->form.focus = F_PASSWORD;
		return UI_REDRAW;
	}
	yc_err_clear(&err);
	if (auth_login(app->st, login, password, &app->user, &err) < 0) {
		field_clear(&l->form.fields[F_PASSWORD]);
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	app->logged_in = 1;
	ui_say(app, _("Welcome, %s."), app->user.full_name);
	/* the administrator may have imported a year since this station
	 * started: each login works on the calendar as it is now */
	if (store_calendar_load(app->st, &app->cal, &err) < 0)
		ui_error(app, "%s", err.msg);
	warn_calendar_end(app);
	start = app->requested_screen ? app->requested_screen : app->cfg->start_screen;
	app->next_screen = start[0] ? start : "menu";
	if (app->user.must_change_password && !app->demo)
		app->next_screen = "passwd";
	return UI_OPEN;
}

static int login_action(struct yc_app *app, void *priv, int act)
{
	struct login *l = priv;

	switch (act) {
	case ACT_SUBMIT:
		return login_submit(app, l);
	case ACT_NEXT:
	case ACT_PREV:
		ui_form_key(&l->form, '\t', 0);   /* two fields: either way is the other */
		return UI_REDRAW;
	case ACT_NONE:
		field_clear(&l->form.fields[F_USER]);
		field_clear(&l->form.fields[F_PASSWORD]);
		l->form.focus = F_USER;
		return UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int login_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct login *l = priv;

	return ui_form_key(&l->form, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

const struct yc_screen_ops screen_login = {
	.name = "login",
	.title = N_("Log in"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct login),
	.enter = login_enter,
	.leave = login_leave,
	.draw = login_draw,
	.action = login_action,
	.key = login_key,
	.public = 1,
};
