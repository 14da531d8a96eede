#!/bin/sh
# Backup while another station keeps saving: a sound, checked copy;
# never overwriting; restore brings the copy back and refuses files that are
# not sound yichuang databases of this version or older.
. "$(dirname "$0")/lib.sh"

db="$WORK/hall.db"
conf="$WORK/share.conf"
printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 20000; };\nsite: { code = "WSQ"; };\n' "$db" > "$conf"
yc() { "$YC_BIN" --lang en --config "$conf" "$@"; }
yc init --db "$db" --demo > /dev/null || fail "init"

# another station issuing tickets all the while
( i=0; while [ $i -lt 30 ]; do yc ticket --category combined > /dev/null || exit 1; i=$((i + 1)); done ) &
writer=$!
yc backup "$WORK/copy.db" > "$WORK/out" 2> "$WORK/err" || fail "backup: $(cat "$WORK/out" "$WORK/err")"
wait $writer || fail "the writer failed while the backup ran"
grep -q "backup written" "$WORK/out" || fail "backup report: $(cat "$WORK/out")"
[ ! -e "$WORK/copy.db.part" ] || fail "backup left its .part file"
[ "$(sqlite3 "$WORK/copy.db" 'PRAGMA integrity_check')" = ok ] || fail "the backup is not sound"
"$YC_BIN" --lang en --db "$WORK/copy.db" check > /dev/null || fail "check finds problems in the backup"
saved=$(sqlite3 "$WORK/copy.db" "SELECT count(*) FROM queue_tickets")

yc backup "$WORK/copy.db" 2> "$WORK/err" && fail "backup overwrote a file"
grep -q "already exists" "$WORK/err" || fail "overwrite message: $(cat "$WORK/err")"

yc ticket --category combined > /dev/null
yc restore "$WORK/copy.db" > "$WORK/out" || fail "restore: $(cat "$WORK/out")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM queue_tickets")" = "$saved" ] || fail "restore did not bring the backup back"
yc check > /dev/null || fail "check after restore"

printf 'nothing like a database' > "$WORK/junk.db"
yc restore "$WORK/junk.db" 2> "$WORK/err" && fail "restored from junk"
grep -q "not a yichuang database" "$WORK/err" || fail "junk message: $(cat "$WORK/err")"
cp "$WORK/copy.db" "$WORK/newer.db"
sqlite3 "$WORK/newer.db" "PRAGMA user_version = 99"
yc restore "$WORK/newer.db" 2> "$WORK/err" && fail "restored a newer database"
grep -q "newer" "$WORK/err" || fail "newer message: $(cat "$WORK/err")"
[ "$(sqlite3 "$db" "SELECT count(*) FROM queue_tickets")" = "$saved" ] || fail "a refused restore changed the database"

echo "backup and restore: all checks passed"
rm -rf "$WORK"
