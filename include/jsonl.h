/* jsonl.h - JSON Lines as the imports read them: the catalogue
 * (catalog-io.c) and the online submissions (online-io.c). One JSON object
 * a line, lines numbered from 1 as an editor shows them; a byte-order mark
 * before the first line and blank lines are skipped. A line that is too
 * long, not UTF-8, not JSON or not one object is a problem of that line,
 * and the reading goes on with the next one, so that one pass names every
 * bad line. Problems read "line N: what is wrong" and repeat only text
 * fit for a terminal: whole UTF-8 characters, no control characters. */
#ifndef YC_JSONL_H
#define YC_JSONL_H

#include <jansson.h>
#include <stddef.h>

/* Far more than the largest catalogue item (every field full, every
 * character escaped); a file without line breaks is told so. */
#define JSONL_LINE_MAX ((size_t)1 << 20)
#define JSONL_PROBLEM_LEN 256
#define JSONL_KEY_LEN 48

struct jsonl_problems {
	char (*text)[JSONL_PROBLEM_LEN];   /* "line N: what is wrong" */
	int n, cap;
	int nomem;                          /* one could not be kept: the reading fails */
};

/* Add "line N: " and the message; sets nomem when memory fails. */
void jsonl_problem(struct jsonl_problems *p, int line, const char *fmt, ...)
	__attribute__((format(printf, 3, 4)));
void jsonl_problems_free(struct jsonl_problems *p);

/* Called with each line's object and its number; the object is freed
 * after the call. Nonzero stops the reading and is returned. */
typedef int (*jsonl_each)(void *ctx, json_t *o, int line);

/* Read text (NUL-terminated; NULL reads as empty). not_an_object is the
 * problem of a line holding JSON that is not an object, naming what a
 * line should hold. Returns 0 when every line was read (p then holds the
 * problems), each()'s nonzero return, or -1 when memory failed. */
int jsonl_read(const char *text, const char *not_an_object, struct jsonl_problems *p, jsonl_each each,
	       void *ctx);

/* Text from the file, fit to repeat in a problem: whole UTF-8 characters,
 * cut to n bytes, each byte that is not, or is a control, shown as '?'. */
void jsonl_safe_echo(const char *in, char *out, size_t n);

/* The keys (codes, references) met so far in a file, each with its line,
 * to name a key used twice; hashed, so that a month's backlog is checked
 * as fast as a day's. Start from all zero. */
struct jsonl_keys {
	struct jsonl_key { char key[JSONL_KEY_LEN]; int line; } *v;
	int n, cap;
	int *slots;        /* 2 * cap of them: an index into v plus 1, or 0 */
};

/* The line key was first met on, or 0. */
int jsonl_key_line(const struct jsonl_keys *k, const char *key);
/* Note key on line; -1 when memory fails. */
int jsonl_key_add(struct jsonl_keys *k, const char *key, int line);
void jsonl_keys_free(struct jsonl_keys *k);

#endif
