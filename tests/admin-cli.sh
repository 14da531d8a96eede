#!/bin/sh
# A new hall set up from the command line (yichuang(1), ADMINISTRATION):
# users, windows, sites, departments, the contract, next year's calendar
# and the hall's policy; each change an event naming the OS user who made
# it; bad words exit 2, refusals exit 1 and change nothing. A station whose
# file still sets the policy starts, says so once, and follows the hall's.
# On SQLite, and with YC_TEST_BACKEND=postgresql on a server.
. "$(dirname "$0")/lib.sh"
backend_up

count() { hall_sql hall "$1"; }

hall hall
yc() { run "$YC_BIN" --lang en --config "$WORK/hall.conf" "$@"; }

run hall_init hall
expect_rc 0 "init"

# users: a clerk and a reviewer, each with a one-time password
yc user add li.na --role intake --name 李娜
expect_rc 0 "user add"
expect_out "First password:" "user add"
printf '%s' "$out" | grep -qE 'First password: [a-z0-9]{12} ' || fail "no one-time password shown: $out"
yc user add wang --role reviewer --name 王强
expect_rc 1 "a reviewer without a department"
expect_err "department" "a reviewer without a department"
yc user add wang --role reviewer --name 王强 --department SCJG
expect_rc 0 "a reviewer with a department"
yc user add bad --role boss
expect_rc 1 "unknown role"
yc user add
expect_rc 2 "user add without a login"
expect_err "yichuang user add LOGIN --role ROLE" "usage names the words"
yc user frobnicate x
expect_rc 2 "unknown user verb"
[ "$(count "SELECT count(*) FROM users")" = 3 ] || fail "users: $(count 'SELECT login FROM users')"
[ "$(count "SELECT must_change_password FROM users WHERE login = 'li.na'")" = 1 ] || fail "li.na need not change her password"

# departments show who has no reviewer (its slips reach nobody)
yc department list
expect_out "SCJG" "department list"
printf '%s\n' "$out" | grep '^BDC' | grep -q "no reviewer" || fail "BDC has no reviewer, not said: $out"
printf '%s\n' "$out" | grep '^SCJG' | grep -q "1 reviewers" || fail "SCJG's reviewer not counted: $out"

# windows and the queue categories they call; a clerk sits at one
yc window add 3 --serves combined,bundle
expect_rc 0 "window add"
yc window add 4 --serves nosuch
expect_rc 1 "window with an unknown category"
yc user set li.na --window 3
expect_rc 0 "user set --window"
yc user list
printf '%s\n' "$out" | grep '^li.na' | grep -q '3号窗口' || fail "li.na's window not listed: $out"
yc window close 3
expect_rc 0 "window close"
[ "$(count "SELECT open FROM stations WHERE name = '3号窗口'")" = 0 ] || fail "window 3 still open"

# disable, never delete; the last administrator stays
yc user disable li.na
expect_rc 0 "user disable"
[ "$(count "SELECT active FROM users WHERE login = 'li.na'")" = 0 ] || fail "li.na still active"
yc user disable admin
expect_rc 1 "disable the last admin"
expect_err "last administrator" "disable the last admin"
yc user reset-password li.na
expect_rc 0 "reset-password"
expect_out "New password for li.na" "reset-password"

# a township centre, a department, the contract
yc site add TKZ --name 图克镇便民服务中心
expect_rc 0 "site add"
yc site list
expect_out "TKZ      township" "site list"
yc site add TKZ --name 图克镇
expect_rc 1 "a site added twice"
expect_err "There is already a site TKZ" "a site added twice"
yc site add GLT --name 嘎鲁图镇 --level county
expect_rc 1 "an unknown level"
expect_err "banner or township, not 'county'" "an unknown level"
yc site set TKZ --name 图克镇便民服务中心（新址）
expect_rc 0 "site set renames"
[ "$(count "SELECT name || ' ' || level FROM sites WHERE code = 'TKZ'")" = "图克镇便民服务中心（新址） township" ] ||
	fail "site set: $(count 'SELECT * FROM sites')"
