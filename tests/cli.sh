#!/bin/sh
# The command line: version, help, usage and config errors (exit 2),
# runtime errors (exit 1), init refusing to overwrite, messages in Chinese.
. "$(dirname "$0")/lib.sh"

run "$YC_BIN" --version
expect_rc 0 "--version"
printf '%s' "$out" | grep -q '^yichuang [0-9]' || fail "--version prints: $out"

run "$YC_BIN" --help
expect_rc 0 "--help"
printf '%s' "$out" | grep -q 'init --db PATH' || fail "--help lacks init: $out"

run "$YC_BIN" --no-such-option
expect_rc 2 "unknown option"

run "$YC_BIN" --lang en frobnicate
expect_rc 2 "unknown command"
expect_err "Unknown command 'frobnicate'" "unknown command"
one_line_err "unknown command"

run "$YC_BIN" --lang fr
expect_rc 2 "bad --lang"

run "$YC_BIN" --lang en --screen nowhere
expect_rc 2 "unknown screen"
expect_err "nowhere" "unknown screen"

# init: creates, tells the admin password once, refuses to overwrite
db="$WORK/hall.db"
run "$YC_BIN" --lang en init --db "$db"
expect_rc 0 "init"
[ -f "$db" ] || fail "init made no file"
printf '%s' "$out" | grep -q "Log in as 'admin'" || fail "init did not tell the admin password: $out"
before=$(cksum < "$db")
run "$YC_BIN" --lang en init --db "$db" --demo
expect_rc 1 "init over an existing database"
expect_err "already exists" "init over an existing database"
[ "$(cksum < "$db")" = "$before" ] || fail "init changed an existing database"

run "$YC_BIN" --lang en init --db "$WORK/no/such/folder/hall.db"
expect_rc 1 "init into a missing folder"
expect_err "folder" "init into a missing folder"
one_line_err "init into a missing folder"
ls "$WORK/no" 2>/dev/null && fail "init left something behind"

# configuration mistakes: exit 2, file and line named, nothing touched
printf 'database:\n{\n  path = "%s";\n  locking = ;\n};\n' "$db" > "$WORK/syntax.conf"
run "$YC_BIN" --lang en --config "$WORK/syntax.conf" ticket --category combined
expect_rc 2 "config syntax error"
expect_err "$WORK/syntax.conf:4:" "config syntax error"
one_line_err "config syntax error"
printf 'database: { path = "%s"; lockng = "unix"; };\n' "$db" > "$WORK/typo.conf"
run "$YC_BIN" --lang en --config "$WORK/typo.conf" ticket --category combined
expect_rc 2 "misspelt setting"
expect_err "unknown setting 'database.lockng'" "misspelt setting"
[ "$(cksum < "$db")" = "$before" ] || fail "a bad configuration touched the database"

run "$YC_BIN" --lang en --config "$WORK/none.conf"
expect_rc 2 "missing --config file"
expect_err "$WORK/none.conf" "missing --config file"

# runtime errors: exit 1, one clear sentence
run "$YC_BIN" --lang en --db "$WORK/missing.db" ticket --category combined
expect_rc 1 "missing database"
expect_err "yichuang init --db $WORK/missing.db" "missing database"
one_line_err "missing database"

run "$YC_BIN" --lang en --db "$db" ticket --category combined
expect_rc 0 "ticket"
[ "$out" = "A001" ] || fail "first ticket is '$out', not A001"
run "$YC_BIN" --lang en --db "$db" ticket --category combined --priority
[ "$out" = "A002" ] || fail "second ticket is '$out', not A002"

run "$YC_BIN" --lang en --db "$db" ticket
expect_rc 2 "ticket without category"

sqlite3 "$db" 'PRAGMA user_version = 42' || fail "sqlite3 missing"
run "$YC_BIN" --lang en --db "$db" ticket --category combined
expect_rc 1 "newer schema"
expect_err "newer" "newer schema"

printf 'not a database at all' > "$WORK/junk.db"
run "$YC_BIN" --lang en --db "$WORK/junk.db" ticket --category combined
expect_rc 1 "junk file"
expect_err "damaged or is not a yichuang database" "junk file"

# no terminal: the TUI says so instead of drawing garbage
run "$YC_BIN" --lang en --db "$db" < /dev/null
expect_rc 2 "no terminal"
expect_err "terminal" "no terminal"

# Chinese by default
run "$YC_BIN" --db "$WORK/missing.db" ticket --category combined
expect_rc 1 "missing database, Chinese"
expect_err "数据库" "missing database, Chinese"

echo "cli: all checks passed"
rm -rf "$WORK"
