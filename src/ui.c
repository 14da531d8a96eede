/* ui.c - the main loop and everything drawn around a screen: status line,
 * message line, function-key bar, help, the too-small-terminal notice. */
#include "config.h"

#include <signal.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <wchar.h>
#include <time.h>

#include "keys.h"
#include "ui-cases.h"
#include "ui-script.h"
#include "ui.h"
#include "width.h"

#define SCREEN(n) extern const struct yc_screen_ops screen_##n;
#include "registry.def"
#undef SCREEN

static const struct yc_screen_ops *const registry[] = {
#define SCREEN(n) &screen_##n,
#include "registry.def"
#undef SCREEN
};

static volatile sig_atomic_t got_signal;

static void on_signal(int sig)
{
	got_signal = sig;
}

const struct yc_screen_ops *ui_find_screen(const char *name)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(registry); i++)
		if (strcmp(registry[i]->name, name) == 0)
			return registry[i];
	return NULL;
}

size_t ui_screen_count(void)
{
	return YC_ARRAY_LEN(registry);
}

const struct yc_screen_ops *ui_screen_at(size_t i)
{
	return i < YC_ARRAY_LEN(registry) ? registry[i] : NULL;
}

static void vsay(struct yc_app *app, int is_error, const char *fmt, va_list ap)
{
	vsnprintf(app->message, sizeof app->message, fmt, ap);
	app->message_is_error = is_error;
}

void ui_say(struct yc_app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(app, 0, fmt, ap);
	va_end(ap);
}

void ui_error(struct yc_app *app, const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsay(app, 1, fmt, ap);
	va_end(ap);
	beep();
}

static void close_screen(struct yc_app *app)
{
	if (app->screen && app->screen->leave)
		app->screen->leave(app, app->priv);
	free(app->priv);
	app->priv = NULL;
	app->screen = NULL;
}

int ui_open_screen(struct yc_app *app, const char *name)
{
	const struct yc_screen_ops *ops = ui_find_screen(name);
	struct yc_err err;
	void *priv;

	if (!ops) {
		ui_error(app, _("There is no screen called '%s'."), name);
		return -1;
	}
	/* the core decides, not the menu: a hidden screen is still refused */
	if (!ops->public &&
	    (!app->logged_in || auth_require(&app->user, ops->perm, &err) < 0)) {
		ui_error(app, "%s", app->logged_in ? err.msg : _("Please log in first."));
		return -1;
	}
	/* an initial password is changed before anything else is done */
	if (app->logged_in && app->user.must_change_password && !app->demo &&
	    ops != ui_find_screen("passwd") && ops != ui_find_screen("login")) {
		ui_error(app, "%s", _("Please change your initial password first."));
		return -1;
	}
	priv = calloc(1, ops->private_size ? ops->private_size : 1);
	if (!priv) {
		ui_error(app, "%s", _("Out of memory."));
		return -1;
	}
	close_screen(app);
	app->screen = ops;
	app->priv = priv;
	app->refresh_pending = 0;   /* what it loads now is the latest */
	if (ops->enter && ops->enter(app, priv) < 0) {
		close_screen(app);
		/* the screen said why; fall back to the menu */
		if (app->logged_in && strcmp(name, "menu") != 0)
			ui_open_screen(app, "menu");
		return -1;
	}
	return 0;
}

/* Attributes ----------------------------------------------------------------- */

enum { PAIR_TITLE = 1, PAIR_SELECTED, PAIR_ERROR, PAIR_DIM };

static void init_colours(void)
{
	if (!has_colors())
		return;
	start_color();
	use_default_colors();
	init_pair(PAIR_TITLE, COLOR_WHITE, COLOR_BLUE);
	init_pair(PAIR_SELECTED, COLOR_BLACK, COLOR_CYAN);
	init_pair(PAIR_ERROR, COLOR_RED, -1);
	init_pair(PAIR_DIM, COLOR_BLUE, -1);
}

attr_t ui_attr_title(void)
{
	return has_colors() ? COLOR_PAIR(PAIR_TITLE) | A_BOLD : A_REVERSE;
}

attr_t ui_attr_selected(void)
{
	return has_colors() ? COLOR_PAIR(PAIR_SELECTED) : A_REVERSE;
}

attr_t ui_attr_error(void)
{
	return has_colors() ? COLOR_PAIR(PAIR_ERROR) | A_BOLD : A_BOLD;
}

attr_t ui_attr_dim(void)
{
	return has_colors() ? COLOR_PAIR(PAIR_DIM) : A_NORMAL;
}

/* Drawing helpers -------------------------------------------------------------- */

