#!/bin/sh
# bench/build.sh - build the benchmark programs against the built tree:
# the same compiler flags and libraries as `make` uses for src/yichuang,
# linked with the tree's libyc.a (build that first: `make`).
#
#   bench/build.sh            builds bench/gen-history, bench/bench, bench/lockwait, bench/search
#   CC=clang bench/build.sh   another compiler
set -eu
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CC=${CC:-gcc}
[ -f "$top/libyc.a" ] || { echo "build.sh: $top/libyc.a is missing: run make in $top first" >&2; exit 1; }
[ -f "$top/config.h" ] || { echo "build.sh: $top/config.h is missing: run ./configure in $top first" >&2; exit 1; }
# as the Makefile: AM_CFLAGS (C11, warnings, ncurses' feature macros) + CFLAGS
CFLAGS=${CFLAGS:--g -O2}
CFLAGS="-std=c11 -Wall -Wextra -Wformat=2 -Wshadow -Wno-unused-parameter -Wvla -D_DEFAULT_SOURCE -D_XOPEN_SOURCE=600 -pthread $CFLAGS"
# libpq's headers (bench and lockwait talk to a PostgreSQL server too)
PQ_CFLAGS=$(printf 'bench-cflags:\n\t@echo $(LIBPQ_CFLAGS)\n' | make -s -C "$top" -f Makefile -f - bench-cflags)
CPPFLAGS="-I$top -I$top/include $PQ_CFLAGS"
# the libraries the configured Makefile links src/yichuang with (LDADD,
# libyc.a first): whatever configure found, nothing to keep in step here
LIBS=$(printf 'bench-libs:\n\t@echo $(LDADD) $(LIBS)\n' | make -s -C "$top" -f Makefile -f - bench-libs | sed 's|^libyc.a ||')
for prog in gen-history bench lockwait search; do
	[ -f "$here/$prog.c" ] || continue
	echo "  CCLD    bench/$prog"
	# lockwait times the PostgreSQL writers' lock through the two calls of
	# src/db-pg.c that take it and give it back (see lockwait.c)
	wrap=
	[ "$prog" = lockwait ] && wrap="-Wl,--wrap=db_pg_exec_int_ticking,--wrap=db_pg_exec"
	# shellcheck disable=SC2086
	$CC $CFLAGS $CPPFLAGS -o "$here/$prog" "$here/$prog.c" "$top/libyc.a" $LIBS $wrap
done
