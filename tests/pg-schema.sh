#!/bin/sh
# pg-schema.sh - the PostgreSQL schema (data/pg/schema.sql) is the SQLite
# schema a new database gets (`yichuang init`): the same tables, columns
# (name, place, a type class, nullability), primary keys, unique keys,
# indexes (their columns) and trigger names, but for the differences
# listed below; and the shipped data (the demo catalogue, the criteria,
# bundles and scenarios), loaded through src/dialect.c, is the same rows
# in both, with the search tables their triggers fill. Skipped (77) when
# PostgreSQL is not installed (Debian package postgresql).
. "$YC_SRCDIR/tests/lib.sh"

pg_cluster_up

pg() { psql "$conn" -X -q -v ON_ERROR_STOP=1 "$@"; }

run "$YC_BIN" --lang en init --db "$WORK/hall.db"
expect_rc 0 "init"
lite() { sqlite3 -batch "$WORK/hall.db" "$@"; }

pg -1 -f "$YC_SRCDIR/data/pg/schema.sql" > "$WORK/schema.log" 2>&1 ||
	fail "data/pg/schema.sql does not load: $(cat "$WORK/schema.log")"
# then the twins of the migrations after 27, in order (doc/postgresql.md)
for f in $(ls "$YC_SRCDIR"/data/pg/migrate-*.sql 2> /dev/null | sort -t- -k2 -n); do
	pg -1 -f "$f" > "$WORK/schema.log" 2>&1 || fail "$f does not load: $(cat "$WORK/schema.log")"
done

# Structure, one fact a line. SQLite's FTS5 shadow tables are its own.
FTS_SHADOW="m.name GLOB 'item_names_*' OR m.name GLOB 'item_texts_*'"
lite "WITH t AS (SELECT name FROM sqlite_master m WHERE type = 'table' AND name NOT GLOB 'sqlite_*'
                 AND NOT ($FTS_SHADOW)),
      idx AS (SELECT t.name AS tbl, l.name, l.\"unique\" AS uniq, l.partial, l.origin,
                     (SELECT group_concat(coalesce(name, 'expr'), ',') FROM
                        (SELECT name FROM pragma_index_info(l.name) ORDER BY seqno)) AS cols
                FROM t, pragma_index_list(t.name) l WHERE l.origin <> 'pk')
SELECT 'table ' || name FROM t
UNION ALL
SELECT 'column ' || t.name || '.' || c.name || ' ' || (c.cid + 1) || ' ' ||
       CASE WHEN upper(c.type) LIKE 'INT%' THEN 'integer' WHEN upper(c.type) = 'REAL' THEN 'real'
            WHEN upper(c.type) = 'BLOB' THEN 'blob' ELSE 'text' END || ' ' ||
       CASE WHEN c.\"notnull\" OR c.pk THEN 'not-null' ELSE 'null' END
  FROM t, pragma_table_info(t.name) c
UNION ALL
SELECT 'pk ' || t.name || ' (' || (SELECT group_concat(name, ',') FROM
         (SELECT name FROM pragma_table_info(t.name) WHERE pk > 0 ORDER BY pk)) || ')'
  FROM t WHERE EXISTS (SELECT 1 FROM pragma_table_info(t.name) WHERE pk > 0)
UNION ALL
SELECT 'unique ' || tbl || ' (' || cols || ')' || CASE WHEN partial THEN ' partial' ELSE '' END FROM idx WHERE uniq
UNION ALL
SELECT 'index ' || name || ' ' || tbl || ' (' || cols || ')' FROM idx WHERE origin = 'c'
UNION ALL
SELECT 'trigger ' || name || ' ' || tbl_name FROM sqlite_master WHERE type = 'trigger'" | sort > "$WORK/sqlite.txt"

pg -At -c "WITH t AS (SELECT c.oid, c.relname FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
                      WHERE n.nspname = current_schema() AND c.relkind = 'r'),
     idx AS (SELECT t.relname AS tbl, ic.relname AS name, i.indisunique AS uniq, i.indisprimary AS prim,
                    i.indpred IS NOT NULL AS partial,
                    EXISTS (SELECT 1 FROM pg_constraint k WHERE k.conindid = i.indexrelid) AS constraint_key,
                    (SELECT string_agg(coalesce(a.attname, 'expr'), ',' ORDER BY k.ord)
                       FROM unnest(CAST(i.indkey AS int2[])) WITH ORDINALITY k(attnum, ord)
                       LEFT JOIN pg_attribute a ON a.attrelid = t.oid AND a.attnum = k.attnum) AS cols
               FROM t JOIN pg_index i ON i.indrelid = t.oid JOIN pg_class ic ON ic.oid = i.indexrelid)
SELECT 'table ' || relname FROM t
UNION ALL
SELECT 'column ' || t.relname || '.' || a.attname || ' ' || row_number() OVER (PARTITION BY t.oid ORDER BY a.attnum)
       || ' ' || CASE WHEN y.typname IN ('int2', 'int4', 'int8') THEN 'integer'
                      WHEN y.typname IN ('float4', 'float8', 'numeric') THEN 'real'
                      WHEN y.typname = 'bytea' THEN 'blob' ELSE 'text' END
       || ' ' || CASE WHEN a.attnotnull THEN 'not-null' ELSE 'null' END
  FROM t JOIN pg_attribute a ON a.attrelid = t.oid JOIN pg_type y ON y.oid = a.atttypid
 WHERE a.attnum > 0 AND NOT a.attisdropped
