/* online-io.c - reading the provincial platform's online submissions. The
 * platform is another system: its file may be cut short, re-encoded or
 * hand-edited, so every value is checked before anyone relies on it, and
 * every message repeats only text that is safe to show on a terminal. */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "jsonl.h"
#include "online-io.h"
#include "states.h"
#include "validate.h"
#include "yc.h"

#define REF_MAX 40              /* the platform's references are at most this long */
#define SEQ_MAX 1000
#define FILES_MAX 1000

/* Field readers: each reports its own problem and marks the line bad. */
struct reader {
	struct online_file *f;
	int line;
	int bad;
	char where[48];    /* "applicant: " or "material 2: " while reading one */
};

static void online_io_problem(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void online_io_problem(struct reader *r, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	jsonl_problem(&r->f->problems, r->line, "%s%s", r->where, msg);
	r->bad = 1;
}

/* Control characters (C0, DEL, C1) would move the cursor or start escape
 * sequences on the clerk's terminal. A note may keep its line breaks and
 * tabs; no other field may. s is valid UTF-8 here. */
static int online_io_has_control(const char *s, int lines_allowed)
{
	const unsigned char *p = (const unsigned char *)s;

	for (; *p; p++) {
		if (lines_allowed && (*p == '\n' || *p == '\t'))
			continue;
		if (*p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] >= 0x80 && p[1] <= 0x9F))
			return 1;
	}
	return 0;
}

/* Spaces alone are as good as nothing in a required field. */
static int online_io_blank(const char *s)
{
	return s[strspn(s, " \t")] == '\0';
}

enum text_rule { ONE_LINE, LINES };

/* Never truncates: a value that does not fit is an error naming the field.
 * Returns -1 after reporting a problem, else 0 (out is "" when absent). */
static int online_io_get_string(struct reader *r, json_t *obj, const char *key, char *out, size_t n,
		      int required, enum text_rule rule)
{
	json_t *v = json_object_get(obj, key);

	out[0] = '\0';
	if (!v) {
		if (!required)
			return 0;
		online_io_problem(r, _("'%s' is missing"), key);
		return -1;
	}
	if (!json_is_string(v)) {
		online_io_problem(r, _("'%s' must be text"), key);
		return -1;
	}
	if (json_string_length(v) >= n) {
		online_io_problem(r, _("'%s' is too long: at most %d bytes (a Chinese character takes 3)"), key,
			(int)n - 1);
		return -1;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		online_io_problem(r, _("'%s' contains a NUL character"), key);
		return -1;
	}
	if (online_io_has_control(json_string_value(v), rule == LINES)) {
		online_io_problem(r, _("'%s' contains a control character"), key);
		return -1;
	}
	if (required && online_io_blank(json_string_value(v))) {
		online_io_problem(r, _("'%s' is empty"), key);
		return -1;
	}
	memcpy(out, json_string_value(v), json_string_length(v) + 1);
	return 0;
}

/* A required choice; returns 1 when it is one of choices. */
static int online_io_get_choice(struct reader *r, json_t *obj, const char *key, char *out, size_t n,
		      const char *const *choices, const char *listed)
{
	size_t i;

	if (online_io_get_string(r, obj, key, out, n, 1, ONE_LINE) < 0)
		return 0;
	for (i = 0; choices[i]; i++)
		if (strcmp(out, choices[i]) == 0)
			return 1;
	online_io_problem(r, _("'%s' cannot be \"%s\" (it may be %s)"), key, out, listed);
	out[0] = '\0';
	return 0;
}

/* A required whole number; -1 after reporting a problem. */
static int online_io_get_int(struct reader *r, json_t *obj, const char *key, int *out, int min, int max)
{
	json_t *v = json_object_get(obj, key);

	*out = 0;
	if (!v) {
		online_io_problem(r, _("'%s' is missing"), key);
		return -1;
	}
	if (!json_is_integer(v) || json_integer_value(v) < min || json_integer_value(v) > max) {
		online_io_problem(r, _("'%s' must be a whole number from %d to %d"), key, min, max);
		return -1;
	}
	*out = (int)json_integer_value(v);
	return 0;
}

