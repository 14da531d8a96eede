/* settings.c - libconfig files into struct yc_settings, checked. */
#include "config.h"

#include <errno.h>
#include <libconfig.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <libpq-fe.h>

#include "settings.h"

enum kind { S_STRING, S_INT };

struct setting_def {
	const char *path;        /* e.g. "database.path" */
	enum kind kind;
	size_t offset;
	size_t size;             /* string buffer size */
	const char *const *choices;   /* allowed strings, NULL-terminated, or NULL */
	int min, max;            /* for integers */
};

static const char *const locking_choices[] = { "unix", "unix-dotfile", NULL };
static const char *const backend_choices[] = { "sqlite", "postgresql", NULL };
static const char *const level_choices[] = { "banner", "township", NULL };
static const char *const category_choices[] = {
	"combined", "bundle", "remote", "construction", "assist", "pickup", "guidance", NULL
};
static const char *const language_choices[] = { "zh_CN", "en", NULL };
static const char *const print_format_choices[] = { "pdf", "text", NULL };
static const char *const ticket_format_choices[] = { "pdf", "text", "escpos", NULL };

#define STR(p, field, choices) \
	{ p, S_STRING, offsetof(struct yc_settings, field), \
	  sizeof(((struct yc_settings *)0)->field), choices, 0, 0 }
#define INT(p, field, lo, hi) \
	{ p, S_INT, offsetof(struct yc_settings, field), 0, NULL, lo, hi }

static const struct setting_def defs[] = {
	STR("database.path", db_path, NULL),
	STR("database.locking", db_locking, locking_choices),
	INT("database.busy_timeout_ms", busy_timeout_ms, 100, 600000),
	INT("database.stale_lock_seconds", stale_lock_seconds, 5, 86400),
	INT("database.poll_interval_ms", poll_interval_ms, 100, 60000),
	INT("database.refresh_interval_ms", refresh_interval_ms, 0, 600000),
	STR("database.key_file", key_file, NULL),
	STR("database.backend", db_backend, backend_choices),
	STR("database.conninfo", db_conninfo, NULL),
	STR("database.password_file", db_password_file, NULL),
	STR("site.code", site_code, NULL),
	STR("site.name", site_name, NULL),
	STR("site.level", site_level, level_choices),
	STR("site.seal", site_seal, NULL),
	STR("station.name", station_name, NULL),
	STR("station.category", station_category, category_choices),
	STR("station.start_screen", start_screen, NULL),
	STR("station.drafts", drafts_directory, NULL),
	STR("language", language, language_choices),
	STR("print.command", print_command, NULL),
	STR("print.directory", print_directory, NULL),
	STR("print.format", print_format, print_format_choices),
	STR("print.templates", print_templates, NULL),
	INT("print.ticket_width", ticket_width_mm, 58, 80),
	STR("print.ticket_format", ticket_format, ticket_format_choices),
	STR("print.ticket_command", ticket_command, NULL),
	STR("notify.command", notify_command, NULL),
	STR("announce.command", announce_command, NULL),
	INT("notify.max_attempts", notify_max_attempts, 1, 50),
	INT("pickup.remind_after_days", pickup_remind_days, 1, 60),
	STR("calendar.holidays_file", holidays_file, NULL),
	INT("rating.timeout_seconds", rating_timeout_seconds, 5, 3600),
	STR("sms.inbox_command", sms_inbox_command, NULL),
};

/* The keys that are now the hall's policy (policy.h). */
static const char *const hall_wide_keys[] = {
#define POLICY_KEY(field, name, smallest, largest, fallback, what) name,
	YC_POLICY_LIST(POLICY_KEY)
#undef POLICY_KEY
	NULL
};

/* Groups that may appear, so that a group name typed wrong is caught too. */
static const char *const groups[] = {
	"database", "site", "station", "print", "notify", "announce", "calendar", "appointments", "login", "pickup", "assessment",
	"queue", "rating", "sms", NULL
};

