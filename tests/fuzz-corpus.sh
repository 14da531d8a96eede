#!/bin/sh
# The fuzz corpora replayed: every seed and every input the fuzzer kept
# (tests/fuzz/corpus/TARGET, crashes fixed included) through its parser,
# built with the address and undefined-behaviour sanitizers
# (tests/fuzz/replay.c). Fuzzing for new inputs: tests/fuzz/run.sh.
. "$(dirname "$0")/lib.sh"

build=$(dirname "$YC_BIN")/../tests/fuzz
# leaks in the libraries, not ours: see lsan.supp
export LSAN_OPTIONS="suppressions=$YC_SRCDIR/tests/fuzz/lsan.supp:print_suppressions=0"
for t in ids online catalog settings; do
	[ -x "$build/replay-$t" ] || fail "replay-$t is not built"
	out=$("$build/replay-$t" "$YC_SRCDIR/tests/fuzz/corpus/$t" 2>&1) || {
		printf '%s\n' "$out" | tail -30
		fail "the $t parser failed on its corpus"
	}
	echo "$out"
done
rm -rf "$WORK"
echo "PASS fuzz corpora"
