/* admin-cli.c - `yichuang user|window|site|department|contract|calendar|
 * policy`: words in, the store's answer out (admin-cli.h). */
#include "config.h"

#include <ctype.h>
#include <errno.h>
#include <pwd.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "admin-cli.h"
#include "auth.h"
#include "store-setup.h"

/* One row a command: its words, how many arguments follow, and what it
 * does. Usage messages come from the same table. */
struct admin_command {
	const char *noun, *verb;
	const char *args;           /* for the usage line, e.g. "LOGIN --role ROLE" */
	int n_args;                 /* words after the verb */
	int (*run)(struct yc_store *st, const struct admin_args *a, char **arg);
};

static void die_err(struct yc_err *err)
{
	yc_die_err(err);
}

const char *admin_window_name(const char *given, char *buf, size_t n)
{
	if (given && given[0] && strspn(given, "0123456789") == strlen(given)) {
		snprintf(buf, n, "%s号窗口", given);
		return buf;
	}
	return given;
}

/* Users -------------------------------------------------------------------- */

static int user_list(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_user_row *u;
	struct yc_err err;
	int n, i;

	if (store_users_list(st, &u, &n, &err) < 0)
		die_err(&err);
	for (i = 0; i < n; i++)
		printf("%-12s %-10s %-8s %-6s %-10s %s%s%s\n", u[i].login, u[i].role,
		       u[i].department_code[0] ? u[i].department_code : "-", u[i].site_code,
		       u[i].window[0] ? u[i].window : "-", u[i].full_name,
		       u[i].active ? "" : _(" (disabled)"),
		       u[i].active && u[i].must_change_password ? _(" (must change password)") : "");
	free(u);
	return 0;
}

static void spec_from(struct yc_user_spec *spec, const char *login, const struct admin_args *a, char *buf,
		      size_t n)
{
	spec->login = login;
	spec->full_name = a->name;
	spec->role = a->role;
	spec->department_code = a->department;
	spec->site_code = a->site;
	spec->window = admin_window_name(a->window, buf, n);
}

/* A new password, hashed for the store and shown once. */
static void admin_cli_new_password(char password[13], char *hash, size_t n)
{
	auth_initial_password(password);
	if (auth_hash_password(password, hash, n) < 0)
		yc_die(YC_EINTERNAL, "%s", _("Could not hash a password (out of memory?)."));
}

static int admin_cli_user_add(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_user_spec spec;
	struct yc_err err;
	char password[13], hash[160], window[80];
	struct admin_args named = *a;

	if (!a->role)
		yc_die(YC_EUSAGE, "%s", _("user add needs --role (guide, intake, reviewer, pickup, supervisor, admin)."));
	if (!named.name)
		named.name = arg[0];
	spec_from(&spec, arg[0], &named, window, sizeof window);
	admin_cli_new_password(password, hash, sizeof hash);
	if (store_user_add(st, 0, &spec, hash, &err) < 0)
		die_err(&err);
	printf(_("Added %s (%s). First password: %s (to be changed at the first login).\n"), arg[0], a->role,
	       password);
	return 0;
}

static int user_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_user_spec spec;
	struct yc_err err;
	char window[80];

	spec_from(&spec, arg[0], a, window, sizeof window);
	if (!a->role && !a->name && !a->department && !a->site && !a->window)
		yc_die(YC_EUSAGE, "%s", _("user set needs what to change: --role, --name, --department, --site or --window."));
	if (store_user_change(st, 0, &spec, &err) < 0)
		die_err(&err);
	printf(_("Changed %s.\n"), arg[0]);
	return 0;
}

static int admin_cli_user_active(struct yc_store *st, const char *login, int active)
{
	struct yc_err err;

	if (store_user_set_active(st, 0, login, active, &err) < 0)
		die_err(&err);
	printf(active ? _("%s may log in again.\n") : _("%s is disabled: no more logins; the history stays.\n"), login);
	return 0;
}

static int user_disable(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return admin_cli_user_active(st, arg[0], 0);
}

static int user_enable(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return admin_cli_user_active(st, arg[0], 1);
}

static int admin_cli_user_reset(struct yc_store *st, const struct admin_args *a, char **arg)
{
	char password[13], hash[160];
	struct yc_err err;

	admin_cli_new_password(password, hash, sizeof hash);
	if (store_user_reset_password(st, 0, arg[0], hash, &err) < 0)
		die_err(&err);
	printf(_("New password for %s: %s (to be changed at the next login).\n"), arg[0], password);
	return 0;
}

/* Windows, sites, departments ---------------------------------------------------- */

