/* The store's SQL in PostgreSQL's words (src/dialect.c): each listed
 * rewrite and named fragment on statements as the store writes them
 * (copied from src/store-*.c; the fragments through the names the store
 * uses), SQLite's text untouched, and quoted text never rewritten. */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "dialect.h"
#include "unit.h"

/* sql in PostgreSQL's words equals want */
static void pg_is(const char *sql, const char *want)
{
	char *got = dialect_sql(&dialect_postgresql, sql);

	ck_assert_ptr_nonnull(got);
	ck_assert_str_eq(got, want);
	free(got);
}

START_TEST(sqlite_is_the_text_as_written)
{
	static const char sql[] = "INSERT OR IGNORE INTO station_categories(station_id, category) VALUES (?1, ?2)";
	char *got = dialect_sql(&dialect_sqlite, sql);

	ck_assert_str_eq(got, sql);
	free(got);
}
END_TEST

/* store-construction.c, store-setup.c */
START_TEST(insert_or_ignore_becomes_on_conflict_do_nothing)
{
	pg_is("INSERT OR IGNORE INTO project_approvals(project_id, stage, item_id)"
	      " SELECT ?1, ?2, id FROM service_items WHERE code = ?3 AND active",
	      "INSERT INTO project_approvals(project_id, stage, item_id)"
	      " SELECT ?1, ?2, id FROM service_items WHERE code = ?3 AND active ON CONFLICT DO NOTHING");
	pg_is("INSERT OR IGNORE INTO station_categories(station_id, category) VALUES (?1, ?2)",
	      "INSERT INTO station_categories(station_id, category) VALUES (?1, ?2) ON CONFLICT DO NOTHING");
	/* in a script, each statement its own ending */
	pg_is("INSERT OR IGNORE INTO a VALUES (1);\nINSERT INTO b VALUES (2);\ninsert or ignore into c VALUES (3)\n",
	      "INSERT INTO a VALUES (1) ON CONFLICT DO NOTHING;\nINSERT INTO b VALUES (2);\n"
	      "INSERT into c VALUES (3) ON CONFLICT DO NOTHING\n");
}
END_TEST

/* store-cases.c SQL_NAME_WALK, store-bundle.c */
START_TEST(index_hints_are_dropped)
{
	pg_is("SELECT case_id, name FROM case_names INDEXED BY case_names_initial"
	      " WHERE initial = substr(?1, 1, 1) ORDER BY created_at DESC, case_id DESC",
	      "SELECT case_id, name FROM case_names  WHERE initial = substr(?1, 1, 1)"
	      " ORDER BY created_at DESC, case_id DESC");
	pg_is("FROM cases p INDEXED BY cases_bundles_open JOIN service_items i ON i.id = p.item_id",
	      "FROM cases p  JOIN service_items i ON i.id = p.item_id");
	/* and the join order SQLite is told (store-cases.c SQL_NAME_AWAITING) */
	pg_is("SELECT c.id FROM cases c INDEXED BY cases_awaiting CROSS JOIN applicants a ON a.id = c.applicant_id",
	      "SELECT c.id FROM cases c  JOIN applicants a ON a.id = c.applicant_id");
}
END_TEST

/* store-catalog.c; IS NULL and IS NOT NULL stay */
START_TEST(is_not_between_values_is_distinct_from)
{
	pg_is("SELECT id, name FROM service_items WHERE pinyin_name IS NOT name",
	      "SELECT id, name FROM service_items WHERE pinyin_name IS DISTINCT FROM name");
	pg_is("SELECT 1 FROM t WHERE a IS ?1 AND b IS NOT NULL AND c IS NULL AND d IS NOT ?2",
	      "SELECT 1 FROM t WHERE a IS NOT DISTINCT FROM ?1 AND b IS NOT NULL AND c IS NULL"
	      " AND d IS DISTINCT FROM ?2");
}
END_TEST

/* store-intake.c: a bundle's promise conditions */
START_TEST(group_concat_and_char)
{
	pg_is("SELECT kind, promise_conditions || CASE WHEN promise_conditions <> '' AND members <> ''"
	      " THEN char(10) ELSE '' END || members FROM (SELECT i.kind, i.promise_conditions,"
	      "  coalesce((SELECT group_concat(name || '：' || char(10) || cond, char(10)) FROM (SELECT m.name,"
	      "   m.promise_conditions AS cond FROM bundle_members b JOIN service_items m ON m.id = b.member_item_id"
	      "   WHERE b.bundle_item_id = i.id AND m.promise_conditions <> '' ORDER BY b.seq) AS member), '') AS members"
	      " FROM service_items i WHERE i.id = ?1) AS terms",
	      "SELECT kind, promise_conditions || CASE WHEN promise_conditions <> '' AND members <> ''"
	      " THEN chr(10) ELSE '' END || members FROM (SELECT i.kind, i.promise_conditions,"
	      "  coalesce((SELECT string_agg(name || '：' || chr(10) || cond, chr(10)) FROM (SELECT m.name,"
	      "   m.promise_conditions AS cond FROM bundle_members b JOIN service_items m ON m.id = b.member_item_id"
	      "   WHERE b.bundle_item_id = i.id AND m.promise_conditions <> '' ORDER BY b.seq) AS member), '') AS members"
	      " FROM service_items i WHERE i.id = ?1) AS terms");
}
END_TEST

