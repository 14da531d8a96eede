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
CPPFLAGS="-I$top -I$top/include"
if pkg-config --exists ncursesw sqlite3 libpq libconfig libsodium jansson libqrencode xlsxwriter pangocairo cairo-pdf 2> /dev/null; then
	LIBS="$(pkg-config --libs ncursesw sqlite3 libpq libconfig libsodium jansson libqrencode xlsxwriter pangocairo cairo-pdf) -lm"
else
	LIBS="-lncursesw -ltinfo -lsqlite3 -lpq -lconfig -lsodium -ljansson -lqrencode -lxlsxwriter -lz -lm"
fi
for prog in gen-history bench lockwait search; do
	[ -f "$here/$prog.c" ] || continue
	echo "  CCLD    bench/$prog"
	# shellcheck disable=SC2086
	$CC $CFLAGS $CPPFLAGS -o "$here/$prog" "$here/$prog.c" "$top/libyc.a" $LIBS
done
