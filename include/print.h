/* print.h - documents for paper: render a template, keep the file, run
 * the station's print command on it. A failed print keeps the file, so it
 * can be printed again. */
#ifndef YC_PRINT_H
#define YC_PRINT_H

#include <stddef.h>

#include "settings.h"
#include "yc.h"

struct print_var {
	const char *name;
	const char *value;
};

/* The template with every {{name}} replaced by its value; an unknown name
 * stays as it is, so that a mistake shows on paper. Caller frees. */
char *print_render(const char *tmpl, const struct print_var *vars, size_t n);

/* Save text as a new file in the prints folder and run print.command on it
 * (%f is the file, quoted for the shell). path gets the file's name. */
int print_document(const struct yc_settings *cfg, const char *kind, const char *text,
		   char *path, size_t pathsz, struct yc_err *err);

/* Outside commands (print.command, notify.command) ------------------------ */

/* The command template with each %x, for x in keys, replaced by the value
 * of the same index in single quotes for the shell; a template naming
 * none of them gets them all appended in order. Caller frees; NULL when
 * memory ran out. */
char *command_build(const char *tmpl, const char *keys, const char *const *values);

/* Run a command with /bin/sh -c, nothing read from or written to the
 * terminal; the start of what it printed comes back in output, for
 * messages. Its exit status (128 + signal when killed), or -1. */
int command_run(const char *command, char *output, size_t outsz);

#endif
