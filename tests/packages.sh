#!/bin/sh
# packages.sh - build-aux/debian-packages, which README's quick start installs
# on a fresh Debian 12, names every package the build and the tests need.
# Checked here, on the machine that built, through dpkg:
#   1. each line of the list is one package, installed here (dpkg -s);
#   2. each -l of the real link lines - the Makefile's link variables (LDADD,
#      *_LDADD, LIBS, LDFLAGS ... and the *_LIBS they name) and
#      `pkg-config --static --libs` of every module configure.ac checks (libpq:
#      --libs, see shared_only), whose
#      private libraries are the ones a -dev package may not pull (Debian's
#      xlsxwriter.pc names -lz, libxlsxwriter-dev does not bring zlib1g-dev) -
#      is linked from a file (.so, else .a) of a listed package (dpkg -S);
#   3. each command the build and the tests call (COMMANDS below) comes from a
#      listed package (dpkg -S of `command -v`).
# "Listed" is: on a line of the list, or a direct Depends/Pre-Depends of a
# package on a line (apt installs it with it): build-essential brings
# libc6-dev (-lm, -lpthread, -lrt), check brings libsubunit-dev, pkg-config
# brings pkgconf, sshfs brings openssh-client, openssh-server brings procps.
# No deeper: what a dependency of a dependency pulls changes between
# releases. Packages of every Debian (Essential, or Priority required: what
# debootstrap --variant=minbase installs) need no line either.
# A test calling a new command adds it to COMMANDS. The slow proof on a
# really fresh system is build-aux/fresh-debian.sh (by hand, as root).
# Skipped where there is no dpkg (not Debian).
. "$(dirname "$0")/lib.sh"

COMMANDS="gcc make autoreconf autopoint aclocal automake msgfmt pkg-config
	tmux sqlite3 sshfs fusermount3 sshd ssh-keygen pgrep faketime zbarimg unzip
	pdftotext pdftoppm runuser psql pg_dump pg_restore"

list=$YC_SRCDIR/build-aux/debian-packages
builddir=$(dirname "$(dirname "$YC_BIN")")
mk=$builddir/Makefile
command -v dpkg-query > /dev/null || skip "no dpkg: not a Debian system"
[ -f "$list" ] || fail "$list is missing"
[ -f "$mk" ] || fail "no $mk: run ./configure"
PATH=$PATH:/usr/sbin:/sbin

problems=0
problem() { echo "FAIL: $*" >&2; problems=$((problems + 1)); }

# 1. The list: one package a line, each installed -------------------------
n=0
while IFS= read -r pkg || [ -n "$pkg" ]; do
	n=$((n + 1))
	case $pkg in
	"" | [!a-z0-9]* | *[!a-z0-9+.-]*)
		problem "build-aux/debian-packages line $n: '$pkg' is not one package name (one package a line)"
		continue ;;
	esac
	[ "$(dpkg-query -W -f='${Status}' "$pkg" 2> /dev/null)" = "install ok installed" ] && continue
	if apt-cache show "$pkg" > /dev/null 2>&1; then
		problem "build-aux/debian-packages lists $pkg, which is not installed here: apt-get install $pkg"
	else
		problem "build-aux/debian-packages lists $pkg, which is no package apt knows"
	fi
done < "$list"

# What the list brings: "PACKAGE<TAB>" for its lines, then
# "PACKAGE<TAB>LISTED" for the direct dependencies of each (every alternative).
allowed=$WORK/allowed
grep -v '^[[:space:]]*$' "$list" | sed 's/[[:space:]]//g; s/$/\t/' > "$allowed"
for pkg in $(cat "$list"); do
	dpkg-query -W -f='${Pre-Depends}, ${Depends}\n' "$pkg" 2> /dev/null |
		tr ',|' '\n\n' | sed 's/([^)]*)//; s/\[[^]]*\]//; s/:[a-z0-9-]*//; s/[[:space:]]//g' |
		grep -v '^$' | sed "s/\$/\t$pkg/"
