#!/bin/bash
# build-aux/fresh-debian.sh - does README's quick start build on a FRESH
# Debian 12?  A manual tool, NOT part of `make check`: it needs root, the
# network and debootstrap, and takes 10 minutes or more.
#
# It builds a throw-away Debian 12 tree (debootstrap --variant=minbase
# bookworm, from the mirror this machine's apt sources name), installs git in
# it, copies the project in, and runs inside it, as root, README's quick
# start line without its final `src/yichuang --demo` and with
# `src/yichuang --version` instead:
#
#     apt-get update && xargs -a build-aux/debian-packages apt-get install -y
#     && autoreconf -fi && ./configure && make -j2 && src/yichuang --version
#
# The line is read from the copied README, so the tool follows README.  The
# tests are not run in the tree (FUSE, tmux and sshd may not work in a
# chroot): this checks that build-aux/debian-packages is enough to BUILD.
# tests/packages.sh (in make check) checks the same list quickly on a
# developer's machine; this tool is the slow proof on a fresh system.
#
#   build-aux/fresh-debian.sh [--head] [--packages FILE] [--dir DIR] [--keep]
#                             [--mirror URL]
#
#   --head           copy the last commit (git archive HEAD); the default copies
#                    the work tree as it is (tracked and new, unignored files:
#                    no build products), uncommitted changes included
#   --packages FILE  use FILE as the copy's build-aux/debian-packages (to try
#                    another list, e.g. one line left out, without editing ours)
#   --dir DIR        build the tree in DIR (new or empty); default a new folder
#                    under /var/tmp (about 1.5 GB)
#   --keep           keep the tree afterwards (default: removed)
#   --mirror URL     the Debian mirror; default: the first one whose suite is
#                    bookworm in /etc/apt/sources.list or
#                    /etc/apt/sources.list.d/*.list|*.sources, read at run time
#
# Prints each step with its time, then one line: "fresh-debian: PASSED ..." or
# "fresh-debian: FAILED ..." (exit 1) with the error lines of the step that
# failed.  The whole output of every step is in the log it names.
#
# In the tree, /proc and /dev/pts are mounted for configure and apt, and
# /usr/sbin/policy-rc.d forbids starting services (openssh-server's sshd would
# otherwise start on this machine's network).  At the end the tree's mounts
# are undone and the tree removed, even on failure or Ctrl-C; a tree that
# cannot be unmounted is left in place, never removed.
set -u
export LC_ALL=C

top=$(cd "$(dirname "$0")/.." && pwd)
from=worktree packages='' root='' keep=no mirror=''
me=fresh-debian

usage() { sed -n '21,34p' "$0" | sed 's/^# \{0,1\}//' >&2; exit 2; }
die() { echo "$me: $*" >&2; exit 1; }

while [ $# -gt 0 ]; do
	case $1 in
	--head) from='head' ;;
	--packages) [ $# -ge 2 ] || usage; packages=$(readlink -f "$2") || die "no such file: $2"; shift ;;
	--dir) [ $# -ge 2 ] || usage; root=$2; shift ;;
	--keep) keep=yes ;;
	--mirror) [ $# -ge 2 ] || usage; mirror=$2; shift ;;
	-h | --help) usage ;;
	*) echo "$me: unknown argument: $1" >&2; usage ;;
	esac
	shift
done

[ "$(id -u)" = 0 ] || die "needs root (debootstrap, chroot, mount)"
command -v debootstrap > /dev/null || die "debootstrap is not installed: apt-get install debootstrap"
{ command -v git > /dev/null && git -C "$top" rev-parse --git-dir > /dev/null 2>&1; } ||
	die "$top is not a git checkout (the copy is made with git)"
[ -z "$packages" ] || [ -f "$packages" ] || die "no such file: $packages"

