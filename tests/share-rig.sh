#!/bin/bash
# share-rig.sh - a "network drive" on this machine, for the tests and the
# bench: one folder served over SFTP by an sshd of its own on 127.0.0.1,
# and mounted NPC times with sshfs. Each mount is a separate FUSE file
# system, with its own page cache and its own lock table: a "PC" on the
# share, as two window PCs on one file server are.
#
# usage: share-rig.sh up|down
#
#   up     create the keys and the sshd's configuration (first time), start
#          the sshd (or reuse the one already running for this lab), and
#          mount every PC not mounted (again: a PC cut off the share by
#          tests/lib.sh's rig_cut is mounted anew). Safe to repeat.
#   down   unmount every PC of the lab and stop the sshd this rig started
#          (the one named in its PID file, nothing else).
#
# Environment:
#   LAB    the lab folder (default ${TMPDIR:-/tmp}/yc-share-rig); no blanks
#   PORT   the sshd's port on 127.0.0.1 (default 2222), used when the sshd
#          is started; a running one keeps its port
#   NPC    how many PCs (default 2)
#
# The lab:
#   $LAB/server    the share's files, on the file server's own disk: look
#                  at them here without going through a PC
#   $LAB/pc1..N    the share, as each PC sees it
#   $LAB/sshd/     (mode 700) host and client keys, sshd_config and
#                  ssh_config, known_hosts, sshd.pid, sshd.log
#
# Each PC's sshfs has the mount point as the last word of its command
# line: tests/lib.sh (rig_cut) and bench/shared-drive.sh find it so.
#
# The mounts use the options that make sshfs behave as a coherent network
# file system for SQLite (with sshfs's default caching a PC reads stale
# pages and misses other PCs' commits):
#   direct_io          every read and write goes to the server, no page cache
#   sshfs_sync         a write waits for the server's answer (errors at once)
#   dir_cache=no       no name cache in sshfs (DB.lock and -journal seen at once)
#   attr_timeout=0, entry_timeout=0, negative_timeout=0
#                      no attribute or name cache in the kernel (file sizes,
#                      a hot journal appearing or going)
# Needs root, /dev/fuse, and the Debian packages openssh-server, sshfs, fuse3.
# Exit status: 0 done, 1 failed (the reason on stderr), 2 usage.
set -u

LAB=${LAB:-${TMPDIR:-/tmp}/yc-share-rig}
PORT=${PORT:-2222}
NPC=${NPC:-2}
SRV=$LAB/server
KEYS=$LAB/sshd
SSHD=/usr/sbin/sshd            # sshd must be started by its absolute path
HOST=yc-share-rig              # the server's name in ssh_config and known_hosts
SAFE_OPTS=direct_io,sshfs_sync,dir_cache=no,attr_timeout=0,entry_timeout=0,negative_timeout=0

usage() { echo "usage: $(basename "$0") up|down   (environment: LAB, PORT, NPC)" >&2; exit 2; }
die() { echo "share-rig: $*" >&2; exit 1; }

# Is $1 listed as a mount point? (/proc/mounts escapes blanks; LAB has none)
listed() { awk -v m="$1" '$2 == m { found = 1 } END { exit !found }' /proc/mounts; }

# Is $1 a mount that answers? A PC whose sshfs died is still listed, but
# every access fails ("Transport endpoint is not connected").
alive() { listed "$1" && timeout 5 stat -t "$1" > /dev/null 2>&1; }

# Unmount $1; lazily when it is busy or dead (it goes when the last file
# open on it is closed).
unmount() {
	listed "$1" || return 0
	fusermount3 -u "$1" 2> /dev/null || fusermount3 -uz "$1" 2> /dev/null || umount -l "$1" 2> /dev/null
	! listed "$1"
}

# The sshfs processes of this lab's PCs: the last word of the command line
# is $LAB/pcN. Read from /proc, so a LAB with dots is no regular expression.
lab_sshfs_pids() {
	local p last
	for p in $(pgrep -x sshfs); do
		last=$(tr '\0' '\n' < "/proc/$p/cmdline" 2> /dev/null | tail -n 1)
		case $last in "$LAB"/pc[0-9]*) echo "$p" ;; esac
	done
}

# The PID of this lab's sshd, when it runs: the PID file's process, and
# only if it is an sshd with this lab's configuration (not a PID reused
# since by something else).
lab_sshd_pid() {
	local p
	p=$(cat "$KEYS/sshd.pid" 2> /dev/null) || return 1
	[ -n "$p" ] && tr '\0' ' ' < "/proc/$p/cmdline" 2> /dev/null | grep -qF -- "$KEYS/sshd_config" || return 1
	echo "$p"
}

# Wait up to $1 tenths of a second for the processes $2... to end.
wait_gone() {
	local n=$1 p left
	shift
	while [ "$n" -gt 0 ]; do
		left=
		for p in "$@"; do kill -0 "$p" 2> /dev/null && left=1; done
		[ -z "$left" ] && return 0
		sleep 0.1
		n=$((n - 1))
	done
	return 1
}

