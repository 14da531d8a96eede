#!/bin/sh
# screen-run.sh SCENARIO.scr - run yichuang, type the scenario's keys, and
# compare the screens it names with SCENARIO.expected. UPDATE_EXPECTED=1
# rewrites the expected file instead.
#
# Two ways to run it, the same keys and the same screens:
#  - in-process (script mode): the program takes the keys from this script
#    and writes its screen when asked, each time once it has handled every
#    key (src/ui-script.c, YICHUANG_SCRIPT). Nothing is polled or slept.
#  - in a real terminal (tmux), polled until the screen settles: for the
#    scenarios with two stations, a share, a small disk, another process
#    holding the lock or time passing (the commands marked [tmux] below),
#    for one that says "mode tmux", and for all when YC_SCREEN_MODE=tmux.
#
# Scenario commands, one per line ('#' starts a comment):
#   mode tmux         run in a real terminal even if it could run in-process
#   size W H          terminal size before start (default 80 24)
#   lang zh_CN|en     language (default zh_CN)
#   db demo|fresh     database: demo data, or a new hall's with only the
#                     'admin' account and its one-time password (default demo)
#   start [ARGS...]   start the program (--db and --config are added)
#   type TEXT         type TEXT literally (Chinese too)
#   type-admin-password   type the one-time password `init` printed (db fresh)
#   key KEY...        press keys by tmux name: Enter Tab BTab Escape F1 Down ...
#   bytes HEX...      send these bytes as a terminal would (e.g. PuTTY's F1:
#                     1b 5b 31 31 7e), whatever tmux makes of its own keys
#   term NAME         the TERM the program starts with (default screen-256color)
#   site CODE [NAME]  the stations' site code (default WSQ) and name; before
#                     the first start or yc it is the database's first site,
#                     after it a township added with yc site add
#   wait TEXT         wait until TEXT is on the screen (10 s at most)
#   resize W H        resize the terminal
#   expect NAME       record the screen under NAME for comparison
#   yc ARGS...        run another yichuang on the same database (another
#                     station; the database is made first if need be)
#   hold-lock SECS    another process holds the database's write lock for SECS [tmux]
#   sleep SECS        wait [tmux]
#   gone              the program must have exited
#   on 1|2            send the following commands to station 1 or 2: a
#                     second yichuang in its own terminal, same database [tmux]
#   printed TEXT      the last document printed (through print.command, a
#                     PDF) contains TEXT, as pdftotext reads it back (line
#                     breaks and spaces aside: paper wraps its own lines)
#   printed-qr TEXT   the QR code of the last document printed, its pages
#                     rasterised at 150 dpi, scans (zbarimg) as TEXT
#   db share          the database on a network drive (the sshfs rig,
#                     tests/share-rig.sh; skipped where it cannot run):
#                     station 1 on PC 1, station 2 on PC 2, unix-dotfile [tmux]
#   db small-disk     the database on a small disk of its own (a 16 MB
#                     tmpfs; root only, skipped elsewhere) [tmux]
#   disk-full         that disk filled to the last byte; disk-free: space again
#   share-down N      the network goes away under PC N
#   share-up          the share is mounted again
#   drafted TEXT      a draft kept on this PC ($XDG_STATE_HOME) contains TEXT
#   no-draft          no draft is kept on this PC
#   conf TEXT         add TEXT (a libconfig line, e.g. rating: { timeout_seconds = 5; };)
#                     to both stations' configuration, before they start
#   file NAME TEXT    write TEXT (\t a tab, \n a new line) to NAME in the
#                     home folder, for the program to read as ~/NAME
#   server-down       the database server stops (a fast shutdown, as when
#                     it is restarted or its machine goes away) [postgresql]
#   server-up         the database server starts again [postgresql]
#
# With YC_TEST_BACKEND=postgresql the same scenario runs with the hall's
# database on a throw-away PostgreSQL cluster of its own (a copy of one
# tests/pg-cluster.sh made, in the scratch folder, removed when the test
# ends): made by `yichuang init`
# from a configuration with database.backend = "postgresql", which every
# station and every yc command is given, and compared with the same
# .expected. Scenarios about the SQLite file itself (the share, its disk)
# are skipped there, saying why; hold-lock holds the server's writers' lock.
# A cluster that cannot start skips the test (77), or fails it (99) with
# YC_TEST_REQUIRE_PG set, as the unit tests do (tests/testdb.h). The
# scenarios marked [postgresql] are skipped on SQLite.
. "$(dirname "$0")/lib.sh"

