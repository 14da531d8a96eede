/* main.c - the program's entry: options and the configuration, then the
 * full-screen program (the screens, --demo) or one command from the
 * command line (init, ticket, board, the catalogue and online imports,
 * outbox, check, recover, reindex, backup, restore, keygen, seal; the
 * hall's setup words, user ... calendar, go to admin-cli.c). */
#include "config.h"

#include <errno.h>
#include <getopt.h>
#include <langinfo.h>
#include <limits.h>
#include <locale.h>
#include <sodium.h>
#include <sqlite3.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <termios.h>
#include <unistd.h>

#include "admin-cli.h"
#include "auth.h"
#include "catalog-io.h"
#include "documents.h"
#include "online-io.h"
#include "outbox.h"
#include "rating.h"
#include "embedded.h"
#include "migrate-pg.h"
#include "settings.h"
#include "store-appointments.h"
#include "store-catalog-io.h"
#include "store-online.h"
#include "store-outbox.h"
#include "store-pickup.h"
#include "store-query.h"
#include "case-query.h"
#include "store-queue.h"
#include "store-setup.h"
#include "store-waivers.h"
#include "store.h"
#include "ui.h"
#include "ui-script.h"

struct options {
	const char *effective;
	const char *config;
	const char *db;
	const char *screen;
	const char *lang;
	const char *category;
	const char *days;             /* pickup remind --days */
	const char *password;         /* status --password: the case's query password */
	int demo;
	int priority;
	struct admin_args admin;      /* the set-up commands' options */
	char **words;                 /* a set-up command's words, "user" "add" "li" */
	int n_words;
};

/* "combined, bundle, ..., guidance": every category a ticket may have, from
 * the one table (store_ticket_categories). */
static const char *ticket_categories(void)
{
	static char list[256];
	int i;

	if (!list[0])
		for (i = 0; store_ticket_categories[i]; i++)
			snprintf(list + strlen(list), sizeof list - strlen(list), "%s%s", i ? ", " : "",
				 store_ticket_categories[i]);
	return list;
}

static void usage(FILE *out)
{
	fprintf(out, _("Usage:\n"
		       "  yichuang [--config FILE] [--db PATH] [--screen NAME] [--lang zh_CN|en]\n"
		       "  yichuang --demo            start on the demo database (created on first use)\n"
		       "  yichuang init --db PATH [--demo]   create a new database\n"
		       "  yichuang ticket --category CATEGORY [--priority]   issue a queue ticket\n"
		       "  yichuang board             the hall board: numbers called and where to go\n"
		       "  yichuang kiosk             the self-service ticket kiosk\n"
		       "  yichuang rate --window N   the rating terminal facing the citizen at window N\n"
		       "  yichuang catalog import FILE [--effective DATE]   load service items (JSON Lines)\n"
		       "  yichuang catalog export FILE   write the catalogue as JSON Lines ('-': standard output)\n"
		       "  yichuang import-online FILE   put online submissions (JSON Lines) in the intake inbox\n"
		       "  yichuang outbox             send the SMS messages waiting in the outbox\n"
		       "  yichuang check              check the database: integrity, references, name search, event log\n"
		       "  yichuang recover            after a station died while saving: remove the stale lock, undo the save\n"
		       "  yichuang reindex            build the search tables again, when check says so\n"
		       "  yichuang backup FILE        a checked copy of the database, taken while stations work\n"
		       "  yichuang restore FILE       put a backup back (all stations must have quit)\n"
		       "  yichuang user list|add|set|disable|enable|reset-password ...   the hall's users\n"
		       "  yichuang window list|add|set|open|close ...   windows and the queues they call\n"
		       "  yichuang site list|add|set|close|reopen ...   the hall and the township centres\n"
		       "  yichuang department list|add|set ...   departments (and their reviewers: user list)\n"
		       "  yichuang contract show|set ...   the contractor and the fee the assessment withholds from\n"
		       "  yichuang calendar show [YEAR] | import FILE   the holidays, one year's notice at a time\n"
		       "  yichuang policy show | set NAME VALUE   the hall's policy: lockout, appointments, fee, objections, ratings, 容缺\n"
		       "  yichuang --version | --help\n"
		       "See yichuang(1) and yichuang.conf(5).\n"));
	fprintf(out, _("Ticket categories (ticket --category): %s.\n"), ticket_categories());
	fprintf(out, "%s", _("The event log's key (yichuang(1), SEALS):\n"
			     "  yichuang keygen             make the key (database.key_file), for every station\n"
			     "  yichuang seal               seal the records as they are now (after keygen, or what check names)\n"));
	fprintf(out, "%s", _("Moving the hall to a PostgreSQL server (all stations must have quit):\n"
			     "  yichuang migrate-to-postgresql --from FILE --to CONNINFO   copy the database file whole into an empty database\n"));
	fprintf(out, "%s", _("The pickup window's reminders (a daily cron job):\n"
			     "  yichuang pickup remind [--days N]   remind everyone told whose result has waited N working days or more\n"));
	fprintf(out, "%s", _("The citizen's progress query (case number and query password, as on the acceptance notice):\n"
			     "  yichuang query              the query kiosk\n"
			     "  yichuang status CASE --password P   a case's progress, for the phone operator (P: - reads it from standard input)\n"));
	fprintf(out, "%s", _("Ratings by SMS (a cron job, every few minutes):\n"
			     "  yichuang sms poll           record the replies sms.inbox_command prints; ask those not rated\n"));
	fprintf(out, "%s", _("Appointments (a daily cron job):\n"
			     "  yichuang appointments remind   the day-before SMS to everyone booked for the next appointment day\n"));
	fprintf(out, "%s", _("Materials owed since a gap acceptance, 容缺受理 (a daily cron job):\n"
			     "  yichuang waivers remind   the SMS before the day a material is owed by (policy waiver.remind_days)\n"));
}

