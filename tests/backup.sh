#!/bin/sh
# Backup while another station keeps saving: a sound, checked copy;
# never overwriting; restore brings the copy back and refuses files that are
# not sound yichuang databases of this version or older. On a server
# (YC_TEST_BACKEND=postgresql): the backup is pg_dump's custom format,
# restore fills only an empty database, in one go, and check passes after
# it even on a PC whose stations saved what the backup lacks; recover says
# a server needs none.
. "$(dirname "$0")/lib.sh"
backend_up

hall hall 'busy_timeout_ms = 20000;'
printf 'site: { code = "WSQ"; };\n' >> "$WORK/hall.conf"
on_pg || sed -i 's/ busy_timeout_ms/ locking = "unix-dotfile"; busy_timeout_ms/' "$WORK/hall.conf"
conf="$WORK/hall.conf"
yc() { "$YC_BIN" --lang en --config "$conf" "$@"; }
tickets() { hall_sql "${1:-hall}" "SELECT count(*) FROM queue_tickets"; }
hall_init hall --demo > /dev/null || fail "init"

# a first ticket before the backup (the copy then surely holds a save of
# the hall's), then another station issuing tickets all the while
yc ticket --category combined > /dev/null || fail "the first ticket"
( i=0; while [ $i -lt 30 ]; do yc ticket --category combined > /dev/null || exit 1; i=$((i + 1)); done ) &
writer=$!
yc backup "$WORK/copy.db" > "$WORK/out" 2> "$WORK/err" || fail "backup: $(cat "$WORK/out" "$WORK/err")"
wait $writer || fail "the writer failed while the backup ran"
grep -q "backup written" "$WORK/out" || fail "backup report: $(cat "$WORK/out")"
[ ! -e "$WORK/copy.db.part" ] || fail "backup left its .part file"

yc backup "$WORK/copy.db" 2> "$WORK/err" && fail "backup overwrote a file"
grep -q "already exists" "$WORK/err" || fail "overwrite message: $(cat "$WORK/err")"

printf 'nothing like a database' > "$WORK/junk.db"
if ! on_pg; then
	[ "$(sqlite3 "$WORK/copy.db" 'PRAGMA integrity_check')" = ok ] || fail "the backup is not sound"
	"$YC_BIN" --lang en --db "$WORK/copy.db" check > /dev/null || fail "check finds problems in the backup"
	saved=$(sqlite3 "$WORK/copy.db" "SELECT count(*) FROM queue_tickets")

	yc ticket --category combined > /dev/null
	# the pages each save wrote, kept beside the file for the other
	# stations (DB.pages): the history the restore replaces must not
	# lead into the one after it, so both logs begin again
	pages_before=$(stat -c %s "$WORK/hall.db.pages" 2> /dev/null || echo 0)
	[ "$pages_before" -gt 0 ] || fail "no DB.pages beside the hall before the restore"
	yc restore "$WORK/copy.db" > "$WORK/out" || fail "restore: $(cat "$WORK/out")"
	[ "$(tickets)" = "$saved" ] || fail "restore did not bring the backup back"
	pages_after=$(stat -c %s "$WORK/hall.db.pages" 2> /dev/null || echo 0)
	[ "$pages_after" -lt "$pages_before" ] ||
		fail "DB.pages still holds the replaced history's pages ($pages_after bytes, $pages_before before)"
	yc check > /dev/null || fail "check after restore"

	yc restore "$WORK/junk.db" 2> "$WORK/err" && fail "restored from junk"
	grep -q "not a yichuang database" "$WORK/err" || fail "junk message: $(cat "$WORK/err")"
	cp "$WORK/copy.db" "$WORK/newer.db"
	sqlite3 "$WORK/newer.db" "PRAGMA user_version = 99"
	yc restore "$WORK/newer.db" 2> "$WORK/err" && fail "restored a newer database"
	grep -q "newer" "$WORK/err" || fail "newer message: $(cat "$WORK/err")"
	[ "$(tickets)" = "$saved" ] || fail "a refused restore changed the database"
	echo "backup and restore: all checks passed"
	hall_done
	exit 0
fi

# On the server. The copy is PostgreSQL's own custom format.
pg_restore --list "$WORK/copy.db" | grep -q "TABLE DATA public events" || fail "the backup is no pg_dump archive with the events"
# the rows of one table the archive holds
archive_rows() {
	pg_restore --data-only --table="$1" -f - "$WORK/copy.db" |
		awk -v t="COPY public.$1 " 'index($0, t) == 1 { on = 1; next } $0 == "\\." { on = 0 } on { n++ } END { print n + 0 }'
}
saved=$(archive_rows queue_tickets)
saved_events=$(archive_rows events)
[ "$saved_events" -ge 2 ] || fail "the backup holds $saved_events events"

# restore fills an empty database only: this one has tables, nothing changes
before=$(tickets)
run "$YC_BIN" --lang en --config "$conf" restore "$WORK/copy.db"
expect_rc 1 "restore into the hall's own database"
expect_err "already has tables; a restore only fills an empty database" "restore into a database with tables"
[ "$(tickets)" = "$before" ] || fail "a refused restore changed the database"