scenario=$1
expected=${scenario%.scr}.expected
actual=$WORK/actual
name=$(basename "${scenario%.scr}")

# In-process unless the scenario needs a real terminal (the [tmux] commands).
mode=script
if [ "${YC_SCREEN_MODE:-}" = tmux ] ||
	grep -Eq '^(mode tmux|on |hold-lock|sleep|db (share|small-disk))' "$scenario"; then
	mode=tmux
fi

sock="yc-$name-$$"
T="${TMUX_BIN:-tmux}"
if [ $mode = tmux ]; then
	[ -n "$T" ] && command -v "$T" >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }
fi

tm() { "$T" -L "$sock" -f /dev/null "$@"; }
cleanup() {
	[ $mode = tmux ] && tm kill-server 2>/dev/null
	[ -n "${pid:-}" ] && kill "$pid" 2>/dev/null
	rig_down
	case ${LAB:-} in /tmp/yc-share-*) grep -q " $LAB/" /proc/mounts || rm -rf "$LAB" ;; esac
	pg_down
	if [ -n "${disk:-}" ]; then
		umount "$disk" 2>/dev/null || umount -l "$disk" 2>/dev/null
		rm -rf "$disk" "$disk-this-pc"
	fi
}
trap cleanup EXIT

width=80 height=24 lang=zh_CN dbkind=demo term=screen-256color
db=$WORK/hall.db
# the clock stands still in screen tests: 2026-11-27 09:30
export YICHUANG_TODAY="2026-11-27 09:30"
mkdir -p "$WORK/prints"
for n in 1 2; do
	cat > "$WORK/station$n.conf" <<CONF
site: { code = "WSQ"; name = "乌审旗政务服务中心"; level = "banner"; };
station: { name = "综合受理${n}号窗"; category = "combined"; };
database: { path = "$db"; poll_interval_ms = 200; busy_timeout_ms = 3000; };
print: { command = "cp %f '$WORK/printed.pdf'"; directory = "$WORK/prints"; };
CONF
done
cp "$WORK/station1.conf" "$WORK/station.conf"
target=yc

# A query password is random by design: the screens compared show it as ######.
mask_password() {
	sed -E 's/(查询密码[：: ]*)[0-9]{6}/\1######/g; s/(query password )[0-9]{6}/\1######/g'
}

# The last printout's words as pdftotext reads them, without the spaces and
# line breaks (a long line wraps on paper).
# In tmux the program prints on its own time: a PDF still being written
# reads as nothing, so it is read again for a while (10 s) until it reads.
printed_words() {
	tries=0
	while :; do
		words=$(pdftotext -enc UTF-8 "$WORK/printed.pdf" - 2>/dev/null | tr -d ' \t\n\f')
		[ -n "$words" ] || [ $mode != tmux ] || [ $tries -ge 50 ] && break
		tries=$((tries + 1))
		sleep 0.2
	done
	echo "$words"
}

# What a scanner reads from the last printout, its pages at 150 dpi.
printed_qr() {
	rm -rf "$WORK/pages" && mkdir "$WORK/pages" &&
		pdftoppm -r 150 -png "$WORK/printed.pdf" "$WORK/pages/page" 2>/dev/null &&
		zbarimg -q --raw "$WORK/pages"/page*.png 2>/dev/null
}

# The database the program starts on, made at the first start: a file, or
# on the server the configuration names (init without --db).
made=
make_db() {
	[ -n "$made" ] && return 0
	made=1
	if [ "$dbkind" = demo ]; then
		yc_on_db init --demo --config "$WORK/station.conf" >/dev/null
	else
		yc_on_db --lang en init --config "$WORK/station.conf" > "$WORK/init.out"
	fi || fail "could not create the database"
	admin_password=$(sed -n "s/.*with the password \([a-z0-9]*\);.*/\1/p" "$WORK/init.out" 2>/dev/null)
}

