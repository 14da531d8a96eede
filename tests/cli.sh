#!/bin/sh
# The command line: version, help, usage and config errors (exit 2),
# runtime errors (exit 1), init refusing to overwrite, messages in Chinese;
# ticket categories from one table (help, checks); a damaged database sends
# to recover; a lock folder that cannot be made says why at once; pickup
# remind and its --days; status (the progress query for the phone).
# With YC_TEST_BACKEND=postgresql the same on a server, but for what is the
# database file's (a missing folder or file, junk, lock folders).
. "$(dirname "$0")/lib.sh"
backend_up

run "$YC_BIN" --version
expect_rc 0 "--version"
printf '%s' "$out" | grep -q '^yichuang [0-9]' || fail "--version prints: $out"

run "$YC_BIN" --help
expect_rc 0 "--help"
printf '%s' "$out" | grep -q 'init --db PATH' || fail "--help lacks init: $out"

run "$YC_BIN" --no-such-option
expect_rc 2 "unknown option"

run "$YC_BIN" --lang en frobnicate
expect_rc 2 "unknown command"
expect_err "Unknown command 'frobnicate'" "unknown command"
one_line_err "unknown command"

run "$YC_BIN" --lang fr
expect_rc 2 "bad --lang"

run "$YC_BIN" --lang en --screen nowhere
expect_rc 2 "unknown screen"
expect_err "nowhere" "unknown screen"

# init: creates, tells the admin password once, refuses to overwrite
db="$WORK/hall.db"
hall hall
H="--config $WORK/hall.conf"
sql() { hall_sql hall "$1"; }
# what the database holds, to tell that nothing touched it
fingerprint() {
	if on_pg; then
		sql "SELECT (SELECT count(*) FROM events), (SELECT max(id) FROM events), (SELECT count(*) FROM users)"
	else
		cksum < "$db"
	fi
}
run hall_init hall
expect_rc 0 "init"
on_pg || [ -f "$db" ] || fail "init made no file"
printf '%s' "$out" | grep -q "Log in as 'admin'" || fail "init did not tell the admin password: $out"
before=$(fingerprint)
run hall_init hall --demo
expect_rc 1 "init over an existing database"
if on_pg; then
	expect_err "already has tables; yichuang init only fills an empty database" "init over an existing database"
else
	expect_err "already exists" "init over an existing database"
fi
[ "$(fingerprint)" = "$before" ] || fail "init changed an existing database"

if ! on_pg; then
	run "$YC_BIN" --lang en init --db "$WORK/no/such/folder/hall.db"
	expect_rc 1 "init into a missing folder"
	expect_err "folder" "init into a missing folder"
	one_line_err "init into a missing folder"
	ls "$WORK/no" 2>/dev/null && fail "init left something behind"
fi

# configuration mistakes: exit 2, file and line named, nothing touched
printf 'database:\n{\n  path = "%s";\n  locking = ;\n};\n' "$db" > "$WORK/syntax.conf"
run "$YC_BIN" --lang en --config "$WORK/syntax.conf" ticket --category combined
expect_rc 2 "config syntax error"
expect_err "$WORK/syntax.conf:4:" "config syntax error"
one_line_err "config syntax error"
printf 'database: { path = "%s"; lockng = "unix"; };\n' "$db" > "$WORK/typo.conf"
run "$YC_BIN" --lang en --config "$WORK/typo.conf" ticket --category combined
expect_rc 2 "misspelt setting"
expect_err "unknown setting 'database.lockng'" "misspelt setting"
[ "$(fingerprint)" = "$before" ] || fail "a bad configuration touched the database"