done >> "$allowed"
# brought PKG: prints how the list (or minbase) brings PKG; fails when it does not
brought() {
	awk -F '\t' -v p="$1" '$1 == p { print ($2 == "" ? "listed" : "brought by " $2); found = 1; exit }
		END { exit !found }' "$allowed" && return 0
	case $(dpkg-query -W -f='${Essential} ${Priority}' "$1" 2> /dev/null) in
	"yes "* | *" required") echo "in every Debian: essential/required" ;;
	*) return 1 ;;
	esac
}

# other_spelling FILE: the same file through merged /usr (/usr/lib <-> /lib)
other_spelling() {
	case $1 in
	/usr/lib/* | /usr/lib32/* | /usr/lib64/* | /usr/bin/* | /usr/sbin/*) echo "${1#/usr}" ;;
	/lib/* | /lib32/* | /lib64/* | /bin/* | /sbin/*) echo "/usr$1" ;;
	*) echo "$1" ;;
	esac
}
# owner FILE...: the package that installed the first of the FILEs dpkg knows
owner() {
	for f in "$@"; do
		for g in "$f" "$(other_spelling "$f")"; do
			o=$(dpkg-query -S "$g" 2> /dev/null | grep -v '^diversion' | head -n 1 |
				sed 's/: .*//; s/,.*//; s/:[a-z0-9_-]*$//')
			[ -n "$o" ] && { echo "$o"; return 0; }
		done
	done
	return 1
}

# 2. The libraries of the link lines --------------------------------------
# The Makefile's variables (continuation lines joined, += appended); from
# each link variable, follow the $(VAR)s it names and print every -l token
# with the variable that holds it: "-lz<TAB>XLSXWRITER_LIBS".
libs=$WORK/libs
awk '
	function walk(name, depth,   t, i, ref) {
		if (depth > 20 || !(name in v)) return
		split(v[name], t, /[ \t]+/)
		for (i = 1; i in t; i++) {
			if (t[i] ~ /^\$[({]/) {
				ref = substr(t[i], 3); sub(/[:)}].*/, "", ref)
				walk(ref, depth + 1)
			} else if (t[i] ~ /^-l./ || t[i] ~ /^-L./)
				print t[i] "\t" name
		}
	}
	{
		line = $0
		while (line ~ /\\$/ && (getline more) > 0) { sub(/\\$/, " ", line); line = line more }
		if (match(line, /^[A-Za-z_][A-Za-z0-9_]*[ \t]*\+?=/)) {
			name = substr(line, 1, RLENGTH); sub(/[ \t]*\+?=$/, "", name)
			val = substr(line, RLENGTH + 1)
			v[name] = (substr(line, RLENGTH - 1, 1) == "+" ? v[name] " " : "") val
		}
	}
	END {
		for (name in v)
			if (name ~ /^(LDADD|LIBS|LDFLAGS|AM_LDFLAGS)$/ || name ~ /_(LDADD|LIBADD|LDFLAGS)$/)
				walk(name, 0)
	}' "$mk" | sort -u > "$libs"
[ -s "$libs" ] || fail "found no -l in the link variables of $mk"
mkvar() { sed -n "s/^$1 = //p" "$mk" | head -n 1; }
cc=$(mkvar CC)
pkgconfig=$(mkvar PKG_CONFIG)
# every module of configure.ac's PKG_CHECK_MODULES, versions left out
modules=$(sed -n 's/^[[:space:]]*PKG_CHECK_MODULES(\[[A-Za-z0-9_]*\],[[:space:]]*\[\([^]]*\)\].*/\1/p' \
	"$YC_SRCDIR/configure.ac" | tr ' ' '\n' | grep '^[A-Za-z]' | sort -u)