static void online_io_get_bool(struct reader *r, json_t *obj, const char *key, int *out, int fallback)
{
	json_t *v = json_object_get(obj, key);

	*out = fallback;
	if (!v)
		return;
	if (!json_is_boolean(v)) {
		online_io_problem(r, _("'%s' must be true or false"), key);
		return;
	}
	*out = json_is_true(v);
}

/* Misspelt keys are errors, so that a typo never silently loses data. */
static void online_io_only_keys(struct reader *r, json_t *obj, const char *const *known)
{
	const char *key;
	json_t *v;

	json_object_foreach(obj, key, v) {
		char shown[48];
		size_t i;

		for (i = 0; known[i]; i++)
			if (strcmp(known[i], key) == 0)
				break;
		if (known[i])
			continue;
		jsonl_safe_echo(key, shown, sizeof shown);
		online_io_problem(r, _("unknown field '%s'"), shown);
	}
}

static const char *const sub_keys[] = {
	"ref", "received", "source", "item", "applicant", "agent", "materials", "note", NULL
};
static const char *const applicant_keys[] = {
	"kind", "name", "id_number", "phone", "legal_rep", "address", NULL
};
static const char *const agent_keys[] = { "name", "id_number", "authorised", NULL };
static const char *const material_keys[] = { "seq", "name", "files", NULL };
static const char *const sources[] = { "web", "app", "kiosk", NULL };
static const char *const kinds[] = { "person", "organisation", NULL };

/* References and item codes: letters, digits, '-' and '_'. */
static int online_io_valid_code(const char *code)
{
	const char *p;

	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	return *code != '\0';
}

/* A required reference or code; -1 after reporting a problem. */
static int get_code(struct reader *r, json_t *obj, const char *key, char *out, size_t n)
{
	if (online_io_get_string(r, obj, key, out, n, 1, ONE_LINE) < 0)
		return -1;
	if (online_io_valid_code(out))
		return 0;
	online_io_problem(r, _("'%s' may only hold letters, digits, '-' and '_': \"%s\""), key, out);
	out[0] = '\0';
	return -1;
}

static int two_digits(const char *s, int *out)
{
	if (s[0] < '0' || s[0] > '9' || s[1] < '0' || s[1] > '9')
		return 0;
	*out = (s[0] - '0') * 10 + (s[1] - '0');
	return 1;
}

/* "YYYY-MM-DD HH:MM[:SS]", a real date and time, to "YYYY-MM-DD HH:MM:SS". */
static int normalise_time(const char *in, char out[20])
{
	size_t len = strlen(in);
	char day[11];
	yc_date d;
	int h, m, s = 0;

	if ((len != 16 && len != 19) || in[10] != ' ' || in[13] != ':')
		return 0;
	memcpy(day, in, 10);
	day[10] = '\0';
	if (date_parse(day, &d) != 0 || !two_digits(in + 11, &h) || !two_digits(in + 14, &m))
		return 0;
	if (len == 19 && (in[16] != ':' || !two_digits(in + 17, &s)))
		return 0;
	if (h < 0 || h > 23 || m < 0 || m > 59 || s < 0 || s > 59)
		return 0;
	snprintf(out, 20, "%s %02d:%02d:%02d", day, h, m, s);
	return 1;
}

static void get_received(struct reader *r, json_t *obj, char out[20])
{
	char given[20];

	if (online_io_get_string(r, obj, "received", given, sizeof given, 1, ONE_LINE) == 0 &&
	    !normalise_time(given, out))
		online_io_problem(r, _("'received' must be a real date and time like 2026-11-26 21:14: \"%s\""),
			given);
}

static void online_io_upper_x(char *id)
{
	for (; *id; id++)
		if (*id == 'x')
			*id = 'X';
}

static const char *id_card_problem(enum yc_id_problem p)
{
	switch (p) {
	case ID_OK: return NULL;
	case ID_LENGTH: return _("an ID card number has 18 characters");
	case ID_CHARACTERS: return _("an ID card number is 17 digits and a last digit or X");
	case ID_DATE: return _("the birth date in it is not a real date");
	case ID_CHECK_DIGIT:
		return _("the last character does not match the others: a typing error, please check each digit");
	}
	return NULL;
}

