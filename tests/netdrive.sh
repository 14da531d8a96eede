#!/bin/sh
# Many stations on one network drive (tests/share-rig.sh: one folder
# served over SSH on 127.0.0.1 and mounted twice with sshfs, each mount a
# "PC" with its own cache and lock table): 8 stations, 4 on each PC, issue
# tickets at once with unix-dotfile locking; then a station dies while
# saving on one PC and the administrator recovers from the other.
. "$(dirname "$0")/lib.sh"

trap rig_down EXIT
rig_up

STATIONS=8 EACH=15
server="$LAB/server/hall.db"
for pc in 1 2; do
	printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 60000; stale_lock_seconds = 120; };\nsite: { code = "WSQ"; };\n' \
		"$LAB/pc$pc/hall.db" > "$WORK/pc$pc.conf"
done
"$YC_BIN" --lang en --config "$WORK/pc1.conf" init --db "$LAB/pc1/hall.db" > /dev/null || fail "init on the share"

start=$(date +%s)
s=1
while [ $s -le $STATIONS ]; do
	pc=$(( (s % 2) + 1 ))
	(
		i=0
		while [ $i -lt $EACH ]; do
			"$YC_BIN" --lang en --config "$WORK/pc$pc.conf" ticket --category combined \
				>> "$WORK/numbers-$s" 2>> "$WORK/errors" || echo "station $s: exit $?" >> "$WORK/errors"
			i=$((i + 1))
		done
	) &
	s=$((s + 1))
done
wait
elapsed=$(( $(date +%s) - start ))
total=$((STATIONS * EACH))
[ ! -s "$WORK/errors" ] || { cat "$WORK/errors" >&2; fail "stations reported errors"; }
got=$(cat "$WORK"/numbers-* | wc -l)
uniq=$(cat "$WORK"/numbers-* | sort -u | wc -l)
[ "$got" -eq "$total" ] && [ "$uniq" -eq "$total" ] || fail "$got tickets, $uniq unique, wanted $total"
[ "$(sqlite3 "$server" 'SELECT count(*), max(seq) FROM queue_tickets')" = "$total|$total" ] ||
	fail "stored tickets: $(sqlite3 "$server" 'SELECT count(*), max(seq) FROM queue_tickets')"
[ "$(sqlite3 "$server" 'PRAGMA integrity_check')" = ok ] || fail "integrity_check after the race"
echo "share: $STATIONS stations on 2 PCs, $total tickets in ${elapsed}s: all saved, unique, intact"

# a station on PC 1 dies while saving, pages already in the file
sqlite3 "file:$LAB/pc1/hall.db?vfs=unix-dotfile" "PRAGMA cache_size=5;" "BEGIN IMMEDIATE;" \
	"UPDATE service_items SET guide = guide || hex(randomblob(3000));" ".system kill -9 \$PPID" \
	> /dev/null 2>&1
[ -d "$LAB/server/hall.db.lock" ] && [ -f "$LAB/server/hall.db-journal" ] ||
	fail "test setup: no stale lock and hot journal on the share"
touch -d "10 minutes ago" "$LAB/server/hall.db.lock"
stale_start=$(date +%s)
"$YC_BIN" --lang en --config "$WORK/pc2.conf" ticket --category combined > /dev/null 2> "$WORK/err" &&
	fail "PC 2 saved through a stale lock"
grep -q "yichuang recover" "$WORK/err" || fail "PC 2 was not told what happened: $(cat "$WORK/err")"
# told at once, not after the whole busy timeout (60 s here)
[ $(( $(date +%s) - stale_start )) -lt 30 ] || fail "PC 2 waited out the busy timeout on a stale lock"
"$YC_BIN" --lang en --config "$WORK/pc2.conf" recover > "$WORK/out" 2>&1 || fail "recover from PC 2: $(cat "$WORK/out")"
[ "$(sqlite3 "$server" 'PRAGMA integrity_check')" = ok ] || fail "integrity after recover"
longest=$(sqlite3 "$server" "SELECT max(length(guide)) FROM service_items")
[ "$longest" -lt 3000 ] || fail "the interrupted save was not undone"
[ "$("$YC_BIN" --lang en --config "$WORK/pc1.conf" ticket --category combined)" = "A$(printf '%03d' $((total + 1)))" ] ||
	fail "PC 1 cannot carry on after recover"
echo "share: a station killed while saving, recovered from the other PC; both carry on"
rig_down
trap - EXIT
rm -rf "$WORK"