# On a database server (YC_TEST_BACKEND=postgresql) ---------------------------

backend=${YC_TEST_BACKEND:-sqlite}
pgdir=

# yichuang on the scenario's database: --db FILE, or on the server its
# configuration names
yc_on_db() {
	if [ "$backend" = postgresql ]; then
		"$YC_BIN" "$@"
	else
		"$YC_BIN" --db "$db" "$@"
	fi
}

# A cluster that cannot start: a skip, or in CI (YC_TEST_REQUIRE_PG) a
# failure, as tests/testdb.h has it.
pg_cannot() {
	[ -z "${YC_TEST_REQUIRE_PG:-}" ] || { echo "FAIL: $*" >&2; exit 99; }
	skip "$*"
}

# A new cluster's initdb takes seconds, most of a scenario's time on a
# busy machine: one is made once per build tree and PostgreSQL version
# (tests/pg-cluster.sh, then stopped), and each scenario starts a copy of
# it. Its owner's name in $template/user.
pg_bin=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && pg_bin=$d
done
template=$YC_TMP/pg-template-$(basename "$(dirname "${pg_bin:-none/x}")")
pg_template() {
	[ -f "$template/ready" ] && return 0
	[ -n "$pg_bin" ] || return 77
	(
		flock 9
		[ -f "$template/ready" ] && exit 0
		rm -rf "$template.new"
		conn=$(sh "$YC_SRCDIR/tests/pg-cluster.sh" start "$template.new") &&
			pgdir=$template.new pg_ctl_as_owner -m fast -w stop > /dev/null || {
			rc=$?
			sh "$YC_SRCDIR/tests/pg-cluster.sh" stop "$template.new"
			exit $rc
		}
		printf '%s\n' "$conn" | sed -n 's/.*user=\([^ ]*\).*/\1/p' > "$template.new/user"
		rm -rf "$template" && mv "$template.new" "$template" && touch "$template/ready"
	) 9> "$template.lock"
}

# The template's copy in $pgdir, started; tests/pg-cluster.sh stop removes it.
pg_copy_template() {
	mkdir -p "$pgdir" && cp -a "$template/data" "$pgdir/data" || return 1
	if [ "$(id -u)" = 0 ]; then
		# as pg-cluster.sh does: postgres owns the folder and reaches it
		chown postgres "$pgdir"
		p=$pgdir
		while [ "$p" != / ]; do
			p=$(dirname "$p")
			runuser -u postgres -- test -x "$p" || chmod o+x "$p"
		done
	fi
	pg_start_again
}

# The scenario's server stopped and removed (before its scratch folder is:
# a server whose folder went keeps running for a while).
pg_down() {
	[ -n "${pgdir:-}" ] || return 0
	sh "$YC_SRCDIR/tests/pg-cluster.sh" stop "$pgdir"
	case $pgdir in /tmp/yc-pg-*) rm -rf "$pgdir-this-pc" ;; esac
	pgdir=
}

# The scenario's server: started, and the stations' database on it.
pg_up() {
	case $(grep -E '^(db (share|small-disk)|disk-full|share-down)' "$scenario" | head -1) in
	'db share'*|share-down*)
		skip "the scenario is about the SQLite file on a network drive (its locks, the mount going away); on a server: intake-server-lost" ;;
	'db small-disk'*|disk-full*)
		skip "the scenario is about the disk under the SQLite file filling up; a server's disk is the server's" ;;
	esac
	# a server that goes away is named on screen, and so is the draft kept
	# meanwhile: their folders (the socket's, this PC's own disk) must
	# not depend on the scratch folder's name, and the server's user
	# (root's cluster is postgres's) comes from PGUSER
	pgdir=$WORK/pg
	if grep -q '^server-down' "$scenario"; then
		pgdir=/tmp/yc-pg-$name
		export XDG_STATE_HOME="$pgdir-this-pc"
		sh "$YC_SRCDIR/tests/pg-cluster.sh" stop "$pgdir"
		rm -rf "$XDG_STATE_HOME"
	fi
	pg_template 2> "$WORK/pg.err"
	case $? in
	0) ;;
	77) pg_cannot "PostgreSQL is not installed (Debian package postgresql)" ;;
	*) pg_cannot "the PostgreSQL cluster did not start: $(cat "$WORK/pg.err")" ;;
	esac
	pg_copy_template || pg_cannot "the PostgreSQL cluster did not start: $(cat "$pgdir/server.log")"
	PGUSER=$(cat "$template/user")
	export PGUSER
	conn="host=$pgdir dbname=yichuang"
	for n in 1 2; do
		sed -i "s|^database: { path = \"[^\"]*\";|database: { backend = \"postgresql\"; conninfo = \"$conn\";|" \
			"$WORK/station$n.conf"
	done
	cp "$WORK/station1.conf" "$WORK/station.conf"
}

