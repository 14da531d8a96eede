#!/bin/sh
# Changes made to the shared file with the sqlite3 shell, each found and
# named by `check` (exit 1, a line saying what and where): a case's status,
# an applicant's ID number, a notice deleted, the last ten events deleted
# (the append-only trigger dropped, or put back after), the append-only
# triggers dropped. Then: `restore` leaves its mark in the restored file,
# a station without the key works and says so, and `seal` takes the records
# as they are. (An event edited and the chain recomputed with the
# program's own hash, and a clerk made supervisor by hand: test_audit.)
# With YC_TEST_BACKEND=postgresql the same on a server, changed with psql
# (the restore there fills the hall's database made again empty).
. "$(dirname "$0")/lib.sh"
backend_up
on_pg || command -v sqlite3 > /dev/null || fail "sqlite3 is needed"

db="$WORK/hall.db"
key="$WORK/etc/event.key"
conf="$WORK/hall.conf"
hall hall "key_file = \"$key\";"
printf 'site: { code = "WSQ"; };\n' >> "$conf"
yc() { "$YC_BIN" --lang en --config "$conf" "$@"; }
q() { hall_sql hall "$1"; }
# the clean hall kept aside, and put back before each change by hand
keep_clean() {
	if on_pg; then
		psql "$pg_conn" -X -q -c 'CREATE DATABASE clean TEMPLATE hall' || fail "psql: keep the clean hall"
	else
		cp "$db" "$WORK/clean.db"
	fi
}
put_back_clean() {
	if on_pg; then
		psql "$pg_conn" -X -q -c 'DROP DATABASE hall' -c 'CREATE DATABASE hall TEMPLATE clean' || fail "psql: put the clean hall back"
	else
		cp "$WORK/clean.db" "$db"
	fi
}
# a trigger dropped, in either backend's words
drop_trigger() { if on_pg; then echo "DROP TRIGGER $1 ON events;"; else echo "DROP TRIGGER $1;"; fi; }

# the key: made once, for this user only, never replaced
run yc keygen
expect_rc 0 "keygen"
expect_out "Copy it to the same place on every station" "keygen"
[ "$(stat -c %a "$key")" = 600 ] || fail "the key file is not 0600: $(stat -c %a "$key")"
run yc keygen
expect_rc 1 "keygen over a key"
expect_err "already exists" "keygen over a key"

run hall_init hall --demo
expect_rc 0 "init"
expect_out "The database is sealed with the key" "init"
i=0
while [ $i -lt 12 ]; do yc ticket --category combined > /dev/null || fail "ticket"; i=$((i + 1)); done
yc user add li.na --role intake --name 李娜 > /dev/null || fail "user add"
run yc check
expect_rc 0 "check of the hall at work"
expect_out "All is well." "check of the hall at work"
expect_out "sealed with the key" "check of the hall at work"
keep_clean

# tamper WHAT SQL: the change made by hand on a copy of the clean hall;
# check fails; then expect_out for what it must say
tamper() {
	put_back_clean
	if on_pg; then
		psql "$(hall_conn hall)" -X -q -v ON_ERROR_STOP=1 -c "$2" > /dev/null || fail "$1: psql refused"
	else
		sqlite3 "$db" "$2" || fail "$1: sqlite3 refused"
	fi
	run yc check
	expect_rc 1 "$1"
}

# 1. a case's status
id=$(q "SELECT min(id) FROM cases WHERE status = 'accepted'")
number=$(q "SELECT case_number FROM cases WHERE id = $id")
tamper "status" "UPDATE cases SET status = 'approved' WHERE id = $id"
expect_out "!! case $id ($number) is not as the program left it: changed outside the program" "status"

# 2. an applicant's ID number
id=$(q "SELECT min(id) FROM applicants WHERE kind = 'person'")
name=$(q "SELECT name FROM applicants WHERE id = $id")
tamper "ID number" "UPDATE applicants SET id_number = '110101199003077777' WHERE id = $id"
expect_out "!! applicant $id ($name) is not as the program left it: changed outside the program" "ID number"

# 3. a notice deleted
id=$(q "SELECT min(id) FROM notices")
tamper "notice" "DELETE FROM notices WHERE id = $id"
expect_out "!! notice $id is missing" "notice"
expect_out "it was deleted outside the program" "notice"

# 4. the last ten events deleted, the trigger in the way dropped ...
last=$(q "SELECT max(id) FROM events")
tamper "last events" "$(drop_trigger events_no_delete) DELETE FROM events WHERE id > $last - 10"
expect_out "!! trigger events_no_delete on events is missing" "last events"
expect_out "but the event log ends at event $((last - 10)): the events after it were removed outside the program" "last events"
# ... or put back word for word: this PC's stations saw further
if on_pg; then
	trigger=$(hall_sql clean "SELECT pg_get_triggerdef(oid) FROM pg_trigger WHERE tgname = 'events_no_delete'")
else
	trigger=$(sqlite3 "$WORK/clean.db" "SELECT sql FROM sqlite_master WHERE name = 'events_no_delete'")
