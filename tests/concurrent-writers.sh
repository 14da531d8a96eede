#!/bin/sh
# Several processes issuing queue tickets into one database at the same
# moment: every ticket is saved, numbers are unique and consecutive, the
# database stays intact, and nobody sees a raw SQLite error. Run with the
# local `unix` locking and with `unix-dotfile`, the network-share mode.
. "$(dirname "$0")/lib.sh"

WRITERS=4
EACH=40

race() {
	locking=$1
	db="$WORK/race-$locking.db"
	conf="$WORK/race-$locking.conf"
	printf 'database: { path = "%s"; locking = "%s"; busy_timeout_ms = 30000; };\nsite: { code = "WSQ"; };\n' \
		"$db" "$locking" > "$conf"
	"$YC_BIN" --lang en init --db "$db" --config "$conf" > /dev/null || fail "init"
	w=1
	while [ $w -le $WRITERS ]; do
		(
			i=0
			while [ $i -lt $EACH ]; do
				"$YC_BIN" --lang en --config "$conf" ticket --category combined \
					>> "$WORK/numbers-$locking-$w" 2>> "$WORK/errors-$locking" || echo "exit $?" >> "$WORK/errors-$locking"
				i=$((i + 1))
			done
		) &
		w=$((w + 1))
	done
	wait
	total=$((WRITERS * EACH))
	[ ! -s "$WORK/errors-$locking" ] || { cat "$WORK/errors-$locking" >&2; fail "$locking: a writer reported errors"; }
	got=$(cat "$WORK"/numbers-"$locking"-* | wc -l)
	[ "$got" -eq "$total" ] || fail "$locking: $got tickets printed, wanted $total"
	uniq=$(cat "$WORK"/numbers-"$locking"-* | sort -u | wc -l)
	[ "$uniq" -eq "$total" ] || fail "$locking: duplicate ticket numbers ($uniq unique of $total)"
	rows=$(sqlite3 "$db" "SELECT count(*) FROM queue_tickets")
	[ "$rows" -eq "$total" ] || fail "$locking: $rows tickets stored, wanted $total"
	last=$(sqlite3 "$db" "SELECT max(seq) FROM queue_tickets")
	[ "$last" -eq "$total" ] || fail "$locking: numbering has gaps (last $last)"
	events=$(sqlite3 "$db" "SELECT count(*) FROM events WHERE action = 'issued'")
	[ "$events" -eq "$total" ] || fail "$locking: $events events for $total tickets"
	check=$(sqlite3 "$db" "PRAGMA integrity_check")
	[ "$check" = ok ] || fail "$locking: integrity_check says $check"
	echo "$locking: $WRITERS writers x $EACH tickets: all $total saved, unique, intact"
}

race unix
race unix-dotfile
rm -rf "$WORK"
