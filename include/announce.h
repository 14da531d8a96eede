/* announce.h - calling a number aloud through announce.command (e.g.
 * Debian's espeak-ng with its Mandarin voice): run away from the clerk,
 * so that the screen never waits for a speaker; a failed announcement is
 * told once, not at every call. Curses- and SQL-free. */
#ifndef YC_ANNOUNCE_H
#define YC_ANNOUNCE_H

#include <stddef.h>

#include "settings.h"

/* The words spoken, always Chinese (the hall hears them): "请A006号到综合
 * 受理3号窗办理". */
void announce_text(const char *number, const char *window, char *out, size_t n);

/* Start announce.command for this call (%t the words, %n the number, %w
 * the window) in a process of its own and return at once; nothing when
 * the command is empty. Its outcome is kept in status_file for
 * announce_failure. */
void announce_call(const struct yc_settings *cfg, const char *number, const char *window,
		   const char *status_file);

/* 1 with why (the command's words or its status) when an announcement has
 * failed since the last one that worked and this has not been told yet;
 * else 0. */
int announce_failure(const char *status_file, char *why, size_t n);

/* Where this PC keeps the last announcement's outcome:
 * $XDG_STATE_HOME/yichuang/announce.status. */
void announce_status_file(char *out, size_t n);

#endif
