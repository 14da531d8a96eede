/* intake.c - the combined intake's rules: applicant checks, verdicts to
 * outcomes, notice text, the promised date. */
#include "config.h"

#include <ctype.h>
#include <stdio.h>
#include <string.h>

#include "intake.h"
#include "states.h"
#include "validate.h"
#include "yc.h"

/* The next code point of UTF-8 text and its length; -1 for a broken
 * sequence. */
static long intake_next_code_point(const unsigned char *s, int *len)
{
	long c = s[0];
	int n = c < 0x80 ? 1 : (c & 0xE0) == 0xC0 ? 2 : (c & 0xF0) == 0xE0 ? 3 : (c & 0xF8) == 0xF0 ? 4 : 0, i;

	if (!n)
		return -1;
	if (n > 1)
		c &= 0x3F >> (n - 1);
	for (i = 1; i < n; i++) {
		if ((s[i] & 0xC0) != 0x80)
			return -1;
		c = c << 6 | (s[i] & 0x3F);
	}
	*len = n;
	return c;
}

/* Pictures and invisible joiners: an emoji, a dingbat or a private glyph
 * is no letter of a name on an ID card, and prints as a box on a notice.
 * Every CJK plane (rare characters 生僻字, Extension B and beyond), Latin,
 * Mongolian and the middle dot of transliterated names are letters. */
static int not_a_letter(long c)
{
	return c < 0x20 || c == 0x7F || (c >= 0x80 && c < 0xA0) ||      /* control characters */
	       (c >= 0x2190 && c <= 0x21FF) || (c >= 0x2300 && c <= 0x23FF) ||   /* arrows, technical */
	       (c >= 0x2600 && c <= 0x27BF) || (c >= 0x2B00 && c <= 0x2BFF) ||   /* symbols, dingbats */
	       (c >= 0xE000 && c <= 0xF8FF) || (c >= 0xFE00 && c <= 0xFE0F) ||   /* private use, variation selectors */
	       c == 0x200D || c == 0xFFFD || (c >= 0x1F000 && c <= 0x1FAFF) ||  /* joiner, emoji */
	       (c >= 0xF0000);                                                  /* private planes */
}

/* A name's first character that is no letter, or 0 (-1: broken UTF-8). */
static long name_problem(const char *name)
{
	const unsigned char *p = (const unsigned char *)name;
	int len = 1;

	while (*p) {
		long c = intake_next_code_point(p, &len);

		if (c < 0)
			return -1;
		if (not_a_letter(c))
			return c;
		p += len;
	}
	return 0;
}

static int intake_has_control(const char *s)
{
	for (; *s; s++)
		if ((unsigned char)*s < 0x20 || *s == 0x7f)
			return 1;
	return 0;
}

static void intake_upper_x(char *id)
{
	for (; *id; id++)
		if (*id == 'x')
			*id = 'X';
}

static const char *id_problem_text(enum yc_id_problem p, int organisation)
{
	switch (p) {
	case ID_OK: return NULL;
	case ID_LENGTH:
		return organisation ? _("the credit code must have 18 characters")
				    : _("an ID card number has 18 characters");
	case ID_CHARACTERS:
		return organisation ? _("the credit code has a character that cannot be in it (no I, O, S, V or Z)")
				    : _("an ID card number is 17 digits and a last digit or X");
	case ID_DATE: return _("the birth date in it is not a real date");
	case ID_CHECK_DIGIT:
		return _("the last character does not match the others: a typing error, please check each digit");
	}
	return NULL;
}

/* "what" alone, or "what: detail." */
static const char *fail(enum intake_field *field, enum intake_field f, char *buf, size_t n,
			const char *what, const char *detail)
{
	*field = f;
	if (detail)
		snprintf(buf, n, _("%s: %s."), what, detail);
	else
		snprintf(buf, n, "%s", what);
	return buf;
}

