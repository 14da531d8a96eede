#!/bin/sh
# tests/pg-cluster.sh - a throw-away PostgreSQL cluster for one test (or
# one bench run), from Debian's postgresql package; no server is assumed
# to be running and none is left behind.
#
#   tests/pg-cluster.sh start DIR    make and start a cluster in DIR (new or
#                                    empty), print its libpq connection
#                                    string on standard output
#   tests/pg-cluster.sh stop DIR     stop it and remove DIR
#
# The server listens on a Unix socket in DIR only (no TCP port, so that
# tests running side by side never meet), with fsync off: a test's data is
# thrown away anyway. Run as root (CI, the quick start) the cluster belongs
# to the package's `postgres` user, since PostgreSQL refuses to run as
# root; the connection string names the database `yichuang` and that user,
# who owns it. Exit status 77 (a skip, for automake) when the package is
# not installed.
set -eu

bin=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bin=$d
done
[ -n "$bin" ] || { echo "pg-cluster: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 77; }

usage() { echo "usage: $0 start|stop DIR" >&2; exit 2; }
[ $# -eq 2 ] || usage
dir=$2

# as the cluster's owner: root hands it to `postgres`, anyone else is it
as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

# The server keeps the real clock, as a hall's server does, whatever the
# tests' own (tests/far-dates.sh runs them under faketime, which would
# follow it into the server and stop its timers: lock_timeout never fired)
unset LD_PRELOAD FAKETIME FAKETIME_NO_CACHE

case $1 in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$dir"
		# the owner must reach DIR: every folder above it may be entered
		p=$dir
		while [ "$p" != / ]; do
			p=$(dirname "$p")
			[ -x "$p" ] || chmod o+x "$p"
			runuser -u postgres -- test -x "$p" || chmod o+x "$p"
		done
		user=postgres
	else
		user=$(id -un)
	fi
	as_owner "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 -N > "$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir' -c fsync=off -c synchronous_commit=off -c full_page_writes=off" \
		start > /dev/null || { cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bin/createdb" -h "$dir" -U "$user" yichuang || exit 1
	echo "host=$dir user=$user dbname=yichuang"
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m immediate stop > /dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*) usage ;;
esac
