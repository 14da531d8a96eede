/* rate.c - the window's rating terminal (评价器, `yichuang rate --window
 * N`): a small screen and keypad facing the citizen. It waits for the
 * next service its window finishes, shows what was done (the item, the
 * name masked, nothing else personal), takes the key pressed as the score,
 * after a bad one the reasons picked, and gives up after
 * rating.timeout_seconds ("not rated": the SMS asks later). Needs no login
 * and never leaves: it runs for days, as the kiosk does. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "rating.h"
#include "store-rating.h"
#include "ui.h"

enum { ACT_DONE = ACT_SCREEN };

static const struct yc_binding keys[] = {
	{ ACT_DONE, KEY_ENTER, "Enter", N_("Done"), N_("The reasons picked are all: record the rating"), KB_BAR },
};

enum mode { WAITING, ASKING, REASONS, THANKED };

#define THANKS_MS 5000   /* the thanks stay this long, unless a service comes */

struct rate {
	enum mode mode;
	struct yc_rating_request req;
	int score;
	unsigned picked;           /* bit i: rating_reasons[i] */
	long long since_ms;        /* the mode began (monotonic) */
};

static void set_mode(struct rate *r, enum mode m)
{
	r->mode = m;
	r->since_ms = ui_monotonic_ms();
}

/* The window's newest finished service, if any: asked at once. */
static void take_next(struct yc_app *app, struct rate *r)
{
	struct yc_err err;
	int rc = store_rating_take(app->st, app->cfg->site_code, app->cfg->station_name, &r->req, &err);

	if (rc < 0) {
		ui_error(app, "%s", err.msg);
		return;
	}
	if (rc == 0) {
		r->score = 0;
		r->picked = 0;
		set_mode(r, ASKING);
	}
}

static int rate_enter(struct yc_app *app, void *priv)
{
	struct rate *r = priv;

	set_mode(r, WAITING);
	take_next(app, r);
	return 0;
}

static const char *service_words(const char *service)
{
	return strcmp(service, "pickup") == 0 ? _("Your result was handed over")
	       : _("Your application was received");
}

static void draw_asking(struct yc_app *app, struct rate *r, int y, int cols)
{
	char line[400];
	int s;

	snprintf(line, sizeof line, _("%s: %s"), service_words(r->req.service), r->req.item);
	ui_put(y++, 4, cols - 8, line, A_BOLD);
	snprintf(line, sizeof line, _("Applicant: %s"), r->req.name_masked);
	ui_put(y++, 4, cols - 8, line, A_NORMAL);
	y++;
	ui_put(y++, 4, cols - 8, _("Please rate our service: press a key"), A_NORMAL);
	for (s = 5; s >= 1; s--) {
		snprintf(line, sizeof line, "   %d  %s", s, _(rating_level_name(s)));
		ui_put(y++, 4, cols - 8, line, rating_is_bad(s) ? A_NORMAL : A_BOLD);
	}
}

static void draw_reasons(struct rate *r, int y, int cols)
{
	char line[300];
	int i;

	ui_put(y++, 4, cols - 8, _("We are sorry. What went wrong? Press the numbers (more than one may be), then Enter:"),
	       A_BOLD);
	y++;
	for (i = 0; i < rating_n_reasons; i++) {
		snprintf(line, sizeof line, "   %d  [%s] %s", i + 1, r->picked & (1u << i) ? "x" : " ",
			 _(rating_reasons[i]));
		ui_put(y++, 4, cols - 8, line, A_NORMAL);
	}
}

static void rate_draw(struct yc_app *app, void *priv, int top, int rows, int cols)
{
	struct rate *r = priv;
	char title[200];
	int y = top + 1;

	(void)rows;
	ui_put_center(y++, cols, app->cfg->site_name, A_BOLD);
	snprintf(title, sizeof title, _("%s - rate our service"), app->cfg->station_name);
	ui_put_center(y++, cols, title, A_NORMAL);
	y++;
	switch (r->mode) {
	case WAITING:
		ui_put_wrapped(y, 4, y + 2, cols - 8,
			       _("Welcome. When this window has served you, please rate our service here."), A_NORMAL);
		break;
	case ASKING:
		draw_asking(app, r, y, cols);
		break;
	case REASONS:
		draw_reasons(r, y, cols);
		break;
	case THANKED:
		ui_put_center(y + 1, cols, _("Thank you for your rating."), A_BOLD);
		break;
	}
}

static int record(struct yc_app *app, struct rate *r)
{
	char reasons[512];
	struct yc_err err;

	rating_reasons_text(r->picked, reasons, sizeof reasons);
	if (store_rating_at_window(app->st, r->req.id, r->score, reasons, &err) < 0 && err.code != YC_ECONFLICT)
		ui_error(app, "%s", err.msg);
	set_mode(r, THANKED);
	return UI_REDRAW;
}

static int rate_action(struct yc_app *app, void *priv, int act)
{
	struct rate *r = priv;

	if (act == ACT_DONE && r->mode == REASONS)
		return record(app, r);
	return act == ACT_DONE ? UI_HANDLED : UI_UNHANDLED;
}

static int rate_key(struct yc_app *app, void *priv, wint_t ch, int is_keycode)
{
	struct rate *r = priv;
	int i;

	if (is_keycode)
		return UI_UNHANDLED;
	if (r->mode == ASKING && rating_score_of_key(ch)) {
		r->score = rating_score_of_key(ch);
		if (!rating_is_bad(r->score))
			return record(app, r);
		set_mode(r, REASONS);   /* the time to pick runs anew */
		return UI_REDRAW;
	}
	if (r->mode == REASONS && ch >= '1' && ch <= '9' && (i = (int)(ch - '1')) < rating_n_reasons) {
		r->picked ^= 1u << i;
		r->since_ms = ui_monotonic_ms();
		return UI_REDRAW;
	}
	return UI_HANDLED;   /* the keypad's other keys do nothing */
}

/* Nobody pressed a key in time: not rated, or rated with the reasons
 * picked so far; the thanks give way to the waiting screen. */
static int rate_idle(struct yc_app *app, void *priv)
{
	struct rate *r = priv;
	long long idle_ms = ui_monotonic_ms() - r->since_ms;
	struct yc_err err;

	if (r->mode == THANKED && idle_ms >= THANKS_MS) {
		set_mode(r, WAITING);
		take_next(app, r);
		return UI_REDRAW;
	}
	if ((r->mode != ASKING && r->mode != REASONS) || idle_ms < app->cfg->rating_timeout_seconds * 1000LL)
		return 0;
	if (r->mode == REASONS)
		return record(app, r);
	if (store_rating_not_rated(app->st, r->req.id, &err) < 0)
		ui_error(app, "%s", err.msg);
	set_mode(r, WAITING);
	take_next(app, r);
	return UI_REDRAW;
}

/* Another station committed: maybe this window finished a service. */
static int rate_data_changed(struct yc_app *app, void *priv)
{
	struct rate *r = priv;

	if (r->mode != WAITING && r->mode != THANKED)
		return 0;
	take_next(app, r);
	return r->mode == ASKING ? UI_REDRAW : 0;
}

const struct yc_screen_ops screen_rate = {
	.name = "rate",
	.title = N_("Rating terminal"),
	.perm = PERM_NONE,
	.in_menu = 0,
	.keys = keys,
	.n_keys = YC_ARRAY_LEN(keys),
	.private_size = sizeof(struct rate),
	.enter = rate_enter,
	.draw = rate_draw,
	.action = rate_action,
	.key = rate_key,
	.data_changed = rate_data_changed,
	.idle = rate_idle,
	.public = 1,
};