void settings_defaults(struct yc_settings *s)
{
	memset(s, 0, sizeof *s);
	yc_user_place(NULL, "XDG_DATA_HOME", ".local/share", "yichuang.db", s->db_path, sizeof s->db_path);
	strcpy(s->db_locking, "unix");
	strcpy(s->db_backend, "sqlite");
	s->busy_timeout_ms = 10000;
	s->stale_lock_seconds = 60;
	s->poll_interval_ms = 1000;
	s->refresh_interval_ms = 3000;
	strcpy(s->site_code, "HALL");
	strcpy(s->site_name, "政务服务中心");
	strcpy(s->site_level, "banner");
	strcpy(s->station_name, "1号窗口");
	strcpy(s->station_category, "combined");
	strcpy(s->start_screen, "menu");
	strcpy(s->language, "zh_CN");
	strcpy(s->print_command, "lp %f");
	strcpy(s->print_format, "pdf");
	s->ticket_width_mm = 80;
	strcpy(s->ticket_format, "pdf");
	strcpy(s->notify_command, "");
	s->notify_max_attempts = 6;
	s->pickup_remind_days = 5;
	s->rating_timeout_seconds = 30;
}

static const struct setting_def *find_def(const char *path)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(defs); i++)
		if (strcmp(defs[i].path, path) == 0)
			return &defs[i];
	return NULL;
}

static int is_group_name(const char *name)
{
	size_t i;

	for (i = 0; groups[i]; i++)
		if (strcmp(groups[i], name) == 0)
			return 1;
	return 0;
}

static int in_choices(const char *const *choices, const char *v)
{
	for (; *choices; choices++)
		if (strcmp(*choices, v) == 0)
			return 1;
	return 0;
}

static void join_choices(const char *const *choices, char *out, size_t n)
{
	out[0] = '\0';
	for (; *choices; choices++) {
		yc_join(out, n, ", ", *choices);
	}
}

/* A key that is now the hall's policy: noted, to be said once, and
 * otherwise ignored, so that a station's old file still starts it. */
static int hall_wide(struct yc_settings *s, const char *path, const char *file)
{
	if (!in_choices(hall_wide_keys, path))
		return 0;
	if (!strstr(s->hall_wide, path))
		snprintf(s->hall_wide + strlen(s->hall_wide), sizeof s->hall_wide - strlen(s->hall_wide), "%s%s",
			 s->hall_wide[0] ? ", " : "", path);
	if (!s->hall_wide_file[0])
		yc_strlcpy(s->hall_wide_file, file, sizeof s->hall_wide_file);
	return 1;
}

/* Apply one leaf setting; err says what is wrong with it. */
static int apply(struct yc_settings *s, const struct setting_def *d,
		 config_setting_t *st, const char *file, struct yc_err *err)
{
	int line = config_setting_source_line(st);
	char *base = (char *)s + d->offset;

	if (d->kind == S_STRING) {
		const char *v = config_setting_get_string(st);

		if (config_setting_type(st) != CONFIG_TYPE_STRING || !v) {
			yc_err_set(err, YC_ECONFIG, _("%s:%d: setting '%s' must be text in double quotes."),
				   file, line, d->path);
			return -1;
		}
		if (d->choices && !in_choices(d->choices, v)) {
			char list[200];

			join_choices(d->choices, list, sizeof list);
			yc_err_set(err, YC_ECONFIG, _("%s:%d: setting '%s' cannot be \"%s\"; use one of: %s."),
				   file, line, d->path, v, list);
			return -1;
		}
		if (strlen(v) >= d->size) {
			yc_err_set(err, YC_ECONFIG, _("%s:%d: setting '%s' is too long."), file, line, d->path);
			return -1;
		}
		strcpy(base, v);
	} else {
		int v;

		if (config_setting_type(st) != CONFIG_TYPE_INT) {
			yc_err_set(err, YC_ECONFIG, _("%s:%d: setting '%s' must be a whole number."),
				   file, line, d->path);
			return -1;
		}
		v = config_setting_get_int(st);
		if (v < d->min || v > d->max) {
			yc_err_set(err, YC_ECONFIG, _("%s:%d: setting '%s' must be between %d and %d."),
				   file, line, d->path, d->min, d->max);
			return -1;
		}
		memcpy(base, &v, sizeof v);
	}
	return 0;
}