UNION ALL
SELECT 'pk ' || tbl || ' (' || cols || ')' FROM idx WHERE prim
UNION ALL
SELECT 'unique ' || tbl || ' (' || cols || ')' || CASE WHEN partial THEN ' partial' ELSE '' END
  FROM idx WHERE uniq AND NOT prim
UNION ALL
SELECT 'index ' || name || ' ' || tbl || ' (' || cols || ')' FROM idx WHERE NOT constraint_key
UNION ALL
SELECT 'trigger ' || g.tgname || ' ' || t.relname FROM t JOIN pg_trigger g ON g.tgrelid = t.oid
 WHERE NOT g.tgisinternal" | sort > "$WORK/pg.txt"

[ "$(wc -l < "$WORK/sqlite.txt")" -gt 600 ] || fail "the SQLite schema's description is short: $(wc -l < "$WORK/sqlite.txt") lines"

# The differences data/pg/schema.sql explains, and nothing else: > only
# on PostgreSQL, < only on SQLite.
cat > "$WORK/expected" <<'EOF'
> column item_names.id 5 integer not-null
> column item_texts.id 3 integer not-null
> column schema_meta.application_id 2 integer not-null
> column schema_meta.changes 3 integer not-null
> column schema_meta.user_version 1 integer not-null
> column slip_materials.id 5 integer not-null
> index item_names_code_trgm item_names (code)
> index item_names_keywords_trgm item_names (keywords)
> index item_names_name_trgm item_names (name)
> index item_names_pinyin_trgm item_names (pinyin)
> index item_texts_guide_trgm item_texts (guide)
> index item_texts_materials_trgm item_texts (materials)
> pk item_names (id)
> pk item_texts (id)
> pk slip_materials (id)
> table schema_meta
> trigger events_no_truncate events
EOF
diff "$WORK/sqlite.txt" "$WORK/pg.txt" | grep '^[<>]' | sort > "$WORK/differences"
diff "$WORK/expected" "$WORK/differences" > "$WORK/unexplained" ||
	fail "the schemas differ where data/pg/schema.sql does not say (< expected only, > found only):
$(cat "$WORK/unexplained")"

# The version is SQLite's.
[ "$(pg -At -c 'SELECT user_version FROM schema_meta')" = "$(lite 'PRAGMA user_version')" ] ||
	fail "schema_meta.user_version is not the SQLite schema's version $(lite 'PRAGMA user_version')"

# The shipped data, as store-create.c loads it, through the dialect.
for f in base demo-catalog assessment-criteria bundles scenarios; do
	"$YC_DIALECT_FILTER" < "$YC_SRCDIR/data/$f.sql" > "$WORK/$f.pg.sql" || fail "dialect-filter on $f.sql"
	pg -1 -f "$WORK/$f.pg.sql" > "$WORK/$f.log" 2>&1 || fail "data/$f.sql does not load on PostgreSQL: $(cat "$WORK/$f.log")"
done
pg -c "UPDATE checkpoints SET changed_at = effective_from || ' 00:00:00'" > /dev/null || fail "checkpoints' dates"

# Each table's rows as both print them (NULL as nothing), a REAL as thousandths (the two print 1.0 differently),
# the same SELECT on both (through the dialect);
# the pinyin the program computes (src/pinyin.c) is left out.
rows() {   # TABLE ORDER COLUMNS...
	t=$1 order=$2
	shift 2
	cols=$(printf '%s, ' "$@")
	cols=${cols%, }
	lite -list -separator '|' "SELECT $cols FROM $t ORDER BY $order" > "$WORK/$t.sqlite.csv"
	echo "SELECT $cols FROM $t ORDER BY $order" | "$YC_DIALECT_FILTER" > "$WORK/$t.pg.sql"
	pg -At -F '|' -f "$WORK/$t.pg.sql" > "$WORK/$t.pg.csv"
	[ -s "$WORK/$t.sqlite.csv" ] || fail "$t: no rows on SQLite"
	cmp -s "$WORK/$t.sqlite.csv" "$WORK/$t.pg.csv" ||
		fail "$t: the rows differ: $(diff "$WORK/$t.sqlite.csv" "$WORK/$t.pg.csv" | head -5)"
}
rows window_categories code code name ticket_prefix
rows departments id id code name
rows service_items id id code name pinyin_initials department_id kind statutory_limit promised_limit limit_unit \
	fee_fen fee_note window_category online guide faq active comprehensive_licence keywords promise_conditions
rows materials id id item_id seq name required originals copies form note waivable
rows checkpoints id id material_id seq version text effective_from effective_to changed_by changed_at
rows assessment_criteria id id version effective_from category max_points rule \
	"CAST(round(points_per_occurrence * 1000) AS INTEGER)" "CAST(round(cap * 1000) AS INTEGER)" evidence metric
rows bundle_members "bundle_item_id, member_item_id" bundle_item_id member_item_id seq
rows scenarios id id code name keywords pinyin_initials bundle_item_id active
rows scenario_questions "scenario_id, seq" scenario_id seq text
rows scenario_items "scenario_id, seq" scenario_id seq item_id question when_yes
# what the search triggers made of it (not the pinyin: the program's)
rows item_names rowid rowid name keywords code
rows item_texts rowid rowid materials guide
[ "$(pg -At -c 'SELECT count(*) FROM item_names')" -gt 50 ] || fail "the catalogue is short on PostgreSQL"
exit 0