[ -n "$modules" ] || fail "found no PKG_CHECK_MODULES in configure.ac"
# Debian's libpq.pc names, as private libraries, the server's build
# libraries (-lpgcommon -lpgport: postgresql-server-dev) and Kerberos/LDAP
# ones that libpq-dev does not ship or pull: libpq can only be linked
# shared there, so its plain --libs line is the real one.
shared_only=" libpq "
for mod in $modules; do
	static=--static
	case $shared_only in *" $mod "*) static= ;; esac
	if ! out=$(${pkgconfig:-pkg-config} $static --libs "$mod" 2>&1); then
		problem "pkg-config $static --libs $mod fails: $out"
		continue
	fi
	for t in $out; do
		case $t in -l?* | -L?*) printf '%s\tpkg-config %s %s\n' "$t" "${static:-(shared only)}" "$mod" ;; esac
	done
done >> "$libs"

# the folders of -L, searched before the compiler's own
ldirs=$(sed -n 's/^-L\([^\t]*\)\t.*/\1/p' "$libs" | sort -u)
# libfile NAME: the file -lNAME links (.so, else .a; -l:FILE is FILE)
libfile() {
	case $1 in :*) set -- "${1#:}" ;; *) set -- "lib$1.so" "lib$1.a" ;; esac
	for f in "$@"; do
		for d in $ldirs; do [ -e "$d/$f" ] && { realpath -s "$d/$f"; return 0; }; done
		p=$(${cc:-cc} -print-file-name="$f")
		case $p in /*) [ -e "$p" ] && { realpath -s "$p"; return 0; } ;; esac
	done
	return 1
}

for l in $(sed -n 's/^-l\([^\t]*\)\t.*/\1/p' "$libs" | sort -u); do
	from=$(awk -F '\t' -v t="-l$l" '$1 == t { s = s (s == "" ? "" : ", ") $2 } END { print s }' "$libs")
	if ! file=$(libfile "$l"); then
		problem "-l$l ($from): the linker finds no lib$l.so or lib$l.a here"
		continue
	fi
	if ! pkg=$(owner "$file" "$(readlink -f "$file")"); then
		problem "-l$l ($from): $file is in no Debian package"
		continue
	fi
	if how=$(brought "$pkg"); then
		echo "ok   -l$l: $file from $pkg ($how)"
	else
		problem "-l$l ($from) links $file, from package $pkg, which build-aux/debian-packages does not list: add $pkg"
	fi
done

# 3. The commands of the build and the tests ------------------------------
for c in $COMMANDS; do
	if ! path=$(command -v "$c"); then
		problem "command $c is not installed here (the build or the tests call it): which package brings it?"
		continue
	fi
	if ! pkg=$(owner "$path" "$(readlink -f "$path")"); then
		problem "command $c ($path) is in no Debian package"
		continue
	fi
	if how=$(brought "$pkg"); then
		echo "ok   $c: $path from $pkg ($how)"
	else
		problem "command $c ($path) comes from package $pkg, which build-aux/debian-packages does not list: add $pkg"
	fi
done

# 4. The terminals the screen tests start the program in (term NAME) --------
for t in $(sed -n 's/^term \([^ ]*\)$/\1/p' "$YC_SRCDIR"/tests/screens/*.scr | sort -u); do
	if ! file=$(find /etc/terminfo /lib/terminfo /usr/share/terminfo -name "$t" 2> /dev/null | head -n 1) ||
	   [ -z "$file" ]; then
		problem "the terminal $t (a screen test's TERM) has no terminfo entry here: which package brings it?"
		continue
	fi
	if ! pkg=$(owner "$file" "$(readlink -f "$file")"); then
		problem "the terminfo entry $file is in no Debian package"
	elif how=$(brought "$pkg"); then
		echo "ok   TERM=$t: $file from $pkg ($how)"
	else
		problem "TERM=$t ($file) comes from package $pkg, which build-aux/debian-packages does not list: add $pkg"
	fi
done

[ "$problems" = 0 ] || fail "$problems problem(s) with build-aux/debian-packages (above)"
echo "build-aux/debian-packages: every library linked and command called is listed"
rm -rf "$WORK"
