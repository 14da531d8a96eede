/* auth.c - passwords (Argon2id), login lockout, permissions by role. */
#include "config.h"

#include <sodium.h>
#include <stdio.h>
#include <string.h>
#include <time.h>
#include <unistd.h>

#include "auth.h"
#include "store-setup.h"
#include "store-users.h"
#include "store.h"

/* OWASP's Argon2id figures (19 MiB, 2 passes): strong, yet a login stays
 * well under a second and memory stays small on old window PCs. */
#define PW_MEMLIMIT (19u * 1024u * 1024u)
#define PW_OPSLIMIT 2u

int auth_init(void)
{
	return sodium_init() < 0 ? -1 : 0;
}

void auth_initial_password(char out[13])
{
	static const char alphabet[] = "abcdefghjkmnpqrstuvwxyz23456789";
	size_t i;

	for (i = 0; i < 12; i++)
		out[i] = alphabet[randombytes_uniform(sizeof alphabet - 1)];
	out[12] = '\0';
}

int auth_hash_password(const char *password, char *out, size_t outsz)
{
	char buf[crypto_pwhash_STRBYTES];

	if (crypto_pwhash_str_alg(buf, password, strlen(password), PW_OPSLIMIT, PW_MEMLIMIT,
				  crypto_pwhash_ALG_ARGON2ID13) != 0)
		return -1;
	if (strlen(buf) >= outsz)
		return -1;
	strcpy(out, buf);
	return 0;
}

int auth_verify_password(const char *hash, const char *password)
{
	return crypto_pwhash_str_verify(hash, password, strlen(password)) == 0;
}

struct login_penalty auth_penalty(int failures, int max_failures)
{
	struct login_penalty p = { 0, 0 };

	if (failures >= max_failures) {
		p.lock = 1;
		p.delay_ms = 3000;
	} else if (failures >= 3) {
		/* from the third failure on, one more second each time */
		p.delay_ms = (failures - 2) * 1000;
	}
	return p;
}

static void time_plus_minutes(int minutes, char out[20])
{
	time_t t = time(NULL) + (time_t)minutes * 60;
	struct tm tm;

	localtime_r(&t, &tm);
	strftime(out, 20, "%Y-%m-%d %H:%M:%S", &tm);
}

static int minutes_until(const char *when)
{
	struct tm tm;
	time_t t;

	memset(&tm, 0, sizeof tm);
	if (sscanf(when, "%d-%d-%d %d:%d:%d", &tm.tm_year, &tm.tm_mon, &tm.tm_mday,
		   &tm.tm_hour, &tm.tm_min, &tm.tm_sec) != 6)
		return 0;
	tm.tm_year -= 1900;
	tm.tm_mon -= 1;
	tm.tm_isdst = -1;
	t = mktime(&tm);
	return (int)((t - time(NULL) + 59) / 60);
}

int auth_login(struct yc_store *st, const char *login, const char *password, struct yc_user *u,
	       struct yc_err *err)
{
	int rc = store_user_get(st, login, u, err);
	struct yc_policy policy;
	struct login_penalty p;
	char until[20] = "";


	if (rc < 0)
		return -1;
	if (rc == 1 || !u->active) {
		/* same answer and about the same time as a wrong password */
		static const char dummy[crypto_pwhash_STRBYTES] =
			"$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0c2FsdA$"
			"aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";

		auth_verify_password(dummy, password);
		yc_err_set(err, YC_EAUTH, _("Wrong user name or password."));
		return -1;
	}
	if (u->locked_until[0]) {
		int left = minutes_until(u->locked_until);

		if (left > 0) {
			yc_err_set(err, YC_ELOCKED,
				   _("This account is locked after too many wrong passwords; try again in %d minutes or ask the administrator."),
				   left);
			return -1;
		}
	}
	if (auth_verify_password(u->password_hash, password)) {
		if (store_user_login_outcome(st, u->id, 1, 0, NULL, err) < 0)
			return -1;
		u->failed_logins = 0;
		u->locked_until[0] = '\0';
		return 0;
	}
	/* the hall's, as it is now: the same at every station */
	if (store_policy_get(st, &policy, err) < 0)
		return -1;
	p = auth_penalty(u->failed_logins + 1, policy.login_max_failures);
	if (p.lock)
		time_plus_minutes(policy.login_lock_minutes, until);
	if (store_user_login_outcome(st, u->id, 0, p.lock ? 0 : u->failed_logins + 1,
				     p.lock ? until : NULL, err) < 0)
		return -1;
	if (p.delay_ms)
		usleep((useconds_t)p.delay_ms * 1000u);
	if (p.lock)
		yc_err_set(err, YC_ELOCKED,
			   _("Too many wrong passwords: this account is locked for %d minutes."),
			   policy.login_lock_minutes);
	else
		yc_err_set(err, YC_EAUTH, _("Wrong user name or password."));
	return -1;
}

#define PASSWORD_MIN_CHARS 8

static size_t utf8_chars(const char *s)
{
	size_t n = 0;

	for (; *s; s++)
		n += ((unsigned char)*s & 0xC0) != 0x80;
	return n;
}