const char *intake_applicant_problem(struct intake_applicant *a, int year, enum intake_field *field,
				     char *buf, size_t bufsz)
{
	int org = applicant_is_organisation(a->kind);
	const char *why, *not_a_name = _("A name holds letters only, as on the ID card or licence: an emoji, a symbol or a control character cannot be printed on a notice.");

	*field = AF_NONE;
	intake_upper_x(a->id_number);
	intake_upper_x(a->agent_id_number);
	if (yc_blank(a->name))
		return fail(field, AF_NAME, buf, bufsz,
			    org ? _("Please type the organisation's name.") : _("Please type the applicant's name."),
			    NULL);
	if (name_problem(a->name))
		return fail(field, AF_NAME, buf, bufsz, not_a_name, NULL);
	why = org ? id_problem_text(yc_credit_code_check(a->id_number), 1)
		  : id_problem_text(yc_id_card_check(a->id_number, year), 0);
	if (why)
		return fail(field, AF_ID, buf, bufsz,
			    org ? _("Unified social credit code") : _("ID card number"), why);
	if (!yc_phone_valid(a->phone))
		return fail(field, AF_PHONE, buf, bufsz,
			    _("The phone number is not valid: 11 digits for a mobile, or a landline with its area code."),
			    NULL);
	if (org && yc_blank(a->legal_rep))
		return fail(field, AF_LEGAL_REP, buf, bufsz,
			    _("Please type the legal representative's name."), NULL);
	if (name_problem(a->legal_rep))
		return fail(field, AF_LEGAL_REP, buf, bufsz, not_a_name, NULL);
	if (intake_has_control(a->address))
		return fail(field, AF_ADDRESS, buf, bufsz, _("The address has a control character."), NULL);
	if (a->agent_name[0] || a->agent_id_number[0]) {
		if (yc_blank(a->agent_name))
			return fail(field, AF_AGENT_NAME, buf, bufsz, _("Please type the agent's name."), NULL);
		if (name_problem(a->agent_name))
			return fail(field, AF_AGENT_NAME, buf, bufsz, not_a_name, NULL);
		why = id_problem_text(yc_id_card_check(a->agent_id_number, year), 0);
		if (why)
			return fail(field, AF_AGENT_ID, buf, bufsz, _("Agent's ID card number"), why);
	}
	return NULL;
}

int intake_material_open(const struct intake *in, int i)
{
	return i >= 0 && i < in->n_materials && !in->m[i].settled;
}

/* An optional material not submitted is not reviewed: it needs nothing. */
/* Not one copy handed in, on paper or electronically. */
static int material_not_handed_in(const struct intake_material *m)
{
	return m->paper == 0 && m->electronic == 0;
}

static int material_skipped(const struct intake_material *m)
{
	return !m->required && material_not_handed_in(m);
}

int intake_unreviewed(const struct intake *in)
{
	int i, j, n = 0;

	for (i = 0; i < in->n_materials; i++)
		if (intake_material_open(in, i) && !material_skipped(&in->m[i]))
			for (j = 0; j < in->m[i].n_cp; j++)
				n += in->m[i].cp[j].verdict == VERDICT_NONE;
	return n;
}

int intake_flagged(const struct intake *in)
{
	int i, j, n = 0;

	for (i = 0; i < in->n_materials; i++)
		if (intake_material_open(in, i) && !material_skipped(&in->m[i]))
			for (j = 0; j < in->m[i].n_cp; j++)
				n += in->m[i].cp[j].verdict == VERDICT_MISSING ||
				     in->m[i].cp[j].verdict == VERDICT_BAD;
	return n;
}

/* Every checkpoint of the material says it is missing: it was not
 * received, whatever copies the catalogue expected. */
static int material_absent(const struct intake_material *m)
{
	int j;

	for (j = 0; j < m->n_cp; j++)
		if (m->cp[j].verdict != VERDICT_MISSING)
			return 0;
	return m->n_cp > 0;
}

void intake_all_conforming(struct intake *in, int only)
{
	int i, j;

	for (i = 0; i < in->n_materials; i++) {
		struct intake_material *m = &in->m[i];
		/* what was not handed in cannot conform: a required one is
		 * missing, an optional one needs nothing */
		enum intake_verdict rest = material_not_handed_in(m) ? VERDICT_MISSING : VERDICT_OK;

		if ((only >= 0 && i != only) || !intake_material_open(in, i) || material_skipped(m))
			continue;
		for (j = 0; j < m->n_cp; j++)
			if (m->cp[j].verdict == VERDICT_NONE)
				m->cp[j].verdict = rest;
	}
}

static int has_material_without_checkpoints(const struct intake *in)
{
	int i;

	for (i = 0; i < in->n_materials; i++)
		if (intake_material_open(in, i) && in->m[i].n_cp == 0 && !material_skipped(&in->m[i]))
			return in->m[i].seq;
	return 0;
}