# the server's password never in the configuration: refused, in Chinese,
# naming the setting and where the password goes
printf 'database: { backend = "postgresql";\n  conninfo = "host=db user=yc password=secret"; };\n' > "$WORK/pw.conf"
run "$YC_BIN" --lang zh_CN --config "$WORK/pw.conf" ticket --category combined
expect_rc 2 "password in conninfo"
expect_err "$WORK/pw.conf:2: 设置项“database.conninfo”里写了数据库服务器的密码" "password in conninfo"
expect_err "database.password_file" "password in conninfo"
# a server named: the station goes there (none answers here), and says so
printf 'database: { backend = "postgresql"; conninfo = "host=%s/no-server user=yc"; };\n' "$WORK" > "$WORK/pg.conf"
run "$YC_BIN" --lang en --config "$WORK/pg.conf" ticket --category combined
expect_rc 1 "postgresql backend"
expect_err "Cannot connect to the database server (host=$WORK/no-server user=yc)" "postgresql backend"
[ "$(fingerprint)" = "$before" ] || fail "a PostgreSQL configuration touched the database"

run "$YC_BIN" --lang en --config "$WORK/none.conf"
expect_rc 2 "missing --config file"
expect_err "$WORK/none.conf" "missing --config file"

# runtime errors: exit 1, one clear sentence
if on_pg; then
	hall missing
	M="--config $WORK/missing.conf"
	run "$YC_BIN" --lang en $M ticket --category combined
	expect_rc 1 "a database without tables"
	expect_err "has no yichuang tables yet: make them with 'yichuang init'" "a database without tables"
else
	M="--db $WORK/missing.db"
	run "$YC_BIN" --lang en $M ticket --category combined
	expect_rc 1 "missing database"
	expect_err "yichuang init --db $WORK/missing.db" "missing database"
fi
one_line_err "missing database"

run "$YC_BIN" --lang en $H ticket --category combined
expect_rc 0 "ticket"
[ "$out" = "A001" ] || fail "first ticket is '$out', not A001"
run "$YC_BIN" --lang en $H ticket --category combined --priority
[ "$out" = "A002" ] || fail "second ticket is '$out', not A002"

run "$YC_BIN" --lang en $H ticket
expect_rc 2 "ticket without category"

# every category of the hall's database, in the help and in the refusal of
# an unknown one (a usage error: nothing is opened)
categories=$(sql "SELECT code FROM window_categories ORDER BY ticket_prefix" | paste -sd, | sed 's/,/, /g')
[ -n "$categories" ] || fail "sqlite3 missing, or no categories"
run "$YC_BIN" --lang en --help
expect_out "Ticket categories (ticket --category): $categories." "--help lists every ticket category"
run "$YC_BIN" --lang en $H ticket --category nosuch
expect_rc 2 "unknown ticket category"
expect_err "There is no ticket category 'nosuch': --category is one of $categories." "unknown ticket category"
one_line_err "unknown ticket category"
run "$YC_BIN" --lang en $H ticket --category guidance
expect_rc 0 "a guidance ticket"
[ "$out" = "G001" ] || fail "first guidance ticket is '$out', not G001"

if on_pg; then
	sql 'UPDATE schema_meta SET user_version = 42' || fail "psql"
else
	sqlite3 "$db" 'PRAGMA user_version = 42' || fail "sqlite3 missing"
fi
run "$YC_BIN" --lang en $H ticket --category combined
expect_rc 1 "newer schema"
expect_err "newer" "newer schema"

if ! on_pg; then
printf 'not a database at all' > "$WORK/junk.db"
run "$YC_BIN" --lang en --db "$WORK/junk.db" ticket --category combined
expect_rc 1 "junk file"
expect_err "damaged or is not a yichuang database" "junk file"
expect_err "call the administrator, who runs 'yichuang recover'" "junk file"
# the administrator's check is sent on to recover, not back to check
run "$YC_BIN" --lang en --db "$WORK/junk.db" check
expect_rc 1 "check of a junk file"
expect_err "damaged or is not a yichuang database. Run 'yichuang recover'" "check of a junk file"
printf '%s' "$err" | grep -q "'yichuang check'" && fail "check sends to check: $err"
fi

# no terminal: the TUI says so instead of drawing garbage
run "$YC_BIN" --lang en $H < /dev/null
expect_rc 2 "no terminal"
expect_err "terminal" "no terminal"

