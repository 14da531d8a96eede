#!/bin/sh
# bench/pg-stations.sh - busy window stations and a realistic hall on a
# PostgreSQL server (issue #24): the loads of bench/shared-drive.sh, so
# that the two can be read side by side.
#
#   bench/pg-stations.sh CONNINFO     a hall already on a server (made by
#                                     `yichuang init --demo` there, or moved
#                                     by `yichuang migrate-to-postgresql`)
#   bench/pg-stations.sh              makes one: a cluster of bench/pg-hall.sh
#                                     in a new folder, init --demo and
#                                     gen-history -n $CASES into a file, moved
#                                     to the server; all removed at the end
#
# 1. Busy stations: for N in $STATIONS (1 4 16), N stations work for $RUN
#    (30) seconds, each the whole life of a case (ticket, intake, handover,
#    decision, result handover, notice, collection) with a clerk's pause of
#    up to THINK_MS (300) ms after each operation, as shared-drive.sh's.
#    Every one is a probe (bench/lockwait station ... postgresql): the
#    table gives station 1's p99 wait (the share's column: its one probe)
#    and the p99 over every station's waits.
# 2. A realistic hall: $HALL (64) stations, an operation every 5 s each
#    on average (pauses up to HALL_THINK_MS, 10000, the first one too),
#    HALL_RUN (60) seconds: ops/s, the p99 of all waits, the slowest
#    operation.
#
# The "lock" on the server is the writers' advisory lock each write
# transaction takes first (src/store-server.c); a wait is the round trip
# that takes it (BEGIN, the lock, the change counter: the wait plus one
# round trip), held is from then until the COMMIT has returned
# (bench/lockwait.c). locked %: of 2-ms looks at pg_locks, those where a
# station held it (lockwait pgwatch).
#
# Environment: CASES (100000), RUN, THINK_MS, STATIONS, HALL (0: none),
# HALL_THINK_MS, HALL_RUN, PARTS ("busy hall"), KEEP=1 (keep the work
# folder and, when this script made it, the cluster).
set -u
here=$(cd "$(dirname "$0")" && pwd)
top=$(dirname "$here")
CASES=${CASES:-100000}
RUN=${RUN:-30}
THINK_MS=${THINK_MS:-300}
STATIONS=${STATIONS:-"1 4 16"}
HALL=${HALL:-64}
HALL_THINK_MS=${HALL_THINK_MS:-10000}
HALL_RUN=${HALL_RUN:-60}
PARTS=${PARTS:-"busy hall"}

fail() { echo "FAILED: $*" >&2; exit 1; }
YC_BIN=$top/src/yichuang
[ -x "$YC_BIN" ] || fail "$YC_BIN is not built (make)"
"$here/build.sh" > /dev/null || fail "bench/build.sh"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 YICHUANG_SYSCONF=/nonexistent/yichuang.conf

WORK=$(mktemp -d "${TMPDIR:-/var/tmp}/yc-pg-stations.XXXXXX")
chmod 755 "$WORK"
made=0
cleanup() {
	if [ "${KEEP:-0}" = 1 ]; then
		echo "(work folder kept: $WORK)"
	else
		[ "$made" = 1 ] && "$here/pg-hall.sh" stop "$WORK/pg"
		rm -rf "$WORK"
	fi
}
trap cleanup EXIT
trap 'exit 1' INT TERM

if [ $# -ge 1 ]; then
	conninfo=$1
	echo "server: $conninfo (a hall already there)"
else
	t0=$(date +%s)
	conninfo=$("$here/pg-hall.sh" start "$WORK/pg") || fail "bench/pg-hall.sh start"
	made=1
	printf 'site: { code = "WSQ"; name = "乌审旗政务服务中心"; level = "banner"; };\n' > "$WORK/hall.conf"
	"$YC_BIN" --config "$WORK/hall.conf" init --demo --db "$WORK/hall.db" > /dev/null 2>&1 || fail "yichuang init"
	"$here/gen-history" "$WORK/hall.db" -n "$CASES" > "$WORK/gen.log" || { cat "$WORK/gen.log"; fail "gen-history"; }
	"$YC_BIN" --config "$WORK/hall.conf" migrate-to-postgresql --from "$WORK/hall.db" --to "$conninfo" \
		> "$WORK/migrate.log" 2>&1 || { tail "$WORK/migrate.log"; fail "migrate-to-postgresql"; }
	rm -f "$WORK/hall.db"
	echo "server: bench/pg-hall.sh's cluster, $CASES generated cases moved there (made in $(( $(date +%s) - t0 )) s)"
fi
cases=$(psql -X -At "$conninfo" -c "SELECT count(*) FROM cases" 2> /dev/null) || fail "cannot read the hall on $conninfo"
echo "the hall has $cases cases; load average at the start: $(cut -d' ' -f1-3 /proc/loadavg)"

val() { sed -n "s/.* $1=\([^ ]*\).*/\1/p" "$2"; }
p99_of() { # the 99th percentile (nearest rank) of the numbers in the files
	all=$(cat "$@" | wc -l)
	sort -n "$@" | awk -v n="$all" 'NR == int(n * 0.99 + 0.999999) { print; exit }'
}
has_part() { case " $PARTS " in *" $1 "*) return 0 ;; esac; return 1; }