# hold-lock on a server: its writers' lock (src/store-server.c), held by
# another session for SECS.
pg_hold_lock() {
	psql "$conn" -X -q -c "BEGIN" -c "SELECT pg_advisory_xact_lock(8748352722035437159)" \
		-c "SELECT pg_sleep($1)" -c "COMMIT" > /dev/null 2>&1 &
	sleep 0.3
}

# The cluster's pg_ctl, as its owner (root hands it to postgres).
pg_ctl_as_owner() {
	set -- "$pg_bin/pg_ctl" -D "$pgdir/data" "$@"
	if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# Started as tests/pg-cluster.sh starts it (its socket in its folder only,
# no TCP): a template's copy, and again after server-down.
pg_start_again() {
	pg_ctl_as_owner -l "$pgdir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$pgdir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start > /dev/null
}

# In a real terminal (tmux) ---------------------------------------------------

tmux_screen() { tm capture-pane -p -t "$target" 2>/dev/null | mask_password; }

# Wait until the screen stops changing, so that a capture is complete.
settle() {
	prev="" i=0
	sleep 0.15
	while [ $i -lt 50 ]; do
		cur=$(screen)
		[ -n "$cur" ] && [ "$cur" = "$prev" ] && return 0
		prev=$cur
		i=$((i + 1))
		sleep 0.1
	done
	[ -n "$cur" ] || fail "line $lineno: the terminal is empty or gone"
}

tmux_start() {
	conf=$WORK/station.conf
	[ "$target" = yc2 ] && conf=$WORK/station2.conf
	tm kill-session -t "=$target" 2>/dev/null   # a program that ended before (= : this name exactly, not yc2 for yc)
	tm new-session -d -s "$target" -x "$width" -y "$height" \
		"env TERM=$term '$YC_BIN' --config '$conf' --lang $lang $1; echo '[exited' \$?']'; sleep 30" ||
		fail "tmux could not start"
	# the server stays when its last session is killed for a restart
	tm set-option -g exit-empty off 2>/dev/null
	settle
}

tmux_wait() {
	i=0
	until screen | grep -qF -- "$1"; do
		i=$((i + 1))
		[ $i -gt 100 ] && { screen >&2; fail "line $lineno: '$1' never appeared"; }
		sleep 0.1
	done
	settle
}

tmux_gone() {
	settle
	screen | grep -q '^\[exited' || { screen >&2; fail "line $lineno: the program is still running"; }
}

# In-process (src/ui-script.c) ------------------------------------------------
# The program reads this script's commands on its fd 3 (from fd 5 here) and
# answers on its fd 4 (fd 6 here), each once it has handled every key.

# The bytes tmux sends for the key names the scenarios use (tmux 3.3), so
# that both ways type the same; the arrows in the terminal's application
# mode when TERM's keypad_xmit (smkx) turns it on, as tmux does.
key_bytes() {
	case $1 in
	Enter) hex=0d ;; Tab) hex=09 ;; BTab) hex="1b 5b 5a" ;; Escape) hex=1b ;;
	Space) hex=20 ;; BSpace) hex=7f ;;
	F1) hex="1b 4f 50" ;; F2) hex="1b 4f 51" ;; F3) hex="1b 4f 52" ;; F4) hex="1b 4f 53" ;;
	F5) hex="1b 5b 31 35 7e" ;; F6) hex="1b 5b 31 37 7e" ;; F7) hex="1b 5b 31 38 7e" ;;
	F8) hex="1b 5b 31 39 7e" ;; F9) hex="1b 5b 32 30 7e" ;; F10) hex="1b 5b 32 31 7e" ;;
	F11) hex="1b 5b 32 33 7e" ;; F12) hex="1b 5b 32 34 7e" ;;
	Up) hex="1b $arrows 41" ;; Down) hex="1b $arrows 42" ;;
	Right) hex="1b $arrows 43" ;; Left) hex="1b $arrows 44" ;;
	Home) hex="1b 5b 31 7e" ;; End) hex="1b 5b 34 7e" ;; IC) hex="1b 5b 32 7e" ;; DC) hex="1b 5b 33 7e" ;;
	PPage) hex="1b 5b 35 7e" ;; NPage) hex="1b 5b 36 7e" ;;
	C-[a-z])
		letters=abcdefghijklmnopqrstuvwxyz before=${letters%%"${1#C-}"*}
		hex=$(printf '%02x' $((${#before} + 1))) ;;
	*) return 1 ;;
	esac
}

STUCK_SECONDS=60

# ask COMMAND: the program's answer in $answer; 1 if it has ended.
ask() {
	[ -n "$pid$ended" ] || fail "line $lineno: no program is running: start it first"
	[ -z "$ended" ] && printf '%s\n' "$1" >&5 2>/dev/null && IFS= read -r answer <&6 && return 0
	program_ended
	return 1
}

# The program closed its end: it has exited. A crash fails the test at once.
program_ended() {
	[ -n "$ended" ] && return 0
	ended=$lineno
	wait "$pid"
	status=$?
	pid=
	[ "$status" = 137 ] && fail "line $lineno: the program was killed (stuck for $STUCK_SECONDS s?)"
	[ "$status" = 0 ] || { cat "$WORK/program.out" >&2; fail "line $lineno: the program ended with status $status"; }
}

# ask COMMAND of a program that must still run, and wants "ok".
tell() {
	ask "$1" || fail "line $lineno: the program has ended (at line $ended)"
	[ "$answer" = ok ] || fail "line $lineno: the program answered '$answer' to '$1'"
}

# Keys and typing: the program may end on them (F10 y).
send() {
	[ -z "$ended" ] || fail "line $lineno: the program has ended (at line $ended)"
	ask "$1" || return 0
	[ "$answer" = ok ] || fail "line $lineno: the program answered '$answer' to '$1'"
}

script_start() {
	if [ -n "${pid:-}" ]; then
		kill "$pid"; wait "$pid"
	fi
	exec 5>&- 6<&-
	rm -f "$WORK/commands" "$WORK/answers"
	mkfifo "$WORK/commands" "$WORK/answers" || fail "cannot make the program's channel"
	arrows=5b
	case $(tput -T"$term" smkx 2>/dev/null) in *'[?1h'*) arrows=4f ;; esac
	ended=
	# a program stuck (in a lock, on a dead share) would keep this script
	# waiting for its answer: a minute is far more than any scenario takes
	# shellcheck disable=SC2086 # the arguments are words
	env TERM="$term" LINES="$height" COLUMNS="$width" YICHUANG_SCRIPT=3,4 \
		timeout -s KILL "$STUCK_SECONDS" "$YC_BIN" --config "$WORK/station.conf" --lang "$lang" $1 \
		3<"$WORK/commands" 4>"$WORK/answers" < /dev/null >> "$WORK/program.out" 2>&1 &
	pid=$!
	exec 5>"$WORK/commands" 6<"$WORK/answers"
	ask sync || fail "line $lineno: the program did not start"
}

script_screen() {
	ask screen || fail "line $lineno: the program has ended (at line $ended)"
	rows=${answer#screen }
	while [ "$rows" -gt 0 ] && IFS= read -r row <&6; do
		printf '%s\n' "$row"
		rows=$((rows - 1))
	done | mask_password
}

script_keys() {
	for k in $1; do
		if key_bytes "$k"; then
			send "keys $hex"
		else
			case $k in ?) send "text $k" ;; *) fail "line $lineno: no key called $k" ;; esac
		fi
	done
}