/* store-slips.c; store-cases.c (a notice printed stays printed) */
START_TEST(instr_and_scalar_max)
{
	pg_is("SELECT count(*) FROM transfer_slips t WHERE (?4 = '' OR instr(upper(c.case_number), upper(?4)) > 0)",
	      "SELECT count(*) FROM transfer_slips t WHERE (?4 = '' OR strpos(upper(c.case_number), upper(?4)) > 0)");
	pg_is("UPDATE notices SET file_path = ?2, printed = max(printed, ?3) WHERE id = ?1",
	      "UPDATE notices SET file_path = ?2, printed = greatest(printed, ?3) WHERE id = ?1");
	/* the aggregates stay */
	pg_is("SELECT max(rowid), min(coalesce(a, b)) FROM cases",
	      "SELECT max(id), min(coalesce(a, b)) FROM cases");
}
END_TEST

/* store-audit.c: a sealed table's statements */
START_TEST(rowid_is_the_id)
{
	pg_is("SELECT rowid, * FROM cases WHERE rowid > ?1 ORDER BY rowid LIMIT ?2",
	      "SELECT id, * FROM cases WHERE id > ?1 ORDER BY id LIMIT ?2");
	pg_is("SELECT name, paper_count, electronic_count FROM slip_materials WHERE slip_id = ?1 ORDER BY rowid",
	      "SELECT name, paper_count, electronic_count FROM slip_materials WHERE slip_id = ?1 ORDER BY id");
}
END_TEST

/* store-reports.c: minutes waited */
START_TEST(julianday_from_the_epoch)
{
	pg_is("coalesce(avg((julianday(t.called_at) - julianday(t.issued_at)) * 1440.0), 0)",
	      "coalesce(avg(((extract(epoch FROM CAST(t.called_at AS timestamp)) / 86400.0 + 2440587.5)"
	      " - (extract(epoch FROM CAST(t.issued_at AS timestamp)) / 86400.0 + 2440587.5)) * 1440.0), 0)");
}
END_TEST

/* store-catalog.c: the search's LIKE is ASCII-caseless in SQLite */
START_TEST(like_is_ilike_and_quotes_are_left_alone)
{
	pg_is("SELECT s.rowid FROM item_names s WHERE s.name LIKE ?1 ESCAPE '\\'",
	      "SELECT s.id FROM item_names s WHERE s.name ILIKE ?1 ESCAPE '\\'");
	pg_is("SELECT 'rowid LIKE instr(a, b) IS NOT x', \"max\"(a, b) FROM t",
	      "SELECT 'rowid LIKE instr(a, b) IS NOT x', \"max\"(a, b) FROM t");
	pg_is("SELECT 'it''s rowid' || x FROM t WHERE rowid = 1", "SELECT 'it''s rowid' || x FROM t WHERE id = 1");
	/* nor comments, whose apostrophes are no quotes (data/assessment-criteria.sql) */
	pg_is("-- the hall's rules\nINSERT OR IGNORE INTO t VALUES (1); /* max(a, b) */ SELECT max(a, b)",
	      "-- the hall's rules\nINSERT INTO t VALUES (1) ON CONFLICT DO NOTHING; /* max(a, b) */ SELECT greatest(a, b)");
}
END_TEST

