/* passwd.c - change one's own password; forced after an initial one. */
#include "config.h"

#include <string.h>

#include "ui.h"
#include "ui-form.h"

enum { ACT_SUBMIT = ACT_SCREEN, ACT_NEXT, ACT_PREV, ACT_ESC };

static const struct yc_binding keys[] = {
	{ ACT_SUBMIT, KEY_ENTER, "Enter", N_("Save"), N_("Next field / save the new password"), KB_BAR },
	{ ACT_NEXT, '\t', "Tab", N_("Next"), N_("Next field"), 0 },
	{ ACT_NEXT, KEY_DOWN, "Down", N_("Next"), N_("Next field"), 0 },
	{ ACT_PREV, KEY_BTAB, "S-Tab", N_("Previous"), N_("Previous field"), 0 },
	{ ACT_PREV, KEY_UP, "Up", N_("Previous"), N_("Previous field"), 0 },
	{ ACT_ESC, 27, "Esc", N_("Back"), N_("Back to the main menu (not before an initial password is changed)"), KB_BAR },
};

enum { F_CURRENT, F_NEW, F_REPEAT, N_FIELDS };

static const char *const labels[N_FIELDS] = {
	N_("Current password:"), N_("New password:"), N_("New password again:"),
};

struct passwd {
	struct ui_form form;
};

static int forced(const struct yc_app *app)
{
	return app->user.must_change_password && !app->demo;
}

static int passwd_enter(struct yc_app *app, void *priv)
{
	struct passwd *p = priv;
	int i;

	if (ui_form_init(&p->form, labels, N_FIELDS, 128) < 0)
		return -1;
	p->form.gap = 2;
	for (i = 0; i < N_FIELDS; i++)
		p->form.secret[i] = 1;
	if (forced(app))
		ui_say(app, "%s", _("This is an initial password: please choose your own before you start."));
	return 0;
}

static void passwd_leave(struct yc_app *app, void *priv)
{
	struct passwd *p = priv;

	ui_form_free(&p->form);
}

static void passwd_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct passwd *p = priv;
	int x = cols / 2 - 26;

	ui_put(top + 2, x, 52, _("Change password"), A_BOLD);
	ui_form_draw(app, &p->form, top + 5, x, 50, 19);
	ui_put(top + 12, x, cols - x, _("At least 8 characters, not the user name."), ui_attr_dim());
}

static int passwd_submit(struct yc_app *app, struct passwd *p)
{
	char cur[512], new_pw[512], again[512];
	struct yc_err err;
	int i;

	if (p->form.focus < N_FIELDS - 1) {
		p->form.focus++;
		return UI_REDRAW;
	}
	ui_form_get(&p->form, F_CURRENT, cur, sizeof cur);
	ui_form_get(&p->form, F_NEW, new_pw, sizeof new_pw);
	ui_form_get(&p->form, F_REPEAT, again, sizeof again);
	yc_err_clear(&err);
	if (auth_change_password(app->st, &app->user, cur, new_pw, again, &err) < 0) {
		if (err.code == YC_EAUTH) {
			/* wrong current password: start again */
			for (i = 0; i < N_FIELDS; i++)
				field_clear(&p->form.fields[i]);
			p->form.focus = F_CURRENT;
		} else if (err.code == YC_EINVAL) {
			/* the new one broke a rule: type it twice again */
			field_clear(&p->form.fields[F_NEW]);
			field_clear(&p->form.fields[F_REPEAT]);
			p->form.focus = F_NEW;
		}
		/* any other error (busy, network): everything stays, Enter retries */
		ui_error(app, "%s", err.msg);
		return UI_REDRAW;
	}
	ui_say(app, "%s", _("Your password has been changed."));
	return UI_BACK;
}

static int passwd_action(struct yc_app *app, void *priv, int act)
{
	struct passwd *p = priv;

	switch (act) {
	case ACT_SUBMIT:
		return passwd_submit(app, p);
	case ACT_NEXT:
		ui_form_key(&p->form, '\t', 0);
		return UI_REDRAW;
	case ACT_PREV:
		ui_form_key(&p->form, KEY_BTAB, 1);
		return UI_REDRAW;
	case ACT_ESC:
		if (forced(app)) {
			ui_error(app, "%s", _("Please change your initial password first."));
			return UI_REDRAW;
		}
		return UI_BACK;
	}
	return UI_UNHANDLED;
}

static int passwd_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct passwd *p = priv;

	return ui_form_key(&p->form, ch, is_keycode) ? UI_REDRAW : UI_UNHANDLED;
}

const struct yc_screen_ops screen_passwd = {
	.name = "passwd",
	.title = N_("Change password"),
	.perm = PERM_NONE,
	.in_menu = 1,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct passwd),
	.enter = passwd_enter,
	.leave = passwd_leave,
	.draw = passwd_draw,
	.action = passwd_action,
	.key = passwd_key,
};