static void tui_put(int y, int x, int cols, const char *text, attr_t attr, int pad)
{
	char buf[2048];

	if (cols <= 0 || y < 0 || y >= LINES)
		return;
	yc_fit(text, cols, pad, buf, sizeof buf);
	attrset(attr);
	mvaddstr(y, x, buf);
	attrset(A_NORMAL);
}

void ui_put(int y, int x, int cols, const char *text, attr_t attr)
{
	tui_put(y, x, cols, text, attr, 0);
}

void ui_fill(int y, int x, int cols, const char *text, attr_t attr)
{
	tui_put(y, x, cols, text, attr, 1);
}

void ui_put_center(int y, int cols, const char *text, attr_t attr)
{
	int w = yc_width(text);
	int x = w < cols ? (cols - w) / 2 : 0;

	ui_put(y, x, cols - x, text, attr);
}

int ui_wrap(const char *text, int cols, void (*each)(void *ctx, const char *line), void *ctx)
{
	const char *p = text;
	int lines = 0;

	if (cols < 2)
		cols = 2;
	while (*p) {
		const char *nl = strchr(p, '\n');
		size_t len = nl ? (size_t)(nl - p) : strlen(p), n, start = 0;
		char seg[2048];
		wchar_t w[2048];

		/* one paragraph at a time: yc_decode turns newlines into '?' */
		yc_strlcpy(seg, p, len + 1 < sizeof seg ? len + 1 : sizeof seg);
		n = yc_decode(seg, w, YC_ARRAY_LEN(w));
		do {
			char line[4096];
			size_t end = start;
			int used = 0, back;

			while (end < n && used + yc_char_width(w[end]) <= cols)
				used += yc_char_width(w[end++]);
			/* Chinese typesetting: a line never starts with a comma,
			 * full stop or closing bracket; it takes the char before
			 * along (a few at most, for "）。") */
			for (back = 0; back < 4 && end < n && end - start > 1 &&
				       wcschr(L"，。、；：？！）」』】》”’),.;:!?]", w[end]); back++)
				end--;
			yc_encode(w + start, end - start, line, sizeof line);
			if (each)
				each(ctx, line);
			lines++;
			start = end;
		} while (start < n);
		p = nl ? nl + 1 : p + len;
	}
	return lines;
}

struct wrapped_at {
	int y, x, last, cols;
	attr_t attr;
};

static void put_wrapped_line(void *ctx, const char *line)
{
	struct wrapped_at *w = ctx;

	if (w->y <= w->last)
		ui_put(w->y++, w->x, w->cols, line, w->attr);
}

int ui_put_wrapped(int y, int x, int last, int cols, const char *text, attr_t attr)
{
	struct wrapped_at w = { y, x, last, cols, attr };

	ui_wrap(text, cols, put_wrapped_line, &w);
	return w.y;
}

void ui_draw_field(struct yc_app *app, int y, int x, int cols, struct yc_field *f,
		   int focused, int secret)
{
	char buf[1024];
	int cursor_col, used = 0;
	size_t i, pos = 0;

	field_layout(f, cols, &cursor_col);
	for (i = f->scroll; i < f->len; i++) {
		wchar_t c = secret ? L'*' : f->text[i];
		int w = yc_char_width(c);

		if (used + w > cols)
			break;
		pos += yc_encode(&c, 1, buf + pos, sizeof buf - pos);
		used += w;
	}
	buf[pos] = '\0';
	ui_fill(y, x, cols, buf, A_UNDERLINE);
	if (focused) {
		app->cursor_y = y;
		app->cursor_x = x + (secret ? (int)(f->cursor - f->scroll) : cursor_col);
	}
}

/* The application running, for the modal boxes' waiting and the
 * toolkit's own messages. */
static struct yc_app *running;

int ui_field_key(struct yc_field *f, wint_t ch, int is_keycode)
{
	if (is_keycode) {
		switch (ch) {
		case KEY_LEFT: field_left(f); return 1;
		case KEY_RIGHT: field_right(f); return 1;
		case KEY_HOME: field_home(f); return 1;
		case KEY_END: field_end(f); return 1;
		case KEY_BACKSPACE: field_backspace(f); return 1;
		case KEY_DC: field_delete(f); return 1;
		default: return 0;
		}
	}
	switch (ch) {
	case 1: field_home(f); return 1;          /* Ctrl-A */
	case 5: field_end(f); return 1;           /* Ctrl-E */
	case 8: case 127: field_backspace(f); return 1;
	case 11: field_kill_to_end(f); return 1;  /* Ctrl-K */
	case 21: field_kill_to_start(f); return 1;/* Ctrl-U */
	default:
		if (ch < 0x20 || ch == 0x7F)
			return 0;
		/* a full field says so: nothing typed is dropped unseen */
		if (!field_insert(f, (wchar_t)ch) && running)
			ui_error(running, "%s", _("This field is full: what is typed now does not fit."));
		return 1;
	}
}