/* The material of a "not conforming" verdict without a reason (it would
 * print "不符合：" and nothing the applicant can act on), or 0. */
static int unreasoned_verdict(const struct intake *in)
{
	int i, j;

	for (i = 0; i < in->n_materials; i++)
		for (j = 0; j < in->m[i].n_cp; j++)
			if (in->m[i].cp[j].verdict == VERDICT_BAD && yc_blank(in->m[i].cp[j].reason))
				return in->m[i].seq;
	return 0;
}

/* A required material with no copy handed in that a checkpoint still
 * calls conforming (F8 before the copies were set to 0), or 0. */
static int unreceived_conforming(const struct intake *in)
{
	int i, j;

	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		if (!intake_material_open(in, i) || !m->required || !material_not_handed_in(m))
			continue;
		for (j = 0; j < m->n_cp; j++)
			if (m->cp[j].verdict == VERDICT_OK)
				return m->seq;
	}
	return 0;
}

int intake_outcome_allowed(const struct intake *in, enum intake_outcome o, char *buf, size_t n)
{
	int open = intake_unreviewed(in), flagged = intake_flagged(in);
	int bare = has_material_without_checkpoints(in), unreasoned = unreasoned_verdict(in);

	buf[0] = '\0';
	if (o == OUTCOME_REFUSE)
		return 1;
	if (o != OUTCOME_REFUSE && unreceived_conforming(in)) {
		snprintf(buf, n, _("Material %d was not handed in (no copy), so it cannot conform: mark it missing or count its copies."),
			 unreceived_conforming(in));
		return 0;
	}
	if (unreasoned) {
		snprintf(buf, n, _("A checkpoint of material %d is marked not conforming without a reason: give one the applicant can act on."),
			 unreasoned);
		return 0;
	}
	if (bare) {
		snprintf(buf, n, _("Material %d has no review checkpoints in the catalogue; ask the department to add them."),
			 bare);
		return 0;
	}
	if (open) {
		snprintf(buf, n, _("%d checkpoint(s) still have no verdict (Space sets one, F8 marks the rest conforming)."),
			 open);
		return 0;
	}
	if (o == OUTCOME_ACCEPT && flagged) {
		if (intake_gap_allowed(in, NULL, 0))
			snprintf(buf, n, _("%d checkpoint(s) are missing or not conforming, all of materials that may come later: accept on the applicant's commitment (F4) or give a one-time notice (F6)."),
				 flagged);
		else
			snprintf(buf, n, _("%d checkpoint(s) are missing or not conforming: give a one-time notice (F6) instead."),
				 flagged);
		return 0;
	}
	if (o == OUTCOME_ONE_TIME && !flagged) {
		snprintf(buf, n, "%s", _("Everything conforms: accept the case (F5)."));
		return 0;
	}
	return 1;
}

int intake_material_owed(const struct intake *in, int i)
{
	const struct intake_material *m = &in->m[i];
	int j;

	if (!intake_material_open(in, i) || material_skipped(m))
		return 0;
	for (j = 0; j < m->n_cp; j++)
		if (m->cp[j].verdict == VERDICT_MISSING || m->cp[j].verdict == VERDICT_BAD)
			return 1;
	return 0;
}

/* The first material flagged this round that the catalogue does not let
 * come later, or 0. */
static int owed_not_waivable(const struct intake *in)
{
	int i;

	for (i = 0; i < in->n_materials; i++)
		if (intake_material_owed(in, i) && !in->m[i].waivable)
			return in->m[i].seq;
	return 0;
}

int intake_gap_allowed(const struct intake *in, char *buf, size_t n)
{
	char ignored[8];
	int strict;

	if (!buf) {
		buf = ignored;
		n = sizeof ignored;
	}
	buf[0] = '\0';
	/* what would stop a one-time notice stops this too: every checkpoint
	 * reviewed, each "not conforming" with its reason */
	if (!intake_outcome_allowed(in, OUTCOME_ONE_TIME, buf, n))
		return 0;
	if ((strict = owed_not_waivable(in)) != 0) {
		snprintf(buf, n, _("Material %d must be complete before acceptance (the catalogue does not let it come later): give a one-time notice (F6)."),
			 strict);
		return 0;
	}
	return 1;
}

