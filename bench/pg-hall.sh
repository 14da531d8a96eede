#!/bin/sh
# bench/pg-hall.sh - a PostgreSQL 15 cluster set up as a hall's server
# would be, modestly, for the benchmark (issue #24): tests/pg-cluster.sh's
# throw-away cluster, started again with a server's settings (the tests'
# fsync off would flatter every save).
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
# longer than running it: bench/README); fsync, synchronous_commit and
# full_page_writes on (the defaults: a save is on disk when the station is
# told so, as SQLite's synchronous FULL); timezone Asia/Shanghai (the
# hall's: doc/postgresql.md). A Unix socket in DIR only, no TCP port.
# Exit status 77 when PostgreSQL is not installed.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cluster=$(dirname "$here")/tests/pg-cluster.sh
[ $# -eq 2 ] || { echo "usage: $0 start|stop DIR" >&2; exit 2; }

case $1 in
start)
	conninfo=$(sh "$cluster" start "$2") || exit $?
	dir=$(cd "$2" && pwd)
	cat >> "$dir/data/postgresql.conf" << EOF
# bench/pg-hall.sh: a hall's server, modestly tuned
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
	# again without pg-cluster.sh's fsync off (its -o replaced)
	pg_ctl=$(ls /usr/lib/postgresql/*/bin/pg_ctl | tail -1)
	as_owner=
	[ "$(id -u)" = 0 ] && as_owner="runuser -u $(stat -c %U "$dir/data") --"
	$as_owner "$pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 -m fast \
		-o "-c listen_addresses='' -c unix_socket_directories='$dir'" restart > /dev/null ||
		{ cat "$dir/server.log" >&2; exit 1; }
	echo "$conninfo"
	;;
stop) sh "$cluster" stop "$2" ;;
*) echo "usage: $0 start|stop DIR" >&2; exit 2 ;;
esac