script_wait() {
	ask "wait $1" || fail "line $lineno: the program has ended (at line $ended)"
	[ "$answer" = ok ] && return 0
	screen >&2
	fail "line $lineno: '$1' never appeared"
}

script_gone() {
	[ -n "$ended" ] || { screen >&2; fail "line $lineno: the program is still running"; }
}

# The commands, one way or the other ------------------------------------------
if [ $mode = tmux ]; then
	start_program() { tmux_start "$1"; }
	type_text() { tm send-keys -t "$target" -l "$1"; settle; }
	press_keys() { for k in $1; do tm send-keys -t "$target" "$k"; done; settle; }
	send_bytes() { tm send-keys -t "$target" -H $1; settle; }
	screen() { tmux_screen; }
	wait_for() { tmux_wait "$1"; }
	resize_terminal() { tm resize-window -t "$target" -x "$1" -y "$2"; settle; }
	expect_gone() { tmux_gone; }
	look() { :; }   # the program looks for changes all the time
else
	start_program() { script_start "$1"; }
	type_text() { send "text $1"; }
	press_keys() { script_keys "$1"; }
	send_bytes() { send "keys $1"; }
	screen() { script_screen; }
	wait_for() { script_wait "$1"; }
	resize_terminal() { tell "resize $1 $2"; }
	expect_gone() { script_gone; }
	# Another station's work, as time passing at a terminal has it: the
	# program has looked at the database before, and looks again after
	# (it shows the change when its refresh interval allows: a scenario
	# waits for what it wants to see).
	look() { [ -z "$pid" ] || tell look; }
