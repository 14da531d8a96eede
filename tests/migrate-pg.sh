#!/bin/sh
# migrate-pg.sh - `yichuang migrate-to-postgresql --from FILE --to CONNINFO`
# (issue #24): a demo hall with some activity moves to a throw-away
# cluster whole (every table's rows, the ids, the event chain, the
# sequences past the ids); a second run, a password in the connection
# string and a file of an older schema are refused; a migration
# interrupted with Ctrl-C (SIGINT) in the middle of a bigger history
# leaves the target as it was, without even the schema. Skipped (77)
# when PostgreSQL is not installed (Debian package postgresql).
. "$YC_SRCDIR/tests/lib.sh"

command -v sqlite3 > /dev/null || skip "sqlite3 is not installed"
pg_cluster_up

pg() { psql "$conn" -X -q -At -v ON_ERROR_STOP=1 "$@"; }
lite() { sqlite3 -batch "$WORK/hall.db" "$@"; }
yc() { run "$YC_BIN" --lang en --db "$WORK/hall.db" "$@"; }

# A demo hall, then some activity through the commands: tickets, a user,
# a window, a site (each with its events).
run "$YC_BIN" --lang en init --demo --db "$WORK/hall.db"
expect_rc 0 "init --demo"
for c in combined combined bundle; do
	yc ticket --category $c
	expect_rc 0 "ticket"
done
yc user add li.na --role intake --name 李娜
expect_rc 0 "user add"
yc site add DBZ --name 达布察克镇便民服务中心 --level township
expect_rc 0 "site add"