fi
tamper "last events, trigger back" "$(drop_trigger events_no_delete) DELETE FROM events WHERE id > $last - 10; $trigger"
expect_out "but the event log ends at event $((last - 10)): the events after it were removed outside the program" \
	"last events, trigger back"
printf '%s' "$out" | grep -q "trigger events_no_delete" && fail "the trigger put back is not as it was: $out"

# 5. the append-only triggers dropped
tamper "triggers" "$(drop_trigger events_no_update) $(drop_trigger events_no_delete)"
expect_out "!! trigger events_no_update on events is missing: it was dropped outside the program, and the event log could be edited" "triggers"
expect_out "!! trigger events_no_delete on events is missing" "triggers"
# ... or one added that changes records behind the program's back
if on_pg; then
	tamper "trigger added" "CREATE FUNCTION promote() RETURNS trigger LANGUAGE plpgsql AS \$\$ BEGIN
		UPDATE users SET role = 'supervisor' WHERE login = 'intake'; RETURN NULL; END \$\$;
		CREATE TRIGGER promote AFTER UPDATE ON cases FOR EACH ROW EXECUTE FUNCTION promote()"
else
	tamper "trigger added" "CREATE TRIGGER promote AFTER UPDATE ON cases BEGIN UPDATE users SET role = 'supervisor' WHERE login = 'intake'; END"
fi
expect_out "!! trigger promote on cases was not made by yichuang" "trigger added"

# restore: the restored file says so, and check tells it from lost events
put_back_clean
yc backup "$WORK/copy.db" > /dev/null || fail "backup"
before=$(q "SELECT max(id) FROM events")
i=0
while [ $i -lt 3 ]; do yc ticket --category combined > /dev/null || fail "ticket"; i=$((i + 1)); done
dropped=$(( $(q "SELECT max(id) FROM events") - before ))
if on_pg; then
	# on a server: into the hall's database, lost and made again empty
	psql "$pg_conn" -X -q -c 'DROP DATABASE hall' -c 'CREATE DATABASE hall' || fail "psql: the hall made again"
	said="dropped the events after $before, at "
else
	said="dropped $dropped events: $((before + 1))-$((before + dropped)), at "
fi
run yc restore "$WORK/copy.db"
expect_rc 0 "restore"
expect_out "${said%%:*}" "restore"
row=$(q "SELECT station || '|' || new_value || '|' || old_value FROM events WHERE action = 'restore'")
case "$row" in
"restore $(id -un)@$(hostname)|$WORK/copy.db|$said"*) ;;
*) fail "the restore's event: $row" ;;
esac
run yc check
expect_rc 0 "check after restore"
expect_out "which the restore of " "check after restore"

# a station without the key works, and says so; check names what it wrote
sed "s|$key|$WORK/elsewhere/event.key|" "$conf" > "$WORK/keyless.conf"
printf 'station: { name = "5号窗口"; };\n' >> "$WORK/keyless.conf"
run "$YC_BIN" --lang en --config "$WORK/keyless.conf" ticket --category combined
expect_rc 0 "a station without the key"
expect_err "This station has no key file ($WORK/elsewhere/event.key)" "a station without the key"
run "$YC_BIN" --lang en --config "$WORK/keyless.conf" check
expect_rc 1 "check without the key"
expect_out "but this PC has no key ($WORK/elsewhere/event.key): they cannot be verified" "check without the key"
run yc check
expect_rc 1 "check of what a station without the key wrote"
expect_out "were written by 5号窗口 without the key" "check of what a station without the key wrote"

# seal: the administrator takes the records as they are (a status changed
# by hand, named); then check is whole again, and says what was taken
id=$(q "SELECT min(id) FROM cases WHERE status = 'accepted'")
q "UPDATE cases SET status = 'approved' WHERE id = $id"
if on_pg; then
	# on a server: refused while a station (a session of the program) is connected
	psql "$(hall_conn hall) application_name=yichuang" -X -q -c 'SELECT pg_sleep(3)' > /dev/null &
	station=$!
	i=0
	while [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'yichuang'")" = 0 ]; do
		i=$((i + 1))
		[ $i -lt 50 ] || fail "the stand-in station did not connect"
		sleep 0.1
	done
	run yc seal
	expect_rc 1 "seal while a station is connected"
	expect_out "1 sessions of yichuang are connected to the server's database" "seal while a station is connected"
	expect_err "ask them to quit yichuang, then seal again" "seal while a station is connected"
	wait $station
	i=0
	while [ "$(q "SELECT count(*) FROM pg_stat_activity WHERE application_name = 'yichuang'")" != 0 ] && [ $i -lt 50 ]; do
		i=$((i + 1))
		sleep 0.1
	done
fi
run yc seal
expect_rc 0 "seal"
expect_out "case $id (" "seal"
expect_out "was changed outside the program: sealed as it is now" "seal"
run yc check
expect_rc 0 "check after seal"
expect_out "the administrator took them as they were" "check after seal"

echo "tamper: all checks passed"
hall_done
