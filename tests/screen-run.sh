#!/bin/sh
# screen-run.sh SCENARIO.scr - run yichuang in a real terminal (tmux),
# type the scenario's keys, and compare the screens it names with
# SCENARIO.expected. UPDATE_EXPECTED=1 rewrites the expected file instead.
#
# Scenario commands, one per line ('#' starts a comment):
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
#   site CODE         the hall's site code (default WSQ), before the first start
#   wait TEXT         wait until TEXT is on the screen (10 s at most)
#   resize W H        resize the terminal
#   expect NAME       record the screen under NAME for comparison
#   yc ARGS...        run another yichuang on the same database (another station)
#   hold-lock SECS    another process holds the database's write lock for SECS
#   sleep SECS        wait
#   gone              the program must have exited
#   on 1|2            send the following commands to station 1 or 2: a
#                     second yichuang in its own terminal, same database
#   printed TEXT      the last document printed (through print.command)
#                     contains TEXT
#   db share          the database on a network drive (the sshfs rig,
#                     tests/share-rig.sh; skipped where it cannot run):
#                     station 1 on PC 1, station 2 on PC 2, unix-dotfile
#   db small-disk     the database on a small disk of its own (a 16 MB
#                     tmpfs; root only, skipped elsewhere)
#   disk-full         that disk filled to the last byte; disk-free: space again
#   share-down N      the network goes away under PC N
#   share-up          the share is mounted again
#   drafted TEXT      a draft kept on this PC ($XDG_STATE_HOME) contains TEXT
#   no-draft          no draft is kept on this PC
#   file NAME TEXT    write TEXT (\t a tab, \n a new line) to NAME in the
#                     home folder, for the program to read as ~/NAME
. "$(dirname "$0")/lib.sh"

scenario=$1
expected=${scenario%.scr}.expected
actual=$WORK/actual
name=$(basename "${scenario%.scr}")
sock="yc-$name-$$"
T="${TMUX_BIN:-tmux}"
[ -n "$T" ] && command -v "$T" >/dev/null 2>&1 || { echo "tmux not found: skipped"; exit 77; }

tm() { "$T" -L "$sock" -f /dev/null "$@"; }
cleanup() {
	tm kill-server 2>/dev/null
	rig_down
	case ${LAB:-} in /tmp/yc-share-*) grep -q " $LAB/" /proc/mounts || rm -rf "$LAB" ;; esac
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
print: { command = "cp %f '$WORK/printed.txt'"; directory = "$WORK/prints"; };
CONF
done
cp "$WORK/station1.conf" "$WORK/station.conf"
target=yc

# A query password is random by design: the screens compared show it as ######.
screen() {
	tm capture-pane -p -t "$target" 2>/dev/null |
		sed -E 's/(查询密码[：: ]*)[0-9]{6}/\1######/g; s/(query password )[0-9]{6}/\1######/g'
}

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

: > "$actual"
lineno=0
while IFS= read -r line || [ -n "$line" ]; do
	lineno=$((lineno + 1))
	case $line in ''|'#'*) continue ;; esac
	cmd=${line%% *}
	arg=${line#"$cmd"}
	arg=${arg# }
	case $cmd in
	size) width=${arg% *} height=${arg#* } ;;
	lang) lang=$arg ;;
	term) term=$arg ;;
	site)
		sed -i "s/code = \"WSQ\"/code = \"$arg\"/" "$WORK/station1.conf" "$WORK/station2.conf"
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
	start)
		if [ ! -f "$db" ]; then
			if [ "$dbkind" = demo ]; then
				"$YC_BIN" init --db "$db" --demo --config "$WORK/station.conf" >/dev/null
			else
				"$YC_BIN" --lang en init --db "$db" --config "$WORK/station.conf" > "$WORK/init.out"
			fi || fail "could not create the database"
			admin_password=$(sed -n "s/.*with the password \([a-z0-9]*\);.*/\1/p" "$WORK/init.out" 2>/dev/null)
		fi
		conf=$WORK/station.conf
		[ "$target" = yc2 ] && conf=$WORK/station2.conf
		tm kill-session -t "=$target" 2>/dev/null   # a program that ended before (= : this name exactly, not yc2 for yc)
		tm new-session -d -s "$target" -x "$width" -y "$height" \
			"env TERM=$term '$YC_BIN' --config '$conf' --lang $lang $arg; echo '[exited' \$?']'; sleep 30" ||
			fail "tmux could not start"
		# the server stays when its last session is killed for a restart
		tm set-option -g exit-empty off 2>/dev/null
		settle ;;
	type) tm send-keys -t "$target" -l "$arg"; settle ;;
	type-admin-password)
		[ -n "${admin_password:-}" ] || fail "line $lineno: no admin password (db fresh?)"
		tm send-keys -t "$target" -l "$admin_password"; settle ;;
	key) for k in $arg; do tm send-keys -t "$target" "$k"; done; settle ;;
	bytes) tm send-keys -t "$target" -H $arg; settle ;;
	on) case $arg in 1) target=yc ;; 2) target=yc2 ;; *) fail "line $lineno: on 1 or on 2" ;; esac ;;
	printed)
		grep -qF -- "$arg" "$WORK/printed.txt" 2>/dev/null ||
			fail "line $lineno: the last printout lacks '$arg': $(cat "$WORK/printed.txt" 2>/dev/null)" ;;
	wait)
		i=0
		until screen | grep -qF -- "$arg"; do
			i=$((i + 1))
			[ $i -gt 100 ] && { screen >&2; fail "line $lineno: '$arg' never appeared"; }
			sleep 0.1
		done
		settle ;;
	resize) tm resize-window -t "$target" -x "${arg% *}" -y "${arg#* }"; settle ;;
	expect)
		settle
		{ echo "=== $arg"; screen; } >> "$actual" ;;
	yc) "$YC_BIN" --db "$db" --config "$WORK/station.conf" $arg > /dev/null ||
		fail "line $lineno: yichuang $arg failed" ;;
	hold-lock)
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
	file) printf '%b\n' "${arg#* }" > "$HOME/${arg%% *}" || fail "line $lineno: cannot write ~/${arg%% *}" ;;
	gone)
		settle
		screen | grep -q '^\[exited' || { screen >&2; fail "line $lineno: the program is still running"; } ;;
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
	echo "PASS $name"
	rm -rf "$WORK"
else
	cp "$actual" "${YC_TMP}/$name.actual"
	fail "$name: screen differs (actual kept in ${YC_TMP}/$name.actual)"
fi
