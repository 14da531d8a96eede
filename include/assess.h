/* assess.h - the monthly assessment sheet's arithmetic (绩效考核), free of
 * curses and SQL: findings and computed figures turned into deductions by
 * the rules, the 100-point score, the band and the fee withheld, the
 * two-consecutive-failing-months alert, the annual average. */
#ifndef YC_ASSESS_H
#define YC_ASSESS_H

#include <stddef.h>

/* Where a rule's occurrences come from. */
enum assess_evidence {
	EVIDENCE_INSPECTION,     /* findings of the weekly inspections */
	EVIDENCE_COMPUTED,       /* a figure computed from the database (metric) */
	EVIDENCE_COMPLAINT,      /* complaints recorded */
	EVIDENCE_RATING,         /* bad ratings (computed from the ratings) */
	EVIDENCE_BONUS,          /* adds points instead of deducting */
};

struct assess_rule {
	long id;
	char category[64];       /* e.g. "服务规范" */
	double category_max;     /* the most the category can lose (its points) */
	char text[256];          /* what is checked */
	double per_occurrence;   /* points per occurrence (deducted, or added for a bonus) */
	double cap;              /* the most this rule can take (or add); < 0: no cap of its own */
	enum assess_evidence evidence;
	char metric[32];         /* computed figure's name, "" otherwise */
};

/* One rule's part of the sheet. */
struct assess_line {
	long rule_id;
	int occurrences;
	double points;           /* deducted (or, for a bonus, added), after the rule's cap */
	int capped;              /* the rule's or its category's cap applied */
};

enum assess_band {
	BAND_FAIL,               /* below 80: 不达标, 10 % withheld */
	BAND_BASIC,              /* 80 to 90 inclusive: 基本达标, 5 % withheld */
	BAND_EXCELLENT,          /* above 90: 优秀, nothing withheld */
};

struct assess_result {
	double deducted;         /* total, after caps */
	double bonus;            /* total added */
	double adjusted;         /* points an objection's answer gave back (+) or took (-) */
	double score;            /* 100 - deducted + bonus kept within 0..100, then
	                          * + adjusted, kept within 0..100 again */
	enum assess_band band;
	long fee_fen;            /* the month's fee */
	long withheld_fen;       /* what the band withholds */
	long payable_fen;        /* fee - withheld */
};

/* Score a month: occurrences[i] belongs to rules[i]; lines gets one line
 * per rule. Deductions are capped per rule, then per category (the
 * category's deductions together never exceed its category_max, taken
 * from the rules' lines in order). fee_fen is the month's fee. */
void assess_score(const struct assess_rule *rules, size_t n, const int *occurrences, long fee_fen,
		  struct assess_line *lines, struct assess_result *out);

/* An objection's answer changing a scored month to new_score: the
 * difference from the score of the lines is shown as its own line
 * (adjusted), so that deductions, bonus, correction and score still add
 * up; band, withheld and payable follow the new score. */
void assess_adjust(struct assess_result *r, double new_score);

/* The sheet's totals in one line for people (translated): "Deducted 20.50,
 * bonus 0.00, objections +1.00: score 80.50, basic". */
void assess_summary(const struct assess_result *r, char *out, size_t n);

/* Whether a scope's sheet decides the month's money: only the whole
 * hall's ("all"), whose figures take in every site's; a site's sheet
 * scores the site and withholds nothing, or the fee would be cut twice. */
int assess_scope_withholds(const char *scope);

/* The weeks of a month, for its weekly inspections (周检查): the Mondays
 * that fall in month ('YYYY-MM'), as 'YYYY-MM-DD', at most max; their
 * number (4 or 5), -1 for a month that is none. A week belongs to the
 * month its Monday is in. */
int assess_month_mondays(const char *month, char (*mondays)[11], int max);

/* Where a rule's occurrences come from, for people (translated). */
const char *assess_evidence_label(enum assess_evidence e);

/* The band of a score: < 80 fail, 80..90 inclusive basic, > 90 excellent.
 * Scores are compared after rounding to two decimals, so 89.999999 from
 * floating-point sums is 90. */
enum assess_band assess_band_of(double score);

/* Withheld money for a band: 10 %, 5 % or 0 of the fee, rounded to the fen. */
long assess_withheld(enum assess_band band, long fee_fen);

/* The band's name for people (translated): 不达标, 基本达标, 优秀. */
const char *assess_band_label(enum assess_band band);

/* Months given as scores in calendar order, with assessed[i] 0 for a month
 * not assessed: the index of the second of the first two consecutive
 * assessed failing months (two calendar months in a row, both assessed,
 * both below 80), or -1. A month not assessed breaks the run. */
int assess_two_failing_months(const double *scores, const int *assessed, size_t n);

/* The alert of two failing months in a row seen from a year: December of
 * the year before (prev_score, prev_assessed) and the year's twelve
 * months, looked at up to month upto (1..12; 12 for the whole year, the
 * sheet's month for a month's sheet, whose later months raise no alert of
 * its own). Returns the second failing month (1..12), 0 for none; *first
 * gets the first of the two (0: the December before). */
int assess_year_alert(double prev_score, int prev_assessed, const double scores[12], const int assessed[12],
		      int upto, int *first);

/* The conditions for ending the contract (解除服务合同) that are recorded
 * by hand, in the plan's numbering: (一) law, (二) integrity, (四)
 * intake not passed on, (五) exposure, (六) other; (三), two failing
 * months, is computed (assess_year_alert). Keys are what the database
 * keeps; i from 0 to assess_termination_count() - 1. */
size_t assess_termination_count(void);
const char *assess_termination_key(size_t i);

/* The condition's name for people with its number (translated), e.g.
 * "（一）违反国家法律法规有关规定的"; NULL for a key that is none. */
const char *assess_termination_label(const char *key);

/* The annual evaluation: the total of the monthly scores of the months
 * assessed divided by how many were assessed; 0 when none was. */
double assess_annual(const double *scores, const int *assessed, size_t n, int *months_assessed);

#endif
