/* assess-tables.c - the assessment sheet as tables for CSV and XLSX: the
 * month's sheet with its totals, and the quarterly feedback (季反馈), the
 * quarter's months side by side with each month's sheet after them. No
 * curses, no SQL: the screen asks where, export.c writes. */
#include "config.h"

#include <stdio.h>
#include <string.h>

#include "assess-tables.h"
#include "yc.h"

/* The sheet's totals below its lines, as on the screen and on paper: a
 * label in the first column, the figure in the last. Returns the rows. */
static int sheet_totals(const struct assess_result *r, int withholds, const char **cells, char (*buf)[64])
{
	const char *labels[EXPORT_TOTALS];
	int i, n = 0;

	labels[n] = _("Deducted");
	snprintf(buf[n++], 64, "-%.2f", r->deducted);
	labels[n] = _("Bonus");
	snprintf(buf[n++], 64, "%.2f", r->bonus);
	if (r->adjusted != 0) {
		labels[n] = _("Correction after objections");
		snprintf(buf[n++], 64, "%+.2f", r->adjusted);
	}
	labels[n] = _("Score");
	snprintf(buf[n++], 64, "%.2f", r->score);
	labels[n] = assess_band_label(r->band);
	buf[n++][0] = '\0';
	if (withholds) {
		labels[n] = _("Monthly fee (yuan)");
		yc_format_yuan(r->fee_fen, buf[n++], 64);
		labels[n] = _("Withheld (yuan)");
		yc_format_yuan(r->withheld_fen, buf[n++], 64);
		labels[n] = _("Payable (yuan)");
		yc_format_yuan(r->payable_fen, buf[n++], 64);
	} else {
		labels[n] = _("The money is decided once, on the whole hall's sheet: a site's withholds nothing.");
		buf[n++][0] = '\0';
	}
	for (i = 0; i < n; i++) {
		memset(cells + i * EXPORT_COLS, 0, EXPORT_COLS * sizeof *cells);
		cells[i * EXPORT_COLS] = labels[i];
		cells[i * EXPORT_COLS + EXPORT_COLS - 1] = buf[i][0] ? buf[i] : NULL;
	}
	return n;
}

/* Below the totals, as on the sheet: each week of the month and its
 * inspection (who, how many findings; none), each condition for ending
 * the contract recorded. Returns the rows. */
static int sheet_records(const struct yc_assessment_sheet *sh, const char **cells, char (*buf)[64])
{
	int i, n = 0;

	for (i = 0; i < sh->n_weeks; i++, n++) {
		const struct yc_week *w = &sh->weeks[i];
		const char **row = cells + n * EXPORT_COLS;

		memset(row, 0, EXPORT_COLS * sizeof *row);
		row[0] = _("Weekly inspection");
		row[2] = w->monday;
		row[3] = w->inspections ? w->inspector : _("none");
		snprintf(buf[i], 64, "%d", w->findings);
		row[4] = w->inspections ? buf[i] : NULL;
	}
	for (i = 0; i < sh->n_conditions; i++, n++) {
		const struct yc_contract_alert *c = &sh->conditions[i];
		const char **row = cells + n * EXPORT_COLS;
		const char *label = assess_termination_label(c->kind);

		memset(row, 0, EXPORT_COLS * sizeof *row);
		row[0] = _("Condition for ending the contract");
		row[1] = label ? label : c->kind;
		row[2] = c->note;
		row[3] = c->recorded_by;
	}
	return n;
}

