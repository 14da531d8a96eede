/* assess.c - the monthly assessment sheet's arithmetic (绩效考核): rule and
 * category caps, the score, the band, the money withheld, the alert of two
 * failing months, the annual evaluation. */
#include "config.h"

#include <math.h>
#include <stdio.h>
#include <string.h>

#include "assess.h"
#include "calendar.h"
#include "yc.h"

/* Points come from per-occurrence values like 0.1 and 0.5 added up in
 * binary floating point: a rule's 3 × 0.1 is 0.30000000000000004, which
 * must not count as going over a cap of 0.3. Anything closer than this is
 * equal; the sheet shows two decimals. */
#define POINTS_EPSILON 1e-9

static double rule_points(const struct assess_rule *r, int occurrences, int *capped)
{
	double p = occurrences * r->per_occurrence;

	/* the rules are a table supervisors edit: a sign typed wrong must not
	 * turn a deduction into a bonus or the other way round */
	if (p < 0)
		p = 0;
	if (r->cap >= 0 && p > r->cap + POINTS_EPSILON) {
		p = r->cap;
		*capped = 1;
	}
	return p;
}

/* What the lines before line i took from rule i's category. Rules of a
 * category need not be next to each other in the table. */
static double category_used(const struct assess_rule *rules, const struct assess_line *lines, size_t i)
{
	double used = 0;
	size_t j;

	for (j = 0; j < i; j++)
		if (rules[j].evidence != EVIDENCE_BONUS && strcmp(rules[j].category, rules[i].category) == 0)
			used += lines[j].points;
	return used;
}

/* The category's points are used up in the order of the rules: a later
 * rule gets what the earlier ones left. */
static void category_cap(const struct assess_rule *rules, struct assess_line *lines, size_t i)
{
	double room = rules[i].category_max - category_used(rules, lines, i);

	if (room < 0)
		room = 0;
	if (lines[i].points > room + POINTS_EPSILON) {
		lines[i].points = room;
		lines[i].capped = 1;
	}
}

static double within_0_100(double score)
{
	if (score > 100)
		return 100;
	if (score < 0)
		return 0;
	return score;
}

/* The score, its band and the money, from the points. */
static void settle(struct assess_result *r, double score)
{
	r->score = within_0_100(score);
	r->band = assess_band_of(r->score);
	r->withheld_fen = assess_withheld(r->band, r->fee_fen);
	r->payable_fen = r->fee_fen - r->withheld_fen;
}

void assess_score(const struct assess_rule *rules, size_t n, const int *occurrences, long fee_fen,
		  struct assess_line *lines, struct assess_result *out)
{
	size_t i;

	memset(out, 0, sizeof *out);
	for (i = 0; i < n; i++) {
		const struct assess_rule *r = &rules[i];
		struct assess_line *l = &lines[i];

		memset(l, 0, sizeof *l);
		l->rule_id = r->id;
		l->occurrences = occurrences[i] > 0 ? occurrences[i] : 0;
		l->points = rule_points(r, l->occurrences, &l->capped);
		if (r->evidence == EVIDENCE_BONUS) {
			/* a bonus has no category points to lose; its own cap
			 * and the ceiling of 100 bound it */
			out->bonus += l->points;
			continue;
		}
		category_cap(rules, lines, i);
		out->deducted += l->points;
	}
	out->fee_fen = fee_fen;
	settle(out, 100 - out->deducted + out->bonus);
}

/* The lines' score, before any objection's correction: 100 - deducted +
 * bonus, within 0..100. */
static double lines_score(const struct assess_result *r)
{
	return within_0_100(100 - r->deducted + r->bonus);
}

void assess_adjust(struct assess_result *r, double new_score)
{
	double before = lines_score(r);

	new_score = within_0_100(new_score);
	/* a correction too small to show is none: the sheet prints two decimals */
	r->adjusted = fabs(new_score - before) < 0.005 ? 0 : new_score - before;
	settle(r, before + r->adjusted);
}

void assess_summary(const struct assess_result *r, char *out, size_t n)
{
	if (r->adjusted != 0)
		snprintf(out, n, _("Deducted %.2f, bonus %.2f, objections %+.2f: score %.2f, %s"), r->deducted, r->bonus,
			 r->adjusted, r->score, assess_band_label(r->band));
	else
		snprintf(out, n, _("Deducted %.2f, bonus %.2f: score %.2f, %s"), r->deducted, r->bonus, r->score,
			 assess_band_label(r->band));
}

int assess_month_mondays(const char *month, char (*mondays)[11], int max)
{
	char first[16];
	yc_date d;
	int n = 0;

	if (strlen(month) != 7)
		return -1;
	snprintf(first, sizeof first, "%s-01", month);
	if (date_parse(first, &d) != 0)
		return -1;
	d += (8 - date_weekday(d)) % 7;   /* the first Monday */
	for (;; d += 7) {
		char day[11];

		date_format(d, day);
		if (strncmp(day, month, 7) != 0 || n >= max)
			break;
		memcpy(mondays[n++], day, 11);
	}
	return n;
}

