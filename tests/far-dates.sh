#!/bin/sh
# Every unit test program passes whatever the date: each is run with no
# YICHUANG_TODAY (lib.sh's is taken away: a test relying on a date pins
# its own, see pin_clock in tests/unit.h) under faketime on 15 March 2027
# and on 31 December 2026 at 23:30, half an hour before the year turns.
# (At the real date make check runs them all already, with no clock set.) A failure names the program and the date. Each
# run's scratch files go to a folder of its own, which must be empty after.
. "$(dirname "$0")/lib.sh"

command -v faketime > /dev/null || skip "faketime is not installed (apt-get install faketime)"
[ "$(faketime '2027-03-15 10:00:00' date +%Y-%m-%d 2> /dev/null)" = 2027-03-15 ] ||
	skip "faketime does not change the date here"

unset YICHUANG_TODAY
export YC_SRCDIR
build=$(dirname "$YC_BIN")/..
# on a server (YC_TEST_BACKEND=postgresql, which the programs read): the
# programs that run there, each starting its cluster under the same clock
list=UNIT_TESTS
on_pg && list=PG_UNIT_TESTS
tests=$(sed -n "/^$list *=/,/[^\\\\]\$/p" "$YC_SRCDIR/Makefile.am" | sed "s/^$list *=//; s/\\\\\$//")
[ -n "$tests" ] || fail "no $list in $YC_SRCDIR/Makefile.am"
for t in $tests; do
	[ -x "$build/$t" ] || fail "$t is not built"
done

# One pass: every program at one date ("" for the real one), one after
# another; the failures are listed in $WORK/failed-N.
pass() {
	n=$1 when=$2
	mkdir -p "$WORK/tmp-$n"
	: > "$WORK/failed-$n"
	for t in $tests; do
		log="$WORK/$n-$(basename "$t").log"
		if [ -n "$when" ]; then
			YC_TMP="$WORK/tmp-$n" faketime "$when" "$build/$t" > "$log" 2>&1
		else
			YC_TMP="$WORK/tmp-$n" "$build/$t" > "$log" 2>&1
		fi || {
			echo "FAIL: $t at ${when:-the real date ($(date '+%Y-%m-%d %H:%M'))}"
			grep -E ':[EF]:|kept in' "$log" || tail -5 "$log"
		} >> "$WORK/failed-$n"
	done
	# what a program that passed left behind
	[ -s "$WORK/failed-$n" ] || [ -z "$(ls -A "$WORK/tmp-$n")" ] ||
		echo "FAIL: at ${when:-the real date} the unit tests left files: $(ls -A "$WORK/tmp-$n")" >> "$WORK/failed-$n"
}

# the two passes side by side: one pass's time on two cores
pass 2 "2027-03-15 10:00:00" &
pass 3 "2026-12-31 23:30:00" &
wait

if [ -s "$WORK/failed-2" ] || [ -s "$WORK/failed-3" ]; then
	cat "$WORK/failed-2" "$WORK/failed-3" >&2
	fail "unit tests failed at some date (their logs and files: $WORK)"
fi
rm -rf "$WORK"
echo "PASS every unit test program at 2027-03-15 10:00 and 2026-12-31 23:30"
