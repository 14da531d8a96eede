/* catalog-io.c - reading and writing the catalogue's JSON Lines (read
 * through jsonl.c, as the online submissions are). */
#include "config.h"

#include <jansson.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-io.h"
#include "jsonl.h"
#include "yc.h"

/* Field readers: each reports its own problem and returns -1. */
struct reader {
	struct cat_file *f;
	int line;
	int bad;
	char where[48];   /* "material 2: " while reading one */
};

static void catalog_io_problem(struct reader *r, const char *fmt, ...) __attribute__((format(printf, 2, 3)));

static void catalog_io_problem(struct reader *r, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	jsonl_problem(&r->f->problems, r->line, "%s%s", r->where, msg);
	r->bad = 1;
}

static void catalog_io_get_string(struct reader *r, json_t *obj, const char *key, char *out, size_t n,
		       int required, const char *fallback)
{
	json_t *v = json_object_get(obj, key);

	if (!v) {
		if (required)
			catalog_io_problem(r, _("'%s' is missing"), key);
		yc_strlcpy(out, fallback, n);
		return;
	}
	if (!json_is_string(v)) {
		catalog_io_problem(r, _("'%s' must be text"), key);
		return;
	}
	if (json_string_length(v) >= n) {
		catalog_io_problem(r, _("'%s' is too long"), key);
		return;
	}
	if (strlen(json_string_value(v)) != json_string_length(v)) {
		catalog_io_problem(r, _("'%s' contains a NUL character"), key);
		return;
	}
	yc_strlcpy(out, json_string_value(v), n);
	if (required && !out[0])
		catalog_io_problem(r, _("'%s' is empty"), key);
}

static void catalog_io_get_choice(struct reader *r, json_t *obj, const char *key, char *out, size_t n,
		       const char *const *choices, const char *fallback)
{
	size_t i;

	catalog_io_get_string(r, obj, key, out, n, fallback == NULL, fallback ? fallback : "");
	if (r->bad)
		return;
	for (i = 0; choices[i]; i++)
		if (strcmp(out, choices[i]) == 0)
			return;
	catalog_io_problem(r, _("'%s' cannot be \"%s\""), key, out);
}

static void catalog_io_get_int(struct reader *r, json_t *obj, const char *key, int *out, int fallback)
{
	json_t *v = json_object_get(obj, key);

	*out = fallback;
	if (!v)
		return;
	if (!json_is_integer(v) || json_integer_value(v) < 0 || json_integer_value(v) > 1000000) {
		catalog_io_problem(r, _("'%s' must be a whole number from 0 to 1000000"), key);
		return;
	}
	*out = (int)json_integer_value(v);
}

static void catalog_io_get_bool(struct reader *r, json_t *obj, const char *key, int *out, int fallback)
{
	json_t *v = json_object_get(obj, key);

	*out = fallback;
	if (!v)
		return;
	if (!json_is_boolean(v)) {
		catalog_io_problem(r, _("'%s' must be true or false"), key);
		return;
	}
	*out = json_is_true(v);
}

/* Misspelt keys are errors, so that a typo never silently loses data. */
static void catalog_io_only_keys(struct reader *r, json_t *obj, const char *const *known)
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
		catalog_io_problem(r, _("unknown field '%s'"), shown);
	}
}

static const char *const item_keys[] = {
	"code", "name", "pinyin", "keywords", "department", "kind", "statutory_limit", "promised_limit",
	"limit_unit", "fee_fen", "fee_note", "window", "online", "guide", "faq", "promise_conditions",
	"materials", NULL
};
static const char *const material_keys[] = {
	"name", "required", "waivable", "originals", "copies", "form", "note", "checkpoints", NULL
};
static const char *const department_keys[] = { "code", "name", NULL };
static const char *const kinds[] = { "immediate", "promised", NULL };
static const char *const units[] = { "workday", "day", "month", NULL };
static const char *const forms[] = { "paper", "electronic", "both", NULL };
static const char *const windows[] = { "combined", "bundle", "remote", "construction", "assist", NULL };

