#!/bin/sh
# Saves cut off from the network drive halfway through their commit
# (tests/share-rig.sh: one folder served over SSH, mounted twice with sshfs,
# each mount a "PC"; tests/pause-io.c holds a station still just before a
# write to the database file while the test takes PC 1's share away and
# mounts it again):
#  1. a command (ticket) is told the save failed; closing with the share
#     back, it rolls its own half-written save back under its lock and gives
#     the lock back: nothing of it is in the file, and PC 2 gets the number
#     the failed ticket would have had;
#  2. a hot journal with no lock on the share (what a closing station of an
#     earlier version left): the next station, on PC 2, rolls it back before
#     it reads;
#  3. a station that keeps running (tests/station-sim), its save failing
#     while the share is away: when the share is back it knows the lock as
#     its own, rolls its save back and gives the lock back by itself; PC 2
#     is not kept waiting ("busy"), no recover is needed;
#  4. the same station while recover took it for gone (its mark not renewed)
#     and another station took the lock: back on the share, it leaves that
#     lock alone.
# Every file stays whole (integrity, check).
. "$(dirname "$0")/lib.sh"

command -v gcc > /dev/null || skip "gcc is needed to build tests/pause-io.c"
[ -x "$YC_SIM" ] || fail "station-sim not built ($YC_SIM)"
trap rig_down EXIT
rig_up
gcc -shared -fPIC -o "$WORK/pause-io.so" "$YC_SRCDIR/tests/pause-io.c" -ldl || fail "cannot build pause-io.so"

srv=$LAB/server
for pc in 1 2; do
	for name in hall demo; do
		printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 10000; };\nsite: { code = "WSQ"; };\n' \
			"$LAB/pc$pc/$name.db" > "$WORK/$name$pc.conf"
	done
done
yc() {   # yc PC NAME ARGS...: yichuang on PC with the database NAME.db
	pc=$1 name=$2
	shift 2
	"$YC_BIN" --lang en --config "$WORK/$name$pc.conf" "$@"
}
# paused N FILE CMD...: CMD, held before its Nth write to the database FILE
# once armed (arm)
paused() {
	n=$1 file=$2
	shift 2
	YC_PAUSE_ARM=$WORK/arm YC_PAUSE_FILE=/$file YC_PAUSE_NTH=$n YC_PAUSE_FLAG=$WORK/paused \
		LD_PRELOAD=$WORK/pause-io.so "$@"
}
arm() { rm -f "$WORK/paused"; touch "$WORK/arm"; }
wait_paused() {
	i=0
	until [ -f "$WORK/paused" ]; do
		i=$((i + 1))
		[ $i -gt 200 ] && fail "$1: the station never came to the write"
		sleep 0.1
	done
}
# the share goes away under PC 1 and comes back; then the held write is made
# (through the connection that went with the share: it fails)
cut_and_back() {
	rig_cut 1
	bash "$rig" up >> "$WORK/rig.log" 2>&1 || fail "the share did not come back"
	rm -f "$WORK/paused"
}
# the same, but the write is made (and fails) while the share is away, and
# the share comes back a little later
cut_fail_back() {
	rig_cut 1
	rm -f "$WORK/paused"
	sleep 1
	bash "$rig" up >> "$WORK/rig.log" 2>&1 || fail "the share did not come back"
}
whole() {   # whole NAME WHAT: the file on the server is sound, no journal
	[ ! -e "$srv/$1.db-journal" ] || fail "$2: a journal is left"
	[ "$(sqlite3 "$srv/$1.db" 'PRAGMA integrity_check')" = ok ] ||
		fail "$2: integrity: $(sqlite3 "$srv/$1.db" 'PRAGMA integrity_check' | head -3)"
	yc 2 "$1" check > "$WORK/check.out" 2>&1 || fail "$2: check: $(cat "$WORK/check.out")"
}

# 1. a ticket cut off in its commit, the share back before it closes ------------
yc 1 hall init --db "$LAB/pc1/hall.db" > /dev/null || fail "init on the share"
[ "$(yc 1 hall ticket --category combined)" = A001 ] || fail "the first ticket"
[ "$(yc 1 hall ticket --category combined)" = A002 ] || fail "the second ticket"
arm
paused 3 hall.db "$YC_BIN" --lang en --config "$WORK/hall1.conf" ticket --category combined \
	> "$WORK/out" 2> "$WORK/err" &
ticket=$!
wait_paused "the ticket"
[ -d "$srv/hall.db.lock" ] && [ -s "$srv/hall.db-journal" ] || fail "test setup: the ticket is not in its commit"
cut_and_back
wait "$ticket" && fail "a ticket cut off from the share was reported issued: $(cat "$WORK/out")"
grep -q "is the network drive connected? Nothing was saved." "$WORK/err" || fail "the failed ticket's message: $(cat "$WORK/err")"
[ ! -e "$srv/hall.db.lock" ] || fail "the ticket that failed left its lock"
whole hall "the ticket that failed"
[ "$(yc 2 hall ticket --category combined)" = A003 ] || fail "PC 2 did not get the failed ticket's number: the save is in the file"
[ "$(sqlite3 "$srv/hall.db" 'SELECT count(*) FROM queue_tickets')" = 3 ] || fail "tickets stored after the cut"
echo "share: a ticket cut off in its commit rolled itself back when it closed; PC 2 carries on"