# run_stations N SECONDS THINK_MS PREFIX: N probes and the watcher, then
# the sums: ops cases errors worst(ms) seconds
run_stations() {
	rm -f "$WORK/$4"-*.out* "$WORK/watch.out"
	"$here/lockwait" pgwatch "$conninfo" "$2" "$WORK/watch.out" &
	s=1
	while [ "$s" -le "$1" ]; do
		YC_SIM_THINK_MS=$3 "$here/lockwait" station "$conninfo" postgresql "$s" "$2" "$WORK/$4-$s.out" \
			2>> "$WORK/errors.log" &
		s=$((s + 1))
	done
	wait
	ops=0 cases=0 errors=0 worst=0 secs=0 held=0
	for f in "$WORK/$4"-*.out; do
		[ -s "$f" ] || fail "a station did not finish: $(tail -2 "$WORK/errors.log")"
		ops=$((ops + $(val ops "$f"))) cases=$((cases + $(val cases "$f"))) errors=$((errors + $(val errors "$f")))
		w=$(val op_max_ms "$f" | cut -d. -f1)
		[ "$w" -gt "$worst" ] && worst=$w
		secs=$(val seconds "$f")
		held=$(echo "$held + $(val held_total_ms "$f")" | bc -l)
	done
}

if has_part busy && [ -n "$STATIONS" ]; then
	echo "busy stations: $RUN s per run, a clerk pauses up to $THINK_MS ms after each operation"
	printf '%-9s %8s %6s %6s %10s %12s %12s %10s %9s %9s %6s\n' stations "ops/s" cases errors "p99 op ms" \
		"p99 wait ms" "p99 wait all" "held p99" "locked %" worst load
	for n in $STATIONS; do
		run_stations "$n" "$RUN" "$THINK_MS" busy
		holds_p99=$(for f in "$WORK"/busy-*.out; do val held_p99_ms "$f"; done | sort -n | tail -1)
		printf '%-9s %8.1f %6d %6d %10s %12s %12s %10s %9s %7sms %6s\n' "$n" "$(echo "$ops / $secs" | bc -l)" "$cases" \
			"$errors" "$(val op_p99_ms "$WORK/busy-1.out")" "$(val wait_p99_ms "$WORK/busy-1.out")" \
			"$(p99_of "$WORK"/busy-*.out.waits)" "$holds_p99" "$(val locked_pct "$WORK/watch.out")" "$worst" \
			"$(cut -d' ' -f1 /proc/loadavg)"
	done
	echo "(p99 op, p99 wait: station 1's operations and waits for the writers' lock, as shared-drive.sh's probe; p99 wait all: every station's waits together; held p99: the longest of the stations' p99 holding; locked %: of the time, the lock was held; worst: the slowest operation of any station, waits included; load: the 1-minute load average after the run)"
fi

if has_part hall && [ "$HALL" -gt 0 ]; then
	run_stations "$HALL" "$HALL_RUN" "$HALL_THINK_MS" hall
	p99=$(p99_of "$WORK"/hall-*.out.waits)
	all=$(cat "$WORK"/hall-*.out.waits | wc -l)
	verdict=met
	[ "$(echo "${p99:-0} >= 200" | bc)" = 1 ] && verdict=MISSED
	printf 'a realistic hall: %d stations, an operation every %.1f s each on average, %s s: %.1f ops/s, %d errors, p99 wait for the lock %s ms over %d locks (target < 200 ms: %s), worst operation %s ms, lock held %s %% of the time; load %s\n' \
		"$HALL" "$(echo "$HALL_THINK_MS / 2000" | bc -l)" "$HALL_RUN" "$(echo "$ops / $secs" | bc -l)" "$errors" "${p99:-0}" \
		"$all" "$verdict" "$worst" "$(val locked_pct "$WORK/watch.out")" "$(cut -d' ' -f1 /proc/loadavg)"
fi
exit 0
