/* libFuzzer target: ID card numbers, credit codes, phones, masking.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -I. \
 *     tests/fuzz/fuzz_ids.c src/validate.c -o fuzz_ids && ./fuzz_ids -max_total_time=60 */
#include "config.h"

#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "validate.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char *text = malloc(size + 1), masked[64];

	if (!text)
		return 0;
	memcpy(text, data, size);
	text[size] = '\0';
	yc_id_card_check(text, 2026);
	yc_credit_code_check(text);
	yc_phone_valid(text);
	yc_id_mask(text, masked, sizeof masked);
	free(text);
	return 0;
}
