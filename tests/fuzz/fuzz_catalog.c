/* libFuzzer target: the catalogue importer's parser on arbitrary bytes.
 * Build and run (not part of make check):
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -I. \
 *     tests/fuzz/fuzz_catalog.c src/catalog-io.c src/jsonl.c src/util.c src/calendar.c \
 *     -ljansson -o fuzz_catalog && ./fuzz_catalog -max_total_time=60 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "catalog-io.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int encode_again(void *ctx, const struct cat_item *it)
{
	free(catalog_encode(it));
	return 0;
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	struct cat_file f;
	char *text = malloc(size + 1);

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	catalog_parse(text, &f, encode_again, NULL);
	catalog_free(&f);
	free(text);
	return 0;
}
