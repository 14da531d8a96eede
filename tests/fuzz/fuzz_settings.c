/* libFuzzer target: a configuration file of arbitrary bytes.
 *   clang -g -O1 -fsanitize=fuzzer,address,undefined -Iinclude -I. \
 *     tests/fuzz/fuzz_settings.c src/settings.c src/util.c src/calendar.c \
 *     -lconfig -o fuzz_settings && ./fuzz_settings -max_total_time=60 */
#include "config.h"

#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

#include "settings.h"

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	char path[] = "/tmp/yc-fuzz-conf-XXXXXX";
	int fd = mkstemp(path);
	struct yc_settings s;
	struct yc_err err;

	if (fd < 0)
		return 0;
	if (write(fd, data, size) == (ssize_t)size) {
		settings_defaults(&s);
		settings_load_file(&s, path, 1, &err);
	}
	close(fd);
	unlink(path);
	return 0;
}
