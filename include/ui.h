/* ui.h - the terminal toolkit: the application state, the main loop,
 * screens as tables of functions, key bindings as data, drawing helpers,
 * fields, dialogs. Screens never call refresh(): handlers return flags and
 * the main loop redraws. */
#ifndef YC_UI_H
#define YC_UI_H

#include <stddef.h>
#include <wchar.h>
#include <curses.h>

#include "auth.h"
#include "calendar.h"
#include "field.h"
#include "settings.h"
#include "store-users.h"

/* A key the terminal sent that the program does not know (an unknown
 * escape sequence, read whole): never Esc and letters. */
#define UI_KEY_UNKNOWN (KEY_MAX + 1)

/* Columns a case number takes in a list: the site's letters, the date, a
 * serial, and a bundle member's "-12"; two members never look alike. */
#define UI_CASE_NUMBER_COLS 19

#define UI_MIN_COLS 80
#define UI_MIN_ROWS 24

/* What a handler asks the main loop to do. */
enum {
	UI_UNHANDLED = 0,
	UI_HANDLED = 1 << 0,
	UI_REDRAW = 1 << 1,
	UI_BACK = 1 << 2,     /* leave this screen for the menu */
	UI_OPEN = 1 << 3,     /* open app->next_screen */
	UI_QUIT = 1 << 4,
	UI_LOGOUT = 1 << 5,
};

/* Actions. Global ones first; each screen numbers its own from ACT_SCREEN. */
enum {
	ACT_NONE = 0,
	ACT_HELP,
	ACT_BACK,
	ACT_QUIT,
	ACT_REDRAW,
	ACT_LOGOUT,
	ACT_FIND_CASE,
	ACT_SCREEN = 100,
};

#define KB_BAR 1u   /* shown in the function-key bar */

/* One key binding: the table feeds dispatch, F1 help and the key bar. */
struct yc_binding {
	int action;
	int key;              /* curses key code or character */
	const char *key_name; /* as shown: "F1", "Enter", "PgDn" */
	const char *label;    /* short, for the bar (N_) */
	const char *help;     /* one line, for F1 (N_) */
	unsigned flags;
};

struct yc_app;

struct yc_screen_ops {
	const char *name;           /* for --screen and the config */
	const char *title;          /* N_() */
	enum yc_perm perm;          /* who may open it; checked in ui_open_screen */
	int in_menu;                /* listed in the main menu */
	const struct yc_binding *keys;
	size_t n_keys;
	size_t private_size;        /* zeroed private state handed to the functions */
	int (*enter)(struct yc_app *app, void *priv);
	void (*leave)(struct yc_app *app, void *priv);
	void (*draw)(struct yc_app *app, void *priv, int top, int rows, int cols);
	int (*action)(struct yc_app *app, void *priv, int action);
	int (*key)(struct yc_app *app, void *priv, wint_t ch, int is_keycode);
	int (*data_changed)(struct yc_app *app, void *priv);
	int public;                 /* opens without a login (the hall board) */
	/* Optional: a screen with modes gives the bindings of its current
	 * mode (dispatch, help and the key bar follow); else keys/n_keys. */
	const struct yc_binding *(*mode_keys)(void *priv, size_t *n);
	/* Optional: no key came for a while (about station.poll_interval_ms);
	 * a public screen forgets what the last person typed. Flags. */
	int (*idle)(struct yc_app *app, void *priv);
};

struct yc_app {
	struct yc_settings *cfg;
	struct yc_store *st;
	struct yc_calendar cal;
	struct yc_user user;
	int logged_in;
	int demo;
	const char *requested_screen;   /* --screen, opened after login */
	char today[11];
	/* current screen */
	const struct yc_screen_ops *screen;
	void *priv;
	const char *next_screen;        /* with UI_OPEN */
	/* the F12 search's text, kept so a clerk can refine it; personal data
	 * (an ID number, a name): wiped at logout */
	char find_query[128];
	/* message line */
	char message[512];
	int message_is_error;
	/* status of the database for the status line */
	int busy_ms;                    /* > 0 while waiting for the lock */
	/* other stations' changes not shown yet, and when the screen last
	 * reloaded for them (monotonic ms) */
	int refresh_pending;
	long long refreshed_at_ms;
	/* cursor wanted by the last draw, or -1 */
	int cursor_y, cursor_x;
};

/* The registry (screens/registry.def). */
const struct yc_screen_ops *ui_find_screen(const char *name);
size_t ui_screen_count(void);
const struct yc_screen_ops *ui_screen_at(size_t i);

/* Open a screen by name, checking the user's role in the core. Returns 0,
 * or -1 with a message set. */
int ui_open_screen(struct yc_app *app, const char *name);

/* Milliseconds on a clock that only goes forward (for timeouts). */
long long ui_monotonic_ms(void);

/* Run the program until the user quits. */
int ui_run(struct yc_app *app);

/* Message line. */
void ui_say(struct yc_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));
void ui_error(struct yc_app *app, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

/* Drawing: text clipped to cols columns, sanitised; ui_fill also pads
 * with spaces to exactly cols (bars, selected rows, fields). */
void ui_put(int y, int x, int cols, const char *text, attr_t attr);
void ui_fill(int y, int x, int cols, const char *text, attr_t attr);
void ui_put_center(int y, int cols, const char *text, attr_t attr);
/* A window category in the screen's language: the database keeps the
 * hall's Chinese names, which an English screen would show as they are.
 * stored_name for a category the program does not know. */
const char *ui_category_label(const char *code, const char *stored_name);

/* Wrap text into lines of at most cols columns; returns the number of
 * lines, calling each(ctx, line) for every one (each may be NULL: only
 * count them). */
int ui_wrap(const char *text, int cols, void (*each)(void *ctx, const char *line), void *ctx);

/* Draw text wrapped to cols columns from row y, column x, not below row
 * last. Returns the row after the last one drawn. */
int ui_put_wrapped(int y, int x, int last, int cols, const char *text, attr_t attr);

/* A text field drawn at y,x in cols columns; focused ones place the cursor. */
void ui_draw_field(struct yc_app *app, int y, int x, int cols, struct yc_field *f,
		   int focused, int secret);
/* Editing keys for a field; 1 when the key was used. */
int ui_field_key(struct yc_field *f, wint_t ch, int is_keycode);

/* Modal one-line text input: 1 when confirmed with Enter (text in out),
 * 0 when cancelled with Esc. out's content is the starting text. */
int ui_prompt(struct yc_app *app, const char *title, const char *label, char *out, size_t outsz);
/* The same for a password: shown as '*'. */
int ui_prompt_secret(struct yc_app *app, const char *title, const char *label, char *out, size_t outsz);

/* Modal choice from a list: the index chosen, or -1 when cancelled. */
int ui_choose(struct yc_app *app, const char *title, const char *const *options, int n);

/* For modal boxes of other toolkit parts: the screen behind, then an
 * empty framed box; and a key read that keeps the station present. */
void ui_modal_background(struct yc_app *app, int top, int left, int rows, int cols, const char *title);
int ui_modal_key(wint_t *ch);
/* Modal yes/no question; 1 for yes. */
int ui_confirm(struct yc_app *app, const char *question);

/* Colours/attributes by meaning. */
attr_t ui_attr_title(void);
attr_t ui_attr_selected(void);
attr_t ui_attr_error(void);
attr_t ui_attr_dim(void);

#endif