# 2. a hot journal with no lock: PC 2 rolls it back first ------------------------
sqlite3 "file:$LAB/pc1/hall.db?vfs=unix-dotfile" "PRAGMA cache_size=5;" "BEGIN IMMEDIATE;" \
	"UPDATE service_items SET guide = guide || hex(randomblob(3000));" ".system kill -9 \$PPID" \
	> /dev/null 2>&1
[ -d "$srv/hall.db.lock" ] && [ -s "$srv/hall.db-journal" ] || fail "test setup: no lock and hot journal on the share"
rmdir "$srv/hall.db.lock"   # as a station of an earlier version did when it closed
[ "$(yc 2 hall ticket --category combined)" = A004 ] || fail "PC 2's ticket on a hot journal with no lock"
[ ! -e "$srv/hall.db.lock" ] || fail "the lock taken to roll the journal back was left"
longest=$(sqlite3 "$srv/hall.db" "SELECT max(length(guide)) FROM service_items")
[ "$longest" -lt 3000 ] || fail "the interrupted save is in the file (guide length $longest)"
whole hall "a hot journal with no lock"
echo "share: a hot journal left with no lock was rolled back by the next station"

# 3. a running station cut off while it saves: it gives its lock back itself ---
yc 1 demo init --demo --db "$LAB/pc1/demo.db" > /dev/null || fail "init --demo on the share"
rm -f "$WORK/arm"
YC_SIM_THINK_MS=100 paused 3 demo.db "$YC_SIM" "$LAB/pc1/demo.db" unix-dotfile 1 10 "$WORK/sim.out" 60 &
sim=$!
sleep 2
arm
wait_paused "station-sim"
cut_fail_back
sleep 1
start=$(date +%s)
number=$(yc 2 demo ticket --category combined 2> "$WORK/err") || fail "PC 2 was kept out after the cut: $(cat "$WORK/err")"
[ $(( $(date +%s) - start )) -lt 8 ] || fail "PC 2 waited $(( $(date +%s) - start ))s for a station cut off from the share"
wait "$sim"
grep -q '^done ' "$WORK/sim.out" || fail "the station did not go on: $(tail -3 "$WORK/sim.out")"
set -- $(grep '^done ' "$WORK/sim.out")
# its saves failed while the share was away, every one saying so, none after
[ "$4" -ge 1 ] || fail "the station had no error from the cut"
grep '^error' "$WORK/sim.out" | grep -v "is the network drive connected?" | head -3 > "$WORK/other-errors"
[ ! -s "$WORK/other-errors" ] || fail "the station met other errors than the share gone: $(cat "$WORK/other-errors")"
[ "$2" -gt 0 ] || fail "the station finished no case after the cut"
[ ! -e "$srv/demo.db.lock" ] || fail "a lock is left on the share"
whole demo "a running station cut off while saving"
echo "share: a running station cut off while saving gave its lock back itself (PC 2's ticket $number)"

# 4. the same, but recover took the station for gone and another station took
# the lock meanwhile: the station, back on the share, leaves that lock alone --
rm -f "$WORK/arm"
YC_SIM_THINK_MS=100 paused 3 demo.db "$YC_SIM" "$LAB/pc1/demo.db" unix-dotfile 2 12 "$WORK/sim.out" 60 &
sim=$!
sleep 2
arm
wait_paused "station-sim"
rig_cut 1
# its mark not renewed for long: recover (on PC 2) takes it for gone
touch -d "60 seconds ago" "$srv"/demo.db.stations/*
yc 2 demo recover > "$WORK/recover.out" 2>&1 || fail "recover while PC 1 is cut off: $(cat "$WORK/recover.out")"
grep -q "removed the mark of station sim-2" "$WORK/recover.out" || fail "recover report: $(cat "$WORK/recover.out")"
grep -q "took over the stale lock" "$WORK/recover.out" || fail "recover report: $(cat "$WORK/recover.out")"
mkdir "$srv/demo.db.lock"   # another station's save now
bash "$rig" up >> "$WORK/rig.log" 2>&1 || fail "the share did not come back"
rm -f "$WORK/paused"
sleep 3
[ -d "$srv/demo.db.lock" ] || fail "the station back on the share removed another station's lock"
rmdir "$srv/demo.db.lock"
wait "$sim"
grep -q '^done ' "$WORK/sim.out" || fail "the station did not go on: $(tail -3 "$WORK/sim.out")"
whole demo "a station taken for gone"
echo "share: a station recover took for gone left the lock of the one after it alone"

rig_down
trap - EXIT
rm -rf "$WORK"