# into an empty one: the backup's rows, and check finds nothing wrong
hall copy 'busy_timeout_ms = 20000;'
printf 'site: { code = "WSQ"; };\n' >> "$WORK/copy.conf"
run "$YC_BIN" --lang en --config "$WORK/copy.conf" restore "$WORK/copy.db"
expect_rc 0 "restore into an empty database"
expect_out "restored $(hall_conn copy) from $WORK/copy.db" "restore's report"
[ "$(tickets copy)" = "$saved" ] || fail "the restored tickets: $(tickets copy), the backup's $saved"
[ "$(hall_sql copy "SELECT count(*) FROM events")" = $((saved_events + 1)) ] &&
	[ "$(hall_sql copy "SELECT action FROM events ORDER BY id DESC LIMIT 1")" = restore ] || fail "the restore is not the log's next event"
run "$YC_BIN" --lang en --config "$WORK/copy.conf" check
expect_rc 0 "check after restore: $out"
# the numbers go on from the backup's, with no gap and no twin
run "$YC_BIN" --lang en --config "$WORK/copy.conf" ticket --category combined
expect_rc 0 "a ticket after restore"
[ "$(hall_sql copy "SELECT count(*) = count(DISTINCT seq) AND max(seq) = count(*) FROM queue_tickets WHERE category = 'combined'")" = t ] ||
	fail "the restored hall's numbers: $(hall_sql copy "SELECT number FROM queue_tickets ORDER BY id")"

# The hall's database lost and made again under its name: the backup put
# back into it; this PC's stations saved events the backup lacks, and
# check says a restore dropped them instead of a log cut outside the program.
yc ticket --category combined > /dev/null || fail "a ticket after the backup"
psql "$pg_conn" -X -q -c 'DROP DATABASE hall' -c 'CREATE DATABASE hall' || fail "could not make the hall's database again"
run "$YC_BIN" --lang en --config "$conf" restore "$WORK/copy.db"
expect_rc 0 "restore into the emptied hall"
run "$YC_BIN" --lang en --config "$conf" check
expect_rc 0 "check after the restore, with this PC's later heads: $out"
printf '%s' "$out" | grep -q "of this PC last sa.* event .*, which .*restore.* dropped" ||
	fail "the later head is not told as dropped by the restore: $out"

# what is no backup of a server: said, and the empty target stays empty
hall empty
printf 'site: { code = "WSQ"; };\n' >> "$WORK/empty.conf"
ey() { run "$YC_BIN" --lang en --config "$WORK/empty.conf" "$@"; }
ey restore "$WORK/junk.db"
expect_rc 1 "restore of junk"
expect_err "is not a yichuang backup of a server" "restore of junk"
one_line_err "restore of junk"
"$YC_BIN" --lang en init --db "$WORK/file.db" > /dev/null || fail "init of a file"
ey restore "$WORK/file.db"
expect_rc 2 "restore of a database file"
expect_err "yichuang migrate-to-postgresql --from $WORK/file.db" "a file is sent to migrate-to-postgresql"
head -c 20000 "$WORK/copy.db" > "$WORK/cut.db"
ey restore "$WORK/cut.db"
expect_rc 1 "restore of a cut backup"
expect_err "is not a yichuang backup of a server" "restore of a cut backup"
# a backup of a newer program's database
psql "$(hall_conn copy)" -X -q -c 'UPDATE schema_meta SET user_version = 99' || fail "psql"
pg_dump -Fc --dbname="$(hall_conn copy)" -f "$WORK/newer.db" || fail "pg_dump"
ey restore "$WORK/newer.db"
expect_rc 1 "restore of a newer backup"
expect_err "newer yichuang (schema 99" "restore of a newer backup"
[ "$(hall_sql empty "SELECT count(*) FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public'")" = 0 ] ||
	fail "a refused restore left something in the empty database"

# a backup that cannot be taken: said, nothing written
printf 'database: { backend = "postgresql"; conninfo = "%s"; };\n' "$(hall_conn nosuch)" > "$WORK/nosuch.conf"
run "$YC_BIN" --lang en --config "$WORK/nosuch.conf" backup "$WORK/none.db"
expect_rc 1 "backup of a database that is not there"
[ ! -e "$WORK/none.db" ] && [ ! -e "$WORK/none.db.part" ] || fail "a failed backup left a file"

# recover: a server needs none, said in Chinese with what to do instead
run "$YC_BIN" --config "$conf" recover
expect_rc 0 "recover on a server"
expect_out "不需要用 yichuang 恢复" "recover on a server"
expect_out "yichuang check" "recover on a server says what to do"
[ "$(hall_sql hall "SELECT count(*) FROM events WHERE action = 'recover'")" = 0 ] || fail "recover on a server wrote an event"

echo "backup and restore on a server: all checks passed"
hall_done
