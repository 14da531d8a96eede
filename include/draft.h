/* draft.h - a record that could not be saved (the share gone, the disk
 * full, the lock held, the program closed with it open), kept as a file on
 * this PC's own disk until the database takes it. One file per record,
 * named PREFIX-YYYYMMDD-HHMMSS-NN.draft (the prefix says whose and of
 * which screen); a libconfig text file, mode 0600 (it holds ID numbers).
 * Curses-free and SQL-free. */
#ifndef YC_DRAFT_H
#define YC_DRAFT_H

#include <stddef.h>

#include "intake.h"
#include "settings.h"
#include "yc.h"

struct draft_info {
	char saved_at[20];            /* YYYY-MM-DD HH:MM:SS */
	char reason[256];             /* why the database did not take it */
};

/* The drafts folder: station.drafts, or $XDG_STATE_HOME/yichuang/drafts,
 * or ~/.local/state/yichuang/drafts. */
void draft_dir(const struct yc_settings *cfg, char *out, size_t n);

/* A name for a new record's draft in dir, from now, not yet taken. */
void draft_new_path(const char *dir, const char *prefix, char *out, size_t n);

/* The oldest draft in dir whose name starts with prefix: 1 found (its
 * path in out, *count how many there are), 0 none. */
int draft_oldest(const char *dir, const char *prefix, char *out, size_t n, int *count);

/* Write the record (a new file beside it, synced, then renamed over the
 * old draft: a crash leaves the old draft or the new, never half). */
int draft_save_intake(const char *path, const struct intake *in, const char *reason, struct yc_err *err);

/* 0 read into *in, 1 there is no draft, -1 unreadable (err says why; the
 * file is left as it is). */
int draft_load_intake(const char *path, struct intake *in, struct draft_info *info, struct yc_err *err);

/* The draft is saved in the database now: remove it. */
void draft_remove(const char *path);

/* The user chose not to continue it: set it aside as PATH.discarded (the
 * one before is replaced), so that a wrong key loses nothing for good. */
int draft_set_aside(const char *path, struct yc_err *err);

#endif
