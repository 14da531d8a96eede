/* replay.c - every input of a fuzz target's corpus once, for make check:
 * the seeds and each crash the fuzzer ever found (kept as a regression
 * test) go through LLVMFuzzerTestOneInput, built with gcc's address and
 * undefined-behaviour sanitizers, which abort on the first fault. Fuzzing
 * itself needs clang's libFuzzer: tests/fuzz/run.sh.
 *
 *   replay-X CORPUS-FOLDER...     exit 0 when every input ran */
#include "config.h"

#include <dirent.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

static int run_file(const char *path)
{
	FILE *f = fopen(path, "rb");
	uint8_t *data = NULL;
	size_t size = 0, cap = 0, got;

	if (!f) {
		perror(path);
		return -1;
	}
	do {
		if (size == cap) {
			uint8_t *more = realloc(data, cap = cap ? 2 * cap : 4096);

			if (!more) {
				free(data);
				fclose(f);
				return -1;
			}
			data = more;
		}
		got = fread(data + size, 1, cap - size, f);
		size += got;
	} while (got > 0);
	fclose(f);
	LLVMFuzzerTestOneInput(data, size);
	free(data);
	return 0;
}

static int by_name(const struct dirent **a, const struct dirent **b)
{
	return strcmp((*a)->d_name, (*b)->d_name);
}

int main(int argc, char **argv)
{
	int i, total = 0;

	for (i = 1; i < argc; i++) {
		struct dirent **names;
		int n = scandir(argv[i], &names, NULL, by_name), k, ran = 0;

		if (n < 0) {
			perror(argv[i]);
			return 1;
		}
		for (k = 0; k < n; k++) {
			char path[4096];

			if (names[k]->d_name[0] != '.') {
				snprintf(path, sizeof path, "%s/%s", argv[i], names[k]->d_name);
				if (run_file(path) < 0)
					return 1;
				ran++;
			}
			free(names[k]);
		}
		free(names);
		printf("%s: %d inputs\n", argv[i], ran);
		total += ran;
	}
	/* an empty corpus would test nothing */
	return total > 0 ? 0 : 1;
}