static void catalog_io_read_material(struct reader *r, json_t *m, struct cat_material *out, int index)
{
	json_t *cps, *cp;
	size_t i;

	snprintf(r->where, sizeof r->where, _("material %d: "), index);
	if (!json_is_object(m)) {
		catalog_io_problem(r, "%s", _("must be an object"));
		goto done;
	}
	catalog_io_only_keys(r, m, material_keys);
	catalog_io_get_string(r, m, "name", out->name, sizeof out->name, 1, "");
	catalog_io_get_bool(r, m, "required", &out->required, 1);
	catalog_io_get_bool(r, m, "waivable", &out->waivable, 0);
	if (out->waivable && !out->required)
		catalog_io_problem(r, "%s", _("only a required material can be marked as one that may be supplied later (waivable)"));
	catalog_io_get_int(r, m, "originals", &out->originals, 0);
	catalog_io_get_int(r, m, "copies", &out->copies, 0);
	catalog_io_get_choice(r, m, "form", out->form, sizeof out->form, forms, "paper");
	catalog_io_get_string(r, m, "note", out->note, sizeof out->note, 0, "");
	cps = json_object_get(m, "checkpoints");
	if (!json_is_array(cps) || json_array_size(cps) == 0) {
		catalog_io_problem(r, "%s", _("'checkpoints' must be a list of at least one review checkpoint"));
		goto done;
	}
	if (json_array_size(cps) > CAT_MAX_CHECKPOINTS) {
		catalog_io_problem(r, "%s", _("too many checkpoints"));
		goto done;
	}
	json_array_foreach(cps, i, cp) {
		if (!json_is_string(cp) || json_string_length(cp) == 0 ||
		    json_string_length(cp) >= sizeof out->checkpoints[0] ||
		    strlen(json_string_value(cp)) != json_string_length(cp)) {
			catalog_io_problem(r, "%s", _("a checkpoint must be non-empty text of reasonable length"));
			goto done;
		}
		yc_strlcpy(out->checkpoints[out->n_checkpoints++], json_string_value(cp),
			   sizeof out->checkpoints[0]);
	}
done:
	r->where[0] = '\0';
}

static int catalog_io_valid_code(const char *code)
{
	const char *p;

	for (p = code; *p; p++)
		if (!((*p >= 'A' && *p <= 'Z') || (*p >= 'a' && *p <= 'z') ||
		      (*p >= '0' && *p <= '9') || *p == '-' || *p == '_'))
			return 0;
	return *code != '\0';
}

