/* outbox.h - sending the SMS outbox through notify.command, away from the
 * clerk: one message at a time is claimed in the database, the command
 * runs outside any transaction, the outcome is written back. Curses-free. */
#ifndef YC_OUTBOX_H
#define YC_OUTBOX_H

#include "settings.h"
#include "store.h"

struct outbox_stats {
	int sent, failed;
};

/* Send every message due now; 0, or -1 with err when the database failed
 * (a message that fails to send is a failure counted, not an error). Does
 * nothing when notify.command is empty. */
int outbox_run(struct yc_store *st, const struct yc_settings *cfg, struct outbox_stats *stats,
	       struct yc_err *err);

/* Run outbox_run in a process of its own, on its own connection to the
 * database at db_path, so that the screen never waits for the command.
 * The process is not this one's child for long: nothing to reap. */
void outbox_spawn(const struct yc_settings *cfg, const char *db_path, const char *station);

#endif
