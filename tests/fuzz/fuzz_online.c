/* libFuzzer target: the online submissions' parser on arbitrary bytes.
 * Besides crashes it looks for a good submission that breaks the promises
 * of online-io.h. Build and run (not part of make check):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -I. \
 *     tests/fuzz/fuzz_online.c src/online-io.c src/jsonl.c src/validate.c src/util.c \
 *     src/calendar.c -ljansson -o fuzz_online && ./fuzz_online -max_total_time=60 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "online-io.h"
#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7F)
			return 1;
	return 0;
}

/* Strict UTF-8, as a terminal needs it. */
static int utf8_ok(const unsigned char *s)
{
	while (*s) {
		int len = *s < 0x80 ? 1 : *s >= 0xC2 && *s <= 0xDF ? 2 : *s >= 0xE0 && *s <= 0xEF ? 3
			: *s >= 0xF0 && *s <= 0xF4 ? 4 : 0, k;

		if (!len)
			return 0;
		for (k = 1; k < len; k++)
			if ((s[k] & 0xC0) != 0x80)
				return 0;
		s += len;
	}
	return 1;
}

/* Messages go to a terminal: whole characters, no control characters. */
static void check_errors(const struct online_file *f)
{
	int i;

	for (i = 0; i < f->problems.n; i++)
		if (has_control(f->problems.text[i]) || !utf8_ok((const unsigned char *)f->problems.text[i]))
			abort();
}

/* What a caller may rely on in every submission each() receives. */
static int check(void *ctx, const struct online_sub *s)
{
	int i, j;

	(void)ctx;
	if (!s->ref[0] || strlen(s->ref) > 40 || strlen(s->received) != 19 || !s->name[0] ||
	    has_control(s->name) || has_control(s->address) || !yc_phone_valid(s->phone))
		abort();
	if (strcmp(s->kind, "person") == 0 ? yc_id_card_check(s->id_number, 2026) != ID_OK
					   : yc_credit_code_check(s->id_number) != ID_OK)
		abort();
	if (s->agent_name[0] && yc_id_card_check(s->agent_id_number, 2026) != ID_OK)
		abort();
	if (s->n_materials < 1 || s->n_materials > ONLINE_MAX_MATERIALS)
		abort();
	for (i = 0; i < s->n_materials; i++)
		for (j = 0; j < i; j++)
			if (s->materials[i].seq == s->materials[j].seq)
				abort();
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct online_file f;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	if (online_parse(text, 2026, &f, check, NULL) > 0 && f.problems.n == 0)
		abort();
	check_errors(&f);
	online_free(&f);
	free(text);
	return 0;
}