/* Messages: English in the source, Chinese from the catalogue. When the
 * program runs from its build tree, the catalogue sits next to it. */
static void setup_messages(const char *lang)
{
	char exe[PATH_MAX], dir[PATH_MAX + 16], mo[PATH_MAX + 64];
	const char *localedir = LOCALEDIR;
	struct stat sb;
	ssize_t n;

	if (lang && *lang)
		setenv("LANGUAGE", lang, 1);
	snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", LOCALEDIR, PACKAGE);
	if (stat(mo, &sb) != 0 && (n = readlink("/proc/self/exe", exe, sizeof exe - 1)) > 0) {
		char *slash;

		exe[n] = '\0';
		slash = strrchr(exe, '/');
		if (slash)
			*slash = '\0';
		snprintf(dir, sizeof dir, "%s/../locale", exe);
		snprintf(mo, sizeof mo, "%s/zh_CN/LC_MESSAGES/%s.mo", dir, PACKAGE);
		if (stat(mo, &sb) == 0)
			localedir = dir;
	}
	bindtextdomain(PACKAGE, localedir);
	bind_textdomain_codeset(PACKAGE, "UTF-8");
	textdomain(PACKAGE);
}

/* Chinese needs a UTF-8 locale; a bare machine often has none set. */
static void setup_locale(void)
{
	const char *cs;

	setlocale(LC_ALL, "");
	cs = nl_langinfo(CODESET);
	if (!cs || strcmp(cs, "UTF-8") != 0)
		setlocale(LC_ALL, "C.UTF-8");
}

static void demo_db_path(char *out, size_t n)
{
	const char *data = getenv("XDG_DATA_HOME");
	const char *home = getenv("HOME");

	if (data && *data)
		snprintf(out, n, "%s/yichuang", data);
	else
		snprintf(out, n, "%s/.local/share/yichuang", home ? home : ".");
}

static const char *holidays_text(const struct yc_settings *cfg, char **owned)
{
	FILE *f;
	long size;

	*owned = NULL;
	if (!cfg->holidays_file[0])
		return yc_data_holidays_cn_txt;
	f = fopen(cfg->holidays_file, "r");
	if (!f)
		yc_die(YC_ECONFIG, _("Cannot read the holiday list %s: %s."), cfg->holidays_file,
		       strerror(errno));
	fseek(f, 0, SEEK_END);
	size = ftell(f);
	rewind(f);
	*owned = calloc(1, (size_t)size + 1);
	if (!*owned || fread(*owned, 1, (size_t)size, f) != (size_t)size)
		yc_die(YC_EIO, _("Cannot read the holiday list %s."), cfg->holidays_file);
	fclose(f);
	return *owned;
}

static void create_database(const struct yc_settings *cfg, const char *path, int demo)
{
	struct store_site site = { cfg->site_code, cfg->site_name, cfg->site_level };
	char password[24] = "";
	char *owned;
	const char *holidays = holidays_text(cfg, &owned);
	struct yc_err err;

	if (!demo)
		auth_initial_password(password);
	yc_err_clear(&err);
	if (path ? store_create(path, &site, demo, password, holidays, &err) < 0
		 : store_create_server(cfg->db_conninfo, cfg->db_password_file, &site, demo, password, holidays, &err) < 0)
		yc_die_err(&err);
	free(owned);
	if (!demo)
		printf(_("Created %s. Log in as 'admin' with the password %s; you will be asked to change it.\n"),
		       path ? path : cfg->db_conninfo, password);
}

/* 1 when the store is the server database.conninfo names. */
static int on_server(const struct yc_settings *cfg)
{
	return !strcmp(cfg->db_backend, "postgresql");
}

/* The database as the configuration says, or the program ends with the
 * reason; an administrator's tool is no station (it names itself in the
 * event log and leaves no presence mark that would stop `recover`). */
static struct yc_store *open_store_as(const struct yc_settings *cfg, const char *tool)
{
	struct store_opts o = { cfg->db_locking, cfg->busy_timeout_ms, cfg->stale_lock_seconds,
				tool ? tool : cfg->station_name, tool != NULL };
	struct yc_store *st;
	struct yc_err err;

	/* a command line keeps no typing, and the administrator runs the
	 * tools: the messages say so (run_tui makes them a clerk's) */
	store_set_audience(tool ? STORE_FOR_ADMIN : STORE_FOR_COMMAND);
	yc_err_clear(&err);
	if (on_server(cfg)
		    ? store_open_server(&st, cfg->db_conninfo, cfg->db_password_file, &o, &err) < 0
		    : store_open(&st, cfg->db_path, &o, &err) < 0)
		yc_die_err(&err);
	return st;
}

/* A station without the key still works, and says so: what it saves
 * cannot be told from a change made outside the program. "" when the
 * station has the key, or the hall seals nothing with one. */
static void key_warning(struct yc_store *st, char *out, size_t n)
{
	struct yc_err err;

	out[0] = '\0';
	if (store_key_id()[0] || store_log_keyed(st, &err) != 1)
		return;
	if (store_key_problem()[0])
		snprintf(out, n, _("This station cannot use its key (%s): what it saves cannot be verified. Tell the administrator."),
			 store_key_problem());
	else
		snprintf(out, n, _("This station has no key file (%s): what it saves cannot be verified. Tell the administrator."),
			 store_key_path());
}

/* The command-line tools say it on standard error. */
static void warn_keyless(struct yc_store *st)
{
	char line[600];

	key_warning(st, line, sizeof line);
	if (line[0])
		fprintf(stderr, "%s\n", line);
}

/* A station whose file still sets what is now the hall's policy starts
 * all the same, and says once that the file no longer decides it. "" when
 * its files set none of it. */
