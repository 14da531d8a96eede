/* ui-script.c - a test facility, not for users: the screen tests
 * (tests/screen-run.sh) drive the program in-process, as tig's TIG_SCRIPT
 * does, instead of typing into a terminal multiplexer and polling it.
 *
 * YICHUANG_SCRIPT=IN,OUT names two file descriptors the test opened for
 * the program: it writes commands to IN, one a line, and reads the answers
 * from OUT. Curses then draws to /dev/null, on the terminal type TERM
 * names at the size LINES x COLUMNS, and reads its keys from a pipe that
 * the program fills with the bytes the test sends: they are decoded as a
 * terminal's are (terminfo's keypad sequences, ui.c's table of others).
 *
 * A command is read only when every key sent before it has been read and
 * handled and the program waits for the next one; its answer is written
 * once that is so again:
 *
 *   keys HEX...   these bytes, as a terminal sends them    -> ok
 *   text TEXT     the rest of the line, typed               -> ok
 *   resize W H    the terminal is now W x H                 -> ok
 *   sync          nothing                                   -> ok
 *   look          the program does at once what it does when nobody types
 *                 (looks for other stations' changes, and shows them if
 *                 its refresh interval allows)              -> ok
 *   screen        the screen, as tmux capture-pane -p shows it:
 *                 "screen N", then its N rows
 *   wait TEXT     until TEXT is on the screen, the program does its own
 *                 periodic work as it would at a terminal, 10 s at most
 *                                                           -> ok | missing
 *
 * A program that ends closes OUT: the test notices at once. When IN
 * closes (the test has gone) the program hangs up as on a closed terminal. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "ui.h"
#include "ui-script.h"

#define WAIT_MS 10000

static struct {
	FILE *commands;
	FILE *answers;
	int keys;                  /* the write end of curses' input */
	int running;
	int owed;                  /* an "ok" is due when the keys are handled */
	char *wait_text;           /* being waited for, or NULL */
	long long wait_until_ms;
	int look_now;              /* a round of the program's idle work is due */
} script = { NULL, NULL, -1, 0, 0, NULL, 0, 0 };

int ui_script_requested(void)
{
	return getenv("YICHUANG_SCRIPT") != NULL;
}

int ui_script_running(void)
{
	return script.running;
}

static _Noreturn void script_fail(const char *what)
{
	fprintf(stderr, "yichuang: YICHUANG_SCRIPT: %s%s%s\n", what, errno ? ": " : "", errno ? strerror(errno) : "");
	exit(EXIT_FAILURE);
}

static FILE *open_channel(int fd, const char *mode)
{
	FILE *f;

	/* nothing the program runs (the print command) may keep it open */
	if (fcntl(fd, F_SETFD, FD_CLOEXEC) < 0 || !(f = fdopen(fd, mode)))
		script_fail("cannot use the test's file descriptors");
	return f;
}

int ui_script_start(void)
{
	const char *spec = getenv("YICHUANG_SCRIPT");
	int in, out, keys[2];
	FILE *screen, *input;
	SCREEN *sp;

	if (!spec)
		return 0;
	errno = EINVAL;
	if (sscanf(spec, "%d,%d", &in, &out) != 2)
		script_fail("not two file descriptors IN,OUT");
	script.commands = open_channel(in, "r");
	script.answers = open_channel(out, "w");
	if (pipe2(keys, O_CLOEXEC) < 0 || !(input = fdopen(keys[0], "r")) ||
	    !(screen = fopen("/dev/null", "we")))
		script_fail("cannot make the keyboard pipe");
	script.keys = keys[1];
	sp = newterm(NULL, screen, input);
	errno = 0;
	if (!sp)
		script_fail("curses does not know TERM");
	set_term(sp);
	/* every update is drawn whole, even with keys still waiting */
	typeahead(-1);
	unsetenv("YICHUANG_SCRIPT");
	script.running = 1;
	return 1;
}

static long long monotonic_ms(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (long long)now.tv_sec * 1000 + now.tv_nsec / 1000000;
}

/* The screen ---------------------------------------------------------------- */

/* A cell as the terminal shows it: a line-drawing character is drawn as
 * its Unicode twin (NCURSES_NO_UTF8_ACS, ui.c), which curses does not keep. */
static size_t ui_script_cell_text(const cchar_t *cell, char *out)
{
	wchar_t wch[CCHARW_MAX + 1];
	attr_t attrs;
	short pair;
	size_t len = 0, i;
	mbstate_t ps;

	if (getcchar(cell, wch, &attrs, &pair, NULL) == ERR)
		return 0;
	if ((attrs & A_ALTCHARSET) && wch[0] < 128 && wch[1] == L'\0') {
		wchar_t twin[CCHARW_MAX + 1];

		if (getcchar(NCURSES_WACS(wch[0]), twin, &attrs, &pair, NULL) != ERR && twin[0])
			memcpy(wch, twin, sizeof wch);
	}
	memset(&ps, 0, sizeof ps);
	for (i = 0; i < CCHARW_MAX && wch[i]; i++) {
		size_t n = wcrtomb(out + len, wch[i], &ps);

		if (n != (size_t)-1)
			len += n;
	}
	return len;
}

/* Row y as tmux capture-pane -p gives it: what curses last sent to the
 * terminal (curscr), a double-width character once, trailing blanks
 * dropped. out holds COLS * CCHARW_MAX * MB_LEN_MAX + 1 bytes. */
