#!/bin/sh
# Catalogue import and export: a round trip changes nothing; a changed
# checkpoint becomes a new version from the effective date while the old
# one stays readable; a bad file is reported line by line and nothing of it
# is imported. A byte-order mark at the start is skipped by both importers
# (catalogue, online submissions), and every error names the file. On
# SQLite, and with YC_TEST_BACKEND=postgresql on a server.
. "$(dirname "$0")/lib.sh"
backend_up

hall hall
hall_init hall > /dev/null || fail "init"
yc() { "$YC_BIN" --lang en --config "$WORK/hall.conf" "$@"; }
sql() { hall_sql hall "$1"; }

yc catalog export "$WORK/cat.jsonl" 2> /dev/null || fail "export"
items=$(sql "SELECT count(*) FROM service_items")
scenarios=$(sql "SELECT count(*) FROM scenarios")
[ "$scenarios" -ge 6 ] || fail "the catalogue ships $scenarios scenarios"
[ "$(wc -l < "$WORK/cat.jsonl")" -eq $((items + scenarios)) ] ||
	fail "export wrote $(wc -l < "$WORK/cat.jsonl") lines for $items items and $scenarios scenarios"
scenario_rows() { sql "SELECT s.code, s.name, s.keywords, coalesce(b.code, ''), q.seq, q.text FROM scenarios s
  LEFT JOIN service_items b ON b.id = s.bundle_item_id JOIN scenario_questions q ON q.scenario_id = s.id ORDER BY 1, 5"
  sql "SELECT s.code, si.seq, i.code, si.question, si.when_yes FROM scenario_items si JOIN scenarios s ON s.id = si.scenario_id
  JOIN service_items i ON i.id = si.item_id ORDER BY 1, 2"; }
scenarios_before=$(scenario_rows)
# 容缺 materials and 告知承诺 conditions of the demo catalogue are exported
grep -q '"waivable":true' "$WORK/cat.jsonl" || fail "no material exported as waivable"
grep '"code":"WJW-001"' "$WORK/cat.jsonl" | grep -q '"promise_conditions":"1. ' || fail "no promise conditions exported"

out=$(yc catalog import "$WORK/cat.jsonl") || fail "re-import: $out"
echo "$out" | grep -q "0 new, $items updated; checkpoints: 0 new, 0 changed" || fail "round trip changed something: $out"
echo "$out" | grep -q "Imported $scenarios scenarios" || fail "round trip of the scenarios: $out"
[ "$(scenario_rows)" = "$scenarios_before" ] || fail "the scenarios' round trip changed them"
grep -q '^{"scenario":"QJ-001","name":"我要开超市",.*"bundle":"SCJG-008"' "$WORK/cat.jsonl" ||
	fail "the supermarket scenario is not exported as the format says"

# a scenario of the hall's own: replaced whole by its code; one naming an
# item the catalogue lacks refuses the whole file, and says which
cat > "$WORK/scenario.jsonl" <<'JSON'
{"scenario":"QJ-101","name":"我要开理发店","keywords":"理发 美发","questions":["需要领用发票吗？"],"items":[{"item":"SCJG-001"},{"item":"SWJ-001","question":1,"answer":"yes"}]}
JSON
rules_of() { sql "SELECT count(*) FROM scenario_items si JOIN scenarios s ON s.id = si.scenario_id WHERE s.code = '$1'"; }
out=$(yc catalog import "$WORK/scenario.jsonl") || fail "import a scenario: $out"
[ "$(rules_of QJ-101)" = 2 ] || fail "the new scenario's items were not stored"
sed 's/"items":.*/"items":[{"item":"SCJG-001"},{"item":"NOPE-404"}]}/' "$WORK/scenario.jsonl" > "$WORK/scenario-bad.jsonl"
yc catalog import "$WORK/scenario-bad.jsonl" > /dev/null 2> "$WORK/err" && fail "a scenario naming no item was imported"
grep -q "Line 1: the scenario QJ-101 names the item NOPE-404, which is not in the catalogue" "$WORK/err" ||
	fail "an unknown item in a scenario: $(cat "$WORK/err")"
[ "$(rules_of QJ-101)" = 2 ] || fail "a refused scenario changed the stored one"
sed 's/"question":1/"question":2/' "$WORK/scenario.jsonl" > "$WORK/scenario-q.jsonl"
yc catalog import "$WORK/scenario-q.jsonl" > /dev/null 2> "$WORK/err" && fail "a rule on a question not asked was imported"
grep -q "scenario-q.jsonl: line 1: item 2: 'question' must be 0 (always) or one of the 1 questions" "$WORK/err" ||
	fail "a rule on a question not asked: $(cat "$WORK/err")"

# change the first checkpoint of the first item, from 2027-01-01
code=$(head -n 1 "$WORK/cat.jsonl" | sed 's/^{"code":"\([^"]*\)".*/\1/')
head -n 1 "$WORK/cat.jsonl" | sed 's/"checkpoints":\["[^"]*"/"checkpoints":["新要点：须当场核验原件"/' > "$WORK/one.jsonl"
grep -q "新要点" "$WORK/one.jsonl" || fail "test setup: no checkpoint to change"
out=$(yc catalog import --effective 2027-01-01 "$WORK/one.jsonl") || fail "import change: $out"
echo "$out" | grep -q "checkpoints: 0 new, 1 changed" || fail "a changed checkpoint was not versioned: $out"
rows=$(sql "SELECT c.version || '|' || c.effective_from || '|' || coalesce(c.effective_to, '-')
  FROM checkpoints c JOIN materials m ON m.id = c.material_id JOIN service_items i ON i.id = m.item_id
  WHERE i.code = '$code' AND m.seq = 1 AND c.seq = 1 ORDER BY c.version")
old=$(echo "$rows" | sed -n 1p) new=$(echo "$rows" | tail -n 1)
case $old in *"|2026-12-31") ;; *) fail "the old version should end 2026-12-31: $rows" ;; esac
case $new in *"|2027-01-01|-") ;; *) fail "the new version should start 2027-01-01: $rows" ;; esac
text=$(sql "SELECT text FROM checkpoints WHERE effective_from = '2027-01-01'")
[ "$text" = "新要点：须当场核验原件" ] || fail "new checkpoint text is '$text'"
# before the date, export still shows the old text
YICHUANG_TODAY=2026-12-31 yc catalog export - 2>/dev/null | grep -q "新要点" && fail "the new version shows before its date"
YICHUANG_TODAY=2027-01-01 yc catalog export - 2>/dev/null | grep -q "新要点" || fail "the new version is missing from its date on"