const char *ui_category_label(const char *code, const char *stored_name)
{
	static const struct {
		const char *code, *label;
	} labels[] = {
		{ "combined", N_("Combined") }, { "bundle", N_("One-go") }, { "remote", N_("Cross-region") },
		{ "construction", N_("Construction") }, { "assist", N_("We help") }, { "pickup", N_("Pickup") },
		{ "guidance", N_("Guidance") },
	};
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(labels); i++)
		if (strcmp(code, labels[i].code) == 0)
			return _(labels[i].label);
	return stored_name;
}

/* Frame around the screen ------------------------------------------------------ */

static void draw_status(struct yc_app *app)
{
	char right[512], left[256];
	const char *who = app->logged_in ? app->user.full_name : "";
	int room, parts;

	snprintf(left, sizeof left, "%s%s %s", _("Yichuang"), app->demo ? _(" [demo]") : "",
		 app->screen ? _(app->screen->title) : "");
	ui_fill(0, 0, COLS, left, ui_attr_title());
	room = COLS - yc_width(left) - 2;
	/* drop the site, then the station, rather than cut the user or date */
	for (parts = 3; parts >= 1; parts--) {
		if (app->busy_ms > 0)
			snprintf(right, sizeof right, _("Database busy, waiting %d s..."),
				 (app->busy_ms + 999) / 1000);
		else
			snprintf(right, sizeof right, "%s%s%s%s%s%s%s", who, *who ? " | " : "",
				 parts >= 2 ? app->cfg->station_name : "", parts >= 2 ? " | " : "",
				 parts >= 3 ? app->cfg->site_name : "", parts >= 3 ? " | " : "",
				 app->today);
		if (yc_width(right) <= room)
			break;
	}
	if (room > 0)
		ui_put(0, COLS - (yc_width(right) < room ? yc_width(right) : room),
		       yc_width(right) < room ? yc_width(right) : room, right, ui_attr_title());
}

/* The screen's bindings now: its table, or the one for its current mode. */
static const struct yc_binding *screen_keys(struct yc_app *app, size_t *n)
{
	const struct yc_screen_ops *s = app->screen;

	if (s->mode_keys)
		return s->mode_keys(app->priv, n);
	*n = s->n_keys;
	return s->keys;
}

/* Whether a global binding shows in the bar of this screen now. */
static int global_in_bar(struct yc_app *app, const struct yc_binding *screen, size_t n_screen,
			 const struct yc_binding *b)
{
	if (!(b->flags & KB_BAR))
		return 0;
	if (screen && keys_find(screen, n_screen, b->key))
		return 0;   /* the screen uses this key itself */
	return app->logged_in || (b->action != ACT_LOGOUT && b->action != ACT_BACK && b->action != ACT_FIND_CASE);
}

static void bar_add(char *bar, size_t n, const struct yc_binding *b)
{
	char item[128];

	snprintf(item, sizeof item, "%s%s %s", bar[0] ? "  " : "", b->key_name, _(b->label));
	strncat(bar, item, n - strlen(bar) - 1);
}

/* The screen's keys first; then the global ones in table order (help,
 * back, find, log out, quit) while they fit: a key that does not fit is
 * left out whole rather than cut, and F1 lists them all anyway. */
static void draw_keybar(struct yc_app *app)
{
	char bar[1024] = "", more[1024];
	const struct yc_binding *screen = NULL;
	size_t n_screen = 0, i;

	if (app->screen)
		screen = screen_keys(app, &n_screen);
	for (i = 0; screen && i < n_screen; i++)
		if (screen[i].flags & KB_BAR)
			bar_add(bar, sizeof bar, &screen[i]);
	for (i = 0; i < ui_n_global_keys; i++) {
		if (!global_in_bar(app, screen, n_screen, &ui_global_keys[i]))
			continue;
		yc_strlcpy(more, bar, sizeof more);
		bar_add(more, sizeof more, &ui_global_keys[i]);
		if (yc_width(more) <= COLS || ui_global_keys[i].action == ACT_HELP)
			yc_strlcpy(bar, more, sizeof bar);
	}
	ui_fill(LINES - 1, 0, COLS, bar, A_REVERSE);
}

