# lib.sh - shared by the shell tests: a scratch folder and a fixed
# environment, so that results do not depend on the machine.
set -u
: "${YC_BIN:?run through make check}"
: "${YC_SRCDIR:?run through make check}"
: "${YC_TMP:=${TMPDIR:-/tmp}}"

mkdir -p "$YC_TMP"
WORK=$(mktemp -d "$YC_TMP/$(basename "$0" | tr -c 'A-Za-z0-9\n' '_').XXXXXX")
export HOME="$WORK/home" XDG_CONFIG_HOME="$WORK/config" XDG_DATA_HOME="$WORK/data"
export LANG=C.UTF-8 LC_ALL=C.UTF-8 TZ=Asia/Shanghai
export YICHUANG_SYSCONF=/nonexistent/yichuang.conf
export YICHUANG_TODAY=2026-11-27
unset LANGUAGE YICHUANG_DEBUG
mkdir -p "$HOME" "$XDG_CONFIG_HOME" "$XDG_DATA_HOME"

fail() { echo "FAIL: $*" >&2; exit 1; }