static const char *credit_code_problem(enum yc_id_problem p)
{
	switch (p) {
	case ID_OK: return NULL;
	case ID_LENGTH: return _("the credit code must have 18 characters");
	case ID_CHARACTERS:
		return _("a credit code holds digits and capital letters other than I, O, S, V and Z");
	case ID_DATE: return NULL;   /* credit codes hold no date */
	case ID_CHECK_DIGIT:
		return _("the last character does not match the others: a typing error, please check each digit");
	}
	return NULL;
}

/* A required ID card number or credit code, x made X, then checked. */
static void get_id(struct reader *r, json_t *obj, const char *key, char *out, size_t n,
		   int organisation, int this_year)
{
	const char *why;

	if (online_io_get_string(r, obj, key, out, n, 1, ONE_LINE) < 0)
		return;
	online_io_upper_x(out);
	why = organisation ? credit_code_problem(yc_credit_code_check(out))
			   : id_card_problem(yc_id_card_check(out, this_year));
	if (why)
		online_io_problem(r, _("'%s' is wrong: %s"), key, why);
}

static void read_applicant(struct reader *r, json_t *a, struct online_sub *s, int this_year)
{
	int known_kind, org;

	if (!a) {
		online_io_problem(r, _("'%s' is missing"), "applicant");
		return;
	}
	if (!json_is_object(a)) {
		online_io_problem(r, "%s", _("'applicant' must be an object with kind, name, id_number and phone"));
		return;
	}
	snprintf(r->where, sizeof r->where, "%s", _("applicant: "));
	online_io_only_keys(r, a, applicant_keys);
	known_kind = online_io_get_choice(r, a, "kind", s->kind, sizeof s->kind, kinds,
				"person, organisation");
	org = applicant_is_organisation(s->kind);
	online_io_get_string(r, a, "name", s->name, sizeof s->name, 1, ONE_LINE);
	if (known_kind)
		get_id(r, a, "id_number", s->id_number, sizeof s->id_number, org, this_year);
	online_io_get_string(r, a, "phone", s->phone, sizeof s->phone, 1, ONE_LINE);
	if (s->phone[0] && !yc_phone_valid(s->phone))
		online_io_problem(r, "%s", _("'phone' is not valid: 11 digits for a mobile, or a landline with its area code"));
	/* an organisation's legal representative is required; a person has none */
	online_io_get_string(r, a, "legal_rep", s->legal_rep, sizeof s->legal_rep, known_kind && org, ONE_LINE);
	if (known_kind && !org && !online_io_blank(s->legal_rep))
		online_io_problem(r, "%s", _("'legal_rep' must be empty for a person: only organisations have one"));
	else if (!org)
		s->legal_rep[0] = '\0';
	online_io_get_string(r, a, "address", s->address, sizeof s->address, 0, ONE_LINE);
	r->where[0] = '\0';
}

static void read_agent(struct reader *r, json_t *a, struct online_sub *s, int this_year)
{
	if (!a)
		return;
	if (!json_is_object(a)) {
		online_io_problem(r, "%s", _("'agent' must be an object with name and id_number"));
		return;
	}
	snprintf(r->where, sizeof r->where, "%s", _("agent: "));
	online_io_only_keys(r, a, agent_keys);
	online_io_get_string(r, a, "name", s->agent_name, sizeof s->agent_name, 1, ONE_LINE);
	get_id(r, a, "id_number", s->agent_id_number, sizeof s->agent_id_number, 0, this_year);
	online_io_get_bool(r, a, "authorised", &s->agent_authorised, 0);
	r->where[0] = '\0';
}

/* The material numbered seq among the first n, or -1. */
static int find_seq(const struct online_sub *s, int n, int seq)
{
	int i;

	for (i = 0; i < n; i++)
		if (s->materials[i].seq == seq)
			return i;
	return -1;
}

static void online_io_read_material(struct reader *r, json_t *m, struct online_sub *s, int index)
{
	struct online_material *out = &s->materials[index];
	int other;

	snprintf(r->where, sizeof r->where, _("material %d: "), index + 1);
	if (!json_is_object(m)) {
		online_io_problem(r, "%s", _("must be an object with seq, name and files"));
		goto done;
	}
	online_io_only_keys(r, m, material_keys);
	if (online_io_get_int(r, m, "seq", &out->seq, 1, SEQ_MAX) == 0 &&
	    (other = find_seq(s, index, out->seq)) >= 0)
		online_io_problem(r, _("material number %d is already given as material %d"), out->seq,
			other + 1);
	online_io_get_string(r, m, "name", out->name, sizeof out->name, 1, ONE_LINE);
	online_io_get_int(r, m, "files", &out->files, 0, FILES_MAX);
done:
	r->where[0] = '\0';
}