# The program's tables (the file's, FTS5's shadows and SQLite's own aside).
tables=$(lite "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite%'
               AND name NOT GLOB 'item_names_*' AND name NOT GLOB 'item_texts_*' ORDER BY name")
[ "$(printf '%s\n' "$tables" | wc -l)" -gt 50 ] || fail "the demo hall's tables: $tables"
lite_counts() { for t in $tables; do echo "$t $(lite "SELECT count(*) FROM $t")"; done; }
pg_counts() { for t in $tables; do echo "$t $(pg -c "SELECT count(*) FROM $t")"; done; }
lite_counts > "$WORK/lite.counts"
[ "$(lite "SELECT count(*) FROM events")" -gt 3 ] || fail "the activity made no events"

# The move, in English for the messages below; the progress on stderr.
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "$conn"
expect_rc 0 "migrate"
expect_err "cases" "the progress names the tables"
expect_err "100%" "the progress says the percentage"
expect_err "rows/s" "the progress says the speed"
expect_err "are equal on both sides" "the verdict"
expect_out "Table" "the table of counts"
printf '%s' "$out" | grep -q "differs" && fail "a table differs: $out"
# the planner has its statistics at once, not when autovacuum comes by
expect_err "statistics were gathered" "the statistics' line"
[ "$(pg -c "SELECT count(*) FROM pg_stat_user_tables WHERE relname IN ('cases', 'events', 'applicants')
             AND last_analyze IS NOT NULL AND last_vacuum IS NOT NULL")" = 3 ] ||
	fail "the migrated tables were not analysed: $(pg -c "SELECT relname, last_analyze, last_vacuum FROM pg_stat_user_tables")"
expect_out "$(lite "SELECT hash FROM events ORDER BY id DESC LIMIT 1")" "the chain's last hash printed"

# Counts, ids and the chain on the server, as in the file.
pg_counts > "$WORK/pg.counts"
diff "$WORK/lite.counts" "$WORK/pg.counts" > "$WORK/counts.diff" || fail "counts differ: $(cat "$WORK/counts.diff")"
for t in cases queue_tickets users sites events applicants service_items materials; do
	[ "$(lite "SELECT group_concat(id, ',') FROM (SELECT id FROM $t ORDER BY id)")" = \
	  "$(pg -c "SELECT string_agg(CAST(id AS text), ',' ORDER BY id) FROM $t")" ] || fail "$t's ids differ"
done
[ "$(lite "SELECT group_concat(id || ':' || hash, ',') FROM (SELECT id, hash FROM events ORDER BY id)")" = \
  "$(pg -c "SELECT string_agg(id || ':' || hash, ',' ORDER BY id) FROM events")" ] || fail "the event chain differs"
[ "$(lite "SELECT number FROM queue_tickets ORDER BY id DESC LIMIT 1")" = \
  "$(pg -c "SELECT number FROM queue_tickets ORDER BY id DESC LIMIT 1")" ] || fail "the last ticket differs"
[ "$(pg -c "SELECT user_version FROM schema_meta")" = "$(lite "PRAGMA user_version")" ] || fail "schema_meta's version"
# the audit's triggers are there, as init makes them: the server's saves are sealed
[ "$(pg -c "SELECT count(*) FROM pg_trigger WHERE tgname IN ('cases_audit', 'applicants_audit', 'users_audit', 'notices_audit', 'results_audit')")" = 5 ] ||
	fail "the audit's triggers are missing on the target"
# the next id a station takes is past the ones copied
[ "$(pg -c "SELECT nextval(pg_get_serial_sequence('events', 'id')) > (SELECT max(id) FROM events)")" = t ] ||
	fail "the events' sequence was not moved past the ids"
# the event log stays append-only, the triggers are on again
pg -c "UPDATE events SET detail = 'x' WHERE id = 1" 2> /dev/null && fail "an event could be changed after the move"
[ "$(pg -c "SELECT count(*) FROM pg_trigger WHERE NOT tgisinternal AND tgenabled = 'D'")" = 0 ] ||
	fail "a trigger was left disabled"

# A second run: refused, naming the tables with rows; nothing changed.
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "$conn"
[ "$rc" != 0 ] || fail "a second migration into the same database was not refused"
expect_err "is not empty" "second run"
expect_err "(applicants, " "second run names the tables"
one_line_err "second run"
pg_counts | diff "$WORK/lite.counts" - > /dev/null || fail "the refused run changed the target"
# and in Chinese, the program's first language
run "$YC_BIN" migrate-to-postgresql --from "$WORK/hall.db" --to "$conn"
expect_err "不是空的" "second run in Chinese"

# A password on the command line: refused before connecting, both forms.
pg -c "CREATE DATABASE other"
other=$(printf '%s' "$conn" | sed 's/dbname=yichuang/dbname=other/')
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "$other password=secret"
expect_rc 2 "password in the connection string"
expect_err "may not be written on the command line" "password in the connection string"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "postgresql://postgres:secret@/other"
expect_rc 2 "password in a URI"
[ "$(psql "$other" -X -At -c "SELECT count(*) FROM pg_tables WHERE schemaname = 'public'")" = 0 ] ||
	fail "a refused run made tables"

# A target whose schema is there already (and empty) is taken; a copy that
# comes out different on the server is not kept: here an event trigger
# (the test's, as the superuser) loses a row at each ALTER TABLE.
pg -c "CREATE DATABASE third"
third=$(printf '%s' "$conn" | sed 's/dbname=yichuang/dbname=third/')
psql "$third" -X -q -v ON_ERROR_STOP=1 -f "$YC_SRCDIR/data/pg/schema.sql" > "$WORK/third.log" 2>&1 ||
	fail "data/pg/schema.sql: $(cat "$WORK/third.log")"
psql "$third" -X -q -v ON_ERROR_STOP=1 -c "CREATE FUNCTION lose_a_row() RETURNS event_trigger LANGUAGE plpgsql AS
  \$\$ BEGIN DELETE FROM online_materials WHERE ctid = (SELECT max(ctid) FROM online_materials); END \$\$;
  CREATE EVENT TRIGGER lose_a_row ON ddl_command_end WHEN TAG IN ('ALTER TABLE') EXECUTE FUNCTION lose_a_row()" ||
	fail "the event trigger"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "$third"
expect_rc 1 "a copy that differs"
expect_err "differ on the server" "a copy that differs"
printf '%s\n' "$out" | grep -q "^online_materials .*differs" || fail "the table of counts does not mark the difference: $out"
[ "$(psql "$third" -X -At -c "SELECT count(*) FROM online_materials") $(psql "$third" -X -At -c "SELECT count(*) FROM cases")" = "0 0" ] ||
	fail "a copy that differed was kept"
psql "$third" -X -q -c "DROP EVENT TRIGGER lose_a_row"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db" --to "$third"
expect_rc 0 "into an empty schema made beforehand"

# A file of an older schema: refused, saying to upgrade it first.
cp "$WORK/hall.db" "$WORK/old.db"
sqlite3 "$WORK/old.db" "PRAGMA user_version = 27"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/old.db" --to "$other"
[ "$rc" != 0 ] || fail "a file of an older schema was migrated"
expect_err "upgrade it first" "older schema"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/nothing.db" --to "$other"
[ "$rc" != 0 ] || fail "a missing file was migrated"
expect_err "is not a yichuang database" "missing file"
run "$YC_BIN" --lang en migrate-to-postgresql --from "$WORK/hall.db"
expect_rc 2 "without --to"

# Ctrl-C in the middle of a bigger history: the transaction rolls back,
# the target is as it was (no tables: the schema made in it goes too).
[ -x "${YC_GEN_HISTORY:-}" ] || fail "bench/gen-history is not built (YC_GEN_HISTORY)"
printf 'database: { key_file = "%s"; };\nsite: { code = "WSQ"; name = "乌审旗政务服务中心"; level = "banner"; };\n' \
	"$WORK/event.key" > "$WORK/wsq.conf"
run "$YC_BIN" --lang en --config "$WORK/wsq.conf" init --demo --db "$WORK/big.db"
expect_rc 0 "init the bigger hall"
run "$YC_GEN_HISTORY" "$WORK/big.db" -n 20000 --no-analyze
expect_rc 0 "gen-history"
# gen-history writes its records past the program, unsealed: check (which
# the migration runs on both sides) would refuse them; sealed as they are
# with the key init made
run "$YC_BIN" --lang en --config "$WORK/wsq.conf" --db "$WORK/big.db" seal
expect_rc 0 "seal the generated history"
: > "$WORK/big.err"   # there before the loop below reads it
"$YC_BIN" --lang en --config "$WORK/wsq.conf" migrate-to-postgresql --from "$WORK/big.db" --to "$other" > "$WORK/big.out" 2> "$WORK/big.err" &
pid=$!
# a few tables done (a line each), the big ones still to come (a signal
# before the program catches it would be ignored: a background job's is)
i=0
while [ "$(wc -l < "$WORK/big.err")" -lt 8 ] && [ $i -lt 600 ]; do
	sleep 0.05
	i=$((i + 1))
done
kill -INT $pid
wait $pid
rc=$?
[ "$rc" = 130 ] || fail "interrupted migration: exit $rc, wanted 130 ($(cat "$WORK/big.err"))"
grep -q "interrupted: nothing was written" "$WORK/big.err" || fail "interrupted migration: $(cat "$WORK/big.err")"
[ "$(psql "$other" -X -At -c "SELECT count(*) FROM pg_class WHERE relnamespace = 'public'::regnamespace")" = 0 ] ||
	fail "the interrupted migration left something on the target"
# and the same migration, left alone, goes through
run "$YC_BIN" --lang en --config "$WORK/wsq.conf" migrate-to-postgresql --from "$WORK/big.db" --to "$other"
expect_rc 0 "the bigger hall"
[ "$(psql "$other" -X -At -c "SELECT count(*) FROM cases")" = "$(sqlite3 "$WORK/big.db" "SELECT count(*) FROM cases")" ] ||
	fail "the bigger hall's cases"
exit 0