static void read_item(struct reader *r, json_t *o, struct cat_item *it)
{
	json_t *dept, *mats, *m;
	size_t i;

	catalog_io_only_keys(r, o, item_keys);
	catalog_io_get_string(r, o, "code", it->code, sizeof it->code, 1, "");
	if (!r->bad && !catalog_io_valid_code(it->code)) {
		char shown[sizeof it->code];

		jsonl_safe_echo(it->code, shown, sizeof shown);
		catalog_io_problem(r, _("'code' may only hold letters, digits, '-' and '_': \"%s\""), shown);
	}
	catalog_io_get_string(r, o, "name", it->name, sizeof it->name, 1, "");
	catalog_io_get_string(r, o, "pinyin", it->pinyin, sizeof it->pinyin, 0, "");
	catalog_io_get_string(r, o, "keywords", it->keywords, sizeof it->keywords, 0, "");
	dept = json_object_get(o, "department");
	if (!json_is_object(dept)) {
		catalog_io_problem(r, "%s", _("'department' must be an object with code and name"));
	} else {
		snprintf(r->where, sizeof r->where, "%s", _("department: "));
		catalog_io_only_keys(r, dept, department_keys);
		catalog_io_get_string(r, dept, "code", it->department_code, sizeof it->department_code, 1, "");
		catalog_io_get_string(r, dept, "name", it->department_name, sizeof it->department_name, 1, "");
		r->where[0] = '\0';
	}
	catalog_io_get_choice(r, o, "kind", it->kind, sizeof it->kind, kinds, NULL);
	catalog_io_get_int(r, o, "statutory_limit", &it->statutory_limit, 0);
	catalog_io_get_int(r, o, "promised_limit", &it->promised_limit, 0);
	if (it->statutory_limit > 0 && it->promised_limit > it->statutory_limit)
		catalog_io_problem(r, "%s", _("the promised limit is longer than the statutory limit"));
	catalog_io_get_choice(r, o, "limit_unit", it->limit_unit, sizeof it->limit_unit, units, "workday");
	catalog_io_get_int(r, o, "fee_fen", &it->fee_fen, 0);
	catalog_io_get_string(r, o, "fee_note", it->fee_note, sizeof it->fee_note, 0, "");
	catalog_io_get_choice(r, o, "window", it->window, sizeof it->window, windows, "combined");
	catalog_io_get_bool(r, o, "online", &it->online, 0);
	catalog_io_get_string(r, o, "guide", it->guide, sizeof it->guide, 0, "");
	catalog_io_get_string(r, o, "faq", it->faq, sizeof it->faq, 0, "");
	catalog_io_get_string(r, o, "promise_conditions", it->promise_conditions, sizeof it->promise_conditions,
			      0, "");
	mats = json_object_get(o, "materials");
	if (!json_is_array(mats) || json_array_size(mats) == 0) {
		catalog_io_problem(r, "%s", _("'materials' must be a list of at least one material"));
		return;
	}
	if (json_array_size(mats) > CAT_MAX_MATERIALS) {
		catalog_io_problem(r, "%s", _("too many materials"));
		return;
	}
	json_array_foreach(mats, i, m)
		catalog_io_read_material(r, m, &it->materials[it->n_materials++], (int)i + 1);
}

static const char *const scenario_keys[] = { "scenario", "name", "keywords", "bundle", "questions", "items", NULL };
static const char *const scenario_item_keys[] = { "item", "question", "answer", NULL };
static const char *const answers[] = { "yes", "no", NULL };

static void catalog_io_get_code(struct reader *r, json_t *o, const char *key, char *out, size_t n, int required)
{
	catalog_io_get_string(r, o, key, out, n, required, "");
	if (!r->bad && (required || out[0]) && !catalog_io_valid_code(out)) {
		char shown[48];

		jsonl_safe_echo(out, shown, sizeof shown);
		catalog_io_problem(r, _("'%s' may only hold letters, digits, '-' and '_': \"%s\""), key, shown);
	}
}

static void read_scenario_questions(struct reader *r, json_t *o, struct cat_scenario *sc)
{
	json_t *qs = json_object_get(o, "questions"), *q;
	size_t i;

	if (!qs)
		return;
	if (!json_is_array(qs) || json_array_size(qs) > CAT_MAX_QUESTIONS) {
		catalog_io_problem(r, _("'questions' must be a list of at most %d questions"), CAT_MAX_QUESTIONS);
		return;
	}
	json_array_foreach(qs, i, q) {
		if (!json_is_string(q) || json_string_length(q) == 0 ||
		    json_string_length(q) >= sizeof sc->questions[0] ||
		    strlen(json_string_value(q)) != json_string_length(q)) {
			catalog_io_problem(r, "%s", _("a question must be non-empty text of reasonable length"));
			return;
		}
		yc_strlcpy(sc->questions[sc->n_questions++], json_string_value(q), sizeof sc->questions[0]);
	}
}

static void read_scenario_item(struct reader *r, json_t *o, struct cat_scenario *sc, int index)
{
	struct cat_scenario_item *it = &sc->items[sc->n_items++];
	char answer[8];

	snprintf(r->where, sizeof r->where, _("item %d: "), index);
	if (!json_is_object(o)) {
		catalog_io_problem(r, "%s", _("must be an object"));
		r->where[0] = '\0';
		return;
	}
	catalog_io_only_keys(r, o, scenario_item_keys);
	catalog_io_get_code(r, o, "item", it->item, sizeof it->item, 1);
	catalog_io_get_int(r, o, "question", &it->question, 0);
	if (it->question < 0 || it->question > sc->n_questions)
		catalog_io_problem(r, _("'question' must be 0 (always) or one of the %d questions"), sc->n_questions);
	catalog_io_get_choice(r, o, "answer", answer, sizeof answer, answers, "yes");
	it->when_yes = strcmp(answer, "no") != 0;
	r->where[0] = '\0';
}

