#!/bin/sh
# A station killed while saving on the network-share locking leaves a stale
# dot-lock and a hot journal: stations then say so in plain words, `recover`
# refuses while any station is still working, then removes the lock, undoes
# the half-done save and checks the database; `check` finds an edited event.
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
	yc recover > "$WORK/out" 2> "$WORK/err" && fail "recover ran while a station was working"
	grep -q "still working" "$WORK/out" || fail "recover did not name the station: $(cat "$WORK/out")"
	grep -q "ask them to quit" "$WORK/err" || fail "recover's refusal: $(cat "$WORK/err")"
	"$TMUX_BIN" -L "$sock" kill-server
	i=0
	while ls "$db.stations"/* > /dev/null 2>&1; do
		i=$((i + 1)); [ $i -gt 50 ] && fail "a station that quit left its mark"; sleep 0.1
	done
else
	echo "tmux not found: the 'station still working' part is skipped"
fi

# 2. a writer killed mid-transaction, pages already spilled into the file
sqlite3 "file:$db?vfs=unix-dotfile" "PRAGMA cache_size=5;" "BEGIN IMMEDIATE;" \
	"UPDATE service_items SET guide = guide || hex(randomblob(3000));" ".system kill -9 \$PPID" \
	> /dev/null 2>&1
[ -d "$db.lock" ] || fail "test setup: no stale lock"
[ -f "$db-journal" ] || fail "test setup: no hot journal"

# 3. a fresh lock: "busy"; an old one: "stale", naming the file and the way out
yc ticket --category combined > /dev/null 2> "$WORK/err" && fail "a ticket went through a held lock"
grep -q "busy" "$WORK/err" || fail "held lock message: $(cat "$WORK/err")"
grep -qi "sqlite\|database is locked" "$WORK/err" && fail "a raw SQLite message reached the user: $(cat "$WORK/err")"
touch -d "10 minutes ago" "$db.lock"
yc ticket --category combined > /dev/null 2> "$WORK/err" && fail "a ticket went through a stale lock"
grep -q "$db.lock" "$WORK/err" || fail "stale message does not name the lock: $(cat "$WORK/err")"
grep -q "yichuang recover" "$WORK/err" || fail "stale message does not say what to do: $(cat "$WORK/err")"

# 4. recover: lock gone, save undone, database sound
yc recover > "$WORK/out" 2> "$WORK/err" || fail "recover failed: $(cat "$WORK/out" "$WORK/err")"
grep -q "removed the stale lock" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
grep -q "undoing it from the journal" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
grep -q "integrity: ok" "$WORK/out" || fail "recover report: $(cat "$WORK/out")"
[ ! -e "$db.lock" ] || fail "the lock is still there"
[ ! -e "$db-journal" ] || fail "the journal is still there"
longest=$(sqlite3 "$db" "SELECT max(length(guide)) FROM service_items")
[ "$longest" -lt 3000 ] || fail "the interrupted save was not undone (guide length $longest)"
yc check > "$WORK/out" || fail "check after recover: $(cat "$WORK/out")"
[ "$(yc ticket --category combined)" = A001 ] || fail "stations cannot work after recover"


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
