#!/bin/sh
# Changes made to the shared file with the sqlite3 shell, each found and
# named by `check` (exit 1, a line saying what and where): a case's status,
# an applicant's ID number, a notice deleted, the last ten events deleted
# (the append-only trigger dropped, or put back after), the append-only
# triggers dropped. Then: `restore` leaves its mark in the restored file,
# a station without the key works and says so, and `seal` takes the records
# as they are. (An event edited and the chain recomputed with the
# program's own hash, and a clerk made supervisor by hand: test_audit.)
. "$(dirname "$0")/lib.sh"
command -v sqlite3 > /dev/null || fail "sqlite3 is needed"

db="$WORK/hall.db"
key="$WORK/etc/event.key"
conf="$WORK/hall.conf"
printf 'database: { path = "%s"; key_file = "%s"; };\nsite: { code = "WSQ"; };\n' "$db" "$key" > "$conf"
yc() { "$YC_BIN" --lang en --config "$conf" "$@"; }
q() { sqlite3 "$db" "$1"; }

# the key: made once, for this user only, never replaced
run yc keygen
expect_rc 0 "keygen"
expect_out "Copy it to the same place on every station" "keygen"
[ "$(stat -c %a "$key")" = 600 ] || fail "the key file is not 0600: $(stat -c %a "$key")"
run yc keygen
expect_rc 1 "keygen over a key"
expect_err "already exists" "keygen over a key"

run yc init --demo --db "$db"
expect_rc 0 "init"
expect_out "The database is sealed with the key" "init"
i=0
while [ $i -lt 12 ]; do yc ticket --category combined > /dev/null || fail "ticket"; i=$((i + 1)); done
yc user add li.na --role intake --name 李娜 > /dev/null || fail "user add"
run yc check
expect_rc 0 "check of the hall at work"
expect_out "All is well." "check of the hall at work"
expect_out "sealed with the key" "check of the hall at work"
cp "$db" "$WORK/clean.db"

# tamper WHAT SQL: the change made by hand on a copy of the clean hall;
# check fails; then expect_out for what it must say
tamper() {
	cp "$WORK/clean.db" "$db"
	sqlite3 "$db" "$2" || fail "$1: sqlite3 refused"
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
tamper "last events" "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > $last - 10"
expect_out "!! trigger events_no_delete on events is missing" "last events"
expect_out "but the event log ends at event $((last - 10)): the events after it were removed outside the program" "last events"
# ... or put back word for word: this PC's stations saw further
trigger=$(sqlite3 "$WORK/clean.db" "SELECT sql FROM sqlite_master WHERE name = 'events_no_delete'")
tamper "last events, trigger back" "DROP TRIGGER events_no_delete; DELETE FROM events WHERE id > $last - 10; $trigger"
expect_out "but the event log ends at event $((last - 10)): the events after it were removed outside the program" \
	"last events, trigger back"
printf '%s' "$out" | grep -q "trigger events_no_delete" && fail "the trigger put back is not as it was: $out"

# 5. the append-only triggers dropped
tamper "triggers" "DROP TRIGGER events_no_update; DROP TRIGGER events_no_delete"
expect_out "!! trigger events_no_update on events is missing: it was dropped outside the program, and the event log could be edited" "triggers"
expect_out "!! trigger events_no_delete on events is missing" "triggers"
# ... or one added that changes records behind the program's back
tamper "trigger added" "CREATE TRIGGER promote AFTER UPDATE ON cases BEGIN UPDATE users SET role = 'supervisor' WHERE login = 'intake'; END"
expect_out "!! trigger promote on cases was not made by yichuang" "trigger added"

# restore: the restored file says so, and check tells it from lost events
cp "$WORK/clean.db" "$db"
yc backup "$WORK/copy.db" > /dev/null || fail "backup"
before=$(q "SELECT max(id) FROM events")
i=0
while [ $i -lt 3 ]; do yc ticket --category combined > /dev/null || fail "ticket"; i=$((i + 1)); done
dropped=$(( $(q "SELECT max(id) FROM events") - before ))
run yc restore "$WORK/copy.db"
expect_rc 0 "restore"
expect_out "dropped $dropped events" "restore"
row=$(q "SELECT station || '|' || new_value || '|' || old_value FROM events WHERE action = 'restore'")
case "$row" in
"restore $(id -un)@$(hostname)|$WORK/copy.db|dropped $dropped events: $((before + 1))-$((before + dropped)), at "*) ;;
*) fail "the restore's event: $row" ;;
esac
run yc check
expect_rc 0 "check after restore"
expect_out "which the restore of " "check after restore"

# a station without the key works, and says so; check names what it wrote
printf 'database: { path = "%s"; key_file = "%s"; };\nsite: { code = "WSQ"; };\nstation: { name = "5号窗口"; };\n' \
	"$db" "$WORK/elsewhere/event.key" > "$WORK/keyless.conf"
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
run yc seal
expect_rc 0 "seal"
expect_out "case $id (" "seal"
expect_out "was changed outside the program: sealed as it is now" "seal"
run yc check
expect_rc 0 "check after seal"
expect_out "the administrator took them as they were" "check after seal"

echo "tamper: all checks passed"
rm -rf "$WORK"