# a lock folder that cannot be made (dot-file locking, as on a share): said
# at once, with the reason, not "busy" after the whole busy timeout
nobody() { setpriv --reuid=65534 --regid=65534 --clear-groups env HOME=/tmp "$@"; }
if on_pg; then
	echo "on a server: the lock folder part (the database file's) is skipped"
elif [ "$(id -u)" = 0 ] && command -v setpriv > /dev/null && chmod 755 "$WORK" && nobody test -x "$WORK"; then
	shared=$WORK/shared
	mkdir -p "$shared/ro"
	"$YC_BIN" --lang en init --db "$shared/hall.db" > /dev/null || fail "init for the lock folder tests"
	chmod 755 "$shared"
	chmod 666 "$shared/hall.db"
	printf 'database: { path = "%s"; locking = "unix-dotfile"; busy_timeout_ms = 8000; };\nsite: { code = "HALL"; };\n' \
		"$shared/hall.db" > "$WORK/shared.conf"
	chmod 644 "$WORK/shared.conf"
	# a user who may write the file but not create folders beside it
	start=$(date +%s)
	run nobody "$YC_BIN" --lang en --config "$WORK/shared.conf" ticket --category combined
	expect_rc 1 "lock folder: no permission"
	expect_err "may not create the lock folder $shared/hall.db.lock (permission denied)" "lock folder: no permission"
	[ $(( $(date +%s) - start )) -lt 4 ] || fail "lock folder: no permission was said after the busy timeout"
	# the share mounted read-only
	if mount --bind "$shared" "$shared/ro" 2> /dev/null && mount -o remount,bind,ro "$shared/ro" 2> /dev/null; then
		start=$(date +%s)
		run "$YC_BIN" --lang en --config "$WORK/shared.conf" --db "$shared/ro/hall.db" ticket --category combined
		umount "$shared/ro"
		expect_rc 1 "lock folder: read-only"
		expect_err "cannot create the lock folder $shared/ro/hall.db.lock: the database's folder is read-only" \
			"lock folder: read-only"
		[ $(( $(date +%s) - start )) -lt 4 ] || fail "lock folder: read-only was said after the busy timeout"
	else
		umount "$shared/ro" 2> /dev/null
		echo "no read-only bind mount here: that part is skipped"
	fi
	[ ! -e "$shared/hall.db.lock" ] || fail "a refused lock left a lock folder"
else
	echo "not root, no setpriv, or the scratch folder out of others' reach: the lock folder part is skipped"
fi

# pickup remind, for a daily cron job: what F8 at the pickup window does,
# counted in working days; a bad --days is a usage error
hall demo
D="--config $WORK/demo.conf"
hall_init demo --demo > /dev/null || fail "init --demo for pickup remind"
run "$YC_BIN" --lang en $D pickup remind
expect_rc 0 "pickup remind"
[ "$out" = "0 reminders queued (results waiting 5 working days or more)." ] || fail "pickup remind says: $out"
# the demo's notified result has waited since Tuesday: three working days
run "$YC_BIN" --lang en $D pickup remind --days 3
expect_rc 0 "pickup remind --days 3"
[ "$out" = "1 reminders queued (results waiting 3 working days or more)." ] || fail "pickup remind --days 3 says: $out"
[ "$(hall_sql demo "SELECT count(*) FROM notifications WHERE kind = 'reminder' AND message LIKE '%已办结3个工作日%'")" = 1 ] ||
	fail "pickup remind --days 3 queued no reminder in Chinese"
for bad in 0 61 x 3x ''; do
	run "$YC_BIN" --lang en $D pickup remind --days "$bad"
	expect_rc 2 "pickup remind --days '$bad'"
	expect_err "--days is a number of working days from 1 to 60, not '$bad'." "pickup remind --days '$bad'"
	one_line_err "pickup remind --days '$bad'"
done
[ "$(hall_sql demo "SELECT count(*) FROM notifications WHERE kind = 'reminder'")" = 1 ] ||
	fail "a refused pickup remind queued reminders"
