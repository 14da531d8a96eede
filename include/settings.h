/* settings.h - configuration from libconfig files.
 * Files are read in order, later ones overriding earlier ones:
 * /etc/yichuang/yichuang.conf, $XDG_CONFIG_HOME/yichuang/yichuang.conf,
 * then the file named by --config. Every setting is described once, in
 * the table in settings.c, which drives parsing, validation and defaults. */
#ifndef YC_SETTINGS_H
#define YC_SETTINGS_H

#include "policy.h"
#include "yc.h"

#define YC_PATH_MAX 1024

struct yc_settings {
	/* database */
	char db_path[YC_PATH_MAX];
	char db_locking[16];          /* "unix" or "unix-dotfile" */
	int busy_timeout_ms;          /* give up a write after this long */
	int stale_lock_seconds;       /* a lock older than this is called stale */
	int poll_interval_ms;         /* how often to look for other stations' commits */
	int refresh_interval_ms;      /* a screen reloads for them at most this often */
	char key_file[YC_PATH_MAX];   /* the event log's key, on this PC; "" = event.key beside the system file */
	char db_backend[16];          /* "sqlite" (db_path) or "postgresql" (db_conninfo) */
	char db_conninfo[YC_PATH_MAX];   /* a libpq connection string, never with its password */
	char db_password_file[YC_PATH_MAX];   /* the server's password, first line; "" = PGPASSFILE/~/.pgpass */
	/* site */
	char site_code[32];
	char site_name[128];
	char site_level[16];          /* "banner" or "township" */
	char site_seal[128];          /* the seal line under notices; "" = "<site name>（印章）" */
	/* station */
	char station_name[64];
	char station_category[16];
	char start_screen[32];
	char drafts_directory[YC_PATH_MAX];   /* on this PC's own disk; "" = XDG state folder */
	/* user interface */
	char language[16];            /* "zh_CN" or "en" */
	/* outside commands */
	char print_command[512];
	char print_directory[YC_PATH_MAX];  /* where printed documents are kept */
	char print_templates[YC_PATH_MAX];  /* the hall's own wording; "" = built in */
	char print_format[8];         /* "pdf" (paper) or "text" */
	int ticket_width_mm;          /* the ticket printer's roll, 58 or 80 */
	char ticket_format[8];        /* "pdf", "text" or "escpos" (raw, GB18030) */
	char ticket_command[512];     /* prints a ticket; "" = print_command */
	char notify_command[512];     /* %p phone, %m message */
	char announce_command[512];   /* %t the words, %n number, %w window; "" silent */
	int notify_max_attempts;      /* give an SMS up after this many failures */
	/* working-day calendar */
	char holidays_file[YC_PATH_MAX];
	/* pickup */
	int pickup_remind_days;       /* results not collected after this many working days */
	/* 好差评 */
	int rating_timeout_seconds;   /* the rating terminal gives up waiting for a key ("not rated") */
	char sms_inbox_command[512];  /* prints the SMS received, a line "PHONE TEXT" each; "" none */
	/* a file's keys that are now the hall's policy, ignored, and the
	 * first file that had one, for the station to say so once */
	char hall_wide[160];          /* "login.max_failures, login.lock_minutes" */
	char hall_wide_file[YC_PATH_MAX];
	/* where values came from, for messages */
	char loaded_files[3][YC_PATH_MAX];
	int n_loaded;
};

void settings_defaults(struct yc_settings *s);

/* Read one file on top of s. A missing file is an error only when
 * required. On a syntax error, an unknown setting or a wrong value, err
 * names the file and line. */
int settings_load_file(struct yc_settings *s, const char *path, int required,
		       struct yc_err *err);

/* Whether a libpq connection string (key=value words or a postgresql://
 * URI) carries a password, as libpq reads it (1 too when libpq cannot
 * read it). */
int settings_conninfo_has_password(const char *conninfo);
/* Whether libpq can read a connection string at all. */
int settings_conninfo_readable(const char *conninfo);

/* Check the server's password file: a plain file only its owner may read
 * (0 or -1 with err naming `setting`, from file:line when file). */
int settings_password_file_ok(const char *path, const char *setting, const char *file, int line,
			      struct yc_err *err);

/* Defaults, then the system file, the user's file and the explicit one. */
int settings_load(struct yc_settings *s, const char *explicit_path, struct yc_err *err);

#endif