# a station of a site the database lacks does not start, and says how to add it
cp "$WORK/hall.conf" "$WORK/glt.conf"
printf 'site: { code = "GLT"; name = "嘎鲁图镇便民服务中心"; level = "township"; };\n' >> "$WORK/glt.conf"
run "$YC_BIN" --lang en --config "$WORK/glt.conf" ticket --category combined
expect_rc 2 "a station of an unknown site"
expect_err "site code GLT (site.code in its configuration) is not in the hall's database" "which code"
expect_err "yichuang site add GLT --name NAME --level township" "how to add it"
[ "$(count "SELECT count(*) FROM queue_tickets")" = 0 ] || fail "an unknown site's station issued a ticket"
run "$YC_BIN" --lang en --config "$WORK/glt.conf" pickup remind
expect_rc 2 "an unknown site's reminders"
expect_err "site code GLT" "an unknown site's reminders"
yc department add NEW --name 旗新部门
expect_rc 0 "department add"
yc contract show
expect_rc 1 "no contract yet"
yc contract set --contractor 某某人力资源公司 --fee 1200000 --from 2026-01-01 --to 2026-12-31
expect_rc 0 "contract set"
yc contract show
expect_out "Fee per year: 1200000.00 yuan (per month: 100000.00 yuan)" "contract show"
yc contract set --contractor x --fee 12,5 --from 2026-01-01 --to 2026-12-31
expect_rc 2 "a fee that is no amount"

# the calendar: 2026 is the last year known; a bad file changes nothing
yc calendar show
expect_out "Dates after 2026-12-31 are computed without holidays" "calendar show"
yc calendar show 2027
expect_rc 1 "2027 not imported"
printf '2027-01-01\toff\t元旦\n2027-01-04\twork\tx\n2027-13-01\toff\ty\n' > "$WORK/bad.txt"
yc calendar import "$WORK/bad.txt"
expect_rc 1 "a bad holiday file"
expect_err "line 2" "a weekday as a make-up workday"
expect_err "line 3" "a date that does not exist"
[ "$(count "SELECT count(*) FROM calendar_days WHERE day LIKE '2027-%'")" = 0 ] || fail "a bad file wrote days"
printf '2027-01-01\toff\t元旦\n\0002027-10-01\toff\t国庆节\n' > "$WORK/nul.txt"
yc calendar import "$WORK/nul.txt"
expect_rc 1 "a holiday file with NUL bytes"
expect_err "NUL bytes" "a holiday file with NUL bytes"
printf '# a test list in the notice format\n2027-01-01\toff\t元旦\n2027-02-06\toff\t春节\n2027-02-13\twork\t春节调休\n' > "$WORK/2027.txt"
yc calendar import "$WORK/2027.txt"
expect_rc 0 "calendar import"
expect_out "The holidays of 2027 are imported" "calendar import"
yc calendar show 2027
expect_out "2027-02-13 周六  work 春节调休" "calendar show 2027"

# the hall's policy: the defaults the settings had, until it is set; a bad
# value or name is refused, saying what it takes, and changes nothing
yc policy show
expect_rc 0 "policy show"
printf '%s\n' "$out" | grep -E '^login.max_failures +5 ' > /dev/null || fail "default lockout not shown: $out"
expect_out "never set" "policy show before any set"
yc policy set appointments.per_slot many
expect_rc 1 "a policy set to a word"
expect_err "appointments.per_slot is a whole number from 1 to 100" "a policy set to a word"
yc policy set login.lock_minutes 1441
expect_rc 1 "a policy set out of its bounds"
expect_err "from 1 to 1440" "a policy set out of its bounds"
yc policy set login.lockminutes 20
expect_rc 1 "an unknown policy"
expect_err "login.lock_minutes" "an unknown policy names the real ones"
yc policy set login.lock_minutes
expect_rc 2 "policy set without a value"
[ "$(count "SELECT count(*) FROM hall_policy")" = 0 ] || fail "a refused policy was written"
yc policy set login.lock_minutes 20
expect_rc 0 "policy set"
[ "$(count "SELECT value FROM hall_policy WHERE name = 'login.lock_minutes'")" = 20 ] || fail "policy not set"
# a station whose file still says it: it starts, says so once, the hall's holds
cp "$WORK/hall.conf" "$WORK/old.conf"
printf 'login: { lock_minutes = 5; };\n' >> "$WORK/old.conf"
run "$YC_BIN" --lang en --config "$WORK/old.conf" policy show
expect_rc 0 "a station with an old policy key"
expect_err "login.lock_minutes in $WORK/old.conf: now the hall's policy" "the old key is named once"
[ "$(printf '%s\n' "$err" | grep -c "now the hall's policy")" = 1 ] || fail "said more than once: $err"
printf '%s\n' "$out" | grep -E '^login.lock_minutes +20 ' > /dev/null || fail "the file's value won: $out"

# every change above is in the event log, naming the OS user and host
who="$(id -un)@$(hostname)"
for entity in user window site department contract calendar policy; do
	[ "$(count "SELECT count(*) FROM events WHERE entity = '$entity' AND station LIKE '% $who'")" -gt 0 ] ||
		fail "no $entity event naming $who: $(count "SELECT station, entity, action FROM events")"
done
yc check
expect_rc 0 "check after the set-up"
hall_done
exit 0
