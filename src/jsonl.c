/* jsonl.c - the one JSON Lines reader of the imports (jsonl.h). Their
 * files come from other systems and from hands: cut short, re-encoded,
 * edited. Every line is checked before anything of it is used, and a
 * problem repeats nothing that would upset the terminal it is shown on. */
#include "config.h"

#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "jsonl.h"
#include "yc.h"

/* UTF-8 ------------------------------------------------------------------------ */

/* The length of the whole UTF-8 character at s (n bytes left), or 0 if
 * it is not one. Strict: no overlong forms, no surrogates, nothing past
 * U+10FFFF. */
static size_t utf8_char(const unsigned char *s, size_t n)
{
	unsigned long cp, min;
	size_t len, k;

	if (s[0] < 0x80)
		return 1;
	if (s[0] >= 0xC2 && s[0] <= 0xDF)
		len = 2, cp = s[0] & 0x1Fu, min = 0x80;
	else if (s[0] >= 0xE0 && s[0] <= 0xEF)
		len = 3, cp = s[0] & 0x0Fu, min = 0x800;
	else if (s[0] >= 0xF0 && s[0] <= 0xF4)
		len = 4, cp = s[0] & 0x07u, min = 0x10000;
	else
		return 0;
	if (n < len)
		return 0;
	for (k = 1; k < len; k++) {
		if ((s[k] & 0xC0) != 0x80)
			return 0;
		cp = cp << 6 | (s[k] & 0x3Fu);
	}
	return cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF) ? 0 : len;
}

/* Files saved as GBK by a Windows tool fail here, with a message that
 * says so, rather than with the JSON library's byte offsets. */
static int utf8_valid(const unsigned char *s, size_t n)
{
	size_t i = 0, len;

	while (i < n) {
		if ((len = utf8_char(s + i, n - i)) == 0)
			return 0;
		i += len;
	}
	return 1;
}

/* A message cut to fit its buffer must not end in half a character. */
static void cut_partial_utf8(char *s)
{
	size_t n = strlen(s), i = n, need;
	unsigned char lead;

	while (i > 0 && ((unsigned char)s[i - 1] & 0xC0) == 0x80)
		i--;
	if (i == 0)
		return;
	lead = (unsigned char)s[i - 1];
	need = lead >= 0xF0 ? 4 : lead >= 0xE0 ? 3 : lead >= 0xC0 ? 2 : 1;
	if (n - (i - 1) < need)
		s[i - 1] = '\0';
}

void jsonl_safe_echo(const char *in, char *out, size_t n)
{
	const unsigned char *p = (const unsigned char *)in, *end = p + strlen(in);
	size_t used = 0;

	while (p < end) {
		size_t k = utf8_char(p, (size_t)(end - p));
		/* C1 controls are C2 80..9F; their second byte then shows too */
		int bad = k == 0 || *p < 0x20 || *p == 0x7F || (*p == 0xC2 && p[1] <= 0x9F);
		size_t put = bad ? 1 : k;

		if (used + put >= n)
			break;
		if (bad)
			out[used] = '?';
		else
			memcpy(out + used, p, k);
		used += put;
		p += put;
	}
	out[used] = '\0';
}

/* Problems ----------------------------------------------------------------------- */

void jsonl_problem(struct jsonl_problems *p, int line, const char *fmt, ...)
{
	char msg[200];
	va_list ap;

	if (p->n == p->cap) {
		int cap = p->cap ? p->cap * 2 : 16;
		char (*t)[JSONL_PROBLEM_LEN] = realloc(p->text, (size_t)cap * sizeof *t);

		if (!t) {
			p->nomem = 1;
			return;
		}
		p->text = t;
		p->cap = cap;
	}
	va_start(ap, fmt);
	vsnprintf(msg, sizeof msg, fmt, ap);
	va_end(ap);
	cut_partial_utf8(msg);
	snprintf(p->text[p->n], JSONL_PROBLEM_LEN, _("line %d: %s"), line, msg);
	cut_partial_utf8(p->text[p->n++]);
}

void jsonl_problems_free(struct jsonl_problems *p)
{
	free(p->text);
	memset(p, 0, sizeof *p);
}

/* Lines -------------------------------------------------------------------------- */

static int blank_line(const char *s, size_t len)
{
	size_t i;

	for (i = 0; i < len; i++)
		if (s[i] != ' ' && s[i] != '\t' && s[i] != '\r')
			return 0;
	return 1;
}

