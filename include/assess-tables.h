/* assess-tables.h - the assessment sheet as export tables (assess-tables.c). */
#ifndef YC_ASSESS_TABLES_H
#define YC_ASSESS_TABLES_H

#include "export.h"
#include "store-assess.h"

#define EXPORT_COLS 6     /* category, its points, rule, from, times, points */
#define EXPORT_TOTALS 8   /* rows of totals below the lines */
#define QUARTER_COLS 6    /* month, score, band, fee, withheld, payable */
/* the rules, the totals, then the weeks inspected and the conditions for
 * ending the contract recorded, as the sheet shows them */
#define ASSESS_TABLE_CELLS ((STORE_MAX_RULES + EXPORT_TOTALS + STORE_MAX_WEEKS + STORE_MAX_CONDITIONS) * EXPORT_COLS)
#define ASSESS_TABLE_BUFS (STORE_MAX_RULES * 3 + EXPORT_TOTALS + STORE_MAX_WEEKS)

/* The month's sheet as a table: a row per rule, then its totals (deducted,
 * bonus, the objections' correction, score, band, and the money on the
 * whole hall's sheet); cells and buf (ASSESS_TABLE_CELLS and
 * ASSESS_TABLE_BUFS of them) hold the text. */
void assess_sheet_table(const struct yc_assessment_sheet *sh, struct export_table *t, const char **cells,
			char (*buf)[64], const char *title);

/* Quarterly feedback (季反馈): the caller loads the quarter's three
 * months' sheets into sheets[]; tables[0] is then the summary (each
 * month's score, band and money, the quarter's average of the months
 * signed), tables[1..3] each month's sheet as the month's export has it
 * (empty for a month not signed). */
struct assess_quarter {
	struct yc_assessment_sheet sheets[3];
	const char *cells[3][ASSESS_TABLE_CELLS];
	char buf[3][ASSESS_TABLE_BUFS][64], titles[4][64];
	const char *summary[4 * QUARTER_COLS];
	char summary_buf[4][QUARTER_COLS][32];
	struct export_table tables[4];
};

/* months: the quarter's three 'YYYY-MM'; quarter 1..4. */
void assess_quarter_tables(struct assess_quarter *q, const char (*months)[24], int year, int quarter,
			   const char *scope);

#endif
