/* dialect-filter - an SQL text on standard input (SQLite's words, as the
 * store and data/*.sql write it), on standard output in PostgreSQL's
 * (src/dialect.c): tests/pg-schema.sh loads the shipped data through it. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>

#include "dialect.h"

int main(void)
{
	size_t len = 0, cap = 1 << 16, n;
	char *sql = malloc(cap), *pg;

	while (sql && (n = fread(sql + len, 1, cap - len - 1, stdin)) > 0) {
		len += n;
		if (len + 1 == cap) {
			char *more = realloc(sql, cap *= 2);

			if (!more) {
				free(sql);
				sql = NULL;
				break;
			}
			sql = more;
		}
	}
	if (!sql || ferror(stdin)) {
		fputs("dialect-filter: cannot read standard input\n", stderr);
		return 1;
	}
	sql[len] = '\0';
	pg = dialect_sql(&dialect_postgresql, sql);
	if (!pg || fputs(pg, stdout) == EOF || fflush(stdout) != 0) {
		fputs("dialect-filter: out of memory or cannot write\n", stderr);
		return 1;
	}
	free(pg);
	free(sql);
	return 0;
}