static int window_list(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_window_row *w;
	struct yc_err err;
	int n, i;

	if (store_windows_list(st, &w, &n, &err) < 0)
		die_err(&err);
	for (i = 0; i < n; i++)
		printf("%-6s %-12s %-8s %s\n", w[i].site_code, w[i].name, w[i].open ? _("open for tickets") : _("closed"),
		       w[i].categories);
	if (!n)
		printf("%s\n", _("No windows yet: yichuang window add N --serves combined"));
	free(w);
	return 0;
}

/* The hall's own site when none is named. */
static const char *site_or_hall(struct yc_store *st, const char *site, char *buf, size_t n)
{
	struct yc_site_row *s;
	struct yc_err err;
	int count;

	if (site)
		return site;
	if (store_sites_list(st, &s, &count, &err) < 0)
		die_err(&err);
	yc_strlcpy(buf, count ? s[0].code : "", n);
	free(s);
	return buf;
}

static int window_change(struct yc_store *st, const struct admin_args *a, const char *number, int open,
			 const char *now)
{
	char buf[80], site[32];
	const char *name = admin_window_name(number, buf, sizeof buf);
	struct yc_err err;

	if (store_window_set(st, 0, site_or_hall(st, a->site, site, sizeof site), name, a->serves, open,
			     &err) < 0)
		die_err(&err);
	printf(_("Window %s: %s.\n"), name, now);
	return 0;
}

static int window_add(struct yc_store *st, const struct admin_args *a, char **arg)
{
	if (!a->serves)
		yc_die(YC_EUSAGE, "%s", _("window add needs --serves, the queue categories it calls (e.g. combined,bundle)."));
	return window_change(st, a, arg[0], -1, _("set up"));
}

static int admin_cli_window_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return window_change(st, a, arg[0], -1, _("set up"));
}

static int admin_cli_window_open(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return window_change(st, a, arg[0], 1, _("open for tickets"));
}

static int window_close(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return window_change(st, a, arg[0], 0, _("closed, it calls no tickets"));
}

static int site_list(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_site_row *s;
	struct yc_err err;
	int n, i;

	if (store_sites_list(st, &s, &n, &err) < 0)
		die_err(&err);
	for (i = 0; i < n; i++)
		printf("%-8s %-9s %s%s\n", s[i].code, s[i].level, s[i].name, s[i].active ? "" : _(" (closed)"));
	free(s);
	return 0;
}

static int site_change(struct yc_store *st, const struct admin_args *a, const char *code, int active)
{
	struct yc_err err;

	if (store_site_set(st, 0, code, a->name, a->level, active, &err) < 0)
		die_err(&err);
	printf(_("Site %s is set up.\n"), code);
	return 0;
}

static int site_add(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_err err;

	if (!a->name)
		yc_die(YC_EUSAGE, "%s", _("site add needs --name, e.g. --name 图克镇便民服务中心."));
	if (store_site_add(st, 0, arg[0], a->name, a->level, &err) < 0)
		die_err(&err);
	printf(_("Site %s is added: a station works there with site.code = \"%s\" in its configuration.\n"), arg[0],
	       arg[0]);
	return 0;
}

static int admin_cli_site_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return site_change(st, a, arg[0], -1);
}

static int site_close(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return site_change(st, a, arg[0], 0);
}

static int site_reopen(struct yc_store *st, const struct admin_args *a, char **arg)
{
	return site_change(st, a, arg[0], 1);
}

static int department_list(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_department_row *d;
	struct yc_err err;
	int n, i;

	if (store_departments_list(st, &d, &n, &err) < 0)
		die_err(&err);
	for (i = 0; i < n; i++) {
		printf("%-8s %s", d[i].code, d[i].name);
		if (d[i].reviewers)
			printf(_("  (%d reviewers)\n"), d[i].reviewers);
		else
			printf("  %s\n", _("(no reviewer: its slips reach nobody)"));
	}
	free(d);
	return 0;
}

static int admin_cli_department_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_err err;

	if (!a->name)
		yc_die(YC_EUSAGE, "%s", _("department add and set need --name."));
	if (store_department_set(st, 0, arg[0], a->name, &err) < 0)
		die_err(&err);
	printf(_("Department %s is set up.\n"), arg[0]);
	return 0;
}

/* The contract ------------------------------------------------------------------ */


