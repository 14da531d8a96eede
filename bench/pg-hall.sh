#!/bin/sh
# bench/pg-hall.sh - a PostgreSQL 15 cluster set up as a hall's server
# would be, modestly, for the benchmark (issue #24): not the test suite's
# throw-away cluster (tests/pg-cluster.sh runs with fsync off, which
# would flatter every save).
#
#   bench/pg-hall.sh start DIR    make and start a cluster in DIR (new or
#                                 empty), print its libpq connection string
#   bench/pg-hall.sh stop DIR     stop it and remove DIR
#
# Settings (a server with a few GB of memory given to one hall):
# shared_buffers 1GB, effective_cache_size 4GB, work_mem 16MB,
# maintenance_work_mem 512MB, max_wal_size 4GB, random_page_cost 1.1 (a
# solid-state or virtual disk), max_connections 200, jit off (the store's
# statements are short; compiling a plan the planner thinks costly took
# longer than running it: bench/README); fsync,
# synchronous_commit and full_page_writes on (the defaults: a save is on
# disk when the station is told so, as SQLite's synchronous FULL);
# timezone Asia/Shanghai (the hall's: doc/postgresql.md). A Unix socket in
# DIR only, no TCP port. Run as root the cluster belongs to `postgres`.
# Exit status 77 when PostgreSQL is not installed.
set -eu

bin=
for d in /usr/lib/postgresql/*/bin; do
	[ -x "$d/initdb" ] && bin=$d
done
[ -n "$bin" ] || { echo "pg-hall: PostgreSQL is not installed (Debian package postgresql)" >&2; exit 77; }
[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }
dir=$2

as_owner() {
	if [ "$(id -u)" = 0 ]; then
		runuser -u postgres -- "$@"
	else
		"$@"
	fi
}

case $1 in
start)
	mkdir -p "$dir"
	dir=$(cd "$dir" && pwd)
	user=$(id -un)
	if [ "$(id -u)" = 0 ]; then
		chown postgres "$dir"
		p=$dir
		while [ "$p" != / ]; do
			p=$(dirname "$p")
			runuser -u postgres -- test -x "$p" || chmod o+x "$p"
		done
		user=postgres
	fi
	as_owner "$bin/initdb" -D "$dir/data" -U "$user" -A trust -E UTF8 --locale=C.UTF-8 > "$dir/initdb.log" 2>&1 ||
		{ cat "$dir/initdb.log" >&2; exit 1; }
	cat >> "$dir/data/postgresql.conf" << EOF
# bench/pg-hall.sh: a hall's server, modestly tuned
listen_addresses = ''
unix_socket_directories = '$dir'
max_connections = 200
shared_buffers = 1GB
effective_cache_size = 4GB
work_mem = 16MB
maintenance_work_mem = 512MB
max_wal_size = 4GB
random_page_cost = 1.1
jit = off
timezone = 'Asia/Shanghai'
EOF
	as_owner "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start > /dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	as_owner "$bin/createdb" -h "$dir" -U "$user" yichuang || exit 1
	echo "host=$dir user=$user dbname=yichuang"
	;;
stop)
	[ -d "$dir/data" ] && as_owner "$bin/pg_ctl" -D "$dir/data" -m fast -w stop > /dev/null 2>&1 || true
	rm -rf "$dir"
	;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
