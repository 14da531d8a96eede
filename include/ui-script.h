/* ui-script.h - a test facility: the screen tests drive the program
 * in-process, without a terminal (src/ui-script.c describes how). Not for
 * users, and not in the manual. */
#ifndef YC_UI_SCRIPT_H
#define YC_UI_SCRIPT_H

#include <wchar.h>

/* YICHUANG_SCRIPT is set: a test drives the program, no terminal needed. */
int ui_script_requested(void);

/* Start curses on the test's keys instead of the terminal's: 1, or 0 when
 * no test asked for it (the caller then starts curses as usual). */
int ui_script_start(void);

/* Curses was started by ui_script_start. */
int ui_script_running(void);

/* get_wch for the test: a key it sent, or, once every key sent has been
 * read, its next command. ERR after a round of the caller's timeout while
 * the test waits for the program's own work; SIGHUP is raised when the
 * test has gone, as a terminal that goes away does. */
int ui_script_get_wch(wint_t *ch);

#endif