static int contract_show(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_contract c;
	struct yc_err err;
	char today[11], year[32], month[32];
	int rc;

	yc_today(today);
	rc = store_contract_on(st, a->from ? a->from : today, &c, &err);
	if (rc < 0)
		die_err(&err);
	if (rc == 1) {
		printf(_("No contract is recorded for %s: yichuang contract set --contractor NAME --fee YUAN --from DATE --to DATE\n"),
		       a->from ? a->from : today);
		return 1;
	}
	yc_format_yuan(c.fee_fen_per_year, year, sizeof year);
	yc_format_yuan((c.fee_fen_per_year + 6) / 12, month, sizeof month);
	printf(_("Contractor: %s\nFee per year: %s yuan (per month: %s yuan)\nFrom %s to %s\n"), c.contractor, year,
	       month, c.starts_on, c.ends_on);
	return 0;
}


static int admin_cli_contract_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_contract c;
	struct yc_err err;
	long long fen;

	if (!a->contractor || !a->fee || !a->from || !a->to)
		yc_die(YC_EUSAGE, "%s", _("contract set needs --contractor NAME --fee YUAN --from DATE --to DATE."));
	fen = yc_parse_yuan(a->fee, 10000000000LL);
	if (fen < 0)
		yc_die(YC_EUSAGE, _("--fee is the fee per year in yuan, e.g. 1200000 or 1200000.50, not '%s'."), a->fee);
	memset(&c, 0, sizeof c);
	yc_strlcpy(c.contractor, a->contractor, sizeof c.contractor);
	c.fee_fen_per_year = fen;
	yc_strlcpy(c.starts_on, a->from, sizeof c.starts_on);
	yc_strlcpy(c.ends_on, a->to, sizeof c.ends_on);
	if (store_contract_set(st, 0, &c, &err) < 0)
		die_err(&err);
	printf(_("The contract with %s is recorded from %s to %s.\n"), c.contractor, c.starts_on, c.ends_on);
	return 0;
}

/* The calendar ------------------------------------------------------------------ */

static void print_day(void *ctx, const char *day, const char *kind, const char *name)
{
	yc_date d = 0;
	static const char *const weekdays[] = { "", "一", "二", "三", "四", "五", "六", "日" };

	date_parse(day, &d);
	printf("%s 周%s  %-4s %s\n", day, weekdays[date_weekday(d)],
	       strcmp(kind, "off") == 0 ? _("off") : _("work"), name);
}

static int calendar_show(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_calendar_year *y;
	struct yc_err err;
	int n, i, year = 0;
	const char *given = arg[0];

	if (given && (strlen(given) != 4 || strspn(given, "0123456789") != 4))
		yc_die(YC_EUSAGE, _("calendar show takes a year, e.g. 2027, not '%s'."), given);
	if (store_calendar_years(st, &y, &n, &err) < 0)
		die_err(&err);
	if (!given) {
		for (i = 0; i < n; i++)
			printf(_("%d: %d days listed, from %s (%s)\n"), y[i].year, y[i].days, y[i].source, y[i].imported_at);
		if (n)
			printf(_("Dates after %d-12-31 are computed without holidays until that year's notice is imported.\n"),
			       y[n - 1].year);
		free(y);
		return 0;
	}
	year = atoi(given);
	for (i = 0; i < n && y[i].year != year; i++)
		;
	if (i == n) {
		free(y);
		printf(_("The holidays of %d are not imported: yichuang calendar import FILE (the State Council's notice).\n"),
		       year);
		return 1;
	}
	printf(_("%d, from %s (%s):\n"), year, y[i].source, y[i].imported_at);
	free(y);
	if (store_calendar_year_days(st, year, print_day, NULL, &err) < 0)
		die_err(&err);
	return 0;
}


static int admin_cli_calendar_import(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct cal_file f;
	struct yc_err err;
	int bad, i;

	bad = cal_file_load(arg[0], &f, &err);
	if (bad < 0)
		die_err(&err);
	if (bad > 0) {
		for (i = 0; i < f.n_errors && i < CAL_FILE_MAX_ERRORS; i++)
			fprintf(stderr, "%s: %s\n", arg[0], f.errors[i]);
		cal_file_free(&f);
		yc_die(YC_EINVAL, _("%d problems in %s: nothing was imported."), bad, arg[0]);
	}
	if (store_calendar_import(st, 0, &f, arg[0], &err) < 0) {
		cal_file_free(&f);
		die_err(&err);
	}
	printf(_("The holidays of %d are imported from %s.\n"), f.year, arg[0]);
	cal_file_free(&f);
	return 0;
}

/* The hall's policy ---------------------------------------------------------------- */

static int policy_show(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_policy_row rows[YC_POLICY_COUNT];
	struct yc_err err;
	int i;

	if (store_policy_rows(st, rows, &err) < 0)
		die_err(&err);
	for (i = 0; i < YC_POLICY_COUNT; i++) {
		const struct yc_policy_row *r = &rows[i];

		printf("%-24s %-10d %s\n", r->name, r->value, _(r->what));
		printf("%-24s ", "");
		printf(_("default %d, from %d to %d; "), r->fallback, r->smallest, r->largest);
		if (!r->set)
			printf("%s\n", _("never set"));
		else if (r->set_by[0])
			printf(_("set %.16s by %s\n"), r->set_at, r->set_by);
		else
			printf(_("set %.16s on the server's command line\n"), r->set_at);
	}
	return 0;
}