/* The named fragments, through the names the store writes. */
START_TEST(fragments_by_name)
{
	/* store-outbox.c: due, and not claimed by a station still at it */
	pg_is("SELECT id FROM notifications WHERE status = 'queued' AND (claimed_at IS NULL OR claimed_at < "
	      DIALECT_CLAIM_EXPIRED ") ORDER BY id LIMIT 1",
	      "SELECT id FROM notifications WHERE status = 'queued' AND (claimed_at IS NULL OR claimed_at < "
	      "to_char(CAST(CAST(?1 AS text) AS timestamp) - interval '5 minutes', 'YYYY-MM-DD HH24:MI:SS'))"
	      " ORDER BY id LIMIT 1");
	/* store-outbox.c: tried again after 1, 2, 4 ... minutes: the fragment's
	 * own min() is not rewritten a second time */
	pg_is("UPDATE notifications SET next_attempt_at = CASE WHEN ?2 THEN NULL ELSE " DIALECT_RETRY_AT " END",
	      "UPDATE notifications SET next_attempt_at = CASE WHEN ?2 THEN NULL ELSE to_char(CAST(CAST(?5 AS text)"
	      " AS timestamp) + make_interval(mins => CAST(least(60, 1 << CAST(least(attempts, 6) AS integer))"
	      " AS integer)), 'YYYY-MM-DD HH24:MI:SS') END");
	/* store-assess.c: a week's findings */
	pg_is("SELECT count(*) FROM inspections f WHERE f.day >= w.week AND f.day < " DIALECT_WEEK_END,
	      "SELECT count(*) FROM inspections f WHERE f.day >= w.week AND f.day < "
	      "to_char(CAST(w.week AS date) + 7, 'YYYY-MM-DD')");
	/* store-cases.c: the rows of a list of ids */
	pg_is("SELECT c.id FROM cases c WHERE c.id IN (" DIALECT_IDS_IN_JSON ")",
	      "SELECT c.id FROM cases c WHERE c.id IN (SELECT CAST(value AS bigint)"
	      " FROM json_array_elements_text(CAST(CAST(?1 AS text) AS json)))");
}
END_TEST

/* store-catalog.c: the search by the trigram indexes */
START_TEST(item_hits_use_the_trigram_indexes)
{
	char *got = dialect_sql(&dialect_postgresql,
				DIALECT_ITEM_HITS " SELECT count(*) FROM hits h JOIN service_items i ON i.id = h.id WHERE i.active");

	ck_assert_ptr_null(strstr(got, "MATCH"));
	ck_assert_ptr_nonnull(strstr(got, "SELECT id, 0 AS rank FROM item_names WHERE (name ILIKE ?1 ESCAPE '\\'"
				      " OR (?2 <> ?1 AND name ILIKE ?2 ESCAPE '\\'))"));
	/* one column a branch: an OR of columns was planned as a scan of every item */
	ck_assert_ptr_nonnull(strstr(got, "SELECT id, 1 AS rank FROM item_names WHERE (pinyin ILIKE ?1"));
	ck_assert_ptr_nonnull(strstr(got, "SELECT id, 1 AS rank FROM item_names WHERE (code ILIKE ?1"));
	ck_assert_ptr_nonnull(strstr(got, "SELECT id, 4 AS rank FROM item_texts WHERE (guide ILIKE ?1"));
	ck_assert_ptr_nonnull(strstr(got, "CAST(?3 AS text)"));   /* every parameter has a type */
	ck_assert_ptr_nonnull(strstr(got, ") SELECT count(*) FROM hits h JOIN service_items i ON i.id = h.id"));
	free(got);
}
END_TEST

START_TEST(every_fragment_has_both_spellings)
{
	const char *lite, *name;
	int i;

	for (i = 0; (lite = dialect_fragment(&dialect_sqlite, i, &name)); i++) {
		const char *pg = dialect_fragment(&dialect_postgresql, i, NULL);
		char *got = dialect_sql(&dialect_postgresql, lite);

		ck_assert_msg(pg && strcmp(lite, pg) != 0, "%s: one spelling", name);
		ck_assert_str_eq(got, pg);   /* found and replaced whole */
		free(got);
	}
	ck_assert_int_eq(i, 12);
	pg_is(DIALECT_USER_VERSION, "SELECT user_version FROM schema_meta");
	/* the twins after 27: 28 (each record's site), then no more */
	ck_assert_ptr_nonnull(dialect_pg_migration_sql(0));
	ck_assert_ptr_nonnull(strstr(dialect_pg_migration_sql(0), "user_version = 28"));
	ck_assert_ptr_null(dialect_pg_migration_sql(1));
}
END_TEST

int main(void)
{
	Suite *s = suite_create("dialect");
	TCase *t = tcase_create("dialect");

	tcase_add_test(t, sqlite_is_the_text_as_written);
	tcase_add_test(t, insert_or_ignore_becomes_on_conflict_do_nothing);
	tcase_add_test(t, index_hints_are_dropped);
	tcase_add_test(t, is_not_between_values_is_distinct_from);
	tcase_add_test(t, group_concat_and_char);
	tcase_add_test(t, instr_and_scalar_max);
	tcase_add_test(t, rowid_is_the_id);
	tcase_add_test(t, julianday_from_the_epoch);
	tcase_add_test(t, like_is_ilike_and_quotes_are_left_alone);
	tcase_add_test(t, fragments_by_name);
	tcase_add_test(t, item_hits_use_the_trigram_indexes);
	tcase_add_test(t, every_fragment_has_both_spellings);
	suite_add_tcase(s, t);
	return run_suite(s);
}