# waivers remind, for a daily cron job: a material owed under 容缺受理
# and due tomorrow is reminded once, however often it runs
hall_sql demo "INSERT INTO case_waivers(case_id, material_id, due_date)
	SELECT c.id, (SELECT min(id) FROM materials WHERE item_id = c.item_id), '2026-11-30'
	FROM cases c WHERE c.status = 'in_department' LIMIT 1"
run "$YC_BIN" --lang en $D waivers remind
expect_rc 0 "waivers remind"
[ "$out" = "1 reminders of materials owed queued." ] || fail "waivers remind says: $out"
run "$YC_BIN" --lang en $D waivers remind
[ "$out" = "0 reminders of materials owed queued." ] || fail "waivers remind again says: $out"
[ "$(hall_sql demo "SELECT count(*) FROM notifications WHERE kind = 'waiver' AND message LIKE '%2026-11-30前补交%'")" = 1 ] ||
	fail "waivers remind queued no reminder in Chinese"
# appointments remind, for a daily cron job: the next appointment day's
# bookings get their SMS once, however often it runs
hall_sql demo "INSERT INTO appointments(site_id, day, slot, item_id, name, phone, booked_at)
	SELECT id, '2026-11-28', '09:00', 1, '王海燕', '13904771234', '2026-11-26 10:00:00' FROM sites LIMIT 1"
run "$YC_BIN" --lang en $D appointments remind
expect_rc 0 "appointments remind"
[ "$out" = "1 appointment reminders queued for 2026-11-28." ] || fail "appointments remind says: $out"
run "$YC_BIN" --lang en $D appointments remind
[ "$out" = "0 appointment reminders queued for 2026-11-28." ] || fail "a second appointments remind says: $out"
[ "$(hall_sql demo "SELECT count(*) FROM notifications WHERE kind = 'appointment' AND message LIKE '%2026-11-28 09:00%'")" = 1 ] ||
	fail "appointments remind queued no reminder in Chinese"
run "$YC_BIN" --lang en $D appointments
expect_rc 2 "appointments without remind"
expect_err "Use: yichuang appointments remind." "appointments without remind"
run "$YC_BIN" --lang en $D pickup
expect_rc 2 "pickup without remind"
expect_err "Use: yichuang pickup remind [--days N]." "pickup without remind"

# status, for the phone operator: the progress query's answer (in
# Chinese, as the kiosk's), the password checked; a wrong one says not
# which of the two was wrong, and counts against the case
number=$(hall_sql demo "SELECT case_number FROM cases WHERE status = 'result_at_pickup' LIMIT 1")
password=$(hall_sql demo "SELECT query_password FROM cases WHERE case_number = '$number'")
run "$YC_BIN" --lang en $D status "$number" --password "$password"
expect_rc 0 "status"
expect_out "$number" "status"
expect_out "待出件" "status"
expect_out "统一出件窗口" "status"
# "--password -" reads it from standard input: never in the process list
echo "$password" | run "$YC_BIN" --lang en $D status "$number" --password -
expect_rc 0 "status reading the password"
expect_out "待出件" "status reading the password"
run "$YC_BIN" --lang en $D status "$number" --password 000000
expect_rc 1 "status with a wrong password"
expect_err "Wrong case number or query password" "status with a wrong password"
[ -z "$out" ] || fail "status with a wrong password printed: $out"
[ "$(hall_sql demo "SELECT failures FROM case_query_guards")" = 1 ] || fail "a wrong password was not counted"
run "$YC_BIN" --lang en $D status "$number"
expect_rc 2 "status without --password"
expect_err "status needs --password P" "status without --password"
run "$YC_BIN" --lang en $D status
expect_rc 2 "status without a case"
expect_err "Use: yichuang status CASE --password P." "status without a case"

# Chinese by default
run "$YC_BIN" $M ticket --category combined
expect_rc 1 "missing database, Chinese"
expect_err "数据库" "missing database, Chinese"

echo "cli: all checks passed"
hall_done