# Keys (made once per lab) and the configuration of both ends (written
# each time the sshd is started, for the current PORT).
configure() {
	[ -f "$KEYS/host_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$HOST host" -f "$KEYS/host_key" || die "ssh-keygen failed"
	[ -f "$KEYS/client_key" ] || ssh-keygen -q -t ed25519 -N '' -C "$HOST client" -f "$KEYS/client_key" || die "ssh-keygen failed"
	# the client key may only open SFTP sessions: no shell, no forwarding
	echo "restrict $(cat "$KEYS/client_key.pub")" > "$KEYS/authorized_keys"
	echo "$HOST $(cat "$KEYS/host_key.pub")" > "$KEYS/known_hosts"

	cat > "$KEYS/sshd_config" <<-EOF
	# the rig's sshd (tests/share-rig.sh): SFTP for root from this machine only
	ListenAddress 127.0.0.1
	Port $PORT
	HostKey $KEYS/host_key
	PidFile $KEYS/sshd.pid
	AuthorizedKeysFile $KEYS/authorized_keys
	AllowUsers root@127.0.0.1
	PermitRootLogin prohibit-password
	PubkeyAuthentication yes
	PasswordAuthentication no
	KbdInteractiveAuthentication no
	UsePAM no
	# the keys may sit under /tmp, which strict modes refuse (world-writable)
	StrictModes no
	DisableForwarding yes
	PermitTTY no
	Subsystem sftp internal-sftp
	ForceCommand internal-sftp
	EOF

	# used with ssh -F, so no user or system ssh configuration applies
	cat > "$KEYS/ssh_config" <<-EOF
	# how the rig's sshfs reach its sshd (tests/share-rig.sh)
	Host $HOST
	  HostName 127.0.0.1
	  Port $PORT
	  User root
	  IdentityFile $KEYS/client_key
	  IdentitiesOnly yes
	  IdentityAgent none
	  HostKeyAlias $HOST
	  UserKnownHostsFile $KEYS/known_hosts
	  GlobalKnownHostsFile /dev/null
	  StrictHostKeyChecking yes
	  BatchMode yes
	  Compression no
	  LogLevel ERROR
	EOF
}

up() {
	local pid i m
	[ "$(id -u)" = 0 ] || die "needs root (sshd, FUSE mounts)"
	[ -x "$SSHD" ] || die "needs the package openssh-server ($SSHD)"
	command -v sshfs > /dev/null || die "needs the package sshfs"
	[ -c /dev/fuse ] || die "no /dev/fuse on this machine"
	command -v fusermount3 > /dev/null || die "needs the package fuse3 (fusermount3)"
	case $NPC in '' | *[!0-9]* | 0) die "NPC must be a number of PCs, 1 or more (not '$NPC')" ;; esac

	# nobody but root gets into the lab, above all not into its keys
	[ -d "$LAB" ] || { mkdir -p "$(dirname "$LAB")" && mkdir -m 700 "$LAB"; } || die "cannot make $LAB"
	mkdir -p "$SRV" "$KEYS" || die "cannot make the lab in $LAB"
	chmod 700 "$KEYS"

	if pid=$(lab_sshd_pid); then
		echo "sshd pid $pid already serves $SRV on 127.0.0.1:$(sed -n 's/^Port //p' "$KEYS/sshd_config")"
	else
		rm -f "$KEYS/sshd.pid"
		configure
		mkdir -p /run/sshd    # sshd's privilege separation directory
		: > "$KEYS/sshd.log"
		"$SSHD" -f "$KEYS/sshd_config" -E "$KEYS/sshd.log" ||
			{ cat "$KEYS/sshd.log" >&2; die "sshd did not start (port $PORT taken?)"; }
		# sshd has bound its port before it returns; its PID file follows
		i=0
		until pid=$(lab_sshd_pid); do
			i=$((i + 1))
			[ $i -lt 50 ] || { cat "$KEYS/sshd.log" >&2; die "sshd started but wrote no PID file"; }
			sleep 0.1
		done
		echo "sshd pid $pid started on 127.0.0.1:$PORT, serving $SRV"
	fi

	for i in $(seq 1 "$NPC"); do
		m=$LAB/pc$i
		if alive "$m"; then
			echo "pc$i already mounted"
			continue
		fi
		# a PC whose sshfs died is still listed: take it away first
		unmount "$m" || die "cannot unmount the dead mount $m"
		mkdir -p "$m"
		sshfs -F "$KEYS/ssh_config" -o "$SAFE_OPTS" "$HOST:$SRV" "$m" || die "sshfs could not mount pc$i"
		alive "$m" || die "pc$i was mounted but does not answer"
		echo "pc$i mounted: $m"
	done
}

down() {
	local m pid left=0
	local -a pids=()
	[ -d "$LAB" ] || { echo "no lab at $LAB"; return 0; }

	for m in "$LAB"/pc*; do
		[ -d "$m" ] || continue
		unmount "$m" || { echo "share-rig: cannot unmount $m" >&2; left=1; }
	done
	# an sshfs whose mount went lazily (files still open) or whose mount
	# point was taken from it: end it, politely first
	mapfile -t pids < <(lab_sshfs_pids)
	if [ ${#pids[@]} -gt 0 ]; then
		kill "${pids[@]}" 2> /dev/null
		wait_gone 30 "${pids[@]}" || kill -KILL "${pids[@]}" 2> /dev/null
	fi

	if pid=$(lab_sshd_pid); then
		# its sessions end with their sshfs; one that did not is ended with it
		mapfile -t pids < <(pgrep -P "$pid")
		kill "$pid" "${pids[@]}" 2> /dev/null
		wait_gone 50 "$pid" "${pids[@]}" || { echo "share-rig: sshd pid $pid does not stop" >&2; left=1; }
		echo "sshd pid $pid stopped"
	fi
	rm -f "$KEYS/sshd.pid"

	grep -qF " $LAB/" /proc/mounts && { echo "share-rig: still mounted under $LAB" >&2; left=1; }
	[ $left = 0 ] && echo "rig down: nothing of $LAB mounted or running"
	return $left
}

case $LAB in *[[:space:]]*) die "LAB must not contain blanks: '$LAB'" ;; esac
case ${1:-} in
up) up ;;
down) down ;;
*) usage ;;
esac
