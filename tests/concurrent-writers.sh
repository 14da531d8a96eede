#!/bin/sh
# Several processes issuing queue tickets into one database at the same
# moment, half of them at the hall and half at a township centre: every
# ticket is saved, numbers are unique and consecutive per site, the
# database stays intact, and nobody sees a raw database error. On SQLite
# run with the local `unix` locking and with `unix-dotfile`, the
# network-share mode; with YC_TEST_BACKEND=postgresql on a server (the
# writers' advisory lock, src/store-server.c).
. "$(dirname "$0")/lib.sh"
backend_up

WRITERS=4
EACH=40

race() {
	name=$1
	hall "$name" "$2 busy_timeout_ms = 30000;"
	conf="$WORK/$name.conf"
	printf 'site: { code = "WSQ"; };\n' >> "$conf"
	hall_init "$name" > /dev/null || fail "init"
	"$YC_BIN" --lang en --config "$conf" site add TKZ --name 图克镇便民服务中心 --level township > /dev/null || fail "site add"
	sed 's/code = "WSQ"/code = "TKZ"/' "$conf" > "$WORK/$name-tkz.conf"
	w=1
	while [ $w -le $WRITERS ]; do
		# the odd writers at the hall, the even ones at the township
		c=$conf
		[ $((w % 2)) = 0 ] && c="$WORK/$name-tkz.conf"
		(
			i=0
			while [ $i -lt $EACH ]; do
				"$YC_BIN" --lang en --config "$c" ticket --category combined \
					>> "$WORK/numbers-$name-$w" 2>> "$WORK/errors-$name" || echo "exit $?" >> "$WORK/errors-$name"
				i=$((i + 1))
			done
		) &
		w=$((w + 1))
	done
	wait
	total=$((WRITERS * EACH))
	per_site=$((total / 2))
	[ ! -s "$WORK/errors-$name" ] || { cat "$WORK/errors-$name" >&2; fail "$name: a writer reported errors"; }
	got=$(cat "$WORK"/numbers-"$name"-* | wc -l)
	[ "$got" -eq "$total" ] || fail "$name: $got tickets printed, wanted $total"
	for site in 1 2; do
		uniq=$(cat "$WORK/numbers-$name-$site" "$WORK/numbers-$name-$((site + 2))" | sort -u | wc -l)
		[ "$uniq" -eq "$per_site" ] || fail "$name: duplicate ticket numbers at site $site ($uniq unique of $per_site)"
	done
	rows=$(hall_sql "$name" "SELECT count(*) FROM queue_tickets")
	[ "$rows" -eq "$total" ] || fail "$name: $rows tickets stored, wanted $total"
	# per site: seq 1..80 each, none twice
	sites=$(hall_sql "$name" "SELECT s.code, count(*), count(DISTINCT t.seq), min(t.seq), max(t.seq) FROM queue_tickets t
		JOIN sites s ON s.id = t.site_id GROUP BY s.code ORDER BY s.code")
	[ "$sites" = "$(printf 'TKZ|%d|%d|1|%d\nWSQ|%d|%d|1|%d' $per_site $per_site $per_site $per_site $per_site $per_site)" ] ||
		fail "$name: numbering per site has gaps or twins: $sites"
	events=$(hall_sql "$name" "SELECT count(*) FROM events WHERE action = 'issued'")
	[ "$events" -eq "$total" ] || fail "$name: $events events for $total tickets"
	if on_pg; then
		"$YC_BIN" --lang en --config "$conf" check > "$WORK/check-$name" || fail "$name: check says $(cat "$WORK/check-$name")"
	else
		check=$(hall_sql "$name" "PRAGMA integrity_check")
		[ "$check" = ok ] || fail "$name: integrity_check says $check"
	fi
	echo "$name: $WRITERS writers x $EACH tickets at two sites: all $total saved, unique and consecutive per site, intact"
}

if on_pg; then
	race server ""
else
	race unix 'locking = "unix";'
	race unix-dotfile 'locking = "unix-dotfile";'
fi
hall_done