static void draw_too_small(void)
{
	char msg[256];

	snprintf(msg, sizeof msg,
		 _("The terminal is too small: yichuang needs at least %d x %d, this one is %d x %d. Please enlarge the window."),
		 UI_MIN_COLS, UI_MIN_ROWS, COLS, LINES);
	erase();
	ui_put_wrapped(0, 0, LINES - 1, COLS, msg, A_NORMAL);
	refresh();
}

static int too_small(void)
{
	return COLS < UI_MIN_COLS || LINES < UI_MIN_ROWS;
}

static void count_line(void *ctx, const char *line)
{
	(void)ctx;
	(void)line;
}

/* The message above the key bar. One that does not fit one line takes up
 * to UI_MESSAGE_ROWS, drawn over the bottom of the screen until the next
 * key: what went wrong and what to do is usually at its end. */
#define UI_MESSAGE_ROWS 4
static void draw_message(struct yc_app *app)
{
	attr_t attr = app->message_is_error ? ui_attr_error() : A_NORMAL;
	int rows = ui_wrap(app->message, COLS, count_line, NULL), y;

	if (rows > UI_MESSAGE_ROWS)
		rows = UI_MESSAGE_ROWS;
	for (y = LINES - 1 - rows; y < LINES - 1; y++)
		ui_fill(y, 0, COLS, "", A_NORMAL);
	ui_put_wrapped(LINES - 1 - rows, 0, LINES - 2, COLS, app->message, attr);
}

static void draw_all(struct yc_app *app)
{
	if (too_small()) {
		curs_set(0);
		draw_too_small();
		return;
	}
	erase();
	app->cursor_y = app->cursor_x = -1;
	draw_status(app);
	if (app->screen && app->screen->draw)
		app->screen->draw(app, app->priv, 1, LINES - 3, COLS);
	if (app->message[0])
		draw_message(app);
	draw_keybar(app);
	if (app->cursor_y >= 0) {
		move(app->cursor_y, app->cursor_x);
		curs_set(1);
	} else {
		curs_set(0);
	}
	refresh();
}

/* Modal boxes ------------------------------------------------------------------- */

static void draw_box(int top, int left, int rows, int cols, const char *title)
{
	int y;

	attrset(A_NORMAL);
	for (y = top; y < top + rows; y++)
		mvhline(y, left, ' ', cols);
	mvhline(top, left, ACS_HLINE, cols);
	mvhline(top + rows - 1, left, ACS_HLINE, cols);
	mvvline(top, left, ACS_VLINE, rows);
	mvvline(top, left + cols - 1, ACS_VLINE, rows);
	mvaddch(top, left, ACS_ULCORNER);
	mvaddch(top, left + cols - 1, ACS_URCORNER);
	mvaddch(top + rows - 1, left, ACS_LLCORNER);
	mvaddch(top + rows - 1, left + cols - 1, ACS_LRCORNER);
	if (title)
		ui_put(top, left + 2, cols - 4, title, A_BOLD);
}

/* get_wch() waiting out its timeout is normal; returning ERR at once,
 * again and again, means there is no terminal any more (a closed pty
 * without SIGHUP): treat it as hung up rather than spin. */
static void note_idle_return(void)
{
	static struct timespec last;
	static int quick;
	struct timespec now;
	long ms;

	clock_gettime(CLOCK_MONOTONIC, &now);
	ms = (now.tv_sec - last.tv_sec) * 1000L + (now.tv_nsec - last.tv_nsec) / 1000000L;
	last = now;
	quick = ms < 5 ? quick + 1 : 0;
	if (quick > 200)
		got_signal = SIGHUP;
}

long long ui_monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* Other stations' changes reach the screen at most every
 * refresh_interval_ms: each reload reads under the lock, and on a share a
 * hall of screens reloading at every commit would keep the working
 * stations waiting (bench/README: 97 % of the time with 16 of them). */
static int refresh_if_due(struct yc_app *app)
{
	long long now = ui_monotonic_ms();

	if (!app->refresh_pending || now - app->refreshed_at_ms < app->cfg->refresh_interval_ms)
		return 0;
	app->refresh_pending = 0;
	app->refreshed_at_ms = now;
	if (app->screen && app->screen->data_changed)
		return app->screen->data_changed(app, app->priv);
	return 0;
}

/* Wait for a key no longer than the next look for changes, or than the
 * moment a pending refresh falls due. */
static int idle_timeout_ms(struct yc_app *app)
{
	long long left;

	if (!app->refresh_pending)
		return app->cfg->poll_interval_ms;
	left = app->refreshed_at_ms + app->cfg->refresh_interval_ms - ui_monotonic_ms();
	if (left < 10)
		left = 10;
	return left < app->cfg->poll_interval_ms ? (int)left : app->cfg->poll_interval_ms;
}

