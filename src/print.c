/* print.c - rendering templates and running the print command. */
#include "config.h"

#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include "escpos.h"
#include "pdf.h"
#include "print.h"

struct buf {
	char *p;
	size_t len, cap;
};

static int print_put(struct buf *b, const char *s, size_t n)
{
	if (yc_reserve(&b->p, &b->cap, b->len + n + 1, 1) < 0)
		return -1;
	memcpy(b->p + b->len, s, n);
	b->len += n;
	b->p[b->len] = '\0';
	return 0;
}

char *print_render(const char *tmpl, const struct print_var *vars, size_t n)
{
	struct buf b = { NULL, 0, 0 };
	const char *p = tmpl;

	if (print_put(&b, "", 0) < 0)
		return NULL;
	while (*p) {
		const char *open = strstr(p, "{{"), *close;
		size_t i;

		if (!open || !(close = strstr(open + 2, "}}"))) {
			if (print_put(&b, p, strlen(p)) < 0)
				goto fail;
			break;
		}
		if (print_put(&b, p, (size_t)(open - p)) < 0)
			goto fail;
		for (i = 0; i < n; i++)
			if (strlen(vars[i].name) == (size_t)(close - open - 2) &&
			    strncmp(vars[i].name, open + 2, (size_t)(close - open - 2)) == 0)
				break;
		if ((i < n ? print_put(&b, vars[i].value, strlen(vars[i].value)) :
			     print_put(&b, open, (size_t)(close + 2 - open))) < 0)
			goto fail;
		p = close + 2;
	}
	return b.p;
fail:
	free(b.p);
	return NULL;
}

static void prints_dir(const struct yc_settings *cfg, char *out, size_t n)
{
	yc_user_place(cfg->print_directory, "XDG_DATA_HOME", ".local/share", "prints", out, n);
}

static int put_quoted(struct buf *b, const char *value)
{
	int rc = print_put(b, "'", 1);

	for (; *value && rc == 0; value++)
		rc |= *value == '\'' ? print_put(b, "'\\''", 4) : print_put(b, value, 1);
	return rc | print_put(b, "'", 1);
}

char *command_build(const char *tmpl, const char *keys, const char *const *values)
{
	struct buf b = { NULL, 0, 0 };
	const char *p, *k;
	int used = 0, rc = print_put(&b, "", 0);

	for (p = tmpl; *p && rc == 0; p++) {
		k = p[0] == '%' && p[1] ? strchr(keys, p[1]) : NULL;
		if (k) {
			rc |= put_quoted(&b, values[k - keys]);
			used = 1;
			p++;
		} else {
			rc |= print_put(&b, p, 1);
		}
	}
	/* a command naming none of them gets them at its end, in order */
	for (k = keys; !used && *k && rc == 0; k++)
		rc |= print_put(&b, " ", 1) | put_quoted(&b, values[k - keys]);
	if (rc != 0) {
		free(b.p);
		return NULL;
	}
	return b.p;
}

int command_run(const char *command, char *output, size_t outsz)
{
	int fds[2], status;
	pid_t pid;
	ssize_t got;
	size_t len = 0;

	output[0] = '\0';
	if (pipe(fds) != 0)
		return -1;
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return -1;
	}
	if (pid == 0) {
		int devnull = open("/dev/null", O_RDONLY);

		dup2(devnull, 0);
		dup2(fds[1], 1);
		dup2(fds[1], 2);
		close(fds[0]);
		execl("/bin/sh", "sh", "-c", command, (char *)NULL);
		_exit(127);
	}
	close(fds[1]);
	while ((got = read(fds[0], output + len, outsz - 1 - len)) > 0 && len + 1 < outsz)
		len += (size_t)got;
	output[len] = '\0';
	/* drain the rest so the child never blocks on a full pipe */
	{
		char sink[256];

		while (read(fds[0], sink, sizeof sink) > 0)
			;
	}
	close(fds[0]);
	if (waitpid(pid, &status, 0) < 0)
		return -1;
	return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/* How the station prints a document of this kind: a ticket on its
 * receipt printer, as print.ticket_format says; the others as print.format. */
static const char *format_of(const struct yc_settings *cfg, const char *kind)
{
	return strcmp(kind, "ticket") == 0 ? cfg->ticket_format : cfg->print_format;
}

static const char *command_of(const struct yc_settings *cfg, const char *kind)
{
	return strcmp(kind, "ticket") == 0 && cfg->ticket_command[0] ? cfg->ticket_command : cfg->print_command;
}

/* The document as the station prints it: a PDF on its paper (a ticket on
 * the receipt roll), ESC/POS for a receipt printer, or the text itself. */
static int print_save(const struct yc_settings *cfg, const char *kind, const char *text, const char *path,
		      struct yc_err *err)
{
	struct pdf_setup setup = { strcmp(kind, "ticket") == 0 ? PDF_RECEIPT : PDF_A4, cfg->ticket_width_mm };
	const char *format = format_of(cfg, kind);
	FILE *f;

	if (strcmp(format, "pdf") == 0)
		return pdf_write(text, &setup, path, err);
	if (strcmp(format, "escpos") == 0)
		return escpos_write(text, cfg->ticket_width_mm, path, err);
	f = fopen(path, "w");
	if (!f || fputs(text, f) == EOF || fclose(f) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot save the document %s: %s."), path, strerror(errno));
		return -1;
	}
	return 0;
}

int print_document(const struct yc_settings *cfg, const char *kind, const char *text,
		   char *path, size_t pathsz, struct yc_err *err)
{
	char dir[YC_PATH_MAX], output[200], stamp[32], *command;
	const char *values[1], *format;
	static unsigned counter;
	time_t t = time(NULL);
	struct tm tm;
	int rc;

	prints_dir(cfg, dir, sizeof dir);
	if (yc_mkdirs(dir) != 0) {
		yc_err_set(err, YC_EIO, _("Cannot create the folder for printouts %s: %s."), dir, strerror(errno));
		return -1;
	}
	localtime_r(&t, &tm);
	strftime(stamp, sizeof stamp, "%Y%m%d-%H%M%S", &tm);
	format = format_of(cfg, kind);
	snprintf(path, pathsz, "%s/%s-%s-%ld-%u.%s", dir, kind, stamp, (long)getpid(), counter++,
		 strcmp(format, "text") == 0 ? "txt" : format);
	if (print_save(cfg, kind, text, path, err) < 0)
		return -1;
	if (!command_of(cfg, kind)[0])
		return 0;   /* no printer configured: the file is the document */
	values[0] = path;
	if (!(command = command_build(command_of(cfg, kind), "f", values))) {
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
		return -1;
	}
	rc = command_run(command, output, sizeof output);
	free(command);
	if (rc != 0) {
		char *nl = strchr(output, '\n');

		if (nl)
			*nl = '\0';
		yc_err_set(err, YC_EIO,
			   _("Printing failed (%s). The document is kept in %s and can be printed again."),
			   output[0] ? output : rc < 0 ? strerror(errno) : _("the print command reported an error"),
			   path);
		return -1;
	}
	return 0;
}
