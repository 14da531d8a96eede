#!/bin/sh
# tests/fuzz/run.sh [TARGET...] - fuzz the parsers of outside input with
# clang's libFuzzer (Debian: clang, libclang-rt-14-dev), each for
# FUZZ_SECONDS (60), starting from tests/fuzz/corpus/TARGET. New inputs that
# reach new code are merged into that corpus (commit them: make check
# replays every one); a crash is left in tests/fuzz/crashes/ and the run
# fails. Fix it, then keep the input in the corpus as its regression test.
#
# Targets: ids (ID card, credit code, phone), online (online submissions),
# catalog (catalogue import), settings (configuration file).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(cd "$here/../.." && pwd)
CC=${CLANG:-clang}
secs=${FUZZ_SECONDS:-60}
command -v "$CC" > /dev/null || { echo "clang is not installed (apt-get install clang libclang-rt-14-dev)"; exit 77; }
[ -f "$top/config.h" ] || { echo "run ./configure first: the targets include config.h"; exit 1; }

sources() {
	case $1 in
	ids) echo "src/validate.c src/util.c src/calendar.c" ;;
	online) echo "src/online-io.c src/jsonl.c src/states.c src/validate.c src/util.c src/calendar.c -ljansson" ;;
	catalog) echo "src/catalog-io.c src/jsonl.c src/util.c src/calendar.c -ljansson" ;;
	settings) echo "src/settings.c src/util.c src/calendar.c -lconfig" ;;
	*) return 1 ;;
	esac
}

# leaks in the libraries, not ours: see lsan.supp
export LSAN_OPTIONS="suppressions=$here/lsan.supp:print_suppressions=0"
work=$(mktemp -d "${TMPDIR:-/tmp}/yc-fuzz.XXXXXX")
trap 'rm -rf "$work"' EXIT
mkdir -p "$here/crashes"
status=0
for t in ${*:-ids online catalog settings}; do
	src=$(sources "$t") || { echo "no fuzz target '$t'"; exit 2; }
	(cd "$top" && $CC -g -O1 -fsanitize=fuzzer,address,undefined -fno-sanitize-recover=all \
		-Iinclude -I. "tests/fuzz/fuzz_$t.c" $src -o "$work/fuzz_$t") || exit 1
	mkdir -p "$work/$t"
	cp "$here/corpus/$t"/* "$work/$t/"
	if ! "$work/fuzz_$t" -max_total_time="$secs" -timeout=10 -rss_limit_mb=1024 \
		-artifact_prefix="$here/crashes/$t-" "$work/$t" > "$work/$t.log" 2>&1; then
		tail -40 "$work/$t.log"
		echo "FUZZ $t: a crash, kept in $here/crashes/"
		status=1
		continue
	fi
	before=$(ls "$here/corpus/$t" | wc -l)
	"$work/fuzz_$t" -merge=1 "$here/corpus/$t" "$work/$t" > /dev/null 2>&1
	runs=$(sed -n 's/^Done \([0-9]*\) runs.*/\1/p' "$work/$t.log")
	echo "FUZZ $t: ${runs:-?} inputs in $secs s, no crash; corpus $before -> $(ls "$here/corpus/$t" | wc -l) files"
done
exit $status