/* Keys as real terminals send them ----------------------------------------- */

/* ncurses knows the sequences of the terminfo entry TERM names. Window PCs
 * reach the program through the Linux console, xterm-likes on Kylin/UOS
 * desktops, Xshell and PuTTY over SSH, tmux and screen, and what they send
 * for Home, End and F1-F4 is often not what their TERM says (PuTTY sends
 * ESC[11~ for F1 and ESC[1~ for Home; tmux with TERM=xterm-256color passes
 * ESC[1~ and ESC[4~). Every such sequence is taught to ncurses once. */
static const struct {
	const char *seq;
	int key;
} terminal_keys[] = {
	{ "\033[1~", KEY_HOME }, { "\033[4~", KEY_END }, { "\033[7~", KEY_HOME }, { "\033[8~", KEY_END },
	{ "\033[H", KEY_HOME }, { "\033[F", KEY_END }, { "\033OH", KEY_HOME }, { "\033OF", KEY_END },
	{ "\033[2~", KEY_IC }, { "\033[3~", KEY_DC }, { "\033[5~", KEY_PPAGE }, { "\033[6~", KEY_NPAGE },
	{ "\033[A", KEY_UP }, { "\033[B", KEY_DOWN }, { "\033[C", KEY_RIGHT }, { "\033[D", KEY_LEFT },
	{ "\033OA", KEY_UP }, { "\033OB", KEY_DOWN }, { "\033OC", KEY_RIGHT }, { "\033OD", KEY_LEFT },
	{ "\033[Z", KEY_BTAB },
	/* F1-F4: xterm (SS3), PuTTY and rxvt (ESC[11~ ...), the Linux console (ESC[[A ...) */
	{ "\033OP", KEY_F(1) }, { "\033OQ", KEY_F(2) }, { "\033OR", KEY_F(3) }, { "\033OS", KEY_F(4) },
	{ "\033[11~", KEY_F(1) }, { "\033[12~", KEY_F(2) }, { "\033[13~", KEY_F(3) }, { "\033[14~", KEY_F(4) },
	{ "\033[[A", KEY_F(1) }, { "\033[[B", KEY_F(2) }, { "\033[[C", KEY_F(3) }, { "\033[[D", KEY_F(4) },
	{ "\033[[E", KEY_F(5) }, { "\033[15~", KEY_F(5) }, { "\033[17~", KEY_F(6) }, { "\033[18~", KEY_F(7) },
	{ "\033[19~", KEY_F(8) }, { "\033[20~", KEY_F(9) }, { "\033[21~", KEY_F(10) }, { "\033[23~", KEY_F(11) },
	{ "\033[24~", KEY_F(12) },
};

static void teach_terminal_keys(void)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(terminal_keys); i++)
		if (key_defined(terminal_keys[i].seq) == 0)
			define_key(terminal_keys[i].seq, terminal_keys[i].key);
}

/* The bytes of a sequence ncurses did not recognise are already waiting
 * when it hands over the Esc that began it: read them all now (a CSI's
 * parameters up to its final byte, an SS3's one letter, an Alt+key's
 * key), so that a key the program does not know is never taken for Esc
 * followed by typing. A lone Esc has nothing behind it. */
static int swallow_unknown_sequence(void)
{
	wint_t c;
	int rc, csi;

	timeout(0);
	rc = get_wch(&c);
	if (rc != OK)
		return rc == KEY_CODE_YES;   /* Esc then a key ncurses knew: both dropped */
	csi = c == '[';
	if (c != '[' && c != 'O')
		return 1;
	while (get_wch(&c) == OK) {
		if (!csi || (c >= 0x40 && c <= 0x7e))
			break;
	}
	return 1;
}

/* get_wch, with an unknown escape sequence read whole and reported as
 * UI_KEY_UNKNOWN. A screen test's keys come the same way (ui-script.c). */
static int read_terminal_key(wint_t *ch)
{
	int rc = ui_script_running() ? ui_script_get_wch(ch) : get_wch(ch);

	if (rc == OK && *ch == 27 && swallow_unknown_sequence()) {
		*ch = UI_KEY_UNKNOWN;
		return KEY_CODE_YES;
	}
	return rc;
}



/* A key for a modal box. The wait is sliced so that the station stays
 * "present" for `recover` while someone thinks over a dialog. */