yc_date intake_gap_due(const struct yc_calendar *cal, yc_date accepted, int workdays)
{
	return cal_add_workdays(cal, accepted, workdays);
}

void intake_flagged_text(const struct intake *in, char *out, size_t n)
{
	char line[1200];
	int i, j, k = 0;

	out[0] = '\0';
	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		if (!intake_material_open(in, i) || material_skipped(m))
			continue;
		for (j = 0; j < m->n_cp; j++) {
			const struct intake_checkpoint *c = &m->cp[j];

			if (c->verdict == VERDICT_MISSING)
				snprintf(line, sizeof line, _("%d. %s: missing (%s)\n"), ++k, m->name, c->text);
			else if (c->verdict == VERDICT_BAD)
				snprintf(line, sizeof line, _("%d. %s: does not conform: %s (%s)\n"), ++k, m->name,
					 c->reason[0] ? c->reason : _("see the checkpoint"), c->text);
			else
				continue;
			yc_join(out, n, "", line);
		}
	}
}

void intake_owed_text(const struct intake *in, char *out, size_t n)
{
	char line[300];
	int i, k = 0;

	out[0] = '\0';
	for (i = 0; i < in->n_materials; i++) {
		if (!intake_material_owed(in, i))
			continue;
		snprintf(line, sizeof line, "%d. %s\n", ++k, in->m[i].name);
		yc_join(out, n, "", line);
	}
}

void intake_received_text(const struct intake *in, char *out, size_t n)
{
	char line[300];
	int i;

	out[0] = '\0';
	for (i = 0; i < in->n_materials; i++) {
		const struct intake_material *m = &in->m[i];

		if (material_not_handed_in(m) || material_absent(m))
			continue;
		snprintf(line, sizeof line, _("%d. %s  paper %d, electronic %d\n"), m->seq, m->name, m->paper,
			 m->electronic);
		yc_join(out, n, "", line);
	}
}

static yc_date add_months(yc_date day, int months)
{
	static const int days_in[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int y, m, d, last;

	date_to_ymd(day, &y, &m, &d);
	m += months;
	y += (m - 1) / 12;
	m = (m - 1) % 12 + 1;
	last = days_in[m - 1] + (m == 2 && ((y % 4 == 0 && y % 100 != 0) || y % 400 == 0));
	return date_from_ymd(y, m, d < last ? d : last);
}

yc_date intake_promised_date(const struct yc_calendar *cal, yc_date day, const char *kind, int limit,
			     const char *unit)
{
	if (item_is_immediate(kind) || limit <= 0)
		return day;
	/* a period in calendar days or months that ends on a rest day ends
	 * on the next working day (Civil Code art. 203) */
	if (strcmp(unit, "day") == 0)
		return cal_next_workday_from(cal, day + limit);
	if (strcmp(unit, "month") == 0)
		return cal_next_workday_from(cal, add_months(day, limit));
	return cal_add_workdays(cal, day, limit);
}

int intake_promised_text(const struct yc_calendar *cal, const char *promised, char *out, size_t n)
{
	yc_date d;
	int y, m, dd;

	if (date_parse(promised, &d) != 0 || cal_known(cal, d)) {
		yc_strlcpy(out, promised, n);
		return 0;
	}
	date_to_ymd(cal->known_until + 1, &y, &m, &dd);
	snprintf(out, n, "%s（预计；%d年节假日安排尚未导入，以承办部门通知为准）", promised, y);
	return 1;
}

enum case_query case_query_kind(const char *q)
{
	size_t len = strlen(q), digits = 0, alnum = 0, i;

	for (i = 0; i < len; i++) {
		unsigned char c = (unsigned char)q[i];

		digits += isdigit(c) != 0;
		alnum += isalnum(c) || c == '-';
	}
	if (len == 18 && (yc_id_card_check(q, 9999) == ID_OK || yc_credit_code_check(q) == ID_OK))
		return QUERY_ID;
	if (len == 18 && digits >= 17)
		return QUERY_ID;     /* a mistyped ID number still searches by ID */
	if (digits == len && len >= 7 && len <= 13)
		return QUERY_PHONE;
	if (len > 0 && alnum == len && digits > 0)
		return QUERY_NUMBER;
	return QUERY_NAME;
}