/* libpq reads the string: a password in any of its spellings (a word,
 * a URI's user:password@ or ?password=, upper case, percent-encoded) is
 * its "password" option. A string libpq cannot read is refused as well
 * (settings_conninfo_readable): it would only fail at connect, with the
 * string, password and all, in the message. */
int settings_conninfo_has_password(const char *conninfo)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL), *o;
	int has = 0;

	if (!opts)
		return 1;   /* unreadable: it could be anywhere in it */
	for (o = opts; o->keyword; o++)
		if (!strcmp(o->keyword, "password") && o->val && o->val[0])
			has = 1;
	PQconninfoFree(opts);
	return has;
}

int settings_conninfo_readable(const char *conninfo)
{
	PQconninfoOption *opts = PQconninfoParse(conninfo, NULL);

	PQconninfoFree(opts);
	return opts != NULL;
}

int settings_password_file_ok(const char *path, const char *setting, const char *file, int line,
			      struct yc_err *err)
{
	char where[YC_PATH_MAX + 16] = "";
	struct stat sb;

	if (file)
		snprintf(where, sizeof where, "%s:%d: ", file, line);
	if (stat(path, &sb) != 0 || access(path, R_OK) != 0) {
		yc_err_set(err, YC_ECONFIG, _("%sCannot read the password file %s named by '%s': %s."), where, path,
			   setting, strerror(errno));
		return -1;
	}
	if (!S_ISREG(sb.st_mode)) {
		yc_err_set(err, YC_ECONFIG, _("%sThe password file %s named by '%s' is not a plain file."), where, path,
			   setting);
		return -1;
	}
	if (sb.st_mode & (S_IRWXG | S_IRWXO)) {
		yc_err_set(err, YC_ECONFIG,
			   _("%sOther users can read the password file %s named by '%s' (its permissions are %03o). Make it readable by the program's user only: chmod 600 %s"),
			   where, path, setting, (unsigned)(sb.st_mode & 0777), path);
		return -1;
	}
	return 0;
}

/* What one value may not be, beyond its kind and choices. */
static int check_value(const struct setting_def *d, const char *v, const char *file, int line, struct yc_err *err)
{
	if (!strcmp(d->path, "database.conninfo") && *v && !settings_conninfo_readable(v)) {
		/* not the string itself: it may hold a password */
		yc_err_set(err, YC_ECONFIG,
			   _("%s:%d: setting 'database.conninfo' is not a connection string the PostgreSQL library can read (words such as host=... dbname=... user=..., or a postgresql:// address)."),
			   file, line);
		return -1;
	}
	if (!strcmp(d->path, "database.conninfo") && settings_conninfo_has_password(v)) {
		yc_err_set(err, YC_ECONFIG,
			   _("%s:%d: setting 'database.conninfo' contains the server's password. A password may not be written in the configuration: put it in the file named by 'database.password_file' (readable by the program's user only) or in ~/.pgpass, and remove it from 'database.conninfo'."),
			   file, line);
		return -1;
	}
	if (!strcmp(d->path, "database.password_file") && *v)
		return settings_password_file_ok(v, d->path, file, line, err);
	return 0;
}

/* Walk every setting in the file; unknown names are errors, so that a typo
 * never silently falls back to a default. */
