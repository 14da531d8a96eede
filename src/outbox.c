/* outbox.c - the SMS outbox's sender. */
#include "config.h"

#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <unistd.h>

#include "outbox.h"
#include "print.h"
#include "store-outbox.h"

/* Run the command for one message: 0 sent, or -1 with why in error. */
static int send_one(const struct yc_settings *cfg, const struct yc_outbox_msg *m, char *error, size_t n)
{
	const char *values[2] = { m->phone, m->message };
	char *command = command_build(cfg->notify_command, "pm", values), output[200];
	int rc;

	if (!command) {
		snprintf(error, n, "%s", _("Out of memory."));
		return -1;
	}
	rc = command_run(command, output, sizeof output);
	free(command);
	if (rc == 0)
		return 0;
	output[strcspn(output, "\n")] = '\0';
	if (output[0])
		snprintf(error, n, "%s", output);
	else
		snprintf(error, n, _("the notification command ended with status %d"), rc);
	return -1;
}

int outbox_run(struct yc_store *st, const struct yc_settings *cfg, struct outbox_stats *stats,
	       struct yc_err *err)
{
	struct yc_outbox_msg m;
	int rc;

	memset(stats, 0, sizeof *stats);
	if (!cfg->notify_command[0])
		return 0;
	while ((rc = store_outbox_claim(st, &m, err)) == 0) {
		char error[200] = "";
		int ok = send_one(cfg, &m, error, sizeof error) == 0;

		if (store_outbox_result(st, m.id, ok, error, cfg->notify_max_attempts, err) < 0)
			return -1;
		if (ok)
			stats->sent++;
		else
			stats->failed++;
	}
	return rc < 0 ? -1 : 0;
}

void outbox_spawn(const struct yc_settings *cfg, const char *db_path, const char *station)
{
	pid_t pid;

	if (!cfg->notify_command[0] || (pid = fork()) < 0)
		return;
	if (pid > 0) {
		waitpid(pid, NULL, 0);   /* the middle process ends at once */
		return;
	}
	/* the middle process: detach the sender and go, so init reaps it */
	if (fork() == 0) {
		struct store_opts o = { cfg->db_locking, cfg->busy_timeout_ms, cfg->stale_lock_seconds, station, 1 };
		struct outbox_stats stats;
		struct yc_store *st;
		struct yc_err err;
		int devnull = open("/dev/null", O_RDWR);

		setsid();
		dup2(devnull, 0);
		dup2(devnull, 1);
		dup2(devnull, 2);
		if ((!strcmp(cfg->db_backend, "postgresql")
			     ? store_open_server(&st, cfg->db_conninfo, cfg->db_password_file, &o, &err)
			     : store_open(&st, db_path, &o, &err)) == 0) {
			outbox_run(st, cfg, &stats, &err);
			store_close(st);
		}
		_exit(0);
	}
	_exit(0);
}
