#!/bin/sh
# A day at the hall on a real network drive (tests/share-rig.sh: one
# folder served over SSH on 127.0.0.1, mounted twice with sshfs, each mount
# a "PC"). Eight stations, four on each PC, each doing the whole life of
# cases (ticket, intake, handover, decision, result handover, notice,
# collection) through the real store for a bounded time; then stations
# killed with SIGKILL while they work, the stale lock recovered, and the
# survivors carrying on. Every case must be whole, every number unique, no
# update lost, the database intact, and no raw SQLite text ever shown.
. "$(dirname "$0")/lib.sh"

[ -x "$YC_SIM" ] || fail "station-sim not built ($YC_SIM)"
trap rig_down EXIT
rig_up

server="$LAB/server/hall.db"
for pc in 1 2; do
	printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 60000; };\nsite: { code = "WSQ"; };\n' \
		"$LAB/pc$pc/hall.db" > "$WORK/pc$pc.conf"
done
"$YC_BIN" --lang en --config "$WORK/pc1.conf" init --demo --db "$LAB/pc1/hall.db" > /dev/null || fail "init on the share"

# run_stations FIRST LAST SECONDS STALE: stations FIRST..LAST, odd ones on PC 1
run_stations() {
	s=$1
	while [ "$s" -le "$2" ]; do
		pc=$(( (s % 2) + 1 ))
		"$YC_SIM" "$LAB/pc$pc/hall.db" unix-dotfile "$s" "$3" "$WORK/station-$s.out" "$4" &
		eval "pid_$s=$!"
		s=$((s + 1))
	done
}

# cases_whole: every case the stations numbered is complete for its state
cases_whole() {
	q() { sqlite3 "$server" "$1"; }
	[ "$(q 'PRAGMA integrity_check')" = ok ] || fail "integrity_check: $(q 'PRAGMA integrity_check' | head -3)"
	bad=$(q "SELECT count(*) FROM cases c WHERE c.case_number IS NOT NULL AND c.channel = 'window' AND c.id > 8 AND (
		NOT EXISTS (SELECT 1 FROM notices n WHERE n.case_id = c.id AND n.kind = 'acceptance')
		OR NOT EXISTS (SELECT 1 FROM transfer_slips t WHERE t.case_id = c.id AND t.direction = 'to_department')
		OR (c.status <> 'accepted' AND EXISTS (SELECT 1 FROM transfer_slips t WHERE t.case_id = c.id
			AND t.direction = 'to_department' AND t.handed_at IS NULL))
		OR (c.status IN ('approved','result_at_pickup','notified','collected')
			AND NOT EXISTS (SELECT 1 FROM results r WHERE r.case_id = c.id))
		OR (c.status = 'collected' AND NOT EXISTS (SELECT 1 FROM pickups p WHERE p.case_id = c.id)))")
	[ "$bad" = 0 ] || fail "$bad cases are not whole"
	[ "$(q 'SELECT count(case_number) - count(DISTINCT case_number) FROM cases')" = 0 ] || fail "duplicate case numbers"
	"$YC_BIN" --lang en --config "$WORK/pc2.conf" check > "$WORK/check.out" 2>&1 ||
		fail "yichuang check: $(cat "$WORK/check.out")"
}

# no_raw_sqlite FILES: what stations were told is in plain words
no_raw_sqlite() {
	if grep -hiE 'sqlite|database is locked|disk I/O error|SQL logic' "$@" > "$WORK/raw"; then
		cat "$WORK/raw" >&2
		fail "a station was shown raw SQLite text"
	fi
}

# Phase 1: eight stations for a bounded time ---------------------------------
SECONDS_RUN=${YC_MIX_SECONDS:-8}   # a longer soak: YC_MIX_SECONDS=600
start=$(date +%s)
run_stations 1 8 "$SECONDS_RUN" 60
wait
elapsed=$(( $(date +%s) - start ))
cases=0 ops=0 errors=0 worst=0
for s in 1 2 3 4 5 6 7 8; do
	line=$(grep '^done ' "$WORK/station-$s.out") || fail "station $s did not finish: $(tail -3 "$WORK/station-$s.out")"
	set -- $line
	cases=$((cases + $2)) ops=$((ops + $3)) errors=$((errors + $4))
	[ "$5" -gt "$worst" ] && worst=$5
done
no_raw_sqlite "$WORK"/station-*.out
[ "$errors" = 0 ] || { grep -h '^error' "$WORK"/station-*.out | head >&2; fail "$errors errors on the share"; }
[ "$cases" -gt 0 ] || fail "no case went all the way"
reported=$(cat "$WORK"/station-*.out | grep -c '^case ')
stored=$(sqlite3 "$server" "SELECT count(*) FROM cases WHERE status = 'collected' AND channel = 'window' AND id > 8")
# every case a station saw collected is stored collected: nothing lost
[ "$reported" = "$cases" ] && [ "$stored" = "$cases" ] || fail "stations finished $cases cases, $reported reported, $stored stored"
for n in $(grep -h '^case ' "$WORK"/station-*.out | cut -d' ' -f2); do
	echo "$n"
done | sort | uniq -d > "$WORK/dups"
[ ! -s "$WORK/dups" ] || fail "a case number was given twice: $(head -1 "$WORK/dups")"
cases_whole
echo "share: 8 stations on 2 PCs for ${elapsed}s: $cases cases through all 7 steps, $ops operations, $errors errors, worst operation ${worst} ms (lock waits included)"

# Phase 2: stations killed while they work --------------------------------------
rm -f "$WORK"/station-*.out
run_stations 11 14 20 5
sleep 3
kill -9 "$pid_11" 2> /dev/null
sleep 2
kill -9 "$pid_12" 2> /dev/null
wait "$pid_13" "$pid_14" 2> /dev/null
no_raw_sqlite "$WORK"/station-1[34].out
# a killed station may have held the lock: the survivors said so in plain
# words (stale) and stopped; the administrator recovers with no station left
if [ -d "$server.lock" ]; then
	# a survivor that met the lock was told what to do; one may also have
	# finished its cases before meeting it
	if grep -h '^error' "$WORK"/station-1[34].out | grep -vq "yichuang recover"; then
		grep -h '^error' "$WORK"/station-1[34].out | head -3 >&2
		fail "a survivor met the stale lock without being told what to do"
	fi
	"$YC_BIN" --lang en --config "$WORK/pc2.conf" recover > "$WORK/recover.out" 2>&1 ||
		fail "recover: $(cat "$WORK/recover.out")"
	recovered="a stale lock was left and recovered"
else
	recovered="no lock was left behind"
fi
cases_whole
# the survivors carry on
run_stations 13 14 5 60
wait
for s in 13 14; do
	set -- $(grep '^done ' "$WORK/station-$s.out")
	[ "${2:-0}" -gt 0 ] && [ "$4" = 0 ] || fail "station $s could not carry on: $(grep '^error' "$WORK/station-$s.out" | head -2)"
done
cases_whole
echo "share: 2 of 4 stations killed with SIGKILL while working ($recovered); the database is whole and the others carry on"
rig_down
trap - EXIT
rm -rf "$WORK"