const char *assess_evidence_label(enum assess_evidence e)
{
	switch (e) {
	case EVIDENCE_INSPECTION: return _("inspection");
	case EVIDENCE_COMPUTED: return _("computed");
	case EVIDENCE_COMPLAINT: return _("complaint");
	case EVIDENCE_RATING: return _("rating");
	default: return _("bonus");
	}
}

int assess_scope_withholds(const char *scope)
{
	return scope && strcmp(scope, "all") == 0;
}

enum assess_band assess_band_of(double score)
{
	long hundredths;

	/* a score read back from elsewhere could be anything: keep lround
	 * within what a long holds */
	if (isnan(score) || score < 0)
		return BAND_FAIL;
	if (score > 100)
		return BAND_EXCELLENT;
	/* in whole hundredths, so that 89.99999999 and 90.0000001 from sums
	 * of fractions are both 90 and compare without floating point */
	hundredths = lround(score * 100);
	if (hundredths < 8000)
		return BAND_FAIL;
	if (hundredths <= 9000)
		return BAND_BASIC;
	return BAND_EXCELLENT;
}

static int band_percent(enum assess_band band)
{
	switch (band) {
	case BAND_FAIL: return 10;
	case BAND_BASIC: return 5;
	case BAND_EXCELLENT: return 0;
	}
	return 0;
}

long assess_withheld(enum assess_band band, long fee_fen)
{
	long pct = band_percent(band);

	/* integer fen, half a fen rounded away from zero (四舍五入) */
	if (fee_fen < 0)
		return -((-fee_fen * pct + 50) / 100);
	return (fee_fen * pct + 50) / 100;
}

static const char *const band_labels[] = {
	/* TRANSLATORS: band of a month's assessment score below 80:
	   不达标 (10 % of the month's fee withheld) */
	[BAND_FAIL] = N_("fails"),
	/* TRANSLATORS: band of a month's assessment score from 80 to 90:
	   基本达标 (5 % of the month's fee withheld) */
	[BAND_BASIC] = N_("basic"),
	/* TRANSLATORS: band of a month's assessment score above 90: 优秀 */
	[BAND_EXCELLENT] = N_("excellent"),
};

const char *assess_band_label(enum assess_band band)
{
	if ((size_t)band >= YC_ARRAY_LEN(band_labels))
		return "?";
	return _(band_labels[band]);
}

int assess_two_failing_months(const double *scores, const int *assessed, size_t n)
{
	size_t i;
	int run = 0;   /* assessed failing months in a row up to month i */

	for (i = 0; i < n; i++) {
		if (assessed[i] && assess_band_of(scores[i]) == BAND_FAIL)
			run++;
		else
			run = 0;
		if (run == 2)
			return (int)i;
	}
	return -1;
}

int assess_year_alert(double prev_score, int prev_assessed, const double scores[12], const int assessed[12],
		      int upto, int *first)
{
	double s[13];
	int a[13], i, second;

	/* a run does not stop at New Year: December and January are two
	 * calendar months in a row like any other */
	s[0] = prev_score;
	a[0] = prev_assessed;
	for (i = 0; i < 12; i++) {
		s[i + 1] = scores[i];
		a[i + 1] = assessed[i];
	}
	if (upto < 1)
		upto = 1;
	if (upto > 12)
		upto = 12;
	second = assess_two_failing_months(s, a, (size_t)upto + 1);
	if (second < 1)
		return 0;
	if (first)
		*first = second - 1;
	return second;
}

double assess_annual(const double *scores, const int *assessed, size_t n, int *months_assessed)
{
	double total = 0;
	size_t i;
	int m = 0;

	/* the score of a month not assessed is not looked at: the store
	 * leaves whatever it likes there */
	for (i = 0; i < n; i++)
		if (assessed[i]) {
			total += scores[i];
			m++;
		}
	if (months_assessed)
		*months_assessed = m;
	return m ? total / m : 0;
}

static const struct {
	const char *key, *label;
} termination[] = {
	/* TRANSLATORS: the plan's condition (一) for ending the contract */
	{ "law", N_("(1) broke national laws or regulations") },
	/* TRANSLATORS: the plan's condition (二) */
	{ "integrity", N_("(2) broke the contract: asked for favours or took kickbacks for private gain") },
	/* TRANSLATORS: the plan's condition (四) */
	{ "transfer", N_("(4) intake not passed on to the departments in time, causing delay and loss, harming the hall") },
	/* TRANSLATORS: the plan's condition (五) */
	{ "exposure", N_("(5) exposed by the media or criticised by the discipline commission for attitude or quality, not corrected") },
	/* TRANSLATORS: the plan's condition (六) */
	{ "other", N_("(6) other rules broken with grave effect, or the assessment team finds the contract must end") },
};

size_t assess_termination_count(void)
{
	return YC_ARRAY_LEN(termination);
}

const char *assess_termination_key(size_t i)
{
	return i < YC_ARRAY_LEN(termination) ? termination[i].key : NULL;
}

const char *assess_termination_label(const char *key)
{
	size_t i;

	for (i = 0; key && i < YC_ARRAY_LEN(termination); i++)
		if (strcmp(termination[i].key, key) == 0)
			return _(termination[i].label);
	return NULL;
}