static int walk(struct yc_settings *s, config_setting_t *group, const char *prefix,
		const char *file, struct yc_err *err)
{
	int i, n = config_setting_length(group);

	for (i = 0; i < n; i++) {
		config_setting_t *st = config_setting_get_elem(group, (unsigned)i);
		const char *name = config_setting_name(st);
		char path[128];
		const struct setting_def *d;

		snprintf(path, sizeof path, "%s%s%s", prefix, *prefix ? "." : "", name ? name : "?");
		if (config_setting_is_group(st) && !*prefix && name && is_group_name(name)) {
			if (walk(s, st, name, file, err) < 0)
				return -1;
			continue;
		}
		if (hall_wide(s, path, file))
			continue;
		d = find_def(path);
		if (!d) {
			yc_err_set(err, YC_ECONFIG, _("%s:%d: unknown setting '%s' (see yichuang.conf(5))."),
				   file, config_setting_source_line(st), path);
			return -1;
		}
		if (apply(s, d, st, file, err) < 0)
			return -1;
		if (d->kind == S_STRING &&
		    check_value(d, config_setting_get_string(st), file, config_setting_source_line(st), err) < 0)
			return -1;
	}
	return 0;
}

int settings_load_file(struct yc_settings *s, const char *path, int required,
		       struct yc_err *err)
{
	config_t cfg;
	struct yc_settings work;
	struct stat st;
	int rc = 0;

	if (stat(path, &st) != 0) {
		if (!required && errno == ENOENT)
			return 0;
		yc_err_set(err, YC_ECONFIG, _("Cannot read the configuration file %s: %s."),
			   path, strerror(errno));
		return -1;
	}
	/* apply to a copy so that a bad file changes nothing */
	work = *s;
	config_init(&cfg);
	if (config_read_file(&cfg, path) != CONFIG_TRUE) {
		if (config_error_type(&cfg) == CONFIG_ERR_FILE_IO)
			yc_err_set(err, YC_ECONFIG, _("Cannot read the configuration file %s."), path);
		else
			yc_err_set(err, YC_ECONFIG, _("%s:%d: syntax error in the configuration: %s."),
				   config_error_file(&cfg) ? config_error_file(&cfg) : path,
				   config_error_line(&cfg), config_error_text(&cfg));
		rc = -1;
	} else if (walk(&work, config_root_setting(&cfg), "", path, err) < 0) {
		rc = -1;
	}
	config_destroy(&cfg);
	if (rc == 0) {
		if (work.n_loaded < (int)YC_ARRAY_LEN(work.loaded_files))
			yc_strlcpy(work.loaded_files[work.n_loaded++], path, YC_PATH_MAX);
		*s = work;
	}
	return rc;
}

int settings_load(struct yc_settings *s, const char *explicit_path, struct yc_err *err)
{
	const char *xdg = getenv("XDG_CONFIG_HOME");
	const char *home = getenv("HOME");
	const char *sys = getenv("YICHUANG_SYSCONF");  /* tests point this elsewhere */
	char user[YC_PATH_MAX];

	settings_defaults(s);
	if (settings_load_file(s, sys ? sys : "/etc/yichuang/yichuang.conf", 0, err) < 0)
		return -1;
	if (xdg && *xdg)
		snprintf(user, sizeof user, "%s/yichuang/yichuang.conf", xdg);
	else
		snprintf(user, sizeof user, "%s/.config/yichuang/yichuang.conf", home ? home : ".");
	if (settings_load_file(s, user, 0, err) < 0)
		return -1;
	if (explicit_path && settings_load_file(s, explicit_path, 1, err) < 0)
		return -1;
	if (!strcmp(s->db_backend, "postgresql") && !s->db_conninfo[0]) {
		yc_err_set(err, YC_ECONFIG,
			   _("The configuration sets database.backend = \"postgresql\" but no database.conninfo: name the server there, for example conninfo = \"host=db.example.cn user=yichuang dbname=yichuang\"."));
		return -1;
	}
	/* the event log's key sits beside the system configuration file */
	if (!s->key_file[0]) {
		const char *file = sys ? sys : "/etc/yichuang/yichuang.conf";
		const char *slash = strrchr(file, '/');

		snprintf(s->key_file, sizeof s->key_file, "%.*s/event.key", slash ? (int)(slash - file) : 1,
			 slash ? file : ".");
	}
	return 0;
}
