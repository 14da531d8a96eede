/* migrate-pg.c - `yichuang migrate-to-postgresql`: the progress on
 * standard error (a line per table; one line redrawn when it is a
 * terminal), the counts of both sides as a table at the end, and Ctrl-C
 * (or a TERM) asking the copy to stop, which then rolls back. */
#include "config.h"

#include <signal.h>
#include <stdio.h>
#include <string.h>
#include <unistd.h>

#include "migrate-pg.h"
#include "store-migrate-pg.h"
#include "width.h"

static volatile sig_atomic_t stop_asked;

static void ask_stop(int sig)
{
	stop_asked = sig;
}

static void catch_stop(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof sa);
	sa.sa_handler = ask_stop;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
}

struct progress_view {
	int tty;
};

static void show_progress(void *ctx, const struct migrate_progress *p)
{
	const struct progress_view *v = ctx;
	double rate = p->seconds > 0 ? (double)p->done / p->seconds : 0;
	int percent = p->total > 0 ? (int)(p->done * 100 / p->total) : 100;

	if (!p->table) {
		if (v->tty)
			fputs("\r\033[K", stderr);
		fprintf(stderr, "%s\n", _("Copied and committed; now gathering the server's statistics (VACUUM ANALYZE)..."));
		return;
	}
	if (!v->tty && !p->finished)
		return;
	fprintf(stderr, "%s%-26s %10lld / %-10lld %3d%%  ", v->tty ? "\r\033[K" : "", p->table, p->done, p->total,
		percent);
	fprintf(stderr, _("%.0f rows/s"), rate);
	if (!v->tty || p->finished)
		fputc('\n', stderr);
	fflush(stderr);
}

/* The counts of both sides, one table a line; a difference marked. */
static void print_counts(const struct migrate_result *r)
{
	char head[3][64];
	int i;

	yc_fit(_("Table"), 26, 1, head[0], sizeof head[0]);
	yc_fit(_("File"), 10, 1, head[1], sizeof head[1]);
	yc_fit(_("Server"), 10, 1, head[2], sizeof head[2]);
	printf("%s %s %s\n", head[0], head[1], head[2]);
	for (i = 0; i < r->n_counts; i++) {
		const struct migrate_count *c = &r->counts[i];

		printf("%-26s %10lld %10lld%s\n", c->table, c->from, c->to, c->from == c->to && c->ids_from == c->ids_to ? "" : _("  differs"));
	}
	printf(_("Event log: last event %lld, hash %s (file); %lld, hash %s (server).\n"), r->last_event_from,
	       r->last_hash_from[0] ? r->last_hash_from : "-", r->last_event_to,
	       r->last_hash_to[0] ? r->last_hash_to : "-");
}

/* check's audit of the file or of the server: its events, the last and
 * its hash, its records, then its verdict with the problems it named
 * first. */
static void print_audit(int server, const struct migrate_audit *a)
{
	const char *hash = a->last_hash[0] ? a->last_hash : "-";
	int i;

	if (!a->ran)
		return;
	if (server)
		printf(_("check of the server: %ld events, the last %lld (hash %.16s);"), a->events, a->last_id, hash);
	else
		printf(_("check of the file: %ld events, the last %lld (hash %.16s);"), a->events, a->last_id, hash);
	for (i = 0; i < a->n_tables; i++)
		printf(" %s %ld", a->tables[i].table, a->tables[i].records);
	if (!a->problems) {
		printf("; %s\n", _("no problems"));
		return;
	}
	printf("; ");
	printf(ngettext("%d problem:", "%d problems:", (unsigned long)a->problems), a->problems);
	putchar('\n');
	for (i = 0; i < a->n_said; i++)
		printf("  %s\n", a->said[i]);
}

int migrate_pg_command(const struct yc_settings *cfg, const char *from, const char *to)
{
	struct progress_view view = { isatty(STDERR_FILENO) };
	static struct migrate_result res;
	struct yc_err err;
	int rc;

	if (!from || !*from || !to || !*to)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang migrate-to-postgresql --from FILE --to CONNINFO."));
	yc_err_clear(&err);
	catch_stop();
	rc = store_migrate_to_pg(from, to, cfg->db_password_file, show_progress, &view, &stop_asked, &res, &err);
	if (view.tty)
		fputs("\r\033[K", stderr);
	if (res.n_counts)
		print_counts(&res);
	print_audit(0, &res.audit_from);
	print_audit(1, &res.audit_to);
	if (rc < 0 && stop_asked) {   /* the exit status of a program a signal ended */
		fprintf(stderr, "yichuang: %s\n", err.msg);
		return 128 + stop_asked;
	}
	if (rc < 0)
		yc_die_err(&err);
	fprintf(stderr, _("Moved %lld rows in %.1f s to %s; every table's rows and the event log's last hash are equal on both sides, and check finds the same on both and nothing wrong.\n"),
		res.rows, res.seconds, to);
	if (res.analyse_seconds >= 0)
		fprintf(stderr, _("The server's statistics were gathered in %.1f s.\n"), res.analyse_seconds);
	else
		fprintf(stderr, _("The history is on the server, but gathering its statistics failed (%s): run VACUUM (ANALYZE) there, or the first queries may be slow until autovacuum does.\n"),
			res.analyse_error);
	return 0;
}
