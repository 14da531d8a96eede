# lib.sh - shared by the shell tests: a scratch folder and a fixed
# environment, so that results do not depend on the machine.
set -u
: "${YC_BIN:?run through make check}"
: "${YC_SRCDIR:?run through make check}"
: "${YC_TMP:=${TMPDIR:-/tmp}}"

mkdir -p "$YC_TMP"
WORK=$(mktemp -d "$YC_TMP/$(basename "$0" | tr -c 'A-Za-z0-9\n' '_').XXXXXX")
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data" XDG_STATE_HOME="$WORK/state"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai
export YICHUANG_SYSCONF=/nonexistent/yichuang.conf
export YICHUANG_TODAY=2026-11-27
unset LANGUAGE YICHUANG_DEBUG
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

fail() { echo "FAIL: $*" >&2; exit 1; }

# Commands and what they said: run CMD... sets $rc, $out and $err; the
# expect_* helpers fail naming the check ($2, or $1 for one_line_err).
run() {
	"$@" > "$WORK/out" 2> "$WORK/err"
	rc=$?
	out=$(cat "$WORK/out")
	err=$(cat "$WORK/err")
}
expect_rc() { [ "$rc" = "$1" ] || fail "$2: exit $rc, wanted $1 (stdout: $out; stderr: $err)"; }
expect_out() { printf '%s' "$out" | grep -qF -- "$1" || fail "$2: stdout lacks '$1': $out"; }
expect_err() { printf '%s' "$err" | grep -qF -- "$1" || fail "$2: stderr lacks '$1': $err"; }
one_line_err() { [ "$(printf '%s\n' "$err" | wc -l)" -eq 1 ] || fail "$1: stderr is not one sentence: $err"; }

# The network-drive rig (tests/share-rig.sh; YC_RIG names another) with
# its lab in $WORK: rig_up mounts the share as $LAB/pc1, $LAB/pc2 ... (the
# files are in $LAB/server), or exits 77 saying why it cannot run here.
# The caller's EXIT trap calls rig_down.
rig="${YC_RIG:-$YC_SRCDIR/tests/share-rig.sh}"
skip() { echo "SKIPPED: $*"; rm -rf "$WORK"; exit 77; }
rig_up() {
	[ -f "$rig" ] || skip "the network-drive rig ($rig) is not here"
	command -v sshfs > /dev/null && [ -x /usr/sbin/sshd ] || skip "sshfs or openssh-server is not installed"
	[ -c /dev/fuse ] || skip "no /dev/fuse on this machine"
	[ "$(id -u)" = 0 ] || skip "the rig needs root"
	export LAB="${LAB:-$WORK/lab}" PORT=$((20000 + $$ % 20000))
	bash "$rig" up > "$WORK/rig.log" 2>&1 || { cat "$WORK/rig.log"; skip "the rig could not mount the share here"; }
	grep -q "$LAB/pc2" /proc/mounts || skip "the share is not mounted"
}
rig_down() { [ -n "${LAB:-}" ] && bash "$rig" down > /dev/null 2>&1; return 0; }
# The network goes away under PC n: its sshfs dies (open files then fail
# as on a real share), and the mount point is left empty.
rig_cut() {
	pkill -KILL -f "sshfs .*$LAB/pc$1\$" 2> /dev/null
	pkill -KILL -f "sshfs .*$LAB/pc$1 " 2> /dev/null
	sleep 0.3
	fusermount3 -uz "$LAB/pc$1" 2> /dev/null || umount -l "$LAB/pc$1" 2> /dev/null
	! grep -q " $LAB/pc$1 " /proc/mounts || fail "could not cut PC $1 off the share"
}

# A throw-away PostgreSQL cluster in $WORK/pg (tests/pg-cluster.sh):
# $pg_conn its libpq connection string; stopped, $WORK removed, when the
# test exits (hall_done, below), a half-started one too. The status
# pg-cluster.sh ended with (77: PostgreSQL is not installed).
pg_start() {
	trap hall_done EXIT
	pg_conn=$(sh "$YC_SRCDIR/tests/pg-cluster.sh" start "$WORK/pg")
}

