/* announce.c - announce.command, run in the background like the outbox. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "announce.h"
#include "print.h"
#include "yc.h"

void announce_text(const char *number, const char *window, char *out, size_t n)
{
	snprintf(out, n, "请%s号到%s办理", number, window);
}

void announce_status_file(char *out, size_t n)
{
	yc_user_place(NULL, "XDG_STATE_HOME", ".local/state", "announce.status", out, n);
}

/* "ok", or "failed" and the command's first words: the file is written
 * aside and renamed, so that a reader never sees half of it. */
static void write_status(const char *status_file, int rc, const char *output)
{
	char tmp[YC_PATH_MAX + 16], *slash;
	FILE *f;

	yc_strlcpy(tmp, status_file, sizeof tmp);
	if ((slash = strrchr(tmp, '/')) && slash != tmp) {
		*slash = '\0';
		yc_mkdirs(tmp);
	}
	snprintf(tmp, sizeof tmp, "%s.%ld", status_file, (long)getpid());
	if (!(f = fopen(tmp, "w")))
		return;
	if (rc == 0)
		fputs("ok\n", f);
	else if (output[0])
		fprintf(f, "failed\n%s\n", output);
	else
		fprintf(f, "failed\nstatus %d\n", rc);
	if (fclose(f) != 0 || rename(tmp, status_file) != 0)
		unlink(tmp);
}

void announce_call(const struct yc_settings *cfg, const char *number, const char *window,
		   const char *status_file)
{
	char words[256];
	const char *values[3] = { words, number, window };
	pid_t pid;

	if (!cfg->announce_command[0] || (pid = fork()) < 0)
		return;
	if (pid > 0) {
		waitpid(pid, NULL, 0);   /* the middle process ends at once */
		return;
	}
	/* the middle process: detach the speaker and go, so init reaps it */
	if (fork() == 0) {
		char output[200], *command;
		int rc;

		setsid();
		announce_text(number, window, words, sizeof words);
		if (!(command = command_build(cfg->announce_command, "tnw", values)))
			_exit(1);
		rc = command_run(command, output, sizeof output);
		output[strcspn(output, "\n")] = '\0';
		write_status(status_file, rc, output);
		_exit(0);
	}
	_exit(0);
}

/* Told already: the failure this process last said, by the file's
 * contents; cleared when an announcement works again. */
static char told[256];

int announce_failure(const char *status_file, char *why, size_t n)
{
	char buf[256] = "";
	FILE *f = fopen(status_file, "r");
	size_t got;

	if (!f)
		return 0;
	got = fread(buf, 1, sizeof buf - 1, f);
	fclose(f);
	buf[got] = '\0';
	if (strncmp(buf, "failed\n", 7) != 0) {
		told[0] = '\0';   /* it works again: a later failure is news */
		return 0;
	}
	if (told[0])
		return 0;
	yc_strlcpy(told, buf, sizeof told);
	yc_strlcpy(why, buf + 7, n);
	why[strcspn(why, "\n")] = '\0';
	return 1;
}