# a new item
cat > "$WORK/new.jsonl" <<'JSON'
{"code":"TEST-001","name":"测试事项登记","pinyin":"csssdj","department":{"code":"TEST","name":"旗测试局"},"kind":"promised","statutory_limit":20,"promised_limit":5,"window":"combined","materials":[{"name":"申请书","checkpoints":["申请人签字"]}]}
JSON
out=$(yc catalog import "$WORK/new.jsonl") || fail "import new: $out"
echo "$out" | grep -q "1 new, 0 updated" || fail "new item: $out"
[ "$(sql "SELECT name FROM service_items WHERE code = 'TEST-001'")" = "测试事项登记" ] || fail "new item not stored"

# a byte-order mark at the start, as Windows tools write: skipped, by the
# catalogue as by the online submissions (one rule); a file of nothing else
# is an empty file
bom=$(printf '\357\273\277')
{ printf '%s' "$bom"; cat "$WORK/new.jsonl"; } > "$WORK/bom.jsonl"
out=$(yc catalog import "$WORK/bom.jsonl" 2>&1) || fail "a catalogue with a byte-order mark: $out"
echo "$out" | grep -q "0 new, 1 updated" || fail "a catalogue with a byte-order mark: $out"
printf '%s' "$bom" > "$WORK/only-bom.jsonl"
out=$(yc catalog import "$WORK/only-bom.jsonl" 2>&1) || fail "a catalogue of a byte-order mark only: $out"
echo "$out" | grep -q "Imported 0 items" || fail "a catalogue of a byte-order mark only: $out"
# the same mark elsewhere than at the start is no mark: an error, naming the file
{ cat "$WORK/new.jsonl"; printf '%s' "$bom"; cat "$WORK/new.jsonl"; } > "$WORK/bom2.jsonl"
yc catalog import "$WORK/bom2.jsonl" > /dev/null 2> "$WORK/err" && fail "a mark inside a catalogue was taken"
grep -q "bom2.jsonl: line 2:" "$WORK/err" || fail "a mark inside a catalogue: $(cat "$WORK/err")"
online() {   # online ITEM: one online submission for ITEM, after a byte-order mark
	printf '%s{"ref":"NMG-20261126-%s","received":"2026-11-26 21:14","source":"web","item":"%s","applicant":{"kind":"person","name":"王海燕","id_number":"150626198808080011","phone":"13904771234"},"materials":[{"seq":1,"name":"申请书","files":1}]}\n' \
		"$bom" "$(printf '%s' "$1" | cksum | cut -c1-6)" "$1"
}
online TEST-001 > "$WORK/online.jsonl"
out=$(yc import-online "$WORK/online.jsonl" 2>&1) || fail "online submissions with a byte-order mark: $out"
echo "$out" | grep -q "1 new submissions" || fail "online submissions with a byte-order mark: $out"
# a submission the database refuses (no such item) names the file too
online NOPE-001 > "$WORK/online-bad.jsonl"
yc import-online "$WORK/online-bad.jsonl" > /dev/null 2> "$WORK/err" && fail "a submission for no item was imported"
grep -q "online-bad.jsonl: line 1: no service item has the code NOPE-001" "$WORK/err" ||
	fail "the database's refusal does not name the file: $(cat "$WORK/err")"