static int read_key(wint_t *ch)
{
	int rc;

	do {
		/* quitting (SIGTERM, SIGHUP: the terminal went away) cancels the
		 * dialog as Esc would; the main loop then ends the program */
		if (got_signal && got_signal != SIGINT) {
			*ch = 27;
			return OK;
		}
		timeout(running ? running->cfg->poll_interval_ms : -1);
		rc = read_terminal_key(ch);
		if (rc == KEY_CODE_YES && *ch == UI_KEY_UNKNOWN)
			rc = ERR;   /* a key a dialog does not know: wait for another */
		if (rc == ERR && running) {
			store_keep_alive(running->st);
			note_idle_return();
		}
	} while (rc == ERR && running);
	return rc;
}

int ui_confirm(struct yc_app *app, const char *question)
{
	wint_t ch;
	int rc;

	for (;;) {
		/* the whole question, wrapped: nobody answers one cut short */
		int cols = COLS - 4 < 72 ? COLS - 4 : 72, left = (COLS - cols) / 2;
		int lines = ui_wrap(question, cols - 4, NULL, NULL), rows = lines + 5;
		int top = (LINES - rows) / 2;

		draw_all(app);
		draw_box(top, left, rows, cols, _("Please confirm"));
		ui_put_wrapped(top + 2, left + 2, top + 1 + lines, cols - 4, question, A_NORMAL);
		ui_put(top + rows - 2, left + 2, cols - 4, _("[Y] Yes    [N] No (Enter: No)"), A_BOLD);
		curs_set(0);
		refresh();
		rc = read_key(&ch);
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE)
			continue;
		/* only an explicit y says yes: Enter takes the default, No */
		if (rc == OK && (ch == 'y' || ch == 'Y'))
			return 1;
		if (rc == OK && (ch == 'n' || ch == 'N' || ch == 27 || ch == '\r' || ch == '\n'))
			return 0;
	}
}

static int prompt(struct yc_app *app, const char *title, const char *label, char *out, size_t outsz,
		  int secret)
{
	struct yc_field f;
	wint_t ch;
	int rc, result = -1;

	if (field_init(&f, 0) < 0)
		return 0;
	field_limit_bytes(&f, outsz);
	field_set(&f, out);
	while (result < 0) {
		int cols = COLS - 10, left = 5, top = LINES / 2 - 3;

		draw_all(app);
		draw_box(top, left, 6, cols, title);
		ui_put(top + 2, left + 2, cols - 4, label, A_NORMAL);
		ui_draw_field(app, top + 3, left + 2, cols - 4, &f, 1, secret);
		ui_put(top + 5, left + 2, cols - 4, _(" Enter confirms, Esc cancels "), A_NORMAL);
		move(app->cursor_y, app->cursor_x);
		curs_set(1);
		refresh();
		rc = read_key(&ch);
		if (rc == OK && (ch == '\r' || ch == '\n'))
			result = 1;
		else if (rc == OK && ch == 27)
			result = 0;
		else if (rc != ERR)
			ui_field_key(&f, ch, rc == KEY_CODE_YES);
	}
	if (result)
		field_get(&f, out, outsz);
	field_free(&f);
	return result;
}

int ui_prompt(struct yc_app *app, const char *title, const char *label, char *out, size_t outsz)
{
	return prompt(app, title, label, out, outsz, 0);
}

int ui_prompt_secret(struct yc_app *app, const char *title, const char *label, char *out, size_t outsz)
{
	return prompt(app, title, label, out, outsz, 1);
}

int ui_choose(struct yc_app *app, const char *title, const char *const *options, int n)
{
	int sel = 0, top_row = 0, widest = yc_width(title) + 4;
	wint_t ch;
	int rc, i;

	for (i = 0; i < n; i++)
		if (yc_width(options[i]) + 5 > widest)
			widest = yc_width(options[i]) + 5;
	for (;;) {
		int rows = n + 4 < LINES - 2 ? n + 4 : LINES - 2;
		int cols = widest + 4 < 40 ? 40 : widest + 4 > COLS - 4 ? COLS - 4 : widest + 4;
		int top = (LINES - rows) / 2, left = (COLS - cols) / 2, shown = rows - 4;

		/* long lists scroll with the selection */
		if (sel < top_row)
			top_row = sel;
		if (sel >= top_row + shown)
			top_row = sel - shown + 1;
		draw_all(app);
		draw_box(top, left, rows, cols, title);
		for (i = top_row; i < n && i < top_row + shown; i++) {
			char line[512];

			snprintf(line, sizeof line, " %d  %s", i + 1, options[i]);
			ui_fill(top + 2 + i - top_row, left + 2, cols - 4, line,
				i == sel ? ui_attr_selected() : A_NORMAL);
		}
		curs_set(0);
		refresh();
		rc = read_key(&ch);
		if (rc == KEY_CODE_YES && ch == KEY_DOWN && sel + 1 < n)
			sel++;
		else if (rc == KEY_CODE_YES && ch == KEY_UP && sel > 0)
			sel--;
		else if ((rc == OK && (ch == '\r' || ch == '\n')) || (rc == KEY_CODE_YES && ch == KEY_ENTER))
			return sel;
		else if (rc == OK && ch >= '1' && ch <= '9' && (int)(ch - '1') < n)
			return (int)(ch - '1');
		else if (rc == OK && ch == 27)
			return -1;
	}
}