static void read_materials(struct reader *r, json_t *mats, struct online_sub *s)
{
	json_t *m;
	size_t i;

	if (!json_is_array(mats) || json_array_size(mats) == 0) {
		online_io_problem(r, "%s", _("'materials' must be a list of at least one material"));
		return;
	}
	if (json_array_size(mats) > ONLINE_MAX_MATERIALS) {
		online_io_problem(r, _("too many materials: at most %d"), ONLINE_MAX_MATERIALS);
		return;
	}
	json_array_foreach(mats, i, m) {
		online_io_read_material(r, m, s, (int)i);
		s->n_materials++;
	}
}

/* Returns whether the reference itself is good, so that even a bad line's
 * reference is checked against the others. */
static int read_sub(struct reader *r, json_t *o, struct online_sub *s, int this_year)
{
	int ref_ok;

	online_io_only_keys(r, o, sub_keys);
	ref_ok = get_code(r, o, "ref", s->ref, REF_MAX + 1) == 0;
	get_received(r, o, s->received);
	online_io_get_choice(r, o, "source", s->source, sizeof s->source, sources, "web, app, kiosk");
	get_code(r, o, "item", s->item_code, sizeof s->item_code);
	read_applicant(r, json_object_get(o, "applicant"), s, this_year);
	read_agent(r, json_object_get(o, "agent"), s, this_year);
	read_materials(r, json_object_get(o, "materials"), s);
	online_io_get_string(r, o, "note", s->note, sizeof s->note, 0, LINES);
	return ref_ok;
}

/* Remember a good submission's reference. */
static int remember(struct online_file *f, const char *ref)
{
	if (f->n == f->cap) {
		int cap = f->cap ? f->cap * 2 : 64;
		char (*refs)[48] = realloc(f->refs, (size_t)cap * sizeof *refs);

		if (!refs)
			return -1;
		f->refs = refs;
		f->cap = cap;
	}
	yc_strlcpy(f->refs[f->n++], ref, sizeof f->refs[0]);
	return 0;
}

/* What online_parse carries from line to line. */
struct parse_ctx {
	struct online_file *f;
	struct jsonl_keys seen;      /* every reference read so far, bad lines' too */
	struct online_sub *s;        /* one at a time: it is large */
	int this_year;
	online_each each;
	void *ctx;
};

/* Check one line's object; a good submission goes to each(). */
static int online_io_parse_object(void *vctx, json_t *o, int line)
{
	struct parse_ctx *c = vctx;
	struct reader r = { c->f, line, 0, "" };
	struct online_sub *s = c->s;
	int ref_ok, dup;

	memset(s, 0, sizeof *s);
	s->line = line;
	ref_ok = read_sub(&r, o, s, c->this_year);
	if (ref_ok && (dup = jsonl_key_line(&c->seen, s->ref)) != 0)
		online_io_problem(&r, _("the reference %s is already used on line %d"), s->ref, dup);
	else if (ref_ok && jsonl_key_add(&c->seen, s->ref, line) < 0)
		return -1;
	if (c->f->problems.nomem)
		return -1;
	if (r.bad)
		return 0;
	if (remember(c->f, s->ref) < 0)
		return -1;
	return c->each ? c->each(c->ctx, s) : 0;
}

int online_parse(const char *text, int this_year, struct online_file *f, online_each each,
		 void *ctx)
{
	struct parse_ctx c = { f, { NULL, 0, 0, NULL }, NULL, this_year, each, ctx };
	int rc;

	memset(f, 0, sizeof *f);
	if (!(c.s = malloc(sizeof *c.s)))
		return -1;
	rc = jsonl_read(text, _("a line must be one JSON object: one submission"), &f->problems, online_io_parse_object, &c);
	jsonl_keys_free(&c.seen);
	free(c.s);
	return rc != 0 ? rc : f->problems.n;
}

void online_free(struct online_file *f)
{
	free(f->refs);
	jsonl_problems_free(&f->problems);
	memset(f, 0, sizeof *f);
}