fi

: > "$actual"
if [ "$backend" = postgresql ]; then
	pg_up
elif grep -Eq '^server-(down|up)' "$scenario"; then
	skip "the scenario is about a database server (YC_TEST_BACKEND=postgresql: make check-postgresql)"
fi
lineno=0 pid= ended=
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case $line in ''|'#'*) continue ;; esac
	cmd=${line%% *}
	arg=${line#"$cmd"}
	arg=${arg# }
	case $cmd in
	mode) ;;
	size) width=${arg% *} height=${arg#* } ;;
	lang) lang=$arg ;;
	term) term=$arg ;;
	site)
		code=${arg%% *} site_name=${arg#"$code"} site_name=${site_name# }
		sed -i "s/code = \"WSQ\"/code = \"$code\"/" "$WORK/station1.conf" "$WORK/station2.conf"
		[ -z "$site_name" ] || sed -i "s/name = \"乌审旗政务服务中心\"/name = \"$site_name\"/" \
			"$WORK/station1.conf" "$WORK/station2.conf"
		cp "$WORK/station1.conf" "$WORK/station.conf" ;;
	db)
		dbkind=$arg
		if [ "$dbkind" = share ]; then
			# paths on screen must not depend on the scratch folder's
			# name: the lab, and this PC's own disk for drafts, are fixed
			export LAB=/tmp/yc-share-$name XDG_STATE_HOME=/tmp/yc-share-$name/this-pc
			rm -rf "$LAB"
			rig_up
			db=$LAB/pc1/hall.db
			for n in 1 2; do
				sed -i "s|^database: { path = \"[^\"]*\";|database: { path = \"$LAB/pc$n/hall.db\"; locking = \"unix-dotfile\";|" \
					"$WORK/station$n.conf"
			done
			cp "$WORK/station1.conf" "$WORK/station.conf"
			dbkind=demo
		elif [ "$dbkind" = small-disk ]; then
			[ "$(id -u)" = 0 ] || skip "a disk of its own needs root (mount)"
			disk=/tmp/yc-disk-$name
			export XDG_STATE_HOME=$disk-this-pc   # fixed: its path is on screen
			rm -rf "$XDG_STATE_HOME"; mkdir -p "$disk"
			mount -t tmpfs -o size=16m tmpfs "$disk" || skip "cannot mount a tmpfs here"
			db=$disk/hall.db
			for n in 1 2; do
				sed -i "s|^database: { path = \"[^\"]*\";|database: { path = \"$db\";|" "$WORK/station$n.conf"
			done
			cp "$WORK/station1.conf" "$WORK/station.conf"
			dbkind=demo
		fi ;;
	start) make_db; start_program "$arg" ;;
	type) type_text "$arg" ;;
	type-admin-password)
		[ -n "${admin_password:-}" ] || fail "line $lineno: no admin password (db fresh?)"
		type_text "$admin_password" ;;
	key) press_keys "$arg" ;;
	bytes) send_bytes "$arg" ;;
	on) case $arg in 1) target=yc ;; 2) target=yc2 ;; *) fail "line $lineno: on 1 or on 2" ;; esac ;;
	printed)
		printout=$(printed_words) || fail "line $lineno: no printout to read ($WORK/printed.pdf)"
		case $printout in
		*"$(echo "$arg" | tr -d ' \t')"*) ;;
		*) fail "line $lineno: the last printout lacks '$arg': $printout" ;;
		esac ;;
	printed-qr)
		scanned=$(printed_qr)
		[ "$scanned" = "$arg" ] || fail "line $lineno: the last printout's QR code reads '$scanned', not '$arg'" ;;
	wait) wait_for "$arg" ;;
	resize) resize_terminal "${arg% *}" "${arg#* }" ;;
	expect)
		[ $mode = tmux ] && settle
		{ echo "=== $arg"; screen; } >> "$actual" ;;
	yc)
		make_db
		look
		# shellcheck disable=SC2086 # the arguments are words
		yc_on_db --config "$WORK/station.conf" $arg > /dev/null 5>&- 6<&- ||
			fail "line $lineno: yichuang $arg failed"
		look ;;
	hold-lock)
		[ "$backend" = postgresql ] && { pg_hold_lock "$arg"; continue; }
		command -v sqlite3 >/dev/null || fail "sqlite3 is needed"
		{ echo "BEGIN EXCLUSIVE;"; sleep "$arg"; echo "COMMIT;"; } | sqlite3 "$db" &
		sleep 0.3 ;;
	sleep) sleep "$arg" ;;
	disk-full)
		dd if=/dev/zero of="$disk/filler" bs=64k 2>/dev/null
		dd if=/dev/zero of="$disk/filler2" bs=1 2>/dev/null   # the last bytes
		[ "$(df --output=avail "$disk" | tail -1)" -eq 0 ] || fail "line $lineno: the disk is not full" ;;
	disk-free) rm -f "$disk/filler" "$disk/filler2" ;;
	share-down) rig_cut "$arg" ;;
	share-up) bash "$rig" up >> "$WORK/rig.log" 2>&1 || fail "line $lineno: the share did not come back" ;;
	drafted)
		grep -rqF -- "$arg" "$XDG_STATE_HOME/yichuang/drafts" 2>/dev/null ||
			fail "line $lineno: no draft on this PC holds '$arg'" ;;
	no-draft)
		! ls "$XDG_STATE_HOME"/yichuang/drafts/*.draft > /dev/null 2>&1 ||
			fail "line $lineno: a draft is still kept: $(ls "$XDG_STATE_HOME"/yichuang/drafts)" ;;
	conf) for n in 1 2; do printf '%s\n' "$arg" >> "$WORK/station$n.conf"; done
		cp "$WORK/station1.conf" "$WORK/station.conf" ;;
	file) printf '%b\n' "${arg#* }" > "$HOME/${arg%% *}" || fail "line $lineno: cannot write ~/${arg%% *}" ;;
	server-down) pg_ctl_as_owner -m fast -w stop > /dev/null || fail "line $lineno: the server did not stop" ;;
	server-up) pg_start_again || fail "line $lineno: the server did not start again" ;;
	gone) expect_gone ;;
	*) fail "line $lineno: unknown command '$cmd'" ;;
	esac
done < "$scenario"

if [ "${UPDATE_EXPECTED:-}" = 1 ]; then
	cp "$actual" "$YC_SRCDIR/tests/screens/$name.expected"
	echo "updated $name.expected"
	exit 0
fi
[ -f "$expected" ] || fail "no expected screens: $expected"
if diff -u "$expected" "$actual"; then
	echo "PASS $name ($mode)"
	pg_down
	rm -rf "$WORK"
else
	cp "$actual" "${YC_TMP}/$name.actual"
	fail "$name: screen differs (actual kept in ${YC_TMP}/$name.actual)"
fi