static void screen_row(int y, cchar_t *cells, char *out)
{
	int cy, cx, x;
	size_t len = 0;

	/* curscr's cursor is where curses thinks the terminal's is */
	getyx(curscr, cy, cx);
	mvwin_wchnstr(curscr, y, 0, cells, COLS);
	wmove(curscr, cy, cx);
	for (x = 0; x < COLS; x++) {
		size_t n = ui_script_cell_text(&cells[x], out + len);

		if (n == 0)
			break;   /* the end: win_wchnstr leaves the second half of a wide one out */
		len += n;
	}
	while (len > 0 && out[len - 1] == ' ')
		len--;
	out[len] = '\0';
}

/* Calls each(row) for every row of the screen until it returns nonzero;
 * what it returned. */
static int each_row(int (*each)(const char *row, void *ctx), void *ctx)
{
	cchar_t *cells = calloc((size_t)COLS + 1, sizeof *cells);
	char *row = malloc((size_t)COLS * CCHARW_MAX * MB_LEN_MAX + 1);
	int y, rc = 0;

	if (!cells || !row)
		script_fail("out of memory");
	for (y = 0; y < LINES && rc == 0; y++) {
		screen_row(y, cells, row);
		rc = each(row, ctx);
	}
	free(cells);
	free(row);
	return rc;
}

static int write_row(const char *row, void *ctx)
{
	fprintf(ctx, "%s\n", row);
	return 0;
}

static int row_has(const char *row, void *text)
{
	return strstr(row, text) != NULL;
}

/* Commands ------------------------------------------------------------------- */

static void ui_script_answer(const char *what)
{
	fprintf(script.answers, "%s\n", what);
	fflush(script.answers);
}

static void send_screen(void)
{
	fprintf(script.answers, "screen %d\n", LINES);
	each_row(write_row, script.answers);
	fflush(script.answers);
}

static void feed(const char *bytes, size_t n)
{
	while (n > 0) {
		ssize_t w = write(script.keys, bytes, n);

		if (w < 0 && errno != EINTR)
			script_fail("cannot pass the keys on");
		if (w > 0) {
			bytes += w;
			n -= (size_t)w;
		}
	}
}

static void feed_hex(const char *hex)
{
	unsigned byte;
	int used;
	char c;

	while (sscanf(hex, " %2x%n", &byte, &used) == 1) {
		c = (char)byte;
		feed(&c, 1);
		hex += used;
	}
}

/* The waited-for text is on the screen, or the wait is over: answered. */
static int wait_over(void)
{
	int found = each_row(row_has, script.wait_text);

	if (!found && monotonic_ms() < script.wait_until_ms)
		return 0;
	ui_script_answer(found ? "ok" : "missing");
	free(script.wait_text);
	script.wait_text = NULL;
	return 1;
}

/* The commands: each is answered by the time the next is read. */
static void run_keys(const char *arg)
{
	feed_hex(arg);
	script.owed = 1;
}

static void run_text(const char *arg)
{
	feed(arg, strlen(arg));
	script.owed = 1;
}

static void run_resize(const char *arg)
{
	int w, h;

	if (sscanf(arg, "%d %d", &w, &h) != 2) {
		ui_script_answer("resize W H");
		return;
	}
	resizeterm(h, w);   /* and KEY_RESIZE is the next key */
	script.owed = 1;
}

static void run_look(const char *arg)
{
	(void)arg;
	script.look_now = 1;
}

static void run_sync(const char *arg)
{
	(void)arg;
	script.owed = 1;
}

static void run_screen(const char *arg)
{
	(void)arg;
	send_screen();
}

static void run_wait(const char *arg)
{
	if (!(script.wait_text = strdup(arg)))
		script_fail("out of memory");
	script.wait_until_ms = monotonic_ms() + WAIT_MS;
}

static const struct {
	const char *name;
	void (*run)(const char *arg);
} commands[] = {
	{ "keys", run_keys }, { "text", run_text }, { "resize", run_resize }, { "look", run_look },
	{ "sync", run_sync }, { "screen", run_screen }, { "wait", run_wait },
};

/* One command: 0, or -1 when the test has gone (or a signal came). */
static int serve_command(void)
{
	static char *line;
	static size_t size;
	ssize_t len;
	size_t i, name_len;

	errno = 0;
	len = getline(&line, &size, script.commands);
	if (len < 0) {
		int interrupted = errno == EINTR;

		clearerr(script.commands);
		if (!interrupted)
			raise(SIGHUP);
		return -1;
	}
	if (len > 0 && line[len - 1] == '\n')
		line[--len] = '\0';
	name_len = strcspn(line, " ");
	for (i = 0; i < YC_ARRAY_LEN(commands); i++) {
		if (strlen(commands[i].name) == name_len && strncmp(line, commands[i].name, name_len) == 0) {
			const char *arg = line[name_len] ? line + name_len + 1 : line + name_len;

			commands[i].run(arg);
			return 0;
		}
	}
	ui_script_answer("unknown command");
	return 0;
}

/* Whether the program has a round of its own work to do for the test:
 * then ERR, once the round's time (ms) has passed with no key. */
static int own_work_round(int *ms)
{
	if (script.look_now) {
		script.look_now = 0;
		script.owed = 1;
		*ms = 0;
		return 1;
	}
	return script.wait_text && !wait_over();
}

int ui_script_get_wch(wint_t *ch)
{
	int delay = wgetdelay(stdscr), rc;

	for (;;) {
		int ms = delay < 0 ? 200 : delay;

		timeout(0);
		rc = get_wch(ch);
		if (rc != ERR)
			break;
		/* every key is handled: what is on the screen is the program's answer */
		if (own_work_round(&ms)) {
			/* as at a terminal nobody types at, for the caller's timeout */
			timeout(ms);
			rc = get_wch(ch);
			break;
		}
		if (script.owed) {
			ui_script_answer("ok");
			script.owed = 0;
		}
		if (serve_command() < 0)
			break;
	}
	timeout(delay);
	return rc;
}
