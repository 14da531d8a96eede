#!/bin/sh
# A station killed while saving on the network-share locking leaves a stale
# dot-lock and a hot journal: stations then say so in plain words (to each
# reader what they can do, the lock's age as it is), `recover` waits for
# and refuses while any station still renews its presence mark (however
# its host name and process ID look), then takes the lock over, undoes the
# half-done save and checks the database, and fails, saying what to do,
# when the save cannot be undone. A hot journal with no lock (its station
# lost the lock) is rolled back by the next station before it reads.
# `check` finds an edited event.
. "$(dirname "$0")/lib.sh"

db="$WORK/hall.db"
conf="$WORK/share.conf"
printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 800; stale_lock_seconds = 60; };\nsite: { code = "WSQ"; };\n' "$db" > "$conf"
yc() { "$YC_BIN" --lang en --config "$conf" "$@"; }
yc init --db "$db" > /dev/null || fail "init"
command -v sqlite3 > /dev/null || fail "sqlite3 is needed"

# 1. a station at work: recover refuses and names it
if [ -n "${TMUX_BIN:-}" ]; then
	sock="yc-recover-$$"
	"$TMUX_BIN" -L "$sock" -f /dev/null new-session -d -x 80 -y 24 \
		"env TERM=screen-256color '$YC_BIN' --lang en --config '$conf' board"
	i=0
	until ls "$db.stations"/* > /dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 50 ] && fail "the board left no presence mark"; sleep 0.1
	done
	# the board renews its mark every 15 s: recover waits for that
	yc recover > "$WORK/out" 2> "$WORK/err" && fail "recover ran while a station was working"
	grep -q "still working: it renewed its mark" "$WORK/out" || fail "recover did not name the station: $(cat "$WORK/out")"
	grep -q "ask them to quit" "$WORK/err" || fail "recover's refusal: $(cat "$WORK/err")"
	"$TMUX_BIN" -L "$sock" kill-server
	i=0
	while ls "$db.stations"/* > /dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 50 ] && fail "a station that quit left its mark"; sleep 0.1
	done
else
	echo "tmux not found: the 'station still working' part is skipped"
fi

# 1b. a station whose host name and process ID say nothing here: a PC cloned
# with this one's name, or a PID namespace of its own (its PID is none of
# this PC's). Renewing its mark, it is working: recover must not call it dead.
mkdir -p "$db.stations"
mark="$db.stations/$(hostname)-2147480000"
printf '综合受理9号窗\n' > "$mark"
( i=0; while [ $i -lt 40 ] && [ -f "$mark" ]; do touch "$mark" 2> /dev/null; sleep 0.5; i=$((i + 1)); done ) &
renewer=$!
yc recover > "$WORK/out" 2> "$WORK/err" && fail "recover ran while a station of another PID namespace worked"
kill "$renewer" 2> /dev/null; wait "$renewer" 2> /dev/null
grep -q "综合受理9号窗 \[$(hostname)-2147480000\] is still working" "$WORK/out" ||
	fail "recover did not name the working station: $(cat "$WORK/out")"
[ -f "$mark" ] || fail "recover removed the mark of a working station"
# the same station gone: its mark not renewed for 40 s; recover waits until
# it is 45 s old, then takes it for gone
touch -d "40 seconds ago" "$mark"
start=$(date +%s)
yc recover > "$WORK/out" 2> "$WORK/err" || fail "recover after the station went: $(cat "$WORK/out" "$WORK/err")"
grep -q "renewed its mark 40 seconds ago (at [0-9:]*): waiting until" "$WORK/out" ||
	fail "recover did not say what it waits for: $(cat "$WORK/out")"
grep -q "removed the mark of station 综合受理9号窗 .*: it is gone" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
waited=$(( $(date +%s) - start ))
[ "$waited" -ge 3 ] && [ "$waited" -le 15 ] || fail "recover waited ${waited}s for a mark 40 s old (45 s is gone)"
[ ! -e "$mark" ] || fail "the mark of a gone station is still there"

# 2. a writer killed mid-transaction, pages already spilled into the file
sqlite3 "file:$db?vfs=unix-dotfile" "PRAGMA cache_size=5;" "BEGIN IMMEDIATE;" \
	"UPDATE service_items SET guide = guide || hex(randomblob(3000));" ".system kill -9 \$PPID" \
	> /dev/null 2>&1
[ -d "$db.lock" ] || fail "test setup: no stale lock"
[ -f "$db-journal" ] || fail "test setup: no hot journal"

# 3. a fresh lock: "busy"; an old one: "stale", naming the file and the way
# out; a command line keeps no typing, and the administrator is not sent to
# the administrator
yc ticket --category combined > /dev/null 2> "$WORK/err" && fail "a ticket went through a held lock"
grep -q "busy" "$WORK/err" || fail "held lock message: $(cat "$WORK/err")"
grep -qi "sqlite\|database is locked" "$WORK/err" && fail "a raw SQLite message reached the user: $(cat "$WORK/err")"
grep -q "what you typed" "$WORK/err" && fail "a command line was told its typing is kept: $(cat "$WORK/err")"
touch -d "79 seconds ago" "$db.lock"
yc ticket --category combined > /dev/null 2> "$WORK/err" && fail "a ticket went through a stale lock"
grep -Eq "taken for (79|80|81) seconds" "$WORK/err" || fail "a 79 s old lock, as the message says: $(cat "$WORK/err")"
touch -d "10 minutes ago" "$db.lock"
yc ticket --category combined > /dev/null 2> "$WORK/err" && fail "a ticket went through a stale lock"
grep -q "$db.lock" "$WORK/err" || fail "stale message does not name the lock: $(cat "$WORK/err")"
grep -q "taken for 10 min [0-9]* s" "$WORK/err" || fail "stale message, the lock's age: $(cat "$WORK/err")"
grep -q "ask the administrator to run 'yichuang recover'" "$WORK/err" ||
	fail "stale message does not say what to do: $(cat "$WORK/err")"
grep -q "what you typed" "$WORK/err" && fail "a command line was told its typing is kept: $(cat "$WORK/err")"
yc check > /dev/null 2> "$WORK/err" && fail "check went through a stale lock"
grep -q "run 'yichuang recover' once the stations have quit" "$WORK/err" ||
	fail "the administrator's stale message: $(cat "$WORK/err")"
grep -q "ask the administrator" "$WORK/err" && fail "the administrator was sent to the administrator: $(cat "$WORK/err")"

# 4. recover: lock gone, save undone, database sound
yc recover > "$WORK/out" 2> "$WORK/err" || fail "recover failed: $(cat "$WORK/out" "$WORK/err")"
grep -q "took over the stale lock $db.lock (taken 10 min" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
grep -q "undoing it from the journal" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
grep -q "the interrupted save was undone" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
grep -q "integrity: ok" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
# the log says who recovered, from where
[ "$(sqlite3 "$db" "SELECT count(*) FROM events WHERE action = 'recover' AND station = 'recover $(id -un)@$(hostname)'")" -ge 1 ] ||
	fail "no recover event naming $(id -un)@$(hostname): $(sqlite3 "$db" "SELECT station, action FROM events ORDER BY id DESC LIMIT 3")"
[ ! -e "$db.lock" ] || fail "the lock is still there"
[ ! -e "$db-journal" ] || fail "the journal is still there"
longest=$(sqlite3 "$db" "SELECT max(length(guide)) FROM service_items")
[ "$longest" -lt 3000 ] || fail "the interrupted save was not undone (guide length $longest)"
yc check > "$WORK/out" || fail "check after recover: $(cat "$WORK/out")"
[ "$(yc ticket --category combined)" = A001 ] || fail "stations cannot work after recover"

# interrupted_save: a writer killed in the middle of a save, pages already in
# the file, DB.lock and a hot journal left behind
interrupted_save() {
	sqlite3 "file:$db?vfs=unix-dotfile" "PRAGMA cache_size=5;" "BEGIN IMMEDIATE;" \
		"UPDATE service_items SET guide = guide || hex(randomblob(3000));" ".system kill -9 \$PPID" \
		> /dev/null 2>&1
	[ -d "$db.lock" ] && [ -s "$db-journal" ] || fail "test setup: no stale lock and hot journal"
}
# guides_untouched WHAT: the interrupted save is not in the file
guides_untouched() {
	[ ! -e "$db-journal" ] || fail "$1: the journal is still there"
	longest=$(sqlite3 "$db" "SELECT max(length(guide)) FROM service_items")
	[ "$longest" -lt 3000 ] || fail "$1: the interrupted save is in the file (guide length $longest)"
}

# 4b. the hot journal of a save whose station lost the lock (an earlier
# version closing after the share came back removed DB.lock and left it):
# the next station takes the lock, rolls the save back, then works
interrupted_save
rmdir "$db.lock"
yc check > "$WORK/out" 2> "$WORK/err" || fail "check on a file with a hot journal and no lock: $(cat "$WORK/out" "$WORK/err")"
guides_untouched "a hot journal with no lock"
[ ! -e "$db.lock" ] || fail "the lock taken to undo the save was left"
[ "$(yc ticket --category combined)" = A002 ] || fail "a ticket after the save was undone"

# 4c. a hot journal that cannot be undone: a save killed after its journal
# was written and synced, before it wrote the file (tests/pause-io.c holds
# it there), while another program on this PC holds a plain SQLite write
# lock taken before, so that SQLite calls the journal cold. The station
# refuses, sends to recover and keeps the lock; recover fails too, exit 1,
# saying what to do, where it used to say "stations may start again"; with
# that program gone, recover succeeds and the killed save is not in the file
if command -v gcc > /dev/null && gcc -shared -fPIC -o "$WORK/pause-io.so" "$YC_SRCDIR/tests/pause-io.c" -ldl; then
	tickets=$(sqlite3 "$db" "SELECT count(*) FROM queue_tickets")
	mkfifo "$WORK/holder"
	sqlite3 "$db" < "$WORK/holder" > /dev/null 2>&1 &
	holder=$!
	exec 3> "$WORK/holder"
	echo "BEGIN IMMEDIATE;" >&3
	sleep 0.5
	touch "$WORK/arm"
	YC_PAUSE_ARM=$WORK/arm YC_PAUSE_FILE=/hall.db YC_PAUSE_NTH=1 YC_PAUSE_FLAG=$WORK/paused \
		LD_PRELOAD=$WORK/pause-io.so "$YC_BIN" --lang en --config "$conf" ticket --category combined > /dev/null 2>&1 &
	killed=$!
	i=0
	until [ -f "$WORK/paused" ]; do
		i=$((i + 1)); [ $i -gt 100 ] && fail "test setup: the ticket never came to its write"; sleep 0.1
	done
	kill -9 "$killed"
	wait "$killed" 2> /dev/null
	[ -d "$db.lock" ] && [ -s "$db-journal" ] || fail "test setup: no lock and journal left"
	rmdir "$db.lock"
	rm -f "$db.stations"/*   # the killed ticket's mark would hold recover 45 s
	yc ticket --category combined > "$WORK/out" 2> "$WORK/err" && fail "a ticket went through a journal that was not undone"
	grep -q "undoing it failed" "$WORK/err" && grep -q "yichuang recover" "$WORK/err" ||
		fail "a journal not undone, the station's message: $(cat "$WORK/err")"
	[ -d "$db.lock" ] && [ -s "$db-journal" ] || fail "the lock or the journal of a save not undone went"
	yc recover > "$WORK/out" 2> "$WORK/err"; rc=$?
	[ $rc = 1 ] || fail "recover with the journal left: exit $rc, wanted 1 ($(cat "$WORK/out" "$WORK/err"))"
	grep -q "^!! the journal is still there" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
	grep -q "stations may start again" "$WORK/out" && fail "recover let the stations start: $(cat "$WORK/out")"
	grep -q "no other program on this PC has the database open" "$WORK/err" && grep -q "run 'yichuang recover' again" "$WORK/err" ||
		fail "recover did not say what to do: $(cat "$WORK/err")"
	[ -d "$db.lock" ] || fail "recover gave the lock back with the journal left"
	echo "ROLLBACK;" >&3
	exec 3>&-
	wait "$holder"
	yc recover > "$WORK/out" 2> "$WORK/err" || fail "recover once the other program went: $(cat "$WORK/out" "$WORK/err")"
	grep -q "the interrupted save was undone" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
	[ ! -e "$db-journal" ] && [ ! -e "$db.lock" ] || fail "the journal or the lock is still there after recover"
	[ "$(sqlite3 "$db" "SELECT count(*) FROM queue_tickets")" = "$tickets" ] || fail "the killed ticket is in the file"
	yc check > "$WORK/out" || fail "check after the journal was undone: $(cat "$WORK/out")"
else
	echo "no gcc to build tests/pause-io.c: the part with a journal that cannot be undone is skipped"
fi

# 5. the name search's table out of step is found, and built again (a demo hall)
demo="$WORK/demo.db"
"$YC_BIN" --lang en init --demo --db "$demo" > /dev/null || fail "init --demo"
cases=$(sqlite3 "$demo" "SELECT count(*) FROM cases")
check_names() {   # check_names EXPECTED-LINE-PART: check fails and says so
	"$YC_BIN" --lang en --db "$demo" check > "$WORK/out" && fail "check did not notice: $1"
	grep -qF "$1" "$WORK/out" || fail "check report, wanted '$1': $(cat "$WORK/out")"
}
reindex_names() {
	"$YC_BIN" --lang en --db "$demo" reindex > "$WORK/out" || fail "reindex: $(cat "$WORK/out")"
	grep -q "built again: $cases cases" "$WORK/out" || fail "reindex report: $(cat "$WORK/out")"
	"$YC_BIN" --lang en --db "$demo" check > "$WORK/out" || fail "check after reindex: $(cat "$WORK/out")"
	grep -q "name search: $cases cases, each found under its applicant's name" "$WORK/out" ||
		fail "check report: $(cat "$WORK/out")"
}
"$YC_BIN" --lang en --db "$demo" check > "$WORK/out" || fail "check of the demo hall: $(cat "$WORK/out")"
grep -q "name search: $cases cases, each found under its applicant's name" "$WORK/out" ||
	fail "check report: $(cat "$WORK/out")"
sqlite3 "$demo" "DELETE FROM case_names WHERE case_id = (SELECT max(id) FROM cases);"
check_names "name search: cases it cannot find: 1; entries matching no case as it is now: 0"
reindex_names
sqlite3 "$demo" "INSERT INTO case_names VALUES ('王不在', '2020-01-01 09:00:00', 999999, '王');"
check_names "name search: cases it cannot find: 0; entries matching no case as it is now: 1"
reindex_names

# 6. an edited event is found
sqlite3 "$db" "DROP TRIGGER events_no_update; UPDATE events SET new_value = 'A999' WHERE action = 'issued';"
yc check > "$WORK/out" && fail "check did not notice an edited event"
grep -q "was changed" "$WORK/out" || fail "check report: $(cat "$WORK/out")"

echo "recover and check: all checks passed"
rm -rf "$WORK"