static void read_scenario(struct reader *r, json_t *o, struct cat_scenario *sc)
{
	json_t *items, *it;
	size_t i;

	catalog_io_only_keys(r, o, scenario_keys);
	catalog_io_get_code(r, o, "scenario", sc->code, sizeof sc->code, 1);
	catalog_io_get_string(r, o, "name", sc->name, sizeof sc->name, 1, "");
	catalog_io_get_string(r, o, "keywords", sc->keywords, sizeof sc->keywords, 0, "");
	catalog_io_get_code(r, o, "bundle", sc->bundle, sizeof sc->bundle, 0);
	read_scenario_questions(r, o, sc);
	items = json_object_get(o, "items");
	if (!json_is_array(items) || json_array_size(items) == 0 ||
	    json_array_size(items) > CAT_MAX_SCENARIO_ITEMS) {
		catalog_io_problem(r, _("'items' must be a list of 1 to %d items"), CAT_MAX_SCENARIO_ITEMS);
		return;
	}
	json_array_foreach(items, i, it)
		read_scenario_item(r, it, sc, (int)i + 1);
}

/* What catalog_parse carries from line to line. */
struct parse_ctx {
	struct cat_file *f;
	struct jsonl_keys codes;     /* the good items' codes, with their lines */
	struct jsonl_keys scenarios; /* the good scenarios' codes */
	struct cat_item *it;         /* one at a time: it is large */
	cat_each each;
	cat_each_scenario each_scenario;
	void *ctx;
};

/* Check a scenario's line; a good one goes to each_scenario(). */
static int catalog_io_parse_scenario(struct parse_ctx *c, json_t *o, int line)
{
	struct reader r = { c->f, line, 0, "" };
	struct cat_scenario sc;
	int dup;

	memset(&sc, 0, sizeof sc);
	sc.line = line;
	read_scenario(&r, o, &sc);
	if (!r.bad && (dup = jsonl_key_line(&c->scenarios, sc.code)) != 0)
		catalog_io_problem(&r, _("the scenario %s is already on line %d"), sc.code, dup);
	if (c->f->problems.nomem)
		return -1;
	if (r.bad)
		return 0;
	if (jsonl_key_add(&c->scenarios, sc.code, line) < 0)
		return -1;
	c->f->n_scenarios++;
	return c->each_scenario ? c->each_scenario(c->ctx, &sc) : 0;
}

/* Check one line's object; a good item goes to each(). */
static int catalog_io_parse_object(void *vctx, json_t *o, int line)
{
	struct parse_ctx *c = vctx;
	struct reader r = { c->f, line, 0, "" };
	struct cat_item *it = c->it;
	int dup;

	if (json_object_get(o, "scenario"))
		return catalog_io_parse_scenario(c, o, line);
	memset(it, 0, sizeof *it);
	it->line = line;
	read_item(&r, o, it);
	if (!r.bad && (dup = jsonl_key_line(&c->codes, it->code)) != 0)
		catalog_io_problem(&r, _("the code %s is already used on line %d"), it->code, dup);
	if (c->f->problems.nomem)
		return -1;
	if (r.bad)
		return 0;
	if (jsonl_key_add(&c->codes, it->code, line) < 0)
		return -1;
	c->f->n++;
	return c->each ? c->each(c->ctx, it) : 0;
}

int catalog_parse(const char *text, struct cat_file *f, cat_each each, void *ctx)
{
	return catalog_parse_all(text, f, each, NULL, ctx);
}

