/* admin-cli.h - the hall's set-up from the command line, for scripted
 * setup and for the server: `yichuang user|window|site|department|
 * contract|calendar ...` (yichuang(1), ADMINISTRATION). The rules are the
 * store's (store-setup.h); this only reads words and prints. */
#ifndef YC_ADMIN_CLI_H
#define YC_ADMIN_CLI_H

#include "store.h"

/* The options an administrative command may take; NULL when not given. */
struct admin_args {
	const char *role, *department, *window, *site, *name, *serves, *level;
	const char *contractor, *fee, *from, *to;
};

/* Whether word names an administrative command. */
int admin_is_command(const char *word);

/* "3" is the hall's 3号窗口; any other text is the window's own name. */
const char *admin_window_name(const char *given, char *buf, size_t n);

/* Check the words before anything is opened: 0, or dies with a usage
 * message (exit 2). */
void admin_check_words(char **words, int n);

/* Run the command words[0] words[1] ... on the open store; the exit
 * status. Dies with a message on failure. */
int admin_run(struct yc_store *st, const struct admin_args *a, char **words, int n);

/* The name an administrative command carries in the event log: the
 * command and the OS user and host that ran it. */
void admin_actor(const char *command, char *out, size_t n);

#endif