static int admin_cli_policy_set(struct yc_store *st, const struct admin_args *a, char **arg)
{
	struct yc_err err;

	if (store_policy_set(st, 0, arg[0], arg[1], &err) < 0)
		die_err(&err);
	printf(_("%s is %d for the whole hall from now on.\n"), arg[0], atoi(arg[1]));
	return 0;
}

static const struct admin_command admin_commands[] = {
	{ "user", "list", "", 0, user_list },
	{ "user", "add", "LOGIN --role ROLE [--name NAME] [--department CODE] [--window N] [--site CODE]", 1, admin_cli_user_add },
	{ "user", "set", "LOGIN [--role ROLE] [--name NAME] [--department CODE] [--window N] [--site CODE]", 1, user_set },
	{ "user", "disable", "LOGIN", 1, user_disable },
	{ "user", "enable", "LOGIN", 1, user_enable },
	{ "user", "reset-password", "LOGIN", 1, admin_cli_user_reset },
	{ "window", "list", "", 0, window_list },
	{ "window", "add", "N --serves CATEGORIES [--site CODE]", 1, window_add },
	{ "window", "set", "N [--serves CATEGORIES] [--site CODE]", 1, admin_cli_window_set },
	{ "window", "open", "N [--site CODE]", 1, admin_cli_window_open },
	{ "window", "close", "N [--site CODE]", 1, window_close },
	{ "site", "list", "", 0, site_list },
	{ "site", "add", "CODE --name NAME [--level township|banner]", 1, site_add },
	{ "site", "set", "CODE [--name NAME] [--level township|banner]", 1, admin_cli_site_set },
	{ "site", "close", "CODE", 1, site_close },
	{ "site", "reopen", "CODE", 1, site_reopen },
	{ "department", "list", "", 0, department_list },
	{ "department", "add", "CODE --name NAME", 1, admin_cli_department_set },
	{ "department", "set", "CODE --name NAME", 1, admin_cli_department_set },
	{ "contract", "show", "[--from DATE]", 0, contract_show },
	{ "contract", "set", "--contractor NAME --fee YUAN --from DATE --to DATE", 0, admin_cli_contract_set },
	{ "calendar", "show", "[YEAR]", -1, calendar_show },
	{ "calendar", "import", "FILE", 1, admin_cli_calendar_import },
	{ "policy", "show", "", 0, policy_show },
	{ "policy", "set", "NAME VALUE", 2, admin_cli_policy_set },
};

int admin_is_command(const char *word)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(admin_commands); i++)
		if (strcmp(admin_commands[i].noun, word) == 0)
			return 1;
	return 0;
}

/* The usage of every command of a noun, then exit 2. */
static _Noreturn void noun_usage(const char *noun)
{
	size_t i;

	fprintf(stderr, "%s\n", _("Use:"));
	for (i = 0; i < YC_ARRAY_LEN(admin_commands); i++)
		if (strcmp(admin_commands[i].noun, noun) == 0)
			fprintf(stderr, "  yichuang %s %s %s\n", noun, admin_commands[i].verb, admin_commands[i].args);
	exit(2);
}

static const struct admin_command *find(char **words, int n)
{
	size_t i;

	for (i = 0; n >= 2 && i < YC_ARRAY_LEN(admin_commands); i++) {
		const struct admin_command *c = &admin_commands[i];

		if (strcmp(c->noun, words[0]) != 0 || strcmp(c->verb, words[1]) != 0)
			continue;
		/* -1: one optional argument */
		if (c->n_args >= 0 ? n - 2 == c->n_args : n - 2 <= 1)
			return c;
		break;
	}
	noun_usage(words[0]);
}

void admin_check_words(char **words, int n)
{
	find(words, n);
}

int admin_run(struct yc_store *st, const struct admin_args *a, char **words, int n)
{
	const struct admin_command *c = find(words, n);
	char *none[1] = { NULL };

	return c->run(st, a, n > 2 ? words + 2 : none);
}

void admin_actor(const char *command, char *out, size_t n)
{
	struct passwd *pw = getpwuid(geteuid());
	char host[64] = "";

	gethostname(host, sizeof host - 1);
	snprintf(out, n, "%s %s@%s", command, pw ? pw->pw_name : "?", host[0] ? host : "?");
}
