/* store-policy.c - the hall's policy (policy.h), in table hall_policy:
 * read by the core inside the transaction that needs it, set by the
 * administrator with its bounds checked here. */
#include "config.h"

#include <errno.h>
#include <stddef.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "policy.h"
#include "store-internal.h"
#include "store-setup.h"

struct policy_def {
	const char *name;
	int smallest, largest, fallback;
	size_t offset;               /* of its field in struct yc_policy */
	const char *what;
};

static const struct policy_def defs[YC_POLICY_COUNT] = {
#define YC_POLICY_DEF(field, name, smallest, largest, fallback, what) \
	{ name, smallest, largest, fallback, offsetof(struct yc_policy, field), what },
	YC_POLICY_LIST(YC_POLICY_DEF)
#undef YC_POLICY_DEF
};

static const struct policy_def *find_def(const char *name)
{
	int i;

	for (i = 0; i < YC_POLICY_COUNT; i++)
		if (strcmp(defs[i].name, name) == 0)
			return &defs[i];
	return NULL;
}

/* Reading ------------------------------------------------------------------------ */

static const char SQL_POLICY[] =
	"SELECT p.name, p.value, p.set_at, coalesce(u.login, '')"
	" FROM hall_policy p LEFT JOIN users u ON u.id = p.set_by";

/* Inside a transaction: every policy, its default unless a row says
 * otherwise. A value out of its bounds (the file edited by hand) is not
 * taken: the default holds, and `policy show` says it is not set. */
static int read_rows(struct yc_store *st, struct yc_policy_row rows[YC_POLICY_COUNT])
{
	db_stmt *s;
	int i, rc;

	for (i = 0; i < YC_POLICY_COUNT; i++) {
		memset(&rows[i], 0, sizeof rows[i]);
		rows[i].name = defs[i].name;
		rows[i].what = defs[i].what;
		rows[i].value = rows[i].fallback = defs[i].fallback;
		rows[i].smallest = defs[i].smallest;
		rows[i].largest = defs[i].largest;
	}
	if (!(s = store_prep(st, SQL_POLICY)))
		return st->rc;
	while ((rc = db_step(s)) == DB_ROW) {
		const struct policy_def *d = find_def(db_col_text(s, 0));
		int64_t v = db_col_int64(s, 1);
		struct yc_policy_row *r;

		if (!d || v < d->smallest || v > d->largest)
			continue;
		r = &rows[d - defs];
		r->value = (int)v;
		r->set = 1;
		store_col_text(s, 2, r->set_at, sizeof r->set_at);
		store_col_text(s, 3, r->set_by, sizeof r->set_by);
	}
	db_reset(s);
	return rc == DB_DONE ? SQLITE_OK : rc;
}

int store_policy_read(struct yc_store *st, struct yc_policy *p)
{
	struct yc_policy_row rows[YC_POLICY_COUNT];
	int i, rc = read_rows(st, rows);

	for (i = 0; i < YC_POLICY_COUNT; i++)
		*(int *)(void *)((char *)p + defs[i].offset) = rows[i].value;
	return rc;
}

static int policy_get(struct yc_store *st, void *vctx, struct yc_err *err)
{
	(void)err;
	return store_policy_read(st, vctx);
}

int store_policy_get(struct yc_store *st, struct yc_policy *p, struct yc_err *err)
{
	return store_run(st, 0, policy_get, p, err);
}

static int policy_rows(struct yc_store *st, void *vctx, struct yc_err *err)
{
	(void)err;
	return read_rows(st, vctx);
}

int store_policy_rows(struct yc_store *st, struct yc_policy_row rows[YC_POLICY_COUNT], struct yc_err *err)
{
	return store_run(st, 0, policy_rows, rows, err);
}

/* Setting ------------------------------------------------------------------------ */

struct set_ctx {
	int64_t by;
	const struct policy_def *def;
	int value;
};

static const char SQL_POLICY_PUT[] =
	"INSERT INTO hall_policy(name, value, set_at, set_by) VALUES (?1, ?2, ?3, ?4)"
	" ON CONFLICT(name) DO UPDATE SET value = excluded.value, set_at = excluded.set_at,"
	" set_by = excluded.set_by";

static int policy_tx_policy_set(struct yc_store *st, void *vctx, struct yc_err *err)
{
	struct set_ctx *c = vctx;
	struct yc_policy_row rows[YC_POLICY_COUNT];
	char now[20], before[64], after[64];
	db_stmt *s;
	int rc;

	if ((rc = store_may_administer(st, c->by, err)) != SQLITE_OK || (rc = read_rows(st, rows)) != SQLITE_OK)
		return rc;
	if (!(s = store_prep(st, SQL_POLICY_PUT)))
		return st->rc;
	yc_now(now);
	db_bind_text(s, 1, c->def->name);
	db_bind_int(s, 2, c->value);
	db_bind_text(s, 3, now);
	if (c->by > 0)
		db_bind_int64(s, 4, c->by);
	if ((rc = store_step_done(s)) != SQLITE_OK)
		return rc;
	snprintf(before, sizeof before, "%s %d", c->def->name, rows[c->def - defs].value);
	snprintf(after, sizeof after, "%s %d", c->def->name, c->value);
	return store_event(st, c->by, "policy", 0, "set", before, after);
}

/* value as a whole number in [smallest, largest]: digits only (a sign for
 * the negative), nothing around them. */
static int parse_value(const char *text, const struct policy_def *d, int *out)
{
	char *end;
	long v;

	if (!text[0] || text[strspn(text, "-0123456789")] != '\0')
		return -1;
	errno = 0;
	v = strtol(text, &end, 10);
	if (errno || *end || v < d->smallest || v > d->largest)
		return -1;
	*out = (int)v;
	return 0;
}

static void list_names(char *out, size_t n)
{
	int i;

	out[0] = '\0';
	for (i = 0; i < YC_POLICY_COUNT; i++)
		snprintf(out + strlen(out), n - strlen(out), "%s%s", i ? ", " : "", defs[i].name);
}

int store_policy_set(struct yc_store *st, int64_t by, const char *name, const char *value, struct yc_err *err)
{
	struct set_ctx c = { by, find_def(name), 0 };
	char names[200];

	if (!c.def) {
		list_names(names, sizeof names);
		yc_err_set(err, YC_EINVAL, _("There is no policy '%s'; the hall's policies are %s."), name, names);
		return -1;
	}
	if (parse_value(value, c.def, &c.value) < 0) {
		yc_err_set(err, YC_EINVAL, _("%s is a whole number from %d to %d (%s), not '%s'."), c.def->name,
			   c.def->smallest, c.def->largest, _(c.def->what), value);
		return -1;
	}
	return store_run(st, 1, policy_tx_policy_set, &c, err);
}