# The mirror: the first "bookworm" source of this machine's apt, one-line
# (sources.list, *.list) or deb822 (*.sources) format.
find_mirror() {
	local f
	for f in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
		[ -f "$f" ] || continue
		awk '$1 == "deb" {
			i = 2
			if ($i ~ /^\[/) { while (i <= NF && $i !~ /\]$/) i++; i++ }
			if ($(i + 1) == "bookworm") { print $i; exit }
		}' "$f"
	done
	for f in /etc/apt/sources.list.d/*.sources; do
		[ -f "$f" ] || continue
		awk 'BEGIN { RS = ""; FS = "\n" }
		{
			types = uris = suites = enabled = ""
			for (i = 1; i <= NF; i++) {
				line = $i
				if (line ~ /^#/) continue
				if (line ~ /^[Tt]ypes:/)   { sub(/^[^:]*:/, "", line); types = " " line " " }
				if (line ~ /^[Uu][Rr][Ii][Ss]:/) { sub(/^[^:]*:/, "", line); uris = line }
				if (line ~ /^[Ss]uites:/)  { sub(/^[^:]*:/, "", line); suites = " " line " " }
				if (line ~ /^[Ee]nabled:/) { sub(/^[^:]*:/, "", line); enabled = line }
			}
			gsub(/[ \t]+/, " ", types); gsub(/[ \t]+/, " ", suites)
			if (types ~ / deb / && suites ~ / bookworm / && enabled !~ /no/) {
				split(uris, u, /[ \t]+/)
				for (j = 1; j in u; j++) if (u[j] != "") { print u[j]; exit }
			}
		}' "$f"
	done
}
[ -n "$mirror" ] || mirror=$(find_mirror | head -n 1)
[ -n "$mirror" ] || die "found no bookworm source in /etc/apt/sources.list{,.d}: give --mirror URL"

if [ -z "$root" ]; then
	root=$(mktemp -d /var/tmp/yc-fresh-debian.XXXXXX) || die "cannot make a folder under /var/tmp"
else
	mkdir -p "$root" || die "cannot make $root"
	[ -z "$(ls -A "$root")" ] || die "$root is not empty"
	root=$(cd "$root" && pwd -P)
fi
case $root in / | "") die "refusing to use / as the tree" ;; esac
log=$root.log
: > "$log" || die "cannot write $log"

# Undo the tree's mounts (deepest first), end what still runs in it (only
# processes started here: they have the tree as their root), remove it.
mounts_in_tree() { awk -v r="$root" 'substr($2, 1, length(r) + 1) == r "/" { print $2 }' /proc/mounts | sort -r; }
exec 3>&1 4>&2 # the terminal: a trap may run while a step's output goes to the log
cleanup() {
	local m p left
	trap - EXIT INT TERM
	exec 1>&3 2>&4
	for p in /proc/[0-9]*; do
		[ "$(readlink "$p/root" 2> /dev/null)" = "$root" ] && kill -KILL "${p#/proc/}" 2> /dev/null
	done
	for m in $(mounts_in_tree); do
		umount "$m" 2> /dev/null || umount -l "$m" 2> /dev/null || echo "$me: could not unmount $m" >&2
	done
	left=$(mounts_in_tree)
	if [ -n "$left" ]; then
		echo "$me: still mounted in the tree, so it is left in place: $left" >&2
	elif [ "$keep" = yes ]; then
		echo "$me: the tree is kept in $root"
	else
		rm -rf --one-file-system "$root"
	fi
	echo "$me: the log is $log"
}
trap cleanup EXIT
trap 'printf "\n%s: interrupted\n" "$me" >&4; exit 130' INT TERM

# step NAME CMD...: run CMD with its output in the log, and say how long it took.
n=0 total0=$(date +%s) failed=
step() {
	local name=$1 t0 rc
	shift
	n=$((n + 1))
	t0=$(date +%s)
	printf '%2d. %-62s ' "$n" "$name"
	printf '\n===== %d. %s\n' "$n" "$name" >> "$log"
	"$@" >> "$log" 2>&1
	rc=$?
	printf '%4d s  %s\n' "$(($(date +%s) - t0))" "$([ $rc = 0 ] && echo ok || echo "FAILED (exit $rc)")"
	[ $rc = 0 ] || failed="$n. $name"
	return $rc
}
# in_tree CMD: CMD run by /bin/sh in the tree, as root, in a clean environment.
in_tree() {
	chroot "$root" /usr/bin/env -i HOME=/root LANG=C.UTF-8 TERM=dumb DEBIAN_FRONTEND=noninteractive \
		PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin \
		${http_proxy:+http_proxy=$http_proxy} ${https_proxy:+https_proxy=$https_proxy} \
		/bin/sh -c "$1" 3>&- 4>&-
}
prepare_tree() {
	cp -L /etc/resolv.conf "$root/etc/resolv.conf" &&
		printf '#!/bin/sh\n# fresh-debian.sh: no services start in this tree\nexit 101\n' > "$root/usr/sbin/policy-rc.d" &&
		chmod 755 "$root/usr/sbin/policy-rc.d" &&
		{ mountpoint -q "$root/proc" || mount -t proc proc "$root/proc"; } &&
		{ [ -c "$root/dev/null" ] || mount --bind /dev "$root/dev"; } &&
		mkdir -p "$root/dev/pts" &&
		{ mountpoint -q "$root/dev/pts" || mount -t devpts -o newinstance,ptmxmode=0666,mode=620 devpts "$root/dev/pts"; }
}
copy_project() {
	mkdir -p "$root/root/yichuang" || return 1
	if [ "$from" = head ]; then
		git -C "$top" archive HEAD | tar -C "$root/root/yichuang" -xf - || return 1
	else
		# tracked and new files that .gitignore does not exclude, as they are now
		(cd "$top" && git ls-files -z -co --exclude-standard |
			while IFS= read -r -d '' f; do [ -e "$f" ] && printf '%s\0' "$f"; done |
			tar --null -T - -cf -) | tar -C "$root/root/yichuang" -xf - || return 1
	fi
	if [ -n "$packages" ]; then
		cp "$packages" "$root/root/yichuang/build-aux/debian-packages" || return 1
	fi
	echo "build-aux/debian-packages in the tree:"
	cat "$root/root/yichuang/build-aux/debian-packages"
}

echo "$me: a fresh Debian 12 (minbase + git) in $root"
echo "$me: mirror $mirror; project from $([ "$from" = head ] && echo "git HEAD" || echo "the work tree")$([ -n "$packages" ] && echo "; package list $packages")"

step "debootstrap --variant=minbase bookworm" debootstrap --variant=minbase bookworm "$root" "$mirror" &&
	step "mount /proc, /dev/pts; policy-rc.d; resolv.conf" prepare_tree &&
	step "apt-get update && apt-get install -y git" in_tree "apt-get update && apt-get install -y git" &&
	step "copy the project to /root/yichuang" copy_project
ok=$?

# README's quick start, less `src/yichuang --demo`, plus `src/yichuang --version`,
# one step per command of the && chain.
if [ $ok = 0 ]; then
	readme=$root/root/yichuang/README
	line=$(sed -n 's/^[[:space:]]*\(apt-get update && .*\)$/\1/p' "$readme" | head -n 1)
	case $line in
	*" && src/yichuang --demo") line="${line% && src/yichuang --demo} && src/yichuang --version" ;;
	*) echo "$me: README's quick start line is not 'apt-get update && ... && src/yichuang --demo': '$line'" >&2; ok=1; failed="reading README" ;;
	esac
fi
if [ $ok = 0 ]; then
	echo "    README, in /root/yichuang: $line"
	rest=$line
	while [ -n "$rest" ]; do
		case $rest in
		*" && "*) cmd=${rest%%" && "*}; rest=${rest#*" && "} ;;
		*) cmd=$rest; rest= ;;
		esac
		step "$cmd" in_tree "cd /root/yichuang && $cmd" || { ok=1; break; }
	done
fi

echo "    total $(($(date +%s) - total0)) s"
if [ $ok = 0 ]; then
	echo "$me: PASSED: README's quick start builds on a fresh Debian 12 (minbase + git): $(tail -n 1 "$log")"
	exit 0
fi
echo "$me: FAILED at step $failed. The errors:"
grep -E 'cannot find -l|error:|Error [0-9]|^E: |No package|not found|No such file' "$log" | tail -n 15 | sed 's/^/    /'
echo "    (the end of the log:)"
tail -n 12 "$log" | sed 's/^/    /'
echo "$me: FAILED at step $failed"
exit 1