int auth_password_acceptable(const char *login, const char *current, const char *new_password,
			     const char *repeat, struct yc_err *err)
{
	if (strcmp(new_password, repeat) != 0) {
		yc_err_set(err, YC_EINVAL, _("The two new passwords are not the same; please type them again."));
		return -1;
	}
	if (utf8_chars(new_password) < PASSWORD_MIN_CHARS) {
		yc_err_set(err, YC_EINVAL, _("The new password needs at least %d characters."),
			   PASSWORD_MIN_CHARS);
		return -1;
	}
	if (strcmp(new_password, current) == 0 || strcmp(new_password, login) == 0 ||
	    strcmp(new_password, "demo") == 0) {
		yc_err_set(err, YC_EINVAL,
			   _("The new password must differ from the old one and from the user name."));
		return -1;
	}
	return 0;
}

int auth_change_password(struct yc_store *st, struct yc_user *u, const char *current,
			 const char *new_password, const char *repeat, struct yc_err *err)
{
	struct yc_user fresh;
	char hash[160];

	if (store_user_get(st, u->login, &fresh, err) != 0)
		return -1;
	if (!auth_verify_password(fresh.password_hash, current)) {
		yc_err_set(err, YC_EAUTH, _("The current password is wrong."));
		return -1;
	}
	if (auth_password_acceptable(u->login, current, new_password, repeat, err) < 0)
		return -1;
	if (auth_hash_password(new_password, hash, sizeof hash) < 0) {
		yc_err_set(err, YC_EINTERNAL, _("Could not hash a password (out of memory?)."));
		return -1;
	}
	if (store_user_set_password(st, u->id, hash, 0, err) < 0)
		return -1;
	u->must_change_password = 0;
	yc_strlcpy(u->password_hash, hash, sizeof u->password_hash);
	return 0;
}

/* Role by permission, as data: one row per role. */
struct role_def {
	const char *role;
	const char *label;
	unsigned perms;   /* bit (1 << perm) */
};

#define P(x) (1u << (x))

static const struct role_def roles[] = {
	{ "guide", N_("guide"), P(PERM_CATALOG_VIEW) | P(PERM_GUIDANCE) },
	{ "intake", N_("intake clerk"),
	  P(PERM_CATALOG_VIEW) | P(PERM_GUIDANCE) | P(PERM_INTAKE) | P(PERM_SLIPS) | P(PERM_SPECIAL) |
	  P(PERM_QUEUE) },
	{ "reviewer", N_("department reviewer"),
	  P(PERM_CATALOG_VIEW) | P(PERM_SLIPS) | P(PERM_BACKOFFICE) | P(PERM_QUESTIONS) |
	  P(PERM_CATALOG_EDIT) },
	{ "pickup", N_("pickup clerk"),
	  P(PERM_CATALOG_VIEW) | P(PERM_SLIPS) | P(PERM_PICKUP) | P(PERM_QUEUE) },
	{ "supervisor", N_("supervisor"),
	  P(PERM_CATALOG_VIEW) | P(PERM_ASSESSMENT) | P(PERM_SIGNED_SHEETS) | P(PERM_REPORTS) },
	/* the company that staffs the windows: its signed sheets, its objections */
	{ "contractor", N_("contractor"), P(PERM_CATALOG_VIEW) | P(PERM_SIGNED_SHEETS) },
	{ "admin", N_("administrator"),
	  P(PERM_CATALOG_VIEW) | P(PERM_REPORTS) | P(PERM_ADMIN) | P(PERM_CATALOG_EDIT) },
};

static const struct role_def *find_role(const char *role)
{
	size_t i;

	for (i = 0; i < YC_ARRAY_LEN(roles); i++)
		if (strcmp(roles[i].role, role) == 0)
			return &roles[i];
	return NULL;
}

int auth_role_allows(const char *role, enum yc_perm perm)
{
	const struct role_def *r = find_role(role);

	if (!r || perm >= PERM_COUNT)
		return 0;
	return perm == PERM_NONE || (r->perms & P(perm)) != 0;
}

int auth_role_in_department(const char *role)
{
	return auth_role_allows(role, PERM_BACKOFFICE);
}

int auth_require(const struct yc_user *u, enum yc_perm perm, struct yc_err *err)
{
	if (u && auth_role_allows(u->role, perm))
		return 0;
	yc_err_set(err, YC_EDENIED, _("Your role (%s) may not do this; ask the administrator."),
		   u ? auth_role_label(u->role) : "-");
	return -1;
}

int auth_may_edit_catalog(const struct yc_user *u, int64_t department_id, struct yc_err *err)
{
	if (u && auth_role_allows(u->role, PERM_ADMIN))
		return 0;
	if (u && auth_role_allows(u->role, PERM_CATALOG_EDIT) && u->department_id == department_id)
		return 0;
	yc_err_set(err, YC_EDENIED, "%s",
		   _("Only the administrator or the item's own department may change this item."));
	return -1;
}

const char *auth_role_label(const char *role)
{
	const struct role_def *r = find_role(role);

	return r ? _(r->label) : role;
}