/* One line's object, or NULL after noting why there is none. */
static json_t *load_line(struct jsonl_problems *p, int line, const char *s, size_t len,
			 const char *not_an_object)
{
	json_error_t jerr;
	json_t *o;

	if (len > JSONL_LINE_MAX) {
		jsonl_problem(p, line, _("the line is longer than %d KiB: is each record on a line of its own?"),
			      (int)(JSONL_LINE_MAX >> 10));
		return NULL;
	}
	if (!utf8_valid((const unsigned char *)s, len)) {
		jsonl_problem(p, line, "%s", _("the text is not UTF-8 (was the file saved as GBK?)"));
		return NULL;
	}
	/* NUL is let through so that the field it is in can be named; any
	 * value is, so that a line that is not an object is told so plainly */
	o = json_loadb(s, len, JSON_REJECT_DUPLICATES | JSON_ALLOW_NUL | JSON_DECODE_ANY, &jerr);
	if (!o) {
		char shown[sizeof jerr.text];

		if (json_error_code(&jerr) == json_error_out_of_memory) {
			p->nomem = 1;
			return NULL;
		}
		/* the library quotes the text it choked on: it may hold control characters */
		jsonl_safe_echo(jerr.text, shown, sizeof shown);
		jsonl_problem(p, line, _("not valid JSON (%s)"), shown);
		return NULL;
	}
	if (!json_is_object(o)) {
		jsonl_problem(p, line, "%s", not_an_object);
		json_decref(o);
		return NULL;
	}
	return o;
}

int jsonl_read(const char *text, const char *not_an_object, struct jsonl_problems *p, jsonl_each each,
	       void *ctx)
{
	const char *s = yc_skip_bom(text ? text : "");   /* as Windows tools write */
	int line = 0, rc = 0;

	while (*s && rc == 0 && !p->nomem) {
		const char *end = strchr(s, '\n');
		size_t len = end ? (size_t)(end - s) : strlen(s);
		json_t *o = NULL;

		line++;
		if (!blank_line(s, len))
			o = load_line(p, line, s, len, not_an_object);
		s += len + (end != NULL);
		if (o) {
			rc = each(ctx, o, line);
			json_decref(o);
		}
	}
	return rc != 0 ? rc : p->nomem ? -1 : 0;
}

/* Keys met ----------------------------------------------------------------------- */

static size_t hash(const char *s)
{
	size_t h = 2166136261u;   /* FNV-1a */

	for (; *s; s++)
		h = (h ^ (unsigned char)*s) * 16777619u;
	return h;
}

/* The slot that holds key, or the empty one where it would go. */
static int *slot_for(const struct jsonl_keys *k, const char *key)
{
	size_t mask = (size_t)k->cap * 2 - 1, i = hash(key) & mask;

	while (k->slots[i] && strcmp(k->v[k->slots[i] - 1].key, key) != 0)
		i = (i + 1) & mask;
	return &k->slots[i];
}

int jsonl_key_line(const struct jsonl_keys *k, const char *key)
{
	int *slot;

	if (k->n == 0)
		return 0;
	slot = slot_for(k, key);
	return *slot ? k->v[*slot - 1].line : 0;
}

static int keys_grow(struct jsonl_keys *k)
{
	int cap = k->cap ? k->cap * 2 : 64, i;
	struct jsonl_key *v = realloc(k->v, (size_t)cap * sizeof *v);
	int *slots = calloc((size_t)cap * 2, sizeof *slots);

	if (v)
		k->v = v;
	if (!v || !slots) {
		free(slots);
		return -1;
	}
	free(k->slots);
	k->slots = slots;
	k->cap = cap;
	for (i = 0; i < k->n; i++)
		*slot_for(k, k->v[i].key) = i + 1;
	return 0;
}

int jsonl_key_add(struct jsonl_keys *k, const char *key, int line)
{
	if (k->n == k->cap && keys_grow(k) < 0)
		return -1;
	yc_strlcpy(k->v[k->n].key, key, sizeof k->v[0].key);
	k->v[k->n].line = line;
	*slot_for(k, key) = ++k->n;
	return 0;
}

void jsonl_keys_free(struct jsonl_keys *k)
{
	free(k->v);
	free(k->slots);
	memset(k, 0, sizeof *k);
}