static void hall_wide_notice(const struct yc_settings *cfg, char *out, size_t n)
{
	out[0] = '\0';
	if (cfg->hall_wide[0])
		snprintf(out, n, _("%s in %s: now the hall's policy, the same at every station, and this station ignores it there. 'yichuang policy show' lists it; the administrator sets it with 'yichuang policy set NAME VALUE'."),
			 cfg->hall_wide, cfg->hall_wide_file);
}

/* The name an administrator's command writes in the event log: the
 * command, the operating system's user and the PC (admin_actor). */
static struct yc_store *open_store_admin(const struct yc_settings *cfg, const char *command)
{
	char actor[64];

	admin_actor(command, actor, sizeof actor);
	return open_store_as(cfg, actor);
}

static struct yc_store *open_store(const struct yc_settings *cfg)
{
	return open_store_as(cfg, NULL);
}

/* A station of a site the hall's database does not have (or has closed)
 * does not start: what it made would be no site's. */
static void refuse_unknown_site(struct yc_store *st, const struct yc_settings *cfg)
{
	struct yc_err err;

	yc_err_clear(&err);
	if (store_site_check(st, cfg->site_code, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
}

static int run_tui(struct yc_settings *cfg, const struct options *o)
{
	struct yc_app app;
	struct yc_err err;
	int rc;

	if ((!isatty(STDIN_FILENO) || !isatty(STDOUT_FILENO)) && !ui_script_requested())
		yc_die(YC_EUSAGE, "%s", _("yichuang is a full-screen program: run it in a terminal."));
	memset(&app, 0, sizeof app);
	app.cfg = cfg;
	app.demo = o->demo;
	app.requested_screen = o->screen;
	yc_today(app.today);
	app.st = open_store(cfg);
	refuse_unknown_site(app.st, cfg);
	store_set_audience(STORE_FOR_CLERK);   /* from now on a screen shows them */
	key_warning(app.st, app.message, sizeof app.message);
	app.message_is_error = app.message[0] != '\0';
	if (!app.message[0])
		hall_wide_notice(cfg, app.message, sizeof app.message);
	cal_init(&app.cal);
	if (store_calendar_load(app.st, &app.cal, &err) < 0)
		yc_die_err(&err);
	rc = ui_run(&app);
	cal_free(&app.cal);
	store_close(app.st);
	return rc;
}

static int cmd_ticket(struct yc_settings *cfg, const struct options *o)
{
	struct yc_store *st;
	struct yc_err err;
	char number[16];

	if (!o->category)
		yc_die(YC_EUSAGE, _("ticket needs --category, one of: %s."), ticket_categories());
	if (!store_ticket_category_known(o->category))
		yc_die(YC_EUSAGE, _("There is no ticket category '%s': --category is one of %s."), o->category,
		       ticket_categories());
	st = open_store(cfg);
	refuse_unknown_site(st, cfg);
	warn_keyless(st);
	yc_err_clear(&err);
	if (store_ticket_issue(st, cfg->site_code, o->category, o->priority, 0, 0, 0, number, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	store_close(st);
	printf("%s\n", number);
	return 0;
}

/* Catalogue and online files: large, but not without end. */
#define IMPORT_FILE_MAX ((size_t)64 << 20)

/* An import refused for what the file holds ("line 3: no service item
 * has the code X") names the file, as the parser's messages do. */
_Noreturn static void die_importing(const char *path, const struct yc_err *err)
{
	if (err->code == YC_EINVAL)
		yc_die(err->code, "%s: %s", path, err->msg);
	yc_die_err(err);
}


static int cmd_catalog_import(struct yc_settings *cfg, const struct options *o, const char *path)
{
	struct store_import_stats stats;
	struct cat_file file;
	struct yc_store *st;
	struct yc_err err;
	yc_date effective;
	char today[11];
	char *text;
	int bad, i;

	yc_err_clear(&err);
	if (o->effective && date_parse(o->effective, &effective) != 0)
		yc_die(YC_EINVAL, _("'%s' is not a date (YYYY-MM-DD)."), o->effective);
	text = yc_read_file(path, IMPORT_FILE_MAX, &err);
	if (!text)
		yc_die_err(&err);
	bad = catalog_parse(text, &file, NULL, NULL);
	if (bad < 0)
		yc_die(YC_EINTERNAL, "%s", _("Out of memory."));
	if (bad > 0) {
		for (i = 0; i < file.problems.n; i++)
			fprintf(stderr, "%s: %s\n", path, file.problems.text[i]);
		catalog_free(&file);
		yc_die(YC_EINVAL, _("%d problems in %s: nothing was imported."), bad, path);
	}
	yc_today(today);
	st = open_store_admin(cfg, "catalog import");
	warn_keyless(st);
	if (store_catalog_import(st, text, o->effective ? o->effective : today, 0, &stats, &err) < 0) {
		store_close(st);
		catalog_free(&file);
		die_importing(path, &err);
	}
	store_close(st);
	free(text);
	printf(_("Imported %d items from %s: %d new, %d updated; checkpoints: %d new, %d changed (effective %s).\n"),
	       file.n, path, stats.items_added, stats.items_updated, stats.checkpoints_added,
	       stats.checkpoints_changed, o->effective ? o->effective : today);
	if (file.n_scenarios)
		printf(_("Imported %d scenarios.\n"), stats.scenarios);
	catalog_free(&file);
	return 0;
}

struct export_buf {
	char *text;
	size_t len, cap;
	int failed;
};

/* One encoded line (freed here) added to the file's text. */
static void export_append(struct export_buf *b, char *line)
{
	size_t n;

	if (!line) {
		b->failed = 1;
		return;
	}
	n = strlen(line);
	if (b->len + n + 2 > b->cap) {
		size_t cap = b->cap ? b->cap * 2 : 65536;
		char *p;

		while (cap < b->len + n + 2)
			cap *= 2;
		p = realloc(b->text, cap);
		if (!p) {
			b->failed = 1;
			free(line);
			return;
		}
		b->text = p;
		b->cap = cap;
	}
	memcpy(b->text + b->len, line, n);
	b->text[b->len + n] = '\n';
	b->len += n + 1;
	free(line);
}

static void export_line(void *ctx, const struct cat_item *it)
{
	struct export_buf *b = ctx;

	if (!it) {          /* start over */
		b->len = 0;
		return;
	}
	export_append(b, catalog_encode(it));
}

static void export_scenario_line(void *ctx, const struct cat_scenario *sc)
{
	export_append(ctx, catalog_encode_scenario(sc));
}

/* Online submissions into the site's inbox: every line checked first,
 * every problem listed, then all or nothing. */
static int cmd_import_online(struct yc_settings *cfg, const char *path)
{
	struct store_online_stats stats;
	struct online_file file;
	struct yc_store *st;
	struct yc_err err;
	char today[11];
	char *text;
	int bad, i;

	yc_err_clear(&err);
	text = yc_read_file(path, IMPORT_FILE_MAX, &err);
	if (!text)
		yc_die_err(&err);
	yc_today(today);
	bad = online_parse(text, atoi(today), &file, NULL, NULL);
	if (bad < 0)
		yc_die(YC_EINTERNAL, "%s", _("Out of memory."));
	if (bad > 0) {
		for (i = 0; i < file.problems.n; i++)
			fprintf(stderr, "%s: %s\n", path, file.problems.text[i]);
		online_free(&file);
		yc_die(YC_EINVAL, _("%d problems in %s: nothing was imported."), bad, path);
	}
	online_free(&file);
	st = open_store(cfg);
	refuse_unknown_site(st, cfg);
	warn_keyless(st);
	if (store_online_import(st, text, atoi(today), cfg->site_code, 0, &stats, &err) < 0) {
		store_close(st);
		die_importing(path, &err);
	}
	store_close(st);
	free(text);
	printf(_("Online inbox: %d new submissions from %s, %d already imported before.\n"), stats.added, path,
	       stats.already);
	return 0;
}

/* Send the SMS outbox now (cron can run this too; stations start it by
 * themselves after queueing messages). */
static int cmd_outbox(struct yc_settings *cfg)
{
	struct yc_outbox_counts counts;
	struct outbox_stats stats;
	struct yc_store *st;
	struct yc_err err;
	char today[11];

	if (!cfg->notify_command[0])
		yc_die(YC_ECONFIG, "%s", _("No notify.command is configured: messages stay in the outbox."));
	st = open_store(cfg);
	yc_today(today);
	if (outbox_run(st, cfg, &stats, &err) < 0 || store_outbox_counts(st, today, &counts, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	store_close(st);
	printf(_("Outbox: %d sent, %d failed now; %ld waiting, %ld given up, %ld sent today.\n"), stats.sent,
	       stats.failed, counts.queued, counts.failed, counts.sent_today);
	return stats.failed > 0 || counts.failed > 0;
}

/* The SMS rating (好差评): read the replies the inbox command prints,
 * then ask every service due; what the outbox sends next. */
static int cmd_sms_poll(struct yc_settings *cfg)
{
	struct rating_sms_stats stats = { 0, 0, 0, 0 };
	struct yc_store *st = open_store(cfg);
	struct yc_err err;

	yc_err_clear(&err);
	if (rating_sms_read_inbox(st, cfg, &stats, &err) < 0 || rating_sms_ask_due(st, cfg, &stats, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	store_close(st);
	printf(_("Ratings by SMS: %d recorded, %d replies not understood, %d with a code nobody was asked; %d asked now.\n"),
	       stats.recorded, stats.not_understood, stats.unmatched, stats.asked);
	if (!cfg->sms_inbox_command[0])
		printf("%s\n", _("No sms.inbox_command is configured: replies are not read."));
	return 0;
}

/* --days: working days, as pickup.remind_after_days allows; -1 when not. */
static int remind_days(const char *text)
{
	char *end;
	long v = strtol(text, &end, 10);

	return end != text && *end == '\0' && v >= 1 && v <= 60 ? (int)v : -1;
}

/* Remind everyone whose result has waited too long at the pickup window,
 * as its F8 does, for a daily cron job; the outbox sends the messages,
 * in a process of its own as after F8. */
static int cmd_pickup_remind(struct yc_settings *cfg, const struct options *o)
{
	struct doc_hall hall = doc_hall_of(cfg);
	struct yc_store *st;
	struct yc_err err;
	char actor[64];
	int days = cfg->pickup_remind_days, queued;

	if (o->days && (days = remind_days(o->days)) < 0)
		yc_die(YC_EUSAGE, _("--days is a number of working days from 1 to 60, not '%s'."), o->days);
	admin_actor("pickup remind", actor, sizeof actor);
	st = open_store_as(cfg, actor);
	refuse_unknown_site(st, cfg);
	warn_keyless(st);
	yc_err_clear(&err);
	if ((queued = store_pickup_remind(st, NULL, cfg->site_code, &hall, days, &err)) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	if (queued > 0)
		outbox_spawn(cfg, store_path(st), actor);
	store_close(st);
	printf(_("%d reminders queued (results waiting %d working days or more)."), queued, days);
	putchar('\n');
	return 0;
}

/* The day-before reminder of every appointment of the next day the hall
 * takes appointments on, once each, for a daily cron job; the outbox
 * sends them in a process of its own. */
static int cmd_appointments_remind(struct yc_settings *cfg)
{
	struct doc_hall hall = doc_hall_of(cfg);
	struct yc_store *st;
	struct yc_err err;
	char actor[64], day[11];
	int sent;

	admin_actor("appointments remind", actor, sizeof actor);
	st = open_store_as(cfg, actor);
	refuse_unknown_site(st, cfg);
	warn_keyless(st);
	yc_err_clear(&err);
	if (store_appointments_remind(st, cfg->site_code, &hall, &sent, day, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	if (sent > 0)
		outbox_spawn(cfg, store_path(st), actor);
	store_close(st);
	if (day[0])
		printf(_("%d appointment reminders queued for %s."), sent, day);
	else
		printf("%s", _("No appointment day is known after today: import the next year's holidays."));
	putchar('\n');
	return 0;
}

/* The reminder of each material owed under 容缺受理 whose day is near,
 * once each, for a daily cron job; the outbox sends them. */
static int cmd_waivers_remind(struct yc_settings *cfg)
{
	struct doc_hall hall = doc_hall_of(cfg);
	struct yc_store *st;
	struct yc_err err;
	char actor[64];
	int queued;

	admin_actor("waivers remind", actor, sizeof actor);
	st = open_store_as(cfg, actor);
	warn_keyless(st);
	yc_err_clear(&err);
	if (store_waivers_remind(st, NULL, &hall, &queued, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	if (queued > 0)
		outbox_spawn(cfg, store_path(st), actor);
	store_close(st);
	printf(_("%d reminders of materials owed queued."), queued);
	putchar('\n');
	return 0;
}

static int cmd_catalog_export(struct yc_settings *cfg, const char *path)
{
	struct export_buf b = { NULL, 0, 0, 0 };
	char today[11], tmp[PATH_MAX + 16];
	struct yc_store *st = open_store(cfg);
	struct yc_err err;
	FILE *f;
	int n;

	yc_err_clear(&err);
	yc_today(today);
	if (store_catalog_export(st, today, export_line, export_scenario_line, &b, &n, &err) < 0) {
		store_close(st);
		yc_die_err(&err);
	}
	store_close(st);
	if (b.failed)
		yc_die(YC_EINTERNAL, "%s", _("Out of memory."));
	if (strcmp(path, "-") == 0) {
		fwrite(b.text, 1, b.len, stdout);
		free(b.text);
		return 0;
	}
	/* written aside and renamed: a half-written file never has the name */
	snprintf(tmp, sizeof tmp, "%s.part", path);
	f = fopen(tmp, "wb");
	if (!f || fwrite(b.text ? b.text : "", 1, b.len, f) != b.len || fflush(f) != 0 ||
	    fsync(fileno(f)) != 0 || fclose(f) != 0 || rename(tmp, path) != 0) {
		int e = errno;

		unlink(tmp);
		yc_die(YC_EIO, _("Cannot write %s: %s."), path, strerror(e));
	}
	free(b.text);
	fprintf(stderr, _("Exported %d items to %s.\n"), n, path);
	return 0;
}

static void print_report(void *ctx, int ok, const char *line)
{
	printf("%s %s\n", ok ? "  " : "!!", line);
}

static int cmd_check(struct yc_settings *cfg)
{
	struct yc_store *st;
	struct yc_err err;
	int problems;

	yc_err_clear(&err);
	st = open_store_admin(cfg, "check");
	printf(_("Checking %s\n"), store_path(st));
	problems = store_check(st, print_report, NULL, &err);
	store_close(st);
	if (problems < 0)
		yc_die_err(&err);
	if (problems > 0) {
		printf(_("%d problems found.\n"), problems);
		return 1;
	}
	if (!store_key_id()[0]) {
		printf("%s\n", _("No problems found; but this PC has no key, so a change made outside the program by someone who also recomputed the hashes would not show."));
		return 0;
	}
	printf("%s\n", _("All is well."));
	return 0;
}

static int cmd_reindex(struct yc_settings *cfg)
{
	struct yc_store *st = open_store_admin(cfg, "reindex");
	struct yc_err err;
	long entries;

	yc_err_clear(&err);
	entries = store_reindex(st, &err);
	store_close(st);
	if (entries < 0)
		yc_die_err(&err);
	printf(_("The name search's table was built again: %ld cases.\n"), entries);
	printf("%s\n", _("The item search's indexes were built again, with the pinyin of every name."));
	return 0;
}

/* recover mends a file a station left half-saved; a server undoes an
 * unfinished save itself. Nothing to do, and what is to be done instead. */
static int recover_on_server(const struct yc_settings *cfg)
{
	printf(_("The database is on the server %s: it needs no recovery by yichuang.\n"
		 "When a station stops while saving, the server undoes that save itself, and the other stations keep working; there is no lock or journal to clear.\n"
		 "Instead: run 'yichuang check'; if the server itself is damaged, its administrator repairs it, or puts the last backup into an empty database ('yichuang restore FILE').\n"),
	       cfg->db_conninfo);
	return 0;
}

static int cmd_recover(struct yc_settings *cfg)
{
	struct yc_store *st;
	struct yc_err err;
	char actor[64];

	if (on_server(cfg))
		return recover_on_server(cfg);
	yc_err_clear(&err);
	store_set_audience(STORE_FOR_ADMIN);
	printf(_("Recovering %s\n"), cfg->db_path);
	/* anything short of a sound file afterwards is an error (exit 1),
	 * whose message says what to do */
	fflush(stdout);
	if (store_recover(cfg->db_path, print_report, NULL, &err) < 0)
		yc_die_err(&err);
	/* the log says who recovered the file, and from where */
	admin_actor("recover", actor, sizeof actor);
	st = open_store_as(cfg, actor);
	if (store_note_event(st, "database", "recover", cfg->db_path, &err) < 0)
		fprintf(stderr, _("yichuang: the database is sound, but the recovery could not be written to its event log: %s\n"),
			err.msg);
	store_close(st);
	return 0;
}

static int cmd_backup(struct yc_settings *cfg, const char *out)
{
	struct yc_store *st = open_store_admin(cfg, "backup");
	struct yc_err err;
	int rc;

	yc_err_clear(&err);
	rc = store_backup(st, out, print_report, NULL, &err);
	store_close(st);
	if (rc < 0)
		yc_die_err(&err);
	return 0;
}

static int cmd_restore(struct yc_settings *cfg, const char *backup)
{
	struct yc_err err;
	char actor[64];

	yc_err_clear(&err);
	admin_actor("restore", actor, sizeof actor);
	if (on_server(cfg) ? store_restore_server(cfg->db_conninfo, cfg->db_password_file, backup, actor, print_report,
						  NULL, &err) < 0
			   : store_restore(cfg->db_path, cfg->db_locking, backup, actor, print_report, NULL, &err) < 0)
		yc_die_err(&err);
	return 0;
}

/* A new key for the event log, at database.key_file. */
static int cmd_keygen(struct yc_settings *cfg)
{
	struct yc_err err;
	char id[9];

	yc_err_clear(&err);
	if (store_keygen(cfg->key_file, id, &err) < 0)
		yc_die_err(&err);
	printf(_("The key %s is in %s (readable by this user only).\n"
		 "Copy it to the same place on every station and on the administrator's PC, readable by the user yichuang runs as there;\n"
		 "a station without it still works, but what it saves cannot be verified. Keep a copy off the share: without it, check cannot verify the database.\n"
		 "Then run 'yichuang seal' once to seal the records as they are now.\n"),
	       id, cfg->key_file);
	return 0;
}

static int cmd_seal(struct yc_settings *cfg)
{
	struct yc_store *st = open_store_admin(cfg, "seal");
	struct yc_err err;
	int sealed;

	yc_err_clear(&err);
	printf(_("Sealing the records of %s with the key %s\n"), store_path(st),
	       store_key_id()[0] ? store_key_id() : "-");
	sealed = store_seal(st, print_report, NULL, &err);
	store_close(st);
	if (sealed < 0)
		yc_die_err(&err);
	printf(_("%d records sealed or taken as deleted.\n"), sealed);
	return 0;
}

/* The commands besides the TUI: one table for parsing and running. */
struct command {
	const char *name;
	const char *sub;        /* a second word ("catalog import"), or NULL */
	int takes_file;         /* one FILE argument follows */
	int (*run)(struct yc_settings *cfg, struct options *o, const char *file);
};

/* init makes the event log's key too, when there is none yet and its
 * folder exists (a station's own disk): the new database is sealed with
 * it from its first event. */
static void init_key(struct yc_settings *cfg, int *made, char id[9])
{
	char dir[YC_PATH_MAX], *slash;
	struct yc_err err;
	struct stat sb;

	*made = 0;
	if (store_key_id()[0] || store_key_problem()[0] || stat(cfg->key_file, &sb) == 0)
		return;
	yc_strlcpy(dir, cfg->key_file, sizeof dir);
	slash = strrchr(dir, '/');
	if (slash)
		*slash = '\0';
	if (!slash || stat(dir, &sb) != 0 || !S_ISDIR(sb.st_mode))
		return;
	yc_err_clear(&err);
	if (store_keygen(cfg->key_file, id, &err) == 0 && store_key_load(cfg->key_file, &err) == 1)
		*made = 1;
}

static int run_init(struct yc_settings *cfg, struct options *o, const char *file)
{
	char id[9];
	int made;

	/* on a server: the database database.conninfo names */
	if (!o->db && !on_server(cfg))
		yc_die(YC_EUSAGE, "%s", _("init needs --db PATH: where to create the database."));
	init_key(cfg, &made, id);
	create_database(cfg, o->db, o->demo);
	if (made)
		printf(_("The event log's key %s is in %s: copy it to the same place on every station (yichuang(1), SEALS).\n"),
		       id, cfg->key_file);
	else if (store_key_id()[0])
		printf(_("The database is sealed with the key %s (%s).\n"), store_key_id(), cfg->key_file);
	else
		printf(_("There is no key at %s: the database is not sealed with one; 'yichuang keygen' makes it (yichuang(1), SEALS).\n"),
		       cfg->key_file);
	return 0;
}

static int run_ticket(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_ticket(cfg, o);
}

static int run_board(struct yc_settings *cfg, struct options *o, const char *file)
{
	o->screen = "board";
	return run_tui(cfg, o);
}

static int run_kiosk(struct yc_settings *cfg, struct options *o, const char *file)
{
	o->screen = "kiosk";
	return run_tui(cfg, o);
}

static int run_query(struct yc_settings *cfg, struct options *o, const char *file)
{
	o->screen = "query";
	return run_tui(cfg, o);
}

/* "--password -": the password from standard input, not echoed on a
 * terminal, so that it never shows in the process list. */
static void status_read_password(char *out, size_t n)
{
	struct termios saved, quiet;
	int tty = isatty(STDIN_FILENO) && tcgetattr(STDIN_FILENO, &saved) == 0;

	if (tty) {
		fprintf(stderr, "%s", _("Query password: "));
		quiet = saved;
		quiet.c_lflag &= ~(tcflag_t)ECHO;
		tcsetattr(STDIN_FILENO, TCSANOW, &quiet);
	}
	if (!fgets(out, (int)n, stdin))
		out[0] = '\0';
	out[strcspn(out, "\r\n")] = '\0';
	if (tty) {
		tcsetattr(STDIN_FILENO, TCSANOW, &saved);
		fputc('\n', stderr);
	}
}

/* A case's progress for the phone operator, as the query kiosk shows it:
 * the same password check, the same guard against guessing. */
static int run_status(struct yc_settings *cfg, struct options *o, const char *file)
{
	struct doc_hall hall = doc_hall_of(cfg);
	struct yc_case_progress p;
	struct yc_store *st;
	struct yc_err err;
	char number[64], typed[64], *text;
	int delay_ms, rc;

	if (!o->password || !o->password[0])
		yc_die(YC_EUSAGE, "%s", _("status needs --password P: the query password on the acceptance notice."));
	if (strcmp(o->password, "-") == 0) {
		status_read_password(typed, sizeof typed);
		o->password = typed;
	}
	query_normalise_case_number(file, number, sizeof number);
	st = open_store(cfg);
	yc_err_clear(&err);
	rc = store_case_query(st, number, o->password, &p, &delay_ms, &err);
	store_close(st);
	if (delay_ms)
		usleep((useconds_t)delay_ms * 1000u);
	if (rc < 0)
		yc_die_err(&err);
	if (!(text = doc_progress(&hall, &p)))
		yc_die(YC_EINTERNAL, "%s", _("Out of memory."));
	fputs(text, stdout);
	free(text);
	return 0;
}

/* The rating terminal faces the citizen at a window: its events are that
 * window's, and it shows that window's services. */
static int run_rate(struct yc_settings *cfg, struct options *o, const char *file)
{
	char window[64];

	if (!o->admin.window || !o->admin.window[0])
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang rate --window N (the window whose services it rates)."));
	yc_strlcpy(cfg->station_name, admin_window_name(o->admin.window, window, sizeof window),
		   sizeof cfg->station_name);
	o->screen = "rate";
	return run_tui(cfg, o);
}

static int run_sms_poll(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_sms_poll(cfg);
}

static int run_check(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_check(cfg);
}

static int run_reindex(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_reindex(cfg);
}

static int run_recover(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_recover(cfg);
}

static int run_backup(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_backup(cfg, file);
}

static int run_restore(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_restore(cfg, file);
}

static int run_keygen(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_keygen(cfg);
}

static int run_seal(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_seal(cfg);
}

static int run_import(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_catalog_import(cfg, o, file);
}

static int run_export(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_catalog_export(cfg, file);
}

static int run_import_online(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_import_online(cfg, file);
}

static int run_outbox(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_outbox(cfg);
}

static int run_pickup_remind(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_pickup_remind(cfg, o);
}

static int run_appointments_remind(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_appointments_remind(cfg);
}

static int run_waivers_remind(struct yc_settings *cfg, struct options *o, const char *file)
{
	return cmd_waivers_remind(cfg);
}

static int run_migrate_pg(struct yc_settings *cfg, struct options *o, const char *file)
{
	return migrate_pg_command(cfg, o->admin.from, o->admin.to);
}

/* The set-up commands name who ran them in the event log. */
static int run_admin(struct yc_settings *cfg, struct options *o, const char *file)
{
	char actor[64];
	struct yc_store *st;
	int rc;

	admin_actor(o->words[0], actor, sizeof actor);
	st = open_store_as(cfg, actor);
	warn_keyless(st);
	rc = admin_run(st, &o->admin, o->words, o->n_words);
	store_close(st);
	return rc;
}

static const struct command commands[] = {
	{ "init", NULL, 0, run_init },
	{ "ticket", NULL, 0, run_ticket },
	{ "board", NULL, 0, run_board },
	{ "kiosk", NULL, 0, run_kiosk },
	{ "query", NULL, 0, run_query },
	{ "status", NULL, 1, run_status },
	{ "rate", NULL, 0, run_rate },
	{ "sms", "poll", 0, run_sms_poll },
	{ "check", NULL, 0, run_check },
	{ "recover", NULL, 0, run_recover },
	{ "reindex", NULL, 0, run_reindex },
	{ "backup", NULL, 1, run_backup },
	{ "restore", NULL, 1, run_restore },
	{ "keygen", NULL, 0, run_keygen },
	{ "seal", NULL, 0, run_seal },
	{ "catalog", "import", 1, run_import },
	{ "catalog", "export", 1, run_export },
	{ "import-online", NULL, 1, run_import_online },
	{ "outbox", NULL, 0, run_outbox },
	{ "pickup", "remind", 0, run_pickup_remind },
	{ "appointments", "remind", 0, run_appointments_remind },
	{ "waivers", "remind", 0, run_waivers_remind },
	{ "migrate-to-postgresql", NULL, 0, run_migrate_pg },
};

/* The command argv[*optind] names, with its words taken from argv; NULL
 * when there is none. Dies with a usage message when the words are wrong. */
static const struct command *parse_command(int argc, char **argv, int *optind_p, const char **file)
{
	const char *name = argv[*optind_p];
	static const struct command admin = { "admin", NULL, 0, run_admin };
	size_t i;
	int known = 0;

	if (admin_is_command(name)) {
		admin_check_words(argv + *optind_p, argc - *optind_p);
		*optind_p = argc;
		return &admin;
	}

	for (i = 0; i < YC_ARRAY_LEN(commands); i++) {
		const struct command *c = &commands[i];
		int at = *optind_p + 1;

		if (strcmp(c->name, name) != 0)
			continue;
		known = 1;
		if (c->sub && (at >= argc || strcmp(argv[at], c->sub) != 0))
			continue;
		at += c->sub != NULL;
		if (c->takes_file) {
			if (at >= argc)
				break;
			*file = argv[at++];
		}
		*optind_p = at;
		return c;
	}
	if (!known)
		yc_die(YC_EUSAGE, _("Unknown command '%s' (see yichuang --help)."), name);
	if (strcmp(name, "catalog") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang catalog import FILE, or yichuang catalog export FILE."));
	if (strcmp(name, "pickup") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang pickup remind [--days N]."));
	if (strcmp(name, "sms") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang sms poll."));
	if (strcmp(name, "appointments") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang appointments remind."));
	if (strcmp(name, "status") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang status CASE --password P."));
	if (strcmp(name, "waivers") == 0)
		yc_die(YC_EUSAGE, "%s", _("Use: yichuang waivers remind."));
	yc_die(YC_EUSAGE, _("Use: yichuang %s FILE."), name);
}

int main(int argc, char **argv)
{
	static const struct option longopts[] = {
		{ "config", required_argument, NULL, 'c' },
		{ "db", required_argument, NULL, 'd' },
		{ "screen", required_argument, NULL, 's' },
		{ "lang", required_argument, NULL, 'l' },
		{ "demo", no_argument, NULL, 'D' },
		{ "category", required_argument, NULL, 'C' },
		{ "priority", no_argument, NULL, 'P' },
		{ "effective", required_argument, NULL, 'E' },
		{ "role", required_argument, NULL, 'R' },
		{ "department", required_argument, NULL, 'T' },
		{ "window", required_argument, NULL, 'W' },
		{ "site", required_argument, NULL, 'S' },
		{ "name", required_argument, NULL, 'N' },
		{ "serves", required_argument, NULL, 'v' },
		{ "level", required_argument, NULL, 'L' },
		{ "contractor", required_argument, NULL, 'k' },
		{ "fee", required_argument, NULL, 'f' },
		{ "from", required_argument, NULL, 'F' },
		{ "to", required_argument, NULL, 'O' },
		{ "days", required_argument, NULL, 'y' },
		{ "password", required_argument, NULL, 'p' },
		{ "version", no_argument, NULL, 'V' },
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 },
	};
	struct options o;
	struct yc_settings cfg;
	struct yc_err err;
	const struct command *command = NULL;
	const char *file = NULL;
	char demo_dir[PATH_MAX];
	int c;

	memset(&o, 0, sizeof o);
	setup_locale();
	/* Chinese first, until --lang or the configuration says otherwise */
	setup_messages("zh_CN");
	while ((c = getopt_long(argc, argv, "c:d:s:l:h", longopts, NULL)) != -1) {
		switch (c) {
		case 'c': o.config = optarg; break;
		case 'd': o.db = optarg; break;
		case 's': o.screen = optarg; break;
		case 'l':
			if (strcmp(optarg, "zh_CN") != 0 && strcmp(optarg, "en") != 0)
				yc_die(YC_EUSAGE, _("--lang must be zh_CN or en, not '%s'."), optarg);
			o.lang = optarg;
			setup_messages(o.lang);
			break;
		case 'D': o.demo = 1; break;
		case 'C': o.category = optarg; break;
		case 'P': o.priority = 1; break;
		case 'E': o.effective = optarg; break;
		case 'R': o.admin.role = optarg; break;
		case 'T': o.admin.department = optarg; break;
		case 'W': o.admin.window = optarg; break;
		case 'S': o.admin.site = optarg; break;
		case 'N': o.admin.name = optarg; break;
		case 'v': o.admin.serves = optarg; break;
		case 'L': o.admin.level = optarg; break;
		case 'k': o.admin.contractor = optarg; break;
		case 'f': o.admin.fee = optarg; break;
		case 'F': o.admin.from = optarg; break;
		case 'O': o.admin.to = optarg; break;
		case 'y': o.days = optarg; break;
		case 'p': o.password = optarg; break;
		case 'V':
			printf("yichuang %s (schema %d, SQLite %s)\n", PACKAGE_VERSION,
			       store_schema_version(), sqlite3_libversion());
			return 0;
		case 'h':
			usage(stdout);
			return 0;
		default:
			usage(stderr);
			return 2;
		}
	}
	if (optind < argc) {
		o.words = argv + optind;
		o.n_words = argc - optind;
		command = parse_command(argc, argv, &optind, &file);
	}
	if (optind < argc)
		yc_die(YC_EUSAGE, _("Unexpected argument '%s' (see yichuang --help)."), argv[optind]);

	yc_err_clear(&err);
	if (settings_load(&cfg, o.config, &err) < 0)
		yc_die_err(&err);
	if (!o.lang)
		setup_messages(cfg.language);
	if (command) {   /* a command says it here, the full-screen program on its first screen */
		char notice[YC_PATH_MAX + 400];

		hall_wide_notice(&cfg, notice, sizeof notice);
		if (notice[0])
			fprintf(stderr, "%s\n", notice);
	}
	if (auth_init() < 0)
		yc_die(YC_EINTERNAL, "%s", _("The cryptography library could not start."));
	/* the event log's key and heads: this PC's (store-audit.c); a key file
	 * that cannot be used is said where it matters (key_warning, check) */
	store_key_load(cfg.key_file, &err);
	yc_err_clear(&err);
	if (!command || command->run != run_keygen) {
		char heads[YC_PATH_MAX];

		yc_user_place(NULL, "XDG_STATE_HOME", ".local/state", "heads", heads, sizeof heads);
		store_heads_dir(heads);
	}
	if (!ui_find_screen(cfg.start_screen))
		yc_die(YC_ECONFIG, _("The setting station.start_screen names a screen that does not exist: '%s' (see yichuang(1))."),
		       cfg.start_screen);
	if (o.screen && !ui_find_screen(o.screen))
		yc_die(YC_EUSAGE, _("There is no screen called '%s' (see yichuang(1))."), o.screen);

	/* init makes a database: none of the opening below applies to it */
	if (command && command->run == run_init)
		return run_init(&cfg, &o, file);
	if (o.demo && !o.db) {
		/* the demo never touches a real database: its own file, local locking */
		demo_db_path(demo_dir, sizeof demo_dir);
		if (yc_mkdirs(demo_dir) != 0)
			yc_die(YC_EIO, _("Cannot create the folder %s: %s."), demo_dir, strerror(errno));
		if (snprintf(cfg.db_path, sizeof cfg.db_path, "%s/demo.db", demo_dir) >=
		    (int)sizeof cfg.db_path)
			yc_die(YC_EUSAGE, "%s", _("The data folder's path is too long."));
		strcpy(cfg.db_locking, "unix");
		strcpy(cfg.db_backend, "sqlite");
		if (access(cfg.db_path, F_OK) != 0)
			create_database(&cfg, cfg.db_path, 1);
	} else if (o.db) {
		/* --db names a file, whatever the configuration's backend */
		yc_strlcpy(cfg.db_path, o.db, sizeof cfg.db_path);
		strcpy(cfg.db_backend, "sqlite");
	}
	if (command)
		return command->run(&cfg, &o, file);
	return run_tui(&cfg, &o);
}