void ui_modal_background(struct yc_app *app, int top, int left, int rows, int cols, const char *title)
{
	draw_all(app);
	draw_box(top, left, rows, cols, title);
}

int ui_modal_key(wint_t *ch)
{
	return read_key(ch);
}

static void add_help_lines(const struct yc_binding *t, size_t n, char lines[][160], int *count,
			   int max)
{
	size_t i;

	for (i = 0; i < n && *count < max; i++) {
		char key[24];

		yc_fit(t[i].key_name, 8, 1, key, sizeof key);
		snprintf(lines[(*count)++], 160, "%s %s", key, _(t[i].help));
	}
}

static void show_help(struct yc_app *app)
{
	char lines[40][160];
	int n = 0, i, cols = COLS - 8, rows, top, first = 0;
	wint_t ch;

	if (app->screen) {
		size_t n_keys;
		const struct yc_binding *keys = screen_keys(app, &n_keys);

		add_help_lines(keys, n_keys, lines, &n, 40);
	}
	add_help_lines(ui_global_keys, ui_n_global_keys, lines, &n, 40);
	rows = n + 4 < LINES - 2 ? n + 4 : LINES - 2;
	top = (LINES - rows) / 2;
	/* more keys than lines: the arrows and page keys scroll them */
	for (;;) {
		int shown = rows - 4, more = n > shown, rc;

		draw_all(app);
		draw_box(top, 4, rows, cols, _("Keys"));
		for (i = 0; i < shown && first + i < n; i++)
			ui_put(top + 2 + i, 6, cols - 4, lines[first + i], A_NORMAL);
		ui_put(top + rows - 1, 6, cols - 4,
		       more ? _(" Up/Down: more keys; any other key closes this help ") : _(" Any key closes this help "),
		       A_NORMAL);
		curs_set(0);
		refresh();
		rc = read_key(&ch);
		if (!more || rc != KEY_CODE_YES)
			return;
		if ((ch == KEY_DOWN || ch == KEY_NPAGE) && first + shown < n)
			first = ch == KEY_DOWN ? first + 1 : (first + 2 * shown < n ? first + shown : n - shown);
		else if ((ch == KEY_UP || ch == KEY_PPAGE) && first > 0)
			first = ch == KEY_UP ? first - 1 : (first > shown ? first - shown : 0);
		else if (ch != KEY_DOWN && ch != KEY_NPAGE && ch != KEY_UP && ch != KEY_PPAGE)
			return;
	}
}

/* The loop ---------------------------------------------------------------------- */

static void busy_hook(void *ctx, int waited_ms)
{
	struct yc_app *app = ctx;

	/* the loop is blocked inside a save: show the wait right away */
	app->busy_ms = waited_ms > 0 ? waited_ms : 0;
	if (!too_small()) {
		draw_status(app);
		refresh();
	}
}

static int normalise_key(int rc, wint_t ch)
{
	if (rc == OK && (ch == '\r' || ch == '\n'))
		return KEY_ENTER;
	if (rc == OK && ch == '\t')
		return '\t';
	return (int)ch;
}

static int global_action(struct yc_app *app, int action)
{
	switch (action) {
	case ACT_HELP:
		show_help(app);
		return UI_REDRAW;
	case ACT_REDRAW:
		clearok(stdscr, TRUE);
		return UI_REDRAW;
	case ACT_BACK:
		return app->logged_in && app->screen != ui_find_screen("menu") ? UI_BACK : UI_HANDLED;
	case ACT_LOGOUT:
		return app->logged_in ? UI_LOGOUT : UI_HANDLED;
	case ACT_FIND_CASE:
		if (!app->logged_in || app->user.must_change_password)
			return UI_HANDLED;
		ui_case_lookup(app);
		return UI_REDRAW;
	case ACT_QUIT:
		return ui_confirm(app, _("Quit yichuang?")) ? UI_QUIT : UI_REDRAW;
	}
	return UI_UNHANDLED;
}