# The same for a test that needs a server on either backend: sets $conn;
# exits 77 when PostgreSQL or psql is not installed.
pg_cluster_up() {
	command -v psql > /dev/null || skip "psql (Debian package postgresql-client) is not installed"
	pg_start
	case $? in
	0) ;;
	77) skip "PostgreSQL is not installed" ;;
	*) fail "could not start a PostgreSQL cluster" ;;
	esac
	conn=$pg_conn
}

# ---- Both backends (issue #24) -------------------------------------------
# The tests about the program's behaviour run on SQLite (make check) and,
# with YC_TEST_BACKEND=postgresql (make check-postgresql, PG_SHELL_TESTS),
# on a throw-away PostgreSQL cluster of their own. backend_up starts it
# (nothing on SQLite): without PostgreSQL the test is skipped (77), unless
# YC_TEST_REQUIRE_PG is set (CI), when a cluster that cannot start fails
# it (99). Then:
#   hall NAME [SETTINGS]  a database of the test's, NAME: the file
#                         $WORK/NAME.db, or the empty database NAME on the
#                         cluster; $WORK/NAME.conf says where (SETTINGS,
#                         e.g. 'busy_timeout_ms = 20000;', go in its
#                         database group; append groups such as site: {..})
#   hall_init NAME ARGS   yichuang init of it (ARGS: --demo ...)
#   hall_sql NAME SQL     one statement's rows, '|' between columns
#   hall_conn NAME        its connection string (on PostgreSQL)
#   hall_done             the test's end: the cluster stopped, $WORK removed
#                         (not rm -rf "$WORK" alone: the server's files are in it)
# $YC_BACKEND is sqlite or postgresql; on_pg says whether it is the latter.
YC_BACKEND=${YC_TEST_BACKEND:-sqlite}
on_pg() { [ "$YC_BACKEND" = postgresql ]; }
backend_unavailable() {
	[ -z "${YC_TEST_REQUIRE_PG:-}" ] && skip "$1"
	echo "ERROR: $1 (YC_TEST_REQUIRE_PG is set)" >&2
	exit 99
}
backend_up() {
	on_pg || return 0
	command -v psql > /dev/null || backend_unavailable "psql (Debian package postgresql-client) is not installed"
	pg_start
	case $? in
	0) ;;
	77) backend_unavailable "PostgreSQL is not installed" ;;
	*) backend_unavailable "a PostgreSQL cluster could not start" ;;
	esac
}
hall_done() {
	[ -d "$WORK/pg" ] && sh "$YC_SRCDIR/tests/pg-cluster.sh" stop "$WORK/pg"
	rm -rf "$WORK"
}
hall_conn() { printf '%s\n' "${pg_conn%dbname=*}dbname=$1"; }
hall() {
	if on_pg; then
		psql "$pg_conn" -X -q -c "CREATE DATABASE \"$1\"" || fail "could not create the database $1 on the cluster"
		printf 'database: { backend = "postgresql"; conninfo = "%s"; %s };\n' "$(hall_conn "$1")" "${2:-}" > "$WORK/$1.conf"
	else
		printf 'database: { path = "%s"; %s };\n' "$WORK/$1.db" "${2:-}" > "$WORK/$1.conf"
	fi
}
hall_init() {
	h=$1
	shift
	if on_pg; then
		"$YC_BIN" --lang en --config "$WORK/$h.conf" init "$@"
	else
		"$YC_BIN" --lang en --config "$WORK/$h.conf" init --db "$WORK/$h.db" "$@"
	fi
}
hall_sql() {
	if on_pg; then
		psql "$(hall_conn "$1")" -X -q -At -v ON_ERROR_STOP=1 -c "$2"
	else
		sqlite3 -batch "$WORK/$1.db" "$2"
	fi
}