int catalog_parse_all(const char *text, struct cat_file *f, cat_each each, cat_each_scenario each_scenario,
		      void *ctx)
{
	struct parse_ctx c = { f, { NULL, 0, 0, NULL }, { NULL, 0, 0, NULL }, NULL, each, each_scenario, ctx };
	int rc;

	memset(f, 0, sizeof *f);
	if (!(c.it = malloc(sizeof *c.it)))
		return -1;
	rc = jsonl_read(text, _("a line must be one JSON object: one service item"), &f->problems, catalog_io_parse_object,
			&c);
	jsonl_keys_free(&c.codes);
	jsonl_keys_free(&c.scenarios);
	free(c.it);
	return rc != 0 ? rc : f->problems.n;
}

void catalog_free(struct cat_file *f)
{
	jsonl_problems_free(&f->problems);
	memset(f, 0, sizeof *f);
}

char *catalog_encode(const struct cat_item *it)
{
	json_t *o = json_object(), *mats = json_array();
	char *out;
	int i, j;

	json_object_set_new(o, "code", json_string(it->code));
	json_object_set_new(o, "name", json_string(it->name));
	json_object_set_new(o, "pinyin", json_string(it->pinyin));
	json_object_set_new(o, "keywords", json_string(it->keywords));
	json_object_set_new(o, "department", json_pack("{s:s, s:s}", "code", it->department_code,
							 "name", it->department_name));
	json_object_set_new(o, "kind", json_string(it->kind));
	json_object_set_new(o, "statutory_limit", json_integer(it->statutory_limit));
	json_object_set_new(o, "promised_limit", json_integer(it->promised_limit));
	json_object_set_new(o, "limit_unit", json_string(it->limit_unit));
	json_object_set_new(o, "fee_fen", json_integer(it->fee_fen));
	json_object_set_new(o, "fee_note", json_string(it->fee_note));
	json_object_set_new(o, "window", json_string(it->window));
	json_object_set_new(o, "online", json_boolean(it->online));
	json_object_set_new(o, "guide", json_string(it->guide));
	json_object_set_new(o, "faq", json_string(it->faq));
	/* written only where set, so a file without them reads as before */
	if (it->promise_conditions[0])
		json_object_set_new(o, "promise_conditions", json_string(it->promise_conditions));
	for (i = 0; i < it->n_materials; i++) {
		const struct cat_material *m = &it->materials[i];
		json_t *cps = json_array(), *mat;

		for (j = 0; j < m->n_checkpoints; j++)
			json_array_append_new(cps, json_string(m->checkpoints[j]));
		mat = json_pack("{s:s, s:b}", "name", m->name, "required", m->required);
		if (m->waivable)
			json_object_set_new(mat, "waivable", json_true());
		json_object_set_new(mat, "originals", json_integer(m->originals));
		json_object_set_new(mat, "copies", json_integer(m->copies));
		json_object_set_new(mat, "form", json_string(m->form));
		json_object_set_new(mat, "note", json_string(m->note));
		json_object_set_new(mat, "checkpoints", cps);
		json_array_append_new(mats, mat);
	}
	json_object_set_new(o, "materials", mats);
	out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return out;
}

char *catalog_encode_scenario(const struct cat_scenario *sc)
{
	json_t *o = json_object(), *qs = json_array(), *items = json_array();
	char *out;
	int i;

	json_object_set_new(o, "scenario", json_string(sc->code));
	json_object_set_new(o, "name", json_string(sc->name));
	json_object_set_new(o, "keywords", json_string(sc->keywords));
	json_object_set_new(o, "bundle", json_string(sc->bundle));
	for (i = 0; i < sc->n_questions; i++)
		json_array_append_new(qs, json_string(sc->questions[i]));
	json_object_set_new(o, "questions", qs);
	for (i = 0; i < sc->n_items; i++) {
		const struct cat_scenario_item *it = &sc->items[i];

		json_array_append_new(items, it->question
			? json_pack("{s:s, s:i, s:s}", "item", it->item, "question", it->question, "answer",
				    it->when_yes ? "yes" : "no")
			: json_pack("{s:s}", "item", it->item));
	}
	json_object_set_new(o, "items", items);
	out = json_dumps(o, JSON_COMPACT | JSON_PRESERVE_ORDER);
	json_decref(o);
	return out;
}