static int dispatch(struct yc_app *app, int rc, wint_t ch)
{
	int key = normalise_key(rc, ch);
	const struct yc_screen_ops *s = app->screen;
	const struct yc_binding *b = NULL;
	int flags = UI_UNHANDLED;

	if (s) {
		size_t n_keys;
		const struct yc_binding *keys = screen_keys(app, &n_keys);

		if (keys)
			b = keys_find(keys, n_keys, key);
	}
	if (b && s->action)
		flags = s->action(app, app->priv, b->action);
	if (flags == UI_UNHANDLED && s && s->key)
		flags = s->key(app, app->priv, ch, rc == KEY_CODE_YES);
	if (flags == UI_UNHANDLED) {
		b = keys_find(ui_global_keys, ui_n_global_keys, key);
		if (b)
			flags = global_action(app, b->action);
	}
	return flags;
}

static void after_login_or_back(struct yc_app *app, int flags)
{
	if (flags & UI_LOGOUT) {
		app->logged_in = 0;
		memset(&app->user, 0, sizeof app->user);
		/* the next user sees nothing of the last one's searches */
		memset(app->find_query, 0, sizeof app->find_query);
		ui_say(app, "%s", _("Logged out."));
		ui_open_screen(app, "login");
	} else if (flags & UI_OPEN) {
		const char *next = app->next_screen;

		app->next_screen = NULL;
		/* a refused start screen still leaves the user somewhere useful */
		if (next && ui_open_screen(app, next) < 0 && app->logged_in &&
		    app->screen == ui_find_screen("login"))
			ui_open_screen(app, app->user.must_change_password && !app->demo ? "passwd" : "menu");
	} else if (flags & UI_BACK) {
		ui_open_screen(app, "menu");
	}
}

int ui_run(struct yc_app *app)
{
	struct sigaction sa;
	int flags = UI_REDRAW;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_signal;
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
	sigaction(SIGINT, &sa, NULL);

	running = app;
	/* lines and corners as Unicode characters, not the VT100 alternate
	 * character set: PuTTY and Xshell in UTF-8 mode, and tmux with TERM
	 * naming xterm, show that set as letters (lqqk) */
	setenv("NCURSES_NO_UTF8_ACS", "1", 0);
	if (!ui_script_start())
		initscr();
	cbreak();
	noecho();
	nonl();
	keypad(stdscr, TRUE);
	/* a lone Esc is told from a key's sequence by the pause after it; a
	 * screen test's keys arrive whole, so they need none */
	set_escdelay(ui_script_running() ? 0 : 25);
	teach_terminal_keys();
	init_colours();
	store_set_busy_hook(app->st, busy_hook, app);
	/* a public screen (the hall board) needs nobody to log in */
	if (app->requested_screen && ui_find_screen(app->requested_screen)->public)
		ui_open_screen(app, app->requested_screen);
	else
		ui_open_screen(app, "login");

	for (;;) {
		wint_t ch;
		int rc;

		if (got_signal) {
			int sig = got_signal;

			got_signal = 0;
			if (sig != SIGINT)
				break;
			/* Ctrl-C: ask, rather than drop what is on the screen */
			flags = global_action(app, ACT_QUIT);
			if (flags & UI_QUIT)
				break;
		}
		if (flags & (UI_REDRAW | UI_HANDLED | UI_BACK | UI_OPEN | UI_LOGOUT))
			draw_all(app);
		timeout(idle_timeout_ms(app));
		rc = read_terminal_key(&ch);
		if (rc == KEY_CODE_YES && ch == UI_KEY_UNKNOWN) {
			ui_error(app, "%s", _("That key means nothing here: nothing was done (F1 lists the keys)."));
			flags = UI_REDRAW;
			continue;
		}
		if (rc == ERR) {
			/* idle: pick up other stations' work, and the date at midnight */
			note_idle_return();
			yc_today(app->today);
			if (store_poll_changes(app->st))
				app->refresh_pending = 1;
			flags = refresh_if_due(app);
			if (app->screen && app->screen->idle)
				flags |= app->screen->idle(app, app->priv);
			continue;
		}
		if (rc == KEY_CODE_YES && ch == KEY_RESIZE) {
			flags = UI_REDRAW;
			continue;
		}
		if (too_small()) {
			flags = UI_REDRAW;
			if (rc == KEY_CODE_YES && ch == KEY_F(10))
				break;
			continue;
		}
		/* a message is read by the time the next key comes */
		app->message[0] = '\0';
		flags = dispatch(app, rc, ch);
		if (flags & UI_QUIT)
			break;
		after_login_or_back(app, flags);
		if (!app->screen)
			break;
	}
	close_screen(app);
	endwin();
	running = NULL;
	return 0;
}