# a bad file: every problem reported with its line, nothing imported
cat > "$WORK/bad.jsonl" <<'JSON'
{"code":"GOOD-001","name":"好的事项","department":{"code":"TEST","name":"旗测试局"},"kind":"immediate","materials":[{"name":"身份证","checkpoints":["有效期内"]}]}
{"code":"BAD-002", "name": 
{"code":"BAD-003","name":"未知字段","departmnt":{"code":"X","name":"Y"},"kind":"immediate","materials":[{"name":"a","checkpoints":["b"]}]}
{"code":"BAD-004","name":"没有材料","department":{"code":"X","name":"Y"},"kind":"promised","materials":[]}
{"code":"GOOD-001","name":"重复编码","department":{"code":"X","name":"Y"},"kind":"immediate","materials":[{"name":"a","checkpoints":["b"]}]}
{"code":"BAD-006","name":"时限","department":{"code":"X","name":"Y"},"kind":"sometimes","statutory_limit":5,"promised_limit":9,"materials":[{"name":"a","checkpoints":[]}]}
JSON
before=$(sql "SELECT (SELECT count(*) FROM service_items), (SELECT count(*) FROM departments), (SELECT count(*) FROM events)")
yc catalog import "$WORK/bad.jsonl" > "$WORK/out" 2> "$WORK/err" && fail "a bad file was accepted"
for l in 2 3 4 5 6; do
	grep -q "bad.jsonl: line $l:" "$WORK/err" || fail "line $l not reported: $(cat "$WORK/err")"
done
grep -q "bad.jsonl: line 1:" "$WORK/err" && fail "the good line 1 was reported"
grep -q "unknown field 'departmnt'" "$WORK/err" || fail "misspelt field not named"
grep -q "already used on line 1" "$WORK/err" || fail "duplicate code not named"
grep -q "nothing was imported" "$WORK/err" || fail "no summary sentence"
after=$(sql "SELECT (SELECT count(*) FROM service_items), (SELECT count(*) FROM departments), (SELECT count(*) FROM events)")
[ "$before" = "$after" ] || fail "a bad file changed the database"

yc catalog import "$WORK/none.jsonl" 2> "$WORK/err" && fail "a missing file was accepted"
grep -q "Cannot read" "$WORK/err" || fail "missing file message: $(cat "$WORK/err")"
yc catalog frobnicate x 2> /dev/null; [ $? -eq 2 ] || fail "bad catalog subcommand is not a usage error"

# NUL bytes between lines: no text file, an error naming it, nothing written
items=$(sql "SELECT count(*) FROM service_items")
yc catalog export "$WORK/all.jsonl" 2> /dev/null || fail "export for the NUL test"
{ head -n 1 "$WORK/all.jsonl"; printf '\0'; sed -n 2,3p "$WORK/all.jsonl" | sed 's/"name": *"[^"]*"/"name": "改过的名称"/'; } > "$WORK/nul.jsonl"
yc catalog import "$WORK/nul.jsonl" 2> "$WORK/err"; rc=$?
[ $rc -eq 1 ] || fail "a file with NUL bytes: exit $rc, wanted 1"
grep -q "nul.jsonl holds NUL bytes" "$WORK/err" || fail "NUL message: $(cat "$WORK/err")"
[ "$(sql "SELECT count(*) FROM service_items WHERE name = '改过的名称'")" = 0 ] || fail "a NUL file changed items"
[ "$(sql "SELECT count(*) FROM service_items")" = "$items" ] || fail "a NUL file added items"

echo "catalog import/export: all checks passed"
hall_done
