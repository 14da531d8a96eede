/* calendar.c - date arithmetic and the working-day calendar. */
#include "config.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "calendar.h"
#include "yc.h"

/* Days from civil (proleptic Gregorian), after H. Hinnant's algorithm. */
yc_date date_from_ymd(int y, int m, int d)
{
	long era, yoe, doy, doe;

	y -= m <= 2;
	era = (y >= 0 ? y : y - 399) / 400;
	yoe = y - era * 400;
	doy = (153L * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
	doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
	return era * 146097 + doe - 719468;
}

void date_to_ymd(yc_date day, int *y, int *m, int *d)
{
	long era, doe, yoe, doy, mp, z = day + 719468;

	era = (z >= 0 ? z : z - 146096) / 146097;
	doe = z - era * 146097;
	yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
	doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
	mp = (5 * doy + 2) / 153;
	*d = (int)(doy - (153 * mp + 2) / 5 + 1);
	*m = (int)(mp < 10 ? mp + 3 : mp - 9);
	*y = (int)(yoe + era * 400 + (*m <= 2));
}

static int days_in_month(int y, int m)
{
	static const int dm[] = { 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31 };
	int leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;

	return m == 2 ? 28 + leap : dm[m - 1];
}

int date_parse(const char *s, yc_date *out)
{
	int y, m, d, i;

	if (strlen(s) != 10 || s[4] != '-' || s[7] != '-')
		return -1;
	for (i = 0; i < 10; i++)
		if (i != 4 && i != 7 && (s[i] < '0' || s[i] > '9'))
			return -1;
	y = atoi(s);
	m = atoi(s + 5);
	d = atoi(s + 8);
	if (y < 1900 || m < 1 || m > 12 || d < 1 || d > days_in_month(y, m))
		return -1;
	*out = date_from_ymd(y, m, d);
	return 0;
}

void date_format(yc_date d, char out[11])
{
	int y, m, dd;

	date_to_ymd(d, &y, &m, &dd);
	/* years are four digits for any date this program handles */
	out[0] = (char)('0' + (y / 1000) % 10);
	out[1] = (char)('0' + (y / 100) % 10);
	out[2] = (char)('0' + (y / 10) % 10);
	out[3] = (char)('0' + y % 10);
	out[4] = '-';
	out[5] = (char)('0' + m / 10);
	out[6] = (char)('0' + m % 10);
	out[7] = '-';
	out[8] = (char)('0' + dd / 10);
	out[9] = (char)('0' + dd % 10);
	out[10] = '\0';
}

int date_weekday(yc_date d)
{
	/* 1970-01-01 was a Thursday (4) */
	long w = (d + 3) % 7;

	if (w < 0)
		w += 7;
	return (int)w + 1;
}

void cal_init(struct yc_calendar *c)
{
	memset(c, 0, sizeof *c);
}

void cal_free(struct yc_calendar *c)
{
	free(c->days);
	memset(c, 0, sizeof *c);
}

/* Index of the first exception on or after day. */
static size_t lower_bound(const struct yc_calendar *c, yc_date day)
{
	size_t lo = 0, hi = c->n;

	while (lo < hi) {
		size_t mid = lo + (hi - lo) / 2;

		if (c->days[mid].day < day)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo;
}

int cal_set(struct yc_calendar *c, yc_date day, char kind)
{
	size_t i = lower_bound(c, day);

	if (i < c->n && c->days[i].day == day) {
		c->days[i].kind = kind;
		return 0;
	}
	if (yc_grow(&c->days, &c->cap, c->n, sizeof *c->days) < 0)
		return -1;
	memmove(c->days + i + 1, c->days + i, (c->n - i) * sizeof *c->days);
	c->days[i].day = day;
	c->days[i].kind = kind;
	c->n++;
	return 0;
}

/* One line of the holiday list format, cut into its fields in buf.
 * Returns 1 for an entry, 0 for a comment or blank line, -1 for a line
 * that is not DATE<TAB>off|work<TAB>name. *next gets the next line. */
struct cal_line {
	char buf[256];
	const char *day, *kind, *name;
	yc_date date;
};

static int read_line(const char **next, struct cal_line *l)
{
	const char *p = *next, *end = strchr(p, '\n');
	size_t len = end ? (size_t)(end - p) : strlen(p);
	char *kind, *name;

	*next = end ? end + 1 : p + len;
	if (len >= sizeof l->buf)
		return -1;
	memcpy(l->buf, p, len);
	l->buf[len] = '\0';
	if (len && l->buf[len - 1] == '\r')
		l->buf[--len] = '\0';
	if (l->buf[0] == '#' || l->buf[strspn(l->buf, " \t")] == '\0')
		return 0;
	kind = strchr(l->buf, '\t');
	if (!kind)
		return -1;
	*kind++ = '\0';
	name = strchr(kind, '\t');
	if (name)
		*name++ = '\0';
	else
		name = kind + strlen(kind);
	if (date_parse(l->buf, &l->date) != 0 || (strcmp(kind, "off") != 0 && strcmp(kind, "work") != 0))
		return -1;
	l->day = l->buf;
	l->kind = kind;
	l->name = name;
	return 1;
}

int cal_parse(struct yc_calendar *c, const char *text,
	      void (*each)(void *ctx, const char *day, const char *kind, const char *name),
	      void *ctx)
{
	const char *p = text;
	struct cal_line l;
	int line = 0, got;

	while (*p) {
		line++;
		got = read_line(&p, &l);
		if (got < 0)
			return line;
		if (got == 0)
			continue;
		if (cal_set(c, l.date, l.kind[0] == 'o' ? CAL_OFF : CAL_WORK) < 0)
			return -1;
		if (each)
			each(ctx, l.day, l.kind, l.name);
	}
	return 0;
}

static void file_problem_at(struct cal_file *f, int line, const char *what)
{
	if (f->n_errors < CAL_FILE_MAX_ERRORS)
		snprintf(f->errors[f->n_errors], sizeof f->errors[0], _("line %d: %s"), line, what);
	f->n_errors++;
}

/* A problem with the line, in words, kept for the administrator. */
#define file_problem(f, line, ...) do { \
		char what_[120]; \
		snprintf(what_, sizeof what_, __VA_ARGS__); \
		file_problem_at(f, line, what_); \
	} while (0)

static int file_add_year(struct cal_file *f, int year)
{
	int i;

	for (i = 0; i < f->n_years; i++)
		if (f->years[i] == year)
			return 0;
	if (f->n_years == CAL_FILE_MAX_YEARS)
		return -1;
	for (i = f->n_years; i > 0 && f->years[i - 1] > year; i--)
		f->years[i] = f->years[i - 1];
	f->years[i] = year;
	f->n_years++;
	return 0;
}

static const struct cal_file_entry *file_find(const struct cal_file *f, yc_date day)
{
	size_t i;

	for (i = 0; i < f->n; i++)
		if (f->e[i].day == day)
			return &f->e[i];
	return NULL;
}

static int file_add(struct cal_file *f, const struct cal_line *l)
{
	struct cal_file_entry *e;

	if (yc_grow(&f->e, &f->cap, f->n, sizeof *f->e) < 0)
		return -1;
	e = &f->e[f->n++];
	e->day = l->date;
	e->kind = l->kind[0] == 'o' ? CAL_OFF : CAL_WORK;
	yc_strlcpy(e->name, l->name, sizeof e->name);
	return 0;
}

/* The year most of the file's days fall in (the later one on a tie). */
static int notice_year(const struct cal_file *f)
{
	int best = 0, best_n = 0, i;
	size_t k;

	for (i = 0; i < f->n_years; i++) {
		int n = 0, y, m, d;

		for (k = 0; k < f->n; k++) {
			date_to_ymd(f->e[k].day, &y, &m, &d);
			n += y == f->years[i];
		}
		if (n >= best_n) {
			best = f->years[i];
			best_n = n;
		}
	}
	return best;
}

int cal_file_read(const char *text, struct cal_file *f)
{
	const char *p = text;
	struct cal_line l;
	int line = 0, got, y, m, d;

	memset(f, 0, sizeof *f);
	while (*p) {
		line++;
		got = read_line(&p, &l);
		if (got < 0) {
			file_problem(f, line, "%s", _("not DATE<TAB>off|work<TAB>name (e.g. 2027-10-01<TAB>off<TAB>国庆节)"));
			continue;
		}
		if (got == 0)
			continue;
		if (file_find(f, l.date)) {
			file_problem(f, line, _("%s is listed twice"), l.day);
			continue;
		}
		if (l.kind[0] == 'w' && date_weekday(l.date) <= 5) {
			file_problem(f, line, _("%s is a weekday: only a Saturday or Sunday can be a make-up workday"), l.day);
			continue;
		}
		date_to_ymd(l.date, &y, &m, &d);
		if (file_add_year(f, y) < 0) {
			file_problem(f, line, "%s", _("the file covers too many years: import one year's notice at a time"));
			continue;
		}
		if (file_add(f, &l) < 0)
			return -1;
	}
	if (f->n == 0 && f->n_errors == 0)
		file_problem(f, line, "%s", _("the file lists no days"));
	f->year = notice_year(f);
	return f->n_errors;
}

int cal_file_load(const char *path, struct cal_file *f, struct yc_err *err)
{
	char *text = yc_read_file(path, CAL_FILE_MAX_BYTES, err);
	int bad;

	memset(f, 0, sizeof *f);
	if (!text)
		return -1;
	bad = cal_file_read(text, f);
	free(text);
	if (bad < 0)
		yc_err_set(err, YC_EINTERNAL, "%s", _("Out of memory."));
	return bad;
}

void cal_file_free(struct cal_file *f)
{
	free(f->e);
	memset(f, 0, sizeof *f);
}

int cal_is_workday(const struct yc_calendar *c, yc_date d)
{
	size_t i = lower_bound(c, d);

	if (i < c->n && c->days[i].day == d)
		return c->days[i].kind == CAL_WORK;
	return date_weekday(d) <= 5;
}

int cal_known(const struct yc_calendar *c, yc_date d)
{
	return !c->known_until || d <= c->known_until;
}

int cal_days_left(const struct yc_calendar *c, yc_date today)
{
	return c->known_until ? (int)(c->known_until - today) : CAL_NO_END;
}

yc_date cal_next_workday_from(const struct yc_calendar *c, yc_date d)
{
	while (!cal_is_workday(c, d))
		d++;
	return d;
}

int cal_appointment_day(const struct yc_calendar *c, yc_date d)
{
	size_t i = lower_bound(c, d);

	if (!cal_known(c, d))
		return 0;

	if (i < c->n && c->days[i].day == d)
		return c->days[i].kind == CAL_WORK;
	return date_weekday(d) <= 6;
}

yc_date cal_add_workdays(const struct yc_calendar *c, yc_date start, int n)
{
	yc_date d = start;

	while (n > 0) {
		d++;
		if (cal_is_workday(c, d))
			n--;
	}
	return d;
}

long cal_workdays_between(const struct yc_calendar *c, yc_date from, yc_date to)
{
	long count = 0;
	yc_date d;

	if (to < from)
		return -cal_workdays_between(c, to, from);
	for (d = from + 1; d <= to; d++)
		count += cal_is_workday(c, d);
	return count;
}