/* The month's sheet as a table; cells point into buf. */
void assess_sheet_table(const struct yc_assessment_sheet *sh, struct export_table *t, const char **cells,
			char (*buf)[64], const char *title)
{
	static const char *headers[EXPORT_COLS];
	static const int numeric[EXPORT_COLS] = { 0, 0, 0, 0, 1, 1 };
	int i;

	headers[0] = _("Category");
	headers[1] = _("Category points");
	headers[2] = _("Rule");
	headers[3] = _("From");
	headers[4] = _("Times");
	headers[5] = _("Points");
	for (i = 0; i < sh->n; i++) {
		snprintf(buf[2 * i], 64, "%.0f", sh->rules[i].category_max);
		snprintf(buf[2 * i + 1], 64, "%s%.2f", sh->rules[i].evidence == EVIDENCE_BONUS ? "" : "-", sh->lines[i].points);
		cells[i * EXPORT_COLS + 0] = sh->rules[i].category;
		cells[i * EXPORT_COLS + 1] = buf[2 * i];
		cells[i * EXPORT_COLS + 2] = sh->rules[i].text;
		cells[i * EXPORT_COLS + 3] = assess_evidence_label(sh->rules[i].evidence);
		snprintf(buf[2 * sh->n + i], 64, "%d", sh->lines[i].occurrences);
		cells[i * EXPORT_COLS + 4] = buf[2 * sh->n + i];
		cells[i * EXPORT_COLS + 5] = buf[2 * i + 1];
	}
	t->n_rows = sh->n + sheet_totals(&sh->result, sh->withholds, cells + sh->n * EXPORT_COLS, buf + 3 * sh->n);
	t->n_rows += sheet_records(sh, cells + t->n_rows * EXPORT_COLS, buf + 3 * sh->n + EXPORT_TOTALS);
	t->title = title;
	t->n_cols = EXPORT_COLS;
	t->headers = headers;
	t->cells = cells;
	t->numeric = numeric;
}

/* Quarterly feedback (季反馈): the quarter's months side by side (score,
 * band, money) with the quarter's average of the months signed, then each
 * month's sheet as the month's export has it. */

static void quarter_summary(struct assess_quarter *q, const char (*months)[24], struct export_table *t)
{
	static const char *headers[QUARTER_COLS];
	static const int numeric[QUARTER_COLS] = { 0, 1, 0, 1, 1, 1 };
	double scores[3];
	int assessed[3], i, n;
	double average;

	headers[0] = _("Month");
	headers[1] = _("Score");
	headers[2] = _("Band");
	headers[3] = _("Monthly fee (yuan)");
	headers[4] = _("Withheld (yuan)");
	headers[5] = _("Payable (yuan)");
	for (i = 0; i < 3; i++) {
		const struct yc_assessment_sheet *sh = &q->sheets[i];
		const char **row = q->summary + i * QUARTER_COLS;

		assessed[i] = sh->state.signed_off;
		scores[i] = sh->result.score;
		memset(row, 0, QUARTER_COLS * sizeof *row);
		row[0] = months[i];
		if (!assessed[i]) {
			row[2] = _("not assessed");
			continue;
		}
		snprintf(q->summary_buf[i][1], 32, "%.2f", sh->result.score);
		row[1] = q->summary_buf[i][1];
		row[2] = assess_band_label(sh->result.band);
		if (!sh->withholds)
			continue;
		yc_format_yuan(sh->result.fee_fen, q->summary_buf[i][3], 32);
		yc_format_yuan(sh->result.withheld_fen, q->summary_buf[i][4], 32);
		yc_format_yuan(sh->result.payable_fen, q->summary_buf[i][5], 32);
		row[3] = q->summary_buf[i][3];
		row[4] = q->summary_buf[i][4];
		row[5] = q->summary_buf[i][5];
	}
	average = assess_annual(scores, assessed, 3, &n);
	memset(q->summary + 3 * QUARTER_COLS, 0, QUARTER_COLS * sizeof *q->summary);
	q->summary[3 * QUARTER_COLS] = _("Quarter (average of the months assessed)");
	if (n) {
		snprintf(q->summary_buf[3][1], 32, "%.2f", average);
		q->summary[3 * QUARTER_COLS + 1] = q->summary_buf[3][1];
	}
	t->title = q->titles[3];
	t->n_cols = QUARTER_COLS;
	t->n_rows = 4;
	t->headers = headers;
	t->cells = q->summary;
	t->numeric = numeric;
}

void assess_quarter_tables(struct assess_quarter *q, const char (*months)[24], int year, int quarter,
			   const char *scope)
{
	int i;

	for (i = 0; i < 3; i++) {
		snprintf(q->titles[i], sizeof q->titles[i], _("Assessment %s %s"), months[i], scope);
		assess_sheet_table(&q->sheets[i], &q->tables[i + 1], q->cells[i], q->buf[i], q->titles[i]);
		/* a month not signed is no feedback yet: its lines stay out */
		if (!q->sheets[i].state.signed_off)
			q->tables[i + 1].n_rows = 0;
	}
	snprintf(q->titles[3], sizeof q->titles[3], _("Quarterly feedback %d Q%d %s"), year, quarter, scope);
	quarter_summary(q, months, &q->tables[0]);
}
